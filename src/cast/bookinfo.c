/* The voice map's [book] section: sets or overrides what the book says
 * about itself (title, author, description, cover...) for the tags. */
#include "voicemap.h"

#include "buf.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A cover in a map is a file; larger than this is not a cover. */
#define COVER_MAX_BYTES ((size_t)16 << 20)

/* The [book] keys and where each one goes; "cover" is read as a file. */
static char **book_field(struct dramatis_book *book, const char *key)
{
    struct book_meta *m = &book->meta;

    if (strcasecmp(key, "title") == 0)
        return &book->title;
    if (strcasecmp(key, "author") == 0)
        return &book->author;
    if (strcasecmp(key, "language") == 0)
        return &m->language;
    if (strcasecmp(key, "description") == 0)
        return &m->description;
    if (strcasecmp(key, "date") == 0)
        return &m->date;
    if (strcasecmp(key, "publisher") == 0)
        return &m->publisher;
    if (strcasecmp(key, "series") == 0)
        return &m->series;
    if (strcasecmp(key, "series_index") == 0)
        return &m->series_index;
    if (strcasecmp(key, "genre") == 0)
        return &m->genre;
    if (strcasecmp(key, "narrator") == 0)
        return &m->narrator;
    if (strcasecmp(key, "comment") == 0)
        return &m->comment;
    return NULL;
}

int voicemap_book_key(const char *key)
{
    struct dramatis_book probe;

    memset(&probe, 0, sizeof probe);
    return strcasecmp(key, "cover") == 0 || book_field(&probe, key) != NULL;
}

/* Reads the cover file named in the map, relative to the map's folder. */
static dramatis_status read_cover(const struct dramatis_voicemap *map,
                                  const struct voicemap_pair *pair, struct dramatis_book *book,
                                  struct dramatis_error *err)
{
    const char *slash = strrchr(map->path, '/');
    struct buf path, data;
    char chunk[65536];
    size_t n;
    FILE *f;
    dramatis_status st = DRAMATIS_OK;
    const unsigned char *d;

    buf_init(&path, 16384);
    buf_init(&data, COVER_MAX_BYTES);
    if (pair->value[0] == '/' || slash == NULL)
        st = buf_adds(&path, pair->value);
    else
        st = buf_printf(&path, "%.*s%s", (int)(slash - map->path + 1), map->path, pair->value);
    if (st != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_MAP, map->path, pair->line, "cover path too long");
        goto fail;
    }
    f = fopen(path.data, "rb");
    if (f == NULL) {
        st = error_set(err, DRAMATIS_ERR_MAP, map->path, pair->line, "cover '%s': %s", path.data,
                       strerror(errno));
        goto fail;
    }
    while (st == DRAMATIS_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        st = buf_add(&data, chunk, n);
    fclose(f);
    d = (const unsigned char *)data.data;
    if (st != DRAMATIS_OK || data.len < 8 ||
        !((d[0] == 0xFF && d[1] == 0xD8) || (d[0] == 0x89 && memcmp(d + 1, "PNG", 3) == 0))) {
        st = error_set(err, DRAMATIS_ERR_MAP, map->path, pair->line,
                       "cover '%s' is not a JPEG or PNG image of at most 16 MB", path.data);
        goto fail;
    }
    free(book->meta.cover);
    free(book->meta.cover_mime);
    book->meta.cover_mime = strdup(d[0] == 0xFF ? "image/jpeg" : "image/png");
    book->meta.cover_size = data.len;
    book->meta.cover = (unsigned char *)buf_take(&data);
    if (book->meta.cover_mime == NULL)
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
fail:
    buf_cleanup(&path);
    buf_cleanup(&data);
    return st;
}

dramatis_status voicemap_apply_book(const struct dramatis_voicemap *map, struct dramatis_book *book,
                                    struct dramatis_error *err)
{
    size_t i;

    for (i = 0; map && i < map->n_book; i++) {
        const struct voicemap_pair *p = &map->book[i];
        char **field = book_field(book, p->key), *copy;

        if (field == NULL) {
            dramatis_status st = read_cover(map, p, book, err);
            if (st != DRAMATIS_OK)
                return st;
            continue;
        }
        copy = strdup(p->value);
        if (copy == NULL)
            return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        free(*field);
        *field = copy;
    }
    return DRAMATIS_OK;
}
