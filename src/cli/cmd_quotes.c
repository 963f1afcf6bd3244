/* cmd_quotes.c: readout quotes — who said what, word for word. */
#include "cli.h"

const char cmd_quotes_usage[] =
    "Usage: readout quotes [OPTION...] [FILE...]\n\n"
    "Find every direct quotation and transcript turn, and say who said it.\n"
    "One JSON object a line by default, with these fields:\n"
    "  doc        the document id (the JSON Lines 'id' field, else the path)\n"
    "  kind       full, partial, term or turn\n"
    "  quote      the text inside the marks, or the turn's text\n"
    "  start,end  byte offsets of that text in the document\n"
    "  speaker    canonical name of the speaker (always one of the people or bodies\n"
    "             of 'readout names'), or null when the text names nobody\n"
    "  mention, mention_start, mention_end\n"
    "             the words that stand for the speaker: a name, a pronoun (\"he\"),\n"
    "             a description (\"a senior diplomat\"), a turn's label; for a\n"
    "             continuation, where the speaker was last named\n"
    "  cue        the reporting verb as written (said, told, wrote, ...) or the\n"
    "             construction: according to, in the words of, dash, colon,\n"
    "             continuation, context (next to the quotation, no verb), turn\n"
    "  paragraph  0-based paragraph index\n"
    "  parent     index (within the document) of the enclosing quotation, or null\n\n" CLI_COMMON_HELP
    "\nExamples:\n"
    "  readout quotes report.txt\n"
    "  readout quotes --format text transcripts/\n"
    "  cat corpus.jsonl | readout quotes --input jsonl > quotes.jsonl\n";

typedef struct {
    cli_ctx *c;
    const ro_lexicon *lex;
} quotes_ctx;

static void render_json(cli_ctx *c, ro_doc *doc, const ro_quote *q)
{
    size_t len;
    const char *t = ro_doc_text(doc, &len);
    ro_json j;
    ro_json_begin(&j, &c->obuf);
    ro_json_cstr(&j, "doc", ro_doc_meta(doc)->id);
    ro_json_cstr(&j, "kind", ro_quote_kind_name(q->kind));
    ro_json_str(&j, "quote", t + q->text.start, q->text.end - q->text.start);
    ro_json_int(&j, "start", (long long)q->text.start);
    ro_json_int(&j, "end", (long long)q->text.end);
    ro_json_cstr(&j, "speaker", q->speaker);
    if (q->mention.end > q->mention.start) {
        ro_json_str(&j, "mention", t + q->mention.start, q->mention.end - q->mention.start);
        ro_json_int(&j, "mention_start", (long long)q->mention.start);
        ro_json_int(&j, "mention_end", (long long)q->mention.end);
    } else {
        ro_json_null(&j, "mention");
        ro_json_null(&j, "mention_start");
        ro_json_null(&j, "mention_end");
    }
    ro_json_cstr(&j, "cue", q->cue);
    ro_json_int(&j, "paragraph", (long long)q->paragraph);
    if (q->parent >= 0)
        ro_json_int(&j, "parent", q->parent);
    else
        ro_json_null(&j, "parent");
    ro_json_end(&j);
}

static void render_tsv(cli_ctx *c, ro_doc *doc, const ro_quote *q)
{
    size_t len;
    const char *t = ro_doc_text(doc, &len);
    ro_buf *b = &c->obuf;
    const char *id = ro_doc_meta(doc)->id;
    ro_tsv_field(b, id, strlen(id));
    ro_buf_printf(b, "\t%s\t", ro_quote_kind_name(q->kind));
    ro_tsv_field(b, t + q->text.start, q->text.end - q->text.start);
    ro_buf_printf(b, "\t%zu\t%zu\t", q->text.start, q->text.end);
    if (q->speaker)
        ro_tsv_field(b, q->speaker, strlen(q->speaker));
    ro_buf_putc(b, '\t');
    ro_tsv_field(b, t + q->mention.start, q->mention.end - q->mention.start);
    ro_buf_printf(b, "\t%s\t%zu\n", q->cue ? q->cue : "", q->paragraph);
}

static void render_text(cli_ctx *c, ro_doc *doc, const ro_quote *q)
{
    size_t len;
    const char *t = ro_doc_text(doc, &len);
    ro_buf *b = &c->obuf;
    ro_buf_printf(b, "%-7s ", ro_quote_kind_name(q->kind));
    ro_text_cell(b, q->speaker ? q->speaker : "(unknown)", 24);
    ro_buf_putc(b, ' ');
    ro_text_cell(b, q->cue ? q->cue : "", 14);
    ro_buf_putc(b, ' ');
    ro_buf_puts(b, q->parent >= 0 ? "  ‘" : "“");
    ro_text_field(b, t + q->text.start, q->text.end - q->text.start, 160);
    ro_buf_puts(b, q->parent >= 0 ? "’\n" : "”\n");
}

static int on_doc(ro_doc *doc, const char *source, void *vctx)
{
    quotes_ctx *qc = vctx;
    cli_ctx *c = qc->c;
    (void)source;
    size_t n;
    const ro_quote *qs = ro_doc_quotes(doc, qc->lex, &n);
    if (c->format == FMT_TEXT) {
        ro_buf_puts(&c->obuf, "== ");
        ro_text_esc_cstr(&c->obuf, ro_doc_meta(doc)->id);
        ro_buf_printf(&c->obuf, " (%zu)\n", n);
    }
    for (size_t i = 0; i < n; i++) {
        if (c->format == FMT_TSV)
            render_tsv(c, doc, &qs[i]);
        else if (c->format == FMT_TEXT)
            render_text(c, doc, &qs[i]);
        else
            render_json(c, doc, &qs[i]);
        cli_flush(c, false);
    }
    return c->write_failed;
}

static void on_error(const char *source, const ro_error *err, void *vctx)
{
    quotes_ctx *qc = vctx;
    cli_read_error(source, err, qc->c);
}

int cmd_quotes(cli_ctx *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        int k = cli_common_option(c, argc, argv, &i);
        if (k < 0)
            return cli_usage_error(c, "quotes", "bad option");
        if (k > 0)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage_error(c, "quotes", "unknown option '%s'", argv[i]);
        cli_add_input(c, argv[i]);
    }
    if (c->format == FMT_HTML)
        return cli_usage_error(c, "quotes", "--format html is not available here (json, tsv, text)");
    ro_lexicon *lex = cli_load_lexicon(c, false);
    if (!lex)
        return EXIT_FATAL;
    if (c->format == FMT_TSV)
        ro_buf_puts(&c->obuf, "doc\tkind\tquote\tstart\tend\tspeaker\tmention\tcue\tparagraph\n");
    quotes_ctx qc = {c, lex};
    ro_reader r = {0};
    r.on_doc = on_doc;
    r.on_error = on_error;
    r.ctx = &qc;
    ro_read_paths(&r, c->inputs, c->ninputs, &c->read);
    int rc = cli_finish(c, &r);
    cli_free_lexicon(lex);
    return rc;
}
