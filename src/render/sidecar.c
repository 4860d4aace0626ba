/* Sidecar files: what goes beside the book's audio files (subtitles),
 * written from the line timings the render itself placed, shifted to each
 * file's start, and put in the book's folder through its manifest like the
 * audio, so a later render without them removes them. */
#include "run.h"

#include "buf.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>

/* Writes rel in the book's folder from lines[0..n), their starts made
 * relative to offset seconds. */
static dramatis_status write_one(struct render_run *r, struct library_book *lb, const char *rel,
                                 const char *title, const struct render_line *lines, size_t n,
                                 double offset, struct dramatis_error *err)
{
    struct render_line *shifted = calloc(n ? n : 1, sizeof *shifted);
    struct buf text;
    dramatis_status st;
    size_t i;

    buf_init(&text, (size_t)1 << 30);
    if (shifted == NULL) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    for (i = 0; i < n; i++) {
        shifted[i] = lines[i];
        shifted[i].start -= offset;
    }
    st = r->sidecar->write(r->book, title, shifted, n, &text);
    if (st != DRAMATIS_OK) {
        st = error_set(err, st, rel, 0, "cannot make: %s", dramatis_strerror(st));
        goto fail;
    }
    st = library_put_text(lb, rel, &text, err);
fail:
    free(shifted);
    buf_cleanup(&text);
    return st;
}

dramatis_status sidecar_write(struct render_run *r, struct library_book *lb,
                              const struct sidecar_place *place, struct dramatis_error *err)
{
    const struct dramatis_book *book = r->book;
    const char *ext = r->sidecar->extension;
    struct render_line *lines = NULL;
    struct buf rel;
    char file[320];
    size_t n = 0, c, i = 0;
    dramatis_status st = DRAMATIS_OK;

    if (run_place_lines(r, place->format, &lines, &n) != DRAMATIS_OK)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    buf_init(&rel, 16384);
    if (place->root) {
        if (buf_printf(&rel, "%s%s%s.%s", place->root, place->root[0] ? "/" : "", lb->name,
                       ext) != DRAMATIS_OK)
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
        else
            st = write_one(r, lb, rel.data, book->title, lines, n, 0.0, err);
    }
    /* a chapter file starts where the format's join began it: its lines
     * count from there */
    for (c = 0; st == DRAMATIS_OK && place->folder && c < book->n_chapters; c++) {
        size_t first = i;
        while (i < n && lines[i].chapter == c)
            i++;
        output_chapter_file(book, c, ext, lb->name_max, file, sizeof file);
        buf_reset(&rel);
        if (buf_printf(&rel, "%s%s%s", place->folder, place->folder[0] ? "/" : "", file) !=
            DRAMATIS_OK) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
            break;
        }
        st = write_one(r, lb, rel.data, book->chapters[c].title, lines + first, i - first,
                       place->chapter_start[c], err);
    }
    buf_cleanup(&rel);
    free(lines);
    return st;
}
