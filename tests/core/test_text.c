/* Tests of the text layer: every kind of space, word characters, sentence
 * ends, quotation marks and dashes, and the byte helpers around them. */
#include "check.h"
#include "text.h"

#include <string.h>

static size_t space_len_of(const char *s)
{
    return text_space_len(s, 0, strlen(s));
}

static void test_spaces(void)
{
    static const int32_t spaces[] = {
        ' ', '\t', '\n', '\v', '\f', '\r', 0x00A0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
        0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000,
        0x2028, 0x2029, 0x200B, 0xFEFF
    };
    /* look like spaces or sit between words, but do not split them */
    static const int32_t not_spaces[] = {
        'a', '_', '-', 0, 0x00AD, 0x200C, 0x200D, 0x2060, 0x180E, 0x3001, -1
    };
    size_t i;

    for (i = 0; i < sizeof spaces / sizeof spaces[0]; i++) {
        CHECK(text_is_space_cp(spaces[i]));
        CHECK(!text_is_word_cp(spaces[i]));
    }
    for (i = 0; i < sizeof not_spaces / sizeof not_spaces[0]; i++)
        CHECK(!text_is_space_cp(not_spaces[i]));

    /* byte lengths of the UTF-8 forms */
    CHECK(space_len_of(" x") == 1);
    CHECK(space_len_of("\r\n") == 1);
    CHECK(space_len_of("\xC2\xA0Tom") == 2);          /* no-break space */
    CHECK(space_len_of("\xE1\x9A\x80") == 3);         /* ogham space mark */
    CHECK(space_len_of("\xE2\x80\x89") == 3);         /* thin space */
    CHECK(space_len_of("\xE2\x80\xAF") == 3);         /* narrow no-break space */
    CHECK(space_len_of("\xE2\x81\x9F") == 3);         /* medium mathematical space */
    CHECK(space_len_of("\xE3\x80\x80") == 3);         /* ideographic space */
    CHECK(space_len_of("\xE2\x80\xA8") == 3);         /* line separator */
    CHECK(space_len_of("\xEF\xBB\xBF") == 3);         /* BOM */
    CHECK(space_len_of("\xE2\x80\x8B") == 3);         /* zero-width space */
    CHECK(space_len_of("\xE2\x80\x8C") == 0);         /* zero-width non-joiner */
    CHECK(space_len_of("Tom") == 0);
    CHECK(space_len_of("") == 0);
    /* a space cut off by the end of the span is no space */
    CHECK(text_space_len("\xC2\xA0", 0, 1) == 0);
    CHECK(text_space_len("\xE3\x80\x80", 0, 2) == 0);
    /* a continuation byte on its own is no space */
    CHECK(text_space_len("\xC2\xA0", 1, 2) == 0);

    CHECK(text_space_len_before("said\xC2\xA0", 0, 6) == 2);
    CHECK(text_space_len_before("said\xE3\x80\x80", 0, 7) == 3);
    CHECK(text_space_len_before("said ", 0, 5) == 1);
    CHECK(text_space_len_before("said", 0, 4) == 0);
    /* not looking back past start */
    CHECK(text_space_len_before("\xC2\xA0x", 1, 2) == 0);
    CHECK(text_space_len_before("", 0, 0) == 0);
}

static void test_trim(void)
{
    const char *t = "\xEF\xBB\xBF \xC2\xA0" "Mr.\xC2\xA0" "Darcy\xE2\x80\x89\xE3\x80\x80\r\n";
    size_t s = 0, e = strlen(t);

    text_trim(t, &s, &e);
    CHECK(e > s && e - s == strlen("Mr.\xC2\xA0" "Darcy"));
    CHECK(e > s && memcmp(t + s, "Mr.\xC2\xA0" "Darcy", e - s) == 0);
    /* all spaces: nothing left, and start never passes end */
    t = "\xC2\xA0 \xE3\x80\x80";
    s = 0;
    e = strlen(t);
    text_trim(t, &s, &e);
    CHECK(s == e);
}

static void test_code_points(void)
{
    const char *t = "a\xC3\xA9\xE2\x80\x94\xF0\x9F\x98\x80";   /* a é — 😀 */
    size_t len;

    CHECK(text_cp_at(t, 0, strlen(t), &len) == 'a' && len == 1);
    CHECK(text_cp_at(t, 1, strlen(t), &len) == 0xE9 && len == 2);
    CHECK(text_cp_at(t, 3, strlen(t), &len) == 0x2014 && len == 3);
    CHECK(text_cp_at(t, 6, strlen(t), &len) == 0x1F600 && len == 4);
    /* at the end, truncated or invalid: -1, and a length that still advances */
    CHECK(text_cp_at(t, 10, 10, &len) == -1 && len == 1);
    CHECK(text_cp_at(t, 3, 5, &len) == -1 && len == 1);
    CHECK(text_cp_at("\x80x", 0, 2, &len) == -1 && len == 1);
    CHECK(text_cp_at("\xC0\xAF", 0, 2, &len) == -1 && len == 1);   /* overlong */

    CHECK(text_cp_before(t, 0, 10, &len) == 0x1F600 && len == 4);
    CHECK(text_cp_before(t, 0, 6, &len) == 0x2014 && len == 3);
    CHECK(text_cp_before(t, 0, 3, &len) == 0xE9 && len == 2);
    CHECK(text_cp_before(t, 0, 1, &len) == 'a' && len == 1);
    CHECK(text_cp_before(t, 0, 0, &len) == -1 && len == 0);
    /* the lead byte is before start: no whole code point */
    CHECK(text_cp_before(t, 4, 6, &len) == -1);
    /* a stray continuation byte after ASCII */
    CHECK(text_cp_before("a\x80", 0, 2, &len) == -1);
}

static void test_words(void)
{
    static const int32_t word[] = {
        'a', 'Z', '0', '9', 0xE9, 0x14D, 0x301, 0x4E2D, 0x0660, 0x00BD, 0x02BC
    };
    static const int32_t not_word[] = {
        ' ', '-', '\'', '_', '.', 0x2019, 0x2014, 0x00D7, 0x00A0, 0x3002, 0x00AB, -1
    };
    size_t i;

    for (i = 0; i < sizeof word / sizeof word[0]; i++)
        CHECK(text_is_word_cp(word[i]));
    for (i = 0; i < sizeof not_word / sizeof not_word[0]; i++)
        CHECK(!text_is_word_cp(not_word[i]));
    CHECK(text_word_len("Tenz\xC5\x8D", 4, 6) == 2);   /* ō */
    CHECK(text_word_len("e\xCC\x81", 1, 3) == 2);      /* a combining acute belongs to its word */
    CHECK(text_word_len("x", 0, 1) == 1);
    CHECK(text_word_len("\xC2\xA0", 0, 2) == 0);
    CHECK(text_word_len("\xE2\x80\x99s", 0, 4) == 0);
    CHECK(text_word_len("x", 1, 1) == 0);

    CHECK(text_is_apostrophe_cp('\''));
    CHECK(text_is_apostrophe_cp(0x2019));
    CHECK(!text_is_apostrophe_cp(0x2018));   /* an opening quote, not an apostrophe */
    CHECK(!text_is_apostrophe_cp('`'));
    CHECK(!text_is_apostrophe_cp(0x2032));   /* prime */

    CHECK(text_is_hyphen_cp('-'));
    CHECK(text_is_hyphen_cp(0x2010));
    CHECK(text_is_hyphen_cp(0x2011));
    CHECK(!text_is_hyphen_cp(0x2013));
    CHECK(!text_is_hyphen_cp(0x2014));
}

static void test_sentence_ends(void)
{
    static const int32_t ends[] = { '.', '!', '?', 0x203C, 0x203D, 0x2047, 0x2048, 0x2049,
                                    0x3002, 0xFF0E, 0xFF01, 0xFF1F };
    static const int32_t not_ends[] = { ',', ';', ':', 0x2026, '"', 0x201D, 0x00A1, 0x00BF,
                                        0x00A0, '-', 0x2014, 'a', -1 };
    size_t i;

    for (i = 0; i < sizeof ends / sizeof ends[0]; i++)
        CHECK(text_is_sentence_end_cp(ends[i]));
    for (i = 0; i < sizeof not_ends / sizeof not_ends[0]; i++)
        CHECK(!text_is_sentence_end_cp(not_ends[i]));
}

static void test_quotes(void)
{
    static const int32_t doubles[] = { '"', 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB,
                                       0xFF02 };
    static const int32_t singles[] = { '\'', 0x2018, 0x2019, 0x201A, 0x201B, 0x2039, 0x203A,
                                       0xFF07 };
    static const int32_t none[] = { '`', 0x00B4, 0x2032, 0x2033, '<', '>', ',', 0x300C, 'a',
                                    ' ', -1 };
    size_t i;

    for (i = 0; i < sizeof doubles / sizeof doubles[0]; i++)
        CHECK(text_quote_kind(doubles[i]) == TEXT_QUOTE_DOUBLE);
    for (i = 0; i < sizeof singles / sizeof singles[0]; i++)
        CHECK(text_quote_kind(singles[i]) == TEXT_QUOTE_SINGLE);
    for (i = 0; i < sizeof none / sizeof none[0]; i++)
        CHECK(text_quote_kind(none[i]) == TEXT_QUOTE_NONE);
}

static void test_dashes(void)
{
    static const int32_t dashes[] = { '-', 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015,
                                      0x2E3A, 0x2E3B, 0xFE58, 0xFE63, 0xFF0D };
    static const int32_t not_dashes[] = { '_', '~', 0x2212, 0x00AD, 0x2026, 0x2500, 'a', -1 };
    size_t i;

    for (i = 0; i < sizeof dashes / sizeof dashes[0]; i++)
        CHECK(text_is_dash_cp(dashes[i]));
    for (i = 0; i < sizeof not_dashes / sizeof not_dashes[0]; i++)
        CHECK(!text_is_dash_cp(not_dashes[i]));
    /* a run of dashes is one dash */
    CHECK(text_dash_len("--x", 0, 3) == 2);
    CHECK(text_dash_len("----", 0, 4) == 4);
    CHECK(text_dash_len("\xE2\x80\x94\xE2\x80\x94.", 0, 7) == 6);
    CHECK(text_dash_len("\xE2\x80\x94-", 0, 4) == 4);
    CHECK(text_dash_len("\xE2\xB8\xBA", 0, 3) == 3);   /* two-em dash */
    CHECK(text_dash_len("a-", 0, 2) == 0);
    CHECK(text_dash_len("\xE2\x80\x94", 0, 2) == 0);   /* cut off */
}

int main(void)
{
    test_spaces();
    test_trim();
    test_code_points();
    test_words();
    test_sentence_ends();
    test_quotes();
    test_dashes();
    return CHECK_DONE();
}
