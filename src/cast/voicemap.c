/* Voice maps: reading the INI cast file with inih, and casting distinct voices from a pool. */
#include "voicemap.h"

#include "buf.h"
#include "error.h"
#include "voicespace.h"

#include <ini.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* voices/default.ini, compiled in by CMake (generated default_voices.c). */
extern const char voicemap_default_ini[];

/* What a voice gets for keys nobody gave: espeak-ng's own defaults. */
#define DEFAULT_VOICE "en-us"
#define DEFAULT_RATE 175
#define DEFAULT_PITCH 50
#define DEFAULT_RANGE 50

/* A voice map is a short text file; anything larger is a mistake. */
#define MAP_MAX_BYTES ((size_t)16 << 20)

/* Named here rather than in the prose so the messages and tests agree. */
#define RATE_MIN 80
#define RATE_MAX 450
#define GAIN_LIMIT 20.0

enum section_kind {
    SECTION_NONE = 0,
    SECTION_NARRATOR,
    SECTION_NARRATOR_FEMALE,
    SECTION_CHARACTER,
    SECTION_POOL,
    SECTION_PRONUNCIATIONS,
    SECTION_OVERRIDES,
    SECTION_BOOK,
    SECTION_PAUSES
};

/* State shared by the line reader and the key handler inih calls. */
struct parse_ctx {
    struct dramatis_voicemap *map;
    const char *name;          /* file name for messages */
    const char *pos;           /* text not yet handed to inih */
    size_t left;
    long line;                 /* number of the line inih is working on */
    int key_seen;              /* a key since the last header: inih then
                                * reads indented lines as continuations */
    enum section_kind kind;    /* section the current line belongs to */
    size_t index;              /* its index in map->characters or ->pool */
    dramatis_status status;    /* first failure, DRAMATIS_OK if none */
    long fail_line;
    struct dramatis_error *err;
};

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Compares ignoring ASCII case only, so results never depend on the locale;
 * bytes of accented names must match exactly. */
static int ascii_casecmp(const char *a, const char *b)
{
    while (*a && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b)) {
        a++;
        b++;
    }
    return ascii_lower((unsigned char)*a) - ascii_lower((unsigned char)*b);
}

static int ascii_prefix(const char *s, const char *prefix)
{
    while (*prefix) {
        if (ascii_lower((unsigned char)*s) != ascii_lower((unsigned char)*prefix))
            return 0;
        s++;
        prefix++;
    }
    return 1;
}

/* The characters inih's isspace() strips in the C locale. */
static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* A copy of s[0..n) without surrounding whitespace. */
static char *dup_trimmed(const char *s, size_t n)
{
    char *copy;

    while (n > 0 && is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && is_space((unsigned char)s[n - 1]))
        n--;
    copy = malloc(n + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

static void voice_defaults(struct voice *v)
{
    memset(v, 0, sizeof *v);
    snprintf(v->name, sizeof v->name, "%s", DEFAULT_VOICE);
    v->rate = DEFAULT_RATE;
    v->pitch = DEFAULT_PITCH;
    v->range = DEFAULT_RANGE;
    v->gain = 0.0;
}

/* Copies onto v only the keys the entry gave. */
static void voice_overlay(struct voice *v, const struct voicemap_entry *e)
{
    if (e->set & VOICE_SET_NAME)
        snprintf(v->name, sizeof v->name, "%s", e->voice.name);
    if (e->set & VOICE_SET_RATE)
        v->rate = e->voice.rate;
    if (e->set & VOICE_SET_PITCH)
        v->pitch = e->voice.pitch;
    if (e->set & VOICE_SET_RANGE)
        v->range = e->voice.range;
    if (e->set & VOICE_SET_GAIN)
        v->gain = e->voice.gain;
}

static void entry_init(struct voicemap_entry *e, long line)
{
    memset(e, 0, sizeof *e);
    e->gender = DRAMATIS_GENDER_UNKNOWN;
    voice_defaults(&e->voice);
    e->line = line;
}

static void entry_cleanup(struct voicemap_entry *e)
{
    size_t i;

    for (i = 0; i < e->n_aliases; i++)
        free(e->aliases[i]);
    free(e->aliases);
    free(e->name);
    memset(e, 0, sizeof *e);
}

/* Appends an entry that takes ownership of name (freed on failure). */
static dramatis_status entries_append(struct voicemap_entry **list, size_t *n, char *name,
                                      long line)
{
    struct voicemap_entry *grown;

    /* grown in powers of two: a long map is not copied at every section */
    if ((*n & (*n - 1)) == 0 || *n == 0) {
        grown = realloc(*list, (*n ? *n * 2 : 1) * sizeof *grown);
        if (grown == NULL) {
            free(name);
            return DRAMATIS_ERR_NOMEM;
        }
    } else {
        grown = *list;
    }
    *list = grown;
    entry_init(&grown[*n], line);
    grown[*n].name = name;
    (*n)++;
    return DRAMATIS_OK;
}

static void pairs_free(struct voicemap_pair *pairs, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(pairs[i].key);
        free(pairs[i].value);
    }
    free(pairs);
}

void dramatis_voicemap_free(struct dramatis_voicemap *map)
{
    size_t i;

    if (map == NULL)
        return;
    entry_cleanup(&map->narrator);
    entry_cleanup(&map->narrator_female);
    for (i = 0; i < map->n_characters; i++)
        entry_cleanup(&map->characters[i]);
    free(map->characters);
    for (i = 0; i < map->n_pool; i++)
        entry_cleanup(&map->pool[i]);
    free(map->pool);
    pairs_free(map->pronunciations, map->n_pronunciations);
    pairs_free(map->overrides, map->n_overrides);
    pairs_free(map->book, map->n_book);
    for (i = 0; i < map->n_warnings; i++)
        free(map->warnings[i]);
    free(map->warnings);
    free(map->names);
    free(map->path);
    free(map);
}

size_t dramatis_voicemap_warning_count(const struct dramatis_voicemap *map)
{
    return map ? map->n_warnings : 0;
}

const char *dramatis_voicemap_warning(const struct dramatis_voicemap *map, size_t i)
{
    if (map == NULL || i >= map->n_warnings)
        return NULL;
    return map->warnings[i];
}

/* Records the first failure only: later ones are usually its echoes. */
static void parse_fail(struct parse_ctx *ctx, dramatis_status code, long line,
                       const char *fmt, ...) DRAMATIS_PRINTF(4, 5);

static void parse_fail(struct parse_ctx *ctx, dramatis_status code, long line,
                       const char *fmt, ...)
{
    char message[512];
    va_list ap;

    if (ctx->status != DRAMATIS_OK)
        return;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    ctx->status = code;
    ctx->fail_line = line;
    error_set(ctx->err, code, ctx->name, line, "%s", message);
}

static void parse_warn(struct parse_ctx *ctx, const char *fmt, ...) DRAMATIS_PRINTF(2, 3);

static void parse_warn(struct parse_ctx *ctx, const char *fmt, ...)
{
    struct dramatis_voicemap *map = ctx->map;
    char message[512], **grown;
    struct buf b;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    buf_init(&b, 4096);
    if (buf_printf(&b, "%s:%ld: %s", ctx->name, ctx->line, message) != DRAMATIS_OK)
        goto fail;
    grown = realloc(map->warnings, (map->n_warnings + 1) * sizeof *grown);
    if (grown == NULL)
        goto fail;
    map->warnings = grown;
    map->warnings[map->n_warnings++] = buf_take(&b);
    buf_cleanup(&b);
    return;
fail:
    buf_cleanup(&b);
    parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
}

/* FNV-1a of text with ASCII case folded, as ascii_casecmp compares. */
static size_t name_hash(const char *text)
{
    unsigned long long h = 0xcbf29ce484222325ULL;

    for (; *text; text++) {
        h ^= (unsigned char)ascii_lower((unsigned char)*text);
        h *= 0x100000001b3ULL;
    }
    return (size_t)h;
}

/* The slot of text in the name index, or the empty slot where it goes. */
static struct voicemap_slot *name_slot(const struct dramatis_voicemap *map, const char *text)
{
    size_t mask = map->names_cap - 1, i = name_hash(text) & mask;

    while (map->names[i].name && ascii_casecmp(map->names[i].name, text) != 0)
        i = (i + 1) & mask;
    return &map->names[i];
}

/* Indexes text (a name or alias of character index, owned by it); a name
 * already indexed keeps its first owner, as the linear search found it. */
static dramatis_status name_add(struct dramatis_voicemap *map, const char *text, size_t index)
{
    struct voicemap_slot *slot;

    if ((map->names_used + 1) * 2 > map->names_cap) {
        struct voicemap_slot *old = map->names;
        size_t old_cap = map->names_cap, i;

        map->names_cap = old_cap ? old_cap * 2 : 64;
        map->names = calloc(map->names_cap, sizeof *map->names);
        if (map->names == NULL) {
            map->names = old;
            map->names_cap = old_cap;
            return DRAMATIS_ERR_NOMEM;
        }
        for (i = 0; i < old_cap; i++) {
            if (old[i].name)
                *name_slot(map, old[i].name) = old[i];
        }
        free(old);
    }
    slot = name_slot(map, text);
    if (slot->name == NULL) {
        slot->name = text;
        slot->index = index;
        map->names_used++;
    }
    return DRAMATIS_OK;
}

/* The character (other than skip) that already uses text as its name or as
 * one of its aliases; NULL if none. */
static const struct voicemap_entry *name_owner(const struct dramatis_voicemap *map,
                                               const char *text,
                                               const struct voicemap_entry *skip)
{
    const struct voicemap_slot *slot;

    if (map->names_cap == 0)
        return NULL;
    slot = name_slot(map, text);
    if (slot->name == NULL || &map->characters[slot->index] == skip)
        return NULL;
    return &map->characters[slot->index];
}

static struct voicemap_entry *current_entry(struct parse_ctx *ctx)
{
    switch (ctx->kind) {
    case SECTION_NARRATOR: return &ctx->map->narrator;
    case SECTION_NARRATOR_FEMALE: return &ctx->map->narrator_female;
    case SECTION_CHARACTER: return &ctx->map->characters[ctx->index];
    case SECTION_POOL: return &ctx->map->pool[ctx->index];
    case SECTION_PRONUNCIATIONS:
    case SECTION_OVERRIDES:
    case SECTION_BOOK:
    case SECTION_PAUSES:
    case SECTION_NONE: break;
    }
    return NULL;
}

/* Opens the section named by s[0..n) of the header on the current line. */
static void section_start(struct parse_ctx *ctx, const char *s, size_t n)
{
    struct dramatis_voicemap *map = ctx->map;
    const struct voicemap_entry *owner;
    char *name, *pool_name;
    size_t i;

    name = dup_trimmed(s, n);
    if (name == NULL) {
        parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
        return;
    }
    if (name[0] == '\0') {
        parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line, "empty section name");
        goto done;
    }
    if (ascii_casecmp(name, "narrator") == 0 || ascii_casecmp(name, "narrator:female") == 0) {
        int female = ascii_casecmp(name, "narrator") != 0;
        struct voicemap_entry *e = female ? &map->narrator_female : &map->narrator;
        if (e->line) {
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line,
                       "duplicate section [%s] (first at line %ld)", name, e->line);
            goto done;
        }
        e->line = ctx->line;
        ctx->kind = female ? SECTION_NARRATOR_FEMALE : SECTION_NARRATOR;
        goto done;
    }
    if (ascii_casecmp(name, "pronunciations") == 0 || ascii_casecmp(name, "overrides") == 0) {
        /* Repeating these sections is harmless: their lines add up. */
        ctx->kind = ascii_casecmp(name, "overrides") == 0 ? SECTION_OVERRIDES
                                                          : SECTION_PRONUNCIATIONS;
        goto done;
    }
    if (ascii_casecmp(name, "book") == 0) {
        ctx->kind = SECTION_BOOK;
        goto done;
    }
    if (ascii_casecmp(name, "pauses") == 0) {
        ctx->kind = SECTION_PAUSES;
        goto done;
    }
    if (ascii_prefix(name, "pool:")) {
        pool_name = dup_trimmed(name + 5, strlen(name + 5));
        if (pool_name == NULL) {
            parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
            goto done;
        }
        for (i = 0; i < map->n_pool; i++) {
            if (ascii_casecmp(map->pool[i].name, pool_name) == 0) {
                parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line,
                           "duplicate section [%s] (first at line %ld)", name,
                           map->pool[i].line);
                free(pool_name);
                goto done;
            }
        }
        if (pool_name[0] == '\0') {
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line, "empty pool name in [%s]", name);
            free(pool_name);
            goto done;
        }
        if (entries_append(&map->pool, &map->n_pool, pool_name, ctx->line) != DRAMATIS_OK) {
            parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
            goto done;
        }
        ctx->kind = SECTION_POOL;
        ctx->index = map->n_pool - 1;
        goto done;
    }
    owner = name_owner(map, name, NULL);
    if (owner && ascii_casecmp(owner->name, name) == 0) {
        parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line,
                   "duplicate section [%s] (first at line %ld)", name, owner->line);
        goto done;
    }
    if (owner) {
        parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line,
                   "'%s' is already an alias of [%s]", name, owner->name);
        goto done;
    }
    if (entries_append(&map->characters, &map->n_characters, name, ctx->line) != DRAMATIS_OK ||
        name_add(map, map->characters[map->n_characters - 1].name, map->n_characters - 1) !=
            DRAMATIS_OK) {
        name = NULL;   /* entries_append freed it, or the entry owns it */
        parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
        goto done;
    }
    name = NULL;       /* the entry owns it now */
    ctx->kind = SECTION_CHARACTER;
    ctx->index = map->n_characters - 1;
done:
    free(name);
}

/* inih's search for a delimiter: an inline comment (";" after whitespace)
 * ends the search too. */
static const char *find_chars_or_comment(const char *s, const char *chars)
{
    int was_space = 0;

    while (*s && !strchr(chars, *s) && !(was_space && *s == ';')) {
        was_space = is_space((unsigned char)*s);
        s++;
    }
    return s;
}

/* Follows section headers the way inih reads them, because inih tells its
 * handler neither the header's line, nor sections without keys, nor names
 * longer than 49 bytes (it truncates them). */
static void track_line(struct parse_ctx *ctx, const char *line)
{
    const char *p = line, *end;

    if (ctx->line == 1 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3;
    while (*p && is_space((unsigned char)*p))
        p++;
    if (*p == '\0' || *p == ';' || *p == '#')
        return;   /* blank or comment: inih skips both */
    if (p > line && ctx->key_seen)
        return;   /* indented: continues the previous key's value */
    if (*p == '[') {
        end = find_chars_or_comment(p + 1, "]");
        if (*end != ']')
            return;   /* inih reports the missing ']' as a syntax error */
        ctx->key_seen = 0;
        section_start(ctx, p + 1, (size_t)(end - (p + 1)));
        return;
    }
    end = find_chars_or_comment(p, "=:");
    if ((*end == '=' || *end == ':') && end > p)
        ctx->key_seen = 1;
}

/* inih's fgets(): hands over one line at a time so ctx->line always is the
 * number of the line inih works on when it calls the handler. */
static char *read_line(char *str, int num, void *stream)
{
    struct parse_ctx *ctx = stream;
    const char *nl;
    size_t len;

    if (ctx->status != DRAMATIS_OK || ctx->left == 0 || num < 4)
        return NULL;
    nl = memchr(ctx->pos, '\n', ctx->left);
    len = nl ? (size_t)(nl - ctx->pos) + 1 : ctx->left;
    /* inih would split a longer line and read its tail as a line of its own. */
    if (len > (size_t)num - 2) {
        parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line + 1,
                   "line is too long (at most %d bytes; split long alias lists "
                   "over several 'aliases =' lines)", num - 3);
        return NULL;
    }
    memcpy(str, ctx->pos, len);
    str[len] = '\0';
    ctx->pos += len;
    ctx->left -= len;
    ctx->line++;
    track_line(ctx, str);
    return ctx->status == DRAMATIS_OK ? str : NULL;
}

/* An integer in [lo, hi] with nothing after it; 0 if it is not one. */
static int parse_int(const char *value, long lo, long hi, int *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(value, &end, 10);
    if (end == value || *end != '\0' || errno == ERANGE || v < lo || v > hi)
        return 0;
    *out = (int)v;
    return 1;
}

/* Decibels in [-GAIN_LIMIT, GAIN_LIMIT], optionally followed by "dB". */
static int parse_gain(const char *value, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(value, &end);
    if (end == value || errno == ERANGE)
        return 0;
    while (is_space((unsigned char)*end))
        end++;
    if (*end != '\0' && ascii_casecmp(end, "db") != 0)
        return 0;
    if (!(v >= -GAIN_LIMIT && v <= GAIN_LIMIT))   /* also rejects NaN */
        return 0;
    *out = v;
    return 1;
}

static int parse_gender(const char *value, dramatis_gender *out)
{
    static const struct {
        const char *word;
        dramatis_gender gender;
    } words[] = {
        {"female", DRAMATIS_GENDER_FEMALE}, {"f", DRAMATIS_GENDER_FEMALE},
        {"male", DRAMATIS_GENDER_MALE},     {"m", DRAMATIS_GENDER_MALE},
        {"unknown", DRAMATIS_GENDER_UNKNOWN}, {"x", DRAMATIS_GENDER_UNKNOWN},
        {"?", DRAMATIS_GENDER_UNKNOWN},     {"neutral", DRAMATIS_GENDER_UNKNOWN},
    };
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (ascii_casecmp(value, words[i].word) == 0) {
            *out = words[i].gender;
            return 1;
        }
    }
    return 0;
}

/* Adds the comma-separated aliases of value; repeated `aliases =` lines and
 * continuation lines add to the list. */
static void add_aliases(struct parse_ctx *ctx, struct voicemap_entry *e, const char *value)
{
    const struct voicemap_entry *owner;
    const char *p = value, *comma;
    char **grown;
    char *alias;

    while (*p) {
        comma = strchr(p, ',');
        if (comma == NULL)
            comma = p + strlen(p);
        alias = dup_trimmed(p, (size_t)(comma - p));
        p = *comma ? comma + 1 : comma;
        if (alias == NULL) {
            parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
            return;
        }
        if (alias[0] == '\0') {
            free(alias);
            continue;
        }
        owner = name_owner(ctx->map, alias, e);
        if (owner) {
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line,
                       "alias '%s' is already claimed by [%s]", alias, owner->name);
            free(alias);
            return;
        }
        grown = realloc(e->aliases, (e->n_aliases + 1) * sizeof *grown);
        if (grown == NULL) {
            free(alias);
            parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
            return;
        }
        e->aliases = grown;
        e->aliases[e->n_aliases++] = alias;
        if (e != &ctx->map->narrator && ctx->kind == SECTION_CHARACTER &&
            name_add(ctx->map, alias, ctx->index) != DRAMATIS_OK) {
            parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
            return;
        }
    }
}

/* Adds a line of [pronunciations] or [overrides].  inih has split it at the
 * first '=' or ':', so neither can be part of a key. */
static void add_pair(struct parse_ctx *ctx, const char *key, const char *value)
{
    struct dramatis_voicemap *map = ctx->map;
    int overrides = ctx->kind == SECTION_OVERRIDES;
    struct voicemap_pair **list = overrides ? &map->overrides : &map->pronunciations;
    size_t *n = overrides ? &map->n_overrides : &map->n_pronunciations;
    struct voicemap_pair *grown;
    size_t i;

    if (value[0] == '\0') {
        parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line, "%s for '%s' is empty",
                   overrides ? "speaker" : "pronunciation", key);
        return;
    }
    if (!overrides && strncmp(value, "[[", 2) == 0 &&
        (strlen(value) < 4 || strcmp(value + strlen(value) - 2, "]]") != 0)) {
        parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line,
                   "phonemes for '%s' must be written [[like this]]", key);
        return;
    }
    for (i = 0; i < *n; i++) {
        if (ascii_casecmp((*list)[i].key, key) == 0) {
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line, "'%s' is already given at line %ld",
                       key, (*list)[i].line);
            return;
        }
    }
    grown = realloc(*list, (*n + 1) * sizeof *grown);
    if (grown == NULL) {
        parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
        return;
    }
    *list = grown;
    grown[*n].key = strdup(key);
    grown[*n].value = strdup(value);
    grown[*n].line = ctx->line;
    if (grown[*n].key == NULL || grown[*n].value == NULL) {
        free(grown[*n].key);
        free(grown[*n].value);
        parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
        return;
    }
    (*n)++;
}

/* Adds a line of [book]; a key given again (or continued on an indented
 * line) goes on on a new line of the same value. */
static void add_book(struct parse_ctx *ctx, const char *key, const char *value)
{
    struct dramatis_voicemap *map = ctx->map;
    struct voicemap_pair *grown;
    size_t i;

    if (!voicemap_book_key(key)) {
        parse_warn(ctx, "unknown key '%s' in [book]", key);
        return;
    }
    for (i = 0; i < map->n_book; i++) {
        if (ascii_casecmp(map->book[i].key, key) == 0) {
            size_t a = strlen(map->book[i].value), b = strlen(value);
            char *joined = realloc(map->book[i].value, a + b + 2);
            if (joined == NULL) {
                parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
                return;
            }
            joined[a] = '\n';
            memcpy(joined + a + 1, value, b + 1);
            map->book[i].value = joined;
            return;
        }
    }
    grown = realloc(map->book, (map->n_book + 1) * sizeof *grown);
    if (grown == NULL) {
        parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
        return;
    }
    map->book = grown;
    grown[map->n_book].key = strdup(key);
    grown[map->n_book].value = strdup(value);
    grown[map->n_book].line = ctx->line;
    if (grown[map->n_book].key == NULL || grown[map->n_book].value == NULL) {
        free(grown[map->n_book].key);
        free(grown[map->n_book].value);
        parse_fail(ctx, DRAMATIS_ERR_NOMEM, ctx->line, "out of memory");
        return;
    }
    map->n_book++;
}

/* inih's handler: one `key = value` (or continuation line) of the current
 * section.  Returns 0 to mark the line as an error. */
static int on_key(void *user, const char *section, const char *key, const char *value)
{
    struct parse_ctx *ctx = user;
    struct voicemap_entry *e;
    int n;

    (void)section;   /* truncated by inih; track_line keeps the full name */
    if (ctx->status != DRAMATIS_OK)
        return 0;
    if (ctx->kind == SECTION_PRONUNCIATIONS || ctx->kind == SECTION_OVERRIDES) {
        add_pair(ctx, key, value);
        return ctx->status == DRAMATIS_OK;
    }
    if (ctx->kind == SECTION_BOOK) {
        add_book(ctx, key, value);
        return ctx->status == DRAMATIS_OK;
    }
    if (ctx->kind == SECTION_PAUSES) {
        char message[256];
        enum voicemap_pause_result r =
            voicemap_set_pause(ctx->map, key, value, ctx->line, message, sizeof message);
        if (r == VOICEMAP_PAUSE_UNKNOWN)
            parse_warn(ctx, "%s", message);
        else if (r == VOICEMAP_PAUSE_BAD)
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line, "%s", message);
        return ctx->status == DRAMATIS_OK;
    }
    e = current_entry(ctx);
    if (e == NULL) {
        parse_warn(ctx, "key '%s' outside any section is ignored", key);
        return ctx->status == DRAMATIS_OK;
    }
    if (ascii_casecmp(key, "voice") == 0) {
        if (value[0] == '\0')
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line, "voice must not be empty");
        else if (strlen(value) >= sizeof e->voice.name)
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line, "voice name is too long (at most %zu bytes)",
                       sizeof e->voice.name - 1);
        else {
            snprintf(e->voice.name, sizeof e->voice.name, "%s", value);
            e->set |= VOICE_SET_NAME;
            e->voice_line = ctx->line;
        }
    } else if (ascii_casecmp(key, "rate") == 0) {
        if (parse_int(value, RATE_MIN, RATE_MAX, &n)) {
            e->voice.rate = n;
            e->set |= VOICE_SET_RATE;
        } else {
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line, "rate must be %d-%d, got '%s'",
                       RATE_MIN, RATE_MAX, value);
        }
    } else if (ascii_casecmp(key, "pitch") == 0) {
        if (parse_int(value, 0, 100, &n)) {
            e->voice.pitch = n;
            e->set |= VOICE_SET_PITCH;
        } else {
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line, "pitch must be 0-100, got '%s'", value);
        }
    } else if (ascii_casecmp(key, "range") == 0) {
        if (parse_int(value, 0, 100, &n)) {
            e->voice.range = n;
            e->set |= VOICE_SET_RANGE;
        } else {
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line, "range must be 0-100, got '%s'", value);
        }
    } else if (ascii_casecmp(key, "gain") == 0) {
        if (parse_gain(value, &e->voice.gain))
            e->set |= VOICE_SET_GAIN;
        else
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line,
                       "gain must be -20 to 20 dB, got '%s'", value);
    } else if (ascii_casecmp(key, "gender") == 0) {
        if (!parse_gender(value, &e->gender))
            parse_fail(ctx, DRAMATIS_ERR_MAP, ctx->line,
                       "gender must be female, male or unknown, got '%s'", value);
    } else if (ascii_casecmp(key, "aliases") == 0) {
        if (ctx->kind == SECTION_CHARACTER)
            add_aliases(ctx, e, value);
        else
            parse_warn(ctx, "key 'aliases' does nothing in [%s%s]",
                       ctx->kind == SECTION_POOL ? "pool:" : "", e->name);
    } else {
        parse_warn(ctx, "unknown key '%s'", key);
    }
    return ctx->status == DRAMATIS_OK;
}

/* Line of the first byte sequence that is not UTF-8, or 0 if all of it is;
 * names end up in JSON scripts and Opus tags, which must be UTF-8. */
static long invalid_utf8_line(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    long line = 1;
    int n, i;

    while (*p) {
        if (*p < 0x80) {
            if (*p == '\n')
                line++;
            p++;
            continue;
        }
        if (*p >= 0xC2 && *p <= 0xDF)
            n = 1;
        else if (*p >= 0xE0 && *p <= 0xEF)
            n = 2;
        else if (*p >= 0xF0 && *p <= 0xF4)
            n = 3;
        else
            return line;
        /* Overlong forms, UTF-16 surrogates and code points past U+10FFFF. */
        if ((*p == 0xE0 && p[1] < 0xA0) || (*p == 0xED && p[1] >= 0xA0) ||
            (*p == 0xF0 && p[1] < 0x90) || (*p == 0xF4 && p[1] >= 0x90))
            return line;
        for (i = 1; i <= n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return line;
        p += n + 1;
    }
    return 0;
}

dramatis_status voicemap_parse(const char *name, const char *text,
                               struct dramatis_voicemap **out, struct dramatis_error *err)
{
    struct dramatis_voicemap *map = NULL;
    struct parse_ctx ctx;
    dramatis_status st;
    long bad;
    int rc;

    if (out == NULL || text == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "voicemap_parse: no text");
    *out = NULL;
    if (name == NULL)
        name = "voice map";
    map = calloc(1, sizeof *map);
    if (map == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, name, 0, NULL);
    entry_init(&map->narrator, 0);
    entry_init(&map->narrator_female, 0);
    map->path = strdup(name);
    map->narrator.name = strdup("narrator");
    map->narrator_female.name = strdup("narrator:female");
    if (map->path == NULL || map->narrator.name == NULL || map->narrator_female.name == NULL) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, name, 0, NULL);
        goto fail;
    }
    bad = invalid_utf8_line(text);
    if (bad) {
        st = error_set(err, DRAMATIS_ERR_MAP, name, bad, "invalid UTF-8");
        goto fail;
    }

    memset(&ctx, 0, sizeof ctx);
    ctx.map = map;
    ctx.name = name;
    ctx.pos = text;
    ctx.left = strlen(text);
    ctx.err = err;
    rc = ini_parse_stream(read_line, &ctx, on_key, &ctx);
    /* inih goes on after a syntax error, so an earlier one beats ours. */
    if (rc > 0 && (ctx.status == DRAMATIS_OK || rc < ctx.fail_line)) {
        st = error_set(err, DRAMATIS_ERR_MAP, name, rc, "syntax error");
        goto fail;
    }
    if (ctx.status != DRAMATIS_OK) {
        st = ctx.status;
        goto fail;
    }
    if (rc < 0) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, name, 0, NULL);
        goto fail;
    }
    *out = map;
    return DRAMATIS_OK;
fail:
    dramatis_voicemap_free(map);
    return st;
}

dramatis_status voicemap_default(struct dramatis_voicemap **out, struct dramatis_error *err)
{
    return voicemap_parse("voices/default.ini", voicemap_default_ini, out, err);
}

dramatis_status dramatis_voicemap_load(const char *path, struct dramatis_voicemap **out,
                                       struct dramatis_error *err)
{
    FILE *f = NULL;
    struct buf b;
    char chunk[4096];
    const char *nul;
    dramatis_status st;
    size_t n, i;
    long line;

    buf_init(&b, MAP_MAX_BYTES);
    if (out == NULL || path == NULL) {
        st = error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "dramatis_voicemap_load: no path");
        goto fail;
    }
    *out = NULL;
    f = fopen(path, "rb");
    if (f == NULL) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "%s", strerror(errno));
        goto fail;
    }
    for (;;) {
        n = fread(chunk, 1, sizeof chunk, f);
        if (n == 0)
            break;
        if (b.len + n > MAP_MAX_BYTES) {
            st = error_set(err, DRAMATIS_ERR_MAP, path, 0, "file is too large for a voice map");
            goto fail;
        }
        st = buf_add(&b, chunk, n);
        if (st != DRAMATIS_OK) {
            error_set(err, st, path, 0, NULL);
            goto fail;
        }
    }
    if (ferror(f)) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "read error");
        goto fail;
    }
    nul = b.len ? memchr(b.data, '\0', b.len) : NULL;
    if (nul) {
        line = 1;
        for (i = 0; b.data + i < nul; i++)
            if (b.data[i] == '\n')
                line++;
        st = error_set(err, DRAMATIS_ERR_MAP, path, line, "NUL byte: not a text file");
        goto fail;
    }
    st = voicemap_parse(path, b.data ? b.data : "", out, err);
fail:
    if (f)
        fclose(f);
    buf_cleanup(&b);
    return st;
}

const struct voicemap_entry *voicemap_find(const struct dramatis_voicemap *map,
                                           const char *name)
{
    if (map == NULL || name == NULL)
        return NULL;
    /* names and aliases are never shared between characters (the parser
     * refuses that), so the index finds what a search of names, then of
     * aliases, would */
    return name_owner(map, name, NULL);
}

dramatis_status voicemap_set_characters(const struct dramatis_voicemap *map, struct dramatis_book *book,
                              struct dramatis_error *err)
{
    const struct voicemap_entry *e;
    dramatis_status st;
    size_t i;

    if (map == NULL || book == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "voicemap_set_characters: no map or book");
    book_characters_clear(book);
    for (i = 0; i < map->n_characters; i++) {
        e = &map->characters[i];
        st = book_character_add(book, e->name, (const char *const *)e->aliases, e->n_aliases,
                                e->gender, NULL);
        if (st != DRAMATIS_OK)
            return error_set(err, st, map->path, e->line, NULL);
    }
    return DRAMATIS_OK;
}

/* Automatic casting: every voice the table measured as usable, at each
 * measured pitch setting and three paces, is a candidate; each character,
 * most talkative first, takes the candidate farthest from the narrator and
 * from the people they talk with. */

/* Pitch settings away from 50 sound strained (20 and 80 most): each step
 * away must win this much. */
#define PITCH_STEP_COST 0.01
/* A timbre far from the usual (en-us+Lee's odd formants) is a caricature:
 * its distance from the usable voices' mean timbre, in distance units,
 * costs this much per unit.  Without it casting prefers oddities, which
 * are far from everyone. */
#define ODDNESS_COST 0.5
/* Paces tried, relative to the narrator's words a minute: within 10%. */
static const double pace_steps[] = {1.0, 0.95, 1.05};
/* A pace off the narrator's must win by this. */
#define PACE_COST 0.05
/* Mean pitch that reads as a man's (Hz): above, a boy or a woman; below, a growl. */
#define MALE_F0_MIN 90.0
#define MALE_F0_MAX 150.0
/* ... and as a woman's. */
#define FEMALE_F0_MIN 160.0
#define FEMALE_F0_MAX 300.0
/* Distances count up to this: past it, being farther gains nothing, so
 * the nearer voices decide. */
#define DISTANCE_CAP 2.0
/* Weight of the distance to the rest of the cast beside the distance to
 * the narrator and the people a character talks with. */
#define OTHERS_WEIGHT 0.3
/* "The rest of the cast": this many of the most talkative. */
#define OTHERS_MAX 40
/* Cost of each partner (or the narrator) not even separable by accent or
 * 2 semitones: any separable choice beats it. */
#define UNSEPARABLE_COST 10.0
/* The narrator is heard most: a character whose mean pitch is within this
 * many semitones of the narrator's is mistaken for narration (the bench's
 * one-second chunks), whatever the accent, so each semitone short costs
 * NARRATOR_PITCH_COST. */
#define NARRATOR_PITCH_ST 3.0
#define NARRATOR_PITCH_COST 0.5
/* Words a minute per rate step of a voice the table does not know
 * (espeak-ng's voices measure 1.05-1.15). */
#define WPM_PER_RATE 1.09

struct candidate {
    const struct voice_measure *m;
    int pitch;
    double f0;
    double oddness;    /* timbre's distance from the mean, in distance units */
};

/* The character indexes, most dialogue lines first, book order on ties
 * (a stable insertion sort: casts are small); NULL when out of memory. */
static size_t *talk_order(const struct dramatis_book *book)
{
    size_t *lines, *order, i, j, c, p, s, tmp;

    lines = calloc(book->n_characters + 1, sizeof *lines);
    order = calloc(book->n_characters + 1, sizeof *order);
    if (lines == NULL || order == NULL) {
        free(lines);
        free(order);
        return NULL;
    }
    for (c = 0; c < book->n_chapters; c++) {
        const struct chapter *ch = &book->chapters[c];
        for (p = 0; p < ch->n_paragraphs; p++) {
            for (s = 0; s < ch->paragraphs[p].n_segments; s++) {
                const struct segment *seg = &ch->paragraphs[p].segments[s];
                if (seg->kind == SEGMENT_DIALOGUE && seg->speaker >= 0 &&
                    (size_t)seg->speaker < book->n_characters)
                    lines[seg->speaker]++;
            }
        }
    }
    for (i = 0; i < book->n_characters; i++) {
        order[i] = i;
        for (j = i; j > 0 && lines[order[j]] > lines[order[j - 1]]; j--) {
            tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    }
    free(lines);
    return order;
}

/* The usable table voices at every measured pitch setting; *n their count. */
static struct candidate *candidates_new(size_t *n)
{
    struct candidate *cand = calloc(voice_table_size * VOICE_TABLE_PITCHES + 1, sizeof *cand);
    double mean[VOICE_TABLE_TIMBRE] = {0}, odd, d;
    size_t i, k, usable = 0;

    *n = 0;
    if (cand == NULL)
        return NULL;
    for (i = 0; i < voice_table_size; i++) {
        if (voice_table[i].unusable[0] != '\0')
            continue;
        usable++;
        for (k = 0; k < VOICE_TABLE_TIMBRE; k++)
            mean[k] += voice_table[i].timbre[k];
    }
    for (k = 0; usable && k < VOICE_TABLE_TIMBRE; k++)
        mean[k] /= (double)usable;
    for (i = 0; i < voice_table_size; i++) {
        const struct voice_measure *m = &voice_table[i];
        if (m->unusable[0] != '\0')
            continue;
        odd = 0.0;
        for (k = 0; k < VOICE_TABLE_TIMBRE; k++) {
            d = m->timbre[k] - mean[k];
            odd += d * d;
        }
        odd = sqrt(odd) / (2.0 * voice_table_timbre_median);
        for (k = 0; k < VOICE_TABLE_PITCHES; k++) {
            cand[*n].m = m;
            cand[*n].pitch = voice_table_pitches[k];
            cand[*n].f0 = m->f0[k];
            cand[*n].oddness = odd;
            (*n)++;
        }
    }
    return cand;
}

static int gender_fits(const struct candidate *c, dramatis_gender g)
{
    if (g == DRAMATIS_GENDER_MALE)
        return c->m->gender == DRAMATIS_GENDER_MALE && c->f0 >= MALE_F0_MIN &&
               c->f0 <= MALE_F0_MAX;
    if (g == DRAMATIS_GENDER_FEMALE)
        return c->m->gender == DRAMATIS_GENDER_FEMALE && c->f0 >= FEMALE_F0_MIN &&
               c->f0 <= FEMALE_F0_MAX;
    return c->f0 >= MALE_F0_MIN && c->f0 <= FEMALE_F0_MAX;
}

/* The espeak-ng rate at which voice name speaks wpm words a minute. */
static int rate_for(const char *name, double wpm)
{
    const struct voice_measure *m = voice_table_find(name);
    double rate = m ? wpm * voice_table_rate / m->wpm : wpm / WPM_PER_RATE;

    return rate < RATE_MIN ? RATE_MIN : rate > RATE_MAX ? RATE_MAX : (int)lround(rate);
}

/* Words a minute of a voice as set. */
static double voice_wpm(const struct voice *v)
{
    const struct voice_measure *m = voice_table_find(v->name);

    return m ? voice_table_wpm(m, v->rate) : v->rate * WPM_PER_RATE;
}

static double capped(double d)
{
    return d < DISTANCE_CAP ? d : DISTANCE_CAP;
}

/* What casting knows of the cast so far. */
struct casting {
    struct dramatis_book *book;
    const unsigned *talks;          /* talk_matrix() */
    const unsigned char *cast;      /* 1: has its voice */
    const size_t *order;            /* most talkative first */
    struct voice_profile narrator;
    struct voice_profile *prof;     /* of each cast character's voice */
};

/* How good pv is for character i: its distance to the narrator and the
 * cast members i talks with, then to the rest of the most talkative. */
static double score_voice(const struct voice_profile *pv, const struct casting *cs, size_t i)
{
    size_t n = cs->book->n_characters, j, k, others = 0;
    double near = capped(voice_profile_distance(pv, &cs->narrator)), far = DISTANCE_CAP, d;
    double cost = voice_profile_separable(pv, &cs->narrator) ? 0.0 : UNSEPARABLE_COST;

    if (pv->m && cs->narrator.m) {
        d = fabs(12.0 * log2(pv->f0 / cs->narrator.f0));
        if (d < NARRATOR_PITCH_ST)
            cost += NARRATOR_PITCH_COST * (NARRATOR_PITCH_ST - d);
    }

    for (k = 0; k < n; k++) {
        j = cs->order[k];
        if (j == i || !cs->cast[j])
            continue;
        if (cs->talks && cs->talks[i * n + j]) {
            d = capped(voice_profile_distance(pv, &cs->prof[j]));
            if (d < near)
                near = d;
            if (!voice_profile_separable(pv, &cs->prof[j]))
                cost += UNSEPARABLE_COST;
        } else if (others < OTHERS_MAX) {
            others++;
            d = capped(voice_profile_distance(pv, &cs->prof[j]));
            if (d < far)
                far = d;
        }
    }
    return near + OTHERS_WEIGHT * far - cost;
}

/* Scores candidate cd at pace step p for character i into *v. */
static double try_candidate(const struct candidate *cd, size_t p, int fixed_rate,
                            double narrator_wpm, const struct casting *cs, size_t i,
                            struct voice *v)
{
    struct voice_profile pv;
    double cost = 0.0;

    voice_defaults(v);
    snprintf(v->name, sizeof v->name, "%s", cd->m->name);
    v->pitch = cd->pitch;
    v->rate = fixed_rate > 0 ? fixed_rate : rate_for(cd->m->name, narrator_wpm * pace_steps[p]);
    pv.v = v;
    pv.m = cd->m;
    pv.f0 = cd->f0;
    pv.wpm = voice_table_wpm(cd->m, v->rate);
    cost += PITCH_STEP_COST * abs(cd->pitch - 50) + ODDNESS_COST * cd->oddness;
    if (p > 0)
        cost += PACE_COST;
    return score_voice(&pv, cs, i) - cost;
}

/* Gives character i the best candidate voice: fixed_pitch >= 0 keeps the
 * map's pitch, fixed_rate > 0 the map's rate. */
static void cast_one(struct casting *cs, size_t i, const struct candidate *cand, size_t n_cand,
                     dramatis_gender g, int fixed_pitch, int fixed_rate, double narrator_wpm)
{
    struct voice v, best;
    struct candidate cd, best_cd;
    double score, best_score = -1e9;
    size_t k, p, n_pace = fixed_rate > 0 ? 1 : sizeof pace_steps / sizeof pace_steps[0];
    int any = 0, pass;

    best = cs->book->narrator;
    memset(&best_cd, 0, sizeof best_cd);
    /* the second pass takes any gender: a character gets a voice whatever
     * the table holds */
    for (pass = 0; pass < 2 && !any; pass++) {
        for (k = 0; k < n_cand; k++) {
            cd = cand[k];
            if (fixed_pitch >= 0) {
                if (cd.pitch != 50)
                    continue;   /* one entry per voice: the map fixes the pitch */
                cd.pitch = fixed_pitch;
                cd.f0 = voice_table_f0(cd.m, fixed_pitch);
            }
            if (pass == 0 && !gender_fits(&cd, g))
                continue;
            score = try_candidate(&cd, 0, fixed_rate, narrator_wpm, cs, i, &v);
            if (score > best_score) {
                best_score = score;
                best = v;
                best_cd = cd;
                any = 1;
            }
        }
    }
    /* pace: a little slower or faster when that sets the voice further apart */
    for (p = 1; any && p < n_pace; p++) {
        score = try_candidate(&best_cd, p, fixed_rate, narrator_wpm, cs, i, &v);
        if (score > best_score) {
            best_score = score;
            best = v;
        }
    }
    cs->book->characters[i].voice = best;
}

dramatis_status voicemap_assign(const struct dramatis_voicemap *map,
                                const struct dramatis_voicemap *pool,
                                struct dramatis_book *book, struct dramatis_error *err)
{
    struct dramatis_voicemap *own_pool = NULL;
    struct candidate *cand = NULL;
    struct casting cs;
    const struct voicemap_entry *e;
    unsigned char *cast = NULL;
    unsigned *talks = NULL;
    size_t *order = NULL;
    dramatis_gender g;
    dramatis_status st = DRAMATIS_OK;
    size_t i, k, n_cand = 0;
    double narrator_wpm;
    int first, female_teller;

    if (book == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "voicemap_assign: no book");
    memset(&cs, 0, sizeof cs);
    if (pool == NULL) {
        st = voicemap_default(&own_pool, err);
        if (st != DRAMATIS_OK)
            return st;
        pool = own_pool;
    }

    /* The narrator first.  A woman telling her own story is the narrator:
     * the narrator takes a woman's voice unless the map chose one. */
    first = book_first_person(book);
    g = first >= 0 ? book->characters[first].gender : DRAMATIS_GENDER_UNKNOWN;
    e = first >= 0 ? voicemap_find(map, book->characters[first].name) : NULL;
    if (g == DRAMATIS_GENDER_UNKNOWN && e)
        g = e->gender;
    female_teller = g == DRAMATIS_GENDER_FEMALE && !(map && (map->narrator.set & VOICE_SET_NAME));
    voice_defaults(&book->narrator);
    voice_overlay(&book->narrator, &pool->narrator);
    if (female_teller) {
        voice_overlay(&book->narrator, &pool->narrator_female);
        if (map)
            voice_overlay(&book->narrator, &map->narrator_female);
    }
    if (map)
        voice_overlay(&book->narrator, &map->narrator);
    narrator_wpm = voice_wpm(&book->narrator);

    cast = calloc(book->n_characters + 1, 1);
    cand = candidates_new(&n_cand);
    order = talk_order(book);
    talks = talk_matrix(book);
    cs.prof = calloc(book->n_characters + 1, sizeof *cs.prof);
    if (cast == NULL || cand == NULL || order == NULL || cs.prof == NULL ||
        (talks == NULL && book->n_characters)) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    cs.book = book;
    cs.talks = talks;
    cs.cast = cast;
    cs.order = order;
    voice_profile_of(&book->narrator, &cs.narrator);

    /* The first-person narrator speaks in the narrator's voice; voices the
     * map names come next, so casting steers clear of all of them. */
    for (i = 0; i < book->n_characters; i++) {
        struct character *c = &book->characters[i];
        e = voicemap_find(map, c->name);
        if ((int)i == first && !(e && (e->set & VOICE_SET_NAME))) {
            c->voice = book->narrator;
            if (e)
                voice_overlay(&c->voice, e);
        } else if (e && (e->set & VOICE_SET_NAME)) {
            voice_defaults(&c->voice);
            voice_overlay(&c->voice, e);
            if (!(e->set & VOICE_SET_RATE))
                c->voice.rate = rate_for(c->voice.name, narrator_wpm);
        } else {
            continue;
        }
        voice_profile_of(&c->voice, &cs.prof[i]);
        cast[i] = 1;
    }

    for (k = 0; k < book->n_characters; k++) {
        struct character *c;
        i = order[k];
        c = &book->characters[i];
        if (cast[i])
            continue;
        e = voicemap_find(map, c->name);
        g = c->gender;
        if (g == DRAMATIS_GENDER_UNKNOWN && e)
            g = e->gender;
        cast_one(&cs, i, cand, n_cand, g, e && (e->set & VOICE_SET_PITCH) ? e->voice.pitch : -1,
                 e && (e->set & VOICE_SET_RATE) ? e->voice.rate : 0, narrator_wpm);
        if (e)
            voice_overlay(&c->voice, e);
        voice_profile_of(&c->voice, &cs.prof[i]);
        cast[i] = 1;
    }
fail:
    free(cs.prof);
    free(talks);
    free(order);
    free(cand);
    free(cast);
    dramatis_voicemap_free(own_pool);
    return st;
}
