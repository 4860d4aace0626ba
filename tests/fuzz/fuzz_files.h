/* The fuzz targets that read files: the input is written to a file of
 * their own in a temporary folder made once per process. */
#ifndef DRAMATIS_FUZZ_FILES_H
#define DRAMATIS_FUZZ_FILES_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* dir/name as a path in out; the folder is made in $TMPDIR (scripts/fuzz.sh
 * gives one it removes afterwards) on the first call. */
static const char *fuzz_path(const char *name, char *out, size_t size)
{
    static char dir[2048];

    if (dir[0] == '\0') {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/dramatis-fuzz-XXXXXX",
                 tmp && tmp[0] && strlen(tmp) < 1024 ? tmp : "/tmp");
        if (mkdtemp(dir) == NULL)
            abort();
    }
    snprintf(out, size, "%s/%s", dir, name);
    return out;
}

/* Writes data to path; 0 on success. */
static int fuzz_write(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    int failed;

    if (f == NULL)
        return -1;
    failed = fwrite(data, 1, size, f) != size;
    return fclose(f) != 0 || failed ? -1 : 0;
}

#endif
