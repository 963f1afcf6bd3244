/* test_match.c: the phrase matcher's contract — leftmost-longest over word
 * tokens, the same matches when a long span is tokenised in windows, every
 * match with RO_MATCH_ALL, and spans into the original bytes. */
#include "internal.h"
#include "match.h"

static int failures;
#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);     \
            failures++;                                                                  \
        }                                                                                \
    } while (0)

typedef struct {
    size_t n;
    ro_match last;
    size_t first_start;
    ro_buf log;
    const char *text;
} collect;

static int bad_words;

static int on_match(const ro_match *m, void *ctx)
{
    collect *c = ctx;
    /* the words around the match: its own, and at least 16 before it */
    if (m->words[0].start != m->span.start || m->words[m->nwords - 1].end != m->span.end ||
        m->after < m->nwords || m->before < (m->word < 16 ? m->word : 16))
        bad_words++;
    if (m->before && m->words[-(ptrdiff_t)m->before].end > m->span.start)
        bad_words++;
    if (!c->n)
        c->first_start = m->span.start;
    c->n++;
    c->last = *m;
    if (c->log.len < 4000) {
        ro_buf_put(&c->log, c->text + m->span.start, m->span.end - m->span.start);
        ro_buf_printf(&c->log, "=%s;", m->entry->category);
    }
    return 0;
}

static const char list[] = "#list t\n"
                           "a\tfrank exchange of views\t1\t\n"
                           "b\tfrank\t1\t\n"
                           "c\tmore or less\t1\t\n"
                           "d\toverlapping (or close) positions\t1\t\n"
                           "e\treject\t1\t\n"
                           "f\t=will\t1\t\n"
                           "g\t_may\t1\t\n"
                           "h\ttake|took note of\t1\t\n"
                           "i\t^should\t1\t\n";

static collect run(const ro_matcher *m, const char *text, int flags)
{
    collect c = {0};
    c.text = text;
    ro_match_run(m, text, (ro_span){0, strlen(text)}, flags, on_match, &c);
    if (!c.log.data)
        ro_buf_put(&c.log, "", 0);
    return c;
}

static void expect(const ro_matcher *m, const char *text, const char *want)
{
    collect c = run(m, text, 0);
    if (strcmp(c.log.data, want) != 0) {
        fprintf(stderr, "text: %s\n  want: %s\n  got:  %s\n", text, want, c.log.data);
        failures++;
    }
    ro_buf_free(&c.log);
}

int main(void)
{
    ro_error err;
    ro_lexicon *lex = ro_lexicon_new_default(&err);
    CHECK(lex != NULL);
    CHECK(ro_lexicon_add_text(lex, "t", list, sizeof list - 1, "test", &err) == 0);
    const ro_matcher *m = ro_lexicon_matcher(lex, "t", &err);
    CHECK(m != NULL);
    if (!m)
        return 1;

    expect(m, "A Frank exchange of\nviews, frank.", "Frank exchange of\nviews=a;frank=b;");
    expect(m, "They REJECTED it; she rejects; rejecting.", "REJECTED=e;rejects=e;rejecting=e;");
    expect(m, "more, or less", "");
    expect(m, "Overlapping positions; overlapping or close positions.",
           "Overlapping positions=d;overlapping or close positions=d;");
    expect(m, "He was willing; he will.", "will=f;");
    expect(m, "Talks may resume in May. May I?", "may=g;May=g;");
    expect(m, "They took note of it and take note of this.", "took note of=h;take note of=h;");
    expect(m, "You should go. Should it fail, go.", "Should=i;");
    expect(m, "Kremlin’s “frank” frank-exchange of views", "frank=b;frank-exchange of views=a;");

    /* as an array */
    size_t na;
    ro_match *arr = ro_match_collect(m, "They took note of the frank exchange of views.",
                                     (ro_span){0, 46}, 0, &na);
    CHECK(na == 2 && arr && arr[0].span.start == 5 && arr[1].nwords == 4 && !arr[0].words);
    free(arr);

    /* every match, overlapping */
    collect all = run(m, "a frank exchange of views", RO_MATCH_ALL);
    CHECK(all.n == 2);
    ro_buf_free(&all.log);

    /* a span longer than the matcher's window: the same matches as short runs */
    ro_buf big = {0};
    size_t reps = 60000;
    for (size_t i = 0; i < reps; i++)
        ro_buf_puts(&big, i % 7 == 3 ? "x frank exchange of views " : "w more or less ");
    collect c = {0};
    c.text = big.data;
    ro_match_run(m, big.data, (ro_span){0, big.len}, 0, on_match, &c);
    size_t want = 0;
    for (size_t i = 0; i < reps; i++)
        want++;
    CHECK(c.n == want);
    CHECK(c.last.span.end == big.len - 1);
    CHECK(c.last.word + c.last.nwords == ro_words(big.data, (ro_span){0, big.len}, NULL, NULL));
    ro_buf_free(&c.log);
    ro_buf_free(&big);

    /* an empty list and malformed phrases */
    CHECK(ro_lexicon_add_text(lex, "bad", "#list bad\nx\t(a\t1\t\n", 17, "bad.tsv", &err) == 0);
    CHECK(ro_lexicon_matcher(lex, "bad", &err) == NULL);
    CHECK(ro_lexicon_compile(lex, "bad", &err) == -1 && ro_lexicon_compile(lex, "t", &err) == 0);
    CHECK(strstr(err.message, "unclosed") != NULL);
    const ro_matcher *empty = ro_lexicon_matcher(lex, "no-such-list", &err);
    CHECK(empty != NULL && ro_matcher_size(empty) == 0);
    collect e = run(empty, "anything at all", 0);
    CHECK(e.n == 0);
    ro_buf_free(&e.log);

    CHECK(bad_words == 0);
    ro_lexicon_free(lex);
    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    else
        printf("test_match: ok\n");
    return failures ? 1 : 0;
}
