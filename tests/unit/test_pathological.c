/* test_pathological.c: inputs built to provoke quadratic work or deep
 * recursion.  Each must finish (ctest's timeout catches a blow-up) with
 * sane results.  Sizes follow the issue: 100,000 nested or unbalanced
 * marks, a 10 MB paragraph. */
#include "internal.h"

#include <assert.h>
#include <time.h>

static ro_lexicon *lex;
static int failures;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                   \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static size_t run(const char *name, const char *text, size_t len)
{
    ro_error err;
    clock_t t0 = clock();
    ro_doc *doc = ro_doc_new(text, len, NULL, 0, &err);
    CHECK(doc != NULL, "%s: %s", name, err.message);
    if (!doc)
        return 0;
    size_t n, np, ns;
    const ro_quote *q = ro_doc_quotes(doc, lex, &n);
    ro_doc_paragraphs(doc, &np);
    ro_doc_sentences(doc, &ns);
    for (size_t i = 0; i < n; i++) {
        CHECK(q[i].text.start <= q[i].text.end && q[i].text.end <= len, "%s: span out of range", name);
        CHECK(q[i].parent < (long)i, "%s: parent after child", name);
    }
    printf("%-34s %9zu bytes  %7zu quotations  %7zu paragraphs  %8zu sentences  %6.0f ms\n", name, len, n,
           np, ns, (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC);
    ro_doc_free(doc);
    return n;
}

static char *repeat(const char *unit, size_t times, size_t *len)
{
    size_t u = strlen(unit);
    char *s = ro_xmalloc(u * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * u, unit, u);
    s[u * times] = '\0';
    *len = u * times;
    return s;
}

int main(void)
{
    ro_error err;
    lex = ro_lexicon_new_default(&err);
    assert(lex);
    size_t len;
    char *s;

    /* 100,000 nested openers, then 100,000 closers */
    ro_buf b = {0};
    for (int i = 0; i < 100000; i++)
        ro_buf_puts(&b, i % 2 ? "‘" : "“");
    ro_buf_puts(&b, "deep");
    for (int i = 100000; i-- > 0;)
        ro_buf_puts(&b, i % 2 ? "’" : "”");
    run("100,000 nested marks", b.data, b.len);
    ro_buf_free(&b);

    s = repeat("“", 100000, &len);
    CHECK(run("100,000 unbalanced openers", s, len) == 0, "openers alone are no quotation");
    free(s);
    s = repeat("” ", 100000, &len);
    CHECK(run("100,000 unbalanced closers", s, len) == 0, "closers alone are no quotation");
    free(s);
    s = repeat("\"a ", 100000, &len);
    run("100,000 straight marks", s, len);
    free(s);
    s = repeat("“a\n\n", 100000, &len);
    CHECK(run("100,000 paragraphs, each reopened", s, len) == 0, "never closed: dropped");
    free(s);
    s = repeat("“We are ready,” Ushakov said. ", 340000, &len);
    CHECK(run("10 MB paragraph of quotations", s, len) == 340000, "every quotation found");
    free(s);
    s = repeat("Mr Witkoff and President Putin of Ruritania met Ms Quill. ", 180000, &len);
    run("10 MB paragraph of names", s, len);
    free(s);
    s = repeat("word ", 2100000, &len);
    run("10 MB paragraph, no punctuation", s, len);
    free(s);
    s = repeat("Q: Why?\n\nA: Because.\n\n", 200000, &len);
    CHECK(run("400,000 transcript turns", s, len) == 400000, "every turn found");
    free(s);
    s = repeat("He said: “", 100000, &len);
    run("100,000 unclosed reported speech", s, len);
    free(s);
    s = repeat("U.S. Dr. J. ", 500000, &len);
    run("abbreviations and initials", s, len);
    free(s);

    ro_lexicon_free(lex);
    printf("%s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
