/* Plain-text import: finds title, author, chapters and paragraphs as byte spans into the untouched input. */
#include "import.h"

#include "buf.h"
#include "error.h"
#include "text.h"

#include <utf8proc.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FILE_MAX ((size_t)1 << 30)   /* a novel is a few MB; refuse absurd inputs */
#define HEADING_MAX 80               /* headings are short lines on their own */
#define TITLE_MAX 100                /* a first line longer than this is prose */
#define WRAP_MAX 100                 /* hard-wrapped lines are shorter than this */
#define BREAK_MAX 40                 /* scene-break markers are short */
#define NOTES_MAX 2000               /* end notes longer than this are story text */
#define ARRAY_MAX ((size_t)1 << 31)

/* What a block of lines (or one line of it) is to the book. */
enum unit_kind {
    UNIT_TEXT = 0,      /* a paragraph */
    UNIT_HEADING,       /* `Chapter 3`, `CHAPTER III.`, `# Title` */
    UNIT_CHAPTER_TEXT,  /* AO3's bare `Chapter Text` marker */
    UNIT_LEFTOVER,      /* web-page words such as `Actions` */
    UNIT_NOTES,         /* `Notes:`, `Summary:`: what follows is not story */
    UNIT_BREAK          /* `* * *`, `~*~*~`: a scene break */
};

struct line {
    size_t start, end;   /* without surrounding white space; equal when blank */
};

struct unit {
    enum unit_kind kind;
    size_t start, end;           /* trimmed span */
    size_t head_end;             /* heading: end of the heading line itself */
    size_t n_lines;
    size_t sub_start, sub_end;   /* heading: its title on the next line; 0 if none */
    size_t chapter;              /* text: its chapter, or SIZE_MAX when dropped */
    int scene_break;             /* text: a scene break came before it */
};

/* The parts of a chapter heading line. */
struct heading {
    size_t word_start, word_end;   /* `Chapter`, `Part`; empty for `# Title` */
    size_t num_start, num_end;     /* `3`, `III`, `Three` */
    size_t title_start, title_end; /* text after the separator; may be empty */
};

struct parser {
    const char *path;
    const char *t;        /* the book's copy of the text */
    size_t size;
    struct line *lines;
    size_t n_lines;
    struct unit *units;
    size_t n_units;
    struct buf units_buf;
    size_t first_line, last_line;   /* the book's lines, without licence text */
    int per_line;         /* no blank lines anywhere: one paragraph per line */
    struct dramatis_book *book;
    size_t title_start, title_end;   /* the title line, when the text had one */
};

static int span_eq(const char *t, size_t s, size_t e, const char *lit)
{
    size_t n = strlen(lit);

    return e - s == n && memcmp(t + s, lit, n) == 0;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int span_ieq(const char *t, size_t s, size_t e, const char *lit)
{
    size_t i, n = strlen(lit);

    if (e - s != n)
        return 0;
    for (i = 0; i < n; i++) {
        if (ascii_lower((unsigned char)t[s + i]) != ascii_lower((unsigned char)lit[i]))
            return 0;
    }
    return 1;
}

static int span_istarts(const char *t, size_t s, size_t e, const char *lit)
{
    size_t n = strlen(lit);

    return e - s >= n && span_ieq(t, s, s + n, lit);
}

static int is_ascii_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_ascii_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* ---- line classification ---- */

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
    for (i = s; i < e && is_ascii_digit((unsigned char)t[i]); i++)
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
        } else if (!is_ascii_alpha((unsigned char)t[i])) {
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
static int parse_heading(const char *t, size_t s, size_t e, struct heading *h)
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
    for (w = s; w < e && is_ascii_alpha((unsigned char)t[w]); w++)
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
    while (i < e && (is_ascii_alpha((unsigned char)t[i]) || is_ascii_digit((unsigned char)t[i]) ||
                     t[i] == '-'))
        i++;
    h->num_end = i;
    /* A trailing hyphen belongs to a `Chapter 2- Title` separator. */
    while (h->num_end > h->num_start && t[h->num_end - 1] == '-')
        h->num_end--;
    if (!is_chapter_number(t, h->num_start, h->num_end))
        return 0;
    i = h->num_end;
    if (!skip_heading_separator(t, &i, e))
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
static enum unit_kind classify_line(const char *t, size_t s, size_t e)
{
    struct heading h;

    if (span_eq(t, s, e, "Chapter Text"))
        return UNIT_CHAPTER_TEXT;
    if (is_leftover(t, s, e))
        return UNIT_LEFTOVER;
    if (is_notes_label(t, s, e))
        return UNIT_NOTES;
    if (is_scene_break(t, s, e))
        return UNIT_BREAK;
    if (parse_heading(t, s, e, &h))
        return UNIT_HEADING;
    return UNIT_TEXT;
}

static int is_quote_start(const char *t, size_t s, size_t e)
{
    size_t len;

    return text_quote_kind(text_cp_at(t, s, e, &len)) != TEXT_QUOTE_NONE;
}

/* A line that can name a chapter: short, not a sentence fragment. */
static int is_title_line(const char *t, size_t s, size_t e)
{
    int32_t last;
    size_t len;

    if (s >= e || e - s >= HEADING_MAX || is_quote_start(t, s, e))
        return 0;
    last = text_cp_before(t, s, e, &len);
    return last != ',' && last != ';' && last != ':' && !text_is_dash_cp(last);
}

/* `by Jane Austen`: `by` and a space of any kind open the line. */
static int starts_with_by(const char *t, size_t s, size_t e)
{
    return span_istarts(t, s, e, "by") && text_space_len(t, s + 2, e) > 0;
}

/* `DOWN THE RABBIT-HOLE`: letters all capitals (a title in its own block). */
static int is_caps_line(const char *t, size_t s, size_t e)
{
    size_t i, len, n_upper = 0;

    if (!is_title_line(t, s, e))
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
static int is_title_case_line(const char *t, size_t s, size_t e)
{
    size_t i = s, w, len;
    int32_t last;

    if (!is_title_line(t, s, e))
        return 0;
    last = text_cp_before(t, s, e, &len);
    if (text_is_sentence_end_cp(last) || text_quote_kind(last) == TEXT_QUOTE_DOUBLE)
        return 0;
    while (i < e) {
        while (text_space_len(t, i, e) > 0)
            i += text_space_len(t, i, e);
        for (w = i; w < e && text_space_len(t, w, e) == 0; w++)
            ;
        if (w - i > 3 && !(t[i] >= 'A' && t[i] <= 'Z') && !is_ascii_digit((unsigned char)t[i]))
            return 0;
        i = w;
    }
    return 1;
}

/* ---- lines, blocks and units ---- */

static dramatis_status split_lines(struct parser *p)
{
    struct buf b;
    size_t i = 0, eol;
    dramatis_status st = DRAMATIS_OK;

    buf_init(&b, ARRAY_MAX);
    while (i < p->size) {
        struct line l;
        const char *nl = memchr(p->t + i, '\n', p->size - i);
        eol = nl ? (size_t)(nl - p->t) : p->size;
        l.start = i;
        l.end = eol;
        text_trim(p->t, &l.start, &l.end);
        if (l.start == l.end)
            l.start = l.end = i;
        st = buf_add(&b, &l, sizeof l);
        if (st != DRAMATIS_OK)
            break;
        i = eol + 1;
    }
    p->n_lines = b.len / sizeof(struct line);
    p->lines = p->n_lines ? (struct line *)buf_take(&b) : NULL;
    buf_cleanup(&b);
    return st;
}

static dramatis_status add_unit(struct parser *p, enum unit_kind kind, size_t first, size_t last)
{
    struct unit u;

    memset(&u, 0, sizeof u);
    u.kind = kind;
    u.start = p->lines[first].start;
    u.end = p->lines[last].end;
    u.head_end = u.end;
    u.n_lines = last - first + 1;
    u.chapter = SIZE_MAX;
    return buf_add(&p->units_buf, &u, sizeof u);
}

static int line_blank(const struct line *l)
{
    return l->start == l->end;
}

/* One block of non-blank lines [first, last): special lines at its top
 * stand alone; the rest is one paragraph, or one per line when its lines
 * are too long to be hard-wrapped. */
static dramatis_status add_block(struct parser *p, size_t first, size_t last)
{
    size_t i = first, k;
    int long_lines = 0;
    dramatis_status st;

    while (i < last) {
        const struct line *l = &p->lines[i];
        enum unit_kind kind = classify_line(p->t, l->start, l->end);
        struct heading h;

        if (kind == UNIT_TEXT)
            break;
        st = add_unit(p, kind, i, i);
        if (st != DRAMATIS_OK)
            return st;
        /* `CHAPTER I.` over `Down the Rabbit-Hole`, the block's last line. */
        if (kind == UNIT_HEADING && i + 2 == last && parse_heading(p->t, l->start, l->end, &h) &&
            h.title_start == h.title_end && h.word_start < h.word_end &&
            is_title_line(p->t, p->lines[i + 1].start, p->lines[i + 1].end) &&
            classify_line(p->t, p->lines[i + 1].start, p->lines[i + 1].end) == UNIT_TEXT) {
            struct unit *u = (struct unit *)(p->units_buf.data + p->units_buf.len) - 1;
            u->sub_start = p->lines[i + 1].start;
            u->sub_end = p->lines[i + 1].end;
            u->end = u->sub_end;
            u->n_lines = 2;
            i += 2;
            continue;
        }
        i++;
    }
    if (i >= last)
        return DRAMATIS_OK;
    for (k = i; k + 1 < last; k++) {
        if (p->lines[k].end - p->lines[k].start > WRAP_MAX)
            long_lines = 1;
    }
    /* `Title` directly over `by Author` opens a book: two lines, not prose. */
    if (p->units_buf.len == 0 && last - i == 2 &&
        starts_with_by(p->t, p->lines[i + 1].start, p->lines[i + 1].end))
        long_lines = 1;
    if (!p->per_line && !long_lines)
        return add_unit(p, UNIT_TEXT, i, last - 1);
    for (k = i; k < last; k++) {
        st = add_unit(p, classify_line(p->t, p->lines[k].start, p->lines[k].end), k, k);
        if (st != DRAMATIS_OK)
            return st;
    }
    return DRAMATIS_OK;
}

static dramatis_status build_units(struct parser *p)
{
    size_t i, first;
    int seen_text = 0;
    dramatis_status st;

    /* A blank line between two non-blank ones means blank-line paragraphs. */
    p->per_line = 1;
    for (i = p->first_line; i < p->last_line && p->per_line; i++) {
        if (!line_blank(&p->lines[i]))
            seen_text = 1;
        else if (seen_text && i + 1 < p->last_line && !line_blank(&p->lines[i + 1]))
            p->per_line = 0;
    }
    i = p->first_line;
    while (i < p->last_line) {
        if (line_blank(&p->lines[i])) {
            i++;
            continue;
        }
        first = i;
        while (i < p->last_line && !line_blank(&p->lines[i]) && !(p->per_line && i > first))
            i++;
        st = add_block(p, first, i);
        if (st != DRAMATIS_OK)
            return st;
    }
    p->units = (struct unit *)p->units_buf.data;
    p->n_units = p->units_buf.len / sizeof(struct unit);
    return DRAMATIS_OK;
}

/* ---- title, author, chapters ---- */

/* Copies t[s, e) with white-space runs folded to one space. */
static char *span_dup(const char *t, size_t s, size_t e)
{
    char *out = malloc(e - s + 1), *o;
    size_t i, n;

    if (out == NULL)
        return NULL;
    o = out;
    for (i = s; i < e;) {
        n = text_space_len(t, i, e);
        if (n == 0) {
            *o++ = t[i++];
            continue;
        }
        while (n > 0) {
            i += n;
            n = text_space_len(t, i, e);
        }
        *o++ = ' ';
    }
    *o = '\0';
    return out;
}

static int span_icontains(const char *t, size_t s, size_t e, const char *lit)
{
    size_t n = strlen(lit), i;

    for (i = s; i + n <= e; i++) {
        if (span_ieq(t, i, i + n, lit))
            return 1;
    }
    return 0;
}

/* `*** START OF THE PROJECT GUTENBERG EBOOK ... ***` and its END twin. */
static int is_gutenberg_marker(const char *t, size_t s, size_t e, const char *which)
{
    if (e - s < 3 || memcmp(t + s, "***", 3) != 0)
        return 0;
    while (s < e && (t[s] == '*' || text_space_len(t, s, e) > 0))
        s += t[s] == '*' ? 1 : text_space_len(t, s, e);
    return span_istarts(t, s, e, which) && span_icontains(t, s, e, "gutenberg");
}

static dramatis_status copy_field(struct parser *p, const struct line *l, size_t skip,
                                  char **out)
{
    size_t s = l->start + skip, e = l->end;

    text_trim(p->t, &s, &e);
    if (s == e || *out != NULL)
        return DRAMATIS_OK;
    *out = span_dup(p->t, s, e);
    return *out ? DRAMATIS_OK : DRAMATIS_ERR_NOMEM;
}

/* A Project Gutenberg file: only the lines between the START and END
 * markers are the book, and the licence header's `Title:` and `Author:`
 * lines name it. */
static dramatis_status skip_gutenberg(struct parser *p)
{
    size_t i, start;
    dramatis_status st = DRAMATIS_OK;

    p->first_line = 0;
    p->last_line = p->n_lines;
    for (start = 0; start < p->n_lines; start++) {
        if (is_gutenberg_marker(p->t, p->lines[start].start, p->lines[start].end, "start of"))
            break;
    }
    if (start == p->n_lines)
        return DRAMATIS_OK;
    for (i = 0; i < start && st == DRAMATIS_OK; i++) {
        const struct line *l = &p->lines[i];
        if (span_istarts(p->t, l->start, l->end, "Title:"))
            st = copy_field(p, l, 6, &p->book->title);
        else if (span_istarts(p->t, l->start, l->end, "Author:"))
            st = copy_field(p, l, 7, &p->book->author);
    }
    p->first_line = start + 1;
    for (i = start + 1; i < p->n_lines; i++) {
        if (is_gutenberg_marker(p->t, p->lines[i].start, p->lines[i].end, "end of")) {
            p->last_line = i;
            break;
        }
    }
    return st;
}

/* `Produced by ...` credits open many Gutenberg texts; they are not read. */
static void drop_credits(struct parser *p)
{
    size_t i;

    for (i = 0; i < p->n_units && i < 3; i++) {
        struct unit *u = &p->units[i];
        if (u->kind == UNIT_TEXT && (span_istarts(p->t, u->start, u->end, "Produced by") ||
                                     span_istarts(p->t, u->start, u->end, "E-text prepared by") ||
                                     span_istarts(p->t, u->start, u->end, "Transcribed from")))
            u->kind = UNIT_LEFTOVER;
    }
}

static int is_by_line(const char *t, const struct unit *u)
{
    return u->kind == UNIT_TEXT && u->n_lines == 1 && u->end - u->start < TITLE_MAX &&
           starts_with_by(t, u->start, u->end) && u->end - u->start > 3;
}

static dramatis_status set_author(struct parser *p, const struct unit *u)
{
    size_t s = u->start + 2, e = u->end;   /* after `by`; the space is trimmed */

    text_trim(p->t, &s, &e);
    if (s == e || p->book->author != NULL)
        return DRAMATIS_OK;
    p->book->author = span_dup(p->t, s, e);
    return p->book->author ? DRAMATIS_OK : DRAMATIS_ERR_NOMEM;
}

static dramatis_status set_title(struct parser *p, const struct unit *u)
{
    p->book->title = span_dup(p->t, u->start, u->end);
    p->title_start = u->start;
    p->title_end = u->end;
    return p->book->title ? DRAMATIS_OK : DRAMATIS_ERR_NOMEM;
}

/* A plain text: the first line is the title when it is short, not a
 * sentence or heading, and some paragraph follows; `by NAME` may follow. */
static dramatis_status read_plain_header(struct parser *p, size_t *body)
{
    const struct unit *u;
    size_t i;
    char last;
    dramatis_status st;

    *body = 0;
    for (i = 0; i < p->n_units && p->units[i].kind == UNIT_LEFTOVER; i++)
        ;
    if (i == p->n_units)
        return DRAMATIS_OK;
    u = &p->units[i];
    if (u->kind != UNIT_TEXT || u->n_lines != 1 || u->end - u->start >= TITLE_MAX ||
        is_quote_start(p->t, u->start, u->end))
        return DRAMATIS_OK;
    if (p->book->title != NULL && !span_ieq(p->t, u->start, u->end, p->book->title))
        return DRAMATIS_OK;   /* named by the licence header, and this is not it */
    last = p->t[u->end - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':')
        return DRAMATIS_OK;
    for (*body = i + 1; *body < p->n_units; (*body)++) {
        if (p->units[*body].kind == UNIT_TEXT)
            break;
    }
    if (*body == p->n_units) {   /* the only paragraph is story, not title */
        *body = 0;
        return DRAMATIS_OK;
    }
    if (p->book->title == NULL) {
        st = set_title(p, u);
        if (st != DRAMATIS_OK)
            return st;
    } else {
        p->title_start = u->start;
        p->title_end = u->end;
    }
    *body = i + 1;
    if (*body < p->n_units && is_by_line(p->t, &p->units[*body])) {
        size_t next;
        for (next = *body + 1; next < p->n_units && p->units[next].kind != UNIT_TEXT; next++)
            ;
        if (next < p->n_units) {
            st = set_author(p, &p->units[*body]);
            if (st != DRAMATIS_OK)
                return st;
            (*body)++;
        }
    }
    return DRAMATIS_OK;
}

/* The AO3 header, `Actions` / `Work Header` / tags / TITLE / author /
 * `Summary:` ... up to the first `Chapter Text` or heading: picks the
 * title and author and returns where the story starts. */
static dramatis_status read_ao3_header(struct parser *p, size_t *body)
{
    size_t i, end;
    int skip_value = 0, in_notes = 0, have_title = 0;
    dramatis_status st;

    for (end = 0; end < p->n_units; end++) {
        if (p->units[end].kind == UNIT_CHAPTER_TEXT || p->units[end].kind == UNIT_HEADING)
            break;
    }
    if (end == p->n_units)   /* no marker at all: an ordinary text */
        return read_plain_header(p, body);
    for (i = 0; i < end; i++) {
        const struct unit *u = &p->units[i];
        if (u->kind == UNIT_NOTES) {
            in_notes = 1;
            continue;
        }
        if (u->kind != UNIT_TEXT || in_notes)
            continue;
        if (p->t[u->end - 1] == ':') {   /* `Rating:` then its value */
            skip_value = 1;
            continue;
        }
        if (skip_value) {
            skip_value = 0;
            continue;
        }
        if (!have_title && u->n_lines == 1 && u->end - u->start < TITLE_MAX) {
            st = set_title(p, u);
            if (st != DRAMATIS_OK)
                return st;
            have_title = 1;
        } else if (have_title && p->book->author == NULL && is_by_line(p->t, u)) {
            st = set_author(p, u);
            if (st != DRAMATIS_OK)
                return st;
        }
    }
    *body = end;
    return DRAMATIS_OK;
}

/* Without a title line: the file name, or its folder for generic names
 * such as `novel_text.txt`. */
static dramatis_status title_from_path(struct parser *p)
{
    static const char *const generic[] = { "novel_text", "novel", "text", "book", "story",
                                           "index", "input", "chapter" };
    const char *path = p->path ? p->path : "";
    size_t end = strlen(path), base, dot, k;

    for (;;) {
        while (end > 0 && path[end - 1] == '/')
            end--;
        for (base = end; base > 0 && path[base - 1] != '/'; base--)
            ;
        for (dot = end; dot > base && path[dot - 1] != '.'; dot--)
            ;
        dot = dot > base + 1 ? dot - 1 : end;
        for (k = 0; k < sizeof generic / sizeof generic[0]; k++) {
            if (span_ieq(path, base, dot, generic[k]))
                break;
        }
        if (k == sizeof generic / sizeof generic[0] || base == 0)
            break;
        end = base;   /* try the folder */
        if (end <= 1)
            break;
    }
    if (base >= dot)
        p->book->title = strdup("Untitled");
    else
        p->book->title = span_dup(path, base, dot);
    return p->book->title ? DRAMATIS_OK : DRAMATIS_ERR_NOMEM;
}

/* Appends a chapter number as spoken: Roman numerals become digits. */
static dramatis_status add_number(struct buf *b, const char *t, size_t s, size_t e)
{
    long roman = roman_parse(t, s, e);

    if (roman)
        return buf_printf(b, "%ld", roman);
    return buf_add(b, t + s, e - s);
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
static char *heading_title(const char *t, const struct unit *u)
{
    struct heading h;
    struct buf b;
    size_t i;
    dramatis_status st = DRAMATIS_OK;

    buf_init(&b, 4 * HEADING_MAX);
    parse_heading(t, u->start, u->head_end, &h);
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

/* Starts a chapter; title is taken over (freed here on failure). */
static dramatis_status add_chapter(struct buf *chapters, char *title, size_t s, size_t e)
{
    struct chapter ch;
    dramatis_status st;

    if (title == NULL)
        return DRAMATIS_ERR_NOMEM;
    memset(&ch, 0, sizeof ch);
    ch.title = title;
    ch.title_start = s;
    ch.title_end = e;
    st = buf_add(chapters, &ch, sizeof ch);
    if (st != DRAMATIS_OK)
        free(title);
    return st;
}

static struct chapter *last_chapter(struct buf *chapters)
{
    if (chapters->len == 0)
        return NULL;
    return (struct chapter *)(chapters->data + chapters->len) - 1;
}

/* Assigns each text unit to a chapter (or drops it) and lists the chapters,
 * counting their paragraphs in n_paragraphs. */
static dramatis_status assign_chapters(struct parser *p, size_t body, struct buf *chapters)
{
    size_t i, n_markers = 0, marker = 0, last_boundary = SIZE_MAX;
    size_t *text_after = NULL;
    int skip_notes = 0, pending_break = 0;
    struct chapter *cur = NULL;
    int cur_from_heading = 0;
    dramatis_status st = DRAMATIS_OK;
    char title_buf[64];

    for (i = body; i < p->n_units; i++) {
        if (p->units[i].kind == UNIT_CHAPTER_TEXT)
            n_markers++;
        if (p->units[i].kind == UNIT_CHAPTER_TEXT || p->units[i].kind == UNIT_HEADING)
            last_boundary = i;
    }
    /* Text bytes after each unit, to tell end notes from story (linear). */
    text_after = calloc(p->n_units + 1, sizeof *text_after);
    if (text_after == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (i = p->n_units; i-- > 0;)
        text_after[i] = text_after[i + 1] +
                        (p->units[i].kind == UNIT_TEXT ? p->units[i].end - p->units[i].start : 0);

    for (i = body; i < p->n_units; i++) {
        struct unit *u = &p->units[i];
        switch (u->kind) {
        case UNIT_HEADING:
            /* `CHAPTER I` then `DOWN THE RABBIT-HOLE` in a block of its own;
             * or, one paragraph per line, a title-case line. */
            if (u->sub_start == u->sub_end && i + 1 < p->n_units) {
                struct unit *next = &p->units[i + 1];
                struct heading h;
                parse_heading(p->t, u->start, u->head_end, &h);
                if (h.title_start == h.title_end && h.word_start < h.word_end &&
                    next->kind == UNIT_TEXT && next->n_lines == 1 &&
                    (is_caps_line(p->t, next->start, next->end) ||
                     (p->per_line && is_title_case_line(p->t, next->start, next->end)))) {
                    u->sub_start = next->start;
                    u->sub_end = next->end;
                    next->kind = UNIT_LEFTOVER;
                }
            }
            st = add_chapter(chapters, heading_title(p->t, u), u->start,
                             u->sub_end ? u->sub_end : u->end);
            if (st != DRAMATIS_OK)
                goto fail;
            cur = last_chapter(chapters);
            cur_from_heading = 1;
            skip_notes = 0;
            pending_break = 0;
            break;
        case UNIT_CHAPTER_TEXT:
            marker++;
            skip_notes = 0;
            if (cur && cur_from_heading && cur->n_paragraphs == 0)
                break;   /* `Chapter 2: Title` then `Chapter Text`: one chapter */
            if (n_markers == 1) {
                st = add_chapter(chapters, strdup(p->book->title), p->title_start, p->title_end);
            } else {
                snprintf(title_buf, sizeof title_buf, "Chapter %zu", marker);
                st = add_chapter(chapters, strdup(title_buf), 0, 0);
            }
            if (st != DRAMATIS_OK)
                goto fail;
            cur = last_chapter(chapters);
            cur_from_heading = 0;
            pending_break = 0;
            break;
        case UNIT_NOTES:
            /* After the last chapter a long "note" is more likely story. */
            if (last_boundary != SIZE_MAX && i > last_boundary && text_after[i] > NOTES_MAX)
                break;
            if (last_boundary == SIZE_MAX && text_after[i] > NOTES_MAX)
                break;
            skip_notes = 1;
            break;
        case UNIT_LEFTOVER:
            break;
        case UNIT_BREAK:
            if (!skip_notes && cur && cur->n_paragraphs > 0)
                pending_break = 1;
            break;
        case UNIT_TEXT:
            if (skip_notes)
                break;
            if (cur == NULL) {   /* prose before any heading */
                st = add_chapter(chapters, strdup(p->book->title), p->title_start, p->title_end);
                if (st != DRAMATIS_OK)
                    goto fail;
                cur = last_chapter(chapters);
                cur_from_heading = 0;
            }
            u->chapter = chapters->len / sizeof(struct chapter) - 1;
            u->scene_break = pending_break;
            pending_break = 0;
            cur->n_paragraphs++;
            break;
        }
    }
fail:
    free(text_after);
    return st;
}

/* Moves the chapters and their paragraphs into the book, dropping the
 * chapters left without paragraphs (front matter, a heading at the end). */
static dramatis_status fill_book(struct parser *p, struct buf *chapters)
{
    struct chapter *list = (struct chapter *)chapters->data;
    size_t n = chapters->len / sizeof(struct chapter);
    size_t *new_index = NULL, i, kept = 0;
    struct dramatis_book *book = p->book;

    if (n == 0)
        return DRAMATIS_OK;
    new_index = malloc(n * sizeof *new_index);
    book->chapters = calloc(n, sizeof *book->chapters);
    if (new_index == NULL || book->chapters == NULL) {
        free(new_index);
        return DRAMATIS_ERR_NOMEM;
    }
    for (i = 0; i < n; i++) {
        if (list[i].n_paragraphs == 0) {
            free(list[i].title);
            list[i].title = NULL;
            new_index[i] = SIZE_MAX;
            continue;
        }
        new_index[i] = kept;
        book->chapters[kept] = list[i];
        book->chapters[kept].paragraphs = NULL;
        book->chapters[kept].n_paragraphs = 0;
        list[i].title = NULL;   /* the book owns it now */
        kept++;
    }
    book->n_chapters = kept;
    for (i = 0; i < n; i++) {
        if (new_index[i] == SIZE_MAX)
            continue;
        book->chapters[new_index[i]].paragraphs =
            calloc(list[i].n_paragraphs, sizeof(struct paragraph));
        if (book->chapters[new_index[i]].paragraphs == NULL) {
            free(new_index);
            return DRAMATIS_ERR_NOMEM;
        }
    }
    for (i = 0; i < p->n_units; i++) {
        const struct unit *u = &p->units[i];
        struct chapter *ch;
        struct paragraph *para;
        if (u->kind != UNIT_TEXT || u->chapter == SIZE_MAX)
            continue;
        ch = &book->chapters[new_index[u->chapter]];
        para = &ch->paragraphs[ch->n_paragraphs++];
        para->start = u->start;
        para->end = u->end;
        para->scene_break_before = u->scene_break;
    }
    free(new_index);
    return DRAMATIS_OK;
}

/* Byte offset of the first invalid UTF-8 sequence, or size if none.  A NUL
 * byte counts as invalid: every later stage reads NUL-terminated text, so
 * the words after it would silently vanish. */
static size_t utf8_check(const char *t, size_t size)
{
    size_t i = 0;
    utf8proc_int32_t cp;

    while (i < size) {
        utf8proc_ssize_t n;
        if (t[i] == '\0')
            return i;
        if ((unsigned char)t[i] < 0x80) {
            i++;
            continue;
        }
        n = utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)(size - i), &cp);
        if (n <= 0)
            return i;
        i += (size_t)n;
    }
    return size;
}

static long line_of(const char *t, size_t offset)
{
    long line = 1;
    const char *p = t, *end = t + offset;

    for (;;) {
        p = memchr(p, '\n', (size_t)(end - p));
        if (p == NULL)
            break;
        line++;
        p++;
    }
    return line;
}

dramatis_status import_text_parse(const char *path, const char *text, size_t size,
                                  struct dramatis_book **out, struct dramatis_error *err)
{
    struct parser p;
    struct buf chapters;
    size_t bad, body = 0, i;
    dramatis_status st = DRAMATIS_OK;

    *out = NULL;
    memset(&p, 0, sizeof p);
    buf_init(&chapters, ARRAY_MAX);
    buf_init(&p.units_buf, ARRAY_MAX);
    if (text == NULL && size > 0)
        return error_set(err, DRAMATIS_ERR_ARG, path, 0, "no text");
    bad = utf8_check(text, size);
    if (bad < size && text[bad] == '\0')
        return error_set(err, DRAMATIS_ERR_INPUT, path, line_of(text, bad),
                         "NUL byte at byte %zu: not a text file", bad);
    if (bad < size)
        return error_set(err, DRAMATIS_ERR_INPUT, path, line_of(text, bad),
                         "invalid UTF-8 at byte %zu", bad);
    p.path = path;
    p.book = calloc(1, sizeof *p.book);
    if (p.book == NULL)
        goto nomem;
    p.book->path = strdup(path ? path : "");
    p.book->text = malloc(size + 1);   /* NUL-terminated for convenience */
    if (p.book->path == NULL || p.book->text == NULL)
        goto nomem;
    if (size)
        memcpy(p.book->text, text, size);
    p.book->text[size] = '\0';
    p.book->size = size;
    p.t = p.book->text;
    p.size = size;

    st = split_lines(&p);
    if (st == DRAMATIS_OK)
        st = skip_gutenberg(&p);
    if (st == DRAMATIS_OK)
        st = build_units(&p);
    if (st != DRAMATIS_OK)
        goto fail;
    if (p.first_line > 0)
        drop_credits(&p);
    if (p.n_units > 0 && p.units[0].kind == UNIT_LEFTOVER &&
        (span_eq(p.t, p.units[0].start, p.units[0].end, "Actions") ||
         span_eq(p.t, p.units[0].start, p.units[0].end, "Work Header")))
        st = read_ao3_header(&p, &body);
    else
        st = read_plain_header(&p, &body);
    if (st == DRAMATIS_OK && p.book->title == NULL)
        st = title_from_path(&p);
    if (st == DRAMATIS_OK)
        st = assign_chapters(&p, body, &chapters);
    if (st == DRAMATIS_OK)
        st = fill_book(&p, &chapters);
    if (st != DRAMATIS_OK)
        goto fail;
    if (p.book->n_chapters == 0) {
        st = error_set(err, DRAMATIS_ERR_INPUT, path, 0, "empty book");
        goto fail_quiet;
    }
    free(p.lines);
    buf_cleanup(&p.units_buf);
    buf_cleanup(&chapters);
    *out = p.book;
    return DRAMATIS_OK;

nomem:
    st = DRAMATIS_ERR_NOMEM;
fail:
    error_set(err, st, path, 0, NULL);
fail_quiet:
    for (i = 0; i < chapters.len / sizeof(struct chapter); i++)
        free(((struct chapter *)chapters.data)[i].title);
    buf_cleanup(&chapters);
    free(p.lines);
    buf_cleanup(&p.units_buf);
    dramatis_book_free(p.book);
    return st;
}

/* strerror() text in the lowercase of our messages: "no such file or directory". */
static dramatis_status io_error(struct dramatis_error *err, const char *path, int errnum)
{
    char msg[256];

    snprintf(msg, sizeof msg, "%s", strerror(errnum));
    msg[0] = (char)ascii_lower((unsigned char)msg[0]);
    return error_set(err, DRAMATIS_ERR_IO, path, 0, "%s", msg);
}

dramatis_status import_text_load(const char *path, struct dramatis_book **out,
                                 struct dramatis_error *err)
{
    FILE *f = NULL;
    struct stat sb;
    struct buf data;
    char chunk[65536];
    size_t n;
    dramatis_status st;

    *out = NULL;
    buf_init(&data, FILE_MAX);
    f = fopen(path, "rb");
    if (f == NULL)
        return io_error(err, path, errno);
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "is a directory");
        goto fail;
    }
    for (;;) {
        n = fread(chunk, 1, sizeof chunk, f);
        if (n == 0)
            break;
        st = buf_add(&data, chunk, n);
        if (st != DRAMATIS_OK) {
            st = error_set(err, st, path, 0, "file too large");
            goto fail;
        }
    }
    if (ferror(f)) {
        st = io_error(err, path, errno);
        goto fail;
    }
    fclose(f);
    f = NULL;
    st = import_text_parse(path, data.data ? data.data : "", data.len, out, err);
    buf_cleanup(&data);
    return st;

fail:
    if (f)
        fclose(f);
    buf_cleanup(&data);
    return st;
}
