/* doc.c: the document model — original bytes, metadata, validation. */
#include "internal.h"

static const char *dup_opt(ro_arena *a, const char *s)
{
    return s ? ro_arena_strndup(a, s, strlen(s)) : NULL;
}

/* Checks the bytes (UTF-8, NUL, the size); the bad bytes accepted under
 * RO_LENIENT in *replaced.  false with err filled on failure. */
static bool check_bytes(const char *bytes, size_t len, int flags, size_t *replaced_out, ro_error *err)
{
    const unsigned char *s = (const unsigned char *)bytes;
    if (len >= RO_DOC_MAX) { /* the token layer keeps 32-bit offsets */
        ro_set_error(err, RO_ERR_TOO_BIG, 0, "document of %zu bytes: a document must be under 4 GiB", len);
        return false;
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
                return false;
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
                return false;
            }
            replaced++;
            i++;
        }
    }
    *replaced_out = replaced;
    return true;
}

static ro_doc *make_doc(char *text, size_t len, size_t replaced, const ro_meta *meta)
{
    ro_doc *doc = ro_xcalloc(1, sizeof *doc);
    doc->text = text;
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

ro_doc *ro_doc_new(const char *bytes, size_t len, const ro_meta *meta, int flags, ro_error *err)
{
    size_t replaced;
    if (!check_bytes(bytes, len, flags, &replaced, err))
        return NULL;
    char *text = ro_xmalloc(len + 1);
    if (len)
        memcpy(text, bytes, len);
    return make_doc(text, len, replaced, meta);
}

ro_doc *ro_doc_take(char *bytes, size_t len, const ro_meta *meta, int flags, ro_error *err)
{
    size_t replaced;
    if (!check_bytes(bytes, len, flags, &replaced, err))
        return NULL;
    return make_doc(ro_xrealloc(bytes, len + 1), len, replaced, meta);
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
