/* `dramatis cast`: the characters found, their lines and voices; --write saves the map. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int cmd_cast(const struct cli *cli)
{
    struct dramatis_book *book = NULL;
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    size_t i, before;
    int rc;

    memset(&err, 0, sizeof err);
    rc = cli_load_cast(cli, &book, &map);
    if (rc == 0) {
        before = dramatis_book_warning_count(book);
        if (dramatis_cast_check(book, &err) != DRAMATIS_OK)
            rc = cli_report(&err);
        for (i = before; rc == 0 && i < dramatis_book_warning_count(book); i++)
            fprintf(stderr, "dramatis: %s\n", dramatis_book_warning(book, i));
    }
    if (rc == 0 && dramatis_cast_write(book, stdout, &err) != DRAMATIS_OK)
        rc = cli_report(&err);
    if (rc == 0 && cli->write_map) {
        if (dramatis_voicemap_write(book, cli->write_map, &err) != DRAMATIS_OK)
            rc = cli_report(&err);
        else if (!cli->quiet)
            fprintf(stderr, "dramatis: wrote %s\n", cli->write_map);
    }
    dramatis_book_free(book);
    dramatis_voicemap_free(map);
    return rc;
}
