/* How a book is read aloud beyond its words: the pause table (names and
 * defaults) and the announcement. */
#include "reading.h"

#include "buf.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* The pauses by name, with their defaults.  Each is the whole silence
 * between two lines: the walk cuts espeak-ng's own padding (about 0.3 s
 * after every line), so the old 0.25 s between a quote and its tag, heard
 * as 0.55 s, is now 0.3 s, and a paragraph's 0.6 s (heard 0.9 s) is 0.9 s.
 * A dash inside a line was 0.12 s in espeak-ng (less than its comma's
 * 0.16 s); an ellipsis 0.24 s. */
static const struct {
    const char *name;
    long ms;
} pause_table[BOOK_PAUSE_COUNT] = {
    [BOOK_PAUSE_SPEECH_TAG] = { "speech_tag", 300 },
    [BOOK_PAUSE_PARAGRAPH] = { "paragraph", 900 },
    [BOOK_PAUSE_SCENE_BREAK] = { "scene_break", 2000 },
    [BOOK_PAUSE_TITLE] = { "title", 1500 },
    [BOOK_PAUSE_CHAPTER_END] = { "chapter_end", 2500 },
    [BOOK_PAUSE_ANNOUNCEMENT] = { "announcement", 2000 },
    [BOOK_PAUSE_DASH] = { "dash", 300 },
    [BOOK_PAUSE_ELLIPSIS] = { "ellipsis", 450 },
};

const char *book_pause_name(enum book_pause p)
{
    return (unsigned)p < BOOK_PAUSE_COUNT ? pause_table[p].name : NULL;
}

int book_pause_find(const char *name)
{
    int p;

    for (p = 0; name && p < BOOK_PAUSE_COUNT; p++)
        if (strcmp(name, pause_table[p].name) == 0)
            return p;
    return -1;
}

long book_pause_default(enum book_pause p)
{
    return (unsigned)p < BOOK_PAUSE_COUNT ? pause_table[p].ms : 0;
}

long book_pause_ms(const struct dramatis_book *book, enum book_pause p)
{
    if ((unsigned)p >= BOOK_PAUSE_COUNT)
        return 0;
    if (book && (book->pauses.set & (1u << p)))
        return book->pauses.ms[p];
    return pause_table[p].ms;
}

/* Length of s without trailing spaces (leading ones are never there:
 * titles and authors come trimmed). */
static size_t trimmed_len(const char *s)
{
    size_t start = 0, end = strlen(s);

    text_trim(s, &start, &end);
    return end;
}

dramatis_status book_announce(struct dramatis_book *book)
{
    struct buf b;
    size_t tn, an;
    dramatis_status st;
    char last;

    free(book->announcement);
    free(book->spoken_announcement);
    book->announcement = book->spoken_announcement = NULL;
    tn = book->title ? trimmed_len(book->title) : 0;
    if (tn == 0)
        return DRAMATIS_OK;
    an = book->author ? trimmed_len(book->author) : 0;
    buf_init(&b, (size_t)1 << 16);
    st = buf_add(&b, book->title, tn);
    /* "Who Stole It? By Ann Lee", "Emma, by Jane Austen" */
    last = book->title[tn - 1];
    if (st == DRAMATIS_OK && an > 0)
        st = buf_adds(&b, last == '.' || last == '?' || last == '!' ? " By " : ", by ");
    if (st == DRAMATIS_OK && an > 0)
        st = buf_add(&b, book->author, an);
    if (st != DRAMATIS_OK) {
        buf_cleanup(&b);
        return st;
    }
    book->announcement = buf_take(&b);
    return book->announcement ? DRAMATIS_OK : DRAMATIS_ERR_NOMEM;
}

int book_announces(const struct dramatis_book *book)
{
    return book->announcement != NULL && !book->no_announce;
}

void dramatis_book_set_announce(struct dramatis_book *book, int announce)
{
    if (book)
        book->no_announce = !announce;
}
