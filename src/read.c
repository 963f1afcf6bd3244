/* read.c: files, directories, standard input and JSON Lines → documents. */
#include "internal.h"
#include "read.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <jansson.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- progress ------------------------------------------------------------------ */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double t_start, t_last;

static void progress(const ro_reader *r, const ro_read_opts *o, bool final)
{
    if (!o->progress)
        return;
    double t = now_s();
    if (t_start == 0)
        t_start = t_last = t;
    if (!final && t - t_last < 1.0)
        return;
    t_last = t;
    double el = t - t_start;
    fprintf(stderr, "\rreadout: %llu documents, %.1f MB, %.1f MB/s%s",
            (unsigned long long)r->docs, (double)r->bytes / 1e6,
            el > 0 ? (double)r->bytes / 1e6 / el : 0.0, final ? "\n" : "");
}

/* ---- helpers --------------------------------------------------------------------- */

static bool ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    if (k > n)
        return false;
    for (size_t i = 0; i < k; i++) {
        char a = s[n - k + i], b = suf[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (a != b)
            return false;
    }
    return true;
}

ro_input_kind ro_kind_from_name(const char *path)
{
    if (ends_with(path, ".warc") || ends_with(path, ".warc.gz"))
        return RO_IN_WARC;
    if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson") || ends_with(path, ".json") ||
        ends_with(path, ".jsonl.gz"))
        return RO_IN_JSONL;
    if (ends_with(path, ".html") || ends_with(path, ".htm") || ends_with(path, ".xhtml") ||
        ends_with(path, ".html.gz") || ends_with(path, ".htm.gz"))
        return RO_IN_HTML;
    return RO_IN_TEXT;
}

static bool wanted_in_dir(const char *name)
{
    static const char *const ext[] = {".txt", ".text", ".md", ".jsonl", ".ndjson", ".json",
                                      ".html", ".htm", ".xhtml", ".gz", ".warc", NULL};
    for (size_t i = 0; ext[i]; i++)
        if (ends_with(name, ext[i]))
            return true;
    return false;
}

static void report(ro_reader *r, const char *source, const ro_error *err)
{
    r->errors++;
    if (r->on_error)
        r->on_error(source, err, r->ctx);
}

static int emit(ro_reader *r, ro_doc *doc, const char *source, const ro_read_opts *o)
{
    r->docs++;
    r->replaced += ro_doc_replaced(doc);
    int stop = r->on_doc ? r->on_doc(doc, source, r->ctx) : 0;
    ro_doc_free(doc);
    progress(r, o, false);
    return stop;
}

/* ---- plain text -------------------------------------------------------------------- */

static int read_text(ro_reader *r, const char *bytes, size_t len, const char *source,
                     const ro_read_opts *o)
{
    ro_error err = {0};
    ro_meta meta = {0};
    meta.id = source;
    /* a UTF-8 byte order mark is not part of the text, but offsets stay
     * offsets into the file: keep it and let segmentation skip it. */
    ro_doc *doc = ro_doc_new(bytes, len, &meta, o->flags, &err);
    if (!doc) {
        report(r, source, &err);
        return 0;
    }
    return emit(r, doc, source, o);
}

/* ---- JSON Lines ------------------------------------------------------------------------ */

/* A metadata field: a string as it is, a number as its JSON text (7 gives
 * "7", 2.5 gives "2.5"); any other value (true, null, an array, an object)
 * is taken as absent.  tmp is this field's own buffer. */
static const char *json_field(json_t *obj, const char *key, char *tmp, size_t tmpsz)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return NULL;
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(tmp, tmpsz, "%lld", (long long)json_integer_value(v));
        return tmp;
    }
    if (json_is_real(v)) {
        snprintf(tmp, tmpsz, "%.17g", json_real_value(v));
        return tmp;
    }
    return NULL;
}

/* Replace invalid UTF-8 in a line with U+FFFD (lenient mode). */
static char *sanitize_line(const char *s, size_t n, size_t *outlen, size_t *count)
{
    ro_buf b = {0};
    size_t i = 0;
    while (i < n) {
        size_t ok = ro_utf8_valid_prefix((const unsigned char *)s + i, n - i);
        ro_buf_put(&b, s + i, ok);
        i += ok;
        if (i < n) {
            ro_buf_put(&b, "\xEF\xBF\xBD", 3);
            (*count)++;
            i++;
        }
    }
    if (!b.data)
        ro_buf_put(&b, "", 0);
    *outlen = b.len;
    return b.data;
}

static int read_jsonl_line(ro_reader *r, const char *line, size_t n, const char *source,
                           uint64_t lineno, uint64_t offset, const ro_read_opts *o)
{
    if (offset == 0 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3; /* a UTF-8 byte order mark before the first record */
        n -= 3;
    }
    size_t a = 0;
    while (a < n && (line[a] == ' ' || line[a] == '\t' || line[a] == '\r'))
        a++;
    if (a == n)
        return 0; /* blank line */
    ro_error err = {0};
    size_t bad = 0;
    char *clean = NULL;
    size_t cleanlen = n;
    if (o->flags & RO_LENIENT) {
        clean = sanitize_line(line, n, &cleanlen, &bad);
        line = clean;
        n = cleanlen;
    }
    json_error_t je;
    json_t *obj = json_loadb(line, n, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &je);
    if (!obj || !json_is_object(obj)) {
        ro_set_error(&err, RO_ERR_JSON, offset, "line %llu (byte offset %llu): %s%s",
                     (unsigned long long)lineno, (unsigned long long)offset,
                     obj ? "not a JSON object" : "invalid JSON: ", obj ? "" : je.text);
        json_decref(obj);
        free(clean);
        report(r, source, &err);
        return 0;
    }
    json_t *text = json_object_get(obj, "text");
    if (!text || !json_is_string(text)) {
        ro_set_error(&err, RO_ERR_JSON, offset, "line %llu (byte offset %llu): no \"text\" string",
                     (unsigned long long)lineno, (unsigned long long)offset);
        json_decref(obj);
        free(clean);
        report(r, source, &err);
        return 0;
    }
    char num[6][32]; /* one buffer per field: numbers must not share one */
    char fallback[4096];
    ro_meta meta = {0};
    meta.id = json_field(obj, "id", num[0], sizeof num[0]);
    if (!meta.id) {
        snprintf(fallback, sizeof fallback, "%s:%llu", source, (unsigned long long)lineno);
        meta.id = fallback;
    }
    meta.url = json_field(obj, "url", num[1], sizeof num[1]);
    meta.title = json_field(obj, "title", num[2], sizeof num[2]);
    meta.date = json_field(obj, "date", num[3], sizeof num[3]);
    meta.outlet = json_field(obj, "outlet", num[4], sizeof num[4]);
    meta.language = json_field(obj, "language", num[5], sizeof num[5]);
    size_t tlen = json_string_length(text);
    int stop = 0;
    if (tlen > o->max_doc) {
        ro_set_error(&err, RO_ERR_TOO_BIG, offset,
                     "line %llu: document of %zu bytes is larger than the limit of %llu bytes (--max-doc-size)",
                     (unsigned long long)lineno, tlen, (unsigned long long)o->max_doc);
        report(r, source, &err);
    } else {
        ro_doc *doc = ro_doc_new(json_string_value(text), tlen, &meta, o->flags, &err);
        if (!doc) {
            char msg[sizeof err.message];
            int k = snprintf(msg, sizeof msg, "line %llu, \"text\": ", (unsigned long long)lineno);
            if (k > 0 && (size_t)k < sizeof msg)
                memcpy(msg + k, err.message, sizeof msg - (size_t)k - 1);
            msg[sizeof msg - 1] = '\0';
            memcpy(err.message, msg, sizeof msg);
            report(r, source, &err);
        } else {
            doc->replaced += bad;
            stop = emit(r, doc, source, o);
        }
    }
    json_decref(obj);
    free(clean);
    return stop;
}

static void read_jsonl_buffer(ro_reader *r, const char *bytes, size_t len, const char *source,
                              const ro_read_opts *o)
{
    size_t i = 0;
    uint64_t lineno = 0;
    while (i < len) {
        const char *nl = memchr(bytes + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - bytes) : len;
        lineno++;
        if ((uint64_t)(e - i) > o->max_doc) {
            ro_error err;
            ro_set_error(&err, RO_ERR_TOO_BIG, i,
                         "line %llu (byte offset %zu): longer than the limit of %llu bytes "
                         "(--max-doc-size); skipped to the next line",
                         (unsigned long long)lineno, i, (unsigned long long)o->max_doc);
            report(r, source, &err);
        } else if (read_jsonl_line(r, bytes + i, e - i, source, lineno, i, o))
            return;
        i = e + 1;
    }
}

/* JSON Lines from a stream, in bounded chunks: a line is held whole only
 * up to --max-doc-size; a longer one is refused (named by its line number
 * and byte offset) as soon as it passes the limit, the rest of it skipped
 * to the next newline (but no further than 16 times the limit, 64 MiB at
 * least: then the rest of the input is given up, with an error), and
 * reading goes on.  A read error, or memory that
 * cannot be had for a line, is an error, never the end of the input. */
static void read_jsonl_stream(ro_reader *r, FILE *fp, const char *source, const ro_read_opts *o)
{
    enum { CHUNK = 1 << 16 };
    char *chunk = ro_xmalloc(CHUNK);
    char *line = NULL;
    size_t len = 0, cap = 0;
    bool skipping = false; /* the rest of a refused line */
    uint64_t lineno = 1, line_at = 0, offset = 0;
    uint64_t limit = o->max_doc;
    /* a refused line is skipped to its end, but not for ever: 16 times the limit, 64 MiB at least */
    uint64_t skip_cap = limit > UINT64_MAX / 16 ? UINT64_MAX : limit * 16;
    if (skip_cap < (64u << 20))
        skip_cap = 64u << 20;
    size_t k;
    int stop = 0;
    while (!stop && (k = fread(chunk, 1, CHUNK, fp)) > 0) {
        r->bytes += k;
        size_t i = 0;
        while (i < k && !stop) {
            const char *nl = memchr(chunk + i, '\n', k - i);
            size_t e = nl ? (size_t)(nl - chunk) : k;
            size_t piece = e - i;
            if (!skipping && (uint64_t)len + piece > limit) {
                ro_error err;
                ro_set_error(&err, RO_ERR_TOO_BIG, line_at,
                             "line %llu (byte offset %llu): longer than the limit of %llu bytes "
                             "(--max-doc-size); skipped to the next line",
                             (unsigned long long)lineno, (unsigned long long)line_at,
                             (unsigned long long)limit);
                report(r, source, &err);
                skipping = true;
                len = 0;
            }
            if (!skipping && piece) {
                if (len + piece > cap) {
                    size_t want = cap ? cap : CHUNK;
                    while (want < len + piece)
                        want = want > SIZE_MAX / 2 ? len + piece : want * 2;
                    if ((uint64_t)want > limit)
                        want = (size_t)limit;
                    char *nb = realloc(line, want);
                    if (!nb) {
                        ro_error err;
                        ro_set_error(&err, RO_ERR_NOMEM, line_at,
                                     "line %llu (byte offset %llu): out of memory for a line of "
                                     "%zu bytes or more; skipped to the next line",
                                     (unsigned long long)lineno, (unsigned long long)line_at,
                                     len + piece);
                        report(r, source, &err);
                        free(line);
                        line = NULL;
                        len = cap = 0;
                        skipping = true;
                    } else {
                        line = nb;
                        cap = want;
                    }
                }
                if (!skipping) {
                    memcpy(line + len, chunk + i, piece);
                    len += piece;
                }
            }
            offset += piece;
            i = e;
            if (skipping && !nl && offset - line_at > skip_cap) {
                /* no line end in sight (/dev/zero): the input is given up, with an error */
                ro_error err;
                ro_set_error(&err, RO_ERR_TOO_BIG, line_at,
                             "line %llu (byte offset %llu): no line end in %llu bytes; the rest of the "
                             "input is not read",
                             (unsigned long long)lineno, (unsigned long long)line_at,
                             (unsigned long long)(offset - line_at));
                report(r, source, &err);
                stop = 1;
                break;
            }
            if (nl) {
                if (!skipping)
                    stop = read_jsonl_line(r, line ? line : "", len, source, lineno, line_at, o);
                offset++;
                i++;
                lineno++;
                line_at = offset;
                len = 0;
                skipping = false;
            }
        }
    }
    if (!stop && ferror(fp)) {
        int e = errno;
        const char *why = ro_gzip_last_error();
        ro_error err;
        if (why)
            ro_set_error(&err, RO_ERR_FORMAT, offset, "%s (line %llu, after %llu uncompressed bytes)",
                         why, (unsigned long long)lineno, (unsigned long long)offset);
        else
            ro_set_error(&err, RO_ERR_IO, offset, "read error at line %llu (byte offset %llu): %s",
                         (unsigned long long)lineno, (unsigned long long)offset, strerror(e));
        report(r, source, &err);
    } else if (!stop && !skipping && len) {
        read_jsonl_line(r, line, len, source, lineno, line_at, o); /* no final newline */
    }
    free(line);
    free(chunk);
}

/* ---- dispatch ----------------------------------------------------------------------------- */

void ro_reader_fail(ro_reader *r, const char *source, const ro_error *err)
{
    report(r, source, err);
}

int ro_reader_emit(ro_reader *r, ro_doc *doc, const char *source, const ro_read_opts *o)
{
    return emit(r, doc, source, o);
}

static ro_input_kind sniff(const char *bytes, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
        i++;
    if (i < len && bytes[i] == '{')
        return RO_IN_JSONL;
    if (len - i >= 5 && memcmp(bytes + i, "WARC/", 5) == 0)
        return RO_IN_WARC;
    if (i < len && bytes[i] == '<') {
        size_t k = len - i < 512 ? len - i : 512;
        for (size_t j = i; j + 5 <= i + k; j++)
            if ((bytes[j + 1] | 0x20) == 'h' && bytes[j] == '<' && (bytes[j + 2] | 0x20) == 't' &&
                (bytes[j + 3] | 0x20) == 'm' && (bytes[j + 4] | 0x20) == 'l')
                return RO_IN_HTML;
        if (len - i >= 9 && (bytes[i + 1] == '!' || bytes[i + 1] == '?'))
            return RO_IN_HTML;
    }
    return RO_IN_TEXT;
}

void ro_read_buffer(ro_reader *r, const char *bytes, size_t len, const char *source,
                    ro_input_kind kind, const ro_read_opts *o)
{
    if (kind == RO_IN_AUTO)
        kind = sniff(bytes, len);
    switch (kind) {
    case RO_IN_JSONL:
        read_jsonl_buffer(r, bytes, len, source, o);
        break;
    case RO_IN_HTML:
        ro_read_html_buffer(r, bytes, len, source, o);
        break;
    case RO_IN_WARC:
        ro_read_warc_buffer(r, bytes, len, source, o);
        break;
    default:
        read_text(r, bytes, len, source, o);
        break;
    }
}

/* Read a whole stream into memory, refusing more than limit bytes. */
static char *slurp(FILE *fp, uint64_t limit, size_t *len, ro_error *err, const char *source)
{
    ro_buf b = {0};
    char chunk[1 << 16];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if ((uint64_t)b.len + k > limit) {
            ro_set_error(err, RO_ERR_TOO_BIG, b.len,
                         "larger than the limit of %llu bytes for one document (--max-doc-size)",
                         (unsigned long long)limit);
            ro_buf_free(&b);
            return NULL;
        }
        ro_buf_put(&b, chunk, k);
    }
    if (ferror(fp)) {
        int e = errno;
        const char *why = ro_gzip_last_error();
        if (why)
            ro_set_error(err, RO_ERR_FORMAT, b.len, "%s (after %zu uncompressed bytes)", why, b.len);
        else
            ro_set_error(err, RO_ERR_IO, b.len, "read error at byte offset %zu: %s", b.len,
                         strerror(e));
        ro_buf_free(&b);
        return NULL;
    }
    (void)source;
    if (!b.data)
        ro_buf_put(&b, "", 0);
    *len = b.len;
    return b.data;
}

static void read_stream(ro_reader *r, FILE *fp, const char *source, ro_input_kind kind,
                        const ro_read_opts *o, uint64_t size_hint)
{
    if (kind == RO_IN_JSONL) {
        read_jsonl_stream(r, fp, source, o);
        return;
    }
    if (kind == RO_IN_WARC) {
        ro_read_warc_stream(r, fp, source, o);
        return;
    }
    ro_error err = {0};
    if (size_hint > o->max_doc && kind != RO_IN_WARC) {
        ro_set_error(&err, RO_ERR_TOO_BIG, 0,
                     "file of %llu bytes is larger than the limit of %llu bytes for one document "
                     "(--max-doc-size)",
                     (unsigned long long)size_hint, (unsigned long long)o->max_doc);
        report(r, source, &err);
        return;
    }
    size_t len = 0;
    /* WARC files hold many documents: allow them up to 16x the per-document limit */
    uint64_t limit = kind == RO_IN_WARC ? o->max_doc * 16 : o->max_doc;
    char *bytes = slurp(fp, limit, &len, &err, source);
    if (!bytes) {
        report(r, source, &err);
        return;
    }
    if (kind == RO_IN_AUTO && ro_kind_from_name(source) != RO_IN_TEXT)
        kind = ro_kind_from_name(source);
    if (kind == RO_IN_AUTO)
        kind = sniff(bytes, len);
    if (kind == RO_IN_JSONL) {
        read_jsonl_buffer(r, bytes, len, source, o);
        r->bytes += len;
    } else if (kind == RO_IN_TEXT) { /* (the document takes the bytes read: no second copy) */
        r->bytes += len;
        ro_meta meta = {0};
        meta.id = source;
        ro_doc *doc = ro_doc_take(bytes, len, &meta, o->flags, &err);
        if (!doc) {
            report(r, source, &err);
            free(bytes);
            return;
        }
        emit(r, doc, source, o);
        return;
    } else {
        r->bytes += len;
        ro_read_buffer(r, bytes, len, source, kind, o);
    }
    free(bytes);
}

/* ---- walking directories ------------------------------------------------------- */

/* Every directory and file reached, by (device, inode): symbolic links are
 * followed, but nothing is read twice and a link back up the tree is a
 * cycle, reported and skipped. */
typedef struct {
    dev_t dev;
    ino_t ino;
    bool used;
} seen_slot;

typedef struct {
    seen_slot *slot;
    size_t n, cap; /* cap a power of two */
} seen_set;

static seen_set g_seen;

static size_t seen_hash(dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15ULL ^ ((uint64_t)dev + 0x632BE59BD9B4E019ULL);
    h ^= h >> 29;
    return (size_t)h;
}

/* Add (dev, ino); false if it was there already. */
static bool seen_add(seen_set *s, dev_t dev, ino_t ino)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        seen_slot *ns = ro_xcalloc(nc, sizeof *ns);
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i].used) {
                size_t j = seen_hash(s->slot[i].dev, s->slot[i].ino) & (nc - 1);
                while (ns[j].used)
                    j = (j + 1) & (nc - 1);
                ns[j] = s->slot[i];
            }
        free(s->slot);
        s->slot = ns;
        s->cap = nc;
    }
    size_t j = seen_hash(dev, ino) & (s->cap - 1);
    while (s->slot[j].used) {
        if (s->slot[j].dev == dev && s->slot[j].ino == ino)
            return false;
        j = (j + 1) & (s->cap - 1);
    }
    s->slot[j] = (seen_slot){dev, ino, true};
    s->n++;
    return true;
}

static void seen_clear(seen_set *s)
{
    free(s->slot);
    memset(s, 0, sizeof *s);
}

/* The directories being walked, from the top: a link to one of them is a cycle. */
typedef struct dir_frame {
    dev_t dev;
    ino_t ino;
    const struct dir_frame *up;
} dir_frame;

static void warn(ro_reader *r, const char *source, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->warnings++;
    if (r->on_warning) {
        ro_error w;
        ro_set_error(&w, RO_OK, 0, "%s", msg);
        r->on_warning(source, &w, r->ctx);
    } else {
        fprintf(stderr, "readout: warning: %s: %s\n", source, msg);
    }
}

static void read_file(ro_reader *r, const char *path, const struct stat *st, const ro_read_opts *o);

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void read_dir(ro_reader *r, const char *path, const struct stat *dst,
                     const dir_frame *up, const ro_read_opts *o, int depth)
{
    if (depth > 64) {
        ro_error err;
        ro_set_error(&err, RO_ERR_IO, 0, "directories nested more than 64 deep");
        report(r, path, &err);
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        ro_error err;
        ro_set_error(&err, RO_ERR_IO, 0, "%s", strerror(errno));
        report(r, path, &err);
        return;
    }
    dir_frame here = {dst->st_dev, dst->st_ino, up};
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        size_t pl = strlen(path);
        char *full = ro_xmalloc(pl + strlen(de->d_name) + 2);
        sprintf(full, "%s%s%s", path, (pl && path[pl - 1] == '/') ? "" : "/", de->d_name);
        RO_PUSH(names, n, cap, full);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        struct stat lst, st;
        const char *p = names[i];
        if (lstat(p, &lst) != 0) {
            free(names[i]);
            continue; /* gone since the listing */
        }
        bool link = S_ISLNK(lst.st_mode);
        if (stat(p, &st) != 0) {
            if (link)
                warn(r, p, errno == ELOOP ? "symbolic link loop (too many levels of links), skipped"
                           : errno == ENOENT ? "dangling symbolic link, skipped"
                                             : "symbolic link not followed (%s), skipped",
                     strerror(errno));
            else {
                ro_error err;
                ro_set_error(&err, RO_ERR_IO, 0, "%s", strerror(errno));
                report(r, p, &err);
            }
            free(names[i]);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            bool cycle = false;
            for (const dir_frame *f = &here; f; f = f->up)
                if (f->dev == st.st_dev && f->ino == st.st_ino)
                    cycle = true;
            if (cycle)
                warn(r, p, "symbolic link cycle, skipped");
            else if (!seen_add(&g_seen, st.st_dev, st.st_ino))
                warn(r, p, "directory already read (by another link), skipped");
            else
                read_dir(r, p, &st, &here, o, depth + 1);
        } else if (S_ISREG(st.st_mode) && wanted_in_dir(p)) {
            if (!seen_add(&g_seen, st.st_dev, st.st_ino))
                warn(r, p, "file already read (by another link or name), skipped");
            else
                read_file(r, p, &st, o);
        }
        free(names[i]);
    }
    free(names);
}

static void read_path(ro_reader *r, const char *path, const ro_read_opts *o)
{
    if (strcmp(path, "-") == 0) {
        read_stream(r, stdin, "-", o->kind, o, 0);
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        ro_error err;
        ro_set_error(&err, RO_ERR_IO, 0, "%s", strerror(errno));
        report(r, path, &err);
        return;
    }
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
        read_file(r, path, &st, o); /* a pipe or a device: read as it comes */
        return;
    }
    if (!seen_add(&g_seen, st.st_dev, st.st_ino)) {
        warn(r, path, S_ISDIR(st.st_mode) ? "directory already read, skipped"
                                          : "file already read, skipped");
        return;
    }
    if (S_ISDIR(st.st_mode))
        read_dir(r, path, &st, NULL, o, 0);
    else
        read_file(r, path, &st, o);
}

static void read_file(ro_reader *r, const char *path, const struct stat *stp, const ro_read_opts *o)
{
    ro_input_kind kind = o->kind != RO_IN_AUTO ? o->kind : ro_kind_from_name(path);
    FILE *fp;
    bool gz = ends_with(path, ".gz");
    if (gz) {
        ro_error err = {0};
        fp = ro_open_gzip(path, &err);
        if (!fp) {
            report(r, path, &err);
            return;
        }
    } else {
        fp = fopen(path, "rb");
    }
    if (!fp) {
        ro_error err;
        ro_set_error(&err, RO_ERR_IO, 0, "%s", strerror(errno));
        report(r, path, &err);
        return;
    }
    if (kind == RO_IN_TEXT && o->kind == RO_IN_AUTO && !ends_with(path, ".txt") &&
        !ends_with(path, ".text") && !ends_with(path, ".md"))
        kind = RO_IN_AUTO; /* unknown extension: look at the content */
    read_stream(r, fp, path, kind, o, gz || !S_ISREG(stp->st_mode) ? 0 : (uint64_t)stp->st_size);
    fclose(fp);
}

uint64_t ro_read_paths(ro_reader *r, char *const *paths, size_t npaths, const ro_read_opts *o)
{
    t_start = 0;
    uint64_t before = r->errors;
    seen_clear(&g_seen);
    if (npaths == 0)
        read_path(r, "-", o);
    for (size_t i = 0; i < npaths; i++)
        read_path(r, paths[i], o);
    seen_clear(&g_seen);
    if (r->docs || r->bytes)
        progress(r, o, true);
    return r->errors - before;
}
