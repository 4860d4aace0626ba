/* Sidecar files: what goes beside the book's audio files (subtitles),
 * written from the line timings the render itself placed, shifted to each
 * file's start, aside and renamed like the audio. */
#include "run.h"

#include "buf.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes dir/file from lines[0..n), their starts made relative to offset
 * seconds. */
static dramatis_status write_one(const struct dramatis_book *book, const char *dir,
                                 const char *file, const char *title,
                                 const struct render_line *lines, size_t n, double offset,
                                 const struct render_sidecar *sidecar, struct dramatis_error *err)
{
    struct render_line *shifted = NULL;
    struct buf part, final, text;
    dramatis_status st = DRAMATIS_OK;
    FILE *f;
    size_t i;
    int written;

    buf_init(&part, 8192);
    buf_init(&final, 8192);
    buf_init(&text, (size_t)1 << 30);
    shifted = calloc(n ? n : 1, sizeof *shifted);
    if (shifted == NULL || buf_printf(&final, "%s/%s", dir, file) != DRAMATIS_OK ||
        buf_printf(&part, "%s/.%s.part", dir, file) != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
        goto fail;
    }
    for (i = 0; i < n; i++) {
        shifted[i] = lines[i];
        shifted[i].start -= offset;
    }
    st = sidecar->write(book, title, shifted, n, &text);
    if (st != DRAMATIS_OK) {
        st = error_set(err, st, final.data, 0, "cannot make: %s", dramatis_strerror(st));
        goto fail;
    }
    f = fopen(part.data, "wb");
    if (f == NULL) {
        st = error_set(err, DRAMATIS_ERR_IO, part.data, 0, "cannot create: %s", strerror(errno));
        goto fail;
    }
    written = fwrite(text.data ? text.data : "", 1, text.len, f) == text.len;
    if (fclose(f) != 0)
        written = 0;
    if (!written) {
        st = error_set(err, DRAMATIS_ERR_IO, part.data, 0, "cannot write: %s", strerror(errno));
        unlink(part.data);
        goto fail;
    }
    if (rename(part.data, final.data) != 0) {
        st = error_set(err, DRAMATIS_ERR_IO, final.data, 0, "cannot rename into place: %s",
                       strerror(errno));
        unlink(part.data);
    }
fail:
    free(shifted);
    buf_cleanup(&part);
    buf_cleanup(&final);
    buf_cleanup(&text);
    return st;
}

dramatis_status sidecar_write(struct render_run *r, const char *dir, const char *name,
                              const struct render_sidecar *sidecar, struct dramatis_error *err)
{
    const struct dramatis_book *book = r->book;
    struct render_line *lines = NULL;
    unsigned long long *marks = NULL, total = 0;
    char file[320];
    size_t n = 0, c, i = 0;
    dramatis_status st;

    if (run_place_lines(r, &lines, &n) != DRAMATIS_OK)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    snprintf(file, sizeof file, "%s.%s", name, sidecar->extension);
    st = write_one(book, dir, file, book->title, lines, n, 0.0, sidecar, err);
    if (st == DRAMATIS_OK && r->opt->split) {
        marks = calloc(book->n_chapters ? book->n_chapters : 1, sizeof *marks);
        if (marks == NULL)
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        else
            output_chapter_marks(r, marks, &total);
        /* a chapter file starts at its mark: its lines count from there */
        for (c = 0; st == DRAMATIS_OK && c < book->n_chapters; c++) {
            size_t first = i;
            while (i < n && lines[i].chapter == c)
                i++;
            output_chapter_file(book, c, sidecar->extension, file, sizeof file);
            st = write_one(book, dir, file, book->chapters[c].title, lines + first, i - first,
                           (double)marks[c] / 48000.0, sidecar, err);
        }
    }
    free(marks);
    free(lines);
    return st;
}
