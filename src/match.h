/* match.h: a compiled phrase matcher over word tokens.
 *
 * The entries of one word list (a ro_lexicon list name) are compiled into a
 * trie keyed by normalised words: case-folded with utf8proc, ’ and ‘ folded
 * to ', soft hyphens and zero-width characters inside a word ignored.  A
 * run over a span of text tokenises it once, looks each word up in one hash
 * table, and walks the trie from each word for at most as many words as the
 * longest phrase: the time is linear in the text and does not depend on how
 * many phrases the list holds.
 *
 * Phrase syntax (the phrase column of a word list):
 *
 *   reject            the word and its regular inflections (rejects, rejected,
 *                     rejecting), kept only when the Snowball English stemmer
 *                     gives the inflected form the same stem as the word
 *   =will             this form only (no "willing", no "wills")
 *   _may              not when capitalised in mid-sentence ("in May")
 *   ^should           only first in its clause (after . ! ? : ; a quotation
 *                     mark, a bracket or a dash): "Should the talks fail";
 *                     the prefixes combine: _=may
 *   take|took|taken   alternatives for one word slot
 *   (or close)        optional words; [the] is the same
 *   trust-based       hyphenated: matches "trust-based" and "trust based"
 *
 * Words are separated by spaces; a phrase matches across any whitespace
 * (line breaks included) and hyphens, never across other punctuation.
 */
#ifndef READOUT_MATCH_H
#define READOUT_MATCH_H

#include "internal.h"

/* ---- words ---------------------------------------------------------------- */

enum {
    RO_W_BREAK = 1 << 0,   /* punctuation other than a hyphen since the previous word */
    RO_W_CAP = 1 << 1,     /* first letter upper case, the rest not all upper case */
    RO_W_INITIAL = 1 << 2  /* first word of the span, or after . ! ? : ; an opening quote or
                              bracket, a dash, or a blank line */
};

typedef struct {
    size_t start, end; /* byte span of the word in the text */
    unsigned flags;
} ro_word;

#define RO_WORD_MAX 64 /* longest folded word looked up, in bytes */

/* Tokenise text[span): words are runs of letters and digits, with inner
 * apostrophes (don't, Kremlin’s).  Calls fn for each word in order; stops
 * early when fn returns non-zero.  Returns the number of words seen. */
typedef int (*ro_word_fn)(const ro_word *w, void *ctx);
size_t ro_words(const char *text, ro_span span, ro_word_fn fn, void *ctx);

/* The normalised form of a word (folded as above, NUL-terminated).
 * Returns its length, or 0 when it does not fit in outsz bytes. */
size_t ro_word_fold(const char *text, const ro_word *w, char *out, size_t outsz);

/* ---- matchers --------------------------------------------------------------- */

typedef struct ro_matcher ro_matcher;

typedef struct {
    ro_span span;              /* first word's start to last word's end */
    const ro_lex_entry *entry; /* the list entry (category, phrase, weight, note) */
    size_t word;               /* index of the first word within the run */
    size_t nwords;
    /* The words around the match, valid during the call: words[0] is its
     * first word; words[-before] .. words[after - 1] may be read (at least
     * 16 words before it, or all since the span's start, and at least the
     * match's own words after it). */
    const ro_word *words;
    size_t before, after;
} ro_match;

/* Compile every entry of `list` in lex.  NULL with err filled when a phrase
 * is malformed (the message names the file and the phrase). */
ro_matcher *ro_matcher_new(const ro_lexicon *lex, const char *list, ro_error *err);
void ro_matcher_free(ro_matcher *m);
const char *ro_matcher_list(const ro_matcher *m);
/* Number of phrase variants compiled (after optional words and alternatives). */
size_t ro_matcher_size(const ro_matcher *m);

/* The compiled matcher for a list, cached in the lexicon (rebuilt when the
 * list changes).  NULL with err filled on a malformed phrase. */
const ro_matcher *ro_lexicon_matcher(const ro_lexicon *lex, const char *list, ro_error *err);
/* Drop the cached matchers of a list, or all when list is NULL (lexicon.c
 * calls it when a list changes and when the lexicon is freed). */
void ro_lexicon_drop_matchers(ro_lexicon *lex, const char *list);

enum {
    RO_MATCH_ALL = 1 << 0 /* every phrase at every word, overlapping; default: leftmost-longest, no overlaps */
};

/* Called for each match, in text order.  When several entries share the
 * same words (one phrase in two categories), each gets a call with the
 * same span.  Return non-zero to stop. */
typedef int (*ro_match_fn)(const ro_match *m, void *ctx);

/* Match over text[span).  ro_match.word counts words from the span's start
 * (ro_words() over the same span gives the same words).  Returns the number
 * of matches reported. */
size_t ro_match_run(const ro_matcher *m, const char *text, ro_span span, int flags,
                    ro_match_fn fn, void *ctx);

/* The same, collected into an array the caller frees (words is NULL in
 * each, the words being gone by then).  *count gets the number. */
ro_match *ro_match_collect(const ro_matcher *m, const char *text, ro_span span, int flags,
                           size_t *count);

#endif
