/* Cast discovery: finds the people of a book that came without a cast, one
 * character per person however the text names them. */
#include "attribute_internal.h"

#include "buf.h"
#include "error.h"
#include "text.h"
#include "words.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 4        /* words of a name after its title */
#define MAX_CAST 80        /* characters discovery adds at most */

/* Counters kept per phrase (and per lowercased word). */
enum {
    N_ALL = 0,     /* every occurrence */
    N_INITIAL,     /* first word of a sentence: proves nothing */
    N_TAG,         /* `said Tobias`, `Tobias asked` */
    N_SUBJECT,     /* `Tobias looked`, `Tobias had` */
    N_PLACE,       /* `in Kell`, `at Ashford` */
    N_VOCATIVE,    /* `"Tobias, ..."` */
    N_SELF,        /* `my name is Ann`, `I, Ann Lee, ...`: the teller's name */
    N_LOWER,       /* lowercased word table: the word written in lowercase */
    N_COUNTERS
};

struct entry {
    char *key;
    long n[N_COUNTERS];
    int cluster;
};

struct table {
    struct entry *e;
    size_t cap, used;
};

static uint64_t hash_str(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static void table_cleanup(struct table *t)
{
    size_t i;

    for (i = 0; i < t->cap; i++)
        free(t->e[i].key);
    free(t->e);
    memset(t, 0, sizeof *t);
}

static dramatis_status table_grow(struct table *t)
{
    struct table bigger;
    size_t i, j;

    bigger.cap = t->cap ? t->cap * 2 : 1024;
    bigger.used = t->used;
    bigger.e = calloc(bigger.cap, sizeof *bigger.e);
    if (bigger.e == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (i = 0; i < t->cap; i++) {
        if (t->e[i].key == NULL)
            continue;
        j = hash_str(t->e[i].key, strlen(t->e[i].key)) & (bigger.cap - 1);
        while (bigger.e[j].key)
            j = (j + 1) & (bigger.cap - 1);
        bigger.e[j] = t->e[i];
    }
    free(t->e);
    *t = bigger;
    return DRAMATIS_OK;
}

/* The entry for key[0, n), created when missing; NULL when out of memory. */
static struct entry *table_get(struct table *t, const char *key, size_t n, int create)
{
    size_t j;

    if (t->cap == 0 || (t->used + 1) * 2 > t->cap) {
        if (!create)
            return NULL;
        if (table_grow(t) != DRAMATIS_OK)
            return NULL;
    }
    j = hash_str(key, n) & (t->cap - 1);
    while (t->e[j].key) {
        if (strlen(t->e[j].key) == n && memcmp(t->e[j].key, key, n) == 0)
            return &t->e[j];
        j = (j + 1) & (t->cap - 1);
    }
    if (!create)
        return NULL;
    t->e[j].key = strndup(key, n);
    if (t->e[j].key == NULL)
        return NULL;
    t->e[j].cluster = -1;
    t->used++;
    return &t->e[j];
}

static int is_upper_word(const char *text, const struct attr_tok *t)
{
    return t->kind == ATTR_TOK_WORD && isupper((unsigned char)text[t->start]);
}

/* Capitalized words that are never a person's name on their own. */
static const char *const not_names[] = {
    "i", "i'm", "i'll", "i've", "i'd", "god", "heaven", "lord", "chapter", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "english", "french", "england", "london", "ok", "okay", "oh", "ah", "mr",
    "mrs", "miss", "sir", "madam", "christmas", "yes", "no", "the", "a", "an", "and",
    "but", "he", "she", "it", "they", "we", "you", "his", "her", "my", "our", "your",
    "what", "why", "how", "who", "where", "when", "if", "then", "there", "this", "that",
    "o", "dear", "well", "now", "thank", "please", "good", "hello", "hi", "tv", "ps",
    "so", "as", "even", "also", "still", "yet", "only", "just", "being", "finally",
    "perhaps", "indeed", "first", "second", "third", "fourth", "fifth", "last",
    NULL
};

static const char *const place_words[] = {
    "in", "at", "from", "to", "into", "towards", "toward", "near", "through", "across",
    "of", "around", "outside", "inside", "reach", "reached", "leave", "left", "visit",
    "visited", NULL
};

static const char *const subject_verbs[] = {
    "was", "had", "is", "has", "did", "would", "could", "should", "will", "might",
    "must", "can", "does", "looked", "smiled", "nodded", "turned", "sighed", "laughed",
    "shook", "took", "gave", "felt", "knew", "thought", "saw", "made", "came", "went",
    "stood", "sat", "seemed", "began", "got", "put", "kept", "let", "ran", "walked",
    "shrugged", "grinned", "frowned", "rolled", "blinked", "paused", "hesitated",
    "glanced", "stared", "watched", "waited", "leaned", "reached", "pulled", "pushed",
    "hummed", "huffed", "snorted", "scoffed", "chuckled", "giggled", "groaned",
    "bowed", "rose", "remained", "never", "always", "also", "then", "only", "just",
    "who", "himself", "herself", NULL
};

/* Bytes of the possessive `'s` that ends the word [start, end)
 * (`Tobias's`, `Mara’s`), else 0. */
static size_t possessive_len(const char *text, size_t start, size_t end)
{
    size_t len;

    if (end - start < 3 || text[end - 1] != 's')
        return 0;
    if (!text_is_apostrophe_cp(text_cp_before(text, start, end - 1, &len)) ||
        end - 1 - len == start)
        return 0;
    return 1 + len;
}

/* One name phrase seen in the text. */
struct phrase {
    size_t from, to;      /* tokens [from, to) of the name, title included */
    int title_gender;     /* -1: no title */
    int the_form;         /* `the Ferryman` */
};

/* Appends token text to b with single spaces; honorific suffixes stripped
 * (`Tobias-sensei` -> `Tobias`). */
static dramatis_status phrase_key(const char *text, const struct attr_tok *t, size_t from,
                                  size_t to, int the_form, struct buf *b)
{
    size_t k, end, h, len;
    dramatis_status st = DRAMATIS_OK;

    buf_reset(b);
    if (the_form)
        st = buf_adds(b, "The ");
    for (k = from; k < to && st == DRAMATIS_OK; k++) {
        if (k > from)
            st = buf_add(b, " ", 1);
        end = t[k].end;
        for (h = t[k].start; h < end; h += len) {
            if (text_is_hyphen_cp(text_cp_at(text, h, end, &len)) &&
                attr_is_honorific(text + h + len, end - h - len)) {
                end = h;
                break;
            }
        }
        /* a possessive is not part of the name */
        end -= possessive_len(text, t[k].start, end);
        if (st == DRAMATIS_OK)
            st = buf_add(b, text + t[k].start, end - t[k].start);
    }
    return st;
}

struct discovery {
    const struct dramatis_book *book;
    struct table phrases;
    struct table words;      /* lowercased words: how often written lowercase */
    struct buf key;
    struct attr_tok *toks;
    size_t cap_toks;
};

/* Records the lowercase uses of every word (`well` vs `Well`). */
static dramatis_status count_words(struct discovery *d, const struct attr_tok *t, size_t n)
{
    const char *text = d->book->text;
    size_t k;
    struct entry *e;

    for (k = 0; k < n; k++) {
        if (t[k].kind != ATTR_TOK_WORD || !islower((unsigned char)text[t[k].start]))
            continue;
        e = table_get(&d->words, text + t[k].start, t[k].end - t[k].start, 1);
        if (e == NULL)
            return DRAMATIS_ERR_NOMEM;
        e->n[N_LOWER]++;
    }
    return DRAMATIS_OK;
}

/* Scans one segment's tokens for name phrases and counts how each is used. */
static dramatis_status scan_segment(struct discovery *d, const struct attr_tok *t, size_t n,
                                    int dialogue, int after_quote)
{
    const char *text = d->book->text;
    size_t k = 0, j, from;
    int initial, the_form, tg;
    struct entry *e;
    dramatis_status st;

    while (k < n) {
        if (t[k].kind != ATTR_TOK_WORD || !is_upper_word(text, &t[k])) {
            k++;
            continue;
        }
        initial = (k == 0 && (dialogue || !after_quote)) ||
                  (k > 0 && t[k - 1].kind == ATTR_TOK_PUNCT &&
                   (t[k - 1].punct == '.' || t[k - 1].punct == '!' || t[k - 1].punct == '?' ||
                    t[k - 1].punct == '"' || t[k - 1].punct == ':'));
        the_form = k > 0 && attr_tok_is(text, &t[k - 1], "the") && !initial;
        from = k;
        tg = attr_title_gender(text + t[k].start, t[k].end - t[k].start);
        j = k;
        if (tg >= 0 && isupper((unsigned char)text[t[k].start]) && k + 1 < n && is_upper_word(text, &t[k + 1]))
            j++;   /* `Mr. Hale`: the title belongs to the name */
        else
            tg = -1;
        while (j < n && j - from < MAX_WORDS + (tg >= 0) && is_upper_word(text, &t[j]) &&
               !attr_tok_in(text, &t[j], not_names))
            j++;
        if (j == from || (tg >= 0 && j == from + 1)) {
            k = from + 1;
            continue;
        }
        if (attr_tok_in(text, &t[from], not_names) && tg < 0) {
            k = from + 1;
            continue;
        }
        st = phrase_key(text, t, from, j, the_form && tg < 0, &d->key);
        if (st != DRAMATIS_OK)
            return st;
        e = table_get(&d->phrases, d->key.data, d->key.len, 1);
        if (e == NULL)
            return DRAMATIS_ERR_NOMEM;
        e->n[N_ALL]++;
        if (initial && tg < 0)
            e->n[N_INITIAL]++;
        if (!dialogue) {
            size_t a = from, b = j;
            /* `said Tobias`, `said the Ferryman`, `Tobias quickly asked` */
            if (the_form)
                a--;
            if ((a >= 1 && word_is_tag_verb(text + t[a - 1].start, t[a - 1].end - t[a - 1].start)) ||
                (b < n && word_is_tag_verb(text + t[b].start, t[b].end - t[b].start)) ||
                (b + 1 < n && t[b].kind == ATTR_TOK_WORD && t[b].end - t[b].start > 3 &&
                 text[t[b].end - 1] == 'y' && text[t[b].end - 2] == 'l' &&
                 word_is_tag_verb(text + t[b + 1].start, t[b + 1].end - t[b + 1].start)))
                e->n[N_TAG]++;
            if (b < n && t[b].kind == ATTR_TOK_WORD && islower((unsigned char)text[t[b].start]) &&
                (attr_tok_in(text, &t[b], subject_verbs) ||
                 (t[b].end - t[b].start > 3 && text[t[b].end - 1] == 'd' && text[t[b].end - 2] == 'e')))
                e->n[N_SUBJECT]++;
            if (b < n && t[b].kind == ATTR_TOK_WORD && possessive_len(text, t[b].start, t[b].end) > 0)
                e->n[N_SUBJECT]++;
            if (attr_self_named(text, t, n, a, b))
                e->n[N_SELF]++;
            /* `in Kell`, `to Ashford`; not `looked at Mara`, `turned to him` */
            if (a >= 1 && tg < 0 && attr_tok_in(text, &t[a - 1], place_words) &&
                !(a >= 2 && t[a - 2].kind == ATTR_TOK_WORD && t[a - 2].end - t[a - 2].start > 3 &&
                  text[t[a - 2].end - 1] == 'd' && text[t[a - 2].end - 2] == 'e'))
                e->n[N_PLACE]++;
        } else {
            int before = from == 0 || (t[from - 1].kind == ATTR_TOK_PUNCT && t[from - 1].punct != '\'');
            int after = j == n || (t[j].kind == ATTR_TOK_PUNCT && t[j].punct != '\'');
            if (before && after && n > j - from + 1)
                e->n[N_VOCATIVE]++;
        }
        k = j;
    }
    return DRAMATIS_OK;
}

/* A kept phrase, split into title and words for merging. */
struct cand {
    struct entry *e;
    int title_gender;        /* -1 none */
    char title[16];
    const char *words[MAX_WORDS + 1];
    size_t lens[MAX_WORDS + 1];
    size_t n_words;
    int the_form;
    long score;
    int parent;              /* union-find */
};

static int find_root(struct cand *c, int i)
{
    while (c[i].parent != i) {
        c[i].parent = c[c[i].parent].parent;
        i = c[i].parent;
    }
    return i;
}

static void unite(struct cand *c, int a, int b)
{
    a = find_root(c, a);
    b = find_root(c, b);
    if (a != b)
        c[b].parent = a;
}

static void split_cand(struct cand *c)
{
    const char *s = c->e->key, *sp;
    size_t n;

    c->title_gender = -1;
    c->title[0] = '\0';
    c->n_words = 0;
    c->the_form = strncmp(s, "The ", 4) == 0;
    if (c->the_form)
        s += 4;
    sp = strchr(s, ' ');
    if (sp) {
        n = (size_t)(sp - s);
        c->title_gender = attr_title_gender(s, n);
        if (c->title_gender >= 0 && n < sizeof c->title) {
            memcpy(c->title, s, n);
            c->title[n] = '\0';
            s = sp + 1;
        } else {
            c->title_gender = -1;
        }
    }
    while (*s && c->n_words <= MAX_WORDS) {
        sp = strchr(s, ' ');
        n = sp ? (size_t)(sp - s) : strlen(s);
        c->words[c->n_words] = s;
        c->lens[c->n_words] = n;
        c->n_words++;
        s += n;
        while (*s == ' ')
            s++;
    }
}

static int same_word(const struct cand *a, size_t i, const struct cand *b, size_t j)
{
    return a->lens[i] == b->lens[j] && memcmp(a->words[i], b->words[j], a->lens[i]) == 0;
}

/* Is the person evidence of a phrase strong enough to call it a character? */
static int person_like(struct discovery *d, const struct entry *e)
{
    long non_initial = e->n[N_ALL] - e->n[N_INITIAL];
    const char *sp = strchr(e->key, ' ');
    struct entry *w;
    char low[64];
    size_t n, i;

    if (e->n[N_SELF] > 0)
        return 1;
    if (non_initial < 1 && e->n[N_TAG] < 1)
        return 0;
    if (e->n[N_PLACE] * 3 > e->n[N_ALL] && e->n[N_TAG] < 2)
        return 0;
    if (sp == NULL) {
        /* one word that is also written in lowercase is a common word */
        n = strlen(e->key);
        if (n >= sizeof low)
            return 0;
        for (i = 0; i < n; i++)
            low[i] = (char)tolower((unsigned char)e->key[i]);
        w = table_get(&d->words, low, n, 0);
        if (w && w->n[N_LOWER] * 2 > non_initial)
            return 0;
    }
    if (strncmp(e->key, "The ", 4) == 0)
        return e->n[N_TAG] >= 2;
    return e->n[N_TAG] >= 1 || e->n[N_SUBJECT] >= 2 || e->n[N_VOCATIVE] >= 2 ||
           (non_initial >= 4 && e->n[N_SUBJECT] >= 1);
}

static int by_score(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;

    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return strcmp(x->e->key, y->e->key);
}

/* Common English pet forms of given names, each with its full name. */
static const char *const pet_names[][2] = {
    { "Lizzy", "Elizabeth" }, { "Lizzie", "Elizabeth" }, { "Liz", "Elizabeth" },
    { "Eliza", "Elizabeth" }, { "Beth", "Elizabeth" }, { "Betsy", "Elizabeth" },
    { "Betty", "Elizabeth" }, { "Bess", "Elizabeth" }, { "Bessie", "Elizabeth" },
    { "Libby", "Elizabeth" }, { "Maggie", "Margaret" }, { "Meg", "Margaret" },
    { "Peggy", "Margaret" }, { "Kate", "Catherine" }, { "Kitty", "Catherine" },
    { "Katie", "Catherine" }, { "Cathy", "Catherine" }, { "Kate", "Katherine" },
    { "Kitty", "Katherine" }, { "Katie", "Katherine" }, { "Kathy", "Katherine" },
    { "Molly", "Mary" }, { "Polly", "Mary" }, { "Annie", "Anne" }, { "Nan", "Anne" },
    { "Nancy", "Anne" }, { "Annie", "Ann" }, { "Annie", "Anna" }, { "Sue", "Susan" },
    { "Susie", "Susan" }, { "Sally", "Sarah" }, { "Patty", "Martha" }, { "Dolly", "Dorothy" },
    { "Dora", "Dorothy" }, { "Nell", "Eleanor" }, { "Nelly", "Eleanor" }, { "Nell", "Helen" },
    { "Nellie", "Helen" }, { "Nell", "Ellen" }, { "Hattie", "Harriet" }, { "Fanny", "Frances" },
    { "Lottie", "Charlotte" }, { "Carrie", "Caroline" }, { "Becky", "Rebecca" },
    { "Judy", "Judith" }, { "Josie", "Josephine" }, { "Bella", "Isabella" },
    { "Milly", "Amelia" }, { "Emmy", "Emily" }, { "Will", "William" }, { "Willy", "William" },
    { "Willie", "William" }, { "Bill", "William" }, { "Billy", "William" }, { "Bob", "Robert" },
    { "Bobby", "Robert" }, { "Rob", "Robert" }, { "Dick", "Richard" }, { "Dicky", "Richard" },
    { "Ned", "Edward" }, { "Ted", "Edward" }, { "Teddy", "Edward" }, { "Eddie", "Edward" },
    { "Tom", "Thomas" }, { "Tommy", "Thomas" }, { "Jack", "John" }, { "Johnny", "John" },
    { "Jim", "James" }, { "Jimmy", "James" }, { "Jem", "James" }, { "Harry", "Henry" },
    { "Hal", "Henry" }, { "Charley", "Charles" }, { "Charlie", "Charles" }, { "Joe", "Joseph" },
    { "Sam", "Samuel" }, { "Sammy", "Samuel" }, { "Ben", "Benjamin" }, { "Benny", "Benjamin" },
    { "Fred", "Frederick" }, { "Freddy", "Frederick" }, { "Alec", "Alexander" },
    { "Sandy", "Alexander" }, { "Nick", "Nicholas" }, { "Mike", "Michael" }, { "Dan", "Daniel" },
    { "Danny", "Daniel" }, { "Davy", "David" }, { "Dave", "David" }, { "Pete", "Peter" },
    { "Frank", "Francis" }, { "Tony", "Anthony" }, { "Andy", "Andrew" }, { "Matt", "Matthew" },
    { "Larry", "Lawrence" }, { "Bert", "Albert" }, { "Tim", "Timothy" }, { "Nat", "Nathaniel" },
    { "Pat", "Patrick" }, { "Abe", "Abraham" }, { "Jake", "Jacob" }, { "Steve", "Stephen" },
};

/* Whether word w of a is s. */
static int word_is(const struct cand *a, size_t w, const char *s)
{
    return strlen(s) == a->lens[w] && memcmp(s, a->words[w], a->lens[w]) == 0;
}

/* `Bessie` is `Elizabeth` when the book's people call her so in their
 * speech but the narration does not, and one person bears the full name
 * untitled (`Nell`, whom the narration names too, stays apart from `Lady
 * Helen`). */
static void merge_pet_names(struct cand *c, size_t n)
{
    size_t i, j, k;

    for (i = 0; i < n; i++) {
        struct cand *a = &c[i];
        long narrated = a->e->n[N_TAG] + a->e->n[N_SUBJECT];
        if (a->the_form || a->title_gender >= 0 || a->n_words != 1 ||
            a->e->n[N_VOCATIVE] <= narrated)
            continue;
        for (k = 0; k < sizeof pet_names / sizeof pet_names[0]; k++) {
            int root = -1, ambiguous = 0;
            if (!word_is(a, 0, pet_names[k][0]))
                continue;
            for (j = 0; j < n; j++) {
                struct cand *b = &c[j];
                int r;
                if (b->the_form || b->title_gender >= 0 || !word_is(b, 0, pet_names[k][1]))
                    continue;
                r = find_root(c, (int)j);
                if (root < 0)
                    root = r;
                else if (r != root)
                    ambiguous = 1;
            }
            if (root >= 0 && !ambiguous) {
                unite(c, root, (int)i);
                break;
            }
        }
    }
}

/* Merges the kept phrases into people: `Mr. Hale`/`Hale`/`Edwin
 * Hale`; `Tanaka Ren`/`Ren`; never `Mr. Hale` with `Mrs. Hale`. */
static void merge(struct cand *c, size_t n)
{
    size_t i, j, w;

    for (i = 0; i < n; i++)
        c[i].parent = (int)i;
    for (i = 0; i < n; i++) {
        struct cand *a = &c[i];
        int best = -1;
        long best_score = 0;
        if (a->the_form)
            continue;
        if (a->title_gender >= 0) {
            /* `Mr. Edwin Hale` is `Edwin Hale`; `Mrs. Ann Corbin`
             * is `Mrs. Corbin` */
            for (j = 0; j < n; j++) {
                struct cand *b = &c[j];
                if (j == i || b->the_form)
                    continue;
                if (b->title_gender < 0 && b->n_words == a->n_words && a->n_words > 1) {
                    for (w = 0; w < a->n_words && same_word(a, w, b, w); w++)
                        ;
                    if (w == a->n_words)
                        unite(c, (int)i, (int)j);
                }
                if (b->title_gender >= 0 && strcmp(a->title, b->title) == 0 &&
                    b->n_words == 1 && a->n_words > 1 && same_word(a, a->n_words - 1, b, 0))
                    unite(c, (int)j, (int)i);
                /* `Sir Edwin` is `Sir Edwin Hale` */
                if (b->title_gender >= 0 && strcmp(a->title, b->title) == 0 &&
                    b->n_words == 1 && a->n_words > 1 && same_word(a, 0, b, 0))
                    unite(c, (int)j, (int)i);
            }
            continue;
        }
        if (a->n_words == 1) {
            /* a bare surname: the man of that name, else the only titled one */
            int male = -1, any = -1, n_titled = 0;
            for (j = 0; j < n; j++) {
                struct cand *b = &c[j];
                if (j == i || b->the_form || b->title_gender < 0 || b->n_words != 1 ||
                    !same_word(a, 0, b, 0))
                    continue;
                n_titled++;
                if (any < 0 || b->score > c[any].score)
                    any = (int)j;
                if (b->title_gender == DRAMATIS_GENDER_MALE && (male < 0 || b->score > c[male].score))
                    male = (int)j;
            }
            if (male >= 0)
                unite(c, male, (int)i);
            else if (n_titled == 1)
                unite(c, any, (int)i);
            continue;
        }
        /* `Tanaka Ren`, `Mara Hale`: the word used most on its own */
        for (w = 0; w < a->n_words; w++) {
            for (j = 0; j < n; j++) {
                struct cand *b = &c[j];
                if (j == i || b->the_form || b->title_gender >= 0 || b->n_words != 1 ||
                    !same_word(a, w, b, 0))
                    continue;
                if (b->score > best_score) {
                    best_score = b->score;
                    best = (int)j;
                }
            }
        }
        if (best >= 0)
            unite(c, best, (int)i);
    }
    /* `the Fox` is `the Grey Fox` when only one such animal exists */
    for (i = 0; i < n; i++) {
        struct cand *a = &c[i];
        int only = -1, count = 0;
        if (!a->the_form || a->n_words != 1)
            continue;
        for (j = 0; j < n; j++) {
            struct cand *b = &c[j];
            if (j != i && b->the_form && b->n_words > 1 &&
                same_word(a, 0, b, b->n_words - 1)) {
                only = (int)j;
                count++;
            }
        }
        if (count == 1)
            unite(c, only, (int)i);
    }
    merge_pet_names(c, n);
}

/* Adds one character per merged group, its most used form as the name. */
static dramatis_status add_characters(struct dramatis_book *book, struct cand *c, size_t n)
{
    const char **aliases;
    int *root;
    size_t i, j, n_al, added = 0;
    dramatis_status st = DRAMATIS_OK;

    aliases = calloc(n + 1, sizeof *aliases);
    root = calloc(n + 1, sizeof *root);
    if (aliases == NULL || root == NULL) {
        free(aliases);
        free(root);
        return DRAMATIS_ERR_NOMEM;
    }
    for (i = 0; i < n; i++)
        root[i] = find_root(c, (int)i);
    /* c is sorted by score, so groups come from the most important */
    for (i = 0; i < n && added < MAX_CAST; i++) {
        int r = root[i], name = -1, male = 0, female = 0;
        long total = 0;
        dramatis_gender g = DRAMATIS_GENDER_UNKNOWN;
        if (r < 0)
            continue;   /* its group was added already */
        for (j = 0; j < n; j++) {
            if (root[j] != r)
                continue;
            total += c[j].e->n[N_TAG] + c[j].e->n[N_SUBJECT] + c[j].e->n[N_VOCATIVE] + c[j].e->n[N_SELF];
            if (name < 0 || c[j].e->n[N_ALL] > c[name].e->n[N_ALL] ||
                (c[j].e->n[N_ALL] == c[name].e->n[N_ALL] &&
                 strlen(c[j].e->key) > strlen(c[name].e->key)))
                name = (int)j;
            if (c[j].title_gender == DRAMATIS_GENDER_MALE)
                male++;
            if (c[j].title_gender == DRAMATIS_GENDER_FEMALE)
                female++;
        }
        if (male && !female)
            g = DRAMATIS_GENDER_MALE;
        else if (female && !male)
            g = DRAMATIS_GENDER_FEMALE;
        n_al = 0;
        for (j = 0; j < n; j++) {
            if (root[j] == r && (int)j != name)
                aliases[n_al++] = c[j].e->key;
        }
        if (total > 0) {
            st = book_character_add(book, c[name].e->key, aliases, n_al, g, NULL);
            if (st != DRAMATIS_OK)
                break;
            added++;
        }
        for (j = 0; j < n; j++) {
            if (root[j] == r && j != i)
                root[j] = -1;
        }
        root[i] = -1;
    }
    free(aliases);
    free(root);
    return st;
}

static dramatis_status scan_book(struct discovery *d)
{
    const struct dramatis_book *b = d->book;
    size_t ci, pi, si, need, n;
    dramatis_status st;

    for (ci = 0; ci < b->n_chapters; ci++) {
        for (pi = 0; pi < b->chapters[ci].n_paragraphs; pi++) {
            const struct paragraph *p = &b->chapters[ci].paragraphs[pi];
            for (si = 0; si < p->n_segments; si++) {
                const struct segment *s = &p->segments[si];
                need = s->end - s->start + 1;
                if (need > d->cap_toks) {
                    struct attr_tok *grown = realloc(d->toks, need * sizeof *grown);
                    if (grown == NULL)
                        return DRAMATIS_ERR_NOMEM;
                    d->toks = grown;
                    d->cap_toks = need;
                }
                n = attr_tokenize(b->text, s->start, s->end, NULL, 0, d->toks, d->cap_toks);
                st = count_words(d, d->toks, n);
                if (st == DRAMATIS_OK)
                    st = scan_segment(d, d->toks, n, s->kind == SEGMENT_DIALOGUE,
                                      si > 0 && p->segments[si - 1].kind == SEGMENT_DIALOGUE);
                if (st != DRAMATIS_OK)
                    return st;
            }
        }
    }
    return DRAMATIS_OK;
}

dramatis_status attr_discover_cast(struct dramatis_book *book, struct dramatis_error *err)
{
    struct discovery d;
    struct cand *cands = NULL;
    size_t i, n = 0;
    dramatis_status st;

    memset(&d, 0, sizeof d);
    d.book = book;
    buf_init(&d.key, 4096);
    st = scan_book(&d);
    if (st != DRAMATIS_OK)
        goto fail;
    cands = calloc(d.phrases.used + 1, sizeof *cands);
    if (cands == NULL) {
        st = DRAMATIS_ERR_NOMEM;
        goto fail;
    }
    for (i = 0; i < d.phrases.cap; i++) {
        struct entry *e = &d.phrases.e[i];
        if (e->key == NULL || !person_like(&d, e))
            continue;
        cands[n].e = e;
        cands[n].score = e->n[N_TAG] * 4 + e->n[N_SUBJECT] * 2 + e->n[N_VOCATIVE] +
                         e->n[N_ALL] - e->n[N_INITIAL];
        split_cand(&cands[n]);
        n++;
    }
    if (n)
        qsort(cands, n, sizeof *cands, by_score);
    merge(cands, n);
    st = add_characters(book, cands, n);
    if (st != DRAMATIS_OK)
        goto fail;
    free(cands);
    free(d.toks);
    buf_cleanup(&d.key);
    table_cleanup(&d.phrases);
    table_cleanup(&d.words);
    return DRAMATIS_OK;
fail:
    free(cands);
    free(d.toks);
    buf_cleanup(&d.key);
    table_cleanup(&d.phrases);
    table_cleanup(&d.words);
    return error_set(err, st, book->path ? book->path : "", 0, "cast discovery failed: %s",
                     dramatis_strerror(st));
}
