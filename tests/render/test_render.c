/* Tests of the renderer: unit plans, cache keys, output that does not depend
 * on the number of workers, joined files that add up, and the cache. */
#include "check.h"
#include "book.h"
#include "ogg_opus.h"
#include "reading.h"
#include "render.h"
#include "run.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static char dir[] = "/tmp/test_render.XXXXXX";

static struct dramatis_book *load(void)
{
    struct dramatis_book *book = NULL;
    struct dramatis_error err;

    memset(&err, 0, sizeof err);
    if (dramatis_book_load(DRAMATIS_SOURCE_DIR "/tests/data/two_chapters.txt", &book, &err) !=
            DRAMATIS_OK ||
        dramatis_book_cast(book, NULL, &err) != DRAMATIS_OK) {
        fprintf(stderr, "cannot load the fixture: %s\n", err.message);
        exit(1);
    }
    return book;
}

static int character(const struct dramatis_book *book, const char *name)
{
    size_t i;

    for (i = 0; i < book->n_characters; i++) {
        if (strcmp(book->characters[i].name, name) == 0)
            return (int)i;
    }
    return -1;
}

static int speaks_in(const struct dramatis_book *book, size_t c, int who)
{
    const struct chapter *ch = &book->chapters[c];
    size_t p, s;

    for (p = 0; p < ch->n_paragraphs; p++) {
        for (s = 0; s < ch->paragraphs[p].n_segments; s++) {
            if (ch->paragraphs[p].segments[s].speaker == who)
                return 1;
        }
    }
    return 0;
}

static void test_plan(const struct dramatis_book *book)
{
    struct render_unit *u = NULL;
    size_t n = 0, i, paragraphs = 0;

    CHECK(render_plan(book, RENDER_UNIT_BYTES, &u, &n) == DRAMATIS_OK);
    CHECK(n == book->n_chapters);
    for (i = 0; i < n && i < book->n_chapters; i++) {
        CHECK(u[i].chapter == i && u[i].first && u[i].last && u[i].p0 == 0);
        CHECK(u[i].p1 == book->chapters[i].n_paragraphs);
        paragraphs += book->chapters[i].n_paragraphs;
    }
    free(u);
    /* tiny units: one paragraph each, in order, covering every paragraph */
    CHECK(render_plan(book, 1, &u, &n) == DRAMATIS_OK);
    CHECK(n == paragraphs);
    for (i = 0; i < n; i++) {
        CHECK(u[i].p1 == u[i].p0 + 1);
        CHECK(u[i].first == (u[i].p0 == 0));
        CHECK(u[i].last == (u[i].p1 == book->chapters[u[i].chapter].n_paragraphs));
        if (i > 0)
            CHECK(u[i].chapter == u[i - 1].chapter ? u[i].p0 == u[i - 1].p1 : u[i].p0 == 0);
    }
    free(u);
}

/* The lines of the first chapter: the announcement, its title, then the
 * segments, with the pauses of the book's table between them. */
static void test_lines(struct dramatis_book *book)
{
    struct render_unit *u = NULL;
    struct unit_lines ul;
    const struct paragraph *p0, *p1;
    size_t n = 0, k;

    CHECK(render_plan(book, RENDER_UNIT_BYTES, &u, &n) == DRAMATIS_OK);
    CHECK(n == 2 && book->chapters[0].n_paragraphs >= 2);
    if (n != 2 || book->chapters[0].n_paragraphs < 2) {
        free(u);
        return;
    }
    p0 = &book->chapters[0].paragraphs[0];
    p1 = &book->chapters[0].paragraphs[1];
    CHECK(render_unit_lines(book, &u[0], &ul) == DRAMATIS_OK);
    CHECK(ul.n >= 4 + p0->n_segments);
    if (ul.n >= 4 + p0->n_segments) {
        CHECK(ul.kinds[0] == RENDER_LINE_ANNOUNCEMENT && ul.segs[0] == NULL);
        CHECK_STR(ul.lines[0].text, "The Small Test, by Test Author");
        CHECK(ul.lines[0].pause_ms == 0 && ul.lines[0].voice == &book->narrator);
        CHECK(ul.kinds[1] == RENDER_LINE_TITLE);
        CHECK(ul.lines[1].pause_ms == book_pause_ms(book, BOOK_PAUSE_ANNOUNCEMENT));
        CHECK(ul.kinds[2] == RENDER_LINE_SEGMENT && ul.segs[2] == &p0->segments[0]);
        CHECK(ul.lines[2].pause_ms == book_pause_ms(book, BOOK_PAUSE_TITLE));
        for (k = 1; k < p0->n_segments; k++)
            CHECK(ul.lines[2 + k].pause_ms == book_pause_ms(book, BOOK_PAUSE_SPEECH_TAG));
        CHECK(ul.lines[2 + p0->n_segments].pause_ms ==
              book_pause_ms(book, p1->scene_break_before ? BOOK_PAUSE_SCENE_BREAK
                                                         : BOOK_PAUSE_PARAGRAPH));
        CHECK(ul.lines[ul.n - 1].text == NULL &&
              ul.lines[ul.n - 1].pause_ms == book_pause_ms(book, BOOK_PAUSE_CHAPTER_END));
    }
    render_unit_lines_cleanup(&ul);

    /* the map's pause table replaces the defaults */
    book->pauses.ms[BOOK_PAUSE_TITLE] = 4321;
    book->pauses.ms[BOOK_PAUSE_CHAPTER_END] = 0;
    book->pauses.set = (1u << BOOK_PAUSE_TITLE) | (1u << BOOK_PAUSE_CHAPTER_END);
    CHECK(render_unit_lines(book, &u[0], &ul) == DRAMATIS_OK);
    CHECK(ul.n > 2 && ul.lines[2].pause_ms == 4321);
    CHECK(ul.n > 0 && ul.lines[ul.n - 1].text != NULL);   /* no closing pause left */
    render_unit_lines_cleanup(&ul);
    memset(&book->pauses, 0, sizeof book->pauses);

    /* turned off: the book opens with its first title; other units never announce */
    dramatis_book_set_announce(book, 0);
    CHECK(render_unit_lines(book, &u[0], &ul) == DRAMATIS_OK);
    CHECK(ul.n > 0 && ul.kinds[0] == RENDER_LINE_TITLE && ul.lines[0].pause_ms == 0);
    render_unit_lines_cleanup(&ul);
    dramatis_book_set_announce(book, 1);
    CHECK(render_unit_lines(book, &u[1], &ul) == DRAMATIS_OK);
    CHECK(ul.n > 0 && ul.kinds[0] == RENDER_LINE_TITLE);
    render_unit_lines_cleanup(&ul);

    /* a title that repeats the book's is not read again after it */
    free(book->chapters[0].title);
    book->chapters[0].title = strdup("the small test");
    CHECK(!render_reads_title(book, 0) && render_reads_title(book, 1));
    CHECK(render_unit_lines(book, &u[0], &ul) == DRAMATIS_OK);
    CHECK(ul.n > 1 && ul.kinds[0] == RENDER_LINE_ANNOUNCEMENT &&
          ul.kinds[1] == RENDER_LINE_SEGMENT &&
          ul.lines[1].pause_ms == book_pause_ms(book, BOOK_PAUSE_ANNOUNCEMENT));
    render_unit_lines_cleanup(&ul);
    dramatis_book_set_announce(book, 0);
    CHECK(render_reads_title(book, 0));
    dramatis_book_set_announce(book, 1);
    free(book->chapters[0].title);
    book->chapters[0].title = strdup("Chapter 1: The Bench");
    free(u);
}

/* A unit's cache key; 0 (never a real one here) when it cannot be made. */
static unsigned long long unit_key(const struct dramatis_book *book, const struct render_unit *u,
                                   const struct render_settings *set)
{
    unsigned long long key = 0;

    CHECK(render_unit_key(book, u, set, &key) == DRAMATIS_OK);
    return key;
}

static void test_keys(struct dramatis_book *book)
{
    struct render_settings set = { 22050, 24000, 5, 48000 }, other;
    struct render_unit *u = NULL;
    unsigned long long k0, k1, k;
    struct segment *seg;
    char *saved;
    int tom = character(book, "Tom");
    size_t n = 0;

    CHECK(render_plan(book, RENDER_UNIT_BYTES, &u, &n) == DRAMATIS_OK);
    if (n != 2 || tom < 0) {
        CHECK(!"fixture: two chapters and Tom");
        free(u);
        return;
    }
    k0 = unit_key(book, &u[0], &set);
    k1 = unit_key(book, &u[1], &set);
    CHECK(k0 != k1);
    CHECK(unit_key(book, &u[0], &set) == k0);

    /* one character's voice: only the units where they speak */
    book->characters[tom].voice.pitch += 7;
    CHECK((unit_key(book, &u[0], &set) != k0) == speaks_in(book, 0, tom));
    CHECK((unit_key(book, &u[1], &set) != k1) == speaks_in(book, 1, tom));
    CHECK(speaks_in(book, 0, tom));
    book->characters[tom].voice.pitch -= 7;
    CHECK(unit_key(book, &u[0], &set) == k0);
    book->characters[tom].voice.gain += 0.5;
    CHECK(unit_key(book, &u[0], &set) != k0);
    book->characters[tom].voice.gain -= 0.5;

    /* the narrator reads every title */
    book->narrator.rate += 10;
    CHECK(unit_key(book, &u[0], &set) != k0 && unit_key(book, &u[1], &set) != k1);
    book->narrator.rate -= 10;
    snprintf(book->narrator.name, sizeof book->narrator.name, "%s", "en-gb-x-rp");
    k = unit_key(book, &u[1], &set);
    CHECK(k != k1);
    book->narrator.range = 33;
    CHECK(unit_key(book, &u[1], &set) != k);

    /* what is spoken, and the pause layout */
    seg = &book->chapters[1].paragraphs[0].segments[0];
    saved = seg->spoken;
    seg->spoken = "Something else entirely.";
    k = unit_key(book, &u[1], &set);
    seg->spoken = saved;
    CHECK(k != unit_key(book, &u[1], &set));
    if (book->chapters[1].n_paragraphs > 1) {
        k = unit_key(book, &u[1], &set);
        book->chapters[1].paragraphs[1].scene_break_before ^= 1;
        CHECK(unit_key(book, &u[1], &set) != k);
        book->chapters[1].paragraphs[1].scene_break_before ^= 1;
    }

    /* the pause table and the announcement */
    k = unit_key(book, &u[1], &set);
    book->pauses.ms[BOOK_PAUSE_PARAGRAPH] = 100;
    book->pauses.set = 1u << BOOK_PAUSE_PARAGRAPH;
    CHECK(unit_key(book, &u[1], &set) != k);
    memset(&book->pauses, 0, sizeof book->pauses);
    CHECK(unit_key(book, &u[1], &set) == k);
    k = unit_key(book, &u[0], &set);
    k1 = unit_key(book, &u[1], &set);
    dramatis_book_set_announce(book, 0);
    CHECK(unit_key(book, &u[0], &set) != k);
    CHECK(unit_key(book, &u[1], &set) == k1);
    dramatis_book_set_announce(book, 1);

    /* encoder settings and sample rate */
    k = unit_key(book, &u[0], &set);
    other = set;
    other.bitrate = 32000;
    CHECK(unit_key(book, &u[0], &other) != k);
    other = set;
    other.complexity = 4;
    CHECK(unit_key(book, &u[0], &other) != k);
    other = set;
    other.rate = 24000;
    CHECK(unit_key(book, &u[0], &other) != k);
    CHECK(unit_key(book, &u[0], &set) == k);
    free(u);
}

static int same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb, ca, cb;

    while (same) {
        ca = getc(fa);
        cb = getc(fb);
        if (ca != cb)
            same = 0;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

static unsigned long long decoded_length(const char *path)
{
    struct ogg_opus_unit_info info;
    struct dramatis_error err;

    if (ogg_opus_unit_scan(path, &info, &err) != DRAMATIS_OK)
        return 0;
    return info.end_granule - info.preskip;
}

static unsigned long long cache_max;

static dramatis_status render_into(const struct dramatis_book *book, const char *sub, int jobs,
                                   int split, int no_cache, size_t unit_bytes,
                                   dramatis_render_progress_fn fn, void *ctx)
{
    struct dramatis_render_options opt;
    struct dramatis_error err;
    char out[256], cache[256];
    dramatis_status st;

    dramatis_render_options_init(&opt);
    memset(&err, 0, sizeof err);
    snprintf(out, sizeof out, "%s/%s", dir, sub);
    opt.out_dir = out;
    snprintf(cache, sizeof cache, "%s/cache", dir);
    opt.cache_dir = cache;
    opt.cache_max = cache_max;
    opt.jobs = jobs;
    opt.split = split;
    opt.no_cache = no_cache;
    opt.progress = fn;
    opt.progress_ctx = ctx;
    st = render_book(book, &opt, unit_bytes, NULL, &err);
    if (st != DRAMATIS_OK)
        fprintf(stderr, "render: %s\n", err.message);
    return st;
}

/* Paragraph-sized units, so chapters are joined from several units. */
static void test_jobs_and_split(const struct dramatis_book *book)
{
    const char *files[] = { "The Small Test.opus", "chapters/01 - Chapter 1_ The Bench.opus",
                            "chapters/02 - Chapter 2_ The Boat.opus", "chapters/The Small Test.m3u8" };
    char a[512], b[512];
    unsigned long long book_len, sum = 0;
    size_t i;
    DIR *d;
    struct dirent *e;
    int leftovers = 0;

    CHECK(render_into(book, "j1", 1, 1, 1, 64, NULL, NULL) == DRAMATIS_OK);
    CHECK(render_into(book, "j2", 2, 1, 1, 64, NULL, NULL) == DRAMATIS_OK);
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(a, sizeof a, "%s/j1/Test Author/The Small Test/%s", dir, files[i]);
        snprintf(b, sizeof b, "%s/j2/Test Author/The Small Test/%s", dir, files[i]);
        CHECK(access(a, R_OK) == 0);
        CHECK(same_file(a, b));
    }
    /* no gap, no overlap: the book is as long as its chapter files */
    snprintf(a, sizeof a, "%s/j1/Test Author/The Small Test/%s", dir, files[0]);
    book_len = decoded_length(a);
    for (i = 1; i < 3; i++) {
        snprintf(a, sizeof a, "%s/j1/Test Author/The Small Test/%s", dir, files[i]);
        sum += decoded_length(a);
    }
    CHECK(book_len > 48000 && book_len == sum);
    /* --no-cache leaves no units behind */
    snprintf(a, sizeof a, "%s/j1/Test Author/The Small Test", dir);
    d = opendir(a);
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
            strcmp(e->d_name, ".dramatis") != 0)
            leftovers++;
    }
    if (d)
        closedir(d);
    CHECK(leftovers == 0);
}

struct seen {
    size_t reused, units;
    int chapter_reused[2];   /* -1 unknown, 0 rendered, 1 reused */
    int finished;
};

static void count(void *ctx, const struct dramatis_render_progress *p)
{
    struct seen *s = ctx;

    s->reused = p->units_reused;
    s->units = p->n_units;
    if (p->chapter >= 0 && p->chapter < 2)
        s->chapter_reused[p->chapter] = p->chapter_reused;
    s->finished = p->finished;
}

static void test_cache(struct dramatis_book *book)
{
    struct seen s;
    char a[512], b[512];
    int tom = character(book, "Tom");
    size_t entries = 0;
    DIR *d;
    struct dirent *e;

    memset(&s, 0, sizeof s);
    CHECK(render_into(book, "c", 2, 0, 0, RENDER_UNIT_BYTES, count, &s) == DRAMATIS_OK);
    CHECK(s.finished && s.reused == 0 && s.units == 2);
    snprintf(a, sizeof a, "%s/c/Test Author/The Small Test/The Small Test.opus", dir);
    snprintf(b, sizeof b, "%s/first.opus", dir);
    CHECK(rename(a, b) == 0);
    /* the second render reuses every unit, to the same bytes */
    memset(&s, 0, sizeof s);
    CHECK(render_into(book, "c", 2, 0, 0, RENDER_UNIT_BYTES, count, &s) == DRAMATIS_OK);
    CHECK(s.finished && s.reused == 2);
    CHECK(same_file(a, b));
    /* one voice changes: only the chapter where Tom speaks is rendered */
    CHECK(tom >= 0);
    if (tom < 0)
        return;
    book->characters[tom].voice.pitch += 9;
    s.chapter_reused[0] = s.chapter_reused[1] = -1;
    CHECK(render_into(book, "c", 2, 0, 0, RENDER_UNIT_BYTES, count, &s) == DRAMATIS_OK);
    CHECK(s.chapter_reused[0] == !speaks_in(book, 0, tom));
    CHECK(s.chapter_reused[1] == !speaks_in(book, 1, tom));
    CHECK(s.reused == 1);
    CHECK(!same_file(a, b));
    book->characters[tom].voice.pitch -= 9;
    /* units no longer used are pruned: the cache holds this render's units,
     * in the cache folder, not in the library */
    snprintf(a, sizeof a, "%s/c/Test Author/The Small Test/.cache", dir);
    CHECK(access(a, F_OK) != 0);
    d = opendir(a);
    {
        char *real = realpath(DRAMATIS_SOURCE_DIR "/tests/data/two_chapters.txt", NULL);
        unsigned long long h = real ? render_fnv1a(RENDER_FNV_BASIS, real, strlen(real)) : 0;
        snprintf(a, sizeof a, "%s/cache/units/%016llx", dir, h);
        free(real);
    }
    if (d)
        closedir(d);
    d = opendir(a);
    CHECK(d != NULL);
    while (d && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] != '.' && len > 5 && strcmp(e->d_name + len - 5, ".opus") == 0)
            entries++;
    }
    if (d)
        closedir(d);
    CHECK(entries == 2);
}

/* The cache keeps to its size: other books' units go, least recently
 * rendered first; the render's own stay, and files not the cache's too. */
static void test_cache_limit(const struct dramatis_book *book)
{
    char other[512], unit[600], mine[600];
    struct timeval old[2] = { { 1000, 0 }, { 1000, 0 } };
    FILE *f;

    snprintf(other, sizeof other, "%s/cache/units/00000000000000ff", dir);
    CHECK(mkdir(other, 0777) == 0);
    snprintf(unit, sizeof unit, "%s/0123456789abcdef.opus", other);
    f = fopen(unit, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("not really a unit", f);
        fclose(f);
    }
    snprintf(mine, sizeof mine, "%s/notes.txt", other);
    f = fopen(mine, "w");
    if (f)
        fclose(f);
    utimes(other, old);
    cache_max = 1;
    CHECK(render_into(book, "c", 2, 0, 0, RENDER_UNIT_BYTES, NULL, NULL) == DRAMATIS_OK);
    cache_max = 0;
    CHECK(access(unit, F_OK) != 0);
    CHECK(access(mine, F_OK) == 0);
    /* the render's own units are still there: the next render reuses them */
    {
        struct seen s;
        memset(&s, 0, sizeof s);
        CHECK(render_into(book, "c", 2, 0, 0, RENDER_UNIT_BYTES, count, &s) == DRAMATIS_OK);
        CHECK(s.reused == s.units && s.units > 0);
    }
}

/* Names every file system and share takes, within their byte limit. */
static void test_safe_names(void)
{
    char out[256];
    /* 100 x "é" (2 bytes each) */
    char long_title[201];
    size_t i;

    library_safe_name("a<b>c:d\"e/f\\g|h?i*j", out, sizeof out, 200);
    CHECK_STR(out, "a_b_c_d_e_f_g_h_i_j");
    library_safe_name("Chapter 1: The Bench", out, sizeof out, 200);
    CHECK_STR(out, "Chapter 1_ The Bench");
    library_safe_name("  .hidden title... ", out, sizeof out, 200);
    CHECK_STR(out, "hidden title");
    library_safe_name("CON", out, sizeof out, 200);
    CHECK_STR(out, "CON_");
    library_safe_name("com1.txt", out, sizeof out, 200);
    CHECK_STR(out, "com1_.txt");
    library_safe_name("Console", out, sizeof out, 200);
    CHECK_STR(out, "Console");
    library_safe_name("...", out, sizeof out, 200);
    CHECK_STR(out, "book");
    library_safe_name("tab\there", out, sizeof out, 200);
    CHECK_STR(out, "tab_here");
    for (i = 0; i < 100; i++)
        memcpy(long_title + 2 * i, "\xc3\xa9", 2);
    long_title[200] = '\0';
    /* cut at a character boundary: 49 whole characters, never half of one */
    library_safe_name(long_title, out, sizeof out, 99);
    CHECK(strlen(out) == 98);
    CHECK((unsigned char)out[97] == 0xa9);
}

int main(void)
{
    struct dramatis_book *book;
    char cmd[256];

    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    book = load();
    test_safe_names();
    test_plan(book);
    test_lines(book);
    test_keys(book);
    test_jobs_and_split(book);
    test_cache(book);
    test_cache_limit(book);
    dramatis_book_free(book);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return CHECK_DONE();
}
