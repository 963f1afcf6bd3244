/* attr_kind.c: what kind of quotation: someone's full sentence, a part of
 * one, or a term quoted as words ("the so-called “safe zones”", a title).
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
        if (ro_cp_is_space(cp)) {
            e -= l;
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

ro_quote_kind attr_kind(actx *c, size_t qi, bool attributed, bool prev_attributed, bool in_turn)
{
    const ro_doc *d = c->d;
    const ro_quote *q = &d->quotes[qi];
    size_t qs = q->text.start, qe = q->text.end;
    shape s = shape_of(c, qs, qe);
    char pb = before_sym(c, qs, d->paras[q->paragraph].start);
    bool after_colon = pb == ':', after_comma = pb == ',', starts_sentence = pb == '.';
    bool trailing = attributed && q->mention.start >= qe;
    bool headline = q->paragraph == 0 && d->npara > 3;
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
