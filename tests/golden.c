/* golden.c: runs the readable golden files in tests/golden/.
 *
 * A file holds cases:
 *
 *   === name of the case
 *   --- args
 *   quotes --format tsv
 *   --- input [FILENAME]
 *   the document (its last newline is not part of it)
 *   --- output
 *   the expected standard output, byte for byte
 *   --- stderr
 *   text that standard error must contain (optional)
 *   --- exit
 *   the expected exit status (optional, default 0)
 *
 * Lines before the first "===" are comments.  The input is written to a
 * temporary file (FILENAME, default input.txt) whose path is appended to
 * the args, or replaces {input} in them.
 *
 *   golden FILE            run in-process, through the library
 *   golden --cli BIN FILE  run the program BIN
 *   golden --update FILE   rewrite the expected output from what runs now
 */
#include "cli.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <limits.h>
#include <unistd.h>

typedef struct {
    char *name, *args, *input, *inname, *output, *errsub;
    int exit_code;
    size_t out_at, out_len; /* where the output section sits in the file */
    bool has_output;
} gcase;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    ro_buf b = {0};
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
        ro_buf_put(&b, tmp, k);
    fclose(f);
    if (!b.data)
        ro_buf_put(&b, "", 0);
    *len = b.len;
    return b.data;
}

static bool write_file(const char *path, const char *s, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(s, 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

static size_t parse(char *text, size_t len, gcase **out)
{
    gcase *cs = NULL;
    size_t n = 0, cap = 0;
    gcase *cur = NULL;
    char **section = NULL;
    size_t sec_start = 0;
    bool strip_nl = false;
    size_t i = 0;
    ro_buf acc = {0};
    for (;;) {
        bool at_end = i >= len;
        const char *nl = at_end ? NULL : memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        bool marker = !at_end && (strncmp(text + i, "=== ", 4) == 0 || strncmp(text + i, "--- ", 4) == 0);
        if ((marker || at_end) && cur && section) {
            char *v = ro_xstrndup(acc.data ? acc.data : "", acc.len);
            size_t vl = acc.len;
            if (strip_nl && vl && v[vl - 1] == '\n')
                v[--vl] = '\0';
            *section = v;
            if (section == &cur->output) {
                cur->has_output = true;
                cur->out_at = sec_start;
                cur->out_len = i - sec_start;
            }
            section = NULL;
            acc.len = 0;
        }
        if (at_end)
            break;
        if (strncmp(text + i, "=== ", 4) == 0) {
            gcase c = {0};
            c.name = ro_xstrndup(text + i + 4, e - i - 4);
            RO_PUSH(cs, n, cap, c);
            cur = &cs[n - 1];
        } else if (strncmp(text + i, "--- ", 4) == 0 && cur) {
            char word[64] = {0}, arg[256] = {0}, line[320];
            snprintf(line, sizeof line, "%.*s", (int)(e - i - 4), text + i + 4);
            sscanf(line, "%63s %255s", word, arg);
            strip_nl = true;
            if (strcmp(word, "args") == 0) section = &cur->args;
            else if (strcmp(word, "input") == 0) {
                section = &cur->input;
                if (arg[0])
                    cur->inname = ro_xstrdup(arg);
            } else if (strcmp(word, "output") == 0) {
                section = &cur->output;
                strip_nl = false;
            } else if (strcmp(word, "stderr") == 0) section = &cur->errsub;
            else if (strcmp(word, "exit") == 0) {
                cur->exit_code = atoi(text + e + 1);
                section = NULL;
                i = e + 1;
                const char *nl2 = memchr(text + i, '\n', len - i);
                i = nl2 ? (size_t)(nl2 - text) + 1 : len;
                continue;
            } else {
                fprintf(stderr, "unknown section '%s'\n", word);
                exit(2);
            }
            sec_start = e + 1;
        } else if (section) {
            ro_buf_put(&acc, text + i, e - i + (nl ? 1 : 0));
        }
        i = e + 1;
    }
    ro_buf_free(&acc);
    *out = cs;
    return n;
}

/* Split args on spaces (no quoting needed in golden files). */
static int split_args(char *args, char **argv, int max, const char *input)
{
    int argc = 0;
    bool used_input = false;
    char *save = NULL;
    for (char *t = strtok_r(args, " \n", &save); t && argc < max - 2; t = strtok_r(NULL, " \n", &save)) {
        if (strcmp(t, "{input}") == 0) {
            argv[argc++] = (char *)input;
            used_input = true;
        } else {
            argv[argc++] = t;
        }
    }
    if (!used_input && input)
        argv[argc++] = (char *)input;
    argv[argc] = NULL;
    return argc;
}

static int run_case(const char *bin, gcase *c, const char *dir, char **out, size_t *outlen,
                    char **err, size_t *errlen)
{
    /* run inside the temporary directory, so documents are named as
     * written in the test ("input.txt"), not by a temporary path */
    char inpath[4096], opath[4096], epath[4096], here[4096];
    if (!getcwd(here, sizeof here) || chdir(dir) != 0) {
        perror(dir);
        exit(2);
    }
    snprintf(inpath, sizeof inpath, "%s", c->inname ? c->inname : "input.txt");
    snprintf(opath, sizeof opath, "%s/stdout", dir);
    snprintf(epath, sizeof epath, "%s/stderr", dir);
    if (c->input)
        write_file(inpath, c->input, strlen(c->input));
    char *args = ro_xstrdup(c->args ? c->args : "");
    char *argv[256];
    argv[0] = "readout";
    int argc = 1 + split_args(args, argv + 1, 254, c->input ? inpath : NULL);
    int status;
    if (!bin) {
        FILE *fo = fopen(opath, "wb"), *fe = fopen(epath, "wb");
        status = ro_cli_run(argc, argv, fo, fe);
        fclose(fo);
        fclose(fe);
    } else {
        pid_t pid = fork();
        if (pid == 0) {
            freopen(opath, "wb", stdout);
            freopen(epath, "wb", stderr);
            argv[0] = (char *)bin;
            execv(bin, argv);
            _exit(127);
        }
        int ws;
        waitpid(pid, &ws, 0);
        status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
    }
    free(args);
    *out = slurp(opath, outlen);
    *err = slurp(epath, errlen);
    if (chdir(here) != 0)
        perror(here);
    return status;
}

int main(int argc, char **argv)
{
    const char *bin = NULL;
    bool update = false;
    int a = 1;
    static char binpath[4096];
    if (a < argc && strcmp(argv[a], "--cli") == 0 && a + 1 < argc) {
        bin = realpath(argv[a + 1], binpath) ? binpath : argv[a + 1];
        a += 2;
    }
    if (a < argc && strcmp(argv[a], "--update") == 0) {
        update = true;
        a++;
    }
    if (a >= argc) {
        fprintf(stderr, "usage: golden [--cli BIN] [--update] FILE\n");
        return 2;
    }
    const char *path = argv[a];
    size_t len;
    char *text = slurp(path, &len);
    if (!text) {
        fprintf(stderr, "cannot read %s\n", path);
        return 2;
    }
    gcase *cs;
    size_t n = parse(text, len, &cs);
    char dir[] = "/tmp/readout-golden-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    int failed = 0;
    ro_buf updated = {0};
    size_t copied = 0;
    for (size_t i = 0; i < n; i++) {
        gcase *c = &cs[i];
        char *out, *err;
        size_t ol, el;
        int st = run_case(bin, c, dir, &out, &ol, &err, &el);
        bool ok = true;
        if (update && c->has_output) {
            ro_buf_put(&updated, text + copied, c->out_at - copied);
            ro_buf_put(&updated, out, ol);
            copied = c->out_at + c->out_len;
        }
        if (c->has_output && (ol != strlen(c->output) || memcmp(out, c->output, ol) != 0)) {
            ok = false;
            fprintf(stderr, "FAIL %s: output differs\n--- expected\n%s--- got\n%.*s---\n", c->name,
                    c->output, (int)ol, out);
        }
        if (st != c->exit_code) {
            ok = false;
            fprintf(stderr, "FAIL %s: exit status %d, expected %d\nstderr: %.*s\n", c->name, st,
                    c->exit_code, (int)el, err);
        }
        if (c->errsub && !strstr(err, c->errsub)) {
            ok = false;
            fprintf(stderr, "FAIL %s: stderr lacks \"%s\"; it was: %.*s\n", c->name, c->errsub, (int)el, err);
        }
        if (!ok)
            failed++;
        free(out);
        free(err);
    }
    if (update) {
        ro_buf_put(&updated, text + copied, len - copied);
        write_file(path, updated.data, updated.len);
    }
    for (size_t i = 0; i < n; i++) {
        free(cs[i].name);
        free(cs[i].args);
        free(cs[i].input);
        free(cs[i].inname);
        free(cs[i].output);
        free(cs[i].errsub);
    }
    free(cs);
    free(text);
    ro_buf_free(&updated);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    printf("%s: %zu cases, %d failed\n", path, n, failed);
    return failed ? 1 : 0;
}
