/* fuzz_cli.c: the program as users run it — argument parsing, the readers
 * (files of each kind by name, standard input), the analyses and every
 * writer (JSON Lines, TSV, text, HTML), on inputs up to 1 MB.
 *
 * An input is: a first line of options, then the document.  The first
 * byte of the options picks the command (q quotes, n names, s stance,
 * p sources, t text; any other byte one of them); the rest is split at spaces into
 * arguments, as given, except "@" (the document's file, else it is added
 * at the end), "-" (the document on standard input instead), ".EXT" (the
 * file's extension: .txt .jsonl .html .htm .warc .gz ...) and "@lex" (a
 * word list: the part of the document after a line "#lex").  An argument
 * naming a file or directory that exists is dropped, so that "/" does not
 * read the whole disk (a name that does not exist is kept, for the error
 * path).  Checked: the exit status is one of 0-3, JSON output reads back line by line,
 * output is valid UTF-8, and no raw ESC reaches it except from `text
 * --format text`, which prints a document's text as it is. */
#include "fuzz_cli.h"

static const char *const commands[] = {"quotes", "names", "stance", "sources", "text"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > FUZZ_MAX_INPUT)
        return 0;
    const uint8_t *nl = memchr(data, '\n', size < 512 ? size : 512);
    size_t optlen = nl ? (size_t)(nl - data) : (size < 64 ? size : 0);
    const uint8_t *doc = data + (nl ? optlen + 1 : optlen);
    size_t doclen = size - (size_t)(doc - data);
    const uint8_t *lex = NULL;
    size_t lexlen = 0;
    const uint8_t *mark = memmem(doc, doclen, "\n#lex\n", 6);
    if (mark) {
        lex = mark + 6;
        lexlen = doclen - (size_t)(lex - doc);
        doclen = (size_t)(mark - doc) + 1;
    }

    char opts[512];
    memcpy(opts, data, optlen);
    opts[optlen] = '\0';
    char *argv[64];
    int argc = 0;
    argv[argc++] = "readout";
    const char *cmd = commands[0];
    if (optlen) {
        const char *k = strchr("qnspt", opts[0]); /* by its letter, else any */
        cmd = commands[k && *k ? k - "qnspt" : (unsigned char)opts[0] % 5];
    }
    argv[argc++] = (char *)cmd;
    char ext[16] = ".txt";
    bool use_stdin = false, placed = false, want_lex = false;
    char *save = NULL;
    struct stat st;
    char *toks[64];
    int ntoks = 0;
    for (char *t = strtok_r(optlen ? opts + 1 : opts, " ", &save); t && ntoks < 56; t = strtok_r(NULL, " ", &save)) {
        if (t[0] == '.' && strlen(t) < sizeof ext)
            snprintf(ext, sizeof ext, "%s", t);
        else if (strcmp(t, "-") == 0)
            use_stdin = true;
        else if (strcmp(t, "@lex") == 0)
            want_lex = true;
        else if (stat(t, &st) == 0)
            continue; /* a real file or directory ("/" read the whole disk): only ours are read */
        toks[ntoks++] = t;
    }
    char name[32];
    snprintf(name, sizeof name, "in%s", ext);
    for (size_t i = 0; name[i]; i++)
        if (name[i] == '/')
            name[i] = '_';
    const char *path = fuzz_file(0, name, doc, doclen);
    const char *lexpath = want_lex ? fuzz_file(1, "list.tsv", lex ? lex : (const uint8_t *)"", lexlen) : NULL;
    for (int i = 0; i < ntoks; i++) {
        if (toks[i][0] == '.' && strlen(toks[i]) < sizeof ext)
            continue;
        if (strcmp(toks[i], "@") == 0) {
            argv[argc++] = (char *)path;
            placed = true;
        } else if (strcmp(toks[i], "@lex") == 0) {
            argv[argc++] = "--lexicon";
            argv[argc++] = (char *)lexpath;
        } else {
            argv[argc++] = toks[i];
        }
    }
    if (!placed && !use_stdin)
        argv[argc++] = (char *)path;
    argv[argc] = NULL;

    fuzz_result r = fuzz_cli_run(argc, argv, use_stdin ? path : NULL);
    const char *fmt = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
            fmt = argv[i + 1];
        else if (strncmp(argv[i], "--format=", 9) == 0)
            fmt = argv[i] + 9;
    }
    if (!fmt) /* the default: text for `text`, JSON Lines for the rest */
        fmt = strcmp(cmd, "text") == 0 ? "text" : "json";
    bool help = false, lenient = false;
    for (int i = 2; i < argc; i++) {
        help |= strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0;
        lenient |= strcmp(argv[i], "--lenient") == 0;
    }
    bool raw = strcmp(cmd, "text") == 0 && strcmp(fmt, "text") == 0; /* the text as it is */
    if (r.rc != 2 && !help) {
        /* (`text --lenient --format text` prints the bad bytes too: issue 9, left) */
        if (!(raw && lenient))
            fuzz_check_utf8(cmd, r.out, r.outlen);
        if (strcmp(fmt, "json") == 0)
            fuzz_check_json_lines(cmd, r.out, r.outlen);
        if (!raw && memchr(r.out, 0x1b, r.outlen)) {
            fprintf(stderr, "%s --format %s: a raw ESC in the output\n", cmd, fmt);
            abort();
        }
    }
    fuzz_result_free(&r);
    return 0;
}
