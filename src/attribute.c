/* attribute.c: who said it, and what kind of quotation it is.
 *
 * Paragraph by paragraph, in document order:
 *  1. names: capitalised word runs are split into a title part and a name
 *     part and registered as people or organisations, with the roles the
 *     text gives them ("Dmitry Peskov, the Kremlin spokesman" →
 *     role "kremlin spokesman"); later mentions link to them by surname,
 *     first name, title + surname or role;
 *  2. each quotation is attributed from the words around it: a reporting
 *     verb after it ("…," X said / said X), before it (X said: "…",
 *     X said that … "…", According to X, "…", In X's words), a dash
 *     ("…" — X), or a continuation (a paragraph that is only a quotation
 *     continues the previous speaker);
 *  3. the mention is resolved: pronouns to the nearest fitting person
 *     named before, roles and surnames to the registered person, and
 *     institutions to their name; no speaker is guessed.
 * Canonical names are filled in at the end, so a person first named
 * "Harlan Briggs" and later "Harlan T. Briggs" is the longer everywhere.
 */
#include "names.h"
#include "quotes.h"

/* ---- tokens --------------------------------------------------------------------- */

enum { T_WORD, T_PUNCT, T_QUOTE, T_DASH };
enum { TF_CAP = 1, TF_ALLCAPS = 2, TF_INITIAL = 4, TF_POSS = 8, TF_ABBR = 16 };

typedef struct {
    size_t s, e;   /* the word (a possessive ’s is outside it) */
    uint8_t type, flags;
    int32_t cp;    /* for punctuation and marks */
    uint32_t cls;  /* word classes (C_*), looked up on first use (C_UNSET until then) */
} tok;

typedef struct {
    tok *v;
    size_t n, cap;
} toks;

/* Word classes, from the word lists and from small built-in lists. */
enum {
    C_VERB = 1 << 0, C_TITLE = 1 << 1, C_ORG = 1 << 2, C_NEWS = 1 << 3, C_NOTNAME = 1 << 4,
    C_PLACE = 1 << 5, C_CONNECTOR = 1 << 6, C_PARTICLE = 1 << 7, C_ADVERB = 1 << 8,
    C_FN = 1 << 9, C_ABBR = 1 << 10, C_NPSTOP = 1 << 11, C_NPEND = 1 << 12,
    C_PORTFOLIO = 1 << 13,
    C_UNSET = 1u << 31
};

static const char *const w_connectors[] = {"of", "to", "the", "for", "de", "van", "von", "der", "da",
                                           "bin", "al", "la", "le", "du", "del", "ibn", "on", NULL};
static const char *const w_particles[] = {"de", "van", "von", "der", "da", "bin", "al", "la", "le",
                                          "du", "del", "ibn", "di", "el", NULL};
static const char *const w_adverbs[] = {"also", "later", "then", "simply", "quickly", "again", "once",
                                        "further", "repeatedly", "earlier", "previously", "separately",
                                        "recently", "flatly", "firmly", "bluntly", "curtly", "calmly",
                                        "reportedly", "publicly", "privately", "only", "has", "had",
                                        "have", "was", "is", "would", "will", "openly", "angrily",
                                        "cautiously", "pointedly", "drily", "dryly", NULL};
/* words that cannot end the subject before a verb */
static const char *const w_fn[] = {"and", "but", "or", "that", "which", "who", "whom", "then", "also",
                                   "as", "so", "it", "this", "there", "not", "never", "to", "of", "in",
                                   "on", "at", "by", "for", "with", "from", "what", "when", "while",
                                   "where", "if", "because", NULL};
/* words a subject phrase does not reach back over */
static const char *const w_npstop[] = {"that", "and", "said", "but", "while", "as", "when", "after",
                                       "in", "at", "on", "with", "by", NULL};
/* words that end a noun phrase going forward */
static const char *const w_npend[] = {"on", "in", "at", "after", "who", "and", "when", "as", "during",
                                      "before", "with", "to", "from", "while", NULL};
static const char *const w_abbrevs[] = {"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "col",
                                        "lt", "st", "jr", "sr", "prof", "u.s", "u.k", "u.n", "no",
                                        "adm", "capt", "maj", "sgt", "amb", "rev", "messrs", "e.u", NULL};

static const ro_class_spec class_spec[] = {
    {"reporting_verbs", NULL, NULL, C_VERB},
    {"titles:words", NULL, NULL, C_TITLE},
    {"speaker_words", "org_head", NULL, C_ORG},
    {"speaker_words", "newspaper", NULL, C_NEWS | C_ORG},
    {"speaker_words", "not_name", NULL, C_NOTNAME},
    {"speaker_words", "place_prefix", NULL, C_PLACE},
    {"speaker_words", "portfolio", NULL, C_PORTFOLIO},
    {NULL, NULL, w_connectors, C_CONNECTOR},
    {NULL, NULL, w_particles, C_PARTICLE},
    {NULL, NULL, w_adverbs, C_ADVERB},
    {NULL, NULL, w_fn, C_FN},
    {NULL, NULL, w_abbrevs, C_ABBR},
    {NULL, NULL, w_npstop, C_NPSTOP},
    {NULL, NULL, w_npend, C_NPEND},
};

static bool is_quote_cp(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 ||
           cp == 0xAB || cp == 0xBB || cp == 0x201E || cp == 0x201A || cp == 0x2039 || cp == 0x203A ||
           cp == 0x300C || cp == 0x300D || cp == 0x300E || cp == 0x300F;
}

static inline bool ascii_alnum(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u;
}

/* One code point at i: ASCII, U+0080-U+00BF (NBSP) and U+2000-U+203F
 * (’ “ ” — and the other general punctuation) inline, as utf8proc decodes
 * them; the rest through utf8proc. */
static inline int32_t cp_at(const ro_doc *d, size_t i, size_t *len)
{
    const unsigned char *u = (const unsigned char *)d->text;
    unsigned char c = u[i];
    if (c < 0x80) {
        *len = 1;
        return c;
    }
    if (c == 0xE2 && i + 2 < d->len && u[i + 1] == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
        *len = 3;
        return 0x2000 | (u[i + 2] & 0x3F);
    }
    if (c == 0xC2 && i + 1 < d->len && (u[i + 1] & 0xC0) == 0x80) {
        *len = 2;
        return u[i + 1];
    }
    return ro_cp_at(d, i, len);
}

static inline bool cp_word(int32_t cp)
{
    if (cp < 0x80)
        return ascii_alnum((unsigned char)cp);
    if (cp >= 0x2000 && cp <= 0x203F)
        return false; /* spaces, dashes, quotation marks, punctuation: no letter or digit */
    return ro_cp_is_letter(cp) || ro_cp_is_digit(cp);
}

/* ro_cp_is_letter and ro_cp_is_space with ASCII inline */
static inline bool cp_letter(int32_t cp)
{
    if (cp < 0x80)
        return (unsigned)((cp | 0x20) - 'a') < 26u;
    return ro_cp_is_letter(cp);
}

static inline bool cp_space(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    return ro_cp_is_space(cp);
}

/* Byte classes for the tokenizer's ASCII fast paths. */
enum { B_ALNUM = 1, B_LOWER = 2, B_SPACE = 4, B_HIGH = 8, B_JOIN = 16 /* ' - . may join a word */ };
static const uint8_t byte_class[256] = {
    ['\t'] = B_SPACE, ['\n'] = B_SPACE, ['\r'] = B_SPACE, [' '] = B_SPACE,
    ['\''] = B_JOIN, ['-'] = B_JOIN, ['.'] = B_JOIN,
    ['0'] = B_ALNUM, ['1'] = B_ALNUM, ['2'] = B_ALNUM, ['3'] = B_ALNUM, ['4'] = B_ALNUM,
    ['5'] = B_ALNUM, ['6'] = B_ALNUM, ['7'] = B_ALNUM, ['8'] = B_ALNUM, ['9'] = B_ALNUM,
    ['A'] = B_ALNUM, ['B'] = B_ALNUM, ['C'] = B_ALNUM, ['D'] = B_ALNUM, ['E'] = B_ALNUM,
    ['F'] = B_ALNUM, ['G'] = B_ALNUM, ['H'] = B_ALNUM, ['I'] = B_ALNUM, ['J'] = B_ALNUM,
    ['K'] = B_ALNUM, ['L'] = B_ALNUM, ['M'] = B_ALNUM, ['N'] = B_ALNUM, ['O'] = B_ALNUM,
    ['P'] = B_ALNUM, ['Q'] = B_ALNUM, ['R'] = B_ALNUM, ['S'] = B_ALNUM, ['T'] = B_ALNUM,
    ['U'] = B_ALNUM, ['V'] = B_ALNUM, ['W'] = B_ALNUM, ['X'] = B_ALNUM, ['Y'] = B_ALNUM,
    ['Z'] = B_ALNUM,
    ['a'] = B_ALNUM | B_LOWER, ['b'] = B_ALNUM | B_LOWER, ['c'] = B_ALNUM | B_LOWER,
    ['d'] = B_ALNUM | B_LOWER, ['e'] = B_ALNUM | B_LOWER, ['f'] = B_ALNUM | B_LOWER,
    ['g'] = B_ALNUM | B_LOWER, ['h'] = B_ALNUM | B_LOWER, ['i'] = B_ALNUM | B_LOWER,
    ['j'] = B_ALNUM | B_LOWER, ['k'] = B_ALNUM | B_LOWER, ['l'] = B_ALNUM | B_LOWER,
    ['m'] = B_ALNUM | B_LOWER, ['n'] = B_ALNUM | B_LOWER, ['o'] = B_ALNUM | B_LOWER,
    ['p'] = B_ALNUM | B_LOWER, ['q'] = B_ALNUM | B_LOWER, ['r'] = B_ALNUM | B_LOWER,
    ['s'] = B_ALNUM | B_LOWER, ['t'] = B_ALNUM | B_LOWER, ['u'] = B_ALNUM | B_LOWER,
    ['v'] = B_ALNUM | B_LOWER, ['w'] = B_ALNUM | B_LOWER, ['x'] = B_ALNUM | B_LOWER,
    ['y'] = B_ALNUM | B_LOWER, ['z'] = B_ALNUM | B_LOWER,
#define H8(b) [b] = B_HIGH, [b + 1] = B_HIGH, [b + 2] = B_HIGH, [b + 3] = B_HIGH, [b + 4] = B_HIGH, \
              [b + 5] = B_HIGH, [b + 6] = B_HIGH, [b + 7] = B_HIGH
    H8(0x80), H8(0x88), H8(0x90), H8(0x98), H8(0xA0), H8(0xA8), H8(0xB0), H8(0xB8),
    H8(0xC0), H8(0xC8), H8(0xD0), H8(0xD8), H8(0xE0), H8(0xE8), H8(0xF0), H8(0xF8),
#undef H8
};

/* Which ASCII words could be abbreviations (C_ABBR, the w_abbrevs list
 * alone): by first byte, a bit for each length in bytes. The lookup folds
 * ASCII letters only, so an ASCII word keeps its length and first letter. */
typedef struct {
    uint16_t len_bits[256];
} abbr_shape;

static void abbr_shape_init(abbr_shape *a)
{
    memset(a, 0, sizeof *a);
    for (size_t k = 0; w_abbrevs[k]; k++) {
        size_t n = strlen(w_abbrevs[k]);
        unsigned char f = (unsigned char)w_abbrevs[k][0];
        uint16_t bit = n < 16 ? (uint16_t)(1u << n) : 0;
        a->len_bits[f] |= bit;
        if (f >= 'a' && f <= 'z')
            a->len_bits[f - 32] |= bit;
    }
}

static void tokenize(const ro_doc *d, const ro_wordclass *wc, const abbr_shape *abbr, size_t lo, size_t hi,
                     toks *out)
{
    const char *text = d->text;
    const unsigned char *u = (const unsigned char *)text;
    out->n = 0;
    /* the text ends with a NUL: where the byte at hi is no letter or digit
     * either, a run of them stops by itself before hi */
    bool fenced = !(byte_class[u[hi]] & B_ALNUM);
    size_t i = lo;
    while (i < hi) {
        unsigned char c0 = u[i];
        uint8_t b0 = byte_class[c0];
        if (b0 & B_SPACE) {
            i++;
            continue;
        }
        if (b0 & B_ALNUM) {
            /* the common case: an ASCII word that ends at a byte that
             * cannot go on with it (not ' - . or a non-ASCII letter) */
            size_t j = i + 1;
            uint8_t low = 0, bc = 0;
            if (fenced) {
                while ((bc = byte_class[u[j]]) & B_ALNUM) {
                    low |= bc;
                    j++;
                }
            } else {
                while (j < hi && ((bc = byte_class[u[j]]) & B_ALNUM)) {
                    low |= bc;
                    j++;
                }
            }
            if (j >= hi || !(byte_class[u[j]] & (B_JOIN | B_HIGH))) {
                tok t = {i, j, T_WORD, 0, c0, C_UNSET};
                size_t letters = j - i;
                if ((unsigned)(c0 - 'A') < 26u) {
                    t.flags |= TF_CAP;
                    if (!(low & B_LOWER) && letters > 1)
                        t.flags |= TF_ALLCAPS;
                    if (letters <= 3 && ((abbr->len_bits[c0] >> letters) & 1)) {
                        t.cls = ro_wordclass_get(wc, text + i, letters);
                        if (t.cls & C_ABBR)
                            t.flags |= TF_ABBR; /* British "Mr" */
                    }
                }
                RO_PUSH(out->v, out->n, out->cap, t);
                i = j;
                if (i < hi && u[i] == ' ')
                    i++; /* the space after it, as the loop would skip it */
                continue;
            }
        }
        size_t l;
        int32_t cp = cp_at(d, i, &l);
        if (c0 >= 0x80 && ro_cp_is_space(cp)) {
            i += l;
            continue;
        }
        tok t = {i, i + l, T_PUNCT, 0, cp, 0};
        if ((b0 & B_ALNUM) || (c0 >= 0x80 && cp_word(cp))) {
            t.type = T_WORD;
            bool upper0 = c0 < 0x80 ? ((unsigned)(c0 - 'A') < 26u) : ro_cp_is_upper(cp), allcaps = upper0;
            bool ascii = c0 < 0x80;
            size_t letters = 1;
            size_t j = i + l;
            size_t next_i = 0; /* after a possessive: where the next token starts */
            while (j < hi) {
                /* the ASCII letters and digits of the word, at a run */
                size_t j0 = j;
                uint8_t low = 0, bc;
                while ((bc = byte_class[u[j]]) & B_ALNUM) {
                    low |= bc;
                    if (++j >= hi)
                        break;
                }
                if (j > j0) {
                    letters += j - j0;
                    if (low & B_LOWER)
                        allcaps = false;
                    if (j >= hi)
                        break;
                }
                unsigned char ch = u[j];
                size_t m;
                int32_t cc = cp_at(d, j, &m);
                if (ch >= 0x80 && cp_word(cc)) {
                    ascii = false;
                    if (ro_cp_is_lower(cc))
                        allcaps = false;
                    letters++;
                    j += m;
                    continue;
                }
                if ((cc == '\'' || cc == 0x2019 || cc == '-' || cc == '.' || cc == 0x2011 || cc == 0xAD) && j + m < hi) {
                    size_t m2;
                    int32_t c2 = cp_at(d, j + m, &m2);
                    if (cp_word(c2)) {
                        /* a possessive ’s ends the word */
                        if ((cc == '\'' || cc == 0x2019) && (c2 == 's' || c2 == 'S')) {
                            size_t m3 = 0;
                            int32_t c3 = j + m + m2 < hi ? cp_at(d, j + m + m2, &m3) : ' ';
                            if (!cp_word(c3)) {
                                next_i = j + m + m2;
                                break;
                            }
                        }
                        if (ch >= 0x80)
                            ascii = false;
                        j += m;
                        continue;
                    }
                    /* the plural possessive: "the ministers’ view" */
                    if ((cc == 0x2019 || cc == '\'') && text[j - 1] == 's' && (c2 == ' ' || c2 == ','))
                        next_i = j + m;
                }
                break;
            }
            t.e = j;
            if (upper0)
                t.flags |= TF_CAP;
            if (allcaps && letters > 1)
                t.flags |= TF_ALLCAPS;
            /* classes are looked up when a stage asks, except where the
             * tokenizer itself needs them (an abbreviation's full stop); a
             * lookup put off gives the same classes later, as the word's
             * bytes are the same */
            bool dot = j < hi && text[j] == '.';
            bool need = false;
            if (!next_i && (dot || (upper0 && letters <= 3))) {
                if (dot && letters == 1 && upper0)
                    need = true; /* an initial: the classes of the letter without its full stop */
                else
                    need = !ascii || (j - i < 16 && ((abbr->len_bits[c0] >> (j - i)) & 1));
            }
            t.cls = need ? ro_wordclass_get(wc, text + t.s, t.e - t.s) : C_UNSET;
            if (next_i) {
                t.flags |= TF_POSS;
                i = next_i;
            } else {
                /* a full stop after an initial or an abbreviation belongs to it */
                if (dot) {
                    if (letters == 1 && upper0) {
                        t.flags |= TF_INITIAL;
                        t.e = j + 1;
                    } else if (t.cls & C_ABBR) {
                        t.flags |= TF_ABBR;
                        t.e = j + 1;
                    }
                } else if (upper0 && letters <= 3 && (t.cls & C_ABBR)) {
                    t.flags |= TF_ABBR; /* British "Mr" */
                }
                i = t.e;
            }
            RO_PUSH(out->v, out->n, out->cap, t);
            continue;
        }
        if (is_quote_cp(cp))
            t.type = T_QUOTE;
        else if (ro_cp_is_dash(cp) && cp != '-')
            t.type = T_DASH;
        else if (cp == '-' && i + 1 < hi && text[i + 1] == '-') {
            t.type = T_DASH;
            t.e = i + 2;
        } else if (cp == '-' && i > lo && text[i - 1] == ' ')
            t.type = T_DASH;
        RO_PUSH(out->v, out->n, out->cap, t);
        i = t.e;
    }
}

/* ---- the attribution context ------------------------------------------------------- */

/* A map from a lower-case key to the newest entity with it; entities
 * with the same key are chained through their next_* fields. */
typedef struct {
    char **keys;
    long *vals;
    size_t cap, n;
} smap;

static uint64_t smap_hash(const char *k)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *k; k++) {
        h ^= (unsigned char)*k;
        h *= 1099511628211ULL;
    }
    return h;
}

static long smap_get(const smap *m, const char *k)
{
    if (!m->cap)
        return -1;
    for (size_t j = smap_hash(k) & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (!strcmp(m->keys[j], k))
            return m->vals[j];
    return -1;
}

/* Set k → v; returns the previous value or -1. */
static long smap_put(smap *m, const char *k, long v)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 16;
        char **nk = ro_xcalloc(ncap, sizeof *nk);
        long *nv = ro_xcalloc(ncap, sizeof *nv);
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            size_t j = smap_hash(m->keys[i]) & (ncap - 1);
            while (nk[j])
                j = (j + 1) & (ncap - 1);
            nk[j] = m->keys[i];
            nv[j] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        m->keys = nk;
        m->vals = nv;
        m->cap = ncap;
    }
    size_t j = smap_hash(k) & (m->cap - 1);
    for (; m->keys[j]; j = (j + 1) & (m->cap - 1)) {
        if (!strcmp(m->keys[j], k)) {
            long old = m->vals[j];
            m->vals[j] = v;
            return old;
        }
    }
    m->keys[j] = ro_xstrdup(k);
    m->vals[j] = v;
    m->n++;
    return -1;
}

static void smap_free(smap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
}

typedef struct {
    long next_sur, next_first; /* older entities with the same surname / first name */
    char *name;       /* longest full name (malloc'd) */
    char *surname;    /* lower case */
    char *first;      /* lower case, or NULL */
    bool person;
    char gender;      /* 'm', 'f' or 0 */
    bool spoke;       /* named as the speaker of a quotation */
    char **roles;     /* normalised role strings */
    size_t nroles, caproles;
    size_t last;      /* offset of the latest mention */
} entity;

typedef struct {
    long ent;
    size_t at;
} mention_rec;

typedef struct {
    ro_doc *d;
    const ro_lexicon *lex;
    mention_rec *pm;        /* people mentioned in the current paragraph */
    size_t npm, cappm;
    long prev_para_person;  /* the last person mentioned in earlier paragraphs */
    const ro_wordclass *wc;
    entity *ents;
    size_t nents, capents;
    toks tk;
    long last_speaker;      /* entity of the latest attributed quotation */
    size_t last_speaker_para;
    long byline;            /* the author of a column ("By Jane Doe") */
    bool in_headline;       /* attributing the headline's quotations */
    long *quote_ent;        /* per quotation: entity index or -1 */
    smap by_surname, by_first, by_org;
    abbr_shape abbr;
    long *with_roles;       /* entities that have roles or are organisations, in order */
    size_t nwith, capwith;
} actx;

static inline bool tok_is(const ro_doc *d, const tok *t, const char *lit)
{
    size_t n = strlen(lit);
    if (t->type != T_WORD || t->e - t->s != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = d->text[t->s + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != lit[i])
            return false;
    }
    return true;
}

/* A token's word classes (the tokens belong to the context, so filling
 * the cache through a const pointer is safe). */
static inline uint32_t tcls(actx *c, const tok *t)
{
    if (t->cls & C_UNSET)
        ((tok *)t)->cls = t->type == T_WORD ? ro_wordclass_get(c->wc, c->d->text + t->s, t->e - t->s) : 0;
    return t->cls;
}

static bool is_verb(actx *c, const tok *t)
{
    return t->type == T_WORD && (tcls(c, t) & C_VERB) && !(t->flags & TF_ALLCAPS);
}

static bool is_title_word(actx *c, const tok *t)
{
    return t->type == T_WORD && ((t->flags & TF_ABBR) || (tcls(c, t) & C_TITLE));
}

static bool is_org_head(actx *c, const tok *t)
{
    return tcls(c, t) & C_ORG;
}

static bool is_newspaper(actx *c, const tok *t)
{
    return tcls(c, t) & C_NEWS;
}

static bool is_place_prefix(actx *c, const tok *t)
{
    return tcls(c, t) & C_PLACE;
}

static bool is_not_name(actx *c, const tok *t)
{
    return tcls(c, t) & C_NOTNAME;
}

static char pronoun_of(actx *c, const tok *t)
{
    if (t->type != T_WORD)
        return 0;
    if (tok_is(c->d, t, "he") || tok_is(c->d, t, "him")) return 'm';
    if (tok_is(c->d, t, "she") || tok_is(c->d, t, "her")) return 'f';
    if (tok_is(c->d, t, "they")) return 'p';
    if (tok_is(c->d, t, "it")) return 'i';
    if (tok_is(c->d, t, "we")) return 'w';
    if (t->e - t->s == 1 && c->d->text[t->s] == 'I') return '1';
    return 0;
}

static bool is_connector(actx *c, const tok *t)
{
    return t->type == T_WORD && (tcls(c, t) & C_CONNECTOR);
}

static bool is_particle(actx *c, const tok *t)
{
    return t->type == T_WORD && (tcls(c, t) & C_PARTICLE);
}

/* A lower-case copy of [s,e), with ’ folded to ' and runs of spaces to one. */
/* Lower case [s,e) into out (’ folded to ', runs of spaces to one, no
 * space at either end).  Returns the length, or SIZE_MAX if it does not fit. */
static size_t lower_into(const ro_doc *d, size_t s, size_t e, char *out, size_t outsz)
{
    size_t n = 0;
    for (size_t i = s; i < e;) {
        unsigned char ch = (unsigned char)d->text[i];
        if (ch < 0x80 && ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
            if (n + 1 >= outsz)
                return SIZE_MAX;
            out[n++] = (char)((unsigned)(ch - 'A') < 26u ? ch + 32 : ch);
            i++;
            continue;
        }
        size_t l;
        int32_t cp = ro_cp_at(d, i, &l);
        i += l;
        if (cp == 0x2019)
            cp = '\'';
        if (ro_cp_is_space(cp)) {
            if (n && out[n - 1] != ' ' && cp != 0xAD && cp != 0x200B) {
                if (n + 1 >= outsz)
                    return SIZE_MAX;
                out[n++] = ' ';
            }
            continue;
        }
        char enc[4];
        int k = ro_utf8_encode(ro_cp_tolower(cp), enc);
        if (k <= 0)
            continue;
        if (n + (size_t)k >= outsz)
            return SIZE_MAX;
        memcpy(out + n, enc, (size_t)k);
        n += (size_t)k;
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return n;
}

/* A lower-case copy of [s,e) (see lower_into), malloc'd. */
static char *lower_copy(const ro_doc *d, size_t s, size_t e)
{
    char small[256];
    size_t n = lower_into(d, s, e, small, sizeof small);
    if (n != SIZE_MAX)
        return ro_xstrndup(small, n);
    size_t cap = (e - s) * 2 + 8;
    char *big = ro_xmalloc(cap);
    n = lower_into(d, s, e, big, cap);
    if (n == SIZE_MAX)
        big[0] = '\0';
    return big;
}

/* A byte of a name that name_copy copies as it is: ASCII, not a space,
 * and not a capital after a capital (which may be lowered). */
static inline bool plain_name_byte(const ro_doc *d, size_t j, bool titlecase_caps)
{
    unsigned char ch = (unsigned char)d->text[j];
    if (ch == 0 || ch >= 0x80 || ch == ' ' || (ch >= '\t' && ch <= '\r'))
        return false;
    if (titlecase_caps && (unsigned)(ch - 'A') < 26u && j > 0) {
        unsigned char p = (unsigned char)d->text[j - 1];
        if (p >= 0x80 || (unsigned)(p - 'A') < 26u)
            return false;
    }
    return true;
}

/* The written form of tokens [a,b], from the original text with spaces
 * normalised (NBSP → space), soft hyphens and zero-width spaces dropped,
 * and names in capitals ("USHAKOV") in title case. */
static char *name_copy(const ro_doc *d, const toks *tk, size_t a, size_t b, bool titlecase_caps)
{
    ro_buf out = {0};
    bool space = false;
    for (size_t j = tk->v[a].s; j < tk->v[b].e;) {
        if (plain_name_byte(d, j, titlecase_caps)) {
            /* ASCII, no space, nothing to lower: the bytes as they are */
            if (space && out.len)
                ro_buf_putc(&out, ' ');
            space = false;
            size_t k = j + 1;
            while (k < tk->v[b].e && plain_name_byte(d, k, titlecase_caps))
                k++;
            ro_buf_put(&out, d->text + j, k - j);
            j = k;
            continue;
        }
        size_t l;
        int32_t cp = ro_cp_at(d, j, &l);
        if (cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF) {
            j += l;
            continue;
        }
        if (ro_cp_is_space(cp)) {
            space = true;
            j += l;
            continue;
        }
        if (space && out.len)
            ro_buf_putc(&out, ' ');
        space = false;
        if (titlecase_caps && ro_cp_is_letter(cp) && j > 0) {
            size_t pl;
            int32_t prevcp = ro_cp_before(d, j, &pl);
            /* lower the rest of a word written all in capitals, if longer than 2 letters */
            if (ro_cp_is_upper(prevcp) && ro_cp_is_upper(cp)) {
                size_t k = j, n = 0;
                size_t ws = j - pl;
                while (ws > 0) {
                    size_t ql;
                    int32_t q = ro_cp_before(d, ws, &ql);
                    if (!ro_cp_is_letter(q))
                        break;
                    ws -= ql;
                }
                bool caps = true;
                for (k = ws; k < d->len; n++) {
                    size_t ql;
                    int32_t q = ro_cp_at(d, k, &ql);
                    if (!ro_cp_is_letter(q))
                        break;
                    if (ro_cp_is_lower(q))
                        caps = false;
                    k += ql;
                }
                if (caps && n > 2)
                    cp = ro_cp_tolower(cp);
            }
        }
        char enc[4];
        int k = ro_utf8_encode(cp, enc);
        ro_buf_put(&out, enc, (size_t)(k > 0 ? k : 0));
        j += l;
    }
    if (!out.data)
        ro_buf_put(&out, "", 0);
    return out.data;
}

static void add_role(entity *e, char *role)
{
    if (!role || !*role || strlen(role) > 120) {
        free(role);
        return;
    }
    for (size_t i = 0; i < e->nroles; i++)
        if (!strcmp(e->roles[i], role)) {
            free(role);
            return;
        }
    if (e->nroles >= 16) {
        free(role);
        return;
    }
    RO_PUSH(e->roles, e->nroles, e->caproles, role);
}

static void add_person_role(actx *c, long ent, char *role)
{
    entity *e = &c->ents[ent];
    size_t before = e->nroles;
    add_role(e, role);
    if (e->nroles > before && before == 0)
        RO_PUSH(c->with_roles, c->nwith, c->capwith, ent);
}

/* Find or make the entity for a person name (tokens [a,b] are the name
 * part, without titles). */
static long person_entity(actx *c, size_t a, size_t b, char gender, size_t at)
{
    const toks *tk = &c->tk;
    const ro_doc *d = c->d;
    char surbuf[128], firstbuf[128];
    size_t sl = lower_into(d, tk->v[b].s, tk->v[b].e, surbuf, sizeof surbuf);
    size_t fl = a < b ? lower_into(d, tk->v[a].s, tk->v[a].e, firstbuf, sizeof firstbuf) : SIZE_MAX;
    if (sl == SIZE_MAX)
        return -1; /* no name is that long */
    const char *sur = surbuf;
    const char *first = fl != SIZE_MAX ? firstbuf : NULL;
    bool first_initial = a < b && (tk->v[a].flags & TF_INITIAL);
    long best = -1;
    for (long i = smap_get(&c->by_surname, sur); i >= 0; i = c->ents[i].next_sur) {
        entity *e = &c->ents[i];
        if (first && e->first) {
            bool compatible = !strcmp(first, e->first) ||
                              (first_initial && first[0] == e->first[0]) ||
                              (strlen(e->first) == 2 && e->first[1] == '.' && e->first[0] == first[0]);
            if (!compatible)
                continue;
        }
        best = i;
        break;
    }
    if (best < 0 && a == b) /* a surname alone may be a first name already seen ("Jared") */
        best = smap_get(&c->by_first, sur);
    if (best >= 0) {
        entity *e = &c->ents[best];
        /* a longer form of the name ("Harlan T. Briggs" after "Harlan
         * Briggs"): only then is the name copied */
        if (a < b && (!e->first || tk->v[b].e - tk->v[a].s > strlen(e->name))) {
            char *full = name_copy(d, tk, a, b, true);
            if (!e->first || strlen(full) > strlen(e->name)) {
                free(e->name);
                e->name = full;
                if (first) {
                    if (!e->first)
                        e->next_first = smap_put(&c->by_first, first, best);
                    free(e->first);
                    e->first = ro_xstrdup(first);
                }
            } else {
                free(full);
            }
        }
        if (gender && !e->gender)
            e->gender = gender;
        e->last = at;
        return best;
    }
    entity e = {0};
    e.person = true;
    e.name = name_copy(d, tk, a, b, true);
    e.surname = ro_xstrdup(sur);
    e.first = first ? ro_xstrdup(first) : NULL;
    e.gender = gender;
    e.last = at;
    long idx = (long)c->nents;
    e.next_sur = smap_put(&c->by_surname, sur, idx);
    e.next_first = first ? smap_put(&c->by_first, first, idx) : -1;
    RO_PUSH(c->ents, c->nents, c->capents, e);
    return idx;
}

static long org_entity_(actx *c, char *name, size_t at);
static long org_entity(actx *c, char *name, size_t at)
{
    long e = org_entity_(c, name, at);
    mention_rec mr = {e, at};
    RO_PUSH(c->pm, c->npm, c->cappm, mr);
    return e;
}

static long org_entity_(actx *c, char *name, size_t at)
{
    char *low = ro_xstrdup(name);
    for (char *p = low; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    long found = smap_get(&c->by_org, low);
    if (found >= 0) {
        c->ents[found].last = at;
        free(low);
        free(name);
        return found;
    }
    entity e = {0};
    e.name = name;
    e.surname = low;
    e.last = at;
    e.next_sur = e.next_first = -1;
    long idx = (long)c->nents;
    smap_put(&c->by_org, low, idx);
    RO_PUSH(c->ents, c->nents, c->capents, e);
    RO_PUSH(c->with_roles, c->nwith, c->capwith, idx);
    return idx;
}

/* Role text after a name: ", the Kremlin spokesman," / ", Putin’s adviser," */
static char *apposition_after(actx *c, size_t k)
{
    const toks *tk = &c->tk;
    if (k + 2 >= tk->n || tk->v[k + 1].type != T_PUNCT || tk->v[k + 1].cp != ',')
        return NULL;
    size_t a = k + 2;
    const tok *t0 = &tk->v[a];
    bool det = tok_is(c->d, t0, "the") || (t0->type == T_WORD && (t0->flags & TF_POSS));
    if (!det)
        return NULL;
    if (tok_is(c->d, t0, "the"))
        a++;
    size_t b = a;
    while (b < tk->n && b < a + 8 && tk->v[b].type == T_WORD && !is_verb(c, &tk->v[b]) &&
           !tok_is(c->d, &tk->v[b], "who") && !tok_is(c->d, &tk->v[b], "and"))
        b++;
    if (b == a || b >= tk->n)
        return NULL;
    const tok *end = &tk->v[b];
    if (!(end->type == T_PUNCT && (end->cp == ',' || end->cp == '.' || end->cp == ';' || end->cp == ')')) &&
        !is_verb(c, end))
        return NULL;
    return lower_copy(c->d, tk->v[a].s, tk->v[b - 1].e);
}

/* Role text before a name: "the Union’s foreign policy chief, Greta Lindahl" */
static char *apposition_before(actx *c, size_t a)
{
    const toks *tk = &c->tk;
    if (a < 3 || tk->v[a - 1].type != T_PUNCT || tk->v[a - 1].cp != ',')
        return NULL;
    size_t e = a - 2, s = e;
    while (s > 0 && e - s < 7 && tk->v[s].type == T_WORD && !tok_is(c->d, &tk->v[s], "the") &&
           !(tk->v[s].flags & TF_POSS) && !tok_is(c->d, &tk->v[s], "her") && !tok_is(c->d, &tk->v[s], "his") &&
           !tok_is(c->d, &tk->v[s], "their") && !tok_is(c->d, &tk->v[s], "its"))
        s--;
    if ((tok_is(c->d, &tk->v[s], "her") || tok_is(c->d, &tk->v[s], "his") || tok_is(c->d, &tk->v[s], "their") ||
         tok_is(c->d, &tk->v[s], "its")) && s < e)
        return lower_copy(c->d, tk->v[s + 1].s, tk->v[e].e); /* "Her spokesman, Teodor Sarić," */
    /* "Marenia’s Health Minister, Sofia Trell," */
    if ((tk->v[s].flags & TF_POSS) && s < e && is_title_word(c, &tk->v[e]))
        return lower_copy(c->d, tk->v[s].s, tk->v[e].e);
    if (!tok_is(c->d, &tk->v[s], "the") || s == e)
        return NULL;
    if ((tk->v[e].flags & TF_CAP) && !is_title_word(c, &tk->v[e]))
        return NULL;
    return lower_copy(c->d, tk->v[s + 1].s, tk->v[e].e);
}

/* A role in lower case before a name: "Putin’s foreign policy aide Yury
 * Ushakov", "the veteran negotiator Hal Innes". */
static char *role_before_run(actx *c, size_t a)
{
    const toks *tk = &c->tk;
    size_t j = a;
    while (j > 0 && a - j < 5) {
        const tok *t = &tk->v[j - 1];
        if (t->type != T_WORD || (t->flags & (TF_CAP | TF_POSS)) || is_verb(c, t) || pronoun_of(c, t) ||
            is_connector(c, t) || tok_is(c->d, t, "and") || tok_is(c->d, t, "a") || tok_is(c->d, t, "an"))
            break;
        j--;
    }
    if (j == a || j == 0)
        return NULL;
    const tok *p = &tk->v[j - 1];
    if (p->flags & TF_POSS)
        return lower_copy(c->d, p->s, tk->v[a - 1].e);
    if (tok_is(c->d, p, "the"))
        return lower_copy(c->d, tk->v[j].s, tk->v[a - 1].e);
    return NULL;
}

/* Split tokens [a,b] of a capitalised run into title and name; register.
 * Returns the entity, or -1. */
static long register_run(actx *c, size_t a, size_t b)
{
    const toks *tk = &c->tk;
    const ro_doc *d = c->d;
    /* a description before the name: "opposition" in "the opposition Civic Alliance" */
    while (a < b && tk->v[a].type == T_WORD && !(tk->v[a].flags & TF_CAP) && !is_particle(c, &tk->v[a]) &&
           !is_title_word(c, &tk->v[a]))
        a++;
    /* drop sentence-initial function words ("However", "The") */
    while (a <= b && (is_not_name(c, &tk->v[a]) || is_connector(c, &tk->v[a])))
        a++;
    if (a > b)
        return -1;
    /* "Sen. Harlan T. Briggs of Montana", "Marta Quist of the Civic
     * Alliance": the person is before "of" */
    for (size_t o = b; o > a + 1; o--) {
        if (!tok_is(d, &tk->v[o - 1], "of"))
            continue;
        const tok *pre = &tk->v[o - 2];
        if ((pre->flags & TF_CAP) && !is_title_word(c, pre) && !is_org_head(c, pre) &&
            !is_place_prefix(c, pre)) {
            bool tail_plain = true;
            for (size_t i = o; i <= b; i++)
                if (is_title_word(c, &tk->v[i]))
                    tail_plain = false;
            if (tail_plain) {
                size_t ts = o;
                while (ts < b && is_connector(c, &tk->v[ts]))
                    ts++;
                register_run(c, ts, b);
                return register_run(c, a, o - 2);
            }
        }
        break;
    }
    /* organisations: the run ends with an organisation word, or goes on
     * with "of X" after one ("Foreign Ministry of Varnland") */
    size_t org_head = SIZE_MAX;
    for (size_t i = a; i <= b; i++)
        if (is_org_head(c, &tk->v[i]))
            org_head = i;
    if (org_head != SIZE_MAX) {
        bool tail_ok = org_head == b;
        if (!tail_ok && org_head + 1 <= b &&
            (tok_is(d, &tk->v[org_head + 1], "of") || tok_is(d, &tk->v[org_head + 1], "for") ||
             tok_is(d, &tk->v[org_head + 1], "on")))
            tail_ok = true; /* "Institute for Marine Research" */
        if (tail_ok) {
            size_t s0 = a;
            for (size_t g = a; g < org_head; g++)
                if (tk->v[g].flags & TF_POSS)
                    s0 = g + 1;
            while (s0 < org_head && !(tk->v[s0].flags & TF_CAP))
                s0++;
            /* a newspaper keeps its own "The": "The Tavara Chronicle" */
            bool paper = is_newspaper(c, &tk->v[org_head]);
            if (paper && s0 > 0 && tok_is(d, &tk->v[s0 - 1], "the") && (tk->v[s0 - 1].flags & TF_CAP))
                s0--;
            long e = org_entity(c, name_copy(d, tk, s0, b, false), tk->v[a].s);
            if (paper) {
                add_role(&c->ents[e], ro_xstrdup("newspaper"));
                add_role(&c->ents[e], ro_xstrdup("paper"));
            }
            return e;
        }
    }
    /* places: "Port Alder", "New Arden" */
    if (is_place_prefix(c, &tk->v[a]) && b > a)
        return org_entity(c, name_copy(d, tk, a, b, false), tk->v[a].s);
    /* the name part: trailing words that are not titles, org words or connectors */
    size_t e = b;
    size_t s = b + 1;
    int core = 0;
    while (s > a) {
        const tok *t = &tk->v[s - 1];
        if (is_title_word(c, t) || is_org_head(c, t) || is_not_name(c, t) || (tcls(c, t) & C_PORTFOLIO))
            break;
        if (is_connector(c, t) && !is_particle(c, t))
            break;
        if (!(t->flags & TF_CAP) && !is_particle(c, t))
            break;
        if (!(t->flags & TF_INITIAL) && !is_particle(c, t) && ++core > 3)
            break;
        s--;
    }
    if (s > b)
        return -1;
    while (s < b && is_particle(c, &tk->v[s]) && !(tk->v[s].flags & TF_CAP))
        s++;

    /* "President of Dornia Ansel Varga": the word after "of" is the title's */
    if (s > a && b - s >= 2 && (tok_is(d, &tk->v[s - 1], "of") || tok_is(d, &tk->v[s - 1], "for")))
        s++;
    char gender = 0;
    if (s > a) {
        const tok *t = &tk->v[s - 1];
        if (tok_is(d, t, "mr") || tok_is(d, t, "mr."))
            gender = 'm';
        else if (tok_is(d, t, "ms") || tok_is(d, t, "mrs") || tok_is(d, t, "ms.") || tok_is(d, t, "mrs."))
            gender = 'f';
    }
    bool has_title = s > a;
    if (s == e && !has_title) {
        /* a single word: a link to someone known, or nothing */
        char wbuf[256], *wbig = NULL;
        const char *w = wbuf;
        if (lower_into(d, tk->v[s].s, tk->v[s].e, wbuf, sizeof wbuf) == SIZE_MAX)
            w = wbig = lower_copy(d, tk->v[s].s, tk->v[s].e);
        long f1 = smap_get(&c->by_surname, w), f2 = smap_get(&c->by_first, w);
        long found = f1 > f2 ? f1 : f2;
        free(wbig);
        if (found >= 0) {
            c->ents[found].last = tk->v[s].s;
            mention_rec mr = {found, tk->v[s].s};
            RO_PUSH(c->pm, c->npm, c->cappm, mr);
        }
        return found;
    }
    if (s == e && (tk->v[s].flags & TF_INITIAL))
        return -1;
    long ent = person_entity(c, s, e, gender, tk->v[s].s);
    if (ent < 0)
        return -1; /* no name is that long */
    mention_rec mr = {ent, tk->v[s].s};
    RO_PUSH(c->pm, c->npm, c->cappm, mr);
    if (has_title) {
        /* title words before the name are a role: "Aide to the President" */
        size_t ts = a;
        if (!(tk->v[ts].flags & TF_ABBR && s - ts == 1)) /* Mr, Dr: not a role */
            add_person_role(c, ent, lower_copy(d, tk->v[ts].s, tk->v[s - 1].e));
    } else
        add_person_role(c, ent, role_before_run(c, a));
    add_person_role(c, ent, apposition_after(c, e));
    add_person_role(c, ent, apposition_before(c, a));
    return ent;
}

/* Lower-case title words directly before a capitalised run
 * ("Kremlin spokesman Dmitry Peskov" has "spokesman" inside; "the
 * president’s top security adviser" is handled as apposition). */

static void register_names(actx *c)
{
    const toks *tk = &c->tk;
    size_t i = 0;
    while (i < tk->n) {
        const tok *t = &tk->v[i];
        bool cap = t->type == T_WORD && (t->flags & TF_CAP);
        if (!cap && !(t->type == T_WORD && i + 1 < tk->n && (tk->v[i + 1].flags & TF_CAP) && is_title_word(c, t))) {
            i++;
            continue;
        }
        size_t j = i;
        while (j + 1 < tk->n) {
            const tok *n = &tk->v[j + 1];
            if (n->type != T_WORD)
                break;
            if (tk->v[j].flags & TF_POSS)
                break;
            if (n->flags & TF_CAP) {
                j++;
                continue;
            }
            if ((is_connector(c, n) || is_title_word(c, n)) && j + 2 < tk->n && tk->v[j + 2].type == T_WORD &&
                ((tk->v[j + 2].flags & TF_CAP) || is_connector(c, &tk->v[j + 2]))) {
                j++;
                continue;
            }
            if (is_title_word(c, n) && j + 2 < tk->n && (tk->v[j + 2].flags & TF_CAP)) {
                j++;
                continue;
            }
            break;
        }
        /* trim trailing connectors */
        size_t e = j;
        while (e > i && tk->v[e].type == T_WORD && !(tk->v[e].flags & TF_CAP))
            e--;
        register_run(c, i, e);
        i = j + 1;
    }
}

/* ---- resolving a mention --------------------------------------------------------------- */

static bool words_subset(const char *small, const char *big)
{
    /* every word of small occurs as a word in big */
    const char *p = small;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        size_t n = (size_t)(q - p);
        bool found = false;
        const char *h = big;
        while (*h) {
            while (*h == ' ')
                h++;
            const char *hq = h;
            while (*hq && *hq != ' ')
                hq++;
            if ((size_t)(hq - h) == n && !memcmp(h, p, n)) {
                found = true;
                break;
            }
            h = hq;
        }
        if (!found)
            return false;
        p = q;
    }
    return true;
}

/* A role mention ("kremlin spokesman", "adviser", "the ministry") → the
 * person given that role, or the organisation with that word in its name;
 * the latest speaker first, then the latest mentioned. */
static bool role_matches(const entity *e, const char *role)
{
    for (size_t r = 0; r < e->nroles; r++)
        if (words_subset(role, e->roles[r]))
            return true;
    return !e->person && words_subset(role, e->surname);
}

static const char *head_word(const char *role)
{
    const char *sp = strrchr(role, ' ');
    return sp ? sp + 1 : role;
}

static long resolve_role(actx *c, const char *role)
{
    if (c->last_speaker >= 0 && role_matches(&c->ents[c->last_speaker], role))
        return c->last_speaker;
    long best = -1;
    for (int pass = 0; pass < 2 && best < 0; pass++) {
        const char *r = pass == 0 ? role : head_word(role);
        if (pass == 1 && r == role)
            break;
        size_t looked = 0;
        for (size_t w = c->nwith; w-- > 0 && looked < 512; looked++) {
            long i = c->with_roles[w];
            entity *e = &c->ents[i];
            if (role_matches(e, r) && (best < 0 || e->last >= c->ents[best].last))
                best = i;
        }
    }
    return best;
}

static bool fits(const entity *e, char g)
{
    if (g == 'p' || g == 'i')
        return !e->person;
    /* a lone capitalised word ("Karsland said") is a person only on
     * evidence: a first name, a title, a role or a gender */
    if (e->person && !e->first && !e->gender && !e->nroles && !e->spoke)
        return false;
    return e->person && (!e->gender || e->gender == g);
}

static long resolve_pronoun(actx *c, char g, size_t at, size_t para, long para_subject)
{
    if (g == '1')
        return c->byline;
    if (g == 'w')
        return -1;
    if (para_subject >= 0 && fits(&c->ents[para_subject], g))
        return para_subject;
    /* the nearest person named before, in this paragraph */
    for (size_t i = c->npm; i-- > 0;)
        if (c->pm[i].at < at && fits(&c->ents[c->pm[i].ent], g))
            return c->pm[i].ent;
    if (c->last_speaker >= 0 && para - c->last_speaker_para <= 3 && fits(&c->ents[c->last_speaker], g))
        return c->last_speaker;
    if (g == 'p' || g == 'i')
        return -1;
    if (c->prev_para_person >= 0 && fits(&c->ents[c->prev_para_person], g))
        return c->prev_para_person;
    return -1;
}

/* Resolve the mention made of tokens [a,b].  Returns the entity or -1, and
 * sets *named when the mention is a name that resolved to nothing known. */
static long resolve_tokens(actx *c, size_t a, size_t b, size_t para, long para_subject)
{
    const toks *tk = &c->tk;
    const ro_doc *d = c->d;
    if (a == b) {
        char g = pronoun_of(c, &tk->v[a]);
        if (g) {
            long e = resolve_pronoun(c, g, tk->v[a].s, para, para_subject);
            if (e >= 0 && g != 'p' && g != 'i' && !c->ents[e].gender && c->ents[e].person)
                c->ents[e].gender = g; /* learnt: later pronouns must agree */
            return e;
        }
    }
    bool det = tok_is(d, &tk->v[a], "the") || tok_is(d, &tk->v[a], "a") || tok_is(d, &tk->v[a], "an");
    bool indefinite = tok_is(d, &tk->v[a], "a") || tok_is(d, &tk->v[a], "an");
    size_t s = det ? a + 1 : a;
    if (s > b)
        return -1;
    bool any_cap = false;
    for (size_t i = s; i <= b; i++)
        if (tk->v[i].flags & TF_CAP)
            any_cap = true;
    const tok *last = &tk->v[b];
    bool role_like = !(last->flags & TF_CAP) || (is_title_word(c, last) && !is_org_head(c, last));
    if (indefinite)
        return -1; /* "a senior diplomat": nobody in particular */
    if (role_like) {
        char *role = lower_copy(d, tk->v[s].s, tk->v[b].e);
        long e = resolve_role(c, role);
        free(role);
        if (e >= 0)
            return e;
        if (!any_cap || !(last->flags & TF_CAP))
            return -1;
    }
    /* a name: register (links surname, title+surname, full names) */
    long e = register_run(c, s, b);
    if (e >= 0)
        return e;
    if (!any_cap)
        return -1;
    /* a single capitalised word nobody was registered under: an
     * institution or a place speaking ("Beijing said"), or a first name */
    while (s < b && !(tk->v[s].flags & TF_CAP))
        s++; /* "neighbouring Orvania" */
    if (s == b && !is_not_name(c, &tk->v[s]) && !is_title_word(c, &tk->v[s]))
        return person_entity(c, s, s, 0, tk->v[s].s); /* may be named in full later */
    return -1;
}

/* ---- finding the mention around a quotation ---------------------------------------- */

static size_t tok_at_or_after(const toks *tk, size_t off)
{
    size_t lo = 0, hi = tk->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (tk->v[mid].s < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool is_adverb(actx *c, const tok *t)
{
    return t->type == T_WORD && (tcls(c, t) & C_ADVERB);
}

/* The noun phrase that ends at token k (inclusive), going back: a name run,
 * a role NP with "the"/possessive, or a pronoun.  Sets *a. */
static bool np_before(actx *c, size_t lo, size_t k, size_t *a)
{
    const toks *tk = &c->tk;
    const ro_doc *d = c->d;
    if (k < lo || tk->v[k].type != T_WORD)
        return false;
    if (pronoun_of(c, &tk->v[k])) {
        *a = k;
        return true;
    }
    if (tcls(c, &tk->v[k]) & C_FN)
        return false;
    size_t s = k;
    int words = 0;
    while (s > lo && words < 9) {
        const tok *p = &tk->v[s - 1];
        if (p->type != T_WORD)
            break;
        if (is_verb(c, p) || pronoun_of(c, p) || (tcls(c, p) & C_NPSTOP))
            break;
        s--;
        words++;
        if (tok_is(d, &tk->v[s], "the") || tok_is(d, &tk->v[s], "a") || tok_is(d, &tk->v[s], "an"))
            break;
    }
    /* an NP must end in a name, a title or a noun; don't take bare lowercase runs
     * without a determiner unless short */
    *a = s;
    return true;
}

/* The noun phrase starting at token k going forward, up to a comma or the
 * end of the clause.  Sets *b. */
static bool np_after(actx *c, size_t k, size_t hi, size_t *b)
{
    const toks *tk = &c->tk;
    if (k >= hi || tk->v[k].type != T_WORD)
        return false;
    if (pronoun_of(c, &tk->v[k])) {
        *b = k;
        return true;
    }
    size_t e = k;
    /* a name ("Ms Rhee", "Wang Yi") runs over capitalised words only; a
     * description ("the Dalmorian minister") over lower-case ones too */
    bool name = (tk->v[k].flags & TF_CAP) && !tok_is(c->d, &tk->v[k], "the") && !(tk->v[k].flags & TF_POSS);
    while (e + 1 < hi && e - k < 8) {
        const tok *n = &tk->v[e + 1];
        if (n->type != T_WORD)
            break;
        if (tk->v[e].flags & TF_POSS && name)
            break;
        if (name && !(n->flags & (TF_CAP | TF_INITIAL)) && !is_particle(c, n) && !is_title_word(c, n))
            break;
        if ((tcls(c, n) & C_NPEND) || is_verb(c, n))
            break;
        e++;
    }
    *b = e;
    return true;
}

typedef struct {
    long ent;
    size_t ms, me;   /* mention span */
    const char *cue;
    bool found;      /* an attribution construction was found (even if unresolved) */
} attribution;

static const char *verb_cue(actx *c, const tok *t, ro_arena *arena)
{
    return ro_arena_strndup(arena, c->d->text + t->s, t->e - t->s);
}

static bool np_can_start(actx *c, const tok *t);

/* Subject before verb at index v (skipping adverbs and an apposition
 * ", a doctor,").  Fills at. */
static bool subject_before_verb(actx *c, size_t lo, size_t v, size_t para, long para_subject,
                                attribution *at)
{
    const toks *tk = &c->tk;
    size_t k = v;
    while (k > lo && is_adverb(c, &tk->v[k - 1]))
        k--;
    if (k == lo)
        return false;
    k--;
    /* "the late President Anna Veris, who described …": the phrase before "who" */
    if (tok_is(c->d, &tk->v[k], "who") && k >= lo + 2 && tk->v[k - 1].type == T_PUNCT && tk->v[k - 1].cp == ',') {
        size_t a2;
        if (tk->v[k - 2].type == T_WORD && np_before(c, lo, k - 2, &a2)) {
            at->found = true;
            at->ms = tk->v[a2].s;
            at->me = tk->v[k - 2].e;
            at->ent = resolve_tokens(c, a2, k - 2, para, para_subject);
            return true;
        }
    }
    /* "Mr Varga congratulated Ms Costin … and noted": the subject of the
     * coordinated verb is the clause's first noun phrase; so is the subject
     * of a participle after a comma ("Wang briefed Halas, saying that …") */
    const tok *vt = &tk->v[v];
    bool participle = vt->e - vt->s > 4 && !memcmp(c->d->text + vt->e - 3, "ing", 3) &&
                      tk->v[k].type == T_PUNCT && tk->v[k].cp == ',';
    if ((tok_is(c->d, &tk->v[k], "and") || tok_is(c->d, &tk->v[k], "but") || participle) && k > lo) {
        size_t f = lo, b;
        for (size_t g = lo; g < k && g < lo + 10; g++)
            if (tk->v[g].type == T_DASH) {
                f = g + 1; /* a dateline ends at its dash */
                break;
            }
        /* an opening phrase ("As director of the Institute, she …") ends at its comma */
        if (f < k && tk->v[f].type == T_WORD && !(tk->v[f].flags & TF_CAP && !is_not_name(c, &tk->v[f])) &&
            !pronoun_of(c, &tk->v[f]) && !tok_is(c->d, &tk->v[f], "the")) {
            size_t g = f;
            while (g < k && !(tk->v[g].type == T_PUNCT && tk->v[g].cp == ','))
                g++;
            if (g + 1 < k)
                f = g + 1;
        }
        if (np_can_start(c, &tk->v[f]) && np_after(c, f, k, &b) && b < k) {
            at->found = true;
            at->ms = tk->v[f].s;
            at->me = tk->v[b].e;
            at->ent = resolve_tokens(c, f, b, para, para_subject);
            return true;
        }
        return false;
    }
    /* apposition: NAME , a doctor , said — or: the ambassador , NAME , said */
    if (tk->v[k].type == T_PUNCT && tk->v[k].cp == ',') {
        size_t j = k;
        int steps = 0;
        while (j > lo && steps < 14) {
            j--;
            steps++;
            if (tk->v[j].type == T_PUNCT && tk->v[j].cp == ',')
                break;
        }
        if (!(j > lo && tk->v[j].type == T_PUNCT && tk->v[j].cp == ','))
            return false;
        const tok *f = &tk->v[j + 1];
        bool name_inside = (f->flags & TF_CAP) && !tok_is(c->d, f, "the") && !tok_is(c->d, f, "a") &&
                           !tok_is(c->d, f, "an") && !is_not_name(c, f) && !(f->flags & TF_POSS) &&
                           (tk->v[k - 1].flags & TF_CAP);
        if (name_inside) {
            at->found = true;
            at->ms = f->s;
            at->me = tk->v[k - 1].e;
            at->ent = resolve_tokens(c, j + 1, k - 1, para, para_subject);
            return true;
        }
        k = j - 1;
    }
    if (tk->v[k].type != T_WORD)
        return false;
    size_t a;
    if (!np_before(c, lo, k, &a))
        return false;
    /* "X of Montana said", "an official in the ministry in New Arden said":
     * the subject is the phrase before the prepositions */
    for (int hop = 0; hop < 3 && a > lo + 1; hop++) {
        const tok *p = &tk->v[a - 1];
        if (tok_is(c->d, p, "from") && a >= 2 && tk->v[a - 2].type == T_WORD &&
            (tok_is(c->d, &tk->v[a - 2], "statement") || tok_is(c->d, &tk->v[a - 2], "readout") ||
             tok_is(c->d, &tk->v[a - 2], "communiqué") || tok_is(c->d, &tk->v[a - 2], "report") ||
             tok_is(c->d, &tk->v[a - 2], "letter") || tok_is(c->d, &tk->v[a - 2], "release") ||
             tok_is(c->d, &tk->v[a - 2], "message") || tok_is(c->d, &tk->v[a - 2], "note")))
            break; /* "a statement from the Monitoring Network said": the Network */
        if (!(tok_is(c->d, p, "of") || tok_is(c->d, p, "in") || tok_is(c->d, p, "at") ||
              tok_is(c->d, p, "from") || tok_is(c->d, p, "for") || tok_is(c->d, p, "with")))
            break;
        size_t a2;
        if (tk->v[a - 2].type != T_WORD || !np_before(c, lo, a - 2, &a2))
            break;
        k = a - 2;
        a = a2;
    }
    at->found = true;
    at->ms = tk->v[a].s;
    at->me = tk->v[k].e;
    if (tok_is(c->d, &tk->v[a], "the") && a < k) {
        /* keep "the" out of the mention span for names, in for roles */
    }
    at->ent = resolve_tokens(c, a, k, para, para_subject);
    return true;
}

static bool np_can_start(actx *c, const tok *t)
{
    if (t->type != T_WORD)
        return false;
    return pronoun_of(c, t) || (t->flags & TF_CAP) || tok_is(c->d, t, "the") || tok_is(c->d, t, "a") ||
           tok_is(c->d, t, "an") || tok_is(c->d, t, "one") || tok_is(c->d, t, "another") ||
           tok_is(c->d, t, "his") || tok_is(c->d, t, "her") || tok_is(c->d, t, "their") ||
           tok_is(c->d, t, "its") || tok_is(c->d, t, "two") || tok_is(c->d, t, "some");
}

/* After a quotation, directly: "…," X said / said X / asked X / — X. */
static bool attribute_after(actx *c, size_t from, size_t hi, size_t para, long para_subject,
                            attribution *at, ro_arena *arena, bool ended_sentence)
{
    const toks *tk = &c->tk;
    size_t k = from;
    if (k < hi && tk->v[k].type == T_PUNCT && (tk->v[k].cp == ',' || tk->v[k].cp == ':'))
        k++;
    if (k >= hi)
        return false;
    /* dash attribution */
    if (tk->v[k].type == T_DASH && k + 1 < hi && tk->v[k + 1].type == T_WORD && np_can_start(c, &tk->v[k + 1])) {
        size_t b;
        if (np_after(c, k + 1, hi, &b)) {
            at->found = true;
            at->cue = "dash";
            at->ms = tk->v[k + 1].s;
            at->me = tk->v[b].e;
            at->ent = resolve_tokens(c, k + 1, b, para, para_subject);
            return true;
        }
    }
    /* a quotation that ended its sentence ("….”) is not attributed by
     * what follows, except by a dash */
    if (ended_sentence)
        return false;
    /* said X */
    size_t v = k;
    while (v < hi && is_adverb(c, &tk->v[v]))
        v++;
    if (v < hi && is_verb(c, &tk->v[v])) {
        size_t b, s = v + 1;
        /* "said party secretary Gregor Lenz": a lower-case title before a name */
        size_t cap = s;
        while (cap < hi && cap < s + 4 && tk->v[cap].type == T_WORD && !(tk->v[cap].flags & TF_CAP) &&
               !np_can_start(c, &tk->v[cap]))
            cap++;
        if (cap > s && cap < hi && (tk->v[cap].flags & TF_CAP) && tk->v[cap].type == T_WORD)
            s = cap;
        if (s < hi && np_can_start(c, &tk->v[s]) && np_after(c, s, hi, &b)) {
            at->found = true;
            at->cue = verb_cue(c, &tk->v[v], arena);
            at->ms = tk->v[s].s;
            at->me = tk->v[b].e;
            at->ent = resolve_tokens(c, s, b, para, para_subject);
            return true;
        }
    }
    /* X said: a noun phrase, maybe with an apposition, then the verb */
    if (!np_can_start(c, &tk->v[k]))
        return false;
    for (size_t j = k + 1; j < hi && j < k + 16; j++) {
        const tok *t = &tk->v[j];
        if (t->type == T_QUOTE || t->type == T_DASH ||
            (t->type == T_PUNCT && t->cp != ',' && t->cp != '.'))
            break;
        if (t->type == T_PUNCT && t->cp == '.' && !(tk->v[j - 1].flags & (TF_INITIAL | TF_ABBR)))
            break;
        if (is_verb(c, t)) {
            at->cue = verb_cue(c, t, arena);
            if (subject_before_verb(c, k, j, para, para_subject, at))
                return true;
            break;
        }
        if (t->type == T_WORD && (tok_is(c->d, t, "and") || tok_is(c->d, t, "but") || tok_is(c->d, t, "that") ||
                                  tok_is(c->d, t, "which") || tok_is(c->d, t, "who")))
            break;
        /* a quotation inside its sentence ("of “harassing” Ostravian trawlers near …")
         * is not attributed by a verb far after it */
        if (j >= k + 6 && !(from < hi && tk->v[from].type == T_PUNCT))
            break;
    }
    return false;
}

/* Before a quotation: X said: "…" / X said that … "…" / According to X, "…" */
static bool attribute_before(actx *c, size_t lo, size_t k, size_t para, long para_subject,
                             attribution *at, ro_arena *arena)
{
    const toks *tk = &c->tk;
    const ro_doc *d = c->d;
    /* the clause before the quotation: back to a sentence end or another mark */
    size_t s = k;
    while (s > lo) {
        const tok *t = &tk->v[s - 1];
        if (t->type == T_QUOTE && t->cp != 0x2019 && t->cp != '\'')
            break;
        if (t->type == T_PUNCT && (t->cp == '.' || t->cp == '?' || t->cp == '!' || t->cp == ';'))
            break;
        s--;
    }
    size_t last_verb = SIZE_MAX;
    for (size_t j = k; j-- > s;)
        if (is_verb(c, &tk->v[j])) {
            last_verb = j;
            break;
        }
    /* According to X, / In X's words, */
    for (size_t j = s; j + 2 < k; j++) {
        if (last_verb != SIZE_MAX && last_verb > j)
            continue; /* a reporting verb after it is closer to the quotation */
        if (tok_is(d, &tk->v[j], "according") && tok_is(d, &tk->v[j + 1], "to")) {
            size_t b;
            if (np_after(c, j + 2, k, &b)) {
                at->found = true;
                at->cue = "according to";
                at->ms = tk->v[j + 2].s;
                at->me = tk->v[b].e;
                at->ent = resolve_tokens(c, j + 2, b, para, para_subject);
                return true;
            }
        }
        if (tok_is(d, &tk->v[j], "in") && (tk->v[j + 1].flags & TF_POSS) && j + 2 < k &&
            tok_is(d, &tk->v[j + 2], "words")) {
            at->found = true;
            at->cue = "in the words of";
            at->ms = tk->v[j + 1].s;
            at->me = tk->v[j + 1].e;
            at->ent = resolve_tokens(c, j + 1, j + 1, para, para_subject);
            return true;
        }
    }
    /* the last reporting verb in the clause */
    for (size_t j = k; j-- > s;) {
        if (!is_verb(c, &tk->v[j]))
            continue;
        at->cue = verb_cue(c, &tk->v[j], arena);
        /* "TASS quoted Y. Ushakov as saying that …" */
        if (j >= s + 3 && tok_is(d, &tk->v[j - 1], "as")) {
            for (size_t q = j - 2; q > s && q + 10 > j; q--) {
                if (tok_is(d, &tk->v[q - 1], "quoted") && q <= j - 2) {
                    at->found = true;
                    at->ms = tk->v[q].s;
                    at->me = tk->v[j - 2].e;
                    at->ent = resolve_tokens(c, q, j - 2, para, para_subject);
                    return true;
                }
            }
        }
        /* "said X:" — inverted */
        if (j + 1 < k && (tk->v[j + 1].flags & TF_CAP) && !pronoun_of(c, &tk->v[j + 1]) &&
            !is_not_name(c, &tk->v[j + 1]) && !c->in_headline) {
            size_t b;
            if (np_after(c, j + 1, k, &b) &&
                (b + 1 == k || (b + 2 == k && tk->v[b + 1].type == T_PUNCT &&
                                (tk->v[b + 1].cp == ':' || tk->v[b + 1].cp == ',')))) {
                at->found = true;
                at->ms = tk->v[j + 1].s;
                at->me = tk->v[b].e;
                at->ent = resolve_tokens(c, j + 1, b, para, para_subject);
                return true;
            }
        }
        if (subject_before_verb(c, s, j, para, para_subject, at))
            return true;
        /* "As he put it" */
        break;
    }
    if (k > s && tk->v[k - 1].type == T_PUNCT && tk->v[k - 1].cp == ':' && k - 1 > s) {
        /* "Name: “…”" inside prose, or "the statement reads:" */
        at->cue = "colon";
    }
    return false;
}

/* The subject of the last reporting verb in the paragraph before offset
 * `before` (for "he" in the same paragraph). */
static long paragraph_subject(actx *c, size_t before, size_t para)
{
    const toks *tk = &c->tk;
    size_t k = tok_at_or_after(tk, before);
    size_t lo = k > 200 ? k - 200 : 0; /* bounded: linear time on huge paragraphs */
    for (size_t j = k; j-- > lo;) {
        if (!is_verb(c, &tk->v[j]) || j == 0)
            continue;
        attribution at = {-1, 0, 0, NULL, false};
        size_t s = j;
        while (s > 0 && !(tk->v[s - 1].type == T_PUNCT && (tk->v[s - 1].cp == '.' || tk->v[s - 1].cp == '?')))
            s--;
        if (subject_before_verb(c, s, j, para, -1, &at) && at.ent >= 0 && !pronoun_of(c, &tk->v[j - 1]))
            return at.ent;
    }
    return -1;
}

/* ---- kinds ------------------------------------------------------------------------------ */

static bool term_cue_before(actx *c, size_t lo, size_t k)
{
    const toks *tk = &c->tk;
    const ro_doc *d = c->d;
    if (k == lo)
        return false;
    const tok *p = &tk->v[k - 1];
    static const char *const cues[] = {"so-called", "dubbed", "titled", "entitled", "named", "nicknamed",
                                       "word", "words", "term", "phrase", "as", "labelled",
                                       "labeled", "branded", "slogan", "headline", "book", "film",
                                       "programme", "program", "show", "column", "banner", "called",
                                       "marked", "stamped", "known", "the", "a", "its", "his", "her",
                                       "their", "our", "of", NULL};
    for (size_t i = 0; cues[i]; i++)
        if (tok_is(d, p, cues[i]))
            return true;
    return false;
}

static int count_words(actx *c, size_t s, size_t e, bool *first_upper, bool *ends_sentence,
                       bool *all_cap)
{
    const ro_doc *d = c->d;
    int words = 0;
    bool in_word = false;
    *first_upper = false;
    *ends_sentence = false;
    *all_cap = true;
    int32_t lastp = 0;
    bool first_seen = false;
    for (size_t i = s; i < e;) {
        size_t l;
        int32_t cp = cp_at(d, i, &l);
        if (cp_word(cp)) {
            if (!in_word) {
                words++;
                if (!first_seen) {
                    *first_upper = ro_cp_is_upper(cp) || ro_cp_is_digit(cp);
                    first_seen = true;
                }
                if (ro_cp_is_lower(cp) && words > 0) {
                    /* small words may stay lower case in a title */
                    size_t j = i;
                    while (j < e && cp_letter(cp_at(d, j, &l)))
                        j += l;
                    if (j - i > 3)
                        *all_cap = false;
                    i = j;
                    in_word = true;
                    continue;
                }
            }
            in_word = true;
        } else {
            in_word = cp == '\'' || cp == 0x2019 || cp == '-';
            if (!cp_space(cp))
                lastp = cp;
        }
        if (cp_word(cp))
            lastp = 0;
        i += l;
    }
    *ends_sentence = lastp == '.' || lastp == '!' || lastp == '?' || lastp == 0x2026 || lastp == ',';
    return words;
}

/* ---- the pass ---------------------------------------------------------------------------- */

static void find_byline(actx *c)
{
    ro_doc *d = c->d;
    for (size_t p = 0; p < d->npara && p < 4; p++) {
        size_t lo = d->paras[p].start, hi = d->paras[p].end;
        if (hi - lo > 80 || hi - lo < 5)
            continue;
        if (!(d->text[lo] == 'B' && d->text[lo + 1] == 'y' && d->text[lo + 2] == ' '))
            continue;
        tokenize(d, c->wc, &c->abbr, lo + 3, hi, &c->tk);
        size_t e = 0;
        while (e + 1 < c->tk.n && c->tk.v[e + 1].type == T_WORD && (c->tk.v[e + 1].flags & (TF_CAP | TF_INITIAL)))
            e++;
        if (c->tk.n >= 2)
            c->byline = person_entity(c, 0, e, 0, lo);
        return;
    }
}

static long turn_speaker(actx *c, const ro_turn *t, long *interviewee)
{
    ro_doc *d = c->d;
    if (t->role == TURN_QUESTION)
        return -1;
    if (t->role == TURN_ANSWER)
        return *interviewee;
    tokenize(d, c->wc, &c->abbr, t->label.start, t->label.end, &c->tk);
    if (!c->tk.n)
        return -1;
    size_t b = c->tk.n - 1;
    long e = -1;
    if (b >= 1 || !(c->tk.v[0].flags & TF_ALLCAPS))
        e = register_run(c, 0, b);
    if (e < 0) {
        /* USHAKOV, HALE: match a surname case-insensitively */
        char *w = lower_copy(d, c->tk.v[b].s, c->tk.v[b].e);
        e = smap_get(&c->by_surname, w);
        if (e < 0) {
            /* a role label: "THE PRESIDENT", "Spokesperson" */
            long r = resolve_role(c, w);
            e = r >= 0 ? r : person_entity(c, b, b, 0, t->label.start);
        }
        free(w);
    }
    return e;
}

/* The person (not an organisation) `readout names` found in [s, e), or NULL. */
static const char *person_at(ro_doc *d, const ro_lexicon *lex, size_t s, size_t e)
{
    size_t nm, ne;
    const ro_mention *m = ro_doc_mentions(d, lex, &nm);
    const ro_entity *en = ro_doc_entities(d, lex, &ne);
    for (size_t i = 0; i < nm; i++) {
        if (m[i].span.start >= e)
            break;
        if (m[i].span.end > s && m[i].span.start <= s && m[i].span.end >= e && m[i].entity < ne &&
            en[m[i].entity].type == RO_ENT_PERSON)
            return en[m[i].entity].name;
    }
    return NULL;
}

/* Does the quotation's text end with a full stop (or an ellipsis)? */
static bool ends_with_stop(const ro_doc *d, size_t qs, size_t qe)
{
    size_t i = qe;
    while (i > qs) {
        size_t l;
        int32_t cp = ro_cp_before(d, i, &l);
        if (ro_cp_is_space(cp) || cp == ')' || cp == ']') {
            i -= l;
            continue;
        }
        return cp == '.' || cp == 0x2026;
    }
    return false;
}

/* The subject of the last sentence in tokens [lo, hi): "The Orvanian Foreign
 * Ministry put out a clarification:" — skipping an opening phrase
 * ("Halfway through the set, Vale stopped the band and spoke:"). */
static bool sentence_subject(actx *c, size_t lo, size_t hi, size_t para, long psub, attribution *at)
{
    const toks *tk = &c->tk;
    size_t f = hi;
    while (f > lo && !(tk->v[f - 1].type == T_PUNCT &&
                       (tk->v[f - 1].cp == '.' || tk->v[f - 1].cp == '?' || tk->v[f - 1].cp == '!') &&
                       !(f >= 2 && (tk->v[f - 2].flags & (TF_INITIAL | TF_ABBR)))))
        f--;
    const tok *t = &tk->v[f];
    bool good = t->type == T_WORD && (pronoun_of(c, t) || tok_is(c->d, t, "the") ||
                                      ((t->flags & TF_CAP) && !is_not_name(c, t)));
    /* "Halfway through the set, Vale …": a capital that only opens the sentence */
    if (good && (t->flags & TF_CAP) && f + 1 < hi && tk->v[f + 1].type == T_WORD &&
        !(tk->v[f + 1].flags & (TF_CAP | TF_INITIAL)) && !is_verb(c, &tk->v[f + 1]) &&
        !(t->flags & TF_POSS) && !tok_is(c->d, t, "the"))
        good = false;
    if (!good) {
        while (f < hi && !(tk->v[f].type == T_PUNCT && tk->v[f].cp == ','))
            f++;
        f++;
    }
    size_t b;
    if (f >= hi || !np_can_start(c, &tk->v[f]) || !np_after(c, f, hi, &b))
        return false;
    for (size_t g = f; g < b; g++)
        if ((tk->v[g].flags & TF_POSS) && (tk->v[g].flags & TF_CAP)) {
            b = g; /* "the Foreign Ministry’s version": the Ministry */
            break;
        }
    at->found = true;
    at->cue = "colon";
    at->ms = tk->v[f].s;
    at->me = tk->v[b].e;
    at->ent = resolve_tokens(c, f, b, para, psub);
    return at->ent >= 0;
}

/* Index of the turn quotation starting at off (quotations are sorted by start). */
static long turn_record(const ro_doc *d, size_t off)
{
    size_t lo = 0, hi = d->nquotes;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->quotes[mid].text.start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < d->nquotes && d->quotes[k].text.start == off; k++)
        if (d->quotes[k].kind == RO_Q_TURN)
            return (long)k;
    return -1;
}

/* Decide the kind of quotation qi once its attribution is known. */
static ro_quote_kind decide_kind(actx *c, const ro_quote *q, size_t lo, size_t lo_tok, size_t ot, bool ok,
                                 const attribution *at, bool prev_had, bool in_turn)
{
    const ro_doc *d = c->d;
    size_t qs = q->text.start, qe = q->text.end;
    bool first_upper, ends, all_cap;
    int words = count_words(c, qs, qe, &first_upper, &ends, &all_cap);
    const tok *pt = ot > 0 ? &c->tk.v[ot - 1] : NULL;
    bool after_colon = pt && pt->type == T_PUNCT && pt->cp == ':';
    bool after_comma = pt && pt->type == T_PUNCT && pt->cp == ',';
    bool starts_sentence = !pt || (pt->type == T_PUNCT && (pt->cp == '.' || pt->cp == '?' || pt->cp == '!')) ||
                           pt->type == T_DASH || qs <= lo + 4;
    bool trailing_clause = ok && at->ms >= qe;
    bool term_cue = pt && term_cue_before(c, lo_tok, ot) && !after_colon;
    bool has_speaker = ok && (at->ent >= 0 || at->cue);
    if (words == 0)
        return RO_Q_TERM;
    if (term_cue && !(first_upper && ends && words >= 4)) {
        if (tok_is(d, pt, "so-called") || tok_is(d, pt, "dubbed") || tok_is(d, pt, "titled") ||
            tok_is(d, pt, "entitled") || tok_is(d, pt, "nicknamed") || tok_is(d, pt, "word") ||
            tok_is(d, pt, "term") || tok_is(d, pt, "phrase"))
            return RO_Q_TERM;
        if (has_speaker && (!first_upper || tok_is(d, pt, "as") || tok_is(d, pt, "called")))
            return RO_Q_PARTIAL;
        return RO_Q_TERM;
    }
    if (first_upper && (after_colon || starts_sentence || (after_comma && (ok || prev_had)) ||
                        (trailing_clause && ends)))
        return RO_Q_FULL;
    if (!first_upper && after_comma && prev_had && ends && words >= 3)
        return RO_Q_FULL; /* the second half of a split quotation */
    if (first_upper && ends && words >= 4)
        return RO_Q_FULL;
    if (first_upper && all_cap && words <= 6 && !ends && !(c->in_headline && has_speaker))
        return RO_Q_TERM; /* a title in title case; in a title-case headline, words said */
    if (ok || in_turn)
        return RO_Q_PARTIAL;
    return words <= 3 ? RO_Q_TERM : RO_Q_PARTIAL;
}

typedef struct {
    long prev_in_para;
    bool prev_had;
    size_t prev_close_tok;
} para_state;

/* Attribute quotation qi, in paragraph p whose tokens are in c->tk. */
static void attribute_one(actx *c, size_t qi, size_t p, size_t lo, size_t hi, para_state *ps,
                          long turn_ent, size_t turn_end)
{
    ro_doc *d = c->d;
    ro_arena *arena = &d->arena;
    ro_quote *q = &d->quotes[qi];
    c->quote_ent[qi] = -1;
    size_t qs = q->text.start, qe = q->text.end;
    size_t open_tok = tok_at_or_after(&c->tk, qs);
    open_tok = open_tok > 0 ? open_tok - 1 : 0;
    size_t close_tok = tok_at_or_after(&c->tk, qe);
    bool same_para = qe <= hi;
    size_t after_from = close_tok + 1;
    size_t next_open = c->tk.n;
    for (size_t k = qi + 1; k < d->nquotes; k++) {
        if (d->quotes[k].kind == RO_Q_TURN || d->quotes[k].parent == (long)qi)
            continue;
        if (d->quotes[k].text.start >= hi)
            break;
        if (d->quotes[k].text.start > qe) {
            next_open = tok_at_or_after(&c->tk, d->quotes[k].text.start);
            next_open = next_open > 0 ? next_open - 1 : 0;
            break;
        }
    }
    size_t lo_tok = 0;
    if (ps->prev_close_tok && q->parent < 0)
        lo_tok = ps->prev_close_tok + 1;
    if (q->parent >= 0) {
        lo_tok = tok_at_or_after(&c->tk, d->quotes[q->parent].text.start);
        next_open = tok_at_or_after(&c->tk, d->quotes[q->parent].text.end);
    }
    if (open_tok > lo_tok + 60)
        lo_tok = open_tok - 60; /* bounded look-back: linear time on huge paragraphs */
    long psub = paragraph_subject(c, qs, p);
    attribution at = {-1, 0, 0, NULL, false};
    bool ok = false;
    if (same_para && after_from <= next_open)
        ok = attribute_after(c, after_from, next_open, p, psub, &at, arena, ends_with_stop(d, qs, qe));
    if (!ok && open_tok >= lo_tok)
        ok = attribute_before(c, lo_tok, open_tok, p, psub, &at, arena);
    if (!ok && open_tok > lo_tok + 1 && c->tk.v[open_tok - 1].type == T_PUNCT && c->tk.v[open_tok - 1].cp == ':')
        ok = sentence_subject(c, lo_tok, open_tok - 1, p, psub, &at); /* "Anna Petrova disagreed: “…”" */
    if (!ok && !same_para) {
        /* over several paragraphs: look after the close, in its paragraph */
        size_t lp = ro_doc_paragraph_at(d, qe);
        toks save = c->tk;
        c->tk = (toks){0};
        tokenize(d, c->wc, &c->abbr, qe, d->paras[lp].end, &c->tk);
        ok = attribute_after(c, 1, c->tk.n, lp, psub, &at, arena, ends_with_stop(d, qs, qe));
        free(c->tk.v);
        c->tk = save;
    }
    if (!ok && q->parent < 0 && qs <= lo + 4 && p > 0) {
        /* "X said in a statement:" closing the paragraph before */
        size_t plo = d->paras[p - 1].start, phi = d->paras[p - 1].end;
        if (phi > plo && d->text[phi - 1] == ':') {
            toks save = c->tk;
            c->tk = (toks){0};
            tokenize(d, c->wc, &c->abbr, plo, phi, &c->tk);
            size_t from = c->tk.n > 60 ? c->tk.n - 60 : 0;
            ok = c->tk.n > 1 && attribute_before(c, from, c->tk.n - 1, p - 1, psub, &at, arena);
            if (!ok && c->tk.n > 1)
                ok = sentence_subject(c, from, c->tk.n - 1, p - 1, psub, &at);
            free(c->tk.v);
            c->tk = save;
        }
    }
    bool in_turn = turn_ent >= 0 && qs < turn_end;
    bool verb_seen = at.cue != NULL && strcmp(at.cue, "colon") != 0;
    if (!ok && verb_seen && (ps->prev_in_para >= 0 || psub >= 0)) {
        /* "… and warned of “grave consequences”": the verb's subject is
         * the one of the clause before */
        ok = true;
        at.ent = ps->prev_in_para >= 0 ? ps->prev_in_para : psub;
    }
    if (ok && q->parent >= 0 && at.me > at.ms) {
        /* inside a quotation, "he" is the outer speaker's word for someone
         * else: only a name attributes an inner quotation */
        tok mt = {at.ms, at.me, T_WORD, 0, 0, 0};
        if (pronoun_of(c, &mt))
            at.ent = -1;
    }
    if (ok) {
        c->quote_ent[qi] = at.ent;
        q->cue = at.cue ? at.cue : "said";
        if (at.me > at.ms)
            q->mention = (ro_span){at.ms, at.me};
    } else if (q->parent < 0 && ps->prev_had && ps->prev_in_para >= 0) {
        c->quote_ent[qi] = ps->prev_in_para;
        q->cue = "continuation";
    } else if (q->parent < 0 && psub >= 0 && open_tok > 0 && c->tk.v[open_tok - 1].type == T_PUNCT &&
               (c->tk.v[open_tok - 1].cp == '.' || c->tk.v[open_tok - 1].cp == '?' ||
                c->tk.v[open_tok - 1].cp == '!')) {
        /* "Mr. Rubio said the call had lasted an hour. “We don’t agree …”" */
        c->quote_ent[qi] = psub;
        q->cue = "continuation";
    } else if (q->parent < 0 && qs <= lo + 4 && c->last_speaker >= 0 && c->last_speaker_para + 1 == p &&
               !in_turn) {
        /* a paragraph that opens with a quotation and names no one: the
         * previous speaker goes on */
        c->quote_ent[qi] = c->last_speaker;
        q->cue = "continuation";
    }
    q->kind = decide_kind(c, q, lo, lo_tok, open_tok, ok || verb_seen || c->quote_ent[qi] >= 0, &at,
                          ps->prev_had, in_turn);
    if (q->kind == RO_Q_TERM) {
        c->quote_ent[qi] = -1;
        q->cue = NULL;
        q->mention = (ro_span){0, 0};
    }
    if (q->parent < 0) {
        ps->prev_close_tok = close_tok < c->tk.n ? close_tok : ps->prev_close_tok;
        if (c->quote_ent[qi] >= 0 && q->mention.end > q->mention.start)
            c->ents[c->quote_ent[qi]].spoke = true;
        if (c->quote_ent[qi] >= 0) {
            ps->prev_in_para = c->quote_ent[qi];
            ps->prev_had = true;
            c->last_speaker = c->quote_ent[qi];
            c->last_speaker_para = ro_doc_paragraph_at(d, qe);
        }
    }
}

void ro_attribute(ro_doc *d, const ro_lexicon *lex, const ro_turn *turns, size_t nturns)
{
    actx c = {0};
    c.d = d;
    c.lex = lex;
    c.wc = ro_lexicon_wordclass(lex, class_spec, sizeof class_spec / sizeof class_spec[0]);
    abbr_shape_init(&c.abbr);
    c.last_speaker = -1;
    c.byline = -1;
    c.prev_para_person = -1;
    c.quote_ent = ro_xmalloc((d->nquotes + 1) * sizeof *c.quote_ent);
    for (size_t k = 0; k <= d->nquotes; k++)
        c.quote_ent[k] = -1;
    find_byline(&c);

    /* A headline's quotations are attributed last, when the body has named
     * everyone ("Kremlin aide calls talks ‘useful’"). */
    size_t headline_end = 0;
    if (d->npara > 3 && d->paras[0].end - d->paras[0].start < 200) {
        const char *s0 = d->text + d->paras[0].start;
        size_t n0 = d->paras[0].end - d->paras[0].start;
        char lastc = s0[n0 - 1];
        if (lastc != '.' && !memchr(s0, '\n', n0))
            headline_end = d->paras[0].end;
    }

    size_t qi = 0, ti = 0;
    long turn_ent = -1;
    size_t turn_end = 0;
    long interviewee = -1;
    bool interviewee_sought = false;
    for (size_t p = 0; p < d->npara; p++) {
        size_t lo = d->paras[p].start, hi = d->paras[p].end;
        size_t body = lo;
        if (ti < nturns && turns[ti].para == p) {
            if (interviewee < 0 && !interviewee_sought) {
                interviewee_sought = true;
                /* the interviewee: the latest person named before the first answer */
                for (size_t i = c.nents; i-- > 0;)
                    if (c.ents[i].person && (long)i != c.byline) {
                        interviewee = (long)i;
                        break;
                    }
            }
            turn_ent = turn_speaker(&c, &turns[ti], &interviewee);
            turn_end = turns[ti].text.end;
            body = turns[ti].text.start < hi ? turns[ti].text.start : hi;
            long k = turn_record(d, turns[ti].text.start);
            if (k >= 0) {
                c.quote_ent[k] = turn_ent;
                d->quotes[k].mention = turns[ti].label;
            }
            ti++;
        } else if (lo >= turn_end) {
            turn_ent = -1;
        }
        c.npm = 0;
        tokenize(d, c.wc, &c.abbr, body, hi, &c.tk);
        register_names(&c);
        para_state ps = {-1, false, 0};
        for (; qi < d->nquotes && d->quotes[qi].text.start < hi; qi++) {
            if (d->quotes[qi].kind == RO_Q_TURN || d->quotes[qi].text.start < headline_end)
                continue;
            attribute_one(&c, qi, p, lo, hi, &ps, turn_ent, turn_end);
        }
        for (size_t i = c.npm; i-- > 0;)
            if (c.ents[c.pm[i].ent].person) {
                c.prev_para_person = c.pm[i].ent;
                break;
            }
    }
    if (headline_end) {
        size_t lo = d->paras[0].start, hi = d->paras[0].end;
        c.npm = 0;
        c.last_speaker = -1;
        c.in_headline = true;
        tokenize(d, c.wc, &c.abbr, lo, hi, &c.tk);
        para_state ps = {-1, false, 0};
        for (size_t k = 0; k < d->nquotes && d->quotes[k].text.start < hi; k++)
            if (d->quotes[k].kind != RO_Q_TURN)
                attribute_one(&c, k, 0, lo, hi, &ps, -1, 0);
    }
    /* names, now that every full name has been seen: the longest full name
     * the attributor saw; where it saw only one word ("Ushakov"), the
     * canonical name `readout names` gives the same person, if that is the
     * same word with a first name before it */
    for (size_t k = 0; k < d->nquotes; k++) {
        ro_quote *q = &d->quotes[k];
        long e = c.quote_ent[k];
        if (e < 0) {
            /* a role the attributor could not place ("Putin's foreign
             * affairs adviser") may be one the name finder linked */
            q->speaker = NULL;
            if (q->kind != RO_Q_TERM && q->mention.end > q->mention.start && q->parent < 0) {
                tok mt = {q->mention.start, q->mention.end, T_WORD, 0, 0, 0};
                size_t l;
                if (!pronoun_of(&c, &mt) && ro_cp_is_lower(ro_cp_before(d, q->mention.end, &l)))
                    q->speaker = person_at(d, lex, q->mention.start, q->mention.end);
            }
            continue;
        }
        const char *own = c.ents[e].name;
        const char *canon = NULL;
        if (strchr(own, ' ')) {
            q->speaker = ro_arena_strndup(&d->arena, own, strlen(own));
            continue;
        }
        if (q->mention.end > q->mention.start) {
            tok mt = {q->mention.start, q->mention.end, T_WORD, 0, 0, 0};
            if (!pronoun_of(&c, &mt))
                canon = ro_names_canonical_at(d, lex, q->mention.start, q->mention.end);
        }
        if (!canon)
            canon = ro_names_resolve(d, lex, own, strlen(own), q->mention.end > q->mention.start ? q->mention.end : q->text.start);
        /* the two readings agree but for length: a surname alone here, the
         * full name there ("Ushakov" → "Yury Ushakov") */
        if (canon) {
            size_t lo = strlen(own), lc = strlen(canon);
            if (!(lc > lo && canon[lc - lo - 1] == ' ' && !strcmp(canon + lc - lo, own)))
                canon = NULL;
        } else {
            canon = NULL;
        }
        q->speaker = canon ? canon : ro_arena_strndup(&d->arena, own, strlen(own));
    }
    for (size_t i = 0; i < c.nents; i++) {
        free(c.ents[i].name);
        free(c.ents[i].surname);
        free(c.ents[i].first);
        for (size_t r = 0; r < c.ents[i].nroles; r++)
            free(c.ents[i].roles[r]);
        free(c.ents[i].roles);
    }
    free(c.ents);
    smap_free(&c.by_surname);
    smap_free(&c.by_first);
    smap_free(&c.by_org);
    free(c.with_roles);
    free(c.pm);
    free(c.tk.v);
    free(c.quote_ent);
}
