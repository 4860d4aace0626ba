/* One growable byte buffer with a size cap (curl's dynbuf). */
#ifndef DRAMATIS_BUF_H
#define DRAMATIS_BUF_H

#include "dramatis.h"

#include <stddef.h>

struct buf {
    char *data;      /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;      /* allocated bytes */
    size_t max;      /* largest len allowed */
};

/* Starts an empty buffer that may grow to max bytes. */
void buf_init(struct buf *b, size_t max);
/* Frees the contents; the buffer can be used again after buf_init. */
void buf_cleanup(struct buf *b);
/* Appends n bytes. */
dramatis_status buf_add(struct buf *b, const void *data, size_t n);
/* Appends a NUL-terminated string. */
dramatis_status buf_adds(struct buf *b, const char *s);
/* Appends formatted text. */
dramatis_status buf_printf(struct buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Empties the buffer, keeping its memory. */
void buf_reset(struct buf *b);
/* Hands the contents to the caller (free() it) and empties the buffer;
 * returns an empty string rather than NULL when nothing was added. */
char *buf_take(struct buf *b);

#endif
