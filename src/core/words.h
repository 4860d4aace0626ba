/* Word classes every stage shares: the one definition of a verb that
 * reports speech (the segmenter's `said "..."`, attribution's speech tags)
 * and of the gestures that can carry a quote as a tag. */
#ifndef DRAMATIS_WORDS_H
#define DRAMATIS_WORDS_H

#include <stddef.h>

/* What a verb can do for a quote. */
enum word_verb {
    WORD_VERB_NONE = 0,
    WORD_VERB_SPEECH,   /* reports speech: said, asks, replying, whispered */
    WORD_VERB_BEAT,     /* a gesture or sound that can carry a quote as its
                         * tag (`"Fine," she shrugged.`): nodded, smiled,
                         * sighed, laughed */
    WORD_VERB_PHRASAL   /* reports speech only with its particle: went on,
                         * broke in, put in, chimed in; `He put the cup
                         * down.` is no speech tag */
};

/* Which form of the verb a word is. */
enum word_form {
    WORD_FORM_BASE = 0, /* say, whisper: also the noun of many (`a whisper`) */
    WORD_FORM_S,        /* says, whispers: also a plural (`her whispers`) */
    WORD_FORM_PAST,     /* said, whispered, spoken */
    WORD_FORM_ING       /* saying, whispering */
};

/* The class of the word s[0, n) (ASCII letters, either case; `'` as the
 * straight apostrophe) in any simple form: regular forms are derived from
 * the base (reply -> replies, replied, replying; nod -> nodded), irregular
 * ones listed (said, told, spoke, broke).  *form (may be NULL) gets the
 * form.  A sorted table and binary search: this is on the hot path of
 * attribution. */
enum word_verb word_verb(const char *s, size_t n, enum word_form *form);

/* Nonzero for a verb that reports speech: `said`, `asks`, `whispered`. */
int word_is_speech_verb(const char *s, size_t n);

/* Nonzero for a verb that can tag a quote: one that reports speech or a
 * gesture that carries it (`nodded`, `smiled`, `shrugged`). */
int word_is_tag_verb(const char *s, size_t n);

/* Nonzero when the word verb[0, n) with the word next[0, m) after it
 * reports speech as a phrase: `went on`, `broke in`, `put in`. */
int word_is_phrasal_speech(const char *verb, size_t n, const char *next, size_t m);

#endif
