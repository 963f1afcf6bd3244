/* segment.c: paragraphs and sentences.
 *
 * Paragraphs are runs of non-blank lines separated by blank lines; a text
 * with no blank line at all, or one whose lines run longer than a
 * hard-wrapped text's (over 160 bytes) without a blank line after them, has
 * one paragraph per line.  Sentences end at
 * . ! ? … or "..." (with any closing marks that follow) when whitespace and
 * a sentence opener follow, except after abbreviations (Mr, Dr, Gen., ...),
 * single-letter initials (Y. Ushakov, Donald J. Trump) and acronyms such as
 * U.S. that are followed by a name rather than a new sentence.
 */
#include "internal.h"

static bool is_blank_line(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            continue;
        if (c == 0xC2 && i + 1 < b && (unsigned char)s[i + 1] == 0xA0) { /* NBSP */
            i++;
            continue;
        }
        return false;
    }
    return true;
}

/* ro_utf8_decode and ro_cp_is_space with ASCII inline */
static inline int32_t decode_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    if (s[i] < 0x80) {
        *len = 1;
        return s[i];
    }
    return ro_utf8_decode(s, n, i, len);
}

static inline bool is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    return ro_cp_is_space(cp);
}

/* Trim ASCII whitespace and NBSP / zero-width characters at both ends. */
static ro_span trim(const char *text, size_t a, size_t b)
{
    const unsigned char *s = (const unsigned char *)text;
    while (a < b) {
        size_t l;
        int32_t cp = decode_at(s, b, a, &l);
        if (!is_space(cp))
            break;
        a += l;
    }
    while (b > a) {
        size_t l;
        int32_t cp;
        if (s[b - 1] < 0x80) {
            cp = s[b - 1];
            l = 1;
        } else {
            cp = ro_utf8_decode_prev(s, b, &l);
        }
        if (!is_space(cp))
            break;
        b -= l;
    }
    return (ro_span){a, b};
}

static void find_paragraphs(ro_doc *doc)
{
    const char *s = doc->text;
    size_t n = doc->len, cap = 0;
    bool has_blank = false;
    /* does the text have a blank line between two non-blank ones? */
    {
        size_t i = 0;
        bool seen_text = false;
        while (i < n) {
            const char *nl = memchr(s + i, '\n', n - i);
            size_t e = nl ? (size_t)(nl - s) : n;
            if (is_blank_line(s, i, e)) {
                if (seen_text && nl) {
                    has_blank = true;
                    break;
                }
            } else {
                seen_text = true;
            }
            i = e + 1;
        }
    }
    /* Blank lines between paragraphs, but some lines run on into the next
     * without one: when a line so followed is longer than any hard-wrapped
     * line would be, the text is not wrapped and each of its lines is a
     * paragraph (web articles mix "\n\n" and "\n" between paragraphs). */
    if (has_blank) {
        size_t j = 0;
        while (j < n) {
            const char *nl = memchr(s + j, '\n', n - j);
            if (!nl)
                break;
            size_t e = (size_t)(nl - s);
            const char *nl2 = e + 1 < n ? memchr(s + e + 1, '\n', n - e - 1) : NULL;
            size_t e2 = nl2 ? (size_t)(nl2 - s) : n;
            if (e - j > 160 && !is_blank_line(s, j, e) && !is_blank_line(s, e + 1, e2)) {
                has_blank = false;
                break;
            }
            j = e + 1;
        }
    }
    size_t i = 0, pstart = SIZE_MAX;
    while (i <= n) {
        const char *nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
        size_t e = nl ? (size_t)(nl - s) : n;
        bool blank = is_blank_line(s, i, e);
        if (!blank && pstart == SIZE_MAX)
            pstart = i;
        if (pstart != SIZE_MAX && (blank || !has_blank || e == n)) {
            size_t pend = blank ? i : e;
            ro_span sp = trim(s, pstart, pend);
            if (sp.end > sp.start)
                RO_PUSH(doc->paras, doc->npara, cap, sp);
            pstart = SIZE_MAX;
        }
        if (e >= n)
            break;
        i = e + 1;
    }
}

/* ---- sentence ends ---------------------------------------------------------- */

/* Abbreviations after which a full stop never ends a sentence. */
static const char *const never_end[] = {
    "mr", "mrs", "ms", "messrs", "dr", "st", "gen", "sen", "rep", "gov", "col", "lt", "sgt",
    "capt", "cmdr", "adm", "maj", "prof", "rev", "hon", "amb", "pres", "sec", "supt", "insp",
    "no", "nos", "vs", "v", "cf", "e.g", "i.e", "approx", "fig", "vol", "art", "para", "ca",
    "mt", "ft", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mme", "mlle", "herr", "sr", "jr", NULL};

/* Words that begin a new sentence after an acronym like "U.S." */
static const char *const starters[] = {
    "the", "he", "she", "it", "they", "we", "i", "but", "and", "in", "a", "an", "this",
    "that", "there", "his", "her", "their", "our", "its", "on", "at", "as", "after",
    "before", "when", "while", "however", "meanwhile", "both", "mr", "ms", "mrs", NULL};

static bool in_list(const char *const *list, const char *w)
{
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == w[0] && strcmp(list[i], w) == 0)
            return true;
    return false;
}

/* The word (letters and inner dots) ending just before the full stop at p. */
static size_t word_before(const char *s, size_t lo, size_t p, char *out, size_t outsz,
                          bool *all_upper_single)
{
    size_t a = p;
    while (a > lo) {
        unsigned char c = (unsigned char)s[a - 1];
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            a--;
        else if (c == '.' && a - 1 > lo && a - 1 < p)
            a--;
        else
            break;
    }
    while (a < p && s[a] == '.')
        a++;
    size_t len = p - a;
    *all_upper_single = len == 1 && s[a] >= 'A' && s[a] <= 'Z';
    if (len == 0 || len >= outsz)
        return 0;
    for (size_t i = 0; i < len; i++)
        out[i] = (char)((s[a + i] >= 'A' && s[a + i] <= 'Z') ? s[a + i] + 32 : s[a + i]);
    out[len] = '\0';
    /* a word with no letter before it but a digit ("5.") is not an abbreviation */
    return len;
}

static bool is_closer(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
           cp == 0xBB || cp == 0x203A || cp == 0x201C || cp == 0x300D || cp == 0x300F;
}

static bool is_opener(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == 0x201C || cp == 0x2018 ||
           cp == 0xAB || cp == 0x2039 || cp == 0x201E || cp == 0x201A || cp == 0x300C ||
           cp == 0x300E || ro_cp_is_dash(cp);
}

/* Decide whether a sentence ends after the terminator run [p, q) in the
 * paragraph [lo, hi).  Returns the end offset (after closers) or 0. */
static size_t sentence_end(const char *text, size_t lo, size_t hi, size_t p, size_t q,
                           bool single_full_stop)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t e = q, l;
    while (e < hi) {
        int32_t cp = decode_at(s, hi, e, &l);
        if (!is_closer(cp))
            break;
        e += l;
    }
    if (e >= hi)
        return 0; /* paragraph end closes it anyway */
    size_t w = e;
    bool space = false;
    while (w < hi) {
        int32_t cp = decode_at(s, hi, w, &l);
        if (!is_space(cp))
            break;
        space = true;
        w += l;
    }
    if (!space || w >= hi)
        return 0;
    /* what follows: skip openers to the first letter or digit */
    size_t f = w;
    int32_t next = 0;
    while (f < hi) {
        next = decode_at(s, hi, f, &l);
        if (!is_opener(next) && !is_space(next))
            break;
        f += l;
    }
    if (ro_cp_is_lower(next))
        return 0;
    if (!ro_cp_is_upper(next) && !ro_cp_is_digit(next) && !is_opener(next) && next >= 0x80 &&
        !ro_cp_is_letter(next))
        return 0;
    if (single_full_stop) {
        char word[16];
        bool initial;
        size_t wl = word_before(text, lo, p, word, sizeof word, &initial);
        if (initial)
            return 0; /* "Y. Ushakov", "Donald J. Trump" */
        if (wl) {
            if (in_list(never_end, word))
                return 0;
            if (strchr(word, '.')) { /* an acronym: U.S., U.K. */
                char nw[16];
                size_t k = 0;
                size_t g = f;
                while (g < hi && k + 1 < sizeof nw && ((s[g] | 0x20) >= 'a' && (s[g] | 0x20) <= 'z'))
                    nw[k++] = (char)(s[g++] | 0x20);
                nw[k] = '\0';
                if (!in_list(starters, nw))
                    return 0;
            }
        }
    }
    return e;
}

/* Bytes that can begin a sentence end: . ! ? and the lead byte of … */
static const unsigned char stop_lead[256] = {['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1};

/* The first byte in [i, hi) that can begin a sentence end, or hi. */
static size_t next_stop(const unsigned char *s, size_t i, size_t hi)
{
    for (;;) {
        while (i + 8 <= hi) {
            uint64_t x = ro_load8(s + i);
            if ((x & RO_HIGH8) || ro_has_zero8(x ^ (RO_ONES8 * '.')) || ro_has_zero8(x ^ (RO_ONES8 * '!')) ||
                ro_has_zero8(x ^ (RO_ONES8 * '?')))
                break;
            i += 8;
        }
        size_t lim = i + 8 < hi ? i + 8 : hi;
        while (i < lim && !stop_lead[s[i]])
            i++;
        if (i < lim || i >= hi)
            return i;
    }
}

static void find_sentences(ro_doc *doc)
{
    const char *text = doc->text;
    const unsigned char *s = (const unsigned char *)text;
    size_t cap = 0;
    for (size_t pi = 0; pi < doc->npara; pi++) {
        size_t lo = doc->paras[pi].start, hi = doc->paras[pi].end;
        size_t start = lo;
        size_t i = lo;
        while (i < hi) {
            i = next_stop(s, i, hi);
            if (i >= hi)
                break;
            unsigned char c = s[i];
            size_t q = 0;
            bool single = false;
            if (c == '.' || c == '!' || c == '?') {
                q = i + 1;
                while (q < hi && (s[q] == '.' || s[q] == '!' || s[q] == '?'))
                    q++;
                single = (c == '.' && q == i + 1);
                /* decimal: 3.5 */
                if (single && q < hi && s[q] >= '0' && s[q] <= '9') {
                    i = q;
                    continue;
                }
            } else if (c == 0xE2 && i + 2 < hi && s[i + 1] == 0x80 && s[i + 2] == 0xA6) {
                q = i + 3;
                while (q < hi && (s[q] == '.' || s[q] == '!' || s[q] == '?'))
                    q++;
            } else {
                i++;
                continue;
            }
            size_t e = sentence_end(text, lo, hi, i, q, single);
            if (e) {
                ro_span sp = trim(text, start, e);
                if (sp.end > sp.start)
                    RO_PUSH(doc->sents, doc->nsent, cap, sp);
                start = e;
                i = e;
            } else {
                i = q;
            }
        }
        ro_span sp = trim(text, start, hi);
        if (sp.end > sp.start)
            RO_PUSH(doc->sents, doc->nsent, cap, sp);
    }
}

void ro_doc_segment(ro_doc *doc)
{
    if (doc->segmented)
        return;
    doc->segmented = true;
    find_paragraphs(doc);
    find_sentences(doc);
    /* (kept with the document: give back what doubling left over) */
    if (doc->npara)
        doc->paras = ro_xrealloc(doc->paras, doc->npara * sizeof *doc->paras);
    if (doc->nsent)
        doc->sents = ro_xrealloc(doc->sents, doc->nsent * sizeof *doc->sents);
}

const ro_span *ro_doc_paragraphs(ro_doc *doc, size_t *count)
{
    ro_doc_segment(doc);
    *count = doc->npara;
    return doc->paras;
}

const ro_span *ro_doc_sentences(ro_doc *doc, size_t *count)
{
    ro_doc_segment(doc);
    *count = doc->nsent;
    return doc->sents;
}

static size_t span_at(const ro_span *v, size_t n, size_t off)
{
    if (!n)
        return 0;
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t ro_doc_paragraph_at(ro_doc *doc, size_t off)
{
    ro_doc_segment(doc);
    return span_at(doc->paras, doc->npara, off);
}

size_t ro_doc_sentence_at(ro_doc *doc, size_t off)
{
    ro_doc_segment(doc);
    return span_at(doc->sents, doc->nsent, off);
}
