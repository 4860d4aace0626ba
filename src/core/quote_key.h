/* Quote keys: a name for each quote that survives re-analysis and edits
 * elsewhere in the book: its chapter number and first words. */
#ifndef DRAMATIS_QUOTE_KEY_H
#define DRAMATIS_QUOTE_KEY_H

#include "book.h"

/* A key has the chapter number and at least this many words of the quote;
 * more when another quote of the chapter starts with the same words. */
#define QUOTE_KEY_WORDS 4

/* The keys of chapter c's segments in reading order (paragraph by
 * paragraph): "3 you could open it" for dialogue (chapter number, then the
 * first words lowercased without punctuation; never a '=' or ':', where
 * inih splits a line), NULL for narration and for quotes without words.
 * Free with book_quote_keys_free(). */
dramatis_status book_quote_keys(const struct dramatis_book *book, size_t c, char ***keys,
                                size_t *n);
void book_quote_keys_free(char **keys, size_t n);

/* The segments of one chapter in reading order and the words of each quote. */
struct chapter_quotes {
    struct segment **segs;   /* every segment */
    char **words;            /* utf8_words() of dialogue; NULL for narration */
    size_t n;
};

dramatis_status chapter_quotes_init(const struct dramatis_book *book, size_t c,
                                    struct chapter_quotes *q);
void chapter_quotes_cleanup(struct chapter_quotes *q);

/* Whether the words w start with the words k[0..kl) (whole words). */
int quote_words_start(const char *w, const char *k, size_t kl);

#endif
