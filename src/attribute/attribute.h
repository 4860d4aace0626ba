/* Speaker attribution: who says each quote, chosen among candidates by
 * weighing the evidence for each. */
#ifndef DRAMATIS_ATTRIBUTE_H
#define DRAMATIS_ATTRIBUTE_H

#include "book.h"

/* Sets speaker, rule and confidence of every dialogue segment, choosing among
 * book->characters.  When the book has no characters yet, discovers them in
 * the text first. */
dramatis_status attribute_book(struct dramatis_book *book, struct dramatis_error *err);

#endif
