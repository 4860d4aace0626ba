/* Import: reads a book file and hands it to the importer of its format
 * (libsndfile's format table, for books). */
#include "import.h"

#include "buf.h"
#include "error.h"
#include "source.h"

#include <utf8proc.h>

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define FILE_MAX ((size_t)1 << 30)   /* a novel is a few MB; refuse absurd inputs */

/* The file name's extension after its last dot, or "". */
static const char *extension(const char *path)
{
    const char *slash = strrchr(path ? path : "", '/');
    const char *base = slash ? slash + 1 : (path ? path : "");
    const char *dot = strrchr(base, '.');

    return dot && dot != base ? dot + 1 : "";
}

static int extension_in(const char *path, const char *const *list)
{
    const char *ext = extension(path);

    for (; *list; list++) {
        if (strcasecmp(ext, *list) == 0)
            return 1;
    }
    return 0;
}

static int sniff_text(const char *path, const char *data, size_t size)
{
    (void)path;
    (void)data;
    (void)size;
    return 1;
}

/* A ZIP whose first entry is `mimetype` = `application/epub+zip`; any
 * other ZIP, or a file called .epub, goes to the EPUB importer too, which
 * says what is wrong with it. */
static int sniff_epub(const char *path, const char *data, size_t size)
{
    static const char *const ext[] = { "epub", NULL };
    static const char mime[] = "mimetypeapplication/epub+zip";

    if (size >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
        if (size >= 30 + sizeof mime - 1 && memcmp(data + 30, mime, sizeof mime - 1) == 0)
            return 100;
        return extension_in(path, ext) ? 90 : 50;
    }
    return extension_in(path, ext) ? 60 : 0;
}

static int starts_with_ci(const char *data, size_t size, size_t at, const char *lit)
{
    size_t n = strlen(lit);

    return at + n <= size && strncasecmp(data + at, lit, n) == 0;
}

static int sniff_html(const char *path, const char *data, size_t size)
{
    static const char *const ext[] = { "html", "htm", "xhtml", NULL };
    size_t i = 0, k, look = size < 1024 ? size : 1024;

    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (starts_with_ci(data, size, i, "<!doctype html") || starts_with_ci(data, size, i, "<html"))
        return 90;
    if (starts_with_ci(data, size, i, "<?xml") || starts_with_ci(data, size, i, "<!--")) {
        for (k = i; k < look; k++) {
            if (starts_with_ci(data, look, k, "<html"))
                return 90;
        }
    }
    return extension_in(path, ext) ? 70 : 0;
}

static int sniff_markdown(const char *path, const char *data, size_t size)
{
    static const char *const ext[] = { "md", "markdown", "mdown", "mkd", "mkdn", NULL };

    (void)data;
    (void)size;
    return extension_in(path, ext) ? 70 : 0;
}

const struct importer import_table[] = {
    { "epub", sniff_epub, import_epub_parse },
    { "html", sniff_html, import_html_parse },
    { "markdown", sniff_markdown, import_markdown_parse },
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

/* Reads all of f into data (capped at FILE_MAX). */
static dramatis_status read_stream(FILE *f, const char *path, struct buf *data,
                                   struct dramatis_error *err)
{
    char chunk[65536];
    size_t n;

    for (;;) {
        n = fread(chunk, 1, sizeof chunk, f);
        if (n == 0)
            break;
        if (buf_add(data, chunk, n) != DRAMATIS_OK)
            return error_set(err, DRAMATIS_ERR_INPUT, path, 0, "file too large");
    }
    if (ferror(f))
        return io_error(err, path, errno);
    return DRAMATIS_OK;
}

/* Reads the whole file at path ("-": standard input) into data. */
static dramatis_status read_file(const char *path, struct buf *data, struct dramatis_error *err)
{
    FILE *f = NULL;
    struct stat sb;
    dramatis_status st;

    if (strcmp(path, "-") == 0)
        return read_stream(stdin, path, data, err);
    f = fopen(path, "rb");
    if (f == NULL)
        return io_error(err, path, errno);
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode))
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "is a directory");
    else
        st = read_stream(f, path, data, err);
    fclose(f);
    return st;
}

/* UTF-16 with a byte-order mark, converted to UTF-8 (without the mark)
 * into out; *encoding SOURCE_UTF8 when data is not UTF-16. */
static dramatis_status from_utf16(const char *path, const struct buf *data, struct buf *out,
                                  enum source_encoding *encoding, struct dramatis_error *err)
{
    iconv_t cd;
    char *in, *o;
    size_t in_left, o_left;

    *encoding = SOURCE_UTF8;
    if (data->len < 2)
        return DRAMATIS_OK;
    if ((unsigned char)data->data[0] == 0xFF && (unsigned char)data->data[1] == 0xFE)
        *encoding = SOURCE_UTF16LE;
    else if ((unsigned char)data->data[0] == 0xFE && (unsigned char)data->data[1] == 0xFF)
        *encoding = SOURCE_UTF16BE;
    else
        return DRAMATIS_OK;
    cd = iconv_open("UTF-8", *encoding == SOURCE_UTF16LE ? "UTF-16LE" : "UTF-16BE");
    if (cd == (iconv_t)-1)
        return error_set(err, DRAMATIS_ERR_INPUT, path, 0, "cannot convert UTF-16 here");
    in = data->data + 2;
    in_left = data->len - 2;
    while (in_left > 0) {
        char chunk[65536];
        size_t r;
        o = chunk;
        o_left = sizeof chunk;
        r = iconv(cd, &in, &in_left, &o, &o_left);
        if (buf_add(out, chunk, sizeof chunk - o_left) != DRAMATIS_OK) {
            iconv_close(cd);
            return error_set(err, DRAMATIS_ERR_INPUT, path, 0, "file too large");
        }
        if (r == (size_t)-1 && errno != E2BIG) {
            size_t at = (size_t)(in - data->data);
            iconv_close(cd);
            return error_set(err, DRAMATIS_ERR_INPUT, path, 0, "invalid UTF-16 at byte %zu", at);
        }
    }
    iconv_close(cd);
    return DRAMATIS_OK;
}

/* A book read from UTF-16: offsets in its source map count the file's
 * bytes.  Plain text gets a map here, anchored at every paragraph. */
static dramatis_status source_utf16(struct dramatis_book *book, const char *path,
                                    const struct buf *utf8, enum source_encoding encoding)
{
    struct book_source *src = book->source;
    size_t doc = 0, c, p;
    dramatis_status st = DRAMATIS_OK;

    if (src == NULL) {
        src = book->source = source_new();
        if (src == NULL)
            return DRAMATIS_ERR_NOMEM;
        st = source_add_doc(src, path, &doc);
        if (st == DRAMATIS_OK)
            st = source_anchor(src, 0, doc, 0, SOURCE_LINEAR);
        for (c = 0; st == DRAMATIS_OK && c < book->n_chapters; c++) {
            const struct chapter *ch = &book->chapters[c];
            for (p = 0; st == DRAMATIS_OK && p < ch->n_paragraphs; p++)
                st = source_anchor(src, ch->paragraphs[p].start, doc, ch->paragraphs[p].start,
                                   SOURCE_LINEAR);
        }
        if (st != DRAMATIS_OK)
            return st;
        /* one walk from each anchor: anchors must ascend, titles come first */
    }
    return source_doc_to_utf16(src, doc, utf8->data ? utf8->data : "", utf8->len, encoding, 2);
}

/* Standard input has no name to take a title from: the plain-text importer
 * took "-" for the book's title and the first chapter's. */
static dramatis_status untitled_stdin(struct dramatis_book *book)
{
    size_t c;

    if (strcmp(book->title, "-") != 0)
        return DRAMATIS_OK;
    for (c = 0; c <= book->n_chapters; c++) {
        char **title = c < book->n_chapters ? &book->chapters[c].title : &book->title;
        if (strcmp(*title, "-") != 0)
            continue;
        free(*title);
        *title = strdup("Untitled");
        if (*title == NULL)
            return DRAMATIS_ERR_NOMEM;
    }
    return DRAMATIS_OK;
}

char *import_title_from_path(const char *path)
{
    const char *slash = strrchr(path ? path : "", '/');
    const char *base = slash ? slash + 1 : (path ? path : "");
    const char *ext = extension(base);
    size_t n = *ext ? (size_t)(ext - 1 - base) : strlen(base);
    char *t;

    if (n == 0 || strcmp(base, "-") == 0)
        return strdup("Untitled");
    t = malloc(n + 1);
    if (t) {
        memcpy(t, base, n);
        t[n] = '\0';
    }
    return t;
}

dramatis_status import_book_check(const char *path, const struct dramatis_book *book,
                                  struct dramatis_error *err)
{
    if (book == NULL || book->n_chapters == 0)
        return error_set(err, DRAMATIS_ERR_INPUT, path, 0, "nothing to read: no paragraphs of text");
    if (book->title == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, path, 0, NULL);
    return DRAMATIS_OK;
}

dramatis_status import_load(const char *path, const char *format, struct dramatis_book **out,
                            struct dramatis_error *err)
{
    static const char *const text_ext[] = { "txt", "text", NULL };
    const struct importer *imp = NULL;
    struct buf data, utf8;
    const struct buf *in = &data;
    enum source_encoding encoding = SOURCE_UTF8;
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
    buf_init(&utf8, FILE_MAX);
    st = read_file(path, &data, err);
    if (st == DRAMATIS_OK)
        st = from_utf16(path, &data, &utf8, &encoding, err);
    if (st != DRAMATIS_OK)
        goto fail;
    if (encoding != SOURCE_UTF8)
        in = &utf8;
    for (i = 0; format == NULL && import_table[i].name; i++) {
        int sure = import_table[i].sniff(path, in->data ? in->data : "", in->len);
        if (sure > best) {
            best = sure;
            imp = &import_table[i];
        }
    }
    /* only the fallback wants a file named as something else (`.pdf`):
     * say it is no format dramatis reads if it is not text either */
    if (format == NULL && best <= 1 && *extension(path) && !extension_in(path, text_ext) &&
        import_check_utf8(path, in->data ? in->data : "", in->len, err) != DRAMATIS_OK) {
        char why[sizeof err->message];
        snprintf(why, sizeof why, "%s", err ? err->message : "");
        st = error_set(err, DRAMATIS_ERR_INPUT, path, 0,
                       "not a supported format (EPUB, HTML, Markdown, UTF-8 or UTF-16 text): %s",
                       why);
        goto fail;
    }
    st = imp->parse(path, in->data ? in->data : "", in->len, out, err);
    if (st == DRAMATIS_OK && encoding != SOURCE_UTF8)
        st = source_utf16(*out, path, in, encoding);
    if (st == DRAMATIS_OK && strcmp(path, "-") == 0)
        st = untitled_stdin(*out);
    if (st != DRAMATIS_OK && *out) {
        dramatis_book_free(*out);
        *out = NULL;
        if (err && err->code == DRAMATIS_OK)
            error_set(err, st, path, 0, NULL);
    }
fail:
    buf_cleanup(&data);
    buf_cleanup(&utf8);
    return st;
}
