/* Plain-text lines that are not prose: chapter headings (`Chapter 3`,
 * `CHAPTER III.`, `# Title`), scene breaks, AO3's labels and leftovers. */
#include "text_internal.h"

#include "buf.h"
#include "text.h"

#include <utf8proc.h>

#include <stdlib.h>
#include <string.h>

/* AO3 labels after which the text up to the next chapter is author's notes. */
static int is_notes_label(const char *t, size_t s, size_t e)
{
    static const char *const labels[] = {
        "Notes:", "Notes", "Summary:", "Chapter Notes", "Chapter Notes:", "End Notes",
        "End Notes:", "Chapter End Notes", "Chapter End Notes:", "Chapter Summary",
        "Chapter Summary:"
    };
    size_t i;

    for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        if (span_ieq(t, s, e, labels[i]))
            return 1;
    }
    return 0;
}

/* Single lines a saved AO3 page leaves that are never read aloud. */
static int is_leftover(const char *t, size_t s, size_t e)
{
    return span_eq(t, s, e, "Actions") || span_eq(t, s, e, "Work Header") ||
           span_istarts(t, s, e, "(See the end of the chapter for") ||
           span_istarts(t, s, e, "(See the end of the work for");
}

static int roman_value(int c)
{
    switch (ascii_lower(c)) {
    case 'i': return 1;
    case 'v': return 5;
    case 'x': return 10;
    case 'l': return 50;
    case 'c': return 100;
    case 'd': return 500;
    case 'm': return 1000;
    }
    return 0;
}

/* Value of a Roman numeral written the usual way (`XIV`, `iv`), else 0;
 * round-tripping rejects words made of the same letters (`DID`, `MIX`). */
static long roman_parse(const char *t, size_t s, size_t e)
{
    static const struct { int value; const char *digits; } table[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
        {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}
    };
    long value = 0, rest;
    size_t i, k, pos;

    if (s >= e || e - s > 15)
        return 0;
    for (i = s; i < e; i++) {
        int v = roman_value((unsigned char)t[i]);
        int next = i + 1 < e ? roman_value((unsigned char)t[i + 1]) : 0;
        if (v == 0)
            return 0;
        value += next > v ? -v : v;
    }
    if (value <= 0 || value > 3999)
        return 0;
    rest = value;
    pos = s;
    for (k = 0; k < sizeof table / sizeof table[0]; k++) {
        while (rest >= table[k].value) {
            size_t n = strlen(table[k].digits);
            if (pos + n > e || !span_ieq(t, pos, pos + n, table[k].digits))
                return 0;
            pos += n;
            rest -= table[k].value;
        }
    }
    return pos == e ? value : 0;
}

static int is_number_word(const char *t, size_t s, size_t e)
{
    static const char *const words[] = {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety", "hundred"
    };
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (span_ieq(t, s, e, words[i]))
            return 1;
    }
    return 0;
}

/* `12`, `XII`, `Twelve`, `Twenty-One`: the number of a chapter heading. */
static int is_chapter_number(const char *t, size_t s, size_t e)
{
    size_t i, part;

    if (s >= e)
        return 0;
    for (i = s; i < e && ascii_is_digit((unsigned char)t[i]); i++)
        ;
    if (i == e)
        return e - s <= 6;
    if (roman_parse(t, s, e))
        return 1;
    for (part = s, i = s; i <= e; i++) {
        if (i == e || t[i] == '-') {
            if (!is_number_word(t, part, i))
                return 0;
            part = i + 1;
        } else if (!ascii_is_alpha((unsigned char)t[i])) {
            return 0;
        }
    }
    return 1;
}

/* Skips a separator between a heading's number and its title: `.`, `:`,
 * ` - `, ` — `; returns 0 when what follows is not a separator. */
static int skip_heading_separator(const char *t, size_t *i, size_t e)
{
    size_t n;
    int seen = 0;

    while (*i < e) {
        n = text_space_len(t, *i, e);
        if (n > 0) {
            *i += n;
            continue;
        }
        if (t[*i] == '.' || t[*i] == ':')
            n = 1;
        else
            n = text_dash_len(t, *i, e);
        if (n == 0)
            break;
        *i += n;
        seen = 1;
    }
    return seen || *i == e;
}

/* Parses a heading line: `Chapter 3`, `CHAPTER III.`, `Chapter 2: The Bench`,
 * `Part Two - Home`, `Prologue`, `# Title`. */
int line_parse_heading(const char *t, size_t s, size_t e, struct heading *h)
{
    static const char *const words[] = { "chapter", "part", "book", "volume" };
    static const char *const alone[] = { "prologue", "epilogue", "interlude" };
    size_t i, w, k;

    memset(h, 0, sizeof *h);
    if (e - s >= HEADING_MAX || s == e)
        return 0;
    if (t[s] == '#') {
        for (i = s; i < e && t[i] == '#'; i++)
            ;
        if (i - s > 6 || text_space_len(t, i, e) == 0)
            return 0;
        h->title_start = i;
        h->title_end = e;
        text_trim(t, &h->title_start, &h->title_end);
        h->word_start = h->word_end = h->num_start = h->num_end = s;
        return h->title_start < h->title_end;
    }
    for (w = s; w < e && ascii_is_alpha((unsigned char)t[w]); w++)
        ;
    h->word_start = s;
    h->word_end = w;
    for (k = 0; k < sizeof alone / sizeof alone[0]; k++) {
        if (span_ieq(t, s, w, alone[k])) {
            i = w;
            if (!skip_heading_separator(t, &i, e))
                return 0;
            h->num_start = h->num_end = w;
            h->title_start = i;
            h->title_end = e;
            return 1;
        }
    }
    for (k = 0; k < sizeof words / sizeof words[0]; k++) {
        if (span_ieq(t, s, w, words[k]))
            break;
    }
    if (k == sizeof words / sizeof words[0] && span_ieq(t, s, w, "vol") && w < e && t[w] == '.')
        h->word_end = ++w;   /* `VOL. II.` */
    else if (k == sizeof words / sizeof words[0])
        return 0;
    if (text_space_len(t, w, e) == 0)
        return 0;
    for (i = w; text_space_len(t, i, e) > 0; i += text_space_len(t, i, e))
        ;
    h->num_start = i;
    while (i < e && (ascii_is_alpha((unsigned char)t[i]) || ascii_is_digit((unsigned char)t[i]) ||
                     t[i] == '-'))
        i++;
    h->num_end = i;
    /* A trailing hyphen belongs to a `Chapter 2- Title` separator. */
    while (h->num_end > h->num_start && t[h->num_end - 1] == '-')
        h->num_end--;
    if (!is_chapter_number(t, h->num_start, h->num_end))
        return 0;
    i = h->num_end;
    /* `CHAPTER I THE CONSUL'S YARN`: in capitals a space separates enough */
    if (!skip_heading_separator(t, &i, e) && !line_is_caps(t, s, e))
        return 0;
    h->title_start = i;
    h->title_end = e;
    return 1;
}

/* `* * *`, `~*~*~`, `---`, `###`, `o0o`, `❀❀❀`: only symbols, short. */
static int is_scene_break(const char *t, size_t s, size_t e)
{
    static const char o_marks[] = "oO0xX";
    size_t i, len, n_marks = 0, n_dots = 0, n_o = 0;
    int seen_o[5] = { 0 };
    int distinct_o;

    if (s >= e || e - s > BREAK_MAX)
        return 0;
    for (i = s; i < e; i += len) {
        int32_t cp = text_cp_at(t, i, e, &len);
        const char *o = cp > 0 && cp < 128 ? strchr(o_marks, (int)cp) : NULL;
        utf8proc_category_t cat;

        if (text_is_space_cp(cp))
            continue;
        if (o != NULL && cp != 0) {
            seen_o[o - o_marks] = 1;
            n_o++;
            continue;
        }
        if (cp == '.' || cp == 0x2026) {
            n_dots++;
            continue;
        }
        if (cp < 0 || text_quote_kind(cp) != TEXT_QUOTE_NONE || cp == '(' || cp == ')' ||
            cp == '!' || cp == '?' || cp == ',')
            return 0;
        if (cp < 128 && strchr("*~-_=#+^|/\\<>:", (int)cp) == NULL)
            return 0;
        cat = utf8proc_category(cp);
        if (cp >= 128 && cat != UTF8PROC_CATEGORY_PD && cat != UTF8PROC_CATEGORY_PO &&
            cat != UTF8PROC_CATEGORY_SO && cat != UTF8PROC_CATEGORY_SM &&
            cat != UTF8PROC_CATEGORY_SK)
            return 0;
        n_marks++;
    }
    distinct_o = seen_o[0] + seen_o[1] + seen_o[2] + seen_o[3] + seen_o[4];
    if (n_o > 0 && n_marks == 0)   /* `o0o`, `xXx`, not `ooo` or `Ox` */
        return n_dots == 0 && n_o >= 3 && distinct_o >= 2;
    return n_marks > 0;
}

/* Kind of one trimmed line standing on its own. */
enum block_kind line_classify(const char *t, size_t s, size_t e)
{
    struct heading h;

    if (span_eq(t, s, e, "Chapter Text"))
        return BLOCK_CHAPTER_TEXT;
    if (is_leftover(t, s, e))
        return BLOCK_LEFTOVER;
    if (is_notes_label(t, s, e))
        return BLOCK_NOTES;
    if (is_scene_break(t, s, e))
        return BLOCK_BREAK;
    if (line_parse_heading(t, s, e, &h))
        return BLOCK_HEADING;
    return BLOCK_TEXT;
}

int line_opens_quote(const char *t, size_t s, size_t e)
{
    size_t len;

    return text_quote_kind(text_cp_at(t, s, e, &len)) != TEXT_QUOTE_NONE;
}

/* A line that can name a chapter: short, not a sentence fragment. */
int line_is_title(const char *t, size_t s, size_t e)
{
    int32_t last;
    size_t len;

    if (s >= e || e - s >= HEADING_MAX || line_opens_quote(t, s, e))
        return 0;
    last = text_cp_before(t, s, e, &len);
    return last != ',' && last != ';' && last != ':' && !text_is_dash_cp(last);
}

/* `by Jane Austen`: `by` and a space of any kind open the line. */
int line_starts_with_by(const char *t, size_t s, size_t e)
{
    return span_istarts(t, s, e, "by") && text_space_len(t, s + 2, e) > 0;
}

/* `DOWN THE RABBIT-HOLE`: letters all capitals (a title in its own block). */
int line_is_caps(const char *t, size_t s, size_t e)
{
    size_t i, len, n_upper = 0;

    if (!line_is_title(t, s, e))
        return 0;
    for (i = s; i < e; i += len) {
        int32_t cp = text_cp_at(t, i, e, &len);
        utf8proc_category_t cat = cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LL)
            return 0;
        if (cat == UTF8PROC_CATEGORY_LU)
            n_upper++;
    }
    return n_upper >= 2 && t[e - 1] != '.';
}

/* `The Bench at Night`: words of more than three letters start with capitals
 * and nothing ends the line like a sentence. */
int line_is_title_case(const char *t, size_t s, size_t e)
{
    size_t i = s, w, len;
    int32_t last;

    if (!line_is_title(t, s, e))
        return 0;
    last = text_cp_before(t, s, e, &len);
    if (text_is_sentence_end_cp(last) || text_quote_kind(last) == TEXT_QUOTE_DOUBLE)
        return 0;
    while (i < e) {
        while (text_space_len(t, i, e) > 0)
            i += text_space_len(t, i, e);
        for (w = i; w < e && text_space_len(t, w, e) == 0; w++)
            ;
        if (w - i > 3 && !(t[i] >= 'A' && t[i] <= 'Z') && !ascii_is_digit((unsigned char)t[i]))
            return 0;
        i = w;
    }
    return 1;
}

/* Appends a chapter number as spoken: Roman numerals become digits, words
 * are capitalised like the word before them (`CHAPTER TWENTY-ONE` ->
 * `Chapter Twenty-One`). */
static dramatis_status add_number(struct buf *b, const char *t, size_t s, size_t e)
{
    long roman = roman_parse(t, s, e);
    size_t i;
    char c;
    dramatis_status st = DRAMATIS_OK;

    if (roman)
        return buf_printf(b, "%ld", roman);
    for (i = s; i < e && st == DRAMATIS_OK; i++) {
        c = (char)ascii_lower((unsigned char)t[i]);
        if (ascii_is_alpha(c) && (i == s || t[i - 1] == '-'))
            c = (char)(c - 'a' + 'A');
        st = buf_add(b, &c, 1);
    }
    return st;
}

/* Appends a title part without a final period (`CHAPTER III.` reads as a
 * number, not a sentence), its white space folded as in the book's title
 * and every segment. */
static dramatis_status add_title_part(struct buf *b, const char *t, size_t s, size_t e)
{
    char *folded;
    dramatis_status st;

    text_trim(t, &s, &e);
    while (e > s && t[e - 1] == '.' && !(e - s >= 3 && t[e - 2] == '.'))
        e--;
    text_trim(t, &s, &e);
    folded = span_dup(t, s, e);
    if (folded == NULL)
        return DRAMATIS_ERR_NOMEM;
    st = buf_adds(b, folded);
    free(folded);
    return st;
}

/* The readable title of a heading: `CHAPTER III.` -> `Chapter 3`,
 * `Chapter 2 - The Bench` -> `Chapter 2: The Bench`, `# Home` -> `Home`. */
char *block_heading_title(const char *t, const struct block *u)
{
    struct heading h;
    struct buf b;
    size_t i;
    dramatis_status st = DRAMATIS_OK;

    buf_init(&b, 4 * HEADING_MAX);
    line_parse_heading(t, u->start, u->head_end, &h);
    if (span_ieq(t, h.word_start, h.word_end, "vol.")) {
        st = buf_adds(&b, "Volume");
    } else {
        /* `CHAPTER` and `chapter` are read the same; write them `Chapter`. */
        for (i = h.word_start; st == DRAMATIS_OK && i < h.word_end; i++) {
            int c = ascii_lower((unsigned char)t[i]);
            st = buf_printf(&b, "%c", i == h.word_start ? c - 'a' + 'A' : c);
        }
    }
    if (st == DRAMATIS_OK && h.num_start < h.num_end) {
        st = buf_adds(&b, " ");
        if (st == DRAMATIS_OK)
            st = add_number(&b, t, h.num_start, h.num_end);
    }
    if (st == DRAMATIS_OK && b.len > 0 &&
        (h.title_start < h.title_end || u->sub_start < u->sub_end))
        st = buf_adds(&b, ": ");
    if (st == DRAMATIS_OK && h.title_start < h.title_end)
        st = add_title_part(&b, t, h.title_start, h.title_end);
    else if (st == DRAMATIS_OK && u->sub_start < u->sub_end)
        st = add_title_part(&b, t, u->sub_start, u->sub_end);
    if (st == DRAMATIS_OK && b.len == 0)   /* `# .`: nothing readable, keep it */
        st = buf_add(&b, t + u->start, u->head_end - u->start);
    if (st != DRAMATIS_OK) {
        buf_cleanup(&b);
        return NULL;
    }
    return buf_take(&b);
}
