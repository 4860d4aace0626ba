/* What attribution learns about the cast before it weighs any quote: who
 * bears a bare surname, each character's gender, who says `I`. */
#include "attribute_internal.h"

#include "evidence.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Calls fn on every paragraph of the book, tokenized; stops on an error. */
static dramatis_status each_paragraph(struct attr_reader *r,
                                      void (*fn)(void *ctx, struct attr_reader *r,
                                                 const struct paragraph *p),
                                      void *ctx)
{
    const struct dramatis_book *b = r->book;
    size_t ci, pi;
    dramatis_status st;

    for (ci = 0; ci < b->n_chapters; ci++) {
        for (pi = 0; pi < b->chapters[ci].n_paragraphs; pi++) {
            const struct paragraph *p = &b->chapters[ci].paragraphs[pi];
            if (p->n_segments == 0)
                continue;
            st = attr_read_paragraph(r, p);
            if (st != DRAMATIS_OK)
                return st;
            fn(ctx, r, p);
        }
    }
    return DRAMATIS_OK;
}

/* Nonzero when character c is called by the one word s[0, n) alone. */
static int only_called(const struct character *ch, const char *s, size_t n)
{
    size_t j;

    if (strlen(ch->name) != n || memcmp(ch->name, s, n) != 0)
        return 0;
    for (j = 0; j < ch->n_aliases; j++) {
        if (strlen(ch->aliases[j]) != n || memcmp(ch->aliases[j], s, n) != 0)
            return 0;
    }
    return 1;
}

/* Nonzero when the name has more than one word and ends in the word s[0, n). */
static int ends_in_word(const char *name, const char *s, size_t n)
{
    size_t len = strlen(name);

    return len > n + 1 && name[len - n - 1] == ' ' && memcmp(name + len - n, s, n) == 0;
}

static void count_mentions(void *ctx, struct attr_reader *r, const struct paragraph *p)
{
    long *mentions = ctx;
    size_t k;

    for (k = 0; k < r->seg_to[p->n_segments - 1]; k++) {
        if (r->toks[k].kind == ATTR_TOK_NAME)
            mentions[r->toks[k].character]++;
    }
}

/* In a cast with `Edwin Hale` and an entry called only `Hale`,
 * `"You first, Hale," said he` speaks to Edwin Hale when his full
 * name is the one the book uses. */
dramatis_status attr_prefer_salient_surnames(struct attr_names *names, struct attr_reader *r)
{
    const struct dramatis_book *b = r->book;
    long *mentions = NULL;
    size_t i, c, j;
    int any = 0;
    dramatis_status st;

    for (i = 0; i < names->n && !any; i++) {
        const struct attr_name *nm = &names->names[i];
        any = memchr(nm->s, ' ', nm->len) == NULL &&
              only_called(&b->characters[nm->character], nm->s, nm->len);
    }
    if (!any)
        return DRAMATIS_OK;
    mentions = calloc(b->n_characters + 1, sizeof *mentions);
    if (mentions == NULL)
        return DRAMATIS_ERR_NOMEM;
    st = each_paragraph(r, count_mentions, mentions);
    for (i = 0; i < names->n && st == DRAMATIS_OK; i++) {
        struct attr_name *nm = &names->names[i];
        int best = -1;
        if (memchr(nm->s, ' ', nm->len) != NULL ||
            !only_called(&b->characters[nm->character], nm->s, nm->len))
            continue;
        for (c = 0; c < b->n_characters; c++) {
            const struct character *ch = &b->characters[c];
            int bears = (int)c != nm->character && ends_in_word(ch->name, nm->s, nm->len);
            for (j = 0; j < ch->n_aliases && !bears; j++)
                bears = (int)c != nm->character && ends_in_word(ch->aliases[j], nm->s, nm->len);
            if (bears && mentions[c] >= 2 && (best < 0 || mentions[c] > mentions[best]))
                best = (int)c;
        }
        if (best >= 0)
            nm->character = best;
    }
    free(mentions);
    return st;
}

struct gender_votes {
    long *votes;       /* per character: [2c] female, [2c + 1] male */
    long *mentions;
};

/* Whether the pronoun at t[j] is the object of a verb: `him`, or `her`
 * with no noun after it (`kissed her.`, `told her that`).  After `Ann
 * kissed him` the `him` is someone else. */
static int object_pronoun(const char *text, const struct attr_tok *t, size_t j, size_t n)
{
    static const char *const not_nouns[] = {
        "and", "or", "but", "to", "that", "the", "a", "an", "in", "on", "at", "by", "for",
        "from", "with", "as", "of", "up", "down", "out", "off", "away", "back", "again",
        "so", "if", "when", "then", "into", "over", "round", "about", NULL
    };

    if (attr_tok_is(text, &t[j], "him"))
        return 1;
    if (!attr_tok_is(text, &t[j], "her"))
        return 0;
    return j + 1 >= n || t[j + 1].kind != ATTR_TOK_WORD || attr_tok_in(text, &t[j + 1], not_nouns);
}

/* `Ann rolled her eyes`: the first pronoun after a name, before another
 * name, that is not the object of the name's verb. */
static void vote_genders(void *ctx, struct attr_reader *r, const struct paragraph *p)
{
    struct gender_votes *gv = ctx;
    const char *text = r->book->text;
    size_t si, k, j, n;

    for (si = 0; si < p->n_segments; si++) {
        const struct attr_tok *t = r->toks + r->seg_from[si];
        n = r->seg_to[si] - r->seg_from[si];
        for (k = 0; k < n; k++) {
            if (t[k].kind == ATTR_TOK_NAME)
                gv->mentions[t[k].character]++;
        }
        if (p->segments[si].kind != SEGMENT_NARRATION)
            continue;
        for (k = 0; k < n; k++) {
            if (t[k].kind != ATTR_TOK_NAME || t[k].possessive)
                continue;
            for (j = k + 1; j < n && j < k + 15; j++) {
                enum attr_pron pr;
                if (t[j].kind == ATTR_TOK_NAME)
                    break;
                if (t[j].kind != ATTR_TOK_WORD)
                    continue;
                pr = attr_pronoun(text + t[j].start, t[j].end - t[j].start);
                if ((pr == ATTR_PRON_HE || pr == ATTR_PRON_SHE) && !object_pronoun(text, t, j, n)) {
                    gv->votes[t[k].character * 2 + (pr == ATTR_PRON_HE)]++;
                    break;
                }
            }
        }
    }
}

dramatis_status attr_infer_genders(struct dramatis_book *b, struct attr_reader *r,
                                   dramatis_gender *gender, long *mentions)
{
    struct gender_votes gv;
    size_t c;
    dramatis_status st;

    gv.mentions = mentions;
    gv.votes = calloc(b->n_characters * 2 + 1, sizeof *gv.votes);
    if (gv.votes == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (c = 0; c < b->n_characters; c++) {
        const char *nm = b->characters[c].name;
        const char *sp = strchr(nm, ' ');
        int g;
        gender[c] = b->characters[c].gender;
        if (sp) {
            g = attr_title_gender(nm, (size_t)(sp - nm));
            if (g > 0)
                gv.votes[c * 2 + (g == DRAMATIS_GENDER_MALE)] += 100;
        }
    }
    st = each_paragraph(r, vote_genders, &gv);
    for (c = 0; c < b->n_characters && st == DRAMATIS_OK; c++) {
        long f = gv.votes[c * 2], m = gv.votes[c * 2 + 1];
        if (gender[c] != DRAMATIS_GENDER_UNKNOWN)
            continue;
        if (m > f * 2 && m >= 1)
            gender[c] = DRAMATIS_GENDER_MALE;
        else if (f > m * 2 && f >= 1)
            gender[c] = DRAMATIS_GENDER_FEMALE;
        /* voice casting, run after attribution, reads it from the book */
        b->characters[c].gender = gender[c];
    }
    free(gv.votes);
    return st;
}

struct narrator_count {
    long *voc;       /* per character: quotes addressing them */
    long *near;      /* per character: addressed next to an `I said` */
    long *narr;      /* per character: names in narration */
    long *self;      /* per character: named by the one who says `I` */
    long i_tags;     /* `I said`, `said I` */
    int prev_i;      /* the quote paragraph before had an `I said` */
    int prev_voc[ATTR_MAX_VOC];   /* whom it addressed */
    size_t n_prev_voc;
};

static void count_narrator(void *ctx, struct attr_reader *r, const struct paragraph *p)
{
    struct narrator_count *nc = ctx;
    const char *text = r->book->text;
    size_t si, k, n, nv, nm, n_voc = 0;
    int v[ATTR_MAX_VOC], m[ATTR_MAX_VOC], voc[ATTR_MAX_VOC], has_quote = 0, has_i = 0;

    for (si = 0; si < p->n_segments; si++) {
        const struct attr_tok *t = r->toks + r->seg_from[si];
        n = r->seg_to[si] - r->seg_from[si];
        if (p->segments[si].kind == SEGMENT_DIALOGUE) {
            has_quote = 1;
            nv = attr_vocatives(text, t, n, v, m, &nm);
            for (k = 0; k < nv; k++) {
                nc->voc[v[k]]++;
                if (n_voc < ATTR_MAX_VOC)
                    voc[n_voc++] = v[k];
            }
            continue;
        }
        for (k = 0; k < n; k++) {
            if (t[k].kind == ATTR_TOK_NAME) {
                nc->narr[t[k].character]++;
                if (attr_self_named(text, t, n, k, k + 1))
                    nc->self[t[k].character]++;
            }
            else if ((t[k].kind == ATTR_TOK_WORD && k + 1 < n && t[k].end - t[k].start == 1 &&
                      text[t[k].start] == 'I' && attr_is_verb_at(text, t, n, k + 1)) ||
                     (t[k].kind == ATTR_TOK_WORD && k + 1 < n && attr_is_verb_at(text, t, n, k) &&
                      t[k + 1].end - t[k + 1].start == 1 && text[t[k + 1].start] == 'I')) {
                nc->i_tags++;
                has_i = 1;
            }
        }
    }
    if (!has_quote) {
        nc->prev_i = 0;
        nc->n_prev_voc = 0;
        return;
    }
    /* `"Nine!" I answered.` next to `"I think, Beth, ..."`: the one
     * addressed beside the narrator's own lines is the narrator */
    for (k = 0; has_i && k < nc->n_prev_voc; k++)
        nc->near[nc->prev_voc[k]]++;
    for (k = 0; nc->prev_i && k < n_voc; k++)
        nc->near[voc[k]]++;
    nc->prev_i = has_i;
    memcpy(nc->prev_voc, voc, n_voc * sizeof voc[0]);
    nc->n_prev_voc = n_voc;
}

int attr_find_narrator(struct attr_reader *r)
{
    const struct dramatis_book *b = r->book;
    struct narrator_count nc;
    size_t c, j;
    int best = -1;

    for (c = 0; c < b->n_characters; c++) {
        const struct character *ch = &b->characters[c];
        if (strcmp(ch->name, "I") == 0 || strncmp(ch->name, "Narrator", 8) == 0 ||
            strcasecmp(ch->name, BOOK_FIRST_PERSON_NAME) == 0)
            return (int)c;
        for (j = 0; j < ch->n_aliases; j++) {
            if (strcmp(ch->aliases[j], "I") == 0 || strcmp(ch->aliases[j], "Narrator") == 0)
                return (int)c;
        }
    }
    memset(&nc, 0, sizeof nc);
    nc.voc = calloc(b->n_characters + 1, sizeof *nc.voc);
    nc.narr = calloc(b->n_characters + 1, sizeof *nc.narr);
    nc.near = calloc(b->n_characters + 1, sizeof *nc.near);
    nc.self = calloc(b->n_characters + 1, sizeof *nc.self);
    if (nc.voc == NULL || nc.narr == NULL || nc.near == NULL || nc.self == NULL ||
        each_paragraph(r, count_narrator, &nc) != DRAMATIS_OK)
        goto done;
    if (nc.i_tags < 3)
        goto done;
    /* the teller who names themself (`my name is Ann`) is Ann; else the one
     * addressed beside the teller's lines twice, or often addressed and
     * seldom named by the narration */
    for (c = 0; c < b->n_characters; c++) {
        if (nc.self[c] > 0 && (best < 0 || nc.self[c] > nc.self[best]))
            best = (int)c;
    }
    if (best >= 0)
        goto done;
    for (c = 0; c < b->n_characters; c++) {
        long score = nc.voc[c] + 2 * nc.near[c];
        if ((nc.near[c] >= 2 || ((nc.voc[c] >= 3 || nc.near[c] >= 1) && nc.narr[c] * 2 <= nc.voc[c])) &&
            (best < 0 || score > nc.voc[best] + 2 * nc.near[best]))
            best = (int)c;
    }
    if (best < 0)
        best = -2;   /* a narrator the cast does not name */
done:
    free(nc.voc);
    free(nc.narr);
    free(nc.near);
    free(nc.self);
    return best;
}

int attr_spouse_of(const struct dramatis_book *b, int c, const char *title)
{
    const char *nm = b->characters[c].name, *sur;
    size_t k, tl = strlen(title);

    sur = strchr(nm, ' ');
    if (sur == NULL || (size_t)(sur - nm) > 5)
        return -1;
    sur++;
    for (k = 0; k < b->n_characters; k++) {
        const char *o = b->characters[k].name;
        if (strncmp(o, title, tl) == 0 && strcmp(o + tl, sur) == 0)
            return (int)k;
    }
    return -1;
}
