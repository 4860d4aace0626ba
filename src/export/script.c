/* The script: the cast book in reading order, as JSON lines or a screenplay. */
#include "book.h"
#include "buf.h"
#include "error.h"
#include "quote_key.h"
#include "reading.h"
#include "render.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends s as a JSON string literal (RFC 8259 escapes). */
static dramatis_status json_string(struct buf *b, const char *s)
{
    dramatis_status st = buf_adds(b, "\"");

    for (; st == DRAMATIS_OK && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            st = buf_printf(b, "\\%c", ch);
        else if (ch == '\n')
            st = buf_adds(b, "\\n");
        else if (ch == '\t')
            st = buf_adds(b, "\\t");
        else if (ch < 0x20)
            st = buf_printf(b, "\\u%04x", ch);
        else
            st = buf_add(b, s, 1);
    }
    return st == DRAMATIS_OK ? buf_adds(b, "\"") : st;
}

/* Everything one script line needs, whether or not audio timing is known. */
struct script_line {
    size_t chapter;
    enum render_line_kind kind;
    const struct segment *seg;   /* NULL: the heading or the announcement */
    int timed;
    double start, duration;      /* seconds */
};

static const char *kind_name(const struct script_line *l)
{
    if (l->kind == RENDER_LINE_ANNOUNCEMENT)
        return "announcement";
    if (l->seg == NULL)
        return "heading";
    return l->seg->kind == SEGMENT_DIALOGUE ? "dialogue" : "narration";
}

struct script_out {
    const struct dramatis_book *book;
    FILE *out;
    dramatis_script_format format;
    dramatis_src src;
    struct buf line;
    /* override keys of the chapter being written, segment by segment */
    size_t keys_chapter;
    char **keys;
    size_t n_keys;
    /* where the last key was found: lines come in reading order, so the
     * search goes on from there (paragraph, segment, index in keys) */
    size_t at_p, at_s, at_i;
};

/* The override key of l's segment (NULL for narration and headings); the
 * keys are made once per chapter. */
static dramatis_status line_key(struct script_out *so, const struct script_line *l,
                                const char **key)
{
    const struct chapter *ch = &so->book->chapters[l->chapter];
    size_t p, s, i, round;
    dramatis_status st;

    *key = NULL;
    if (l->seg == NULL || l->seg->kind != SEGMENT_DIALOGUE)
        return DRAMATIS_OK;
    if (so->keys == NULL || so->keys_chapter != l->chapter) {
        book_quote_keys_free(so->keys, so->n_keys);
        so->keys = NULL;
        st = book_quote_keys(so->book, l->chapter, &so->keys, &so->n_keys);
        if (st != DRAMATIS_OK)
            return st;
        so->keys_chapter = l->chapter;
        so->at_p = so->at_s = so->at_i = 0;
    }
    /* from the last find on, then (should lines ever come out of order)
     * once more from the chapter's start */
    for (round = 0; round < 2; round++) {
        p = round ? 0 : so->at_p;
        s = round ? 0 : so->at_s;
        i = round ? 0 : so->at_i;
        for (; p < ch->n_paragraphs; p++, s = 0) {
            for (; s < ch->paragraphs[p].n_segments; s++, i++) {
                if (&ch->paragraphs[p].segments[s] == l->seg) {
                    *key = i < so->n_keys ? so->keys[i] : NULL;
                    so->at_p = p;
                    so->at_s = s;
                    so->at_i = i;
                    return DRAMATIS_OK;
                }
            }
        }
    }
    return DRAMATIS_OK;
}

static dramatis_status jsonl_line(struct script_out *so, const struct script_line *l)
{
    const struct dramatis_book *book = so->book;
    const struct chapter *ch = &book->chapters[l->chapter];
    const struct segment *seg = l->seg;
    const char *speaker = seg ? book_speaker_name(book, seg) : NULL;
    const struct voice *voice = seg ? book_segment_voice(book, seg) : &book->narrator;
    struct buf *b = &so->line;
    size_t start = seg ? seg->start : ch->title_start, end = seg ? seg->end : ch->title_end;
    const char *doc = NULL;
    dramatis_status st;

    /* the announcement is made of the title and author, not of the text */
    if (l->kind == RENDER_LINE_ANNOUNCEMENT)
        start = end = 0;

    st = buf_printf(b, "{\"chapter\":%zu,\"kind\":\"%s\",\"speaker\":", l->chapter + 1,
                    kind_name(l));
    if (st == DRAMATIS_OK)
        st = speaker ? json_string(b, speaker) : buf_adds(b, "null");
    if (st == DRAMATIS_OK)
        st = buf_adds(b, ",\"voice\":");
    if (st == DRAMATIS_OK)
        st = json_string(b, voice->name);
    /* extracted text: the document and its bytes the words come from */
    if (st == DRAMATIS_OK && so->src == DRAMATIS_SRC_DOCUMENT && end > start)
        doc = source_span(book, start, end, &start, &end);
    if (st == DRAMATIS_OK && doc) {
        st = buf_adds(b, ",\"doc\":");
        if (st == DRAMATIS_OK)
            st = json_string(b, doc);
    }
    if (st == DRAMATIS_OK)
        st = buf_printf(b, ",\"src\":[%zu,%zu],\"text\":", start, end);
    if (st == DRAMATIS_OK)
        st = json_string(b, render_line_text(book, l->kind, l->chapter, seg));
    if (st == DRAMATIS_OK)
        st = buf_adds(b, ",\"spoken\":");
    if (st == DRAMATIS_OK)
        st = json_string(b, render_line_spoken(book, l->kind, l->chapter, seg));
    if (st == DRAMATIS_OK && seg && seg->kind == SEGMENT_DIALOGUE)
        st = buf_printf(b, ",\"rule\":\"%s\",\"confidence\":%.2f",
                        seg->rule ? seg->rule : "none", seg->confidence);
    if (st == DRAMATIS_OK && seg && seg->kind == SEGMENT_DIALOGUE) {
        const char *key;
        st = line_key(so, l, &key);
        if (st == DRAMATIS_OK && key) {
            st = buf_adds(b, ",\"key\":");
            if (st == DRAMATIS_OK)
                st = json_string(b, key);
        }
    }
    if (st == DRAMATIS_OK && l->timed)
        st = buf_printf(b, ",\"start\":%.3f,\"duration\":%.3f", l->start, l->duration);
    if (st == DRAMATIS_OK)
        st = buf_adds(b, "}\n");
    return st;
}

static dramatis_status text_line(struct script_out *so, const struct script_line *l)
{
    const struct dramatis_book *book = so->book;
    const struct segment *seg = l->seg;
    struct buf *b = &so->line;
    dramatis_status st = DRAMATIS_OK;

    if (l->timed)
        st = buf_printf(b, "%9.3f  ", l->start);
    if (st != DRAMATIS_OK)
        return st;
    if (l->kind == RENDER_LINE_ANNOUNCEMENT)
        return buf_printf(b, "%s\n", book->announcement);
    if (seg == NULL)
        return buf_printf(b, "%s== %s ==\n\n", l->chapter || book_announces(book) ? "\n" : "",
                          book->chapters[l->chapter].title);
    if (seg->kind == SEGMENT_DIALOGUE) {
        const char *speaker = book_speaker_name(book, seg), *key;
        /* an override may give a quote to the narrator on purpose */
        if (speaker == NULL && seg->rule && strcmp(seg->rule, "override") == 0)
            speaker = "narrator";
        st = line_key(so, l, &key);
        if (st != DRAMATIS_OK)
            return st;
        return buf_printf(b, "    [%s] \"%s\"   (%s %.2f)%s%s\n", speaker ? speaker : "?",
                          seg->text, seg->rule ? seg->rule : "none", seg->confidence,
                          key ? "  key: " : "", key ? key : "");
    }
    return buf_printf(b, "%s\n", seg->text);
}

static dramatis_status emit_line(struct script_out *so, const struct script_line *l)
{
    dramatis_status st;

    buf_reset(&so->line);
    st = so->format == DRAMATIS_SCRIPT_JSONL ? jsonl_line(so, l) : text_line(so, l);
    if (st != DRAMATIS_OK)
        return st;
    if (fwrite(so->line.data, 1, so->line.len, so->out) != so->line.len)
        return DRAMATIS_ERR_IO;
    return DRAMATIS_OK;
}

/* With timing, the render's own plan and workers say where each line falls. */
static dramatis_status write_timed(struct script_out *so, struct dramatis_error *err)
{
    struct render_line *lines = NULL;
    struct script_line l;
    size_t n = 0, i;
    dramatis_status st;

    st = render_timeline(so->book, NULL, &lines, &n, err);
    for (i = 0; st == DRAMATIS_OK && i < n; i++) {
        l.chapter = lines[i].chapter;
        l.kind = lines[i].kind;
        l.seg = lines[i].seg;
        l.timed = 1;
        l.start = lines[i].start;
        l.duration = lines[i].duration;
        st = emit_line(so, &l);
    }
    free(lines);
    return st;
}

static dramatis_status write_untimed(struct script_out *so)
{
    const struct dramatis_book *book = so->book;
    struct script_line l;
    dramatis_status st = DRAMATIS_OK;
    size_t c, p, s;

    memset(&l, 0, sizeof l);
    if (book_announces(book) && book->n_chapters > 0) {
        l.kind = RENDER_LINE_ANNOUNCEMENT;
        st = emit_line(so, &l);
    }
    for (c = 0; st == DRAMATIS_OK && c < book->n_chapters; c++) {
        const struct chapter *ch = &book->chapters[c];
        l.chapter = c;
        l.kind = RENDER_LINE_TITLE;
        l.seg = NULL;
        /* as the render reads it: a title the announcement said is not repeated */
        if (render_reads_title(book, c))
            st = emit_line(so, &l);
        l.kind = RENDER_LINE_SEGMENT;
        for (p = 0; st == DRAMATIS_OK && p < ch->n_paragraphs; p++) {
            for (s = 0; st == DRAMATIS_OK && s < ch->paragraphs[p].n_segments; s++) {
                l.seg = &ch->paragraphs[p].segments[s];
                st = emit_line(so, &l);
            }
            if (st == DRAMATIS_OK && so->format == DRAMATIS_SCRIPT_TEXT &&
                fputc('\n', so->out) == EOF)
                st = DRAMATIS_ERR_IO;
        }
    }
    return st;
}

dramatis_status dramatis_script_write(const struct dramatis_book *book, FILE *out,
                                      dramatis_script_format format, int timing,
                                      struct dramatis_error *err)
{
    return dramatis_script_write_src(book, out, format, timing, DRAMATIS_SRC_DOCUMENT, err);
}

dramatis_status dramatis_script_write_src(const struct dramatis_book *book, FILE *out,
                                          dramatis_script_format format, int timing,
                                          dramatis_src src, struct dramatis_error *err)
{
    struct script_out so;
    dramatis_status st;

    so.book = book;
    so.out = out;
    so.format = format;
    so.src = src;
    so.keys = NULL;
    so.n_keys = so.keys_chapter = 0;
    so.at_p = so.at_s = so.at_i = 0;
    buf_init(&so.line, 16u << 20);
    st = timing ? write_timed(&so, err) : write_untimed(&so);
    buf_cleanup(&so.line);
    book_quote_keys_free(so.keys, so.n_keys);
    if (st == DRAMATIS_OK && fflush(out) != 0)
        st = DRAMATIS_ERR_IO;
    if (st != DRAMATIS_OK && err && err->code == DRAMATIS_OK)
        error_set(err, st, NULL, 0, st == DRAMATIS_ERR_IO ? "cannot write the script" : NULL);
    return st;
}
