/* tokens.h: the token layer of a document (tokens.c), computed once and
 * shared by every stage: names, attribution, stance. */
#ifndef READOUT_TOKENS_H
#define READOUT_TOKENS_H

#include "internal.h"

enum {
    T_CAP = 1 << 0, T_ALLCAP = 1 << 1, T_LOW = 1 << 2, T_NUM = 1 << 3, T_INIT = 1 << 4,
    T_POSS = 1 << 5, T_SENT0 = 1 << 6, T_HEAD = 1 << 7, T_ADJ = 1 << 8, T_LINE0 = 1 << 9,
    T_LABEL = 1 << 10, T_BYLINE = 1 << 11, T_COMMA = 1 << 12 /* ',' right after */,
    T_PAREN = 1 << 13 /* '(' right before */,
    T_AMP = 1 << 14 /* joined to the previous word by '&' */,
    T_WDONE = 1 << 15 /* w has been looked up */,
    T_NOLOWER = 1 << 16 /* capitalised with no lower-case letter: UN, G20, U.S., Y. */
};

typedef struct ro_tok {
    uint32_t s, e; /* bytes, without a possessive 's (a document is under 4 GiB: ro_doc_new) */
    uint32_t ge;   /* end with the possessive 's */
    unsigned f;    /* T_* */
    unsigned w;    /* NW_* of the single word (names.h), with T_WDONE */
    uint32_t a;    /* attribution's word classes (attr.h), A_UNSET until looked up */
    uint64_t h;    /* hash of the normalised word (with T_WDONE), never 0 */
} ro_tok;
_Static_assert(sizeof(ro_tok) == 32, "a token is 32 bytes (the memory bound per document counts on it)");

/* The r < 8 bytes at p as the low bytes of a word, the rest zero (as
 * memcpy into a zeroed uint64_t), in loads of 4, 2 and 1: no byte beyond
 * p + r is read. */
static inline uint64_t ro_load_tail(const void *vp, size_t r)
{
    const unsigned char *p = vp;
    uint64_t c = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t off = 0;
    if (r & 4) {
        uint32_t v;
        memcpy(&v, p, 4);
        c = v;
        off = 4;
    }
    if (r & 2) {
        uint16_t v;
        memcpy(&v, p + off, 2);
        c |= (uint64_t)v << (8 * off);
        off += 2;
    }
    if (r & 1)
        c |= (uint64_t)p[off] << (8 * off);
#else
    unsigned char b[8] = {0};
    for (size_t x = 0; x < r; x++)
        b[x] = p[x];
    memcpy(&c, b, 8);
#endif
    return c;
}

/* ... and stored: the low r bytes of c to p. */
static inline void ro_store_tail(void *vp, uint64_t c, size_t r)
{
    unsigned char *p = vp;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t off = 0;
    if (r & 4) {
        uint32_t v = (uint32_t)c;
        memcpy(p, &v, 4);
        off = 4;
    }
    if (r & 2) {
        uint16_t v = (uint16_t)(c >> (8 * off));
        memcpy(p + off, &v, 2);
        off += 2;
    }
    if (r & 1)
        p[off] = (unsigned char)(c >> (8 * off));
#else
    unsigned char b[8];
    memcpy(b, &c, 8);
    for (size_t x = 0; x < r; x++)
        p[x] = b[x];
#endif
}

/* Cut text[0..n) (NUL-terminated) into tokens: a malloc'd array. */
void ro_tokenize(const char *text, size_t n, ro_tok **out, size_t *count);

/* The document's tokens, cut on first use; owned by doc. */
const ro_tok *ro_doc_tokens(ro_doc *doc, size_t *count);

#endif
