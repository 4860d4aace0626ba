/* Tests of the book builder: chapters and paragraphs in order, copies of
 * what it is given, empty chapters dropped, bad spans refused. */
#include "check.h"
#include "book_builder.h"

#include <stdlib.h>
#include <string.h>

static const char story[] = "Title\n\nOne.\n\nTwo.\n\nThree.\n";

static void test_build(void)
{
    struct book_builder b;
    struct dramatis_book *book;
    char title[] = "Chapter 1";

    CHECK(book_builder_init(&b, "story.txt", story, sizeof story - 1) == DRAMATIS_OK);
    CHECK(book_builder_current(&b) == NULL);
    /* a paragraph needs a chapter to go to */
    CHECK(book_builder_paragraph(&b, 7, 11, 0) == DRAMATIS_ERR_ARG);
    CHECK(book_builder_chapter(&b, "Front matter", 0, 5) == DRAMATIS_OK);
    CHECK(book_builder_chapter(&b, title, 0, 0) == DRAMATIS_OK);
    title[0] = 'X';   /* the builder kept a copy */
    CHECK(book_builder_paragraph(&b, 7, 11, 0) == DRAMATIS_OK);
    CHECK(book_builder_paragraph(&b, 13, 17, 1) == DRAMATIS_OK);
    CHECK(book_builder_current(&b) != NULL && book_builder_current(&b)->n_paragraphs == 2);
    /* spans outside the text are refused */
    CHECK(book_builder_paragraph(&b, 13, sizeof story + 5, 0) == DRAMATIS_ERR_ARG);
    CHECK(book_builder_paragraph(&b, 17, 13, 0) == DRAMATIS_ERR_ARG);
    CHECK(book_builder_chapter(&b, "Chapter 2", 19, 25) == DRAMATIS_OK);
    CHECK(book_builder_paragraph(&b, 19, 25, 0) == DRAMATIS_OK);
    CHECK(book_builder_chapter(&b, "Heading at the end", 0, 0) == DRAMATIS_OK);
    book = book_builder_finish(&b);
    CHECK(book_builder_finish(&b) == NULL);
    book_builder_cleanup(&b);
    CHECK(book != NULL);
    if (book == NULL)
        return;
    /* the chapters without paragraphs are gone, the others in order */
    CHECK(book->n_chapters == 2);
    CHECK_STR(book->chapters[0].title, "Chapter 1");
    CHECK_STR(book->chapters[1].title, "Chapter 2");
    CHECK(book->chapters[1].title_start == 19 && book->chapters[1].title_end == 25);
    CHECK(book->chapters[0].n_paragraphs == 2 && book->chapters[1].n_paragraphs == 1);
    CHECK(book->chapters[0].paragraphs[1].start == 13 && book->chapters[0].paragraphs[1].end == 17);
    CHECK(book->chapters[0].paragraphs[1].scene_break_before == 1);
    CHECK(book->chapters[0].paragraphs[0].scene_break_before == 0);
    /* the text is a NUL-terminated copy */
    CHECK(book->size == sizeof story - 1 && book->text != story);
    CHECK(book->text && memcmp(book->text, story, sizeof story) == 0);
    CHECK_STR(book->path, "story.txt");
    dramatis_book_free(book);
}

/* Many paragraphs and chapters: the arrays grow and keep every span. */
static void test_growth(void)
{
    static char text[4000];
    struct book_builder b;
    struct dramatis_book *book;
    size_t c, p, ok = 1;

    memset(text, 'a', sizeof text);
    CHECK(book_builder_init(&b, NULL, text, sizeof text) == DRAMATIS_OK);
    for (c = 0; c < 40; c++) {
        CHECK(book_builder_chapter(&b, "c", 0, 0) == DRAMATIS_OK);
        for (p = 0; p < 50; p++)
            ok &= book_builder_paragraph(&b, c * 50 + p, c * 50 + p + 1, 0) == DRAMATIS_OK;
    }
    CHECK(ok);
    book = book_builder_finish(&b);
    CHECK(book && book->n_chapters == 40);
    for (c = 0; book && c < 40; c++) {
        CHECK(book->chapters[c].n_paragraphs == 50);
        CHECK(book->chapters[c].paragraphs[49].start == c * 50 + 49);
    }
    CHECK(book && book->path && book->path[0] == '\0');
    dramatis_book_free(book);
    /* cleanup without finish frees the book under construction */
    CHECK(book_builder_init(&b, "x", "x", 1) == DRAMATIS_OK);
    CHECK(book_builder_chapter(&b, "c", 0, 0) == DRAMATIS_OK);
    book_builder_cleanup(&b);
    CHECK(b.book == NULL);
}

int main(void)
{
    test_build();
    test_growth();
    return CHECK_DONE();
}
