/* The cast: a table of who speaks how much in which voice, close-voice
 * warnings, and writing or updating the voice map the user edits. */
#include "book.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "voicemap.h"
#include "voicespace.h"

#include <utf8proc.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The book's pronunciation of word, or NULL for espeak-ng's English rules. */
static const struct pronunciation *pronunciation_of(const struct dramatis_book *book,
                                                    const char *word, size_t n)
{
    size_t i;

    for (i = 0; i < book->n_pronunciations; i++) {
        const char *w = book->pronunciations[i].word;
        if (strlen(w) == n && strncasecmp(w, word, n) == 0)
            return &book->pronunciations[i];
    }
    return NULL;
}

/* One line per character: how its name is said, word by word (the
 * respelling of a found origin, the map's value, or the word as written for
 * espeak-ng's English rules), and where that comes from. */
static dramatis_status pronunciation_row(struct buf *b, const struct dramatis_book *book,
                                         const char *name)
{
    const struct pronunciation *p;
    const char *s = name, *e, *from = "en";
    struct buf said;
    dramatis_status st = DRAMATIS_OK;

    buf_init(&said, 4096);
    while (st == DRAMATIS_OK && *s) {
        for (e = s; *e && *e != ' ' && *e != '-'; e++)
            ;
        p = pronunciation_of(book, s, (size_t)(e - s));
        if (p) {
            from = p->origin;
            st = p->hint ? buf_printf(&said, "%s %s", p->hint, p->spoken)
                         : buf_adds(&said, p->spoken);
        } else {
            st = buf_add(&said, s, (size_t)(e - s));
        }
        if (st == DRAMATIS_OK && *e)
            st = buf_add(&said, e, 1);
        s = *e ? e + 1 : e;
    }
    if (st == DRAMATIS_OK)
        st = add_padded(b, name, 16);
    if (st == DRAMATIS_OK)
        st = buf_printf(b, " %-6s %s%s\n", from, said.data ? said.data : "",
                        strcmp(from, "en") == 0 ? "  (espeak-ng's English rules)" : "");
    buf_cleanup(&said);
    return st;
}

dramatis_status dramatis_cast_write(const struct dramatis_book *book, FILE *out,
                                    struct dramatis_error *err)
{
    struct tally narrator, *t;
    struct buf b;
    size_t *order = NULL, i, j, tmp, k = 0;
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
    if (st == DRAMATIS_OK && book->n_characters)
        st = buf_printf(&b, "\n%-16s %-6s %s\n", "name", "from", "said (change it in [pronunciations])");
    for (i = 0; st == DRAMATIS_OK && i < book->n_characters; i++)
        st = pronunciation_row(&b, book, book->characters[order[i]].name);
    /* the other words found, so a wrong guess shows before a render */
    for (i = 0; st == DRAMATIS_OK && i < book->n_pronunciations; i++) {
        const struct pronunciation *p = &book->pronunciations[i];
        if (strcmp(p->origin, "map") == 0 || book_find_speaker(book, p->word) != -2)
            continue;
        if (k++ == 0)
            st = buf_adds(&b, "\nother words found\n");
        if (st == DRAMATIS_OK)
            st = add_padded(&b, p->word, 16);
        if (st == DRAMATIS_OK)
            st = buf_printf(&b, " %-6s %s %s\n", p->origin, p->hint ? p->hint : "", p->spoken);
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

dramatis_status dramatis_cast_check(struct dramatis_book *book, struct dramatis_error *err)
{
    struct tally narrator, *t = NULL;
    unsigned *talks;
    char facts[256];
    size_t n, i, j;
    int first;
    double d;
    dramatis_status st = DRAMATIS_OK;

    if (book == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "dramatis_cast_check: no book");
    n = book->n_characters;
    if (n < 2)
        return DRAMATIS_OK;
    talks = talk_matrix(book);
    t = tally_book(book, &narrator);
    if (talks == NULL || t == NULL) {
        free(talks);
        free(t);
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    }
    first = book_first_person(book);
    for (i = 0; st == DRAMATIS_OK && i < n; i++) {
        for (j = i + 1; st == DRAMATIS_OK && j < n; j++) {
            const struct character *a = &book->characters[i], *b = &book->characters[j];
            if (!talks[i * n + j])
                continue;
            d = voice_distance(&a->voice, &b->voice);
            if (d >= VOICE_DISTINCT)
                continue;
            voice_explain(&a->voice, &b->voice, facts, sizeof facts);
            st = book_warn(book, "%s and %s talk to each other in voices hard to tell apart "
                           "(distance %.2f, %.2f tells apart: %s): give one another voice "
                           "in the map", a->name, b->name, d, VOICE_DISTINCT, facts);
        }
    }
    /* narration surrounds every quote; the first-person narrator is the narrator */
    for (i = 0; st == DRAMATIS_OK && i < n; i++) {
        const struct character *a = &book->characters[i];
        if ((int)i == first || t[i].lines == 0)
            continue;
        d = voice_distance(&a->voice, &book->narrator);
        if (d >= VOICE_DISTINCT)
            continue;
        voice_explain(&a->voice, &book->narrator, facts, sizeof facts);
        st = book_warn(book, "%s speaks in a voice hard to tell from the narrator's "
                       "(distance %.2f, %.2f tells apart: %s): give one another voice in the map",
                       a->name, d, VOICE_DISTINCT, facts);
    }
    free(talks);
    free(t);
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, NULL);
    return DRAMATIS_OK;
}

/* Appends one character section with every key a user may want to edit. */
static dramatis_status add_section(struct buf *b, const char *name, char *const *aliases,
                                   size_t n_aliases, dramatis_gender gender,
                                   const struct voice *v, int teller,
                                   const struct dramatis_voicemap *old)
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
    /* no voice keys: the first-person narrator follows the narrator's voice */
    if (st == DRAMATIS_OK && teller)
        st = buf_adds(b, "; tells the story (alias I): speaks in the narrator's voice;\n"
                         "; a 'voice =' here gives their quotes a voice of their own\n");
    else if (st == DRAMATIS_OK)
        st = buf_printf(b, "voice = %s\nrate = %d\npitch = %d\n", v->name, v->rate, v->pitch);
    return st;
}

/* Whether character i is the first-person narrator speaking in the
 * narrator's own voice (so a map should not pin a copy of it). */
static int narrator_voice(const struct dramatis_book *book, size_t i)
{
    const struct voice *a = &book->characters[i].voice, *n = &book->narrator;

    return book_first_person(book) == (int)i && strcmp(a->name, n->name) == 0 &&
           a->pitch == n->pitch && a->rate == n->rate && a->range == n->range;
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
            st = add_section(b, c->name, c->aliases, c->n_aliases, c->gender, &c->voice,
                             narrator_voice(book, i), NULL);
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
                                 narrator_voice(book, i), old);
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
