/* Reading (X)HTML documents parsed by libxml2 into the extracted text: the
 * walker the HTML and EPUB importers share, with AO3's and Project
 * Gutenberg's layouts. */
#ifndef DRAMATIS_MARKUP_H
#define DRAMATIS_MARKUP_H

#include "extract.h"

#include <libxml/tree.h>

/* What the markup says about the book (AO3's preface, <title>, <meta>). */
struct markup_meta {
    char *title, *author, *language, *description, *date, *series, *series_index, *genre;
};

/* A chapter a table of contents points to inside the current document. */
struct markup_target {
    const char *id;      /* the element's id */
    const char *label;   /* the chapter's title */
};

struct markup {
    struct extract *ex;
    struct markup_meta meta;
    int ao3;                 /* AO3's download layout */
    int chapter_level;       /* headings h1..hN open chapters (0: the contents do) */
    int title_level;         /* the one heading of this level is the book's title */
    int by_contents;         /* an EPUB's table of contents opens chapters */
    int chapter_head;        /* no paragraph yet since the chapter opened */
    int doc_fresh;           /* no paragraph yet in this document */
    int pg_ended;            /* past Project Gutenberg's END line */
    const char *book_title;  /* headings that repeat it open no chapter */
    const struct markup_target *targets;
    size_t n_targets;
    dramatis_status status;  /* the first failure */
};

void markup_init(struct markup *m, struct extract *ex);
void markup_cleanup(struct markup *m);
void markup_meta_cleanup(struct markup_meta *meta);

/* First pass over a document: AO3's preface, and counts of headings h1-h6
 * outside what is not read (counts[1..6]). */
void markup_survey(struct markup *m, xmlDoc *doc, size_t counts[7]);

/* From the counts of headings per level: the level that opens chapters (the
 * most frequent) and the book title's (one heading above them). */
void markup_levels(struct markup *m, const size_t counts[7]);

/* The block just written is a heading of level (1-6; 0: unknown): it opens
 * a chapter, names the one the contents opened, adds a subtitle, is the
 * book's title, or is read as a paragraph.  force: always a chapter's. */
dramatis_status markup_heading(struct markup *m, int level, int force);

/* Ends the block being written: a paragraph, a scene break, nothing. */
void markup_end_block(struct markup *m);

/* <title>, <meta name=...> and <html lang> of an HTML file, for what
 * nothing better gives. */
void markup_read_head(struct markup *m, xmlDoc *doc);

/* Reads the document's body into the extracted text. */
dramatis_status markup_walk(struct markup *m, xmlDoc *doc);

/* The folded text of a subtree (NULL when empty or out of memory). */
char *markup_node_text(xmlNode *n);

/* Whether the element's class attribute holds the token. */
int markup_has_class(xmlNode *n, const char *token);

/* Parses an HTML fragment (a description) into plain text, paragraphs on
 * lines of their own; NULL when empty. */
char *markup_html_to_text(const char *html, size_t len);

/* Gives the book what it lacks of meta (which keeps the rest). */
dramatis_status markup_meta_to_book(struct markup_meta *meta, struct dramatis_book *book);

/* Builds the book of a one-document format from what was walked: titled
 * as the markup says, or by the file's name; an error naming path when it
 * has nothing to read. */
dramatis_status markup_finish(struct markup *m, const char *path, struct dramatis_book **out,
                              struct dramatis_error *err);

/* Parses HTML bytes with libxml2's HTML parser: no network, no messages. */
xmlDoc *markup_parse_html(const char *data, size_t size, const char *encoding);

#endif
