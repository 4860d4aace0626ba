/* The renderer: synthesises the book in reading order with levels and pauses,
 * then encodes it into one chaptered Ogg Opus file written aside and renamed. */
#include "render.h"

#include "audio.h"
#include "buf.h"
#include "error.h"
#include "ogg_opus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Samples of one spoken item, gathered before levelling. */
struct speech {
    float *samples;
    size_t n, cap;
};

/* State of one walk: where in the book it is and where audio goes. */
struct walk {
    const struct render_sink *sink;
    struct synth *synth;
    int rate;
    unsigned long long pos;     /* samples emitted so far */
    struct speech speech;
    float *silence;             /* a block of zeros for pauses */
    size_t silence_len;
};

static dramatis_status speech_sink(void *ctx, const short *samples, size_t n)
{
    struct speech *sp = ctx;
    size_t i;

    if (sp->cap - sp->n < n) {
        size_t cap = sp->cap ? sp->cap : 4096;
        float *grown;
        while (cap - sp->n < n)
            cap *= 2;
        grown = realloc(sp->samples, cap * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        sp->samples = grown;
        sp->cap = cap;
    }
    for (i = 0; i < n; i++)
        sp->samples[sp->n + i] = samples[i] / 32768.0f;
    sp->n += n;
    return DRAMATIS_OK;
}

static dramatis_status emit_audio(struct walk *w, const float *samples, size_t n)
{
    w->pos += n;
    if (w->sink->audio == NULL || n == 0)
        return DRAMATIS_OK;
    return w->sink->audio(w->sink->ctx, samples, n);
}

static dramatis_status emit_pause(struct walk *w, long ms)
{
    size_t left = audio_ms_to_samples(ms, w->rate);
    dramatis_status st = DRAMATIS_OK;

    while (st == DRAMATIS_OK && left > 0) {
        size_t n = left < w->silence_len ? left : w->silence_len;
        st = emit_audio(w, w->silence, n);
        left -= n;
    }
    return st;
}

/* Speaks one item in its voice, levels it, and reports where it fell. */
static dramatis_status speak(struct walk *w, size_t chapter, const struct segment *seg,
                             const char *text, const struct voice *voice,
                             struct dramatis_error *err)
{
    struct render_item item;
    dramatis_status st;

    w->speech.n = 0;
    st = synth_speak(w->synth, voice, text, speech_sink, &w->speech, err);
    if (st != DRAMATIS_OK)
        return st;
    st = audio_level(w->speech.samples, w->speech.n, w->rate, voice->gain);
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, "loudness levelling failed");
    item.chapter = chapter;
    item.seg = seg;
    item.start = w->pos;
    item.length = w->speech.n;
    st = emit_audio(w, w->speech.samples, w->speech.n);
    if (st == DRAMATIS_OK && w->sink->item)
        st = w->sink->item(w->sink->ctx, &item);
    if (st != DRAMATIS_OK && err && err->code == DRAMATIS_OK)
        error_set(err, st, NULL, 0, NULL);
    return st;
}

static dramatis_status walk_chapter(struct walk *w, const struct dramatis_book *book,
                                    size_t c, struct dramatis_error *err)
{
    const struct chapter *ch = &book->chapters[c];
    dramatis_status st;
    size_t p, s;

    if (w->sink->chapter) {
        st = w->sink->chapter(w->sink->ctx, c, w->pos);
        if (st != DRAMATIS_OK)
            return error_set(err, st, NULL, 0, NULL);
    }
    st = speak(w, c, NULL, ch->spoken_title ? ch->spoken_title : ch->title, &book->narrator, err);
    if (st == DRAMATIS_OK)
        st = emit_pause(w, AUDIO_PAUSE_TITLE_MS);
    for (p = 0; st == DRAMATIS_OK && p < ch->n_paragraphs; p++) {
        const struct paragraph *para = &ch->paragraphs[p];
        if (p > 0)
            st = emit_pause(w, para->scene_break_before ? AUDIO_PAUSE_SCENE_MS
                                                        : AUDIO_PAUSE_PARAGRAPH_MS);
        for (s = 0; st == DRAMATIS_OK && s < para->n_segments; s++) {
            const struct segment *seg = &para->segments[s];
            if (s > 0)
                st = emit_pause(w, AUDIO_PAUSE_SEGMENT_MS);
            if (st == DRAMATIS_OK)
                st = speak(w, c, seg, seg->spoken ? seg->spoken : seg->text,
                           book_segment_voice(book, seg), err);
        }
    }
    if (st == DRAMATIS_OK)
        st = emit_pause(w, AUDIO_PAUSE_CHAPTER_MS);
    if (st != DRAMATIS_OK && err && err->code == DRAMATIS_OK)
        error_set(err, st, NULL, 0, NULL);
    return st;
}

dramatis_status render_walk(const struct dramatis_book *book, struct synth *synth,
                            const struct render_sink *sink, struct dramatis_error *err)
{
    struct walk w;
    dramatis_status st = DRAMATIS_OK;
    size_t c;

    memset(&w, 0, sizeof w);
    w.sink = sink;
    w.synth = synth;
    w.rate = synth_sample_rate(synth);
    w.silence_len = 4096;
    w.silence = calloc(w.silence_len, sizeof *w.silence);
    if (w.silence == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    for (c = 0; st == DRAMATIS_OK && c < book->n_chapters; c++)
        st = walk_chapter(&w, book, c, err);
    free(w.silence);
    free(w.speech.samples);
    return st;
}

/* ---- dramatis_render: PCM spooled aside, then one encode with chapter marks */

struct spool {
    FILE *pcm;                        /* 16-bit samples, unlinked temp file */
    unsigned long long *chapter_start;
};

static dramatis_status spool_audio(void *ctx, const float *samples, size_t n)
{
    struct spool *sp = ctx;
    short block[4096];
    size_t done = 0;

    while (done < n) {
        size_t k = n - done < 4096 ? n - done : 4096, i;
        for (i = 0; i < k; i++) {
            float v = samples[done + i] * 32767.0f;
            block[i] = (short)(v > 32767.0f ? 32767 : v < -32768.0f ? -32768 : v);
        }
        if (fwrite(block, sizeof *block, k, sp->pcm) != k)
            return DRAMATIS_ERR_IO;
        done += k;
    }
    return DRAMATIS_OK;
}

static dramatis_status spool_chapter(void *ctx, size_t chapter, unsigned long long start)
{
    struct spool *sp = ctx;

    sp->chapter_start[chapter] = start;
    return DRAMATIS_OK;
}

/* A file name from the title: no '/', no leading dot, never empty. */
static void safe_name(const char *title, char *out, size_t size)
{
    size_t i, n = 0;

    for (i = 0; title[i] && n + 1 < size; i++) {
        char ch = title[i];
        if (ch == '/' || ch == '\\' || ch == ':' || (unsigned char)ch < 0x20)
            ch = '_';
        if (n == 0 && (ch == '.' || ch == ' '))
            continue;
        out[n++] = ch;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.'))
        n--;
    out[n] = '\0';
    if (n == 0)
        snprintf(out, size, "book");
}

static dramatis_status make_dir(const char *path, struct dramatis_error *err)
{
    struct stat stt;

    if (mkdir(path, 0777) == 0 || errno == EEXIST) {
        if (stat(path, &stt) == 0 && S_ISDIR(stt.st_mode))
            return DRAMATIS_OK;
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "not a directory");
    }
    return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot create directory: %s",
                     strerror(errno));
}

/* Encodes the spooled PCM into path with the book's tags and chapter marks. */
static dramatis_status encode_spool(const struct dramatis_book *book, struct spool *sp, int rate,
                                    const char *path, const struct dramatis_render_options *opt,
                                    struct dramatis_error *err)
{
    struct ogg_opus_chapter *marks;
    struct ogg_opus_tags tags;
    struct ogg_opus_writer *w = NULL;
    short block[4096];
    float fblock[4096];
    dramatis_status st;
    size_t i, k;

    marks = calloc(book->n_chapters, sizeof *marks);
    if (marks == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    for (i = 0; i < book->n_chapters; i++) {
        marks[i].name = book->chapters[i].title;
        marks[i].start = sp->chapter_start[i];
    }
    tags.title = book->title;
    tags.album = book->title;
    tags.artist = book->author;
    tags.chapters = marks;
    tags.n_chapters = book->n_chapters;
    st = ogg_opus_writer_open(path, rate, &tags, opt->bitrate,
                              opt->set_complexity ? opt->complexity : -1, &w, err);
    if (st != DRAMATIS_OK)
        goto fail;
    rewind(sp->pcm);
    while ((k = fread(block, sizeof *block, 4096, sp->pcm)) > 0) {
        for (i = 0; i < k; i++)
            fblock[i] = block[i] / 32768.0f;
        st = ogg_opus_writer_write(w, fblock, k, err);
        if (st != DRAMATIS_OK)
            goto fail;
    }
    if (ferror(sp->pcm)) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot read back spooled audio");
        goto fail;
    }
    st = ogg_opus_writer_close(w, err);
    w = NULL;
fail:
    ogg_opus_writer_abort(w);
    free(marks);
    return st;
}

dramatis_status dramatis_render_path(const struct dramatis_book *book, const char *out_dir,
                                    char *path, size_t size)
{
    char name[256];
    int n;

    safe_name(book->title, name, sizeof name);
    n = snprintf(path, size, "%s/%s/%s.opus", out_dir ? out_dir : "out", name, name);
    return n < 0 || (size_t)n >= size ? DRAMATIS_ERR_ARG : DRAMATIS_OK;
}

dramatis_status dramatis_render(const struct dramatis_book *book,
                                const struct dramatis_render_options *options,
                                struct dramatis_error *err)
{
    static const struct dramatis_render_options defaults = { "out", 0, 0, 0, 0 };
    const struct dramatis_render_options *opt = options ? options : &defaults;
    const char *out_dir = opt->out_dir ? opt->out_dir : "out";
    struct synth *synth = NULL;
    struct spool sp = { NULL, NULL };
    struct render_sink sink;
    struct buf dir, part, final;
    char name[256];
    dramatis_status st;

    buf_init(&dir, 4096);
    buf_init(&part, 4096);
    buf_init(&final, 4096);
    safe_name(book->title, name, sizeof name);
    st = make_dir(out_dir, err);
    if (st != DRAMATIS_OK)
        goto fail;
    if (buf_printf(&dir, "%s/%s", out_dir, name) != DRAMATIS_OK ||
        buf_printf(&final, "%s/%s.opus", dir.data, name) != DRAMATIS_OK ||
        buf_printf(&part, "%s/.%s.opus.part", dir.data, name) != DRAMATIS_OK) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "output path too long");
        goto fail;
    }
    st = make_dir(dir.data, err);
    if (st != DRAMATIS_OK)
        goto fail;

    sp.chapter_start = calloc(book->n_chapters ? book->n_chapters : 1, sizeof *sp.chapter_start);
    /* tmpfile() lives outside the output folder and vanishes on any exit */
    sp.pcm = tmpfile();
    if (sp.chapter_start == NULL || sp.pcm == NULL) {
        st = error_set(err, DRAMATIS_ERR_IO, NULL, 0, "cannot create a temporary file: %s",
                       strerror(errno));
        goto fail;
    }
    st = synth_new(&synth, err);
    if (st != DRAMATIS_OK)
        goto fail;
    sink.audio = spool_audio;
    sink.item = NULL;
    sink.chapter = spool_chapter;
    sink.ctx = &sp;
    st = render_walk(book, synth, &sink, err);
    if (st == DRAMATIS_OK && fflush(sp.pcm) != 0)
        st = error_set(err, DRAMATIS_ERR_IO, NULL, 0, "cannot write temporary audio: %s",
                       strerror(errno));
    if (st != DRAMATIS_OK)
        goto fail;
    st = encode_spool(book, &sp, synth_sample_rate(synth), part.data, opt, err);
    if (st != DRAMATIS_OK) {
        unlink(part.data);
        goto fail;
    }
    if (rename(part.data, final.data) != 0) {
        st = error_set(err, DRAMATIS_ERR_IO, final.data, 0, "cannot rename into place: %s",
                       strerror(errno));
        unlink(part.data);
        goto fail;
    }
fail:
    synth_free(synth);
    if (sp.pcm)
        fclose(sp.pcm);
    free(sp.chapter_start);
    buf_cleanup(&dir);
    buf_cleanup(&part);
    buf_cleanup(&final);
    return st;
}
