/* The voice list: the espeak-ng voices and variants a voice map may use. */
#include "error.h"
#include "synth.h"

#include <stdio.h>

struct list_out {
    FILE *out;
    int failed;
};

static void list_one(void *ctx, const char *name, const char *languages, int gender)
{
    struct list_out *lo = ctx;
    const char *g = gender == DRAMATIS_GENDER_FEMALE ? "female"
                    : gender == DRAMATIS_GENDER_MALE ? "male" : "-";

    if (fprintf(lo->out, "%-24s %-7s %s\n", name, g, languages) < 0)
        lo->failed = 1;
}

dramatis_status dramatis_voices_write(FILE *out, struct dramatis_error *err)
{
    struct list_out lo = { out, 0 };
    struct synth *synth = NULL;
    dramatis_status st;

    st = synth_new(&synth, err);
    if (st != DRAMATIS_OK)
        return st;
    if (fprintf(out, "# voices: voice = NAME, or NAME+VARIANT\n%-24s %-7s %s\n", "name",
                "gender", "languages") < 0)
        lo.failed = 1;
    st = synth_list_voices(synth, list_one, &lo);
    if (st == DRAMATIS_OK && fprintf(out, "\n# variants: append as +VARIANT (en-us+f3)\n") < 0)
        lo.failed = 1;
    if (st == DRAMATIS_OK)
        st = synth_list_variants(synth, list_one, &lo);
    synth_free(synth);
    if (st == DRAMATIS_OK && (lo.failed || fflush(out) != 0))
        st = DRAMATIS_ERR_IO;
    if (st != DRAMATIS_OK)
        return error_set(err, st, NULL, 0, st == DRAMATIS_ERR_IO ? "cannot write the list" : NULL);
    return DRAMATIS_OK;
}
