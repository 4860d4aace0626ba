/* The render plan: the book cut into units, and each unit as the lines the
 * walk speaks, with the book's pause layout between them. */
#include "render.h"

#include "reading.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

dramatis_status render_plan(const struct dramatis_book *book, size_t unit_bytes,
                            struct render_unit **out, size_t *n_out)
{
    struct render_unit *units = NULL;
    size_t n = 0, cap = 0, c, p;

    *out = NULL;
    *n_out = 0;
    for (c = 0; c < book->n_chapters; c++) {
        const struct chapter *ch = &book->chapters[c];
        size_t total = 0, done = 0;

        for (p = 0; p < ch->n_paragraphs; p++)
            total += ch->paragraphs[p].end - ch->paragraphs[p].start;
        p = 0;
        do {
            struct render_unit *u;
            size_t bytes = 0, p0 = p;

            if (n == cap) {
                size_t ncap = cap ? cap * 2 : 64;
                struct render_unit *grown = realloc(units, ncap * sizeof *grown);
                if (grown == NULL) {
                    free(units);
                    return DRAMATIS_ERR_NOMEM;
                }
                units = grown;
                cap = ncap;
            }
            /* take paragraphs up to the unit size, but leave no short tail */
            while (p < ch->n_paragraphs) {
                size_t b = ch->paragraphs[p].end - ch->paragraphs[p].start;
                if (bytes > 0 && bytes + b > unit_bytes && total - done - bytes > unit_bytes / 2)
                    break;
                bytes += b;
                p++;
            }
            done += bytes;
            u = &units[n++];
            u->chapter = c;
            u->p0 = p0;
            u->p1 = p;
            u->first = p0 == 0;
            u->last = p == ch->n_paragraphs;
            u->bytes = bytes + strlen(ch->title);
        } while (p < ch->n_paragraphs);
    }
    *out = units;
    *n_out = n;
    return DRAMATIS_OK;
}

void render_unit_lines_cleanup(struct unit_lines *ul)
{
    free(ul->lines);
    free(ul->segs);
    free(ul->kinds);
    memset(ul, 0, sizeof *ul);
}

/* Appends a line; the arrays were sized for the unit beforehand. */
static void add_line(struct unit_lines *ul, long pause_ms, const char *text,
                     const struct voice *voice, const struct segment *seg,
                     enum render_line_kind kind)
{
    ul->lines[ul->n].pause_ms = pause_ms;
    ul->lines[ul->n].text = text;
    ul->lines[ul->n].voice = voice;
    ul->segs[ul->n] = seg;
    ul->kinds[ul->n] = kind;
    ul->n++;
}

const char *render_line_text(const struct dramatis_book *book, enum render_line_kind kind,
                             size_t chapter, const struct segment *seg)
{
    if (kind == RENDER_LINE_ANNOUNCEMENT)
        return book->announcement ? book->announcement : "";
    return seg ? seg->text : book->chapters[chapter].title;
}

const char *render_line_spoken(const struct dramatis_book *book, enum render_line_kind kind,
                               size_t chapter, const struct segment *seg)
{
    const char *spoken;

    if (kind == RENDER_LINE_ANNOUNCEMENT)
        spoken = book->spoken_announcement;
    else
        spoken = seg ? seg->spoken : book->chapters[chapter].spoken_title;
    return spoken ? spoken : render_line_text(book, kind, chapter, seg);
}

int render_reads_title(const struct dramatis_book *book, size_t chapter)
{
    return !(chapter == 0 && book_announces(book) && book->title &&
             strcasecmp(book->chapters[0].title, book->title) == 0);
}

/* The pause layout, from the book's pause table (reading.h): the book
 * opens with its announcement and BOOK_PAUSE_ANNOUNCEMENT, a title is
 * followed by BOOK_PAUSE_TITLE, paragraphs are separated by
 * BOOK_PAUSE_PARAGRAPH (BOOK_PAUSE_SCENE_BREAK at a scene break), the
 * parts of a paragraph by BOOK_PAUSE_SPEECH_TAG, and a chapter ends with
 * BOOK_PAUSE_CHAPTER_END of silence. */
dramatis_status render_unit_lines(const struct dramatis_book *book, const struct render_unit *unit,
                                  struct unit_lines *out)
{
    const struct chapter *ch = &book->chapters[unit->chapter];
    size_t max = 3, p, s;
    long pause = 0;

    memset(out, 0, sizeof *out);
    for (p = unit->p0; p < unit->p1; p++)
        max += ch->paragraphs[p].n_segments;
    out->lines = calloc(max, sizeof *out->lines);
    out->segs = calloc(max, sizeof *out->segs);
    out->kinds = calloc(max, sizeof *out->kinds);
    if (out->lines == NULL || out->segs == NULL || out->kinds == NULL) {
        render_unit_lines_cleanup(out);
        return DRAMATIS_ERR_NOMEM;
    }
    if (unit->first && unit->chapter == 0 && book_announces(book)) {
        add_line(out, 0, render_line_spoken(book, RENDER_LINE_ANNOUNCEMENT, 0, NULL),
                 &book->narrator, NULL, RENDER_LINE_ANNOUNCEMENT);
        pause = book_pause_ms(book, BOOK_PAUSE_ANNOUNCEMENT);
    }
    if (unit->first && render_reads_title(book, unit->chapter)) {
        add_line(out, pause, render_line_spoken(book, RENDER_LINE_TITLE, unit->chapter, NULL),
                 &book->narrator, NULL, RENDER_LINE_TITLE);
        pause = book_pause_ms(book, BOOK_PAUSE_TITLE);
    }
    for (p = unit->p0; p < unit->p1; p++) {
        const struct paragraph *para = &ch->paragraphs[p];
        if (p > 0)
            pause += book_pause_ms(book, para->scene_break_before ? BOOK_PAUSE_SCENE_BREAK
                                                                  : BOOK_PAUSE_PARAGRAPH);
        for (s = 0; s < para->n_segments; s++) {
            const struct segment *seg = &para->segments[s];
            if (s > 0)
                pause += book_pause_ms(book, BOOK_PAUSE_SPEECH_TAG);
            add_line(out, pause, render_line_spoken(book, RENDER_LINE_SEGMENT, unit->chapter, seg),
                     book_segment_voice(book, seg), seg, RENDER_LINE_SEGMENT);
            pause = 0;
        }
    }
    if (unit->last)
        pause += book_pause_ms(book, BOOK_PAUSE_CHAPTER_END);
    if (pause > 0)
        add_line(out, pause, NULL, NULL, NULL, RENDER_LINE_SEGMENT);
    return DRAMATIS_OK;
}
