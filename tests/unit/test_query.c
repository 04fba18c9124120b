/*
 * Unit tests for lib/query.c.  FTS5's lesson: the parser has a canonical
 * printer, so most cases are a table of (query, canonical form), numbered
 * by their line in the table.  Then the node details the canonical form
 * does not show (positions, widths, flags, field pointers, windows), the
 * limits (length, depth, word count) and their warnings, hostile input,
 * the printer's quoting of odd terms, and a deterministic random run that
 * checks the invariants of every tree it gets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "query.h"
#include "tok.h"
#include "util.h"

/* A case: query bytes (may hold NUL bytes) and the canonical form. */
struct qcase {
	const char *q;
	size_t n;
	const char *want;
};

#define C(q, want) {q, sizeof(q) - 1, want}

/* Parses q[0..n) with opts (NULL: defaults) and returns the canonical form
 * (caller frees); *warn (if not NULL) gets the warning or NULL. */
static char *
canon_of(tok *t, const char *q, size_t n, const query_opts *opts,
	 char **warn)
{
	qnode *root = NULL;
	char *err = NULL, *w = NULL, *c;
	int rc;

	rc = query_parse(t, q, n, opts, &root, &w, &err);
	if (rc != 0)
		fail_msg("query_parse failed (%d): %s", rc, err ? err : "?");
	assert_null(err);
	assert_non_null(root);
	c = query_canon(root);
	assert_non_null(c);
	query_free(root);
	if (warn)
		*warn = w;
	else
		free(w);
	return c;
}

/* Runs a table; every case must give its canonical form and no warning. */
static void
run_table(tok *t, const struct qcase *tab, size_t ntab, const query_opts *o,
	  const char *name)
{
	size_t i, bad = 0;
	char *got, *warn;

	for (i = 0; i < ntab; i++) {
		got = canon_of(t, tab[i].q, tab[i].n, o, &warn);
		if (strcmp(got, tab[i].want) != 0) {
			print_error("%s case %zu: query [%s]\n  got  %s\n"
				    "  want %s\n", name, i + 1, tab[i].q, got,
				    tab[i].want);
			bad++;
		}
		if (warn) {
			print_error("%s case %zu: query [%s]: unexpected "
				    "warning \"%s\"\n", name, i + 1, tab[i].q,
				    warn);
			bad++;
		}
		free(got);
		free(warn);
	}
	if (bad)
		fail_msg("%zu of %zu %s cases failed", bad, ntab, name);
}

static const struct qcase cases[] = {
	/* words and juxtaposition (default OR) */
	C("export controls", "(OR export controls)"),
	C("export", "export"),
	C("Export", "export"),
	C("", "<none>"),
	C("   \t\n ", "<none>"),
	C("a b c", "(OR a b c)"),
	/* required / optional / excluded */
	C("+chips -nvidia huawei", "(NOT (MAYBE chips huawei) nvidia)"),
	C("+chips +huawei", "(AND chips huawei)"),
	C("+chips", "chips"),
	C("-nvidia", "(NOT <all> nvidia)"),
	C("-a -b", "(NOT <all> a b)"),
	C("a -b -c", "(NOT a b c)"),
	C("+a b c", "(MAYBE a b c)"),
	C("+a +b c -d", "(NOT (MAYBE (AND a b) c) d)"),
	C("+(a b) c", "(MAYBE (OR a b) c)"),
	C("x -(a b)", "(NOT x a b)"),
	C("- a + b", "(OR a b)"),
	/* operators and precedence */
	C("a OR b", "(OR a b)"),
	C("a | b", "(OR a b)"),
	C("a|b", "(OR a b)"),
	C("a || b", "(OR a b)"),
	C("a AND b", "(AND a b)"),
	C("a & b", "(AND a b)"),
	C("a && b", "(AND a b)"),
	C("a NOT b", "(NOT a b)"),
	C("a NOT b NOT c", "(NOT a b c)"),
	C("a -b NOT c", "(NOT a b c)"),
	C("a b NOT c", "(NOT (OR a b) c)"),
	C("a AND b OR c", "(OR (AND a b) c)"),
	C("a OR b AND c", "(OR a (AND b c))"),
	C("a AND b c", "(AND a (OR b c))"),
	C("a or b", "(OR a or b)"),
	C("a and not b", "(OR a and not b)"),
	C("(a OR b) AND (c OR d)", "(AND (OR a b) (OR c d))"),
	C("a OR (b OR c)", "(OR a b c)"),
	C("(a AND b) AND c", "(AND a b c)"),
	C("((a))", "a"),
	C("a OR -b", "(OR a (NOT <all> b))"),
	/* a query all in capitals is words; operators only where the rest
	 * is not in capitals */
	C("EFFECTS OF SANCTIONS ON RUSSIA AND CANADA",
	  "(OR effects of sanctions on russia and canada)"),
	C("NATO OR EU", "(OR nato or eu)"),
	C("EXPORT CONTROLS NOT CHINA", "(OR export controls not china)"),
	C("\"US CHIPS\" AND CHINA", "(OR \"us chips\" and china)"),
	C("SANCTIONS AND russia", "(AND sanctions russia)"),
	C("sanctions OR RUSSIA", "(OR sanctions russia)"),
	C("CHIPS & EXPORT", "(AND chips export)"),
	C("CHIPS | EXPORT", "(OR chips export)"),
	C("CHIPS NEAR/5 EXPORT", "(NEAR/5 chips export)"),
	C("CHIPS NEAR EXPORT", "(OR chips near export)"),
	C("2025 AND 2026", "(AND 2025 2026)"),
	C("人工智能 OR 监管", "(OR (AND 人工 智能) 监管)"),
	/* stray operators are dropped, never errors */
	C("AND sheffield", "sheffield"),
	C("a OR", "a"),
	C("OR OR b", "b"),
	C("a OR OR b", "(OR a b)"),
	C("a AND NOT b", "(NOT a b)"),
	C("NOT a", "a"),
	C("AND", "<none>"),
	C("OR AND NOT NEAR |", "<none>"),
	C("(OR a)", "a"),
	C("(a AND) b", "(OR a b)"),
	C("a NEAR", "a"),
	C("NEAR/3 a", "a"),
	C("+OR", "or"),
	C("title:AND", "title:and"),
	C("AND*", "and*"),
	/* NEAR */
	C("a NEAR/3 b", "(NEAR/3 a b)"),
	C("a NEAR b", "(NEAR/10 a b)"),
	C("a NEAR/0 b", "(NEAR/1 a b)"),
	C("a NEAR/1000 b", "(NEAR/100 a b)"),
	C("a NEAR/99999999999999999999 b", "(NEAR/100 a b)"),
	C("a NEAR b NEAR/20 c", "(NEAR/20 a b c)"),
	C("\"export controls\" NEAR/5 china",
	  "(NEAR/5 \"export controls\" china)"),
	C("a NEAR/x b", "(OR a \"near x\" b)"),
	C("(a b) NEAR c", "(AND (OR a b) c)"),
	C("a near b", "(OR a near b)"),
	C("+a NEAR b c", "(MAYBE (NEAR/10 a b) c)"),
	C("a NEAR regulat*", "(AND a regulat*)"),
	C("title:a NEAR b", "(NEAR/10 title:a b)"),
	/* words split by the tokenizer */
	C("ai-act", "\"ai act\""),
	C("EU's", "eu's"),
	C("C++", "c"),
	C("U.S.", "us"),
	C("GPT-4o", "\"gpt 4 o\""),
	C("SB1047", "\"sb 1047\""),
	C("S.B. 1047", "(OR sb 1047)"),
	C("AT&T", "\"at t\""),
	C("don\xE2\x80\x99t", "don't"),
	C("Z\xC3\xBCrich", "z\xC3\xBCrich"),
	C("3.48", "3.48"),
	C("...", "<none>"),
	C("!!! ??? ---", "<none>"),
	C("the of and", "(OR the of and)"), /* no stop list at this layer */
	C("http://x", "\"http x\""),
	/* CJK: ICU's dictionary splits 人工智能监管 into 人工 智能 监管 */
	C("人工智能监管", "(AND 人工 智能 监管)"),
	C("\"人工智能监管\"", "\"人工 智能 监管\""),
	C("人工智能监管 chips", "(OR (AND 人工 智能 监管) chips)"),
	C("+人工智能监管 +chips", "(AND (AND 人工 智能 监管) chips)"),
	/* kanji are folded as Chinese characters are (語 is 语) */
	C("日本語のテキスト", "(AND 日本语 の テキスト)"),
	C("人工智能\xE3\x80\x80监管", "(OR (AND 人工 智能) 监管)"),
	C("GPT人工智能", "(AND gpt 人工 智能)"),
	C("AI监管", "(AND ai 监管)"),
	C("2021年数据条例", "(AND 2021 年 数据 条例)"),
	C("\"GPT人工智能\"", "\"gpt 人工 智能\""),
	C("人工", "人工"),
	/* phrases */
	C("\"export controls\"", "\"export controls\""),
	C("\"export controls\" china", "(OR \"export controls\" china)"),
	C("\"a\"", "a"),
	C("\"\"", "<none>"),
	C("\"unbalanced quote", "\"unbalanced quote\""),
	C("\xE2\x80\x9C" "curly quotes" "\xE2\x80\x9D", "\"curly quotes\""),
	C("\"a (b) OR c\"", "\"a b or c\""),
	C("-\"export controls\" china", "(NOT china \"export controls\")"),
	C("a\"b c\"", "(OR a \"b c\")"),
	C("\"a , b\"", "\"a b\""),
	/* wildcards */
	C("regulat*", "regulat*"),
	C("Regulat**", "regulat*"),
	C("r*", "r"),
	C("*", "<none>"),
	C("ai-ac*", "\"ai ac\""),
	C("title:regulat*", "title:regulat*"),
	C("人工*", "人工*"),
	C("智*", "智"),
	C("a*b", "\"a b\""),
	/* exact */
	C("=chips", "=chips"),
	C("=Chips", "=chips"),
	C("=ai-act", "=\"ai act\""),
	C("=\"export controls\"", "=\"export controls\""),
	C("= chips", "chips"),
	C("+=chips -=nvidia", "(NOT =chips =nvidia)"),
	C("title:=chips", "title:=chips"),
	C("=regulat*", "=regulat*"),
	/* fields */
	C("title:export", "title:export"),
	C("TITLE:Export", "title:export"),
	C("title:\"export controls\"", "title:\"export controls\""),
	C("title:(a b)", "(OR title:a title:b)"),
	/* a title match is required and ranks; author: and source:
	 * restrict as filters do (Google's site:) */
	C("title:(a b) c", "(MAYBE (OR title:a title:b) c)"),
	C("title:chips export", "(MAYBE title:chips export)"),
	C("title:chips title:export ai", "(MAYBE (AND title:chips title:export) ai)"),
	C("source:california deepfake", "(AND deepfake source:california)"),
	C("deepfake author:smith", "(AND deepfake author:smith)"),
	C("source:(california OR texas) deepfake",
	  "(AND deepfake (OR source:california source:texas))"),
	C("source:(new york) times", "(AND times (OR source:new source:york))"),
	C("source:calif* deepfake", "(AND deepfake source:calif*)"),
	C("source:\"new york\" -author:smith ai",
	  "(NOT (AND ai source:\"new york\") author:smith)"),
	C("source:california OR deepfake", "(OR source:california deepfake)"),
	C("source:california lang:en", "(AND source:california lang:en)"),
	C("title:(a author:b)", "(OR title:a author:b)"),
	C("title:(a \"b c\" dx*)", "(OR title:a title:\"b c\" title:dx*)"),
	C("author:smith", "author:smith"),
	C("source:Reuters", "source:reuters"),
	C("lang:ZH", "lang:zh"),
	C("language:En", "lang:en"),
	C("lang:zh chips", "(AND chips lang:zh)"),
	C("lang:zh lang:en chips", "(AND chips (OR lang:zh lang:en))"),
	C("+lang:zh chips", "(AND chips lang:zh)"),
	C("-lang:zh chips", "(NOT chips lang:zh)"),
	C("lang:zh -chips", "(NOT lang:zh chips)"),
	C("chips (lang:zh OR lang:en)", "(AND chips (OR lang:zh lang:en))"),
	C("id:ABC-123", "id:ABC-123"),
	C("id:\"a b\"", "id:\"a b\""),
	C("id:x:y", "id:\"x:y\""),
	C("id:\"\"", "<none>"),
	C("dup:0bbceb82c18ab48a", "dup:0bbceb82c18ab48a"),
	C("foo:bar", "\"foo bar\""),
	C("title:", "title"),
	C("title: export", "(OR title export)"),
	C("lang:", "lang"),
	C("lang:(zh)", "(OR lang zh)"),
	C("+title:(a b) c", "(MAYBE (OR title:a title:b) c)"),
	/* dates */
	C("date:2025-01-01..2026-05-31", "date:2025-01-01..2026-05-31"),
	C("date:2026..", "date:2026.."),
	C("date:..2025-06", "date:..2025-06"),
	C("date:2026", "date:2026"),
	C("date:2026-05", "date:2026-05"),
	C("date:2026-05-07", "date:2026-05-07"),
	C("date:2026/5/7", "date:2026-05-07"),
	C("date:2026/05..2026/06", "date:2026-05..2026-06"),
	C("DATE:2024-02-29", "date:2024-02-29"),
	C("date:2027..2025", "date:2025..2027"),
	C("date:2026-05..2026", "date:2026-05..2026"),
	C("date:\"2026\"", "date:2026"),
	C("date:2025 date:2026", "(OR date:2025 date:2026)"),
	C("title:\"export controls\" date:2025..2026",
	  "(AND title:\"export controls\" date:2025..2026)"),
	C("lang:zh date:2026", "(AND lang:zh date:2026)"),
	/* parentheses */
	C("((((", "<none>"),
	C("(((a", "a"),
	C("a))))", "a"),
	C(")a(", "a"),
	C("()", "<none>"),
	C("( ) a ( )", "a"),
	C("a OR ()", "a"),
	C("(a b", "(OR a b)"),
	C("(a) (b)", "(OR a b)"),
	/* NUL bytes and invalid UTF-8 */
	C("a\0b", "(OR a b)"),
	C("\0", "<none>"),
	C("a\xFF" "b", "\"a b\""),
	C("\xFF\xFE", "<none>"),
	C("\xE4\xBA", "<none>"),
	C("ex\xC3port", "\"ex port\""),
	C("\x80regulat*", "regulat*"),
	C("\xC0\xAF\xED\xA0\x80 a", "a"),
	C("id:a\xFF" "b", "id:a\xEF\xBF\xBD" "b"),
};

static const struct qcase and_cases[] = {
	C("export controls", "(AND export controls)"),
	C("+a b -c", "(NOT (AND a b) c)"),
	C("a OR b c", "(OR a (AND b c))"),
	C("人工智能监管 chips", "(AND (AND 人工 智能 监管) chips)"),
	C("lang:zh a b", "(AND a b lang:zh)"),
	C("-a", "(NOT <all> a)"),
	C("a", "a"),
};

static void
test_table(void **state)
{
	run_table(*state, cases, sizeof cases / sizeof *cases, NULL, "table");
	assert_true(sizeof cases / sizeof *cases >= 80);
}

static void
test_default_and(void **state)
{
	query_opts o = QUERY_OPTS_DEFAULT;

	o.default_op = Q_AND;
	run_table(*state, and_cases, sizeof and_cases / sizeof *and_cases, &o,
		  "and-table");
}

/* Parses a NUL-terminated query with default options. */
static qnode *
parse(tok *t, const char *q)
{
	qnode *root = NULL;
	char *err = NULL;

	assert_int_equal(query_parse(t, q, strlen(q), NULL, &root, NULL, &err),
			 0);
	assert_null(err);
	assert_non_null(root);
	return root;
}

/* A date: that is not a date is an error for the user, naming the value,
 * never words (it used to search "date 2026 13"). */
static void
test_bad_dates(void **state)
{
	static const char *const bad[] = {
		"date:soon", "date:2026-13", "date:2025-13..", "date:2026-02-30",
		"date:2025-02-29", "date:..", "date:26", "date:last-week",
		"chips date:2024-00", "title:x OR date:2024-1-32",
		"date:\"next year\"", "date:2025..2025-13",
	};
	static const char *const good[] = {
		"date:", "date:2024-02-29", "date:2025..", "mydate:soon",
		"\"date:soon\"",
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		qnode *root = (qnode *)1;
		char *err = NULL;

		assert_int_equal(query_parse(*state, bad[i], strlen(bad[i]),
					     NULL, &root, NULL, &err),
				 QUERY_EDATE);
		assert_null(root);
		assert_non_null(err);
		assert_non_null(strstr(err, " is not a date: write a year"));
		assert_int_equal(strncmp(err, "date:", 5), 0);
		free(err);
	}
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		query_free(parse(*state, good[i]));
}

static void
test_fields_list(void **state)
{
	static const char *const want[] = {"title", "author", "source", "lang",
					   "language", "id", "date", "dup"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof want / sizeof *want; i++) {
		assert_non_null(query_fields[i]);
		assert_string_equal(query_fields[i], want[i]);
	}
	assert_null(query_fields[i]);
}

static void
test_nodes(void **state)
{
	static const struct {
		const char *q;
		qkind kind;
		int field; /* index in query_fields, -1 for none */
		const char *text, *text2; /* "-": NULL */
	} leafs[] = {
		{"Regulat*", Q_WILD, -1, "regulat", "-"},
		{"author:Smi*", Q_WILD, 1, "smi", "-"},
		{"lang:ZH", Q_FILTER, 3, "zh", "-"},
		{"language:ZH", Q_FILTER, 3, "zh", "-"},
		{"id:AbC", Q_FILTER, 5, "AbC", "-"},
		{"date:2026/5", Q_DATE, 6, "2026-05", "2026-05"},
		{"date:2026..", Q_DATE, 6, "2026", ""},
		{"date:..2025-06-30", Q_DATE, 6, "", "2025-06-30"},
	};
	tok *t = *state;
	qnode *q;
	size_t i;

	/* a quoted phrase in a field: field pointers, positions, window */
	q = parse(t, "title:\"Export Controls\"");
	assert_int_equal(q->kind, Q_PHRASE);
	assert_ptr_equal(q->field, query_fields[0]);
	assert_int_equal(q->flags, QF_QUOTED);
	assert_int_equal(q->window, 2);
	assert_int_equal(q->nkids, 2);
	assert_int_equal(q->kids[0]->kind, Q_WORD);
	assert_string_equal(q->kids[0]->text, "export");
	assert_ptr_equal(q->kids[0]->field, query_fields[0]);
	assert_int_equal(q->kids[0]->pos, 0);
	assert_int_equal(q->kids[0]->width, 1);
	assert_string_equal(q->kids[1]->text, "controls");
	assert_int_equal(q->kids[1]->pos, 1);
	query_free(q);

	/* a split word: a phrase, not quoted */
	q = parse(t, "ai-act");
	assert_int_equal(q->kind, Q_PHRASE);
	assert_null(q->field);
	assert_int_equal(q->flags, 0);
	assert_int_equal(q->window, 2);
	query_free(q);

	/* CJK words: flags, positions in characters, widths */
	q = parse(t, "人工智能监管");
	assert_int_equal(q->kind, Q_AND);
	assert_int_equal(q->nkids, 3);
	assert_int_equal(q->kids[0]->flags, QF_CJK);
	assert_int_equal(q->kids[0]->pos, 0);
	assert_int_equal(q->kids[0]->width, 2);
	assert_int_equal(q->kids[1]->pos, 2);
	assert_int_equal(q->kids[2]->pos, 4);
	assert_int_equal(q->kids[2]->width, 2);
	query_free(q);

	q = parse(t, "\"人工智能监管\"");
	assert_int_equal(q->kind, Q_PHRASE);
	assert_int_equal(q->window, 6);
	assert_int_equal(q->flags & QF_QUOTED, QF_QUOTED);
	query_free(q);

	q = parse(t, "=Chips");
	assert_int_equal(q->kind, Q_WORD);
	assert_int_equal(q->flags, QF_EXACT);
	assert_string_equal(q->text, "chips");
	query_free(q);

	q = parse(t, "a NEAR/3 b");
	assert_int_equal(q->kind, Q_NEAR);
	assert_int_equal(q->window, 3);
	assert_int_equal(q->nkids, 2);
	query_free(q);

	/* leaves: kind, field (pointer into query_fields), text, text2 */
	for (i = 0; i < sizeof leafs / sizeof *leafs; i++) {
		q = parse(t, leafs[i].q);
		if (q->kind != leafs[i].kind ||
		    q->field != (leafs[i].field < 0
					 ? NULL
					 : query_fields[leafs[i].field]) ||
		    strcmp(q->text, leafs[i].text) ||
		    strcmp(q->text2 ? q->text2 : "-", leafs[i].text2))
			fail_msg("leaf case %zu [%s]: kind %d field %s text %s "
				 "text2 %s", i + 1, leafs[i].q, (int)q->kind,
				 q->field ? q->field : "-", q->text,
				 q->text2 ? q->text2 : "-");
		query_free(q);
	}

	q = parse(t, "source:\"The Times\"");
	assert_int_equal(q->kind, Q_PHRASE);
	assert_ptr_equal(q->field, query_fields[2]);
	assert_ptr_equal(q->kids[1]->field, query_fields[2]);
	query_free(q);

	q = parse(t, ".,;");
	assert_int_equal(q->kind, Q_NONE);
	assert_int_equal(q->nkids, 0);
	query_free(q);
}

/* Expects canonical form want and a warning containing note (NULL: no
 * warning). */
static void
expect(tok *t, const char *q, size_t n, const query_opts *o, const char *want,
       const char *note)
{
	char *warn = NULL, *got = canon_of(t, q, n, o, &warn);

	if (strcmp(got, want) != 0)
		fail_msg("query [%.60s]: got %s, want %s", q, got, want);
	if (note && (!warn || !strstr(warn, note)))
		fail_msg("query [%.60s]: warning \"%s\", want \"%s\"", q,
			 warn ? warn : "(none)", note);
	if (!note && warn)
		fail_msg("query [%.60s]: unexpected warning \"%s\"", q, warn);
	free(got);
	free(warn);
}

#define EXPECT(t, q, o, want, note) expect(t, q, sizeof(q) - 1, o, want, note)

static void
test_limits(void **state)
{
	tok *t = *state;
	query_opts o = QUERY_OPTS_DEFAULT;

	o.maxterms = 3;
	EXPECT(t, "a b c d e", &o, "(OR a b c)", "query cut to 3 words");
	EXPECT(t, "a b c", &o, "(OR a b c)", NULL);
	o.maxterms = 2;
	EXPECT(t, "\"a b c\"", &o, "\"a b\"", "2 words");
	EXPECT(t, "ab-cd-e*", &o, "\"ab cd\"", "2 words");
	o.maxterms = 1;
	EXPECT(t, "lang:zh a b", &o, "lang:zh", "1 words");
	o.maxterms = 0;
	EXPECT(t, "a", &o, "<none>", "0 words");

	o = (query_opts)QUERY_OPTS_DEFAULT;
	o.maxdepth = 2;
	EXPECT(t, "(((a)))", &o, "a", "deeper than 2 levels");
	EXPECT(t, "((a))", &o, "a", NULL);
	EXPECT(t, "((((a OR b) c) d) e)", &o, "(OR a b c d e)", "deeper");
	o.maxdepth = 1;
	EXPECT(t, "((a OR b) c) AND d", &o, "(AND (OR a b c) d)", "deeper");
	o.maxdepth = 0;
	EXPECT(t, "(a OR b) AND c", &o, "(OR a (AND b c))", "deeper");
	EXPECT(t, "title:(a b) c", &o, "(OR a b c)", "deeper");

	o = (query_opts)QUERY_OPTS_DEFAULT;
	o.maxlen = 6;
	EXPECT(t, "export controls", &o, "export", "query cut to 6 bytes");
	EXPECT(t, "export", &o, "export", NULL);
	o.maxlen = 7; /* 人工智能 is 12 bytes: cut on a character boundary */
	EXPECT(t, "人工智能", &o, "人工", "cut to 7 bytes");
	o.maxlen = 0;
	EXPECT(t, "a", &o, "<none>", "cut to 0 bytes");
}

/* Counts the leaves (words, wildcards, filters, dates) of q. */
static size_t
leaves(const qnode *q)
{
	size_t i, n = 0;

	if (q->kind == Q_WORD || q->kind == Q_WILD || q->kind == Q_FILTER ||
	    q->kind == Q_DATE)
		return 1;
	for (i = 0; i < q->nkids; i++)
		n += leaves(q->kids[i]);
	return n;
}

static int
is_field(const char *f)
{
	size_t i;

	if (!f)
		return 1;
	for (i = 0; query_fields[i]; i++)
		if (f == query_fields[i])
			return 1;
	return 0;
}

/* Asserts the invariants of a parsed tree; returns its depth. */
static unsigned
check_tree(const qnode *q, int top, int first_of_not)
{
	unsigned d = 0, k;
	size_t i;

	assert_true(is_field(q->field));
	switch (q->kind) {
	case Q_WORD:
	case Q_WILD:
	case Q_FILTER:
		assert_int_equal(q->nkids, 0);
		assert_non_null(q->text);
		assert_true(q->text[0] != '\0');
		assert_true(u8_valid(q->text, strlen(q->text), NULL));
		if (q->kind == Q_FILTER)
			assert_non_null(q->field);
		return 1;
	case Q_DATE:
		assert_non_null(q->text);
		assert_non_null(q->text2);
		assert_true(q->text[0] || q->text2[0]);
		return 1;
	case Q_ALL:
		assert_true(first_of_not);
		return 1;
	case Q_NONE:
		assert_true(top);
		return 1;
	case Q_PHRASE:
	case Q_NEAR:
		assert_true(q->nkids >= 2);
		assert_true(q->window >= 1);
		for (i = 0; i < q->nkids; i++)
			if (q->kind == Q_PHRASE)
				assert_int_equal(q->kids[i]->kind, Q_WORD);
			else
				assert_true(q->kids[i]->kind == Q_WORD ||
					    q->kids[i]->kind == Q_PHRASE);
		break;
	case Q_AND:
	case Q_OR:
	case Q_NOT:
	case Q_MAYBE:
		assert_true(q->nkids >= 2);
		assert_null(q->field);
		/* no AND in an AND (nor OR in OR...), but for a run of words */
		for (i = 0; i < q->nkids; i++)
			if ((q->kind == Q_AND || q->kind == Q_OR || i == 0) &&
			    !(q->kids[i]->flags & QF_RUN))
				assert_int_not_equal(q->kids[i]->kind,
						     q->kind);
		if (q->flags & QF_RUN) {
			assert_int_equal(q->kind, Q_AND);
			for (i = 0; i < q->nkids; i++)
				assert_int_equal(q->kids[i]->kind, Q_WORD);
		}
		break;
	default:
		fail_msg("bad kind %d", (int)q->kind);
	}
	for (i = 0; i < q->nkids; i++) {
		k = check_tree(q->kids[i], 0, q->kind == Q_NOT && i == 0);
		if (k > d)
			d = k;
	}
	return d + 1;
}

/* Parses q[0..n) with o; checks the tree, its size and that it prints. */
static void
parse_check(tok *t, const char *q, size_t n, const query_opts *o)
{
	qnode *root = NULL;
	char *err = NULL, *warn = NULL, *c;
	int rc = query_parse(t, q, n, o, &root, &warn, &err);

	if (rc == QUERY_EDATE) { /* an impossible date: told, no tree */
		assert_null(root);
		assert_non_null(err);
		free(err);
		free(warn);
		return;
	}
	assert_int_equal(rc, 0);
	assert_null(err);
	assert_non_null(root);
	check_tree(root, 1, 0);
	assert_true(leaves(root) <= o->maxterms);
	c = query_canon(root);
	assert_non_null(c);
	free(c);
	free(warn);
	query_free(root);
}

static void
test_hostile(void **state)
{
	tok *t = *state;
	query_opts o = QUERY_OPTS_DEFAULT, big = QUERY_OPTS_DEFAULT;
	/* how the 100 KB query below starts (the whole form is long) */
	static const char want100[] = "(OR";
	char *s, *warn, *c;
	buf want = BUF_INIT;
	size_t i, n;
	qnode *root = NULL;
	char *err = NULL;

	/* 10,000 "(" */
	s = malloc(200001);
	assert_non_null(s);
	memset(s, '(', 10000);
	expect(t, s, 10000, &o, "<none>", "cut to 4096 bytes");
	big.maxlen = 200000;
	expect(t, s, 10000, &big, "<none>", "deeper than 32 levels");

	/* 10,000 "(" around a word, read whole: depth capped, no recursion */
	memset(s, '(', 10000);
	s[10000] = 'a';
	memset(s + 10001, ')', 10000);
	expect(t, s, 20001, &big, "a", "deeper than 32 levels");
	big.maxdepth = 1000000; /* honoured only up to the hard cap */
	expect(t, s, 20001, &big, "a", "levels ignored");
	parse_check(t, s, 20001, &big);
	big.maxdepth = 32;

	/* alternating nesting "(a (b (c ...": flattened into one OR */
	for (i = n = 0; i < 5000; i++) {
		s[n++] = '(';
		s[n++] = (char)('a' + i % 26);
		s[n++] = ' ';
	}
	big.maxterms = 10000;
	parse_check(t, s, n, &big);
	buf_adds(&want, "(OR");
	for (i = 0; i < 5000; i++)
		buf_printf(&want, " %c", (char)('a' + i % 26));
	buf_addc(&want, ')');
	assert_int_equal(want.err, 0);
	expect(t, s, n, &big, want.p, "deeper than 32 levels");
	buf_free(&want);
	big.maxterms = 256;

	/* a 100 KB query of everything, whole and cut */
	for (n = 0; n < 100000;) {
		static const char piece[] =
			"Word ai-act OR (x AND \"y z\") -q lang:zh date:2026 "
			"regulat* NEAR/3 人工智能 ) ( | AND NOT \"";
		size_t k = sizeof piece - 1;

		memcpy(s + n, piece, k);
		n += k;
	}
	big.maxlen = 200000;
	warn = NULL;
	assert_int_equal(query_parse(t, s, n, &big, &root, &warn, &err), 0);
	assert_non_null(root);
	assert_non_null(warn);
	assert_non_null(strstr(warn, "256 words"));
	assert_true(leaves(root) <= 256);
	check_tree(root, 1, 0);
	query_free(root);
	free(warn);
	parse_check(t, s, n, &o);
	c = canon_of(t, s, n, &o, &warn);
	if (strncmp(c, want100, strlen(want100)))
		fail_msg("100 KB query: got %.200s", c);
	assert_non_null(strstr(warn, "cut to 4096 bytes"));
	free(c);
	free(warn);
	free(s);
}

static void
test_invalid_utf8(void **state)
{
	tok *t = *state;
	query_opts o = QUERY_OPTS_DEFAULT;
	unsigned char s[512];
	size_t i;
	unsigned x = 12345;

	/* every byte value alone and between two words */
	for (i = 0; i < 256; i++) {
		s[0] = 'a';
		s[1] = (unsigned char)i;
		s[2] = 'b';
		parse_check(t, (const char *)s + 1, 1, &o);
		parse_check(t, (const char *)s, 3, &o);
	}
	/* random bytes */
	for (i = 0; i < 300; i++) {
		size_t n = 1 + i % 500, j;

		for (j = 0; j < n; j++) {
			x = x * 1103515245u + 12345u;
			s[j] = (unsigned char)(x >> 16);
		}
		parse_check(t, (const char *)s, n, &o);
	}
	/* a cut in the middle of a character never leaves half of it */
	o.maxlen = 2;
	expect(t, "\xE4\xBA\xBA", 3, &o, "<none>", "cut to 2 bytes");
}

/* query_canon of hand-built trees: quoting and escaping of odd terms. */
static void
test_canon(void **state)
{
	static const struct {
		qkind kind;
		const char *field, *text;
		int flags;
		const char *want;
	} leafs[] = {
		{Q_WORD, NULL, "plain", 0, "plain"},
		{Q_WORD, NULL, "z\xC3\xBCrich", 0, "z\xC3\xBCrich"},
		{Q_WORD, NULL, "a b", 0, "\"a b\""},
		{Q_WORD, NULL, "say\"hi", 0, "\"say\\\"hi\""},
		{Q_WORD, NULL, "back\\slash", 0, "\"back\\\\slash\""},
		{Q_WORD, NULL, "x:y", 0, "\"x:y\""},
		{Q_WORD, NULL, "(p)", 0, "\"(p)\""},
		{Q_WORD, NULL, "", 0, "\"\""},
		{Q_WORD, NULL, "tab\there", 0, "\"tab\\x09here\""},
		{Q_WORD, NULL, "eu's", 0, "eu's"},
		{Q_WORD, "title", "a b", 0, "title:\"a b\""},
		{Q_WORD, "title", "x", QF_EXACT, "title:=x"},
		{Q_WORD, NULL, "x", QF_EXACT | QF_CJK, "=x"},
		{Q_WILD, NULL, "regulat", 0, "regulat*"},
		{Q_WILD, "author", "a b", 0, "author:\"a b\"*"},
		{Q_FILTER, "source", "New York Times", 0,
		 "source:\"New York Times\""},
		{Q_FILTER, "lang", "zh", 0, "lang:zh"},
		{Q_FILTER, "id", "a\"b\\c", 0, "id:\"a\\\"b\\\\c\""},
		{Q_FILTER, NULL, "x", 0, "?:x"},
		{Q_ALL, NULL, NULL, 0, "<all>"},
		{Q_NONE, NULL, NULL, 0, "<none>"},
	};
	qnode *q, *p;
	char *c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof leafs / sizeof *leafs; i++) {
		q = query_node(leafs[i].kind, leafs[i].field, leafs[i].text,
			       leafs[i].text ? strlen(leafs[i].text) : 0);
		assert_non_null(q);
		q->flags = leafs[i].flags;
		c = query_canon(q);
		assert_non_null(c);
		if (strcmp(c, leafs[i].want))
			fail_msg("canon case %zu: got %s, want %s", i + 1, c,
				 leafs[i].want);
		free(c);
		query_free(q);
	}

	/* dates */
	q = query_node(Q_DATE, "date", "", 0);
	assert_non_null(q);
	q->text2 = str_dup("2025-06");
	c = query_canon(q);
	assert_string_equal(c, "date:..2025-06");
	free(c);
	free(q->text);
	q->text = str_dup("2025-06");
	c = query_canon(q);
	assert_string_equal(c, "date:2025-06");
	free(c);
	free(q->text2);
	q->text2 = str_dup("");
	c = query_canon(q);
	assert_string_equal(c, "date:2025-06..");
	free(c);
	query_free(q);

	/* a phrase whose words need escaping, inside a NEAR inside a NOT */
	p = query_node(Q_PHRASE, "title", NULL, 0);
	assert_non_null(p);
	assert_int_equal(query_add(p, query_node(Q_WORD, "title", "say", 3)), 0);
	assert_int_equal(query_add(p, query_node(Q_WORD, "title", "\"hi\\", 4)),
			 0);
	q = query_node(Q_NEAR, NULL, NULL, 0);
	assert_non_null(q);
	q->window = 5;
	assert_int_equal(query_add(q, p), 0);
	assert_int_equal(query_add(q, query_node(Q_WORD, NULL, "x", 1)), 0);
	p = query_node(Q_NOT, NULL, NULL, 0);
	assert_int_equal(query_add(p, query_node(Q_ALL, NULL, NULL, 0)), 0);
	assert_int_equal(query_add(p, q), 0);
	q = query_node(Q_MAYBE, NULL, NULL, 0);
	assert_int_equal(query_add(q, p), 0);
	assert_int_equal(query_add(q, query_node(Q_WORD, NULL, "y", 1)), 0);
	c = query_canon(q);
	assert_string_equal(c, "(MAYBE (NOT <all> (NEAR/5 title:\"say "
			       "\\\"hi\\\\\" x)) y)");
	free(c);
	query_free(q);
}

static void
test_tree_helpers(void **state)
{
	qnode *q, *k;
	size_t i;

	(void)state;
	q = query_node(Q_OR, NULL, NULL, 0);
	assert_non_null(q);
	assert_null(q->text);
	assert_int_equal(q->nkids, 0);
	/* a NULL kid (a failed query_node) is an error, not a crash */
	assert_int_equal(query_add(q, NULL), -1);
	for (i = 0; i < 1000; i++) {
		k = query_node(Q_WORD, NULL, "w", 1);
		assert_int_equal(query_add(q, k), 0);
	}
	assert_int_equal(q->nkids, 1000);
	assert_string_equal(q->kids[999]->text, "w");
	/* text is copied, len bytes */
	k = query_node(Q_WORD, NULL, "abcdef", 3);
	assert_string_equal(k->text, "abc");
	/* no parent: the kid is freed (valgrind checks) */
	assert_int_equal(query_add(NULL, k), -1);
	query_free(q);
	query_free(NULL);
}

/* Random queries built from the pieces of the language, with random
 * options: every parse succeeds and gives a well-formed tree. */
static void
test_random(void **state)
{
	static const char *const pieces[] = {
		"(", ")", "\"", "AND", "OR", "NOT", "NEAR/3", "NEAR", "+", "-",
		"=", "*", "title:", "lang:", "date:", "id:", "2026", "..",
		"2025-06", "a", "b", "Cd", "人工", "智能", "ai-act", " ", " ",
		" ", "\xFF", "\0", "|", "&", ":", "\xE2\x80\x9C", "source:",
		"\xE3\x80\x80", "C++", "EU's", "language:", "/",
	};
	tok *t = *state;
	query_opts o = QUERY_OPTS_DEFAULT;
	char s[400];
	size_t i, j, n, k;
	unsigned x = 2026;

	for (i = 0; i < 20000; i++) {
		x = x * 1103515245u + 12345u;
		k = 1 + (x >> 16) % 24;
		for (j = n = 0; j < k; j++) {
			const char *pc;
			size_t pl;

			x = x * 1103515245u + 12345u;
			pc = pieces[(x >> 16) % (sizeof pieces / sizeof *pieces)];
			pl = pc[0] ? strlen(pc) : 1;
			memcpy(s + n, pc, pl);
			n += pl;
		}
		x = x * 1103515245u + 12345u;
		o.default_op = (x >> 16) & 1 ? Q_AND : Q_OR;
		o.maxlen = (x >> 17) & 1 ? 4096 : (x >> 18) % 64;
		o.maxdepth = (x >> 20) % 5;
		o.maxterms = (x >> 23) % 12;
		parse_check(t, s, n, &o);
	}
}

static int
setup(void **state)
{
	char *err = NULL;
	tok *t = tok_new(&err);

	if (!t) {
		fprintf(stderr, "tok_new: %s\n", err ? err : "?");
		free(err);
		return -1;
	}
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	tok_free(*state);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_default_and),
		cmocka_unit_test(test_fields_list),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_nodes),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_canon),
		cmocka_unit_test(test_tree_helpers),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
