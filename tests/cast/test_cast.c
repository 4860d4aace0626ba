/* The cast module: the map a user edits is written whole or extended, never rewritten. */
#include "check.h"
#include "import.h"
#include "segment.h"
#include "voicemap.h"
#include "voicespace.h"

#include <stdlib.h>
#include <unistd.h>

static const char story[] =
    "The Box\n\nChapter 1\n\n"
    "\"Is it locked?\" asked Mara.\n\n"
    "\"You could open it,\" said Tom.\n\n"
    "\"Hush,\" said Pip.\n";

static struct dramatis_book *cast_book(void)
{
    static const char *const tom_aliases[] = { "Tommy" };
    struct dramatis_book *book = NULL;
    struct dramatis_error err;
    size_t p, s, idx;

    memset(&err, 0, sizeof err);
    if (import_text_parse("t.txt", story, strlen(story), &book, &err) != DRAMATIS_OK ||
        segment_book(book, &err) != DRAMATIS_OK)
        return NULL;
    /* two men: the one who talks most (Tom) must get the first male voice */
    book_character_add(book, "Mara", NULL, 0, DRAMATIS_GENDER_MALE, &idx);
    book_character_add(book, "Tom", tom_aliases, 1, DRAMATIS_GENDER_MALE, &idx);
    book_character_add(book, "Pip", NULL, 0, DRAMATIS_GENDER_UNKNOWN, &idx);
    /* every quote to Tom, so he talks most */
    for (p = 0; p < book->chapters[0].n_paragraphs; p++)
        for (s = 0; s < book->chapters[0].paragraphs[p].n_segments; s++)
            if (book->chapters[0].paragraphs[p].segments[s].kind == SEGMENT_DIALOGUE)
                book->chapters[0].paragraphs[p].segments[s].speaker = 1;
    if (voicemap_assign(NULL, NULL, book, &err) != DRAMATIS_OK) {
        dramatis_book_free(book);
        return NULL;
    }
    return book;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *data;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    data = calloc((size_t)n + 1, 1);
    if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
        free(data);
        data = NULL;
    }
    fclose(f);
    return data;
}

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");

    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_new_map(const char *dir, struct dramatis_book *book)
{
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    char path[512];
    char *text;

    snprintf(path, sizeof path, "%s/new.ini", dir);
    memset(&err, 0, sizeof err);
    CHECK(dramatis_voicemap_write(book, path, &err) == DRAMATIS_OK);
    text = slurp(path);
    CHECK(text != NULL);
    if (text == NULL)
        return;
    CHECK(strstr(text, "[narrator]\n") != NULL);
    CHECK(strstr(text, "[Tom]\naliases = Tommy\ngender = male\nvoice = ") != NULL);
    CHECK(strstr(text, "[Pip]\nvoice = ") != NULL);
    CHECK(voicemap_parse(path, text, &map, &err) == DRAMATIS_OK);
    CHECK(map && map->n_characters == 3);
    /* what it wrote is what the book was cast with */
    if (map && map->n_characters == 3)
        CHECK_STR(map->characters[1].voice.name, book->characters[1].voice.name);
    dramatis_voicemap_free(map);
    free(text);
}

static void test_update_keeps_user_bytes(const char *dir, struct dramatis_book *book)
{
    /* comments, odd spacing, odd order, a key without spaces, no final newline */
    static const char user[] =
        "; my own map\n"
        "[Tom]   ; the lead\n"
        "pitch=62\n"
        "voice   =   en-us+m3\n"
        "\n"
        "\t# a tab-indented comment\n"
        "[narrator]\n"
        "voice = en-gb-x-rp\n"
        "[overrides]\n"
        "1 hush = Tom";
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    char path[512];
    char *text, *again;

    snprintf(path, sizeof path, "%s/user.ini", dir);
    spit(path, user);
    memset(&err, 0, sizeof err);
    CHECK(dramatis_voicemap_write(book, path, &err) == DRAMATIS_OK);
    text = slurp(path);
    CHECK(text != NULL);
    if (text == NULL)
        return;
    CHECK(strncmp(text, user, strlen(user)) == 0);              /* every byte kept */
    CHECK(strstr(text, "; added by dramatis cast\n[Mara]\n") != NULL);
    CHECK(strstr(text, "[Pip]") != NULL);
    CHECK(strstr(text + strlen(user), "[Tom]") == NULL);         /* Tom was there */
    CHECK(voicemap_parse(path, text, &map, &err) == DRAMATIS_OK);
    CHECK(map && map->n_characters == 3 && map->n_overrides == 1);
    dramatis_voicemap_free(map);

    /* nothing new the second time: the file stays byte for byte */
    CHECK(dramatis_voicemap_write(book, path, &err) == DRAMATIS_OK);
    again = slurp(path);
    CHECK(again && strcmp(again, text) == 0);
    free(again);
    free(text);
}

static void test_broken_map_left_alone(const char *dir, struct dramatis_book *book)
{
    static const char broken[] = "[Tom\nvoice = en-us\n";
    struct dramatis_error err;
    char path[512];
    char *text;

    snprintf(path, sizeof path, "%s/broken.ini", dir);
    spit(path, broken);
    memset(&err, 0, sizeof err);
    CHECK(dramatis_voicemap_write(book, path, &err) == DRAMATIS_ERR_MAP);
    CHECK(err.line == 1);
    text = slurp(path);
    CHECK(text && strcmp(text, broken) == 0);
    free(text);
}

static void test_close_voices(struct dramatis_book *book)
{
    struct dramatis_error err;
    size_t p, s, k = 0, before = book->n_warnings;
    int pitch;

    /* Mara then Tom in turn, in the same voice 5 apart (and both far
     * from the narrator): a warning, with the measured figures */
    for (p = 0; p < book->chapters[0].n_paragraphs; p++)
        for (s = 0; s < book->chapters[0].paragraphs[p].n_segments; s++)
            if (book->chapters[0].paragraphs[p].segments[s].kind == SEGMENT_DIALOGUE)
                book->chapters[0].paragraphs[p].segments[s].speaker = k++ == 0 ? 0 : 1;
    snprintf(book->characters[1].voice.name, sizeof book->characters[1].voice.name,
             "en-gb-x-rp+m3");
    book->characters[1].voice.pitch = 80;
    book->characters[0].voice = book->characters[1].voice;
    book->characters[0].voice.pitch = 85;
    memset(&err, 0, sizeof err);
    CHECK(dramatis_cast_check(book, &err) == DRAMATIS_OK);
    CHECK(book->n_warnings == before + 1);
    if (book->n_warnings == before + 1) {
        CHECK(strstr(book->warnings[before], "Mara and Tom") != NULL);
        CHECK(strstr(book->warnings[before], "distance 0.") != NULL);
        CHECK(strstr(book->warnings[before], " Hz") != NULL);
    }
    /* another accent at the same pitch counts half: still a warning */
    before = book->n_warnings;
    snprintf(book->characters[0].voice.name, sizeof book->characters[0].voice.name,
             "en-gb-scotland+m3");
    book->characters[0].voice.pitch = 80;
    CHECK(dramatis_cast_check(book, &err) == DRAMATIS_OK);
    CHECK(book->n_warnings == before + 1);
    /* far enough in pitch (two semitones and more) is no warning */
    for (pitch = 55; pitch > 0; pitch--) {
        book->characters[0].voice.pitch = pitch;
        if (voice_distance(&book->characters[0].voice, &book->characters[1].voice) >= 1.0)
            break;
    }
    CHECK(pitch > 0 && voice_separable(&book->characters[0].voice, &book->characters[1].voice));
    before = book->n_warnings;
    CHECK(dramatis_cast_check(book, &err) == DRAMATIS_OK);
    CHECK(book->n_warnings == before);
    /* a character close to the narrator: warned too */
    book->characters[0].voice = book->narrator;
    CHECK(dramatis_cast_check(book, &err) == DRAMATIS_OK);
    CHECK(book->n_warnings == before + 1);
    if (book->n_warnings == before + 1)
        CHECK(strstr(book->warnings[before], "Mara speaks in a voice hard to tell from the "
                     "narrator's (distance 0.00") != NULL);
}

/* The first-person narrator is written without voice keys, so the map
 * keeps following the narrator's voice; every merged name is an alias a
 * user can see and take out. */
static void test_teller_map(const char *dir)
{
    static const char *const watson[] = {"I", "John", "Dr. Watson"};
    struct dramatis_book *book = calloc(1, sizeof *book);
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    char path[512], *text = NULL;

    memset(&err, 0, sizeof err);
    CHECK(book != NULL);
    if (book == NULL)
        return;
    book->title = strdup("Four");
    CHECK(book_character_add(book, "Watson", watson, 3, DRAMATIS_GENDER_MALE, NULL) ==
          DRAMATIS_OK);
    CHECK(book_character_add(book, "Holmes", NULL, 0, DRAMATIS_GENDER_MALE, NULL) ==
          DRAMATIS_OK);
    CHECK(voicemap_assign(NULL, NULL, book, &err) == DRAMATIS_OK);
    snprintf(path, sizeof path, "%s/teller.ini", dir);
    CHECK(dramatis_voicemap_write(book, path, &err) == DRAMATIS_OK);
    text = slurp(path);
    CHECK(text && strstr(text, "[Watson]\naliases = I, John, Dr. Watson\ngender = male\n; "
                               "tells the story") != NULL);
    CHECK(text && strstr(text, "[Holmes]\ngender = male\nvoice = ") != NULL);
    CHECK(text && voicemap_parse(path, text, &map, &err) == DRAMATIS_OK);
    /* read back, Watson still speaks as the narrator */
    if (map) {
        CHECK(voicemap_set_characters(map, book, &err) == DRAMATIS_OK);
        CHECK(voicemap_assign(map, NULL, book, &err) == DRAMATIS_OK);
        CHECK_STR(book->characters[0].voice.name, book->narrator.name);
        CHECK(book->characters[0].voice.pitch == book->narrator.pitch);
    }
    dramatis_voicemap_free(map);
    free(text);
    dramatis_book_free(book);
}

int main(void)
{
    char dir[] = "/tmp/test_cast.XXXXXX";
    struct dramatis_book *book;
    char cmd[600];

    if (mkdtemp(dir) == NULL)
        return 1;
    book = cast_book();
    CHECK(book != NULL);
    if (book) {
        /* men's voices, each told apart from the narrator's */
        CHECK(voice_table_find(book->characters[1].voice.name) != NULL &&
              voice_table_find(book->characters[1].voice.name)->gender == DRAMATIS_GENDER_MALE);
        CHECK(voice_separable(&book->characters[1].voice, &book->narrator));
        CHECK(voice_separable(&book->characters[0].voice, &book->narrator));
        test_new_map(dir, book);
        test_update_keeps_user_bytes(dir, book);
        test_broken_map_left_alone(dir, book);
        test_close_voices(book);
    }
    test_teller_map(dir);
    dramatis_book_free(book);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
