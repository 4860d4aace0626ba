/* `dramatis preview` and `dramatis voices`: hear a voice before a full render. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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
        /* out/preview-<name>.opus, with a name that is safe as a file name */
        if (mkdir("out", 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "dramatis: out: %s\n", strerror(errno));
            return 1;
        }
        snprintf(path, sizeof path, "out/preview-%s.opus", cli->speaker);
        for (i = strlen("out/"); path[i]; i++)
            if (path[i] == '/' || path[i] == '\\' || (unsigned char)path[i] < 0x20)
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
