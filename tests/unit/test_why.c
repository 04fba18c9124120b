/*
 * Unit tests for lib/why.c: a table of lists and the line each says, in
 * English and in Chinese (every phrase from the message table); an item
 * that another of its reason holds is said once; the kind for machines;
 * the printer's escaper sees every piece.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "why.h"

typedef struct item {
	why_reason r, via;
	const char *term, *of;
} item;

static void
plain(buf *b, const char *s)
{
	buf_adds(b, s);
}

/* Brackets each piece: shows what went through the escaper. */
static void
bracket(buf *b, const char *s)
{
	buf_addc(b, '<');
	buf_adds(b, s);
	buf_addc(b, '>');
}

static void
fill(why_list *l, const item *v)
{
	for (; v->term; v++)
		assert_int_equal(why_add(l, v->r, v->via, v->term,
					 strlen(v->term), v->of),
				 0);
}

static void
test_lines(void **state)
{
	static const struct {
		item v[6];
		const char *en, *zh;
	} cases[] = {
		{{{WHY_TITLE, WHY_NONE, "H.R. 9626", NULL}, {0}},
		 "matched in title: H.R. 9626", "标题中匹配：H.R. 9626"},
		{{{WHY_SYNONYM, WHY_NONE, "Senate Bill", "sb"},
		  {WHY_EXPANSION, WHY_NONE, "semiconductor", NULL},
		  {WHY_TITLE, WHY_NONE, "CHIP", NULL},
		  {WHY_SYNONYM, WHY_NONE, "Executive Order", "eo"},
		  {0}},
		 "matched in title: CHIP; synonym: Senate Bill for sb, "
		 "Executive Order for eo; expanded: semiconductor",
		 "标题中匹配：CHIP；同义词：Senate Bill（对应 sb）、"
		 "Executive Order（对应 eo）；扩展词：semiconductor"},
		{{{WHY_FIELD, WHY_NONE, "california", "jurisdiction"},
		  {WHY_FIELD, WHY_NONE, "enacted", "status"},
		  {0}},
		 "matched in field jurisdiction: california; matched in field "
		 "status: enacted",
		 "字段 jurisdiction 中匹配：california；字段 status 中匹配：enacted"},
		{{{WHY_TITLE, WHY_SYNONYM, "Senate Bill 1047", "sb 1047"},
		  {WHY_NAME, WHY_FOLD, "數據安全法", "数据安全法"},
		  {0}},
		 "matched in title: Senate Bill 1047 (synonym for sb 1047); "
		 "matched in a name: 數據安全法 (folded from 数据安全法)",
		 "标题中匹配：Senate Bill 1047（sb 1047 的同义词）；"
		 "名称中匹配：數據安全法（由 数据安全法 繁简转换）"},
		{{{WHY_STEM, WHY_NONE, "General", "generous"},
		  {WHY_SPELLING, WHY_NONE, "Training", "traiga"},
		  {WHY_FOLD, WHY_NONE, "数据", "數據"},
		  {0}},
		 "folded: 数据 for 數據; stem: General for generous; "
		 "corrected: Training for traiga",
		 "繁简转换：数据（对应 數據）；词干：General（对应 generous）；"
		 "拼写更正：Training（对应 traiga）"},
		{{{WHY_ACRONYM, WHY_NONE, "Texas Responsible Artificial "
		   "Intelligence Governance Act", "TRAIGA"},
		  {WHY_TITLE, WHY_NONE, "Doc", NULL},
		  {WHY_ACRONYM, WHY_NONE, "Duty of Care", "Doc"},
		  {0}},
		 "matched in title: Doc; acronym: TRAIGA for Texas Responsible "
		 "Artificial Intelligence Governance Act, Doc for Duty of Care",
		 "标题中匹配：Doc；缩写：TRAIGA（即 Texas Responsible Artificial "
		 "Intelligence Governance Act）、Doc（即 Duty of Care）"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		why_list l = {0};
		buf en = BUF_INIT, zh = BUF_INIT;

		fill(&l, cases[i].v);
		why_line(&l, MSG_EN, &en, plain);
		why_line(&l, MSG_ZH, &zh, plain);
		assert_string_equal(en.p, cases[i].en);
		assert_string_equal(zh.p, cases[i].zh);
		buf_free(&en);
		buf_free(&zh);
		why_clear(&l);
	}
}

/* A term another item of its reason holds is said once, in any case; one
 * that holds another's takes its place. */
static void
test_held(void **state)
{
	static const item v[] = {
		{WHY_SYNONYM, WHY_NONE, "Executive Order", "eo"},
		{WHY_SYNONYM, WHY_NONE, "Executive Order 14110", "eo 14110"},
		{WHY_SYNONYM, WHY_NONE, "EXECUTIVE ORDER", "eo"},
		{WHY_TITLE, WHY_NONE, "Executive Order", NULL},
		{0},
	};
	why_list l = {0};
	buf b = BUF_INIT;

	(void)state;
	fill(&l, v);
	assert_int_equal(l.n, 2);
	why_line(&l, MSG_EN, &b, plain);
	assert_string_equal(b.p, "matched in title: Executive Order; synonym: "
				 "Executive Order 14110 for eo 14110");
	buf_free(&b);
	why_clear(&l);
	assert_int_equal(l.n, 0);
	why_clear(&l); /* an empty list clears again */
}

/* Kinds, one item's text, and every piece through the escaper. */
static void
test_kind_text(void **state)
{
	static const item v[] = {
		{WHY_TITLE, WHY_SYNONYM, "AI Act", "artificial intelligence act"},
		{WHY_EXPANSION, WHY_NONE, "<b>", NULL},
		{0},
	};
	why_list l = {0};
	char kind[32];
	buf b = BUF_INIT;

	(void)state;
	fill(&l, v);
	why_kind(&l.v[0], kind, sizeof kind);
	assert_string_equal(kind, "title_synonym");
	why_kind(&l.v[1], kind, sizeof kind);
	assert_string_equal(kind, "expansion");
	why_text(&l.v[1], MSG_EN, &b, plain);
	assert_string_equal(b.p, "expanded: <b>");
	buf_reset(&b);
	why_line(&l, MSG_EN, &b, bracket);
	assert_string_equal(b.p, "<matched in title: ><AI Act>< (synonym for >"
				 "<artificial intelligence act><)><; >"
				 "<expanded: ><<b>>");
	assert_string_equal(why_name(WHY_FOLD), "fold");
	assert_string_equal(why_name(WHY_SPELLING), "spelling");
	assert_string_equal(why_name(WHY_ACRONYM), "acronym");
	buf_free(&b);
	why_clear(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_held),
		cmocka_unit_test(test_kind_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
