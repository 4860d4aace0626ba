/* libFuzzer target: the plain-text importer on any bytes, as import_load
 * gives it text (checked UTF-8 first). */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dramatis_status text_parse(const char *path, const char *data, size_t size,
                                  struct dramatis_book **out, struct dramatis_error *err)
{
    dramatis_status st = import_check_utf8(path, data, size, err);

    if (st != DRAMATIS_OK)
        return st;
    return import_text_parse(path, data, size, out, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_import(text_parse, "fuzz.txt", data, size);
}
