/* score_names.c: scores mention finding and linking against the
 * hand-annotated gold set in tests/gold/names/.
 *
 *   score_names [-v] DIR [--min-f1 X] [--min-link X] [--min-form X]
 *
 * Each DIR/NAME.txt has DIR/NAME.gold, JSON Lines in document order:
 *   {"text":"...","name":"canonical","type":"person|organisation","form":"..."}
 * Mentions are placed as tests/gold/names/README.md says: a mention is
 * nested in the current outer mention when it falls inside it on word
 * boundaries and names a different entity (searched from the outer's start);
 * otherwise it is searched from the end of the previous outer mention.  Predicted mentions of people and
 * organisations count; a mention matches when its span is the same.
 * Linking is scored with B-cubed over matched mentions, the gold canonical
 * names being the true clusters; form and canonical-name accuracy over
 * matched person mentions are reported too.
 */
#include "internal.h"
#include "support.h"

#include <dirent.h>
#include <jansson.h>

typedef struct {
    size_t start, end;
    char *name, *type, *form;
} gold_item;

static bool is_wordb(const char *t, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? true : (c >= '0' && c <= '9') || c >= 0x80;
}

/* [s, e) starts and ends on word boundaries (an apostrophe after counts as one). */
static bool word_edge(const char *t, size_t len, size_t s, size_t e)
{
    if (s > 0 && is_wordb(t, s - 1) && !((unsigned char)t[s - 1] >= 0x80))
        return false;
    if (e < len && is_wordb(t, e) && !((unsigned char)t[e] >= 0x80))
        return false;
    return true;
}

static char *jstr(json_t *o, const char *k)
{
    json_t *v = o ? json_object_get(o, k) : NULL;
    return v && json_is_string(v) ? ro_xstrdup(json_string_value(v)) : NULL;
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    double min_f1 = 0, min_link = 0, min_form = 0;
    bool verbose = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v")) verbose = true;
        else if (!strcmp(argv[i], "--min-f1") && i + 1 < argc) min_f1 = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-link") && i + 1 < argc) min_link = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-form") && i + 1 < argc) min_form = atof(argv[++i]);
        else dir = argv[i];
    }
    if (!dir) {
        fprintf(stderr, "usage: score_names [-v] DIR [--min-f1 X] [--min-link X] [--min-form X]\n");
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
    size_t gold_n = 0, pred_n = 0, tp = 0, docs = 0, bad_gold = 0;
    size_t form_total = 0, form_ok = 0, canon_total = 0, canon_ok = 0, type_ok = 0;
    double b3p = 0, b3r = 0;
    size_t b3n = 0;
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
            free(names[f]);
            continue;
        }
        docs++;
        gold_item *g = NULL;
        size_t ng = 0, cg = 0, i = 0, lineno = 0;
        size_t outer_s = 0, outer_e = 0, nested_from = 0;
        char *outer_name = NULL;
        while (i < glen) {
            const char *nl = memchr(gtext + i, '\n', glen - i);
            size_t e = nl ? (size_t)(nl - gtext) : glen;
            lineno++;
            if (e > i) {
                json_error_t je;
                json_t *o = json_loadb(gtext + i, e - i, 0, &je);
                json_t *tx = o ? json_object_get(o, "text") : NULL;
                if (!tx || !json_is_string(tx)) {
                    fprintf(stderr, "%s:%zu: bad gold line\n", gpath, lineno);
                    bad_gold++;
                } else {
                    const char *ts = json_string_value(tx);
                    size_t tl = json_string_length(tx);
                    char *nm = jstr(o, "name");
                    const char *at = NULL;
                    if (outer_name && nm && strcmp(nm, outer_name) != 0 && tl < outer_e - outer_s) {
                        for (size_t from = nested_from; !at;) {
                            const char *x = find_bytes(text, outer_e, from, ts, tl);
                            if (!x)
                                break;
                            size_t xs = (size_t)(x - text), xe = xs + tl;
                            if (word_edge(text, len, xs, xe))
                                at = x;
                            else
                                from = xs + 1;
                        }
                        if (at)
                            nested_from = (size_t)(at - text) + 1;
                    }
                    bool nested = at != NULL;
                    if (!at)
                        at = find_bytes(text, len, outer_e, ts, tl);
                    if (at && !nested) {
                        outer_s = (size_t)(at - text);
                        outer_e = outer_s + tl;
                        nested_from = outer_s;
                        free(outer_name);
                        outer_name = nm ? ro_xstrdup(nm) : NULL;
                    }
                    free(nm);
                    if (!at) {
                        fprintf(stderr, "%s:%zu: mention not found in order: %.60s\n", gpath, lineno, ts);
                        bad_gold++;
                    } else {
                        gold_item it = {(size_t)(at - text), (size_t)(at - text) + tl, jstr(o, "name"),
                                        jstr(o, "type"), jstr(o, "form")};
                        RO_PUSH(g, ng, cg, it);
                    }
                }
                json_decref(o);
            }
            i = e + 1;
        }
        free(outer_name);
        ro_meta meta = {0};
        meta.id = names[f];
        ro_doc *doc = ro_doc_new(text, len, &meta, 0, &err);
        if (!doc) {
            fprintf(stderr, "%s: %s\n", path, err.message);
            return 2;
        }
        size_t np, ne;
        const ro_mention *p = ro_doc_mentions(doc, lex, &np);
        const ro_entity *ents = ro_doc_entities(doc, lex, &ne);
        bool *used = ro_xcalloc(np + 1, 1);
        long *match = ro_xcalloc(ng + 1, sizeof *match);
        for (size_t a = 0; a < ng; a++) {
            gold_n++;
            match[a] = -1;
            size_t b;
            for (b = 0; b < np; b++) {
                ro_entity_type ty = ents[p[b].entity].type;
                if (!used[b] && (ty == RO_ENT_PERSON || ty == RO_ENT_ORG) && p[b].span.start == g[a].start &&
                    p[b].span.end == g[a].end)
                    break;
            }
            if (b == np) {
                if (verbose)
                    printf("%s: MISSED %s \"%.*s\" (%s)\n", names[f], g[a].form ? g[a].form : "?",
                           (int)(g[a].end - g[a].start), text + g[a].start, g[a].name ? g[a].name : "?");
                continue;
            }
            used[b] = true;
            match[a] = (long)b;
            tp++;
            const ro_entity *en = &ents[p[b].entity];
            const char *ety = ro_entity_type_name(en->type);
            if (g[a].type && !strcmp(g[a].type, ety))
                type_ok++;
            else if (verbose)
                printf("%s: TYPE %s for %s \"%.*s\"\n", names[f], ety, g[a].type ? g[a].type : "?",
                       (int)(g[a].end - g[a].start), text + g[a].start);
            if (g[a].type && !strcmp(g[a].type, "person")) {
                form_total++;
                if (g[a].form && !strcmp(g[a].form, p[b].form))
                    form_ok++;
                else if (verbose)
                    printf("%s: FORM %s for %s \"%.*s\"\n", names[f], p[b].form, g[a].form ? g[a].form : "?",
                           (int)(g[a].end - g[a].start), text + g[a].start);
            }
            canon_total++;
            if (g[a].name && !strcmp(g[a].name, en->name))
                canon_ok++;
            else if (verbose)
                printf("%s: NAME %s for %s \"%.*s\"\n", names[f], en->name, g[a].name ? g[a].name : "?",
                       (int)(g[a].end - g[a].start), text + g[a].start);
        }
        for (size_t b = 0; b < np; b++) {
            ro_entity_type ty = ents[p[b].entity].type;
            if (ty != RO_ENT_PERSON && ty != RO_ENT_ORG)
                continue;
            pred_n++;
            if (!used[b] && verbose)
                printf("%s: EXTRA %s %s \"%.*s\" (%s)\n", names[f], ro_entity_type_name(ty), p[b].form,
                       (int)(p[b].span.end - p[b].span.start), text + p[b].span.start, ents[p[b].entity].name);
        }
        /* B-cubed over matched mentions */
        for (size_t a = 0; a < ng; a++) {
            if (match[a] < 0 || !g[a].name)
                continue;
            size_t same_pred = 0, same_gold = 0, both = 0;
            for (size_t x = 0; x < ng; x++) {
                if (match[x] < 0 || !g[x].name)
                    continue;
                bool sp = p[match[x]].entity == p[match[a]].entity;
                bool sg = !strcmp(g[x].name, g[a].name);
                same_pred += sp;
                same_gold += sg;
                both += sp && sg;
            }
            b3p += (double)both / (double)same_pred;
            b3r += (double)both / (double)same_gold;
            b3n++;
        }
        free(used);
        free(match);
        ro_doc_free(doc);
        for (size_t a = 0; a < ng; a++) {
            free(g[a].name);
            free(g[a].type);
            free(g[a].form);
        }
        free(g);
        free(text);
        free(gtext);
        free(names[f]);
    }
    free(names);
    ro_lexicon_free(lex);
    double P = pred_n ? (double)tp / pred_n : 1, R = gold_n ? (double)tp / gold_n : 1;
    double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
    double LP = b3n ? b3p / b3n : 1, LR = b3n ? b3r / b3n : 1;
    double LF = LP + LR > 0 ? 2 * LP * LR / (LP + LR) : 0;
    double FA = form_total ? (double)form_ok / form_total : 1;
    double CA = canon_total ? (double)canon_ok / canon_total : 1;
    double TA = tp ? (double)type_ok / tp : 1;
    printf("gold set: %s (%zu documents)\n", dir, docs);
    printf("mentions   gold %4zu  found %4zu  matched %4zu  precision %.3f  recall %.3f  F1 %.3f\n", gold_n,
           pred_n, tp, P, R, F);
    printf("linking    B-cubed precision %.3f  recall %.3f  F1 %.3f (%zu matched mentions)\n", LP, LR, LF, b3n);
    printf("form accuracy           %.3f (%zu of %zu matched person mentions)\n", FA, form_ok, form_total);
    printf("canonical name accuracy %.3f (%zu of %zu matched mentions)\n", CA, canon_ok, canon_total);
    printf("type accuracy           %.3f\n", TA);
    int rc = 0;
    if (bad_gold) {
        printf("FAIL: %zu gold lines could not be used\n", bad_gold);
        rc = 1;
    }
    if (docs == 0) {
        printf("FAIL: no documents\n");
        rc = 1;
    }
    if (F < min_f1) {
        printf("FAIL: mention F1 %.3f is below the floor %.3f\n", F, min_f1);
        rc = 1;
    }
    if (LF < min_link) {
        printf("FAIL: linking F1 %.3f is below the floor %.3f\n", LF, min_link);
        rc = 1;
    }
    if (FA < min_form) {
        printf("FAIL: form accuracy %.3f is below the floor %.3f\n", FA, min_form);
        rc = 1;
    }
    return rc;
}
