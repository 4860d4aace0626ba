/* The book's output files, joined from the encoded units: the whole book
 * with its chapter marks, and with --split one file per chapter and a
 * playlist. */
#include "run.h"

#include "buf.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file name from the title: no '/', no leading dot, never empty. */
void output_safe_name(const char *title, char *out, size_t size)
{
    size_t i, n = 0;

    for (i = 0; title[i] && n + 1 < size; i++) {
        char ch = title[i];
        if (ch == '/' || ch == '\\' || ch == ':' || (unsigned char)ch < 0x20)
            ch = '_';
        if (n == 0 && (ch == '.' || ch == ' '))
            continue;
        out[n++] = ch;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.'))
        n--;
    out[n] = '\0';
    if (n == 0)
        snprintf(out, size, "book");
}

dramatis_status output_make_dir(const char *path, struct dramatis_error *err)
{
    struct stat stt;

    if (mkdir(path, 0777) == 0 || errno == EEXIST) {
        if (stat(path, &stt) == 0 && S_ISDIR(stt.st_mode))
            return DRAMATIS_OK;
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "not a directory");
    }
    return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot create directory: %s",
                     strerror(errno));
}

static dramatis_status rename_into_place(const char *part, const char *final,
                                         struct dramatis_error *err)
{
    if (rename(part, final) == 0)
        return DRAMATIS_OK;
    unlink(part);
    return error_set(err, DRAMATIS_ERR_IO, final, 0, "cannot rename into place: %s",
                     strerror(errno));
}

static int serial_for(const char *title, size_t track)
{
    unsigned long long h = render_fnv1a(RENDER_FNV_BASIS, title, strlen(title));

    h = render_fnv1a(h, &track, sizeof track);
    return (int)(h & 0x7fffffff);
}

/* Where each chapter begins in the joined book, in 48 kHz samples: at the
 * previous chapter's audio end.  The few ms of the unit's pad and the next
 * encoder's delay (silence) are counted to the chapter that follows, which
 * is how its own file (started from the previous unit's last packet) holds
 * them too. */
void output_chapter_marks(const struct render_run *r, unsigned long long *marks,
                          unsigned long long *total)
{
    unsigned long long q = 0, preskip = r->units[0].info.preskip;
    size_t i;

    for (i = 0; i < r->n_units; i++) {
        const struct render_unit *u = &r->plan[i];
        if (u->first) {
            if (i == 0)
                marks[u->chapter] = 0;
            else
                marks[u->chapter] = q - (r->units[i - 1].info.packet_samples -
                                         r->units[i - 1].info.end_granule) - preskip;
        }
        if (i + 1 < r->n_units)
            q += r->units[i].info.packet_samples;
        else
            q += r->units[i].info.end_granule;
    }
    *total = q - preskip;
}

static dramatis_status join_book(struct render_run *r, const char *dir, const char *name,
                                 const unsigned long long *marks, struct dramatis_error *err)
{
    const struct dramatis_book *book = r->book;
    struct ogg_opus_chapter *chapters = NULL;
    struct ogg_opus_join_unit *ju = NULL;
    struct ogg_opus_tags tags;
    struct buf part, final;
    dramatis_status st = DRAMATIS_OK;
    size_t i;

    buf_init(&part, 8192);
    buf_init(&final, 8192);
    chapters = calloc(book->n_chapters, sizeof *chapters);
    ju = calloc(r->n_units, sizeof *ju);
    if (chapters == NULL || ju == NULL) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    for (i = 0; i < book->n_chapters; i++) {
        chapters[i].name = book->chapters[i].title;
        chapters[i].start = marks[i];
    }
    for (i = 0; i < r->n_units; i++) {
        ju[i].path = r->units[i].path;
        ju[i].info = &r->units[i].info;
    }
    tags.title = book->title;
    tags.album = book->title;
    tags.artist = book->author;
    tags.chapters = chapters;
    tags.n_chapters = book->n_chapters;
    if (buf_printf(&final, "%s/%s.opus", dir, name) != DRAMATIS_OK ||
        buf_printf(&part, "%s/.%s.opus.part", dir, name) != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
        goto fail;
    }
    st = ogg_opus_join(part.data, &tags, NULL, NULL, ju, r->n_units, serial_for(book->title, 0),
                       err);
    if (st == DRAMATIS_OK)
        st = rename_into_place(part.data, final.data, err);
fail:
    free(chapters);
    free(ju);
    buf_cleanup(&part);
    buf_cleanup(&final);
    return st;
}

void output_chapter_file(const struct dramatis_book *book, size_t c, const char *ext, char *out,
                         size_t size)
{
    int width = book->n_chapters >= 1000 ? 4 : book->n_chapters >= 100 ? 3 : 2;
    char title[256];

    output_safe_name(book->chapters[c].title, title, sizeof title);
    snprintf(out, size, "%0*zu - %s.%s", width, c + 1, title, ext);
}

/* --split: "NN - Chapter.opus" per chapter, from the same packets, and
 * <Title>.m3u8 listing them. */
static dramatis_status join_chapters(struct render_run *r, const char *dir, const char *name,
                                     const unsigned long long *marks, unsigned long long total,
                                     struct dramatis_error *err)
{
    const struct dramatis_book *book = r->book;
    struct ogg_opus_join_unit *ju = NULL;
    struct buf part, final, list;
    dramatis_status st = DRAMATIS_OK;
    size_t c, i = 0;
    FILE *f = NULL;

    buf_init(&part, 8192);
    buf_init(&final, 8192);
    buf_init(&list, (size_t)1 << 24);
    ju = calloc(r->n_units, sizeof *ju);
    if (ju == NULL || buf_adds(&list, "#EXTM3U\n") != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    for (c = 0; c < book->n_chapters; c++) {
        struct ogg_opus_join_unit lead;
        struct ogg_opus_tags tags;
        size_t first = i, n;
        char track[32], file[320];
        unsigned long long end = c + 1 < book->n_chapters ? marks[c + 1] : total;

        while (i < r->n_units && r->plan[i].chapter == c) {
            ju[i].path = r->units[i].path;
            ju[i].info = &r->units[i].info;
            i++;
        }
        n = i - first;
        snprintf(track, sizeof track, "%zu", c + 1);
        output_chapter_file(book, c, "opus", file, sizeof file);
        tags.title = book->chapters[c].title;
        tags.album = book->title;
        tags.artist = book->author;
        tags.chapters = NULL;
        tags.n_chapters = 0;
        if (first > 0) {
            lead.path = r->units[first - 1].path;
            lead.info = &r->units[first - 1].info;
        }
        buf_reset(&part);
        buf_reset(&final);
        if (buf_printf(&final, "%s/%s", dir, file) != DRAMATIS_OK ||
            buf_printf(&part, "%s/.%s.part", dir, file) != DRAMATIS_OK ||
            buf_printf(&list, "#EXTINF:%llu,%s\n%s\n", (end - marks[c] + 24000) / 48000,
                       book->chapters[c].title, file) != DRAMATIS_OK) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
            goto fail;
        }
        st = ogg_opus_join(part.data, &tags, track, first > 0 ? &lead : NULL, ju + first, n,
                           serial_for(book->title, c + 1), err);
        if (st == DRAMATIS_OK)
            st = rename_into_place(part.data, final.data, err);
        if (st != DRAMATIS_OK)
            goto fail;
    }
    buf_reset(&part);
    buf_reset(&final);
    if (buf_printf(&final, "%s/%s.m3u8", dir, name) != DRAMATIS_OK ||
        buf_printf(&part, "%s/.%s.m3u8.part", dir, name) != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
        goto fail;
    }
    f = fopen(part.data, "wb");
    if (f == NULL) {
        st = error_set(err, DRAMATIS_ERR_IO, part.data, 0, "cannot create: %s", strerror(errno));
        goto fail;
    }
    if (fwrite(list.data, 1, list.len, f) != list.len || fclose(f) != 0) {
        f = NULL;
        unlink(part.data);
        st = error_set(err, DRAMATIS_ERR_IO, part.data, 0, "cannot write: %s", strerror(errno));
        goto fail;
    }
    f = NULL;
    st = rename_into_place(part.data, final.data, err);
fail:
    if (f)
        fclose(f);
    free(ju);
    buf_cleanup(&part);
    buf_cleanup(&final);
    buf_cleanup(&list);
    return st;
}

dramatis_status dramatis_render_path(const struct dramatis_book *book, const char *out_dir,
                                    char *path, size_t size)
{
    char name[256];
    int n;

    output_safe_name(book->title, name, sizeof name);
    n = snprintf(path, size, "%s/%s/%s.opus", out_dir ? out_dir : "out", name, name);
    return n < 0 || (size_t)n >= size ? DRAMATIS_ERR_ARG : DRAMATIS_OK;
}

dramatis_status output_write(struct render_run *r, const char *dir, const char *name,
                             struct dramatis_error *err)
{
    unsigned long long *marks, total = 0;
    dramatis_status st;

    marks = calloc(r->book->n_chapters, sizeof *marks);
    if (marks == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    output_chapter_marks(r, marks, &total);
    st = join_book(r, dir, name, marks, err);
    if (st == DRAMATIS_OK && r->opt->split)
        st = join_chapters(r, dir, name, marks, total, err);
    free(marks);
    return st;
}
