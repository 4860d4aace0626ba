/* Tests of the shared word classes: verbs of speech in every form, the
 * gestures that carry a quote, phrasal speech and the words that are not. */
#include "check.h"
#include "words.h"

#include <string.h>

static enum word_verb verb_of(const char *w, enum word_form *form)
{
    return word_verb(w, strlen(w), form);
}

static int speech(const char *w)
{
    return word_is_speech_verb(w, strlen(w));
}

static int tag(const char *w)
{
    return word_is_tag_verb(w, strlen(w));
}

static int phrasal(const char *v, const char *next)
{
    return word_is_phrasal_speech(v, strlen(v), next, strlen(next));
}

/* Every entry of the table is found in every form: a table out of order
 * loses some to the binary search. */
static void test_speech_forms(void)
{
    static const char *const bases[] = {
        "accost", "add", "agree", "answer", "ask", "beg", "cry", "declare", "demand",
        "enquire", "exclaim", "hiss", "inquire", "interrupt", "mumble", "murmur", "mutter",
        "observe", "reply", "rejoin", "remark", "repeat", "retort", "return", "say",
        "scream", "shout", "snap", "speak", "stammer", "tell", "whisper", "yell"
    };
    static const char *const forms[] = {
        "said", "says", "saying", "asked", "asks", "asking", "replied", "replies",
        "replying", "cried", "cries", "snapped", "snapping", "begged", "agreed",
        "agreeing", "hissed", "hisses", "mumbled", "mumbling", "told", "tells",
        "spoke", "spoken", "speaks", "Whispered", "SAID", "enquired", "observed"
    };
    enum word_form f;
    size_t i;

    for (i = 0; i < sizeof bases / sizeof bases[0]; i++) {
        CHECK(speech(bases[i]));
        CHECK(tag(bases[i]));
    }
    for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        CHECK(speech(forms[i]));
        CHECK(tag(forms[i]));
    }
    CHECK(verb_of("said", &f) == WORD_VERB_SPEECH && f == WORD_FORM_PAST);
    CHECK(verb_of("whispered", &f) == WORD_VERB_SPEECH && f == WORD_FORM_PAST);
    CHECK(verb_of("replies", &f) == WORD_VERB_SPEECH && f == WORD_FORM_S);
    CHECK(verb_of("whispers", &f) == WORD_VERB_SPEECH && f == WORD_FORM_S);
    CHECK(verb_of("saying", &f) == WORD_VERB_SPEECH && f == WORD_FORM_ING);
    CHECK(verb_of("whisper", &f) == WORD_VERB_SPEECH && f == WORD_FORM_BASE);
}

/* A gesture can carry a quote (`"Fine," she shrugged.`) but reports no
 * speech: the segmenter does not take `she nodded "yes"` for speech. */
static void test_beats(void)
{
    static const char *const beats[] = {
        "nodded", "nods", "smiled", "smiling", "shrugged", "grinned", "laughed", "sighed",
        "chuckled", "giggled", "thought", "sobbed", "hesitated", "gasped"
    };
    size_t i;

    for (i = 0; i < sizeof beats / sizeof beats[0]; i++) {
        CHECK(tag(beats[i]));
        CHECK(!speech(beats[i]));
        CHECK(verb_of(beats[i], NULL) == WORD_VERB_BEAT);
    }
}

/* `went on`, `broke in`, `put in` report speech; the verb alone does not:
 * `He put the cup down.`, `She went home.` */
static void test_phrasal(void)
{
    CHECK(!speech("put") && !tag("put"));
    CHECK(!speech("went") && !tag("went"));
    CHECK(!tag("broke") && !tag("cut"));
    CHECK(verb_of("put", NULL) == WORD_VERB_PHRASAL);
    CHECK(phrasal("put", "in"));
    CHECK(phrasal("went", "on"));
    CHECK(phrasal("goes", "on"));
    CHECK(phrasal("going", "on"));
    CHECK(phrasal("broke", "in"));
    CHECK(phrasal("chimed", "In"));
    CHECK(phrasal("cut", "in"));
    CHECK(!phrasal("put", "down"));
    CHECK(!phrasal("went", "home"));
    CHECK(!phrasal("said", "on"));
}

/* Words that only look like forms of a verb of speech. */
static void test_not_verbs(void)
{
    static const char *const words[] = {
        "", "s", "ed", "ing", "sad", "sails", "asking-price", "told-you", "mouth", "pressed",
        "thing", "morning", "bed", "evening", "shrill", "answered!", "don't", "saidx",
        "caf\xc3\xa9", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaasaid"
    };
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        CHECK(verb_of(words[i], NULL) == WORD_VERB_NONE);
        CHECK(!speech(words[i]) && !tag(words[i]));
    }
}

int main(void)
{
    test_speech_forms();
    test_beats();
    test_phrasal();
    test_not_verbs();
    return CHECK_DONE();
}
