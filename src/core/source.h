/* Where a book's text came from when an importer extracted it from markup
 * or a container (EPUB, HTML, Markdown, UTF-16 text): the documents, and
 * anchors that map offsets in book->text back to byte offsets in them. */
#ifndef DRAMATIS_SOURCE_H
#define DRAMATIS_SOURCE_H

#include "dramatis.h"

#include <stddef.h>

struct dramatis_book;

#define SOURCE_LINEAR ((size_t)-1)

/* From text offset `text` up to the next anchor, the text comes from
 * document `doc` at doc_off: byte for byte (doc_len SOURCE_LINEAR; in a
 * UTF-16 document, code point for code point), or, for an entity reference,
 * a folded run of white space or words the importer added, as a whole from
 * the doc_len bytes at doc_off (0: nothing in the document). */
struct source_anchor {
    size_t text;
    size_t doc_off;
    size_t doc_len;
    size_t doc;
};

enum source_encoding { SOURCE_UTF8 = 0, SOURCE_UTF16LE, SOURCE_UTF16BE };

struct source_doc {
    char *name;                   /* path inside the container, or the file */
    enum source_encoding encoding;
};

struct book_source {
    struct source_doc *docs;
    size_t n_docs, cap_docs;
    struct source_anchor *anchors;   /* ascending by text */
    size_t n_anchors, cap_anchors;
};

/* A new, empty source; NULL when out of memory. */
struct book_source *source_new(void);
void source_free(struct book_source *src);

/* Adds a document (name copied); its index in *index. */
dramatis_status source_add_doc(struct book_source *src, const char *name, size_t *index);

/* Appends an anchor; text must not be below the last anchor's (an anchor
 * at the same offset replaces it).  A linear anchor that continues the
 * last one byte for byte is not stored. */
dramatis_status source_anchor(struct book_source *src, size_t text, size_t doc, size_t doc_off,
                              size_t doc_len);

/* Drops the anchors at text offsets >= text (the importer took text back). */
void source_truncate(struct book_source *src, size_t text);

/* Rewrites the offsets of document doc, which the importer read as
 * utf8[0..len) converted from UTF-16, into offsets in the UTF-16 bytes
 * (after a BOM of bom bytes). */
dramatis_status source_doc_to_utf16(struct book_source *src, size_t doc, const char *utf8,
                                    size_t len, enum source_encoding encoding, size_t bom);

/* The document and byte span [*doc_start, *doc_end) that the text span
 * [start, end) of book->text comes from; NULL when the book has no source
 * (plain UTF-8 text: offsets are the file's) or no anchor covers start. */
const char *source_span(const struct dramatis_book *book, size_t start, size_t end,
                        size_t *doc_start, size_t *doc_end);

#endif
