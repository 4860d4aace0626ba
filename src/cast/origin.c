/* Pronunciation by origin: names of another language found in the book and
 * spoken with its syllables (romanised Japanese today; another origin is
 * one more reader and entry in the origins table). */
#include "origin.h"

#include "error.h"
#include "pronounce.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Shortest word (bytes) an origin may claim: "Io" or "Ai" are too easily English. */
#define MIN_WORD 3
/* Longest word read; names are shorter. */
#define MAX_WORD 48

/* An origin: how to read its spelling, and what marks a name as its. */
struct origin {
    const char *code;                 /* "ja" */
    int (*read)(const char *word, struct origin_reading *out);
    const char *const *markers;       /* suffixes after a hyphen: "san" */
    size_t min_vowels;                /* a name with only the book's evidence
                                       * needs this many vowel letters */
};

/* Honorifics: after a hyphen they mark the name before them as Japanese
 * ("Iruka-sensei", "Naruto-kun"). */
static const char *const ja_markers[] = {"san",    "sensei", "kun",  "chan", "sama",
                                         "senpai", "sempai", "dono", NULL};

static const struct origin origins[] = {
    /* three vowels: two-syllable English names (Jane, Kate, Mike, Susan,
     * Karen) also spell as romaji, three-syllable ones rarely do */
    {"ja", origin_read_japanese, ja_markers, 3},
};

/* ---- reading romaji ---------------------------------------------------- */

/* A consonant (cluster) that opens a Japanese syllable, the vowels it takes
 * in Hepburn spelling, its phonemes and its respelling. */
struct onset {
    const char *letters;
    const char *vowels;
    const char *phonemes;
};

/* Longest first, so "sh" wins over "s".  Hepburn writes shi, chi, tsu, fu,
 * ji: "si", "ti", "tu", "hu", "zi", "di" are not Japanese names' spelling
 * (and "ti", "di", "si" are common in English ones). */
static const struct onset onsets[] = {
    {"ch", "aiueo", "tS"}, {"sh", "aiueo", "S"}, {"ts", "u", "ts"},   {"ky", "auo", "kj"},
    {"gy", "auo", "gj"},   {"ny", "auo", "nj"},  {"hy", "auo", "hj"}, {"by", "auo", "bj"},
    {"py", "auo", "pj"},   {"my", "auo", "mj"},  {"ry", "auo", "*j"}, {"j", "aiueo", "dZ"},
    {"k", "aiueo", "k"},   {"g", "aiueo", "g"},  {"s", "aueo", "s"},  {"z", "aueo", "z"},
    {"t", "aeo", "t"},     {"d", "aeo", "d"},    {"n", "aiueo", "n"}, {"h", "aiueo", "h"},
    {"b", "aiueo", "b"},   {"p", "aiueo", "p"},  {"m", "aiueo", "m"}, {"r", "aiueo", "*"},
    {"w", "ao", "w"},      {"y", "auo", "j"},    {"f", "u", "f"},
};

/* The vowel at p: its letter in *v, 1 in *lng for a macron or circumflex
 * (ō, ô: a long vowel); the bytes it takes, 0 if none. */
static size_t vowel_at(const char *p, char *v, int *lng)
{
    static const struct {
        const char *utf8;
        char v;
    } marked[] = {
        {"\xC4\x81", 'a'}, {"\xC4\xAB", 'i'}, {"\xC5\xAB", 'u'}, {"\xC4\x93", 'e'},
        {"\xC5\x8D", 'o'}, {"\xC3\xA2", 'a'}, {"\xC3\xAE", 'i'}, {"\xC3\xBB", 'u'},
        {"\xC3\xAA", 'e'}, {"\xC3\xB4", 'o'},
    };
    size_t i;

    *lng = 0;
    if (*p && strchr("aiueo", *p)) {
        *v = *p;
        return 1;
    }
    for (i = 0; i < sizeof marked / sizeof marked[0]; i++) {
        if (strncmp(p, marked[i].utf8, 2) == 0) {
            *v = marked[i].v;
            *lng = 1;
            return 2;
        }
    }
    return 0;
}

/* One syllable while reading: onset, vowel, coda. */
struct syl {
    char onset[4];
    char onset_hint[4];
    char vowel[4];
    char vowel_hint[4];
    char coda[4];
    char coda_hint[3];
    char last_vowel;     /* for "i" at the end of a word */
};

static void vowel_sounds(char v, int lng, char second, struct syl *s)
{
    /* English-table phonemes nearest the five pure vowels; a long e and
     * "ei" are the FACE vowel, "ai" the PRICE diphthong */
    static const struct {
        char v;
        const char *ph, *hint;
    } plain[] = {{'a', "A:", "ah"}, {'i', "i:", "ee"}, {'u', "u:", "oo"},
                 {'e', "E", "eh"},  {'o', "oU", "oh"}};
    size_t i;

    for (i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        if (plain[i].v == v) {
            snprintf(s->vowel, sizeof s->vowel, "%s", plain[i].ph);
            snprintf(s->vowel_hint, sizeof s->vowel_hint, "%s", plain[i].hint);
        }
    }
    if ((v == 'e' && (lng || second == 'i' || second == 'e'))) {
        snprintf(s->vowel, sizeof s->vowel, "eI");
        snprintf(s->vowel_hint, sizeof s->vowel_hint, "ay");
    } else if (v == 'a' && second == 'i') {
        snprintf(s->vowel, sizeof s->vowel, "aI");
        snprintf(s->vowel_hint, sizeof s->vowel_hint, "eye");
    }
    s->last_vowel = v;
}

int origin_read_japanese(const char *word, struct origin_reading *out)
{
    struct syl syl[32];
    size_t n = 0, i, k, len, stress;
    const char *p = word;
    char v, next_v;
    int lng, next_lng;
    size_t vb;

    memset(out, 0, sizeof *out);
    memset(syl, 0, sizeof syl);
    while (*p) {
        /* the moraic n (and Hepburn's m before b, p, m) closes a syllable */
        if ((*p == 'n' || *p == 'm') && n > 0 && syl[n - 1].coda[0] == '\0') {
            const char *q = p + 1;
            int before_vowel = vowel_at(q, &next_v, &next_lng) > 0 || *q == 'y';
            if (*q == '\'') {
                before_vowel = 0;
                q++;
            }
            if (!before_vowel && (*p == 'n' || (*q && strchr("bpm", *q)))) {
                const char *ph = *p == 'm' || (*q && strchr("bpm", *q)) ? "m"
                                 : (*q && strchr("kg", *q))              ? "N"
                                                                         : "n";
                snprintf(syl[n - 1].coda, sizeof syl[n - 1].coda, "%s", ph);
                snprintf(syl[n - 1].coda_hint, sizeof syl[n - 1].coda_hint, "%c", *p);
                p = q;
                continue;
            }
        }
        /* a doubled consonant (kk, ss, tt, pp, tch) closes the syllable before */
        if (n > 0 && syl[n - 1].coda[0] == '\0' && *p && strchr("kstp", *p) &&
            (p[1] == *p || (*p == 't' && p[1] == 'c' && p[2] == 'h'))) {
            snprintf(syl[n - 1].coda, sizeof syl[n - 1].coda, "%c", *p);
            snprintf(syl[n - 1].coda_hint, sizeof syl[n - 1].coda_hint, "%c", *p);
            p++;
        }
        if (n == sizeof syl / sizeof syl[0])
            return 0;
        /* an onset that takes the vowel after it, or none */
        vb = vowel_at(p, &v, &lng);
        if (vb == 0) {
            for (k = 0; k < sizeof onsets / sizeof onsets[0]; k++) {
                len = strlen(onsets[k].letters);
                if (strncmp(p, onsets[k].letters, len) != 0)
                    continue;
                vb = vowel_at(p + len, &v, &lng);
                if (vb && strchr(onsets[k].vowels, v))
                    break;
                vb = 0;
            }
            if (vb == 0)
                return 0;
            snprintf(syl[n].onset, sizeof syl[n].onset, "%s", onsets[k].phonemes);
            snprintf(syl[n].onset_hint, sizeof syl[n].onset_hint, "%s", onsets[k].letters);
            p += len;
        }
        p += vb;
        out->vowels += lng ? 2 : 1;
        out->marked |= lng;
        /* a vowel that lengthens this one (ou, uu, ei, ai...) joins it */
        next_v = '\0';
        if (!lng && vowel_at(p, &next_v, &next_lng) == 1 &&
            (next_v == v || (v == 'o' && next_v == 'u') ||
             (v == 'e' && next_v == 'i') || (v == 'a' && next_v == 'i'))) {
            p++;
            out->vowels++;
        } else {
            next_v = '\0';
        }
        vowel_sounds(v, lng, next_v, &syl[n]);
        n++;
    }
    if (n == 0)
        return 0;
    out->syllables = n;
    /* English ears expect a stress: the second-last syllable, as English
     * speakers place it in Japanese names (na-RU-to, ka-KA-shi) */
    stress = n >= 2 ? n - 2 : 0;
    for (i = 0; i < n; i++) {
        const char *vowel = syl[i].vowel;
        /* a final unstressed i is the short vowel of "happy" */
        if (i == n - 1 && i != stress && strcmp(vowel, "i:") == 0)
            vowel = "i";
        len = strlen(out->phonemes);
        /* espeak-ng marks stress before the vowel */
        snprintf(out->phonemes + len, sizeof out->phonemes - len, "%s%s%s%s", syl[i].onset,
                 i == stress ? "'" : "", vowel, syl[i].coda);
        len = strlen(out->hint);
        snprintf(out->hint + len, sizeof out->hint - len, "%s%s%s%s", i ? "-" : "",
                 syl[i].onset_hint, syl[i].vowel_hint, syl[i].coda_hint);
        if (i == stress) {
            /* the stressed syllable in capitals */
            size_t j;
            for (j = len + (i ? 1 : 0); out->hint[j]; j++)
                if (out->hint[j] >= 'a' && out->hint[j] <= 'z')
                    out->hint[j] = (char)(out->hint[j] - 'a' + 'A');
        }
    }
    return 1;
}

/* ---- finding names in the book ----------------------------------------- */

/* One word of the text, as found. */
struct word_seen {
    char *folded;        /* lowercase (ASCII and the marked vowels) */
    char *spelling;      /* as first written capitalised, or NULL */
    size_t order;        /* index of its first occurrence */
    unsigned lower, cap_mid, cap, marker, cast;
    const char *marker_word;   /* a marker this word carried */
};

struct scan {
    struct word_seen *w;
    size_t n, cap;
};

/* Whether p starts a letter of a word: ASCII letters and the two-byte
 * Latin letters (é, ō, ...). */
static size_t letter_at(const char *p)
{
    unsigned char c = (unsigned char)*p;

    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return 1;
    if ((c == 0xC3 || c == 0xC4 || c == 0xC5) && ((unsigned char)p[1] & 0xC0) == 0x80)
        return 2;
    return 0;
}

/* A lowercase copy of s[0..n): ASCII, and the Latin-1 and Latin
 * Extended-A capitals (Ō -> ō). */
static char *fold(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    size_t i;

    if (out == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (i + 1 < n && c == 0xC3 && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0x9E) {
            out[i + 1] = (char)((unsigned char)s[i + 1] + 0x20);
            i++;
            out[i - 1] = (char)c;
        } else if (i + 1 < n && (c == 0xC4 || c == 0xC5) && !((unsigned char)s[i + 1] & 1)) {
            /* Latin Extended-A pairs capitals and small letters: even, odd */
            out[i] = (char)c;
            out[i + 1] = (char)((unsigned char)s[i + 1] + 1);
            i++;
        }
    }
    out[n] = '\0';
    return out;
}

static int is_upper_at(const char *p)
{
    unsigned char c = (unsigned char)p[0], d = (unsigned char)p[1];

    return (c >= 'A' && c <= 'Z') || (c == 0xC3 && d >= 0x80 && d <= 0x9E) ||
           ((c == 0xC4 || c == 0xC5) && !(d & 1));
}

/* Whether every letter after the first of s[0..n) is lowercase. */
static int rest_lower(const char *s, size_t n)
{
    size_t i = letter_at(s), k;

    while (i < n) {
        k = letter_at(s + i);
        if (k == 0) {
            i++;   /* an apostrophe */
            continue;
        }
        if (is_upper_at(s + i))
            return 0;
        i += k;
    }
    return 1;
}

static struct word_seen *scan_add(struct scan *sc, const char *s, size_t n)
{
    struct word_seen *grown;

    if (sc->n == sc->cap) {
        sc->cap = sc->cap ? sc->cap * 2 : 1024;
        grown = realloc(sc->w, sc->cap * sizeof *grown);
        if (grown == NULL)
            return NULL;
        sc->w = grown;
    }
    memset(&sc->w[sc->n], 0, sizeof sc->w[sc->n]);
    sc->w[sc->n].folded = fold(s, n);
    if (sc->w[sc->n].folded == NULL)
        return NULL;
    sc->w[sc->n].order = sc->n;
    return &sc->w[sc->n++];
}

/* The marker (of any origin) s begins with, followed by a non-letter. */
static const char *marker_at(const char *s)
{
    size_t o, k, len;

    for (o = 0; o < sizeof origins / sizeof origins[0]; o++) {
        for (k = 0; origins[o].markers[k]; k++) {
            len = strlen(origins[o].markers[k]);
            if (strncmp(s, origins[o].markers[k], len) == 0 && letter_at(s + len) == 0)
                return origins[o].markers[k];
        }
    }
    return NULL;
}

/* Adds every word of text; names (cast = 1) count as a name's place. */
static dramatis_status scan_text(struct scan *sc, const char *text, int cast)
{
    const char *p = text, *start, *q;
    struct word_seen *w;
    size_t k;
    int mid;

    while (*p) {
        k = letter_at(p);
        if (k == 0) {
            p++;
            continue;
        }
        start = p;
        while ((k = letter_at(p)) > 0 || ((*p == '\'') && letter_at(p + 1)))
            p += k ? k : 1;
        if ((size_t)(p - start) > MAX_WORD)
            continue;
        /* "Iruka's" is Iruka */
        if (p - start > 3 && p[-2] == '\'' && (p[-1] == 's' || p[-1] == 'S'))
            p -= 2;
        /* mid-sentence: a letter, digit or comma before it (spaces skipped) */
        for (q = start; q > text && q[-1] == ' '; q--)
            ;
        mid = q > text && q < start &&
              ((q[-1] >= 'a' && q[-1] <= 'z') || (q[-1] >= 'A' && q[-1] <= 'Z') ||
               (q[-1] >= '0' && q[-1] <= '9') || q[-1] == ',');
        w = scan_add(sc, start, (size_t)(p - start));
        if (w == NULL)
            return DRAMATIS_ERR_NOMEM;
        w->cast = (unsigned)cast;
        if (is_upper_at(start)) {
            if (!rest_lower(start, (size_t)(p - start)))
                continue;   /* ANBU, McCoy: not read as a name here */
            w->cap = 1;
            w->cap_mid = (unsigned)mid;
            w->spelling = strndup(start, (size_t)(p - start));
            if (w->spelling == NULL)
                return DRAMATIS_ERR_NOMEM;
            if (*p == '-' && (w->marker_word = marker_at(p + 1)) != NULL)
                w->marker = 1;
        } else {
            w->lower = 1;
        }
    }
    return DRAMATIS_OK;
}

static int by_word(const void *a, const void *b)
{
    const struct word_seen *x = a, *y = b;
    int c = strcmp(x->folded, y->folded);

    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int by_order(const void *a, const void *b)
{
    const struct word_seen *x = a, *y = b;

    return x->order < y->order ? -1 : x->order > y->order;
}

/* Merges the occurrences of each word into its first one; *n the words. */
static void scan_merge(struct scan *sc)
{
    size_t i, out = 0;

    qsort(sc->w, sc->n, sizeof *sc->w, by_word);
    for (i = 0; i < sc->n; i++) {
        struct word_seen *w = &sc->w[i];
        if (out > 0 && strcmp(sc->w[out - 1].folded, w->folded) == 0) {
            struct word_seen *m = &sc->w[out - 1];
            m->lower += w->lower;
            m->cap += w->cap;
            m->cap_mid += w->cap_mid;
            m->marker += w->marker;
            m->cast |= w->cast;
            if (m->marker_word == NULL)
                m->marker_word = w->marker_word;
            if (m->spelling == NULL) {
                m->spelling = w->spelling;
                w->spelling = NULL;
            }
            free(w->folded);
            free(w->spelling);
            continue;
        }
        sc->w[out++] = *w;
    }
    sc->n = out;
    qsort(sc->w, sc->n, sizeof *sc->w, by_order);
}

static void scan_cleanup(struct scan *sc)
{
    size_t i;

    for (i = 0; i < sc->n; i++) {
        free(sc->w[i].folded);
        free(sc->w[i].spelling);
    }
    free(sc->w);
}

static dramatis_status add_pronunciation(struct dramatis_book *book, const char *word,
                                         const char *spoken, const char *origin,
                                         const char *hint)
{
    struct pronunciation *grown, *p;

    grown = realloc(book->pronunciations, (book->n_pronunciations + 1) * sizeof *grown);
    if (grown == NULL)
        return DRAMATIS_ERR_NOMEM;
    book->pronunciations = grown;
    p = &grown[book->n_pronunciations];
    p->word = strdup(word);
    p->spoken = strdup(spoken);
    p->origin = strdup(origin);
    p->hint = hint ? strdup(hint) : NULL;
    if (p->word == NULL || p->spoken == NULL || p->origin == NULL || (hint && p->hint == NULL)) {
        free(p->word);
        free(p->spoken);
        free(p->origin);
        free(p->hint);
        return DRAMATIS_ERR_NOMEM;
    }
    book->n_pronunciations++;
    return DRAMATIS_OK;
}

/* Whether the map or an earlier entry already says how to read word. */
static int already_given(const struct dramatis_book *book, const char *word)
{
    size_t i;

    for (i = 0; i < book->n_pronunciations; i++)
        if (strcasecmp(book->pronunciations[i].word, word) == 0)
            return 1;
    return 0;
}

static dramatis_status add_reading(struct dramatis_book *book, const char *word,
                                   const struct origin *o, const struct origin_reading *r)
{
    char spoken[sizeof r->phonemes + 8];

    if (already_given(book, word))
        return DRAMATIS_OK;
    snprintf(spoken, sizeof spoken, "[[%s]]", r->phonemes);
    return add_pronunciation(book, word, spoken, o->code, r->hint);
}

/* Adds the names of one origin the scan found, and their markers. */
static dramatis_status find_origin(struct dramatis_book *book, const struct scan *sc,
                                   const struct origin *o)
{
    struct origin_reading r;
    size_t i, k, evidence = 0;
    dramatis_status st = DRAMATIS_OK;

    /* the book's evidence: names that carry this origin's markers */
    for (i = 0; i < sc->n; i++) {
        const struct word_seen *w = &sc->w[i];
        for (k = 0; w->marker && o->markers[k]; k++)
            if (w->marker_word == o->markers[k] && o->read(w->folded, &r))
                evidence++;
    }
    for (i = 0; st == DRAMATIS_OK && i < sc->n; i++) {
        const struct word_seen *w = &sc->w[i];
        /* an ordinary word is mostly written in lowercase; a name borrowed
         * as a title may be now and then ("the previous hokage") */
        if (w->spelling == NULL || w->lower > w->cap || strlen(w->folded) < MIN_WORD)
            continue;
        if (!o->read(w->folded, &r) || r.syllables < 2)
            continue;
        if (!w->cap_mid && !w->cast && !r.marked)
            continue;   /* only ever capitalised where a sentence starts */
        if (w->marker || r.marked || (evidence > 0 && r.vowels >= o->min_vowels))
            st = add_reading(book, w->spelling, o, &r);
    }
    /* the markers themselves, where names carry them */
    for (k = 0; st == DRAMATIS_OK && evidence > 0 && o->markers[k]; k++) {
        for (i = 0; i < sc->n; i++) {
            if (sc->w[i].marker_word == o->markers[k] && o->read(o->markers[k], &r)) {
                st = add_reading(book, o->markers[k], o, &r);
                break;
            }
        }
    }
    return st;
}

/* The pronunciations of the book as a map's, for pronounce_text(); the
 * strings stay the book's. */
static dramatis_status as_map(const struct dramatis_book *book, struct dramatis_voicemap *view)
{
    size_t i;

    memset(view, 0, sizeof *view);
    if (book->n_pronunciations == 0)
        return DRAMATIS_OK;
    view->pronunciations = calloc(book->n_pronunciations, sizeof *view->pronunciations);
    if (view->pronunciations == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (i = 0; i < book->n_pronunciations; i++) {
        view->pronunciations[i].key = book->pronunciations[i].word;
        view->pronunciations[i].value = book->pronunciations[i].spoken;
    }
    view->n_pronunciations = book->n_pronunciations;
    return DRAMATIS_OK;
}

dramatis_status origin_apply(struct dramatis_book *book, const struct dramatis_voicemap *map,
                             struct dramatis_error *err)
{
    struct dramatis_voicemap view;
    struct scan sc;
    size_t c, p, s, i, j, o;
    dramatis_status st = DRAMATIS_OK;

    book_pronunciations_clear(book);
    memset(&sc, 0, sizeof sc);
    for (i = 0; map && st == DRAMATIS_OK && i < map->n_pronunciations; i++)
        st = add_pronunciation(book, map->pronunciations[i].key, map->pronunciations[i].value,
                               "map", NULL);
    for (c = 0; st == DRAMATIS_OK && c < book->n_chapters; c++) {
        const struct chapter *ch = &book->chapters[c];
        st = scan_text(&sc, ch->title, 0);
        for (p = 0; st == DRAMATIS_OK && p < ch->n_paragraphs; p++)
            for (s = 0; st == DRAMATIS_OK && s < ch->paragraphs[p].n_segments; s++)
                st = scan_text(&sc, ch->paragraphs[p].segments[s].text, 0);
    }
    for (i = 0; st == DRAMATIS_OK && i < book->n_characters; i++) {
        st = scan_text(&sc, book->characters[i].name, 1);
        for (j = 0; st == DRAMATIS_OK && j < book->characters[i].n_aliases; j++)
            st = scan_text(&sc, book->characters[i].aliases[j], 1);
    }
    if (st == DRAMATIS_OK) {
        scan_merge(&sc);
        for (o = 0; st == DRAMATIS_OK && o < sizeof origins / sizeof origins[0]; o++)
            st = find_origin(book, &sc, &origins[o]);
    }
    scan_cleanup(&sc);
    if (st == DRAMATIS_OK)
        st = as_map(book, &view);
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, NULL);
    st = pronounce_book(book, &view, err);
    free(view.pronunciations);
    return st;
}

dramatis_status origin_spoken_text(const struct dramatis_book *book, const char *text,
                                   char **out)
{
    struct dramatis_voicemap view;
    dramatis_status st;

    *out = NULL;
    st = as_map(book, &view);
    if (st == DRAMATIS_OK)
        st = pronounce_text(&view, text, out);
    free(view.pronunciations);
    return st;
}
