/* Evidence read from the text around one quote: the subject of a speech
 * tag or an action beat, the listener a tag names, the names a quote
 * addresses.  Pure functions over the tokens of attr_tokenize(). */
#ifndef DRAMATIS_ATTRIBUTE_EVIDENCE_H
#define DRAMATIS_ATTRIBUTE_EVIDENCE_H

#include "attribute_internal.h"

#define ATTR_MAX_VOC 4   /* names addressed in one quote that are kept */

/* What stands in subject position of a speech tag or narration sentence. */
enum attr_subj_kind {
    ATTR_SUBJ_NONE = 0,
    ATTR_SUBJ_NAME,     /* `Tobias`, `the ferryman` */
    ATTR_SUBJ_PRON,     /* `he`, `she`, `it` */
    ATTR_SUBJ_NOUN,     /* `his wife`, `the old man`: a gender, like a pronoun */
    ATTR_SUBJ_OTHER,    /* `the other`, `my companion`: the other party */
    ATTR_SUBJ_I         /* `I`: the first-person narrator */
};

struct attr_subject {
    enum attr_subj_kind kind;
    int character;          /* ATTR_SUBJ_NAME: whose name */
    dramatis_gender gender; /* pronoun or noun */
    int owner;              /* `his wife`: 1 his, 2 her, 0 none */
    int spouse;             /* the noun is wife, husband or lady */
    int parent;             /* the noun is father, mother, papa or mamma */
    int voice;              /* `Ann's voice`, `her voice`: the person speaking */
    size_t desc_start, desc_end;  /* ATTR_SUBJ_NOUN: the description's
                                   * bytes (`the old man`), or 0, 0 */
};

/* What the narration beside a quote says about who speaks it. */
struct attr_tag {
    struct attr_subject subj;
    const char *rule;   /* "tag-after", "tag-before", "tag-inside", "beat" */
    int is_tag;         /* a verb of speech: stronger than a beat */
    size_t pos;         /* byte offset of the subject */
    struct attr_subject to;  /* `said Mr. Hale to his wife`: the listener */
};

/* An adverb (`softly`, `then`), a sentence stop. */
int attr_is_adverb(const char *text, const struct attr_tok *t);
int attr_is_stop(const struct attr_tok *t);

/* Nonzero when token t is a verb that can tag a quote in some use
 * (words.h: `said`, `nodded`, `went` of `went on`). */
int attr_is_verb(const char *text, const struct attr_tok *t);

/* Nonzero when t[k] tags a quote here: a verb of speech or a gesture
 * (`said`, `nodded`), or a phrasal one with its particle after it
 * (`went on`, `put in`; not `put the cup down`). */
int attr_is_verb_at(const char *text, const struct attr_tok *t, size_t n, size_t k);

/* Reads a subject at t[i]: `Tobias`, `he`, `the ferryman`, `his wife`,
 * `the other`, `I`; returns the index after it, or i if there is none. */
size_t attr_parse_subject(const char *text, const struct attr_tok *t, size_t n, size_t i,
                          struct attr_subject *s);

/* A description of a person at t[i] that no name matches, as the subject
 * of a speech tag: `the young man`, `a stranger`, `one of the women`,
 * `somebody`; with before_verb, a verb of speech must follow it
 * (`the parson said`), else the tag must end or pause after it (`said
 * the parson, smiling`).  Returns the index after it, or i. */
size_t attr_parse_description(const char *text, const struct attr_tok *t, size_t n, size_t i,
                              int before_verb, struct attr_subject *s);

/* The tag or beat in the narration t[0, n) right after a quote:
 * `"Yes," said Ann.` `"Yes," Ann asked.` `"Yes." Ann smiled.` (beat). */
int attr_tag_after(const char *text, const struct attr_tok *t, size_t n, struct attr_tag *tag);

/* The tag or beat in the narration t[0, n) right before a quote, its last
 * sentence: `Ann asked, "` `Ann turned to him and said: "`, `Ann smiled. "` (beat). */
int attr_tag_before(const char *text, const struct attr_tok *t, size_t n, struct attr_tag *tag);

/* Names a quote's tokens address (`Ann, you...`, `...thank you, Ann!`),
 * at most ATTR_MAX_VOC into out; other names it holds go to mentioned. */
size_t attr_vocatives(const char *text, const struct attr_tok *t, size_t n, int *out,
                      int *mentioned, size_t *n_mentioned);

/* Nonzero when t[k] opens a sentence or clause, past adverbs before it. */
int attr_opens_clause(const char *text, const struct attr_tok *t, size_t k);

/* Nonzero when the name at t[k] is one of two joined by `and`. */
int attr_coordinated(const char *text, const struct attr_tok *t, size_t n, size_t k);

/* Nonzero when t[k] follows a preposition: `she turned to Ann`, `alone
 * with Ann`; someone named so is not whom the sentence is about. */
int attr_object_of_preposition(const char *text, const struct attr_tok *t, size_t k);

/* Nonzero when a word can go on a sentence whose subject came before it:
 * `has`, `was`, `thinks`, `wanted`. */
int attr_predicate_start(const char *text, const struct attr_tok *t);

#endif
