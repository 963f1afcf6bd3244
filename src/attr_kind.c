/* attr_kind.c: what kind of quotation: someone's full sentence, a part of
 * one, or a term quoted as words ("the so-called “safe zones”", a title).
 *
 * Rules decide where they are right for every text (a full sentence after
 * a colon, "so-called"); between a term and a fragment of someone's words
 * ("very, very seriously", "Meet the Press") the "kind" model learned from
 * PolNeAR train (fragments of two words or more: it annotates no one-word
 * quotations) and the own gold set decides, from the fragment's shape, the
 * words around it and how sure the speaker attribution is of a speaker.
 */
#include "attr.h"

typedef struct {
    int words;
    bool first_upper, ends, title_case;
} shape;

static shape shape_of(const actx *c, size_t qs, size_t qe)
{
    shape s = {0, false, false, true};
    size_t i = attr_tok_at(c, qs);
    for (; i < c->n && c->t[i].e <= qe; i++) {
        const ro_tok *t = &c->t[i];
        if (!s.words) {
            size_t l;
            int32_t cp = ro_cp_at(c->d, t->s, &l);
            s.first_upper = ro_cp_is_upper(cp) || ro_cp_is_digit(cp);
        }
        s.words++;
        if ((t->f & T_LOW) && t->e - t->s > 3)
            s.title_case = false; /* small words may stay lower case in a title */
    }
    /* the last mark inside */
    size_t e = qe;
    while (e > qs) {
        size_t l;
        int32_t cp = ro_cp_before(c->d, e, &l);
        if (ro_cp_is_space(cp) || cp == 0x2019 || cp == 0x201D || cp == '"' || cp == '\'') {
            e -= l; /* (and the closing mark of a quotation inside: "… labels of ‘criminal,’") */
            continue;
        }
        s.ends = cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == ',';
        break;
    }
    return s;
}

/* The punctuation just before the opening mark: ':' ',' '.' (a sentence
 * end, a dash, or the paragraph's start) or 0. */
static char before_sym(const actx *c, size_t qs, size_t lo)
{
    size_t i = qs;
    size_t l;
    (void)ro_cp_before(c->d, i, &l); /* the mark */
    i -= l;
    while (i > lo) {
        int32_t cp = ro_cp_before(c->d, i, &l);
        if (ro_cp_is_space(cp) || cp == '(' || cp == '[') {
            i -= l;
            continue;
        }
        if (cp == ':' || cp == ',')
            return (char)cp;
        if (cp == '.' || cp == '?' || cp == '!' || cp == 0x2014 || cp == 0x2013 || cp == 0x201D || cp == '"')
            return '.';
        return 0;
    }
    return '.';
}

static bool term_cue(actx *c, size_t qs)
{
    size_t i = attr_tok_at(c, qs);
    if (i == 0)
        return false;
    i--;
    if (c->t[i].e > qs)
        return false;
    if (attr_cls(c, i) & A_QWORD)
        return true;
    static const char *const cues[] = {"as", "book", "film", "programme", "program", "show", "column",
                                       "banner", "marked", "stamped", "the", "a", "its", "his", "her",
                                       "their", "our", "of", NULL};
    for (size_t k = 0; cues[k]; k++)
        if (attr_is(c, i, cues[k]))
            return true;
    return false;
}

static bool strong_term_cue(actx *c, size_t qs)
{
    size_t i = attr_tok_at(c, qs);
    if (i == 0 || c->t[i - 1].e > qs)
        return false;
    static const char *const cues[] = {"so-called", "dubbed", "titled", "entitled", "nicknamed", "word",
                                       "term", "phrase", NULL};
    for (size_t k = 0; cues[k]; k++)
        if (attr_is(c, i - 1, cues[k]))
            return true;
    return false;
}

/* The word before the opening mark, as a feature value: itself when it is
 * one of the words that often come before a term or a fragment, else its class. */
static const char *before_word(actx *c, size_t qs, char *buf, size_t cap)
{
    size_t i = attr_tok_at(c, qs);
    if (i == 0 || c->t[i - 1].e > qs)
        return "^";
    i--;
    static const char *const words[] = {"as", "called", "calls", "calling", "the", "a", "an", "his", "her", "its",
                                        "their", "our", "my", "of", "and", "or", "to", "was", "is", "be", "been",
                                        "were", "are", "not", "it", "that", "about", "for", "with", "by", "on", "in",
                                        "like", "than", "from", "describe", "described", "label", "labeled",
                                        "labelled", "branded", "slogan", "chanted", "chanting", "show", "book",
                                        "film", "headline", "says", "said", "saying", "call", NULL};
    for (size_t k = 0; words[k]; k++)
        if (attr_is(c, i, words[k]))
            return words[k];
    uint32_t a = attr_cls(c, i);
    const char *cl = (a & A_VERB) ? "V" : (a & A_QWORD) ? "Q" : (a & (A_DET | A_POSSP)) ? "D" : (a & A_PREP) ? "P"
                   : (c->t[i].f & T_CAP) ? "C" : "w";
    snprintf(buf, cap, "%s", cl);
    return buf;
}

/* The word after the closing mark, as a feature value: a reporting verb, a
 * pronoun, a preposition or conjunction, a capital, another word, or the end. */
static const char *after_word(actx *c, size_t qe)
{
    size_t i = attr_tok_at(c, qe);
    while (i < c->n && c->t[i].s < qe)
        i++;
    if (i >= c->n)
        return "$";
    uint32_t a = attr_cls(c, i);
    if (a & A_VERB)
        return "V";
    if (a & A_PRON)
        return "R";
    if (a & (A_PREP | A_CONJ))
        return "P";
    if (c->t[i].f & T_CAP)
        return "C";
    return "w";
}

static ro_quote_kind rule_kind(actx *c, size_t qi, const shape *s, char pb, bool headline, bool attributed,
                               bool prev_attributed, bool in_turn);

/* A preposition before the opening mark, where a title goes: "on “Fox News Sunday”", "in “The Art of War”". */
static bool title_after(actx *c, size_t qs)
{
    size_t i = attr_tok_at(c, qs);
    if (i == 0 || c->t[i - 1].e > qs)
        return false;
    /* a broadcaster's or a publisher's possessive, or "the", between: "on CNN’s “State of the
     * Union,”", "told MSNBC’s “Morning Joe”", "at the “Commander-in-Chief Forum”" */
    bool told = false;
    if (i >= 2 && (((c->t[i - 1].f & T_POSS) && (c->t[i - 1].f & (T_CAP | T_ALLCAP))) || attr_is(c, i - 1, "the") ||
                   attr_is(c, i - 1, "a"))) {
        i--;
        told = attr_is(c, i - 1, "told") || attr_is(c, i - 1, "tells") || attr_is(c, i - 1, "telling") ||
               attr_is(c, i - 1, "to");
    }
    /* "on this weekend’s broadcast of “Fox News Sunday,”", "an episode of “…”" */
    bool of_show = i >= 2 && attr_is(c, i - 1, "of") &&
                   (attr_is(c, i - 2, "broadcast") || attr_is(c, i - 2, "episode") || attr_is(c, i - 2, "edition") ||
                    attr_is(c, i - 2, "segment") || attr_is(c, i - 2, "host") || attr_is(c, i - 2, "season") ||
                    attr_is(c, i - 2, "author") || attr_is(c, i - 2, "director") || attr_is(c, i - 2, "star"));
    return told || of_show || attr_is(c, i - 1, "on") || attr_is(c, i - 1, "in") || attr_is(c, i - 1, "at") ||
           attr_is(c, i - 1, "from") || attr_is(c, i - 1, "into") || attr_is(c, i - 1, "during");
}

/* A word the speaker chose, as a reporting verb frames it: "as “useful”", "called it
 * “historic”", "calling them “reckless”". */
static bool one_word_said(actx *c, size_t qs)
{
    size_t i = attr_tok_at(c, qs);
    if (i == 0 || c->t[i - 1].e >= qs)
        return false;
    if (attr_is(c, i - 1, "as"))
        return true;
    size_t v = i - 1;
    if (v > 0 && (attr_is(c, v, "it") || attr_is(c, v, "them") || attr_is(c, v, "him") || attr_is(c, v, "her") ||
                  attr_is(c, v, "this") || attr_is(c, v, "that")))
        v--;
    return attr_is(c, v, "called") || attr_is(c, v, "call") || attr_is(c, v, "calls") || attr_is(c, v, "calling");
}

/* A determiner or a possessive right before the opening mark: its “…”, the “…”. */
static bool det_before(actx *c, size_t qs)
{
    size_t i = attr_tok_at(c, qs);
    return i > 0 && c->t[i - 1].e < qs && (attr_cls(c, i - 1) & (A_DET | A_POSSP));
}

/* Does a person's name follow the closing mark at qe, with only a space between? */
static bool before_person(actx *c, size_t qe)
{
    size_t l;
    int32_t cp = ro_cp_at(c->d, qe, &l); /* the closing mark */
    if (cp != 0x201D && cp != '"')
        return false;
    size_t i = attr_tok_at(c, qe + l);
    if (i >= c->n || c->t[i].s != qe + l + 1 || c->d->text[qe + l] != ' ' || c->ment[i] < 0)
        return false;
    long e = (long)c->m[c->ment[i]].entity;
    return e >= 0 && (size_t)e < c->ne && c->E[e].type == RO_ENT_PERSON && c->m[c->ment[i]].span.start == c->t[i].s;
}

static const char *const src_names[] = {"none", "name", "pron", "desc", "ent"};

static void kind_features(actx *c, ro_fx *fx, const char *k, const shape *s, char pb, const char *bw,
                          const char *aw, int src_kind, double margin, bool headline, bool nested, ro_quote_kind rule)
{
    memset(fx, 0, sizeof *fx);
    ro_fx_reset(fx, c->mkind, c->keep);
    ro_fv wb = s->words <= 1 ? RO_FV("1") : s->words == 2 ? RO_FV("2") : s->words == 3 ? RO_FV("3")
             : s->words <= 6 ? RO_FV("4-6") : RO_FV("7+");
    ro_fv mb = src_kind == K_NONE ? RO_FV("-") : margin < 5 ? RO_FV("0-5") : margin < 15 ? RO_FV("5-15") : RO_FV("15+");
    char shp[5] = {s->first_upper ? 'U' : 'l', s->title_case ? 'T' : '-', s->ends ? 'e' : '-', 0};
    char pbs[2] = {pb ? pb : '0', 0};
    ro_fv fk = ro_fv_of(k), fshp = ro_fv_of(shp), fpb = ro_fv_of(pbs), fbw = ro_fv_of(bw), faw = ro_fv_of(aw);
    ro_fv sk = ro_fv_of(src_names[src_kind >= 0 && src_kind <= K_ENT ? src_kind : 0]);
    RO_FX2(fx, "k=", fk);
    RO_FX4(fx, "k=", fk, "|rule=", rule == RO_Q_TERM ? RO_FV("T") : RO_FV("P"));
    RO_FX4(fx, "k=", fk, "|w=", wb);
    RO_FX4(fx, "k=", fk, "|shape=", fshp);
    RO_FX6(fx, "k=", fk, "|shape=", fshp, "|w=", wb);
    RO_FX4(fx, "k=", fk, "|pb=", fpb);
    RO_FX4(fx, "k=", fk, "|bw=", fbw);
    RO_FX6(fx, "k=", fk, "|bw=", fbw, "|shape=", fshp);
    RO_FX4(fx, "k=", fk, "|aw=", faw);
    RO_FX6(fx, "k=", fk, "|src=", sk, "|m=", mb);
    RO_FX6(fx, "k=", fk, "|src=", sk, "|w=", wb);
    RO_FX6(fx, "k=", fk, "|bw=", fbw, "|src=", sk);
    RO_FX4(fx, "k=", fk, "|head=", RO_FV01(headline));
    RO_FX4(fx, "k=", fk, "|nested=", RO_FV01(nested));
}

static ro_quote_kind learned_kind(actx *c, size_t qi, ro_quote_kind rule, const shape *s, char pb, int src_kind,
                                  double margin, bool headline)
{
    const ro_quote *q = &c->d->quotes[qi];
    bool hook = c->hooks && c->hooks->on_kind;
    if (!hook && ro_model_empty(c->mkind))
        return rule;
    char buf[8];
    const char *bw = before_word(c, q->text.start, buf, sizeof buf);
    const char *aw = after_word(c, q->text.end);
    ro_fx fx[2];
    kind_features(c, &fx[0], "S", s, pb, bw, aw, src_kind, margin, headline, q->parent >= 0, rule);
    kind_features(c, &fx[1], "T", s, pb, bw, aw, src_kind, margin, headline, q->parent >= 0, rule);
    size_t best = fx[0].score > fx[1].score ? 0 : fx[1].score > fx[0].score ? 1 : rule == RO_Q_TERM;
    if (hook) {
        ro_attr_cand pub[2];
        memset(pub, 0, sizeof pub);
        for (int i = 0; i < 2; i++) {
            pub[i].kind = K_NONE;
            pub[i].entity = -1;
            pub[i].feats = fx[i].feats.data;
            pub[i].nfeats = fx[i].nfeats;
            pub[i].score = fx[i].score;
        }
        long g = c->hooks->on_kind(c->hooks->ctx, c->d, qi, pub, 2, best);
        if (g == 0 || g == 1)
            best = (size_t)g;
    }
    if (c->explain)
        fprintf(stderr, "  kind: said %.2f, term %.2f (rules: %s)\n", fx[0].score, fx[1].score,
                rule == RO_Q_TERM ? "term" : "partial");
    ro_fx_free(&fx[0]);
    ro_fx_free(&fx[1]);
    return best ? RO_Q_TERM : RO_Q_PARTIAL;
}

ro_quote_kind attr_kind(actx *c, size_t qi, int src_kind, double margin, bool prev_attributed, bool in_turn)
{
    bool attributed = src_kind != K_NONE;
    const ro_quote *q = &c->d->quotes[qi];
    size_t qs = q->text.start, qe = q->text.end;
    shape s = shape_of(c, qs, qe);
    char pb = before_sym(c, qs, c->d->paras[q->paragraph].start);
    bool headline = q->paragraph == 0 && c->d->npara > 3;
    ro_quote_kind k = rule_kind(c, qi, &s, pb, headline, attributed, prev_attributed, in_turn);
    if (in_turn)
        return k;
    if (s.words >= 1 && s.first_upper && s.title_case && s.words <= 6 && title_after(c, qs))
        return RO_Q_TERM; /* a show, a book, a film: "on “Meet the Press,”", "on CNN’s “State of the Union.”" */
    if (s.words >= 2 && s.words <= 4 && !s.first_upper && !s.ends && det_before(c, qs) && before_person(c, qe))
        return RO_Q_TERM; /* a title in marks before the name it is given to: its “national enterprise reporter” Jane Doe */
    if (k == RO_Q_FULL)
        return k;
    if (s.words == 1 && attributed && one_word_said(c, qs))
        return RO_Q_PARTIAL; /* 'described the talks as “useful”', 'called it “historic”' */
    if (s.words < 1 || s.words > 12 || strong_term_cue(c, qs))
        return k;
    return learned_kind(c, qi, k, &s, pb, src_kind, margin, headline);
}

static ro_quote_kind rule_kind(actx *c, size_t qi, const shape *sp, char pb, bool headline, bool attributed,
                               bool prev_attributed, bool in_turn)
{
    const ro_quote *q = &c->d->quotes[qi];
    size_t qs = q->text.start, qe = q->text.end;
    const shape s = *sp;
    bool after_colon = pb == ':', after_comma = pb == ',', starts_sentence = pb == '.';
    bool trailing = attributed && q->mention.start >= qe;
    if (s.words == 0)
        return RO_Q_TERM;
    if (term_cue(c, qs) && !after_colon && !(s.first_upper && s.ends && s.words >= 4)) {
        if (strong_term_cue(c, qs))
            return RO_Q_TERM;
        size_t i = attr_tok_at(c, qs) - 1;
        if (attributed && (!s.first_upper || attr_is(c, i, "as") || attr_is(c, i, "called")))
            return RO_Q_PARTIAL;
        return RO_Q_TERM;
    }
    if (s.first_upper && (after_colon || starts_sentence || (after_comma && (attributed || prev_attributed)) ||
                          (trailing && s.ends)))
        return RO_Q_FULL;
    if (!s.first_upper && after_comma && prev_attributed && s.ends && s.words >= 3)
        return RO_Q_FULL; /* the second half of a split quotation */
    if (s.first_upper && s.ends && s.words >= 4)
        return RO_Q_FULL;
    if (s.first_upper && s.title_case && s.words <= 6 && !s.ends && !(headline && attributed))
        return RO_Q_TERM; /* a title in title case; in a title-case headline, words said */
    if (attributed || in_turn)
        return RO_Q_PARTIAL;
    return s.words <= 3 ? RO_Q_TERM : RO_Q_PARTIAL;
}
