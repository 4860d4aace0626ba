/* The text layer: one set of character classes on code points, with the
 * byte-level helpers the stages walk UTF-8 text with. */
#include "text.h"

#include "utf8.h"

#include <utf8proc.h>

int text_is_space_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    /* Invisible, but a word ends there all the same. */
    if (cp == 0x200B || cp == 0xFEFF)
        return 1;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:   /* U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000 */
    case UTF8PROC_CATEGORY_ZL:   /* U+2028 */
    case UTF8PROC_CATEGORY_ZP:   /* U+2029 */
        return 1;
    default:
        return 0;
    }
}

int text_is_word_cp(int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

int text_is_apostrophe_cp(int32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

int text_is_hyphen_cp(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

int text_is_dash_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp == '-';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_PD;
}

int text_is_sentence_end_cp(int32_t cp)
{
    switch (cp) {
    case '.': case '!': case '?':
    case 0x203C: case 0x203D: case 0x2047: case 0x2048: case 0x2049:   /* ‼ ‽ ⁇ ⁈ ⁉ */
    case 0x3002: case 0xFF61:                    /* ideographic full stops */
    case 0xFF0E: case 0xFF01: case 0xFF1F:       /* full-width . ! ? */
    case 0xFE52: case 0xFE56: case 0xFE57:       /* small . ? ! */
        return 1;
    default:
        return 0;
    }
}

text_quote text_quote_kind(int32_t cp)
{
    switch (cp) {
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x00AB: case 0x00BB: case 0xFF02:
        return TEXT_QUOTE_DOUBLE;
    case '\'': case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    case 0x2039: case 0x203A: case 0xFF07:
        return TEXT_QUOTE_SINGLE;
    default:
        return TEXT_QUOTE_NONE;
    }
}

int32_t text_cp_at(const char *t, size_t i, size_t end, size_t *len)
{
    int32_t cp;

    *len = 1;
    if (i >= end)
        return -1;
    if ((unsigned char)t[i] < 0x80)
        return (unsigned char)t[i];
    *len = utf8_next(t + i, end - i, &cp);
    return cp;
}

int32_t text_cp_before(const char *t, size_t start, size_t i, size_t *len)
{
    size_t k, n;
    int32_t cp;

    *len = 0;
    if (i <= start)
        return -1;
    k = i - 1;
    if ((unsigned char)t[k] < 0x80) {
        *len = 1;
        return (unsigned char)t[k];
    }
    /* Back over continuation bytes (10xxxxxx) to the lead byte. */
    while (k > start && i - k < 4 && ((unsigned char)t[k] & 0xC0) == 0x80)
        k--;
    *len = i - k;
    cp = text_cp_at(t, k, i, &n);
    return n == i - k ? cp : -1;
}

size_t text_space_len(const char *t, size_t i, size_t end)
{
    unsigned char c;
    size_t len;

    if (i >= end)
        return 0;
    c = (unsigned char)t[i];
    if (c < 0x80)
        return c == ' ' || (c >= '\t' && c <= '\r');
    return text_is_space_cp(text_cp_at(t, i, end, &len)) ? len : 0;
}

size_t text_space_len_before(const char *t, size_t start, size_t i)
{
    size_t len;

    return text_is_space_cp(text_cp_before(t, start, i, &len)) ? len : 0;
}

size_t text_word_len(const char *t, size_t i, size_t end)
{
    unsigned char c;
    size_t len;

    if (i >= end)
        return 0;
    c = (unsigned char)t[i];
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return text_is_word_cp(text_cp_at(t, i, end, &len)) ? len : 0;
}

size_t text_dash_len(const char *t, size_t i, size_t end)
{
    size_t k = i, len;

    while (k < end && text_is_dash_cp(text_cp_at(t, k, end, &len)))
        k += len;
    return k - i;
}

void text_trim(const char *t, size_t *start, size_t *end)
{
    size_t n = 1;

    while (*start < *end && n > 0) {
        n = text_space_len(t, *start, *end);
        *start += n;
    }
    n = 1;
    while (*end > *start && n > 0) {
        n = text_space_len_before(t, *start, *end);
        *end -= n;
    }
}
