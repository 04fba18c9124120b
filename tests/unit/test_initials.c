/*
 * Unit tests for lib/initials.c: initials_find finds the words an acronym
 * abbreviates in a title as initials_index reads it (segments, stop-words
 * left out or kept), and nothing where the index has no such term.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "initials.h"

static tok *T;

/* The words acr abbreviates in s, or "" if none. */
static const char *
found(const char *s, const char *acr, char *out, size_t cap)
{
	size_t bs = 0, be = 0;

	out[0] = '\0';
	if (initials_find(T, s, strlen(s), acr, &bs, &be))
		snprintf(out, cap, "%.*s", (int)(be - bs), s + bs);
	return out;
}

static void
test_find(void **state)
{
	static const struct {
		const char *title, *acr, *words;
	} cases[] = {
		/* every word, from the start */
		{"Texas Responsible Artificial Intelligence Governance Act (HB "
		 "149)", "traiga",
		 "Texas Responsible Artificial Intelligence Governance Act"},
		/* the first words only */
		{"Texas Responsible Artificial Intelligence Governance Act",
		 "tra", "Texas Responsible Artificial"},
		/* a segment after a mark; stop-words kept */
		{"Sec. 2412. Duty of Care, Digital Consumer Protection", "doc",
		 "Duty of Care"},
		/* ... and left out */
		{"Creating Helpful Incentives to Produce Semiconductors", "chips",
		 "Creating Helpful Incentives to Produce Semiconductors"},
		/* not from a segment's start, too short, across a mark */
		{"Texas Responsible Artificial Intelligence", "rai", ""},
		{"Texas Responsible", "tr", ""},
		{"Duty (of Care)", "doc", ""},
	};
	char out[256], *err = NULL;

	(void)state;
	T = tok_new(&err);
	assert_non_null(T);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_string_equal(found(cases[i].title, cases[i].acr, out,
					  sizeof out),
				    cases[i].words);
	tok_free(T);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
