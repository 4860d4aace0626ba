/* What comes before the story in a plain text: the Project Gutenberg
 * licence and credits, the title and `by` line, AO3's work header. */
#include "text_internal.h"

#include "matter.h"
#include "text.h"
#include "utf8.h"

#include <utf8proc.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A Project Gutenberg file: only the lines between the licence header's
 * last START line (`*** START OF ...`, or `*END*THE SMALL PRINT!` after
 * it) and the first END line (`*** END OF ...`, or the older `End of the
 * Project Gutenberg EBook of ...` just before it) are the book, and the
 * header names it. */
dramatis_status front_skip_gutenberg(struct parser *p)
{
    size_t i, start = SIZE_MAX;

    p->first_line = 0;
    p->last_line = p->n_lines;
    for (i = 0; i < p->n_lines; i++) {
        enum matter_kind kind = matter_classify(p->t, p->lines[i].start, p->lines[i].end);
        if (kind == MATTER_LICENCE_START)
            start = i;
        else if (kind == MATTER_LICENCE_END)
            break;
    }
    p->last_line = i;
    if (start == SIZE_MAX)
        return DRAMATIS_OK;
    p->first_line = start + 1;
    return matter_read_header(p->book, p->t, 0, p->lines[start].start);
}

/* `Produced by ...` credits open many Gutenberg texts; they are not read. */
void front_drop_credits(struct parser *p)
{
    size_t i;

    for (i = 0; i < p->n_blocks && i < 3; i++) {
        struct block *u = &p->blocks[i];
        if (u->kind == BLOCK_TEXT && matter_classify(p->t, u->start, u->end) == MATTER_CREDITS)
            u->kind = BLOCK_LEFTOVER;
    }
}

static int is_by_line(const char *t, const struct block *u)
{
    return u->kind == BLOCK_TEXT && u->n_lines == 1 && u->end - u->start < TITLE_MAX &&
           line_starts_with_by(t, u->start, u->end) && u->end - u->start > 3;
}

/* Takes the author from u, after `by` when skip_by. */
static dramatis_status set_author(struct parser *p, const struct block *u, int skip_by)
{
    size_t s = u->start + (skip_by ? 2 : 0), e = u->end;   /* the space is trimmed */

    text_trim(p->t, &s, &e);
    if (e > s && skip_by && p->t[e - 1] == '.' && !(e - s > 2 && p->t[e - 3] == ' '))
        e--;   /* `By JANE AUSTEN.`, but not the initial of `by Ann Lee J.` */
    if (s == e || p->book->author != NULL)
        return DRAMATIS_OK;
    p->book->author = span_dup(p->t, s, e);
    return p->book->author ? DRAMATIS_OK : DRAMATIS_ERR_NOMEM;
}

/* `ALICE'S ADVENTURES IN WONDERLAND` -> `Alice's Adventures in Wonderland`:
 * a title page's capitals are typography, and a player lists the title. */
static char *title_case(const char *title)
{
    static const char *const small[] = { "a", "an", "the", "and", "or", "nor", "but", "of", "in",
                                         "on", "at", "to", "by", "for", "with", "from", "as" };
    struct buf b;
    size_t i = 0, n, len = strlen(title), w, k;
    int32_t cp;
    int word_start = 1, first_word = 1;   /* first of the title or of a phrase in it */
    utf8proc_uint8_t enc[4];
    dramatis_status st = DRAMATIS_OK;

    buf_init(&b, len * 2 + 16);
    while (i < len && st == DRAMATIS_OK) {
        n = utf8_next(title + i, len - i, &cp);
        if (cp < 0 || !text_is_word_cp(cp)) {
            word_start = !text_is_apostrophe_cp(cp);
            if (cp == ':' || cp == ';' || text_is_sentence_end_cp(cp) ||
                (text_is_dash_cp(cp) && cp != '-'))
                first_word = 1;   /* `ADVENTURE I. A SCANDAL` -> `Adventure I. A Scandal` */
            st = buf_add(&b, title + i, n);
            i += n;
            continue;
        }
        if (word_start) {
            for (w = i; w < len && title[w] != ' ' && title[w] != '-'; w++)
                ;
            for (k = 0; k < sizeof small / sizeof small[0] && !span_ieq(title, i, w, small[k]); k++)
                ;
            cp = first_word || k == sizeof small / sizeof small[0] ? utf8proc_toupper(cp)
                                                                    : utf8proc_tolower(cp);
            first_word = 0;
        } else {
            cp = utf8proc_tolower(cp);
        }
        word_start = 0;
        st = buf_add(&b, enc, (size_t)utf8proc_encode_char(cp, enc));
        i += n;
    }
    if (st != DRAMATIS_OK) {
        buf_cleanup(&b);
        return NULL;
    }
    return buf_take(&b);
}

static dramatis_status set_title(struct parser *p, const struct block *u)
{
    p->book->title = span_dup(p->t, u->start, u->end);
    p->title_start = u->start;
    p->title_end = u->end;
    if (p->book->title != NULL && line_is_caps(p->t, u->start, u->end)) {
        char *cased = title_case(p->book->title);
        free(p->book->title);
        p->book->title = cased;
    }
    return p->book->title ? DRAMATIS_OK : DRAMATIS_ERR_NOMEM;
}

/* The first block from i on that is not a leftover, or n_blocks. */
static size_t next_kept(const struct parser *p, size_t i)
{
    while (i < p->n_blocks && p->blocks[i].kind == BLOCK_LEFTOVER)
        i++;
    return i;
}

/* After the title, the author's name on a line of its own: the name the
 * licence header gave, or, on a title page (a heading or capitals after
 * it), what reads as a name. */
static int is_name_line(const struct parser *p, size_t i)
{
    const struct block *u = &p->blocks[i], *next;
    size_t j = next_kept(p, i + 1);

    if (u->kind != BLOCK_TEXT || u->n_lines != 1 || u->end - u->start >= TITLE_MAX)
        return 0;
    if (p->book->author != NULL)
        return matter_same_name(p->t, u->start, u->end, p->book->author);
    if (j == p->n_blocks || !matter_is_name(p->t, u->start, u->end))
        return 0;
    next = &p->blocks[j];
    return next->kind != BLOCK_TEXT || line_is_caps(p->t, next->start, next->head_end) ||
           matter_classify(p->t, next->start, next->end) == MATTER_CONTENTS;
}

/* A plain text: the first line is the title when it is short, not a
 * sentence or heading, and some paragraph follows; `by NAME` or the
 * author's name may follow.  A title the licence header gave may be
 * written another way (`ALICE’S ADVENTURES IN WONDERLAND`, `PRIDE AND
 * PREJUDICE:`). */
dramatis_status front_read_plain_header(struct parser *p, size_t *body)
{
    const struct block *u;
    size_t i;
    char last;
    dramatis_status st;

    *body = 0;
    i = next_kept(p, 0);
    if (i == p->n_blocks)
        return DRAMATIS_OK;
    u = &p->blocks[i];
    if (u->kind != BLOCK_TEXT || u->n_lines != 1 || u->end - u->start >= TITLE_MAX ||
        line_opens_quote(p->t, u->start, u->end) ||
        matter_classify(p->t, u->start, u->end) != MATTER_NONE)
        return DRAMATIS_OK;   /* `CONTENTS`, `TRANSCRIBER'S NOTES` name no book */
    if (p->book->title != NULL && !matter_same_name(p->t, u->start, u->end, p->book->title))
        return DRAMATIS_OK;   /* named by the licence header, and this is not it */
    last = p->t[u->end - 1];
    if (p->book->title == NULL && (last == '.' || last == ',' || last == ';' || last == ':'))
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
    *body = next_kept(p, i + 1);
    if (*body < p->n_blocks && is_by_line(p->t, &p->blocks[*body])) {
        size_t next;
        for (next = *body + 1; next < p->n_blocks && p->blocks[next].kind != BLOCK_TEXT; next++)
            ;
        if (next < p->n_blocks) {
            st = set_author(p, &p->blocks[*body], 1);
            if (st != DRAMATIS_OK)
                return st;
            (*body)++;
        }
    } else if (*body < p->n_blocks && is_name_line(p, *body)) {
        st = set_author(p, &p->blocks[*body], 0);
        if (st != DRAMATIS_OK)
            return st;
        (*body)++;
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
            st = set_author(p, u, 1);
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

/* What a block is to the rules of matter.h. */
static enum matter_role block_role(const struct parser *p, const struct block *u)
{
    struct heading h;

    switch (u->kind) {
    case BLOCK_TEXT:
        return MATTER_TEXT;
    case BLOCK_HEADING:
        line_parse_heading(p->t, u->start, u->head_end, &h);
        return matter_is_group_word(p->t, h.word_start, h.word_end) ? MATTER_GROUP : MATTER_CHAPTER;
    case BLOCK_LEFTOVER:
        return MATTER_SKIP;
    default:
        return MATTER_OTHER;
    }
}

dramatis_status front_mark_matter(struct parser *p, size_t body)
{
    struct matter_block *mb;
    size_t i, n = body < p->n_blocks ? p->n_blocks - body : 0, group = SIZE_MAX;

    if (n == 0)
        return DRAMATIS_OK;
    mb = calloc(n, sizeof *mb);
    if (mb == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (i = 0; i < n; i++) {
        mb[i].start = p->blocks[body + i].start;
        mb[i].end = p->blocks[body + i].end;
        mb[i].role = block_role(p, &p->blocks[body + i]);
    }
    matter_mark(p->t, mb, n, p->book->title, p->book->author);
    for (i = 0; i < n; i++) {
        struct block *u = &p->blocks[body + i];
        switch (mb[i].role) {
        case MATTER_GROUP:
            u->kind = BLOCK_GROUP;
            group = body + i;
            break;
        case MATTER_NAME:   /* `BOOK I` / `The Recall`: the group's title */
            u->kind = BLOCK_LEFTOVER;
            if (group != SIZE_MAX && p->blocks[group].sub_start == p->blocks[group].sub_end) {
                p->blocks[group].sub_start = u->start;
                p->blocks[group].sub_end = u->end;
            }
            break;
        case MATTER_SKIP:
            if (u->kind == BLOCK_TEXT || u->kind == BLOCK_HEADING)
                u->kind = BLOCK_LEFTOVER;
            break;
        case MATTER_TEXT:   /* without an insert at its start or end */
            u->start = mb[i].start;
            u->end = mb[i].end;
            break;
        default:
            break;
        }
    }
    free(mb);
    return DRAMATIS_OK;
}
