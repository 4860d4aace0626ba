/* The table of status messages and the error struct filler. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *dramatis_strerror(dramatis_status status)
{
    switch (status) {
    case DRAMATIS_OK: return "success";
    case DRAMATIS_ERR_NOMEM: return "out of memory";
    case DRAMATIS_ERR_IO: return "input/output error";
    case DRAMATIS_ERR_INPUT: return "unusable input text";
    case DRAMATIS_ERR_MAP: return "voice map error";
    case DRAMATIS_ERR_VOICE: return "unknown voice";
    case DRAMATIS_ERR_SYNTH: return "speech synthesis failed";
    case DRAMATIS_ERR_ENCODE: return "audio encoding failed";
    case DRAMATIS_ERR_ARG: return "invalid argument";
    }
    return "unknown error";
}

void error_clear(struct dramatis_error *err)
{
    if (err == NULL)
        return;
    memset(err, 0, sizeof *err);
}

dramatis_status error_set(struct dramatis_error *err, dramatis_status code,
                          const char *file, long line, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    if (fmt == NULL) {
        snprintf(err->message, sizeof err->message, "%s", dramatis_strerror(code));
        return code;
    }
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}
