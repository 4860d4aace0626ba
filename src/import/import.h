/* Import: a file in any supported format becomes a book (title, author,
 * chapters, paragraphs), through one table of importers. */
#ifndef DRAMATIS_IMPORT_H
#define DRAMATIS_IMPORT_H

#include "book.h"

/* One importer of the table: a name for --input-format, a sniffer that says
 * how sure it is that the bytes are its format (0: not at all; plain text
 * answers 1 to anything, so it is the fallback), and the parser. */
struct importer {
    const char *name;
    int (*sniff)(const char *path, const char *data, size_t size);
    dramatis_status (*parse)(const char *path, const char *data, size_t size,
                             struct dramatis_book **out, struct dramatis_error *err);
};

/* The importers, NULL-name terminated. */
extern const struct importer import_table[];

/* The importer called name, or NULL. */
const struct importer *import_find(const char *name);

/* Reads path ("-": standard input) and builds its book with the importer
 * called format, or, when format is NULL, the one whose sniffer is surest
 * (by content, then by extension).  A file in UTF-16 with a byte-order mark
 * is read as UTF-8, its offsets kept in a source map.  A missing,
 * unreadable, empty or unusable file is an error naming it. */
dramatis_status import_load(const char *path, const char *format, struct dramatis_book **out,
                            struct dramatis_error *err);

/* DRAMATIS_OK when text[0..size) is UTF-8 without NUL bytes, else an error
 * at the offending byte's offset and line. */
dramatis_status import_check_utf8(const char *path, const char *text, size_t size,
                                  struct dramatis_error *err);

/* ---- text.c: plain text */

/* Builds a book from UTF-8 text (optional BOM, LF or CRLF).  The book takes
 * a copy of text; path is kept for messages.  Chapters come from headings
 * (`Chapter 3`, `CHAPTER III.`, `Chapter 2: The Bench`, `# Title`, AO3's
 * `Chapter Text`); a text without headings is one chapter.  Paragraphs are
 * blank-line separated blocks (hard-wrapped lines joined) or one per line.
 * Paragraph segments are left empty for the segmenter. */
dramatis_status import_text_parse(const char *path, const char *text, size_t size,
                                  struct dramatis_book **out, struct dramatis_error *err);

/* ---- epub.c, html.c, markdown.c: the markup formats.  book->text is the
 * extracted text (paragraphs and headings separated by blank lines) and
 * book->source maps it back to the documents' bytes. */

/* EPUB 2 and 3: spine order, chapter titles from the nav or NCX, metadata
 * and cover from the package; AO3 and Project Gutenberg layouts. */
dramatis_status import_epub_parse(const char *path, const char *data, size_t size,
                                  struct dramatis_book **out, struct dramatis_error *err);

/* One HTML file: AO3's download, Project Gutenberg's HTML, a saved page. */
dramatis_status import_html_parse(const char *path, const char *data, size_t size,
                                  struct dramatis_book **out, struct dramatis_error *err);

/* Markdown (CommonMark, libcmark): `#` headings, emphasis, YAML front matter. */
dramatis_status import_markdown_parse(const char *path, const char *data, size_t size,
                                      struct dramatis_book **out, struct dramatis_error *err);

/* A title from a file name: `books/Emma.epub` -> `Emma`; "Untitled" when
 * there is none (standard input).  NULL when out of memory. */
char *import_title_from_path(const char *path);

/* DRAMATIS_OK when the book has something to read, else an error naming path. */
dramatis_status import_book_check(const char *path, const struct dramatis_book *book,
                                  struct dramatis_error *err);

#endif
