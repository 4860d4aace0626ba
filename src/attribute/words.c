/* Word classes, name matching and tokenizing for speaker attribution. */
#include "attribute_internal.h"

#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int lower_eq(const char *s, size_t n, const char *word)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (word[i] == '\0' || tolower((unsigned char)s[i]) != word[i])
            return 0;
    }
    return word[n] == '\0';
}

static int in_list(const char *s, size_t n, const char *const *list)
{
    for (; *list; list++) {
        if (lower_eq(s, n, *list))
            return 1;
    }
    return 0;
}

int attr_tok_is(const char *text, const struct attr_tok *t, const char *word)
{
    return lower_eq(text + t->start, t->end - t->start, word);
}

int attr_tok_in(const char *text, const struct attr_tok *t, const char *const *list)
{
    if (t->kind != ATTR_TOK_WORD)
        return 0;
    for (; *list; list++) {
        if (attr_tok_is(text, t, *list))
            return 1;
    }
    return 0;
}

static int tok_punct(const struct attr_tok *t, char mark)
{
    return t->kind == ATTR_TOK_PUNCT && t->punct == mark;
}

int attr_self_named(const char *text, const struct attr_tok *t, size_t n, size_t a, size_t b)
{
    if (a >= 3 && attr_tok_is(text, &t[a - 3], "my") && attr_tok_is(text, &t[a - 2], "name") &&
        (attr_tok_is(text, &t[a - 1], "is") || attr_tok_is(text, &t[a - 1], "was") ||
         attr_tok_is(text, &t[a - 1], "being")))
        return 1;
    if (a >= 2 && attr_tok_is(text, &t[a - 1], "myself") &&
        (attr_tok_is(text, &t[a - 2], "call") || attr_tok_is(text, &t[a - 2], "called")))
        return 1;
    /* `I, Ann Lee,`: the name between commas right after a capital I */
    return a >= 2 && b < n && tok_punct(&t[a - 1], ',') && tok_punct(&t[b], ',') &&
           t[a - 2].kind == ATTR_TOK_WORD && t[a - 2].end - t[a - 2].start == 1 && text[t[a - 2].start] == 'I';
}

enum attr_pron attr_pronoun(const char *s, size_t n)
{
    static const char *const he[] = { "he", "him", "his", "himself", NULL };
    static const char *const she[] = { "she", "her", "hers", "herself", NULL };
    static const char *const it[] = { "it", "itself", "they", "them", NULL };

    if (n == 1 && s[0] == 'I')
        return ATTR_PRON_I;
    if (in_list(s, n, he))
        return ATTR_PRON_HE;
    if (in_list(s, n, she))
        return ATTR_PRON_SHE;
    if (in_list(s, n, it))
        return ATTR_PRON_IT;
    return ATTR_PRON_NONE;
}

dramatis_gender attr_noun_gender(const char *s, size_t n)
{
    static const char *const male[] = {
        "man", "father", "husband", "brother", "son", "uncle", "boy", "gentleman",
        "lad", "sir", "lord", "king", "prince", "fellow", "nephew", "grandfather",
        "master", "mister", "papa", "dad", "guy", NULL
    };
    static const char *const female[] = {
        "woman", "mother", "wife", "sister", "daughter", "aunt", "girl", "lady",
        "lass", "madam", "queen", "princess", "niece", "grandmother", "mistress",
        "mamma", "mama", "mom", "mum", "maid", "cousin's wife", NULL
    };

    if (in_list(s, n, male))
        return DRAMATIS_GENDER_MALE;
    if (in_list(s, n, female))
        return DRAMATIS_GENDER_FEMALE;
    return DRAMATIS_GENDER_UNKNOWN;
}

int attr_title_gender(const char *s, size_t n)
{
    static const char *const male[] = {
        "mr", "mr.", "mister", "sir", "lord", "colonel", "captain", "major",
        "general", "lieutenant", "sergeant", "inspector", "father", "uncle",
        "king", "prince", "count", "baron", "master", "brother", NULL
    };
    static const char *const female[] = {
        "mrs", "mrs.", "miss", "ms", "ms.", "lady", "madam", "madame", "aunt",
        "queen", "princess", "mistress", "sister", "dame", NULL
    };
    static const char *const neutral[] = {
        "dr", "dr.", "doctor", "professor", "prof", "prof.", NULL
    };

    if (in_list(s, n, male))
        return DRAMATIS_GENDER_MALE;
    if (in_list(s, n, female))
        return DRAMATIS_GENDER_FEMALE;
    if (in_list(s, n, neutral))
        return DRAMATIS_GENDER_UNKNOWN;
    return -1;
}

const char *attr_title_rank(const char *s, size_t n)
{
    static const char *const ranks[][2] = {
        { "dr", "doctor" }, { "dr.", "doctor" }, { "doctor", "doctor" },
        { "prof", "professor" }, { "prof.", "professor" }, { "professor", "professor" },
        { "capt", "captain" }, { "capt.", "captain" }, { "captain", "captain" },
        { "col", "colonel" }, { "col.", "colonel" }, { "colonel", "colonel" },
        { "gen.", "general" }, { "general", "general" }, { "major", "major" },
        { "lt", "lieutenant" }, { "lt.", "lieutenant" }, { "lieutenant", "lieutenant" },
        { "sgt", "sergeant" }, { "sgt.", "sergeant" }, { "sergeant", "sergeant" },
        { "inspector", "inspector" },
    };
    size_t i;

    for (i = 0; i < sizeof ranks / sizeof ranks[0]; i++) {
        if (lower_eq(s, n, ranks[i][0]))
            return ranks[i][1];
    }
    return NULL;
}

int attr_is_honorific(const char *s, size_t n)
{
    static const char *const list[] = {
        "sama", "sensei", "san", "kun", "chan", "senpai", "sempai", "dono",
        "tan", "chin", "nii", "nee", "niisan", "neesan", "shishou", "taichou",
        "hime", NULL
    };

    return in_list(s, n, list);
}

/* The bucket of a name or text starting with byte c: ASCII letters fold. */
static unsigned bucket_of(char c)
{
    return (unsigned)tolower((unsigned char)c) & 0xFF;
}

static int by_length_desc(const void *a, const void *b)
{
    const struct attr_name *x = a, *y = b;

    if (bucket_of(x->s[0]) != bucket_of(y->s[0]))
        return bucket_of(x->s[0]) < bucket_of(y->s[0]) ? -1 : 1;
    if (x->len != y->len)
        return x->len < y->len ? 1 : -1;
    return x->character - y->character;
}

static dramatis_status names_push(struct attr_names *names, size_t *cap, const char *s,
                                  size_t len, int character)
{
    struct attr_name *grown;
    size_t i;

    if (len == 0)
        return DRAMATIS_OK;
    for (i = 0; i < names->n; i++) {
        if (names->names[i].len == len && memcmp(names->names[i].s, s, len) == 0)
            return DRAMATIS_OK;   /* first character to claim a name keeps it */
    }
    if (names->n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        grown = realloc(names->names, *cap * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        names->names = grown;
    }
    names->names[names->n].s = s;
    names->names[names->n].len = len;
    names->names[names->n].character = character;
    names->names[names->n].described = attr_is_description(s, len);
    names->names[names->n].weak = !isupper((unsigned char)s[0]) && (unsigned char)s[0] < 0x80 &&
                                  !names->names[names->n].described;
    names->n++;
    return DRAMATIS_OK;
}

static const char *const address_terms[] = {
    "sir", "madam", "madame", "ma'am", "mister", "miss", "mistress", "master", "lady",
    "lord", "dear", "sire", NULL
};

static const char *const describers[] = {
    "the", "a", "an", "one", "my", "his", "her", "our", "their", "your", "another", "some",
    "somebody", "someone", "other", "two", "three", "both", "all", "several", "many", "that",
    "this", NULL
};

int attr_is_description(const char *name, size_t len)
{
    size_t w = 0;

    while (w < len && name[w] != ' ')
        w++;
    return in_list(name, w, describers);
}

/* Adds one form; `The Ferryman` is also looked for as `Ferryman` (after "the"). */
static dramatis_status names_add_form(struct attr_names *names, size_t *cap, const char *s,
                                      int character)
{
    dramatis_status st;
    size_t len = strlen(s);

    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == ','))
        len--;
    /* `Sir` and `Madam` are said to anybody: a cast entry called only
     * that is never recognised by it */
    if (in_list(s, len, address_terms))
        return DRAMATIS_OK;
    st = names_push(names, cap, s, len, character);
    if (st == DRAMATIS_OK && len > 4 && (strncmp(s, "The ", 4) == 0 || strncmp(s, "the ", 4) == 0))
        st = names_push(names, cap, s + 4, len - 4, character);
    return st;
}

/* Nonzero when the word w[0, n) is one of the words of s (space-separated). */
static int has_word(const char *s, const char *w, size_t n)
{
    const char *p = s;
    size_t k;

    while (*p) {
        for (k = 0; p[k] && p[k] != ' '; k++)
            ;
        if (k == n && memcmp(p, w, n) == 0)
            return 1;
        p += k;
        while (*p == ' ')
            p++;
    }
    return 0;
}

/* How many characters hold the word w[0, n) in a name or alias. */
static size_t bearers(const struct dramatis_book *book, const char *w, size_t n)
{
    size_t c, j, count = 0;

    for (c = 0; c < book->n_characters; c++) {
        const struct character *ch = &book->characters[c];
        int has = has_word(ch->name, w, n);
        for (j = 0; j < ch->n_aliases && !has; j++)
            has = has_word(ch->aliases[j], w, n);
        count += has;
    }
    return count;
}

/* Nonzero when the text writes the capitalised word w[0, n) in lowercase
 * somewhere, as a word of its own (`Young`, `Hunter`, `Will`). */
static int written_lowercase(const struct dramatis_book *book, const char *w, size_t n)
{
    char low[64];
    const char *p = book->text, *end = book->text + book->size, *hit;
    size_t k;

    if (n >= sizeof low)
        return 0;
    for (k = 0; k < n; k++)
        low[k] = (char)tolower((unsigned char)w[k]);
    while (p < end && (hit = memchr(p, low[0], (size_t)(end - p))) != NULL) {
        size_t at = (size_t)(hit - book->text);
        if (at + n <= book->size && memcmp(hit, low, n) == 0 &&
            text_word_len(book->text, at + n, book->size) == 0 &&
            (at == 0 || text_cp_before(book->text, 0, at, &k) < 0 ||
             !text_is_word_cp(text_cp_before(book->text, 0, at, &k))))
            return 1;
        p = hit + 1;
    }
    return 0;
}

/* Abbreviated titles: their period ends no sentence, and they are no role
 * word themselves (`Dr.` stands for one: attr_title_rank). */
static const char *const abbreviations[] = {
    "mr", "mrs", "ms", "dr", "prof", "st", "rev", "capt", "col", "gen", "lt", "sgt", NULL
};

/* Adds `the captain` for `Captain Hale`: the rank or role word w[0, n)
 * that opens a name, lowercased, after `the`; and for a rank or a kin
 * word the bare word, which lowercase is a weak name, found only in
 * dialogue: `Yes, captain.`, `Uncle, you look tired.` */
static dramatis_status add_role(struct attr_names *names, size_t *cap, const char *w, size_t n, int c)
{
    char **grown, *form;
    size_t k;
    dramatis_status st;

    grown = realloc(names->owned, (names->n_owned + 1) * sizeof *grown);
    if (grown == NULL)
        return DRAMATIS_ERR_NOMEM;
    names->owned = grown;
    form = malloc(n + 5);
    if (form == NULL)
        return DRAMATIS_ERR_NOMEM;
    memcpy(form, "the ", 4);
    for (k = 0; k < n; k++)
        form[4 + k] = (char)tolower((unsigned char)w[k]);
    form[4 + n] = '\0';
    names->owned[names->n_owned++] = form;
    st = names_push(names, cap, form, n + 4, c);
    if (st == DRAMATIS_OK && (attr_title_rank(w, n) || attr_noun_gender(w, n) != DRAMATIS_GENDER_UNKNOWN))
        st = names_push(names, cap, form + 4, n, c);
    return st;
}

/* Adds the words of character c's many-word form s that name nobody else. */
static dramatis_status add_parts(struct attr_names *names, size_t *cap,
                                 const struct dramatis_book *book, const char *s, int c)
{
    const char *p = s, *rank;
    size_t n;
    dramatis_status st = DRAMATIS_OK;

    if (strchr(s, ' ') == NULL || attr_is_description(s, strlen(s)))
        return DRAMATIS_OK;
    while (*p && st == DRAMATIS_OK) {
        for (n = 0; p[n] && p[n] != ' '; n++)
            ;
        if (n >= 2 && isupper((unsigned char)p[0]) && p[n - 1] != '.' &&
            attr_title_gender(p, n) < 0 && !in_list(p, n, address_terms) &&
            bearers(book, p, n) == 1 && !written_lowercase(book, p, n))
            st = names_push(names, cap, p, n, c);
        else if (p == s && n >= 3 && isupper((unsigned char)p[0]) && p[n - 1] != '.' &&
                 !in_list(p, n, address_terms) && !in_list(p, n, abbreviations) &&
                 bearers(book, p, n) == 1 && written_lowercase(book, p, n))
            st = add_role(names, cap, p, n, c);
        else if (p == s && (rank = attr_title_rank(p, n)) != NULL && strlen(rank) != n &&
                 bearers(book, p, n) == 1 && written_lowercase(book, rank, strlen(rank)))
            st = add_role(names, cap, rank, strlen(rank), c);   /* `Dr. Lund`: `the doctor` */
        p += n;
        while (*p == ' ')
            p++;
    }
    return st;
}

dramatis_status attr_names_init(struct attr_names *names, const struct dramatis_book *book)
{
    dramatis_status st = DRAMATIS_OK;
    size_t cap = 0, i, j;

    names->names = NULL;
    names->n = 0;
    names->owned = NULL;
    names->n_owned = 0;
    for (i = 0; i < book->n_characters && st == DRAMATIS_OK; i++)
        st = names_add_form(names, &cap, book->characters[i].name, (int)i);
    for (i = 0; i < book->n_characters && st == DRAMATIS_OK; i++) {
        for (j = 0; j < book->characters[i].n_aliases && st == DRAMATIS_OK; j++)
            st = names_add_form(names, &cap, book->characters[i].aliases[j], (int)i);
    }
    for (i = 0; i < book->n_characters && st == DRAMATIS_OK; i++) {
        st = add_parts(names, &cap, book, book->characters[i].name, (int)i);
        for (j = 0; j < book->characters[i].n_aliases && st == DRAMATIS_OK; j++)
            st = add_parts(names, &cap, book, book->characters[i].aliases[j], (int)i);
    }
    if (st != DRAMATIS_OK)
        return st;
    if (names->n)
        qsort(names->names, names->n, sizeof *names->names, by_length_desc);
    /* each text position is compared with the names of its letter only */
    for (i = 0, j = 0; j <= 256; j++) {
        while (i < names->n && bucket_of(names->names[i].s[0]) < j)
            i++;
        names->bucket[j] = i;
    }
    return DRAMATIS_OK;
}

void attr_names_cleanup(struct attr_names *names)
{
    size_t i;

    for (i = 0; i < names->n_owned; i++)
        free(names->owned[i]);
    free(names->owned);
    free(names->names);
    names->owned = NULL;
    names->n_owned = 0;
    names->names = NULL;
    names->n = 0;
}

/* Length of an apostrophe at pos, or 0. */
static size_t apostrophe_at(const char *text, size_t size, size_t pos)
{
    size_t len;

    return text_is_apostrophe_cp(text_cp_at(text, pos, size, &len)) ? len : 0;
}

/* Length of a hyphen at pos, or 0. */
static size_t hyphen_at(const char *text, size_t size, size_t pos)
{
    size_t len;

    return text_is_hyphen_cp(text_cp_at(text, pos, size, &len)) ? len : 0;
}

/* Nonzero when a name is a description opening on an article. */
static int article_start(const char *name, size_t len)
{
    return (len > 2 && (name[0] == 'A' || name[0] == 'a') && name[1] == ' ') ||
           (len > 3 && (name[0] == 'A' || name[0] == 'a') && name[1] == 'n' && name[2] == ' ');
}

/* Compares a name with the text at pos; returns the bytes it covers, or 0.
 * Case-insensitive after the first byte, and on it with any_case (a
 * description: `The Old Man` finds `the old man`; a weak name: `uncle`
 * finds `Uncle, you...`), so `Queen Of Spades` finds `Queen of
 * Spades` but `Will` does not find `will`; a space matches any run of
 * white space (`Mrs.` at the end of a hard-wrapped line, `Hale` on the
 * next; `Mr.` and `Hale` held together by a no-break space). */
static size_t name_equal(const char *text, size_t size, size_t pos, const char *name, size_t len,
                         int any_case)
{
    size_t i, k = pos, space;

    if (k >= size)
        return 0;
    /* a description (`A Tall Grey-Haired Woman`) is found mid-sentence
     * as `a tall, grey-haired woman` */
    if (text[k] != name[0] && !((text[k] == 'a' || text[k] == 'A') && article_start(name, len)) &&
        !(any_case && tolower((unsigned char)text[k]) == tolower((unsigned char)name[0])))
        return 0;
    k++;
    for (i = 1; i < len; i++) {
        if (name[i] == ' ') {
            if (k + 1 < size && text[k] == ',' && article_start(name, len))
                k++;
            space = text_space_len(text, k, size);
            if (space == 0)
                return 0;
            while (space > 0) {
                k += space;
                space = text_space_len(text, k, size);
            }
            continue;
        }
        if (k >= size)
            return 0;
        if (text[k] != name[i] &&
            tolower((unsigned char)text[k]) != tolower((unsigned char)name[i]))
            return 0;
        k++;
    }
    return k - pos;
}

size_t attr_names_match(const struct attr_names *names, const char *text, size_t size,
                        size_t pos, int allow_weak, int *character, int *possessive, int *weak)
{
    size_t i, end, a, h, k, b;

    if (names->n == 0 || pos >= size)
        return 0;
    b = bucket_of(text[pos]);
    for (i = names->bucket[b]; i < names->bucket[b + 1]; i++) {
        const struct attr_name *nm = &names->names[i];
        if (nm->weak && !allow_weak)
            continue;
        k = name_equal(text, size, pos, nm->s, nm->len, nm->described || nm->weak);
        if (k == 0)
            continue;
        end = pos + k;
        if (text_word_len(text, end, size))
            continue;
        *possessive = 0;
        h = hyphen_at(text, size, end);
        if (h > 0) {
            /* `Tobias-sensei` is Tobias; `Tobias-like` is not a name */
            k = end + h;
            while (text_word_len(text, k, size) > 0)
                k += text_word_len(text, k, size);
            if (k == end + h || !attr_is_honorific(text + end + h, k - end - h))
                continue;
            end = k;
        }
        a = apostrophe_at(text, size, end);
        if (a && end + a < size && (text[end + a] == 's' || text[end + a] == 'S') &&
            text_word_len(text, end + a + 1, size) == 0) {
            *possessive = 1;
            end += a + 1;
        } else if (a && (end > 0 && (text[end - 1] == 's')) && text_word_len(text, end + a, size) == 0) {
            *possessive = 1;   /* `Hollis'` */
            end += a;
        }
        *character = nm->character;
        if (weak)
            *weak = nm->weak;
        return end - pos;
    }
    return 0;
}

/* One punctuation mark at pos: its ASCII stand-in and byte length.  ASCII
 * stands for itself; otherwise '-' is any dash, '"' and '\'' the double
 * and single quotation marks, '.' a sentence end, ',' an ellipsis (it
 * trails off rather than ending: `"I thought…" she said`) and '*' any
 * other symbol, which ends nothing. */
static size_t punct_at(const char *text, size_t size, size_t pos, char *mark)
{
    size_t len;
    int32_t cp = text_cp_at(text, pos, size, &len);

    if (cp >= 0 && cp < 0x80)
        *mark = (char)cp;
    else if (text_is_dash_cp(cp))
        *mark = '-';
    else if (text_quote_kind(cp) != TEXT_QUOTE_NONE)
        *mark = text_quote_kind(cp) == TEXT_QUOTE_DOUBLE ? '"' : '\'';
    else if (cp == 0x2026)
        *mark = ',';
    else if (text_is_sentence_end_cp(cp))
        *mark = '.';
    else
        *mark = '*';
    return len;
}


size_t attr_tokenize(const char *text, size_t start, size_t end,
                     const struct attr_names *names, int allow_weak,
                     struct attr_tok *toks, size_t max)
{
    size_t n = 0, pos = start, len, a, matched;
    int character, possessive, weak;
    char mark;

    while (pos < end && n < max) {
        struct attr_tok *t = &toks[n];
        len = text_space_len(text, pos, end);
        if (len > 0) {
            pos += len;
            continue;
        }
        memset(t, 0, sizeof *t);
        t->start = pos;
        t->character = -1;
        len = text_word_len(text, pos, end);
        if (len > 0) {
            matched = names ? attr_names_match(names, text, end, pos, allow_weak, &character,
                                               &possessive, &weak) : 0;
            if (matched > 0) {
                t->kind = ATTR_TOK_NAME;
                t->character = character;
                t->possessive = possessive;
                t->weak = weak;
                t->end = pos + matched;
            } else {
                t->kind = ATTR_TOK_WORD;
                /* an apostrophe or hyphen between two word characters
                 * joins them: `don't`, `so-called` */
                for (;;) {
                    while (len > 0) {
                        pos += len;
                        len = text_word_len(text, pos, end);
                    }
                    a = apostrophe_at(text, end, pos);
                    if (a == 0)
                        a = hyphen_at(text, end, pos);
                    if (a == 0 || text_word_len(text, pos + a, end) == 0)
                        break;
                    pos += a;
                    len = text_word_len(text, pos, end);
                }
                t->end = pos;
                /* `Mr.`, `Mrs.`, `Dr.` keep their period: it ends no sentence;
                 * `father.` and `sir.` end one */
                if (pos < end && text[pos] == '.' && in_list(text + t->start, pos - t->start, abbreviations))
                    t->end = ++pos;
            }
            pos = t->end;
        } else {
            t->kind = ATTR_TOK_PUNCT;
            len = punct_at(text, end, pos, &mark);
            t->punct = mark;
            /* `--` is one dash */
            if (mark == '-')
                len = text_dash_len(text, pos, end);
            t->end = pos + len;
            pos += len;
        }
        n++;
    }
    return n;
}

dramatis_status attr_read_paragraph(struct attr_reader *r, const struct paragraph *p)
{
    size_t need = 8, i, n = 0;

    for (i = 0; i < p->n_segments; i++)
        need += p->segments[i].end - p->segments[i].start + 1;
    if (need > r->cap_toks) {
        struct attr_tok *grown = realloc(r->toks, need * sizeof *grown);
        if (grown == NULL)
            return DRAMATIS_ERR_NOMEM;
        r->toks = grown;
        r->cap_toks = need;
    }
    if (p->n_segments > r->cap_segs) {
        size_t *f = realloc(r->seg_from, p->n_segments * sizeof *f);
        size_t *t;
        if (f == NULL)
            return DRAMATIS_ERR_NOMEM;
        r->seg_from = f;
        t = realloc(r->seg_to, p->n_segments * sizeof *t);
        if (t == NULL)
            return DRAMATIS_ERR_NOMEM;
        r->seg_to = t;
        r->cap_segs = p->n_segments;
    }
    for (i = 0; i < p->n_segments; i++) {
        const struct segment *s = &p->segments[i];
        r->seg_from[i] = n;
        n += attr_tokenize(r->book->text, s->start, s->end, r->names,
                           s->kind == SEGMENT_DIALOGUE, r->toks + n, r->cap_toks - n);
        r->seg_to[i] = n;
    }
    return DRAMATIS_OK;
}

void attr_reader_cleanup(struct attr_reader *r)
{
    free(r->toks);
    free(r->seg_from);
    free(r->seg_to);
    r->toks = NULL;
    r->seg_from = r->seg_to = NULL;
    r->cap_toks = r->cap_segs = 0;
}
