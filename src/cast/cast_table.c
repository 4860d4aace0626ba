/* The cast: a table of who speaks how much in which voice, close-voice
 * warnings, and writing or updating the voice map the user edits. */
#include "book.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "voicemap.h"

#include <utf8proc.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Voices closer than this in pitch (same voice and variant) are hard to
 * tell apart in a dialogue. */
#define CLOSE_PITCH 8

/* A new map's size is small; this only guards against a runaway. */
#define MAP_MAX ((size_t)16 << 20)

/* What the table says about one character. */
struct tally {
    size_t lines, words;
    size_t first_chapter;   /* 1-based; 0: never speaks */
};

/* Words as a reader counts them: runs between white space, so `—` or `...`
 * standing alone counts as one, as in a word processor. */
static size_t count_words(const char *s)
{
    size_t n = 0, i = 0, len = strlen(s), step;
    int in_word = 0;

    while (i < len) {
        step = text_space_len(s, i, len);
        if (step > 0) {
            in_word = 0;
        } else {
            if (!in_word)
                n++;
            in_word = 1;
            text_cp_at(s, i, len, &step);
        }
        i += step;
    }
    return n;
}

static struct tally *tally_book(const struct dramatis_book *book, struct tally *narrator)
{
    struct tally *t = calloc(book->n_characters + 1, sizeof *t);
    size_t c, p, s;

    memset(narrator, 0, sizeof *narrator);
    if (t == NULL)
        return NULL;
    for (c = 0; c < book->n_chapters; c++) {
        const struct chapter *ch = &book->chapters[c];
        for (p = 0; p < ch->n_paragraphs; p++) {
            for (s = 0; s < ch->paragraphs[p].n_segments; s++) {
                const struct segment *seg = &ch->paragraphs[p].segments[s];
                struct tally *x = narrator;
                if (seg->kind == SEGMENT_DIALOGUE && seg->speaker >= 0 &&
                    (size_t)seg->speaker < book->n_characters)
                    x = &t[seg->speaker];
                x->lines++;
                x->words += count_words(seg->text);
                if (x->first_chapter == 0)
                    x->first_chapter = c + 1;
            }
        }
    }
    return t;
}

static const char *gender_name(dramatis_gender g)
{
    return g == DRAMATIS_GENDER_FEMALE ? "female" : g == DRAMATIS_GENDER_MALE ? "male"
                                                                               : "unknown";
}

/* Appends s padded with spaces to width columns (names may be "Tenzō"). */
static dramatis_status add_padded(struct buf *b, const char *s, size_t width)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_int32_t cp;
    utf8proc_ssize_t k;
    size_t cols = 0;
    dramatis_status st = buf_adds(b, s);

    while (*p) {
        k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0)
            break;
        cols += (size_t)(utf8proc_charwidth(cp) > 0 ? utf8proc_charwidth(cp) : 0);
        p += k;
    }
    while (st == DRAMATIS_OK && cols++ < width)
        st = buf_adds(b, " ");
    return st;
}

static dramatis_status table_row(struct buf *b, const char *name, const char *gender,
                                 const struct tally *t, const struct voice *v,
                                 char *const *aliases, size_t n_aliases)
{
    dramatis_status st = add_padded(b, name, 16);
    size_t i;

    if (st == DRAMATIS_OK)
        st = buf_printf(b, " %-7s %5zu %6zu ", gender, t->lines, t->words);
    if (st == DRAMATIS_OK)
        st = t->first_chapter ? buf_printf(b, "%5zu  ", t->first_chapter) : buf_adds(b, "    -  ");
    if (st == DRAMATIS_OK)
        st = buf_printf(b, "%-22s %5d %4d  ", v->name, v->pitch, v->rate);
    for (i = 0; st == DRAMATIS_OK && i < n_aliases; i++)
        st = buf_printf(b, "%s%s", i ? ", " : "", aliases[i]);
    return st == DRAMATIS_OK ? buf_adds(b, "\n") : st;
}

dramatis_status dramatis_cast_write(const struct dramatis_book *book, FILE *out,
                                    struct dramatis_error *err)
{
    struct tally narrator, *t;
    struct buf b;
    size_t *order = NULL, i, j, tmp;
    dramatis_status st;

    if (book == NULL || out == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "dramatis_cast_write: no book");
    t = tally_book(book, &narrator);
    order = calloc(book->n_characters + 1, sizeof *order);
    buf_init(&b, MAP_MAX);
    if (t == NULL || order == NULL) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    /* most lines first, as the voices were cast */
    for (i = 0; i < book->n_characters; i++) {
        order[i] = i;
        for (j = i; j > 0 && t[order[j]].lines > t[order[j - 1]].lines; j--) {
            tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    }
    st = buf_printf(&b, "%-16s %-7s %5s %6s %5s  %-22s %5s %4s  %s\n", "character", "gender",
                    "lines", "words", "first", "voice", "pitch", "rate", "aliases");
    if (st == DRAMATIS_OK)
        st = table_row(&b, "narrator", "-", &narrator, &book->narrator, NULL, 0);
    for (i = 0; st == DRAMATIS_OK && i < book->n_characters; i++) {
        const struct character *c = &book->characters[order[i]];
        st = table_row(&b, c->name, gender_name(c->gender), &t[order[i]], &c->voice, c->aliases,
                       c->n_aliases);
    }
    if (st != DRAMATIS_OK) {
        error_set(err, st, NULL, 0, NULL);
        goto fail;
    }
    if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0)
        st = error_set(err, DRAMATIS_ERR_IO, NULL, 0, "cannot write the cast");
fail:
    buf_cleanup(&b);
    free(order);
    free(t);
    return st;
}

/* Whether a and b sound alike: same voice and variant, pitch within CLOSE_PITCH. */
static int too_close(const struct voice *a, const struct voice *b)
{
    int d = a->pitch - b->pitch;

    return strcasecmp(a->name, b->name) == 0 && d < CLOSE_PITCH && d > -CLOSE_PITCH;
}

dramatis_status dramatis_cast_check(struct dramatis_book *book, struct dramatis_error *err)
{
    unsigned char *talks = NULL;   /* n x n: i and j speak in turn */
    size_t n, c, p, s, i, j;
    int prev = -2;
    dramatis_status st = DRAMATIS_OK;

    if (book == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "dramatis_cast_check: no book");
    n = book->n_characters;
    if (n < 2)
        return DRAMATIS_OK;
    talks = calloc(n * n, 1);
    if (talks == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    for (c = 0; c < book->n_chapters; c++) {
        const struct chapter *ch = &book->chapters[c];
        prev = -2;   /* a new chapter starts a new conversation */
        for (p = 0; p < ch->n_paragraphs; p++) {
            for (s = 0; s < ch->paragraphs[p].n_segments; s++) {
                const struct segment *seg = &ch->paragraphs[p].segments[s];
                if (seg->kind != SEGMENT_DIALOGUE || seg->speaker < 0 ||
                    (size_t)seg->speaker >= n)
                    continue;
                if (prev >= 0 && prev != seg->speaker) {
                    talks[(size_t)prev * n + (size_t)seg->speaker] = 1;
                    talks[(size_t)seg->speaker * n + (size_t)prev] = 1;
                }
                prev = seg->speaker;
            }
        }
    }
    for (i = 0; st == DRAMATIS_OK && i < n; i++) {
        for (j = i + 1; st == DRAMATIS_OK && j < n; j++) {
            const struct character *a = &book->characters[i], *b = &book->characters[j];
            if (!talks[i * n + j] || !too_close(&a->voice, &b->voice))
                continue;
            st = book_warn(book, "%s and %s talk to each other in voices hard to tell apart "
                           "(%s pitch %d and %d): give one another voice in the map",
                           a->name, b->name, a->voice.name, a->voice.pitch, b->voice.pitch);
        }
    }
    free(talks);
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, NULL);
    return DRAMATIS_OK;
}

/* Appends one character section with every key a user may want to edit. */
static dramatis_status add_section(struct buf *b, const char *name, char *const *aliases,
                                   size_t n_aliases, dramatis_gender gender,
                                   const struct voice *v, const struct dramatis_voicemap *old)
{
    dramatis_status st = buf_printf(b, "\n[%s]\n", name);
    size_t i, k = 0;

    for (i = 0; st == DRAMATIS_OK && i < n_aliases; i++) {
        /* an alias the map already gives someone would make it unreadable */
        if (old && voicemap_find(old, aliases[i]))
            continue;
        st = buf_printf(b, "%s%s", k++ ? ", " : "aliases = ", aliases[i]);
    }
    if (st == DRAMATIS_OK && k)
        st = buf_adds(b, "\n");
    if (st == DRAMATIS_OK && gender != DRAMATIS_GENDER_UNKNOWN)
        st = buf_printf(b, "gender = %s\n", gender_name(gender));
    if (st == DRAMATIS_OK)
        st = buf_printf(b, "voice = %s\nrate = %d\npitch = %d\n", v->name, v->rate, v->pitch);
    return st;
}

/* Names a section header can carry: inih ends one at ']' and a comment. */
static int header_safe(const char *name)
{
    return name[0] && !strpbrk(name, "[];#\n\r") && strcasecmp(name, "narrator") != 0 &&
           strcasecmp(name, "pronunciations") != 0 && strcasecmp(name, "overrides") != 0 &&
           strncasecmp(name, "pool:", 5) != 0;
}

static dramatis_status read_file(const char *path, struct buf *b, int *exists,
                                 struct dramatis_error *err)
{
    char chunk[4096];
    FILE *f;
    size_t n;
    dramatis_status st = DRAMATIS_OK;

    *exists = 0;
    f = fopen(path, "rb");
    if (f == NULL) {
        if (errno == ENOENT)
            return DRAMATIS_OK;
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "%s", strerror(errno));
    }
    *exists = 1;
    while (st == DRAMATIS_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        st = buf_add(b, chunk, n);
    if (st == DRAMATIS_OK && ferror(f))
        st = DRAMATIS_ERR_IO;
    fclose(f);
    if (st != DRAMATIS_OK)
        return error_set(err, st, path, 0, "cannot read the voice map");
    return DRAMATIS_OK;
}

/* Writes text to path through a temporary file beside it and a rename, so
 * the map is never half-written; keeps an existing file's mode.  A path
 * that is a symbolic link is written through: the file it points to gets
 * the new map, and the link stays. */
static dramatis_status write_aside(const char *link, const char *text, size_t len,
                                   struct dramatis_error *err)
{
    struct buf tmp;
    struct stat stt;
    FILE *f = NULL;
    int fd;
    dramatis_status st = DRAMATIS_OK;
    char *real = NULL;
    const char *path = link;

    if (lstat(link, &stt) == 0 && S_ISLNK(stt.st_mode)) {
        real = realpath(link, NULL);
        if (real == NULL)
            return error_set(err, DRAMATIS_ERR_IO, link, 0,
                             "the map is a link to nothing usable: %s", strerror(errno));
        path = real;
    }
    buf_init(&tmp, 8192);
    if (buf_printf(&tmp, "%s.XXXXXX", path) != DRAMATIS_OK) {
        free(real);
        return error_set(err, DRAMATIS_ERR_NOMEM, path, 0, NULL);
    }
    fd = mkstemp(tmp.data);
    if (fd < 0) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot write beside the map: %s",
                       strerror(errno));
        goto fail;
    }
    /* the old map's mode; should this fail, mkstemp's 0600 still works */
    if (fchmod(fd, stat(path, &stt) == 0 ? (stt.st_mode & 07777) : 0644) != 0)
        errno = 0;
    f = fdopen(fd, "wb");
    if (f == NULL) {
        close(fd);
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "%s", strerror(errno));
        unlink(tmp.data);
        goto fail;
    }
    if (fwrite(text, 1, len, f) != len || fflush(f) != 0 || fsync(fileno(f)) != 0) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot write the map: %s",
                       strerror(errno));
        fclose(f);
        unlink(tmp.data);
        goto fail;
    }
    if (fclose(f) != 0 || rename(tmp.data, path) != 0) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot write the map: %s",
                       strerror(errno));
        unlink(tmp.data);
    }
fail:
    buf_cleanup(&tmp);
    free(real);
    return st;
}

static dramatis_status new_map(const struct dramatis_book *book, struct buf *b)
{
    const struct voice *n = &book->narrator;
    dramatis_status st;
    size_t i;

    st = buf_printf(b, "; Voice map for %s, written by dramatis cast.\n"
                    "; Edit freely: 'dramatis cast --write' adds new characters and keeps\n"
                    "; what you wrote.  Voices: 'dramatis voices'; hear one with\n"
                    "; 'dramatis preview BOOK --voices MAP --speaker NAME'.\n"
                    "\n[narrator]\nvoice = %s\nrate = %d\npitch = %d\n",
                    book->title, n->name, n->rate, n->pitch);
    for (i = 0; st == DRAMATIS_OK && i < book->n_characters; i++) {
        const struct character *c = &book->characters[i];
        if (header_safe(c->name))
            st = add_section(b, c->name, c->aliases, c->n_aliases, c->gender, &c->voice, NULL);
    }
    if (st == DRAMATIS_OK)
        st = buf_adds(b, "\n[pronunciations]\n; word = respelling, or word = [[espeak phonemes]]\n"
                         "; Hermione = her MY oh nee\n"
                         "\n[overrides]\n; pin a quote: the key 'dramatis script' shows = speaker\n"
                         "; 3 you could open it = Pip\n");
    return st;
}

dramatis_status dramatis_voicemap_write(const struct dramatis_book *book, const char *path,
                                        struct dramatis_error *err)
{
    struct dramatis_voicemap *old = NULL, *check = NULL;
    struct buf b;
    size_t i, added = 0;
    int exists;
    dramatis_status st;

    if (book == NULL || path == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "dramatis_voicemap_write: no book");
    buf_init(&b, MAP_MAX);
    st = read_file(path, &b, &exists, err);
    if (st != DRAMATIS_OK)
        goto fail;
    if (!exists) {
        st = new_map(book, &b);
        if (st != DRAMATIS_OK) {
            error_set(err, st, path, 0, NULL);
            goto fail;
        }
    } else {
        /* a map that does not load is the user's to fix, not ours to touch */
        st = voicemap_parse(path, b.data ? b.data : "", &old, err);
        if (st != DRAMATIS_OK)
            goto fail;
        for (i = 0; st == DRAMATIS_OK && i < book->n_characters; i++) {
            const struct character *c = &book->characters[i];
            if (voicemap_find(old, c->name) || !header_safe(c->name))
                continue;
            if (added++ == 0 && b.len > 0 && b.data[b.len - 1] != '\n')
                st = buf_adds(&b, "\n");
            if (st == DRAMATIS_OK)
                st = buf_adds(&b, "\n; added by dramatis cast");
            if (st == DRAMATIS_OK)
                st = add_section(&b, c->name, c->aliases, c->n_aliases, c->gender, &c->voice,
                                 old);
        }
        if (st != DRAMATIS_OK) {
            error_set(err, st, path, 0, NULL);
            goto fail;
        }
        if (added == 0)
            goto fail;   /* nothing new: the file stays as it is */
    }
    /* never leave a map that would not load */
    st = voicemap_parse(path, b.data, &check, err);
    if (st != DRAMATIS_OK)
        goto fail;
    st = write_aside(path, b.data, b.len, err);
fail:
    dramatis_voicemap_free(old);
    dramatis_voicemap_free(check);
    buf_cleanup(&b);
    return st;
}
