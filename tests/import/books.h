/* Helpers of the importer tests: small books written in the test (ZIP
 * containers through libzip), and looks into what was imported. */
#ifndef DRAMATIS_TEST_BOOKS_H
#define DRAMATIS_TEST_BOOKS_H

#include "check.h"
#include "import.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* One file of a container: its name and bytes (len 0: strlen). */
struct book_file {
    const char *name;
    const char *data;
    size_t len;
};

static inline void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    CHECK(f != NULL);
    if (f == NULL)
        return;
    CHECK(fwrite(data, 1, len, f) == len);
    fclose(f);
}

static inline void write_text(const char *path, const char *text)
{
    write_bytes(path, text, strlen(text));
}

/* Writes a ZIP at path holding files in order, the first one stored (an
 * EPUB's mimetype), the others deflated. */
static inline void write_zip(const char *path, const struct book_file *files, size_t n)
{
    zip_t *z;
    int zerr = 0;
    size_t i;

    remove(path);
    z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    CHECK(z != NULL);
    if (z == NULL)
        return;
    for (i = 0; i < n; i++) {
        size_t len = files[i].len ? files[i].len : strlen(files[i].data);
        zip_source_t *src = zip_source_buffer(z, files[i].data, len, 0);
        zip_int64_t idx = src ? zip_file_add(z, files[i].name, src, ZIP_FL_ENC_UTF_8) : -1;
        CHECK(idx >= 0);
        if (idx >= 0 && i == 0)
            zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    }
    CHECK(zip_close(z) == 0);
}

static inline struct dramatis_book *load(const char *path, const char *format)
{
    struct dramatis_book *book = NULL;
    struct dramatis_error err;

    memset(&err, 0, sizeof err);
    if (import_load(path, format, &book, &err) != DRAMATIS_OK)
        fprintf(stderr, "%s: load failed: %s\n", path, err.message);
    CHECK(book != NULL);
    return book;
}

/* Loading path fails with a message holding what. */
static inline void load_fails(const char *path, const char *what)
{
    struct dramatis_book *book = NULL;
    struct dramatis_error err;
    dramatis_status st;

    memset(&err, 0, sizeof err);
    st = import_load(path, NULL, &book, &err);
    CHECK(st != DRAMATIS_OK);
    CHECK(book == NULL);
    CHECK_STR(err.file, path);
    if (strstr(err.message, what) == NULL) {
        fprintf(stderr, "%s: message \"%s\" lacks \"%s\"\n", path, err.message, what);
        CHECK(0);
    }
    dramatis_book_free(book);
}

/* Paragraph p of chapter c as its span covers the text. */
static inline const char *para(const struct dramatis_book *b, size_t c, size_t p)
{
    static char out[4096];

    if (c >= b->n_chapters || p >= b->chapters[c].n_paragraphs)
        return "(none)";
    snprintf(out, sizeof out, "%.*s",
             (int)(b->chapters[c].paragraphs[p].end - b->chapters[c].paragraphs[p].start),
             b->text + b->chapters[c].paragraphs[p].start);
    return out;
}

/* Whether any paragraph or chapter title holds needle. */
static inline int spoken_anywhere(const struct dramatis_book *b, const char *needle)
{
    size_t c, p;

    for (c = 0; c < b->n_chapters; c++) {
        if (strstr(b->chapters[c].title, needle))
            return 1;
        for (p = 0; p < b->chapters[c].n_paragraphs; p++) {
            if (strstr(para(b, c, p), needle))
                return 1;
        }
    }
    return 0;
}

/* The document bytes the source map gives for paragraph p of chapter c. */
static inline const char *para_source(const struct dramatis_book *b, size_t c, size_t p,
                               const char *doc_bytes, const char **doc)
{
    static char out[4096];
    const struct paragraph *pa = &b->chapters[c].paragraphs[p];
    size_t s = 0, e = 0;

    *doc = source_span(b, pa->start, pa->end, &s, &e);
    snprintf(out, sizeof out, "%.*s", (int)(e - s), doc_bytes + s);
    return out;
}

#endif
