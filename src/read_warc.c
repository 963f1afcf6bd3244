/* read_warc.c: web archives (WARC 1.0/1.1, plain or gzip-compressed as
 * crawlers write them), read record by record: each HTML response or
 * resource becomes a document named by its WARC-Target-URI.  Only one
 * record is held in memory at a time. */
#define _GNU_SOURCE /* memmem */
#include "extract.h"
#include "read.h"

#include <errno.h>
#include <zlib.h>

#define MAX_HEADER_LINE 65536
#define MAX_HEADER_LINES 1024

typedef struct {
    FILE *fp;
    uint64_t off; /* bytes consumed so far */
} wstream;

static int ws_getc(wstream *w)
{
    int c = getc(w->fp);
    if (c != EOF)
        w->off++;
    return c;
}

/* One line without its CR LF.  Returns -1 at end of input, 0 for a line,
 * 1 for a line that was too long: then only cap - 1 bytes of it are read
 * (an input without newlines is not read to its end here). */
static int ws_line(wstream *w, char *buf, size_t cap, size_t *len)
{
    size_t k = 0;
    int c;
    bool cut = false, any = false;
    while ((c = ws_getc(w)) != EOF) {
        any = true;
        if (c == '\n')
            break;
        buf[k++] = (char)c;
        if (k == cap - 1) {
            cut = true;
            break;
        }
    }
    if (!any)
        return -1;
    if (k && buf[k - 1] == '\r')
        k--;
    buf[k] = '\0';
    *len = k;
    return cut ? 1 : 0;
}

static bool hname(const char *line, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strncasecmp(line, name, n) != 0 || line[n] != ':')
        return false;
    const char *v = line + n + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    *value = v;
    return true;
}

static char *trim_dup(const char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return ro_xstrndup(s, n);
}

/* ---- HTTP payloads ------------------------------------------------------------ */

static bool dechunk(const char *s, size_t n, ro_buf *out)
{
    size_t i = 0;
    out->len = 0;
    while (i < n) {
        size_t sz = 0;
        int digits = 0;
        while (i < n) {
            char c = s[i];
            int d = (c >= '0' && c <= '9') ? c - '0'
                  : ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') ? (c | 0x20) - 'a' + 10 : -1;
            if (d < 0)
                break;
            if (sz > (SIZE_MAX >> 4))
                return false;
            sz = sz * 16 + (size_t)d;
            digits++;
            i++;
        }
        if (!digits)
            return false;
        const char *nl = memchr(s + i, '\n', n - i);
        if (!nl)
            return false;
        i = (size_t)(nl - s) + 1;
        if (sz == 0)
            return true;
        if (sz > n - i)
            sz = n - i; /* a cut-off last chunk: keep what is there */
        ro_buf_put(out, s + i, sz);
        i += sz;
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
    }
    return true;
}

static bool inflate_all(const char *s, size_t n, uint64_t limit, ro_buf *out)
{
    for (int pass = 0; pass < 2; pass++) {
        z_stream z;
        memset(&z, 0, sizeof z);
        if (inflateInit2(&z, pass == 0 ? 15 + 32 : -15) != Z_OK)
            return false;
        out->len = 0;
        z.next_in = (Bytef *)s;
        z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
        int rc = Z_OK;
        while (rc == Z_OK) {
            ro_buf_reserve(out, 1 << 16);
            z.next_out = (Bytef *)out->data + out->len;
            z.avail_out = (uInt)(out->cap - out->len);
            rc = inflate(&z, Z_NO_FLUSH);
            out->len = out->cap - z.avail_out;
            if (out->len > limit) {
                rc = Z_DATA_ERROR;
                break;
            }
            if (rc == Z_BUF_ERROR && z.avail_in == 0)
                rc = Z_STREAM_END; /* cut off: keep what came */
        }
        inflateEnd(&z);
        if (rc == Z_STREAM_END)
            return true;
    }
    return false;
}

static bool html_type(const char *ct)
{
    if (!ct)
        return true; /* unknown: let the content decide */
    while (*ct == ' ')
        ct++;
    return strncasecmp(ct, "text/html", 9) == 0 || strncasecmp(ct, "application/xhtml", 17) == 0;
}

static bool looks_html(const char *s, size_t n)
{
    size_t k = n < 1024 ? n : 1024;
    for (size_t i = 0; i + 5 <= k; i++)
        if (s[i] == '<' && ((s[i + 1] | 0x20) == 'h' || s[i + 1] == '!' || (s[i + 1] | 0x20) == 'b') )
            return true;
    return false;
}

/* One WARC record's block. */
static int process_record(ro_reader *r, const char *source, const char *type, const char *ctype,
                          const char *uri, const char *date, const char *block, size_t len,
                          const ro_read_opts *o)
{
    const char *id = uri ? uri : source;
    if (type && strcasecmp(type, "resource") == 0) {
        if (!ctype || !html_type(ctype) || !looks_html(block, len))
            return 0;
        return ro_html_emit(r, block, len, source, id, uri, date, ctype, o);
    }
    if (!type || strcasecmp(type, "response") != 0)
        return 0;
    if (ctype && strncasecmp(ctype, "application/http", 16) != 0) {
        if (!html_type(ctype))
            return 0;
        return ro_html_emit(r, block, len, source, id, uri, date, ctype, o);
    }
    /* an HTTP response: status line, headers, body */
    if (len < 5 || strncmp(block, "HTTP/", 5) != 0)
        return 0;
    const char *hend = memmem(block, len, "\r\n\r\n", 4);
    size_t body_at;
    if (hend)
        body_at = (size_t)(hend - block) + 4;
    else if ((hend = memmem(block, len, "\n\n", 2)))
        body_at = (size_t)(hend - block) + 2;
    else
        return 0;
    const char *sp = memchr(block, ' ', body_at);
    int status = sp ? atoi(sp + 1) : 0;
    if (status < 200 || status >= 300)
        return 0;
    char *hct = NULL, *enc = NULL, *te = NULL;
    size_t i = (size_t)((const char *)memchr(block, '\n', body_at) - block) + 1;
    char line[1024];
    while (i < body_at) {
        const char *nl = memchr(block + i, '\n', body_at - i);
        size_t e = nl ? (size_t)(nl - block) : body_at;
        size_t l = e - i;
        if (l && block[i + l - 1] == '\r')
            l--;
        if (l >= sizeof line)
            l = sizeof line - 1;
        memcpy(line, block + i, l);
        line[l] = '\0';
        const char *v;
        if (hname(line, "Content-Type", &v) && !hct)
            hct = trim_dup(v);
        else if (hname(line, "Content-Encoding", &v) && !enc)
            enc = trim_dup(v);
        else if (hname(line, "Transfer-Encoding", &v) && !te)
            te = trim_dup(v);
        i = e + 1;
    }
    const char *body = block + body_at;
    size_t blen = len - body_at;
    int stop = 0;
    ro_buf dech = {0}, infl = {0};
    if (te && strcasestr(te, "chunked") && dechunk(body, blen, &dech)) {
        body = dech.data ? dech.data : "";
        blen = dech.len;
    }
    if (enc && (strcasestr(enc, "gzip") || strcasestr(enc, "deflate"))) {
        if (inflate_all(body, blen, o->max_doc, &infl)) {
            body = infl.data ? infl.data : "";
            blen = infl.len;
        } else if (looks_html(body, blen)) {
            /* already decoded by the crawler, header left as it was */
        } else {
            ro_error err;
            ro_set_error(&err, RO_ERR_FORMAT, 0, "%s: undecodable %s content", id, enc);
            ro_reader_fail(r, source, &err);
            goto done;
        }
    }
    if (html_type(hct) && (hct || looks_html(body, blen)))
        stop = ro_html_emit(r, body, blen, source, id, uri, date, hct, o);
done:
    ro_buf_free(&dech);
    ro_buf_free(&infl);
    free(hct);
    free(enc);
    free(te);
    return stop;
}

/* ---- records -------------------------------------------------------------------- */

static void fail_at(ro_reader *r, const char *source, ro_status code, uint64_t at,
                    const char *what)
{
    ro_error err;
    ro_set_error(&err, code, at, "%s at byte offset %llu", what, (unsigned long long)at);
    ro_reader_fail(r, source, &err);
}

/* A read error: the decompressor's reason when there is one. */
static void fail_read(ro_reader *r, const char *source, uint64_t at)
{
    const char *why = ro_gzip_last_error();
    ro_error err;
    if (why)
        ro_set_error(&err, RO_ERR_FORMAT, at, "%s (after %llu uncompressed bytes)", why,
                     (unsigned long long)at);
    else
        ro_set_error(&err, RO_ERR_IO, at, "read error at byte offset %llu: %s",
                     (unsigned long long)at, strerror(errno));
    ro_reader_fail(r, source, &err);
}

void ro_read_warc_stream(ro_reader *r, FILE *fp, const char *source, const ro_read_opts *o)
{
    wstream w = {fp, 0};
    char *line = ro_xmalloc(MAX_HEADER_LINE);
    size_t len;
    bool lost = false; /* looking for the next record after damage */
    bool reported = false;
    uint64_t records = 0;
    /* between records: blank lines, or after damage the bytes skipped to
     * find the next header; more than this and the file is given up */
    uint64_t gap_limit = o->max_doc > MAX_HEADER_LINE ? o->max_doc : MAX_HEADER_LINE;
    uint64_t gap_from = 0;
    for (;;) {
        uint64_t at = w.off;
        if (at - gap_from > gap_limit) {
            ro_error err;
            ro_set_error(&err, RO_ERR_FORMAT, gap_from,
                         "no WARC record header in the %llu bytes after byte offset %llu; the rest "
                         "of the file is not read",
                         (unsigned long long)(at - gap_from), (unsigned long long)gap_from);
            ro_reader_fail(r, source, &err);
            break;
        }
        int rc = ws_line(&w, line, MAX_HEADER_LINE, &len);
        if (rc < 0)
            break;
        if (len == 0)
            continue; /* the blank lines between records */
        if (strncmp(line, "WARC/", 5) != 0) {
            if (!records && !lost) {
                fail_at(r, source, RO_ERR_FORMAT, at, "not a WARC file: no \"WARC/1.x\" line");
                break;
            }
            if (!lost) {
                fail_at(r, source, RO_ERR_FORMAT, at,
                        "not a WARC record header (expected \"WARC/1.x\")");
                lost = true;
            }
            continue;
        }
        lost = false;
        /* the header fields */
        char *type = NULL, *ctype = NULL, *uri = NULL, *date = NULL;
        long long clen = -1;
        bool broken = false, ended = false;
        int nlines = 0;
        while ((rc = ws_line(&w, line, MAX_HEADER_LINE, &len)) >= 0) {
            if (len == 0) {
                ended = true;
                break;
            }
            if (rc > 0 || ++nlines > MAX_HEADER_LINES) {
                broken = true;
                break;
            }
            const char *v;
            if (hname(line, "Content-Length", &v)) {
                char *end;
                errno = 0;
                long long k = strtoll(v, &end, 10);
                while (*end == ' ' || *end == '\t')
                    end++;
                clen = (end == v || *end || errno || k < 0) ? -2 : k;
            } else if (hname(line, "WARC-Type", &v) && !type)
                type = trim_dup(v);
            else if (hname(line, "Content-Type", &v) && !ctype)
                ctype = trim_dup(v);
            else if (hname(line, "WARC-Target-URI", &v) && !uri) {
                uri = trim_dup(v);
                /* WARC 1.0 as some crawlers write it: <uri> */
                size_t ul = strlen(uri);
                if (ul >= 2 && uri[0] == '<' && uri[ul - 1] == '>') {
                    memmove(uri, uri + 1, ul - 2);
                    uri[ul - 2] = '\0';
                }
            } else if (hname(line, "WARC-Date", &v) && !date)
                date = trim_dup(v);
        }
        if (!ended && ferror(fp))
            break; /* reported below */
        if (broken || !ended || clen < 0) {
            fail_at(r, source, RO_ERR_FORMAT, at,
                    broken ? "WARC record header too long"
                    : !ended ? "WARC record header cut off"
                    : clen == -1 ? "WARC record without Content-Length"
                                 : "WARC record with an invalid Content-Length");
            lost = true;
            free(type), free(ctype), free(uri), free(date);
            if (!ended)
                break;
            continue;
        }
        records++;
        bool wanted = type && (strcasecmp(type, "response") == 0 || strcasecmp(type, "resource") == 0);
        uint64_t n = (uint64_t)clen;
        if (wanted && n > o->max_doc) {
            ro_error err;
            ro_set_error(&err, RO_ERR_TOO_BIG, at,
                         "WARC record at byte offset %llu (%s): %llu bytes is larger than the limit of %llu bytes (--max-doc-size)",
                         (unsigned long long)at, uri ? uri : "no URI", (unsigned long long)n,
                         (unsigned long long)o->max_doc);
            ro_reader_fail(r, source, &err);
            wanted = false;
        }
        char *block = NULL;
        uint64_t got = 0;
        if (wanted) {
            block = ro_xmalloc((size_t)n + 1);
            got = fread(block, 1, (size_t)n, fp);
        } else {
            char tmp[65536];
            size_t k;
            while (got < n && (k = fread(tmp, 1, n - got < sizeof tmp ? (size_t)(n - got) : sizeof tmp, fp)) > 0)
                got += k;
        }
        w.off += got;
        r->bytes += got;
        int stop = 0;
        if (got < n) {
            if (ferror(fp)) {
                fail_read(r, source, w.off);
                reported = true;
            } else {
                ro_error err;
                ro_set_error(&err, RO_ERR_FORMAT, at,
                             "WARC record at byte offset %llu cut off: Content-Length %llu, only %llu bytes",
                             (unsigned long long)at, (unsigned long long)n, (unsigned long long)got);
                ro_reader_fail(r, source, &err);
            }
            stop = 1;
        } else if (wanted) {
            /* the record's closing CR LF CR LF: in a .warc.gz this reads to
             * the end of the record's member, whose damage, if any, is
             * found there (see ro_open_gzip), before its record is taken */
            int c = 0;
            for (int k = 0; k < 4 && (c = getc(fp)) != EOF; k++) {
                if (c != '\r' && c != '\n') {
                    ungetc(c, fp);
                    break;
                }
                w.off++;
            }
            if (ferror(fp)) {
                fail_read(r, source, w.off);
                reported = true;
                stop = 1;
            } else {
                block[n] = '\0';
                stop = process_record(r, source, type, ctype, uri, date, block, (size_t)n, o);
            }
        }
        free(block);
        free(type), free(ctype), free(uri), free(date);
        if (stop)
            break;
        gap_from = w.off;
    }
    if (ferror(fp) && !reported)
        fail_read(r, source, w.off);
    free(line);
}

void ro_read_warc_buffer(ro_reader *r, const char *bytes, size_t len, const char *source,
                         const ro_read_opts *o)
{
    if (len == 0)
        return;
    FILE *fp = fmemopen((void *)bytes, len, "rb");
    if (!fp) {
        ro_error err;
        ro_set_error(&err, RO_ERR_NOMEM, 0, "%s", strerror(errno));
        ro_reader_fail(r, source, &err);
        return;
    }
    uint64_t counted = r->bytes; /* the caller counts the buffer */
    ro_read_warc_stream(r, fp, source, o);
    r->bytes = counted;
    fclose(fp);
}
