/* Ogg Opus writer with chapter marks (the only opus/ogg user). */
#ifndef DRAMATIS_OGG_OPUS_H
#define DRAMATIS_OGG_OPUS_H

#include "dramatis.h"

#include <stddef.h>

struct ogg_opus_chapter {
    const char *name;
    unsigned long long start;   /* first sample, at the input rate */
};

struct ogg_opus_tags {
    const char *title;
    const char *album;
    const char *artist;         /* may be NULL */
    const struct ogg_opus_chapter *chapters;
    size_t n_chapters;
};

struct ogg_opus_writer;

/* Opens path for writing mono audio at input rate `rate` (resampled to 48 kHz
 * by the encoder).  Tags, chapter marks included, go into the header.
 * bitrate 0 and complexity < 0 mean the speech defaults. */
dramatis_status ogg_opus_writer_open(const char *path, int rate, const struct ogg_opus_tags *tags,
                                     int bitrate, int complexity,
                                     struct ogg_opus_writer **out, struct dramatis_error *err);
dramatis_status ogg_opus_writer_write(struct ogg_opus_writer *w, const float *samples, size_t n,
                                      struct dramatis_error *err);
/* Flushes and closes; the file is complete only when this returns OK. */
dramatis_status ogg_opus_writer_close(struct ogg_opus_writer *w, struct dramatis_error *err);
/* Closes without finishing (after an error); NULL does nothing. */
void ogg_opus_writer_abort(struct ogg_opus_writer *w);

/* Formats the chapter comment pair for chapter index (0-based) starting at
 * sample `start` of rate: "CHAPTER001=00:01:02.345" and
 * "CHAPTER001NAME=Title" (three digits, milliseconds rounded down). */
dramatis_status ogg_opus_chapter_comment(size_t index, unsigned long long start, int rate,
                                         const char *name, char *time_out, size_t time_size,
                                         char *name_out, size_t name_size);

#endif
