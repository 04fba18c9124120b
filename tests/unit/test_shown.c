/*
 * Unit tests for lib/shown.c: a duplicate group is visited once, with the
 * values of its shown member (the best-weighted, then the lowest docid;
 * the newest when sorted by date), keyless matches each once, values kept
 * whole (empty ones too), and a reset forgets the matches.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "shown.h"
#include "status.h"

#define K1 "00000000000000aa"
#define K2 "00000000000000bb"

static void
add(shown_set *s, unsigned id, double wt, const char *d, const char *key,
    const char *v0, const char *v1)
{
	const char *v[2] = {v0, v1};
	size_t n[2] = {strlen(v0), strlen(v1)};

	shown_add(s, id, wt, d, strlen(d), key, strlen(key), v, n);
}

/* The visited values "v0/v1" joined by spaces, in visiting order. */
static int
on_one(void *ctx, const date *d, const char *const *v, const size_t *vlen)
{
	char *out = ctx;

	(void)d;
	if (*out)
		strcat(out, " ");
	strncat(out, v[0], vlen[0]);
	strcat(out, "/");
	strncat(out, v[1], vlen[1]);
	return 0;
}

static void
members_shown(void **state)
{
	shown_set *s = shown_new(0, 2);
	char out[256] = "";

	(void)state;
	add(s, 3, 1.0, "2020-01-01", K1, "old", "x");
	add(s, 7, 2.0, "2019-01-01", K1, "best", "");
	add(s, 9, 2.0, "2025-01-01", K1, "tie-later-docid", "y");
	add(s, 4, 0.5, "2024-00-00", "", "alone", "z");
	add(s, 5, 0.7, "", K2, "single", "w");
	assert_int_equal(shown_each(s, on_one, out), ST_OK);
	assert_string_equal(out, "alone/z best/ single/w");
	shown_free(s);

	s = shown_new(1, 2);
	out[0] = 0;
	add(s, 3, 1.0, "2020-01-01", K1, "old", "x");
	add(s, 7, 2.0, "2019-01-01", K1, "best", "");
	add(s, 9, 0.1, "2025-01-01", K1, "newest", "y");
	assert_int_equal(shown_each(s, on_one, out), ST_OK);
	assert_string_equal(out, "newest/y");
	shown_reset(s);
	out[0] = 0;
	assert_int_equal(shown_each(s, on_one, out), ST_OK);
	assert_string_equal(out, "");
	shown_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(members_shown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
