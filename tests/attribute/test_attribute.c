/* Tests of speaker attribution: each evidence function on its own, the
 * name matcher, the scorer's choices on short stories, the first-person
 * narrator, speakers known only by a description, and cast discovery.
 * Every example is made up for the test. */
#include "attribute.h"
#include "attribute_internal.h"
#include "book.h"
#include "buf.h"
#include "check.h"
#include "evidence.h"
#include "import.h"
#include "scoring.h"
#include "segment.h"

#include <stdlib.h>
#include <string.h>

struct cast_member {
    const char *name;
    const char *aliases[4];
    dramatis_gender gender;
};

/* A book of text, segmented, with the cast (may be NULL) but not attributed. */
static struct dramatis_book *loaded(const char *text, const struct cast_member *cast)
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
    return book;
fail:
    dramatis_book_free(book);
    return NULL;
}

/* Builds a book from text, adds the cast (may be NULL) and attributes it. */
static struct dramatis_book *attributed(const char *text, const struct cast_member *cast)
{
    struct dramatis_book *book = loaded(text, cast);
    struct dramatis_error err;

    if (book && attribute_book(book, &err) != DRAMATIS_OK) {
        dramatis_book_free(book);
        return NULL;
    }
    return book;
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
    return name ? name : "(nobody)";
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

/* ---- evidence functions, on tokens of in-memory text ---- */

struct toks {
    struct attr_tok t[128];
    size_t n;
};

static void tokenize(const char *text, const struct attr_names *names, struct toks *out)
{
    out->n = attr_tokenize(text, 0, strlen(text), names, 1, out->t, 128);
}

/* The tag after a quote: its subject, and whether a verb of speech makes
 * it a tag rather than a beat. */
static void test_tag_after(void)
{
    struct toks k;
    struct attr_tag tag;
    const char *s;

    s = " said the ferryman, smiling.";
    tokenize(s, NULL, &k);
    CHECK(attr_tag_after(s, k.t, k.n, &tag) && tag.is_tag);
    CHECK(tag.subj.kind == ATTR_SUBJ_NOUN);
    CHECK(tag.subj.desc_end > tag.subj.desc_start);
    if (tag.subj.desc_end > tag.subj.desc_start)
        CHECK(strncmp(s + tag.subj.desc_start, "the ferryman", tag.subj.desc_end - tag.subj.desc_start) == 0);

    s = " she whispered.";
    tokenize(s, NULL, &k);
    CHECK(attr_tag_after(s, k.t, k.n, &tag) && tag.is_tag);
    CHECK(tag.subj.kind == ATTR_SUBJ_PRON && tag.subj.gender == DRAMATIS_GENDER_FEMALE);

    s = " said I.";
    tokenize(s, NULL, &k);
    CHECK(attr_tag_after(s, k.t, k.n, &tag) && tag.is_tag && tag.subj.kind == ATTR_SUBJ_I);

    /* `he folded` is an action beside the quote, not a tag */
    s = " He folded the map and looked at the sea.";
    tokenize(s, NULL, &k);
    CHECK(attr_tag_after(s, k.t, k.n, &tag) && !tag.is_tag);
    CHECK(tag.subj.kind == ATTR_SUBJ_PRON && tag.subj.gender == DRAMATIS_GENDER_MALE);

    /* `said his sister`: a relative, with the owner's gender */
    s = " said his sister.";
    tokenize(s, NULL, &k);
    CHECK(attr_tag_after(s, k.t, k.n, &tag) && tag.is_tag);
    CHECK(tag.subj.kind == ATTR_SUBJ_NOUN && tag.subj.gender == DRAMATIS_GENDER_FEMALE &&
          tag.subj.owner == 1);

    /* `He put the cup down.` is an action: `put` is speech only as `put in` */
    s = " He put the cup down.";
    tokenize(s, NULL, &k);
    CHECK(attr_tag_after(s, k.t, k.n, &tag) && !tag.is_tag);
    s = " put in the clerk.";
    tokenize(s, NULL, &k);
    CHECK(attr_tag_after(s, k.t, k.n, &tag) && tag.is_tag && tag.subj.kind == ATTR_SUBJ_NOUN);

    /* her voice is her speaking: a tag, though no verb of speech follows */
    s = " Her voice shook a little.";
    tokenize(s, NULL, &k);
    CHECK(attr_tag_after(s, k.t, k.n, &tag) && tag.is_tag);
    CHECK(tag.subj.kind == ATTR_SUBJ_PRON && tag.subj.gender == DRAMATIS_GENDER_FEMALE);
}

/* The tag before a quote: its last sentence, a tag when it leads into
 * the quote with a comma or colon, a beat after a full stop. */
static void test_tag_before(void)
{
    struct toks k;
    struct attr_tag tag;
    const char *s;

    s = "The clock struck nine. Then one of the guards called out, ";
    tokenize(s, NULL, &k);
    CHECK(attr_tag_before(s, k.t, k.n, &tag) && tag.is_tag && tag.subj.kind == ATTR_SUBJ_NOUN);
    s = "The lamp went out. She turned to the door and said: ";
    tokenize(s, NULL, &k);
    CHECK(attr_tag_before(s, k.t, k.n, &tag) && tag.is_tag);
    CHECK(tag.subj.kind == ATTR_SUBJ_PRON && tag.subj.gender == DRAMATIS_GENDER_FEMALE);
    s = "He put the cup down. ";
    tokenize(s, NULL, &k);
    CHECK(attr_tag_before(s, k.t, k.n, &tag) && !tag.is_tag);
}

/* A description stands for a speaker the book does not name. */
static void test_description(void)
{
    struct toks k;
    struct attr_subject subj;
    const char *s;

    s = "one of the sailors";
    tokenize(s, NULL, &k);
    CHECK(attr_parse_description(s, k.t, k.n, 0, 0, &subj) == k.n);
    CHECK(subj.kind == ATTR_SUBJ_NOUN);
    s = "somebody laughed";
    tokenize(s, NULL, &k);
    CHECK(attr_parse_description(s, k.t, k.n, 0, 1, &subj) == 1);
    s = "somebody else asked";
    tokenize(s, NULL, &k);
    CHECK(attr_parse_description(s, k.t, k.n, 0, 1, &subj) == 2);
    /* a relative clause is no part of it: `said the men whose boat sank` */
    s = "the men whose boat sank";
    tokenize(s, NULL, &k);
    CHECK(attr_parse_description(s, k.t, k.n, 0, 0, &subj) == 2);
    s = "the old gardener answered";
    tokenize(s, NULL, &k);
    CHECK(attr_parse_description(s, k.t, k.n, 0, 1, &subj) == 3);
    /* a verb of speech must follow the subject it opens */
    s = "the old gardener was tired";
    tokenize(s, NULL, &k);
    CHECK(attr_parse_description(s, k.t, k.n, 0, 1, &subj) == 0);
    /* `his` and `her` are no descriptions of a new person */
    s = "his brother";
    tokenize(s, NULL, &k);
    CHECK(attr_parse_description(s, k.t, k.n, 0, 0, &subj) == 0);
}

/* Whom a quote addresses, and whom it only names. */
static void test_vocatives(void)
{
    static const struct cast_member cast[] = {
        { "Mara", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Tobias", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = loaded("x\n", cast);
    struct attr_names names;
    struct toks k;
    int voc[ATTR_MAX_VOC], ment[ATTR_MAX_VOC];
    size_t nv, nm;
    const char *s;

    CHECK(b != NULL);
    if (b == NULL || attr_names_init(&names, b) != DRAMATIS_OK) {
        dramatis_book_free(b);
        return;
    }
    s = "Mara, the boat is leaving";
    tokenize(s, &names, &k);
    nv = attr_vocatives(s, k.t, k.n, voc, ment, &nm);
    CHECK(nv == 1 && voc[0] == 0 && nm == 0);
    s = "You are late again, Tobias!";
    tokenize(s, &names, &k);
    nv = attr_vocatives(s, k.t, k.n, voc, ment, &nm);
    CHECK(nv == 1 && voc[0] == 1);
    s = "I saw Mara at the market with her brother";
    tokenize(s, &names, &k);
    nv = attr_vocatives(s, k.t, k.n, voc, ment, &nm);
    CHECK(nv == 0 && nm == 1 && ment[0] == 0);
    attr_names_cleanup(&names);
    dramatis_book_free(b);
}

/* The matcher finds a many-word name by a word of it no one else holds,
 * and a description in either case. */
static void test_names(void)
{
    static const struct cast_member cast[] = {
        { "Hector Vale", { NULL }, DRAMATIS_GENDER_MALE },
        { "Mr. Quill", { NULL }, DRAMATIS_GENDER_MALE },
        { "Mrs. Quill", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Young Ned", { NULL }, DRAMATIS_GENDER_MALE },
        { "The Old Sailor", { NULL }, DRAMATIS_GENDER_MALE },
        { "Captain Rowe", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = loaded("He was young once. The captain was not.\n", cast);
    struct attr_names names;
    int c, poss;
    const char *s;

    CHECK(b != NULL);
    if (b == NULL || attr_names_init(&names, b) != DRAMATIS_OK) {
        dramatis_book_free(b);
        return;
    }
    s = "Vale";   /* `said Vale` is Hector Vale's */
    CHECK(attr_names_match(&names, s, strlen(s), 0, 0, &c, &poss, NULL) == 4 && c == 0);
    s = "Hector";
    CHECK(attr_names_match(&names, s, strlen(s), 0, 0, &c, &poss, NULL) == 6 && c == 0);
    s = "Quill";   /* two people hold it: neither by it alone */
    CHECK(attr_names_match(&names, s, strlen(s), 0, 0, &c, &poss, NULL) == 0);
    s = "Young";   /* the text writes it in lowercase: a word, not a name */
    CHECK(attr_names_match(&names, s, strlen(s), 0, 0, &c, &poss, NULL) == 0);
    s = "Ned";
    CHECK(attr_names_match(&names, s, strlen(s), 0, 0, &c, &poss, NULL) == 3 && c == 3);
    s = "the old sailor";
    CHECK(attr_names_match(&names, s, strlen(s), 0, 0, &c, &poss, NULL) == strlen(s) && c == 4);
    /* a rank the text writes as a common noun: `said the captain` */
    s = "the captain";
    CHECK(attr_names_match(&names, s, strlen(s), 0, 0, &c, &poss, NULL) == strlen(s) && c == 5);
    CHECK(attr_is_description("My Father", 9));
    CHECK(!attr_is_description("Marcus Day", 10));
    attr_names_cleanup(&names);
    dramatis_book_free(b);
}

/* ---- candidates and features, seen through the observer ---- */

struct seen_features {
    const struct dramatis_book *book;
    const char *quote;             /* the quote of interest (prefix) */
    double f[8][ATTR_N_FEATURES];  /* its candidates' features */
    int who[8];
    size_t n;
};

static void observe(void *ctx, const struct segment *seg, size_t index, int character,
                    const double *f, size_t n_cands)
{
    struct seen_features *sf = ctx;

    (void)n_cands;
    if (character < 0 || strncmp(seg->text, sf->quote, strlen(sf->quote)) != 0 || index >= 8)
        return;
    memcpy(sf->f[index], f, sizeof sf->f[index]);
    sf->who[index] = character;
    if (index + 1 > sf->n)
        sf->n = index + 1;
}

/* The features of one candidate (by name) of the quote sf->quote. */
static const double *features_of(struct seen_features *sf, const char *name)
{
    size_t i;

    for (i = 0; i < sf->n; i++) {
        if (strcmp(sf->book->characters[sf->who[i]].name, name) == 0)
            return sf->f[i];
    }
    return NULL;
}

static const char pier_story[] =
    "Title\n\n"
    "Mara and Tobias stood on the pier while Edwin loaded the boat.\n\n"
    "\"The tide is turning,\" said Mara.\n\n"
    "\"Then we go now, Tobias,\" Edwin answered.\n\n"
    "\"Not without the nets.\"\n\n"
    "\"Fine,\" he said.\n";

/* Attributes story with the pier's cast, keeping the features of the
 * quote opening with prefix; the book is returned for its speakers. */
static struct dramatis_book *observed_with(const char *story, const struct cast_member *cast,
                                           const char *prefix, struct seen_features *sf)
{
    struct dramatis_book *b = loaded(story, cast);
    struct dramatis_error err;

    memset(sf, 0, sizeof *sf);
    sf->book = b;
    sf->quote = prefix;
    if (b && attr_run(b, NULL, observe, sf, &err) != DRAMATIS_OK) {
        dramatis_book_free(b);
        return NULL;
    }
    return b;
}

static struct dramatis_book *observed(const char *story, const char *prefix, struct seen_features *sf)
{
    static const struct cast_member cast[] = {
        { "Mara", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Tobias", { NULL }, DRAMATIS_GENDER_MALE },
        { "Edwin", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };

    return observed_with(story, cast, prefix, sf);
}

/* Feature f of candidate name for the quote of story opening with
 * prefix, with the cast given (the pier's when NULL); -1 when either is
 * missing. */
static double feature_with(const char *story, const struct cast_member *cast, const char *prefix,
                           const char *name, enum attr_feature f)
{
    struct seen_features sf;
    struct dramatis_book *b = cast ? observed_with(story, cast, prefix, &sf)
                                   : observed(story, prefix, &sf);
    const double *v = b ? features_of(&sf, name) : NULL;
    double out = v ? v[f] : -1.0;

    dramatis_book_free(b);
    return out;
}

static double feature(const char *story, const char *prefix, const char *name, enum attr_feature f)
{
    return feature_with(story, NULL, prefix, name, f);
}

/* `Not far, aunt.` addresses Aunt Nell while the story is about her, and
 * `Yes, captain.` Capt. Hale; an aunt the narration has not named for
 * long is someone else's. */
static void test_kin_and_rank_vocatives(void)
{
    static const struct cast_member cast[] = {
        { "Tom", { NULL }, DRAMATIS_GENDER_MALE },
        { "Aunt Nell", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Capt. Hale", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    static const char scene[] =
        "Title\n\nTom came in at the back door. Aunt Nell and Capt. Hale were at the table.\n\n"
        "\"Where were you?\"\n\n\"Not far, aunt.\"\n\n\"Is the boat ready?\"\n\n"
        "\"Yes, captain.\"\n";
    char story[4096];
    size_t n, k;

    CHECK(feature_with(scene, cast, "Where were you", "Aunt Nell", ATTR_F_VOC_NEXT) == 1.0);
    CHECK(feature_with(scene, cast, "Is the boat", "Capt. Hale", ATTR_F_VOC_NEXT) == 1.0);

    /* Aunt Nell named once, thirty paragraphs back: not a candidate, or
     * not the one answered */
    n = (size_t)snprintf(story, sizeof story, "Title\n\nAunt Nell went to town.\n\n");
    for (k = 0; k < 30; k++)
        n += (size_t)snprintf(story + n, sizeof story - n, "The days went by.\n\n");
    snprintf(story + n, sizeof story - n, "Tom sat with Mrs. Lane.\n\n\"Where were you?\"\n\n"
                                          "\"Not far, aunt.\"\n");
    CHECK(feature_with(story, cast, "Where were you", "Aunt Nell", ATTR_F_VOC_NEXT) != 1.0);
}

static void test_features(void)
{
    struct seen_features sf;
    struct dramatis_book *b;
    const double *m, *t, *e;
    const char *story;

    /* a named tag and an addressee */
    b = observed(pier_story, "Then we go", &sf);
    CHECK(b != NULL);
    e = b ? features_of(&sf, "Edwin") : NULL;
    t = b ? features_of(&sf, "Tobias") : NULL;
    CHECK(e != NULL);
    if (e)
        CHECK(e[ATTR_F_TAG_NAME] == 1.0 && e[ATTR_F_VOC_PREV] == 0.0);
    /* nobody calls themselves by name: the one addressed is no candidate */
    CHECK(t == NULL);
    dramatis_book_free(b);

    /* `he` opening a sentence before the quote stands for Tobias */
    b = observed("Title\n\nMara and Edwin sat down. The lamp lit Tobias's face, and he smiled.\n\n"
                 "\"Good evening.\"\n", "Good evening", &sf);
    CHECK(b != NULL);
    t = b ? features_of(&sf, "Tobias") : NULL;
    e = b ? features_of(&sf, "Edwin") : NULL;
    CHECK(t != NULL && e != NULL);
    if (t && e)
        CHECK(t[ATTR_F_PREV_PRON_SUBJECT] == 1.0 && e[ATTR_F_PREV_PRON_SUBJECT] == 0.0);
    dramatis_book_free(b);

    /* `Mara and Tobias` are they: the `he` after them is the man the
     * scene is about, who spoke last */
    b = observed("Title\n\n\"We should go,\" said Edwin.\n\n"
                 "Mara and Tobias looked at the sky. He shrugged.\n\n"
                 "\"Good evening.\"\n", "Good evening", &sf);
    CHECK(b != NULL);
    t = b ? features_of(&sf, "Tobias") : NULL;
    e = b ? features_of(&sf, "Edwin") : NULL;
    CHECK(t != NULL && e != NULL);
    if (t && e)
        CHECK(e[ATTR_F_PREV_PRON_SUBJECT] == 1.0 && t[ATTR_F_PREV_PRON_SUBJECT] == 0.0);
    dramatis_book_free(b);

    /* addressed by the turn before, with narration between the turns */
    story = "Title\n\n\"Are you cold, Tobias?\" said Mara.\n\n"
            "The wind rose over the pier.\n\n\"Not yet.\"\n";
    CHECK(feature(story, "Not yet", "Tobias", ATTR_F_VOC_PREV_GAP) == 1.0);
    CHECK(feature(story, "Not yet", "Tobias", ATTR_F_VOC_PREV) == 0.0);

    /* the turn after addresses Tobias: evidence he spoke this one */
    story = "Title\n\nMara and Tobias sat by the fire.\n\n\"Is it late?\"\n\n\"Not yet, Tobias.\"\n";
    CHECK(feature(story, "Is it late", "Tobias", ATTR_F_VOC_NEXT) == 1.0);
    CHECK(feature(story, "Is it late", "Mara", ATTR_F_VOC_NEXT) == 0.0);

    /* the reply answers the first one it names, then turns to another */
    story = "Title\n\nMara, Tobias and Edwin sat by the fire.\n\n\"Is it late?\"\n\n"
            "\"Not yet, Tobias. Is it, Mara?\"\n";
    CHECK(feature(story, "Is it late", "Tobias", ATTR_F_VOC_NEXT) == 1.0);
    CHECK(feature(story, "Is it late", "Mara", ATTR_F_VOC_NEXT) == 0.0);

    /* named only after a preposition: not whom the paragraph is about */
    story = "Title\n\nMara sat alone with Tobias. \"Is it late?\"\n";
    CHECK(feature(story, "Is it late", "Mara", ATTR_F_PARA_NAME) == 1.0);
    CHECK(feature(story, "Is it late", "Mara", ATTR_F_PARA_NAME_OBJ) == 0.0);
    CHECK(feature(story, "Is it late", "Tobias", ATTR_F_PARA_NAME) == 0.0);
    CHECK(feature(story, "Is it late", "Tobias", ATTR_F_PARA_NAME_OBJ) == 1.0);
    story = "Title\n\nMara sat alone with Tobias. Tobias smiled. \"Is it late?\"\n";
    CHECK(feature(story, "Is it late", "Tobias", ATTR_F_PARA_NAME) == 1.0);
    CHECK(feature(story, "Is it late", "Tobias", ATTR_F_PARA_NAME_OBJ) == 0.0);

    /* the untagged answer: Tobias was addressed, Mara spoke two turns back */
    b = observed(pier_story, "Not without", &sf);
    CHECK(b != NULL);
    m = b ? features_of(&sf, "Mara") : NULL;
    t = b ? features_of(&sf, "Tobias") : NULL;
    e = b ? features_of(&sf, "Edwin") : NULL;
    CHECK(m != NULL && t != NULL && e != NULL);
    if (m && t && e) {
        CHECK(t[ATTR_F_VOC_PREV] == 1.0 && m[ATTR_F_VOC_PREV] == 0.0);
        CHECK(e[ATTR_F_LAST] == 1.0 && m[ATTR_F_LAST] == 0.0);
        CHECK(m[ATTR_F_LAST2] == 1.0 && e[ATTR_F_LAST2] == 0.0);
    }
    if (b) {
        CHECK_STR(speaker(b, "Not without"), "Tobias");
        CHECK_STR(rule(b, "Not without"), "vocative");
    }
    dramatis_book_free(b);

    /* `She looked across at Elsa and said:` announces the she that
     * opened the sentence, the woman the scene is about, not Elsa */
    {
        static const struct cast_member women[] = {
            { "Mara", { NULL }, DRAMATIS_GENDER_FEMALE },
            { "Elsa", { NULL }, DRAMATIS_GENDER_FEMALE },
            { "Edwin", { NULL }, DRAMATIS_GENDER_MALE },
            { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
        };
        const double *el;
        b = observed_with("Title\n\n\"It is cold,\" said Mara.\n\nNobody answered. She looked "
                          "across at Elsa, and said:\n\n\"The nets are gone.\"\n",
                          women, "The nets", &sf);
        m = b ? features_of(&sf, "Mara") : NULL;
        el = b ? features_of(&sf, "Elsa") : NULL;
        CHECK(m != NULL && el != NULL);
        if (m && el)
            CHECK(m[ATTR_F_LEAD] == 1.0 && el[ATTR_F_LEAD] == 0.0);
        if (b)
            CHECK_STR(speaker(b, "The nets"), "Mara");
        dramatis_book_free(b);
    }

    /* `she said:` before the quote, or `she` in a beat beside it, with
     * nobody yet named to stand for: still a woman's line */
    {
        static const char *const told[] = {
            "Title\n\nShe put down her cup and said:\n\n\"Who is there?\"\n\n"
            "The door opened. Tobias and Mara looked at each other.\n",
            "Title\n\n\"Who is there?\" She put down her cup.\n\n"
            "The door opened. Tobias and Mara looked at each other.\n",
        };
        size_t k;

        for (k = 0; k < sizeof told / sizeof told[0]; k++) {
            b = observed(told[k], "Who is there", &sf);
            CHECK(b != NULL);
            m = b ? features_of(&sf, "Mara") : NULL;
            t = b ? features_of(&sf, "Tobias") : NULL;
            CHECK(m != NULL && t != NULL);
            if (m && t) {
                CHECK(m[ATTR_F_BEAT_GENDER] == 1.0 && m[ATTR_F_BEAT_GENDER_OTHER] == 0.0);
                CHECK(t[ATTR_F_BEAT_GENDER] == 0.0 && t[ATTR_F_BEAT_GENDER_OTHER] == 1.0);
            }
            if (b)
                CHECK_STR(speaker(b, "Who is there"), "Mara");
            dramatis_book_free(b);
        }
    }

    /* `he said` after Tobias answered Edwin: a man, the other party */
    b = observed(pier_story, "Fine", &sf);
    CHECK(b != NULL);
    m = b ? features_of(&sf, "Mara") : NULL;
    e = b ? features_of(&sf, "Edwin") : NULL;
    CHECK(m != NULL && e != NULL);
    if (m && e) {
        CHECK(e[ATTR_F_TAG_PRON] == 1.0 && m[ATTR_F_TAG_PRON] == 0.0);
        CHECK(m[ATTR_F_TAG_PRON_OTHER] == 1.0);
        CHECK(e[ATTR_F_PRON_LAST2] == 1.0);
    }
    if (b)
        CHECK_STR(speaker(b, "Fine"), "Edwin");
    dramatis_book_free(b);
}

/* ---- the scorer's choices on short stories ---- */

static const struct cast_member harbour_cast[] = {
    { "Mara", { "Mara Lind", NULL }, DRAMATIS_GENDER_FEMALE },
    { "Tobias", { "Toby", NULL }, DRAMATIS_GENDER_MALE },
    { "Edwin", { NULL }, DRAMATIS_GENDER_MALE },
    { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
};

static void test_tags(void)
{
    struct dramatis_book *b = attributed(
        "Mara and Tobias sat in the kitchen.\n\n"
        "\"Good morning,\" said Mara.\n\n"
        "\"Is it?\" Tobias asked.\n\n"
        "\"You are late,\" Mara quickly answered.\n\n"
        "Tobias said, \"I know.\"\n\n"
        "\"Well,\" said Tobias, \"it was raining.\"\n\n"
        "\"Fine.\" Mara filled the kettle.\n\n"
        "\"And the bridge is out.\" Mara's voice dropped.\n",
        harbour_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Good morning"), "Mara");
    CHECK_STR(rule(b, "Good morning"), "tag-after");
    CHECK_STR(speaker(b, "Is it?"), "Tobias");
    CHECK_STR(speaker(b, "You are late"), "Mara");
    CHECK_STR(speaker(b, "I know."), "Tobias");
    CHECK_STR(rule(b, "I know."), "tag-before");
    /* a quote interrupted by its tag and resumed */
    CHECK_STR(speaker(b, "Well,"), "Tobias");
    CHECK_STR(speaker(b, "it was raining"), "Tobias");
    CHECK_STR(rule(b, "it was raining"), "tag-inside");
    CHECK_STR(speaker(b, "Fine."), "Mara");
    /* her voice is her speaking, whoever spoke before */
    CHECK_STR(speaker(b, "And the bridge"), "Mara");
    CHECK_STR(rule(b, "And the bridge"), "tag-after");
    /* a named tag is surer than an action beside the quote */
    CHECK(quote(b, "Good morning")->confidence > quote(b, "Fine.")->confidence);
    dramatis_book_free(b);
}

/* Two people talk in turns; a run of untagged lines alternates. */
static void test_turns(void)
{
    struct dramatis_book *b = attributed(
        "Mara found Tobias in the boathouse.\n\n"
        "\"Where is the rope?\" asked Mara.\n\n"
        "\"On the hook,\" said Tobias.\n\n"
        "\"Which hook?\"\n\n"
        "\"The one by the door.\"\n\n"
        "\"I see it now.\"\n\n"
        "\"Told you.\"\n",
        harbour_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Which hook"), "Mara");
    CHECK_STR(speaker(b, "The one by"), "Tobias");
    CHECK_STR(speaker(b, "I see it"), "Mara");
    CHECK_STR(speaker(b, "Told you"), "Tobias");
    /* an untagged line is less sure than a tagged one */
    CHECK(quote(b, "Told you")->confidence < quote(b, "On the hook")->confidence);
    dramatis_book_free(b);
}

/* `he said` and `she said` between a man and a woman. */
static void test_pronouns(void)
{
    struct dramatis_book *b = attributed(
        "Mara and Edwin walked along the shore.\n\n"
        "\"It will rain,\" she said.\n\n"
        "\"Not today,\" he replied.\n\n"
        "\"You always say that,\" she said, laughing.\n",
        harbour_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "It will rain"), "Mara");
    CHECK_STR(speaker(b, "Not today"), "Edwin");
    CHECK_STR(speaker(b, "You always"), "Mara");
    dramatis_book_free(b);
}

/* A bare first name or surname of a many-word cast entry is that character. */
static void test_partial_names(void)
{
    static const struct cast_member cast[] = {
        { "Hector Vale", { "Mr. Vale", NULL }, DRAMATIS_GENDER_MALE },
        { "Ines Okafor", { NULL }, DRAMATIS_GENDER_FEMALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "The train was late.\n\n"
        "\"We wait,\" said Vale.\n\n"
        "\"For how long?\" asked Ines.\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "We wait"), "Hector Vale");
    CHECK_STR(speaker(b, "For how long"), "Ines Okafor");
    dramatis_book_free(b);
}

/* A rank written as a title (`Dr. Lund`) is also how the text calls its
 * one bearer (`the doctor`), with a cast and without; not when two people
 * hold it. */
static void test_rank_titles(void)
{
    static const struct cast_member cast[] = {
        { "Nell", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Dr. Lund", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    static const char story[] =
        "Dr. Lund came up the stairs with his bag, and Nell let him in.\n\n"
        "\"Where is the boy?\" asked the doctor.\n\n"
        "\"Upstairs,\" said Nell.\n\n"
        "\"Has he eaten?\" the doctor said.\n\n"
        "\"Not since Monday,\" said Nell.\n\n"
        "Dr. Lund frowned at that.\n";
    struct dramatis_book *b = attributed(story, cast);

    CHECK(b != NULL);
    if (b != NULL) {
        CHECK_STR(speaker(b, "Where is the boy"), "Dr. Lund");
        CHECK_STR(speaker(b, "Has he eaten"), "Dr. Lund");
        CHECK(quote(b, "Where is the boy") != NULL &&
              strcmp(quote(b, "Where is the boy")->rule, "tag-after") == 0);
        CHECK(b->n_characters == 2);
        dramatis_book_free(b);
    }
    b = attributed(story, NULL);
    CHECK(b != NULL);
    if (b != NULL) {
        CHECK_STR(speaker(b, "Where is the boy"), "Dr. Lund");
        CHECK(!has_character(b, "The Doctor"));
        dramatis_book_free(b);
    }
    {
        static const struct cast_member two[] = {
            { "Nell", { NULL }, DRAMATIS_GENDER_FEMALE },
            { "Dr. Lund", { NULL }, DRAMATIS_GENDER_MALE },
            { "Dr. Voss", { NULL }, DRAMATIS_GENDER_MALE },
            { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
        };
        b = attributed(story, two);
        CHECK(b != NULL);
        if (b != NULL) {
            /* the tag names nobody: the scene decides */
            CHECK(quote(b, "Where is the boy") != NULL &&
                  strcmp(quote(b, "Where is the boy")->rule, "tag-after") != 0);
            dramatis_book_free(b);
        }
    }
}

/* A speaker the text only describes: a cast entry so called is found in
 * lowercase; without a cast the description becomes the speaker. */
static void test_nameless_speakers(void)
{
    static const struct cast_member cast[] = {
        { "Nell", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "The Ferryman", { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    static const char story[] =
        "Nell reached the river at dusk.\n\n"
        "\"Two coins to cross,\" said the ferryman.\n\n"
        "\"I have one,\" said Nell.\n\n"
        "\"Then you swim,\" the ferryman answered.\n\n"
        "Nell laughed and paid him.\n\n"
        "\"Mind the rope,\" said Nell.\n\n"
        "\"I always do,\" said the ferryman.\n";
    struct dramatis_book *b = attributed(story, cast);

    CHECK(b != NULL);
    if (b != NULL) {
        CHECK_STR(speaker(b, "Two coins"), "The Ferryman");
        CHECK_STR(speaker(b, "Then you swim"), "The Ferryman");
        CHECK(b->n_characters == 2);
        dramatis_book_free(b);
    }
    b = attributed(story, NULL);
    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK(has_character(b, "The Ferryman"));
    CHECK_STR(speaker(b, "Two coins"), "The Ferryman");
    CHECK_STR(speaker(b, "Then you swim"), "The Ferryman");
    CHECK_STR(speaker(b, "I have one"), "Nell");
    dramatis_book_free(b);
}

/* `somebody` is nobody in particular: only the line its tag names is
 * theirs, the untagged lines around it go to the people of the scene. */
static void test_nobody_in_particular(void)
{
    static const struct cast_member cast[] = {
        { "Mara", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Tom", { NULL }, DRAMATIS_GENDER_MALE },
        { "Somebody", { NULL }, DRAMATIS_GENDER_UNKNOWN },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    static const char story[] =
        "The fire was low, and the story had been told twice already.\n\n"
        "\"Tell it again!\" somebody cried.\n\n"
        "\"It is late,\" said Tom.\n\n"
        "\"Just the end, then,\" said Mara.\n\n"
        "There was always somebody who wanted more, and he knew it. "
        "\"The end is the worst part.\"\n";
    struct dramatis_book *b = attributed(story, cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK_STR(speaker(b, "Tell it again"), "Somebody");
    CHECK_STR(speaker(b, "The end is"), "Tom");
    dramatis_book_free(b);
}

/* A person the cast brings in with an article but also calls by a name
 * (`A Tall Thin Stranger`, alias `Corbin`) is someone in particular: the `he`
 * after the narration brings him in is him. */
static void test_described_with_a_name(void)
{
    static const struct cast_member cast[] = {
        { "Tom", { NULL }, DRAMATIS_GENDER_MALE },
        { "Mara", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "A Tall Thin Stranger", { "Corbin", NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    static const char story[] =
        "Tom and Mara waited on the bridge.\n\n"
        "\"It is cold,\" said Tom.\n\n"
        "\"Then walk,\" said Mara.\n\n"
        "Before they had gone far, a tall, thin stranger in a grey coat stopped them.\n\n"
        "\"Is this the road to Kell?\" he asked.\n";

    CHECK(feature_with(story, cast, "Is this the road", "A Tall Thin Stranger", ATTR_F_TAG_PRON_NEAR) == 1.0);
    CHECK(feature_with(story, cast, "Is this the road", "Tom", ATTR_F_TAG_PRON_NEAR) == 0.0);
}

/* A scene break forgets whom the story was about: after it, a bare `she`
 * is not the woman the scene before kept opening sentences with. */
static void test_scene_break_forgets_the_topic(void)
{
    static const struct cast_member cast[] = {
        { "Mara", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Beth", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Ann", { NULL }, DRAMATIS_GENDER_FEMALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    static const char before[] = "Title\n\nMara sat by the fire. Mara waited for the post.\n\n";
    static const char after[] = "When Beth and Ann were alone, the elder spoke first.\n\n"
                                "\"It is late,\" said she.\n";
    char story[512];

    snprintf(story, sizeof story, "%s%s", before, after);
    CHECK(feature_with(story, cast, "It is late", "Mara", ATTR_F_PRON_TOPIC) == 1.0);
    snprintf(story, sizeof story, "%s* * *\n\n%s", before, after);
    CHECK(feature_with(story, cast, "It is late", "Mara", ATTR_F_PRON_TOPIC) == 0.0);
}

static void test_cast_only(void)
{
    /* with a cast, a name outside it never speaks */
    struct dramatis_book *b = attributed(
        "\"Hello,\" said Rufus.\n\n"
        "\"Hi,\" said Mara.\n",
        harbour_cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK(b->n_characters == 3);
    CHECK_STR(speaker(b, "Hi,"), "Mara");
    CHECK(strcmp(speaker(b, "Hello"), "Rufus") != 0);
    dramatis_book_free(b);
}

/* Without a cast, the pet name the characters call someone by in their
 * speech (`Bessie`) is the person the narration calls by the full name;
 * a pet name the narration uses too (`Nell`) may be someone else than
 * the one who bears the full name with a title (`Lady Helen`). A word
 * like `Even` opening a sentence is no part of a name. */
static void test_discovered_pet_names(void)
{
    struct dramatis_book *b = attributed(
        "Elizabeth Marsh sat by the window. Lady Helen Vane read her letters.\n\n"
        "\"Bessie, come and see,\" said Nell.\n\n"
        "\"In a moment,\" said Elizabeth.\n\n"
        "\"Bessie, you are slow,\" said Lady Helen. Nell laughed.\n\n"
        "Even Elizabeth smiled. Elizabeth looked up.\n\n"
        "\"Well, Bessie?\" said Nell.\n\n"
        "\"Nothing,\" Nell said. Nell went out.\n\n"
        "\"Nell, wait,\" said Helen Vane.\n",
        NULL);
    int elizabeth;

    CHECK(b != NULL);
    if (b == NULL)
        return;
    elizabeth = character_with_alias(b, "Elizabeth");
    CHECK(elizabeth >= 0 && character_with_alias(b, "Bessie") == elizabeth);
    CHECK(character_with_alias(b, "Nell") >= 0);
    CHECK(character_with_alias(b, "Nell") != character_with_alias(b, "Lady Helen"));
    CHECK(character_with_alias(b, "Even Elizabeth") < 0);
    dramatis_book_free(b);
}

static void test_discovery(void)
{
    struct dramatis_book *b = attributed(
        "Captain Rowe walked through Port Elm to the Anchor. In Port Elm the rain fell.\n\n"
        "\"Are you hungry, Jessamy?\" asked Rowe.\n\n"
        "\"Always,\" Jessamy said. She smiled at Captain Rowe.\n\n"
        "Then they ate at the Anchor. Then Rowe paid. Then Jessamy laughed.\n\n"
        "\"Thank you,\" said Jessamy Thorne.\n\n"
        "Mr. Hale bowed. Hale looked at Mrs. Pike and Mr. Pike.\n\n"
        "\"Indeed,\" said Mr. Hale. He was proud.\n\n"
        "\"Really,\" said Hale.\n\n"
        "\"Nonsense,\" said Mrs. Pike. She laughed.\n\n"
        "\"Quite,\" said Mr. Pike. He sighed.\n\n"
        "Rowe smiled, and Jessamy smiled back. Rowe was happy; Jessamy was too.\n\n"
        "Sir Oswin Hart came in. \"Welcome,\" said Sir Oswin. Sir Oswin Hart sat.\n\n"
        "\"Thank you,\" said Sir Oswin Hart.\n\n"
        "\"Wren, come here.\"\n\n"
        "\"Hurry, Wren!\"\n",
        NULL);
    int hale;

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK(character_with_alias(b, "Rowe") >= 0);
    CHECK(character_with_alias(b, "Jessamy") >= 0);
    /* a family name merges into one person */
    CHECK(character_with_alias(b, "Jessamy Thorne") == character_with_alias(b, "Jessamy"));
    /* titles merge with the bare surname, but Mr. and Mrs. stay apart */
    hale = character_with_alias(b, "Hale");
    CHECK(hale >= 0 && hale == character_with_alias(b, "Mr. Hale"));
    CHECK(character_with_alias(b, "Mr. Pike") >= 0);
    CHECK(character_with_alias(b, "Mr. Pike") != character_with_alias(b, "Mrs. Pike"));
    /* a name addressed twice is a person */
    CHECK(character_with_alias(b, "Wren") >= 0);
    /* a titled first name is the titled full name */
    CHECK(character_with_alias(b, "Sir Oswin") >= 0);
    CHECK(character_with_alias(b, "Sir Oswin") == character_with_alias(b, "Sir Oswin Hart"));
    /* places and sentence-initial words are not people */
    CHECK(!has_character(b, "Port Elm"));
    CHECK(!has_character(b, "Then"));
    CHECK(!has_character(b, "In"));
    if (character_with_alias(b, "Mrs. Pike") >= 0)
        CHECK(b->characters[character_with_alias(b, "Mrs. Pike")].gender == DRAMATIS_GENDER_FEMALE);
    CHECK(character_with_alias(b, speaker(b, "Are you hungry")) == character_with_alias(b, "Rowe"));
    CHECK(character_with_alias(b, speaker(b, "Always")) == character_with_alias(b, "Jessamy"));
    CHECK(character_with_alias(b, speaker(b, "Really")) == hale);
    dramatis_book_free(b);
}

/* Gender the cast leaves out is inferred and written back for casting. */
static void test_gender_written_back(void)
{
    static const struct cast_member cast[] = {
        { "Mara", { NULL }, DRAMATIS_GENDER_UNKNOWN },
        { "Mr. Quill", { NULL }, DRAMATIS_GENDER_UNKNOWN },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Mara opened her bag. Mara found her keys, and she smiled.\n\n"
        "\"Here,\" said Mr. Quill.\n",
        cast);

    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK(b->characters[0].gender == DRAMATIS_GENDER_FEMALE);
    CHECK(b->characters[1].gender == DRAMATIS_GENDER_MALE);
    dramatis_book_free(b);

    /* the `him` and `her` a name's verb takes are someone else */
    b = attributed("Mara kissed him. Mara told her that it was late, and Mara thanked "
                   "him again. Mara shook her head.\n\n\"Here,\" said Mr. Quill.\n", cast);
    CHECK(b != NULL);
    if (b == NULL)
        return;
    CHECK(b->characters[0].gender == DRAMATIS_GENDER_FEMALE);
    dramatis_book_free(b);
}

/* A story told by Beth, the cast's `I`. */
static const struct cast_member told_cast[] = {
    { "Mara", { NULL }, DRAMATIS_GENDER_FEMALE },
    { "Tobias", { NULL }, DRAMATIS_GENDER_MALE },
    { "Beth", { "I", NULL }, DRAMATIS_GENDER_FEMALE },
    { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
};

/* In a story told by I, a line answering someone is the teller's, unless
 * a third one had spoken before it. */
static void test_narrator_replies(void)
{
    const char *story = "Title\n\nTobias and Mara were at the window when I came in.\n\n"
                        "\"Is it far?\" Tobias asked.\n\n\"Not very.\"\n";

    CHECK(feature_with(story, told_cast, "Not very", "Beth", ATTR_F_NARRATOR_REPLY) == 1.0);
    CHECK(feature_with(story, told_cast, "Not very", "Mara", ATTR_F_NARRATOR_REPLY) == 0.0);
    story = "Title\n\nTobias and Mara were at the window when I came in.\n\n"
            "\"Is it far?\" Tobias asked.\n\n\"Yes,\" said Mara.\n\n\"Not very.\"\n";
    CHECK(feature_with(story, told_cast, "Not very", "Beth", ATTR_F_NARRATOR_REPLY) == 0.0);
    /* one who speaks twice running is still the only other one talking */
    story = "Title\n\nTobias and Mara were at the window when I came in.\n\n"
            "\"It is late,\" said Tobias.\n\nHe looked at the road.\n\n"
            "\"Is it far?\" he asked.\n\n\"Not very.\"\n";
    CHECK(feature_with(story, told_cast, "Not very", "Beth", ATTR_F_NARRATOR_REPLY) == 1.0);
}

/* A tag inside a speech that goes on from the paragraph before, as in a
 * story told aloud, names no one as the speaker of its paragraph: the
 * speech is still its teller's. */
static void test_tag_inside_a_told_story(void)
{
    struct seen_features sf;
    struct dramatis_book *b;
    const double *me, *mara;

    b = observed_with("Title\n\nMara and Tobias sat with me by the fire.\n\n"
                      "\"Tell us,\" said Tobias.\n\n"
                      "\"It was a cold night,\" said Mara, \"and I was alone at the gate.\n\n"
                      "\"Who goes there,\" said I, and nobody answered.\n\n"
                      "\"Go on.\"\n", told_cast, "Go on", &sf);
    CHECK(b != NULL);
    if (b)
        CHECK_STR(speaker(b, "Who goes there"), "Mara");
    me = b ? features_of(&sf, "Beth") : NULL;
    mara = b ? features_of(&sf, "Mara") : NULL;
    CHECK(me != NULL && mara != NULL);
    if (me && mara)
        CHECK(me[ATTR_F_BEHIND_EVEN] == 0.0 && me[ATTR_F_BEHIND_ODD] == 0.0 &&
              mara[ATTR_F_BEHIND_ODD] == 1.0);
    dramatis_book_free(b);
}

/* After a speech of many paragraphs the turns around it count as apart,
 * as if narration stood between them; after a short one they follow on. */
static void test_long_speech_is_a_gap(void)
{
    const char *story = "Title\n\nMara and Tobias sat by the fire.\n\n"
                        "\"Tell us,\" said Tobias.\n\n"
                        "\"It was a cold night,\" said Mara, \"and the gate was shut.\n\n"
                        "\"The wind came down from the hills.\n\n"
                        "\"Then a light showed on the road.\"\n\n"
                        "\"And then?\"\n";

    CHECK(feature(story, "And then", "Mara", ATTR_F_LAST) == 0.0);
    CHECK(feature(story, "And then", "Mara", ATTR_F_LAST_GAP) == 1.0);
    story = "Title\n\nMara and Tobias sat by the fire.\n\n"
            "\"Tell us,\" said Tobias.\n\n"
            "\"It was a cold night,\" said Mara.\n\n"
            "\"And then?\"\n";
    CHECK(feature(story, "And then", "Mara", ATTR_F_LAST) == 1.0);
    CHECK(feature(story, "And then", "Mara", ATTR_F_LAST_GAP) == 0.0);
}

/* `I said` is the narrator's: the cast's `I`, else one named so by those
 * who talk to the narrator, else `(narrator)`. */
static void test_first_person(void)
{
    static const struct cast_member cast[] = {
        { "Orrin", { NULL }, DRAMATIS_GENDER_MALE },
        { "Beth", { "I", NULL }, DRAMATIS_GENDER_FEMALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    static const char named[] =
        "Orrin was at the window when I came in.\n\n"
        "\"You look tired, Beth,\" said Orrin.\n\n"
        "\"I am,\" said I.\n\n"
        "\"Sit down, Beth,\" said he.\n\n"
        "\"Thank you,\" I answered.\n\n"
        "\"Have you eaten, Beth?\" asked Orrin.\n\n"
        "\"Not yet,\" I replied.\n";
    struct dramatis_book *b = attributed(named, cast);

    CHECK(b != NULL);
    if (b != NULL) {
        CHECK_STR(speaker(b, "I am"), "Beth");
        CHECK_STR(speaker(b, "Not yet"), "Beth");
        CHECK_STR(speaker(b, "Sit down"), "Orrin");
        dramatis_book_free(b);
    }
    /* discovered: the one addressed beside `I answered` is the narrator */
    b = attributed(named, NULL);
    CHECK(b != NULL);
    if (b != NULL) {
        CHECK_STR(speaker(b, "I am"), "Beth");
        CHECK_STR(speaker(b, "Thank you"), "Beth");
        CHECK_STR(speaker(b, "Have you eaten"), "Orrin");
        CHECK(!has_character(b, BOOK_FIRST_PERSON_NAME));
        /* marked as a cast marks the teller, so casting voices them as the narrator */
        CHECK(character_with_alias(b, "I") >= 0 &&
              strcmp(b->characters[character_with_alias(b, "I")].name, "Beth") == 0);
        dramatis_book_free(b);
    }
}

/* The teller naming themself: the pattern on tokens, then discovery
 * taking the named one for the narrator though nobody addresses them. */
static void test_self_named(void)
{
    static const struct { const char *text; size_t a, b; int self; } cases[] = {
        { "my name is Wren", 3, 4, 1 },
        { "My name was Wren Hale and", 3, 5, 1 },
        { "I call myself Wren", 3, 4, 1 },
        { "I, Wren Hale, of this parish", 2, 4, 1 },
        { "his name is Wren", 3, 4, 0 },
        { "I, Wren and Tam", 2, 3, 0 },
        { "Then I met Wren", 3, 4, 0 },
    };
    size_t i;
    struct toks tk;
    struct dramatis_book *b;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tokenize(cases[i].text, NULL, &tk);
        CHECK(tk.n > cases[i].a);
        if (tk.n > cases[i].a)
            CHECK(attr_self_named(cases[i].text, tk.t, tk.n, cases[i].a, cases[i].b) == cases[i].self);
    }
    b = attributed(
        "My name is Wren Hale, and the winter I turned twelve Tam came to the mill.\n\n"
        "\"Who are you?\" asked Tam.\n\n"
        "\"Nobody,\" I said.\n\n"
        "\"Everybody is somebody,\" Tam said.\n\n"
        "\"Not here,\" I answered.\n\n"
        "Tam laughed at that.\n\n"
        "\"Then be somebody with me,\" said Tam.\n\n"
        "\"All right,\" I replied.\n",
        NULL);
    CHECK(b != NULL);
    if (b != NULL) {
        CHECK_STR(speaker(b, "Nobody"), "Wren Hale");
        CHECK_STR(speaker(b, "All right"), "Wren Hale");
        CHECK_STR(speaker(b, "Who are you"), "Tam");
        CHECK(!has_character(b, BOOK_FIRST_PERSON_NAME));
        dramatis_book_free(b);
    }
}

/* A first-person narrator nobody names is a speaker of its own, under a
 * name apart from the narration's voice, so a user can name it. */
static void test_first_person_unnamed(void)
{
    struct dramatis_book *b = attributed(
        "Orrin was at the window when I came in.\n\n"
        "\"You look tired,\" said Orrin.\n\n"
        "\"I am,\" said I.\n\n"
        "\"Sit down,\" said he.\n\n"
        "\"Thank you,\" I answered.\n\n"
        "\"Have you eaten?\" asked Orrin.\n\n"
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
    CHECK_STR(speaker(b, "Have you eaten"), "Orrin");
    CHECK_STR(speaker(b, "Sit down"), "Orrin");
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
        { "Orrin", { NULL }, DRAMATIS_GENDER_MALE },
        { BOOK_FIRST_PERSON_NAME, { NULL }, DRAMATIS_GENDER_MALE },
        { NULL, { NULL }, DRAMATIS_GENDER_UNKNOWN }
    };
    struct dramatis_book *b = attributed(
        "Orrin was at the window when I came in.\n\n"
        "\"You look tired,\" said Orrin.\n\n"
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
 * tag, `^` the space inside `Mr. Quill`. */
static const char spaced_story[] =
    "Tom and Mary walked up the hill to the house of Mr.^Quill.\n\n"
    "\"Go,\"~said~Tom.\n\n"
    "Mary~asked,~\"Why?\"\n\n"
    "\"Because the door is open,\"~he~said.\n\n"
    "\"Then we must hurry,\"~said~Mary.\n\n"
    "Mr.^Quill opened the door and smiled.~\"Welcome,\"~said~Mr.^Quill.~\"Come in.\"\n\n"
    "\"Thank you,\"~she~replied.\n\n"
    "\"You are late, Tom,\"~said~Mr.^Quill~to~him.\n";

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
 * U+00A0 + `Quill` is one name.  The same story with plain and with
 * Unicode spaces gives every quote the same speaker by the same evidence. */
static void test_same_with_any_space(void)
{
    static const struct cast_member cast[] = {
        { "Tom", { NULL }, DRAMATIS_GENDER_MALE },
        { "Mary", { NULL }, DRAMATIS_GENDER_FEMALE },
        { "Mr. Quill", { "Quill", NULL }, DRAMATIS_GENDER_MALE },
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
            CHECK_STR(speaker(plain, "Welcome"), "Mr. Quill");
            CHECK_STR(speaker(plain, "Thank you"), "Mary");
            CHECK_STR(speaker(plain, "You are late"), "Mr. Quill");
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

/* Every feature has a distinct name: a weights file names them. */
static void test_feature_names(void)
{
    size_t i, j;

    for (i = 0; i < ATTR_N_FEATURES; i++) {
        CHECK(attr_feature_names[i] != NULL && attr_feature_names[i][0] != '\0');
        for (j = 0; j < i; j++)
            CHECK(strcmp(attr_feature_names[i], attr_feature_names[j]) != 0);
    }
}

int main(void)
{
    test_tag_after();
    test_tag_before();
    test_description();
    test_vocatives();
    test_names();
    test_features();
    test_tags();
    test_turns();
    test_pronouns();
    test_partial_names();
    test_rank_titles();
    test_kin_and_rank_vocatives();
    test_nameless_speakers();
    test_nobody_in_particular();
    test_described_with_a_name();
    test_scene_break_forgets_the_topic();
    test_cast_only();
    test_discovery();
    test_discovered_pet_names();
    test_gender_written_back();
    test_narrator_replies();
    test_long_speech_is_a_gap();
    test_tag_inside_a_told_story();
    test_first_person();
    test_self_named();
    test_first_person_unnamed();
    test_first_person_in_cast();
    test_same_with_any_space();
    test_feature_names();
    return CHECK_DONE();
}
