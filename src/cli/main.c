/* The dramatis command-line tool: parses arguments and runs one command. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: dramatis COMMAND [OPTIONS] BOOK\n"
    "\n"
    "Turns a story into a multi-voice, chaptered Ogg Opus audiobook.\n"
    "\n"
    "commands:\n"
    "  render BOOK     write OUT/<Title>/<Title>.opus\n"
    "  script BOOK     print who says what, one line per segment\n"
    "  cast BOOK       list the characters, their lines and voices\n"
    "  preview BOOK    hear one speaker: --speaker NAME [--lines N] [--text T]\n"
    "  voices          list the espeak-ng voices and variants a map may use\n"
    "\n"
    "options:\n"
    "  -o, --output DIR      output folder for render (default: out)\n"
    "  -v, --voices MAP      voice map (INI): cast, voices, aliases\n"
    "  -f, --format FORMAT   script format: jsonl or text (default: text)\n"
    "  -t, --timing          script: synthesise to report start and duration\n"
    "  -w, --write MAP       cast: write the voice map, or add new characters to it\n"
    "  -s, --speaker NAME    preview: the character (or narrator) to hear\n"
    "  -n, --lines N         preview: how many of their lines (default: 3)\n"
    "  -T, --text TEXT       preview: say this instead of their lines\n"
    "                        (preview -o FILE: .opus or .wav, default\n"
    "                        out/preview-NAME.opus)\n"
    "  -b, --bitrate BPS     render: Opus bitrate in bits per second\n"
    "  -c, --complexity N    render: Opus complexity 0-10\n"
    "  -j, --jobs N          render: worker processes (default: one per core)\n"
    "      --split           render: also one file per chapter and an .m3u8\n"
    "      --subtitles       render: also <Title>.vtt (WebVTT: who says what, when)\n"
    "      --no-announce     render, script: do not open with the title and author\n"
    "      --progress MODE   render: auto (a line on a terminal), json, none\n"
    "      --no-cache        render: render every chapter, keep no cache\n"
    "      --clear-cache     render: empty the cache of rendered chapters first\n"
    "  -q, --quiet           no messages but errors\n"
    "  -h, --help            show this help and exit\n"
    "  -V, --version         show the version and exit\n"
    "\n"
    "exit status: 0 success, 1 failure, 2 usage error\n";

/* The commands, and whether each takes a BOOK argument. */
static const struct command {
    const char *name;
    int (*run)(const struct cli *cli);
    int needs_book;
} commands[] = {
    { "render", cmd_render, 1 },
    { "script", cmd_script, 1 },
    { "cast", cmd_cast, 1 },
    { "preview", cmd_preview, 1 },
    { "voices", cmd_voices, 0 },
};

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
    if (dramatis_book_load(cli->book, book, &err) != DRAMATIS_OK ||
        dramatis_book_cast(*book, *map, &err) != DRAMATIS_OK)
        return cli_report(&err);
    dramatis_book_set_announce(*book, !cli->no_announce);
    for (i = 0; i < dramatis_book_warning_count(*book); i++)
        fprintf(stderr, "dramatis: %s\n", dramatis_book_warning(*book, i));
    return 0;
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

/* Options with no short form. */
enum { OPT_SPLIT = 256, OPT_PROGRESS, OPT_NO_CACHE, OPT_CLEAR_CACHE, OPT_SUBTITLES,
       OPT_NO_ANNOUNCE };

static int parse_args(int argc, char **argv, struct cli *cli, const struct command **cmd)
{
    static const struct option options[] = {
        { "output", required_argument, NULL, 'o' },
        { "voices", required_argument, NULL, 'v' },
        { "format", required_argument, NULL, 'f' },
        { "timing", no_argument, NULL, 't' },
        { "write", required_argument, NULL, 'w' },
        { "speaker", required_argument, NULL, 's' },
        { "lines", required_argument, NULL, 'n' },
        { "text", required_argument, NULL, 'T' },
        { "bitrate", required_argument, NULL, 'b' },
        { "complexity", required_argument, NULL, 'c' },
        { "jobs", required_argument, NULL, 'j' },
        { "split", no_argument, NULL, OPT_SPLIT },
        { "subtitles", no_argument, NULL, OPT_SUBTITLES },
        { "no-announce", no_argument, NULL, OPT_NO_ANNOUNCE },
        { "progress", required_argument, NULL, OPT_PROGRESS },
        { "no-cache", no_argument, NULL, OPT_NO_CACHE },
        { "clear-cache", no_argument, NULL, OPT_CLEAR_CACHE },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    size_t i;
    int opt;

    cli->complexity = -1;
    cli->format = DRAMATIS_SCRIPT_TEXT;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":o:v:f:tw:s:n:T:b:c:j:qhV", options, NULL)) != -1) {
        switch (opt) {
        case 'o': cli->out_dir = optarg; break;
        case 'v': cli->voices = optarg; break;
        case 'f':
            if (strcmp(optarg, "jsonl") == 0)
                cli->format = DRAMATIS_SCRIPT_JSONL;
            else if (strcmp(optarg, "text") == 0)
                cli->format = DRAMATIS_SCRIPT_TEXT;
            else
                return cli_usage_error("unknown format '%s' (use jsonl or text)", optarg);
            break;
        case 't': cli->timing = 1; break;
        case 'w': cli->write_map = optarg; break;
        case 's': cli->speaker = optarg; break;
        case 'T': cli->text = optarg; break;
        case 'n':
            if (parse_long(optarg, 1, 1000, &cli->lines) != 0)
                return cli_usage_error("lines must be 1-1000, got '%s'", optarg);
            break;
        case 'b':
            if (parse_long(optarg, 6000, 256000, &cli->bitrate) != 0)
                return cli_usage_error("bitrate must be 6000-256000, got '%s'", optarg);
            break;
        case 'c':
            if (parse_long(optarg, 0, 10, &cli->complexity) != 0)
                return cli_usage_error("complexity must be 0-10, got '%s'", optarg);
            break;
        case 'j':
            if (parse_long(optarg, 1, 64, &cli->jobs) != 0)
                return cli_usage_error("jobs must be 1-64, got '%s'", optarg);
            break;
        case OPT_SPLIT: cli->split = 1; break;
        case OPT_SUBTITLES: cli->subtitles = 1; break;
        case OPT_NO_ANNOUNCE: cli->no_announce = 1; break;
        case OPT_PROGRESS:
            if (strcmp(optarg, "auto") == 0)
                cli->progress = CLI_PROGRESS_AUTO;
            else if (strcmp(optarg, "json") == 0)
                cli->progress = CLI_PROGRESS_JSON;
            else if (strcmp(optarg, "none") == 0)
                cli->progress = CLI_PROGRESS_NONE;
            else
                return cli_usage_error("unknown progress mode '%s' (use auto, json or none)",
                                       optarg);
            break;
        case OPT_NO_CACHE: cli->no_cache = 1; break;
        case OPT_CLEAR_CACHE: cli->clear_cache = 1; break;
        case 'q': cli->quiet = 1; break;
        case 'h': fputs(usage_text, stdout); exit(EXIT_SUCCESS);
        case 'V': printf("dramatis %s\n", DRAMATIS_VERSION); exit(EXIT_SUCCESS);
        case ':': return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("%s", "missing command");
    cli->command = argv[optind++];
    *cmd = NULL;
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(cli->command, commands[i].name) == 0)
            *cmd = &commands[i];
    }
    if (*cmd == NULL)
        return cli_usage_error("unknown command '%s'", cli->command);
    if ((*cmd)->needs_book) {
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
