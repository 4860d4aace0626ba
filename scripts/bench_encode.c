/* bench_encode: encodes a mono WAV file the way `dramatis render` encodes a
 * unit (same writer, resampler and settings), for scripts/bench-render.sh:
 * the time of this alone is the lower bound of a render. */
#include "ogg_opus.h"

#include <sndfile.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    struct ogg_opus_unit_writer *w = NULL;
    struct dramatis_error err;
    SF_INFO info;
    SNDFILE *in;
    float block[4096];
    sf_count_t n;
    char *end;
    long bitrate = 0, complexity = -1;

    memset(&err, 0, sizeof err);
    memset(&info, 0, sizeof info);
    if (argc < 3 || argc > 5) {
        fputs("usage: bench_encode IN.wav OUT.opus [BITRATE [COMPLEXITY]]\n", stderr);
        return 2;
    }
    if (argc > 3) {
        bitrate = strtol(argv[3], &end, 10);
        if (*end != '\0' || bitrate < 0)
            return 2;
    }
    if (argc > 4) {
        complexity = strtol(argv[4], &end, 10);
        if (*end != '\0' || complexity < 0 || complexity > 10)
            return 2;
    }
    in = sf_open(argv[1], SFM_READ, &info);
    if (in == NULL || info.channels != 1) {
        fprintf(stderr, "bench_encode: %s: not a mono sound file\n", argv[1]);
        return 1;
    }
    if (ogg_opus_unit_open(argv[2], info.samplerate, (int)bitrate, (int)complexity, &w, &err) !=
        DRAMATIS_OK)
        goto fail;
    for (n = sf_readf_float(in, block, 4096); n > 0; n = sf_readf_float(in, block, 4096)) {
        if (ogg_opus_unit_write(w, block, (size_t)n, &err) != DRAMATIS_OK)
            goto fail;
    }
    if (ogg_opus_unit_close(w, &err) != DRAMATIS_OK) {
        w = NULL;
        goto fail;
    }
    sf_close(in);
    return 0;
fail:
    ogg_opus_unit_abort(w);
    sf_close(in);
    fprintf(stderr, "bench_encode: %s\n", err.message);
    return 1;
}
