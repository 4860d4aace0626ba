/* The plain-text importer's own parts: lines, blocks, headings and front
 * matter, shared by text.c, headings.c and front_matter.c. */
#ifndef DRAMATIS_TEXT_INTERNAL_H
#define DRAMATIS_TEXT_INTERNAL_H

#include "book_builder.h"
#include "buf.h"
#include "spans.h"

#include <stddef.h>

#define HEADING_MAX 80               /* headings are short lines on their own */
#define TITLE_MAX 100                /* a first line longer than this is prose */
#define WRAP_MAX 100                 /* hard-wrapped lines are shorter than this */
#define RUN_ON_MIN 40                /* a block this many lines long may be paragraphs run together */
#define BREAK_MAX 40                 /* scene-break markers are short */
#define NOTES_MAX 2000               /* end notes longer than this are story text */
#define ARRAY_MAX ((size_t)1 << 31)

/* What a block of lines (or one line of it) is to the book.  A block is a
 * paragraph-to-be or a line that stands on its own. */
enum block_kind {
    BLOCK_TEXT = 0,      /* a paragraph */
    BLOCK_HEADING,       /* `Chapter 3`, `CHAPTER III.`, `# Title` */
    BLOCK_CHAPTER_TEXT,  /* AO3's bare `Chapter Text` marker */
    BLOCK_LEFTOVER,      /* web-page words such as `Actions` */
    BLOCK_NOTES,         /* `Notes:`, `Summary:`: what follows is not story */
    BLOCK_BREAK,         /* `* * *`, `~*~*~`: a scene break */
    BLOCK_GROUP          /* `VOL. II.`, `BOOK 3`: names the chapters after it */
};

struct line {
    size_t start, end;   /* without surrounding white space; equal when blank */
    size_t indent;       /* bytes of white space before start */
};

struct block {
    enum block_kind kind;
    size_t start, end;           /* trimmed span */
    size_t head_end;             /* heading: end of the heading line itself */
    size_t n_lines;
    size_t sub_start, sub_end;   /* heading: its title on the next line; 0 if none */
};

/* The parts of a chapter heading line. */
struct heading {
    size_t word_start, word_end;   /* `Chapter`, `Part`; empty for `# Title` */
    size_t num_start, num_end;     /* `3`, `III`, `Three` */
    size_t title_start, title_end; /* text after the separator; may be empty */
};

/* The plain-text importer at work: the text as lines, then blocks. */
struct parser {
    const char *path;
    const char *t;        /* the book's copy of the text */
    size_t size;
    struct line *lines;
    size_t n_lines;
    struct block *blocks;
    size_t n_blocks;
    struct buf blocks_buf;
    size_t first_line, last_line;   /* the book's lines, without licence text */
    int per_line;         /* no blank lines anywhere: one paragraph per line */
    struct book_builder builder;
    struct dramatis_book *book;   /* builder.book: title and author go here */
    size_t title_start, title_end;   /* the title line, when the text had one */
};

/* ---- headings.c: lines that are not prose */
/* Kind of one trimmed line standing on its own. */
enum block_kind line_classify(const char *t, size_t s, size_t e);
/* Parses a heading line: `Chapter 3`, `CHAPTER III.`, `Chapter 2: The Bench`,
 * `Part Two - Home`, `Prologue`, `# Title`. */
int line_parse_heading(const char *t, size_t s, size_t e, struct heading *h);
int line_opens_quote(const char *t, size_t s, size_t e);
/* A line that can name a chapter: short, not a sentence fragment. */
int line_is_title(const char *t, size_t s, size_t e);
/* `by Jane Austen`: `by` and a space of any kind open the line. */
int line_starts_with_by(const char *t, size_t s, size_t e);
/* `DOWN THE RABBIT-HOLE`: letters all capitals. */
int line_is_caps(const char *t, size_t s, size_t e);
/* `The Bench at Night`: long words capitalised, no sentence end. */
int line_is_title_case(const char *t, size_t s, size_t e);
/* The readable title of a heading block: `CHAPTER III.` -> `Chapter 3`;
 * NULL when out of memory. */
char *block_heading_title(const char *t, const struct block *u);

/* ---- front_matter.c: what comes before and after the story */
/* Keeps only the lines between Project Gutenberg's START and END markers
 * (of every licence layout), taking title, author, date and language from
 * the licence header. */
dramatis_status front_skip_gutenberg(struct parser *p);
/* `Produced by ...` credits at the top are not read. */
void front_drop_credits(struct parser *p);
/* Title pages, contents, inserts and notes from block body on become
 * leftovers, volume headings groups (matter.h). */
dramatis_status front_mark_matter(struct parser *p, size_t body);
/* Title and `by` line of a plain text; *body is the first story block. */
dramatis_status front_read_plain_header(struct parser *p, size_t *body);
/* AO3's saved-page header: title and author; *body is the first story block. */
dramatis_status front_read_ao3_header(struct parser *p, size_t *body);
/* Without a title line: the file name, or its folder for generic names. */
dramatis_status front_title_from_path(struct parser *p);

#endif
