/* The unit cache: keys that hash everything deciding a unit's audio, and
 * the line timings kept beside each unit. */
#include "render.h"

#include "buf.h"
#include "error.h"
#include "file.h"
#include "level.h"
#include "m4b.h"
#include "ogg_opus.h"
#include "run.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#ifndef DRAMATIS_ESPEAK_VERSION
#define DRAMATIS_ESPEAK_VERSION "unknown"
#endif

/* The unit format: bump it whenever synthesis, levelling, the walk or the
 * Opus encoder change what a unit's samples, line timings or bytes are for
 * the same lines and settings (the versions of dramatis, espeak-ng and
 * libopus are hashed as well).  It is part of the lines key, so AAC units
 * follow it too. */
#define RENDER_UNIT_FORMAT "dramatis-unit-7"
/* Bump it when only the AAC encoding changes (libavcodec's version is
 * hashed as well). */
#define RENDER_AAC_FORMAT "dramatis-aac-1"

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

dramatis_status render_unit_keys(const struct dramatis_book *book, const struct render_unit *unit,
                                 const struct render_settings *settings, struct unit_keys *keys)
{
    unsigned long long h = RENDER_FNV_BASIS;
    struct unit_lines ul;
    char target[160];
    dramatis_status st;
    size_t i;

    st = render_unit_lines(book, unit, &ul);
    if (st != DRAMATIS_OK)
        return st;
    h = hash_str(h, DRAMATIS_VERSION);
    h = hash_str(h, DRAMATIS_ESPEAK_VERSION);
    h = hash_num(h, settings->rate);
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
    keys->lines = h;
    h = hash_num(keys->lines, 0);
    h = hash_str(h, ogg_opus_version());
    h = hash_num(h, settings->bitrate);
    keys->opus = hash_num(h, settings->complexity);
    h = hash_num(keys->lines, 1);
    h = hash_str(h, RENDER_AAC_FORMAT);
    h = hash_str(h, m4b_version());
    keys->aac = hash_num(h, settings->aac_bitrate);
    return DRAMATIS_OK;
}

dramatis_status render_unit_key(const struct dramatis_book *book, const struct render_unit *unit,
                                const struct render_settings *settings, unsigned long long *key)
{
    struct unit_keys keys;
    dramatis_status st = render_unit_keys(book, unit, settings, &keys);

    *key = keys.opus;
    return st;
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
    struct part_file part;
    struct buf text;
    dramatis_status st;
    size_t i;

    buf_init(&text, (size_t)1 << 26);
    st = buf_printf(&text, "%s %llu %zu\n", TIMING_MAGIC, t->samples, t->n);
    for (i = 0; st == DRAMATIS_OK && i < t->n; i++)
        st = buf_printf(&text, "%llu %llu\n", t->start[i], t->length[i]);
    if (st != DRAMATIS_OK) {
        buf_cleanup(&text);
        return error_set(err, st, path, 0, "cannot record line timings");
    }
    st = part_file_open(path, &part, err);
    if (st == DRAMATIS_OK && write(part.fd, text.data, text.len) != (ssize_t)text.len) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot write: %s", strerror(errno));
        part_file_abort(&part);
    }
    if (st == DRAMATIS_OK)
        st = part_file_commit(&part, path, err);
    buf_cleanup(&text);
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

/* Whether name is a unit file "<16 hex>.opus" or ".nut" (AAC), timings
 * "<16 hex>.lines", or a killed worker's leftover of one (".<name>.XXXXXX.part",
 * or "<name>.tmp.PID" of earlier versions). */
static int is_cache_name(const char *name, unsigned long long *key, int *leftover)
{
    const char *ext = name + 16;
    size_t i, k;
    char *end;

    if (name[0] == '.' && is_cache_name(name + 1, key, leftover) && file_is_part_name(name)) {
        *leftover = 1;
        return 1;
    }
    for (i = 0; i < 16; i++) {
        if (!isxdigit((unsigned char)name[i]))
            return 0;
    }
    if (strncmp(ext, ".opus", 5) == 0)
        k = 5;
    else if (strncmp(ext, ".nut", 4) == 0)
        k = 4;
    else if (strncmp(ext, ".lines", 6) == 0)
        k = 6;
    else
        return 0;
    *leftover = ext[k] != '\0';
    if (*leftover && ext[k] != '.')
        return 0;
    errno = 0;
    *key = strtoull(name, &end, 16);
    return end == ext && errno == 0;
}

/* Removes the cache files in dir that keep[0..n_keep) does not use, or
 * with only_leftovers the workers' leftovers alone. */
static void remove_entries(const char *dir, const struct unit_state *keep, size_t n_keep,
                           int only_leftovers)
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

        if (!is_cache_name(e->d_name, &key, &leftover) || (only_leftovers && !leftover))
            continue;
        for (i = 0; keep && !leftover && !used && i < n_keep; i++)
            used = keep[i].keys.lines == key || keep[i].keys.opus == key ||
                   keep[i].keys.aac == key;
        if (used)
            continue;
        buf_reset(&path);
        if (buf_printf(&path, "%s/%s", dir, e->d_name) == DRAMATIS_OK)
            unlink(path.data);
    }
    closedir(d);
    buf_cleanup(&path);
}

void cache_sweep(const char *dir)
{
    remove_entries(dir, NULL, 0, 1);
}

void cache_prune(const char *dir, const struct unit_state *keep, size_t n_keep)
{
    remove_entries(dir, keep, n_keep, 0);
}

/* ---- where the cache lives */

/* What a cache holds by default: about 20 long novels' Opus units. */
#define CACHE_MAX_DEFAULT ((unsigned long long)2 << 30)

dramatis_status dramatis_cache_dir(const char *dir, char *path, size_t size)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int n;

    /* the XDG base directory spec: a relative $XDG_CACHE_HOME is ignored */
    if (dir && dir[0])
        n = snprintf(path, size, "%s", dir);
    else if (xdg && xdg[0] == '/')
        n = snprintf(path, size, "%s/dramatis", xdg);
    else if (home && home[0])
        n = snprintf(path, size, "%s/.cache/dramatis", home);
    else
        return DRAMATIS_ERR_ARG;
    return n < 0 || (size_t)n >= size ? DRAMATIS_ERR_ARG : DRAMATIS_OK;
}

dramatis_status cache_root(const char *dir, char **root, struct dramatis_error *err)
{
    char path[4096];

    *root = NULL;
    if (dramatis_cache_dir(dir, path, sizeof path) != DRAMATIS_OK)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0,
                         "no cache folder: set XDG_CACHE_HOME or HOME, or give --cache-dir");
    *root = strdup(path);
    return *root ? DRAMATIS_OK : error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
}

dramatis_status cache_make_dirs(const char *path, struct dramatis_error *err)
{
    struct stat stt;
    char *copy = strdup(path), *p;
    dramatis_status st = DRAMATIS_OK;

    if (copy == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    for (p = copy + 1;; p++) {
        int last = *p == '\0';
        if (*p != '/' && !last)
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            st = error_set(err, DRAMATIS_ERR_IO, copy, 0, "cannot create directory: %s",
                           strerror(errno));
            break;
        }
        if (stat(copy, &stt) != 0 || !S_ISDIR(stt.st_mode)) {
            st = error_set(err, DRAMATIS_ERR_IO, copy, 0, "not a directory");
            break;
        }
        if (last)
            break;
        *p = '/';
    }
    free(copy);
    return st;
}

dramatis_status cache_book_dir(const char *root, const struct dramatis_book *book, char **dir,
                               struct dramatis_error *err)
{
    char *real = book->path ? realpath(book->path, NULL) : NULL;
    const char *id = real ? real : book->title ? book->title : "";
    unsigned long long h = render_fnv1a(RENDER_FNV_BASIS, id, strlen(id));
    struct buf path;
    dramatis_status st;

    free(real);
    *dir = NULL;
    buf_init(&path, 8192);
    if (buf_printf(&path, "%s/units/%016llx", root, h) != DRAMATIS_OK) {
        buf_cleanup(&path);
        return error_set(err, DRAMATIS_ERR_NOMEM, root, 0, "cache path too long");
    }
    st = cache_make_dirs(path.data, err);
    if (st != DRAMATIS_OK) {
        buf_cleanup(&path);
        return st;
    }
    /* its time says when the book was last rendered: eviction goes by it */
    utimes(path.data, NULL);
    *dir = buf_take(&path);
    buf_cleanup(&path);
    return DRAMATIS_OK;
}

/* The lock file of a book's units: held by the render using them. */
#define CACHE_LOCK ".lock"
#define CACHE_LOCK_TRIES 10

dramatis_status cache_lock_book(const char *dir, struct file_lock *lock,
                                struct dramatis_error *err)
{
    struct buf path;
    dramatis_status st = DRAMATIS_OK;
    long holder = 0;
    int tries;

    buf_init(&path, 16384);
    if (buf_printf(&path, "%s/" CACHE_LOCK, dir) != DRAMATIS_OK) {
        buf_cleanup(&path);
        return error_set(err, DRAMATIS_ERR_NOMEM, dir, 0, "cache path too long");
    }
    /* another render's eviction holds a book's lock for as long as it takes
     * to remove its units, and removes the folder: wait that long (a
     * second), making the folder again, before saying a render holds it */
    for (tries = 0; tries < CACHE_LOCK_TRIES; tries++) {
        struct timespec pause = { 0, 100 * 1000 * 1000 };

        if (tries > 0)
            nanosleep(&pause, NULL);
        st = cache_make_dirs(dir, err);
        if (st == DRAMATIS_OK)
            st = file_lock(path.data, lock, &holder, err);
        if (st == DRAMATIS_OK || holder == 0)
            break;
    }
    if (st != DRAMATIS_OK && holder > 0)
        error_set(err, st, dir, 0,
                  "another render of this book is using its cache (process %ld): "
                  "wait for it to finish, or give --no-cache", holder);
    else if (st != DRAMATIS_OK && holder != 0)
        error_set(err, st, dir, 0,
                  "another render of this book is using its cache: "
                  "wait for it to finish, or give --no-cache");
    buf_cleanup(&path);
    return st;
}

/* Empties and removes a book's folder of units unless a render holds it;
 * 1 if it is gone. */
static int evict_book(const char *dir)
{
    struct file_lock lock;
    struct buf path;
    int gone = 0;
    long holder;

    buf_init(&path, 16384);
    if (buf_printf(&path, "%s/" CACHE_LOCK, dir) == DRAMATIS_OK &&
        file_lock(path.data, &lock, &holder, NULL) == DRAMATIS_OK) {
        cache_prune(dir, NULL, 0);
        unlink(path.data);
        gone = rmdir(dir) == 0;
        close(lock.fd);
        free(lock.path);
    }
    buf_cleanup(&path);
    return gone;
}

/* The bytes of the cache files in dir. */
static unsigned long long dir_bytes(const char *dir)
{
    unsigned long long total = 0, key;
    DIR *d = opendir(dir);
    struct dirent *e;
    struct stat stt;
    struct buf path;
    int leftover;

    if (d == NULL)
        return 0;
    buf_init(&path, 8192);
    for (e = readdir(d); e != NULL; e = readdir(d)) {
        if (!is_cache_name(e->d_name, &key, &leftover))
            continue;
        buf_reset(&path);
        if (buf_printf(&path, "%s/%s", dir, e->d_name) == DRAMATIS_OK &&
            stat(path.data, &stt) == 0)
            total += (unsigned long long)stt.st_size;
    }
    closedir(d);
    buf_cleanup(&path);
    return total;
}

/* One book's folder of units, for eviction. */
struct book_units {
    char *dir;
    unsigned long long bytes;
    time_t mtime;
};

/* Every book folder under root/units; *n of them. */
static struct book_units *list_books(const char *root, size_t *n)
{
    struct book_units *list = NULL, *grown;
    struct buf path;
    struct dirent *e;
    struct stat stt;
    size_t cap = 0;
    DIR *d;

    *n = 0;
    buf_init(&path, 8192);
    d = buf_printf(&path, "%s/units", root) == DRAMATIS_OK ? opendir(path.data) : NULL;
    if (d == NULL) {
        buf_cleanup(&path);
        return NULL;
    }
    for (e = readdir(d); e != NULL; e = readdir(d)) {
        if (e->d_name[0] == '.')
            continue;
        buf_reset(&path);
        if (buf_printf(&path, "%s/units/%s", root, e->d_name) != DRAMATIS_OK ||
            stat(path.data, &stt) != 0 || !S_ISDIR(stt.st_mode))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            grown = realloc(list, cap * sizeof *list);
            if (grown == NULL)
                break;
            list = grown;
        }
        list[*n].dir = buf_take(&path);
        list[*n].bytes = dir_bytes(list[*n].dir);
        list[*n].mtime = stt.st_mtime;
        (*n)++;
    }
    closedir(d);
    buf_cleanup(&path);
    return list;
}

static void free_books(struct book_units *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(list[i].dir);
    free(list);
}

void cache_limit(const char *root, const char *keep, unsigned long long max)
{
    unsigned long long total = 0;
    struct book_units *list;
    size_t n, i;

    if (max == 0)
        max = CACHE_MAX_DEFAULT;
    list = list_books(root, &n);
    for (i = 0; i < n; i++)
        total += list[i].bytes;
    while (total > max) {
        size_t oldest = n;
        for (i = 0; i < n; i++) {
            if (list[i].dir == NULL || (keep && strcmp(list[i].dir, keep) == 0))
                continue;
            if (oldest == n || list[i].mtime < list[oldest].mtime)
                oldest = i;
        }
        if (oldest == n)
            break;
        /* a book another render is using stays: its units are in use */
        if (evict_book(list[oldest].dir))
            total -= list[oldest].bytes;
        free(list[oldest].dir);
        list[oldest].dir = NULL;
    }
    free_books(list, n);
}

dramatis_status dramatis_cache_usage(const char *dir, unsigned long long *bytes, size_t *books,
                                     struct dramatis_error *err)
{
    struct book_units *list;
    char *root;
    size_t n, i;
    dramatis_status st = cache_root(dir, &root, err);

    *bytes = 0;
    *books = 0;
    if (st != DRAMATIS_OK)
        return st;
    list = list_books(root, &n);
    for (i = 0; i < n; i++) {
        *bytes += list[i].bytes;
        *books += list[i].bytes > 0;
    }
    free_books(list, n);
    free(root);
    return DRAMATIS_OK;
}

/* Removes the previews dramatis wrote ("preview-*.opus" and ".wav"), and
 * the part files of previews that were stopped. */
static void clear_previews(const char *root)
{
    struct buf path;
    struct dirent *e;
    DIR *d;

    buf_init(&path, 8192);
    d = buf_printf(&path, "%s/previews", root) == DRAMATIS_OK ? opendir(path.data) : NULL;
    if (d == NULL) {
        buf_cleanup(&path);
        return;
    }
    for (e = readdir(d); e != NULL; e = readdir(d)) {
        size_t len = strlen(e->d_name);
        int part = file_is_part_name(e->d_name) && strncmp(e->d_name, ".preview-", 9) == 0;
        if (!part && (strncmp(e->d_name, "preview-", 8) != 0 ||
                      !(len > 5 && (strcmp(e->d_name + len - 5, ".opus") == 0 ||
                                    strcmp(e->d_name + len - 4, ".wav") == 0))))
            continue;
        buf_reset(&path);
        if (buf_printf(&path, "%s/previews/%s", root, e->d_name) == DRAMATIS_OK)
            unlink(path.data);
    }
    closedir(d);
    buf_reset(&path);
    if (buf_printf(&path, "%s/previews", root) == DRAMATIS_OK)
        rmdir(path.data);
    buf_cleanup(&path);
}

dramatis_status dramatis_cache_clear(const char *dir, struct dramatis_error *err)
{
    struct book_units *list;
    struct buf path;
    char *root;
    size_t n, i;
    dramatis_status st = cache_root(dir, &root, err);

    if (st != DRAMATIS_OK)
        return st;
    list = list_books(root, &n);
    for (i = 0; i < n; i++)
        evict_book(list[i].dir);
    free_books(list, n);
    clear_previews(root);
    buf_init(&path, 8192);
    if (buf_printf(&path, "%s/units", root) == DRAMATIS_OK)
        rmdir(path.data);
    buf_cleanup(&path);
    free(root);
    return DRAMATIS_OK;
}
