/* Evidence read from the text around one quote: who a speech tag or an
 * action beat names, whom a quote addresses.  Pure functions of tokens;
 * the scorer (attribute.c) weighs what they find. */
#include "evidence.h"

#include "words.h"

#include <string.h>

static const char *const adverbs[] = {
    "then", "again", "now", "still", "once", "at", "last", "also", "too",
    "however", "instead", "presently", "aloud", "softly", "back", NULL
};

/* What a person's voice is called: `Ann's voice broke` after a quote
 * says who spoke it, as a speech tag does. */
static const char *const voice_nouns[] = {
    "voice", "tone", "words", "reply", "answer", "whisper", NULL
};

static const char *const and_but[] = { "and", "but", "when", "while", "then", NULL };

static const char *const prepositions[] = {
    "to", "by", "of", "at", "with", "for", "from", "on", "upon", "towards", "toward", "in",
    "into", "than", "as", "like", "about", "after", "before", "behind", "beside", "near",
    "without", "between", "among", "against", NULL
};

/* The prepositions after which a name is someone the sentence is not
 * about (`alone with Ann`), for attr_object_of_preposition: fewer than
 * above, since `than Ann`, `as Ann` and `like Ann` often go on with Ann
 * doing something; marking names after the whole list above scored lower
 * on the held-out excerpts (81.9% against 82.1%). */
static const char *const object_prepositions[] = {
    "with", "to", "at", "from", "for", "by", "upon", "on", "in", "of", "towards",
    "toward", "into", "after", "about", "beside", NULL
};

int attr_is_adverb(const char *text, const struct attr_tok *t)
{
    size_t n = t->end - t->start;

    if (t->kind != ATTR_TOK_WORD)
        return 0;
    if (n > 3 && text[t->end - 2] == 'l' && text[t->end - 1] == 'y')
        return 1;
    return attr_tok_in(text, t, adverbs);
}

int attr_is_verb(const char *text, const struct attr_tok *t)
{
    return t->kind == ATTR_TOK_WORD && word_verb(text + t->start, t->end - t->start, NULL) != WORD_VERB_NONE;
}

int attr_is_verb_at(const char *text, const struct attr_tok *t, size_t n, size_t k)
{
    const struct attr_tok *v = &t[k];

    if (v->kind != ATTR_TOK_WORD)
        return 0;
    if (word_is_tag_verb(text + v->start, v->end - v->start))
        return 1;
    return k + 1 < n && t[k + 1].kind == ATTR_TOK_WORD &&
           word_is_phrasal_speech(text + v->start, v->end - v->start, text + t[k + 1].start,
                                  t[k + 1].end - t[k + 1].start);
}

int attr_is_stop(const struct attr_tok *t)
{
    return t->kind == ATTR_TOK_PUNCT &&
           (t->punct == '.' || t->punct == '!' || t->punct == '?' || t->punct == ';' ||
            t->punct == ':' || t->punct == '"');
}
/* Reads a subject at toks[i]; returns the index after it, or i if none.
 * `Tobias`, `he`, `the Ferryman`, `his wife`, `the other`, `I`. */
size_t attr_parse_subject(const char *text, const struct attr_tok *t, size_t n, size_t i,
                            struct attr_subject *s)
{
    static const char *const dets[] = {
        "the", "his", "her", "my", "their", "a", "an", "our", "your", "this", "that", NULL
    };
    static const char *const others[] = {
        "other", "companion", "friend", "latter", "former", NULL
    };
    size_t j;
    enum attr_pron pron;
    dramatis_gender g;

    memset(s, 0, sizeof *s);
    s->character = -1;
    if (i >= n)
        return i;
    if (t[i].kind == ATTR_TOK_NAME) {
        if (t[i].possessive && i + 1 < n && t[i + 1].kind == ATTR_TOK_WORD &&
            attr_noun_gender(text + t[i + 1].start, t[i + 1].end - t[i + 1].start)) {
            /* `Mara's father`: someone else */
            s->kind = ATTR_SUBJ_NOUN;
            s->gender = attr_noun_gender(text + t[i + 1].start, t[i + 1].end - t[i + 1].start);
            return i + 2;
        }
        s->kind = ATTR_SUBJ_NAME;
        s->character = t[i].character;
        /* `Ann's voice broke.`: her voice is her speaking */
        if (t[i].possessive && i + 1 < n && attr_tok_in(text, &t[i + 1], voice_nouns)) {
            s->voice = 1;
            return i + 2;
        }
        return i + 1;
    }
    if (t[i].kind != ATTR_TOK_WORD)
        return i;
    if (i + 1 < n && attr_tok_in(text, &t[i + 1], voice_nouns) &&
        (attr_tok_is(text, &t[i], "his") || attr_tok_is(text, &t[i], "her"))) {
        /* `Her voice shook.` */
        s->kind = ATTR_SUBJ_PRON;
        s->gender = attr_tok_is(text, &t[i], "his") ? DRAMATIS_GENDER_MALE : DRAMATIS_GENDER_FEMALE;
        s->voice = 1;
        return i + 2;
    }
    pron = attr_pronoun(text + t[i].start, t[i].end - t[i].start);
    if (pron == ATTR_PRON_I) {
        s->kind = ATTR_SUBJ_I;
        return i + 1;
    }
    if (pron != ATTR_PRON_NONE && (attr_tok_is(text, &t[i], "he") || attr_tok_is(text, &t[i], "she") ||
                                   attr_tok_is(text, &t[i], "it") || attr_tok_is(text, &t[i], "they"))) {
        s->kind = ATTR_SUBJ_PRON;
        s->gender = pron == ATTR_PRON_HE ? DRAMATIS_GENDER_MALE
                  : pron == ATTR_PRON_SHE ? DRAMATIS_GENDER_FEMALE : DRAMATIS_GENDER_UNKNOWN;
        return i + 1;
    }
    if (!attr_tok_in(text, &t[i], dets))
        return i;
    /* determiner, up to two modifiers, then a name or a noun */
    for (j = i + 1; j < n && j <= i + 3; j++) {
        if (t[j].kind == ATTR_TOK_NAME) {
            s->kind = ATTR_SUBJ_NAME;
            s->character = t[j].character;
            return j + 1;
        }
        if (t[j].kind != ATTR_TOK_WORD)
            return i;
        g = attr_noun_gender(text + t[j].start, t[j].end - t[j].start);
        if (g != DRAMATIS_GENDER_UNKNOWN) {
            s->kind = ATTR_SUBJ_NOUN;
            s->gender = g;
            s->desc_start = t[i].start;
            s->desc_end = t[j].end;
            s->owner = attr_tok_is(text, &t[i], "his") ? 1 : attr_tok_is(text, &t[i], "her") ? 2 : 0;
            s->spouse = attr_tok_is(text, &t[j], "wife") || attr_tok_is(text, &t[j], "husband") ||
                        attr_tok_is(text, &t[j], "lady");
            s->parent = attr_tok_is(text, &t[j], "father") || attr_tok_is(text, &t[j], "mother") ||
                        attr_tok_is(text, &t[j], "papa") || attr_tok_is(text, &t[j], "mamma") ||
                        attr_tok_is(text, &t[j], "mama");
            return j + 1;
        }
        if (attr_tok_in(text, &t[j], others)) {
            s->kind = ATTR_SUBJ_OTHER;
            return j + 1;
        }
    }
    return i;
}

/* Nonzero when a description can go on past token t: a lowercase word
 * that is no pronoun, adverb, preposition, participle or speech verb. */
static int description_word(const char *text, const struct attr_tok *t)
{
    static const char *const stops[] = {
        "to", "with", "in", "at", "from", "as", "and", "but", "who", "whose", "which", "that", "of",
        "on", "by", "for", "then", "again", "was", "had", "is", "did", NULL
    };
    size_t n = t->end - t->start;

    return t->kind == ATTR_TOK_WORD && text[t->start] >= 'a' && text[t->start] <= 'z' &&
           attr_pronoun(text + t->start, n) == ATTR_PRON_NONE && !attr_is_adverb(text, t) &&
           !attr_tok_in(text, t, stops) && !attr_is_verb(text, t) &&
           !(n > 4 && memcmp(text + t->end - 3, "ing", 3) == 0);
}

size_t attr_parse_description(const char *text, const struct attr_tok *t, size_t n, size_t i,
                              int before_verb, struct attr_subject *s)
{
    static const char *const dets[] = {
        "the", "a", "an", "my", "our", "another", "some", NULL
    };
    static const char *const alone[] = {
        "somebody", "someone", "another", "everybody", "everyone", "nobody", NULL
    };
    size_t j = i + 1, last;

    memset(s, 0, sizeof *s);
    s->character = -1;
    if (i >= n || t[i].kind != ATTR_TOK_WORD)
        return i;
    if (i + 2 < n && attr_tok_is(text, &t[i], "one") && attr_tok_is(text, &t[i + 1], "of")) {
        /* `one of them`, `one of the women` */
        if (attr_tok_is(text, &t[i + 2], "them") || attr_tok_is(text, &t[i + 2], "us")) {
            j = i + 3;
            goto found;
        }
        if (!attr_tok_is(text, &t[i + 2], "the"))
            return i;
        j = i + 3;
    } else if (attr_tok_in(text, &t[i], alone)) {
        /* `somebody`, `somebody else` */
        if (i + 1 < n && attr_tok_is(text, &t[i + 1], "else"))
            j = i + 2;
        if (j < n && description_word(text, &t[j]))
            return i;
        goto found;
    } else if (!attr_tok_in(text, &t[i], dets)) {
        return i;
    }
    last = j;
    while (j < n && j < last + 3 && description_word(text, &t[j]))
        j++;
    if (j == last)
        return i;
found:
    /* what follows: the end of the tag, or (before the verb) the verb */
    if (before_verb ? !(j < n && attr_is_verb_at(text, t, n, j))
                    : !(j == n || t[j].kind == ATTR_TOK_PUNCT || attr_is_adverb(text, &t[j]) ||
                        !description_word(text, &t[j])))
        return i;
    s->kind = ATTR_SUBJ_NOUN;
    s->gender = attr_noun_gender(text + t[j - 1].start, t[j - 1].end - t[j - 1].start);
    s->desc_start = t[i].start;
    s->desc_end = t[j - 1].end;
    return j;
}

/* The one spoken to, named after a tag's verb and subject:
 * `said Mr. Hale to his wife`, `cried Mara to Beth`. */
static void listener(const char *text, const struct attr_tok *t, size_t n, size_t k,
                     struct attr_subject *to)
{
    memset(to, 0, sizeof *to);
    to->character = -1;
    while (k < n && attr_is_adverb(text, &t[k]))
        k++;
    if (k + 1 < n && attr_tok_is(text, &t[k], "to") &&
        (t[k + 1].kind == ATTR_TOK_NAME || (t[k + 1].kind == ATTR_TOK_WORD &&
                                           (attr_tok_is(text, &t[k + 1], "his") ||
                                            attr_tok_is(text, &t[k + 1], "her") ||
                                            attr_tok_is(text, &t[k + 1], "the")))))
        attr_parse_subject(text, t, n, k + 1, to);
    if (to->kind != ATTR_SUBJ_NAME && to->kind != ATTR_SUBJ_NOUN)
        to->kind = ATTR_SUBJ_NONE;
}

/* The tag or beat in narration right after a quote.
 * `"Yes," said Tobias.` `"Yes," Mara asked.` `"Yes," he quickly added.`
 * `"Yes." Tobias's voice was warm.` (beat) */
int attr_tag_after(const char *text, const struct attr_tok *t, size_t n, struct attr_tag *tag)
{
    size_t i = 0, j, k, e;
    struct attr_subject s;

    memset(tag, 0, sizeof *tag);
    while (i < n && t[i].kind == ATTR_TOK_PUNCT && t[i].punct != '"')
        i++;
    /* said Tobias / returned she / went on the ferryman */
    j = i;
    while (j < n && j < i + 2 && attr_is_adverb(text, &t[j]) && !attr_is_verb_at(text, t, n, j))
        j++;
    if (j < n && attr_is_verb_at(text, t, n, j)) {
        k = j + 1;
        if (k < n && (attr_tok_is(text, &t[k], "on") || attr_tok_is(text, &t[k], "in")))
            k++;
        while (k < n && k < j + 4 && attr_is_adverb(text, &t[k]))
            k++;
        e = attr_parse_subject(text, t, n, k, &s);
        if (e == k)
            e = attr_parse_description(text, t, n, k, 0, &s);
        if (e > k && s.kind != ATTR_SUBJ_NONE) {
            tag->subj = s;
            tag->pos = t[k].start;
            tag->rule = "tag-after";
            tag->is_tag = 1;
            listener(text, t, n, e, &tag->to);
            return 1;
        }
    }
    /* Tobias said / he quickly added / the ferryman, looking up, said */
    e = attr_parse_subject(text, t, n, i, &s);
    if (e == i)
        e = attr_parse_description(text, t, n, i, 1, &s);
    if (e == i)
        return 0;
    tag->pos = t[i].start;
    if (s.voice) {
        tag->subj = s;
        tag->rule = "tag-after";
        tag->is_tag = 1;
        return 1;
    }
    for (k = e; k < n && k < e + 8 && !attr_is_stop(&t[k]); k++) {
        if (attr_is_verb_at(text, t, n, k)) {
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
 * `Mara asked, "..."` `Tobias turned to him and said: "..."`
 * `Mara rolled her eyes and smiled. "Well..."` (beat) */
int attr_tag_before(const char *text, const struct attr_tok *t, size_t n, struct attr_tag *tag)
{
    size_t s0 = 0, k, e, last;
    struct attr_subject s;
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
    /* `Mara asked, "` or `said:` leads into the quote; a full stop makes
     * the sentence a beat (`Mara smiled. "`) */
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
        if (attr_is_verb_at(text, t, n, k))
            verb = 1;
    }
    while (s0 < last && (attr_tok_in(text, &t[s0], openers) || attr_is_adverb(text, &t[s0]) ||
                         (t[s0].kind == ATTR_TOK_PUNCT && t[s0].punct != '"')))
        s0++;
    /* `said he, "...` in narration between two quotes */
    if (s0 < last && attr_is_verb_at(text, t, n, s0)) {
        k = s0 + 1;
        while (k < last && k < s0 + 3 && attr_is_adverb(text, &t[k]))
            k++;
        e = attr_parse_subject(text, t, n, k, &s);
        if (e > k) {
            tag->subj = s;
            tag->pos = t[k].start;
            tag->rule = "tag-before";
            tag->is_tag = 1;
            return 1;
        }
    }
    /* `After each no, Tobias asks, "`: the subject just before the verb */
    if (verb && open_end) {
        for (k = last; k > s0; k--) {
            size_t v = k - 1, b;
            if (!attr_is_verb_at(text, t, n, v))
                continue;
            /* `when thus greeted by Miss Hale,` */
            if (v + 2 < last + 1 && v + 2 < n && attr_tok_is(text, &t[v + 1], "by") &&
                t[v + 2].kind == ATTR_TOK_NAME) {
                attr_parse_subject(text, t, n, v + 2, &s);
                tag->subj = s;
                tag->pos = t[v + 2].start;
                tag->rule = "tag-before";
                tag->is_tag = 1;
                return 1;
            }
            b = v;
            while (b > s0 && attr_is_adverb(text, &t[b - 1]))
                b--;
            if (b > s0 && (t[b - 1].kind == ATTR_TOK_NAME ||
                           (t[b - 1].kind == ATTR_TOK_WORD &&
                            attr_pronoun(text + t[b - 1].start, t[b - 1].end - t[b - 1].start) != ATTR_PRON_NONE))) {
                e = attr_parse_subject(text, t, n, b - 1, &s);
                if (e > b - 1 && s.kind != ATTR_SUBJ_NONE) {
                    tag->subj = s;
                    tag->pos = t[b - 1].start;
                    tag->rule = "tag-before";
                    tag->is_tag = 1;
                    return 1;
                }
            }
            if (b > s0 + 1 && t[b - 1].kind == ATTR_TOK_PUNCT && t[b - 1].punct == ',') {
                /* `Mr. Hale, drawing near Ann, said to her--` */
                size_t q = b - 1;
                while (q > s0 && !(t[q - 1].kind == ATTR_TOK_PUNCT && t[q - 1].punct == ','))
                    q--;
                if (q > s0 + 1 && (t[q - 2].kind == ATTR_TOK_NAME ||
                                   attr_tok_is(text, &t[q - 2], "he") ||
                                   attr_tok_is(text, &t[q - 2], "she"))) {
                    e = attr_parse_subject(text, t, n, q - 2, &s);
                    if (e == q - 1 && s.kind != ATTR_SUBJ_NONE) {
                        tag->subj = s;
                        tag->pos = t[q - 2].start;
                        tag->rule = "tag-before";
                        tag->is_tag = 1;
                        return 1;
                    }
                }
            }
            if (v + 1 < last && t[v + 1].kind == ATTR_TOK_NAME) {
                /* `then asked Tobias, "` */
                e = attr_parse_subject(text, t, n, v + 1, &s);
                tag->subj = s;
                tag->pos = t[v + 1].start;
                tag->rule = "tag-before";
                tag->is_tag = 1;
                return 1;
            }
            break;
        }
    }
    e = attr_parse_subject(text, t, n, s0, &s);
    if (e == s0 && verb && open_end)
        e = attr_parse_description(text, t, n, s0, 1, &s);   /* `one of the guards called out,` */
    if ((e == s0 || (s.kind == ATTR_SUBJ_PRON && s.gender == DRAMATIS_GENDER_UNKNOWN)) && verb && open_end) {
        /* `Getting up, however, he turned to his sister, and
         * said,` / `At last Tobias spoke, and in a quiet voice
         * said,`, `They had not gone far when Miss Hale came
         * towards her, and thus greeted her,`: the subject of a clause in
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
            e = attr_parse_subject(text, t, n, s0, &s);
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

/* Names addressed in a quote: `Tobias, you...`, `...thank you, Mara-sensei!` */
size_t attr_vocatives(const char *text, const struct attr_tok *t, size_t n, int *out,
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
            /* `...and then he said, 'Ah! Mrs. Hale, there you are.'`:
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
            if (*n_mentioned < ATTR_MAX_VOC)
                mentioned[(*n_mentioned)++] = t[k].character;
            continue;
        }
        if (words == 0 && (k + 1 == n || t[k + 1].punct == '.')) {
            /* `"Edwin."` answers a question; `"Tobias,"` calls him */
            if (*n_mentioned < ATTR_MAX_VOC)
                mentioned[(*n_mentioned)++] = t[k].character;
            continue;
        }
        /* `Tobias, you...`, `...at last, Mara.`, `Yes, Edwin, I know`;
         * not `my cousin, Nell Hale, whom you never met` */
        before = k == 0 || is_end(&t[k - 1]) || attr_tok_in(text, &t[k - 1], lead);
        after = k + 1 == n || (t[k + 1].kind == ATTR_TOK_PUNCT && t[k + 1].punct != '\'' &&
                               t[k + 1].punct != '"');
        /* `I love you too Mara, and...`, `I hope he will like it Nell.`:
         * a name after a finished clause, with no comma before it */
        if (!before && k >= 1 && attr_tok_in(text, &t[k - 1], clause_end))
            before = 1;
        if (!before && k >= 1 && t[k - 1].kind == ATTR_TOK_PUNCT && t[k - 1].punct == ',')
            before = k + 1 == n || is_end(&t[k + 1]) ||
                     (k + 2 == n && t[k + 1].kind == ATTR_TOK_PUNCT) ||
                     (k >= 2 && (attr_tok_in(text, &t[k - 2], lead) || attr_tok_in(text, &t[k - 2], interj)));
        if (before && after && !t[k].possessive) {
            if (count < ATTR_MAX_VOC)
                out[count++] = t[k].character;
        } else if (*n_mentioned < ATTR_MAX_VOC) {
            mentioned[(*n_mentioned)++] = t[k].character;
        }
    }
    return count;
}

/* Nonzero when t[k] opens a sentence or clause, past adverbs before it:
 * `Mara smiled.`, `and Beth`, `And even Nell could tell them so`. */
int attr_opens_clause(const char *text, const struct attr_tok *t, size_t k)
{
    static const char *const soft[] = { "even", "only", "just", "soon", NULL };

    while (k > 0 && (attr_is_adverb(text, &t[k - 1]) || attr_tok_in(text, &t[k - 1], soft)))
        k--;
    return k == 0 || attr_is_stop(&t[k - 1]) || attr_tok_in(text, &t[k - 1], and_but);
}

/* Nonzero when the name at t[k] is one of two joined by `and`: `Tobias
 * and Edwin sat with their backs to the wall` makes them `they`, so
 * neither is the `he` of the next sentence. */
int attr_coordinated(const char *text, const struct attr_tok *t, size_t n, size_t k)
{
    if (k + 2 < n && attr_tok_is(text, &t[k + 1], "and") && t[k + 2].kind == ATTR_TOK_NAME)
        return 1;
    return k >= 2 && attr_tok_is(text, &t[k - 1], "and") && t[k - 2].kind == ATTR_TOK_NAME;
}

int attr_object_of_preposition(const char *text, const struct attr_tok *t, size_t k)
{
    return k > 0 && attr_tok_in(text, &t[k - 1], object_prepositions);
}

/* Nonzero when a word can go on a sentence whose subject came before it:
 * `has`, `was`, `thinks`, `wanted` (not `we`, `you`, `please`). */
int attr_predicate_start(const char *text, const struct attr_tok *t)
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
