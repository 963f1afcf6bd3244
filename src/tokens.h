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
    size_t s, e;   /* bytes, without a possessive 's */
    size_t ge;     /* end with the possessive 's */
    unsigned f;    /* T_* */
    unsigned w;    /* NW_* of the single word (names.h), with T_WDONE */
    uint64_t h;    /* hash of the normalised word (with T_WDONE), never 0 */
    uint32_t a;    /* attribution's word classes (attr.h), A_UNSET until looked up */
} ro_tok;

/* Cut text[0..n) (NUL-terminated) into tokens: a malloc'd array. */
void ro_tokenize(const char *text, size_t n, ro_tok **out, size_t *count);

/* The document's tokens, cut on first use; owned by doc. */
const ro_tok *ro_doc_tokens(ro_doc *doc, size_t *count);

#endif
