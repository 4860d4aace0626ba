/* Segmenter: splits each paragraph into narration and the dialogue inside its quote marks. */
#include "segment.h"

#include "buf.h"
#include "error.h"
#include "text.h"
#include "words.h"

#include <utf8proc.h>

#include <stdlib.h>
#include <string.h>

#define SEGMENTS_MAX ((size_t)1 << 30)
#define SCARE_WORDS_SHORT 3    /* `They invite "friends" along` */
#define SCARE_WORDS_CLAUSE 12  /* `She won't say "if you had only asked," that ...` */
#define WORD_MAX 16

/* Which marks a book uses for speech: "double" or 'single' (British). */
enum quote_style {
    STYLE_DOUBLE = 0,
    STYLE_SINGLE
};

/* A quote mark's shape: straight marks say nothing about direction. */
enum mark_shape {
    MARK_STRAIGHT = 0,
    MARK_OPENING,   /* “ ‘ */
    MARK_CLOSING    /* ” ’ */
};

struct mark {
    size_t pos, len;
    enum mark_shape shape;
    int can_open;    /* followed by a non-space, not preceded by a letter */
    int can_close;   /* preceded by a non-space, not followed by a letter */
};

struct segmenter {
    struct dramatis_book *book;
    const char *t;
    enum quote_style style;
    struct buf segs;   /* struct segment scratch for one paragraph */
    int prev_open;     /* the previous paragraph ended inside a quote */
};

static int is_lower_cp(int32_t cp)
{
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int has_word_char(const char *t, size_t s, size_t e)
{
    size_t i, len;

    for (i = s; i < e; i += len) {
        if (text_is_word_cp(text_cp_at(t, i, e, &len)))
            return 1;
    }
    return 0;
}

/* First byte at or after i that may start a quote mark: `"`, `'` or the
 * lead byte of the curly marks; end if none.  Keeps the scan cheap. */
static size_t next_mark_byte(const char *t, size_t i, size_t end)
{
    static const unsigned char lead[256] = { ['"'] = 1, ['\''] = 1, [0xE2] = 1 };

    while (i < end && !lead[(unsigned char)t[i]])
        i++;
    return i;
}

/* Shape of a quote mark of the book's style at t[i], 0 bytes if none.
 * Speech opens and closes only on the straight mark and the English curly
 * pair (“ ” or ‘ ’): narrower than text_quote_kind() on purpose, because
 * low-9 quotes and guillemets („ “, » «) run one way in one language and
 * the other way in the next, so the mark alone cannot say whether it
 * opens; such quotes stay in the narration rather than split it wrongly. */
static size_t mark_at(const char *t, size_t i, size_t end, enum quote_style style,
                      enum mark_shape *shape)
{
    size_t len;
    int32_t cp = text_cp_at(t, i, end, &len);

    if (text_quote_kind(cp) != (style == STYLE_DOUBLE ? TEXT_QUOTE_DOUBLE : TEXT_QUOTE_SINGLE))
        return 0;
    switch (cp) {
    case '"': case '\'':
        *shape = MARK_STRAIGHT;
        return len;
    case 0x201C: case 0x2018:
        *shape = MARK_OPENING;
        return len;
    case 0x201D: case 0x2019:
        *shape = MARK_CLOSING;
        return len;
    default:
        return 0;
    }
}

/* Copies the word of t that ends at end (letters, apostrophes and inner
 * hyphens, so `so-called` is not `called`), lowercased, with ’ as '; ""
 * when there is none or it is too long. */
static size_t word_before(const char *t, size_t start, size_t end, char *out, size_t out_size)
{
    size_t i = end, len, n = 0, k;
    int32_t cp;

    while (i > start) {
        cp = text_cp_before(t, start, i, &len);
        if (!text_is_word_cp(cp) && !text_is_apostrophe_cp(cp) &&
            !(text_is_hyphen_cp(cp) && i - len > start && i < end &&
              text_is_word_cp(text_cp_before(t, start, i - len, &k))))
            break;
        i -= len;
    }
    out[0] = '\0';
    if (end - i >= out_size)
        return i;
    for (k = i; k < end; k += len) {
        cp = text_cp_at(t, k, end, &len);
        if (text_is_apostrophe_cp(cp))
            out[n++] = '\'';
        else if (text_is_hyphen_cp(cp))
            out[n++] = '-';
        else if (cp >= 'A' && cp <= 'Z')
            out[n++] = (char)(cp - 'A' + 'a');
        else if (cp >= 0 && cp < 128)
            out[n++] = (char)cp;
        else
            out[n++] = '?';
    }
    out[n] = '\0';
    return i;
}

static int in_list(const char *word, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(word, list[i]) == 0)
            return 1;
    }
    return 0;
}

static int is_negation(const char *w)
{
    static const char *const words[] = {
        "not", "never", "can't", "cannot", "couldn't", "won't", "wouldn't", "didn't",
        "doesn't", "don't", "shouldn't", "mustn't", "wasn't", "isn't"
    };

    return in_list(w, words, sizeof words / sizeof words[0]);
}

/* Words that start a speech tag after a quote: `"...," he said`. */
static int is_tag_start(const char *w)
{
    static const char *const words[] = { "he", "she", "they", "i", "we", "you", "it", "his",
                                         "her", "their", "my" };

    return in_list(w, words, sizeof words / sizeof words[0]);
}

/* Decides whether a closed quote is not speech: a scare quote or words
 * quoted but not said.  Only a quote that follows a word of narration
 * qualifies: `They invite "friends" along`; `He can't say "if I hadn't
 * wanted to," that would be a lie`.  After `,` `:` or at the start of a
 * paragraph a quote is speech. */
static int is_scare_quote(const char *t, size_t ps, size_t pe, size_t open_mark, size_t cs,
                          size_t ce, size_t after)
{
    char prev[WORD_MAX], prev2[WORD_MAX], next[WORD_MAX];
    size_t i, len, words = 0, w, k;
    int in_word = 0, terminal = 0, first_lower = -1, said, negated;
    int32_t cp;

    i = open_mark;
    while (i > ps && text_is_space_cp(text_cp_before(t, ps, i, &len)))
        i -= len;
    if (i == open_mark || !text_is_word_cp(text_cp_before(t, ps, i, &len)))
        return 0;
    w = word_before(t, ps, i, prev, sizeof prev);
    while (w > ps && text_is_space_cp(text_cp_before(t, ps, w, &len)))
        w -= len;
    word_before(t, ps, w, prev2, sizeof prev2);
    said = word_is_speech_verb(prev, strlen(prev));
    negated = said && is_negation(prev2);

    for (k = cs; k < ce; k += len) {
        cp = text_cp_at(t, k, ce, &len);
        if (text_is_space_cp(cp)) {
            in_word = 0;
            continue;
        }
        if (!in_word)
            words++;
        in_word = 1;
        if (first_lower < 0 && text_is_word_cp(cp))
            first_lower = is_lower_cp(cp);
        /* a clause or sentence ends inside: `"if you had only asked,"`;
         * an ellipsis trails off just the same */
        if (text_is_sentence_end_cp(cp) || cp == ',' || cp == ';' || cp == ':' || cp == 0x2026)
            terminal = 1;
    }
    if (said && !negated)
        return 0;
    if (words <= SCARE_WORDS_SHORT && !terminal)
        return 1;
    /* Longer quoted words count only when the text says they went unsaid. */
    if (!negated || first_lower != 1 || words > SCARE_WORDS_CLAUSE)
        return 0;
    /* The sentence goes on in lowercase, and not as a speech tag. */
    if (!text_is_space_cp(text_cp_at(t, after, pe, &len)))
        return 0;
    k = after + len;
    if (!is_lower_cp(text_cp_at(t, k, pe, &len)))
        return 0;
    for (i = k; i < pe && text_is_word_cp(text_cp_at(t, i, pe, &len)); i += len)
        ;
    word_before(t, k, i, next, sizeof next);
    return next[0] != '\0' && !is_tag_start(next);
}

/* Apostrophes that start a word (`'em`, `'tis`) in single-quote books. */
static int is_elision(const char *t, size_t s, size_t pe)
{
    static const char *const words[] = { "em", "tis", "twas", "twere", "twill", "cause",
                                         "bout", "til", "n", "im", "er", "ere", "ow", "e",
                                         "alf", "ave", "ead", "cos", "coz", "nuff" };
    char w[WORD_MAX];
    size_t i, len;

    for (i = s; i < pe && text_is_word_cp(text_cp_at(t, i, pe, &len)); i += len)
        ;
    word_before(t, s, i, w, sizeof w);
    return w[0] != '\0' && in_list(w, words, sizeof words / sizeof words[0]);
}

/* Fills m's flags from its neighbours; returns 0 for an apostrophe. */
static int mark_context(const char *t, size_t ps, size_t pe, enum quote_style style, struct mark *m)
{
    size_t len;
    int32_t prev = text_cp_before(t, ps, m->pos, &len);
    int32_t next = text_cp_at(t, m->pos + m->len, pe, &len);

    m->can_open = next >= 0 && !text_is_space_cp(next) && !text_is_word_cp(prev);
    m->can_close = prev >= 0 && !text_is_space_cp(prev) && !text_is_word_cp(next);
    if (style == STYLE_SINGLE && m->shape != MARK_OPENING) {
        if (text_is_word_cp(prev) && text_is_word_cp(next))   /* wouldn't, o'clock */
            return 0;
        if (m->can_open && !m->can_close && is_elision(t, m->pos + m->len, pe))
            return 0;
    }
    return 1;
}

/* `the Bennets' house` inside a single-quoted speech is a possessive. */
static int is_plural_possessive(const char *t, size_t ps, size_t pe, const struct mark *m)
{
    size_t len, space;

    if (text_cp_before(t, ps, m->pos, &len) != 's')
        return 0;
    space = text_space_len(t, m->pos + m->len, pe);
    if (space == 0)
        return 0;
    return is_lower_cp(text_cp_at(t, m->pos + m->len + space, pe, &len));
}

static dramatis_status add_segment(struct segmenter *sg, enum segment_kind kind, size_t s,
                                   size_t e, int continued)
{
    struct segment seg;
    char *o;
    size_t i, len;
    int space = 0;

    text_trim(sg->t, &s, &e);
    if (s >= e)
        return DRAMATIS_OK;
    /* Punctuation left between two quotes (`"Oh"—"no"`) says nothing. */
    if (kind == SEGMENT_NARRATION && !has_word_char(sg->t, s, e))
        return DRAMATIS_OK;
    memset(&seg, 0, sizeof seg);
    seg.kind = kind;
    seg.start = s;
    seg.end = e;
    seg.continued = continued;
    seg.speaker = -1;
    seg.text = malloc(e - s + 1);
    if (seg.text == NULL)
        return DRAMATIS_ERR_NOMEM;
    o = seg.text;
    for (i = s; i < e; i += len) {
        len = text_space_len(sg->t, i, e);
        if (len > 0) {
            space = 1;
            continue;
        }
        if (space)
            *o++ = ' ';
        space = 0;
        /* the run up to the next space in one copy */
        for (len = 1; i + len < e && text_space_len(sg->t, i + len, e) == 0; len++)
            ;
        memcpy(o, sg->t + i, len);
        o += len;
    }
    *o = '\0';
    if (buf_add(&sg->segs, &seg, sizeof seg) != DRAMATIS_OK) {
        free(seg.text);
        return DRAMATIS_ERR_NOMEM;
    }
    return DRAMATIS_OK;
}

/* Whether only white space is left from t[i] to the paragraph's end. */
static int ends_paragraph(const char *t, size_t i, size_t pe)
{
    size_t len;

    while (i < pe && (len = text_space_len(t, i, pe)) > 0)
        i += len;
    return i >= pe;
}

/* Walks the quote marks of one paragraph: a mark opens or closes a quote by
 * its shape, its neighbours and whether a quote is open (straight marks
 * alternate).  A quote left open ends with the paragraph. */
static dramatis_status segment_paragraph(struct segmenter *sg, struct paragraph *para)
{
    const char *t = sg->t;
    size_t ps = para->start, pe = para->end, i, nar = ps, q_mark = 0, q_start = 0, first;
    int inside = 0, continued, marks = 0, first_mark;
    struct mark m;
    dramatis_status st = DRAMATIS_OK;
    size_t n_segs, len;

    buf_reset(&sg->segs);
    first = ps;
    while (first < pe && text_is_space_cp(text_cp_at(t, first, pe, &len)))
        first += len;
    continued = sg->prev_open;

    for (i = next_mark_byte(t, ps, pe); st == DRAMATIS_OK && i < pe;
         i = next_mark_byte(t, i, pe)) {
        m.len = mark_at(t, i, pe, sg->style, &m.shape);
        if (m.len == 0) {
            i++;
            continue;
        }
        m.pos = i;
        i += m.len;
        if (!mark_context(t, ps, pe, sg->style, &m))
            continue;
        first_mark = marks++ == 0;
        if (!inside) {
            int opens;
            if (m.shape == MARK_CLOSING)
                opens = m.can_open && !m.can_close;   /* a mark typed the wrong way */
            else if (m.shape == MARK_OPENING)
                opens = !(m.can_close && !m.can_open);   /* else a stray closing mark */
            else if (sg->style == STYLE_SINGLE)
                opens = !(m.can_close && !m.can_open);   /* `the Hales' house` */
            else
                opens = 1;   /* straight marks alternate, even around nested quotes */
            if (sg->style == STYLE_DOUBLE && m.shape != MARK_OPENING && m.can_close &&
                first_mark && ends_paragraph(t, m.pos + m.len, pe)) {
                /* `That was the whole song."` after a verse: a
                 * paragraph whose one mark ends it closes a speech begun
                 * before */
                st = add_segment(sg, SEGMENT_DIALOGUE, first, m.pos, 1);
                nar = m.pos + m.len;
                continue;
            }
            if (!opens)
                continue;
            inside = 1;
            q_mark = m.pos;
            q_start = m.pos + m.len;
            continue;
        }
        if (sg->style == STYLE_SINGLE && m.shape != MARK_OPENING &&
            ((m.can_open && !m.can_close) || is_plural_possessive(t, ps, pe, &m)))
            continue;   /* nested quote or `the Bennets' house` inside a speech */
        if (m.shape == MARK_OPENING && m.can_open && !m.can_close) {
            /* A new quote opens: the one before was never closed. */
            st = add_segment(sg, SEGMENT_NARRATION, nar, q_mark, 0);
            if (st == DRAMATIS_OK)
                st = add_segment(sg, SEGMENT_DIALOGUE, q_start, m.pos,
                                 continued && q_mark == first);
            nar = m.pos;
            q_mark = m.pos;
            q_start = m.pos + m.len;
            continue;
        }
        inside = 0;
        {
            size_t cs = q_start, ce = m.pos;
            text_trim(t, &cs, &ce);
            if (cs >= ce || is_scare_quote(t, ps, pe, q_mark, cs, ce, m.pos + m.len))
                continue;   /* `""` or a scare quote stays in the narration */
            st = add_segment(sg, SEGMENT_NARRATION, nar, q_mark, 0);
            if (st == DRAMATIS_OK)
                st = add_segment(sg, SEGMENT_DIALOGUE, cs, ce,
                                 continued && q_mark == first);
            nar = m.pos + m.len;
        }
    }
    if (st == DRAMATIS_OK && inside) {
        st = add_segment(sg, SEGMENT_NARRATION, nar, q_mark, 0);
        if (st == DRAMATIS_OK)
            st = add_segment(sg, SEGMENT_DIALOGUE, q_start, pe,
                             continued && q_mark == first);
        nar = pe;
    }
    if (st == DRAMATIS_OK)
        st = add_segment(sg, SEGMENT_NARRATION, nar, pe, 0);
    sg->prev_open = inside;

    n_segs = sg->segs.len / sizeof(struct segment);
    if (st == DRAMATIS_OK && n_segs > 0) {
        para->segments = malloc(sg->segs.len);
        if (para->segments == NULL) {
            st = DRAMATIS_ERR_NOMEM;
        } else {
            memcpy(para->segments, sg->segs.data, sg->segs.len);
            para->n_segments = n_segs;
            return DRAMATIS_OK;
        }
    }
    for (i = 0; i < n_segs; i++)
        free(((struct segment *)sg->segs.data)[i].text);
    return st;
}

/* Speech in double quotes unless the book opens many more single quotes
 * (`'Hello,' said Mara`) than it has double marks at all. */
static enum quote_style detect_style(const struct dramatis_book *book)
{
    size_t c, p, i, n_double = 0, n_single = 0, len;
    const char *t = book->text;

    for (c = 0; c < book->n_chapters; c++) {
        const struct chapter *ch = &book->chapters[c];
        for (p = 0; p < ch->n_paragraphs; p++) {
            size_t ps = ch->paragraphs[p].start, pe = ch->paragraphs[p].end;
            for (i = next_mark_byte(t, ps, pe); i < pe; i = next_mark_byte(t, i + 1, pe)) {
                enum mark_shape shape;
                struct mark m;
                if (mark_at(t, i, pe, STYLE_DOUBLE, &shape)) {
                    n_double++;
                    continue;
                }
                m.len = mark_at(t, i, pe, STYLE_SINGLE, &m.shape);
                if (m.len == 0 || m.shape == MARK_CLOSING)
                    continue;
                m.pos = i;
                if (mark_context(t, ps, pe, STYLE_SINGLE, &m) && m.can_open && !m.can_close &&
                    text_is_word_cp(text_cp_at(t, i + m.len, pe, &len)))
                    n_single++;
            }
        }
    }
    return n_single > n_double && n_single >= 2 ? STYLE_SINGLE : STYLE_DOUBLE;
}

dramatis_status segment_book(struct dramatis_book *book, struct dramatis_error *err)
{
    struct segmenter sg;
    size_t c, p, s;
    dramatis_status st = DRAMATIS_OK;

    if (book == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "no book");
    memset(&sg, 0, sizeof sg);
    sg.book = book;
    sg.t = book->text;
    sg.style = detect_style(book);
    buf_init(&sg.segs, SEGMENTS_MAX);
    for (c = 0; c < book->n_chapters && st == DRAMATIS_OK; c++) {
        struct chapter *ch = &book->chapters[c];
        sg.prev_open = 0;
        for (p = 0; p < ch->n_paragraphs && st == DRAMATIS_OK; p++) {
            struct paragraph *para = &ch->paragraphs[p];
            for (s = 0; s < para->n_segments; s++)   /* segmenting again */
                free(para->segments[s].text);
            free(para->segments);
            para->segments = NULL;
            para->n_segments = 0;
            st = segment_paragraph(&sg, para);
        }
    }
    buf_cleanup(&sg.segs);
    if (st != DRAMATIS_OK)
        return error_set(err, st, book->path, 0, NULL);
    return DRAMATIS_OK;
}
