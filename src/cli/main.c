/* The dramatis command-line tool: one table of commands and options gives
 * the parser, each command's --help, the man page and bash completion. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Which commands an option belongs to. */
enum {
    C_RENDER = 1 << 0,
    C_SCRIPT = 1 << 1,
    C_CAST = 1 << 2,
    C_PREVIEW = 1 << 3,
    C_VOICES = 1 << 4,
    C_CACHE = 1 << 5,
    C_TEXT = 1 << 6,
    C_ALL = 0x7f
};

/* Options with no short form. */
enum {
    OPT_SPLIT = 256, OPT_PROGRESS, OPT_NO_CACHE, OPT_CLEAR_CACHE, OPT_COVER, OPT_FORCE,
    OPT_CACHE_DIR, OPT_CACHE_SIZE, OPT_M4B_BITRATE, OPT_CLEAR, OPT_MAN, OPT_COMPLETION,
    OPT_INPUT_FORMAT, OPT_SRC, OPT_SUBTITLES, OPT_NO_ANNOUNCE
};

struct command {
    const char *name;
    int (*run)(const struct cli *cli);
    unsigned bit;
    const char *args;         /* after the name in the synopsis */
    const char *summary;
    const char *about;        /* the command's --help: what it does */
};

static const struct command commands[] = {
    { "render", cmd_render, C_RENDER, "BOOK", "write the audiobook into the library",
      "Renders BOOK into OUT/<Author>/<Title>/: <Title>.opus (or .m4b) with chapter\n"
      "marks, tags and the cover, cover.jpg beside it, with --split chapter files\n"
      "and an .m3u8, and with --subtitles a <Title>.vtt beside each audio file.\n"
      "The narrator opens with the title and author.  Files an earlier render\n"
      "wrote there and this one does not are removed; nothing else is.  Another\n"
      "book of the same title goes to '<Title> (2)'.  Rendered chapters are\n"
      "cached, so a render after a change re-renders only the chapters it touched.\n" },
    { "script", cmd_script, C_SCRIPT, "BOOK", "print who says what, one line per segment",
      "Prints the book in reading order, one segment per line: a screenplay\n"
      "(--format text) or JSON lines (--format jsonl) with speaker, voice, byte\n"
      "span, what espeak-ng is given to speak, attribution rule and confidence.\n" },
    { "cast", cmd_cast, C_CAST, "BOOK", "list the characters, their lines and voices",
      "Lists every character with aliases, gender, lines, words, first chapter and\n"
      "voice, and warns about characters who answer each other in voices too alike.\n" },
    { "preview", cmd_preview, C_PREVIEW, "BOOK --speaker NAME",
      "hear one speaker's voice",
      "Renders a speaker's first lines (or --text) to\n"
      "CACHE/previews/preview-<NAME>.opus, outside any library, in well under a\n"
      "second; -o FILE writes elsewhere (.opus or .wav).\n" },
    { "voices", cmd_voices, C_VOICES, "", "list the espeak-ng voices and variants a map may use",
      "Lists the espeak-ng voices and variants a voice map may name.\n" },
    { "text", cmd_text, C_TEXT, "BOOK", "print the text dramatis reads",
      "Prints the plain text dramatis reads from BOOK: for EPUB, HTML and Markdown\n"
      "the extracted text, which 'script --src text' offsets index.\n" },
    { "cache", cmd_cache, C_CACHE, "", "show or empty the cache of rendered chapters",
      "Prints the cache folder ($XDG_CACHE_HOME/dramatis, or ~/.cache/dramatis)\n"
      "and what it holds; --clear removes every rendered chapter and preview.\n" },
};

struct option_spec {
    const char *name;
    int has_arg;
    int id;                   /* the short letter or OPT_* */
    unsigned commands;
    const char *arg;          /* the value's name in the help */
    const char *help;
    const char *complete;     /* bash: words for the value, "FILE", "DIR" or NULL */
};

static const struct option_spec options[] = {
    { "voices", required_argument, 'v', C_RENDER | C_SCRIPT | C_CAST | C_PREVIEW, "MAP",
      "voice map (INI): cast, voices, pronunciations, [book]", "FILE" },
    { "output", required_argument, 'o', C_RENDER, "DIR",
      "the library folder (default: out)", "DIR" },
    { "format", required_argument, 'f', C_RENDER, "LIST",
      "opus, m4b or both (opus,m4b): the first is the book servers see", "opus m4b opus,m4b m4b,opus" },
    { "split", optional_argument, OPT_SPLIT, C_RENDER, "[=only]",
      "also chapter files in chapters/ (=only: instead of the book)", NULL },
    { "subtitles", no_argument, OPT_SUBTITLES, C_RENDER, NULL,
      "also WebVTT subtitles (who says what, when) beside each audio file", NULL },
    { "no-announce", no_argument, OPT_NO_ANNOUNCE, C_RENDER | C_SCRIPT, NULL,
      "do not open the book with its title and author", NULL },
    { "cover", required_argument, OPT_COVER, C_RENDER, "FILE",
      "cover image, JPEG or PNG (default: the book's, or cover.jpg beside it)", "FILE" },
    { "force", no_argument, OPT_FORCE, C_RENDER, NULL,
      "write into a folder that holds another book of the same title", NULL },
    { "bitrate", required_argument, 'b', C_RENDER, "BPS", "Opus bitrate in bits per second", NULL },
    { "complexity", required_argument, 'c', C_RENDER, "N", "Opus complexity 0-10", NULL },
    { "m4b-bitrate", required_argument, OPT_M4B_BITRATE, C_RENDER, "BPS",
      "AAC bitrate of the m4b in bits per second (default: 48000)", NULL },
    { "jobs", required_argument, 'j', C_RENDER, "N",
      "worker processes (default: one per core)", NULL },
    { "progress", required_argument, OPT_PROGRESS, C_RENDER, "MODE",
      "auto (a line on a terminal), json or none", "auto json none" },
    { "no-cache", no_argument, OPT_NO_CACHE, C_RENDER, NULL,
      "render every chapter; leave the cache alone", NULL },
    { "clear-cache", no_argument, OPT_CLEAR_CACHE, C_RENDER, NULL,
      "forget this book's rendered chapters first", NULL },
    { "cache-size", required_argument, OPT_CACHE_SIZE, C_RENDER, "MB",
      "the most the cache keeps, in megabytes (default: 2048)", NULL },
    { "cache-dir", required_argument, OPT_CACHE_DIR, C_RENDER | C_PREVIEW | C_CACHE, "DIR",
      "the cache folder (default: $XDG_CACHE_HOME/dramatis)", "DIR" },
    { "format", required_argument, 'f', C_SCRIPT, "FORMAT",
      "text (default) or jsonl", "text jsonl" },
    { "timing", no_argument, 't', C_SCRIPT, NULL,
      "synthesise to report each line's start and duration", NULL },
    { "write", required_argument, 'w', C_CAST, "MAP",
      "write the voice map, or add new characters to it", "FILE" },
    { "speaker", required_argument, 's', C_PREVIEW, "NAME",
      "the character (or narrator) to hear", NULL },
    { "lines", required_argument, 'n', C_PREVIEW, "N", "how many of their lines (default: 3)",
      NULL },
    { "text", required_argument, 'T', C_PREVIEW, "TEXT", "say this instead of their lines",
      NULL },
    { "output", required_argument, 'o', C_PREVIEW, "FILE",
      "write here (.opus or .wav) instead of the cache's previews folder", "FILE" },
    { "clear", no_argument, OPT_CLEAR, C_CACHE, NULL,
      "remove every rendered chapter and preview", NULL },
    { "input-format", required_argument, OPT_INPUT_FORMAT,
      C_RENDER | C_SCRIPT | C_CAST | C_PREVIEW | C_TEXT, "FORMAT",
      "read BOOK as epub, html, markdown or text (default: by its content)",
      "epub html markdown text" },
    { "src", required_argument, OPT_SRC, C_SCRIPT, "MODE",
      "offsets in each segment's document (document, the default) or in 'dramatis text' (text)",
      "document text" },
    { "quiet", no_argument, 'q', C_ALL, NULL, "no messages but errors", NULL },
    { "help", no_argument, 'h', C_ALL, NULL, "show this help and exit", NULL },
    { "version", no_argument, 'V', C_ALL, NULL, "show the version and exit", NULL },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])
#define N_OPTIONS (sizeof options / sizeof options[0])

int cli_usage_error(const char *fmt, const char *arg)
{
    fputs("dramatis: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\ntry 'dramatis --help'\n", stderr);
    return EXIT_USAGE;
}

int cli_report(const struct dramatis_error *err)
{
    const char *msg = err->message[0] ? err->message : dramatis_strerror(err->code);

    if (err->file[0] && err->line > 0)
        fprintf(stderr, "dramatis: %s:%ld: %s\n", err->file, err->line, msg);
    else if (err->file[0])
        fprintf(stderr, "dramatis: %s: %s\n", err->file, msg);
    else
        fprintf(stderr, "dramatis: %s\n", msg);
    return EXIT_FAILURE;
}

int cli_load_cast(const struct cli *cli, struct dramatis_book **book,
                  struct dramatis_voicemap **map)
{
    struct dramatis_error err;
    size_t i;

    memset(&err, 0, sizeof err);
    *book = NULL;
    *map = NULL;
    if (cli->voices && dramatis_voicemap_load(cli->voices, map, &err) != DRAMATIS_OK)
        return cli_report(&err);
    for (i = 0; *map && i < dramatis_voicemap_warning_count(*map); i++)
        fprintf(stderr, "dramatis: %s\n", dramatis_voicemap_warning(*map, i));
    if (dramatis_book_load_format(cli->book, cli->input_format, book, &err) != DRAMATIS_OK ||
        dramatis_book_cast(*book, *map, &err) != DRAMATIS_OK)
        return cli_report(&err);
    dramatis_book_set_announce(*book, !cli->no_announce);
    for (i = 0; i < dramatis_book_warning_count(*book); i++)
        fprintf(stderr, "dramatis: %s\n", dramatis_book_warning(*book, i));
    return 0;
}

/* --input-format: one of the importers' names. */
static int known_input_format(const char *name)
{
    size_t i;

    for (i = 0; dramatis_input_format_name(i); i++) {
        if (strcmp(dramatis_input_format_name(i), name) == 0)
            return 1;
    }
    return 0;
}

/* "-o, --output DIR" as the help shows it. */
static void option_label(const struct option_spec *o, char *out, size_t size)
{
    const char *sep = o->arg && o->arg[0] != '[' ? " " : "";

    if (o->id < 256)
        snprintf(out, size, "-%c, --%s%s%s", o->id, o->name, sep, o->arg ? o->arg : "");
    else
        snprintf(out, size, "    --%s%s%s", o->name, sep, o->arg ? o->arg : "");
}

static void print_options(FILE *f, unsigned bit)
{
    char label[64];
    size_t i;

    for (i = 0; i < N_OPTIONS; i++) {
        if (!(options[i].commands & bit))
            continue;
        option_label(&options[i], label, sizeof label);
        fprintf(f, "  %-24s %s\n", label, options[i].help);
    }
}

static void print_help(const struct command *cmd)
{
    size_t i;

    if (cmd) {
        printf("usage: dramatis %s [OPTIONS]%s%s\n\n%s\noptions:\n", cmd->name,
               cmd->args[0] ? " " : "", cmd->args, cmd->about);
        print_options(stdout, cmd->bit);
        printf("\nexit status: 0 success, 1 failure, 2 usage error\n");
        return;
    }
    printf("usage: dramatis COMMAND [OPTIONS] [BOOK]\n\n"
           "Turns a story into a multi-voice, chaptered audiobook (Ogg Opus or M4B).\n"
           "BOOK: EPUB, HTML, Markdown, or UTF-8 or UTF-16 text; '-' reads stdin.\n\n"
           "commands:\n");
    for (i = 0; i < N_COMMANDS; i++)
        printf("  %-9s %-20s %s\n", commands[i].name, commands[i].args, commands[i].summary);
    printf("\n'dramatis COMMAND --help' describes a command and its options.\n"
           "  -h, --help               show this help and exit\n"
           "  -V, --version            show the version and exit\n"
           "\nexit status: 0 success, 1 failure, 2 usage error\n");
}

/* Writes s for roff: a leading dot or quote escaped, backslashes and dashes. */
static void roff(const char *s)
{
    int start = 1;

    for (; *s; s++) {
        if (start && (*s == '.' || *s == '\''))
            fputs("\\&", stdout);
        if (*s == '\\')
            fputs("\\e", stdout);
        else if (*s == '-')
            fputs("\\-", stdout);
        else
            putchar(*s);
        start = *s == '\n';
    }
}

/* The man page, from the same table as --help. */
static void print_man(void)
{
    char label[64];
    size_t c, i;

    printf(".TH DRAMATIS 1 \"\" \"dramatis %s\" \"User Commands\"\n.SH NAME\n"
           "dramatis \\- turn a story into a multi\\-voice audiobook\n.SH SYNOPSIS\n",
           DRAMATIS_VERSION);
    for (c = 0; c < N_COMMANDS; c++) {
        printf(".B dramatis %s\n", commands[c].name);
        printf("[\\fIOPTIONS\\fR] ");
        roff(commands[c].args);
        printf("\n.br\n");
    }
    printf(".SH DESCRIPTION\ndramatis reads a novel (EPUB, HTML, Markdown or plain text), finds its chapters, its dialogue and "
           "who speaks it, gives every character an espeak\\-ng voice and renders a chaptered "
           "Ogg Opus or M4B audiobook into a folder that audiobook servers read.\n.SH COMMANDS\n");
    for (c = 0; c < N_COMMANDS; c++) {
        printf(".SS \"%s\"\n", commands[c].name);
        roff(commands[c].about);
        for (i = 0; i < N_OPTIONS; i++) {
            if (!(options[i].commands & commands[c].bit) || (options[i].commands == C_ALL))
                continue;
            option_label(&options[i], label, sizeof label);
            printf(".TP\n.B ");
            roff(label[0] == ' ' ? label + 4 : label);
            printf("\n");
            roff(options[i].help);
            printf("\n");
        }
    }
    printf(".SH \"COMMON OPTIONS\"\n");
    for (i = 0; i < N_OPTIONS; i++) {
        if (options[i].commands != C_ALL)
            continue;
        option_label(&options[i], label, sizeof label);
        printf(".TP\n.B ");
        roff(label);
        printf("\n");
        roff(options[i].help);
        printf("\n");
    }
    printf(".SH \"EXIT STATUS\"\n0 success, 1 failure, 2 usage error.\n"
           ".SH FILES\n.TP\n.I $XDG_CACHE_HOME/dramatis\nrendered chapters and previews "
           "(default ~/.cache/dramatis).\n");
}

/* Bash completion, from the same table. */
static void print_completion(void)
{
    size_t c, i;

    printf("# bash completion for dramatis (generated by dramatis --generate-completion)\n"
           "_dramatis()\n{\n    local cur prev cmd\n    cur=${COMP_WORDS[COMP_CWORD]}\n"
           "    prev=${COMP_WORDS[COMP_CWORD-1]}\n    cmd=${COMP_WORDS[1]}\n"
           "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n        COMPREPLY=($(compgen -W '");
    for (c = 0; c < N_COMMANDS; c++)
        printf("%s ", commands[c].name);
    printf("--help --version' -- \"$cur\"))\n        return\n    fi\n    case $cmd in\n");
    for (c = 0; c < N_COMMANDS; c++) {
        printf("    %s)\n        case $prev in\n", commands[c].name);
        for (i = 0; i < N_OPTIONS; i++) {
            const struct option_spec *o = &options[i];
            if (!(o->commands & commands[c].bit) || o->has_arg != required_argument)
                continue;
            if (o->id < 256)
                printf("        -%c|--%s)", o->id, o->name);
            else
                printf("        --%s)", o->name);
            if (o->complete == NULL)
                printf(" return ;;\n");
            else if (strcmp(o->complete, "FILE") == 0)
                printf(" COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n");
            else if (strcmp(o->complete, "DIR") == 0)
                printf(" COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n");
            else
                printf(" COMPREPLY=($(compgen -W '%s' -- \"$cur\")); return ;;\n", o->complete);
        }
        printf("        esac\n        if [[ $cur == -* ]]; then\n            COMPREPLY=($(compgen -W '");
        for (i = 0; i < N_OPTIONS; i++) {
            if (options[i].commands & commands[c].bit)
                printf("--%s ", options[i].name);
        }
        printf("' -- \"$cur\"))\n        else\n            COMPREPLY=($(compgen -f -- \"$cur\"))\n"
               "        fi\n        ;;\n");
    }
    printf("    esac\n}\ncomplete -o filenames -F _dramatis dramatis\n");
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;

    v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* render --format: "opus", "m4b", "opus,m4b" or "m4b,opus". */
static int parse_formats(const char *s, struct cli *cli)
{
    const char *p = s;

    cli->n_formats = 0;
    while (*p) {
        size_t n = strcspn(p, ",");
        dramatis_format f;
        size_t i;

        if (n == 4 && strncmp(p, "opus", 4) == 0)
            f = DRAMATIS_FORMAT_OPUS;
        else if (n == 3 && strncmp(p, "m4b", 3) == 0)
            f = DRAMATIS_FORMAT_M4B;
        else
            return -1;
        for (i = 0; i < cli->n_formats; i++) {
            if (cli->formats[i] == f)
                return -1;
        }
        if (cli->n_formats == DRAMATIS_MAX_FORMATS)
            return -1;
        cli->formats[cli->n_formats++] = f;
        p += n;
        if (*p == ',')
            p++;
    }
    return cli->n_formats > 0 ? 0 : -1;
}

/* The option that getopt_long returned, for the command's table. */
static const struct option_spec *spec_for(int id, unsigned bit)
{
    size_t i;

    for (i = 0; i < N_OPTIONS; i++) {
        if (options[i].id == id && (options[i].commands & bit))
            return &options[i];
    }
    return NULL;
}

static int apply(int id, const char *optarg_, const struct command *cmd, struct cli *cli)
{
    switch (id) {
    case 'o': cli->out_dir = optarg_; break;
    case 'v': cli->voices = optarg_; break;
    case 'f':
        if (cmd->bit == C_RENDER) {
            if (parse_formats(optarg_, cli) != 0)
                return cli_usage_error("unknown format list '%s' (use opus, m4b or opus,m4b)",
                                       optarg_);
        } else if (strcmp(optarg_, "jsonl") == 0) {
            cli->format = DRAMATIS_SCRIPT_JSONL;
        } else if (strcmp(optarg_, "text") == 0) {
            cli->format = DRAMATIS_SCRIPT_TEXT;
        } else {
            return cli_usage_error("unknown format '%s' (use jsonl or text)", optarg_);
        }
        break;
    case 't': cli->timing = 1; break;
    case 'w': cli->write_map = optarg_; break;
    case 's': cli->speaker = optarg_; break;
    case 'T': cli->text = optarg_; break;
    case 'n':
        if (parse_long(optarg_, 1, 1000, &cli->lines) != 0)
            return cli_usage_error("lines must be 1-1000, got '%s'", optarg_);
        break;
    case 'b':
        if (parse_long(optarg_, 6000, 256000, &cli->bitrate) != 0)
            return cli_usage_error("bitrate must be 6000-256000, got '%s'", optarg_);
        break;
    case OPT_M4B_BITRATE:
        if (parse_long(optarg_, 16000, 320000, &cli->m4b_bitrate) != 0)
            return cli_usage_error("m4b bitrate must be 16000-320000, got '%s'", optarg_);
        break;
    case 'c':
        if (parse_long(optarg_, 0, 10, &cli->complexity) != 0)
            return cli_usage_error("complexity must be 0-10, got '%s'", optarg_);
        break;
    case 'j':
        if (parse_long(optarg_, 1, 64, &cli->jobs) != 0)
            return cli_usage_error("jobs must be 1-64, got '%s'", optarg_);
        break;
    case OPT_SPLIT:
        if (optarg_ == NULL || strcmp(optarg_, "also") == 0)
            cli->split = DRAMATIS_SPLIT_ALSO;
        else if (strcmp(optarg_, "only") == 0)
            cli->split = DRAMATIS_SPLIT_ONLY;
        else
            return cli_usage_error("unknown split mode '%s' (use --split or --split=only)",
                                   optarg_);
        break;
    case OPT_PROGRESS:
        if (strcmp(optarg_, "auto") == 0)
            cli->progress = CLI_PROGRESS_AUTO;
        else if (strcmp(optarg_, "json") == 0)
            cli->progress = CLI_PROGRESS_JSON;
        else if (strcmp(optarg_, "none") == 0)
            cli->progress = CLI_PROGRESS_NONE;
        else
            return cli_usage_error("unknown progress mode '%s' (use auto, json or none)", optarg_);
        break;
    case OPT_NO_CACHE: cli->no_cache = 1; break;
    case OPT_CLEAR_CACHE: cli->clear_cache = 1; break;
    case OPT_SUBTITLES: cli->subtitles = 1; break;
    case OPT_NO_ANNOUNCE: cli->no_announce = 1; break;
    case OPT_COVER: cli->cover = optarg_; break;
    case OPT_FORCE: cli->force = 1; break;
    case OPT_CACHE_DIR: cli->cache_dir = optarg_; break;
    case OPT_CACHE_SIZE:
        if (parse_long(optarg_, 1, 1L << 30, &cli->cache_size_mb) != 0)
            return cli_usage_error("cache size must be a number of megabytes, got '%s'", optarg_);
        break;
    case OPT_CLEAR: cli->clear = 1; break;
    case OPT_INPUT_FORMAT:
        if (!known_input_format(optarg_))
            return cli_usage_error("unknown input format '%s' (use epub, html, markdown or text)",
                                   optarg_);
        cli->input_format = optarg_;
        break;
    case OPT_SRC:
        if (strcmp(optarg_, "text") == 0)
            cli->src = DRAMATIS_SRC_TEXT;
        else if (strcmp(optarg_, "document") == 0)
            cli->src = DRAMATIS_SRC_DOCUMENT;
        else
            return cli_usage_error("unknown --src '%s' (use document or text)", optarg_);
        break;
    case 'q': cli->quiet = 1; break;
    case 'h': print_help(cmd); exit(EXIT_SUCCESS);
    case 'V': printf("dramatis %s\n", DRAMATIS_VERSION); exit(EXIT_SUCCESS);
    default: return cli_usage_error("%s", "internal: unhandled option");
    }
    return 0;
}

/* The option argv[optind - 1] gave, for messages. */
static const char *given(char **argv)
{
    return argv[optind - 1];
}

static int parse_args(int argc, char **argv, struct cli *cli, const struct command **cmd)
{
    struct option all[N_OPTIONS + 3];
    char shorts[3 * N_OPTIONS + 2];
    size_t i, n = 0, k = 1;
    int opt, rc;

    cli->complexity = -1;
    cli->format = DRAMATIS_SCRIPT_TEXT;
    cli->formats[0] = DRAMATIS_FORMAT_OPUS;
    cli->n_formats = 1;
    if (argc < 2)
        return cli_usage_error("%s", "missing command");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_help(NULL);
        exit(EXIT_SUCCESS);
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("dramatis %s\n", DRAMATIS_VERSION);
        exit(EXIT_SUCCESS);
    }
    if (strcmp(argv[1], "--generate-man") == 0) {
        print_man();
        exit(EXIT_SUCCESS);
    }
    if (strcmp(argv[1], "--generate-completion") == 0) {
        print_completion();
        exit(EXIT_SUCCESS);
    }
    if (argv[1][0] == '-')
        return cli_usage_error("the command comes first, got '%s'", argv[1]);
    *cmd = NULL;
    for (i = 0; i < N_COMMANDS; i++) {
        if (strcmp(argv[1], commands[i].name) == 0)
            *cmd = &commands[i];
    }
    if (*cmd == NULL)
        return cli_usage_error("unknown command '%s'", argv[1]);
    cli->command = (*cmd)->name;
    /* every option of every command is parsed, so one of another command
     * is reported as not applying rather than as unknown */
    shorts[0] = ':';
    for (i = 0; i < N_OPTIONS; i++) {
        size_t j;
        int seen = 0;
        for (j = 0; j < n; j++)
            seen |= strcmp(all[j].name, options[i].name) == 0;
        if (seen)
            continue;
        all[n].name = options[i].name;
        all[n].has_arg = options[i].has_arg;
        all[n].flag = NULL;
        all[n].val = options[i].id;
        n++;
        if (options[i].id < 256) {
            shorts[k++] = (char)options[i].id;
            if (options[i].has_arg == required_argument)
                shorts[k++] = ':';
        }
    }
    memset(&all[n], 0, sizeof all[n]);
    shorts[k] = '\0';
    opterr = 0;
    optind = 2;
    while ((opt = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
        if (opt == ':')
            return cli_usage_error("option '%s' needs a value", given(argv));
        if (opt == '?')
            return cli_usage_error("unknown option '%s'", given(argv));
        if (spec_for(opt, (*cmd)->bit) == NULL) {
            const struct option_spec *o = spec_for(opt, C_ALL);
            if (opt < 256)
                fprintf(stderr, "dramatis: %s: option '-%c' does not apply to this command\n",
                        (*cmd)->name, opt);
            else
                fprintf(stderr, "dramatis: %s: option '--%s' does not apply to this command\n",
                        (*cmd)->name, o ? o->name : "?");
            fprintf(stderr, "try 'dramatis %s --help'\n", (*cmd)->name);
            return EXIT_USAGE;
        }
        rc = apply(opt, optarg, *cmd, cli);
        if (rc != 0)
            return rc;
    }
    if ((*cmd)->args[0]) {
        if (optind >= argc)
            return cli_usage_error("%s: missing BOOK", cli->command);
        cli->book = argv[optind++];
    }
    if (optind < argc)
        return cli_usage_error("unexpected argument '%s'", argv[optind]);
    return 0;
}

int main(int argc, char **argv)
{
    struct cli cli;
    const struct command *cmd = NULL;
    int rc;

    memset(&cli, 0, sizeof cli);
    rc = parse_args(argc, argv, &cli, &cmd);
    if (rc != 0)
        return rc;
    return cmd->run(&cli);
}
