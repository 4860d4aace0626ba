/* Plain-text import: finds title, author, chapters and paragraphs as byte
 * spans into the untouched input (lines -> blocks -> chapters). */
#include "import.h"

#include "book_builder.h"
#include "buf.h"
#include "error.h"
#include "matter.h"
#include "text.h"
#include "text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        l.indent = l.start - i;
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

static dramatis_status add_block(struct parser *p, enum block_kind kind, size_t first, size_t last)
{
    struct block u;

    memset(&u, 0, sizeof u);
    u.kind = kind;
    u.start = p->lines[first].start;
    u.end = p->lines[last].end;
    u.head_end = u.end;
    u.n_lines = last - first + 1;
    return buf_add(&p->blocks_buf, &u, sizeof u);
}

static int line_blank(const struct line *l)
{
    return l->start == l->end;
}

/* An editor's insert on lines of its own among [first, last)
 * (`[Illustration: ...]`, `[Footnote 1: ...]`): its first line in *open,
 * its last, the one that closes its bracket, in *close. */
static int find_insert(const struct parser *p, size_t first, size_t last, size_t *open,
                       size_t *close)
{
    size_t k, m;
    int depth;

    for (k = first; k < last; k++) {
        if (p->t[p->lines[k].start] != '[' ||
            matter_classify(p->t, p->lines[k].start, p->lines[k].end) != MATTER_INSERT)
            continue;
        depth = 0;
        for (m = k; m < last; m++) {
            depth = matter_insert_depth(p->t, p->lines[m].start, p->lines[m].end, depth);
            if (depth == 0)
                break;
        }
        if (m < last && p->t[p->lines[m].end - 1] == ']') {
            *open = k;
            *close = m;
            return 1;
        }
    }
    return 0;
}

/* The lines of [first, last) that open a paragraph by indentation: each
 * indented further than the line before it (the first: further than the
 * block's least).  A block is indented so when two or more lines do and
 * some line runs on flush left (a paragraph's first line indented, the
 * lines wrapped after it not, as many plain-text books are laid out); 0
 * otherwise, and for verse and quotations indented as a whole. */
static size_t indent_starts(const struct parser *p, size_t first, size_t last)
{
    size_t k, starts = 0, base = (size_t)-1;

    for (k = first; k < last; k++) {
        if (p->lines[k].indent < base)
            base = p->lines[k].indent;
    }
    for (k = first; k < last; k++)
        starts += p->lines[k].indent > (k > first ? p->lines[k - 1].indent : base);
    return starts >= 2 ? starts : 0;
}

/* Whether line l ends a sentence: its last mark, past closing quotes and
 * brackets, is a full stop, ! or ?. */
static int line_ends_sentence(const char *t, const struct line *l)
{
    size_t i = l->end, len;
    int32_t cp;

    while (i > l->start) {
        cp = text_cp_before(t, l->start, i, &len);
        if (len == 0)
            return 0;
        if (cp != ')' && cp != ']' && text_quote_kind(cp) == TEXT_QUOTE_NONE)
            return text_is_sentence_end_cp(cp);
        i -= len;
    }
    return 0;
}

/* Paragraphs run together without blank lines between them, as in some
 * scanned books: the long block of hard-wrapped lines [first, last)
 * breaks after a line that ends a sentence and either stops well short of
 * the block's width or is followed by a line that opens a quote. */
static dramatis_status add_run_on(struct parser *p, size_t first, size_t last)
{
    size_t k, from = first, width = 0, len, cp_len;
    dramatis_status st = DRAMATIS_OK;

    for (k = first; k < last; k++) {
        if (p->lines[k].end - p->lines[k].start > width)
            width = p->lines[k].end - p->lines[k].start;
    }
    for (k = first; k + 1 < last && st == DRAMATIS_OK; k++) {
        const struct line *next = &p->lines[k + 1];
        len = p->lines[k].end - p->lines[k].start;
        if (!line_ends_sentence(p->t, &p->lines[k]))
            continue;
        if (len * 4 >= width * 3 &&
            text_quote_kind(text_cp_at(p->t, next->start, next->end, &cp_len)) == TEXT_QUOTE_NONE)
            continue;
        st = add_block(p, BLOCK_TEXT, from, k);
        from = k + 1;
    }
    return st == DRAMATIS_OK ? add_block(p, BLOCK_TEXT, from, last - 1) : st;
}

/* One block of non-blank lines [first, last): an insert is never read,
 * and the lines around it are blocks of their own; special lines at its
 * top stand alone; the rest is one paragraph, one per indented line when
 * indentation marks them, one per line when its lines are too long to be
 * hard-wrapped, or several when it is long and runs paragraphs together. */
static dramatis_status add_lines(struct parser *p, size_t first, size_t last)
{
    size_t i = first, k, open, close;
    int long_lines = 0;
    dramatis_status st = DRAMATIS_OK;

    if (find_insert(p, first, last, &open, &close)) {
        if (open > first)
            st = add_lines(p, first, open);
        if (st == DRAMATIS_OK)
            st = add_block(p, BLOCK_LEFTOVER, open, close);
        if (st == DRAMATIS_OK && close + 1 < last)
            st = add_lines(p, close + 1, last);
        return st;
    }

    while (i < last) {
        const struct line *l = &p->lines[i];
        enum block_kind kind = line_classify(p->t, l->start, l->end);
        struct heading h;

        if (kind == BLOCK_TEXT)
            break;
        st = add_block(p, kind, i, i);
        if (st != DRAMATIS_OK)
            return st;
        /* `CHAPTER I.` over `Down the Rabbit-Hole`, the block's last line. */
        if (kind == BLOCK_HEADING && i + 2 == last && line_parse_heading(p->t, l->start, l->end, &h) &&
            h.title_start == h.title_end && h.word_start < h.word_end &&
            line_is_title(p->t, p->lines[i + 1].start, p->lines[i + 1].end) &&
            line_classify(p->t, p->lines[i + 1].start, p->lines[i + 1].end) == BLOCK_TEXT) {
            struct block *u = (struct block *)(p->blocks_buf.data + p->blocks_buf.len) - 1;
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
    if (p->blocks_buf.len == 0 && last - i == 2 &&
        line_starts_with_by(p->t, p->lines[i + 1].start, p->lines[i + 1].end))
        long_lines = 1;
    if (!long_lines && indent_starts(p, i, last) > 0) {
        size_t from = i;
        for (k = i + 1; k <= last; k++) {
            if (k < last && p->lines[k].indent <= p->lines[k - 1].indent)
                continue;
            st = add_block(p, BLOCK_TEXT, from, k - 1);
            if (st != DRAMATIS_OK)
                return st;
            from = k;
        }
        return DRAMATIS_OK;
    }
    if (!p->per_line && !long_lines)
        return last - i >= RUN_ON_MIN ? add_run_on(p, i, last) : add_block(p, BLOCK_TEXT, i, last - 1);
    for (k = i; k < last; k++) {
        st = add_block(p, line_classify(p->t, p->lines[k].start, p->lines[k].end), k, k);
        if (st != DRAMATIS_OK)
            return st;
    }
    return DRAMATIS_OK;
}

static dramatis_status build_blocks(struct parser *p)
{
    size_t i, first;
    int seen_text = 0;
    dramatis_status st;

    /* A blank line between two non-blank ones means blank-line paragraphs;
     * so does indentation (see indent_starts), with or without them. */
    p->per_line = 1;
    for (i = p->first_line; i < p->last_line && p->per_line; i++) {
        if (!line_blank(&p->lines[i]))
            seen_text = 1;
        else if (seen_text && i + 1 < p->last_line && !line_blank(&p->lines[i + 1]))
            p->per_line = 0;
    }
    if (p->per_line && p->last_line > p->first_line &&
        indent_starts(p, p->first_line, p->last_line) > 0)
        p->per_line = 0;
    i = p->first_line;
    while (i < p->last_line) {
        if (line_blank(&p->lines[i])) {
            i++;
            continue;
        }
        first = i;
        while (i < p->last_line && !line_blank(&p->lines[i]) && !(p->per_line && i > first))
            i++;
        st = add_lines(p, first, i);
        if (st != DRAMATIS_OK)
            return st;
    }
    p->blocks = (struct block *)p->blocks_buf.data;
    p->n_blocks = p->blocks_buf.len / sizeof(struct block);
    return DRAMATIS_OK;
}

/* Starts a chapter titled title (taken over and freed here); NULL means out of memory. */
static dramatis_status add_chapter(struct parser *p, char *title, size_t s, size_t e)
{
    dramatis_status st;

    if (title == NULL)
        return DRAMATIS_ERR_NOMEM;
    st = book_builder_chapter(&p->builder, title, s, e);
    free(title);
    return st;
}

/* The chapters before a book's first group heading, when that is the
 * second (`VOL. II.`), are in the first: its heading is often missing. */
static dramatis_status enter_first_group(struct parser *p, size_t body,
                                         struct matter_groups *groups)
{
    size_t i;
    int chapters = 0;
    char *label, *before;
    dramatis_status st;

    for (i = body; i < p->n_blocks && p->blocks[i].kind != BLOCK_GROUP; i++)
        chapters = chapters || p->blocks[i].kind == BLOCK_HEADING;
    if (i == p->n_blocks || !chapters)
        return DRAMATIS_OK;
    label = block_heading_title(p->t, &p->blocks[i]);
    if (label == NULL)
        return DRAMATIS_ERR_NOMEM;
    before = matter_group_before(label);
    free(label);
    if (before == NULL)
        return DRAMATIS_OK;   /* not the second, or out of memory: no name is wrong */
    st = matter_groups_enter(groups, before);
    free(before);
    return st;
}

/* A heading's chapter title inside the groups it is in; NULL when out of memory. */
static char *grouped_title(const struct parser *p, const struct block *u,
                           const struct matter_groups *groups)
{
    char *title = block_heading_title(p->t, u), *grouped;

    if (title == NULL || groups->n == 0)
        return title;
    grouped = matter_groups_title(groups, title);
    free(title);
    return grouped;
}

/* Builds the chapters from the blocks from body on: headings and AO3's
 * markers open chapters, group headings name the chapters after them,
 * text blocks become paragraphs, notes and leftovers are dropped. */
static dramatis_status assign_chapters(struct parser *p, size_t body)
{
    size_t i, n_markers = 0, marker = 0, last_boundary = SIZE_MAX;
    size_t *text_after = NULL;
    int skip_notes = 0, pending_break = 0;
    const struct chapter *cur = NULL;
    int cur_from_heading = 0;
    struct matter_groups groups;
    char *label;
    dramatis_status st = DRAMATIS_OK;
    char title_buf[64];

    matter_groups_init(&groups);

    for (i = body; i < p->n_blocks; i++) {
        if (p->blocks[i].kind == BLOCK_CHAPTER_TEXT)
            n_markers++;
        if (p->blocks[i].kind == BLOCK_CHAPTER_TEXT || p->blocks[i].kind == BLOCK_HEADING ||
            p->blocks[i].kind == BLOCK_GROUP)
            last_boundary = i;
    }
    /* Text bytes after each unit, to tell end notes from story (linear). */
    text_after = calloc(p->n_blocks + 1, sizeof *text_after);
    if (text_after == NULL)
        return DRAMATIS_ERR_NOMEM;
    st = enter_first_group(p, body, &groups);
    if (st != DRAMATIS_OK)
        goto fail;
    for (i = p->n_blocks; i-- > 0;)
        text_after[i] = text_after[i + 1] +
                        (p->blocks[i].kind == BLOCK_TEXT ? p->blocks[i].end - p->blocks[i].start : 0);

    for (i = body; i < p->n_blocks; i++) {
        struct block *u = &p->blocks[i];
        switch (u->kind) {
        case BLOCK_HEADING:
            /* `CHAPTER I` then `DOWN THE RABBIT-HOLE` in a block of its own;
             * or, one paragraph per line, a title-case line. */
            if (u->sub_start == u->sub_end && i + 1 < p->n_blocks) {
                struct block *next = &p->blocks[i + 1];
                struct heading h;
                line_parse_heading(p->t, u->start, u->head_end, &h);
                if (h.title_start == h.title_end && h.word_start < h.word_end &&
                    next->kind == BLOCK_TEXT && next->n_lines == 1 &&
                    (line_is_caps(p->t, next->start, next->end) ||
                     (p->per_line && line_is_title_case(p->t, next->start, next->end)))) {
                    u->sub_start = next->start;
                    u->sub_end = next->end;
                    next->kind = BLOCK_LEFTOVER;
                }
            }
            st = add_chapter(p, grouped_title(p, u, &groups), u->start,
                             u->sub_end ? u->sub_end : u->end);
            if (st != DRAMATIS_OK)
                goto fail;
            cur = book_builder_current(&p->builder);
            cur_from_heading = 1;
            skip_notes = 0;
            pending_break = 0;
            break;
        case BLOCK_CHAPTER_TEXT:
            marker++;
            skip_notes = 0;
            if (cur && cur_from_heading && cur->n_paragraphs == 0)
                break;   /* `Chapter 2: Title` then `Chapter Text`: one chapter */
            if (n_markers == 1) {
                st = add_chapter(p, strdup(p->book->title), p->title_start, p->title_end);
            } else {
                snprintf(title_buf, sizeof title_buf, "Chapter %zu", marker);
                st = add_chapter(p, strdup(title_buf), 0, 0);
            }
            if (st != DRAMATIS_OK)
                goto fail;
            cur = book_builder_current(&p->builder);
            cur_from_heading = 0;
            pending_break = 0;
            break;
        case BLOCK_NOTES:
            /* After the last chapter a long "note" is more likely story. */
            if (last_boundary != SIZE_MAX && i > last_boundary && text_after[i] > NOTES_MAX)
                break;
            if (last_boundary == SIZE_MAX && text_after[i] > NOTES_MAX)
                break;
            skip_notes = 1;
            break;
        case BLOCK_GROUP:
            label = block_heading_title(p->t, u);
            st = label ? matter_groups_enter(&groups, label) : DRAMATIS_ERR_NOMEM;
            free(label);
            if (st != DRAMATIS_OK)
                goto fail;
            skip_notes = 0;
            pending_break = 0;
            break;
        case BLOCK_LEFTOVER:
            break;
        case BLOCK_BREAK:
            if (!skip_notes && cur && cur->n_paragraphs > 0)
                pending_break = 1;
            break;
        case BLOCK_TEXT:
            if (skip_notes)
                break;
            if (cur == NULL) {   /* prose before any heading */
                st = add_chapter(p, strdup(p->book->title), p->title_start, p->title_end);
                if (st != DRAMATIS_OK)
                    goto fail;
                cur = book_builder_current(&p->builder);
                cur_from_heading = 0;
            }
            st = book_builder_paragraph(&p->builder, u->start, u->end, pending_break);
            if (st != DRAMATIS_OK)
                goto fail;
            pending_break = 0;
            break;
        }
    }
fail:
    matter_groups_cleanup(&groups);
    free(text_after);
    return st;
}

dramatis_status import_text_parse(const char *path, const char *text, size_t size,
                                  struct dramatis_book **out, struct dramatis_error *err)
{
    struct parser p;
    size_t body = 0;
    dramatis_status st = DRAMATIS_OK;

    *out = NULL;
    memset(&p, 0, sizeof p);
    buf_init(&p.blocks_buf, ARRAY_MAX);
    if (text == NULL && size > 0)
        return error_set(err, DRAMATIS_ERR_ARG, path, 0, "no text");
    st = import_check_utf8(path, text, size, err);
    if (st != DRAMATIS_OK)
        return st;
    p.path = path;
    st = book_builder_init(&p.builder, path, text, size);
    if (st != DRAMATIS_OK)
        goto fail;
    p.book = p.builder.book;
    p.t = p.book->text;
    p.size = size;

    st = split_lines(&p);
    if (st == DRAMATIS_OK)
        st = front_skip_gutenberg(&p);
    if (st == DRAMATIS_OK)
        st = build_blocks(&p);
    if (st != DRAMATIS_OK)
        goto fail;
    if (p.first_line > 0)
        front_drop_credits(&p);
    if (p.n_blocks > 0 && p.blocks[0].kind == BLOCK_LEFTOVER &&
        (span_eq(p.t, p.blocks[0].start, p.blocks[0].end, "Actions") ||
         span_eq(p.t, p.blocks[0].start, p.blocks[0].end, "Work Header")))
        st = front_read_ao3_header(&p, &body);
    else
        st = front_read_plain_header(&p, &body);
    if (st == DRAMATIS_OK && p.book->title == NULL)
        st = front_title_from_path(&p);
    if (st == DRAMATIS_OK)
        st = front_mark_matter(&p, body);
    if (st == DRAMATIS_OK)
        st = assign_chapters(&p, body);
    if (st != DRAMATIS_OK)
        goto fail;
    *out = book_builder_finish(&p.builder);
    if ((*out)->n_chapters == 0) {
        dramatis_book_free(*out);
        *out = NULL;
        st = error_set(err, DRAMATIS_ERR_INPUT, path, 0, "empty book");
        goto fail_quiet;
    }
    free(p.lines);
    buf_cleanup(&p.blocks_buf);
    return DRAMATIS_OK;

fail:
    error_set(err, st, path, 0, NULL);
fail_quiet:
    free(p.lines);
    buf_cleanup(&p.blocks_buf);
    book_builder_cleanup(&p.builder);
    return st;
}
