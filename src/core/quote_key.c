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

dramatis_status book_quote_keys(const struct dramatis_book *book, size_t c,
                                      char ***keys_out, size_t *n_out)
{
    struct chapter_quotes q;
    char **keys = NULL;
    struct buf b;
    size_t i, j, k, kl;
    int shared;
    dramatis_status st;

    *keys_out = NULL;
    *n_out = 0;
    st = chapter_quotes_init(book, c, &q);
    if (st != DRAMATIS_OK)
        return st;
    keys = calloc(q.n ? q.n : 1, sizeof *keys);
    if (keys == NULL) {
        chapter_quotes_cleanup(&q);
        return DRAMATIS_ERR_NOMEM;
    }
    buf_init(&b, (size_t)1 << 20);
    for (i = 0; i < q.n; i++) {
        if (q.words[i] == NULL || q.words[i][0] == '\0')
            continue;
        /* grow the key until no other quote of the chapter shares it */
        for (k = QUOTE_KEY_WORDS;; k++) {
            kl = words_prefix(q.words[i], k);
            shared = 0;
            for (j = 0; j < q.n && !shared; j++)
                shared = j != i && q.words[j] && quote_words_start(q.words[j], q.words[i], kl);
            if (!shared || q.words[i][kl] == '\0')
                break;
        }
        buf_reset(&b);
        st = buf_printf(&b, "%zu %.*s", c + 1, (int)kl, q.words[i]);
        if (st != DRAMATIS_OK)
            break;
        keys[i] = buf_take(&b);
    }
    buf_cleanup(&b);
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

