/* Levels and edges: EBU R128 levelling of speech under a true-peak ceiling
 * kept by a lookahead limiter, and the trimmed, faded edges of a line. */
#include "level.h"

#include <ebur128.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The R128 gating block; shorter input is looped to this long to measure. */
#define AUDIO_BLOCK_MS 400
#define AUDIO_LOOP_MS 1000

/* The limiter reads the true peak in blocks of this many samples (1.5 ms
 * at espeak-ng's 22050 Hz): fine enough to touch only the peak. */
#define LIMIT_BLOCK 32

/* Limiting rounds: each one after the first makes up the loudness the
 * one before took (as the energy the limiter removed tells it), until
 * that is less than LEVEL_CLOSE_LU. */
#define LEVEL_ROUNDS 4
#define LEVEL_CLOSE_LU 0.02

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

static void scale(float *s, size_t n, double by)
{
    size_t i;

    for (i = 0; i < n; i++)
        s[i] = (float)(s[i] * by);
}

dramatis_status audio_true_peak(const float *samples, size_t n, int rate, double *peak)
{
    ebur128_state *st;
    dramatis_status status = DRAMATIS_OK;

    *peak = 0;
    if (n == 0)
        return DRAMATIS_OK;
    if (samples == NULL || rate <= 0)
        return DRAMATIS_ERR_ARG;
    st = ebur128_init(1, (unsigned long)rate, EBUR128_MODE_TRUE_PEAK);
    if (st == NULL)
        return DRAMATIS_ERR_NOMEM;
    if (ebur128_add_frames_float(st, samples, n) != EBUR128_SUCCESS ||
        ebur128_true_peak(st, 0, peak) != EBUR128_SUCCESS) {
        *peak = 0;
        status = DRAMATIS_ERR_NOMEM;
    }
    ebur128_destroy(&st);
    return status;
}

/* True peaks are read only where one may be over the ceiling: around a
 * block whose samples come within LEVEL_HOT_DB of it (in speech a true
 * peak is at most 2 dB over the samples around it) at the most gain a
 * line gets (its levelling gain plus LEVEL_MAKEUP_DB of make-up).  That is
 * a sixth of a line, and the true-peak meter costs six loudness passes. */
#define LEVEL_MAKEUP_DB 2.0
#define LEVEL_HOT_DB 4.0

/* tp[k]: the true peak of block k of s (LIMIT_BLOCK samples), unscaled.
 * Blocks whose neighbourhood stays under hot (linear) get their sample
 * peak instead: at any gain this line gets, they are under the ceiling. */
static dramatis_status block_peaks(const float *s, size_t n, int rate, double hot, double *tp,
                                   size_t nb)
{
    static const float flush[LIMIT_BLOCK];
    dramatis_status status = DRAMATIS_OK;
    size_t k, j, b;

    for (k = 0; k < nb; k++) {
        size_t end = k + 1 < nb ? (k + 1) * LIMIT_BLOCK : n;
        double p = 0;
        for (j = k * LIMIT_BLOCK; j < end; j++)
            if (fabsf(s[j]) > p)
                p = fabsf(s[j]);
        tp[k] = p;
    }
    k = 0;
    while (status == DRAMATIS_OK && k < nb) {
        size_t first, last;
        ebur128_state *st;
        double prev = 0, peak;

        if (!((k > 0 && tp[k - 1] > hot) || tp[k] > hot || (k + 1 < nb && tp[k + 1] > hot))) {
            k++;
            continue;
        }
        for (j = k; j < nb; j++)
            if (!((j > 0 && tp[j - 1] > hot) || tp[j] > hot || (j + 1 < nb && tp[j + 1] > hot)))
                break;
        /* blocks [k, j) are hot; the meter reads two blocks before them
         * for its filter's history and one after for its delay */
        first = k >= 2 ? k - 2 : 0;
        last = j + 1 < nb ? j + 1 : nb;
        st = ebur128_init(1, (unsigned long)rate, EBUR128_MODE_TRUE_PEAK);
        if (st == NULL)
            return DRAMATIS_ERR_NOMEM;
        for (b = first; b <= last; b++) {
            const float *block = b < nb ? s + b * LIMIT_BLOCK : flush;
            size_t len = b + 1 < nb ? LIMIT_BLOCK : b < nb ? n - b * LIMIT_BLOCK : LIMIT_BLOCK;
            if (ebur128_add_frames_float(st, block, len) != EBUR128_SUCCESS ||
                ebur128_prev_true_peak(st, 0, &peak) != EBUR128_SUCCESS) {
                status = DRAMATIS_ERR_NOMEM;
                break;
            }
            /* the interpolator's delay shows a block's last peaks with
             * the next block: each block takes the larger of both */
            if (b > k && b - 1 < j && b - 1 >= k)
                tp[b - 1] = prev > peak ? prev : peak;
            prev = peak;
            if (b == nb)
                break;
        }
        if (last == nb && j == nb && status == DRAMATIS_OK)
            tp[nb - 1] = prev > tp[nb - 1] ? prev : tp[nb - 1];
        ebur128_destroy(&st);
        k = j;
    }
    return status;
}

/* The least gain any sample in [i, i + attack] needs, per block: a
 * sample at offset r of block b looks ahead to block (bB + r + attack) / B,
 * which is one block for r < cut and the next one from there on, so each
 * block has two holds (first, second) and the lookup is O(1). */
struct holds {
    double *first, *second;
    size_t cut, attack;
};

static void holds_fill(struct holds *h, const double *near, size_t n, size_t nb)
{
    size_t b, k;

    for (b = 0; b < nb; b++) {
        size_t i = b * LIMIT_BLOCK, j = i + LIMIT_BLOCK - 1;
        size_t last1 = (i + h->attack < n ? i + h->attack : n - 1) / LIMIT_BLOCK;
        size_t last2 = (j + h->attack < n ? j + h->attack : n - 1) / LIMIT_BLOCK;
        double m = 1.0;
        for (k = b; k <= last2 && k < nb; k++) {
            if (near[k] < m)
                m = near[k];
            if (k == last1)
                h->first[b] = m;
        }
        h->second[b] = m;
    }
}

static double hold_at(const struct holds *h, size_t i)
{
    size_t b = i / LIMIT_BLOCK;

    return i % LIMIT_BLOCK < h->cut ? h->first[b] : h->second[b];
}

/* The limiter at gain: every true peak of s times gain above ceiling
 * (linear) comes down to it, tp being the unscaled block peaks (so the
 * same reading serves every gain).  Its gain falls over the attack before
 * a peak (the mean of a lookahead minimum, so it reaches the peak's need
 * exactly at the peak) and recovers over the release after it; elsewhere
 * the samples are only scaled.  A block's need covers its neighbours too,
 * since the samples around an inter-sample peak make it.  *lost is the
 * loudness the limiter takes, in dB of energy (0 when it does nothing);
 * s is scaled and limited only when apply, so rounds that try a gain
 * need no copy of the line. */
static dramatis_status limit(float *s, size_t n, int rate, double gain, double ceiling,
                             const double *tp, size_t nb, int apply, double *lost)
{
    size_t attack = audio_ms_to_samples(AUDIO_LIMIT_ATTACK_MS, rate), i, k;
    double *near, sum = 0, g = 1.0, before = 0, after = 0;
    double release = 1.0 - exp(-1.0 / (double)audio_ms_to_samples(AUDIO_LIMIT_RELEASE_MS, rate));
    struct holds h;
    int limited = 0;

    *lost = 0;
    for (k = 0; k < nb && !limited; k++)
        limited = tp[k] * gain > ceiling;
    if (!limited) {
        if (apply)
            scale(s, n, gain);
        return DRAMATIS_OK;
    }
    if (attack < 1)
        attack = 1;
    near = malloc(3 * nb * sizeof *near);
    if (near == NULL)
        return DRAMATIS_ERR_NOMEM;
    h.first = near + nb;
    h.second = near + 2 * nb;
    h.attack = attack;
    h.cut = LIMIT_BLOCK - attack % LIMIT_BLOCK;
    for (k = 0; k < nb; k++) {
        double worst = tp[k];
        if (k > 0 && tp[k - 1] > worst)
            worst = tp[k - 1];
        if (k + 1 < nb && tp[k + 1] > worst)
            worst = tp[k + 1];
        near[k] = worst * gain > ceiling ? ceiling / (worst * gain) : 1.0;
    }
    holds_fill(&h, near, n, nb);
    for (i = 0; i < n; i++) {
        /* the mean of the hold over [i - attack, i], samples before 0 at 1 */
        double mean, v = (double)s[i] * gain;
        sum += hold_at(&h, i);
        sum -= i >= attack + 1 ? hold_at(&h, i - attack - 1) : 1.0;
        mean = (sum + (double)(attack + 1)) / (double)(attack + 1);
        g += (1.0 - g) * release;
        if (mean < g)
            g = mean;
        before += v * v;
        after += v * g * v * g;
        if (apply)
            s[i] = (float)(v * g);
    }
    /* speech's energy lies where K-weighting keeps it, so the plain energy
     * ratio is the loudness the limiter took, to a few hundredths of an LU */
    if (before > 0 && after > 0)
        *lost = 10.0 * log10(before / after);
    free(near);
    return DRAMATIS_OK;
}

dramatis_status audio_level(float *samples, size_t n, int rate, double gain_db)
{
    double lufs, target = AUDIO_TARGET_LUFS + gain_db, base, gain, most, lost = 0;
    double ceiling = pow(10.0, AUDIO_CEILING_DBTP / 20.0), *tp = NULL;
    size_t nb = (n + LIMIT_BLOCK - 1) / LIMIT_BLOCK;
    dramatis_status st;
    int round, measured;

    if (n == 0)
        return DRAMATIS_OK;
    if (samples == NULL || rate <= 0 || !isfinite(gain_db))
        return DRAMATIS_ERR_ARG;
    st = measure(samples, n, rate, &lufs);
    if (st != DRAMATIS_OK)
        return st;
    measured = isfinite(lufs);
    base = gain = pow(10.0, (measured ? target - lufs : gain_db) / 20.0);
    most = measured ? gain * pow(10.0, LEVEL_MAKEUP_DB / 20.0) : gain;
    tp = malloc(nb * sizeof *tp);
    if (tp == NULL)
        return DRAMATIS_ERR_NOMEM;
    st = block_peaks(samples, n, rate, ceiling * pow(10.0, -LEVEL_HOT_DB / 20.0) / most, tp, nb);
    /* limiting lowers the loudness a little; the next round asks that
     * much more of the gain (up to LEVEL_MAKEUP_DB), so a peaky line ends
     * as loud as the rest */
    for (round = 0; st == DRAMATIS_OK && round < LEVEL_ROUNDS; round++) {
        double next = measured ? base * pow(10.0, lost / 20.0) : base;
        if (next > most)
            next = most;
        if (round > 0 && next < gain * pow(10.0, LEVEL_CLOSE_LU / 20.0))
            break;
        gain = next;
        st = limit(samples, n, rate, gain, ceiling, tp, nb, 0, &lost);
        if (lost == 0)
            break;
    }
    if (st == DRAMATIS_OK)
        st = limit(samples, n, rate, gain, ceiling, tp, nb, 1, &lost);
    free(tp);
    return st;
}

void audio_trim(const float *samples, size_t n, size_t *first, size_t *count)
{
    size_t a = 0, b = n;

    while (a < n && fabsf(samples[a]) < AUDIO_SILENCE)
        a++;
    while (b > a && fabsf(samples[b - 1]) < AUDIO_SILENCE)
        b--;
    *first = a;
    *count = b - a;
}

void audio_fill_silence(float *samples, size_t n)
{
    double amp = pow(10.0, AUDIO_FLOOR_DBFS / 20.0);
    uint32_t state = 0x2545f491u;
    size_t i;

    for (i = 0; i < n; i++) {
        if (samples[i] != 0.0f)
            continue;
        /* a 32-bit LCG (Numerical Recipes): fixed, cheap, plenty white */
        state = state * 1664525u + 1013904223u;
        samples[i] = (float)(amp * ((double)(state >> 8) / 8388608.0 - 1.0));
    }
}

void audio_fade_edges(float *samples, size_t n, int rate)
{
    audio_fade(samples, n, rate, 1, 1);
}

void audio_fade(float *samples, size_t n, int rate, int fade_in, int fade_out)
{
    size_t in = audio_ms_to_samples(AUDIO_FADE_IN_MS, rate);
    size_t out = audio_ms_to_samples(AUDIO_FADE_OUT_MS, rate), i;
    const double pi = 3.14159265358979323846;

    if (in > n / 2 || !fade_in)
        in = fade_in ? n / 2 : 0;
    if (out > n / 2 || !fade_out)
        out = fade_out ? n / 2 : 0;
    /* raised cosine: 0 at the outer edge, 1 where the fade meets the line */
    for (i = 0; i < in; i++)
        samples[i] = (float)(samples[i] * 0.5 * (1.0 - cos(pi * (double)i / (double)in)));
    for (i = 0; i < out; i++)
        samples[n - 1 - i] =
            (float)(samples[n - 1 - i] * 0.5 * (1.0 - cos(pi * (double)i / (double)out)));
}

size_t audio_ms_to_samples(long ms, int rate)
{
    unsigned long long n;

    if (ms <= 0 || rate <= 0)
        return 0;
    n = (unsigned long long)ms * (unsigned long long)rate / 1000u;
    return n > SIZE_MAX ? SIZE_MAX : (size_t)n;
}

dramatis_status audio_samples_reserve(struct audio_samples *s, size_t n)
{
    size_t cap = s->cap ? s->cap : 4096;
    float *grown;

    if (s->cap - s->n >= n)
        return DRAMATIS_OK;
    while (cap - s->n < n)
        cap *= 2;
    grown = realloc(s->data, cap * sizeof *grown);
    if (grown == NULL)
        return DRAMATIS_ERR_NOMEM;
    s->data = grown;
    s->cap = cap;
    return DRAMATIS_OK;
}

void audio_s16_to_float(const short *in, float *out, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        out[i] = (float)in[i] / 32768.0f;
}
