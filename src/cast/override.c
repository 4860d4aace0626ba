/* Line overrides: "CHAPTER first words = Speaker" pins, matched on normalized words. */
#include "override.h"

#include "buf.h"
#include "error.h"
#include "utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The dialogue segments of one chapter and their normalized words. */
struct chapter_quotes {
    struct segment **segs;   /* every segment, reading order */
    char **words;            /* utf8_words() of dialogue; NULL for narration */
    size_t n;
};

static void quotes_cleanup(struct chapter_quotes *q)
{
    size_t i;

    for (i = 0; i < q->n; i++)
        free(q->words[i]);
    free(q->words);
    free(q->segs);
    memset(q, 0, sizeof *q);
}

static dramatis_status quotes_init(const struct dramatis_book *book, size_t c,
                                   struct chapter_quotes *q)
{
    const struct chapter *ch = &book->chapters[c];
    size_t p, s, n = 0;

    memset(q, 0, sizeof *q);
    for (p = 0; p < ch->n_paragraphs; p++)
        n += ch->paragraphs[p].n_segments;
    q->segs = calloc(n ? n : 1, sizeof *q->segs);
    q->words = calloc(n ? n : 1, sizeof *q->words);
    if (q->segs == NULL || q->words == NULL)
        goto fail;
    for (p = 0; p < ch->n_paragraphs; p++) {
        for (s = 0; s < ch->paragraphs[p].n_segments; s++) {
            struct segment *seg = &ch->paragraphs[p].segments[s];
            q->segs[q->n] = seg;
            if (seg->kind == SEGMENT_DIALOGUE) {
                q->words[q->n] = utf8_words(seg->text);
                if (q->words[q->n] == NULL)
                    goto fail;
            }
            q->n++;
        }
    }
    return DRAMATIS_OK;
fail:
    q->n = q->words ? n : 0;   /* words[] is zeroed past what was filled */
    quotes_cleanup(q);
    return DRAMATIS_ERR_NOMEM;
}

/* Length of the first k words of w (all of it if fewer). */
static size_t words_prefix(const char *w, size_t k)
{
    size_t i = 0;

    while (w[i]) {
        if (w[i] == ' ' && --k == 0)
            return i;
        i++;
    }
    return i;
}

/* Whether words w start with the words of the key k[0..kl). */
static int starts_with(const char *w, const char *k, size_t kl)
{
    return strncmp(w, k, kl) == 0 && (w[kl] == '\0' || w[kl] == ' ');
}

dramatis_status override_chapter_keys(const struct dramatis_book *book, size_t c,
                                      char ***keys_out, size_t *n_out)
{
    struct chapter_quotes q;
    char **keys = NULL;
    struct buf b;
    size_t i, j, k, kl;
    int shared;
    dramatis_status st;

    *keys_out = NULL;
    *n_out = 0;
    st = quotes_init(book, c, &q);
    if (st != DRAMATIS_OK)
        return st;
    keys = calloc(q.n ? q.n : 1, sizeof *keys);
    if (keys == NULL) {
        quotes_cleanup(&q);
        return DRAMATIS_ERR_NOMEM;
    }
    buf_init(&b, (size_t)1 << 20);
    for (i = 0; i < q.n; i++) {
        if (q.words[i] == NULL || q.words[i][0] == '\0')
            continue;
        /* grow the key until no other quote of the chapter shares it */
        for (k = OVERRIDE_KEY_WORDS;; k++) {
            kl = words_prefix(q.words[i], k);
            shared = 0;
            for (j = 0; j < q.n && !shared; j++)
                shared = j != i && q.words[j] && starts_with(q.words[j], q.words[i], kl);
            if (!shared || q.words[i][kl] == '\0')
                break;
        }
        buf_reset(&b);
        st = buf_printf(&b, "%zu %.*s", c + 1, (int)kl, q.words[i]);
        if (st != DRAMATIS_OK)
            break;
        keys[i] = buf_take(&b);
    }
    buf_cleanup(&b);
    if (st != DRAMATIS_OK) {
        override_keys_free(keys, q.n);
        quotes_cleanup(&q);
        return st;
    }
    *keys_out = keys;
    *n_out = q.n;
    quotes_cleanup(&q);
    return DRAMATIS_OK;
}

void override_keys_free(char **keys, size_t n)
{
    size_t i;

    for (i = 0; keys && i < n; i++)
        free(keys[i]);
    free(keys);
}

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
        if (q->words[i] == NULL || !starts_with(q->words[i], kw, kl))
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
            st = quotes_init(book, chapter - 1, &q);
            if (st == DRAMATIS_OK) {
                pin(&q, kw, speaker, &hits);
                quotes_cleanup(&q);
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
