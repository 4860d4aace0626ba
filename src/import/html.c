/* HTML import: one HTML file (an AO3 download, a Project Gutenberg HTML
 * book, a saved page) read by libxml2's HTML parser into the extracted
 * text, with the title and metadata its head or AO3's preface gives. */
#include "import.h"

#include "error.h"
#include "extract.h"
#include "markup.h"

#include <stdlib.h>
#include <string.h>

dramatis_status import_html_parse(const char *path, const char *data, size_t size,
                                  struct dramatis_book **out, struct dramatis_error *err)
{
    struct extract ex;
    struct markup m;
    struct dramatis_book *book = NULL;
    xmlDoc *doc = NULL;
    size_t counts[7] = { 0 };
    char *fallback = NULL;
    dramatis_status st;

    *out = NULL;
    st = extract_init(&ex, path);
    markup_init(&m, &ex);
    if (st != DRAMATIS_OK)
        goto fail;
    doc = markup_parse_html(data, size, NULL);
    if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
        st = error_set(err, DRAMATIS_ERR_INPUT, path, 0, "not readable as HTML");
        goto fail_quiet;
    }
    markup_survey(&m, doc, counts);
    if (!m.ao3)
        markup_levels(&m, counts);
    markup_read_head(&m, doc);
    m.book_title = m.meta.title;
    st = extract_doc(&ex, path, data, size, EXTRACT_HTML);
    if (st == DRAMATIS_OK)
        st = markup_walk(&m, doc);
    if (st != DRAMATIS_OK)
        goto fail;
    fallback = m.meta.title ? NULL : import_title_from_path(path);
    st = extract_finish(&ex, m.meta.title ? m.meta.title : fallback, &book);
    if (st != DRAMATIS_OK)
        goto fail;
    markup_meta_to_book(&m.meta, book);
    if (book->title == NULL) {
        book->title = fallback;
        fallback = NULL;
    }
    st = import_book_check(path, book, err);
    if (st != DRAMATIS_OK)
        goto fail_quiet;
    *out = book;
    book = NULL;
    goto done;

fail:
    error_set(err, st, path, 0, NULL);
fail_quiet:
done:
    dramatis_book_free(book);
    free(fallback);
    xmlFreeDoc(doc);
    markup_cleanup(&m);
    extract_cleanup(&ex);
    return st;
}
