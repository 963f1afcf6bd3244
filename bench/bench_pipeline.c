/* bench_pipeline.c: time one stage of the pipeline over a JSON Lines or
 * text file, document by document, and report MB/s.
 *   bench_pipeline STAGE FILE      STAGE: read | segment | quotes | names */
#include "internal.h"
#include "read.h"

#include <time.h>

static int stage;
static const ro_lexicon *lex;
static size_t found;
static double stage_s; /* CPU time spent in the stage itself, reading excluded */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int on_doc(ro_doc *doc, const char *source, void *ctx)
{
    (void)source, (void)ctx;
    size_t n;
    double t0 = now();
    if (stage == 1 || stage == 2)
        ro_doc_sentences(doc, &n), found += n;
    if (stage == 2)
        ro_doc_quotes(doc, lex, &n), found += n;
    if (stage == 3)
        ro_doc_mentions(doc, lex, &n), found += n;
    stage_s += now() - t0;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_pipeline read|segment|quotes|names FILE\n");
        return 2;
    }
    stage = !strcmp(argv[1], "segment") ? 1 : !strcmp(argv[1], "quotes") ? 2 : !strcmp(argv[1], "names") ? 3 : 0;
    ro_error err;
    lex = ro_lexicon_new_default(&err);
    ro_read_opts o = {0};
    o.max_doc = 1ULL << 30;
    ro_reader r = {0};
    r.on_doc = on_doc;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    ro_read_paths(&r, argv + 2, 1, &o);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%s: %llu documents, %.1f MB in %.2f s: %.1f MB/s (%zu findings); the stage alone "
           "(reading excluded, CPU time of one core): %.2f s, %.1f MB/s\n",
           argv[1], (unsigned long long)r.docs, (double)r.bytes / 1e6, s, (double)r.bytes / 1e6 / s, found,
           stage_s, stage_s > 0 ? (double)r.bytes / 1e6 / stage_s : 0.0);
    ro_lexicon_free((ro_lexicon *)lex);
    return 0;
}
