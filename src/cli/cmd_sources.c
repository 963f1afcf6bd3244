/* cmd_sources.c: readout sources — where a text says its information
 * comes from: the links in a web page's article, "Source:" lines, bare
 * URLs, and "according to" a named source. */
#include "cli.h"

const char cmd_sources_usage[] =
    "Usage: readout sources [OPTION...] [FILE...]\n\n"
    "List the sources a document cites: every link in a web page's article\n"
    "with its anchor text, and in any text the citation lines (\"Source: ...\"),\n"
    "bare URLs and attributions to a named source (\"according to Reuters\").\n"
    "One JSON object a line by default, with these fields:\n"
    "  doc        the document id\n"
    "  kind       link, source (a \"Source:\" line), url (a bare URL in the text)\n"
    "             or according_to\n"
    "  url        the link's target or the URL cited, or null\n"
    "  anchor     the anchor text, the source named, or the URL as written\n"
    "  sentence   the sentence it stands in\n"
    "  start,end  byte offsets of the anchor in the document's text (for a web\n"
    "             page, the extracted text that 'readout text' prints)\n\n" CLI_COMMON_HELP
    "\nExamples:\n"
    "  readout sources article.html\n"
    "  readout sources --format tsv crawl.warc.gz > sources.tsv\n";

typedef struct {
    const char *kind;
    const char *url; /* NULL, or a pointer owned elsewhere */
    size_t urllen;
    ro_span anchor;
    ro_span line; /* for a citation line: the line, which is its sentence */
} source;

typedef struct {
    source *v;
    size_t n, cap;
} sources;

static bool is_url_char(unsigned char c)
{
    return c > 0x20 && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' && c != '`' &&
           c != '{' && c != '|' && c != '}' && c < 0x7F;
}

/* A URL at s[i] (http:// or https://); its length, trailing punctuation
 * excluded. */
static size_t url_at(const char *s, size_t n, size_t i)
{
    size_t k = 0;
    if (n - i >= 7 && strncasecmp(s + i, "http://", 7) == 0)
        k = 7;
    else if (n - i >= 8 && strncasecmp(s + i, "https://", 8) == 0)
        k = 8;
    else
        return 0;
    size_t e = i + k;
    while (e < n && is_url_char((unsigned char)s[e]))
        e++;
    while (e > i + k && strchr(".,;:!?)]'", s[e - 1]))
        e--;
    return e > i + k ? e - i : 0;
}

/* Is at inside one of the spans (in order, not overlapping)? */
static bool inside_links(const ro_link *ls, size_t nl, size_t at)
{
    size_t lo = 0, hi = nl;
    while (lo < hi) { /* the first link that ends after at */
        size_t mid = lo + (hi - lo) / 2;
        if (ls[mid].anchor.end <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nl && ls[lo].anchor.start <= at;
}

/* A named source after "according to": optional "the", then capitalised
 * words (joined by "of", "for", "and", "de"). */
static size_t named_source(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t end = i;
    if (n - i > 4 && strncmp(s + i, "the ", 4) == 0)
        i += 4;
    bool any = false;
    for (;;) {
        size_t l;
        if (i >= n)
            break;
        int32_t cp = ro_utf8_decode(u, n, i, &l);
        if (!(ro_cp_is_upper(cp) || ro_cp_is_digit(cp)))
            break;
        size_t j = i;
        while (j < n) {
            cp = ro_utf8_decode(u, n, j, &l);
            if (!(ro_cp_is_letter(cp) || ro_cp_is_digit(cp) || cp == '-' || cp == '.' || cp == '&' ||
                  cp == '\'' || cp == 0x2019))
                break;
            j += l;
        }
        while (j > i && (s[j - 1] == '.' || s[j - 1] == '\''))
            j--;
        end = j;
        any = true;
        i = j;
        /* another word? */
        if (i < n && s[i] == ' ') {
            size_t k = i + 1;
            static const char *const joins[] = {"of ", "for ", "and ", "de ", "on ", NULL};
            for (int m = 0; joins[m]; m++) {
                size_t jl = strlen(joins[m]);
                if (n - k > jl && strncmp(s + k, joins[m], jl) == 0) {
                    k += jl;
                    break;
                }
            }
            if (k < n) {
                cp = ro_utf8_decode(u, n, k, &l);
                if (ro_cp_is_upper(cp)) {
                    i = k;
                    continue;
                }
            }
        }
        break;
    }
    if (!any)
        return 0;
    return end;
}

static int cmp_source(const void *a, const void *b)
{
    const source *x = a, *y = b;
    if (x->anchor.start != y->anchor.start)
        return x->anchor.start < y->anchor.start ? -1 : 1;
    return 0;
}

static void find_sources(ro_doc *doc, sources *out)
{
    size_t n;
    const char *s = ro_doc_text(doc, &n);
    size_t nl;
    const ro_link *ls = ro_doc_links(doc, &nl);
    for (size_t i = 0; i < nl; i++) {
        source x = {"link", ls[i].url, strlen(ls[i].url), ls[i].anchor, {0, 0}};
        RO_PUSH(out->v, out->n, out->cap, x);
    }
    /* "Source:" lines */
    size_t first_line = out->n;
    size_t line = 0;
    while (line < n) {
        const char *nlp = memchr(s + line, '\n', n - line);
        size_t e = nlp ? (size_t)(nlp - s) : n;
        size_t i = line;
        while (i < e && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t k = 0;
        if (e - i > 7 && strncasecmp(s + i, "sources", 7) == 0)
            k = 7;
        else if (e - i > 6 && strncasecmp(s + i, "source", 6) == 0)
            k = 6;
        if (k && (s[i + k] == ':' || (e - i > k + 2 && strncmp(s + i + k, " -", 2) == 0))) {
            size_t a = i + k + (s[i + k] == ':' ? 1 : 2);
            while (a < e && (s[a] == ' ' || s[a] == '\t'))
                a++;
            size_t b = e;
            while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\r'))
                b--;
            if (b > a && !inside_links(ls, nl, a)) {
                source x = {"source", NULL, 0, {a, b}, {i, b}};
                for (size_t j = a; j < b; j++) {
                    size_t ul = url_at(s, b, j);
                    if (ul) {
                        x.url = s + j;
                        x.urllen = ul;
                        break;
                    }
                }
                RO_PUSH(out->v, out->n, out->cap, x);
                line = e + 1;
                continue;
            }
        }
        line = e + 1;
    }
    /* bare URLs and "according to" */
    size_t next_line = first_line, nlines = out->n;
    for (size_t i = 0; i < n; i++) {
        if ((s[i] == 'h' || s[i] == 'H') && (i == 0 || !is_url_char((unsigned char)s[i - 1]) || s[i - 1] == '(')) {
            size_t ul = url_at(s, n, i);
            if (ul) {
                bool dup = inside_links(ls, nl, i);
                /* the "Source:" lines are in order: skip those that end before i */
                while (next_line < nlines && out->v[next_line].anchor.end <= i)
                    next_line++;
                if (next_line < nlines && out->v[next_line].anchor.start <= i)
                    dup = true;
                if (!dup) {
                    source x = {"url", s + i, ul, {i, i + ul}, {0, 0}};
                    RO_PUSH(out->v, out->n, out->cap, x);
                }
                i += ul - 1;
                continue;
            }
        }
        if ((s[i] == 'a' || s[i] == 'A') && n - i > 13 && strncasecmp(s + i, "according to ", 13) == 0 &&
            (i == 0 || !((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z'))) {
            size_t a = i + 13;
            size_t e = named_source(s, n, a);
            if (e > a && !inside_links(ls, nl, a)) {
                source x = {"according_to", NULL, 0, {a, e}, {0, 0}};
                RO_PUSH(out->v, out->n, out->cap, x);
            }
        }
    }
    if (out->n > 1)
        qsort(out->v, out->n, sizeof *out->v, cmp_source);
}

typedef struct {
    cli_ctx *c;
    sources found;
} sources_ctx;

static int on_doc(ro_doc *doc, const char *source_name, void *vctx)
{
    sources_ctx *sc = vctx;
    cli_ctx *c = sc->c;
    (void)source_name;
    sc->found.n = 0;
    find_sources(doc, &sc->found);
    size_t len, ns;
    const char *t = ro_doc_text(doc, &len);
    const ro_span *sents = ro_doc_sentences(doc, &ns);
    const char *id = ro_doc_meta(doc)->id;
    if (c->format == FMT_TEXT) {
        ro_buf_puts(&c->obuf, "== ");
        ro_text_esc_cstr(&c->obuf, id);
        ro_buf_printf(&c->obuf, " (%zu)\n", sc->found.n);
    }
    for (size_t i = 0; i < sc->found.n; i++) {
        const source *x = &sc->found.v[i];
        ro_span sent = {x->anchor.start, x->anchor.end};
        if (x->line.end > x->line.start)
            sent = x->line;
        else if (ns) {
            size_t k = ro_doc_sentence_at(doc, x->anchor.start);
            if (k < ns && sents[k].start <= x->anchor.start) {
                sent = sents[k];
                if (sent.end < x->anchor.end)
                    sent.end = x->anchor.end;
            }
        }
        const char *a = t + x->anchor.start;
        size_t al = x->anchor.end - x->anchor.start;
        if (c->format == FMT_TSV) {
            ro_tsv_field(&c->obuf, id, strlen(id));
            ro_buf_printf(&c->obuf, "\t%s\t", x->kind);
            if (x->url)
                ro_tsv_field(&c->obuf, x->url, x->urllen);
            ro_buf_putc(&c->obuf, '\t');
            ro_tsv_field(&c->obuf, a, al);
            ro_buf_putc(&c->obuf, '\t');
            ro_tsv_field(&c->obuf, t + sent.start, sent.end - sent.start);
            ro_buf_printf(&c->obuf, "\t%zu\t%zu\n", x->anchor.start, x->anchor.end);
        } else if (c->format == FMT_TEXT) {
            ro_buf_printf(&c->obuf, "%-12s ", x->kind);
            ro_text_field(&c->obuf, a, al, 60);
            if (x->url) {
                ro_buf_puts(&c->obuf, " <");
                ro_text_field(&c->obuf, x->url, x->urllen, 200);
                ro_buf_putc(&c->obuf, '>');
            }
            ro_buf_putc(&c->obuf, '\n');
        } else {
            ro_json j;
            ro_json_begin(&j, &c->obuf);
            ro_json_cstr(&j, "doc", id);
            ro_json_cstr(&j, "kind", x->kind);
            if (x->url)
                ro_json_str(&j, "url", x->url, x->urllen);
            else
                ro_json_null(&j, "url");
            ro_json_str(&j, "anchor", a, al);
            ro_json_str(&j, "sentence", t + sent.start, sent.end - sent.start);
            ro_json_int(&j, "start", (long long)x->anchor.start);
            ro_json_int(&j, "end", (long long)x->anchor.end);
            ro_json_end(&j);
        }
        cli_flush(c, false);
    }
    return c->write_failed;
}

static void on_error(const char *source_name, const ro_error *err, void *vctx)
{
    sources_ctx *sc = vctx;
    cli_read_error(source_name, err, sc->c);
}

int cmd_sources(cli_ctx *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        int k = cli_common_option(c, argc, argv, &i);
        if (k < 0)
            return cli_usage_error(c, "sources", "bad option");
        if (k > 0)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage_error(c, "sources", "unknown option '%s'", argv[i]);
        cli_add_input(c, argv[i]);
    }
    if (c->format == FMT_HTML)
        return cli_usage_error(c, "sources", "--format html is not available here (json, tsv, text)");
    if (c->format == FMT_TSV)
        ro_buf_puts(&c->obuf, "doc\tkind\turl\tanchor\tsentence\tstart\tend\n");
    sources_ctx sc = {c, {0}};
    ro_reader r = {0};
    r.on_doc = on_doc;
    r.on_error = on_error;
    r.ctx = &sc;
    ro_read_paths(&r, c->inputs, c->ninputs, &c->read);
    free(sc.found.v);
    return cli_finish(c, &r);
}
