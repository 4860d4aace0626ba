/* The walk: spoken lines and the pauses between them, turned into levelled
 * samples in order, with the first sample of every line reported as it
 * goes.  Render, preview and script --timing all hear the book through it. */
#ifndef DRAMATIS_WALK_H
#define DRAMATIS_WALK_H

#include "book.h"
#include "synth.h"

/* One step of a walk: a pause, then a line read in a voice. */
struct walk_line {
    long pause_ms;               /* silence before the line */
    const char *text;            /* what espeak-ng reads; NULL: the pause only */
    const struct voice *voice;   /* unused when text is NULL */
};

/* Where the walk puts what it makes.  audio receives levelled samples at
 * the synthesis rate in order, pauses included; line is called after each
 * spoken line with its index in the walk's lines, its first sample and its
 * length in samples (counted from the walk's first sample).  Either may be
 * NULL. */
struct walk_sink {
    dramatis_status (*audio)(void *ctx, const float *samples, size_t n);
    dramatis_status (*line)(void *ctx, size_t index, unsigned long long start,
                            unsigned long long length);
    void *ctx;
};

/* Speaks lines[0..n) with their pauses into sink; *total (may be NULL)
 * receives the number of samples made.  Each line is synthesised (a long
 * one a few sentences at a time, so memory does not follow its length),
 * its leading and trailing silence cut, then levelled (level.h) with its
 * voice's gain and faded at both edges: a line's start is its first sound,
 * and the silence between lines is exactly their pause_ms. */
dramatis_status walk_lines(struct synth *synth, const struct walk_line *lines, size_t n,
                           const struct walk_sink *sink, unsigned long long *total,
                           struct dramatis_error *err);

#endif
