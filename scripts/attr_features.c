/* Development tool for the attribution scorer: runs attribution on a book
 * (with a voice map's cast, or discovering one) with the built-in weights
 * or a weights file, and prints one JSON line per quote: its span, the
 * speaker chosen, the deciding evidence and confidence, and with
 * --features every candidate and its feature vector.  The training
 * program (scripts/train-attribution.py) learns the weights from this.
 *
 * usage: attr_features [--voices MAP] [--weights FILE] [--features] BOOK.txt
 * A weights file holds lines `feature-name value` (names as in scoring.h). */
#include "attribute_internal.h"
#include "buf.h"
#include "import.h"
#include "scoring.h"
#include "segment.h"
#include "voicemap.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The enum names of the features, which weights.c is written with. */
static const char *const feature_enums[ATTR_N_FEATURES] = {
#define FEATURE_ENUM_NAME(e, name, doc) "ATTR_F_" #e,
    ATTR_FEATURES(FEATURE_ENUM_NAME)
#undef FEATURE_ENUM_NAME
};

struct dump {
    const struct dramatis_book *book;
    int features;
    struct buf line;
    FILE *out;
};

static void json_string(struct buf *b, const char *s)
{
    buf_add(b, "\"", 1);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            buf_printf(b, "\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            buf_printf(b, "\\u%04x", (unsigned char)*s);
        else
            buf_add(b, s, 1);
    }
    buf_add(b, "\"", 1);
}

/* The observer: collects a quote's candidates; the line is printed after
 * the decision, from the segment, once the last candidate is seen. */
static void observe(void *ctx, const struct segment *seg, size_t index, int character,
                    const double *f, size_t n_cands)
{
    struct dump *d = ctx;
    size_t k;

    if (!d->features)
        return;
    if (index == 0)
        buf_reset(&d->line);
    if (character < 0)
        return;
    buf_adds(&d->line, index == 0 ? "[" : ",[");
    json_string(&d->line, d->book->characters[character].name);
    for (k = 0; k < ATTR_N_FEATURES; k++)
        buf_printf(&d->line, ",%.4g", f[k]);
    buf_adds(&d->line, "]");
    (void)seg;
    (void)n_cands;
}

static int read_weights(const char *path, double *w)
{
    FILE *f = fopen(path, "r");
    char name[128];
    double v;
    size_t k;

    if (f == NULL) {
        perror(path);
        return -1;
    }
    for (k = 0; k < ATTR_N_FEATURES; k++)
        w[k] = 0.0;
    while (fscanf(f, "%127s %lf", name, &v) == 2) {
        for (k = 0; k < ATTR_N_FEATURES && strcmp(attr_feature_names[k], name) != 0; k++)
            ;
        if (k == ATTR_N_FEATURES) {
            fprintf(stderr, "attr_features: %s: unknown feature '%s'\n", path, name);
            fclose(f);
            return -1;
        }
        w[k] = v;
    }
    fclose(f);
    return 0;
}

/* Prints every quote of the book with its decision (and candidates). */
static void print_quotes(struct dump *d, struct dramatis_book *book)
{
    size_t c, p, s;
    struct buf b;

    buf_init(&b, (size_t)1 << 30);
    for (c = 0; c < book->n_chapters; c++) {
        for (p = 0; p < book->chapters[c].n_paragraphs; p++) {
            const struct paragraph *par = &book->chapters[c].paragraphs[p];
            for (s = 0; s < par->n_segments; s++) {
                const struct segment *seg = &par->segments[s];
                const char *name = book_speaker_name(book, seg);
                if (seg->kind != SEGMENT_DIALOGUE)
                    continue;
                buf_reset(&b);
                buf_printf(&b, "{\"kind\":\"dialogue\",\"src\":[%zu,%zu],\"speaker\":", seg->start,
                           seg->end);
                if (name)
                    json_string(&b, name);
                else
                    buf_adds(&b, "null");
                buf_printf(&b, ",\"rule\":\"%s\",\"confidence\":%.4f}\n", seg->rule ? seg->rule : "none",
                           seg->confidence);
                fputs(b.data, d->out);
            }
        }
    }
    buf_cleanup(&b);
}

/* The features mode: attribution calls observe() in reading order, so
 * the candidate lines are written as the quotes are decided. */
static void feature_observer(void *ctx, const struct segment *seg, size_t index, int character,
                             const double *f, size_t n_cands)
{
    struct dump *d = ctx;

    observe(ctx, seg, index, character, f, n_cands);
    if (index + 1 >= n_cands) {
        fprintf(d->out, "{\"src\":[%zu,%zu],\"cands\":[%s]}\n", seg->start, seg->end,
                d->line.data ? d->line.data : "");
        buf_reset(&d->line);
    }
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        { "voices", required_argument, NULL, 'v' },
        { "weights", required_argument, NULL, 'w' },
        { "features", no_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    const char *voices = NULL, *weights_path = NULL;
    struct dramatis_book *book = NULL;
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    struct dump d;
    double w[ATTR_N_FEATURES];
    size_t k;
    int opt, rc = 1;

    memset(&d, 0, sizeof d);
    memset(&err, 0, sizeof err);
    while ((opt = getopt_long(argc, argv, "v:w:fh", options, NULL)) != -1) {
        switch (opt) {
        case 'v': voices = optarg; break;
        case 'w': weights_path = optarg; break;
        case 'f': d.features = 1; break;
        case 'h':
            puts("usage: attr_features [--voices MAP] [--weights FILE] [--features] BOOK.txt");
            return 0;
        default:
            return 2;
        }
    }
    if (optind + 1 != argc) {
        fputs("usage: attr_features [--voices MAP] [--weights FILE] [--features] BOOK.txt\n", stderr);
        return 2;
    }
    if (weights_path && read_weights(weights_path, w) != 0)
        return 1;
    d.out = stdout;
    buf_init(&d.line, (size_t)1 << 30);
    if (import_load(argv[optind], NULL, &book, &err) != DRAMATIS_OK ||
        segment_book(book, &err) != DRAMATIS_OK)
        goto fail;
    if (voices && (dramatis_voicemap_load(voices, &map, &err) != DRAMATIS_OK ||
                   voicemap_set_characters(map, book, &err) != DRAMATIS_OK))
        goto fail;
    d.book = book;
    if (d.features) {
        fputs("{\"features\":[", stdout);
        for (k = 0; k < ATTR_N_FEATURES; k++)
            printf("%s\"%s\"", k ? "," : "", attr_feature_names[k]);
        fputs("],\"enums\":[", stdout);
        for (k = 0; k < ATTR_N_FEATURES; k++)
            printf("%s\"%s\"", k ? "," : "", feature_enums[k]);
        fputs("]}\n", stdout);
    }
    if (attr_run(book, weights_path ? w : NULL, d.features ? feature_observer : NULL, &d, &err) !=
        DRAMATIS_OK)
        goto fail;
    if (!d.features)
        print_quotes(&d, book);
    rc = 0;
fail:
    if (rc)
        fprintf(stderr, "attr_features: %s:%ld: %s\n", err.file, err.line, err.message);
    buf_cleanup(&d.line);
    dramatis_book_free(book);
    dramatis_voicemap_free(map);
    return rc;
}
