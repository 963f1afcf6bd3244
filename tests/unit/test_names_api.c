/* test_names_api.c: the names API as the speaker attributor and other
 * callers use it — ro_doc_mentions / ro_doc_entities, and the two look-ups
 * in src/names.h. */
#include "names.h"

static int failures;

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);    \
            failures++;                                                                  \
        }                                                                                \
    } while (0)

static bool eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static size_t at(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    return p ? (size_t)(p - text) : 0;
}

int main(void)
{
    ro_error err;
    ro_lexicon *lex = ro_lexicon_new_default(&err);
    CHECK(lex != NULL);
    const char *text =
        "Aide to the President Yury Ushakov met Special Envoy Steve Witkoff and Jared Kushner, "
        "Donald Trump's son-in-law, at the Kremlin.\n\n"
        "Mr Witkoff said the talks were useful. Kremlin spokesman Dmitry Peskov declined to comment. "
        "The Kremlin spokesman said later that Ushakov would brief the press.\n";
    ro_doc *doc = ro_doc_new(text, strlen(text), NULL, 0, &err);
    CHECK(doc != NULL);

    size_t nm, ne;
    const ro_mention *ms = ro_doc_mentions(doc, lex, &nm);
    const ro_entity *es = ro_doc_entities(doc, lex, &ne);
    CHECK(nm > 0 && ne > 0);
    for (size_t i = 0; i < nm; i++) {
        CHECK(ms[i].span.start < ms[i].span.end && ms[i].span.end <= strlen(text));
        CHECK(ms[i].entity < ne);
        if (i)
            CHECK(ms[i - 1].span.start <= ms[i].span.start);
    }
    /* the same arrays on a second call */
    size_t nm2;
    CHECK(ro_doc_mentions(doc, lex, &nm2) == ms && nm2 == nm);

    /* canonical name at a span */
    size_t w = at(text, "Mr Witkoff");
    CHECK(eq(ro_names_canonical_at(doc, lex, w, w + 10), "Steve Witkoff"));
    size_t k = at(text, "son-in-law");
    CHECK(eq(ro_names_canonical_at(doc, lex, k, k + 10), "Jared Kushner"));
    size_t p = at(text, "Kremlin spokesman Dmitry");
    CHECK(eq(ro_names_canonical_at(doc, lex, p, p + 7), "Dmitry Peskov")); /* a person over the organisation */
    CHECK(ro_names_canonical_at(doc, lex, at(text, "talks"), at(text, "talks") + 5) == NULL);

    /* written names resolved */
    size_t end = strlen(text);
    CHECK(eq(ro_names_resolve(doc, lex, "Ushakov", 7, end), "Yury Ushakov"));
    CHECK(eq(ro_names_resolve(doc, lex, "Mr Witkoff", 10, end), "Steve Witkoff"));
    CHECK(eq(ro_names_resolve(doc, lex, "the Kremlin spokesman", 21, end), "Dmitry Peskov"));
    CHECK(eq(ro_names_resolve(doc, lex, "Kushner", 7, end), "Jared Kushner"));
    CHECK(ro_names_resolve(doc, lex, "Lavrov", 6, end) == NULL);
    CHECK(ro_names_resolve(doc, lex, "", 0, end) == NULL);

    /* entity types */
    bool kremlin = false;
    for (size_t i = 0; i < ne; i++)
        if (eq(es[i].name, "Kremlin"))
            kremlin = es[i].type == RO_ENT_ORG && es[i].nmentions == 3;
    CHECK(kremlin);
    CHECK(eq(ro_entity_type_name(RO_ENT_PLACE), "place"));

    ro_doc_free(doc);

    /* empty and odd documents */
    const char *odd[] = {"", " ", "Mr", "THE PRESIDENT:", "van der", "A. B. C.", "'s 's", "O'"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        ro_doc *d = ro_doc_new(odd[i], strlen(odd[i]), NULL, 0, &err);
        CHECK(d != NULL);
        ro_doc_mentions(d, lex, &nm);
        CHECK(ro_names_canonical_at(d, lex, 0, strlen(odd[i])) == NULL || nm > 0);
        ro_doc_free(d);
    }
    ro_lexicon_free(lex);
    if (failures)
        fprintf(stderr, "%d checks failed\n", failures);
    else
        printf("names API: all checks passed\n");
    return failures ? 1 : 0;
}
