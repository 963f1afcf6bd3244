/* lexicon.c: word lists as data.
 *
 * A list is a TSV file "category<TAB>phrase<TAB>weight<TAB>note" whose name
 * (without .tsv) is the list's name.  The built-in lists are compiled in
 * from data/; users add files with ro_lexicon_add_file().  Lists are then
 * compiled into matchers: word classes here, phrase matchers in match.c.
 */
#include "internal.h"
#include "match.h"
#include "tokens.h"

#include <errno.h>

struct ro_wordclass {
    const ro_class_spec *spec;
    char **keys;
    uint32_t *bits;
    uint32_t *lens; /* strlen of each key */
    size_t cap, n;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Word classes' hash: eight bytes at a time, the last chunk padded with
 * zeros, so that ro_wordclass_get() can fold and hash a word a chunk at a
 * time.  Keys are stored zero-padded to whole chunks and compared so. */
static inline uint64_t wc_mix(uint64_t h, uint64_t c)
{
    h ^= c;
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 32);
}

static uint64_t wc_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL ^ n;
    for (size_t i = 0; i < n; i += 8) {
        unsigned char b[8] = {0};
        memcpy(b, s + i, n - i < 8 ? n - i : 8);
        uint64_t c;
        memcpy(&c, b, 8);
        h = wc_mix(h, c);
    }
    return h ^ (h >> 29);
}

/* Fold a word for lookup: ASCII lower case, ’ → '.  Returns the folded
 * length, or 0 if it does not fit in out. */
static size_t fold_word(const char *s, size_t n, char *out, size_t outsz)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
            c = '\'';
            i += 2;
        } else if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c + 32);
        }
        if (k + 1 >= outsz)
            return 0;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return k;
}

void ro_lexicon_each(const ro_lexicon *lex, const char *list, ro_lex_visit fn, void *ctx)
{
    for (size_t i = 0; i < lex->n; i++)
        if (strcmp(lex->entries[i].list, list) == 0)
            if (fn(&lex->entries[i], ctx))
                return;
}

static void wc_free(struct ro_wordclass *wc);
static void catmaps_free(ro_lexicon *lex);

/* Entries were added: compiled classes are stale. */
static void invalidate(ro_lexicon *lex)
{
    catmaps_free(lex);
    for (size_t i = 0; i < lex->nclasses; i++) {
        wc_free(lex->classes[i]);
        free(lex->classes[i]);
    }
    lex->nclasses = 0;
}

int ro_lexicon_add_text(ro_lexicon *lex, const char *list, const char *text, size_t len,
                        const char *origin, ro_error *err)
{
    size_t validlen = ro_utf8_valid_prefix((const unsigned char *)text, len);
    if (validlen < len) {
        ro_set_error(err, RO_ERR_LEXICON, validlen, "%s: invalid UTF-8 at byte offset %zu",
                     origin, validlen);
        return -1;
    }
    const char *cur_list = ro_arena_strndup(&lex->arena, list, strlen(list));
    const char *org = ro_arena_strndup(&lex->arena, origin, strlen(origin));
    size_t i = 0, lineno = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        size_t ls = i;
        lineno++;
        i = e + 1;
        size_t le = e;
        if (le > ls && text[le - 1] == '\r')
            le--;
        if (le == ls)
            continue;
        if (text[ls] == '#') {
            if (le - ls > 6 && memcmp(text + ls, "#list ", 6) == 0) {
                size_t a = ls + 6;
                while (a < le && text[a] == ' ')
                    a++;
                cur_list = ro_arena_strndup(&lex->arena, text + a, le - a);
            }
            continue;
        }
        const char *col[4] = {0};
        size_t cl[4] = {0};
        size_t ncol = 0, a = ls;
        while (ncol < 4) {
            const char *tab = memchr(text + a, '\t', le - a);
            size_t b = tab ? (size_t)(tab - text) : le;
            col[ncol] = text + a;
            cl[ncol] = b - a;
            ncol++;
            if (!tab)
                break;
            a = b + 1;
        }
        if (ncol < 2 || cl[0] == 0 || cl[1] == 0) {
            ro_set_error(err, RO_ERR_LEXICON, ls,
                         "%s:%zu: expected \"category<TAB>phrase[<TAB>weight<TAB>note]\"", origin,
                         lineno);
            return -1;
        }
        ro_lex_entry en;
        en.list = cur_list;
        en.category = ro_arena_strndup(&lex->arena, col[0], cl[0]);
        en.phrase = ro_arena_strndup(&lex->arena, col[1], cl[1]);
        en.weight = 1.0;
        if (ncol >= 3 && cl[2]) {
            char buf[32];
            size_t k = cl[2] < sizeof buf - 1 ? cl[2] : sizeof buf - 1;
            memcpy(buf, col[2], k);
            buf[k] = '\0';
            char *endp;
            errno = 0;
            double w = strtod(buf, &endp);
            if (endp == buf || *endp != '\0' || errno) {
                ro_set_error(err, RO_ERR_LEXICON, ls, "%s:%zu: weight \"%s\" is not a number",
                             origin, lineno, buf);
                return -1;
            }
            if (!(w >= -RO_WEIGHT_MAX && w <= RO_WEIGHT_MAX)) { /* NaN, infinities, absurd sizes */
                ro_set_error(err, RO_ERR_LEXICON, ls,
                             "%s:%zu: weight \"%s\" is out of range (a finite number from -%g to %g)",
                             origin, lineno, buf, RO_WEIGHT_MAX, RO_WEIGHT_MAX);
                return -1;
            }
            en.weight = w;
        }
        en.note = ncol >= 4 ? ro_arena_strndup(&lex->arena, col[3], cl[3]) : "";
        en.origin = org;
        RO_PUSH(lex->entries, lex->n, lex->cap, en);
        invalidate(lex);
        ro_lexicon_drop_matchers(lex, en.list);
    }
    if (lex->model_cache) { /* the scoring models (rank.c) are stale */
        lex->model_cache_free(lex->model_cache);
        lex->model_cache = NULL;
    }
    if (lex->names_cache) { /* the compiled name lists (find_names.c) are stale */
        lex->names_cache_free(lex->names_cache);
        lex->names_cache = NULL;
    }
    return 0;
}

static const char *list_name_from_file(ro_arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        n = (size_t)(dot - base);
    return ro_arena_strndup(a, base, n);
}

ro_lexicon *ro_lexicon_new_default(ro_error *err)
{
    ro_lexicon *lex = ro_xcalloc(1, sizeof *lex);
    for (const ro_embedded_file *f = ro_embedded_files; f->name; f++) {
        const char *list = list_name_from_file(&lex->arena, f->name);
        if (ro_lexicon_add_text(lex, list, f->data, f->len, f->name, err) < 0) {
            ro_lexicon_free(lex);
            return NULL;
        }
    }
    return lex;
}

int ro_lexicon_add_file(ro_lexicon *lex, const char *path, ro_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        ro_set_error(err, RO_ERR_IO, 0, "%s: %s", path, strerror(errno));
        return -1;
    }
    ro_buf b = {0};
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (b.len + k > (64u << 20)) {
            fclose(fp);
            ro_buf_free(&b);
            ro_set_error(err, RO_ERR_LEXICON, 0, "%s: word list larger than 64 MiB", path);
            return -1;
        }
        ro_buf_put(&b, chunk, k);
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        ro_buf_free(&b);
        ro_set_error(err, RO_ERR_IO, 0, "%s: read error", path);
        return -1;
    }
    const char *list = list_name_from_file(&lex->arena, path);
    int rc = ro_lexicon_add_text(lex, list, b.data ? b.data : "", b.len, path, err);
    ro_buf_free(&b);
    return rc;
}

/* ---- word classes ------------------------------------------------------------- */


static void wc_add(struct ro_wordclass *wc, const char *w, size_t k, uint32_t bit)
{
    if ((wc->n + 1) * 2 > wc->cap) {
        size_t ncap = wc->cap ? wc->cap * 2 : 256;
        char **nk = ro_xcalloc(ncap, sizeof *nk);
        uint32_t *nb = ro_xcalloc(ncap, sizeof *nb);
        uint32_t *nl = ro_xcalloc(ncap, sizeof *nl);
        for (size_t i = 0; i < wc->cap; i++) {
            if (!wc->keys[i])
                continue;
            size_t j = wc_hash(wc->keys[i], wc->lens[i]) & (ncap - 1);
            while (nk[j])
                j = (j + 1) & (ncap - 1);
            nk[j] = wc->keys[i];
            nb[j] = wc->bits[i];
            nl[j] = wc->lens[i];
        }
        free(wc->keys);
        free(wc->bits);
        free(wc->lens);
        wc->keys = nk;
        wc->bits = nb;
        wc->lens = nl;
        wc->cap = ncap;
    }
    k = strnlen(w, k); /* (as ro_xstrndup would keep it) */
    size_t j = wc_hash(w, k) & (wc->cap - 1);
    while (wc->keys[j]) {
        if (wc->lens[j] == k && !memcmp(wc->keys[j], w, k)) {
            wc->bits[j] |= bit;
            return;
        }
        j = (j + 1) & (wc->cap - 1);
    }
    wc->keys[j] = ro_xcalloc(k / 8 + 1, 8); /* zero-padded to whole chunks */
    memcpy(wc->keys[j], w, k);
    wc->bits[j] = bit;
    wc->lens[j] = (uint32_t)k;
    wc->n++;
}

typedef struct {
    struct ro_wordclass *wc;
    const ro_class_spec *sp;
    bool split;
} wc_ctx;

static int wc_visit(const ro_lex_entry *e, void *vctx)
{
    wc_ctx *x = vctx;
    if (x->sp->category && strcmp(x->sp->category, e->category) != 0)
        return 0;
    char w[64];
    const char *p = e->phrase;
    if (!x->split) {
        size_t k = fold_word(p, strlen(p), w, sizeof w);
        if (k > 1 && w[k - 1] == '.')
            k--; /* "Gen." is looked up as "gen" */
        if (k)
            wc_add(x->wc, w, k, x->sp->bit);
        return 0;
    }
    while (*p) {
        while (*p == ' ')
            p++;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        size_t k = fold_word(p, (size_t)(q - p), w, sizeof w);
        if (k > 1 && w[k - 1] == '.')
            w[--k] = '\0';
        if (k && strcmp(w, "to") && strcmp(w, "the") && strcmp(w, "of") && strcmp(w, "for") &&
            strcmp(w, "and"))
            wc_add(x->wc, w, k, x->sp->bit);
        p = q;
    }
    return 0;
}

const ro_wordclass *ro_lexicon_wordclass(const ro_lexicon *clex, const ro_class_spec *spec, size_t n)
{
    ro_lexicon *lex = (ro_lexicon *)clex; /* the cache is not part of the value */
    for (size_t i = 0; i < lex->nclasses; i++)
        if (lex->classes[i]->spec == spec)
            return lex->classes[i];
    struct ro_wordclass *pwc = ro_xcalloc(1, sizeof *pwc);
    struct ro_wordclass wc = {0};
    wc.spec = spec;
    for (size_t i = 0; i < n; i++) {
        const ro_class_spec *sp = &spec[i];
        if (sp->builtin) {
            for (size_t k = 0; sp->builtin[k]; k++)
                wc_add(&wc, sp->builtin[k], strlen(sp->builtin[k]), sp->bit);
            continue;
        }
        size_t ll = strlen(sp->list);
        bool split = ll > 6 && !strcmp(sp->list + ll - 6, ":words");
        char base[128];
        snprintf(base, sizeof base, "%.*s", (int)(split ? ll - 6 : ll), sp->list);
        wc_ctx x = {&wc, sp, split};
        ro_lexicon_each(lex, base, wc_visit, &x);
    }
    *pwc = wc;
    RO_PUSH(lex->classes, lex->nclasses, lex->capclasses, pwc);
    return pwc;
}

uint32_t ro_wordclass_get(const ro_wordclass *wc, const char *s, size_t n)
{
    if (!wc || !wc->n || !n)
        return 0;
    /* folded a chunk of eight bytes at a time: ASCII upper case to lower
     * (no carries below 0x80), hashed as wc_hash() */
    uint64_t w[8];
    size_t nw = n < 64 ? (n + 7) / 8 : 0, k = n; /* (a longer word may still fold to fewer bytes) */
    uint64_t h = 1469598103934665603ULL ^ n;
    size_t q = 0;
    for (; q < nw; q++) {
        uint64_t c;
        size_t r = n - q * 8;
        if (r >= 8) {
            memcpy(&c, s + q * 8, 8);
        } else {
            c = ro_load_tail(s + q * 8, r); /* the last bytes, none beyond the word */
        }
        if (c & 0x8080808080808080ULL)
            break;
        uint64_t ge_a = c + 0x3F3F3F3F3F3F3F3FULL, gt_z = c + 0x2525252525252525ULL;
        c |= (ge_a & ~gt_z & 0x8080808080808080ULL) >> 2;
        w[q] = c;
        h = wc_mix(h, c);
    }
    if (q < nw || n >= 64) { /* not ASCII: fold byte by byte (’ and ‘ read as ') */
        unsigned char b[64] = {0};
        k = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80) {
                c = (unsigned char)(c + (((unsigned)(c - 'A') < 26u) << 5));
            } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                       ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
                c = '\'';
                i += 2;
            }
            if (k + 1 >= sizeof b)
                return 0;
            b[k++] = c;
        }
        nw = (k + 7) / 8;
        memcpy(w, b, sizeof w);
        h = 1469598103934665603ULL ^ k;
        for (q = 0; q < nw; q++)
            h = wc_mix(h, w[q]);
    }
    h ^= h >> 29;
    for (size_t j = h & (wc->cap - 1); wc->keys[j]; j = (j + 1) & (wc->cap - 1)) {
        if (wc->lens[j] != k)
            continue;
        const char *key = wc->keys[j];
        size_t m = 0;
        for (; m < nw; m++) {
            uint64_t c;
            memcpy(&c, key + m * 8, 8);
            if (c != w[m])
                break;
        }
        if (m == nw)
            return wc->bits[j];
    }
    return 0;
}

/* ---- a word's category in one list ------------------------------------------ */

struct ro_catmap {
    char *list;
    char **keys;
    const char **cats;
    size_t cap, n;
};

typedef struct {
    struct ro_catmap *m;
} cm_ctx;

static void cm_put(struct ro_catmap *m, const char *w, size_t k, const char *cat)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        char **nk = ro_xcalloc(ncap, sizeof *nk);
        const char **nc = ro_xcalloc(ncap, sizeof *nc);
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            size_t j = hash_bytes(m->keys[i], strlen(m->keys[i])) & (ncap - 1);
            while (nk[j])
                j = (j + 1) & (ncap - 1);
            nk[j] = m->keys[i];
            nc[j] = m->cats[i];
        }
        free(m->keys);
        free(m->cats);
        m->keys = nk;
        m->cats = nc;
        m->cap = ncap;
    }
    size_t j = hash_bytes(w, k) & (m->cap - 1);
    while (m->keys[j]) {
        if (!strcmp(m->keys[j], w))
            return; /* the first entry with a word keeps it */
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = ro_xstrndup(w, k);
    m->cats[j] = cat;
    m->n++;
}

static int cm_visit(const ro_lex_entry *e, void *vctx)
{
    cm_ctx *x = vctx;
    char w[64];
    size_t k = fold_word(e->phrase, strlen(e->phrase), w, sizeof w);
    if (k)
        cm_put(x->m, w, k, e->category);
    return 0;
}

const char *ro_lexicon_category(const ro_lexicon *clex, const char *list, const char *s, size_t n)
{
    ro_lexicon *lex = (ro_lexicon *)clex; /* the cache is not part of the value */
    struct ro_catmap *m = NULL;
    for (size_t i = 0; i < lex->ncatmaps; i++)
        if (!strcmp(lex->catmaps[i]->list, list))
            m = lex->catmaps[i];
    if (!m) {
        m = ro_xcalloc(1, sizeof *m);
        m->list = ro_xstrdup(list);
        cm_ctx x = {m};
        ro_lexicon_each(lex, list, cm_visit, &x);
        RO_PUSH(lex->catmaps, lex->ncatmaps, lex->capcatmaps, m);
    }
    char w[64];
    size_t k = fold_word(s, n, w, sizeof w);
    if (!k || !m->cap)
        return NULL;
    for (size_t j = hash_bytes(w, k) & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (!strcmp(m->keys[j], w))
            return m->cats[j];
    return NULL;
}

static void catmaps_free(ro_lexicon *lex)
{
    for (size_t i = 0; i < lex->ncatmaps; i++) {
        struct ro_catmap *m = lex->catmaps[i];
        for (size_t j = 0; j < m->cap; j++)
            free(m->keys[j]);
        free(m->keys);
        free(m->cats);
        free(m->list);
        free(m);
    }
    lex->ncatmaps = 0;
}

static void wc_free(struct ro_wordclass *wc)
{
    for (size_t i = 0; i < wc->cap; i++)
        free(wc->keys[i]);
    free(wc->keys);
    free(wc->bits);
    free(wc->lens);
}

void ro_lexicon_free(ro_lexicon *lex)
{
    if (!lex)
        return;
    invalidate(lex);
    free(lex->classes);
    free(lex->catmaps);
    if (lex->names_cache)
        lex->names_cache_free(lex->names_cache);
    if (lex->model_cache)
        lex->model_cache_free(lex->model_cache);
    free(lex->entries);
    ro_arena_free(&lex->arena);
    ro_lexicon_drop_matchers(lex, NULL);
    free(lex->matchers);
    free(lex);
}
