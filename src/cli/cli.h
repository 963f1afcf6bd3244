/* cli.h: the command-line program's shared parts. */
#ifndef READOUT_CLI_H
#define READOUT_CLI_H

#include "internal.h"
#include "read.h"
#include "render.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_FATAL = 3 };

typedef enum { FMT_JSON, FMT_TSV, FMT_TEXT, FMT_HTML } cli_format;

typedef struct {
    FILE *out, *err;
    ro_read_opts read;
    cli_format format;
    char **lexicons;
    size_t nlex, caplex;
    char **inputs;
    size_t ninputs, capinputs;
    ro_buf obuf;        /* output, flushed in large writes */
    bool write_failed;
} cli_ctx;

typedef struct {
    const char *name;
    const char *summary;
    const char *usage; /* full help text */
    int (*run)(cli_ctx *c, int argc, char **argv);
} cli_command;

/* Parse an option shared by all commands at argv[*i].  Returns 1 if it was
 * one (advancing *i past its value), 0 if not, -1 on a usage error. */
int cli_common_option(cli_ctx *c, int argc, char **argv, int *i);
/* Collect a non-option argument as an input. */
void cli_add_input(cli_ctx *c, char *path);
/* Report a usage error and return EXIT_USAGE. */
int cli_usage_error(cli_ctx *c, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Load the built-in lists plus --lexicon files; NULL after reporting.
 * extend: the caller adds lists of its own to it (so it is never the kept
 * one, see ro_cli_keep_lexicon).  Give it back with cli_free_lexicon. */
ro_lexicon *cli_load_lexicon(cli_ctx *c, bool extend);
void cli_free_lexicon(ro_lexicon *lex);
/* The reader's error callback: "readout: FILE: message". */
void cli_read_error(const char *source, const ro_error *err, void *ctx);
/* Flush the output buffer if it is large (or always if force). */
void cli_flush(cli_ctx *c, bool force);
/* Exit status after reading: 0, or EXIT_INPUT if any input failed. */
int cli_finish(cli_ctx *c, const ro_reader *r);

/* The common options, for help texts. */
#define CLI_COMMON_HELP                                                                      \
    "Input:\n"                                                                               \
    "  FILE...              text, JSON Lines (.jsonl), HTML (.html, .htm, .gz) or WARC\n"    \
    "                       files; directories are read recursively; - or nothing\n"         \
    "                       reads standard input\n"                                          \
    "  --input KIND         treat input as text, jsonl, html or warc (default: by name\n"   \
    "                       and content)\n"                                                  \
    "  --lenient            accept invalid UTF-8 and NUL bytes (counted, shown as U+FFFD)\n" \
    "  --max-doc-size N     largest document accepted, in MiB (default 1024)\n"              \
    "  --lexicon FILE       add a word list (TSV: category, phrase, weight, note; a first\n" \
    "                       line '#list NAME' names the list it extends); repeatable\n"      \
    "  --progress, --no-progress\n"                                                          \
    "                       progress on standard error (default: when it is a terminal)\n"  \
    "Output:\n"                                                                              \
    "  --format FMT         json (JSON Lines, the default), tsv or text\n"                  \
    "Exit status: 0 success; 1 some input could not be read (the rest was processed);\n"     \
    "2 usage error; 3 a word list could not be loaded or output could not be written.\n"

extern const cli_command cli_commands[];
int ro_cli_run(int argc, char **argv, FILE *out, FILE *err);
/* For callers that run the program many times in one process (the fuzz
 * targets): keep the built-in lists once loaded, and give them, with what
 * was compiled from them, to every later run that adds no list of its own
 * (no --lexicon, no --aliases).  Off by default; turning it off frees them. */
void ro_cli_keep_lexicon(bool keep);
int cmd_text(cli_ctx *c, int argc, char **argv); /* web pages: cmd_text.c, cmd_sources.c */
extern const char cmd_text_usage[];
int cmd_sources(cli_ctx *c, int argc, char **argv);
extern const char cmd_sources_usage[];

/* Commands */
int cmd_stance(cli_ctx *c, int argc, char **argv);
extern const char cmd_stance_usage[];
int cmd_quotes(cli_ctx *c, int argc, char **argv);
extern const char cmd_quotes_usage[];
int cmd_names(cli_ctx *c, int argc, char **argv);
extern const char cmd_names_usage[];

#endif
