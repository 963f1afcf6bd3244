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

#endif
