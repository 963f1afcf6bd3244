/* extract_html.c: a web page's article — its text with paragraph
 * structure, the links in it, and the page's metadata.
 *
 * The page is parsed by libgumbo (an HTML5 parser) into a tree allocated
 * in one arena, then flattened, in document order, into an array; every
 * pass after that is a loop over the array (no recursion, so any nesting
 * depth is safe for this file).  The article is found as Readability does
 * it, without rules for particular sites: paragraphs score their ancestors
 * by length and commas, class and id names that say "article" or "comment"
 * weigh for or against, link-heavy blocks lose; the best container wins,
 * with those of its siblings that look like more of the same.  Navigation,
 * forms, hidden elements, figures and captions never count as text. */
#define _GNU_SOURCE /* memmem */
#include "extract.h"

#include <gumbo.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdint.h>

/* ---- the flattened tree ------------------------------------------------- */

enum { N_ELEM, N_TEXT };
enum { R_KEEP = 0, R_ALWAYS, R_HIDDEN, R_UNLIKELY, R_CLEANED };

typedef struct {
    const GumboNode *g;
    uint32_t parent; /* UINT32_MAX for the root */
    uint32_t end;    /* one past the last node of the subtree */
    uint16_t tag;
    uint8_t type;
    uint8_t removed;
    uint8_t has_block; /* a block (div, p, table, list, ...) below it */
    uint8_t scored;    /* score initialised */
    uint8_t anc;       /* ANC_* : inside a table, code, figure */
    uint8_t media;     /* an image, video, embed or caption below it */
    /* counts over the kept part of the subtree */
    uint32_t text, link, commas, np, nimg, nli, ninput, nembed, headtext, listtext, direct;
    float score;
} xnode;

typedef struct {
    xnode *n;
    size_t len, cap;
    uint32_t body, html;
    const char *title_text; /* <title> */
    ro_buf scratch;
} xtree;

#define NONE UINT32_MAX
enum { ANC_TABLE = 1, ANC_CODE = 2, ANC_FIGURE = 4 };

static const char *attr(const xnode *x, const char *name)
{
    if (x->type != N_ELEM)
        return NULL;
    const GumboAttribute *a = gumbo_get_attribute(&x->g->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* Flatten the tree in document order, iteratively. */
static void flatten(xtree *t, const GumboNode *root)
{
    typedef struct {
        const GumboNode *g;
        uint32_t idx;
        unsigned next;
    } frame;
    frame *st = NULL;
    size_t sl = 0, sc = 0;
    t->body = t->html = NONE;
    /* the document's children: doctype is not a node; the root element is */
    const GumboVector *top = &root->v.document.children;
    for (unsigned k = 0; k < top->length; k++) {
        const GumboNode *g = top->data[k];
        if (g->type != GUMBO_NODE_ELEMENT)
            continue;
        xnode x = {0};
        x.g = g;
        x.parent = NONE;
        x.tag = (uint16_t)g->v.element.tag;
        x.type = N_ELEM;
        RO_PUSH(t->n, t->len, t->cap, x);
        frame f = {g, (uint32_t)(t->len - 1), 0};
        RO_PUSH(st, sl, sc, f);
        while (sl) {
            frame *cur = &st[sl - 1];
            const GumboVector *ch = &cur->g->v.element.children;
            if (cur->next >= ch->length) {
                t->n[cur->idx].end = (uint32_t)t->len;
                sl--;
                continue;
            }
            const GumboNode *c = ch->data[cur->next++];
            uint32_t parent = cur->idx;
            xnode y = {0};
            y.g = c;
            y.parent = parent;
            if (c->type == GUMBO_NODE_ELEMENT) {
                y.type = N_ELEM;
                y.tag = (uint16_t)c->v.element.tag;
                RO_PUSH(t->n, t->len, t->cap, y);
                uint32_t idx = (uint32_t)(t->len - 1);
                if (y.tag == GUMBO_TAG_BODY && t->body == NONE)
                    t->body = idx;
                if (y.tag == GUMBO_TAG_HTML && t->html == NONE)
                    t->html = idx;
                frame nf = {c, idx, 0};
                RO_PUSH(st, sl, sc, nf);
            } else if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
                       c->type == GUMBO_NODE_CDATA) {
                y.type = N_TEXT;
                y.end = (uint32_t)t->len + 1;
                RO_PUSH(t->n, t->len, t->cap, y);
            }
            /* comments and template contents are not part of the page's text */
        }
        if (t->html == NONE && x.tag == GUMBO_TAG_HTML)
            t->html = 0;
    }
    free(st);
    /* what each node is inside of, and what is below it: so that no pass
     * needs to walk up or down a deep tree for it */
    for (uint32_t i = 0; i < t->len; i++) {
        xnode *x = &t->n[i];
        if (x->parent == NONE)
            continue;
        const xnode *p = &t->n[x->parent];
        x->anc = p->anc | (p->tag == GUMBO_TAG_TABLE ? ANC_TABLE : 0) |
                 (p->tag == GUMBO_TAG_CODE ? ANC_CODE : 0) |
                 (p->tag == GUMBO_TAG_FIGURE ? ANC_FIGURE : 0);
    }
    for (uint32_t i = (uint32_t)t->len; i-- > 0;) {
        xnode *x = &t->n[i];
        if (x->type == N_ELEM && x->parent != NONE) {
            bool m = x->media || x->tag == GUMBO_TAG_IMG || x->tag == GUMBO_TAG_VIDEO ||
                     x->tag == GUMBO_TAG_IFRAME || x->tag == GUMBO_TAG_FIGCAPTION ||
                     x->tag == GUMBO_TAG_SVG;
            if (m)
                t->n[x->parent].media = 1;
        }
    }
}

/* ---- text helpers --------------------------------------------------------- */

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Characters (code points) of s after collapsing whitespace, and commas. */
static void text_stats(const char *s, uint32_t *chars, uint32_t *commas)
{
    uint32_t n = 0, c = 0;
    bool sp = false;
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if (is_ws(*p)) {
            sp = true;
            continue;
        }
        if (sp && n)
            n++;
        sp = false;
        if ((*p & 0xC0) != 0x80)
            n++;
        if (*p == ',')
            c++;
        else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) /* U+FF0C fullwidth comma */
            c++;
        else if (p[0] == 0xD8 && p[1] == 0x8C) /* U+060C Arabic comma */
            c++;
        else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81) /* U+3001 ideographic comma */
            c++;
    }
    *chars = n;
    *commas = c;
}

/* The whitespace-collapsed text of a subtree (kept nodes only, or all). */
static void subtree_text(const xtree *t, uint32_t i, ro_buf *b, bool kept_only)
{
    b->len = 0;
    bool sp = false;
    for (uint32_t k = i; k < t->n[i].end; k++) {
        const xnode *x = &t->n[k];
        if (kept_only && x->removed) {
            k = x->end - 1;
            continue;
        }
        if (x->type != N_TEXT)
            continue;
        for (const unsigned char *p = (const unsigned char *)x->g->v.text.text; *p; p++) {
            if (is_ws(*p)) {
                sp = true;
                continue;
            }
            if (sp && b->len)
                ro_buf_putc(b, ' ');
            sp = false;
            ro_buf_putc(b, (char)*p);
        }
    }
    ro_buf_putc(b, '\0');
    b->len--;
}

static char *trimmed_dup(const char *s)
{
    if (!s)
        return NULL;
    ro_buf b = {0};
    bool sp = false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (is_ws(*p)) {
            sp = true;
            continue;
        }
        if (sp && b.len)
            ro_buf_putc(&b, ' ');
        sp = false;
        ro_buf_putc(&b, (char)*p);
    }
    if (!b.len) {
        ro_buf_free(&b);
        return NULL;
    }
    ro_buf_putc(&b, '\0');
    return b.data;
}

static size_t word_count(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s; s++) {
        if (is_ws((unsigned char)*s))
            in = false;
        else if (!in) {
            in = true;
            n++;
        }
    }
    return n ? n : 1;
}

/* ---- class and id hints --------------------------------------------------- */

/* lower-cased "class id" (each cut at 256 bytes) into buf */
static const char *match_string(const xnode *x, char *buf, size_t sz)
{
    size_t k = 0;
    const char *parts[2] = {attr(x, "class"), attr(x, "id")};
    for (int j = 0; j < 2; j++) {
        if (!parts[j])
            continue;
        if (k && k < sz - 1)
            buf[k++] = ' ';
        for (size_t m = 0; parts[j][m] && m < 256 && k < sz - 1; m++) {
            char c = parts[j][m];
            buf[k++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
    }
    buf[k] = '\0';
    return buf;
}

static bool has_any(const char *s, const char *const *pats)
{
    if (!*s)
        return false;
    for (size_t i = 0; pats[i]; i++)
        if (strstr(s, pats[i]))
            return true;
    return false;
}

static bool has_token(const char *s, const char *tok)
{
    size_t n = strlen(tok);
    for (const char *p = s; (p = strstr(p, tok)); p++)
        if ((p == s || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

/* pat as a part of a class or id name: between spaces, '-', '_' or the
 * ends ("share-bar", "post_comments" but not "commentary", "blueprint") */
static bool has_part(const char *s, const char *pat)
{
    size_t n = strlen(pat);
    for (const char *p = s; (p = strstr(p, pat)); p++) {
        bool before = p == s || p[-1] == ' ' || p[-1] == '-' || p[-1] == '_';
        char c = p[n];
        bool after = c == '\0' || c == ' ' || c == '-' || c == '_' || (c >= '0' && c <= '9');
        if (before && after)
            return true;
    }
    return false;
}

static const char *const unlikely_pats[] = {
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
    /* not in Readability: consent banners, sign-up boxes, advertisements */
    "cookie", "consent", "newsletter", "advert", "ad-slot", "adslot", "ad-container", NULL};
static const char *const maybe_pats[] = {"and", "article", "body", "column", "content", "main",
                                         "mathjax", "shadow", NULL};
static const char *const positive_pats[] = {"article", "body", "content", "entry", "hentry",
                                            "h-entry", "main", "page", "pagination", "post",
                                            "text", "blog", "story", NULL};
static const char *const negative_pats[] = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
    "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", NULL};
/* Readability's list without "dateline": a dateline gives a place and a
 * date, not an author */
static const char *const byline_pats[] = {"byline", "author", "writtenby", "p-author", NULL};

static bool negative(const char *s)
{
    return has_any(s, negative_pats) || has_token(s, "hid");
}

static int class_weight(const xnode *x)
{
    int w = 0;
    char buf[300];
    const char *parts[2] = {attr(x, "class"), attr(x, "id")};
    for (int j = 0; j < 2; j++) {
        if (!parts[j] || !*parts[j])
            continue;
        size_t k = 0;
        for (size_t m = 0; parts[j][m] && m < 256; m++) {
            char c = parts[j][m];
            buf[k++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        buf[k] = '\0';
        if (negative(buf))
            w -= 25;
        if (has_any(buf, positive_pats))
            w += 25;
    }
    return w;
}

/* ---- element classes ------------------------------------------------------ */

static bool is_heading(int tag)
{
    return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6;
}

/* Elements Readability turns a <div> into a <p> without. */
static bool is_div_block(int tag)
{
    switch (tag) {
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DL: case GUMBO_TAG_DIV: case GUMBO_TAG_IMG:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
        return true;
    default:
        return false;
    }
}

/* Elements that start a paragraph of their own in the text. */
static bool is_block(int tag)
{
    switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI: case GUMBO_TAG_LISTING: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
    case GUMBO_TAG_UL: case GUMBO_TAG_XMP: case GUMBO_TAG_OPTION:
        return true;
    default:
        return false;
    }
}

/* Never article text, whatever the scores say. */
static bool always_removed(int tag)
{
    switch (tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_SVG: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_IMG:
    case GUMBO_TAG_MENU: case GUMBO_TAG_MAP: case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_META: case GUMBO_TAG_LINK: case GUMBO_TAG_BASE:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_DATALIST: case GUMBO_TAG_LABEL:
        return true;
    default:
        return false;
    }
}

/* style="display:none", visibility:hidden, hidden, aria-hidden */
static bool is_hidden(const xnode *x)
{
    const char *st = attr(x, "style");
    if (st) {
        char buf[512];
        size_t k = 0;
        for (size_t m = 0; st[m] && m < 4096 && k < sizeof buf - 1; m++)
            if (!is_ws((unsigned char)st[m]))
                buf[k++] = (char)((st[m] >= 'A' && st[m] <= 'Z') ? st[m] + 32 : st[m]);
        buf[k] = '\0';
        if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden"))
            return true;
    }
    if (attr(x, "hidden"))
        return true;
    const char *ah = attr(x, "aria-hidden");
    if (ah && strcmp(ah, "true") == 0) {
        const char *cl = attr(x, "class");
        if (!cl || !strstr(cl, "fallback-image"))
            return true;
    }
    return false;
}

static bool unlikely_role(const char *role)
{
    static const char *const roles[] = {"menu", "menubar", "complementary", "navigation",
                                        "alert", "alertdialog", "dialog", NULL};
    if (!role)
        return false;
    for (size_t i = 0; roles[i]; i++)
        if (strcmp(role, roles[i]) == 0)
            return true;
    return false;
}

/* A comment or reply form: it has somewhere to type. */
static bool is_input_form(const xtree *t, uint32_t i)
{
    /* not a form that wraps a whole page (as some frameworks do): its text
     * is short, in short pieces (labels, notes) */
    uint32_t text = 0;
    for (uint32_t k = i + 1; k < t->n[i].end; k++) {
        const xnode *x = &t->n[k];
        if (x->type == N_ELEM && (x->tag == GUMBO_TAG_SCRIPT || x->tag == GUMBO_TAG_STYLE)) {
            k = x->end - 1;
            continue;
        }
        if (x->type == N_TEXT) {
            uint32_t chars, commas;
            text_stats(x->g->v.text.text, &chars, &commas);
            if ((text += chars) > 2000 || chars > 150)
                return false;
        }
    }
    for (uint32_t k = i + 1; k < t->n[i].end; k++) {
        const xnode *x = &t->n[k];
        if (x->type != N_ELEM)
            continue;
        if (x->tag == GUMBO_TAG_TEXTAREA)
            return true;
        if (x->tag == GUMBO_TAG_INPUT) {
            const char *ty = attr(x, "type");
            if (!ty || !strcmp(ty, "text") || !strcmp(ty, "email") || !strcmp(ty, "search") ||
                !strcmp(ty, "url"))
                return true;
        }
    }
    return false;
}

static double similarity(const char *a, const char *b, bool unicode);
static bool is_url(const char *s);

/* ---- the extraction ------------------------------------------------------- */

enum { FL_STRIP_UNLIKELY = 1, FL_WEIGHT = 2, FL_CLEAN = 4 };

typedef struct {
    xtree *t;
    int flags;
    const char *title; /* the article title, to drop a heading that repeats it */
    char *byline;      /* found in the page */
    uint32_t byline_node;
} xstate;

static bool byline_candidate(xstate *s, uint32_t i, const char *ms)
{
    const xnode *x = &s->t->n[i];
    if (x->end - i > 200)
        return false; /* far too much inside for a name */
    const char *rel = attr(x, "rel"), *ip = attr(x, "itemprop");
    if (!((rel && strcmp(rel, "author") == 0) || (ip && strstr(ip, "author")) ||
          has_any(ms, byline_pats)))
        return false;
    uint32_t chars, commas;
    subtree_text(s->t, i, &s->t->scratch, false);
    text_stats(s->t->scratch.data, &chars, &commas);
    if (chars == 0 || chars >= 100)
        return false;
    /* prefer a child marked itemprop="name" */
    uint32_t src = i;
    for (uint32_t k = i + 1; k < x->end; k++) {
        const char *p2 = attr(&s->t->n[k], "itemprop");
        if (p2 && strstr(p2, "name")) {
            src = k;
            break;
        }
    }
    subtree_text(s->t, src, &s->t->scratch, false);
    text_stats(s->t->scratch.data, &chars, &commas);
    if (chars == 0)
        return false;
    s->byline = ro_xstrdup(s->t->scratch.data);
    return true;
}

/* Pass A: what is removed before scoring. */
/* The byline: the first element, outside what is never text, that says it
 * names the author and is short enough to be a name. */
static void find_byline(xstate *s)
{
    xtree *t = s->t;
    char ms[600];
    for (uint32_t i = 0; i < t->len; i++) {
        xnode *x = &t->n[i];
        if (x->type != N_ELEM)
            continue;
        if (always_removed(x->tag) || (x->tag != GUMBO_TAG_BODY && is_hidden(x))) {
            i = x->end - 1;
            continue;
        }
        if (x->tag == GUMBO_TAG_BODY || x->tag == GUMBO_TAG_HTML)
            continue;
        match_string(x, ms, sizeof ms);
        if (strstr(ms, "comment")) { /* not the authors of comments */
            i = x->end - 1;
            continue;
        }
        if (byline_candidate(s, i, ms))
            return;
    }
}

static void mark(xstate *s, bool find)
{
    xtree *t = s->t;
    char ms[600];
    for (uint32_t i = 0; i < t->len; i++) {
        xnode *x = &t->n[i];
        x->removed = R_KEEP;
        x->scored = 0;
        x->score = 0;
        if (x->type != N_ELEM)
            continue;
        uint8_t why = R_KEEP;
        int tag = x->tag;
        if (always_removed(tag))
            why = R_ALWAYS;
        else if (tag == GUMBO_TAG_FORM && is_input_form(t, i))
            why = R_ALWAYS;
        else if (tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML && is_hidden(x))
            why = R_HIDDEN;
        else if (tag == GUMBO_TAG_FIGURE && x->media)
            why = R_ALWAYS; /* an image, video or embed with its caption */
        if (why == R_KEEP && i == s->byline_node)
            why = R_UNLIKELY;
        if (why == R_KEEP && tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML) {
            match_string(x, ms, sizeof ms);
            if (find && !s->byline && byline_candidate(s, i, ms)) {
                s->byline_node = i;
                why = R_UNLIKELY;
            } else if (s->flags & FL_STRIP_UNLIKELY) {
                if (has_any(ms, unlikely_pats) && !has_any(ms, maybe_pats) &&
                    tag != GUMBO_TAG_A && !(x->anc & (ANC_TABLE | ANC_CODE)))
                    why = R_UNLIKELY;
                else if (unlikely_role(attr(x, "role")))
                    why = R_UNLIKELY;
            }
        }
        if (why != R_KEEP) {
            for (uint32_t k = i; k < x->end; k++)
                t->n[k].removed = why;
            i = x->end - 1;
        }
    }
}

static void add_stats(xnode *p, const xnode *c)
{
    p->text += c->text;
    p->link += c->link;
    p->commas += c->commas;
    p->np += c->np;
    p->nimg += c->nimg;
    p->nli += c->nli;
    p->ninput += c->ninput;
    p->nembed += c->nembed;
    p->headtext += c->headtext;
    p->listtext += c->listtext;
    p->has_block |= c->has_block | (c->type == N_ELEM && is_div_block(c->tag));
}

/* Pass B: counts over the kept part of each subtree, bottom up. */
static void count(xtree *t)
{
    for (uint32_t i = 0; i < t->len; i++) {
        xnode *x = &t->n[i];
        x->text = x->link = x->commas = x->np = x->nimg = x->nli = x->ninput = x->nembed = 0;
        x->headtext = x->listtext = x->direct = 0;
        x->has_block = 0;
    }
    for (uint32_t i = (uint32_t)t->len; i-- > 0;) {
        xnode *x = &t->n[i];
        if (x->type == N_ELEM) {
            int tag = x->tag;
            /* raw counts, kept or not, for the cleaning rules */
            if (tag == GUMBO_TAG_IMG)
                x->nimg++;
            else if (tag == GUMBO_TAG_INPUT)
                x->ninput++;
            else if (tag == GUMBO_TAG_OBJECT || tag == GUMBO_TAG_EMBED || tag == GUMBO_TAG_IFRAME)
                x->nembed++;
        }
        if (x->removed) {
            if (x->parent != NONE && x->type == N_ELEM) {
                xnode *p = &t->n[x->parent];
                p->nimg += x->nimg;
                p->ninput += x->ninput;
                p->nembed += x->nembed;
            }
            continue;
        }
        if (x->type == N_TEXT) {
            text_stats(x->g->v.text.text, &x->text, &x->commas);
        } else {
            int tag = x->tag;
            if (tag == GUMBO_TAG_P)
                x->np++;
            else if (tag == GUMBO_TAG_LI)
                x->nli++;
            else if (tag == GUMBO_TAG_A)
                x->link = x->text;
            if (is_heading(tag))
                x->headtext = x->text;
            if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL)
                x->listtext = x->text;
        }
        if (x->parent != NONE) {
            xnode *p = &t->n[x->parent];
            add_stats(p, x);
            if (x->type == N_TEXT || !(x->has_block || is_div_block(x->tag)))
                p->direct += x->text;
        }
    }
}

static float link_density(const xnode *x)
{
    return x->text ? (float)x->link / (float)x->text : 0.0f;
}

static void init_score(xstate *s, uint32_t i)
{
    xnode *x = &s->t->n[i];
    if (x->scored)
        return;
    x->scored = 1;
    float sc = 0;
    switch (x->tag) {
    case GUMBO_TAG_DIV: sc = 5; break;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: sc = 3; break;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: sc = -3; break;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH: sc = -5; break;
    default: break;
    }
    if (s->flags & FL_WEIGHT)
        sc += (float)class_weight(x);
    x->score = sc;
}

static bool scoring_unit(const xnode *x)
{
    switch (x->tag) {
    case GUMBO_TAG_SECTION: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_P: case GUMBO_TAG_TD:
    case GUMBO_TAG_PRE:
        return true;
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
        return !x->has_block;
    default:
        return false;
    }
}

static void add_score(xstate *s, uint32_t from, uint32_t chars, uint32_t commas, bool self)
{
    xtree *t = s->t;
    float sc = 1.0f + (float)commas + (float)(chars / 100 > 3 ? 3 : chars / 100);
    uint32_t a = self ? from : t->n[from].parent;
    for (int level = 0; level < 5 && a != NONE; level++, a = t->n[a].parent) {
        if (a == t->html || t->n[a].parent == NONE)
            break;
        init_score(s, a);
        float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
        t->n[a].score += sc / div;
    }
}

static uint32_t select_top(xstate *s)
{
    xtree *t = s->t;
    for (uint32_t i = 0; i < t->len; i++) {
        xnode *x = &t->n[i];
        if (x->removed) {
            i = x->end - 1;
            continue;
        }
        if (x->type != N_ELEM)
            continue;
        if (scoring_unit(x)) {
            if (x->text >= 25)
                add_score(s, i, x->text, x->commas, false);
        } else if (x->has_block && x->direct >= 25 &&
                   (x->tag == GUMBO_TAG_DIV || x->tag == GUMBO_TAG_SECTION ||
                    x->tag == GUMBO_TAG_ARTICLE || x->tag == GUMBO_TAG_MAIN)) {
            /* loose text beside blocks: Readability wraps it in a <p> */
            add_score(s, i, x->direct, 0, true);
        }
    }
    uint32_t top[5] = {NONE, NONE, NONE, NONE, NONE};
    for (uint32_t i = 0; i < t->len; i++) {
        xnode *x = &t->n[i];
        if (!x->scored || x->removed)
            continue;
        x->score *= 1.0f - link_density(x);
        for (int k = 0; k < 5; k++) {
            if (top[k] == NONE || x->score > t->n[top[k]].score) {
                memmove(top + k + 1, top + k, (size_t)(4 - k) * sizeof top[0]);
                top[k] = i;
                break;
            }
        }
    }
    uint32_t best = top[0];
    if (best == NONE || t->n[best].tag == GUMBO_TAG_BODY)
        return t->body;
    /* several near-best candidates inside one ancestor: take the ancestor */
    uint32_t alts[4];
    int nalt = 0;
    for (int k = 1; k < 5; k++)
        if (top[k] != NONE && t->n[top[k]].score / t->n[best].score >= 0.75f)
            alts[nalt++] = top[k];
    if (nalt >= 3) {
        for (uint32_t a = t->n[best].parent; a != NONE && t->n[a].tag != GUMBO_TAG_BODY;
             a = t->n[a].parent) {
            int inside = 0;
            for (int k = 0; k < nalt; k++)
                if (alts[k] > a && alts[k] < t->n[a].end)
                    inside++;
            if (inside >= 3) {
                best = a;
                break;
            }
        }
        init_score(s, best);
    }
    /* climb while the parent scores better */
    float last = t->n[best].score, thresh = last / 3.0f;
    for (uint32_t p = t->n[best].parent; p != NONE && t->n[p].tag != GUMBO_TAG_BODY;
         p = t->n[p].parent) {
        if (!t->n[p].scored)
            continue;
        float ps = t->n[p].score;
        if (ps < thresh)
            break;
        if (ps > last) {
            best = p;
            break;
        }
        last = ps;
    }
    /* an only child: take its parent */
    for (;;) {
        uint32_t p = t->n[best].parent;
        if (p == NONE || t->n[p].tag == GUMBO_TAG_BODY || t->n[p].tag == GUMBO_TAG_HTML)
            break;
        int elems = 0;
        for (uint32_t k = p + 1; k < t->n[p].end; k = t->n[k].end)
            if (t->n[k].type == N_ELEM && !t->n[k].removed)
                elems++;
        if (elems != 1)
            break;
        best = p;
        init_score(s, best);
    }
    return best;
}

static bool sentence_end(const char *s)
{
    const char *p = strstr(s, ". ");
    if (p)
        return true;
    size_t n = strlen(s);
    return n && s[n - 1] == '.';
}

/* The top candidate and the siblings that belong with it. */
static size_t pick_roots(xstate *s, uint32_t top, uint32_t **out)
{
    xtree *t = s->t;
    uint32_t *r = NULL;
    size_t n = 0, cap = 0;
    uint32_t parent = t->n[top].parent;
    if (top == t->body || parent == NONE) {
        RO_PUSH(r, n, cap, top);
        *out = r;
        return n;
    }
    float thresh = t->n[top].score * 0.2f;
    if (thresh < 10)
        thresh = 10;
    const char *tcl = attr(&t->n[top], "class");
    for (uint32_t k = parent + 1; k < t->n[parent].end; k = t->n[k].end) {
        xnode *x = &t->n[k];
        if (x->removed || x->type != N_ELEM)
            continue;
        bool take = k == top;
        if (!take) {
            float bonus = 0;
            const char *cl = attr(x, "class");
            if (tcl && *tcl && cl && strcmp(cl, tcl) == 0)
                bonus = t->n[top].score * 0.2f;
            if (x->scored && x->score + bonus >= thresh)
                take = true;
            else if (x->tag == GUMBO_TAG_P || (x->tag == GUMBO_TAG_DIV && !x->has_block)) {
                float ld = link_density(x);
                if (x->text > 80 && ld < 0.25f)
                    take = true;
                else if (x->text < 80 && x->text > 0 && ld == 0) {
                    subtree_text(t, k, &t->scratch, true);
                    take = sentence_end(t->scratch.data);
                }
            }
        }
        if (take)
            RO_PUSH(r, n, cap, k);
    }
    *out = r;
    return n;
}

/* Counts removed from below a node during cleaning, passed up one level at
 * a time: cleaning visits children before parents, so every node's counts
 * are up to date when it is judged, at no cost in depth. */
typedef struct {
    uint32_t text, link, commas, np, nli, headtext, listtext;
} xdelta;

static void delta_add(xdelta *d, const xdelta *e)
{
    d->text += e->text, d->link += e->link, d->commas += e->commas, d->np += e->np;
    d->nli += e->nli, d->headtext += e->headtext, d->listtext += e->listtext;
}

/* Remove a node found to be clutter, with its subtree. */
static void drop(xtree *t, uint32_t i)
{
    for (uint32_t k = i; k < t->n[i].end; k++) {
        if (t->n[k].removed) {
            k = t->n[k].end - 1; /* already gone, and all below it */
            continue;
        }
        t->n[k].removed = R_CLEANED;
    }
}

static bool is_data_table(const xtree *t, uint32_t i)
{
    const xnode *x = &t->n[i];
    const char *role = attr(x, "role");
    if (role && strcmp(role, "presentation") == 0)
        return false;
    const char *dt = attr(x, "datatable");
    if (dt && strcmp(dt, "0") == 0)
        return false;
    if (attr(x, "summary"))
        return true;
    uint32_t rows = 0, cols = 0, cells = 0;
    for (uint32_t k = i + 1; k < x->end; k++) {
        const xnode *y = &t->n[k];
        if (y->type != N_ELEM)
            continue;
        switch (y->tag) {
        case GUMBO_TAG_CAPTION: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
        case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP:
            return true;
        case GUMBO_TAG_TABLE:
            return false;
        case GUMBO_TAG_TR:
            rows++;
            if (cells > cols)
                cols = cells;
            cells = 0;
            break;
        case GUMBO_TAG_TD:
            cells++;
            break;
        default:
            break;
        }
    }
    if (cells > cols)
        cols = cells;
    if (rows == 1 || cols == 1)
        return false;
    if (rows >= 10 || cols > 4)
        return true;
    return rows * cols > 10;
}

static const char *const ui_phrases[] = {
    "print", "print this post", "print this page", "print this article", "share",
    "share this", "share this:", "share this article", "share this story", "share on facebook",
    "share on twitter", "tweet", "email", "e-mail", "email this", "like this:", "like",
    "leave a reply", "leave a comment", "reply", "related", "related posts",
    "related articles", "advertisement", "comments", "read more", "click to share",
    "subscribe", "sign up", NULL};

static bool ui_phrase(const char *s)
{
    char buf[64];
    size_t k = 0;
    for (; *s && k < sizeof buf - 1; s++)
        buf[k++] = (char)((*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
    if (*s)
        return false;
    buf[k] = '\0';
    for (size_t i = 0; ui_phrases[i]; i++)
        if (strcmp(buf, ui_phrases[i]) == 0)
            return true;
    return false;
}

/* Readability's prepArticle: drop what looks like clutter inside the
 * chosen containers, innermost first. */
static bool clutter(xstate *s, xnode *x, uint32_t i, uint32_t root, char *ms);

static void clean(xstate *s, const uint32_t *roots, size_t nroots)
{
    xtree *t = s->t;
    char ms[600];
    xdelta *delta = ro_xcalloc(t->len, sizeof *delta);
    for (size_t r = 0; r < nroots; r++) {
        uint32_t root = roots[r];
        for (uint32_t i = t->n[root].end; i-- > root;) {
            xnode *x = &t->n[i];
            if (x->removed || x->type != N_ELEM)
                continue;
            /* bring the counts up to date, and pass on what went below */
            xdelta *d = &delta[i];
            x->text -= d->text, x->link -= d->link, x->commas -= d->commas, x->np -= d->np;
            x->nli -= d->nli, x->headtext -= d->headtext, x->listtext -= d->listtext;
            bool gone = clutter(s, x, i, root, ms);
            if (gone && i != root) {
                drop(t, i);
                xdelta all = {x->text, x->link, x->commas, x->np, x->nli, x->headtext, x->listtext};
                delta_add(d, &all);
            }
            if (x->parent != NONE && i != root)
                delta_add(&delta[x->parent], d);
        }
    }
    free(delta);
}

/* Readability's prepArticle rules, and a few of ours, for one node. */
static bool clutter(xstate *s, xnode *x, uint32_t i, uint32_t root, char *ms)
{
    xtree *t = s->t;
    int tag = x->tag;
    bool gone = false;
    if (tag == GUMBO_TAG_FOOTER || tag == GUMBO_TAG_FIELDSET ||
        (tag == GUMBO_TAG_FORM && i != root)) {
        gone = i != root;
    }
    if (!gone && i != root && x->text < 500) {
        match_string(x, ms, 600);
        static const char *const clutter_pats[] = {"share", "sharing", "sharedaddy", "social",
                                               "print", "utility", "caption", "credit",
                                               "comment", "comments", NULL};
        for (size_t m = 0; clutter_pats[m] && !gone; m++)
            gone = has_part(ms, clutter_pats[m]);
        if (gone && has_any(ms, maybe_pats))
            gone = false;
    }
    if (!gone && i != root && x->text > 0 && x->text < 40 && x->end - i < 64 &&
        (is_block(tag) || tag == GUMBO_TAG_A || tag == GUMBO_TAG_SPAN ||
         tag == GUMBO_TAG_BUTTON)) {
        /* an inline element only when it stands alone in its block */
        uint32_t p = x->parent;
        if (is_block(tag) || (p != NONE && t->n[p].text == x->text)) {
            subtree_text(t, i, &t->scratch, true);
            if (ui_phrase(t->scratch.data))
                gone = true;
        }
    }
    if (!gone && (tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2) && (s->flags & FL_WEIGHT) &&
        class_weight(x) < 0)
        gone = true;
    if (!gone && (s->flags & FL_CLEAN) && i != root &&
        (tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL ||
         tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION || tag == GUMBO_TAG_FORM)) {
        bool is_list = tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL;
        if (!is_list && x->text)
            is_list = (float)x->listtext / (float)x->text > 0.9f;
        if (tag == GUMBO_TAG_TABLE && is_data_table(t, i))
            return false;
        if (x->anc & ANC_CODE)
            return false;
        int weight = (s->flags & FL_WEIGHT) ? class_weight(x) : 0;
        if (weight < 0) {
            gone = true;
        } else if (x->commas < 10) {
            float p = (float)x->np, img = (float)x->nimg;
            float li = (float)x->nli - 100;
            float input = (float)x->ninput;
            float hd = x->text ? (float)x->headtext / (float)x->text : 0;
            float ld = link_density(x);
            uint32_t len = x->text;
            bool fig = x->anc & ANC_FIGURE;
            if (img > 1 && p / img < 0.5f && !fig)
                gone = true;
            else if (!is_list && li > p)
                gone = true;
            else if (input > (float)(x->np / 3))
                gone = true;
            else if (!is_list && hd < 0.9f && len < 25 && (img == 0 || img > 2) && !fig)
                gone = true;
            else if (!is_list && weight < 25 && ld > 0.2f)
                gone = true;
            else if (weight >= 25 && ld > 0.5f)
                gone = true;
            else if ((x->nembed == 1 && len < 75) || x->nembed > 1)
                gone = true;
        }
    }
    if (!gone && s->title && (tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2) && x->text < 400 &&
        x->end - i < 1000) {
        /* the headline, repeated above the text */
        subtree_text(t, i, &t->scratch, true);
        if (t->scratch.len && similarity(s->title, t->scratch.data, true) > 0.75)
            gone = true;
    }
    return gone;
}

/* ---- writing the text ------------------------------------------------------- */

typedef struct {
    ro_buf out;
    int pending; /* 0 nothing, 1 space, 2 tab, 3 line break, 4 paragraph break */
    bool para_has_text;
    int brs;
    ro_link *links;
    size_t nlinks, caplinks;
    size_t link_start;
    const char *link_url;
    bool in_link;
} writer;

static void w_break(writer *w, int kind)
{
    if (w->out.len == 0)
        return;
    if (kind > w->pending)
        w->pending = kind;
    if (kind == 4)
        w->para_has_text = false;
}

static void w_flush(writer *w)
{
    if (w->out.len && w->pending) {
        switch (w->pending) {
        case 1: ro_buf_putc(&w->out, ' '); break;
        case 2: ro_buf_putc(&w->out, '\t'); break;
        case 3: ro_buf_putc(&w->out, '\n'); break;
        case 4: ro_buf_put(&w->out, "\n\n", 2); break;
        }
    }
    w->pending = 0;
    w->brs = 0;
    if (w->in_link && w->link_start == SIZE_MAX)
        w->link_start = w->out.len;
}

static void w_text(writer *w, const char *s, bool pre)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (pre && (*p == ' ' || *p == '\t') && w->para_has_text) {
            w_flush(w); /* white space inside <pre> is kept */
            ro_buf_putc(&w->out, (char)*p++);
            continue;
        }
        if (is_ws(*p)) {
            if (pre && *p == '\n') {
                if (w->para_has_text)
                    w_break(w, 3);
            } else if (w->para_has_text && w->pending < 1) {
                w->pending = 1;
            }
            p++;
            continue;
        }
        if (*p < 0x20 || *p == 0x7F) { /* control characters are not text */
            p++;
            continue;
        }
        if (!w->para_has_text && p[0] == 0xC2 && p[1] == 0xA0) {
            p += 2; /* a no-break space does not start a paragraph */
            continue;
        }
        if (!w->para_has_text && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x8B || p[2] == 0x8C)) {
            p += 3; /* nor does a zero-width space */
            continue;
        }
        w_flush(w);
        const unsigned char *q = p;
        while (*q && !is_ws(*q) && *q >= 0x20 && *q != 0x7F)
            q++;
        ro_buf_put(&w->out, (const char *)p, (size_t)(q - p));
        w->para_has_text = true;
        p = q;
    }
}

/* Resolve href against base.  Returns NULL for links that go nowhere. */
static char *resolve_url(const char *base, const char *href)
{
    while (is_ws((unsigned char)*href))
        href++;
    size_t hl = strlen(href);
    while (hl && is_ws((unsigned char)href[hl - 1]))
        hl--;
    if (hl == 0 || href[0] == '#')
        return NULL;
    /* scheme? */
    size_t k = 0;
    while (k < hl && (((href[k] | 0x20) >= 'a' && (href[k] | 0x20) <= 'z') ||
                      (k && ((href[k] >= '0' && href[k] <= '9') || href[k] == '+' ||
                             href[k] == '-' || href[k] == '.'))))
        k++;
    if (k > 0 && k < hl && href[k] == ':') {
        if ((k == 4 && strncasecmp(href, "http", 4) == 0) ||
            (k == 5 && strncasecmp(href, "https", 5) == 0) || (k == 3 && strncasecmp(href, "ftp", 3) == 0))
            return ro_xstrndup(href, hl);
        return NULL; /* javascript:, mailto:, data:, ... */
    }
    if (!base)
        return ro_xstrndup(href, hl);
    const char *sch = strstr(base, "://");
    if (!sch)
        return ro_xstrndup(href, hl);
    ro_buf b = {0};
    if (hl >= 2 && href[0] == '/' && href[1] == '/') {
        ro_buf_put(&b, base, (size_t)(sch - base) + 1);
        ro_buf_put(&b, href, hl);
    } else {
        const char *host = sch + 3;
        const char *path = host + strcspn(host, "/?#");
        if (href[0] == '/') {
            ro_buf_put(&b, base, (size_t)(path - base));
            ro_buf_put(&b, href, hl);
        } else if (href[0] == '?') {
            ro_buf_put(&b, base, (size_t)(path - base) + strcspn(path, "?#"));
            ro_buf_put(&b, href, hl);
        } else {
            size_t pl = strcspn(path, "?#");
            const char *slash = NULL;
            for (size_t m = 0; m < pl; m++)
                if (path[m] == '/')
                    slash = path + m;
            if (slash)
                ro_buf_put(&b, base, (size_t)(slash - base) + 1);
            else {
                ro_buf_put(&b, base, (size_t)(path - base));
                ro_buf_putc(&b, '/');
            }
            /* ./ and ../ */
            const char *h = href, *he = href + hl;
            for (;;) {
                if (he - h >= 2 && h[0] == '.' && h[1] == '/')
                    h += 2;
                else if (he - h >= 3 && h[0] == '.' && h[1] == '.' && h[2] == '/') {
                    h += 3;
                    size_t minlen = (size_t)(path - base) + 1;
                    if (b.len > minlen) {
                        b.len--; /* the trailing slash */
                        while (b.len > minlen && b.data[b.len - 1] != '/')
                            b.len--;
                    }
                } else
                    break;
            }
            ro_buf_put(&b, h, (size_t)(he - h));
        }
    }
    ro_buf_putc(&b, '\0');
    return b.data;
}

static void write_roots(xstate *s, const uint32_t *roots, size_t nroots, const char *base,
                        writer *w)
{
    xtree *t = s->t;
    /* an explicit stack of the elements open at k, to close blocks and links */
    uint32_t *open = NULL;
    size_t no = 0, co = 0;
    for (size_t r = 0; r < nroots; r++) {
        uint32_t root = roots[r];
        w_break(w, 4);
        int pre = 0;
        for (uint32_t k = root; k < t->n[root].end; k++) {
            /* close the elements that end before k */
            while (no && t->n[open[no - 1]].end <= k) {
                const xnode *c = &t->n[open[--no]];
                if (c->tag == GUMBO_TAG_PRE)
                    pre--;
                if (c->tag == GUMBO_TAG_A && w->in_link) {
                    if (w->link_start != SIZE_MAX && w->out.len > w->link_start && w->link_url) {
                        ro_link l = {{w->link_start, w->out.len}, w->link_url};
                        RO_PUSH(w->links, w->nlinks, w->caplinks, l);
                    } else {
                        free((char *)w->link_url);
                    }
                    w->link_url = NULL;
                    w->in_link = false;
                }
                if (is_block(c->tag))
                    w_break(w, 4);
                else if (c->tag == GUMBO_TAG_TD || c->tag == GUMBO_TAG_TH)
                    w_break(w, 2);
            }
            const xnode *x = &t->n[k];
            if (x->removed) {
                k = x->end - 1;
                continue;
            }
            if (x->type == N_TEXT) {
                w_text(w, x->g->v.text.text, pre > 0);
                continue;
            }
            int tag = x->tag;
            if (tag == GUMBO_TAG_BR) {
                if (w->para_has_text) {
                    w->brs++;
                    w_break(w, w->brs >= 2 ? 4 : 3);
                }
                continue;
            }
            if (is_block(tag))
                w_break(w, 4);
            else if ((tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) && w->para_has_text)
                w_break(w, 2);
            if (tag == GUMBO_TAG_PRE)
                pre++;
            if (tag == GUMBO_TAG_A && !w->in_link) {
                const char *href = attr(x, "href");
                w->link_url = href ? resolve_url(base, href) : NULL;
                if (w->link_url) {
                    w->in_link = true;
                    w->link_start = SIZE_MAX;
                }
            }
            RO_PUSH(open, no, co, k);
        }
        while (no) {
            const xnode *c = &t->n[open[--no]];
            if (c->tag == GUMBO_TAG_A && w->in_link) {
                if (w->link_start != SIZE_MAX && w->out.len > w->link_start && w->link_url) {
                    ro_link l = {{w->link_start, w->out.len}, w->link_url};
                    RO_PUSH(w->links, w->nlinks, w->caplinks, l);
                } else {
                    free((char *)w->link_url);
                }
                w->link_url = NULL;
                w->in_link = false;
            }
        }
    }
    free(open);
}

/* ---- metadata ----------------------------------------------------------------- */

typedef struct {
    char *v[32];
} metavals;

enum {
    M_DC_TITLE, M_DCTERM_TITLE, M_OG_TITLE, M_WEIBO_ART_TITLE, M_WEIBO_WEB_TITLE, M_TITLE,
    M_TWITTER_TITLE, M_PARSELY_TITLE, M_DC_CREATOR, M_DCTERM_CREATOR, M_AUTHOR,
    M_PARSELY_AUTHOR, M_ARTICLE_AUTHOR, M_ARTICLE_PUBLISHED, M_PARSELY_PUB_DATE,
    M_OG_SITE_NAME, M_DCTERM_AVAILABLE, M_DCTERM_CREATED, M_DCTERM_ISSUED, M_OG_URL,
    M_CONTENT_LANGUAGE, M_DATE_PUBLISHED, M_COUNT
};

static const char *const meta_keys[M_COUNT] = {
    "dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
    "title", "twitter:title", "parsely-title", "dc:creator", "dcterm:creator", "author",
    "parsely-author", "article:author", "article:published_time", "parsely-pub-date",
    "og:site_name", "dcterm:available", "dcterm:created", "dcterm:issued", "og:url",
    "content-language", "datepublished"};

static void meta_set(metavals *mv, const char *key, const char *content)
{
    for (int i = 0; i < M_COUNT; i++)
        if (strcmp(key, meta_keys[i]) == 0) {
            char *v = trimmed_dup(content);
            if (v) {
                free(mv->v[i]);
                mv->v[i] = v;
            }
            return;
        }
}

/* Normalise a meta name: lower case, no spaces, '.' as ':'; "dcterms" as
 * "dcterm". */
static void norm_key(const char *s, char *out, size_t sz)
{
    size_t k = 0;
    for (; *s && k < sz - 1; s++) {
        char c = *s;
        if (is_ws((unsigned char)c))
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c == '.')
            c = ':';
        out[k++] = c;
    }
    out[k] = '\0';
    if (strncmp(out, "dcterms:", 8) == 0)
        memmove(out + 6, out + 7, strlen(out + 7) + 1);
}

static bool schema_context(json_t *ctx)
{
    const char *s = NULL;
    if (json_is_string(ctx))
        s = json_string_value(ctx);
    else if (json_is_object(ctx) && json_is_string(json_object_get(ctx, "@vocab")))
        s = json_string_value(json_object_get(ctx, "@vocab"));
    if (!s)
        return false;
    return strcmp(s, "http://schema.org") == 0 || strcmp(s, "https://schema.org") == 0 ||
           strcmp(s, "http://schema.org/") == 0 || strcmp(s, "https://schema.org/") == 0;
}

static bool article_type(json_t *ty)
{
    static const char *const types[] = {
        "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
        "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
        "ReportageNewsArticle", "ReviewNewsArticle", "Report", "SatiricalArticle",
        "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
        "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference", NULL};
    if (!json_is_string(ty))
        return false;
    const char *s = json_string_value(ty);
    if (strncmp(s, "Article", 7) == 0)
        return true;
    for (size_t i = 1; types[i]; i++)
        if (strstr(s, types[i]))
            return true;
    return false;
}

typedef struct {
    char *title, *byline, *date, *site;
    bool found;
} jsonld;

static void read_jsonld(const char *text, const char *doc_title, jsonld *out)
{
    if (out->found)
        return;
    /* strip a CDATA wrapper */
    while (is_ws((unsigned char)*text))
        text++;
    size_t n = strlen(text);
    if (strncmp(text, "<![CDATA[", 9) == 0) {
        text += 9;
        n -= 9;
        const char *e = strstr(text, "]]>");
        if (e)
            n = (size_t)(e - text);
    }
    json_error_t je;
    json_t *root = json_loadb(text, n, JSON_DECODE_ANY, &je);
    if (!root)
        return;
    json_t *p = root;
    if (json_is_array(p)) {
        json_t *found = NULL;
        size_t i;
        json_t *it;
        json_array_foreach(p, i, it) {
            if (json_is_object(it) && article_type(json_object_get(it, "@type"))) {
                found = it;
                break;
            }
        }
        p = found;
    }
    if (!p || !json_is_object(p) || !schema_context(json_object_get(p, "@context"))) {
        json_decref(root);
        return;
    }
    if (!json_object_get(p, "@type") && json_is_array(json_object_get(p, "@graph"))) {
        json_t *g = json_object_get(p, "@graph"), *found = NULL, *it;
        size_t i;
        json_array_foreach(g, i, it) {
            if (json_is_object(it) && article_type(json_object_get(it, "@type"))) {
                found = it;
                break;
            }
        }
        p = found;
    }
    if (!p || !article_type(json_object_get(p, "@type"))) {
        json_decref(root);
        return;
    }
    out->found = true;
    json_t *name = json_object_get(p, "name"), *head = json_object_get(p, "headline");
    if (json_is_string(name) && json_is_string(head) &&
        strcmp(json_string_value(name), json_string_value(head)) != 0) {
        double sn = doc_title ? similarity(json_string_value(name), doc_title, false) : 0;
        double sh = doc_title ? similarity(json_string_value(head), doc_title, false) : 0;
        out->title = trimmed_dup(sh > 0.75 && sh > sn ? json_string_value(head) : json_string_value(name));
    } else if (json_is_string(name)) {
        out->title = trimmed_dup(json_string_value(name));
    } else if (json_is_string(head)) {
        out->title = trimmed_dup(json_string_value(head));
    }
    json_t *au = json_object_get(p, "author");
    if (json_is_object(au) && json_is_string(json_object_get(au, "name"))) {
        out->byline = trimmed_dup(json_string_value(json_object_get(au, "name")));
    } else if (json_is_array(au) && json_array_size(au) &&
               json_is_object(json_array_get(au, 0)) &&
               json_is_string(json_object_get(json_array_get(au, 0), "name"))) {
        ro_buf b = {0};
        size_t i;
        json_t *it;
        json_array_foreach(au, i, it) {
            json_t *nm = json_is_object(it) ? json_object_get(it, "name") : NULL;
            if (!json_is_string(nm))
                continue;
            char *v = trimmed_dup(json_string_value(nm));
            if (!v)
                continue;
            if (b.len)
                ro_buf_puts(&b, ", ");
            ro_buf_puts(&b, v);
            free(v);
        }
        if (b.len) {
            ro_buf_putc(&b, '\0');
            out->byline = b.data;
        } else {
            ro_buf_free(&b);
        }
    }
    json_t *pub = json_object_get(p, "publisher");
    if (json_is_object(pub) && json_is_string(json_object_get(pub, "name")))
        out->site = trimmed_dup(json_string_value(json_object_get(pub, "name")));
    if (json_is_string(json_object_get(p, "datePublished")))
        out->date = trimmed_dup(json_string_value(json_object_get(p, "datePublished")));
    json_decref(root);
}

/* Readability's textSimilarity: share of b's words (tokens) found in a.
 * Its words are ASCII; with unicode, any non-ASCII character counts as a
 * letter too. */
static double similarity(const char *a, const char *b, bool unicode)
{
    /* tokens: runs of letters and digits, lower-cased ASCII */
    ro_buf ta = {0}, tb = {0};
    const char *src[2] = {a, b};
    ro_buf *dst[2] = {&ta, &tb};
    ro_buf_putc(&ta, ' ');
    for (int j = 0; j < 2; j++) {
        bool in = false;
        size_t k = 0; /* titles and headings: the first 2,000 bytes are enough */
        for (const unsigned char *p = (const unsigned char *)src[j]; *p && k < 2000; p++, k++) {
            /* letters and digits; any non-ASCII character counts as a letter */
            bool w = (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') ||
                     *p == '_' || (unicode && *p >= 0x80);
            if (w) {
                ro_buf_putc(dst[j], (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p));
                in = true;
            } else if (in) {
                ro_buf_putc(dst[j], ' ');
                in = false;
            }
        }
        ro_buf_putc(dst[j], ' ');
        ro_buf_putc(dst[j], '\0');
    }
    /* length of b's tokens not in a, over b's length */
    size_t total = 0, miss = 0;
    char *save = NULL;
    char *copy = ro_xstrdup(tb.data);
    for (char *tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        size_t l = strlen(tok);
        total += l + 1;
        char pat[512];
        if (l + 3 > sizeof pat)
            continue;
        snprintf(pat, sizeof pat, " %s ", tok);
        if (!strstr(ta.data, pat))
            miss += l + 1;
    }
    free(copy);
    ro_buf_free(&ta);
    ro_buf_free(&tb);
    if (!total)
        return 0;
    return 1.0 - (double)miss / (double)total;
}

static bool has_sep(const char *s, const char *seps, size_t *last_at, size_t *first_end)
{
    /* " X " where X is one of the separators; positions of the last and
     * the end of the first */
    bool any = false;
    const char *const multi[] = {"–", "—", "»", NULL};
    size_t n = strlen(s);
    for (size_t i = 0; i + 2 < n; i++) {
        if (s[i] != ' ')
            continue;
        size_t l = 0;
        if (strchr(seps, s[i + 1]) && s[i + 1])
            l = 1;
        for (int m = 0; !l && multi[m]; m++)
            if (strncmp(s + i + 1, multi[m], strlen(multi[m])) == 0)
                l = strlen(multi[m]);
        if (l && i + 1 + l < n && s[i + 1 + l] == ' ') {
            if (!any && first_end)
                *first_end = i + 1 + l;
            any = true;
            if (last_at)
                *last_at = i;
        }
    }
    return any;
}

static char *article_title(xtree *t)
{
    char *orig = trimmed_dup(t->title_text);
    if (!orig)
        return NULL;
    char *cur = ro_xstrdup(orig);
    bool hier = false;
    size_t last = 0, first_end = 0;
    if (has_sep(orig, "|-\\/>", &last, &first_end)) {
        hier = has_sep(orig, "\\/>", NULL, NULL) ||
               (strstr(orig, " » ") != NULL);
        free(cur);
        cur = ro_xstrndup(orig, last);
        if (word_count(cur) < 3) {
            free(cur);
            /* after the first separator character */
            size_t k = strcspn(orig, "|-\\/>");
            const char *alt[] = {"–", "—", "»"};
            for (int m = 0; m < 3; m++) {
                const char *p = strstr(orig, alt[m]);
                if (p && (size_t)(p - orig) < k)
                    k = (size_t)(p - orig) + strlen(alt[m]) - 1;
            }
            cur = ro_xstrdup(orig + (orig[k] ? k + 1 : k));
        }
    } else if (strstr(orig, ": ")) {
        bool match = false;
        for (uint32_t i = 0; i < t->len && !match; i++) {
            if (t->n[i].type == N_ELEM && (t->n[i].tag == GUMBO_TAG_H1 || t->n[i].tag == GUMBO_TAG_H2)) {
                subtree_text(t, i, &t->scratch, false);
                match = strcmp(t->scratch.data, orig) == 0;
            }
        }
        if (!match) {
            const char *lc = strrchr(orig, ':');
            free(cur);
            cur = ro_xstrdup(lc + 1);
            if (word_count(cur) < 3) {
                free(cur);
                cur = ro_xstrdup(strchr(orig, ':') + 1);
            } else {
                char *head = ro_xstrndup(orig, (size_t)(strchr(orig, ':') - orig));
                if (word_count(head) > 5) {
                    free(cur);
                    cur = ro_xstrdup(orig);
                }
                free(head);
            }
        }
    } else {
        uint32_t chars, commas;
        text_stats(orig, &chars, &commas);
        if (chars > 150 || chars < 15) {
            uint32_t h1 = NONE;
            int nh1 = 0;
            for (uint32_t i = 0; i < t->len; i++)
                if (t->n[i].type == N_ELEM && t->n[i].tag == GUMBO_TAG_H1) {
                    h1 = i;
                    nh1++;
                }
            if (nh1 == 1) {
                subtree_text(t, h1, &t->scratch, false);
                free(cur);
                cur = ro_xstrdup(t->scratch.data);
            }
        }
    }
    char *tc = trimmed_dup(cur);
    free(cur);
    cur = tc ? tc : ro_xstrdup("");
    size_t wc = word_count(cur);
    if (wc <= 4) {
        /* origTitle without separators, word count minus one */
        ro_buf b = {0};
        for (const char *p = orig; *p; p++)
            if (!strchr("|-\\/>", *p))
                ro_buf_putc(&b, *p);
        ro_buf_putc(&b, '\0');
        size_t owc = word_count(b.data);
        ro_buf_free(&b);
        if (!hier || wc != owc - 1) {
            free(cur);
            cur = ro_xstrdup(orig);
        }
    }
    free(orig);
    if (!*cur) {
        free(cur);
        return NULL;
    }
    return cur;
}

static bool is_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static void read_meta(xtree *t, ro_extract *x, char **base_href)
{
    metavals mv = {0};
    jsonld ld = {0};
    char key[128];
    char *time_date = NULL;
    for (uint32_t i = 0; i < t->len; i++) {
        xnode *n = &t->n[i];
        if (n->type != N_ELEM)
            continue;
        switch (n->tag) {
        case GUMBO_TAG_TITLE:
            if (!t->title_text && n->g->v.element.tag_namespace == GUMBO_NAMESPACE_HTML) {
                subtree_text(t, i, &t->scratch, false);
                t->title_text = ro_xstrdup(t->scratch.data);
            }
            break;
        case GUMBO_TAG_META: {
            const char *content = attr(n, "content");
            if (!content)
                break;
            const char *prop = attr(n, "property"), *name = attr(n, "name");
            const char *he = attr(n, "http-equiv"), *ip = attr(n, "itemprop");
            bool matched = false;
            if (prop) {
                /* space-separated properties: the first known one */
                char buf[256];
                size_t k = 0;
                const char *p = prop;
                while (*p) {
                    while (is_ws((unsigned char)*p))
                        p++;
                    k = 0;
                    while (*p && !is_ws((unsigned char)*p) && k < sizeof buf - 1)
                        buf[k++] = *p++;
                    buf[k] = '\0';
                    while (*p && !is_ws((unsigned char)*p))
                        p++;
                    if (!k)
                        continue;
                    norm_key(buf, key, sizeof key);
                    static const char *const pre[] = {"article:", "dc:", "dcterm:", "og:", "twitter:", NULL};
                    static const char *const suf[] = {"author", "creator", "description", "published_time", "title", "site_name", "url", NULL};
                    bool ok = false;
                    for (int a = 0; pre[a] && !ok; a++)
                        if (strncmp(key, pre[a], strlen(pre[a])) == 0)
                            for (int b = 0; suf[b] && !ok; b++)
                                ok = strcmp(key + strlen(pre[a]), suf[b]) == 0;
                    if (ok) {
                        meta_set(&mv, key, content);
                        matched = true;
                    }
                }
            }
            if (!matched && name) {
                norm_key(name, key, sizeof key);
                meta_set(&mv, key, content);
            }
            if (he) {
                norm_key(he, key, sizeof key);
                if (strcmp(key, "content-language") == 0)
                    meta_set(&mv, key, content);
            }
            if (ip && strcmp(ip, "datePublished") == 0)
                meta_set(&mv, "datepublished", content);
            break;
        }
        case GUMBO_TAG_SCRIPT: {
            const char *ty = attr(n, "type");
            if (ty && strcmp(ty, "application/ld+json") == 0 && !ld.found) {
                if (!t->title_text) {
                    /* the title may come later in the head: look now */
                    for (uint32_t j = 0; j < t->len; j++)
                        if (t->n[j].type == N_ELEM && t->n[j].tag == GUMBO_TAG_TITLE &&
                            t->n[j].g->v.element.tag_namespace == GUMBO_NAMESPACE_HTML) {
                            subtree_text(t, j, &t->scratch, false);
                            t->title_text = ro_xstrdup(t->scratch.data);
                            break;
                        }
                }
                ro_buf b = {0};
                for (uint32_t k = i + 1; k < n->end; k++)
                    if (t->n[k].type == N_TEXT)
                        ro_buf_puts(&b, t->n[k].g->v.text.text);
                ro_buf_putc(&b, '\0');
                read_jsonld(b.data, t->title_text, &ld);
                ro_buf_free(&b);
            }
            break;
        }
        case GUMBO_TAG_LINK: {
            const char *rel = attr(n, "rel"), *href = attr(n, "href");
            if (rel && href && strcasecmp(rel, "canonical") == 0 && !x->canonical)
                x->canonical = trimmed_dup(href);
            break;
        }
        case GUMBO_TAG_BASE: {
            const char *href = attr(n, "href");
            if (href && !*base_href)
                *base_href = trimmed_dup(href);
            break;
        }
        case GUMBO_TAG_TIME: {
            const char *dt = attr(n, "datetime");
            const char *ip = attr(n, "itemprop");
            const char *cl = attr(n, "class");
            if (dt && !time_date &&
                (attr(n, "pubdate") || (ip && strstr(ip, "datePublished")) ||
                 (cl && strstr(cl, "published"))))
                time_date = trimmed_dup(dt);
            break;
        }
        default:
            break;
        }
    }
    const char *v;
#define FIRST(...)                                                                           \
    do {                                                                                     \
        int ks_[] = {__VA_ARGS__};                                                           \
        v = NULL;                                                                            \
        for (size_t q_ = 0; q_ < sizeof ks_ / sizeof ks_[0] && !v; q_++)                     \
            v = mv.v[ks_[q_]];                                                               \
    } while (0)
    if (ld.title)
        x->title = ro_xstrdup(ld.title);
    else {
        FIRST(M_DC_TITLE, M_DCTERM_TITLE, M_OG_TITLE, M_WEIBO_ART_TITLE, M_WEIBO_WEB_TITLE,
              M_TITLE, M_TWITTER_TITLE, M_PARSELY_TITLE);
        x->title = v ? ro_xstrdup(v) : article_title(t);
    }
    if (ld.byline)
        x->byline = ro_xstrdup(ld.byline);
    else {
        FIRST(M_DC_CREATOR, M_DCTERM_CREATOR, M_AUTHOR, M_PARSELY_AUTHOR);
        if (!v && mv.v[M_ARTICLE_AUTHOR] && !is_url(mv.v[M_ARTICLE_AUTHOR]))
            v = mv.v[M_ARTICLE_AUTHOR];
        if (v)
            x->byline = ro_xstrdup(v);
    }
    if (ld.date)
        x->date = ro_xstrdup(ld.date);
    else {
        FIRST(M_ARTICLE_PUBLISHED, M_DCTERM_AVAILABLE, M_DCTERM_CREATED, M_DCTERM_ISSUED,
              M_PARSELY_PUB_DATE, M_DATE_PUBLISHED);
        if (v)
            x->date = ro_xstrdup(v);
        else if (time_date)
            x->date = ro_xstrdup(time_date);
    }
    if (ld.site)
        x->site = ro_xstrdup(ld.site);
    else if (mv.v[M_OG_SITE_NAME])
        x->site = ro_xstrdup(mv.v[M_OG_SITE_NAME]);
    if (!x->canonical && mv.v[M_OG_URL])
        x->canonical = ro_xstrdup(mv.v[M_OG_URL]);
    if (t->html != NONE) {
        const char *lang = attr(&t->n[t->html], "lang");
        if (!lang)
            lang = attr(&t->n[t->html], "xml:lang");
        if (lang && *lang)
            x->language = ro_xstrdup(lang);
    }
    if (!x->language && mv.v[M_CONTENT_LANGUAGE])
        x->language = ro_xstrdup(mv.v[M_CONTENT_LANGUAGE]);
#undef FIRST
    for (int i = 0; i < M_COUNT; i++)
        free(mv.v[i]);
    free(ld.title);
    free(ld.byline);
    free(ld.date);
    free(ld.site);
    free(time_date);
}

/* ---- the whole ----------------------------------------------------------------- */

/* libgumbo allocates in an arena: parsing is faster and the tree, however
 * deep, is freed without walking it.  Small blocks are never freed one by
 * one; large ones (a long text or attribute value, grown by doubling) are
 * malloc'd and really freed, so a page's peak memory stays a small
 * multiple of its size. */
#define G_BIG 65536
#define G_BLOCK (256 * 1024)
#define G_CACHE 64 /* blocks kept for the next page, per thread: 16 MiB */

typedef struct gblock {
    struct gblock *next;
    size_t used;
    max_align_t data[];
} gblock;

/* Blocks of the last page, reused for the next: fresh memory costs page
 * faults, and they showed in the profile. */
static _Thread_local gblock *g_cache;
static _Thread_local size_t g_ncache;

typedef struct {
    gblock *small;
    void **big; /* open-addressing set of the large blocks in use */
    size_t nbig, capbig;
    /* the page's bound on parser memory: past it, parsing stops (every
     * block is the arena's, so leaving libgumbo by longjmp leaks nothing) */
    size_t total, limit;
    jmp_buf over;
} galloc;

static size_t g_slot(const galloc *a, const void *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h >> 20) & (a->capbig - 1);
}

static void g_insert(galloc *a, void *p)
{
    if ((a->nbig + 1) * 2 > a->capbig) {
        galloc b = {0};
        b.capbig = a->capbig ? a->capbig * 2 : 64;
        b.big = ro_xcalloc(b.capbig, sizeof *b.big);
        for (size_t i = 0; i < a->capbig; i++)
            if (a->big[i]) {
                size_t k = g_slot(&b, a->big[i]);
                while (b.big[k])
                    k = (k + 1) & (b.capbig - 1);
                b.big[k] = a->big[i];
            }
        free(a->big);
        a->big = b.big;
        a->capbig = b.capbig;
    }
    size_t k = g_slot(a, p);
    while (a->big[k])
        k = (k + 1) & (a->capbig - 1);
    a->big[k] = p;
    a->nbig++;
}

/* Remove p if it is a large block; true if it was. */
static bool g_remove(galloc *a, void *p)
{
    if (!a->nbig)
        return false;
    size_t k = g_slot(a, p);
    while (a->big[k] && a->big[k] != p)
        k = (k + 1) & (a->capbig - 1);
    if (!a->big[k])
        return false;
    a->big[k] = NULL;
    a->nbig--;
    /* re-place the rest of the cluster (no tombstones) */
    for (size_t j = (k + 1) & (a->capbig - 1); a->big[j]; j = (j + 1) & (a->capbig - 1)) {
        void *q = a->big[j];
        a->big[j] = NULL;
        size_t m = g_slot(a, q);
        while (a->big[m])
            m = (m + 1) & (a->capbig - 1);
        a->big[m] = q;
    }
    return true;
}

static void *g_alloc(void *ud, size_t n)
{
    galloc *a = ud;
    if (n < G_BIG)
        n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    a->total += n;
    if (a->total > a->limit)
        longjmp(a->over, 1);
    if (n < G_BIG) {
        gblock *b = a->small;
        if (!b || G_BLOCK - b->used < n) {
            if (g_cache) {
                b = g_cache;
                g_cache = b->next;
                g_ncache--;
            } else {
                b = ro_xmalloc(sizeof *b + G_BLOCK);
            }
            b->next = a->small;
            b->used = 0;
            a->small = b;
        }
        void *p = (char *)b->data + b->used;
        b->used += n;
        return p;
    }
    void *p = ro_xmalloc(n);
    g_insert(a, p);
    return p;
}

static void g_free(void *ud, void *p)
{
    if (p && g_remove(ud, p))
        free(p);
}

static void g_release(galloc *a)
{
    for (size_t i = 0; i < a->capbig; i++)
        free(a->big[i]);
    free(a->big);
    while (a->small) {
        gblock *b = a->small;
        a->small = b->next;
        if (g_ncache < G_CACHE) {
            b->next = g_cache;
            g_cache = b;
            g_ncache++;
        } else {
            free(b);
        }
    }
}

/* What the pre-scan found wrong with a page, at byte offset .at. */
typedef enum { PS_OK, PS_DEEP, PS_ATTRS } prescan_what;
typedef struct {
    prescan_what what;
    size_t at;
} prescan_result;

/* Before libgumbo sees a page: a bound on element nesting (tags that close
 * themselves or that HTML closes implicitly do not count, nor tags that the
 * parser ignores inside <select>, where a nested <select> closes the open
 * one), and on attributes per tag (libgumbo checks each attribute against
 * every earlier one of its tag: quadratic).  Linear, without parsing. */
static prescan_result prescan(const char *s, size_t n, size_t max_depth, size_t max_attrs)
{
    prescan_result res = {PS_OK, 0};
    size_t depth = 0;
    size_t select_depth = 0; /* depth of the open <select>, 0 if none */
    size_t i = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - s) + 1;
        if (i >= n)
            break;
        if (s[i] == '!' || s[i] == '?') {
            if (n - i >= 3 && s[i + 1] == '-' && s[i + 2] == '-') {
                const char *e = memmem(s + i + 3, n - i - 3, "-->", 3);
                i = e ? (size_t)(e - s) + 3 : n;
            } else {
                const char *e = memchr(s + i, '>', n - i);
                i = e ? (size_t)(e - s) + 1 : n;
            }
            continue;
        }
        bool close = s[i] == '/';
        if (close)
            i++;
        if (i >= n || !(((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
            continue;
        char name[16];
        size_t k = 0;
        while (i < n && !is_ws((unsigned char)s[i]) && s[i] != '>' && s[i] != '/') {
            if (k < sizeof name - 1)
                name[k++] = (char)(s[i] | 0x20);
            i++;
        }
        name[k] = '\0';
        /* to the end of the tag, past quoted attribute values, counting
         * attribute names as the HTML tokenizer sees them */
        enum { BEFORE_NAME, NAME, AFTER_NAME, BEFORE_VALUE, VALUE } st = BEFORE_NAME;
        char q = 0;
        bool selfclose = false;
        size_t nattrs = 0;
        while (i < n) {
            char c = s[i];
            if (q) {
                if (c == q)
                    q = 0, st = BEFORE_NAME;
            } else if (c == '>') {
                selfclose = i > 0 && s[i - 1] == '/';
                break;
            } else if (st == BEFORE_VALUE && (c == '"' || c == '\'')) {
                q = c;
            } else if (is_ws((unsigned char)c)) {
                st = st == NAME ? AFTER_NAME : st == VALUE ? BEFORE_NAME : st;
            } else if (c == '=' && (st == NAME || st == AFTER_NAME)) {
                st = BEFORE_VALUE;
            } else if (c == '/' && st != BEFORE_VALUE && st != VALUE) {
                st = BEFORE_NAME;
            } else if (st == BEFORE_VALUE) {
                st = VALUE;
            } else if (st == BEFORE_NAME || st == AFTER_NAME) {
                st = NAME;
                if (!close && ++nattrs > max_attrs) {
                    res.what = PS_ATTRS;
                    res.at = (size_t)(lt - s);
                    return res;
                }
            }
            i++;
        }
        i++;
        bool is_select = strcmp(name, "select") == 0;
        if (select_depth) {
            /* in a select, start tags other than these are ignored, and end
             * tags other than its own close nothing */
            bool ends = is_select || (!close && (strcmp(name, "input") == 0 ||
                                                 strcmp(name, "keygen") == 0 ||
                                                 strcmp(name, "textarea") == 0));
            if (!ends)
                continue;
            depth = select_depth - 1;
            select_depth = 0;
            if (close || is_select)
                continue; /* </select>, or <select> read as </select> */
        }
        if (close) {
            if (depth)
                depth--;
            continue;
        }
        static const char *const flat[] = {
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
            "source", "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead",
            "tbody", "tfoot", "colgroup", "rp", "rt", "optgroup", "keygen", "frame", NULL};
        static const char *const raw[] = {"script", "style", "textarea", "title", "xmp",
                                          "noscript", "iframe", "noembed", "noframes", NULL};
        bool skip = selfclose;
        for (size_t m = 0; !skip && flat[m]; m++)
            skip = strcmp(name, flat[m]) == 0;
        for (size_t m = 0; raw[m]; m++)
            if (strcmp(name, raw[m]) == 0) {
                /* to the matching end tag */
                size_t l = strlen(raw[m]);
                while (i < n) {
                    const char *e = memchr(s + i, '<', n - i);
                    if (!e) {
                        i = n;
                        break;
                    }
                    i = (size_t)(e - s) + 1;
                    if (i + l < n && s[i] == '/' && strncasecmp(s + i + 1, raw[m], l) == 0)
                        break;
                }
                skip = true;
                break;
            }
        if (skip)
            continue;
        if (++depth > max_depth) {
            res.what = PS_DEEP;
            res.at = (size_t)(lt - s);
            return res;
        }
        if (is_select)
            select_depth = depth;
    }
    return res;
}

int ro_extract_html(const char *html, size_t len, const char *base_url, ro_extract *x,
                    ro_error *err)
{
    memset(x, 0, sizeof *x);
    if (len > UINT32_MAX / 4) {
        ro_set_error(err, RO_ERR_TOO_BIG, 0, "web page of %zu bytes is too large to parse", len);
        return -1;
    }
    prescan_result ps = prescan(html, len, RO_HTML_MAX_DEPTH, RO_HTML_MAX_ATTRS);
    if (ps.what == PS_DEEP) {
        ro_set_error(err, RO_ERR_FORMAT, ps.at,
                     "elements nested more than %d deep at byte offset %zu: refused",
                     RO_HTML_MAX_DEPTH, ps.at);
        return -1;
    }
    if (ps.what == PS_ATTRS) {
        ro_set_error(err, RO_ERR_FORMAT, ps.at,
                     "an element with more than %d attributes at byte offset %zu: refused",
                     RO_HTML_MAX_ATTRS, ps.at);
        return -1;
    }
    galloc *arena = ro_xcalloc(1, sizeof *arena); /* not a local: it outlives a longjmp */
    arena->limit = RO_HTML_PARSE_BASE + RO_HTML_PARSE_PER_BYTE * len;
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0;
    opt.allocator = g_alloc;
    opt.deallocator = g_free;
    opt.userdata = arena;
    if (setjmp(arena->over)) {
        ro_set_error(err, RO_ERR_TOO_BIG, 0,
                     "markup that needs more than %zu bytes of parser memory (%d per byte of the "
                     "page + %d MiB: misnested or tag-dense markup): refused",
                     arena->limit, RO_HTML_PARSE_PER_BYTE, RO_HTML_PARSE_BASE >> 20);
        x->parse_bytes = arena->total;
        g_release(arena);
        free(arena);
        return -1;
    }
    GumboOutput *g = gumbo_parse_with_options(&opt, html, len);
    x->parse_bytes = arena->total;
    xtree t = {0};
    flatten(&t, g->document);
    char *base_href = NULL;
    read_meta(&t, x, &base_href);
    /* the base for relative links: <base href>, resolved against the page's URL */
    char *base = NULL;
    if (base_href) {
        base = resolve_url(base_url, base_href);
        free(base_href);
    }
    if (!base && base_url)
        base = ro_xstrdup(base_url);
    if (!base && x->canonical && is_url(x->canonical))
        base = ro_xstrdup(x->canonical);

    xstate s = {0};
    s.t = &t;
    s.title = x->title;
    s.byline_node = NONE;
    writer best = {0};
    static const int attempts[] = {FL_STRIP_UNLIKELY | FL_WEIGHT | FL_CLEAN, FL_WEIGHT | FL_CLEAN,
                                   FL_CLEAN, 0};
    if (t.body != NONE) {
        for (size_t a = 0; a < sizeof attempts / sizeof attempts[0]; a++) {
            s.flags = attempts[a];
            mark(&s, a == 0);
            count(&t);
            uint32_t top = select_top(&s);
            uint32_t *roots = NULL;
            size_t nroots = pick_roots(&s, top, &roots);
            clean(&s, roots, nroots);
            writer w = {0};
            write_roots(&s, roots, nroots, base, &w);
            free(roots);
            uint32_t chars, commas;
            ro_buf_putc(&w.out, '\0');
            w.out.len--;
            text_stats(w.out.data, &chars, &commas);
            bool better = best.out.len < w.out.len;
            if (better) {
                ro_buf_free(&best.out);
                for (size_t i = 0; i < best.nlinks; i++)
                    free((char *)best.links[i].url);
                free(best.links);
                best = w;
            } else {
                ro_buf_free(&w.out);
                for (size_t i = 0; i < w.nlinks; i++)
                    free((char *)w.links[i].url);
                free(w.links);
            }
            if (chars >= 500)
                break;
        }
    }
    if (!x->byline && !s.byline && t.body != NONE)
        find_byline(&s); /* outside the parts that could be the article */
    if (!x->byline && s.byline)
        x->byline = s.byline;
    else
        free(s.byline);
    if (!best.out.data)
        ro_buf_put(&best.out, "", 0);
    x->text = best.out.data;
    x->len = best.out.len;
    x->links = best.links;
    x->nlinks = best.nlinks;
    free(base);
    free((char *)t.title_text);
    ro_buf_free(&t.scratch);
    free(t.n);
    g_release(arena);
    free(arena);
    return 0;
}

void ro_extract_free(ro_extract *x)
{
    free(x->text);
    for (size_t i = 0; i < x->nlinks; i++)
        free((char *)x->links[i].url);
    free(x->links);
    free(x->title);
    free(x->byline);
    free(x->date);
    free(x->site);
    free(x->language);
    free(x->canonical);
    memset(x, 0, sizeof *x);
}
