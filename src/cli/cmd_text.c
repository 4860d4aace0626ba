/* `dramatis text`: the text dramatis reads, as the importer extracted it. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int cmd_text(const struct cli *cli)
{
    struct dramatis_book *book = NULL;
    struct dramatis_error err;
    const char *text;
    size_t size;
    int rc = 0;

    memset(&err, 0, sizeof err);
    if (dramatis_book_load_format(cli->book, cli->input_format, &book, &err) != DRAMATIS_OK)
        return cli_report(&err);
    text = dramatis_book_text(book, &size);
    if (fwrite(text, 1, size, stdout) != size || fflush(stdout) != 0) {
        fputs("dramatis: cannot write the text\n", stderr);
        rc = 1;
    }
    dramatis_book_free(book);
    return rc;
}
