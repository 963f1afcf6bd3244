/* test_html_limits.c: pages built to make libgumbo work quadratically or
 * allocate without bound (issue 9, F4, F5) and the depth check's view of
 * <select>.  Measured by what the parser allocated (ro_extract.parse_bytes)
 * at two sizes, never by wall-clock time. */
#include "extract.h"

static int failures;
#define CHECK(cond, ...)                                                                 \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                         \
            fprintf(stderr, __VA_ARGS__);                                                \
            fputc('\n', stderr);                                                         \
            failures++;                                                                  \
        }                                                                                \
    } while (0)

static size_t bound(size_t len)
{
    return RO_HTML_PARSE_BASE + (size_t)RO_HTML_PARSE_PER_BYTE * len;
}

/* head + n × unit + tail, as a malloc'd string */
static char *repeat(const char *head, const char *unit, size_t n, const char *tail, size_t *len)
{
    ro_buf b = {0};
    ro_buf_puts(&b, head);
    for (size_t i = 0; i < n; i++)
        ro_buf_puts(&b, unit);
    ro_buf_puts(&b, tail);
    *len = b.len;
    ro_buf_putc(&b, '\0');
    return b.data;
}

/* Extract; returns 0 or -1, with the error's text in msg and the text found in *text. */
static int extract(const char *html, size_t len, ro_extract *x, char *msg, size_t msgsz)
{
    ro_error err = {0};
    int rc = ro_extract_html(html, len, NULL, x, &err);
    snprintf(msg, msgsz, "%s", rc < 0 ? err.message : "");
    return rc;
}

static char *attrs_page(size_t nattrs, size_t *len)
{
    ro_buf b = {0};
    ro_buf_puts(&b, "<html><body><p>Before the element.</p><div");
    for (size_t i = 0; i < nattrs; i++)
        ro_buf_printf(&b, " a%zu=\"x\"", i);
    ro_buf_puts(&b, ">The text of the element, long enough to be kept as an article's paragraph.</div></body></html>");
    *len = b.len;
    ro_buf_putc(&b, '\0');
    return b.data;
}

int main(void)
{
    char msg[512];
    ro_extract x;
    size_t len;

    /* F4: attributes — up to RO_HTML_MAX_ATTRS parsed; more refused before libgumbo runs */
    char *h = attrs_page(RO_HTML_MAX_ATTRS, &len);
    CHECK(extract(h, len, &x, msg, sizeof msg) == 0, "%d attributes refused: %s", RO_HTML_MAX_ATTRS, msg);
    CHECK(x.text && strstr(x.text, "The text of the element"), "%d attributes: text lost", RO_HTML_MAX_ATTRS);
    ro_extract_free(&x);
    free(h);
    static const size_t many[] = {RO_HTML_MAX_ATTRS + 1, 10000, 40000};
    for (size_t k = 0; k < 3; k++) {
        h = attrs_page(many[k], &len);
        CHECK(extract(h, len, &x, msg, sizeof msg) < 0, "%zu attributes accepted", many[k]);
        CHECK(strstr(msg, "an element with more than 256 attributes at byte offset 38: refused") != NULL,
              "%zu attributes: message \"%s\"", many[k], msg);
        CHECK(x.parse_bytes == 0, "%zu attributes: libgumbo ran (%zu bytes)", many[k], x.parse_bytes);
        free(h);
    }
    /* quoted values with spaces and '=' are one attribute each; a value is no name */
    h = repeat("<html><body><div", " title=\"a b=c d\" class=x data-v='p q'", 85, ">Text of the element.</div></body></html>", &len);
    CHECK(extract(h, len, &x, msg, sizeof msg) == 0, "255 attributes with spaced values refused: %s", msg);
    ro_extract_free(&x);
    free(h);

    /* F5: misnested formatting: parser memory bounded per page, at two sizes */
    static const size_t reps[] = {10000, 100000};
    for (size_t k = 0; k < 2; k++) {
        h = repeat("<html><body>", "<b><p>x</b>", reps[k], "", &len);
        int rc = extract(h, len, &x, msg, sizeof msg);
        CHECK(rc < 0, "%zu misnested: accepted with %zu parser bytes", reps[k], x.parse_bytes);
        CHECK(strstr(msg, "bytes of parser memory") != NULL, "%zu misnested: message \"%s\"", reps[k], msg);
        CHECK(x.parse_bytes <= bound(len) + 65536, "%zu misnested: %zu parser bytes over the bound %zu",
              reps[k], x.parse_bytes, bound(len));
        if (rc == 0)
            ro_extract_free(&x);
        free(h);
    }
    /* a little of it, and ordinary pages, stay within the bound and are kept */
    h = repeat("<html><body>", "<b><p>x</b>", 1000, "", &len);
    CHECK(extract(h, len, &x, msg, sizeof msg) == 0, "1000 misnested refused: %s", msg);
    CHECK(x.parse_bytes <= bound(len), "1000 misnested: %zu parser bytes", x.parse_bytes);
    ro_extract_free(&x);
    free(h);
    h = repeat("<html><head><title>A page</title></head><body><article>",
               "<p>The minister said on Tuesday that the talks, which began in <b>Geneva</b>, "
               "would go on; <a href=\"/x\">officials</a> agreed.</p>\n", 5000, "</article></body></html>", &len);
    CHECK(extract(h, len, &x, msg, sizeof msg) == 0, "ordinary page refused: %s", msg);
    CHECK(x.parse_bytes <= 24 * len, "ordinary page of %zu bytes: %zu parser bytes (over 24 per byte)",
          len, x.parse_bytes);
    ro_extract_free(&x);
    free(h);

    /* <select> is not deep: a nested <select> closes the open one, and other
     * tags inside one are ignored by the parser */
    h = repeat("<html><body><p>Some text before the lists.</p>", "<select>", 6000, "</body></html>", &len);
    CHECK(extract(h, len, &x, msg, sizeof msg) == 0, "6000 <select>: %s", msg);
    CHECK(x.text && strstr(x.text, "Some text before the lists."), "6000 <select>: text lost");
    ro_extract_free(&x);
    free(h);
    h = repeat("<html><body><p>Some text.</p><select>", "<div><span>", 6000, "</select><p>After.</p></body></html>", &len);
    CHECK(extract(h, len, &x, msg, sizeof msg) == 0, "divs in a <select>: %s", msg);
    ro_extract_free(&x);
    free(h);
    h = repeat("<html><body><p>Some text.</p>", "<select><option>o</option></select><div>", 4000, "</body></html>", &len);
    CHECK(extract(h, len, &x, msg, sizeof msg) == 0, "4000 divs between selects: %s", msg);
    ro_extract_free(&x);
    free(h);
    /* but elements really nested are still refused, with the offset */
    h = repeat("<html><body><p>Some text.</p>", "<div>", 6000, "</body></html>", &len);
    CHECK(extract(h, len, &x, msg, sizeof msg) < 0, "6000 divs accepted");
    CHECK(strstr(msg, "elements nested more than 5000 deep at byte offset 25024: refused") != NULL,
          "6000 divs: \"%s\"", msg);
    free(h);
    h = repeat("<html><body><p>Some text.</p><select></select>", "<div>", 6000, "</body></html>", &len);
    CHECK(extract(h, len, &x, msg, sizeof msg) < 0, "6000 divs after a closed select accepted");
    free(h);

    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    return failures != 0;
}
