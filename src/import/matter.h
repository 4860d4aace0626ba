/* Front and back matter: what a book file holds besides the story (Project
 * Gutenberg's licence and header, title pages, contents, editors' inserts,
 * transcriber's notes) and how volumes group chapters, for every importer. */
#ifndef DRAMATIS_MATTER_H
#define DRAMATIS_MATTER_H

#include "book.h"

#include <stddef.h>

/* What one line or paragraph t[s, e) is on its own (its first line
 * decides). */
enum matter_kind {
    MATTER_NONE = 0,      /* none of the below: maybe story */
    MATTER_LICENCE_START, /* `*** START OF THE PROJECT GUTENBERG EBOOK X ***`,
                           * `*END*THE SMALL PRINT! ...`: the book follows */
    MATTER_LICENCE_END,   /* `*** END OF THIS PROJECT GUTENBERG EBOOK X ***`,
                           * `End of the Project Gutenberg EBook of X`,
                           * `End of Project Gutenberg's X`: the book is over */
    MATTER_INSERT,        /* opens an editor's insert that lasts to its closing
                           * bracket: `[Illustration: ...]`, `[Footnote 1: ...]`,
                           * `[Transcriber's Note: ...]`, `[Sidenote: ...]` */
    MATTER_FOOTNOTE,      /* a footnote's text: `[1] See ...`, `[A] ...` */
    MATTER_CREDITS,       /* `Produced by ...`, `E-text prepared by ...` */
    MATTER_CONTENTS,      /* `Contents`, `Table of Contents`, `List of Illustrations` */
    MATTER_NOTES,         /* `Transcriber's Notes`: notes follow */
    MATTER_VOLUME_END     /* `END OF VOL. I.`, `End of the Second Volume` */
};

enum matter_kind matter_classify(const char *t, size_t s, size_t e);

/* How many brackets are open after t[s, e), given depth open before it:
 * where an insert that spans lines or paragraphs closes. */
int matter_insert_depth(const char *t, size_t s, size_t e, int depth);

/* Reads a licence header, t[s, e) up to its START line: `Title:`,
 * `Author:`, `Release Date:` (meta.date, without `[EBook #1342]`) and
 * `Language:` (meta.language as BCP 47, `English` -> `en`) fill what the
 * book does not have yet; a title may go on over indented lines.  Without
 * those lines, `The Project Gutenberg EBook of TITLE, by AUTHOR` names it. */
dramatis_status matter_read_header(struct dramatis_book *book, const char *t, size_t s, size_t e);

/* Whether t[s, e) is name (a title or an author's name) written another
 * way: case, punctuation, curly or straight apostrophes, `&` for `and`.  A
 * line that is the start of a longer title (`FRANKENSTEIN` for
 * `Frankenstein; or, The Modern Prometheus`) counts too. */
int matter_same_name(const char *t, size_t s, size_t e, const char *name);

/* Whether t[s, e) reads as a person's name: `Lewis Carroll`, `J. M.
 * Barrie`, `Jane Austen.` (two to five capitalised words or initials, a
 * particle such as `de` or `van` among them). */
int matter_is_name(const char *t, size_t s, size_t e);

/* Whether the heading word t[s, e) groups chapters: `Volume`, `Vol.`,
 * `Book`, `Part`. */
int matter_is_group_word(const char *t, size_t s, size_t e);

/* A book's blocks in reading order, as an importer sees them: what it
 * found (in) and what the rules make of them (out). */
enum matter_role {
    MATTER_TEXT = 0, /* in: a paragraph, story unless marked */
    MATTER_CHAPTER,  /* in: a chapter heading; out: also a group heading
                      * that story follows directly (`PART ONE`, then prose) */
    MATTER_GROUP,    /* in: `VOLUME II`, `BOOK 3`, `PART ONE` heading; out:
                      * one that groups the chapters after it */
    MATTER_OTHER,    /* in: what the importer keeps to itself (a scene break) */
    MATTER_SKIP,     /* in and out: never read */
    MATTER_NAME      /* out: the group heading's title line before it
                      * (`BOOK I` / `The Recall` / `CHAPTER I`) */
};

struct matter_block {
    size_t start, end;   /* the block's span of the text; narrowed by the rules */
    enum matter_role role;
};

/* Marks what is not story among blocks[0..n): editors' inserts (a
 * paragraph that begins or ends with one is narrowed to what is left) and
 * footnotes, credits before the first heading, transcriber's notes (up to
 * the next heading; after the last, to the end), a table of contents (from
 * its `Contents` line to the first heading that a chapter's prose
 * follows), and title pages: short lines in title case before a heading,
 * from the first that names the book or its author, ends a volume, has a
 * volume heading or a title-page word (`A Novel.`, `In Three Volumes.`,
 * `Edition`, a year) on, and from the book's start when they open it.
 * Group headings stay; one that prose follows becomes a chapter, and a
 * short line between it and the next heading its name (MATTER_NAME).
 * title and author may be NULL. */
void matter_mark(const char *t, struct matter_block *blocks, size_t n, const char *title,
                 const char *author);

#define MATTER_GROUP_LEVELS 3

/* The volumes, books and parts the chapters are in, outermost first. */
struct matter_groups {
    char *label[MATTER_GROUP_LEVELS];   /* readable: `Volume 2`, `Book 1: The Recall` */
    size_t n;
};

void matter_groups_init(struct matter_groups *g);
void matter_groups_cleanup(struct matter_groups *g);

/* Enters the group headed label (copied): it takes the place of the group
 * with the same word (`Volume`) and of everything inside that; a new word
 * nests inside the groups already open. */
dramatis_status matter_groups_enter(struct matter_groups *g, const char *label);

/* A chapter's title inside its groups: `Volume 2: Chapter 1`; NULL when
 * out of memory. */
char *matter_groups_title(const struct matter_groups *g, const char *chapter_title);

/* The group before label when label is the second (`Volume 2`, `Part
 * Two`): `Volume 1`, `Part One`; else NULL.  The chapters before a book's
 * first `VOL. II.` are in volume 1 even when its heading is missing. */
char *matter_group_before(const char *label);

#endif
