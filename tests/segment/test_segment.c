/* Tests of the segmenter on small in-memory books: quotes, apostrophes, scare quotes, spans. */
#include "check.h"
#include "import.h"
#include "segment.h"

#include <stdio.h>
#include <string.h>

/* A title line keeps the first paragraph from being read as the title. */
#define HEAD "Title\n\n"

static struct dramatis_book *segmented(const char *text)
{
    struct dramatis_book *book = NULL;
    struct dramatis_error err;

    memset(&err, 0, sizeof err);
    if (import_text_parse("t.txt", text, strlen(text), &book, &err) != DRAMATIS_OK) {
        fprintf(stderr, "parse failed: %s\n", err.message);
        CHECK(!"parse");
        return NULL;
    }
    if (segment_book(book, &err) != DRAMATIS_OK) {
        CHECK(!"segment");
        dramatis_book_free(book);
        return NULL;
    }
    return book;
}

static const struct paragraph *para(const struct dramatis_book *b, size_t p)
{
    static const struct paragraph empty;

    if (b->n_chapters == 0 || p >= b->chapters[0].n_paragraphs)
        return &empty;
    return &b->chapters[0].paragraphs[p];
}

/* Checks one segment's kind, text and that its span is where `at` is
 * found in the text (the n-th occurrence) and as long as `at`. */
static void check_seg(const char *file_line, const struct dramatis_book *b, size_t p, size_t s,
                      enum segment_kind kind, const char *text, const char *at, int nth)
{
    const struct paragraph *pa = para(b, p);
    const struct segment *seg;
    const char *found = b->text;
    int i;

    if (s >= pa->n_segments) {
        fprintf(stderr, "%s: paragraph %zu has %zu segments, wanted #%zu\n", file_line, p,
                pa->n_segments, s);
        check_failures++;
        return;
    }
    seg = &pa->segments[s];
    for (i = 0; i <= nth && found; i++)
        found = strstr(found + (i ? 1 : 0), at);
    if (seg->kind != kind || strcmp(seg->text, text) != 0 || found == NULL ||
        seg->start != (size_t)(found - b->text) || seg->end != seg->start + strlen(at) ||
        seg->speaker != -1 || seg->rule != NULL) {
        fprintf(stderr, "%s: segment %zu.%zu is %s [%zu,%zu) \"%s\", wanted %s \"%s\"\n",
                file_line, p, s, seg->kind == SEGMENT_DIALOGUE ? "dialogue" : "narration",
                seg->start, seg->end, seg->text,
                kind == SEGMENT_DIALOGUE ? "dialogue" : "narration", text);
        check_failures++;
    }
}

#define STR2(x) #x
#define STR(x) STR2(x)
#define SEG(b, p, s, kind, text, at) check_seg(__FILE__ ":" STR(__LINE__), b, p, s, kind, text, at, 0)
#define SEG_NTH(b, p, s, kind, text, at, n) \
    check_seg(__FILE__ ":" STR(__LINE__), b, p, s, kind, text, at, n)
#define N SEGMENT_NARRATION
#define D SEGMENT_DIALOGUE

static void test_straight_and_curly(void)
{
    struct dramatis_book *b = segmented(HEAD "\"Hello,\" said Kakashi.\n\n"
                                             "\xE2\x80\x9CIruka-Sensei,\xE2\x80\x9D Kakashi greeted.\n\n"
                                             "He said, as gravely as he could: \"You wouldn\xE2\x80\x99t "
                                             "dare.\xE2\x80\x9D\n\n"
                                             "\xE2\x80\x9CMixed the other way.\" Iruka smiled.\n");

    if (b == NULL)
        return;
    CHECK(para(b, 0)->n_segments == 2);
    SEG(b, 0, 0, D, "Hello,", "Hello,");
    SEG(b, 0, 1, N, "said Kakashi.", "said Kakashi.");
    CHECK(para(b, 1)->n_segments == 2);
    SEG(b, 1, 0, D, "Iruka-Sensei,", "Iruka-Sensei,");
    SEG(b, 1, 1, N, "Kakashi greeted.", "Kakashi greeted.");
    CHECK(para(b, 2)->n_segments == 2);
    SEG(b, 2, 0, N, "He said, as gravely as he could:", "He said, as gravely as he could:");
    SEG(b, 2, 1, D, "You wouldn\xE2\x80\x99t dare.", "You wouldn\xE2\x80\x99t dare.");
    CHECK(para(b, 3)->n_segments == 2);
    SEG(b, 3, 0, D, "Mixed the other way.", "Mixed the other way.");
    SEG(b, 3, 1, N, "Iruka smiled.", "Iruka smiled.");
    dramatis_book_free(b);
}

static void test_interrupted_and_several(void)
{
    struct dramatis_book *b =
        segmented(HEAD "\"Well,\" said Kakashi, \"I never.\"\n\n"
                       "Iruka rolled his eyes. \"Fine.\" He paused. \"Really?\" \"Yes!\"\n");

    if (b == NULL)
        return;
    CHECK(para(b, 0)->n_segments == 3);
    SEG(b, 0, 0, D, "Well,", "Well,");
    SEG(b, 0, 1, N, "said Kakashi,", "said Kakashi,");
    SEG(b, 0, 2, D, "I never.", "I never.");
    CHECK(para(b, 1)->n_segments == 5);
    SEG(b, 1, 0, N, "Iruka rolled his eyes.", "Iruka rolled his eyes.");
    SEG(b, 1, 1, D, "Fine.", "Fine.");
    SEG(b, 1, 2, N, "He paused.", "He paused.");
    SEG(b, 1, 3, D, "Really?", "Really?");
    SEG(b, 1, 4, D, "Yes!", "Yes!");
    dramatis_book_free(b);
}

static void test_speech_over_paragraphs(void)
{
    struct dramatis_book *b = segmented(HEAD "\"It began long ago,\" he said, \"in a far land.\n\n"
                                             "\"We were young then.\"\n\n"
                                             "\"Another speech.\"\n");

    if (b == NULL)
        return;
    SEG(b, 0, 2, D, "in a far land.", "in a far land.");
    CHECK(para(b, 0)->n_segments == 3);
    CHECK(para(b, 0)->n_segments == 3 && para(b, 0)->segments[2].continued == 0);
    CHECK(para(b, 1)->n_segments == 1);
    SEG(b, 1, 0, D, "We were young then.", "We were young then.");
    CHECK(para(b, 1)->n_segments == 1 && para(b, 1)->segments[0].continued == 1);
    /* The speech was closed: the next quote is a new one. */
    CHECK(para(b, 2)->n_segments == 1 && para(b, 2)->segments[0].continued == 0);
    dramatis_book_free(b);
}

/* A verse or a letter inside a speech: the paragraph that ends it closes
 * the speech with its first mark, and the quote after it is a new one. */
static void test_speech_closed_after_a_block(void)
{
    struct dramatis_book *b = segmented(HEAD "\"I had to sing it,\" he said, \"and it went\n\n"
                                             "Roses in the rain,\nRoses in the snow.\n\n"
                                             "You know the song?\"\n\n"
                                             "\"I have heard it.\"\n\n"
                                             "\xE2\x80\x9CIt goes on,\xE2\x80\x9D he said, \xE2\x80\x9Clike this\n\n"
                                             "Roses in the sun.\xE2\x80\x9D\n\n"
                                             "\xE2\x80\x9C" "Enough.\xE2\x80\x9D\n");

    if (b == NULL)
        return;
    CHECK(para(b, 1)->n_segments == 1);
    SEG(b, 1, 0, N, "Roses in the rain, Roses in the snow.", "Roses in the rain,\nRoses in the snow.");
    CHECK(para(b, 2)->n_segments == 1);
    SEG(b, 2, 0, D, "You know the song?", "You know the song?");
    CHECK(para(b, 2)->n_segments == 1 && para(b, 2)->segments[0].continued == 1);
    CHECK(para(b, 3)->n_segments == 1 && para(b, 3)->segments[0].continued == 0);
    SEG(b, 5, 0, D, "Roses in the sun.", "Roses in the sun.");
    CHECK(para(b, 6)->n_segments == 1 && para(b, 6)->segments[0].continued == 0);
    dramatis_book_free(b);
}

static void test_unbalanced(void)
{
    struct dramatis_book *b = segmented(HEAD "He shouted, \"Never closed and on it goes\n"
                                             "to the end.\n\n"
                                             "Narration with a \"short\" word.\n\n"
                                             "Plain narration.\n");

    if (b == NULL)
        return;
    CHECK(para(b, 0)->n_segments == 2);
    SEG(b, 0, 0, N, "He shouted,", "He shouted,");
    SEG(b, 0, 1, D, "Never closed and on it goes to the end.",
        "Never closed and on it goes\nto the end.");
    /* The open quote stops at the paragraph's end. */
    CHECK(para(b, 1)->n_segments == 1);
    SEG(b, 1, 0, N, "Narration with a \"short\" word.", "Narration with a \"short\" word.");
    CHECK(para(b, 2)->n_segments == 1);
    SEG(b, 2, 0, N, "Plain narration.", "Plain narration.");
    dramatis_book_free(b);
}

static void test_apostrophes_and_empty(void)
{
    struct dramatis_book *b =
        segmented(HEAD "Kakashi wouldn\xE2\x80\x99t go; Tenz\xC5\x8D's chair stayed empty "
                       "till four o'clock.\n\n"
                       "He said \"\" and left.\n\n"
                       "\"\"\n\n"
                       "\"Oh\"\xE2\x80\x94\"no.\"\n");

    if (b == NULL)
        return;
    CHECK(para(b, 0)->n_segments == 1);
    SEG(b, 0, 0, N,
        "Kakashi wouldn\xE2\x80\x99t go; Tenz\xC5\x8D's chair stayed empty till four o'clock.",
        "Kakashi wouldn\xE2\x80\x99t go; Tenz\xC5\x8D's chair stayed empty till four o'clock.");
    CHECK(para(b, 1)->n_segments == 1);
    SEG(b, 1, 0, N, "He said \"\" and left.", "He said \"\" and left.");
    CHECK(para(b, 2)->n_segments == 0);
    /* The dash between two quotes is not read as narration. */
    CHECK(para(b, 3)->n_segments == 2);
    SEG(b, 3, 0, D, "Oh", "Oh");
    SEG(b, 3, 1, D, "no.", "no.");
    dramatis_book_free(b);
}

static void test_scare_quotes(void)
{
    struct dramatis_book *b =
        segmented(HEAD "They invite \"friends\" along who never came before.\n\n"
                       "She won't say \"if you had only asked,\" that would be unkind.\n\n"
                       "He said \"yes\" quietly.\n\n"
                       "She looked up and \"I am not sure about that,\" she said.\n\n"
                       "Kakashi answered: \"Fine.\"\n\n"
                       "They rowed past the so-called \"lighthouse\" of old planks.\n");

    if (b == NULL)
        return;
    CHECK(para(b, 0)->n_segments == 1);
    SEG(b, 0, 0, N, "They invite \"friends\" along who never came before.",
        "They invite \"friends\" along who never came before.");
    CHECK(para(b, 1)->n_segments == 1);
    SEG(b, 1, 0, N, "She won't say \"if you had only asked,\" that would be unkind.",
        "She won't say \"if you had only asked,\" that would be unkind.");
    /* After a speech verb, even one word is speech. */
    CHECK(para(b, 2)->n_segments == 3);
    SEG(b, 2, 1, D, "yes", "yes");
    /* Long, punctuated, followed by a tag: speech. */
    CHECK(para(b, 3)->n_segments == 3);
    SEG(b, 3, 1, D, "I am not sure about that,", "I am not sure about that,");
    CHECK(para(b, 4)->n_segments == 2);
    SEG(b, 4, 1, D, "Fine.", "Fine.");
    /* `so-called` is one word, not the speech verb `called`. */
    CHECK(para(b, 5)->n_segments == 1);
    dramatis_book_free(b);
}

static void test_whitespace_and_crlf(void)
{
    struct dramatis_book *b = segmented("\xEF\xBB\xBF" HEAD "\"Line one\r\n   line two,\" he said\r\n"
                                        "quietly.\r\n");

    if (b == NULL)
        return;
    CHECK(para(b, 0)->n_segments == 2);
    SEG(b, 0, 0, D, "Line one line two,", "Line one\r\n   line two,");
    SEG(b, 0, 1, N, "he said quietly.", "he said\r\nquietly.");
    dramatis_book_free(b);
}

static void test_curly_recovery(void)
{
    struct dramatis_book *b =
        segmented(HEAD "\xE2\x80\x9CNever closed. \xE2\x80\x9C" "A new one,\xE2\x80\x9D he said.\n\n"
                       "He said no\xE2\x80\x9D" " and left.\n");

    if (b == NULL)
        return;
    /* An opening curly mark inside a quote starts a new quote. */
    CHECK(para(b, 0)->n_segments == 3);
    SEG(b, 0, 0, D, "Never closed.", "Never closed.");
    SEG(b, 0, 1, D, "A new one,", "A new one,");
    SEG(b, 0, 2, N, "he said.", "he said.");
    /* A stray closing mark opens nothing. */
    CHECK(para(b, 1)->n_segments == 1);
    SEG(b, 1, 0, N, "He said no\xE2\x80\x9D" " and left.", "He said no\xE2\x80\x9D" " and left.");
    dramatis_book_free(b);
}

static void test_nested_single_in_double(void)
{
    struct dramatis_book *b =
        segmented(HEAD "\"He told me 'wait here' and went,\" she said. The Bennets' house.\n");

    if (b == NULL)
        return;
    CHECK(para(b, 0)->n_segments == 2);
    SEG(b, 0, 0, D, "He told me 'wait here' and went,", "He told me 'wait here' and went,");
    SEG(b, 0, 1, N, "she said. The Bennets' house.", "she said. The Bennets' house.");
    dramatis_book_free(b);
}

static void test_single_quote_book(void)
{
    struct dramatis_book *b =
        segmented(HEAD "'Well,' said Alice, 'I wouldn't know. It's four o'clock.'\n\n"
                       "The Bennets' house stood empty. 'Tis a pity.\n\n"
                       "\xE2\x80\x98" "Come in to the Bennets' parlour,\xE2\x80\x99 she said, "
                       "'and give 'em tea.'\n\n"
                       "'Off with his head!' cried the Queen.\n");

    if (b == NULL)
        return;
    CHECK(para(b, 0)->n_segments == 3);
    SEG(b, 0, 0, D, "Well,", "Well,");
    SEG(b, 0, 1, N, "said Alice,", "said Alice,");
    SEG(b, 0, 2, D, "I wouldn't know. It's four o'clock.", "I wouldn't know. It's four o'clock.");
    CHECK(para(b, 1)->n_segments == 1);
    SEG(b, 1, 0, N, "The Bennets' house stood empty. 'Tis a pity.",
        "The Bennets' house stood empty. 'Tis a pity.");
    CHECK(para(b, 2)->n_segments == 3);
    SEG(b, 2, 0, D, "Come in to the Bennets' parlour,", "Come in to the Bennets' parlour,");
    SEG(b, 2, 1, N, "she said,", "she said,");
    SEG(b, 2, 2, D, "and give 'em tea.", "and give 'em tea.");
    CHECK(para(b, 3)->n_segments == 2);
    SEG(b, 3, 0, D, "Off with his head!", "Off with his head!");
    dramatis_book_free(b);
}

/* Any kind of space is folded and trimmed like a plain one; a possessive
 * before a line break is still a possessive; low-9 quotes and guillemets,
 * whose direction differs by language, open no speech. */
static void test_unicode_spaces_and_marks(void)
{
    struct dramatis_book *b = segmented(
        HEAD "\"Go\xE3\x80\x80now,\"\xC2\xA0said\xE2\x80\xAFTom.\xE2\x80\x8B\n\n"
             "\xC2\xAB" "Bonjour,\xC2\xBB dit-il. \xE2\x80\x9E" "Hallo\xE2\x80\x9C, sagte er.\n");

    if (b == NULL)
        return;
    CHECK(para(b, 0)->n_segments == 2);
    SEG(b, 0, 0, D, "Go now,", "Go\xE3\x80\x80now,");
    SEG(b, 0, 1, N, "said Tom.", "said\xE2\x80\xAFTom.");
    CHECK(para(b, 1)->n_segments == 1);
    SEG(b, 1, 0, N, "\xC2\xAB" "Bonjour,\xC2\xBB dit-il. \xE2\x80\x9E" "Hallo\xE2\x80\x9C, sagte er.",
        "\xC2\xAB" "Bonjour,\xC2\xBB dit-il. \xE2\x80\x9E" "Hallo\xE2\x80\x9C, sagte er.");
    dramatis_book_free(b);

    b = segmented(HEAD "'Come to the Bennets'\nparlour,' she said, 'now.'\n");
    if (b == NULL)
        return;
    CHECK(para(b, 0)->n_segments == 3);
    SEG(b, 0, 0, D, "Come to the Bennets' parlour,", "Come to the Bennets'\nparlour,");
    SEG(b, 0, 1, N, "she said,", "she said,");
    SEG(b, 0, 2, D, "now.", "now.");
    dramatis_book_free(b);
}

static void test_continued_resets_per_chapter(void)
{
    struct dramatis_book *b = segmented("Chapter 1\n\n\"Open at the end.\n\n"
                                        "Chapter 2\n\n\"Fresh start.\"\n");

    if (b == NULL)
        return;
    CHECK(b->n_chapters == 2);
    if (b->n_chapters == 2) {
        CHECK(b->chapters[1].paragraphs[0].n_segments == 1);
        CHECK(b->chapters[1].paragraphs[0].n_segments == 1 &&
              b->chapters[1].paragraphs[0].segments[0].continued == 0);
    }
    /* Segmenting again replaces the segments rather than adding to them. */
    CHECK(segment_book(b, NULL) == DRAMATIS_OK);
    CHECK(b->chapters[0].paragraphs[0].n_segments == 1);
    dramatis_book_free(b);
}

int main(void)
{
    test_straight_and_curly();
    test_interrupted_and_several();
    test_speech_over_paragraphs();
    test_speech_closed_after_a_block();
    test_unbalanced();
    test_apostrophes_and_empty();
    test_scare_quotes();
    test_whitespace_and_crlf();
    test_curly_recovery();
    test_nested_single_in_double();
    test_single_quote_book();
    test_unicode_spaces_and_marks();
    test_continued_resets_per_chapter();
    return CHECK_DONE();
}
