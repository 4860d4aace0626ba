/* Tests of quote keys: every key starts its quote, no other quote of the
 * chapter starts with it, and it is no longer than that needs, on a chapter
 * of many quotes that share their first words. */
#include "check.h"
#include "import.h"
#include "quote_key.h"
#include "segment.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

static size_t count_words(const char *w, size_t len)
{
    size_t i, n = len > 0;

    for (i = 0; i < len; i++)
        n += w[i] == ' ';
    return n;
}

static void test_keys(void)
{
    static const char *const vocab[] = { "go", "go on", "no", "now", "yes", "a", "an" };
    struct buf text;
    struct dramatis_book *book = NULL;
    struct dramatis_error err;
    struct chapter_quotes q;
    char **keys = NULL;
    size_t n = 0, i, j, quotes = 0;
    unsigned seed = 7;

    buf_init(&text, (size_t)1 << 24);
    buf_adds(&text, "Chapter 1\n\n");
    for (i = 0; i < 600; i++) {
        size_t words = 1 + i % 7;
        buf_adds(&text, "\"");
        for (j = 0; j < words; j++) {
            seed = seed * 1103515245u + 12345u;
            buf_printf(&text, "%s%s", j ? " " : "", vocab[(seed >> 16) % 7]);
        }
        buf_adds(&text, ",\" she said.\n\n");
    }
    memset(&err, 0, sizeof err);
    CHECK(import_text_parse("keys.txt", text.data, text.len, &book, &err) == DRAMATIS_OK);
    CHECK(book && segment_book(book, &err) == DRAMATIS_OK);
    CHECK(book && book_quote_keys(book, 0, &keys, &n) == DRAMATIS_OK);
    CHECK(book && chapter_quotes_init(book, 0, &q) == DRAMATIS_OK);
    for (i = 0; book && i < n && i < q.n; i++) {
        const char *w = q.words[i], *key;
        size_t kl, shared = 0, wanted;
        if (w == NULL || w[0] == '\0') {
            CHECK(keys[i] == NULL);
            continue;
        }
        quotes++;
        CHECK(keys[i] != NULL && strncmp(keys[i], "1 ", 2) == 0);
        if (keys[i] == NULL)
            continue;
        key = keys[i] + 2;
        kl = strlen(key);
        CHECK(quote_words_start(w, key, kl));
        /* brute force: the most words any other quote shares with this one */
        for (j = 0; j < q.n; j++) {
            size_t k, words = count_words(w, strlen(w));
            if (j == i || q.words[j] == NULL)
                continue;
            for (k = 1; k <= words; k++) {
                size_t pl = 0, seen = 0;
                while (w[pl] && !(w[pl] == ' ' && ++seen == k))
                    pl++;
                if (!quote_words_start(q.words[j], w, pl))
                    break;
                if (k > shared)
                    shared = k;
            }
        }
        wanted = shared + 1 > QUOTE_KEY_WORDS ? shared + 1 : QUOTE_KEY_WORDS;
        if (wanted > count_words(w, strlen(w)))
            wanted = count_words(w, strlen(w));
        CHECK(count_words(key, kl) == wanted);
    }
    CHECK(quotes == 600);
    chapter_quotes_cleanup(&q);
    book_quote_keys_free(keys, n);
    dramatis_book_free(book);
    buf_cleanup(&text);
}

int main(void)
{
    test_keys();
    return CHECK_DONE();
}
