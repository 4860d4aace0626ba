/* Byte-span helpers of the importers: comparisons in ASCII case and copies
 * with white space folded. */
#include "spans.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

int span_eq(const char *t, size_t s, size_t e, const char *lit)
{
    size_t n = strlen(lit);

    return e - s == n && memcmp(t + s, lit, n) == 0;
}

int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int span_ieq(const char *t, size_t s, size_t e, const char *lit)
{
    size_t i, n = strlen(lit);

    if (e - s != n)
        return 0;
    for (i = 0; i < n; i++) {
        if (ascii_lower((unsigned char)t[s + i]) != ascii_lower((unsigned char)lit[i]))
            return 0;
    }
    return 1;
}

int span_istarts(const char *t, size_t s, size_t e, const char *lit)
{
    size_t n = strlen(lit);

    return e - s >= n && span_ieq(t, s, s + n, lit);
}

int ascii_is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int ascii_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Copies t[s, e) with white-space runs folded to one space. */
char *span_dup(const char *t, size_t s, size_t e)
{
    char *out = malloc(e - s + 1), *o;
    size_t i, n;

    if (out == NULL)
        return NULL;
    o = out;
    for (i = s; i < e;) {
        n = text_space_len(t, i, e);
        if (n == 0) {
            *o++ = t[i++];
            continue;
        }
        while (n > 0) {
            i += n;
            n = text_space_len(t, i, e);
        }
        *o++ = ' ';
    }
    *o = '\0';
    return out;
}

int span_icontains(const char *t, size_t s, size_t e, const char *lit)
{
    size_t n = strlen(lit), i;

    for (i = s; i + n <= e; i++) {
        if (span_ieq(t, i, i + n, lit))
            return 1;
    }
    return 0;
}
