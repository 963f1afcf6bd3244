/* cmd_text.c: readout text — the text readout reads: for a web page, its
 * extracted article; for anything else, the document as it is. */
#include "cli.h"

#include <sys/stat.h>

const char cmd_text_usage[] =
    "Usage: readout text [OPTION...] [FILE...]\n\n"
    "Print the text of each document as readout reads it.  For a web page\n"
    "(.html, .htm, .html.gz, a WARC file, or --input html) that is the article\n"
    "alone: its paragraphs, headings, lists and block quotations, separated by\n"
    "blank lines, without navigation, menus, share buttons, comment sections,\n"
    "forms, advertisements, image captions or alt text.  Every offset readout\n"
    "reports for the document is an offset into this text.\n\n"
    "By default the text itself (several documents: each after a line\n"
    "\"==> ID <==\"); with --format json one object a line, with these fields:\n"
    "  doc        the document id (the path, or a WARC record's target URI)\n"
    "  url        where the page came from (the WARC target URI, else the page's\n"
    "             canonical URL), or null\n"
    "  title, byline, date, site, language\n"
    "             the page's metadata (meta tags, JSON-LD, <time>, <html lang>),\n"
    "             each null when the page does not give it\n"
    "  text       the extracted text\n"
    "  links      the links in the article: [{url, anchor, start, end}], start and\n"
    "             end being byte offsets of the anchor text in text\n"
    "--format tsv gives doc, url, title, byline, date, site, language, text.\n\n" CLI_COMMON_HELP
    "\nExamples:\n"
    "  readout text page.html\n"
    "  readout text --format json crawl.warc.gz > articles.jsonl\n"
    "  curl -s https://example.org/news/1 | readout text --input html\n";

typedef struct {
    cli_ctx *c;
    bool headers;
    uint64_t n;
} text_ctx;

static int on_doc(ro_doc *doc, const char *source, void *vctx)
{
    text_ctx *tc = vctx;
    cli_ctx *c = tc->c;
    (void)source;
    size_t len;
    const char *t = ro_doc_text(doc, &len);
    const ro_meta *m = ro_doc_meta(doc);
    if (c->format == FMT_JSON) {
        ro_json j;
        ro_json_begin(&j, &c->obuf);
        ro_json_cstr(&j, "doc", m->id);
        ro_json_cstr(&j, "url", m->url);
        ro_json_cstr(&j, "title", m->title);
        ro_json_cstr(&j, "byline", m->byline);
        ro_json_cstr(&j, "date", m->date);
        ro_json_cstr(&j, "site", m->site ? m->site : m->outlet);
        ro_json_cstr(&j, "language", m->language);
        ro_json_str(&j, "text", t, len);
        ro_json_key(&j, "links");
        ro_buf_putc(&c->obuf, '[');
        size_t nl;
        const ro_link *ls = ro_doc_links(doc, &nl);
        for (size_t i = 0; i < nl; i++) {
            ro_json lj;
            if (i)
                ro_buf_putc(&c->obuf, ',');
            ro_json_begin(&lj, &c->obuf);
            ro_json_cstr(&lj, "url", ls[i].url);
            ro_json_str(&lj, "anchor", t + ls[i].anchor.start, ls[i].anchor.end - ls[i].anchor.start);
            ro_json_int(&lj, "start", (long long)ls[i].anchor.start);
            ro_json_int(&lj, "end", (long long)ls[i].anchor.end);
            ro_buf_putc(&c->obuf, '}');
        }
        ro_buf_putc(&c->obuf, ']');
        ro_json_end(&j);
    } else if (c->format == FMT_TSV) {
        const char *f[7] = {m->id, m->url, m->title, m->byline, m->date,
                            m->site ? m->site : m->outlet, m->language};
        for (int i = 0; i < 7; i++) {
            if (f[i])
                ro_tsv_field(&c->obuf, f[i], strlen(f[i]));
            ro_buf_putc(&c->obuf, '\t');
        }
        ro_tsv_field(&c->obuf, t, len);
        ro_buf_putc(&c->obuf, '\n');
    } else {
        if (tc->headers) {
            ro_buf_printf(&c->obuf, "%s==> ", tc->n ? "\n" : "");
            ro_text_esc_cstr(&c->obuf, m->id);
            ro_buf_puts(&c->obuf, " <==\n");
        }
        ro_buf_put(&c->obuf, t, len); /* as it is, so that offsets can be checked */
        if (len && t[len - 1] != '\n')
            ro_buf_putc(&c->obuf, '\n');
    }
    tc->n++;
    cli_flush(c, false);
    return c->write_failed;
}

static void on_error(const char *source, const ro_error *err, void *vctx)
{
    text_ctx *tc = vctx;
    cli_read_error(source, err, tc->c);
}

int cmd_text(cli_ctx *c, int argc, char **argv)
{
    c->format = FMT_TEXT;
    for (int i = 1; i < argc; i++) {
        int k = cli_common_option(c, argc, argv, &i);
        if (k < 0)
            return cli_usage_error(c, "text", "bad option");
        if (k > 0)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage_error(c, "text", "unknown option '%s'", argv[i]);
        cli_add_input(c, argv[i]);
    }
    if (c->format == FMT_HTML)
        return cli_usage_error(c, "text", "--format html is not available here (json, tsv, text)");
    text_ctx tc = {c, false, 0};
    /* one file, one document: the text alone; otherwise a line naming each */
    if (c->ninputs > 1 || c->read.kind == RO_IN_WARC || c->read.kind == RO_IN_JSONL)
        tc.headers = true;
    for (size_t i = 0; i < c->ninputs && !tc.headers; i++) {
        struct stat st;
        ro_input_kind k = ro_kind_from_name(c->inputs[i]);
        if (k == RO_IN_WARC || k == RO_IN_JSONL ||
            (stat(c->inputs[i], &st) == 0 && S_ISDIR(st.st_mode)))
            tc.headers = true;
    }
    if (c->format == FMT_TSV)
        ro_buf_puts(&c->obuf, "doc\turl\ttitle\tbyline\tdate\tsite\tlanguage\ttext\n");
    ro_reader r = {0};
    r.on_doc = on_doc;
    r.on_error = on_error;
    r.ctx = &tc;
    ro_read_paths(&r, c->inputs, c->ninputs, &c->read);
    return cli_finish(c, &r);
}
