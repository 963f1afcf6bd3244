/* cmd_names.c: readout names — who and what a document mentions, and how
 * each person is named. */
#include "cli.h"

#include <errno.h>
#include <strings.h>

void ro_names_entity_parts(ro_doc *doc, const ro_lexicon *lex, size_t entity, const char **first,
                           const char **surname);

const char cmd_names_usage[] =
    "Usage: readout names [OPTION...] [FILE...]\n\n"
    "Find every mention of a person, organisation, country or place, link the\n"
    "mentions of each within a document, and count how each person is named.\n"
    "One JSON object a line per entity per document, with these fields:\n"
    "  doc        the document id\n"
    "  name       canonical name (the longest full name used, after aliases)\n"
    "  type       person, organisation, country, place or other\n"
    "  mentions   number of mentions\n"
    "  forms      form -> {string as written -> count}; forms are full name,\n"
    "             title+full name, title+surname, surname, first name,\n"
    "             initial+surname, title+first name (\"Sheikh Mohamed\"), role (\"the\n"
    "             Secretary\", \"Putin's aide\"), pronoun\n"
    "             (a pronoun the speaker attribution of 'readout quotes' resolved), name\n"
    "  never      forms the text makes possible but never uses, with the string\n"
    "             (a first name that is never used alone, a surname never used alone)\n"
    "  first      byte offset of the first mention\n"
    "Options:\n"
    "  --mentions           one object per mention instead: doc, name, type, start,\n"
    "                       end, text, form\n"
    "  --aliases FILE       merge variants of names: TSV lines\n"
    "                       \"alias<TAB>Yuri Ushakov<TAB>1<TAB>Yury Ushakov\"\n"
    "                       (within a document, spellings of one name are one person\n"
    "                       already: Sergei/Sergey Lavrov, Zelensky/Zelenskyy, from the\n"
    "                       list name_variants; add your own with --lexicon FILE, first\n"
    "                       line '#list name_variants', then lines \"given<TAB>Yuriy<TAB>1<TAB>\n"
    "                       Yury\", \"surname<TAB>Qaddafi<TAB>1<TAB>Gaddafi\" or a surname\n"
    "                       ending \"ending<TAB>-skyy<TAB>1<TAB>-sky\")\n"
    "  --type LIST          only these types (comma-separated: person,organisation,...)\n"
    "  --no-pronouns        do not run the speaker attribution to count pronouns (faster)\n"
    "\n" CLI_COMMON_HELP
    "\nExamples:\n"
    "  readout names readout.txt\n"
    "  readout names --mentions --format tsv corpus.jsonl\n"
    "  readout names --format text --type person transcripts/\n";

typedef struct {
    cli_ctx *c;
    const ro_lexicon *lex;
    bool mentions;
    bool pronouns;  /* count pronouns resolved by the speaker attribution */
    unsigned types; /* bit per ro_entity_type; 0 = all */
} names_ctx;

static const char *const form_order[] = {"title+full name", "full name", "title+surname", "surname",
                                         "initial+surname", "title+first name", "first name", "role",
                                         "pronoun", "name", NULL};

typedef struct {
    const char *form;
    const char *s;
    size_t n;
    size_t count;
} fstr;

/* Equal but for the kind of space ("Mr Dunst" with a no-break space) and soft hyphens. */
static bool same_text(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i + 1 < an && (unsigned char)a[i] == 0xC2 && (unsigned char)a[i + 1] == 0xAD)
            i += 2;
        while (j + 1 < bn && (unsigned char)b[j] == 0xC2 && (unsigned char)b[j + 1] == 0xAD)
            j += 2;
        if (i >= an || j >= bn)
            return i >= an && j >= bn;
        bool sa = a[i] == ' ' || a[i] == '\n' || ((unsigned char)a[i] == 0xC2 && i + 1 < an && (unsigned char)a[i + 1] == 0xA0);
        bool sb = b[j] == ' ' || b[j] == '\n' || ((unsigned char)b[j] == 0xC2 && j + 1 < bn && (unsigned char)b[j + 1] == 0xA0);
        if (sa || sb) {
            if (!(sa && sb))
                return false;
            i += a[i] == ' ' || a[i] == '\n' ? 1 : 2;
            j += b[j] == ' ' || b[j] == '\n' ? 1 : 2;
            continue;
        }
        if (a[i] != b[j])
            return false;
        i++;
        j++;
    }
}

/* Forms of one entity: distinct (form, string) pairs with counts, in form order. */
static size_t collect_forms(const char *text, const ro_mention *ms, const size_t *idx, size_t k, fstr **out)
{
    fstr *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t i = 0; i < k; i++) {
        const ro_mention *m = &ms[idx[i]];
        const char *s = text + m->span.start;
        size_t n = m->span.end - m->span.start;
        size_t j;
        for (j = 0; j < nv; j++)
            if (v[j].form == m->form && same_text(v[j].s, v[j].n, s, n))
                break;
        if (j < nv) {
            v[j].count++;
            continue;
        }
        fstr f = {m->form, s, n, 1};
        RO_PUSH(v, nv, cap, f);
    }
    *out = v;
    return nv;
}

/* Pronouns the speaker attribution resolved ("he said" → the speaker): counted
 * as the form "pronoun" of the person it names. */
typedef struct {
    const char *speaker, *s;
    size_t n;
} pron_ref;

static int cmp_pron(const void *a, const void *b)
{
    return strcmp(((const pron_ref *)a)->speaker, ((const pron_ref *)b)->speaker);
}

/* The document's attributed pronouns, sorted by speaker. */
static size_t collect_pronouns(ro_doc *doc, const ro_lexicon *lex, pron_ref **out)
{
    static const char *const pron[] = {"he", "she", "they", "him", "her", "them", NULL};
    size_t nq, len, n = 0, cap = 0;
    const ro_quote *qs = ro_doc_quotes(doc, lex, &nq);
    const char *text = ro_doc_text(doc, &len);
    pron_ref *v = NULL;
    for (size_t i = 0; i < nq; i++) {
        const ro_quote *q = &qs[i];
        if (!q->speaker || q->mention.end <= q->mention.start || q->mention.end > len ||
            q->mention.end - q->mention.start > 4)
            continue;
        const char *s = text + q->mention.start;
        size_t sn = q->mention.end - q->mention.start;
        for (size_t k = 0; pron[k]; k++)
            if (strlen(pron[k]) == sn && strncasecmp(pron[k], s, sn) == 0) {
                pron_ref r = {q->speaker, s, sn};
                RO_PUSH(v, n, cap, r);
                break;
            }
    }
    if (n)
        qsort(v, n, sizeof *v, cmp_pron);
    *out = v;
    return n;
}

/* Add the pronouns naming `name` to its forms; returns how many. */
static size_t add_pronouns(const pron_ref *pr, size_t np, const char *name, fstr **fv, size_t *nf)
{
    size_t lo = 0, hi = np, cap = *nf, count = 0;
    while (lo < hi) { /* first with speaker >= name */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(pr[mid].speaker, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < np && strcmp(pr[i].speaker, name) == 0; i++) {
        count++;
        size_t j;
        for (j = 0; j < *nf; j++)
            if (!strcmp((*fv)[j].form, "pronoun") && same_text((*fv)[j].s, (*fv)[j].n, pr[i].s, pr[i].n))
                break;
        if (j < *nf) {
            (*fv)[j].count++;
            continue;
        }
        fstr f = {"pronoun", pr[i].s, pr[i].n, 1};
        RO_PUSH(*fv, *nf, cap, f);
    }
    return count;
}

static bool form_used(const fstr *v, size_t nv, const char *form)
{
    for (size_t i = 0; i < nv; i++)
        if (strcmp(v[i].form, form) == 0)
            return true;
    return false;
}

static void put_text(ro_buf *b, const char *s, size_t n)
{
    ro_text_field(b, s, n, 200);
}

static int on_doc(ro_doc *doc, const char *source, void *vctx)
{
    names_ctx *nc = vctx;
    cli_ctx *c = nc->c;
    (void)source;
    size_t nm, ne, len;
    const ro_mention *ms = ro_doc_mentions(doc, nc->lex, &nm);
    const ro_entity *es = ro_doc_entities(doc, nc->lex, &ne);
    const char *text = ro_doc_text(doc, &len);
    const char *id = ro_doc_meta(doc)->id;
    if (!id)
        id = "";
    if (nc->mentions) {
        for (size_t i = 0; i < nm; i++) {
            const ro_entity *e = &es[ms[i].entity];
            if (nc->types && !(nc->types & (1u << e->type)))
                continue;
            size_t s = ms[i].span.start, n = ms[i].span.end - s;
            if (c->format == FMT_TSV) {
                ro_tsv_field(&c->obuf, id, strlen(id));
                ro_buf_putc(&c->obuf, '\t');
                ro_tsv_field(&c->obuf, e->name, strlen(e->name));
                ro_buf_printf(&c->obuf, "\t%s\t%zu\t%zu\t", ro_entity_type_name(e->type), s, s + n);
                ro_tsv_field(&c->obuf, text + s, n);
                ro_buf_printf(&c->obuf, "\t%s\n", ms[i].form);
            } else if (c->format == FMT_TEXT) {
                ro_buf_printf(&c->obuf, "%8zu  %-16s %-28.28s ", s, ms[i].form, e->name);
                put_text(&c->obuf, text + s, n);
                ro_buf_putc(&c->obuf, '\n');
            } else {
                ro_json j;
                ro_json_begin(&j, &c->obuf);
                ro_json_cstr(&j, "doc", id);
                ro_json_cstr(&j, "name", e->name);
                ro_json_cstr(&j, "type", ro_entity_type_name(e->type));
                ro_json_int(&j, "start", (long long)s);
                ro_json_int(&j, "end", (long long)(s + n));
                ro_json_str(&j, "text", text + s, n);
                ro_json_cstr(&j, "form", ms[i].form);
                ro_json_end(&j);
            }
            cli_flush(c, false);
        }
        return c->write_failed;
    }
    /* group mentions by entity (counting sort) */
    size_t *start = ro_xcalloc(ne + 1, sizeof *start);
    size_t *idx = ro_xcalloc(nm + 1, sizeof *idx);
    for (size_t i = 0; i < nm; i++)
        start[ms[i].entity + 1]++;
    for (size_t e = 0; e < ne; e++)
        start[e + 1] += start[e];
    size_t *fill = ro_xcalloc(ne + 1, sizeof *fill);
    for (size_t i = 0; i < nm; i++)
        idx[start[ms[i].entity] + fill[ms[i].entity]++] = i;
    pron_ref *prons = NULL;
    size_t nprons = nc->pronouns ? collect_pronouns(doc, nc->lex, &prons) : 0;
    if (c->format == FMT_TEXT)
        ro_buf_printf(&c->obuf, "== %s (%zu entities, %zu mentions)\n", id, ne, nm);
    for (size_t e = 0; e < ne; e++) {
        const ro_entity *en = &es[e];
        if (nc->types && !(nc->types & (1u << en->type)))
            continue;
        fstr *fv;
        size_t nf = collect_forms(text, ms, idx + start[e], start[e + 1] - start[e], &fv);
        size_t npron = 0;
        if (en->type == RO_ENT_PERSON)
            npron = add_pronouns(prons, nprons, en->name, &fv, &nf);
        const char *first = NULL, *sur = NULL;
        if (en->type == RO_ENT_PERSON)
            ro_names_entity_parts(doc, nc->lex, e, &first, &sur);
        const char *never_first = first && !form_used(fv, nf, "first name") ? first : NULL;
        const char *never_sur = sur && first && !form_used(fv, nf, "surname") ? sur : NULL;
        if (c->format == FMT_TSV) {
            ro_tsv_field(&c->obuf, id, strlen(id));
            ro_buf_putc(&c->obuf, '\t');
            ro_tsv_field(&c->obuf, en->name, strlen(en->name));
            ro_buf_printf(&c->obuf, "\t%s\t%zu\t%zu\t", ro_entity_type_name(en->type), en->nmentions + npron,
                          en->first);
            bool firstf = true;
            for (size_t o = 0; form_order[o]; o++)
                for (size_t k = 0; k < nf; k++) {
                    if (strcmp(fv[k].form, form_order[o]) != 0)
                        continue;
                    if (!firstf)
                        ro_buf_puts(&c->obuf, "; ");
                    firstf = false;
                    ro_buf_printf(&c->obuf, "%s: ", fv[k].form);
                    ro_tsv_field(&c->obuf, fv[k].s, fv[k].n);
                    ro_buf_printf(&c->obuf, " %zu", fv[k].count);
                }
            ro_buf_putc(&c->obuf, '\t');
            if (never_first)
                ro_buf_printf(&c->obuf, "first name: %s", never_first);
            if (never_sur)
                ro_buf_printf(&c->obuf, "%ssurname: %s", never_first ? "; " : "", never_sur);
            ro_buf_putc(&c->obuf, '\n');
        } else if (c->format == FMT_TEXT) {
            ro_buf_printf(&c->obuf, "%-32.32s %-12s %4zu  ", en->name, ro_entity_type_name(en->type),
                          en->nmentions + npron);
            bool firstf = true;
            for (size_t o = 0; form_order[o]; o++) {
                bool started = false;
                for (size_t k = 0; k < nf; k++) {
                    if (strcmp(fv[k].form, form_order[o]) != 0)
                        continue;
                    if (!started) {
                        ro_buf_printf(&c->obuf, "%s%s ", firstf ? "" : "; ", fv[k].form);
                        started = true;
                    } else {
                        ro_buf_puts(&c->obuf, ", ");
                    }
                    firstf = false;
                    ro_buf_puts(&c->obuf, "“");
                    put_text(&c->obuf, fv[k].s, fv[k].n);
                    ro_buf_printf(&c->obuf, "” %zu", fv[k].count);
                }
            }
            if (never_first || never_sur) {
                ro_buf_puts(&c->obuf, "; never alone: ");
                if (never_first)
                    ro_buf_printf(&c->obuf, "“%s”", never_first);
                if (never_sur)
                    ro_buf_printf(&c->obuf, "%s“%s”", never_first ? ", " : "", never_sur);
            }
            ro_buf_putc(&c->obuf, '\n');
        } else {
            ro_json j;
            ro_json_begin(&j, &c->obuf);
            ro_json_cstr(&j, "doc", id);
            ro_json_cstr(&j, "name", en->name);
            ro_json_cstr(&j, "type", ro_entity_type_name(en->type));
            ro_json_int(&j, "mentions", (long long)(en->nmentions + npron));
            ro_json_key(&j, "forms");
            ro_buf_putc(&c->obuf, '{');
            bool firstf = true;
            for (size_t o = 0; form_order[o]; o++) {
                bool opened = false;
                for (size_t k = 0; k < nf; k++) {
                    if (strcmp(fv[k].form, form_order[o]) != 0)
                        continue;
                    if (!opened) {
                        if (!firstf)
                            ro_buf_putc(&c->obuf, ',');
                        firstf = false;
                        ro_json_escape(&c->obuf, fv[k].form, strlen(fv[k].form));
                        ro_buf_puts(&c->obuf, ":{");
                        opened = true;
                    } else {
                        ro_buf_putc(&c->obuf, ',');
                    }
                    ro_json_escape(&c->obuf, fv[k].s, fv[k].n);
                    ro_buf_printf(&c->obuf, ":%zu", fv[k].count);
                }
                if (opened)
                    ro_buf_putc(&c->obuf, '}');
            }
            ro_buf_putc(&c->obuf, '}');
            ro_json_key(&j, "never");
            ro_buf_putc(&c->obuf, '{');
            if (never_first) {
                ro_json_escape(&c->obuf, "first name", 10);
                ro_buf_putc(&c->obuf, ':');
                ro_json_escape(&c->obuf, never_first, strlen(never_first));
            }
            if (never_sur) {
                if (never_first)
                    ro_buf_putc(&c->obuf, ',');
                ro_json_escape(&c->obuf, "surname", 7);
                ro_buf_putc(&c->obuf, ':');
                ro_json_escape(&c->obuf, never_sur, strlen(never_sur));
            }
            ro_buf_putc(&c->obuf, '}');
            ro_json_int(&j, "first", (long long)en->first);
            ro_json_end(&j);
        }
        free(fv);
        cli_flush(c, false);
    }
    free(start);
    free(idx);
    free(fill);
    free(prons);
    return c->write_failed;
}

static void on_error(const char *source, const ro_error *err, void *vctx)
{
    names_ctx *nc = vctx;
    cli_read_error(source, err, nc->c);
}

static int parse_types(const char *s, unsigned *out)
{
    static const char *const names[] = {"person", "organisation", "country", "place", "other"};
    *out = 0;
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        size_t k;
        for (k = 0; k < 5; k++)
            if (strlen(names[k]) == n && memcmp(names[k], s, n) == 0)
                break;
        if (k == 5 && n == 12 && memcmp(s, "organization", 12) == 0)
            k = 1;
        if (k == 5)
            return -1;
        *out |= 1u << k;
        s += n;
        if (*s == ',')
            s++;
    }
    return 0;
}

int cmd_names(cli_ctx *c, int argc, char **argv)
{
    names_ctx nc = {c, NULL, false, true, 0};
    char **aliases = NULL;
    size_t nal = 0, capal = 0;
    int rc;
    for (int i = 1; i < argc; i++) {
        int k = cli_common_option(c, argc, argv, &i);
        if (k < 0) {
            free(aliases);
            return cli_usage_error(c, "names", "bad option");
        }
        if (k > 0)
            continue;
        const char *a = argv[i];
        if (strcmp(a, "--mentions") == 0) {
            nc.mentions = true;
        } else if (strcmp(a, "--no-pronouns") == 0) {
            nc.pronouns = false;
        } else if (strcmp(a, "--aliases") == 0 || strncmp(a, "--aliases=", 10) == 0) {
            const char *v = a[9] == '=' ? a + 10 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) {
                free(aliases);
                return cli_usage_error(c, "names", "option --aliases needs a value");
            }
            RO_PUSH(aliases, nal, capal, (char *)v);
        } else if (strcmp(a, "--type") == 0 || strncmp(a, "--type=", 7) == 0) {
            const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || parse_types(v, &nc.types) < 0) {
                free(aliases);
                return cli_usage_error(c, "names", "--type takes person, organisation, country, place, other");
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            free(aliases);
            return cli_usage_error(c, "names", "unknown option '%s'", a);
        } else {
            cli_add_input(c, argv[i]);
        }
    }
    if (c->format == FMT_HTML) {
        free(aliases);
        return cli_usage_error(c, "names", "--format html is not available here (json, tsv, text)");
    }
    ro_lexicon *lex = cli_load_lexicon(c);
    if (!lex) {
        free(aliases);
        return EXIT_FATAL;
    }
    for (size_t i = 0; i < nal; i++) {
        FILE *f = fopen(aliases[i], "rb");
        if (!f) {
            fprintf(c->err, "readout: %s: %s\n", aliases[i], strerror(errno));
            ro_lexicon_free(lex);
            free(aliases);
            return EXIT_FATAL;
        }
        ro_buf b = {0};
        char tmp[65536];
        size_t k;
        while ((k = fread(tmp, 1, sizeof tmp, f)) > 0 && b.len < (64u << 20))
            ro_buf_put(&b, tmp, k);
        fclose(f);
        ro_error err = {0};
        int r = ro_lexicon_add_text(lex, "aliases", b.data ? b.data : "", b.len, aliases[i], &err);
        ro_buf_free(&b);
        if (r < 0) {
            fprintf(c->err, "readout: %s\n", err.message);
            ro_lexicon_free(lex);
            free(aliases);
            return EXIT_FATAL;
        }
    }
    free(aliases);
    if (c->format == FMT_TSV)
        ro_buf_puts(&c->obuf, nc.mentions ? "doc\tname\ttype\tstart\tend\ttext\tform\n"
                                          : "doc\tname\ttype\tmentions\tfirst\tforms\tnever\n");
    nc.lex = lex;
    ro_reader r = {0};
    r.on_doc = on_doc;
    r.on_error = on_error;
    r.ctx = &nc;
    ro_read_paths(&r, c->inputs, c->ninputs, &c->read);
    rc = cli_finish(c, &r);
    ro_lexicon_free(lex);
    return rc;
}
