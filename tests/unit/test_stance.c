/* test_stance.c: ro_doc_stance through the library — categories after
 * negation, counted flags, sentences, and the speaker of the innermost
 * quotation (quotations are given here, so the test does not depend on how
 * they are found). */
#include "internal.h"

static int failures;
#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);     \
            failures++;                                                                  \
        }                                                                                \
    } while (0)

static const ro_marker *find(const ro_marker *ms, size_t n, const char *text, const char *phrase)
{
    for (size_t i = 0; i < n; i++)
        if (ms[i].span.end - ms[i].span.start == strlen(phrase) &&
            memcmp(text + ms[i].span.start, phrase, strlen(phrase)) == 0)
            return &ms[i];
    return NULL;
}

static size_t offset_of(const char *text, const char *s)
{
    const char *p = strstr(text, s);
    return p ? (size_t)(p - text) : 0;
}

int main(void)
{
    ro_error err;
    ro_lexicon *lex = ro_lexicon_new_default(&err);
    CHECK(lex != NULL);
    const char *text = "The talks were useful. Ushakov said: \"We will not accept it, and we do not "
                       "reject talks. As Lavrov put it, 'we genuinely want this'.\" Is it fully agreed?";
    ro_meta meta = {0};
    meta.id = "t";
    ro_doc *doc = ro_doc_new(text, strlen(text), &meta, 0, &err);
    CHECK(doc != NULL);

    /* two quotations: Ushakov's, and Lavrov's words inside it */
    ro_quote *qs = ro_xcalloc(2, sizeof *qs);
    size_t a = offset_of(text, "We will"), b = offset_of(text, "\" Is");
    size_t c = offset_of(text, "we genuinely"), d = offset_of(text, "'.");
    qs[0] = (ro_quote){RO_Q_FULL, {a, b}, {0, 0}, ro_arena_strndup(&doc->arena, "Ushakov", 7),
                       "said", 0, -1, '"', -1};
    qs[1] = (ro_quote){RO_Q_PARTIAL, {c, d}, {0, 0}, ro_arena_strndup(&doc->arena, "Lavrov", 6),
                       "put", 0, 0, '\'', -1};
    doc->quotes = qs;
    doc->nquotes = 2;
    doc->quoted = true;

    size_t n;
    const ro_marker *ms = ro_doc_stance(doc, lex, &n);
    CHECK(n >= 6);
    size_t n2;
    CHECK(ro_doc_stance(doc, lex, &n2) == ms && n2 == n); /* computed once */

    const ro_marker *m = find(ms, n, text, "useful");
    CHECK(m && !strcmp(m->category, "distance") && !m->quoted && !m->speaker && m->sentence == 0);
    m = find(ms, n, text, "will");
    CHECK(m && !strcmp(m->category, "commitment") && m->counted && m->quoted &&
          m->speaker && !strcmp(m->speaker, "Ushakov"));
    m = find(ms, n, text, "not accept");
    CHECK(m && !strcmp(m->category, "rejection") && m->counted && !m->negated);
    m = find(ms, n, text, "reject");
    CHECK(m && !strcmp(m->category, "rejection") && m->negated && !m->counted);
    m = find(ms, n, text, "genuinely");
    CHECK(m && !strcmp(m->category, "sincerity") && m->speaker && !strcmp(m->speaker, "Lavrov"));
    m = find(ms, n, text, "fully");
    CHECK(m && m->question && !m->counted); /* a question asserts nothing */
    for (size_t i = 1; i < n; i++)
        CHECK(ms[i - 1].span.start <= ms[i].span.start);
    ro_doc_free(doc);

    /* no word list: no markers, no crash */
    doc = ro_doc_new(text, strlen(text), &meta, 0, &err);
    CHECK(ro_doc_stance(doc, NULL, &n) == NULL && n == 0);
    ro_doc_free(doc);

    ro_lexicon_free(lex);
    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    else
        printf("test_stance: ok\n");
    return failures ? 1 : 0;
}
