/*
 * Unit tests for lib/width.c: columns of text (CJK 2, marks 0) and where a
 * long title is cut: a table of texts, budgets and the part kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "width.h"

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(width_of("abc", 3), 3);
	assert_int_equal(width_of("数据安全法", 15), 10);
	assert_int_equal(width_of("，、", 6), 4);
	assert_int_equal(width_of("e\xCC\x81", 3), 1); /* e + combining acute */
	assert_int_equal(width_of("\xF0\x9F\x98\x80", 4), 2); /* emoji */
	assert_int_equal(width_of("\xFF", 1), 1);
	assert_int_equal(width_cp(0x200D), 0);
	assert_int_equal(width_cp(0xAC00), 2); /* Hangul */
}

static const struct {
	const char *s;
	size_t cols;
	const char *kept;
} cuts[] = {
	{"short", 10, "short"},
	{"exactly ten", 11, "exactly ten"},
	{"DeepSeek V4 on Huawei Chips", 20, "DeepSeek V4 on"},
	{"DeepSeek V4 on Huawei Chips", 15, "DeepSeek V4 on"},
	{"DeepSeek V4 on Huawei Chips", 14, "DeepSeek V4"},
	{"Export controls, chips and AI", 17, "Export controls"},
	{"Supercalifragilistic", 8, "Superca"},	/* one long word */
	{"数据安全法实施条例", 9, "数据安全"},		/* 4 chars + … */
	{"数据安全法实施条例", 10, "数据安全"},
	{"数据安全法实施条例", 11, "数据安全法"},
	{"最高人民法院、最高人民检察院关于", 16, "最高人民法院"}, /* not "、" */
	{"AI监管条例", 5, "AI监"},
	{"AI监管条例", 4, "AI"},
	{"Cafe\xCC\x81 society", 5, "Cafe\xCC\x81"}, /* the mark stays */
	{"Cafe\xCC\x81s", 4, "Caf"},
};

static void
test_cut(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		size_t n = strlen(cuts[i].s);
		size_t cut = width_cut(cuts[i].s, n, cuts[i].cols);

		if (cut != strlen(cuts[i].kept) ||
		    memcmp(cuts[i].s, cuts[i].kept, cut) != 0)
			fail_msg("case %zu: \"%s\" in %zu: want \"%s\", got "
				 "\"%.*s\"", i + 1, cuts[i].s, cuts[i].cols,
				 cuts[i].kept, (int)cut, cuts[i].s);
		if (cut < n && width_of(cuts[i].s, cut) + 1 > cuts[i].cols)
			fail_msg("case %zu: too wide", i + 1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
