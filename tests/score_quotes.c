/* score_quotes.c: scores quotation detection and speaker attribution
 * against the hand-annotated gold set in tests/gold/quotes/.
 *
 *   score_quotes [-v] DIR [--min-f1 X] [--min-speaker X] [--min-kind X]
 *
 * Each DIR/NAME.txt has DIR/NAME.gold, JSON Lines in document order:
 *   {"kind":"full|partial|term|turn","quote":"...","speaker":"..."|null[,"inner":true]}
 * A gold item's span is found by searching its text from just after the
 * previous item's start.  A found quotation counts when its span is the
 * same.  Speaker accuracy is over matched full, partial and turn items.
 */
#include "internal.h"
#include "support.h"

#include <dirent.h>
#include <jansson.h>

typedef struct {
    ro_quote_kind kind;
    size_t start, end;
    char *speaker;
    bool inner;
} gold_item;

static int kind_of(const char *s)
{
    if (!strcmp(s, "full")) return RO_Q_FULL;
    if (!strcmp(s, "partial")) return RO_Q_PARTIAL;
    if (!strcmp(s, "term")) return RO_Q_TERM;
    if (!strcmp(s, "turn")) return RO_Q_TURN;
    return -1;
}

typedef struct {
    size_t gold, pred, tp;
} prf;

static void show(const char *label, prf p)
{
    double P = p.pred ? (double)p.tp / p.pred : 1, R = p.gold ? (double)p.tp / p.gold : 1;
    double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
    printf("%-10s gold %4zu  found %4zu  matched %4zu  precision %.3f  recall %.3f  F1 %.3f\n",
           label, p.gold, p.pred, p.tp, P, R, F);
}

static double f1(prf p)
{
    double P = p.pred ? (double)p.tp / p.pred : 1, R = p.gold ? (double)p.tp / p.gold : 1;
    return P + R > 0 ? 2 * P * R / (P + R) : 0;
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    double min_f1 = 0, min_spk = 0, min_kind = 0;
    bool verbose = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v")) verbose = true;
        else if (!strcmp(argv[i], "--min-f1") && i + 1 < argc) min_f1 = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-speaker") && i + 1 < argc) min_spk = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-kind") && i + 1 < argc) min_kind = atof(argv[++i]);
        else dir = argv[i];
    }
    if (!dir) {
        fprintf(stderr, "usage: score_quotes [-v] DIR [--min-f1 X] [--min-speaker X] [--min-kind X]\n");
        return 2;
    }
    ro_error err;
    ro_lexicon *lex = ro_lexicon_new_default(&err);
    size_t nn = 0;
    char **names = list_files(dir, ".txt", &nn);
    if (!names || !lex) {
        fprintf(stderr, "cannot open %s\n", dir);
        return 2;
    }
    prf all = {0}, quotes = {0}, turns = {0};
    size_t spk_total = 0, spk_ok = 0, kind_total = 0, kind_ok = 0, docs = 0, bad_gold = 0;
    for (size_t f = 0; f < nn; f++) {
        char path[4096], gpath[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[f]);
        snprintf(gpath, sizeof gpath, "%s/%.*s.gold", dir, (int)(strlen(names[f]) - 4), names[f]);
        size_t len = 0, glen = 0;
        char *text = slurp(path, &len);
        char *gtext = slurp(gpath, &glen);
        if (!text || !gtext) {
            free(text);
            free(gtext);
            continue;
        }
        docs++;
        gold_item *g = NULL;
        size_t ng = 0, cg = 0, from = 0;
        size_t i = 0, lineno = 0;
        while (i < glen) {
            const char *nl = memchr(gtext + i, '\n', glen - i);
            size_t e = nl ? (size_t)(nl - gtext) : glen;
            lineno++;
            if (e > i) {
                json_error_t je;
                json_t *o = json_loadb(gtext + i, e - i, 0, &je);
                json_t *q = o ? json_object_get(o, "quote") : NULL;
                json_t *k = o ? json_object_get(o, "kind") : NULL;
                json_t *s = o ? json_object_get(o, "speaker") : NULL;
                int kind = k && json_is_string(k) ? kind_of(json_string_value(k)) : -1;
                if (!q || !json_is_string(q) || kind < 0) {
                    fprintf(stderr, "%s:%zu: bad gold line\n", gpath, lineno);
                    bad_gold++;
                } else {
                    const char *qs = json_string_value(q);
                    size_t ql = json_string_length(q);
                    const char *at = find_bytes(text, len, from, qs, ql);
                    if (!at) {
                        fprintf(stderr, "%s:%zu: quote not found in order: %.60s\n", gpath, lineno, qs);
                        bad_gold++;
                    } else {
                        gold_item it = {(ro_quote_kind)kind, (size_t)(at - text), (size_t)(at - text) + ql,
                                        s && json_is_string(s) ? ro_xstrdup(json_string_value(s)) : NULL,
                                        json_is_true(json_object_get(o, "inner"))};
                        RO_PUSH(g, ng, cg, it);
                        from = it.start + 1;
                    }
                }
                json_decref(o);
            }
            i = e + 1;
        }
        ro_meta meta = {0};
        meta.id = names[f];
        ro_doc *doc = ro_doc_new(text, len, &meta, 0, &err);
        if (!doc) {
            fprintf(stderr, "%s: %s\n", path, err.message);
            return 2;
        }
        size_t np;
        const ro_quote *p = ro_doc_quotes(doc, lex, &np);
        bool *used = ro_xcalloc(np + 1, 1);
        for (size_t a = 0; a < ng; a++) {
            bool turn = g[a].kind == RO_Q_TURN;
            prf *bucket = turn ? &turns : &quotes;
            all.gold++;
            bucket->gold++;
            size_t b;
            for (b = 0; b < np; b++)
                if (!used[b] && p[b].text.start == g[a].start && p[b].text.end == g[a].end)
                    break;
            if (b == np) {
                if (verbose)
                    printf("%s: MISSED %s \"%.*s\"\n", names[f], ro_quote_kind_name(g[a].kind),
                           (int)(g[a].end - g[a].start > 70 ? 70 : g[a].end - g[a].start), text + g[a].start);
                continue;
            }
            used[b] = true;
            all.tp++;
            bucket->tp++;
            kind_total++;
            if (p[b].kind == g[a].kind)
                kind_ok++;
            else if (verbose)
                printf("%s: KIND %s for %s \"%.*s\"\n", names[f], ro_quote_kind_name(p[b].kind),
                       ro_quote_kind_name(g[a].kind), (int)(g[a].end - g[a].start > 60 ? 60 : g[a].end - g[a].start),
                       text + g[a].start);
            if (g[a].kind != RO_Q_TERM && !g[a].inner) {
                spk_total++;
                bool ok = (!g[a].speaker && !p[b].speaker) ||
                          (g[a].speaker && p[b].speaker && !strcmp(g[a].speaker, p[b].speaker));
                if (ok)
                    spk_ok++;
                else if (verbose)
                    printf("%s: SPEAKER %s for %s (cue %s) \"%.*s\"\n", names[f],
                           p[b].speaker ? p[b].speaker : "null", g[a].speaker ? g[a].speaker : "null",
                           p[b].cue ? p[b].cue : "-", (int)(g[a].end - g[a].start > 50 ? 50 : g[a].end - g[a].start),
                           text + g[a].start);
            }
        }
        for (size_t b = 0; b < np; b++) {
            all.pred++;
            if (p[b].kind == RO_Q_TURN)
                turns.pred++;
            else
                quotes.pred++;
            if (!used[b] && verbose)
                printf("%s: EXTRA %s \"%.*s\"\n", names[f], ro_quote_kind_name(p[b].kind),
                       (int)(p[b].text.end - p[b].text.start > 70 ? 70 : p[b].text.end - p[b].text.start),
                       text + p[b].text.start);
        }
        free(used);
        ro_doc_free(doc);
        for (size_t a = 0; a < ng; a++)
            free(g[a].speaker);
        free(g);
        free(text);
        free(gtext);
        free(names[f]);
    }
    free(names);
    ro_lexicon_free(lex);
    printf("gold set: %s (%zu documents)\n", dir, docs);
    show("quotations", quotes);
    show("turns", turns);
    show("all", all);
    double spk = spk_total ? (double)spk_ok / spk_total : 1;
    double kacc = kind_total ? (double)kind_ok / kind_total : 1;
    printf("speaker accuracy %.3f (%zu of %zu matched full/partial/turn items)\n", spk, spk_ok, spk_total);
    printf("kind accuracy    %.3f (%zu of %zu matched items)\n", kacc, kind_ok, kind_total);
    int rc = 0;
    if (bad_gold) {
        printf("FAIL: %zu gold lines could not be used\n", bad_gold);
        rc = 1;
    }
    if (docs == 0) {
        printf("FAIL: no documents\n");
        rc = 1;
    }
    if (f1(all) < min_f1) {
        printf("FAIL: F1 %.3f is below the floor %.3f\n", f1(all), min_f1);
        rc = 1;
    }
    if (spk < min_spk) {
        printf("FAIL: speaker accuracy %.3f is below the floor %.3f\n", spk, min_spk);
        rc = 1;
    }
    if (kacc < min_kind) {
        printf("FAIL: kind accuracy %.3f is below the floor %.3f\n", kacc, min_kind);
        rc = 1;
    }
    return rc;
}
