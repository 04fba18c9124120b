/*
 * Unit tests for the snippet maker (lib/snip.c and its parts, see
 * lib/snipctx.h): a table of snippets rendered as display text
 * with [brackets] around the hits (stems, phrases, merging, weights,
 * fragments and gaps, sentence starts, CJK words and bigrams, wildcards,
 * no match, whole text, bad bytes), snip_flatten against hand-made spans,
 * and property tests over random texts: every span on a character
 * boundary, fragments cut only between words, the character budget kept,
 * and the flattened text consistent with its highlight offsets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "snip.h"
#include "tok.h"
#include "util.h"

#define ELL "\xE2\x80\xA6" /* … */

static tok *tk;
static size_t stem_calls;

/* A toy stemmer: strips "ing", "ed" or "s", then one letter of a doubled
 * l, p or t ("controlled" -> "control", "controls" -> "control"). */
static int
fake_stem(void *ctx, const char *t, size_t n, buf *out)
{
	(void)ctx;
	stem_calls++;
	if (n > 5 && !memcmp(t + n - 3, "ing", 3))
		n -= 3;
	else if (n > 4 && !memcmp(t + n - 2, "ed", 2))
		n -= 2;
	else if (n > 3 && t[n - 1] == 's')
		n--;
	if (n > 3 && t[n - 1] == t[n - 2] && strchr("lpt", t[n - 1]))
		n--;
	buf_add(out, t, n);
	return 0;
}

/* A stemmer in the manner of Snowball's: lowercase ASCII suffixes go
 * ("studies" -> "studi", "study" -> "studi", "controlled" -> "control"),
 * Porter's exceptions ("dying" -> "die"), and, as the German stemmer does,
 * umlauts lose their dots and sharp s becomes ss ("Häuser" -> "haus"). */
static int
en_stem(void *ctx, const char *t, size_t n, buf *out)
{
	static const char *const ex[][2] = {
		{"dying", "die"}, {"lying", "lie"}, {"tying", "tie"}};
	char w[80];
	size_t i, k = 0;

	(void)ctx;
	stem_calls++;
	for (i = 0; i < sizeof ex / sizeof *ex; i++) {
		if (n == strlen(ex[i][0]) && !memcmp(t, ex[i][0], n)) {
			buf_adds(out, ex[i][1]);
			return 0;
		}
	}
	for (i = 0; i < n && k + 2 < sizeof w; i++) {
		if (i + 1 < n && (!memcmp(t + i, "\xC3\xA4", 2) ||
				  !memcmp(t + i, "\xC3\xB6", 2) ||
				  !memcmp(t + i, "\xC3\xBC", 2))) {
			w[k++] = t[i + 1] == '\xA4' ? 'a'
				 : t[i + 1] == '\xB6' ? 'o'
						       : 'u';
			i++;
		} else if (i + 1 < n && !memcmp(t + i, "\xC3\x9F", 2)) {
			w[k++] = 's';
			w[k++] = 's';
			i++;
		} else {
			w[k++] = t[i];
		}
	}
	n = k;
	if (n > 4 && !memcmp(w + n - 3, "ies", 3))
		n -= 2;
	else if (n > 5 && !memcmp(w + n - 3, "ing", 3))
		n -= 3;
	else if (n > 4 && !memcmp(w + n - 2, "ed", 2))
		n -= 2;
	else if (n > 4 && !memcmp(w + n - 2, "er", 2))
		n -= 2;
	else if (n > 3 && w[n - 1] == 's')
		n--;
	if (n > 3 && w[n - 1] == 'y')
		w[n - 1] = 'i';
	if (n > 3 && w[n - 1] == w[n - 2] && strchr("lpt", w[n - 1]))
		n--;
	buf_add(out, w, n);
	return 0;
}

/* Patterns from specs: "[w=N:][g=N:][*~^#]word word ...": w= weight
 * (default 1), g= group (default: the pattern's index), * prefix, ~ the
 * words are also the stems, ^ the stems are en_stem's, # bigrams; several
 * words make a phrase. */
#define MAXP 8
#define MAXT 8
typedef struct pset {
	snip_pat p[MAXP];
	const char *terms[MAXP][MAXT];
	const char *stems[MAXP][MAXT];
	char store[MAXP][256];
	char sstore[MAXP][MAXT][80];
	size_t n;
} pset;

static void
pset_build(pset *ps, const char *const *specs)
{
	size_t i, n;
	char *s, *w;

	memset(ps, 0, sizeof *ps);
	for (i = 0; specs && specs[i]; i++) {
		int en = 0;

		assert_true(i < MAXP);
		snprintf(ps->store[i], sizeof ps->store[i], "%s", specs[i]);
		s = ps->store[i];
		ps->p[i].weight = 1;
		ps->p[i].group = (int)i;
		for (;;) {
			if (!strncmp(s, "w=", 2))
				ps->p[i].weight = atof(s + 2);
			else if (!strncmp(s, "g=", 2))
				ps->p[i].group = atoi(s + 2);
			else
				break;
			s = strchr(s, ':') + 1;
		}
		for (;; s++) {
			if (*s == '*')
				ps->p[i].prefix = 1;
			else if (*s == '~')
				ps->p[i].stems = ps->terms[i];
			else if (*s == '#')
				ps->p[i].bigram = 1;
			else if (*s == '^')
				en = 1;
			else
				break;
		}
		n = 0;
		for (w = strtok(s, " "); w; w = strtok(NULL, " ")) {
			assert_true(n < MAXT);
			ps->terms[i][n++] = w;
		}
		for (size_t k = 0; en && k < n; k++) {
			buf b = BUF_INIT;

			en_stem(NULL, ps->terms[i][k], strlen(ps->terms[i][k]),
				&b);
			snprintf(ps->sstore[i][k], sizeof ps->sstore[i][k], "%s",
				 b.p ? b.p : "");
			ps->stems[i][k] = ps->sstore[i][k];
			buf_free(&b);
		}
		if (en)
			ps->p[i].stems = ps->stems[i];
		ps->p[i].terms = ps->terms[i];
		ps->p[i].n = n;
	}
	ps->n = i;
}

/* bnd[i] = 1 when byte i of s starts a character (invalid bytes are one
 * character each, as u8_count counts them) or i == len. */
static unsigned char *
boundaries(const char *s, size_t len)
{
	unsigned char *bnd = calloc(len + 1, 1);
	size_t i = 0, k;

	assert_non_null(bnd);
	while (i < len) {
		bnd[i] = 1;
		k = u8_seqlen((const unsigned char *)s + i, len - i);
		i += k ? k : 1;
	}
	bnd[len] = 1;
	return bnd;
}

/* Checks the invariants of spans over text[0..len). */
static void
check_spans(const char *text, size_t len, const snip_span *sp, size_t n,
	    size_t maxchars)
{
	unsigned char *bnd = boundaries(text, len);
	size_t i, prev = 0, chars = 0;

	for (i = 0; i < n; i++) {
		assert_true(sp[i].start <= sp[i].end);
		assert_true(sp[i].end <= len);
		assert_true(sp[i].start >= prev);
		assert_true(bnd[sp[i].start]);
		assert_true(bnd[sp[i].end]);
		switch (sp[i].kind) {
		case SNIP_TEXT:
		case SNIP_HIT:
			assert_true(sp[i].start < sp[i].end);
			chars += u8_count(text + sp[i].start,
					  sp[i].end - sp[i].start);
			break;
		case SNIP_GAP:
			assert_int_equal(sp[i].start, sp[i].end);
			assert_false(maxchars == 0);
			if (i)
				assert_int_not_equal(sp[i - 1].kind, SNIP_GAP);
			break;
		default:
			fail_msg("bad span kind %d", sp[i].kind);
		}
		/* text spans that touch are one span */
		if (i && sp[i].kind == SNIP_TEXT &&
		    sp[i - 1].kind == SNIP_TEXT)
			assert_true(sp[i - 1].end < sp[i].start);
		prev = sp[i].end;
	}
	if (maxchars)
		assert_true(chars <= maxchars);
	else if (len) /* the whole text, contiguously */
		for (i = 0; i < n; i++)
			assert_int_equal(sp[i].start, i ? sp[i - 1].end : 0);
	if (!maxchars && n)
		assert_int_equal(sp[n - 1].end, len);
	free(bnd);
}

/* Checks a flattened snippet: valid UTF-8 without controls, single spaces,
 * trimmed, and each hl slicing exactly the flattened text of its hit. */
static void
check_flat(const char *src, const snip_span *sp, size_t n,
	   const snip_text *st)
{
	const char *t = st->text.p;
	size_t i, k, nhit = 0;

	assert_non_null(t);
	assert_int_equal(strlen(t), st->text.n);
	assert_true(u8_valid(t, st->text.n, NULL));
	for (i = 0; i < st->text.n; i++) {
		assert_true((unsigned char)t[i] >= 0x20 && t[i] != 0x7F);
		if (t[i] == ' ')
			assert_true(i > 0 && i + 1 < st->text.n &&
				    t[i + 1] != ' ');
	}
	for (i = k = 0; i < n; i++) {
		snip_text one = {BUF_INIT, NULL, 0};
		const snip_hl *h;

		if (sp[i].kind != SNIP_HIT)
			continue;
		nhit++;
		assert_true(k < st->nhl);
		h = &st->hl[k++];
		assert_true(h->bstart < h->bend);
		assert_true(h->bend <= st->text.n);
		if (k > 1)
			assert_true(h->bstart >= st->hl[k - 2].bend);
		assert_int_equal(u8_count(t, h->bstart), h->cstart);
		assert_int_equal(u8_count(t, h->bend), h->cend);
		assert_int_equal(snip_flatten(src, &sp[i], 1, &one), 0);
		assert_int_equal(one.nhl, 1);
		assert_int_equal(one.text.n, h->bend - h->bstart);
		assert_memory_equal(one.text.p, t + h->bstart, one.text.n);
		snip_text_clear(&one);
	}
	assert_int_equal(nhit, st->nhl);
}

/* Makes a snippet, checks it, and renders its display text with [ ] around
 * the hits.  Returns a malloc'd string. */
static char *
render_n(const char *text, size_t len, const char *const *specs,
	 size_t maxchars, size_t maxfrags)
{
	pset ps;
	snip_opts o = {.toks = NULL};
	snip_span *sp = NULL;
	size_t n = 0, i, at = 0;
	char *err = NULL;
	snip_text st = {BUF_INIT, NULL, 0};
	buf out = BUF_INIT;
	int rc;

	pset_build(&ps, specs);
	o.maxchars = maxchars;
	o.maxfrags = maxfrags;
	rc = snip_make(tk, text, len, ps.p, ps.n, &o, fake_stem, NULL, &sp,
		       &n, &err);
	if (rc)
		fail_msg("snip_make: %d %s", rc, err ? err : "");
	check_spans(text, len, sp, n, maxchars);
	assert_int_equal(snip_flatten(text, sp, n, &st), 0);
	check_flat(text, sp, n, &st);
	for (i = 0; i < st.nhl; i++) {
		buf_add(&out, st.text.p + at, st.hl[i].bstart - at);
		buf_addc(&out, '[');
		buf_add(&out, st.text.p + st.hl[i].bstart,
			st.hl[i].bend - st.hl[i].bstart);
		buf_addc(&out, ']');
		at = st.hl[i].bend;
	}
	buf_adds(&out, st.text.p + at);
	snip_text_clear(&st);
	free(sp);
	assert_int_equal(out.err, 0);
	return buf_steal(&out);
}

static char *
render(const char *text, const char *const *specs, size_t maxchars,
       size_t maxfrags)
{
	return render_n(text, strlen(text), specs, maxchars, maxfrags);
}

#define P(...) ((const char *const[]){__VA_ARGS__, NULL})

static const char EN[] =
	"The new export controls were announced today. Export of chips is "
	"controlled. Other news follows here about nothing at all.";
static const char LONG[] =
	"alpha is mentioned first in this long text. Then a great deal of "
	"filler text follows, on and on, line after line, with nothing much "
	"said. At last the word omega appears near the end.";
static const char ZH[] =
	"据报道，监管部门发布了新的出口管制规定。这些规定将影响芯片出口。"
	"华为公司表示将遵守监管要求。";

typedef struct tcase {
	const char *name;
	const char *text;
	size_t maxchars, maxfrags;
	const char *const *specs; /* NULL: no patterns */
	const char *expect;
} tcase;

static const tcase cases[] = {
	/* stems: "control" finds "controls" and "controlled" */
	{"stem", EN, 0, 1, P("~control"),
	 "The new export [controls] were announced today. Export of chips "
	 "is [controlled]. Other news follows here about nothing at all."},
	/* a phrase is one hit; its words alone elsewhere are not hits */
	{"phrase", EN, 0, 1, P("export controls"),
	 "The new [export controls] were announced today. Export of chips "
	 "is controlled. Other news follows here about nothing at all."},
	/* ... unless a word pattern asks for them */
	{"phrase+word", EN, 0, 1, P("export controls", "export"),
	 "The new [export controls] were announced today. [Export] of chips "
	 "is controlled. Other news follows here about nothing at all."},
	/* overlapping hits of two patterns merge into one */
	{"merge", "Strict export controls rules apply.", 0, 1,
	 P("export controls", "controls rules"),
	 "Strict [export controls rules] apply."},
	{"merge nested", "Strict export controls rules apply.", 0, 1,
	 P("export controls rules", "controls"),
	 "Strict [export controls rules] apply."},
	/* a phrase needs the exact order */
	{"phrase order", "controls the export; export rules, controls", 0, 1,
	 P("export controls"), "controls the export; export rules, controls"},
	/* a phrase after a false start; phrases that overlap */
	{"phrase restart", "x a a a b y", 0, 1, P("a a b"), "x a [a a b] y"},
	{"phrases overlap", "z a b c d z", 0, 1, P("a b c", "b c d"),
	 "z [a b c d] z"},
	/* ... but not punctuation between the words */
	{"phrase punct", "export, controls", 0, 1, P("export controls"),
	 "[export, controls]"},
	/* the window goes to the weightier (rarer) term */
	{"weight omega", LONG, 40, 1, P("w=1:alpha", "w=5:omega"),
	 ELL " At last the word [omega] appears near the " ELL},
	{"weight alpha", LONG, 40, 1, P("w=5:alpha", "w=1:omega"),
	 "[alpha] is mentioned first in this long " ELL},
	/* two fragments show both terms; gaps where text was left out */
	{"two fragments", LONG, 60, 2, P("alpha", "omega"),
	 "[alpha] is mentioned first in " ELL
	 " At last the word [omega] appears " ELL},
	/* a budget smaller than a word: the word is cut, still in budget */
	{"tiny budget", LONG, 2, 3, P("alpha", "omega"), "[al] " ELL},
	{"tiny budget, no match", LONG, 3, 3, P("zebra"), "alp " ELL},
	{"budget below fragments", "a then b then c", 1, 3, P("a", "c"),
	 "[a] " ELL},
	{"budget for two", "a then b then c", 2, 3, P("a", "c"),
	 "[a] " ELL " [c]"},
	/* one window holding everything is one fragment */
	{"one window", LONG, 100, 3, P("great", "line"),
	 ELL " Then a [great] deal of filler text follows, on and on, "
	     "[line] after [line], with nothing much said. " ELL},
	/* the fragment starts at the sentence start when in reach */
	{"sentence start",
	 "Filler words go here and there, nothing of note. Target sentence "
	 "has the keyword inside it, and more words follow after that "
	 "point.",
	 50, 1, P("keyword"),
	 ELL " Target sentence has the [keyword] inside it, and " ELL},
	/* wildcard */
	{"prefix", EN, 0, 1, P("*expo"),
	 "The new [export] controls were announced today. [Export] of chips "
	 "is controlled. Other news follows here about nothing at all."},
	{"prefix snippet", LONG, 60, 3, P("*fill"),
	 ELL " Then a great deal of [filler] text follows, on and on, "
	     "line " ELL},
	/* no match: the beginning, cut after a word */
	{"no match", EN, 20, 3, P("zebra"), "The new export " ELL},
	{"no patterns", EN, 20, 3, NULL, "The new export " ELL},
	{"no patterns, fits", "Short text.", 20, 3, NULL, "Short text."},
	{"no match, spaces", "  \n\t The new export controls", 20, 1,
	 P("zebra"), "The new export " ELL},
	{"fits", "Short export text.", 20, 3, P("export"),
	 "Short [export] text."},
	/* whole-text mode collapses white space in display */
	{"whole", "  An  export\n\ncontrol\t text \r\n", 0, 1,
	 P("export control"), "An [export control] text"},
	/* CJK: bigrams inside words, words, phrases of words */
	{"bigram", ZH, 0, 1, P("#监管"),
	 "据报道，[监管]部门发布了新的出口管制规定。这些规定将影响芯片出口。"
	 "华为公司表示将遵守[监管]要求。"},
	/* a bigram hit marks whole words: never pieces of two (监管 部门),
	 * and one inside a longer word marks that word */
	{"bigram across words", ZH, 0, 1, P("#管部"),
	 "据报道，监管部门发布了新的出口管制规定。这些规定将影响芯片出口。"
	 "华为公司表示将遵守监管要求。"},
	{"bigram across words 2", "建立出口管制内部合规制度。", 0, 1,
	 P("#规制"), "建立出口管制内部合规制度。"},
	{"bigram inside a word", "维护国家安全和利益。", 0, 1, P("#安全"),
	 "维护[国家安全]和利益。"},
	{"bigram phrase", ZH, 0, 1, P("#监管 管部 部门"),
	 "据报道，[监管部门]发布了新的出口管制规定。这些规定将影响芯片出口。"
	 "华为公司表示将遵守监管要求。"},
	{"bigram merge", ZH, 0, 1, P("#监管", "#管部"),
	 "据报道，[监管]部门发布了新的出口管制规定。这些规定将影响芯片出口。"
	 "华为公司表示将遵守[监管]要求。"},
	{"cjk word phrase", ZH, 0, 1, P("出口 管制"),
	 "据报道，监管部门发布了新的[出口管制]规定。这些规定将影响芯片出口。"
	 "华为公司表示将遵守监管要求。"},
	{"cjk single chars", ZH, 0, 1, P("华 为"),
	 "据报道，监管部门发布了新的出口管制规定。这些规定将影响芯片出口。"
	 "[华为]公司表示将遵守监管要求。"},
	{"cjk words are not bigrams", ZH, 0, 1, P("管部"),
	 "据报道，监管部门发布了新的出口管制规定。这些规定将影响芯片出口。"
	 "华为公司表示将遵守监管要求。"},
	{"cjk snippet", ZH, 20, 1, P("#华为"),
	 ELL " 芯片出口。[华为]公司表示将遵守监管要求。"},
	{"cjk no match", ZH, 12, 1, P("#中国"), "据报道，监管部门发布了 " ELL},
	{"cjk two fragments", ZH, 12, 3, P("#出口", "#华为"),
	 ELL " 芯片[出口]。[华为]公司表示将 " ELL},
	/* bad bytes and NUL: replaced and spaced in display */
	/* bad bytes: U+FFFD in display (NUL bytes: see test_bad_bytes) */
	{"bad bytes", "ab\xff export controls \xe4\xb8 end", 0, 1,
	 P("export controls"),
	 "ab\xEF\xBF\xBD [export controls] \xEF\xBF\xBD\xEF\xBF\xBD end"},
	{"bad bytes snippet", "ab\xff export controls \xe4\xb8 end", 12, 1,
	 P("controls"), ELL " [controls] " ELL},
};

static void
test_cases(void **state)
{
	size_t i;
	char *got;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		const tcase *c = &cases[i];
		got = render_n(c->text, strlen(c->text), c->specs, c->maxchars,
			       c->maxfrags);
		if (strcmp(got, c->expect))
			fail_msg("case %zu (%s):\n got: %s\nwant: %s", i,
				 c->name, got, c->expect);
		free(got);
	}
}

/* NUL and bad bytes inside the text: never part of a word, a space in
 * display. */
static void
test_bad_bytes(void **state)
{
	static const char text[] = "ab\xff export\0controls\0\xe4\xb8 end\0";
	const struct {
		size_t maxchars;
		const char *const *specs;
		const char *expect;
	} t[] = {
		{0, P("export controls"),
		 "ab\xEF\xBF\xBD [export controls] \xEF\xBF\xBD\xEF\xBF\xBD end"},
		{0, P("*contr", "~end"),
		 "ab\xEF\xBF\xBD export [controls] \xEF\xBF\xBD\xEF\xBF\xBD [end]"},
		{9, P("controls"), ELL " [controls] " ELL},
		{10, NULL, "ab\xEF\xBF\xBD export " ELL},
	};
	size_t i;
	char *got;

	(void)state;
	for (i = 0; i < sizeof t / sizeof *t; i++) {
		got = render_n(text, sizeof text - 1, t[i].specs,
			       t[i].maxchars, 1);
		if (strcmp(got, t[i].expect))
			fail_msg("case %zu:\n got: %s\nwant: %s", i, got,
				 t[i].expect);
		free(got);
	}
}

/* A phrase of more than 64 words matches by its first 64. */
static void
test_long_phrase(void **state)
{
	const char *terms[70];
	char words[70][8];
	buf text = BUF_INIT;
	snip_pat pat;
	snip_span *sp;
	size_t n, i, end64 = 0;
	snip_opts o = {.maxchars = 0, .maxfrags = 1};

	(void)state;
	for (i = 0; i < 70; i++) {
		/* letters only: the tokenizer cuts w12 into w and 12 */
		snprintf(words[i], sizeof words[i], "w%c%c", 'a' + (int)(i / 26),
			 'a' + (int)(i % 26));
		terms[i] = words[i];
		buf_adds(&text, words[i]);
		if (i == 63)
			end64 = text.n;
		buf_addc(&text, ' ');
	}
	terms[66] = "zzz"; /* past the 64 words that count */
	memset(&pat, 0, sizeof pat);
	pat.terms = terms;
	pat.n = 70;
	assert_int_equal(snip_make(tk, text.p, text.n, &pat, 1, &o, NULL, NULL,
				   &sp, &n, NULL),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(sp[0].kind, SNIP_HIT);
	assert_int_equal(sp[0].start, 0);
	assert_int_equal(sp[0].end, end64);
	free(sp);
	terms[5] = "zzz"; /* within them: no hit */
	assert_int_equal(snip_make(tk, text.p, text.n, &pat, 1, &o, NULL, NULL,
				   &sp, &n, NULL),
			 0);
	assert_int_equal(n, 1);
	assert_int_equal(sp[0].kind, SNIP_TEXT);
	free(sp);
	buf_free(&text);
}

/* The spans themselves for a phrase hit: one HIT over both words. */
static void
test_phrase_spans(void **state)
{
	pset ps;
	snip_span *sp = NULL;
	size_t n = 0, i, nhit = 0;
	snip_opts o = {.maxchars = 0, .maxfrags = 1};

	(void)state;
	pset_build(&ps, P("export controls"));
	assert_int_equal(snip_make(tk, EN, strlen(EN), ps.p, ps.n, &o, NULL,
				   NULL, &sp, &n, NULL),
			 0);
	for (i = 0; i < n; i++) {
		if (sp[i].kind != SNIP_HIT)
			continue;
		nhit++;
		assert_int_equal(sp[i].end - sp[i].start, 15);
		assert_memory_equal(EN + sp[i].start, "export controls", 15);
	}
	assert_int_equal(nhit, 1);
	free(sp);
}

/* The stem callback runs at most once per distinct term. */
static void
test_stem_once(void **state)
{
	static const char text[] =
		"controls control controlled controls controls the the the "
		"controlled control";
	pset ps;
	snip_span *sp = NULL;
	size_t n = 0;
	snip_opts o = {.maxchars = 0, .maxfrags = 1};

	(void)state;
	pset_build(&ps, P("~control", "~thing"));
	stem_calls = 0;
	assert_int_equal(snip_make(tk, text, strlen(text), ps.p, ps.n, &o,
				   fake_stem, NULL, &sp, &n, NULL),
			 0);
	/* distinct terms: controls control controlled the; "control" is an
	 * exact match and needs no stem */
	assert_true(stem_calls <= 4);
	assert_true(stem_calls >= 1);
	free(sp);
}

/* snip_flatten on hand-made spans. */
static void
test_flatten(void **state)
{
	static const char src[] = "  a\t\n b\r\n\x01" "c  d\xC3\xA9j\xC3\xA0 vu  ";
	static const struct {
		snip_span sp[6];
		size_t n;
		const char *text;
		size_t nhl;
		snip_hl hl[2];
	} t[] = {
		{{{0, 11, SNIP_TEXT}}, 1, "a b c", 0, {{0}}},
		{{{0, 0, SNIP_GAP}, {3, 8, SNIP_TEXT}, {8, 8, SNIP_GAP}},
		 3,
		 ELL " b " ELL,
		 0,
		 {{0}}},
		{{{8, 8, SNIP_GAP}, {8, 8, SNIP_GAP}, {10, 13, SNIP_TEXT}},
		 3,
		 ELL " c",
		 0,
		 {{0}}},
		{{{0, 12, SNIP_TEXT}, {12, 20, SNIP_HIT}, {20, 24, SNIP_TEXT}},
		 3,
		 "a b c d\xC3\xA9j\xC3\xA0 vu",
		 1,
		 {{6, 12, 6, 10}}},
		{{{0, 2, SNIP_TEXT}, {2, 8, SNIP_HIT}, {8, 12, SNIP_TEXT},
		  {12, 20, SNIP_HIT}, {21, 21, SNIP_GAP}},
		 5,
		 "a b c d\xC3\xA9j\xC3\xA0 " ELL,
		 2,
		 {{0, 3, 0, 3}, {6, 12, 6, 10}}},
		{{{0, 3, SNIP_TEXT}}, 1, "a", 0, {{0}}},
		{{{0, 2, SNIP_TEXT}}, 0, "", 0, {{0}}},
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof t / sizeof *t; i++) {
		snip_text st = {BUF_INIT, NULL, 0};

		assert_int_equal(snip_flatten(src, t[i].sp, t[i].n, &st), 0);
		if (strcmp(st.text.p, t[i].text))
			fail_msg("flatten %zu: got '%s' want '%s'", i,
				 st.text.p, t[i].text);
		assert_int_equal(st.nhl, t[i].nhl);
		for (j = 0; j < t[i].nhl; j++) {
			assert_int_equal(st.hl[j].bstart, t[i].hl[j].bstart);
			assert_int_equal(st.hl[j].bend, t[i].hl[j].bend);
			assert_int_equal(st.hl[j].cstart, t[i].hl[j].cstart);
			assert_int_equal(st.hl[j].cend, t[i].hl[j].cend);
		}
		snip_text_clear(&st);
		assert_null(st.text.p);
		assert_null(st.hl);
	}
}

static void
test_empty(void **state)
{
	pset ps;
	snip_span *sp = (snip_span *)1;
	size_t n = 99;
	snip_opts o = SNIP_OPTS_DEFAULT;
	snip_text st = {BUF_INIT, NULL, 0};
	char *got;

	(void)state;
	pset_build(&ps, P("export"));
	assert_int_equal(snip_make(tk, "", 0, ps.p, ps.n, &o, NULL, NULL, &sp,
				   &n, NULL),
			 0);
	assert_int_equal(n, 0);
	free(sp);
	assert_int_equal(snip_make(tk, NULL, 0, NULL, 0, NULL, NULL, NULL, &sp,
				   &n, NULL),
			 0);
	assert_int_equal(n, 0);
	free(sp);
	assert_int_equal(snip_flatten("", NULL, 0, &st), 0);
	assert_string_equal(st.text.p, "");
	assert_int_equal(st.nhl, 0);
	snip_text_clear(&st);
	/* white space and punctuation only */
	got = render(" \n\t ", P("x"), 2, 1);
	assert_string_equal(got, "");
	free(got);
	got = render("!!! ??? ... ;;; !!! ??? ...", P("x"), 5, 1);
	assert_string_equal(got, "!!! ? " ELL);
	free(got);
}

static void
test_errors(void **state)
{
	snip_span *sp = NULL;
	size_t n = 0;
	char *err = NULL;
	snip_opts o = {.maxchars = 10, .maxfrags = 1};

	(void)state;
	assert_true(snip_make(tk, "abc", 3, NULL, 1, NULL, NULL, NULL, &sp, &n,
			      &err) < 0);
	assert_non_null(err);
	free(err);
	err = NULL;
	assert_true(snip_make(tk, NULL, 3, NULL, 0, NULL, NULL, NULL, &sp, &n,
			      &err) < 0);
	free(err);
	assert_true(snip_make(tk, "abc", 3, NULL, 0, NULL, NULL, NULL, NULL,
			      &n, NULL) < 0);
	/* no tokenizer: fine for whole text without patterns only */
	assert_int_equal(snip_make(NULL, "abc def", 7, NULL, 0, NULL, NULL,
				   NULL, &sp, &n, NULL),
			 0);
	assert_int_equal(n, 1);
	free(sp);
	err = NULL;
	assert_true(snip_make(NULL, "abc def ghi jkl mno", 19, NULL, 0, &o,
			      NULL, NULL, &sp, &n, &err) < 0);
	assert_non_null(err);
	free(err);
}

/* Chinese text: maxchars counts characters, whatever the bytes. */
static void
test_cjk_budget(void **state)
{
	size_t m, f, i, k, nc;
	const char *const *specs[] = {NULL, P("#监管"), P("#华为", "#出口"),
				      P("出口 管制"), P("#芯片 片出")};
	char *got;

	(void)state;
	for (m = 1; m <= 45; m++) {
		for (f = 1; f <= 3; f++) {
			for (k = 0; k < sizeof specs / sizeof *specs; k++) {
				got = render(ZH, specs[k], m, f);
				/* display chars less "…", spaces, brackets */
				nc = 0;
				for (i = 0; got[i]; i++) {
					if (!strncmp(got + i, ELL, 3)) {
						i += 2;
						continue;
					}
					if (got[i] == ' ' || got[i] == '[' ||
					    got[i] == ']')
						continue;
					if (((unsigned char)got[i] & 0xC0) !=
					    0x80)
						nc++;
				}
				if (nc > m)
					fail_msg("maxchars %zu: %zu chars: %s",
						 m, nc, got);
				free(got);
			}
		}
	}
	got = render(ZH, P("#监管"), 20, 1);
	assert_string_equal(got, "据报道，[监管]部门发布了新的出口管制规定。 " ELL);
	free(got);
}

/* Word spans of text, for the boundary checks. */
typedef struct wspans {
	size_t s[4096], e[4096], n;
} wspans;

static int
collect(void *ctx, const tok_token *t)
{
	wspans *w = ctx;

	if (!(t->flags & TOK_F_BIGRAM) && w->n < 4096) {
		w->s[w->n] = t->start;
		w->e[w->n] = t->end;
		w->n++;
	}
	return 0;
}

static uint32_t rnd_state = 12345;

static uint32_t
rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) & 0xFFFFFF;
}

static const char *const vocab[] = {
	"export", "controls", "control", "controlled", "the", "of", "chips",
	"rules", "a", "internationalization", "监管", "部门", "出口", "管制",
	"华为", "芯片", "東京", "タワー", "x", "über", "Ärger", "3.48",
	"don't", "e.g.", "naïve", "ab12cd",
};
static const char *const seps[] = {
	" ", " ", " ", ", ", ". ", "\n", "\n\n", "\t", " (", ") ", "", "。",
	"，", " — ", "\"", "\x00", "\xff", "\xe4\xb8", "\xc0\xaf", " \r\n",
	"!? ", "…",
};

/* A random text of n pieces into b. */
static void
random_text(buf *b, size_t n)
{
	size_t i;
	const char *s;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		s = vocab[rnd() % (sizeof vocab / sizeof *vocab)];
		buf_adds(b, s);
		s = seps[rnd() % (sizeof seps / sizeof *seps)];
		if (s[0] == '\0' && rnd() % 2)
			buf_addc(b, '\0');
		else
			buf_adds(b, s);
	}
}

/* Random texts, patterns and budgets: the invariants of check_spans and
 * check_flat hold, and fragments start and end between words. */
static void
test_random(void **state)
{
	buf b = BUF_INIT;
	pset ps;
	const char *specs[5];
	char sb[5][80];
	size_t it, i, k, np, n, maxchars, maxfrags;
	snip_span *sp;
	snip_opts o = {.toks = NULL};
	snip_text st;
	wspans *ws = malloc(sizeof *ws);
	snip_ctx *ctx = snip_ctx_new();
	static const char *const flags[] = {"", "", "*", "~", "#", "w=3:",
					    "w=0:", "g=1:"};

	(void)state;
	assert_non_null(ws);
	assert_non_null(ctx);
	for (it = 0; it < 1500; it++) {
		random_text(&b, rnd() % 60);
		np = rnd() % 5;
		for (i = 0; i < np; i++) {
			snprintf(sb[i], sizeof sb[i], "%s%s",
				 flags[rnd() % (sizeof flags / sizeof *flags)],
				 vocab[rnd() % (sizeof vocab / sizeof *vocab)]);
			if (rnd() % 3 == 0) {
				strncat(sb[i], " ", sizeof sb[i] - strlen(sb[i]) - 1);
				strncat(sb[i],
					vocab[rnd() % (sizeof vocab / sizeof *vocab)],
					sizeof sb[i] - strlen(sb[i]) - 1);
			}
			specs[i] = sb[i];
		}
		specs[np] = NULL;
		pset_build(&ps, specs);
		maxchars = rnd() % 4 == 0   ? 0
			   : rnd() % 3 == 0 ? rnd() % 6 + 1
					    : rnd() % 90 + 1;
		maxfrags = rnd() % 4;
		o.maxchars = maxchars;
		o.maxfrags = maxfrags;
		sp = NULL;
		n = 0;
		assert_int_equal(snip_make_ctx(ctx, tk, b.p ? b.p : "", b.n,
					       ps.p, ps.n, &o, fake_stem, NULL,
					       &sp, &n, NULL),
				 0);
		check_spans(b.p, b.n, sp, n, maxchars);
		memset(&st, 0, sizeof st);
		assert_int_equal(snip_flatten(b.p, sp, n, &st), 0);
		check_flat(b.p, sp, n, &st);
		snip_text_clear(&st);

		/* fragment edges are never inside a word (the words here
		 * are short, so no word is longer than a budget > 20) */
		ws->n = 0;
		assert_int_equal(tok_run(tk, b.p ? b.p : "", b.n, 0, 0,
					 collect, ws, NULL),
				 0);
		for (i = 0; maxchars > 20 && i < n; i++) {
			int first = i == 0 || sp[i - 1].kind == SNIP_GAP;
			int last = i + 1 == n || sp[i + 1].kind == SNIP_GAP;

			if (sp[i].kind == SNIP_GAP)
				continue;
			for (k = 0; k < ws->n; k++) {
				if (first && ws->s[k] < sp[i].start &&
				    sp[i].start < ws->e[k])
					fail_msg("iteration %zu: start %zu "
						 "inside a word",
						 it, sp[i].start);
				if (last && ws->s[k] < sp[i].end &&
				    sp[i].end < ws->e[k])
					fail_msg("iteration %zu: end %zu "
						 "inside a word",
						 it, sp[i].end);
			}
		}
		free(sp);
	}
	snip_ctx_free(ctx);
	free(ws);
	buf_free(&b);
}

/* A context gives the same spans as fresh calls, call after call. */
static void
test_ctx_reuse(void **state)
{
	static const char *const texts[] = {EN, LONG, ZH, "", "export"};
	snip_ctx *ctx = snip_ctx_new();
	pset ps;
	snip_span *a, *b;
	size_t na, nb, i, r, k;
	snip_opts o = {.maxchars = 50, .maxfrags = 2};

	(void)state;
	assert_non_null(ctx);
	pset_build(&ps, P("~control", "#监管", "omega", "export"));
	for (r = 0; r < 3; r++) {
		for (i = 0; i < sizeof texts / sizeof *texts; i++) {
			assert_int_equal(snip_make_ctx(ctx, tk, texts[i],
						       strlen(texts[i]), ps.p,
						       ps.n, &o, fake_stem,
						       NULL, &a, &na, NULL),
					 0);
			assert_int_equal(snip_make(tk, texts[i],
						   strlen(texts[i]), ps.p,
						   ps.n, &o, fake_stem, NULL,
						   &b, &nb, NULL),
					 0);
			assert_int_equal(na, nb);
			for (k = 0; k < na; k++) {
				assert_int_equal(a[k].start, b[k].start);
				assert_int_equal(a[k].end, b[k].end);
				assert_int_equal(a[k].kind, b[k].kind);
			}
			free(a);
			free(b);
		}
	}
	snip_ctx_free(ctx);
	snip_ctx_free(NULL);
}

/* Past 2 MiB the text is not searched for hits (maxchars > 0), but whole
 * text highlighting sees all of it. */
static void
test_cap(void **state)
{
	buf b = BUF_INIT;
	pset ps;
	snip_span *sp;
	size_t n, i, nhit;
	snip_opts o = {.maxchars = 40, .maxfrags = 1};
	snip_opts whole = {.maxchars = 0, .maxfrags = 1};

	(void)state;
	while (b.n < (3u << 20))
		buf_adds(&b, "filler words and more filler words. ");
	buf_adds(&b, "The needle is here.");
	pset_build(&ps, P("needle"));
	assert_int_equal(snip_make(tk, b.p, b.n, ps.p, ps.n, &o, NULL, NULL,
				   &sp, &n, NULL),
			 0);
	check_spans(b.p, b.n, sp, n, 40);
	for (i = 0; i < n; i++)
		assert_int_not_equal(sp[i].kind, SNIP_HIT);
	assert_int_equal(sp[0].start, 0);
	free(sp);
	assert_int_equal(snip_make(tk, b.p, b.n, ps.p, ps.n, &whole, NULL,
				   NULL, &sp, &n, NULL),
			 0);
	for (i = nhit = 0; i < n; i++)
		nhit += sp[i].kind == SNIP_HIT;
	assert_int_equal(nhit, 1);
	free(sp);
	/* a hit before the cap is found */
	memcpy(b.p + 36 * 27, "needle", 6); /* over a "filler" */
	assert_int_equal(snip_make(tk, b.p, b.n, ps.p, ps.n, &o, NULL, NULL,
				   &sp, &n, NULL),
			 0);
	for (i = nhit = 0; i < n; i++)
		nhit += sp[i].kind == SNIP_HIT;
	assert_int_equal(nhit, 1);
	free(sp);
	buf_free(&b);
}

/* ---- hits near raw-text candidates (see lib/prescan.c) ---- */

static snip_ctx *near_ctx, *all_ctx; /* default; snip_ctx_scan_all */

/* Renders spans over text with [ ] around the hits (as render_n). */
static char *
show(const char *text, const snip_span *sp, size_t n)
{
	snip_text st = {BUF_INIT, NULL, 0};
	buf out = BUF_INIT;
	size_t i, at = 0;

	assert_int_equal(snip_flatten(text, sp, n, &st), 0);
	for (i = 0; i < st.nhl; i++) {
		buf_add(&out, st.text.p + at, st.hl[i].bstart - at);
		buf_addc(&out, '[');
		buf_add(&out, st.text.p + st.hl[i].bstart,
			st.hl[i].bend - st.hl[i].bstart);
		buf_addc(&out, ']');
		at = st.hl[i].bend;
	}
	buf_adds(&out, st.text.p + at);
	snip_text_clear(&st);
	assert_int_equal(out.err, 0);
	return buf_steal(&out);
}

/* Makes the snippet twice, near candidates and with the whole text
 * tokenized: the spans must be the same.  Returns the display text
 * (malloc'd); *tokenized gets the bytes the first call tokenized. */
static char *
near_same(const char *text, size_t len, const char *const *specs,
	  size_t maxchars, size_t maxfrags, snip_stem_fn stem,
	  size_t *tokenized, const char *what)
{
	pset ps;
	snip_opts o = {.toks = NULL};
	snip_span *a = NULL, *b = NULL;
	size_t na = 0, nb = 0, i;
	char *sa, *sb;

	pset_build(&ps, specs);
	o.maxchars = maxchars;
	o.maxfrags = maxfrags;
	assert_int_equal(snip_make_ctx(near_ctx, tk, text, len, ps.p, ps.n,
				       &o, stem, NULL, &a, &na, NULL),
			 0);
	if (tokenized)
		*tokenized = snip_ctx_tokenized(near_ctx);
	assert_int_equal(snip_make_ctx(all_ctx, tk, text, len, ps.p, ps.n, &o,
				       stem, NULL, &b, &nb, NULL),
			 0);
	check_spans(text, len, a, na, maxchars);
	for (i = 0; i < na && i < nb; i++)
		if (a[i].start != b[i].start || a[i].end != b[i].end ||
		    a[i].kind != b[i].kind)
			break;
	if (i < na || na != nb) {
		sa = show(text, a, na);
		sb = show(text, b, nb);
		fail_msg("%s: near and whole text differ at span %zu:\n"
			 "near: %s\nall:  %s",
			 what, i, sa, sb);
	}
	sa = show(text, a, na);
	free(a);
	free(b);
	return sa;
}

/* A long text: n filler sentences (each about 60 bytes, words from a
 * small vocabulary that no pattern below matches) with the pieces put
 * after sentence at[k]. */
static void
long_text(buf *b, size_t n, const size_t *at, const char *const *pieces)
{
	static const char *const fill[] = {
		"lorem", "ipsum", "dolor", "amet", "consectetur", "adipiscing",
		"elit", "sed", "eiusmod", "tempor", "incididunt", "labore",
		"magna", "aliqua", "enim", "minim", "veniam", "quis", "nostrud",
		"exercitation", "ullamco", "laboris", "nisi", "aliquip",
	};
	size_t i, k, w, p = 0;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		for (k = 0; k < 8; k++) {
			w = (i * 7 + k * 13 + k * i) % (sizeof fill / sizeof *fill);
			buf_adds(b, k ? " " : "");
			buf_adds(b, fill[w]);
		}
		buf_adds(b, i % 5 == 4 ? ".\n\n" : ". ");
		while (pieces && pieces[p] && at[p] == i) {
			buf_adds(b, pieces[p++]);
			buf_adds(b, " ");
		}
	}
}

typedef struct ncase {
	const char *name;
	size_t n;		    /* filler sentences */
	size_t at[4];		    /* after which sentence each piece goes */
	const char *const *pieces;  /* NULL-terminated */
	const char *const *specs;
	size_t maxchars, maxfrags;
	const char *const *want;    /* in the display, in order */
	int tokenize_all;	    /* the whole text must be tokenized */
} ncase;

#define W(...) ((const char *const[]){__VA_ARGS__, NULL})

static const ncase ncases[] = {
	/* a hit deep in a long text: only around it is tokenized */
	{"deep", 3000, {2500}, W("The studies here are thorough."),
	 W("^study"), 80, 1, W("[studies]"), 0},
	/* the stem is no prefix of the word, the word none of the stem */
	{"studies/study", 2000, {1500}, W("We study it."), W("^studies"), 60,
	 1, W("[study]"), 0},
	{"study/studied", 2000, {1500, 1501},
	 W("They studied it.", "Studies of it."), W("^study"), 120, 3,
	 W("[studied]", "[Studies]"), 0},
	/* case variants */
	{"upper case", 2000, {700}, W("STUDIES SHOW"), W("^study"), 60, 2,
	 W("[STUDIES]"), 0},
	{"mixed case", 2000, {1400}, W("sTuDy"), W("^study"), 60, 2,
	 W("[sTuDy]"), 0},
	/* Porter's exception: "dying" has the stem "die" */
	{"dying", 2000, {1200}, W("the dying star"), W("^die"), 60, 1,
	 W("[dying]"), 0},
	/* a term in many places: still the same snippet */
	{"many", 1500, {10, 400, 401, 900}, W("exports", "export", "exported",
					   "exporting"),
	 W("^export", "^controls"), 100, 3, W("[export"), 0},
	/* a phrase whose words are far apart in bytes (punctuation only
	 * between): found, by tokenizing the whole text */
	{"phrase across an edge", 1000, {600},
	 W("export . . . . . . . . . . . . . . . . . . . . . . . . . . . . . "
	   ". . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . "
	   ". . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . "
	   ". . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . "
	   ". . . . . . . . . . . . . . . . . . . . . . . . . . . . . controls"),
	 W("export controls"), 60, 1, W("[export"), 1},
	/* no phrase across the gap between two regions */
	{"no phrase across a gap", 1000, {300, 301, 700, 701},
	 W("zebra", "export", "controls", "zebra"),
	 W("export controls", "zebra"), 200, 3, W("[zebra]"), 0},
	/* characters that fold to ASCII: fullwidth, ligature, soft hyphen */
	{"fullwidth", 1500, {1000}, W("\xEF\xBD\x93\xEF\xBD\x94\xEF\xBD\x95\xEF\xBD\x84\xEF\xBD\x99"),
	 W("^study"), 60, 1, W("[\xEF\xBD\x93"), 0},
	{"ligature", 1500, {1000}, W("\xEF\xAC\x81nance rules"),
	 W("^finance"), 60, 1, W("[\xEF\xAC\x81nance]"), 0},
	{"soft hyphen", 1500, {1000}, W("stu\xC2\xAD" "dies"), W("^study"), 60,
	 1, W("[stu\xC2\xAD" "dies]"), 0},
	/* a stem without the umlaut: the word starts with one, or has one */
	{"umlaut first", 1500, {900}, W("\xC3\x9C" "ber alles"), W("^uber"),
	 60, 1, W("[\xC3\x9C" "ber]"), 0},
	{"umlaut inside", 1500, {900}, W("H\xC3\xA4user"), W("^hauser"), 60, 1,
	 W("[H\xC3\xA4user]"), 0},
	{"sharp s", 1500, {900}, W("Stra\xC3\x9F" "e"), W("^strasse"), 60, 1,
	 W("[Stra\xC3\x9F" "e]"), 0},
	/* a combining mark: the word is "zürich" */
	{"combining", 1500, {900}, W("Zu\xCC\x88rich"), W("z\xC3\xBCrich"), 60,
	 1, W("[Zu\xCC\x88rich]"), 0},
	/* apostrophes and dots inside words */
	{"apostrophe", 1500, {300, 900}, W("don\xE2\x80\x99t", "the U.S. rules"),
	 W("don't", "us"), 200, 2, W("[don\xE2\x80\x99t]", "[U.S]"), 0},
	/* wildcards */
	{"prefix", 1500, {900}, W("internationalization"), W("*internat"), 60,
	 1, W("[internationalization]"), 0},
	/* ICU keeps "wer@e" one word: the run "wer" is a candidate (found
	 * by fuzz_prescan) */
	{"at sign", 1500, {300, 900}, W("write to wer@e today", "wer said"),
	 W("wer@e"), 60, 1, W("[wer@e]"), 0},
	/* no match: the beginning, without tokenizing the rest */
	{"no match", 3000, {0}, NULL, W("^zebra"), 40, 1, W("lorem"), 0},
};

static void
test_near(void **state)
{
	buf b = BUF_INIT;
	size_t i, k, tokd;
	char *got;
	const char *at;

	(void)state;
	for (i = 0; i < sizeof ncases / sizeof *ncases; i++) {
		const ncase *nc = &ncases[i];

		long_text(&b, nc->n, nc->at, nc->pieces);
		got = near_same(b.p, b.n, nc->specs, nc->maxchars,
				nc->maxfrags, en_stem, &tokd, nc->name);
		for (k = 0, at = got; nc->want[k]; k++) {
			at = strstr(at, nc->want[k]);
			if (!at)
				fail_msg("%s: no '%s' in: %s", nc->name,
					 nc->want[k], got);
			at += strlen(nc->want[k]);
		}
		if (nc->tokenize_all ? tokd < b.n : tokd > b.n / 4)
			fail_msg("%s: %zu of %zu bytes tokenized", nc->name,
				 tokd, b.n);
		free(got);
	}
	buf_free(&b);
}

/* CJK in a long text: the bytes of the term, and a character that folds
 * to it (U+F9F1, a compatibility form of 隣). */
static void
test_near_cjk(void **state)
{
	static const char *const s[] = {
		"据报道，监管部门发布了新的出口管制规定。\n",
		"这些规定将影响芯片出口。\n",
		"有关部门表示将遵守监管要求。\n",
	};
	buf b = BUF_INIT;
	size_t i, tokd;
	char *got;

	(void)state;
	for (i = 0; i < 3000; i++) {
		buf_adds(&b, s[i % 3]);
		if (i == 2000)
			buf_adds(&b, "华为公司表示将遵守规定。\n");
		if (i == 2600)
			buf_adds(&b, "他是我的\xEF\xA7\xB1人。\n");
	}
	got = near_same(b.p, b.n, P("#华为", "华为"), 30, 1, NULL, &tokd,
			"cjk");
	assert_non_null(strstr(got, "[华为]"));
	assert_true(tokd < b.n / 4);
	free(got);
	got = near_same(b.p, b.n, P("#隣人"), 30, 1, NULL, &tokd, "cjk compat");
	assert_non_null(strstr(got, "[\xEF\xA7\xB1人]"));
	assert_true(tokd < b.n / 4);
	free(got);
	/* frequent bigrams: the same snippet, however it is found */
	free(near_same(b.p, b.n, P("#监管", "#出口 口管"), 40, 3, NULL, NULL,
		       "cjk frequent"));
	buf_free(&b);
}

static const char *const nvocab[] = {
	"study", "studies", "Studied", "STUDY", "export", "exports",
	"controls", "control", "controlled", "the", "of", "a", "x", "dying",
	"die", "stu\xC2\xAD" "dy", "\xEF\xBD\x93\xEF\xBD\x94\xEF\xBD\x95\xEF\xBD\x84\xEF\xBD\x99",
	"\xEF\xAC\x81nance", "finance", "\xC3\x9C" "ber", "uber", "H\xC3\xA4user",
	"haus", "Stra\xC3\x9F" "e", "监管", "部门", "出口", "管制", "華為",
	"e.g.", "U.S.", "don't", "don\xE2\x80\x99t", "3.48", "na\xC3\xAFve",
	"cafe\xCC\x81", "x_y", "\xCE\xB1\xCE\xB2", "ab12", "12ab",
	"internationalization", "\xEF\xBC\xA1I", "\xC3\xA9tat", "\xC3\x89tude",
	"\xC3\xA9tudes", "d\xC3\xA9j\xC3\xA0", "l'\xC3\xA9t\xC3\xA9",
	"\xC3\xBC" "ber", "e\xCC\x81tude", "\xE2\x80\x8B" "study", "stu\xE2\x80\x8B" "dy",
	"\xD0\xB4study", "\xE2\x91\xA0study", "\xCE\xB1" "e", "\xEF\xBC\xA5tude",
};
static const char *const nfill[] = {
	"lorem", "ipsum", "dolor", "amet", "sed", "tempor", "magna", "veniam",
	"quis", "nostrud", "laboris", "nisi", "ut", "in",
};
static const char *const nseps[] = {
	" ", " ", " ", " ", " ", ", ", ". ", "\n", "\n\n", "\t", " (", ") ",
	"", "。", " — ", "\"", "\xe2\x80\x9c", "\xe2\x80\x9d ", "\x00", "\xff",
	"!? ", "…", " . . . ", "-", "\xEF\xBC\x8C", "\xE3\x80\x81", "\xEF\xBC\x9B",
	"\xE3\x80\x82\xCC\x81",
};
static const char *const nterms[] = {
	"study", "studies", "export", "controls", "control", "the", "of", "a",
	"x", "die", "dying", "finance", "uber", "haus", "strasse", "監管",
	"监管", "部门", "出口", "eg", "us", "don't", "3.48", "naïve",
	"café", "x_y", "αβ", "ab", "12", "internat", "ａi", "ai",
	"zürich", "fi", "étude", "etude", "état", "etat", "e", "déjà",
};

static const char *const zfill[] = {
	"发布", "了", "新的", "这些", "将", "影响", "公司", "表示", "遵守",
	"要求", "条例", "個人", "東京", "の", "は", "第十五条", "人民", "代表",
};
static const char *const zvocab[] = {
	"监管", "部门", "出口", "管制", "规定", "芯片", "华为", "数据",
	"情報", "タワー", "\xEF\xA7\xB1人", "ｶﾀｶﾅ", "AI", "5G", "2021年",
};
static const char *const zseps[] = {
	"", "", "", "", "，", "。", "、", "；", "：", "！", "？", "\n", " ",
	"（", "）", "「", "」", "\xE3\x80\x82\xCC\x81", "\xEF\xBC\x8C\xE2\x80\x8B",
};
static const char *const zterms[] = {
	"监管", "部门", "出口", "管制", "华为", "芯片", "数据", "隣人", "タワー",
	"カタカナ", "ai", "管部", "口管", "规定", "2021", "情報",
};

/* A random text of n CJK words (few spaces) into b. */
static void
random_cjk(buf *b, size_t n)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		buf_adds(b, rnd() % 25 ? zfill[rnd() % (sizeof zfill / sizeof *zfill)]
				       : zvocab[rnd() % (sizeof zvocab / sizeof *zvocab)]);
		buf_adds(b, zseps[rnd() % (sizeof zseps / sizeof *zseps)]);
	}
}

/* A random CJK pattern spec into sb. */
static void
random_cjk_spec(char *sb, size_t cap)
{
	static const char *const flags[] = {"", "#", "#", "w=3:#", "g=1:"};

	snprintf(sb, cap, "%s%s", flags[rnd() % (sizeof flags / sizeof *flags)],
		 zterms[rnd() % (sizeof zterms / sizeof *zterms)]);
	if (rnd() % 3 == 0) {
		strncat(sb, " ", cap - strlen(sb) - 1);
		strncat(sb, zterms[rnd() % (sizeof zterms / sizeof *zterms)],
			cap - strlen(sb) - 1);
	}
}

/* Random long texts and patterns: near candidates or with the whole text
 * tokenized, the same snippet. */
static void
test_near_random(void **state)
{
	buf b = BUF_INIT;
	const char *specs[5];
	char sb[5][120];
	size_t it, i, n, np, maxchars, maxfrags, tokd, nfast = 0;
	const char *w;
	char *got;
	static const char *const flags[] = {"", "^", "^", "*", "~", "#",
					    "w=3:", "g=1:^"};

	(void)state;
	for (it = 0; it < 300; it++) {
		if (it % 3 == 2) {
			/* CJK: cut at its punctuation */
			random_cjk(&b, rnd() % 4000 + 50);
			np = rnd() % 3 + 1;
			for (i = 0; i < np; i++) {
				random_cjk_spec(sb[i], sizeof sb[i]);
				specs[i] = sb[i];
			}
			specs[np] = NULL;
			got = near_same(b.p, b.n, specs, rnd() % 200 + 10,
					rnd() % 3 + 1, NULL, &tokd, "random cjk");
			nfast += tokd < b.n;
			free(got);
			continue;
		}
		buf_reset(&b);
		n = rnd() % 3000 + 50;
		for (i = 0; i < n; i++) {
			w = rnd() % 25 ? nfill[rnd() % (sizeof nfill / sizeof *nfill)]
				       : nvocab[rnd() % (sizeof nvocab / sizeof *nvocab)];
			buf_adds(&b, w);
			w = nseps[rnd() % (sizeof nseps / sizeof *nseps)];
			if (!*w && rnd() % 2)
				buf_addc(&b, '\0');
			else
				buf_adds(&b, w);
		}
		np = rnd() % 4 + 1;
		for (i = 0; i < np; i++) {
			snprintf(sb[i], sizeof sb[i], "%s%s",
				 flags[rnd() % (sizeof flags / sizeof *flags)],
				 nterms[rnd() % (sizeof nterms / sizeof *nterms)]);
			if (rnd() % 4 == 0) {
				strncat(sb[i], " ", sizeof sb[i] - strlen(sb[i]) - 1);
				strncat(sb[i],
					nterms[rnd() % (sizeof nterms / sizeof *nterms)],
					sizeof sb[i] - strlen(sb[i]) - 1);
			}
			specs[i] = sb[i];
		}
		specs[np] = NULL;
		maxchars = rnd() % 3 ? rnd() % 300 + 20 : rnd() % 20 + 1;
		maxfrags = rnd() % 3 + 1;
		got = near_same(b.p, b.n, specs, maxchars, maxfrags,
				rnd() % 4 ? en_stem : NULL, &tokd, "random");
		nfast += tokd < b.n;
		free(got);
	}
	/* most of them took the fast way */
	assert_true(nfast > 150);
	buf_free(&b);
}

static int
setup(void **state)
{
	(void)state;
	tk = tok_new(NULL);
	near_ctx = snip_ctx_new();
	all_ctx = snip_ctx_new();
	snip_ctx_scan_all(all_ctx, 1);
	return tk && near_ctx && all_ctx ? 0 : -1;
}

typedef struct seen {
	size_t pat[8], start[8], end[8], n;
} seen;

static int
on_seen(void *ctx, size_t pat, size_t start, size_t end)
{
	seen *sn = ctx;

	if (sn->n < 8) {
		sn->pat[sn->n] = pat;
		sn->start[sn->n] = start;
		sn->end[sn->n] = end;
	}
	sn->n++;
	return 0;
}

/* snip_ctx_hits tells the pattern of each hit the snippet shows, in text
 * order, a place two patterns hit once per pattern; a hit cut off is not
 * told; a non-zero return stops the walk. */
static void
test_ctx_hits(void **state)
{
	static const char *const t0[] = {"chips"}, *const t1[] = {"chip"},
				 *const t2[] = {"zebra"};
	static const char *const st[] = {"chip"};
	snip_pat p[3] = {{t0, st, 1, 1, 0, 0, 0}, {t1, st, 1, 1, 0, 0, 0},
			 {t2, NULL, 1, 1, 0, 0, 1}};
	const char *text = "Chips are here. A zebra. ";
	snip_ctx *c = snip_ctx_new();
	snip_span *sp = NULL;
	size_t nsp = 0;
	snip_opts o = {0, 1};
	seen sn = {{0}, {0}, {0}, 0};
	buf b = BUF_INIT;
	const char *big;

	(void)state;
	assert_non_null(c);
	assert_int_equal(snip_make_ctx(c, tk, text, strlen(text), p, 3, &o,
				       fake_stem, NULL, &sp, &nsp, NULL),
			 0);
	assert_int_equal(snip_ctx_hits(c, sp, nsp, on_seen, &sn), 0);
	assert_int_equal(sn.n, 3);
	assert_int_equal(sn.start[0], 0);
	assert_int_equal(sn.end[0], 5);
	assert_int_equal(sn.start[1], 0);
	assert_true((sn.pat[0] == 0 && sn.pat[1] == 1) ||
		    (sn.pat[0] == 1 && sn.pat[1] == 0));
	assert_int_equal(sn.pat[2], 2);
	assert_int_equal(sn.start[2], 18);
	assert_int_equal(sn.end[2], 23);
	free(sp);
	/* a short snippet of a long text shows the zebra, not the chips
	 * 2,000 words before it */
	buf_adds(&b, "Chips. ");
	for (int i = 0; i < 2000; i++)
		buf_adds(&b, "filler words here. ");
	buf_adds(&b, "A zebra.");
	big = b.p;
	o.maxchars = 60;
	sn.n = 0;
	assert_int_equal(snip_make_ctx(c, tk, big, b.n, &p[2], 1, &o,
				       fake_stem, NULL, &sp, &nsp, NULL),
			 0);
	assert_int_equal(snip_ctx_hits(c, sp, nsp, on_seen, &sn), 0);
	assert_int_equal(sn.n, 1);
	assert_int_equal(sn.pat[0], 0);
	assert_memory_equal(big + sn.start[0], "zebra", 5);
	free(sp);
	assert_int_equal(snip_make_ctx(c, tk, big, b.n, p, 3, &o, fake_stem,
				       NULL, &sp, &nsp, NULL),
			 0);
	sn.n = 0;
	assert_int_equal(snip_ctx_hits(c, sp, nsp, on_seen, &sn), 0);
	/* the chips at the start and the zebra at the end do not both fit
	 * in 60 characters: what is told is what is marked */
	assert_true(sn.n >= 1 && sn.n <= 2);
	for (size_t i = 0; i < sn.n; i++) {
		int in = 0;

		for (size_t k = 0; k < nsp; k++)
			in |= sp[k].kind == SNIP_HIT &&
			      sp[k].start <= sn.start[i] &&
			      sn.end[i] <= sp[k].end;
		assert_true(in);
	}
	free(sp);
	buf_free(&b);
	snip_ctx_free(c);
}

static int
teardown(void **state)
{
	(void)state;
	tok_free(tk);
	snip_ctx_free(near_ctx);
	snip_ctx_free(all_ctx);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_phrase_spans),
		cmocka_unit_test(test_long_phrase),
		cmocka_unit_test(test_stem_once),
		cmocka_unit_test(test_flatten),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_cjk_budget),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_ctx_reuse),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_near),
		cmocka_unit_test(test_near_cjk),
		cmocka_unit_test(test_near_random),
		cmocka_unit_test(test_ctx_hits),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
