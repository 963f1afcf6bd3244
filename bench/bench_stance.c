/* bench_stance.c: the speed of stance markers.
 *   bench_stance match FILE [LEXFILE]   the phrase matcher alone over the
 *       whole file (read into memory first); with LEXFILE, its list (the
 *       file's "#list NAME") instead of the built-in "stance" list
 *   bench_stance stance FILE [LEXFILE]  the whole stage, document by
 *       document: reading, sentences, matching, negation, speakers
 *   bench_stance segment FILE           reading and sentences only, to
 *       show what the stage adds
 * Reports MB/s of CPU time (per core) and the number of phrases compiled. */
#include "internal.h"
#include "match.h"
#include "read.h"

#include <time.h>

static const ro_lexicon *lex;
static size_t found;
static int stage; /* 0 segment, 1 stance */

static int on_doc(ro_doc *doc, const char *source, void *ctx)
{
    (void)source, (void)ctx;
    size_t n;
    ro_doc_sentences(doc, &n);
    if (stage == 1)
        ro_doc_stance(doc, lex, &n), found += n;
    return 0;
}

static int on_match(const ro_match *m, void *ctx)
{
    (void)m, (void)ctx;
    found++;
    return 0;
}

/* CPU time of this process: MB/s per core, and steadier than wall time on a
 * machine shared with other work. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const char *list_of(const char *path)
{
    static char name[512];
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char line[512];
    const char *r = NULL;
    if (fgets(line, sizeof line, f) && !strncmp(line, "#list ", 6)) {
        line[strcspn(line, "\r\n")] = '\0';
        snprintf(name, sizeof name, "%s", line + 6);
        r = name;
    }
    fclose(f);
    return r;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_stance match|stance|segment FILE [LEXFILE]\n");
        return 2;
    }
    ro_error err;
    ro_lexicon *l = ro_lexicon_new_default(&err);
    const char *list = "stance";
    if (argc > 3) {
        if (ro_lexicon_add_file(l, argv[3], &err) < 0) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        const char *named = list_of(argv[3]);
        if (named)
            list = named;
    }
    lex = l;
    double t0 = now();
    const ro_matcher *m = ro_lexicon_matcher(lex, list, &err);
    double tc = now() - t0;
    if (!m) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    if (!strcmp(argv[1], "match")) {
        FILE *f = fopen(argv[2], "rb");
        if (!f) {
            perror(argv[2]);
            return 1;
        }
        ro_buf b = {0};
        char tmp[1 << 16];
        size_t k;
        while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
            ro_buf_put(&b, tmp, k);
        fclose(f);
        double a = now();
        ro_match_run(m, b.data, (ro_span){0, b.len}, 0, on_match, NULL);
        double s = now() - a;
        printf("match: list %s, %zu phrases (compiled in %.3f s), %.1f MB in %.2f s: %.1f MB/s (%zu matches)\n",
               list, ro_matcher_size(m), tc, (double)b.len / 1e6, s, (double)b.len / 1e6 / s, found);
        ro_buf_free(&b);
    } else {
        stage = !strcmp(argv[1], "stance") ? 1 : 0;
        ro_read_opts o = {0};
        o.max_doc = 1ULL << 30;
        ro_reader r = {0};
        r.on_doc = on_doc;
        double a = now();
        ro_read_paths(&r, argv + 2, 1, &o);
        double s = now() - a;
        printf("%s: %llu documents, %.1f MB in %.2f s: %.1f MB/s (%zu markers)\n", argv[1],
               (unsigned long long)r.docs, (double)r.bytes / 1e6, s, (double)r.bytes / 1e6 / s, found);
    }
    ro_lexicon_free(l);
    return 0;
}
