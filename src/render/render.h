/* The renderer: walks the book in reading order, synthesising and pacing it. */
#ifndef DRAMATIS_RENDER_H
#define DRAMATIS_RENDER_H

#include "book.h"
#include "synth.h"

/* One spoken item as the walk meets it: a chapter heading (seg == NULL) or a
 * segment, and where its audio lies in the whole book, in samples. */
struct render_item {
    size_t chapter;
    const struct segment *seg;     /* NULL for the chapter heading */
    unsigned long long start;      /* first sample in the book */
    unsigned long long length;     /* samples of speech (pauses excluded) */
};

/* What the walk hands on: levelled audio in order, and each item's timing.
 * Either callback may be NULL. */
struct render_sink {
    dramatis_status (*audio)(void *ctx, const float *samples, size_t n);
    dramatis_status (*item)(void *ctx, const struct render_item *item);
    /* called at the first sample of each chapter */
    dramatis_status (*chapter)(void *ctx, size_t chapter, unsigned long long start);
    void *ctx;
};

/* Synthesises the whole book with its pauses, in reading order, into sink. */
dramatis_status render_walk(const struct dramatis_book *book, struct synth *synth,
                            const struct render_sink *sink, struct dramatis_error *err);

/* A unit stops taking paragraphs at this many bytes of text (about two
 * minutes of speech at espeak-ng's 175 words a minute): a long chapter
 * becomes several units, so no worker waits on one chapter alone.  On seed
 * 002, 2,000 bytes brought --jobs 2 to 0.55 of --jobs 1 (5,000: 0.59). */
#define RENDER_UNIT_BYTES 2000

/* What one worker renders and encodes on its own: paragraphs [p0, p1) of a
 * chapter, with the title when first and the end-of-chapter pause when
 * last.  Units played in order are the book. */
struct render_unit {
    size_t chapter;
    size_t p0, p1;
    int first, last;
    size_t bytes;                  /* text bytes, for estimates */
};

/* Splits the book into units: whole chapters, long ones cut at paragraph
 * boundaries after about unit_bytes of text.  *out is freed by the caller. */
dramatis_status render_plan(const struct dramatis_book *book, size_t unit_bytes,
                            struct render_unit **out, size_t *n_out);

/* dramatis_render() with units of unit_bytes (tests use small ones). */
dramatis_status render_book(const struct dramatis_book *book,
                            const struct dramatis_render_options *options, size_t unit_bytes,
                            struct dramatis_error *err);

/* Synthesises one unit into sink, as render_walk() would in the whole book
 * (positions in render_item count from the unit's start). */
dramatis_status render_walk_unit(const struct dramatis_book *book, struct synth *synth,
                                 const struct render_unit *unit, const struct render_sink *sink,
                                 struct dramatis_error *err);

/* Encoder settings and the rest that decides a unit's bytes besides the book. */
struct render_settings {
    int rate;          /* synthesis sample rate */
    int bitrate;       /* resolved: never 0 */
    int complexity;    /* resolved: 0-10 */
};

/* The cache key of a unit (render_cache.c): FNV-1a/64 over everything that
 * decides its encoded bytes: the spoken texts, every voice's settings, the
 * pause layout, the level target, the encoder settings, and the versions of
 * dramatis, espeak-ng and libopus. */
unsigned long long render_unit_key(const struct dramatis_book *book,
                                   const struct render_unit *unit,
                                   const struct render_settings *settings);

/* FNV-1a/64 of n bytes, continuing from h (start with RENDER_FNV_BASIS). */
#define RENDER_FNV_BASIS 0xcbf29ce484222325ULL
unsigned long long render_fnv1a(unsigned long long h, const void *data, size_t n);

#endif
