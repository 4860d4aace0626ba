/* The command-line tool's shared parts: options, messages, and the commands. */
#ifndef DRAMATIS_CLI_H
#define DRAMATIS_CLI_H

#include "dramatis.h"

#define EXIT_USAGE 2

/* render --progress: a line on a terminal (auto), JSON lines, or nothing. */
enum cli_progress { CLI_PROGRESS_AUTO = 0, CLI_PROGRESS_JSON, CLI_PROGRESS_NONE };

/* Everything the command line can say; each command reads what it needs. */
struct cli {
    const char *command;
    const char *book;
    const char *voices;
    const char *out_dir;     /* render -o DIR; preview -o FILE */
    dramatis_script_format format;
    int timing;
    const char *write_map;   /* cast --write */
    const char *speaker;     /* preview --speaker */
    const char *text;        /* preview --text */
    long lines;              /* preview --lines; 0: the default */
    int quiet;
    long bitrate;
    long complexity;         /* -1: the default */
    long jobs;               /* render --jobs; 0: one per core */
    dramatis_split split;    /* render --split */
    int progress;            /* render --progress: enum cli_progress */
    int no_cache;            /* render --no-cache */
    int clear_cache;         /* render --clear-cache */
    dramatis_format formats[DRAMATIS_MAX_FORMATS];   /* render --format */
    size_t n_formats;
    long m4b_bitrate;        /* render --m4b-bitrate */
    const char *cover;       /* render --cover */
    int force;               /* render --force */
    const char *cache_dir;   /* --cache-dir */
    long cache_size_mb;      /* render --cache-size; 0: the default */
    int clear;               /* cache --clear */
    const char *input_format;   /* --input-format: NULL to choose by content */
    dramatis_src src;           /* script --src */
    int subtitles;              /* render --subtitles */
    int no_announce;            /* render, script --no-announce */
};

/* Prints "dramatis: MESSAGE" and the --help hint to stderr; returns 2. */
int cli_usage_error(const char *fmt, const char *arg);

/* Prints err as "dramatis: FILE:LINE: message"; returns 1. */
int cli_report(const struct dramatis_error *err);

/* Loads the --voices map (if any) and the book, and casts it; prints what
 * went wrong and returns 1 on failure, 0 on success. */
int cli_load_cast(const struct cli *cli, struct dramatis_book **book,
                  struct dramatis_voicemap **map);

/* The commands: each returns the process exit status. */
int cmd_render(const struct cli *cli);
int cmd_script(const struct cli *cli);
int cmd_cast(const struct cli *cli);
int cmd_preview(const struct cli *cli);
int cmd_voices(const struct cli *cli);
int cmd_text(const struct cli *cli);
int cmd_cache(const struct cli *cli);

#endif
