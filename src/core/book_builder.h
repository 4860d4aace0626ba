/* The book builder: how every importer makes a book, chapter by chapter and
 * paragraph by paragraph, whatever the format it reads. */
#ifndef DRAMATIS_BOOK_BUILDER_H
#define DRAMATIS_BOOK_BUILDER_H

#include "book.h"

/* A book being built; caller-owned (book_builder_init / _cleanup). */
struct book_builder {
    struct dramatis_book *book;   /* the book so far; NULL once finished */
    size_t cap_chapters;
    size_t cap_paragraphs;        /* of the last chapter */
};

/* Starts a book whose text is a copy of text[0..size) (NUL-terminated in
 * the book); path is kept for messages. */
dramatis_status book_builder_init(struct book_builder *b, const char *path, const char *text,
                                  size_t size);

/* Starts a chapter titled title (copied), whose heading spans
 * [title_start, title_end) of the text (both 0 when it has none). */
dramatis_status book_builder_chapter(struct book_builder *b, const char *title, size_t title_start,
                                     size_t title_end);

/* The chapter paragraphs go to now, or NULL before the first one. */
struct chapter *book_builder_current(struct book_builder *b);

/* Adds paragraph [start, end) of the text to the current chapter. */
dramatis_status book_builder_paragraph(struct book_builder *b, size_t start, size_t end,
                                       int scene_break_before);

/* Hands over the book, without the chapters that got no paragraph (front
 * matter, a heading at the end); the builder is empty afterwards. */
struct dramatis_book *book_builder_finish(struct book_builder *b);

/* Frees what finish did not hand over; safe after finish. */
void book_builder_cleanup(struct book_builder *b);

#endif
