/* libFuzzer target: the cache reader, as a render decides whether a cached
 * unit is whole: the Opus unit scan and the line timings kept beside it,
 * on any bytes. */
#include "fuzz_files.h"
#include "ogg_opus.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ogg_opus_unit_info info;
    struct unit_timing t;
    char path[4096];
    size_t i;

    if (fuzz_write(fuzz_path("unit.opus", path, sizeof path), data, size) != 0)
        return 0;
    if (ogg_opus_unit_scan(path, &info, NULL) == DRAMATIS_OK &&
        (info.n_packets == 0 || info.end_granule > info.packet_samples ||
         info.end_granule < info.preskip))
        __builtin_trap();
    /* the same bytes as timings of as many lines as their first byte says */
    if (unit_timing_load(&t, path, size ? data[0] % 16 : 0, NULL) == DRAMATIS_OK) {
        for (i = 0; i < t.n; i++) {
            if (t.start[i] + t.length[i] > t.samples)
                __builtin_trap();
        }
        unit_timing_cleanup(&t);
    }
    return 0;
}
