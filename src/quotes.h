/* quotes.h: private interface between finding quotations (find_quotes.c)
 * and attributing them (attribute.c). */
#ifndef READOUT_QUOTES_H
#define READOUT_QUOTES_H

#include "internal.h"

/* A transcript turn label at the start of a paragraph. */
typedef struct {
    size_t para;
    ro_span label;     /* "Aide to the President Yury Ushakov", "Q", "USHAKOV" */
    ro_span text;      /* the turn's text, to the next label or the end */
    int role;          /* TURN_NAME, TURN_QUESTION, TURN_ANSWER */
    bool quoted;       /* the paragraph opens with a quotation mark before the label: a
                        * transcript quoted whole, "\"WALLACE: ...", each paragraph reopened */
} ro_turn;

enum { TURN_NAME, TURN_QUESTION, TURN_ANSWER };

/* Find the transcript turns of a document (empty when it is not a transcript). */
size_t ro_find_turns(ro_doc *doc, ro_turn **out);

/* Attribute speakers and decide kinds for the quotations in doc->quotes
 * (kind set provisionally by the finder), and name the turns' speakers. */
void ro_attribute(ro_doc *doc, const ro_lexicon *lex, const ro_turn *turns, size_t nturns);

/* Small text helpers shared by both stages. */
static inline int32_t ro_cp_at(const ro_doc *d, size_t i, size_t *len)
{
    return ro_utf8_decode((const unsigned char *)d->text, d->len, i, len);
}
static inline int32_t ro_cp_before(const ro_doc *d, size_t i, size_t *len)
{
    if (i == 0) {
        *len = 0;
        return 0;
    }
    return ro_utf8_decode_prev((const unsigned char *)d->text, i, len);
}

#endif
