/* Levels and pauses: loudness levelling of speech and silence between parts. */
#ifndef DRAMATIS_AUDIO_H
#define DRAMATIS_AUDIO_H

#include "dramatis.h"

#include <stddef.h>

/* Pauses, in milliseconds, that the renderer inserts. */
#define AUDIO_PAUSE_SEGMENT_MS 250    /* between segments of a paragraph */
#define AUDIO_PAUSE_PARAGRAPH_MS 600  /* between paragraphs */
#define AUDIO_PAUSE_SCENE_MS 1500     /* at a scene break */
#define AUDIO_PAUSE_TITLE_MS 1200     /* after a chapter title */
#define AUDIO_PAUSE_CHAPTER_MS 2000   /* at the end of a chapter */

/* Target loudness of speech, LUFS (audiobook practice: -18 to -20). */
#define AUDIO_TARGET_LUFS (-18.0)

/* Scales samples in place so their loudness is AUDIO_TARGET_LUFS plus
 * gain_db, clipping-safe.  Very short or silent input is left at unity
 * plus gain_db. */
dramatis_status audio_level(float *samples, size_t n, int rate, double gain_db);

/* Number of samples in ms milliseconds at rate. */
size_t audio_ms_to_samples(long ms, int rate);

#endif
