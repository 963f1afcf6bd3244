/* render.c: writers for JSON Lines, TSV and text. */
#include "render.h"

void ro_json_escape(ro_buf *b, const char *str, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)str;
    ro_buf_reserve(b, n + 2);
    ro_buf_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && s[run] >= 0x20 && s[run] < 0x80 && s[run] != '"' && s[run] != '\\')
            run++;
        if (run > i) {
            ro_buf_put(b, str + i, run - i);
            i = run;
            if (i >= n)
                break;
        }
        unsigned char c = s[i];
        if (c >= 0x80) {
            size_t ok = ro_utf8_valid_prefix(s + i, n - i);
            if (ok == 0) {
                ro_buf_put(b, "\\ufffd", 6);
                i++;
                continue;
            }
            /* copy the valid multibyte run up to the next ASCII byte */
            size_t k = i;
            while (k < i + ok && s[k] >= 0x80)
                k++;
            ro_buf_put(b, str + i, k - i);
            i = k;
            continue;
        }
        switch (c) {
        case '"': ro_buf_put(b, "\\\"", 2); break;
        case '\\': ro_buf_put(b, "\\\\", 2); break;
        case '\n': ro_buf_put(b, "\\n", 2); break;
        case '\r': ro_buf_put(b, "\\r", 2); break;
        case '\t': ro_buf_put(b, "\\t", 2); break;
        case 0: ro_buf_put(b, "\\ufffd", 6); break; /* a NUL let through by --lenient is a bad byte */
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            ro_buf_put(b, u, 6);
        }
        }
        i++;
    }
    ro_buf_putc(b, '"');
}

void ro_json_begin(ro_json *j, ro_buf *b)
{
    j->b = b;
    j->first = true;
    ro_buf_putc(b, '{');
}

void ro_json_end(ro_json *j)
{
    ro_buf_put(j->b, "}\n", 2);
}

void ro_json_key(ro_json *j, const char *key)
{
    if (!j->first)
        ro_buf_putc(j->b, ',');
    j->first = false;
    ro_buf_putc(j->b, '"');
    ro_buf_puts(j->b, key);
    ro_buf_put(j->b, "\":", 2);
}

void ro_json_str(ro_json *j, const char *key, const char *s, size_t n)
{
    ro_json_key(j, key);
    ro_json_escape(j->b, s, n);
}

void ro_json_cstr(ro_json *j, const char *key, const char *s)
{
    if (!s)
        ro_json_null(j, key);
    else
        ro_json_str(j, key, s, strlen(s));
}

void ro_json_int(ro_json *j, const char *key, long long v)
{
    ro_json_key(j, key);
    ro_buf_printf(j->b, "%lld", v);
}

void ro_json_num(ro_json *j, const char *key, double v)
{
    ro_json_key(j, key);
    if (v != v || v > 1e300 || v < -1e300)
        ro_buf_puts(j->b, "null");
    else
        ro_buf_printf(j->b, "%.4g", v);
}

double ro_num_clamp(double v)
{
    if (v != v)
        return 0;
    return v > RO_NUM_MAX ? RO_NUM_MAX : v < -RO_NUM_MAX ? -RO_NUM_MAX : v;
}

void ro_num(ro_buf *b, double v)
{
    ro_buf_printf(b, "%.4g", ro_num_clamp(v));
}

void ro_json_bool(ro_json *j, const char *key, bool v)
{
    ro_json_key(j, key);
    ro_buf_puts(j->b, v ? "true" : "false");
}

void ro_json_null(ro_json *j, const char *key)
{
    ro_json_key(j, key);
    ro_buf_puts(j->b, "null");
}

void ro_tsv_field(ro_buf *b, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c == '\t') ro_buf_put(b, "\\t", 2);
        else if (c == '\n') ro_buf_put(b, "\\n", 2);
        else if (c == '\r') ro_buf_put(b, "\\r", 2);
        else if (c == '\\') ro_buf_put(b, "\\\\", 2);
        else if (c >= 0x80) {
            size_t ok = ro_utf8_valid_prefix(s + i, n - i);
            if (!ok) {
                ro_buf_put(b, "\xEF\xBF\xBD", 3);
                i++;
                continue;
            }
            size_t k = i;
            while (k < i + ok && s[k] >= 0x80)
                k++;
            ro_buf_put(b, str + i, k - i);
            i = k;
            continue;
        } else if (c < 0x20) ro_buf_putc(b, ' ');
        else ro_buf_putc(b, (char)c);
        i++;
    }
}

/* Columns a code point takes on a terminal: 0 for combining marks and
 * zero-width characters, 2 for East Asian wide and fullwidth ones and most
 * emoji, 1 otherwise (a compact form of wcwidth(), locale-independent). */
int ro_char_width(uint32_t c)
{
    static const uint32_t zero[][2] = {
        {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05C7}, {0x0610, 0x061A},
        {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06ED}, {0x0900, 0x0903}, {0x093A, 0x094F},
        {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
        {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
        {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0000, 0xE0FFF},
    };
    static const uint32_t wide[][2] = {
        {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
        {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
        {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
    };
    if (c < 0x300)
        return 1;
    for (size_t i = 0; i < sizeof zero / sizeof *zero; i++)
        if (c >= zero[i][0] && c <= zero[i][1])
            return 0;
    for (size_t i = 0; i < sizeof wide / sizeof *wide; i++)
        if (c >= wide[i][0] && c <= wide[i][1])
            return 2;
    return 1;
}

/* One character of s at i for a person: its bytes (or an escape for a
 * control character, U+FFFD for invalid UTF-8) into out[], its width in *w;
 * returns the bytes of s it stands for. */
static size_t text_char(const unsigned char *s, size_t n, size_t i, char out[8], size_t *outn, int *w)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char c = s[i];
    if (c < 0x20 || c == 0x7F) {
        out[0] = '\\';
        if (c == '\n' || c == '\t' || c == '\r') {
            out[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
            *outn = 2;
        } else {
            out[1] = 'x', out[2] = hex[c >> 4], out[3] = hex[c & 15];
            *outn = 4;
        }
        *w = (int)*outn;
        return 1;
    }
    if (c < 0x80) {
        out[0] = (char)c, *outn = 1, *w = 1;
        return 1;
    }
    if (!ro_utf8_valid_prefix(s + i, n - i)) {
        memcpy(out, "\xEF\xBF\xBD", 3), *outn = 3, *w = 1;
        return 1;
    }
    size_t l;
    uint32_t cp = (uint32_t)ro_utf8_decode(s, n, i, &l);
    if (cp >= 0x80 && cp < 0xA0) { /* C1 controls: U+009B is a terminal's CSI */
        memcpy(out, "\\u00", 4), out[4] = hex[cp >> 4], out[5] = hex[cp & 15];
        *outn = 6, *w = 6;
        return l;
    }
    memcpy(out, s + i, l), *outn = l, *w = ro_char_width(cp);
    return l;
}

void ro_text_esc(ro_buf *b, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    char out[8];
    size_t on;
    int w;
    for (size_t i = 0; i < n;) {
        i += text_char(s, n, i, out, &on, &w);
        ro_buf_put(b, out, on);
    }
}

void ro_text_esc_cstr(ro_buf *b, const char *s)
{
    ro_text_esc(b, s ? s : "", s ? strlen(s) : 0);
}

void ro_fput_esc(FILE *f, const char *s)
{
    ro_buf b = {0};
    ro_text_esc_cstr(&b, s);
    if (b.len)
        fwrite(b.data, 1, b.len, f);
    ro_buf_free(&b);
}

size_t ro_text_width(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    char out[8];
    size_t on, width = 0;
    int w;
    for (size_t i = 0; i < n;) {
        i += text_char(s, n, i, out, &on, &w);
        width += (size_t)w;
    }
    return width;
}

void ro_text_cell(ro_buf *b, const char *str, size_t width)
{
    const unsigned char *s = (const unsigned char *)(str ? str : "");
    size_t n = strlen((const char *)s);
    size_t used = 0, i = 0;
    bool fits = ro_text_width((const char *)s, n) <= width;
    char out[8];
    size_t on;
    int w;
    while (i < n) {
        size_t l = text_char(s, n, i, out, &on, &w);
        if (used + (size_t)w + (fits ? 0 : 1) > width) /* room for "…" when cut */
            break;
        ro_buf_put(b, out, on);
        used += (size_t)w;
        i += l;
    }
    /* combining marks after the last character kept belong to it */
    while (i < n) {
        size_t l = text_char(s, n, i, out, &on, &w);
        if (w != 0 || on != l)
            break;
        ro_buf_put(b, out, on);
        i += l;
    }
    if (i < n && used < width)
        ro_buf_put(b, "…", 3), used++;
    for (; used < width; used++)
        ro_buf_putc(b, ' ');
}

void ro_text_field(ro_buf *b, const char *str, size_t n, size_t maxwidth)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, out = 0;
    bool space = false;
    while (i < n && out < maxwidth) {
        unsigned char c = s[i];
        size_t l = 1;
        uint32_t cp = c;
        if (c >= 0x80) {
            if (!ro_utf8_valid_prefix(s + i, n - i)) {
                ro_buf_put(b, "\xEF\xBF\xBD", 3);
                out++;
                i++;
                space = false;
                continue;
            }
            cp = (uint32_t)ro_utf8_decode(s, n, i, &l);
        }
        if (cp < 0x20 || cp == ' ' || (cp >= 0x7F && cp < 0xA0)) { /* controls as spaces */
            if (!space && out)
                ro_buf_putc(b, ' '), out++;
            space = true;
            i += l;
            continue;
        }
        space = false;
        int w = ro_char_width(cp);
        if (out + (size_t)w > maxwidth)
            break;
        ro_buf_put(b, str + i, l);
        out += (size_t)w;
        i += l;
    }
    /* combining marks after the last character kept belong to it */
    while (i < n && (unsigned char)s[i] >= 0x80 && ro_utf8_valid_prefix(s + i, n - i)) {
        size_t l;
        uint32_t cp = (uint32_t)ro_utf8_decode(s, n, i, &l);
        if (ro_char_width(cp) != 0 || (cp >= 0x80 && cp < 0xA0))
            break;
        ro_buf_put(b, str + i, l);
        i += l;
    }
    if (i < n)
        ro_buf_put(b, "…", 3);
}
