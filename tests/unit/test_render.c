/* test_render.c: the writers' building blocks on hostile data (issue 9) —
 * finite numbers, text columns cut at characters by display width, control
 * characters escaped. */
#include "render.h"

#include <math.h>

static int failures;
#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);     \
            failures++;                                                                  \
        }                                                                                \
    } while (0)

static char got[512];

static const char *cell(const char *s, size_t width)
{
    ro_buf b = {0};
    ro_text_cell(&b, s, width);
    snprintf(got, sizeof got, "%.*s", (int)b.len, b.data ? b.data : "");
    ro_buf_free(&b);
    return got;
}

static const char *esc(const char *s)
{
    ro_buf b = {0};
    ro_text_esc_cstr(&b, s);
    snprintf(got, sizeof got, "%.*s", (int)b.len, b.data ? b.data : "");
    ro_buf_free(&b);
    return got;
}

static const char *field(const char *s, size_t width)
{
    ro_buf b = {0};
    ro_text_field(&b, s, strlen(s), width);
    snprintf(got, sizeof got, "%.*s", (int)b.len, b.data ? b.data : "");
    ro_buf_free(&b);
    return got;
}

static const char *num(double v)
{
    ro_buf b = {0};
    ro_num(&b, v);
    snprintf(got, sizeof got, "%.*s", (int)b.len, b.data);
    ro_buf_free(&b);
    return got;
}

#define EQ(expr, want)                                                                   \
    do {                                                                                 \
        const char *g_ = (expr);                                                         \
        if (strcmp(g_, want) != 0) {                                                     \
            fprintf(stderr, "%s:%d: %s gave \"%s\", not \"%s\"\n", __FILE__, __LINE__,     \
                    #expr, g_, want);                                                    \
            failures++;                                                                  \
        }                                                                                \
    } while (0)

int main(void)
{
    /* numbers: always finite */
    EQ(num(1.5), "1.5");
    EQ(num(INFINITY), "1e+300");
    EQ(num(-INFINITY), "-1e+300");
    EQ(num(NAN), "0");
    EQ(num(1e308 + 1e308), "1e+300");
    CHECK(ro_num_clamp(2e6) == 2e6);

    /* columns: padded, cut at a character with "…", never inside UTF-8 */
    EQ(cell("Wang Yi", 10), "Wang Yi   ");
    EQ(cell("Сергей Викторович", 10), "Сергей Ви…");
    EQ(cell("Erdoğan", 7), "Erdoğan");
    EQ(cell("Erdoğan", 6), "Erdoğ…");
    EQ(cell("王毅外长", 8), "王毅外长");   /* wide: 2 columns each */
    EQ(cell("王毅外长", 7), "王毅外…");   /* 6 + "…" */
    EQ(cell("王毅外长", 4), "王… "); /* 2 + "…" + a space */
    EQ(cell("Cafe\xcc\x81 au lait", 5), "Cafe\xcc\x81…"); /* the combining accent stays */
    EQ(cell("", 3), "   ");
    EQ(cell(NULL, 2), "  ");
    EQ(cell("ab", 0), "");
    CHECK(ro_text_width("王毅 Wang", strlen("王毅 Wang")) == 9);
    CHECK(ro_text_width("e\xcc\x81", 3) == 1);

    /* control characters escaped, never raw; invalid UTF-8 as U+FFFD */
    EQ(esc("a\x1b[31mred"), "a\\x1b[31mred");
    EQ(esc("x\ny\tz\r"), "x\\ny\\tz\\r");
    EQ(esc("csi\xc2\x9b" "2J"), "csi\\u009b2J");
    EQ(esc("bad\xff"), "bad\xef\xbf\xbd");
    EQ(esc("del\x7f"), "del\\x7f");
    EQ(cell("a\x1b[2J", 8), "a\\x1b[2J");
    EQ(cell("a\x1b[2Jxyz", 8), "a\\x1b[2…"); /* an escape counts its own width */

    /* running text: controls as spaces, width in columns, cut at characters */
    EQ(field("He said\x1b[2J \xc2\x9bno", 100), "He said [2J no");
    EQ(field("王毅外长说", 5), "王毅…");
    EQ(field("Сергей", 3), "Сер…");
    EQ(field("Cafe\xcc\x81!", 4), "Cafe\xcc\x81…");

    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    return failures != 0;
}
