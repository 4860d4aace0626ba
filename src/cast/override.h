/* Line overrides: a key per quote that survives re-analysis, and pinning quotes to speakers. */
#ifndef DRAMATIS_OVERRIDE_H
#define DRAMATIS_OVERRIDE_H

#include "book.h"
#include "voicemap.h"

/* A key has the chapter number and at least this many words of the quote;
 * more when another quote of the chapter starts with the same words. */
#define OVERRIDE_KEY_WORDS 4

/* The keys of chapter c's segments in reading order (paragraph by
 * paragraph): "3 you could open it" for dialogue (chapter number, then the
 * first words lowercased without punctuation; never a '=' or ':', where
 * inih splits a line), NULL for narration and for quotes without words.
 * Free with override_keys_free(). */
dramatis_status override_chapter_keys(const struct dramatis_book *book, size_t c,
                                      char ***keys, size_t *n);
void override_keys_free(char **keys, size_t n);

/* Applies the map's [overrides] to the attributed book: every quote whose
 * chapter is the key's and whose words start with the key's words (the
 * exact quotes only, when some have no more words than the key) gets the
 * named speaker (a character's name or alias, or "narrator": then the
 * narrator reads it), rule "override" and confidence 1.  A key that
 * matches no quote adds a book warning "map:line: ..."; a speaker not in
 * the cast is an error at the map's line.  map may be NULL. */
dramatis_status override_apply(struct dramatis_book *book, const struct dramatis_voicemap *map,
                               struct dramatis_error *err);

#endif
