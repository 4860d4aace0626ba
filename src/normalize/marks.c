/* Normaliser rules for marks and words: phonemes kept, markup dropped,
 * emphasis stressed, dashes and ellipses made pauses, abbreviations
 * espeak-ng misreads spelled out. */
#include "norm.h"

#include "text.h"

#include <utf8proc.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* How far a rule looks for the end of what it opened (the "]]" of
 * phonemes, the closing marker of emphasis, the ";" of a character
 * reference): enough for any real one (the longest emphasis in the shared
 * books is 71 bytes), and a line full of openers stays linear (a 2 MB
 * paragraph of "_a " takes 1.4 s). */
#define NORM_PHONEMES_MAX 512
#define NORM_EMPHASIS_MAX 500
#define NORM_ENTITY_MAX 12

size_t norm_rule_phonemes(struct norm *nm, size_t i)
{
    size_t k;

    if (nm->t[i] != '[' || nm->t[i + 1] != '[')
        return 0;
    for (k = i + 2; k + 1 < nm->n && k < i + NORM_PHONEMES_MAX; k++) {
        if (nm->t[k] == ']' && nm->t[k + 1] == ']') {
            norm_put(nm, nm->t + i, k + 2 - i);
            return k + 2 - i;
        }
    }
    return 0;
}

/* ---- markup */

/* HTML elements that mean stress, and those that break a line. */
static const char *const stress_tags[] = { "i", "em", "b", "strong", "cite", "u" };
static const char *const break_tags[] = { "br", "p", "div", "li", "hr", "tr", "td" };

static int in_list(const char *const *list, size_t n, const char *name, size_t len)
{
    size_t k;

    for (k = 0; k < n; k++)
        if (strlen(list[k]) == len && strncasecmp(list[k], name, len) == 0)
            return 1;
    return 0;
}

/* An HTML tag (<i>, </em>, <br/>): stress kept, the rest dropped. */
static size_t html_tag(struct norm *nm, size_t i)
{
    size_t k = i + 1, name, len;
    int closing = 0;

    if (k < nm->n && nm->t[k] == '/') {
        closing = 1;
        k++;
    }
    name = k;
    while (k < nm->n && (norm_is_alpha((unsigned char)nm->t[k]) ||
                         (k > name && norm_is_digit((unsigned char)nm->t[k]))))
        k++;
    len = k - name;
    if (len == 0)
        return 0;
    while (k < nm->n && nm->t[k] != '>' && nm->t[k] != '<')
        k++;
    if (k >= nm->n || nm->t[k] != '>')
        return 0;
    k++;
    if (in_list(stress_tags, sizeof stress_tags / sizeof *stress_tags, nm->t + name, len)) {
        if (!closing && nm->html_open < NORM_MAX_EMPHASIS) {
            norm_tag(nm, "<emphasis>");
            nm->html_open++;
        } else if (closing && nm->html_open > 0) {
            norm_tag(nm, "</emphasis>");
            nm->html_open--;
        }
    } else if (in_list(break_tags, sizeof break_tags / sizeof *break_tags, nm->t + name, len)) {
        norm_put(nm, " ", 1);
    }
    return k - i;
}

/* A bracketed marker no listener wants: [Illustration], [Illustration:
 * caption], a footnote mark [12] or [*]. */
static size_t bracket_marker(struct norm *nm, size_t i)
{
    static const char illustration[] = "[Illustration";
    const char *close;
    size_t k = i + 1;

    if (strncasecmp(nm->t + i, illustration, sizeof illustration - 1) == 0) {
        close = strchr(nm->t + i, ']');
        if (close == NULL)
            return 0;
        norm_put(nm, " ", 1);
        return (size_t)(close + 1 - (nm->t + i));
    }
    while (k < nm->n && (norm_is_digit((unsigned char)nm->t[k]) || nm->t[k] == '*'))
        k++;
    if (k == i + 1 || k >= nm->n || nm->t[k] != ']')
        return 0;
    return k + 1 - i;
}

size_t norm_rule_markup(struct norm *nm, size_t i)
{
    if (nm->t[i] == '<')
        return html_tag(nm, i);
    if (nm->t[i] == '[')
        return bracket_marker(nm, i);
    return 0;
}

/* Character references: the named ones books carry, and numeric ones. */
static const struct {
    const char *name;
    int32_t cp;
} entities[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", ' ' }, { "mdash", 0x2014 }, { "ndash", 0x2013 }, { "hellip", 0x2026 },
    { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
    { "shy", -1 }, { "pound", 0xA3 }, { "euro", 0x20AC }, { "frac12", 0xBD },
    { "frac14", 0xBC }, { "frac34", 0xBE }, { "eacute", 0xE9 }, { "egrave", 0xE8 },
};

/* The code point of the reference at t (just after '&', up to ';'), -2
 * when it is none; *len is its length with the ';'. */
static int32_t entity_at(const char *t, size_t *len)
{
    const char *semi = memchr(t, ';', strnlen(t, NORM_ENTITY_MAX));
    size_t n, k;
    char *end;
    long v;

    if (semi == NULL || semi == t)
        return -2;
    n = (size_t)(semi - t);
    *len = n + 1;
    if (t[0] == '#') {
        int hex = t[1] == 'x' || t[1] == 'X';
        v = strtol(t + 1 + hex, &end, hex ? 16 : 10);
        if (end != semi || end == t + 1 + hex || v <= 0 || v > 0x10FFFF)
            return -2;
        return (int32_t)v;
    }
    for (k = 0; k < sizeof entities / sizeof *entities; k++)
        if (strlen(entities[k].name) == n && strncmp(entities[k].name, t, n) == 0)
            return entities[k].cp;
    return -2;
}

dramatis_status norm_decode_entities(const char *text, char **out)
{
    struct buf b;
    const char *p = text, *amp;
    dramatis_status st = DRAMATIS_OK;
    int any = 0;

    *out = NULL;
    if (strchr(text, '&') == NULL)
        return DRAMATIS_OK;
    buf_init(&b, (size_t)1 << 26);
    for (amp = strchr(p, '&'); st == DRAMATIS_OK && amp != NULL; amp = strchr(p, '&')) {
        utf8proc_uint8_t enc[4];
        size_t len;
        int32_t cp = entity_at(amp + 1, &len);
        st = buf_add(&b, p, (size_t)(amp - p) + (cp == -2));
        p = amp + 1;
        if (cp == -2 || st != DRAMATIS_OK)
            continue;
        any = 1;
        p += len;
        if (cp >= 0)
            st = buf_add(&b, enc, (size_t)utf8proc_encode_char(cp, enc));
    }
    if (st == DRAMATIS_OK)
        st = buf_adds(&b, p);
    if (st == DRAMATIS_OK && any)
        *out = buf_take(&b);
    buf_cleanup(&b);
    return st;
}

/* ---- emphasis */

/* The emphasis marker at t[i] (_ __ * **), its length, else 0. */
static size_t marker_len(const struct norm *nm, size_t i)
{
    char c = nm->t[i];

    if (c != '_' && c != '*')
        return 0;
    return i + 1 < nm->n && nm->t[i + 1] == c ? 2 : 1;
}

/* Where the marker opened at t[i] (length len) closes: the same marker
 * after a non-space, before a non-word character, inside what encloses
 * it; 0 when it does not. */
static size_t find_close(const struct norm *nm, size_t i, size_t len)
{
    size_t limit = nm->n_open ? nm->close_at[nm->n_open - 1] : nm->n, k;

    if (limit > i + NORM_EMPHASIS_MAX)
        limit = i + NORM_EMPHASIS_MAX;

    for (k = i + len + 1; k + len <= limit; k++) {
        if (nm->t[k] == '[' && nm->t[k + 1] == '[')
            return 0;
        if (strncmp(nm->t + k, nm->t + i, len) != 0 || marker_len(nm, k) != len)
            continue;
        if (nm->t[k - 1] == ' ' || norm_word_at(nm, k + len))
            continue;
        return k;
    }
    return 0;
}

size_t norm_rule_emphasis(struct norm *nm, size_t i)
{
    size_t len = marker_len(nm, i), close;

    if (len == 0)
        return 0;
    if (nm->n_open > 0 && nm->close_at[nm->n_open - 1] == i) {
        nm->n_open--;
        norm_tag(nm, "</emphasis>");
        return nm->close_len[nm->n_open];
    }
    /* opens at a word's start: "_very_", not "snake_case" or "5 * 3" */
    if (norm_word_before(nm, i) || i + len >= nm->n || nm->t[i + len] == ' ' ||
        nm->n_open >= NORM_MAX_EMPHASIS || (i > 0 && nm->t[i - 1] == nm->t[i]))
        return 0;
    close = find_close(nm, i, len);
    if (close == 0)
        return 0;
    nm->close_at[nm->n_open] = close;
    nm->close_len[nm->n_open] = len;
    nm->n_open++;
    norm_tag(nm, "<emphasis>");
    return len;
}

void norm_close_all(struct norm *nm)
{
    while (nm->n_open > 0) {
        nm->n_open--;
        norm_tag(nm, "</emphasis>");
    }
    while (nm->html_open > 0) {
        nm->html_open--;
        norm_tag(nm, "</emphasis>");
    }
}

/* ---- abbreviations */

/* What must follow an abbreviation for it to be one. */
enum abbr_when {
    ABBR_ALWAYS,      /* Esq., &c.: it may end the sentence */
    ABBR_DIGIT,       /* No. 3, p. 12, Sept. 3 */
    ABBR_NUMBER,      /* Vol. 2 or Vol. II */
    ABBR_CAPITAL      /* Capt. Hastings */
};

/* Abbreviations espeak-ng reads as words or letters ("&c." is "and see
 * dot", "Capt." "kapt", "No. 3" "no three"), exactly as books write
 * them.  Those it reads right (Mr., Mrs., Dr., St., etc., e.g.) are not
 * here. */
static const struct {
    const char *abbr;
    const char *spoken;
    enum abbr_when when;
} abbreviations[] = {
    { "&c.", "et cetera", ABBR_ALWAYS }, { "&c", "et cetera", ABBR_ALWAYS },
    { "i.e.", "that is", ABBR_ALWAYS }, { "viz.", "namely", ABBR_ALWAYS },
    { "cf.", "compare", ABBR_ALWAYS }, { "ibid.", "ibidem", ABBR_ALWAYS },
    { "Esq.", "Esquire", ABBR_ALWAYS }, { "Jr.", "Junior", ABBR_ALWAYS },
    { "Sr.", "Senior", ABBR_ALWAYS }, { "Bros.", "Brothers", ABBR_ALWAYS },
    { "No.", "number", ABBR_DIGIT }, { "no.", "number", ABBR_DIGIT },
    { "NO.", "number", ABBR_DIGIT }, { "Nos.", "numbers", ABBR_DIGIT },
    { "nos.", "numbers", ABBR_DIGIT }, { "p.", "page", ABBR_DIGIT },
    { "pp.", "pages", ABBR_DIGIT }, { "ca.", "circa", ABBR_DIGIT },
    { "c.", "circa", ABBR_DIGIT },
    { "Vol.", "volume", ABBR_NUMBER }, { "vol.", "volume", ABBR_NUMBER },
    { "VOL.", "volume", ABBR_NUMBER }, { "Vols.", "volumes", ABBR_NUMBER },
    { "vols.", "volumes", ABBR_NUMBER }, { "Ch.", "chapter", ABBR_NUMBER },
    { "ch.", "chapter", ABBR_NUMBER }, { "Chap.", "chapter", ABBR_NUMBER },
    { "chap.", "chapter", ABBR_NUMBER }, { "CHAP.", "chapter", ABBR_NUMBER },
    { "Jan.", "January", ABBR_DIGIT }, { "Feb.", "February", ABBR_DIGIT },
    { "Mar.", "March", ABBR_DIGIT }, { "Apr.", "April", ABBR_DIGIT },
    { "Jun.", "June", ABBR_DIGIT }, { "Jul.", "July", ABBR_DIGIT },
    { "Aug.", "August", ABBR_DIGIT }, { "Sep.", "September", ABBR_DIGIT },
    { "Sept.", "September", ABBR_DIGIT }, { "Oct.", "October", ABBR_DIGIT },
    { "Nov.", "November", ABBR_DIGIT }, { "Dec.", "December", ABBR_DIGIT },
    { "Capt.", "Captain", ABBR_CAPITAL }, { "Col.", "Colonel", ABBR_CAPITAL },
    { "Gen.", "General", ABBR_CAPITAL }, { "Lieut.", "Lieutenant", ABBR_CAPITAL },
    { "Lt.", "Lieutenant", ABBR_CAPITAL }, { "Sgt.", "Sergeant", ABBR_CAPITAL },
    { "Serg.", "Sergeant", ABBR_CAPITAL }, { "Maj.", "Major", ABBR_CAPITAL },
    { "Adm.", "Admiral", ABBR_CAPITAL }, { "Prof.", "Professor", ABBR_CAPITAL },
    { "Rev.", "Reverend", ABBR_CAPITAL }, { "Hon.", "Honourable", ABBR_CAPITAL },
    { "Gov.", "Governor", ABBR_CAPITAL }, { "Pres.", "President", ABBR_CAPITAL },
    { "Supt.", "Superintendent", ABBR_CAPITAL }, { "Insp.", "Inspector", ABBR_CAPITAL },
    { "Mt.", "Mount", ABBR_CAPITAL }, { "Ft.", "Fort", ABBR_CAPITAL },
    { "Messrs.", "Messers", ABBR_CAPITAL }, { "Mme.", "Madame", ABBR_CAPITAL },
    { "Mlle.", "Mademoiselle", ABBR_CAPITAL }, { "Ms.", "Miz", ABBR_CAPITAL },
    { "Wm.", "William", ABBR_CAPITAL }, { "Jno.", "John", ABBR_CAPITAL },
    { "Geo.", "George", ABBR_CAPITAL }, { "Jas.", "James", ABBR_CAPITAL },
    { "Chas.", "Charles", ABBR_CAPITAL }, { "Thos.", "Thomas", ABBR_CAPITAL },
    { "Benj.", "Benjamin", ABBR_CAPITAL }, { "Robt.", "Robert", ABBR_CAPITAL },
};

/* Whether a roman numeral starts at t[k]: Vol. II */
static int roman_start(const struct norm *nm, size_t k)
{
    return k < nm->n && strchr("IVXLC", nm->t[k]) != NULL && nm->t[k] != '\0';
}

size_t norm_rule_abbreviation(struct norm *nm, size_t i)
{
    size_t a, len, next;

    if (norm_word_before(nm, i) || (i > 0 && nm->t[i - 1] == '.'))
        return 0;
    if (!norm_is_alpha((unsigned char)nm->t[i]) && nm->t[i] != '&')
        return 0;
    for (a = 0; a < sizeof abbreviations / sizeof *abbreviations; a++) {
        const char *abbr = abbreviations[a].abbr;
        if (abbr[0] != nm->t[i])
            continue;
        len = strlen(abbr);
        if (strncmp(nm->t + i, abbr, len) != 0 || norm_word_at(nm, i + len) ||
            (abbr[len - 1] == '.' && i + len < nm->n && nm->t[i + len] == '.'))
            continue;
        next = norm_skip_spaces(nm, i + len);
        switch (abbreviations[a].when) {
        case ABBR_ALWAYS:
            break;
        case ABBR_DIGIT:
            if (next >= nm->n || !norm_is_digit((unsigned char)nm->t[next]))
                continue;
            break;
        case ABBR_NUMBER:
            if (next >= nm->n ||
                !(norm_is_digit((unsigned char)nm->t[next]) || roman_start(nm, next)))
                continue;
            break;
        case ABBR_CAPITAL:
            if (next == i + len || next >= nm->n || !norm_is_upper((unsigned char)nm->t[next]))
                continue;
            break;
        }
        norm_puts(nm, abbreviations[a].spoken);
        /* "Smith, Esq. Then..." still ends a sentence */
        if (abbreviations[a].when == ABBR_ALWAYS && abbr[len - 1] == '.' &&
            norm_stop_follows(nm, i + len))
            norm_put(nm, ".", 1);
        return len;
    }
    return 0;
}

/* ---- dashes, ellipses, slashes, stray marks */

/* The first character after t[j] that is not a space: its code point
 * (-1 at the end). */
static int32_t next_cp(const struct norm *nm, size_t j)
{
    size_t len;

    j = norm_skip_spaces(nm, j);
    return j < nm->n ? text_cp_at(nm->t, j, nm->n, &len) : -1;
}

/* Whether punctuation that pauses anyway comes next ("Wait--, no"). */
static int pause_follows(const struct norm *nm, size_t j)
{
    int32_t next = next_cp(nm, j);

    return next == ',' || next == ';' || next == ':' || text_is_sentence_end_cp(next);
}

/* Puts the pause a dash or an ellipsis at t[i, j) makes: none at the
 * line's edges or before punctuation that pauses anyway. */
static void mark_pause(struct norm *nm, size_t i, size_t j, long ms)
{
    if (pause_follows(nm, j))
        return;
    if (norm_at_start(nm, i) || norm_at_end(nm, j))
        norm_put(nm, " ", 1);
    else
        norm_break(nm, ms);
}

/* A dash's pause, or none where punctuation or the line's edge makes it. */
static size_t mark_dash(struct norm *nm, size_t i, size_t len)
{
    mark_pause(nm, i, i + len, nm->opt->dash_ms);
    return len;
}

/* Whether [[phonemes]] end just before t[i] or start at t[j]. */
static int phonemes_before(const struct norm *nm, size_t i)
{
    return i >= 2 && nm->t[i - 1] == ']' && nm->t[i - 2] == ']';
}

static int phonemes_at(const struct norm *nm, size_t j)
{
    return j + 1 < nm->n && nm->t[j] == '[' && nm->t[j + 1] == '[';
}

size_t norm_rule_dash(struct norm *nm, size_t i)
{
    size_t len = text_dash_len(nm->t, i, nm->n), cl, before;
    int32_t cp = text_cp_at(nm->t, i, nm->n, &cl), prev;

    if (len == 0)
        return 0;
    /* a hyphen that pronunciations left between a name's [[phonemes]] and
     * its honorific's ("Iruka-sensei") still joins them: no pause */
    if (len == cl && text_is_hyphen_cp(cp) &&
        ((phonemes_before(nm, i) && (phonemes_at(nm, i + len) || norm_word_at(nm, i + len))) ||
         (norm_word_before(nm, i) && phonemes_at(nm, i + len))))
        return 0;
    /* a long dash after a space stands for a name left out: "at ----,",
     * "the ----shire"; after a word, or ending the line, it is a dash
     * ("I was going----") */
    if ((len >= 4 * cl || (len >= 2 * cl && cl == 3)) && !norm_word_before(nm, i) &&
        !norm_at_end(nm, i + len)) {
        norm_puts(nm, " blank ");
        return len;
    }
    /* a hyphen joining two words (so-called) is the word's own, and one a
     * line break split from its second half ("dark- haired") joins again */
    if (len == cl && text_is_hyphen_cp(cp) && norm_word_before(nm, i) &&
        !norm_is_digit((unsigned char)nm->t[i - 1])) {
        size_t next = norm_skip_spaces(nm, i + len);
        if (next == i + len)
            return norm_word_at(nm, next) ? 0 : mark_dash(nm, i, len);
        if (next < nm->n && norm_is_alpha((unsigned char)nm->t[next])) {
            norm_put(nm, "-", 1);
            return next - i;
        }
    }
    /* between numbers a dash is "to": 1857-60, pp. 3 - 5 */
    before = i;
    while (before > 0 && nm->t[before - 1] == ' ')
        before--;
    prev = before > 0 ? (unsigned char)nm->t[before - 1] : 0;
    if (norm_is_digit(prev) && norm_is_digit((unsigned char)nm->t[norm_skip_spaces(nm, i + len)])) {
        norm_puts(nm, " to ");
        return len;
    }
    return mark_dash(nm, i, len);
}

size_t norm_rule_ellipsis(struct norm *nm, size_t i)
{
    size_t k = i;
    size_t dots = 0;

    if (strncmp(nm->t + i, "\xe2\x80\xa6", 3) == 0) {
        k = i + 3;
    } else if (nm->t[i] == '.') {
        /* "..." or ". . ." */
        while (k < nm->n && nm->t[k] == '.') {
            dots++;
            k++;
            if (k + 1 < nm->n && nm->t[k] == ' ' && nm->t[k + 1] == '.')
                k++;
        }
        if (dots < 3)
            return 0;
    } else {
        return 0;
    }
    mark_pause(nm, i, k, nm->opt->ellipsis_ms);
    return k - i;
}

size_t norm_rule_slash(struct norm *nm, size_t i)
{
    /* "and/or", "he/she": both words are said */
    if (nm->t[i] != '/' || i < 2 || !norm_is_alpha((unsigned char)nm->t[i - 1]) ||
        !norm_is_alpha((unsigned char)nm->t[i - 2]) || i + 2 >= nm->n ||
        !norm_is_alpha((unsigned char)nm->t[i + 1]) || !norm_is_alpha((unsigned char)nm->t[i + 2]))
        return 0;
    /* "and/or" says its "or" itself */
    norm_puts(nm, strncmp(nm->t + i + 1, "or", 2) == 0 && !norm_word_at(nm, i + 3) ? " " : " or ");
    return 1;
}

size_t norm_rule_stray(struct norm *nm, size_t i)
{
    char c = nm->t[i];
    size_t k = i;

    /* espeak-ng names these aloud ("tilde", "asterisk", "hash", "slash");
     * in a story they are decoration or markup.  A slash between letters
     * or digits (w/o, 24/7) is left to it. */
    if (strchr("~\\|^{}_*#=/", c) == NULL || c == '\0')
        return 0;
    if (c == '/' && i > 0 && norm_word_before(nm, i) && norm_word_at(nm, i + 1))
        return 0;
    while (k < nm->n && nm->t[k] == c)
        k++;
    /* a lone '=' is an equals sign; a run of them is a rule */
    if (c == '=' && k - i < 3)
        return 0;
    norm_put(nm, " ", 1);
    return k - i;
}
