/* Tests of the EPUB importer: EPUB 3 and EPUB 2 books and an AO3 download
 * written here, and every kind of bad EPUB refused with a message. */
#include "books.h"

#include <stdint.h>

static const char mimetype[] = "application/epub+zip";

static const char container[] =
    "<?xml version=\"1.0\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles><rootfile full-path=\"OEBPS/content.opf\" "
    "media-type=\"application/oebps-package+xml\"/></rootfiles>\n"
    "</container>\n";

static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0";

/* ---- EPUB 3: nav, landmarks, a cover image, footnotes, fragments */

static const char opf3[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">\n"
    " <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
    "  <dc:identifier id=\"id\">urn:uuid:1</dc:identifier>\n"
    "  <dc:title>The Lantern Road</dc:title>\n"
    "  <dc:creator>Ada Quill</dc:creator>\n"
    "  <dc:language>en-GB</dc:language>\n"
    "  <dc:date>2021-04-01</dc:date>\n"
    "  <dc:publisher>Small Press</dc:publisher>\n"
    "  <dc:description>&lt;p&gt;Two friends walk &lt;i&gt;far&lt;/i&gt;.&lt;/p&gt;</dc:description>\n"
    "  <meta property=\"belongs-to-collection\" id=\"c1\">Lantern Tales</meta>\n"
    "  <meta refines=\"#c1\" property=\"group-position\">2</meta>\n"
    " </metadata>\n"
    " <manifest>\n"
    "  <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
    "  <item id=\"cover\" href=\"cover.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
    "  <item id=\"title\" href=\"title.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
    "  <item id=\"ch1\" href=\"Text/ch1.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
    "  <item id=\"ch2\" href=\"Text/ch%202.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
    "  <item id=\"notes\" href=\"notes.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
    "  <item id=\"img\" href=\"cover.png\" media-type=\"image/png\" properties=\"cover-image\"/>\n"
    " </manifest>\n"
    " <spine><itemref idref=\"cover\"/><itemref idref=\"title\"/><itemref idref=\"nav\"/>"
    "<itemref idref=\"ch1\"/><itemref idref=\"ch2\"/><itemref idref=\"notes\"/></spine>\n"
    "</package>\n";

static const char nav3[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\n"
    "<head><title>Contents</title></head><body>\n"
    "<nav epub:type=\"toc\"><h1>Contents</h1><ol>\n"
    "  <li><a href=\"Text/ch1.xhtml\">One: The Gate</a></li>\n"
    "  <li><a href=\"Text/ch%202.xhtml#river\">Two: The River</a></li>\n"
    "</ol></nav>\n"
    "<nav epub:type=\"landmarks\"><ol>\n"
    "  <li><a epub:type=\"cover\" href=\"cover.xhtml\">Cover</a></li>\n"
    "  <li><a epub:type=\"titlepage\" href=\"title.xhtml\">Title Page</a></li>\n"
    "</ol></nav></body></html>\n";

static const char cover3[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Cover</title></head>\n"
    "<body><p>Cover art by Someone Else</p><img src=\"cover.png\" alt=\"The cover\"/></body></html>\n";

static const char title3[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Title</title></head>\n"
    "<body><h1>The Lantern Road</h1><p>A novel by Ada Quill, printed here</p></body></html>\n";

static const char ch1_3[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\n"
    "<head><title>One</title><style>p { margin: 0 }</style></head>\n"
    "<body><section epub:type=\"chapter\">\n"
    "<h1>One: The Gate</h1>\n"
    "<p>\"Open it,\" said Mara, <em>very</em> quietly.</p>\n"
    "<p>Tom looked at the gate<a epub:type=\"noteref\" href=\"#n1\">1</a> and\n"
    "    sighed.<span epub:type=\"pagebreak\" id=\"p12\" title=\"12\">12</span></p>\n"
    "<p>\"It is locked &amp; rusted,\" Tom said.</p>\n"
    "<aside epub:type=\"footnote\" id=\"n1\"><p>A footnote that is not read.</p></aside>\n"
    "</section></body></html>\n";

static const char ch2_3[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n"
    "<head><title>Two</title></head>\n"
    "<body>\n"
    "<p>The end of the first chapter, in the second file.</p>\n"
    "<div id=\"river\"><h2>Two: The River</h2>\n"
    "<p>&#8220;Cold,&#8221; said Mara.</p>\n"
    "<hr/>\n"
    "<p><i>Later</i>, the river was quiet.</p></div>\n"
    "</body></html>\n";

static const char notes3[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\n"
    "<head><title>Notes</title></head>\n"
    "<body epub:type=\"backmatter\"><section epub:type=\"endnotes\"><h1>Notes</h1>\n"
    "<p>Endnotes are not read.</p></section></body></html>\n";

static void epub3_files(struct book_file *f)
{
    struct book_file files[] = {
        { "mimetype", mimetype, 0 },
        { "META-INF/container.xml", container, 0 },
        { "OEBPS/content.opf", opf3, 0 },
        { "OEBPS/nav.xhtml", nav3, 0 },
        { "OEBPS/cover.xhtml", cover3, 0 },
        { "OEBPS/title.xhtml", title3, 0 },
        { "OEBPS/Text/ch1.xhtml", ch1_3, 0 },
        { "OEBPS/Text/ch 2.xhtml", ch2_3, 0 },
        { "OEBPS/notes.xhtml", notes3, 0 },
        { "OEBPS/cover.png", png, sizeof png - 1 },
    };

    memcpy(f, files, sizeof files);
}

#define EPUB3_FILES 10

static void test_epub3(void)
{
    struct book_file files[EPUB3_FILES];
    struct dramatis_book *b;
    const char *doc = NULL;

    epub3_files(files);
    write_zip("lantern.epub", files, EPUB3_FILES);
    b = load("lantern.epub", NULL);
    if (b == NULL)
        return;
    CHECK_STR(b->title, "The Lantern Road");
    CHECK_STR(b->author, "Ada Quill");
    CHECK_STR(b->meta.language, "en-GB");
    CHECK_STR(b->meta.date, "2021-04-01");
    CHECK_STR(b->meta.publisher, "Small Press");
    CHECK_STR(b->meta.description, "Two friends walk far.");
    CHECK_STR(b->meta.series, "Lantern Tales");
    CHECK_STR(b->meta.series_index, "2");
    CHECK_STR(b->meta.cover_mime, "image/png");
    CHECK(b->meta.cover_size == sizeof png - 1);
    CHECK(b->meta.cover && memcmp(b->meta.cover, png, sizeof png - 1) == 0);
    /* the nav's titles; the heading under each is its title, not read */
    CHECK(b->n_chapters == 2);
    if (b->n_chapters != 2)
        goto done;
    CHECK_STR(b->chapters[0].title, "One: The Gate");
    CHECK_STR(b->chapters[1].title, "Two: The River");
    CHECK(b->chapters[0].n_paragraphs == 4);
    CHECK_STR(para(b, 0, 0), "\"Open it,\" said Mara, _very_ quietly.");
    CHECK_STR(para(b, 0, 1), "Tom looked at the gate and sighed.");
    CHECK_STR(para(b, 0, 2), "\"It is locked & rusted,\" Tom said.");
    /* a chapter's text in the next file, before the contents' target */
    CHECK_STR(para(b, 0, 3), "The end of the first chapter, in the second file.");
    CHECK(b->chapters[1].n_paragraphs == 2);
    CHECK_STR(para(b, 1, 0), "\u201cCold,\u201d said Mara.");
    CHECK_STR(para(b, 1, 1), "_Later_, the river was quiet.");
    CHECK(b->chapters[1].paragraphs[1].scene_break_before);
    CHECK(!spoken_anywhere(b, "footnote"));
    CHECK(!spoken_anywhere(b, "12"));
    CHECK(!spoken_anywhere(b, "Endnotes"));
    CHECK(!spoken_anywhere(b, "Cover art"));
    CHECK(!spoken_anywhere(b, "printed here"));
    CHECK(!spoken_anywhere(b, "Contents"));
    /* each paragraph comes from its document's bytes */
    CHECK_STR(para_source(b, 0, 0, ch1_3, &doc), "\"Open it,\" said Mara, <em>very</em> quietly.");
    CHECK_STR(doc, "OEBPS/Text/ch1.xhtml");
    CHECK_STR(para_source(b, 0, 2, ch1_3, &doc), "\"It is locked &amp; rusted,\" Tom said.");
    CHECK_STR(para_source(b, 1, 0, ch2_3, &doc), "&#8220;Cold,&#8221; said Mara.");
    CHECK_STR(doc, "OEBPS/Text/ch 2.xhtml");
    CHECK_STR(para_source(b, 0, 1, ch1_3, &doc),
              "Tom looked at the gate<a epub:type=\"noteref\" href=\"#n1\">1</a> and\n"
              "    sighed.");
    /* the heading's span: the <h2> in its file */
    {
        size_t s = 0, e = 0;
        const char *d = source_span(b, b->chapters[1].title_start, b->chapters[1].title_end, &s, &e);
        CHECK_STR(d, "OEBPS/Text/ch 2.xhtml");
        CHECK(e - s == strlen("Two: The River") && memcmp(ch2_3 + s, "Two: The River", e - s) == 0);
    }
done:
    dramatis_book_free(b);
}

/* ---- EPUB 2: NCX, guide, &nbsp; without a DTD, calibre's series */

static const char opf2[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"2.0\" unique-identifier=\"id\">\n"
    " <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:opf=\"http://www.idpf.org/2007/opf\">\n"
    "  <dc:title>Harbour Lights</dc:title>\n"
    "  <dc:creator opf:role=\"aut\">Ben Marsh</dc:creator>\n"
    "  <dc:creator opf:role=\"ill\">Not An Author</dc:creator>\n"
    "  <dc:language>en</dc:language>\n"
    "  <dc:subject>Sea stories</dc:subject>\n"
    "  <meta name=\"calibre:series\" content=\"Coast\"/>\n"
    "  <meta name=\"calibre:series_index\" content=\"1.0\"/>\n"
    "  <meta name=\"cover\" content=\"cimg\"/>\n"
    " </metadata>\n"
    " <manifest>\n"
    "  <item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n"
    "  <item id=\"tp\" href=\"titlepage.html\" media-type=\"application/xhtml+xml\"/>\n"
    "  <item id=\"c1\" href=\"c1.html\" media-type=\"application/xhtml+xml\"/>\n"
    "  <item id=\"c2\" href=\"c2.html\" media-type=\"application/xhtml+xml\"/>\n"
    "  <item id=\"cimg\" href=\"images/c.jpg\" media-type=\"image/jpeg\"/>\n"
    " </manifest>\n"
    " <spine toc=\"ncx\"><itemref idref=\"tp\"/><itemref idref=\"c1\"/><itemref idref=\"c2\"/></spine>\n"
    " <guide><reference type=\"title-page\" href=\"titlepage.html\" title=\"Title\"/></guide>\n"
    "</package>\n";

static const char ncx2[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\"><navMap>\n"
    " <navPoint id=\"p1\" playOrder=\"1\"><navLabel><text>Part One</text></navLabel>"
    "<content src=\"c1.html\"/>\n"
    "  <navPoint id=\"n1\" playOrder=\"2\"><navLabel><text>Chapter 1. Fog</text></navLabel>"
    "<content src=\"c1.html#fog\"/></navPoint>\n"
    " </navPoint>\n"
    " <navPoint id=\"n2\" playOrder=\"3\"><navLabel><text>Chapter 2. Light</text></navLabel>"
    "<content src=\"c2.html\"/></navPoint>\n"
    "</navMap></ncx>\n";

static const char tp2[] =
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1>Harbour Lights</h1>"
    "<p>Copyright notice that is not read.</p></body></html>\n";

static const char c1_2[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" "
    "\"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\">\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>c1</title></head><body>\n"
    "<h2 class=\"part\">Part One</h2>\n"
    "<h3 id=\"fog\">Chapter 1. Fog</h3>\n"
    "<p>The fog&nbsp;came in.</p>\n"
    "<p>&#160;</p>\n"
    "<p>\"Who's there?\" called Ben.</p>\n"
    "</body></html>\n";

static const char c2_2[] =
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>c2</title></head><body>\n"
    "<h3>Chapter 2. Light</h3>\n"
    "<p>The lamp was lit<sup><a href=\"notes.html#n2\">[2]</a></sup>.</p>\n"
    "<div class=\"footnote\"><p>2. An explanation nobody reads aloud.</p></div>\n"
    "</body></html>\n";

static void test_epub2(void)
{
    static const char jpeg[] = "\xFF\xD8\xFF\xE0\0\x10JFIF";
    struct book_file files[] = {
        { "mimetype", mimetype, 0 },
        { "META-INF/container.xml", container, 0 },
        { "OEBPS/content.opf", opf2, 0 },
        { "OEBPS/toc.ncx", ncx2, 0 },
        { "OEBPS/titlepage.html", tp2, 0 },
        { "OEBPS/c1.html", c1_2, 0 },
        { "OEBPS/c2.html", c2_2, 0 },
        { "OEBPS/images/c.jpg", jpeg, sizeof jpeg - 1 },
    };
    struct dramatis_book *b;

    write_zip("harbour.epub", files, sizeof files / sizeof files[0]);
    b = load("harbour.epub", NULL);
    if (b == NULL)
        return;
    CHECK_STR(b->title, "Harbour Lights");
    CHECK_STR(b->author, "Ben Marsh");
    CHECK_STR(b->meta.language, "en");
    CHECK_STR(b->meta.genre, "Sea stories");
    CHECK_STR(b->meta.series, "Coast");
    CHECK_STR(b->meta.series_index, "1.0");
    CHECK_STR(b->meta.cover_mime, "image/jpeg");
    CHECK(b->n_chapters == 2);
    if (b->n_chapters == 2) {
        CHECK_STR(b->chapters[0].title, "Chapter 1. Fog");
        CHECK_STR(b->chapters[1].title, "Chapter 2. Light");
        CHECK(b->chapters[0].n_paragraphs == 2);
        CHECK_STR(para(b, 0, 0), "The fog\u00a0came in.");
        CHECK_STR(para(b, 0, 1), "\"Who's there?\" called Ben.");
        CHECK_STR(para(b, 1, 0), "The lamp was lit.");
    }
    CHECK(!spoken_anywhere(b, "Copyright"));
    CHECK(!spoken_anywhere(b, "explanation"));
    CHECK(!spoken_anywhere(b, "[2]"));
    dramatis_book_free(b);
}

/* ---- AO3's EPUB (calibre's conversion of the HTML download) */

static const char ao3_opf[] =
    "<?xml version='1.0' encoding='utf-8'?>\n"
    "<package xmlns=\"http://www.idpf.org/2007/opf\" unique-identifier=\"uuid_id\" version=\"2.0\">\n"
    "  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:opf=\"http://www.idpf.org/2007/opf\" xmlns:calibre=\"http://calibre.kovidgoyal.net/2009/metadata\">\n"
    "    <dc:title>Paper Boats</dc:title>\n"
    "    <dc:creator opf:role=\"aut\" opf:file-as=\"inkwell_fan\">inkwell_fan</dc:creator>\n"
    "    <dc:publisher>Archive of Our Own</dc:publisher>\n"
    "    <dc:description>&lt;p&gt;\"A summary line,\" said the summary.&lt;/p&gt;</dc:description>\n"
    "    <dc:subject>Fanworks</dc:subject>\n"
    "    <dc:subject>General Audiences</dc:subject>\n"
    "    <dc:language>en</dc:language>\n"
    "    <dc:date>2020-05-04T00:00:00+00:00</dc:date>\n"
    "    <meta name=\"calibre:series\" content=\"Harbour Verse\"/>\n"
    "    <meta name=\"calibre:series_index\" content=\"3\"/>\n"
    "  </metadata>\n"
    "  <manifest>\n"
    "    <item href=\"Paper_Boats_split_000.xhtml\" id=\"html\" media-type=\"application/xhtml+xml\"/>\n"
    "    <item href=\"Paper_Boats_split_001.xhtml\" id=\"html1\" media-type=\"application/xhtml+xml\"/>\n"
    "    <item href=\"Paper_Boats_split_002.xhtml\" id=\"html2\" media-type=\"application/xhtml+xml\"/>\n"
    "    <item href=\"Paper_Boats_split_003.xhtml\" id=\"html3\" media-type=\"application/xhtml+xml\"/>\n"
    "    <item href=\"toc.ncx\" id=\"ncx\" media-type=\"application/x-dtbncx+xml\"/>\n"
    "  </manifest>\n"
    "  <spine toc=\"ncx\"><itemref idref=\"html\"/><itemref idref=\"html1\"/>"
    "<itemref idref=\"html2\"/><itemref idref=\"html3\"/></spine>\n"
    "</package>\n";

static const char ao3_ncx[] =
    "<?xml version='1.0' encoding='utf-8'?>\n"
    "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\"><navMap>\n"
    "<navPoint id=\"a\" playOrder=\"0\"><navLabel><text>Preface</text></navLabel>"
    "<content src=\"Paper_Boats_split_000.xhtml\"/></navPoint>\n"
    "<navPoint id=\"b\" playOrder=\"1\"><navLabel><text>Chapter 1: Launch</text></navLabel>"
    "<content src=\"Paper_Boats_split_001.xhtml\"/></navPoint>\n"
    "<navPoint id=\"c\" playOrder=\"2\"><navLabel><text>Chapter 2</text></navLabel>"
    "<content src=\"Paper_Boats_split_002.xhtml\"/></navPoint>\n"
    "<navPoint id=\"d\" playOrder=\"3\"><navLabel><text>Afterword</text></navLabel>"
    "<content src=\"Paper_Boats_split_003.xhtml\"/></navPoint>\n"
    "</navMap></ncx>\n";

#define AO3_HEAD                                                                                \
    "<?xml version='1.0' encoding='utf-8'?>\n"                                                  \
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Paper Boats - inkwell_fan - "    \
    "Harbour (TV)</title><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"/>" \
    "<link href=\"stylesheet.css\" rel=\"stylesheet\" type=\"text/css\"/></head>\n"             \
    "<body class=\"calibre\">\n"

static const char ao3_preface[] = AO3_HEAD
    "<div id=\"preface\" class=\"calibre1\">\n"
    "<h2 class=\"toc-heading\">Preface</h2>\n"
    "<p class=\"message\"><b>Paper Boats</b><br/>Posted originally on the <a href=\"http://archiveofourown.org/\">Archive of Our Own</a> at <a href=\"http://archiveofourown.org/works/1\">http://archiveofourown.org/works/1</a>.</p>\n"
    "<div class=\"meta\">\n"
    "<dl class=\"tags\">\n"
    "<dt>Rating:</dt><dd><a href=\"x\">General Audiences</a></dd>\n"
    "<dt>Archive Warning:</dt><dd><a href=\"x\">No Archive Warnings Apply</a></dd>\n"
    "<dt>Fandom:</dt><dd><a href=\"x\">Harbour (TV)</a></dd>\n"
    "<dt>Relationship:</dt><dd><a href=\"x\">Mara/Tom</a></dd>\n"
    "<dt>Characters:</dt><dd><a href=\"x\">Mara</a>, <a href=\"x\">Tom</a></dd>\n"
    "<dt>Additional Tags:</dt><dd><a href=\"x\">Fluff</a></dd>\n"
    "<dt>Language:</dt><dd>English</dd>\n"
    "<dt>Series:</dt><dd>Part 3 of <a href=\"x\">Harbour Verse</a></dd>\n"
    "<dt>Stats:</dt><dd>Published: 2020-05-04 Words: 120 Chapters: 2/2</dd>\n"
    "</dl>\n"
    "<h1>Paper Boats</h1>\n"
    "<div class=\"byline\">by <a rel=\"author\" href=\"x\">inkwell_fan</a></div>\n"
    "<p>Summary</p>\n"
    "<blockquote class=\"userstuff\"><p>\"A summary line,\" said the summary.</p></blockquote>\n"
    "<p>Notes</p>\n"
    "<blockquote class=\"userstuff\"><p>\"Thanks to my beta,\" said the note.</p></blockquote>\n"
    "</div></div>\n"
    "</body></html>\n";

static const char ao3_ch1[] = AO3_HEAD
    "<div id=\"chapters\" class=\"userstuff\">\n"
    "<div class=\"meta group\">\n"
    "<h2 class=\"heading\">Chapter 1: Launch</h2>\n"
    "<p>Chapter Notes</p>\n"
    "<blockquote class=\"userstuff\"><p>\"A chapter note,\" said the author.</p></blockquote>\n"
    "</div>\n"
    "<div class=\"userstuff\">\n"
    "<p>\"Fold it twice,\" Mara said.</p>\n"
    "<p>Tom folded the paper <em>twice</em>.</p>\n"
    "<p align=\"center\">~*~*~</p>\n"
    "<p>\"Now it floats,\" said Tom.</p>\n"
    "</div>\n"
    "<div class=\"meta\" id=\"endnotes1\"><p>Chapter End Notes</p>\n"
    "<blockquote class=\"userstuff\"><p>\"An end note,\" said the author.</p></blockquote></div>\n"
    "</div></body></html>\n";

static const char ao3_ch2[] = AO3_HEAD
    "<div id=\"chapters\" class=\"userstuff\">\n"
    "<div class=\"meta group\"><h2 class=\"heading\">Chapter 2</h2></div>\n"
    "<div class=\"userstuff\"><p>\"It sank,\" said Mara.</p></div>\n"
    "</div></body></html>\n";

static const char ao3_after[] = AO3_HEAD
    "<div id=\"afterword\">\n"
    "<h2 class=\"toc-heading\">Afterword</h2>\n"
    "<div class=\"meta\"><div id=\"endnotes\"><p>End Notes</p>\n"
    "<blockquote class=\"userstuff\"><p>\"The work's end note,\" said the author.</p></blockquote></div></div>\n"
    "<p class=\"message\">Please <a href=\"x\">drop by the archive and comment</a> to let the creator know if you enjoyed their work!</p>\n"
    "</div></body></html>\n";

static void test_ao3_epub(void)
{
    struct book_file files[] = {
        { "mimetype", mimetype, 0 },
        { "META-INF/container.xml",
          "<?xml version=\"1.0\"?><container version=\"1.0\" "
          "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
          "<rootfile full-path=\"content.opf\" media-type=\"application/oebps-package+xml\"/>"
          "</rootfiles></container>", 0 },
        { "content.opf", ao3_opf, 0 },
        { "toc.ncx", ao3_ncx, 0 },
        { "Paper_Boats_split_000.xhtml", ao3_preface, 0 },
        { "Paper_Boats_split_001.xhtml", ao3_ch1, 0 },
        { "Paper_Boats_split_002.xhtml", ao3_ch2, 0 },
        { "Paper_Boats_split_003.xhtml", ao3_after, 0 },
    };
    struct dramatis_book *b;
    size_t s = 0, e = 0;

    write_zip("paper_boats.epub", files, sizeof files / sizeof files[0]);
    b = load("paper_boats.epub", NULL);
    if (b == NULL)
        return;
    CHECK_STR(b->title, "Paper Boats");
    CHECK_STR(b->author, "inkwell_fan");
    CHECK_STR(b->meta.genre, "Harbour (TV)");   /* the fandom, not "Fanworks" */
    CHECK_STR(b->meta.publisher, "Archive of Our Own");
    CHECK_STR(b->meta.description, "\"A summary line,\" said the summary.");
    CHECK_STR(b->meta.series, "Harbour Verse");
    CHECK_STR(b->meta.series_index, "3");
    CHECK_STR(b->meta.language, "en");
    CHECK(b->n_chapters == 2);
    if (b->n_chapters == 2) {
        CHECK_STR(b->chapters[0].title, "Chapter 1: Launch");
        CHECK_STR(b->chapters[1].title, "Chapter 2");
        CHECK(b->chapters[0].n_paragraphs == 3);
        CHECK_STR(para(b, 0, 0), "\"Fold it twice,\" Mara said.");
        CHECK_STR(para(b, 0, 1), "Tom folded the paper _twice_.");
        CHECK_STR(para(b, 0, 2), "\"Now it floats,\" said Tom.");
        CHECK(b->chapters[0].paragraphs[2].scene_break_before);
        CHECK_STR(para(b, 1, 0), "\"It sank,\" said Mara.");
        /* the heading is where the chapter's title is, read once */
        CHECK_STR(source_span(b, b->chapters[0].title_start, b->chapters[0].title_end, &s, &e),
                  "Paper_Boats_split_001.xhtml");
        CHECK(memcmp(ao3_ch1 + s, "Chapter 1: Launch", e - s) == 0);
    }
    /* nothing of the preface, notes or afterword is read */
    CHECK(!spoken_anywhere(b, "summary"));
    CHECK(!spoken_anywhere(b, "note"));
    CHECK(!spoken_anywhere(b, "Notes"));
    CHECK(!spoken_anywhere(b, "Rating"));
    CHECK(!spoken_anywhere(b, "Fluff"));
    CHECK(!spoken_anywhere(b, "Paper Boats"));
    CHECK(!spoken_anywhere(b, "inkwell_fan"));
    CHECK(!spoken_anywhere(b, "archive"));
    CHECK(!spoken_anywhere(b, "Preface"));
    CHECK(!spoken_anywhere(b, "Afterword"));
    dramatis_book_free(b);
}

/* ---- bad EPUBs: a message naming the file, never a crash or a hang */

static void test_broken_zip(void)
{
    struct book_file files[EPUB3_FILES];
    FILE *f;
    char data[65536];
    size_t n;

    epub3_files(files);
    write_zip("broken.epub", files, EPUB3_FILES);
    f = fopen("broken.epub", "rb");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    n = fread(data, 1, sizeof data, f);
    fclose(f);
    write_bytes("broken.epub", data, n / 2);   /* no central directory */
    load_fails("broken.epub", "not a readable EPUB (ZIP)");
    write_bytes("empty.epub", "", 0);
    load_fails("empty.epub", "not a readable EPUB (ZIP)");
}

static void test_no_spine(void)
{
    static const char opf[] =
        "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">"
        "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>X</dc:title></metadata>"
        "<manifest><item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>"
        "</package>";
    struct book_file files[] = {
        { "mimetype", mimetype, 0 },
        { "META-INF/container.xml", container, 0 },
        { "OEBPS/content.opf", opf, 0 },
        { "OEBPS/c.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Hi.</p></body></html>", 0 },
    };

    write_zip("nospine.epub", files, sizeof files / sizeof files[0]);
    load_fails("nospine.epub", "without a spine");
    /* no container.xml: not an EPUB at all */
    files[1].name = "META-INF/other.xml";
    write_zip("nocontainer.epub", files, sizeof files / sizeof files[0]);
    load_fails("nocontainer.epub", "no META-INF/container.xml");
}

static void test_drm(void)
{
    static const char enc[] =
        "<?xml version=\"1.0\"?><encryption xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" "
        "xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\"><enc:EncryptedData>"
        "<enc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>"
        "<enc:CipherData><enc:CipherReference URI=\"OEBPS/Text/ch1.xhtml\"/></enc:CipherData>"
        "</enc:EncryptedData></encryption>";
    static const char fonts[] =
        "<?xml version=\"1.0\"?><encryption xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" "
        "xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\"><enc:EncryptedData>"
        "<enc:EncryptionMethod Algorithm=\"http://www.idpf.org/2008/embedding\"/>"
        "<enc:CipherData><enc:CipherReference URI=\"OEBPS/font.otf\"/></enc:CipherData>"
        "</enc:EncryptedData></encryption>";
    struct book_file files[EPUB3_FILES + 1];
    struct dramatis_book *b;

    epub3_files(files);
    files[EPUB3_FILES].name = "META-INF/encryption.xml";
    files[EPUB3_FILES].data = enc;
    files[EPUB3_FILES].len = 0;
    write_zip("drm.epub", files, EPUB3_FILES + 1);
    load_fails("drm.epub", "DRM-protected EPUB");
    /* obfuscated fonts are no DRM: the book reads */
    files[EPUB3_FILES].data = fonts;
    write_zip("fonts.epub", files, EPUB3_FILES + 1);
    b = load("fonts.epub", NULL);
    CHECK(b && b->n_chapters == 2);
    dramatis_book_free(b);
}

static void test_unsafe_names(void)
{
    struct book_file files[EPUB3_FILES + 1];

    epub3_files(files);
    files[EPUB3_FILES].name = "../../evil.xhtml";
    files[EPUB3_FILES].data = "x";
    files[EPUB3_FILES].len = 0;
    write_zip("traverse.epub", files, EPUB3_FILES + 1);
    load_fails("traverse.epub", "unsafe ZIP entry name '../../evil.xhtml'");
    files[EPUB3_FILES].name = "/etc/passwd";
    write_zip("absolute.epub", files, EPUB3_FILES + 1);
    load_fails("absolute.epub", "unsafe ZIP entry name '/etc/passwd'");
}

/* Sets the uncompressed size of every entry in a ZIP's headers. */
static void declare_size(const char *path, uint32_t size)
{
    static char data[1 << 20];
    FILE *f = fopen(path, "rb");
    size_t n, i;

    CHECK(f != NULL);
    if (f == NULL)
        return;
    n = fread(data, 1, sizeof data, f);
    fclose(f);
    for (i = 0; i + 46 < n; i++) {
        size_t at = 0;
        if (memcmp(data + i, "PK\x01\x02", 4) == 0)
            at = i + 24;   /* central directory: uncompressed size */
        else if (memcmp(data + i, "PK\x03\x04", 4) == 0)
            at = i + 22;   /* local header */
        if (at) {
            data[at] = (char)(size & 0xFF);
            data[at + 1] = (char)((size >> 8) & 0xFF);
            data[at + 2] = (char)((size >> 16) & 0xFF);
            data[at + 3] = (char)((size >> 24) & 0xFF);
        }
    }
    write_bytes(path, data, n);
}

static void test_zip_bomb(void)
{
    struct book_file files[EPUB3_FILES];
    static char zeros[8 << 20];

    /* declared sizes of 4 GB */
    epub3_files(files);
    write_zip("bomb.epub", files, EPUB3_FILES);
    declare_size("bomb.epub", 0xFFFFFF00u);
    load_fails("bomb.epub", "ZIP bomb?");
    /* honest sizes, but 8 MB of nothing compressed a thousandfold */
    memset(zeros, ' ', sizeof zeros);
    memcpy(zeros, ch1_3, strlen(ch1_3));
    files[6].data = zeros;
    files[6].len = sizeof zeros;
    write_zip("bomb2.epub", files, EPUB3_FILES);
    load_fails("bomb2.epub", "ZIP bomb?");
}

static void test_xml_bomb(void)
{
    static const char lol[] =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE html [\n"
        " <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
        " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
        " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
        " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
        " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
        " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
        "]>\n"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>&lol9;</p><p>Text.</p></body></html>\n";
    static const char external[] =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE html [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>&x;</p></body></html>\n";
    struct book_file files[EPUB3_FILES];

    epub3_files(files);
    files[6].data = lol;
    write_zip("lol.epub", files, EPUB3_FILES);
    load_fails("lol.epub", "XML");
    files[6].data = external;
    write_zip("external.epub", files, EPUB3_FILES);
    load_fails("external.epub", "XML entities");
    /* in the package document too */
    epub3_files(files);
    files[2].data = lol;
    write_zip("lolopf.epub", files, EPUB3_FILES);
    load_fails("lolopf.epub", "XML");
}

static void test_not_a_format(void)
{
    static const char bin[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";

    write_bytes("program.bin", bin, sizeof bin - 1);
    load_fails("program.bin", "not a supported format");
    /* a ZIP that is no EPUB */
    {
        struct book_file files[] = { { "readme.txt", "hello", 0 }, { "a/b.txt", "x", 0 } };
        write_zip("archive.zip", files, 2);
        load_fails("archive.zip", "not an EPUB");
    }
}

int main(void)
{
    test_epub3();
    test_epub2();
    test_ao3_epub();
    test_broken_zip();
    test_no_spine();
    test_drm();
    test_unsafe_names();
    test_zip_bomb();
    test_xml_bomb();
    test_not_a_format();
    return CHECK_DONE();
}
