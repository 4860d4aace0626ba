/* `dramatis render`: the chaptered Ogg Opus audiobook. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int cmd_render(const struct cli *cli)
{
    struct dramatis_book *book = NULL;
    struct dramatis_voicemap *map = NULL;
    struct dramatis_render_options opt;
    struct dramatis_error err;
    char path[4096];
    int rc;

    memset(&err, 0, sizeof err);
    memset(&opt, 0, sizeof opt);
    opt.out_dir = cli->out_dir;
    opt.bitrate = (int)cli->bitrate;
    opt.complexity = (int)cli->complexity;
    opt.set_complexity = cli->complexity >= 0;
    opt.quiet = cli->quiet;
    rc = cli_load_cast(cli, &book, &map);
    if (rc == 0 && dramatis_render(book, &opt, &err) != DRAMATIS_OK)
        rc = cli_report(&err);
    else if (rc == 0 && !cli->quiet &&
             dramatis_render_path(book, cli->out_dir, path, sizeof path) == DRAMATIS_OK)
        fprintf(stderr, "dramatis: wrote %s\n", path);
    dramatis_book_free(book);
    dramatis_voicemap_free(map);
    return rc;
}
