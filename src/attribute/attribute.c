/* Speaker attribution: for every quote, the characters who could say it
 * (candidates) and the evidence for each (scoring.h); one linear scorer
 * with the weights of weights.c chooses, quote after quote in reading
 * order, so the turns already decided are evidence for the next. */
#include "attribute.h"

#include "attribute_internal.h"
#include "error.h"
#include "evidence.h"
#include "scoring.h"

#include "text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WINDOW_PARAS 20   /* paragraphs a character stays present after being seen */
#define MAX_PARA_NAMES 16 /* names kept per paragraph */
#define MAX_SUBJECTS 8    /* sentence subjects kept per paragraph */
#define MAX_TURNS 4       /* turns of the conversation remembered */
#define MAX_SALIENT 4     /* most named characters, always candidates */
#define MAX_NAMELESS 40   /* described speakers added without a cast */
#define MAX_AHEAD 20      /* turns a named tag is looked for, each way */
#define LONG_SPEECH 3     /* paragraphs of one speech that count as a gap after it */
#define NEAR_TURNS 8      /* beyond, a named tag's parity is evidence of its own */

const char *const attr_feature_names[ATTR_N_FEATURES] = {
#define ATTR_FEATURE_NAME(e, name, doc) name,
    ATTR_FEATURES(ATTR_FEATURE_NAME)
#undef ATTR_FEATURE_NAME
};

/* The evidence of one quote that needs no decision made before it. */
struct quote_ev {
    struct segment *seg;
    size_t para;
    size_t in_para;            /* its place among the paragraph's quotes */
    struct attr_tag tag;       /* its own tag or beat; tag.rule NULL: none */
    size_t names_before;       /* paragraph names before the tag's subject */
    int voc[ATTR_MAX_VOC];     /* whom it addresses */
    size_t n_voc;
    unsigned voc_weak;         /* bit k: only a weak name (`aunt`) gave voc[k] */
    int ment[ATTR_MAX_VOC];    /* whom else it names */
    size_t n_ment;
};

/* The evidence of one paragraph. */
struct para_ev {
    size_t chapter;
    size_t q0, nq;             /* its quotes: quotes[q0, q0 + nq) */
    int brk;                   /* first of a chapter or after a scene break */
    int continued;             /* its first quote goes on the previous paragraph's */
    int names[MAX_PARA_NAMES]; /* named in its narration, first mention order */
    size_t name_pos[MAX_PARA_NAMES];
    size_t n_names;
    unsigned name_obj;         /* bit k: names[k] only ever after a preposition */
    int subjects[MAX_SUBJECTS];   /* names opening its narration's sentences */
    int pron_subject;          /* the last he or she opening one, resolved in the
                                * paragraph, else -1 */
    dramatis_gender pron_open; /* ... its gender when the paragraph names no one it
                                * can stand for: decoding resolves it */
    int pron_decoded;          /* pron_subject, or what decoding resolved pron_open to */
    size_t n_subjects;
    int named;                 /* a quote's tag names this speaker, else -1 */
    int listener;              /* a quote's tag says it is said to this one, else -1 */
    int voc[ATTR_MAX_VOC];     /* whom its quotes address */
    size_t n_voc;
    int has_lead;              /* ends in a tag for the next paragraph's quote */
    struct attr_subject lead;  /* that tag's subject */
};

/* Where character c stands in pe's names; pe->n_names when not there. */
static size_t name_index(const struct para_ev *pe, int c)
{
    size_t k;

    for (k = 0; k < pe->n_names && pe->names[k] != c; k++)
        ;
    return k;
}

/* One turn of the conversation: a paragraph of quotes. */
struct turn {
    int speaker;
    double confidence;         /* of its last quote */
    int voc[ATTR_MAX_VOC];
    size_t n_voc;
    int listener;
    size_t gap;                /* narration paragraphs between it and the turn before */
    size_t paras;              /* paragraphs its speech runs over */
};

/* Whom the words beside a quote point at, resolved in context. */
struct pointers {
    int pron_near;     /* a `he said` tag's referent */
    int pron_para;     /* ... named first in the paragraph before the tag */
    int pron_prev;     /* ... last subject of that gender in the paragraph before */
    int pron_recent;   /* ... seen last */
    int pron_topic;    /* ... last to open a sentence of narration */
    int noun;          /* a `said his wife` tag's referent */
    int beat_pron;     /* a `she smiled.` beat's referent */
    int lead;          /* the speaker announced by the paragraph before */
    int para_tag;      /* the speaker another quote's tag names */
    dramatis_gender beat_gender;   /* of a `she smiled.` beat or a `she said:` lead, resolved or not */
};

struct candidate {
    int character;
    double f[ATTR_N_FEATURES];
    double score;
};

struct run {
    struct dramatis_book *book;
    const double *weights;
    attr_observer observe;
    void *observe_ctx;
    struct attr_names names;
    struct attr_reader reader;
    dramatis_gender *gender;
    unsigned char *indefinite; /* per character: how_indefinite() the cast calls it; such
                                * a one is never what a he or she refers to */
    long *mentions;
    long max_mentions;
    int salient[MAX_SALIENT];  /* the characters named most, most first */
    size_t n_salient;
    int narrator;
    struct para_ev *paras;
    size_t n_paras;
    struct quote_ev *quotes;
    size_t n_quotes, cap_quotes;
    /* what decoding has seen so far */
    long *seen_para;           /* per character: paragraph last seen, -1 never */
    long *seen_clock;          /* per character: order of that sighting */
    long *spoke_chapter;       /* per character: chapter it last spoke in, -1 */
    long clock;
    struct turn turns[MAX_TURNS];   /* turns[0] the latest */
    size_t n_turns;
    size_t gap;                /* narration paragraphs since the last turn */
    int topic[3];              /* per gender: the last name to open a sentence of narration
                                * since the scene began */
    int center[3];             /* per gender: the one the scene is about, the last
                                * to speak or to open a sentence of narration */
    struct candidate *cands;
    size_t n_cands, cap_cands;
    int *record;               /* per paragraph: its last quote's speaker, kept by the first reading */
    int *first;                /* the first reading's, NULL during it */
};

static int in_set(const int *set, size_t n, int c)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (set[i] == c)
            return 1;
    }
    return 0;
}

static dramatis_gender other_gender(dramatis_gender g)
{
    return g == DRAMATIS_GENDER_MALE ? DRAMATIS_GENDER_FEMALE
         : g == DRAMATIS_GENDER_FEMALE ? DRAMATIS_GENDER_MALE : DRAMATIS_GENDER_UNKNOWN;
}

/* Nonzero when quote q's paragraph, one speaker's turn, addresses c
 * (`"Ann," he says, "we must go."`) or its tag says it is said to c
 * (`said she to Ann`). */
static int spoken_to(const struct run *r, const struct quote_ev *q, int c)
{
    const struct para_ev *pe = &r->paras[q->para];

    return in_set(pe->voc, pe->n_voc, c) || pe->listener == c;
}

/* ---- gathering: one pass over the book, no decisions ---- */

/* The tag evidence of dialogue segment si: a speech tag after it, else one
 * before it, else a beat before, else a beat after. */
static void quote_tag(struct run *r, const struct paragraph *p, size_t si, struct attr_tag *tag)
{
    const char *text = r->book->text;
    const struct attr_reader *rd = &r->reader;
    struct attr_tag after, before;
    int has_after = 0, has_before = 0;

    memset(tag, 0, sizeof *tag);
    if (si + 1 < p->n_segments && p->segments[si + 1].kind == SEGMENT_NARRATION)
        has_after = attr_tag_after(text, rd->toks + rd->seg_from[si + 1],
                                   rd->seg_to[si + 1] - rd->seg_from[si + 1], &after);
    if (si > 0 && p->segments[si - 1].kind == SEGMENT_NARRATION)
        has_before = attr_tag_before(text, rd->toks + rd->seg_from[si - 1],
                                     rd->seg_to[si - 1] - rd->seg_from[si - 1], &before);
    if (has_after && after.is_tag) {
        *tag = after;
    } else if (has_before && before.is_tag) {
        *tag = before;
        /* `"Yes," said he, "I know."`: the tag between two quotes */
        if (si >= 2 && p->segments[si - 2].kind == SEGMENT_DIALOGUE)
            tag->rule = "tag-inside";
    } else if (has_before) {
        *tag = before;
    } else if (has_after) {
        *tag = after;
    }
}

static dramatis_status push_quote(struct run *r, struct quote_ev **out)
{
    if (r->n_quotes == r->cap_quotes) {
        size_t cap = r->cap_quotes ? r->cap_quotes * 2 : 256;
        struct quote_ev *grown = realloc(r->quotes, cap * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        r->quotes = grown;
        r->cap_quotes = cap;
    }
    *out = &r->quotes[r->n_quotes++];
    memset(*out, 0, sizeof **out);
    return DRAMATIS_OK;
}

static size_t count_before(const size_t *pos, size_t n, size_t at)
{
    size_t k = 0;

    while (k < n && pos[k] < at)
        k++;
    return k;
}

/* The gender a `he` or `she` at t stands for; unknown for other words. */
static dramatis_gender pronoun_gender(const char *text, const struct attr_tok *t)
{
    if (attr_tok_is(text, t, "he"))
        return DRAMATIS_GENDER_MALE;
    if (attr_tok_is(text, t, "she"))
        return DRAMATIS_GENDER_FEMALE;
    return DRAMATIS_GENDER_UNKNOWN;
}

/* Whether character c is among tokens t[0, n) only by weak names. */
static int weak_only(const struct attr_tok *t, size_t n, int c)
{
    size_t k;

    for (k = 0; k < n; k++) {
        if (t[k].kind == ATTR_TOK_NAME && t[k].character == c && !t[k].weak)
            return 0;
    }
    return 1;
}

/* The names, subjects, quotes and tags of one paragraph. */
static dramatis_status gather_paragraph(struct run *r, struct paragraph *p, struct para_ev *pe)
{
    const char *text = r->book->text;
    struct attr_reader *rd = &r->reader;
    struct quote_ev *q;
    size_t si, k, nt, at;
    int last[3] = { -1, -1, -1 };   /* per gender: the last named in narration */
    int obj;
    dramatis_status st;

    pe->q0 = r->n_quotes;
    pe->named = pe->listener = pe->pron_subject = -1;
    st = attr_read_paragraph(rd, p);
    if (st != DRAMATIS_OK)
        return st;
    for (si = 0; si < p->n_segments; si++) {
        const struct attr_tok *t = rd->toks + rd->seg_from[si];
        nt = rd->seg_to[si] - rd->seg_from[si];
        if (p->segments[si].kind != SEGMENT_NARRATION)
            continue;
        for (k = 0; k < nt; k++) {
            int c = t[k].kind == ATTR_TOK_NAME ? t[k].character : -1;
            if (c < 0 && r->narrator >= 0 && t[k].kind == ATTR_TOK_WORD &&
                t[k].end - t[k].start == 1 && text[t[k].start] == 'I')
                c = r->narrator;
            if (c < 0 && t[k].kind == ATTR_TOK_WORD && attr_opens_clause(text, t, k)) {
                /* `The smile left Ann's face, and she frowned.`: the last
                 * one of that gender named before; with none, the one the
                 * scene is about (decoding resolves it) */
                dramatis_gender g = pronoun_gender(text, &t[k]);
                if (g != DRAMATIS_GENDER_UNKNOWN) {
                    pe->pron_subject = last[g];
                    pe->pron_open = last[g] < 0 ? g : DRAMATIS_GENDER_UNKNOWN;
                }
            }
            if (c < 0)
                continue;
            /* `Ann and Ben sat down`: they, not a he for later */
            if (c != r->narrator && !r->indefinite[c] && !attr_coordinated(text, t, nt, k))
                last[r->gender[c]] = c;
            /* `alone with Ann`: a name only ever after a preposition is
             * marked, someone the paragraph is not about */
            at = name_index(pe, c);
            obj = attr_object_of_preposition(text, t, k);
            if (at == pe->n_names && pe->n_names < MAX_PARA_NAMES) {
                pe->name_pos[pe->n_names] = t[k].start;
                pe->names[pe->n_names++] = c;
                pe->name_obj |= (unsigned)obj << at;
            } else if (at < pe->n_names && !obj) {
                pe->name_obj &= ~(1u << at);
            }
            /* `Ann's heart sank.` makes Ann the `she` of what follows */
            if (attr_opens_clause(text, t, k) && !attr_coordinated(text, t, nt, k)) {
                if (pe->n_subjects == MAX_SUBJECTS) {
                    memmove(pe->subjects, pe->subjects + 1, (MAX_SUBJECTS - 1) * sizeof pe->subjects[0]);
                    pe->n_subjects--;
                }
                pe->subjects[pe->n_subjects++] = c;
            }
        }
    }
    for (si = 0; si < p->n_segments; si++) {
        struct segment *seg = &p->segments[si];
        const struct attr_tok *t = rd->toks + rd->seg_from[si];
        nt = rd->seg_to[si] - rd->seg_from[si];
        if (seg->kind != SEGMENT_DIALOGUE)
            continue;
        st = push_quote(r, &q);
        if (st != DRAMATIS_OK)
            return st;
        q->seg = seg;
        q->para = (size_t)(pe - r->paras);
        q->in_para = pe->nq++;
        if (q->in_para == 0)
            pe->continued = seg->continued;
        quote_tag(r, p, si, &q->tag);
        q->names_before = q->tag.rule ? count_before(pe->name_pos, pe->n_names, q->tag.pos) : 0;
        if (q->tag.is_tag && q->tag.to.kind == ATTR_SUBJ_NAME && pe->listener < 0)
            pe->listener = q->tag.to.character;
        /* a speech going on from the paragraph before is its speaker's
         * whatever its tag says: `"...," said I` inside a story told
         * aloud is the teller's own words */
        if (q->tag.is_tag && pe->named < 0 && !seg->continued) {
            if (q->tag.subj.kind == ATTR_SUBJ_NAME)
                pe->named = q->tag.subj.character;
            else if (q->tag.subj.kind == ATTR_SUBJ_I)
                pe->named = r->narrator;
        }
        /* `"Miss Gray," said he, "has told me..."`: a name the tag
         * interrupts is the subject of the sentence it goes on with */
        if (nt >= 1 && nt <= 2 && t[0].kind == ATTR_TOK_NAME && si + 2 < p->n_segments &&
            p->segments[si + 2].kind == SEGMENT_DIALOGUE &&
            rd->seg_to[si + 2] > rd->seg_from[si + 2] &&
            attr_predicate_start(text, &rd->toks[rd->seg_from[si + 2]]))
            continue;
        q->n_voc = attr_vocatives(text, t, nt, q->voc, q->ment, &q->n_ment);
        for (k = 0; k < q->n_voc; k++)
            q->voc_weak |= (unsigned)weak_only(t, nt, q->voc[k]) << k;
    }
    /* `...and he continued:` (or `"Come." And she was leaving, when Ann
     * called out,`) announces the next paragraph's quote */
    si = p->n_segments;
    if (si > 0 && p->segments[si - 1].kind == SEGMENT_NARRATION) {
        const struct attr_tok *t = rd->toks + rd->seg_from[si - 1];
        struct attr_tag tag, own;
        nt = rd->seg_to[si - 1] - rd->seg_from[si - 1];
        if (nt > 0 && attr_tag_before(text, t, nt, &tag) && tag.is_tag &&
            (pe->nq == 0 || ((t[nt - 1].kind == ATTR_TOK_PUNCT &&
                              (t[nt - 1].punct == ',' || t[nt - 1].punct == ':')) &&
                             !(attr_tag_after(text, t, nt, &own) && own.is_tag)))) {
            pe->has_lead = 1;
            pe->lead = tag.subj;
        }
    }
    return DRAMATIS_OK;
}

/* Whether the narration names character c within WINDOW_PARAS paragraphs
 * of paragraph pi, before or after. */
static int named_near(const struct run *r, size_t pi, int c)
{
    size_t k = pi > WINDOW_PARAS ? pi - WINDOW_PARAS : 0;

    for (; k < r->n_paras && k <= pi + WINDOW_PARAS; k++) {
        if (in_set(r->paras[k].names, r->paras[k].n_names, c))
            return 1;
    }
    return 0;
}

/* `Yes, aunt.`: a weak name (a kin or rank word, a lowercase alias)
 * addresses its character only where the narration names them near by;
 * elsewhere the word is someone else's aunt.  Drops such vocatives from
 * paragraph pi's quotes, then lists whom the quotes still address as the
 * paragraph's. */
static void list_vocatives(struct run *r, size_t pi)
{
    struct para_ev *pe = &r->paras[pi];
    size_t i, k, kept;

    pe->n_voc = 0;
    for (i = pe->q0; i < pe->q0 + pe->nq; i++) {
        struct quote_ev *q = &r->quotes[i];
        for (k = 0, kept = 0; k < q->n_voc; k++) {
            if (!(q->voc_weak >> k & 1u) || named_near(r, pi, q->voc[k]))
                q->voc[kept++] = q->voc[k];
        }
        q->n_voc = kept;
        q->voc_weak = 0;
        for (k = 0; k < q->n_voc && pe->n_voc < ATTR_MAX_VOC; k++) {
            if (!in_set(pe->voc, pe->n_voc, q->voc[k]))
                pe->voc[pe->n_voc++] = q->voc[k];
        }
    }
}

static dramatis_status gather(struct run *r)
{
    struct dramatis_book *b = r->book;
    size_t ci, pi, n = 0;
    dramatis_status st;

    for (ci = 0; ci < b->n_chapters; ci++)
        n += b->chapters[ci].n_paragraphs;
    r->paras = calloc(n + 1, sizeof *r->paras);
    if (r->paras == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (ci = 0; ci < b->n_chapters; ci++) {
        for (pi = 0; pi < b->chapters[ci].n_paragraphs; pi++) {
            struct paragraph *p = &b->chapters[ci].paragraphs[pi];
            struct para_ev *pe = &r->paras[r->n_paras++];
            pe->chapter = ci;
            pe->brk = pi == 0 || p->scene_break_before;
            st = gather_paragraph(r, p, pe);
            if (st != DRAMATIS_OK)
                return st;
        }
    }
    for (pi = 0; pi < r->n_paras; pi++)
        list_vocatives(r, pi);
    return DRAMATIS_OK;
}

/* ---- decoding: quote after quote ---- */

static void seen(struct run *r, int c, size_t para)
{
    if (c < 0)
        return;
    r->seen_para[c] = (long)para;
    r->seen_clock[c] = ++r->clock;
}

/* The character a `he` or `she` beside a quote refers to: the first of
 * that gender named in the paragraph before it, else the last subject of
 * that gender in the paragraph before, else the one of that gender seen
 * last; never the narrator, nor one the quote addresses. */
static void gender_referents(const struct run *r, const struct quote_ev *q, dramatis_gender g,
                             size_t names_before, int out[3])
{
    const struct para_ev *pe = &r->paras[q->para];
    size_t i, c;
    long best_clock = -1;

    out[0] = out[1] = out[2] = -1;
    if (g == DRAMATIS_GENDER_UNKNOWN)
        return;
#define FITS(ch) (r->gender[ch] == g && (ch) != r->narrator && !spoken_to(r, q, ch) && \
                  !r->indefinite[ch])
    for (i = 0; i < names_before && i < pe->n_names && out[0] < 0; i++) {
        if (FITS(pe->names[i]))
            out[0] = pe->names[i];
    }
    if (q->para > 0 && !pe->brk) {
        const struct para_ev *prev = &r->paras[q->para - 1];
        for (i = prev->n_subjects; i > 0 && out[1] < 0; i--) {
            if (FITS(prev->subjects[i - 1]))
                out[1] = prev->subjects[i - 1];
        }
    }
    for (c = 0; c < r->book->n_characters; c++) {
        if (r->seen_para[c] < 0 || (long)q->para - r->seen_para[c] > WINDOW_PARAS || !FITS((int)c))
            continue;
        if (r->seen_clock[c] > best_clock) {
            best_clock = r->seen_clock[c];
            out[2] = (int)c;
        }
    }
#undef FITS
}

static int resolve_gender(const struct run *r, const struct quote_ev *q, dramatis_gender g,
                          size_t names_before)
{
    int ref[3];

    gender_referents(r, q, g, names_before, ref);
    return ref[0] >= 0 ? ref[0] : ref[1] >= 0 ? ref[1] : ref[2];
}

/* `said his wife`: the one of that title and surname married to the
 * owner, else the noun's gender resolved as a pronoun. */
static int resolve_noun(const struct run *r, const struct quote_ev *q, const struct attr_subject *s)
{
    dramatis_gender og = s->owner == 1 ? DRAMATIS_GENDER_MALE : DRAMATIS_GENDER_FEMALE;
    int owner, c;

    if (s->owner && s->spouse) {
        /* `"My dear Tom," said his wife`: the owner is the one addressed */
        const struct para_ev *pe = &r->paras[q->para];
        size_t k;
        owner = -1;
        for (k = 0; k < pe->n_voc && owner < 0; k++) {
            if (r->gender[pe->voc[k]] == og)
                owner = pe->voc[k];
        }
        if (owner < 0)
            owner = resolve_gender(r, q, og, q->names_before);
        if (owner >= 0) {
            const char *nm = r->book->characters[owner].name;
            c = strncmp(nm, "Mr. ", 4) == 0 ? attr_spouse_of(r->book, owner, "Mrs. ")
              : strncmp(nm, "Mrs. ", 5) == 0 ? attr_spouse_of(r->book, owner, "Mr. ") : -1;
            if (c >= 0)
                return c;
        }
    }
    if (s->owner && s->parent && s->gender != DRAMATIS_GENDER_UNKNOWN) {
        /* `said her father`: of the married pairs the book names `Mr. X`
         * and `Mrs. X`, the one it names most */
        const char *title = s->gender == DRAMATIS_GENDER_MALE ? "Mr. " : "Mrs. ";
        const char *other = s->gender == DRAMATIS_GENDER_MALE ? "Mrs. " : "Mr. ";
        size_t k;
        c = -1;
        for (k = 0; k < r->book->n_characters; k++) {
            if (strncmp(r->book->characters[k].name, title, strlen(title)) == 0 &&
                attr_spouse_of(r->book, (int)k, other) >= 0 &&
                (c < 0 || r->mentions[k] > r->mentions[c]))
                c = (int)k;
        }
        if (c >= 0)
            return c;
    }
    return resolve_gender(r, q, s->gender, q->names_before);
}

/* The speaker of the nearest paragraph whose tag names it, dir turns away
 * (1 ahead, -1 back) within the conversation; *steps gets how many turns. */
static int named_turn(const struct run *r, size_t para, int dir, size_t *steps)
{
    size_t pi = para;

    *steps = 0;
    for (;;) {
        if (dir < 0) {
            if (r->paras[pi].brk || pi == 0)
                return -1;
            pi--;
        } else {
            pi++;
            if (pi >= r->n_paras || r->paras[pi].brk)
                return -1;
        }
        if (r->paras[pi].nq == 0)
            return -1;   /* a narration paragraph ends the exchange */
        if (r->paras[pi].continued && dir > 0)
            continue;
        if (!(r->paras[pi].continued && dir < 0))
            ++*steps;
        if (*steps > MAX_AHEAD)
            return -1;
        if (r->paras[pi].named >= 0)
            return r->paras[pi].named;
    }
}

static dramatis_status add_candidate(struct run *r, int c)
{
    size_t i;

    if (c < 0)
        return DRAMATIS_OK;
    for (i = 0; i < r->n_cands; i++) {
        if (r->cands[i].character == c)
            return DRAMATIS_OK;
    }
    if (r->n_cands == r->cap_cands) {
        size_t cap = r->cap_cands ? r->cap_cands * 2 : 32;
        struct candidate *grown = realloc(r->cands, cap * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        r->cands = grown;
        r->cap_cands = cap;
    }
    memset(&r->cands[r->n_cands], 0, sizeof r->cands[0]);
    r->cands[r->n_cands++].character = c;
    return DRAMATIS_OK;
}


/* Who could say quote q: whoever its tag names, the paragraph's names,
 * the last turns' speakers and listeners, the narrator, and everyone seen
 * within the window. */
static dramatis_status collect_candidates(struct run *r, const struct quote_ev *q, int ahead,
                                          int behind, const struct pointers *pt)
{
    const struct para_ev *pe = &r->paras[q->para];
    size_t i, c;
    dramatis_status st = DRAMATIS_OK;

    r->n_cands = 0;
    if (q->tag.subj.kind == ATTR_SUBJ_NAME)
        st = add_candidate(r, q->tag.subj.character);
    if (st == DRAMATIS_OK)
        st = add_candidate(r, pt->pron_near);
    if (st == DRAMATIS_OK)
        st = add_candidate(r, pt->noun);
    if (st == DRAMATIS_OK)
        st = add_candidate(r, pt->beat_pron);
    if (st == DRAMATIS_OK)
        st = add_candidate(r, pt->lead);
    if (st == DRAMATIS_OK)
        st = add_candidate(r, pt->para_tag);
    for (i = 0; i < pe->n_names && st == DRAMATIS_OK; i++)
        st = add_candidate(r, pe->names[i]);
    for (i = 0; i < r->n_turns && st == DRAMATIS_OK; i++) {
        size_t v;
        st = add_candidate(r, r->turns[i].speaker);
        for (v = 0; v < r->turns[i].n_voc && st == DRAMATIS_OK; v++)
            st = add_candidate(r, r->turns[i].voc[v]);
        if (st == DRAMATIS_OK)
            st = add_candidate(r, r->turns[i].listener);
    }
    if (st == DRAMATIS_OK)
        st = add_candidate(r, r->narrator);
    if (st == DRAMATIS_OK)
        st = add_candidate(r, ahead);
    if (st == DRAMATIS_OK)
        st = add_candidate(r, behind);
    if (q->para > 0 && !pe->brk) {
        const struct para_ev *prev = &r->paras[q->para - 1];
        for (i = 0; i < prev->n_subjects && st == DRAMATIS_OK; i++)
            st = add_candidate(r, prev->subjects[i]);
    }
    for (c = 0; c < r->book->n_characters && st == DRAMATIS_OK; c++) {
        if (r->seen_para[c] >= 0 && (long)q->para - r->seen_para[c] <= WINDOW_PARAS)
            st = add_candidate(r, (int)c);
    }
    /* before anyone is seen: the characters the book names most */
    for (i = 0; i < r->n_salient && st == DRAMATIS_OK; i++)
        st = add_candidate(r, r->salient[i]);
    /* `"Two!" somebody cried.`: nobody in particular says only what a
     * tag gives them; the next untagged line is someone else's */
    for (i = 0, c = 0; i < r->n_cands; i++) {
        int ch = r->cands[i].character;
        if (r->indefinite[ch] < 2 || (q->tag.subj.kind == ATTR_SUBJ_NAME && q->tag.subj.character == ch) ||
            pe->named == ch)
            r->cands[c++] = r->cands[i];
    }
    if (c > 0)
        r->n_cands = c;
    /* nobody calls themselves by name, nor says a thing `to` themselves:
     * whom the quote addresses, or its tag says it is said to, is out,
     * unless nobody else is left */
    for (i = 0, c = 0; i < r->n_cands; i++)
        c += !spoken_to(r, q, r->cands[i].character);
    if (c > 0) {
        size_t kept = 0;
        for (i = 0; i < r->n_cands; i++) {
            if (!spoken_to(r, q, r->cands[i].character))
                r->cands[kept++] = r->cands[i];
        }
        r->n_cands = kept;
    }
    return st;
}

/* The speaker of the lead-in of the paragraph before q's, or -1. */
static int lead_speaker(const struct run *r, const struct quote_ev *q)
{
    const struct para_ev *prev;

    if (q->in_para != 0 || q->para == 0 || r->paras[q->para].brk)
        return -1;
    prev = &r->paras[q->para - 1];
    if (!prev->has_lead)
        return -1;
    switch (prev->lead.kind) {
    case ATTR_SUBJ_NAME:
        return prev->lead.character;
    case ATTR_SUBJ_I:
        return r->narrator;
    case ATTR_SUBJ_PRON:
        /* `She turned to him and said:` the she that opened the
         * paragraph's last sentence, as the paragraph resolved it */
        if (prev->nq != 0)
            return -1;
        if (prev->pron_decoded >= 0 && r->gender[prev->pron_decoded] == prev->lead.gender)
            return prev->pron_decoded;
        return resolve_gender(r, q, prev->lead.gender, 0);
    default:
        return -1;
    }
}

/* The gender a pronoun beat beside quote q, or a pronoun lead in the
 * paragraph before, gives its speaker, even when it names nobody yet:
 * `She turned. "Who's there?"` is a woman's line. */
static dramatis_gender beat_gender(const struct run *r, const struct quote_ev *q)
{
    const struct attr_subject *s = &q->tag.subj;
    const struct para_ev *prev;

    if (q->tag.rule && !q->tag.is_tag)
        return s->kind == ATTR_SUBJ_PRON ? s->gender : DRAMATIS_GENDER_UNKNOWN;
    if (q->tag.is_tag || q->in_para != 0 || q->para == 0 || r->paras[q->para].brk)
        return DRAMATIS_GENDER_UNKNOWN;
    prev = &r->paras[q->para - 1];
    if (!prev->has_lead || prev->nq != 0 || prev->lead.kind != ATTR_SUBJ_PRON)
        return DRAMATIS_GENDER_UNKNOWN;
    return prev->lead.gender;
}

/* Fills every candidate's features for quote q; prev_in_para is the
 * speaker chosen for the quote before it in the paragraph, or -1. */
/* Who a first reading made speak the next two turns of the conversation. */
struct next_turns {
    int next, next2;
    long voc_next;     /* the next quote paragraph, when it follows right on, or -1 */
};

/* From the first reading's turn speakers, the next two turns after
 * paragraph pi, within the conversation; none in the first reading. */
static void next_turns(const struct run *r, size_t pi, struct next_turns *nx)
{
    size_t k, found = 0;

    nx->next = nx->next2 = -1;
    nx->voc_next = pi + 1 < r->n_paras && !r->paras[pi + 1].brk && r->paras[pi + 1].nq > 0 &&
                   !r->paras[pi + 1].continued ? (long)pi + 1 : -1;
    if (r->first == NULL)
        return;
    for (k = pi + 1; k < r->n_paras && found < 2; k++) {
        const struct para_ev *pe = &r->paras[k];
        if (pe->brk || pe->nq == 0)
            break;
        if (pe->continued)
            continue;
        if (found++ == 0)
            nx->next = r->first[k];
        else
            nx->next2 = r->first[k];
    }
}

/* Resolves the pronouns and descriptions beside quote q. */
static void point(const struct run *r, const struct quote_ev *q, struct pointers *pt)
{
    const struct attr_subject *s = &q->tag.subj;

    pt->pron_near = pt->noun = pt->beat_pron = -1;
    pt->pron_para = pt->pron_prev = pt->pron_recent = pt->pron_topic = -1;
    if (q->tag.is_tag && s->kind == ATTR_SUBJ_PRON) {
        int ref[3];
        gender_referents(r, q, s->gender, q->names_before, ref);
        pt->pron_para = ref[0];
        pt->pron_prev = ref[1];
        pt->pron_recent = ref[2];
        pt->pron_topic = r->topic[s->gender];
        if (pt->pron_topic >= 0 && (in_set(q->voc, q->n_voc, pt->pron_topic) ||
                                    (long)q->para - r->seen_para[pt->pron_topic] > WINDOW_PARAS))
            pt->pron_topic = -1;
        pt->pron_near = ref[0] >= 0 ? ref[0] : ref[1] >= 0 ? ref[1] : ref[2];
    }
    if (q->tag.is_tag && s->kind == ATTR_SUBJ_NOUN)
        pt->noun = resolve_noun(r, q, s);
    if (q->tag.rule && !q->tag.is_tag && s->kind == ATTR_SUBJ_PRON)
        pt->beat_pron = resolve_gender(r, q, s->gender, q->names_before);
    pt->lead = lead_speaker(r, q);
    pt->beat_gender = beat_gender(r, q);
    pt->para_tag = q->tag.is_tag ? -1 : r->paras[q->para].named;
}

static void compute_features(struct run *r, const struct quote_ev *q, int prev_in_para,
                             int ahead, size_t ahead_steps, int behind, size_t behind_steps,
                             const struct pointers *pt, const struct next_turns *nx)
{
    const struct para_ev *pe = &r->paras[q->para];
    const struct attr_subject *s = &q->tag.subj;
    const struct turn *t0 = r->n_turns > 0 ? &r->turns[0] : NULL;
    const struct turn *t1 = r->n_turns > 1 ? &r->turns[1] : NULL;
    size_t i, k, rank;
    double log_max = log(1.0 + (double)r->max_mentions);
    /* a long speech stands between the turns around it as narration
     * does: who spoke before a told story says little of who speaks
     * after it */
    size_t gap = r->gap + (t0 && t0->paras >= LONG_SPEECH);
    int named = q->tag.is_tag && (s->kind == ATTR_SUBJ_NAME ||
                                  (s->kind == ATTR_SUBJ_I && r->narrator >= 0));

    for (i = 0; i < r->n_cands; i++) {
        struct candidate *cd = &r->cands[i];
        int c = cd->character;
        double *f = cd->f;
        dramatis_gender g = r->gender[c];

        memset(f, 0, sizeof cd->f);
        if (q->tag.is_tag) {
            f[ATTR_F_TAG_NAME] = (s->kind == ATTR_SUBJ_NAME && s->character == c) ||
                                 (s->kind == ATTR_SUBJ_I && c == r->narrator);
            if (s->kind == ATTR_SUBJ_PRON && s->gender != DRAMATIS_GENDER_UNKNOWN) {
                f[ATTR_F_TAG_PRON] = g == s->gender && c != r->narrator;
                f[ATTR_F_TAG_PRON_OTHER] = g == other_gender(s->gender) || c == r->narrator;
                f[ATTR_F_TAG_PRON_NEAR] = c == pt->pron_near;
                f[ATTR_F_PRON_PARA] = c == pt->pron_para;
                f[ATTR_F_PRON_PREV] = c == pt->pron_prev;
                f[ATTR_F_PRON_RECENT] = c == pt->pron_recent;
                f[ATTR_F_PRON_TOPIC] = c == pt->pron_topic;
                if (g == s->gender && t0) {
                    f[ATTR_F_PRON_LAST] = t0->speaker == c;
                    f[ATTR_F_PRON_LAST2] = t1 && t1->speaker == c && t0->speaker != c;
                }
            }
            f[ATTR_F_TAG_NOUN] = s->kind == ATTR_SUBJ_NOUN && c == pt->noun;
            f[ATTR_F_TAG_OTHER] = s->kind == ATTR_SUBJ_OTHER && t0 && c != t0->speaker;
        } else if (q->tag.rule) {
            f[ATTR_F_BEAT_NAME] = (s->kind == ATTR_SUBJ_NAME && s->character == c) ||
                                  (s->kind == ATTR_SUBJ_I && c == r->narrator);
            f[ATTR_F_BEAT_PRON] = c == pt->beat_pron;
        }
        if (pt->beat_gender != DRAMATIS_GENDER_UNKNOWN) {
            f[ATTR_F_BEAT_GENDER] = g == pt->beat_gender && c != r->narrator;
            f[ATTR_F_BEAT_GENDER_OTHER] = g == other_gender(pt->beat_gender) || c == r->narrator;
        }
        f[ATTR_F_MENT_SELF] = in_set(q->ment, q->n_ment, c);
        f[ATTR_F_SAME_PARA] = q->in_para > 0 && prev_in_para == c;
        if (named)
            continue;   /* `said Ann`: the scene around it has no say */
        f[ATTR_F_PARA_TAG] = c == pt->para_tag;
        f[ATTR_F_LEAD] = c == pt->lead;
        k = name_index(pe, c);
        if (k < pe->n_names)
            f[pe->name_obj >> k & 1u ? ATTR_F_PARA_NAME_OBJ : ATTR_F_PARA_NAME] = 1;
        if (q->para > 0 && !pe->brk) {
            const struct para_ev *prev = &r->paras[q->para - 1];
            f[ATTR_F_PREV_SUBJECT] = prev->n_subjects > 0 && prev->subjects[prev->n_subjects - 1] == c;
            f[ATTR_F_PREV_PRON_SUBJECT] = prev->pron_decoded == c;
        }
        f[ATTR_F_NARRATOR] = c == r->narrator;
        if (t0) {
            f[ATTR_F_LAST] = t0->speaker == c && gap == 0;
            f[ATTR_F_LAST_GAP] = t0->speaker == c && gap > 0;
            f[ATTR_F_VOC_PREV] = in_set(t0->voc, t0->n_voc, c) && t0->speaker != c && gap == 0;
            f[ATTR_F_VOC_PREV_GAP] = in_set(t0->voc, t0->n_voc, c) && t0->speaker != c && gap > 0;
            f[ATTR_F_LISTENER_PREV] = t0->listener == c && t0->speaker != c && gap == 0;
            /* `"Is it far?" he asked. / "Not very."`: in a story told
             * by I, whom someone speaks to is, unless a third one spoke
             * before, I */
            f[ATTR_F_NARRATOR_REPLY] = c == r->narrator && t0->speaker != c && t0->speaker >= 0 &&
                                       gap == 0 && (!t1 || t1->speaker == c || t1->speaker == t0->speaker);
        }
        if (t1 && t0 && t1->speaker == c && t0->speaker != c) {
            f[ATTR_F_LAST2] = gap == 0 && t0->gap == 0;
            f[ATTR_F_LAST2_GAP] = !(gap == 0 && t0->gap == 0);
        }
        /* a reply names whom it answers first; a later name turns to
         * someone else: `"No, Ann. Is it, Tom?"` answers Ann */
        f[ATTR_F_VOC_NEXT] = nx->voc_next >= 0 && r->paras[nx->voc_next].n_voc > 0 &&
                             r->paras[nx->voc_next].voc[0] == c;
        f[ATTR_F_NEXT] = c == nx->next;
        f[ATTR_F_NEXT2] = c == nx->next2 && c != nx->next;
        if (ahead == c) {
            int far = ahead_steps > NEAR_TURNS;
            f[far ? ATTR_F_AHEAD_FAR_EVEN : ATTR_F_AHEAD_EVEN] = ahead_steps % 2 == 0;
            f[far ? ATTR_F_AHEAD_FAR_ODD : ATTR_F_AHEAD_ODD] = ahead_steps % 2 == 1;
        }
        if (behind == c) {
            int far = behind_steps > NEAR_TURNS;
            f[far ? ATTR_F_BEHIND_FAR_EVEN : ATTR_F_BEHIND_EVEN] = behind_steps % 2 == 0;
            f[far ? ATTR_F_BEHIND_FAR_ODD : ATTR_F_BEHIND_ODD] = behind_steps % 2 == 1;
        }
        rank = 0;
        for (k = 0; k < r->n_cands; k++) {
            if (r->seen_clock[r->cands[k].character] > r->seen_clock[c])
                rank++;
        }
        f[ATTR_F_RECENCY] = r->seen_clock[c] >= 0 ? 1.0 / (1.0 + (double)rank) : 0.0;
        f[ATTR_F_DISTANCE] = r->seen_para[c] < 0 ? 1.0
                           : fmin(1.0, (double)((long)q->para - r->seen_para[c]) / WINDOW_PARAS);
        f[ATTR_F_FREQUENCY] = log_max > 0 ? log(1.0 + (double)r->mentions[c]) / log_max : 0.0;
        f[ATTR_F_SPOKE] = r->spoke_chapter[c] == (long)pe->chapter;
    }
}

/* The feature that did most to put the winner ahead of the runner-up. */
static const char *deciding(const struct run *r, size_t best, size_t second)
{
    const double *w = r->weights;
    const struct candidate *a = &r->cands[best];
    size_t i, top = 0;
    double d, top_d = -1e300;

    for (i = 0; i < ATTR_N_FEATURES; i++) {
        d = w[i] * (a->f[i] - (second < r->n_cands ? r->cands[second].f[i] : 0.0));
        if (d > top_d) {
            top_d = d;
            top = i;
        }
    }
    return attr_feature_names[top];
}

/* Scores the candidates and gives quote q the best; returns the speaker. */
static int decide(struct run *r, const struct quote_ev *q)
{
    size_t i, k, best = 0, second = r->n_cands;
    double max, sum = 0.0;

    if (r->n_cands == 0) {
        q->seg->speaker = -1;
        q->seg->rule = "unknown";
        q->seg->confidence = 0.0;
        return -1;
    }
    for (i = 0; i < r->n_cands; i++) {
        double s = 0.0;
        for (k = 0; k < ATTR_N_FEATURES; k++)
            s += r->weights[k] * r->cands[i].f[k];
        r->cands[i].score = s;
        if (s > r->cands[best].score || i == 0)
            best = i;
    }
    for (i = 0; i < r->n_cands; i++) {
        if (i != best && (second == r->n_cands || r->cands[i].score > r->cands[second].score))
            second = i;
    }
    max = r->cands[best].score;
    for (i = 0; i < r->n_cands; i++)
        sum += exp(r->cands[i].score - max);
    q->seg->speaker = r->cands[best].character;
    q->seg->rule = deciding(r, best, second);
    /* a tag says where it stood: `tag-after`, `tag-before`, `tag-inside` */
    if (strcmp(q->seg->rule, attr_feature_names[ATTR_F_TAG_NAME]) == 0 && q->tag.rule)
        q->seg->rule = q->tag.rule;
    q->seg->confidence = 1.0 / sum;
    return q->seg->speaker;
}

/* Decides the quotes of paragraph pi, then moves the conversation on. */
static dramatis_status decode_paragraph(struct run *r, size_t pi)
{
    struct para_ev *pe = &r->paras[pi];
    struct turn turn;
    size_t i, k, ahead_steps = 0, behind_steps = 0;
    int prev = -1, ahead, behind;
    struct next_turns nx;
    dramatis_status st;

    if (pe->brk) {
        r->n_turns = 0;
        r->gap = 0;
        /* a new scene names its people again: a bare he or she after it
         * is nobody the scene before kept opening sentences with */
        r->topic[0] = r->topic[1] = r->topic[2] = -1;
    }
    if (pe->nq > 0) {
        ahead = named_turn(r, pi, 1, &ahead_steps);
        behind = named_turn(r, pi, -1, &behind_steps);
        next_turns(r, pi, &nx);
    }
    for (i = 0; i < pe->nq; i++) {
        const struct quote_ev *q = &r->quotes[pe->q0 + i];
        struct pointers pt;
        if (i == 0 && pe->continued && r->n_turns > 0 && r->turns[0].speaker >= 0) {
            /* the quote left open at the end of the paragraph before goes
             * on here: the same speech, no choice to make */
            q->seg->speaker = prev = r->turns[0].speaker;
            q->seg->rule = "continuation";
            q->seg->confidence = r->turns[0].confidence;
            continue;
        }
        point(r, q, &pt);
        st = collect_candidates(r, q, ahead, behind, &pt);
        if (st != DRAMATIS_OK)
            return st;
        compute_features(r, q, prev, ahead, ahead_steps, behind, behind_steps, &pt, &nx);
        prev = decide(r, q);
        if (r->observe && r->first) {
            size_t j;
            for (j = 0; j < r->n_cands; j++)
                r->observe(r->observe_ctx, q->seg, j, r->cands[j].character, r->cands[j].f,
                           r->n_cands);
            if (r->n_cands == 0)
                r->observe(r->observe_ctx, q->seg, 0, -1, NULL, 0);
        }
    }
    /* what this paragraph shows is present now */
    for (k = 0; k < pe->n_names; k++)
        seen(r, pe->names[k], pi);
    pe->pron_decoded = pe->pron_open ? r->center[pe->pron_open] : pe->pron_subject;
    for (k = 0; k < pe->n_subjects; k++) {
        int c = pe->subjects[k];
        if (c != r->narrator && !r->indefinite[c])
            r->topic[r->gender[c]] = r->center[r->gender[c]] = c;
    }
    for (i = 0; i < pe->nq; i++) {
        int c = r->quotes[pe->q0 + i].seg->speaker;
        if (c >= 0 && c != r->narrator && !r->indefinite[c])
            r->center[r->gender[c]] = c;
    }
    if (pe->nq == 0) {
        r->gap++;
        return DRAMATIS_OK;
    }
    memset(&turn, 0, sizeof turn);
    turn.speaker = prev;
    turn.confidence = pe->nq > 0 ? r->quotes[pe->q0 + pe->nq - 1].seg->confidence : 0.0;
    turn.listener = -1;
    turn.gap = r->gap;
    for (i = 0; i < pe->nq; i++) {
        const struct quote_ev *q = &r->quotes[pe->q0 + i];
        for (k = 0; k < q->n_voc && turn.n_voc < ATTR_MAX_VOC; k++) {
            turn.voc[turn.n_voc++] = q->voc[k];
            seen(r, q->voc[k], pi);
        }
        if (q->tag.is_tag && q->tag.to.kind == ATTR_SUBJ_NAME)
            turn.listener = q->tag.to.character;
        if (q->seg->speaker >= 0) {
            seen(r, q->seg->speaker, pi);
            r->spoke_chapter[q->seg->speaker] = (long)pe->chapter;
        }
    }
    turn.paras = 1;
    if (pe->continued && r->n_turns > 0 && r->turns[0].speaker == turn.speaker) {
        turn.paras = r->turns[0].paras + 1;
        r->turns[0] = turn;   /* the same speech goes on */
    } else {
        memmove(r->turns + 1, r->turns, (MAX_TURNS - 1) * sizeof r->turns[0]);
        r->turns[0] = turn;
        if (r->n_turns < MAX_TURNS)
            r->n_turns++;
    }
    r->gap = 0;
    if (r->record)
        r->record[pi] = prev;
    return DRAMATIS_OK;
}

/* Reads the book once with no idea of the turns to come, keeping each
 * paragraph's speaker; then again, each quote seeing who the first
 * reading made speak the turns after it. */
static dramatis_status decode(struct run *r)
{
    size_t pi, c, nc = r->book->n_characters;
    int pass;
    dramatis_status st = DRAMATIS_OK;

    r->record = malloc((r->n_paras + 1) * sizeof *r->record);
    if (r->record == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (pass = 0; pass < 2 && st == DRAMATIS_OK; pass++) {
        for (c = 0; c < nc; c++)
            r->seen_para[c] = r->seen_clock[c] = r->spoke_chapter[c] = -1;
        r->clock = 0;
        r->n_turns = 0;
        r->topic[0] = r->topic[1] = r->topic[2] = -1;
        r->center[0] = r->center[1] = r->center[2] = -1;
        r->gap = 0;
        for (pi = 0; pi < r->n_paras && st == DRAMATIS_OK; pi++)
            st = decode_paragraph(r, pi);
        if (pass == 0) {
            r->first = r->record;
            r->record = NULL;
        }
    }
    return st;
}

/* ---- the run ---- */

static void run_cleanup(struct run *r)
{
    attr_names_cleanup(&r->names);
    attr_reader_cleanup(&r->reader);
    free(r->gender);
    free(r->indefinite);
    free(r->mentions);
    free(r->paras);
    free(r->quotes);
    free(r->seen_para);
    free(r->seen_clock);
    free(r->spoke_chapter);
    free(r->cands);
    free(r->record);
    free(r->first);
}

/* Nonzero when a character's name or alias is s (case ignored), or when
 * the description's last word, capitalised, is a word of a character's
 * name (`the colonel` when the book has `Colonel Brandt`). */
static int already_named(const struct dramatis_book *b, const char *s, const char *head)
{
    size_t c, j, hl = strlen(head);

    for (c = 0; c < b->n_characters; c++) {
        const struct character *ch = &b->characters[c];
        const char *p;
        if (strcasecmp(ch->name, s) == 0)
            return 1;
        for (j = 0; j < ch->n_aliases; j++) {
            if (strcasecmp(ch->aliases[j], s) == 0)
                return 1;
        }
        for (p = ch->name; (p = strstr(p, head)) != NULL; p += hl) {
            if ((p == ch->name || p[-1] == ' ') && (p[hl] == '\0' || p[hl] == ' '))
                return 1;
        }
    }
    return 0;
}

/* A speech tag's description as a name: `the young man` -> `The Young
 * Man`; the last word, capitalised, into head.  0 when it is no
 * description of a new person (`his wife` is a relative of someone the
 * book names). */
static int description_name(const char *text, const struct attr_subject *s, char *name, size_t size,
                            char *head, size_t head_size)
{
    static const char *const owners[] = { "His ", "Her ", "Their ", "Your ", "This ", "That " };
    size_t k, n = 0, h = 0, i;
    int word_start = 1;

    if (s->kind != ATTR_SUBJ_NOUN || s->desc_end <= s->desc_start ||
        s->desc_end - s->desc_start >= size)
        return 0;
    for (k = s->desc_start; k < s->desc_end; k++) {
        unsigned char ch = (unsigned char)text[k];
        if (text_space_len(text, k, s->desc_end) > 0) {
            k += text_space_len(text, k, s->desc_end) - 1;
            if (!word_start)
                name[n++] = ' ';
            word_start = 1;
            h = 0;
            continue;
        }
        name[n++] = word_start ? (char)toupper(ch) : (char)ch;
        if (h + 1 < head_size)
            head[h++] = word_start ? (char)toupper(ch) : (char)ch;
        word_start = 0;
    }
    name[n] = '\0';
    head[h] = '\0';
    for (i = 0; i < sizeof owners / sizeof owners[0]; i++) {
        if (strncmp(name, owners[i], strlen(owners[i])) == 0)
            return 0;
    }
    return n > 0;
}

/* Without a cast, a speaker the book never names is called by the
 * description its speech tags give (`"Hush!" said the old man` -> `The
 * Old Man`), so its quotes have a speaker and a voice of their own. */
static dramatis_status add_nameless(struct run *r)
{
    struct dramatis_book *b = r->book;
    size_t ci, pi, si, added = 0;
    char name[96], head[48];
    const char *alias[1];
    dramatis_status st = DRAMATIS_OK;

    for (ci = 0; ci < b->n_chapters && st == DRAMATIS_OK; ci++) {
        for (pi = 0; pi < b->chapters[ci].n_paragraphs && st == DRAMATIS_OK; pi++) {
            const struct paragraph *p = &b->chapters[ci].paragraphs[pi];
            st = attr_read_paragraph(&r->reader, p);
            for (si = 0; si < p->n_segments && st == DRAMATIS_OK && added < MAX_NAMELESS; si++) {
                struct attr_tag tag;
                char the[sizeof name];
                if (p->segments[si].kind != SEGMENT_DIALOGUE)
                    continue;
                quote_tag(r, p, si, &tag);
                if (!tag.is_tag || !description_name(b->text, &tag.subj, name, sizeof name, head, sizeof head) ||
                    already_named(b, name, head))
                    continue;
                /* `a man` first and `the man` after are one person */
                alias[0] = the;
                the[0] = '\0';
                if (strncmp(name, "A ", 2) == 0 || strncmp(name, "An ", 3) == 0)
                    snprintf(the, sizeof the, "The %s", strchr(name, ' ') + 1);
                st = book_character_add(b, name, alias, the[0] ? 1 : 0, tag.subj.gender, NULL);
                added++;
            }
        }
    }
    return st;
}

/* How indefinitely a name describes someone: 1 for a person met by an
 * article (`A Stranger`, who may go on talking as `the stranger`), 2 for
 * nobody in particular (`Somebody`, `One Of Them`, `Another`), 0 else. */
static int is_indefinite(const char *name)
{
    static const char *const anyone[] = {
        "somebody", "someone", "one", "another", "some", "anybody", "anyone", "everybody",
        "everyone", "several"
    };
    size_t i, n = strcspn(name, " ");

    for (i = 0; i < sizeof anyone / sizeof anyone[0]; i++) {
        if (strlen(anyone[i]) == n && strncasecmp(name, anyone[i], n) == 0)
            return 2;
    }
    if ((n == 1 && (name[0] == 'a' || name[0] == 'A')) || (n == 2 && strncasecmp(name, "an", 2) == 0))
        return 1;
    return 0;
}

/* How indefinitely the cast calls character ch: a person met by an
 * article whom the cast also calls by a definite name (`A Tall Thin Stranger`
 * with the alias `Corbin` or `The Stranger`) is someone in particular. */
static int how_indefinite(const struct character *ch)
{
    int level = is_indefinite(ch->name);
    size_t j;

    for (j = 0; j < ch->n_aliases && level == 1; j++) {
        if (is_indefinite(ch->aliases[j]) == 0)
            level = 0;
    }
    return level;
}

/* Names, genders and the narrator: what is known of the cast. */
static dramatis_status prepare_cast(struct run *r, int discovered)
{
    struct dramatis_book *book = r->book;
    size_t nc, c;
    dramatis_status st;

    st = attr_names_init(&r->names, book);
    if (st != DRAMATIS_OK)
        return st;
    r->reader.book = book;
    r->reader.names = &r->names;
    st = attr_prefer_salient_surnames(&r->names, &r->reader);
    if (st != DRAMATIS_OK)
        return st;
    r->narrator = attr_find_narrator(&r->reader);
    if (discovered) {
        size_t before = book->n_characters;
        st = add_nameless(r);
        if (st == DRAMATIS_OK && book->n_characters > before) {
            attr_names_cleanup(&r->names);
            st = attr_names_init(&r->names, book);
        }
        if (st != DRAMATIS_OK)
            return st;
    }
    if (r->narrator == -2) {
        /* a first-person narrator the cast leaves out speaks in its own right */
        size_t idx;
        const char *alias = "I";
        st = book_character_add(book, BOOK_FIRST_PERSON_NAME, &alias, 1, DRAMATIS_GENDER_UNKNOWN, &idx);
        if (st != DRAMATIS_OK)
            return st;
        r->narrator = (int)idx;
        attr_names_cleanup(&r->names);
        st = attr_names_init(&r->names, book);
        if (st == DRAMATIS_OK)
            st = attr_prefer_salient_surnames(&r->names, &r->reader);
        if (st != DRAMATIS_OK)
            return st;
    }
    nc = book->n_characters + 1;
    r->gender = calloc(nc, sizeof *r->gender);
    r->indefinite = calloc(nc, sizeof *r->indefinite);
    r->mentions = calloc(nc, sizeof *r->mentions);
    r->seen_para = malloc(nc * sizeof *r->seen_para);
    r->seen_clock = malloc(nc * sizeof *r->seen_clock);
    r->spoke_chapter = malloc(nc * sizeof *r->spoke_chapter);
    if (r->gender == NULL || r->indefinite == NULL || r->mentions == NULL || r->seen_para == NULL ||
        r->seen_clock == NULL ||
        r->spoke_chapter == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (c = 0; c < nc; c++)
        r->seen_para[c] = r->seen_clock[c] = r->spoke_chapter[c] = -1;
    for (c = 0; c < book->n_characters; c++)
        r->indefinite[c] = how_indefinite(&book->characters[c]);
    st = attr_infer_genders(book, &r->reader, r->gender, r->mentions);
    for (c = 0; c < book->n_characters; c++) {
        size_t k;
        if (r->mentions[c] > r->max_mentions)
            r->max_mentions = r->mentions[c];
        /* insertion into the short list of the most named */
        for (k = r->n_salient; k > 0 && r->mentions[r->salient[k - 1]] < r->mentions[c]; k--) {
            if (k < MAX_SALIENT)
                r->salient[k] = r->salient[k - 1];
        }
        if (k < MAX_SALIENT && r->mentions[c] > 0) {
            r->salient[k] = (int)c;
            if (r->n_salient < MAX_SALIENT)
                r->n_salient++;
        }
    }
    return st;
}

dramatis_status attr_run(struct dramatis_book *book, const double *weights, attr_observer observe,
                         void *observe_ctx, struct dramatis_error *err)
{
    struct run r;
    dramatis_status st;
    int discovered = 0;

    if (book == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, "", 0, "no book to attribute");
    memset(&r, 0, sizeof r);
    r.book = book;
    r.weights = weights ? weights : attr_weights;
    r.observe = observe;
    r.observe_ctx = observe_ctx;
    if (book->n_characters == 0) {
        st = attr_discover_cast(book, err);
        if (st != DRAMATIS_OK)
            return st;
        discovered = 1;
    }
    st = prepare_cast(&r, discovered);
    if (st == DRAMATIS_OK)
        st = gather(&r);
    if (st == DRAMATIS_OK)
        st = decode(&r);
    /* the teller found in a book without a cast is marked as a cast marks
     * them (alias I), so they speak in the narrator's voice and `cast
     * --write` shows who tells the story */
    if (st == DRAMATIS_OK && discovered && r.narrator >= 0)
        st = book_character_alias(book, (size_t)r.narrator, "I");
    run_cleanup(&r);
    if (st != DRAMATIS_OK)
        return error_set(err, st, book->path ? book->path : "", 0, "speaker attribution failed: %s",
                         dramatis_strerror(st));
    return DRAMATIS_OK;
}

dramatis_status attribute_book(struct dramatis_book *book, struct dramatis_error *err)
{
    return attr_run(book, NULL, NULL, NULL, err);
}
