/* rank.c: linear scoring models read from word lists (see rank.h). */
#include "rank.h"

#include <stdarg.h>

typedef struct {
    uint64_t h; /* 0: empty */
    double w;
    char *feat; /* kept only for training models */
} slot;

struct ro_model {
    slot *v;
    size_t cap, n;
    bool keep_names;
};

static uint64_t fhash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
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
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->v[i].h)
                continue;
            size_t j = m->v[i].h & (ncap - 1);
            while (nv[j].h)
                j = (j + 1) & (ncap - 1);
            nv[j] = m->v[i];
        }
        free(m->v);
        m->v = nv;
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
    for (size_t i = 0; i < m->cap; i++)
        free(m->v[i].feat);
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
    if (m->keep_names && !s->feat)
        s->feat = ro_xstrndup(feat, n);
    return &s->w;
}

void ro_model_each(const ro_model *m, ro_model_visit fn, void *ctx)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->v[i].h && m->v[i].feat)
            fn(m->v[i].feat, m->v[i].w, ctx);
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

/* ---- collecting features ---------------------------------------------------------- */

void ro_fx_reset(ro_fx *fx, const ro_model *m, bool keep)
{
    fx->m = m;
    fx->score = 0;
    fx->keep = keep;
    fx->feats.len = 0;
    fx->nfeats = 0;
}

void ro_fx_free(ro_fx *fx)
{
    ro_buf_free(&fx->feats);
}

void ro_fx_add(ro_fx *fx, const char *first, ...)
{
    char buf[160];
    size_t n = 0;
    va_list ap;
    va_start(ap, first);
    for (const char *p = first; p; p = va_arg(ap, const char *)) {
        size_t l = strlen(p);
        if (n + l >= sizeof buf)
            l = sizeof buf - 1 - n;
        memcpy(buf + n, p, l);
        n += l;
    }
    va_end(ap);
    buf[n] = '\0';
    fx->score += ro_model_weight(fx->m, buf, n);
    if (fx->keep) {
        ro_buf_put(&fx->feats, buf, n + 1);
        fx->nfeats++;
    }
}
