/* doc_links.c: the links of a web page's article, kept with its document. */
#include "extract.h"

void ro_doc_set_links(ro_doc *doc, const ro_link *links, size_t n)
{
    doc->links = NULL;
    doc->nlinks = 0;
    if (!n)
        return;
    ro_link *l = ro_arena_alloc(&doc->arena, n * sizeof *l);
    for (size_t i = 0; i < n; i++) {
        l[i].anchor = links[i].anchor;
        l[i].url = ro_arena_strndup(&doc->arena, links[i].url, strlen(links[i].url));
    }
    doc->links = l;
    doc->nlinks = n;
}

const ro_link *ro_doc_links(const ro_doc *doc, size_t *count)
{
    if (count)
        *count = doc->nlinks;
    return doc->links;
}
