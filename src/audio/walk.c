/* The walk: synthesis, levelling and pauses for a list of lines, in order. */
#include "walk.h"

#include "error.h"
#include "level.h"

#include <stdlib.h>
#include <string.h>

/* Samples of one line (or piece of a long one), gathered whole because
 * levelling measures it whole. */
/* Lines up to this long (in bytes of text: a minute or two of speech) are
 * synthesised and levelled whole; longer ones a piece at a time. */
#define WALK_PIECE_BYTES 2000

struct walk {
    const struct walk_sink *sink;
    unsigned long long pos;     /* samples emitted so far */
    struct audio_samples speech;   /* the line being synthesised */
    float silence[4096];
};

static dramatis_status speech_sink(void *ctx, const short *samples, size_t n)
{
    struct audio_samples *sp = ctx;
    dramatis_status st = audio_samples_reserve(sp, n);

    if (st != DRAMATIS_OK)
        return st;
    audio_s16_to_float(samples, sp->data + sp->n, n);
    sp->n += n;
    return DRAMATIS_OK;
}

static dramatis_status emit(struct walk *w, const float *samples, size_t n)
{
    w->pos += n;
    if (w->sink->audio == NULL || n == 0)
        return DRAMATIS_OK;
    return w->sink->audio(w->sink->ctx, samples, n);
}

static dramatis_status emit_pause(struct walk *w, long ms, int rate)
{
    size_t left = audio_ms_to_samples(ms, rate);
    size_t block = sizeof w->silence / sizeof w->silence[0];
    dramatis_status st = DRAMATIS_OK;

    while (st == DRAMATIS_OK && left > 0) {
        size_t n = left < block ? left : block;
        st = emit(w, w->silence, n);
        left -= n;
    }
    return st;
}

/* Synthesises one piece of a line, cuts espeak-ng's padding at the line's
 * own edges (about 12 ms before, 300 ms after: the pauses between lines
 * are the book's pause table, and a line's first sample is its first
 * sound; between the pieces of one line it stays, as the gap between two
 * sentences), levels it and emits it. */
static dramatis_status speak_piece(struct walk *w, struct synth *synth, const struct voice *voice,
                                   const char *text, int first, int last,
                                   unsigned long long *length, struct dramatis_error *err)
{
    int rate = synth_sample_rate(synth);
    size_t start, n, end;
    float *speech;
    dramatis_status st;

    w->speech.n = 0;
    st = synth_speak(synth, voice, text, speech_sink, &w->speech, err);
    if (st != DRAMATIS_OK)
        return st;
    audio_trim(w->speech.data, w->speech.n, &start, &n);
    end = start + n;
    if (!first)
        start = 0;
    if (!last)
        end = w->speech.n;
    speech = w->speech.data + start;
    n = end - start;
    st = audio_level(speech, n, rate, voice->gain);
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, "loudness levelling failed");
    audio_fill_silence(speech, n);
    audio_fade(speech, n, rate, first, last);
    *length += n;
    return emit(w, speech, n);
}

/* Speaks one line in its voice, levelled, and reports where it fell.  A
 * line longer than WALK_PIECE_BYTES is synthesised and levelled a few
 * sentences at a time (synth_split()), so a worker's memory follows the
 * longest few sentences, not the longest paragraph. */
static dramatis_status speak(struct walk *w, struct synth *synth, size_t index,
                             const struct walk_line *line, struct dramatis_error *err)
{
    unsigned long long start = w->pos, length = 0;
    char **pieces = NULL;
    size_t n = 0, i;
    dramatis_status st;

    if (strlen(line->text) <= WALK_PIECE_BYTES) {
        st = speak_piece(w, synth, line->voice, line->text, 1, 1, &length, err);
    } else {
        st = synth_split(line->text, WALK_PIECE_BYTES, &pieces, &n);
        if (st != DRAMATIS_OK)
            return error_set(err, st, NULL, 0, NULL);
        for (i = 0; st == DRAMATIS_OK && i < n; i++)
            st = speak_piece(w, synth, line->voice, pieces[i], i == 0, i + 1 == n, &length, err);
        synth_pieces_free(pieces, n);
    }
    if (st == DRAMATIS_OK && w->sink->line)
        st = w->sink->line(w->sink->ctx, index, start, length);
    return st;
}

dramatis_status walk_lines(struct synth *synth, const struct walk_line *lines, size_t n,
                           const struct walk_sink *sink, unsigned long long *total,
                           struct dramatis_error *err)
{
    struct walk *w;
    int rate = synth_sample_rate(synth);
    dramatis_status st = DRAMATIS_OK;
    size_t i;

    w = calloc(1, sizeof *w);
    if (w == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    w->sink = sink;
    for (i = 0; st == DRAMATIS_OK && i < n; i++) {
        st = emit_pause(w, lines[i].pause_ms, rate);
        if (st == DRAMATIS_OK && lines[i].text)
            st = speak(w, synth, i, &lines[i], err);
    }
    if (st != DRAMATIS_OK && err && err->code == DRAMATIS_OK)
        error_set(err, st, NULL, 0, NULL);
    if (total)
        *total = w->pos;
    free(w->speech.data);
    free(w);
    return st;
}
