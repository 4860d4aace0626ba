/* Speech synthesis through libespeak-ng: voice names checked against what
 * espeak-ng offers, samples handed to the caller's sink as they come. */
#include "synth.h"

#include "error.h"
#include "text.h"

#include <espeak-ng/speak_lib.h>

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* espeak-ng hands audio to the callback in blocks of this many ms. */
#define SYNTH_BUFFER_MS 500

#define SYNTH_DEFAULT_RATE 175
#define SYNTH_DEFAULT_PITCH 50
#define SYNTH_DEFAULT_RANGE 50
#define SYNTH_MIN_RATE 80
#define SYNTH_MAX_RATE 450

/* espeak-ng copies a voice name into 40 bytes and "name+variant" into 60;
 * a longer name would be cut silently, so it counts as unknown instead. */
#define SYNTH_NAME_MAX 40
#define SYNTH_SPEC_MAX 60

/* espeak_VOICE.gender values (espeak-ng's ENGENDER_*, not in its public header). */
#define SYNTH_ESPEAK_MALE 1
#define SYNTH_ESPEAK_FEMALE 2

struct known_voice {
    char *name;        /* last part of the identifier, lowercase: "en-us" */
    char *identifier;  /* "gmw/en-US" */
    char *title;       /* espeak-ng's display name: "English (America)" */
    char *languages;   /* espeak-ng's list: priority byte, code, NUL, ...; 0 ends */
    int gender;        /* dramatis_gender */
};

struct known_variant {
    char *name;        /* file name in voices/!v, exactly: "f3", "Alex" */
    int gender;
};

/* The process's one espeak-ng engine.  espeak-ng keeps all its state in
 * globals, so this does too; the voice lists stay unchanged while any synth
 * exists, which lets lookups run without the lock. */
struct engine {
    size_t users;
    int rate;
    struct known_voice *voices;
    size_t n_voices;
    struct known_variant *variants;
    size_t n_variants;
    /* what espeak-ng is set to, so a run of segments in one voice does not
     * reload the voice files; "" when unknown */
    char spec[SYNTH_SPEC_MAX];
    int spec_rate, spec_pitch, spec_range;
    /* the synth_speak() call in progress, for the callback */
    synth_sink sink;
    void *sink_ctx;
    dramatis_status sink_status;
};

static pthread_mutex_t engine_lock = PTHREAD_MUTEX_INITIALIZER;
static struct engine engine;

struct synth {
    int rate;
    char suggestion[SYNTH_SPEC_MAX + SYNTH_NAME_MAX];
};

static char *copy_string(const char *s)
{
    size_t n = strlen(s ? s : "");
    char *p = malloc(n + 1);

    if (p == NULL)
        return NULL;
    memcpy(p, s ? s : "", n);
    p[n] = '\0';
    return p;
}

static int from_espeak_gender(int gender)
{
    if (gender == SYNTH_ESPEAK_MALE)
        return DRAMATIS_GENDER_MALE;
    if (gender == SYNTH_ESPEAK_FEMALE)
        return DRAMATIS_GENDER_FEMALE;
    return DRAMATIS_GENDER_UNKNOWN;
}

static const char *last_part(const char *identifier)
{
    const char *slash = strrchr(identifier, '/');

    return slash ? slash + 1 : identifier;
}

/* Size of espeak-ng's languages block, its closing 0 included. */
static size_t languages_size(const char *p)
{
    size_t n = 0;

    while (p[n] != 0) {
        n++;                      /* priority */
        n += strlen(p + n) + 1;   /* code and its NUL */
    }
    return n + 1;
}

static void free_lists(void)
{
    size_t i;

    for (i = 0; i < engine.n_voices; i++) {
        free(engine.voices[i].name);
        free(engine.voices[i].identifier);
        free(engine.voices[i].title);
        free(engine.voices[i].languages);
    }
    for (i = 0; i < engine.n_variants; i++)
        free(engine.variants[i].name);
    free(engine.voices);
    free(engine.variants);
    engine.voices = NULL;
    engine.variants = NULL;
    engine.n_voices = 0;
    engine.n_variants = 0;
}

static dramatis_status add_voice(const espeak_VOICE *v)
{
    struct known_voice *kv = &engine.voices[engine.n_voices];
    size_t size, i;

    memset(kv, 0, sizeof *kv);
    kv->identifier = copy_string(v->identifier);
    kv->name = copy_string(last_part(v->identifier ? v->identifier : ""));
    kv->title = copy_string(v->name);
    size = languages_size(v->languages ? v->languages : "");
    kv->languages = malloc(size);
    if (kv->identifier == NULL || kv->name == NULL || kv->title == NULL ||
        kv->languages == NULL) {
        free(kv->identifier);
        free(kv->name);
        free(kv->title);
        free(kv->languages);
        return DRAMATIS_ERR_NOMEM;
    }
    memcpy(kv->languages, v->languages ? v->languages : "", size);
    for (i = 0; kv->name[i]; i++)
        kv->name[i] = (char)tolower((unsigned char)kv->name[i]);
    kv->gender = from_espeak_gender(v->gender);
    engine.n_voices++;
    return DRAMATIS_OK;
}

/* Copies espeak-ng's voice and variant lists: each espeak_ListVoices() call
 * frees the list the previous one returned. */
static dramatis_status load_lists(void)
{
    const espeak_VOICE **list;
    espeak_VOICE spec;
    size_t n, i;

    list = espeak_ListVoices(NULL);
    for (n = 0; list && list[n]; n++)
        ;
    engine.voices = calloc(n ? n : 1, sizeof *engine.voices);
    if (engine.voices == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (i = 0; i < n; i++) {
        if (list[i]->identifier == NULL)
            continue;
        if (add_voice(list[i]) != DRAMATIS_OK)
            return DRAMATIS_ERR_NOMEM;
    }

    memset(&spec, 0, sizeof spec);
    spec.languages = "variant";
    list = espeak_ListVoices(&spec);
    for (n = 0; list && list[n]; n++)
        ;
    engine.variants = calloc(n ? n : 1, sizeof *engine.variants);
    if (engine.variants == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (i = 0; i < n; i++) {
        struct known_variant *kv = &engine.variants[engine.n_variants];
        /* espeak-ng loads a variant from voices/!v/<name>, nothing else */
        if (list[i]->identifier == NULL || strncmp(list[i]->identifier, "!v/", 3) != 0)
            continue;
        kv->name = copy_string(list[i]->identifier + 3);
        if (kv->name == NULL)
            return DRAMATIS_ERR_NOMEM;
        kv->gender = from_espeak_gender(list[i]->gender);
        engine.n_variants++;
    }
    return DRAMATIS_OK;
}

static int synth_callback(short *wav, int n, espeak_EVENT *events)
{
    (void)events;
    if (engine.sink == NULL || engine.sink_status != DRAMATIS_OK)
        return 1;
    if (wav == NULL || n <= 0)
        return 0;
    engine.sink_status = engine.sink(engine.sink_ctx, wav, (size_t)n);
    /* 1 asks espeak-ng to stop this text */
    return engine.sink_status == DRAMATIS_OK ? 0 : 1;
}

/* Called with the lock held, by the first synth.  espeak-ng starts once
 * per process and is never terminated: in espeak-ng 1.51 espeak_Terminate()
 * after a second espeak_Initialize() waits forever on its own thread. */
static dramatis_status engine_start(struct dramatis_error *err)
{
    static int espeak_rate;

    if (espeak_rate <= 0) {
        espeak_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, SYNTH_BUFFER_MS, NULL,
                                        espeakINITIALIZE_DONT_EXIT);
        if (espeak_rate <= 0)
            return error_set(err, DRAMATIS_ERR_SYNTH, NULL, 0,
                             "cannot start espeak-ng (is espeak-ng-data installed?)");
        espeak_SetSynthCallback(synth_callback);
        /* a novel's punctuation is for phrasing, never to be read out */
        espeak_SetParameter(espeakPUNCTUATION, espeakPUNCT_NONE, 0);
        espeak_SetParameter(espeakCAPITALS, 0, 0);
    }
    engine.rate = espeak_rate;
    if (load_lists() != DRAMATIS_OK) {
        free_lists();
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    }
    if (engine.n_voices == 0) {
        free_lists();
        return error_set(err, DRAMATIS_ERR_SYNTH, NULL, 0, "espeak-ng offers no voices");
    }
    engine.spec[0] = '\0';
    return DRAMATIS_OK;
}

/* Frees the lists; espeak-ng itself stays (see engine_start). */
static void engine_stop(void)
{
    free_lists();
    memset(&engine, 0, sizeof engine);
}

dramatis_status synth_new(struct synth **out, struct dramatis_error *err)
{
    struct synth *s;
    dramatis_status st = DRAMATIS_OK;

    if (out == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "synth_new: no output pointer");
    *out = NULL;
    s = calloc(1, sizeof *s);
    if (s == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    pthread_mutex_lock(&engine_lock);
    if (engine.users == 0)
        st = engine_start(err);
    if (st == DRAMATIS_OK) {
        engine.users++;
        s->rate = engine.rate;
    }
    pthread_mutex_unlock(&engine_lock);
    if (st != DRAMATIS_OK)
        goto fail;
    *out = s;
    return DRAMATIS_OK;
fail:
    free(s);
    return st;
}

void synth_free(struct synth *s)
{
    if (s == NULL)
        return;
    pthread_mutex_lock(&engine_lock);
    if (engine.users > 0) {
        engine.users--;
        if (engine.users == 0)
            engine_stop();
    }
    pthread_mutex_unlock(&engine_lock);
    free(s);
}

int synth_sample_rate(const struct synth *s)
{
    return s ? s->rate : 0;
}

/* Splits "base+variant" into NUL-terminated parts; 0 when a part is empty
 * or too long for espeak-ng.  *variant is "" when there is no '+'. */
static int split_name(const char *name, char *base, char *variant)
{
    const char *plus;
    size_t n;

    if (name == NULL)
        return 0;
    plus = strchr(name, '+');
    n = plus ? (size_t)(plus - name) : strlen(name);
    if (n == 0 || n >= SYNTH_NAME_MAX)
        return 0;
    memcpy(base, name, n);
    base[n] = '\0';
    variant[0] = '\0';
    if (plus == NULL)
        return 1;
    n = strlen(plus + 1);
    if (n == 0 || n >= SYNTH_NAME_MAX)
        return 0;
    memcpy(variant, plus + 1, n + 1);
    return 1;
}

/* Matches a voice in the order espeak-ng's own lookup uses (display name,
 * identifier, identifier's last part), then by a language code it lists,
 * taking the voice with the best (lowest) priority for that code. */
static const struct known_voice *find_voice(const char *base)
{
    const struct known_voice *by_id = NULL, *by_part = NULL, *by_lang = NULL;
    int best_priority = 256;
    size_t i;

    for (i = 0; i < engine.n_voices; i++) {
        const struct known_voice *kv = &engine.voices[i];
        if (strcasecmp(base, kv->title) == 0)
            return kv;
        if (by_id == NULL && strcasecmp(base, kv->identifier) == 0)
            by_id = kv;
        if (by_part == NULL && strcasecmp(base, kv->name) == 0)
            by_part = kv;
    }
    if (by_id)
        return by_id;
    if (by_part)
        return by_part;
    for (i = 0; i < engine.n_voices; i++) {
        const char *p = engine.voices[i].languages;
        while (*p != 0) {
            int priority = (unsigned char)*p++;
            if (strcasecmp(base, p) == 0 && priority < best_priority) {
                best_priority = priority;
                by_lang = &engine.voices[i];
            }
            p += strlen(p) + 1;
        }
    }
    return by_lang;
}

/* The variant's file name, matched ignoring case (espeak-ng itself would
 * silently skip "F3"), or NULL.  Digits are espeak-ng's numbered variants. */
static const char *find_variant(const char *variant)
{
    char numbered[8];
    size_t i;

    if (isdigit((unsigned char)variant[0])) {
        char *end;
        long v = strtol(variant, &end, 10);
        if (*end != '\0' || v < 1 || v > 19 || v == 10)
            return NULL;
        snprintf(numbered, sizeof numbered, "%c%ld", v < 10 ? 'm' : 'f', v < 10 ? v : v - 10);
        variant = numbered;
    }
    for (i = 0; i < engine.n_variants; i++)
        if (strcasecmp(variant, engine.variants[i].name) == 0)
            return engine.variants[i].name;
    return NULL;
}

/* The string espeak_SetVoiceByName() gets for name ("gmw/en-US+f3"), or 0
 * when the voice or its variant is unknown. */
static int resolve(const char *name, char *spec, size_t size)
{
    char base[SYNTH_NAME_MAX], variant[SYNTH_NAME_MAX];
    const struct known_voice *kv;
    const char *file = NULL;
    int n;

    if (!split_name(name, base, variant))
        return 0;
    kv = find_voice(base);
    if (kv == NULL)
        return 0;
    if (variant[0]) {
        file = find_variant(variant);
        if (file == NULL)
            return 0;
    }
    n = snprintf(spec, size, "%s%s%s", kv->identifier, file ? "+" : "", file ? file : "");
    return n > 0 && (size_t)n < size;
}

int synth_voice_exists(struct synth *s, const char *name)
{
    char spec[SYNTH_SPEC_MAX];

    if (s == NULL)
        return 0;
    return resolve(name, spec, sizeof spec);
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Sets espeak-ng's voice and prosody unless they are already so.  Called
 * with the lock held. */
static dramatis_status engine_set_voice(const char *spec, int rate, int pitch, int range,
                                        struct dramatis_error *err)
{
    if (strcmp(spec, engine.spec) != 0) {
        if (espeak_SetVoiceByName(spec) != EE_OK) {
            engine.spec[0] = '\0';
            return error_set(err, DRAMATIS_ERR_VOICE, NULL, 0,
                             "espeak-ng cannot load voice '%s'", spec);
        }
        snprintf(engine.spec, sizeof engine.spec, "%s", spec);
        /* a new voice may bring its own settings: set all three again */
        engine.spec_rate = engine.spec_pitch = engine.spec_range = -1;
    }
    if ((rate != engine.spec_rate && espeak_SetParameter(espeakRATE, rate, 0) != EE_OK) ||
        (pitch != engine.spec_pitch && espeak_SetParameter(espeakPITCH, pitch, 0) != EE_OK) ||
        (range != engine.spec_range && espeak_SetParameter(espeakRANGE, range, 0) != EE_OK)) {
        engine.spec[0] = '\0';
        return error_set(err, DRAMATIS_ERR_SYNTH, NULL, 0,
                         "espeak-ng refused rate %d, pitch %d or range %d", rate, pitch, range);
    }
    engine.spec_rate = rate;
    engine.spec_pitch = pitch;
    engine.spec_range = range;
    return DRAMATIS_OK;
}

/* A copy of text for espeak-ng, with the markup characters it would name
 * aloud ("asterisk", "tilde") turned into spaces: in prose they are emphasis
 * or decoration ("*Never*", "Hello~"), not words. */
static char *plain_text(const char *text)
{
    char *copy = copy_string(text);
    size_t i;
    int phonemes = 0;

    for (i = 0; copy && copy[i]; i++) {
        /* [[phonemes]] are espeak-ng's own input: left as they are */
        if (copy[i] == '[' && copy[i + 1] == '[')
            phonemes = 1;
        else if (copy[i] == ']' && copy[i + 1] == ']')
            phonemes = 0;
        if (!phonemes && (copy[i] == '*' || copy[i] == '~' || copy[i] == '\\'))
            copy[i] = ' ';
    }
    return copy;
}

dramatis_status synth_speak(struct synth *s, const struct voice *voice, const char *text,
                            synth_sink sink, void *ctx, struct dramatis_error *err)
{
    char name[sizeof voice->name];
    char spec[SYNTH_SPEC_MAX];
    char *plain;
    espeak_ERROR rc;
    dramatis_status st, sink_status;
    int rate, pitch, range, ssml;

    if (s == NULL || voice == NULL || text == NULL || sink == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "synth_speak: missing argument");
    /* the name need not be terminated within its array */
    memcpy(name, voice->name, sizeof name);
    name[sizeof name - 1] = '\0';
    if (!resolve(name, spec, sizeof spec)) {
        const char *near = synth_nearest_voice(s, name);
        if (near)
            return error_set(err, DRAMATIS_ERR_VOICE, NULL, 0,
                             "unknown voice '%s' (did you mean '%s'?)", name, near);
        return error_set(err, DRAMATIS_ERR_VOICE, NULL, 0, "unknown voice '%s'", name);
    }
    rate = voice->rate <= 0 ? SYNTH_DEFAULT_RATE
                            : clamp(voice->rate, SYNTH_MIN_RATE, SYNTH_MAX_RATE);
    pitch = voice->pitch < 0 ? SYNTH_DEFAULT_PITCH : clamp(voice->pitch, 0, 100);
    range = voice->range < 0 ? SYNTH_DEFAULT_RANGE : clamp(voice->range, 0, 100);
    /* the normaliser's SSML: pauses and stress (normalize.h) */
    ssml = strncmp(text, "<speak>", 7) == 0;
    plain = plain_text(text);
    if (plain == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);

    pthread_mutex_lock(&engine_lock);
    st = engine_set_voice(spec, rate, pitch, range, err);
    if (st == DRAMATIS_OK) {
        engine.sink = sink;
        engine.sink_ctx = ctx;
        engine.sink_status = DRAMATIS_OK;
        rc = espeak_Synth(plain, strlen(plain) + 1, 0, POS_CHARACTER, 0,
                          espeakCHARS_UTF8 | espeakPHONEMES | (ssml ? espeakSSML : 0), NULL,
                          NULL);
        sink_status = engine.sink_status;
        engine.sink = NULL;
        engine.sink_ctx = NULL;
        if (sink_status != DRAMATIS_OK || rc != EE_OK)
            engine.spec[0] = '\0';   /* a stopped text may leave espeak-ng mid-voice */
        if (sink_status != DRAMATIS_OK)
            st = error_set(err, sink_status, NULL, 0, "speech output stopped: %s",
                           dramatis_strerror(sink_status));
        else if (rc != EE_OK)
            st = error_set(err, DRAMATIS_ERR_SYNTH, NULL, 0,
                           "espeak-ng failed to speak with voice '%s'", name);
    }
    pthread_mutex_unlock(&engine_lock);
    free(plain);
    return st;
}

void synth_pieces_free(char **pieces, size_t n)
{
    size_t i;

    for (i = 0; pieces && i < n; i++)
        free(pieces[i]);
    free(pieces);
}

/* Appends body[a, b), trimmed, as a piece (wrapped in <speak> when ssml).
 * espeak-ng 1.51 reads a full stop that ends SSML right after a tag as
 * "dot" (normalize.h), so such a stop is left out. */
static dramatis_status add_piece(char ***pieces, size_t *n, size_t *cap, const char *body,
                                 size_t a, size_t b, int ssml)
{
    size_t len;
    char *piece;

    text_trim(body, &a, &b);
    if (a == b)
        return DRAMATIS_OK;
    if (ssml && b - a >= 2 && body[b - 1] == '.' && body[b - 2] == '>')
        b--;
    if (*n == *cap) {
        size_t grown_cap = *cap ? *cap * 2 : 8;
        char **grown = realloc(*pieces, grown_cap * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        *pieces = grown;
        *cap = grown_cap;
    }
    len = b - a + (ssml ? 15 : 0);
    piece = malloc(len + 1);
    if (piece == NULL)
        return DRAMATIS_ERR_NOMEM;
    snprintf(piece, len + 1, "%s%.*s%s", ssml ? "<speak>" : "", (int)(b - a), body + a,
             ssml ? "</speak>" : "");
    (*pieces)[(*n)++] = piece;
    return DRAMATIS_OK;
}

dramatis_status synth_split(const char *text, size_t max, char ***pieces, size_t *n)
{
    size_t len = strlen(text), a, i, cap = 0, sentence = 0, space = 0, body_end;
    int ssml = strncmp(text, "<speak>", 7) == 0, in_tag = 0, phonemes = 0, emphasis = 0;
    const char *body = text;
    dramatis_status st = DRAMATIS_OK;

    *pieces = NULL;
    *n = 0;
    if (max == 0)
        max = 1;
    body_end = len;
    if (ssml) {
        body += 7;
        body_end = len - 7;
        if (body_end >= 8 && strcmp(body + body_end - 8, "</speak>") == 0)
            body_end -= 8;
    }
    if (len <= max) {
        *pieces = malloc(sizeof **pieces);
        if (*pieces == NULL)
            return DRAMATIS_ERR_NOMEM;
        (*pieces)[0] = copy_string(text);
        if ((*pieces)[0] == NULL) {
            free(*pieces);
            *pieces = NULL;
            return DRAMATIS_ERR_NOMEM;
        }
        *n = 1;
        return DRAMATIS_OK;
    }
    a = 0;
    for (i = 0; st == DRAMATIS_OK && i < body_end;) {
        size_t k;
        int32_t cp = text_cp_at(body, i, body_end, &k);
        int cut_here = !in_tag && !phonemes && emphasis == 0;

        if (body[i] == '[' && i + 1 < body_end && body[i + 1] == '[')
            phonemes = 1;
        else if (phonemes && body[i] == ']' && i + 1 < body_end && body[i + 1] == ']')
            phonemes = 0;
        else if (ssml && !phonemes && body[i] == '<') {
            in_tag = 1;
            if (strncmp(body + i, "<emphasis", 9) == 0)
                emphasis++;
            else if (strncmp(body + i, "</emphasis", 10) == 0 && emphasis > 0)
                emphasis--;
        } else if (ssml && in_tag && body[i] == '>') {
            in_tag = 0;
        }
        i += k;
        /* a sentence ends before the space after its mark (and any
         * closing quote): that is where a piece may stop */
        if (cut_here && text_is_sentence_end_cp(cp) && i < body_end &&
            text_space_len(body, i, body_end) > 0)
            sentence = i;
        else if (cut_here && text_is_space_cp(cp))
            space = i;
        if (i - a >= max && sentence > a) {
            st = add_piece(pieces, n, &cap, body, a, sentence, ssml);
            a = sentence;
        } else if (i - a >= 2 * max && space > a) {
            st = add_piece(pieces, n, &cap, body, a, space, ssml);
            a = space;
        }
    }
    if (st == DRAMATIS_OK)
        st = add_piece(pieces, n, &cap, body, a, body_end, ssml);
    if (st != DRAMATIS_OK) {
        synth_pieces_free(*pieces, *n);
        *pieces = NULL;
        *n = 0;
    }
    return st;
}

/* Levenshtein distance ignoring ASCII case; names are short (< 64 bytes). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t prev[SYNTH_SPEC_MAX + 1], cur[SYNTH_SPEC_MAX + 1];
    size_t la = strlen(a), lb = strlen(b), i, j;

    if (la > SYNTH_SPEC_MAX || lb > SYNTH_SPEC_MAX)
        return (size_t)-1;
    for (j = 0; j <= lb; j++)
        prev[j] = j;
    for (i = 1; i <= la; i++) {
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

/* A third of the typed length, at least one edit and at most three: close
 * enough to be a typo, not a different name. */
static size_t typo_limit(const char *typed)
{
    size_t limit = strlen(typed) / 3;

    return limit < 1 ? 1 : limit > 3 ? 3 : limit;
}

static const char *nearest_base(const char *base)
{
    const struct known_voice *kv = find_voice(base);
    const char *best = NULL;
    size_t best_d = (size_t)-1, i;

    if (kv)
        return kv->name;
    for (i = 0; i < engine.n_voices; i++) {
        size_t d = edit_distance(base, engine.voices[i].name);
        if (d < best_d) {
            best_d = d;
            best = engine.voices[i].name;
        }
    }
    return best_d <= typo_limit(base) ? best : NULL;
}

static const char *nearest_variant(const char *variant)
{
    const char *found = find_variant(variant);
    const char *best = NULL;
    size_t best_d = (size_t)-1, i;

    if (found)
        return found;
    for (i = 0; i < engine.n_variants; i++) {
        size_t d = edit_distance(variant, engine.variants[i].name);
        if (d < best_d) {
            best_d = d;
            best = engine.variants[i].name;
        }
    }
    return best_d <= typo_limit(variant) ? best : NULL;
}

const char *synth_nearest_voice(struct synth *s, const char *name)
{
    char base[SYNTH_NAME_MAX], variant[SYNTH_NAME_MAX];
    const char *near_base, *near_variant = NULL;

    if (s == NULL || !split_name(name, base, variant))
        return NULL;
    near_base = nearest_base(base);
    if (near_base == NULL)
        return NULL;
    if (variant[0]) {
        near_variant = nearest_variant(variant);
        if (near_variant == NULL)
            return NULL;
    }
    snprintf(s->suggestion, sizeof s->suggestion, "%s%s%s", near_base,
             near_variant ? "+" : "", near_variant ? near_variant : "");
    return s->suggestion;
}

dramatis_status synth_list_voices(struct synth *s, synth_list_fn fn, void *ctx)
{
    char languages[320];
    size_t i;

    if (s == NULL || fn == NULL)
        return DRAMATIS_ERR_ARG;
    for (i = 0; i < engine.n_voices; i++) {
        const char *p = engine.voices[i].languages;
        size_t len = 0;
        languages[0] = '\0';
        while (*p != 0) {
            int n;
            p++;   /* priority */
            n = snprintf(languages + len, sizeof languages - len, "%s%s", len ? " " : "", p);
            if (n < 0 || (size_t)n >= sizeof languages - len)
                break;
            len += (size_t)n;
            p += strlen(p) + 1;
        }
        fn(ctx, engine.voices[i].name, languages, engine.voices[i].gender);
    }
    return DRAMATIS_OK;
}

dramatis_status synth_list_variants(struct synth *s, synth_list_fn fn, void *ctx)
{
    size_t i;

    if (s == NULL || fn == NULL)
        return DRAMATIS_ERR_ARG;
    for (i = 0; i < engine.n_variants; i++)
        fn(ctx, engine.variants[i].name, "", engine.variants[i].gender);
    return DRAMATIS_OK;
}
