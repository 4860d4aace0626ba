/* Segmenter: splits paragraphs into narration and quoted dialogue. */
#ifndef DRAMATIS_SEGMENT_H
#define DRAMATIS_SEGMENT_H

#include "book.h"

/* Fills every paragraph's segments.  Dialogue spans exclude the quote marks;
 * speakers are left at -1 for the attribution stage. */
dramatis_status segment_book(struct dramatis_book *book, struct dramatis_error *err);

#endif
