/* gen.c: writes N megabytes of realistic-looking readouts, wire reports and
 * transcripts as JSON Lines (one document a line) for the benchmarks.
 *   bench_gen MEGABYTES [SEED] > corpus.jsonl
 *   bench_gen --text MEGABYTES [SEED] > corpus.txt   (documents separated by blank lines)
 * Deterministic for a given seed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 88172645463325252ULL;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}
#define PICK(a) a[rnd(sizeof a / sizeof a[0])]

static const char *first[] = {"Yury", "Maria", "Steve", "Anna", "Wang", "Hugh", "Elena", "Jared",
                              "Sergei", "Laila", "Tomas", "Ingrid", "Kofi", "Priya", "Mateo"};
static const char *last[] = {"Ushakov", "Hill", "Witkoff", "Petrova", "Lindqvist", "Okafor", "Duarte",
                             "Novak", "Haddad", "Brennan", "Kowalski", "Sato", "Mendes", "Varga"};
static const char *title[] = {"Foreign Minister", "Special Envoy", "Aide to the President",
                              "Defence Minister", "Ambassador", "Deputy Prime Minister", "Mr", "Ms", "Dr"};
static const char *verb[] = {"said", "told reporters", "added", "stressed", "noted", "warned",
                             "insisted", "explained", "emphasized", "replied"};
static const char *place[] = {"Moscow", "Geneva", "Beijing", "Washington", "Ankara", "Brussels",
                              "Doha", "Riyadh", "Vienna", "Oslo"};
static const char *clause[] = {
    "the two sides held a frank exchange of views on regional security",
    "some of the proposals appear more or less acceptable to the delegation",
    "the parties agreed to continue contacts at the expert level",
    "the ministry firmly rejects any attempt to set preconditions",
    "positions on the main issues remain overlapping or close rather than identical",
    "the talks were useful and constructive, according to officials familiar with them",
    "a settlement is possible if both sides genuinely want it",
    "the delegation took note of the concerns raised by its partners",
    "no date has been set for the next round of consultations",
    "the sanctions regime will be reviewed in 3.5 months, the U.S. side said",
    "the readout made no mention of the energy agreement signed in Dec. last year",
    "observers expect a joint statement before the end of the week"};
static const char *quote[] = {
    "We are ready to work on this, but not at any price",
    "Some of the American proposals look more or less acceptable",
    "This is not a step we can accept, and we have said so clearly",
    "The conversation was frank, useful and, I would say, substantive",
    "If we genuinely want peace, we have to talk to each other",
    "Nothing is agreed until everything is agreed",
    "We will continue to insist on our position",
    "The so-called compromise is nothing of the kind"};

static void name(char *out, size_t n)
{
    snprintf(out, n, "%s %s", PICK(first), PICK(last));
}

static size_t emit_doc(FILE *f, int jsonl, unsigned id)
{
    char buf[65536];
    size_t len = 0;
    char a[64], b[64];
    name(a, sizeof a);
    name(b, sizeof b);
    const char *sa = strchr(a, ' ') + 1, *sb = strchr(b, ' ') + 1;
    const char *nl = jsonl ? "\\n\\n" : "\n\n";
    const char *oq = jsonl ? "\\u201c" : "\xE2\x80\x9C", *cq = jsonl ? "\\u201d" : "\xE2\x80\x9D";
    int kind = (int)rnd(3);
    if (kind == 2) {
        len += (size_t)snprintf(buf + len, sizeof buf - len, "Press conference in %s%s", PICK(place), nl);
        int turns = 6 + (int)rnd(10);
        for (int t = 0; t < turns && len < sizeof buf - 2048; t++) {
            if (t % 2 == 0)
                len += (size_t)snprintf(buf + len, sizeof buf - len, "Question: Can you comment on what %s said about %s?%s",
                                        sb, PICK(place), nl);
            else
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s %s: %s. And %s. %s.%s",
                                        t == 1 ? PICK(title) : "", t == 1 ? a : sa, PICK(quote), PICK(clause),
                                        PICK(quote), nl);
        }
    } else {
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s, Dec %u (Agency) - %s %s met %s %s on Tuesday, and %s.%s",
                                PICK(place), 1 + rnd(28), PICK(title), a, PICK(title), b, PICK(clause), nl);
        int paras = 5 + (int)rnd(12);
        for (int p = 0; p < paras && len < sizeof buf - 2048; p++) {
            switch (rnd(6)) {
            case 0:
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s,%s %s %s. %s.%s", oq, PICK(quote), cq,
                                        rnd(2) ? sa : sb, PICK(verb), PICK(clause), nl);
                break;
            case 1:
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s %s: %s%s.%s%s", rnd(2) ? sa : sb,
                                        PICK(verb), oq, PICK(quote), cq, nl);
                break;
            case 2:
                len += (size_t)snprintf(buf + len, sizeof buf - len, "According to %s, %s. He called the talks %suseful%s.%s",
                                        a, PICK(clause), oq, cq, nl);
                break;
            default:
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%c%s. Mr %s said that %s. %c%s.%s",
                                        'A' + (char)rnd(1), PICK(clause) + 1, sb, PICK(clause), 'T', PICK(clause) + 1, nl);
            }
        }
    }
    if (len >= 4)
        len -= jsonl ? 4 : 2;
    if (jsonl)
        fprintf(f, "{\"id\":\"doc%u\",\"outlet\":\"bench\",\"text\":\"%.*s\"}\n", id, (int)len, buf);
    else
        fprintf(f, "%.*s\n\n", (int)len, buf);
    return len + 40;
}

int main(int argc, char **argv)
{
    int jsonl = 1, a = 1;
    if (a < argc && !strcmp(argv[a], "--text")) {
        jsonl = 0;
        a++;
    }
    if (a >= argc) {
        fprintf(stderr, "usage: bench_gen [--text] MEGABYTES [SEED]\n");
        return 2;
    }
    double mb = atof(argv[a]);
    if (a + 1 < argc)
        rng ^= strtoull(argv[a + 1], NULL, 10) * 2654435761ULL + 1;
    size_t target = (size_t)(mb * 1e6), total = 0;
    unsigned id = 0;
    while (total < target)
        total += emit_doc(stdout, jsonl, id++);
    return 0;
}
