/* link_names.c: linking mentions within a document.
 *
 * Full names ("Yury Ushakov", "Aide to the President Yury Ushakov",
 * "Donald J. Trump") make the person entities, keyed by first name and
 * surname; then, in text order, a surname ("Ushakov", "USHAKOV", "Mr
 * Ushakov", "Y. Ushakov") links to the person with that surname (the one
 * with the same title, or the one mentioned last), a first name alone
 * ("Steve") to the person with that first name, and a role ("the
 * Secretary", "Putin's foreign policy aide", a transcript label "THE
 * PRESIDENT") to the person it was set beside or the last one mentioned
 * with that title.  Organisations link by their gazetteer name or by a
 * shorter form of a longer name in the document ("the Commission",
 * "Foreign Ministry").  The canonical name is the longest full name used,
 * then mapped through the aliases list; entities with the same canonical
 * name are one.  Hash tables throughout: linear in the mentions.
 */
#include "names.h"

#include <strings.h>

/* ---- a string → list-of-entities map --------------------------------------- */

typedef struct {
    char *key;
    size_t klen;
    long head; /* first node */
    uint64_t h;
} sm_slot;

typedef struct {
    long ent, next;
} sm_node;

typedef struct {
    sm_slot *slots;
    size_t cap, n;
    sm_node *nodes;
    size_t nn, capn;
    ro_arena *keys; /* where keys are copied: the document's names arena */
} smap;

/* (eight bytes at a time; the keys are never walked in table order) */
static uint64_t hbytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL ^ n;
    size_t i = 0;
    for (;; i += 8) {
        uint64_t c;
        if (i + 8 <= n)
            memcpy(&c, s + i, 8);
        else if (i < n)
            c = ro_load_tail(s + i, n - i);
        else
            break;
        h ^= c;
        h *= 0x9E3779B97F4A7C15ULL;
        h ^= h >> 32;
    }
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 29);
}

static sm_slot *sm_find_h(const smap *m, const char *k, size_t n, uint64_t h)
{
    if (!m->cap)
        return NULL;
    size_t j = h & (m->cap - 1);
    while (m->slots[j].key) {
        if (m->slots[j].h == h && m->slots[j].klen == n && memcmp(m->slots[j].key, k, n) == 0)
            return &m->slots[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

static sm_slot *sm_find(const smap *m, const char *k, size_t n)
{
    return m->cap ? sm_find_h(m, k, n, hbytes(k, n)) : NULL;
}

static void sm_add(smap *m, const char *k, size_t n, long ent)
{
    if (!n)
        return;
    uint64_t h = hbytes(k, n);
    sm_slot *sl = sm_find_h(m, k, n, h);
    if (!sl) {
        if ((m->n + 1) * 2 > m->cap) {
            size_t ncap = m->cap ? m->cap * 2 : 32;
            sm_slot *ns = ro_xcalloc(ncap, sizeof *ns);
            for (size_t i = 0; i < m->cap; i++) {
                if (!m->slots[i].key)
                    continue;
                size_t j = m->slots[i].h & (ncap - 1);
                while (ns[j].key)
                    j = (j + 1) & (ncap - 1);
                ns[j] = m->slots[i];
            }
            free(m->slots);
            m->slots = ns;
            m->cap = ncap;
        }
        size_t j = h & (m->cap - 1);
        while (m->slots[j].key)
            j = (j + 1) & (m->cap - 1);
        sl = &m->slots[j];
        sl->key = ro_arena_strndup(m->keys, k, n);
        sl->klen = n;
        sl->h = h;
        sl->head = -1;
        m->n++;
    }
    size_t steps = 0; /* the newest come first; a long list is not searched to its end */
    for (long x = sl->head; x >= 0 && steps < 32; x = m->nodes[x].next, steps++)
        if (m->nodes[x].ent == ent)
            return;
    sm_node nd = {ent, sl->head};
    RO_PUSH(m->nodes, m->nn, m->capn, nd);
    sl->head = (long)m->nn - 1;
}

static void sm_free(smap *m)
{
    free(m->slots);
    free(m->nodes);
    memset(m, 0, sizeof *m);
}

/* ---- entities ------------------------------------------------------------------- */

#define MAXHEADS 6

typedef struct {
    char *canon;          /* arena */
    size_t canon_len;     /* chosen: longest */
    int type;
    char first[48];       /* normalised first name, or "" */
    char sur[64];         /* normalised surname key */
    char heads[MAXHEADS][32];
    size_t nheads;
    size_t firstpos;      /* first full-name mention */
    long lastpos;         /* last linked mention so far, -1 */
    long merged;          /* into another entity, or -1 */
    size_t first_mention;
    size_t nment;         /* mentions linked so far, in text order */
    char gender;          /* 'm', 'f' or 0: from a given name or an honorific */
    char *first_str, *sur_str; /* as written, for "never used" forms */
} ent;

struct ro_names_priv {
    nm_found f;
    ent *e;
    size_t ne, cape;
    smap full, sur, first, org, orgpart, heads, labels;
    ro_mention *ments;
    size_t nments;
    ro_mention *extra; /* mentions made by splitting a word: "Putin-Trump" (entity: internal) */
    size_t nextra, capextra;
    ro_entity *ents;
    size_t nents;
    long *entmap; /* internal entity -> public index */
    long *pub2int; /* public index -> an internal entity with a first name or surname */
    ro_arena arena;
    const nl_lex *L; /* the compiled lists: spellings of one name (name_variants) */
};

typedef struct ro_names_priv priv;

/* The shared key of a surname or a given name key[0..kl) written in any of its spellings. */
static size_t sur_class(const priv *P, char *key, size_t kl, size_t cap)
{
    return kl ? nl_surname_key(P->L, key, kl, cap) : 0;
}

static size_t given_class(const priv *P, char *key, size_t kl, size_t cap)
{
    return kl ? nl_given_key(P->L, key, kl, cap) : 0;
}

static void put_str(char *dst, size_t dsz, const char *src)
{
    size_t n = strlen(src);
    if (n >= dsz)
        n = dsz - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* "T:key": a key that also says the entity type. */
static void typed_key(char *out, size_t outsz, int type, const char *key)
{
    out[0] = (char)('0' + (type & 7));
    out[1] = ':';
    put_str(out + 2, outsz - 2, key);
}

static void ent_add_head(ent *e, const char *h)
{
    if (!h || !h[0])
        return;
    for (size_t i = 0; i < e->nheads; i++)
        if (strcmp(e->heads[i], h) == 0)
            return;
    if (e->nheads < MAXHEADS)
        put_str(e->heads[e->nheads++], sizeof e->heads[0], h);
}

static bool ent_has_head(const ent *e, const char *h)
{
    for (size_t i = 0; i < e->nheads; i++)
        if (strcmp(e->heads[i], h) == 0)
            return true;
    return false;
}

static long new_ent(priv *P, int type)
{
    ent e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.lastpos = -1;
    e.merged = -1;
    e.firstpos = SIZE_MAX;
    RO_PUSH(P->e, P->ne, P->cape, e);
    return (long)P->ne - 1;
}

/* Text of [s, e) without soft hyphens and with runs of spaces made one. */
static char *clean_copy(ro_arena *a, const char *t, size_t s, size_t e)
{
    char *r = ro_arena_alloc(a, e - s + 1);
    /* the common case: no soft hyphen, no-break space or other white space
     * than single spaces inside, copied as it is */
    size_t x = s;
    for (; x < e; x++) {
        unsigned char c = (unsigned char)t[x];
        if (c == 0xC2 || c == '"' || (c == 0xE2 && x + 2 < e && (unsigned char)t[x + 1] == 0x80 &&
                                      ((unsigned char)t[x + 2] == 0x9C || (unsigned char)t[x + 2] == 0x9D)) ||
            (c <= ' ' && (c != ' ' || x == s || x + 1 == e || t[x + 1] == ' ')))
            break;
    }
    if (x == e) {
        memcpy(r, t + s, e - s);
        r[e - s] = '\0';
        return r;
    }
    size_t k = 0;
    bool sp = false;
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == 0xC2 && i + 1 < e && (unsigned char)t[i + 1] == 0xAD) {
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < e && (unsigned char)t[i + 1] == 0xA0) {
            i++;
            c = ' ';
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            sp = true;
            continue;
        }
        if (sp && (c == '"' || (c == 0xE2 && i + 2 < e && (unsigned char)t[i + 1] == 0x80 &&
                                (unsigned char)t[i + 2] == 0x9C))) {
            /* a nickname inside a name is no part of it: Marcia "Cia" Price */
            size_t j = i + (c == '"' ? 1 : 3);
            while (j < e && t[j] != '"' && !((unsigned char)t[j] == 0xE2 && j + 2 < e && (unsigned char)t[j + 1] == 0x80 &&
                                             (unsigned char)t[j + 2] == 0x9D) && t[j] != ' ')
                j++;
            if (j < e && t[j] != ' ') {
                i = j + (t[j] == '"' ? 0 : 2); /* (the loop steps past the closing mark) */
                continue; /* (sp stays: one space before what follows) */
            }
        }
        if (sp && k)
            r[k++] = ' ';
        sp = false;
        r[k++] = (char)c;
    }
    r[k] = '\0';
    return r;
}

static void set_canon(priv *P, long ei, const char *text, size_t s, size_t e)
{
    ent *E = &P->e[ei];
    if (E->canon && e - s <= E->canon_len)
        return;
    E->canon = clean_copy(&P->arena, text, s, e);
    E->canon_len = e - s;
}

static size_t words_key(const char *text, const nm_tok *t, size_t a, size_t b, char *out, size_t outsz);

/* Surname key: normalised, without a leading al- / el-. */
static size_t sur_key(const char *text, const nm_tok *t, size_t a, size_t b, char *out, size_t outsz)
{
    size_t kl = words_key(text, t, a, b, out, outsz);
    if (!kl)
        return 0;
    size_t off = 0;
    if (kl > 3 && (memcmp(out, "al-", 3) == 0 || memcmp(out, "el-", 3) == 0 || memcmp(out, "al ", 3) == 0 ||
                   memcmp(out, "el ", 3) == 0))
        off = 3;
    memmove(out, out + off, kl - off);
    out[kl - off] = '\0';
    return kl - off;
}

typedef struct {
    size_t fs, fe;    /* first-name token range (fs == fe: none) */
    size_t ss, se;    /* surname tokens */
    bool initial;     /* first is an initial: Y. Ushakov */
    bool patronymic;  /* Yury Viktorovich */
} nparts;

static bool ends_with(const char *w, const char *suf)
{
    size_t a = strlen(w), b = strlen(suf);
    return a >= b && strcmp(w + a - b, suf) == 0;
}

static nparts split_name(const priv *P, const char *text, size_t a, size_t b)
{
    const nm_tok *t = P->f.tok;
    nparts p = {a, a, a, b, false, false};
    if (b - a <= 1)
        return p;
    if (b - a == 2 && (t[a].w & NW_SFIRST)) { /* Wang Yi */
        p.fs = a + 1;
        p.fe = b;
        p.ss = a;
        p.se = a + 1;
        return p;
    }
    size_t s = b - 1;
    while (s > a && (t[s - 1].w & NW_PARTICLE))
        s--;
    for (size_t k = a + 1; k + 1 < b && !(t[a].w & NW_PARTICLE); k++)
        if ((t[k].w & NW_PARTICLE) && (t[k].f & T_LOW)) { /* Ramón de la Cruz Ibarra */
            s = k;
            break;
        }
    if (s == a) { /* "Van der Berg": a surname with its particles */
        p.ss = a;
        return p;
    }
    p.fs = a;
    p.fe = a + 1;
    p.ss = s;
    p.se = b;
    p.initial = (t[a].f & T_INIT) != 0;
    if (b - a == 2) {
        char w[64];
        size_t k = nl_norm(text + t[a + 1].s, t[a + 1].e - t[a + 1].s, w, sizeof w);
        if (k && (ends_with(w, "ovich") || ends_with(w, "evich") || ends_with(w, "ovna") ||
                  ends_with(w, "evna") || ends_with(w, "ich")))
            p.patronymic = true;
    }
    return p;
}

/* Choose among the entities listed under a key: one with the head, else
 * the last mentioned before pos, else the first. */
static long choose(priv *P, const smap *m, const char *k, size_t n, const char *head, size_t pos, int type)
{
    sm_slot *sl = sm_find(m, k, n);
    if (!sl)
        return -1;
    long best = -1, anyb = -1, firstb = -1;
    long bestpos = -2, anypos = -2;
    size_t firstp = SIZE_MAX;
    size_t steps = 0; /* bounded: the 32 entities added last under this key */
    for (long x = sl->head; x >= 0 && steps < 32; x = m->nodes[x].next, steps++) {
        long ei = m->nodes[x].ent;
        ent *E = &P->e[ei];
        if (type >= 0 && E->type != type)
            continue;
        long lp = E->lastpos >= 0 && (size_t)E->lastpos < pos ? E->lastpos : -1;
        if (lp < 0 && E->firstpos < pos)
            lp = (long)E->firstpos;
        if (head && head[0] && ent_has_head(E, head) && lp > bestpos) {
            best = ei;
            bestpos = lp;
        }
        if (lp > anypos) {
            anyb = ei;
            anypos = lp;
        }
        if (E->firstpos < firstp || firstb < 0) {
            firstp = E->firstpos;
            firstb = ei;
        }
    }
    if (best >= 0)
        return best;
    if (head && head[0]) {
        /* one with that head anywhere */
        steps = 0;
        for (long x = sl->head; x >= 0 && steps < 32; x = m->nodes[x].next, steps++) {
            long ei = m->nodes[x].ent;
            if ((type < 0 || P->e[ei].type == type) && ent_has_head(&P->e[ei], head))
                return ei;
        }
    }
    if (anyb >= 0 && anypos >= 0)
        return anyb;
    return firstb >= 0 ? firstb : anyb;
}

static const char *form_for(const nm_cand *c, nparts p, bool single_first)
{
    if (c->kind == MK_ROLE)
        return "role";
    if (c->type != RO_ENT_PERSON)
        return "name";
    if (single_first && c->titled)
        return "title+first name";
    if (single_first || p.patronymic)
        return "first name";
    if (p.fs == p.fe)
        return c->titled ? "title+surname" : "surname";
    if (p.initial)
        return "initial+surname";
    return c->titled ? "title+full name" : "full name";
}

static void touch(priv *P, long ei, const nm_cand *c)
{
    ent *E = &P->e[ei];
    if (E->lastpos < (long)c->s)
        E->lastpos = (long)c->s;
    E->nment++;
}

/* The gender a mention gives: an honorific before the name ("Mr.",
 * "Mrs.") or its given name (first_names). */
static char mention_gender(const priv *P, const char *text, const nm_cand *c, nparts p)
{
    const nm_tok *t = P->f.tok;
    for (size_t i = c->t0; i < c->n0 && i < c->t1; i++) {
        const char *w = text + t[i].s;
        size_t n = t[i].e - t[i].s;
        if (n && w[n - 1] == '.')
            n--;
        if ((n == 2 && !strncasecmp(w, "mr", 2)) || (n == 3 && !strncasecmp(w, "sir", 3)))
            return 'm';
        if ((n == 3 && !strncasecmp(w, "mrs", 3)) || (n == 2 && !strncasecmp(w, "ms", 2)) ||
            (n == 4 && !strncasecmp(w, "miss", 4)))
            return 'f';
    }
    if (p.fs < p.fe && !p.initial) {
        unsigned w = t[p.fs].w;
        if ((w & NW_MALE) && !(w & NW_FEMALE))
            return 'm';
        if ((w & NW_FEMALE) && !(w & NW_MALE))
            return 'f';
    }
    return 0;
}

/* A surname shared by several people ("Clinton", "Mr. Obama"): not one of
 * the other gender; the one named last when just introduced; else the one
 * the text names most (a writer gives the other one a first name), else
 * the one named last. */
/* Are two keys one edit apart (a letter changed, added, dropped, or two
 * swapped)? */
static bool one_edit(const char *a, size_t na, const char *b, size_t nb)
{
    if (na > nb) {
        const char *t = a;
        a = b;
        b = t;
        size_t tn = na;
        na = nb;
        nb = tn;
    }
    if (nb - na > 1)
        return false;
    size_t i = 0;
    while (i < na && a[i] == b[i])
        i++;
    if (i == na)
        return nb == na + 1; /* one added at the end (equal keys are no typo) */
    if (na == nb) {
        if (!strcmp(a + i + 1, b + i + 1))
            return true; /* changed */
        return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] && !strcmp(a + i + 2, b + i + 2); /* swapped */
    }
    return !strcmp(a + i, b + i + 1); /* added */
}

/* A surname written with a typo ("Wines" for Leslie Wimes, "McLenney" for
 * Tyresha McClenney): the one person named in full whose surname is one edit
 * away, five letters or more and the same first letter; -1 when none or several. */
static long misspelt_surname(const priv *P, const char *key, size_t kl, size_t pos)
{
    if (kl < 5)
        return -1;
    long found = -1;
    for (size_t k = 0; k < P->ne; k++) {
        const ent *E = &P->e[k];
        if (E->type != RO_ENT_PERSON || E->merged >= 0 || !E->first[0] || E->firstpos >= pos)
            continue;
        size_t sl = strlen(E->sur);
        if (sl < 5 || E->sur[0] != key[0] || !one_edit(E->sur, sl, key, kl))
            continue;
        if (found >= 0)
            return -1;
        found = (long)k;
    }
    return found;
}

/* Paragraph breaks (runs of line ends) in text [a, b). */
static int para_breaks(const char *text, size_t a, size_t b)
{
    int n = 0;
    for (const char *p = text + a, *e = text + b; (p = memchr(p, '\n', (size_t)(e - p))) != NULL;) {
        n++;
        while (p < e && (*p == '\n' || *p == '\r' || *p == ' '))
            p++;
    }
    return n;
}

static long choose_person(priv *P, const char *text, const char *k, size_t n, const char *head, size_t pos, char g,
                          bool head_line, bool titled)
{
    long ei = choose(P, &P->sur, k, n, head, pos, -1);
    sm_slot *sl = sm_find(&P->sur, k, n);
    /* a surname in running text names someone already named, or someone named
     * in full just after ("Ushakov" in a headline, "Obama" long before "Michelle Obama" is not she);
     * with the title or the gender of someone named in full later ("Minister Kell" before "Foreign
     * Minister Ruth Kell", "Mr. Ostrander" before "Jonas Ostrander"), also that one */
    bool same_title = titled && ei >= 0 &&
                      ((g && P->e[ei].gender == g) || (head && head[0] && ent_has_head(&P->e[ei], head)));
    if (ei >= 0 && !head_line && !same_title && P->e[ei].firstpos > pos + 400 && P->e[ei].lastpos < (long)pos)
        ei = -1;
    if (ei < 0)
        return -1;
    if (!sl || (head && head[0] && ent_has_head(&P->e[ei], head)))
        return ei;
    long best = -1;
    size_t bestn = 0, second = 0, steps = 0;
    bool other = false;
    for (long x = sl->head; x >= 0 && steps < 32; x = P->sur.nodes[x].next, steps++) {
        long e2 = P->sur.nodes[x].ent;
        ent *E = &P->e[e2];
        if (E->type != RO_ENT_PERSON || E->firstpos >= pos || e2 == best)
            continue;
        if (g && E->gender && E->gender != g)
            continue;
        if (best < 0 || E->nment > bestn || (E->nment == bestn && E->firstpos < P->e[best].firstpos)) {
            if (best >= 0)
                second = bestn;
            best = e2;
            bestn = E->nment;
        } else if (E->nment > second) {
            second = E->nment;
        }
        other = true;
    }
    if (!other)
        return g && P->e[ei].gender && P->e[ei].gender != g ? -1 : ei;
    if (g && P->e[ei].gender && P->e[ei].gender != g)
        return best;
    if (best != ei && bestn >= 2 * second + 2)
        return best; /* one the text names far more often */
    /* the one named last, when named in full just before, in the same paragraph
     * or the one before ("Dr. Liam O'Brien, an analyst ... Dr. O'Brien warned") */
    if (P->e[ei].firstpos < pos && pos - P->e[ei].firstpos < 400 &&
        para_breaks(text, P->e[ei].firstpos, pos) <= 1)
        return ei;
    return bestn >= second && best != ei ? best : ei;
}

/* Normalised words [a, b) joined by spaces into out; 0 if it does not fit. */
static size_t words_key(const char *text, const nm_tok *t, size_t a, size_t b, char *out, size_t outsz)
{
    size_t kl = 0;
    for (size_t i = a; i < b; i++) {
        if (kl && kl + 1 < outsz)
            out[kl++] = ' ';
        size_t k = nl_norm(text + t[i].s, t[i].e - t[i].s, out + kl, outsz - kl);
        if (!k && t[i].e > t[i].s)
            return 0;
        kl += k;
    }
    return kl;
}

/* org key parts: suffixes ("foreign ministry", "ministry") and the part before "of" */
static void org_parts(priv *P, const char *text, const nm_cand *c, long ei)
{
    const nm_tok *t = P->f.tok;
    if (c->t1 - c->t0 < 2)
        return;
    char key[256];
    size_t lim = c->t1;
    for (size_t i = c->t0; i < c->t1; i++)
        if ((t[i].f & T_LOW)) { /* "Ministry of ...": the part before */
            lim = i;
            break;
        }
    for (size_t a = c->t0 + 1; a < lim; a++) {
        size_t kl = words_key(text, t, a, lim, key, sizeof key);
        if (kl)
            sm_add(&P->orgpart, key, kl, ei);
    }
    if (lim < c->t1 && lim > c->t0) {
        size_t kl = words_key(text, t, c->t0, lim, key, sizeof key);
        if (kl)
            sm_add(&P->orgpart, key, kl, ei);
    }
    /* "Kestrel Maritime": the first word when the rest are keywords */
    bool rest_kw = true;
    for (size_t i = c->t0 + 1; i < c->t1; i++)
        if (!(t[i].w & NW_ORGW))
            rest_kw = false;
    if (rest_kw && !(t[c->t0].w & (NW_GAZ | NW_DEMONYM | NW_ORGW))) {
        size_t k = nl_norm(text + t[c->t0].s, t[c->t0].e - t[c->t0].s, key, sizeof key);
        sm_add(&P->orgpart, key, k, ei);
    }
}

static size_t cand_key(const priv *P, const char *text, const nm_cand *c, char *out, size_t outsz)
{
    const nm_tok *t = P->f.tok;
    size_t kl = 0;
    for (size_t i = c->t0; i < c->t1; i++) {
        if (kl && kl + 1 < outsz)
            out[kl++] = ' ';
        size_t k = nl_norm(text + t[i].s, t[i].e - t[i].s, out + kl, outsz - kl);
        if (!k && t[i].e > t[i].s) {
            out[0] = '\0';
            return 0;
        }
        kl += k;
        if ((t[i].f & T_POSS) && i + 1 < c->t1) {
            if (kl + 3 >= outsz) {
                out[0] = '\0';
                return 0;
            }
            memcpy(out + kl, "'s", 3);
            kl += 2;
        }
    }
    if (outsz)
        out[kl < outsz ? kl : 0] = '\0';
    return kl < outsz ? kl : 0;
}

/* "Putin-Trump contacts": every part a known surname makes a mention. */
static bool split_hyphen(priv *P, const char *text, const nm_cand *c)
{
    const nm_tok *t = &P->f.tok[c->t0];
    size_t s = t->s, e = t->e;
    long ents[8];
    size_t ps[8], pe[8], np = 0;
    size_t a = s;
    for (size_t i = s; i <= e && np < 8; i++) {
        if (i == e || text[i] == '-') {
            char k[64];
            size_t kl = sur_class(P, k, nl_norm(text + a, i - a, k, sizeof k), sizeof k);
            long ei = kl ? choose(P, &P->sur, k, kl, NULL, c->s, RO_ENT_PERSON) : -1;
            if (ei < 0)
                return false;
            ents[np] = ei;
            ps[np] = a;
            pe[np] = i;
            np++;
            a = i + 1;
        }
    }
    if (np < 2)
        return false;
    for (size_t k = 0; k < np; k++) {
        ro_mention m = {{ps[k], pe[k]}, (size_t)ents[k], "surname"};
        RO_PUSH(P->extra, P->nextra, P->capextra, m);
    }
    return true;
}

/* Two surnames glued across a clause, "For the silent Trump Rubio was refusing":
 * a "name" of two words, the first no given name the lists know, each the
 * surname of someone named in full before and no one's given name: two
 * surname mentions, of those two people. */
static bool glued_surnames(priv *P, const char *text, const nm_cand *c, nparts p)
{
    const nm_tok *t = P->f.tok;
    if (p.fe - p.fs != 1 || p.se - p.ss != 1 || c->titled || (t[p.fs].w & (NW_FIRST | NW_MALE | NW_FEMALE)))
        return false;
    long ents[2];
    size_t at[2] = {p.fs, p.ss};
    for (int k = 0; k < 2; k++) {
        char key[64];
        size_t kl = sur_class(P, key, sur_key(text, t, at[k], at[k] + 1, key, sizeof key), sizeof key);
        if (!kl || sm_find(&P->first, key, kl))
            return false;
        ents[k] = choose(P, &P->sur, key, kl, NULL, c->s, RO_ENT_PERSON);
        if (ents[k] < 0 || !P->e[ents[k]].first[0])
            return false;
    }
    if (ents[0] == ents[1])
        return false;
    for (int k = 0; k < 2; k++) {
        ro_mention m = {{t[at[k]].s, t[at[k]].e}, (size_t)ents[k], "surname"};
        RO_PUSH(P->extra, P->nextra, P->capextra, m);
    }
    return true;
}

static bool tok_is_the(const char *text, const nm_tok *t)
{
    return t->e - t->s == 3 && (text[t->s] | 0x20) == 't' && text[t->s + 1] == 'h' && text[t->s + 2] == 'e';
}

/* Does the word after a lone capitalised word make it a person ("Putin had", "Lavrov said"),
 * or is it the possessor of a role ("Putin's aide")? */
static bool person_cue(const priv *P, const char *text, const nm_cand *c, size_t ci)
{
    const nm_tok *t = P->f.tok;
    if (c->t0 > 0 && (t[c->t0].f & T_ADJ) && (t[c->t0 - 1].f & (T_CAP | T_ALLCAP)))
        return false; /* part of a longer name: "Nasdaq Composite added" */
    if (!(t[c->t0].f & T_CAP) || (t[c->t0].f & (T_ALLCAP | T_HEAD)) ||
        (t[c->t0].w & (NW_ORGW | NW_PLACEW | NW_OTHERW | NW_COMMON | NW_STOP | NW_GAZ | NW_DEMONYM)))
        return false;
    if (ci > 0 && P->f.c[ci - 1].kind == MK_ROLE && P->f.c[ci - 1].possessor == (long)c->t1 && !P->f.c[ci - 1].strict)
        return true;
    if (c->t0 > 0 && (t[c->t0].f & T_ADJ) && (t[c->t0 - 1].w & NW_REPORT) && (t[c->t0 - 1].f & T_LOW) &&
        c->t1 == c->t0 + 1 && (c->t1 >= P->f.ntok || !(t[c->t1].f & T_ADJ)))
        return true; /* "…,” said Friedman, who …" */
    if (c->t1 >= P->f.ntok || !(t[c->t1].f & T_ADJ) || !(t[c->t1].f & T_LOW) || (t[c->t0].f & T_POSS))
        return false;
    const nm_tok *n = &t[c->t1];
    size_t nl = n->e - n->s;
    if ((n->w & NW_REPORT) && nl > 2) { /* "said", "says", "told": one speaker, not "Democrats say" */
        char last = text[n->e - 1];
        if (last == 's' || last == 'd')
            return true;
    }
    if ((t[c->t0].w & (NW_MALE | NW_FEMALE)) && c->t1 == c->t0 + 1) {
        /* a given name the lists know, then a verb: "Melanie thought", "Kevin was" */
        static const char *const verbs[] = {"was", "is", "has", "had", "did", "does", "thought", "thinks", "felt",
                                            "feels", "knew", "knows", "went", "got", "took", "made", "saw", "would",
                                            "will", "could", "can", "says", "said", "told", "tells", NULL};
        for (size_t k = 0; verbs[k]; k++)
            if (strlen(verbs[k]) == nl && memcmp(text + n->s, verbs[k], nl) == 0)
                return true;
        if (nl > 3 && text[n->e - 1] == 'd' && text[n->e - 2] == 'e')
            return true; /* "Melanie watched" */
    }
    static const char *const aux[] = {"had", "wants", "wanted", "hopes", "hoped",
                                      /* a name used as a modifier: "the Trump administration" */
                                      "administration", "presidency", "campaign", "doctrine", NULL};
    for (size_t k = 0; aux[k]; k++)
        if (strlen(aux[k]) == nl && memcmp(text + n->s, aux[k], nl) == 0)
            return true;
    return false;
}

/* Does token a follow a closing quotation mark ("…!” Cruz said")?  Then a
 * capital there starts no sentence: the attribution goes on with it. */
static bool after_quotation(const char *text, const nm_tok *t, size_t a)
{
    if (a == 0 || (t[a].f & (T_LINE0 | T_HEAD)))
        return false;
    for (size_t g = t[a - 1].ge; g + 2 < t[a].s + 1 && g < t[a].s; g++) {
        unsigned char c = (unsigned char)text[g];
        if (c == '"' && g > t[a - 1].ge)
            return true;
        if (c == 0xE2 && (unsigned char)text[g + 1] == 0x80 && ((unsigned char)text[g + 2] == 0x9D))
            return true;
    }
    return false;
}

/* A capital opening a sentence and followed by a reporting verb in the
 * singular ("Lanz said:"), not a plural ("Officials said"): a speaker. */
static bool sentence_speaker(const char *text, const nm_tok *t, size_t a, size_t n)
{
    if ((t[a].f & (T_LINE0 | T_HEAD | T_ALLCAP)) || a + 1 >= n || !(t[a + 1].f & T_ADJ) || (t[a].f & T_POSS))
        return false;
    size_t wl = t[a].e - t[a].s;
    if (wl < 3 || text[t[a].e - 1] == 's')
        return false;
    const nm_tok *v = &t[a + 1];
    size_t vl = v->e - v->s;
    return (v->w & NW_REPORT) && vl > 3 && (text[v->e - 1] == 'd' || text[v->e - 1] == 's') &&
           !memchr(text + v->s, '-', vl);
}

static int cmp_ment(const void *a, const void *b)
{
    const ro_mention *x = a, *y = b;
    if (x->span.start != y->span.start)
        return x->span.start < y->span.start ? -1 : 1;
    if (x->span.end != y->span.end)
        return x->span.end > y->span.end ? -1 : 1;
    return 0;
}

static long resolve_root(priv *P, long ei)
{
    while (ei >= 0 && P->e[ei].merged >= 0)
        ei = P->e[ei].merged;
    return ei;
}

/* The organisation entity of the mention just before the "(" before candidate i, or -1. */
static long paren_org(priv *P, const char *text, size_t i)
{
    const nm_cand *C = P->f.c;
    size_t s = C[i].s;
    if (s < 2 || text[s - 1] != '(')
        return -1;
    size_t g = s - 1;
    while (g > 0 && text[g - 1] == ' ')
        g--;
    for (size_t j = i; j > 0 && j + 8 > i; j--) {
        const nm_cand *p = &C[j - 1];
        if (p->e == g && p->entity >= 0 && P->e[p->entity].type == RO_ENT_ORG)
            return p->entity;
    }
    return -1;
}

/* Start of the last mention of entity ei among the 96 candidates before
 * candidate i (or any time before, by its first mention); -1 if none. */
static long recency(priv *P, size_t i, long ei)
{
    const nm_cand *C = P->f.c;
    for (size_t j = i, steps = 0; j > 0 && steps < 96; j--, steps++)
        if (C[j - 1].entity == ei && C[j - 1].e <= C[i].s)
            return (long)C[j - 1].s;
    return P->e[ei].firstpos < C[i].s ? (long)P->e[ei].firstpos : -1;
}

static void link_all(ro_doc *doc, const nl_lex *L)
{
    priv *P = doc->names;
    const char *text = doc->text;
    nm_cand *C = P->f.c;
    size_t nc = P->f.nc;
    const nm_tok *t = P->f.tok;
    char key[256], k2[256];

    /* pass A: full names make the people; organisations and places their entities */
    for (size_t i = 0; i < nc; i++) {
        nm_cand *c = &C[i];
        if (c->kind == MK_NAME && c->n1 - c->n0 >= 2) {
            nparts p = split_name(P, text, c->n0, c->n1);
            if (p.fs == p.fe || p.initial || p.patronymic)
                continue;
            size_t fl = nl_norm(text + t[p.fs].s, t[p.fe - 1].e - t[p.fs].s, k2, 48);
            size_t sl = sur_key(text, t, p.ss, p.se, key, 64);
            if (!fl || !sl)
                continue;
            /* keyed by the spellings' shared keys: Sergei/Sergey Lavrov, Volodymyr Zelensky/Zelenskyy */
            char gk[48];
            memcpy(gk, k2, fl + 1);
            size_t gl = given_class(P, gk, fl, sizeof gk);
            sl = sur_class(P, key, sl, 64);
            char full[520];
            memcpy(full, gk, gl);
            full[gl] = ' ';
            memcpy(full + gl + 1, key, sl + 1);
            long ei = choose(P, &P->full, full, strlen(full), NULL, c->s, -1);
            if (ei < 0 && glued_surnames(P, text, c, p)) {
                c->split = true;
                continue;
            }
            if (ei < 0) {
                ei = new_ent(P, RO_ENT_PERSON);
                ent *E = &P->e[ei];
                put_str(E->first, sizeof E->first, k2);
                put_str(E->sur, sizeof E->sur, key);
                E->first_str = clean_copy(&P->arena, text, t[p.fs].s, t[p.fe - 1].e);
                E->sur_str = clean_copy(&P->arena, text, t[p.ss].s, t[p.se - 1].e);
                sm_add(&P->full, full, strlen(full), ei);
                sm_add(&P->sur, key, sl, ei);
                if (p.se - p.ss >= 2) {
                    /* "al-Mansouri" for "bin Nasser al-Mansouri", "de la Cruz" for "de la Cruz Ibarra" */
                    char alt[64];
                    size_t al = sur_class(P, alt, sur_key(text, t, p.se - 1, p.se, alt, sizeof alt), sizeof alt);
                    if (al)
                        sm_add(&P->sur, alt, al, ei);
                    size_t q = p.ss;
                    while (q < p.se && (t[q].w & NW_PARTICLE))
                        q++;
                    if (q + 1 < p.se && (al = sur_class(P, alt, sur_key(text, t, p.ss, q + 1, alt, sizeof alt), sizeof alt)))
                        sm_add(&P->sur, alt, al, ei);
                }
                sm_add(&P->first, gk, gl, ei);
                E->firstpos = c->s;
            }
            set_canon(P, ei, text, t[c->n0].s, t[c->n1 - 1].e);
            if (!P->e[ei].gender)
                P->e[ei].gender = mention_gender(P, text, c, p);
            if (c->titled && c->head[0]) {
                ent_add_head(&P->e[ei], c->head);
                sm_add(&P->heads, c->head, strlen(c->head), ei);
            }
            if (c->ohead[0])
                sm_add(&P->heads, c->ohead, strlen(c->ohead), ei);
            c->entity = ei;
            c->form = form_for(c, p, false);
        } else if (c->t1 - c->t0 == 1 && (t[c->t0].f & T_ALLCAP) && (t[c->t0].f & T_PAREN) && i > 0 &&
                   paren_org(P, text, i) >= 0) {
            /* "Federal Department of Foreign Affairs (FDFA)" */
            long ei = paren_org(P, text, i);
            size_t kl = cand_key(P, text, c, key, sizeof key);
            if (kl)
                sm_add(&P->orgpart, key, kl, ei);
            c->entity = ei;
            c->type = RO_ENT_ORG;
            c->kind = MK_ORG;
            c->form = "name";
        } else if (c->kind == MK_ORG || (c->kind == MK_GAZ && c->type == RO_ENT_ORG)) {
            size_t kl;
            if (c->gcanon) {
                kl = nl_norm(c->gcanon, strlen(c->gcanon), key, sizeof key);
            } else {
                kl = cand_key(P, text, c, key, sizeof key);
            }
            if (!kl)
                continue;
            long ei = choose(P, &P->org, key, kl, NULL, c->s, -1);
            bool fresh = ei < 0; /* the same words again add no new shorter forms */
            if (ei < 0) {
                ei = new_ent(P, RO_ENT_ORG);
                sm_add(&P->org, key, kl, ei);
                P->e[ei].firstpos = c->s;
            }
            size_t before = P->e[ei].canon_len;
            set_canon(P, ei, text, c->s, c->e);
            if (c->gcanon && strlen(c->gcanon) == c->e - c->s && strlen(P->e[ei].canon) == c->e - c->s &&
                strncasecmp(c->gcanon, P->e[ei].canon, c->e - c->s) == 0)
                P->e[ei].canon = (char *)c->gcanon; /* the gazetteer's spelling: "NATO", not "Nato" */
            if (fresh || P->e[ei].canon_len != before || c->e - c->s != before)
                org_parts(P, text, c, ei);
            c->entity = ei;
            c->form = "name";
        } else if (c->kind == MK_GAZ) {
            const char *gk = c->gcanon ? c->gcanon : "";
            size_t kl = nl_norm(gk, strlen(gk), key, sizeof key);
            if (!kl)
                kl = cand_key(P, text, c, key, sizeof key);
            if (!kl)
                continue;
            char tk[260];
            typed_key(tk, sizeof tk, c->type, key);
            long ei = choose(P, &P->org, tk, strlen(tk), NULL, c->s, -1);
            if (ei < 0) {
                ei = new_ent(P, c->type);
                sm_add(&P->org, tk, strlen(tk), ei);
                P->e[ei].canon = ro_arena_strndup(&P->arena, gk[0] ? gk : "", strlen(gk));
                P->e[ei].canon_len = SIZE_MAX;
                if (!gk[0]) {
                    P->e[ei].canon = clean_copy(&P->arena, text, c->s, c->e);
                }
                P->e[ei].firstpos = c->s;
            }
            c->entity = ei;
            c->form = "name";
        }
    }
    /* gazetteer organisations that are a shorter form of a longer one: "Foreign Ministry" */
    for (size_t i = 0; i < nc; i++) {
        nm_cand *c = &C[i];
        if (c->entity < 0 || P->e[c->entity].type != RO_ENT_ORG)
            continue;
        size_t kl = cand_key(P, text, c, key, sizeof key);
        long ei = kl ? choose(P, &P->orgpart, key, kl, NULL, c->s, RO_ENT_ORG) : -1;
        if (ei >= 0 && ei != c->entity && P->e[ei].canon_len > P->e[c->entity].canon_len)
            c->entity = ei;
    }

    /* pass B, in text order: surnames, first names, roles, shorter organisation names */
    for (size_t i = 0; i < nc; i++) {
        nm_cand *c = &C[i];
        if (c->entity >= 0) {
            touch(P, c->entity, c);
            continue;
        }
        if (c->split)
            continue;
        if (c->kind == MK_NAME || c->kind == MK_OTHER) {
            size_t a = c->n0 < c->n1 ? c->n0 : c->t0, b = c->n0 < c->n1 ? c->n1 : c->t1;
            nparts p = split_name(P, text, a, b);
            long ei = -1;
            bool as_first = false;
            if (p.initial || p.patronymic || p.fs == p.fe) {
                size_t sl = sur_key(text, t, p.ss, p.se, key, 64);
                char raw[64]; /* as written (normalised), for given names and organisations */
                size_t rl = sl;
                memcpy(raw, key, sl + 1);
                sl = sur_class(P, key, sl, 64);
                if (p.patronymic) {
                    size_t fl = nl_norm(text + t[p.fs].s, t[p.fs].e - t[p.fs].s, key, 64);
                    fl = given_class(P, key, fl, 64);
                    ei = fl ? choose(P, &P->first, key, fl, NULL, c->s, RO_ENT_PERSON) : -1;
                } else if (sl) {
                    ei = choose_person(P, text, key, sl, c->titled ? c->head : NULL, c->s, mention_gender(P, text, c, p),
                                       (t[c->t0].f & (T_HEAD | T_LABEL)) != 0, c->titled);
                    if (ei >= 0 && p.initial && P->e[ei].first[0] &&
                        (t[p.fs].s < doc->len && ro_cp_tolower((unsigned char)text[t[p.fs].s]) != (unsigned char)P->e[ei].first[0]))
                        ei = -1;
                    if (ei < 0 && p.fs == p.fe && b - a == 1) {
                        /* a first name alone, or with a title ("Sheikh Mohamed") */
                        char gk[64];
                        memcpy(gk, raw, rl + 1);
                        size_t gl = given_class(P, gk, rl, sizeof gk);
                        ei = choose(P, &P->first, gk, gl, NULL, c->s, RO_ENT_PERSON);
                        as_first = ei >= 0;
                    }
                    if (ei < 0 && c->type != RO_ENT_PERSON && b - a == 1 &&
                        !(t[a].w & NW_COMMON)) {
                        /* a shorter form of an organisation: "Commission", "Kestrel" */
                        long oi = choose(P, &P->orgpart, raw, rl, NULL, c->s, RO_ENT_ORG);
                        if (oi >= 0) {
                            c->entity = oi;
                            c->type = RO_ENT_ORG;
                            c->form = "name";
                            touch(P, oi, c);
                            continue;
                        }
                    }
                    if (ei < 0 && c->kind == MK_NAME && p.fs == p.fe && !(t[a].w & (NW_MALE | NW_FEMALE)))
                        ei = misspelt_surname(P, key, sl, c->s);
                    if (ei < 0 && c->kind == MK_NAME && !c->weak) {
                        /* a person known by surname only: "President Trump" */
                        ei = new_ent(P, RO_ENT_PERSON);
                        put_str(P->e[ei].sur, sizeof P->e[ei].sur, key);
                        P->e[ei].sur_str = clean_copy(&P->arena, text, t[p.ss].s, t[p.se - 1].e);
                        sm_add(&P->sur, key, sl, ei);
                        P->e[ei].firstpos = c->s;
                        set_canon(P, ei, text, t[p.ss].s, t[p.se - 1].e);
                    }
                }
            }
            if (ei >= 0) {
                if (P->e[ei].type != RO_ENT_PERSON && c->type == RO_ENT_PERSON)
                    ei = -1;
            }
            if (ei >= 0) {
                c->entity = ei;
                if (P->e[ei].type == RO_ENT_PERSON) {
                    c->type = RO_ENT_PERSON;
                    c->kind = MK_NAME;
                    if (!P->e[ei].gender)
                        P->e[ei].gender = mention_gender(P, text, c, p);
                }
                if (c->titled && c->head[0]) {
                    ent_add_head(&P->e[ei], c->head);
                    sm_add(&P->heads, c->head, strlen(c->head), ei);
                }
                if (c->ohead[0])
                    sm_add(&P->heads, c->ohead, strlen(c->ohead), ei);
                c->form = form_for(c, p, as_first);
                touch(P, ei, c);
                continue;
            }
            if (b - a == 1 && memchr(text + t[a].s, '-', t[a].e - t[a].s) && split_hyphen(P, text, c))
                continue;
            if (b - a == 1 && c->type == RO_ENT_OTHER && (t[a].f & T_CAP) && !(t[a].f & (T_ALLCAP | T_HEAD)) &&
                !(t[a].w & (NW_COMMON | NW_STOP | NW_GAZ | NW_ORGW | NW_PLACEW | NW_OTHERW | NW_DEMONYM | NW_MALE |
                            NW_FEMALE | NW_TITLE | NW_HONORIFIC))) {
                /* a surname with a typo, before a verb: "Wines believes", "McLenney said" */
                size_t sl = sur_class(P, key, sur_key(text, t, a, b, key, 64), 64);
                long mi = sl ? misspelt_surname(P, key, sl, c->s) : -1;
                if (mi >= 0 && a + 1 < P->f.ntok && (t[a + 1].f & T_ADJ) && (t[a + 1].f & T_LOW)) {
                    c->entity = mi;
                    c->type = RO_ENT_PERSON;
                    c->kind = MK_NAME;
                    c->form = "surname";
                    touch(P, mi, c);
                    continue;
                }
            }
            if (b - a == 1 && c->type == RO_ENT_OTHER &&
                (!(t[a].f & (T_SENT0 | T_LINE0 | T_HEAD)) || after_quotation(text, t, a) ||
                 sentence_speaker(text, t, a, P->f.ntok) ||
                 ((t[a].w & (NW_MALE | NW_FEMALE)) && !(t[a].f & T_HEAD))) &&
                person_cue(P, text, c, i)) {
                /* "Putin had rejected it", "Lavrov said": a person known by one name */
                size_t sl = sur_class(P, key, sur_key(text, t, a, b, key, 64), 64);
                if (sl) {
                    ei = new_ent(P, RO_ENT_PERSON);
                    put_str(P->e[ei].sur, sizeof P->e[ei].sur, key);
                    P->e[ei].sur_str = clean_copy(&P->arena, text, t[a].s, t[a].e);
                    sm_add(&P->sur, key, sl, ei);
                    P->e[ei].firstpos = c->s;
                    set_canon(P, ei, text, t[a].s, t[a].e);
                    c->entity = ei;
                    c->type = RO_ENT_PERSON;
                    c->kind = MK_NAME;
                    c->form = (t[a].w & (NW_MALE | NW_FEMALE)) ? "first name" : "surname";
                    touch(P, ei, c);
                    continue;
                }
            }
            if (c->weak)
                continue;
            /* an other name: its own entity */
            size_t kl = cand_key(P, text, c, key, sizeof key);
            if (!kl)
                continue;
            char tk[260];
            typed_key(tk, sizeof tk, c->type, key);
            ei = choose(P, &P->org, tk, strlen(tk), NULL, c->s, -1);
            if (ei < 0) {
                ei = new_ent(P, c->type);
                sm_add(&P->org, tk, strlen(tk), ei);
                set_canon(P, ei, text, c->s, c->e);
                P->e[ei].firstpos = c->s;
            }
            c->entity = ei;
            c->form = form_for(c, p, false);
            touch(P, ei, c);
            continue;
        }
    }

    /* pass C, in text order: roles */
    for (size_t i = 0; i < nc; i++) {
        nm_cand *c = &C[i];
        if (c->kind != MK_ROLE || c->entity >= 0)
            continue;
        long ei = -1;
        long poss = -1;
        if (c->possessor >= 0)
            for (size_t j = i + 1; j < nc && C[j].s < c->e; j++)
                if (C[j].t1 == (size_t)c->possessor && C[j].kind != MK_ROLE) {
                    poss = C[j].entity;
                    break;
                }
        /* a possessive role right before a name: "Trump's son-in-law Jared Kushner",
         * "Putin's foreign-affairs adviser Yury Ushakov" — the name is the person */
        if (c->possessor >= 0 && c->t1 < P->f.ntok && (t[c->t1].f & T_ADJ) && !(t[c->t1 - 1].f & T_COMMA)) {
            for (size_t j = i + 1; j < nc && j < i + 8 && C[j].s <= t[c->t1].s; j++) {
                if (C[j].t0 == c->t1 && C[j].kind == MK_NAME && C[j].entity >= 0 && C[j].entity != poss &&
                    P->e[C[j].entity].type == RO_ENT_PERSON) {
                    ei = C[j].entity;
                    break;
                }
            }
        }
        /* appositive: "Jared Kushner, Donald Trump's son-in-law", "X, Director of ..." */
        size_t at = c->t0;
        if (at > 1 && (tok_is_the(text, &t[at - 1])) && (t[at - 2].f & T_COMMA))
            at--;
        if (ei < 0 && at > 0 && (t[at - 1].f & T_COMMA)) {
            for (long j = (long)i - 1; j >= 0 && j >= (long)i - 4; j--) {
                if (C[j].t1 == at && C[j].entity >= 0 && C[j].kind == MK_NAME &&
                    P->e[C[j].entity].type == RO_ENT_PERSON) {
                    ei = C[j].entity;
                    break;
                }
            }
        }
        /* "The company's head of fleet safety, Dr Anand Ramaswamy" */
        if (ei < 0 && (t[c->t1 - 1].f & T_COMMA)) {
            for (size_t j = i + 1; j < nc && j < i + 4; j++) {
                if (C[j].t0 == c->t1 && C[j].kind == MK_NAME && C[j].entity >= 0) {
                    ei = C[j].entity;
                    break;
                }
            }
        }
        if (ei < 0 && c->strict)
            continue; /* a title after a possessive names no one but the name beside it */
        size_t hl = strlen(c->head);
        if (ei < 0 && c->ohead[0]) {
            /* "the Kremlin representative": someone titled with that organisation */
            sm_slot *sl = sm_find(&P->heads, c->ohead, strlen(c->ohead));
            long best = -1, bp = -2;
            size_t steps = 0;
            for (long x = sl ? sl->head : -1; x >= 0 && steps < 16; x = P->heads.nodes[x].next, steps++) {
                long e2 = P->heads.nodes[x].ent;
                long lp = recency(P, i, e2);
                if (e2 != poss && P->e[e2].type == RO_ENT_PERSON && lp > bp) {
                    best = e2;
                    bp = lp;
                }
            }
            ei = best;
        }
        if (ei < 0 && (c->label || c->vocative) && hl) {
            sm_slot *sl = sm_find(&P->labels, c->head, hl);
            if (sl)
                ei = P->labels.nodes[sl->head].ent;
        }
        if (ei < 0 && hl) {
            /* the person last mentioned who carries that title or role */
            sm_slot *sl = sm_find(&P->heads, c->head, hl);
            long best = -1, bp = -2;
            size_t steps = 0;
            for (long x = sl ? sl->head : -1; x >= 0 && steps < 16; x = P->heads.nodes[x].next, steps++) {
                long e2 = P->heads.nodes[x].ent;
                if (e2 == poss || P->e[e2].type != RO_ENT_PERSON)
                    continue;
                long lp = recency(P, i, e2);
                if (lp > bp) {
                    best = e2;
                    bp = lp;
                }
            }
            ei = best;
        }
        if (ei < 0 && hl && (c->possessor >= 0 || !strcmp(c->head, "spokesman") ||
                             !strcmp(c->head, "aide") || !strcmp(c->head, "representative") ||
                             !strcmp(c->head, "envoy"))) {
            /* the person mentioned last (not the possessor, not a transcript label) */
            for (long j = (long)i - 1; j >= 0 && j >= (long)i - 12; j--) {
                if (C[j].entity >= 0 && C[j].kind == MK_NAME && C[j].entity != poss && !C[j].label &&
                    P->e[C[j].entity].type == RO_ENT_PERSON && C[j].e <= c->s) {
                    ei = C[j].entity;
                    break;
                }
            }
        }
        if (ei < 0 && hl && c->possessor < 0 && ((t[c->t0].f & T_LOW) || c->headline)) {
            /* a role that names someone before the name comes: "its chief executive said ...
             * Mrs Margaret Ellory-Hale told ..." — the next person named, close by */
            for (size_t j = i + 1; j < nc && j < i + 40 && C[j].s < c->e + 800; j++) {
                if (C[j].kind == MK_NAME && C[j].entity >= 0 && P->e[C[j].entity].type == RO_ENT_PERSON &&
                    !(t[C[j].t0].f & T_BYLINE) && C[j].entity != poss) {
                    ei = C[j].entity;
                    break;
                }
            }
        }
        if (ei < 0)
            continue;
        c->entity = ei;
        c->form = "role";
        if (hl) {
            ent_add_head(&P->e[ei], c->head);
            sm_add(&P->heads, c->head, hl, ei);
            if (c->label && !sm_find(&P->labels, c->head, hl))
                sm_add(&P->labels, c->head, hl, ei);
        }
    }

    /* a person known only from capitals (a transcript label "LEAVITT") is named "Leavitt" */
    for (size_t x = 0; x < P->ne; x++) {
        ent *E = &P->e[x];
        if (E->type != RO_ENT_PERSON || !E->canon)
            continue;
        bool lower = false, upper = 0;
        for (const char *q = E->canon; *q; q++) {
            lower |= *q >= 'a' && *q <= 'z';
            upper |= *q >= 'A' && *q <= 'Z';
        }
        if (lower || !upper)
            continue;
        char *r = ro_arena_strndup(&P->arena, E->canon, strlen(E->canon));
        bool start = true;
        for (char *q = r; *q; q++) {
            if (*q >= 'A' && *q <= 'Z' && !start)
                *q = (char)(*q + 32);
            start = *q == ' ' || *q == '-' || *q == '\'';
        }
        E->canon = r;
    }

    /* aliases and merging by canonical name */
    smap bycanon = {0};
    bycanon.keys = &P->arena;
    for (size_t x = 0; x < P->ne; x++) {
        ent *E = &P->e[x];
        if (!E->canon)
            E->canon = ro_arena_strndup(&P->arena, "", 0);
        size_t kl = nl_norm(E->canon, strlen(E->canon), key, sizeof key);
        const nl_info *in = kl ? nl_get(L, key, kl) : NULL;
        if (in && in->alias) {
            E->canon = (char *)in->alias;
            kl = nl_norm(E->canon, strlen(E->canon), key, sizeof key);
        }
        char tk[270];
        typed_key(tk, sizeof tk, E->type == RO_ENT_PERSON ? 0 : 1, key);
        sm_slot *sl = sm_find(&bycanon, tk, strlen(tk));
        if (sl)
            E->merged = bycanon.nodes[sl->head].ent;
        else
            sm_add(&bycanon, tk, strlen(tk), (long)x);
    }
    sm_free(&bycanon);

    /* public arrays */
    size_t cnt = 0;
    for (size_t i = 0; i < nc; i++)
        if (C[i].entity >= 0)
            cnt++;
    P->ments = ro_xcalloc(cnt + P->nextra + 1, sizeof *P->ments);
    for (size_t i = 0; i < nc; i++) {
        if (C[i].entity < 0)
            continue;
        long ei = resolve_root(P, C[i].entity);
        C[i].entity = ei;
        ro_mention m = {{C[i].s, C[i].e}, (size_t)ei, C[i].form ? C[i].form : "name"};
        P->ments[P->nments++] = m;
    }
    /* candidates are in text order; merge the words split at hyphens (in order too) */
    if (P->nextra) {
        qsort(P->extra, P->nextra, sizeof *P->extra, cmp_ment);
        ro_mention *m = ro_xcalloc(P->nments + P->nextra + 1, sizeof *m);
        size_t a = 0, b = 0, k = 0;
        while (a < P->nments || b < P->nextra) {
            if (b >= P->nextra || (a < P->nments && cmp_ment(&P->ments[a], &P->extra[b]) <= 0)) {
                m[k++] = P->ments[a++];
            } else {
                m[k] = P->extra[b++];
                m[k].entity = (size_t)resolve_root(P, (long)m[k].entity);
                k++;
            }
        }
        free(P->ments);
        P->ments = m;
        P->nments = k;
    }
    /* entities in order of first mention */
    P->entmap = ro_xcalloc(P->ne + 1, sizeof *P->entmap);
    for (size_t x = 0; x < P->ne; x++)
        P->entmap[x] = -1;
    P->ents = ro_xcalloc(P->ne + 1, sizeof *P->ents);
    P->pub2int = ro_xcalloc(P->ne + 1, sizeof *P->pub2int);
    for (size_t i = 0; i < P->nments; i++) {
        size_t ei = P->ments[i].entity;
        if (P->entmap[ei] < 0) {
            P->pub2int[P->nents] = (long)ei;
            P->entmap[ei] = (long)P->nents;
            ro_entity e = {P->e[ei].canon, (ro_entity_type)P->e[ei].type, P->ments[i].span.start, 0};
            P->ents[P->nents++] = e;
        }
        P->ments[i].entity = (size_t)P->entmap[ei];
        P->ents[P->ments[i].entity].nmentions++;
    }
}

static priv *ensure(ro_doc *doc, const ro_lexicon *lex)
{
    if (doc->names)
        return doc->names;
    priv *P = ro_xcalloc(1, sizeof *P);
    doc->names = P;
    P->full.keys = P->sur.keys = P->first.keys = P->org.keys = P->orgpart.keys = P->heads.keys =
        P->labels.keys = &P->arena;
    const nl_lex *L = ro_names_lex(lex);
    P->L = L;
    ro_names_find(doc, L, &P->f);
    link_all(doc, L);
    return P;
}

void ro_names_free(ro_doc *doc)
{
    priv *P = doc->names;
    if (!P)
        return;
    free(P->f.c);
    free(P->e);
    sm_free(&P->full);
    sm_free(&P->sur);
    sm_free(&P->first);
    sm_free(&P->org);
    sm_free(&P->orgpart);
    sm_free(&P->heads);
    sm_free(&P->labels);
    free(P->ments);
    free(P->extra);
    free(P->ents);
    free(P->entmap);
    free(P->pub2int);
    ro_arena_free(&P->arena);
    free(P);
    doc->names = NULL;
}

const char *ro_entity_type_name(ro_entity_type type)
{
    switch (type) {
    case RO_ENT_PERSON: return "person";
    case RO_ENT_ORG: return "organisation";
    case RO_ENT_COUNTRY: return "country";
    case RO_ENT_PLACE: return "place";
    case RO_ENT_OTHER: return "other";
    }
    return "other";
}

const ro_mention *ro_doc_mentions(ro_doc *doc, const ro_lexicon *lex, size_t *count)
{
    priv *P = ensure(doc, lex);
    *count = P->nments;
    return P->ments;
}

const ro_entity *ro_doc_entities(ro_doc *doc, const ro_lexicon *lex, size_t *count)
{
    priv *P = ensure(doc, lex);
    *count = P->nents;
    return P->ents;
}

/* For the CLI: the first name and surname of a person as written, if known. */
void ro_names_entity_parts(ro_doc *doc, const ro_lexicon *lex, size_t entity, const char **first,
                           const char **surname);
void ro_names_entity_parts(ro_doc *doc, const ro_lexicon *lex, size_t entity, const char **first,
                           const char **surname)
{
    priv *P = ensure(doc, lex);
    *first = *surname = NULL;
    if (entity >= P->nents)
        return;
    const ent *E = &P->e[P->pub2int[entity]];
    if (E->first_str && !(E->first_str[0] && E->first_str[1] == '.'))
        *first = E->first_str;
    *surname = E->sur_str;
}

const char *ro_names_canonical_at(ro_doc *doc, const ro_lexicon *lex, size_t start, size_t end)
{
    priv *P = ensure(doc, lex);
    /* mentions are sorted by start: the last one starting before end, and back */
    size_t lo = 0, hi = P->nments;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (P->ments[mid].span.start < end)
            lo = mid + 1;
        else
            hi = mid;
    }
    const char *org = NULL;
    for (size_t k = lo, steps = 0; k > 0 && steps < 64; k--, steps++) {
        const ro_mention *m = &P->ments[k - 1];
        if (m->span.end <= start)
            continue;
        const ro_entity *e = &P->ents[m->entity];
        if (e->type == RO_ENT_PERSON)
            return e->name;
        if (e->type == RO_ENT_ORG && !org)
            org = e->name;
    }
    return org;
}

const char *ro_names_resolve(ro_doc *doc, const ro_lexicon *lex, const char *s, size_t n,
                             size_t before)
{
    priv *P = ensure(doc, lex);
    if (!s || !n)
        return NULL;
    /* the same words written earlier in the document, as a mention: use its entity */
    const char *best = NULL;
    for (size_t k = P->nments; k > 0; k--) {
        const ro_mention *m = &P->ments[k - 1];
        if (m->span.start >= before)
            continue;
        const ro_entity *e = &P->ents[m->entity];
        if (e->type != RO_ENT_PERSON && e->type != RO_ENT_ORG)
            continue;
        size_t ml = m->span.end - m->span.start;
        const char *mt = doc->text + m->span.start;
        /* exact, or the written form ends with the mention ("the Kremlin spokesman") */
        if ((ml == n && memcmp(mt, s, n) == 0) || (ml < n && memcmp(s + n - ml, mt, ml) == 0 &&
                                                   (s[n - ml - 1] == ' '))) {
            best = e->name;
            break;
        }
    }
    if (best)
        return best;
    /* otherwise by surname, first name, full name or role head (last word) */
    char key[256];
    size_t e = n;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == ':' || s[e - 1] == ','))
        e--;
    size_t b = e;
    while (b > 0 && s[b - 1] != ' ')
        b--;
    size_t kl = nl_norm(s + b, e - b, key, sizeof key);
    if (!kl)
        return NULL;
    char ck[256];
    memcpy(ck, key, kl + 1);
    size_t cl = sur_class(P, ck, kl, sizeof ck);
    long ei = choose(P, &P->sur, ck, cl, NULL, before, -1);
    if (ei < 0) {
        memcpy(ck, key, kl + 1);
        cl = given_class(P, ck, kl, sizeof ck);
        ei = choose(P, &P->first, ck, cl, NULL, before, -1);
    }
    if (ei < 0)
        ei = choose(P, &P->heads, key, kl, NULL, before, -1);
    if (ei < 0)
        ei = choose(P, &P->org, key, kl, NULL, before, -1);
    if (ei < 0)
        ei = choose(P, &P->orgpart, key, kl, NULL, before, -1);
    ei = resolve_root(P, ei);
    if (ei < 0 || P->entmap[ei] < 0)
        return NULL;
    return P->ents[P->entmap[ei]].name;
}
