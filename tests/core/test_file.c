/* Part files, durable renames and locks (core/file.c): unique names that
 * never open a planted file or link, a commit that replaces the final
 * file whole, an abort that leaves nothing, and one holder of a lock. */
#include "check.h"
#include "file.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/dramatis-test-file-XXXXXX";

static int read_text(const char *path, char *out, size_t size)
{
    FILE *f = fopen(path, "rb");
    size_t n;

    if (f == NULL)
        return 0;
    n = fread(out, 1, size - 1, f);
    out[n] = '\0';
    fclose(f);
    return 1;
}

static void test_part_files(void)
{
    struct part_file a, b;
    char final[256], victim[256], link[256], text[64];
    const char *name;

    snprintf(final, sizeof final, "%s/book.opus", dir);
    snprintf(victim, sizeof victim, "%s/victim", dir);
    CHECK(part_file_open(final, &a, NULL) == DRAMATIS_OK);
    CHECK(part_file_open(final, &b, NULL) == DRAMATIS_OK);
    /* two part files of one final name are two files, dot files beside it */
    CHECK(a.path && b.path && strcmp(a.path, b.path) != 0);
    name = a.path ? strrchr(a.path, '/') + 1 : "";
    CHECK(strncmp(name, ".book.opus.", 11) == 0 && file_is_part_name(name));
    CHECK(a.fd >= 0 && write(a.fd, "new", 3) == 3);
    CHECK(part_file_commit(&a, final, NULL) == DRAMATIS_OK);
    CHECK(a.path == NULL && a.fd < 0);
    CHECK(read_text(final, text, sizeof text) && strcmp(text, "new") == 0);
    /* an aborted part file leaves nothing, and the final file as it was */
    part_file_abort(&b);
    CHECK(b.path == NULL);
    CHECK(read_text(final, text, sizeof text) && strcmp(text, "new") == 0);

    /* file_open_write never goes through a link */
    CHECK(read_text(final, text, sizeof text));
    snprintf(link, sizeof link, "%s/planted", dir);
    {
        FILE *f = fopen(victim, "w");
        CHECK(f && fputs("precious", f) >= 0 && fclose(f) == 0);
    }
    CHECK(symlink(victim, link) == 0);
    CHECK(file_open_write(link) < 0);
    CHECK(file_fopen_write(link) == NULL);
    CHECK(read_text(victim, text, sizeof text) && strcmp(text, "precious") == 0);
    unlink(link);
    unlink(victim);
    unlink(final);

    /* names: only "." + name + "." + six letters or digits + ".part" */
    CHECK(file_is_part_name(".x.opus.Ab12Cd.part"));
    CHECK(!file_is_part_name(".x.opus.part"));
    CHECK(!file_is_part_name("x.opus.Ab12Cd.part"));
    CHECK(!file_is_part_name(".x.opus.Ab-2Cd.part"));
    CHECK(!file_is_part_name(".DS_Store"));
}

static void test_locks(void)
{
    struct file_lock a, b;
    char path[256];
    long holder = 0;
    struct stat st;

    snprintf(path, sizeof path, "%s/.lock", dir);
    CHECK(file_lock(path, &a, &holder, NULL) == DRAMATIS_OK && holder == 0);
    /* flock locks belong to open files: a second taker here is refused
     * as another process would be, and told who holds it */
    CHECK(file_lock(path, &b, &holder, NULL) == DRAMATIS_ERR_IO);
    CHECK(holder == (long)getpid() && b.fd < 0);
    CHECK(file_lock_busy(path));
    file_unlock(&a);
    CHECK(stat(path, &st) != 0);       /* the lock file goes with the lock */
    CHECK(!file_lock_busy(path));
    CHECK(file_lock(path, &b, &holder, NULL) == DRAMATIS_OK);
    file_unlock(&b);
    file_unlock(&b);                   /* twice does nothing */
}

int main(void)
{
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_part_files();
    test_locks();
    rmdir(dir);
    return CHECK_DONE();
}
