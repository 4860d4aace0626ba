/* One render in progress, shared by the files of the render stage: its
 * plan, each unit's state, the workers and the progress report. */
#ifndef DRAMATIS_RENDER_RUN_H
#define DRAMATIS_RENDER_RUN_H

#include "m4b.h"
#include "ogg_opus.h"
#include "render.h"
#include "file.h"

#include <time.h>

/* What the workers make of each unit. */
enum run_mode {
    RUN_ENCODE = 0,   /* synthesise and encode into the unit's files */
    RUN_COUNT         /* synthesise only, for line timings */
};

/* One unit of this render: its keys, files, what they hold and its lines'
 * timing.  A unit is synthesised again when a format this render wants, or
 * its timing, is not in the cache; only the missing files are encoded. */
struct unit_state {
    struct unit_keys keys;
    char *path;                    /* the Opus unit (RUN_ENCODE) */
    char *aac_path;                /* the AAC unit */
    char *timing_path;             /* its line timings */
    struct ogg_opus_unit_info info;
    struct m4b_unit_info aac_info;
    struct unit_timing timing;
    int need_opus, need_aac;       /* to encode this run */
    int reused;                    /* nothing to synthesise: all in the cache */
};

struct render_run {
    const struct dramatis_book *book;
    const struct dramatis_render_options *opt;
    enum run_mode mode;
    struct render_settings settings;
    int want_opus, want_aac;       /* the formats this render writes */
    const struct render_sidecar *sidecar;   /* written beside the audio; may be NULL */
    struct render_unit *plan;
    struct unit_state *units;
    size_t n_units;
    struct synth *synth;
    char *units_dir;              /* the book's cache, or a temporary folder */
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

/* Places every unit's spoken lines in format's joined book: an Opus
 * unit's audio begins after the packets of the units before it and its own
 * pre-skip, less the stream's pre-skip (the first unit's); an AAC unit's
 * after the samples before it and its own priming, less the first unit's.
 * *out is freed by the caller (render.c). */
dramatis_status run_place_lines(const struct render_run *r, dramatis_format format,
                                struct render_line **out, size_t *n_out);

/* ---- the cache's folders (cache.c) */

/* Removes the unit files and timings in dir that this render does not use
 * (all of them when keep is NULL), and workers' leftovers; nothing else
 * is touched. */
void cache_prune(const char *dir, const struct unit_state *keep, size_t n_keep);

/* Removes the workers' leftovers in dir (part files of killed renders). */
void cache_sweep(const char *dir);

/* The cache root (see dramatis_cache_dir) as a new string in *root. */
dramatis_status cache_root(const char *dir, char **root, struct dramatis_error *err);

/* Creates (if need be) and names the book's own cache folder,
 * ROOT/units/<16 hex of the input's path>, as a new string. */
dramatis_status cache_book_dir(const char *root, const struct dramatis_book *book, char **dir,
                               struct dramatis_error *err);

/* Locks the book's folder of units for this render (until file_unlock);
 * when another render holds it, says so in err. */
dramatis_status cache_lock_book(const char *dir, struct file_lock *lock,
                                struct dramatis_error *err);

/* Evicts the least recently used books' units until the cache holds at
 * most max bytes; the folder keep (the render's own) and those other
 * renders hold stay. */
void cache_limit(const char *root, const char *keep, unsigned long long max);

/* Creates a folder and its missing parents. */
dramatis_status cache_make_dirs(const char *path, struct dramatis_error *err);

/* ---- the book's folder in the library (library.c) */

/* Where a book lives in the library and what dramatis wrote there. */
struct library_book {
    char *dir;                 /* OUT/[Author/]Title[ (n)] */
    char name[256];            /* the title as a file name */
    char *source;              /* the input file's real path ("" if none) */
    unsigned long long source_hash;   /* of the input's bytes */
    char **old_files;          /* relative paths an earlier render wrote */
    size_t n_old;
    char **files;              /* relative paths this render wrote */
    size_t n_files;
    size_t name_max;           /* bytes of a title in a file name (the file
                                * system's limit less what goes around it) */
    struct file_lock lock;     /* the folder's, while this render writes it */
};

/* Finds the book's folder under out_dir (see dramatis_render) and reads
 * what an earlier render wrote there; creates nothing when dry. */
dramatis_status library_open(const struct dramatis_book *book, const char *out_dir, int force,
                             int dry, struct library_book *lb, struct dramatis_error *err);

/* Locks the book's folder for this render (until library_cleanup); when
 * another render holds it, says so in err. */
dramatis_status library_lock(struct library_book *lb, struct dramatis_error *err);

/* Removes what killed renders left in the locked book's folder, older
 * than since: part files, and --no-cache folders of units. */
void library_sweep(const struct library_book *lb, time_t since);

/* Creates the folder rel (may be "") inside the book's folder, with a
 * .ignore file when ignore (Audiobookshelf and Jellyfin skip such folders). */
dramatis_status library_make_dir(struct library_book *lb, const char *rel, int ignore,
                                 struct dramatis_error *err);

/* The full path of rel in the book's folder, as a new string. */
char *library_path(const struct library_book *lb, const char *rel);

/* Whether rel exists in the book's folder without dramatis having written
 * it (the user's own file: never overwritten). */
int library_foreign(const struct library_book *lb, const char *rel);

/* Records rel as written (in the manifest too, with the earlier render's
 * files) and renames the finished part file into it (synced first). */
dramatis_status library_put(struct library_book *lb, struct part_file *part, const char *rel,
                            struct dramatis_error *err);

/* Writes text to rel in the book's folder (aside, then put in place as
 * library_put does). */
dramatis_status library_put_text(struct library_book *lb, const char *rel, const struct buf *text,
                                 struct dramatis_error *err);

/* Removes what the earlier render wrote and this one did not, then writes
 * the manifest of this render's files. */
dramatis_status library_commit(struct library_book *lb, struct dramatis_error *err);

void library_cleanup(struct library_book *lb);

/* A file name from s: no character Windows or SMB shares refuse, no
 * leading dot or space, no trailing dot or space, no device name, at most
 * max bytes (cut at a character boundary, max < size), never empty. */
void library_safe_name(const char *s, char *out, size_t size, size_t max);

/* ---- the book's files (output.c) */

/* Checks, before anything is rendered, that the book's files can be
 * written: every path this render writes (part files too) within the
 * system's limit. */
dramatis_status output_check(const struct render_run *r, const struct library_book *lb,
                             struct dramatis_error *err);

/* The book's files in every format from the encoded units: the whole book
 * and, as options->split says, chapter files and a playlist; with the
 * cover (may be NULL) as cover.jpg or cover.png beside them. */
dramatis_status output_write(struct render_run *r, struct library_book *lb,
                             const struct encode_picture *cover, struct dramatis_error *err);

/* The name of chapter c's own file, "NN - Title.ext". */
void output_chapter_file(const struct dramatis_book *book, size_t c, const char *ext,
                         size_t name_max, char *out, size_t size);

/* Finds and checks the cover: options->cover, the book's own, cover.jpg
 * or cover.png beside the input, or a cover.* in the book's folder that
 * dramatis did not write.  *data (free() it) is NULL when there is none. */
dramatis_status output_find_cover(const struct dramatis_book *book,
                                  const struct dramatis_render_options *opt,
                                  const struct library_book *lb, unsigned char **data,
                                  struct encode_picture *pic, struct dramatis_error *err);

/* ---- sidecar files (sidecar.c) */

/* Where one format's audio files went, for the sidecars beside them. */
struct sidecar_place {
    dramatis_format format;
    const char *root;             /* folder of the whole book ("" or "m4b"); NULL: none */
    const char *folder;           /* folder of the chapter files; NULL: none */
    const double *chapter_start;  /* seconds into the whole book where each
                                   * chapter file begins */
};

/* r->sidecar's files for one format: "<Title>.<ext>" beside the whole book
 * and "NN - Chapter.<ext>" beside each chapter file, from the lines as
 * that format's files place them. */
dramatis_status sidecar_write(struct render_run *r, struct library_book *lb,
                              const struct sidecar_place *place, struct dramatis_error *err);

#endif
