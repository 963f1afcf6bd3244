/* names.h: private interface of the name finder (find_names.c) and the
 * linker (link_names.c), and the two look-ups the speaker attributor uses. */
#ifndef READOUT_NAMES_H
#define READOUT_NAMES_H

#include "tokens.h"

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
    NW_MIXED_SEEN = 1 << 17, /* ... and one in mixed case (Nato) */
    NW_MALE = 1 << 18,     /* a given name usually a man's (first_names) */
    NW_FEMALE = 1 << 19,   /* ... a woman's */
    NW_PLACEHEAD = 1 << 20 /* a place word that is no surname (Memorial, Airport): a place after a given name too */
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
/* The key of a given name or a surname that all its spellings share
 * (name_variants: "sergey" -> "sergei"; surname endings "zelenskyy" ->
 * "zelensky", "dmitriyev" -> "dmitrev"), rewritten in place in key[0..kl)
 * (cap bytes).  Returns the new length (kl when nothing applies). */
size_t nl_given_key(const nl_lex *L, char *key, size_t kl, size_t cap);
size_t nl_surname_key(const nl_lex *L, char *key, size_t kl, size_t cap);
/* Normalise s[0..n) for look-up into out (lower case, ’ → ', soft hyphens
 * and zero-width characters dropped).  Returns the length; 0 if too long. */
size_t nl_norm(const char *s, size_t n, char *out, size_t outsz);

/* ---- tokens and candidate mentions ----------------------------------------- */

typedef ro_tok nm_tok; /* the document's tokens (tokens.h) */

enum { MK_NAME, MK_ROLE, MK_ORG, MK_GAZ, MK_OTHER };

typedef struct {
    uint32_t s, e;         /* span in bytes (a document is under 4 GiB) */
    uint32_t t0, t1;       /* tokens of the mention */
    uint32_t n0, n1;       /* name tokens (persons); n0 == n1 when none */
    int kind;              /* MK_* */
    int type;              /* ro_entity_type */
    bool titled, weak, label, vocative, headline;
    bool strict;           /* role: a lower-case title after a possessive ("Obama's chief of staff"),
                            * linked only to a name beside it */
    bool split;            /* made into other mentions (two glued surnames): no mention itself */
    const char *gcanon;    /* gazetteer canonical */
    const char *head;      /* title / role head word ("" when none; the lexicon's) */
    const char *ohead;     /* organisation before the title ("kremlin" in "Kremlin spokesman"; "" when
                            * none; the document's arena) */
    int32_t bind;          /* role: candidate it is bound to (appositive), or -1 */
    int32_t possessor;     /* role: the possessor's end token, or -1 */
    int32_t entity;
    const char *form;
} nm_cand;
_Static_assert(sizeof(nm_cand) <= 96, "a candidate mention is small (the memory bound per document)");

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
