/* Tests of the HTML and Markdown importers and of UTF-16 text: AO3's HTML
 * download, a Project Gutenberg HTML book, a Markdown story with front
 * matter, and a UTF-16 text, all written here. */
#include "books.h"

static const char ao3_html[] =
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
    "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"
    "<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />\n"
    "<title>Paper Boats - inkwell_fan - Harbour (TV)</title>\n"
    "<style type=\"text/css\">p.message { text-align: center; }</style>\n"
    "</head>\n<body>\n<div id=\"main\" class=\"works-show\" role=\"main\">\n"
    "<div id=\"preface\">\n"
    "  <h2 class=\"toc-heading\">Preface</h2>\n"
    "  <p class=\"message\">\n    <b>Paper Boats</b><br/>\n"
    "    Posted originally on the <a href=\"http://archiveofourown.org/\">Archive of Our Own</a> at "
    "<a href=\"http://archiveofourown.org/works/1\">http://archiveofourown.org/works/1</a>.\n  </p>\n"
    "  <div class=\"meta\">\n    <dl class=\"tags\">\n"
    "          <dt>Rating:</dt>\n          <dd><a href=\"x\">Teen And Up Audiences</a></dd>\n"
    "          <dt>Fandom:</dt>\n          <dd><a href=\"x\">Harbour (TV)</a></dd>\n"
    "          <dt>Characters:</dt>\n          <dd><a href=\"x\">Mara</a>, <a href=\"x\">Tom</a></dd>\n"
    "        <dt>Language:</dt>\n        <dd>English</dd>\n"
    "        <dt>Series:</dt>\n        <dd>Part 2 of\n<a href=\"x\">Harbour Verse</a></dd>\n"
    "      <dt>Stats:</dt>\n      <dd>\n        Published: 2020-05-04\n        Words: 120\n"
    "        Chapters: 2/2\n      </dd>\n    </dl>\n"
    "    <h1>Paper Boats</h1>\n"
    "    <div class=\"byline\">by <a rel=\"author\" href=\"x\">inkwell_fan</a></div>\n"
    "      <p>Summary</p>\n"
    "      <blockquote class=\"userstuff\"><p>\"Boats,\" said the summary.</p><p>Second line.</p></blockquote>\n"
    "      <p>Notes</p>\n"
    "        <blockquote class=\"userstuff\"><p>\"Hi,\" said the notes.</p></blockquote>\n"
    "  </div>\n</div>\n\n"
    "<div id=\"chapters\" class=\"userstuff\">\n"
    "<div class=\"meta group\">\n  <h2 class=\"heading\">Chapter 1: Launch</h2>\n"
    "    <p>Chapter Notes</p>\n"
    "      <blockquote class=\"userstuff\"><p>\"A chapter note,\" said the author.</p></blockquote>\n"
    "</div>\n\n<!--chapter content-->\n<div class=\"userstuff\">\n"
    "  <p>\"Fold it twice,\" Mara said.</p>\n"
    "<p>Tom folded it <em>twice</em>&#8212;then again.</p>\n"
    "<p>&nbsp;</p>\n"
    "<p>\"Now it floats,\" said Tom.</p>\n"
    "</div>\n<!--/chapter content-->\n\n"
    "  <div class=\"meta\" id=\"endnotes1\">\n    <p>Chapter End Notes</p>\n"
    "    <blockquote class=\"userstuff\"><p>\"An end note,\" said the author.</p></blockquote>\n"
    "  </div>\n\n"
    "<div class=\"meta group\">\n  <h2 class=\"heading\">Chapter 2</h2>\n</div>\n"
    "<div class=\"userstuff\">\n  <p>\"It sank,\" said Mara.</p>\n</div>\n"
    "</div>\n\n"
    "<div id=\"afterword\">\n  <h2 class=\"toc-heading\">Afterword</h2>\n"
    "    <div class=\"meta\">\n        <div id=\"endnotes\">\n          <p>End Notes</p>\n"
    "          <blockquote class=\"userstuff\"><p>\"The end,\" said the author.</p></blockquote>\n"
    "        </div>\n    </div>\n"
    "  <p class=\"message\">Please <a href=\"x\">drop by the archive and comment</a> to let the "
    "creator know if you enjoyed their work!</p>\n</div>\n"
    "</div>\n</body>\n</html>\n";

static void test_ao3_html(void)
{
    struct dramatis_book *b;
    const char *doc = NULL;

    write_text("Paper_Boats.html", ao3_html);
    b = load("Paper_Boats.html", NULL);
    if (b == NULL)
        return;
    CHECK_STR(b->title, "Paper Boats");
    CHECK_STR(b->author, "inkwell_fan");
    CHECK_STR(b->meta.genre, "Harbour (TV)");
    CHECK_STR(b->meta.language, "en");
    CHECK_STR(b->meta.series, "Harbour Verse");
    CHECK_STR(b->meta.series_index, "2");
    CHECK_STR(b->meta.date, "2020-05-04");
    CHECK_STR(b->meta.description, "\"Boats,\" said the summary.\nSecond line.");
    CHECK(b->n_chapters == 2);
    if (b->n_chapters == 2) {
        CHECK_STR(b->chapters[0].title, "Chapter 1: Launch");
        CHECK_STR(b->chapters[1].title, "Chapter 2");
        CHECK(b->chapters[0].n_paragraphs == 3);
        CHECK_STR(para(b, 0, 0), "\"Fold it twice,\" Mara said.");
        CHECK_STR(para(b, 0, 1), "Tom folded it _twice_\u2014then again.");
        CHECK_STR(para(b, 0, 2), "\"Now it floats,\" said Tom.");
        CHECK_STR(para(b, 1, 0), "\"It sank,\" said Mara.");
        CHECK_STR(para_source(b, 0, 1, ao3_html, &doc), "Tom folded it <em>twice</em>&#8212;then again.");
        CHECK_STR(doc, "Paper_Boats.html");
    }
    CHECK(!spoken_anywhere(b, "said the"));
    CHECK(!spoken_anywhere(b, "Notes"));
    CHECK(!spoken_anywhere(b, "Teen"));
    CHECK(!spoken_anywhere(b, "Paper Boats"));
    CHECK(!spoken_anywhere(b, "archive"));
    CHECK(!spoken_anywhere(b, "Afterword"));
    dramatis_book_free(b);
}

static const char pg_html[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>The Project Gutenberg eBook of The Quiet Mill, by Eliza Stone</title>\n"
    "<meta name=\"dc.title\" content=\"The Quiet Mill\">\n"
    "<meta name=\"dcterms.creator\" content=\"Stone, Eliza, 1850-1901\">\n"
    "<meta name=\"dc.language\" content=\"en\">\n"
    "</head>\n<body>\n"
    "<section class=\"pg-boilerplate pgheader\" id=\"pg-header\" lang=\"en\">\n"
    "<h2 id=\"pg-header-heading\">The Project Gutenberg eBook of The Quiet Mill</h2>\n"
    "<p>This ebook is for the use of anyone anywhere in the United States.</p>\n"
    "<div id=\"pg-start-separator\"><span>*** START OF THE PROJECT GUTENBERG EBOOK THE QUIET MILL ***</span></div>\n"
    "</section>\n"
    "<h1>THE QUIET MILL</h1>\n"
    "<p class=\"center\">by Eliza Stone</p>\n"
    "<h2>CONTENTS</h2>\n"
    "<table><tr><td><a href=\"#chap01\">CHAPTER I.</a></td></tr>"
    "<tr><td><a href=\"#chap02\">CHAPTER II.</a></td></tr></table>\n"
    "<div class=\"chapter\">\n<h2><a id=\"chap01\"></a>CHAPTER I.</h2>\n<h3>The Wheel</h3>\n"
    "<p>The mill stood by the <i>river</i>, and<span class=\"pagenum\"><a id=\"Page_2\">[Pg 2]</a></span>\n"
    "the wheel turned slowly.<a id=\"FNanchor_1_1\" href=\"#Footnote_1_1\" class=\"fnanchor\">[1]</a></p>\n"
    "<p>\u201cIt will rain,\u201d said the miller.</p>\n"
    "<div class=\"footnote\"><p><a id=\"Footnote_1_1\" href=\"#FNanchor_1_1\" class=\"label\">[1]</a> "
    "A note about mills.</p></div>\n"
    "</div>\n"
    "<div class=\"chapter\">\n<h2><a id=\"chap02\"></a>CHAPTER II.</h2>\n<h3>Rain</h3>\n"
    "<p>It rained.</p>\n<hr class=\"tb\">\n<p>The wheel stopped.</p>\n</div>\n"
    "<section class=\"pg-boilerplate pgfooter\" id=\"pg-footer\">\n"
    "<div id=\"pg-end-separator\"><span>*** END OF THE PROJECT GUTENBERG EBOOK THE QUIET MILL ***</span></div>\n"
    "<p>Updated editions will replace the previous one.</p>\n</section>\n"
    "</body>\n</html>\n";

/* An older layout: the licence in <pre> and the START and END lines as text. */
static const char pg_old_html[] =
    "<html><head><title>The Project Gutenberg EBook of Old Roads, by Sam Field</title></head>\n"
    "<body>\n<pre>\nThe Project Gutenberg EBook of Old Roads, by Sam Field\n\n"
    "This eBook is for the use of anyone anywhere at no cost.\n\n"
    "*** START OF THIS PROJECT GUTENBERG EBOOK OLD ROADS ***\n</pre>\n"
    "<h2>CHAPTER I</h2>\n<p>The road was old.</p>\n"
    "<h2>CHAPTER II</h2>\n<p>The road was long.</p>\n"
    "<pre>\n*** END OF THIS PROJECT GUTENBERG EBOOK OLD ROADS ***\n\nLicence text.\n</pre>\n"
    "</body></html>\n";

static void test_gutenberg_html(void)
{
    struct dramatis_book *b;

    write_text("pg-mill.html", pg_html);
    b = load("pg-mill.html", NULL);
    if (b == NULL)
        return;
    CHECK_STR(b->title, "The Quiet Mill");
    CHECK_STR(b->author, "Eliza Stone");
    CHECK_STR(b->meta.language, "en");
    CHECK(b->n_chapters == 3);
    if (b->n_chapters == 3) {
        /* what stands before the first chapter, under the book's title */
        CHECK_STR(b->chapters[0].title, "The Quiet Mill");
        CHECK_STR(para(b, 0, 0), "by Eliza Stone");
        CHECK(b->chapters[0].n_paragraphs == 1);
        CHECK_STR(b->chapters[1].title, "CHAPTER I: The Wheel");
        CHECK_STR(para(b, 1, 0), "The mill stood by the _river_, and the wheel turned slowly.");
        CHECK_STR(para(b, 1, 1), "\u201cIt will rain,\u201d said the miller.");
        CHECK(b->chapters[1].n_paragraphs == 2);
        CHECK_STR(b->chapters[2].title, "CHAPTER II: Rain");
        CHECK(b->chapters[2].n_paragraphs == 2);
        CHECK(b->chapters[2].paragraphs[1].scene_break_before);
    }
    CHECK(!spoken_anywhere(b, "Gutenberg"));
    CHECK(!spoken_anywhere(b, "ebook"));
    CHECK(!spoken_anywhere(b, "[Pg"));
    CHECK(!spoken_anywhere(b, "[1]"));
    CHECK(!spoken_anywhere(b, "note about"));
    CHECK(!spoken_anywhere(b, "CONTENTS"));
    CHECK(!spoken_anywhere(b, "Updated"));
    dramatis_book_free(b);

    write_text("pg-old.htm", pg_old_html);
    b = load("pg-old.htm", NULL);
    if (b == NULL)
        return;
    CHECK_STR(b->title, "Old Roads");
    CHECK_STR(b->author, "Sam Field");
    CHECK(b->n_chapters == 2);
    CHECK_STR(para(b, 0, 0), "The road was old.");
    CHECK_STR(para(b, 1, 0), "The road was long.");
    CHECK(!spoken_anywhere(b, "Gutenberg"));
    CHECK(!spoken_anywhere(b, "Licence"));
    dramatis_book_free(b);
}

static const char markdown[] =
    "---\n"
    "title: \"The Glass Tower\"\n"
    "author: Nell Avery\n"
    "language: en\n"
    "summary: A summary nobody reads aloud.\n"
    "---\n"
    "\n"
    "# Chapter One\n"
    "\n"
    "\"Climb,\" said *Ivy*, and\n"
    "pointed up.\n"
    "\n"
    "Rook shook his head \\*twice\\* &amp; sat.\n"
    "\n"
    "![a map](map.png)\n"
    "\n"
    "```\n"
    "code is not read\n"
    "```\n"
    "\n"
    "* * *\n"
    "\n"
    "Night fell on the [tower](https://example.com/tower).\n"
    "\n"
    "# Chapter Two\n"
    "\n"
    "> \"We go at dawn,\" said Ivy.\n"
    "\n"
    "<div>raw html is not read</div>\n";

static void test_markdown(void)
{
    struct dramatis_book *b;
    const char *doc = NULL;

    write_text("glass.md", markdown);
    b = load("glass.md", NULL);
    if (b == NULL)
        return;
    CHECK_STR(b->title, "The Glass Tower");
    CHECK_STR(b->author, "Nell Avery");
    CHECK_STR(b->meta.description, "A summary nobody reads aloud.");
    CHECK(b->n_chapters == 2);
    if (b->n_chapters == 2) {
        CHECK_STR(b->chapters[0].title, "Chapter One");
        CHECK(b->chapters[0].n_paragraphs == 3);
        CHECK_STR(para(b, 0, 0), "\"Climb,\" said _Ivy_, and pointed up.");
        CHECK_STR(para(b, 0, 1), "Rook shook his head *twice* & sat.");
        CHECK_STR(para(b, 0, 2), "Night fell on the tower.");
        CHECK(b->chapters[0].paragraphs[2].scene_break_before);
        CHECK_STR(b->chapters[1].title, "Chapter Two");
        CHECK_STR(para(b, 1, 0), "\"We go at dawn,\" said Ivy.");
        CHECK_STR(para_source(b, 0, 1, markdown, &doc), "Rook shook his head \\*twice\\* &amp; sat.");
        CHECK_STR(doc, "glass.md");
        CHECK_STR(para_source(b, 1, 0, markdown, &doc), "\"We go at dawn,\" said Ivy.");
    }
    CHECK(!spoken_anywhere(b, "summary"));
    CHECK(!spoken_anywhere(b, "map"));
    CHECK(!spoken_anywhere(b, "code"));
    CHECK(!spoken_anywhere(b, "raw html"));
    CHECK(!spoken_anywhere(b, "example.com"));
    dramatis_book_free(b);
}

/* UTF-16 (both byte orders): read as the UTF-8 text, offsets kept. */
static void test_utf16(void)
{
    const char *text = "The Letter\n\n\"Caf\xc3\xa9?\" asked Mara.\n\n\xf0\x9f\x99\x82 she smiled.\n";
    char utf16[512];
    size_t n = 0, i = 0;
    int be;

    for (be = 0; be < 2; be++) {
        struct dramatis_book *b;
        size_t s = 0, e = 0;
        const char *doc;
        n = 0;
        utf16[n++] = be ? (char)0xFE : (char)0xFF;
        utf16[n++] = be ? (char)0xFF : (char)0xFE;
        for (i = 0; text[i];) {
            /* UTF-8 to UTF-16, enough for this text */
            unsigned cp;
            unsigned char c = (unsigned char)text[i];
            if (c < 0x80) {
                cp = c;
                i += 1;
            } else if (c < 0xE0) {
                cp = ((c & 0x1Fu) << 6) | (text[i + 1] & 0x3Fu);
                i += 2;
            } else {
                cp = ((c & 0x07u) << 18) | ((text[i + 1] & 0x3Fu) << 12) |
                     ((text[i + 2] & 0x3Fu) << 6) | (text[i + 3] & 0x3Fu);
                i += 4;
            }
            if (cp >= 0x10000) {
                unsigned hi = 0xD800 + ((cp - 0x10000) >> 10), lo = 0xDC00 + ((cp - 0x10000) & 0x3FF);
                utf16[n++] = (char)(be ? hi >> 8 : hi & 0xFF);
                utf16[n++] = (char)(be ? hi & 0xFF : hi >> 8);
                cp = lo;
            }
            utf16[n++] = (char)(be ? cp >> 8 : cp & 0xFF);
            utf16[n++] = (char)(be ? cp & 0xFF : cp >> 8);
        }
        write_bytes("letter16.txt", utf16, n);
        b = load("letter16.txt", NULL);
        if (b == NULL)
            return;
        CHECK_STR(b->title, "The Letter");
        CHECK(b->n_chapters == 1);
        CHECK_STR(para(b, 0, 0), "\"Caf\xc3\xa9?\" asked Mara.");
        CHECK_STR(para(b, 0, 1), "\xf0\x9f\x99\x82 she smiled.");
        /* the second paragraph: after the BOM and 33 characters, 2 bytes each */
        doc = source_span(b, b->chapters[0].paragraphs[1].start, b->chapters[0].paragraphs[1].end,
                          &s, &e);
        CHECK_STR(doc, "letter16.txt");
        CHECK(s == 2 + 2 * 33);
        CHECK(e == s + 4 + 2 * strlen(" she smiled."));
        dramatis_book_free(b);
    }
    /* an unpaired surrogate */
    write_bytes("bad16.txt", "\xFF\xFE" "A\0\x00\xD8" "B\0", 8);
    load_fails("bad16.txt", "invalid UTF-16 at byte");
}

int main(void)
{
    test_ao3_html();
    test_gutenberg_html();
    test_markdown();
    test_utf16();
    return CHECK_DONE();
}
