/* `dramatis render`: the chaptered audiobook in its library folder, with progress. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the progress callback keeps between calls. */
struct render_view {
    int mode;                  /* CLI_PROGRESS_* actually in effect */
    int line_shown;            /* a progress line waits for its newline */
    unsigned char *reused;     /* per chapter: 1 reused, 2 rendered, 0 not yet */
    size_t n_chapters;
    int quiet;
    int damaged_told;          /* the note on damaged cached units is out */
};

static void print_line(const struct dramatis_render_progress *p, struct render_view *v)
{
    double speed = p->elapsed_seconds > 0 ? p->rendered_seconds / p->elapsed_seconds : 0;
    double eta = p->fraction > 0 ? p->elapsed_seconds * (1 - p->fraction) / p->fraction : 0;
    long e = (long)(eta + 0.5), a = (long)p->audio_seconds;

    fprintf(stderr,
            "\r\033[Kdramatis: chapters %zu/%zu, %ld:%02ld:%02ld of audio, %.0fx real time",
            p->chapters_done, p->n_chapters, a / 3600, a / 60 % 60, a % 60, speed);
    if (!p->finished && p->fraction > 0)
        fprintf(stderr, ", ETA %ld:%02ld:%02ld", e / 3600, e / 60 % 60, e % 60);
    if (p->finished)
        fputc('\n', stderr);
    v->line_shown = !p->finished;
    fflush(stderr);
}

static void print_json(const struct dramatis_render_progress *p)
{
    double speed = p->elapsed_seconds > 0 ? p->rendered_seconds / p->elapsed_seconds : 0;
    double eta = p->fraction > 0 ? p->elapsed_seconds * (1 - p->fraction) / p->fraction : -1;

    fprintf(stderr,
            "{\"chapters_done\":%zu,\"chapters\":%zu,\"units_done\":%zu,\"units\":%zu,"
            "\"units_reused\":%zu,\"audio_seconds\":%.3f,\"rendered_seconds\":%.3f,"
            "\"elapsed_seconds\":%.3f,\"speed\":%.2f,\"fraction\":%.4f,\"eta_seconds\":%.1f,"
            "\"chapter\":%ld,\"chapter_reused\":%s,\"finished\":%s}\n",
            p->chapters_done, p->n_chapters, p->units_done, p->n_units, p->units_reused,
            p->audio_seconds, p->rendered_seconds, p->elapsed_seconds, speed, p->fraction,
            p->finished ? 0.0 : eta, p->chapter + (p->chapter >= 0 ? 1 : 0),
            p->chapter >= 0 && p->chapter_reused ? "true" : "false",
            p->finished ? "true" : "false");
    fflush(stderr);
}

static void on_progress(void *ctx, const struct dramatis_render_progress *p)
{
    struct render_view *v = ctx;

    if (v->reused == NULL && p->n_chapters > 0) {
        v->reused = calloc(p->n_chapters, 1);
        v->n_chapters = v->reused ? p->n_chapters : 0;
    }
    if (p->chapter >= 0 && (size_t)p->chapter < v->n_chapters && v->reused)
        v->reused[p->chapter] = p->chapter_reused ? 1 : 2;
    if (p->units_damaged > 0 && !v->damaged_told && !v->quiet) {
        fprintf(stderr, "%sdramatis: %zu cached unit%s damaged or incomplete: rendering %s again\n",
                v->line_shown ? "\n" : "", p->units_damaged,
                p->units_damaged == 1 ? " was" : "s were", p->units_damaged == 1 ? "it" : "them");
        v->damaged_told = 1;
        v->line_shown = 0;
    }
    if (v->mode == CLI_PROGRESS_JSON)
        print_json(p);
    else if (v->mode == CLI_PROGRESS_AUTO)
        print_line(p, v);
}

/* "1-3, 7" for the chapters whose flag is want; "" for none. */
static void chapter_list(const struct render_view *v, unsigned char want, char *out, size_t size)
{
    size_t c = 0, n = 0;

    out[0] = '\0';
    while (c < v->n_chapters) {
        size_t end;
        int k;

        if (v->reused[c] != want) {
            c++;
            continue;
        }
        for (end = c; end + 1 < v->n_chapters && v->reused[end + 1] == want; end++)
            ;
        if (end == c)
            k = snprintf(out + n, size - n, "%s%zu", n ? ", " : "", c + 1);
        else
            k = snprintf(out + n, size - n, "%s%zu-%zu", n ? ", " : "", c + 1, end + 1);
        if (k < 0 || (size_t)k >= size - n) {
            snprintf(out + n, size - n, "...");
            return;
        }
        n += (size_t)k;
        c = end + 1;
    }
}

int cmd_render(const struct cli *cli)
{
    struct dramatis_book *book = NULL;
    struct dramatis_voicemap *map = NULL;
    struct dramatis_render_options opt;
    struct dramatis_error err;
    struct render_view view;
    char path[4096];
    int rc;

    memset(&err, 0, sizeof err);
    dramatis_render_options_init(&opt);
    memset(&view, 0, sizeof view);
    if (cli->out_dir)
        opt.out_dir = cli->out_dir;
    opt.bitrate = (int)cli->bitrate;
    opt.complexity = (int)cli->complexity;
    opt.quiet = cli->quiet;
    opt.jobs = (int)cli->jobs;
    opt.split = cli->split;
    opt.no_cache = cli->no_cache;
    opt.clear_cache = cli->clear_cache;
    memcpy(opt.formats, cli->formats, sizeof opt.formats);
    opt.n_formats = cli->n_formats;
    opt.m4b_bitrate = (int)cli->m4b_bitrate;
    opt.cover = cli->cover;
    opt.force = cli->force;
    opt.cache_dir = cli->cache_dir;
    opt.cache_max = (unsigned long long)cli->cache_size_mb << 20;
    opt.subtitles = cli->subtitles;
    view.mode = cli->progress;
    view.quiet = cli->quiet;
    /* a progress line only on a terminal; JSON only when asked for */
    if (view.mode == CLI_PROGRESS_AUTO && (cli->quiet || !isatty(STDERR_FILENO)))
        view.mode = CLI_PROGRESS_NONE;
    opt.progress = on_progress;
    opt.progress_ctx = &view;
    rc = cli_load_cast(cli, &book, &map);
    if (rc == 0 && dramatis_render(book, &opt, &err) != DRAMATIS_OK) {
        if (view.line_shown)
            fputc('\n', stderr);
        rc = cli_report(&err);
    } else if (rc == 0 && !cli->quiet) {
        char list[1024];

        if (!cli->no_cache && view.reused) {
            chapter_list(&view, 2, list, sizeof list);
            if (list[0])
                fprintf(stderr, "dramatis: rendered chapters %s\n", list);
            chapter_list(&view, 1, list, sizeof list);
            if (list[0])
                fprintf(stderr, "dramatis: reused chapters %s (cache)\n", list);
        }
        if (dramatis_render_path(book, &opt, path, sizeof path) == DRAMATIS_OK)
            fprintf(stderr, "dramatis: wrote %s\n", path);
    }
    free(view.reused);
    dramatis_book_free(book);
    dramatis_voicemap_free(map);
    return rc;
}
