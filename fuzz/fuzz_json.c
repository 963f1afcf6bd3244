/* fuzz_json.c: each JSON Lines writer reads back its own output — every
 * line a JSON object for jansson (finite numbers, valid UTF-8, escapes).
 * The first byte picks the input's kind; a line "#lex" starts a word list
 * given to every command (weights reach the stance sums). */
#include "fuzz_cli.h"

static const char *const exts[] = {".txt", ".jsonl", ".html", ".warc"};

static const char *const runs[][6] = {
    {"quotes", NULL},
    {"names", NULL},
    {"names", "--mentions", NULL},
    {"names", "--by", "speaker", NULL},
    {"names", "--by", "speaker", "--mentions", NULL},
    {"stance", NULL},
    {"stance", "--by", "sentence", NULL},
    {"stance", "--by", "speaker", NULL},
    {"stance", "--by", "doc", NULL},
    {"sources", NULL},
    {"text", "--format", "json", NULL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > FUZZ_MAX_INPUT)
        return 0;
    char name[16];
    snprintf(name, sizeof name, "in%s", exts[data[0] & 3]);
    const uint8_t *doc = data + 1;
    size_t doclen = size - 1;
    const char *lexpath = NULL;
    const uint8_t *mark = memmem(doc, doclen, "\n#lex\n", 6);
    if (mark) {
        lexpath = fuzz_file(1, "list.tsv", mark + 6, doclen - (size_t)(mark + 6 - doc));
        doclen = (size_t)(mark - doc) + 1;
    }
    const char *path = fuzz_file(0, name, doc, doclen);
    bool lenient = data[0] & 4;
    for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
        char *argv[16];
        int argc = 0;
        argv[argc++] = "readout";
        for (size_t i = 0; runs[k][i]; i++)
            argv[argc++] = (char *)runs[k][i];
        if (lenient)
            argv[argc++] = "--lenient";
        if (lexpath) {
            argv[argc++] = "--lexicon";
            argv[argc++] = (char *)lexpath;
        }
        argv[argc++] = (char *)path;
        argv[argc] = NULL;
        fuzz_result r = fuzz_cli_run(argc, argv, NULL);
        if (r.rc == 2) {
            fprintf(stderr, "%s: usage error: %.*s\n", runs[k][0], (int)r.errlen, r.err);
            abort();
        }
        fuzz_check_json_lines(runs[k][0], r.out, r.outlen);
        fuzz_result_free(&r);
    }
    return 0;
}
