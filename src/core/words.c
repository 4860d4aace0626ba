/* Word classes every stage shares: verbs of speech and the gestures that
 * carry a quote, found by binary search in sorted tables. */
#include "words.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WORD_MAX 24   /* longer words are no verb of these tables */

struct verb {
    const char *base;
    enum word_verb kind;
    const char *particles;   /* WORD_VERB_PHRASAL: the words that make it speech */
};

/* Base forms, sorted (strcmp order): the regular forms are derived. */
static const struct verb verbs[] = {
    { "accost", WORD_VERB_SPEECH, NULL },
    { "accuse", WORD_VERB_SPEECH, NULL },
    { "acknowledge", WORD_VERB_SPEECH, NULL },
    { "add", WORD_VERB_SPEECH, NULL },
    { "address", WORD_VERB_SPEECH, NULL },
    { "admit", WORD_VERB_SPEECH, NULL },
    { "agree", WORD_VERB_SPEECH, NULL },
    { "announce", WORD_VERB_SPEECH, NULL },
    { "answer", WORD_VERB_SPEECH, NULL },
    { "argue", WORD_VERB_SPEECH, NULL },
    { "ask", WORD_VERB_SPEECH, NULL },
    { "assent", WORD_VERB_SPEECH, NULL },
    { "assure", WORD_VERB_SPEECH, NULL },
    { "bark", WORD_VERB_SPEECH, NULL },
    { "beg", WORD_VERB_SPEECH, NULL },
    { "begin", WORD_VERB_SPEECH, NULL },
    { "bellow", WORD_VERB_SPEECH, NULL },
    { "blurt", WORD_VERB_SPEECH, NULL },
    { "bluster", WORD_VERB_SPEECH, NULL },
    { "boast", WORD_VERB_SPEECH, NULL },
    { "break", WORD_VERB_PHRASAL, "in off" },
    { "breathe", WORD_VERB_BEAT, NULL },
    { "burst", WORD_VERB_PHRASAL, "out" },
    { "call", WORD_VERB_SPEECH, NULL },
    { "chide", WORD_VERB_SPEECH, NULL },
    { "chime", WORD_VERB_PHRASAL, "in" },
    { "chuckle", WORD_VERB_BEAT, NULL },
    { "command", WORD_VERB_SPEECH, NULL },
    { "comment", WORD_VERB_SPEECH, NULL },
    { "complain", WORD_VERB_SPEECH, NULL },
    { "concede", WORD_VERB_SPEECH, NULL },
    { "conclude", WORD_VERB_SPEECH, NULL },
    { "confess", WORD_VERB_SPEECH, NULL },
    { "confide", WORD_VERB_SPEECH, NULL },
    { "confirm", WORD_VERB_SPEECH, NULL },
    { "continue", WORD_VERB_SPEECH, NULL },
    { "correct", WORD_VERB_SPEECH, NULL },
    { "cough", WORD_VERB_BEAT, NULL },
    { "counter", WORD_VERB_SPEECH, NULL },
    { "croak", WORD_VERB_SPEECH, NULL },
    { "cry", WORD_VERB_SPEECH, NULL },
    { "cut", WORD_VERB_PHRASAL, "in" },
    { "declare", WORD_VERB_SPEECH, NULL },
    { "demand", WORD_VERB_SPEECH, NULL },
    { "deny", WORD_VERB_SPEECH, NULL },
    { "drawl", WORD_VERB_SPEECH, NULL },
    { "echo", WORD_VERB_SPEECH, NULL },
    { "ejaculate", WORD_VERB_SPEECH, NULL },
    { "enquire", WORD_VERB_SPEECH, NULL },
    { "exclaim", WORD_VERB_SPEECH, NULL },
    { "explain", WORD_VERB_SPEECH, NULL },
    { "falter", WORD_VERB_SPEECH, NULL },
    { "gasp", WORD_VERB_BEAT, NULL },
    { "giggle", WORD_VERB_BEAT, NULL },
    { "go", WORD_VERB_PHRASAL, "on" },
    { "greet", WORD_VERB_SPEECH, NULL },
    { "grin", WORD_VERB_BEAT, NULL },
    { "groan", WORD_VERB_BEAT, NULL },
    { "growl", WORD_VERB_SPEECH, NULL },
    { "grumble", WORD_VERB_SPEECH, NULL },
    { "grunt", WORD_VERB_BEAT, NULL },
    { "gush", WORD_VERB_SPEECH, NULL },
    { "hail", WORD_VERB_SPEECH, NULL },
    { "hesitate", WORD_VERB_BEAT, NULL },
    { "hiss", WORD_VERB_SPEECH, NULL },
    { "huff", WORD_VERB_BEAT, NULL },
    { "hum", WORD_VERB_BEAT, NULL },
    { "inform", WORD_VERB_SPEECH, NULL },
    { "inquire", WORD_VERB_SPEECH, NULL },
    { "insist", WORD_VERB_SPEECH, NULL },
    { "instruct", WORD_VERB_SPEECH, NULL },
    { "interject", WORD_VERB_SPEECH, NULL },
    { "interpose", WORD_VERB_SPEECH, NULL },
    { "interrupt", WORD_VERB_SPEECH, NULL },
    { "joke", WORD_VERB_SPEECH, NULL },
    { "lament", WORD_VERB_SPEECH, NULL },
    { "laugh", WORD_VERB_BEAT, NULL },
    { "moan", WORD_VERB_BEAT, NULL },
    { "mumble", WORD_VERB_SPEECH, NULL },
    { "murmur", WORD_VERB_SPEECH, NULL },
    { "mutter", WORD_VERB_SPEECH, NULL },
    { "nod", WORD_VERB_BEAT, NULL },
    { "object", WORD_VERB_SPEECH, NULL },
    { "observe", WORD_VERB_SPEECH, NULL },
    { "offer", WORD_VERB_BEAT, NULL },
    { "order", WORD_VERB_SPEECH, NULL },
    { "pant", WORD_VERB_BEAT, NULL },
    { "persist", WORD_VERB_SPEECH, NULL },
    { "pipe", WORD_VERB_PHRASAL, "up" },
    { "plead", WORD_VERB_SPEECH, NULL },
    { "proceed", WORD_VERB_SPEECH, NULL },
    { "promise", WORD_VERB_SPEECH, NULL },
    { "prompt", WORD_VERB_SPEECH, NULL },
    { "protest", WORD_VERB_SPEECH, NULL },
    { "purr", WORD_VERB_BEAT, NULL },
    { "pursue", WORD_VERB_SPEECH, NULL },
    { "put", WORD_VERB_PHRASAL, "in" },
    { "quip", WORD_VERB_SPEECH, NULL },
    { "rasp", WORD_VERB_SPEECH, NULL },
    { "read", WORD_VERB_BEAT, NULL },
    { "reason", WORD_VERB_SPEECH, NULL },
    { "reassure", WORD_VERB_SPEECH, NULL },
    { "recall", WORD_VERB_BEAT, NULL },
    { "recite", WORD_VERB_SPEECH, NULL },
    { "recollect", WORD_VERB_BEAT, NULL },
    { "rejoin", WORD_VERB_SPEECH, NULL },
    { "remark", WORD_VERB_SPEECH, NULL },
    { "remonstrate", WORD_VERB_SPEECH, NULL },
    { "repeat", WORD_VERB_SPEECH, NULL },
    { "reply", WORD_VERB_SPEECH, NULL },
    { "respond", WORD_VERB_SPEECH, NULL },
    { "resume", WORD_VERB_SPEECH, NULL },
    { "retort", WORD_VERB_SPEECH, NULL },
    { "return", WORD_VERB_SPEECH, NULL },
    { "roar", WORD_VERB_SPEECH, NULL },
    { "say", WORD_VERB_SPEECH, NULL },
    { "scoff", WORD_VERB_BEAT, NULL },
    { "scold", WORD_VERB_SPEECH, NULL },
    { "scream", WORD_VERB_SPEECH, NULL },
    { "screech", WORD_VERB_SPEECH, NULL },
    { "shout", WORD_VERB_SPEECH, NULL },
    { "shriek", WORD_VERB_SPEECH, NULL },
    { "shrug", WORD_VERB_BEAT, NULL },
    { "sigh", WORD_VERB_BEAT, NULL },
    { "sing", WORD_VERB_BEAT, NULL },
    { "smile", WORD_VERB_BEAT, NULL },
    { "smirk", WORD_VERB_BEAT, NULL },
    { "snap", WORD_VERB_SPEECH, NULL },
    { "snarl", WORD_VERB_SPEECH, NULL },
    { "sneer", WORD_VERB_BEAT, NULL },
    { "sniff", WORD_VERB_BEAT, NULL },
    { "snort", WORD_VERB_BEAT, NULL },
    { "sob", WORD_VERB_BEAT, NULL },
    { "speak", WORD_VERB_SPEECH, NULL },
    { "squeak", WORD_VERB_SPEECH, NULL },
    { "squeal", WORD_VERB_SPEECH, NULL },
    { "stammer", WORD_VERB_SPEECH, NULL },
    { "state", WORD_VERB_SPEECH, NULL },
    { "stutter", WORD_VERB_SPEECH, NULL },
    { "suggest", WORD_VERB_SPEECH, NULL },
    { "swear", WORD_VERB_SPEECH, NULL },
    { "tease", WORD_VERB_SPEECH, NULL },
    { "tell", WORD_VERB_SPEECH, NULL },
    { "think", WORD_VERB_BEAT, NULL },
    { "urge", WORD_VERB_SPEECH, NULL },
    { "venture", WORD_VERB_SPEECH, NULL },
    { "vow", WORD_VERB_SPEECH, NULL },
    { "wail", WORD_VERB_SPEECH, NULL },
    { "warn", WORD_VERB_SPEECH, NULL },
    { "whimper", WORD_VERB_BEAT, NULL },
    { "whine", WORD_VERB_SPEECH, NULL },
    { "whisper", WORD_VERB_SPEECH, NULL },
    { "wonder", WORD_VERB_BEAT, NULL },
    { "yell", WORD_VERB_SPEECH, NULL },
};

/* Forms no suffix rule derives, sorted: past tenses and participles. */
static const struct irregular {
    const char *form;
    const char *base;
} irregulars[] = {
    { "began", "begin" },
    { "begun", "begin" },
    { "broke", "break" },
    { "broken", "break" },
    { "burst", "burst" },
    { "cut", "cut" },
    { "gone", "go" },
    { "put", "put" },
    { "read", "read" },
    { "said", "say" },
    { "sang", "sing" },
    { "spoke", "speak" },
    { "spoken", "speak" },
    { "sung", "sing" },
    { "swore", "swear" },
    { "sworn", "swear" },
    { "thought", "think" },
    { "told", "tell" },
    { "went", "go" },
};

static int by_base(const void *key, const void *entry)
{
    return strcmp(key, ((const struct verb *)entry)->base);
}

static int by_form(const void *key, const void *entry)
{
    return strcmp(key, ((const struct irregular *)entry)->form);
}

static const struct verb *find_base(const char *w)
{
    return bsearch(w, verbs, sizeof verbs / sizeof verbs[0], sizeof verbs[0], by_base);
}

/* The base of w[0, n) with suffix bytes cut and `add` appended. */
static const struct verb *find_stem(const char *w, size_t n, size_t cut, const char *add)
{
    char stem[WORD_MAX + 2];
    size_t a = strlen(add);

    if (cut >= n || n - cut + a >= sizeof stem)
        return NULL;
    memcpy(stem, w, n - cut);
    memcpy(stem + n - cut, add, a + 1);
    return find_base(stem);
}

/* The base under a suffix: `whisper`ed, `smil`ed + e, `nod`ded. */
static const struct verb *find_suffixed(const char *w, size_t n, size_t suffix)
{
    const struct verb *v = find_stem(w, n, suffix, "");

    if (v == NULL)
        v = find_stem(w, n, suffix, "e");
    if (v == NULL && n > suffix + 2 && w[n - suffix - 1] == w[n - suffix - 2])
        v = find_stem(w, n, suffix + 1, "");
    return v;
}

static int ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);

    return n > k + 1 && memcmp(w + n - k, suffix, k) == 0;
}

/* The table entry of the word s[0, n) in any form, its form in *form. */
static const struct verb *lookup(const char *s, size_t n, enum word_form *form)
{
    char w[WORD_MAX + 1];
    const struct verb *v = NULL;
    const struct irregular *irr;
    size_t i;

    if (n < 2 || n > WORD_MAX)
        return NULL;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        else if (c < 'a' || c > 'z')
            return NULL;
        w[i] = (char)c;
    }
    w[n] = '\0';
    *form = WORD_FORM_PAST;
    irr = bsearch(w, irregulars, sizeof irregulars / sizeof irregulars[0], sizeof irregulars[0],
                  by_form);
    if (irr != NULL)
        return find_base(irr->base);
    *form = WORD_FORM_BASE;
    if ((v = find_base(w)) != NULL)
        return v;
    *form = WORD_FORM_ING;
    if (ends_with(w, n, "ing") && (v = find_suffixed(w, n, 3)) != NULL)
        return v;
    *form = WORD_FORM_PAST;
    if (ends_with(w, n, "ied") && (v = find_stem(w, n, 3, "y")) != NULL)
        return v;
    if (ends_with(w, n, "ed") && (v = find_suffixed(w, n, 2)) != NULL)
        return v;
    *form = WORD_FORM_S;
    if (ends_with(w, n, "ies") && (v = find_stem(w, n, 3, "y")) != NULL)
        return v;
    if (ends_with(w, n, "es") && (v = find_stem(w, n, 2, "")) != NULL)
        return v;
    if (w[n - 1] == 's')
        return find_stem(w, n, 1, "");
    return NULL;
}

enum word_verb word_verb(const char *s, size_t n, enum word_form *form)
{
    enum word_form f;
    const struct verb *v = lookup(s, n, &f);

    if (v == NULL)
        return WORD_VERB_NONE;
    if (form)
        *form = f;
    return v->kind;
}

int word_is_speech_verb(const char *s, size_t n)
{
    return word_verb(s, n, NULL) == WORD_VERB_SPEECH;
}

int word_is_tag_verb(const char *s, size_t n)
{
    enum word_verb v = word_verb(s, n, NULL);

    return v == WORD_VERB_SPEECH || v == WORD_VERB_BEAT;
}

int word_is_phrasal_speech(const char *verb, size_t n, const char *next, size_t m)
{
    enum word_form f;
    const struct verb *v = lookup(verb, n, &f);
    const char *p;
    size_t k;

    if (v == NULL || v->particles == NULL)
        return 0;
    for (p = v->particles; *p; p += k) {
        while (*p == ' ')
            p++;
        for (k = 0; p[k] && p[k] != ' '; k++)
            ;
        if (k == m && strncasecmp(p, next, m) == 0)
            return 1;
    }
    return 0;
}
