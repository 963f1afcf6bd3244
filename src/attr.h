/* attr.h: private interface of speaker attribution (attribute.c,
 * attr_refer.c, attr_kind.c) and its hooks for the trainer
 * (tools/train_speaker.c).
 *
 * Attribution reads what earlier stages left on the document: its tokens
 * (tokens.c), sentences and paragraphs (segment.c), quotation marks and
 * turns (find_quotes.c), and the mentions and entities of names
 * (find_names.c, link_names.c), the one register of people and
 * organisations.  For each quotation it
 *   1. gathers candidate sources: the mentions names found, pronouns and
 *      descriptions ("the company", "a spokeswoman") around it;
 *   2. scores them with the "source" model (rank.h) and keeps the best;
 *   3. resolves the winner to an entity: a name is its entity; a pronoun
 *      or a description is scored against the entities named before it
 *      with the "refer" model;
 *   4. decides the quotation's kind (full, partial, term).
 */
#ifndef READOUT_ATTR_H
#define READOUT_ATTR_H

#include "names.h"
#include "quotes.h"
#include "rank.h"

/* Attribution's word classes, kept on each token (ro_tok.a). */
enum {
    A_VERB = 1u << 0,   /* a reporting verb (reporting_verbs) */
    A_TITLE = 1u << 1,  /* a title or role word (titles) */
    A_PRON = 1u << 2,   /* he she they it we I */
    A_REL = 1u << 3,    /* who which */
    A_DET = 1u << 4,    /* the a an this these those */
    A_POSSP = 1u << 5,  /* his her its their our my */
    A_PREP = 1u << 6,
    A_CONJ = 1u << 7,
    A_AUX = 1u << 8,    /* has had would will did ... */
    A_ADV = 1u << 9,    /* also later then ... */
    A_TIME = 1u << 10,  /* Tuesday, yesterday, last, week ... */
    A_NEG = 1u << 11,
    A_COMM = 1u << 12,  /* statement, interview, tweet: what words come in */
    A_NOTNAME = 1u << 13,
    A_ORGW = 1u << 14,  /* company, campaign, committee: a body */
    A_QWORD = 1u << 15, /* so-called, dubbed, titled: a term follows */
    A_ACCORD = 1u << 16, /* "according" */
    A_FEM = 1u << 17,   /* Mrs, Ms, spokeswoman, wife: a woman */
    A_MASC = 1u << 18,  /* Mr, spokesman, husband: a man */
    A_UNSET = 1u << 31
};

/* Candidate kinds. */
enum { K_NONE, K_NAME, K_PRON, K_DESC, K_ENT /* an entity, for the refer model */ };

/* One candidate as the trainer sees it. */
typedef struct {
    int kind;
    size_t s, e;        /* bytes (0, 0 for none) */
    long entity;        /* public entity index (a pronoun's or description's as it would be resolved), or -1 */
    char pron;          /* m f n p 1 w r (who/which), or 0 */
    const char *feats;  /* NUL-separated feature strings */
    size_t nfeats;
    double score;
} ro_attr_cand;

typedef struct {
    void *ctx;
    /* models used instead of the lexicon's (NULL: the lexicon's) */
    const ro_model *source, *refer;
    /* Called for each quotation with its source candidates and the index
     * chosen; returns the index to go on with (the trainer's gold, so that
     * later decisions see right history) or -1 for the chosen one. */
    long (*on_source)(void *ctx, ro_doc *d, size_t qi, const ro_attr_cand *c, size_t n, size_t chosen);
    /* Called when a pronoun or description (mention [ms, me)) is resolved,
     * with the entities considered; returns as on_source. */
    long (*on_refer)(void *ctx, ro_doc *d, size_t qi, size_t ms, size_t me, const ro_attr_cand *c,
                     size_t n, size_t chosen);
    /* Called where the rules cannot tell a term from words someone said
     * (a short fragment): c[0] is "said", c[1] "a term"; returns as on_source. */
    const ro_model *kind;
    long (*on_kind)(void *ctx, ro_doc *d, size_t qi, const ro_attr_cand *c, size_t n, size_t chosen);
} ro_attr_hooks;

/* find_quotes.c: ro_doc_quotes with hooks (the trainer's way in). */
const ro_quote *ro_doc_quotes_hooked(ro_doc *doc, const ro_lexicon *lex, const ro_attr_hooks *hooks,
                                     size_t *count);
void ro_attribute_hooked(ro_doc *doc, const ro_lexicon *lex, const ro_turn *turns, size_t nturns,
                         const ro_attr_hooks *hooks);

/* ---- shared between the files of attribution ------------------------------------ */

/* Per-entity facts attribution needs (attr_refer.c). */
typedef struct {
    char gender;       /* 'm', 'f' or 0 */
    int type;          /* ro_entity_type */
    size_t nment;      /* mentions so far (while walking the text) */
    uint32_t roles[8]; /* hashes of role head words: "host", "chairman" */
    int nroles;
    bool titled;       /* named with a title or honorific ("Mr. Obama", "Sen. Scott") */
    bool first;        /* has a given name the lists know */
    bool full;         /* named in full somewhere */
    bool spoke;        /* the source of a quotation already */
    size_t ftok;       /* attr_tok_at of its first mention */
} attr_ent;

/* A resolved pronoun or description: later pronouns may refer back to it. */
typedef struct {
    size_t tok;
    long ent;
} attr_event;

#define ATTR_CACHE 64 /* a power of two */

typedef struct actx {
    ro_doc *d;
    const ro_lexicon *lex;
    const ro_attr_hooks *hooks;
    const ro_model *msrc, *mref, *mkind;
    ro_tok *t;
    size_t n;
    uint32_t *sent, *para;   /* per token: sentence and paragraph */
    uint32_t *line;          /* per token: line (a line break inside a paragraph counts) */
    int32_t *inq;            /* per token: the top-level quotation holding it, or -1 */
    int32_t *ment;           /* per token: the innermost mention holding it, or -1 */
    uint32_t *mt0, *mt1;     /* per mention: its tokens [mt0, mt1) (attr_tok_at of its start, then on to its end) */
    /* caches of a few recently asked tokens (direct-mapped by token index, not one entry
     * a token: the memory of a document stays within its bound): the punctuation after a
     * token (tgap) and a reporting verb's lemma (verb_cat) */
    struct {
        uint32_t tok1;       /* the token + 1; 0 for none */
        char sig[8];
    } gapc[ATTR_CACHE];
    struct {
        uint32_t tok1;
        const char *cat;
    } vcatc[ATTR_CACHE];
    const ro_mention *m;
    size_t nm;
    const ro_entity *E;
    size_t ne;
    attr_ent *ae;
    const ro_wordclass *wc;
    long *qent;              /* per quotation: its speaker entity, or -1 */
    attr_event *ev;
    size_t nev, capev;
    long byline;             /* the writer of a column ("By Jane Doe"), or -1 */
    long last_ent;           /* the latest speaker */
    size_t last_qi;
    ro_span last_mention;    /* the mention chosen for the latest quotation */
    bool keep;               /* keep feature strings (hooks) */
    size_t tat_off[2], tat_tok[2]; /* attr_tok_at's last answers (SIZE_MAX: none) */
    bool stat;               /* RO_STAT: a developer's statistics of candidate pruning */
    int explain;             /* READOUT_EXPLAIN: print the candidates (2: and their features) */
} actx;

/* A token's classes, looked up on first use (attr_cls_get). */
uint32_t attr_cls_get(actx *c, size_t i);
static inline uint32_t attr_cls(actx *c, size_t i)
{
    uint32_t a = c->t[i].a;
    return (a & A_UNSET) ? attr_cls_get(c, i) : a;
}
/* Is token i the word w (lower case)? */
static inline bool attr_is(const actx *c, size_t i, const char *w)
{
    const ro_tok *t = &c->t[i];
    size_t n = strlen(w);
    if (t->e - t->s != n)
        return false;
    for (size_t k = 0; k < n; k++) {
        char ch = c->d->text[t->s + k];
        if ((ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) != w[k])
            return false;
    }
    return true;
}
/* The first token starting at or after byte off. */
size_t attr_tok_at(const actx *c, size_t off);

/* attr_refer.c */
void attr_entities_init(actx *c);
uint32_t attr_word_hash(const char *s, size_t n);
/* The entity a pronoun or description (tokens [t0, t1)) stands for, or -1.
 * A dry run calls no hook and learns nothing (the trainer's look ahead). */
long attr_resolve(actx *c, size_t qi, int kind, size_t t0, size_t t1, char pron, bool dry);
void attr_note_speaker(actx *c, long ent, size_t tok, size_t qi);

/* attr_kind.c */
/* src_kind: the chosen source's kind (K_NONE: none); margin: its score over the none candidate's. */
ro_quote_kind attr_kind(actx *c, size_t qi, int src_kind, double margin, bool prev_attributed, bool in_turn);

#endif
