/* `dramatis preview`, `dramatis voices` and `dramatis cache`: hear a voice
 * before a full render, and look after what renders keep. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Creates path and its missing parents; prints why not and returns -1. */
static int make_dirs(const char *path)
{
    char copy[4096];
    size_t i;

    snprintf(copy, sizeof copy, "%s", path);
    for (i = 1; ; i++) {
        int last = copy[i] == '\0';
        if (copy[i] != '/' && !last)
            continue;
        copy[i] = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "dramatis: %s: %s\n", copy, strerror(errno));
            return -1;
        }
        if (last)
            return 0;
        copy[i] = '/';
    }
}

int cmd_preview(const struct cli *cli)
{
    struct dramatis_book *book = NULL;
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    char path[4096];
    size_t i;
    int rc;

    if (cli->speaker == NULL)
        return cli_usage_error("%s", "preview: missing --speaker NAME");
    memset(&err, 0, sizeof err);
    if (cli->out_dir) {
        snprintf(path, sizeof path, "%s", cli->out_dir);
    } else {
        /* CACHE/previews/preview-<name>.opus: outside any library, where a
         * server would take it for a book of its own */
        char dir[4096];
        size_t start;
        if (dramatis_cache_dir(cli->cache_dir, dir, sizeof dir) != DRAMATIS_OK)
            return cli_usage_error("%s", "no cache folder for the preview: give -o FILE or --cache-dir");
        if (make_dirs(dir) != 0)
            return 1;
        if (strlen(dir) + 64 + strlen(cli->speaker) >= sizeof path)
            return cli_usage_error("%s", "preview: the cache folder's name is too long");
        memcpy(path, dir, strlen(dir));
        memcpy(path + strlen(dir), "/previews", sizeof "/previews");
        if (make_dirs(path) != 0)
            return 1;
        start = strlen(path) + 1;
        snprintf(path + strlen(path), sizeof path - strlen(path), "/preview-%s.opus", cli->speaker);
        for (i = start; path[i]; i++)
            if (strchr("/\\<>:\"|?*", path[i]) || (unsigned char)path[i] < 0x20)
                path[i] = '_';
    }
    rc = cli_load_cast(cli, &book, &map);
    if (rc == 0 && dramatis_preview(book, cli->speaker, cli->lines > 0 ? (size_t)cli->lines : 3,
                                    cli->text, path, &err) != DRAMATIS_OK)
        rc = cli_report(&err);
    else if (rc == 0 && !cli->quiet)
        fprintf(stderr, "dramatis: wrote %s\n", path);
    dramatis_book_free(book);
    dramatis_voicemap_free(map);
    return rc;
}

int cmd_voices(const struct cli *cli)
{
    struct dramatis_error err;

    (void)cli;
    memset(&err, 0, sizeof err);
    if (dramatis_voices_write(stdout, &err) != DRAMATIS_OK)
        return cli_report(&err);
    return 0;
}

int cmd_cache(const struct cli *cli)
{
    struct dramatis_error err;
    unsigned long long bytes = 0;
    size_t books = 0;
    char dir[4096];

    memset(&err, 0, sizeof err);
    if (dramatis_cache_dir(cli->cache_dir, dir, sizeof dir) != DRAMATIS_OK)
        return cli_usage_error("%s", "no cache folder: set XDG_CACHE_HOME or HOME, or give --cache-dir");
    if (cli->clear && dramatis_cache_clear(cli->cache_dir, &err) != DRAMATIS_OK)
        return cli_report(&err);
    if (dramatis_cache_usage(cli->cache_dir, &bytes, &books, &err) != DRAMATIS_OK)
        return cli_report(&err);
    /* data, so stdout: the folder, then what it holds */
    printf("%s\n%.1f MB in %zu book%s\n", dir, (double)bytes / 1e6, books, books == 1 ? "" : "s");
    if (cli->clear && !cli->quiet)
        fprintf(stderr, "dramatis: cleared %s\n", dir);
    return 0;
}
