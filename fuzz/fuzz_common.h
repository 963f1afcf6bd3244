/* fuzz_common.h: what every fuzz target does with a document — the whole
 * pipeline, so every stage sees hostile input. */
#ifndef READOUT_FUZZ_COMMON_H
#define READOUT_FUZZ_COMMON_H
#include "internal.h"
#include "read.h"

static ro_lexicon *fuzz_lex;

static int fuzz_on_doc(ro_doc *doc, const char *source, void *ctx)
{
    (void)source, (void)ctx;
    size_t n, len;
    const char *t = ro_doc_text(doc, &len);
    const ro_span *ps = ro_doc_paragraphs(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (ps[i].start > ps[i].end || ps[i].end > len)
            abort();
    const ro_span *ss = ro_doc_sentences(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (ss[i].start > ss[i].end || ss[i].end > len)
            abort();
    const ro_marker *marks = ro_doc_stance(doc, fuzz_lex, &n);
    for (size_t i = 0; i < n; i++) {
        if (marks[i].span.start >= marks[i].span.end || marks[i].span.end > len ||
            !marks[i].category)
            abort();
        if (i && marks[i].span.start < marks[i - 1].span.start)
            abort();
    }
    const ro_quote *qs = ro_doc_quotes(doc, fuzz_lex, &n);
    for (size_t i = 0; i < n; i++) {
        if (qs[i].text.start > qs[i].text.end || qs[i].text.end > len)
            abort();
        if (qs[i].mention.start > qs[i].mention.end || qs[i].mention.end > len)
            abort();
        if (qs[i].parent >= (long)n)
            abort();
    }
    size_t nm, ne;
    const ro_mention *ms = ro_doc_mentions(doc, fuzz_lex, &nm);
    const ro_entity *es = ro_doc_entities(doc, fuzz_lex, &ne);
    for (size_t i = 0; i < nm; i++)
        if (ms[i].span.start > ms[i].span.end || ms[i].span.end > len || ms[i].entity >= ne || !ms[i].form)
            abort();
    for (size_t i = 0; i < ne; i++)
        if (!es[i].name || es[i].first > len)
            abort();
    (void)t;
    return 0;
}

static void fuzz_on_error(const char *source, const ro_error *err, void *ctx)
{
    (void)source, (void)err, (void)ctx;
}

static void fuzz_run(const uint8_t *data, size_t size, ro_input_kind kind, int flags)
{
    if (!fuzz_lex) {
        ro_error err;
        fuzz_lex = ro_lexicon_new_default(&err);
        if (!fuzz_lex)
            abort();
    }
    ro_read_opts o = {0};
    o.flags = flags;
    o.max_doc = 1u << 26;
    o.kind = kind;
    ro_reader r = {0};
    r.on_doc = fuzz_on_doc;
    r.on_error = fuzz_on_error;
    ro_read_buffer(&r, (const char *)data, size, "fuzz", kind, &o);
}
#endif
