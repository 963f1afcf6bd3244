/* rank.h: linear scoring models read from word lists (rank.c).
 *
 * A model is a list of weighted features: the lines of the "speaker_model"
 * word list (data/speaker_model.tsv) whose category is the model's name,
 * "phrase" the feature ("side=after|verb=say") and weight its weight.
 * The weights are learned from a real corpus by tools/train_speaker.c; a
 * user's word list may add or override features.  A candidate's score is
 * the sum of the weights of its features; the candidate with the highest
 * score wins.  Features are strings built in a small buffer and hashed, so
 * a model is one hash table look-up a feature.
 */
#ifndef READOUT_RANK_H
#define READOUT_RANK_H

#include "internal.h"

typedef struct ro_model ro_model;

/* The model of that name in the lexicon's "speaker_model" list (built on
 * first use and cached on the lexicon); an empty model when none. */
const ro_model *ro_model_get(const ro_lexicon *lex, const char *name);
double ro_model_weight(const ro_model *m, const char *feat, size_t n);
bool ro_model_empty(const ro_model *m); /* no weights (or no model) */

/* For training: a model held in memory and changed in place. */
ro_model *ro_model_new(void);
void ro_model_free(ro_model *m);
/* Add delta to the weight of feat (made when absent); returns its slot. */
double *ro_model_slot(ro_model *m, const char *feat, size_t n);
/* Each feature and weight, in no particular order. */
typedef void (*ro_model_visit)(const char *feat, double w, void *ctx);
void ro_model_each(const ro_model *m, ro_model_visit fn, void *ctx);

/* A model's table as attribution reads it: the hash of each feature and
 * its weight, 16 bytes a slot, open addressing (rank.c). */
typedef struct {
    uint64_t h; /* 0: empty */
    double w;
} ro_wslot;

/* Collecting the features of one candidate: the score, and when `keep` is
 * set the feature strings themselves (for the trainer and for --explain). */
typedef struct {
    const ro_model *m;
    const ro_wslot *tab; /* the model's table, and its size - 1 */
    size_t mask;
    double score;
    bool keep;
    ro_buf feats; /* NUL-separated feature strings when keep */
    size_t nfeats;
} ro_fx;

void ro_fx_reset(ro_fx *fx, const ro_model *m, bool keep);
void ro_fx_free(ro_fx *fx);
/* Add the feature made of the parts (NULL-terminated) written one after
 * the other: ro_fx_add(fx, "side=", side, "|verb=", lemma, NULL).  The
 * parts alternate: string literals (first, third, ...: their hashes are
 * kept by address) and values (second, fourth, ...: any string). */
void ro_fx_add(ro_fx *fx, const char *first, ...);

/* A feature's hash is the polynomial hash of its bytes (h = h * P + byte,
 * modulo 2^64), then mixed (ro_fx_mix).  The hash of a concatenation is
 * made from its parts' (h(ab) = h(a) * P^|b| + h(b)), so a feature is
 * hashed from its parts with no copy: a literal part's hash and P^|lit|
 * are constants the compiler folds (RO_FX_LIT, literals of up to 24
 * bytes), and a value part (ro_fv) is hashed once, wherever it is used. */
#define RO_FX_POLY 0x100000001B3ULL

typedef struct {
    const char *s;
    uint64_t h, pw; /* hash of s, and RO_FX_POLY to the power of its length */
} ro_fv;

static inline ro_fv ro_fv_of(const char *s)
{
    ro_fv v = {s, 0, 1};
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        v.h = v.h * RO_FX_POLY + *u;
        v.pw *= RO_FX_POLY;
    }
    return v;
}

static inline uint64_t ro_fx_cat(uint64_t h, ro_fv v)
{
    return h * v.pw + v.h;
}

static inline uint64_t ro_fx_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    return h ? h : 1;
}

/* Add the weight of the feature of (unmixed) hash h. */
static inline void ro_fx_put(ro_fx *fx, uint64_t h)
{
    h = ro_fx_mix(h);
    for (size_t j = h & fx->mask;; j = (j + 1) & fx->mask) {
        if (fx->tab[j].h == h) {
            fx->score += fx->tab[j].w;
            return;
        }
        if (!fx->tab[j].h)
            return;
    }
}

/* The hash of a string literal's bytes appended to h, folded to h * C1 + C2. */
#define RO_FX_LN(s) (sizeof("" s "") - 1 + 0 * sizeof(char[sizeof(s) <= 25 ? 1 : -1]))
#define RO_FX_LC(s, i) ((i) < RO_FX_LN(s) ? (uint64_t)(unsigned char)(s)[(i) < RO_FX_LN(s) ? (i) : 0] : 0)
#define RO_FX_LM(s, i) ((i) < RO_FX_LN(s) ? RO_FX_POLY : 1)
#define RO_FX_LS(h, s, i) ((h) * RO_FX_LM(s, i) + RO_FX_LC(s, i))
#define RO_FX_LH8(h, s, b)                                                                                 \
    RO_FX_LS(RO_FX_LS(RO_FX_LS(RO_FX_LS(RO_FX_LS(RO_FX_LS(RO_FX_LS(RO_FX_LS(h, s, b), s, b + 1), s, b + 2), \
                                                 s, b + 3), s, b + 4), s, b + 5), s, b + 6), s, b + 7)
#define RO_FX_LP8(s, b)                                                                                    \
    (RO_FX_LM(s, b) * RO_FX_LM(s, b + 1) * RO_FX_LM(s, b + 2) * RO_FX_LM(s, b + 3) * RO_FX_LM(s, b + 4) *   \
     RO_FX_LM(s, b + 5) * RO_FX_LM(s, b + 6) * RO_FX_LM(s, b + 7))
#define RO_FX_PW(s) (RO_FX_LP8(s, 0) * RO_FX_LP8(s, 8) * RO_FX_LP8(s, 16))
#define RO_FX_LIT(h, s) ((uint64_t)(h) * RO_FX_PW(s) + RO_FX_LH8(RO_FX_LH8(RO_FX_LH8((uint64_t)0, s, 0), s, 8), s, 16))
/* A literal as a value: (ro_fv){"1", ...}, folded. */
#define RO_FV(s) ((ro_fv){"" s "", RO_FX_LIT(0, s), RO_FX_PW(s)})
#define RO_FV01(b) ((b) ? RO_FV("1") : RO_FV("0"))

/* Add a feature of literals and values alternating (values as ro_fv):
 * RO_FX2(fx, "side=", side) .. RO_FX8(fx, l1, v1, l2, v2, l3, v3, l4, v4);
 * RO_FX1 a literal alone.  The same features as ro_fx_add of the strings. */
#define RO_FX1(fx, a)                                                                                      \
    do {                                                                                                   \
        if ((fx)->keep)                                                                                    \
            ro_fx_add((fx), (a), NULL);                                                                    \
        else                                                                                               \
            ro_fx_put((fx), RO_FX_LIT(0, a));                                                              \
    } while (0)
#define RO_FX2(fx, a, b)                                                                                   \
    do {                                                                                                   \
        ro_fv b_ = (b);                                                                                    \
        if ((fx)->keep)                                                                                    \
            ro_fx_add((fx), (a), b_.s, NULL);                                                              \
        else                                                                                               \
            ro_fx_put((fx), ro_fx_cat(RO_FX_LIT(0, a), b_));                                               \
    } while (0)
#define RO_FX4(fx, a, b, c, d)                                                                             \
    do {                                                                                                   \
        ro_fv b_ = (b), d_ = (d);                                                                          \
        if ((fx)->keep)                                                                                    \
            ro_fx_add((fx), (a), b_.s, (c), d_.s, NULL);                                                   \
        else                                                                                               \
            ro_fx_put((fx), ro_fx_cat(RO_FX_LIT(ro_fx_cat(RO_FX_LIT(0, a), b_), c), d_));                  \
    } while (0)
#define RO_FX6(fx, a, b, c, d, e, f)                                                                       \
    do {                                                                                                   \
        ro_fv b_ = (b), d_ = (d), f_ = (f);                                                                \
        if ((fx)->keep)                                                                                    \
            ro_fx_add((fx), (a), b_.s, (c), d_.s, (e), f_.s, NULL);                                        \
        else                                                                                               \
            ro_fx_put((fx), ro_fx_cat(RO_FX_LIT(ro_fx_cat(RO_FX_LIT(ro_fx_cat(RO_FX_LIT(0, a), b_), c), d_), e), f_)); \
    } while (0)
#define RO_FX8(fx, a, b, c, d, e, f, g, h8)                                                                \
    do {                                                                                                   \
        ro_fv b_ = (b), d_ = (d), f_ = (f), h_ = (h8);                                                     \
        if ((fx)->keep)                                                                                    \
            ro_fx_add((fx), (a), b_.s, (c), d_.s, (e), f_.s, (g), h_.s, NULL);                             \
        else                                                                                               \
            ro_fx_put((fx), ro_fx_cat(RO_FX_LIT(ro_fx_cat(RO_FX_LIT(ro_fx_cat(RO_FX_LIT(ro_fx_cat(RO_FX_LIT(0, a), b_), c), d_), e), f_), g), h_)); \
    } while (0)

#endif
