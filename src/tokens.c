/* tokens.c: the document's words, cut once and read by every stage.
 *
 * A token is a word or a number: letters and digits with the apostrophes
 * and hyphens inside them (O'Brien, al-Sisi, Putin-Trump), an initial or an
 * abbreviation with its full stop ("Y.", "Mr.", "U.S."), and a possessive
 * 's kept apart (the span stops before it, ge after it).  Punctuation and
 * quotation marks are no tokens: a stage reads them from the bytes between
 * two tokens, and the gap flags (T_ADJ, T_COMMA, T_PAREN, T_LINE0) say the
 * common cases.  Later stages add what they learn to the flags (sentence
 * starts, headlines, bylines, labels: find_names.c) and the word classes
 * (w, h: the name lists; a: attribution's classes).
 */
#include "tokens.h"

static bool is_word_cp(int32_t cp)
{
    return ro_cp_is_letter(cp) || ro_cp_is_digit(cp) || (cp >= 0x300 && cp <= 0x36F);
}

static bool is_abbrev(const char *s, size_t n)
{
    static const char *const ab[] = {"mr", "ms", "mrs", "dr", "prof", "sen", "rep", "gov", "gen",
                                     "lt", "col", "maj", "capt", "adm", "brig", "sgt", "st", "jr",
                                     "sr", "messrs", "hon", "amb", "rev", "cmdr", "pres", "sec",
                                     "inc", "corp", "ltd", "co", NULL};
    if (n > 6 || n < 2)
        return false;
    switch (s[0] | 0x20) {
    case 'm': case 'd': case 'p': case 's': case 'r': case 'g': case 'l': case 'c': case 'a':
    case 'b': case 'j': case 'h': case 'i':
        break;
    default:
        return false;
    }
    char w[8];
    for (size_t i = 0; i < n; i++)
        w[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    w[n] = '\0';
    for (size_t i = 0; ab[i]; i++)
        if (ab[i][0] == w[0] && ab[i][1] == w[1] && strcmp(ab[i], w) == 0)
            return true;
    return false;
}

/* Apostrophe (' or ’) at i?  Sets its length. */
static size_t apos_at(const unsigned char *s, size_t n, size_t i)
{
    if (i < n && s[i] == '\'')
        return 1;
    if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x99)
        return 3;
    return 0;
}

/* ASCII classes: 1 lower, 2 upper, 4 digit; 0 for every other byte (all
 * bytes from 0x80 too, so that a scan needs no separate range check). */
static unsigned char ascii_class[256];
/* 1 for a byte that ends an ASCII word as it is: below 0x80, not an
 * apostrophe, a hyphen or a full stop */
static unsigned char ascii_end[256];
/* 1 for an ASCII byte that is no part of a word, but the NUL that ends the text */
static unsigned char ascii_skip[256];
static void init_ascii(void)
{
    if (ascii_class['a'])
        return;
    for (int c = 0; c < 0x80; c++) {
        ascii_end[c] = c != '\'' && c != '-' && c != '.';
        ascii_skip[c] = c && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    }
    for (int c = 'a'; c <= 'z'; c++)
        ascii_class[c] = 1;
    for (int c = 'A'; c <= 'Z'; c++)
        ascii_class[c] = 2;
    for (int c = '0'; c <= '9'; c++)
        ascii_class[c] = 4;
}

void ro_tokenize(const char *text, size_t n, ro_tok **out, size_t *count)
{
    const unsigned char *s = (const unsigned char *)text;
    init_ascii();
    size_t cap = n / 5 + 16;
    ro_tok *v = ro_xmalloc(cap * sizeof *v);
    size_t nv = 0;
    size_t i = 0;
    size_t prev_ge = 0;
    bool have_prev = false;
    while (i < n) {
        unsigned char c = s[i];
        size_t l = 1;
        int32_t cp;
        unsigned cls;
        if (c < 0x80) {
            cls = ascii_class[c];
            if (!cls) {
                i++;
                while (ascii_skip[s[i]]) /* (stops at the NUL after the text) */
                    i++;
                continue;
            }
            cp = c;
        } else {
            cp = ro_utf8_decode(s, n, i, &l);
            if (!is_word_cp(cp)) {
                i += l;
                continue;
            }
            cls = ro_cp_is_upper(cp) ? 2 : ro_cp_is_lower(cp) ? 1 : ro_cp_is_digit(cp) ? 4 : 8;
        }
        ro_tok t = {0};
        t.a = 1u << 31; /* attribution classes: not looked up */
        t.s = i;
        if (c < 0x80) {
            /* the common case: a word or a number of ASCII letters and
             * digits, ended by anything but an apostrophe, a hyphen or a full
             * stop (the general reading below gives the same) */
            size_t j = i + 1;
            while (ascii_class[s[j]]) /* the text ends with a NUL, class 0 */
                j++;
            unsigned char d = s[j];
            if (ascii_end[d]) {
                t.e = t.ge = j;
                if (cls == 2 && j > i + 1 && ascii_class[s[i + 1]] == 1) {
                    /* the common case: a capital, then a lower-case letter (as the loop below finds) */
                    t.f = T_CAP;
                } else if (cls == 2) {
                    unsigned up = 0, low = 0, let = 0;
                    for (size_t x = i; x < j && !low; x++) {
                        unsigned dc = ascii_class[s[x]];
                        up += dc == 2;
                        low += dc == 1;
                        let += dc == 1 || dc == 2;
                    }
                    t.f = T_CAP;
                    if (let >= 2 && low == 0 && up >= 2)
                        t.f |= T_ALLCAP;
                    if (low == 0)
                        t.f |= T_NOLOWER;
                } else {
                    t.f = cls == 1 ? T_LOW : T_NUM;
                }
                goto gap;
            }
        }
        unsigned nup = 0, nlow = 0;
        bool hyph = false; /* a hyphen inside the word */
        if (cls == 2)
            t.f |= T_CAP;
        else if (cls == 1)
            t.f |= T_LOW;
        else if (cls == 4)
            t.f |= T_NUM;
        size_t j = i;
        for (;;) {
            while (ascii_class[s[j]]) /* the text ends with a NUL, class 0 */
                j++;
            if (j >= n)
                break;
            unsigned char d = s[j];
            if (d < 0x80 && d != '\'' && d != '-')
                break;
            size_t dl = 1;
            int32_t dch = d < 0x80 ? d : ro_utf8_decode(s, n, j, &dl);
            if (d >= 0x80 && is_word_cp(dch)) {
                j += dl;
                continue;
            }
            if (dch == 0xAD || dch == 0x200B) { /* soft hyphen, zero-width space inside a word */
                size_t l2;
                if (j + dl < n && is_word_cp(ro_utf8_decode(s, n, j + dl, &l2))) {
                    j += dl;
                    continue;
                }
                break;
            }
            size_t al = apos_at(s, n, j);
            if (al) {
                /* possessive 's at the end of a word */
                if (j + al < n && (s[j + al] == 's' || s[j + al] == 'S')) {
                    size_t k = j + al + 1;
                    size_t l2 = 1;
                    int32_t after = k < n ? ro_utf8_decode(s, n, k, &l2) : ' ';
                    if (k >= n || !is_word_cp(after)) {
                        t.e = j;
                        t.ge = k;
                        t.f |= T_POSS;
                        goto done;
                    }
                }
                size_t l2;
                if (j + al < n && ro_cp_is_letter(ro_utf8_decode(s, n, j + al, &l2)) && j > i) {
                    j += al; /* O'Brien, d'Estaing */
                    continue;
                }
                break;
            }
            if (dch == '-' || dch == 0x2010 || dch == 0x2011) {
                size_t l2;
                if (j + dl < n && is_word_cp(ro_utf8_decode(s, n, j + dl, &l2))) {
                    j += dl;
                    hyph = true;
                    continue;
                }
                break;
            }
            break;
        }
        t.e = j;
        t.ge = j;
        /* a full stop that belongs to the word: initials, abbreviations, U.S. */
        if (j < n && s[j] == '.') {
            size_t wl = j - i;
            if (wl == 1 && (t.f & T_CAP)) {
                size_t k = j + 1;
                /* dotted acronym: U.S., U.K., U.N. */
                while (k + 1 < n && s[k] >= 'A' && s[k] <= 'Z' && s[k + 1] == '.')
                    k += 2;
                if (k > j + 1) {
                    t.e = t.ge = k;
                    nup += (unsigned)((k - j - 1) / 2);
                } else {
                    t.e = t.ge = j + 1;
                    t.f |= T_INIT;
                }
            } else if (wl <= 6 && is_abbrev(text + i, wl)) {
                t.e = t.ge = j + 1;
            }
        }
    done:
        /* al-Sisi, el-Sisi: a particle joined to a capitalised name */
        if (hyph && (t.f & T_LOW) && t.e - t.s > 3) {
            const char *w = text + t.s;
            size_t pl = (w[0] == 'a' || w[0] == 'e') && w[1] == 'l' && w[2] == '-' ? 3 : 0;
            if (pl && t.s + pl < n && s[t.s + pl] >= 'A' && s[t.s + pl] <= 'Z') {
                t.f &= ~(unsigned)T_LOW;
                t.f |= T_CAP;
            }
        }
        if (t.f & T_CAP) { /* all capitals? */
            unsigned nl2 = 0;
            for (size_t x = t.s; x < t.e && !nlow;) {
                unsigned char d = s[x];
                if (d < 0x80) {
                    unsigned dc = ascii_class[d];
                    nup += dc == 2;
                    nlow += dc == 1;
                    nl2 += dc == 1 || dc == 2;
                    x++;
                } else {
                    size_t dl;
                    int32_t dch = ro_utf8_decode(s, n, x, &dl);
                    if (ro_cp_is_upper(dch))
                        nup++;
                    else if (ro_cp_is_lower(dch))
                        nlow++;
                    nl2 += ro_cp_is_letter(dch);
                    x += dl;
                }
            }
            if (nl2 >= 2 && nlow == 0 && nup >= 2)
                t.f |= T_ALLCAP;
            if (nlow == 0)
                t.f |= T_NOLOWER;
        }
    gap:
        /* gap to the previous token */
        if (!have_prev) {
            t.f |= T_LINE0;
            if (t.s > 0 && s[t.s - 1] == '(')
                t.f |= T_PAREN;
        } else {
            size_t g = prev_ge;
            if (t.s == g + 1 && s[g] == ' ') {
                t.f |= T_ADJ; /* the common case: one space */
            } else {
                bool nl = false, only_space = true;
                int amps = 0;
                while (g < t.s) {
                    unsigned char gc = s[g];
                    if (gc == '&' && g > prev_ge && s[g - 1] == ' ' && g + 1 < t.s && s[g + 1] == ' ' && !amps) {
                        amps++;
                    } else if (gc == '\n') {
                        nl = true;
                        only_space = false;
                    } else if (gc == ' ' || gc == '\t' || gc == '\r') {
                    } else if (gc == 0xC2 && g + 1 < t.s && s[g + 1] == 0xA0) {
                        g++;
                    } else {
                        only_space = false;
                    }
                    g++;
                }
                if (nl)
                    t.f |= T_LINE0;
                if (only_space && t.s > prev_ge)
                    t.f |= T_ADJ | (amps ? T_AMP : 0);
                /* (after one space there is neither a comma nor a bracket) */
                if (nv && prev_ge < n && s[prev_ge] == ',')
                    v[nv - 1].f |= T_COMMA;
                if (t.s > 0 && s[t.s - 1] == '(')
                    t.f |= T_PAREN;
            }
        }
        if (nv == cap) { /* past the estimate: grow to what this density of words gives the whole text */
            size_t want = (size_t)((double)nv * ((double)n / (double)(t.s + 1)) * 1.0625) + 64;
            cap = want > cap + cap / 8 ? want : cap + cap / 8 + 64;
            v = ro_xrealloc(v, cap * sizeof *v);
        }
        v[nv++] = t;
        have_prev = true;
        prev_ge = t.ge;
        i = t.ge;
        if (i < n && s[i] == ' ') /* (a space starts no word) */
            i++;
    }
    if (nv && prev_ge < n && s[prev_ge] == ',')
        v[nv - 1].f |= T_COMMA;
    if (cap > nv + nv / 8 + 16) /* (a document's tokens are kept: give back what the estimate left over) */
        v = ro_xrealloc(v, (nv + 1) * sizeof *v);
    *out = v;
    *count = nv;
}

const ro_tok *ro_doc_tokens(ro_doc *doc, size_t *count)
{
    if (!doc->tokenized) {
        ro_tokenize(doc->text, doc->len, &doc->tok, &doc->ntok);
        doc->tokenized = true;
    }
    *count = doc->ntok;
    return doc->tok;
}
