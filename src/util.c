/* util.c: memory, arena, buffers, errors and UTF-8 helpers. */
#include "internal.h"

#include <utf8proc.h>

static void oom(size_t n)
{
    fprintf(stderr, "readout: out of memory (asked for %zu bytes)\n", n);
    abort();
}

void *ro_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *ro_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *ro_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *ro_xstrdup(const char *s)
{
    return ro_xstrndup(s, strlen(s));
}

char *ro_xstrndup(const char *s, size_t n)
{
    char *p = ro_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ---- arena ---------------------------------------------------------------- */

struct ro_arena_block {
    ro_arena_block *next;
    size_t used, cap;
    max_align_t data[];
};

void *ro_arena_alloc(ro_arena *a, size_t n)
{
    size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (!n)
        n = align;
    ro_arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 16384 ? n : 16384;
        b = ro_xmalloc(sizeof(*b) + cap);
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

char *ro_arena_strndup(ro_arena *a, const char *s, size_t n)
{
    char *p = ro_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void ro_arena_free(ro_arena *a)
{
    ro_arena_block *b = a->head;
    while (b) {
        ro_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

/* ---- buffers ---------------------------------------------------------------- */

void ro_buf_reserve(ro_buf *b, size_t extra)
{
    if (b->cap - b->len > extra)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len <= extra)
        cap *= 2;
    b->data = ro_xrealloc(b->data, cap);
    b->cap = cap;
}

void ro_buf_put(ro_buf *b, const char *s, size_t n)
{
    ro_buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ro_buf_puts(ro_buf *b, const char *s)
{
    ro_buf_put(b, s, strlen(s));
}

void ro_buf_putc(ro_buf *b, char c)
{
    ro_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void ro_buf_printf(ro_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        ro_buf_put(b, tmp, (size_t)n);
        return;
    }
    ro_buf_reserve(b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void ro_buf_free(ro_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ---- errors ---------------------------------------------------------------- */

void ro_set_error(ro_error *err, ro_status code, uint64_t offset, const char *fmt, ...)
{
    if (!err)
        return;
    err->code = code;
    err->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

const char *ro_strerror(ro_status code)
{
    switch (code) {
    case RO_OK: return "success";
    case RO_ERR_NOMEM: return "out of memory";
    case RO_ERR_IO: return "input/output error";
    case RO_ERR_UTF8: return "invalid UTF-8";
    case RO_ERR_BINARY: return "binary data (NUL byte)";
    case RO_ERR_TOO_BIG: return "document too large";
    case RO_ERR_JSON: return "malformed JSON Lines record";
    case RO_ERR_FORMAT: return "unsupported input format";
    case RO_ERR_LEXICON: return "malformed word list";
    case RO_ERR_USAGE: return "usage error";
    }
    return "unknown error";
}

/* ---- UTF-8 ----------------------------------------------------------------- */

size_t ro_utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII fast path, eight bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        uint32_t min;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return i;
        }
        if (n - i <= need)
            return i;
        for (size_t k = 1; k <= need; k++) {
            unsigned d = s[i + k];
            if ((d & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (d & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += need + 1;
    }
    return n;
}

int32_t ro_utf8_decode(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *len = 1;
        return (int32_t)c;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i > 4 ? 4 : n - i), &cp);
    if (k <= 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)k;
    return cp;
}

int32_t ro_utf8_decode_prev(const unsigned char *s, size_t i, size_t *len)
{
    size_t j = i;
    size_t back = 0;
    while (j > 0 && back < 4) {
        j--;
        back++;
        if ((s[j] & 0xC0) != 0x80)
            break;
    }
    size_t l;
    int32_t cp = ro_utf8_decode(s, i, j, &l);
    if (j + l != i) {
        *len = 1;
        return 0xFFFD;
    }
    *len = l;
    return cp;
}

int ro_utf8_encode(int32_t cp, char out[4])
{
    return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

bool ro_cp_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool ro_cp_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool ro_cp_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

bool ro_cp_is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

bool ro_cp_is_space(int32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case 0xA0: case 0xAD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x1680: case 0x202F: case 0x205F: case 0x3000: case 0x2028: case 0x2029:
        return true;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

bool ro_cp_is_dash(int32_t cp)
{
    return cp == '-' || cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x2015 ||
           cp == 0x2212;
}

int32_t ro_cp_tolower(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return utf8proc_tolower(cp);
}
