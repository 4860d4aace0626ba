/* Import of plain text: chapters, paragraphs, title; web leftovers dropped. */
#ifndef DRAMATIS_IMPORT_H
#define DRAMATIS_IMPORT_H

#include "book.h"

/* Builds a book from UTF-8 text (optional BOM, LF or CRLF).  The book takes
 * a copy of text; path is kept for messages.  Chapters come from headings
 * (`Chapter 3`, `CHAPTER III.`, `Chapter 2: The Bench`, `# Title`, AO3's
 * `Chapter Text`); a text without headings is one chapter.  Paragraphs are
 * blank-line separated blocks (hard-wrapped lines joined) or one per line.
 * Paragraph segments are left empty for the segmenter. */
dramatis_status import_text_parse(const char *path, const char *text, size_t size,
                                  struct dramatis_book **out, struct dramatis_error *err);

/* Reads path and calls import_text_parse; a missing, unreadable, empty or
 * non-UTF-8 file (with the byte offset) is an error. */
dramatis_status import_text_load(const char *path, struct dramatis_book **out,
                                 struct dramatis_error *err);

#endif
