/* read_html.c: saved web pages and gzip-compressed files.
 *
 * A page's bytes are converted to UTF-8 (iconv, from glibc) by the
 * encoding a byte order mark, the transport or the page itself declares;
 * the article is then extracted (extract_html.c) and becomes a document
 * whose text is the extracted text. */
#define _GNU_SOURCE /* fopencookie */
#include "extract.h"
#include "read.h"

#include <errno.h>
#include <stdarg.h>
#include <iconv.h>
#include <zlib.h>

/* ---- character sets ---------------------------------------------------- */

static bool ascii_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return false;
    }
    return *a == *b;
}

/* The iconv name for an encoding label, as browsers read labels (WHATWG
 * Encoding: Latin-1 and ASCII mean Windows-1252; GB2312 means GBK). */
static const char *iconv_name(const char *label)
{
    static const struct {
        const char *label, *name;
    } map[] = {
        {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
        /* a page cannot really be UTF-16 if its <meta> could be read as ASCII */
        {"utf-16", "UTF-8"}, {"utf-16le", "UTF-8"}, {"utf-16be", "UTF-8"},
        {"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
        {"iso_8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"}, {"l1", "WINDOWS-1252"},
        {"ascii", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"},
        {"windows-1252", "WINDOWS-1252"}, {"cp1252", "WINDOWS-1252"},
        {"x-cp1252", "WINDOWS-1252"}, {"cp819", "WINDOWS-1252"},
        {"windows-1251", "WINDOWS-1251"}, {"cp1251", "WINDOWS-1251"},
        {"x-cp1251", "WINDOWS-1251"}, {"koi8-r", "KOI8-R"}, {"koi8r", "KOI8-R"},
        {"koi8", "KOI8-R"}, {"koi8-u", "KOI8-U"}, {"gb2312", "GB18030"}, {"gbk", "GB18030"},
        {"x-gbk", "GB18030"}, {"gb18030", "GB18030"}, {"chinese", "GB18030"},
        {"iso-8859-9", "WINDOWS-1254"}, {"latin5", "WINDOWS-1254"},
        {"shift_jis", "CP932"}, {"sjis", "CP932"}, {"x-sjis", "CP932"}, {"windows-31j", "CP932"},
        {"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"}, {"big5", "BIG5-HKSCS"},
        {NULL, NULL}};
    for (size_t i = 0; map[i].label; i++)
        if (ascii_ieq(label, map[i].label))
            return map[i].name;
    return NULL;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Read a label after "charset" (or "encoding") at s: =, quotes, name. */
static bool label_after(const char *s, const char *end, char *out, size_t sz)
{
    while (s < end && is_space(*s))
        s++;
    if (s >= end || *s != '=')
        return false;
    s++;
    while (s < end && (is_space(*s) || *s == '"' || *s == '\''))
        s++;
    size_t k = 0;
    while (s < end && k < sz - 1 &&
           ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            *s == '-' || *s == '_' || *s == ':' || *s == '.'))
        out[k++] = *s++;
    out[k] = '\0';
    return k > 0;
}

static const char *ci_find(const char *s, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; s + n <= end; s++) {
        size_t k = 0;
        while (k < n && (s[k] | 0x20) == needle[k])
            k++;
        if (k == n)
            return s;
    }
    return NULL;
}

/* The encoding a page declares in its first 8 KiB: <meta charset>, <meta
 * http-equiv="Content-Type" content="...; charset=...">, or <?xml encoding>. */
static bool prescan_charset(const char *s, size_t n, char *out, size_t sz)
{
    const char *end = s + (n < 8192 ? n : 8192);
    if (end - s > 5 && strncmp(s, "<?xml", 5) == 0) {
        const char *q = memchr(s, '>', (size_t)(end - s));
        const char *e = q ? ci_find(s, q, "encoding") : NULL;
        if (e && label_after(e + 8, q, out, sz))
            return true;
    }
    for (const char *p = s; (p = ci_find(p, end, "<meta")) != NULL; p += 5) {
        const char *q = memchr(p, '>', (size_t)(end - p));
        if (!q)
            break;
        const char *c = ci_find(p, q, "charset");
        if (c && label_after(c + 7, q, out, sz))
            return true;
    }
    return false;
}

/* From an HTTP Content-Type value: its charset parameter. */
static bool header_charset(const char *ct, char *out, size_t sz)
{
    if (!ct)
        return false;
    const char *c = ci_find(ct, ct + strlen(ct), "charset");
    return c && label_after(c + 7, ct + strlen(ct), out, sz);
}

char *ro_html_to_utf8(const char *bytes, size_t len, const char *declared, size_t *outlen,
                      size_t *bad, char *charset, size_t charsetsz)
{
    const char *name = NULL;
    char label[64] = "";
    *bad = 0;
    size_t skip = 0;
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        name = "UTF-8";
        skip = 3;
    } else if (len >= 2 && memcmp(bytes, "\xFF\xFE", 2) == 0) {
        name = "UTF-16LE";
        skip = 2;
    } else if (len >= 2 && memcmp(bytes, "\xFE\xFF", 2) == 0) {
        name = "UTF-16BE";
        skip = 2;
    }
    if (!name && declared && header_charset(declared, label, sizeof label))
        name = iconv_name(label) ? iconv_name(label) : label;
    if (!name && prescan_charset(bytes, len, label, sizeof label))
        name = iconv_name(label) ? iconv_name(label) : label;
    /* Pages saved to disk are often re-encoded as UTF-8 with the old
     * declaration left in place.  Text in a legacy encoding that happens
     * to be valid UTF-8, multi-byte sequences and all, is vanishingly rare:
     * such bytes are read as UTF-8 whatever the label says. */
    bool utf8 = ro_utf8_valid_prefix((const unsigned char *)bytes, len) == len;
    if (name && utf8 && strcmp(name, "UTF-8") != 0 && strncmp(name, "UTF-16", 6) != 0) {
        size_t multi = 0;
        for (size_t i = 0; i < len && multi < 8; i++)
            multi += ((unsigned char)bytes[i] & 0xC0) == 0xC0;
        if (multi >= 8)
            name = "UTF-8";
    }
    if (!name)
        name = utf8 ? "UTF-8" : "WINDOWS-1252";
    bytes += skip;
    len -= skip;
    iconv_t cd = (iconv_t)-1;
    if (strcmp(name, "UTF-8") != 0) {
        cd = iconv_open("UTF-8", name);
        if (cd == (iconv_t)-1) /* a label iconv does not know: as a browser, fall back */
            name = ro_utf8_valid_prefix((const unsigned char *)bytes, len) == len ? "UTF-8"
                                                                                 : "WINDOWS-1252";
        if (cd == (iconv_t)-1 && strcmp(name, "UTF-8") != 0)
            cd = iconv_open("UTF-8", name);
    }
    snprintf(charset, charsetsz, "%s", name);
    if (cd == (iconv_t)-1) {
        /* UTF-8: the parser replaces invalid bytes with U+FFFD */
        char *out = ro_xmalloc(len + 1);
        memcpy(out, bytes, len);
        out[len] = '\0';
        *outlen = len;
        return out;
    }
    ro_buf b = {0};
    ro_buf_reserve(&b, len + len / 2 + 16);
    char *in = (char *)bytes;
    size_t inleft = len;
    while (inleft > 0) {
        char *o = b.data + b.len;
        size_t oleft = b.cap - b.len - 1;
        size_t rc = iconv(cd, &in, &inleft, &o, &oleft);
        b.len = (size_t)(o - b.data);
        if (rc != (size_t)-1)
            break;
        if (errno == E2BIG) {
            ro_buf_reserve(&b, inleft * 2 + 64);
        } else { /* EILSEQ or EINVAL: one bad byte */
            ro_buf_put(&b, "\xEF\xBF\xBD", 3);
            (*bad)++;
            in++;
            inleft--;
            ro_buf_reserve(&b, 16);
        }
    }
    iconv_close(cd);
    ro_buf_putc(&b, '\0');
    *outlen = b.len - 1;
    return b.data;
}

/* ---- a page becomes a document --------------------------------------------- */

int ro_html_emit(ro_reader *r, const char *bytes, size_t len, const char *source,
                 const char *id, const char *url, const char *fallback_date,
                 const char *content_type, const ro_read_opts *o)
{
    ro_error err = {0};
    if (len > o->max_doc) {
        ro_set_error(&err, RO_ERR_TOO_BIG, 0,
                     "%s: web page of %zu bytes is larger than the limit of %llu bytes (--max-doc-size)",
                     id, len, (unsigned long long)o->max_doc);
        ro_reader_fail(r, source, &err);
        return 0;
    }
    size_t ulen, bad;
    char cs[64];
    char *utf8 = ro_html_to_utf8(bytes, len, content_type, &ulen, &bad, cs, sizeof cs);
    ro_extract x;
    if (ro_extract_html(utf8, ulen, url, &x, &err) < 0) {
        free(utf8);
        if (strcmp(id, source) != 0) {
            char msg[sizeof err.message];
            size_t k = (size_t)snprintf(msg, sizeof msg, "%.120s: ", id);
            if (k < sizeof msg)
                snprintf(msg + k, sizeof msg - k, "%.*s", (int)(sizeof msg - k - 1), err.message);
            memcpy(err.message, msg, sizeof msg);
        }
        ro_reader_fail(r, source, &err);
        return 0;
    }
    free(utf8);
    ro_meta m = {0};
    m.id = id;
    m.url = url ? url : x.canonical;
    m.title = x.title;
    m.byline = x.byline;
    m.date = x.date ? x.date : fallback_date;
    m.site = x.site;
    m.outlet = x.site;
    m.language = x.language;
    ro_doc *doc = ro_doc_new(x.text, x.len, &m, o->flags | RO_LENIENT, &err);
    int stop = 0;
    if (!doc) {
        ro_reader_fail(r, source, &err);
    } else {
        ro_doc_set_links(doc, x.links, x.nlinks);
        stop = ro_reader_emit(r, doc, source, o);
    }
    ro_extract_free(&x);
    return stop;
}

void ro_read_html_buffer(ro_reader *r, const char *bytes, size_t len, const char *source,
                         const ro_read_opts *o)
{
    ro_html_emit(r, bytes, len, source, source, NULL, NULL, NULL, o);
}

/* ---- gzip ------------------------------------------------------------------ */

static _Thread_local char gz_error[160];

const char *ro_gzip_last_error(void)
{
    static _Thread_local char copy[sizeof gz_error];
    if (!gz_error[0])
        return NULL;
    memcpy(copy, gz_error, sizeof copy);
    gz_error[0] = '\0';
    return copy;
}

/* A gzip file as a stream, member by member (a web archive is one member a
 * record).  Each read returns bytes of one member only, so that the members
 * before a damaged one are handed over whole before the damage is met; a
 * member found damaged gives none of the bytes of the read that found it,
 * and every later read is an error whose reason (with the compressed byte
 * offsets of the member and of the damage) is ro_gzip_last_error().  Only
 * what the reader asks for is decompressed: the limits on a document or a
 * line apply while decompressing.  A file without the gzip magic number is
 * read as it is, as zlib's gzread does. */
typedef struct {
    FILE *raw;
    z_stream z;
    unsigned char in[1 << 16];
    uint64_t buf_at;   /* compressed offset of in[0] */
    size_t filled;     /* bytes in in[] */
    uint64_t member_at; /* compressed offset where the current member starts */
    bool started, plain, in_member, done, failed;
} gz_src;

static uint64_t gz_pos(const gz_src *g)
{
    return g->buf_at + (uint64_t)(g->z.next_in - g->in);
}

static void gz_fail(gz_src *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(gz_error, sizeof gz_error, fmt, ap);
    va_end(ap);
    g->failed = true;
}

/* Refill the input; false at the end of the file or on a read error. */
static bool gz_fill(gz_src *g)
{
    g->buf_at += g->filled;
    g->filled = fread(g->in, 1, sizeof g->in, g->raw);
    g->z.next_in = g->in;
    g->z.avail_in = (uInt)g->filled;
    if (g->filled)
        return true;
    if (ferror(g->raw))
        gz_fail(g, "read error at compressed byte offset %llu: %s", (unsigned long long)g->buf_at,
                strerror(errno));
    return false;
}

static ssize_t gz_cookie_read(void *c, char *buf, size_t n)
{
    gz_src *g = c;
    if (g->failed) {
        errno = EIO;
        return -1;
    }
    if (g->done || n == 0)
        return 0;
    if (n > (1u << 30))
        n = 1u << 30;
    if (!g->started) {
        g->started = true;
        if (!gz_fill(g)) {
            g->done = !g->failed;
            if (g->failed) {
                errno = EIO;
                return -1;
            }
            return 0;
        }
        g->plain = g->filled < 2 || g->in[0] != 0x1f || g->in[1] != 0x8b;
    }
    if (g->plain) {
        if (g->z.avail_in == 0 && !gz_fill(g)) {
            g->done = !g->failed;
            if (g->failed) {
                errno = EIO;
                return -1;
            }
            return 0;
        }
        size_t k = g->z.avail_in < n ? g->z.avail_in : n;
        memcpy(buf, g->z.next_in, k);
        g->z.next_in += k;
        g->z.avail_in -= (uInt)k;
        return (ssize_t)k;
    }
    g->z.next_out = (Bytef *)buf;
    g->z.avail_out = (uInt)n;
    while (g->z.avail_out) {
        if (g->z.avail_in == 0 && !gz_fill(g)) {
            if (g->failed)
                break;
            if (g->in_member)
                gz_fail(g, "truncated gzip data: unexpected end of file at compressed byte offset "
                           "%llu (the member starting at compressed byte offset %llu is cut off)",
                        (unsigned long long)gz_pos(g), (unsigned long long)g->member_at);
            else
                g->done = true;
            break;
        }
        if (!g->in_member && g->z.next_in[0] == 0) {
            g->z.next_in++; /* zero bytes after a member: padding */
            g->z.avail_in--;
            continue;
        }
        if (!g->in_member) {
            g->member_at = gz_pos(g);
            if (g->z.next_in[0] != 0x1f) {
                gz_fail(g, "invalid gzip data at compressed byte offset %llu: not the start of a "
                           "gzip member",
                        (unsigned long long)g->member_at);
                break;
            }
            if (inflateReset(&g->z) != Z_OK) {
                gz_fail(g, "gzip: cannot restart the decompressor");
                break;
            }
            g->in_member = true;
        }
        int rc = inflate(&g->z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            g->in_member = false;
            if (g->z.avail_out < n)
                break; /* one member a read */
            continue;
        }
        if (rc == Z_OK || rc == Z_BUF_ERROR)
            continue;
        gz_fail(g, "invalid gzip data at compressed byte offset %llu (in the member starting at "
                   "compressed byte offset %llu): %s",
                (unsigned long long)gz_pos(g), (unsigned long long)g->member_at,
                g->z.msg ? g->z.msg : "damaged");
        errno = EIO;
        return -1; /* none of a damaged member's bytes from this read */
    }
    if (g->in_member && !g->failed && g->z.avail_out == 0) {
        /* the output is full: if the member's end is next, check it now, so
         * that the read giving a member's last bytes also finds its damage */
        if (g->z.avail_in || gz_fill(g)) {
            int rc = inflate(&g->z, Z_NO_FLUSH);
            if (rc == Z_STREAM_END)
                g->in_member = false;
            else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                gz_fail(g, "invalid gzip data at compressed byte offset %llu (in the member "
                           "starting at compressed byte offset %llu): %s",
                        (unsigned long long)gz_pos(g), (unsigned long long)g->member_at,
                        g->z.msg ? g->z.msg : "damaged");
                errno = EIO;
                return -1;
            }
        }
    }
    size_t got = n - g->z.avail_out;
    if (got)
        return (ssize_t)got; /* a cut-off member's bytes are good: the error comes next */
    if (g->failed) {
        errno = EIO;
        return -1;
    }
    return 0;
}

static int gz_cookie_close(void *c)
{
    gz_src *g = c;
    inflateEnd(&g->z);
    int rc = fclose(g->raw);
    free(g);
    return rc;
}

FILE *ro_open_gzip(const char *path, ro_error *err)
{
    gz_src *g = ro_xcalloc(1, sizeof *g);
    g->raw = fopen(path, "rb");
    if (!g->raw) {
        ro_set_error(err, RO_ERR_IO, 0, "%s", strerror(errno));
        free(g);
        return NULL;
    }
    if (inflateInit2(&g->z, 15 + 16) != Z_OK) {
        ro_set_error(err, RO_ERR_NOMEM, 0, "gzip: cannot start the decompressor");
        fclose(g->raw);
        free(g);
        return NULL;
    }
    gz_error[0] = '\0';
    cookie_io_functions_t io = {gz_cookie_read, NULL, NULL, gz_cookie_close};
    FILE *fp = fopencookie(g, "rb", io);
    if (!fp) {
        ro_set_error(err, RO_ERR_IO, 0, "%s", strerror(errno));
        inflateEnd(&g->z);
        fclose(g->raw);
        free(g);
    }
    return fp;
}
