/* Tests of levels and pauses: loudness target, peak limit, exact pause lengths. */
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

static void test_never_clips(void)
{
    size_t n = 2 * RATE;
    float *s = sine(n, 440.0, 0.3);

    /* a click far above the sine: levelling up would clip it */
    s[n / 2] = 0.9f;
    s[n / 2 + 1] = -1.0f;
    CHECK(audio_level(s, n, RATE, 12.0) == DRAMATIS_OK);
    CHECK(peak(s, n) <= (float)AUDIO_PEAK_MAX);
    CHECK(peak(s, n) >= AUDIO_PEAK_MAX - 0.001);   /* limited, not silenced */
    /* scaled as a whole, not clipped: the sine keeps its ratio to the click */
    CHECK(fabs(peak(s, n / 2) - 0.3 * AUDIO_PEAK_MAX) < 0.002);
    free(s);

    /* a loud sine is brought down, far below clipping */
    s = sine(n, 440.0, 1.0);
    CHECK(audio_level(s, n, RATE, 0.0) == DRAMATIS_OK);
    CHECK(fabs(loudness(s, n) - AUDIO_TARGET_LUFS) <= 0.5);
    CHECK(peak(s, n) < 0.5);
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
    CHECK(audio_ms_to_samples(AUDIO_PAUSE_SCENE_MS, 22050) == 33075);
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
    test_never_clips();
    test_short_and_silent();
    test_ms_to_samples();
    test_s16_to_float();
    return CHECK_DONE();
}
