/* Tests of the WebVTT writer: cues, voices, chapter notes, escaping, and
 * lines that make no sound. */
#include "check.h"
#include "subtitles.h"

#include <stdlib.h>
#include <string.h>

int main(void)
{
    struct dramatis_book book;
    struct chapter ch[2];
    struct character cast[1];
    struct segment said, told, silent;
    struct render_line lines[6];
    struct buf out;

    memset(&book, 0, sizeof book);
    memset(ch, 0, sizeof ch);
    memset(cast, 0, sizeof cast);
    memset(lines, 0, sizeof lines);
    memset(&said, 0, sizeof said);
    memset(&told, 0, sizeof told);
    memset(&silent, 0, sizeof silent);
    ch[0].title = "One --> Two";
    ch[1].title = "Three";
    cast[0].name = "Rosa <R&D>";
    book.chapters = ch;
    book.n_chapters = 2;
    book.characters = cast;
    book.n_characters = 1;
    book.announcement = "A & B, by C";
    said.kind = SEGMENT_DIALOGUE;
    said.speaker = 0;
    said.text = "x < y -- and 5 > 3";
    told.kind = SEGMENT_NARRATION;
    told.speaker = -1;
    told.text = "she said.";
    silent.text = "[Illustration]";
    lines[0] = (struct render_line){ 0, RENDER_LINE_ANNOUNCEMENT, NULL, 0.0, 1.5 };
    lines[1] = (struct render_line){ 0, RENDER_LINE_TITLE, NULL, 3.5, 1.25 };
    lines[2] = (struct render_line){ 0, RENDER_LINE_SEGMENT, &said, 6.0, 2.0004 };
    lines[3] = (struct render_line){ 0, RENDER_LINE_SEGMENT, &silent, 9.0, 0.0 };
    lines[4] = (struct render_line){ 1, RENDER_LINE_TITLE, NULL, 3725.5, 1.0 };
    lines[5] = (struct render_line){ 1, RENDER_LINE_SEGMENT, &told, 3728.0, 0.75 };
    buf_init(&out, 1 << 20);
    CHECK(subtitles_write_vtt(&book, "Tales\nof -->", lines, 6, &out) == DRAMATIS_OK);
    CHECK_STR(out.data,
              "WEBVTT - Tales of --\n"
              "\nNOTE One -- Two\n"
              "\n1\n00:00:00.000 --> 00:00:01.500\n<v Narrator>A &amp; B, by C</v>\n"
              "\n2\n00:00:03.500 --> 00:00:04.750\n<v Narrator>One --&gt; Two</v>\n"
              "\n3\n00:00:06.000 --> 00:00:08.000\n"
              "<v Rosa &lt;R&amp;D&gt;>x &lt; y -- and 5 &gt; 3</v>\n"
              "\nNOTE Three\n"
              "\n4\n01:02:05.500 --> 01:02:06.500\n<v Narrator>Three</v>\n"
              "\n5\n01:02:08.000 --> 01:02:08.750\n<v Narrator>she said.</v>\n");
    buf_cleanup(&out);
    /* the render's sidecar writes it as .vtt */
    CHECK_STR(subtitles_vtt.extension, "vtt");
    CHECK(subtitles_vtt.write == subtitles_write_vtt);
    return CHECK_DONE();
}
