/* Pronunciations: the voice map's respellings, applied to what is read aloud. */
#ifndef DRAMATIS_PRONOUNCE_H
#define DRAMATIS_PRONOUNCE_H

#include "book.h"
#include "voicemap.h"

/* Writes into *out the text to speak for text: every whole-word match of a
 * pronunciation key (case-insensitive, also before a possessive 's, never
 * inside another word: "Rin" leaves "Rinse" alone) replaced by its value,
 * and "[" / "]" of a text that holds "[[" turned into spaces so only the
 * map's own [[phonemes]] reach espeak-ng as phonemes.  *out is NULL when
 * nothing changes. */
dramatis_status pronounce_text(const struct dramatis_voicemap *map, const char *text,
                               char **out);

/* Fills segment.spoken and chapter.spoken_title of every segment and title
 * that pronounce_text() changes (text itself stays as it is); map may be
 * NULL. */
dramatis_status pronounce_book(struct dramatis_book *book, const struct dramatis_voicemap *map,
                               struct dramatis_error *err);

#endif
