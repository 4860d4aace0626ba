/* The book's folder in the library: OUT/<Author>/<Title>/, names that every
 * file system and share takes, a manifest of what dramatis wrote there, so
 * a render removes its own stale files and never touches anyone else's,
 * and another book of the same title goes to a folder of its own. */
#include "run.h"

#include "buf.h"
#include "error.h"
#include "file.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* The manifest: "dramatis-manifest 1", "source PATH", "source-hash HEX",
 * then "file REL" for every file written.  A dot file: servers skip it. */
#define MANIFEST ".dramatis"
#define MANIFEST_MAGIC "dramatis-manifest 1"
/* Held by the render writing the folder. */
#define LOCK_FILE ".dramatis.lock"
/* The prefix of a --no-cache render's folder of units (render.c). */
#define UNITS_PREFIX ".units-"

/* Folder and file names stay far enough below 255 bytes for a " (99)"
 * suffix, "NN - " and ".m4b.part" around them. */
#define NAME_MAX_BYTES 200

/* How many "<Title> (n)" folders are tried for books of the same title. */
#define SAME_TITLE_MAX 99

void library_safe_name(const char *s, char *out, size_t size, size_t max)
{
    static const char *const devices[] = { "CON", "PRN", "AUX", "NUL", "COM", "LPT" };
    size_t n = 0, i, k;

    if (max >= size)
        max = size - 1;
    for (i = 0; s && s[i];) {
        unsigned char ch = (unsigned char)s[i];
        /* a whole UTF-8 sequence or nothing: never cut inside a character */
        size_t len = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;

        for (k = 1; k < len; k++) {
            if (((unsigned char)s[i + k] & 0xC0) != 0x80)
                break;
        }
        if (k < len || (ch >= 0x80 && ch < 0xC0)) {
            i++;   /* not UTF-8: dropped */
            continue;
        }
        if (n + len > max)
            break;
        if (len == 1 && (ch < 0x20 || ch == 0x7F || strchr("<>:\"/\\|?*", ch)))
            ch = '_';
        if (n == 0 && len == 1 && (ch == '.' || ch == ' ')) {
            i++;
            continue;
        }
        if (len == 1)
            out[n] = (char)ch;
        else
            memcpy(out + n, s + i, len);
        n += len;
        i += len;
    }
    /* Windows drops trailing dots and spaces, so two names would be one */
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.'))
        n--;
    out[n] = '\0';
    if (n == 0) {
        snprintf(out, size, "book");
        return;
    }
    /* CON, NUL, COM1, LPT3, also before an extension: device names on Windows */
    for (i = 0; i < sizeof devices / sizeof devices[0]; i++) {
        size_t dl = strlen(devices[i]);
        size_t stem = strcspn(out, ".");
        if (strncasecmp(out, devices[i], dl) == 0 &&
            (stem == dl || (stem == dl + 1 && dl == 3 && i >= 4 && out[3] >= '0' &&
                            out[3] <= '9')) &&
            n + 1 <= max) {
            memmove(out + stem + 1, out + stem, n - stem + 1);
            out[stem] = '_';
            break;
        }
    }
}

/* What goes around a title in the longest file name: "NNNN - " before a
 * chapter's title, ".m3u8" after it. */
#define NAME_AROUND 12

/* The bytes of a title in a file name under out_dir: NAME_MAX_BYTES, or
 * less on a file system of shorter names (eCryptfs takes 143 bytes). */
static size_t name_budget(const char *out_dir)
{
    long limit = pathconf(out_dir, _PC_NAME_MAX);

    if (limit > 0 && (unsigned long)limit < NAME_MAX_BYTES + NAME_AROUND)
        return limit > NAME_AROUND + 16 ? (size_t)limit - NAME_AROUND : 16;
    return NAME_MAX_BYTES;
}

static unsigned long long text_hash(const struct dramatis_book *book)
{
    return render_fnv1a(RENDER_FNV_BASIS, book->text ? book->text : "",
                        book->text ? book->size : 0);
}

static dramatis_status write_manifest(const struct library_book *lb, int with_old,
                                      struct dramatis_error *err);

static void free_list(char **list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

static dramatis_status list_add(char ***list, size_t *n, const char *s)
{
    char **grown = realloc(*list, (*n + 1) * sizeof *grown);

    if (grown == NULL)
        return DRAMATIS_ERR_NOMEM;
    *list = grown;
    grown[*n] = strdup(s);
    if (grown[*n] == NULL)
        return DRAMATIS_ERR_NOMEM;
    (*n)++;
    return DRAMATIS_OK;
}

/* A manifest's relative path is used only if it stays inside the folder. */
static int safe_rel(const char *rel)
{
    const char *p = rel;

    if (rel[0] == '\0' || rel[0] == '/')
        return 0;
    while (*p) {
        size_t k = strcspn(p, "/");
        if ((k == 1 && p[0] == '.') || (k == 2 && p[0] == '.' && p[1] == '.'))
            return 0;
        p += k;
        if (*p == '/')
            p++;
    }
    return 1;
}

/* Reads dir's manifest: 1 if there is one (files and source filled), 0 if
 * there is none, -1 when out of memory. */
static int read_manifest(const char *dir, char **source, unsigned long long *hash,
                         char ***files, size_t *n_files)
{
    struct buf path;
    char line[8192];
    FILE *f;
    int ok = 1;

    *source = NULL;
    *hash = 0;
    buf_init(&path, 8192);
    if (buf_printf(&path, "%s/" MANIFEST, dir) != DRAMATIS_OK) {
        buf_cleanup(&path);
        return -1;
    }
    f = fopen(path.data, "r");
    buf_cleanup(&path);
    if (f == NULL)
        return 0;
    if (fgets(line, sizeof line, f) == NULL || strncmp(line, MANIFEST_MAGIC, strlen(MANIFEST_MAGIC)) != 0) {
        fclose(f);
        return 0;
    }
    while (ok && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "source ", 7) == 0 && *source == NULL) {
            *source = strdup(line + 7);
            ok = *source != NULL;
        } else if (strncmp(line, "source-hash ", 12) == 0) {
            *hash = strtoull(line + 12, NULL, 16);
        } else if (strncmp(line, "file ", 5) == 0 && safe_rel(line + 5)) {
            ok = list_add(files, n_files, line + 5) == DRAMATIS_OK;
        }
    }
    fclose(f);
    return ok ? 1 : -1;
}

/* Whether dir holds nothing but dot files (a killed render's part files
 * and temporary units, a .DS_Store): no book there. */
static int dir_is_empty(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int empty = 1;

    if (d == NULL)
        return 0;
    for (e = readdir(d); e != NULL && empty; e = readdir(d))
        empty = e->d_name[0] == '.';
    closedir(d);
    return empty;
}

dramatis_status library_open(const struct dramatis_book *book, const char *out_dir, int force,
                             int dry, struct library_book *lb, struct dramatis_error *err)
{
    char author[256], *real;
    struct buf base, dir;
    dramatis_status st = DRAMATIS_OK;
    int k, found = 0;

    memset(lb, 0, sizeof *lb);
    buf_init(&base, 8192);
    buf_init(&dir, 8192);
    lb->name_max = name_budget(out_dir);
    library_safe_name(book->title, lb->name, sizeof lb->name, lb->name_max);
    real = book->path ? realpath(book->path, NULL) : NULL;
    lb->source = strdup(real ? real : "");
    free(real);
    lb->source_hash = text_hash(book);
    if (lb->source == NULL || buf_adds(&base, out_dir) != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    if (book->author && book->author[0]) {
        library_safe_name(book->author, author, sizeof author, lb->name_max);
        if (buf_printf(&base, "/%s", author) != DRAMATIS_OK) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
            goto fail;
        }
    }
    for (k = 1; k <= SAME_TITLE_MAX && !found; k++) {
        struct stat stt;
        char *source = NULL;
        unsigned long long hash = 0;
        int has;

        buf_reset(&dir);
        if ((k == 1 ? buf_printf(&dir, "%s/%s", base.data, lb->name)
                    : buf_printf(&dir, "%s/%s (%d)", base.data, lb->name, k)) != DRAMATIS_OK) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
            goto fail;
        }
        /* what another candidate's manifest listed is not this folder's */
        free_list(lb->old_files, lb->n_old);
        lb->old_files = NULL;
        lb->n_old = 0;
        if (stat(dir.data, &stt) != 0) {
            found = 1;   /* a new folder */
            break;
        }
        if (!S_ISDIR(stt.st_mode))
            continue;
        has = read_manifest(dir.data, &source, &hash, &lb->old_files, &lb->n_old);
        if (has < 0) {
            free(source);
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
            goto fail;
        }
        /* the same book: the same input file, or the same text moved */
        if (has && ((lb->source[0] && source && strcmp(source, lb->source) == 0) ||
                    hash == lb->source_hash))
            found = 1;
        else if (!has && dir_is_empty(dir.data))
            found = 1;
        else if (force && k == 1)
            found = 1;   /* taken over: the other book's files go as stale ones */
        free(source);
    }
    if (!found) {
        st = error_set(err, DRAMATIS_ERR_IO, base.data, 0,
                       "%d books titled '%s' already: give -o another folder", SAME_TITLE_MAX,
                       lb->name);
        goto fail;
    }
    lb->dir = buf_take(&dir);
    if (!dry)
        st = cache_make_dirs(lb->dir, err);
fail:
    buf_cleanup(&base);
    buf_cleanup(&dir);
    return st;
}

/* Whether every folder on the way to rel in the book's folder is a folder
 * and not a link: a link planted in a shared library (`chapters` pointing
 * into someone's home) would have a render write or remove files there. */
static int in_real_folders(const struct library_book *lb, const char *rel)
{
    struct buf path;
    const char *p;
    int real = 1;

    buf_init(&path, 16384);
    if (buf_adds(&path, lb->dir) != DRAMATIS_OK) {
        buf_cleanup(&path);
        return 0;
    }
    for (p = strchr(rel, '/'); p != NULL && real; p = strchr(p + 1, '/')) {
        struct stat stt;
        buf_reset(&path);
        real = buf_printf(&path, "%s/%.*s", lb->dir, (int)(p - rel), rel) == DRAMATIS_OK &&
               lstat(path.data, &stt) == 0 && S_ISDIR(stt.st_mode);
    }
    buf_cleanup(&path);
    return real;
}

char *library_path(const struct library_book *lb, const char *rel)
{
    struct buf b;

    buf_init(&b, 16384);
    if ((rel[0] ? buf_printf(&b, "%s/%s", lb->dir, rel) : buf_adds(&b, lb->dir)) != DRAMATIS_OK) {
        buf_cleanup(&b);
        return NULL;
    }
    return buf_take(&b);
}

static int in_list(char *const *list, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(list[i], s) == 0)
            return 1;
    }
    return 0;
}

int library_foreign(const struct library_book *lb, const char *rel)
{
    char *path = library_path(lb, rel);
    struct stat stt;
    int exists = path && lstat(path, &stt) == 0;

    free(path);
    return exists && !in_list(lb->old_files, lb->n_old, rel) &&
           !in_list(lb->files, lb->n_files, rel);
}

dramatis_status library_make_dir(struct library_book *lb, const char *rel, int ignore,
                                 struct dramatis_error *err)
{
    char *path = library_path(lb, rel), *mark = NULL;
    struct buf b;
    dramatis_status st;
    FILE *f;

    if (path == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
    st = cache_make_dirs(path, err);
    /* rel itself is checked as the folder on the way to a file in it */
    buf_init(&b, 16384);
    if (st == DRAMATIS_OK && rel[0] &&
        (buf_printf(&b, "%s/x", rel) != DRAMATIS_OK || !in_real_folders(lb, b.data)))
        st = error_set(err, DRAMATIS_ERR_IO, path, 0,
                       "is a link, not a folder: dramatis writes into no link in a book's "
                       "folder (remove it)");
    buf_reset(&b);
    if (st == DRAMATIS_OK && ignore) {
        mark = buf_printf(&b, "%s/.ignore", rel) == DRAMATIS_OK ? library_path(lb, b.data) : NULL;
        if (mark == NULL) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        } else if (!library_foreign(lb, b.data)) {
            f = file_fopen_write(mark);
            if (f == NULL || fclose(f) != 0)
                st = error_set(err, DRAMATIS_ERR_IO, mark, 0, "cannot create: %s",
                               strerror(errno));
            else if (!in_list(lb->files, lb->n_files, b.data) &&
                     list_add(&lb->files, &lb->n_files, b.data) != DRAMATIS_OK)
                st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
            else
                st = write_manifest(lb, 1, err);
        }
    }
    buf_cleanup(&b);
    free(mark);
    free(path);
    return st;
}

dramatis_status library_put(struct library_book *lb, struct part_file *part, const char *rel,
                            struct dramatis_error *err)
{
    char *final = library_path(lb, rel);
    dramatis_status st = DRAMATIS_OK;

    if (final == NULL)
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
    else if (!in_real_folders(lb, rel))
        st = error_set(err, DRAMATIS_ERR_IO, final, 0,
                       "a folder on its way is a link: dramatis writes into no link in a "
                       "book's folder (remove it)");
    else if (!in_list(lb->files, lb->n_files, rel) &&
             list_add(&lb->files, &lb->n_files, rel) != DRAMATIS_OK)
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    /* listed before it is in place: a render stopped at any point leaves
     * no file of its own that the next render takes for someone else's */
    if (st == DRAMATIS_OK)
        st = write_manifest(lb, 1, err);
    if (st == DRAMATIS_OK)
        st = part_file_commit(part, final, err);
    part_file_abort(part);
    free(final);
    return st;
}

dramatis_status library_put_text(struct library_book *lb, const char *rel, const struct buf *text,
                                 struct dramatis_error *err)
{
    char *final = library_path(lb, rel);
    struct part_file part = { NULL, -1 };
    dramatis_status st;
    size_t done = 0;

    if (final == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
    st = part_file_open(final, &part, err);
    while (st == DRAMATIS_OK && done < text->len) {
        ssize_t k = write(part.fd, text->data + done, text->len - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            st = error_set(err, DRAMATIS_ERR_IO, final, 0, "cannot write: %s", strerror(errno));
        else
            done += (size_t)k;
    }
    if (st == DRAMATIS_OK)
        st = library_put(lb, &part, rel, err);
    part_file_abort(&part);
    free(final);
    return st;
}

/* Removes rel (a regular file only) and the folders above it in the book's
 * folder that are left empty. */
static void remove_stale(const struct library_book *lb, const char *rel)
{
    char *path = library_path(lb, rel), *slash;
    struct stat stt;
    size_t root = strlen(lb->dir);

    if (path == NULL)
        return;
    if (in_real_folders(lb, rel) && lstat(path, &stt) == 0 && S_ISREG(stt.st_mode))
        unlink(path);
    while ((slash = strrchr(path, '/')) != NULL && (size_t)(slash - path) > root) {
        *slash = '\0';
        /* a folder of the user's own files stays */
        if (rmdir(path) != 0)
            break;
    }
    free(path);
}

/* Writes the manifest (aside, then renamed): the files of this render,
 * and with with_old those of the earlier one too. */
static dramatis_status write_manifest(const struct library_book *lb, int with_old,
                                      struct dramatis_error *err)
{
    struct part_file part = { NULL, -1 };
    struct buf text, final;
    dramatis_status st;
    size_t i;

    buf_init(&text, (size_t)1 << 24);
    buf_init(&final, 16384);
    st = buf_printf(&text, "%s\nsource %s\nsource-hash %016llx\n", MANIFEST_MAGIC, lb->source,
                    lb->source_hash);
    for (i = 0; st == DRAMATIS_OK && i < lb->n_files; i++)
        st = buf_printf(&text, "file %s\n", lb->files[i]);
    for (i = 0; st == DRAMATIS_OK && with_old && i < lb->n_old; i++) {
        if (!in_list(lb->files, lb->n_files, lb->old_files[i]))
            st = buf_printf(&text, "file %s\n", lb->old_files[i]);
    }
    if (st == DRAMATIS_OK)
        st = buf_printf(&final, "%s/" MANIFEST, lb->dir);
    if (st != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    st = part_file_open(final.data, &part, err);
    if (st == DRAMATIS_OK && write(part.fd, text.data, text.len) != (ssize_t)text.len)
        st = error_set(err, DRAMATIS_ERR_IO, final.data, 0, "cannot write: %s",
                       strerror(errno));
    if (st == DRAMATIS_OK)
        st = part_file_commit(&part, final.data, err);
fail:
    part_file_abort(&part);
    buf_cleanup(&text);
    buf_cleanup(&final);
    return st;
}

dramatis_status library_commit(struct library_book *lb, struct dramatis_error *err)
{
    size_t i;

    /* .ignore files go last: a folder keeps them while it keeps files */
    for (i = 0; i < lb->n_old; i++) {
        if (!in_list(lb->files, lb->n_files, lb->old_files[i]) &&
            strstr(lb->old_files[i], ".ignore") == NULL)
            remove_stale(lb, lb->old_files[i]);
    }
    for (i = 0; i < lb->n_old; i++) {
        if (!in_list(lb->files, lb->n_files, lb->old_files[i]))
            remove_stale(lb, lb->old_files[i]);
    }
    return write_manifest(lb, 0, err);
}

dramatis_status library_lock(struct library_book *lb, struct dramatis_error *err)
{
    char *path = library_path(lb, LOCK_FILE);
    dramatis_status st;
    long holder;

    if (path == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
    st = file_lock(path, &lb->lock, &holder, err);
    if (st != DRAMATIS_OK && holder > 0)
        error_set(err, st, lb->dir, 0,
                  "another render is writing this book (process %ld): wait for it to finish, "
                  "or render into another folder with -o", holder);
    else if (st != DRAMATIS_OK && holder != 0)
        error_set(err, st, lb->dir, 0,
                  "another render is writing this book: wait for it to finish, "
                  "or render into another folder with -o");
    free(path);
    return st;
}

/* Removes dir/name when a killed render left it: a part file, or a folder
 * of units and their part files (nothing else is in one). */
static void sweep_entry(const char *dir, const char *name, time_t since)
{
    struct buf path;
    struct stat stt;

    buf_init(&path, 16384);
    if (buf_printf(&path, "%s/%s", dir, name) != DRAMATIS_OK ||
        lstat(path.data, &stt) != 0 || stt.st_mtime >= since) {
        buf_cleanup(&path);
        return;
    }
    if (S_ISREG(stt.st_mode) && file_is_part_name(name)) {
        unlink(path.data);
    } else if (S_ISDIR(stt.st_mode) && strncmp(name, UNITS_PREFIX, strlen(UNITS_PREFIX)) == 0) {
        cache_prune(path.data, NULL, 0);
        rmdir(path.data);
    }
    buf_cleanup(&path);
}

void library_sweep(const struct library_book *lb, time_t since)
{
    static const char *const folders[] = { "", "chapters", "m4b", "m4b/chapters", "opus",
                                           "opus/chapters" };
    size_t i;

    for (i = 0; i < sizeof folders / sizeof folders[0]; i++) {
        char *dir = library_path(lb, folders[i]);
        DIR *d = dir ? opendir(dir) : NULL;
        struct dirent *e;

        for (e = d ? readdir(d) : NULL; e != NULL; e = readdir(d)) {
            if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
                strcmp(e->d_name, "..") != 0)
                sweep_entry(dir, e->d_name, since);
        }
        if (d)
            closedir(d);
        free(dir);
    }
}

void library_cleanup(struct library_book *lb)
{
    if (lb->lock.path)
        file_unlock(&lb->lock);
    free(lb->dir);
    free(lb->source);
    free_list(lb->old_files, lb->n_old);
    free_list(lb->files, lb->n_files);
    memset(lb, 0, sizeof *lb);
}
