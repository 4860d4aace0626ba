/* The renderer: synthesises the book with levels and pauses in units
 * (chapters, long ones cut at paragraphs) that worker processes encode
 * into Opus packets, then joins those packets into the chaptered book. */
#include "render.h"

#include "level.h"
#include "buf.h"
#include "error.h"
#include "ogg_opus.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Samples of one spoken item, gathered before levelling. */
struct speech {
    float *samples;
    size_t n, cap;
};

/* State of one walk: where in the book it is and where audio goes. */
struct walk {
    const struct render_sink *sink;
    struct synth *synth;
    int rate;
    unsigned long long pos;     /* samples emitted so far */
    struct speech speech;
    float *silence;             /* a block of zeros for pauses */
    size_t silence_len;
};

static dramatis_status speech_sink(void *ctx, const short *samples, size_t n)
{
    struct speech *sp = ctx;
    size_t i;

    if (sp->cap - sp->n < n) {
        size_t cap = sp->cap ? sp->cap : 4096;
        float *grown;
        while (cap - sp->n < n)
            cap *= 2;
        grown = realloc(sp->samples, cap * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        sp->samples = grown;
        sp->cap = cap;
    }
    for (i = 0; i < n; i++)
        sp->samples[sp->n + i] = samples[i] / 32768.0f;
    sp->n += n;
    return DRAMATIS_OK;
}

static dramatis_status emit_audio(struct walk *w, const float *samples, size_t n)
{
    w->pos += n;
    if (w->sink->audio == NULL || n == 0)
        return DRAMATIS_OK;
    return w->sink->audio(w->sink->ctx, samples, n);
}

static dramatis_status emit_pause(struct walk *w, long ms)
{
    size_t left = audio_ms_to_samples(ms, w->rate);
    dramatis_status st = DRAMATIS_OK;

    while (st == DRAMATIS_OK && left > 0) {
        size_t n = left < w->silence_len ? left : w->silence_len;
        st = emit_audio(w, w->silence, n);
        left -= n;
    }
    return st;
}

/* Speaks one item in its voice, levels it, and reports where it fell. */
static dramatis_status speak(struct walk *w, size_t chapter, const struct segment *seg,
                             const char *text, const struct voice *voice,
                             struct dramatis_error *err)
{
    struct render_item item;
    dramatis_status st;

    w->speech.n = 0;
    st = synth_speak(w->synth, voice, text, speech_sink, &w->speech, err);
    if (st != DRAMATIS_OK)
        return st;
    st = audio_level(w->speech.samples, w->speech.n, w->rate, voice->gain);
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, "loudness levelling failed");
    item.chapter = chapter;
    item.seg = seg;
    item.start = w->pos;
    item.length = w->speech.n;
    st = emit_audio(w, w->speech.samples, w->speech.n);
    if (st == DRAMATIS_OK && w->sink->item)
        st = w->sink->item(w->sink->ctx, &item);
    if (st != DRAMATIS_OK && err && err->code == DRAMATIS_OK)
        error_set(err, st, NULL, 0, NULL);
    return st;
}


/* Walks paragraphs [p0, p1) of a chapter, with its title when first and its
 * closing pause when last: the book is its units in order. */
static dramatis_status walk_range(struct walk *w, const struct dramatis_book *book,
                                  const struct render_unit *u, struct dramatis_error *err)
{
    const struct chapter *ch = &book->chapters[u->chapter];
    size_t c = u->chapter;
    dramatis_status st = DRAMATIS_OK;
    size_t p, s;

    if (u->first) {
        if (w->sink->chapter) {
            st = w->sink->chapter(w->sink->ctx, c, w->pos);
            if (st != DRAMATIS_OK)
                return error_set(err, st, NULL, 0, NULL);
        }
        st = speak(w, c, NULL, ch->spoken_title ? ch->spoken_title : ch->title, &book->narrator,
                   err);
        if (st == DRAMATIS_OK)
            st = emit_pause(w, AUDIO_PAUSE_TITLE_MS);
    }
    for (p = u->p0; st == DRAMATIS_OK && p < u->p1; p++) {
        const struct paragraph *para = &ch->paragraphs[p];
        if (p > 0)
            st = emit_pause(w, para->scene_break_before ? AUDIO_PAUSE_SCENE_MS
                                                        : AUDIO_PAUSE_PARAGRAPH_MS);
        for (s = 0; st == DRAMATIS_OK && s < para->n_segments; s++) {
            const struct segment *seg = &para->segments[s];
            if (s > 0)
                st = emit_pause(w, AUDIO_PAUSE_SEGMENT_MS);
            if (st == DRAMATIS_OK)
                st = speak(w, c, seg, seg->spoken ? seg->spoken : seg->text,
                           book_segment_voice(book, seg), err);
        }
    }
    if (st == DRAMATIS_OK && u->last)
        st = emit_pause(w, AUDIO_PAUSE_CHAPTER_MS);
    if (st != DRAMATIS_OK && err && err->code == DRAMATIS_OK)
        error_set(err, st, NULL, 0, NULL);
    return st;
}

static dramatis_status walk_start(struct walk *w, struct synth *synth,
                                  const struct render_sink *sink, struct dramatis_error *err)
{
    memset(w, 0, sizeof *w);
    w->sink = sink;
    w->synth = synth;
    w->rate = synth_sample_rate(synth);
    w->silence_len = 4096;
    w->silence = calloc(w->silence_len, sizeof *w->silence);
    if (w->silence == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    return DRAMATIS_OK;
}

static void walk_end(struct walk *w)
{
    free(w->silence);
    free(w->speech.samples);
}

dramatis_status render_walk(const struct dramatis_book *book, struct synth *synth,
                            const struct render_sink *sink, struct dramatis_error *err)
{
    struct walk w;
    dramatis_status st;
    size_t c;

    st = walk_start(&w, synth, sink, err);
    for (c = 0; st == DRAMATIS_OK && c < book->n_chapters; c++) {
        struct render_unit u;
        u.chapter = c;
        u.p0 = 0;
        u.p1 = book->chapters[c].n_paragraphs;
        u.first = u.last = 1;
        u.bytes = 0;
        st = walk_range(&w, book, &u, err);
    }
    walk_end(&w);
    return st;
}

dramatis_status render_walk_unit(const struct dramatis_book *book, struct synth *synth,
                                 const struct render_unit *unit, const struct render_sink *sink,
                                 struct dramatis_error *err)
{
    struct walk w;
    dramatis_status st;

    st = walk_start(&w, synth, sink, err);
    if (st == DRAMATIS_OK)
        st = walk_range(&w, book, unit, err);
    walk_end(&w);
    return st;
}

dramatis_status render_plan(const struct dramatis_book *book, size_t unit_bytes,
                            struct render_unit **out, size_t *n_out)
{
    struct render_unit *units = NULL;
    size_t n = 0, cap = 0, c, p;

    *out = NULL;
    *n_out = 0;
    for (c = 0; c < book->n_chapters; c++) {
        const struct chapter *ch = &book->chapters[c];
        size_t total = 0, done = 0;

        for (p = 0; p < ch->n_paragraphs; p++)
            total += ch->paragraphs[p].end - ch->paragraphs[p].start;
        p = 0;
        do {
            struct render_unit *u;
            size_t bytes = 0, p0 = p;

            if (n == cap) {
                size_t ncap = cap ? cap * 2 : 64;
                struct render_unit *grown = realloc(units, ncap * sizeof *grown);
                if (grown == NULL) {
                    free(units);
                    return DRAMATIS_ERR_NOMEM;
                }
                units = grown;
                cap = ncap;
            }
            /* take paragraphs up to the unit size, but leave no short tail */
            while (p < ch->n_paragraphs) {
                size_t b = ch->paragraphs[p].end - ch->paragraphs[p].start;
                if (bytes > 0 && bytes + b > unit_bytes && total - done - bytes > unit_bytes / 2)
                    break;
                bytes += b;
                p++;
            }
            done += bytes;
            u = &units[n++];
            u->chapter = c;
            u->p0 = p0;
            u->p1 = p;
            u->first = p0 == 0;
            u->last = p == ch->n_paragraphs;
            u->bytes = bytes + strlen(ch->title);
        } while (p < ch->n_paragraphs);
    }
    *out = units;
    *n_out = n;
    return DRAMATIS_OK;
}

/* ---- dramatis_render: units rendered by worker processes, then joined */

/* A file name from the title: no '/', no leading dot, never empty. */
static void safe_name(const char *title, char *out, size_t size)
{
    size_t i, n = 0;

    for (i = 0; title[i] && n + 1 < size; i++) {
        char ch = title[i];
        if (ch == '/' || ch == '\\' || ch == ':' || (unsigned char)ch < 0x20)
            ch = '_';
        if (n == 0 && (ch == '.' || ch == ' '))
            continue;
        out[n++] = ch;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.'))
        n--;
    out[n] = '\0';
    if (n == 0)
        snprintf(out, size, "book");
}

static dramatis_status make_dir(const char *path, struct dramatis_error *err)
{
    struct stat stt;

    if (mkdir(path, 0777) == 0 || errno == EEXIST) {
        if (stat(path, &stt) == 0 && S_ISDIR(stt.st_mode))
            return DRAMATIS_OK;
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "not a directory");
    }
    return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot create directory: %s",
                     strerror(errno));
}

/* One unit of this render: its plan, cache key, file and what it holds. */
struct unit_state {
    unsigned long long key;
    char *path;
    struct ogg_opus_unit_info info;
    int reused;
};

/* A running worker process and the pipe its result comes back on. */
struct slot {
    pid_t pid;
    int fd;
    size_t unit;
};

/* What a worker reports before it exits. */
struct unit_result {
    dramatis_status status;
    struct dramatis_error err;
};

struct render_run {
    const struct dramatis_book *book;
    const struct dramatis_render_options *opt;
    struct render_settings settings;
    struct render_unit *plan;
    struct unit_state *units;
    size_t n_units;
    struct synth *synth;
    char *units_dir;              /* the cache, or a temporary folder */
    int temp_dir;                 /* units_dir is removed at the end */
    size_t *chapter_left;         /* units of each chapter not finished yet */
    unsigned char *chapter_rendered;
    struct dramatis_render_progress prog;
    struct timespec t0;
    size_t bytes_todo, bytes_done;
};

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

static void unit_finished(struct render_run *r, size_t i)
{
    const struct render_unit *u = &r->plan[i];
    struct unit_state *us = &r->units[i];
    double secs = (double)(us->info.end_granule - us->info.preskip) / 48000.0;

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

/* Sink of a worker: levelled audio straight into the unit's encoder. */
struct unit_sink {
    struct ogg_opus_unit_writer *w;
    struct dramatis_error *err;
};

static dramatis_status unit_audio(void *ctx, const float *samples, size_t n)
{
    struct unit_sink *us = ctx;

    return ogg_opus_unit_write(us->w, samples, n, us->err);
}

/* In a worker: synthesises and encodes unit i into its file (aside, then
 * renamed, so the cache never holds a partial unit). */
static dramatis_status render_unit_file(struct render_run *r, size_t i,
                                        struct dramatis_error *err)
{
    const char *path = r->units[i].path;
    struct unit_sink us;
    struct render_sink sink;
    struct buf tmp;
    dramatis_status st;

    buf_init(&tmp, 8192);
    us.w = NULL;
    us.err = err;
    if (buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid()) != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, path, 0, "path too long");
        goto fail;
    }
    st = ogg_opus_unit_open(tmp.data, r->settings.rate, r->settings.bitrate,
                            r->settings.complexity, &us.w, err);
    if (st != DRAMATIS_OK)
        goto fail;
    sink.audio = unit_audio;
    sink.item = NULL;
    sink.chapter = NULL;
    sink.ctx = &us;
    st = render_walk_unit(r->book, r->synth, &r->plan[i], &sink, err);
    if (st != DRAMATIS_OK)
        goto fail;
    st = ogg_opus_unit_close(us.w, err);
    us.w = NULL;
    if (st != DRAMATIS_OK)
        goto fail;
    if (rename(tmp.data, path) != 0) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot rename into place: %s",
                       strerror(errno));
        unlink(tmp.data);
    }
fail:
    ogg_opus_unit_abort(us.w);
    buf_cleanup(&tmp);
    return st;
}

static dramatis_status spawn(struct render_run *r, size_t i, struct slot *slot,
                             struct dramatis_error *err)
{
    int fds[2];
    pid_t pid;

    if (pipe(fds) != 0)
        return error_set(err, DRAMATIS_ERR_IO, NULL, 0, "cannot create a pipe: %s",
                         strerror(errno));
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return error_set(err, DRAMATIS_ERR_IO, NULL, 0, "cannot start a worker: %s",
                         strerror(errno));
    }
    if (pid == 0) {
        /* the worker: a fresh copy of the parent's espeak-ng state for every
         * unit, so a unit's audio never depends on which units came before
         * it in the same worker (that would make output depend on --jobs) */
        struct unit_result res;
        const unsigned char *p = (const unsigned char *)&res;
        size_t left = sizeof res;

        close(fds[0]);
        memset(&res, 0, sizeof res);
        res.status = render_unit_file(r, i, &res.err);
        while (left > 0) {
            ssize_t k = write(fds[1], p, left);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                _exit(1);
            p += k;
            left -= (size_t)k;
        }
        _exit(0);
    }
    close(fds[1]);
    slot->pid = pid;
    slot->fd = fds[0];
    slot->unit = i;
    return DRAMATIS_OK;
}

/* Reads a finished worker's result, reaps it, and checks its unit. */
static dramatis_status collect(struct render_run *r, struct slot *slot, struct dramatis_error *err)
{
    struct unit_result res;
    unsigned char *p = (unsigned char *)&res;
    size_t got = 0;
    int status = 0;
    dramatis_status st;

    while (got < sizeof res) {
        ssize_t k = read(slot->fd, p + got, sizeof res - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    close(slot->fd);
    slot->fd = -1;
    while (waitpid(slot->pid, &status, 0) < 0 && errno == EINTR)
        ;
    slot->pid = 0;
    if (got != sizeof res || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (WIFSIGNALED(status))
            return error_set(err, DRAMATIS_ERR_SYNTH, NULL, 0,
                             "the worker for chapter %zu was killed by signal %d",
                             r->plan[slot->unit].chapter + 1, WTERMSIG(status));
        return error_set(err, DRAMATIS_ERR_SYNTH, NULL, 0, "the worker for chapter %zu failed",
                         r->plan[slot->unit].chapter + 1);
    }
    if (res.status != DRAMATIS_OK) {
        if (err)
            *err = res.err;
        return res.status;
    }
    st = ogg_opus_unit_scan(r->units[slot->unit].path, &r->units[slot->unit].info, err);
    if (st == DRAMATIS_OK)
        unit_finished(r, slot->unit);
    return st;
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* Renders every unit not in the cache, jobs at a time, one process each. */
static dramatis_status render_units(struct render_run *r, struct dramatis_error *err)
{
    int jobs = r->opt->jobs > 0 ? r->opt->jobs : default_jobs();
    struct slot slots[64];
    struct pollfd fds[64];
    size_t next = 0, running = 0, i, *order;
    dramatis_status st = DRAMATIS_OK;

    if (jobs > 64)
        jobs = 64;
    for (i = 0; i < r->n_units; i++) {
        if (r->units[i].reused)
            unit_finished(r, i);
    }
    /* longest units first, so the last ones to finish are short */
    order = malloc(r->n_units * sizeof *order);
    if (order == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    for (i = 0; i < r->n_units; i++)
        order[i] = i;
    for (i = 1; i < r->n_units; i++) {
        size_t k = order[i], j = i;
        while (j > 0 && r->plan[order[j - 1]].bytes < r->plan[k].bytes) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = k;
    }
    while (st == DRAMATIS_OK && (next < r->n_units || running > 0)) {
        while (st == DRAMATIS_OK && running < (size_t)jobs && next < r->n_units) {
            size_t u = order[next++];
            if (r->units[u].reused)
                continue;
            st = spawn(r, u, &slots[running], err);
            if (st == DRAMATIS_OK)
                running++;
        }
        if (st != DRAMATIS_OK || running == 0)
            break;
        for (i = 0; i < running; i++) {
            fds[i].fd = slots[i].fd;
            fds[i].events = POLLIN;
            fds[i].revents = 0;
        }
        if (poll(fds, (nfds_t)running, -1) < 0) {
            if (errno == EINTR)
                continue;
            st = error_set(err, DRAMATIS_ERR_IO, NULL, 0, "poll: %s", strerror(errno));
            break;
        }
        /* finished workers leave; the last slot fills the gap */
        for (i = running; st == DRAMATIS_OK && i-- > 0;) {
            if (fds[i].revents == 0)
                continue;
            st = collect(r, &slots[i], err);
            slots[i] = slots[--running];
        }
    }
    /* after a failure, stop the other workers: their units are not needed */
    for (i = 0; i < running; i++) {
        int status;
        kill(slots[i].pid, SIGTERM);
        close(slots[i].fd);
        while (waitpid(slots[i].pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
    free(order);
    return st;
}

/* Whether name is a unit file "<16 hex>.opus" or a worker's leftover. */
static int is_unit_name(const char *name, unsigned long long *key, int *leftover)
{
    size_t i;
    char *end;

    for (i = 0; i < 16; i++) {
        if (!isxdigit((unsigned char)name[i]))
            return 0;
    }
    if (strncmp(name + 16, ".opus", 5) != 0)
        return 0;
    *leftover = name[21] != '\0';
    if (*leftover && strncmp(name + 21, ".tmp.", 5) != 0)
        return 0;
    errno = 0;
    *key = strtoull(name, &end, 16);
    return end == name + 16 && errno == 0;
}

/* Removes unit files of dir that this render does not use (all of them when
 * keep is NULL), and workers' leftovers; nothing else is touched. */
static void prune_units(const char *dir, const struct unit_state *keep, size_t n_keep)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    struct buf path;

    if (d == NULL)
        return;
    buf_init(&path, 8192);
    for (e = readdir(d); e != NULL; e = readdir(d)) {
        unsigned long long key;
        int leftover, used = 0;
        size_t i;

        if (!is_unit_name(e->d_name, &key, &leftover))
            continue;
        for (i = 0; keep && !leftover && !used && i < n_keep; i++)
            used = keep[i].key == key;
        if (used)
            continue;
        buf_reset(&path);
        if (buf_printf(&path, "%s/%s", dir, e->d_name) == DRAMATIS_OK)
            unlink(path.data);
    }
    closedir(d);
    buf_cleanup(&path);
}

static dramatis_status rename_into_place(const char *part, const char *final,
                                         struct dramatis_error *err)
{
    if (rename(part, final) == 0)
        return DRAMATIS_OK;
    unlink(part);
    return error_set(err, DRAMATIS_ERR_IO, final, 0, "cannot rename into place: %s",
                     strerror(errno));
}

static int serial_for(const char *title, size_t track)
{
    unsigned long long h = render_fnv1a(RENDER_FNV_BASIS, title, strlen(title));

    h = render_fnv1a(h, &track, sizeof track);
    return (int)(h & 0x7fffffff);
}

/* Where each chapter begins in the joined book, in 48 kHz samples: at the
 * previous chapter's audio end.  The few ms of the unit's pad and the next
 * encoder's delay (silence) are counted to the chapter that follows, which
 * is how its own file (started from the previous unit's last packet) holds
 * them too. */
static void chapter_marks(const struct render_run *r, unsigned long long *marks,
                          unsigned long long *total)
{
    unsigned long long q = 0, preskip = r->units[0].info.preskip;
    size_t i;

    for (i = 0; i < r->n_units; i++) {
        const struct render_unit *u = &r->plan[i];
        if (u->first) {
            if (i == 0)
                marks[u->chapter] = 0;
            else
                marks[u->chapter] = q - (r->units[i - 1].info.packet_samples -
                                         r->units[i - 1].info.end_granule) - preskip;
        }
        if (i + 1 < r->n_units)
            q += r->units[i].info.packet_samples;
        else
            q += r->units[i].info.end_granule;
    }
    *total = q - preskip;
}

static dramatis_status join_book(struct render_run *r, const char *dir, const char *name,
                                 const unsigned long long *marks, struct dramatis_error *err)
{
    const struct dramatis_book *book = r->book;
    struct ogg_opus_chapter *chapters = NULL;
    struct ogg_opus_join_unit *ju = NULL;
    struct ogg_opus_tags tags;
    struct buf part, final;
    dramatis_status st = DRAMATIS_OK;
    size_t i;

    buf_init(&part, 8192);
    buf_init(&final, 8192);
    chapters = calloc(book->n_chapters, sizeof *chapters);
    ju = calloc(r->n_units, sizeof *ju);
    if (chapters == NULL || ju == NULL) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    for (i = 0; i < book->n_chapters; i++) {
        chapters[i].name = book->chapters[i].title;
        chapters[i].start = marks[i];
    }
    for (i = 0; i < r->n_units; i++) {
        ju[i].path = r->units[i].path;
        ju[i].info = &r->units[i].info;
    }
    tags.title = book->title;
    tags.album = book->title;
    tags.artist = book->author;
    tags.chapters = chapters;
    tags.n_chapters = book->n_chapters;
    if (buf_printf(&final, "%s/%s.opus", dir, name) != DRAMATIS_OK ||
        buf_printf(&part, "%s/.%s.opus.part", dir, name) != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
        goto fail;
    }
    st = ogg_opus_join(part.data, &tags, NULL, NULL, ju, r->n_units, serial_for(book->title, 0),
                       err);
    if (st == DRAMATIS_OK)
        st = rename_into_place(part.data, final.data, err);
fail:
    free(chapters);
    free(ju);
    buf_cleanup(&part);
    buf_cleanup(&final);
    return st;
}

/* --split: "NN - Chapter.opus" per chapter, from the same packets, and
 * <Title>.m3u8 listing them. */
static dramatis_status join_chapters(struct render_run *r, const char *dir, const char *name,
                                     const unsigned long long *marks, unsigned long long total,
                                     struct dramatis_error *err)
{
    const struct dramatis_book *book = r->book;
    struct ogg_opus_join_unit *ju = NULL;
    struct buf part, final, list;
    dramatis_status st = DRAMATIS_OK;
    int width = book->n_chapters >= 1000 ? 4 : book->n_chapters >= 100 ? 3 : 2;
    size_t c, i = 0;
    FILE *f = NULL;

    buf_init(&part, 8192);
    buf_init(&final, 8192);
    buf_init(&list, (size_t)1 << 24);
    ju = calloc(r->n_units, sizeof *ju);
    if (ju == NULL || buf_adds(&list, "#EXTM3U\n") != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    for (c = 0; c < book->n_chapters; c++) {
        struct ogg_opus_join_unit lead;
        struct ogg_opus_tags tags;
        size_t first = i, n;
        char title[256], track[32], file[320];
        unsigned long long end = c + 1 < book->n_chapters ? marks[c + 1] : total;

        while (i < r->n_units && r->plan[i].chapter == c) {
            ju[i].path = r->units[i].path;
            ju[i].info = &r->units[i].info;
            i++;
        }
        n = i - first;
        safe_name(book->chapters[c].title, title, sizeof title);
        snprintf(track, sizeof track, "%zu", c + 1);
        snprintf(file, sizeof file, "%0*zu - %s.opus", width, c + 1, title);
        tags.title = book->chapters[c].title;
        tags.album = book->title;
        tags.artist = book->author;
        tags.chapters = NULL;
        tags.n_chapters = 0;
        if (first > 0) {
            lead.path = r->units[first - 1].path;
            lead.info = &r->units[first - 1].info;
        }
        buf_reset(&part);
        buf_reset(&final);
        if (buf_printf(&final, "%s/%s", dir, file) != DRAMATIS_OK ||
            buf_printf(&part, "%s/.%s.part", dir, file) != DRAMATIS_OK ||
            buf_printf(&list, "#EXTINF:%llu,%s\n%s\n", (end - marks[c] + 24000) / 48000,
                       book->chapters[c].title, file) != DRAMATIS_OK) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
            goto fail;
        }
        st = ogg_opus_join(part.data, &tags, track, first > 0 ? &lead : NULL, ju + first, n,
                           serial_for(book->title, c + 1), err);
        if (st == DRAMATIS_OK)
            st = rename_into_place(part.data, final.data, err);
        if (st != DRAMATIS_OK)
            goto fail;
    }
    buf_reset(&part);
    buf_reset(&final);
    if (buf_printf(&final, "%s/%s.m3u8", dir, name) != DRAMATIS_OK ||
        buf_printf(&part, "%s/.%s.m3u8.part", dir, name) != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
        goto fail;
    }
    f = fopen(part.data, "wb");
    if (f == NULL) {
        st = error_set(err, DRAMATIS_ERR_IO, part.data, 0, "cannot create: %s", strerror(errno));
        goto fail;
    }
    if (fwrite(list.data, 1, list.len, f) != list.len || fclose(f) != 0) {
        f = NULL;
        unlink(part.data);
        st = error_set(err, DRAMATIS_ERR_IO, part.data, 0, "cannot write: %s", strerror(errno));
        goto fail;
    }
    f = NULL;
    st = rename_into_place(part.data, final.data, err);
fail:
    if (f)
        fclose(f);
    free(ju);
    buf_cleanup(&part);
    buf_cleanup(&final);
    buf_cleanup(&list);
    return st;
}

dramatis_status dramatis_render_path(const struct dramatis_book *book, const char *out_dir,
                                    char *path, size_t size)
{
    char name[256];
    int n;

    safe_name(book->title, name, sizeof name);
    n = snprintf(path, size, "%s/%s/%s.opus", out_dir ? out_dir : "out", name, name);
    return n < 0 || (size_t)n >= size ? DRAMATIS_ERR_ARG : DRAMATIS_OK;
}

/* Gives every unit its key and file, and takes what the cache has. */
static dramatis_status prepare_units(struct render_run *r, struct dramatis_error *err)
{
    struct buf path;
    size_t i;

    buf_init(&path, 8192);
    for (i = 0; i < r->n_units; i++) {
        struct unit_state *us = &r->units[i];
        struct dramatis_error ignored;

        us->key = render_unit_key(r->book, &r->plan[i], &r->settings);
        buf_reset(&path);
        if (buf_printf(&path, "%s/%016llx.opus", r->units_dir, us->key) != DRAMATIS_OK) {
            buf_cleanup(&path);
            return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
        }
        us->path = buf_take(&path);
        r->chapter_left[r->plan[i].chapter]++;
        /* a damaged entry is rendered again, never served */
        memset(&ignored, 0, sizeof ignored);
        us->reused = !r->temp_dir && access(us->path, R_OK) == 0 &&
                     ogg_opus_unit_scan(us->path, &us->info, &ignored) == DRAMATIS_OK;
        if (!us->reused)
            r->bytes_todo += r->plan[i].bytes;
    }
    buf_cleanup(&path);
    return DRAMATIS_OK;
}

dramatis_status dramatis_render(const struct dramatis_book *book,
                                const struct dramatis_render_options *options,
                                struct dramatis_error *err)
{
    return render_book(book, options, RENDER_UNIT_BYTES, err);
}

dramatis_status render_book(const struct dramatis_book *book,
                            const struct dramatis_render_options *options, size_t unit_bytes,
                            struct dramatis_error *err)
{
    static const struct dramatis_render_options defaults = { "out", 0, 0, 0, 0, 0, 0, 0, 0,
                                                             NULL, NULL };
    const struct dramatis_render_options *opt = options ? options : &defaults;
    const char *out_dir = opt->out_dir ? opt->out_dir : "out";
    struct render_run r;
    struct buf dir, units_dir;
    unsigned long long *marks = NULL, total = 0;
    char name[256];
    dramatis_status st;
    size_t i;

    memset(&r, 0, sizeof r);
    buf_init(&dir, 4096);
    buf_init(&units_dir, 4096);
    clock_gettime(CLOCK_MONOTONIC, &r.t0);
    r.book = book;
    r.opt = opt;
    r.settings.bitrate = opt->bitrate > 0 ? opt->bitrate : OGG_OPUS_DEFAULT_BITRATE;
    r.settings.complexity = opt->set_complexity ? opt->complexity : OGG_OPUS_DEFAULT_COMPLEXITY;
    r.settings.rate = 0;
    if (opt->bitrate < 0 || r.settings.complexity < 0 || r.settings.complexity > 10)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "bitrate or complexity refused");
    safe_name(book->title, name, sizeof name);
    st = make_dir(out_dir, err);
    if (st != DRAMATIS_OK)
        goto fail;
    if (buf_printf(&dir, "%s/%s", out_dir, name) != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
        goto fail;
    }
    st = make_dir(dir.data, err);
    if (st != DRAMATIS_OK)
        goto fail;
    if (opt->no_cache) {
        if (buf_printf(&units_dir, "%s/.units-XXXXXX", dir.data) != DRAMATIS_OK ||
            mkdtemp(units_dir.data) == NULL) {
            st = error_set(err, DRAMATIS_ERR_IO, dir.data, 0,
                           "cannot create a temporary folder: %s", strerror(errno));
            goto fail;
        }
        r.temp_dir = 1;
    } else {
        if (buf_printf(&units_dir, "%s/.cache", dir.data) != DRAMATIS_OK) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
            goto fail;
        }
        st = make_dir(units_dir.data, err);
        if (st != DRAMATIS_OK)
            goto fail;
        if (opt->clear_cache)
            prune_units(units_dir.data, NULL, 0);
    }
    r.units_dir = units_dir.data;
    /* the synthesis rate is part of every key; espeak-ng starts here, once,
     * and every worker inherits it */
    st = synth_new(&r.synth, err);
    if (st != DRAMATIS_OK)
        goto fail;
    r.settings.rate = synth_sample_rate(r.synth);
    if (render_plan(book, unit_bytes, &r.plan, &r.n_units) != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    if (r.n_units == 0) {
        st = error_set(err, DRAMATIS_ERR_INPUT, book->path, 0, "nothing to render: no chapters");
        goto fail;
    }
    r.units = calloc(r.n_units, sizeof *r.units);
    r.chapter_left = calloc(book->n_chapters, sizeof *r.chapter_left);
    r.chapter_rendered = calloc(book->n_chapters, 1);
    marks = calloc(book->n_chapters, sizeof *marks);
    if (r.units == NULL || r.chapter_left == NULL || r.chapter_rendered == NULL || marks == NULL) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    r.prog.n_chapters = book->n_chapters;
    r.prog.n_units = r.n_units;
    r.prog.chapter = -1;
    st = prepare_units(&r, err);
    if (st == DRAMATIS_OK)
        st = render_units(&r, err);
    if (st != DRAMATIS_OK)
        goto fail;
    chapter_marks(&r, marks, &total);
    st = join_book(&r, dir.data, name, marks, err);
    if (st == DRAMATIS_OK && opt->split)
        st = join_chapters(&r, dir.data, name, marks, total, err);
    if (st != DRAMATIS_OK)
        goto fail;
    if (!r.temp_dir)
        prune_units(r.units_dir, r.units, r.n_units);
    r.prog.chapter = -1;
    r.prog.chapter_title = NULL;
    r.prog.finished = 1;
    report(&r);
fail:
    if (r.temp_dir) {
        prune_units(r.units_dir, NULL, 0);
        rmdir(r.units_dir);
    }
    synth_free(r.synth);
    for (i = 0; r.units && i < r.n_units; i++)
        free(r.units[i].path);
    free(r.units);
    free(r.plan);
    free(r.chapter_left);
    free(r.chapter_rendered);
    free(marks);
    buf_cleanup(&dir);
    buf_cleanup(&units_dir);
    return st;
}
