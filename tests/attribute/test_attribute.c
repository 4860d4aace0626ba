/* Tests of speaker attribution: every sieve rule, its traps, and cast discovery. */
#include "attribute.h"
#include "book.h"
#include "buf.h"
#include "check.h"
#include "import.h"
#include "segment.h"

#include <stdlib.h>
#include <string.h>

struct cast_member {
    const char *name;
    const char *aliases[4];
    dramatis_gender gender;
};

/* Builds a book from text, adds the cast (may be NULL) and attributes it. */
static struct dramatis_book *attributed(const char *text, const struct cast_member *cast)
{
    struct dramatis_book *book = NULL;
    struct dramatis_error err;
    size_t n;

    if (import_text_parse("test.txt", text, strlen(text), &book, &err) != DRAMATIS_OK)
        return NULL;
    if (segment_book(book, &err) != DRAMATIS_OK)
        goto fail;
    for (; cast && cast->name; cast++) {
        for (n = 0; n < 4 && cast->aliases[n]; n++)
            ;
        if (book_character_add(book, cast->name, cast->aliases, n, cast->gender, NULL) != DRAMATIS_OK)
            goto fail;
    }
    if (attribute_book(book, &err) != DRAMATIS_OK)
        goto fail;
    return book;
fail:
    dramatis_book_free(book);
    return NULL;
}

/* The dialogue segment whose text starts with prefix. */
static const struct segment *quote(const struct dramatis_book *book, const char *prefix)
{
    size_t c, p, s;

    for (c = 0; c < book->n_chapters; c++) {
        for (p = 0; p < book->chapters[c].n_paragraphs; p++) {
            const struct paragraph *par = &book->chapters[c].paragraphs[p];
            for (s = 0; s < par->n_segments; s++) {
                const struct segment *seg = &par->segments[s];
                if (seg->kind == SEGMENT_DIALOGUE && strncmp(seg->text, prefix, strlen(prefix)) == 0)
                    return seg;
            }
        }
    }
    return NULL;
}

static const char *speaker(const struct dramatis_book *book, const char *prefix)
{
    const struct segment *seg = quote(book, prefix);
    const char *name;

    if (seg == NULL)
        return "(no such quote)";
    name = book_speaker_name(book, seg);
    return name ? name : "(narrator)";
}

static const char *rule(const struct dramatis_book *book, const char *prefix)
{
    const struct segment *seg = quote(book, prefix);

    return seg && seg->rule ? seg->rule : "(none)";
}

static int has_character(const struct dramatis_book *book, const char *name)
{
    size_t i;

    for (i = 0; i < book->n_characters; i++) {
        if (strcmp(book->characters[i].name, name) == 0)
            return 1;
    }
    return 0;
}

static int character_with_alias(const struct dramatis_book *book, const char *alias)
{
    size_t i, j;

    for (i = 0; i < book->n_characters; i++) {
        if (strcmp(book->characters[i].name, alias) == 0)
            return (int)i;
        for (j = 0; j < book->characters[i].n_aliases; j++) {
            if (strcmp(book->characters[i].aliases[j], alias) == 0)
                return (int)i;
        }
    }
    return -1;
}

static const struct cast_member naruto_cast[] = {
    { "Kakashi", { "Hatake Kakashi", "Kakashi-sensei", NULL }, DRAMATIS_GENDER_MALE },
    { "Iruka", { "Umino Iruka", "Iruka-sensei", NULL }, DRAMATIS_GENDER_MALE },
    { "Sakura", { NULL }, DRAMATIS_GENDER_FEMALE },
    { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
};

static void test_tags(void)
{
    struct dramatis_book *b = attributed(
        "Kakashi and Iruka sat in the office.\n\n"
        "\"Good morning,\" said Kakashi.\n\n"
        "\"Is it?\" Iruka asked.\n\n"
        "\"You are late,\" Kakashi quickly interrupted.\n\n"
        "Iruka said, \"I know.\"\n\n"
        "\"Well,\" said Iruka, \"it was raining.\"\n\n"
        "\"Fine.\" Kakashi's voice was full of affection.\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Good morning"), "Kakashi");
    CHECK_STR(rule(b, "Good morning"), "tag-after");
    CHECK_STR(speaker(b, "Is it?"), "Iruka");
    CHECK_STR(speaker(b, "You are late"), "Kakashi");
    CHECK_STR(speaker(b, "I know."), "Iruka");
    CHECK_STR(rule(b, "I know."), "tag-before");
    /* a quote interrupted by its tag and resumed */
    CHECK_STR(speaker(b, "Well,"), "Iruka");
    CHECK_STR(speaker(b, "it was raining"), "Iruka");
    CHECK_STR(rule(b, "it was raining"), "tag-inside");
    CHECK_STR(speaker(b, "Fine."), "Kakashi");
    CHECK(quote(b, "Good morning")->confidence > quote(b, "Fine.")->confidence);
    dramatis_book_free(b);
}

static void test_pronouns(void)
{
    /* `he said` after a quote addressed to another man is not that man */
    struct dramatis_book *b = attributed(
        "Kakashi walked in. Iruka looked up from his desk.\n\n"
        "\"Come here, Iruka,\" he said.\n\n"
        "Sakura ran in after them.\n\n"
        "\"Wait for me!\" she cried.\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Come here"), "Kakashi");
    CHECK_STR(rule(b, "Come here"), "pronoun");
    CHECK_STR(speaker(b, "Wait for me"), "Sakura");
    dramatis_book_free(b);
}

static void test_beats_and_turns(void)
{
    struct dramatis_book *b = attributed(
        "Kakashi sat down across from Iruka.\n\n"
        "Iruka rolled his eyes and smiled. \"Well, you came.\"\n\n"
        "\"I always come.\"\n\n"
        "\"Not on time.\"\n\n"
        "\"Time is relative.\"\n\n"
        "\"Kakashi, please.\"\n\n"
        "\"Fine, fine.\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Well, you came"), "Iruka");
    CHECK_STR(rule(b, "Well, you came"), "beat");
    /* untagged quotes alternate between the two present */
    CHECK_STR(speaker(b, "I always come"), "Kakashi");
    CHECK_STR(speaker(b, "Not on time"), "Iruka");
    CHECK_STR(speaker(b, "Time is relative"), "Kakashi");
    /* a name inside a quote is its listener, not its speaker */
    CHECK_STR(speaker(b, "Kakashi, please"), "Iruka");
    CHECK_STR(speaker(b, "Fine, fine"), "Kakashi");
    dramatis_book_free(b);
}

static void test_turns_counted_back(void)
{
    /* the run starts on a wrong guess (a narration line ends the first
     * exchange); the tag at its end corrects it, counting back by twos */
    struct dramatis_book *b = attributed(
        "Kakashi and Iruka sat in the office. Sakura slept in the corner.\n\n"
        "\"Wake up,\" said Sakura.\n\n"
        "Nobody moved.\n\n"
        "\"The mission is cancelled.\"\n\n"
        "\"Which one?\"\n\n"
        "\"All of them.\"\n\n"
        "\"Why?\" asked Kakashi.\n\n"
        "\"Because of the rain,\" said Iruka.\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "All of them"), "Iruka");
    CHECK_STR(rule(b, "All of them"), "turn-taking");
    CHECK_STR(speaker(b, "Which one"), "Kakashi");
    CHECK_STR(speaker(b, "The mission"), "Iruka");
    dramatis_book_free(b);
}

static void test_pronoun_from_turns(void)
{
    /* `said he` in a talk between two men is the one who spoke two turns
     * later, not the man named last */
    static const struct cast_member cast[] = {
        { "Kakashi", { NULL }, DRAMATIS_GENDER_MALE },
        { "Iruka", { NULL }, DRAMATIS_GENDER_MALE },
        { "Naruto", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Naruto ran ahead of Kakashi and Iruka.\n\n"
        "\"He is fast,\" said Iruka.\n\n"
        "\"He is,\" said he.\n\n"
        "\"Let us follow,\" said Iruka.\n\n"
        "\"Fine,\" said Kakashi.\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "He is,"), "Kakashi");
    CHECK_STR(rule(b, "He is,"), "pronoun");
    dramatis_book_free(b);
}

static void test_lead_in(void)
{
    /* a narration paragraph ending in a tag announces the next quote;
     * the subject may stand before a comma-bounded phrase */
    struct dramatis_book *b = attributed(
        "Kakashi and Iruka sat in the office. Sakura came in.\n\n"
        "\"Good morning,\" said Iruka.\n\n"
        "Sakura looked at both of them, and soon afterwards Kakashi, drawing near Iruka, said to him--\n\n"
        "\"We should go.\"\n\n"
        "Iruka sighed, and after a long pause she continued:\n\n"
        "\"I will come too.\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "We should go"), "Kakashi");
    CHECK_STR(rule(b, "We should go"), "tag-before");
    CHECK_STR(speaker(b, "I will come"), "Sakura");
    dramatis_book_free(b);
}

static void test_pronoun_after_narration(void)
{
    static const struct cast_member boys[] = {
        { "Naruto", { NULL }, DRAMATIS_GENDER_MALE },
        { "Iruka", { NULL }, DRAMATIS_GENDER_MALE },
        { "Kakashi", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    /* `she` is the subject of the narration paragraph just before, not
     * the woman who spoke last */
    static const struct cast_member cast[] = {
        { "Sakura", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Ino", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Kakashi", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Sakura and Ino walked with Kakashi.\n\n"
        "\"It is late,\" said Ino.\n\n"
        "\"It is,\" said Kakashi.\n\n"
        "Kakashi stopped at the bridge. Sakura looked at the water for a long time.\n\n"
        "\"I will stay here,\" said she.\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "I will stay"), "Sakura");
    CHECK_STR(rule(b, "I will stay"), "pronoun");
    dramatis_book_free(b);

    /* narration after a quote: its subject, not the quote's tag */
    b = attributed(
        "Naruto and Iruka ate ramen.\n\n"
        "\"Are you dating Kakashi?\" Naruto asks. Iruka's heart nearly stops.\n\n"
        "\"No,\" he denies.\n\n"
        "\"Oh?\" Iruka asks, confused by the look on Naruto's face.\n\n"
        "\"I thought you were,\" he says.\n",
        boys);
    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "No,"), "Iruka");
    CHECK_STR(speaker(b, "I thought you were"), "Naruto");
    dramatis_book_free(b);
}

static void test_vocative_and_continuation(void)
{
    struct dramatis_book *b = attributed(
        "Sakura, Kakashi and Iruka stood at the gate.\n\n"
        "\"Sakura, did you bring the scroll?\" asked Kakashi.\n\n"
        "\"Of course I did.\"\n\n"
        "\"It is a long story,\" said Iruka. \"We met at the academy.\n\n"
        "\"Then the war came.\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Of course"), "Sakura");
    CHECK_STR(rule(b, "Of course"), "vocative");
    dramatis_book_free(b);

    /* `said Kakashi to Sakura`: the one spoken to answers */
    b = attributed(
        "Iruka, Sakura and Kakashi sat together.\n\n"
        "\"Tea?\" asked Iruka.\n\n"
        "\"Come here,\" said Kakashi to Sakura.\n\n"
        "\"Why?\"\n",
        naruto_cast);
    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Why?"), "Sakura");
    CHECK_STR(rule(b, "Why?"), "vocative");
    dramatis_book_free(b);
    b = attributed(
        "Sakura, Kakashi and Iruka stood at the gate.\n\n"
        "\"It is a long story,\" said Iruka. \"We met at the academy.\n\n"
        "\"Then the war came.\"\n",
        naruto_cast);
    CHECK(b != NULL);
    if (b == NULL)
        return;
    /* the second quote of a paragraph keeps the speaker */
    CHECK_STR(speaker(b, "We met"), "Iruka");
    /* a speech across paragraphs (quote left open) keeps the speaker */
    CHECK_STR(speaker(b, "Then the war"), "Iruka");
    dramatis_book_free(b);
}

static void test_title_longest_match(void)
{
    static const struct cast_member cast[] = {
        { "Mr. Bennet", { NULL }, DRAMATIS_GENDER_MALE },
        { "Mrs. Bennet", { "Bennet", NULL }, DRAMATIS_GENDER_FEMALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "\"My dear Mr. Bennet, have you heard?\" said his lady to him one day.\n\n"
        "\"I have not,\" said Mr.\nBennet.\n\n"
        "\"But it is,\" returned she.\n\n"
        "\"Is he married or single?\"\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "My dear"), "Mrs. Bennet");
    CHECK_STR(speaker(b, "I have not"), "Mr. Bennet");
    CHECK_STR(speaker(b, "But it is"), "Mrs. Bennet");
    CHECK_STR(speaker(b, "Is he married"), "Mr. Bennet");
    CHECK_STR(rule(b, "Is he married"), "turn-taking");
    dramatis_book_free(b);
}

static void test_surname_of_prominent_bearer(void)
{
    /* an entry called only `Small` does not take the surname from the
     * `Jonathan Small` the book keeps naming */
    static const struct cast_member cast[] = {
        { "The Prisoner", { "Jonathan Small", NULL }, DRAMATIS_GENDER_MALE },
        { "Holmes", { NULL }, DRAMATIS_GENDER_MALE },
        { "Small", { NULL }, DRAMATIS_GENDER_UNKNOWN },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Jonathan Small was brought in. Holmes looked hard at Jonathan Small.\n\n"
        "\"Sit down,\" said Holmes.\n\n"
        "\"Thank you,\" said Small.\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Sit down"), "Holmes");
    CHECK_STR(speaker(b, "Thank you"), "The Prisoner");
    dramatis_book_free(b);
}

static void test_pronoun_goes_on_with_speaker(void)
{
    /* `He stopped.` after Kakashi's quote is Kakashi; `Sakura and Iruka`
     * are `they`, so the `he` of `said he` is still Kakashi */
    struct dramatis_book *b = attributed(
        "Kakashi and Iruka sat in the office.\n\n"
        "\"I was a soldier once,\" said Kakashi.\n\n"
        "He stopped and drank. Sakura and Iruka listened with their hands upon "
        "their knees. He may have seen their faces.\n\n"
        "\"It was all very bad,\" said he.\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "It was all very bad"), "Kakashi");
    dramatis_book_free(b);
}

static void test_vocative_without_comma(void)
{
    /* `...for you too Iruka, as always` calls Iruka, who answers next */
    struct dramatis_book *b = attributed(
        "Iruka walked in with Kakashi and Sakura.\n\n"
        "\"Are you coming?\" asked Sakura.\n\n"
        "\"Yes,\" said Kakashi.\n\n"
        "\"We will wait for you too Iruka, as always.\"\n\n"
        "\"Thank you.\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Thank you"), "Iruka");
    CHECK_STR(rule(b, "Thank you"), "vocative");
    dramatis_book_free(b);
}

static void test_gender_written_back(void)
{
    /* a gender the cast leaves unknown is inferred and kept for casting;
     * one the cast gives is never changed */
    static const struct cast_member cast[] = {
        { "Naruto", { NULL }, DRAMATIS_GENDER_UNKNOWN },
        { "Hinata", { NULL }, DRAMATIS_GENDER_UNKNOWN },
        { "Sakura", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Naruto rubbed his head. Hinata smoothed her hair. Sakura tied her sandals.\n\n"
        "\"Ready?\" asked Naruto, and he grinned.\n\n"
        "\"Yes,\" Hinata said. She smiled.\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK(b->characters[character_with_alias(b, "Naruto")].gender == DRAMATIS_GENDER_MALE);
    CHECK(b->characters[character_with_alias(b, "Hinata")].gender == DRAMATIS_GENDER_FEMALE);
    CHECK(b->characters[character_with_alias(b, "Sakura")].gender == DRAMATIS_GENDER_MALE);
    dramatis_book_free(b);
}

static void test_name_in_inner_quote(void)
{
    /* a name called inside a quote within the quote is not its listener */
    struct dramatis_book *b = attributed(
        "Sakura tidied the desk while Kakashi read.\n\n"
        "\"Well,\" said she, \"Iruka told me besides, 'Ah! Sakura, you did well.' "
        "I was so pleased.\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Well,"), "Sakura");
    dramatis_book_free(b);
}

static void test_tag_subject_inside_sentence(void)
{
    /* the subject of a lead-in tag need not open its sentence */
    struct dramatis_book *b = attributed(
        "\"Are you done?\" asked Sakura.\n\n"
        "\"Nearly,\" said Kakashi.\n\n"
        "At length Iruka spoke, and in a quiet voice said,\n\n"
        "\"Go home.\"\n\n"
        "Sakura looked at Kakashi for a long time.\n\n"
        "Recovering himself, however, he turned to Iruka, and said,\n\n"
        "\"Fine.\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Go home"), "Iruka");
    CHECK_STR(rule(b, "Go home"), "tag-before");
    CHECK_STR(speaker(b, "Fine."), "Kakashi");
    CHECK_STR(rule(b, "Fine."), "pronoun");
    dramatis_book_free(b);
}

static void test_passive_and_clause_tags(void)
{
    /* `accosted by Sakura,` makes Sakura the speaker; `They ... when
     * Sakura came ..., and thus addressed him,` is Sakura's, not theirs;
     * a newcomer announced in narration starts a new exchange, so the
     * old pair's turns do not go on */
    struct dramatis_book *b = attributed(
        "\"Hello,\" said Kakashi.\n\n"
        "\"Hi,\" said Iruka.\n\n"
        "Iruka was thinking of the mission, when thus accosted by Sakura,\n\n"
        "\"You look tired.\"\n\n"
        "\"I am.\"\n\n"
        "They had not long separated when Sakura came towards Kakashi, and thus addressed him,\n\n"
        "\"Are you busy?\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "You look tired"), "Sakura");
    CHECK_STR(rule(b, "You look tired"), "tag-before");
    CHECK(strcmp(rule(b, "I am."), "turn-taking") != 0);
    CHECK_STR(speaker(b, "Are you busy"), "Sakura");
    CHECK_STR(rule(b, "Are you busy"), "tag-before");
    dramatis_book_free(b);
}

static void test_name_as_interrupted_subject(void)
{
    /* `"Iruka," said he, "has given me..."`: Iruka is talked about, not to;
     * `"Kakashi," said Iruka, "we need to talk."` still calls Kakashi */
    struct dramatis_book *b = attributed(
        "Iruka sat by the window.\n\n"
        "\"Hello,\" said Sakura.\n\n"
        "\"Iruka,\" said Kakashi, \"has given me too much credit.\"\n\n"
        "\"Has he?\"\n\n"
        "Sakura left them.\n\n"
        "\"Kakashi,\" said Iruka, \"we need to talk.\"\n\n"
        "\"Now?\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Has he?"), "Sakura");
    CHECK_STR(speaker(b, "Now?"), "Kakashi");
    dramatis_book_free(b);
}

static void test_lead_after_quote(void)
{
    /* narration closing a quote paragraph with a tag announces the next */
    struct dramatis_book *b = attributed(
        "\"Hello,\" said Sakura.\n\n"
        "\"Hi,\" said Kakashi.\n\n"
        "\"Come along, Sakura.\" And he was walking away, when Iruka called out,\n\n"
        "\"Wait for me.\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Wait for me"), "Iruka");
    CHECK_STR(rule(b, "Wait for me"), "tag-before");
    dramatis_book_free(b);
}

static void test_poor_is_no_call(void)
{
    /* `Poor Iruka, he works too hard` pities Iruka; it does not call him */
    struct dramatis_book *b = attributed(
        "Iruka sat by the window.\n\n"
        "\"Hello,\" said Kakashi.\n\n"
        "\"Poor Iruka, he works too hard,\" said Sakura.\n\n"
        "\"He does.\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "He does."), "Kakashi");
    dramatis_book_free(b);
}

static void test_subject_after_adverb(void)
{
    /* `And even Hinata could assure...` makes Hinata a subject the next
     * `said she` can refer to */
    static const struct cast_member cast[] = {
        { "Sakura", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Hinata", { NULL }, DRAMATIS_GENDER_FEMALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Sakura thought of the mission with pleasure. And even Hinata could assure "
        "her friends that she was glad.\n\n"
        "\"I am ready,\" said she.\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "I am ready"), "Hinata");
    dramatis_book_free(b);
}

static void test_description_alias(void)
{
    /* `A Stoutish Red-Faced Woman` in the cast is found as `a stoutish,
     * red-faced woman` in the text */
    static const struct cast_member cast[] = {
        { "Iruka", { NULL }, DRAMATIS_GENDER_MALE },
        { "Mrs. Smith", { "A Stoutish Red-Faced Woman", NULL }, DRAMATIS_GENDER_FEMALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Iruka knocked, and a stoutish, red-faced woman came out.\n\n"
        "\"Go away,\" she shouted.\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Go away"), "Mrs. Smith");
    dramatis_book_free(b);
}

static void test_paragraph_opening_pronoun(void)
{
    /* `He led Sakura out.` opening the paragraph after Kakashi spoke is
     * Kakashi, and so is its `he said` */
    struct dramatis_book *b = attributed(
        "\"Where is he?\" asked Iruka.\n\n"
        "\"Gone,\" said Kakashi.\n\n"
        "He led Sakura out to the stair. \"This,\" he said, \"is bad.\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "This,"), "Kakashi");
    dramatis_book_free(b);
}

static void test_terms_of_address(void)
{
    /* a cast entry called only `Sir` is not whoever is called sir */
    static const struct cast_member cast[] = {
        { "Kakashi", { NULL }, DRAMATIS_GENDER_MALE },
        { "Iruka", { NULL }, DRAMATIS_GENDER_MALE },
        { "Sir", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Kakashi walked in.\n\n"
        "\"Good morning, Sir,\" said Iruka.\n\n"
        "\"Morning.\"\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Morning."), "Kakashi");
    dramatis_book_free(b);
}

static void test_parent_is_married(void)
{
    /* `said her father` is the husband of a married pair present, not the
     * man who spoke last */
    static const struct cast_member cast[] = {
        { "Mr. Haruno", { NULL }, DRAMATIS_GENDER_MALE },
        { "Mrs. Haruno", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Sakura", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Kakashi", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Mr. Haruno and Mrs. Haruno sat with Sakura. Kakashi came in later.\n\n"
        "\"Good evening,\" said Kakashi.\n\n"
        "\"Sit down,\" said her father.\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Sit down"), "Mr. Haruno");
    dramatis_book_free(b);
}

static void test_heard_say(void)
{
    /* `heard Kakashi say,`: the one heard is the speaker */
    struct dramatis_book *b = attributed(
        "Iruka heard Kakashi say to himself, \"I am late.\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "I am late"), "Kakashi");
    dramatis_book_free(b);
}

static void test_participle_tag(void)
{
    /* `muttering to himself,` is a tag, not just a beat */
    struct dramatis_book *b = attributed(
        "Iruka sat down. Kakashi walked in, muttering to himself, \"Late again.\"\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Late again"), "Kakashi");
    CHECK_STR(rule(b, "Late again"), "tag-before");
    dramatis_book_free(b);
}

static void test_parent_in_narration(void)
{
    /* `met by her father` brings the father into the scene: the `he` of
     * the next tag is he, not the man who spoke last */
    static const struct cast_member cast[] = {
        { "Mr. Haruno", { NULL }, DRAMATIS_GENDER_MALE },
        { "Mrs. Haruno", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Sakura", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Kakashi", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Mr. Haruno and Mrs. Haruno lived in Konoha.\n\n"
        "\"Hello,\" said Kakashi.\n\n"
        "Sakura was met by her father at the door. He then said,\n\n"
        "\"Come in.\"\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Come in"), "Mr. Haruno");
    dramatis_book_free(b);
}

static void test_cast_only(void)
{
    /* with a cast, a name outside it never speaks */
    struct dramatis_book *b = attributed(
        "\"Hello,\" said Naruto.\n\n"
        "\"Hi,\" said Iruka.\n",
        naruto_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK(b->n_characters == 3);
    CHECK_STR(speaker(b, "Hi,"), "Iruka");
    CHECK(strcmp(speaker(b, "Hello"), "Naruto") != 0);
    dramatis_book_free(b);
}

static void test_discovery(void)
{
    struct dramatis_book *b = attributed(
        "Kakashi-sensei walked through Konoha to Ichiraku. In Konoha the rain fell.\n\n"
        "\"Iruka-sensei, are you hungry?\" asked Kakashi.\n\n"
        "\"Always,\" Iruka said. He smiled at Kakashi-sama.\n\n"
        "Then they ate at Ichiraku. Then Kakashi paid. Then Iruka laughed.\n\n"
        "\"Thank you,\" said Umino Iruka.\n\n"
        "Mr. Darcy bowed. Darcy looked at Mrs. Bennet and Mr. Bennet.\n\n"
        "\"Indeed,\" said Mr. Darcy. He was proud.\n\n"
        "\"Really,\" said Darcy.\n\n"
        "\"Nonsense,\" said Mrs. Bennet. She laughed.\n\n"
        "\"Quite,\" said Mr. Bennet. He sighed.\n\n"
        "Kakashi smiled, and Iruka smiled back. Kakashi was happy; Iruka was too.\n",
        NULL);
    int kakashi, darcy;

    CHECK(b != NULL);
    if (b == NULL)
        return;
    kakashi = character_with_alias(b, "Kakashi");
    CHECK(kakashi >= 0);
    CHECK(character_with_alias(b, "Iruka") >= 0);
    /* honorifics and family names merge into one person */
    CHECK(character_with_alias(b, "Umino Iruka") == character_with_alias(b, "Iruka"));
    /* titles merge with the bare surname, but Mr. and Mrs. stay apart */
    darcy = character_with_alias(b, "Darcy");
    CHECK(darcy >= 0 && darcy == character_with_alias(b, "Mr. Darcy"));
    CHECK(character_with_alias(b, "Mr. Bennet") >= 0);
    CHECK(character_with_alias(b, "Mr. Bennet") != character_with_alias(b, "Mrs. Bennet"));
    /* places and sentence-initial words are not people */
    CHECK(!has_character(b, "Konoha"));
    CHECK(!has_character(b, "Ichiraku"));
    CHECK(!has_character(b, "Then"));
    CHECK(!has_character(b, "In"));
    if (kakashi >= 0)
        CHECK(b->characters[kakashi].gender == DRAMATIS_GENDER_UNKNOWN ||
              b->characters[kakashi].gender == DRAMATIS_GENDER_MALE);
    CHECK(b->characters[character_with_alias(b, "Mrs. Bennet")].gender == DRAMATIS_GENDER_FEMALE);
    CHECK_STR(speaker(b, "Iruka-sensei, are you"), "Kakashi");
    CHECK_STR(speaker(b, "Always"), "Iruka");
    CHECK(character_with_alias(b, speaker(b, "Really")) == darcy);
    dramatis_book_free(b);
}

static void test_first_person(void)
{
    struct dramatis_book *b = attributed(
        "Holmes was at his desk when I came in.\n\n"
        "\"You look tired, Watson,\" said Holmes.\n\n"
        "\"I am,\" said I.\n\n"
        "\"Sit down, Watson,\" said he.\n\n"
        "\"Thank you,\" I answered.\n\n"
        "\"Have you eaten, Watson?\" asked Holmes.\n\n"
        "\"Not yet,\" I replied.\n",
        NULL);
    const struct segment *seg;

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK(character_with_alias(b, "Holmes") >= 0);
    seg = quote(b, "I am");
    CHECK(seg != NULL && seg->speaker >= 0);
    /* the narrator who says `I` is a speaker in its own right */
    if (seg && seg->speaker >= 0)
        CHECK(seg->speaker != character_with_alias(b, "Holmes"));
    CHECK(quote(b, "Thank you") && quote(b, "Thank you")->speaker == seg->speaker);
    CHECK_STR(speaker(b, "Sit down"), "Holmes");
    dramatis_book_free(b);
}

/* A first-person narrator nobody names is a speaker of its own, under a
 * name apart from the narration's voice, so a user can name it. */
static void test_first_person_unnamed(void)
{
    struct dramatis_book *b = attributed(
        "Holmes was at his desk when I came in.\n\n"
        "\"You look tired,\" said Holmes.\n\n"
        "\"I am,\" said I.\n\n"
        "\"Sit down,\" said he.\n\n"
        "\"Thank you,\" I answered.\n\n"
        "\"Have you eaten?\" asked Holmes.\n\n"
        "\"Not yet,\" I replied.\n",
        NULL);
    const struct segment *seg;

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK(strcmp(BOOK_FIRST_PERSON_NAME, "Narrator") != 0);
    CHECK(has_character(b, BOOK_FIRST_PERSON_NAME));
    CHECK(!has_character(b, "Narrator"));
    CHECK_STR(speaker(b, "I am"), BOOK_FIRST_PERSON_NAME);
    CHECK_STR(speaker(b, "Thank you"), BOOK_FIRST_PERSON_NAME);
    CHECK_STR(speaker(b, "Have you eaten"), "Holmes");
    seg = quote(b, "I am");
    if (seg && seg->speaker >= 0) {
        /* what preview, overrides and the voice map look names up with */
        CHECK(book_find_speaker(b, BOOK_FIRST_PERSON_NAME) == seg->speaker);
        CHECK(book_find_speaker(b, "(NARRATOR)") == seg->speaker);
        CHECK(book_find_speaker(b, "I") == seg->speaker);
    }
    CHECK(book_find_speaker(b, "narrator") == -1);
    dramatis_book_free(b);
}

/* A cast that names the first-person narrator as `cast --write` wrote it
 * (no alias left) keeps it: no second one is invented. */
static void test_first_person_in_cast(void)
{
    static const struct cast_member cast[] = {
        { "Holmes", { NULL }, DRAMATIS_GENDER_MALE },
        { BOOK_FIRST_PERSON_NAME, { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Holmes was at his desk when I came in.\n\n"
        "\"You look tired, Watson,\" said Holmes.\n\n"
        "\"I am,\" said I.\n\n"
        "\"Not yet,\" I replied.\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK(b->n_characters == 2);
    CHECK_STR(speaker(b, "I am"), BOOK_FIRST_PERSON_NAME);
    CHECK_STR(speaker(b, "Not yet"), BOOK_FIRST_PERSON_NAME);
    dramatis_book_free(b);
}

/* The story of test_same_with_any_space: `~` is a space around a speech
 * tag, `^` the space inside `Mr. Darcy`. */
static const char spaced_story[] =
    "Tom and Mary walked up the hill to the house of Mr.^Darcy.\n\n"
    "\"Go,\"~said~Tom.\n\n"
    "Mary~asked,~\"Why?\"\n\n"
    "\"Because the door is open,\"~he~said.\n\n"
    "\"Then we must hurry,\"~said~Mary.\n\n"
    "Mr.^Darcy opened the door and smiled.~\"Welcome,\"~said~Mr.^Darcy.~\"Come in.\"\n\n"
    "\"Thank you,\"~she~replied.\n\n"
    "\"You are late, Tom,\"~said~Mr.^Darcy~to~him.\n";

/* spaced_story with plain spaces, or with `^` a no-break space and `~` in
 * turn a no-break, narrow no-break, thin and ideographic space. */
static char *spaced(int unicode)
{
    static const char *const spaces[] = { "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89",
                                          "\xE3\x80\x80" };
    struct buf b;
    size_t i, k = 0;
    dramatis_status st = DRAMATIS_OK;

    buf_init(&b, 1 << 16);
    for (i = 0; spaced_story[i] && st == DRAMATIS_OK; i++) {
        if (spaced_story[i] == '~')
            st = buf_adds(&b, unicode ? spaces[k++ % 4] : " ");
        else if (spaced_story[i] == '^')
            st = buf_adds(&b, unicode ? spaces[0] : " ");
        else
            st = buf_add(&b, spaced_story + i, 1);
    }
    if (st != DRAMATIS_OK) {
        buf_cleanup(&b);
        return NULL;
    }
    return buf_take(&b);
}

/* The dialogue segments of a book, in reading order. */
static size_t dialogue(const struct dramatis_book *b, const struct segment **out, size_t max)
{
    size_t c, p, s, n = 0;

    for (c = 0; c < b->n_chapters; c++)
        for (p = 0; p < b->chapters[c].n_paragraphs; p++)
            for (s = 0; s < b->chapters[c].paragraphs[p].n_segments; s++)
                if (b->chapters[c].paragraphs[p].segments[s].kind == SEGMENT_DIALOGUE && n < max)
                    out[n++] = &b->chapters[c].paragraphs[p].segments[s];
    return n;
}

/* Every stage takes a no-break or typographic space for a space: `said`
 * + U+00A0 + `Tom` is a speech tag, not a sentence end, and `Mr.` +
 * U+00A0 + `Darcy` is one name.  The same story with plain and with
 * Unicode spaces gives every quote the same speaker by the same rule. */
static void test_same_with_any_space(void)
{
    static const struct cast_member cast[] = {
        { "Tom", { NULL }, DRAMATIS_GENDER_MALE },
        { "Mary", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Mr. Darcy", { "Darcy", NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    const struct segment *plain_q[16], *uni_q[16];
    size_t n_plain, n_uni, i, round;

    for (round = 0; round < 2; round++) {
        char *plain_text = spaced(0), *uni_text = spaced(1);
        const struct cast_member *with = round == 0 ? cast : NULL;   /* then discovered */
        struct dramatis_book *plain = plain_text ? attributed(plain_text, with) : NULL;
        struct dramatis_book *uni = uni_text ? attributed(uni_text, with) : NULL;

        CHECK(plain != NULL && uni != NULL);
        if (plain && uni && with) {
            /* what the plain story should give, so the comparison means something */
            CHECK_STR(speaker(plain, "Go,"), "Tom");
            CHECK_STR(rule(plain, "Go,"), "tag-after");
            CHECK_STR(speaker(plain, "Why?"), "Mary");
            CHECK_STR(rule(plain, "Why?"), "tag-before");
            CHECK_STR(speaker(plain, "Because"), "Tom");
            CHECK_STR(rule(plain, "Because"), "pronoun");
            CHECK_STR(speaker(plain, "Welcome"), "Mr. Darcy");
            CHECK_STR(speaker(plain, "Thank you"), "Mary");
            CHECK_STR(speaker(plain, "You are late"), "Mr. Darcy");
        }
        if (plain && uni) {
            n_plain = dialogue(plain, plain_q, 16);
            n_uni = dialogue(uni, uni_q, 16);
            CHECK(n_plain == 8);
            CHECK(n_uni == n_plain);
            for (i = 0; i < n_plain && i < n_uni; i++) {
                /* segments fold every kind of space to one plain space */
                CHECK_STR(uni_q[i]->text, plain_q[i]->text);
                CHECK_STR(book_speaker_name(uni, uni_q[i]), book_speaker_name(plain, plain_q[i]));
                CHECK_STR(uni_q[i]->rule, plain_q[i]->rule);
            }
            CHECK(uni->n_characters == plain->n_characters);
            for (i = 0; i < plain->n_characters && i < uni->n_characters; i++)
                CHECK_STR(uni->characters[i].name, plain->characters[i].name);
        }
        dramatis_book_free(plain);
        dramatis_book_free(uni);
        free(plain_text);
        free(uni_text);
    }
}

int main(void)
{
    test_tags();
    test_pronouns();
    test_beats_and_turns();
    test_turns_counted_back();
    test_pronoun_after_narration();
    test_pronoun_from_turns();
    test_lead_in();
    test_vocative_and_continuation();
    test_title_longest_match();
    test_surname_of_prominent_bearer();
    test_pronoun_goes_on_with_speaker();
    test_vocative_without_comma();
    test_gender_written_back();
    test_name_in_inner_quote();
    test_tag_subject_inside_sentence();
    test_passive_and_clause_tags();
    test_name_as_interrupted_subject();
    test_lead_after_quote();
    test_poor_is_no_call();
    test_subject_after_adverb();
    test_description_alias();
    test_paragraph_opening_pronoun();
    test_terms_of_address();
    test_parent_is_married();
    test_heard_say();
    test_participle_tag();
    test_parent_in_narration();
    test_cast_only();
    test_discovery();
    test_first_person();
    test_first_person_unnamed();
    test_first_person_in_cast();
    test_same_with_any_space();
    return CHECK_DONE();
}
