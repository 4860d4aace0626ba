/* Voices as a listener hears them: profiles from the measured voice table,
 * distances between voices, and the conversations that make them matter. */
#include "voicespace.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Units of voice_distance(): what alone makes two voices distinct. */
#define PITCH_UNIT_ST 2.0     /* semitones of mean pitch */
#define PACE_UNIT 0.15        /* relative difference in words a minute */
/* What another accent adds: espeak-ng's accents differ in some vowels
 * only, which a listener hears less than pitch or timbre (measured: the
 * bench's one-second chunks of the narrator went to characters of
 * another accent 2 semitones away as often as to ones of its own). */
#define ACCENT_UNIT 0.5
/* Pitch settings of one unmeasured voice name this far apart count 1. */
#define SAME_NAME_PITCH_UNIT 8.0
/* Voices of different unmeasured names: assumed this far apart. */
#define UNKNOWN_DISTANCE 1.5

const struct voice_measure *voice_table_find(const char *name)
{
    char want[64];
    const char *plus;
    size_t i;

    if (name == NULL)
        return NULL;
    /* espeak-ng reads "en-gb" as its British voice, which the table calls "en" */
    plus = strchr(name, '+');
    if (strncasecmp(name, "en-gb", 5) == 0 && (name[5] == '\0' || name[5] == '+'))
        snprintf(want, sizeof want, "en%s", plus ? plus : "");
    else
        snprintf(want, sizeof want, "%s", name);
    for (i = 0; i < voice_table_size; i++)
        if (strcasecmp(voice_table[i].name, want) == 0)
            return &voice_table[i];
    return NULL;
}

static double semitones(double hz)
{
    return 12.0 * log2(hz / 100.0);
}

double voice_table_f0(const struct voice_measure *m, int pitch)
{
    const int *p = voice_table_pitches;
    double st[VOICE_TABLE_PITCHES];
    int k, lo, hi;

    if (m == NULL)
        return 0.0;
    for (k = 0; k < VOICE_TABLE_PITCHES; k++)
        st[k] = m->f0[k] > 0 ? semitones(m->f0[k]) : 0.0;
    if (m->f0[0] <= 0 || m->f0[VOICE_TABLE_PITCHES - 1] <= 0) {
        /* measured at 50 only: espeak-ng's usual 1.6 semitones per 10 */
        return 100.0 * pow(2.0, (semitones(m->f0[2]) + 0.16 * (pitch - 50)) / 12.0);
    }
    for (k = 1; k < VOICE_TABLE_PITCHES - 1 && pitch > p[k]; k++)
        ;
    lo = k - 1;
    hi = k;
    return 100.0 * pow(2.0, (st[lo] + (st[hi] - st[lo]) * (pitch - p[lo]) / (p[hi] - p[lo])) / 12.0);
}

double voice_table_wpm(const struct voice_measure *m, int rate)
{
    return m ? m->wpm * rate / voice_table_rate : 0.0;
}

void voice_profile_of(const struct voice *v, struct voice_profile *out)
{
    out->v = v;
    out->m = voice_table_find(v->name);
    out->f0 = voice_table_f0(out->m, v->pitch);
    out->wpm = voice_table_wpm(out->m, v->rate);
}

static double timbre_distance(const struct voice_measure *a, const struct voice_measure *b)
{
    double sum = 0.0, d;
    int k;

    for (k = 0; k < VOICE_TABLE_TIMBRE; k++) {
        d = a->timbre[k] - b->timbre[k];
        sum += d * d;
    }
    return sqrt(sum);
}

/* The accent part of a voice name: "en-us" of "en-us+f3". */
static size_t accent_length(const char *name)
{
    const char *plus = strchr(name, '+');

    return plus ? (size_t)(plus - name) : strlen(name);
}

static int same_accent(const struct voice_profile *pa, const struct voice_profile *pb)
{
    size_t n;

    if (pa->m && pb->m)
        return pa->m->accent == pb->m->accent || strcmp(pa->m->accent, pb->m->accent) == 0;
    n = accent_length(pa->v->name);
    return n == accent_length(pb->v->name) && strncasecmp(pa->v->name, pb->v->name, n) == 0;
}

double voice_profile_distance(const struct voice_profile *pa, const struct voice_profile *pb)
{
    double dp, da, dt, dr;

    if (pa->m == NULL || pb->m == NULL) {
        if (strcasecmp(pa->v->name, pb->v->name) == 0)
            return fabs((double)(pa->v->pitch - pb->v->pitch)) / SAME_NAME_PITCH_UNIT;
        return UNKNOWN_DISTANCE;
    }
    dp = (semitones(pa->f0) - semitones(pb->f0)) / PITCH_UNIT_ST;
    da = same_accent(pa, pb) ? 0.0 : ACCENT_UNIT;
    dt = timbre_distance(pa->m, pb->m) / (2.0 * voice_table_timbre_median);
    dr = log(pa->wpm / pb->wpm) / log(1.0 + PACE_UNIT);
    return sqrt(dp * dp + da * da + dt * dt + dr * dr);
}

int voice_profile_separable(const struct voice_profile *pa, const struct voice_profile *pb)
{
    if (!same_accent(pa, pb))
        return 1;
    if (pa->m == NULL || pb->m == NULL)
        return voice_profile_distance(pa, pb) >= VOICE_DISTINCT;
    return fabs(semitones(pa->f0) - semitones(pb->f0)) >= PITCH_UNIT_ST;
}

double voice_distance(const struct voice *a, const struct voice *b)
{
    struct voice_profile pa, pb;

    voice_profile_of(a, &pa);
    voice_profile_of(b, &pb);
    return voice_profile_distance(&pa, &pb);
}

int voice_separable(const struct voice *a, const struct voice *b)
{
    struct voice_profile pa, pb;

    voice_profile_of(a, &pa);
    voice_profile_of(b, &pb);
    return voice_profile_separable(&pa, &pb);
}

void voice_explain(const struct voice *a, const struct voice *b, char *buf, size_t size)
{
    struct voice_profile pa, pb;

    voice_profile_of(a, &pa);
    voice_profile_of(b, &pb);
    if (pa.m && pb.m)
        snprintf(buf, size, "%s pitch %d: %.0f Hz; %s pitch %d: %.0f Hz; %s accent", a->name,
                 a->pitch, pa.f0, b->name, b->pitch, pb.f0,
                 same_accent(&pa, &pb) ? "same" : "another");
    else
        snprintf(buf, size, "%s pitch %d; %s pitch %d", a->name, a->pitch, b->name, b->pitch);
}

unsigned *talk_matrix(const struct dramatis_book *book)
{
    size_t n = book->n_characters, c, p, s, k;
    int recent[TALK_WINDOW];
    unsigned *talks;

    if (n == 0)
        return NULL;
    talks = calloc(n * n, sizeof *talks);
    if (talks == NULL)
        return NULL;
    for (c = 0; c < book->n_chapters; c++) {
        const struct chapter *ch = &book->chapters[c];
        /* a new chapter starts a new conversation */
        for (k = 0; k < TALK_WINDOW; k++)
            recent[k] = -1;
        for (p = 0; p < ch->n_paragraphs; p++) {
            for (s = 0; s < ch->paragraphs[p].n_segments; s++) {
                const struct segment *seg = &ch->paragraphs[p].segments[s];
                int who = seg->speaker;
                if (seg->kind != SEGMENT_DIALOGUE || who < 0 || (size_t)who >= n)
                    continue;
                for (k = 0; k < TALK_WINDOW; k++) {
                    if (recent[k] >= 0 && recent[k] != who) {
                        talks[(size_t)recent[k] * n + (size_t)who]++;
                        talks[(size_t)who * n + (size_t)recent[k]]++;
                    }
                }
                memmove(recent + 1, recent, (TALK_WINDOW - 1) * sizeof *recent);
                recent[0] = who;
            }
        }
    }
    return talks;
}

int book_first_person(const struct dramatis_book *book)
{
    size_t i, j;

    for (i = 0; i < book->n_characters; i++) {
        const struct character *c = &book->characters[i];
        if (strcmp(c->name, "I") == 0)
            return (int)i;
        for (j = 0; j < c->n_aliases; j++)
            if (strcmp(c->aliases[j], "I") == 0)
                return (int)i;
    }
    return -1;
}
