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
    xmlDoc *doc = NULL;
    size_t counts[7] = { 0 };
    dramatis_status st;

    *out = NULL;
    st = extract_init(&ex, path);
    markup_init(&m, &ex);
    if (st != DRAMATIS_OK)
        goto fail;
    doc = markup_parse_html(data, size, NULL);
    if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
        st = error_set(err, DRAMATIS_ERR_INPUT, path, 0, "not readable as HTML");
        goto fail;
    }
    markup_survey(&m, doc, counts);
    if (!m.ao3)
        markup_levels(&m, counts);
    markup_read_head(&m, doc);
    m.book_title = m.meta.title;
    st = extract_doc(&ex, path, data, size, EXTRACT_HTML);
    if (st == DRAMATIS_OK)
        st = markup_walk(&m, doc);
    if (st == DRAMATIS_OK)
        st = markup_finish(&m, path, out, err);
fail:
    if (st != DRAMATIS_OK && err && err->code == DRAMATIS_OK)
        error_set(err, st, path, 0, NULL);
    xmlFreeDoc(doc);
    markup_cleanup(&m);
    extract_cleanup(&ex);
    return st;
}
