/* find_names.c: mentions of people, organisations, countries and places.
 *
 * The text is cut into word tokens (with initials "Y.", abbreviations
 * "Mr.", acronyms "U.S.", hyphenated and apostrophe names, and a
 * possessive 's kept apart).  Capitalised sequences are then read left to
 * right: gazetteer phrases (countries, capitals, demonyms, organisations),
 * chains of titles ("Foreign Minister Dr.", "Special Envoy of the US
 * President") followed by a name, names with particles (van der, bin,
 * al-), organisations with a keyword (Ministry, Council, Herald), and
 * roles without a name in the contexts that make them refer ("the
 * Secretary", "Putin's foreign policy aide", a transcript label).
 *
 * A capitalised word at the start of a sentence, and every word of a
 * headline, is a name only when the rest of the document supports it (it
 * is known from the lists, or capitalised in the middle of a sentence
 * elsewhere).  Everything is linear in the text.
 */
#include "names.h"

#include <utf8proc.h>

/* ---- the compiled lists ---------------------------------------------------- */

typedef struct {
    char *key;
    size_t klen;
    nl_info info;
} nl_slot;

typedef struct {
    const char *from, *to; /* surname endings, normalised: "skyy" -> "sky" */
    size_t fl, tl;
} nl_ending;

typedef struct {
    char *key;           /* a spelling, normalised ("sergey") */
    size_t klen;
    const char *given;   /* the given name it is ("sergei"), normalised, or NULL */
    const char *surname; /* the surname it is ("qaddafi" -> "gaddafi") */
} nl_vslot;

struct nl_lex {
    nl_slot *slots;
    size_t cap, n;
    /* name_variants, apart from the table every token is looked up in (the linker's only) */
    nl_vslot *vslots;
    size_t vcap, vn;
    uint64_t vlen[256]; /* by a key's first byte, bit (length & 63): a filter before vfind's hash */
    nl_ending *endings;
    size_t nend, capend;
    long *end_next;       /* endings chained by their last byte: end_first[byte], end_next[i] */
    long end_first[256];
    ro_arena arena;
};

/* The hash of a key, eight bytes at a time (the last chunk padded with
 * zeros); tw_lookup() computes the same over the lower-cased text. */
static inline uint64_t hash_mix(uint64_t h, uint64_t c)
{
    h ^= c;
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 32);
}

static inline uint64_t hash_start(size_t n)
{
    return 1469598103934665603ULL ^ n;
}

static inline uint64_t hash_end(uint64_t h)
{
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 29);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = hash_start(n);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t c;
        memcpy(&c, s + i, 8);
        h = hash_mix(h, c);
    }
    if (i < n)
        h = hash_mix(h, ro_load_tail(s + i, n - i));
    return hash_end(h);
}

size_t nl_norm(const char *text, size_t n, char *out, size_t outsz)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t k = 0;
    if (n < outsz) { /* the common case: ASCII that fits */
        size_t i = 0;
        for (; i + 8 <= n; i += 8) { /* eight bytes at a time */
            uint64_t c;
            memcpy(&c, s + i, 8);
            if (c & 0x8080808080808080ULL)
                break;
            uint64_t ge_a = c + 0x3F3F3F3F3F3F3F3FULL, gt_z = c + 0x2525252525252525ULL;
            c |= (ge_a & ~gt_z & 0x8080808080808080ULL) >> 2;
            memcpy(out + i, &c, 8);
        }
        if (i < n && n - i < 8) { /* the last bytes, as one chunk */
            uint64_t c = ro_load_tail(s + i, n - i);
            if (!(c & 0x8080808080808080ULL)) {
                uint64_t ge_a = c + 0x3F3F3F3F3F3F3F3FULL, gt_z = c + 0x2525252525252525ULL;
                c |= (ge_a & ~gt_z & 0x8080808080808080ULL) >> 2;
                ro_store_tail(out + i, c, n - i);
                i = n;
            }
        }
        if (i == n) {
            out[n] = '\0';
            return n;
        }
    }
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (k + 1 >= outsz)
                return 0;
            out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        size_t l;
        int32_t cp = ro_utf8_decode(s, n, i, &l);
        i += l;
        if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF)
            continue;
        if (cp == 0x2019 || cp == 0x2018) {
            if (k + 1 >= outsz)
                return 0;
            out[k++] = '\'';
            continue;
        }
        if (cp == 0x2010 || cp == 0x2011) {
            if (k + 1 >= outsz)
                return 0;
            out[k++] = '-';
            continue;
        }
        /* lower case without accents: Erdoğan = Erdogan, Lucía = Lucia */
        utf8proc_int32_t dec[8];
        int last = 0;
        utf8proc_ssize_t nd = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &last);
        if (nd <= 0 || nd > 8) {
            dec[0] = ro_cp_tolower(cp);
            nd = 1;
        }
        for (utf8proc_ssize_t d = 0; d < nd; d++) {
            char enc[4];
            int el = ro_utf8_encode(dec[d], enc);
            if (k + (size_t)el >= outsz)
                return 0;
            memcpy(out + k, enc, (size_t)el);
            k += (size_t)el;
        }
    }
    out[k] = '\0';
    return k;
}

static nl_slot *nl_find_h(const nl_lex *L, const char *key, size_t n, uint64_t h)
{
    if (!L->cap)
        return NULL;
    size_t j = h & (L->cap - 1);
    while (L->slots[j].key) {
        if (L->slots[j].klen == n && memcmp(L->slots[j].key, key, n) == 0)
            return &L->slots[j];
        j = (j + 1) & (L->cap - 1);
    }
    return NULL;
}

/* nl_find_h() of a key of at most eight bytes given as one chunk, zero-padded */
static inline nl_slot *nl_find_w(const nl_lex *L, uint64_t c, size_t n, uint64_t h)
{
    if (!L->cap)
        return NULL;
    for (size_t j = h & (L->cap - 1); L->slots[j].key; j = (j + 1) & (L->cap - 1)) {
        if (L->slots[j].klen == n) {
            uint64_t k;
            memcpy(&k, L->slots[j].key, 8);
            if (k == c)
                return &L->slots[j];
        }
    }
    return NULL;
}

static nl_slot *nl_find(const nl_lex *L, const char *key, size_t n)
{
    if (!L->cap)
        return NULL;
    size_t j = hash_bytes(key, n) & (L->cap - 1);
    while (L->slots[j].key) {
        if (L->slots[j].klen == n && memcmp(L->slots[j].key, key, n) == 0)
            return &L->slots[j];
        j = (j + 1) & (L->cap - 1);
    }
    return NULL;
}

const nl_info *nl_get(const nl_lex *L, const char *key, size_t n)
{
    nl_slot *sl = nl_find(L, key, n);
    return sl ? &sl->info : NULL;
}

static nl_info *nl_put(nl_lex *L, const char *key, size_t n)
{
    nl_slot *sl = nl_find(L, key, n);
    if (sl)
        return &sl->info;
    if ((L->n + 1) * 2 > L->cap) {
        size_t ncap = L->cap ? L->cap * 2 : 1024;
        nl_slot *ns = ro_xcalloc(ncap, sizeof *ns);
        for (size_t i = 0; i < L->cap; i++) {
            if (!L->slots[i].key)
                continue;
            size_t j = hash_bytes(L->slots[i].key, L->slots[i].klen) & (ncap - 1);
            while (ns[j].key)
                j = (j + 1) & (ncap - 1);
            ns[j] = L->slots[i];
        }
        free(L->slots);
        L->slots = ns;
        L->cap = ncap;
    }
    size_t j = hash_bytes(key, n) & (L->cap - 1);
    while (L->slots[j].key)
        j = (j + 1) & (L->cap - 1);
    /* zero-padded to whole chunks of eight bytes: nl_find_w() compares chunks */
    char *k = ro_arena_alloc(&L->arena, (n / 8 + 1) * 8);
    memset(k, 0, (n / 8 + 1) * 8);
    memcpy(k, key, n);
    L->slots[j].key = k;
    L->slots[j].klen = n;
    L->n++;
    return &L->slots[j].info;
}

/* Normalised key of tokens [a, b) into out; 0 if it does not fit. */
static size_t key_of(const char *text, const nm_tok *t, size_t a, size_t b, char *out, size_t outsz)
{
    size_t k = 0;
    for (size_t i = a; i < b; i++) {
        if (i > a) {
            if (k + 1 >= outsz)
                return 0;
            out[k++] = ' ';
        }
        size_t m = nl_norm(text + t[i].s, t[i].e - t[i].s, out + k, outsz - k);
        if (!m)
            return 0;
        k += m;
        if ((t[i].f & T_POSS) && i + 1 < b) {
            if (k + 3 >= outsz)
                return 0;
            memcpy(out + k, "'s", 2);
            k += 2;
        }
    }
    out[k] = '\0';
    return k;
}

/* ---- building the lists --------------------------------------------------------- */

typedef struct {
    nl_lex *L;
    unsigned flag;
    int gaz;
} build_ctx;

static const char *title_head(ro_arena *a, const char *key)
{
    /* "secretary of state" -> secretary; "foreign minister" -> minister;
     * "sen." -> senator */
    static const char *const map[][2] = {
        {"sen.", "senator"}, {"gen.", "general"}, {"adm.", "admiral"}, {"col.", "colonel"},
        {"lt.", "lieutenant"}, {"gov.", "governor"}, {"rep.", "representative"},
        {"spokeswoman", "spokesman"}, {"spokesperson", "spokesman"}, {"advisor", "aide"}, {"adviser", "aide"},
        {"assistant", "aide"},
        {"chairwoman", "chairman"}, {"congresswoman", "congressman"}, {"secretary-general", "secretary-general"},
        {NULL, NULL}};
    const char *end = key + strlen(key);
    const char *cut = strstr(key, " of ");
    if (!cut)
        cut = strstr(key, " to ");
    if (!cut)
        cut = strstr(key, " for ");
    if (cut)
        end = cut;
    const char *b = end;
    while (b > key && b[-1] != ' ')
        b--;
    char w[32];
    size_t n = (size_t)(end - b);
    if (n >= sizeof w)
        n = sizeof w - 1;
    memcpy(w, b, n);
    w[n] = '\0';
    for (size_t i = 0; map[i][0]; i++)
        if (strcmp(map[i][0], w) == 0)
            return map[i][1];
    if (strcmp(w, "executive") == 0 && strstr(key, "chief executive"))
        return "chief executive";
    if (strcmp(w, "secretary") == 0 && strstr(key, "press secretary"))
        return "spokesman";
    return ro_arena_strndup(a, w, n);
}

static int build_visit(const ro_lex_entry *e, void *vctx)
{
    build_ctx *ctx = vctx;
    nl_lex *L = ctx->L;
    unsigned flag = ctx->flag;
    int gaz = ctx->gaz;
    const char *cat = e->category;
    if (flag == 0) { /* decided by category */
        if (!strcmp(cat, "honorific")) flag = NW_HONORIFIC;
        else if (!strcmp(cat, "title") || !strcmp(cat, "role-word")) flag = NW_TITLE;
        else if (!strcmp(cat, "first")) flag = NW_FIRST;
        else if (!strcmp(cat, "m") && ctx->gaz == -1) flag = NW_FIRST | NW_MALE;
        else if (!strcmp(cat, "f") && ctx->gaz == -1) flag = NW_FIRST | NW_FEMALE;
        else if (!strcmp(cat, "surname-first")) flag = NW_SFIRST;
        else if (!strcmp(cat, "org-word")) flag = NW_ORGW;
        else if (!strcmp(cat, "place-word")) flag = NW_PLACEW;
        else if (!strcmp(cat, "place-head")) flag = NW_PLACEW | NW_PLACEHEAD;
        else if (!strcmp(cat, "other-word")) flag = NW_OTHERW;
        else if (!strcmp(cat, "particle")) flag = NW_PARTICLE;
        else if (!strcmp(cat, "stop")) flag = NW_STOP;
        else if (!strcmp(cat, "role")) flag = NW_ROLE;
        else if (!strcmp(cat, "common")) flag = NW_COMMON;
        else if (!strcmp(cat, "alias")) flag = NW_ALIAS;
        else if (!strcmp(cat, "demonym")) flag = NW_DEMONYM;
        else if (!strcmp(cat, "country")) { flag = NW_GAZ; gaz = RO_ENT_COUNTRY; }
        else if (!strcmp(cat, "capital") || !strcmp(cat, "place")) { flag = NW_GAZ; gaz = RO_ENT_PLACE; }
        else if (!strcmp(cat, "organisation") || !strcmp(cat, "organization")) { flag = NW_GAZ; gaz = RO_ENT_ORG; }
        else if (!strcmp(cat, "person")) { flag = NW_GAZ; gaz = RO_ENT_PERSON; }
        else if (!strcmp(cat, "other")) { flag = NW_GAZ; gaz = RO_ENT_OTHER; }
        else return 0;
    }
    nm_tok *t;
    size_t nt;
    ro_tokenize(e->phrase, strlen(e->phrase), &t, &nt);
    char key[256];
    size_t kl = nt ? key_of(e->phrase, t, 0, nt, key, sizeof key) : 0;
    if (kl) {
        /* prefixes */
        for (size_t p = 1; p < nt; p++) {
            char pk[256];
            size_t pl = key_of(e->phrase, t, 0, p, pk, sizeof pk);
            if (pl)
                nl_put(L, pk, pl)->words |= NW_PREFIX;
        }
        nl_info *in = nl_put(L, key, kl);
        const char *note = e->note && e->note[0] ? e->note : NULL;
        if (flag == NW_GAZ || flag == NW_DEMONYM) {
            bool lower = false, upper = false;
            for (const char *q = e->phrase; *q; q++) {
                lower |= *q >= 'a' && *q <= 'z';
                upper |= *q >= 'A' && *q <= 'Z';
            }
            in->words |= upper && !lower ? NW_CAPS_SEEN : NW_MIXED_SEEN;
        }
        if (flag == NW_GAZ) {
            if (!(in->words & NW_GAZ)) {
                in->gaz = (unsigned char)gaz;
                in->canon = note ? note : e->phrase;
            }
        } else if (flag == NW_DEMONYM) {
            if (!in->canon)
                in->canon = note ? note : e->phrase;
        } else if (flag == NW_ALIAS) {
            if (!in->alias && note)
                in->alias = note;
        } else if (flag == NW_TITLE) {
            if (!in->head)
                in->head = note ? note : title_head(&L->arena, key);
        }
        in->words |= flag;
    }
    free(t);
    return 0;
}

static nl_vslot *vfind(const nl_lex *L, const char *key, size_t n)
{
    if (!L->vcap || !n || !(L->vlen[(unsigned char)key[0]] >> (n & 63) & 1))
        return NULL;
    size_t j = hash_bytes(key, n) & (L->vcap - 1);
    while (L->vslots[j].key) {
        if (L->vslots[j].klen == n && memcmp(L->vslots[j].key, key, n) == 0)
            return &L->vslots[j];
        j = (j + 1) & (L->vcap - 1);
    }
    return NULL;
}

/* name_variants: given names, surnames and surname endings written in several ways */
static int variant_visit(const ro_lex_entry *e, void *vctx)
{
    build_ctx *ctx = vctx;
    nl_lex *L = ctx->L;
    const char *cat = e->category;
    int kind = !strcmp(cat, "given") ? 1 : !strcmp(cat, "surname") ? 2 : !strcmp(cat, "ending") ? 3 : 0;
    if (!kind || !e->note || !e->note[0])
        return 0;
    char a[128], b[128];
    size_t al = nl_norm(e->phrase, strlen(e->phrase), a, sizeof a);
    size_t bl = nl_norm(e->note, strlen(e->note), b, sizeof b);
    if (!al || !bl || (al == bl && !memcmp(a, b, al)))
        return 0;
    if (kind == 3) {
        if (e->phrase[0] == '-') /* "-yev" written with its hyphen */
            memmove(a, a + 1, al--);
        if (bl && b[0] == '-')
            memmove(b, b + 1, bl--);
        if (!al)
            return 0;
        nl_ending en = {ro_arena_strndup(&L->arena, a, al), ro_arena_strndup(&L->arena, b, bl), al, bl};
        RO_PUSH(L->endings, L->nend, L->capend, en);
        return 0;
    }
    if (memchr(a, ' ', al))
        return 0; /* one word */
    nl_vslot *in = vfind(L, a, al);
    if (!in) {
        if ((L->vn + 1) * 2 > L->vcap) {
            size_t ncap = L->vcap ? L->vcap * 2 : 256;
            nl_vslot *ns = ro_xcalloc(ncap, sizeof *ns);
            for (size_t i = 0; i < L->vcap; i++) {
                if (!L->vslots[i].key)
                    continue;
                size_t j = hash_bytes(L->vslots[i].key, L->vslots[i].klen) & (ncap - 1);
                while (ns[j].key)
                    j = (j + 1) & (ncap - 1);
                ns[j] = L->vslots[i];
            }
            free(L->vslots);
            L->vslots = ns;
            L->vcap = ncap;
        }
        size_t j = hash_bytes(a, al) & (L->vcap - 1);
        while (L->vslots[j].key)
            j = (j + 1) & (L->vcap - 1);
        in = &L->vslots[j];
        in->key = ro_arena_strndup(&L->arena, a, al);
        L->vlen[(unsigned char)a[0]] |= 1ULL << (al & 63);
        in->klen = al;
        L->vn++;
    }
    const char **dst = kind == 1 ? &in->given : &in->surname;
    if (!*dst)
        *dst = ro_arena_strndup(&L->arena, b, bl);
    return 0;
}

static size_t variant_key(const nl_lex *L, char *key, size_t kl, size_t cap, bool given)
{
    if (!L || !kl || kl >= cap)
        return kl;
    for (int hop = 0; hop < 4; hop++) { /* a chain of notes: Yuriy -> Yuri -> Yury */
        const nl_vslot *in = vfind(L, key, kl);
        const char *to = in ? (given ? in->given : in->surname) : NULL;
        size_t tl = to ? strlen(to) : 0;
        if (!tl || tl >= cap || (tl == kl && !memcmp(to, key, kl)))
            break;
        memcpy(key, to, tl + 1);
        kl = tl;
    }
    return kl;
}

size_t nl_given_key(const nl_lex *L, char *key, size_t kl, size_t cap)
{
    return variant_key(L, key, kl, cap, true);
}

size_t nl_surname_key(const nl_lex *L, char *key, size_t kl, size_t cap)
{
    kl = variant_key(L, key, kl, cap, false);
    if (!L || !kl || kl >= cap)
        return kl;
    /* the longest ending that leaves a stem of three letters */
    const nl_ending *best = NULL;
    for (long i = L->end_first[(unsigned char)key[kl - 1]]; i >= 0; i = L->end_next[i]) {
        const nl_ending *en = &L->endings[i];
        if (en->fl + 3 <= kl && (!best || en->fl > best->fl) && !memcmp(key + kl - en->fl, en->from, en->fl) &&
            key[kl - en->fl - 1] != ' ' && key[kl - en->fl - 1] != '-' && kl - en->fl + en->tl < cap)
            best = en;
    }
    if (best) {
        kl -= best->fl;
        memcpy(key + kl, best->to, best->tl);
        kl += best->tl;
        key[kl] = '\0';
    }
    return kl;
}

static void nl_free(void *p)
{
    nl_lex *L = p;
    if (!L)
        return;
    free(L->slots);
    free(L->vslots);
    free(L->endings);
    free(L->end_next);
    ro_arena_free(&L->arena);
    free(L);
}

const nl_lex *ro_names_lex(const ro_lexicon *clex)
{
    ro_lexicon *lex = (ro_lexicon *)clex; /* the cache is not part of the value */
    if (lex->names_cache)
        return lex->names_cache;
    nl_lex *L = ro_xcalloc(1, sizeof *L);
    static const struct {
        const char *list;
        unsigned flag;
    } lists[] = {{"titles", 0}, {"gazetteer_countries", 0}, {"gazetteer_orgs", 0},
                 {"name_words", 0}, {"aliases", 0}, {"reporting_verbs", NW_REPORT}, {"first_names", 0}};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        /* (gaz -1: the list of given names, whose categories are genders) */
        build_ctx ctx = {L, lists[i].flag, strcmp(lists[i].list, "first_names") ? 0 : -1};
        ro_lexicon_each(lex, lists[i].list, build_visit, &ctx);
    }
    build_ctx vctx = {L, 0, 0};
    ro_lexicon_each(lex, "name_variants", variant_visit, &vctx);
    for (size_t b = 0; b < 256; b++)
        L->end_first[b] = -1;
    L->end_next = ro_xmalloc((L->nend ? L->nend : 1) * sizeof *L->end_next);
    for (size_t i = L->nend; i-- > 0;) { /* in list order */
        unsigned char b = (unsigned char)L->endings[i].from[L->endings[i].fl - 1];
        L->end_next[i] = L->end_first[b];
        L->end_first[b] = (long)i;
    }
    lex->names_cache = L;
    lex->names_cache_free = nl_free;
    return L;
}

/* ---- the finder ---------------------------------------------------------------- */

typedef struct {
    ro_doc *doc;
    const char *text;
    size_t len;
    const nl_lex *L;
    nm_tok *t;
    size_t n;
    nm_found *out;
    /* hashes of words capitalised in the middle of a sentence outside headlines */
    uint64_t *body;
    size_t bodycap, nbody;
    bool body_heap;
    uint32_t *slot; /* of each looked-up token (with T_WDONE): its entry in the lists + 1, or 0 */
} finder;

/* Word information of token i, looked up on first use: a word longer than
 * eight bytes or not ASCII (out of line: the common case keeps a small frame). */
__attribute__((noinline)) static unsigned tw_lookup_long(finder *F, size_t i)
{
    nm_tok *t = &F->t[i];
    {
        const unsigned char *x = (const unsigned char *)F->text + t->s;
        size_t n = t->e - t->s;
        unsigned char w8[256]; /* (no listed word is longer) */
        uint64_t h = hash_start(n), any = 0;
        bool ascii = n > 0;
        for (size_t q = 0; ascii && q < n; q += 8) {
            uint64_t c = 0;
            size_t r = n - q < 8 ? n - q : 8;
            if (r == 8 || t->s + q + 8 <= F->len) { /* the text ends with a NUL: no read beyond it */
                memcpy(&c, x + q, 8);
                if (r < 8) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                    c &= (1ULL << (8 * r)) - 1;
#else
                    c = 0;
                    memcpy(&c, x + q, r);
#endif
                }
            } else {
                memcpy(&c, x + q, r);
            }
            any |= c;
            /* upper-case ASCII letters to lower case (every byte below 0x80: no carries) */
            uint64_t ge_a = c + 0x3F3F3F3F3F3F3F3FULL, gt_z = c + 0x2525252525252525ULL;
            c |= (ge_a & ~gt_z & 0x8080808080808080ULL) >> 2;
            if (q + 8 <= sizeof w8)
                memcpy(w8 + q, &c, 8);
            h = hash_mix(h, c);
            if (any & 0x8080808080808080ULL)
                ascii = false;
        }
        h = hash_end(h);
        const nl_slot *sl = NULL;
        if (ascii) {
            sl = n <= sizeof w8 ? nl_find_h(F->L, (const char *)w8, n, h) : NULL;
        } else {
            char w[128];
            size_t k = nl_norm(F->text + t->s, n, w, sizeof w);
            h = k ? hash_bytes(w, k) : 0;
            sl = k ? nl_find_h(F->L, w, k, h) : NULL;
        }
        t->w = sl ? sl->info.words : 0;
        t->h = h | 1;
        t->f |= T_WDONE;
        F->slot[i] = sl ? (uint32_t)(sl - F->L->slots) + 1 : 0;
    }
    return t->w;
}

/* Word information of token i, looked up on first use. */
static unsigned tw_lookup(const finder *cF, size_t i)
{
    finder *F = (finder *)cF; /* a cache */
    nm_tok *t = &F->t[i];
    const unsigned char *x = (const unsigned char *)F->text + t->s;
    size_t n = t->e - t->s;
    if (n && n <= 8 && t->s + 8 <= F->len) { /* a short word (most): one chunk */
        uint64_t c;
        memcpy(&c, x, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (n < 8)
            c &= (1ULL << (8 * n)) - 1;
#else
        c = 0;
        memcpy(&c, x, n);
#endif
        if (!(c & 0x8080808080808080ULL)) {
            uint64_t ge_a = c + 0x3F3F3F3F3F3F3F3FULL, gt_z = c + 0x2525252525252525ULL;
            c |= (ge_a & ~gt_z & 0x8080808080808080ULL) >> 2;
            uint64_t h = hash_end(hash_mix(hash_start(n), c));
            const nl_slot *sl = nl_find_w(F->L, c, n, h);
            t->w = sl ? sl->info.words : 0;
            t->h = h | 1;
            t->f |= T_WDONE;
            F->slot[i] = sl ? (uint32_t)(sl - F->L->slots) + 1 : 0;
            return t->w;
        }
    }
    return tw_lookup_long(F, i);
}

static inline unsigned tw(const finder *F, size_t i)
{
    const nm_tok *t = &F->t[i];
    return (t->f & T_WDONE) ? t->w : tw_lookup(F, i);
}

#define tok_is(F, i, w) tok_is_n((F), (i), ("" w), sizeof(w) - 1) /* (w: a string literal) */
static inline bool tok_is_n(const finder *F, size_t i, const char *w, size_t n)
{
    if (i >= F->n || F->t[i].e - F->t[i].s != n)
        return false;
    for (size_t k = 0; k < n; k++) {
        char c = F->text[F->t[i].s + k];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != w[k])
            return false;
    }
    return true;
}

/* Longest phrase at k (tokens adjacent, no possessive inside unless the
 * phrase has one) whose info has any of `want`.  Returns its length. */
static size_t match(const finder *F, size_t k, unsigned want, const nl_info **info)
{
    char key[256];
    size_t kl = 0, best = 0;
    if (k >= F->n || !(tw(F, k) & (want | NW_PREFIX)))
        return 0; /* no phrase starts with this word */
    for (size_t m = k; m < F->n && m < k + 10; m++) {
        if (m > k && !(F->t[m].f & T_ADJ))
            break;
        if (m > k) {
            if (kl + 1 >= sizeof key)
                break;
            key[kl++] = ' ';
        }
        const nl_info *in;
        /* a word already looked up and listed: its key is the word normalised */
        const nl_slot *sl = (F->t[m].f & T_WDONE) && F->slot[m] ? &F->L->slots[F->slot[m] - 1] : NULL; /* (k: looked up by tw() above) */
        if (m == k && sl && sl->klen < sizeof key) {
            memcpy(key, sl->key, sl->klen);
            kl = sl->klen;
            in = &sl->info;
        } else if (m > k && sl && kl + sl->klen < sizeof key) {
            memcpy(key + kl, sl->key, sl->klen);
            kl += sl->klen;
            key[kl] = '\0';
            in = nl_get(F->L, key, kl);
        } else {
            size_t add = nl_norm(F->text + F->t[m].s, F->t[m].e - F->t[m].s, key + kl, sizeof key - kl);
            if (!add)
                break;
            kl += add;
            in = nl_get(F->L, key, kl);
        }
        if (!in)
            break;
        unsigned words = in->words;
        if ((words & NW_CAPS_SEEN) && !(words & NW_MIXED_SEEN)) {
            /* an acronym matches only in capitals: "UN", not "Un" in "Kim Jong Un"; "WHO", not "Who" */
            for (size_t q = k; q <= m; q++)
                if (!(F->t[q].f & (T_ALLCAP | T_INIT | T_NOLOWER)))
                    words &= ~(unsigned)(NW_GAZ | NW_DEMONYM);
        }
        if (words & want) {
            best = m - k + 1;
            if (info)
                *info = in;
        }
        if (!(in->words & NW_PREFIX))
            break;
        if (F->t[m].f & T_POSS) {
            if (kl + 3 >= sizeof key)
                break;
            memcpy(key + kl, "'s", 2);
            kl += 2;
        }
    }
    return best;
}

static uint64_t tok_hash(const finder *F, size_t i)
{
    tw(F, i);
    return F->t[i].h;
}

static void body_add(finder *F, uint64_t h)
{
    if (!h)
        return;
    if ((F->nbody + 1) * 2 > F->bodycap) { /* (grown with the distinct words, not the text) */
        size_t ncap = F->bodycap * 2;
        uint64_t *nb = ro_xcalloc(ncap, sizeof *nb);
        for (size_t i = 0; i < F->bodycap; i++) {
            if (!F->body[i])
                continue;
            size_t j = F->body[i] & (ncap - 1);
            while (nb[j])
                j = (j + 1) & (ncap - 1);
            nb[j] = F->body[i];
        }
        if (F->body_heap)
            free(F->body);
        F->body = nb;
        F->body_heap = true;
        F->bodycap = ncap;
    }
    size_t j = h & (F->bodycap - 1);
    while (F->body[j] && F->body[j] != h)
        j = (j + 1) & (F->bodycap - 1);
    if (!F->body[j])
        F->nbody++;
    F->body[j] = h;
}

static bool body_has(const finder *F, size_t i)
{
    uint64_t h = tok_hash(F, i);
    if (!h)
        return false;
    size_t j = h & (F->bodycap - 1);
    while (F->body[j]) {
        if (F->body[j] == h)
            return true;
        j = (j + 1) & (F->bodycap - 1);
    }
    return false;
}

static bool capish(const nm_tok *t)
{
    return (t->f & (T_CAP | T_ALLCAP | T_INIT)) != 0;
}

/* Is token i a lower-case name particle joining two capitalised words? */
static bool particle_at(const finder *F, size_t i)
{
    if (!(tw(F, i) & NW_PARTICLE) || i + 1 >= F->n || !(F->t[i + 1].f & T_ADJ))
        return false;
    return capish(&F->t[i + 1]) || (tw(F, i + 1) & NW_PARTICLE);
}

/* Would a word at i be accepted as part of a name where support is needed
 * (headlines, sentence starts)? */
static bool supported(const finder *F, size_t i)
{
    if (tw(F, i) & (NW_PARTICLE))
        return true;
    if (tw(F, i) & NW_STOP)
        return false;
    if (tw(F, i) & (NW_GAZ | NW_TITLE | NW_HONORIFIC | NW_DEMONYM | NW_MALE | NW_FEMALE))
        return true; /* (a given name the lists know, with its gender: "Hillary") */
    return body_has(F, i);
}

static nm_cand *add(finder *F, size_t t0, size_t t1, int kind, int type)
{
    nm_cand c;
    memset(&c, 0, sizeof c);
    c.t0 = t0;
    c.t1 = t1;
    c.s = F->t[t0].s;
    c.e = F->t[t1 - 1].e;
    c.kind = kind;
    c.type = type;
    c.bind = -1;
    c.possessor = -1;
    c.entity = -1;
    c.head = c.ohead = "";
    c.headline = (F->t[t0].f & T_HEAD) != 0;
    RO_PUSH(F->out->c, F->out->nc, F->out->capc, c);
    return &F->out->c[F->out->nc - 1];
}

static void set_head(nm_cand *c, const char *h)
{
    if (!h)
        return;
    /* role nouns share the heads of titles: adviser = aide, spokeswoman = spokesman */
    if (!strcmp(h, "adviser") || !strcmp(h, "advisor") || !strcmp(h, "assistant"))
        h = "aide";
    else if (!strcmp(h, "spokeswoman") || !strcmp(h, "spokesperson"))
        h = "spokesman";
    c->head = h;
}

/* set_head of a word of the text (in a buffer of the caller's): the kept head is a copy. */
static void set_head_copy(finder *F, nm_cand *c, const char *w)
{
    set_head(c, w);
    if (c->head == w)
        c->head = ro_arena_strndup(&F->doc->arena, w, strlen(w));
}

static void set_ohead(finder *F, nm_cand *c, size_t a, size_t b)
{
    char k[256];
    size_t kl = key_of(F->text, F->t, a, b, k, sizeof k);
    if (kl && kl < 39)
        c->ohead = ro_arena_strndup(&F->doc->arena, k, kl);
}

/* A chain of titles at k: "Foreign Minister Dr.", "Special Envoy of the US
 * President", "Aide to the President", "Minister for Trade", "Director of
 * the General Intelligence Service".  lower: a lower-case first title is
 * allowed.  Returns the end token (k if none); *head gets the first title's
 * head.  Organisations and countries inside complements are added as
 * mentions of their own. */
/* Title words that are also common surnames (Angus King, Harold Judge). */
static bool surname_title(const finder *F, size_t i)
{
    static const char *const w[] = {"king", "judge", "bishop", "dean", "major", "earl", "duke", "baron", "pope",
                                    "prince", "marshal", "marshall", "sheriff", "knight", "page", "chancellor", NULL};
    for (size_t k = 0; w[k]; k++)
        if (tok_is_n(F, i, w[k], strlen(w[k])))
            return true;
    return false;
}

static size_t title_chain(finder *F, size_t k, bool lower, const char **head, size_t lim)
{
    size_t end = k;
    *head = NULL;
    size_t i = k;
    while (i < lim) {
        if (i > k && !(F->t[i].f & T_ADJ))
            break;
        if (!(capish(&F->t[i])) && !(lower && i == k))
            break;
        const nl_info *in = NULL;
        size_t m = match(F, i, NW_TITLE | NW_HONORIFIC, &in);
        if (!m || i + m > lim)
            break;
        if (i > k && m == 1 && (tw(F, i - 1) & NW_HONORIFIC) && !(tw(F, i) & NW_HONORIFIC) &&
            !(i + 1 < lim && (F->t[i + 1].f & T_ADJ) && capish(&F->t[i + 1])) && surname_title(F, i))
            break; /* "Mr. King": after an honorific, a title that is also a surname ends the name */
        if (!*head && in && in->head)
            *head = in->head;
        i += m;
        end = i;
        if (F->t[end - 1].f & T_POSS)
            break;
        /* a portfolio: "Minister for Trade", "Assistant Minister for Political Affairs" */
        if (i + 1 < lim && tok_is(F, i, "for") && (F->t[i].f & T_ADJ) && (F->t[i + 1].f & T_ADJ) &&
            (F->t[i + 1].f & T_CAP) && !(tw(F, i + 1) & (NW_FIRST | NW_GAZ | NW_TITLE))) {
            size_t r = i + 1;
            while (r < lim && r < i + 4 && (r == i + 1 || (F->t[r].f & T_ADJ)) && (F->t[r].f & T_CAP) &&
                   (tw(F, r) & (NW_COMMON | NW_STOP | NW_ORGW | NW_OTHERW)) &&
                   !(tw(F, r) & (NW_FIRST | NW_TITLE | NW_HONORIFIC)) && !(F->t[r - 1].f & T_POSS))
                r++;
            /* the portfolio is part of the title only when a name follows it: a given
             * name, an honorific, or two capitalised words */
            if (r > i + 1 && r < lim && (F->t[r].f & T_ADJ) && capish(&F->t[r]) &&
                ((tw(F, r) & (NW_FIRST | NW_HONORIFIC)) ||
                 (r + 1 < lim && (F->t[r + 1].f & T_ADJ) && capish(&F->t[r + 1]) &&
                  !(tw(F, r) & (NW_COMMON | NW_STOP | NW_ORGW))))) {
                i = end = r;
                continue;
            }
        }
        /* complement: of / to / for [the] [country|demonym] TITLE */
        if (i + 1 < lim && (tok_is(F, i, "of") || tok_is(F, i, "to")) && (F->t[i].f & T_ADJ)) {
            size_t j = i + 1;
            if (tok_is(F, j, "the") && j + 1 < lim)
                j++;
            const nl_info *g = NULL;
            size_t gm = match(F, j, NW_GAZ | NW_DEMONYM, &g);
            if (gm && g && ((g->words & NW_DEMONYM) || g->gaz == RO_ENT_COUNTRY) && j + gm < lim &&
                match(F, j + gm, NW_TITLE, NULL))
                j += gm;
            const nl_info *t2 = NULL;
            size_t tm = j < lim && capish(&F->t[j]) ? match(F, j, NW_TITLE, &t2) : 0;
            if (tm) {
                bool org = false; /* "General Intelligence Service": an organisation, not a title */
                for (size_t q = j + tm; q < lim && q < j + tm + 4 && (F->t[q].f & T_ADJ) && capish(&F->t[q]); q++)
                    if (tw(F, q) & NW_ORGW)
                        org = true;
                if (!org) {
                    i = j;
                    continue;
                }
            }
            /* "President of Egypt", "President of the Russian Federation" */
            j = i + 1;
            if (tok_is(F, j, "the") && j + 1 < lim)
                j++;
            gm = j < lim && (F->t[j].f & T_ADJ) && capish(&F->t[j]) ? match(F, j, NW_GAZ, &g) : 0;
            if (gm && g->gaz == RO_ENT_COUNTRY && !(F->t[j + gm - 1].f & T_POSS)) {
                add(F, j, j + gm, MK_GAZ, RO_ENT_COUNTRY)->gcanon = g->canon;
                i = end = j + gm;
                continue;
            }
            /* "Director of the North America Department", "vice chairman of the Joint Chiefs of Staff" */
            if (j < lim && (F->t[j].f & T_ADJ) && capish(&F->t[j])) {
                gm = match(F, j, NW_GAZ, &g);
                if (gm && g->gaz == RO_ENT_ORG) {
                    add(F, j, j + gm, MK_GAZ, RO_ENT_ORG)->gcanon = g->canon;
                    i = end = j + gm;
                    continue;
                }
                size_t r = j;
                while (r < lim && (r == j || (F->t[r].f & T_ADJ)) && !(tw(F, r) & NW_ORGW) && r < j + 5 &&
                       !(F->t[r].f & T_POSS) &&
                       (capish(&F->t[r]) || (tok_is(F, r, "and") && r + 1 < lim && capish(&F->t[r + 1]))))
                    r++;
                if (r < lim && (r == j || (F->t[r].f & T_ADJ)) && (tw(F, r) & NW_ORGW) && capish(&F->t[r])) {
                    r++;
                    while (r < lim && (F->t[r].f & T_ADJ) && (tw(F, r) & NW_ORGW) && capish(&F->t[r]))
                        r++;
                    add(F, j, r, MK_ORG, RO_ENT_ORG);
                    i = end = r;
                    continue;
                }
                gm = match(F, j, NW_GAZ, &g);
                if (gm && g->gaz == RO_ENT_ORG) {
                    add(F, j, j + gm, MK_GAZ, RO_ENT_ORG)->gcanon = g->canon;
                    i = end = j + gm;
                    continue;
                }
            }
        }
        /* stacked titles: "Presidential Spokesman Ambassador" */
    }
    return end;
}

/* Collect name tokens from k: capitalised words, initials, particles.
 * Stops before a title or a gazetteer organisation, and after a possessive. */
/* A word made an adjective by its last part: "Florida-based", "Moscow-backed",
 * "Texas-born", "Kremlin-linked", "Soviet-style". */
static bool adjective_compound(const finder *F, size_t i)
{
    const char *w = F->text + F->t[i].s;
    size_t n = F->t[i].e - F->t[i].s;
    const char *dash = memchr(w, '-', n);
    if (!dash)
        return false;
    for (const char *p = dash; p && p < w + n; p = memchr(p + 1, '-', (size_t)(w + n - p - 1)))
        dash = p; /* the last hyphen */
    size_t k = (size_t)(w + n - dash - 1);
    static const char *const tails[] = {"based", "born", "backed", "led", "linked", "style", "owned", "run",
                                        "funded", "bred", "raised", "made", "leaning", "allied", "friendly",
                                        "controlled", "occupied", "held", NULL};
    for (size_t j = 0; tails[j]; j++)
        if (strlen(tails[j]) == k && !memcmp(dash + 1, tails[j], k))
            return true;
    return false;
}

/* Is token i a nickname in quotation marks between a given name and a surname:
 * Marcia "Cia" Price, James “Buster” Douglas? */
static bool nickname_at(const finder *F, size_t i, size_t lim)
{
    if (i == 0 || i + 1 >= lim || !(tw(F, i - 1) & NW_FIRST) || !capish(&F->t[i]) || !capish(&F->t[i + 1]) ||
        !(F->t[i + 1].f & T_CAP))
        return false;
    const char *s = F->text;
    size_t a = F->t[i - 1].ge, b = F->t[i].s, c = F->t[i].ge, d = F->t[i + 1].s;
    bool open = (b - a == 2 && s[a] == ' ' && s[a + 1] == '"') ||
                (b - a == 4 && s[a] == ' ' && !memcmp(s + a + 1, "\xE2\x80\x9C", 3));
    bool close = (d - c == 2 && s[c] == '"' && s[c + 1] == ' ') ||
                 (d - c == 4 && !memcmp(s + c, "\xE2\x80\x9D", 3) && s[c + 3] == ' ');
    return open && close;
}

static size_t name_run(finder *F, size_t k, size_t lim, bool need_support)
{
    size_t i = k;
    size_t nick_end = 0; /* the token after a nickname: no adjacency asked of it */
    while (i < lim) {
        const nm_tok *t = &F->t[i];
        if (i > k && !(t->f & T_ADJ) && i != nick_end) {
            if (!nickname_at(F, i, lim))
                break;
            nick_end = i + 1;
        }
        if (t->f & T_LABEL && !(F->t[k].f & T_LABEL))
            break;
        bool ok = capish(t) || particle_at(F, i);
        if (!ok)
            break;
        if (t->f & T_NUM)
            break;
        if (adjective_compound(F, i))
            break; /* "a South Florida-based president", "Texas-born" */
        if (i > k) {
            /* a title word after a given name, ending the name, is a surname: "Charlie King," */
            bool sur = (tw(F, i - 1) & (NW_MALE | NW_FEMALE)) && i == k + 1 &&
                       !(i + 1 < lim && (F->t[i + 1].f & T_ADJ) && capish(&F->t[i + 1]));
            if (!sur && match(F, i, NW_TITLE | NW_HONORIFIC, NULL))
                break;
            const nl_info *g = NULL;
            size_t gm = match(F, i, NW_GAZ, &g);
            if (gm && g->gaz == RO_ENT_ORG)
                break;
            if ((tw(F, i) & NW_STOP) && !(tw(F, i) & (NW_FIRST | NW_PARTICLE)))
                break;
        }
        if (need_support && !supported(F, i))
            break;
        i++;
        if (t->f & T_POSS)
            break;
        if (i - k >= 6)
            break;
    }
    /* no trailing particle */
    while (i > k && (tw(F, i - 1) & NW_PARTICLE) && !capish(&F->t[i - 1]))
        i--;
    return i;
}

static bool has_word(const finder *F, size_t a, size_t b, unsigned w)
{
    for (size_t i = a; i < b; i++)
        if (tw(F, i) & w)
            return true;
    return false;
}

/* A body that is named for what it is on: "the Commission on Presidential Debates",
 * "the Council on Foreign Relations", "the Senate Committee on Armed Services". */
static bool on_body(const finder *F, size_t i)
{
    static const char *const w[] = {"commission", "committee", "subcommittee", "council", "panel",
                                    "conference", "caucus", "force", "board", "center", "centre"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (tok_is_n(F, i, w[k], strlen(w[k])))
            return true;
    return false;
}

static bool weekday_or_month(const finder *F, size_t i)
{
    static const char *const w[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                    "sunday", "january", "february", "march", "april", "may", "june",
                                    "july", "august", "september", "october", "november", "december"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (tok_is_n(F, i, w[k], strlen(w[k])))
            return true;
    return false;
}

/* After an organisation keyword: of / for / on / in [the] Capitalised... */
static size_t org_complement(finder *F, size_t i, size_t lim)
{
    while (i + 1 < lim && (F->t[i].f & T_ADJ) && (F->t[i].f & T_LOW) &&
           (tok_is(F, i, "of") || tok_is(F, i, "for") ||
            (tok_is(F, i, "in") && (tok_is(F, i - 1, "embassy") || tok_is(F, i - 1, "consulate"))) ||
            (tok_is(F, i, "on") && on_body(F, i - 1) && !weekday_or_month(F, i + 1)))) {
        size_t j = i + 1;
        if (tok_is(F, j, "the") && j + 1 < lim && (F->t[j + 1].f & T_ADJ))
            j++;
        if (!(F->t[j].f & T_ADJ) || !capish(&F->t[j]))
            break;
        size_t e = j;
        while (e < lim && (e == j || (F->t[e].f & T_ADJ)) &&
               (capish(&F->t[e]) || ((tok_is(F, e, "of") || tok_is(F, e, "and") || tok_is(F, e, "for") ||
                                      tok_is(F, e, "the")) &&
                                     e + 1 < lim && (F->t[e + 1].f & T_ADJ) && capish(&F->t[e + 1]))) &&
               !(F->t[e].f & T_LABEL)) {
            const nl_info *g = NULL;
            size_t gm = match(F, e, NW_GAZ | NW_DEMONYM, &g);
            if (gm) {
                /* an organisation inside: "... of the Russian Foreign Ministry", "Office of the United Nations ..." */
                const nl_info *g2 = NULL;
                size_t gm2 = 0;
                if (!(g->words & NW_GAZ) || g->gaz == RO_ENT_COUNTRY)
                    gm2 = e + gm < lim && (F->t[e + gm].f & T_ADJ) ? match(F, e + gm, NW_GAZ, &g2) : 0;
                if (gm2 && g2->gaz == RO_ENT_ORG)
                    add(F, e, e + gm + gm2, MK_ORG, RO_ENT_ORG);
                else if ((g->words & NW_GAZ) && g->gaz == RO_ENT_ORG)
                    add(F, e, e + gm, MK_GAZ, RO_ENT_ORG)->gcanon = g->canon;
                e += gm + gm2;
                if (F->t[e - 1].f & T_POSS)
                    break;
                continue;
            }
            e++;
            if (F->t[e - 1].f & T_POSS)
                break;
        }
        if (e == j)
            break;
        i = e;
    }
    return i;
}

static int classify(const finder *F, size_t a, size_t b)
{
    const nm_tok *t = F->t;
    if (has_word(F, a, b, NW_ORGW))
        return RO_ENT_ORG;
    for (size_t i = a + 1; i < b; i++)
        if (t[i].f & T_AMP)
            return RO_ENT_ORG;
    bool caps_label = (t[a].f & T_LABEL) != 0;
    for (size_t i = a; i < b; i++)
        if (!(t[i].f & T_ALLCAP))
            caps_label = false;
    if (b - a >= 2 && !caps_label)
        for (size_t i = a; i < b; i++)
            if ((t[i].f & T_ALLCAP) || memchr(F->text + t[i].s, '.', t[i].e - t[i].s))
                if (!(t[i].f & T_INIT))
                    return RO_ENT_OTHER;
    if (((tw(F, b - 1) & NW_PLACEW) || (b - a >= 2 && (tw(F, a) & NW_PLACEW))) &&
        (!(tw(F, a) & NW_FIRST) || (tw(F, b - 1) & NW_PLACEHEAD)))
        return RO_ENT_PLACE; /* "Suez Canal", "Port Evany", "Carter Memorial"; not "Thomas Hall" */
    if (has_word(F, a, b, NW_OTHERW))
        return RO_ENT_OTHER;
    if (b - a == 2 && !(tw(F, a) & (NW_FIRST | NW_SFIRST | NW_PARTICLE | NW_GAZ)) && !(tw(F, b - 1) & NW_FIRST) &&
        !(t[a].f & T_POSS)) {
        /* a word and a country: a publication or a company ("Outlook India", "Amnesty Kenya"), no person */
        const nl_info *g = NULL;
        if ((tw(F, b - 1) & NW_GAZ) && match(F, b - 1, NW_GAZ, &g) == 1 && g && g->gaz == RO_ENT_COUNTRY)
            return RO_ENT_ORG;
    }
    for (size_t i = a + 1; i + 1 < b; i++)
        if (tw(F, i) & NW_PLACEHEAD)
            return RO_ENT_OTHER; /* "Kent County Republican headquarters" */
    if (b - a >= 2) {
        if (tw(F, a) & (NW_FIRST | NW_SFIRST))
            return RO_ENT_PERSON;
        for (size_t i = a; i < b; i++)
            if ((tw(F, i) & (NW_STOP | NW_COMMON)) || (t[i].f & T_NUM))
                return RO_ENT_OTHER;
        /* no given name, and the last word is an adjective of a people or a faith ("Radical
         * Islamic terrorists") or a bill ("the 1994 Crime Bill"): no person */
        if ((tw(F, b - 1) & NW_DEMONYM) || tok_is(F, b - 1, "bill") || tok_is(F, b - 1, "bills"))
            return RO_ENT_OTHER;
        size_t words = 0; /* particles do not count: "Ramón de la Cruz Ibarra" */
        for (size_t i = a; i < b; i++)
            if (!(tw(F, i) & NW_PARTICLE))
                words++;
        if (words <= 4)
            return RO_ENT_PERSON;
    }
    return RO_ENT_OTHER;
}

/* Does a determiner ("the", "its", "his", "her", "their") make a following title a role mention? */
static inline bool role_context(const finder *F, size_t k)
{
    if (k == 0)
        return false;
    if (!(F->t[k].f & T_ADJ))
        return false;
    size_t pl = F->t[k - 1].e - F->t[k - 1].s;
    if (pl != 3 && pl != 5)
        return false;
    return tok_is(F, k - 1, "the") || tok_is(F, k - 1, "its") || tok_is(F, k - 1, "his") ||
           tok_is(F, k - 1, "her") || tok_is(F, k - 1, "their");
}

static size_t role_tail(finder *F, size_t i, size_t lim)
{
    /* "the senator from Massachusetts", "Director of the General Intelligence Service" */
    if (i + 1 < lim && (F->t[i].f & T_ADJ) && tok_is(F, i, "from") && capish(&F->t[i + 1]) &&
        (F->t[i + 1].f & T_ADJ)) {
        const nl_info *g = NULL;
        size_t gm = match(F, i + 1, NW_GAZ, &g);
        return i + 1 + (gm ? gm : 1);
    }
    return i;
}

/* Read what starts at token i; returns the next token to look at. */
static size_t parse_at(finder *F, size_t i)
{
    nm_tok *t = F->t;
    size_t n = F->n;
    bool head = (t[i].f & T_HEAD) != 0;
    bool sent0 = (t[i].f & (T_SENT0 | T_LINE0)) != 0;

    /* a party and a state or a district in brackets after a politician's name: "(D-Newport
     * News)", "(R-Utah)": no mention, to the closing bracket */
    if ((t[i].f & T_PAREN) && t[i].e - t[i].s >= 3 && strchr("DRI", F->text[t[i].s]) && F->text[t[i].s + 1] == '-') {
        size_t j = i + 1;
        while (j < n && j < i + 6 && t[j].s <= t[j - 1].ge + 1)
            j++;
        const char *close = memchr(F->text + t[i].s, ')', (j < n ? t[j].s : F->len) - t[i].s);
        if (close)
            return j;
    }

    /* roles after a determiner, lower case allowed: "the general", "the Kremlin spokesman" */
    if (role_context(F, i)) {
        const char *h = NULL;
        size_t org_end = i;
        const nl_info *g = NULL;
        size_t gm = capish(&t[i]) ? match(F, i, NW_GAZ, &g) : 0;
        if (gm && g->gaz == RO_ENT_ORG)
            org_end = i + gm;
        size_t te = title_chain(F, org_end, true, &h, n);
        if (te == org_end && org_end == i && (tw(F, i) & NW_ROLE) && !(tw(F, i) & NW_STOP)) {
            /* a role noun: "the son-in-law", "the envoy" */
            te = i + 1;
            h = NULL;
        }
        if (te > org_end) {
            size_t e = te;
            if (e < n && capish(&t[e]) && (t[e].f & T_ADJ) && !(t[te - 1].f & T_POSS) &&
                name_run(F, e, n, head) > e) {
                /* a name follows: handled below as title + name */
            } else {
                if (org_end > i)
                    add(F, i, org_end, MK_GAZ, RO_ENT_ORG)->gcanon = g->canon;
                e = org_complement(F, e, n);
                e = role_tail(F, e, n);
                nm_cand *c = add(F, i, e, MK_ROLE, RO_ENT_PERSON);
                set_head(c, h);
                if (!h) {
                    char w[32];
                    size_t wl = nl_norm(F->text + t[te - 1].s, t[te - 1].e - t[te - 1].s, w, sizeof w);
                    if (wl)
                        set_head_copy(F, c, w);
                }
                c->label = (t[i].f & T_LABEL) != 0;
                if (org_end > i)
                    set_ohead(F, c, i, org_end);
                if (org_end > i) {
                    /* the organisation is an inner mention, listed after */
                    nm_cand tmp = F->out->c[F->out->nc - 1];
                    F->out->c[F->out->nc - 1] = F->out->c[F->out->nc - 2];
                    F->out->c[F->out->nc - 2] = tmp;
                }
                return org_end > i ? org_end : e;
            }
        }
    }

    if (!capish(&t[i]) && !particle_at(F, i))
        return i + 1;

    /* transcript label: "USHAKOV:", "THE PRESIDENT:", "Y. Ushakov:" */
    size_t j = i;
    /* leading stop words (The, However, Asked ...) unless they start a known phrase */
    while (j < n && (tw(F, j) & NW_STOP) && capish(&t[j]) && !match(F, j, NW_GAZ | NW_TITLE | NW_HONORIFIC, NULL)) {
        if (j + 1 >= n || !(t[j + 1].f & T_ADJ) || !capish(&t[j + 1]))
            return j + 1;
        j++;
        sent0 = true;
    }
    if (j != i && tok_is(F, j - 1, "the") && role_context(F, j))
        return parse_at(F, j);
    if (j != i) {
        /* "The Secretary", "THE PRESIDENT": a role after a capitalised the */
        if (tok_is(F, j - 1, "the")) {
            const char *h = NULL;
            size_t te = title_chain(F, j, false, &h, n);
            if (te > j && !(te < n && (t[te].f & T_ADJ) && capish(&t[te]) && name_run(F, te, n, head) > te)) {
                size_t e = org_complement(F, te, n);
                nm_cand *c = add(F, j, e, MK_ROLE, RO_ENT_PERSON);
                set_head(c, h);
                c->label = (t[j].f & T_LABEL) != 0;
                return e;
            }
        }
        i = j;
    }

    /* gazetteer phrase */
    const nl_info *g = NULL;
    size_t gm = match(F, i, NW_GAZ | NW_DEMONYM, &g);
    if (gm == 1 && (tw(F, i) & NW_FIRST) && i + 1 < n && (t[i + 1].f & T_ADJ) && (t[i + 1].f & T_CAP) &&
        !(tw(F, i + 1) & (NW_GAZ | NW_STOP | NW_COMMON | NW_ORGW | NW_PLACEW | NW_TITLE | NW_PREFIX | NW_DEMONYM)) &&
        !(t[i].f & T_POSS))
        gm = 0; /* "Sofia Oyelaran": a first name, not the city */
    size_t org_end = i;
    int gtype = -1;
    if (gm) {
        gtype = (g->words & NW_GAZ) ? g->gaz : RO_ENT_COUNTRY;
        size_t e = i + gm;
        /* followed by an organisation keyword: "Russian Foreign Ministry", "China Council for ..." */
        if (gtype != RO_ENT_PERSON && e < n && (t[e].f & T_ADJ) && !(t[e - 1].f & T_POSS) && capish(&t[e]) &&
            !match(F, e, NW_TITLE | NW_HONORIFIC, NULL)) {
            size_t r = e;
            const nl_info *g2 = NULL;
            size_t gm2 = match(F, r, NW_GAZ, &g2);
            if (gm2 && g2->gaz == RO_ENT_ORG) {
                r += gm2;
            } else {
                while (r < n && (r == e || (t[r].f & T_ADJ)) && capish(&t[r]) && !(tw(F, r) & NW_ORGW) &&
                       !(t[r - 1].f & T_POSS) && r < e + 3)
                    r++;
                if (r < n && (t[r].f & T_ADJ) && (tw(F, r) & NW_ORGW) && !(t[r - 1].f & T_POSS))
                    r++;
                else
                    r = e;
            }
            if (r > e && (gtype != RO_ENT_ORG || (tw(F, r - 1) & NW_ORGW))) {
                /* an organisation made of a country and a keyword */
                while (r < n && (t[r].f & T_ADJ) && (tw(F, r) & NW_ORGW) && !(t[r - 1].f & T_POSS))
                    r++;
                r = org_complement(F, r, n);
                if (!head || supported(F, e)) {
                    add(F, i, r, MK_ORG, RO_ENT_ORG);
                    return r;
                }
            }
        }
        if (gtype == RO_ENT_ORG || gtype == RO_ENT_OTHER) {
            org_end = e;
        } else {
            /* a country or demonym before a title is not part of the mention */
            const char *h;
            if (e < n && (t[e].f & T_ADJ) && title_chain(F, e, false, &h, n) > e) {
                add(F, i, e, MK_GAZ, gtype)->gcanon = g->canon; /* "Russian" → Russia */
                i = e;
                org_end = e;
                gm = 0;
            } else if (g->words & NW_DEMONYM && !(g->words & NW_GAZ)) {
                nm_cand *c = add(F, i, e, MK_GAZ, RO_ENT_COUNTRY);
                c->gcanon = g->canon;
                return e;
            } else {
                nm_cand *c = add(F, i, e, MK_GAZ, gtype);
                c->gcanon = g->canon;
                return e;
            }
        }
    }

    /* title chain, with an organisation before it: "Kremlin spokesman Dmitry Peskov" */
    const char *h = NULL;
    size_t tstart = org_end;
    bool lower_title = org_end > i; /* "Kremlin aide", "State Department Deputy Spokesperson" */
    size_t te = (tstart == i || ((t[tstart].f & T_ADJ) && !(t[tstart - 1].f & T_POSS))) && tstart < n
                    ? title_chain(F, tstart, lower_title, &h, n)
                    : tstart;
    if (te > tstart) {
        size_t ne = te;
        if (te < n && (t[te].f & T_ADJ) && !(t[te - 1].f & T_POSS)) {
            ne = name_run(F, te, n, head);
            if (head && ne == te && capish(&t[te]) && !(tw(F, te) & (NW_STOP | NW_GAZ | NW_ORGW)) &&
                !(tw(F, tstart) & NW_HONORIFIC))
                ne = te + 1; /* "President Trump Before ...": a title vouches for one word */
        }
        if (ne > te && has_word(F, te, ne, NW_ORGW)) {
            bool all = true; /* "General Electric", "General Dynamics": a company, not a general */
            for (size_t q = te; q < ne; q++)
                if (!(tw(F, q) & (NW_ORGW | NW_COMMON)))
                    all = false;
            if (all && tstart == i) {
                add(F, i, ne, MK_ORG, RO_ENT_ORG);
                return ne;
            }
        }
        if (ne > te) {
            /* "Special Envoy of President Donald J. Trump for the Middle East" after a name
             * and a comma: a role holding a title+name */
            size_t of = 0;
            for (size_t k = tstart; k < te; k++)
                if (tok_is(F, k, "of"))
                    of = k;
            bool appos = i > 0 && (t[i - 1].f & T_COMMA) && capish(&t[i - 1]) && !(tw(F, i - 1) & NW_STOP);
            size_t ks = of + 1;
            if (of && tok_is(F, ks, "the"))
                ks++;
            if (of && appos && of + 1 < te && ks < te && match(F, ks, NW_TITLE, NULL)) {
                size_t e = org_complement(F, ne, n);
                nm_cand *r = add(F, i, e, MK_ROLE, RO_ENT_PERSON);
                set_head(r, h);
                size_t k0 = ks;
                nm_cand *c = add(F, k0, ne, MK_NAME, RO_ENT_PERSON);
                c->n0 = te;
                c->n1 = ne;
                c->titled = true;
                return e;
            }
            if (org_end > i)
                add(F, i, org_end, MK_GAZ, RO_ENT_ORG)->gcanon = g->canon;
            nm_cand *c = add(F, i, ne, MK_NAME, RO_ENT_PERSON);
            c->n0 = te;
            c->n1 = ne;
            c->titled = true;
            set_head(c, h);
            if (org_end > i)
                set_ohead(F, c, i, org_end);
            if (org_end > i) {
                nm_cand tmp = F->out->c[F->out->nc - 1];
                F->out->c[F->out->nc - 1] = F->out->c[F->out->nc - 2];
                F->out->c[F->out->nc - 2] = tmp;
            }
            return ne;
        }
        /* a title without a name */
        bool label = (t[tstart].f & T_LABEL) != 0;
        bool appos = i > 0 && (t[i - 1].f & T_COMMA);
        bool before_name = (t[te - 1].f & T_COMMA) && te < n && capish(&t[te]);
        bool mrpres = false;
        if (te - tstart >= 2 && (tok_is(F, tstart, "mr.") || tok_is(F, tstart, "mr") || tok_is(F, tstart, "madam")))
            mrpres = true;
        if (org_end > i && (label || appos || before_name || head)) {
            add(F, i, org_end, MK_GAZ, RO_ENT_ORG)->gcanon = g->canon;
        }
        if (label || appos || before_name || mrpres || (head && !(tw(F, tstart) & NW_HONORIFIC))) {
            size_t e = org_complement(F, te, n);
            e = role_tail(F, e, n);
            nm_cand *c = add(F, i, e, MK_ROLE, RO_ENT_PERSON);
            set_head(c, h);
            if (org_end > i)
                set_ohead(F, c, i, org_end);
            c->label = label;
            c->vocative = mrpres;
            if (mrpres) {
                const char *h2 = NULL;
                title_chain(F, tstart + 1, false, &h2, n);
                set_head(c, h2);
            }
            if (org_end > i && F->out->nc >= 2) {
                nm_cand tmp = F->out->c[F->out->nc - 1];
                F->out->c[F->out->nc - 1] = F->out->c[F->out->nc - 2];
                F->out->c[F->out->nc - 2] = tmp;
            }
            return e;
        }
        if (org_end > i) {
            add(F, i, org_end, MK_GAZ, RO_ENT_ORG)->gcanon = g->canon;
            return org_end;
        }
        return te;
    }
    if (org_end > i) {
        /* organisation (gazetteer), maybe with a complement */
        size_t e = org_complement(F, org_end, n);
        nm_cand *c = add(F, i, e, e == org_end ? MK_GAZ : MK_ORG, RO_ENT_ORG);
        if (e == org_end)
            c->gcanon = g->canon;
        if (gtype == RO_ENT_OTHER)
            c->type = RO_ENT_OTHER;
        return e;
    }

    /* a plain capitalised sequence */
    bool need = head || sent0;
    size_t e = name_run(F, i, n, head);
    const char *hy = memchr(F->text + t[i].s, '-', t[i].e - t[i].s);
    if (hy && (e == i || e == i + 1)) {
        /* "UN-mandated": a known organisation before a hyphen */
        char k[64];
        size_t kl = nl_norm(F->text + t[i].s, (size_t)(hy - (F->text + t[i].s)), k, sizeof k);
        const nl_info *g3 = kl ? nl_get(F->L, k, kl) : NULL;
        if (g3 && (g3->words & NW_GAZ) && g3->gaz == RO_ENT_ORG) {
            nm_cand *c = add(F, i, i + 1, MK_GAZ, RO_ENT_ORG);
            c->e = (size_t)(hy - F->text);
            c->gcanon = g3->canon;
            return i + 1;
        }
        if (e == i) { /* "Putin-Trump": kept if its parts are known surnames */
            nm_cand *c = add(F, i, i + 1, MK_OTHER, RO_ENT_OTHER);
            c->weak = true;
            c->n0 = i;
            c->n1 = i + 1;
            return i + 1;
        }
    }
    if (e == i)
        return i + 1;
    /* "National Security and Defence Council", "Securities and Exchange Commission" (one word
     * before "and", a keyword or not; not "Apple Inc and Microsoft Corp") */
    if (e < n && tok_is(F, e, "and") && (t[e].f & T_ADJ) && e + 1 < n && (t[e + 1].f & T_ADJ) && capish(&t[e + 1]) &&
        (!has_word(F, i, e, NW_ORGW) || e - i == 1)) {
        size_t e2 = name_run(F, e + 1, n, head);
        size_t oe2 = e2;
        while (oe2 < n && (t[oe2].f & T_ADJ) && (tw(F, oe2) & NW_ORGW) && capish(&t[oe2]))
            oe2++;
        if (e2 > e + 1 && has_word(F, e + 1, oe2, NW_ORGW))
            e = e2;
    }
    /* organisation keyword later in the run, or just after it */
    size_t oe = e;
    while (oe < n && (t[oe].f & T_ADJ) && (tw(F, oe) & NW_ORGW) && !(t[oe - 1].f & T_POSS) && capish(&t[oe]))
        oe++;
    if (has_word(F, i, oe, NW_ORGW)) {
        /* end at the last keyword, then a complement */
        size_t last = oe;
        while (last > i && !(tw(F, last - 1) & NW_ORGW))
            last--;
        if (last > i) {
            size_t r = org_complement(F, last, n);
            if (r == last && last < oe)
                r = last;
            if (r - i == 1) {
                /* a keyword alone ("the Commission"): kept if it is a shorter form of a longer name */
                nm_cand *c = add(F, i, r, MK_OTHER, RO_ENT_OTHER);
                c->weak = true;
                c->n0 = i;
                c->n1 = r;
                return r;
            }
            if (!head || supported(F, i)) {
                add(F, i, r, MK_ORG, RO_ENT_ORG);
                return r;
            }
        }
    }
    int type = classify(F, i, e);
    if (need && e - i == 1 && !supported(F, i)) {
        /* weak: kept only if it links to something */
        nm_cand *c = add(F, i, e, MK_OTHER, RO_ENT_OTHER);
        c->weak = true;
        c->n0 = i;
        c->n1 = e;
        return e;
    }
    if (need && e - i > 1 && !supported(F, i) && !(tw(F, i) & NW_FIRST)) {
        /* "Sergey Lavrov ..." at a sentence start is fine if the rest is supported */
        bool rest = true;
        for (size_t k = i + 1; k < e; k++)
            if (!supported(F, k) && !(tw(F, k) & NW_PARTICLE))
                rest = false;
        if (head || (!rest && type != RO_ENT_PERSON)) {
            return i + 1;
        }
        /* a participle or an adverb opening the sentence is no given name: "Understated, Perez
         * ...", "Asked about it, Rubio said", "Speaking on Sunday, Obama" */
        const char *w0 = F->text + t[i].s;
        size_t l0 = t[i].e - t[i].s;
        if (rest && l0 > 4 && !(tw(F, i) & (NW_TITLE | NW_HONORIFIC | NW_GAZ | NW_PARTICLE)) &&
            ((w0[l0 - 2] == 'e' && w0[l0 - 1] == 'd') || (w0[l0 - 2] == 'l' && w0[l0 - 1] == 'y') ||
             (l0 > 5 && w0[l0 - 3] == 'i' && w0[l0 - 2] == 'n' && w0[l0 - 1] == 'g')))
            return i + 1;
    }
    nm_cand *c = add(F, i, e, type == RO_ENT_PERSON ? MK_NAME : MK_OTHER, type);
    c->n0 = i;
    c->n1 = e;
    c->weak = e - i == 1 && type == RO_ENT_OTHER;
    c->label = (t[i].f & T_LABEL) != 0;
    /* "Al Arabiya (AA)"-style acronyms are separate tokens; nothing to do */
    return e;
}

/* Possessive roles: "Putin's foreign policy aide", "Trump's son-in-law". */
static void possessive_roles(finder *F, nm_cand **rv, size_t *rn)
{
    nm_found *o = F->out;
    size_t rcap = 0;
    size_t nc0 = o->nc;
    for (size_t ci = 0; ci < nc0; ci++) {
        nm_cand *c = &o->c[ci];
        if (c->kind == MK_ROLE || c->type == RO_ENT_COUNTRY || c->type == RO_ENT_PLACE)
            continue;
        if (!(F->t[c->t1 - 1].f & T_POSS))
            continue;
        size_t k = c->t1;
        size_t lim = k + 4;
        for (; k < F->n && k < lim; k++) {
            if (!(F->t[k].f & T_ADJ))
                break;
            const nl_info *ti = NULL;
            size_t tm = (F->t[k].f & T_LOW) ? match(F, k, NW_TITLE, &ti) : 0;
            if (tm > 1 && ti && !(F->t[k + tm - 1].f & T_POSS)) {
                /* a title in lower case: "Obama's former chief of staff", "her national security adviser" */
                bool adj = true;
                for (size_t q = k + 1; q < k + tm; q++)
                    adj &= (F->t[q].f & T_ADJ) && (F->t[q].f & T_LOW);
                if (adj) {
                    nm_cand r;
                    memset(&r, 0, sizeof r);
                    r.head = r.ohead = "";
                    r.t0 = c->t0;
                    r.t1 = k + tm;
                    r.s = c->s;
                    r.e = F->t[k + tm - 1].e;
                    r.kind = MK_ROLE;
                    r.type = RO_ENT_PERSON;
                    r.bind = -1;
                    r.possessor = (long)c->t1;
                    r.entity = -1;
                    r.headline = c->headline;
                    r.strict = true;
                    set_head(&r, ti->head);
                    RO_PUSH(*rv, *rn, rcap, r);
                    break;
                }
            }
            if (tw(F, k) & NW_ROLE) {
                nm_cand r;
                memset(&r, 0, sizeof r);
                r.head = r.ohead = "";
                r.t0 = c->t0;
                r.t1 = k + 1;
                r.s = c->s;
                r.e = F->t[k].e;
                r.kind = MK_ROLE;
                r.type = RO_ENT_PERSON;
                r.bind = -1;
                r.possessor = (long)c->t1; /* the possessor's end token */
                r.entity = -1;
                r.headline = c->headline;
                char w[32];
                size_t wl = nl_norm(F->text + F->t[k].s, F->t[k].e - F->t[k].s, w, sizeof w);
                if (wl)
                    set_head_copy(F, &r, w);
                RO_PUSH(*rv, *rn, rcap, r);
                break;
            }
            if (!(F->t[k].f & T_LOW) || (tw(F, k) & NW_STOP) || (tw(F, k) & NW_REPORT))
                break;
        }
    }
}

static int cmp_cand(const void *a, const void *b)
{
    const nm_cand *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    if (x->e != y->e)
        return x->e > y->e ? -1 : 1;
    return 0;
}

/* Does the gap [a, b) hold a blank line? */
static bool gap_blank_line(const char *s, size_t a, size_t b)
{
    const char *nl = memchr(s + a, '\n', b - a);
    while (nl) {
        size_t k = (size_t)(nl - s) + 1;
        while (k < b && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
            k++;
        if (k < b && s[k] == '\n')
            return true;
        nl = k < b ? memchr(s + k, '\n', b - k) : NULL;
    }
    return false;
}

/* Transcript labels: a line (its first token i) that starts with up to 7
 * words and a colon. */
static void label_at(finder *F, ro_doc *doc, size_t i)
{
    nm_tok *t = F->t;
    size_t n = F->n;
    const char *s = F->text;
    size_t j = i;
    while (j < n && j < i + 7 && (j == i || (t[j].f & T_ADJ)))
        j++;
    /* the colon right after token j-1' for some j' in [i, j) */
    for (size_t m = i; m < j; m++) {
        size_t g = t[m].ge;
        if (g < doc->len && s[g] == ':' && (g + 1 >= doc->len || s[g + 1] == ' ' || s[g + 1] == '\n' ||
                                                             (unsigned char)s[g + 1] == 0xC2)) {
            if (capish(&t[i]))
                for (size_t q = i; q <= m; q++)
                    t[q].f |= T_LABEL;
            break;
        }
        if (m + 1 < j && !(t[m + 1].f & T_ADJ))
            break;
    }
}

/* Sentence starts, headlines, bylines and transcript labels. */
static void mark_structure(finder *F, ro_doc *doc)
{
    nm_tok *t = F->t;
    size_t n = F->n;
    const char *s = F->text;
    (void)doc;
    /* sentence starts: after . ! ? or an ellipsis (an abbreviation's or an
     * initial's full stop belongs to its word); after a colon, a dash or an
     * opening quotation mark a capital says little either */
    if (n) {
        t[0].f |= T_SENT0;
        if (t[0].f & T_LINE0)
            label_at(F, doc, 0);
    }
    bool blanks = false;
    for (size_t i = 1; i < n; i++) {
        unsigned f = t[i].f;
        if (f & T_ADJ)
            continue; /* the common case: only spaces, tabs or an '&' between (never a new line) */
        size_t a = t[i - 1].ge, g = t[i].s;
        if (t[i].f & T_LINE0) /* (labels set no flag read here) */
            label_at(F, doc, i);
        for (size_t x = a; x < g; x++) {
            unsigned char c = (unsigned char)s[x];
            if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '(' || c == '[') {
                t[i].f |= T_SENT0;
            } else if (c == 0xE2 && x + 2 < g && (unsigned char)s[x + 1] == 0x80) {
                unsigned char c3 = (unsigned char)s[x + 2];
                if (c3 == 0xA6 || c3 == 0x9C || c3 == 0x98 || c3 == 0x94 || c3 == 0x93)
                    t[i].f |= T_SENT0;
            } else if (c == 0xC2 && x + 1 < g && (unsigned char)s[x + 1] == 0xAB) {
                t[i].f |= T_SENT0;
            } else if (c == '\n' && !blanks && gap_blank_line(s, a, g)) {
                blanks = true;
            }
        }
    }
    /* paragraphs (blank-line separated, else one a line): headlines and bylines */
    size_t k = 0;
    while (k < n) {
        size_t k0 = k, k1 = k + 1;
        while (k1 < n) {
            if (t[k1].f & T_LINE0) {
                if (!blanks || gap_blank_line(s, t[k1 - 1].ge, t[k1].s))
                    break;
            }
            k1++;
        }
        k = k1;
        size_t a = t[k0].s, b = t[k1 - 1].ge;
        size_t lim = k1 < n ? t[k1].s : doc->len;
        while (b < lim && s[b] != '\n')
            b++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
            b--;
        while (a > 0 && s[a - 1] != '\n' && s[a - 1] != ' ' && s[a - 1] != '\t')
            a--; /* an opening bracket or quotation mark before the first word */
        bool oneline = memchr(s + a, '\n', b - a) == NULL;
        unsigned char last = (unsigned char)s[b - 1];
        bool byline = tok_is(F, k0, "by") && capish(&t[k0]);
        size_t caps = 0, words = 0;
        for (size_t i = k0; i < k1 && oneline && k1 - k0 <= 24 && !byline; i++) {
            if (t[i].e - t[i].s < 4 || (tw(F, i) & NW_PARTICLE) || (t[i].f & T_NUM))
                continue;
            words++;
            if (t[i].f & (T_CAP | T_ALLCAP))
                caps++;
        }
        /* in a headline the only lower-case words are short function words */
        size_t lowcontent = 0;
        static const char *const fw[] = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "and",
                                         "or", "with", "as", "but", "from", "vs", "over", "into", "after",
                                         "amid", "says", "is", "are", "not", "no", "up", "out", "if", "than",
                                         "via", "so", "off", "do", "be", "was", "has", "its", "his", "her",
                                         "how", "why", "who", "what", "that", "it", "all", "per", NULL};
        static const unsigned char fwl[] = {1, 2, 3, 2, 2, 2, 2, 2, 3, 2, 3, 2, 4, 2, 3, 4, 2, 4, 4, 5,
                                            4, 4, 2, 3, 3, 2, 2, 3, 2, 4, 3, 2, 3, 2, 2, 3, 3, 3, 3, 3,
                                            3, 3, 3, 4, 4, 2, 3, 3, 0};
        bool maybe = oneline && k1 - k0 <= 24 && !byline && words >= 2 && caps * 4 >= words * 3;
        for (size_t i = k0; maybe && i < k1; i++) {
            if (!(t[i].f & T_LOW) || (tw(F, i) & NW_PARTICLE))
                continue;
            bool isfw = false;
            size_t tl = t[i].e - t[i].s;
            for (size_t q = 0; fw[q] && tl <= 5; q++)
                if (tok_is_n(F, i, fw[q], fwl[q]))
                    isfw = true;
            if (!isfw)
                lowcontent++;
        }
        /* (a title line may end with a full stop: "Obama Sees 'Personal Insult' if Blacks Don't Rally.",
         * the first line of the document, four words or more) */
        bool stop_ok = last != '.' || (k0 == 0 && words >= 4);
        bool headline = oneline && !byline && stop_ok && last != ':' && s[a] != '(' && words >= 2 &&
                        lowcontent == 0 && caps * 4 >= words * 3 &&
                        k1 - k0 <= 24;
        if (headline && (t[k0].f & T_ALLCAP) && k1 - k0 == 1)
            headline = true;
        /* a name and its office under a title, "Gideon Dalloway, Department Spokesperson": no headline */
        if (headline && (tw(F, k0) & (NW_MALE | NW_FEMALE)) && k0 + 2 < k1 && (t[k0 + 1].f & T_CAP) &&
            ((t[k0 + 1].f & T_COMMA) || ((t[k0 + 2].f & T_CAP) && (t[k0 + 2].f & T_COMMA) && k0 + 3 < k1)))
            headline = false;
        for (size_t i = k0; i < k1 && (headline || byline); i++) {
            if (headline)
                t[i].f |= T_HEAD;
            if (byline)
                t[i].f |= T_BYLINE;
        }
    }
}

/* Is [s, e) the whole of a quotation: a quotation mark right before and after? */
static bool quoted_alone(const ro_doc *doc, size_t s, size_t e)
{
    if (s == 0 || e >= doc->len)
        return false;
    size_t l;
    int32_t a = ro_utf8_decode_prev((const unsigned char *)doc->text, s, &l);
    int32_t b = ro_utf8_decode((const unsigned char *)doc->text, doc->len, e, &l);
    return (a == 0x201C || a == '"' || a == 0x2018 || a == 0xAB) && (b == 0x201D || b == '"' || b == 0x2019 || b == 0xBB);
}

void ro_names_find(ro_doc *doc, const nl_lex *L, nm_found *out)
{
    memset(out, 0, sizeof *out);
    finder F;
    memset(&F, 0, sizeof F);
    F.doc = doc;
    F.text = doc->text;
    F.len = doc->len;
    F.L = L;
    F.out = out;
    F.t = (nm_tok *)ro_doc_tokens(doc, &F.n); /* names fill in flags and word classes */
    out->tok = F.t;
    out->ntok = F.n;
    F.slot = ro_xmalloc((F.n ? F.n : 1) * sizeof *F.slot); /* read only where T_WDONE */
    mark_structure(&F, doc);
    /* words capitalised in running text */
    /* at most two hashes a capitalised word (the word, and it without al-) */
    uint64_t body_small[1024]; /* (most documents: no allocation) */
    F.bodycap = 64;
    while (F.bodycap < sizeof body_small / sizeof body_small[0] && F.bodycap < F.n / 2)
        F.bodycap *= 2;
    F.body = body_small;
    memset(body_small, 0, F.bodycap * sizeof *F.body);
    for (size_t i = 0; i < F.n; i++) {
        unsigned f = F.t[i].f;
        if ((f & T_CAP) && !(f & (T_SENT0 | T_HEAD | T_LINE0 | T_ALLCAP))) {
            body_add(&F, tok_hash(&F, i));
            const char *w = doc->text + F.t[i].s;
            size_t wl = F.t[i].e - F.t[i].s;
            if (wl > 3 && (w[0] == 'a' || w[0] == 'e' || w[0] == 'A' || w[0] == 'E') && w[1] == 'l' && w[2] == '-') {
                char k[128];
                size_t kl = nl_norm(w + 3, wl - 3, k, sizeof k);
                if (kl)
                    body_add(&F, hash_bytes(k, kl) | 1);
            }
        }
    }
    size_t i = 0;
    while (i < F.n) {
        unsigned f = F.t[i].f;
        bool go = (f & (T_CAP | T_ALLCAP | T_INIT)) != 0;
        if (!go && (f & T_LOW)) {
            /* particles: de, del, della, der, den, di, da, du, la, le, van, von, ter, ten, bin, bint, ibn, al, el, ben, abu, abd */
            char c0 = doc->text[F.t[i].s];
            bool nextcap = F.t[i].e - F.t[i].s <= 5 &&
                           (c0 == 'd' || c0 == 'v' || c0 == 'b' || c0 == 'a' || c0 == 'e' || c0 == 'l' || c0 == 't' ||
                            c0 == 'i') &&
                           i + 1 < F.n && (F.t[i + 1].f & T_ADJ) &&
                           (capish(&F.t[i + 1]) ||
                            (F.t[i + 1].e - F.t[i + 1].s <= 3 && i + 2 < F.n && (F.t[i + 2].f & T_ADJ) &&
                             capish(&F.t[i + 2])));
            if (nextcap && (i == 0 || !capish(&F.t[i - 1]) || !(f & T_ADJ)) && (tw(&F, i) & NW_PARTICLE) &&
                particle_at(&F, i))
                go = true;
            else if (i > 0 && role_context(&F, i) && (tw(&F, i) & (NW_TITLE | NW_ROLE | NW_PREFIX)))
                go = true;
        }
        if (!go) {
            i++;
            continue;
        }
        size_t nx = parse_at(&F, i);
        i = nx > i ? nx : i + 1;
    }
    /* an adjective of nationality the lists lack, before an organisation:
     * "the Orvanian Foreign Ministry" */
    for (size_t k = 0; k < out->nc; k++) {
        nm_cand *c = &out->c[k];
        if (!(c->kind == MK_ORG || (c->kind == MK_GAZ && c->type == RO_ENT_ORG)) || c->t0 == 0)
            continue;
        size_t a = c->t0 - 1;
        const nm_tok *w = &F.t[a];
        if (!(F.t[c->t0].f & T_ADJ) || !(w->f & T_CAP) || (w->f & (T_ALLCAP | T_POSS | T_SENT0 | T_LINE0 | T_HEAD)) ||
            (tw(&F, a) & (NW_STOP | NW_COMMON | NW_GAZ | NW_DEMONYM | NW_TITLE | NW_HONORIFIC | NW_FIRST)))
            continue;
        const char *x = doc->text + w->s;
        size_t wl = w->e - w->s;
        bool adj = wl > 4 && ((x[wl - 2] == 'a' && x[wl - 1] == 'n') || (x[wl - 3] == 'e' && x[wl - 2] == 's' && x[wl - 1] == 'e') ||
                              (x[wl - 3] == 'i' && x[wl - 2] == 's' && x[wl - 1] == 'h') || (x[wl - 2] == 'i' && x[wl - 1] == 'c'));
        /* a country the lists lack before a ministry: "the Esterland Foreign Ministry" */
        static const char *const portfolio[] = {"foreign", "defence", "defense", "interior", "finance", "justice",
                                                "health", "trade", "economy", "home", "state", NULL};
        for (size_t q = 0; !adj && portfolio[q]; q++)
            adj = tok_is_n(&F, c->t0, portfolio[q], strlen(portfolio[q])) && wl > 3;
        bool taken = false;
        long lone = -1;
        for (size_t q = k; q-- > 0 && out->c[q].e > w->s;) {
            if (out->c[q].t0 == a && out->c[q].t1 == a + 1 && out->c[q].kind == MK_OTHER)
                lone = (long)q; /* the word read alone: it goes into the organisation */
            else
                taken |= out->c[q].t1 > a;
        }
        if (!adj || taken)
            continue;
        if (lone >= 0)
            out->c[lone].kind = -1;
        c->t0 = a;
        c->s = w->s;
        c->gcanon = NULL; /* named as written */
        c->kind = MK_ORG;
    }

    /* a newspaper keeps its "The": "The Tavara Chronicle" */
    for (size_t k = 0; k < out->nc; k++) {
        nm_cand *c = &out->c[k];
        if (!(c->kind == MK_ORG || (c->kind == MK_GAZ && c->type == RO_ENT_ORG)) || c->t0 == 0 ||
            !(F.t[c->t0].f & T_ADJ) || !tok_is(&F, c->t0 - 1, "the") || !(F.t[c->t0 - 1].f & T_CAP))
            continue;
        static const char *const papers[] = {"times", "post", "chronicle", "herald", "journal", "gazette", "tribune",
                                             "telegraph", "guardian", "observer", "independent", "courier",
                                             "economist", "globe", "sun", "mirror", "examiner", "inquirer",
                                             "register", "star", "record", "dispatch", "bulletin", "review", NULL};
        size_t last = c->t1 - 1;
        bool paper = false;
        for (size_t q = 0; !paper && papers[q]; q++)
            paper = tok_is_n(&F, last, papers[q], strlen(papers[q]));
        if (!paper)
            continue;
        c->t0--;
        c->s = F.t[c->t0].s;
        c->gcanon = NULL;
        c->kind = MK_ORG;
    }

    /* a newspaper keeps its "The": "The Tavara Chronicle" */
    for (size_t k = 0; k < out->nc; k++) {
        nm_cand *c = &out->c[k];
        if (!(c->kind == MK_ORG || (c->kind == MK_GAZ && c->type == RO_ENT_ORG)) || c->t0 == 0 ||
            !(F.t[c->t0].f & T_ADJ) || !tok_is(&F, c->t0 - 1, "the") || !(F.t[c->t0 - 1].f & T_CAP))
            continue;
        static const char *const papers[] = {"times", "post", "chronicle", "herald", "journal", "gazette", "tribune",
                                             "telegraph", "guardian", "observer", "independent", "courier",
                                             "economist", "globe", "sun", "mirror", "examiner", "inquirer",
                                             "register", "star", "record", "dispatch", "bulletin", "review", NULL};
        size_t last = c->t1 - 1;
        bool paper = false;
        for (size_t q = 0; !paper && papers[q]; q++)
            paper = tok_is_n(&F, last, papers[q], strlen(papers[q]));
        if (!paper)
            continue;
        c->t0--;
        c->s = F.t[c->t0].s;
        c->gcanon = NULL;
        c->kind = MK_ORG;
    }

    /* "President of Dornia Ansel Varga": the title's country, then the name */
    size_t nc0 = out->nc;
    for (size_t k = 0; k < nc0; k++) {
        nm_cand *c = &out->c[k];
        if (c->kind == MK_NAME && c->type == RO_ENT_PERSON && !c->titled && quoted_alone(doc, c->s, c->e) &&
            !(tw(&F, c->n0) & NW_FIRST)) {
            /* “Aster Framework”: a name quoted as words is no person */
            c->kind = MK_OTHER;
            c->type = RO_ENT_OTHER;
            continue;
        }
        if (c->kind != MK_NAME || c->type != RO_ENT_PERSON || c->n0 != c->t0 || c->n1 < c->n0 + 3 ||
            c->t0 < 2 || !(F.t[c->t0].f & T_ADJ) || !(F.t[c->t0 - 1].f & T_ADJ) || !tok_is(&F, c->t0 - 1, "of") ||
            (tw(&F, c->t0) & (NW_FIRST | NW_PARTICLE)) || (tw(&F, c->t0 + 1) & NW_PARTICLE))
            continue;
        bool titled = false; /* "Minister for Trade of Vallania Jonas Brandvold" */
        for (size_t q = c->t0 - 1; q-- > 0 && q + 5 >= c->t0 && !titled;)
            titled = (tw(&F, q) & NW_TITLE) != 0;
        if (!titled)
            continue;
        size_t a = c->t0;
        c->t0 = c->n0 = a + 1;
        c->s = F.t[a + 1].s;
        nm_cand *p = add(&F, a, a + 1, MK_OTHER, RO_ENT_COUNTRY);
        (void)p;
    }
    /* candidates absorbed above */
    size_t live = 0;
    for (size_t k = 0; k < out->nc; k++)
        if (out->c[k].kind >= 0)
            out->c[live++] = out->c[k];
    out->nc = live;

    /* candidates are nearly in order (an inner mention may come before its
     * outer one): an insertion sort moves little */
    for (size_t k = 1; k < out->nc; k++) {
        if (cmp_cand(&out->c[k - 1], &out->c[k]) <= 0)
            continue;
        nm_cand tmp = out->c[k];
        size_t q = k;
        while (q > 0 && cmp_cand(&out->c[q - 1], &tmp) > 0) {
            out->c[q] = out->c[q - 1];
            q--;
        }
        out->c[q] = tmp;
    }
    nm_cand *rv = NULL;
    size_t rn = 0;
    possessive_roles(&F, &rv, &rn);
    if (rn) { /* merge the possessive roles (in order too) */
        nm_cand *m = ro_xmalloc((out->nc + rn) * sizeof *m);
        size_t a = 0, b = 0, k = 0;
        while (a < out->nc || b < rn) {
            if (b >= rn || (a < out->nc && cmp_cand(&out->c[a], &rv[b]) <= 0))
                m[k++] = out->c[a++];
            else
                m[k++] = rv[b++];
        }
        free(out->c);
        out->c = m;
        out->nc = out->capc = k;
    }
    free(rv);
    for (size_t k = 0; k < out->nc; k++)
        for (size_t q = out->c[k].t0 > 0 ? out->c[k].t0 - 1 : 0; q < out->c[k].t1 + 1 && q < F.n; q++)
            tw(&F, q);
    /* the same span found twice (a title chain read again): keep the first */
    size_t w = 0;
    for (size_t k = 0; k < out->nc; k++) {
        if (w && out->c[w - 1].s == out->c[k].s && out->c[w - 1].e == out->c[k].e)
            continue;
        out->c[w++] = out->c[k];
    }
    out->nc = w;
    if (F.body_heap)
        free(F.body);
    free(F.slot);
}
