/* cli.c: command dispatch, shared options, help. */
#include "cli.h"

#include <errno.h>
#include <unistd.h>

const cli_command cli_commands[] = {
    {"quotes", "every direct quotation and transcript turn, with its speaker", cmd_quotes_usage,
     cmd_quotes},
    {"names", "people, organisations, places: every mention, linked; how each person is named",
     cmd_names_usage, cmd_names},
    {"stance", "how it was said: hedges, commitments, rejections, diplomatic code", cmd_stance_usage,
     cmd_stance},
    {"text", "the text readout reads: a web page's article, with its metadata", cmd_text_usage,
     cmd_text},
    {"sources", "links and citations: where a text says its information comes from",
     cmd_sources_usage, cmd_sources},
    {NULL, NULL, NULL, NULL}};

static const cli_command *find_command(const char *name)
{
    for (const cli_command *k = cli_commands; k->name; k++)
        if (strcmp(k->name, name) == 0)
            return k;
    return NULL;
}

static void main_help(FILE *f)
{
    fprintf(f,
            "readout %s: close reading of official statements and their press coverage\n\n"
            "Usage: readout COMMAND [OPTION...] [FILE...]\n\n"
            "Commands:\n",
            RO_VERSION_STRING);
    for (const cli_command *k = cli_commands; k->name; k++)
        fprintf(f, "  %-10s %s\n", k->name, k->summary);
    fprintf(f, "  %-10s %s\n", "help", "help on a command: readout help COMMAND");
    fprintf(f, "\n  --version  print the version\n  --help     this text\n\n"
               "Every finding is a span of byte offsets into the document's text.\n");
}

int cli_usage_error(cli_ctx *c, const char *cmd, const char *fmt, ...)
{
    fprintf(c->err, "readout%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(c->err, fmt, ap);
    va_end(ap);
    fprintf(c->err, "\nTry 'readout help%s%s'.\n", cmd ? " " : "", cmd ? cmd : "");
    return EXIT_USAGE;
}

void cli_add_input(cli_ctx *c, char *path)
{
    RO_PUSH(c->inputs, c->ninputs, c->capinputs, path);
}

int cli_common_option(cli_ctx *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char *val = NULL;
    char name[64];
    const char *eq = strchr(a, '=');
    if (a[0] != '-' || a[1] != '-')
        return 0;
    if (eq && (size_t)(eq - a) < sizeof name) {
        memcpy(name, a, (size_t)(eq - a));
        name[eq - a] = '\0';
        val = eq + 1;
    } else {
        snprintf(name, sizeof name, "%s", a);
    }
    bool takes = strcmp(name, "--format") == 0 || strcmp(name, "--input") == 0 ||
                 strcmp(name, "--lexicon") == 0 || strcmp(name, "--max-doc-size") == 0;
    if (takes && !val) {
        if (*i + 1 >= argc) {
            fprintf(c->err, "readout: option %s needs a value\n", name);
            return -1;
        }
        val = argv[++*i];
    }
    if (strcmp(name, "--format") == 0) {
        if (strcmp(val, "json") == 0 || strcmp(val, "jsonl") == 0)
            c->format = FMT_JSON;
        else if (strcmp(val, "tsv") == 0)
            c->format = FMT_TSV;
        else if (strcmp(val, "text") == 0)
            c->format = FMT_TEXT;
        else if (strcmp(val, "html") == 0)
            c->format = FMT_HTML;
        else {
            fprintf(c->err, "readout: unknown format '%s' (json, tsv, text)\n", val);
            return -1;
        }
        return 1;
    }
    if (strcmp(name, "--input") == 0) {
        if (strcmp(val, "text") == 0) c->read.kind = RO_IN_TEXT;
        else if (strcmp(val, "jsonl") == 0 || strcmp(val, "json") == 0) c->read.kind = RO_IN_JSONL;
        else if (strcmp(val, "html") == 0) c->read.kind = RO_IN_HTML;
        else if (strcmp(val, "warc") == 0) c->read.kind = RO_IN_WARC;
        else if (strcmp(val, "auto") == 0) c->read.kind = RO_IN_AUTO;
        else {
            fprintf(c->err, "readout: unknown input kind '%s' (text, jsonl, html, warc)\n", val);
            return -1;
        }
        return 1;
    }
    if (strcmp(name, "--lexicon") == 0) {
        RO_PUSH(c->lexicons, c->nlex, c->caplex, (char *)val);
        return 1;
    }
    if (strcmp(name, "--max-doc-size") == 0) {
        char *end;
        errno = 0;
        unsigned long long mib = strtoull(val, &end, 10);
        if (end == val || *end || errno || mib == 0 || mib > (1ULL << 24)) {
            fprintf(c->err, "readout: --max-doc-size takes a number of MiB, not '%s'\n", val);
            return -1;
        }
        c->read.max_doc = mib << 20;
        return 1;
    }
    if (strcmp(name, "--lenient") == 0) {
        c->read.flags |= RO_LENIENT;
        return 1;
    }
    if (strcmp(name, "--progress") == 0) {
        c->read.progress = true;
        return 1;
    }
    if (strcmp(name, "--no-progress") == 0) {
        c->read.progress = false;
        return 1;
    }
    return 0;
}

static bool keep_lexicon;
static ro_lexicon *kept_lexicon; /* the built-in lists, when keep_lexicon */

void ro_cli_keep_lexicon(bool keep)
{
    keep_lexicon = keep;
    if (!keep) {
        ro_lexicon_free(kept_lexicon);
        kept_lexicon = NULL;
    }
}

ro_lexicon *cli_load_lexicon(cli_ctx *c, bool extend)
{
    bool keep = keep_lexicon && !extend && c->nlex == 0;
    if (keep && kept_lexicon)
        return kept_lexicon;
    ro_error err = {0};
    ro_lexicon *lex = ro_lexicon_new_default(&err);
    if (!lex) {
        fprintf(c->err, "readout: built-in word lists: %s\n", err.message);
        return NULL;
    }
    for (size_t i = 0; i < c->nlex; i++) {
        if (ro_lexicon_add_file(lex, c->lexicons[i], &err) < 0) {
            fputs("readout: ", c->err);
            ro_fput_esc(c->err, err.message);
            fputc('\n', c->err);
            ro_lexicon_free(lex);
            return NULL;
        }
    }
    if (keep)
        kept_lexicon = lex;
    return lex;
}

void cli_free_lexicon(ro_lexicon *lex)
{
    if (lex != kept_lexicon)
        ro_lexicon_free(lex);
}

void cli_read_error(const char *source, const ro_error *err, void *ctx)
{
    cli_ctx *c = ctx;
    cli_flush(c, true);
    if (c->read.progress)
        fputc('\n', c->err);
    fputs("readout: ", c->err); /* names and URIs escaped: no raw control characters */
    ro_fput_esc(c->err, source);
    fputs(": ", c->err);
    ro_fput_esc(c->err, err->message);
    fputc('\n', c->err);
}

void cli_flush(cli_ctx *c, bool force)
{
    if (c->obuf.len == 0 || (!force && c->obuf.len < (1u << 16)))
        return;
    if (!c->write_failed && fwrite(c->obuf.data, 1, c->obuf.len, c->out) != c->obuf.len)
        c->write_failed = true;
    c->obuf.len = 0;
    if (force && !c->write_failed && fflush(c->out) != 0)
        c->write_failed = true;
}

int cli_finish(cli_ctx *c, const ro_reader *r)
{
    cli_flush(c, true);
    if (c->write_failed) {
        if (errno != EPIPE)
            fprintf(c->err, "readout: could not write output: %s\n", strerror(errno));
        return EXIT_FATAL;
    }
    if (r->replaced)
        fprintf(c->err, "readout: %llu invalid bytes replaced (--lenient)\n",
                (unsigned long long)r->replaced);
    return r->errors ? EXIT_INPUT : 0;
}

int ro_cli_run(int argc, char **argv, FILE *out, FILE *err)
{
    cli_ctx c = {0};
    c.out = out;
    c.err = err;
    c.read.max_doc = 1024ULL << 20;
    c.read.progress = isatty(fileno(err)) && out == stdout;
    c.format = FMT_JSON;
    int rc;
    if (argc < 2) {
        main_help(err);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        fprintf(out, "readout %s\n", RO_VERSION_STRING);
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        (strcmp(cmd, "help") == 0 && argc == 2)) {
        main_help(out);
        return 0;
    }
    if (strcmp(cmd, "help") == 0) {
        const cli_command *k = find_command(argv[2]);
        if (!k)
            return cli_usage_error(&c, NULL, "no command '%s'", argv[2]);
        fputs(k->usage, out);
        return 0;
    }
    const cli_command *k = find_command(cmd);
    if (!k)
        return cli_usage_error(&c, NULL, "no command '%s'", cmd);
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(k->usage, out);
            return 0;
        }
    }
    rc = k->run(&c, argc - 1, argv + 1);
    ro_buf_free(&c.obuf);
    free(c.lexicons);
    free(c.inputs);
    return rc;
}
