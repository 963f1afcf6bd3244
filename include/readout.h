/*
 * readout.h: the public interface of libreadout.
 *
 * One rule for ownership, stated once: a ro_doc owns everything reached
 * through it (its text, its segments, its findings and every string they
 * point to), and ro_doc_free() releases all of it in one call.  Pointers
 * returned by ro_doc_* functions stay valid until then.  A ro_lexicon is
 * owned by its caller and must outlive every document analysed with it.
 *
 * Every finding is a span of byte offsets [start, end) into the document's
 * original bytes, which are kept unchanged.
 */
#ifndef READOUT_H
#define READOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RO_VERSION_STRING "0.1.0"

/* ---- errors ---------------------------------------------------------- */

typedef enum {
    RO_OK = 0,
    RO_ERR_NOMEM = -1,
    RO_ERR_IO = -2,
    RO_ERR_UTF8 = -3,     /* invalid UTF-8 at err.offset */
    RO_ERR_BINARY = -4,   /* NUL byte at err.offset */
    RO_ERR_TOO_BIG = -5,  /* document larger than the configured limit */
    RO_ERR_JSON = -6,     /* malformed JSON Lines record */
    RO_ERR_FORMAT = -7,   /* input in an unknown or unsupported format */
    RO_ERR_LEXICON = -8,  /* malformed word-list file */
    RO_ERR_USAGE = -9
} ro_status;

typedef struct {
    ro_status code;
    uint64_t offset;   /* byte offset in the input where it went wrong, if any */
    char message[256]; /* human-readable, names the problem */
} ro_error;

/* A constant English description of a status code. */
const char *ro_strerror(ro_status code);

/* ---- spans and documents ---------------------------------------------- */

typedef struct {
    size_t start, end;
} ro_span;

/* Optional metadata; NULL fields are absent. Strings are copied. */
typedef struct {
    const char *id, *url, *title, *date, *outlet, *language, *byline, *site;
} ro_meta;

enum {
    RO_LENIENT = 1 << 0 /* accept invalid UTF-8 and NUL bytes; count them */
};

typedef struct ro_doc ro_doc;

/* Make a document from len bytes (copied).  Validates UTF-8 unless
 * RO_LENIENT is set.  Returns NULL and fills err on failure. */
ro_doc *ro_doc_new(const char *bytes, size_t len, const ro_meta *meta, int flags,
                   ro_error *err);
void ro_doc_free(ro_doc *doc);

const char *ro_doc_text(const ro_doc *doc, size_t *len);
const ro_meta *ro_doc_meta(const ro_doc *doc);
/* Number of invalid bytes and NULs accepted under RO_LENIENT. */
size_t ro_doc_replaced(const ro_doc *doc);

/* Links found in a web page's article body: the anchor text as a span of
 * the extracted text, and the target (absolute where the page allowed it).
 * Empty for documents that were not read from HTML. */
typedef struct {
    ro_span anchor;
    const char *url;
} ro_link;

const ro_link *ro_doc_links(const ro_doc *doc, size_t *count);

/* ---- segmentation ------------------------------------------------------ */

/* Paragraphs and sentences, computed on first use.  Sentences never cross
 * a paragraph boundary. */
const ro_span *ro_doc_paragraphs(ro_doc *doc, size_t *count);
const ro_span *ro_doc_sentences(ro_doc *doc, size_t *count);
/* Index of the paragraph / sentence holding byte offset off (or the last
 * one before it). */
size_t ro_doc_paragraph_at(ro_doc *doc, size_t off);
size_t ro_doc_sentence_at(ro_doc *doc, size_t off);

/* ---- word lists --------------------------------------------------------- */

/* Word lists: tab-separated files "category<TAB>phrase<TAB>weight<TAB>note",
 * '#' comments.  The built-in lists (the data directory) are compiled in. */
typedef struct ro_lexicon ro_lexicon;

ro_lexicon *ro_lexicon_new_default(ro_error *err);
/* Add entries from a user file; its "list" is chosen by the file's first
 * directive line "#list NAME" or by the name given here. */
int ro_lexicon_add_file(ro_lexicon *lex, const char *path, ro_error *err);
int ro_lexicon_add_text(ro_lexicon *lex, const char *list, const char *text, size_t len,
                        const char *origin, ro_error *err);
void ro_lexicon_free(ro_lexicon *lex);

/* ---- stance markers --------------------------------------------------------- */

/* A word or phrase from the "stance" word list (hedge, booster, condition,
 * sincerity, commitment, rejection, criticism, agreement, distance, or a
 * user's own category) found in a sentence.  Negation in the few words
 * before a marker flips it (a negated booster is a hedge, negated sincerity
 * is criticism), cancels it (rejection, criticism, agreement, distance:
 * counted is false) or leaves it (commitment, hedge, condition).  In a
 * question only condition markers count; a commitment or rejection in an
 * if-clause, an indirect question or after "hope"/"expect" is hypothetical
 * and does not count; a bare will / would counts only as a party's own act
 * ("Russia will offer", not "the meeting will take place").  reason and cue
 * say why a marker was cancelled or kept. */
typedef struct {
    ro_span span;               /* the words as written */
    const char *category;       /* after negation */
    const char *entry_category; /* the category in the word list */
    const char *phrase_entry;   /* the phrase as listed */
    const char *note;           /* the list's note (a conventional reading) */
    double weight;
    bool negated;
    bool counted;               /* false when cancelled by negation or a question */
    bool question;              /* in a sentence that ends with '?' */
    bool hypothetical;          /* in an if-clause, indirect question or expectation */
    bool mention;               /* quoted as words: "the phrase 'frank exchange of views'" */
    size_t sentence;            /* 0-based sentence index */
    bool quoted;                /* inside a quotation or transcript turn */
    const char *speaker;        /* that quotation's speaker, or NULL */
    const char *reason;         /* why it is not counted, or NULL: "negated", "question",
                                   "if-clause", "indirect question", "expectation",
                                   "mention", "forecast", "event or schedule",
                                   "no party as subject", "past intention", "no subject" */
    ro_span cue;                /* the word that gave the reason ("not", "if"), or {0,0} */
} ro_marker;

/* Every stance marker, in text order.  The result is owned by doc; the
 * strings belong to lex (or to doc, for speakers).  The phrases of the
 * "stance" list are compiled on first use; when one is malformed there are
 * no markers: check a lexicon first with ro_lexicon_compile(lex, "stance"). */
const ro_marker *ro_doc_stance(ro_doc *doc, const ro_lexicon *lex, size_t *count);

/* Compile the phrases of a word list now (phrase syntax: data/stance.tsv).
 * Returns 0, or -1 with err naming the file and phrase when one is malformed. */
int ro_lexicon_compile(const ro_lexicon *lex, const char *list, ro_error *err);

/* The built-in categories in their usual order, NULL-terminated. */
extern const char *const ro_stance_categories[];

/* ---- quotations and turns ------------------------------------------------ */

typedef enum { RO_Q_FULL, RO_Q_PARTIAL, RO_Q_TERM, RO_Q_TURN } ro_quote_kind;

typedef struct {
    ro_quote_kind kind;
    ro_span text;          /* inside the marks, or the turn's text */
    ro_span mention;       /* the speaker as written where attributed; {0,0} if none */
    const char *speaker;   /* canonical name, or NULL when no speaker was found */
    const char *cue;       /* "said", "according to", "colon", "turn", "continuation", ... */
    size_t paragraph;      /* 0-based index of the paragraph where the text starts */
    long parent;           /* index of the enclosing quotation, or -1 */
    unsigned open_mark;    /* the opening mark's code point (0 for turns) */
    long entity;           /* the speaker's index in ro_doc_entities(), or -1 */
} ro_quote;

const char *ro_quote_kind_name(ro_quote_kind kind);

/* Find every quotation and transcript turn, and attribute speakers: a
 * speaker is always one of the entities of ro_doc_entities() (or a turn's
 * label as written, where the names found none in it).  The result is
 * owned by doc. */
const ro_quote *ro_doc_quotes(ro_doc *doc, const ro_lexicon *lex, size_t *count);

/* ---- names: people, organisations, countries, places ----------------------- */

typedef enum {
    RO_ENT_PERSON,
    RO_ENT_ORG,
    RO_ENT_COUNTRY,
    RO_ENT_PLACE,
    RO_ENT_OTHER
} ro_entity_type;

/* One mention of an entity.  form: "full name", "title+full name",
 * "title+surname", "surname", "first name", "initial+surname", "role"
 * (a title or role standing for the person: "the Secretary", "Putin's
 * foreign policy aide"), or "name" (organisations, countries, places). */
typedef struct {
    ro_span span;
    size_t entity; /* index into ro_doc_entities() */
    const char *form;
} ro_mention;

/* One entity: all its mentions in the document linked under one name. */
typedef struct {
    const char *name;    /* canonical: the longest full name used, after aliases */
    ro_entity_type type;
    size_t first;        /* byte offset of the first mention */
    size_t nmentions;
} ro_entity;

const char *ro_entity_type_name(ro_entity_type type);

/* Mentions in text order (an outer mention before those inside it), and
 * entities in order of first mention.  Owned by doc; computed once. */
const ro_mention *ro_doc_mentions(ro_doc *doc, const ro_lexicon *lex, size_t *count);
const ro_entity *ro_doc_entities(ro_doc *doc, const ro_lexicon *lex, size_t *count);

#ifdef __cplusplus
}
#endif
#endif
