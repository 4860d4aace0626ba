/* Tests of levels and edges: loudness target, true-peak ceiling, trimmed
 * and faded edges, exact pause lengths. */
#include "level.h"
#include "check.h"

#include <ebur128.h>

#include <math.h>
#include <stdlib.h>

#define RATE 22050
#define PI 3.14159265358979323846

static float *sine(size_t n, double freq, double amp)
{
    float *s = malloc(n * sizeof *s);
    size_t i;

    for (i = 0; s && i < n; i++)
        s[i] = (float)(amp * sin(2.0 * PI * freq * (double)i / RATE));
    return s;
}

/* Integrated loudness as an independent measurement: one pass, no looping. */
static double loudness(const float *s, size_t n)
{
    ebur128_state *st = ebur128_init(1, RATE, EBUR128_MODE_I);
    double lufs = -HUGE_VAL;

    if (st == NULL)
        return lufs;
    ebur128_add_frames_float(st, s, n);
    ebur128_loudness_global(st, &lufs);
    ebur128_destroy(&st);
    return lufs;
}

static double peak(const float *s, size_t n)
{
    double p = 0.0;
    size_t i;

    for (i = 0; i < n; i++)
        if (fabs(s[i]) > p)
            p = fabs(s[i]);
    return p;
}

static void test_target(void)
{
    size_t n = 3 * RATE;
    float *s = sine(n, 440.0, 0.01);

    CHECK(s != NULL);
    CHECK(loudness(s, n) < -35.0);
    CHECK(audio_level(s, n, RATE, 0.0) == DRAMATIS_OK);
    CHECK(fabs(loudness(s, n) - AUDIO_TARGET_LUFS) <= 0.5);
    free(s);

    /* gain_db moves the target */
    s = sine(n, 440.0, 0.5);
    CHECK(audio_level(s, n, RATE, -6.0) == DRAMATIS_OK);
    CHECK(fabs(loudness(s, n) - (AUDIO_TARGET_LUFS - 6.0)) <= 0.5);
    CHECK(audio_level(s, n, RATE, 3.0) == DRAMATIS_OK);
    CHECK(fabs(loudness(s, n) - (AUDIO_TARGET_LUFS + 3.0)) <= 0.5);
    free(s);
}

/* Speech-like bursts with pauses: R128 gating ignores the pauses, so the
 * speech itself reaches the target. */
static void test_gated(void)
{
    size_t n = 6 * RATE, i;
    float *s = sine(n, 300.0, 0.02);

    for (i = 0; s && i < n; i++)
        if ((i / (RATE / 2)) % 3 == 2)
            s[i] = 0.0f;
    CHECK(audio_level(s, n, RATE, 0.0) == DRAMATIS_OK);
    CHECK(fabs(loudness(s, n) - AUDIO_TARGET_LUFS) <= 0.5);
    free(s);
}

static double true_peak_db(const float *s, size_t n)
{
    double p = 0;

    CHECK(audio_true_peak(s, n, RATE, &p) == DRAMATIS_OK);
    return p > 0 ? 20.0 * log10(p) : -HUGE_VAL;
}

/* Overwrites s[at, at + len) with a tone burst: a vowel's loud moment. */
static void burst(float *s, size_t at, size_t len, double freq, double amp)
{
    size_t i;

    for (i = at; i < at + len; i++)
        s[i] = (float)(amp * sin(2.0 * PI * freq * (double)(i - at) / RATE));
}

static void test_ceiling(void)
{
    size_t n = 2 * RATE, i;
    float *s = sine(n, 440.0, 0.3);
    double quiet;

    /* a burst far above the sine: levelling up would push it over */
    burst(s, n / 2, RATE / 250, 1000.0, 0.95);
    CHECK(audio_level(s, n, RATE, 12.0) == DRAMATIS_OK);
    CHECK(true_peak_db(s, n) <= AUDIO_CEILING_DBTP + 0.05);
    CHECK(true_peak_db(s, n) >= AUDIO_CEILING_DBTP - 0.5);   /* limited, not silenced */
    /* the limiter only touched the burst: the sine a quarter second
     * before it is as loud as levelling alone makes it (the old whole-line
     * scaling left it 13 dB under) */
    quiet = peak(s, n / 4);
    CHECK(fabs(20.0 * log10(quiet / peak(s + n / 2 - RATE / 4, RATE / 8))) < 0.1);
    CHECK(fabs(loudness(s, n) - (AUDIO_TARGET_LUFS + 12.0)) <= 0.1);
    free(s);

    /* a loud sine is brought down, far below the ceiling */
    s = sine(n, 440.0, 1.0);
    CHECK(audio_level(s, n, RATE, 0.0) == DRAMATIS_OK);
    CHECK(fabs(loudness(s, n) - AUDIO_TARGET_LUFS) <= 0.5);
    CHECK(peak(s, n) < 0.5);
    free(s);

    /* a peaky line (a loud burst every 250 ms) is as loud as a smooth one:
     * the limiter takes its peaks, the make-up gives the loudness back */
    s = sine(n, 200.0, 0.05);
    for (i = RATE / 8; s && i + RATE / 100 < n; i += RATE / 4)
        burst(s, i, RATE / 100, 700.0, 0.9);
    CHECK(audio_level(s, n, RATE, 0.0) == DRAMATIS_OK);
    CHECK(true_peak_db(s, n) <= AUDIO_CEILING_DBTP + 0.05);
    CHECK(fabs(loudness(s, n) - AUDIO_TARGET_LUFS) <= 0.15);
    free(s);

    /* an inter-sample peak: samples under the ceiling, true peak over it */
    s = sine(n, RATE / 4.0, 1.0);
    for (i = 0; s && i < n; i++)
        s[i] = (float)(0.9 * sin(PI / 2.0 * (double)i + PI / 4.0));
    CHECK(peak(s, n) < 0.65);
    CHECK(true_peak_db(s, n) > -1.0);
    CHECK(audio_level(s, n, RATE, 16.0) == DRAMATIS_OK);
    CHECK(true_peak_db(s, n) <= AUDIO_CEILING_DBTP + 0.05);
    free(s);
}

static void test_trim_and_fade(void)
{
    size_t n = RATE, first, count, i;
    float *s = calloc(n, sizeof *s);
    size_t in = audio_ms_to_samples(AUDIO_FADE_IN_MS, RATE);
    size_t out = audio_ms_to_samples(AUDIO_FADE_OUT_MS, RATE);

    CHECK(s != NULL);
    audio_trim(s, n, &first, &count);
    CHECK(count == 0);
    for (i = 1000; i < 3000; i++)
        s[i] = 0.5f;
    s[999] = 0.00001f;   /* under AUDIO_SILENCE: still silence */
    audio_trim(s, n, &first, &count);
    CHECK(first == 1000 && count == 2000);
    audio_fade_edges(s + first, count, RATE);
    CHECK(s[1000] == 0.0f);                    /* from nothing */
    CHECK(s[1000 + in / 2] > 0.1f && s[1000 + in / 2] < 0.4f);
    CHECK(s[1000 + in] == 0.5f);               /* untouched between the fades */
    CHECK(s[2999 - out] == 0.5f);
    CHECK(s[2999 - out / 2] > 0.1f && s[2999 - out / 2] < 0.4f);
    CHECK(s[2999] == 0.0f);                    /* to nothing */
    for (i = 1001; i < 1000 + in; i++)
        CHECK(s[i] >= s[i - 1]);
    for (i = 2999 - out; i < 2999; i++)
        CHECK(s[i + 1] <= s[i]);
    /* shorter than both fades: nothing over 1, nothing left loud at the edges */
    for (i = 0; i < 10; i++)
        s[i] = 1.0f;
    audio_fade_edges(s, 10, RATE);
    CHECK(s[0] == 0.0f && s[9] == 0.0f && s[4] <= 1.0f);
    free(s);
}

static void test_short_and_silent(void)
{
    size_t long_n = 3 * RATE, short_n = RATE * 3 / 10, tiny_n = RATE / 20, i;
    float *a = sine(long_n, 440.0, 0.01), *b = sine(short_n, 440.0, 0.01);
    float *tiny = sine(tiny_n, 440.0, 0.1), *zero = calloc(long_n, sizeof *zero);

    /* 300 ms is under one R128 block, yet lands where the long one does */
    CHECK(audio_level(a, long_n, RATE, 0.0) == DRAMATIS_OK);
    CHECK(audio_level(b, short_n, RATE, 0.0) == DRAMATIS_OK);
    CHECK(fabs(20.0 * log10(peak(b, short_n) / peak(a, long_n))) <= 0.5);

    /* under AUDIO_LEVEL_MIN_MS: unity plus gain_db, exactly */
    CHECK(audio_level(tiny, tiny_n, RATE, 6.0) == DRAMATIS_OK);
    CHECK(fabs(peak(tiny, tiny_n) - 0.1 * pow(10.0, 6.0 / 20.0)) < 0.002);

    /* silence stays silence */
    CHECK(audio_level(zero, long_n, RATE, 6.0) == DRAMATIS_OK);
    for (i = 0; i < long_n; i++)
        if (zero[i] != 0.0f)
            break;
    CHECK(i == long_n);

    CHECK(audio_level(NULL, 0, RATE, 0.0) == DRAMATIS_OK);
    CHECK(audio_level(NULL, 10, RATE, 0.0) == DRAMATIS_ERR_ARG);
    CHECK(audio_level(a, long_n, 0, 0.0) == DRAMATIS_ERR_ARG);
    CHECK(audio_level(a, long_n, RATE, NAN) == DRAMATIS_ERR_ARG);
    free(a);
    free(b);
    free(tiny);
    free(zero);
}

static void test_ms_to_samples(void)
{
    CHECK(audio_ms_to_samples(1000, 22050) == 22050);
    CHECK(audio_ms_to_samples(250, 22050) == 5512);      /* 5512.5 rounds down */
    CHECK(audio_ms_to_samples(600, 22050) == 13230);
    CHECK(audio_ms_to_samples(7, 22050) == 154);         /* 154.35 */
    CHECK(audio_ms_to_samples(1, 48000) == 48);
    CHECK(audio_ms_to_samples(1500, 22050) == 33075);
    CHECK(audio_ms_to_samples(0, 22050) == 0);
    CHECK(audio_ms_to_samples(-5, 22050) == 0);
    CHECK(audio_ms_to_samples(100, 0) == 0);
    /* 100 hours at 48 kHz: 64-bit arithmetic, no float drift */
    if (sizeof(size_t) >= 8)
        CHECK(audio_ms_to_samples(360000000L, 48000) == (size_t)17280000000ULL);
}

static void test_s16_to_float(void)
{
    const short in[4] = { -32768, 0, 16384, 32767 };
    float out[4];

    audio_s16_to_float(in, out, 4);
    CHECK(out[0] == -1.0f);
    CHECK(out[1] == 0.0f);
    CHECK(out[2] == 0.5f);
    CHECK(out[3] < 1.0f && out[3] > 0.9999f);
}

int main(void)
{
    test_target();
    test_gated();
    test_ceiling();
    test_trim_and_fade();
    test_short_and_silent();
    test_ms_to_samples();
    test_s16_to_float();
    return CHECK_DONE();
}
