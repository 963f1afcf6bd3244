/* cmd_stance.c: readout stance — how it was said: hedges, boosters,
 * conditions, commitments, rejections and diplomatic code, with evidence. */
#include "cli.h"
#include "match.h"

const char cmd_stance_usage[] =
    "Usage: readout stance [OPTION...] [FILE...]\n\n"
    "Mark the stance of every sentence: hedge, booster, condition, sincerity,\n"
    "commitment, rejection, criticism, agreement and distance (diplomatic code,\n"
    "with its conventional reading), each with the exact words as evidence.\n"
    "Negation flips or cancels a marker (\"not fully\" is a hedge, \"do not reject\"\n"
    "is no rejection); in a question only conditions count.\n\n"
    "  --by marker         one JSON object per marker (the default):\n"
    "      doc, sentence (0-based), category (after negation), phrase (as written),\n"
    "      start, end (byte offsets), negated, counted (false when negation or a\n"
    "      question cancels it), hypothetical (a commitment or rejection in an\n"
    "      if-clause, an indirect question or a hope: not counted), mention\n"
    "      (quoted as words: \"the phrase 'frank exchange of views'\"), reason (why\n"
    "      it was cancelled or kept: negated, question, mention, if-clause, indirect\n"
    "      question, expectation; for will/would: a party's act, forecast, event or\n"
    "      schedule, no party as subject, past intention; else null), cue (the word\n"
    "      that gave the reason: the negator, 'if', the subject, the verb), quoted,\n"
    "      speaker (of the innermost quotation or turn holding it, else null),\n"
    "      entry (the listed phrase), entry_category, weight, note\n"
    "  --by sentence       one object per sentence: doc, sentence, start, end, text,\n"
    "      markers, counts (counted markers per category) and scores (per category,\n"
    "      the weights of counted markers minus those cancelled by negation)\n"
    "  --by speaker        totals over all input per speaker, with counts per 1,000\n"
    "      of the speaker's words, and voice: 'speaker' (quotations and turns of\n"
    "      that speaker), 'quoted' (quotations with no speaker found, speaker null),\n"
    "      and for the text outside quotations the document's 'author' (its byline:\n"
    "      the page's or a 'By Jane Doe' line), else its 'outlet' (the page's site\n"
    "      or outlet), else 'narration' (speaker null)\n"
    "  --by doc            totals per document, with counts per 1,000 words\n"
    "  --format text       each sentence with its markers [bracketed|labelled]\n"
    "  --format html       one self-contained page, markers highlighted by category,\n"
    "                      with a legend (--by marker or sentence)\n"
    "  --format tsv        a header line, then one row per item\n\n"
    "The phrases are the built-in list 'stance' (category, phrase, weight, note);\n"
    "add your own with --lexicon FILE whose first line is '#list stance'.\n"
    "Phrase syntax: reject (and its inflections), =will (this form only), _may\n"
    "(not capitalised mid-sentence), ^should (first in its clause), a|b\n"
    "(alternatives), (or close) or [the] (optional words).  Category 'none' marks\n"
    "phrases that are not markers.\n\n" CLI_COMMON_HELP
    "\nExamples:\n"
    "  readout stance readout.txt\n"
    "  readout stance --by sentence --format text statement.txt\n"
    "  readout stance --format html corpus.jsonl > stance.html\n"
    "  readout stance --by speaker --lexicon my-phrases.tsv transcripts/\n";

typedef enum { BY_MARKER, BY_SENTENCE, BY_SPEAKER, BY_DOC } by_kind;

#define MAX_CATS 64

typedef struct {
    char *speaker; /* NULL: no speaker */
    bool quoted;
    const char *voice; /* speaker, quoted, author, outlet, narration */
    uint64_t docs, words, markers;
    uint64_t counts[MAX_CATS];
    double scores[MAX_CATS];
    uint64_t last_doc; /* to count documents */
} spk_row;

typedef struct {
    cli_ctx *c;
    const ro_lexicon *lex;
    by_kind by;
    const char *cats[MAX_CATS]; /* built-in first, then the user's as met */
    size_t ncats;
    spk_row *rows;
    size_t nrows, caprows;
    uint64_t docno;
    const char *narrator, *narrator_voice; /* the text outside quotations: this document's */
} stance_ctx;

static size_t cat_slot(stance_ctx *sc, const char *cat)
{
    for (size_t i = 0; i < sc->ncats; i++)
        if (sc->cats[i] == cat || strcmp(sc->cats[i], cat) == 0)
            return i;
    if (sc->ncats < MAX_CATS) {
        sc->cats[sc->ncats] = cat; /* points into the lexicon, which outlives the run */
        return sc->ncats++;
    }
    return SIZE_MAX;
}

/* ---- text for people ------------------------------------------------------------ */

/* Copy s[0..n) for a terminal: control characters as spaces, invalid
 * UTF-8 as U+FFFD; for HTML, & < > " ' escaped too (newlines kept). */
static void put_escaped(ro_buf *b, const char *str, size_t n, bool html)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            const char *ent = !html ? NULL
                              : c == '&' ? "&amp;"
                              : c == '<' ? "&lt;"
                              : c == '>' ? "&gt;"
                              : c == '"' ? "&quot;"
                              : c == '\'' ? "&#39;"
                                          : NULL;
            if (ent)
                ro_buf_puts(b, ent);
            else if (html && c == '\n')
                ro_buf_putc(b, '\n');
            else
                ro_buf_putc(b, c < 0x20 || c == 0x7F ? ' ' : (char)c);
            i++;
            continue;
        }
        size_t ok = ro_utf8_valid_prefix(s + i, n - i);
        if (!ok) {
            ro_buf_put(b, "\xEF\xBF\xBD", 3);
            i++;
            continue;
        }
        size_t l;
        int32_t cp = ro_utf8_decode(s, n, i, &l);
        if (cp >= 0x80 && cp < 0xA0) /* C1 controls, as C0 ones */
            ro_buf_putc(b, ' ');
        else
            ro_buf_put(b, str + i, l);
        i += l;
    }
}

static void put_plain(ro_buf *b, const char *str, size_t n)
{
    put_escaped(b, str, n, false);
}

static void put_html(ro_buf *b, const char *str, size_t n)
{
    put_escaped(b, str, n, true);
}

static void put_html_cstr(ro_buf *b, const char *s)
{
    if (s)
        put_html(b, s, strlen(s));
}

/* The label of the markers sharing one span: "hedge", "agreement+distance",
 * "hedge (negated booster)", "rejection, negated: not counted". */
static void marker_label(ro_buf *b, const ro_marker *ms, size_t n, bool html)
{
    for (size_t k = 0; k < n; k++) {
        const ro_marker *m = &ms[k];
        if (k)
            ro_buf_putc(b, '+');
        if (html)
            put_html_cstr(b, m->category);
        else
            put_plain(b, m->category, strlen(m->category));
        if (m->negated && strcmp(m->category, m->entry_category) != 0)
            ro_buf_printf(b, " (negated %s)", m->entry_category);
        else if (m->negated)
            ro_buf_puts(b, ", negated");
        if (!m->counted && !m->mention && !(m->question && !m->negated) && !m->hypothetical &&
            !m->negated && m->reason) {
            ro_buf_puts(b, " (");
            ro_buf_puts(b, m->reason);
            ro_buf_puts(b, ": not counted)");
        } else if (!m->counted)
            ro_buf_puts(b, m->mention                   ? " (mention: not counted)"
                           : m->question && !m->negated ? " (question: not counted)"
                           : m->hypothetical            ? " (hypothetical: not counted)"
                                                        : ": not counted");
    }
    if (n && ms[0].speaker) { /* quoted, with the speaker found */
        ro_buf_puts(b, ", ");
        const char *spk = ms[0].speaker;
        if (html)
            put_html_cstr(b, spk);
        else
            put_plain(b, spk, strlen(spk));
    }
}

/* ---- per document ---------------------------------------------------------------- */

typedef struct {
    const ro_quote *qs;
    size_t nq;
    size_t *ord, *stack;
    size_t depth, next;
} quote_cursor;

static void qc_init(quote_cursor *q, const ro_quote *qs, size_t nq)
{
    q->qs = qs;
    q->nq = nq;
    q->ord = ro_xmalloc((nq + 1) * sizeof *q->ord);
    q->stack = ro_xmalloc((nq + 1) * sizeof *q->stack);
    for (size_t i = 0; i < nq; i++)
        q->ord[i] = i;
    for (size_t i = 1; i < nq; i++) {
        size_t k = q->ord[i], j = i;
        while (j > 0 && (qs[q->ord[j - 1]].text.start > qs[k].text.start ||
                         (qs[q->ord[j - 1]].text.start == qs[k].text.start &&
                          qs[q->ord[j - 1]].text.end < qs[k].text.end))) {
            q->ord[j] = q->ord[j - 1];
            j--;
        }
        q->ord[j] = k;
    }
    q->depth = q->next = 0;
}

/* The innermost quotation holding [a, b), for non-decreasing a; NULL if none. */
static const ro_quote *qc_at(quote_cursor *q, size_t a, size_t b)
{
    const ro_quote *qs = q->qs;
    while (q->next < q->nq && qs[q->ord[q->next]].text.start <= a) {
        while (q->depth && qs[q->stack[q->depth - 1]].text.end <= qs[q->ord[q->next]].text.start)
            q->depth--;
        q->stack[q->depth++] = q->ord[q->next++];
    }
    while (q->depth && qs[q->stack[q->depth - 1]].text.end <= a)
        q->depth--;
    for (size_t k = q->depth; k > 0; k--) {
        const ro_quote *x = &qs[q->stack[k - 1]];
        if (x->text.start <= a && b <= x->text.end)
            return x;
    }
    return NULL;
}

static void qc_free(quote_cursor *q)
{
    free(q->ord);
    free(q->stack);
}

/* Whose words the text outside quotations is: the byline's (the page's, or a person named on a
 * "By Jane Doe" line near the top), else the outlet's, else no one named. */
static void find_narrator(stance_ctx *sc, ro_doc *doc)
{
    const ro_meta *meta = ro_doc_meta(doc);
    sc->narrator = NULL;
    sc->narrator_voice = "narration";
    if (meta && meta->byline && meta->byline[0]) {
        sc->narrator = meta->byline;
        sc->narrator_voice = "author";
        return;
    }
    size_t len, nm, ne;
    const char *t = ro_doc_text(doc, &len);
    const ro_mention *m = ro_doc_mentions(doc, sc->lex, &nm);
    const ro_entity *E = ro_doc_entities(doc, sc->lex, &ne);
    for (size_t k = 0; k < nm && m[k].span.start < 2000; k++) {
        if (m[k].entity >= ne || E[m[k].entity].type != RO_ENT_PERSON)
            continue;
        size_t ls = m[k].span.start;
        while (ls > 0 && t[ls - 1] != '\n')
            ls--;
        if (m[k].span.start - ls == 3 && (t[ls] == 'B' || t[ls] == 'b') && t[ls + 1] == 'y' && t[ls + 2] == ' ') {
            sc->narrator = E[m[k].entity].name;
            sc->narrator_voice = "author";
            return;
        }
    }
    const char *o = meta && meta->outlet && meta->outlet[0] ? meta->outlet : meta && meta->site && meta->site[0] ? meta->site : NULL;
    if (o) {
        sc->narrator = o;
        sc->narrator_voice = "outlet";
    }
}

static spk_row *speaker_row(stance_ctx *sc, const char *speaker, bool quoted)
{
    const char *voice = quoted ? (speaker ? "speaker" : "quoted") : sc->narrator_voice;
    if (!quoted)
        speaker = sc->narrator;
    for (size_t i = 0; i < sc->nrows; i++) {
        spk_row *r = &sc->rows[i];
        if (r->quoted == quoted && !strcmp(r->voice, voice) &&
            ((!r->speaker && !speaker) || (r->speaker && speaker && !strcmp(r->speaker, speaker))))
            return r;
    }
    spk_row r;
    memset(&r, 0, sizeof r);
    r.speaker = speaker ? ro_xstrdup(speaker) : NULL;
    r.quoted = quoted;
    r.voice = voice;
    r.last_doc = UINT64_MAX;
    RO_PUSH(sc->rows, sc->nrows, sc->caprows, r);
    return &sc->rows[sc->nrows - 1];
}

typedef struct {
    stance_ctx *sc;
    quote_cursor qc;
} word_walk;

static int count_word(const ro_word *w, void *vctx)
{
    word_walk *ww = vctx;
    const ro_quote *q = qc_at(&ww->qc, w->start, w->end);
    spk_row *r = speaker_row(ww->sc, q ? q->speaker : NULL, q != NULL);
    r->words++;
    if (r->last_doc != ww->sc->docno) {
        r->last_doc = ww->sc->docno;
        r->docs++;
    }
    return 0;
}

static void json_counts(ro_json *j, stance_ctx *sc, const char *key, const uint64_t *counts,
                        const double *scores, double per)
{
    ro_json_key(j, key);
    ro_buf *b = j->b;
    ro_buf_putc(b, '{');
    bool first = true;
    for (size_t i = 0; i < sc->ncats; i++) {
        if (i >= 9 && !counts[i] && (!scores || scores[i] == 0))
            continue; /* user categories only when present */
        if (!first)
            ro_buf_putc(b, ',');
        first = false;
        ro_json_escape(b, sc->cats[i], strlen(sc->cats[i]));
        ro_buf_putc(b, ':');
        if (scores)
            ro_num(b, scores[i]);
        else if (per > 0)
            ro_num(b, (double)counts[i] * 1000.0 / per);
        else if (per < 0)
            ro_buf_puts(b, "null");
        else
            ro_buf_printf(b, "%llu", (unsigned long long)counts[i]);
    }
    ro_buf_putc(b, '}');
}

static void render_marker_json(stance_ctx *sc, ro_doc *doc, const ro_marker *m)
{
    cli_ctx *c = sc->c;
    const char *t = ro_doc_text(doc, NULL);
    ro_json j;
    ro_json_begin(&j, &c->obuf);
    ro_json_cstr(&j, "doc", ro_doc_meta(doc)->id);
    ro_json_int(&j, "sentence", (long long)m->sentence);
    ro_json_cstr(&j, "category", m->category);
    ro_json_str(&j, "phrase", t + m->span.start, m->span.end - m->span.start);
    ro_json_int(&j, "start", (long long)m->span.start);
    ro_json_int(&j, "end", (long long)m->span.end);
    ro_json_bool(&j, "negated", m->negated);
    ro_json_bool(&j, "counted", m->counted);
    ro_json_bool(&j, "hypothetical", m->hypothetical);
    ro_json_bool(&j, "mention", m->mention);
    /* why it was cancelled or kept: "negated" (cue: the negator), "question",
     * "mention", "if-clause" / "indirect question" / "expectation" (cue: the
     * frame's word), and for will / would: "a party's act" (cue: the subject),
     * "forecast", "event or schedule", "no party as subject", "past intention" */
    ro_json_cstr(&j, "reason", m->reason);
    if (m->cue.end > m->cue.start)
        ro_json_str(&j, "cue", t + m->cue.start, m->cue.end - m->cue.start);
    else
        ro_json_cstr(&j, "cue", NULL);
    ro_json_bool(&j, "quoted", m->quoted);
    ro_json_cstr(&j, "speaker", m->speaker);
    ro_json_cstr(&j, "entry", m->phrase_entry);
    ro_json_cstr(&j, "entry_category", m->entry_category);
    ro_json_num(&j, "weight", m->weight);
    ro_json_cstr(&j, "note", m->note && m->note[0] ? m->note : NULL);
    ro_json_end(&j);
}

static void render_marker_tsv(stance_ctx *sc, ro_doc *doc, const ro_marker *m)
{
    ro_buf *b = &sc->c->obuf;
    const char *t = ro_doc_text(doc, NULL);
    const char *id = ro_doc_meta(doc)->id;
    ro_tsv_field(b, id, strlen(id));
    ro_buf_printf(b, "\t%zu\t", m->sentence);
    ro_tsv_field(b, m->category, strlen(m->category));
    ro_buf_putc(b, '\t');
    ro_tsv_field(b, t + m->span.start, m->span.end - m->span.start);
    ro_buf_printf(b, "\t%zu\t%zu\t%s\t%s\t", m->span.start, m->span.end,
                  m->negated ? "true" : "false", m->counted ? "true" : "false");
    if (m->speaker)
        ro_tsv_field(b, m->speaker, strlen(m->speaker));
    ro_buf_putc(b, '\t');
    ro_tsv_field(b, m->phrase_entry, strlen(m->phrase_entry));
    ro_buf_putc(b, '\t');
    ro_num(b, m->weight);
    ro_buf_putc(b, '\t');
    if (m->note)
        ro_tsv_field(b, m->note, strlen(m->note));
    ro_buf_putc(b, '\n');
}

/* Tally one sentence's markers [a, b) into counts and scores. */
static void tally(stance_ctx *sc, const ro_marker *ms, size_t a, size_t b, uint64_t *counts,
                  double *scores)
{
    for (size_t k = a; k < b; k++) {
        const ro_marker *m = &ms[k];
        if (m->counted) {
            size_t s = cat_slot(sc, m->category);
            if (s != SIZE_MAX) {
                counts[s]++;
                scores[s] = ro_num_clamp(scores[s] + m->weight); /* finite for any count */
            }
        } else if (m->negated) {
            size_t s = cat_slot(sc, m->category);
            if (s != SIZE_MAX)
                scores[s] = ro_num_clamp(scores[s] - m->weight);
        }
    }
}

/* A sentence with its markers bracketed, for text or HTML. */
static void render_sentence_marked(stance_ctx *sc, ro_doc *doc, ro_span s, const ro_marker *ms,
                                   size_t a, size_t b, bool html)
{
    ro_buf *o = &sc->c->obuf;
    const char *t = ro_doc_text(doc, NULL);
    size_t pos = s.start;
    size_t k = a;
    while (k < b) {
        size_t e = k + 1;
        while (e < b && ms[e].span.start == ms[k].span.start && ms[e].span.end == ms[k].span.end)
            e++;
        const ro_marker *m = &ms[k];
        if (m->span.start < pos) { /* overlapping: cannot happen with longest match */
            k = e;
            continue;
        }
        if (html) {
            put_html(o, t + pos, m->span.start - pos);
            const char *cat = m->category;
            bool builtin = false;
            for (size_t i = 0; ro_stance_categories[i]; i++)
                if (!strcmp(ro_stance_categories[i], cat))
                    builtin = true;
            ro_buf_puts(o, "<mark class=\"");
            for (size_t q = k; q < e; q++) {
                if (q > k)
                    ro_buf_putc(o, ' ');
                ro_buf_puts(o, "c-");
                if (builtin && q == k)
                    ro_buf_puts(o, cat);
                else {
                    bool bi = false;
                    for (size_t i = 0; ro_stance_categories[i]; i++)
                        if (!strcmp(ro_stance_categories[i], ms[q].category))
                            bi = true;
                    ro_buf_puts(o, bi ? ms[q].category : "other");
                }
            }
            if (!m->counted)
                ro_buf_puts(o, " off");
            ro_buf_puts(o, "\" title=\"");
            marker_label(o, ms + k, e - k, true);
            for (size_t q = k; q < e; q++) {
                ro_buf_puts(o, " — ");
                put_html_cstr(o, ms[q].phrase_entry);
                if (ms[q].note && ms[q].note[0]) {
                    ro_buf_puts(o, ": ");
                    put_html_cstr(o, ms[q].note);
                }
            }
            ro_buf_puts(o, "\">");
            put_html(o, t + m->span.start, m->span.end - m->span.start);
            ro_buf_puts(o, "<sub>");
            marker_label(o, ms + k, e - k, true);
            ro_buf_puts(o, "</sub></mark>");
        } else {
            put_plain(o, t + pos, m->span.start - pos);
            ro_buf_putc(o, '[');
            put_plain(o, t + m->span.start, m->span.end - m->span.start);
            ro_buf_putc(o, '|');
            marker_label(o, ms + k, e - k, false);
            ro_buf_putc(o, ']');
        }
        pos = m->span.end;
        k = e;
    }
    if (html)
        put_html(o, t + pos, s.end - pos);
    else
        put_plain(o, t + pos, s.end - pos);
}

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>readout stance</title>\n<style>\n"
    "body{font:16px/1.6 Georgia,serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222}\n"
    "h1{font-size:1.4em}h2{font-size:1.1em;border-bottom:1px solid #ccc;margin-top:2em}\n"
    "p.s{margin:.4em 0}p.s .n{color:#999;font:12px monospace;margin-right:.6em}\n"
    "mark{padding:0 .15em;border-radius:3px}mark sub{font:10px sans-serif;color:#555;margin-left:.2em}\n"
    "mark.off{text-decoration:line-through;opacity:.6}\n"
    ".c-hedge{background:#fff3b0}.c-booster{background:#ffc9a8}.c-condition{background:#cde7ff}\n"
    ".c-sincerity{background:#d9f2d0}.c-commitment{background:#b8e0d2}.c-rejection{background:#ffb3b3}\n"
    ".c-criticism{background:#f4b6e0}.c-agreement{background:#b6f0b6}.c-distance{background:#ddd0f7}\n"
    ".c-other{background:#e0e0e0}\n"
    "dl.legend{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;font-size:.9em}\n"
    "dl.legend dd{margin:0}p.totals{font:13px sans-serif;color:#444}\n"
    "</style>\n</head>\n<body>\n<h1>Stance markers</h1>\n"
    "<p>Each marker is highlighted by category; hover for the listed phrase and its note. "
    "Struck-through markers are cancelled by negation or stand in a question.</p>\n"
    "<dl class=\"legend\">\n"
    "<dt><mark class=\"c-hedge\">hedge</mark></dt><dd>softens: possibility, approximation, part of the whole</dd>\n"
    "<dt><mark class=\"c-booster\">booster</mark></dt><dd>intensifies: certainty, emphasis</dd>\n"
    "<dt><mark class=\"c-condition\">condition</mark></dt><dd>holds only if something happens</dd>\n"
    "<dt><mark class=\"c-sincerity\">sincerity</mark></dt><dd>vouches for good faith, or asks for it</dd>\n"
    "<dt><mark class=\"c-commitment\">commitment</mark></dt><dd>what a party will (or will not) do</dd>\n"
    "<dt><mark class=\"c-rejection\">rejection</mark></dt><dd>turns a proposal or position down</dd>\n"
    "<dt><mark class=\"c-criticism\">criticism</mark></dt><dd>finds fault with another party</dd>\n"
    "<dt><mark class=\"c-agreement\">agreement</mark></dt><dd>the parties agree, or support a position</dd>\n"
    "<dt><mark class=\"c-distance\">distance</mark></dt><dd>diplomatic code for partial agreement or "
    "disagreement (conventional readings, not certainties)</dd>\n"
    "<dt><mark class=\"c-other\">other</mark></dt><dd>a category from a user's word list</dd>\n"
    "</dl>\n";

static int on_doc(ro_doc *doc, const char *source, void *vctx)
{
    stance_ctx *sc = vctx;
    cli_ctx *c = sc->c;
    (void)source;
    size_t nm, ns;
    const ro_marker *ms = ro_doc_stance(doc, sc->lex, &nm);
    const ro_span *ss = ro_doc_sentences(doc, &ns);
    const char *t = ro_doc_text(doc, NULL);
    const char *id = ro_doc_meta(doc)->id;
    sc->docno++;
    if (sc->by == BY_MARKER && (c->format == FMT_JSON || c->format == FMT_TSV)) {
        for (size_t i = 0; i < nm; i++) {
            if (c->format == FMT_TSV)
                render_marker_tsv(sc, doc, &ms[i]);
            else
                render_marker_json(sc, doc, &ms[i]);
            cli_flush(c, false);
        }
        return c->write_failed;
    }
    if (sc->by == BY_SPEAKER) {
        size_t nq;
        const ro_quote *qs = ro_doc_quotes(doc, sc->lex, &nq);
        find_narrator(sc, doc);
        word_walk ww = {sc, {0}};
        qc_init(&ww.qc, qs, nq);
        size_t len;
        ro_doc_text(doc, &len);
        ro_words(t, (ro_span){0, len}, count_word, &ww);
        qc_free(&ww.qc);
        for (size_t i = 0; i < nm; i++) {
            spk_row *r = speaker_row(sc, ms[i].speaker, ms[i].quoted);
            if (r->last_doc != sc->docno) {
                r->last_doc = sc->docno;
                r->docs++;
            }
            tally(sc, ms, i, i + 1, r->counts, r->scores);
            if (ms[i].counted)
                r->markers++;
        }
        return 0;
    }
    if (sc->by == BY_DOC) {
        uint64_t counts[MAX_CATS] = {0};
        double scores[MAX_CATS] = {0};
        tally(sc, ms, 0, nm, counts, scores);
        size_t len;
        ro_doc_text(doc, &len);
        size_t words = ro_words(t, (ro_span){0, len}, NULL, NULL);
        uint64_t counted = 0;
        for (size_t i = 0; i < nm; i++)
            counted += ms[i].counted;
        if (c->format == FMT_JSON) {
            ro_json j;
            ro_json_begin(&j, &c->obuf);
            ro_json_cstr(&j, "doc", id);
            ro_json_int(&j, "words", (long long)words);
            ro_json_int(&j, "sentences", (long long)ns);
            ro_json_int(&j, "markers", (long long)counted);
            json_counts(&j, sc, "counts", counts, NULL, 0);
            json_counts(&j, sc, "per_1000_words", counts, NULL, words ? (double)words : -1);
            json_counts(&j, sc, "scores", counts, scores, 0);
            ro_json_end(&j);
        } else {
            ro_buf *b = &c->obuf;
            if (c->format == FMT_TSV)
                ro_tsv_field(b, id, strlen(id));
            else
                put_plain(b, id, strlen(id));
            ro_buf_printf(b, c->format == FMT_TSV ? "\t%zu\t%zu\t%llu" : "  words %zu  sentences %zu  markers %llu\n ",
                          words, ns, (unsigned long long)counted);
            for (size_t k = 0; k < 9; k++) {
                double per = words ? (double)counts[k] * 1000.0 / (double)words : 0;
                if (c->format == FMT_TSV) {
                    ro_buf_printf(b, "\t%llu\t", (unsigned long long)counts[k]);
                    ro_num(b, per);
                } else
                    ro_buf_printf(b, " %s %llu (%.1f)", sc->cats[k], (unsigned long long)counts[k], per);
            }
            ro_buf_putc(b, '\n');
        }
        cli_flush(c, false);
        return c->write_failed;
    }
    /* by sentence, or the text and HTML views */
    ro_buf *b = &c->obuf;
    if (c->format == FMT_TEXT) {
        ro_buf_puts(b, "== ");
        ro_text_esc_cstr(b, id);
        ro_buf_printf(b, " (%zu sentence%s, %zu marker%s)\n", ns, ns == 1 ? "" : "s", nm,
                      nm == 1 ? "" : "s");
    } else if (c->format == FMT_HTML) {
        ro_buf_puts(b, "<section class=\"doc\">\n<h2>");
        put_html_cstr(b, id);
        ro_buf_printf(b, " <small>(%zu sentence%s, %zu marker%s)</small></h2>\n", ns,
                      ns == 1 ? "" : "s", nm, nm == 1 ? "" : "s");
        /* the document's counted markers per category, for a first look */
        uint64_t counts[MAX_CATS] = {0};
        double scores[MAX_CATS] = {0};
        tally(sc, ms, 0, nm, counts, scores);
        ro_buf_puts(b, "<p class=\"totals\">");
        bool any = false;
        for (size_t q = 0; q < sc->ncats; q++) {
            if (!counts[q])
                continue;
            bool builtin = q < 9;
            ro_buf_printf(b, "%s<mark class=\"c-%s\">", any ? " " : "",
                          builtin ? sc->cats[q] : "other");
            put_html_cstr(b, sc->cats[q]);
            ro_buf_printf(b, "</mark> %llu", (unsigned long long)counts[q]);
            any = true;
        }
        ro_buf_puts(b, any ? "</p>\n" : "no markers</p>\n");
    }
    size_t k = 0;
    for (size_t si = 0; si < ns; si++) {
        size_t a = k;
        while (k < nm && ms[k].sentence == si)
            k++;
        uint64_t counts[MAX_CATS] = {0};
        double scores[MAX_CATS] = {0};
        tally(sc, ms, a, k, counts, scores);
        if (c->format == FMT_TEXT) {
            ro_buf_printf(b, "%4zu  ", si);
            render_sentence_marked(sc, doc, ss[si], ms, a, k, false);
            ro_buf_putc(b, '\n');
            if (sc->by == BY_SENTENCE && k > a) {
                ro_buf_puts(b, "       ");
                for (size_t q = 0; q < sc->ncats; q++)
                    if (counts[q] || scores[q] != 0)
                        ro_buf_printf(b, " %s %llu (%+.2g)", sc->cats[q],
                                      (unsigned long long)counts[q], scores[q]);
                ro_buf_putc(b, '\n');
            }
        } else if (c->format == FMT_HTML) {
            ro_buf_printf(b, "<p class=\"s\"><span class=\"n\">%zu</span>", si);
            render_sentence_marked(sc, doc, ss[si], ms, a, k, true);
            ro_buf_puts(b, "</p>\n");
        } else if (c->format == FMT_TSV) {
            ro_tsv_field(b, id, strlen(id));
            ro_buf_printf(b, "\t%zu\t%zu\t%zu\t%zu", si, ss[si].start, ss[si].end, k - a);
            for (size_t q = 0; q < 9; q++) {
                ro_buf_printf(b, "\t%llu\t", (unsigned long long)counts[q]);
                ro_num(b, scores[q]);
            }
            ro_buf_putc(b, '\t');
            ro_tsv_field(b, t + ss[si].start, ss[si].end - ss[si].start);
            ro_buf_putc(b, '\n');
        } else {
            ro_json j;
            ro_json_begin(&j, b);
            ro_json_cstr(&j, "doc", id);
            ro_json_int(&j, "sentence", (long long)si);
            ro_json_int(&j, "start", (long long)ss[si].start);
            ro_json_int(&j, "end", (long long)ss[si].end);
            ro_json_str(&j, "text", t + ss[si].start, ss[si].end - ss[si].start);
            ro_json_int(&j, "markers", (long long)(k - a));
            json_counts(&j, sc, "counts", counts, NULL, 0);
            json_counts(&j, sc, "scores", counts, scores, 0);
            ro_json_end(&j);
        }
        cli_flush(c, false);
    }
    if (c->format == FMT_HTML)
        ro_buf_puts(b, "</section>\n");
    return c->write_failed;
}

static void on_error(const char *source, const ro_error *err, void *vctx)
{
    stance_ctx *sc = vctx;
    cli_read_error(source, err, sc->c);
}

static int cmp_rows(const void *va, const void *vb)
{
    const spk_row *a = va, *b = vb;
    if (!a->speaker != !b->speaker)
        return a->speaker ? 1 : -1; /* no speaker first */
    if (a->speaker && b->speaker) {
        int k = strcmp(a->speaker, b->speaker);
        if (k)
            return k;
    }
    return (int)a->quoted - (int)b->quoted;
}

static void render_speakers(stance_ctx *sc)
{
    cli_ctx *c = sc->c;
    ro_buf *b = &c->obuf;
    if (sc->nrows)
        qsort(sc->rows, sc->nrows, sizeof *sc->rows, cmp_rows);
    for (size_t i = 0; i < sc->nrows; i++) {
        spk_row *r = &sc->rows[i];
        if (c->format == FMT_JSON) {
            ro_json j;
            ro_json_begin(&j, b);
            ro_json_cstr(&j, "speaker", r->speaker);
            ro_json_bool(&j, "quoted", r->quoted);
            ro_json_cstr(&j, "voice", r->voice);
            ro_json_int(&j, "docs", (long long)r->docs);
            ro_json_int(&j, "words", (long long)r->words);
            ro_json_int(&j, "markers", (long long)r->markers);
            json_counts(&j, sc, "counts", r->counts, NULL, 0);
            json_counts(&j, sc, "per_1000_words", r->counts, NULL, r->words ? (double)r->words : -1);
            json_counts(&j, sc, "scores", r->counts, r->scores, 0);
            ro_json_end(&j);
        } else {
            const char *name = r->speaker ? r->speaker : r->quoted ? "(unknown speaker)" : "(outside quotations)";
            if (c->format == FMT_TSV) {
                if (r->speaker)
                    ro_tsv_field(b, r->speaker, strlen(r->speaker));
                ro_buf_printf(b, "\t%s\t%s\t%llu\t%llu\t%llu", r->quoted ? "true" : "false", r->voice,
                              (unsigned long long)r->docs, (unsigned long long)r->words,
                              (unsigned long long)r->markers);
            } else {
                put_plain(b, name, strlen(name));
                if (!r->quoted && r->speaker)
                    ro_buf_printf(b, " (%s, outside quotations)", r->voice);
                ro_buf_printf(b, "  docs %llu  words %llu  markers %llu\n ", (unsigned long long)r->docs,
                              (unsigned long long)r->words, (unsigned long long)r->markers);
            }
            for (size_t k = 0; k < 9; k++) {
                double per = r->words ? (double)r->counts[k] * 1000.0 / (double)r->words : 0;
                if (c->format == FMT_TSV) {
                    ro_buf_printf(b, "\t%llu\t", (unsigned long long)r->counts[k]);
                    ro_num(b, per);
                } else
                    ro_buf_printf(b, " %s %llu (%.1f)", sc->cats[k], (unsigned long long)r->counts[k], per);
            }
            ro_buf_putc(b, '\n');
        }
        cli_flush(c, false);
    }
}

int cmd_stance(cli_ctx *c, int argc, char **argv)
{
    by_kind by = BY_MARKER;
    for (int i = 1; i < argc; i++) {
        int k = cli_common_option(c, argc, argv, &i);
        if (k < 0)
            return cli_usage_error(c, "stance", "bad option");
        if (k > 0)
            continue;
        if (strncmp(argv[i], "--by", 4) == 0 && (argv[i][4] == '\0' || argv[i][4] == '=')) {
            const char *v = argv[i][4] == '=' ? argv[i] + 5 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v)
                return cli_usage_error(c, "stance", "option --by needs a value");
            if (!strcmp(v, "marker"))
                by = BY_MARKER;
            else if (!strcmp(v, "sentence"))
                by = BY_SENTENCE;
            else if (!strcmp(v, "speaker"))
                by = BY_SPEAKER;
            else if (!strcmp(v, "doc"))
                by = BY_DOC;
            else
                return cli_usage_error(c, "stance", "unknown --by '%s' (marker, sentence, speaker, doc)", v);
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage_error(c, "stance", "unknown option '%s'", argv[i]);
        cli_add_input(c, argv[i]);
    }
    if (c->format == FMT_HTML && (by == BY_SPEAKER || by == BY_DOC))
        return cli_usage_error(c, "stance", "--format html shows sentences: use it with --by marker or sentence");
    ro_lexicon *lex = cli_load_lexicon(c, false);
    if (!lex)
        return EXIT_FATAL;
    ro_error err = {0};
    if (ro_lexicon_compile(lex, "stance", &err) < 0) {
        fputs("readout: ", c->err);
        ro_fput_esc(c->err, err.message);
        fputc('\n', c->err);
        cli_free_lexicon(lex);
        return EXIT_FATAL;
    }
    stance_ctx sc;
    memset(&sc, 0, sizeof sc);
    sc.c = c;
    sc.lex = lex;
    sc.by = by;
    for (size_t i = 0; ro_stance_categories[i]; i++)
        cat_slot(&sc, ro_stance_categories[i]);
    static const char cols9[] = "hedge\thedge_x\tbooster\tbooster_x\tcondition\tcondition_x\t"
                                "sincerity\tsincerity_x\tcommitment\tcommitment_x\trejection\t"
                                "rejection_x\tcriticism\tcriticism_x\tagreement\tagreement_x\t"
                                "distance\tdistance_x";
    if (c->format == FMT_TSV) {
        ro_buf *b = &c->obuf;
        const char *x = by == BY_SENTENCE ? "score" : "per1000";
        const char *pre = by == BY_MARKER ? NULL
                          : by == BY_SENTENCE ? "doc\tsentence\tstart\tend\tmarkers\t"
                          : by == BY_SPEAKER  ? "speaker\tquoted\tvoice\tdocs\twords\tmarkers\t"
                                              : "doc\twords\tsentences\tmarkers\t";
        if (!pre) {
            ro_buf_puts(b, "doc\tsentence\tcategory\tphrase\tstart\tend\tnegated\tcounted\tspeaker\tentry\tweight\tnote\n");
        } else {
            ro_buf_puts(b, pre);
            for (const char *p = cols9; *p; p++) {
                if (*p == 'x' && p[-1] == '_')
                    ro_buf_puts(b, x);
                else
                    ro_buf_putc(b, *p);
            }
            ro_buf_puts(b, by == BY_SENTENCE ? "\ttext\n" : "\n");
        }
    } else if (c->format == FMT_HTML) {
        ro_buf_puts(&c->obuf, html_head);
    }
    ro_reader r = {0};
    r.on_doc = on_doc;
    r.on_error = on_error;
    r.ctx = &sc;
    ro_read_paths(&r, c->inputs, c->ninputs, &c->read);
    if (by == BY_SPEAKER)
        render_speakers(&sc);
    if (c->format == FMT_HTML)
        ro_buf_puts(&c->obuf, "</body>\n</html>\n");
    int rc = cli_finish(c, &r);
    for (size_t i = 0; i < sc.nrows; i++)
        free(sc.rows[i].speaker);
    free(sc.rows);
    cli_free_lexicon(lex);
    return rc;
}
