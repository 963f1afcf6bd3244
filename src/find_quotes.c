/* find_quotes.c: quotation marks and transcript turns (stub). */
#include "internal.h"

const char *ro_quote_kind_name(ro_quote_kind kind)
{
    switch (kind) {
    case RO_Q_FULL: return "full";
    case RO_Q_PARTIAL: return "partial";
    case RO_Q_TERM: return "term";
    case RO_Q_TURN: return "turn";
    }
    return "?";
}

const ro_quote *ro_doc_quotes(ro_doc *doc, const ro_lexicon *lex, size_t *count)
{
    (void)lex;
    ro_doc_segment(doc);
    doc->quoted = true;
    *count = doc->nquotes;
    return doc->quotes;
}
