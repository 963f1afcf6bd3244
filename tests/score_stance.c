/* score_stance.c: scores stance markers against the hand-labelled sentences
 * in tests/gold/stance/, at sentence level.
 *
 *   score_stance [-v] DIR [--min CATEGORY=F1]... [--min-micro F1]
 *   score_stance [-v] --jsonl LABELS.jsonl TEXTDIR [--min ...] [--min-mean F1]...
 *
 * Each DIR/NAME.tsv line is "<labels>\t<sentence>", labels comma-separated or
 * "-".  Each line is read as a document of its own; the predicted labels
 * are the categories of its counted markers.  Per category: precision,
 * recall and F1 over sentences.  -v lists every error with the markers
 * found, for finding systematic errors (a missing inflection, a negation
 * rule), not for copying phrases.
 *
 * --jsonl scores sentences labelled in place, as ../shared/corpora/polnear/
 * dev-stance.jsonl does: one JSON object a line, {"doc": FILE, "start": S,
 * "end": E, "labels": [...]}, S and E code-point offsets into TEXTDIR/FILE.
 * Each sentence is cut out and read as a document of its own, as the lines
 * of DIR/NAME.tsv are.  Exits 77 (skipped) when LABELS.jsonl is absent.
 * With --whole, each document is read once, as `readout stance FILE` reads
 * it (its own sentences, quotations, questions), and a labelled sentence gets
 * the categories of the counted markers that start inside it.
 * --min-mean SET=F1 sets a floor on the mean F1 of a set of categories
 * ("hedge+condition+rejection+agreement=0.8", "all=0.7").
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

typedef struct {
    prf per[NCAT];
    size_t sentences, bad, exact;
    bool verbose;
} scores;

/* Scores one sentence, read as a document of its own, against its gold labels. */
static void score_sentence(scores *s, const ro_lexicon *lex, const bool gold[NCAT], const char *sent,
                           size_t slen, const char *where)
{
    ro_meta meta = {0};
    ro_error err;
    meta.id = where;
    ro_doc *doc = ro_doc_new(sent, slen, &meta, 0, &err);
    if (!doc) {
        fprintf(stderr, "%s: %s\n", where, err.message);
        s->bad++;
        return;
    }
    s->sentences++;
    bool pred[NCAT] = {false};
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
            s->per[c].tp++;
        else if (pred[c])
            s->per[c].fp++;
        else if (gold[c])
            s->per[c].fn++;
        if (gold[c] != pred[c]) {
            all_ok = false;
            if (s->verbose) {
                printf("%s %-10s %s  %.*s\n", pred[c] ? "EXTRA " : "MISSED", ro_stance_categories[c],
                       where, (int)slen, sent);
                for (size_t k = 0; k < nm; k++)
                    if (!strcmp(ms[k].category, ro_stance_categories[c]) ||
                        !strcmp(ms[k].entry_category, ro_stance_categories[c]))
                        printf("         marker [%.*s] entry \"%s\"%s%s\n",
                               (int)(ms[k].span.end - ms[k].span.start), sent + ms[k].span.start,
                               ms[k].phrase_entry, ms[k].negated ? " negated" : "",
                               ms[k].counted ? "" : " (not counted)");
            }
        }
    }
    if (all_ok)
        s->exact++;
    ro_doc_free(doc);
}

/* The lines of DIR/NAME.tsv: "<labels>\t<sentence>". */
static int score_dir(scores *s, const ro_lexicon *lex, const char *dir)
{
    size_t nn = 0;
    char **names = list_files(dir, ".tsv", &nn);
    if (!names) {
        fprintf(stderr, "cannot open %s\n", dir);
        return 2;
    }
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
                s->bad++;
                continue;
            }
            bool gold[NCAT] = {false};
            size_t a = ls, le = (size_t)(tab - text);
            if (!(le - ls == 1 && text[ls] == '-')) {
                while (a < le) {
                    const char *comma = memchr(text + a, ',', le - a);
                    size_t b = comma ? (size_t)(comma - text) : le;
                    int k = cat_index(text + a, b - a);
                    if (k < 0) {
                        fprintf(stderr, "%s:%zu: unknown label '%.*s'\n", path, lineno,
                                (int)(b - a), text + a);
                        s->bad++;
                    } else {
                        gold[k] = true;
                    }
                    a = b + 1;
                }
            }
            char where[4200];
            snprintf(where, sizeof where, "%s:%zu", names[f], lineno);
            score_sentence(s, lex, gold, tab + 1, e - (size_t)(tab + 1 - text), where);
        }
        free(text);
        free(names[f]);
    }
    free(names);
    return 0;
}

/* The value after "key": in a JSON line (a number or the start of a string). */
static const char *json_field(const char *line, size_t n, const char *key)
{
    char k[64];
    snprintf(k, sizeof k, "\"%s\":", key);
    const char *p = find_bytes(line, n, 0, k, strlen(k));
    if (!p)
        return NULL;
    p += strlen(k);
    while (p < line + n && *p == ' ')
        p++;
    return p < line + n ? p : NULL;
}

/* The byte offset of code point cp in text (len bytes), or (size_t)-1. */
static size_t cp_to_byte(const char *text, size_t len, size_t cp)
{
    size_t seen = 0;
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)text[i] & 0xC0) == 0x80)
            continue;
        if (seen == cp)
            return i;
        seen++;
    }
    return seen == cp ? len : (size_t)-1;
}

/* Scores one labelled sentence [a, b) of a whole document whose markers
 * were found in one run (--whole): the categories of the counted markers
 * that start inside it. */
static void score_span(scores *s, const bool gold[NCAT], const ro_marker *ms, size_t nm, size_t a,
                       size_t b, const char *text, const char *where)
{
    bool pred[NCAT] = {false};
    for (size_t k = 0; k < nm; k++)
        if (ms[k].counted && ms[k].span.start >= a && ms[k].span.start < b) {
            int c = cat_index(ms[k].category, strlen(ms[k].category));
            if (c >= 0)
                pred[c] = true;
        }
    s->sentences++;
    bool all_ok = true;
    for (int c = 0; c < NCAT; c++) {
        if (gold[c] && pred[c])
            s->per[c].tp++;
        else if (pred[c])
            s->per[c].fp++;
        else if (gold[c])
            s->per[c].fn++;
        if (gold[c] != pred[c]) {
            all_ok = false;
            if (s->verbose)
                printf("%s %-10s %s  %.*s\n", pred[c] ? "EXTRA " : "MISSED", ro_stance_categories[c],
                       where, (int)(b - a), text + a);
        }
    }
    if (all_ok)
        s->exact++;
}

/* Sentences labelled in place: {"doc": FILE, "start": S, "end": E, "labels": [...]} a line. */
static int score_jsonl(scores *s, const ro_lexicon *lex, const char *labels, const char *textdir,
                       bool whole)
{
    ro_doc *wdoc = NULL;
    const ro_marker *wms = NULL;
    size_t wnm = 0;
    size_t len;
    char *jl = slurp(labels, &len);
    if (!jl) {
        printf("skipped: no %s\n", labels);
        return 77;
    }
    char *cur_name = NULL, *text = NULL;
    size_t tlen = 0, i = 0, lineno = 0;
    while (i < len) {
        const char *nl = memchr(jl + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - jl) : len;
        const char *line = jl + i;
        size_t n = e - i;
        i = e + 1;
        lineno++;
        if (n == 0)
            continue;
        const char *d = json_field(line, n, "doc"), *st = json_field(line, n, "start"),
                   *en = json_field(line, n, "end"), *lb = json_field(line, n, "labels");
        const char *dq = d && *d == '"' ? memchr(d + 1, '"', (size_t)(line + n - d - 1)) : NULL;
        if (!dq || !st || !en || !lb || *lb != '[') {
            fprintf(stderr, "%s:%zu: not a labelled sentence\n", labels, lineno);
            s->bad++;
            continue;
        }
        size_t dl = (size_t)(dq - d - 1);
        if (!cur_name || strlen(cur_name) != dl || memcmp(cur_name, d + 1, dl) != 0) {
            free(cur_name);
            free(text);
            cur_name = ro_xmalloc(dl + 1);
            memcpy(cur_name, d + 1, dl);
            cur_name[dl] = 0;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", textdir, cur_name);
            text = slurp(path, &tlen);
            if (!text) {
                fprintf(stderr, "%s:%zu: cannot read %s\n", labels, lineno, path);
                s->bad++;
                continue;
            }
            if (whole) {
                ro_doc_free(wdoc);
                ro_meta meta = {0};
                ro_error err;
                meta.id = cur_name;
                wdoc = ro_doc_new(text, tlen, &meta, RO_LENIENT, &err);
                wms = wdoc ? ro_doc_stance(wdoc, lex, &wnm) : NULL;
                if (!wdoc)
                    wnm = 0;
            }
        }
        if (!text) {
            s->bad++;
            continue;
        }
        bool gold[NCAT] = {false};
        const char *p = lb + 1, *end = line + n;
        while (p < end && *p != ']') {
            if (*p == '"') {
                const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
                if (!q)
                    break;
                int k = cat_index(p + 1, (size_t)(q - p - 1));
                if (k < 0) {
                    fprintf(stderr, "%s:%zu: unknown label '%.*s'\n", labels, lineno,
                            (int)(q - p - 1), p + 1);
                    s->bad++;
                } else
                    gold[k] = true;
                p = q + 1;
            } else
                p++;
        }
        size_t a = cp_to_byte(text, tlen, (size_t)strtoul(st, NULL, 10));
        size_t b = cp_to_byte(text, tlen, (size_t)strtoul(en, NULL, 10));
        if (a == (size_t)-1 || b == (size_t)-1 || b < a) {
            fprintf(stderr, "%s:%zu: offsets outside %s\n", labels, lineno, cur_name);
            s->bad++;
            continue;
        }
        char where[4200];
        snprintf(where, sizeof where, "%s:%zu", cur_name, lineno);
        if (whole)
            score_span(s, gold, wms, wnm, a, b, text, where);
        else
            score_sentence(s, lex, gold, text + a, b - a, where);
    }
    ro_doc_free(wdoc);
    free(cur_name);
    free(text);
    free(jl);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = NULL, *jsonl = NULL;
    bool whole = false;
    double floors[NCAT];
    double min_micro = 0;
    const char *means[16];
    size_t nmeans = 0;
    scores s;
    memset(&s, 0, sizeof s);
    for (int i = 0; i < NCAT; i++)
        floors[i] = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            s.verbose = true;
        else if (!strcmp(argv[i], "--min-micro") && i + 1 < argc)
            min_micro = atof(argv[++i]);
        else if (!strcmp(argv[i], "--whole"))
            whole = true;
        else if (!strcmp(argv[i], "--jsonl") && i + 1 < argc)
            jsonl = argv[++i];
        else if (!strcmp(argv[i], "--min-mean") && i + 1 < argc && nmeans < 16)
            means[nmeans++] = argv[++i];
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
        fprintf(stderr, "usage: score_stance [-v] DIR [--min CATEGORY=F1]... [--min-micro F1]\n"
                        "       score_stance [-v] --jsonl LABELS.jsonl [--whole] TEXTDIR [--min ...]"
                        " [--min-mean CAT+CAT...=F1]\n");
        return 2;
    }
    ro_error err;
    ro_lexicon *lex = ro_lexicon_new_default(&err);
    if (!lex) {
        fprintf(stderr, "score_stance: %s\n", err.message);
        return 2;
    }
    int r = jsonl ? score_jsonl(&s, lex, jsonl, dir, whole) : score_dir(&s, lex, dir);
    ro_lexicon_free(lex);
    if (r)
        return r;
    printf("gold set: %s (%zu sentences)\n", jsonl ? jsonl : dir, s.sentences);
    prf micro = {0};
    int rc = 0;
    for (int c = 0; c < NCAT; c++) {
        prf p = s.per[c];
        micro.tp += p.tp;
        micro.fp += p.fp;
        micro.fn += p.fn;
        printf("%-10s gold %4zu  found %4zu  right %4zu  precision %.3f  recall %.3f  F1 %.3f",
               ro_stance_categories[c], p.tp + p.fn, p.tp + p.fp, p.tp, prec(p), rec(p), f1(p));
        if (floors[c] > 0)
            printf("  (floor %.2f)", floors[c]);
        printf("\n");
        if (f1(s.per[c]) < floors[c]) {
            printf("FAIL: %s F1 %.3f is below the floor %.3f\n", ro_stance_categories[c], f1(p),
                   floors[c]);
            rc = 1;
        }
    }
    printf("%-10s                                  precision %.3f  recall %.3f  F1 %.3f\n",
           "micro", prec(micro), rec(micro), f1(micro));
    /* means over sets of categories: the two the issue sets targets for, and any floors asked for */
    double all = 0, four = 0;
    for (int c = 0; c < NCAT; c++)
        all += f1(s.per[c]);
    four = (f1(s.per[0]) + f1(s.per[2]) + f1(s.per[5]) + f1(s.per[7])) / 4;
    printf("mean F1: all nine %.3f, hedge+condition+rejection+agreement %.3f\n", all / NCAT, four);
    for (size_t m = 0; m < nmeans; m++) {
        const char *eq = strrchr(means[m], '=');
        if (!eq) {
            fprintf(stderr, "score_stance: bad mean floor '%s'\n", means[m]);
            return 2;
        }
        double sum = 0;
        int k = 0;
        if ((size_t)(eq - means[m]) == 3 && !strncmp(means[m], "all", 3)) {
            sum = all;
            k = NCAT;
        } else
            for (const char *a = means[m]; a < eq;) {
                const char *plus = memchr(a, '+', (size_t)(eq - a));
                const char *b = plus ? plus : eq;
                int c = cat_index(a, (size_t)(b - a));
                if (c < 0) {
                    fprintf(stderr, "score_stance: bad category in '%s'\n", means[m]);
                    return 2;
                }
                sum += f1(s.per[c]);
                k++;
                a = b + 1;
            }
        double v = k ? sum / k : 0, fl = atof(eq + 1);
        printf("mean F1 %.*s: %.3f (floor %.3f)\n", (int)(eq - means[m]), means[m], v, fl);
        if (v < fl) {
            printf("FAIL: mean F1 of %.*s %.3f is below the floor %.3f\n", (int)(eq - means[m]),
                   means[m], v, fl);
            rc = 1;
        }
    }
    printf("sentences with every label right: %zu of %zu\n", s.exact, s.sentences);
    if (f1(micro) < min_micro) {
        printf("FAIL: micro F1 %.3f is below the floor %.3f\n", f1(micro), min_micro);
        rc = 1;
    }
    if (s.bad) {
        printf("FAIL: %zu gold lines could not be used\n", s.bad);
        rc = 1;
    }
    if (s.sentences == 0) {
        printf("FAIL: no sentences\n");
        rc = 1;
    }
    return rc;
}
