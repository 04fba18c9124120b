/*
 * Unit tests for lib/jflat.c: every line either reads to exactly the
 * object json_loadb makes of it, or is left to jansson (NULL); a table of
 * lines says which, and every byte value inside a string and after a
 * backslash is tried both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "jflat.h"

/* What jflat makes of s[0..n): 1 read (and equal to jansson's object), 0
 * left to jansson. */
static int
check(const char *s, size_t n)
{
	json_error_t jerr;
	json_t *fast = jflat_load(s, n);
	json_t *ref = json_loadb(s, n, JSON_ALLOW_NUL, &jerr);

	if (!fast) {
		json_decref(ref);
		return 0;
	}
	assert_non_null(ref);
	if (!json_equal(fast, ref)) {
		char *a = json_dumps(fast, JSON_SORT_KEYS | JSON_ENCODE_ANY);
		char *b = json_dumps(ref, JSON_SORT_KEYS | JSON_ENCODE_ANY);

		print_error("jflat %s\njansson %s\ninput %.*s\n", a, b, (int)n,
			    s);
		fail();
	}
	json_decref(fast);
	json_decref(ref);
	return 1;
}

static const struct {
	const char *in;
	int read; /* 1: read by jflat, 0: left to jansson */
} cases[] = {
	{"{}", 1},
	{"  { }  \r\n", 1},
	{"{\"id\": \"a1\", \"title\": \"T\", \"text\": \"x\"}", 1},
	{"{\"k\":\"\"}", 1},
	{"{\"\":\"empty key\"}", 1},
	{"{\"a\":\"1\",\"a\":\"2\"}", 1}, /* the later value, as jansson */
	{"{\"t\":\"line\\nbreak \\\"q\\\" \\\\ \\/ \\b\\f\\r\\t\"}", 1},
	{"{\"t\":\"\\u00e9\\u4e2d\\u0041\\u007f\\u0080\\u07ff\\u0800\\uffff\"}",
	 1},
	{"{\"t\":\"\\u0000 nul\"}", 1},
	{"{\"t\":\"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"}", 1},
	{"{\"t\":\t\"tab\" ,\n\"u\" :\"v\"}", 1},
	/* left to jansson: not strings, or forms read only there */
	{"{\"n\": 1}", 0},
	{"{\"a\": [\"x\"]}", 0},
	{"{\"o\": {}}", 0},
	{"{\"b\": true}", 0},
	{"{\"z\": null}", 0},
	{"{\"t\":\"\\ud83d\\ude00\"}", 0},
	{"{\"\\u0000\":\"nul key\"}", 0},
	/* errors: jansson's to word */
	{"", 0},
	{"[]", 0},
	{"\"s\"", 0},
	{"{", 0},
	{"{\"a\"}", 0},
	{"{\"a\":}", 0},
	{"{\"a\":\"b\",}", 0},
	{"{\"a\":\"b\"} x", 0},
	{"{\"a\":\"b\"}{}", 0},
	{"{\"a\":\"b\" \"c\":\"d\"}", 0},
	{"{'a':'b'}", 0},
	{"{\"a\":\"unterminated}", 0},
	{"{\"a\":\"\\x\"}", 0},
	{"{\"a\":\"\\u12\"}", 0},
	{"{\"a\":\"\\u12g4\"}", 0},
	{"{\"a\":\"\\udc00\"}", 0},
	{"{\"a\":\"bad \xc3\"}", 0},
	{"{\"a\":\"overlong \xc0\xaf\"}", 0},
	{"{\"a\":\"surrogate \xed\xa0\x80\"}", 0},
	{"{\"a\":\"raw\ttab\"}", 0},
	{"\xef\xbb\xbf{\"a\":\"bom\"}", 0},
};

static void
test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = check(cases[i].in, strlen(cases[i].in));

		if (got != cases[i].read) {
			print_error("case %zu: %s: jflat %s\n", i, cases[i].in,
				    got ? "read it" : "left it");
			fail();
		}
	}
	/* a NUL byte in the raw text is never read */
	assert_int_equal(check("{\"a\":\"x\0y\"}", 11), 0);
}

/* Every byte value raw inside a string, and after a backslash: read only
 * where jansson reads it to the same object. */
static void
test_every_byte(void **state)
{
	char line[32];
	int raw_read = 0, esc_read = 0;

	(void)state;
	for (int c = 0; c < 256; c++) {
		int n = snprintf(line, sizeof line, "{\"k\":\"a");

		line[n++] = (char)c;
		n += snprintf(line + n, sizeof line - (size_t)n, "b\"}");
		if (check(line, (size_t)n))
			raw_read++;
		n = snprintf(line, sizeof line, "{\"k\":\"a\\");
		line[n++] = (char)c;
		n += snprintf(line + n, sizeof line - (size_t)n, "b\"}");
		if (check(line, (size_t)n))
			esc_read++;
	}
	/* 0x20..0x7f but the quote (a backslash makes "\\b": read) */
	assert_int_equal(raw_read, 96 - 1);
	/* " \ / b f n r t */
	assert_int_equal(esc_read, 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_every_byte),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
