/* score_html.c: scores article extraction and metadata against a
 * conformance suite of saved web pages (Mozilla Readability's test pages:
 * DIR/NAME/source.html, expected.html, expected-metadata.json).
 *
 *   score_html [-v] DIR [--min-precision X] [--min-recall X]
 *              [--min-title X] [--min-byline X] [--min-language X] [--min-date X]
 *
 * Body text: the words (lower-cased runs of letters and digits; each CJK
 * character a word) of readout's extracted text against those of
 * expected.html's text, as multisets; precision and recall over all pages
 * together (micro) and page by page (macro).  Metadata: the share of pages
 * where readout's title, byline, language and date equal the expected
 * title, byline, lang and publishedTime (null equals null; white space
 * runs count as one space).  Exits 77 (skipped) when DIR does not exist,
 * 1 when a figure is below its floor. */
#include "internal.h"
#include "read.h"
#include "support.h"

#include <dirent.h>
#include <gumbo.h>
#include <jansson.h>
#include <sys/stat.h>

/* ---- word multisets ---------------------------------------------------- */

typedef struct {
    char **keys;
    long *counts;
    size_t cap, n;
    long total;
} wordset;

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static void ws_grow(wordset *w);

static long *ws_slot(wordset *w, const char *s, size_t n, bool add)
{
    if (add && (w->n + 1) * 2 > w->cap)
        ws_grow(w);
    if (!w->cap)
        return NULL;
    size_t i = hash(s, n) & (w->cap - 1);
    while (w->keys[i]) {
        if (strlen(w->keys[i]) == n && memcmp(w->keys[i], s, n) == 0)
            return &w->counts[i];
        i = (i + 1) & (w->cap - 1);
    }
    if (!add)
        return NULL;
    w->keys[i] = ro_xstrndup(s, n);
    w->counts[i] = 0;
    w->n++;
    return &w->counts[i];
}

static void ws_grow(wordset *w)
{
    wordset nw = {0};
    nw.cap = w->cap ? w->cap * 2 : 1024;
    nw.keys = ro_xcalloc(nw.cap, sizeof *nw.keys);
    nw.counts = ro_xcalloc(nw.cap, sizeof *nw.counts);
    for (size_t i = 0; i < w->cap; i++)
        if (w->keys[i]) {
            size_t j = hash(w->keys[i], strlen(w->keys[i])) & (nw.cap - 1);
            while (nw.keys[j])
                j = (j + 1) & (nw.cap - 1);
            nw.keys[j] = w->keys[i];
            nw.counts[j] = w->counts[i];
        }
    free(w->keys);
    free(w->counts);
    nw.n = w->n;
    nw.total = w->total;
    *w = nw;
}

static void ws_free(wordset *w)
{
    for (size_t i = 0; i < w->cap; i++)
        free(w->keys[i]);
    free(w->keys);
    free(w->counts);
    memset(w, 0, sizeof *w);
}

static bool cjk(int32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

static void add_words(wordset *w, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    ro_buf word = {0};
    size_t i = 0;
    while (i <= n) {
        size_t l = 1;
        int32_t cp = i < n ? ro_utf8_decode(u, n, i, &l) : ' ';
        bool wc = i < n && (ro_cp_is_letter(cp) || ro_cp_is_digit(cp)) && !cjk(cp);
        if (wc) {
            char enc[4];
            int k = ro_utf8_encode(ro_cp_tolower(cp), enc);
            ro_buf_put(&word, enc, (size_t)k);
        } else {
            if (word.len) {
                (*ws_slot(w, word.data, word.len, true))++;
                w->total++;
                word.len = 0;
            }
            if (i < n && cjk(cp) && ro_cp_is_letter(cp)) {
                (*ws_slot(w, s + i, l, true))++;
                w->total++;
            }
        }
        i += l;
    }
    ro_buf_free(&word);
}

/* expected.html's text: every text node (no script or style); with
 * no_captions, not the text of <figcaption> either */
static void html_words(const char *html, size_t len, wordset *w, bool no_captions)
{
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0;
    GumboOutput *g = gumbo_parse_with_options(&opt, html, len);
    const GumboNode **st = NULL;
    size_t sl = 0, sc = 0;
    RO_PUSH(st, sl, sc, g->root);
    while (sl) {
        const GumboNode *n = st[--sl];
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
            add_words(w, n->v.text.text, strlen(n->v.text.text));
        } else if (n->type == GUMBO_NODE_ELEMENT) {
            if (n->v.element.tag == GUMBO_TAG_SCRIPT || n->v.element.tag == GUMBO_TAG_STYLE)
                continue;
            if (no_captions && n->v.element.tag == GUMBO_TAG_FIGCAPTION)
                continue;
            for (unsigned i = n->v.element.children.length; i-- > 0;)
                RO_PUSH(st, sl, sc, (const GumboNode *)n->v.element.children.data[i]);
        }
    }
    free(st);
    gumbo_destroy_output(&opt, g);
}

static long overlap(wordset *a, wordset *b)
{
    long m = 0;
    for (size_t i = 0; i < a->cap; i++)
        if (a->keys[i]) {
            long *c = ws_slot(b, a->keys[i], strlen(a->keys[i]), false);
            if (c)
                m += a->counts[i] < *c ? a->counts[i] : *c;
        }
    return m;
}

/* ---- one page ----------------------------------------------------------- */

typedef struct {
    wordset words;
    char *title, *byline, *date, *lang;
    int docs;
} got;

static char *norm(const char *s)
{
    if (!s)
        return NULL;
    ro_buf b = {0};
    bool sp = false;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            sp = true;
            continue;
        }
        if (sp && b.len)
            ro_buf_putc(&b, ' ');
        sp = false;
        ro_buf_putc(&b, *s);
    }
    ro_buf_putc(&b, '\0');
    return b.data;
}

static int on_doc(ro_doc *doc, const char *source, void *ctx)
{
    got *g = ctx;
    (void)source;
    size_t len;
    const char *t = ro_doc_text(doc, &len);
    add_words(&g->words, t, len);
    const ro_meta *m = ro_doc_meta(doc);
    g->title = norm(m->title);
    g->byline = norm(m->byline);
    g->date = norm(m->date);
    g->lang = norm(m->language);
    g->docs++;
    return 0;
}

static void on_error(const char *source, const ro_error *err, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "%s: %s\n", source, err->message);
}

static bool same(const char *mine, json_t *expected)
{
    const char *e = json_is_string(expected) ? json_string_value(expected) : NULL;
    char *ne = norm(e);
    if (ne && !*ne) {
        free(ne);
        ne = NULL;
    }
    bool ok = (!mine && !ne) || (mine && ne && strcmp(mine, ne) == 0);
    free(ne);
    return ok;
}

int main(int argc, char **argv)
{
    bool verbose = false;
    const char *dir = NULL;
    double floor_p = 0, floor_r = 0, floor_t = 0, floor_b = 0, floor_l = 0, floor_d = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            verbose = true;
        else if (!strcmp(argv[i], "--min-precision") && i + 1 < argc)
            floor_p = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-recall") && i + 1 < argc)
            floor_r = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-title") && i + 1 < argc)
            floor_t = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-byline") && i + 1 < argc)
            floor_b = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-language") && i + 1 < argc)
            floor_l = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-date") && i + 1 < argc)
            floor_d = atof(argv[++i]);
        else
            dir = argv[i];
    }
    struct stat st;
    if (!dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("score_html: no conformance suite at %s: skipped\n", dir ? dir : "(none)");
        return 77;
    }
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t nn = 0, cn = 0;
    struct dirent *de;
    while (d && (de = readdir(d)))
        if (de->d_name[0] != '.')
            RO_PUSH(names, nn, cn, ro_xstrdup(de->d_name));
    if (d)
        closedir(d);
    if (nn)
        qsort(names, nn, sizeof *names, cmp_str);
    long tot_match = 0, tot_mine = 0, tot_exp = 0, tot_match_nc = 0, tot_exp_nc = 0;
    double sum_p = 0, sum_r = 0;
    int pages = 0, ok_t = 0, ok_b = 0, ok_l = 0, ok_d = 0, good = 0;
    for (size_t i = 0; i < nn; i++) {
        char path[4096];
        size_t slen, elen, mlen;
        snprintf(path, sizeof path, "%s/%s/source.html", dir, names[i]);
        char *src = slurp(path, &slen);
        snprintf(path, sizeof path, "%s/%s/expected.html", dir, names[i]);
        char *exp = slurp(path, &elen);
        snprintf(path, sizeof path, "%s/%s/expected-metadata.json", dir, names[i]);
        char *meta = slurp(path, &mlen);
        if (!src || !exp || !meta) {
            free(src), free(exp), free(meta), free(names[i]);
            continue;
        }
        got g = {0};
        ro_read_opts o = {0};
        o.max_doc = 1ULL << 30;
        ro_reader r = {0};
        r.on_doc = on_doc;
        r.on_error = on_error;
        r.ctx = &g;
        ro_read_buffer(&r, src, slen, names[i], RO_IN_HTML, &o);
        wordset ew = {0}, nc = {0};
        html_words(exp, elen, &ew, false);
        html_words(exp, elen, &nc, true);
        long m = overlap(&g.words, &ew);
        long mnc = overlap(&g.words, &nc);
        tot_match_nc += mnc;
        tot_exp_nc += nc.total;
        ws_free(&nc);
        double p = g.words.total ? (double)m / (double)g.words.total : (ew.total ? 0 : 1);
        double rc = ew.total ? (double)m / (double)ew.total : 1;
        tot_match += m;
        tot_mine += g.words.total;
        tot_exp += ew.total;
        sum_p += p;
        sum_r += rc;
        if (p >= 0.95 && rc >= 0.95)
            good++;
        json_error_t je;
        json_t *md = json_loads(meta, 0, &je);
        bool t = same(g.title, json_object_get(md, "title"));
        bool b = same(g.byline, json_object_get(md, "byline"));
        bool l = same(g.lang, json_object_get(md, "lang"));
        bool dt = same(g.date, json_object_get(md, "publishedTime"));
        ok_t += t, ok_b += b, ok_l += l, ok_d += dt;
        pages++;
        if (verbose) {
            printf("%-40s P %.3f R %.3f  words %ld/%ld%s%s%s%s\n", names[i], p, rc, g.words.total,
                   ew.total, t ? "" : " TITLE", b ? "" : " BYLINE", l ? "" : " LANG",
                   dt ? "" : " DATE");
            if (!t)
                printf("    title  got %s | want %s\n", g.title ? g.title : "null",
                       json_string_value(json_object_get(md, "title")) ? json_string_value(json_object_get(md, "title")) : "null");
            if (!b)
                printf("    byline got %s | want %s\n", g.byline ? g.byline : "null",
                       json_string_value(json_object_get(md, "byline")) ? json_string_value(json_object_get(md, "byline")) : "null");
            if (!l)
                printf("    lang   got %s | want %s\n", g.lang ? g.lang : "null",
                       json_string_value(json_object_get(md, "lang")) ? json_string_value(json_object_get(md, "lang")) : "null");
            if (!dt)
                printf("    date   got %s | want %s\n", g.date ? g.date : "null",
                       json_string_value(json_object_get(md, "publishedTime")) ? json_string_value(json_object_get(md, "publishedTime")) : "null");
        }
        json_decref(md);
        ws_free(&g.words);
        ws_free(&ew);
        free(g.title), free(g.byline), free(g.date), free(g.lang);
        free(src), free(exp), free(meta), free(names[i]);
    }
    free(names);
    if (!pages) {
        printf("score_html: no pages in %s: skipped\n", dir);
        return 77;
    }
    double P = tot_mine ? (double)tot_match / (double)tot_mine : 0;
    double R = tot_exp ? (double)tot_match / (double)tot_exp : 0;
    double T = (double)ok_t / pages, B = (double)ok_b / pages, L = (double)ok_l / pages,
           D = (double)ok_d / pages;
    printf("pages %d\n", pages);
    printf("body words: precision %.3f recall %.3f (all words together); per page: precision %.3f recall %.3f; "
           "pages with both >= 0.95: %d\n",
           P, R, sum_p / pages, sum_r / pages, good);
    printf("recall against expected.html without its <figcaption> text (readout leaves captions "
           "out): %.3f\n",
           tot_exp_nc ? (double)tot_match_nc / (double)tot_exp_nc : 0);
    printf("metadata exact match: title %.3f byline %.3f language %.3f date %.3f\n", T, B, L, D);
    int fail = 0;
#define FLOOR(v, f, name)                                                                   \
    if ((v) < (f)) {                                                                        \
        printf("FAIL: %s %.3f is below its floor %.3f\n", name, (v), (f));                  \
        fail = 1;                                                                           \
    }
    FLOOR(P, floor_p, "precision");
    FLOOR(R, floor_r, "recall");
    FLOOR(T, floor_t, "title");
    FLOOR(B, floor_b, "byline");
    FLOOR(L, floor_l, "language");
    FLOOR(D, floor_d, "date");
    return fail;
}
