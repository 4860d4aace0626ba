/* Pronunciation by origin: romaji read as Japanese syllables, names found
 * by spelling and company, English names and ordinary words left alone. */
#include "check.h"
#include "import.h"
#include "origin.h"
#include "segment.h"

#include <stdlib.h>

static struct dramatis_book *load(const char *text)
{
    struct dramatis_book *book = NULL;
    struct dramatis_error err;

    memset(&err, 0, sizeof err);
    if (import_text_parse("t.txt", text, strlen(text), &book, &err) != DRAMATIS_OK ||
        segment_book(book, &err) != DRAMATIS_OK) {
        dramatis_book_free(book);
        return NULL;
    }
    return book;
}

static const char *spoken(const struct dramatis_book *book, const char *word)
{
    size_t i;

    for (i = 0; i < book->n_pronunciations; i++)
        if (strcmp(book->pronunciations[i].word, word) == 0)
            return book->pronunciations[i].spoken;
    return NULL;
}

/* The phonemes espeak-ng is given: Japanese syllables, each a consonant and
 * a pure vowel, stressed on the second-last. */
static void test_reading(void)
{
    static const struct {
        const char *word, *phonemes, *hint;
    } cases[] = {
        {"iruka", "i:*'u:kA:", "ee-ROO-kah"},
        {"kakashi", "kA:k'A:Si", "kah-KAH-shee"},
        {"naruto", "nA:*'u:toU", "nah-ROO-toh"},
        {"tenz\xC5\x8D", "t'EnzoU", "TEHN-zoh"},
        {"hokage", "hoUk'A:gE", "hoh-KAH-geh"},
        {"konoha", "koUn'oUhA:", "koh-NOH-hah"},
        {"sensei", "s'EnseI", "SEHN-say"},
        {"jounin", "dZ'oUnin", "JOH-neen"},
        {"hattori", "hA:tt'oU*i", "haht-TOH-ree"},
        {"anna", "'A:nnA:", "AHN-nah"},
    };
    /* English spelling Hepburn romaji never has: l, v, th, "ti", "si",
     * a closing consonant other than n, consonant clusters */
    static const char *const english[] = {
        "elizabeth", "holmes", "watson", "darcy", "tom", "alice", "sherlock", "bennet",
        "lydia", "tim", "simone", "kitty", "mary", "brian", "wickham", "collins", "steps",
    };
    struct origin_reading r;
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(origin_read_japanese(cases[i].word, &r));
        CHECK_STR(r.phonemes, cases[i].phonemes);
        CHECK_STR(r.hint, cases[i].hint);
    }
    CHECK(origin_read_japanese("tenz\xC5\x8D", &r) && r.marked);
    CHECK(origin_read_japanese("iruka", &r) && !r.marked && r.vowels == 3);
    for (i = 0; i < sizeof english / sizeof english[0]; i++) {
        if (origin_read_japanese(english[i], &r))
            fprintf(stderr, "  read as Japanese: %s\n", english[i]);
        CHECK(!origin_read_japanese(english[i], &r));
    }
}

/* A story with an honorific: its romaji names are Japanese, in every
 * voice's text; the English name and ordinary words are not. */
static void test_found(void)
{
    static const char story[] =
        "Schism\n\nChapter 1\n\n"
        "\"Good morning, Iruka-sensei,\" said Naruto. Iruka smiled at him.\n\n"
        "Later Kakashi came by with Tom, and the Hokage sent word from Konoha. "
        "Tenz\xC5\x8D waved.\n\n"
        "Kakashi shrugged at Naruto. Tom said nothing to Kakashi and Iruka.\n\n"
        "Maria laughed at Tom. Hokage business, said Tom. Konoha was quiet. "
        "Sure, said Iruka to Kakashi.\n\n"
        "\"Sure,\" she said. It was sure to rain. They met in the Area, near the area "
        "by the area where the previous hokage lived.\n";
    struct dramatis_book *book = load(story);
    struct dramatis_error err;
    const struct segment *seg;
    char *out = NULL;

    CHECK(book != NULL);
    if (book == NULL)
        return;
    memset(&err, 0, sizeof err);
    CHECK(origin_apply(book, NULL, &err) == DRAMATIS_OK);
    CHECK_STR(spoken(book, "Iruka"), "[[i:*'u:kA:]]");
    CHECK_STR(spoken(book, "Kakashi"), "[[kA:k'A:Si]]");
    CHECK_STR(spoken(book, "Naruto"), "[[nA:*'u:toU]]");
    CHECK_STR(spoken(book, "Tenz\xC5\x8D"), "[[t'EnzoU]]");
    CHECK_STR(spoken(book, "Hokage"), "[[hoUk'A:gE]]");
    CHECK_STR(spoken(book, "Konoha"), "[[koUn'oUhA:]]");
    CHECK_STR(spoken(book, "sensei"), "[[s'EnseI]]");
    /* English names and ordinary words: espeak-ng's own rules */
    CHECK(spoken(book, "Tom") == NULL);
    CHECK(spoken(book, "Sure") == NULL);   /* romaji-shaped, but also lowercase */
    CHECK(spoken(book, "Good") == NULL);
    CHECK(spoken(book, "Area") == NULL);   /* romaji-shaped, mostly lowercase */
    /* the text itself stays; what is read aloud changes */
    seg = &book->chapters[0].paragraphs[0].segments[0];
    CHECK(strstr(seg->text, "Iruka-sensei") != NULL);
    CHECK(seg->spoken && strstr(seg->spoken, "[[i:*'u:kA:]]-[[s'EnseI]]") != NULL);
    /* a preview's --text is said the same way */
    CHECK(origin_spoken_text(book, "Iruka's here", &out) == DRAMATIS_OK);
    CHECK_STR(out, "[[i:*'u:kA:]]'s here");
    free(out);
    CHECK(origin_spoken_text(book, "Tom is here", &out) == DRAMATIS_OK && out == NULL);
    dramatis_book_free(book);
}

/* Without honorifics or macrons, nothing is Japanese: the same names in an
 * English novel keep espeak-ng's English reading. */
static void test_no_evidence(void)
{
    static const char story[] =
        "A Visit\n\nChapter 1\n\n"
        "Later Maria came by with Tom, and Amanda sent word from Konoha. Naruto waved "
        "at Maria and Amanda.\n";
    struct dramatis_book *book = load(story);
    struct dramatis_error err;

    CHECK(book != NULL);
    if (book == NULL)
        return;
    memset(&err, 0, sizeof err);
    CHECK(origin_apply(book, NULL, &err) == DRAMATIS_OK);
    CHECK(book->n_pronunciations == 0);
    dramatis_book_free(book);
}

/* The map's [pronunciations] win over what is found. */
static void test_map_wins(void)
{
    static const char story[] =
        "Schism\n\nChapter 1\n\n\"Hi, Iruka-sensei,\" said Naruto to Kakashi.\n";
    static const char ini[] = "[pronunciations]\nIruka = Eeroo ka\n";
    struct dramatis_book *book = load(story);
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;

    memset(&err, 0, sizeof err);
    CHECK(book != NULL);
    CHECK(voicemap_parse("m.ini", ini, &map, &err) == DRAMATIS_OK);
    if (book && map) {
        CHECK(origin_apply(book, map, &err) == DRAMATIS_OK);
        CHECK_STR(spoken(book, "Iruka"), "Eeroo ka");
        CHECK(book->n_pronunciations > 0 && strcmp(book->pronunciations[0].origin, "map") == 0);
        CHECK_STR(spoken(book, "Naruto"), "[[nA:*'u:toU]]");
    }
    dramatis_voicemap_free(map);
    dramatis_book_free(book);
}

int main(void)
{
    test_reading();
    test_found();
    test_no_evidence();
    test_map_wins();
    return CHECK_DONE();
}
