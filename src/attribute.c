/* attribute.c: who said it — candidates, the source model, the pass.
 *
 * See attr.h for the stages.  Candidates for a quotation are gathered in
 * its paragraph and the one before (before the quotation) and in the rest
 * of the paragraph where it ends (after it), outside every other
 * quotation: the mentions names found (people, organisations, countries,
 * places, roles), the subject pronouns, and descriptions next to a
 * reporting verb ("the company said", "said a spokeswoman", "according to
 * the report").  Each is described by features — which side, how far,
 * what stands between it and the quotation ("”, said X", "X said: “"),
 * the verb it is subject or object of, what comes before and after it,
 * whether it was the previous quotation's source — and scored by the
 * "source" model; a "none" candidate stands for no attribution.  Rules
 * stay only where they hold for every text: transcript turns name their
 * speaker by label.  Everything is linear in the text: candidates and
 * look-backs are bounded.
 */
#include "attr.h"
#include <math.h>

/* ---- word classes ------------------------------------------------------------------------- */

static const char *const w_pron[] = {"he", "she", "they", "it", "we", "i", NULL};
static const char *const w_rel[] = {"who", "which", NULL};
static const char *const w_det[] = {"the", "a", "an", "this", "these", "those", "another", "one", "some",
                                    "two", "three", "several", "many", "both", "each", NULL};
static const char *const w_possp[] = {"his", "her", "its", "their", "our", "my", "your", NULL};
static const char *const w_prep[] = {"of", "in", "at", "on", "with", "to", "for", "from", "by", "about",
                                     "against", "into", "over", "under", "between", "among", "during",
                                     "after", "before", "since", "through", "toward", "towards", "like",
                                     "than", "via", "per", "without", "within", "near", "behind", "amid",
                                     "upon", "onto", "across", "despite", NULL};
static const char *const w_conj[] = {"and", "or", "but", "nor", "so", "yet", "while", "whereas",
                                     "because", "although", "though", "if", "when", "as", "that", NULL};
static const char *const w_aux[] = {"has", "had", "have", "having", "was", "were", "is", "are", "be",
                                    "been", "being", "would", "will", "did", "does", "do", "could",
                                    "should", "can", "may", "might", "must", "shall", "'s", "’s", NULL};
static const char *const w_adv[] = {"also", "later", "then", "simply", "quickly", "again", "once",
                                    "further", "repeatedly", "earlier", "previously", "separately",
                                    "recently", "flatly", "firmly", "bluntly", "curtly", "calmly",
                                    "reportedly", "publicly", "privately", "only", "openly", "angrily",
                                    "cautiously", "pointedly", "drily", "dryly", "often", "frequently",
                                    "famously", "once", "just", "already", "still", "even", "herself",
                                    "himself", "themselves", "itself", "now", "finally", "subsequently",
                                    "initially", "first", "jokingly", "sarcastically", "quietly",
                                    "loudly", "proudly", "confidently", "emphatically", "succinctly",
                                    "recalls", NULL};
static const char *const w_time[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                     "sunday", "today", "yesterday", "tonight", "tomorrow", "morning",
                                     "afternoon", "evening", "night", "week", "weekend", "month", "year",
                                     "last", "earlier", "recently", "january", "february", "march",
                                     "april", "june", "july", "august", "september", "october",
                                     "november", "december", "jan", "feb", "aug", "sept", "oct", "nov",
                                     "dec", NULL};
static const char *const w_neg[] = {"not", "never", "n't", NULL};
static const char *const w_comm[] = {"statement", "statements", "interview", "interviews", "email",
                                     "e-mail", "emails", "tweet", "tweets", "letter", "post", "posts",
                                     "release", "speech", "remarks", "conference", "rally", "appearance",
                                     "video", "op-ed", "column", "memo", "show", "briefing", "debate",
                                     "call", "message", "note", "report", "testimony", "hearing",
                                     "podcast", "broadcast", "editorial", "essay", "book", "blog",
                                     "facebook", "twitter", "instagram", "radio", "television", "tv",
                                     "event", "address", "announcement", "ad", "advertisement",
                                     "commercial", "transcript", "readout", "communiqué", "communique",
                                     NULL};
static const char *const w_orgw[] = {"company", "campaign", "committee", "agency", "department",
                                     "ministry", "group", "organization", "organisation", "office",
                                     "government", "administration", "party", "team", "board", "firm",
                                     "council", "commission", "union", "network", "newspaper", "paper",
                                     "magazine", "website", "site", "station", "channel", "institute",
                                     "foundation", "center", "centre", "association", "coalition",
                                     "court", "police", "embassy", "kremlin", "white", "house", "senate",
                                     "congress", "parliament", "bank", "fund", "service", "bureau",
                                     "authority", "authorities", "army", "military", "navy", "pentagon",
                                     "university", "school", "hospital", "club", "league", "federation",
                                     "alliance", "movement", "pac", "corporation", "corp", "inc", "outlet",
                                     "publication", "show", "program", "programme", NULL};
static const char *const w_qword[] = {"so-called", "dubbed", "titled", "entitled", "nicknamed", "termed",
                                      "word", "words", "term", "phrase", "slogan", "headline", "labelled",
                                      "labeled", "branded", "named", "called", "known", NULL};
static const char *const w_accord[] = {"according", NULL};
static const char *const w_fem[] = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "lady", "spokeswoman", "congresswoman",
                                    "chairwoman", "businesswoman", "wife", "mother", "daughter", "sister", "actress",
                                    "queen", "princess", "grandmother", "girlfriend", "widow", "woman", "aunt",
                                    "niece", "duchess", NULL};
static const char *const w_masc[] = {"mr", "mr.", "sir", "lord", "spokesman", "congressman", "chairman", "businessman",
                                     "husband", "father", "son", "brother", "king", "prince", "grandfather",
                                     "boyfriend", "widower", "man", "uncle", "nephew", "duke", NULL};

static const ro_class_spec class_spec[] = {
    {"reporting_verbs", NULL, NULL, A_VERB},
    {"titles:words", NULL, NULL, A_TITLE},
    {"speaker_words", "not_name", NULL, A_NOTNAME},
    {NULL, NULL, w_pron, A_PRON},
    {NULL, NULL, w_rel, A_REL},
    {NULL, NULL, w_det, A_DET},
    {NULL, NULL, w_possp, A_POSSP},
    {NULL, NULL, w_prep, A_PREP},
    {NULL, NULL, w_conj, A_CONJ},
    {NULL, NULL, w_aux, A_AUX},
    {NULL, NULL, w_adv, A_ADV},
    {NULL, NULL, w_time, A_TIME},
    {NULL, NULL, w_neg, A_NEG},
    {NULL, NULL, w_comm, A_COMM},
    {NULL, NULL, w_orgw, A_ORGW},
    {NULL, NULL, w_qword, A_QWORD},
    {NULL, NULL, w_accord, A_ACCORD},
    {NULL, NULL, w_fem, A_FEM},
    {NULL, NULL, w_masc, A_MASC},
};

uint32_t attr_cls_get(actx *c, size_t i)
{
    ro_tok *t = &c->t[i];
    if (t->a & A_UNSET) {
        uint32_t a = ro_wordclass_get(c->wc, c->d->text + t->s, t->e - t->s);
        /* "I" only in capitals; a reporting verb in capitals is a heading's word */
        if ((a & A_PRON) && t->e - t->s == 1 && c->d->text[t->s] == 'i')
            a &= ~(uint32_t)A_PRON;
        if ((a & A_VERB) && (t->f & T_ALLCAP))
            a &= ~(uint32_t)A_VERB;
        t->a = a;
    }
    return t->a;
}

size_t attr_tok_at(const actx *c, size_t off)
{
    /* the last two answers: a quotation's start is asked for again and again */
    actx *mc = (actx *)c; /* (every actx is made writable: ctx_init) */
    if (off == mc->tat_off[0])
        return mc->tat_tok[0];
    if (off == mc->tat_off[1])
        return mc->tat_tok[1];
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->t[mid].s < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    mc->tat_off[1] = mc->tat_off[0], mc->tat_tok[1] = mc->tat_tok[0];
    mc->tat_off[0] = off, mc->tat_tok[0] = lo;
    return lo;
}

/* ---- the context ----------------------------------------------------------------------------- */

static void ctx_init(actx *c, ro_doc *d, const ro_lexicon *lex, const ro_attr_hooks *hooks)
{
    memset(c, 0, sizeof *c);
    c->tat_off[0] = c->tat_off[1] = SIZE_MAX;
    c->d = d;
    c->lex = lex;
    c->hooks = hooks;
    const char *ex = getenv("READOUT_EXPLAIN"); /* a developer's view of the candidates */
    c->explain = ex ? atoi(ex) : 0;
    c->stat = getenv("RO_STAT") != NULL;
    c->keep = (hooks && (hooks->on_source || hooks->on_refer)) || c->explain > 1;
    c->msrc = hooks && hooks->source ? hooks->source : ro_model_get(lex, "source");
    c->mref = hooks && hooks->refer ? hooks->refer : ro_model_get(lex, "refer");
    c->mkind = hooks && hooks->kind ? hooks->kind : ro_model_get(lex, "kind");
    c->wc = ro_lexicon_wordclass(lex, class_spec, sizeof class_spec / sizeof class_spec[0]);
    c->m = ro_doc_mentions(d, lex, &c->nm); /* names first: they fill in the tokens' flags */
    c->E = ro_doc_entities(d, lex, &c->ne);
    c->t = (ro_tok *)ro_doc_tokens(d, &c->n);
    size_t n = c->n ? c->n : 1;
    c->sent = ro_xmalloc(n * sizeof *c->sent);
    c->para = ro_xmalloc(n * sizeof *c->para);
    c->line = ro_xmalloc(n * sizeof *c->line);
    c->inq = ro_xmalloc(n * sizeof *c->inq);
    c->ment = ro_xmalloc(n * sizeof *c->ment);
    /* the sentence and paragraph of each token: the end of the current one
     * kept at hand (SIZE_MAX for the last, which holds every token after) */
    size_t si = 0, pi = 0;
    size_t send = d->nsent > 1 ? d->sents[0].end : SIZE_MAX, pend = d->npara > 1 ? d->paras[0].end : SIZE_MAX;
    uint32_t line = 0;
    for (size_t i = 0; i < c->n; i++) {
        size_t s = c->t[i].s;
        while (s >= send) {
            si++;
            send = si + 1 < d->nsent ? d->sents[si].end : SIZE_MAX;
        }
        while (s >= pend) {
            pi++;
            pend = pi + 1 < d->npara ? d->paras[pi].end : SIZE_MAX;
        }
        c->sent[i] = (uint32_t)si;
        c->para[i] = (uint32_t)pi;
        line += (c->t[i].f & T_LINE0) && i;
        c->line[i] = line;
    }
    memset(c->inq, 0xFF, c->n * sizeof *c->inq); /* -1: none */
    memset(c->ment, 0xFF, c->n * sizeof *c->ment);
    /* quotations (not turns), outermost first: a token inside one belongs to it */
    for (size_t q = 0; q < d->nquotes; q++) {
        const ro_quote *qq = &d->quotes[q];
        if (qq->kind == RO_Q_TURN || qq->parent >= 0)
            continue;
        for (size_t i = attr_tok_at(c, qq->text.start); i < c->n && c->t[i].e <= qq->text.end; i++)
            if (c->inq[i] < 0)
                c->inq[i] = (int32_t)q;
    }
    /* each mention's tokens, in one walk (mentions come in order of their starts) */
    c->mt0 = ro_xmalloc((c->nm + 1) * sizeof *c->mt0);
    c->mt1 = ro_xmalloc((c->nm + 1) * sizeof *c->mt1);
    for (size_t k = 0, i = 0; k < c->nm; k++) {
        size_t st = c->m[k].span.start;
        if (k && st < c->m[k - 1].span.start)
            i = attr_tok_at(c, st);
        else
            while (i < c->n && c->t[i].s < st)
                i++;
        c->mt0[k] = (uint32_t)i;
        size_t j = i;
        for (; j < c->n && c->t[j].s < c->m[k].span.end; j++)
            c->ment[j] = (int32_t)k; /* mentions come outer first: the inner one wins */
        c->mt1[k] = (uint32_t)j;
    }
    c->qent = ro_xmalloc((d->nquotes + 1) * sizeof *c->qent);
    for (size_t q = 0; q <= d->nquotes; q++)
        c->qent[q] = -1;
    c->last_ent = -1;
    c->last_qi = SIZE_MAX;
    c->byline = -1;
    attr_entities_init(c);
}

static void ctx_free(actx *c)
{
    free(c->sent);
    free(c->para);
    free(c->line);
    free(c->inq);
    free(c->ment);
    free(c->mt0);
    free(c->mt1);
    free(c->qent);
    free(c->ae);
    free(c->ev);
}

/* ---- what stands between two places -------------------------------------------------------- */

/* The punctuation in bytes [a, b) as short symbols: , : ; . ( ) - (any dash)
 * q (a quotation mark) ? ! and P for a line break. */
static size_t gap_sig(const ro_doc *d, size_t a, size_t b, char *out, size_t cap)
{
    size_t n = 0;
    const unsigned char *s = (const unsigned char *)d->text;
    for (size_t i = a; i < b && n + 1 < cap;) {
        unsigned char ch = s[i];
        char sym = 0;
        size_t l = 1;
        if (ch < 0x80) {
            switch (ch) {
            case ',': case ':': case ';': case '.': case '(': case ')': case '?': case '!':
                sym = (char)ch;
                break;
            case '"': sym = 'q'; break;
            case '-': sym = '-'; break;
            case '\n': sym = 'P'; break;
            default: break;
            }
        } else {
            int32_t cp = ro_utf8_decode(s, d->len, i, &l);
            if (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0xAB || cp == 0xBB ||
                cp == 0x201E || cp == 0x201A || cp == 0x2039 || cp == 0x203A)
                sym = 'q';
            else if (cp == 0x2014 || cp == 0x2013 || cp == 0x2012 || cp == 0x2015)
                sym = '-';
            else if (cp == 0x2026)
                sym = '.';
        }
        i += l;
        if (!sym || (n && out[n - 1] == sym))
            continue;
        out[n++] = sym;
    }
    out[n] = '\0';
    return n;
}

/* One letter for a token's class. */
static char tok_sym(actx *c, size_t i)
{
    uint32_t a = attr_cls(c, i);
    unsigned f = c->t[i].f;
    if (a & A_VERB)
        return 'V';
    if (a & (A_PRON | A_REL))
        return 'R';
    if (a & (A_AUX | A_ADV | A_TIME | A_NEG))
        return (f & T_CAP) && !(a & A_TIME) ? 'N' : 'X';
    if (a & A_PREP)
        return 'P';
    if (a & A_CONJ)
        return 'C';
    if (a & (A_DET | A_POSSP))
        return 'D';
    if (c->ment[i] >= 0)
        return 'N';
    if (a & A_TITLE)
        return 'T';
    if (f & T_NUM)
        return '9';
    if (f & (T_CAP | T_ALLCAP))
        return 'N';
    return 'n';
}

/* The end of the quotation's closing mark, and the start of its opening one. */
static size_t after_close(const ro_doc *d, size_t qe)
{
    if (qe >= d->len)
        return qe;
    size_t l;
    int32_t cp = ro_cp_at(d, qe, &l);
    if (cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x201C || cp == 0x2019 || cp == 0x2018 ||
        cp == 0xBB || cp == 0xAB || cp == 0x203A || cp == 0x2039 || cp == 0x300D || cp == 0x300F)
        return qe + l;
    return qe;
}

static size_t before_open(const ro_doc *d, size_t qs)
{
    if (qs == 0)
        return 0;
    size_t l;
    (void)ro_cp_before(d, qs, &l);
    return qs - l;
}

/* ---- candidates ---------------------------------------------------------------------------------- */

typedef struct {
    int kind;
    size_t t0, t1;  /* tokens [t0, t1) */
    long ment;      /* mention (K_NAME) */
    long ent;       /* entity (K_NAME) */
    char pron;
    bool after;
    double part;    /* the cheap features' score */
    char tb[4], ev[5]; /* values the rest of the features use */
    ro_fv fty, fsdb, fev;
    ro_fx fx;
} cand;

typedef struct {
    cand *v;
    size_t n, cap;
    size_t hw; /* slots whose feature buffers were made */
    ro_attr_cand *pub;
    size_t cappub;
} cands;

enum { MAX_BEFORE = 8, MAX_AFTER = 5, SPAN_BEFORE = 90, SPAN_AFTER = 40 };

static char pron_of(const actx *c, size_t i)
{
    const ro_tok *t = &c->t[i];
    const char *w = c->d->text + t->s;
    size_t n = t->e - t->s;
    if (n == 1 && w[0] == 'I')
        return '1';
    if (attr_is(c, i, "he"))
        return 'm';
    if (attr_is(c, i, "she"))
        return 'f';
    if (attr_is(c, i, "they"))
        return 'p';
    if (attr_is(c, i, "it"))
        return 'n';
    if (attr_is(c, i, "we"))
        return 'w';
    if (attr_is(c, i, "who") || attr_is(c, i, "which"))
        return 'r';
    return 0;
}

static void add_cand(cands *cs, int kind, size_t t0, size_t t1, long ment, long ent, char pron, bool after)
{
    for (size_t k = 0; k < cs->n; k++)
        if (cs->v[k].t0 == t0 && cs->v[k].t1 == t1)
            return;
    cand x;
    memset(&x, 0, sizeof x);
    x.kind = kind;
    x.t0 = t0;
    x.t1 = t1;
    x.ment = ment;
    x.ent = ent;
    x.pron = pron;
    x.after = after;
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? cs->cap * 2 : 32;
        cs->v = ro_xrealloc(cs->v, cs->cap * sizeof *cs->v);
    }
    if (cs->n < cs->hw)
        x.fx = cs->v[cs->n].fx; /* its buffer, reused */
    else
        cs->hw = cs->n + 1;
    cs->v[cs->n++] = x;
}

/* The description that ends at token h, going back to a determiner,
 * possessive or the sentence's start: "the company", "Trump's campaign
 * manager", "a senior White House official".  Returns its first token or
 * SIZE_MAX. */
static bool alone_word(const actx *c, size_t i)
{
    static const char *const w[] = {"some", "many", "others", "several", "both", "most", "few", "all", "one",
                                    "another", "critics", "officials", "aides", "supporters", "opponents",
                                    "police", "people", "staff", /* (bodies without a plural -s) */
                                    NULL};
    for (size_t k = 0; w[k]; k++)
        if (attr_is(c, i, w[k]))
            return true;
    return false;
}

static size_t desc_back(actx *c, size_t lo, size_t h)
{
    uint32_t ah = attr_cls(c, h);
    if (alone_word(c, h) && (h == lo || !(attr_cls(c, h - 1) & (A_DET | A_POSSP)) || !(c->t[h].f & T_ADJ)))
        return h; /* "Some say", "Many in Kyiv said" */
    if (ah & (A_PRON | A_REL | A_PREP | A_CONJ | A_AUX | A_VERB | A_DET | A_POSSP))
        return SIZE_MAX;
    if (!(c->t[h].f & (T_LOW | T_CAP | T_ALLCAP)) || (c->t[h].f & T_POSS))
        return SIZE_MAX;
    size_t s = h;
    bool through = false; /* passed an "of" or an "and" inside: a determiner must start it */
    for (int k = 0; k < 12 && s > lo; k++) {
        if (!(c->t[s].f & T_ADJ) && !(c->t[s - 1].f & T_POSS))
            break; /* punctuation between */
        uint32_t a = attr_cls(c, s - 1);
        if (a & (A_DET | A_POSSP))
            return s - 1;
        if (c->t[s - 1].f & T_POSS) /* "Trump's spokeswoman", "the Kremlin's envoy" */
            return s > lo + 1 && (c->t[s - 1].f & T_ADJ) && (attr_cls(c, s - 2) & A_DET) ? s - 2 : s - 1;
        if ((attr_is(c, s - 1, "of") || attr_is(c, s - 1, "and")) && (c->t[s - 1].f & T_LOW) && k > 0 && k < 8) {
            /* "the former secretary of state and current presidential nominee said" */
            through = true;
            s--;
            continue;
        }
        if ((a & (A_PRON | A_REL | A_PREP | A_CONJ | A_AUX | A_VERB | A_NEG)) || (k >= 7 && !through))
            break;
        s--;
    }
    if (through)
        return SIZE_MAX;
    if ((c->t[s].f & T_SENT0) && s == h && c->t[h].e - c->t[h].s > 3 && c->d->text[c->t[h].e - 1] == 's' &&
        c->ment[h] < 0)
        return h; /* a body or a crowd: "Police say", "Protesters chanted", "Officials said" */
    return (c->t[s].f & T_SENT0) && s < h ? s : SIZE_MAX;
}

/* The description that starts at token s (a determiner), going forward. */
static size_t desc_fwd(actx *c, size_t s, size_t hi)
{
    if (!(attr_cls(c, s) & (A_DET | A_POSSP)) && !(c->t[s].f & T_POSS))
        return SIZE_MAX;
    size_t e = s + 1;
    for (; e < hi && e < s + 7; e++) {
        if (!(c->t[e].f & T_ADJ))
            break;
        uint32_t a = attr_cls(c, e);
        if (a & (A_PRON | A_REL | A_PREP | A_CONJ | A_AUX | A_VERB | A_NEG | A_DET))
            break;
        if (c->ment[e] >= 0 && !(c->t[e].f & T_POSS) &&
            (c->E[c->m[c->ment[e]].entity].type == RO_ENT_PERSON ||
             (e + 1 >= hi || !(c->t[e + 1].f & T_ADJ) || c->ment[e + 1] == c->ment[e]) ))
            return SIZE_MAX; /* "said the Rev. Peter Wherry", "according to the Chinese Foreign Ministry":
                              * a name, which is its own candidate */
        if (c->t[e].f & T_POSS) {
            continue; /* "the company's chief executive" */
        }
    }
    return e > s + 1 ? e : SIZE_MAX;
}

/* Gather the candidates of quotation q in token ranges [b0, b1) before and
 * [a0, a1) after it. */
static void gather(actx *c, cands *cs, size_t qi, size_t b0, size_t b1, size_t a0, size_t a1)
{
    cs->n = 0;
    const ro_quote *q = &c->d->quotes[qi];
    int32_t own = q->parent >= 0 ? (int32_t)q->parent : -1;
    for (int side = 0; side < 2; side++) {
        size_t lo = side ? a0 : b0, hi = side ? a1 : b1;
        size_t added = 0, limit = side ? MAX_AFTER : MAX_BEFORE;
        /* before: nearest first, going back; after: nearest first, going on */
        for (size_t k = 0; k < hi - lo && added < limit; k++) {
            size_t i = side ? lo + k : hi - 1 - k;
            if (c->inq[i] >= 0 && c->inq[i] != own)
                continue;
            if (own >= 0 && !(c->t[i].s >= c->d->quotes[own].text.start && c->t[i].e <= c->d->quotes[own].text.end))
                continue;
            if (c->t[i].s >= q->text.start && c->t[i].e <= q->text.end)
                continue;
            size_t before = cs->n;
            long mk = c->ment[i];
            if (mk >= 0) {
                /* the mention, and an outer one (a role with a possessor) */
                const ro_mention *m = &c->m[mk];
                size_t t0 = c->mt0[mk], t1 = c->mt1[mk];
                bool end_here = side ? t0 == i : t1 == i + 1;
                if (end_here)
                    add_cand(cs, K_NAME, t0, t1, mk, (long)m->entity, 0, side);
                for (long o = mk - 1; o >= 0 && o >= mk - 3; o--) {
                    const ro_mention *om = &c->m[o];
                    if (om->span.start <= m->span.start && om->span.end >= m->span.end && om != m &&
                        (side ? om->span.start == c->t[i].s : om->span.end == m->span.end)) {
                        size_t u0 = c->mt0[o], u1 = c->mt1[o];
                        add_cand(cs, K_NAME, u0, u1, o, (long)om->entity, 0, side);
                    }
                }
            } else {
                uint32_t a = attr_cls(c, i);
                if (a & (A_PRON | A_REL)) {
                    char p = pron_of(c, i);
                    if (p)
                        add_cand(cs, K_PRON, i, i + 1, -1, -1, p, side);
                } else if (a & A_VERB) {
                    /* a description as the verb's subject or object */
                    size_t h = i;
                    while (h > lo && (attr_cls(c, h - 1) & (A_AUX | A_ADV | A_TIME | A_NEG)) && h - 1 + 4 > i &&
                           (c->t[h].f & T_ADJ))
                        h--;
                    if (h > lo && (c->t[h].f & T_ADJ) && c->ment[h - 1] >= 0) {
                        /* the head before a phrase naming a place or body: "Some in Kyiv say",
                         * "an official at the ministry said" */
                        size_t p0 = c->mt0[c->ment[h - 1]]; /* the mention's first token */
                        while (p0 > lo && (attr_cls(c, p0 - 1) & A_DET) && (c->t[p0].f & T_ADJ))
                            p0--;
                        if (p0 > lo + 1 && (attr_cls(c, p0 - 1) & A_PREP) && (c->t[p0].f & T_ADJ) &&
                            (c->t[p0 - 1].f & T_ADJ) && c->ment[p0 - 2] < 0) {
                            size_t s0 = desc_back(c, lo, p0 - 2);
                            if (s0 != SIZE_MAX && s0 >= lo)
                                add_cand(cs, K_DESC, s0, p0 - 1, -1, -1, 0, side);
                        }
                    } else if (h > lo && (c->t[h].f & T_ADJ) && c->ment[h - 1] < 0) {
                        size_t s0 = desc_back(c, lo, h - 1);
                        if (s0 != SIZE_MAX && s0 >= lo)
                            add_cand(cs, K_DESC, s0, h, -1, -1, 0, side);
                    }
                    if (i + 1 < c->n && (c->t[i + 1].f & T_ADJ) && c->ment[i + 1] < 0 && c->inq[i + 1] < 0) {
                        size_t e0 = desc_fwd(c, i + 1, c->n);
                        if (e0 != SIZE_MAX)
                            add_cand(cs, K_DESC, i + 1, e0, -1, -1, 0, side);
                    }
                } else if ((a & A_ACCORD) && i + 2 < c->n && attr_is(c, i + 1, "to") && c->ment[i + 2] < 0) {
                    size_t e0 = desc_fwd(c, i + 2, c->n);
                    if (e0 != SIZE_MAX)
                        add_cand(cs, K_DESC, i + 2, e0, -1, -1, 0, side);
                }
            }
            added += cs->n - before;
        }
    }
    add_cand(cs, K_NONE, SIZE_MAX, SIZE_MAX, -1, -1, 0, false);
}

/* ---- the source model's features -------------------------------------------------------------------- */

static ro_fv bucket(size_t n)
{
    switch (n) {
    case 0: return RO_FV("0");
    case 1: return RO_FV("1");
    case 2: return RO_FV("2");
    case 3: return RO_FV("3");
    case 4: return RO_FV("4");
    case 5: case 6: return RO_FV("5-6");
    case 7: case 8: case 9: case 10: return RO_FV("7-10");
    default: return n <= 20 ? RO_FV("11-20") : RO_FV("21+");
    }
}

static const char *ctype(const actx *c, const cand *x, char *buf)
{
    switch (x->kind) {
    case K_NONE: return "none";
    case K_DESC: return "desc";
    case K_PRON:
        buf[0] = 'p';
        buf[1] = x->pron;
        buf[2] = '\0';
        return buf;
    default: break;
    }
    const ro_mention *m = &c->m[x->ment];
    const char *ty = ro_entity_type_name(c->E[m->entity].type);
    if (!strcmp(m->form, "role"))
        return !strcmp(ty, "person") ? "role" : "orole";
    return ty;
}

/* The reporting verb's lemma (its category in reporting_verbs) of token i, cached. */
static const char *verb_cat(actx *c, size_t i)
{
    size_t k = i & (ATTR_CACHE - 1);
    if (c->vcatc[k].tok1 != i + 1) {
        c->vcatc[k].tok1 = (uint32_t)(i + 1);
        c->vcatc[k].cat = ro_lexicon_category(c->lex, "reporting_verbs", c->d->text + c->t[i].s, c->t[i].e - c->t[i].s);
    }
    return c->vcatc[k].cat;
}

/* The reporting verb whose subject the candidate is ("X said", "X also
 * told", "X, the mayor, said"), or NULL. */
static const char *tgap(actx *c, size_t i);

static const char *verb_after(actx *c, const cand *x, bool *app)
{
    size_t i = x->t1;
    *app = false;
    if (i >= c->n || (c->inq[i] >= 0 && c->inq[i] != c->inq[x->t0]))
        return NULL; /* (inside a quotation only for a candidate inside it: a nested one's) */
    bool bracket = false;
    if (strchr(tgap(c, i - 1), '(')) {
        /* party and state: "Rep. Tom Hadley (D-Mo.) said" */
        for (size_t j = i; j < c->n && j < i + 6; j++)
            if (strchr(tgap(c, j), ')')) {
                if (j + 1 < c->n && !strpbrk(strchr(tgap(c, j), ')'), ",;:.q"))
                    i = j + 1, bracket = true;
                break;
            }
        if (!bracket)
            return NULL;
    }
    if (!bracket && !(c->t[i].f & T_ADJ) && (c->t[x->t1 - 1].f & T_COMMA)) {
        /* an apposition: ", a Trump surrogate," */
        size_t j = i;
        while (j < c->n && j < i + 10 && !(c->t[j].f & T_COMMA) && c->inq[j] < 0)
            j++;
        if (j < c->n && j + 1 < c->n && (c->t[j].f & T_COMMA) && (attr_cls(c, j + 1) & A_VERB)) {
            *app = true;
            return verb_cat(c, j + 1);
        }
        return NULL;
    }
    bool pp = false;
    for (int k = 0; k < 6 && i < c->n; k++, i++) {
        if (!(c->t[i].f & T_ADJ) && !(bracket && k == 0))
            return NULL;
        uint32_t a = attr_cls(c, i);
        if (a & A_VERB)
            return verb_cat(c, i);
        if (!pp && k == 0 && (a & A_PREP) && !attr_is(c, i, "to") && i + 1 < c->n) {
            /* a place or body the subject is from: "Some in Kyiv say", "an official at the ministry said" */
            size_t j = i + 1;
            if (attr_cls(c, j) & A_DET)
                j++;
            size_t e = j;
            while (e < c->n && e < j + 4 && (c->t[e].f & T_ADJ) && (c->t[e].f & (T_CAP | T_ALLCAP)))
                e++;
            if (e == j)
                return NULL;
            pp = true;
            i = e - 1;
            continue;
        }
        if (!(a & (A_AUX | A_ADV | A_TIME | A_NEG)) && !(c->t[i].f & T_NUM))
            return NULL;
    }
    return NULL;
}

/* The reporting verb whose object or inverted subject the candidate is
 * ("said X", "said MSNBC host X", "told X"), or NULL. */
static const char *verb_before(actx *c, const cand *x, int *gap)
{
    size_t i = x->t0;
    for (int k = 0; k < 4 && i > 0; k++) {
        if (!(c->t[i].f & T_ADJ))
            return NULL;
        i--;
        uint32_t a = attr_cls(c, i);
        if (a & A_VERB) {
            *gap = k;
            return verb_cat(c, i);
        }
        if (a & (A_PRON | A_REL | A_PREP | A_CONJ | A_AUX | A_POSSP))
            return NULL;
    }
    return NULL;
}

/* The punctuation between token i and token i + 1, cached (gap_sig). */
static const char *tgap(actx *c, size_t i)
{
    size_t k = i & (ATTR_CACHE - 1);
    if (c->gapc[k].tok1 != i + 1) {
        size_t e = i + 1 < c->n ? c->t[i + 1].s : c->d->len;
        gap_sig(c->d, c->t[i].ge, e, c->gapc[k].sig, sizeof c->gapc[k].sig);
        c->gapc[k].tok1 = (uint32_t)(i + 1);
    }
    return c->gapc[k].sig;
}

static size_t put_syms(char *out, size_t n, size_t cap, const char *g)
{
    for (; *g && n + 2 < cap; g++)
        out[n++] = *g;
    return n;
}

/* The symbols between the quotation and the candidate: the words' classes
 * and the punctuation, or "L" (and "V" for a reporting verb among them)
 * when more than four words stand between. */
static void between(actx *c, const cand *x, size_t qs, size_t qe, size_t tclose, size_t topen, char *out,
                    size_t cap)
{
    const ro_doc *d = c->d;
    size_t n = 0;
    char g[16];
    size_t i0, i1; /* the words between: [i0, i1) */
    if (x->after) {
        i0 = tclose;
        i1 = x->t0;
    } else {
        i0 = x->t1;
        i1 = topen;
    }
    if (i1 > i0 + 4) {
        out[n++] = 'L';
        for (size_t i = i0; i < i1; i++)
            if (attr_cls(c, i) & A_VERB) {
                out[n++] = 'V';
                break;
            }
        if (!x->after && i1 > 0) {
            gap_sig(d, c->t[i1 - 1].ge, before_open(d, qs), g, sizeof g);
            n = put_syms(out, n, cap, g);
        }
        out[n] = '\0';
        return;
    }
    if (x->after) {
        size_t a = after_close(d, qe);
        gap_sig(d, a, i0 < i1 ? c->t[i0].s : c->t[x->t0].s, g, sizeof g);
        n = put_syms(out, n, cap, g);
        for (size_t i = i0; i < i1; i++) {
            out[n++] = tok_sym(c, i);
            n = put_syms(out, n, cap, tgap(c, i));
        }
    } else {
        for (size_t i = i0; i < i1; i++) {
            n = put_syms(out, n, cap, tgap(c, i - 1));
            out[n++] = tok_sym(c, i);
        }
        size_t pe = c->t[i1 > i0 ? i1 - 1 : x->t1 - 1].ge, b = before_open(d, qs);
        gap_sig(d, pe > b ? b : pe, b, g, sizeof g);
        n = put_syms(out, n, cap, g);
    }
    out[n] = '\0';
}

/* The last character inside the quotation that is not a space. */
static char quote_end_sym(const ro_doc *d, size_t qs, size_t qe)
{
    size_t i = qe;
    while (i > qs) {
        size_t l;
        int32_t cp = ro_cp_before(d, i, &l);
        if (ro_cp_is_space(cp)) {
            i -= l;
            continue;
        }
        if (cp == ',' || cp == '.' || cp == '?' || cp == '!' || cp == ':' || cp == ';')
            return (char)cp;
        if (cp == 0x2026)
            return '.';
        if (cp == 0x2014 || cp == 0x2013 || cp == '-')
            return '-';
        return 'w';
    }
    return 'w';
}

typedef struct {
    size_t qs, qe;       /* quotation text */
    size_t para;         /* its paragraph, and the one where it ends */
    size_t epara;
    uint32_t bsent, asent; /* sentences of the tokens just before and after */
    char qend;           /* , . ? ! w */
    char qend_s[2];
    bool par0;           /* the quotation opens its paragraph */
    bool parend;         /* ... and ends it */
    bool upper;          /* its first letter is a capital */
    bool nested;
    const char *len;     /* words, bucketed */
    ro_fv fqend, fpar0, fupper, flen; /* as feature values */
    size_t tq, tclose, topen, tlast; /* attr_tok_at of qs, after_close(qe), before_open(qs), qe - 1 */
} qinfo;

/* The features of a candidate, the cheap ones first (no look at the words
 * between or around it: cand_cheap), the rest after (cand_rest), taking
 * the candidates in the order of their cheap features' score.  When those
 * cheap features plus more than the others ever add (REST_MAX) cannot
 * reach the best score so far, the rest are skipped: the candidate cannot
 * win.
 * REST_MAX is above the most the other features added to any candidate of
 * PolNeAR train with the trained model (42.0 before the quotation, 50.1
 * after it); after retraining, check it with RO_STAT=1 (readout prints
 * "STAT P side rest" a candidate; rest is what they added). */
static const double REST_MAX[2] = {45.0, 55.0};
static void cand_cheap(actx *c, cand *x, const qinfo *qi, size_t rank, bool any_verb)
{
    ro_fx *fx = &x->fx;
    ro_fx_reset(fx, c->msrc, c->keep);
    char *tb = x->tb;
    if (x->kind == K_NONE) {
        RO_FX1(fx, "none");
        RO_FX2(fx, "none|par0=", qi->fpar0);
        RO_FX2(fx, "none|qend=", qi->fqend);
        RO_FX2(fx, "none|verb=", RO_FV01(any_verb));
        RO_FX4(fx, "none|upper=", qi->fupper, "|len=", qi->flen);
        RO_FX2(fx, "none|nested=", RO_FV01(qi->nested));
        x->part = fx->score;
        return;
    }
    const char *ty = ctype(c, x, tb);
    size_t dist;
    uint32_t s_here, s_q;
    if (x->after) {
        size_t a = qi->tclose;
        dist = x->t0 > a ? x->t0 - a : 0;
        s_here = c->sent[x->t0];
        s_q = qi->asent;
    } else {
        size_t b = qi->tq;
        dist = b > x->t1 ? b - x->t1 : 0;
        s_here = c->sent[x->t1 - 1];
        s_q = qi->bsent;
    }
    size_t sd = s_here > s_q ? s_here - s_q : s_q - s_here;
    /* lines: a signature under a quotation ("” ― Sonya Herridge") is on its own line */
    uint32_t l_here = c->line[x->after ? x->t0 : x->t1 - 1];
    uint32_t l_q = x->after ? (qi->qe < c->d->len ? c->line[qi->tlast] : l_here)
                            : c->line[qi->tq < c->n ? qi->tq : c->n - 1];
    size_t ld = l_here > l_q ? l_here - l_q : l_q - l_here;
    size_t pd = c->para[x->t0] > qi->para ? c->para[x->t0] - qi->para : qi->para - c->para[x->t0];
    if (x->after)
        pd = c->para[x->t0] > qi->epara ? c->para[x->t0] - qi->epara : 0;
    ro_fv fsdb = sd == 0 ? RO_FV("0") : sd == 1 ? RO_FV("1") : sd == 2 ? RO_FV("2") : RO_FV("3+");
    ro_fv fpdb = pd == 0 ? RO_FV("0") : pd == 1 ? RO_FV("1") : RO_FV("2+");
    ro_fv fdb = bucket(dist);
    ro_fv frk = rank == 0 ? RO_FV("0") : rank == 1 ? RO_FV("1") : rank == 2 ? RO_FV("2") : RO_FV("3+");
    bool poss = (c->t[x->t1 - 1].f & T_POSS) != 0;
    /* inside a phrase of another name: "Henrik Moll of Karsland said" */
    bool pp = x->t0 >= 2 && (c->t[x->t0].f & T_ADJ) && (c->t[x->t0 - 1].f & T_ADJ) &&
              (attr_is(c, x->t0 - 1, "of") || attr_is(c, x->t0 - 1, "at") || attr_is(c, x->t0 - 1, "from") ||
               attr_is(c, x->t0 - 1, "for") || attr_is(c, x->t0 - 1, "in") || attr_is(c, x->t0 - 1, "with")) &&
              (c->ment[x->t0 - 2] >= 0 || (attr_cls(c, x->t0 - 2) & A_TITLE));

    /* the cheap features: where the candidate is and what it is */
    ro_fv fside = x->after ? RO_FV("A") : RO_FV("B"), fty = ro_fv_of(ty);
    ro_fv fld = ld == 0 ? RO_FV("0") : ld == 1 ? RO_FV("1") : RO_FV("2+");
    RO_FX1(fx, "bias");
    RO_FX4(fx, "side=", fside, "|type=", fty);
    RO_FX6(fx, "side=", fside, "|type=", fty, "|dist=", fdb);
    RO_FX6(fx, "side=", fside, "|sd=", fsdb, "|pd=", fpdb);
    RO_FX6(fx, "side=", fside, "|ld=", fld, "|pd=", fpdb);
    RO_FX6(fx, "side=", fside, "|ld=", fld, "|type=", fty);
    RO_FX6(fx, "side=", fside, "|rank=", frk, "|type=", fty);
    RO_FX4(fx, "poss=", RO_FV01(poss), "|type=", fty);
    RO_FX4(fx, "pp=", RO_FV01(pp), "|type=", fty);
    RO_FX6(fx, "par0=", qi->fpar0, "|side=", fside, "|pd=", fpdb);
    RO_FX6(fx, "parend=", RO_FV01(qi->parend), "|side=", fside, "|sd=", fsdb);
    RO_FX6(fx, "qend=", qi->fqend, "|side=", fside, "|sd=", fsdb);
    RO_FX6(fx, "len=", qi->flen, "|side=", fside, "|type=", fty);
    /* history: the previous quotation's source */
    bool same_mention = x->t0 < c->n && c->last_mention.end > c->last_mention.start &&
                        c->t[x->t0].s == c->last_mention.start;
    bool same_ent = x->kind == K_NAME && x->ent >= 0 && x->ent == c->last_ent;
    ro_fv fprev = same_mention ? RO_FV("m") : same_ent ? RO_FV("e") : RO_FV("0");
    RO_FX4(fx, "prev=", fprev, "|side=", fside);
    RO_FX4(fx, "prev=", fprev, "|par0=", qi->fpar0);
    ro_fv fev = RO_FV("");
    char *ev = x->ev;
    if (x->kind == K_NAME) {
        const ro_mention *m = &c->m[x->ment];
        RO_FX4(fx, "form=", ro_fv_of(m->form), "|side=", fside);
        const attr_ent *ae = &c->ae[m->entity];
        ro_fv sal = ae->nment <= 1 ? RO_FV("1") : ae->nment <= 3 ? RO_FV("2-3") : ae->nment <= 8 ? RO_FV("4-8") : RO_FV("9+");
        RO_FX4(fx, "sal=", sal, "|type=", fty);
        ev[0] = ae->first ? 'F' : '-', ev[1] = ae->titled ? 'T' : '-', ev[2] = ae->spoke ? 'S' : '-';
        ev[3] = ae->full ? 'N' : '-', ev[4] = 0;
        fev = ro_fv_of(ev);
        RO_FX4(fx, "ev=", fev, "|type=", fty);
    }
    if (x->kind == K_DESC) {
        size_t h = x->t1 - 1;
        uint32_t a = attr_cls(c, h);
        RO_FX4(fx, "dhead=", (a & A_COMM) ? RO_FV("comm") : (a & A_TITLE) ? RO_FV("title") : (a & A_ORGW) ? RO_FV("org") : RO_FV("other"), "|side=", fside);
        RO_FX2(fx, "ddet=", (attr_cls(c, x->t0) & A_DET) ? (attr_is(c, x->t0, "the") ? RO_FV("the") : RO_FV("a")) : RO_FV("poss"));
    }
    x->part = fx->score;
    x->fty = fty, x->fsdb = fsdb, x->fev = fev;
}

/* The rest of a candidate's features: the words between the quotation and
 * it, around it, and its reporting verbs. */
static void cand_rest(actx *c, cand *x, const qinfo *qi)
{
    if (x->kind == K_NONE)
        return;
    ro_fx *fx = &x->fx;
    ro_fv fside = x->after ? RO_FV("A") : RO_FV("B"), fty = x->fty, fsdb = x->fsdb, fev = x->fev;
    /* the words between the quotation and the candidate, and around it */
    char btw[24];
    between(c, x, qi->qs, qi->qe, qi->tclose, qi->topen, btw, sizeof btw);
    bool app = false;
    int vgap = 0;
    const char *vs = verb_after(c, x, &app);
    const char *vo = verb_before(c, x, &vgap);
    char cp[8] = "^", cn[8] = "$";
    if (x->t0 > 0 && x->t0 < c->n) {
        const char *g = tgap(c, x->t0 - 1);
        size_t k = 0;
        cp[k++] = tok_sym(c, x->t0 - 1);
        for (; *g && k < 4; g++)
            cp[k++] = *g;
        cp[k] = '\0';
    }
    if (x->t1 < c->n) {
        const char *g = tgap(c, x->t1 - 1);
        size_t k = 0;
        for (; *g && k < 3; g++)
            cn[k++] = *g;
        cn[k++] = tok_sym(c, x->t1);
        cn[k] = '\0';
    }
    ro_fv fbtw = ro_fv_of(btw), fcp = ro_fv_of(cp), fcn = ro_fv_of(cn), fvs = RO_FV01(vs);
    RO_FX4(fx, "btw=", fside, "", fbtw);
    RO_FX6(fx, "btw=", fside, "", fbtw, "|type=", fty);
    RO_FX6(fx, "btw=", fside, "", fbtw, "|qend=", qi->fqend);
    RO_FX6(fx, "upper=", qi->fupper, "|side=", fside, "|btw=", fbtw);
    RO_FX4(fx, "cp=", fcp, "|type=", fty);
    RO_FX4(fx, "cn=", fcn, "|type=", fty);
    RO_FX4(fx, "cp=", fcp, "|cn=", fcn);
    RO_FX4(fx, "side=", fside, "|cn=", fcn);
    RO_FX4(fx, "side=", fside, "|cp=", fcp);
    RO_FX6(fx, "vs=", fvs, "|side=", fside, "|sd=", fsdb);
    if (vs) {
        ro_fv fv = ro_fv_of(vs);
        RO_FX2(fx, "vs=", fv);
        RO_FX4(fx, "vs=", fv, "|side=", fside);
        RO_FX2(fx, "vs|type=", fty);
    }
    RO_FX6(fx, "vo=", RO_FV01(vo), "|side=", fside, "|sd=", fsdb);
    if (vo) {
        ro_fv gb = vgap == 0 ? RO_FV("0") : vgap == 1 ? RO_FV("1") : RO_FV("2+"), fv = ro_fv_of(vo);
        RO_FX2(fx, "vo=", fv);
        RO_FX4(fx, "vo=", fv, "|side=", fside);
        RO_FX4(fx, "vo|gap=", gb, "|type=", fty);
    }
    if (x->kind == K_NAME)
        RO_FX6(fx, "ev=", fev, "|side=", fside, "|vs=", fvs);
}

/* ---- the pass ---------------------------------------------------------------------------------------- */

static int count_words(const actx *c, size_t qs, size_t qe)
{
    size_t i = attr_tok_at(c, qs);
    int n = 0;
    for (; i < c->n && c->t[i].e <= qe; i++)
        n++;
    return n;
}

static void to_pub(actx *c, cands *cs, size_t qi)
{
    if (cs->cappub < cs->n) {
        cs->cappub = cs->n;
        cs->pub = ro_xrealloc(cs->pub, cs->cappub * sizeof *cs->pub);
    }
    for (size_t k = 0; k < cs->n; k++) {
        cand *x = &cs->v[k];
        ro_attr_cand *p = &cs->pub[k];
        p->kind = x->kind;
        p->s = x->kind == K_NONE ? 0 : c->t[x->t0].s;
        p->e = x->kind == K_NONE ? 0 : c->t[x->t1 - 1].e;
        p->entity = x->ent;
        if (x->kind == K_PRON || x->kind == K_DESC)
            p->entity = attr_resolve(c, qi, x->kind, x->t0, x->t1, x->pron, true);
        p->pron = x->pron;
        p->feats = x->fx.feats.data;
        p->nfeats = x->fx.nfeats;
        p->score = x->fx.score;
    }
}

/* The reporting verb as written (its token), or SIZE_MAX. */
static size_t verb_tok(actx *c, const cand *x)
{
    bool app = false;
    int gap = 0;
    if (verb_after(c, x, &app)) {
        size_t i = x->t1;
        if (app) {
            while (i < c->n && !(c->t[i].f & T_COMMA))
                i++;
            return i + 1;
        }
        while (i < c->n && !(attr_cls(c, i) & A_VERB))
            i++;
        return i;
    }
    if (verb_before(c, x, &gap))
        return x->t0 - 1 - (size_t)gap;
    return SIZE_MAX;
}

/* How the quotation is attributed: the verb as written ("said", "told"),
 * "according to", "in the words of", "dash", "colon", "continuation"
 * (the source of the quotation before, not next to this one) or "context". */
static const char *cue_of(actx *c, const cand *w, const qinfo *in)
{
    ro_doc *d = c->d;
    if (w->t0 > 1 && attr_is(c, w->t0 - 1, "to") && (attr_cls(c, w->t0 - 2) & A_ACCORD))
        return "according to";
    if (w->t0 > 0 && attr_is(c, w->t0 - 1, "in") && (c->t[w->t1 - 1].f & T_POSS) && w->t1 < c->n &&
        attr_is(c, w->t1, "words"))
        return "in the words of";
    size_t v = verb_tok(c, w);
    bool near = w->after ? c->t[w->t0].s < after_close(d, in->qe) + 24 : c->t[w->t1 - 1].e + 40 > in->qs;
    bool same_para = c->para[w->t0] == (w->after ? in->epara : in->para);
    if (v != SIZE_MAX && v < c->n && same_para && (near || c->sent[v] == (w->after ? in->asent : in->bsent)))
        return ro_arena_strndup(&d->arena, d->text + c->t[v].s, c->t[v].e - c->t[v].s);
    char g[8];
    if (w->after) {
        gap_sig(d, after_close(d, in->qe), c->t[w->t0].s, g, sizeof g);
        if (g[0] == '-' || (g[0] && g[1] == '-'))
            return "dash";
    } else {
        gap_sig(d, c->t[w->t1 - 1].ge, before_open(d, in->qs), g, sizeof g);
        size_t n = strlen(g);
        if (n && g[n - 1] == ':' && c->sent[w->t1 - 1] == in->bsent)
            return "colon";
    }
    if (c->last_mention.end > c->last_mention.start && c->t[w->t0].s == c->last_mention.start)
        return "continuation";
    if (v != SIZE_MAX && v < c->n)
        return ro_arena_strndup(&d->arena, d->text + c->t[v].s, c->t[v].e - c->t[v].s);
    return "context";
}

typedef struct {
    long turn_ent;   /* the speaker of the turn being read */
    size_t turn_end;
    long interviewee;
} turn_state;

static void attribute_quote(actx *c, cands *cs, size_t qi, bool prev_attr, turn_state *ts)
{
    ro_doc *d = c->d;
    ro_quote *q = &d->quotes[qi];
    qinfo in;
    memset(&in, 0, sizeof in);
    in.qs = q->text.start;
    in.qe = q->text.end;
    in.para = q->paragraph;
    in.epara = ro_doc_paragraph_at(d, in.qe > in.qs ? in.qe - 1 : in.qe);
    in.qend = quote_end_sym(d, in.qs, in.qe);
    in.nested = q->parent >= 0;
    size_t open = before_open(d, in.qs);
    in.par0 = open <= d->paras[in.para].start + 1;
    size_t close = after_close(d, in.qe);
    in.parend = close + 1 >= d->paras[in.epara].end;
    size_t fl;
    int32_t f0 = ro_cp_at(d, in.qs < d->len ? in.qs : 0, &fl);
    in.upper = ro_cp_is_upper(f0) || ro_cp_is_digit(f0);
    int words = count_words(c, in.qs, in.qe);
    in.len = words <= 1 ? "1" : words <= 3 ? "2-3" : words <= 8 ? "4-8" : "9+";
    in.qend_s[0] = in.qend;
    in.fqend = ro_fv_of(in.qend_s);
    in.fpar0 = RO_FV01(in.par0);
    in.fupper = RO_FV01(in.upper);
    in.flen = ro_fv_of(in.len);

    /* token ranges before and after */
    size_t tq = attr_tok_at(c, in.qs);
    in.tq = tq;
    in.tclose = attr_tok_at(c, close);
    in.topen = attr_tok_at(c, open);
    in.tlast = attr_tok_at(c, in.qe > 0 ? in.qe - 1 : 0);
    size_t b1 = tq;
    size_t plo = in.para > 0 ? d->paras[in.para - 1].start : d->paras[in.para].start;
    size_t b0 = attr_tok_at(c, plo);
    if (b1 > b0 + SPAN_BEFORE)
        b0 = b1 - SPAN_BEFORE;
    size_t a0 = in.tclose;
    size_t a1 = attr_tok_at(c, d->paras[in.epara].end);
    if (a1 > a0 + SPAN_AFTER)
        a1 = a0 + SPAN_AFTER;
    /* after it: its own sentence, and the first words of the next ("….” He said.") */
    size_t next0 = SIZE_MAX;
    for (size_t i = a0; i < a1; i++) {
        if (c->sent[i] == c->sent[a0])
            continue;
        if (next0 == SIZE_MAX)
            next0 = i;
        if (c->sent[i] > c->sent[a0] + 1 || i >= next0 + 3) {
            a1 = i;
            break;
        }
    }
    in.bsent = b1 > 0 ? c->sent[b1 - 1] : 0;
    in.asent = a0 < c->n ? c->sent[a0] : in.bsent;
    gather(c, cs, qi, b0, b1, a0, a1);

    bool any_verb = false;
    for (size_t i = b1 > 12 ? b1 - 12 : 0; i < b1; i++)
        if (c->inq[i] < 0 && (attr_cls(c, i) & A_VERB))
            any_verb = true;
    for (size_t i = a0; i < a1 && i < a0 + 8; i++)
        if (c->inq[i] < 0 && (attr_cls(c, i) & A_VERB))
            any_verb = true;
    size_t rank[2] = {0, 0};
    size_t best = 0;
    bool prune = !c->keep && !c->stat && !(c->hooks && c->hooks->on_source);
    uint8_t ord[64]; /* the candidates by their cheap features' score, best first */
    size_t no = cs->n < sizeof ord ? cs->n : sizeof ord;
    for (size_t k = 0; k < cs->n; k++) {
        cand *x = &cs->v[k];
        size_t r = x->kind == K_NONE ? 0 : rank[x->after]++;
        cand_cheap(c, x, &in, r, any_verb);
        if (k < no) {
            size_t j = k;
            for (; prune && j > 0 && cs->v[ord[j - 1]].part < x->part; j--)
                ord[j] = ord[j - 1];
            ord[j] = (uint8_t)k;
        }
    }
    best = SIZE_MAX;
    for (size_t o = 0; o < cs->n; o++) {
        size_t k = o < no ? ord[o] : o;
        cand *x = &cs->v[k];
        if (prune && best != SIZE_MAX && x->part + REST_MAX[x->after] < cs->v[best].fx.score)
            continue; /* it cannot win */
        cand_rest(c, x, &in);
        if ((x->kind == K_NAME || x->kind == K_DESC) && (c->t[x->t1 - 1].f & T_POSS) &&
            !(x->t0 > 0 && attr_is(c, x->t0 - 1, "in") && x->t1 < c->n && attr_is(c, x->t1, "words")))
            continue; /* a possessor speaks for no one: "Scott's niece, Del. Price, shouted" (on PolNeAR
                       * train 53 of 56 possessive speakers were wrong) */
        if (c->stat && x->kind != K_NONE)
            fprintf(stderr, "STAT P %d %g\n", (int)x->after, x->fx.score - x->part);
        if (best == SIZE_MAX || x->fx.score > cs->v[best].fx.score ||
            (x->fx.score == cs->v[best].fx.score && k < best))
            best = k;
    }
    if (c->explain) {
        fprintf(stderr, "quote %zu [%zu,%zu) \"%.40s\"\n", qi, in.qs, in.qe, d->text + in.qs);
        for (size_t k = 0; k < cs->n; k++) {
            cand *x = &cs->v[k];
            fprintf(stderr, "  %c %-6s %7.2f  %.*s\n", k == best ? '*' : ' ',
                    x->kind == K_NONE ? "none" : x->kind == K_NAME ? "name" : x->kind == K_PRON ? "pron" : "desc",
                    x->fx.score, x->kind == K_NONE ? 0 : (int)(c->t[x->t1 - 1].e - c->t[x->t0].s),
                    x->kind == K_NONE ? "" : d->text + c->t[x->t0].s);
            if (c->explain > 1 && x->fx.feats.data) {
                const char *f = x->fx.feats.data;
                for (size_t i = 0; i < x->fx.nfeats; i++, f += strlen(f) + 1)
                    fprintf(stderr, "        %+.2f %s\n", ro_model_weight(c->msrc, f, strlen(f)), f);
            }
        }
    }
    if (c->hooks && c->hooks->on_source) {
        to_pub(c, cs, qi);
        long g = c->hooks->on_source(c->hooks->ctx, d, qi, cs->pub, cs->n, best);
        if (g >= 0 && (size_t)g < cs->n)
            best = (size_t)g;
    }
    cand *w = &cs->v[best];
    long ent = -1;
    q->mention = (ro_span){0, 0};
    q->cue = NULL;
    if (w->kind != K_NONE) {
        q->mention = (ro_span){c->t[w->t0].s, c->t[w->t1 - 1].e};
        if (w->kind == K_NAME)
            ent = w->ent;
        else
            ent = attr_resolve(c, qi, w->kind, w->t0, w->t1, w->pron, false);
        q->cue = cue_of(c, w, &in);
    } else if (ts->turn_ent >= 0 && in.qs < ts->turn_end) {
        ent = -1; /* words quoted inside a turn: the speaker says whose */
    }
    bool in_turn = ts->turn_ent >= 0 && in.qs < ts->turn_end;
    double margin = 0;
    for (size_t k = 0; k < cs->n; k++)
        if (cs->v[k].kind == K_NONE)
            margin = w->fx.score - cs->v[k].fx.score;
    q->kind = attr_kind(c, qi, w->kind, margin, prev_attr, in_turn);
    if (q->kind == RO_Q_TERM) {
        ent = -1;
        q->mention = (ro_span){0, 0};
        q->cue = NULL;
        return;
    }
    c->qent[qi] = ent;
    if (w->kind != K_NONE) {
        c->last_mention = q->mention;
        c->last_ent = ent;
        c->last_qi = qi;
        if (ent >= 0)
            attr_note_speaker(c, ent, w->t0, qi);
    }
}

/* Reported speech between quotations ("he said", "she argued" with no
 * quotation): whom the pronoun stands for is resolved as a source's would
 * be, and remembered, so that the chain of pronouns that keeps a speaker
 * in view reaches the next quotation ("..., he said, replacing Clinton
 * would lead to lobbying by loyalists to Biden and Sanders. ... “…,” he said"). */
static void indirect_speakers(actx *c, size_t qi, size_t *from)
{
    const ro_quote *q = &c->d->quotes[qi];
    size_t end = attr_tok_at(c, q->text.start);
    for (size_t i = *from; i + 1 < end && i + 1 < c->n; i++) {
        if (c->inq[i] >= 0 || !(attr_cls(c, i) & A_PRON) || !(attr_cls(c, i + 1) & A_VERB) ||
            !(c->t[i + 1].f & T_ADJ))
            continue;
        char p = pron_of(c, i);
        if (p != 'm' && p != 'f')
            continue;
        if (c->nev && c->ev[c->nev - 1].tok >= i)
            continue; /* (a quotation's source, already resolved) */
        long e = attr_resolve(c, qi, K_PRON, i, i + 1, p, true);
        if (e >= 0) {
            attr_event ev = {i, e};
            RO_PUSH(c->ev, c->nev, c->capev, ev);
        }
    }
    size_t qe = attr_tok_at(c, q->text.end);
    if (qe > *from)
        *from = qe;
}

/* ---- transcripts --------------------------------------------------------------------------------- */

/* The entity a turn's label names: the mention names found in it, or a
 * person whose surname it is ("USHAKOV"). */
static long label_entity(actx *c, const ro_turn *t)
{
    long best = -1;
    for (size_t i = attr_tok_at(c, t->label.start); i < c->n && c->t[i].s < t->label.end; i++) {
        long mk = c->ment[i];
        if (mk >= 0 && c->E[c->m[mk].entity].type == RO_ENT_PERSON)
            return (long)c->m[mk].entity;
        if (mk >= 0 && best < 0)
            best = (long)c->m[mk].entity;
    }
    if (best >= 0)
        return best;
    /* a last word in capitals: a person's surname */
    size_t e = attr_tok_at(c, t->label.end);
    if (e == 0)
        return -1;
    const ro_tok *w = &c->t[e - 1];
    if (w->s < t->label.start)
        return -1;
    for (size_t k = 0; k < c->ne; k++) {
        if (c->E[k].type != RO_ENT_PERSON)
            continue;
        const char *nm = c->E[k].name;
        const char *sp = strrchr(nm, ' ');
        const char *sur = sp ? sp + 1 : nm;
        size_t n = w->e - w->s;
        if (strlen(sur) == n && !strncasecmp(sur, c->d->text + w->s, n))
            return (long)k;
    }
    return -1;
}

static long turn_speaker(actx *c, const ro_turn *t, turn_state *ts, ro_quote *q)
{
    if (t->role == TURN_QUESTION)
        return -1;
    if (t->role == TURN_ANSWER) {
        if (ts->interviewee < 0) {
            /* the latest person named before the first answer */
            for (size_t k = c->nm; k-- > 0;) {
                if (c->m[k].span.start < t->label.start && c->E[c->m[k].entity].type == RO_ENT_PERSON &&
                    (long)c->m[k].entity != c->byline) {
                    ts->interviewee = (long)c->m[k].entity;
                    break;
                }
            }
        }
        return ts->interviewee;
    }
    long e = label_entity(c, t);
    if (e < 0) {
        /* a label names found nothing in: its words, as written */
        q->speaker = ro_arena_strndup(&c->d->arena, c->d->text + t->label.start, t->label.end - t->label.start);
    }
    return e;
}

/* ---- the pass ------------------------------------------------------------------------------------ */

static void find_byline(actx *c)
{
    for (size_t k = 0; k < c->nm; k++) {
        size_t i = c->mt0[k];
        if (i < c->n && (c->t[i].f & T_BYLINE) && c->E[c->m[k].entity].type == RO_ENT_PERSON) {
            c->byline = (long)c->m[k].entity;
            return;
        }
        if (c->m[k].span.start > 2000)
            return;
    }
}

void ro_attribute_hooked(ro_doc *d, const ro_lexicon *lex, const ro_turn *turns, size_t nturns,
                         const ro_attr_hooks *hooks)
{
    actx c;
    ctx_init(&c, d, lex, hooks);
    find_byline(&c);
    cands cs = {0};
    turn_state ts = {-1, 0, -1};

    /* A headline's quotations are attributed last, when the body has named
     * everyone ("Kremlin aide calls talks ‘useful’"). */
    size_t headline_end = 0;
    if (d->npara > 3 && d->paras[0].end - d->paras[0].start < 200) {
        const char *s0 = d->text + d->paras[0].start;
        size_t n0 = d->paras[0].end - d->paras[0].start;
        if (n0 && s0[n0 - 1] != '.' && !memchr(s0, '\n', n0))
            headline_end = d->paras[0].end;
    }
    size_t ti = 0;
    bool prev_attr = false;
    size_t prev_para = SIZE_MAX;
    size_t scan_from = 0; /* tokens before it were scanned for "he said" outside quotations */
    for (int pass = 0; pass < 2; pass++) {
        ti = 0;
        for (size_t qi = 0; qi < d->nquotes; qi++) {
            ro_quote *q = &d->quotes[qi];
            bool head = q->text.start < headline_end;
            if (head != (pass == 1))
                continue;
            if (q->kind == RO_Q_TURN) {
                while (ti < nturns && turns[ti].text.start < q->text.start)
                    ti++;
                if (ti < nturns && turns[ti].text.start == q->text.start) {
                    long e = turn_speaker(&c, &turns[ti], &ts, q);
                    c.qent[qi] = e;
                    q->mention = turns[ti].label;
                    ts.turn_ent = e >= 0 ? e : -2;
                    ts.turn_end = turns[ti].text.end;
                    if (e >= 0)
                        attr_note_speaker(&c, e, attr_tok_at(&c, turns[ti].label.start), qi);
                }
                continue;
            }
            if (q->paragraph != prev_para)
                prev_attr = false;
            prev_para = q->paragraph;
            if (pass == 0 && q->parent < 0)
                indirect_speakers(&c, qi, &scan_from);
            attribute_quote(&c, &cs, qi, prev_attr, &ts);
            if (q->parent < 0)
                prev_attr = q->kind != RO_Q_TERM && q->mention.end > q->mention.start;
        }
    }
    for (size_t qi = 0; qi < d->nquotes; qi++) {
        ro_quote *q = &d->quotes[qi];
        long e = c.qent[qi];
        q->entity = e;
        if (e >= 0 && (size_t)e < c.ne)
            q->speaker = c.E[e].name;
        else if (q->kind != RO_Q_TURN || !q->speaker)
            q->speaker = NULL;
        if (q->kind == RO_Q_TURN)
            q->cue = "turn";
    }
    for (size_t k = 0; k < cs.hw; k++)
        ro_fx_free(&cs.v[k].fx);
    free(cs.v);
    free(cs.pub);
    ctx_free(&c);
}

void ro_attribute(ro_doc *d, const ro_lexicon *lex, const ro_turn *turns, size_t nturns)
{
    ro_attribute_hooked(d, lex, turns, nturns, NULL);
}
