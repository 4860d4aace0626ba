/* Subtitles: WebVTT (W3C, "WebVTT: The Web Video Text Tracks Format")
 * from the line timings of a render, one cue per spoken line with the
 * speaker as its voice. */
#include "subtitles.h"

#include "buf.h"

#include <math.h>
#include <string.h>

const struct render_sidecar subtitles_vtt = { "vtt", subtitles_write_vtt };

/* Appends s with the three characters a cue's text and a voice name may
 * not hold as they are ("&", "<", ">": so "-->" cannot end up there
 * either); a line break becomes a space. */
static dramatis_status escaped(struct buf *b, const char *s)
{
    dramatis_status st = DRAMATIS_OK;

    for (; st == DRAMATIS_OK && *s; s++) {
        if (*s == '&')
            st = buf_adds(b, "&amp;");
        else if (*s == '<')
            st = buf_adds(b, "&lt;");
        else if (*s == '>')
            st = buf_adds(b, "&gt;");
        else if (*s == '\n' || *s == '\r')
            st = buf_adds(b, " ");
        else
            st = buf_add(b, s, 1);
    }
    return st;
}

/* A NOTE or the header's text: no "-->", no line break. */
static dramatis_status note_text(struct buf *b, const char *s)
{
    dramatis_status st = DRAMATIS_OK;

    for (; st == DRAMATIS_OK && *s; s++) {
        if (*s == '\n' || *s == '\r') {
            st = buf_adds(b, " ");
        } else if (strncmp(s, "-->", 3) == 0) {
            st = buf_adds(b, "--");
            s += 2;   /* the '>' goes */
        } else {
            st = buf_add(b, s, 1);
        }
    }
    return st;
}

/* hh:mm:ss.ttt */
static dramatis_status timestamp(struct buf *b, long long ms)
{
    if (ms < 0)
        ms = 0;
    return buf_printf(b, "%02lld:%02lld:%02lld.%03lld", ms / 3600000, ms / 60000 % 60,
                      ms / 1000 % 60, ms % 1000);
}

dramatis_status subtitles_write_vtt(const struct dramatis_book *book, const char *title,
                                    const struct render_line *lines, size_t n, struct buf *b)
{
    size_t i, cue = 0, chapter = (size_t)-1;
    dramatis_status st;

    st = buf_adds(b, "WEBVTT");
    if (st == DRAMATIS_OK && title && title[0]) {
        st = buf_adds(b, " - ");
        if (st == DRAMATIS_OK)
            st = note_text(b, title);
    }
    if (st == DRAMATIS_OK)
        st = buf_adds(b, "\n");
    for (i = 0; st == DRAMATIS_OK && i < n; i++) {
        const struct render_line *l = &lines[i];
        const char *speaker = l->seg ? book_speaker_name(book, l->seg) : NULL;
        long long start = llround(l->start * 1000.0), end = llround((l->start + l->duration) * 1000.0);

        if (end <= start)
            continue;   /* nothing was heard */
        if (l->chapter != chapter) {
            chapter = l->chapter;
            st = buf_adds(b, "\nNOTE ");
            if (st == DRAMATIS_OK)
                st = note_text(b, book->chapters[chapter].title);
            if (st == DRAMATIS_OK)
                st = buf_adds(b, "\n");
        }
        if (st == DRAMATIS_OK)
            st = buf_printf(b, "\n%zu\n", ++cue);
        if (st == DRAMATIS_OK)
            st = timestamp(b, start);
        if (st == DRAMATIS_OK)
            st = buf_adds(b, " --> ");
        if (st == DRAMATIS_OK)
            st = timestamp(b, end);
        if (st == DRAMATIS_OK)
            st = buf_adds(b, "\n<v ");
        if (st == DRAMATIS_OK)
            st = escaped(b, speaker ? speaker : "Narrator");
        if (st == DRAMATIS_OK)
            st = buf_adds(b, ">");
        if (st == DRAMATIS_OK)
            st = escaped(b, render_line_text(book, l->kind, l->chapter, l->seg));
        if (st == DRAMATIS_OK)
            st = buf_adds(b, "</v>\n");
    }
    return st;
}
