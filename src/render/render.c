/* The render: plans the book into units, takes what the cache holds, has
 * worker processes make the rest, and joins the book's files; the same
 * machinery, without encoding, gives script --timing its line times. */
#include "run.h"

#include "buf.h"
#include "error.h"
#include "file.h"
#include "ogg_opus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void dramatis_render_options_init(struct dramatis_render_options *options)
{
    memset(options, 0, sizeof *options);
    options->out_dir = "out";
    options->complexity = -1;
    options->formats[0] = DRAMATIS_FORMAT_OPUS;
    options->n_formats = 1;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void report(struct render_run *r)
{
    r->prog.elapsed_seconds = seconds_since(&r->t0);
    r->prog.fraction = r->bytes_todo ? (double)r->bytes_done / (double)r->bytes_todo : 1.0;
    if (r->opt->progress)
        r->opt->progress(r->opt->progress_ctx, &r->prog);
}

void run_unit_finished(struct render_run *r, size_t i)
{
    const struct render_unit *u = &r->plan[i];
    struct unit_state *us = &r->units[i];
    double secs = (double)us->timing.samples / r->settings.rate;

    r->prog.units_done++;
    r->prog.audio_seconds += secs;
    if (us->reused) {
        r->prog.units_reused++;
    } else {
        r->prog.rendered_seconds += secs;
        r->bytes_done += u->bytes;
        r->chapter_rendered[u->chapter] = 1;
    }
    r->prog.chapter = -1;
    r->prog.chapter_title = NULL;
    if (--r->chapter_left[u->chapter] == 0) {
        r->prog.chapters_done++;
        r->prog.chapter = (long)u->chapter;
        r->prog.chapter_reused = !r->chapter_rendered[u->chapter];
        r->prog.chapter_title = r->book->chapters[u->chapter].title;
    }
    report(r);
}

/* Whether the Opus unit at us->path is whole: a complete Ogg stream
 * (ogg_opus_unit_scan checks every page) that ends exactly where the
 * sample count its timings recorded when it was written says it must. */
static int opus_unit_whole(const struct render_run *r, struct unit_state *us)
{
    struct ogg_opus_unit_info want;

    if (ogg_opus_unit_scan(us->path, &us->info, NULL) != DRAMATIS_OK ||
        ogg_opus_unit_layout(r->settings.rate, r->settings.bitrate, r->settings.complexity,
                             us->timing.samples, &want, NULL) != DRAMATIS_OK)
        return 0;
    return want.preskip == us->info.preskip && want.end_granule == us->info.end_granule &&
           want.packet_samples == us->info.packet_samples &&
           want.n_packets == us->info.n_packets;
}

/* Whether the AAC unit at us->aac_path is whole: it reads to its end and
 * holds the samples its timings recorded (AAC frames of 1,024 samples
 * after the encoder's priming: the last one padded). */
static int aac_unit_whole(const struct render_run *r, struct unit_state *us)
{
    unsigned long long audio;

    if (m4b_unit_scan(us->aac_path, &us->aac_info, NULL) != DRAMATIS_OK ||
        us->aac_info.rate != r->settings.rate)
        return 0;
    audio = us->aac_info.samples - us->aac_info.priming;
    return audio >= us->timing.samples && audio < us->timing.samples + 2 * 1024;
}

/* Takes what the cache has of unit i: its timings (which must match its
 * lines) and each wanted format's file; what is missing or damaged is
 * made again, never served (a unit present but damaged is counted, for
 * the note the caller shows). */
static void take_cached(struct render_run *r, size_t i, size_t n_lines)
{
    struct unit_state *us = &r->units[i];
    int timing, opus = access(us->path, F_OK) == 0, aac = access(us->aac_path, F_OK) == 0;
    int has_timing = access(us->timing_path, F_OK) == 0;

    timing = has_timing &&
             unit_timing_load(&us->timing, us->timing_path, n_lines, NULL) == DRAMATIS_OK;
    /* a unit is checked against its timings: without them it is not used */
    us->need_opus = r->want_opus && (!opus || !timing || !opus_unit_whole(r, us));
    us->need_aac = r->want_aac && (!aac || !timing || !aac_unit_whole(r, us));
    us->reused = timing && !us->need_opus && !us->need_aac;
    if ((has_timing && !timing) || (r->want_opus && opus && us->need_opus) ||
        (r->want_aac && aac && us->need_aac))
        r->prog.units_damaged++;
    if (!us->reused)
        unit_timing_cleanup(&us->timing);
}

/* The number of spoken lines of a unit (its timing file must hold as many). */
static dramatis_status spoken_lines(const struct dramatis_book *book, const struct render_unit *u,
                                    size_t *n)
{
    struct unit_lines ul;
    dramatis_status st = render_unit_lines(book, u, &ul);
    size_t k;

    *n = 0;
    for (k = 0; st == DRAMATIS_OK && k < ul.n; k++)
        *n += ul.lines[k].text != NULL;
    render_unit_lines_cleanup(&ul);
    return st;
}

/* Gives every unit its key and files, and takes what the cache has. */
static dramatis_status prepare_units(struct render_run *r, struct dramatis_error *err)
{
    struct buf path;
    dramatis_status st = DRAMATIS_OK;
    size_t i;

    buf_init(&path, 8192);
    for (i = 0; st == DRAMATIS_OK && i < r->n_units; i++) {
        struct unit_state *us = &r->units[i];
        size_t n_lines = 0;

        r->chapter_left[r->plan[i].chapter]++;
        r->bytes_todo += r->plan[i].bytes;
        if (r->mode != RUN_ENCODE)
            continue;
        st = render_unit_keys(r->book, &r->plan[i], &r->settings, &us->keys);
        if (st == DRAMATIS_OK)
            st = spoken_lines(r->book, &r->plan[i], &n_lines);
        if (st != DRAMATIS_OK)
            break;
        buf_reset(&path);
        if (buf_printf(&path, "%s/%016llx.opus", r->units_dir, us->keys.opus) != DRAMATIS_OK) {
            st = DRAMATIS_ERR_NOMEM;
            break;
        }
        us->path = buf_take(&path);
        if (buf_printf(&path, "%s/%016llx.nut", r->units_dir, us->keys.aac) != DRAMATIS_OK) {
            st = DRAMATIS_ERR_NOMEM;
            break;
        }
        us->aac_path = buf_take(&path);
        if (buf_printf(&path, "%s/%016llx.lines", r->units_dir, us->keys.lines) != DRAMATIS_OK) {
            st = DRAMATIS_ERR_NOMEM;
            break;
        }
        us->timing_path = buf_take(&path);
        us->need_opus = r->want_opus;
        us->need_aac = r->want_aac;
        if (!r->temp_dir)
            take_cached(r, i, n_lines);
        if (us->reused)
            r->bytes_todo -= r->plan[i].bytes;
    }
    buf_cleanup(&path);
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, st == DRAMATIS_ERR_NOMEM ? "output path too long" : NULL);
    return DRAMATIS_OK;
}

/* Starts a run: settings, espeak-ng, the plan and the units' state. */
static dramatis_status run_start(struct render_run *r, const struct dramatis_book *book,
                                 const struct dramatis_render_options *opt, enum run_mode mode,
                                 size_t unit_bytes, struct dramatis_error *err)
{
    dramatis_status st;
    size_t i;

    memset(r, 0, sizeof *r);
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    r->book = book;
    r->opt = opt;
    r->mode = mode;
    r->settings.bitrate = opt->bitrate > 0 ? opt->bitrate : OGG_OPUS_DEFAULT_BITRATE;
    r->settings.complexity = opt->complexity >= 0 ? opt->complexity : OGG_OPUS_DEFAULT_COMPLEXITY;
    r->settings.aac_bitrate = opt->m4b_bitrate > 0 ? opt->m4b_bitrate : M4B_DEFAULT_BITRATE;
    if (opt->bitrate < 0 || r->settings.complexity > 10 || opt->m4b_bitrate < 0)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "bitrate or complexity refused");
    if (opt->n_formats == 0 || opt->n_formats > DRAMATIS_MAX_FORMATS)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "no output format");
    for (i = 0; i < opt->n_formats; i++) {
        if (opt->formats[i] == DRAMATIS_FORMAT_OPUS && !r->want_opus)
            r->want_opus = 1;
        else if (opt->formats[i] == DRAMATIS_FORMAT_M4B && !r->want_aac)
            r->want_aac = 1;
        else
            return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "unknown or repeated output format");
    }
    if (mode == RUN_COUNT) {
        r->want_opus = 1;   /* line times are those of the Opus book */
        r->want_aac = 0;
    }
    /* the synthesis rate is part of every key; espeak-ng starts here, once,
     * and every worker inherits it */
    st = synth_new(&r->synth, err);
    if (st != DRAMATIS_OK)
        return st;
    r->settings.rate = synth_sample_rate(r->synth);
    if (render_plan(book, unit_bytes, &r->plan, &r->n_units) != DRAMATIS_OK)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    if (r->n_units == 0)
        return error_set(err, DRAMATIS_ERR_INPUT, book->path, 0, "nothing to render: no chapters");
    r->units = calloc(r->n_units, sizeof *r->units);
    r->chapter_left = calloc(book->n_chapters, sizeof *r->chapter_left);
    r->chapter_rendered = calloc(book->n_chapters, 1);
    if (r->units == NULL || r->chapter_left == NULL || r->chapter_rendered == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    r->prog.n_chapters = book->n_chapters;
    r->prog.n_units = r->n_units;
    r->prog.chapter = -1;
    return DRAMATIS_OK;
}

static void run_cleanup(struct render_run *r)
{
    size_t i;

    synth_free(r->synth);
    for (i = 0; r->units && i < r->n_units; i++) {
        free(r->units[i].path);
        free(r->units[i].aac_path);
        free(r->units[i].timing_path);
        unit_timing_cleanup(&r->units[i].timing);
    }
    free(r->units);
    free(r->plan);
    free(r->chapter_left);
    free(r->chapter_rendered);
}

static const struct dramatis_render_options *options_or_defaults(
    const struct dramatis_render_options *options, struct dramatis_render_options *defaults)
{
    dramatis_render_options_init(defaults);
    return options ? options : defaults;
}

dramatis_status render_book(const struct dramatis_book *book,
                            const struct dramatis_render_options *options, size_t unit_bytes,
                            const struct render_sidecar *sidecar, struct dramatis_error *err)
{
    struct dramatis_render_options defaults;
    const struct dramatis_render_options *opt = options_or_defaults(options, &defaults);
    const char *out_dir = opt->out_dir ? opt->out_dir : "out";
    struct library_book lb;
    struct encode_picture cover;
    unsigned char *cover_data = NULL;
    struct render_run r;
    struct buf units_dir;
    char *root = NULL, *book_cache = NULL;
    time_t started = time(NULL);
    struct file_lock cache_lock = { -1, NULL };
    dramatis_status st;

    memset(&lb, 0, sizeof lb);
    buf_init(&units_dir, 16384);
    st = run_start(&r, book, opt, RUN_ENCODE, unit_bytes, err);
    r.sidecar = sidecar;
    if (st == DRAMATIS_OK)
        st = cache_make_dirs(out_dir, err);
    if (st == DRAMATIS_OK)
        st = library_open(book, out_dir, opt->force, 0, &lb, err);
    /* one render writes a book's folder at a time; what a killed one left
     * there goes */
    if (st == DRAMATIS_OK)
        st = library_lock(&lb, err);
    if (st == DRAMATIS_OK)
        library_sweep(&lb, started);
    /* every limit, and the cover, is checked before anything is rendered */
    if (st == DRAMATIS_OK)
        st = output_check(&r, &lb, err);
    if (st == DRAMATIS_OK)
        st = output_find_cover(book, opt, &lb, &cover_data, &cover, err);
    if (st != DRAMATIS_OK)
        goto fail;
    if (opt->no_cache) {
        /* a dot folder: servers skip it while it exists */
        if (buf_printf(&units_dir, "%s/.units-XXXXXX", lb.dir) != DRAMATIS_OK ||
            mkdtemp(units_dir.data) == NULL) {
            st = error_set(err, DRAMATIS_ERR_IO, lb.dir, 0,
                           "cannot create a temporary folder: %s", strerror(errno));
            goto fail;
        }
        r.temp_dir = 1;
        r.units_dir = units_dir.data;
    } else {
        st = cache_root(opt->cache_dir, &root, err);
        if (st == DRAMATIS_OK)
            st = cache_book_dir(root, book, &book_cache, err);
        /* the book's units are this render's alone until it ends: another
         * render of the same input (into another folder) would prune them */
        if (st == DRAMATIS_OK)
            st = cache_lock_book(book_cache, &cache_lock, err);
        if (st != DRAMATIS_OK)
            goto fail;
        /* workers' part files left by a killed render go */
        if (opt->clear_cache)
            cache_prune(book_cache, NULL, 0);
        else
            cache_sweep(book_cache);
        r.units_dir = book_cache;
    }
    st = prepare_units(&r, err);
    if (st == DRAMATIS_OK)
        st = run_units(&r, err);
    if (st == DRAMATIS_OK)
        st = output_write(&r, &lb, cover_data ? &cover : NULL, err);
    if (st == DRAMATIS_OK)
        st = library_commit(&lb, err);
    if (st != DRAMATIS_OK)
        goto fail;
    if (!r.temp_dir) {
        cache_prune(r.units_dir, r.units, r.n_units);
        cache_limit(root, book_cache, opt->cache_max);
    }
    r.prog.chapter = -1;
    r.prog.chapter_title = NULL;
    r.prog.finished = 1;
    report(&r);
fail:
    if (r.temp_dir) {
        cache_prune(r.units_dir, NULL, 0);
        rmdir(r.units_dir);
    }
    file_unlock(&cache_lock);
    run_cleanup(&r);
    library_cleanup(&lb);
    free(cover_data);
    free(root);
    free(book_cache);
    buf_cleanup(&units_dir);
    return st;
}

dramatis_status dramatis_render_path(const struct dramatis_book *book,
                                     const struct dramatis_render_options *options,
                                     char *path, size_t size)
{
    struct dramatis_render_options defaults;
    const struct dramatis_render_options *opt = options_or_defaults(options, &defaults);
    struct library_book lb;
    int n;

    if (library_open(book, opt->out_dir ? opt->out_dir : "out", opt->force, 1, &lb, NULL) !=
        DRAMATIS_OK) {
        library_cleanup(&lb);
        return DRAMATIS_ERR_ARG;
    }
    if (opt->split == DRAMATIS_SPLIT_ONLY)
        n = snprintf(path, size, "%s/", lb.dir);
    else
        n = snprintf(path, size, "%s/%s.%s", lb.dir, lb.name,
                     opt->n_formats > 0 && opt->formats[0] == DRAMATIS_FORMAT_M4B ? "m4b" : "opus");
    library_cleanup(&lb);
    return n < 0 || (size_t)n >= size ? DRAMATIS_ERR_ARG : DRAMATIS_OK;
}

dramatis_status run_place_lines(const struct render_run *r, dramatis_format format,
                                struct render_line **out, size_t *n_out)
{
    struct render_line *lines;
    unsigned long long q = 0;
    size_t n = 0, i, k, total = 0;

    for (i = 0; i < r->n_units; i++)
        total += r->units[i].timing.n;
    lines = calloc(total ? total : 1, sizeof *lines);
    if (lines == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (i = 0; i < r->n_units; i++) {
        const struct unit_state *us = &r->units[i];
        struct unit_lines ul;
        double base;
        size_t spoken = 0;

        /* the m4b keeps every later unit's priming (silence) and declares
         * only the first one's in its edit list */
        if (format == DRAMATIS_FORMAT_M4B)
            base = (double)(q + us->aac_info.priming - r->units[0].aac_info.priming) /
                   r->settings.rate;
        else
            base = (double)(q + us->info.preskip - r->units[0].info.preskip) / 48000.0;

        if (render_unit_lines(r->book, &r->plan[i], &ul) != DRAMATIS_OK) {
            free(lines);
            return DRAMATIS_ERR_NOMEM;
        }
        for (k = 0; k < ul.n && spoken < us->timing.n; k++) {
            if (ul.lines[k].text == NULL)
                continue;
            lines[n].chapter = r->plan[i].chapter;
            lines[n].kind = ul.kinds[k];
            lines[n].seg = ul.segs[k];
            lines[n].start = base + (double)us->timing.start[spoken] / r->settings.rate;
            lines[n].duration = (double)us->timing.length[spoken] / r->settings.rate;
            n++;
            spoken++;
        }
        render_unit_lines_cleanup(&ul);
        q += format == DRAMATIS_FORMAT_M4B ? us->aac_info.samples : us->info.packet_samples;
    }
    *out = lines;
    *n_out = n;
    return DRAMATIS_OK;
}

dramatis_status render_timeline(const struct dramatis_book *book,
                                const struct dramatis_render_options *options,
                                struct render_line **out, size_t *n_out,
                                struct dramatis_error *err)
{
    struct dramatis_render_options defaults;
    const struct dramatis_render_options *opt = options_or_defaults(options, &defaults);
    struct render_run r;
    dramatis_status st;

    *out = NULL;
    *n_out = 0;
    st = run_start(&r, book, opt, RUN_COUNT, RENDER_UNIT_BYTES, err);
    if (st == DRAMATIS_OK)
        st = prepare_units(&r, err);
    if (st == DRAMATIS_OK)
        st = run_units(&r, err);
    if (st == DRAMATIS_OK &&
        run_place_lines(&r, DRAMATIS_FORMAT_OPUS, out, n_out) != DRAMATIS_OK)
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    run_cleanup(&r);
    return st;
}
