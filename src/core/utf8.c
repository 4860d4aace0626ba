/* UTF-8 helpers: decoding and folding through libutf8proc. */
#include "utf8.h"

#include "buf.h"
#include "text.h"

#include <utf8proc.h>

#include <stdlib.h>
#include <string.h>

size_t utf8_next(const char *s, size_t n, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t len;

    len = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
    if (len <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)len;
}

char *utf8_fold(const char *s, size_t n)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t len;

    len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
                       UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (len < 0)
        return NULL;
    return (char *)out;
}

char *utf8_words(const char *s)
{
    char *folded = utf8_fold(s, strlen(s));
    struct buf b;
    size_t i = 0, n, len;
    int32_t cp, next;
    int in_word = 0;

    if (folded == NULL)
        return NULL;
    buf_init(&b, (size_t)1 << 24);
    len = strlen(folded);
    while (i < len) {
        n = utf8_next(folded + i, len - i, &cp);
        if (text_is_word_cp(cp)) {
            if (!in_word && b.len > 0 && buf_adds(&b, " ") != DRAMATIS_OK)
                goto fail;
            if (buf_add(&b, folded + i, n) != DRAMATIS_OK)
                goto fail;
            in_word = 1;
        } else if (in_word && text_is_apostrophe_cp(cp) && i + n < len) {
            utf8_next(folded + i + n, len - i - n, &next);
            in_word = text_is_word_cp(next);   /* "dont" goes on; "the boys' " ends */
        } else {
            in_word = 0;
        }
        i += n;
    }
    free(folded);
    return buf_take(&b);
fail:
    free(folded);
    buf_cleanup(&b);
    return NULL;
}
