/* Levels and pauses: EBU R128 loudness levelling of speech, peak-safe. */
#include "level.h"

#include <ebur128.h>

#include <math.h>
#include <stdint.h>

/* The R128 gating block; shorter input is looped to this long to measure. */
#define AUDIO_BLOCK_MS 400
#define AUDIO_LOOP_MS 1000

/* Integrated loudness of samples in LUFS, or -HUGE_VAL when there is too
 * little or only silence. */
static dramatis_status measure(const float *samples, size_t n, int rate, double *lufs)
{
    ebur128_state *st = NULL;
    size_t fed = 0, need;
    dramatis_status status = DRAMATIS_OK;

    *lufs = -HUGE_VAL;
    if (n < audio_ms_to_samples(AUDIO_LEVEL_MIN_MS, rate))
        return DRAMATIS_OK;
    st = ebur128_init(1, (unsigned long)rate, EBUR128_MODE_I);
    if (st == NULL)
        return DRAMATIS_ERR_NOMEM;
    /* a short word still deserves its neighbours' level: repeating it gives
     * R128 whole blocks of that word and nothing else */
    need = n < audio_ms_to_samples(AUDIO_BLOCK_MS, rate) ? audio_ms_to_samples(AUDIO_LOOP_MS, rate)
                                                         : n;
    while (fed < need) {
        if (ebur128_add_frames_float(st, samples, n) != EBUR128_SUCCESS) {
            status = DRAMATIS_ERR_NOMEM;
            goto fail;
        }
        fed += n;
    }
    if (ebur128_loudness_global(st, lufs) != EBUR128_SUCCESS)
        *lufs = -HUGE_VAL;
fail:
    ebur128_destroy(&st);
    return status;
}

dramatis_status audio_level(float *samples, size_t n, int rate, double gain_db)
{
    double lufs, scale, peak = 0.0;
    dramatis_status st;
    size_t i;

    if (n == 0)
        return DRAMATIS_OK;
    if (samples == NULL || rate <= 0 || !isfinite(gain_db))
        return DRAMATIS_ERR_ARG;
    st = measure(samples, n, rate, &lufs);
    if (st != DRAMATIS_OK)
        return st;
    scale = pow(10.0, gain_db / 20.0);
    if (isfinite(lufs))
        scale *= pow(10.0, (AUDIO_TARGET_LUFS - lufs) / 20.0);
    /* the sample peak, as EBUR128_MODE_SAMPLE_PEAK would report it */
    for (i = 0; i < n; i++) {
        double a = fabs((double)samples[i]);
        if (a > peak)
            peak = a;
    }
    if (peak * scale > AUDIO_PEAK_MAX)
        scale = AUDIO_PEAK_MAX / peak;
    for (i = 0; i < n; i++) {
        double v = samples[i] * scale;
        /* float rounding must not undo the peak guarantee */
        if (v > AUDIO_PEAK_MAX)
            v = AUDIO_PEAK_MAX;
        else if (v < -AUDIO_PEAK_MAX)
            v = -AUDIO_PEAK_MAX;
        samples[i] = (float)v;
    }
    return DRAMATIS_OK;
}

size_t audio_ms_to_samples(long ms, int rate)
{
    unsigned long long n;

    if (ms <= 0 || rate <= 0)
        return 0;
    n = (unsigned long long)ms * (unsigned long long)rate / 1000u;
    return n > SIZE_MAX ? SIZE_MAX : (size_t)n;
}

void audio_s16_to_float(const short *in, float *out, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        out[i] = (float)in[i] / 32768.0f;
}
