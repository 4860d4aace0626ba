/* One render in progress, shared by the files of the render stage: its
 * plan, each unit's state, the workers and the progress report. */
#ifndef DRAMATIS_RENDER_RUN_H
#define DRAMATIS_RENDER_RUN_H

#include "ogg_opus.h"
#include "render.h"

#include <time.h>

/* What the workers make of each unit. */
enum run_mode {
    RUN_ENCODE = 0,   /* synthesise and encode into the unit's file */
    RUN_COUNT         /* synthesise only, for line timings */
};

/* One unit of this render: its key, file, what it holds and its lines' timing. */
struct unit_state {
    unsigned long long key;
    char *path;                    /* the encoded unit (RUN_ENCODE) */
    char *timing_path;             /* its line timings, beside it */
    struct ogg_opus_unit_info info;
    struct unit_timing timing;
    int reused;                    /* taken from the cache */
};

struct render_run {
    const struct dramatis_book *book;
    const struct dramatis_render_options *opt;
    enum run_mode mode;
    struct render_settings settings;
    struct render_unit *plan;
    struct unit_state *units;
    size_t n_units;
    struct synth *synth;
    char *units_dir;              /* the cache, or a temporary folder */
    int temp_dir;                 /* units_dir is removed at the end */
    size_t *chapter_left;         /* units of each chapter not finished yet */
    unsigned char *chapter_rendered;
    struct dramatis_render_progress prog;
    struct timespec t0;
    size_t bytes_todo, bytes_done;
};

/* Renders (or counts) every unit not reused, in worker processes, and
 * fills each unit's info and timing (workers.c). */
dramatis_status run_units(struct render_run *r, struct dramatis_error *err);

/* Called when unit i is finished or taken from the cache (render.c). */
void run_unit_finished(struct render_run *r, size_t i);

/* Places every unit's spoken lines in the joined stream: a unit's audio
 * begins after the packets of the units before it and its own pre-skip,
 * less the stream's pre-skip (the first unit's), as output.c joins them.
 * *out is freed by the caller (render.c). */
dramatis_status run_place_lines(const struct render_run *r, struct render_line **out,
                                size_t *n_out);

/* Removes the unit files and timings in dir that this render does not use
 * (all of them when keep is NULL), and workers' leftovers; nothing else
 * is touched (cache.c). */
void cache_prune(const char *dir, const struct unit_state *keep, size_t n_keep);

/* The book's files from the encoded units: the whole book, and with
 * options->split one file per chapter and a playlist (output.c). */
dramatis_status output_write(struct render_run *r, const char *dir, const char *name,
                             struct dramatis_error *err);

/* Where each chapter begins in the joined book, in 48 kHz samples, and
 * the book's length (output.c). */
void output_chapter_marks(const struct render_run *r, unsigned long long *marks,
                          unsigned long long *total);

/* The file name of chapter c's own file with --split, "NN - Title.ext"
 * (output.c). */
void output_chapter_file(const struct dramatis_book *book, size_t c, const char *ext, char *out,
                         size_t size);

/* The sidecar files of the book's audio files (subtitles): one beside the
 * book, and with options->split one beside each chapter file (sidecar.c). */
dramatis_status sidecar_write(struct render_run *r, const char *dir, const char *name,
                              const struct render_sidecar *sidecar, struct dramatis_error *err);

/* A file name from a title: no '/', no leading dot, never empty (output.c). */
void output_safe_name(const char *title, char *out, size_t size);

/* Creates a folder that may exist already (output.c). */
dramatis_status output_make_dir(const char *path, struct dramatis_error *err);

#endif
