/*
 * Unit tests for lib/timeline.c: the unit follows the span and the least
 * precise date, bars run without gaps, a duplicate group counts once under
 * its shown member (by weight, or newest when sorted by date), undated
 * matches are apart, and the chart's links carry each bar's period.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "timeline.h"

static void
add(shown_set *a, unsigned id, double wt, const char *d, const char *key)
{
	shown_add(a, id, wt, d, strlen(d), key, strlen(key), NULL, NULL);
}

static void
unit_by_span(void **state)
{
	shown_set *a = shown_new(0, 0);
	timeline t = {0};

	(void)state;
	add(a, 1, 1, "2026-05-07", "");
	add(a, 2, 1, "2026-05-09", "");
	add(a, 3, 1, "2026-05-09", "");
	assert_int_equal(timeline_make(a, &t), 0);
	assert_string_equal(t.unit, "day");
	assert_int_equal(t.nbars, 3); /* 7, 8 (empty), 9 */
	assert_string_equal(t.bars[1].label, "2026-05-08");
	assert_int_equal(t.bars[1].count, 0);
	assert_int_equal(t.bars[2].count, 2);
	assert_int_equal(t.max, 2);
	/* 40 days: months */
	add(a, 4, 1, "2026-06-16", "");
	assert_int_equal(timeline_make(a, &t), 0);
	assert_string_equal(t.unit, "month");
	assert_int_equal(t.nbars, 2);
	assert_string_equal(t.bars[0].from, "2026-05-01");
	assert_string_equal(t.bars[0].to, "2026-05-31");
	/* a year-only date makes the bars years */
	add(a, 5, 1, "2025-00-00", "");
	assert_int_equal(timeline_make(a, &t), 0);
	assert_string_equal(t.unit, "year");
	assert_int_equal(t.nbars, 2);
	assert_string_equal(t.bars[0].to, "2025-12-31");
	assert_int_equal(t.bars[1].count, 4);
	/* undated: apart */
	add(a, 6, 1, "", "");
	add(a, 7, 1, "not a date", "");
	assert_int_equal(timeline_make(a, &t), 0);
	assert_int_equal(t.dated, 5);
	assert_int_equal(t.undated, 2);
	/* February of a leap year, by day */
	shown_reset(a);
	add(a, 1, 1, "2024-02-27", "");
	add(a, 2, 1, "2024-03-01", "");
	assert_int_equal(timeline_make(a, &t), 0);
	assert_int_equal(t.nbars, 4);
	assert_string_equal(t.bars[2].label, "2024-02-29");
	timeline_clear(&t);
	shown_free(a);
}

static void
groups_count_once(void **state)
{
	shown_set *a = shown_new(0, 0);
	timeline t = {0};

	(void)state;
	/* a group of three: the best-weighted member (2023) is shown_set */
	add(a, 1, 2.0, "2021-01-01", "00000000000000aa");
	add(a, 2, 5.0, "2023-01-01", "00000000000000aa");
	add(a, 3, 1.0, "2025-01-01", "00000000000000aa");
	add(a, 4, 1.0, "2019-06-01", "");
	assert_int_equal(timeline_make(a, &t), 0);
	assert_int_equal(t.dated, 2);
	assert_string_equal(t.unit, "year");
	assert_int_equal(t.nbars, 5); /* 2019..2023 */
	assert_int_equal(t.bars[0].count, 1);
	assert_int_equal(t.bars[2].count, 0);
	assert_int_equal(t.bars[4].count, 1);
	shown_free(a);
	/* sorted by date, the newest member is shown_set */
	a = shown_new(1, 0);
	add(a, 1, 2.0, "2021-01-01", "00000000000000aa");
	add(a, 2, 5.0, "2023-01-01", "00000000000000aa");
	add(a, 3, 1.0, "2025-01-01", "00000000000000aa");
	assert_int_equal(timeline_make(a, &t), 0);
	assert_int_equal(t.dated, 1);
	assert_string_equal(t.bars[0].label, "2025-01-01");
	timeline_clear(&t);
	shown_free(a);
}

static void
sparse_years(void **state)
{
	shown_set *a = shown_new(0, 0);
	timeline t = {0};

	(void)state;
	add(a, 1, 1, "1700-00-00", "");
	add(a, 2, 1, "2025-03-00", "");
	add(a, 3, 1, "2026-01-00", "");
	assert_int_equal(timeline_make(a, &t), 0);
	assert_int_equal(t.nbars, 3);
	assert_string_equal(t.bars[0].label, "1700");
	assert_string_equal(t.bars[1].label, "2025");
	timeline_clear(&t);
	shown_free(a);
}

static void
html_links(void **state)
{
	shown_set *a = shown_new(0, 0);
	timeline t = {0};
	buf o = BUF_INIT;

	(void)state;
	add(a, 1, 1, "2025-05-07", "");
	add(a, 2, 1, "2025-07-01", "");
	add(a, 3, 1, "", "");
	assert_int_equal(timeline_make(a, &t), 0);
	t.exact = 1;
	timeline_html(&o, &t, "?q=a%26b", MSG_EN);
	assert_non_null(strstr(o.p, "<a class=\"b20\" href=\"?q=a%26b&amp;"
				    "from=2025-05&amp;to=2025-05\" "
				    "aria-label=\"May 2025: 1 result\""));
	assert_non_null(strstr(o.p, "<li aria-hidden=\"true\"><span "
				    "class=\"b0\">"));
	assert_non_null(strstr(o.p, "1 without a date"));
	assert_null(strstr(o.p, "first matches only"));
	assert_null(strstr(o.p, "<script"));
	buf_free(&o);
	timeline_clear(&t);
	shown_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unit_by_span),
		cmocka_unit_test(groups_count_once),
		cmocka_unit_test(sparse_years),
		cmocka_unit_test(html_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
