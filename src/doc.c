/* doc.c: the document model — original bytes, metadata, validation. */
#include "internal.h"

static const char *dup_opt(ro_arena *a, const char *s)
{
    return s ? ro_arena_strndup(a, s, strlen(s)) : NULL;
}

ro_doc *ro_doc_new(const char *bytes, size_t len, const ro_meta *meta, int flags, ro_error *err)
{
    const unsigned char *s = (const unsigned char *)bytes;
    if (len >= RO_DOC_MAX) { /* the token layer keeps 32-bit offsets */
        ro_set_error(err, RO_ERR_TOO_BIG, 0, "document of %zu bytes: a document must be under 4 GiB", len);
        return NULL;
    }
    size_t replaced = 0;
    size_t i = 0;
    while (i < len) {
        size_t ok = ro_utf8_valid_prefix(s + i, len - i);
        const unsigned char *nul = memchr(s + i, 0, ok);
        if (nul) {
            size_t at = i + (size_t)(nul - (s + i));
            if (!(flags & RO_LENIENT)) {
                ro_set_error(err, RO_ERR_BINARY, at,
                             "NUL byte at offset %zu: binary data, not text (use --lenient to accept)", at);
                return NULL;
            }
            replaced++;
            i = at + 1;
            continue;
        }
        i += ok;
        if (i < len) {
            if (!(flags & RO_LENIENT)) {
                ro_set_error(err, RO_ERR_UTF8, i,
                             "invalid UTF-8 at byte offset %zu (byte 0x%02X; use --lenient to replace bad bytes)",
                             i, s[i]);
                return NULL;
            }
            replaced++;
            i++;
        }
    }
    ro_doc *doc = ro_xcalloc(1, sizeof *doc);
    doc->text = ro_xmalloc(len + 1);
    if (len)
        memcpy(doc->text, bytes, len);
    doc->text[len] = '\0';
    doc->len = len;
    doc->replaced = replaced;
    if (meta) {
        doc->meta.id = dup_opt(&doc->arena, meta->id);
        doc->meta.url = dup_opt(&doc->arena, meta->url);
        doc->meta.title = dup_opt(&doc->arena, meta->title);
        doc->meta.date = dup_opt(&doc->arena, meta->date);
        doc->meta.outlet = dup_opt(&doc->arena, meta->outlet);
        doc->meta.language = dup_opt(&doc->arena, meta->language);
        doc->meta.byline = dup_opt(&doc->arena, meta->byline);
        doc->meta.site = dup_opt(&doc->arena, meta->site);
    }
    return doc;
}

void ro_doc_free(ro_doc *doc)
{
    if (!doc)
        return;
    free(doc->text);
    free(doc->tok);
    free(doc->markers);
    free(doc->paras);
    free(doc->sents);
    free(doc->quotes);
    ro_names_free(doc);
    ro_arena_free(&doc->arena);
    free(doc);
}

const char *ro_doc_text(const ro_doc *doc, size_t *len)
{
    if (len)
        *len = doc->len;
    return doc->text;
}

const ro_meta *ro_doc_meta(const ro_doc *doc)
{
    return &doc->meta;
}

size_t ro_doc_replaced(const ro_doc *doc)
{
    return doc->replaced;
}
