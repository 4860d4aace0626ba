/* Tests of the Ogg Opus writer: chapter comments, then a file decoded back
 * with libsndfile and its OpusTags packet read back with libogg. */
#include "check.h"
#include "error.h"
#include "ogg_opus.h"

#include <ogg/ogg.h>
#include <sndfile.h>

#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define RATE 22050
#define PI 3.14159265358979323846

static char dir[] = "/tmp/test_ogg_opus.XXXXXX";

static void test_chapter_comment(void)
{
    char t[64], n[64];

    CHECK(ogg_opus_chapter_comment(0, 0, RATE, "Prologue", t, sizeof t, n, sizeof n)
          == DRAMATIS_OK);
    CHECK_STR(t, "CHAPTER001=00:00:00.000");
    CHECK_STR(n, "CHAPTER001NAME=Prologue");
    CHECK(ogg_opus_chapter_comment(1, 22050ULL * 62 + 7718, RATE, "Two", t, sizeof t, n, sizeof n)
          == DRAMATIS_OK);
    CHECK_STR(t, "CHAPTER002=00:01:02.350");
    CHECK_STR(n, "CHAPTER002NAME=Two");
    /* 22049/22050 s is 999.95 ms: rounded down, never up into the next second */
    CHECK(ogg_opus_chapter_comment(41, 22050ULL * (2 * 3600 + 3) + 22049, RATE, NULL, t, sizeof t,
                                   n, sizeof n) == DRAMATIS_OK);
    CHECK_STR(t, "CHAPTER042=02:00:03.999");
    CHECK_STR(n, "CHAPTER042NAME=");
    CHECK(ogg_opus_chapter_comment(9, 47, 48000, "x", t, sizeof t, n, sizeof n) == DRAMATIS_OK);
    CHECK_STR(t, "CHAPTER010=00:00:00.000");
    CHECK(ogg_opus_chapter_comment(9, 48, 48000, "x", t, sizeof t, n, sizeof n) == DRAMATIS_OK);
    CHECK_STR(t, "CHAPTER010=00:00:00.001");
    /* exact at large offsets: 99:59:59.999 and 100 hours */
    CHECK(ogg_opus_chapter_comment(998, 48000ULL * 360000 - 1, 48000, "Last", t, sizeof t, n,
                                   sizeof n) == DRAMATIS_OK);
    CHECK_STR(t, "CHAPTER999=99:59:59.999");
    CHECK_STR(n, "CHAPTER999NAME=Last");
    CHECK(ogg_opus_chapter_comment(0, 22050ULL * 360000, RATE, "x", t, sizeof t, n, sizeof n)
          == DRAMATIS_OK);
    CHECK_STR(t, "CHAPTER001=100:00:00.000");

    CHECK(ogg_opus_chapter_comment(999, 0, RATE, "x", t, sizeof t, n, sizeof n) == DRAMATIS_ERR_ARG);
    CHECK(ogg_opus_chapter_comment(0, 0, 0, "x", t, sizeof t, n, sizeof n) == DRAMATIS_ERR_ARG);
    CHECK(ogg_opus_chapter_comment(0, 0, RATE, "x", t, 10, n, sizeof n) == DRAMATIS_ERR_ARG);
    CHECK(ogg_opus_chapter_comment(0, 0, RATE, "a long name", t, sizeof t, n, 16)
          == DRAMATIS_ERR_ARG);
}

/* Tones that change every chapter, so the audio is not trivially silent. */
static float *make_audio(size_t n)
{
    float *s = malloc(n * sizeof *s);
    size_t i;

    for (i = 0; s && i < n; i++) {
        double f = i < RATE * 3 / 2 ? 220.0 : i < RATE * 32 / 10 ? 330.0 : 440.0;
        s[i] = (float)(0.25 * sin(2.0 * PI * f * (double)i / RATE));
    }
    return s;
}

/* The vendor string and comments of the OpusTags packet (the stream's
 * second), as NUL-terminated copies. */
struct tags_read {
    char *vendor;
    char **comments;
    size_t n;
};

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static char *copy_bytes(const unsigned char *p, size_t n)
{
    char *s = malloc(n + 1);

    if (s) {
        memcpy(s, p, n);
        s[n] = '\0';
    }
    return s;
}

/* Parses the Vorbis-comment layout of OpusTags; 0 when malformed. */
static int parse_opus_tags(const unsigned char *p, size_t len, struct tags_read *out)
{
    size_t pos = 8, i, vlen, count;

    if (len < 16 || memcmp(p, "OpusTags", 8) != 0)
        return 0;
    vlen = le32(p + pos);
    pos += 4;
    if (vlen > len - pos - 4)
        return 0;
    out->vendor = copy_bytes(p + pos, vlen);
    pos += vlen;
    count = le32(p + pos);
    pos += 4;
    if (count > len / 4)
        return 0;
    out->comments = calloc(count ? count : 1, sizeof *out->comments);
    if (out->comments == NULL)
        return 0;
    for (i = 0; i < count; i++) {
        size_t clen;
        if (len - pos < 4)
            return 0;
        clen = le32(p + pos);
        pos += 4;
        if (clen > len - pos)
            return 0;
        out->comments[i] = copy_bytes(p + pos, clen);
        out->n++;
        pos += clen;
    }
    return 1;
}

static int read_tags(const char *path, struct tags_read *out)
{
    ogg_sync_state oy;
    ogg_stream_state os;
    ogg_page og;
    ogg_packet op;
    FILE *f = fopen(path, "rb");
    int stream_ready = 0, packets = 0, ok = 0;

    memset(out, 0, sizeof *out);
    if (f == NULL)
        return 0;
    ogg_sync_init(&oy);
    while (!ok) {
        char *buf = ogg_sync_buffer(&oy, 4096);
        size_t got = fread(buf, 1, 4096, f);
        ogg_sync_wrote(&oy, (long)got);
        while (!ok && ogg_sync_pageout(&oy, &og) == 1) {
            if (!stream_ready) {
                ogg_stream_init(&os, ogg_page_serialno(&og));
                stream_ready = 1;
            }
            ogg_stream_pagein(&os, &og);
            while (!ok && ogg_stream_packetout(&os, &op) == 1) {
                packets++;
                if (packets == 1)
                    CHECK(op.bytes >= 19 && memcmp(op.packet, "OpusHead", 8) == 0);
                if (packets == 2)
                    ok = parse_opus_tags(op.packet, (size_t)op.bytes, out) ? 1 : -1;
            }
        }
        if (got == 0)
            break;
    }
    if (stream_ready)
        ogg_stream_clear(&os);
    ogg_sync_clear(&oy);
    fclose(f);
    return ok == 1;
}

static void free_tags(struct tags_read *t)
{
    size_t i;

    for (i = 0; i < t->n; i++)
        free(t->comments[i]);
    free(t->comments);
    free(t->vendor);
}

static int has_comment(const struct tags_read *t, const char *c)
{
    size_t i;

    for (i = 0; i < t->n; i++)
        if (strcmp(t->comments[i], c) == 0)
            return 1;
    fprintf(stderr, "comment '%s' not found\n", c);
    return 0;
}

static int count_prefix(const struct tags_read *t, const char *prefix)
{
    size_t i;
    int k = 0;

    for (i = 0; i < t->n; i++)
        if (strncmp(t->comments[i], prefix, strlen(prefix)) == 0)
            k++;
    return k;
}

static const struct ogg_opus_chapter chapters[] = {
    { "Prologue", 0 },
    { "Chapter 1: \xe2\x80\x9c" "D\xc3\xa9" "but\xe2\x80\x9d", RATE * 3 / 2 },
    { "Chapter 2", RATE * 32 / 10 },
};

static void test_write_and_read(void)
{
    static const size_t blocks[] = { 1000, 7777, 1, 30000 };
    struct ogg_opus_tags tags = { .title = "A Title", .album = "An Album", .artist = "Some Author",
                                  .chapters = chapters, .n_chapters = 3 };
    struct ogg_opus_writer *w = NULL;
    struct dramatis_error err;
    struct tags_read t;
    char path[256];
    size_t n = RATE * 5 + 123, done = 0, b = 0;
    float *audio = make_audio(n), *decoded;
    SF_INFO info;
    SNDFILE *sf;
    double expected, in_energy = 0.0, out_energy = 0.0;
    sf_count_t got, i;

    snprintf(path, sizeof path, "%s/book.opus.part", dir);
    error_clear(&err);
    CHECK(audio != NULL);
    CHECK(ogg_opus_writer_open(path, RATE, &tags, 0, -1, &w, &err) == DRAMATIS_OK);
    if (w == NULL) {
        fprintf(stderr, "open: %s\n", err.message);
        free(audio);
        return;
    }
    /* uneven blocks, as the renderer's segments and pauses come */
    while (done < n) {
        size_t k = blocks[b++ % 4];
        if (k > n - done)
            k = n - done;
        CHECK(ogg_opus_writer_write(w, audio + done, k, &err) == DRAMATIS_OK);
        done += k;
    }
    CHECK(ogg_opus_writer_write(w, audio, 0, &err) == DRAMATIS_OK);
    CHECK(ogg_opus_writer_close(w, &err) == DRAMATIS_OK);

    /* the audio decodes to the length written, at the file's rate */
    memset(&info, 0, sizeof info);
    sf = sf_open(path, SFM_READ, &info);
    CHECK(sf != NULL);
    if (sf) {
        CHECK(info.channels == 1);
        CHECK((info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_OPUS);
        expected = (double)n * info.samplerate / RATE;
        if (fabs((double)info.frames - expected) > info.samplerate * 0.001)
            fprintf(stderr, "frames %lld, expected %.1f\n", (long long)info.frames, expected);
        CHECK(fabs((double)info.frames - expected) <= info.samplerate * 0.001);
        decoded = malloc((size_t)info.frames * sizeof *decoded);
        got = decoded ? sf_readf_float(sf, decoded, info.frames) : 0;
        CHECK(got == info.frames);
        for (i = 0; i < got; i++)
            out_energy += (double)decoded[i] * decoded[i];
        for (done = 0; done < n; done++)
            in_energy += (double)audio[done] * audio[done];
        /* same power per second of audio, within 1 dB */
        if (got > 0) {
            double ratio = (out_energy / (double)got) / (in_energy / (double)n);
            CHECK(fabs(10.0 * log10(ratio)) < 1.0);
        }
        free(decoded);
        sf_close(sf);
    }

    /* tags and chapter marks in the OpusTags header */
    CHECK(read_tags(path, &t));
    CHECK(has_comment(&t, "TITLE=A Title"));
    CHECK(has_comment(&t, "ALBUM=An Album"));
    CHECK(has_comment(&t, "ARTIST=Some Author"));
    CHECK(has_comment(&t, "CHAPTER001=00:00:00.000"));
    CHECK(has_comment(&t, "CHAPTER001NAME=Prologue"));
    CHECK(has_comment(&t, "CHAPTER002=00:00:01.500"));
    CHECK(has_comment(&t, "CHAPTER002NAME=Chapter 1: \xe2\x80\x9c" "D\xc3\xa9" "but\xe2\x80\x9d"));
    CHECK(has_comment(&t, "CHAPTER003=00:00:03.200"));
    CHECK(has_comment(&t, "CHAPTER003NAME=Chapter 2"));
    CHECK(count_prefix(&t, "CHAPTER") == 6);
    CHECK(count_prefix(&t, "TITLE=") == 1);
    CHECK(count_prefix(&t, "ENCODER=dramatis ") == 1);
    free_tags(&t);
    free(audio);
    unlink(path);
}

static void test_optional_tags(void)
{
    struct ogg_opus_tags tags = { .title = "Only a Title" };
    struct ogg_opus_writer *w = NULL;
    struct dramatis_error err;
    struct tags_read t;
    char path[256];
    float *audio = make_audio(RATE);

    snprintf(path, sizeof path, "%s/plain.opus", dir);
    CHECK(ogg_opus_writer_open(path, RATE, &tags, 32000, 10, &w, &err) == DRAMATIS_OK);
    CHECK(ogg_opus_writer_write(w, audio, RATE, &err) == DRAMATIS_OK);
    CHECK(ogg_opus_writer_close(w, &err) == DRAMATIS_OK);
    CHECK(read_tags(path, &t));
    CHECK(has_comment(&t, "TITLE=Only a Title"));
    CHECK(count_prefix(&t, "ARTIST=") == 0);
    CHECK(count_prefix(&t, "ALBUM=") == 0);
    CHECK(count_prefix(&t, "CHAPTER") == 0);
    free_tags(&t);
    unlink(path);

    /* no tags at all, and no samples: still a valid, empty stream */
    CHECK(ogg_opus_writer_open(path, RATE, NULL, 0, -1, &w, &err) == DRAMATIS_OK);
    CHECK(ogg_opus_writer_close(w, &err) == DRAMATIS_OK);
    CHECK(read_tags(path, &t));
    free_tags(&t);
    unlink(path);
    free(audio);
}

static int exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

static void test_errors(void)
{
    struct ogg_opus_chapter many[OGG_OPUS_MAX_CHAPTERS + 1];
    struct ogg_opus_tags tags = { .title = "T", .chapters = many,
                                  .n_chapters = OGG_OPUS_MAX_CHAPTERS + 1 };
    struct ogg_opus_writer *w = NULL;
    struct dramatis_error err;
    struct rlimit old, small;
    char path[256], missing[256];
    float *audio = make_audio(RATE * 5);
    size_t i;

    for (i = 0; i < OGG_OPUS_MAX_CHAPTERS + 1; i++) {
        many[i].name = "c";
        many[i].start = i * 100;
    }
    snprintf(path, sizeof path, "%s/err.opus", dir);
    snprintf(missing, sizeof missing, "%s/no/such/dir.opus", dir);

    error_clear(&err);
    CHECK(ogg_opus_writer_open(missing, RATE, NULL, 0, -1, &w, &err) == DRAMATIS_ERR_IO);
    CHECK(w == NULL);
    CHECK_STR(err.file, missing);
    CHECK(strstr(err.message, "No such file") != NULL);

    CHECK(ogg_opus_writer_open(path, RATE, &tags, 0, -1, &w, &err) == DRAMATIS_ERR_ARG);
    CHECK(strstr(err.message, "too many chapters") != NULL);
    CHECK(!exists(path));
    tags.n_chapters = OGG_OPUS_MAX_CHAPTERS;
    CHECK(ogg_opus_writer_open(path, RATE, &tags, 0, -1, &w, &err) == DRAMATIS_OK);
    ogg_opus_writer_abort(w);   /* abort removes the partial file */
    CHECK(!exists(path));
    ogg_opus_writer_abort(NULL);

    CHECK(ogg_opus_writer_open(path, RATE, NULL, 0, 11, &w, &err) == DRAMATIS_ERR_ARG);
    CHECK(strstr(err.message, "complexity") != NULL);
    CHECK(!exists(path));
    CHECK(ogg_opus_writer_open(path, RATE, NULL, -5, -1, &w, &err) == DRAMATIS_ERR_ARG);
    CHECK(ogg_opus_writer_open(path, 0, NULL, 0, -1, &w, &err) == DRAMATIS_ERR_ARG);
    CHECK(ogg_opus_writer_open(NULL, RATE, NULL, 0, -1, &w, &err) == DRAMATIS_ERR_ARG);

    /* a full disk, played by a 4 KiB file size limit: the writer must say
     * so rather than leave a truncated file that looks finished */
    CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
    small = old;
    small.rlim_cur = 4096;
    signal(SIGXFSZ, SIG_IGN);
    CHECK(ogg_opus_writer_open(path, RATE, NULL, 0, -1, &w, &err) == DRAMATIS_OK);
    CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
    error_clear(&err);
    if (w) {
        dramatis_status st = DRAMATIS_OK;
        for (i = 0; st == DRAMATIS_OK && i < 4; i++)
            st = ogg_opus_writer_write(w, audio, RATE * 5, &err);
        if (st == DRAMATIS_OK)
            st = ogg_opus_writer_close(w, &err);
        else
            ogg_opus_writer_abort(w);
        CHECK(st == DRAMATIS_ERR_IO);
        CHECK(strstr(err.message, "cannot write") != NULL);
    }
    CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);
    signal(SIGXFSZ, SIG_DFL);
    CHECK(!exists(path));
    free(audio);
}

/* A unit's layout, known from its sample count alone, is what the unit
 * writer makes: at sizes around frame edges, tiny, empty and long units. */
static void test_unit_layout(void)
{
    static const unsigned long long sizes[] = { 0, 1, 440, 441, 442, 4410, 22049, 22050,
                                                22051, 100000, 220500, 661501 };
    float *audio = make_audio(661501);
    char path[512];
    size_t i;

    snprintf(path, sizeof path, "%s/layout.opus", dir);
    for (i = 0; audio && i < sizeof sizes / sizeof sizes[0]; i++) {
        struct ogg_opus_unit_writer *w = NULL;
        struct ogg_opus_unit_info got, want;
        struct dramatis_error err;
        int rate = i % 2 ? 22050 : 16000;

        memset(&err, 0, sizeof err);
        CHECK(ogg_opus_unit_open(path, rate, 0, -1, &w, &err) == DRAMATIS_OK);
        CHECK(ogg_opus_unit_write(w, audio, (size_t)sizes[i], &err) == DRAMATIS_OK);
        CHECK(ogg_opus_unit_close(w, &err) == DRAMATIS_OK);
        CHECK(ogg_opus_unit_scan(path, &got, &err) == DRAMATIS_OK);
        CHECK(ogg_opus_unit_layout(rate, 0, -1, sizes[i], &want, &err) == DRAMATIS_OK);
        CHECK(got.preskip == want.preskip);
        CHECK(got.end_granule == want.end_granule);
        CHECK(got.packet_samples == want.packet_samples);
        CHECK(got.n_packets == want.n_packets);
        CHECK(want.end_granule - want.preskip ==
              (sizes[i] ? sizes[i] * 48000 / (unsigned long long)rate / 2 * 2 : 2));
        remove(path);
    }
    CHECK(audio != NULL);
    free(audio);
}

/* Reads path whole into a new buffer; *size its bytes. */
static unsigned char *read_whole(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data = malloc(1 << 20);

    *size = f && data ? fread(data, 1, 1 << 20, f) : 0;
    if (f)
        fclose(f);
    return data;
}

static int write_whole(const char *path, const unsigned char *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(data, 1, size, f) == size;

    return f && fclose(f) == 0 && ok;
}

/* A damaged unit is never read as a shorter whole one: every truncation
 * and every flipped byte of its last page fail the scan (issue 14: 54 of
 * 55 truncation points and every such flip were taken), as does a second
 * stream after it; units are created never through a planted link. */
static void test_unit_damage(void)
{
    float *audio = make_audio(22050);
    struct ogg_opus_unit_writer *w = NULL;
    struct ogg_opus_unit_info info;
    unsigned char *data, *copy;
    char path[512], bad[512], victim[512];
    size_t size = 0, n, last = 0, taken = 0, i;

    snprintf(path, sizeof path, "%s/whole.opus", dir);
    snprintf(bad, sizeof bad, "%s/bad.opus", dir);
    snprintf(victim, sizeof victim, "%s/victim", dir);
    CHECK(audio && ogg_opus_unit_open(path, 22050, 0, -1, &w, NULL) == DRAMATIS_OK);
    CHECK(ogg_opus_unit_write(w, audio, 22050, NULL) == DRAMATIS_OK);
    CHECK(ogg_opus_unit_close(w, NULL) == DRAMATIS_OK);
    data = read_whole(path, &size);
    copy = malloc(size * 2 + 1);
    CHECK(data && copy && size > 1000);
    if (data == NULL || copy == NULL || size <= 1000)
        goto done;
    CHECK(ogg_opus_unit_scan(path, &info, NULL) == DRAMATIS_OK);
    for (n = 0; n < size; n++) {
        CHECK(write_whole(bad, data, n));
        taken += ogg_opus_unit_scan(bad, &info, NULL) == DRAMATIS_OK;
    }
    CHECK(taken == 0);
    /* the last page begins at the last "OggS" */
    for (i = 0; i + 4 <= size; i++) {
        if (memcmp(data + i, "OggS", 4) == 0)
            last = i;
    }
    CHECK(last > 0);
    for (i = last; i < size; i++) {
        memcpy(copy, data, size);
        copy[i] ^= 0x20;
        CHECK(write_whole(bad, copy, size));
        taken += ogg_opus_unit_scan(bad, &info, NULL) == DRAMATIS_OK;
    }
    CHECK(taken == 0);
    /* anything after the end of the stream */
    memcpy(copy, data, size);
    memcpy(copy + size, data, size);
    CHECK(write_whole(bad, copy, size * 2));
    CHECK(ogg_opus_unit_scan(bad, &info, NULL) != DRAMATIS_OK);
    memcpy(copy + size, "x", 1);
    CHECK(write_whole(bad, copy, size + 1));
    CHECK(ogg_opus_unit_scan(bad, &info, NULL) != DRAMATIS_OK);
    /* a link planted where a unit goes is not followed */
    CHECK(write_whole(victim, (const unsigned char *)"precious", 8));
    remove(bad);
    CHECK(symlink(victim, bad) == 0);
    w = NULL;
    CHECK(ogg_opus_unit_open(bad, 22050, 0, -1, &w, NULL) != DRAMATIS_OK && w == NULL);
    n = 0;
    free(data);
    data = read_whole(victim, &n);
    CHECK(n == 8 && memcmp(data, "precious", 8) == 0);
    remove(victim);
done:
    remove(bad);
    remove(path);
    free(data);
    free(copy);
    free(audio);
}

int main(void)
{
    test_chapter_comment();
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_write_and_read();
    test_optional_tags();
    test_errors();
    test_unit_layout();
    test_unit_damage();
    rmdir(dir);
    return CHECK_DONE();
}
