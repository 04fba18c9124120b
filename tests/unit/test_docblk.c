/*
 * Unit tests for lib/docblk.c: a table of stored texts and the blocks a
 * document view shows of them, printed canonically ("P:text|H2:text|..."),
 * the display form made by the snippet maker's own snip_flatten; then the
 * fallback when text and display form do not line up, the title rule and
 * the joining of hits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docblk.h"
#include "snip.h"

static const struct {
	const char *text, *want;
} cases[] = {
	{"one line", "P:one line"},
	{"two\nlines", "P:two lines"},
	{"a para\n\nanother\n\n\n  third  ", "P:a para|P:another|P:third"},
	{"# Title\n\nText", "H1:Title|P:Text"},
	{"## 第一章 总则\n\n第一条 为了", "H2:第一章 总则|P:第一条 为了"},
	{"###### six\n####### seven", "H6:six|P:####### seven"},
	{"## closed ##\n", "H2:closed"},
	{"#hashtag is text", "P:#hashtag is text"},
	{"- one\n- two\n  more\n\nafter", "I:one|I:two more|P:after"},
	{"* star\n+ plus", "I:star|I:plus"},
	{"1. first\n2) second", "N1:first|N2:second"},
	{"3. three", "N3:three"},
	{"2026. A year and a point", "N2026:A year and a point"},
	{"1.5 is a number", "P:1.5 is a number"},
	{"-not a list", "P:-not a list"},
	{"above\n\n---\n\nbelow", "P:above|R|P:below"},
	{"title\n<!-- INFO END -->\n\nbody", "P:title|P:body"},
	{"<!-- INFO END -->\n\n为正确审理", "P:为正确审理"},
	{"a\n<!-- two\nlines -->\nb", "P:a|P:b"},
	{"a\n<!-- FORCE BREAK --> b", "P:a|P:b"},
	{"a\n<!-- never closed\nb", "P:a"},
	{"heading\n# H\ntext right after", "P:heading|H1:H|P:text right after"},
	{"\xE3\x80\x80\xE3\x80\x80indented 　\n\nx", "P:indented|P:x"},
	{"", ""},
	{"\n\n  \n", ""},
	{"#\n\n- \n\ntext", "P:text"},
};

/* The display form of text, as the snippet maker makes it. */
static snip_text
flatten(const char *text)
{
	snip_span sp = {0, strlen(text), SNIP_TEXT};
	snip_text st = {0};

	assert_int_equal(snip_flatten(text, &sp, strlen(text) ? 1 : 0, &st),
			 0);
	return st;
}

static void
canon(char *out, size_t cap, const char *flat, const docblk *b, size_t nb)
{
	size_t n = 0;

	out[0] = 0;
	for (size_t i = 0; i < nb; i++) {
		const char *k = b[i].kind == DOCBLK_PARA   ? "P"
				: b[i].kind == DOCBLK_HEAD ? "H"
				: b[i].kind == DOCBLK_ITEM ? "I"
				: b[i].kind == DOCBLK_NUM  ? "N"
							   : "R";

		n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? "|" : "", k);
		if (b[i].kind == DOCBLK_HEAD || b[i].kind == DOCBLK_NUM)
			n += (size_t)snprintf(out + n, cap - n, "%u",
					      b[i].level);
		if (b[i].kind != DOCBLK_RULE)
			n += (size_t)snprintf(out + n, cap - n, ":%.*s",
					      (int)(b[i].end - b[i].start),
					      flat + b[i].start);
	}
}

static void
test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snip_text st = flatten(cases[i].text);
		docblk *b = NULL;
		size_t nb = docblk_split(cases[i].text, strlen(cases[i].text),
					 st.text.p ? st.text.p : "", st.text.n,
					 &b);
		char got[512];

		canon(got, sizeof got, st.text.p, b, nb);
		if (strcmp(got, cases[i].want))
			fail_msg("case %zu: %s\n  want %s\n  got  %s", i + 1,
				 cases[i].text, cases[i].want, got);
		free(b);
		snip_text_clear(&st);
	}
}

/* A display form that is not the text's: one paragraph, the whole of it. */
static void
test_mismatch(void **state)
{
	const char *flat = "something else entirely";
	docblk *b = NULL;
	size_t nb = docblk_split("# a\n\nb", 6, flat, strlen(flat), &b);

	(void)state;
	assert_int_equal(nb, 1);
	assert_int_equal(b[0].kind, DOCBLK_PARA);
	assert_int_equal(b[0].start, 0);
	assert_int_equal(b[0].end, strlen(flat));
	free(b);
}

static void
test_title(void **state)
{
	const char *text = "# 数据安全法\n\n第一条";
	snip_text st = flatten(text);
	docblk *b = NULL;
	size_t nb = docblk_split(text, strlen(text), st.text.p, st.text.n, &b);

	(void)state;
	assert_int_equal(docblk_title(st.text.p, b, nb, "数据安全法"), 1);
	assert_int_equal(docblk_title(st.text.p, b, nb, "数据安全"), 0);
	assert_int_equal(docblk_title(st.text.p, b + 1, nb - 1, "第一条"), 0);
	assert_int_equal(docblk_title(st.text.p, b, 0, "数据安全法"), 0);
	free(b);
	snip_text_clear(&st);
}

static void
test_join(void **state)
{
	const char *s = "export controls and  chips";
	snip_hl hl[] = {{0, 6, 0, 6}, {7, 15, 7, 15}, {20, 21, 20, 21},
			{21, 26, 21, 26}, {24, 30, 24, 30}};
	snip_hl *out = NULL;
	size_t n = docblk_join(s, strlen(s), hl, 5, &out);

	(void)state;
	assert_int_equal(n, 3);
	assert_int_equal(out[0].bstart, 0); /* "export controls": one */
	assert_int_equal(out[0].bend, 15);
	assert_int_equal(out[1].bstart, 20); /* touching, not one space apart */
	assert_int_equal(out[2].bend, 26);   /* overlapping one dropped */
	free(out);
	assert_int_equal(docblk_join(s, strlen(s), NULL, 0, &out), 0);
	assert_null(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_mismatch),
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_join),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
