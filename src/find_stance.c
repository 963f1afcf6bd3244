/* find_stance.c: stance markers — hedges, boosters, conditions, sincerity,
 * commitments, rejections, criticism, agreement and diplomatic distance —
 * sentence by sentence, with negation and the speaker of the quotation a
 * marker sits in.
 *
 * The phrases are the "stance" word list (data/stance.tsv plus the user's
 * files), matched leftmost-longest over the words of each sentence by
 * match.c.  Category "none" marks phrases that look like markers but are
 * not ("as soon as possible", "refused to comment"): they win the longest
 * match and are then dropped.
 *
 * Negation: a negator (not, no, never, a word ending in n't, cannot,
 * without, neither, nor, hardly, failed, ...) among the three words before
 * a marker, in the same clause and not part of another marker (but
 * "refused" and "declined" negate as markers too: "refused to endorse"), negates it;
 * "without", "lack" and "fail" reach two words only.  "not only", "no
 * secret", "no doubt", "not conceal" ... are not negations.  What a negation
 * does depends on the category:
 *   booster   → hedge          ("not fully")
 *   sincerity → criticism      ("had not acted in good faith")
 *   commitment, hedge, condition: unchanged ("will not", "may not")
 *   rejection, criticism, agreement, distance and user categories:
 *             cancelled        ("do not reject", "did not agree")
 * A sentence that ends with a question mark asserts nothing: only its
 * condition markers count.  Nor does a commitment or rejection in an
 * if-clause or an indirect question, or a will/would after "hope",
 * "trust", "expect", "certain that" ... (a prediction): it is kept but not
 * counted, marked hypothetical.  A bare will / would / 'll / going to is a
 * commitment only when it carries a party's own act (modal_is_act: "Russia
 * will offer", not "the meeting will take place", "the move will spur",
 * "he will probably win").  Every marker not counted says why (reason, and
 * the word that gave it, cue).  A phrase quoted as a phrase ("the phrase
 * 'frank exchange of views' is read as ...") is a mention, not a use.
 */
#include "match.h"

const char *const ro_stance_categories[] = {"hedge",      "booster",   "condition",
                                            "sincerity",  "commitment", "rejection",
                                            "criticism",  "agreement", "distance",
                                            NULL};

/* ---- the words around a marker ---------------------------------------------------- */

/* The folded form of a word (see match.h); 0 when it is too long. */
static size_t fold(const char *text, const ro_word *w, char *out)
{
    return ro_word_fold(text, w, out, RO_WORD_MAX);
}

/* Words that matter around a marker, kept in sorted order. */
enum {
    W_NEG = 1,       /* a negator */
    W_SHORT = 2,     /* ... that reaches only the next two words */
    W_UNDO = 4,      /* after a negator, undoes it: "not only", "no secret", "not conceal" */
    W_IF = 8,        /* opens an if-clause */
    W_AND = 16,      /* ends the look-back for frames */
    W_WHETHER = 32,  /* opens an indirect question */
    W_PRONOUN = 64,  /* a subject pronoun */
    W_EXPECT = 128,  /* hope, expectation: "we trust that ... will" */
    W_REFUSE = 256   /* a refusal that negates even as a marker itself: "refused to endorse" */
};

typedef struct {
    const char *w;
    unsigned flags;
} word_class;

static const word_class classes[] = {
    {"and", W_AND},
    {"barely", W_NEG},
    {"believe", W_EXPECT},
    {"believes", W_EXPECT},
    {"but", W_AND},
    {"cannot", W_NEG},
    {"certain", W_EXPECT},
    {"conceal", W_UNDO},
    {"declined", W_NEG|W_SHORT|W_REFUSE},
    {"confident", W_EXPECT},
    {"convinced", W_EXPECT},
    {"disguise", W_UNDO},
    {"doubt", W_UNDO},
    {"expect", W_EXPECT},
    {"expected", W_EXPECT},
    {"expects", W_EXPECT},
    {"fail", W_NEG|W_SHORT},
    {"failed", W_NEG|W_SHORT},
    {"failing", W_NEG|W_SHORT},
    {"fails", W_NEG|W_SHORT},
    {"hardly", W_NEG},
    {"he", W_PRONOUN},
    {"hide", W_UNDO},
    {"hope", W_EXPECT},
    {"hoped", W_EXPECT},
    {"hopes", W_EXPECT},
    {"hoping", W_EXPECT},
    {"how", W_WHETHER},
    {"i", W_PRONOUN},
    {"if", W_IF},
    {"just", W_UNDO},
    {"lack", W_NEG|W_SHORT},
    {"lacked", W_NEG|W_SHORT},
    {"lacking", W_NEG|W_SHORT},
    {"least", W_UNDO},
    {"less", W_UNDO},
    {"likely", W_EXPECT},
    {"matter", W_UNDO},
    {"neither", W_NEG},
    {"never", W_NEG},
    {"no", W_NEG},
    {"nobody", W_NEG},
    {"none", W_NEG},
    {"nor", W_NEG},
    {"not", W_NEG},
    {"nothing", W_NEG},
    {"only", W_UNDO},
    {"possible", W_EXPECT},
    {"refuse", W_NEG|W_SHORT|W_REFUSE},
    {"refused", W_NEG|W_SHORT|W_REFUSE},
    {"refuses", W_NEG|W_SHORT|W_REFUSE},
    {"refusing", W_NEG|W_SHORT|W_REFUSE},
    {"secret", W_UNDO},
    {"she", W_PRONOUN},
    {"sure", W_EXPECT},
    {"they", W_PRONOUN},
    {"trust", W_EXPECT},
    {"trusts", W_EXPECT},
    {"unable", W_NEG|W_SHORT},
    {"unclear", W_EXPECT},
    {"unless", W_IF},
    {"we", W_PRONOUN},
    {"whether", W_WHETHER},
    {"without", W_NEG|W_SHORT},
    {"you", W_PRONOUN}};


static unsigned word_flags(const char *w, size_t n)
{
    if (n > 3 && memcmp(w + n - 3, "n't", 3) == 0)
        return W_NEG;
    if (n == 0 || n > 9)
        return 0;
    /* the first entry with w's first letter (the table is sorted), then
     * the few entries that share it */
    size_t lo = 0, hi = sizeof classes / sizeof classes[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((unsigned char)classes[mid].w[0] < (unsigned char)w[0])
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < sizeof classes / sizeof classes[0] && classes[k].w[0] == w[0]; k++)
        if (strcmp(classes[k].w, w) == 0)
            return classes[k].flags;
    return 0;
}

typedef struct {
    const char *text;
    ro_span sent;
    size_t sentence;
    bool question;
    ro_marker *out;
    size_t n, cap;
    size_t sent_first; /* index of the sentence's first marker in out */
    struct {
        const char *p;
        int code;
    } cache[64];
} find_ctx;

/* Is byte offset p inside a counted marker of this sentence? */
static bool inside_marker(const find_ctx *c, size_t p)
{
    for (size_t i = c->n; i > c->sent_first; i--) {
        const ro_marker *m = &c->out[i - 1];
        if (m->span.start <= p && p < m->span.end)
            return true;
        if (m->span.end <= p)
            break;
    }
    return false;
}

/* Is there a negator among the three words before the match, in the same
 * clause (no punctuation but hyphens between)? */
static bool negated_before(const find_ctx *c, const ro_match *mt, ro_span *cue)
{
    const ro_word *ws = mt->words;
    unsigned next_flags = 0; /* flags of the word after the current one */
    for (size_t k = 0; k < 3 && k < mt->before; k++) {
        if (ws[-(ptrdiff_t)k].flags & RO_W_BREAK)
            return false;
        const ro_word *w = &ws[-(ptrdiff_t)k - 1];
        char f[RO_WORD_MAX];
        size_t fl = fold(c->text, w, f);
        unsigned fw = fl ? word_flags(f, fl) : 0;
        if ((fw & W_NEG) && ((fw & W_REFUSE) || !inside_marker(c, w->start)) &&
            !(k == 2 && (fw & W_SHORT))) {
            if (k == 0) { /* the marker's own first word: "not only", "no doubt" */
                char g[RO_WORD_MAX];
                size_t gl = fold(c->text, &ws[0], g);
                next_flags = gl ? word_flags(g, gl) : 0;
            }
            if (!(next_flags & W_UNDO)) {
                cue->start = w->start;
                cue->end = w->end;
                return true;
            }
        }
        next_flags = fw;
    }
    return false;
}

/* What frames a commitment or rejection so that it is not asserted: an
 * if-clause ("if parliament refuses"), an indirect question ("whether they
 * would meet"), or, for will/would/shall, a hope or expectation ("we trust
 * that our partners will act": a prediction, not a pledge).  Looks back up
 * to ten words in the same clause. */
static bool hypothetical(const find_ctx *c, const ro_match *mt, bool modal, const char **why,
                         ro_span *cue)
{
    const ro_word *ws = mt->words;
    int pronoun_at = -1; /* nearest subject pronoun: "if X continue we will" is the main clause */
    bool after_that = false; /* the word after the current one is "that" */
    for (size_t k = 0; k < 10 && k < mt->before; k++) {
        if (ws[-(ptrdiff_t)k].flags & RO_W_BREAK)
            return false;
        const ro_word *w = &ws[-(ptrdiff_t)k - 1];
        char f[RO_WORD_MAX];
        size_t fl = fold(c->text, w, f);
        if (!fl)
            continue;
        unsigned fw = word_flags(f, fl);
        if (fw & W_AND)
            return false;
        if (fw & W_IF) {
            char g[RO_WORD_MAX] = "";
            if (k + 1 < mt->before && !(w->flags & RO_W_BREAK))
                fold(c->text, &ws[-(ptrdiff_t)k - 2], g);
            if (strcmp(g, "as") != 0 && strcmp(g, "even") != 0 &&
                !(pronoun_at >= 0 && pronoun_at < (int)k - 1)) {
                *why = "if-clause";
                *cue = (ro_span){w->start, w->end};
                return true;
            }
        }
        if (fw & W_WHETHER) {
            *why = "indirect question";
            *cue = (ro_span){w->start, w->end};
            return true;
        }
        if (modal && (fw & W_EXPECT) && after_that) {
            *why = "expectation";
            *cue = (ro_span){w->start, w->end};
            return true;
        }
        if ((fw & W_PRONOUN) && pronoun_at < 0)
            pronoun_at = (int)k;
        after_that = fl == 4 && !memcmp(f, "that", 4);
    }
    return false;
}

/* Is the marker a mention of the words rather than a use: quoted as a whole
 * right after "the phrase", "the word", "the term" ... ("the phrase
 * \u201cfrank exchange of views\u201d is usually read as ...")? */
static bool is_mention(const find_ctx *c, const ro_match *mt)
{
    static const char *const nouns[] = {"phrase", "phrases", "word", "words", "term", "terms",
                                        "expression", "formula", "formulation", "wording",
                                        "adjective", "euphemism", "label", NULL};
    const unsigned char *t = (const unsigned char *)c->text;
    size_t a = mt->span.start, b = mt->span.end, l;
    if (a <= c->sent.start || b >= c->sent.end || !mt->before)
        return false;
    int32_t open = ro_utf8_decode_prev(t, a, &l);
    int32_t close = ro_utf8_decode(t, c->sent.end, b, &l);
    if (!((open == 0x201C && close == 0x201D) || (open == 0x2018 && close == 0x2019) ||
          (open == '"' && close == '"') || (open == '\'' && close == '\'') ||
          (open == 0xAB && close == 0xBB)))
        return false;
    char f[RO_WORD_MAX];
    if (!fold(c->text, &mt->words[-1], f))
        return false;
    for (size_t i = 0; nouns[i]; i++)
        if (!strcmp(f, nouns[i]))
            return true;
    return false;
}

static bool is_modal(const find_ctx *c, const ro_match *mt)
{
    char f[RO_WORD_MAX];
    size_t n = fold(c->text, &mt->words[0], f);
    return (n == 4 && !strcmp(f, "will")) || (n == 5 && !strcmp(f, "would")) ||
           (n == 5 && !strcmp(f, "shall")) || (n > 3 && !strcmp(f + n - 3, "'ll")) ||
           (n > 4 && !strcmp(f, "won't"));
}

/* Is f (folded, n bytes) one of the words of list (NULL-terminated)? */
static bool in_list(const char *f, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && !memcmp(list[i], f, n))
            return true;
    return false;
}

/* Adverbs skipped between a subject, the modal and its verb ("Russia will
 * also offer", "we would certainly not"). */
static const char *const modal_adverbs[] = {
    "also", "still", "then", "now", "soon", "certainly", "definitely", "surely", "never", "not",
    "only", "indeed", "immediately", "eventually", "again", "further", "always", "all", "both",
    "each", "really", "actually", "quickly", "fully", "firmly", "continue", "just", "therefore",
    "thus", "in", "turn", "no", "longer", "automatically", "ever", NULL};
/* Adverbs after the modal that make it a forecast ("will probably use"). */
static const char *const modal_forecast[] = {"probably", "likely", "possibly", "perhaps", "presumably",
                                             "inevitably", "undoubtedly", NULL};
/* Subjects that are no party: "it will rain", "that would permit", "there will be". */
static const char *const modal_nonagents[] = {
    "it", "that", "this", "there", "which", "what", "these", "those", "nothing", "everything",
    "something", "anything", "it'll", "that'll", "there'll", "it's", "that's", "there's", NULL};
/* Common nouns that name a party able to act on its own. */
static const char *const modal_parties[] = {
    "i", "we", "you", "he", "she", "they", "who", "i'll", "we'll", "you'll", "he'll", "she'll",
    "they'll", "i'm", "we're", "you're", "he's", "she's", "they're", "government", "governments",
    "administration", "president", "minister", "ministers", "ministry", "leader", "leaders", "side",
    "sides", "party", "parties", "country", "countries", "state", "states", "nation", "nations",
    "union", "unions", "council", "court", "campaign", "senator", "senators", "congress",
    "parliament", "committee", "members", "member", "allies", "ally", "officials", "delegation",
    "delegations", "company", "authorities", "army", "military", "police", "chancellor", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "mayor", "governor", "board", "bank", "judge",
    "partners", "partner", "capital", "capitals", "team", "candidate", "nominee", "envoy", "republicans",
    "democrats", "lawmakers", "city", "kingdom", "republic", "troops", "forces", "navy", "embassy",
    "bloc", "alliance", "organisation", "organization", "premier", "prime", "i'd", "we'd", "he'd",
    "she'd", "they'd", "presidents", "chancellors", "secretaries", "governors", "mayors", "judges",
    "courts", "ministries", "premiers", "governments", NULL};
/* Verbs after will/would that make an event, a forecast or a schedule, not
 * a party's act: "the meeting will take place", "the move will spur",
 * "she will visit Capitol Hill on Thursday". */
static const char *const modal_event_verbs[] = {
    "be", "have", "happen", "take", "cost", "affect", "mean", "matter", "spur", "expand",
    "grow", "fall", "rise", "come", "result", "lead", "need", "depend", "seem", "appear",
    "look", "make", "get", "follow", "become", "visit", "hold", "meet",
    "attend", "travel", "arrive", "moderate", "premiere", "finish", "host", "fly", "convene", "last",
    "expire", "see", "prevail", "go", "permit", "allow", "help", "require", "face", "find", "feel",
    "tell", "decide", "try", "say", "think", "know", "like", "love", "prefer", "want", "win",
    "lose", "kill", "ask", "pick", "read", "receive", NULL};

/* Is the will / would / 'll / going to that starts this commitment a
 * party's own act ("Russia will offer", "we would sign it")?  Not when its
 * subject is no party ("it will", "the legislation would", "U.S. output
 * will expand") or, unless the subject is "I" or "we", when its verb makes
 * an event or a schedule ("the meeting will take place", "she will visit",
 * "would have", "will have to") or an adverb makes it a forecast ("he will
 * probably"); nor "was going to".  A verb joined by "and" to a clause
 * before ("Castavia hopes ... and will work") has that clause's subject. */
enum { SUBJ_NONE, SUBJ_FIRST, SUBJ_PARTY };
static bool modal_is_act(const find_ctx *c, const ro_match *mt, const char **why, ro_span *cue)
{
    const ro_word *ws = mt->words;
    char f[RO_WORD_MAX];
    size_t n = fold(c->text, &ws[0], f);
    bool going = n == 5 && !memcmp(f, "going", 5);
    int subj = SUBJ_NONE;
    if (n > 3 && !strcmp(f + n - 3, "'ll")) { /* "we'll", "he'll": the subject is in the word */
        *cue = (ro_span){ws[0].start, ws[0].end};
        if (in_list(f, n, modal_nonagents)) {
            *why = "no party as subject";
            return false;
        }
        subj = (f[0] == 'i' || f[0] == 'w') ? SUBJ_FIRST : SUBJ_PARTY;
    } else {
        /* the subject: the nearest word before that is not an adverb */
        for (size_t b = 0; b < mt->before && b < 4; b++) {
            const ro_word *w = &ws[-(ptrdiff_t)b - 1];
            if (ws[-(ptrdiff_t)b].flags & RO_W_BREAK) {
                *why = "no subject"; /* "..., will": the subject is too far to judge */
                return false;
            }
            size_t sl = fold(c->text, w, f);
            if (!sl)
                break;
            *cue = (ro_span){w->start, w->end};
            if (going && (!strcmp(f, "was") || !strcmp(f, "were"))) {
                *why = "past intention";
                return false;
            }
            if (in_list(f, sl, modal_adverbs) ||
                (going && (!strcmp(f, "is") || !strcmp(f, "are") || !strcmp(f, "am") ||
                           !strcmp(f, "be") || !strcmp(f, "'s") || !strcmp(f, "'re"))))
                continue;
            if (!strcmp(f, "and") || !strcmp(f, "but") || !strcmp(f, "or")) {
                subj = SUBJ_PARTY;
                break;
            }
            if (in_list(f, sl, modal_nonagents)) {
                /* "the ministry said it would": a party named by "it" after a reporting verb */
                if (sl == 2 && b + 1 < mt->before && !(w->flags & RO_W_BREAK)) {
                    char g[RO_WORD_MAX];
                    size_t gl = fold(c->text, &ws[-(ptrdiff_t)b - 2], g);
                    static const char *const said[] = {"said", "says", "added", "stated",
                                                       "announced", "declared", "promised",
                                                       "pledged", "insisted", "vowed", "confirmed",
                                                       NULL};
                    if (in_list(g, gl, said)) {
                        subj = SUBJ_PARTY;
                        break;
                    }
                }
                *why = "no party as subject";
                return false;
            }
            if (!strcmp(f, "i") || !strcmp(f, "we") || !strcmp(f, "i'm") || !strcmp(f, "we're"))
                subj = SUBJ_FIRST;
            else if (in_list(f, sl, modal_parties) || (w->flags & RO_W_CAP))
                subj = SUBJ_PARTY; /* a name: "Russia will", "the Security Council will" */
            else {
                *why = "no party as subject";
                return false;
            }
            break;
        }
    }
    /* the verb: the first word after the phrase that is not an adverb */
    bool neg = false;
    for (size_t k = mt->nwords; k < mt->after; k++) {
        if (ws[k].flags & RO_W_BREAK)
            break; /* "he said he would." */
        size_t vl = fold(c->text, &ws[k], f);
        if (in_list(f, vl, modal_forecast)) {
            if (subj == SUBJ_FIRST)
                continue; /* "we will probably send": a hedged intention */
            *cue = (ro_span){ws[k].start, ws[k].end};
            *why = "forecast";
            return false;
        }
        if ((vl == 3 && !memcmp(f, "not", 3)) || (vl == 5 && !memcmp(f, "never", 5)) ||
            (vl > 3 && !memcmp(f + vl - 3, "n't", 3)))
            neg = true;
        if (in_list(f, vl, modal_adverbs) || (vl > 3 && !memcmp(f + vl - 3, "n't", 3)))
            continue;
        bool be_have = (vl == 2 && !memcmp(f, "be", 2)) || (vl == 4 && !memcmp(f, "have", 4)) ||
                       (vl == 3 && !memcmp(f, "see", 3)); /* "we will see" */
        if ((be_have || subj != SUBJ_FIRST) && in_list(f, vl, modal_event_verbs)) {
            /* "will have more to say", "would take measures", "will be ready to" */
            char g[RO_WORD_MAX] = "";
            if (k + 1 < mt->after) /* across a quotation mark: would take "further measures" */
                fold(c->text, &ws[k + 1], g);
            static const char *const have_act[] = {"more", "no", NULL};
            static const char *const take_act[] = {"measures", "action", "steps", "all", "further",
                                                   "every", "responsibility", "part", "a", "an", "no",
                                                   "any", "over", "up", NULL};
            static const char *const be_act[] = {"ready", "willing", "prepared", "open", "there",
                                                 "able", NULL};
            size_t gl = strlen(g);
            bool act = (vl == 4 && !memcmp(f, "have", 4) && in_list(g, gl, have_act)) ||
                       (vl == 4 && !memcmp(f, "take", 4) && in_list(g, gl, take_act)) ||
                       (vl == 2 && !memcmp(f, "be", 2) &&
                        (in_list(g, gl, be_act) ||
                         /* "would not be recognised": a refusal in the passive */
                         (neg && subj != SUBJ_NONE && gl > 2 && !strcmp(g + gl - 2, "ed"))));
            if (!act) {
                *cue = (ro_span){ws[k].start, ws[k].end};
                *why = "event or schedule";
                return false;
            }
        }
        break;
    }
    return true;
}

static bool is_going_to(const find_ctx *c, const ro_match *mt)
{
    char f[RO_WORD_MAX];
    size_t n = fold(c->text, &mt->words[0], f);
    return mt->nwords == 2 && n == 5 && !strcmp(f, "going");
}

/* Is the word after the match a number, in the same clause ("some 300")? */
static bool next_is_number(const find_ctx *c, const ro_match *mt)
{
    if (mt->nwords >= mt->after)
        return false;
    const ro_word *w = &mt->words[mt->nwords];
    if (c->text[w->start] >= '0' && c->text[w->start] <= '9')
        /* "some 300", "some $8.8 billion": a currency sign may come between */
        return !(w->flags & RO_W_BREAK) ||
               (w->start > 0 && (c->text[w->start - 1] == '$' || c->text[w->start - 1] == '#' ||
                                 (unsigned char)c->text[w->start - 1] >= 0x80));
    char f[RO_WORD_MAX];
    size_t n = fold(c->text, w, f);
    static const char *const numbers[] = {"two", "three", "four", "five", "six", "seven", "eight",
                                          "nine", "ten", "twelve", "twenty", "thirty", "forty",
                                          "fifty", "hundred", "hundreds", "thousand", "thousands",
                                          "million", "millions", "billion", "dozen", "half", NULL};
    return !(w->flags & RO_W_BREAK) && in_list(f, n, numbers);
}

/* "some" and "some of" standing for unnamed members of a group ("some
 * liberal activists", "some richer countries", "some of these families",
 * "some of them union members") are no hedge; "some restraint", "some
 * progress", "some of its provisions" and "some of the harshest sanctions"
 * are. */
static bool some_is_group(const find_ctx *c, const ro_match *mt)
{
    char f[RO_WORD_MAX];
    size_t n = fold(c->text, &mt->words[0], f);
    if (n != 4 || memcmp(f, "some", 4) != 0 || mt->nwords > 2)
        return false;
    static const char *const people[] = {
        "families", "people", "voters", "members", "activists", "leaders", "lawmakers",
        "republicans", "democrats", "supporters", "critics", "officials", "americans", "citizens",
        "residents", "workers", "students", "analysts", "experts", "us", "whom", "delegates",
        "donors", "refugees", "migrants", "countries", "states", "nations", "governments",
        "observers", "diplomats", "economists", "scholars", "commentators", "investors", NULL};
    const ro_word *ws = mt->words;
    for (size_t k = mt->nwords; k < mt->nwords + 4 && k < mt->after; k++) {
        if (ws[k].flags & RO_W_BREAK)
            break;
        size_t l = fold(c->text, &ws[k], f);
        if ((l == 4 && !memcmp(f, "most", 4)) || (l > 5 && !memcmp(f + l - 3, "est", 3)))
            return false; /* "some of its weakest countries": a partitive before a superlative */
        if (in_list(f, l, people))
            return true;
    }
    return false;
}

/* "noted" as "took note of" names what was noted: a position, a proposal,
 * a statement ("noted the Meridian side's position"); otherwise it is "said"
 * or "mentioned" ("Clinton noted the clot's existence"). */

/* Is one of the words of list within lim words after the match (not across a clause break)? */
static bool object_within(const find_ctx *c, const ro_match *mt, const char *const *list, size_t lim)
{
    char f[RO_WORD_MAX];
    for (size_t k = 1; k <= lim && k < mt->after; k++) {
        if (mt->words[k].flags & RO_W_BREAK)
            break;
        size_t l = fold(c->text, &mt->words[k], f);
        if (in_list(f, l, list))
            return true;
    }
    return false;
}

static bool noted_without_position(const find_ctx *c, const ro_match *mt)
{
    char f[RO_WORD_MAX];
    size_t n = fold(c->text, &mt->words[0], f);
    if (mt->nwords != 1 || !((n == 5 && !memcmp(f, "noted", 5)) || (n == 5 && !memcmp(f, "notes", 5)) ||
                             (n == 6 && !memcmp(f, "noting", 6))))
        return false;
    static const char *const objects[] = {
        "position", "positions", "proposal", "proposals", "statement", "statements", "decision",
        "decisions", "explanation", "explanations", "concerns", "concern", "views", "view",
        "stance", "wish", "request", "requests", "assurances", "assurance", "intention",
        "intentions", "plan", "plans", "initiative", "initiatives", "approach", "interest",
        "readiness", "willingness", "desire", "arguments", "argument", "objections", "reply",
        "response", "position's", NULL};
    return !object_within(c, mt, objects, 6);
}

/* "welcome" and "back" are agreement with a decision, a plan, a candidate
 * ("welcomed the court's decision", "back the mayor's plan"), not a
 * greeting or a movement ("welcomed 3,000 delegates", "backed away"): an
 * object of that kind must follow within five words. */
static bool welcome_back_without_object(const find_ctx *c, const ro_match *mt)
{
    char f[RO_WORD_MAX];
    size_t n = fold(c->text, &mt->words[0], f);
    if (mt->nwords != 1 || !(n >= 4 && (!memcmp(f, "welcom", n < 6 ? n : 6) || !memcmp(f, "back", 4))))
        return false;
    static const char *const objects[] = {
        "decision", "decisions", "move", "proposal", "proposals", "agreement", "announcement",
        "initiative", "statement", "step", "steps", "resolution", "outcome", "progress", "efforts",
        "effort", "commitment", "news", "ruling", "verdict", "report", "plan", "plans", "deal",
        "idea", "offer", "release", "ceasefire", "bill", "measure", "measures", "candidate",
        "candidacy", "motion", "call", "policy", "policies", "reform", "reforms", "proposals",
        "nomination", "nominee", "law", "treaty", "accord", "compromise", "budget", "approach",
        "position", "stance", "sanctions", "invitation", "talks", "dialogue", NULL};
    return !object_within(c, mt, objects, 5);
}

/* "support" that is no backing of a position: a poll share ("supported by
 * 42 percent", "38 percent support"), a modifier ("Clinton-Supporting"),
 * support relied on ("depend on American support"). */
static bool support_not_backing(const find_ctx *c, const ro_match *mt)
{
    char f[RO_WORD_MAX];
    size_t n = fold(c->text, &mt->words[0], f);
    if (n < 7 || memcmp(f, "support", 7) != 0)
        return false;
    if (mt->span.start > 0 && c->text[mt->span.start - 1] == '-')
        return true;
    const ro_word *ws = mt->words;
    for (size_t k = 0; k < 3 && k < mt->before; k++) {
        if (ws[-(ptrdiff_t)k].flags & RO_W_BREAK)
            break;
        size_t l = fold(c->text, &ws[-(ptrdiff_t)k - 1], f);
        if ((l == 7 && !memcmp(f, "percent", 7)) || (l == 2 && !memcmp(f, "on", 2)))
            return true;
    }
    for (size_t k = mt->nwords; k < mt->nwords + 4 && k < mt->after; k++) {
        if (ws[k].flags & RO_W_BREAK)
            break;
        size_t l = fold(c->text, &ws[k], f);
        if (l == 7 && !memcmp(f, "percent", 7))
            return true;
    }
    return false;
}

enum { CAT_HEDGE, CAT_BOOSTER, CAT_CONDITION, CAT_SINCERITY, CAT_COMMITMENT, CAT_REJECTION,
       CAT_CRITICISM, CAT_AGREEMENT, CAT_DISTANCE, CAT_NONE, CAT_USER };

/* The category code of an entry, remembered by the category string's
 * address (each entry has its own copy, so the cache is per entry). */
static int category_code(find_ctx *c, const char *cat)
{
    size_t h = ((uintptr_t)cat >> 3) & 63;
    if (c->cache[h].p == cat)
        return c->cache[h].code;
    int code = CAT_USER;
    if (!strcmp(cat, "none"))
        code = CAT_NONE;
    else
        for (int i = 0; ro_stance_categories[i]; i++)
            if (!strcmp(ro_stance_categories[i], cat))
                code = i;
    c->cache[h].p = cat;
    c->cache[h].code = code;
    return code;
}

static int on_match(const ro_match *mt, void *vctx)
{
    find_ctx *c = vctx;
    const ro_lex_entry *e = mt->entry;
    int code = category_code(c, e->category);
    if (code == CAT_NONE)
        return 0;
    /* "some 300 delegates": an approximate number, not a hedge */
    if (code == CAT_HEDGE && mt->nwords == 1 && next_is_number(c, mt))
        return 0;
    /* the first letter, to skip the checks below cheaply */
    char first = (char)(c->text[mt->span.start] | 0x20);
    if (code == CAT_HEDGE && first == 's' && some_is_group(c, mt))
        return 0;
    if (code == CAT_DISTANCE && first == 'n' && noted_without_position(c, mt))
        return 0;
    if (code == CAT_AGREEMENT &&
        ((first == 's' && support_not_backing(c, mt)) ||
         ((first == 'w' || first == 'b') && welcome_back_without_object(c, mt))))
        return 0;
    const char *entry_cat = code < CAT_NONE ? ro_stance_categories[code] : e->category;
    /* the same words already marked in this category (one phrase listed twice) */
    for (size_t k = c->n; k > c->sent_first; k--) {
        const ro_marker *o = &c->out[k - 1];
        if (o->span.start != mt->span.start || o->span.end != mt->span.end)
            break;
        if (o->entry_category == entry_cat || strcmp(o->entry_category, entry_cat) == 0)
            return 0;
    }
    ro_marker m = {0};
    m.span = mt->span;
    m.entry_category = entry_cat;
    m.category = entry_cat;
    m.phrase_entry = e->phrase;
    m.note = e->note;
    m.weight = e->weight;
    m.sentence = c->sentence;
    m.question = c->question;
    m.counted = true;
    /* a marker sharing the span of the one before shares its negation */
    const ro_marker *prev = c->n > c->sent_first ? &c->out[c->n - 1] : NULL;
    if (prev && prev->span.start == m.span.start && prev->span.end == m.span.end) {
        m.negated = prev->negated;
        if (m.negated)
            m.cue = prev->cue;
    }
    else
        m.negated = negated_before(c, mt, &m.cue);
    int eff = code;
    if (m.negated) {
        switch (code) {
        case CAT_BOOSTER: eff = CAT_HEDGE; break;
        case CAT_SINCERITY: eff = CAT_CRITICISM; break;
        case CAT_COMMITMENT: case CAT_HEDGE: case CAT_CONDITION: break;
        default: m.counted = false;
        }
        if (eff != code)
            m.category = ro_stance_categories[eff];
    }
    if (m.negated)
        m.reason = "negated"; /* cue: the negator */
    if (c->question && eff != CAT_CONDITION) {
        m.counted = false;
        m.reason = "question";
        m.cue = (ro_span){0, 0};
    }
    if (is_mention(c, mt)) {
        m.mention = true;
        m.counted = false;
        m.reason = "mention";
        m.cue = (ro_span){mt->words[-1].start, mt->words[-1].end}; /* "the phrase" */
    }
    if ((eff == CAT_COMMITMENT || eff == CAT_REJECTION) && m.counted &&
        hypothetical(c, mt, eff == CAT_COMMITMENT && is_modal(c, mt), &m.reason, &m.cue)) {
        m.hypothetical = true;
        m.counted = false;
    }
    if (eff == CAT_COMMITMENT && m.counted && code == CAT_COMMITMENT &&
        ((mt->nwords == 1 && is_modal(c, mt)) || is_going_to(c, mt))) {
        const char *why = "a party's act";
        ro_span cue = {0, 0};
        if (!modal_is_act(c, mt, &why, &cue))
            m.counted = false;
        if (!m.negated || !m.counted) {
            m.reason = why;
            m.cue = cue;
        }
    }
    RO_PUSH(c->out, c->n, c->cap, m);
    return 0;
}

/* Does the sentence end with a question mark (before closing marks)? */
static bool is_question(const char *text, ro_span s)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = s.end;
    while (i > s.start) {
        size_t l;
        int32_t cp = ro_utf8_decode_prev(t, i, &l);
        if (cp == '?')
            return true;
        if (cp == '"' || cp == '\'' || cp == ')' || cp == 0x201D || cp == 0x2019 ||
            cp == 0xBB || ro_cp_is_space(cp)) {
            i -= l;
            continue;
        }
        return false;
    }
    return false;
}

/* Give each marker the speaker of the innermost quotation holding it. */
static void attribute(ro_doc *doc, const ro_lexicon *lex, ro_marker *ms, size_t n)
{
    size_t nq;
    const ro_quote *qs = ro_doc_quotes(doc, lex, &nq);
    if (!nq || !n)
        return;
    /* quotations by start (ties: the longer, i.e. outer, first) */
    size_t *ord = ro_xmalloc(nq * sizeof *ord);
    for (size_t i = 0; i < nq; i++)
        ord[i] = i;
    for (size_t i = 1; i < nq; i++) { /* insertion sort: quotations are few and nearly sorted */
        size_t k = ord[i], j = i;
        while (j > 0 && (qs[ord[j - 1]].text.start > qs[k].text.start ||
                         (qs[ord[j - 1]].text.start == qs[k].text.start &&
                          qs[ord[j - 1]].text.end < qs[k].text.end))) {
            ord[j] = ord[j - 1];
            j--;
        }
        ord[j] = k;
    }
    size_t *stack = ro_xmalloc(nq * sizeof *stack);
    size_t depth = 0, next = 0;
    for (size_t i = 0; i < n; i++) {
        ro_marker *m = &ms[i];
        while (next < nq && qs[ord[next]].text.start <= m->span.start) {
            /* drop quotations that ended before this one starts */
            while (depth && qs[stack[depth - 1]].text.end <= qs[ord[next]].text.start)
                depth--;
            stack[depth++] = ord[next++];
        }
        while (depth && qs[stack[depth - 1]].text.end <= m->span.start)
            depth--;
        for (size_t k = depth; k > 0; k--) {
            const ro_quote *q = &qs[stack[k - 1]];
            if (q->text.start <= m->span.start && m->span.end <= q->text.end) {
                m->quoted = true;
                m->speaker = q->speaker;
                break;
            }
        }
    }
    free(stack);
    free(ord);
}

const ro_marker *ro_doc_stance(ro_doc *doc, const ro_lexicon *lex, size_t *count)
{
    if (doc->stanced) {
        *count = doc->nmarkers;
        return doc->markers;
    }
    doc->stanced = true;
    ro_error err;
    const ro_matcher *mt = lex ? ro_lexicon_matcher(lex, "stance", &err) : NULL;
    size_t ns;
    const ro_span *ss = ro_doc_sentences(doc, &ns);
    find_ctx c = {0};
    c.text = doc->text;
    if (mt) {
        for (size_t i = 0; i < ns; i++) {
            c.sent = ss[i];
            c.sentence = i;
            c.question = is_question(doc->text, ss[i]);
            c.sent_first = c.n;
            ro_match_run(mt, doc->text, ss[i], 0, on_match, &c);
        }
    }
    if (lex)
        attribute(doc, lex, c.out, c.n);
    doc->markers = c.out;
    doc->nmarkers = c.n;
    *count = c.n;
    return c.out;
}
