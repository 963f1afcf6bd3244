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

/* Collecting the features of one candidate: the score, and when `keep` is
 * set the feature strings themselves (for the trainer and for --explain). */
typedef struct {
    const ro_model *m;
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

/* The same, for a fixed number of parts and without keeping the strings:
 * RO_FX2(fx, "side=", side) .. RO_FX8(fx, l1, v1, l2, v2, l3, v3, l4, v4)
 * (literals and values alternating, as for ro_fx_add; RO_FX1 a literal alone). */
#define RO_FX_POLY 0x100000001B3ULL
uint64_t ro_fx_lit(uint64_t h, const char *lit);
void ro_fx_put(ro_fx *fx, uint64_t h);
static inline uint64_t ro_fx_val(uint64_t h, const char *v)
{
    for (const unsigned char *u = (const unsigned char *)v; *u; u++)
        h = h * RO_FX_POLY + *u;
    return h;
}
#define RO_FX1(fx, a)                                                                     \
    do {                                                                                  \
        if ((fx)->keep)                                                                   \
            ro_fx_add((fx), (a), NULL);                                                   \
        else                                                                              \
            ro_fx_put((fx), ro_fx_lit(0, (a)));                                           \
    } while (0)
#define RO_FX2(fx, a, b)                                                                  \
    do {                                                                                  \
        if ((fx)->keep)                                                                   \
            ro_fx_add((fx), (a), (b), NULL);                                              \
        else                                                                              \
            ro_fx_put((fx), ro_fx_val(ro_fx_lit(0, (a)), (b)));                           \
    } while (0)
#define RO_FX4(fx, a, b, c, d)                                                            \
    do {                                                                                  \
        if ((fx)->keep)                                                                   \
            ro_fx_add((fx), (a), (b), (c), (d), NULL);                                    \
        else                                                                              \
            ro_fx_put((fx), ro_fx_val(ro_fx_lit(ro_fx_val(ro_fx_lit(0, (a)), (b)), (c)), (d))); \
    } while (0)
#define RO_FX6(fx, a, b, c, d, e, f)                                                      \
    do {                                                                                  \
        if ((fx)->keep)                                                                   \
            ro_fx_add((fx), (a), (b), (c), (d), (e), (f), NULL);                          \
        else                                                                              \
            ro_fx_put((fx), ro_fx_val(ro_fx_lit(ro_fx_val(ro_fx_lit(ro_fx_val(ro_fx_lit(0, (a)), (b)), (c)), (d)), (e)), (f))); \
    } while (0)
#define RO_FX8(fx, a, b, c, d, e, f, g, h8)                                               \
    do {                                                                                  \
        if ((fx)->keep)                                                                   \
            ro_fx_add((fx), (a), (b), (c), (d), (e), (f), (g), (h8), NULL);               \
        else                                                                              \
            ro_fx_put((fx), ro_fx_val(ro_fx_lit(ro_fx_val(ro_fx_lit(ro_fx_val(ro_fx_lit(ro_fx_val(ro_fx_lit(0, (a)), (b)), (c)), (d)), (e)), (f)), (g)), (h8))); \
    } while (0)

#endif
