/* Tests of the UTF-8 helpers: decoding bad input, case folding, words. */
#include "check.h"
#include "utf8.h"

#include <stdlib.h>

static void test_next(void)
{
    int32_t cp;

    CHECK(utf8_next("a", 1, &cp) == 1 && cp == 'a');
    CHECK(utf8_next("\xC3\xA9", 2, &cp) == 2 && cp == 0xE9);
    CHECK(utf8_next("\xE2\x82\xAC", 3, &cp) == 3 && cp == 0x20AC);
    CHECK(utf8_next("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
    /* invalid: one byte, so a caller always moves on, and cp -1 */
    CHECK(utf8_next("\x80", 1, &cp) == 1 && cp == -1);               /* lone continuation */
    CHECK(utf8_next("\xC0\xAF", 2, &cp) == 1 && cp == -1);           /* overlong '/' */
    CHECK(utf8_next("\xED\xA0\x80", 3, &cp) == 1 && cp == -1);       /* surrogate */
    CHECK(utf8_next("\xF5\x80\x80\x80", 4, &cp) == 1 && cp == -1);   /* above U+10FFFF */
    CHECK(utf8_next("\xFF", 1, &cp) == 1 && cp == -1);
    CHECK(utf8_next("\xC3x", 2, &cp) == 1 && cp == -1);              /* continuation missing */
    /* truncated by n, even when the bytes after it would complete it */
    CHECK(utf8_next("\xE2\x82\xAC", 2, &cp) == 1 && cp == -1);
    CHECK(utf8_next("\xC3\xA9", 1, &cp) == 1 && cp == -1);
    CHECK(utf8_next("\xF0\x9F\x98\x80", 3, &cp) == 1 && cp == -1);
}

static void test_fold(void)
{
    char *s;

    s = utf8_fold("TENZ\xC5\x8C", 6);   /* TENZŌ */
    CHECK_STR(s, "tenz\xC5\x8D");
    free(s);
    s = utf8_fold("Stra\xC3\x9F" "e", 7);   /* full folding: ß is ss */
    CHECK_STR(s, "strasse");
    free(s);
    s = utf8_fold("Ame\xCC\x81lie", 8);   /* composed: e + acute is é */
    CHECK_STR(s, "am\xC3\xA9lie");
    free(s);
    /* only n bytes are read */
    s = utf8_fold("ABCDEF", 3);
    CHECK_STR(s, "abc");
    free(s);
    CHECK(utf8_fold("bad \xFF", 5) == NULL);
}

static void test_words(void)
{
    char *s;

    s = utf8_words("Don't stop, IRUKA\xE2\x80\x99s friend!");
    CHECK_STR(s, "dont stop irukas friend");
    free(s);
    /* an apostrophe not followed by a letter ends the word */
    s = utf8_words("the boys' toys");
    CHECK_STR(s, "the boys toys");
    free(s);
    s = utf8_words("'Tis so-called\xE2\x80\x94" "fine");
    CHECK_STR(s, "tis so called fine");
    free(s);
    /* any kind of space separates words */
    s = utf8_words("Mr.\xC2\xA0" "Darcy\xE3\x80\x80" "said");
    CHECK_STR(s, "mr darcy said");
    free(s);
    s = utf8_words("  \xE2\x80\x94 ... ");
    CHECK_STR(s, "");
    free(s);
    s = utf8_words("");
    CHECK_STR(s, "");
    free(s);
    CHECK(utf8_words("bad \xFF") == NULL);
}

int main(void)
{
    test_next();
    test_fold();
    test_words();
    return CHECK_DONE();
}
