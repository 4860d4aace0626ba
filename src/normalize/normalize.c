/* The normaliser's scan: the table of rules tried at every position of a
 * line, the output they write (plain text, or SSML when a pause or stress
 * needs it), and the pass over a whole book. */
#include "norm.h"

#include "error.h"
#include "reading.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rules, most specific first: the first that reads something at a
 * position wins, and what none reads is copied as it is. */
static const struct {
    const char *name;
    norm_rule_fn apply;
} rules[] = {
    { "phonemes", norm_rule_phonemes },           /* [[t'Enzo:]] as written */
    { "markup", norm_rule_markup },               /* <i>, [Illustration] */
    { "emphasis", norm_rule_emphasis },           /* _word_, *word* */
    { "abbreviation", norm_rule_abbreviation },   /* &c., No. 3, Capt. */
    { "money", norm_rule_money },                 /* £5, $3.50 */
    { "number sign", norm_rule_number_sign },     /* #4 */
    { "time", norm_rule_time },                   /* 10:05, 5:00 */
    { "decade", norm_rule_decade },               /* 1850s, '60s */
    { "year", norm_rule_year },                   /* 1857, 1905 */
    { "fraction", norm_rule_fraction },           /* 3/4, 1½ */
    { "old ordinal", norm_rule_old_ordinal },     /* the 2d of May */
    { "old money", norm_rule_old_money },         /* 5s. 6d. */
    { "roman", norm_rule_roman },                 /* Chapter XII, Henry VIII */
    { "dash", norm_rule_dash },                   /* word -- word, 1857-60 */
    { "ellipsis", norm_rule_ellipsis },           /* so... then */
    { "slash", norm_rule_slash },                 /* and/or */
    { "stray", norm_rule_stray },                 /* ~ \ | ^ { } # _ * */
};

/* ---- output */

static void add(struct buf *b, const char *s, size_t len, dramatis_status *status)
{
    if (*status == DRAMATIS_OK)
        *status = buf_add(b, s, len);
}

void norm_put(struct norm *nm, const char *s, size_t len)
{
    size_t i = 0, run;

    while (i < len) {
        /* a run that needs no folding or escaping goes in at once */
        for (run = 0; i + run < len && s[i + run] != ' ' && s[i + run] != '&' &&
                      s[i + run] != '<' && s[i + run] != '>';
             run++)
            ;
        if (run > 0) {
            add(&nm->plain, s + i, run, &nm->status);
            add(&nm->ssml, s + i, run, &nm->status);
            nm->space = 0;
            i += run;
            continue;
        }
        if (s[i] == ' ') {
            if (!nm->space) {
                add(&nm->plain, " ", 1, &nm->status);
                add(&nm->ssml, " ", 1, &nm->status);
            }
            nm->space = 1;
        } else {
            add(&nm->plain, s + i, 1, &nm->status);
            add(&nm->ssml, s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : "&gt;",
                s[i] == '&' ? 5 : 4, &nm->status);
            nm->space = 0;
        }
        i++;
    }
}

void norm_puts(struct norm *nm, const char *s)
{
    norm_put(nm, s, strlen(s));
}

void norm_printf(struct norm *nm, const char *fmt, ...)
{
    char text[256];
    va_list ap;
    int k;

    va_start(ap, fmt);
    k = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= sizeof text) {
        if (nm->status == DRAMATIS_OK)
            nm->status = DRAMATIS_ERR_ARG;
        return;
    }
    norm_put(nm, text, (size_t)k);
}

void norm_tag(struct norm *nm, const char *tag)
{
    nm->markup = 1;
    add(&nm->ssml, tag, strlen(tag), &nm->status);
}

void norm_break(struct norm *nm, long ms)
{
    char tag[64];

    norm_put(nm, " ", 1);
    if (ms <= 0)
        return;
    snprintf(tag, sizeof tag, "<break time=\"%ldms\"/>", ms);
    norm_tag(nm, tag);
    /* the break separates what is on either side like a space would */
    nm->space = 1;
}

/* ---- reading the input */

int norm_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

int norm_is_upper(int c)
{
    return c >= 'A' && c <= 'Z';
}

int norm_is_lower(int c)
{
    return c >= 'a' && c <= 'z';
}

int norm_is_alpha(int c)
{
    return norm_is_upper(c) || norm_is_lower(c);
}

int norm_word_before(const struct norm *nm, size_t i)
{
    size_t len;
    int32_t cp = text_cp_before(nm->t, 0, i, &len);

    return len > 0 && text_is_word_cp(cp);
}

int norm_word_at(const struct norm *nm, size_t i)
{
    return i < nm->n && text_word_len(nm->t, i, nm->n) > 0;
}

size_t norm_digits(const struct norm *nm, size_t i)
{
    size_t k = i;

    while (k < nm->n && norm_is_digit((unsigned char)nm->t[k]))
        k++;
    return k - i;
}

size_t norm_skip_spaces(const struct norm *nm, size_t i)
{
    size_t k = i < nm->n ? text_space_len(nm->t, i, nm->n) : 0;

    while (k > 0) {
        i += k;
        k = i < nm->n ? text_space_len(nm->t, i, nm->n) : 0;
    }
    return i;
}

int norm_prev_word(const struct norm *nm, size_t i, size_t *start, size_t *len)
{
    size_t end = i, k = text_space_len_before(nm->t, 0, end);

    while (k > 0) {
        end -= k;
        k = text_space_len_before(nm->t, 0, end);
    }
    if (end == i)
        return 0;   /* a word right before: not a separate one */
    k = end;
    if (k > 0 && nm->t[k - 1] == '.')
        k--;
    while (k > 0 && norm_is_alpha((unsigned char)nm->t[k - 1]))
        k--;
    if (k == end || (k > 0 && norm_word_before(nm, k)) ||
        !norm_is_alpha((unsigned char)nm->t[k]))
        return 0;
    *start = k;
    *len = end - k;
    return 1;
}

int norm_stop_follows(const struct norm *nm, size_t j)
{
    size_t k = norm_skip_spaces(nm, j);

    return k >= nm->n || (k > j && norm_is_upper((unsigned char)nm->t[k]));
}

/* Closing punctuation that may end a line after what a rule drops. */
static int closing(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
           cp == 0x2019 || cp == 0xBB;
}

int norm_at_end(const struct norm *nm, size_t j)
{
    size_t len;

    while (j < nm->n) {
        int32_t cp = text_cp_at(nm->t, j, nm->n, &len);
        if (!text_is_space_cp(cp) && !closing(cp))
            return 0;
        j += len;
    }
    return 1;
}

int norm_at_start(const struct norm *nm, size_t i)
{
    size_t len;

    while (i > 0) {
        int32_t cp = text_cp_before(nm->t, 0, i, &len);
        if (!text_is_space_cp(cp) && cp != '"' && cp != '\'' && cp != '(' && cp != 0x201C &&
            cp != 0x2018 && cp != 0xAB)
            return 0;
        i -= len;
    }
    return 1;
}

/* ---- the scan */

int normalize_is_ssml(const char *text)
{
    return text && strncmp(text, "<speak>", 7) == 0;
}

/* Copies what no rule reads: a run of ASCII letters and digits at once
 * (no rule starts inside one), else one character. */
static size_t copy_plain(struct norm *nm, size_t i)
{
    size_t k = i, len;

    while (k < nm->n && (norm_is_alpha((unsigned char)nm->t[k]) ||
                         norm_is_digit((unsigned char)nm->t[k])))
        k++;
    if (k == i) {
        int32_t cp = text_cp_at(nm->t, i, nm->n, &len);
        /* any white space is a space to espeak-ng */
        if (text_is_space_cp(cp))
            norm_put(nm, " ", 1);
        else
            norm_put(nm, nm->t + i, len);
        return len;
    }
    norm_put(nm, nm->t + i, k - i);
    return k - i;
}

/* The output without its trailing space, as a new string. */
static char *finish(struct norm *nm)
{
    struct buf *b = nm->markup ? &nm->ssml : &nm->plain;
    struct buf out;
    size_t len = b->len;

    while (len > 0 && b->data[len - 1] == ' ')
        len--;
    /* espeak-ng 1.51 reads a full stop that ends SSML after a tag or a
     * bracket as "dot" ("<emphasis>it</emphasis>.</speak>"); the end of
     * the line ends the sentence anyway */
    if (nm->markup && len >= 2 && b->data[len - 1] == '.' && b->data[len - 2] != '.')
        len--;
    buf_init(&out, (size_t)1 << 26);
    if (nm->markup && buf_adds(&out, "<speak>") != DRAMATIS_OK)
        goto fail;
    if (buf_add(&out, b->data ? b->data : "", len) != DRAMATIS_OK)
        goto fail;
    if (nm->markup && buf_adds(&out, "</speak>") != DRAMATIS_OK)
        goto fail;
    return buf_take(&out);
fail:
    buf_cleanup(&out);
    return NULL;
}

dramatis_status normalize_text(const char *text, const struct normalize_options *opt,
                               char **out)
{
    struct norm nm;
    char *decoded = NULL, *result = NULL;
    size_t i = 0, r, used;
    dramatis_status st;

    *out = NULL;
    if (text == NULL || opt == NULL)
        return DRAMATIS_ERR_ARG;
    /* already what espeak-ng is given */
    if (normalize_is_ssml(text))
        return DRAMATIS_OK;
    st = norm_decode_entities(text, &decoded);
    if (st != DRAMATIS_OK)
        return st;
    memset(&nm, 0, sizeof nm);
    nm.t = decoded ? decoded : text;
    nm.n = strlen(nm.t);
    nm.opt = opt;
    nm.space = 1;   /* nothing yet: no leading space */
    buf_init(&nm.plain, (size_t)1 << 26);
    buf_init(&nm.ssml, (size_t)1 << 26);
    while (i < nm.n && nm.status == DRAMATIS_OK) {
        used = 0;
        for (r = 0; r < sizeof rules / sizeof rules[0] && used == 0; r++)
            used = rules[r].apply(&nm, i);
        if (used == 0)
            used = copy_plain(&nm, i);
        i += used;
    }
    norm_close_all(&nm);
    st = nm.status;
    if (st == DRAMATIS_OK) {
        result = finish(&nm);
        if (result == NULL)
            st = DRAMATIS_ERR_NOMEM;
    }
    if (st == DRAMATIS_OK && strcmp(result, text) != 0) {
        *out = result;
        result = NULL;
    }
    free(result);
    free(decoded);
    buf_cleanup(&nm.plain);
    buf_cleanup(&nm.ssml);
    return st;
}

void normalize_options_init(struct normalize_options *opt, const struct dramatis_book *book)
{
    memset(opt, 0, sizeof *opt);
    opt->dash_ms = book_pause_ms(book, BOOK_PAUSE_DASH);
    opt->ellipsis_ms = book_pause_ms(book, BOOK_PAUSE_ELLIPSIS);
}

/* Normalises what *spoken (else text) says into *spoken. */
static dramatis_status normalize_field(const char *text, char **spoken,
                                       const struct normalize_options *opt)
{
    char *out = NULL;
    dramatis_status st = normalize_text(*spoken ? *spoken : text, opt, &out);

    if (st == DRAMATIS_OK && out) {
        free(*spoken);
        *spoken = out;
    }
    return st;
}

dramatis_status normalize_book(struct dramatis_book *book, struct dramatis_error *err)
{
    struct normalize_options opt;
    dramatis_status st = DRAMATIS_OK;
    size_t c, p, s;

    normalize_options_init(&opt, book);
    if (book->announcement)
        st = normalize_field(book->announcement, &book->spoken_announcement, &opt);
    for (c = 0; st == DRAMATIS_OK && c < book->n_chapters; c++) {
        struct chapter *ch = &book->chapters[c];
        opt.heading = 1;
        st = normalize_field(ch->title, &ch->spoken_title, &opt);
        opt.heading = 0;
        for (p = 0; st == DRAMATIS_OK && p < ch->n_paragraphs; p++) {
            for (s = 0; st == DRAMATIS_OK && s < ch->paragraphs[p].n_segments; s++) {
                struct segment *seg = &ch->paragraphs[p].segments[s];
                st = normalize_field(seg->text, &seg->spoken, &opt);
            }
        }
    }
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, "cannot normalise the text");
    return DRAMATIS_OK;
}
