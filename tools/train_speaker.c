/* train_speaker.c: learn the speaker attribution models from PolNeAR train.
 *
 *   train_speaker POLNEAR_DIR REFERENTS.tsv [--gold DIR]... [--gold-weight N]
 *                 [--epochs N] [--runs N] [--fold K/N] [--docs N] [--out FILE]
 *
 * Defaults: 4 epochs, 5 runs averaged, own gold counted 6 times; chosen on a
 * held-out fifth of train (--fold 0/5), never on dev.
 *
 * Reads POLNEAR_DIR/train-quotes.jsonl (the direct quotations with their
 * annotated source mentions) and POLNEAR_DIR/train/text/, and the project's
 * referents for pronoun and description sources (tools/polnear-train-
 * referents.tsv).  Each article is attributed by the library itself, with
 * the models being learned in place of the compiled-in ones: for every
 * quotation the candidates and their features come through the hooks of
 * attr.h, the candidate that covers the annotated source is the right one,
 * and an averaged perceptron learns from the mistakes (the "source"
 * model); for every pronoun or description that is the annotated source,
 * the entity whose name is the referent is the right one (the "refer"
 * model).  The right choice is kept as history (teacher forcing).  Writes
 * the models as a word list (data/speaker_model.tsv by scripts/train.sh).
 */
#include "attr.h"

#include <jansson.h>

typedef struct {
    size_t s, e;       /* quote, characters */
    long ss, se;       /* source, characters; -1 when null */
    char *source;
    char *referent;    /* or NULL */
    char *speaker;     /* own gold sets: the canonical speaker (NULL: none) */
    char kind;         /* own gold sets: 'f' full, 'p' partial, 't' term, 'u' turn */
    size_t bs, be, bss, bse; /* bytes, once the text is read */
} gold_q;

typedef struct {
    char *doc;
    gold_q *q;
    size_t n, cap;
    char *path;        /* own gold sets: the text file */
    bool by_speaker;   /* gold gives speakers, not source mentions */
} gold_doc;

typedef struct {
    gold_doc *v;
    size_t n, cap;
} gold_set;

typedef struct {
    ro_model *w, *u; /* weights, and the sum of updates weighted by time */
    double c;        /* examples seen */
} perceptron;

typedef struct {
    perceptron src, ref, kind;
    gold_doc *g;
    long cur;        /* gold quotation matched to the quotation being attributed */
    /* counts for the epoch */
    size_t q_seen, q_gold, q_nocand, q_right, r_seen, r_right, r_nocand, k_seen, k_right;
    bool learn;
    const ro_lexicon *lex;
} trainer;

static gold_doc *doc_of(gold_set *gs, const char *doc)
{
    for (size_t i = gs->n; i-- > 0;)
        if (!strcmp(gs->v[i].doc, doc))
            return &gs->v[i];
    gold_doc d = {ro_xstrdup(doc), NULL, 0, 0, NULL, false};
    RO_PUSH(gs->v, gs->n, gs->cap, d);
    return &gs->v[gs->n - 1];
}

static void load_gold(gold_set *gs, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        if (!o)
            continue;
        gold_doc *d = doc_of(gs, json_string_value(json_object_get(o, "doc")));
        gold_q q;
        memset(&q, 0, sizeof q);
        q.s = (size_t)json_integer_value(json_object_get(o, "start"));
        q.e = (size_t)json_integer_value(json_object_get(o, "end"));
        json_t *src = json_object_get(o, "source");
        q.ss = q.se = -1;
        if (json_is_string(src)) {
            q.source = ro_xstrdup(json_string_value(src));
            q.ss = (long)json_integer_value(json_object_get(o, "source_start"));
            q.se = (long)json_integer_value(json_object_get(o, "source_end"));
        }
        RO_PUSH(d->q, d->n, d->cap, q);
        json_decref(o);
    }
    free(line);
    fclose(f);
}

static void load_referents(gold_set *gs, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    char *line = NULL;
    size_t cap = 0, n = 0;
    while (getline(&line, &cap, f) > 0) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = '\0';
        char *f1 = strtok(line, "\t"), *f2 = strtok(NULL, "\t"), *f3 = strtok(NULL, "\t"),
             *f4 = strtok(NULL, "\t");
        (void)f3;
        if (!f1 || !f2 || !f4)
            continue;
        gold_doc *d = doc_of(gs, f1);
        size_t st = (size_t)strtoul(f2, NULL, 10);
        for (size_t i = 0; i < d->n; i++)
            if (d->q[i].s == st) {
                d->q[i].referent = ro_xstrdup(f4);
                n++;
            }
    }
    free(line);
    fclose(f);
    fprintf(stderr, "train_speaker: %zu referents\n", n);
}

static char *read_file(const char *path, size_t *len);

/* A directory of the project's own gold: NAME.txt and NAME.gold, one
 * {"kind","quote","speaker"} a line, the quotations in text order. */
static void load_own(gold_set *gs, const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "ls '%s'", dir);
    FILE *ls = popen(cmd, "r");
    if (!ls) {
        perror(dir);
        exit(1);
    }
    char name[1024];
    size_t nd = 0, nq = 0;
    while (fgets(name, sizeof name, ls)) {
        name[strcspn(name, "\n")] = '\0';
        size_t nl = strlen(name);
        if (nl < 5 || strcmp(name + nl - 4, ".txt"))
            continue;
        char tp[2200], gp[2200];
        snprintf(tp, sizeof tp, "%s/%s", dir, name);
        snprintf(gp, sizeof gp, "%s/%.*s.gold", dir, (int)(nl - 4), name);
        size_t tl = 0, gl = 0;
        char *text = read_file(tp, &tl), *gt = read_file(gp, &gl);
        if (!text || !gt) {
            free(text);
            free(gt);
            continue;
        }
        gold_doc d = {ro_xstrdup(name), NULL, 0, 0, ro_xstrdup(tp), true};
        size_t from = 0;
        for (char *line = strtok(gt, "\n"); line; line = strtok(NULL, "\n")) {
            json_error_t err;
            json_t *o = json_loads(line, 0, &err);
            json_t *q = o ? json_object_get(o, "quote") : NULL;
            if (!q || !json_is_string(q)) {
                json_decref(o);
                continue;
            }
            const char *qs = json_string_value(q);
            size_t ql = strlen(qs);
            char *at = NULL;
            for (size_t i = from; i + ql <= tl; i++)
                if (!memcmp(text + i, qs, ql)) {
                    at = text + i;
                    break;
                }
            if (at) {
                gold_q g;
                memset(&g, 0, sizeof g);
                g.bs = (size_t)(at - text);
                g.be = g.bs + ql;
                g.ss = g.se = -1;
                json_t *sp = json_object_get(o, "speaker");
                g.speaker = json_is_string(sp) ? ro_xstrdup(json_string_value(sp)) : NULL;
                json_t *kd = json_object_get(o, "kind");
                const char *ks = json_is_string(kd) ? json_string_value(kd) : "full";
                g.kind = !strcmp(ks, "term") ? 't' : !strcmp(ks, "partial") ? 'p' : !strcmp(ks, "turn") ? 'u' : 'f';
                RO_PUSH(d.q, d.n, d.cap, g);
                from = g.bs + 1;
                nq++;
            }
            json_decref(o);
        }
        free(text);
        free(gt);
        RO_PUSH(gs->v, gs->n, gs->cap, d);
        nd++;
    }
    pclose(ls);
    fprintf(stderr, "train_speaker: %s: %zu documents, %zu quotations\n", dir, nd, nq);
}

/* ---- matching names the way the scorer does (../shared/tools/score_quotes.py) ---- */

static void lower_word(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '.' || ch == ',')
            continue;
        if (ch == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
            out[k++] = '\'';
            i += 2;
            continue;
        }
        out[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    out[k] = '\0';
    /* a possessive is not part of the name */
    if (k > 2 && out[k - 2] == '\'' && out[k - 1] == 's')
        out[k - 2] = '\0';
    /* spelling key: y -> i, doubled letters once */
    char *p = out, *q = out;
    char prev = 0;
    for (; *p; p++) {
        char ch = *p == 'y' ? 'i' : *p;
        if (ch == prev)
            continue;
        *q++ = ch;
        prev = ch;
    }
    *q = '\0';
}

static bool is_title(const char *w)
{
    static const char *const t[] = {"the", "a", "an", "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep",
                                    "representative", "gov", "governor", "president", "vice", "secretary",
                                    "rev", "prof", "gen", "sir", "madam", "first", "speaker", "former",
                                    "jr", "sr", "ii", "iii", NULL};
    for (size_t i = 0; t[i]; i++)
        if (!strcmp(t[i], w))
            return true;
    return false;
}

/* The last word of a name that is not a title ("Trump" of "Donald J. Trump Jr."). */
static void head_of(const char *name, char *out, size_t cap, char *first, size_t fcap)
{
    out[0] = first[0] = '\0';
    const char *p = name;
    char w[64];
    bool have_first = false;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        if (q > p) {
            lower_word(p, (size_t)(q - p), w, sizeof w);
            if (w[0] && !is_title(w)) {
                if (out[0] && !have_first && strlen(out) > 1) {
                    snprintf(first, fcap, "%s", out);
                    have_first = true;
                }
                snprintf(out, cap, "%s", w);
            }
        }
        p = q;
    }
}

/* Does an entity's canonical name name the referent (one of "A and B")? */
static bool names_referent(const char *ent, const char *ref)
{
    char eh[64], ef[64];
    head_of(ent, eh, sizeof eh, ef, sizeof ef);
    if (!eh[0])
        return false;
    const char *p = ref;
    while (*p) {
        const char *and = strstr(p, " and ");
        size_t n = and ? (size_t)(and - p) : strlen(p);
        char mem[256];
        snprintf(mem, sizeof mem, "%.*s", (int)n, p);
        char rh[64], rf[64];
        head_of(mem, rh, sizeof rh, rf, sizeof rf);
        if (rh[0] && !strcmp(rh, eh) && (!ef[0] || !rf[0] || !strcmp(ef, rf) || ef[0] == rf[0]))
            return true;
        p += n;
        if (and)
            p += 5;
    }
    return false;
}

/* ---- the perceptron ---------------------------------------------------------------------------- */

static void update(perceptron *P, const ro_attr_cand *good, const ro_attr_cand *bad)
{
    const char *f = good->feats;
    for (size_t i = 0; i < good->nfeats; i++, f += strlen(f) + 1) {
        *ro_model_slot(P->w, f, strlen(f)) += 1;
        *ro_model_slot(P->u, f, strlen(f)) += P->c;
    }
    f = bad->feats;
    for (size_t i = 0; i < bad->nfeats; i++, f += strlen(f) + 1) {
        *ro_model_slot(P->w, f, strlen(f)) -= 1;
        *ro_model_slot(P->u, f, strlen(f)) -= P->c;
    }
}

static long learn(perceptron *P, const ro_attr_cand *c, size_t n, size_t chosen, long gold, bool on)
{
    if (gold < 0)
        return -1;
    P->c += 1;
    if (on && (size_t)gold != chosen) {
        /* the best-scoring wrong candidate */
        size_t worst = chosen;
        update(P, &c[gold], &c[worst]);
    }
    (void)n;
    return gold;
}

/* ---- the hooks ------------------------------------------------------------------------------------ */

static bool overlaps(size_t a, size_t b, size_t c, size_t d)
{
    return a < d && c < b;
}

static long on_source(void *vctx, ro_doc *d, size_t qi, const ro_attr_cand *c, size_t n, size_t chosen)
{
    trainer *T = vctx;
    const ro_quote *q = &d->quotes[qi]; /* (being attributed: its text is known) */
    T->cur = -1;
    /* the gold quotation it covers half of */
    for (size_t i = 0; i < T->g->n; i++) {
        gold_q *g = &T->g->q[i];
        size_t lo = q->text.start > g->bs ? q->text.start : g->bs;
        size_t hi = q->text.end < g->be ? q->text.end : g->be;
        if (hi > lo && 2 * (hi - lo) >= g->be - g->bs) {
            T->cur = (long)i;
            break;
        }
    }
    T->q_seen++;
    if (T->cur < 0)
        return -1;
    gold_q *g = &T->g->q[T->cur];
    if (T->g->by_speaker && g->kind == 't') {
        T->cur = -1; /* a term is nobody's words: the source model learns who said words, the kind model terms */
        return -1;
    }
    T->q_gold++;
    long gold = -1;
    if (T->g->by_speaker) {
        /* every candidate that would name the speaker is right: learn towards the best of them */
        size_t nent;
        const ro_entity *E = ro_doc_entities(d, T->lex, &nent);
        for (size_t k = 0; k < n; k++) {
            bool ok = !g->speaker ? c[k].entity < 0 /* none, or someone never named */
                                  : c[k].entity >= 0 && (size_t)c[k].entity < nent &&
                                        names_referent(E[c[k].entity].name, g->speaker);
            if (ok && (gold < 0 || c[k].score > c[gold].score))
                gold = (long)k;
        }
    } else if (g->ss < 0) {
        for (size_t k = 0; k < n; k++)
            if (c[k].kind == K_NONE)
                gold = (long)k;
    } else {
        /* the candidate over the source: a name's head, not its modifier
         * ("Chris Matthews", not "MSNBC", in "MSNBC host Chris Matthews") */
        int best = -100;
        const char *t = ro_doc_text(d, NULL);
        for (size_t k = 0; k < n; k++) {
            if (c[k].kind == K_NONE || !overlaps(c[k].s, c[k].e, g->bss, g->bse))
                continue;
            /* the source's head: a person's name before an organisation's
             * ("Daryl Kimball, executive director of the Arms Control
             * Association"), the name a modifier goes with ("MSNBC host
             * Chris Matthews", "Clinton campaign spokesman Brian Fallon") */
            int sc = 0;
            if (c[k].kind == K_NAME)
                sc += c[k].entity >= 0 && ro_doc_entities(d, T->lex, &(size_t){0})[c[k].entity].type == RO_ENT_PERSON ? 5 : 3;
            else if (c[k].kind == K_PRON)
                sc += c[k].s == g->bss && c[k].e == g->bse ? 6 : 1;
            else
                sc += 1;
            if (c[k].s <= g->bss)
                sc += 2;
            if (c[k].e >= g->bse)
                sc += 1;
            size_t e = c[k].e;
            if (e < g->bse && (t[e] == '\'' || (unsigned char)t[e] == 0xE2))
                sc -= 4; /* a possessive */
            if (e + 1 < g->bse && t[e] == ' ' && ((t[e + 1] >= 'A' && t[e + 1] <= 'Z') || (t[e + 1] >= 'a' && t[e + 1] <= 'z')))
                sc -= 3; /* a modifier: the source goes on after a space */
            if (sc > best) {
                best = sc;
                gold = (long)k;
            }
        }
    }
    if (gold < 0) {
        T->q_nocand++;
        if (getenv("TRAIN_SHOW_MISSES") && g->source) {
            const char *t = ro_doc_text(d, NULL);
            size_t a = g->bss > 120 ? g->bss - 120 : 0;
            fprintf(stderr, "MISS %s [%s] ...%.*s[[%.*s]]%.*s\n", T->g->doc, g->source, (int)(g->bss - a), t + a,
                    (int)(g->bse - g->bss), t + g->bss, 80, t + g->bse);
        }
        return -1;
    }
    if ((size_t)gold == chosen)
        T->q_right++;
    return learn(&T->src, c, n, chosen, gold, T->learn);
}

static long on_refer(void *vctx, ro_doc *d, size_t qi, size_t ms, size_t me, const ro_attr_cand *c, size_t n,
                     size_t chosen)
{
    trainer *T = vctx;
    (void)d;
    (void)qi;
    if (T->cur < 0)
        return -1;
    gold_q *g = &T->g->q[T->cur];
    const char *want = T->g->by_speaker ? (g->speaker ? g->speaker : "-") : g->referent;
    if (!T->g->by_speaker && (g->ss < 0 || !g->referent || !overlaps(ms, me, g->bss, g->bse)))
        return -1;
    T->r_seen++;
    long gold = -1;
    if (!strcmp(want, "-")) {
        for (size_t k = 0; k < n; k++)
            if (c[k].kind == K_NONE)
                gold = (long)k;
    } else {
        size_t nent;
        const ro_entity *E = ro_doc_entities(d, T->lex, &nent);
        for (size_t k = 0; k < n && gold < 0; k++)
            if (c[k].kind == K_ENT && c[k].entity >= 0 && (size_t)c[k].entity < nent &&
                names_referent(E[c[k].entity].name, want))
                gold = (long)k;
    }
    if (gold < 0) {
        T->r_nocand++;
        return -1;
    }
    if ((size_t)gold == chosen)
        T->r_right++;
    return learn(&T->ref, c, n, chosen, gold, T->learn);
}

/* A short fragment: words someone said (0) or a term (1)?  PolNeAR annotates
 * the words people said, so a fragment it has is said and one it lacks is a
 * term (or nobody's); the own gold sets say which. */
static long on_kind(void *vctx, ro_doc *d, size_t qi, const ro_attr_cand *c, size_t n, size_t chosen)
{
    trainer *T = vctx;
    const ro_quote *q = &d->quotes[qi];
    long gold = -1;
    for (size_t i = 0; i < T->g->n && gold < 0; i++) {
        gold_q *g = &T->g->q[i];
        size_t lo = q->text.start > g->bs ? q->text.start : g->bs;
        size_t hi = q->text.end < g->be ? q->text.end : g->be;
        if (T->g->by_speaker) {
            if (g->bs == q->text.start && g->be == q->text.end && g->kind != 'u')
                gold = g->kind == 't' ? 1 : 0;
        } else if (hi > lo && 2 * (hi - lo) >= g->be - g->bs) {
            gold = 0;
        }
    }
    if (gold < 0 && !T->g->by_speaker) {
        /* not in PolNeAR's gold: a term, unless a single word (PolNeAR has none at all) */
        const char *t = ro_doc_text(d, NULL);
        bool space = false;
        for (size_t i = q->text.start; i < q->text.end && !space; i++)
            space = t[i] == ' ';
        gold = space ? 1 : -1;
    }
    if (gold < 0)
        return -1;
    T->k_seen++;
    if ((size_t)gold == chosen)
        T->k_right++;
    return learn(&T->kind, c, n, chosen, gold, T->learn);
}

/* ---- the text ------------------------------------------------------------------------------------- */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    ro_buf b = {0};
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        ro_buf_put(&b, chunk, k);
    fclose(f);
    ro_buf_putc(&b, '\0');
    *len = b.len - 1;
    return b.data;
}

/* Character offsets to bytes. */
static void to_bytes(gold_doc *g, const char *t, size_t len)
{
    size_t nch = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)t[i] & 0xC0) != 0x80)
            nch++;
    size_t *b = ro_xmalloc((nch + 2) * sizeof *b);
    size_t ci = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)t[i] & 0xC0) != 0x80)
            b[ci++] = i;
    b[ci] = len;
    for (size_t i = 0; i < g->n; i++) {
        gold_q *q = &g->q[i];
        q->bs = b[q->s <= nch ? q->s : nch];
        q->be = b[q->e <= nch ? q->e : nch];
        if (q->ss >= 0) {
            q->bss = b[(size_t)q->ss <= nch ? (size_t)q->ss : nch];
            q->bse = b[(size_t)q->se <= nch ? (size_t)q->se : nch];
        }
    }
    free(b);
}

/* ---- output ---------------------------------------------------------------------------------------- */

typedef struct {
    const char *name;
    char **lines;
    size_t n, cap;
} writer;

static void visit(const char *feat, double w, void *vctx)
{
    writer *W = vctx;
    if (w > -0.0005 && w < 0.0005)
        return;
    char buf[512];
    snprintf(buf, sizeof buf, "%s\t%s\t%.3f\t", W->name, feat, w);
    char *line = ro_xstrdup(buf);
    RO_PUSH(W->lines, W->n, W->cap, line);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void write_model(FILE *out, const ro_model *m, const char *name)
{
    writer W = {name, NULL, 0, 0};
    ro_model_each(m, visit, &W);
    qsort(W.lines, W.n, sizeof *W.lines, cmp_str);
    for (size_t i = 0; i < W.n; i++) {
        fprintf(out, "%s\n", W.lines[i]);
        free(W.lines[i]);
    }
    free(W.lines);
}

/* Add a run's averaged weights, scaled, into sum. */
typedef struct {
    const perceptron *P;
    ro_model *sum;
    double scale;
} acc_ctx;

static void acc_visit(const char *feat, double w, void *vctx)
{
    acc_ctx *a = vctx;
    double u = ro_model_weight(a->P->u, feat, strlen(feat));
    double avg = w - u / (a->P->c > 0 ? a->P->c : 1);
    *ro_model_slot(a->sum, feat, strlen(feat)) += avg * a->scale;
}

static void accumulate(const perceptron *P, ro_model *sum, double scale)
{
    acc_ctx a = {P, sum, scale};
    ro_model_each(P->w, acc_visit, &a);
}

/* The fold of an article: a hash of its name. */
static unsigned fold_of(const char *doc, unsigned n)
{
    uint32_t h = 2166136261u;
    for (const char *p = doc; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return h % n;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: train_speaker POLNEAR_DIR REFERENTS.tsv [--gold DIR]... [--gold-weight N]\n"
                        "                     [--epochs N] [--runs N] [--fold K/N] [--docs N] [--out FILE]\n");
        return 2;
    }
    const char *dir = argv[1], *refs = argv[2], *outp = NULL;
    int epochs = 4, runs = 5;
    size_t maxdocs = SIZE_MAX;
    const char *own[8];
    int nown = 0, own_weight = 6;
    unsigned fold_k = 0, fold_n = 0;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--gold") && i + 1 < argc && nown < 8) {
            own[nown++] = argv[++i];
            continue;
        }
        if (!strcmp(argv[i], "--runs") && i + 1 < argc) {
            runs = atoi(argv[++i]);
            if (runs < 1)
                runs = 1;
            continue;
        }
        if (!strcmp(argv[i], "--fold") && i + 1 < argc) {
            /* leave out the articles of one fold ("K/N"), to measure on them */
            if (sscanf(argv[++i], "%u/%u", &fold_k, &fold_n) != 2 || !fold_n)
                return 2;
            continue;
        }
        if (!strcmp(argv[i], "--gold-weight") && i + 1 < argc) {
            own_weight = atoi(argv[++i]);
            continue;
        }
        if (!strcmp(argv[i], "--epochs") && i + 1 < argc)
            epochs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            outp = argv[++i];
        else if (!strcmp(argv[i], "--docs") && i + 1 < argc)
            maxdocs = (size_t)strtoul(argv[++i], NULL, 10);
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/train-quotes.jsonl", dir);
    gold_set gs = {0};
    load_gold(&gs, path);
    load_referents(&gs, refs);
    size_t npolnear = gs.n;
    for (int k = 0; k < nown; k++)
        load_own(&gs, own[k]);
    ro_error err;
    ro_lexicon *lex = ro_lexicon_new_default(&err);
    if (!lex) {
        fprintf(stderr, "train_speaker: %s\n", err.message);
        return 3;
    }
    trainer T;
    memset(&T, 0, sizeof T);
    T.lex = lex;
    ro_model *sum_src = ro_model_new(), *sum_ref = ro_model_new(), *sum_kind = ro_model_new();
    /* PolNeAR's articles once, the own gold sets own_weight times an epoch */
    size_t np = npolnear < maxdocs ? npolnear : maxdocs;
    size_t ndocs = np + (gs.n - npolnear) * (size_t)own_weight;
    size_t *order = ro_xmalloc((ndocs + 1) * sizeof *order);
    size_t no = 0;
    for (size_t i = 0; i < np; i++)
        if (!fold_n || fold_of(gs.v[i].doc, fold_n) != fold_k)
            order[no++] = i;
    for (size_t k = 0; k < (gs.n - npolnear) * (size_t)own_weight; k++)
        order[no++] = npolnear + k % (gs.n - npolnear);
    ndocs = no;
    /* several runs over differently shuffled articles, their averaged weights averaged again */
    for (int run = 0; run < runs; run++) {
    T.src.w = ro_model_new();
    T.src.u = ro_model_new();
    T.ref.w = ro_model_new();
    T.ref.u = ro_model_new();
    T.kind.w = ro_model_new();
    T.kind.u = ro_model_new();
    T.src.c = T.ref.c = T.kind.c = 0;
    ro_attr_hooks H = {&T, T.src.w, T.ref.w, on_source, on_refer, T.kind.w, on_kind};
    unsigned seed = 12345u + 7919u * (unsigned)run;
    for (int ep = 0; ep < epochs; ep++) {
        for (size_t i = ndocs; i > 1; i--) { /* the same shuffle every run */
            seed = seed * 1103515245u + 12345u;
            size_t j = (seed >> 8) % i;
            size_t t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        T.q_seen = T.q_gold = T.q_nocand = T.q_right = T.r_seen = T.r_right = T.r_nocand = 0;
        T.k_seen = T.k_right = 0;
        T.learn = true;
        for (size_t oi = 0; oi < ndocs; oi++) {
            gold_doc *g = &gs.v[order[oi]];
            if (g->path)
                snprintf(path, sizeof path, "%s", g->path);
            else
                snprintf(path, sizeof path, "%s/train/text/%s", dir, g->doc);
            size_t len;
            char *text = read_file(path, &len);
            if (!text) {
                perror(path);
                continue;
            }
            if (!g->by_speaker)
                to_bytes(g, text, len);
            ro_meta meta = {0};
            meta.id = g->doc;
            ro_doc *d = ro_doc_new(text, len, &meta, RO_LENIENT, &err);
            free(text);
            if (!d)
                continue;
            T.g = g;
            size_t nq;
            ro_doc_quotes_hooked(d, lex, &H, &nq);
            ro_doc_free(d);
        }
        fprintf(stderr,
                "run %d epoch %d: source %zu/%zu right (%.3f) of the quotations in gold, %zu without the source among "
                "the candidates; refer %zu/%zu right (%.3f), %zu without the referent; kind %zu/%zu right\n",
                run + 1, ep + 1, T.q_right, T.q_gold - T.q_nocand, T.q_gold > T.q_nocand ? (double)T.q_right / (double)(T.q_gold - T.q_nocand) : 0,
                T.q_nocand, T.r_right, T.r_seen - T.r_nocand,
                T.r_seen > T.r_nocand ? (double)T.r_right / (double)(T.r_seen - T.r_nocand) : 0, T.r_nocand,
                T.k_right, T.k_seen);
    }
    accumulate(&T.src, sum_src, 1.0 / runs);
    accumulate(&T.ref, sum_ref, 1.0 / runs);
    accumulate(&T.kind, sum_kind, 1.0 / runs);
    ro_model_free(T.kind.w);
    ro_model_free(T.kind.u);
    ro_model_free(T.src.w);
    ro_model_free(T.src.u);
    ro_model_free(T.ref.w);
    ro_model_free(T.ref.u);
    }
    FILE *out = outp ? fopen(outp, "w") : stdout;
    if (!out) {
        perror(outp);
        return 3;
    }
    fprintf(out, "# Speaker attribution models: weights learned from PolNeAR train by tools/train_speaker.c\n"
                 "# (scripts/train.sh).  Do not edit by hand; retrain.  A user's list may add or override lines.\n"
                 "# category (model: source, refer, kind)<TAB>feature<TAB>weight<TAB>\n");
    write_model(out, sum_src, "source");
    write_model(out, sum_ref, "refer");
    write_model(out, sum_kind, "kind");
    if (outp)
        fclose(out);
    ro_model_free(sum_src);
    ro_model_free(sum_ref);
    ro_model_free(sum_kind);
    ro_lexicon_free(lex);
    free(order);
    for (size_t i = 0; i < gs.n; i++) {
        for (size_t k = 0; k < gs.v[i].n; k++) {
            free(gs.v[i].q[k].source);
            free(gs.v[i].q[k].referent);
            free(gs.v[i].q[k].speaker);
        }
        free(gs.v[i].q);
        free(gs.v[i].doc);
        free(gs.v[i].path);
    }
    free(gs.v);
    return 0;
}
