/* Growable byte buffer with a cap, so no input can make it grow without bound. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void buf_cleanup(struct buf *b)
{
    free(b->data);
    buf_init(b, b->max);
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static dramatis_status buf_reserve(struct buf *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (extra > b->max || b->len > b->max - extra)
        return DRAMATIS_ERR_NOMEM;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return DRAMATIS_OK;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
    p = realloc(b->data, cap);
    if (p == NULL)
        return DRAMATIS_ERR_NOMEM;
    b->data = p;
    b->cap = cap;
    return DRAMATIS_OK;
}

dramatis_status buf_add(struct buf *b, const void *data, size_t n)
{
    dramatis_status st = buf_reserve(b, n);

    if (st != DRAMATIS_OK)
        return st;
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return DRAMATIS_OK;
}

dramatis_status buf_adds(struct buf *b, const char *s)
{
    return buf_add(b, s, strlen(s));
}

dramatis_status buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    dramatis_status st;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return DRAMATIS_ERR_ARG;
    st = buf_reserve(b, (size_t)n);
    if (st != DRAMATIS_OK)
        return st;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return DRAMATIS_OK;
}

char *buf_take(struct buf *b)
{
    char *p = b->data;

    if (p == NULL)
        p = calloc(1, 1);
    buf_init(b, b->max);
    return p;
}
