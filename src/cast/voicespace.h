/* Voices as a listener hears them: measured profiles from the voice table,
 * the distance between two voices, and who talks with whom. */
#ifndef DRAMATIS_VOICESPACE_H
#define DRAMATIS_VOICESPACE_H

#include "book.h"
#include "voice_table.h"

/* Two voices this far apart (voice_distance) are told apart: 2 semitones
 * of mean pitch, or another accent, each count 1. */
#define VOICE_DISTINCT 1.0

/* Dialogue lines this close (counted in dialogue lines of one chapter) are
 * one conversation: their speakers talk with each other. */
#define TALK_WINDOW 3

/* What one voice setting sounds like, from the table. */
struct voice_profile {
    const struct voice *v;           /* the setting described */
    const struct voice_measure *m;   /* NULL: not in the table (another
                                      * language, an unknown spelling) */
    double f0;                       /* mean pitch in Hz; 0 if unknown */
    double wpm;                      /* words a minute; 0 if unknown */
};

/* The table row of a voice name ("en-us+f3", any case; "en-gb" is read as
 * espeak-ng reads it, "en"), or NULL. */
const struct voice_measure *voice_table_find(const char *name);

/* Mean F0 of m at a pitch setting 0-100, interpolated in semitones between
 * the measured settings (extrapolated past them). */
double voice_table_f0(const struct voice_measure *m, int pitch);

/* Words a minute of m at an espeak-ng rate (proportional: measured on the
 * table's passage, rates 120-200 stay within 3% of it). */
double voice_table_wpm(const struct voice_measure *m, int rate);

/* Looks v up in the table; out keeps pointing at v. */
void voice_profile_of(const struct voice *v, struct voice_profile *out);

/* voice_distance() and voice_separable() of looked-up profiles (casting
 * compares thousands of candidates). */
double voice_profile_distance(const struct voice_profile *a, const struct voice_profile *b);
int voice_profile_separable(const struct voice_profile *a, const struct voice_profile *b);

/* How far apart two voices sound, in units of VOICE_DISTINCT: the root of
 * the summed squares of mean pitch (2 semitones = 1), accent (another = 1),
 * timbre (the median difference between two variants of one accent = 0.5)
 * and pace (15% = 1).  Voices not in the table: the same name counts pitch
 * settings 8 apart as 1, other names as far apart. */
double voice_distance(const struct voice *a, const struct voice *b);

/* Whether the bar every pair of main voices must clear is met: another
 * accent, or mean pitch at least 2 semitones apart. */
int voice_separable(const struct voice *a, const struct voice *b);

/* Writes "Hz, accent" facts about a and b for a warning into buf. */
void voice_explain(const struct voice *a, const struct voice *b, char *buf, size_t size);

/* An n x n matrix (n = book->n_characters, row-major) of how often two
 * characters speak within TALK_WINDOW dialogue lines of each other in a
 * chapter; NULL when out of memory (or n == 0).  free() it. */
unsigned *talk_matrix(const struct dramatis_book *book);

/* The character who tells the story in the first person (named or aliased
 * "I": the voice-map contract), or -1. */
int book_first_person(const struct dramatis_book *book);

#endif
