/* score_stance.c: scores stance markers against the hand-labelled sentences
 * in tests/gold/stance/, at sentence level.
 *
 *   score_stance [-v] DIR [--min CATEGORY=F1]... [--min-micro F1]
 *
 * Each DIR/NAME.tsv line is "<labels>\t<sentence>", labels comma-separated or
 * "-".  Each line is read as a document of its own; the predicted labels
 * are the categories of its counted markers.  Per category: precision,
 * recall and F1 over sentences.  -v lists every error with the markers
 * found, for finding systematic errors (a missing inflection, a negation
 * rule), not for copying phrases.
 */
#include "internal.h"
#include "support.h"

#include <dirent.h>

enum { NCAT = 9 };

static int cat_index(const char *s, size_t n)
{
    for (int i = 0; i < NCAT; i++)
        if (strlen(ro_stance_categories[i]) == n && memcmp(ro_stance_categories[i], s, n) == 0)
            return i;
    return -1;
}

typedef struct {
    size_t tp, fp, fn;
} prf;

static double prec(prf p) { return p.tp + p.fp ? (double)p.tp / (double)(p.tp + p.fp) : 1; }
static double rec(prf p) { return p.tp + p.fn ? (double)p.tp / (double)(p.tp + p.fn) : 1; }
static double f1(prf p)
{
    double P = prec(p), R = rec(p);
    return P + R > 0 ? 2 * P * R / (P + R) : 0;
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    double floors[NCAT];
    double min_micro = 0;
    bool verbose = false;
    for (int i = 0; i < NCAT; i++)
        floors[i] = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            verbose = true;
        else if (!strcmp(argv[i], "--min-micro") && i + 1 < argc)
            min_micro = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min") && i + 1 < argc) {
            const char *a = argv[++i], *eq = strchr(a, '=');
            int k = eq ? cat_index(a, (size_t)(eq - a)) : -1;
            if (k < 0) {
                fprintf(stderr, "score_stance: bad floor '%s' (CATEGORY=F1)\n", a);
                return 2;
            }
            floors[k] = atof(eq + 1);
        } else
            dir = argv[i];
    }
    if (!dir) {
        fprintf(stderr, "usage: score_stance [-v] DIR [--min CATEGORY=F1]... [--min-micro F1]\n");
        return 2;
    }
    ro_error err;
    ro_lexicon *lex = ro_lexicon_new_default(&err);
    size_t nn = 0;
    char **names = list_files(dir, ".tsv", &nn);
    if (!names || !lex) {
        fprintf(stderr, "cannot open %s\n", dir);
        return 2;
    }
    prf per[NCAT];
    memset(per, 0, sizeof per);
    size_t sentences = 0, bad = 0, exact = 0;
    for (size_t f = 0; f < nn; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[f]);
        size_t len;
        char *text = slurp(path, &len);
        if (!text)
            continue;
        size_t i = 0, lineno = 0;
        while (i < len) {
            const char *nl = memchr(text + i, '\n', len - i);
            size_t e = nl ? (size_t)(nl - text) : len;
            size_t ls = i;
            i = e + 1;
            lineno++;
            if (e == ls)
                continue;
            const char *tab = memchr(text + ls, '\t', e - ls);
            if (!tab) {
                fprintf(stderr, "%s:%zu: no tab\n", path, lineno);
                bad++;
                continue;
            }
            bool gold[NCAT] = {false}, pred[NCAT] = {false};
            size_t a = ls, le = (size_t)(tab - text);
            if (!(le - ls == 1 && text[ls] == '-')) {
                while (a < le) {
                    const char *comma = memchr(text + a, ',', le - a);
                    size_t b = comma ? (size_t)(comma - text) : le;
                    int k = cat_index(text + a, b - a);
                    if (k < 0) {
                        fprintf(stderr, "%s:%zu: unknown label '%.*s'\n", path, lineno,
                                (int)(b - a), text + a);
                        bad++;
                    } else {
                        gold[k] = true;
                    }
                    a = b + 1;
                }
            }
            const char *sent = tab + 1;
            size_t slen = e - (size_t)(tab + 1 - text);
            ro_meta meta = {0};
            char id[4200];
            snprintf(id, sizeof id, "%s:%zu", names[f], lineno);
            meta.id = id;
            ro_doc *doc = ro_doc_new(sent, slen, &meta, 0, &err);
            if (!doc) {
                fprintf(stderr, "%s:%zu: %s\n", path, lineno, err.message);
                bad++;
                continue;
            }
            sentences++;
            size_t nm;
            const ro_marker *ms = ro_doc_stance(doc, lex, &nm);
            for (size_t k = 0; k < nm; k++) {
                if (!ms[k].counted)
                    continue;
                int c = cat_index(ms[k].category, strlen(ms[k].category));
                if (c >= 0)
                    pred[c] = true;
            }
            bool all_ok = true;
            for (int c = 0; c < NCAT; c++) {
                if (gold[c] && pred[c])
                    per[c].tp++;
                else if (pred[c])
                    per[c].fp++;
                else if (gold[c])
                    per[c].fn++;
                if (gold[c] != pred[c]) {
                    all_ok = false;
                    if (verbose) {
                        printf("%s %-10s %s:%zu  %.*s\n", pred[c] ? "EXTRA " : "MISSED",
                               ro_stance_categories[c], names[f], lineno, (int)slen, sent);
                        for (size_t k = 0; k < nm; k++)
                            if (!strcmp(ms[k].category, ro_stance_categories[c]) ||
                                !strcmp(ms[k].entry_category, ro_stance_categories[c]))
                                printf("         marker [%.*s] entry \"%s\"%s%s\n",
                                       (int)(ms[k].span.end - ms[k].span.start),
                                       sent + ms[k].span.start, ms[k].phrase_entry,
                                       ms[k].negated ? " negated" : "",
                                       ms[k].counted ? "" : " (not counted)");
                    }
                }
            }
            if (all_ok)
                exact++;
            ro_doc_free(doc);
        }
        free(text);
        free(names[f]);
    }
    free(names);
    ro_lexicon_free(lex);
    printf("gold set: %s (%zu sentences)\n", dir, sentences);
    prf micro = {0};
    int rc = 0;
    for (int c = 0; c < NCAT; c++) {
        prf p = per[c];
        micro.tp += p.tp;
        micro.fp += p.fp;
        micro.fn += p.fn;
        printf("%-10s gold %4zu  found %4zu  right %4zu  precision %.3f  recall %.3f  F1 %.3f",
               ro_stance_categories[c], p.tp + p.fn, p.tp + p.fp, p.tp, prec(p), rec(p), f1(p));
        if (floors[c] > 0)
            printf("  (floor %.2f)", floors[c]);
        printf("\n");
        if (f1(p) < floors[c]) {
            printf("FAIL: %s F1 %.3f is below the floor %.3f\n", ro_stance_categories[c], f1(p),
                   floors[c]);
            rc = 1;
        }
    }
    printf("%-10s                                  precision %.3f  recall %.3f  F1 %.3f\n",
           "micro", prec(micro), rec(micro), f1(micro));
    printf("sentences with every label right: %zu of %zu\n", exact, sentences);
    if (f1(micro) < min_micro) {
        printf("FAIL: micro F1 %.3f is below the floor %.3f\n", f1(micro), min_micro);
        rc = 1;
    }
    if (bad) {
        printf("FAIL: %zu gold lines could not be used\n", bad);
        rc = 1;
    }
    if (sentences == 0) {
        printf("FAIL: no sentences\n");
        rc = 1;
    }
    return rc;
}
