/* match.c: word tokens and a compiled phrase matcher (see match.h).
 *
 * Compiled form: every distinct word written in the list gets an id; a
 * vocabulary hash maps each surface form (the word itself and, unless it
 * is written =word, its regular inflections) to the ids it stands for.
 * Phrases are paths in a trie whose edges live in one hash table keyed by
 * (node, word id, mode), mode saying whether the edge takes inflected forms
 * and capitalised mid-sentence words.  Matching folds and hashes each word
 * once, then walks the trie from each word that is in the vocabulary.
 */
#include "match.h"

#include <libstemmer.h>
#include <utf8proc.h>

/* ---- words ------------------------------------------------------------------- */

/* byte classes: 1 letter or digit, 2 horizontal space, 3 newline, 4 hyphen,
 * 5 punctuation that starts a clause or sentence, 6 other punctuation */
static const unsigned char ascii_class[128] = {
    ['\t'] = 2, ['\v'] = 2, ['\f'] = 2, ['\r'] = 2, [' '] = 2, ['\n'] = 3, ['-'] = 4,
    ['.'] = 5, ['!'] = 5, ['?'] = 5, [':'] = 5, [';'] = 5, ['"'] = 5, ['('] = 5, ['['] = 5,
    ['\''] = 5, ['{'] = 5,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

static int byte_class(unsigned char c)
{
    int k = ascii_class[c];
    return k ? k : 6;
}

/* Characters that vanish inside a word: soft hyphen, zero-width ones. */
static bool is_invisible(int32_t cp)
{
    return cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
           cp == 0xFEFF;
}

static bool is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp < 128 && ascii_class[cp] == 1;
    if (cp == 0xFFFD)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ND;
}

static bool is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018;
}

/* Is the code point at s[i] (i < n) a word character? */
static bool word_at(const unsigned char *s, size_t n, size_t i)
{
    if (i >= n)
        return false;
    if (s[i] < 0x80)
        return ascii_class[s[i]] == 1;
    size_t l;
    return is_word_cp(ro_utf8_decode(s, n, i, &l));
}

static size_t words_from(const char *text, ro_span span, unsigned pending, ro_word_fn fn,
                         void *ctx)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = span.start, n = span.end, count = 0;
    /* pending: flags for the next word */
    int newlines = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            int k = byte_class(c);
            if (k != 1) {
                if (k == 3 && ++newlines >= 2)
                    pending |= RO_W_INITIAL;
                else if (k == 5)
                    pending |= RO_W_BREAK | RO_W_INITIAL;
                else if (k == 6)
                    pending |= RO_W_BREAK;
                i++;
                continue;
            }
        } else {
            size_t l;
            int32_t cp = ro_utf8_decode(s, n, i, &l);
            if (!is_word_cp(cp)) {
                if (cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0x201C ||
                    cp == 0x2018 || cp == 0xAB || cp == 0x201E || cp == 0x2026)
                    pending |= RO_W_BREAK | RO_W_INITIAL;
                else if (cp == 0x2010 || cp == 0x2011)
                    ; /* hyphens */
                else if (!ro_cp_is_space(cp))
                    pending |= RO_W_BREAK;
                i += l;
                continue;
            }
        }
        /* a word starts at i */
        ro_word w = {i, i, pending};
        bool first = true, has_lower = false, first_upper = false;
        size_t j = i;
        while (j < n) {
            unsigned char d = s[j];
            if (d < 0x80) {
                if (ascii_class[d] == 1) {
                    if (first)
                        first_upper = d >= 'A' && d <= 'Z';
                    else if (d >= 'a' && d <= 'z')
                        has_lower = true;
                    first = false;
                    j++;
                    continue;
                }
                if (d == '\'' && word_at(s, n, j + 1)) {
                    j++;
                    continue;
                }
                break;
            }
            size_t l;
            int32_t cp = ro_utf8_decode(s, n, j, &l);
            if (is_word_cp(cp)) {
                if (first)
                    first_upper = ro_cp_is_upper(cp);
                else if (ro_cp_is_lower(cp))
                    has_lower = true;
                first = false;
                j += l;
                continue;
            }
            if ((is_apostrophe(cp) || is_invisible(cp)) && word_at(s, n, j + l)) {
                j += l;
                continue;
            }
            break;
        }
        w.end = j;
        if (first_upper && (has_lower || j - i == 1))
            w.flags |= RO_W_CAP;
        count++;
        if (fn && fn(&w, ctx))
            return count;
        pending = 0;
        newlines = 0;
        i = j;
    }
    return count;
}

size_t ro_words(const char *text, ro_span span, ro_word_fn fn, void *ctx)
{
    return words_from(text, span, RO_W_INITIAL, fn, ctx);
}

size_t ro_word_fold(const char *text, const ro_word *w, char *out, size_t outsz)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t k = 0, i = w->start;
    while (i < w->end) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (k + 2 > outsz)
                return 0;
            out[k++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
            i++;
            continue;
        }
        size_t l;
        int32_t cp = ro_utf8_decode(s, w->end, i, &l);
        i += l;
        if (is_invisible(cp))
            continue;
        if (is_apostrophe(cp))
            cp = '\'';
        else
            cp = utf8proc_tolower(cp);
        char enc[4];
        int el = ro_utf8_encode(cp, enc);
        if (el <= 0 || k + (size_t)el + 1 > outsz)
            return 0;
        memcpy(out + k, enc, (size_t)el);
        k += (size_t)el;
    }
    if (k + 1 > outsz)
        return 0;
    out[k] = '\0';
    return k;
}

/* ---- the compiled matcher ------------------------------------------------------- */

typedef struct {
    uint32_t id;
    uint32_t infl; /* 1 when this surface form is an inflection of the word */
    uint32_t next; /* index + 1 of the next ref for the same surface form, 0 = none */
    uint32_t rx_off, rx_n; /* the root's edges for this word: m->rx[rx_off..+rx_n) */
} vref;

typedef struct {
    uint32_t child;
    uint32_t mode;
} rootx;

typedef struct {
    uint32_t tag; /* high bits of the hash */
    uint32_t ref; /* index + 1 of the first ref; 0 = empty slot */
} vslot;

typedef struct {
    uint32_t off, len; /* folded form in m->strings */
} vkey;

typedef struct {
    uint64_t key; /* 0 = empty */
    uint32_t child;
} edge;

typedef struct {
    const ro_lex_entry *e;
    uint32_t next;
} term;

struct ro_matcher {
    char *list;
    ro_buf strings;
    vslot *vocab; /* small slots, so the table stays in cache */
    vkey *vkeys;  /* beside them, read only when a tag matches */
    size_t vcap, vn;
    vref *refs;
    size_t nrefs, caprefs;
    uint8_t *idmodes; /* per word id: bit m set when an edge uses mode m */
    size_t nids, capids;
    uint8_t *idinfl; /* per word id: inflections added */
    size_t ninfl, capinfl;
    edge *edges;
    size_t ecap, en;
    uint32_t *term_first; /* per node: index + 1 into terms */
    size_t nnodes, capnodes;
    term *terms;
    size_t nterms, capterms;
    size_t maxdepth;
    size_t nvariants;
    /* built once compiled, to spare hash probes while matching */
    uint64_t *node_mask; /* per node: a bit per (word id, mode) of its edges */
    rootx *rx;
    size_t nrx, caprx;
};

static unsigned mask_bit(uint32_t id, unsigned mode)
{
    return (unsigned)(((id * 0x9E3779B1u) ^ (mode * 0x85EBCA77u)) * 0x27D4EB2Fu >> 26);
}

enum { MODE_EXACT = 1, MODE_LOWER = 2, MODE_INITIAL = 4 };
#define MAX_PHRASE_WORDS 32
#define MAX_VARIANTS 4096

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ^ (h >> 29);
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static vslot *vocab_find(const ro_matcher *m, const char *w, size_t n, uint64_t h)
{
    if (!m->vcap)
        return NULL;
    uint32_t tag = (uint32_t)(h >> 32);
    size_t j = h & (m->vcap - 1);
    for (;;) {
        vslot *v = &m->vocab[j];
        if (!v->ref)
            return NULL;
        if (v->tag == tag && m->vkeys[j].len == n &&
            memcmp(m->strings.data + m->vkeys[j].off, w, n) == 0)
            return v;
        j = (j + 1) & (m->vcap - 1);
    }
}

static void vocab_grow(ro_matcher *m)
{
    size_t ncap = m->vcap ? m->vcap * 2 : 256;
    vslot *nv = ro_xcalloc(ncap, sizeof *nv);
    vkey *nk = ro_xcalloc(ncap, sizeof *nk);
    for (size_t i = 0; i < m->vcap; i++) {
        if (!m->vocab[i].ref)
            continue;
        const vkey *k = &m->vkeys[i];
        size_t j = hash_bytes(m->strings.data + k->off, k->len) & (ncap - 1);
        while (nv[j].ref)
            j = (j + 1) & (ncap - 1);
        nv[j] = m->vocab[i];
        nk[j] = *k;
    }
    free(m->vocab);
    free(m->vkeys);
    m->vocab = nv;
    m->vkeys = nk;
    m->vcap = ncap;
}

/* Add (id, infl) to the surface form w unless the id is there already. */
static void vocab_add(ro_matcher *m, const char *w, size_t n, uint32_t id, uint32_t infl)
{
    uint64_t h = hash_bytes(w, n);
    vslot *v = vocab_find(m, w, n, h);
    if (v) {
        for (uint32_t r = v->ref; r; r = m->refs[r - 1].next)
            if (m->refs[r - 1].id == id) {
                if (!infl)
                    m->refs[r - 1].infl = 0;
                return;
            }
    } else {
        if ((m->vn + 1) * 2 > m->vcap)
            vocab_grow(m);
        size_t j = h & (m->vcap - 1);
        while (m->vocab[j].ref)
            j = (j + 1) & (m->vcap - 1);
        v = &m->vocab[j];
        v->tag = (uint32_t)(h >> 32);
        m->vkeys[j].off = (uint32_t)m->strings.len;
        m->vkeys[j].len = (uint32_t)n;
        ro_buf_put(&m->strings, w, n);
        m->vn++;
        v->ref = 0;
    }
    vref r = {id, infl, v->ref, 0, 0};
    RO_PUSH(m->refs, m->nrefs, m->caprefs, r);
    v->ref = (uint32_t)m->nrefs;
}

/* The id of the word written w (its base form), creating it if new. */
static uint32_t word_id(ro_matcher *m, const char *w, size_t n, bool inflect,
                        struct sb_stemmer *st)
{
    uint64_t h = hash_bytes(w, n);
    vslot *v = vocab_find(m, w, n, h);
    uint32_t id = UINT32_MAX;
    if (v)
        for (uint32_t r = v->ref; r; r = m->refs[r - 1].next)
            if (!m->refs[r - 1].infl) /* a base form */
                id = m->refs[r - 1].id;
    if (id == UINT32_MAX) {
        id = (uint32_t)m->nids;
        RO_PUSH(m->idmodes, m->nids, m->capids, 0);
        RO_PUSH(m->idinfl, m->ninfl, m->capinfl, 0);
        vocab_add(m, w, n, id, 0);
    }
    if (!inflect || !st || m->idinfl[id])
        return id;
    m->idinfl[id] = 1;
    /* regular English inflections, kept when Snowball gives the same stem */
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)w[i] >= 0x80 || !(w[i] >= 'a' && w[i] <= 'z'))
            return id;
    if (n < 2 || n > 40)
        return id;
    char base_stem[64];
    const sb_symbol *bs = sb_stemmer_stem(st, (const sb_symbol *)w, (int)n);
    int bl = bs ? sb_stemmer_length(st) : 0;
    if (!bs || bl <= 0 || bl >= (int)sizeof base_stem)
        return id;
    memcpy(base_stem, bs, (size_t)bl);
    char forms[12][64];
    int nf = 0;
    char last = w[n - 1], prev = w[n - 2];
    bool vowel_last = strchr("aeiou", last) != NULL, vowel_prev = strchr("aeiou", prev) != NULL;
    static const char *const suf[] = {"s", "es", "ed", "d", "ing"};
    for (size_t k = 0; k < 5; k++)
        snprintf(forms[nf++], 64, "%.*s%s", (int)n, w, suf[k]);
    if (last == 'e') {
        snprintf(forms[nf++], 64, "%.*sing", (int)(n - 1), w);
    }
    if (last == 'y' && !vowel_prev) {
        snprintf(forms[nf++], 64, "%.*sies", (int)(n - 1), w);
        snprintf(forms[nf++], 64, "%.*sied", (int)(n - 1), w);
    }
    if (!vowel_last && vowel_prev && n >= 3 && !strchr("aeiou", w[n - 3]) &&
        !strchr("wxy", last)) {
        snprintf(forms[nf++], 64, "%.*s%ced", (int)n, w, last);
        snprintf(forms[nf++], 64, "%.*s%cing", (int)n, w, last);
    }
    for (int k = 0; k < nf; k++) {
        size_t fl = strlen(forms[k]);
        const sb_symbol *fs = sb_stemmer_stem(st, (const sb_symbol *)forms[k], (int)fl);
        if (fs && sb_stemmer_length(st) == bl && memcmp(fs, base_stem, (size_t)bl) == 0)
            vocab_add(m, forms[k], fl, id, 1);
    }
    return id;
}

static uint64_t edge_key(uint32_t node, uint32_t id, unsigned mode)
{
    return ((uint64_t)node << 32) | ((uint64_t)id << 3) | mode;
}

static uint32_t edge_get(const ro_matcher *m, uint64_t key)
{
    size_t j = mix64(key) & (m->ecap - 1);
    for (;;) {
        const edge *e = &m->edges[j];
        if (e->key == key)
            return e->child;
        if (!e->key)
            return 0;
        j = (j + 1) & (m->ecap - 1);
    }
}

static uint32_t new_node(ro_matcher *m)
{
    RO_PUSH(m->term_first, m->nnodes, m->capnodes, 0);
    return (uint32_t)m->nnodes; /* node numbers start at 1 */
}

static uint32_t edge_add(ro_matcher *m, uint32_t node, uint32_t id, unsigned mode)
{
    uint64_t key = edge_key(node, id, mode);
    if ((m->en + 1) * 2 > m->ecap) {
        size_t ncap = m->ecap ? m->ecap * 2 : 256;
        edge *ne = ro_xcalloc(ncap, sizeof *ne);
        for (size_t i = 0; i < m->ecap; i++) {
            if (!m->edges[i].key)
                continue;
            size_t j = mix64(m->edges[i].key) & (ncap - 1);
            while (ne[j].key)
                j = (j + 1) & (ncap - 1);
            ne[j] = m->edges[i];
        }
        free(m->edges);
        m->edges = ne;
        m->ecap = ncap;
    }
    size_t j = mix64(key) & (m->ecap - 1);
    while (m->edges[j].key) {
        if (m->edges[j].key == key)
            return m->edges[j].child;
        j = (j + 1) & (m->ecap - 1);
    }
    uint32_t child = new_node(m);
    m->edges[j].key = key;
    m->edges[j].child = child;
    m->en++;
    return child;
}

/* ---- phrase syntax ---------------------------------------------------------- */

typedef struct {
    char w[RO_WORD_MAX];
    unsigned char len;
    unsigned char mode; /* MODE_EXACT | MODE_LOWER | MODE_INITIAL */
} pword;

typedef struct {
    pword *words;
    size_t n;
} pseq;

typedef struct {
    pseq *alts;
    size_t nalts, capalts;
} pslot;

typedef struct {
    const char *text;
    pword *out;
    size_t n, cap;
    unsigned mode;
    bool bad;
} pw_ctx;

static int pw_visit(const ro_word *w, void *vctx)
{
    pw_ctx *c = vctx;
    pword p = {{0}, 0, (unsigned char)c->mode};
    size_t k = ro_word_fold(c->text, w, p.w, sizeof p.w);
    if (!k) {
        c->bad = true;
        return 1;
    }
    p.len = (unsigned char)k;
    RO_PUSH(c->out, c->n, c->cap, p);
    return 0;
}

/* Parse one alternative ("=will", "_may", "trust-based") into words. */
static bool parse_alt(const char *s, size_t n, pseq *out)
{
    unsigned mode = 0;
    while (n && (*s == '=' || *s == '_' || *s == '^')) {
        mode |= *s == '=' ? MODE_EXACT : *s == '_' ? MODE_LOWER : MODE_INITIAL;
        s++;
        n--;
    }
    pw_ctx c = {s, NULL, 0, 0, mode, false};
    ro_words(s, (ro_span){0, n}, pw_visit, &c);
    if (c.bad || c.n == 0) {
        free(c.out);
        return false;
    }
    out->words = c.out;
    out->n = c.n;
    return true;
}

static void free_slots(pslot *slots, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t a = 0; a < slots[i].nalts; a++)
            free(slots[i].alts[a].words);
        free(slots[i].alts);
    }
    free(slots);
}

/* Append the product of seqs `add` onto every sequence in `cur`. */
static bool seq_product(pseq **cur, size_t *ncur, const pseq *add, size_t nadd)
{
    if (*ncur * nadd > MAX_VARIANTS)
        return false;
    pseq *out = ro_xcalloc(*ncur * nadd + 1, sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < *ncur; i++)
        for (size_t j = 0; j < nadd; j++) {
            size_t len = (*cur)[i].n + add[j].n;
            if (len > MAX_PHRASE_WORDS) {
                for (size_t q = 0; q < k; q++)
                    free(out[q].words);
                free(out);
                return false;
            }
            out[k].words = ro_xmalloc((len + 1) * sizeof(pword));
            if ((*cur)[i].n)
                memcpy(out[k].words, (*cur)[i].words, (*cur)[i].n * sizeof(pword));
            if (add[j].n)
                memcpy(out[k].words + (*cur)[i].n, add[j].words, add[j].n * sizeof(pword));
            out[k].n = len;
            k++;
        }
    for (size_t i = 0; i < *ncur; i++)
        free((*cur)[i].words);
    free(*cur);
    *cur = out;
    *ncur = k;
    return true;
}

/* Parse a phrase into its variants (every sequence of words it matches).
 * Returns NULL with a reason on a syntax error. */
static pseq *parse_phrase(const char *p, size_t *nvar, const char **why)
{
    size_t n = strlen(p);
    pslot *slots = NULL;
    size_t ns = 0, cs = 0;
    size_t i = 0;
    *why = NULL;
    while (i < n && !*why) {
        char c = p[i];
        if (c == ' ' || c == '\t') {
            i++;
            continue;
        }
        if (c == ')' || c == ']') {
            *why = "unbalanced bracket";
            break;
        }
        pslot slot = {0};
        if (c == '(' || c == '[') {
            char close = c == '(' ? ')' : ']';
            const char *e = memchr(p + i + 1, close, n - i - 1);
            if (!e) {
                *why = "unclosed optional group";
                break;
            }
            size_t a = i + 1, b = (size_t)(e - p);
            for (size_t q = a; q < b; q++)
                if (p[q] == '(' || p[q] == '[' || p[q] == ')' || p[q] == ']')
                    *why = "nested brackets";
            /* the group's own variants, then the empty sequence */
            size_t gsub = 0;
            pseq *g = NULL;
            if (!*why) {
                char *inner = ro_xstrndup(p + a, b - a);
                g = parse_phrase(inner, &gsub, why);
                free(inner);
            }
            if (*why) {
                break;
            }
            slot.alts = g;
            slot.nalts = slot.capalts = gsub;
            pseq empty = {NULL, 0};
            RO_PUSH(slot.alts, slot.nalts, slot.capalts, empty);
            i = b + 1;
        } else {
            size_t b = i;
            while (b < n && p[b] != ' ' && p[b] != '\t' && p[b] != '(' && p[b] != '[' &&
                   p[b] != ')' && p[b] != ']')
                b++;
            size_t a = i;
            while (a <= b) {
                const char *bar = memchr(p + a, '|', b - a);
                size_t e = bar ? (size_t)(bar - p) : b;
                pseq alt;
                if (!parse_alt(p + a, e - a, &alt)) {
                    *why = "an alternative with no word in it";
                    break;
                }
                RO_PUSH(slot.alts, slot.nalts, slot.capalts, alt);
                a = e + 1;
            }
            i = b;
        }
        RO_PUSH(slots, ns, cs, slot);
    }
    if (!*why && ns == 0)
        *why = "no words";
    pseq *cur = NULL;
    size_t ncur = 0;
    if (!*why) {
        cur = ro_xcalloc(1, sizeof *cur);
        ncur = 1;
        for (size_t s = 0; s < ns; s++)
            if (!seq_product(&cur, &ncur, slots[s].alts, slots[s].nalts)) {
                *why = "too many variants or words (at most 4096 and 32)";
                break;
            }
    }
    free_slots(slots, ns);
    if (*why) {
        for (size_t k = 0; k < ncur; k++)
            free(cur[k].words);
        free(cur);
        return NULL;
    }
    *nvar = ncur;
    return cur;
}

typedef struct {
    ro_matcher *m;
    struct sb_stemmer *st;
    ro_error *err;
    bool failed;
} compile_ctx;

static int compile_entry(const ro_lex_entry *e, void *vctx)
{
    compile_ctx *c = vctx;
    ro_matcher *m = c->m;
    size_t nv = 0;
    const char *why;
    pseq *vars = parse_phrase(e->phrase, &nv, &why);
    if (!vars) {
        ro_set_error(c->err, RO_ERR_LEXICON, 0, "%s: phrase \"%s\": %s", e->origin, e->phrase, why);
        c->failed = true;
        return 1;
    }
    bool any = false;
    for (size_t v = 0; v < nv; v++) {
        if (vars[v].n == 0)
            continue;
        any = true;
        uint32_t node = 1;
        for (size_t k = 0; k < vars[v].n; k++) {
            pword *w = &vars[v].words[k];
            uint32_t id = word_id(m, w->w, w->len, !(w->mode & MODE_EXACT), c->st);
            m->idmodes[id] |= (uint8_t)(1u << w->mode);
            node = edge_add(m, node, id, w->mode);
        }
        bool dup = false;
        for (uint32_t t = m->term_first[node - 1]; t; t = m->terms[t - 1].next)
            if (m->terms[t - 1].e == e)
                dup = true;
        if (!dup) {
            term t = {e, m->term_first[node - 1]};
            RO_PUSH(m->terms, m->nterms, m->capterms, t);
            m->term_first[node - 1] = (uint32_t)m->nterms;
        }
        if (vars[v].n > m->maxdepth)
            m->maxdepth = vars[v].n;
        m->nvariants++;
    }
    for (size_t v = 0; v < nv; v++)
        free(vars[v].words);
    free(vars);
    if (!any) {
        ro_set_error(c->err, RO_ERR_LEXICON, 0, "%s: phrase \"%s\": every word is optional",
                     e->origin, e->phrase);
        c->failed = true;
        return 1;
    }
    return 0;
}

ro_matcher *ro_matcher_new(const ro_lexicon *lex, const char *list, ro_error *err)
{
    ro_matcher *m = ro_xcalloc(1, sizeof *m);
    m->list = ro_xstrdup(list);
    new_node(m); /* the root, node 1 */
    compile_ctx c = {m, sb_stemmer_new("english", NULL), err, false};
    ro_lexicon_each(lex, list, compile_entry, &c);
    if (c.st)
        sb_stemmer_delete(c.st);
    if (!m->ecap) { /* an empty list still answers lookups */
        m->ecap = 16;
        m->edges = ro_xcalloc(m->ecap, sizeof *m->edges);
    }
    if (c.failed) {
        ro_matcher_free(m);
        return NULL;
    }
    /* each node's mask of edges; the root's edges listed per vocabulary ref */
    m->node_mask = ro_xcalloc(m->nnodes + 1, sizeof *m->node_mask);
    for (size_t i = 0; i < m->ecap; i++) {
        uint64_t key = m->edges[i].key;
        if (!key)
            continue;
        uint32_t node = (uint32_t)(key >> 32), id = (uint32_t)(key >> 3) & 0x1FFFFFFFu;
        m->node_mask[node - 1] |= 1ULL << mask_bit(id, (unsigned)(key & 7));
    }
    for (size_t r = 0; r < m->nrefs; r++) {
        vref *ref = &m->refs[r];
        ref->rx_off = (uint32_t)m->nrx;
        for (unsigned mode = 0; mode < 8; mode++) {
            if (!(m->idmodes[ref->id] & (1u << mode)) || ((mode & MODE_EXACT) && ref->infl))
                continue;
            uint32_t child = edge_get(m, edge_key(1, ref->id, mode));
            if (child) {
                rootx x = {child, mode};
                RO_PUSH(m->rx, m->nrx, m->caprx, x);
            }
        }
        ref->rx_n = (uint32_t)m->nrx - ref->rx_off;
    }
    return m;
}

void ro_matcher_free(ro_matcher *m)
{
    if (!m)
        return;
    free(m->list);
    ro_buf_free(&m->strings);
    free(m->vocab);
    free(m->vkeys);
    free(m->refs);
    free(m->idmodes);
    free(m->idinfl);
    free(m->edges);
    free(m->term_first);
    free(m->terms);
    free(m->node_mask);
    free(m->rx);
    free(m);
}

const char *ro_matcher_list(const ro_matcher *m)
{
    return m->list;
}

size_t ro_matcher_size(const ro_matcher *m)
{
    return m->nvariants;
}

/* ---- matching ---------------------------------------------------------------- */

#define MAX_STATES 64

static uint32_t lookup_word(const ro_matcher *m, const char *text, const ro_word *w)
{
    char buf[RO_WORD_MAX];
    size_t k;
    const unsigned char *s = (const unsigned char *)text + w->start;
    size_t n = w->end - w->start;
    if (n >= sizeof buf)
        return 0;
    /* ASCII fast path: fold and hash in one pass (the same hash as hash_bytes) */
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c >= 0x80)
            break;
        c = (unsigned char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        buf[i] = (char)c;
        h = (h ^ c) * 1099511628211ULL;
    }
    if (i == n) {
        k = n;
        h ^= h >> 29;
    } else {
        k = ro_word_fold(text, w, buf, sizeof buf);
        if (!k)
            return 0;
        h = hash_bytes(buf, k);
    }
    if (!k)
        return 0;
    const vslot *v = vocab_find(m, buf, k, h);
    return v ? v->ref : 0;
}

/* Walk from word i; sets *best_end (exclusive word index, 0 if none) and
 * fills states with the terminal nodes there.  With all, calls report for
 * every terminal depth. */
typedef struct {
    const ro_matcher *m;
    const ro_word *w;
    const uint32_t *ref; /* per word: first vocabulary ref, 0 when in no phrase */
    size_t n;
    int flags;
    ro_match_fn fn;
    void *ctx;
    size_t base; /* word index of w[0] within the run */
    size_t reported;
    bool stop;
} run_ctx;

static size_t step(const ro_matcher *m, const ro_word *w, uint32_t wref, const uint32_t *from,
                   size_t nfrom, uint32_t *to)
{
    size_t nto = 0;
    bool capmid = (w->flags & RO_W_CAP) && !(w->flags & RO_W_INITIAL);
    bool initial = (w->flags & RO_W_INITIAL) != 0;
    for (size_t s = 0; s < nfrom; s++) {
        uint64_t mask = m->node_mask[from[s] - 1];
        if (!mask)
            continue;
        for (uint32_t r = wref; r; r = m->refs[r - 1].next) {
            const vref *ref = &m->refs[r - 1];
            if (from[s] == 1) { /* the root: its edges are listed per word */
                for (uint32_t k = 0; k < ref->rx_n; k++) {
                    const rootx *x = &m->rx[ref->rx_off + k];
                    if (((x->mode & MODE_LOWER) && capmid) || ((x->mode & MODE_INITIAL) && !initial))
                        continue;
                    if (nto < MAX_STATES)
                        to[nto++] = x->child;
                }
                continue;
            }
            unsigned modes = m->idmodes[ref->id];
            for (unsigned mode = 0; modes; mode++, modes >>= 1) {
                if (!(modes & 1))
                    continue;
                if ((mode & MODE_EXACT) && ref->infl)
                    continue;
                if ((mode & MODE_LOWER) && capmid)
                    continue;
                if ((mode & MODE_INITIAL) && !initial)
                    continue;
                if (!(mask >> mask_bit(ref->id, mode) & 1))
                    continue;
                uint32_t child = edge_get(m, edge_key(from[s], ref->id, mode));
                if (child && nto < MAX_STATES)
                    to[nto++] = child;
            }
        }
    }
    return nto;
}

static void report(run_ctx *c, size_t i, size_t end, const uint32_t *nodes, size_t nn)
{
    const ro_matcher *m = c->m;
    const ro_lex_entry *seen[16];
    size_t nseen = 0;
    for (size_t k = 0; k < nn && !c->stop; k++) {
        for (uint32_t t = m->term_first[nodes[k] - 1]; t; t = m->terms[t - 1].next) {
            const ro_lex_entry *e = m->terms[t - 1].e;
            bool dup = false;
            for (size_t q = 0; q < nseen; q++)
                if (seen[q] == e)
                    dup = true;
            if (dup)
                continue;
            if (nseen < 16)
                seen[nseen++] = e;
            ro_match mt = {{c->w[i].start, c->w[end - 1].end}, e, c->base + i, end - i,
                           &c->w[i], i, c->n - i};
            c->reported++;
            if (c->fn && c->fn(&mt, c->ctx)) {
                c->stop = true;
                return;
            }
        }
    }
}

/* Match starting at words [from, nstart); returns the first word index
 * allowed to start the next match (for leftmost-longest across windows). */
static size_t run_words(run_ctx *c, size_t from, size_t nstart)
{
    const ro_matcher *m = c->m;
    uint32_t a[MAX_STATES], b[MAX_STATES], best[MAX_STATES];
    size_t i = from;
    while (i < nstart && !c->stop) {
        if (!c->ref[i]) {
            i++;
            continue;
        }
        uint32_t *cur = a, *nxt = b;
        cur[0] = 1;
        size_t ncur = 1, best_end = 0, nbest = 0;
        for (size_t k = i; k < c->n && k - i < m->maxdepth; k++) {
            if (k > i && (c->w[k].flags & RO_W_BREAK))
                break;
            if (!c->ref[k])
                break;
            size_t nn = step(m, &c->w[k], c->ref[k], cur, ncur, nxt);
            if (!nn)
                break;
            uint32_t *t = cur;
            cur = nxt;
            nxt = t;
            ncur = nn;
            size_t nterm = 0;
            uint32_t termnodes[MAX_STATES];
            for (size_t s = 0; s < ncur; s++)
                if (m->term_first[cur[s] - 1])
                    termnodes[nterm++] = cur[s];
            if (nterm) {
                if (c->flags & RO_MATCH_ALL) {
                    report(c, i, k + 1, termnodes, nterm);
                } else {
                    best_end = k + 1;
                    nbest = nterm;
                    memcpy(best, termnodes, nterm * sizeof *best);
                }
            }
        }
        if (best_end) {
            report(c, i, best_end, best, nbest);
            i = best_end;
        } else {
            i++;
        }
    }
    return i;
}

typedef struct {
    const ro_matcher *m;
    const char *text;
    ro_word *w;
    uint32_t *ref;
    size_t n, cap;
    bool heap; /* w and ref are on the heap (else the caller's stack buffers) */
} tok_ctx;

static int tok_visit(const ro_word *w, void *vctx)
{
    tok_ctx *t = vctx;
    if (t->n == t->cap) {
        size_t ncap = t->cap * 2;
        if (t->heap) {
            t->w = ro_xrealloc(t->w, ncap * sizeof *t->w);
            t->ref = ro_xrealloc(t->ref, ncap * sizeof *t->ref);
        } else {
            ro_word *nw = ro_xmalloc(ncap * sizeof *nw);
            uint32_t *nr = ro_xmalloc(ncap * sizeof *nr);
            memcpy(nw, t->w, t->n * sizeof *nw);
            memcpy(nr, t->ref, t->n * sizeof *nr);
            t->w = nw;
            t->ref = nr;
            t->heap = true;
        }
        t->cap = ncap;
    }
    t->w[t->n] = *w;
    t->ref[t->n] = lookup_word(t->m, t->text, w);
    t->n++;
    return 0;
}

size_t ro_match_run(const ro_matcher *m, const char *text, ro_span span, int flags,
                    ro_match_fn fn, void *ctx)
{
    if (!m || span.end <= span.start)
        return 0;
    /* Tokenise in windows so a huge span needs bounded memory: matches
     * start in the first part of a window and may run into the rest. */
    enum { WINDOW = 1 << 16 };
    size_t overlap = m->maxdepth + 1;
    enum { LOCAL = 256, LOOKBACK = 16 };
    ro_word lw[LOCAL]; /* most sentences fit: no allocation */
    uint32_t lr[LOCAL];
    tok_ctx t = {m, text, lw, lr, 0, LOCAL, false};
    run_ctx c = {m, NULL, NULL, 0, flags, fn, ctx, 0, 0, false};
    ro_span rest = span;
    size_t resume = 0;
    bool done = false;
    while (!done && !c.stop) {
        /* fill the window up to WINDOW words */
        size_t need = WINDOW > t.n ? WINDOW - t.n : 0;
        size_t got = 0;
        while (got < need && rest.start < rest.end) {
            /* tokenise one chunk of bytes, stopping at a word boundary */
            size_t chunk_end = rest.end;
            if (chunk_end - rest.start > (1u << 20)) {
                chunk_end = rest.start + (1u << 20);
                while (chunk_end < rest.end && ((unsigned char)text[chunk_end] >= 0x80 ||
                                                ascii_class[(unsigned char)text[chunk_end]] == 1 ||
                                                text[chunk_end] == '\''))
                    chunk_end++;
            }
            size_t before = t.n;
            words_from(text, (ro_span){rest.start, chunk_end},
                       rest.start == span.start ? RO_W_INITIAL : 0, tok_visit, &t);
            got += t.n - before;
            rest.start = chunk_end;
        }
        done = rest.start >= rest.end;
        size_t nstart = done ? t.n : (t.n > overlap ? t.n - overlap : 0);
        c.w = t.w;
        c.ref = t.ref;
        c.n = t.n;
        resume = run_words(&c, resume, nstart);
        if (done)
            break;
        /* slide: keep words from min(resume, nstart) on, and a few before
         * them for callers that look back from a match */
        size_t keep_from = resume < nstart ? resume : nstart;
        keep_from = keep_from > LOOKBACK ? keep_from - LOOKBACK : 0;
        memmove(t.w, t.w + keep_from, (t.n - keep_from) * sizeof *t.w);
        memmove(t.ref, t.ref + keep_from, (t.n - keep_from) * sizeof *t.ref);
        t.n -= keep_from;
        c.base += keep_from;
        resume -= keep_from;
    }
    if (t.heap) {
        free(t.w);
        free(t.ref);
    }
    return c.reported;
}

typedef struct {
    ro_match *v;
    size_t n, cap;
} collect_ctx;

static int collect_one(const ro_match *mt, void *vctx)
{
    collect_ctx *c = vctx;
    ro_match x = *mt;
    x.words = NULL;
    x.before = x.after = 0;
    RO_PUSH(c->v, c->n, c->cap, x);
    return 0;
}

ro_match *ro_match_collect(const ro_matcher *m, const char *text, ro_span span, int flags,
                           size_t *count)
{
    collect_ctx c = {NULL, 0, 0};
    ro_match_run(m, text, span, flags, collect_one, &c);
    *count = c.n;
    return c.v;
}

/* ---- the cache in the lexicon --------------------------------------------------- */

const ro_matcher *ro_lexicon_matcher(const ro_lexicon *clex, const char *list, ro_error *err)
{
    ro_lexicon *lex = (ro_lexicon *)clex; /* the cache is not part of the value */
    for (size_t i = 0; i < lex->nmatchers; i++)
        if (strcmp(ro_matcher_list(lex->matchers[i]), list) == 0)
            return lex->matchers[i];
    ro_matcher *m = ro_matcher_new(lex, list, err);
    if (!m)
        return NULL;
    RO_PUSH(lex->matchers, lex->nmatchers, lex->capmatchers, m);
    return m;
}

int ro_lexicon_compile(const ro_lexicon *lex, const char *list, ro_error *err)
{
    return ro_lexicon_matcher(lex, list, err) ? 0 : -1;
}

void ro_lexicon_drop_matchers(ro_lexicon *lex, const char *list)
{
    size_t k = 0;
    for (size_t i = 0; i < lex->nmatchers; i++) {
        if (!list || strcmp(ro_matcher_list(lex->matchers[i]), list) == 0)
            ro_matcher_free(lex->matchers[i]);
        else
            lex->matchers[k++] = lex->matchers[i];
    }
    lex->nmatchers = k;
}
