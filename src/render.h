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

#endif
