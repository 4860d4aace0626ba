/* The text layer: the one answer every stage gets to what a space, a word
 * character, a sentence end, a quotation mark or a dash is. */
#ifndef DRAMATIS_TEXT_H
#define DRAMATIS_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* What kind of quotation mark a code point is. */
typedef enum {
    TEXT_QUOTE_NONE = 0,
    TEXT_QUOTE_DOUBLE,   /* " “ ” „ ‟ « » */
    TEXT_QUOTE_SINGLE    /* ' ‘ ’ ‚ ‛ ‹ › */
} text_quote;

/* ---- code points (-1, an invalid sequence, is none of these) ---- */

/* White space: ASCII space, tab, LF, VT, FF and CR; the no-break and
 * typographic spaces (U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F,
 * U+3000); the line and paragraph separators U+2028 and U+2029; and the
 * invisible zero-width space U+200B and BOM / zero-width no-break space
 * U+FEFF, which web copies and editors leave between words and lines. */
int text_is_space_cp(int32_t cp);

/* Letters, digits and combining marks: what words are made of. */
int text_is_word_cp(int32_t cp);

/* The apostrophes that join two word characters into one word (`don't`,
 * `Iruka’s`): ' and U+2019. */
int text_is_apostrophe_cp(int32_t cp);

/* A hyphen joins the words on either side (`so-called`): hyphen-minus,
 * U+2010 hyphen and U+2011 non-breaking hyphen.  Anywhere else it is a
 * dash. */
int text_is_hyphen_cp(int32_t cp);

/* Dashes: hyphen-minus, en and em dash, horizontal bar, two- and three-em
 * dash and every other Unicode dash punctuation (category Pd). */
int text_is_dash_cp(int32_t cp);

/* Punctuation that ends a sentence: . ! ? and their Unicode forms (‼ ‽ ⁇ ⁈
 * ⁉, the ideographic and full-width stops).  Not the ellipsis U+2026: `"I
 * thought…" she said` goes on. */
int text_is_sentence_end_cp(int32_t cp);

/* Which quotation mark cp is: straight, curly, low-9, reversed-9 and
 * guillemets.  Primes (′ ″) are not quotation marks. */
text_quote text_quote_kind(int32_t cp);

/* ---- bytes of UTF-8 text, within [start, end) ---- */

/* The code point at t[i] and its length in *len (at least 1, so a caller
 * always advances); -1 at end or for an invalid sequence. */
int32_t text_cp_at(const char *t, size_t i, size_t end, size_t *len);

/* The code point that ends just before t[i], not before start, and its
 * length in *len (0 when there is none); -1 when none or invalid. */
int32_t text_cp_before(const char *t, size_t start, size_t i, size_t *len);

/* Bytes of the white-space character at t[i], 0 if it is none. */
size_t text_space_len(const char *t, size_t i, size_t end);

/* Bytes of the white-space character that ends just before t[i], 0 if
 * none. */
size_t text_space_len_before(const char *t, size_t start, size_t i);

/* Bytes of the word character at t[i], 0 if it is none. */
size_t text_word_len(const char *t, size_t i, size_t end);

/* Bytes of the dash at t[i], 0 if none: a run of dash characters is one
 * dash (`--`, `——`).  Whether a lone hyphen joins two words is the
 * caller's to check first (text_is_hyphen_cp). */
size_t text_dash_len(const char *t, size_t i, size_t end);

/* Narrows [*start, *end) to exclude white space at both ends. */
void text_trim(const char *t, size_t *start, size_t *end);

#endif
