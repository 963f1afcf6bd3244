/* names.h: private interface of the name finder (find_names.c) and the
 * linker (link_names.c), and the two look-ups the speaker attributor uses. */
#ifndef READOUT_NAMES_H
#define READOUT_NAMES_H

#include "internal.h"

/* ---- for the attributor ---------------------------------------------------- */

/* The canonical name of the person or organisation entity one of whose
 * mentions overlaps [start, end), or NULL.  Owned by doc. */
const char *ro_names_canonical_at(ro_doc *doc, const ro_lexicon *lex, size_t start, size_t end);
/* Given a written name s[0..n) ("Ushakov", "Mr Witkoff", "the Kremlin
 * spokesman") that appears before offset `before`, the canonical name of
 * the person or organisation it links to, or NULL.  Owned by doc. */
const char *ro_names_resolve(ro_doc *doc, const ro_lexicon *lex, const char *s, size_t n,
                             size_t before);

/* ---- word information compiled from the lists ------------------------------- */

enum {
    NW_FIRST = 1 << 0,     /* a given name */
    NW_SFIRST = 1 << 1,    /* a family name written first (Wang Yi) */
    NW_ORGW = 1 << 2,      /* makes a sequence an organisation (Ministry) */
    NW_PLACEW = 1 << 3,    /* ... a place (Strait) */
    NW_OTHERW = 1 << 4,    /* ... another kind of name (Accords) */
    NW_PARTICLE = 1 << 5,  /* van, der, bin, al */
    NW_STOP = 1 << 6,      /* common word, not a name on its own */
    NW_ROLE = 1 << 7,      /* role noun after a possessive (aide) */
    NW_REPORT = 1 << 8,    /* reporting verb (said) */
    NW_PREFIX = 1 << 9,    /* a proper prefix of a longer phrase */
    NW_HONORIFIC = 1 << 10,
    NW_TITLE = 1 << 11,
    NW_GAZ = 1 << 12,      /* gazetteer phrase: see gaz */
    NW_DEMONYM = 1 << 13,
    NW_ALIAS = 1 << 14,
    NW_COMMON = 1 << 15,   /* common capitalised word of titles and headings (Foreign, Federal) */
    NW_CAPS_SEEN = 1 << 16, /* a gazetteer phrase with this key is written in capitals (UN, WHO) */
    NW_MIXED_SEEN = 1 << 17 /* ... and one in mixed case (Nato) */
};

typedef struct {
    unsigned words;      /* NW_* */
    unsigned char gaz;   /* ro_entity_type when NW_GAZ */
    const char *canon;   /* gazetteer canonical name */
    const char *alias;   /* alias: canonical name */
    const char *head;    /* a title's head word ("minister"), lower case */
} nl_info;

typedef struct nl_lex nl_lex;
/* The compiled lists, cached in the lexicon. */
const nl_lex *ro_names_lex(const ro_lexicon *lex);
/* Information on a normalised phrase (lower case, tokens joined by one space). */
const nl_info *nl_get(const nl_lex *L, const char *key, size_t n);
/* Normalise s[0..n) for look-up into out (lower case, ’ → ', soft hyphens
 * and zero-width characters dropped).  Returns the length; 0 if too long. */
size_t nl_norm(const char *s, size_t n, char *out, size_t outsz);

/* ---- tokens and candidate mentions ----------------------------------------- */

enum {
    T_CAP = 1 << 0, T_ALLCAP = 1 << 1, T_LOW = 1 << 2, T_NUM = 1 << 3, T_INIT = 1 << 4,
    T_POSS = 1 << 5, T_SENT0 = 1 << 6, T_HEAD = 1 << 7, T_ADJ = 1 << 8, T_LINE0 = 1 << 9,
    T_LABEL = 1 << 10, T_BYLINE = 1 << 11, T_COMMA = 1 << 12 /* ',' right after */,
    T_PAREN = 1 << 13 /* '(' right before */,
    T_AMP = 1 << 14 /* joined to the previous word by '&' */,
    T_WDONE = 1 << 15 /* w has been looked up */,
    T_NOLOWER = 1 << 16 /* capitalised with no lower-case letter: UN, G20, U.S., Y. */
};

typedef struct {
    size_t s, e;   /* bytes, without a possessive 's */
    size_t ge;     /* end with the possessive 's */
    unsigned f;    /* T_* */
    unsigned w;    /* NW_* of the single word */
    uint64_t h;    /* hash of the normalised word (with T_WDONE), never 0 */
} nm_tok;

enum { MK_NAME, MK_ROLE, MK_ORG, MK_GAZ, MK_OTHER };

typedef struct {
    size_t s, e;           /* span in bytes */
    size_t t0, t1;         /* tokens of the mention */
    size_t n0, n1;         /* name tokens (persons); n0 == n1 when none */
    int kind;              /* MK_* */
    int type;              /* ro_entity_type */
    bool titled, weak, label, vocative, headline;
    const char *gcanon;    /* gazetteer canonical */
    char head[32];         /* title / role head word */
    char ohead[40];        /* organisation before the title ("kremlin" in "Kremlin spokesman") */
    long bind;             /* role: candidate it is bound to (appositive), or -1 */
    long possessor;        /* role: the possessor's end token, or -1 */
    long entity;
    const char *form;
} nm_cand;

typedef struct {
    nm_tok *tok;
    size_t ntok;
    nm_cand *c;
    size_t nc, capc;
} nm_found;

/* find_names.c: tokens and candidate mentions, in text order. */
void ro_names_find(ro_doc *doc, const nl_lex *L, nm_found *out);

/* link_names.c frees the per-document state. */
void ro_names_free(ro_doc *doc);

#endif
