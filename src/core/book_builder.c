/* The book builder: chapters and paragraphs appended in reading order. */
#include "book_builder.h"

#include <stdlib.h>
#include <string.h>

dramatis_status book_builder_init(struct book_builder *b, const char *path, const char *text,
                                  size_t size)
{
    struct dramatis_book *book;

    memset(b, 0, sizeof *b);
    if (text == NULL && size > 0)
        return DRAMATIS_ERR_ARG;
    book = calloc(1, sizeof *book);
    if (book == NULL)
        return DRAMATIS_ERR_NOMEM;
    book->path = strdup(path ? path : "");
    book->text = malloc(size + 1);
    if (book->path == NULL || book->text == NULL) {
        dramatis_book_free(book);
        return DRAMATIS_ERR_NOMEM;
    }
    if (size > 0)
        memcpy(book->text, text, size);
    book->text[size] = '\0';
    book->size = size;
    b->book = book;
    return DRAMATIS_OK;
}

dramatis_status book_builder_chapter(struct book_builder *b, const char *title, size_t title_start,
                                     size_t title_end)
{
    struct dramatis_book *book = b->book;
    struct chapter *ch;

    if (book->n_chapters == b->cap_chapters) {
        size_t cap = b->cap_chapters ? b->cap_chapters * 2 : 16;
        struct chapter *grown = realloc(book->chapters, cap * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        book->chapters = grown;
        b->cap_chapters = cap;
    }
    ch = &book->chapters[book->n_chapters];
    memset(ch, 0, sizeof *ch);
    ch->title = strdup(title ? title : "");
    if (ch->title == NULL)
        return DRAMATIS_ERR_NOMEM;
    ch->title_start = title_start;
    ch->title_end = title_end;
    book->n_chapters++;
    b->cap_paragraphs = 0;
    return DRAMATIS_OK;
}

struct chapter *book_builder_current(struct book_builder *b)
{
    if (b->book == NULL || b->book->n_chapters == 0)
        return NULL;
    return &b->book->chapters[b->book->n_chapters - 1];
}

dramatis_status book_builder_paragraph(struct book_builder *b, size_t start, size_t end,
                                       int scene_break_before)
{
    struct chapter *ch = book_builder_current(b);
    struct paragraph *para;

    if (ch == NULL || start > end || end > b->book->size)
        return DRAMATIS_ERR_ARG;
    if (ch->n_paragraphs == b->cap_paragraphs) {
        size_t cap = b->cap_paragraphs ? b->cap_paragraphs * 2 : 16;
        struct paragraph *grown = realloc(ch->paragraphs, cap * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        ch->paragraphs = grown;
        b->cap_paragraphs = cap;
    }
    para = &ch->paragraphs[ch->n_paragraphs++];
    memset(para, 0, sizeof *para);
    para->start = start;
    para->end = end;
    para->scene_break_before = scene_break_before;
    return DRAMATIS_OK;
}

struct dramatis_book *book_builder_finish(struct book_builder *b)
{
    struct dramatis_book *book = b->book;
    size_t i, kept = 0;

    if (book == NULL)
        return NULL;
    for (i = 0; i < book->n_chapters; i++) {
        if (book->chapters[i].n_paragraphs == 0) {
            free(book->chapters[i].title);
            free(book->chapters[i].paragraphs);
            continue;
        }
        book->chapters[kept++] = book->chapters[i];
    }
    book->n_chapters = kept;
    b->book = NULL;
    return book;
}

void book_builder_cleanup(struct book_builder *b)
{
    dramatis_book_free(b->book);
    memset(b, 0, sizeof *b);
}
