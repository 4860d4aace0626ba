/* The renderer: the book cut into units that worker processes synthesise
 * (through the walk) and encode, a cache of encoded units, and the output
 * files joined from them. */
#ifndef DRAMATIS_RENDER_H
#define DRAMATIS_RENDER_H

#include "book.h"
#include "buf.h"
#include "walk.h"

/* ---- plan (plan.c): units and the lines each one speaks */

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

/* What a line of a unit reads. */
enum render_line_kind {
    RENDER_LINE_SEGMENT = 0,     /* a segment of the text (or the closing pause) */
    RENDER_LINE_TITLE,           /* the chapter's title */
    RENDER_LINE_ANNOUNCEMENT     /* the book's title and author, first of all */
};

/* A unit as the walk reads it: every line with the pause before it (the
 * book's pause layout lives here), the segment each line speaks (NULL for
 * the announcement, the chapter title and the closing pause, whose text
 * is NULL) and what kind of line it is. */
struct unit_lines {
    struct walk_line *lines;
    const struct segment **segs;
    enum render_line_kind *kinds;
    size_t n;
};

dramatis_status render_unit_lines(const struct dramatis_book *book, const struct render_unit *unit,
                                  struct unit_lines *out);

/* What a line of chapter shows (as the book writes it: the announcement,
 * the chapter's title, or seg's text) and what it speaks (what espeak-ng
 * is given: pronunciations and the normaliser applied). */
const char *render_line_text(const struct dramatis_book *book, enum render_line_kind kind,
                             size_t chapter, const struct segment *seg);
const char *render_line_spoken(const struct dramatis_book *book, enum render_line_kind kind,
                               size_t chapter, const struct segment *seg);

/* Whether a chapter's title is read: not the first chapter's when it only
 * repeats the book's title just announced (a story without headings is
 * one chapter named after it). */
int render_reads_title(const struct dramatis_book *book, size_t chapter);
void render_unit_lines_cleanup(struct unit_lines *ul);

/* ---- cache (cache.c): unit keys and the line timings kept beside units */

/* Encoder settings and the rest that decides a unit's bytes besides its lines. */
struct render_settings {
    int rate;          /* synthesis sample rate */
    int bitrate;       /* resolved: never 0 */
    int complexity;    /* resolved: 0-10 */
    int aac_bitrate;   /* resolved: never 0 */
};

/* The cache key of a unit: FNV-1a/64 over everything that decides its
 * encoded bytes: each line's pause, text and voice, the level target, the
 * encoder settings, the unit format version, and the versions of
 * dramatis, espeak-ng and libopus. */
dramatis_status render_unit_key(const struct dramatis_book *book, const struct render_unit *unit,
                                const struct render_settings *settings, unsigned long long *key);

/* A unit's keys: of its lines (what decides its samples and their timing:
 * the walk's lines, the level target, the synthesis rate, the versions of
 * dramatis and espeak-ng), and of its Opus and AAC files (the lines' key,
 * the encoder, its version and settings).  keys->opus is what
 * render_unit_key() gives. */
struct unit_keys {
    unsigned long long lines, opus, aac;
};

dramatis_status render_unit_keys(const struct dramatis_book *book, const struct render_unit *unit,
                                 const struct render_settings *settings, struct unit_keys *keys);

/* FNV-1a/64 of n bytes, continuing from h (start with RENDER_FNV_BASIS). */
#define RENDER_FNV_BASIS 0xcbf29ce484222325ULL
unsigned long long render_fnv1a(unsigned long long h, const void *data, size_t n);

/* Where a unit's spoken lines fall in its audio, in samples at the
 * synthesis rate from the unit's first sample. */
struct unit_timing {
    unsigned long long samples;    /* all of the unit's audio, pauses too */
    size_t n;                      /* spoken lines */
    unsigned long long *start, *length;
};

void unit_timing_cleanup(struct unit_timing *t);

/* Writes t to path (a small text file beside the unit, written aside and
 * renamed); reads it back, DRAMATIS_ERR_INPUT if it is damaged or holds
 * other than n_lines lines. */
dramatis_status unit_timing_save(const struct unit_timing *t, const char *path,
                                 struct dramatis_error *err);
dramatis_status unit_timing_load(struct unit_timing *t, const char *path, size_t n_lines,
                                 struct dramatis_error *err);

/* ---- the timeline (render.c): where every line lies in the rendered book */

/* One spoken line of the book: the announcement, a chapter title (both
 * with seg NULL) or a segment. */
struct render_line {
    size_t chapter;
    enum render_line_kind kind;
    const struct segment *seg;
    double start, duration;        /* seconds in the rendered file */
};

/* The start and duration of every spoken line, in reading order, exactly as
 * dramatis_render() with these options places them in the Opus book (the
 * m4b's lines fall later by its units' priming), without
 * encoding: units are synthesised in worker processes as the render does,
 * and their encoded length follows from their sample counts.  *out is
 * freed by the caller. */
dramatis_status render_timeline(const struct dramatis_book *book,
                                const struct dramatis_render_options *options,
                                struct render_line **out, size_t *n_out,
                                struct dramatis_error *err);

/* A file written beside each audio file of a render from the lines it
 * holds, as the render placed them (subtitles).  The export stage writes
 * it; the render says where and when, so the render never links export. */
struct render_sidecar {
    const char *extension;   /* "vtt" */
    /* Appends the sidecar of one audio file to out: lines[0..n) are the
     * spoken lines it holds, their starts counted from its first sample;
     * title names it (the book's title, or its chapter's). */
    dramatis_status (*write)(const struct dramatis_book *book, const char *title,
                             const struct render_line *lines, size_t n, struct buf *out);
};

/* dramatis_render() with units of unit_bytes (tests use small ones), and
 * sidecar (may be NULL) written beside the book's files, from the same
 * line timings the units were made with. */
dramatis_status render_book(const struct dramatis_book *book,
                            const struct dramatis_render_options *options, size_t unit_bytes,
                            const struct render_sidecar *sidecar, struct dramatis_error *err);

#endif
