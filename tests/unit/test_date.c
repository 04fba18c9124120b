/*
 * Unit tests for lib/date.c: a table of texts, the form they are read as,
 * and what each output style makes of them ("" = not a date), then the
 * styles on their own.  Every form articles and queries use is here, with
 * the near misses that must stay text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"

static const struct {
	date_form form;
	const char *in, *iso;
} cases[] = {
	/* articles: numeric forms */
	{DATE_ANY, "2026-05-07", "2026-05-07"},
	{DATE_ANY, "2026/05/07", "2026-05-07"},
	{DATE_ANY, "2026.5.7", "2026-05-07"},
	{DATE_ANY, "2026-05", "2026-05"},
	{DATE_ANY, "2026", "2026"},
	{DATE_ANY, "20260507", "2026-05-07"},
	{DATE_ANY, "2026-05-07T10:30:00+02:00", "2026-05-07"},
	{DATE_ANY, "2026-05-07 10:30", "2026-05-07"},
	{DATE_ANY, "2026-05-07Z", "2026-05-07"},
	{DATE_ANY, "2021年11月25日", "2021-11-25"},
	{DATE_ANY, "2021年11月", "2021-11"},
	{DATE_ANY, "2024-02-29", "2024-02-29"},
	{DATE_ANY, "2000-02-29", "2000-02-29"},
	{DATE_ANY, "  2026-05-07  ", "2026-05-07"},
	/* articles: written forms */
	{DATE_ANY, "May 7, 2026", "2026-05-07"},
	{DATE_ANY, "Thursday, May 7, 2026", "2026-05-07"},
	{DATE_ANY, "7 May 2026", "2026-05-07"},
	{DATE_ANY, "april 25 2026", "2026-04-25"},
	{DATE_ANY, "Sept. 3, 2025", "2025-09-03"},
	{DATE_ANY, "Dec 31, 1999", "1999-12-31"},
	{DATE_ANY, "7th May 2026", "2026-05-07"},
	{DATE_ANY, "1st of March, 2024", "2024-03-01"},
	{DATE_ANY, "07-May-2026", "2026-05-07"},
	{DATE_ANY, "Thu, 07 May 2026 10:00:00 +0000", "2026-05-07"},
	{DATE_ANY, "May 2026", "2026-05"},
	/* articles: not dates */
	{DATE_ANY, "", ""},
	{DATE_ANY, "   ", ""},
	{DATE_ANY, "2023-02-29", ""},
	{DATE_ANY, "1900-02-29", ""},
	{DATE_ANY, "2026-13-01", ""},
	{DATE_ANY, "2026-00-10", ""},
	{DATE_ANY, "2026-05-32", ""},
	{DATE_ANY, "2026-04-31", ""},
	{DATE_ANY, "2026-05-07-01", ""},
	{DATE_ANY, "2026-05-071", ""},
	{DATE_ANY, "05/07/2026", ""},
	{DATE_ANY, "7/5/2026", ""},
	{DATE_ANY, "yesterday", ""},
	{DATE_ANY, "Mayday 2026", ""},
	{DATE_ANY, "May 32, 2026", ""},
	{DATE_ANY, "May 7, 20260", ""},
	{DATE_ANY, "Monday", ""},
	{DATE_ANY, "999", ""},
	{DATE_ANY, "0999-01-01", ""},
	{DATE_ANY, "3000", ""},
	{DATE_ANY, "12345", ""},
	{DATE_ANY, "2026-", ""},
	{DATE_ANY, "2026x", ""},
	{DATE_ANY, "年", ""},
	/* a query's date: field */
	{DATE_QUERY, "2026", "2026"},
	{DATE_QUERY, "2026-05", "2026-05"},
	{DATE_QUERY, "2026-5", "2026-05"},
	{DATE_QUERY, "2026/05/07", "2026-05-07"},
	{DATE_QUERY, "2026/5/7", "2026-05-07"},
	{DATE_QUERY, "0999", "0999"},
	{DATE_QUERY, "2024-02-29", "2024-02-29"},
	{DATE_QUERY, "2023-02-29", ""},
	{DATE_QUERY, "2026-00", ""},
	{DATE_QUERY, "2026-13", ""},
	{DATE_QUERY, "2026-05-", ""},
	{DATE_QUERY, "2026.05", ""},
	{DATE_QUERY, "May 2026", ""},
	{DATE_QUERY, "20260507", ""},
	{DATE_QUERY, "2026-05-07T10:00", ""},
	{DATE_QUERY, "202", ""},
	{DATE_QUERY, " 2026", ""},
	/* the page's from/to fields */
	{DATE_ISO, "2026", "2026"},
	{DATE_ISO, "2026-05", "2026-05"},
	{DATE_ISO, "2026-05-07", "2026-05-07"},
	{DATE_ISO, "2026-5", ""},
	{DATE_ISO, "2026/05", ""},
	{DATE_ISO, "2026-13", ""},
	{DATE_ISO, "2026-02-31", ""},
	{DATE_ISO, "2026-05-00", ""},
	{DATE_ISO, "<script>", ""},
	/* the index's values */
	{DATE_KEY, "2026-05-07", "2026-05-07"},
	{DATE_KEY, "2026-05-00", "2026-05"},
	{DATE_KEY, "2026-00-00", "2026"},
	{DATE_KEY, "2026-05", "2026-05"},
	{DATE_KEY, "2026", "2026"},
	{DATE_KEY, "2026-00-07", ""},
	{DATE_KEY, "2026-13-01", ""},
	{DATE_KEY, "junk<", ""},
};

static void
test_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		date d = {7, 7, 7};
		char out[DATE_MAX] = "";
		int rc = date_parse(cases[i].in, strlen(cases[i].in),
				    cases[i].form, &d);

		if (rc == 0)
			date_format(&d, DATE_OUT_ISO, out);
		if (strcmp(out, cases[i].iso) != 0 ||
		    (rc == 0) != (*cases[i].iso != 0)) {
			print_error("case %zu: form %d, \"%s\": got rc %d "
				    "\"%s\", want \"%s\"\n",
				    i, (int)cases[i].form, cases[i].in, rc, out,
				    cases[i].iso);
			fail();
		}
		if (rc < 0)
			assert_true(d.y == 0 && d.m == 0 && d.d == 0);
	}
}

/* The parser reads only n bytes: a date cut out of a longer text. */
static void
test_length(void **state)
{
	date d;

	(void)state;
	assert_int_equal(date_parse("2026-05-07..2027", 10, DATE_QUERY, &d), 0);
	assert_int_equal(d.y, 2026);
	assert_int_equal(d.m, 5);
	assert_int_equal(d.d, 7);
	assert_int_equal(date_parse("2026-05-07", 7, DATE_ISO, &d), 0);
	assert_int_equal(d.d, 0);
	assert_int_equal(date_parse("2026-05-07", 3, DATE_ANY, &d), -1);
}

static void
test_styles(void **state)
{
	static const struct {
		const char *in;
		date_style style;
		const char *out;
	} t[] = {
		{"2026-05-07", DATE_OUT_ISO, "2026-05-07"},
		{"2026-05-07", DATE_OUT_KEY_LO, "2026-05-07"},
		{"2026-05-07", DATE_OUT_KEY_HI, "2026-05-07"},
		{"2026-05-07", DATE_OUT_LONG, "7 May 2026"},
		{"2026-12-31", DATE_OUT_LONG, "31 December 2026"},
		{"2026-09-30", DATE_OUT_LONG, "30 September 2026"},
		{"2026-05-07", DATE_OUT_ZH, "2026年5月7日"},
		{"2026-12-31", DATE_OUT_ZH, "2026年12月31日"},
		{"2026-05", DATE_OUT_ZH, "2026年5月"},
		{"2026", DATE_OUT_ZH, "2026年"},
		{"2026-05", DATE_OUT_KEY_LO, "2026-05-00"},
		{"2026-05", DATE_OUT_KEY_HI, "2026-05-99"},
		{"2026-05", DATE_OUT_LONG, "May 2026"},
		{"2026-05-00", DATE_OUT_LONG, "May 2026"},
		{"2026", DATE_OUT_KEY_LO, "2026-00-00"},
		{"2026", DATE_OUT_KEY_HI, "2026-99-99"},
		{"2026", DATE_OUT_LONG, "2026"},
		{"2026-00-00", DATE_OUT_ISO, "2026"},
		{"", DATE_OUT_KEY_LO, ""},
		{"2026-13-01", DATE_OUT_LONG, ""},
		{"junk", DATE_OUT_ISO, ""},
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char out[DATE_MAX];
		size_t n = date_reformat(t[i].in, t[i].style, out);

		if (strcmp(out, t[i].out) != 0 || n != strlen(t[i].out)) {
			print_error("\"%s\" style %d: got \"%s\" (%zu), want "
				    "\"%s\"\n",
				    t[i].in, (int)t[i].style, out, n, t[i].out);
			fail();
		}
	}
	assert_int_equal(date_reformat(NULL, DATE_OUT_ISO, (char[DATE_MAX]){0}),
			 0);
}

/* date_days: known day numbers, the middle of a period for absent parts,
 * and every day of 1999..2031 one more than the day before. */
static void
test_days(void **state)
{
	static const struct {
		date d;
		long want;
	} t[] = {
		{{1970, 1, 1}, 0},	 {{1970, 1, 2}, 1},
		{{1969, 12, 31}, -1},	 {{2000, 3, 1}, 11017},
		{{2026, 5, 7}, 20580},	 {{2024, 2, 29}, 19782},
		{{2026, 5, 0}, 20588},	 /* 15 May 2026 */
		{{2026, 0, 0}, 20635},	 /* 1 July 2026 */
		{{1000, 1, 1}, -354285}, {{2999, 12, 31}, 376199},
	};
	date d = {1999, 1, 1};
	long prev;

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_int_equal(date_days(&t[i].d), t[i].want);
	prev = date_days(&d) - 1;
	for (d.y = 1999; d.y <= 2031; d.y++)
		for (d.m = 1; d.m <= 12; d.m++)
			for (d.d = 1; d.d <= 31; d.d++) {
				date p;
				char s[DATE_MAX];

				snprintf(s, sizeof s, "%04d-%02d-%02d", d.y,
					 d.m, d.d);
				if (date_parse(s, strlen(s), DATE_ISO, &p) < 0)
					continue; /* no such day */
				assert_int_equal(date_days(&d), prev + 1);
				prev++;
			}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_styles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
