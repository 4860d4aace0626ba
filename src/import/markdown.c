/* Markdown import: CommonMark parsed by libcmark into the extracted text;
 * `#` headings open chapters, `*emphasis*` stays emphasis, a thematic
 * break is a scene break, YAML front matter gives title and author; code,
 * raw HTML and images are not read. */
#include "import.h"

#include "buf.h"
#include "error.h"
#include "extract.h"
#include "markup.h"

#include <cmark.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FRONT_MAX 65536

/* Byte offsets of the starts of lines of text[0..size). */
struct lines {
    size_t *start;
    size_t n;
};

static dramatis_status lines_init(struct lines *l, const char *t, size_t size)
{
    size_t i, n = 1;

    for (i = 0; i < size; i++)
        n += t[i] == '\n';
    l->start = malloc(n * sizeof *l->start);
    if (l->start == NULL)
        return DRAMATIS_ERR_NOMEM;
    l->n = 0;
    l->start[l->n++] = 0;
    for (i = 0; i < size; i++) {
        if (t[i] == '\n')
            l->start[l->n++] = i + 1;
    }
    return DRAMATIS_OK;
}

/* cmark's 1-based line and byte column as an offset. */
static size_t line_col(const struct lines *l, int line, int col)
{
    if (line < 1 || (size_t)line > l->n)
        return 0;
    return l->start[line - 1] + (col > 1 ? (size_t)col - 1 : 0);
}

static char *unquote(const char *s, size_t n)
{
    char *r;

    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
        s++;
        n -= 2;
    }
    if (n == 0)
        return NULL;
    r = malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

/* YAML front matter (`---` ... `---`): `key: value` lines for the book;
 * the offset where the Markdown begins. */
static size_t front_matter(const char *t, size_t size, struct markup_meta *mm)
{
    static const struct {
        const char *key;
        size_t offset;
    } keys[] = {
        { "title", offsetof(struct markup_meta, title) },
        { "author", offsetof(struct markup_meta, author) },
        { "language", offsetof(struct markup_meta, language) },
        { "lang", offsetof(struct markup_meta, language) },
        { "description", offsetof(struct markup_meta, description) },
        { "summary", offsetof(struct markup_meta, description) },
        { "date", offsetof(struct markup_meta, date) },
        { "series", offsetof(struct markup_meta, series) },
        { "series_index", offsetof(struct markup_meta, series_index) },
        { "fandom", offsetof(struct markup_meta, genre) },
        { "genre", offsetof(struct markup_meta, genre) },
    };
    size_t i, body, limit = size < FRONT_MAX ? size : FRONT_MAX;

    if (!((limit >= 4 && memcmp(t, "---\n", 4) == 0) || (limit >= 5 && memcmp(t, "---\r\n", 5) == 0)))
        return 0;
    i = t[3] == '\r' ? 5 : 4;
    /* the closing line first: without one this is no front matter */
    for (body = i; body < limit;) {
        const char *nl = memchr(t + body, '\n', limit - body);
        size_t end = nl ? (size_t)(nl - t) : limit;
        size_t n = end - body;
        if (n > 0 && t[end - 1] == '\r')
            n--;
        if ((n == 3 && (memcmp(t + body, "---", 3) == 0 || memcmp(t + body, "...", 3) == 0))) {
            size_t after = nl ? end + 1 : end;
            while (i < body) {
                const char *lnl = memchr(t + i, '\n', body - i);
                size_t le = lnl ? (size_t)(lnl - t) : body;
                const char *colon = memchr(t + i, ':', le - i);
                size_t k;
                for (k = 0; colon && k < sizeof keys / sizeof keys[0]; k++) {
                    size_t kl = strlen(keys[k].key);
                    char **field = (char **)((char *)mm + keys[k].offset);
                    if ((size_t)(colon - (t + i)) == kl && strncasecmp(t + i, keys[k].key, kl) == 0 &&
                        *field == NULL)
                        *field = unquote(colon + 1, (size_t)(t + le - (colon + 1)));
                }
                i = le + 1;
            }
            return after;
        }
        if (nl == NULL)
            break;
        body = end + 1;
    }
    return 0;
}

struct md {
    struct extract *ex;
    struct markup *m;
    const struct lines *lines;
    size_t base;    /* offset of the Markdown after the front matter */
};

static void md_survey(cmark_node *root, size_t counts[7])
{
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;

    for (ev = cmark_iter_next(it); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(it)) {
        cmark_node *n = cmark_iter_get_node(it);
        int level;
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING) {
            level = cmark_node_get_heading_level(n);
            if (level >= 1 && level <= 6)
                counts[level]++;
        }
    }
    cmark_iter_free(it);
}

/* Moves the search for text to where a block begins. */
static void md_seek(struct md *d, cmark_node *n)
{
    size_t off = d->base + line_col(d->lines, cmark_node_get_start_line(n),
                                    cmark_node_get_start_column(n));

    if (off > d->ex->cursor && off <= d->ex->raw_len)
        d->ex->cursor = off;
}

static dramatis_status md_walk(struct md *d, cmark_node *root)
{
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    dramatis_status st = DRAMATIS_OK;

    if (it == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (ev = cmark_iter_next(it); st == DRAMATIS_OK && ev != CMARK_EVENT_DONE;
         ev = cmark_iter_next(it)) {
        cmark_node *n = cmark_iter_get_node(it);
        int enter = ev == CMARK_EVENT_ENTER;
        const char *lit;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_BLOCK_QUOTE:
            markup_end_block(d->m);
            if (enter)
                md_seek(d, n);
            break;
        case CMARK_NODE_HEADING:
            if (enter) {
                markup_end_block(d->m);
                md_seek(d, n);
            } else {
                st = markup_heading(d->m, cmark_node_get_heading_level(n), 0);
            }
            break;
        case CMARK_NODE_THEMATIC_BREAK:
            markup_end_block(d->m);
            extract_scene_break(d->ex);
            break;
        case CMARK_NODE_LINEBREAK:   /* lines of verse: one paragraph each */
            markup_end_block(d->m);
            break;
        case CMARK_NODE_SOFTBREAK:
            extract_space(d->ex, d->ex->cursor, 1);
            break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            lit = cmark_node_get_literal(n);
            if (lit)
                st = extract_text(d->ex, lit, strlen(lit));
            break;
        case CMARK_NODE_EMPH:
            st = extract_emphasis(d->ex, enter);
            break;
        case CMARK_NODE_IMAGE:   /* its alt text is no story */
            if (enter)
                cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
            break;
        default:   /* code blocks, raw HTML, lists, links, strong: their text only */
            break;
        }
        if (st == DRAMATIS_OK)
            st = d->m->status;
    }
    cmark_iter_free(it);
    markup_end_block(d->m);
    return st == DRAMATIS_OK ? d->m->status : st;
}

dramatis_status import_markdown_parse(const char *path, const char *data, size_t size,
                                      struct dramatis_book **out, struct dramatis_error *err)
{
    struct extract ex;
    struct markup m;
    struct lines lines = { NULL, 0 };
    struct md d;
    cmark_node *root = NULL;
    size_t counts[7] = { 0 }, base;
    dramatis_status st;

    *out = NULL;
    st = extract_init(&ex, path);
    markup_init(&m, &ex);
    if (st == DRAMATIS_OK)
        st = import_check_utf8(path, data, size, err);
    if (st != DRAMATIS_OK)
        goto fail;
    base = front_matter(data, size, &m.meta);
    st = lines_init(&lines, data + base, size - base);
    if (st != DRAMATIS_OK)
        goto fail;
    root = cmark_parse_document(data + base, size - base, CMARK_OPT_DEFAULT);
    if (root == NULL) {
        st = DRAMATIS_ERR_NOMEM;
        goto fail;
    }
    md_survey(root, counts);
    markup_levels(&m, counts);
    m.book_title = m.meta.title;
    st = extract_doc(&ex, path, data, size, EXTRACT_MARKDOWN);
    ex.cursor = base;
    d.ex = &ex;
    d.m = &m;
    d.lines = &lines;
    d.base = base;
    if (st == DRAMATIS_OK)
        st = md_walk(&d, root);
    if (st != DRAMATIS_OK)
        goto fail;
    st = markup_finish(&m, path, out, err);
fail:
    if (st != DRAMATIS_OK && err && err->code == DRAMATIS_OK)
        error_set(err, st, path, 0, NULL);
    free(lines.start);
    if (root)
        cmark_node_free(root);
    markup_cleanup(&m);
    extract_cleanup(&ex);
    return st;
}
