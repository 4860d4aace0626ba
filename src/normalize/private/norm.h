/* The normaliser's working state and the rules it runs, shared by its
 * files: normalize.c (the scan, the output, the book), marks.c (markup,
 * emphasis, dashes, ellipses, abbreviations) and numbers.c (numbers and
 * roman numerals). */
#ifndef DRAMATIS_NORM_H
#define DRAMATIS_NORM_H

#include "buf.h"
#include "normalize.h"

#include <stddef.h>

/* Emphasis may nest this deep (_a *b* c_); deeper markers are dropped. */
#define NORM_MAX_EMPHASIS 8

/* One line being normalised. */
struct norm {
    const char *t;              /* the input */
    size_t n;
    const struct normalize_options *opt;
    struct buf plain;           /* the output as plain text */
    struct buf ssml;            /* the same output as SSML content */
    int markup;                 /* a pause or stress was put: SSML it is */
    int space;                  /* the output ends in a space (or is empty) */
    dramatis_status status;     /* the first output failure */
    size_t close_at[NORM_MAX_EMPHASIS];   /* where open emphasis closes */
    size_t close_len[NORM_MAX_EMPHASIS];
    size_t n_open;
    int html_open;              /* <i>, <em> ... left open */
};

/* A rule: at t[i], either puts its reading and returns the bytes it
 * read, or returns 0 and puts nothing. */
typedef size_t (*norm_rule_fn)(struct norm *nm, size_t i);

/* ---- output (normalize.c) */

/* Puts spoken text: runs of spaces fold to one, and the SSML form is
 * escaped. */
void norm_put(struct norm *nm, const char *s, size_t len);
void norm_puts(struct norm *nm, const char *s);
void norm_printf(struct norm *nm, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A pause of ms milliseconds inside the line (SSML <break>). */
void norm_break(struct norm *nm, long ms);
/* An SSML element, as written ("<emphasis>"). */
void norm_tag(struct norm *nm, const char *tag);

/* ---- reading the input (normalize.c) */

int norm_is_digit(int c);
int norm_is_upper(int c);
int norm_is_lower(int c);
int norm_is_alpha(int c);
/* Whether the code point before t[i] (or at t[i]) is a word character;
 * 0 at the edges. */
int norm_word_before(const struct norm *nm, size_t i);
int norm_word_at(const struct norm *nm, size_t i);
/* Number of ASCII digits from t[i]. */
size_t norm_digits(const struct norm *nm, size_t i);
/* The index of the first byte at or after i that is not a space. */
size_t norm_skip_spaces(const struct norm *nm, size_t i);
/* The ASCII word (letters, then an optional '.') that ends just before
 * the spaces before t[i]: *start and *len, 0 when there is none. */
int norm_prev_word(const struct norm *nm, size_t i, size_t *start, size_t *len);
/* Whether a sentence ends after a rewritten abbreviation or amount that
 * swallowed its full stop at t[j]: nothing follows, or a capital does. */
int norm_stop_follows(const struct norm *nm, size_t j);
/* Whether only spaces and closing punctuation follow t[j]. */
int norm_at_end(const struct norm *nm, size_t j);
/* Whether nothing but spaces and opening punctuation precede t[i]. */
int norm_at_start(const struct norm *nm, size_t i);

/* ---- the rules (marks.c, numbers.c), in the order they are tried */

size_t norm_rule_phonemes(struct norm *nm, size_t i);
size_t norm_rule_markup(struct norm *nm, size_t i);
size_t norm_rule_emphasis(struct norm *nm, size_t i);
size_t norm_rule_abbreviation(struct norm *nm, size_t i);
size_t norm_rule_money(struct norm *nm, size_t i);
size_t norm_rule_number_sign(struct norm *nm, size_t i);
size_t norm_rule_time(struct norm *nm, size_t i);
size_t norm_rule_decade(struct norm *nm, size_t i);
size_t norm_rule_year(struct norm *nm, size_t i);
size_t norm_rule_fraction(struct norm *nm, size_t i);
size_t norm_rule_old_money(struct norm *nm, size_t i);
size_t norm_rule_old_ordinal(struct norm *nm, size_t i);
size_t norm_rule_roman(struct norm *nm, size_t i);
size_t norm_rule_dash(struct norm *nm, size_t i);
size_t norm_rule_ellipsis(struct norm *nm, size_t i);
size_t norm_rule_slash(struct norm *nm, size_t i);
size_t norm_rule_stray(struct norm *nm, size_t i);

/* Closes what emphasis is still open at the end of the line. */
void norm_close_all(struct norm *nm);

/* Decodes HTML character references (&amp; &mdash; &#8212;) in text into
 * *out; *out is NULL when there are none (marks.c). */
dramatis_status norm_decode_entities(const char *text, char **out);

#endif
