/* dramatis: turn a novel into a multi-voice, chaptered audiobook (Ogg Opus, M4B). */
#ifndef DRAMATIS_H
#define DRAMATIS_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DRAMATIS_VERSION "0.1.0"

/** Status of every fallible call; DRAMATIS_OK is zero. */
typedef enum dramatis_status {
    DRAMATIS_OK = 0,
    DRAMATIS_ERR_NOMEM,   /* out of memory */
    DRAMATIS_ERR_IO,      /* a file could not be read or written */
    DRAMATIS_ERR_INPUT,   /* the book is not usable text (empty, invalid UTF-8) */
    DRAMATIS_ERR_MAP,     /* the voice map has an error */
    DRAMATIS_ERR_VOICE,   /* an unknown espeak-ng voice */
    DRAMATIS_ERR_SYNTH,   /* espeak-ng failed */
    DRAMATIS_ERR_ENCODE,  /* the Opus encoder or Ogg writer failed */
    DRAMATIS_ERR_ARG      /* a caller passed something invalid */
} dramatis_status;

/** Speaker gender, as a voice map or the text tells it. */
typedef enum dramatis_gender {
    DRAMATIS_GENDER_UNKNOWN = 0,
    DRAMATIS_GENDER_FEMALE,
    DRAMATIS_GENDER_MALE
} dramatis_gender;

/** Output formats of dramatis_script_write(). */
typedef enum dramatis_script_format {
    DRAMATIS_SCRIPT_JSONL = 0,
    DRAMATIS_SCRIPT_TEXT
} dramatis_script_format;

/** What the script's "src" offsets count in a book read from a container
 *  or markup format (EPUB, HTML, Markdown, UTF-16 text): bytes of the
 *  document each segment comes from (named by "doc"), or bytes of the
 *  extracted text (dramatis_book_text()).  Plain UTF-8 text has only the
 *  file's own offsets. */
typedef enum dramatis_src {
    DRAMATIS_SRC_DOCUMENT = 0,
    DRAMATIS_SRC_TEXT
} dramatis_src;

/** Detail of a failure, filled by the call that failed (curl's error buffer). */
struct dramatis_error {
    dramatis_status code;
    char file[512];   /* the file at fault, or "" */
    long line;        /* 1-based line in that file, or 0 */
    char message[512];
};

struct dramatis_book;
struct dramatis_voicemap;

/** Audio formats of dramatis_render(). */
typedef enum dramatis_format {
    DRAMATIS_FORMAT_OPUS = 1,   /* Ogg Opus with Vorbis chapter comments */
    DRAMATIS_FORMAT_M4B         /* AAC in MP4: chpl and QuickTime chapters */
} dramatis_format;

/** What dramatis_render() does with chapter files. */
typedef enum dramatis_split {
    DRAMATIS_SPLIT_NONE = 0,   /* the whole book only */
    DRAMATIS_SPLIT_ALSO,       /* the whole book, and chapter files in chapters/ */
    DRAMATIS_SPLIT_ONLY        /* chapter files instead of the whole book */
} dramatis_split;

/** Most formats one render writes. */
#define DRAMATIS_MAX_FORMATS 2

/** Where dramatis_render() is, for a progress display.  Passed after every
 *  finished unit (a chapter or part of a long one) and once at the end. */
struct dramatis_render_progress {
    size_t chapters_done, n_chapters;
    size_t units_done, n_units;
    size_t units_reused;      /* of units_done, taken from the cache */
    double audio_seconds;     /* audio of the finished units */
    double rendered_seconds;  /* of that, synthesised and encoded this run */
    double elapsed_seconds;   /* wall time since the render began */
    double fraction;          /* estimated share of the work done, 0-1 */
    long chapter;             /* chapter (0-based) just completed, or -1 */
    int chapter_reused;       /* that chapter came wholly from the cache */
    const char *chapter_title;
    int finished;             /* the last call: every file is in place */
    size_t units_damaged;     /* cached units found damaged (or incomplete) and
                               * rendered again */
};

/** Receives progress; runs in the calling process, between units. */
typedef void (*dramatis_render_progress_fn)(void *ctx,
                                            const struct dramatis_render_progress *progress);

/** Options of dramatis_render().  Fill them with
 *  dramatis_render_options_init() first, then set what differs: options
 *  added in later versions get their defaults from it. */
struct dramatis_render_options {
    const char *out_dir;   /* the library: receives <Author>/<Title>/; default "out" */
    int bitrate;           /* Opus bits per second; 0: the speech default */
    int complexity;        /* Opus complexity 0-10; -1: the speech default */
    int quiet;             /* no progress output */
    int jobs;              /* worker processes; 0: one per online core */
    dramatis_split split;  /* chapter files ("NN - Chapter.opus") and an .m3u8 */
    int no_cache;          /* render every unit; leave the cache alone */
    int clear_cache;       /* empty this book's cache first */
    dramatis_render_progress_fn progress;   /* may be NULL */
    void *progress_ctx;
    /* the library: formats, cover, folders, cache */
    dramatis_format formats[DRAMATIS_MAX_FORMATS];  /* the first is the book the
                                                     * folder holds; default opus */
    size_t n_formats;
    int m4b_bitrate;       /* AAC bits per second; 0: the speech default */
    const char *cover;     /* JPEG or PNG file; NULL: the book's own, else
                            * cover.jpg/cover.png beside the input */
    int force;             /* take over a folder that holds another book */
    const char *cache_dir; /* NULL: $XDG_CACHE_HOME/dramatis (~/.cache/dramatis) */
    unsigned long long cache_max;   /* bytes the cache may hold; 0: the default */
    int subtitles;         /* also WebVTT subtitles beside each audio file
                            * (<Title>.vtt, "NN - Chapter.vtt"), timed as
                            * that file's format lays out the audio */
};

/** Sets every option to its default. */
void dramatis_render_options_init(struct dramatis_render_options *options);

/** Returns a short lowercase message for a status code. */
const char *dramatis_strerror(dramatis_status status);

/** Reads a plain-text book (UTF-8, optional BOM, LF or CRLF) and splits it
 *  into chapters, paragraphs and narration/dialogue segments. */
dramatis_status dramatis_book_load(const char *path, struct dramatis_book **out,
                                   struct dramatis_error *err);

/** Like dramatis_book_load(), for any supported format: EPUB, HTML,
 *  Markdown, or UTF-8 or UTF-16 text.  @p format names the importer
 *  ("epub", "html", "markdown", "text"), or NULL to choose by content, then
 *  by extension.  @p path "-" reads standard input. */
dramatis_status dramatis_book_load_format(const char *path, const char *format,
                                          struct dramatis_book **out,
                                          struct dramatis_error *err);

/** The input format names dramatis_book_load_format() takes: the i-th, or
 *  NULL past the last. */
const char *dramatis_input_format_name(size_t i);

/** The book's text: the file itself for UTF-8 text, else the text the
 *  importer extracted (paragraphs and headings separated by blank lines),
 *  which "src" offsets count with DRAMATIS_SRC_TEXT. */
const char *dramatis_book_text(const struct dramatis_book *book, size_t *size);

/** Frees a book; NULL does nothing. */
void dramatis_book_free(struct dramatis_book *book);

/** The book's title (from its first line or the AO3 header). */
const char *dramatis_book_title(const struct dramatis_book *book);

/** Whether the narrator opens the book with its title and author ("Emma,
 *  by Jane Austen"), as audiobooks do: on unless turned off here.  The
 *  render, the script and its timing all follow it. */
void dramatis_book_set_announce(struct dramatis_book *book, int announce);

/** Parses a voice-map INI file. */
dramatis_status dramatis_voicemap_load(const char *path, struct dramatis_voicemap **out,
                                       struct dramatis_error *err);

/** Number of warnings (unknown keys and the like) found while parsing. */
size_t dramatis_voicemap_warning_count(const struct dramatis_voicemap *map);

/** Warning @p i as "FILE:LINE: message". */
const char *dramatis_voicemap_warning(const struct dramatis_voicemap *map, size_t i);

/** Frees a voice map; NULL does nothing. */
void dramatis_voicemap_free(struct dramatis_voicemap *map);

/** Decides who speaks each dialogue segment and gives every speaker a voice.
 *  The cast comes from @p map when it names characters, otherwise it is
 *  discovered in the text; @p map may be NULL.  Unknown voices are errors.
 *  The map's [overrides] then pin quotes to speakers (one that matches no
 *  quote is a book warning) and its [pronunciations] fill what is read
 *  aloud. */
dramatis_status dramatis_book_cast(struct dramatis_book *book,
                                   const struct dramatis_voicemap *map,
                                   struct dramatis_error *err);

/** Number of warnings dramatis_book_cast() and dramatis_cast_check() left:
 *  overrides that match no quote, characters who talk to each other in
 *  voices too close to tell apart. */
size_t dramatis_book_warning_count(const struct dramatis_book *book);

/** Warning @p i as "FILE:LINE: message" (or "message" without a place). */
const char *dramatis_book_warning(const struct dramatis_book *book, size_t i);

/** Writes the cast of a cast book to @p out as a table: each character with
 *  aliases, gender, dialogue lines and words, first chapter, and voice. */
dramatis_status dramatis_cast_write(const struct dramatis_book *book, FILE *out,
                                    struct dramatis_error *err);

/** Adds a warning to the book for every two characters who speak in turn
 *  (adjacent dialogue lines) with voices too close to tell apart: the same
 *  espeak-ng voice and variant, pitch within 8. */
dramatis_status dramatis_cast_check(struct dramatis_book *book, struct dramatis_error *err);

/** Writes a voice map for the cast book to @p path.  A new file gets the
 *  narrator and every character (aliases, gender, voice, rate, pitch); an
 *  existing one keeps every byte and gets only the characters it does not
 *  name yet, appended under a comment.  The map is written aside and
 *  renamed into place; an existing map that does not parse is left alone. */
dramatis_status dramatis_voicemap_write(const struct dramatis_book *book, const char *path,
                                        struct dramatis_error *err);

/** Renders a short sample of one speaker's voice to @p path (".wav": WAV,
 *  anything else: Ogg Opus without chapters): @p text if not NULL (read
 *  as the render reads the book's lines: years, abbreviations, pauses),
 *  else the speaker's first @p n_lines dialogue lines.  @p speaker is a character's
 *  name or alias, or "narrator"; an unknown one fails with DRAMATIS_ERR_ARG
 *  and a message listing the known names. */
dramatis_status dramatis_preview(const struct dramatis_book *book, const char *speaker,
                                 size_t n_lines, const char *text, const char *path,
                                 struct dramatis_error *err);

/** Writes the espeak-ng voices and variants a voice map may use to @p out. */
dramatis_status dramatis_voices_write(FILE *out, struct dramatis_error *err);

/** Writes the book's script (one line per segment) to @p out.  With
 *  @p timing, synthesises the book as dramatis_render() does (in worker
 *  processes, without encoding) to report each line's start and duration
 *  in the rendered file. */
dramatis_status dramatis_script_write(const struct dramatis_book *book, FILE *out,
                                      dramatis_script_format format, int timing,
                                      struct dramatis_error *err);

/** dramatis_script_write() with the "src" offsets of @p src. */
dramatis_status dramatis_script_write_src(const struct dramatis_book *book, FILE *out,
                                          dramatis_script_format format, int timing,
                                          dramatis_src src, struct dramatis_error *err);

/** Renders the cast book into its folder of the library,
 *  <out_dir>/<Author>/<Title>/ (no author folder when the author is not
 *  known): <Title>.opus (or .m4b), cover.jpg, chapter files as
 *  options->split says.  Files are written aside and renamed into place
 *  when complete; files an earlier render wrote there and this one does
 *  not are removed (a manifest, .dramatis, lists them); nothing else is
 *  touched.  A folder that holds another book (another input file) is
 *  never written into unless options->force: the book goes to
 *  "<Title> (2)" instead.  @p options may be NULL for the defaults. */
dramatis_status dramatis_render(const struct dramatis_book *book,
                                const struct dramatis_render_options *options,
                                struct dramatis_error *err);

/** Writes into @p path where dramatis_render() with @p options (NULL: the
 *  defaults) puts @p book: its main file, or its folder when it writes
 *  chapter files only.  DRAMATIS_ERR_ARG if it does not fit. */
dramatis_status dramatis_render_path(const struct dramatis_book *book,
                                     const struct dramatis_render_options *options,
                                     char *path, size_t size);

/** The cache folder: @p dir when not NULL, else $XDG_CACHE_HOME/dramatis,
 *  else $HOME/.cache/dramatis; DRAMATIS_ERR_ARG when none is known. */
dramatis_status dramatis_cache_dir(const char *dir, char *path, size_t size);

/** Bytes and books (rendered units) in the cache at @p dir (NULL: the default). */
dramatis_status dramatis_cache_usage(const char *dir, unsigned long long *bytes,
                                     size_t *books, struct dramatis_error *err);

/** Removes every rendered unit and preview from the cache at @p dir
 *  (NULL: the default); other files there are left alone. */
dramatis_status dramatis_cache_clear(const char *dir, struct dramatis_error *err);

#ifdef __cplusplus
}
#endif
#endif
