/* internal.h: private helpers shared by the library's stages. */
#ifndef READOUT_INTERNAL_H
#define READOUT_INTERNAL_H

#include "readout.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- memory: abort loudly on exhaustion --------------------------------- */

void *ro_xmalloc(size_t n);
void *ro_xcalloc(size_t n, size_t size);
void *ro_xrealloc(void *p, size_t n);
char *ro_xstrdup(const char *s);
char *ro_xstrndup(const char *s, size_t n);

/* Grow a dynamic array: ptr, len, cap are lvalues. */
#define RO_PUSH(ptr, len, cap, value)                                                    \
    do {                                                                                 \
        if ((len) == (cap)) {                                                            \
            (cap) = (cap) ? (cap) * 2 : 16;                                              \
            (ptr) = ro_xrealloc((ptr), (cap) * sizeof(*(ptr)));                          \
        }                                                                                \
        (ptr)[(len)++] = (value);                                                        \
    } while (0)

/* ro_doc_new without the copy: the document takes bytes (malloc'd; its
 * size is fitted to len + 1) on success; on failure bytes stay the caller's. */
ro_doc *ro_doc_take(char *bytes, size_t len, const ro_meta *meta, int flags, ro_error *err);

/* The largest document plus one: offsets of tokens are 32-bit. */
#define RO_DOC_MAX ((size_t)UINT32_MAX)

/* A per-document arena: everything a document's analysis allocates. */
typedef struct ro_arena_block ro_arena_block;
typedef struct {
    ro_arena_block *head;
} ro_arena;

void *ro_arena_alloc(ro_arena *a, size_t n);
char *ro_arena_strndup(ro_arena *a, const char *s, size_t n);
void ro_arena_free(ro_arena *a);

/* A growable byte buffer. */
typedef struct {
    char *data;
    size_t len, cap;
} ro_buf;

void ro_buf_reserve(ro_buf *b, size_t extra);
void ro_buf_put(ro_buf *b, const char *s, size_t n);
void ro_buf_puts(ro_buf *b, const char *s);
void ro_buf_putc(ro_buf *b, char c);
void ro_buf_printf(ro_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ro_buf_free(ro_buf *b);

void ro_set_error(ro_error *err, ro_status code, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- UTF-8 -------------------------------------------------------------- */

/* Length of the valid UTF-8 prefix of s (stops at the first invalid byte;
 * NUL counts as valid here). */
size_t ro_utf8_valid_prefix(const unsigned char *s, size_t n);
/* Decode one code point at s[i] (i < n).  Sets *len (>= 1).  Invalid bytes
 * decode as U+FFFD with length 1. */
int32_t ro_utf8_decode(const unsigned char *s, size_t n, size_t i, size_t *len);
/* Decode the code point that ends just before s[i] (i > 0).  Sets *len. */
int32_t ro_utf8_decode_prev(const unsigned char *s, size_t i, size_t *len);
int ro_utf8_encode(int32_t cp, char out[4]);

bool ro_cp_is_letter(int32_t cp);
bool ro_cp_is_upper(int32_t cp);
bool ro_cp_is_lower(int32_t cp);
bool ro_cp_is_digit(int32_t cp);
bool ro_cp_is_space(int32_t cp); /* includes NBSP, zero-width space, soft hyphen */
bool ro_cp_is_dash(int32_t cp);
int32_t ro_cp_tolower(int32_t cp);

/* Scanning eight bytes at a time: is any byte of x zero? (the test may
 * also fire for a byte above a zero one, so it only says where to look) */
#define RO_ONES8 0x0101010101010101ULL
#define RO_HIGH8 0x8080808080808080ULL
static inline bool ro_has_zero8(uint64_t x)
{
    return ((x - RO_ONES8) & ~x & RO_HIGH8) != 0;
}
static inline uint64_t ro_load8(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/* ---- documents ---------------------------------------------------------- */

struct ro_doc {
    char *text; /* original bytes, NUL-terminated copy */
    size_t len;
    ro_meta meta;
    size_t replaced;
    ro_arena arena;
    /* stance markers (find_stance.c) */
    bool stanced;
    ro_marker *markers;
    size_t nmarkers;

    bool segmented;
    ro_span *paras;
    size_t npara;
    ro_span *sents;
    size_t nsent;
    ro_link *links; /* a web page's links, in the arena (doc_links.c) */
    size_t nlinks;

    bool quoted;
    ro_quote *quotes;
    size_t nquotes;

    /* tokens (tokens.c): cut once, read by every stage */
    bool tokenized;
    struct ro_tok *tok;
    size_t ntok;

    /* names (find_names.c, link_names.c) */
    struct ro_names_priv *names;
};

void ro_doc_segment(ro_doc *doc);
void ro_names_free(ro_doc *doc); /* link_names.c */

/* ---- word lists ----------------------------------------------------------- */

/* The largest weight a list may give: sums of weights stay finite. */
#define RO_WEIGHT_MAX 1e6

typedef struct {
    const char *list;     /* e.g. "reporting_verbs" (from the file name) */
    const char *category; /* first column */
    const char *phrase;   /* second column, as written */
    double weight;        /* finite, within ±RO_WEIGHT_MAX (checked on loading) */
    const char *note;
    const char *origin;   /* file it came from */
} ro_lex_entry;

struct ro_lexicon {
    /* phrase matchers built on demand (match.c), one per list name */
    struct ro_matcher **matchers;
    size_t nmatchers, capmatchers;
    ro_lex_entry *entries;
    size_t n, cap;
    ro_arena arena;
    /* compiled name lists (find_names.c), dropped when a list changes */
    void *names_cache;
    void (*names_cache_free)(void *);
    void *model_cache; /* scoring models (rank.c), dropped when a list changes */
    void (*model_cache_free)(void *);
    struct ro_catmap **catmaps; /* a word's category in a list, compiled on demand */
    size_t ncatmaps, capcatmaps;
    struct ro_wordclass **classes; /* compiled on demand */
    size_t nclasses, capclasses;
};

/* Entries of one list. Calls fn for each; stops early if fn returns non-zero. */
typedef int (*ro_lex_visit)(const ro_lex_entry *e, void *ctx);
void ro_lexicon_each(const ro_lexicon *lex, const char *list, ro_lex_visit fn, void *ctx);

/* Word classes: several lists folded into one map from a word to a bit
 * mask, so a stage looks each word up once.  A spec names, for each bit,
 * a list (or "NAME:words") and optionally one category of it, or a
 * NULL-terminated array of built-in words.  Built on first use and cached
 * on the lexicon, keyed by the spec's address. */
typedef struct {
    const char *list;            /* or NULL for builtin */
    const char *category;        /* or NULL for every entry */
    const char *const *builtin;  /* built-in words (lower case) */
    uint32_t bit;
} ro_class_spec;

/* The category of the first entry of `list` whose phrase is the word
 * s[0..n) (case folded): a reporting verb's lemma.  NULL when none. */
const char *ro_lexicon_category(const ro_lexicon *lex, const char *list, const char *s, size_t n);

typedef struct ro_wordclass ro_wordclass;
const ro_wordclass *ro_lexicon_wordclass(const ro_lexicon *lex, const ro_class_spec *spec, size_t n);
uint32_t ro_wordclass_get(const ro_wordclass *wc, const char *s, size_t n);

/* ---- embedded data ------------------------------------------------------- */
#include "embedded.h"

#endif
