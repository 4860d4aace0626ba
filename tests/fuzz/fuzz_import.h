/* The body of the importers' libFuzzer targets: import the bytes, and when
 * a book comes out, segment it and map every paragraph and segment back
 * to its document, as `dramatis script` does. */
#ifndef DRAMATIS_FUZZ_IMPORT_H
#define DRAMATIS_FUZZ_IMPORT_H

#include "import.h"
#include "segment.h"
#include "source.h"

#include <stdint.h>
#include <string.h>

static int fuzz_import(dramatis_status (*parse)(const char *, const char *, size_t,
                                                struct dramatis_book **, struct dramatis_error *),
                       const char *path, const uint8_t *data, size_t size)
{
    struct dramatis_book *book = NULL;
    struct dramatis_error err;
    size_t c, p, s, ds, de;

    memset(&err, 0, sizeof err);
    if (parse(path, (const char *)data, size, &book, &err) != DRAMATIS_OK) {
        /* a failure always says why */
        if (err.message[0] == '\0')
            __builtin_trap();
        return 0;
    }
    if (segment_book(book, &err) == DRAMATIS_OK) {
        for (c = 0; c < book->n_chapters; c++) {
            const struct chapter *ch = &book->chapters[c];
            if (ch->title_end > book->size || ch->title_start > ch->title_end)
                __builtin_trap();
            source_span(book, ch->title_start, ch->title_end, &ds, &de);
            for (p = 0; p < ch->n_paragraphs; p++) {
                const struct paragraph *pa = &ch->paragraphs[p];
                if (pa->end > book->size || pa->start > pa->end)
                    __builtin_trap();
                if (source_span(book, pa->start, pa->end, &ds, &de) && de < ds)
                    __builtin_trap();
                for (s = 0; s < pa->n_segments; s++)
                    source_span(book, pa->segments[s].start, pa->segments[s].end, &ds, &de);
            }
        }
    }
    dramatis_book_free(book);
    return 0;
}

#endif
