/* Line overrides: a key per quote that survives re-analysis, and pinning quotes to speakers. */
#ifndef DRAMATIS_OVERRIDE_H
#define DRAMATIS_OVERRIDE_H

#include "book.h"
#include "quote_key.h"
#include "voicemap.h"

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
