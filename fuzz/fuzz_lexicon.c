/* fuzz_lexicon.c: a user's word list (TSV lines and the phrase syntax of
 * src/match.h), compiled and run over a fixed text and over itself. */
#include "internal.h"
#include "match.h"

static int count_match(const ro_match *m, void *ctx)
{
    (void)m;
    (*(size_t *)ctx)++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char text[] =
        "Some of the proposals appear more or less acceptable, if we genuinely want this.\n"
        "The sides held a frank exchange\nof views; positions are overlapping or close. "
        "“We do not reject it,” he said. In May, we will not. Should it fail, we shall see.";
    ro_error err;
    ro_lexicon *lex = ro_lexicon_new_default(&err);
    if (!lex)
        abort();
    if (ro_lexicon_add_text(lex, "stance", (const char *)data, size, "fuzz", &err) == 0) {
        const ro_matcher *m = ro_lexicon_matcher(lex, "stance", &err);
        if (m) {
            size_t n = 0;
            ro_match_run(m, text, (ro_span){0, sizeof text - 1}, 0, count_match, &n);
            ro_match_run(m, text, (ro_span){0, sizeof text - 1}, RO_MATCH_ALL, count_match, &n);
            if (ro_utf8_valid_prefix(data, size) == size)
                ro_match_run(m, (const char *)data, (ro_span){0, size}, 0, count_match, &n);
            ro_meta meta = {0};
            meta.id = "fuzz";
            ro_doc *doc = ro_doc_new(text, sizeof text - 1, &meta, 0, &err);
            size_t k;
            const ro_marker *ms = ro_doc_stance(doc, lex, &k);
            for (size_t i = 0; i < k; i++)
                if (ms[i].span.end > sizeof text - 1 || ms[i].span.start >= ms[i].span.end)
                    abort();
            ro_doc_free(doc);
        }
    }
    ro_lexicon_free(lex);
    return 0;
}
