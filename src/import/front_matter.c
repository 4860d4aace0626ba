/* What comes before the story in a plain text: the Project Gutenberg
 * licence and credits, the title and `by` line, AO3's work header. */
#include "text_internal.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

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
dramatis_status front_skip_gutenberg(struct parser *p)
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
void front_drop_credits(struct parser *p)
{
    size_t i;

    for (i = 0; i < p->n_blocks && i < 3; i++) {
        struct block *u = &p->blocks[i];
        if (u->kind == BLOCK_TEXT && (span_istarts(p->t, u->start, u->end, "Produced by") ||
                                     span_istarts(p->t, u->start, u->end, "E-text prepared by") ||
                                     span_istarts(p->t, u->start, u->end, "Transcribed from")))
            u->kind = BLOCK_LEFTOVER;
    }
}

static int is_by_line(const char *t, const struct block *u)
{
    return u->kind == BLOCK_TEXT && u->n_lines == 1 && u->end - u->start < TITLE_MAX &&
           line_starts_with_by(t, u->start, u->end) && u->end - u->start > 3;
}

static dramatis_status set_author(struct parser *p, const struct block *u)
{
    size_t s = u->start + 2, e = u->end;   /* after `by`; the space is trimmed */

    text_trim(p->t, &s, &e);
    if (s == e || p->book->author != NULL)
        return DRAMATIS_OK;
    p->book->author = span_dup(p->t, s, e);
    return p->book->author ? DRAMATIS_OK : DRAMATIS_ERR_NOMEM;
}

static dramatis_status set_title(struct parser *p, const struct block *u)
{
    p->book->title = span_dup(p->t, u->start, u->end);
    p->title_start = u->start;
    p->title_end = u->end;
    return p->book->title ? DRAMATIS_OK : DRAMATIS_ERR_NOMEM;
}

/* A plain text: the first line is the title when it is short, not a
 * sentence or heading, and some paragraph follows; `by NAME` may follow. */
dramatis_status front_read_plain_header(struct parser *p, size_t *body)
{
    const struct block *u;
    size_t i;
    char last;
    dramatis_status st;

    *body = 0;
    for (i = 0; i < p->n_blocks && p->blocks[i].kind == BLOCK_LEFTOVER; i++)
        ;
    if (i == p->n_blocks)
        return DRAMATIS_OK;
    u = &p->blocks[i];
    if (u->kind != BLOCK_TEXT || u->n_lines != 1 || u->end - u->start >= TITLE_MAX ||
        line_opens_quote(p->t, u->start, u->end))
        return DRAMATIS_OK;
    if (p->book->title != NULL && !span_ieq(p->t, u->start, u->end, p->book->title))
        return DRAMATIS_OK;   /* named by the licence header, and this is not it */
    last = p->t[u->end - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':')
        return DRAMATIS_OK;
    for (*body = i + 1; *body < p->n_blocks; (*body)++) {
        if (p->blocks[*body].kind == BLOCK_TEXT)
            break;
    }
    if (*body == p->n_blocks) {   /* the only paragraph is story, not title */
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
    if (*body < p->n_blocks && is_by_line(p->t, &p->blocks[*body])) {
        size_t next;
        for (next = *body + 1; next < p->n_blocks && p->blocks[next].kind != BLOCK_TEXT; next++)
            ;
        if (next < p->n_blocks) {
            st = set_author(p, &p->blocks[*body]);
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
dramatis_status front_read_ao3_header(struct parser *p, size_t *body)
{
    size_t i, end;
    int skip_value = 0, in_notes = 0, have_title = 0;
    dramatis_status st;

    for (end = 0; end < p->n_blocks; end++) {
        if (p->blocks[end].kind == BLOCK_CHAPTER_TEXT || p->blocks[end].kind == BLOCK_HEADING)
            break;
    }
    if (end == p->n_blocks)   /* no marker at all: an ordinary text */
        return front_read_plain_header(p, body);
    for (i = 0; i < end; i++) {
        const struct block *u = &p->blocks[i];
        if (u->kind == BLOCK_NOTES) {
            in_notes = 1;
            continue;
        }
        if (u->kind != BLOCK_TEXT || in_notes)
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
dramatis_status front_title_from_path(struct parser *p)
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
