/* Part files, durable renames and folder locks (see file.h). */
#include "file.h"

#include "buf.h"
#include "error.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* The most of the final name a part file's name repeats: the part name
 * must fit the file system's limit whatever the final name's length. */
#define PART_NAME_MAX 100

static mode_t default_mode(void)
{
    /* umask can only be read by setting it; dramatis runs one thread */
    mode_t mask = umask(022);

    umask(mask);
    return 0666 & ~mask;
}

dramatis_status part_file_open(const char *final, struct part_file *pf,
                               struct dramatis_error *err)
{
    const char *slash = strrchr(final, '/'), *name = slash ? slash + 1 : final;
    size_t dir_len = slash ? (size_t)(slash - final + 1) : 0, n = strlen(name);
    struct buf b;

    pf->path = NULL;
    pf->fd = -1;
    if (n > PART_NAME_MAX) {
        n = PART_NAME_MAX;
        /* a whole UTF-8 character or none */
        while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
            n--;
    }
    buf_init(&b, 16384);
    if (buf_printf(&b, "%.*s.%.*s.XXXXXX.part", (int)dir_len, final, (int)n, name) != DRAMATIS_OK) {
        buf_cleanup(&b);
        return error_set(err, DRAMATIS_ERR_NOMEM, final, 0, "path too long");
    }
    pf->fd = mkstemps(b.data, 5);
    if (pf->fd < 0) {
        int e = errno;
        buf_cleanup(&b);
        return error_set(err, DRAMATIS_ERR_IO, final, 0, "cannot create a file beside it: %s",
                         strerror(e));
    }
    if (fchmod(pf->fd, default_mode()) != 0 || fcntl(pf->fd, F_SETFD, FD_CLOEXEC) != 0)
        errno = 0;   /* mkstemp's 0600 still works */
    pf->path = buf_take(&b);
    buf_cleanup(&b);
    return DRAMATIS_OK;
}

static void part_file_forget(struct part_file *pf)
{
    if (pf->fd >= 0)
        close(pf->fd);
    free(pf->path);
    pf->path = NULL;
    pf->fd = -1;
}

void part_file_abort(struct part_file *pf)
{
    struct stat st;

    if (pf->path && lstat(pf->path, &st) == 0 && S_ISREG(st.st_mode))
        unlink(pf->path);
    part_file_forget(pf);
}

dramatis_status part_file_commit(struct part_file *pf, const char *final,
                                 struct dramatis_error *err)
{
    dramatis_status st = DRAMATIS_OK;
    int fd = pf->fd;

    if (fd < 0)
        fd = open(pf->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        st = error_set(err, DRAMATIS_ERR_IO, final, 0, "cannot write: %s", strerror(errno));
    if (fd >= 0 && close(fd) != 0 && st == DRAMATIS_OK)
        st = error_set(err, DRAMATIS_ERR_IO, final, 0, "cannot write: %s", strerror(errno));
    pf->fd = -1;
    if (st == DRAMATIS_OK && rename(pf->path, final) != 0)
        st = error_set(err, DRAMATIS_ERR_IO, final, 0, "cannot rename into place: %s",
                       strerror(errno));
    if (st != DRAMATIS_OK) {
        part_file_abort(pf);
        return st;
    }
    part_file_forget(pf);
    return file_sync_dir_of(final, err);
}

int file_is_part_name(const char *name)
{
    size_t n = strlen(name), i;

    /* ".<name>.XXXXXX.part": six letters or digits from mkstemp */
    if (name[0] != '.' || n < 14 || strcmp(name + n - 5, ".part") != 0 || name[n - 12] != '.')
        return 0;
    for (i = n - 11; i < n - 5; i++) {
        if (!isalnum((unsigned char)name[i]))
            return 0;
    }
    return 1;
}

int file_open_write(const char *path)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
}

FILE *file_fopen_write(const char *path)
{
    int fd = file_open_write(path);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;

    if (f == NULL && fd >= 0)
        close(fd);
    return f;
}

dramatis_status file_sync(const char *path, struct dramatis_error *err)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

    if (fd < 0 || fsync(fd) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot write: %s", strerror(e));
    }
    close(fd);
    return DRAMATIS_OK;
}

dramatis_status file_sync_dir_of(const char *path, struct dramatis_error *err)
{
    const char *slash = strrchr(path, '/');
    struct buf dir;
    dramatis_status st = DRAMATIS_OK;
    int fd;

    buf_init(&dir, 16384);
    if (slash == NULL ? buf_adds(&dir, ".") != DRAMATIS_OK
                      : buf_printf(&dir, "%.*s", slash == path ? 1 : (int)(slash - path), path) !=
                            DRAMATIS_OK) {
        buf_cleanup(&dir);
        return error_set(err, DRAMATIS_ERR_NOMEM, path, 0, "path too long");
    }
    fd = open(dir.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    /* some file systems (and their FUSE drivers) refuse fsync on folders:
     * the rename is then as durable as they make it */
    if (fd < 0 || (fsync(fd) != 0 && errno != EINVAL && errno != EROFS))
        st = error_set(err, DRAMATIS_ERR_IO, dir.data, 0, "cannot sync the folder: %s",
                       strerror(errno));
    if (fd >= 0)
        close(fd);
    buf_cleanup(&dir);
    return st;
}

/* The process id written in a lock file, or -1. */
static long lock_holder(int fd)
{
    char text[32];
    ssize_t n = pread(fd, text, sizeof text - 1, 0);
    char *end;
    long pid;

    if (n <= 0)
        return -1;
    text[n] = '\0';
    errno = 0;
    pid = strtol(text, &end, 10);
    return errno == 0 && end != text && pid > 0 ? pid : -1;
}

dramatis_status file_lock(const char *path, struct file_lock *lock, long *holder,
                          struct dramatis_error *err)
{
    int tries;

    lock->fd = -1;
    lock->path = NULL;
    *holder = 0;
    /* a lock file removed (an evicted folder) after we opened it locks
     * nothing: take the one that is at path once we hold it */
    for (tries = 0; tries < 8; tries++) {
        struct stat held, now;
        char text[32];
        int n, e, f = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);

        if (f < 0)
            return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot create a lock: %s",
                             strerror(errno));
        e = flock(f, LOCK_EX | LOCK_NB) == 0 ? 0 : errno;
        if (e == EWOULDBLOCK) {
            *holder = lock_holder(f);
            close(f);
            return DRAMATIS_ERR_IO;
        }
        /* a file system without locks (some network shares) is used as it
         * was before there were locks: the lock file is kept and removed */
        if (e != 0 && e != ENOLCK && e != EOPNOTSUPP) {
            close(f);
            return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot lock: %s", strerror(e));
        }
        if (e == 0 && (fstat(f, &held) != 0 || stat(path, &now) != 0 ||
                       held.st_ino != now.st_ino || held.st_dev != now.st_dev)) {
            close(f);
            continue;
        }
        lock->path = strdup(path);
        if (lock->path == NULL) {
            close(f);
            return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        }
        n = snprintf(text, sizeof text, "%ld\n", (long)getpid());
        if (ftruncate(f, 0) != 0 || pwrite(f, text, (size_t)n, 0) != n)
            errno = 0;   /* the pid is for messages only */
        lock->fd = f;
        return DRAMATIS_OK;
    }
    return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot lock: the lock file keeps changing");
}

int file_lock_busy(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), busy;

    if (fd < 0)
        return 0;
    busy = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    close(fd);
    return busy;
}

void file_unlock(struct file_lock *lock)
{
    if (lock->fd >= 0) {
        /* removed while held: whoever opens path next makes a new one */
        unlink(lock->path);
        close(lock->fd);
    }
    free(lock->path);
    lock->fd = -1;
    lock->path = NULL;
}
