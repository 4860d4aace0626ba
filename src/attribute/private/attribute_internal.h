/* Private helpers shared by attribution and cast discovery:
 * word classes, a name matcher, a tokenizer, what is learned of the cast
 * before attribution starts, and the run the training tool observes. */
#ifndef DRAMATIS_ATTRIBUTE_INTERNAL_H
#define DRAMATIS_ATTRIBUTE_INTERNAL_H

#include "book.h"

#include <stddef.h>

/* A name or alias of one character, as the matcher looks for it. */
struct attr_name {
    const char *s;      /* not owned: points into book->characters */
    size_t len;
    int character;
    int weak;           /* lowercase alias ("sensei"): only a vocative */
    int described;      /* a description (`The Old Man`): found in either
                         * case (`said the old man`) */
};

struct attr_names {
    struct attr_name *names;   /* by first letter (case folded), then longest first */
    size_t n;
    size_t bucket[257];        /* names[bucket[b], bucket[b + 1]) open on letter b */
    char **owned;              /* forms made here (`the captain`), freed with it */
    size_t n_owned;
};

enum attr_tok_kind {
    ATTR_TOK_WORD = 0,
    ATTR_TOK_NAME,
    ATTR_TOK_PUNCT
};

struct attr_tok {
    size_t start, end;       /* bytes in book->text */
    enum attr_tok_kind kind;
    int character;           /* ATTR_TOK_NAME: whose name */
    int possessive;          /* `Mara's` */
    int weak;                /* ATTR_TOK_NAME: a weak name (`sensei`, `uncle`) */
    char punct;              /* ATTR_TOK_PUNCT: ASCII stand-in ('-' for a dash) */
};

/* Pronoun classes returned by attr_pronoun(). */
enum attr_pron {
    ATTR_PRON_NONE = 0,
    ATTR_PRON_HE,        /* he, him, his, himself */
    ATTR_PRON_SHE,       /* she, her, hers, herself */
    ATTR_PRON_I,         /* I (the first-person narrator) */
    ATTR_PRON_IT         /* it, they: gender unknown */
};

/* Nonzero when a name is a description of a person rather than a name:
 * it opens on an article, a possessive or a quantifier (`The Captain`,
 * `My Father`, `One Of Them`, `Somebody`). */
int attr_is_description(const char *name, size_t len);

/* Builds the matcher from book->characters (names must outlive it): every
 * name and alias, and each word of a many-word name that no other
 * character's names hold and the text never writes in lowercase
 * (`Poirot` for `Hercule Poirot`, not `Hale` when there are two); and
 * for a name opening on a rank or role the text also writes as a common
 * noun, `the` and that word (`the captain` for `Captain Hale`) when no
 * one else holds it. */
dramatis_status attr_names_init(struct attr_names *names, const struct dramatis_book *book);
void attr_names_cleanup(struct attr_names *names);

/* Length of the longest character name starting at pos (a word start), with
 * a possessive or honorific suffix; 0 if none.  Sets *character, and
 * *weak (when not NULL) for a weak name. */
size_t attr_names_match(const struct attr_names *names, const char *text, size_t size,
                        size_t pos, int allow_weak, int *character, int *possessive, int *weak);

/* Splits text[start, end) into tokens (names matched when names != NULL,
 * weak ones too with allow_weak); returns the number written, at most max. */
size_t attr_tokenize(const char *text, size_t start, size_t end,
                     const struct attr_names *names, int allow_weak,
                     struct attr_tok *toks, size_t max);

/* Case-insensitive comparison of a token with an ASCII word. */
int attr_tok_is(const char *text, const struct attr_tok *t, const char *word);
/* Whether token t is a word of the NULL-terminated list. */
int attr_tok_in(const char *text, const struct attr_tok *t, const char *const *list);

/* Whether the name at t[a, b) is the teller naming themself: `my name is
 * Ann`, `I call myself Ann`, `I, Ann Lee, being of sound mind`. */
int attr_self_named(const char *text, const struct attr_tok *t, size_t n, size_t a, size_t b);

/* The pronoun class of a word. */
enum attr_pron attr_pronoun(const char *s, size_t n);

/* Gender of a common noun naming a person (`wife`, `father`, `girl`). */
dramatis_gender attr_noun_gender(const char *s, size_t n);

/* Gender a title implies (`Mr.` male, `Miss` female); -1 when not a title. */
int attr_title_gender(const char *s, size_t n);

/* The rank or calling a title stands for, in lowercase (`Dr.` and `Doctor`:
 * "doctor"; `Capt.`: "captain"), the word a text calls its bearer by (`the
 * doctor`); NULL for other titles (`Mr.`, `Aunt`, `Lady`). */
const char *attr_title_rank(const char *s, size_t n);

/* Nonzero for Japanese honorific suffixes written after a hyphen. */
int attr_is_honorific(const char *s, size_t n);

/* A paragraph's tokens, segment by segment: segment i is toks[seg_from[i],
 * seg_to[i]).  The buffers are reused from one paragraph to the next. */
struct attr_reader {
    const struct dramatis_book *book;
    const struct attr_names *names;   /* NULL: no names matched */
    struct attr_tok *toks;
    size_t cap_toks;
    size_t *seg_from, *seg_to;
    size_t cap_segs;
};

/* Tokenizes every segment of p (names in dialogue include weak ones). */
dramatis_status attr_read_paragraph(struct attr_reader *r, const struct paragraph *p);
void attr_reader_cleanup(struct attr_reader *r);

/* ---- what attribution learns about the cast before it starts (people.c) ---- */

/* A bare surname that is also a cast entry of its own goes to the bearer
 * whose other names the book uses most. */
dramatis_status attr_prefer_salient_surnames(struct attr_names *names, struct attr_reader *r);

/* Gender of every character into gender[]: the cast's, else titles and
 * pronouns after its name; written back to the book where it was unknown.
 * mentions[c] gets how often the book names c. */
dramatis_status attr_infer_genders(struct dramatis_book *book, struct attr_reader *r,
                                   dramatis_gender *gender, long *mentions);

/* The character who says `I`: the cast's (alias `I`), else the one others
 * address but the narration never names; -2 for a first-person narrator
 * the cast does not name, -1 when the book is not told in the first person. */
int attr_find_narrator(struct attr_reader *r);

/* The character called `title` + the surname of character c (`Mrs. Gray`
 * for `Mr. Gray`), or -1. */
int attr_spouse_of(const struct dramatis_book *b, int c, const char *title);

/* Receives, for the tools that learn the weights, each candidate of a
 * quote (index of n_cands) with its features (scoring.h); a quote
 * without candidates is reported once with character -1. */
typedef void (*attr_observer)(void *ctx, const struct segment *seg, size_t index, int character,
                              const double *features, size_t n_cands);

/* attribute_book() with the given weights (NULL: weights.c), telling
 * observe (may be NULL) every candidate it weighs. */
dramatis_status attr_run(struct dramatis_book *book, const double *weights, attr_observer observe,
                         void *observe_ctx, struct dramatis_error *err);

/* Discovers the cast of a book that has none (discover.c). */
dramatis_status attr_discover_cast(struct dramatis_book *book, struct dramatis_error *err);

#endif
