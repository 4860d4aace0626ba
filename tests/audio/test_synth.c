/* Tests of the espeak-ng module: voice names, speech in two voices, errors. */
#include "check.h"
#include "error.h"
#include "synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct pcm {
    short *s;
    size_t n, cap;
    int calls;       /* sink calls so far */
    int fail_after;  /* > 0: fail the call with this number */
};

static dramatis_status collect(void *ctx, const short *samples, size_t n)
{
    struct pcm *p = ctx;

    p->calls++;
    if (p->fail_after > 0 && p->calls >= p->fail_after)
        return DRAMATIS_ERR_IO;
    if (p->cap - p->n < n) {
        size_t cap = p->cap ? p->cap * 2 : 65536;
        short *grown;
        while (cap - p->n < n)
            cap *= 2;
        grown = realloc(p->s, cap * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        p->s = grown;
        p->cap = cap;
    }
    memcpy(p->s + p->n, samples, n * sizeof *samples);
    p->n += n;
    return DRAMATIS_OK;
}

static void make_voice(struct voice *v, const char *name, int rate, int pitch, int range)
{
    memset(v, 0, sizeof *v);
    snprintf(v->name, sizeof v->name, "%s", name);
    v->rate = rate;
    v->pitch = pitch;
    v->range = range;
}

static dramatis_status speak(struct synth *s, const char *name, int rate, int pitch,
                             const char *text, struct pcm *out, struct dramatis_error *err)
{
    struct voice v;

    make_voice(&v, name, rate, pitch, -1);
    out->n = 0;
    return synth_speak(s, &v, text, collect, out, err);
}

/* Median pitch (Hz) of the loudest 40 ms frames, by autocorrelation between
 * 60 and 400 Hz: enough to tell a high voice from a low one. */
static double median_f0(const struct pcm *p, int rate)
{
    size_t frame = (size_t)rate / 25, hop = frame / 2, i, k = 0;
    double f0[512], energy_max = 0.0;
    size_t lag_min = (size_t)rate / 400, lag_max = (size_t)rate / 60;

    for (i = 0; i + frame <= p->n; i += hop) {
        double e = 0.0;
        size_t j;
        for (j = 0; j < frame; j++)
            e += (double)p->s[i + j] * p->s[i + j];
        if (e > energy_max)
            energy_max = e;
    }
    for (i = 0; i + frame + lag_max <= p->n && k < 512; i += hop) {
        double e = 0.0, best = 0.0;
        size_t j, lag, best_lag = 0;
        for (j = 0; j < frame; j++)
            e += (double)p->s[i + j] * p->s[i + j];
        if (e < energy_max * 0.25)
            continue;
        for (lag = lag_min; lag <= lag_max; lag++) {
            double c = 0.0;
            for (j = 0; j < frame; j++)
                c += (double)p->s[i + j] * p->s[i + j + lag];
            if (c > best) {
                best = c;
                best_lag = lag;
            }
        }
        if (best_lag)
            f0[k++] = (double)rate / (double)best_lag;
    }
    /* insertion sort: a few hundred values at most */
    for (i = 1; i < k; i++) {
        double v = f0[i];
        size_t j = i;
        while (j > 0 && f0[j - 1] > v) {
            f0[j] = f0[j - 1];
            j--;
        }
        f0[j] = v;
    }
    return k ? f0[k / 2] : 0.0;
}

/* Whether a and b differ by at most the fraction tol of b. */
static int near(double a, double b, double tol)
{
    return fabs(a - b) <= tol * fabs(b);
}

struct listing {
    size_t voices, variants;
    int saw_en_us, en_us_has_en, saw_f3_female, saw_m3_male;
};

static void on_voice(void *ctx, const char *name, const char *languages, int gender)
{
    struct listing *l = ctx;

    (void)gender;
    l->voices++;
    if (strcmp(name, "en-us") == 0) {
        l->saw_en_us = 1;
        l->en_us_has_en = strstr(languages, "en") != NULL;
    }
}

static void on_variant(void *ctx, const char *name, const char *languages, int gender)
{
    struct listing *l = ctx;

    l->variants++;
    if (strcmp(name, "f3") == 0 && gender == DRAMATIS_GENDER_FEMALE && languages[0] == '\0')
        l->saw_f3_female = 1;
    if (strcmp(name, "m3") == 0 && gender == DRAMATIS_GENDER_MALE)
        l->saw_m3_male = 1;
}

static const char sentence[] = "The quick brown fox jumps over the lazy dog, she said.";

static void test_names(struct synth *s)
{
    static const char *const known[] = {
        "en-us", "en-us+f3", "en+m3", "en", "en-gb-x-rp", "en+klatt", "EN-US",
        "English (America)", "gmw/en-US", "en-gb", "en-us+F3", "en+3", "en+13", "en+Mr serious",
    };
    static const char *const unknown[] = {
        "xx", "enn-us", "en-us+zz", "en+", "+f3", "", "nonsense+f3", "en-us+!v/f3",
        "en+0", "en+10", "en+9", "en-us ", "en-us+f3+m3",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz-en",
    };
    size_t i;

    for (i = 0; i < sizeof known / sizeof *known; i++)
        if (!synth_voice_exists(s, known[i])) {
            fprintf(stderr, "voice '%s' should exist\n", known[i]);
            CHECK(0);
        }
    for (i = 0; i < sizeof unknown / sizeof *unknown; i++)
        if (synth_voice_exists(s, unknown[i])) {
            fprintf(stderr, "voice '%s' should not exist\n", unknown[i]);
            CHECK(0);
        }
    CHECK(!synth_voice_exists(s, NULL));
    CHECK(!synth_voice_exists(NULL, "en-us"));

    CHECK_STR(synth_nearest_voice(s, "enn-us"), "en-us");
    CHECK_STR(synth_nearest_voice(s, "en-uss+f3"), "en-us+f3");
    CHECK_STR(synth_nearest_voice(s, "en-us+f33"), "en-us+f3");
    CHECK_STR(synth_nearest_voice(s, "EN-US+F3"), "en-us+f3");
    CHECK_STR(synth_nearest_voice(s, "English (America)"), "en-us");
    CHECK(synth_nearest_voice(s, "qqqqqqqqqq") == NULL);
    CHECK(synth_nearest_voice(s, "en-us+qqqqqqqq") == NULL);
    CHECK(synth_nearest_voice(s, NULL) == NULL);
}

static void test_lists(struct synth *s)
{
    struct listing l;

    memset(&l, 0, sizeof l);
    CHECK(synth_list_voices(s, on_voice, &l) == DRAMATIS_OK);
    CHECK(synth_list_variants(s, on_variant, &l) == DRAMATIS_OK);
    CHECK(l.voices > 50);
    CHECK(l.variants > 20);
    CHECK(l.saw_en_us && l.en_us_has_en);
    CHECK(l.saw_f3_female);
    CHECK(l.saw_m3_male);
    CHECK(synth_list_voices(s, NULL, &l) == DRAMATIS_ERR_ARG);
}

static void test_speech(struct synth *s)
{
    struct dramatis_error err;
    struct pcm high = { 0 }, low = { 0 }, again = { 0 }, fast = { 0 }, slow = { 0 };
    int rate = synth_sample_rate(s);
    double f0_high, f0_low;

    CHECK(rate == 22050);
    error_clear(&err);
    CHECK(speak(s, "en-us+f3", 0, 70, sentence, &high, &err) == DRAMATIS_OK);
    CHECK(speak(s, "en+m3", 0, 30, sentence, &low, &err) == DRAMATIS_OK);
    /* a sentence of ten words lasts seconds, not silence or a click */
    CHECK(high.n > (size_t)rate && high.n < (size_t)rate * 10);
    CHECK(low.n > (size_t)rate && low.n < (size_t)rate * 10);
    CHECK(high.n != low.n || memcmp(high.s, low.s, high.n * sizeof *high.s) != 0);
    f0_high = median_f0(&high, rate);
    f0_low = median_f0(&low, rate);
    CHECK(f0_high > 1.4 * f0_low);
    CHECK(f0_low > 60.0 && f0_high < 400.0);

    /* switching back must restore the first voice: the voice cache may skip
     * espeak-ng calls, never settings.  espeak-ng's output varies by a few
     * samples between runs, so compare length and pitch, not bytes. */
    CHECK(speak(s, "en-us+f3", 0, 70, sentence, &again, &err) == DRAMATIS_OK);
    CHECK(near(again.n, high.n, 0.02));
    CHECK(near(median_f0(&again, rate), f0_high, 0.05));
    /* pitch < 0 is espeak-ng's default, 50 */
    CHECK(speak(s, "en-us", 0, -1, sentence, &again, &err) == DRAMATIS_OK);
    CHECK(speak(s, "en-us", 0, 50, sentence, &slow, &err) == DRAMATIS_OK);
    CHECK(near(again.n, slow.n, 0.02));
    CHECK(near(median_f0(&again, rate), median_f0(&slow, rate), 0.05));
    CHECK(speak(s, "en-us", 0, 90, sentence, &fast, &err) == DRAMATIS_OK);
    CHECK(median_f0(&fast, rate) > 1.2 * median_f0(&slow, rate));

    CHECK(speak(s, "en-us", 300, -1, sentence, &fast, &err) == DRAMATIS_OK);
    CHECK(speak(s, "en-us", 120, -1, sentence, &slow, &err) == DRAMATIS_OK);
    CHECK(fast.n * 10 < slow.n * 7);

    /* "*" is emphasis in prose: not read as "asterisk" */
    CHECK(speak(s, "en-us", 0, -1, "Hello world", &fast, &err) == DRAMATIS_OK);
    CHECK(speak(s, "en-us", 0, -1, "Hello *world*", &slow, &err) == DRAMATIS_OK);
    CHECK(slow.n < fast.n + fast.n / 10);
    /* typography espeak-ng reads as pauses, not as words */
    CHECK(speak(s, "en-us", 0, -1, "I\xe2\x80\x94I don\xe2\x80\x99t know\xe2\x80\xa6", &slow, &err)
          == DRAMATIS_OK);
    CHECK(slow.n > 0 && slow.n < (size_t)rate * 3);
    /* empty text is no error */
    CHECK(speak(s, "en-us", 0, -1, "", &slow, &err) == DRAMATIS_OK);

    free(high.s);
    free(low.s);
    free(again.s);
    free(fast.s);
    free(slow.s);
}

/* Samples of p between its first and last sound (padding left out). */
static size_t sound_len(const struct pcm *p)
{
    size_t first = 0, last = p->n;

    while (first < p->n && p->s[first] == 0)
        first++;
    while (last > first && p->s[last - 1] == 0)
        last--;
    return last - first;
}

/* The longest run of exact silence inside the speech of p, in seconds. */
static double longest_gap(const struct pcm *p, int rate)
{
    size_t i, first = 0, last = p->n, run = 0, best = 0;

    while (first < p->n && p->s[first] == 0)
        first++;
    while (last > first && p->s[last - 1] == 0)
        last--;
    for (i = first; i < last; i++) {
        run = p->s[i] == 0 ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return (double)best / rate;
}

/* The normaliser's SSML: a break is the silence it asks for, stress makes
 * a word longer, and markup is never read aloud. */
static void test_ssml(struct synth *s)
{
    struct dramatis_error err;
    struct pcm plain = { 0 }, broken = { 0 }, stressed = { 0 }, escaped = { 0 };
    int rate = synth_sample_rate(s);

    error_clear(&err);
    CHECK(speak(s, "en-us", 0, -1, "Wait then go", &plain, &err) == DRAMATIS_OK);
    CHECK(speak(s, "en-us", 0, -1, "<speak>Wait <break time=\"700ms\"/>then go</speak>", &broken,
                &err) == DRAMATIS_OK);
    CHECK(longest_gap(&plain, rate) < 0.2);
    CHECK(longest_gap(&broken, rate) > 0.65);
    CHECK(speak(s, "en-us", 0, -1, "<speak>Wait <emphasis>then</emphasis> go</speak>", &stressed,
                &err) == DRAMATIS_OK);
    CHECK(sound_len(&stressed) > sound_len(&plain));
    /* the tags are not words: no longer than the words with a little stress */
    CHECK(sound_len(&stressed) < sound_len(&plain) * 13 / 10);
    /* escaped characters are read as characters: "&amp;" is "and" */
    CHECK(speak(s, "en-us", 0, -1, "<speak>salt &amp; pepper</speak>", &escaped, &err) ==
          DRAMATIS_OK);
    CHECK(speak(s, "en-us", 0, -1, "salt & pepper", &plain, &err) == DRAMATIS_OK);
    CHECK(sound_len(&escaped) > 0 &&
          (double)sound_len(&escaped) / (double)sound_len(&plain) > 0.9 &&
          (double)sound_len(&escaped) / (double)sound_len(&plain) < 1.1);
    free(plain.s);
    free(broken.s);
    free(stressed.s);
    free(escaped.s);
}

static void test_errors(struct synth *s)
{
    struct dramatis_error err;
    struct pcm p = { 0 };
    struct voice v;

    error_clear(&err);
    CHECK(speak(s, "enn-us", 0, -1, sentence, &p, &err) == DRAMATIS_ERR_VOICE);
    CHECK(err.code == DRAMATIS_ERR_VOICE);
    CHECK(strstr(err.message, "unknown voice 'enn-us'") != NULL);
    CHECK(strstr(err.message, "did you mean 'en-us'") != NULL);
    CHECK(p.n == 0);
    error_clear(&err);
    CHECK(speak(s, "en-us+zz", 0, -1, sentence, &p, &err) == DRAMATIS_ERR_VOICE);
    CHECK_STR(err.message, "unknown voice 'en-us+zz'");
    CHECK(speak(s, "xx", 0, -1, sentence, &p, &err) == DRAMATIS_ERR_VOICE);

    /* a sink error stops synthesis and comes back as it is ... */
    p.fail_after = 2;
    p.calls = 0;
    CHECK(speak(s, "en-us", 0, -1, "This sentence is long enough to need several blocks of "
                "audio from the synthesiser before it ends.", &p, &err) == DRAMATIS_ERR_IO);
    CHECK(p.calls == 2);
    /* ... and the engine still works afterwards */
    p.fail_after = 0;
    CHECK(speak(s, "en-us", 0, -1, sentence, &p, &err) == DRAMATIS_OK);
    CHECK(p.n > 0);

    make_voice(&v, "en-us", 0, -1, -1);
    CHECK(synth_speak(s, &v, NULL, collect, &p, &err) == DRAMATIS_ERR_ARG);
    CHECK(synth_speak(s, &v, "x", NULL, &p, &err) == DRAMATIS_ERR_ARG);
    free(p.s);
}

/* Engines are shared and restarted: a second synth, then a fresh start. */
static void test_lifetime(void)
{
    struct synth *a = NULL, *b = NULL;
    struct pcm p = { 0 };
    struct dramatis_error err;

    CHECK(synth_new(&a, &err) == DRAMATIS_OK);
    CHECK(synth_new(&b, &err) == DRAMATIS_OK);
    synth_free(a);
    CHECK(speak(b, "en+m3", 0, -1, "Still here.", &p, &err) == DRAMATIS_OK);
    CHECK(p.n > 0);
    synth_free(b);
    a = NULL;
    CHECK(synth_new(&a, &err) == DRAMATIS_OK);
    CHECK(synth_voice_exists(a, "en-us+f3"));
    CHECK(speak(a, "en-us+f3", 0, -1, "Back again.", &p, &err) == DRAMATIS_OK);
    CHECK(p.n > 0);
    synth_free(a);
    synth_free(NULL);
    free(p.s);
}

/* A long line split for synthesis a few sentences at a time: pieces end at
 * sentence ends outside phonemes, tags and emphasis, SSML stays SSML, and
 * nothing is lost or added. */
static void test_split(void)
{
    char long_text[4096], *joined;
    char **p = NULL;
    size_t n = 0, i, len = 0, k;

    CHECK(synth_split("Short enough.", 100, &p, &n) == DRAMATIS_OK);
    CHECK(n == 1 && p && strcmp(p[0], "Short enough.") == 0);
    synth_pieces_free(p, n);

    /* plain: cut after "two." and after "four." (each piece reaches 20 bytes) */
    CHECK(synth_split("One two. Three four. Five six.", 12, &p, &n) == DRAMATIS_OK);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(p[0], "One two.");
        CHECK_STR(p[1], "Three four.");
        CHECK_STR(p[2], "Five six.");
    }
    synth_pieces_free(p, n);

    /* never inside [[phonemes]] (their dots are no sentence end) */
    CHECK(synth_split("Ask [[a. b. c.]] now. Then go.", 12, &p, &n) == DRAMATIS_OK);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(p[0], "Ask [[a. b. c.]] now.");
        CHECK_STR(p[1], "Then go.");
    }
    synth_pieces_free(p, n);

    /* SSML: each piece its own <speak>, never inside emphasis or a tag;
     * a stop right after a tag is left out (espeak-ng says "dot") */
    CHECK(synth_split("<speak>I <emphasis>said. No.</emphasis> Wait <break time=\"300ms\"/>. "
                      "Go home now.</speak>", 30, &p, &n) == DRAMATIS_OK);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(p[0], "<speak>I <emphasis>said. No.</emphasis> Wait <break time=\"300ms\"/></speak>");
        CHECK_STR(p[1], "<speak>Go home now.</speak>");
    }
    synth_pieces_free(p, n);

    /* no sentence end: cut at a space after twice the size */
    CHECK(synth_split("aaaa bbbb cccc dddd eeee ffff", 5, &p, &n) == DRAMATIS_OK);
    CHECK(n >= 2);
    for (i = 0; i < n; i++)
        CHECK(strlen(p[i]) <= 14 && p[i][0] != ' ');
    synth_pieces_free(p, n);

    /* a long line: every word kept, in order, pieces near the size */
    long_text[0] = '\0';
    for (k = 0; strlen(long_text) + 40 < sizeof long_text; k++) {
        char sentence[48];
        snprintf(sentence, sizeof sentence, "Sentence number %zu is here. ", k);
        strncat(long_text, sentence, sizeof long_text - strlen(long_text) - 1);
    }
    CHECK(synth_split(long_text, 500, &p, &n) == DRAMATIS_OK);
    CHECK(n >= 7 && n <= 9);
    joined = calloc(sizeof long_text + n, 1);
    for (i = 0; joined && i < n; i++) {
        CHECK(strlen(p[i]) <= 540);
        CHECK(p[i][strlen(p[i]) - 1] == '.');
        if (i > 0)
            strcat(joined, " ");
        strcat(joined, p[i]);
        len += strlen(p[i]);
    }
    CHECK(joined && strncmp(joined, long_text, strlen(joined)) == 0);
    CHECK(joined && strlen(joined) + 1 == strlen(long_text));
    free(joined);
    synth_pieces_free(p, n);
    (void)len;
}

int main(void)
{
    struct synth *s = NULL;
    struct dramatis_error err;

    error_clear(&err);
    CHECK(synth_new(&s, &err) == DRAMATIS_OK);
    if (s == NULL) {
        fprintf(stderr, "synth_new: %s\n", err.message);
        return 1;
    }
    test_names(s);
    test_lists(s);
    test_speech(s);
    test_ssml(s);
    test_errors(s);
    synth_free(s);
    test_lifetime();
    test_split();
    return CHECK_DONE();
}
