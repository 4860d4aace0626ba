/* Levels and edges: loudness levelling of speech under a true-peak ceiling,
 * and the trimmed, faded edges of a spoken line. */
#ifndef DRAMATIS_LEVEL_H
#define DRAMATIS_LEVEL_H

#include "dramatis.h"

#include <stddef.h>

/* Target loudness of speech, LUFS (audiobook practice: -18 to -20).  The
 * quiet end leaves espeak-ng's peaky voices (peaks 16-21 dB above their
 * loudness) little for the limiter to do. */
#define AUDIO_TARGET_LUFS (-20.0)

/* The true-peak ceiling of levelled speech, dBTP, before encoding.  The
 * promise is -1 dBTP in the decoded book; Opus at speech bitrates rings up
 * to about 1.5 dB above its input's true peak on espeak-ng's voices
 * (measured on seed 002: scripts/measure-levels.sh), so the limiter keeps
 * that much below it. */
#define AUDIO_CEILING_DBTP (-3.0)

/* The limiter's lookahead (gain comes down this long before a peak) and
 * release (back up over about this long): short enough to touch only the
 * peak, long enough not to distort it. */
#define AUDIO_LIMIT_ATTACK_MS 5
#define AUDIO_LIMIT_RELEASE_MS 80

/* Input shorter than this is not measured (too little to judge). */
#define AUDIO_LEVEL_MIN_MS 100

/* Fades at a spoken line's edges, so no line starts or stops on a click. */
#define AUDIO_FADE_IN_MS 2
#define AUDIO_FADE_OUT_MS 8

/* A sample this close to zero is silence when trimming a line's edges
 * (about -78 dBFS: espeak-ng pads with exact zeros). */
#define AUDIO_SILENCE 1.2e-4

/* The level of the noise that fills a line's digital silence, dBFS.
 * espeak-ng leaves exact zeros inside words (a plosive's closure, 10-20
 * ms); libopus 1.3's SILK coder at 24 kbit/s answers some such gap and
 * the burst after it with a ringing up to +4 dBTP (seed 002, "people":
 * -3 dBTP in, +3.6 dBTP out).  Noise 20 dB under the 16-bit floor stops
 * that ringing and is not heard. */
#define AUDIO_FLOOR_DBFS (-80.0)

/* Scales samples in place so their integrated loudness (EBU R128, mono) is
 * AUDIO_TARGET_LUFS plus gain_db, then brings every true peak above
 * AUDIO_CEILING_DBTP down with a lookahead limiter (gain lowered around
 * the peak only, so a peaky line keeps its loudness) and makes up what
 * the limiter took from the loudness.  Input shorter than the 400 ms R128
 * block is measured as if repeated to one second; input under
 * AUDIO_LEVEL_MIN_MS, or silent, is scaled by gain_db alone (and still
 * limited).  Fails only on bad arguments or lack of memory. */
dramatis_status audio_level(float *samples, size_t n, int rate, double gain_db);

/* The true peak of samples (linear, 1.0 = 0 dBTP), as libebur128 measures
 * it (4x oversampled); 0 for no samples.  *peak is 0 on failure. */
dramatis_status audio_true_peak(const float *samples, size_t n, int rate, double *peak);

/* The part of samples[0..n) between the first and the last sample louder
 * than AUDIO_SILENCE: *first and *count (0 when all is silence). */
void audio_trim(const float *samples, size_t n, size_t *first, size_t *count);

/* Replaces every exact zero of samples with noise at AUDIO_FLOOR_DBFS
 * (a fixed pseudo-random sequence, so the same line always gets the same
 * samples). */
void audio_fill_silence(float *samples, size_t n);

/* Fades the first AUDIO_FADE_IN_MS and the last AUDIO_FADE_OUT_MS of
 * samples (raised cosine), or less when the input is shorter. */
void audio_fade_edges(float *samples, size_t n, int rate);

/* audio_fade_edges() at the start only (fade_in) and/or the end only
 * (fade_out): a line heard in pieces fades at its own edges only. */
void audio_fade(float *samples, size_t n, int rate, int fade_in, int fade_out);

/* Number of samples in ms milliseconds at rate, rounded down (exact
 * integer arithmetic); 0 for negative ms or a rate <= 0. */
size_t audio_ms_to_samples(long ms, int rate);

/* A growing run of samples (a line being synthesised, a whole preview). */
struct audio_samples {
    float *data;
    size_t n, cap;
};

/* Makes room for n more samples after s->n (capacity doubles); the caller
 * writes them and adds n to s->n.  free(s->data) when done. */
dramatis_status audio_samples_reserve(struct audio_samples *s, size_t n);

/* Converts 16-bit samples to floats in [-1, 1) (divides by 32768). */
void audio_s16_to_float(const short *in, float *out, size_t n);

#endif
