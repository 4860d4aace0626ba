/* Filling the caller's error struct: one place that maps codes to messages. */
#ifndef DRAMATIS_ERROR_H
#define DRAMATIS_ERROR_H

#include "dramatis.h"

#if defined(__GNUC__)
#define DRAMATIS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DRAMATIS_PRINTF(a, b)
#endif

/* Records code, file, line and a formatted message in err (which may be
 * NULL) and returns code, so callers can write `return error_set(...)`. */
dramatis_status error_set(struct dramatis_error *err, dramatis_status code,
                          const char *file, long line, const char *fmt, ...)
    DRAMATIS_PRINTF(5, 6);

/* Clears err to DRAMATIS_OK. */
void error_clear(struct dramatis_error *err);

#endif
