/* How a book is read aloud beyond its words: the pause table and the
 * opening announcement of its title and author. */
#ifndef DRAMATIS_READING_H
#define DRAMATIS_READING_H

#include "book.h"

/* The longest pause a map may set, in milliseconds. */
#define BOOK_PAUSE_MAX_MS 10000

/* The name a voice map's [pauses] section gives pause p ("paragraph"). */
const char *book_pause_name(enum book_pause p);

/* The pause called name (exactly as book_pause_name spells it), or -1. */
int book_pause_find(const char *name);

/* The pause's default, in milliseconds. */
long book_pause_default(enum book_pause p);

/* The book's pause p: the map's value when it set one, else the default. */
long book_pause_ms(const struct dramatis_book *book, enum book_pause p);

/* Sets book->announcement from the title and author ("Emma, by Jane
 * Austen", "Emma" when the author is unknown; NULL without a title) and
 * drops any spoken form of the earlier one. */
dramatis_status book_announce(struct dramatis_book *book);

/* Whether the announcement is read: the book has one and it is not off. */
int book_announces(const struct dramatis_book *book);

#endif
