/* Tests of the plain-text importer: title, headings, paragraphs, leftovers, spans, errors. */
#include "check.h"
#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct dramatis_book *parse(const char *path, const char *text)
{
    struct dramatis_book *book = NULL;
    struct dramatis_error err;
    dramatis_status st;

    memset(&err, 0, sizeof err);
    st = import_text_parse(path, text, strlen(text), &book, &err);
    if (st != DRAMATIS_OK)
        fprintf(stderr, "parse failed: %s\n", err.message);
    CHECK(st == DRAMATIS_OK);
    return book;
}

/* The paragraph text exactly as its span covers it. */
static char *para_text(const struct dramatis_book *b, size_t ch, size_t p)
{
    static char out[1024];
    const struct paragraph *para = &b->chapters[ch].paragraphs[p];

    snprintf(out, sizeof out, "%.*s", (int)(para->end - para->start), b->text + para->start);
    return out;
}

/* Fails if any paragraph of the book contains needle. */
static int in_any_paragraph(const struct dramatis_book *b, const char *needle)
{
    size_t c, p;

    for (c = 0; c < b->n_chapters; c++) {
        for (p = 0; p < b->chapters[c].n_paragraphs; p++) {
            if (strstr(para_text(b, c, p), needle))
                return 1;
        }
    }
    return 0;
}

static void test_gutenberg_layout(void)
{
    const char *text = "CHAPTER I.\nDown the Rabbit-Hole\n\n\n"
                       "Alice was beginning to get very tired of sitting by her sister on the\n"
                       "bank, and of having nothing to do.\n\n"
                       "\"So,\" she said.\n\n"
                       "CHAPTER II.\n\n\nSecond chapter.\n";
    struct dramatis_book *b = parse("corpus/Alice/novel_text.txt", text);

    if (b == NULL)
        return;
    CHECK_STR(b->title, "Alice");   /* a generic file name: its folder */
    CHECK(b->author == NULL);
    CHECK(b->n_chapters == 2);
    CHECK_STR(b->chapters[0].title, "Chapter 1: Down the Rabbit-Hole");
    CHECK(b->chapters[0].title_start == 0);
    CHECK(b->chapters[0].title_end == strlen("CHAPTER I.\nDown the Rabbit-Hole"));
    CHECK(b->chapters[0].n_paragraphs == 2);
    /* Hard-wrapped lines are one paragraph spanning both lines. */
    CHECK_STR(para_text(b, 0, 0),
              "Alice was beginning to get very tired of sitting by her sister on the\n"
              "bank, and of having nothing to do.");
    CHECK_STR(para_text(b, 0, 1), "\"So,\" she said.");
    CHECK_STR(b->chapters[1].title, "Chapter 2");
    CHECK(b->chapters[1].n_paragraphs == 1);
    CHECK(b->size == strlen(text));
    CHECK(memcmp(b->text, text, b->size) == 0);
    dramatis_book_free(b);
}

static void test_heading_forms(void)
{
    const char *text = "Chapter 3\n\nOne.\n\n"
                       "Chapter 2: The Bench\n\nTwo.\n\n"
                       "Chapter 4 - Night Falls\n\nThree.\n\n"
                       "CHAPTER III.\n\nFour.\n\n"
                       "# The Market\n\nFive.\n\n"
                       "Chapter Twelve\n\nSix.\n\n"
                       "Chapter 3 was the one she liked best.\n\n"
                       "CHAPTER V\n\nTHE RETURN\n\nSeven.\n";
    struct dramatis_book *b = parse("x.txt", text);

    if (b == NULL)
        return;
    CHECK(b->n_chapters == 7);
    if (b->n_chapters != 7) {
        dramatis_book_free(b);
        return;
    }
    CHECK_STR(b->chapters[0].title, "Chapter 3");
    CHECK_STR(b->chapters[1].title, "Chapter 2: The Bench");
    CHECK_STR(b->chapters[2].title, "Chapter 4: Night Falls");
    CHECK_STR(b->chapters[3].title, "Chapter 3");
    CHECK_STR(b->chapters[4].title, "The Market");
    CHECK_STR(b->chapters[5].title, "Chapter Twelve");
    /* A sentence that starts like a heading is prose. */
    CHECK(b->chapters[5].n_paragraphs == 2);
    CHECK_STR(para_text(b, 5, 1), "Chapter 3 was the one she liked best.");
    CHECK_STR(b->chapters[6].title, "Chapter 5: THE RETURN");
    CHECK(b->chapters[6].n_paragraphs == 1);
    CHECK(b->chapters[1].title_start == (size_t)(strstr(text, "Chapter 2:") - text));
    CHECK(b->chapters[1].title_end == b->chapters[1].title_start + strlen("Chapter 2: The Bench"));
    CHECK_STR(b->title, "x");   /* no title line: the file name */
    dramatis_book_free(b);
}

static void test_title_and_author(void)
{
    struct dramatis_book *b =
        parse("a.txt", "My Story\n\nby Jane Doe\n\nIt began on a Tuesday.\n\nIt ended.\n");

    if (b == NULL)
        return;
    CHECK_STR(b->title, "My Story");
    CHECK_STR(b->author, "Jane Doe");
    CHECK(b->n_chapters == 1);
    CHECK_STR(b->chapters[0].title, "My Story");
    CHECK(b->chapters[0].title_start == 0 && b->chapters[0].title_end == 8);
    CHECK(b->chapters[0].n_paragraphs == 2);
    CHECK_STR(para_text(b, 0, 0), "It began on a Tuesday.");
    dramatis_book_free(b);

    /* The title line directly over its `by` line, then chapters. */
    b = parse("d.txt", "The Keeper\nby Ann Lee\n\nChapter 1: Letters\n\nIt rained.\n");
    if (b) {
        CHECK_STR(b->title, "The Keeper");
        CHECK_STR(b->author, "Ann Lee");
        CHECK(b->n_chapters == 1 && b->chapters[0].n_paragraphs == 1);
        CHECK_STR(b->chapters[0].title, "Chapter 1: Letters");
        dramatis_book_free(b);
    }

    /* A sentence is not a title; a lone line is story, not title. */
    b = parse("b.txt", "It was late.\n\nShe left.\n");
    if (b) {
        CHECK_STR(b->title, "b");
        CHECK(b->chapters[0].n_paragraphs == 2);
        dramatis_book_free(b);
    }
    b = parse("c.txt", "Hello world\n");
    if (b) {
        CHECK_STR(b->title, "c");
        CHECK(b->n_chapters == 1 && b->chapters[0].n_paragraphs == 1);
        dramatis_book_free(b);
    }
}

static void test_ao3_layout(void)
{
    const char *text = "Actions\n\nWork Header\n\nSchism\n\nChapter Text\n\n"
                       "There's only so long Iruka is willing to wait.\n\n"
                       "It's for the best.\n\n~*~*~\n\nChapter Text\n\n"
                       "Old habits die hard.\n\n~*~*~\n\n\"I need to apologize,\" Kakashi says.\n\n~*~*~\n";
    struct dramatis_book *b = parse("schism.txt", text);

    if (b == NULL)
        return;
    CHECK_STR(b->title, "Schism");
    CHECK(b->n_chapters == 2);
    CHECK_STR(b->chapters[0].title, "Chapter 1");
    CHECK_STR(b->chapters[1].title, "Chapter 2");
    CHECK(b->chapters[0].n_paragraphs == 2);
    CHECK(b->chapters[1].n_paragraphs == 2);
    CHECK_STR(para_text(b, 0, 0), "There's only so long Iruka is willing to wait.");
    /* The break before `Chapter Text` does not carry into the new chapter. */
    CHECK(b->chapters[1].paragraphs[0].scene_break_before == 0);
    CHECK(b->chapters[1].paragraphs[1].scene_break_before == 1);
    CHECK(!in_any_paragraph(b, "Actions"));
    CHECK(!in_any_paragraph(b, "Work Header"));
    CHECK(!in_any_paragraph(b, "Chapter Text"));
    CHECK(!in_any_paragraph(b, "Schism"));
    CHECK(!in_any_paragraph(b, "~*~"));
    dramatis_book_free(b);

    /* One `Chapter Text`: the chapter is read with the book's title. */
    b = parse("one.txt", "Actions\n\nWork Header\n\nA Title\n\nChapter Text\n\nStory.\n");
    if (b) {
        CHECK(b->n_chapters == 1);
        CHECK_STR(b->chapters[0].title, "A Title");
        CHECK(b->chapters[0].title_start == strlen("Actions\n\nWork Header\n\n"));
        dramatis_book_free(b);
    }
}

static void test_ao3_notes(void)
{
    const char *text = "Actions\n\nWork Header\n\nThe Title\n\nby Someone\n\nSummary:\n\n"
                       "A summary of it all.\n\nNotes:\n\nThanks to my beta.\n\n"
                       "Chapter 1: Begin\n\nChapter Notes\n\nA chapter note.\n\nChapter Text\n\n"
                       "Story text.\n\nNotes:\n\nAn end note.\n\n"
                       "Chapter 2: Next\n\nChapter Text\n\nMore story.\n\n"
                       "(See the end of the chapter for more notes.)\n\nLast story line.\n\n"
                       "End Notes\n\nThanks for reading!\n";
    struct dramatis_book *b = parse("t.txt", text);

    if (b == NULL)
        return;
    CHECK_STR(b->title, "The Title");
    CHECK_STR(b->author, "Someone");
    CHECK(b->n_chapters == 2);
    CHECK_STR(b->chapters[0].title, "Chapter 1: Begin");
    CHECK_STR(b->chapters[1].title, "Chapter 2: Next");
    CHECK(b->chapters[0].n_paragraphs == 1);
    CHECK_STR(para_text(b, 0, 0), "Story text.");
    CHECK(b->chapters[1].n_paragraphs == 2);
    CHECK_STR(para_text(b, 1, 1), "Last story line.");
    CHECK(!in_any_paragraph(b, "summary"));
    CHECK(!in_any_paragraph(b, "note"));
    CHECK(!in_any_paragraph(b, "Thanks"));
    CHECK(!in_any_paragraph(b, "See the end"));
    dramatis_book_free(b);

    /* Without a chapter after it, a long "note" is story and is kept. */
    {
        char big[6000];
        size_t n = (size_t)snprintf(big, sizeof big, "Start.\n\nNotes\n\n");
        while (n < 4000)
            n += (size_t)snprintf(big + n, sizeof big - n, "A long line of story text.\n\n");
        b = parse("n.txt", big);
        if (b) {
            CHECK(b->chapters[0].n_paragraphs > 100);
            dramatis_book_free(b);
        }
    }
}

static void test_bom_crlf_offsets(void)
{
    const char text[] = "\xEF\xBB\xBFTitle Line\r\n\r\n  First line one\r\nline two.\r\n\r\n"
                        "Second.\r\n";
    struct dramatis_book *b = parse("bom.txt", text);
    size_t first = (size_t)(strstr(text, "First") - text);
    size_t two = (size_t)(strstr(text, "two.") - text) + 4;

    if (b == NULL)
        return;
    CHECK_STR(b->title, "Title Line");
    CHECK(b->chapters[0].title_start == 3);   /* after the BOM, in input bytes */
    CHECK(b->chapters[0].title_end == 13);
    CHECK(b->size == sizeof text - 1);
    CHECK(memcmp(b->text, text, b->size) == 0);   /* untouched: BOM and CRs stay */
    CHECK(b->chapters[0].n_paragraphs == 2);
    CHECK(b->chapters[0].paragraphs[0].start == first);
    CHECK(b->chapters[0].paragraphs[0].end == two);   /* no trailing \r */
    CHECK_STR(para_text(b, 0, 1), "Second.");
    dramatis_book_free(b);
}

static void test_scene_breaks(void)
{
    const char *text = "One.\n\n* * *\n\nTwo.\n\n***\n\nThree.\n\n---\n\nFour.\n\n~~~\n\nFive.\n\n"
                       "###\n\nSix.\n\no0o\n\nSeven.\n\n...\n\nEight.\n\n\xE2\x9D\x80\xE2\x9D\x80\n\n"
                       "Nine.\n";
    struct dramatis_book *b = parse("s.txt", text);
    size_t i;

    if (b == NULL)
        return;
    CHECK(b->n_chapters == 1);
    CHECK(b->chapters[0].n_paragraphs == 10);   /* `...` is a paragraph */
    if (b->chapters[0].n_paragraphs == 10) {
        for (i = 1; i <= 6; i++)
            CHECK(b->chapters[0].paragraphs[i].scene_break_before == 1);
        CHECK(b->chapters[0].paragraphs[0].scene_break_before == 0);
        CHECK_STR(para_text(b, 0, 7), "...");
        CHECK(b->chapters[0].paragraphs[7].scene_break_before == 0);
        CHECK(b->chapters[0].paragraphs[8].scene_break_before == 0);
        CHECK(b->chapters[0].paragraphs[9].scene_break_before == 1);
    }
    CHECK(!in_any_paragraph(b, "*"));
    CHECK(!in_any_paragraph(b, "o0o"));
    dramatis_book_free(b);
}

/* A no-break, thin or ideographic space is a space to the importer as to
 * every other stage: in headings, scene breaks and `by` lines. */
static void test_unicode_spaces(void)
{
    const char *text = "My\xC2\xA0Story\n\nby\xC2\xA0Jane\xE2\x80\x89" "Doe\n\n"
                       "Chapter\xC2\xA0" "1\xE2\x80\xAF\xE2\x80\x94 The\xC2\xA0" "Bench\n\nOne.\n\n"
                       "*\xC2\xA0*\xC2\xA0*\n\nTwo.\n\n"
                       "#\xE3\x80\x80" "Night\n\nThree.\n";
    struct dramatis_book *b = parse("u.txt", text);

    if (b == NULL)
        return;
    CHECK_STR(b->title, "My Story");       /* white space folded to one space */
    CHECK_STR(b->author, "Jane Doe");
    CHECK(b->n_chapters == 2);
    if (b->n_chapters == 2) {
        CHECK_STR(b->chapters[0].title, "Chapter 1: The Bench");
        CHECK(b->chapters[0].n_paragraphs == 2);
        if (b->chapters[0].n_paragraphs == 2)
            CHECK(b->chapters[0].paragraphs[1].scene_break_before == 1);
        CHECK_STR(b->chapters[1].title, "Night");
    }
    CHECK(!in_any_paragraph(b, "*"));
    dramatis_book_free(b);
}

static void test_line_paragraphs(void)
{
    char long_line[300];
    char text[1024];
    struct dramatis_book *b;

    /* No blank line anywhere: one paragraph per line. */
    b = parse("l.txt", "The Title\nFirst line.\nSecond line.\n\"Third,\" he said.\n");
    if (b) {
        CHECK_STR(b->title, "The Title");
        CHECK(b->chapters[0].n_paragraphs == 3);
        CHECK_STR(para_text(b, 0, 1), "Second line.");
        dramatis_book_free(b);
    }
    /* Lines too long to be hard-wrapped are paragraphs even without blanks. */
    memset(long_line, 'a', 150);
    long_line[150] = '\0';
    snprintf(text, sizeof text, "Intro.\n\n%s.\nShort one.\n\nEnd.\n", long_line);
    b = parse("m.txt", text);
    if (b) {
        CHECK(b->chapters[0].n_paragraphs == 4);
        CHECK_STR(para_text(b, 0, 2), "Short one.");
        dramatis_book_free(b);
    }
}

static void test_prose_before_heading(void)
{
    struct dramatis_book *b;

    /* Front matter without prose is dropped; the title line is no paragraph. */
    b = parse("f.txt", "The Book\n\nChapter 1\n\nText.\n");
    if (b) {
        CHECK_STR(b->title, "The Book");
        CHECK(b->n_chapters == 1);
        CHECK_STR(b->chapters[0].title, "Chapter 1");
        dramatis_book_free(b);
    }
    /* Real prose before the first heading is a chapter of its own. */
    b = parse("g.txt", "The Book\n\nA prologue of sorts.\n\nChapter 1\n\nText.\n\nChapter 2\n");
    if (b) {
        CHECK(b->n_chapters == 2);   /* the empty chapter 2 is dropped */
        CHECK_STR(b->chapters[0].title, "The Book");
        CHECK_STR(para_text(b, 0, 0), "A prologue of sorts.");
        dramatis_book_free(b);
    }
}

static void test_gutenberg_boilerplate(void)
{
    const char *text = "The Project Gutenberg EBook of Tiny Tale, by Ann Smith\n\n"
                       "Title: Tiny Tale\n\nAuthor: Ann Smith\n\n"
                       "*** START OF THIS PROJECT GUTENBERG EBOOK TINY TALE ***\n\n"
                       "Produced by Someone Kind\n\nTINY TALE\n\nBy Ann Smith\n\n"
                       "CHAPTER I.\n\nOnce upon a time.\n\n"
                       "*** END OF THIS PROJECT GUTENBERG EBOOK TINY TALE ***\n\n"
                       "Licence text here.\n";
    struct dramatis_book *b = parse("g.txt", text);

    if (b == NULL)
        return;
    CHECK_STR(b->title, "Tiny Tale");
    CHECK_STR(b->author, "Ann Smith");
    CHECK(b->n_chapters == 1);
    CHECK_STR(b->chapters[0].title, "Chapter 1");
    CHECK(b->chapters[0].n_paragraphs == 1);
    CHECK_STR(para_text(b, 0, 0), "Once upon a time.");
    CHECK(!in_any_paragraph(b, "Licence"));
    CHECK(!in_any_paragraph(b, "Produced"));
    dramatis_book_free(b);
}

static void test_parse_errors(void)
{
    struct dramatis_book *b = NULL;
    struct dramatis_error err;
    const char bad[] = "good line\nbad \xFF here\n";

    memset(&err, 0, sizeof err);
    CHECK(import_text_parse("bad.txt", bad, sizeof bad - 1, &b, &err) == DRAMATIS_ERR_INPUT);
    CHECK(b == NULL);
    CHECK_STR(err.message, "invalid UTF-8 at byte 14");
    CHECK(err.line == 2);
    CHECK_STR(err.file, "bad.txt");

    memset(&err, 0, sizeof err);
    CHECK(import_text_parse("e.txt", "", 0, &b, &err) == DRAMATIS_ERR_INPUT);
    CHECK_STR(err.message, "empty book");
    memset(&err, 0, sizeof err);
    CHECK(import_text_parse("w.txt", " \r\n\n\t\n", 5, &b, &err) == DRAMATIS_ERR_INPUT);
    CHECK_STR(err.message, "empty book");
    CHECK(b == NULL);
}

static void test_load(void)
{
    char dir[] = "/tmp/dramatis_test_import_XXXXXX";
    char path[256], missing[256];
    struct dramatis_book *b = NULL;
    struct dramatis_error err;
    FILE *f;

    if (mkdtemp(dir) == NULL) {
        CHECK(!"mkdtemp");
        return;
    }
    snprintf(path, sizeof path, "%s/book.txt", dir);
    snprintf(missing, sizeof missing, "%s/missing.txt", dir);

    memset(&err, 0, sizeof err);
    CHECK(import_load(missing, NULL, &b, &err) == DRAMATIS_ERR_IO);
    CHECK_STR(err.message, "no such file or directory");
    CHECK_STR(err.file, missing);

    memset(&err, 0, sizeof err);
    CHECK(import_load(dir, NULL, &b, &err) == DRAMATIS_ERR_IO);
    CHECK_STR(err.message, "is a directory");

    f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs("", f);
        fclose(f);
    }
    memset(&err, 0, sizeof err);
    CHECK(import_load(path, NULL, &b, &err) == DRAMATIS_ERR_INPUT);
    CHECK_STR(err.message, "empty book");

    f = fopen(path, "wb");
    if (f) {
        fputs("Night Train\n\nThe train left at nine.\n\n\xC3\xA9t\xC3\xA9 \xff\n", f);
        fclose(f);
    }
    memset(&err, 0, sizeof err);
    CHECK(import_load(path, NULL, &b, &err) == DRAMATIS_ERR_INPUT);
    CHECK_STR(err.message, "invalid UTF-8 at byte 44");
    CHECK(err.line == 5);

    f = fopen(path, "wb");
    if (f) {
        fputs("Night Train\n\nThe train left at nine.\n", f);
        fclose(f);
    }
    memset(&err, 0, sizeof err);
    CHECK(import_load(path, NULL, &b, &err) == DRAMATIS_OK);
    if (b) {
        CHECK_STR(b->title, "Night Train");
        CHECK_STR(b->path, path);
        CHECK(b->n_chapters == 1 && b->chapters[0].n_paragraphs == 1);
        dramatis_book_free(b);
    }
    remove(path);
    rmdir(dir);
}

int main(void)
{
    test_gutenberg_layout();
    test_heading_forms();
    test_title_and_author();
    test_ao3_layout();
    test_ao3_notes();
    test_bom_crlf_offsets();
    test_scene_breaks();
    test_unicode_spaces();
    test_line_paragraphs();
    test_prose_before_heading();
    test_gutenberg_boilerplate();
    test_parse_errors();
    test_load();
    return CHECK_DONE();
}
