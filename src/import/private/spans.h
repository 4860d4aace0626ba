/* Byte spans [s, e) of a text: comparisons in ASCII case and copies with
 * white space folded, for every importer. */
#ifndef DRAMATIS_SPANS_H
#define DRAMATIS_SPANS_H

#include <stddef.h>

int span_eq(const char *t, size_t s, size_t e, const char *lit);
int span_ieq(const char *t, size_t s, size_t e, const char *lit);   /* ASCII case */
int span_istarts(const char *t, size_t s, size_t e, const char *lit);
int span_icontains(const char *t, size_t s, size_t e, const char *lit);
/* A copy with white-space runs folded to one space; NULL when out of memory. */
char *span_dup(const char *t, size_t s, size_t e);
int ascii_lower(int c);
int ascii_is_alpha(int c);
int ascii_is_digit(int c);

#endif
