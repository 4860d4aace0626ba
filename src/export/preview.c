/* Previews: one speaker's voice rendered in a second, and the voices espeak-ng offers. */
#include "level.h"
#include "book.h"
#include "buf.h"
#include "error.h"
#include "ogg_opus.h"
#include "synth.h"
#include "utf8.h"

#include <sndfile.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Samples of the whole preview, levelled line by line. */
struct clip {
    float *samples;
    size_t n, cap;
    size_t line_start;   /* where the line being spoken begins */
};

static dramatis_status clip_grow(struct clip *c, size_t more)
{
    float *grown;
    size_t cap;

    if (c->cap - c->n >= more)
        return DRAMATIS_OK;
    cap = c->cap ? c->cap : 48000;
    while (cap - c->n < more)
        cap *= 2;
    grown = realloc(c->samples, cap * sizeof *grown);
    if (grown == NULL)
        return DRAMATIS_ERR_NOMEM;
    c->samples = grown;
    c->cap = cap;
    return DRAMATIS_OK;
}

static dramatis_status clip_sink(void *ctx, const short *samples, size_t n)
{
    struct clip *c = ctx;
    dramatis_status st = clip_grow(c, n);

    if (st != DRAMATIS_OK)
        return st;
    audio_s16_to_float(samples, c->samples + c->n, n);
    c->n += n;
    return DRAMATIS_OK;
}

/* Speaks one line into the clip, levelled as the render levels it. */
static dramatis_status clip_line(struct clip *c, struct synth *synth, const struct voice *v,
                                 const char *text, struct dramatis_error *err)
{
    int rate = synth_sample_rate(synth);
    size_t pause = audio_ms_to_samples(AUDIO_PAUSE_PARAGRAPH_MS, rate);
    dramatis_status st;

    if (c->n > 0) {
        st = clip_grow(c, pause);
        if (st != DRAMATIS_OK)
            return error_set(err, st, NULL, 0, NULL);
        memset(c->samples + c->n, 0, pause * sizeof *c->samples);
        c->n += pause;
    }
    c->line_start = c->n;
    st = synth_speak(synth, v, text, clip_sink, c, err);
    if (st != DRAMATIS_OK)
        return st;
    st = audio_level(c->samples + c->line_start, c->n - c->line_start, rate, v->gain);
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, "loudness levelling failed");
    return DRAMATIS_OK;
}

static dramatis_status unknown_speaker(const struct dramatis_book *book, const char *name,
                                       struct dramatis_error *err)
{
    char *names = book_cast_names(book);

    error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "no speaker '%s' in %s (known: narrator%s%s)", name,
              book->path ? book->path : "the book", names && names[0] ? ", " : "",
              names ? names : "");
    free(names);
    return DRAMATIS_ERR_ARG;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static dramatis_status write_wav(const char *path, const struct clip *c, int rate,
                                 struct dramatis_error *err)
{
    SF_INFO info;
    SNDFILE *f;
    sf_count_t n;

    memset(&info, 0, sizeof info);
    info.samplerate = rate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    f = sf_open(path, SFM_WRITE, &info);
    if (f == NULL)
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "%s", sf_strerror(NULL));
    n = sf_writef_float(f, c->samples, (sf_count_t)c->n);
    if (sf_close(f) != 0 || n != (sf_count_t)c->n) {
        unlink(path);
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot write the preview");
    }
    return DRAMATIS_OK;
}

static dramatis_status write_opus(const char *path, const struct clip *c, int rate,
                                  struct dramatis_error *err)
{
    struct ogg_opus_writer *w = NULL;
    dramatis_status st;

    st = ogg_opus_writer_open(path, rate, NULL, 0, -1, &w, err);
    if (st != DRAMATIS_OK)
        return st;
    st = ogg_opus_writer_write(w, c->samples, c->n, err);
    if (st != DRAMATIS_OK) {
        ogg_opus_writer_abort(w);
        return st;
    }
    return ogg_opus_writer_close(w, err);
}

dramatis_status dramatis_preview(const struct dramatis_book *book, const char *speaker,
                                 size_t n_lines, const char *text, const char *path,
                                 struct dramatis_error *err)
{
    struct synth *synth = NULL;
    struct clip clip;
    const struct voice *v;
    size_t c, p, s, said = 0;
    int who;
    dramatis_status st = DRAMATIS_OK;

    if (book == NULL || speaker == NULL || path == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "dramatis_preview: missing argument");
    who = book_find_speaker(book, speaker);
    if (who == -2)
        return unknown_speaker(book, speaker, err);
    v = who >= 0 ? &book->characters[who].voice : &book->narrator;
    memset(&clip, 0, sizeof clip);
    st = synth_new(&synth, err);
    if (st != DRAMATIS_OK)
        return st;
    if (text) {
        st = clip_line(&clip, synth, v, text, err);
        said = 1;
    }
    for (c = 0; !text && st == DRAMATIS_OK && said < n_lines && c < book->n_chapters; c++) {
        const struct chapter *ch = &book->chapters[c];
        for (p = 0; st == DRAMATIS_OK && said < n_lines && p < ch->n_paragraphs; p++) {
            for (s = 0; st == DRAMATIS_OK && said < n_lines && s < ch->paragraphs[p].n_segments;
                 s++) {
                const struct segment *seg = &ch->paragraphs[p].segments[s];
                /* the narrator's lines are its narration; a character's, its dialogue */
                if (who >= 0 ? seg->kind != SEGMENT_DIALOGUE || seg->speaker != who
                             : seg->kind != SEGMENT_NARRATION)
                    continue;
                st = clip_line(&clip, synth, v, seg->spoken ? seg->spoken : seg->text, err);
                said++;
            }
        }
    }
    if (st == DRAMATIS_OK && said == 0)
        st = error_set(err, DRAMATIS_ERR_ARG, NULL, 0,
                       "%s has no lines in the book: give --text to hear the voice", speaker);
    if (st == DRAMATIS_OK)
        st = ends_with(path, ".wav") ? write_wav(path, &clip, synth_sample_rate(synth), err)
                                     : write_opus(path, &clip, synth_sample_rate(synth), err);
    synth_free(synth);
    free(clip.samples);
    return st;
}

struct list_out {
    FILE *out;
    int failed;
};

static void list_one(void *ctx, const char *name, const char *languages, int gender)
{
    struct list_out *lo = ctx;
    const char *g = gender == DRAMATIS_GENDER_FEMALE ? "female"
                    : gender == DRAMATIS_GENDER_MALE ? "male" : "-";

    if (fprintf(lo->out, "%-24s %-7s %s\n", name, g, languages) < 0)
        lo->failed = 1;
}

dramatis_status dramatis_voices_write(FILE *out, struct dramatis_error *err)
{
    struct list_out lo = { out, 0 };
    struct synth *synth = NULL;
    dramatis_status st;

    st = synth_new(&synth, err);
    if (st != DRAMATIS_OK)
        return st;
    if (fprintf(out, "# voices: voice = NAME, or NAME+VARIANT\n%-24s %-7s %s\n", "name",
                "gender", "languages") < 0)
        lo.failed = 1;
    st = synth_list_voices(synth, list_one, &lo);
    if (st == DRAMATIS_OK && fprintf(out, "\n# variants: append as +VARIANT (en-us+f3)\n") < 0)
        lo.failed = 1;
    if (st == DRAMATIS_OK)
        st = synth_list_variants(synth, list_one, &lo);
    synth_free(synth);
    if (st == DRAMATIS_OK && (lo.failed || fflush(out) != 0))
        st = DRAMATIS_ERR_IO;
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, st == DRAMATIS_ERR_IO ? "cannot write the list" : NULL);
    return DRAMATIS_OK;
}
