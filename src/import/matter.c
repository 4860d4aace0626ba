/* Front and back matter for every importer: Project Gutenberg's licence
 * lines and header fields, editors' inserts, contents, title pages, and the
 * volume headings that group chapters. */
#include "matter.h"

#include "buf.h"
#include "spans.h"
#include "text.h"
#include "utf8.h"

#include <utf8proc.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LINE_SHORT 80        /* title-page lines are short */
#define TITLE_PAGE_LINES 6   /* an imprint: `London:` / `Printed for ...` / `1813.` */
#define INSERT_BLOCKS 10     /* an insert closes within this many paragraphs */
#define NAME_MIN 6           /* bytes of a title's start that can stand for it */
#define CHAPTER_TEXT_MIN 200 /* a chapter has this much text; a contents entry has not */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The end of the line that starts at s, within e. */
static size_t line_end(const char *t, size_t s, size_t e)
{
    const char *nl = memchr(t + s, '\n', e - s);

    return nl ? (size_t)(nl - t) : e;
}

/* Whether t[s, e) starts with one of lits (lower case): every line of a
 * book is asked, so the first letter sorts most out. */
static int istarts_any(const char *t, size_t s, size_t e, const char *const *lits, size_t n)
{
    size_t i;
    int c = s < e ? ascii_lower((unsigned char)t[s]) : 0;

    for (i = 0; i < n; i++) {
        if (lits[i][0] == c && span_istarts(t, s, e, lits[i]))
            return 1;
    }
    return 0;
}

/* Whether one of the ASCII words of t[s, e) is one of words. */
static int has_word(const char *t, size_t s, size_t e, const char *const *words, size_t n)
{
    size_t i = s, w, k;

    while (i < e) {
        while (i < e && !ascii_is_alpha((unsigned char)t[i]))
            i++;
        for (w = i; w < e && ascii_is_alpha((unsigned char)t[w]); w++)
            ;
        for (k = 0; k < n && w > i; k++) {
            if (span_ieq(t, i, w, words[k]))
                return 1;
        }
        i = w;
    }
    return 0;
}

/* `[Illustration`, `[Footnote 3:`: an insert by whoever made the edition. */
static int opens_insert(const char *t, size_t s, size_t e)
{
    static const char *const words[] = { "illustration", "footnote", "sidenote", "transcriber",
                                         "blank page", "image", "frontispiece" };

    if (s >= e || t[s] != '[')
        return 0;
    s++;
    while (text_space_len(t, s, e) > 0)
        s += text_space_len(t, s, e);
    return istarts_any(t, s, e, words, COUNT(words));
}

/* `[1] The text of a footnote.`, `[A] ...`: a footnote's own paragraph. */
static int is_footnote(const char *t, size_t s, size_t e)
{
    size_t i = s + 1;

    if (s >= e || t[s] != '[')
        return 0;
    while (i < e && i - s <= 3 && ascii_is_digit((unsigned char)t[i]))
        i++;
    if (i == s + 1 && i < e && t[i] >= 'A' && t[i] <= 'Z')
        i++;
    return i > s + 1 && i < e && t[i] == ']' && (i + 1 == e || text_space_len(t, i + 1, e) > 0);
}

enum matter_kind matter_classify(const char *t, size_t s, size_t e)
{
    static const char *const credits[] = {
        "produced by", "e-text prepared by", "etext prepared by", "this etext was prepared by",
        "this etext was produced by", "this ebook was prepared by", "this ebook was produced by",
        "this file was produced", "transcribed from", "transcribed by", "note: project gutenberg"
    };
    static const char *const contents[] = { "contents", "table of contents", "list of illustrations",
                                            "illustrations" };
    static const char *const volume[] = { "vol", "volume", "book", "part" };
    size_t le = line_end(t, s, e), i, k, ce;

    text_trim(t, &s, &le);
    if (s >= le)
        return MATTER_NONE;
    if (t[s] == '*') {
        for (i = s; i < le && (t[i] == '*' || text_space_len(t, i, le) > 0);)
            i += t[i] == '*' ? 1 : text_space_len(t, i, le);
        if (span_istarts(t, i, le, "start of") && span_icontains(t, i, le, "gutenberg"))
            return MATTER_LICENCE_START;
        if (span_istarts(t, i, le, "end of") && span_icontains(t, i, le, "gutenberg"))
            return MATTER_LICENCE_END;
        /* `*END*THE SMALL PRINT! ...`: the old licence ends, the book starts */
        if (span_istarts(t, i, le, "end") && span_icontains(t, i, le, "small print"))
            return MATTER_LICENCE_START;
        return MATTER_NONE;
    }
    if (span_istarts(t, s, le, "end of") && span_icontains(t, s, le, "project gutenberg"))
        return MATTER_LICENCE_END;
    if (opens_insert(t, s, le))
        return MATTER_INSERT;
    if (is_footnote(t, s, le))
        return MATTER_FOOTNOTE;
    if (istarts_any(t, s, le, credits, COUNT(credits)))
        return MATTER_CREDITS;
    for (ce = le; ce > s && (t[ce - 1] == '.' || t[ce - 1] == ':');)
        ce--;
    for (k = 0; k < COUNT(contents); k++) {
        if (span_ieq(t, s, ce, contents[k]))
            return MATTER_CONTENTS;
    }
    if (span_istarts(t, s, le, "transcriber"))
        return MATTER_NOTES;
    if (le - s < LINE_SHORT && span_istarts(t, s, le, "end of") &&
        has_word(t, s + 6, le, volume, COUNT(volume)))
        return MATTER_VOLUME_END;
    return MATTER_NONE;
}

/* Where the insert open depth brackets deep at s closes: just after its
 * bracket, or SIZE_MAX when it is still open at e (depth then says how deep). */
static size_t insert_close(const char *t, size_t s, size_t e, int *depth)
{
    size_t i;

    for (i = s; i < e; i++) {
        if (t[i] == '[') {
            (*depth)++;
        } else if (t[i] == ']' && *depth > 0) {
            if (--(*depth) == 0)
                return i + 1;
        }
    }
    return SIZE_MAX;
}

int matter_insert_depth(const char *t, size_t s, size_t e, int depth)
{
    size_t i;

    for (i = s; i < e; i++) {
        if (t[i] == '[')
            depth++;
        else if (t[i] == ']' && depth > 0)
            depth--;
    }
    return depth;
}

/* ---- the licence header */

/* `English` -> `en`: the languages Project Gutenberg has most books in. */
static const char *language_tag(const char *t, size_t s, size_t e)
{
    static const char *const names[][2] = {
        { "english", "en" }, { "french", "fr" }, { "german", "de" }, { "spanish", "es" },
        { "italian", "it" }, { "portuguese", "pt" }, { "dutch", "nl" }, { "finnish", "fi" },
        { "swedish", "sv" }, { "danish", "da" }, { "norwegian", "no" }, { "latin", "la" },
        { "greek", "el" }, { "russian", "ru" }, { "polish", "pl" }, { "hungarian", "hu" },
        { "czech", "cs" }, { "chinese", "zh" }, { "japanese", "ja" }, { "esperanto", "eo" },
        { "catalan", "ca" }, { "welsh", "cy" }, { "irish", "ga" }, { "icelandic", "is" },
        { "tagalog", "tl" }, { "afrikaans", "af" }, { "hebrew", "he" }, { "arabic", "ar" },
        { "romanian", "ro" }, { "bulgarian", "bg" }, { "serbian", "sr" }, { "croatian", "hr" },
        { "slovenian", "sl" }, { "ukrainian", "uk" }, { "turkish", "tr" }, { "korean", "ko" },
        { "hindi", "hi" }, { "galician", "gl" }, { "basque", "eu" }, { "estonian", "et" }
    };
    size_t k, w;

    /* `English, French` or `English and French`: the first is the book's */
    for (w = s; w < e && ascii_is_alpha((unsigned char)t[w]); w++)
        ;
    for (k = 0; k < COUNT(names); k++) {
        if (span_ieq(t, s, w, names[k][0]))
            return names[k][1];
    }
    return NULL;
}

/* Copies t[s, e) into *out unless it is set or the span is empty. */
static dramatis_status set_field(char **out, const char *t, size_t s, size_t e)
{
    text_trim(t, &s, &e);
    if (*out != NULL || s >= e)
        return DRAMATIS_OK;
    *out = span_dup(t, s, e);
    return *out ? DRAMATIS_OK : DRAMATIS_ERR_NOMEM;
}

/* `Title: X` and the indented lines that go on with it; *next is the line
 * after.  Returns the value's span, or 0 when the line is not key. */
static int field_value(const char *t, size_t s, size_t e, const char *key, size_t *vs,
                       size_t *ve, size_t *next)
{
    size_t le = line_end(t, s, e), ls = s;

    *next = le < e ? le + 1 : e;
    text_trim(t, &ls, &le);
    if (!span_istarts(t, ls, le, key))
        return 0;
    *vs = ls + strlen(key);
    *ve = le;
    while (*next < e && text_space_len(t, *next, e) > 0 && t[*next] != '\n' && t[*next] != '\r') {
        size_t cs = *next, ce = line_end(t, *next, e);
        text_trim(t, &cs, &ce);
        if (cs >= ce || memchr(t + cs, ':', ce - cs) != NULL)
            break;   /* a blank line, or the next field indented */
        *ve = ce;
        ce = line_end(t, ce, e);
        *next = ce < e ? ce + 1 : e;
    }
    return 1;
}

/* `The Project Gutenberg EBook of Pride and Prejudice, by Jane Austen`,
 * `Project Gutenberg's Alice's Adventures in Wonderland, by Lewis Carroll`:
 * the first line of a header that has no `Title:` line. */
static dramatis_status read_first_line(struct dramatis_book *book, const char *t, size_t s,
                                       size_t e)
{
    static const char *const openers[] = { "ebook of ", "etext of ", "e-text of " };
    size_t le = line_end(t, s, e), i, k, by = SIZE_MAX, ts = SIZE_MAX;
    dramatis_status st;

    while (s < le && (t[s] == '*' || text_space_len(t, s, le) > 0))
        s += t[s] == '*' ? 1 : text_space_len(t, s, le);
    while (le > s && (t[le - 1] == '*' || text_space_len_before(t, s, le) > 0))
        le -= t[le - 1] == '*' ? 1 : text_space_len_before(t, s, le);
    if (!span_icontains(t, s, le, "project gutenberg"))
        return DRAMATIS_OK;
    for (i = s; i < le && ts == SIZE_MAX; i++) {
        for (k = 0; k < COUNT(openers); k++) {
            if (span_istarts(t, i, le, openers[k])) {
                ts = i + strlen(openers[k]);
                break;
            }
        }
        if (ts == SIZE_MAX && span_istarts(t, i, le, "gutenberg's "))
            ts = i + strlen("gutenberg's ");
    }
    if (ts == SIZE_MAX)
        return DRAMATIS_OK;
    for (i = ts; i + 5 <= le; i++) {
        if (span_istarts(t, i, le, ", by "))
            by = i;
    }
    st = set_field(&book->title, t, ts, by == SIZE_MAX ? le : by);
    if (st == DRAMATIS_OK && by != SIZE_MAX)
        st = set_field(&book->author, t, by + 5, le);
    return st;
}

dramatis_status matter_read_header(struct dramatis_book *book, const char *t, size_t s, size_t e)
{
    size_t i = s, vs, ve, next, b;
    const char *tag;
    dramatis_status st = DRAMATIS_OK;

    while (i < e && st == DRAMATIS_OK) {
        if (field_value(t, i, e, "title:", &vs, &ve, &next)) {
            st = set_field(&book->title, t, vs, ve);
        } else if (field_value(t, i, e, "author:", &vs, &ve, &next)) {
            st = set_field(&book->author, t, vs, ve);
        } else if (field_value(t, i, e, "release date:", &vs, &ve, &next)) {
            for (b = vs; b < ve && t[b] != '[' && t[b] != '\n'; b++)   /* `[EBook #1342]` */
                ;
            while (b > vs && (t[b - 1] == ',' || text_space_len_before(t, vs, b) > 0))
                b -= t[b - 1] == ',' ? 1 : text_space_len_before(t, vs, b);
            st = set_field(&book->meta.date, t, vs, b);
        } else if (field_value(t, i, e, "language:", &vs, &ve, &next)) {
            text_trim(t, &vs, &ve);
            tag = language_tag(t, vs, ve);
            if (tag && book->meta.language == NULL) {
                book->meta.language = strdup(tag);
                if (book->meta.language == NULL)
                    st = DRAMATIS_ERR_NOMEM;
            }
        }
        i = next;
    }
    if (st == DRAMATIS_OK && book->title == NULL) {
        for (i = s; i < e && text_space_len(t, i, e) > 0;)
            i += text_space_len(t, i, e);
        st = read_first_line(book, t, i, e);
    }
    return st;
}

/* ---- names and title pages */

/* Words that say a line is on a title page: `A Novel.`, `In Three Volumes.` */
static const char *const title_page_words[] = {
    "volume", "volumes", "vol", "edition", "novel", "illustrated", "illustrations", "printed",
    "published", "publisher", "publishers", "copyright", "translated", "author"
};

/* The words of t[s, e) for comparing names: case-folded, apostrophes gone,
 * `and` and `&` left out; NULL when out of memory. */
static char *name_words(const char *t, size_t s, size_t e)
{
    char *line = span_dup(t, s, e), *words, *in, *out;

    if (line == NULL)
        return NULL;
    words = utf8_words(line);
    free(line);
    if (words == NULL)
        return NULL;
    for (in = out = words; *in;) {
        size_t n = strcspn(in, " ");
        if (!(n == 3 && memcmp(in, "and", 3) == 0)) {
            if (out > words)
                *out++ = ' ';
            memmove(out, in, n);
            out += n;
        }
        in += n;
        while (*in == ' ')
            in++;
    }
    *out = '\0';
    return words;
}

/* a is b, or the start of b up to a word's end, and long enough to name it. */
static int words_start(const char *a, const char *b)
{
    size_t n = strlen(a);

    return n >= NAME_MIN && strncmp(a, b, n) == 0 && b[n] == ' ';
}

int matter_same_name(const char *t, size_t s, size_t e, const char *name)
{
    char *a, *b;
    int same = 0;

    if (name == NULL)
        return 0;
    a = name_words(t, s, e);
    b = name_words(name, 0, strlen(name));
    if (a && b && a[0] != '\0')
        same = strcmp(a, b) == 0 || words_start(a, b) || words_start(b, a);
    free(a);
    free(b);
    return same;
}

int matter_is_group_word(const char *t, size_t s, size_t e)
{
    return span_ieq(t, s, e, "volume") || span_ieq(t, s, e, "vol") || span_ieq(t, s, e, "vol.") ||
           span_ieq(t, s, e, "book") || span_ieq(t, s, e, "part");
}

static int is_lower_cp(int32_t cp)
{
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* The words of a title written in title case that stay lower case. */
static int is_small_word(const char *t, size_t s, size_t e)
{
    static const char *const words[] = { "from", "with", "into", "upon", "unto", "over" };
    size_t k;

    for (k = 0; k < COUNT(words); k++) {
        if (span_ieq(t, s, e, words[k]))
            return 1;
    }
    return 0;
}

/* One line that could stand on a title page: short, not speech, not an
 * exclamation or question, and every word of more than three letters
 * (`from`, `with` aside) capitalised: `By the Author of "Sense and
 * Sensibility."`, `In Three Volumes.`, `London:`, `1813.`. */
static int title_page_line(const char *t, size_t s, size_t e)
{
    size_t i, w, len, letters, first;
    int32_t cp;

    text_trim(t, &s, &e);
    if (s >= e || e - s >= LINE_SHORT)
        return 0;
    if (text_quote_kind(text_cp_at(t, s, e, &len)) != TEXT_QUOTE_NONE)
        return 0;
    cp = text_cp_before(t, s, e, &len);
    if (cp == '!' || cp == '?')
        return 0;
    for (i = s; i < e; i = w) {
        while (i < e && text_space_len(t, i, e) > 0)
            i += text_space_len(t, i, e);
        for (w = i; w < e && text_space_len(t, w, e) == 0; w++)
            ;
        /* the first letter, past quotes and brackets; letters counted */
        first = SIZE_MAX;
        letters = 0;
        for (cp = 0; i < w; i += len) {
            cp = text_cp_at(t, i, w, &len);
            if (text_is_word_cp(cp)) {
                if (first == SIZE_MAX)
                    first = i;
                letters++;
            }
        }
        if (first == SIZE_MAX)
            continue;
        cp = text_cp_at(t, first, w, &len);
        if (is_lower_cp(cp) && letters > 3 && !is_small_word(t, first, first + letters))
            return 0;
    }
    return 1;
}

/* Every line of block t[s, e) could stand on a title page. */
static int title_page_block(const char *t, size_t s, size_t e)
{
    size_t n = 0, le;

    for (; s < e; s = le + 1) {
        le = line_end(t, s, e);
        if (++n > TITLE_PAGE_LINES || !title_page_line(t, s, le))
            return 0;
        if (le >= e)
            break;
    }
    return n > 0;
}

int matter_is_name(const char *t, size_t s, size_t e)
{
    static const char *const particles[] = { "de", "van", "von", "la", "le", "du", "da", "der" };
    static const char *const openers[] = { "a", "an", "the", "in", "by", "of", "to", "for" };
    size_t i, w, n = 0, len, k;
    int32_t cp;

    text_trim(t, &s, &e);
    if (e > s && t[e - 1] == '.')
        e--;
    if (has_word(t, s, e, title_page_words, COUNT(title_page_words)))
        return 0;   /* `A Novel.` */
    for (i = s; i < e; i = w) {
        while (i < e && text_space_len(t, i, e) > 0)
            i += text_space_len(t, i, e);
        if (i >= e)
            break;
        for (w = i; w < e && text_space_len(t, w, e) == 0; w++)
            ;
        cp = text_cp_at(t, i, w, &len);
        if (n == 0 && has_word(t, i, w, openers, COUNT(openers)))
            return 0;   /* `The Harbour Wall`, `In Three Volumes` */
        if (len == w - i && w < e)
            return 0;   /* one letter is an initial, with its period */
        for (k = 0; k < COUNT(particles) && !span_ieq(t, i, w, particles[k]); k++)
            ;
        if (k == COUNT(particles) && (cp < 0 || utf8proc_category(cp) != UTF8PROC_CATEGORY_LU))
            return 0;
        for (k = i; k < w; k++) {
            if (ascii_is_digit((unsigned char)t[k]))
                return 0;
        }
        n++;
    }
    return n >= 2 && n <= 5;
}

/* `by Jane Austen`, `By the Author of "Sense and Sensibility."`; not `By
 * Jove.` or `By the way.` */
static int is_by_name(const char *t, size_t s, size_t e, const char *author)
{
    text_trim(t, &s, &e);
    if (!span_istarts(t, s, e, "by") || text_space_len(t, s + 2, e) == 0)
        return 0;
    s += 2;
    text_trim(t, &s, &e);
    return span_istarts(t, s, e, "the author") || matter_same_name(t, s, e, author) ||
           matter_is_name(t, s, e);
}

/* `1813.`: a year on a line of its own. */
static int is_year(const char *t, size_t s, size_t e)
{
    long year = 0;
    size_t i;

    text_trim(t, &s, &e);
    if (e > s && t[e - 1] == '.')
        e--;
    if (e - s != 4)
        return 0;
    for (i = s; i < e; i++) {
        if (!ascii_is_digit((unsigned char)t[i]))
            return 0;
        year = year * 10 + (t[i] - '0');
    }
    return year >= 1400 && year < 2100;
}

/* A line that says its page is a title page, not story. */
static int title_page_signal(const char *t, size_t s, size_t e, const char *title,
                             const char *author)
{
    size_t le;

    for (; s < e; s = le + 1) {
        le = line_end(t, s, e);
        if (matter_same_name(t, s, le, title) || matter_same_name(t, s, le, author) ||
            is_by_name(t, s, le, author) || matter_classify(t, s, le) == MATTER_VOLUME_END ||
            has_word(t, s, le, title_page_words, COUNT(title_page_words)) || is_year(t, s, le))
            return 1;
        if (le >= e)
            break;
    }
    return 0;
}

/* ---- the rules over a book's blocks */

/* The first block from i on that the rules read (neither skipped nor a
 * group's name nor the importer's own), or n. */
static size_t next_read(const struct matter_block *b, size_t n, size_t i)
{
    while (i < n && (b[i].role == MATTER_SKIP || b[i].role == MATTER_OTHER ||
                     b[i].role == MATTER_NAME))
        i++;
    return i;
}

static int is_heading(const struct matter_block *u)
{
    return u->role == MATTER_CHAPTER || u->role == MATTER_GROUP;
}

/* An insert from block i to its closing bracket: the paragraphs it fills
 * are skipped, and a paragraph that goes on after it starts after it.
 * Returns the block after the insert. */
static size_t mark_insert(const char *t, struct matter_block *b, size_t n, size_t i)
{
    size_t j, close, end, k;
    int depth = 0;

    for (j = i; j < n && j < i + INSERT_BLOCKS && b[j].role == MATTER_TEXT; j++) {
        close = insert_close(t, b[j].start, b[j].end, &depth);
        if (close == SIZE_MAX)
            continue;
        end = b[j].end;
        text_trim(t, &close, &end);
        for (k = i; k < j; k++)
            b[k].role = MATTER_SKIP;
        if (close < end)
            b[j].start = close;   /* `[Illustration: A gate.] She saw it.` */
        else
            b[j].role = MATTER_SKIP;
        return j + 1;
    }
    /* never closed: only a one-line opener goes */
    if (memchr(t + b[i].start, '\n', b[i].end - b[i].start) == NULL)
        b[i].role = MATTER_SKIP;
    return i + 1;
}

/* `She saw it. [Illustration: A gate.]`: a paragraph that ends with an
 * insert ends before it. */
static void trim_trailing_insert(const char *t, struct matter_block *u)
{
    size_t q, close, end;
    int depth;

    if (u->role != MATTER_TEXT || u->end <= u->start || t[u->end - 1] != ']')
        return;
    for (q = u->start + 1; q < u->end; q++) {
        if (t[q] != '[' || !opens_insert(t, q, u->end))
            continue;
        depth = 0;
        close = insert_close(t, q, u->end, &depth);
        if (close != u->end)
            continue;
        end = q;
        text_trim(t, &u->start, &end);
        u->end = end;
        return;
    }
}

/* Transcriber's notes go on up to the next heading, or after the last
 * chapter to the end; in a book without headings only their own paragraph
 * is theirs. */
static void mark_notes(struct matter_block *b, size_t n, size_t i, size_t first_heading)
{
    size_t j;

    for (j = i + 1; j < n && !is_heading(&b[j]); j++)
        ;
    if (j == n && first_heading > i)
        j = i + 1;
    for (; i < j; i++) {
        if (b[i].role == MATTER_TEXT)
            b[i].role = MATTER_SKIP;
    }
}

/* A paragraph of story, not a contents entry: six words or more, ending
 * like a sentence or a quote. */
static int is_prose(const char *t, const struct matter_block *u)
{
    size_t i, words = 0, len;
    int in_word = 0;
    int32_t last;

    if (u->role != MATTER_TEXT)
        return 0;
    for (i = u->start; i < u->end; i++) {
        int space = text_space_len(t, i, u->end) > 0;
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    last = text_cp_before(t, u->start, u->end, &len);
    return words >= 6 && (text_is_sentence_end_cp(last) || text_quote_kind(last) != TEXT_QUOTE_NONE);
}

/* Whether heading h opens real chapter text: enough of it, and prose. */
static int opens_chapter(const char *t, const struct matter_block *b, size_t n, size_t h)
{
    size_t j, bytes = 0;
    int prose = 0;

    for (j = h + 1; j < n && !is_heading(&b[j]); j++) {
        if (b[j].role == MATTER_TEXT) {
            bytes += b[j].end - b[j].start;
            prose = prose || is_prose(t, &b[j]);
        }
    }
    return prose && bytes >= CHAPTER_TEXT_MIN;
}

/* A table of contents: from its `Contents` line i to the first heading
 * that opens a chapter, less the group headings and title page just before
 * that heading.  Without such a heading it is no contents. */
static void mark_contents(const char *t, struct matter_block *b, size_t n, size_t i,
                          const char *title, const char *author)
{
    size_t end, j;

    for (end = i + 1; end < n; end++) {
        if (is_heading(&b[end]) && opens_chapter(t, b, n, end))
            break;
    }
    if (end == n)
        return;
    while (end > i + 1) {
        const struct matter_block *u = &b[end - 1];
        if (u->role == MATTER_GROUP || u->role == MATTER_SKIP || u->role == MATTER_OTHER ||
            (u->role == MATTER_TEXT && title_page_block(t, u->start, u->end) &&
             title_page_signal(t, u->start, u->end, title, author)))
            end--;
        else
            break;
    }
    for (j = i; j < end; j++) {
        if (b[j].role != MATTER_OTHER)
            b[j].role = MATTER_SKIP;
    }
}

/* `BOOK I` / `The Recall` / `CHAPTER I`: one short line between a group
 * heading and the next heading names the group. */
static void mark_names(const char *t, struct matter_block *b, size_t n, const char *title,
                       const char *author)
{
    size_t i, j, k;

    for (i = 0; i < n; i++) {
        if (b[i].role != MATTER_GROUP)
            continue;
        j = next_read(b, n, i + 1);
        if (j == n || b[j].role != MATTER_TEXT ||
            memchr(t + b[j].start, '\n', b[j].end - b[j].start) != NULL ||
            !title_page_line(t, b[j].start, b[j].end) ||
            title_page_signal(t, b[j].start, b[j].end, title, author))
            continue;
        k = next_read(b, n, j + 1);
        if (k < n && is_heading(&b[k]))
            b[j].role = MATTER_NAME;
    }
}

/* Title pages: going back from each heading (and from the end) over short
 * title-case paragraphs, all of them from the first that says it is a
 * title page on (from the book's start when they open it). */
static void mark_title_pages(const char *t, struct matter_block *b, size_t n, const char *title,
                             const char *author)
{
    size_t h, j, first;

    for (h = 0; h <= n; h++) {
        if (h < n && !is_heading(&b[h]))
            continue;
        first = SIZE_MAX;
        for (j = h; j > 0; j--) {
            const struct matter_block *u = &b[j - 1];
            if (u->role == MATTER_CHAPTER)
                break;
            if (u->role == MATTER_GROUP)
                first = j - 1;
            if (u->role != MATTER_TEXT)
                continue;
            if (!title_page_block(t, u->start, u->end))
                break;
            if (title_page_signal(t, u->start, u->end, title, author))
                first = j - 1;
        }
        if (j == 0 && h < n && first != SIZE_MAX)
            first = 0;   /* the book opens with it: all of it is the title page */
        for (j = first; j < h; j++) {
            if (b[j].role == MATTER_TEXT)
                b[j].role = MATTER_SKIP;
        }
    }
}

void matter_mark(const char *t, struct matter_block *b, size_t n, const char *title,
                 const char *author)
{
    size_t i, first_heading;
    enum matter_kind kind;

    for (first_heading = 0; first_heading < n && !is_heading(&b[first_heading]); first_heading++)
        ;
    for (i = 0; i < n;) {
        if (b[i].role != MATTER_TEXT) {
            i++;
            continue;
        }
        kind = matter_classify(t, b[i].start, b[i].end);
        if (kind == MATTER_INSERT) {
            i = mark_insert(t, b, n, i);
            continue;
        }
        if (kind == MATTER_NOTES)
            mark_notes(b, n, i, first_heading);
        else if (kind == MATTER_CONTENTS)
            mark_contents(t, b, n, i, title, author);
        else if (kind == MATTER_FOOTNOTE || kind == MATTER_LICENCE_START ||
                 kind == MATTER_LICENCE_END || (kind == MATTER_CREDITS && i < first_heading))
            b[i].role = MATTER_SKIP;
        i++;
    }
    for (i = 0; i < n; i++)
        trim_trailing_insert(t, &b[i]);
    mark_names(t, b, n, title, author);
    mark_title_pages(t, b, n, title, author);
    /* `PART ONE` and then prose: the part is a chapter */
    for (i = 0; i < n; i++) {
        size_t j = next_read(b, n, i + 1);
        if (b[i].role == MATTER_GROUP && j < n && b[j].role == MATTER_TEXT)
            b[i].role = MATTER_CHAPTER;
    }
}

/* ---- groups */

void matter_groups_init(struct matter_groups *g)
{
    memset(g, 0, sizeof *g);
}

void matter_groups_cleanup(struct matter_groups *g)
{
    size_t i;

    for (i = 0; i < g->n; i++)
        free(g->label[i]);
    memset(g, 0, sizeof *g);
}

/* Bytes of a label's word: `Volume` of `Volume 2: Home`. */
static size_t label_word(const char *label)
{
    return strcspn(label, " :.");
}

static int same_word(const char *a, const char *b)
{
    size_t n = label_word(a), i;

    if (label_word(b) != n)
        return 0;
    for (i = 0; i < n; i++) {
        if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
            return 0;
    }
    return 1;
}

dramatis_status matter_groups_enter(struct matter_groups *g, const char *label)
{
    size_t i;
    char *copy = strdup(label);

    if (copy == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (i = 0; i < g->n && !same_word(g->label[i], label); i++)
        ;
    if (i == MATTER_GROUP_LEVELS)
        i--;
    while (g->n > i)
        free(g->label[--g->n]);
    g->label[g->n++] = copy;
    return DRAMATIS_OK;
}

char *matter_groups_title(const struct matter_groups *g, const char *chapter_title)
{
    struct buf b;
    size_t i;
    dramatis_status st = DRAMATIS_OK;

    buf_init(&b, (size_t)1 << 16);
    for (i = 0; i < g->n && st == DRAMATIS_OK; i++)
        st = buf_printf(&b, "%s: ", g->label[i]);
    if (st == DRAMATIS_OK)
        st = buf_adds(&b, chapter_title);
    if (st != DRAMATIS_OK) {
        buf_cleanup(&b);
        return NULL;
    }
    return buf_take(&b);
}

char *matter_group_before(const char *label)
{
    static const char *const seconds[][2] = { { "2", "1" }, { "two", "one" },
                                              { "second", "first" }, { "ii", "i" } };
    size_t w = label_word(label), s, e, k, i;
    int upper_first, upper_all = 1;
    struct buf b;
    char c;

    if (label[w] != ' ')
        return NULL;
    s = w + 1;
    e = s + strcspn(label + s, " :.");
    for (k = 0; k < COUNT(seconds) && !span_ieq(label, s, e, seconds[k][0]); k++)
        ;
    if (k == COUNT(seconds))
        return NULL;
    /* in the case the label writes it: `Part Two` -> `Part One`, `TWO` -> `ONE` */
    upper_first = label[s] >= 'A' && label[s] <= 'Z';
    for (i = s; i < e; i++)
        upper_all = upper_all && !(label[i] >= 'a' && label[i] <= 'z');
    buf_init(&b, 256);
    if (buf_add(&b, label, s) != DRAMATIS_OK)
        goto fail;
    for (i = 0; seconds[k][1][i]; i++) {
        c = seconds[k][1][i];
        if (ascii_is_alpha((unsigned char)c) && (upper_all || (i == 0 && upper_first)))
            c = (char)(c - 'a' + 'A');
        if (buf_add(&b, &c, 1) != DRAMATIS_OK)
            goto fail;
    }
    return buf_take(&b);
fail:
    buf_cleanup(&b);
    return NULL;
}
