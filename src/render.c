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

void ro_text_field(ro_buf *b, const char *str, size_t n, size_t maxbytes)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, out = 0;
    bool space = false;
    while (i < n && out < maxbytes) {
        unsigned char c = s[i];
        if (c < 0x20 || c == ' ') {
            if (!space && out)
                ro_buf_putc(b, ' '), out++;
            space = true;
            i++;
            continue;
        }
        space = false;
        if (c >= 0x80) {
            size_t ok = ro_utf8_valid_prefix(s + i, n - i);
            if (!ok) {
                ro_buf_put(b, "\xEF\xBF\xBD", 3);
                out++;
                i++;
                continue;
            }
            size_t l;
            ro_utf8_decode(s, n, i, &l);
            ro_buf_put(b, str + i, l);
            i += l;
            out++;
            continue;
        }
        ro_buf_putc(b, (char)c);
        out++;
        i++;
    }
    if (i < n)
        ro_buf_put(b, "…", 3);
}
