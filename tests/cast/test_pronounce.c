/* Pronunciations: whole words, any case, possessives, never inside words. */
#include "check.h"
#include "pronounce.h"
#include "voicemap.h"

#include <stdlib.h>

static struct dramatis_voicemap *map_of(const char *ini)
{
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;

    memset(&err, 0, sizeof err);
    if (voicemap_parse("p.ini", ini, &map, &err) != DRAMATIS_OK)
        fprintf(stderr, "parse: %s:%ld: %s\n", err.file, err.line, err.message);
    return map;
}

/* pronounce_text() of text, or "(same)" when nothing changes. */
static char result[1024];
static const char *say(const struct dramatis_voicemap *map, const char *text)
{
    char *out = NULL;

    if (pronounce_text(map, text, &out) != DRAMATIS_OK)
        return "(error)";
    snprintf(result, sizeof result, "%s", out ? out : "(same)");
    free(out);
    return result;
}

int main(void)
{
    struct dramatis_voicemap *map =
        map_of("[pronunciations]\nIruka = Eeroo ka\nTenzō = [[t'Enzo:]]\n"
               "Hokage = hoe kah gay\nUmino Iruka = Oomeeno Eeroo ka\n");

    CHECK(map != NULL);
    if (map == NULL)
        return 1;
    CHECK(map->n_pronunciations == 4);
    /* whole word, any case */
    CHECK_STR(say(map, "Iruka smiled."), "Eeroo ka smiled.");
    CHECK_STR(say(map, "IRUKA! iruka?"), "Eeroo ka! Eeroo ka?");
    /* possessive, straight and curly */
    CHECK_STR(say(map, "Iruka's desk"), "Eeroo ka's desk");
    CHECK_STR(say(map, "Iruka\xE2\x80\x99s desk"), "Eeroo ka\xE2\x80\x99s desk");
    /* never inside another word, nor a contraction */
    CHECK_STR(say(map, "Irukamaru and Hokages"), "(same)");
    CHECK_STR(say(map, "Iruka'd go"), "(same)");
    /* beside punctuation and honorifics */
    CHECK_STR(say(map, "\"Iruka-sensei,\" said the Hokage."),
              "\"Eeroo ka-sensei,\" said the hoe kah gay.");
    /* non-ASCII key, case-folded: TENZŌ matches Tenzō; phonemes kept as given */
    CHECK_STR(say(map, "TENZ\xC5\x8C nodded."), "[[t'Enzo:]] nodded.");
    /* a two-word key: its words may be apart by spaces, not by punctuation */
    CHECK_STR(say(map, "Umino  Iruka"), "Oomeeno Eeroo ka");
    /* spaces of any kind, as the text layer has them (a chapter title keeps
     * its no-break space) */
    CHECK_STR(say(map, "Umino\xC2\xA0Iruka"), "Oomeeno Eeroo ka");
    CHECK_STR(say(map, "Umino\xE2\x80\xAF\nIruka"), "Oomeeno Eeroo ka");
    /* brackets of the book's own text never reach espeak-ng as phonemes */
    CHECK_STR(say(map, "a [[note]] here"), "a   note   here");
    CHECK_STR(say(NULL, "a [[note]]"), "a   note  ");
    CHECK_STR(say(NULL, "plain [text]"), "(same)");
    dramatis_voicemap_free(map);

    /* the two-word key first in the map: it takes the pair */
    map = map_of("[pronunciations]\nUmino Iruka = Oomeeno Eeroo ka\nIruka = Eeroo ka\n");
    CHECK(map != NULL);
    if (map) {
        CHECK_STR(say(map, "Umino Iruka and Iruka"), "Oomeeno Eeroo ka and Eeroo ka");
        CHECK_STR(say(map, "Umino, Iruka"), "Umino, Eeroo ka");
    }
    dramatis_voicemap_free(map);
    return CHECK_DONE();
}
