/* Subtitles: the render's spoken lines as WebVTT, for players and
 * read-along. */
#ifndef DRAMATIS_SUBTITLES_H
#define DRAMATIS_SUBTITLES_H

#include "buf.h"
#include "render.h"

/* Appends lines[0..n) of one audio file as WebVTT to out: a cue per spoken
 * line (lines that make no sound are left out), its text as the book
 * writes it under a <v Speaker> tag ("Narrator" for the narration, the
 * title and the announcement), and a NOTE naming each chapter before its
 * first cue.  title goes into the header. */
dramatis_status subtitles_write_vtt(const struct dramatis_book *book, const char *title,
                                    const struct render_line *lines, size_t n, struct buf *out);

/* The render's sidecar that writes it: "<Title>.vtt" beside the book. */
extern const struct render_sidecar subtitles_vtt;

#endif
