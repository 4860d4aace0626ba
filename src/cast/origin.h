/* Pronunciation by origin: names a book borrows from another language,
 * found by their spelling and the company they keep, spoken with that
 * language's syllables through espeak-ng phonemes in every voice. */
#ifndef DRAMATIS_ORIGIN_H
#define DRAMATIS_ORIGIN_H

#include "book.h"
#include "voicemap.h"

/* How one word reads in an origin's spelling: espeak-ng phonemes (English
 * phoneme table, so every voice can speak them) in "[[ ]]", a respelling
 * for people ("ee-ROO-kah"), and how long and how marked the word is. */
struct origin_reading {
    char phonemes[256];
    char hint[128];
    size_t syllables;
    size_t vowels;       /* vowel letters, a long vowel counting two */
    int marked;          /* spelt with a letter only this origin uses (ō) */
};

/* Reads word as romanised Japanese (Hepburn): every letter must fall into
 * its syllables (k, s, sh, ch, ts, ... plus a vowel, the moraic n, doubled
 * consonants, long vowels ō/ou).  0 when it cannot be Japanese. */
int origin_read_japanese(const char *word, struct origin_reading *out);

/* Fills book->pronunciations: the map's [pronunciations] first, then the
 * names found to be of another origin (see README: a capitalised word in a
 * name's place, more often capitalised than not, spelt as romaji, and either
 * carrying an honorific (-san, -sensei, -kun, -chan, -sama, ...) or a
 * macron, or at least three vowels long in a book where some name carries
 * one), each with its honorifics.  The map wins for the words it gives.
 * Then applies them all to what is read aloud (segment.spoken,
 * chapter.spoken_title). */
dramatis_status origin_apply(struct dramatis_book *book, const struct dramatis_voicemap *map,
                             struct dramatis_error *err);

/* What to speak for text with the book's pronunciations; *out NULL when
 * nothing changes. */
dramatis_status origin_spoken_text(const struct dramatis_book *book, const char *text,
                                   char **out);

#endif
