/* libFuzzer target: the segmenter and speaker attribution on a plain-text
 * book made of any bytes: every quote gets a speaker of the book's cast or
 * none. */
#include "attribute.h"
#include "import.h"
#include "segment.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dramatis_book *book = NULL;
    struct dramatis_error err;
    size_t c, p, s;

    memset(&err, 0, sizeof err);
    if (import_check_utf8("fuzz.txt", (const char *)data, size, &err) != DRAMATIS_OK ||
        import_text_parse("fuzz.txt", (const char *)data, size, &book, &err) != DRAMATIS_OK)
        return 0;
    if (segment_book(book, &err) == DRAMATIS_OK && attribute_book(book, &err) == DRAMATIS_OK) {
        for (c = 0; c < book->n_chapters; c++) {
            for (p = 0; p < book->chapters[c].n_paragraphs; p++) {
                const struct paragraph *pa = &book->chapters[c].paragraphs[p];
                for (s = 0; s < pa->n_segments; s++) {
                    int who = pa->segments[s].speaker;
                    if (who < -1 || (who >= 0 && (size_t)who >= book->n_characters))
                        __builtin_trap();
                }
            }
        }
    }
    dramatis_book_free(book);
    return 0;
}
