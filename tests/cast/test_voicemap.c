/* Voice-map tests: parsing, error lines, warnings, the built-in narrator and measured voices, casting. */
#include "check.h"

#include "book.h"
#include "voicemap.h"
#include "voicespace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DATA DRAMATIS_SOURCE_DIR "/tests/data/"

static struct dramatis_voicemap *parse(const char *text, struct dramatis_error *err)
{
    struct dramatis_voicemap *map = NULL;

    memset(err, 0, sizeof *err);
    if (voicemap_parse("t.ini", text, &map, err) != DRAMATIS_OK)
        return NULL;
    return map;
}

/* Whether text fails as a map error at line with a message containing needle. */
static int fails_at(const char *text, long line, const char *needle)
{
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    dramatis_status st;
    int ok;

    memset(&err, 0, sizeof err);
    st = voicemap_parse("t.ini", text, &map, &err);
    ok = st == DRAMATIS_ERR_MAP && err.code == DRAMATIS_ERR_MAP && map == NULL &&
         err.line == line && strcmp(err.file, "t.ini") == 0 && strstr(err.message, needle);
    if (!ok)
        fprintf(stderr, "  status %d, got %s:%ld: %s (wanted line %ld, '%s')\n", (int)st,
                err.file, err.line, err.message, line, needle);
    dramatis_voicemap_free(map);
    return ok;
}
#define CHECK_FAILS_AT(text, line, needle) CHECK(fails_at(text, line, needle))

static const struct voicemap_entry *character(const struct dramatis_voicemap *map,
                                              const char *name)
{
    size_t i;

    for (i = 0; i < map->n_characters; i++)
        if (strcmp(map->characters[i].name, name) == 0)
            return &map->characters[i];
    return NULL;
}

static void test_all_keys(void)
{
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    const struct voicemap_entry *e;

    memset(&err, 0, sizeof err);
    CHECK(dramatis_voicemap_load(DATA "voicemap_full.ini", &map, &err) == DRAMATIS_OK);
    if (map == NULL) {
        fprintf(stderr, "  %s:%ld: %s\n", err.file, err.line, err.message);
        return;
    }
    CHECK_STR(map->path, DATA "voicemap_full.ini");
    CHECK(map->narrator.line == 2);
    CHECK_STR(map->narrator.voice.name, "en-gb-x-rp");
    CHECK(map->narrator.voice.rate == 165);
    CHECK(map->narrator.voice.pitch == 40);
    CHECK(map->narrator.voice.range == 45);
    CHECK(map->narrator.voice.gain == -1.5);
    CHECK(map->narrator.set == (VOICE_SET_NAME | VOICE_SET_RATE | VOICE_SET_PITCH |
                                VOICE_SET_RANGE | VOICE_SET_GAIN));
    CHECK(map->n_characters == 2);
    CHECK(map->n_pool == 0);
    CHECK(map->n_warnings == 0);

    e = character(map, "Iruka");
    CHECK(e != NULL);
    if (e) {
        CHECK(e->line == 9);
        CHECK(e->n_aliases == 2);
        if (e->n_aliases == 2) {
            CHECK_STR(e->aliases[0], "Umino Iruka");
            CHECK_STR(e->aliases[1], "Iruka-sensei");
        }
        CHECK(e->gender == DRAMATIS_GENDER_MALE);
        CHECK_STR(e->voice.name, "en-us+m3");
        CHECK(e->voice_line == 12);
        CHECK(e->voice.rate == 175);
        CHECK(e->voice.pitch == 55);
        CHECK(e->voice.range == 60);
        CHECK(e->voice.gain == 0.0);
        CHECK(e->set == (VOICE_SET_NAME | VOICE_SET_RATE | VOICE_SET_PITCH |
                         VOICE_SET_RANGE | VOICE_SET_GAIN));
    }
    e = character(map, "Ayame");
    CHECK(e != NULL);
    if (e) {
        CHECK(e->gender == DRAMATIS_GENDER_FEMALE);
        CHECK(e->set == VOICE_SET_PITCH);
        CHECK(e->voice.pitch == 70);
        CHECK(e->voice_line == 0);
        CHECK(e->n_aliases == 0);
    }
    CHECK(voicemap_find(map, "iruka") == character(map, "Iruka"));
    CHECK(voicemap_find(map, "IRUKA-SENSEI") == character(map, "Iruka"));
    CHECK(voicemap_find(map, "Kakashi") == NULL);
    dramatis_voicemap_free(map);
}

static void test_genders(void)
{
    static const struct {
        const char *word;
        dramatis_gender gender;
    } cases[] = {
        {"female", DRAMATIS_GENDER_FEMALE}, {"FEMALE", DRAMATIS_GENDER_FEMALE},
        {"f", DRAMATIS_GENDER_FEMALE},      {"Male", DRAMATIS_GENDER_MALE},
        {"M", DRAMATIS_GENDER_MALE},        {"unknown", DRAMATIS_GENDER_UNKNOWN},
        {"x", DRAMATIS_GENDER_UNKNOWN},     {"?", DRAMATIS_GENDER_UNKNOWN},
        {"neutral", DRAMATIS_GENDER_UNKNOWN},
    };
    struct dramatis_error err;
    struct dramatis_voicemap *map;
    char text[128];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* Start from the opposite so a value that is ignored shows. */
        snprintf(text, sizeof text, "[A]\ngender = male\ngender = %s\n", cases[i].word);
        map = parse(text, &err);
        CHECK(map != NULL);
        if (map == NULL)
            continue;
        if (map->characters[0].gender != cases[i].gender)
            fprintf(stderr, "  gender '%s'\n", cases[i].word);
        CHECK(map->characters[0].gender == cases[i].gender);
        dramatis_voicemap_free(map);
    }
    CHECK_FAILS_AT("[A]\ngender = male\n\n[B]\ngender = woman\n", 5,
                   "gender must be female, male or unknown, got 'woman'");
    CHECK_FAILS_AT("[A]\ngender =\n", 2, "gender must be");
}

static void test_errors(void)
{
    char longline[400];

    CHECK_FAILS_AT("[narrator]\nvoice = en-us\n[Mara\nvoice = en\n", 3, "syntax error");
    CHECK_FAILS_AT("[narrator]\nvoice = en-us\nno equals sign here\n", 3, "syntax error");
    CHECK_FAILS_AT("[A]\nrate = 170\npitch = abc\n", 3, "pitch must be 0-100, got 'abc'");
    CHECK_FAILS_AT("[A]\npitch = 101\n", 2, "pitch must be 0-100, got '101'");
    CHECK_FAILS_AT("[A]\npitch = 5x\n", 2, "pitch must be 0-100, got '5x'");
    CHECK_FAILS_AT("[A]\n\n\nrate = 79\n", 4, "rate must be 80-450, got '79'");
    CHECK_FAILS_AT("[A]\nrate = 451\n", 2, "rate must be 80-450");
    CHECK_FAILS_AT("[A]\nrate = 99999999999999999999999\n", 2, "rate must be 80-450");
    CHECK_FAILS_AT("[A]\nrange = -1\n", 2, "range must be 0-100, got '-1'");
    CHECK_FAILS_AT("[A]\ngain = 20.5\n", 2, "gain must be -20 to 20 dB, got '20.5'");
    CHECK_FAILS_AT("[A]\ngain = nan\n", 2, "gain must be");
    CHECK_FAILS_AT("[A]\ngain = loud\n", 2, "gain must be");
    CHECK_FAILS_AT("[A]\nvoice =\n", 2, "voice must not be empty");
    CHECK_FAILS_AT("[A]\nvoice = en-us+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
                   2, "voice name is too long");
    CHECK_FAILS_AT("[Mara]\ngender = female\n\n[mara]\n", 4,
                   "duplicate section [mara] (first at line 1)");
    CHECK_FAILS_AT("[narrator]\nvoice = en\n[Narrator]\n", 3, "duplicate section");
    CHECK_FAILS_AT("[pool:a]\nvoice = en\n[pool: A ]\n", 3, "duplicate section");
    CHECK_FAILS_AT("[pool:]\nvoice = en\n", 1, "empty pool name");
    CHECK_FAILS_AT("[ ]\n", 1, "empty section name");
    CHECK_FAILS_AT("[Iruka]\naliases = Umino Iruka, Sensei\n[Kakashi]\naliases = Hatake, sensei\n",
                   4, "alias 'sensei' is already claimed by [Iruka]");
    CHECK_FAILS_AT("[Iruka]\n[Kakashi]\naliases = Hatake, iruka\n", 3,
                   "alias 'iruka' is already claimed by [Iruka]");
    CHECK_FAILS_AT("[Iruka]\naliases = Sensei\n[Kakashi]\n[Sensei]\n", 4,
                   "'Sensei' is already an alias of [Iruka]");
    CHECK_FAILS_AT("[A]\nvoice = en\n[B]\nvoice = en\xff\n", 4, "invalid UTF-8");
    CHECK_FAILS_AT("[A]\nvoice = en\xed\xa0\x80\n", 2, "invalid UTF-8");
    CHECK_FAILS_AT("[A]\n[B]\nvoice = en\xe2\x82\n", 3, "invalid UTF-8");

    /* A line inih would cut in two is refused rather than misread. */
    memset(longline, 'a', sizeof longline);
    memcpy(longline, "[A]\naliases = ", 14);
    memcpy(longline + sizeof longline - 2, "\n", 2);
    CHECK_FAILS_AT(longline, 2, "line is too long");

    /* inih carries on after a syntax error: the first error is reported. */
    CHECK_FAILS_AT("[A]\nbroken\n[B]\n\npitch = 200\n", 2, "syntax error");
    CHECK_FAILS_AT("[A]\npitch = 200\n[B]\nbroken\n", 2, "pitch must be 0-100");
}

static void test_warnings(void)
{
    struct dramatis_error err;
    struct dramatis_voicemap *map;

    map = parse("stray = 1\n[narrator]\nvoice = en-us\naliases = Voice\n\n[Mara]\n"
                "colour = blue\ngender = female\n[pool:p]\naliases = x\n", &err);
    CHECK(map != NULL);
    if (map == NULL)
        return;
    CHECK(map->n_characters == 1);
    CHECK(map->n_warnings == 4);
    CHECK(dramatis_voicemap_warning_count(map) == map->n_warnings);
    if (map->n_warnings == 4) {
        CHECK_STR(dramatis_voicemap_warning(map, 0), "t.ini:1: key 'stray' outside any section is ignored");
        CHECK_STR(map->warnings[1], "t.ini:4: key 'aliases' does nothing in [narrator]");
        CHECK_STR(map->warnings[2], "t.ini:7: unknown key 'colour'");
        CHECK_STR(map->warnings[3], "t.ini:10: key 'aliases' does nothing in [pool:p]");
    }
    CHECK(dramatis_voicemap_warning(map, 4) == NULL);
    CHECK(map->characters[0].gender == DRAMATIS_GENDER_FEMALE);
    dramatis_voicemap_free(map);
    CHECK(dramatis_voicemap_warning_count(NULL) == 0);
}

/* Things inih alone would get wrong or hide: sections without keys, long
 * names, indented continuation lines, comments, a BOM, CRLF. */
static void test_ini_details(void)
{
    static const char long_name[] =
        "A Very Long Character Name That Goes On Past Fifty Bytes, Surely";
    struct dramatis_error err;
    struct dramatis_voicemap *map;
    const struct voicemap_entry *e;
    char text[512];

    snprintf(text, sizeof text,
             "\xef\xbb\xbf; comment\r\n# another\r\n[Gai]\r\n\r\n[ %s ]\r\ngender = male ; inline\r\n"
             "[Kakashi]\r\naliases = Hatake Kakashi,\r\n  Sixth Hokage, Copy Ninja\r\n"
             "aliases = Kakashi-sensei\r\n  [Not A Section]\r\n",
             long_name);
    map = parse(text, &err);
    CHECK(map != NULL);
    if (map == NULL) {
        fprintf(stderr, "  %s:%ld: %s\n", err.file, err.line, err.message);
        return;
    }
    CHECK(map->n_characters == 3);
    CHECK(map->narrator.line == 0);
    CHECK(character(map, "Gai") != NULL);
    e = character(map, long_name);
    CHECK(e != NULL);
    if (e) {
        CHECK(e->line == 5);
        CHECK(e->gender == DRAMATIS_GENDER_MALE);
    }
    e = character(map, "Kakashi");
    CHECK(e != NULL);
    if (e && e->n_aliases == 5) {
        CHECK_STR(e->aliases[0], "Hatake Kakashi");
        CHECK_STR(e->aliases[1], "Sixth Hokage");
        CHECK_STR(e->aliases[2], "Copy Ninja");
        CHECK_STR(e->aliases[3], "Kakashi-sensei");
        CHECK_STR(e->aliases[4], "[Not A Section]");
    } else {
        CHECK(e && e->n_aliases == 5);
    }
    dramatis_voicemap_free(map);

    /* Spelling variants within one character are not a conflict. */
    map = parse("[Kakashi]\naliases = Kakashi-Sama, Kakashi-sama, kakashi\n", &err);
    CHECK(map != NULL);
    dramatis_voicemap_free(map);
    map = parse("", &err);
    CHECK(map != NULL && map->n_characters == 0 && map->narrator.line == 0);
    dramatis_voicemap_free(map);
}

static void test_corpus_cast_fixture(void)
{
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    const struct voicemap_entry *e;

    memset(&err, 0, sizeof err);
    CHECK(dramatis_voicemap_load(DATA "voicemap_cast.ini", &map, &err) == DRAMATIS_OK);
    if (map == NULL) {
        fprintf(stderr, "  %s:%ld: %s\n", err.file, err.line, err.message);
        return;
    }
    CHECK(map->n_characters == 13);
    CHECK(map->narrator.line == 0);
    CHECK(map->n_warnings == 0);
    e = character(map, "Tenz\xc5\x8d");
    CHECK(e != NULL && e->n_aliases == 2 && e->gender == DRAMATIS_GENDER_MALE);
    e = character(map, "Mr. Darcy");
    CHECK(e != NULL && e->n_aliases == 1 && strcmp(e->aliases[0], "Darcy") == 0);
    CHECK(character(map, "Alice'S Sister") != NULL);
    CHECK(character(map, "Mr. Collins' Father") != NULL);
    e = character(map, "The Cat");
    CHECK(e != NULL && e->gender == DRAMATIS_GENDER_UNKNOWN);
    e = character(map, "Elizabeth");
    CHECK(e != NULL && e->n_aliases == 8 && e->set == 0);
    e = character(map, "Jones (the Inspector)");
    CHECK(e != NULL && e->n_aliases == 1 && e->gender == DRAMATIS_GENDER_MALE);
    if (e && e->n_aliases == 1)
        CHECK_STR(e->aliases[0], "Athelney Jones: Scotland Yard");
    dramatis_voicemap_free(map);
}

/* The real corpus-cast output for every corpus book, when ../shared is
 * there (it is in CI); skipped quietly otherwise. */
static void test_corpus_cast_live(void)
{
    static const char *books[] = {"000_8414831067124d50", "002_b23dee7aa56a2902",
                                  "AlicesAdventuresInWonderland", "PrideAndPrejudice",
                                  "TheSignOfTheFour"};
    const char *shared = DRAMATIS_SOURCE_DIR "/../shared";
    struct dramatis_voicemap *map;
    struct dramatis_error err;
    char cmd[1024], chunk[4096], *text;
    size_t i, n, len;
    FILE *p;

    snprintf(cmd, sizeof cmd, "%s/tools/corpus-cast", shared);
    if (access(cmd, X_OK) != 0)
        return;
    for (i = 0; i < sizeof books / sizeof books[0]; i++) {
        snprintf(cmd, sizeof cmd, "%s/tools/corpus-cast %s/corpus/%s 2>/dev/null", shared,
                 shared, books[i]);
        p = popen(cmd, "r");
        CHECK(p != NULL);
        if (p == NULL)
            continue;
        text = NULL;
        len = 0;
        for (;;) {
            char *grown;
            n = fread(chunk, 1, sizeof chunk, p);
            if (n == 0)
                break;
            grown = realloc(text, len + n + 1);
            if (grown == NULL)
                break;
            text = grown;
            memcpy(text + len, chunk, n);
            len += n;
            text[len] = '\0';
        }
        if (pclose(p) != 0 || text == NULL) {
            free(text);
            continue;   /* no python3 here: nothing to check */
        }
        memset(&err, 0, sizeof err);
        map = NULL;
        CHECK(voicemap_parse(books[i], text, &map, &err) == DRAMATIS_OK);
        if (map == NULL)
            fprintf(stderr, "  %s:%ld: %s\n", err.file, err.line, err.message);
        CHECK(map == NULL || (map->n_characters > 0 && map->n_warnings == 0));
        dramatis_voicemap_free(map);
        free(text);
    }
}

static void test_default_map(void)
{
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    const struct voice_measure *m;
    size_t i, usable = 0;

    memset(&err, 0, sizeof err);
    CHECK(voicemap_default(&map, &err) == DRAMATIS_OK);
    if (map == NULL) {
        fprintf(stderr, "  %s:%ld: %s\n", err.file, err.line, err.message);
        return;
    }
    CHECK(map->n_warnings == 0);
    CHECK(map->narrator.line > 0);
    CHECK(map->narrator.set & VOICE_SET_NAME);
    CHECK(map->narrator_female.set & VOICE_SET_NAME);
    CHECK(map->n_characters == 0);
    /* an audiobook's pace: 150-165 words a minute on the measured passage */
    m = voice_table_find(map->narrator.voice.name);
    CHECK(m != NULL && m->unusable[0] == '\0');
    CHECK(voice_table_wpm(m, map->narrator.voice.rate) >= 150 &&
          voice_table_wpm(m, map->narrator.voice.rate) <= 165);
    m = voice_table_find(map->narrator_female.voice.name);
    CHECK(m != NULL && m->unusable[0] == '\0' && m->gender == DRAMATIS_GENDER_FEMALE);
    CHECK(voice_table_wpm(m, map->narrator_female.voice.rate) >= 150 &&
          voice_table_wpm(m, map->narrator_female.voice.rate) <= 165);
    /* the measured table leaves out what the issue heard: muffled steph,
     * grandma's tremor, whispers */
    CHECK(voice_table_find("en+steph") && strstr(voice_table_find("en+steph")->unusable, "muffled"));
    CHECK(voice_table_find("en-us+grandma") && voice_table_find("en-us+grandma")->unusable[0]);
    CHECK(voice_table_find("en-us+whisper") && voice_table_find("en-us+whisper")->unusable[0]);
    CHECK(voice_table_find("EN-GB+f3") == voice_table_find("en+f3"));
    for (i = 0; i < voice_table_size; i++) {
        if (voice_table[i].unusable[0] != '\0')
            continue;
        usable++;
        /* measured at every pitch setting, higher setting, higher pitch */
        CHECK(voice_table[i].f0[0] > 0 && voice_table[i].f0[4] > voice_table[i].f0[0]);
    }
    CHECK(usable >= 100);
    dramatis_voicemap_free(map);
}

static void test_load_errors(void)
{
    struct dramatis_voicemap *map = (struct dramatis_voicemap *)&map;   /* not NULL */
    struct dramatis_error err;
    FILE *f;

    memset(&err, 0, sizeof err);
    CHECK(dramatis_voicemap_load("no-such-dir/missing.ini", &map, &err) == DRAMATIS_ERR_IO);
    CHECK(map == NULL);
    CHECK_STR(err.file, "no-such-dir/missing.ini");
    CHECK(strstr(err.message, "No such file") != NULL);

    f = fopen("voicemap_nul.ini", "wb");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    fwrite("[A]\ngender = male\n[B]\nge\0nder = f\n", 1, 34, f);
    fclose(f);
    memset(&err, 0, sizeof err);
    CHECK(dramatis_voicemap_load("voicemap_nul.ini", &map, &err) == DRAMATIS_ERR_MAP);
    CHECK(err.line == 4);
    CHECK(map == NULL);
    remove("voicemap_nul.ini");
    dramatis_voicemap_free(NULL);
}

static struct dramatis_book *book_new(size_t n_female, size_t n_male, size_t n_unknown)
{
    struct dramatis_book *book = calloc(1, sizeof *book);
    char name[32];
    size_t i;

    if (book == NULL)
        return NULL;
    for (i = 0; i < n_female + n_male + n_unknown; i++) {
        dramatis_gender g = i < n_female            ? DRAMATIS_GENDER_FEMALE
                            : i < n_female + n_male ? DRAMATIS_GENDER_MALE
                                                    : DRAMATIS_GENDER_UNKNOWN;
        snprintf(name, sizeof name, "C%zu", i);
        if (book_character_add(book, name, NULL, 0, g, NULL) != DRAMATIS_OK) {
            dramatis_book_free(book);
            return NULL;
        }
    }
    return book;
}

static int sounds_alike(const struct voice *a, const struct voice *b)
{
    return strcmp(a->name, b->name) == 0 && abs(a->pitch - b->pitch) < 10;
}

/* Whether v is a measured voice of gender g at a pitch that sounds like it. */
static int gender_matched(const struct voice *v, dramatis_gender g)
{
    const struct voice_measure *m = voice_table_find(v->name);
    double f0 = voice_table_f0(m, v->pitch);

    if (m == NULL || m->unusable[0] != '\0')
        return 0;
    if (g == DRAMATIS_GENDER_MALE)
        return m->gender == g && f0 < 150;
    if (g == DRAMATIS_GENDER_FEMALE)
        return m->gender == g && f0 > 160;
    return 1;
}

/* Words a minute within 10% of the narrator's. */
static int narrator_pace(const struct voice *v, const struct voice *narrator)
{
    double a = voice_table_wpm(voice_table_find(v->name), v->rate);
    double n = voice_table_wpm(voice_table_find(narrator->name), narrator->rate);

    return a > 0.9 * n && a < 1.1 * n;
}

static void test_assign_distinct(void)
{
    struct dramatis_voicemap *pool = NULL;
    struct dramatis_book *book, *again;
    struct dramatis_error err;
    size_t i, j;

    memset(&err, 0, sizeof err);
    CHECK(voicemap_default(&pool, &err) == DRAMATIS_OK);
    /* Many characters: 40 + 40 + 10. */
    book = book_new(40, 40, 10);
    again = book_new(40, 40, 10);
    CHECK(pool != NULL && book != NULL && again != NULL);
    if (pool == NULL || book == NULL || again == NULL)
        goto done;
    CHECK(voicemap_assign(NULL, pool, book, &err) == DRAMATIS_OK);
    CHECK(voicemap_assign(NULL, pool, again, &err) == DRAMATIS_OK);

    CHECK_STR(book->narrator.name, pool->narrator.voice.name);
    CHECK(book->narrator.pitch == pool->narrator.voice.pitch);
    for (i = 0; i < book->n_characters; i++) {
        const struct voice *v = &book->characters[i].voice;
        /* everyone told apart from the narrator: another accent or 2 semitones */
        CHECK(voice_separable(v, &book->narrator));
        /* no two of the main cast share a voice */
        for (j = 0; j < i && i < 24; j++) {
            if (sounds_alike(v, &book->characters[j].voice))
                fprintf(stderr, "  C%zu and C%zu both %s at %d\n", i, j, v->name, v->pitch);
            CHECK(!sounds_alike(v, &book->characters[j].voice));
        }
        /* Deterministic: the same cast gets the same voices. */
        CHECK_STR(v->name, again->characters[i].voice.name);
        CHECK(v->pitch == again->characters[i].voice.pitch);
        CHECK(v->rate == again->characters[i].voice.rate);
        CHECK(v->pitch >= 0 && v->pitch <= 100);
        CHECK(narrator_pace(v, &book->narrator));
        CHECK(gender_matched(v, book->characters[i].gender));
    }
done:
    dramatis_book_free(book);
    dramatis_book_free(again);
    dramatis_voicemap_free(pool);
}

/* Adds a chapter of alternating dialogue lines by the speakers given. */
static int add_talk(struct dramatis_book *book, const int *speakers, size_t n)
{
    struct chapter *ch;
    struct paragraph *p;
    size_t i;

    ch = realloc(book->chapters, (book->n_chapters + 1) * sizeof *ch);
    if (ch == NULL)
        return 0;
    book->chapters = ch;
    ch = &book->chapters[book->n_chapters++];
    memset(ch, 0, sizeof *ch);
    ch->title = strdup("Chapter");
    ch->paragraphs = calloc(n, sizeof *ch->paragraphs);
    if (ch->title == NULL || ch->paragraphs == NULL)
        return 0;
    for (i = 0; i < n; i++) {
        p = &ch->paragraphs[ch->n_paragraphs++];
        p->segments = calloc(1, sizeof *p->segments);
        if (p->segments == NULL)
            return 0;
        p->n_segments = 1;
        p->segments[0].kind = SEGMENT_DIALOGUE;
        p->segments[0].speaker = speakers[i];
        p->segments[0].text = strdup("Well.");
        if (p->segments[0].text == NULL)
            return 0;
    }
    return 1;
}

/* People who talk with each other are told apart from each other and the
 * narrator; the most talkative are cast first. */
static void test_assign_conversation(void)
{
    /* C0-C3 are men; C0 and C1 talk, C2 and C3 talk, C1 and C3 too, each
     * pair in a chapter of its own */
    static const int talk[] = {0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 1, 3};
    struct dramatis_book *book = book_new(0, 4, 0);
    struct dramatis_error err;
    unsigned *talks;
    size_t i, j;

    memset(&err, 0, sizeof err);
    CHECK(book != NULL && add_talk(book, talk, 6) && add_talk(book, talk + 6, 4) &&
          add_talk(book, talk + 10, 2));
    if (book == NULL)
        return;
    talks = talk_matrix(book);
    CHECK(talks && talks[0 * 4 + 1] > 0 && talks[2 * 4 + 3] > 0 && talks[0 * 4 + 3] == 0);
    CHECK(voicemap_assign(NULL, NULL, book, &err) == DRAMATIS_OK);
    for (i = 0; talks && i < 4; i++) {
        CHECK(voice_separable(&book->characters[i].voice, &book->narrator));
        CHECK(gender_matched(&book->characters[i].voice, DRAMATIS_GENDER_MALE));
        for (j = 0; j < 4; j++)
            if (talks[i * 4 + j])
                CHECK(voice_separable(&book->characters[i].voice, &book->characters[j].voice));
    }
    free(talks);
    dramatis_book_free(book);
}

/* The first-person narrator is one person: quotes and narration share the
 * narrator's voice, a woman's when she is a woman, unless the map says. */
static void test_first_person(void)
{
    static const int talk[] = {0, 1, 0, 1};
    static const char *const i_alias[] = {"I"};
    struct dramatis_voicemap *map = NULL, *pool = NULL;
    struct dramatis_book *book = calloc(1, sizeof *book);
    struct dramatis_error err;

    memset(&err, 0, sizeof err);
    CHECK(voicemap_default(&pool, &err) == DRAMATIS_OK);
    CHECK(book && book_character_add(book, "Watson", i_alias, 1, DRAMATIS_GENDER_MALE, NULL) ==
                      DRAMATIS_OK);
    CHECK(book && book_character_add(book, "Holmes", NULL, 0, DRAMATIS_GENDER_MALE, NULL) ==
                      DRAMATIS_OK);
    CHECK(book && add_talk(book, talk, 4));
    if (book == NULL || pool == NULL)
        goto done;
    CHECK(voicemap_assign(NULL, pool, book, &err) == DRAMATIS_OK);
    CHECK_STR(book->characters[0].voice.name, book->narrator.name);
    CHECK(book->characters[0].voice.pitch == book->narrator.pitch);
    CHECK(book->characters[0].voice.rate == book->narrator.rate);
    CHECK(voice_separable(&book->characters[1].voice, &book->narrator));

    /* a woman telling her story: the narrator's voice is a woman's */
    book->characters[0].gender = DRAMATIS_GENDER_FEMALE;
    CHECK(voicemap_assign(NULL, pool, book, &err) == DRAMATIS_OK);
    CHECK_STR(book->narrator.name, pool->narrator_female.voice.name);
    CHECK_STR(book->characters[0].voice.name, pool->narrator_female.voice.name);

    /* a map may give the teller's quotes their own voice */
    map = parse("[Watson]\naliases = I\nvoice = en-gb-x-rp+m3\n", &err);
    CHECK(map != NULL);
    CHECK(voicemap_assign(map, pool, book, &err) == DRAMATIS_OK);
    CHECK_STR(book->characters[0].voice.name, "en-gb-x-rp+m3");
done:
    dramatis_voicemap_free(map);
    dramatis_voicemap_free(pool);
    dramatis_book_free(book);
}

static void test_assign_with_map(void)
{
    struct dramatis_voicemap *map, *pool = NULL;
    struct dramatis_book *book = NULL;
    struct dramatis_error err;
    const struct character *c;
    size_t i;

    /* The narrator is a woman's voice; Ayame fixes only her pitch; Mara her
     * voice; Kakashi only his rate. */
    map = parse("[narrator]\nvoice = en-us+f3\npitch = 55\nrate = 160\n"
                "[Iruka]\ngender = male\n"
                "[Ayame]\ngender = female\npitch = 30\n"
                "[Mara]\ngender = female\nvoice = en-gb-x-rp+f2\npitch = 52\n"
                "[Kakashi]\ngender = male\nrate = 200\n"
                "[Nobody]\ngender = female\n",
                &err);
    CHECK(map != NULL);
    CHECK(voicemap_default(&pool, &err) == DRAMATIS_OK);
    book = calloc(1, sizeof *book);
    if (map == NULL || pool == NULL || book == NULL)
        goto done;
    CHECK(book_character_add(book, "Stale", NULL, 0, DRAMATIS_GENDER_MALE, NULL) == DRAMATIS_OK);
    CHECK(voicemap_set_characters(map, book, &err) == DRAMATIS_OK);
    CHECK(book->n_characters == 5);
    CHECK_STR(book->characters[0].name, "Iruka");
    CHECK(book->characters[1].gender == DRAMATIS_GENDER_FEMALE);
    CHECK(voicemap_assign(map, pool, book, &err) == DRAMATIS_OK);

    CHECK_STR(book->narrator.name, "en-us+f3");
    CHECK(book->narrator.pitch == 55);
    CHECK(book->narrator.rate == 160);
    CHECK(book->narrator.range == pool->narrator.voice.range);

    c = &book->characters[0];   /* Iruka: a man's voice */
    CHECK(gender_matched(&c->voice, DRAMATIS_GENDER_MALE));
    c = &book->characters[1];   /* Ayame: a woman's voice at her pitch */
    CHECK(c->voice.pitch == 30);
    CHECK(voice_table_find(c->voice.name) &&
          voice_table_find(c->voice.name)->gender == DRAMATIS_GENDER_FEMALE);
    c = &book->characters[2];   /* Mara: exactly what the map says */
    CHECK_STR(c->voice.name, "en-gb-x-rp+f2");
    CHECK(c->voice.pitch == 52);
    CHECK(narrator_pace(&c->voice, &book->narrator));   /* unset rate: the narrator's pace */
    c = &book->characters[3];   /* Kakashi: a cast voice, the map's rate */
    CHECK(c->voice.rate == 200);
    CHECK(gender_matched(&c->voice, DRAMATIS_GENDER_MALE));
    for (i = 0; i < book->n_characters; i++) {
        c = &book->characters[i];
        CHECK(!sounds_alike(&c->voice, &book->narrator));
        if (i != 2)
            CHECK(!sounds_alike(&c->voice, &book->characters[2].voice));
    }
    CHECK(gender_matched(&book->characters[4].voice, DRAMATIS_GENDER_FEMALE));
    CHECK(voice_separable(&book->characters[4].voice, &book->narrator));

    /* No pool given: the built-in one; no map: the built-in narrator. */
    CHECK(voicemap_assign(NULL, NULL, book, &err) == DRAMATIS_OK);
    CHECK_STR(book->narrator.name, pool->narrator.voice.name);

    /* A map without characters leaves the book without any. */
    dramatis_voicemap_free(map);
    map = parse("[narrator]\nvoice = en\n", &err);
    CHECK(map != NULL);
    if (map) {
        CHECK(voicemap_set_characters(map, book, &err) == DRAMATIS_OK);
        CHECK(book->n_characters == 0);
        CHECK(voicemap_assign(map, pool, book, &err) == DRAMATIS_OK);
        CHECK_STR(book->narrator.name, "en");
    }
done:
    dramatis_book_free(book);
    dramatis_voicemap_free(map);
    dramatis_voicemap_free(pool);
}

/* A pool file without [pool:] sections still keeps characters apart from
 * the narrator and from each other. */
static void test_assign_empty_pool(void)
{
    struct dramatis_voicemap *pool;
    struct dramatis_book *book;
    struct dramatis_error err;
    size_t i, j;

    pool = parse("[narrator]\nvoice = en-us\npitch = 50\n", &err);
    book = book_new(2, 2, 1);
    CHECK(pool != NULL && book != NULL);
    if (pool && book) {
        CHECK(voicemap_assign(NULL, pool, book, &err) == DRAMATIS_OK);
        for (i = 0; i < book->n_characters; i++) {
            CHECK(!sounds_alike(&book->characters[i].voice, &book->narrator));
            for (j = 0; j < i; j++)
                CHECK(!sounds_alike(&book->characters[i].voice, &book->characters[j].voice));
        }
    }
    dramatis_book_free(book);
    dramatis_voicemap_free(pool);
}

/* The tuned maps shipped for the seed stories parse cleanly. */
static void test_seed_maps(void)
{
    static const char *maps[] = {"the-lighthouse-keeper.ini", "the-night-ferry.ini"};
    struct dramatis_voicemap *map;
    struct dramatis_error err;
    char path[512];
    size_t i, j;

    for (i = 0; i < sizeof maps / sizeof maps[0]; i++) {
        snprintf(path, sizeof path, "%s/voices/%s", DRAMATIS_SOURCE_DIR, maps[i]);
        map = NULL;
        memset(&err, 0, sizeof err);
        CHECK(dramatis_voicemap_load(path, &map, &err) == DRAMATIS_OK);
        if (map == NULL) {
            fprintf(stderr, "  %s:%ld: %s\n", err.file, err.line, err.message);
            continue;
        }
        CHECK(map->n_warnings == 0);
        CHECK(map->narrator.set & VOICE_SET_NAME);
        CHECK(map->n_characters >= 3);
        for (j = 0; j < map->n_characters; j++)
            CHECK(map->characters[j].set & VOICE_SET_NAME);
        dramatis_voicemap_free(map);
    }
}

/* [pronunciations] and [overrides]: free keys, not characters; errors at their line. */
static void test_pronunciations_overrides(void)
{
    struct dramatis_voicemap *map;
    struct dramatis_error err;

    memset(&err, 0, sizeof err);
    map = parse("[Mara]\nvoice = en-us\n\n[Pronunciations]\n  Iruka   =  Eeroo ka ; comment\n"
                "Tenz\xC5\x8D = [[t'Enzo:]]\n[overrides]\n3 you could open it = Mara\n"
                "[pronunciations]\nHokage=hoe kah gay\n", &err);
    CHECK(map != NULL);
    if (map) {
        CHECK(map->n_characters == 1);
        CHECK(map->n_pronunciations == 3 && map->n_overrides == 1);
        if (map->n_pronunciations == 3) {
            CHECK_STR(map->pronunciations[0].key, "Iruka");
            CHECK_STR(map->pronunciations[0].value, "Eeroo ka");
            CHECK(map->pronunciations[0].line == 5);
            CHECK_STR(map->pronunciations[1].value, "[[t'Enzo:]]");
            CHECK_STR(map->pronunciations[2].key, "Hokage");
        }
        if (map->n_overrides == 1) {
            CHECK_STR(map->overrides[0].key, "3 you could open it");
            CHECK_STR(map->overrides[0].value, "Mara");
            CHECK(map->overrides[0].line == 8);
        }
    }
    dramatis_voicemap_free(map);
    CHECK(fails_at("[pronunciations]\nIruka = a\niruka = b\n", 3, "already given at line 2"));
    CHECK(fails_at("[overrides]\n1 hush =\n", 2, "empty"));
    CHECK(fails_at("[pronunciations]\nTenzo = [[tEnzo\n", 2, "[[like this]]"));
    CHECK(fails_at("[narrator]\nvoice = en-us\n[ ]\n", 3, "empty section name"));
}

/* [pauses]: seconds by name into the book's pause table; not a character. */
static void test_pauses(void)
{
    struct dramatis_voicemap *map;
    struct dramatis_error err;

    map = parse("[pauses]\nparagraph = 1.25\ndash=0.08 ; short\nchapter_end = 0\n"
                "[Mara]\nvoice = en-us\n[Pauses]\nscene_break = 4\nbreath = 1\n", &err);
    CHECK(map != NULL);
    if (map) {
        CHECK(map->n_characters == 1);
        CHECK(map->pauses.set == ((1u << BOOK_PAUSE_PARAGRAPH) | (1u << BOOK_PAUSE_DASH) |
                                  (1u << BOOK_PAUSE_CHAPTER_END) | (1u << BOOK_PAUSE_SCENE_BREAK)));
        CHECK(map->pauses.ms[BOOK_PAUSE_PARAGRAPH] == 1250);
        CHECK(map->pauses.ms[BOOK_PAUSE_DASH] == 80);
        CHECK(map->pauses.ms[BOOK_PAUSE_CHAPTER_END] == 0);
        CHECK(map->pauses.ms[BOOK_PAUSE_SCENE_BREAK] == 4000);
        CHECK(map->pause_lines[BOOK_PAUSE_SCENE_BREAK] == 8);
        /* an unknown name is a warning, as an unknown key is */
        CHECK(map->n_warnings == 1 && strstr(map->warnings[0], "t.ini:9: unknown pause 'breath'"));
    }
    dramatis_voicemap_free(map);
    CHECK(fails_at("[pauses]\nparagraph = 1\nparagraph = 2\n", 3, "already given at line 2"));
    CHECK(fails_at("[pauses]\ntitle = 11\n", 2, "0 to 10 seconds"));
    CHECK(fails_at("[pauses]\ntitle = -1\n", 2, "0 to 10 seconds"));
    CHECK(fails_at("[pauses]\ntitle = 1s\n", 2, "got '1s'"));
}

/* [book]: the book's tags, set or overridden; not a character. */
static void test_book_section(void)
{
    struct dramatis_error err;
    struct dramatis_voicemap *map;
    struct dramatis_book book;

    map = parse("[book]\ntitle = Another Title\nauthor = A. Writer\ndescription = One.\n"
                "description = Two.\ngenre = Fantasy\nnarrator = Someone\nsubtitle = x\n"
                "[Mara]\ngender = female\n", &err);
    CHECK(map != NULL);
    if (map == NULL)
        return;
    CHECK(map->n_characters == 1 && strcmp(map->characters[0].name, "Mara") == 0);
    CHECK(map->n_book == 5);
    CHECK(map->n_warnings == 1 && strstr(map->warnings[0], "unknown key 'subtitle' in [book]"));
    memset(&book, 0, sizeof book);
    book.title = strdup("Old");
    CHECK(voicemap_apply_book(map, &book, &err) == DRAMATIS_OK);
    CHECK_STR(book.title, "Another Title");
    CHECK_STR(book.author, "A. Writer");
    CHECK_STR(book.meta.description, "One.\nTwo.");
    CHECK_STR(book.meta.genre, "Fantasy");
    CHECK_STR(book.meta.narrator, "Someone");
    free(book.title);
    free(book.author);
    book_meta_cleanup(&book.meta);
    dramatis_voicemap_free(map);
    /* a cover that is not an image stops with the map's line */
    map = parse("[book]\ncover = " DATA "two_chapters.txt\n", &err);
    CHECK(map != NULL);
    memset(&book, 0, sizeof book);
    CHECK(map && voicemap_apply_book(map, &book, &err) == DRAMATIS_ERR_MAP && err.line == 2);
    book_meta_cleanup(&book.meta);
    dramatis_voicemap_free(map);
}

int main(void)
{
    test_pauses();
    test_book_section();
    test_all_keys();
    test_genders();
    test_errors();
    test_warnings();
    test_ini_details();
    test_corpus_cast_fixture();
    test_corpus_cast_live();
    test_default_map();
    test_load_errors();
    test_pronunciations_overrides();
    test_assign_distinct();
    test_assign_conversation();
    test_first_person();
    test_assign_with_map();
    test_assign_empty_pool();
    test_seed_maps();
    return CHECK_DONE();
}
