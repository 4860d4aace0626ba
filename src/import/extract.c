/* The extracted text of markup: decoded text folded into paragraphs, each
 * piece anchored to the bytes of its document, then built into a book.
 * libxml2 and cmark keep no byte offsets of text, so each text node is
 * found again in its document's bytes, from where the last one ended. */
#include "extract.h"

#include "book_builder.h"
#include "error.h"

#include <libxml/HTMLparser.h>
#include <utf8proc.h>

#include <stdlib.h>
#include <string.h>

#define TEXT_MAX ((size_t)1 << 30)
#define LIST_MAX ((size_t)1 << 31)
#define ENTITY_MAX 32

dramatis_status extract_init(struct extract *ex, const char *path)
{
    memset(ex, 0, sizeof *ex);
    ex->path = path;
    buf_init(&ex->text, TEXT_MAX);
    buf_init(&ex->chapters, LIST_MAX);
    buf_init(&ex->paras, LIST_MAX);
    buf_init(&ex->pieces, LIST_MAX);
    ex->src = source_new();
    return ex->src ? DRAMATIS_OK : DRAMATIS_ERR_NOMEM;
}

void extract_cleanup(struct extract *ex)
{
    struct extract_chapter *ch = (struct extract_chapter *)ex->chapters.data;
    size_t i, n = ex->chapters.len / sizeof *ch;

    for (i = 0; i < n; i++)
        free(ch[i].title);
    buf_cleanup(&ex->text);
    buf_cleanup(&ex->chapters);
    buf_cleanup(&ex->paras);
    buf_cleanup(&ex->pieces);
    source_free(ex->src);
    ex->src = NULL;
}

dramatis_status extract_doc(struct extract *ex, const char *name, const char *raw, size_t len,
                            enum extract_syntax syntax)
{
    size_t s, e;
    dramatis_status st;

    /* a paragraph never runs from one document into the next */
    if (extract_end(ex, &s, &e)) {
        st = extract_keep(ex, s, e);
        if (st != DRAMATIS_OK)
            return st;
    }
    st = source_add_doc(ex->src, name, &ex->doc);
    if (st != DRAMATIS_OK)
        return st;
    ex->raw = raw;
    ex->raw_len = len;
    ex->cursor = 0;
    ex->syntax = syntax;
    /* finding text costs at most a few passes over the document */
    ex->align_budget = 16 * len + 65536;
    return DRAMATIS_OK;
}

/* ---- finding decoded text in the document's bytes */

static int is_ascii_punct(unsigned char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

/* The entity reference at raw[i] (`&amp;`, `&#233;`, `&#xE9;`): its code
 * point (0 when the name is not known) and length; 0 if there is none. */
static size_t entity_at(const char *raw, size_t len, size_t i, int32_t *cp)
{
    char name[ENTITY_MAX + 1];
    size_t j = i + 1, n = 0;
    const htmlEntityDesc *d;

    *cp = 0;
    if (j < len && raw[j] == '#') {
        int hex = j + 1 < len && (raw[j + 1] == 'x' || raw[j + 1] == 'X');
        long v = 0;
        j += hex ? 2 : 1;
        while (j < len && n < 8) {
            unsigned char c = (unsigned char)raw[j];
            int d2 = c >= '0' && c <= '9' ? c - '0'
                   : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                   : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d2 < 0)
                break;
            v = v * (hex ? 16 : 10) + d2;
            j++;
            n++;
        }
        if (n == 0 || j >= len || raw[j] != ';')
            return 0;
        *cp = v <= 0x10FFFF ? (int32_t)v : 0xFFFD;
        return j + 1 - i;
    }
    while (j < len && n < ENTITY_MAX &&
           ((raw[j] >= 'a' && raw[j] <= 'z') || (raw[j] >= 'A' && raw[j] <= 'Z') ||
            (raw[j] >= '0' && raw[j] <= '9')))
        name[n++] = raw[j++];
    if (n == 0 || j >= len || raw[j] != ';')
        return 0;
    name[n] = '\0';
    d = htmlEntityLookup((const xmlChar *)name);
    if (strcmp(name, "apos") == 0)
        *cp = '\'';
    else if (d)
        *cp = (int32_t)d->value;
    return j + 1 - i;
}

static dramatis_status add_piece(struct extract *ex, size_t dec, size_t raw, size_t raw_len,
                                 int linear)
{
    struct extract_piece *last = ex->pieces.len
                                     ? (struct extract_piece *)(ex->pieces.data + ex->pieces.len) - 1
                                     : NULL;
    struct extract_piece p;

    if (linear && last && last->linear && last->raw + last->raw_len == raw &&
        last->dec + last->raw_len == dec) {
        last->raw_len++;
        return DRAMATIS_OK;
    }
    p.dec = dec;
    p.raw = raw;
    p.raw_len = raw_len;
    p.linear = linear;
    return buf_add(&ex->pieces, &p, sizeof p);
}

/* Matches s[0..n) against the document from raw offset i, writing its
 * pieces; the document offset after it, or SIZE_MAX. */
static size_t match_at(struct extract *ex, size_t i, const char *s, size_t n)
{
    const char *raw = ex->raw;
    size_t len = ex->raw_len, j = 0;

    buf_reset(&ex->pieces);
    while (j < n) {
        unsigned char c;
        if (i >= len)
            return SIZE_MAX;
        c = (unsigned char)raw[i];
        if (c == '&') {
            int32_t cp;
            size_t rl = entity_at(raw, len, i, &cp);
            if (rl > 0) {
                utf8proc_uint8_t enc[4];
                utf8proc_ssize_t el;
                if (cp > 0) {
                    el = utf8proc_encode_char(cp, enc);
                } else {   /* a name we do not know: take it for one character */
                    el = utf8proc_iterate((const utf8proc_uint8_t *)s + j,
                                          (utf8proc_ssize_t)(n - j), &cp);
                    if (el <= 0)
                        el = 1;
                    memcpy(enc, s + j, (size_t)el > sizeof enc ? sizeof enc : (size_t)el);
                }
                if (el > 0 && (size_t)el <= n - j && memcmp(enc, s + j, (size_t)el) == 0) {
                    if (add_piece(ex, j, i, rl, 0) != DRAMATIS_OK)
                        return SIZE_MAX;
                    i += rl;
                    j += (size_t)el;
                    continue;
                }
            }
        }
        if (c == '\\' && ex->syntax == EXTRACT_MARKDOWN && i + 1 < len &&
            is_ascii_punct((unsigned char)raw[i + 1]) && s[j] == raw[i + 1]) {
            if (add_piece(ex, j, i, 2, 0) != DRAMATIS_OK)
                return SIZE_MAX;
            i += 2;
            j++;
            continue;
        }
        if (c == '\r' && s[j] != '\r') {   /* CR LF read as LF */
            i++;
            continue;
        }
        if (c != (unsigned char)s[j])
            return SIZE_MAX;
        if (add_piece(ex, j, i, 1, 1) != DRAMATIS_OK)
            return SIZE_MAX;
        i++;
        j++;
    }
    return i;
}

/* Finds s[0..n) in the document after the cursor, where text may begin:
 * fills ex->pieces, or leaves one piece at the cursor when it is not found. */
static dramatis_status align(struct extract *ex, const char *s, size_t n)
{
    size_t p, end;

    for (p = ex->cursor; p < ex->raw_len && ex->align_budget > 0; p++, ex->align_budget--) {
        if (ex->syntax == EXTRACT_HTML && p > 0 && ex->raw[p - 1] != '>' &&
            !(p >= 9 && memcmp(ex->raw + p - 9, "<![CDATA[", 9) == 0))
            continue;
        if (ex->raw[p] != s[0] && ex->raw[p] != '&' && ex->raw[p] != '\r' && ex->raw[p] != '\\')
            continue;
        end = match_at(ex, p, s, n);
        if (end != SIZE_MAX) {
            ex->align_budget = ex->align_budget > end - p ? ex->align_budget - (end - p) : 0;
            ex->cursor = end;
            return DRAMATIS_OK;
        }
    }
    buf_reset(&ex->pieces);
    return add_piece(ex, 0, ex->cursor, 0, 0);
}

/* ---- writing the text */

static int is_fold_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static dramatis_status put_inserted(struct extract *ex, const char *s, size_t n, size_t at)
{
    dramatis_status st = source_anchor(ex->src, ex->text.len, ex->doc, at, 0);

    return st == DRAMATIS_OK ? buf_add(&ex->text, s, n) : st;
}

/* What is owed before text: the paragraph's start, a space, `_`. */
static dramatis_status before_text(struct extract *ex, size_t raw_at)
{
    dramatis_status st = DRAMATIS_OK;

    if (!ex->open) {
        ex->open = 1;
        ex->block_start = ex->text.len;
        ex->space = 0;
    }
    if (ex->space) {
        ex->space = 0;
        st = source_anchor(ex->src, ex->text.len, ex->doc, ex->space_raw, ex->space_raw_len);
        if (st == DRAMATIS_OK)
            st = buf_add(&ex->text, " ", 1);
    }
    if (st == DRAMATIS_OK && ex->em_open) {
        ex->em_open = 0;
        st = put_inserted(ex, "_", 1, raw_at);
    }
    return st;
}

dramatis_status extract_text(struct extract *ex, const char *s, size_t n)
{
    const struct extract_piece *pc;
    size_t n_pc, k = 0, j = 0;
    dramatis_status st;

    while (j < n && is_fold_space((unsigned char)s[j]))
        j++;
    if (j == n) {   /* white space only: a space if text follows */
        if (ex->open && n > 0 && !ex->space) {
            ex->space = 1;
            ex->space_raw = ex->cursor;
            ex->space_raw_len = 0;
        }
        return DRAMATIS_OK;
    }
    st = align(ex, s, n);
    if (st != DRAMATIS_OK)
        return st;
    pc = (const struct extract_piece *)ex->pieces.data;
    n_pc = ex->pieces.len / sizeof *pc;
    j = 0;
    while (j < n) {
        size_t e = j, raw_at;
        while (k + 1 < n_pc && pc[k + 1].dec <= j)
            k++;
        raw_at = pc[k].linear ? pc[k].raw + (j - pc[k].dec) : pc[k].raw;
        if (is_fold_space((unsigned char)s[j])) {
            size_t kk = k, raw_end;
            while (e < n && is_fold_space((unsigned char)s[e]))
                e++;
            while (kk + 1 < n_pc && pc[kk + 1].dec < e)
                kk++;
            raw_end = pc[kk].linear ? pc[kk].raw + (e - pc[kk].dec) : pc[kk].raw + pc[kk].raw_len;
            if (ex->open && !ex->space) {
                ex->space = 1;
                ex->space_raw = raw_at;
                ex->space_raw_len = raw_end >= raw_at ? raw_end - raw_at : 0;
            }
            j = e;
            continue;
        }
        st = before_text(ex, raw_at);
        if (st != DRAMATIS_OK)
            return st;
        /* one piece at a time, up to the next white space */
        while (e < n && !is_fold_space((unsigned char)s[e]))
            e++;
        while (j < e) {
            size_t stop;
            while (k + 1 < n_pc && pc[k + 1].dec <= j)
                k++;
            stop = k + 1 < n_pc && pc[k + 1].dec < e ? pc[k + 1].dec : e;
            if (pc[k].linear)
                st = source_anchor(ex->src, ex->text.len, ex->doc, pc[k].raw + (j - pc[k].dec),
                                   SOURCE_LINEAR);
            else
                st = source_anchor(ex->src, ex->text.len, ex->doc, pc[k].raw, pc[k].raw_len);
            if (st == DRAMATIS_OK)
                st = buf_add(&ex->text, s + j, stop - j);
            if (st != DRAMATIS_OK)
                return st;
            j = stop;
        }
    }
    return DRAMATIS_OK;
}

void extract_space(struct extract *ex, size_t off, size_t len)
{
    if (ex->open && !ex->space) {
        ex->space = 1;
        ex->space_raw = off;
        ex->space_raw_len = len;
    }
}

dramatis_status extract_emphasis(struct extract *ex, int begin)
{
    if (begin) {
        if (ex->em_depth++ == 0)
            ex->em_open = 1;
        return DRAMATIS_OK;
    }
    if (ex->em_depth == 0 || --ex->em_depth > 0)
        return DRAMATIS_OK;
    if (ex->em_open) {   /* no words inside: no marks */
        ex->em_open = 0;
        return DRAMATIS_OK;
    }
    return ex->open ? put_inserted(ex, "_", 1, ex->cursor) : DRAMATIS_OK;
}

dramatis_status extract_insert(struct extract *ex, const char *s)
{
    dramatis_status st = before_text(ex, ex->cursor);

    return st == DRAMATIS_OK ? put_inserted(ex, s, strlen(s), ex->cursor) : st;
}

int extract_end(struct extract *ex, size_t *start, size_t *end)
{
    int had = ex->open;

    *start = ex->block_start;
    *end = ex->text.len;
    ex->open = 0;
    ex->space = 0;
    ex->em_open = 0;
    return had && *end > *start;
}

static dramatis_status separate(struct extract *ex)
{
    return put_inserted(ex, "\n\n", 2, ex->cursor);
}

dramatis_status extract_keep(struct extract *ex, size_t start, size_t end)
{
    struct extract_para p;
    dramatis_status st;

    if (extract_current(ex) == NULL) {   /* text before any heading */
        st = extract_chapter(ex, NULL, 0, 0);
        if (st != DRAMATIS_OK)
            return st;
    }
    p.start = start;
    p.end = end;
    p.scene_break_before = ex->pending_break;
    ex->pending_break = 0;
    st = buf_add(&ex->paras, &p, sizeof p);
    return st == DRAMATIS_OK ? separate(ex) : st;
}

dramatis_status extract_keep_heading(struct extract *ex, size_t start, size_t end)
{
    (void)start;
    (void)end;
    return separate(ex);
}

void extract_drop(struct extract *ex, size_t start)
{
    if (start <= ex->text.len) {
        ex->text.len = start;
        if (ex->text.data)
            ex->text.data[start] = '\0';
    }
    source_truncate(ex->src, start);
}

struct extract_chapter *extract_current(struct extract *ex)
{
    size_t n = ex->chapters.len / sizeof(struct extract_chapter);

    return n ? (struct extract_chapter *)ex->chapters.data + n - 1 : NULL;
}

size_t extract_chapter_paras(struct extract *ex)
{
    struct extract_chapter *ch = extract_current(ex);

    return ch ? ex->paras.len / sizeof(struct extract_para) - ch->first_para : 0;
}

dramatis_status extract_chapter(struct extract *ex, const char *title, size_t title_start,
                                size_t title_end)
{
    struct extract_chapter *cur = extract_current(ex), ch;
    char *copy = NULL;

    if (title) {
        copy = strdup(title);
        if (copy == NULL)
            return DRAMATIS_ERR_NOMEM;
    }
    if (cur && extract_chapter_paras(ex) == 0) {
        free(cur->title);
        cur->title = copy;
        cur->title_start = title_start;
        cur->title_end = title_end;
        return DRAMATIS_OK;
    }
    ch.title = copy;
    ch.title_start = title_start;
    ch.title_end = title_end;
    ch.first_para = ex->paras.len / sizeof(struct extract_para);
    ex->pending_break = 0;
    if (buf_add(&ex->chapters, &ch, sizeof ch) != DRAMATIS_OK) {
        free(copy);
        return DRAMATIS_ERR_NOMEM;
    }
    return DRAMATIS_OK;
}

void extract_scene_break(struct extract *ex)
{
    if (extract_chapter_paras(ex) > 0)
        ex->pending_break = 1;
}

void extract_reset(struct extract *ex)
{
    struct extract_chapter *ch = (struct extract_chapter *)ex->chapters.data;
    size_t i, n = ex->chapters.len / sizeof *ch;

    for (i = 0; i < n; i++)
        free(ch[i].title);
    buf_reset(&ex->chapters);
    buf_reset(&ex->paras);
    ex->pending_break = 0;
}

dramatis_status extract_finish(struct extract *ex, const char *default_title,
                               struct dramatis_book **out)
{
    struct book_builder b;
    const struct extract_chapter *ch = (const struct extract_chapter *)ex->chapters.data;
    const struct extract_para *pa = (const struct extract_para *)ex->paras.data;
    size_t n_ch = ex->chapters.len / sizeof *ch, n_pa = ex->paras.len / sizeof *pa, c, p;
    dramatis_status st;

    *out = NULL;
    st = book_builder_init(&b, ex->path, ex->text.data ? ex->text.data : "", ex->text.len);
    if (st != DRAMATIS_OK)
        return st;
    for (c = 0; c < n_ch && st == DRAMATIS_OK; c++) {
        size_t last = c + 1 < n_ch ? ch[c + 1].first_para : n_pa;
        const char *title = ch[c].title ? ch[c].title : default_title;
        st = book_builder_chapter(&b, title ? title : "", ch[c].title_start, ch[c].title_end);
        for (p = ch[c].first_para; p < last && st == DRAMATIS_OK; p++)
            st = book_builder_paragraph(&b, pa[p].start, pa[p].end, pa[p].scene_break_before);
    }
    if (st != DRAMATIS_OK) {
        book_builder_cleanup(&b);
        return st;
    }
    *out = book_builder_finish(&b);
    (*out)->source = ex->src;
    ex->src = NULL;
    return DRAMATIS_OK;
}
