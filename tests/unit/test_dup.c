/*
 * Unit tests for lib/dup.c: signatures of a text and its copies (another
 * boilerplate around it, a paragraph cut) are copies, different texts are
 * not, short texts get none; grouping joins chains and keys a group by its
 * smallest id hash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dup.h"

/* The signature of the words of s (split at spaces) into it. */
static int
sign(const char *s, uint64_t idhash, dup_item *it)
{
	dup_sketch sk;
	unsigned char v[DUP_VALUELEN];
	const char *w = s;

	dup_start(&sk);
	while (*w) {
		size_t n = strcspn(w, " ");

		if (n)
			dup_word(&sk, w, n);
		w += n;
		w += strspn(w, " ");
	}
	if (dup_finish(&sk, idhash, v) < 0)
		return -1;
	assert_int_equal(dup_parse((const char *)v, sizeof v, it), 0);
	assert_true(it->idhash == idhash);
	return 0;
}

/* n words of a made-up text, numbered from seed. */
static void
text(char *out, size_t cap, int seed, int n)
{
	size_t at = 0;

	out[0] = 0;
	for (int i = 0; i < n && at + 16 < cap; i++)
		at += (size_t)snprintf(out + at, cap - at, "w%d ",
				       (seed * 7919 + i * 104729) % 100003);
}

static void
test_copies(void **state)
{
	char a[8192], b[8192], c[8192], d[8192];
	dup_item ia, ib, ic, id;

	(void)state;
	text(a, sizeof a, 1, 300);
	/* boilerplate before and after */
	snprintf(b, sizeof b, "subscribe to our newsletter today %s copyright "
		 "2026 all rights reserved", a);
	/* a paragraph (40 words) cut out of the middle */
	memcpy(c, a, sizeof a);
	{
		char *p = c, *q;

		for (int i = 0; i < 100; i++)
			p = strchr(p, ' ') + 1;
		q = p;
		for (int i = 0; i < 40; i++)
			q = strchr(q, ' ') + 1;
		memmove(p, q, strlen(q) + 1);
	}
	text(d, sizeof d, 2, 300);
	assert_int_equal(sign(a, 1, &ia), 0);
	assert_int_equal(sign(b, 2, &ib), 0);
	assert_int_equal(sign(c, 3, &ic), 0);
	assert_int_equal(sign(d, 4, &id), 0);
	assert_true(dup_similar(&ia, &ia));
	assert_true(dup_similar(&ia, &ib));
	assert_true(dup_similar(&ia, &ic));
	assert_false(dup_similar(&ia, &id));
	assert_false(dup_similar(&ib, &id));
}

static void
test_short(void **state)
{
	char a[1024];
	dup_item it;

	(void)state;
	text(a, sizeof a, 1, DUP_MIN_SHINGLES + DUP_SHINGLE - 2);
	assert_int_equal(sign(a, 1, &it), -1);
	text(a, sizeof a, 1, DUP_MIN_SHINGLES + DUP_SHINGLE - 1);
	assert_int_equal(sign(a, 1, &it), 0);
	assert_int_equal(dup_parse("x", 1, &it), -1);
}

static void
test_groups(void **state)
{
	char t[8192], u[8192];
	dup_item it[5];

	(void)state;
	/* 0, 1, 2: one text, once longer (1, with the smallest id hash);
	 * 3 alone; 4 a copy of 3 with the smallest id hash */
	text(t, sizeof t, 1, 200);
	assert_int_equal(sign(t, 50, &it[0]), 0);
	text(u, sizeof u, 1, 240);
	assert_int_equal(sign(u, 40, &it[1]), 0);
	assert_int_equal(sign(t, 60, &it[2]), 0);
	text(t, sizeof t, 9, 200);
	assert_int_equal(sign(t, 30, &it[3]), 0);
	assert_int_equal(sign(t, 10, &it[4]), 0);
	assert_int_equal(dup_groups(it, 5), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(it[i].group, 1); /* id hash 40 */
		assert_int_equal(it[i].size, 3);
	}
	assert_int_equal(it[3].group, 4);
	assert_int_equal(it[4].group, 4);
	assert_int_equal(it[4].size, 2);
	assert_int_equal(dup_groups(it, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copies),
		cmocka_unit_test(test_short),
		cmocka_unit_test(test_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
