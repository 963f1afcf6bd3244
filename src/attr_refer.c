/* attr_refer.c: whom a pronoun or a description stands for.
 *
 * A chosen source that is a name is its entity.  A pronoun ("he", "she",
 * "they", "who") or a description ("the senator", "the company") is
 * scored against the entities named before it — in the mentions names
 * found and in the pronouns and descriptions already resolved — by the
 * "refer" model: agreement (gender from first names, honorifics and role
 * words; people against bodies), recency (rank, sentences and paragraphs
 * back), the role of the latest mention (a subject, a possessive, inside
 * a quotation), whether the entity spoke last, how often the document
 * names it, and for a description whether the entity carries its head
 * word as a role ("the host" for "MSNBC host Chris Matthews").  A "none"
 * candidate stands for someone the text never names ("a doctor said").
 */
#include "attr.h"

uint32_t attr_word_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char)(ch + 32);
        h ^= ch;
        h *= 16777619u;
    }
    return h ? h : 1;
}

static void add_role(attr_ent *e, uint32_t h)
{
    for (int i = 0; i < e->nroles; i++)
        if (e->roles[i] == h)
            return;
    if (e->nroles < 8)
        e->roles[e->nroles++] = h;
}

static bool has_role(const attr_ent *e, uint32_t h)
{
    for (int i = 0; i < e->nroles; i++)
        if (e->roles[i] == h)
            return true;
    return false;
}

/* A word that says a person's gender: an honorific or a role (the word
 * classes A_FEM, A_MASC of attribute.c). */
static char gender_word(actx *c, size_t i)
{
    uint32_t a = attr_cls(c, i);
    return (a & A_FEM) ? 'f' : (a & A_MASC) ? 'm' : 0;
}

void attr_entities_init(actx *c)
{
    c->ae = ro_xcalloc(c->ne + 1, sizeof *c->ae);
    for (size_t k = 0; k < c->ne; k++) {
        c->ae[k].type = (int)c->E[k].type;
        c->ae[k].nment = c->E[k].nmentions;
        c->ae[k].ftok = attr_tok_at(c, c->E[k].first);
    }
    void ro_names_entity_parts(ro_doc * doc, const ro_lexicon *lex, size_t entity, const char **first,
                               const char **surname);
    for (size_t k = 0; k < c->ne; k++) {
        if (c->E[k].type != RO_ENT_PERSON)
            continue;
        const char *first = NULL, *sur = NULL;
        ro_names_entity_parts(c->d, c->lex, k, &first, &sur);
        if ((!first || !*first) && sur && *sur && !strchr(c->E[k].name, ' '))
            first = sur; /* known by a given name alone: "Melanie said" */
        if (first && *first) {
            size_t fl = strcspn(first, " ");
            const char *g = ro_lexicon_category(c->lex, "first_names", first, fl);
            if (g && (g[0] == 'm' || g[0] == 'f') && !g[1]) {
                c->ae[k].gender = g[0];
                c->ae[k].first = true;
            }
        }
    }
    /* honorifics, role words next to a mention, and the roles an
     * apposition gives ("Chris Matthews, the MSNBC host,") */
    for (size_t k = 0; k < c->nm; k++) {
        const ro_mention *m = &c->m[k];
        attr_ent *e = &c->ae[m->entity];
        size_t t0 = c->mt0[k], t1 = c->mt1[k];
        if (t0 >= c->n)
            continue;
        if (!strncmp(m->form, "title", 5))
            e->titled = true;
        if (strstr(m->form, "full name"))
            e->full = true;
        if (e->type == RO_ENT_PERSON && !e->gender) {
            char g = gender_word(c, t0);
            if (!g && t0 > 0 && (c->t[t0].f & T_ADJ))
                g = gender_word(c, t0 - 1);
            e->gender = g;
        }
        /* words of the mention that are titles or roles, and lower-case
         * role words just before it ("psychologist Elaine Ducharme") */
        for (size_t i = t0; i < t1; i++)
            if (attr_cls(c, i) & (A_TITLE | A_ORGW))
                add_role(e, attr_word_hash(c->d->text + c->t[i].s, c->t[i].e - c->t[i].s));
        for (size_t i = t0, k2 = 0; i > 0 && k2 < 3 && (c->t[i].f & T_ADJ); k2++) {
            i--;
            if (c->t[i].f & T_POSS)
                break;
            uint32_t a = attr_cls(c, i);
            if (a & (A_VERB | A_PRON | A_PREP | A_CONJ | A_DET | A_POSSP | A_AUX))
                break;
            add_role(e, attr_word_hash(c->d->text + c->t[i].s, c->t[i].e - c->t[i].s));
        }
        if (t1 < c->n && (c->t[t1 - 1].f & T_COMMA) && (attr_cls(c, t1) & (A_DET | A_POSSP))) {
            /* ", the Kremlin spokesman," / ", a top Trump surrogate," */
            size_t j = t1 + 1;
            while (j < c->n && j < t1 + 9 && (c->t[j].f & T_ADJ) &&
                   !(attr_cls(c, j) & (A_VERB | A_PREP | A_CONJ | A_REL)))
                j++;
            if (j > t1 + 1) {
                const ro_tok *h = &c->t[j - 1];
                add_role(e, attr_word_hash(c->d->text + h->s, h->e - h->s));
                if (e->type == RO_ENT_PERSON && !e->gender)
                    e->gender = gender_word(c, j - 1);
            }
        }
    }
}

void attr_note_speaker(actx *c, long ent, size_t tok, size_t qi)
{
    (void)qi;
    if (ent >= 0 && (size_t)ent < c->ne)
        c->ae[ent].spoke = true;
    attr_event ev = {tok, ent};
    if (c->nev && c->ev[c->nev - 1].tok > tok)
        return; /* (headline quotations come last: they are no antecedents) */
    RO_PUSH(c->ev, c->nev, c->capev, ev);
}

/* ---- the candidates ------------------------------------------------------------------- */

typedef struct {
    long ent;
    size_t tok;      /* its latest mention before the pronoun */
    size_t end;      /* ... and where that mention ends */
    int rank;
    bool inq, poss, subj, obj, spoke;
    bool fresh;      /* first named in this paragraph or the one before */
    bool newer;      /* someone else is the subject of a mention since */
    ro_fx fx;
} rcand;

enum { MAX_RC = 10, BACK_PARAS = 6 };

static int find_rc(rcand *v, int n, long ent)
{
    for (int i = 0; i < n; i++)
        if (v[i].ent == ent)
            return i;
    return -1;
}

static bool type_fits(const actx *c, long ent, char pron)
{
    int ty = c->ae[ent].type;
    switch (pron) {
    case 'm': case 'f': case '1':
        return ty == RO_ENT_PERSON;
    case 'n':
        return ty != RO_ENT_PERSON;
    default:
        return true;
    }
}

/* Does the entity carry the description's head word, as a role or in its
 * name ("the campaign" for "Trump campaign")?  '1', 'n' or '0'. */
static char head_match(const actx *c, long ent, uint32_t head)
{
    if (!head)
        return '0';
    if (has_role(&c->ae[ent], head))
        return '1';
    for (const char *p = c->E[ent].name; *p;) {
        while (*p == ' ')
            p++;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        if (q > p && attr_word_hash(p, (size_t)(q - p)) == head)
            return 'n';
        p = q;
    }
    return '0';
}

static void rc_features(actx *c, rcand *r, int kind, char pron, size_t t0, size_t t1, uint32_t head, bool indef,
                        bool any_hm, size_t qi)
{
    ro_fx *fx = &r->fx;
    ro_fx_reset(fx, c->mref, c->keep);
    char pr[3] = {kind == K_PRON ? 'p' : 'd', kind == K_PRON ? pron : (indef ? 'a' : 't'), 0};
    ro_fv fpr = ro_fv_of(pr);
    if (r->ent < 0) {
        RO_FX1(fx, "none");
        RO_FX2(fx, "none|pr=", fpr);
        if (kind == K_DESC) {
            /* no one named before carries the head word ("the announcer") */
            uint32_t ha = attr_cls(c, t1 - 1);
            ro_fv hc = (ha & A_ORGW) ? RO_FV("org") : (ha & A_TITLE) ? RO_FV("title") : (ha & A_COMM) ? RO_FV("comm") : RO_FV("other");
            RO_FX4(fx, "none|anyhm=", RO_FV01(any_hm), "|hc=", hc);
        }
        return;
    }
    const attr_ent *e = &c->ae[r->ent];
    char g[2] = {e->gender ? e->gender : 'u', 0};
    ro_fv fg = ro_fv_of(g);
    ro_fv ty = ro_fv_of(ro_entity_type_name((ro_entity_type)e->type));
    ro_fv rk = r->rank == 0 ? RO_FV("0") : r->rank == 1 ? RO_FV("1") : r->rank == 2 ? RO_FV("2") : r->rank < 5 ? RO_FV("3-4") : RO_FV("5+");
    size_t sd = c->sent[t0] - c->sent[r->tok];
    size_t pd = c->para[t0] - c->para[r->tok];
    ro_fv sdb = sd == 0 ? RO_FV("0") : sd == 1 ? RO_FV("1") : sd == 2 ? RO_FV("2") : sd <= 4 ? RO_FV("3-4") : RO_FV("5+");
    ro_fv pdb = pd == 0 ? RO_FV("0") : pd == 1 ? RO_FV("1") : pd == 2 ? RO_FV("2") : RO_FV("3+");
    size_t nm = e->nment;
    ro_fv sal = nm <= 1 ? RO_FV("1") : nm <= 3 ? RO_FV("2-3") : nm <= 8 ? RO_FV("4-8") : nm <= 20 ? RO_FV("9-20") : RO_FV("21+");
    ro_fv role = r->inq ? RO_FV("q") : r->poss ? RO_FV("s") : r->subj ? RO_FV("S") : r->obj ? RO_FV("o") : RO_FV("x");
    ro_fv last = RO_FV01(r->ent == c->last_ent);
    RO_FX2(fx, "bias|pr=", fpr);
    RO_FX6(fx, "pr=", fpr, "|g=", fg, "|ty=", ty);
    RO_FX4(fx, "pr=", fpr, "|rank=", rk);
    RO_FX4(fx, "pr=", fpr, "|sd=", sdb);
    RO_FX4(fx, "pr=", fpr, "|pd=", pdb);
    RO_FX4(fx, "pr=", fpr, "|sal=", sal);
    RO_FX4(fx, "pr=", fpr, "|role=", role);
    RO_FX6(fx, "pr=", fpr, "|role=", role, "|sd=", sdb);
    RO_FX4(fx, "pr=", fpr, "|spoke=", RO_FV01(r->spoke));
    RO_FX4(fx, "pr=", fpr, "|last=", last);
    RO_FX6(fx, "pr=", fpr, "|last=", last, "|pd=", pdb);
    RO_FX6(fx, "pr=", fpr, "|last=", last, "|newer=", RO_FV01(r->newer));
    RO_FX6(fx, "pr=", fpr, "|fresh=", RO_FV01(r->fresh), "|role=", role);
    RO_FX6(fx, "pr=", fpr, "|rank=", rk, "|g=", fg);
    RO_FX4(fx, "pr=", fpr, "|byline=", RO_FV01(r->ent == c->byline));
    /* how sure it is a person (or a body): a given name, a title, a quotation of its own */
    char ev[5] = {e->first ? 'F' : '-', e->titled ? 'T' : '-', e->spoke ? 'S' : '-', e->full ? 'N' : '-', 0};
    ro_fv fev = ro_fv_of(ev);
    RO_FX6(fx, "pr=", fpr, "|ev=", fev, "|ty=", ty);
    RO_FX6(fx, "pr=", fpr, "|ev=", fev, "|rank=", rk);
    if (pron == 'r') {
        /* "Trump, who said": the name right before */
        bool adj = r->end <= c->t[t0].s && c->t[t0].s - r->end <= 3;
        RO_FX2(fx, "rel|adj=", RO_FV01(adj));
    }
    if (kind == K_DESC) {
        /* the description's gender ("the businessman", "the spokeswoman") against the entity's */
        uint32_t hcl = attr_cls(c, t1 - 1);
        ro_fv dg = (hcl & A_FEM) ? RO_FV("f") : (hcl & A_MASC) ? RO_FV("m") : RO_FV("u");
        RO_FX4(fx, "d|dg=", dg, "|g=", fg);
        char hmc = head_match(c, r->ent, head);
        bool hm = hmc == '1', in_name = hmc == 'n';
        uint32_t ha = attr_cls(c, t1 - 1);
        ro_fv hc = (ha & A_ORGW) ? RO_FV("org") : (ha & A_TITLE) ? RO_FV("title") : (ha & A_COMM) ? RO_FV("comm") : RO_FV("other");
        ro_fv fhm = hm ? RO_FV("1") : in_name ? RO_FV("n") : RO_FV("0");
        RO_FX4(fx, "d|hm=", fhm, "|ty=", ty);
        RO_FX4(fx, "d|hc=", hc, "|ty=", ty);
        RO_FX4(fx, "d|hm=", fhm, "|rank=", rk);
    }
    (void)qi;
}

/* A lower-case word that reads as a verb after a name: "Ham made it clear", "Lynch rose",
 * "Smith argued" (a past tense or a third person; not a preposition, a conjunction, a noun
 * after an adjective name: "the Obama administration" has no -ed or -s). */
static bool verbish(actx *c, size_t i)
{
    const ro_tok *t = &c->t[i];
    if (!(t->f & T_LOW) || (attr_cls(c, i) & (A_PREP | A_CONJ | A_DET | A_POSSP | A_REL | A_PRON | A_TIME | A_ORGW)))
        return false;
    const char *w = c->d->text + t->s;
    size_t n = t->e - t->s;
    static const char *const irr[] = {"made", "went", "took", "gave", "met", "held", "won", "lost", "ran", "saw",
                                      "came", "got", "rose", "left", "began", "wrote", "spoke", "thought", "knew",
                                      "sought", "led", "felt", "kept", "put", "sent", "brought", "became"};
    for (size_t k = 0; k < sizeof irr / sizeof irr[0]; k++)
        if (attr_is(c, i, irr[k]))
            return true;
    return n > 3 && ((w[n - 2] == 'e' && w[n - 1] == 'd') || (w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u'));
}

long attr_resolve(actx *c, size_t qi, int kind, size_t t0, size_t t1, char pron, bool dry)
{
    const ro_quote *q = &c->d->quotes[qi];
    if (kind == K_PRON && pron == '1' && c->byline >= 0)
        return c->byline;
    if (kind == K_DESC) /* an ad's or a film's voice is no one named: "the ad’s narrator", "the announcer" */
        for (size_t i = t0; i < t1; i++)
            if (attr_is(c, i, "narrator") || attr_is(c, i, "announcer") || attr_is(c, i, "voice-over") ||
                attr_is(c, i, "voiceover"))
                return -1;
    rcand v[MAX_RC + 1];
    int n = 0;
    size_t pos = c->t[t0].s;
    uint32_t plim = c->para[t0] > BACK_PARAS ? c->para[t0] - BACK_PARAS : 0;
    /* walk back over the mentions and the resolved events, newest first */
    size_t lo = 0, hi = c->nm;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->m[mid].span.start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t mk = lo;             /* mentions [0, mk) start before the pronoun */
    size_t ek = c->nev;
    while (ek > 0 && c->ev[ek - 1].tok >= t0)
        ek--;
    size_t steps = 0;
    while ((mk > 0 || ek > 0) && n < MAX_RC && steps++ < 80) {
        size_t mtok = mk > 0 ? c->mt0[mk - 1] : 0;
        bool take_m = mk > 0 && (ek == 0 || mtok >= c->ev[ek - 1].tok);
        long ent;
        size_t tok, end;
        bool spoke = false;
        if (take_m) {
            const ro_mention *m = &c->m[--mk];
            ent = (long)m->entity;
            tok = mtok;
            end = m->span.end;
            if (m->span.end > pos)
                continue; /* (a mention holding the pronoun) */
            if (m->span.start >= q->text.start && m->span.end <= q->text.end)
                continue; /* never inside the quotation being attributed */
        } else {
            ent = c->ev[--ek].ent;
            tok = c->ev[ek].tok;
            end = c->t[tok].e;
            spoke = true;
        }
        if (tok >= c->n || c->para[tok] < plim)
            break;
        if (ent < 0 || (size_t)ent >= c->ne)
            continue;
        int at = find_rc(v, n, ent);
        if (at >= 0) {
            v[at].spoke |= spoke;
            continue;
        }
        if (kind == K_PRON && !type_fits(c, ent, pron))
            continue;
        if (kind == K_PRON && (pron == 'm' || pron == 'f') && c->ae[ent].gender && c->ae[ent].gender != pron)
            continue; /* "she" is no Kevin */
        if (c->ae[ent].type == RO_ENT_OTHER || c->ae[ent].type == RO_ENT_PLACE)
            if (!(kind == K_PRON && (pron == 'n' || pron == 'p' || pron == 'r')))
                continue;
        rcand r;
        memset(&r, 0, sizeof r);
        r.ent = ent;
        r.tok = tok;
        r.end = end;
        r.rank = n;
        r.spoke = spoke;
        r.inq = c->inq[tok] >= 0;
        r.poss = (c->t[tok].f & T_POSS) != 0;
        size_t e1 = take_m && end > c->m[mk].span.start ? c->mt1[mk] : attr_tok_at(c, end);
        if (e1 > 0 && (c->t[e1 - 1].f & T_POSS))
            r.poss = true;
        r.subj = (c->t[tok].f & T_SENT0) ||
                 (e1 < c->n && (c->t[e1].f & T_ADJ) && ((attr_cls(c, e1) & (A_VERB | A_AUX)) || verbish(c, e1)));
        r.obj = tok > 0 && (attr_cls(c, tok - 1) & (A_PREP | A_VERB));
        if (r.obj && tok > 0 && (attr_cls(c, tok - 1) & A_PREP) && !(c->t[tok].f & T_SENT0))
            r.subj = false; /* after a preposition a name is its object, whatever follows: "to Hillary Clinton being" */
        size_t f0 = c->ae[ent].ftok;
        r.fresh = f0 < c->n && c->para[f0] + 1 >= c->para[t0];
        for (int j = 0; j < n && !r.newer; j++)
            r.newer = v[j].subj && c->ae[v[j].ent].type == RO_ENT_PERSON;
        v[n++] = r;
    }
    rcand none;
    memset(&none, 0, sizeof none);
    none.ent = -1;
    v[n++] = none;
    uint32_t head = kind == K_DESC ? attr_word_hash(c->d->text + c->t[t1 - 1].s, c->t[t1 - 1].e - c->t[t1 - 1].s) : 0;
    bool indef = kind == K_DESC && (attr_is(c, t0, "a") || attr_is(c, t0, "an") || attr_is(c, t0, "one") ||
                                    attr_is(c, t0, "another") || attr_is(c, t0, "some"));
    bool any_hm = false;
    for (int i = 0; kind == K_DESC && i < n && !any_hm; i++)
        any_hm = v[i].ent >= 0 && head_match(c, v[i].ent, head) != '0';
    if (kind == K_DESC && t1 == t0 + 1 && !any_hm &&
        (attr_is(c, t0, "police") || attr_is(c, t0, "people") || attr_is(c, t0, "staff"))) {
        for (int i = 0; i < n; i++) /* (none of them was scored) */
            ro_fx_free(&v[i].fx);
        return -1; /* "Police say": the police named before, or no one ("Carolina Panthers" is not them) */
    }
    int best = 0;
    for (int i = 0; i < n; i++) {
        rc_features(c, &v[i], kind, pron, t0, t1, head, indef, any_hm, qi);
        if (v[i].fx.score > v[best].fx.score)
            best = i;
    }
    if (!dry && c->hooks && c->hooks->on_refer) {
        ro_attr_cand pub[MAX_RC + 1];
        for (int i = 0; i < n; i++) {
            pub[i].kind = v[i].ent < 0 ? K_NONE : K_ENT;
            pub[i].s = v[i].ent < 0 ? 0 : c->t[v[i].tok].s;
            pub[i].e = v[i].ent < 0 ? 0 : v[i].end;
            pub[i].entity = v[i].ent;
            pub[i].pron = pron;
            pub[i].feats = v[i].fx.feats.data;
            pub[i].nfeats = v[i].fx.nfeats;
            pub[i].score = v[i].fx.score;
        }
        long g = c->hooks->on_refer(c->hooks->ctx, c->d, qi, c->t[t0].s, c->t[t1 - 1].e, pub, (size_t)n,
                                    (size_t)best);
        if (g >= 0 && g < n)
            best = (int)g;
    }
    if (c->explain && !dry) {
        fprintf(stderr, "  refer \"%.*s\" (%c)\n", (int)(c->t[t1 - 1].e - c->t[t0].s), c->d->text + c->t[t0].s,
                pron ? pron : 'd');
        for (int i = 0; i < n; i++) {
            fprintf(stderr, "    %c %8.2f  %s  (rank %d%s%s%s%s)\n", i == best ? '*' : ' ', v[i].fx.score,
                    v[i].ent < 0 ? "(none)" : c->E[v[i].ent].name, v[i].rank, v[i].subj ? " subj" : "",
                    v[i].obj ? " obj" : "", v[i].spoke ? " spoke" : "", v[i].newer ? " newer" : "");
            if (c->explain > 1 && v[i].fx.feats.data) {
                const char *f = v[i].fx.feats.data;
                for (size_t k = 0; k < v[i].fx.nfeats; k++, f += strlen(f) + 1)
                    fprintf(stderr, "          %+.2f %s\n", ro_model_weight(c->mref, f, strlen(f)), f);
            }
        }
    }
    long ent = v[best].ent;
    for (int i = 0; i < n; i++)
        ro_fx_free(&v[i].fx);
    if (!dry && ent >= 0 && kind == K_PRON && (pron == 'm' || pron == 'f') && !c->ae[ent].gender)
        c->ae[ent].gender = pron; /* learnt: later pronouns agree */
    return ent;
}
