/* find_quotes.c: quotation marks and transcript turns.
 *
 * Marks: " “ ” ‘ ’ ' « » „ ‚ ‹ › 「 」 『 』.  Each mark is classed as an
 * opener, a closer or neither (an apostrophe, an inch mark, a stray) from
 * the characters on either side and the marks still open.  Openers go on
 * a small stack per paragraph; a closer pops to the nearest opener of its
 * family, and openers it skips over are dropped.  A quotation still open
 * at the end of a paragraph continues only when the next paragraph opens
 * with the same mark (the convention for quotations over several
 * paragraphs); otherwise it is dropped, so an unbalanced mark never
 * swallows the rest of the document.  Work is linear: the stack and the
 * search in it are bounded.
 */
#include "attr.h"

enum family {
    F_NONE = -1,
    F_DQ,       /* “ ” */
    F_DQ_LOW,   /* „ closed by “ or ” */
    F_DQ_STR,   /* " */
    F_SQ,       /* ‘ ’ */
    F_SQ_LOW,   /* ‚ closed by ‘ or ’ */
    F_SQ_STR,   /* ' */
    F_GUIL,     /* « » */
    F_SGUIL,    /* ‹ › */
    F_CJK,      /* 「 」 */
    F_CJK2      /* 『 』 */
};

#define MAX_DEPTH 16

typedef struct {
    size_t mark;     /* offset of the opening mark */
    size_t text;     /* offset just after it */
    int fam;
    int32_t cp;
    size_t para;
    long id;         /* index in the raw list */
    long parent_id;
} open_entry;

typedef struct {
    size_t start, end; /* text inside the marks */
    size_t para;
    int32_t cp;
    long parent_id;
    long id;
} raw_quote;

static bool is_open_punct(int32_t cp)
{
    return cp == '(' || cp == '[' || cp == '{' || cp == '/' || cp == ':' || cp == 0x201C ||
           cp == 0x2018 || cp == 0x201E || cp == 0x201A || cp == 0xAB || cp == 0x2039 ||
           cp == '"' || cp == '\'' || cp == 0x300C || cp == 0x300E || cp == 0x2026;
}

static bool is_close_punct(int32_t cp)
{
    return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' ||
           cp == ')' || cp == ']' || cp == '}' || cp == 0x2026 || cp == 0x201D || cp == 0x2019 ||
           cp == 0xBB || cp == 0x203A || cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 ||
           cp == 0x300D || cp == 0x300F || cp == '/';
}

static int find_open(const open_entry *st, int depth, int fam, int fam2)
{
    for (int k = depth - 1; k >= 0; k--)
        if (st[k].fam == fam || st[k].fam == fam2)
            return k;
    return -1;
}

typedef struct {
    raw_quote *v;
    size_t n, cap;
} raw_list;

static void close_quote(raw_list *out, open_entry *st, int *depth, int k, size_t close_at)
{
    open_entry e = st[k];
    *depth = k; /* drop e and anything opened after it but never closed */
    raw_quote q = {e.text, close_at, e.para, e.cp, e.parent_id, e.id};
    if (close_at >= e.text)
        RO_PUSH(out->v, out->n, out->cap, q);
}

/* Classify and apply one mark at offset i (length l, code point cp). */
static void on_mark(ro_doc *d, raw_list *out, open_entry *st, int *depth, long *next_id,
                    size_t i, size_t l, int32_t cp, size_t para, size_t plo, size_t phi)
{
    size_t pl = 0, nl = 0;
    int32_t prev = i > plo ? ro_cp_before(d, i, &pl) : 0;
    int32_t next = i + l < phi ? ro_cp_at(d, i + l, &nl) : 0;
    bool prev_word = prev && (ro_cp_is_letter(prev) || ro_cp_is_digit(prev));
    bool next_word = next && (ro_cp_is_letter(next) || ro_cp_is_digit(next));
    bool can_open = !prev || ro_cp_is_space(prev) || ro_cp_is_dash(prev) || is_open_punct(prev);
    bool can_close = !next || ro_cp_is_space(next) || ro_cp_is_dash(next) || is_close_punct(next);
    int open_fam = F_NONE;
    int k;

    switch (cp) {
    case 0x201C: /* “ : closes „ (German style), else opens */
        k = find_open(st, *depth, F_DQ_LOW, F_DQ_LOW);
        if (k >= 0 && !(can_open && !can_close)) {
            close_quote(out, st, depth, k, i);
            return;
        }
        open_fam = F_DQ;
        break;
    case 0x201D: /* ” */
        k = find_open(st, *depth, F_DQ, F_DQ_LOW);
        if (k < 0 && can_close && !(prev && ro_cp_is_space(prev)))
            k = find_open(st, *depth, F_DQ_STR, F_DQ_STR); /* "…” : a straight mark closed curly */
        if (k >= 0) {
            close_quote(out, st, depth, k, i);
            return;
        }
        if (can_open && !can_close)
            open_fam = F_DQ; /* ”…” typography */
        break;
    case 0x201E: /* „ */
        open_fam = F_DQ_LOW;
        break;
    case '"':
        k = find_open(st, *depth, F_DQ_STR, F_DQ_STR);
        if (k >= 0 && (can_close || !can_open)) {
            if (!(prev && ro_cp_is_space(prev) && next_word)) {
                close_quote(out, st, depth, k, i);
                return;
            }
        }
        if (k < 0 && can_close && prev && !ro_cp_is_space(prev)) {
            /* “…" : a curly mark closed straight (copy and paste, an editor's slip) */
            k = find_open(st, *depth, F_DQ, F_DQ);
            if (k >= 0) {
                close_quote(out, st, depth, k, i);
                return;
            }
        }
        if (can_open && next && !ro_cp_is_space(next))
            open_fam = F_DQ_STR;
        /* else: an inch mark or a stray */
        break;
    case 0x201A: /* ‚ */
        if (can_open && next_word)
            open_fam = F_SQ_LOW;
        break;
    case 0x2018: /* ‘ */
        k = find_open(st, *depth, F_SQ_LOW, F_SQ_LOW);
        if (k >= 0 && !(can_open && next_word)) {
            close_quote(out, st, depth, k, i);
            return;
        }
        if (next && ro_cp_is_digit(next) && !prev_word) {
            /* ‘90s: an elision, unless a closing ’ follows the number soon */
            size_t j = i + l, m;
            int steps = 0;
            bool closes = false;
            while (j < phi && steps < 12) {
                int32_t c2 = ro_cp_at(d, j, &m);
                if (c2 == 0x2019 || ro_cp_is_space(c2)) {
                    closes = c2 == 0x2019;
                    break;
                }
                j += m;
                steps++;
            }
            if (!closes)
                return;
        }
        if (can_open)
            open_fam = F_SQ;
        else if (k >= 0)
            close_quote(out, st, depth, k, i);
        break;
    case 0x2019: /* ’ */
    case '\'': {
        int fam = cp == '\'' ? F_SQ_STR : F_SQ;
        int fam2 = cp == '\'' ? F_SQ : F_SQ_LOW;
        if (prev_word && next && ro_cp_is_letter(next))
            return; /* don’t, Kremlin’s */
        /* ’n’ in rock ’n’ roll */
        if (next == 'n' && i + l + 1 < phi) {
            size_t m;
            int32_t c3 = ro_cp_at(d, i + l + 1, &m);
            if ((c3 == 0x2019 || c3 == '\'') && prev && ro_cp_is_space(prev))
                return;
        }
        if ((prev == 'n' || prev == 'N') && i >= plo + 2) {
            size_t m;
            int32_t c0 = ro_cp_before(d, i - 1, &m);
            if ((c0 == 0x2019 || c0 == '\'') && next && ro_cp_is_space(next))
                return;
        }
        k = find_open(st, *depth, fam, fam2);
        if (cp == 0x2019 && k < 0)
            k = find_open(st, *depth, F_SQ_STR, F_SQ_STR);
        if (k >= 0 && can_close && !(prev && ro_cp_is_space(prev))) {
            close_quote(out, st, depth, k, i);
            return;
        }
        if (!prev_word && can_open && next_word) {
            if (ro_cp_is_digit(next))
                return; /* ’90s */
            if (cp == 0x2019) {
                /* ’em, ’til: elisions; a quotation opened with ’ is rare */
                return;
            }
            open_fam = F_SQ_STR;
        }
        return;
    }
    case 0xAB:
        open_fam = F_GUIL;
        break;
    case 0xBB:
        k = find_open(st, *depth, F_GUIL, F_GUIL);
        if (k >= 0)
            close_quote(out, st, depth, k, i);
        return;
    case 0x2039:
        open_fam = F_SGUIL;
        break;
    case 0x203A:
        k = find_open(st, *depth, F_SGUIL, F_SGUIL);
        if (k >= 0)
            close_quote(out, st, depth, k, i);
        return;
    case 0x300C:
        open_fam = F_CJK;
        break;
    case 0x300D:
        k = find_open(st, *depth, F_CJK, F_CJK);
        if (k >= 0)
            close_quote(out, st, depth, k, i);
        return;
    case 0x300E:
        open_fam = F_CJK2;
        break;
    case 0x300F:
        k = find_open(st, *depth, F_CJK2, F_CJK2);
        if (k >= 0)
            close_quote(out, st, depth, k, i);
        return;
    default:
        return;
    }
    if (open_fam == F_NONE || *depth >= MAX_DEPTH)
        return;
    open_entry e = {i, i + l, open_fam, cp, para, (*next_id)++, *depth ? st[*depth - 1].id : -1};
    st[(*depth)++] = e;
}

/* Bytes that can begin a quotation mark: " ' and the lead bytes of
 * U+00AB/BB (C2), U+2018..203A (E2) and U+300C..300F (E3). */
static const unsigned char mark_lead[256] = {['"'] = 1, ['\''] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1};

/* The first byte in [i, hi) that can begin a quotation mark, or hi. */
static size_t next_mark(const unsigned char *s, size_t i, size_t hi)
{
    for (;;) {
        while (i + 8 <= hi) {
            uint64_t x = ro_load8(s + i);
            if ((x & RO_HIGH8) || ro_has_zero8(x ^ (RO_ONES8 * '"')) || ro_has_zero8(x ^ (RO_ONES8 * '\'')))
                break;
            i += 8;
        }
        size_t lim = i + 8 < hi ? i + 8 : hi;
        while (i < lim && !mark_lead[s[i]])
            i++;
        if (i < lim || i >= hi)
            return i;
    }
}

/* The opening mark family a paragraph starts with, or F_NONE. */
static int para_opens_with(ro_doc *d, size_t lo, size_t hi, size_t *len)
{
    if (lo >= hi)
        return F_NONE;
    int32_t cp = ro_cp_at(d, lo, len);
    switch (cp) {
    case 0x201C: return F_DQ;
    case 0x201E: return F_DQ_LOW;
    case '"': return F_DQ_STR;
    case 0x2018: return F_SQ;
    case '\'': return F_SQ_STR;
    case 0xAB: return F_GUIL;
    case 0x2039: return F_SGUIL;
    case 0x300C: return F_CJK;
    default: return F_NONE;
    }
}

static int cmp_raw(const void *a, const void *b)
{
    const raw_quote *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}

/* ---- transcript turns ------------------------------------------------------- */

static const char *const connectors[] = {"to", "the", "of", "for", "and", "de", "van", "von", "der",
                                         "da", "di", "du", "le", "la", "al", "bin", "ibn", "del",
                                         "y", "on", "in", NULL};

static const char *const not_speakers[] = {
    "source", "sources", "note", "notes", "update", "updated", "photo", "photos", "related", "read",
    "tags", "date", "location", "time", "subject", "topic", "re", "summary", "background",
    "contact", "editing", "reporting", "writing", "video", "watch", "listen", "image", "credit",
    "correction", "disclaimer", "keywords", "category", "categories", "posted", "published",
    "filed", "author", "by", "caption", "transcript", "excerpt", "live", "breaking", "exclusive",
    "analysis", "opinion", "warning", "attention", "important", "agenda", "participants",
    "attendees", "venue", "place", "also", "see", "more", "share", "print", "email", "link",
    "links", "editor", "editors", "copyright", "translation", "translated", "language", "from",
    "to", "cc", "tel", "fax", "web", "website", "url", "http", "https", "www", "total", "price",
    "where", "when", "what", "why", "how", "who", "result", "results", "outcome", "conclusion",
    "lesson", "bottom", "context", "fact", "facts", "key", "main", "quote", "ps", "p.s", NULL};

static bool word_in(const char *const *list, const char *w, size_t n)
{
    char low[32];
    if (n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
    low[n] = '\0';
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == low[0] && strcmp(list[i], low) == 0)
            return true;
    return false;
}

static bool word_is(const char *w, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n != k)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != lit[i])
            return false;
    }
    return true;
}

/* Is the paragraph [lo,hi) a turn, "Label: text"?  Fills label and the
 * start of the text (hi when the text starts in the next paragraph). */
static bool turn_label(ro_doc *d, size_t lo, size_t hi, ro_span *label, size_t *text, int *role,
                       bool *quoted)
{
    const char *s = d->text;
    /* a transcript quoted whole: "\"WALLACE: Let's start ..." */
    *quoted = false;
    if (lo < hi && s[lo] == '"') {
        lo++;
        *quoted = true;
    } else if (hi - lo > 3 && (unsigned char)s[lo] == 0xE2 && (unsigned char)s[lo + 1] == 0x80 &&
               (unsigned char)s[lo + 2] == 0x9C) {
        lo += 3;
        *quoted = true;
    }
    size_t lim = hi - lo > 90 ? lo + 90 : hi;
    if (!memchr(s + lo, ':', lim - lo))
        return false;
    size_t colon = 0;
    for (size_t i = lo; i < lim; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ':') {
            colon = i;
            break;
        }
        if (c == '?' || c == '!' || c == ',' || c == ';' || c == '"' || c == '(' || c == ')' ||
            c == '\n' || (c >= '0' && c <= '9'))
            return false;
        if (c == 0xE2 && i + 2 < hi && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D ||
             (unsigned char)s[i + 2] == 0x94 || (unsigned char)s[i + 2] == 0x93))
            return false; /* quotes or dashes in a label: prose */
    }
    if (!colon || colon == lo)
        return false;
    /* after the colon: a space and text, or the end of the paragraph */
    size_t t = colon + 1;
    if (t < hi && s[t] != ' ' && !((unsigned char)s[t] == 0xC2 && t + 1 < hi && (unsigned char)s[t + 1] == 0xA0))
        return false;
    while (t < hi) {
        size_t l;
        int32_t cp = ro_cp_at(d, t, &l);
        if (!ro_cp_is_space(cp))
            break;
        t += l;
    }
    /* words of the label */
    size_t nwords = 0, i = lo;
    bool last_connector = false;
    size_t first_s = lo, first_n = 0;
    while (i < colon) {
        while (i < colon && s[i] == ' ')
            i++;
        if (i >= colon)
            break;
        size_t ws = i;
        while (i < colon && s[i] != ' ') {
            if ((unsigned char)s[i] == 0xC2 && i + 1 < colon && (unsigned char)s[i + 1] == 0xA0)
                break;
            i++;
        }
        size_t wn = i - ws;
        if ((unsigned char)s[i] == 0xC2)
            i += 2;
        if (nwords == 0) {
            first_s = ws;
            first_n = wn;
        }
        nwords++;
        if (nwords > 9)
            return false;
        size_t l;
        int32_t c0 = ro_cp_at(d, ws, &l);
        if (ro_cp_is_upper(c0)) {
            last_connector = false;
            /* a full stop is allowed only in initials and abbreviations */
            const char *dot = memchr(s + ws, '.', wn);
            if (dot && wn > 4 && !(dot == s + ws + wn - 1 && wn <= 4))
                return false;
            continue;
        }
        if (nwords > 1 && word_in(connectors, s + ws, wn)) {
            last_connector = true;
            continue;
        }
        if (c0 == 'a' && wn > 2 && s[ws + 1] == 'l' && s[ws + 2] == '-' &&
            word_in(connectors, s + ws, wn) == false)
            continue; /* al-Sisi */
        return false;
    }
    if (!nwords || last_connector)
        return false;
    if (nwords <= 2 && word_in(not_speakers, s + first_s, first_n))
        return false;
    *label = (ro_span){lo, colon};
    *text = t;
    if (nwords == 1 && (word_is(s + first_s, first_n, "q") || word_is(s + first_s, first_n, "q.") ||
                        word_is(s + first_s, first_n, "question") ||
                        word_is(s + first_s, first_n, "remark") ||
                        word_is(s + first_s, first_n, "interviewer") ||
                        word_is(s + first_s, first_n, "journalist") ||
                        word_is(s + first_s, first_n, "reporter") ||
                        word_is(s + first_s, first_n, "moderator")))
        *role = TURN_QUESTION;
    else if (nwords == 1 && (word_is(s + first_s, first_n, "a") || word_is(s + first_s, first_n, "a.") ||
                             word_is(s + first_s, first_n, "answer")))
        *role = TURN_ANSWER;
    else
        *role = TURN_NAME;
    return true;
}

/* The length of a closing double quotation mark (" or ”) ending [lo, hi), or 0. */
static size_t closing_dq_at_end(const ro_doc *d, size_t lo, size_t hi)
{
    const unsigned char *t = (const unsigned char *)d->text;
    if (hi > lo && t[hi - 1] == '"')
        return 1;
    if (hi >= lo + 3 && t[hi - 3] == 0xE2 && t[hi - 2] == 0x80 && t[hi - 1] == 0x9D)
        return 3;
    return 0;
}

/* A label with no lower-case letter: "WALLACE", "MR. SPIVAK". */
static bool label_in_capitals(ro_doc *d, ro_span label)
{
    bool upper = false;
    for (size_t i = label.start; i < label.end;) {
        size_t l;
        int32_t cp = ro_cp_at(d, i, &l);
        if (ro_cp_is_lower(cp))
            return false;
        if (ro_cp_is_upper(cp))
            upper = true;
        i += l;
    }
    return upper;
}

size_t ro_find_turns(ro_doc *d, ro_turn **out)
{
    ro_doc_segment(d);
    ro_turn *v = NULL;
    size_t n = 0, cap = 0;
    size_t qa = 0;
    for (size_t p = 0; p < d->npara; p++) {
        ro_span label;
        size_t text;
        int role;
        bool quoted;
        if (!turn_label(d, d->paras[p].start, d->paras[p].end, &label, &text, &role, &quoted))
            continue;
        /* a headline "Talks: What We Know" is not a turn: the first paragraph
         * with no sentence end is taken for a title */
        ro_turn t = {p, label, {text, d->paras[p].end}, role, quoted};
        if (role != TURN_NAME)
            qa++;
        RO_PUSH(v, n, cap, t);
    }
    /* a headline "Pence: Flowers Won't Be at Debate." before turns whose
     * labels are in capitals, or quoted, is no turn */
    if (n >= 3 && v[0].para == 0) {
        size_t styled = 0;
        for (size_t k = 1; k < n; k++)
            if (v[k].quoted || label_in_capitals(d, v[k].label))
                styled++;
        if (styled == n - 1 && !v[0].quoted && !label_in_capitals(d, v[0].label)) {
            memmove(v, v + 1, (n - 1) * sizeof *v);
            n--;
        }
    }
    /* a transcript has at least two turns, and either a repeated label, a
     * question or answer label, or three turns */
    bool transcript = n >= 2 && (qa > 0 || n >= 3);
    if (transcript && n == 2 && qa == 0)
        transcript = false;
    if (!transcript) {
        free(v);
        *out = NULL;
        return 0;
    }
    /* each turn runs to the paragraph before the next turn */
    for (size_t k = 0; k < n; k++) {
        size_t last = k + 1 < n ? v[k + 1].para - 1 : d->npara - 1;
        if (v[k].text.start >= d->paras[v[k].para].end) {
            /* "Label:" alone: the text starts in the next paragraph */
            if (v[k].para + 1 <= last)
                v[k].text.start = d->paras[v[k].para + 1].start;
        }
        v[k].text.end = d->paras[last].end;
        if (v[k].quoted && k + 1 == n) /* the mark that closes a transcript quoted whole is not its text */
            v[k].text.end -= closing_dq_at_end(d, v[k].text.start, v[k].text.end);
        if (v[k].text.end < v[k].text.start)
            v[k].text.end = v[k].text.start;
    }
    *out = v;
    return n;
}

/* ---- the finder ---------------------------------------------------------------- */

const char *ro_quote_kind_name(ro_quote_kind kind)
{
    switch (kind) {
    case RO_Q_FULL: return "full";
    case RO_Q_PARTIAL: return "partial";
    case RO_Q_TERM: return "term";
    case RO_Q_TURN: return "turn";
    }
    return "?";
}

/* In a transcript quoted whole ("\"WALLACE: ...", "\"PENCE: ..."), the
 * marks that open its paragraphs, and the one that closes its last, only
 * say the whole is quoted: the turns are the quotations. */
static void quoted_turn_marks(ro_doc *d, const ro_turn *turns, size_t nturns, bool *skip_open,
                              size_t *skip_close)
{
    *skip_close = SIZE_MAX;
    for (size_t k = 0; k < nturns; k++) {
        if (!turns[k].quoted)
            continue;
        size_t last = k + 1 < nturns ? turns[k + 1].para : d->npara;
        for (size_t p = turns[k].para; p < last; p++) {
            size_t ml;
            int fam = para_opens_with(d, d->paras[p].start, d->paras[p].end, &ml);
            if (fam == F_DQ_STR || fam == F_DQ)
                skip_open[p] = true;
        }
    }
    if (nturns && turns[nturns - 1].quoted) {
        /* the closing mark at the end of the last paragraph */
        size_t hi = d->paras[d->npara - 1].end;
        size_t ml = closing_dq_at_end(d, d->paras[d->npara - 1].start, hi);
        if (ml)
            *skip_close = hi - ml;
    }
}

/* Does paragraph p open with a quotation whose closing mark is followed by a reporting
 * word and a capitalised name ("“…,” added Rep. Jim Clyburn", "“…,” said Ana Ruiz")? */
static bool new_speaker_after(ro_doc *d, size_t p)
{
    const char *s = d->text;
    size_t lo = d->paras[p].start, hi = d->paras[p].end, l;
    (void)ro_cp_at(d, lo, &l);
    for (size_t i = lo + l; i < hi;) {
        int32_t cp = ro_cp_at(d, i, &l);
        if (cp == 0x201C)
            return false; /* another opening first */
        if (cp == 0x201D || cp == '"') {
            size_t j = i + l;
            if (j < hi && s[j] == ' ')
                j++;
            size_t w = j;
            while (j < hi && s[j] >= 'a' && s[j] <= 'z')
                j++;
            static const char *const verbs[] = {"said", "added", "says", "adds", "continued", "explained", "noted",
                                                "argued", "wrote", "told", "asked", NULL};
            bool verb = false;
            for (size_t k = 0; verbs[k]; k++)
                if (j - w == strlen(verbs[k]) && !memcmp(s + w, verbs[k], j - w))
                    verb = true;
            return verb && j + 1 < hi && s[j] == ' ' && s[j + 1] >= 'A' && s[j + 1] <= 'Z' &&
                   !(s[j + 1] == 'I' && (j + 2 >= hi || s[j + 2] == ' '));
        }
        i += l;
    }
    return false;
}

static long find_marks(ro_doc *d, raw_list *out, const bool *skip_open, size_t skip_close)
{
    const unsigned char *s = (const unsigned char *)d->text;
    open_entry st[MAX_DEPTH];
    int depth = 0;
    long next_id = 0;
    size_t skip_at = SIZE_MAX; /* a repeated opening mark that continues a quotation */
    for (size_t p = 0; p < d->npara; p++) {
        size_t lo = d->paras[p].start, hi = d->paras[p].end;
        if (skip_open && skip_open[p])
            skip_at = lo;
        for (size_t i = lo; i < hi;) {
            i = next_mark(s, i, hi);
            if (i >= hi)
                break;
            size_t l;
            int32_t cp = ro_cp_at(d, i, &l);
            if (i != skip_at && i != skip_close)
                on_mark(d, out, st, &depth, &next_id, i, l, cp, p, lo, hi);
            i += l;
        }
        skip_at = SIZE_MAX;
        if (depth > 0) {
            size_t ml;
            int fam = p + 1 < d->npara
                          ? para_opens_with(d, d->paras[p + 1].start, d->paras[p + 1].end, &ml)
                          : F_NONE;
            bool same = fam != F_NONE && (fam == st[0].fam || (fam == F_DQ && st[0].fam == F_DQ_LOW));
            if (same && new_speaker_after(d, p + 1)) {
                /* the next paragraph's quotation is someone else's (“…,” added Rep. Jim Clyburn):
                 * this one ends with its paragraph, its closing mark left out */
                close_quote(out, st, &depth, 0, hi);
                depth = 0;
            } else if (same) {
                depth = 1; /* the outermost quotation goes on */
                skip_at = d->paras[p + 1].start;
            } else {
                depth = 0;
            }
        }
    }
    return next_id;
}

const ro_quote *ro_doc_quotes(ro_doc *doc, const ro_lexicon *lex, size_t *count)
{
    return ro_doc_quotes_hooked(doc, lex, NULL, count);
}

const ro_quote *ro_doc_quotes_hooked(ro_doc *doc, const ro_lexicon *lex, const ro_attr_hooks *hooks,
                                     size_t *count)
{
    if (doc->quoted) {
        *count = doc->nquotes;
        return doc->quotes;
    }
    ro_doc_segment(doc);
    doc->quoted = true;

    ro_turn *turns = NULL;
    size_t nturns = ro_find_turns(doc, &turns);

    raw_list raw = {0};
    bool *skip_open = NULL;
    size_t skip_close = SIZE_MAX;
    for (size_t k = 0; k < nturns; k++)
        if (turns[k].quoted) {
            skip_open = ro_xcalloc(doc->npara, sizeof *skip_open);
            quoted_turn_marks(doc, turns, nturns, skip_open, &skip_close);
            break;
        }
    long nids = find_marks(doc, &raw, skip_open, skip_close);
    free(skip_open);
    if (raw.n > 1)
        qsort(raw.v, raw.n, sizeof *raw.v, cmp_raw);

    /* map raw ids to output order for parents */
    size_t total = raw.n + nturns;
    doc->quotes = ro_xcalloc(total ? total : 1, sizeof *doc->quotes);
    long *pos_of_id = ro_xmalloc(((size_t)nids + 1) * sizeof *pos_of_id);
    for (long i = 0; i <= nids; i++)
        pos_of_id[i] = -1;
    /* merge turns and quotations in order of start */
    size_t qi = 0, ti = 0, n = 0;
    while (qi < raw.n || ti < nturns) {
        bool take_turn = ti < nturns && (qi >= raw.n || turns[ti].text.start <= raw.v[qi].start);
        ro_quote *q = &doc->quotes[n];
        if (take_turn) {
            q->kind = RO_Q_TURN;
            q->text = turns[ti].text;
            q->cue = "turn";
            q->paragraph = turns[ti].para;
            q->parent = -1;
            ti++;
        } else {
            raw_quote *r = &raw.v[qi];
            q->kind = RO_Q_FULL;
            q->text = (ro_span){r->start, r->end};
            q->paragraph = r->para;
            q->open_mark = (unsigned)r->cp;
            q->parent = r->parent_id; /* fixed below */
            if (r->id >= 0 && r->id < nids)
                pos_of_id[r->id] = (long)n;
            qi++;
        }
        n++;
    }
    for (size_t i = 0; i < n; i++) {
        ro_quote *q = &doc->quotes[i];
        if (q->kind != RO_Q_TURN && q->parent >= 0)
            q->parent = q->parent < nids ? pos_of_id[q->parent] : -1;
        else if (q->kind != RO_Q_TURN)
            q->parent = -1;
    }
    doc->nquotes = n;
    free(pos_of_id);
    free(raw.v);
    ro_attribute_hooked(doc, lex, turns, nturns, hooks);
    free(turns);
    *count = doc->nquotes;
    return doc->quotes;
}
