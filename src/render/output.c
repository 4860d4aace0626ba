/* The book's files, joined from the encoded units: the whole book in each
 * format with its chapter marks, tags and cover, chapter files and a
 * playlist with --split, and the cover beside them. */
#include "run.h"

#include "buf.h"
#include "error.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Cover images are read whole; larger files are not covers. */
#define COVER_MAX_BYTES ((size_t)16 << 20)

static int serial_for(const char *title, size_t track)
{
    unsigned long long h = render_fnv1a(RENDER_FNV_BASIS, title, strlen(title));

    h = render_fnv1a(h, &track, sizeof track);
    return (int)(h & 0x7fffffff);
}

/* ---- tags */

/* What the tags say besides titles, made once per render. */
struct book_tags {
    struct ogg_opus_tags tags;
    const char *genres[2];
    char language[16];
    char *comment;             /* made here when the book has none */
};

/* The language of the narrator's espeak-ng voice ("en-gb-x-rp" -> "en"),
 * when the book does not say. */
static void voice_language(const struct voice *v, char *out, size_t size)
{
    size_t n = strcspn(v->name, "-+");

    out[0] = '\0';
    if ((n == 2 || n == 3) && n < size) {
        memcpy(out, v->name, n);
        out[n] = '\0';
    }
}

/* "Voices (espeak-ng): narrator en-gb-x-rp; Mara en-gb-scotland+f4 ..." */
static char *voices_comment(const struct dramatis_book *book)
{
    struct buf b;
    size_t i;
    dramatis_status st;

    buf_init(&b, (size_t)1 << 20);
    st = buf_printf(&b, "Voices (espeak-ng): narrator %s", book->narrator.name);
    for (i = 0; st == DRAMATIS_OK && i < book->n_characters; i++)
        st = buf_printf(&b, "; %s %s", book->characters[i].name, book->characters[i].voice.name);
    if (st == DRAMATIS_OK)
        st = buf_printf(&b, ". Rendered by dramatis %s.", DRAMATIS_VERSION);
    if (st != DRAMATIS_OK) {
        buf_cleanup(&b);
        return NULL;
    }
    return buf_take(&b);
}

static dramatis_status book_tags_init(struct book_tags *bt, const struct dramatis_book *book,
                                      const struct encode_picture *cover)
{
    const struct book_meta *m = &book->meta;
    struct ogg_opus_tags *t = &bt->tags;

    memset(bt, 0, sizeof *bt);
    t->title = book->title;
    t->album = book->title;
    t->artist = book->author;
    t->album_artist = book->author;
    t->date = m->date;
    if (m->language && m->language[0])
        snprintf(bt->language, sizeof bt->language, "%s", m->language);
    else
        voice_language(&book->narrator, bt->language, sizeof bt->language);
    t->language = bt->language;
    t->description = m->description;
    if (m->comment == NULL) {
        bt->comment = voices_comment(book);
        if (bt->comment == NULL)
            return DRAMATIS_ERR_NOMEM;
    }
    t->comment = m->comment ? m->comment : bt->comment;
    /* Audiobookshelf reads the composer as the narrator */
    t->composer = m->narrator ? m->narrator : "espeak-ng";
    t->publisher = m->publisher;
    t->series = m->series;
    t->series_part = m->series_index;
    bt->genres[t->n_genres++] = "Audiobook";
    if (m->genre && m->genre[0])
        bt->genres[t->n_genres++] = m->genre;
    t->genres = bt->genres;
    t->picture = cover;
    return DRAMATIS_OK;
}

/* ---- where chapters begin */

/* In 48 kHz samples of the joined Opus book: at the previous chapter's
 * audio end.  The few ms of the unit's pad and the next encoder's delay
 * (silence) are counted to the chapter that follows, which is how its own
 * file (started from the previous unit's last packet) holds them too. */
static void opus_marks(const struct render_run *r, unsigned long long *marks,
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

/* In samples of the m4b at the synthesis rate, after the first unit's
 * priming: where the chapter's first unit (its own priming first) begins. */
static void m4b_marks(const struct render_run *r, unsigned long long *marks,
                      unsigned long long *total)
{
    unsigned long long q = 0;
    size_t i;

    for (i = 0; i < r->n_units; i++) {
        if (r->plan[i].first)
            marks[r->plan[i].chapter] = i == 0 ? 0 : q - r->units[0].aac_info.priming;
        q += r->units[i].aac_info.samples;
    }
    *total = q - r->units[0].aac_info.priming;
}

/* ---- joins */

/* One format's files of this render. */
struct format_out {
    dramatis_format format;
    const char *ext;              /* "opus", "m4b" */
    const char *root;             /* folder in the book's folder: "" or "m4b" */
    unsigned long long *marks;    /* chapter starts */
    unsigned long long total;
    int rate;                     /* of marks */
};

/* Joins units [first, first + n) into rel (written aside, then renamed);
 * lead is the unit before them for an Opus chapter file, or -1. */
static dramatis_status join_file(struct render_run *r, struct library_book *lb,
                                 const struct format_out *fo, const struct ogg_opus_tags *tags,
                                 const char *track, size_t first, size_t n, long lead,
                                 int serial, const char *rel, struct dramatis_error *err)
{
    struct part_file part = { NULL, -1 };
    char *final = library_path(lb, rel);
    dramatis_status st = DRAMATIS_OK;
    size_t i;

    /* ".<name>.XXXXXX.part": a dot file, so no server picks it up
     * half-written, of a name no one can plant a link at; the joiners
     * open it by name, never through a link */
    if (final == NULL)
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
    else
        st = part_file_open(final, &part, err);
    if (st == DRAMATIS_OK && fo->format == DRAMATIS_FORMAT_OPUS) {
        struct ogg_opus_join_unit *ju = calloc(n, sizeof *ju), leadu;
        if (ju == NULL) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        } else {
            for (i = 0; i < n; i++) {
                ju[i].path = r->units[first + i].path;
                ju[i].info = &r->units[first + i].info;
            }
            if (lead >= 0) {
                leadu.path = r->units[lead].path;
                leadu.info = &r->units[lead].info;
            }
            st = ogg_opus_join(part.path, tags, track, lead >= 0 ? &leadu : NULL, ju, n, serial,
                               err);
            free(ju);
        }
    } else if (st == DRAMATIS_OK) {
        struct m4b_join_unit *ju = calloc(n, sizeof *ju);
        if (ju == NULL) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        } else {
            for (i = 0; i < n; i++) {
                ju[i].path = r->units[first + i].aac_path;
                ju[i].info = &r->units[first + i].aac_info;
            }
            st = m4b_join(part.path, tags, track, ju, n, err);
            free(ju);
        }
    }
    if (st == DRAMATIS_OK)
        st = library_put(lb, &part, rel, err);
    part_file_abort(&part);
    free(final);
    return st;
}

/* The chapter marks of the whole book in fo's format.  An Ogg Opus file
 * holds at most OGG_OPUS_MAX_CHAPTERS marks (CHAPTER001-CHAPTER999: ffmpeg
 * and the players built on it read three digits, and would take a
 * CHAPTER1000NAME for chapter 100's name), so a longer book's chapters are
 * grouped in order, as few to a mark as fit, each mark at its group's
 * first chapter and named "First - Last" (the chapter files of --split
 * and the m4b keep every chapter).  *names (free each) holds the names
 * made here. */
static dramatis_status whole_marks(const struct render_run *r, const struct format_out *fo,
                                   struct ogg_opus_chapter **out, size_t *n_out, char ***names)
{
    const struct dramatis_book *book = r->book;
    size_t per = 1, n, i;
    struct ogg_opus_chapter *marks;

    if (fo->format == DRAMATIS_FORMAT_OPUS && book->n_chapters > OGG_OPUS_MAX_CHAPTERS)
        per = (book->n_chapters + OGG_OPUS_MAX_CHAPTERS - 1) / OGG_OPUS_MAX_CHAPTERS;
    n = (book->n_chapters + per - 1) / per;
    marks = calloc(n ? n : 1, sizeof *marks);
    *names = calloc(n ? n : 1, sizeof **names);
    if (marks == NULL || *names == NULL) {
        free(marks);
        free(*names);
        *names = NULL;
        return DRAMATIS_ERR_NOMEM;
    }
    for (i = 0; i < n; i++) {
        size_t first = i * per, last = first + per - 1;
        const char *a = book->chapters[first].title ? book->chapters[first].title : "";

        if (last >= book->n_chapters)
            last = book->n_chapters - 1;
        marks[i].start = fo->marks[first];
        marks[i].name = a;
        if (last > first) {
            struct buf b;
            buf_init(&b, (size_t)1 << 16);
            /* a name too long keeps the first chapter's title alone */
            if (buf_printf(&b, "%s - %s", a,
                           book->chapters[last].title ? book->chapters[last].title : "") ==
                DRAMATIS_OK) {
                (*names)[i] = buf_take(&b);
                marks[i].name = (*names)[i];
            }
            buf_cleanup(&b);
        }
    }
    *out = marks;
    *n_out = n;
    return DRAMATIS_OK;
}

static dramatis_status join_whole(struct render_run *r, struct library_book *lb,
                                  const struct format_out *fo, const struct book_tags *bt,
                                  struct dramatis_error *err)
{
    const struct dramatis_book *book = r->book;
    struct ogg_opus_chapter *chapters = NULL;
    struct ogg_opus_tags tags = bt->tags;
    char **names = NULL;
    struct buf rel;
    dramatis_status st;
    size_t i, n = 0;

    buf_init(&rel, 16384);
    if (whole_marks(r, fo, &chapters, &n, &names) != DRAMATIS_OK ||
        buf_printf(&rel, "%s%s%s.%s", fo->root, fo->root[0] ? "/" : "", lb->name, fo->ext) !=
            DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    tags.chapters = chapters;
    tags.n_chapters = n;
    st = join_file(r, lb, fo, &tags, NULL, 0, r->n_units, -1, serial_for(book->title, 0),
                   rel.data, err);
fail:
    for (i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
    free(chapters);
    buf_cleanup(&rel);
    return st;
}

void output_chapter_file(const struct dramatis_book *book, size_t c, const char *ext,
                         size_t name_max, char *out, size_t size)
{
    int width = book->n_chapters >= 1000 ? 4 : book->n_chapters >= 100 ? 3 : 2;
    char title[256];

    library_safe_name(book->chapters[c].title, title, sizeof title, name_max);
    snprintf(out, size, "%0*zu - %s.%s", width, c + 1, title, ext);
}

/* "NN - Chapter.ext" per chapter in folder, from the same packets, and
 * <Title>.m3u8 listing them. */
static dramatis_status join_chapters(struct render_run *r, struct library_book *lb,
                                     const struct format_out *fo, const struct book_tags *bt,
                                     const char *folder, struct dramatis_error *err)
{
    const struct dramatis_book *book = r->book;
    struct buf rel, list;
    dramatis_status st = DRAMATIS_OK;
    size_t c, i = 0;

    buf_init(&rel, 16384);
    buf_init(&list, (size_t)1 << 24);
    if (buf_adds(&list, "#EXTM3U\n") != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    for (c = 0; c < book->n_chapters; c++) {
        struct ogg_opus_tags tags = bt->tags;
        size_t first = i;
        char track[32], file[320];
        unsigned long long end = c + 1 < book->n_chapters ? fo->marks[c + 1] : fo->total;

        while (i < r->n_units && r->plan[i].chapter == c)
            i++;
        snprintf(track, sizeof track, "%zu", c + 1);
        output_chapter_file(book, c, fo->ext, lb->name_max, file, sizeof file);
        tags.title = book->chapters[c].title;
        buf_reset(&rel);
        if (buf_printf(&rel, "%s%s%s", folder, folder[0] ? "/" : "", file) != DRAMATIS_OK ||
            buf_printf(&list, "#EXTINF:%llu,%s\n%s\n",
                       (end - fo->marks[c] + (unsigned long long)fo->rate / 2) /
                           (unsigned long long)fo->rate,
                       book->chapters[c].title, file) != DRAMATIS_OK) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
            goto fail;
        }
        st = join_file(r, lb, fo, &tags, track, first, i - first,
                       fo->format == DRAMATIS_FORMAT_OPUS && first > 0 ? (long)first - 1 : -1,
                       serial_for(book->title, c + 1), rel.data, err);
        if (st != DRAMATIS_OK)
            goto fail;
    }
    buf_reset(&rel);
    if (buf_printf(&rel, "%s%s%s.m3u8", folder, folder[0] ? "/" : "", lb->name) != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
        goto fail;
    }
    st = library_put_text(lb, rel.data, &list, err);
fail:
    buf_cleanup(&rel);
    buf_cleanup(&list);
    return st;
}

/* ---- the cover */

static dramatis_status read_image(const char *path, unsigned char **data, size_t *size,
                                  struct dramatis_error *err)
{
    struct buf b;
    char chunk[65536];
    size_t n;
    FILE *f = fopen(path, "rb");

    *data = NULL;
    *size = 0;
    if (f == NULL)
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    buf_init(&b, COVER_MAX_BYTES);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_add(&b, chunk, n) != DRAMATIS_OK) {
            fclose(f);
            buf_cleanup(&b);
            return error_set(err, DRAMATIS_ERR_INPUT, path, 0, "cover image is too large");
        }
    }
    if (ferror(f)) {
        fclose(f);
        buf_cleanup(&b);
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot read");
    }
    fclose(f);
    *size = b.len;
    *data = (unsigned char *)buf_take(&b);
    buf_cleanup(&b);
    return DRAMATIS_OK;
}

static const char *const cover_names[] = { "cover.jpg", "cover.jpeg", "cover.png" };

dramatis_status output_find_cover(const struct dramatis_book *book,
                                  const struct dramatis_render_options *opt,
                                  const struct library_book *lb, unsigned char **data,
                                  struct encode_picture *pic, struct dramatis_error *err)
{
    struct buf path;
    size_t size = 0, i;
    dramatis_status st = DRAMATIS_OK;
    int found = 0;

    *data = NULL;
    memset(pic, 0, sizeof *pic);
    buf_init(&path, 16384);
    if (opt->cover) {
        st = buf_adds(&path, opt->cover);
        found = st == DRAMATIS_OK;
    } else if (book->meta.cover && book->meta.cover_size > 0) {
        *data = malloc(book->meta.cover_size);
        if (*data == NULL)
            return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        memcpy(*data, book->meta.cover, book->meta.cover_size);
        size = book->meta.cover_size;
        st = encode_picture_probe(*data, size, book->path, pic, err);
        goto done;
    }
    /* cover.jpg or cover.png beside the input file */
    for (i = 0; !found && book->path && i < sizeof cover_names / sizeof cover_names[0]; i++) {
        const char *slash = strrchr(book->path, '/');
        struct stat stt;
        buf_reset(&path);
        if (buf_printf(&path, "%.*s%s", slash ? (int)(slash - book->path + 1) : 0, book->path,
                       cover_names[i]) == DRAMATIS_OK &&
            stat(path.data, &stt) == 0 && S_ISREG(stt.st_mode))
            found = 1;
    }
    /* one the user (or their server) put in the book's folder */
    for (i = 0; !found && i < sizeof cover_names / sizeof cover_names[0]; i++) {
        char *p = library_foreign(lb, cover_names[i]) ? library_path(lb, cover_names[i]) : NULL;
        if (p == NULL)
            continue;
        buf_reset(&path);
        found = buf_adds(&path, p) == DRAMATIS_OK;
        free(p);
    }
    if (!found)
        goto done;
    st = read_image(path.data, data, &size, err);
    if (st == DRAMATIS_OK)
        st = encode_picture_probe(*data, size, path.data, pic, err);
done:
    if (st != DRAMATIS_OK) {
        free(*data);
        *data = NULL;
    }
    buf_cleanup(&path);
    return st;
}

/* cover.jpg (or .png) in the book's folder, unless the user has one there. */
static dramatis_status put_cover(struct library_book *lb, const struct encode_picture *pic,
                                 struct dramatis_error *err)
{
    struct buf text;
    size_t i;
    dramatis_status st;

    for (i = 0; i < sizeof cover_names / sizeof cover_names[0]; i++) {
        if (library_foreign(lb, cover_names[i]))
            return DRAMATIS_OK;
    }
    /* library_put_text reads data and len only: the image as it is, no copy */
    memset(&text, 0, sizeof text);
    text.data = (char *)pic->data;
    text.len = pic->size;
    st = library_put_text(lb, pic->png ? "cover.png" : "cover.jpg", &text, err);
    return st;
}

/* ---- sidecars */

/* The sidecars (subtitles) of one format's files, timed as that format's
 * own files lay the units: beside the whole book when whole, and beside
 * each chapter file in folder (NULL: none).  An Opus chapter file begins at
 * its chapter's mark (from the previous unit's last packet); an m4b one at
 * its first unit's audio, whose priming its edit list drops. */
static dramatis_status put_sidecars(struct render_run *r, struct library_book *lb,
                                    const struct format_out *fo, int whole, const char *folder,
                                    struct dramatis_error *err)
{
    struct sidecar_place place;
    double *starts = NULL;
    dramatis_status st;
    size_t i;

    memset(&place, 0, sizeof place);
    place.format = fo->format;
    place.root = whole ? fo->root : NULL;
    place.folder = folder;
    if (folder) {
        starts = calloc(r->book->n_chapters, sizeof *starts);
        if (starts == NULL)
            return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        for (i = 0; i < r->n_units; i++) {
            const struct render_unit *u = &r->plan[i];
            unsigned long long at = fo->marks[u->chapter];
            if (!u->first)
                continue;
            if (fo->format == DRAMATIS_FORMAT_M4B && i > 0)
                at += r->units[i].aac_info.priming;
            starts[u->chapter] = (double)at / fo->rate;
        }
    }
    place.chapter_start = starts;
    st = sidecar_write(r, lb, &place, err);
    free(starts);
    return st;
}

/* ---- everything */

/* Grows *longest to the path of a file of name_len bytes in the folder
 * rel (may be "") of the book's folder, or of its part file, whichever
 * is longer (see part_file_open: "." + at most 100 bytes + ".XXXXXX.part"). */
static void longest_path(size_t *longest, const struct library_book *lb, const char *rel,
                         size_t name_len)
{
    size_t part = (name_len < 100 ? name_len : 100) + strlen("..XXXXXX.part");
    size_t len = strlen(lb->dir) + 1 + strlen(rel) + (rel[0] ? 1 : 0) +
                 (part > name_len ? part : name_len);

    if (len > *longest)
        *longest = len;
}

dramatis_status output_check(const struct render_run *r, const struct library_book *lb,
                             struct dramatis_error *err)
{
    const struct dramatis_book *book = r->book;
    const struct dramatis_render_options *opt = r->opt;
    size_t longest = 0, f, c;
    char title[256], folder[32];

    /* the manifest, the lock, a cover, the units of --no-cache */
    longest_path(&longest, lb, "", strlen(".dramatis.lock"));
    longest_path(&longest, lb, "", strlen("cover.jpeg"));
    longest_path(&longest, lb, ".units-XXXXXX", strlen("0123456789abcdef.lines"));
    for (f = 0; f < opt->n_formats; f++) {
        const char *ext = opt->formats[f] == DRAMATIS_FORMAT_M4B ? "m4b" : "opus";
        size_t width = book->n_chapters >= 1000 ? 4 : book->n_chapters >= 100 ? 3 : 2;

        snprintf(folder, sizeof folder, "%s%s%s", f > 0 ? ext : "",
                 f > 0 && opt->split == DRAMATIS_SPLIT_ALSO ? "/" : "",
                 opt->split == DRAMATIS_SPLIT_ALSO ? "chapters" : "");
        longest_path(&longest, lb, f > 0 ? ext : "", strlen(lb->name) + 1 + strlen(ext));
        longest_path(&longest, lb, folder, strlen(".ignore"));
        if (opt->split == DRAMATIS_SPLIT_NONE)
            continue;
        longest_path(&longest, lb, folder, strlen(lb->name) + strlen(".m3u8"));
        /* "NN - Chapter Title.opus", as join_chapters names them */
        for (c = 0; c < book->n_chapters; c++) {
            size_t digits = 1, k;
            library_safe_name(book->chapters[c].title, title, sizeof title, lb->name_max);
            for (k = c + 1; k >= 10; k /= 10)
                digits++;
            longest_path(&longest, lb, folder,
                         (digits > width ? digits : width) + 3 + strlen(title) + 1 + strlen(ext));
        }
    }
    if (longest >= PATH_MAX)
        return error_set(err, DRAMATIS_ERR_ARG, lb->dir, 0,
                         "the output folder's path is too long (%zu bytes; its files' paths "
                         "would be %zu, over the limit of %d): give -o a shorter folder",
                         strlen(lb->dir), longest, PATH_MAX - 1);
    return DRAMATIS_OK;
}

dramatis_status output_write(struct render_run *r, struct library_book *lb,
                             const struct encode_picture *cover, struct dramatis_error *err)
{
    const struct dramatis_render_options *opt = r->opt;
    const struct dramatis_book *book = r->book;
    struct book_tags bt;
    dramatis_status st;
    size_t f;

    st = book_tags_init(&bt, book, cover);
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, NULL);
    for (f = 0; st == DRAMATIS_OK && f < opt->n_formats; f++) {
        struct format_out fo;
        struct buf sub;
        const char *folder = NULL;

        memset(&fo, 0, sizeof fo);
        fo.format = opt->formats[f];
        fo.ext = fo.format == DRAMATIS_FORMAT_M4B ? "m4b" : "opus";
        /* the first format is the book the folder holds; the others sit in
         * a folder servers skip, or a server would count the book twice */
        fo.root = f == 0 ? "" : fo.ext;
        fo.marks = calloc(book->n_chapters, sizeof *fo.marks);
        if (fo.marks == NULL) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
            break;
        }
        if (fo.format == DRAMATIS_FORMAT_OPUS) {
            opus_marks(r, fo.marks, &fo.total);
            fo.rate = 48000;
        } else {
            m4b_marks(r, fo.marks, &fo.total);
            fo.rate = r->settings.rate;
        }
        buf_init(&sub, 16384);
        if (f > 0)
            st = library_make_dir(lb, fo.root, 1, err);
        if (st == DRAMATIS_OK && opt->split != DRAMATIS_SPLIT_ONLY)
            st = join_whole(r, lb, &fo, &bt, err);
        if (st == DRAMATIS_OK && opt->split != DRAMATIS_SPLIT_NONE) {
            if (opt->split == DRAMATIS_SPLIT_ALSO) {
                if (buf_printf(&sub, "%s%schapters", fo.root, fo.root[0] ? "/" : "") != DRAMATIS_OK)
                    st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
                else
                    st = library_make_dir(lb, sub.data, 1, err);
            } else if (buf_adds(&sub, fo.root) != DRAMATIS_OK) {
                st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
            }
            folder = sub.data ? sub.data : "";
            if (st == DRAMATIS_OK)
                st = join_chapters(r, lb, &fo, &bt, folder, err);
        }
        if (st == DRAMATIS_OK && r->sidecar)
            st = put_sidecars(r, lb, &fo, opt->split != DRAMATIS_SPLIT_ONLY, folder, err);
        buf_cleanup(&sub);
        free(fo.marks);
    }
    if (st == DRAMATIS_OK && cover)
        st = put_cover(lb, cover, err);
    free(bt.comment);
    return st;
}
