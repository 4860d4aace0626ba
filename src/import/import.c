/* Import: reads a book file and hands it to the importer of its format
 * (libsndfile's format table, for books). */
#include "import.h"

#include "buf.h"
#include "error.h"

#include <utf8proc.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FILE_MAX ((size_t)1 << 30)   /* a novel is a few MB; refuse absurd inputs */

static int sniff_text(const char *path, const char *data, size_t size)
{
    (void)path;
    (void)data;
    (void)size;
    return 1;
}

const struct importer import_table[] = {
    { "text", sniff_text, import_text_parse },
    { NULL, NULL, NULL }
};

const struct importer *import_find(const char *name)
{
    size_t i;

    for (i = 0; name && import_table[i].name; i++) {
        if (strcmp(import_table[i].name, name) == 0)
            return &import_table[i];
    }
    return NULL;
}

/* Byte offset of the first invalid UTF-8 sequence, or size if none.  A NUL
 * byte counts as invalid: every later stage reads NUL-terminated text, so
 * the words after it would silently vanish. */
static size_t utf8_check(const char *t, size_t size)
{
    size_t i = 0;
    utf8proc_int32_t cp;

    while (i < size) {
        utf8proc_ssize_t n;
        if (t[i] == '\0')
            return i;
        if ((unsigned char)t[i] < 0x80) {
            i++;
            continue;
        }
        n = utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)(size - i), &cp);
        if (n <= 0)
            return i;
        i += (size_t)n;
    }
    return size;
}

static long line_of(const char *t, size_t offset)
{
    long line = 1;
    const char *p = t, *end = t + offset;

    for (;;) {
        p = memchr(p, '\n', (size_t)(end - p));
        if (p == NULL)
            break;
        line++;
        p++;
    }
    return line;
}

/* strerror() text in the lowercase of our messages: "no such file or directory". */
static dramatis_status io_error(struct dramatis_error *err, const char *path, int errnum)
{
    char msg[256];

    snprintf(msg, sizeof msg, "%s", strerror(errnum));
    if (msg[0] >= 'A' && msg[0] <= 'Z')
        msg[0] = (char)(msg[0] - 'A' + 'a');
    return error_set(err, DRAMATIS_ERR_IO, path, 0, "%s", msg);
}

dramatis_status import_check_utf8(const char *path, const char *text, size_t size,
                                  struct dramatis_error *err)
{
    size_t bad = utf8_check(text, size);

    if (bad < size && text[bad] == '\0')
        return error_set(err, DRAMATIS_ERR_INPUT, path, line_of(text, bad),
                         "NUL byte at byte %zu: not a text file", bad);
    if (bad < size)
        return error_set(err, DRAMATIS_ERR_INPUT, path, line_of(text, bad),
                         "invalid UTF-8 at byte %zu", bad);
    return DRAMATIS_OK;
}

/* Reads the whole file at path into data (capped at FILE_MAX). */
static dramatis_status read_file(const char *path, struct buf *data, struct dramatis_error *err)
{
    FILE *f = NULL;
    struct stat sb;
    char chunk[65536];
    size_t n;
    dramatis_status st;

    f = fopen(path, "rb");
    if (f == NULL)
        return io_error(err, path, errno);
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "is a directory");
        goto fail;
    }
    for (;;) {
        n = fread(chunk, 1, sizeof chunk, f);
        if (n == 0)
            break;
        st = buf_add(data, chunk, n);
        if (st != DRAMATIS_OK) {
            st = error_set(err, st, path, 0, "file too large");
            goto fail;
        }
    }
    if (ferror(f)) {
        st = io_error(err, path, errno);
        goto fail;
    }
    fclose(f);
    return DRAMATIS_OK;

fail:
    fclose(f);
    return st;
}

dramatis_status import_load(const char *path, const char *format, struct dramatis_book **out,
                            struct dramatis_error *err)
{
    const struct importer *imp = NULL;
    struct buf data;
    dramatis_status st;
    int best = 0;
    size_t i;

    *out = NULL;
    if (format) {
        imp = import_find(format);
        if (imp == NULL)
            return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "unknown input format '%s'", format);
    }
    buf_init(&data, FILE_MAX);
    st = read_file(path, &data, err);
    if (st != DRAMATIS_OK)
        goto fail;
    for (i = 0; format == NULL && import_table[i].name; i++) {
        int sure = import_table[i].sniff(path, data.data ? data.data : "", data.len);
        if (sure > best) {
            best = sure;
            imp = &import_table[i];
        }
    }
    st = imp->parse(path, data.data ? data.data : "", data.len, out, err);
fail:
    buf_cleanup(&data);
    return st;
}
