/*
 * Unit tests for lib/util.c: buf (growth, sticky error, steal, printf),
 * str_printf/seterr, and the UTF-8 helpers against a table of the classic
 * decoder test cases (Markus Kuhn's UTF-8-test.txt, sections 2 to 5).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"

#define REPL "\xEF\xBF\xBD"

/* Asserts b holds exactly the n bytes s, NUL-terminated, within capacity. */
static void
assert_buf(const buf *b, const char *s, size_t n)
{
	assert_int_equal(b->err, 0);
	assert_non_null(b->p);
	assert_int_equal(b->n, n);
	assert_true(b->cap > b->n);
	assert_memory_equal(b->p, s, n);
	assert_int_equal(b->p[b->n], '\0');
}

static void
test_buf_empty(void **state)
{
	buf b = BUF_INIT;

	(void)state;
	buf_add(&b, NULL, 0);
	assert_buf(&b, "", 0);
	buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.cap, 0);
	buf_free(&b); /* twice is fine */
}

static void
test_buf_growth(void **state)
{
	buf b = BUF_INIT;
	char expect[10000];
	size_t i, cap = 0, reallocs = 0;

	(void)state;
	for (i = 0; i < sizeof expect; i++) {
		expect[i] = (char)('a' + i % 26);
		buf_addc(&b, expect[i]);
		assert_true(b.cap > b.n);
		if (b.cap != cap) {
			cap = b.cap;
			reallocs++;
		}
	}
	assert_buf(&b, expect, sizeof expect);
	/* Capacity grows geometrically: a handful of reallocations. */
	assert_true(reallocs < 16);

	/* One big append that needs several doublings at once. */
	buf_reset(&b);
	buf_add(&b, "x", 1);
	buf_add(&b, expect, sizeof expect);
	assert_int_equal(b.n, 1 + sizeof expect);
	assert_memory_equal(b.p + 1, expect, sizeof expect);
	assert_int_equal(b.p[b.n], '\0');
	buf_free(&b);
}

static void
test_buf_adds_addc(void **state)
{
	buf b = BUF_INIT;

	(void)state;
	buf_adds(&b, "ab");
	buf_adds(&b, "");
	buf_addc(&b, 'c');
	buf_addc(&b, 0); /* an embedded NUL counts as a byte */
	buf_addc(&b, 0xFF);
	buf_add(&b, "de", 2);
	assert_buf(&b, "abc\0\xFF" "de", 7);
	buf_free(&b);
}

static void
test_buf_reset(void **state)
{
	buf b = BUF_INIT;
	char *p;
	size_t cap;

	(void)state;
	buf_adds(&b, "hello world");
	p = b.p;
	cap = b.cap;
	buf_reset(&b);
	assert_buf(&b, "", 0);
	assert_ptr_equal(b.p, p); /* memory is kept */
	assert_int_equal(b.cap, cap);
	buf_adds(&b, "hi");
	assert_buf(&b, "hi", 2);
	buf_free(&b);
}

static void
test_buf_printf(void **state)
{
	buf b = BUF_INIT;
	char big[300];
	char *s;

	(void)state;
	buf_printf(&b, "%d-%s-%c", 42, "x", 'y');
	assert_buf(&b, "42-x-y", 6);
	buf_printf(&b, "%s", "");
	assert_buf(&b, "42-x-y", 6);
	/* Longer than the first allocation: printf must grow the buffer. */
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_printf(&b, "[%s]", big);
	assert_int_equal(b.n, 6 + 2 + 299);
	assert_memory_equal(b.p, "42-x-y[zzz", 10);
	assert_int_equal(b.p[b.n - 1], ']');
	assert_int_equal(b.p[b.n], '\0');
	buf_free(&b);

	/* printf into a fresh buffer producing nothing still makes "". */
	buf_printf(&b, "%s", "");
	assert_buf(&b, "", 0);
	s = buf_steal(&b);
	assert_string_equal(s, "");
	free(s);
}

static void
test_buf_sticky_error(void **state)
{
	buf b = BUF_INIT;
	char *s;

	(void)state;
	buf_adds(&b, "ok");
	/* A request that cannot be satisfied sets the sticky error... */
	assert_int_equal(buf_grow(&b, (size_t)-1), -1);
	assert_int_equal(b.err, 1);
	assert_int_equal(buf_grow(&b, (size_t)-1 / 2), -1);
	/* ...and every later append does nothing, */
	assert_int_equal(buf_grow(&b, 1), -1);
	buf_adds(&b, "more");
	buf_addc(&b, 'x');
	buf_printf(&b, "%d", 123);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.err, 1);
	/* and no memory is lost or corrupted in between. */
	assert_memory_equal(b.p, "ok", 3);
	/* buf_reset clears it. */
	buf_reset(&b);
	assert_int_equal(b.err, 0);
	buf_adds(&b, "again");
	assert_buf(&b, "again", 5);

	/* buf_steal on an errored buffer: NULL, and the buffer is freed. */
	b.err = 1;
	s = buf_steal(&b);
	assert_null(s);
	assert_null(b.p);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(b.err, 0);

	/* Overflow on a fresh buffer too. */
	assert_int_equal(buf_grow(&b, (size_t)-1 - 10), -1);
	assert_int_equal(b.err, 1);
	buf_adds(&b, "x");
	assert_int_equal(b.n, 0);
	buf_free(&b);
	assert_int_equal(b.err, 0);
}

static void
test_buf_steal(void **state)
{
	buf b = BUF_INIT;
	char *s;

	(void)state;
	s = buf_steal(&b); /* never written: a malloc'd "" */
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);

	buf_adds(&b, "abc");
	s = buf_steal(&b);
	assert_string_equal(s, "abc");
	/* b is back to BUF_INIT and usable again. */
	assert_null(b.p);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.cap, 0);
	buf_adds(&b, "d");
	assert_buf(&b, "d", 1);
	assert_string_equal(s, "abc"); /* the stolen string is independent */
	free(s);
	buf_free(&b);
}

static void
test_str(void **state)
{
	char *s;

	(void)state;
	s = str_printf("%s=%d", "n", -7);
	assert_string_equal(s, "n=-7");
	free(s);
	s = str_printf("%s", "");
	assert_string_equal(s, "");
	free(s);
	assert_null(str_dup(NULL));
	s = str_dup("dup");
	assert_string_equal(s, "dup");
	free(s);
	s = str_ndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = str_ndup("a\0b", 3);
	assert_memory_equal(s, "a\0b", 4);
	free(s);
}

static void
test_seterr(void **state)
{
	char *err = NULL;

	(void)state;
	/* NULL err: just returns rc. */
	assert_int_equal(seterr(NULL, -3, "ignored %d", 1), -3);
	assert_int_equal(seterr(&err, -2, "first %s", "error"), -2);
	assert_string_equal(err, "first error");
	/* The first error wins: later ones leave *err alone. */
	assert_int_equal(seterr(&err, -5, "second"), -5);
	assert_string_equal(err, "first error");
	free(err);
	err = NULL;
	assert_int_equal(seterr(&err, 0, "%s", ""), 0);
	assert_string_equal(err, "");
	free(err);
}

/*
 * The UTF-8 table.  For each input: whether it is valid, the offset of the
 * first invalid byte, u8_seqlen at offset 0, the number of code points
 * (invalid bytes count one each), and u8_sanitize's output and count.
 */
struct u8case {
	const char *name;
	const char *in;
	size_t n;
	int valid;
	size_t bad;	/* first invalid offset, if !valid */
	size_t seqlen;	/* u8_seqlen(in, n) */
	size_t count;	/* u8_count */
	const char *clean; /* u8_sanitize output */
	size_t nclean;
	size_t nrepl;	/* u8_sanitize return */
};

#define S(x) x, sizeof(x) - 1

static const struct u8case u8cases[] = {
	/* 2.1 first and 2.2 last sequence of each length */
	{"U+0000", S("\0"), 1, 0, 1, 1, S("\0"), 0},
	{"U+007F", S("\x7F"), 1, 0, 1, 1, S("\x7F"), 0},
	{"U+0080", S("\xC2\x80"), 1, 0, 2, 1, S("\xC2\x80"), 0},
	{"U+07FF", S("\xDF\xBF"), 1, 0, 2, 1, S("\xDF\xBF"), 0},
	{"U+0800", S("\xE0\xA0\x80"), 1, 0, 3, 1, S("\xE0\xA0\x80"), 0},
	{"U+FFFF", S("\xEF\xBF\xBF"), 1, 0, 3, 1, S("\xEF\xBF\xBF"), 0},
	{"U+10000", S("\xF0\x90\x80\x80"), 1, 0, 4, 1,
	 S("\xF0\x90\x80\x80"), 0},
	{"U+10FFFF", S("\xF4\x8F\xBF\xBF"), 1, 0, 4, 1,
	 S("\xF4\x8F\xBF\xBF"), 0},
	/* 2.3 other boundaries */
	{"U+D7FF", S("\xED\x9F\xBF"), 1, 0, 3, 1, S("\xED\x9F\xBF"), 0},
	{"U+E000", S("\xEE\x80\x80"), 1, 0, 3, 1, S("\xEE\x80\x80"), 0},
	{"U+FFFD", S(REPL), 1, 0, 3, 1, S(REPL), 0},
	{"U+FFFE", S("\xEF\xBF\xBE"), 1, 0, 3, 1, S("\xEF\xBF\xBE"), 0},
	{"ascii", S("hello"), 1, 0, 1, 5, S("hello"), 0},
	{"empty", S(""), 1, 0, 0, 0, S(""), 0},
	{"mixed", S("a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80z"), 1, 0, 1, 5,
	 S("a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80z"), 0},
	/* 2.3.5 / 3.x: beyond U+10FFFF, 5- and 6-byte forms */
	{"U+110000", S("\xF4\x90\x80\x80"), 0, 0, 0, 4,
	 S(REPL REPL REPL REPL), 4},
	{"F7 BF BF BF", S("\xF7\xBF\xBF\xBF"), 0, 0, 0, 4,
	 S(REPL REPL REPL REPL), 4},
	{"5-byte", S("\xF8\x88\x80\x80\x80"), 0, 0, 0, 5,
	 S(REPL REPL REPL REPL REPL), 5},
	{"6-byte", S("\xFC\x84\x80\x80\x80\x80"), 0, 0, 0, 6,
	 S(REPL REPL REPL REPL REPL REPL), 6},
	/* 3.1 unexpected continuation bytes */
	{"lone 80", S("\x80"), 0, 0, 0, 1, S(REPL), 1},
	{"lone BF", S("\xBF"), 0, 0, 0, 1, S(REPL), 1},
	{"80 BF 80", S("\x80\xBF\x80"), 0, 0, 0, 3, S(REPL REPL REPL), 3},
	{"a 80 b", S("a\x80" "b"), 0, 1, 1, 3, S("a" REPL "b"), 1},
	{"extra cont", S("\xC3\xA9\xA9"), 0, 2, 2, 2, S("\xC3\xA9" REPL), 1},
	/* 3.2 lonely start characters followed by a space */
	{"C0 sp", S("\xC0 "), 0, 0, 0, 2, S(REPL " "), 1},
	{"DF sp", S("\xDF "), 0, 0, 0, 2, S(REPL " "), 1},
	{"E0 sp", S("\xE0 "), 0, 0, 0, 2, S(REPL " "), 1},
	{"F0 sp", S("\xF0 "), 0, 0, 0, 2, S(REPL " "), 1},
	{"start start", S("\xC3\xC3\xA9"), 0, 0, 0, 2, S(REPL "\xC3\xA9"), 1},
	{"E4 A AD", S("\xE4" "A\xAD"), 0, 0, 0, 3, S(REPL "A" REPL), 2},
	/* 3.3 sequences with the last byte missing, at end of input */
	{"C2 at end", S("a\xC2"), 0, 1, 1, 2, S("a" REPL), 1},
	{"DF at end", S("\xDF"), 0, 0, 0, 1, S(REPL), 1},
	{"E0 A0 at end", S("\xE0\xA0"), 0, 0, 0, 2, S(REPL REPL), 2},
	{"EF BF at end", S("\xEF\xBF"), 0, 0, 0, 2, S(REPL REPL), 2},
	{"E4 B8 at end", S("ok\xE4\xB8"), 0, 2, 1, 4, S("ok" REPL REPL), 2},
	{"F0 90 80 at end", S("\xF0\x90\x80"), 0, 0, 0, 3,
	 S(REPL REPL REPL), 3},
	{"F4 8F BF at end", S("\xF4\x8F\xBF"), 0, 0, 0, 3,
	 S(REPL REPL REPL), 3},
	{"F0 at end", S("\xF0"), 0, 0, 0, 1, S(REPL), 1},
	/* 3.5 impossible bytes */
	{"FE", S("\xFE"), 0, 0, 0, 1, S(REPL), 1},
	{"FF", S("\xFF"), 0, 0, 0, 1, S(REPL), 1},
	{"FE FE FF FF", S("\xFE\xFE\xFF\xFF"), 0, 0, 0, 4,
	 S(REPL REPL REPL REPL), 4},
	{"F5", S("\xF5\x80\x80\x80"), 0, 0, 0, 4,
	 S(REPL REPL REPL REPL), 4},
	/* 4.1 overlong '/' */
	{"overlong2 /", S("\xC0\xAF"), 0, 0, 0, 2, S(REPL REPL), 2},
	{"overlong3 /", S("\xE0\x80\xAF"), 0, 0, 0, 3, S(REPL REPL REPL), 3},
	{"overlong4 /", S("\xF0\x80\x80\xAF"), 0, 0, 0, 4,
	 S(REPL REPL REPL REPL), 4},
	/* 4.2 maximum overlong sequences */
	{"overlong2 max", S("\xC1\xBF"), 0, 0, 0, 2, S(REPL REPL), 2},
	{"overlong3 max", S("\xE0\x9F\xBF"), 0, 0, 0, 3,
	 S(REPL REPL REPL), 3},
	{"overlong4 max", S("\xF0\x8F\xBF\xBF"), 0, 0, 0, 4,
	 S(REPL REPL REPL REPL), 4},
	/* 4.3 overlong NUL */
	{"overlong2 NUL", S("\xC0\x80"), 0, 0, 0, 2, S(REPL REPL), 2},
	{"overlong3 NUL", S("\xE0\x80\x80"), 0, 0, 0, 3,
	 S(REPL REPL REPL), 3},
	{"overlong4 NUL", S("\xF0\x80\x80\x80"), 0, 0, 0, 4,
	 S(REPL REPL REPL REPL), 4},
	/* 5.1 single surrogates */
	{"U+D800", S("\xED\xA0\x80"), 0, 0, 0, 3, S(REPL REPL REPL), 3},
	{"U+DB7F", S("\xED\xAD\xBF"), 0, 0, 0, 3, S(REPL REPL REPL), 3},
	{"U+DC00", S("\xED\xB0\x80"), 0, 0, 0, 3, S(REPL REPL REPL), 3},
	{"U+DFFF", S("\xED\xBF\xBF"), 0, 0, 0, 3, S(REPL REPL REPL), 3},
	/* 5.2 paired surrogates (CESU-8) */
	{"D800 DC00", S("x\xED\xA0\x80\xED\xB0\x80"), 0, 1, 1, 7,
	 S("x" REPL REPL REPL REPL REPL REPL), 6},
};

static void
test_u8_table(void **state)
{
	size_t i, bad, got;
	const struct u8case *c;
	buf b = BUF_INIT;

	(void)state;
	for (i = 0; i < sizeof u8cases / sizeof u8cases[0]; i++) {
		c = &u8cases[i];
		bad = (size_t)-1;
		if (u8_valid(c->in, c->n, &bad) != c->valid ||
		    u8_valid(c->in, c->n, NULL) != c->valid)
			fail_msg("%s: u8_valid should be %d", c->name, c->valid);
		/* *bad is set on failure only. */
		if (bad != (c->valid ? (size_t)-1 : c->bad))
			fail_msg("%s: bad = %zu", c->name, bad);
		if (c->n &&
		    u8_seqlen((const unsigned char *)c->in, c->n) != c->seqlen)
			fail_msg("%s: u8_seqlen = %zu, want %zu", c->name,
				 u8_seqlen((const unsigned char *)c->in, c->n),
				 c->seqlen);
		if (u8_count(c->in, c->n) != c->count)
			fail_msg("%s: u8_count = %zu, want %zu", c->name,
				 u8_count(c->in, c->n), c->count);
		buf_reset(&b);
		buf_adds(&b, "<");
		got = u8_sanitize(&b, c->in, c->n);
		if (got != c->nrepl || b.n != 1 + c->nclean ||
		    memcmp(b.p + 1, c->clean, c->nclean))
			fail_msg("%s: u8_sanitize made %zu replacements, "
				 "%zu bytes", c->name, got, b.n - 1);
		/* The output of u8_sanitize is always valid. */
		assert_true(u8_valid(b.p, b.n, NULL));
	}
	buf_free(&b);
}

/* u8_seqlen must not read past n: a lead byte with too few bytes left. */
static void
test_u8_seqlen_bounds(void **state)
{
	/* Exact-size heap copies so ASan/valgrind catch an over-read. */
	static const char *const leads[] = {"\xC3\xA9", "\xE4\xB8\xAD",
					    "\xF0\x9F\x98\x80"};
	size_t i, k, len;
	unsigned char *p;

	(void)state;
	for (i = 0; i < 3; i++) {
		len = strlen(leads[i]);
		for (k = 1; k <= len; k++) {
			p = malloc(k);
			assert_non_null(p);
			memcpy(p, leads[i], k);
			assert_int_equal(u8_seqlen(p, k), k == len ? len : 0);
			assert_int_equal(u8_valid((char *)p, k, NULL),
					 k == len);
			free(p);
		}
	}
}

/* Every single byte: ASCII is valid alone, nothing else is. */
static void
test_u8_every_byte(void **state)
{
	unsigned c;
	unsigned char s[1];

	(void)state;
	for (c = 0; c < 256; c++) {
		s[0] = (unsigned char)c;
		assert_int_equal(u8_seqlen(s, 1), c < 0x80 ? 1 : 0);
		assert_int_equal(u8_valid((char *)s, 1, NULL), c < 0x80);
		assert_int_equal(u8_count((char *)s, 1), 1);
	}
}

/* Every 2-byte sequence: valid exactly when it encodes U+0080..U+07FF. */
static void
test_u8_every_pair(void **state)
{
	unsigned a, c;
	unsigned char s[2];
	int want;

	(void)state;
	for (a = 0x80; a < 0x100; a++)
		for (c = 0; c < 0x100; c++) {
			s[0] = (unsigned char)a;
			s[1] = (unsigned char)c;
			want = a >= 0xC2 && a <= 0xDF && c >= 0x80 && c <= 0xBF;
			assert_int_equal(u8_seqlen(s, 2), want ? 2 : 0);
		}
}

/* Encodes code point cp as UTF-8 into s; returns its length. */
static size_t
encode(unsigned long cp, unsigned char *s)
{
	if (cp < 0x80) {
		s[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		s[0] = (unsigned char)(0xC0 | cp >> 6);
		s[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		s[0] = (unsigned char)(0xE0 | cp >> 12);
		s[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		s[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	s[0] = (unsigned char)(0xF0 | cp >> 18);
	s[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	s[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	s[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Every code point 0..0x10FFFF (naively encoded): valid unless it is a
 * surrogate, and u8_decode reads it back; and the overlong encodings of each small code point are not. */
static void
test_u8_every_codepoint(void **state)
{
	unsigned long cp;
	unsigned char s[5];
	size_t k, dk;
	uint32_t dc;
	int surrogate;

	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		k = encode(cp, s);
		surrogate = cp >= 0xD800 && cp <= 0xDFFF;
		if (u8_seqlen(s, k) != (surrogate ? 0 : k))
			fail_msg("U+%04lX: seqlen %zu", cp, u8_seqlen(s, k));
		/* u8_decode gives the code point back, or U8_INVALID and a
		 * length of 1 (one bad byte), even with more bytes after */
		s[k] = 'x';
		dk = 0;
		dc = u8_decode((const char *)s, k + 1, &dk);
		if (surrogate ? dc != U8_INVALID || dk != 1
			      : dc != cp || dk != k)
			fail_msg("U+%04lX: u8_decode %lX/%zu", cp,
				 (unsigned long)dc, dk);
	}
	/* Overlong: each cp < 0x10000 encoded in 4 bytes, each < 0x800 in 3,
	 * each < 0x80 in 2. */
	for (cp = 0; cp < 0x10000; cp++) {
		s[0] = (unsigned char)0xF0;
		s[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		s[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		s[3] = (unsigned char)(0x80 | (cp & 0x3F));
		assert_int_equal(u8_seqlen(s, 4), 0);
		if (cp < 0x800) {
			s[0] = (unsigned char)(0xE0 | cp >> 12);
			s[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
			s[2] = (unsigned char)(0x80 | (cp & 0x3F));
			assert_int_equal(u8_seqlen(s, 3), 0);
		}
		if (cp < 0x80) {
			s[0] = (unsigned char)(0xC0 | cp >> 6);
			s[1] = (unsigned char)(0x80 | (cp & 0x3F));
			assert_int_equal(u8_seqlen(s, 2), 0);
		}
	}
}

struct floorcase {
	const char *s;
	size_t len;
	size_t n, want;
};

static const struct floorcase floorcases[] = {
	/* "a中b" = 61 E4 B8 AD 62 */
	{S("a\xE4\xB8\xAD" "b"), 0, 0},
	{S("a\xE4\xB8\xAD" "b"), 1, 1},
	{S("a\xE4\xB8\xAD" "b"), 2, 1},
	{S("a\xE4\xB8\xAD" "b"), 3, 1},
	{S("a\xE4\xB8\xAD" "b"), 4, 4},
	{S("a\xE4\xB8\xAD" "b"), 5, 5},
	{S("a\xE4\xB8\xAD" "b"), 99, 5},
	/* emoji F0 9F 98 80 at the start */
	{S("\xF0\x9F\x98\x80z"), 1, 0},
	{S("\xF0\x9F\x98\x80z"), 3, 0},
	{S("\xF0\x9F\x98\x80z"), 4, 4},
	/* é é */
	{S("\xC3\xA9\xC3\xA9"), 1, 0},
	{S("\xC3\xA9\xC3\xA9"), 2, 2},
	{S("\xC3\xA9\xC3\xA9"), 3, 2},
	/* stray continuation bytes are units of one: no backing up */
	{S("\x80\x80\x80\x80\x80\x80"), 3, 3},
	{S("abc\x80\x80\x80\x80\x80\x80"), 8, 8},
	/* a truncated sequence is no sequence: E4 B8 then 'x' */
	{S("\xE4\xB8x"), 1, 1},
	{S("\xE4\xB8x"), 2, 2},
	/* a valid sequence followed by extra continuation bytes */
	{S("\xC3\xA9\xA9\xA9"), 1, 0},
	{S("\xC3\xA9\xA9\xA9"), 3, 3},
	/* overlong and surrogate forms are not sequences either */
	{S("\xE0\x80\xAF"), 2, 2},
	{S("\xED\xA0\x80"), 1, 1},
};

static void
test_u8_floor(void **state)
{
	size_t i;
	const struct floorcase *c;

	(void)state;
	for (i = 0; i < sizeof floorcases / sizeof floorcases[0]; i++) {
		c = &floorcases[i];
		if (u8_floor(c->s, c->len, c->n) != c->want)
			fail_msg("floor case %zu: u8_floor(n=%zu) = %zu, want %zu",
				 i, c->n, u8_floor(c->s, c->len, c->n), c->want);
	}
}

/* Property: on valid text every cut lands on a boundary (a prefix that is
 * valid), is <= n, and is at most 3 bytes back; on any bytes it makes
 * progress (never more than 3 back) so chunking loops terminate. */
static void
test_u8_floor_props(void **state)
{
	static const char text[] = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80"
				   "b\xCE\xA9\xF4\x8F\xBF\xBF\x80\xFF\xE4\xB8";
	size_t len = sizeof text - 1, valid_len = 17, n, f;
	unsigned long seed = 12345;
	unsigned char r[64];
	size_t i;

	(void)state;
	for (n = 0; n <= valid_len; n++) {
		f = u8_floor(text, valid_len, n);
		assert_true(f <= n && n - f <= 3);
		assert_true(u8_valid(text, f, NULL));
		assert_true(u8_valid(text + f, valid_len - f, NULL));
	}
	for (n = 0; n <= len; n++) {
		f = u8_floor(text, len, n);
		assert_true(f <= n && n - f <= 3);
	}
	/* Random bytes: the cut never splits a valid sequence. */
	for (i = 0; i < 20000; i++) {
		size_t k, j;

		for (k = 0; k < sizeof r; k++) {
			seed = seed * 1103515245 + 12345;
			r[k] = (unsigned char)(0x80 + (seed >> 16) % 0x78);
		}
		n = i % sizeof r;
		f = u8_floor((char *)r, sizeof r, n);
		assert_true(f <= n && n - f <= 3);
		/* No valid sequence starting before f crosses f, and none
		 * starting in [f, n) crosses n... unless f == n. */
		for (j = f > 3 ? f - 3 : 0; j < f; j++) {
			size_t q = u8_seqlen(r + j, sizeof r - j);
			assert_false(q > 1 && j + q > f &&
				     (r[j] & 0xC0) != 0x80);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_empty),
		cmocka_unit_test(test_buf_growth),
		cmocka_unit_test(test_buf_adds_addc),
		cmocka_unit_test(test_buf_reset),
		cmocka_unit_test(test_buf_printf),
		cmocka_unit_test(test_buf_sticky_error),
		cmocka_unit_test(test_buf_steal),
		cmocka_unit_test(test_str),
		cmocka_unit_test(test_seterr),
		cmocka_unit_test(test_u8_table),
		cmocka_unit_test(test_u8_seqlen_bounds),
		cmocka_unit_test(test_u8_every_byte),
		cmocka_unit_test(test_u8_every_pair),
		cmocka_unit_test(test_u8_every_codepoint),
		cmocka_unit_test(test_u8_floor),
		cmocka_unit_test(test_u8_floor_props),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
