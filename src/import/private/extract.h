/* The extracted text of a markup or container format: the importers of
 * EPUB, HTML and Markdown write decoded text into it, block by block, with
 * where each piece is in its document, and it builds the book. */
#ifndef DRAMATIS_EXTRACT_H
#define DRAMATIS_EXTRACT_H

#include "book.h"
#include "buf.h"
#include "source.h"

#include <stddef.h>

/* How a document's text is written in its bytes, for finding it there. */
enum extract_syntax {
    EXTRACT_HTML = 0,    /* text nodes begin after a '>'; &entities; */
    EXTRACT_MARKDOWN     /* anywhere; &entities; and backslash escapes */
};

/* One piece of a decoded text node and where it is in the document: byte
 * for byte (linear), or as a whole (an entity reference, a skipped CR). */
struct extract_piece {
    size_t dec;          /* offset in the decoded text */
    size_t raw, raw_len; /* its bytes in the document */
    int linear;
};

struct extract_chapter {
    char *title;                 /* NULL: the book's title */
    size_t title_start, title_end;
    size_t first_para;
};

struct extract_para {
    size_t start, end;
    int scene_break_before;
};

struct extract {
    const char *path;
    struct buf text;             /* the extracted text so far */
    struct book_source *src;
    size_t doc;                  /* the document being read */
    const char *raw;             /* its bytes */
    size_t raw_len, cursor;      /* cursor: where its text was last found */
    size_t align_budget;         /* bytes the search for text may still scan */
    enum extract_syntax syntax;
    int open;                    /* a block with text is open */
    size_t block_start;
    int space;                   /* a space is due before the next text */
    size_t space_raw, space_raw_len;
    int em_depth, em_open;       /* emphasis: depth, `_` owed before text */
    int pending_break;
    struct buf chapters;         /* struct extract_chapter */
    struct buf paras;            /* struct extract_para */
    struct buf pieces;           /* scratch: struct extract_piece */
};

dramatis_status extract_init(struct extract *ex, const char *path);
void extract_cleanup(struct extract *ex);

/* The next document: its name (the path in the container, or the file)
 * and bytes, which must outlive the reading of it. */
dramatis_status extract_doc(struct extract *ex, const char *name, const char *raw, size_t len,
                            enum extract_syntax syntax);

/* A decoded text node of the document: white space folded, found in the
 * document's bytes from the cursor on. */
dramatis_status extract_text(struct extract *ex, const char *s, size_t n);

/* White space at raw[off, off + len) (a soft line break). */
void extract_space(struct extract *ex, size_t off, size_t len);

/* Emphasis begins or ends: `_` around the words (the convention of plain
 * texts, which the normaliser reads). */
dramatis_status extract_emphasis(struct extract *ex, int begin);

/* Text the document does not hold (quote marks of <q>), as a whole at the
 * cursor. */
dramatis_status extract_insert(struct extract *ex, const char *s);

/* Ends the block being written: 1 and its span [*start, *end) of the text
 * when it holds text, else 0.  The caller then keeps it as a paragraph,
 * uses it as a title, or drops it. */
int extract_end(struct extract *ex, size_t *start, size_t *end);

/* Keeps the ended block [start, end) as a paragraph of the current chapter. */
dramatis_status extract_keep(struct extract *ex, size_t start, size_t end);

/* Keeps [start, end) in the text, as a heading, without a paragraph. */
dramatis_status extract_keep_heading(struct extract *ex, size_t start, size_t end);

/* Takes the text back to start (a dropped block). */
void extract_drop(struct extract *ex, size_t start);

/* Opens a chapter titled title (copied; NULL: the book's title), its
 * heading at [title_start, title_end) of the text (0, 0: none).  A chapter
 * still without paragraphs is replaced. */
dramatis_status extract_chapter(struct extract *ex, const char *title, size_t title_start,
                                size_t title_end);

/* The current chapter, or NULL. */
struct extract_chapter *extract_current(struct extract *ex);

/* Paragraphs so far in the current chapter. */
size_t extract_chapter_paras(struct extract *ex);

/* A scene break before the next paragraph. */
void extract_scene_break(struct extract *ex);

/* Forgets every chapter and paragraph so far (front matter that turned out
 * to be a licence header). */
void extract_reset(struct extract *ex);

/* Builds the book (chapters without paragraphs are dropped); NULL title
 * chapters get default_title.  The book takes the text and its source. */
dramatis_status extract_finish(struct extract *ex, const char *default_title,
                               struct dramatis_book **out);

#endif
