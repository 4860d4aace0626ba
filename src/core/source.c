/* The source map of an extracted text: text offsets back to documents. */
#include "source.h"

#include "book.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct book_source *source_new(void)
{
    return calloc(1, sizeof(struct book_source));
}

void source_free(struct book_source *src)
{
    size_t i;

    if (src == NULL)
        return;
    for (i = 0; i < src->n_docs; i++)
        free(src->docs[i].name);
    free(src->docs);
    free(src->anchors);
    free(src);
}

dramatis_status source_add_doc(struct book_source *src, const char *name, size_t *index)
{
    struct source_doc *d;

    if (src->n_docs == src->cap_docs) {
        size_t cap = src->cap_docs ? src->cap_docs * 2 : 8;
        struct source_doc *grown = realloc(src->docs, cap * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        src->docs = grown;
        src->cap_docs = cap;
    }
    d = &src->docs[src->n_docs];
    d->name = strdup(name ? name : "");
    if (d->name == NULL)
        return DRAMATIS_ERR_NOMEM;
    d->encoding = SOURCE_UTF8;
    *index = src->n_docs++;
    return DRAMATIS_OK;
}

dramatis_status source_anchor(struct book_source *src, size_t text, size_t doc, size_t doc_off,
                              size_t doc_len)
{
    struct source_anchor *last = src->n_anchors ? &src->anchors[src->n_anchors - 1] : NULL;

    if (last && text < last->text)
        return DRAMATIS_ERR_ARG;
    if (last && text == last->text) {
        src->n_anchors--;
        last = src->n_anchors ? &src->anchors[src->n_anchors - 1] : NULL;
    }
    /* UTF-8 only: in UTF-16 a byte of text is not a byte of the document */
    if (last && doc_len == SOURCE_LINEAR && last->doc_len == SOURCE_LINEAR && last->doc == doc &&
        src->docs[doc].encoding == SOURCE_UTF8 && last->doc_off + (text - last->text) == doc_off)
        return DRAMATIS_OK;
    if (src->n_anchors == src->cap_anchors) {
        size_t cap = src->cap_anchors ? src->cap_anchors * 2 : 256;
        struct source_anchor *grown = realloc(src->anchors, cap * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        src->anchors = grown;
        src->cap_anchors = cap;
    }
    src->anchors[src->n_anchors].text = text;
    src->anchors[src->n_anchors].doc = doc;
    src->anchors[src->n_anchors].doc_off = doc_off;
    src->anchors[src->n_anchors].doc_len = doc_len;
    src->n_anchors++;
    return DRAMATIS_OK;
}

void source_truncate(struct book_source *src, size_t text)
{
    while (src->n_anchors > 0 && src->anchors[src->n_anchors - 1].text >= text)
        src->n_anchors--;
}

/* One offset to rewrite, for sorting them by where they point. */
struct offset_ref {
    size_t off;
    size_t *target;
    int is_end;     /* an end: rewrite doc_len from it */
    size_t *start;  /* is_end: the rewritten start it is relative to */
};

static int ref_cmp(const void *a, const void *b)
{
    const struct offset_ref *x = a, *y = b;

    if (x->off != y->off)
        return x->off < y->off ? -1 : 1;
    return x->is_end - y->is_end;   /* starts first: ends read them */
}

dramatis_status source_doc_to_utf16(struct book_source *src, size_t doc, const char *utf8,
                                    size_t len, enum source_encoding encoding, size_t bom)
{
    struct offset_ref *refs;
    size_t *ends;
    size_t i, n = 0, pos8 = 0, pos16 = bom;

    refs = calloc(2 * src->n_anchors + 1, sizeof *refs);
    ends = calloc(src->n_anchors + 1, sizeof *ends);
    if (refs == NULL || ends == NULL) {
        free(refs);
        free(ends);
        return DRAMATIS_ERR_NOMEM;
    }
    for (i = 0; i < src->n_anchors; i++) {
        struct source_anchor *a = &src->anchors[i];
        if (a->doc != doc)
            continue;
        refs[n].off = a->doc_off;
        refs[n].target = &a->doc_off;
        n++;
        if (a->doc_len != SOURCE_LINEAR) {
            ends[i] = a->doc_off + a->doc_len;
            refs[n].off = ends[i];
            refs[n].target = &a->doc_len;
            refs[n].is_end = 1;
            refs[n].start = &a->doc_off;
            n++;
        }
    }
    qsort(refs, n, sizeof *refs, ref_cmp);
    for (i = 0; i < n; i++) {
        while (pos8 < refs[i].off && pos8 < len) {
            unsigned char c = (unsigned char)utf8[pos8++];
            if ((c & 0xC0) != 0x80)
                pos16 += c >= 0xF0 ? 4 : 2;
        }
        if (refs[i].is_end)
            *refs[i].target = pos16 - *refs[i].start;
        else
            *refs[i].target = pos16;
    }
    src->docs[doc].encoding = encoding;
    free(refs);
    free(ends);
    return DRAMATIS_OK;
}

/* The last anchor at or before text offset t, or NULL. */
static const struct source_anchor *anchor_at(const struct book_source *src, size_t t)
{
    size_t lo = 0, hi = src->n_anchors;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (src->anchors[mid].text <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? &src->anchors[lo - 1] : NULL;
}

/* Document bytes of the linear run from a's start to text offset to. */
static size_t doc_delta(const struct book_source *src, const struct source_anchor *a,
                        const char *text, size_t to)
{
    size_t i, n = 0;

    if (src->docs[a->doc].encoding == SOURCE_UTF8)
        return to - a->text;
    for (i = a->text; i < to; i++) {
        unsigned char c = (unsigned char)text[i];
        if ((c & 0xC0) != 0x80)
            n += c >= 0xF0 ? 4 : 2;
    }
    return n;
}

const char *source_span(const struct dramatis_book *book, size_t start, size_t end,
                        size_t *doc_start, size_t *doc_end)
{
    const struct book_source *src = book->source;
    const struct source_anchor *a, *b;

    if (src == NULL)
        return NULL;
    a = anchor_at(src, start);
    if (a == NULL)
        return NULL;
    *doc_start = a->doc_len == SOURCE_LINEAR ? a->doc_off + doc_delta(src, a, book->text, start)
                                             : a->doc_off;
    *doc_end = *doc_start;
    if (end > start) {
        b = anchor_at(src, end - 1);
        if (b && b->doc == a->doc) {
            *doc_end = b->doc_len == SOURCE_LINEAR ? b->doc_off + doc_delta(src, b, book->text, end)
                                                   : b->doc_off + b->doc_len;
            if (*doc_end < *doc_start)
                *doc_end = *doc_start;
        }
    }
    return src->docs[a->doc].name;
}
