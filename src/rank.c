/* rank.c: linear scoring models read from word lists (see rank.h). */
#include "rank.h"

#include <stdarg.h>

typedef ro_wslot slot;

struct ro_model {
    slot *v;
    char **feat; /* per slot, the feature's string: kept only for training models */
    size_t cap, n;
    bool keep_names;
};

/* A feature's hash: the polynomial hash of its bytes (h = h * P + byte,
 * modulo 2^64), then mixed (rank.h).  The polynomial hash of a
 * concatenation is made from its parts' (h(ab) = h(a) * P^|b| + h(b)), so
 * ro_fx_add hashes a feature from its parts with no copy, and the literal
 * parts ("side=", "|type=") once each (cached by address). */
#define POLY RO_FX_POLY
#define fmix ro_fx_mix

static uint64_t fhash(const char *s, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * POLY + (unsigned char)s[i];
    return fmix(h);
}

static slot *find(const ro_model *m, uint64_t h)
{
    if (!m->cap)
        return NULL;
    for (size_t j = h & (m->cap - 1);; j = (j + 1) & (m->cap - 1)) {
        if (m->v[j].h == h)
            return &m->v[j];
        if (!m->v[j].h)
            return NULL;
    }
}

static slot *insert(ro_model *m, uint64_t h)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 256;
        slot *nv = ro_xcalloc(ncap, sizeof *nv);
        char **nf = m->keep_names ? ro_xcalloc(ncap, sizeof *nf) : NULL;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->v[i].h)
                continue;
            size_t j = m->v[i].h & (ncap - 1);
            while (nv[j].h)
                j = (j + 1) & (ncap - 1);
            nv[j] = m->v[i];
            if (nf)
                nf[j] = m->feat[i];
        }
        free(m->v);
        free(m->feat);
        m->v = nv;
        m->feat = nf;
        m->cap = ncap;
    }
    size_t j = h & (m->cap - 1);
    while (m->v[j].h && m->v[j].h != h)
        j = (j + 1) & (m->cap - 1);
    if (!m->v[j].h) {
        m->v[j].h = h;
        m->v[j].w = 0;
        m->n++;
    }
    return &m->v[j];
}

ro_model *ro_model_new(void)
{
    ro_model *m = ro_xcalloc(1, sizeof *m);
    m->keep_names = true;
    return m;
}

void ro_model_free(ro_model *m)
{
    if (!m)
        return;
    if (m->feat)
        for (size_t i = 0; i < m->cap; i++)
            free(m->feat[i]);
    free(m->feat);
    free(m->v);
    free(m);
}

double ro_model_weight(const ro_model *m, const char *feat, size_t n)
{
    const slot *s = m ? find(m, fhash(feat, n)) : NULL;
    return s ? s->w : 0.0;
}

double *ro_model_slot(ro_model *m, const char *feat, size_t n)
{
    slot *s = insert(m, fhash(feat, n));
    if (m->keep_names && !m->feat[s - m->v])
        m->feat[s - m->v] = ro_xstrndup(feat, n);
    return &s->w;
}

void ro_model_each(const ro_model *m, ro_model_visit fn, void *ctx)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->v[i].h && m->feat && m->feat[i])
            fn(m->feat[i], m->v[i].w, ctx);
}

/* ---- models from the word list, cached on the lexicon ------------------------ */

typedef struct {
    char *name;
    ro_model *m;
} named_model;

typedef struct {
    named_model *v;
    size_t n, cap;
} model_cache;

typedef struct {
    ro_model *m;
    const char *name;
} load_ctx;

static int load_visit(const ro_lex_entry *e, void *vctx)
{
    load_ctx *x = vctx;
    if (strcmp(e->category, x->name) != 0)
        return 0;
    slot *s = insert(x->m, fhash(e->phrase, strlen(e->phrase)));
    s->w = e->weight; /* a later line (a user's list) overrides */
    return 0;
}

static void cache_free(void *p)
{
    model_cache *c = p;
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].name);
        ro_model_free(c->v[i].m);
    }
    free(c->v);
    free(c);
}

const ro_model *ro_model_get(const ro_lexicon *clex, const char *name)
{
    ro_lexicon *lex = (ro_lexicon *)clex; /* the cache is not part of the value */
    model_cache *c = lex->model_cache;
    if (!c) {
        c = ro_xcalloc(1, sizeof *c);
        lex->model_cache = c;
        lex->model_cache_free = cache_free;
    }
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->v[i].name, name))
            return c->v[i].m;
    ro_model *m = ro_xcalloc(1, sizeof *m);
    load_ctx x = {m, name};
    ro_lexicon_each(lex, "speaker_model", load_visit, &x);
    named_model nm = {ro_xstrdup(name), m};
    RO_PUSH(c->v, c->n, c->cap, nm);
    return m;
}

bool ro_model_empty(const ro_model *m)
{
    return !m || m->n == 0;
}

/* ---- collecting features ---------------------------------------------------------- */

void ro_fx_reset(ro_fx *fx, const ro_model *m, bool keep)
{
    static const slot empty[1];
    fx->m = m;
    fx->tab = m && m->cap ? m->v : empty;
    fx->mask = m && m->cap ? m->cap - 1 : 0;
    fx->score = 0;
    fx->keep = keep;
    fx->feats.len = 0;
    fx->nfeats = 0;
}

void ro_fx_free(ro_fx *fx)
{
    ro_buf_free(&fx->feats);
}

typedef struct {
    const char *p;
    uint64_t h, pw; /* hash, and POLY to the power of the length */
    size_t n;
} lit_entry;

static _Thread_local lit_entry lit_cache[2048];

static inline const lit_entry *literal(const char *p)
{
    lit_entry *e = &lit_cache[(((uintptr_t)p * 0x9E3779B97F4A7C15ULL) >> 53) & 2047];
    if (e->p != p) {
        uint64_t h = 0, pw = 1;
        size_t n = 0;
        for (const unsigned char *u = (const unsigned char *)p; *u; u++, n++) {
            h = h * POLY + *u;
            pw *= POLY;
        }
        e->p = p;
        e->h = h;
        e->pw = pw;
        e->n = n;
    }
    return e;
}

void ro_fx_add(ro_fx *fx, const char *first, ...)
{
    uint64_t h = 0;
    va_list ap;
    va_start(ap, first);
    bool lit = true;
    for (const char *p = first; p; p = va_arg(ap, const char *), lit = !lit) {
        if (lit) {
            const lit_entry *e = literal(p);
            h = h * e->pw + e->h;
            if (fx->keep)
                ro_buf_put(&fx->feats, p, e->n);
        } else {
            const unsigned char *u = (const unsigned char *)p;
            for (; *u; u++)
                h = h * POLY + *u;
            if (fx->keep)
                ro_buf_put(&fx->feats, p, (size_t)(u - (const unsigned char *)p));
        }
    }
    va_end(ap);
    ro_fx_put(fx, h);
    if (fx->keep) {
        ro_buf_putc(&fx->feats, '\0');
        fx->nfeats++;
    }
}
