/* Worker processes: each unit is synthesised (and encoded) in a fresh fork
 * of the parent, which collects the units' line timings as they finish. */
#include "run.h"

#include "buf.h"
#include "error.h"
#include "file.h"
#include "ogg_opus.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* A running worker process and the pipe its result comes back on. */
struct slot {
    pid_t pid;
    int fd;
    size_t unit;
};

/* What a worker reports before it exits; the line timings follow it, as
 * n pairs of start and length. */
struct unit_result {
    dramatis_status status;
    struct dramatis_error err;
    unsigned long long samples;
    size_t n;
};

/* Where the walk's output goes in a worker. */
struct unit_sink {
    struct ogg_opus_unit_writer *w;
    struct m4b_unit_writer *aac;
    struct unit_timing *timing;
    struct dramatis_error *err;
};

/* The same samples go to every format's encoder: no second synthesis. */
static dramatis_status unit_audio(void *ctx, const float *samples, size_t n)
{
    struct unit_sink *us = ctx;
    dramatis_status st = DRAMATIS_OK;

    if (us->w)
        st = ogg_opus_unit_write(us->w, samples, n, us->err);
    if (st == DRAMATIS_OK && us->aac)
        st = m4b_unit_write(us->aac, samples, n, us->err);
    return st;
}

static dramatis_status unit_line(void *ctx, size_t index, unsigned long long start,
                                 unsigned long long length)
{
    struct unit_sink *us = ctx;

    (void)index;
    us->timing->start[us->timing->n] = start;
    us->timing->length[us->timing->n] = length;
    us->timing->n++;
    return DRAMATIS_OK;
}

/* In a worker: synthesises unit i, timing its lines, and in RUN_ENCODE
 * encodes it into the files of the formats the cache lacks, with the
 * timings beside them (all written to part files of unique names, synced
 * and renamed, timings first, so the cache never holds a partial unit,
 * after a crash or power loss either). */
static dramatis_status work_unit(struct render_run *r, size_t i, struct unit_timing *t,
                                 struct dramatis_error *err)
{
    const struct unit_state *state = &r->units[i];
    struct unit_lines ul;
    struct unit_sink us;
    struct walk_sink sink;
    struct part_file tmp = { NULL, -1 }, aac_tmp = { NULL, -1 };
    dramatis_status st;
    size_t k, spoken = 0;

    memset(&us, 0, sizeof us);
    st = render_unit_lines(r->book, &r->plan[i], &ul);
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, NULL);
    for (k = 0; k < ul.n; k++)
        spoken += ul.lines[k].text != NULL;
    t->start = calloc(spoken ? spoken : 1, sizeof *t->start);
    t->length = calloc(spoken ? spoken : 1, sizeof *t->length);
    if (t->start == NULL || t->length == NULL) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    us.timing = t;
    us.err = err;
    sink.audio = NULL;
    sink.line = unit_line;
    sink.ctx = &us;
    if (r->mode == RUN_ENCODE) {
        /* the encoders open the part files by name (never through a link) */
        if (state->need_opus)
            st = part_file_open(state->path, &tmp, err);
        if (st == DRAMATIS_OK && state->need_aac)
            st = part_file_open(state->aac_path, &aac_tmp, err);
        if (st == DRAMATIS_OK && state->need_opus)
            st = ogg_opus_unit_open(tmp.path, r->settings.rate, r->settings.bitrate,
                                    r->settings.complexity, &us.w, err);
        if (st == DRAMATIS_OK && state->need_aac)
            st = m4b_unit_open(aac_tmp.path, r->settings.rate, r->settings.aac_bitrate, &us.aac,
                               err);
        if (st != DRAMATIS_OK)
            goto fail;
        sink.audio = unit_audio;
    }
    st = walk_lines(r->synth, ul.lines, ul.n, &sink, &t->samples, err);
    if (st != DRAMATIS_OK || r->mode != RUN_ENCODE)
        goto fail;
    if (us.w) {
        st = ogg_opus_unit_close(us.w, err);
        us.w = NULL;
    }
    if (st == DRAMATIS_OK && us.aac) {
        st = m4b_unit_close(us.aac, err);
        us.aac = NULL;
    }
    if (st == DRAMATIS_OK)
        st = unit_timing_save(t, state->timing_path, err);
    if (st == DRAMATIS_OK && state->need_opus)
        st = part_file_commit(&tmp, state->path, err);
    if (st == DRAMATIS_OK && state->need_aac)
        st = part_file_commit(&aac_tmp, state->aac_path, err);
fail:
    ogg_opus_unit_abort(us.w);
    m4b_unit_abort(us.aac);
    part_file_abort(&tmp);
    part_file_abort(&aac_tmp);
    render_unit_lines_cleanup(&ul);
    return st;
}

static int write_all(int fd, const void *data, size_t n)
{
    const unsigned char *p = data;

    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static int read_all(int fd, void *data, size_t n)
{
    unsigned char *p = data;

    while (n > 0) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* The worker process itself: never returns. */
static void worker_main(struct render_run *r, size_t i, int fd)
{
    struct unit_result res;
    struct unit_timing t;
    size_t k;
    int failed = 0;

    memset(&res, 0, sizeof res);
    memset(&t, 0, sizeof t);
    res.status = work_unit(r, i, &t, &res.err);
    res.samples = t.samples;
    res.n = res.status == DRAMATIS_OK ? t.n : 0;
    failed = write_all(fd, &res, sizeof res) != 0;
    for (k = 0; !failed && k < res.n; k++) {
        unsigned long long pair[2] = { t.start[k], t.length[k] };
        failed = write_all(fd, pair, sizeof pair) != 0;
    }
    _exit(failed ? 1 : 0);
}

static dramatis_status spawn(struct render_run *r, size_t i, struct slot *slot,
                             struct dramatis_error *err)
{
    pid_t parent = getpid(), pid;
    int fds[2];

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
        /* a fresh copy of the parent's espeak-ng state for every unit, so a
         * unit's audio never depends on which units came before it in the
         * same worker (that would make output depend on --jobs) */
        close(fds[0]);
        /* a worker whose render is killed stops with it: it would write
         * into a folder nothing uses any more, and hold the render's locks
         * (inherited) from the next render of the book */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
            _exit(1);
        worker_main(r, i, fds[1]);
    }
    close(fds[1]);
    slot->pid = pid;
    slot->fd = fds[0];
    slot->unit = i;
    return DRAMATIS_OK;
}

/* Reads a finished worker's result and timings, reaps it, and checks its unit. */
static dramatis_status collect(struct render_run *r, struct slot *slot, struct dramatis_error *err)
{
    struct unit_state *us = &r->units[slot->unit];
    struct unit_result res;
    int status = 0, got;
    size_t k;
    dramatis_status st;

    got = read_all(slot->fd, &res, sizeof res) == 0;
    if (got && res.status == DRAMATIS_OK) {
        us->timing.start = calloc(res.n ? res.n : 1, sizeof *us->timing.start);
        us->timing.length = calloc(res.n ? res.n : 1, sizeof *us->timing.length);
        got = us->timing.start && us->timing.length;
        for (k = 0; got && k < res.n; k++) {
            unsigned long long pair[2];
            got = read_all(slot->fd, pair, sizeof pair) == 0;
            us->timing.start[k] = pair[0];
            us->timing.length[k] = pair[1];
        }
        us->timing.n = res.n;
        us->timing.samples = res.samples;
    }
    close(slot->fd);
    slot->fd = -1;
    while (waitpid(slot->pid, &status, 0) < 0 && errno == EINTR)
        ;
    slot->pid = 0;
    if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
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
    if (r->mode == RUN_ENCODE) {
        st = DRAMATIS_OK;
        if (us->need_opus)
            st = ogg_opus_unit_scan(us->path, &us->info, err);
        if (st == DRAMATIS_OK && us->need_aac)
            st = m4b_unit_scan(us->aac_path, &us->aac_info, err);
    } else
        st = ogg_opus_unit_layout(r->settings.rate, r->settings.bitrate, r->settings.complexity,
                                  us->timing.samples, &us->info, err);
    if (st == DRAMATIS_OK)
        run_unit_finished(r, slot->unit);
    return st;
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

dramatis_status run_units(struct render_run *r, struct dramatis_error *err)
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
            run_unit_finished(r, i);
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
