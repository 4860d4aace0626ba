/* Pronunciations: whole-word, case-insensitive respellings from the voice map. */
#include "pronounce.h"

#include "buf.h"
#include "error.h"
#include "text.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* One word of the text: bytes [start, end) and its folded form (apostrophes
 * dropped, as the keys are); base_end excludes a possessive 's. */
struct token {
    size_t start, end, base_end;
    char *folded;        /* the whole token */
    char *folded_base;   /* without the possessive, or NULL if none */
};

static void tokens_free(struct token *t, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(t[i].folded);
        free(t[i].folded_base);
    }
    free(t);
}

/* Splits text into words: runs of word characters, joined by an
 * apostrophe between two of them ("don't" is one word, so "don" never
 * matches inside it). */
static dramatis_status tokenize(const char *text, struct token **out, size_t *n_out)
{
    struct token *t = NULL, *grown;
    size_t len = strlen(text), i = 0, n = 0, cap = 0, k, a, start;

    *out = NULL;
    *n_out = 0;
    while (i < len) {
        k = text_word_len(text, i, len);
        if (k == 0) {
            text_cp_at(text, i, len, &k);
            i += k;
            continue;
        }
        start = i;
        for (;;) {
            i += k;
            k = text_word_len(text, i, len);
            if (k > 0)
                continue;
            if (text_is_apostrophe_cp(text_cp_at(text, i, len, &a)) &&
                text_word_len(text, i + a, len) > 0) {
                i += a;
                k = text_word_len(text, i, len);
                continue;
            }
            break;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            grown = realloc(t, cap * sizeof *grown);
            if (grown == NULL)
                goto fail;
            t = grown;
        }
        memset(&t[n], 0, sizeof t[n]);
        t[n].start = start;
        t[n].end = t[n].base_end = i;
        n++;
    }
    for (k = 0; k < n; k++) {
        char *raw = strndup(text + t[k].start, t[k].end - t[k].start);
        size_t rl;
        if (raw == NULL)
            goto fail;
        t[k].folded = utf8_words(raw);
        /* "Iruka's" (straight or curly apostrophe) also offers "Iruka" */
        rl = strlen(raw);
        if (rl > 2 && (raw[rl - 1] == 's' || raw[rl - 1] == 'S') &&
            text_is_apostrophe_cp(text_cp_before(raw, 0, rl - 1, &a)) && rl - 1 - a > 0)
            t[k].base_end = t[k].end - 1 - a;
        if (t[k].base_end != t[k].end) {
            raw[t[k].base_end - t[k].start] = '\0';
            t[k].folded_base = utf8_words(raw);
        }
        free(raw);
        if (t[k].folded == NULL || (t[k].base_end != t[k].end && t[k].folded_base == NULL))
            goto fail;
    }
    *out = t;
    *n_out = n;
    return DRAMATIS_OK;
fail:
    tokens_free(t, n);
    return DRAMATIS_ERR_NOMEM;
}

/* Whether the words of key (folded, space-separated) match the tokens from
 * first on, each pair separated by nothing but spaces; *last is the index
 * of the last token and *end the byte where the replaced text ends. */
static int match_at(const char *text, const struct token *t, size_t n, size_t first,
                    const char *key, size_t *last, size_t *end)
{
    const char *k = key, *space;
    size_t i = first, wl, j, sp;

    for (;;) {
        space = strchr(k, ' ');
        wl = space ? (size_t)(space - k) : strlen(k);
        if (i >= n)
            return 0;
        if (i > first) {
            for (j = t[i - 1].end; j < t[i].start; j += sp) {
                sp = text_space_len(text, j, t[i].start);
                if (sp == 0)
                    return 0;
            }
        }
        if (space == NULL) {
            if (strlen(t[i].folded) == wl && memcmp(t[i].folded, k, wl) == 0) {
                *end = t[i].end;
            } else if (t[i].folded_base && strlen(t[i].folded_base) == wl &&
                       memcmp(t[i].folded_base, k, wl) == 0) {
                *end = t[i].base_end;   /* the possessive stays */
            } else {
                return 0;
            }
            *last = i;
            return 1;
        }
        if (strlen(t[i].folded) != wl || memcmp(t[i].folded, k, wl) != 0)
            return 0;
        k = space + 1;
        i++;
    }
}

/* Appends text[from..to) with brackets as spaces when the text holds "[[". */
static dramatis_status add_plain(struct buf *b, const char *text, size_t from, size_t to,
                                 int brackets)
{
    size_t i;
    dramatis_status st = DRAMATIS_OK;

    if (!brackets)
        return buf_add(b, text + from, to - from);
    for (i = from; st == DRAMATIS_OK && i < to; i++)
        st = buf_add(b, text[i] == '[' || text[i] == ']' ? " " : text + i, 1);
    return st;
}

dramatis_status pronounce_text(const struct dramatis_voicemap *map, const char *text,
                               char **out)
{
    struct token *t = NULL;
    char **keys = NULL;
    struct buf b;
    size_t n = 0, n_keys, i, p, last, end, copied = 0;
    int brackets = strstr(text, "[[") != NULL, changed = brackets;
    dramatis_status st = DRAMATIS_OK;

    *out = NULL;
    n_keys = map ? map->n_pronunciations : 0;
    if (n_keys == 0 && !brackets)
        return DRAMATIS_OK;
    buf_init(&b, (size_t)1 << 26);
    if (n_keys) {
        keys = calloc(n_keys, sizeof *keys);
        if (keys == NULL)
            return DRAMATIS_ERR_NOMEM;
        for (p = 0; p < n_keys; p++) {
            keys[p] = utf8_words(map->pronunciations[p].key);
            if (keys[p] == NULL) {
                st = DRAMATIS_ERR_NOMEM;
                goto fail;
            }
        }
        st = tokenize(text, &t, &n);
        if (st != DRAMATIS_OK)
            goto fail;
    }
    for (i = 0; i < n; i++) {
        for (p = 0; p < n_keys; p++) {
            if (keys[p][0] == '\0' || !match_at(text, t, n, i, keys[p], &last, &end))
                continue;
            st = add_plain(&b, text, copied, t[i].start, brackets);
            if (st == DRAMATIS_OK)
                st = buf_adds(&b, map->pronunciations[p].value);
            if (st != DRAMATIS_OK)
                goto fail;
            copied = end;
            changed = 1;
            i = last;
            break;
        }
    }
    if (!changed)
        goto fail;   /* nothing to do: *out stays NULL */
    st = add_plain(&b, text, copied, strlen(text), brackets);
    if (st != DRAMATIS_OK)
        goto fail;
    *out = buf_take(&b);
fail:
    tokens_free(t, n);
    for (p = 0; keys && p < n_keys; p++)
        free(keys[p]);
    free(keys);
    buf_cleanup(&b);
    return st;
}

dramatis_status pronounce_book(struct dramatis_book *book, const struct dramatis_voicemap *map,
                               struct dramatis_error *err)
{
    dramatis_status st;
    size_t c, p, s;

    for (c = 0; c < book->n_chapters; c++) {
        struct chapter *ch = &book->chapters[c];
        free(ch->spoken_title);
        st = pronounce_text(map, ch->title, &ch->spoken_title);
        if (st != DRAMATIS_OK)
            return error_set(err, st, NULL, 0, NULL);
        for (p = 0; p < ch->n_paragraphs; p++) {
            for (s = 0; s < ch->paragraphs[p].n_segments; s++) {
                struct segment *seg = &ch->paragraphs[p].segments[s];
                free(seg->spoken);
                st = pronounce_text(map, seg->text, &seg->spoken);
                if (st != DRAMATIS_OK)
                    return error_set(err, st, NULL, 0, NULL);
            }
        }
    }
    return DRAMATIS_OK;
}
