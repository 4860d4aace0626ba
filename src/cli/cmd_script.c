/* `dramatis script`: who says what, as JSON lines or a screenplay. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int cmd_script(const struct cli *cli)
{
    struct dramatis_book *book = NULL;
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    int rc;

    memset(&err, 0, sizeof err);
    rc = cli_load_cast(cli, &book, &map);
    if (rc == 0 && dramatis_script_write_src(book, stdout, cli->format, cli->timing, cli->src,
                                              &err) != DRAMATIS_OK)
        rc = cli_report(&err);
    dramatis_book_free(book);
    dramatis_voicemap_free(map);
    return rc;
}
