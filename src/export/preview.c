/* Previews: one speaker's voice rendered in a second, through the walk the render uses. */
#include "book.h"
#include "buf.h"
#include "error.h"
#include "file.h"
#include "level.h"
#include "normalize.h"
#include "ogg_opus.h"
#include "origin.h"
#include "reading.h"
#include "synth.h"
#include "walk.h"

#include <sndfile.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static dramatis_status clip_audio(void *ctx, const float *samples, size_t n)
{
    struct audio_samples *c = ctx;
    dramatis_status st = audio_samples_reserve(c, n);

    if (st != DRAMATIS_OK)
        return st;
    memcpy(c->data + c->n, samples, n * sizeof *samples);
    c->n += n;
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

static dramatis_status write_wav(const char *path, const struct audio_samples *c, int rate,
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
    n = sf_writef_float(f, c->data, (sf_count_t)c->n);
    if (sf_close(f) != 0 || n != (sf_count_t)c->n) {
        unlink(path);
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot write the preview");
    }
    return DRAMATIS_OK;
}

static dramatis_status write_opus(const char *path, const struct audio_samples *c, int rate,
                                  struct dramatis_error *err)
{
    struct ogg_opus_writer *w = NULL;
    dramatis_status st;

    st = ogg_opus_writer_open(path, rate, NULL, 0, -1, &w, err);
    if (st != DRAMATIS_OK)
        return st;
    st = ogg_opus_writer_write(w, c->data, c->n, err);
    if (st != DRAMATIS_OK) {
        ogg_opus_writer_abort(w);
        return st;
    }
    return ogg_opus_writer_close(w, err);
}

/* The lines a preview speaks: text, else the speaker's first n_lines (the
 * narrator's lines are its narration; a character's, its dialogue), a
 * paragraph's pause apart.  *out is freed by the caller. */
static dramatis_status preview_lines(const struct dramatis_book *book, int who,
                                     const struct voice *v, size_t n_lines, const char *text,
                                     struct walk_line **out, size_t *n_out)
{
    struct walk_line *lines;
    size_t c, p, s, n = 0;

    *out = NULL;
    *n_out = 0;
    if (text)
        n_lines = 1;
    lines = calloc(n_lines ? n_lines : 1, sizeof *lines);
    if (lines == NULL)
        return DRAMATIS_ERR_NOMEM;
    if (text) {
        lines[n].text = text;   /* the caller normalised it */
        lines[n++].voice = v;
    }
    for (c = 0; n < n_lines && c < book->n_chapters; c++) {
        const struct chapter *ch = &book->chapters[c];
        for (p = 0; n < n_lines && p < ch->n_paragraphs; p++) {
            for (s = 0; n < n_lines && s < ch->paragraphs[p].n_segments; s++) {
                const struct segment *seg = &ch->paragraphs[p].segments[s];
                if (who >= 0 ? seg->kind != SEGMENT_DIALOGUE || seg->speaker != who
                             : seg->kind != SEGMENT_NARRATION)
                    continue;
                lines[n].pause_ms = n > 0 ? book_pause_ms(book, BOOK_PAUSE_PARAGRAPH) : 0;
                lines[n].text = seg->spoken ? seg->spoken : seg->text;
                lines[n++].voice = v;
            }
        }
    }
    *out = lines;
    *n_out = n;
    return DRAMATIS_OK;
}

dramatis_status dramatis_preview(const struct dramatis_book *book, const char *speaker,
                                 size_t n_lines, const char *text, const char *path,
                                 struct dramatis_error *err)
{
    struct synth *synth = NULL;
    struct walk_line *lines = NULL;
    struct audio_samples clip;   /* the whole preview, as the walk makes it */
    struct walk_sink sink;
    struct part_file part = { NULL, -1 };
    const struct voice *v;
    char *spoken = NULL;
    size_t n = 0;
    int who;
    dramatis_status st;

    if (book == NULL || speaker == NULL || path == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "dramatis_preview: missing argument");
    who = book_find_speaker(book, speaker);
    if (who == -2)
        return unknown_speaker(book, speaker, err);
    v = who >= 0 ? &book->characters[who].voice : &book->narrator;
    memset(&clip, 0, sizeof clip);
    /* --text is said as the book's lines are: with its pronunciations
     * (unless it gives espeak-ng [[phonemes]] to try), then normalised as
     * the render normalises this book's lines */
    if (text && !strstr(text, "[[") && origin_spoken_text(book, text, &spoken) != DRAMATIS_OK)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    if (text) {
        struct normalize_options opt;
        char *normalized = NULL;
        normalize_options_init(&opt, book);
        if (normalize_text(spoken ? spoken : text, &opt, &normalized) != DRAMATIS_OK) {
            free(spoken);
            return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        }
        if (normalized) {
            free(spoken);
            spoken = normalized;
        }
    }
    if (preview_lines(book, who, v, n_lines, spoken ? spoken : text, &lines, &n) != DRAMATIS_OK) {
        free(spoken);
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    }
    if (n == 0) {
        free(lines);
        free(spoken);
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0,
                         "%s has no lines in the book: give --text to hear the voice", speaker);
    }
    st = synth_new(&synth, err);
    if (st == DRAMATIS_OK) {
        sink.audio = clip_audio;
        sink.line = NULL;
        sink.ctx = &clip;
        st = walk_lines(synth, lines, n, &sink, NULL, err);
    }
    /* written beside path and renamed: a preview that fails leaves the
     * file that was there */
    if (st == DRAMATIS_OK)
        st = part_file_open(path, &part, err);
    if (st == DRAMATIS_OK) {
        close(part.fd);
        part.fd = -1;
        st = ends_with(path, ".wav") ? write_wav(part.path, &clip, synth_sample_rate(synth), err)
                                     : write_opus(part.path, &clip, synth_sample_rate(synth), err);
    }
    if (st == DRAMATIS_OK)
        st = part_file_commit(&part, path, err);
    part_file_abort(&part);
    synth_free(synth);
    free(lines);
    free(spoken);
    free(clip.data);
    return st;
}
