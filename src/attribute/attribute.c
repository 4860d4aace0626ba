/* Speaker attribution: a sieve of rules, most precise first, decides who
 * says each quote; later rules only decide what earlier ones left open. */
#include "attribute.h"

#include "attribute_internal.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WINDOW_PARAS 20   /* how far back a pronoun or fallback looks */
#define MAX_VOC 4         /* names addressed in one quote that are kept */
#define QUIET_BREAK 1     /* narration-only paragraphs that end a conversation */

/* What stands in subject position of a speech tag or narration sentence. */
enum subj_kind {
    SUBJ_NONE = 0,
    SUBJ_NAME,     /* `Kakashi`, `the Hatter` */
    SUBJ_PRON,     /* `he`, `she`, `it` */
    SUBJ_NOUN,     /* `his wife`, `the old man`: a gender, like a pronoun */
    SUBJ_OTHER,    /* `the other`, `my companion`: the other party */
    SUBJ_I         /* `I`: the first-person narrator */
};

struct subject {
    enum subj_kind kind;
    int character;
    dramatis_gender gender;
    int owner;          /* `his wife`: 1 his, 2 her, 0 none */
    int spouse;         /* the noun is wife, husband or lady */
    int parent;         /* the noun is father, mother, papa or mamma */
};

/* Evidence a quote's own tag gives, before any context is used. */
struct tag {
    struct subject subj;
    const char *rule;   /* "tag-after", "tag-before", "tag-inside", "beat" */
    int is_tag;         /* a verb of speech: stronger than a beat */
    size_t pos;         /* byte offset of the subject */
    struct subject to;  /* `said Mr. Bennet to his wife`: the listener */
};

struct para_ref {
    struct paragraph *p;
    int brk;            /* first of a chapter or after a scene break */
};

/* How a paragraph's speaker was decided, for the pass over turns. */
enum turn_kind {
    TURN_NONE = 0,      /* no quote: narration only */
    TURN_TAGGED,        /* its own tag or beat names the speaker */
    TURN_OPEN,          /* decided from the conversation: may be revised */
    TURN_CONTINUED      /* goes on the previous paragraph's open quote */
};

struct turn {
    enum turn_kind kind;
    int speaker;        /* of its last quote, -1 unknown */
    int addressee;      /* first name its quotes address, -1 none */
    int brk;            /* a conversation ends before it */
    int named;          /* a tag names its speaker */
    dramatis_gender pron;  /* only a pronoun tag of this gender, resolved
                            * from the conversation: may be revised */
};

struct sieve {
    struct dramatis_book *book;
    struct attr_names names;
    struct para_ref *paras;
    size_t n_paras;
    struct attr_tok *toks;     /* tokens of the current paragraph */
    size_t cap_toks;
    size_t *seg_from;          /* per segment: first token, one past last */
    size_t *seg_to;
    size_t cap_segs;
    long *last_seen;           /* per character: clock of last mention */
    size_t *last_para;         /* per character: paragraph of that mention */
    long *last_active;         /* per character: paragraph it was named in
                                * narration or spoke, -1 never */
    dramatis_gender *gender;
    int *explicit_speaker;     /* per paragraph: a named tag's speaker, or -1 */
    long *mentions;            /* per character: names in the book, or NULL */
    struct turn *turns;        /* per paragraph: who spoke it and how sure */
    long clock;
    int narrator;              /* first-person narrator character, or -1 */
    /* the conversation in progress */
    int last, prev;            /* the last two distinct speakers */
    int last_addressee;        /* named in the last quote as its listener */
    int last_para_speaker;     /* speaker of the previous paragraph's last quote */
    size_t quiet;              /* narration-only paragraphs since the last quote */
    int pending_beat;          /* subject of a narration paragraph just before */
    int lead;                  /* speaker a narration paragraph ending in a
                                * tag announces (`and he continued:`), or -1 */
    int lead_named;            /* that tag names the speaker */
    int narr_names[32];        /* sentence subjects of a narration paragraph
                                * just before, in order */
    size_t n_narr_names;
};

static const char *const adverbs[] = {
    "then", "again", "now", "still", "once", "at", "last", "also", "too",
    "however", "instead", "presently", "aloud", "softly", "back", NULL
};

static const char *const and_but[] = { "and", "but", "when", "while", "then", NULL };

static const char *const prepositions[] = {
    "to", "by", "of", "at", "with", "for", "from", "on", "upon", "towards", "toward", "in",
    "into", "than", "as", "like", "about", "after", "before", "behind", "beside", "near",
    "without", "between", "among", "against", NULL
};

static int is_adverb(const char *text, const struct attr_tok *t)
{
    size_t n = t->end - t->start;

    if (t->kind != ATTR_TOK_WORD)
        return 0;
    if (n > 3 && text[t->end - 2] == 'l' && text[t->end - 1] == 'y')
        return 1;
    return attr_tok_in(text, t, adverbs);
}

static int is_verb(const char *text, const struct attr_tok *t)
{
    return t->kind == ATTR_TOK_WORD && attr_is_speech_verb(text + t->start, t->end - t->start);
}

static int is_stop(const struct attr_tok *t)
{
    return t->kind == ATTR_TOK_PUNCT &&
           (t->punct == '.' || t->punct == '!' || t->punct == '?' || t->punct == ';' ||
            t->punct == ':' || t->punct == '"');
}

/* Reads a subject at toks[i]; returns the index after it, or i if none.
 * `Kakashi`, `he`, `the Hatter`, `his wife`, `the other`, `I`. */
static size_t parse_subject(const char *text, const struct attr_tok *t, size_t n, size_t i,
                            struct subject *s)
{
    static const char *const dets[] = {
        "the", "his", "her", "my", "their", "a", "an", "our", "your", "this", "that", NULL
    };
    static const char *const others[] = {
        "other", "companion", "friend", "latter", "former", "visitor", "guest",
        "host", "stranger", NULL
    };
    size_t j, k;
    enum attr_pron pron;
    dramatis_gender g;

    memset(s, 0, sizeof *s);
    s->character = -1;
    if (i >= n)
        return i;
    if (t[i].kind == ATTR_TOK_NAME) {
        if (t[i].possessive && i + 1 < n && t[i + 1].kind == ATTR_TOK_WORD &&
            attr_noun_gender(text + t[i + 1].start, t[i + 1].end - t[i + 1].start)) {
            /* `Iruka's father`: someone else */
            s->kind = SUBJ_NOUN;
            s->gender = attr_noun_gender(text + t[i + 1].start, t[i + 1].end - t[i + 1].start);
            return i + 2;
        }
        s->kind = SUBJ_NAME;
        s->character = t[i].character;
        return i + 1;
    }
    if (t[i].kind != ATTR_TOK_WORD)
        return i;
    pron = attr_pronoun(text + t[i].start, t[i].end - t[i].start);
    if (pron == ATTR_PRON_I) {
        s->kind = SUBJ_I;
        return i + 1;
    }
    if (pron != ATTR_PRON_NONE && (attr_tok_is(text, &t[i], "he") || attr_tok_is(text, &t[i], "she") ||
                                   attr_tok_is(text, &t[i], "it") || attr_tok_is(text, &t[i], "they"))) {
        s->kind = SUBJ_PRON;
        s->gender = pron == ATTR_PRON_HE ? DRAMATIS_GENDER_MALE
                  : pron == ATTR_PRON_SHE ? DRAMATIS_GENDER_FEMALE : DRAMATIS_GENDER_UNKNOWN;
        return i + 1;
    }
    if (!attr_tok_in(text, &t[i], dets))
        return i;
    /* determiner, up to two modifiers, then a name or a noun */
    for (j = i + 1; j < n && j <= i + 3; j++) {
        if (t[j].kind == ATTR_TOK_NAME) {
            s->kind = SUBJ_NAME;
            s->character = t[j].character;
            return j + 1;
        }
        if (t[j].kind != ATTR_TOK_WORD)
            return i;
        g = attr_noun_gender(text + t[j].start, t[j].end - t[j].start);
        if (g != DRAMATIS_GENDER_UNKNOWN) {
            s->kind = SUBJ_NOUN;
            s->gender = g;
            s->owner = attr_tok_is(text, &t[i], "his") ? 1 : attr_tok_is(text, &t[i], "her") ? 2 : 0;
            s->spouse = attr_tok_is(text, &t[j], "wife") || attr_tok_is(text, &t[j], "husband") ||
                        attr_tok_is(text, &t[j], "lady");
            s->parent = attr_tok_is(text, &t[j], "father") || attr_tok_is(text, &t[j], "mother") ||
                        attr_tok_is(text, &t[j], "papa") || attr_tok_is(text, &t[j], "mamma") ||
                        attr_tok_is(text, &t[j], "mama");
            return j + 1;
        }
        if (attr_tok_in(text, &t[j], others)) {
            s->kind = SUBJ_OTHER;
            return j + 1;
        }
        k = t[j].end - t[j].start;
        (void)k;
    }
    return i;
}

/* The one spoken to, named after a tag's verb and subject:
 * `said Mr. Bennet to his wife`, `cried Elizabeth to Jane`. */
static void listener(const char *text, const struct attr_tok *t, size_t n, size_t k,
                     struct subject *to)
{
    memset(to, 0, sizeof *to);
    to->character = -1;
    while (k < n && is_adverb(text, &t[k]))
        k++;
    if (k + 1 < n && attr_tok_is(text, &t[k], "to") &&
        (t[k + 1].kind == ATTR_TOK_NAME || (t[k + 1].kind == ATTR_TOK_WORD &&
                                           (attr_tok_is(text, &t[k + 1], "his") ||
                                            attr_tok_is(text, &t[k + 1], "her") ||
                                            attr_tok_is(text, &t[k + 1], "the")))))
        parse_subject(text, t, n, k + 1, to);
    if (to->kind != SUBJ_NAME && to->kind != SUBJ_NOUN)
        to->kind = SUBJ_NONE;
}

/* The tag or beat in narration right after a quote.
 * `"Yes," said Kakashi.` `"Yes," Iruka asked.` `"Yes," he quickly added.`
 * `"Yes." Kakashi's voice was full of affection.` (beat) */
static int tag_after(const char *text, const struct attr_tok *t, size_t n, struct tag *tag)
{
    size_t i = 0, j, k, e;
    struct subject s;

    memset(tag, 0, sizeof *tag);
    while (i < n && t[i].kind == ATTR_TOK_PUNCT && t[i].punct != '"')
        i++;
    /* said Kakashi / returned she / went on the Hatter */
    j = i;
    while (j < n && j < i + 2 && is_adverb(text, &t[j]) && !is_verb(text, &t[j]))
        j++;
    if (j < n && is_verb(text, &t[j])) {
        k = j + 1;
        if (k < n && (attr_tok_is(text, &t[k], "on") || attr_tok_is(text, &t[k], "in")))
            k++;
        while (k < n && k < j + 4 && is_adverb(text, &t[k]))
            k++;
        e = parse_subject(text, t, n, k, &s);
        if (e > k && s.kind != SUBJ_NONE) {
            tag->subj = s;
            tag->pos = t[k].start;
            tag->rule = "tag-after";
            tag->is_tag = 1;
            listener(text, t, n, e, &tag->to);
            return 1;
        }
    }
    /* Kakashi said / he quickly added / the Hatter, looking up, said */
    e = parse_subject(text, t, n, i, &s);
    if (e == i)
        return 0;
    tag->pos = t[i].start;
    for (k = e; k < n && k < e + 8 && !is_stop(&t[k]); k++) {
        if (is_verb(text, &t[k])) {
            tag->subj = s;
            tag->rule = "tag-after";
            tag->is_tag = 1;
            listener(text, t, n, k + 1, &tag->to);
            return 1;
        }
        if (t[k].kind == ATTR_TOK_NAME)
            break;
    }
    tag->subj = s;
    tag->rule = "beat";
    return 1;
}

/* The tag or beat in narration right before a quote: its last sentence.
 * `Iruka asked, "..."` `Kakashi turned to him and said: "..."`
 * `Iruka rolled his eyes and smiled. "Well..."` (beat) */
static int tag_before(const char *text, const struct attr_tok *t, size_t n, struct tag *tag)
{
    size_t s0 = 0, k, e, last;
    struct subject s;
    int verb = 0, open_end;
    static const char *const openers[] = {
        "then", "and", "but", "so", "at", "last", "finally", "now", "here", "when",
        "still", "presently", "suddenly", "once", "again", "there", NULL
    };

    memset(tag, 0, sizeof *tag);
    if (n == 0)
        return 0;
    last = n;
    while (last > 0 && t[last - 1].kind == ATTR_TOK_PUNCT)
        last--;
    /* `Iruka asked, "` or `said:` leads into the quote; a full stop makes
     * the sentence a beat (`Iruka smiled. "`) */
    open_end = last == n || t[last].punct == ',' || t[last].punct == ':' || t[last].punct == '-';
    if (last == 0)
        return 0;
    for (k = last; k > 0; k--) {
        const struct attr_tok *p = &t[k - 1];
        if (p->kind == ATTR_TOK_PUNCT && (p->punct == '.' || p->punct == '!' ||
                                          p->punct == '?' || p->punct == '"' || p->punct == ';')) {
            s0 = k;
            break;
        }
    }
    for (k = s0; k < last; k++) {
        if (is_verb(text, &t[k]))
            verb = 1;
    }
    while (s0 < last && (attr_tok_in(text, &t[s0], openers) || is_adverb(text, &t[s0]) ||
                         (t[s0].kind == ATTR_TOK_PUNCT && t[s0].punct != '"')))
        s0++;
    /* `said he, "...` in narration between two quotes */
    if (s0 < last && is_verb(text, &t[s0])) {
        k = s0 + 1;
        while (k < last && k < s0 + 3 && is_adverb(text, &t[k]))
            k++;
        e = parse_subject(text, t, n, k, &s);
        if (e > k) {
            tag->subj = s;
            tag->pos = t[k].start;
            tag->rule = "tag-before";
            tag->is_tag = 1;
            return 1;
        }
    }
    /* `After each no, Kakashi asks, "`: the subject just before the verb */
    if (verb && open_end) {
        for (k = last; k > s0; k--) {
            size_t v = k - 1, b;
            if (!is_verb(text, &t[v]))
                continue;
            /* `when thus accosted by Miss Bingley,` */
            if (v + 2 < last + 1 && v + 2 < n && attr_tok_is(text, &t[v + 1], "by") &&
                t[v + 2].kind == ATTR_TOK_NAME) {
                parse_subject(text, t, n, v + 2, &s);
                tag->subj = s;
                tag->pos = t[v + 2].start;
                tag->rule = "tag-before";
                tag->is_tag = 1;
                return 1;
            }
            b = v;
            while (b > s0 && is_adverb(text, &t[b - 1]))
                b--;
            if (b > s0 && (t[b - 1].kind == ATTR_TOK_NAME ||
                           (t[b - 1].kind == ATTR_TOK_WORD &&
                            attr_pronoun(text + t[b - 1].start, t[b - 1].end - t[b - 1].start) != ATTR_PRON_NONE))) {
                e = parse_subject(text, t, n, b - 1, &s);
                if (e > b - 1 && s.kind != SUBJ_NONE) {
                    tag->subj = s;
                    tag->pos = t[b - 1].start;
                    tag->rule = "tag-before";
                    tag->is_tag = 1;
                    return 1;
                }
            }
            if (b > s0 + 1 && t[b - 1].kind == ATTR_TOK_PUNCT && t[b - 1].punct == ',') {
                /* `Mr. Darcy, drawing near Elizabeth, said to her--` */
                size_t q = b - 1;
                while (q > s0 && !(t[q - 1].kind == ATTR_TOK_PUNCT && t[q - 1].punct == ','))
                    q--;
                if (q > s0 + 1 && (t[q - 2].kind == ATTR_TOK_NAME ||
                                   attr_tok_is(text, &t[q - 2], "he") ||
                                   attr_tok_is(text, &t[q - 2], "she"))) {
                    e = parse_subject(text, t, n, q - 2, &s);
                    if (e == q - 1 && s.kind != SUBJ_NONE) {
                        tag->subj = s;
                        tag->pos = t[q - 2].start;
                        tag->rule = "tag-before";
                        tag->is_tag = 1;
                        return 1;
                    }
                }
            }
            if (v + 1 < last && t[v + 1].kind == ATTR_TOK_NAME) {
                /* `then asked Kakashi, "` */
                e = parse_subject(text, t, n, v + 1, &s);
                tag->subj = s;
                tag->pos = t[v + 1].start;
                tag->rule = "tag-before";
                tag->is_tag = 1;
                return 1;
            }
            break;
        }
    }
    e = parse_subject(text, t, n, s0, &s);
    if ((e == s0 || (s.kind == SUBJ_PRON && s.gender == DRAMATIS_GENDER_UNKNOWN)) && verb && open_end) {
        /* `Recovering himself, however, he turned to his partner, and
         * said,` / `At length Darcy spoke, and in a constrained manner
         * said,`, `They had not long separated when Miss Bingley came
         * towards her, and thus accosted her,`: the subject of a clause in
         * the sentence, the last one to open a clause, else the first */
        size_t first = last, open = last;
        for (k = s0; k < last; k++) {
            int pron = attr_tok_is(text, &t[k], "he") || attr_tok_is(text, &t[k], "she");
            if (!(pron || (t[k].kind == ATTR_TOK_NAME && !t[k].possessive)))
                continue;
            if (k > s0 && attr_tok_in(text, &t[k - 1], prepositions))
                continue;
            if (first == last)
                first = k;
            if (k == s0 || (t[k - 1].kind == ATTR_TOK_PUNCT && t[k - 1].punct == ',') ||
                attr_tok_in(text, &t[k - 1], and_but))
                open = k;
        }
        k = open < last ? open : first;
        if (k < last) {
            s0 = k;
            e = parse_subject(text, t, n, s0, &s);
        }
    }
    if (e == s0)
        return 0;
    tag->subj = s;
    tag->pos = t[s0].start;
    tag->is_tag = verb && open_end;
    tag->rule = tag->is_tag ? "tag-before" : "beat";
    return 1;
}

static int is_end(const struct attr_tok *t)
{
    return t->kind == ATTR_TOK_PUNCT && (t->punct == '.' || t->punct == '!' || t->punct == '?' ||
                                         t->punct == '-' || t->punct == ';' || t->punct == ':');
}

/* Names addressed in a quote: `Kakashi, you...`, `...thank you, Iruka-sensei!` */
static size_t vocatives(const char *text, const struct attr_tok *t, size_t n, int *out,
                        int *mentioned, size_t *n_mentioned)
{
    static const char *const lead[] = {
        "dear", "my", "oh", "o", "hello", "hi", "hey", "thanks", "thank", "yes", "no",
        "well", "dearest", "good", "morning", NULL
    };
    static const char *const interj[] = {
        "now", "come", "you", "see", "ah", "why", "sir", "indeed", "ma'am", "madam", "please",
        "sorry", "okay", "ok", "right", "sure", "listen", "look", "hey", NULL
    };
    static const char *const clause_end[] = {
        "you", "too", "it", "me", "us", "them", "now", "please", "again", "then", "here",
        "there", "though", "yet", "either", NULL
    };
    size_t k, count = 0, words = 0;
    int before, after, inner = 0;

    *n_mentioned = 0;
    for (k = 0; k < n; k++) {
        if (t[k].kind == ATTR_TOK_WORD)
            words++;
    }
    for (k = 0; k < n; k++) {
        if (t[k].kind == ATTR_TOK_PUNCT && t[k].punct == '\'') {
            /* `...she said besides? 'Ah! Mrs. Bennet, we shall have her.'`:
             * a quote inside the quote calls someone else */
            if (inner)
                inner = 0;
            else if (k + 1 < n && t[k + 1].start == t[k].end && t[k + 1].kind != ATTR_TOK_PUNCT &&
                     (k == 0 || t[k - 1].end < t[k].start || t[k - 1].kind == ATTR_TOK_PUNCT))
                inner = 1;
            continue;
        }
        if (t[k].kind != ATTR_TOK_NAME)
            continue;
        if (inner) {
            if (*n_mentioned < MAX_VOC)
                mentioned[(*n_mentioned)++] = t[k].character;
            continue;
        }
        if (words == 0 && (k + 1 == n || t[k + 1].punct == '.')) {
            /* `"Bingley."` answers a question; `"Kakashi,"` calls him */
            if (*n_mentioned < MAX_VOC)
                mentioned[(*n_mentioned)++] = t[k].character;
            continue;
        }
        /* `Kakashi, you...`, `...at last, Iruka.`, `Yes, Watson, I know`;
         * not `this butler, Lal Rao, whom we have not seen` */
        before = k == 0 || is_end(&t[k - 1]) || attr_tok_in(text, &t[k - 1], lead);
        after = k + 1 == n || (t[k + 1].kind == ATTR_TOK_PUNCT && t[k + 1].punct != '\'' &&
                               t[k + 1].punct != '"');
        /* `I love you too Iruka, and...`, `I hope he will like it Lizzy.`:
         * a name after a finished clause, with no comma before it */
        if (!before && k >= 1 && attr_tok_in(text, &t[k - 1], clause_end))
            before = 1;
        if (!before && k >= 1 && t[k - 1].kind == ATTR_TOK_PUNCT && t[k - 1].punct == ',')
            before = k + 1 == n || is_end(&t[k + 1]) ||
                     (k + 2 == n && t[k + 1].kind == ATTR_TOK_PUNCT) ||
                     (k >= 2 && (attr_tok_in(text, &t[k - 2], lead) || attr_tok_in(text, &t[k - 2], interj)));
        if (before && after && !t[k].possessive) {
            if (count < MAX_VOC)
                out[count++] = t[k].character;
        } else if (*n_mentioned < MAX_VOC) {
            mentioned[(*n_mentioned)++] = t[k].character;
        }
    }
    return count;
}

static int gender_fits(dramatis_gender want, dramatis_gender have)
{
    return want == DRAMATIS_GENDER_UNKNOWN || have == want;
}

static int in_set(const int *set, size_t n, int c)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (set[i] == c)
            return 1;
    }
    return 0;
}

/* The character a pronoun or gendered noun refers to: the first of that
 * gender named in the paragraph so far, else the expected speaker of the
 * conversation, else the most recent of that gender (`he said` after a
 * quote addressed to another man is not that man). */
static int resolve_gender(struct sieve *sv, size_t para, dramatis_gender g, const int *para_names,
                          size_t n_para_names, const int *excl, size_t n_excl, int expected)
{
    size_t i, c;
    int best = -1, weak = -1;
    long best_seen = -1, weak_seen = -1;

    for (i = 0; i < n_para_names; i++) {
        int ch = para_names[i];
        if (!in_set(excl, n_excl, ch) && sv->gender[ch] == g && g != DRAMATIS_GENDER_UNKNOWN &&
            ch != sv->narrator)
            return ch;
    }
    /* `Elizabeth was struck with his deference.` then `"He must be an
     * oddity," said she.`: the last subject of that gender in the
     * narration paragraph just before */
    for (i = sv->n_narr_names; para_names != NULL && i > 0; i--) {
        int ch = sv->narr_names[i - 1];
        if (!in_set(excl, n_excl, ch) && sv->gender[ch] == g && g != DRAMATIS_GENDER_UNKNOWN &&
            ch != sv->narrator)
            return ch;
    }
    /* `he` and `she` are never the one who says `I` */
    if (expected >= 0 && !in_set(excl, n_excl, expected) && gender_fits(g, sv->gender[expected]) &&
        expected != sv->narrator)
        return expected;
    for (c = 0; c < sv->book->n_characters; c++) {
        if (sv->last_seen[c] < 0 || para - sv->last_para[c] > WINDOW_PARAS ||
            in_set(excl, n_excl, (int)c) || (int)c == sv->narrator)
            continue;
        if (sv->gender[c] == g || g == DRAMATIS_GENDER_UNKNOWN) {
            if (sv->last_seen[c] > best_seen) {
                best_seen = sv->last_seen[c];
                best = (int)c;
            }
        } else if (sv->gender[c] == DRAMATIS_GENDER_UNKNOWN && sv->last_seen[c] > weak_seen) {
            weak_seen = sv->last_seen[c];
            weak = (int)c;
        }
    }
    return best >= 0 ? best : weak;
}

/* The most recently seen character not excluded. */
static int most_salient(struct sieve *sv, size_t para, const int *excl, size_t n_excl)
{
    size_t c;
    int best = -1;
    long best_seen = -1;

    for (c = 0; c < sv->book->n_characters; c++) {
        if (sv->last_seen[c] < 0 || para - sv->last_para[c] > WINDOW_PARAS ||
            in_set(excl, n_excl, (int)c))
            continue;
        if (sv->last_seen[c] > best_seen) {
            best_seen = sv->last_seen[c];
            best = (int)c;
        }
    }
    return best;
}

static void seen(struct sieve *sv, int c, size_t para)
{
    if (c < 0)
        return;
    sv->last_active[c] = (long)para;
    sv->last_seen[c] = ++sv->clock;
    sv->last_para[c] = para;
}

/* Remembers a name that opens a sentence of narration, the latest last. */
static void add_subject(struct sieve *sv, int c)
{
    const size_t cap = sizeof sv->narr_names / sizeof sv->narr_names[0];

    if (sv->n_narr_names == cap) {
        memmove(sv->narr_names, sv->narr_names + 1, (cap - 1) * sizeof sv->narr_names[0]);
        sv->n_narr_names--;
    }
    sv->narr_names[sv->n_narr_names++] = c;
}

/* Nonzero when t[k] opens a sentence or clause, past adverbs before it:
 * `Elizabeth smiled.`, `and Jane`, `And even Mary could assure her family`. */
static int opens_clause(const char *text, const struct attr_tok *t, size_t k)
{
    static const char *const soft[] = { "even", "only", "just", "soon", NULL };

    while (k > 0 && (is_adverb(text, &t[k - 1]) || attr_tok_in(text, &t[k - 1], soft)))
        k--;
    return k == 0 || is_stop(&t[k - 1]) || attr_tok_in(text, &t[k - 1], and_but);
}

/* Nonzero when the name at t[k] is one of two joined by `and`: `Holmes
 * and Jones sat with their hands upon their knees` makes them `they`, so
 * neither is the `he` of the next sentence. */
static int coordinated(const char *text, const struct attr_tok *t, size_t n, size_t k)
{
    if (k + 2 < n && attr_tok_is(text, &t[k + 1], "and") && t[k + 2].kind == ATTR_TOK_NAME)
        return 1;
    return k >= 2 && attr_tok_is(text, &t[k - 1], "and") && t[k - 2].kind == ATTR_TOK_NAME;
}

/* `"...," said Small. / He stopped, and held out his hands.`: a paragraph
 * whose first segment is narration opening on he or she goes on with the
 * one who just spoke, or with the other party when that was the narrator;
 * that one becomes the latest subject. */
static void opening_pronoun(struct sieve *sv, const struct paragraph *p)
{
    const char *text = sv->book->text;
    dramatis_gender g;
    int c = sv->last_para_speaker;

    if (p->n_segments == 0 || p->segments[0].kind != SEGMENT_NARRATION || sv->seg_to[0] == 0 || c < 0)
        return;
    g = attr_tok_is(text, &sv->toks[0], "he") ? DRAMATIS_GENDER_MALE
      : attr_tok_is(text, &sv->toks[0], "she") ? DRAMATIS_GENDER_FEMALE
      : DRAMATIS_GENDER_UNKNOWN;
    if (c == sv->narrator)
        c = sv->prev;
    if (g != DRAMATIS_GENDER_UNKNOWN && c >= 0 && c != sv->narrator && sv->gender[c] == g)
        add_subject(sv, c);
}

/* Tokenizes every segment of a paragraph into sv->toks. */
static dramatis_status tokenize_paragraph(struct sieve *sv, const struct paragraph *p)
{
    size_t need = 8, i, n = 0;
    const struct dramatis_book *b = sv->book;

    for (i = 0; i < p->n_segments; i++)
        need += p->segments[i].end - p->segments[i].start + 1;
    if (need > sv->cap_toks) {
        struct attr_tok *grown = realloc(sv->toks, need * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        sv->toks = grown;
        sv->cap_toks = need;
    }
    if (p->n_segments > sv->cap_segs) {
        size_t *f = realloc(sv->seg_from, p->n_segments * sizeof *f);
        size_t *t;
        if (f == NULL)
            return DRAMATIS_ERR_NOMEM;
        sv->seg_from = f;
        t = realloc(sv->seg_to, p->n_segments * sizeof *t);
        if (t == NULL)
            return DRAMATIS_ERR_NOMEM;
        sv->seg_to = t;
        sv->cap_segs = p->n_segments;
    }
    for (i = 0; i < p->n_segments; i++) {
        const struct segment *s = &p->segments[i];
        sv->seg_from[i] = n;
        n += attr_tokenize(b->text, s->start, s->end, &sv->names,
                           s->kind == SEGMENT_DIALOGUE, sv->toks + n, sv->cap_toks - n);
        sv->seg_to[i] = n;
    }
    return DRAMATIS_OK;
}

/* Tag evidence of dialogue segment si of p: after it, else before it. */
static int quote_tag(struct sieve *sv, const struct paragraph *p, size_t si, struct tag *tag,
                     int *inside)
{
    const char *text = sv->book->text;
    struct tag after, before;
    int has_after = 0, has_before = 0;

    *inside = 0;
    if (si + 1 < p->n_segments && p->segments[si + 1].kind == SEGMENT_NARRATION)
        has_after = tag_after(text, sv->toks + sv->seg_from[si + 1],
                              sv->seg_to[si + 1] - sv->seg_from[si + 1], &after);
    if (si > 0 && p->segments[si - 1].kind == SEGMENT_NARRATION)
        has_before = tag_before(text, sv->toks + sv->seg_from[si - 1],
                                sv->seg_to[si - 1] - sv->seg_from[si - 1], &before);
    if (has_after && after.is_tag) {
        *tag = after;
        return 1;
    }
    if (has_before && before.is_tag) {
        *tag = before;
        /* `"Yes," said he, "I know."`: the tag between two quotes */
        *inside = si >= 2 && p->segments[si - 2].kind == SEGMENT_DIALOGUE;
        if (*inside)
            tag->rule = "tag-inside";
        return 1;
    }
    if (has_before) {
        *tag = before;
        return 1;
    }
    if (has_after) {
        *tag = after;
        return 1;
    }
    return 0;
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

/* A bare surname is the prominent bearer's: in a cast with `Jonathan
 * Small` and an entry called only `Small`, `"You first, Small," said
 * he` speaks to Jonathan Small when his full name is the one the book
 * uses.  The surname goes to the bearer whose other names are mentioned
 * most. */
static dramatis_status prefer_salient_surnames(struct sieve *sv)
{
    const struct dramatis_book *b = sv->book;
    long *mentions = NULL;
    size_t i, c, j, pi, k;
    int any = 0;

    for (i = 0; i < sv->names.n && !any; i++) {
        const struct attr_name *nm = &sv->names.names[i];
        any = memchr(nm->s, ' ', nm->len) == NULL &&
              only_called(&b->characters[nm->character], nm->s, nm->len);
    }
    if (!any)
        return DRAMATIS_OK;
    mentions = calloc(b->n_characters + 1, sizeof *mentions);
    if (mentions == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (pi = 0; pi < sv->n_paras; pi++) {
        const struct paragraph *p = sv->paras[pi].p;
        if (p->n_segments == 0)
            continue;
        if (tokenize_paragraph(sv, p) != DRAMATIS_OK) {
            free(mentions);
            return DRAMATIS_ERR_NOMEM;
        }
        for (k = 0; k < sv->seg_to[p->n_segments - 1]; k++) {
            if (sv->toks[k].kind == ATTR_TOK_NAME)
                mentions[sv->toks[k].character]++;
        }
    }
    for (i = 0; i < sv->names.n; i++) {
        struct attr_name *nm = &sv->names.names[i];
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
    return DRAMATIS_OK;
}

/* Gender of every character: the cast's, else pronouns after its name and
 * titles (`Mr.`, `Miss`) in its names; what is inferred is written back
 * to the book where the cast left the gender unknown. */
static dramatis_status infer_genders(struct sieve *sv)
{
    struct dramatis_book *b = sv->book;
    const char *text = b->text;
    long *votes;
    size_t c, pi, si, k, j, n;

    votes = calloc(b->n_characters * 2 + 1, sizeof *votes);
    if (votes == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (c = 0; c < b->n_characters; c++) {
        const char *nm = b->characters[c].name;
        const char *sp = strchr(nm, ' ');
        int g;
        sv->gender[c] = b->characters[c].gender;
        if (sp) {
            g = attr_title_gender(nm, (size_t)(sp - nm));
            if (g > 0)
                votes[c * 2 + (g == DRAMATIS_GENDER_MALE)] += 100;
        }
    }
    for (pi = 0; pi < sv->n_paras; pi++) {
        const struct paragraph *p = sv->paras[pi].p;
        if (tokenize_paragraph(sv, p) != DRAMATIS_OK) {
            free(votes);
            return DRAMATIS_ERR_NOMEM;
        }
        for (si = 0; si < p->n_segments; si++) {
            const struct attr_tok *t = sv->toks + sv->seg_from[si];
            n = sv->seg_to[si] - sv->seg_from[si];
            for (k = 0; k < n; k++) {
                if (t[k].kind == ATTR_TOK_NAME)
                    sv->mentions[t[k].character]++;
            }
            if (p->segments[si].kind != SEGMENT_NARRATION)
                continue;
            for (k = 0; k < n; k++) {
                if (t[k].kind != ATTR_TOK_NAME || t[k].possessive)
                    continue;
                /* `Iruka rolled his eyes`: the first pronoun before another name */
                for (j = k + 1; j < n && j < k + 15; j++) {
                    enum attr_pron pr;
                    if (t[j].kind == ATTR_TOK_NAME)
                        break;
                    if (t[j].kind != ATTR_TOK_WORD)
                        continue;
                    pr = attr_pronoun(text + t[j].start, t[j].end - t[j].start);
                    if (pr == ATTR_PRON_HE || pr == ATTR_PRON_SHE) {
                        votes[t[k].character * 2 + (pr == ATTR_PRON_HE)]++;
                        break;
                    }
                }
            }
        }
    }
    for (c = 0; c < b->n_characters; c++) {
        long f = votes[c * 2], m = votes[c * 2 + 1];
        if (sv->gender[c] != DRAMATIS_GENDER_UNKNOWN)
            continue;
        if (m > f * 2 && m >= 1)
            sv->gender[c] = DRAMATIS_GENDER_MALE;
        else if (f > m * 2 && f >= 1)
            sv->gender[c] = DRAMATIS_GENDER_FEMALE;
        /* voice casting, run after attribution, reads it from the book */
        b->characters[c].gender = sv->gender[c];
    }
    free(votes);
    return DRAMATIS_OK;
}

/* The cast member who tells the story in the first person: named `I`,
 * `Narrator` or BOOK_FIRST_PERSON_NAME in the cast (a map written by
 * `cast --write` has the last), else the one others address most but the
 * narration never names (`"You see, Watson," said he`). */
static int find_narrator(struct sieve *sv)
{
    const struct dramatis_book *b = sv->book;
    const char *text = b->text;
    long *voc, *narr;
    long i_tags = 0;
    size_t c, j, pi, si, k, n;
    int best = -1;

    for (c = 0; c < b->n_characters; c++) {
        const struct character *ch = &b->characters[c];
        if (strcmp(ch->name, "I") == 0 || strncmp(ch->name, "Narrator", 8) == 0 ||
            strcasecmp(ch->name, BOOK_FIRST_PERSON_NAME) == 0)
            return (int)c;
        for (j = 0; j < ch->n_aliases; j++) {
            if (strcmp(ch->aliases[j], "I") == 0 || strcmp(ch->aliases[j], "Narrator") == 0 ||
                strcmp(ch->aliases[j], "Narr") == 0)
                return (int)c;
        }
    }
    voc = calloc(b->n_characters + 1, sizeof *voc);
    narr = calloc(b->n_characters + 1, sizeof *narr);
    if (voc == NULL || narr == NULL)
        goto done;
    for (pi = 0; pi < sv->n_paras; pi++) {
        const struct paragraph *p = sv->paras[pi].p;
        if (tokenize_paragraph(sv, p) != DRAMATIS_OK)
            goto done;
        for (si = 0; si < p->n_segments; si++) {
            const struct attr_tok *t = sv->toks + sv->seg_from[si];
            n = sv->seg_to[si] - sv->seg_from[si];
            if (p->segments[si].kind == SEGMENT_DIALOGUE) {
                int v[MAX_VOC], m[MAX_VOC];
                size_t nv, nm;
                nv = vocatives(text, t, n, v, m, &nm);
                for (k = 0; k < nv; k++)
                    voc[v[k]]++;
                continue;
            }
            for (k = 0; k < n; k++) {
                if (t[k].kind == ATTR_TOK_NAME)
                    narr[t[k].character]++;
                else if (t[k].kind == ATTR_TOK_WORD && k + 1 < n && t[k].end - t[k].start == 1 &&
                         text[t[k].start] == 'I' && is_verb(text, &t[k + 1]))
                    i_tags++;
                else if (t[k].kind == ATTR_TOK_WORD && k + 1 < n && is_verb(text, &t[k]) &&
                         t[k + 1].end - t[k + 1].start == 1 && text[t[k + 1].start] == 'I')
                    i_tags++;
            }
        }
    }
    if (i_tags < 3)
        goto done;
    for (c = 0; c < b->n_characters; c++) {
        if (voc[c] >= 3 && narr[c] * 2 <= voc[c] && (best < 0 || voc[c] > voc[best]))
            best = (int)c;
    }
    if (best < 0)
        best = -2;   /* a narrator the cast does not name */
done:
    free(voc);
    free(narr);
    return best;
}

/* Who speaks an untagged paragraph, from the conversation around it. */
static int implicit_speaker(struct sieve *sv, size_t pi, const struct paragraph *p,
                            const int *excl, size_t n_excl, const char **rule, double *conf)
{
    size_t k, d;
    int c;
    int ex[MAX_VOC * 3 + 4];
    size_t n_ex = 0;

    for (k = 0; k < n_excl && n_ex < MAX_VOC * 3; k++)
        ex[n_ex++] = excl[k];
    if (p->n_segments && p->segments[0].kind == SEGMENT_DIALOGUE && p->segments[0].continued &&
        sv->last_para_speaker >= 0) {
        *rule = "continuation";
        *conf = 0.9;
        return sv->last_para_speaker;
    }
    /* `"Mr. Bennet, have you heard?"` -> the next quote is Mr. Bennet's */
    if (sv->last_addressee >= 0 && sv->last_addressee != sv->last &&
        !in_set(ex, n_ex, sv->last_addressee) &&
        (sv->prev < 0 || sv->last_addressee == sv->prev ||
         (sv->last_active[sv->last_addressee] >= 0 &&
          (long)pi - sv->last_active[sv->last_addressee] <= 4))) {
        *rule = "vocative";
        *conf = 0.75;
        return sv->last_addressee;
    }
    if (sv->last >= 0 && sv->prev >= 0 && !in_set(ex, n_ex, sv->prev)) {
        *rule = "turn-taking";
        *conf = 0.7;
        return sv->prev;
    }
    if (sv->pending_beat >= 0 && !in_set(ex, n_ex, sv->pending_beat)) {
        *rule = "beat";
        *conf = 0.6;
        return sv->pending_beat;
    }
    /* the start of a conversation: count back from the next named tag */
    for (k = pi + 1, d = 1; k < sv->n_paras && k < pi + 8; k++) {
        if (sv->paras[k].brk)
            break;
        if (sv->explicit_speaker[k] >= 0) {
            if (d % 2 == 0 && !in_set(ex, n_ex, sv->explicit_speaker[k])) {
                *rule = "turn-taking";
                *conf = 0.5;
                return sv->explicit_speaker[k];
            }
            if (n_ex < sizeof ex / sizeof ex[0])
                ex[n_ex++] = sv->explicit_speaker[k];
            break;
        }
        d++;
    }
    if (sv->last >= 0 && n_ex < sizeof ex / sizeof ex[0])
        ex[n_ex++] = sv->last;
    c = most_salient(sv, pi, ex, n_ex);
    if (c < 0 && sv->last >= 0 && !in_set(excl, n_excl, sv->last))
        c = sv->last;
    *rule = "fallback";
    *conf = 0.3;
    return c;
}

/* The character whose name is `title` + the surname of character c
 * (`Mrs. Bennet` for `Mr. Bennet`), or -1. */
static int spouse_of(const struct dramatis_book *b, int c, const char *title)
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

/* `said her father`: a parent is one of a married pair the cast names
 * `Mr. X` and `Mrs. X`; of the pairs seen within window paragraphs, the
 * one the book mentions most, not the owner.  A tag looks in the scene;
 * narration (`she was met by her father`) may bring the parent in. */
static int parent_of(struct sieve *sv, size_t pi, int owner, dramatis_gender g, size_t window)
{
    const struct dramatis_book *b = sv->book;
    const char *title = g == DRAMATIS_GENDER_MALE ? "Mr. " : "Mrs. ";
    const char *other = g == DRAMATIS_GENDER_MALE ? "Mrs. " : "Mr. ";
    size_t c;
    int best = -1;

    if (g == DRAMATIS_GENDER_UNKNOWN || sv->mentions == NULL)
        return -1;
    for (c = 0; c < b->n_characters; c++) {
        if ((int)c == owner || strncmp(b->characters[c].name, title, strlen(title)) != 0 ||
            spouse_of(b, (int)c, other) < 0)
            continue;
        if (sv->last_seen[c] < 0 || pi - sv->last_para[c] > window)
            continue;
        if (best < 0 || sv->mentions[c] > sv->mentions[best])
            best = (int)c;
    }
    return best;
}

/* The parent a narration phrase names at t[k]: `met by her father`. */
static int parent_at(struct sieve *sv, size_t pi, const char *text, const struct attr_tok *t,
                     size_t n, size_t k)
{
    dramatis_gender g;

    if (k + 1 >= n || !(attr_tok_is(text, &t[k], "his") || attr_tok_is(text, &t[k], "her")))
        return -1;
    if (attr_tok_is(text, &t[k + 1], "father") || attr_tok_is(text, &t[k + 1], "papa"))
        g = DRAMATIS_GENDER_MALE;
    else if (attr_tok_is(text, &t[k + 1], "mother") || attr_tok_is(text, &t[k + 1], "mamma") ||
             attr_tok_is(text, &t[k + 1], "mama"))
        g = DRAMATIS_GENDER_FEMALE;
    else
        return -1;
    return parent_of(sv, pi, -1, g, (size_t)-1);
}

/* `said her mother`, `cried his wife`: someone related to the one the
 * possessive names; a spouse by title (`Mr. Bennet` -> `Mrs. Bennet`), else
 * the most recent of the noun's gender who is not the owner. */
static int resolve_relative(struct sieve *sv, size_t pi, const struct subject *s,
                            const int *para_names, size_t n_para_names, const int *excl,
                            size_t n_excl, int expected)
{
    int ex[MAX_VOC * 3 + 2];
    size_t n_ex = 0, k;
    int owner, c;

    dramatis_gender og = s->owner == 1 ? DRAMATIS_GENDER_MALE : DRAMATIS_GENDER_FEMALE;

    /* `"My dear Mr. Bennet," said his lady`: the owner is the one addressed */
    owner = -1;
    for (k = 0; k < n_excl && owner < 0; k++) {
        if (sv->gender[excl[k]] == og)
            owner = excl[k];
    }
    if (owner < 0)
        owner = resolve_gender(sv, pi, og, para_names, n_para_names, NULL, 0, -1);
    if (owner >= 0 && s->spouse) {
        const char *nm = sv->book->characters[owner].name;
        c = -1;
        if (strncmp(nm, "Mr. ", 4) == 0)
            c = spouse_of(sv->book, owner, "Mrs. ");
        else if (strncmp(nm, "Mrs. ", 5) == 0)
            c = spouse_of(sv->book, owner, "Mr. ");
        if (c >= 0)
            return c;
    }
    if (s->parent && (c = parent_of(sv, pi, owner, s->gender, WINDOW_PARAS)) >= 0)
        return c;
    for (k = 0; k < n_excl && n_ex < MAX_VOC * 3; k++)
        ex[n_ex++] = excl[k];
    if (owner >= 0)
        ex[n_ex++] = owner;
    return resolve_gender(sv, pi, s->gender, NULL, 0, ex, n_ex, expected);
}

/* Turns a tag's subject into a character, in the conversation's context. */
static int resolve_subject(struct sieve *sv, size_t pi, const struct subject *s,
                           const int *para_names, size_t n_para_names, const int *excl,
                           size_t n_excl, int expected)
{
    int ex[MAX_VOC * 3 + 2];
    size_t n_ex = 0, k;

    switch (s->kind) {
    case SUBJ_NAME:
        return s->character;
    case SUBJ_I:
        return sv->narrator;
    case SUBJ_NOUN:
        if (s->owner)
            return resolve_relative(sv, pi, s, para_names, n_para_names, excl, n_excl, expected);
        /* fall through */
    case SUBJ_PRON:
        return resolve_gender(sv, pi, s->gender, s->kind == SUBJ_PRON ? para_names : NULL,
                              s->kind == SUBJ_PRON ? n_para_names : 0, excl, n_excl, expected);
    case SUBJ_OTHER:
        for (k = 0; k < n_excl && n_ex < MAX_VOC * 3; k++)
            ex[n_ex++] = excl[k];
        if (sv->last >= 0)
            ex[n_ex++] = sv->last;
        if (expected >= 0 && !in_set(ex, n_ex, expected))
            return expected;
        return most_salient(sv, pi, ex, n_ex);
    default:
        return -1;
    }
}

static void set_speaker(struct segment *seg, int c, const char *rule, double conf)
{
    seg->speaker = c;
    seg->rule = c >= 0 ? rule : "unknown";
    seg->confidence = c >= 0 ? conf : 0.0;
}

/* How many of the paragraph's names come before byte pos. */
static size_t names_before(const size_t *pos, size_t n, size_t at)
{
    size_t k = 0;

    while (k < n && pos[k] < at)
        k++;
    return k;
}

/* Nonzero when a word can go on a sentence whose subject came before it:
 * `has`, `was`, `thinks`, `wanted` (not `we`, `you`, `please`). */
static int predicate_start(const char *text, const struct attr_tok *t)
{
    static const char *const aux[] = {
        "has", "had", "is", "was", "will", "would", "can", "could", "may", "might", "must",
        "shall", "should", "does", "did", "never", "always", NULL
    };
    size_t n = t->end - t->start;

    if (t->kind != ATTR_TOK_WORD || text[t->start] < 'a' || text[t->start] > 'z')
        return 0;
    if (attr_tok_in(text, t, aux))
        return 1;
    return n > 3 && (text[t->end - 1] == 's' || (text[t->end - 2] == 'e' && text[t->end - 1] == 'd')) &&
           attr_pronoun(text + t->start, n) == ATTR_PRON_NONE;
}

/* Decides the quotes of one paragraph and moves the conversation on. */
static dramatis_status attribute_paragraph(struct sieve *sv, size_t pi)
{
    struct paragraph *p = sv->paras[pi].p;
    const char *text = sv->book->text;
    int names[32], excl[MAX_VOC * 3], voc[MAX_VOC], mentioned[MAX_VOC];
    size_t names_pos[32];
    size_t n_names = 0, n_excl = 0, n_voc, n_ment, si, k, nt;
    int has_quote = 0, expected, addressee = -1, para_speaker = -1, first_speaker = -1;
    struct tag tag;
    int inside, c;
    dramatis_status st;

    st = tokenize_paragraph(sv, p);
    if (st != DRAMATIS_OK)
        return st;
    sv->turns[pi].kind = TURN_NONE;
    sv->turns[pi].speaker = sv->turns[pi].addressee = -1;
    sv->turns[pi].named = 0;
    sv->turns[pi].pron = DRAMATIS_GENDER_UNKNOWN;
    sv->turns[pi].brk = sv->paras[pi].brk || sv->quiet >= QUIET_BREAK;
    if (sv->turns[pi].brk) {
        sv->last = sv->prev = -1;
        sv->last_addressee = -1;
        sv->last_para_speaker = -1;
    }
    for (si = 0; si < p->n_segments; si++) {
        if (p->segments[si].kind == SEGMENT_DIALOGUE)
            has_quote = 1;
    }
    if (!has_quote) {
        /* a narration paragraph: its names are present; its subject may
         * speak next (`Elizabeth smiled.` then an untagged quote) */
        sv->pending_beat = -1;
        sv->n_narr_names = 0;
        if (sv->quiet == 0)
            opening_pronoun(sv, p);   /* right after a quote paragraph */
        sv->quiet++;
        sv->lead = -1;
        expected = sv->last >= 0 && sv->prev >= 0 ? sv->prev : -1;
        for (si = 0; si < p->n_segments; si++) {
            const struct attr_tok *t = sv->toks + sv->seg_from[si];
            int has_tag;
            nt = sv->seg_to[si] - sv->seg_from[si];
            has_tag = tag_before(text, t, nt, &tag);
            if (has_tag && tag.subj.kind == SUBJ_NAME)
                sv->pending_beat = tag.subj.character;
            if (has_tag && tag.is_tag && si + 1 == p->n_segments) {
                /* `...and he continued:` leads into the next paragraph */
                for (k = 0; k < nt && n_names < sizeof names / sizeof names[0]; k++) {
                    c = t[k].kind == ATTR_TOK_NAME ? t[k].character : parent_at(sv, pi, text, t, nt, k);
                    if (c >= 0 && t[k].start < tag.pos) {
                        names_pos[n_names] = t[k].start;
                        names[n_names++] = c;
                    }
                }
                sv->lead = resolve_subject(sv, pi, &tag.subj, names, n_names, NULL, 0, expected);
                sv->lead_named = tag.subj.kind == SUBJ_NAME || tag.subj.kind == SUBJ_I;
            }
            for (k = 0; k < nt; k++) {
                if (t[k].kind == ATTR_TOK_NAME) {
                    seen(sv, t[k].character, pi);
                    if (opens_clause(text, t, k) &&
                        !coordinated(text, t, nt, k))
                        add_subject(sv, t[k].character);
                } else if (sv->narrator >= 0 && t[k].kind == ATTR_TOK_WORD &&
                         t[k].end - t[k].start == 1 && text[t[k].start] == 'I') {
                    seen(sv, sv->narrator, pi);
                } else if ((c = parent_at(sv, pi, text, t, nt, k)) >= 0) {
                    seen(sv, c, pi);
                    if (opens_clause(text, t, k))
                        add_subject(sv, c);
                }
            }
        }
        if (sv->lead >= 0 && sv->quiet > 0 && (sv->lead == sv->last || sv->lead == sv->prev))
            sv->quiet--;   /* it belongs to the quote it announces */
        return DRAMATIS_OK;
    }
    expected = sv->last >= 0 && sv->prev >= 0 ? sv->prev : -1;
    /* `He led me out to the stair. "This," he said,` after Holmes spoke */
    opening_pronoun(sv, p);
    /* names in this paragraph's narration, in order; and who is addressed */
    for (si = 0; si < p->n_segments; si++) {
        const struct attr_tok *t = sv->toks + sv->seg_from[si];
        nt = sv->seg_to[si] - sv->seg_from[si];
        if (p->segments[si].kind == SEGMENT_NARRATION) {
            for (k = 0; k < nt; k++) {
                c = t[k].kind == ATTR_TOK_NAME ? t[k].character : parent_at(sv, pi, text, t, nt, k);
                if (c >= 0 && n_names < sizeof names / sizeof names[0] && !in_set(names, n_names, c)) {
                    names_pos[n_names] = t[k].start;
                    names[n_names++] = c;
                }
            }
            continue;
        }
        /* `"Miss Bingley," said he, "has given me credit..."`: a name the
         * tag interrupts is the subject of the sentence it goes on with */
        if (nt >= 1 && nt <= 2 && t[0].kind == ATTR_TOK_NAME && si + 2 < p->n_segments &&
            p->segments[si + 2].kind == SEGMENT_DIALOGUE &&
            sv->seg_to[si + 2] > sv->seg_from[si + 2] &&
            predicate_start(text, &sv->toks[sv->seg_from[si + 2]]))
            continue;
        n_voc = vocatives(text, t, nt, voc, mentioned, &n_ment);
        for (k = 0; k < n_voc; k++) {
            if (!in_set(excl, n_excl, voc[k]) && n_excl < MAX_VOC * 3)
                excl[n_excl++] = voc[k];
            if (addressee < 0)
                addressee = voc[k];
        }
        /* other names inside a quote are left open: excluding them as
         * speakers cost more than it gained on the corpus */
        (void)mentioned;
        (void)n_ment;
    }
    /* 1. explicit tags: a quote's own tag, named or pronoun */
    for (si = 0; si < p->n_segments; si++) {
        struct segment *seg = &p->segments[si];
        if (seg->kind != SEGMENT_DIALOGUE)
            continue;
        seg->speaker = -1;
        seg->rule = NULL;
        if (!quote_tag(sv, p, si, &tag, &inside) || !tag.is_tag) {
            if (si == 0 && sv->lead >= 0) {
                set_speaker(seg, sv->lead, sv->lead_named ? "tag-before" : "pronoun",
                            sv->lead_named ? 0.9 : 0.75);
                sv->turns[pi].named |= sv->lead_named;
            }
            continue;
        }
        c = resolve_subject(sv, pi, &tag.subj, names, names_before(names_pos, n_names, tag.pos),
                            excl, n_excl, expected);
        if (c < 0)
            continue;
        set_speaker(seg, c, tag.rule, tag.subj.kind == SUBJ_NAME ? 0.95
                                      : tag.subj.kind == SUBJ_I ? 0.9 : 0.7);
        if (tag.subj.kind != SUBJ_NAME && tag.subj.kind != SUBJ_I)
            seg->rule = "pronoun";
        if (tag.to.kind != SUBJ_NONE) {
            /* the one spoken to answers next */
            int a = resolve_subject(sv, pi, &tag.to, names, 0, &c, 1, -1);
            if (a >= 0 && a != c)
                addressee = a;
        }
        if (tag.subj.kind == SUBJ_NAME || tag.subj.kind == SUBJ_I)
            sv->turns[pi].named = 1;
        else if (tag.subj.kind == SUBJ_PRON && tag.subj.gender != DRAMATIS_GENDER_UNKNOWN &&
                 !in_set(names, names_before(names_pos, n_names, tag.pos), c) &&
                 !in_set(sv->narr_names, sv->n_narr_names, c))
            sv->turns[pi].pron = tag.subj.gender;   /* a guess from the conversation */
    }
    if (sv->turns[pi].named)
        sv->turns[pi].pron = DRAMATIS_GENDER_UNKNOWN;
    /* 2. continuation within the paragraph: a quote next to a tagged one */
    for (si = 0; si < p->n_segments; si++) {
        struct segment *seg = &p->segments[si];
        if (seg->kind == SEGMENT_DIALOGUE && seg->rule != NULL) {
            if (first_speaker < 0)
                first_speaker = seg->speaker;
        }
    }
    if (first_speaker >= 0) {
        int cur = -1;
        sv->turns[pi].kind = TURN_TAGGED;
        for (si = 0; si < p->n_segments; si++) {
            struct segment *seg = &p->segments[si];
            if (seg->kind != SEGMENT_DIALOGUE)
                continue;
            if (seg->rule != NULL)
                cur = seg->speaker;
            else
                set_speaker(seg, cur >= 0 ? cur : first_speaker, "continuation", 0.85);
        }
    } else {
        /* 3. beat: the subject of narration beside the quote
         * (`Iruka rolled his eyes and smiled. "Well..."`) */
        const char *rule = NULL;
        double conf = 0.0;
        c = -1;
        for (si = 0; si < p->n_segments && c < 0; si++) {
            if (p->segments[si].kind != SEGMENT_DIALOGUE)
                continue;
            if (quote_tag(sv, p, si, &tag, &inside) && tag.subj.kind != SUBJ_NONE) {
                c = resolve_subject(sv, pi, &tag.subj, names,
                                    names_before(names_pos, n_names, tag.pos), excl, n_excl, expected);
                if (c >= 0 && in_set(excl, n_excl, c))
                    c = -1;
                rule = "beat";
                conf = tag.subj.kind == SUBJ_NAME ? 0.75 : 0.6;
            }
        }
        /* 4-7. continuation, vocative, turn-taking, fallback */
        sv->turns[pi].kind = c >= 0 ? TURN_TAGGED : TURN_OPEN;
        if (c < 0) {
            c = implicit_speaker(sv, pi, p, excl, n_excl, &rule, &conf);
            if (strcmp(rule, "continuation") == 0)
                sv->turns[pi].kind = TURN_CONTINUED;
            else if (strcmp(rule, "vocative") == 0)
                sv->turns[pi].kind = TURN_TAGGED;   /* named by the one before */
        }
        for (si = 0; si < p->n_segments; si++) {
            if (p->segments[si].kind == SEGMENT_DIALOGUE)
                set_speaker(&p->segments[si], c, rule, conf);
        }
    }
    /* the conversation moves on */
    for (si = 0; si < p->n_segments; si++) {
        const struct segment *seg = &p->segments[si];
        if (seg->kind == SEGMENT_DIALOGUE && seg->speaker >= 0)
            para_speaker = seg->speaker;
    }
    for (k = 0; k < n_names; k++)
        seen(sv, names[k], pi);
    for (k = 0; k < n_excl; k++) {
        long active = sv->last_active[excl[k]];
        seen(sv, excl[k], pi);
        sv->last_active[excl[k]] = active;   /* addressed is not yet present */
    }
    if (para_speaker >= 0) {
        seen(sv, para_speaker, pi);
        if (para_speaker != sv->last) {
            sv->prev = sv->last;
            sv->last = para_speaker;
        }
    }
    sv->last_addressee = addressee;
    sv->last_para_speaker = para_speaker;
    sv->turns[pi].speaker = para_speaker;
    sv->turns[pi].addressee = addressee;
    sv->quiet = 0;
    sv->pending_beat = -1;
    sv->n_narr_names = 0;
    sv->lead = -1;
    /* `"Come, Kitty." And she was hastening away, when Elizabeth called
     * out,` announces the next paragraph's quote, as a narration
     * paragraph ending in a tag does */
    si = p->n_segments;
    if (si >= 2 && p->segments[si - 1].kind == SEGMENT_NARRATION &&
        p->segments[si - 2].kind == SEGMENT_DIALOGUE) {
        const struct attr_tok *t = sv->toks + sv->seg_from[si - 1];
        struct tag own;
        nt = sv->seg_to[si - 1] - sv->seg_from[si - 1];
        if (nt > 0 && t[nt - 1].kind == ATTR_TOK_PUNCT && (t[nt - 1].punct == ',' || t[nt - 1].punct == ':') &&
            !(tag_after(text, t, nt, &own) && own.is_tag) && tag_before(text, t, nt, &tag) && tag.is_tag &&
            tag.subj.kind == SUBJ_NAME) {
            sv->lead = tag.subj.character;
            sv->lead_named = 1;
        }
    }
    /* `"Are you dating him?" Naruto asks. Iruka's heart nearly stops.`
     * then `"No," he denies`: the subjects of narration after the last
     * quote; `He takes a breath.` there is still the one who spoke */
    for (si = p->n_segments; si > 0 && p->segments[si - 1].kind == SEGMENT_NARRATION; si--)
        ;
    for (; si < p->n_segments; si++) {
        const struct attr_tok *t = sv->toks + sv->seg_from[si];
        nt = sv->seg_to[si] - sv->seg_from[si];
        for (k = 0; k < nt; k++) {
            /* not the subject of the quote's own tag (`Iruka asks,`) */
            int subj = k == 0 ? si == 0 : opens_clause(text, t, k);
            enum attr_pron pr;
            if (!subj)
                continue;
            if (t[k].kind == ATTR_TOK_NAME) {
                add_subject(sv, t[k].character);
                continue;
            }
            if (t[k].kind != ATTR_TOK_WORD || para_speaker < 0)
                continue;
            pr = attr_pronoun(text + t[k].start, t[k].end - t[k].start);
            if ((pr == ATTR_PRON_HE && sv->gender[para_speaker] == DRAMATIS_GENDER_MALE) ||
                (pr == ATTR_PRON_SHE && sv->gender[para_speaker] == DRAMATIS_GENDER_FEMALE))
                add_subject(sv, para_speaker);
        }
    }
    return DRAMATIS_OK;
}

/* Gives every dialogue segment of paragraph pi speaker c. */
static void set_paragraph(struct sieve *sv, size_t pi, int c, const char *rule, double conf)
{
    struct paragraph *p = sv->paras[pi].p;
    size_t si;

    for (si = 0; si < p->n_segments; si++) {
        if (p->segments[si].kind == SEGMENT_DIALOGUE)
            set_speaker(&p->segments[si], c, rule, conf);
    }
    sv->turns[pi].speaker = c;
}

/* The speaker of the nearest tagged turn an even number of turns away
 * from paragraph at, looking in direction dir (turns are quote
 * paragraphs; continued ones belong to the turn before); -1 when the
 * conversation ends first.  *found_at gets the number of turns. */
static int tagged_turn(const struct sieve *sv, size_t at, int dir, size_t max_steps, int named_only,
                       int *found_at)
{
    size_t pi = at, steps = 0;

    *found_at = 0;
    for (;;) {
        if (dir < 0) {
            if (sv->turns[pi].brk || pi == 0)
                return -1;
            pi--;
        } else {
            pi++;
            if (pi >= sv->n_paras || sv->turns[pi].brk)
                return -1;
        }
        if (sv->turns[pi].kind == TURN_NONE)
            return -1;
        if (sv->turns[pi].kind == TURN_CONTINUED)
            continue;
        steps++;
        if (steps > max_steps)
            return -1;
        if (steps % 2 == 0 && sv->turns[pi].kind == TURN_TAGGED && (sv->turns[pi].named || !named_only)) {
            *found_at = (int)steps;
            return sv->turns[pi].speaker;
        }
    }
}

/* Second pass, over one kind of turn: an untagged turn (or one tagged
 * only by a pronoun) takes the speaker of the nearest tagged
 * turn two, four or six turns away on either side, as two people take
 * turns; a later tag corrects a run begun on a wrong guess.
 * `"What is his name?" / "Bingley." / "Is he married?" / "Oh! single,"
 * / "My dear Mr. Bennet," replied his wife` counts back from the wife. */
static void revise_pass(struct sieve *sv, int pronouns)
{
    size_t pi, k;

    for (pi = 0; pi < sv->n_paras; pi++) {
        int before, after, db, da, c = -1, left = -1, right = -1;
        struct turn *t = &sv->turns[pi];

        if (pronouns ? t->kind != TURN_TAGGED || t->pron == DRAMATIS_GENDER_UNKNOWN
                     : t->kind != TURN_OPEN)
            continue;
        before = tagged_turn(sv, pi, -1, 12, pronouns, &db);
        after = tagged_turn(sv, pi, 1, 12, pronouns, &da);
        if (before >= 0 && after >= 0)
            c = da < db ? after : before;
        else
            c = before >= 0 ? before : after;
        /* the neighbours of a turn are the other party */
        for (k = pi; k > 0 && !sv->turns[k].brk; k--) {
            if (sv->turns[k - 1].kind != TURN_CONTINUED) {
                if (sv->turns[k - 1].kind != TURN_NONE)
                    left = sv->turns[k - 1].speaker;
                break;
            }
        }
        for (k = pi + 1; k < sv->n_paras && !sv->turns[k].brk && sv->turns[k].kind != TURN_NONE; k++) {
            if (sv->turns[k].kind != TURN_CONTINUED) {
                right = sv->turns[k].kind == TURN_TAGGED ? sv->turns[k].speaker : -1;
                break;
            }
        }
        if (c < 0 || c == t->speaker || c == left || c == right || c == t->addressee)
            continue;
        if (pronouns) {
            if (sv->gender[c] != t->pron)
                continue;
            set_paragraph(sv, pi, c, "pronoun", 0.75);
        } else {
            set_paragraph(sv, pi, c, "turn-taking", 0.65);
        }
        for (k = pi + 1; k < sv->n_paras && sv->turns[k].kind == TURN_CONTINUED; k++)
            set_paragraph(sv, k, c, "continuation", 0.85);
    }
}

/* `"I am," said he.` between Elizabeth's quotes in a talk with Darcy is
 * Darcy's, whatever man spoke last elsewhere: pronoun tags first, counted
 * from named tags, then untagged turns, counted from any tag. */
static void revise_turns(struct sieve *sv)
{
    revise_pass(sv, 1);
    revise_pass(sv, 0);
}

/* Turns from paragraph pi to the nearest one whose tag names its speaker,
 * within the conversation; 99 when none does. */
static int turns_to_named(const struct sieve *sv, size_t pi)
{
    size_t k;
    int d, best = 99;

    for (k = pi, d = 0; d < best; k--) {
        if (sv->turns[k].named) {
            best = d;
            break;
        }
        if (sv->turns[k].brk || k == 0)
            break;
        if (sv->turns[k - 1].kind != TURN_NONE && sv->turns[k - 1].kind != TURN_CONTINUED)
            d++;
    }
    for (k = pi + 1, d = 0; k < sv->n_paras && !sv->turns[k].brk; k++) {
        if (sv->turns[k].kind != TURN_NONE && sv->turns[k].kind != TURN_CONTINUED)
            d++;
        if (d >= best)
            break;
        if (sv->turns[k].named) {
            best = d;
            break;
        }
    }
    return best;
}

/* Confidence ranks the lines a user should check first, so it follows how
 * often each guess is right.  A turn an even number of turns from a named
 * tag is that speaker's again (`"Is he married?"` two turns before
 * `replied his wife`), surer than the other party's turns between, and
 * far surer than a run no named tag reaches; a quote that goes on from
 * another (`"...all my hopes.` / `"And then,`) is no surer than the one
 * it continues. */
static void calibrate_confidence(struct sieve *sv)
{
    size_t pi, si;
    double prev = 1.0;

    for (pi = 0; pi < sv->n_paras; pi++) {
        struct paragraph *p = sv->paras[pi].p;
        int d = -1;
        for (si = 0; si < p->n_segments; si++) {
            struct segment *seg = &p->segments[si];
            if (seg->kind != SEGMENT_DIALOGUE || seg->rule == NULL)
                continue;
            if (strcmp(seg->rule, "turn-taking") == 0) {
                if (d < 0)
                    d = turns_to_named(sv, pi);
                seg->confidence += d == 99 ? -0.1 : d % 2 == 0 ? 0.1 : -0.05;
            } else if (strcmp(seg->rule, "continuation") == 0 && seg->confidence > prev) {
                seg->confidence = prev;
            }
            prev = seg->confidence;
        }
    }
}

/* First pass: the speaker a named tag gives each paragraph, so the start
 * of a conversation can count turns back from it. */
static dramatis_status find_explicit(struct sieve *sv)
{
    size_t pi, si;
    struct tag tag;
    int inside;
    dramatis_status st;

    for (pi = 0; pi < sv->n_paras; pi++) {
        const struct paragraph *p = sv->paras[pi].p;
        sv->explicit_speaker[pi] = -1;
        if (p->n_segments == 0)
            continue;
        st = tokenize_paragraph(sv, p);
        if (st != DRAMATIS_OK)
            return st;
        for (si = 0; si < p->n_segments; si++) {
            if (p->segments[si].kind != SEGMENT_DIALOGUE)
                continue;
            if (quote_tag(sv, p, si, &tag, &inside) && tag.is_tag && tag.subj.kind == SUBJ_NAME) {
                sv->explicit_speaker[pi] = tag.subj.character;
                break;
            }
            if (tag.is_tag && tag.subj.kind == SUBJ_I && sv->narrator >= 0) {
                sv->explicit_speaker[pi] = sv->narrator;
                break;
            }
        }
    }
    return DRAMATIS_OK;
}

static void sieve_cleanup(struct sieve *sv)
{
    attr_names_cleanup(&sv->names);
    free(sv->paras);
    free(sv->toks);
    free(sv->seg_from);
    free(sv->seg_to);
    free(sv->last_seen);
    free(sv->last_para);
    free(sv->last_active);
    free(sv->gender);
    free(sv->explicit_speaker);
    free(sv->turns);
    free(sv->mentions);
}

static dramatis_status collect_paragraphs(struct sieve *sv)
{
    const struct dramatis_book *b = sv->book;
    size_t ci, pi, n = 0;

    for (ci = 0; ci < b->n_chapters; ci++)
        n += b->chapters[ci].n_paragraphs;
    sv->paras = calloc(n + 1, sizeof *sv->paras);
    if (sv->paras == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (ci = 0; ci < b->n_chapters; ci++) {
        for (pi = 0; pi < b->chapters[ci].n_paragraphs; pi++) {
            struct paragraph *p = &b->chapters[ci].paragraphs[pi];
            sv->paras[sv->n_paras].p = p;
            sv->paras[sv->n_paras].brk = pi == 0 || p->scene_break_before;
            sv->n_paras++;
        }
    }
    return DRAMATIS_OK;
}

dramatis_status attribute_book(struct dramatis_book *book, struct dramatis_error *err)
{
    struct sieve sv;
    dramatis_status st = DRAMATIS_OK;
    size_t c, pi, nc;

    memset(&sv, 0, sizeof sv);
    if (book == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, "", 0, "no book to attribute");
    sv.book = book;
    if (book->n_characters == 0) {
        st = attr_discover_cast(book, err);
        if (st != DRAMATIS_OK)
            return st;
    }
    st = attr_names_init(&sv.names, book);
    if (st != DRAMATIS_OK)
        goto fail;
    st = collect_paragraphs(&sv);
    if (st != DRAMATIS_OK)
        goto fail;
    nc = book->n_characters + 1;
    sv.last_seen = malloc(nc * sizeof *sv.last_seen);
    sv.last_para = calloc(nc, sizeof *sv.last_para);
    sv.last_active = malloc(nc * sizeof *sv.last_active);
    sv.gender = calloc(nc, sizeof *sv.gender);
    sv.explicit_speaker = calloc(sv.n_paras + 1, sizeof *sv.explicit_speaker);
    sv.turns = calloc(sv.n_paras + 1, sizeof *sv.turns);
    sv.mentions = calloc(nc, sizeof *sv.mentions);
    if (sv.last_seen == NULL || sv.last_para == NULL || sv.last_active == NULL || sv.gender == NULL ||
        sv.explicit_speaker == NULL || sv.turns == NULL || sv.mentions == NULL) {
        st = DRAMATIS_ERR_NOMEM;
        goto fail;
    }
    for (c = 0; c < nc; c++) {
        sv.last_seen[c] = -1;
        sv.last_active[c] = -1;
    }
    st = prefer_salient_surnames(&sv);
    if (st != DRAMATIS_OK)
        goto fail;
    st = infer_genders(&sv);
    if (st != DRAMATIS_OK)
        goto fail;
    sv.narrator = find_narrator(&sv);
    if (sv.narrator == -2) {
        /* a first-person narrator the cast leaves out speaks in its own right */
        size_t idx;
        const char *alias = "I";
        st = book_character_add(book, BOOK_FIRST_PERSON_NAME, &alias, 1, DRAMATIS_GENDER_UNKNOWN,
                                &idx);
        if (st != DRAMATIS_OK)
            goto fail;
        sv.narrator = (int)idx;
        attr_names_cleanup(&sv.names);
        st = attr_names_init(&sv.names, book);
        if (st == DRAMATIS_OK)
            st = prefer_salient_surnames(&sv);
        if (st != DRAMATIS_OK)
            goto fail;
    }
    st = find_explicit(&sv);
    if (st != DRAMATIS_OK)
        goto fail;
    sv.last = sv.prev = sv.last_addressee = sv.last_para_speaker = sv.pending_beat = -1;
    sv.lead = -1;
    for (pi = 0; pi < sv.n_paras; pi++) {
        st = attribute_paragraph(&sv, pi);
        if (st != DRAMATIS_OK)
            goto fail;
    }
    revise_turns(&sv);
    calibrate_confidence(&sv);
    sieve_cleanup(&sv);
    return DRAMATIS_OK;
fail:
    sieve_cleanup(&sv);
    return error_set(err, st, book->path ? book->path : "", 0, "speaker attribution failed: %s",
                     dramatis_strerror(st));
}
