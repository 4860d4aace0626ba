/* The unit cache: keys that hash everything deciding a unit's audio, and
 * the line timings kept beside each unit. */
#include "render.h"

#include "buf.h"
#include "error.h"
#include "level.h"
#include "ogg_opus.h"
#include "run.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef DRAMATIS_ESPEAK_VERSION
#define DRAMATIS_ESPEAK_VERSION "unknown"
#endif

/* The unit format: bump it whenever synthesis, levelling, the walk or the
 * encoder change what a unit's bytes are for the same lines and settings
 * (the versions of dramatis, espeak-ng and libopus are hashed as well). */
#define RENDER_UNIT_FORMAT "dramatis-unit-5"

/* First word of a unit's timing file. */
#define TIMING_MAGIC "dramatis-lines-1"

unsigned long long render_fnv1a(unsigned long long h, const void *data, size_t n)
{
    const unsigned char *p = data;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Strings are hashed with their terminator, so "ab"+"c" differs from "a"+"bc". */
static unsigned long long hash_str(unsigned long long h, const char *s)
{
    if (s == NULL)
        return render_fnv1a(h, "\xff", 1);
    return render_fnv1a(h, s, strlen(s) + 1);
}

static unsigned long long hash_num(unsigned long long h, long long v)
{
    char text[32];
    int n = snprintf(text, sizeof text, "%lld;", v);

    return render_fnv1a(h, text, n > 0 ? (size_t)n : 0);
}

static unsigned long long hash_voice(unsigned long long h, const struct voice *v)
{
    char gain[64];

    /* %a is exact, so any change of the gain changes the key */
    snprintf(gain, sizeof gain, "%a", v->gain);
    h = hash_str(h, v->name);
    h = hash_num(h, v->rate);
    h = hash_num(h, v->pitch);
    h = hash_num(h, v->range);
    return hash_str(h, gain);
}

dramatis_status render_unit_key(const struct dramatis_book *book, const struct render_unit *unit,
                                const struct render_settings *settings, unsigned long long *key)
{
    unsigned long long h = RENDER_FNV_BASIS;
    struct unit_lines ul;
    char target[160];
    dramatis_status st;
    size_t i;

    st = render_unit_lines(book, unit, &ul);
    if (st != DRAMATIS_OK)
        return st;
    h = hash_str(h, RENDER_UNIT_FORMAT);
    h = hash_str(h, DRAMATIS_VERSION);
    h = hash_str(h, DRAMATIS_ESPEAK_VERSION);
    h = hash_str(h, ogg_opus_version());
    h = hash_num(h, settings->rate);
    h = hash_num(h, settings->bitrate);
    h = hash_num(h, settings->complexity);
    snprintf(target, sizeof target, "%a %a %d %d %d %d %d %a %a", AUDIO_TARGET_LUFS,
             AUDIO_CEILING_DBTP, AUDIO_LIMIT_ATTACK_MS, AUDIO_LIMIT_RELEASE_MS,
             AUDIO_LEVEL_MIN_MS, AUDIO_FADE_IN_MS, AUDIO_FADE_OUT_MS, AUDIO_SILENCE,
             AUDIO_FLOOR_DBFS);
    h = hash_str(h, target);
    /* the lines are exactly what the walk gets: pauses, texts, voices */
    h = hash_num(h, (long long)ul.n);
    for (i = 0; i < ul.n; i++) {
        h = hash_num(h, ul.lines[i].pause_ms);
        h = hash_num(h, ul.lines[i].text != NULL);
        if (ul.lines[i].text) {
            h = hash_str(h, ul.lines[i].text);
            h = hash_voice(h, ul.lines[i].voice);
        }
    }
    render_unit_lines_cleanup(&ul);
    *key = h;
    return DRAMATIS_OK;
}

void unit_timing_cleanup(struct unit_timing *t)
{
    free(t->start);
    free(t->length);
    memset(t, 0, sizeof *t);
}

dramatis_status unit_timing_save(const struct unit_timing *t, const char *path,
                                 struct dramatis_error *err)
{
    struct buf text, part;
    dramatis_status st;
    size_t i;
    int fd = -1;

    buf_init(&text, (size_t)1 << 26);
    buf_init(&part, 8192);
    st = buf_printf(&text, "%s %llu %zu\n", TIMING_MAGIC, t->samples, t->n);
    for (i = 0; st == DRAMATIS_OK && i < t->n; i++)
        st = buf_printf(&text, "%llu %llu\n", t->start[i], t->length[i]);
    if (st == DRAMATIS_OK)
        st = buf_printf(&part, "%s.tmp.%ld", path, (long)getpid());
    if (st != DRAMATIS_OK) {
        st = error_set(err, st, path, 0, "cannot record line timings");
        goto fail;
    }
    fd = open(part.data, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0 || write(fd, text.data, text.len) != (ssize_t)text.len || close(fd) != 0) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot write: %s", strerror(errno));
        if (fd >= 0)
            unlink(part.data);
        goto fail;
    }
    if (rename(part.data, path) != 0) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot rename into place: %s",
                       strerror(errno));
        unlink(part.data);
    }
fail:
    buf_cleanup(&text);
    buf_cleanup(&part);
    return st;
}

/* Reads one unsigned number and the separator after it. */
static int read_number(const char **p, char sep, unsigned long long *v)
{
    char *end;

    if (**p < '0' || **p > '9')
        return 0;
    errno = 0;
    *v = strtoull(*p, &end, 10);
    if (errno != 0 || *end != sep)
        return 0;
    *p = end + 1;
    return 1;
}

dramatis_status unit_timing_load(struct unit_timing *t, const char *path, size_t n_lines,
                                 struct dramatis_error *err)
{
    char head[64];
    struct buf text;
    const char *p;
    unsigned long long n = 0;
    size_t i;
    FILE *f;
    dramatis_status st = DRAMATIS_OK;

    memset(t, 0, sizeof *t);
    buf_init(&text, (size_t)1 << 26);
    f = fopen(path, "rb");
    if (f == NULL)
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    for (;;) {
        size_t k = fread(head, 1, sizeof head, f);
        if (k == 0)
            break;
        if (buf_add(&text, head, k) != DRAMATIS_OK) {
            st = DRAMATIS_ERR_INPUT;
            break;
        }
    }
    if (ferror(f))
        st = DRAMATIS_ERR_IO;
    fclose(f);
    p = text.data ? text.data : "";
    if (st == DRAMATIS_OK &&
        (strncmp(p, TIMING_MAGIC " ", strlen(TIMING_MAGIC) + 1) != 0 ||
         (p += strlen(TIMING_MAGIC) + 1, !read_number(&p, ' ', &t->samples)) ||
         !read_number(&p, '\n', &n) || n != n_lines))
        st = DRAMATIS_ERR_INPUT;
    if (st == DRAMATIS_OK) {
        t->start = calloc(n_lines ? n_lines : 1, sizeof *t->start);
        t->length = calloc(n_lines ? n_lines : 1, sizeof *t->length);
        if (t->start == NULL || t->length == NULL)
            st = DRAMATIS_ERR_NOMEM;
    }
    for (i = 0; st == DRAMATIS_OK && i < n_lines; i++) {
        if (!read_number(&p, ' ', &t->start[i]) || !read_number(&p, '\n', &t->length[i]) ||
            t->start[i] + t->length[i] > t->samples)
            st = DRAMATIS_ERR_INPUT;
    }
    if (st == DRAMATIS_OK && *p != '\0')
        st = DRAMATIS_ERR_INPUT;
    buf_cleanup(&text);
    if (st != DRAMATIS_OK) {
        unit_timing_cleanup(t);
        return error_set(err, st, path, 0, "damaged line timings");
    }
    t->n = n_lines;
    return DRAMATIS_OK;
}

/* Whether name is a unit file "<16 hex>.opus", its timings "<16 hex>.lines",
 * or a worker's leftover of either ("....tmp.PID"). */
static int is_cache_name(const char *name, unsigned long long *key, int *leftover)
{
    const char *ext = name + 16;
    size_t i, k;
    char *end;

    for (i = 0; i < 16; i++) {
        if (!isxdigit((unsigned char)name[i]))
            return 0;
    }
    if (strncmp(ext, ".opus", 5) == 0)
        k = 5;
    else if (strncmp(ext, ".lines", 6) == 0)
        k = 6;
    else
        return 0;
    *leftover = ext[k] != '\0';
    if (*leftover && strncmp(ext + k, ".tmp.", 5) != 0)
        return 0;
    errno = 0;
    *key = strtoull(name, &end, 16);
    return end == ext && errno == 0;
}

void cache_prune(const char *dir, const struct unit_state *keep, size_t n_keep)
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

        if (!is_cache_name(e->d_name, &key, &leftover))
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
