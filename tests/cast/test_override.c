/* Line overrides: keys that survive edits elsewhere, pins, and misses reported. */
#include "check.h"
#include "import.h"
#include "override.h"
#include "segment.h"
#include "voicemap.h"

#include <stdlib.h>

static const char story[] =
    "The Box\n\nChapter 1\n\n"
    "\"Is it locked?\" asked Mara.\n\n"
    "\"You could open it,\" said Tom.\n\n"
    "\"You could open it with a pin,\" said Mara.\n\n"
    "Chapter 2\n\n"
    "\"Fine,\" said Tom.\n";

/* The same story with a narration paragraph added in chapter 1. */
static const char edited[] =
    "The Box\n\nChapter 1\n\n"
    "Rain fell on the roof all night, and nobody slept.\n\n"
    "\"Is it locked?\" asked Mara.\n\n"
    "\"You could open it,\" said Tom.\n\n"
    "\"You could open it with a pin,\" said Mara.\n\n"
    "Chapter 2\n\n"
    "\"Fine,\" said Tom.\n";

static struct dramatis_book *book_of(const char *text)
{
    struct dramatis_book *book = NULL;
    struct dramatis_error err;
    size_t idx;

    memset(&err, 0, sizeof err);
    if (import_text_parse("t.txt", text, strlen(text), &book, &err) != DRAMATIS_OK ||
        segment_book(book, &err) != DRAMATIS_OK) {
        fprintf(stderr, "book: %s\n", err.message);
        dramatis_book_free(book);
        return NULL;
    }
    book_character_add(book, "Mara", NULL, 0, DRAMATIS_GENDER_FEMALE, &idx);
    book_character_add(book, "Tom", NULL, 0, DRAMATIS_GENDER_MALE, &idx);
    return book;
}

static struct dramatis_voicemap *map_of(const char *ini)
{
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;

    memset(&err, 0, sizeof err);
    if (voicemap_parse("o.ini", ini, &map, &err) != DRAMATIS_OK)
        fprintf(stderr, "parse: %s:%ld: %s\n", err.file, err.line, err.message);
    return map;
}

/* The dialogue segment whose text starts with prefix. */
static const struct segment *quote(const struct dramatis_book *book, const char *prefix)
{
    size_t c, p, s;

    for (c = 0; c < book->n_chapters; c++)
        for (p = 0; p < book->chapters[c].n_paragraphs; p++)
            for (s = 0; s < book->chapters[c].paragraphs[p].n_segments; s++) {
                const struct segment *seg = &book->chapters[c].paragraphs[p].segments[s];
                if (seg->kind == SEGMENT_DIALOGUE && strncmp(seg->text, prefix, strlen(prefix)) == 0)
                    return seg;
            }
    return NULL;
}

static void test_keys(void)
{
    struct dramatis_book *book = book_of(story);
    char **keys = NULL;
    size_t n = 0, i, found = 0;

    CHECK(book != NULL);
    if (book == NULL)
        return;
    CHECK(book_quote_keys(book, 0, &keys, &n) == DRAMATIS_OK);
    for (i = 0; i < n; i++) {
        if (keys[i] == NULL)
            continue;
        found++;
        CHECK(strchr(keys[i], ':') == NULL && strchr(keys[i], '=') == NULL);
    }
    CHECK(found == 3);
    /* four words, lowercase, no punctuation; longer where two quotes share them */
    CHECK(n >= 2 && keys[0] != NULL && keys[1] == NULL);   /* "asked Mara." is narration */
    for (i = 0; i < n; i++)
        if (keys[i] && strncmp(keys[i], "1 is", 4) == 0)
            CHECK_STR(keys[i], "1 is it locked");
    for (i = 0; i < n; i++)
        if (keys[i] && strncmp(keys[i], "1 you", 5) == 0)
            CHECK(strcmp(keys[i], "1 you could open it") == 0 ||
                  strcmp(keys[i], "1 you could open it with") == 0);
    book_quote_keys_free(keys, n);
    dramatis_book_free(book);
}

/* The same map pins the same quote before and after an edit elsewhere. */
static void test_pin_survives_edit(void)
{
    const char *ini = "[overrides]\n1 you could open it = Mara\n2 fine = narrator\n";
    const char *texts[2] = { story, edited };
    struct dramatis_voicemap *map = map_of(ini);
    struct dramatis_error err;
    size_t k;

    CHECK(map != NULL && map->n_overrides == 2);
    for (k = 0; map && k < 2; k++) {
        struct dramatis_book *book = book_of(texts[k]);
        const struct segment *a, *b, *c;
        CHECK(book != NULL);
        if (book == NULL)
            continue;
        memset(&err, 0, sizeof err);
        CHECK(override_apply(book, map, &err) == DRAMATIS_OK);
        a = quote(book, "You could open it,");
        b = quote(book, "You could open it with");
        c = quote(book, "Fine");
        CHECK(a && a->speaker == 0 && strcmp(a->rule, "override") == 0 && a->confidence == 1.0);
        /* the exact quote only, not the longer one that starts alike */
        CHECK(b && (b->rule == NULL || strcmp(b->rule, "override") != 0));
        CHECK(c && c->speaker == -1 && strcmp(c->rule, "override") == 0);
        CHECK(book->n_warnings == 0);
        dramatis_book_free(book);
    }
    dramatis_voicemap_free(map);
}

static void test_unmatched_and_unknown(void)
{
    struct dramatis_voicemap *map =
        map_of("[narrator]\nvoice = en-us\n\n[overrides]\n1 nobody says this = Tom\n"
               "9 is it locked = Tom\n");
    struct dramatis_book *book = book_of(story);
    struct dramatis_error err;

    CHECK(map && book);
    if (map && book) {
        memset(&err, 0, sizeof err);
        CHECK(override_apply(book, map, &err) == DRAMATIS_OK);
        CHECK(book->n_warnings == 2);
        if (book->n_warnings == 2) {
            CHECK(strstr(book->warnings[0], "o.ini:5: ") == book->warnings[0]);
            CHECK(strstr(book->warnings[0], "matches no quote") != NULL);
            CHECK(strstr(book->warnings[1], "o.ini:6: ") == book->warnings[1]);
        }
    }
    dramatis_voicemap_free(map);
    dramatis_book_free(book);

    map = map_of("[overrides]\n1 is it locked = Pip\n");
    book = book_of(story);
    CHECK(map && book);
    if (map && book) {
        memset(&err, 0, sizeof err);
        CHECK(override_apply(book, map, &err) == DRAMATIS_ERR_MAP);
        CHECK(err.line == 2);
        CHECK(strstr(err.message, "'Pip'") != NULL && strstr(err.message, "Mara") != NULL);
    }
    dramatis_voicemap_free(map);
    dramatis_book_free(book);
}

int main(void)
{
    test_keys();
    test_pin_survives_edit();
    test_unmatched_and_unknown();
    return CHECK_DONE();
}
