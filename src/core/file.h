/* Files that are whole or absent: part files with unique names created
 * without following links, made durable (fsync) before they are renamed
 * into place, and locks that say one process is working in a folder. */
#ifndef DRAMATIS_FILE_H
#define DRAMATIS_FILE_H

#include "dramatis.h"

#include <stdio.h>

/* A part file beside its final path: ".<name>.XXXXXX.part", created with
 * O_CREAT|O_EXCL (mkstemp), so a file or link planted at a guessable name
 * is never opened, written or followed. */
struct part_file {
    char *path;
    int fd;        /* open for writing until closed or committed; -1 when closed */
};

/* Creates the part file of final, mode 0666 less the umask.  Writers that
 * open files by name may close pf->fd and open pf->path themselves
 * (with O_NOFOLLOW: see file_open_write). */
dramatis_status part_file_open(const char *final, struct part_file *pf,
                               struct dramatis_error *err);

/* Makes the part file durable (fsync), renames it to final and syncs the
 * folder, so final is either the old file or the whole new one after a
 * crash too; the part file is removed on failure.  pf is emptied. */
dramatis_status part_file_commit(struct part_file *pf, const char *final,
                                 struct dramatis_error *err);

/* Removes the part file (a regular file only) and empties pf; an empty pf
 * does nothing. */
void part_file_abort(struct part_file *pf);

/* Whether a folder entry is a part file that dramatis leaves when killed
 * (".<name>.XXXXXX.part"). */
int file_is_part_name(const char *name);

/* open(path) for writing from the start: created (0666 less the umask) or
 * truncated, never through a symbolic link; -1 with errno as open(). */
int file_open_write(const char *path);

/* fopen(path, "wb") through file_open_write: never through a link. */
FILE *file_fopen_write(const char *path);

/* fsync of the file at path, and of the folder that holds it. */
dramatis_status file_sync(const char *path, struct dramatis_error *err);
dramatis_status file_sync_dir_of(const char *path, struct dramatis_error *err);

/* A lock held by this process: an exclusive flock on a lock file. */
struct file_lock {
    int fd;        /* -1: not held */
    char *path;
};

/* Takes the lock at path, creating its file; our process id is written
 * into it.  *holder is 0 when the lock is taken; when another process
 * holds it, DRAMATIS_ERR_IO is returned with *holder its process id (or
 * -1 when it cannot be read) and nothing in err, for the caller's own
 * message.  The lock file is removed again by file_unlock, so a folder
 * keeps no trace of it: a process that waited on the removed file takes
 * the lock anew on the file that is at path once it holds one.  On a file
 * system without flock (ENOLCK, EOPNOTSUPP) the lock counts as taken. */
dramatis_status file_lock(const char *path, struct file_lock *lock, long *holder,
                          struct dramatis_error *err);

/* Whether another process holds the lock at path (0 when it is free or
 * missing). */
int file_lock_busy(const char *path);

/* Removes the lock file and releases the lock; a lock not held does nothing. */
void file_unlock(struct file_lock *lock);

#endif
