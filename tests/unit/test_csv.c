/*
 * Unit tests for lib/csv.c: a table of exact outputs, then every byte value
 * (alone, between letters, doubled) and every pair of byte values written
 * as records and read back by a strict RFC 4180 parser written here: what
 * comes back is exactly what went in, field by field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "util.h"

#define MAXF 8

/* One parsed record: fields as byte ranges copied into f[]. */
typedef struct rec {
	buf f[MAXF];
	size_t n;
} rec;

static void
rec_free(rec *r)
{
	for (size_t i = 0; i < r->n; i++)
		buf_free(&r->f[i]);
	r->n = 0;
}

/* Parses one record of s[0..n) strictly by RFC 4180 (it must end in CRLF
 * and be all of s).  Returns 0, or -1 if s is not one such record. */
static int
parse(const char *s, size_t n, rec *r)
{
	size_t i = 0;

	memset(r, 0, sizeof *r);
	for (;;) {
		buf *f;

		if (r->n == MAXF)
			return -1;
		f = &r->f[r->n++];
		buf_add(f, "", 0);
		if (i < n && s[i] == '"') {
			for (i++;; i++) {
				if (i >= n)
					return -1; /* unterminated */
				if (s[i] != '"') {
					buf_addc(f, s[i]);
					continue;
				}
				if (i + 1 < n && s[i + 1] == '"') {
					buf_addc(f, '"');
					i++;
					continue;
				}
				i++;
				break;
			}
		} else {
			for (; i < n && s[i] != ',' && s[i] != '\r'; i++) {
				if (s[i] == '"' || s[i] == '\n')
					return -1; /* must have been quoted */
				buf_addc(f, s[i]);
			}
		}
		if (i < n && s[i] == ',') {
			i++;
			continue;
		}
		return i + 2 == n && s[i] == '\r' && s[i + 1] == '\n' ? 0 : -1;
	}
}

/* Writes fields v[0..k) (lengths len) as a record, parses it back and
 * asserts every field came back exactly. */
static void
roundtrip(const char *const *v, const size_t *len, size_t k)
{
	buf o = BUF_INIT;
	rec r;
	int nf = 0;

	for (size_t i = 0; i < k; i++)
		csv_field(&o, &nf, v[i], len[i]);
	csv_end(&o, &nf);
	assert_int_equal(o.err, 0);
	assert_int_equal(nf, 0);
	if (parse(o.p, o.n, &r) != 0)
		fail_msg("not one RFC 4180 record (first field's first byte "
			 "0x%02x)", k && len[0] ? (unsigned char)v[0][0] : 0);
	assert_int_equal(r.n, k);
	for (size_t i = 0; i < k; i++) {
		assert_int_equal(r.f[i].n, len[i]);
		assert_memory_equal(r.f[i].p, v[i], len[i]);
	}
	rec_free(&r);
	buf_free(&o);
}

static void
test_table(void **state)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		{"plain", "plain\r\n"},
		{"", "\r\n"},
		{"a,b", "\"a,b\"\r\n"},
		{"say \"hi\"", "\"say \"\"hi\"\"\"\r\n"},
		{"\"", "\"\"\"\"\r\n"},
		{"line\nbreak", "\"line\nbreak\"\r\n"},
		{"cr\rhere", "\"cr\rhere\"\r\n"},
		{" lead", "\" lead\"\r\n"},
		{"trail ", "\"trail \"\r\n"},
		{"in side", "in side\r\n"},
		{"人工智能", "人工智能\r\n"},
		{"…", "…\r\n"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		buf o = BUF_INIT;
		int nf = 0;

		csv_str(&o, &nf, t[i].in);
		csv_end(&o, &nf);
		buf_addc(&o, 0);
		assert_string_equal(o.p, t[i].want);
		buf_free(&o);
	}
	{
		buf o = BUF_INIT;
		int nf = 0;

		csv_str(&o, &nf, "a");
		csv_str(&o, &nf, NULL);
		csv_str(&o, &nf, "b,c");
		csv_end(&o, &nf);
		buf_addc(&o, 0);
		assert_string_equal(o.p, "a,,\"b,c\"\r\n");
		buf_free(&o);
	}
}

static void
test_every_byte(void **state)
{
	(void)state;
	for (int b = 0; b < 256; b++) {
		char one[1] = {(char)b}, mid[3] = {'a', (char)b, 'z'};
		char two[2] = {(char)b, (char)b};
		const char *v[4] = {one, mid, two, ""};
		size_t len[4] = {1, 3, 2, 0};

		roundtrip(v, len, 4);
		roundtrip(v + 2, len + 2, 1); /* a record of one field */
	}
}

static void
test_every_pair(void **state)
{
	(void)state;
	for (int a = 0; a < 256; a++)
		for (int b = 0; b < 256; b++) {
			char p[2] = {(char)a, (char)b};
			const char *v[2] = {p, p + 1};
			size_t len[2] = {2, 1};

			roundtrip(v, len, 2);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_every_pair),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
