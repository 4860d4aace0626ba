/* Speech synthesis through the libespeak-ng C API (the only espeak user). */
#ifndef DRAMATIS_SYNTH_H
#define DRAMATIS_SYNTH_H

#include "book.h"

struct synth;

/* Receives synthesised mono samples at synth_sample_rate(). */
typedef dramatis_status (*synth_sink)(void *ctx, const short *samples, size_t n);

/* Starts espeak-ng (once per process: espeak-ng keeps global state). */
dramatis_status synth_new(struct synth **out, struct dramatis_error *err);
void synth_free(struct synth *s);
int synth_sample_rate(const struct synth *s);

/* Speaks text with voice, passing samples to sink as they come. */
dramatis_status synth_speak(struct synth *s, const struct voice *voice, const char *text,
                            synth_sink sink, void *ctx, struct dramatis_error *err);

/* Whether espeak-ng knows the voice name (with optional "+variant"). */
int synth_voice_exists(struct synth *s, const char *name);

#endif
