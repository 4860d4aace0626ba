/* Levels and pauses: loudness levelling of speech and silence between parts. */
#ifndef DRAMATIS_LEVEL_H
#define DRAMATIS_LEVEL_H

#include "dramatis.h"

#include <stddef.h>

/* Pauses, in milliseconds, that the renderer inserts. */
#define AUDIO_PAUSE_SEGMENT_MS 250    /* between segments of a paragraph */
#define AUDIO_PAUSE_PARAGRAPH_MS 600  /* between paragraphs */
#define AUDIO_PAUSE_SCENE_MS 1500     /* at a scene break */
#define AUDIO_PAUSE_TITLE_MS 1200     /* after a chapter title */
#define AUDIO_PAUSE_CHAPTER_MS 2000   /* at the end of a chapter */

/* Target loudness of speech, LUFS (audiobook practice: -18 to -20).  The
 * quiet end, because espeak-ng's voices peak 16-21 dB above their loudness:
 * at -18 the male variants hit the peak limit and came out up to 3 dB
 * quieter than the female ones; at -20 all but a few stay within 1 dB. */
#define AUDIO_TARGET_LUFS (-20.0)

/* Highest sample value audio_level() leaves (about -0.18 dBFS): headroom
 * for the Opus encoder's own overshoot. */
#define AUDIO_PEAK_MAX 0.98

/* Input shorter than this is not measured (too little to judge). */
#define AUDIO_LEVEL_MIN_MS 100

/* Scales samples in place so their integrated loudness (EBU R128, mono) is
 * AUDIO_TARGET_LUFS plus gain_db, clipping-safe: the scale is lowered so no
 * sample exceeds AUDIO_PEAK_MAX, so peaky speech may end below the target.
 * Input shorter than the 400 ms R128 block is measured as if repeated to
 * one second; input under AUDIO_LEVEL_MIN_MS, or silent, is left at unity
 * plus gain_db.  Fails only on bad arguments or lack of memory. */
dramatis_status audio_level(float *samples, size_t n, int rate, double gain_db);

/* Number of samples in ms milliseconds at rate, rounded down (exact
 * integer arithmetic); 0 for negative ms or a rate <= 0. */
size_t audio_ms_to_samples(long ms, int rate);

/* Converts 16-bit samples to floats in [-1, 1) (divides by 32768). */
void audio_s16_to_float(const short *in, float *out, size_t n);

#endif
