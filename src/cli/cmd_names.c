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
    "  --by speaker         how each speaker names each person: one object per document,\n"
    "                       voice and entity, counting only the mentions inside the\n"
    "                       quotations and turns attributed to that speaker (names and\n"
    "                       roles; no pronouns; a turn's label is nobody's words).\n"
    "                       Fields: doc, speaker, voice, name, type, mentions, forms,\n"
    "                       never.  voice is speaker; narrator (text outside every\n"
    "                       quotation, speaker null); turn (a turn no speaker was found\n"
    "                       for, speaker = its label: \"Question\"); or unattributed\n"
    "                       (quotations with no speaker, speaker null).  A quotation\n"
    "                       with no speaker inside a speaker's turn is that speaker's.\n"
    "                       Persons only unless --type says otherwise.  With\n"
    "                       --mentions: every mention with its voice and speaker.\n"
    "\n" CLI_COMMON_HELP
    "\nExamples:\n"
    "  readout names readout.txt\n"
    "  readout names --mentions --format tsv corpus.jsonl\n"
    "  readout names --format text --type person transcripts/\n"
    "  readout names --by speaker --format text readout.txt\n";

typedef struct {
    cli_ctx *c;
    const ro_lexicon *lex;
    bool mentions;
    bool pronouns;  /* count pronouns resolved by the speaker attribution */
    unsigned types; /* bit per ro_entity_type; 0 = all */
    bool by_speaker; /* --by speaker */
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

/* The forms a person's name makes possible but the mentions fv[0..nf) never use:
 * the first name alone, the surname alone (when there is a first name). */
static void never_forms(ro_doc *doc, const ro_lexicon *lex, size_t entity, const fstr *fv, size_t nf,
                        const char **never_first, const char **never_sur)
{
    const char *first = NULL, *sur = NULL;
    ro_names_entity_parts(doc, lex, entity, &first, &sur);
    *never_first = first && !form_used(fv, nf, "first name") ? first : NULL;
    *never_sur = sur && first && !form_used(fv, nf, "surname") ? sur : NULL;
}

/* TSV: "form: string N; form: string N" in form order. */
static void put_forms_tsv(ro_buf *b, const fstr *fv, size_t nf)
{
    bool firstf = true;
    for (size_t o = 0; form_order[o]; o++)
        for (size_t k = 0; k < nf; k++) {
            if (strcmp(fv[k].form, form_order[o]) != 0)
                continue;
            if (!firstf)
                ro_buf_puts(b, "; ");
            firstf = false;
            ro_buf_printf(b, "%s: ", fv[k].form);
            ro_tsv_field(b, fv[k].s, fv[k].n);
            ro_buf_printf(b, " %zu", fv[k].count);
        }
}

static void put_never_tsv(ro_buf *b, const char *never_first, const char *never_sur)
{
    if (never_first) {
        ro_buf_puts(b, "first name: ");
        ro_tsv_field(b, never_first, strlen(never_first));
    }
    if (never_sur) {
        ro_buf_puts(b, never_first ? "; surname: " : "surname: ");
        ro_tsv_field(b, never_sur, strlen(never_sur));
    }
}

/* JSON: {form:{string:count}} in form order. */
static void put_forms_json(ro_buf *b, const fstr *fv, size_t nf)
{
    ro_buf_putc(b, '{');
    bool firstf = true;
    for (size_t o = 0; form_order[o]; o++) {
        bool opened = false;
        for (size_t k = 0; k < nf; k++) {
            if (strcmp(fv[k].form, form_order[o]) != 0)
                continue;
            if (!opened) {
                if (!firstf)
                    ro_buf_putc(b, ',');
                firstf = false;
                ro_json_escape(b, fv[k].form, strlen(fv[k].form));
                ro_buf_puts(b, ":{");
                opened = true;
            } else {
                ro_buf_putc(b, ',');
            }
            ro_json_escape(b, fv[k].s, fv[k].n);
            ro_buf_printf(b, ":%zu", fv[k].count);
        }
        if (opened)
            ro_buf_putc(b, '}');
    }
    ro_buf_putc(b, '}');
}

/* JSON: {"first name":..., "surname":...}. */
static void put_never_json(ro_buf *b, const char *never_first, const char *never_sur)
{
    ro_buf_putc(b, '{');
    if (never_first) {
        ro_json_escape(b, "first name", 10);
        ro_buf_putc(b, ':');
        ro_json_escape(b, never_first, strlen(never_first));
    }
    if (never_sur) {
        if (never_first)
            ro_buf_putc(b, ',');
        ro_json_escape(b, "surname", 7);
        ro_buf_putc(b, ':');
        ro_json_escape(b, never_sur, strlen(never_sur));
    }
    ro_buf_putc(b, '}');
}

/* ---- --by speaker: whose words each mention is in ------------------------------ */

/* A voice: the narrator (text outside every quotation and turn), a speaker
 * the attribution found, a turn nobody was found for (known by its label,
 * "Question"), or the quotations with no speaker. */
enum { V_NARRATOR, V_SPEAKER, V_TURN, V_UNATTRIBUTED };
static const char *const voice_kind_name[] = {"narrator", "speaker", "turn", "unattributed"};
enum { VI_NARRATOR, VI_UNATTRIBUTED }; /* their places in voices.v */
#define V_NONE ((size_t)-1)  /* a quotation without a voice of its own */
#define V_LABEL ((size_t)-2) /* a mention that is a turn's label ("USHAKOV:") */

typedef struct {
    int kind;
    long entity;   /* the speaker's entity, or -1 */
    const char *s; /* speaker's name or turn label as written */
    size_t n;
    size_t pos;    /* where its first quotation starts: voices are shown in that order */
} voice;

typedef struct {
    voice *v;      /* v[0] narrator, v[1] unattributed, then the others */
    size_t nv;
    size_t *of;    /* per mention: voice index, or V_LABEL */
} voices;

typedef struct {
    size_t s, e, q;
} qspan;

static int cmp_qspan(const void *a, const void *b)
{
    const qspan *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    if (x->e != y->e)
        return x->e > y->e ? -1 : 1; /* outer first */
    return x->q < y->q ? -1 : x->q > y->q;
}

typedef struct {
    int kind;
    const char *s;
    size_t n, q;
} skey;

static int cmp_skey(const void *a, const void *b)
{
    const skey *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind - y->kind;
    size_t m = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, m);
    if (c)
        return c;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    return x->q < y->q ? -1 : x->q > y->q;
}

static size_t add_voice(voices *V, size_t *cap, int kind, long entity, const char *s, size_t n, size_t pos)
{
    voice v = {kind, entity, s, n, pos};
    RO_PUSH(V->v, V->nv, *cap, v);
    return V->nv - 1;
}

/* The voice of every mention: the innermost quotation or turn whose text holds
 * the mention's whole span and that has a speaker (a term or a quotation with
 * none inside a speaker's turn is that speaker's); turn labels are no one's. */
static void find_voices(ro_doc *doc, const ro_lexicon *lex, const ro_mention *ms, size_t nm, size_t ne,
                        voices *V)
{
    size_t nq, len, cap = 0;
    const ro_quote *qs = ro_doc_quotes(doc, lex, &nq);
    const char *text = ro_doc_text(doc, &len);
    memset(V, 0, sizeof *V);
    add_voice(V, &cap, V_NARRATOR, -1, NULL, 0, 0);
    add_voice(V, &cap, V_UNATTRIBUTED, -1, NULL, 0, SIZE_MAX);
    size_t *qv = ro_xcalloc(nq + 1, sizeof *qv);
    size_t *ent2v = ro_xcalloc(ne + 1, sizeof *ent2v);
    for (size_t e = 0; e < ne; e++)
        ent2v[e] = V_NONE;
    skey *keys = NULL;
    size_t nkeys = 0, capkeys = 0;
    for (size_t i = 0; i < nq; i++) {
        const ro_quote *q = &qs[i];
        qv[i] = V_NONE;
        if (q->speaker && q->entity >= 0 && (size_t)q->entity < ne) {
            size_t *slot = &ent2v[q->entity];
            if (*slot == V_NONE)
                *slot = add_voice(V, &cap, V_SPEAKER, q->entity, q->speaker, strlen(q->speaker), q->text.start);
            else if (q->text.start < V->v[*slot].pos)
                V->v[*slot].pos = q->text.start;
            qv[i] = *slot;
        } else if (q->speaker) {
            skey k = {V_SPEAKER, q->speaker, strlen(q->speaker), i};
            RO_PUSH(keys, nkeys, capkeys, k);
        } else if (q->kind == RO_Q_TURN && q->mention.end > q->mention.start && q->mention.end <= len) {
            skey k = {V_TURN, text + q->mention.start, q->mention.end - q->mention.start, i};
            RO_PUSH(keys, nkeys, capkeys, k);
        }
    }
    /* speakers without an entity, and unattributed turns, by their name as written */
    if (nkeys)
        qsort(keys, nkeys, sizeof *keys, cmp_skey);
    for (size_t i = 0; i < nkeys;) {
        size_t j = i;
        size_t v = add_voice(V, &cap, keys[i].kind, -1, keys[i].s, keys[i].n, qs[keys[i].q].text.start);
        for (; j < nkeys && keys[j].kind == keys[i].kind && keys[j].n == keys[i].n &&
               memcmp(keys[j].s, keys[i].s, keys[i].n) == 0;
             j++) {
            qv[keys[j].q] = v;
            if (qs[keys[j].q].text.start < V->v[v].pos)
                V->v[v].pos = qs[keys[j].q].text.start;
        }
        i = j;
    }
    free(keys);
    free(ent2v);

    /* quotation spans, outer first; and the turns' labels */
    qspan *sp = ro_xcalloc(nq + 1, sizeof *sp), *lab = ro_xcalloc(nq + 1, sizeof *lab);
    size_t nsp = 0, nlab = 0;
    for (size_t i = 0; i < nq; i++) {
        const ro_quote *q = &qs[i];
        if (q->text.end > q->text.start && q->text.end <= len)
            sp[nsp++] = (qspan){q->text.start, q->text.end, i};
        if (q->kind == RO_Q_TURN && q->mention.end > q->mention.start && q->mention.end <= len)
            lab[nlab++] = (qspan){q->mention.start, q->mention.end, i};
    }
    qsort(sp, nsp, sizeof *sp, cmp_qspan);
    qsort(lab, nlab, sizeof *lab, cmp_qspan);
    size_t *stack = ro_xcalloc(nsp + 1, sizeof *stack);
    size_t top = 0, si = 0, li = 0;
    V->of = ro_xcalloc(nm + 1, sizeof *V->of);
    for (size_t m = 0; m < nm; m++) { /* mentions are in text order */
        size_t ms0 = ms[m].span.start, me0 = ms[m].span.end;
        while (li < nlab && lab[li].e <= ms0)
            li++;
        if (li < nlab && lab[li].s < me0) {
            V->of[m] = V_LABEL;
            continue;
        }
        while (si < nsp && sp[si].s <= ms0) {
            while (top && sp[stack[top - 1]].e <= sp[si].s)
                top--;
            stack[top++] = si++;
        }
        while (top && sp[stack[top - 1]].e <= ms0)
            top--;
        size_t v = VI_NARRATOR;
        /* innermost first; a bounded walk, for quotations that overlap without nesting */
        for (size_t k = top, steps = 0; k > 0 && steps < 64; k--, steps++) {
            const qspan *x = &sp[stack[k - 1]];
            if (x->s > ms0 || me0 > x->e)
                continue;
            v = VI_UNATTRIBUTED;
            if (qv[x->q] != V_NONE) {
                v = qv[x->q];
                break;
            }
        }
        V->of[m] = v;
    }
    free(stack);
    free(sp);
    free(lab);
    free(qv);
}

static void free_voices(voices *V)
{
    free(V->v);
    free(V->of);
}

/* The voice's fields for a mention line: speaker (name, label or null) and kind. */
static void put_voice_json(ro_json *j, const voices *V, size_t v)
{
    if (v == V_LABEL) {
        ro_json_null(j, "speaker");
        ro_json_cstr(j, "voice", "label");
        return;
    }
    const voice *x = &V->v[v];
    if (x->s)
        ro_json_str(j, "speaker", x->s, x->n);
    else
        ro_json_null(j, "speaker");
    ro_json_cstr(j, "voice", voice_kind_name[x->kind]);
}

static void put_voice_tsv(ro_buf *b, const voices *V, size_t v)
{
    if (v == V_LABEL) {
        ro_buf_puts(b, "label\t");
        return;
    }
    const voice *x = &V->v[v];
    ro_buf_puts(b, voice_kind_name[x->kind]);
    ro_buf_putc(b, '\t');
    if (x->s)
        ro_tsv_field(b, x->s, x->n);
}

static void put_voice_heading(ro_buf *b, const char *id, const voice *x)
{
    ro_text_esc_cstr(b, id);
    ro_buf_puts(b, "  ");
    switch (x->kind) {
    case V_NARRATOR: ro_buf_puts(b, "narrator (outside quotations):\n"); return;
    case V_UNATTRIBUTED: ro_buf_puts(b, "quotations with no speaker found:\n"); return;
    case V_TURN:
        ro_buf_puts(b, "turns labelled “");
        ro_text_field(b, x->s, x->n, 80);
        ro_buf_puts(b, "” (no speaker found):\n");
        return;
    default:
        ro_text_field(b, x->s, x->n, 200);
        ro_buf_puts(b, " speaking:\n");
    }
}

/* "Mr Witkoff ×4 (title+surname), Witkoff ×1 (surname); never alone: Steve (first name)" */
static void put_forms_line(ro_buf *b, const fstr *fv, size_t nf, const char *never_first, const char *never_sur)
{
    bool firstf = true;
    for (size_t o = 0; form_order[o]; o++)
        for (size_t k = 0; k < nf; k++) {
            if (strcmp(fv[k].form, form_order[o]) != 0)
                continue;
            if (!firstf)
                ro_buf_puts(b, ", ");
            firstf = false;
            put_text(b, fv[k].s, fv[k].n);
            ro_buf_printf(b, " ×%zu (%s)", fv[k].count, fv[k].form);
        }
    if (never_first || never_sur) {
        ro_buf_puts(b, "; never alone: ");
        if (never_first) {
            put_text(b, never_first, strlen(never_first));
            ro_buf_puts(b, " (first name)");
        }
        if (never_sur) {
            if (never_first)
                ro_buf_puts(b, ", ");
            put_text(b, never_sur, strlen(never_sur));
            ro_buf_puts(b, " (surname)");
        }
    }
    ro_buf_putc(b, '\n');
}

typedef struct {
    size_t rank, entity, m;
} vrec;

static int cmp_vrec(const void *a, const void *b)
{
    const vrec *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->entity != y->entity)
        return x->entity < y->entity ? -1 : 1;
    return x->m < y->m ? -1 : x->m > y->m;
}

typedef struct {
    int group; /* 0 narrator, 1 speakers and turns, 2 unattributed */
    size_t pos, v;
} vorder;

static int cmp_vorder(const void *a, const void *b)
{
    const vorder *x = a, *y = b;
    if (x->group != y->group)
        return x->group - y->group;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return x->v < y->v ? -1 : x->v > y->v;
}

/* One row per (voice, entity): how that voice names it.  Pronouns are not
 * counted (only names and roles). */
static int on_doc_by_speaker(ro_doc *doc, names_ctx *nc)
{
    cli_ctx *c = nc->c;
    size_t nm, ne, len;
    const ro_mention *ms = ro_doc_mentions(doc, nc->lex, &nm);
    const ro_entity *es = ro_doc_entities(doc, nc->lex, &ne);
    const char *text = ro_doc_text(doc, &len);
    const char *id = ro_doc_meta(doc)->id;
    if (!id)
        id = "";
    voices V;
    find_voices(doc, nc->lex, ms, nm, ne, &V);
    /* voices in the order shown: the narrator, speakers by their first quotation, the unattributed */
    vorder *vo = ro_xcalloc(V.nv, sizeof *vo);
    for (size_t v = 0; v < V.nv; v++)
        vo[v] = (vorder){V.v[v].kind == V_NARRATOR ? 0 : V.v[v].kind == V_UNATTRIBUTED ? 2 : 1, V.v[v].pos, v};
    qsort(vo, V.nv, sizeof *vo, cmp_vorder);
    size_t *order = ro_xcalloc(V.nv, sizeof *order), *rank = ro_xcalloc(V.nv, sizeof *rank);
    for (size_t r = 0; r < V.nv; r++) {
        order[r] = vo[r].v;
        rank[vo[r].v] = r;
    }
    free(vo);
    vrec *recs = ro_xcalloc(nm + 1, sizeof *recs);
    size_t nr = 0;
    for (size_t i = 0; i < nm; i++) {
        if (V.of[i] == V_LABEL || ms[i].entity >= ne)
            continue;
        if (nc->types && !(nc->types & (1u << es[ms[i].entity].type)))
            continue;
        recs[nr++] = (vrec){rank[V.of[i]], ms[i].entity, i};
    }
    qsort(recs, nr, sizeof *recs, cmp_vrec);
    size_t *idx = ro_xcalloc(nr + 1, sizeof *idx);
    size_t width = 0; /* the text's name column, for the whole document */
    for (size_t i = 0; i < nr; i++) {
        size_t w = ro_text_width(es[recs[i].entity].name, strlen(es[recs[i].entity].name));
        if (w > width)
            width = w < 40 ? w : 40;
    }
    for (size_t i = 0; i < nr;) {
        const voice *vx = &V.v[order[recs[i].rank]];
        size_t vend = i;
        while (vend < nr && recs[vend].rank == recs[i].rank)
            vend++;
        if (c->format == FMT_TEXT)
            put_voice_heading(&c->obuf, id, vx);
        while (i < vend) {
            size_t j = i, e = recs[i].entity;
            for (; j < vend && recs[j].entity == e; j++)
                idx[j - i] = recs[j].m;
            const ro_entity *en = &es[e];
            fstr *fv;
            size_t nf = collect_forms(text, ms, idx, j - i, &fv);
            const char *never_first = NULL, *never_sur = NULL;
            if (en->type == RO_ENT_PERSON)
                never_forms(doc, nc->lex, e, fv, nf, &never_first, &never_sur);
            if (c->format == FMT_TSV) {
                ro_tsv_field(&c->obuf, id, strlen(id));
                ro_buf_putc(&c->obuf, '\t');
                put_voice_tsv(&c->obuf, &V, order[recs[i].rank]);
                ro_buf_putc(&c->obuf, '\t');
                ro_tsv_field(&c->obuf, en->name, strlen(en->name));
                ro_buf_printf(&c->obuf, "\t%s\t%zu\t", ro_entity_type_name(en->type), j - i);
                put_forms_tsv(&c->obuf, fv, nf);
                ro_buf_putc(&c->obuf, '\t');
                put_never_tsv(&c->obuf, never_first, never_sur);
                ro_buf_putc(&c->obuf, '\n');
            } else if (c->format == FMT_TEXT) {
                ro_buf_puts(&c->obuf, "  ");
                ro_text_esc_cstr(&c->obuf, en->name);
                for (size_t w = ro_text_width(en->name, strlen(en->name)); w < width; w++)
                    ro_buf_putc(&c->obuf, ' ');
                ro_buf_puts(&c->obuf, "  ");
                put_forms_line(&c->obuf, fv, nf, never_first, never_sur);
            } else {
                ro_json jw;
                ro_json_begin(&jw, &c->obuf);
                ro_json_cstr(&jw, "doc", id);
                put_voice_json(&jw, &V, order[recs[i].rank]);
                ro_json_cstr(&jw, "name", en->name);
                ro_json_cstr(&jw, "type", ro_entity_type_name(en->type));
                ro_json_int(&jw, "mentions", (long long)(j - i));
                ro_json_key(&jw, "forms");
                put_forms_json(&c->obuf, fv, nf);
                ro_json_key(&jw, "never");
                put_never_json(&c->obuf, never_first, never_sur);
                ro_json_end(&jw);
            }
            free(fv);
            cli_flush(c, false);
            i = j;
        }
    }
    free(idx);
    free(recs);
    free(order);
    free(rank);
    free_voices(&V);
    return c->write_failed;
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
    if (nc->by_speaker && !nc->mentions)
        return on_doc_by_speaker(doc, nc);
    if (nc->mentions) {
        voices V = {0};
        if (nc->by_speaker)
            find_voices(doc, nc->lex, ms, nm, ne, &V);
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
                ro_buf_printf(&c->obuf, "\t%s", ms[i].form);
                if (nc->by_speaker) {
                    ro_buf_putc(&c->obuf, '\t');
                    put_voice_tsv(&c->obuf, &V, V.of[i]);
                }
                ro_buf_putc(&c->obuf, '\n');
            } else if (c->format == FMT_TEXT) {
                ro_buf_printf(&c->obuf, "%8zu  %-16s ", s, ms[i].form);
                ro_text_cell(&c->obuf, e->name, 28);
                ro_buf_putc(&c->obuf, ' ');
                put_text(&c->obuf, text + s, n);
                if (nc->by_speaker) {
                    const char *vk = V.of[i] == V_LABEL ? "label" : voice_kind_name[V.v[V.of[i]].kind];
                    ro_buf_printf(&c->obuf, "  [%s", vk);
                    if (V.of[i] != V_LABEL && V.v[V.of[i]].s) {
                        ro_buf_puts(&c->obuf, ": ");
                        put_text(&c->obuf, V.v[V.of[i]].s, V.v[V.of[i]].n);
                    }
                    ro_buf_putc(&c->obuf, ']');
                }
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
                if (nc->by_speaker)
                    put_voice_json(&j, &V, V.of[i]);
                ro_json_end(&j);
            }
            cli_flush(c, false);
        }
        free_voices(&V);
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
    if (c->format == FMT_TEXT) {
        ro_buf_puts(&c->obuf, "== ");
        ro_text_esc_cstr(&c->obuf, id);
        ro_buf_printf(&c->obuf, " (%zu entities, %zu mentions)\n", ne, nm);
    }
    for (size_t e = 0; e < ne; e++) {
        const ro_entity *en = &es[e];
        if (nc->types && !(nc->types & (1u << en->type)))
            continue;
        fstr *fv;
        size_t nf = collect_forms(text, ms, idx + start[e], start[e + 1] - start[e], &fv);
        size_t npron = 0;
        if (en->type == RO_ENT_PERSON)
            npron = add_pronouns(prons, nprons, en->name, &fv, &nf);
        const char *never_first = NULL, *never_sur = NULL;
        if (en->type == RO_ENT_PERSON)
            never_forms(doc, nc->lex, e, fv, nf, &never_first, &never_sur);
        if (c->format == FMT_TSV) {
            ro_tsv_field(&c->obuf, id, strlen(id));
            ro_buf_putc(&c->obuf, '\t');
            ro_tsv_field(&c->obuf, en->name, strlen(en->name));
            ro_buf_printf(&c->obuf, "\t%s\t%zu\t%zu\t", ro_entity_type_name(en->type), en->nmentions + npron,
                          en->first);
            put_forms_tsv(&c->obuf, fv, nf);
            ro_buf_putc(&c->obuf, '\t');
            put_never_tsv(&c->obuf, never_first, never_sur);
            ro_buf_putc(&c->obuf, '\n');
        } else if (c->format == FMT_TEXT) {
            ro_text_cell(&c->obuf, en->name, 32);
            ro_buf_printf(&c->obuf, " %-12s %4zu  ", ro_entity_type_name(en->type), en->nmentions + npron);
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
                if (never_first) {
                    ro_buf_puts(&c->obuf, "“");
                    put_text(&c->obuf, never_first, strlen(never_first));
                    ro_buf_puts(&c->obuf, "”");
                }
                if (never_sur) {
                    ro_buf_puts(&c->obuf, never_first ? ", “" : "“");
                    put_text(&c->obuf, never_sur, strlen(never_sur));
                    ro_buf_puts(&c->obuf, "”");
                }
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
            put_forms_json(&c->obuf, fv, nf);
            ro_json_key(&j, "never");
            put_never_json(&c->obuf, never_first, never_sur);
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
    names_ctx nc = {c, NULL, false, true, 0, false};
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
        } else if (strcmp(a, "--by") == 0 || strncmp(a, "--by=", 5) == 0) {
            const char *v = a[4] == '=' ? a + 5 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || strcmp(v, "speaker") != 0) {
                free(aliases);
                if (!v)
                    return cli_usage_error(c, "names", "option --by needs a value (speaker)");
                return cli_usage_error(c, "names", "--by takes 'speaker', not '%s'", v);
            }
            nc.by_speaker = true;
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
    ro_lexicon *lex = cli_load_lexicon(c, nal > 0);
    if (!lex) {
        free(aliases);
        return EXIT_FATAL;
    }
    for (size_t i = 0; i < nal; i++) {
        FILE *f = fopen(aliases[i], "rb");
        if (!f) {
            int e = errno;
            fputs("readout: ", c->err);
            ro_fput_esc(c->err, aliases[i]);
            fprintf(c->err, ": %s\n", strerror(e));
            cli_free_lexicon(lex);
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
            fputs("readout: ", c->err);
            ro_fput_esc(c->err, err.message);
            fputc('\n', c->err);
            cli_free_lexicon(lex);
            free(aliases);
            return EXIT_FATAL;
        }
    }
    free(aliases);
    if (nc.by_speaker && !nc.mentions && !nc.types)
        nc.types = 1u << RO_ENT_PERSON; /* how each speaker names each person */
    if (c->format == FMT_TSV) {
        if (nc.by_speaker)
            ro_buf_puts(&c->obuf, nc.mentions ? "doc\tname\ttype\tstart\tend\ttext\tform\tvoice\tspeaker\n"
                                              : "doc\tvoice\tspeaker\tname\ttype\tmentions\tforms\tnever\n");
        else
            ro_buf_puts(&c->obuf, nc.mentions ? "doc\tname\ttype\tstart\tend\ttext\tform\n"
                                              : "doc\tname\ttype\tmentions\tfirst\tforms\tnever\n");
    }
    nc.lex = lex;
    ro_reader r = {0};
    r.on_doc = on_doc;
    r.on_error = on_error;
    r.ctx = &nc;
    ro_read_paths(&r, c->inputs, c->ninputs, &c->read);
    rc = cli_finish(c, &r);
    cli_free_lexicon(lex);
    return rc;
}
