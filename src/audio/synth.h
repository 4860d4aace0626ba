/* Speech synthesis through the libespeak-ng C API (the only espeak user). */
#ifndef DRAMATIS_SYNTH_H
#define DRAMATIS_SYNTH_H

#include "book.h"

struct synth;

/* Receives synthesised mono samples at synth_sample_rate(). */
typedef dramatis_status (*synth_sink)(void *ctx, const short *samples, size_t n);

/* Receives one entry of synth_list_voices() or synth_list_variants():
 * name is what a voice map may write (a voice "en-us", or a variant "f3" to
 * append as "en-us+f3"); languages is a space-separated list such as
 * "en-us en" ("" for variants); gender is a dramatis_gender value (espeak-ng
 * marks its plain language voices male, which is how they sound). */
typedef void (*synth_list_fn)(void *ctx, const char *name, const char *languages, int gender);

/* Starts espeak-ng (once per process: espeak-ng keeps global state).
 * Several synth objects may exist and share that one engine; it is never
 * terminated (espeak-ng 1.51 hangs terminating after a restart), so its
 * memory stays until exit.  synth_speak() calls are serialised by a lock:
 * threads may share the engine but gain no speed. */
dramatis_status synth_new(struct synth **out, struct dramatis_error *err);
/* Frees s; NULL does nothing.  The last one frees the voice lists. */
void synth_free(struct synth *s);
int synth_sample_rate(const struct synth *s);

/* Speaks text with voice, passing samples to sink as they come.
 * voice->rate <= 0, pitch < 0 and range < 0 mean espeak-ng's defaults (175
 * wpm, 50, 50); other values are clamped to 80-450 and 0-100.  The text is
 * plain UTF-8, or SSML when it starts with "<speak>" (the normaliser's
 * pauses and stress); markup characters that espeak-ng would name aloud
 * ("*", "~", "\\") are read as spaces.  Text inside [[ ]] is espeak-ng
 * phoneme input (a pronunciation's [[phonemes]]): callers that speak a
 * book's own text keep "[[" out of it (pronounce_text() does).  An unknown voice or variant
 * fails with DRAMATIS_ERR_VOICE; a sink error stops synthesis and is
 * returned as it is. */
dramatis_status synth_speak(struct synth *s, const struct voice *voice, const char *text,
                            synth_sink sink, void *ctx, struct dramatis_error *err);

/* Splits text (what synth_speak() takes) into pieces that synth_speak()
 * takes one by one, so a long line is heard a piece at a time: each piece
 * ends at a sentence end (or, with none for twice max bytes, at a space)
 * outside [[phonemes]], SSML tags and emphasis, and is about max bytes or
 * less; an SSML text's pieces are SSML of their own.  A text of at most
 * max bytes is one piece.  *pieces (n of them) is freed with
 * synth_pieces_free(). */
dramatis_status synth_split(const char *text, size_t max, char ***pieces, size_t *n);
void synth_pieces_free(char **pieces, size_t n);

/* Whether espeak-ng knows the voice name (with optional "+variant").
 * A voice is matched, case-insensitively and in this order, on espeak-ng's
 * voice name ("English (America)"), identifier ("gmw/en-US"), the last part
 * of the identifier ("en-us"), then a language code the voice lists ("en-gb",
 * taking the voice that prefers it most).  A variant is a file name of
 * espeak-ng-data/voices/!v ("f3", "klatt", any case) or a number as espeak-ng
 * reads it (1-9: m1-m9, 11-19: f1-f9). */
int synth_voice_exists(struct synth *s, const char *name);

/* Calls fn for every voice (not variant) espeak-ng offers, sorted by
 * language as espeak-ng sorts them. */
dramatis_status synth_list_voices(struct synth *s, synth_list_fn fn, void *ctx);

/* Calls fn for every variant, in espeak-ng's order. */
dramatis_status synth_list_variants(struct synth *s, synth_list_fn fn, void *ctx);

/* The known voice spelling closest to name (edit distance, ignoring case),
 * keeping a variant that is already right: "enn-us+f3" -> "en-us+f3".  NULL
 * when nothing is close.  The string lives in s until the next call. */
const char *synth_nearest_voice(struct synth *s, const char *name);

#endif
