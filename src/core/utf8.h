/* UTF-8 helpers on top of libutf8proc: decoding, case folding and the
 * folded words of a string (character classes are in text.h). */
#ifndef DRAMATIS_UTF8_H
#define DRAMATIS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s (at most n bytes) into *cp; returns its
 * length in bytes, or 1 with *cp = -1 for an invalid sequence. */
size_t utf8_next(const char *s, size_t n, int32_t *cp);

/* s[0..n) composed (NFC) and case-folded (Unicode full case folding), as a
 * new string; NULL when out of memory or not UTF-8. */
char *utf8_fold(const char *s, size_t n);

/* The words of s, case-folded, joined by single spaces: apostrophes inside
 * a word are dropped ("Don't" -> "dont"), every other non-word character
 * separates words (word characters and apostrophes as text.h has them).  A new string ("" when s has no words); NULL when out
 * of memory. */
char *utf8_words(const char *s);

#endif
