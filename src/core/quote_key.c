/* Quote keys: the chapter number and first words of a quote, a name for it
 * that survives re-analysis (the script shows it, overrides match it). */
#include "quote_key.h"

#include "buf.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

void chapter_quotes_cleanup(struct chapter_quotes *q)
{
    size_t i;

    for (i = 0; i < q->n; i++)
        free(q->words[i]);
    free(q->words);
    free(q->segs);
    memset(q, 0, sizeof *q);
}

dramatis_status chapter_quotes_init(const struct dramatis_book *book, size_t c,
                                   struct chapter_quotes *q)
{
    const struct chapter *ch = &book->chapters[c];
    size_t p, s, n = 0;

    memset(q, 0, sizeof *q);
    for (p = 0; p < ch->n_paragraphs; p++)
        n += ch->paragraphs[p].n_segments;
    q->segs = calloc(n ? n : 1, sizeof *q->segs);
    q->words = calloc(n ? n : 1, sizeof *q->words);
    if (q->segs == NULL || q->words == NULL)
        goto fail;
    for (p = 0; p < ch->n_paragraphs; p++) {
        for (s = 0; s < ch->paragraphs[p].n_segments; s++) {
            struct segment *seg = &ch->paragraphs[p].segments[s];
            q->segs[q->n] = seg;
            if (seg->kind == SEGMENT_DIALOGUE) {
                q->words[q->n] = utf8_words(seg->text);
                if (q->words[q->n] == NULL)
                    goto fail;
            }
            q->n++;
        }
    }
    return DRAMATIS_OK;
fail:
    q->n = q->words ? n : 0;   /* words[] is zeroed past what was filled */
    chapter_quotes_cleanup(q);
    return DRAMATIS_ERR_NOMEM;
}

/* Length of the first k words of w (all of it if fewer). */
static size_t words_prefix(const char *w, size_t k)
{
    size_t i = 0;

    while (w[i]) {
        if (w[i] == ' ' && --k == 0)
            return i;
        i++;
    }
    return i;
}

int quote_words_start(const char *w, const char *k, size_t kl)
{
    return strncmp(w, k, kl) == 0 && (w[kl] == '\0' || w[kl] == ' ');
}

/* How many whole words a and b share at their start. */
static size_t common_words(const char *a, const char *b)
{
    size_t n = 0, i;

    for (i = 0;; i++) {
        int a_ends = a[i] == ' ' || a[i] == '\0', b_ends = b[i] == ' ' || b[i] == '\0';
        if (i > 0 && a_ends && b_ends)
            n++;
        if (a[i] != b[i] || a[i] == '\0')
            return n;
    }
}

struct sorted_quote {
    const char *words;
    size_t index;
};

static int by_words(const void *a, const void *b)
{
    const struct sorted_quote *x = a, *y = b;
    int c = strcmp(x->words, y->words);

    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* A key has QUOTE_KEY_WORDS words, or one more than any other quote of the
 * chapter shares with it, so no other quote starts with it.  The quotes
 * that share the first k words of one are next to it in sorted order (a
 * space sorts before every letter), so its sorted neighbours decide: the
 * keys of a chapter cost a sort, not a comparison of every pair. */
dramatis_status book_quote_keys(const struct dramatis_book *book, size_t c,
                                char ***keys_out, size_t *n_out)
{
    struct chapter_quotes q;
    struct sorted_quote *sorted = NULL;
    char **keys = NULL;
    struct buf b;
    size_t i, n = 0, k, kl, shared;
    dramatis_status st;

    *keys_out = NULL;
    *n_out = 0;
    st = chapter_quotes_init(book, c, &q);
    if (st != DRAMATIS_OK)
        return st;
    keys = calloc(q.n ? q.n : 1, sizeof *keys);
    sorted = calloc(q.n ? q.n : 1, sizeof *sorted);
    if (keys == NULL || sorted == NULL) {
        free(keys);
        free(sorted);
        chapter_quotes_cleanup(&q);
        return DRAMATIS_ERR_NOMEM;
    }
    for (i = 0; i < q.n; i++) {
        if (q.words[i] == NULL || q.words[i][0] == '\0')
            continue;
        sorted[n].words = q.words[i];
        sorted[n++].index = i;
    }
    qsort(sorted, n, sizeof *sorted, by_words);
    buf_init(&b, (size_t)1 << 20);
    for (i = 0; i < n; i++) {
        const char *w = sorted[i].words;
        shared = 0;
        if (i > 0)
            shared = common_words(w, sorted[i - 1].words);
        if (i + 1 < n && common_words(w, sorted[i + 1].words) > shared)
            shared = common_words(w, sorted[i + 1].words);
        k = shared + 1 > QUOTE_KEY_WORDS ? shared + 1 : QUOTE_KEY_WORDS;
        kl = words_prefix(w, k);
        buf_reset(&b);
        st = buf_printf(&b, "%zu %.*s", c + 1, (int)kl, w);
        if (st != DRAMATIS_OK)
            break;
        keys[sorted[i].index] = buf_take(&b);
    }
    buf_cleanup(&b);
    free(sorted);
    if (st != DRAMATIS_OK) {
        book_quote_keys_free(keys, q.n);
        chapter_quotes_cleanup(&q);
        return st;
    }
    *keys_out = keys;
    *n_out = q.n;
    chapter_quotes_cleanup(&q);
    return DRAMATIS_OK;
}

void book_quote_keys_free(char **keys, size_t n)
{
    size_t i;

    for (i = 0; keys && i < n; i++)
        free(keys[i]);
    free(keys);
}

