/* Line overrides: "CHAPTER first words = Speaker" pins, matched on normalized words. */
#include "override.h"

#include "error.h"
#include "utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static dramatis_status unknown_speaker(const struct dramatis_book *book,
                                       const struct dramatis_voicemap *map,
                                       const struct voicemap_pair *o, struct dramatis_error *err)
{
    char *names = book_cast_names(book);

    error_set(err, DRAMATIS_ERR_MAP, map->path, o->line,
              "override speaker '%s' is not in the cast (narrator%s%s)", o->value,
              names && names[0] ? ", " : "", names ? names : "");
    free(names);
    return DRAMATIS_ERR_MAP;
}

/* Pins the quotes of chapter c that the key words match; *hits counts them. */
static void pin(struct chapter_quotes *q, const char *kw, int speaker, size_t *hits)
{
    size_t kl = strlen(kw), i;
    int exact = 0;

    for (i = 0; i < q->n; i++)
        if (q->words[i] && strcmp(q->words[i], kw) == 0)
            exact = 1;
    *hits = 0;
    for (i = 0; i < q->n; i++) {
        if (q->words[i] == NULL || !quote_words_start(q->words[i], kw, kl))
            continue;
        if (exact && q->words[i][kl] != '\0')
            continue;
        q->segs[i]->speaker = speaker;
        q->segs[i]->rule = "override";
        q->segs[i]->confidence = 1.0;
        (*hits)++;
    }
}

dramatis_status override_apply(struct dramatis_book *book, const struct dramatis_voicemap *map,
                               struct dramatis_error *err)
{
    struct chapter_quotes q;
    dramatis_status st = DRAMATIS_OK;
    size_t i, hits;
    unsigned long chapter;
    char *end, *kw;
    int speaker;

    if (map == NULL)
        return DRAMATIS_OK;
    for (i = 0; i < map->n_overrides; i++) {
        const struct voicemap_pair *o = &map->overrides[i];
        speaker = book_find_speaker(book, o->value);
        if (speaker == -2)
            return unknown_speaker(book, map, o, err);
        errno = 0;
        chapter = strtoul(o->key, &end, 10);
        kw = end != o->key && errno == 0 ? utf8_words(end) : NULL;
        if (kw == NULL && end != o->key && errno == 0)
            return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        if (kw == NULL || kw[0] == '\0' || chapter < 1) {
            free(kw);
            st = book_warn(book, "%s:%ld: override '%s' needs a chapter number and the first "
                           "words of the quote, as 'dramatis script' shows them",
                           map->path, o->line, o->key);
            if (st != DRAMATIS_OK)
                return error_set(err, st, NULL, 0, NULL);
            continue;
        }
        hits = 0;
        if (chapter <= book->n_chapters) {
            st = chapter_quotes_init(book, chapter - 1, &q);
            if (st == DRAMATIS_OK) {
                pin(&q, kw, speaker, &hits);
                chapter_quotes_cleanup(&q);
            }
        }
        if (st == DRAMATIS_OK && hits == 0)
            st = book_warn(book, "%s:%ld: override '%s' matches no quote in chapter %lu",
                           map->path, o->line, o->key, chapter);
        free(kw);
        if (st != DRAMATIS_OK)
            return error_set(err, st, NULL, 0, NULL);
    }
    return DRAMATIS_OK;
}
