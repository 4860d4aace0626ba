/* Tests of the normaliser: one table row per rule and per way it must hold
 * back, with sentences written for this test (none from the shared books),
 * then the pass over a book: titles, segments, the announcement, the
 * pause table. */
#include "normalize.h"
#include "reading.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

/* A line, whether it is a heading, and what espeak-ng must be given
 * (NULL: the line itself, unchanged). */
struct row {
    const char *rule;
    const char *in;
    int heading;
    const char *want;
};

#define B300 "<break time=\"300ms\"/>"
#define B450 "<break time=\"450ms\"/>"

static const struct row rows[] = {
    /* years: in pairs, "oh" for a zero ten; espeak-ng's own "hundred" and
     * "two thousand and five" stay */
    { "year", "The mill burned in 1743.", 0, "The mill burned in 17 43." },
    { "year", "By 1604 and again in 1208", 0, "By 16 oh 4 and again in 12 oh 8" },
    { "year", "in 1014, in 2031", 0, "in 10 14, in 20 31" },
    { "year", "It was 1700; it was 2003.", 0, NULL },
    { "year", "7,1743 and 1743.5 and 17430 and 1743rd and 1743%", 0, NULL },
    { "year", "$1743 and #1743", 0, "1743 dollars and number 1743" },
    /* decades */
    { "decade", "the 1790s and the 1700s", 0, "the 17 nineties and the 17 hundreds" },
    { "decade", "back in the '30s, in her 80s, the 1920's", 0,
      "back in the thirties, in her eighties, the 19 twenties" },
    { "decade", "the 2000s, the 2030s", 0, "the two thousands, the 20 thirties" },
    { "decade", "10s of them, the 1795s", 0, NULL },
    /* money */
    { "money", "a fee of £12 and $1 and €40", 0, "a fee of 12 pounds and 1 dollar and 40 euros" },
    { "money", "$7.25, £1.01 and $3.00", 0,
      "7 dollars and 25 cents, 1 pound and 1 penny and 3 dollars" },
    { "money", "£4 million and $2.5 billion", 0, "4 million pounds and 2.5 billion dollars" },
    { "money", "£1,250 a year", 0, "1,250 pounds a year" },
    { "money", "a $ sign", 0, NULL },
    /* old money and old ordinals */
    { "old money", "It cost 3s. 4d. and 1s. and 1d. more", 0,
      "It cost 3 shillings 4 pence and 1 shilling and 1 penny more" },
    { "old money", "paid 7s 9d for it", 0, "paid 7 shillings 9 pence for it" },
    { "old money", "Cost: 2s. Then he left", 0, "Cost: 2 shillings. Then he left" },
    { "old money", "a 4d printer, 25s. and 60s.", 0, "a 4d printer, 25s. and sixties." },
    { "old ordinal", "on the 22d of March, the 3d", 0, "on the 22nd of March, the 3rd" },
    { "old ordinal", "the 12d and 2d", 0, NULL },
    /* times */
    { "time", "at 6:00 and 9:07 and 11:30", 0, "at 6 o'clock and 9 oh 7 and 11:30" },
    { "time", "at 6:00 p.m. and 8:00am", 0, "at 6 p.m. and 8am" },
    { "time", "John 3:16 and 25:61", 0, NULL },
    /* fractions */
    { "fraction", "1/2 a cup, 2/3 full, 3/16 inch, 4/7", 0,
      "one half a cup, 2 thirds full, 3 sixteenths inch, 4 sevenths" },
    { "fraction", "7/13 and 2½ and ¼", 0, "7 over 13 and 2 and a half and one quarter" },
    { "fraction", "on 4/5/1921 and x/2", 0, NULL },
    /* abbreviations */
    { "abbreviation", "ropes, nails, &c. and so forth", 0, "ropes, nails, et cetera and so forth" },
    { "abbreviation", "boots &c", 0, "boots et cetera" },
    { "abbreviation", "Room No. 9 and no. 12 and Nos. 3", 0,
      "Room number 9 and number 12 and numbers 3" },
    { "abbreviation", "No. It was no. Say no.", 0, NULL },
    { "abbreviation", "Vol. 3 and VOL. IV and vol. ii", 0, "volume 3 and volume 4 and vol. ii" },
    { "abbreviation", "Capt. Ortega and Prof. Lind met Ms. Ode", 0,
      "Captain Ortega and Professor Lind met Miz Ode" },
    { "abbreviation", "the capt. said", 0, NULL },
    { "abbreviation", "Ann Fell, Esq. He came; Tom Fell, Esq., too", 0,
      "Ann Fell, Esquire. He came; Tom Fell, Esquire, too" },
    { "abbreviation", "on Oct. 9, i.e. soon, p. 40", 0,
      "on October 9, that is soon, page 40" },
    { "abbreviation", "Wm. Dale and Chas. Hood", 0, "William Dale and Charles Hood" },
    /* number sign */
    { "number sign", "pier #7 and a # here", 0, "pier number 7 and a here" },
    /* roman numerals */
    { "roman", "Edward VII and Pope Leo XIII and Otto I.", 0,
      "Edward the 7th and Pope Leo the 13th and Otto the 1st." },
    { "roman", "Book III, Part IX, Act V and Letter XLII", 0,
      "Book 3, Part 9, Act 5 and Letter 42" },
    { "roman", "Francis I was tired. Agent X came.", 0, NULL },
    { "roman", "for my part I think, in book II", 0, "for my part I think, in book 2" },
    { "roman", "in 1714, Edward II. ruling then", 0, "in 17 14, Edward the 2nd ruling then" },
    { "roman", "Leopold II's palace", 0, "Leopold the 2nd's palace" },
    { "roman", "the XIV bus and MIX and IIII and DC", 0, "the 14 bus and MIX and IIII and DC" },
    { "roman", "XIV. A Long Night", 1, "14. A Long Night" },
    { "roman", "IV", 1, "4" },
    { "roman", "XIV. A Long Night", 0, "14. A Long Night" },
    { "roman", "I Remember", 1, NULL },
    /* dashes */
    { "dash", "She stopped -- then ran", 0, "<speak>She stopped " B300 "then ran</speak>" },
    { "dash", "a word\xe2\x80\x94" "another \xe2\x80\x93 and a third", 0,
      "<speak>a word " B300 "another " B300 "and a third</speak>" },
    { "dash", "years 1910-1914 and pages 8 \xe2\x80\x93 9", 0,
      "years 19 10 to 19 14 and pages 8 to 9" },
    { "dash", "a well-kept lawn", 0, NULL },
    { "dash", "the red- haired girl by the tool- shed", 0,
      "the red-haired girl by the tool-shed" },
    { "dash", "\xe2\x80\x94Wait, I was going to\xe2\x80\x94", 0, "Wait, I was going to" },
    { "dash", "Yes--, no--.", 0, "Yes, no." },
    { "dash", "in the town of ---- and the ----shire, Mr. \xe2\x80\x94\xe2\x80\x94 said", 0,
      "in the town of blank and the blank shire, Mr. blank said" },
    { "dash", "But I----I was going----", 0, "<speak>But I " B300 "I was going</speak>" },
    /* ellipses */
    { "ellipsis", "Well... maybe\xe2\x80\xa6 not", 0,
      "<speak>Well " B450 "maybe " B450 "not</speak>" },
    { "ellipsis", "and then . . . silence", 0, "<speak>and then " B450 "silence</speak>" },
    { "ellipsis", "...and so it ends...", 0, "and so it ends" },
    { "ellipsis", "Who...? Me...!", 0, "Who? Me!" },
    { "ellipsis", "Mr. Ash. Done..", 0, NULL },
    /* emphasis */
    { "emphasis", "It was _her_ idea, *not* mine", 0,
      "<speak>It was <emphasis>her</emphasis> idea, <emphasis>not</emphasis> mine</speak>" },
    { "emphasis", "**Stop** and _two words_!", 0,
      "<speak><emphasis>Stop</emphasis> and <emphasis>two words</emphasis>!</speak>" },
    { "emphasis", "_outer *inner* outer_", 0,
      "<speak><emphasis>outer <emphasis>inner</emphasis> outer</emphasis></speak>" },
    { "emphasis", "file_name and 4 * 2 and _open", 0, "file name and 4 2 and open" },
    { "emphasis", "<em>Quiet</em>, she said. <b>Now</b>", 0,
      "<speak><emphasis>Quiet</emphasis>, she said. <emphasis>Now</emphasis></speak>" },
    /* markup */
    { "markup", "[Illustration] He rose.", 0, "He rose." },
    { "markup", "She sang[3] and [Illustration: The harbour at dawn] left.", 0,
      "She sang and left." },
    { "markup", "one<br/>two <span class=\"x\">three</span>", 0, "one two three" },
    { "markup", "Salt &amp; pepper &#8212; fine &hellip; &nbsp;ok", 0,
      "<speak>Salt &amp; pepper " B300 "fine " B450 "ok</speak>" },
    { "markup", "Tom & Jerry, a < b", 0, NULL },
    { "markup", "[sic] and [1a]", 0, NULL },
    { "stray", "Hi~ there \\o/ | ~*~ ^_^ {x} ====", 0, "Hi there o x" },
    { "stray", "a = b", 0, NULL },
    { "slash", "either/or and his/her and w/o", 0, "either or and his or her and w/o" },
    /* phonemes pass untouched, also inside SSML */
    { "phonemes", "Hello [[h@l'oU]] 1743", 0, "Hello [[h@l'oU]] 17 43" },
    { "phonemes", "_Hi_ [[a<b]]", 0, "<speak><emphasis>Hi</emphasis> [[a&lt;b]]</speak>" },
    /* a name's phonemes and its honorific's (cast/origin.c) stay joined:
     * the hyphen between them is no dash */
    { "phonemes", "Morning, [[i:*'u:kA:]]-[[s'EnseI]],", 0, NULL },
    { "phonemes", "[[i:*'u:kA:]]-sensei and Iruka-[[s'EnseI]] -- 1743", 0,
      "<speak>[[i:*'u:kA:]]-sensei and Iruka-[[s'EnseI]] " B300 "17 43</speak>" },
    /* an SSML line escapes everything else, and does not end in a full
     * stop espeak-ng would read as "dot" */
    { "ssml", "_Go_ home (now).", 0, "<speak><emphasis>Go</emphasis> home (now)</speak>" },
    { "ssml", "_Go_ on...", 0, "<speak><emphasis>Go</emphasis> on</speak>" },
    { "ssml", "A & B -- C < D", 0, "<speak>A &amp; B " B300 "C &lt; D</speak>" },
    /* what the normaliser made is not made again */
    { "ssml", "<speak>A " B300 "B</speak>", 0, NULL },
    { "year", "In 17 43 and number 4", 0, NULL },
    /* nothing to do */
    { "plain", "Nothing here needs help.", 0, NULL },
    { "plain", "", 0, NULL },
};

static void test_rows(void)
{
    struct normalize_options opt;
    size_t r;

    for (r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        char *out = (char *)"unset";
        memset(&opt, 0, sizeof opt);
        opt.dash_ms = 300;
        opt.ellipsis_ms = 450;
        opt.heading = rows[r].heading;
        CHECK(normalize_text(rows[r].in, &opt, &out) == DRAMATIS_OK);
        if (rows[r].want == NULL ? out != NULL : out == NULL || strcmp(out, rows[r].want) != 0)
            fprintf(stderr, "rule %s: \"%s\"\n  got  %s\n  want %s\n", rows[r].rule, rows[r].in,
                    out ? out : "(unchanged)", rows[r].want ? rows[r].want : "(unchanged)");
        CHECK(rows[r].want == NULL ? out == NULL : out && strcmp(out, rows[r].want) == 0);
        CHECK(out == NULL || normalize_is_ssml(out) == (strncmp(out, "<speak>", 7) == 0));
        free(out);
    }
}

/* Every rule of the table has rows here. */
static void test_every_rule_covered(void)
{
    static const char *const names[] = {
        "phonemes", "markup", "emphasis", "abbreviation", "money", "number sign", "time",
        "decade", "year", "fraction", "old money", "old ordinal", "roman", "dash",
        "ellipsis", "slash", "stray",
    };
    size_t k, r;

    for (k = 0; k < sizeof names / sizeof *names; k++) {
        int found = 0;
        for (r = 0; r < sizeof rows / sizeof rows[0]; r++)
            found |= strcmp(rows[r].rule, names[k]) == 0 && rows[r].want != NULL;
        if (!found)
            fprintf(stderr, "no row rewrites by rule %s\n", names[k]);
        CHECK(found);
    }
}

static void test_pauses_from_options(void)
{
    struct normalize_options opt;
    char *out = NULL;

    memset(&opt, 0, sizeof opt);
    opt.dash_ms = 120;
    opt.ellipsis_ms = 0;   /* no pause: a space */
    CHECK(normalize_text("one -- two... three", &opt, &out) == DRAMATIS_OK);
    CHECK_STR(out, "<speak>one <break time=\"120ms\"/>two three</speak>");
    free(out);
    CHECK(normalize_text(NULL, &opt, &out) == DRAMATIS_ERR_ARG);
}

/* The book pass: titles as headings, segments from their spoken form,
 * the announcement, and the book's own pause table. */
static void test_book(void)
{
    struct dramatis_book book;
    struct chapter ch;
    struct paragraph para;
    struct segment segs[2];
    struct dramatis_error err;

    memset(&book, 0, sizeof book);
    memset(&ch, 0, sizeof ch);
    memset(&para, 0, sizeof para);
    memset(segs, 0, sizeof segs);
    memset(&err, 0, sizeof err);
    book.title = strdup("The Tale of 1743");
    book.author = strdup("Ann Fell");
    ch.title = strdup("XIV. The Ford");
    segs[0].text = strdup("He came -- late");
    segs[1].text = strdup("Brin said no");
    segs[1].spoken = strdup("Breen said 1743");   /* a pronunciation gave it */
    para.segments = segs;
    para.n_segments = 2;
    ch.paragraphs = &para;
    ch.n_paragraphs = 1;
    book.chapters = &ch;
    book.n_chapters = 1;
    book.pauses.ms[BOOK_PAUSE_DASH] = 500;
    book.pauses.set = 1u << BOOK_PAUSE_DASH;
    CHECK(book_announce(&book) == DRAMATIS_OK);
    CHECK_STR(book.announcement, "The Tale of 1743, by Ann Fell");
    CHECK(normalize_book(&book, &err) == DRAMATIS_OK);
    CHECK_STR(book.spoken_announcement, "The Tale of 17 43, by Ann Fell");
    CHECK_STR(ch.spoken_title, "14. The Ford");
    CHECK_STR(segs[0].spoken, "<speak>He came <break time=\"500ms\"/>late</speak>");
    CHECK_STR(segs[1].spoken, "Breen said 17 43");
    CHECK_STR(segs[0].text, "He came -- late");   /* the script still shows it */
    free(book.title);
    free(book.author);
    free(book.announcement);
    free(book.spoken_announcement);
    free(ch.title);
    free(ch.spoken_title);
    free(segs[0].text);
    free(segs[0].spoken);
    free(segs[1].text);
    free(segs[1].spoken);
}

static void test_announcement(void)
{
    struct dramatis_book book;

    memset(&book, 0, sizeof book);
    CHECK(book_announce(&book) == DRAMATIS_OK);
    CHECK(book.announcement == NULL);
    book.title = strdup("Why Now?");
    CHECK(book_announce(&book) == DRAMATIS_OK);
    CHECK_STR(book.announcement, "Why Now?");
    book.author = strdup("Jo Park  ");
    CHECK(book_announce(&book) == DRAMATIS_OK);
    CHECK_STR(book.announcement, "Why Now? By Jo Park");
    CHECK(book_announces(&book));
    dramatis_book_set_announce(&book, 0);
    CHECK(!book_announces(&book));
    free(book.title);
    free(book.author);
    free(book.announcement);
}

int main(void)
{
    test_rows();
    test_every_rule_covered();
    test_pauses_from_options();
    test_book();
    test_announcement();
    return CHECK_DONE();
}
