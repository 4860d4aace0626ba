/* Tests of the plain-text importer: title, headings, paragraphs, leftovers, spans, errors. */
#include "buf.h"
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

/* A title in capitals needs no separator after the number; in prose the
 * line stays prose. */
static void test_caps_heading(void)
{
    struct dramatis_book *b = parse("caps.txt", "CHAPTER I THE CONSUL'S YARN\n\nOne.\n\n"
                                                "CHAPTER II PARIS: SEPTEMBER, 1792\n\nTwo.\n\n"
                                                "Chapter 3 was long.\n");

    if (b == NULL)
        return;
    CHECK(b->n_chapters == 2);
    if (b->n_chapters == 2) {
        CHECK_STR(b->chapters[0].title, "Chapter 1: THE CONSUL'S YARN");
        CHECK_STR(b->chapters[1].title, "Chapter 2: PARIS: SEPTEMBER, 1792");
        CHECK(b->chapters[1].n_paragraphs == 2);
    }
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
                       "There's only so long Mara is willing to wait.\n\n"
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
    CHECK_STR(para_text(b, 0, 0), "There's only so long Mara is willing to wait.");
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

/* Paragraphs marked by indentation alone: first lines indented, wrapped
 * lines flush left, blank lines only around headings, or none at all. */
static void test_indented_paragraphs(void)
{
    static const char body[] =
        "    It was a dark night and the rain fell on the\n"
        "roofs of the town all night long.\n"
        "    \"Who is there?\" asked Mara, looking at the\n"
        "door with a frown on her face.\n"
        "\tNobody answered her, and she went back\n"
        "to her book.\n";
    char text[1024];
    struct dramatis_book *b;

    snprintf(text, sizeof text, "Chapter 1\n\n%s\nChapter 2\n\n%s", body, body);
    b = parse("i.txt", text);
    if (b) {
        CHECK(b->n_chapters == 2);
        CHECK(b->chapters[0].n_paragraphs == 3);
        CHECK(b->chapters[1].n_paragraphs == 3);
        CHECK_STR(para_text(b, 0, 1), "\"Who is there?\" asked Mara, looking at the\n"
                                      "door with a frown on her face.");
        dramatis_book_free(b);
    }
    /* without any blank line: not one paragraph per wrapped line */
    b = parse("j.txt", body);
    if (b) {
        CHECK(b->chapters[0].n_paragraphs == 3);
        dramatis_book_free(b);
    }
    /* verse indented as a whole stays one block */
    b = parse("k.txt", "Intro.\n\n    Twinkle, twinkle, little bat!\n    How I wonder what "
                       "you're at!\n\nEnd.\n");
    if (b) {
        CHECK(b->chapters[0].n_paragraphs == 3);
        dramatis_book_free(b);
    }
}

/* Paragraphs run together without blank lines, hard-wrapped, as in some
 * scanned books: a long block breaks after a short line that ends a
 * sentence, or before a line that opens a quote after one that ends one. */
static void test_run_on_paragraphs(void)
{
    static const char unit[] =
        "The wind came over the hill and the waggon stopped by\n"
        "the gate, where the keeper stood with his lantern and\n"
        "looked at the load.\n"
        "\"Who goes there?\" asked the keeper, lifting the lamp up\n"
        "high above his head.  \"Speak up.\"\n"
        "The girl on the load said nothing, and she looked away.\n"
        "\"Let us pass,\" she said at last.\n";
    char text[4096];
    struct dramatis_book *b;
    size_t k, n = 0;

    n += (size_t)snprintf(text, sizeof text, "Chapter 1\n\n");
    for (k = 0; k < 7; k++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s", unit);
    b = parse("r.txt", text);
    if (b) {
        CHECK(b->chapters[0].n_paragraphs == 28);
        CHECK_STR(para_text(b, 0, 1), "\"Who goes there?\" asked the keeper, lifting the lamp up\n"
                                      "high above his head.  \"Speak up.\"");
        CHECK_STR(para_text(b, 0, 3), "\"Let us pass,\" she said at last.");
        dramatis_book_free(b);
    }
    /* a block of ordinary length is one paragraph, however its lines end */
    snprintf(text, sizeof text, "Chapter 1\n\n%s%s", unit, unit);
    b = parse("s.txt", text);
    if (b) {
        CHECK(b->chapters[0].n_paragraphs == 1);
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

/* Fails (reporting it) when any paragraph of the book contains one of needles. */
static void check_not_read(const struct dramatis_book *b, const char *const *needles, size_t n,
                           const char *what)
{
    size_t k;

    for (k = 0; k < n; k++) {
        if (in_any_paragraph(b, needles[k])) {
            fprintf(stderr, "%s: '%s' is read\n", what, needles[k]);
            CHECK(!"front or back matter read as story");
        }
    }
}

static void check_titles(const struct dramatis_book *b, const char *const *titles, size_t n)
{
    size_t c;

    CHECK(b->n_chapters == n);
    for (c = 0; c < n && c < b->n_chapters; c++)
        CHECK_STR(b->chapters[c].title, titles[c]);
}

/* Story text long enough to be a chapter (a contents entry is not). */
#define STORY "The keeper climbed the stair at dusk, as he had done every evening for\n" \
              "thirty years, and trimmed the wick before the light went out over the bay.\n\n" \
              "\"Is the lamp lit?\" asked the boy from the foot of the tower, and the\n" \
              "keeper called down that it was, and that the ships would see it soon.\n\n" \
              "Out on the water a bell rang twice, and then the fog came in again.\n\n"

/* A licence header and footer of today (2020s fields), written for the test. */
#define PG_HEAD_2020 \
    "\xEF\xBB\xBFThe Project Gutenberg eBook of The Lantern Keeper\n    \n" \
    "This ebook is for the use of anyone anywhere in the United States and\n" \
    "most other parts of the world at no cost and with almost no restrictions\n" \
    "whatsoever. You may copy it, give it away or re-use it under the terms\n" \
    "of the Project Gutenberg License included with this ebook or online\n" \
    "at www.gutenberg.org.\n\n" \
    "Title: The Lantern Keeper\n\nAuthor: Ann Weller\n\n" \
    "Release date: March 3, 2021 [eBook #99999]\n" \
    "                Most recently updated: May 1, 2024\n\n" \
    "Language: English\n\nCredits: The Test Team\n\n\n" \
    "*** START OF THE PROJECT GUTENBERG EBOOK THE LANTERN KEEPER ***\n\n\n\n"
#define PG_FOOT_2020 \
    "\n\n*** END OF THE PROJECT GUTENBERG EBOOK THE LANTERN KEEPER ***\n\n" \
    "Updated editions will replace the previous one\xE2\x80\x94the old editions will\n" \
    "be renamed.\n\n*** START: FULL LICENSE ***\n\n" \
    "THE FULL PROJECT GUTENBERG LICENSE\n\nSection 1. General Terms of Use.\n"

static void test_volume_pages(void)
{
    static const char text[] = PG_HEAD_2020
        "[Illustration]\n\n\n\n"
        "THE LANTERN KEEPER:\n\nA Novel.\n\nIn Two Volumes.\n\n"
        "By the Author of \"The Harbour Wall.\"\n\nVOL. I.\n\n\n"
        "London:\nPrinted for J. Smith,\nFleet Street.\n1820.\n\n\n"
        "CONTENTS\n\n CHAPTER I.     The Light\n CHAPTER II.    The Storm\n"
        " CHAPTER I.     The Harbour\n\n\n"
        "THE LANTERN KEEPER.\n\n\n"
        "CHAPTER I.\n\n\n" STORY
        "[Illustration: THE LIGHTHOUSE AT DUSK\n[_Drawn by A. Painter._]]\n\n" STORY
        "CHAPTER II.\n\n" STORY "\"Is that all?\"\n\n\"Yes.\"\n\n"
        "END OF VOL. I.\n\n\n\n[Illustration: THE HARBOUR.]\n\n\n"
        "THE LANTERN KEEPER:\n\nA Novel.\n\nIn Two Volumes.\n\n"
        "By the Author of \"The Harbour Wall.\"\n\nVOL. II.\n\n\n\n"
        "London:\nPrinted for J. Smith,\nFleet Street.\n1820.\n\n\n"
        "THE LANTERN KEEPER.\n\n\nCHAPTER I.\n\n" STORY
        "END OF THE SECOND VOLUME.\n"
        PG_FOOT_2020;
    static const char *const titles[] = { "Volume 1: Chapter 1", "Volume 1: Chapter 2",
                                          "Volume 2: Chapter 1" };
    static const char *const matter[] = {
        "Gutenberg", "LICENSE", "Illustration", "LIGHTHOUSE", "Drawn by", "LANTERN", "A Novel",
        "Volumes", "Harbour Wall", "London", "Printed", "1820", "CONTENTS", "The Storm",
        "END OF", "Credits", "Updated editions"
    };
    struct dramatis_book *b = parse("keeper.txt", text);

    if (b == NULL)
        return;
    CHECK_STR(b->title, "The Lantern Keeper");
    CHECK_STR(b->author, "Ann Weller");
    CHECK_STR(b->meta.language, "en");
    CHECK_STR(b->meta.date, "March 3, 2021");
    check_titles(b, titles, 3);
    check_not_read(b, matter, sizeof matter / sizeof matter[0], "volume pages");
    if (b->n_chapters == 3) {
        CHECK(b->chapters[0].n_paragraphs == 6);   /* the illustration goes, not the story */
        CHECK(b->chapters[1].n_paragraphs == 5);   /* `"Yes."` before `END OF VOL. I.` stays */
        CHECK_STR(para_text(b, 1, 4), "\"Yes.\"");
        CHECK(b->chapters[2].n_paragraphs == 3);
        /* the mark's span is the chapter's own heading, not the contents entry */
        CHECK(b->chapters[2].title_start == (size_t)(strstr(strstr(text, "VOL. II."),
                                                            "CHAPTER I.") - text));
    }
    dramatis_book_free(b);

    /* The same body without any licence: the title page's first line is no
     * title, and the file name is. */
    b = parse("lantern.txt", strstr(text, "[Illustration]"));
    if (b) {
        CHECK_STR(b->title, "lantern");
        check_titles(b, titles, 3);
        check_not_read(b, matter, sizeof matter / sizeof matter[0], "volume pages, no licence");
        dramatis_book_free(b);
    }
}

/* A chapter's worth of story for the layout tests. */
#define POND_STORY "The water lay green and still under the willows, and nothing moved on\n" \
                   "it but the long-legged flies that skated from one shadow to the next.\n\n" \
                   "\"There is a frog,\" said Jem, \"and it is looking at us.\"\n\n"
#define POND_BODY "THE POND AT NOON\n\nLee Marsh\n\nTHE FIRST EDITION 1.0\n\n\n\n\n" \
                  "CHAPTER I. Green Water\n\n" POND_STORY "CHAPTER II.\nThe Frog\n\n\n" \
                  POND_STORY "THE END\n"

/* Every licence layout in use, written for the test: the same book comes
 * out of each, named by its header, without a word of licence or title page. */
static void test_gutenberg_layouts(void)
{
    static const char *const layouts[][2] = {
        { /* 2008-2019: THIS PROJECT GUTENBERG, `End of Project Gutenberg's` before END */
          "Project Gutenberg's The Pond at Noon, by Lee Marsh\n\n"
          "This eBook is for the use of anyone anywhere at no cost and with\n"
          "almost no restrictions whatsoever.  You may copy it, give it away or\n"
          "re-use it under the terms of the Project Gutenberg License included\n"
          "with this eBook or online at www.gutenberg.org\n\n\n"
          "Title: The Pond at Noon\n\nAuthor: Lee Marsh\n\n"
          "Posting Date: June 25, 2008 [EBook #99998]\nRelease Date: March, 1994\n"
          "[Last updated: December 20, 2011]\n\nLanguage: English\n\n\n"
          "*** START OF THIS PROJECT GUTENBERG EBOOK THE POND AT NOON ***\n\n\n\n\n",
          "\n\n\nEnd of Project Gutenberg's The Pond at Noon, by Lee Marsh\n\n"
          "*** END OF THIS PROJECT GUTENBERG EBOOK THE POND AT NOON ***\n\n"
          "***** This file should be named 99998.txt or 99998.zip *****\n"
          "This and all associated files of various formats will be found in:\n"
          "        http://www.gutenberg.org/9/9/9/9/99998/\n" },
        { /* 2000s: `End of the Project Gutenberg EBook of`, credits after START */
          "The Project Gutenberg EBook of The Pond at Noon, by Lee Marsh\r\n\r\n"
          "Title: The Pond at Noon\r\n\r\nAuthor: Lee Marsh\r\n\r\n"
          "Release Date: March, 1994 [EBook #99998]\r\n\r\nLanguage: English\r\n\r\n"
          "Character set encoding: ASCII\r\n\r\n"
          "*** START OF THE PROJECT GUTENBERG EBOOK, THE POND AT NOON ***\r\n\r\n\r\n\r\n"
          "Produced by A. Volunteer and the Online Distributed\r\n"
          "Proofreading Team at http://www.pgdp.net\r\n\r\n\r\n\r\n\r\n",
          "\r\n\r\n\r\n\r\nEnd of the Project Gutenberg EBook of The Pond at Noon, by Lee Marsh\r\n\r\n"
          "*** END OF THE PROJECT GUTENBERG EBOOK, THE POND AT NOON ***\r\n\r\n"
          "*** START: FULL LICENSE ***\r\n" },
        { /* the 1990s: the small print in the header, no END line at all */
          "**The Project Gutenberg Etext of The Pond at Noon, by Lee Marsh**\n"
          "#1 in our series by Lee Marsh\n\n"
          "Copyright laws are changing all over the world, be sure to check\n"
          "the copyright laws for your country before posting these files!!\n\n"
          "**Welcome To The World of Free Plain Vanilla Electronic Texts**\n\n"
          "**Etexts Readable By Both Humans and By Computers, Since 1971**\n\n"
          "*These Etexts Prepared By Hundreds of Volunteers and Donations*\n\n"
          "Title: The Pond at Noon\n\nAuthor: Lee Marsh\n\n"
          "Release Date: March, 1994 [Etext #99997]\n\nLanguage: English\n\n"
          "***START**THE SMALL PRINT!**FOR PUBLIC DOMAIN ETEXTS**START***\n"
          "Why is this \"Small Print!\" statement here?  You know: lawyers.\n"
          "They tell us you might sue us if there is something wrong with\n"
          "your copy of this etext.\n\n"
          "*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*\n\n\n"
          "This etext was prepared by A. Volunteer.\n\n\n",
          "\n\nEnd of The Project Gutenberg Etext of The Pond at Noon\n\n" },
        { /* around 2002: START line, then the small print, no Title: line */
          "The Project Gutenberg EBook of The Pond at Noon, by Lee Marsh\n\n"
          "Please read the \"legal small print,\" and other information about the\n"
          "eBook and Project Gutenberg at the bottom of this file.\n\n"
          "Language: English\n\n"
          "*** START OF THE PROJECT GUTENBERG EBOOK THE POND AT NOON ***\n\n"
          "*END THE SMALL PRINT! FOR PUBLIC DOMAIN EBOOKS*Ver.02/11/02*END*\n\n\n",
          "\n\nEnd of this Project Gutenberg Etext of The Pond at Noon\n\n"
          "***END OF THE PROJECT GUTENBERG EBOOK THE POND AT NOON***\n\n"
          "The Legal Small Print\n" },
    };
    static const char *const titles[] = { "Chapter 1: Green Water", "Chapter 2: The Frog" };
    static const char *const matter[] = {
        "Gutenberg", "gutenberg", "Lee Marsh", "POND", "EDITION", "Produced", "prepared",
        "SMALL PRINT", "Small Print", "lawyers", "LICENSE", "This file", "http"
    };
    char text[8192];
    size_t k;

    for (k = 0; k < sizeof layouts / sizeof layouts[0]; k++) {
        struct dramatis_book *b;
        int failures = check_failures;
        snprintf(text, sizeof text, "%s%s%s", layouts[k][0], POND_BODY, layouts[k][1]);
        b = parse("pg99998.txt", text);
        if (b == NULL)
            continue;
        CHECK_STR(b->title, "The Pond at Noon");
        CHECK_STR(b->author, "Lee Marsh");
        CHECK_STR(b->meta.language, "en");
        if (k < 3)
            CHECK_STR(b->meta.date, "March, 1994");
        check_titles(b, titles, 2);
        check_not_read(b, matter, sizeof matter / sizeof matter[0], "licence layout");
        if (b->n_chapters == 2) {
            CHECK(b->chapters[0].n_paragraphs == 2);
            CHECK(b->chapters[1].n_paragraphs == 3);
            CHECK_STR(para_text(b, 1, 2), "THE END");
        }
        if (check_failures > failures)
            fprintf(stderr, "(in licence layout %zu)\n", k);
        dramatis_book_free(b);
    }

    /* Without any licence: the title page names the book and its author. */
    {
        struct dramatis_book *b = parse("pond.txt", POND_BODY);
        if (b) {
            CHECK_STR(b->title, "The Pond at Noon");   /* capitals are typography */
            CHECK_STR(b->author, "Lee Marsh");
            check_titles(b, titles, 2);
            CHECK(!in_any_paragraph(b, "EDITION"));
            dramatis_book_free(b);
        }
    }
}

/* `BOOK` / `PART` headings: named, nested, or a chapter when prose follows. */
static void test_groups(void)
{
    static const char text[] =
        "VOLUME I\n\nBOOK I\n\nThe Recall\n\nCHAPTER I\n\n" STORY "CHAPTER II\n\n" STORY
        "BOOK II\n\nCHAPTER I\n\n" STORY
        "VOLUME II\n\nBOOK I\n\nCHAPTER I\n\n" STORY;
    static const char *const titles[] = {
        "Volume 1: Book 1: The Recall: Chapter 1", "Volume 1: Book 1: The Recall: Chapter 2",
        "Volume 1: Book 2: Chapter 1", "Volume 2: Book 1: Chapter 1"
    };
    static const char *const parts[] = { "Part 1", "Part 2: The Shore" };
    struct dramatis_book *b = parse("groups.txt", text);

    if (b) {
        check_titles(b, titles, 4);
        CHECK(!in_any_paragraph(b, "Recall"));
        dramatis_book_free(b);
    }
    /* Parts with prose right under them are the chapters. */
    b = parse("parts.txt", "PART I\n\n" STORY "PART II - The Shore\n\n" STORY);
    if (b) {
        check_titles(b, parts, 2);
        dramatis_book_free(b);
    }
    /* A first volume without its heading: `VOL. II.` says what it was. */
    b = parse("vols.txt", "CHAPTER I.\n\n" STORY "CHAPTER II.\n\n" STORY
                          "VOLUME TWO.\n\nCHAPTER I.\n\n" STORY);
    if (b) {
        static const char *const vols[] = { "Volume One: Chapter 1", "Volume One: Chapter 2",
                                            "Volume Two: Chapter 1" };
        check_titles(b, vols, 3);
        dramatis_book_free(b);
    }
}

/* Editors' inserts: on lines of their own, over several lines or
 * paragraphs, nested, at a paragraph's start or end; a footnote's text;
 * never read.  Inside a sentence they stay with it. */
static void test_inserts(void)
{
    static const char text[] =
        "Chapter 1\n\nFirst paragraph, and it goes on\nover a second line.\n"
        "[Illustration: A DOOR\n    IN THE WALL]\nThe paragraph after the picture.\n\n"
        "[Illustration]\n\n"
        "[Footnote 1: A note that runs over\n\ntwo paragraphs [with a bracket].]\n\n"
        "[1] The text of another note.\n\n"
        "[Transcriber's Note: a spelling was kept.]\n\n"
        "[Illustration: A figure.] She saw the figure then.\n\n"
        "He came [Illustration] back. [Illustration: A gate\nat dusk.]\n\n"
        "Last paragraph.\n";
    struct dramatis_book *b = parse("ins.txt", text);

    if (b == NULL)
        return;
    CHECK(b->n_chapters == 1);
    CHECK(b->chapters[0].n_paragraphs == 5);
    if (b->chapters[0].n_paragraphs == 5) {
        CHECK_STR(para_text(b, 0, 0), "First paragraph, and it goes on\nover a second line.");
        CHECK_STR(para_text(b, 0, 1), "The paragraph after the picture.");
        CHECK_STR(para_text(b, 0, 2), "She saw the figure then.");
        /* inside a sentence it stays: the paragraph is one span */
        CHECK_STR(para_text(b, 0, 3), "He came [Illustration] back.");
        CHECK_STR(para_text(b, 0, 4), "Last paragraph.");
    }
    CHECK(!in_any_paragraph(b, "DOOR"));
    CHECK(!in_any_paragraph(b, "note"));
    CHECK(!in_any_paragraph(b, "spelling"));
    dramatis_book_free(b);
}

/* Contents: entries that are headings, entries that are text; a
 * `Contents` line with no chapter after it is kept. */
static void test_contents(void)
{
    static const char *const titles[] = { "Chapter 1: The Light", "Chapter 2" };
    struct dramatis_book *b;

    b = parse("toc1.txt", "The Keeper's Book\n\nby Ann Weller\n\nTable of Contents\n\n"
                          "Chapter 1: The Light\n\nChapter 2: The Storm\n\n\n"
                          "Chapter 1: The Light\n\n" STORY "Chapter 2\n\n" STORY);
    if (b) {
        CHECK_STR(b->author, "Ann Weller");
        check_titles(b, titles, 2);
        CHECK(!in_any_paragraph(b, "Contents"));
        dramatis_book_free(b);
    }
    b = parse("toc2.txt", "CONTENTS.\n\nI. The Light ...... 1\nII. The Storm ..... 9\n\n"
                          "ILLUSTRATIONS\n\nThe Tower ..... Frontispiece\n\n"
                          "CHAPTER I.\nThe Light\n\n" STORY "CHAPTER II.\n\n" STORY);
    if (b) {
        check_titles(b, titles, 2);
        CHECK(!in_any_paragraph(b, "Storm"));
        CHECK(!in_any_paragraph(b, "Tower"));
        dramatis_book_free(b);
    }
    b = parse("toc3.txt", "A list.\n\nContents\n\nA cup, a spoon and a knife were all the\n"
                          "drawer held, and she closed it.\n");
    if (b) {
        CHECK(b->chapters[0].n_paragraphs == 3);
        dramatis_book_free(b);
    }
}

/* Transcriber's notes up to the next heading; at the end of the book, to
 * its end; with no heading after one, only its own paragraph. */
static void test_transcriber_notes(void)
{
    struct dramatis_book *b;

    b = parse("tn.txt", "TRANSCRIBER'S NOTES\n\nSpelling is as printed.\n\nChapter 1\n\n" STORY
                        "Transcriber\xE2\x80\x99s Note:\n\nA typo on page 3 was fixed.\n");
    if (b) {
        CHECK(b->n_chapters == 1);
        CHECK_STR(b->chapters[0].title, "Chapter 1");
        CHECK(b->chapters[0].n_paragraphs == 3);
        CHECK(!in_any_paragraph(b, "Spelling"));
        CHECK(!in_any_paragraph(b, "typo"));
        dramatis_book_free(b);
    }
    b = parse("tn2.txt", "Transcriber's note: spelling as printed.\n\nIt was late.\n\nShe left.\n");
    if (b) {
        CHECK(b->chapters[0].n_paragraphs == 2);
        dramatis_book_free(b);
    }
}

/* What is not a title page: a chapter's last short lines, a dedication-like
 * line with no title-page word, a sentence. */
static void test_not_title_pages(void)
{
    struct dramatis_book *b;

    b = parse("nt.txt", "Chapter 1\n\n" STORY "Yes, he did.\n\nBy Jove.\n\n"
                        "Chapter 2\n\nSummer, 1969\n\nChapter 3\n\n" STORY);
    if (b) {
        CHECK(b->n_chapters == 3);
        CHECK(in_any_paragraph(b, "Yes, he did."));
        CHECK(in_any_paragraph(b, "By Jove."));
        CHECK(in_any_paragraph(b, "Summer, 1969"));
        dramatis_book_free(b);
    }
    /* A title page's second line is not always its author. */
    b = parse("hw.txt", "THE HARBOUR WALL\n\nA Novel.\n\nIN TWO VOLUMES\n\nCHAPTER I.\n\n" STORY);
    if (b) {
        CHECK_STR(b->title, "The Harbour Wall");
        CHECK(b->author == NULL);
        CHECK(b->n_chapters == 1);
        CHECK(!in_any_paragraph(b, "Novel"));
        CHECK(!in_any_paragraph(b, "VOLUMES"));
        dramatis_book_free(b);
    }
}

/* ---- the shared corpus as Project Gutenberg serves it: licence headers
 * and footers written for the test around the corpus's own text. */

#define CORPUS DRAMATIS_SOURCE_DIR "/../shared/corpus/"

/* The whole file at path, NUL-terminated; NULL (a failed check) when it
 * cannot be read: without ../shared the test fails, it does not skip. */
static char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long n;

    if (f == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        CHECK(!"the shared corpus is there");
        return NULL;
    }
    n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n > 0 && fseek(f, 0, SEEK_SET) == 0) {
        data = malloc((size_t)n + 1);
        if (data && fread(data, 1, (size_t)n, f) == (size_t)n) {
            data[n] = '\0';
            *size = (size_t)n;
        } else {
            free(data);
            data = NULL;
        }
    }
    fclose(f);
    CHECK(data != NULL);
    return data;
}

/* Writes head, body and foot to dir/name and loads it as a user would. */
static struct dramatis_book *load_downloaded(const char *dir, const char *name, const char *head,
                                             const char *body, size_t body_size, const char *foot)
{
    char path[512];
    struct dramatis_book *b = NULL;
    struct dramatis_error err;
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f == NULL)
        return NULL;
    fputs(head, f);
    fwrite(body, 1, body_size, f);
    fputs(foot, f);
    fclose(f);
    memset(&err, 0, sizeof err);
    if (import_load(path, NULL, &b, &err) != DRAMATIS_OK)
        fprintf(stderr, "%s: %s\n", path, err.message);
    CHECK(b != NULL);
    remove(path);
    return b;
}

/* The downloaded book reads exactly the paragraphs of the corpus text
 * alone, head bytes later, in the same chapters: not a line more from the
 * licence, the title page or the footer. */
static void check_same_story(const struct dramatis_book *got, const struct dramatis_book *plain,
                             size_t shift, const char *what)
{
    size_t c, p, bad = 0;

    CHECK(got->n_chapters == plain->n_chapters);
    for (c = 0; c < got->n_chapters && c < plain->n_chapters; c++) {
        const struct chapter *a = &got->chapters[c], *e = &plain->chapters[c];
        CHECK_STR(a->title, e->title);
        if (a->n_paragraphs != e->n_paragraphs) {
            bad++;
            continue;
        }
        for (p = 0; p < a->n_paragraphs; p++) {
            if (a->paragraphs[p].start != e->paragraphs[p].start + shift ||
                a->paragraphs[p].end != e->paragraphs[p].end + shift)
                bad++;
        }
    }
    if (bad)
        fprintf(stderr, "%s: %zu chapters or paragraphs differ from the corpus text\n", what, bad);
    CHECK(bad == 0);
}

/* The first and last paragraphs are the story's first and last. */
static void check_ends(const struct dramatis_book *b, size_t first, size_t last)
{
    const struct chapter *end;

    if (b->n_chapters == 0)
        return;
    end = &b->chapters[b->n_chapters - 1];
    CHECK(b->chapters[0].n_paragraphs > 0 && b->chapters[0].paragraphs[0].start == first);
    CHECK(end->n_paragraphs > 0 && end->paragraphs[end->n_paragraphs - 1].end == last);
}

/* Offset in body of the first text after the line that at is in. */
static size_t next_line_text(const char *body, const char *at)
{
    const char *nl = strchr(at, '\n');

    while (nl && (nl[1] == '\n' || nl[1] == '\r' || nl[1] == ' '))
        nl++;
    return nl ? (size_t)(nl + 1 - body) : 0;
}

/* Offset just after the last text of body. */
static size_t text_end(const char *body, size_t size)
{
    while (size > 0 && (body[size - 1] == '\n' || body[size - 1] == '\r' || body[size - 1] == ' '))
        size--;
    return size;
}

#define LICENCE_2020 \
    "This ebook is for the use of anyone anywhere in the United States and\n" \
    "most other parts of the world at no cost and with almost no restrictions\n" \
    "whatsoever. You may copy it, give it away or re-use it under the terms\n" \
    "of the Project Gutenberg License included with this ebook or online\n" \
    "at www.gutenberg.org. If you are not located in the United States,\n" \
    "you will have to check the laws of the country where you are located\n" \
    "before using this eBook.\n\n"
#define LICENCE_2008 \
    "This eBook is for the use of anyone anywhere at no cost and with\n" \
    "almost no restrictions whatsoever.  You may copy it, give it away or\n" \
    "re-use it under the terms of the Project Gutenberg License included\n" \
    "with this eBook or online at www.gutenberg.org\n\n\n"
#define FOOTER_2020(TITLE) \
    "\n\n\n*** END OF THE PROJECT GUTENBERG EBOOK " TITLE " ***\n\n\n    \n\n" \
    "Updated editions will replace the previous one\xE2\x80\x94the old editions will\n" \
    "be renamed.\n\nCreating the works from print editions not protected by U.S. copyright\n" \
    "law means that no one owns a United States copyright in these works.\n\n" \
    "START: FULL LICENSE\n\nTHE FULL PROJECT GUTENBERG LICENSE\n\n" \
    "PLEASE READ THIS BEFORE YOU DISTRIBUTE OR USE THIS WORK\n"
#define FOOTER_2008(TITLE) \
    "\n\n*** END OF THIS PROJECT GUTENBERG EBOOK " TITLE " ***\n\n" \
    "***** This file should be named 0.txt or 0.zip *****\n" \
    "This and all associated files of various formats will be found in:\n" \
    "        http://www.gutenberg.org/0/\n\n*** START: FULL LICENSE ***\n"

static void test_pride_and_prejudice_downloaded(const char *dir)
{
    static const char *const matter[] = {
        "Gutenberg", "Jane Austen", "Illustration", "Sensibility", "In Three Volumes",
        "Printed for", "PREJUDICE", "END OF", "1813", "Produced by", "SMALL PRINT", "License",
        "LICENSE", "Updated editions"
    };
    size_t size = 0, vol2, chapter1, k, c, volume = 0, number = 0;
    char *body = read_all(CORPUS "PrideAndPrejudice/novel_text.txt", &size);
    char *title_page = NULL, *head = NULL, *line, title[64];
    struct dramatis_book *plain, *b;
    const char *vol2_at, *end_at, *ch1_at;
    const char *heads[3], *foots[3];

    if (body == NULL)
        return;
    plain = parse(CORPUS "PrideAndPrejudice/novel_text.txt", body);
    if (plain == NULL)
        goto done;
    check_not_read(plain, matter, sizeof matter / sizeof matter[0], "P&P corpus text");

    /* 61 chapters named after the chapters: `Volume 2: Chapter 1`, counting
     * the corpus's `CHAPTER I.` lines (numbering starts again in each volume) */
    CHECK(plain->n_chapters == 61);
    for (line = body, c = 0; line && c < plain->n_chapters; line = strchr(line, '\n')) {
        line += *line == '\n';
        if (strncmp(line, "CHAPTER ", 8) != 0)
            continue;
        if (strncmp(line, "CHAPTER I.", 10) == 0) {
            volume++;
            number = 0;
        }
        snprintf(title, sizeof title, "Volume %zu: Chapter %zu", volume, ++number);
        CHECK_STR(plain->chapters[c].title, title);
        c++;
    }
    CHECK(c == 61 && volume == 3);
    chapter1 = next_line_text(body, body);
    check_ends(plain, chapter1, text_end(body, size));

    /* The first volume's title page as the second's, as printed. */
    end_at = strstr(body, "END OF VOL. I.");
    vol2_at = end_at ? strstr(end_at, "VOL. II.") : NULL;
    ch1_at = vol2_at ? strstr(vol2_at, "CHAPTER I.") : NULL;
    CHECK(ch1_at != NULL);
    if (ch1_at == NULL)
        goto done;
    vol2 = (size_t)(vol2_at - body);
    k = next_line_text(body, end_at);
    title_page = malloc((size_t)(ch1_at - body) - k + 1);
    if (title_page == NULL)
        goto done;
    snprintf(title_page, (size_t)(ch1_at - body) - k + 1, "%.*s%s%.*s", (int)(vol2 - k), body + k,
             "VOL. I. ", (int)(ch1_at - body - (long)vol2 - 8), body + vol2 + 8);

    heads[0] = "The Project Gutenberg eBook of Pride and Prejudice\n    \n" LICENCE_2020
               "Title: Pride and Prejudice\n\nAuthor: Jane Austen\n\n"
               "Release date: June 1, 1998 [eBook #1342]\n"
               "                Most recently updated: October 29, 2024\n\n"
               "Language: English\n\nCredits: Volunteers of the test suite\n\n\n"
               "*** START OF THE PROJECT GUTENBERG EBOOK PRIDE AND PREJUDICE ***\n\n\n\n";
    foots[0] = FOOTER_2020("PRIDE AND PREJUDICE");
    heads[1] = "The Project Gutenberg EBook of Pride and Prejudice, by Jane Austen\n\n" LICENCE_2008
               "Title: Pride and Prejudice\n\nAuthor: Jane Austen\n\n"
               "Posting Date: August 26, 2008 [EBook #1342]\nRelease Date: June, 1998\n"
               "Last Updated: March 10, 2018\n\nLanguage: English\n\n"
               "Character set encoding: UTF-8\n\n"
               "*** START OF THIS PROJECT GUTENBERG EBOOK PRIDE AND PREJUDICE ***\n\n\n\n\n"
               "Produced by Volunteers of the test suite\n\n\n\n\n";
    foots[1] = "\n\n\n\nEnd of the Project Gutenberg EBook of Pride and Prejudice, by Jane Austen\n"
               FOOTER_2008("PRIDE AND PREJUDICE");
    heads[2] = "The Project Gutenberg Etext of Pride and Prejudice, by Jane Austen\n"
               "#2 in our series by Jane Austen\n\n"
               "Copyright laws are changing all over the world, be sure to check\n"
               "the copyright laws for your country before posting these files!!\n\n"
               "**Welcome To The World of Free Plain Vanilla Electronic Texts**\n\n"
               "**Etexts Readable By Both Humans and By Computers, Since 1971**\n\n"
               "*These Etexts Prepared By Hundreds of Volunteers and Donations*\n\n"
               "Title: Pride and Prejudice\n\nAuthor: Jane Austen\n\n"
               "Release Date: August, 1998 [Etext #1342]\nEdition: 10\n\n"
               "Language: English\n\n"
               "***START**THE SMALL PRINT!**FOR PUBLIC DOMAIN ETEXTS**START***\n"
               "Why is this \"Small Print!\" statement here? You know: lawyers.\n\n"
               "*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*\n\n\n"
               "This etext was prepared by Volunteers of the test suite.\n\n\n\n";
    foots[2] = "\n\n\n\nEnd of The Project Gutenberg Etext of Pride and Prejudice\n";
    for (k = 0; k < 3; k++) {
        size_t n = strlen(heads[k]) + strlen(title_page) + 8;
        free(head);
        head = malloc(n);
        if (head == NULL)
            break;
        snprintf(head, n, "%s%s\n\n\n", heads[k], k == 0 ? title_page : "");
        b = load_downloaded(dir, "pg1342.txt", head, body, size, foots[k]);
        if (b == NULL)
            continue;
        CHECK_STR(b->title, "Pride and Prejudice");
        CHECK_STR(b->author, "Jane Austen");
        CHECK_STR(b->meta.language, "en");
        CHECK_STR(b->meta.date, k == 0 ? "June 1, 1998" : k == 1 ? "June, 1998" : "August, 1998");
        check_same_story(b, plain, strlen(head), k == 0 ? "P&P 2020s" : k == 1 ? "P&P 2008" : "P&P 1990s");
        check_not_read(b, matter, sizeof matter / sizeof matter[0], "P&P as downloaded");
        dramatis_book_free(b);
    }
done:
    free(head);
    free(title_page);
    dramatis_book_free(plain);
    free(body);
}

static void test_alice_downloaded(const char *dir)
{
    static const char *const matter[] = {
        "Gutenberg", "Lewis Carroll", "MILLENNIUM", "Contents", "Illustration", "License",
        "LICENSE", "ADVENTURES", "Adventures in Wonderland"
    };
    size_t size = 0, c = 0, k;
    char *body = read_all(CORPUS "AlicesAdventuresInWonderland/novel_text.txt", &size);
    struct dramatis_book *plain = NULL, *b;
    struct buf toc;
    char title[128], *line, *head = NULL;
    const char *heads[2], *foots[2];

    buf_init(&toc, 1 << 16);
    if (body == NULL)
        return;
    plain = parse(CORPUS "AlicesAdventuresInWonderland/novel_text.txt", body);
    if (plain == NULL)
        goto done;
    /* 12 chapters named `Chapter 3: A Caucus-Race and a Long Tale` after the
     * corpus's `CHAPTER III.` and the line under it; the 2020s file lists
     * them as its contents */
    CHECK(plain->n_chapters == 12);
    for (line = body; line; line = strchr(line, '\n')) {
        line += *line == '\n';
        if (strncmp(line, "CHAPTER ", 8) == 0 && strchr(line, '\n')) {
            const char *sub = strchr(line, '\n') + 1;
            int n = (int)strcspn(sub, "\r\n");
            c++;
            snprintf(title, sizeof title, "Chapter %zu: %.*s", c, n, sub);
            if (c <= plain->n_chapters)
                CHECK_STR(plain->chapters[c - 1].title, title);
            buf_printf(&toc, " %.*s  %.*s\n", (int)strcspn(line, "\r\n"), line, n, sub);
        }
    }
    CHECK(c == 12);
    check_ends(plain, next_line_text(body, strchr(body, '\n') + 1), text_end(body, size));
    check_not_read(plain, matter, sizeof matter / sizeof matter[0], "Alice corpus text");

    heads[0] = "Project Gutenberg's Alice's Adventures in Wonderland, by Lewis Carroll\n\n"
               LICENCE_2008 "Title: Alice's Adventures in Wonderland\n\nAuthor: Lewis Carroll\n\n"
               "Posting Date: June 25, 2008 [EBook #11]\nRelease Date: March, 1994\n"
               "[Last updated: December 20, 2011]\n\nLanguage: English\n\n\n"
               "*** START OF THIS PROJECT GUTENBERG EBOOK ALICE'S ADVENTURES IN WONDERLAND ***\n"
               "\n\n\n\n\n\n\n\n\n\n\n\n\nALICE'S ADVENTURES IN WONDERLAND\n\nLewis Carroll\n\n"
               "THE MILLENNIUM FULCRUM EDITION 3.0\n\n\n\n\n";
    foots[0] = "\n\n\n\n\n\nEnd of Project Gutenberg's Alice's Adventures in Wonderland, by Lewis Carroll\n"
               FOOTER_2008("ALICE'S ADVENTURES IN WONDERLAND");
    heads[1] = "The Project Gutenberg eBook of Alice's Adventures in Wonderland\n    \n" LICENCE_2020
               "Title: Alice's Adventures in Wonderland\n\nAuthor: Lewis Carroll\n\n"
               "Release date: January 1, 1991 [eBook #11]\n"
               "                Most recently updated: October 12, 2020\n\n"
               "Language: English\n\nCredits: Volunteers of the test suite\n\n\n"
               "*** START OF THE PROJECT GUTENBERG EBOOK ALICE'S ADVENTURES IN WONDERLAND ***\n"
               "[Illustration]\n\n\n\n\nAlice\xE2\x80\x99s Adventures in Wonderland\n\n"
               "by Lewis Carroll\n\nTHE MILLENNIUM FULCRUM EDITION 3.0\n\nContents\n\n";
    foots[1] = FOOTER_2020("ALICE'S ADVENTURES IN WONDERLAND");
    for (k = 0; k < 2; k++) {
        size_t n = strlen(heads[k]) + toc.len + 8;
        free(head);
        head = malloc(n);
        if (head == NULL)
            break;
        snprintf(head, n, "%s%s\n\n\n\n", heads[k], k == 1 && toc.data ? toc.data : "");
        b = load_downloaded(dir, "pg11.txt", head, body, size, foots[k]);
        if (b == NULL)
            continue;
        CHECK_STR(b->title, "Alice's Adventures in Wonderland");
        CHECK_STR(b->author, "Lewis Carroll");
        CHECK_STR(b->meta.language, "en");
        CHECK_STR(b->meta.date, k == 0 ? "March, 1994" : "January 1, 1991");
        check_same_story(b, plain, strlen(head), k == 0 ? "Alice 2008" : "Alice 2020s");
        check_not_read(b, matter, sizeof matter / sizeof matter[0], "Alice as downloaded");
        dramatis_book_free(b);
    }
done:
    free(head);
    buf_cleanup(&toc);
    dramatis_book_free(plain);
    free(body);
}

static void test_corpus_downloaded(void)
{
    char dir[] = "/tmp/dramatis_test_downloaded_XXXXXX";

    if (mkdtemp(dir) == NULL) {
        CHECK(!"mkdtemp");
        return;
    }
    test_pride_and_prejudice_downloaded(dir);
    test_alice_downloaded(dir);
    rmdir(dir);
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
    test_caps_heading();
    test_title_and_author();
    test_ao3_layout();
    test_ao3_notes();
    test_bom_crlf_offsets();
    test_scene_breaks();
    test_unicode_spaces();
    test_line_paragraphs();
    test_indented_paragraphs();
    test_run_on_paragraphs();
    test_prose_before_heading();
    test_gutenberg_boilerplate();
    test_volume_pages();
    test_gutenberg_layouts();
    test_groups();
    test_inserts();
    test_contents();
    test_transcriber_notes();
    test_not_title_pages();
    test_corpus_downloaded();
    test_parse_errors();
    test_load();
    return CHECK_DONE();
}
