/* fuzz_cli.h: what the command-line targets share — an input written to a
 * file as a user would give it, readout run on it in-process (argument
 * parsing, the readers, every analysis and writer), and checks on what it
 * printed. */
#ifndef READOUT_FUZZ_CLI_H
#define READOUT_FUZZ_CLI_H
#define _GNU_SOURCE /* open_memstream, memmem */
#include "cli.h"

#include <jansson.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#define FUZZ_MAX_INPUT (1u << 20) /* inputs up to 1 MB, as bench/fuzz.sh runs them */

static char fuzz_dir[64];
static char fuzz_paths[4][128];

static void fuzz_cleanup(void)
{
    for (int i = 0; i < 4; i++)
        if (fuzz_paths[i][0])
            unlink(fuzz_paths[i]);
    rmdir(fuzz_dir);
}

/* Write bytes to fuzz_dir/name; returns the path (static storage per slot). */
static inline const char *fuzz_file(int slot, const char *name, const uint8_t *data, size_t n)
{
    char (*paths)[128] = fuzz_paths;
    if (!fuzz_dir[0]) {
        snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/readout-fuzz-%ld-XXXXXX", (long)getpid());
        if (!mkdtemp(fuzz_dir))
            abort();
        atexit(fuzz_cleanup);
    }
    snprintf(paths[slot], sizeof paths[slot], "%s/%s", fuzz_dir, name);
    FILE *f = fopen(paths[slot], "wb");
    if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0)
        abort();
    return paths[slot];
}

typedef struct {
    char *out, *err;
    size_t outlen, errlen;
    int rc;
} fuzz_result;

/* Run readout with argv (argv[0] is "readout"); standard input is stdin_path if given.
 * The built-in word lists are loaded once per process, not once per run (the
 * cost of most runs); a run with a list of its own loads them afresh. */
static inline fuzz_result fuzz_cli_run(int argc, char **argv, const char *stdin_path)
{
    fuzz_result r = {0};
    ro_cli_keep_lexicon(true);
    FILE *out = open_memstream(&r.out, &r.outlen);
    FILE *err = open_memstream(&r.err, &r.errlen);
    if (!out || !err)
        abort();
    if (stdin_path && !freopen(stdin_path, "rb", stdin))
        abort();
    r.rc = ro_cli_run(argc, argv, out, err);
    fclose(out);
    fclose(err);
    if (r.rc < 0 || r.rc > 3) {
        fprintf(stderr, "exit status %d\n", r.rc);
        abort();
    }
    return r;
}

static inline void fuzz_result_free(fuzz_result *r)
{
    free(r->out);
    free(r->err);
}

/* Every line a JSON object that jansson reads back (so every number finite,
 * every string valid UTF-8). */
static inline void fuzz_check_json_lines(const char *what, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        json_error_t je;
        json_t *v = json_loadb(s + i, e - i, JSON_ALLOW_NUL, &je); /* \u0000 is valid JSON */
        if (!v || !json_is_object(v)) {
            fprintf(stderr, "%s: output line at byte %zu is not a JSON object: %s\n%.*s\n", what, i,
                    v ? "not an object" : je.text, (int)(e - i > 300 ? 300 : e - i), s + i);
            abort();
        }
        json_decref(v);
        i = e + 1;
    }
    if (n && s[n - 1] != '\n') {
        fprintf(stderr, "%s: output does not end in a newline\n", what);
        abort();
    }
}

static inline void fuzz_check_utf8(const char *what, const char *s, size_t n)
{
    if (ro_utf8_valid_prefix((const unsigned char *)s, n) != n) {
        fprintf(stderr, "%s: output is not valid UTF-8 at byte %zu\n", what,
                ro_utf8_valid_prefix((const unsigned char *)s, n));
        abort();
    }
}
#endif
