/* fuzz_html.c: web pages — charset detection, parsing, extraction, links. */
#include "fuzz_common.h"

static int links_on_doc(ro_doc *doc, const char *source, void *ctx)
{
    size_t len, n;
    ro_doc_text(doc, &len);
    const ro_link *ls = ro_doc_links(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (ls[i].anchor.start >= ls[i].anchor.end || ls[i].anchor.end > len || !ls[i].url)
            abort();
    return fuzz_on_doc(doc, source, ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_run(data, size, RO_IN_HTML, 0); /* sets up the word lists */
    ro_read_opts o = {0};
    o.max_doc = 1u << 26;
    o.kind = RO_IN_HTML;
    ro_reader r = {0};
    r.on_doc = links_on_doc;
    r.on_error = fuzz_on_error;
    ro_read_buffer(&r, (const char *)data, size, "fuzz", RO_IN_HTML, &o);
    return 0;
}
