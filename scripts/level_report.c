/* level_report: the loudness of every spoken line of a decoded book, and
 * its true peak, for scripts/measure-levels.sh and tests/render/seed.sh.
 *
 * usage: level_report BOOK.wav < LINES
 *
 * LINES holds one "START DURATION" pair (seconds) per spoken line, as
 * `dramatis script --timing` reports them.  Prints one line per spoken
 * line, "INDEX START LUFS TRUE_PEAK_DBTP", then "true-peak DBTP" for the
 * whole file.  A line is measured as the render's levelling measures it
 * (src/audio/level.c): one shorter than the 400 ms R128 block is looped
 * to a second, so the two agree on what "the line's loudness" means. */
#include <ebur128.h>
#include <sndfile.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double to_db(double v)
{
    return v > 0 ? 20.0 * log10(v) : -HUGE_VAL;
}

/* Loudness (LUFS) and true peak (linear) of samples[0..n) at rate. */
static int measure(const float *samples, size_t n, unsigned long rate, double *lufs, double *peak)
{
    ebur128_state *st = ebur128_init(1, rate, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
    size_t need = n < rate * 4 / 10 ? rate : n, fed = 0;
    int ok = st != NULL;

    *lufs = -HUGE_VAL;
    *peak = 0;
    while (ok && fed < need && n > 0) {
        ok = ebur128_add_frames_float(st, samples, n) == EBUR128_SUCCESS;
        fed += n;
    }
    if (ok && ebur128_loudness_global(st, lufs) != EBUR128_SUCCESS)
        *lufs = -HUGE_VAL;
    if (ok && ebur128_true_peak(st, 0, peak) != EBUR128_SUCCESS)
        ok = 0;
    ebur128_destroy(&st);
    return ok;
}

int main(int argc, char **argv)
{
    SF_INFO info;
    SNDFILE *in;
    float *samples;
    double start, duration, lufs, peak, book_peak = 0;
    size_t index = 0;

    memset(&info, 0, sizeof info);
    if (argc != 2) {
        fputs("usage: level_report BOOK.wav < LINES\n", stderr);
        return 2;
    }
    in = sf_open(argv[1], SFM_READ, &info);
    if (in == NULL || info.channels != 1 || info.frames <= 0) {
        fprintf(stderr, "level_report: %s: not a mono audio file\n", argv[1]);
        return 1;
    }
    samples = malloc((size_t)info.frames * sizeof *samples);
    if (samples == NULL || sf_readf_float(in, samples, info.frames) != info.frames) {
        fprintf(stderr, "level_report: %s: cannot read\n", argv[1]);
        return 1;
    }
    sf_close(in);
    while (scanf("%lf %lf", &start, &duration) == 2) {
        size_t a = (size_t)(start * info.samplerate + 0.5);
        size_t b = (size_t)((start + duration) * info.samplerate + 0.5);
        if (b > (size_t)info.frames)
            b = (size_t)info.frames;
        if (a >= b || !measure(samples + a, b - a, (unsigned long)info.samplerate, &lufs, &peak)) {
            printf("%zu %.3f none none\n", index++, start);
            continue;
        }
        printf("%zu %.3f %.2f %.2f\n", index++, start, lufs, to_db(peak));
    }
    if (!measure(samples, (size_t)info.frames, (unsigned long)info.samplerate, &lufs, &book_peak))
        return 1;
    printf("true-peak %.2f\n", to_db(book_peak));
    free(samples);
    return 0;
}
