/* The normaliser: what the synthesiser is given for a line of the book.
 * It sits between the text (with pronunciations applied) and espeak-ng,
 * and rewrites only what espeak-ng reads wrong: years, decades, money,
 * times, fractions, No., &c., vol., abbreviations, roman numerals in
 * headings and regnal names; dashes and ellipses become pauses, emphasis
 * (_word_, *word*) is stressed, and stray markup is dropped. */
#ifndef DRAMATIS_NORMALIZE_H
#define DRAMATIS_NORMALIZE_H

#include "book.h"

/* What a line is and the pauses it may hold. */
struct normalize_options {
    long dash_ms;       /* a dash between words */
    long ellipsis_ms;   /* an ellipsis inside a line */
    int heading;        /* a chapter title: a roman numeral that opens it
                         * ("XII. The Storm") is a number */
};

/* Writes into *out what espeak-ng should read for text: plain UTF-8, or,
 * when the line needs a pause or stress that plain text cannot give,
 * SSML for espeak-ng ("<speak>...</speak>", everything else escaped).
 * [[phonemes]] pass unchanged, and so does SSML this made before.  *out
 * is NULL when text is read as it is. */
dramatis_status normalize_text(const char *text, const struct normalize_options *opt,
                               char **out);

/* The options for lines of book (its pause table). */
void normalize_options_init(struct normalize_options *opt, const struct dramatis_book *book);

/* Normalises what every segment, chapter title and the announcement speak
 * (their spoken form when pronunciations gave one, else their text) and
 * keeps the result as that spoken form. */
dramatis_status normalize_book(struct dramatis_book *book, struct dramatis_error *err);

/* Whether text is SSML, as normalize_text() makes it. */
int normalize_is_ssml(const char *text);

#endif
