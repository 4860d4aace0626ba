/* The book data model: freeing it, its cast, and the public accessors. */
#include "book.h"

#include "buf.h"
#include "error.h"
#include "source.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void paragraph_cleanup(struct paragraph *p)
{
    size_t i;

    for (i = 0; i < p->n_segments; i++) {
        free(p->segments[i].text);
        free(p->segments[i].spoken);
    }
    free(p->segments);
}

void book_characters_clear(struct dramatis_book *book)
{
    size_t i, j;

    for (i = 0; i < book->n_characters; i++) {
        struct character *c = &book->characters[i];
        for (j = 0; j < c->n_aliases; j++)
            free(c->aliases[j]);
        free(c->aliases);
        free(c->name);
    }
    free(book->characters);
    book->characters = NULL;
    book->n_characters = 0;
}

void book_pronunciations_clear(struct dramatis_book *book)
{
    size_t i;

    for (i = 0; i < book->n_pronunciations; i++) {
        free(book->pronunciations[i].word);
        free(book->pronunciations[i].spoken);
        free(book->pronunciations[i].origin);
        free(book->pronunciations[i].hint);
    }
    free(book->pronunciations);
    book->pronunciations = NULL;
    book->n_pronunciations = 0;
}

void dramatis_book_free(struct dramatis_book *book)
{
    size_t i, j;

    if (book == NULL)
        return;
    for (i = 0; i < book->n_chapters; i++) {
        struct chapter *ch = &book->chapters[i];
        for (j = 0; j < ch->n_paragraphs; j++)
            paragraph_cleanup(&ch->paragraphs[j]);
        free(ch->paragraphs);
        free(ch->title);
        free(ch->spoken_title);
    }
    free(book->chapters);
    book_characters_clear(book);
    book_pronunciations_clear(book);
    for (i = 0; i < book->n_warnings; i++)
        free(book->warnings[i]);
    free(book->warnings);
    free(book->path);
    free(book->text);
    free(book->title);
    free(book->author);
    free(book->announcement);
    free(book->spoken_announcement);
    book_meta_cleanup(&book->meta);
    source_free(book->source);
    free(book);
}

const char *dramatis_book_text(const struct dramatis_book *book, size_t *size)
{
    *size = book->size;
    return book->text;
}

void book_meta_cleanup(struct book_meta *meta)
{
    free(meta->language);
    free(meta->description);
    free(meta->date);
    free(meta->publisher);
    free(meta->series);
    free(meta->series_index);
    free(meta->genre);
    free(meta->narrator);
    free(meta->comment);
    free(meta->cover);
    free(meta->cover_mime);
    memset(meta, 0, sizeof *meta);
}

const char *dramatis_book_title(const struct dramatis_book *book)
{
    return book->title;
}

dramatis_status book_character_add(struct dramatis_book *book, const char *name,
                                   const char *const *aliases, size_t n_aliases,
                                   dramatis_gender gender, size_t *index)
{
    struct character *grown, *c;
    size_t i;

    grown = realloc(book->characters, (book->n_characters + 1) * sizeof *grown);
    if (grown == NULL)
        return DRAMATIS_ERR_NOMEM;
    book->characters = grown;
    c = &book->characters[book->n_characters];
    memset(c, 0, sizeof *c);
    c->gender = gender;
    c->name = strdup(name);
    if (c->name == NULL)
        return DRAMATIS_ERR_NOMEM;
    book->n_characters++;   /* counted now so clear() frees partial entries */
    if (n_aliases) {
        c->aliases = calloc(n_aliases, sizeof *c->aliases);
        if (c->aliases == NULL)
            return DRAMATIS_ERR_NOMEM;
        for (i = 0; i < n_aliases; i++) {
            c->aliases[i] = strdup(aliases[i]);
            if (c->aliases[i] == NULL)
                return DRAMATIS_ERR_NOMEM;
            c->n_aliases++;
        }
    }
    if (index)
        *index = book->n_characters - 1;
    return DRAMATIS_OK;
}

dramatis_status book_character_alias(struct dramatis_book *book, size_t c, const char *alias)
{
    struct character *ch = &book->characters[c];
    char **grown, *copy;
    size_t i;

    for (i = 0; i < ch->n_aliases; i++) {
        if (strcmp(ch->aliases[i], alias) == 0)
            return DRAMATIS_OK;
    }
    copy = strdup(alias);
    grown = copy ? realloc(ch->aliases, (ch->n_aliases + 1) * sizeof *grown) : NULL;
    if (grown == NULL) {
        free(copy);
        return DRAMATIS_ERR_NOMEM;
    }
    ch->aliases = grown;
    ch->aliases[ch->n_aliases++] = copy;
    return DRAMATIS_OK;
}

const char *book_speaker_name(const struct dramatis_book *book, const struct segment *seg)
{
    if (seg->kind != SEGMENT_DIALOGUE || seg->speaker < 0 ||
        (size_t)seg->speaker >= book->n_characters)
        return NULL;
    return book->characters[seg->speaker].name;
}

const struct voice *book_segment_voice(const struct dramatis_book *book,
                                       const struct segment *seg)
{
    if (seg->kind != SEGMENT_DIALOGUE || seg->speaker < 0 ||
        (size_t)seg->speaker >= book->n_characters)
        return &book->narrator;
    return &book->characters[seg->speaker].voice;
}

dramatis_status book_warn(struct dramatis_book *book, const char *fmt, ...)
{
    char message[1024], **grown;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    grown = realloc(book->warnings, (book->n_warnings + 1) * sizeof *grown);
    if (grown == NULL)
        return DRAMATIS_ERR_NOMEM;
    book->warnings = grown;
    grown[book->n_warnings] = strdup(message);
    if (grown[book->n_warnings] == NULL)
        return DRAMATIS_ERR_NOMEM;
    book->n_warnings++;
    return DRAMATIS_OK;
}

size_t dramatis_book_warning_count(const struct dramatis_book *book)
{
    return book ? book->n_warnings : 0;
}

const char *dramatis_book_warning(const struct dramatis_book *book, size_t i)
{
    if (book == NULL || i >= book->n_warnings)
        return NULL;
    return book->warnings[i];
}

/* Compares two names ignoring case (Unicode folding: "TENZŌ" is "Tenzō"). */
static int same_name(const char *a, const char *b)
{
    char *fa = utf8_fold(a, strlen(a)), *fb = utf8_fold(b, strlen(b));
    int same = fa && fb && strcmp(fa, fb) == 0;

    free(fa);
    free(fb);
    return same;
}

int book_find_speaker(const struct dramatis_book *book, const char *name)
{
    size_t i, j;

    if (same_name(name, "narrator"))
        return -1;
    for (i = 0; i < book->n_characters; i++)
        if (same_name(book->characters[i].name, name))
            return (int)i;
    for (i = 0; i < book->n_characters; i++)
        for (j = 0; j < book->characters[i].n_aliases; j++)
            if (same_name(book->characters[i].aliases[j], name))
                return (int)i;
    return -2;
}

char *book_cast_names(const struct dramatis_book *book)
{
    struct buf names;
    size_t i;

    buf_init(&names, 8192);
    for (i = 0; i < book->n_characters; i++)
        if (buf_printf(&names, "%s%s", i ? ", " : "", book->characters[i].name) != DRAMATIS_OK)
            break;
    return buf_take(&names);
}
