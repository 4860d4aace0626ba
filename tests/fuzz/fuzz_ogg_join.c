/* libFuzzer target: the Ogg joiner on a unit of any bytes that the unit
 * scan takes (the render joins only such units), alone, twice, and as the
 * lead-in of a chapter file; what it writes must scan as a whole stream. */
#include "fuzz_files.h"
#include "ogg_opus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct ogg_opus_chapter marks[] = { { "One", 0 }, { "Two", 480 } };
    struct ogg_opus_unit_info info, out_info;
    struct ogg_opus_join_unit units[2];
    struct ogg_opus_tags tags;
    char path[4096], out[4096];

    if (fuzz_write(fuzz_path("unit.opus", path, sizeof path), data, size) != 0 ||
        ogg_opus_unit_scan(path, &info, NULL) != DRAMATIS_OK)
        return 0;
    memset(&tags, 0, sizeof tags);
    tags.title = "Fuzz";
    tags.chapters = marks;
    tags.n_chapters = 2;
    units[0].path = path;
    units[0].info = &info;
    units[1] = units[0];
    fuzz_path("book.opus", out, sizeof out);
    if (ogg_opus_join(out, &tags, NULL, NULL, units, 2, 1, NULL) == DRAMATIS_OK &&
        ogg_opus_unit_scan(out, &out_info, NULL) != DRAMATIS_OK)
        __builtin_trap();
    ogg_opus_join(out, &tags, "2", &units[0], &units[1], 1, 2, NULL);
    remove(out);
    return 0;
}
