/*
 * Unit tests for lib/esc.c.  Omega's lesson: a table of what every byte
 * value 0..255 becomes in each escaper, then invariants of the output
 * checked over every byte pair and many random strings, then multi-byte
 * cases, esc_url_ok and esc_url_decode tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "esc.h"
#include "util.h"

#define REPL "\xEF\xBF\xBD"
#define S(x) x, sizeof(x) - 1

typedef void (*escfn)(buf *, const char *, size_t);

/* Escapes n bytes of s with f into a fresh buffer (caller frees). */
static buf
run(escfn f, const char *s, size_t n)
{
	buf b = BUF_INIT;

	f(&b, s, n);
	assert_int_equal(b.err, 0);
	if (!b.p) /* nothing appended at all: treat as "" */
		buf_add(&b, "", 0);
	assert_non_null(b.p);
	assert_int_equal(b.p[b.n], '\0');
	return b;
}

/* Asserts f(s, n) is exactly want[0..wn); what names the case in the
 * failure message. */
static void
check_as(const char *what, escfn f, const char *s, size_t n,
	 const char *want, size_t wn)
{
	buf b = run(f, s, n);
	size_t i;

	if (b.n != wn || memcmp(b.p, want, wn) != 0) {
		for (i = 0; i < b.n && i < wn && b.p[i] == want[i]; i++)
			;
		buf_free(&b);
		fail_msg("%s: output length %zu, want %zu, first difference "
			 "at byte %zu", what, b.n, wn, i);
	}
	buf_free(&b);
}

#define check(f, ...) check_as(#f, f, __VA_ARGS__)

/*
 * The byte tables.  Each row covers bytes lo..hi; `out` is what each such
 * byte becomes alone: SAME for itself, PCT for %XX (upper-case hex), or a
 * literal string (possibly "", dropped).  Rows must cover 0..255 in order
 * with no gap; test_tables_cover checks that.
 */
#define SAME ((const char *)1)
#define PCT ((const char *)2)
#define U00 ((const char *)3) /* \u00XX (upper-case hex) */

struct byterow {
	unsigned lo, hi;
	const char *out;
};

static const struct byterow html_rows[] = {
	{0x00, 0x08, ""},	/* C0 controls dropped */
	{0x09, 0x0A, SAME},	/* \t \n */
	{0x0B, 0x0C, ""},
	{0x0D, 0x0D, SAME},	/* \r */
	{0x0E, 0x1F, ""},
	{0x20, 0x21, SAME},
	{0x22, 0x22, "&quot;"},
	{0x23, 0x25, SAME},	/* # $ % */
	{0x26, 0x26, "&amp;"},
	{0x27, 0x27, "&#39;"},
	{0x28, 0x3B, SAME},
	{0x3C, 0x3C, "&lt;"},
	{0x3D, 0x3D, SAME},
	{0x3E, 0x3E, "&gt;"},
	{0x3F, 0x7E, SAME},
	{0x7F, 0x7F, ""},	/* DEL dropped */
	{0x80, 0xFF, REPL},	/* no byte >= 0x80 is valid UTF-8 alone */
};

static const struct byterow url_rows[] = {
	{0x00, 0x1F, PCT},
	{0x20, 0x20, "+"},
	{0x21, 0x2C, PCT},	/* ! " # $ % & ' ( ) * + , */
	{0x2D, 0x2E, SAME},	/* - . */
	{0x2F, 0x2F, PCT},	/* / */
	{0x30, 0x39, SAME},	/* 0-9 */
	{0x3A, 0x40, PCT},	/* : ; < = > ? @ */
	{0x41, 0x5A, SAME},	/* A-Z */
	{0x5B, 0x5E, PCT},	/* [ \ ] ^ */
	{0x5F, 0x5F, SAME},	/* _ */
	{0x60, 0x60, PCT},	/* ` */
	{0x61, 0x7A, SAME},	/* a-z */
	{0x7B, 0x7D, PCT},	/* { | } */
	{0x7E, 0x7E, SAME},	/* ~ */
	{0x7F, 0xFF, PCT},
};

static const struct byterow term_rows[] = {
	{0x00, 0x08, REPL},
	{0x09, 0x09, SAME},	/* \t kept */
	{0x0A, 0x0A, " "},	/* \n becomes a space */
	{0x0B, 0x1F, REPL},	/* \r and ESC among them */
	{0x20, 0x7E, SAME},
	{0x7F, 0x7F, REPL},
	{0x80, 0xFF, REPL},
};

static const struct byterow json_rows[] = {
	{0x00, 0x07, U00},
	{0x08, 0x08, "\\b"},
	{0x09, 0x09, "\\t"},
	{0x0A, 0x0A, "\\n"},
	{0x0B, 0x0B, U00},
	{0x0C, 0x0C, "\\f"},
	{0x0D, 0x0D, "\\r"},
	{0x0E, 0x1F, U00},
	{0x20, 0x21, SAME},
	{0x22, 0x22, "\\\""},	/* " */
	{0x23, 0x5B, SAME},	/* / too: jansson leaves it */
	{0x5C, 0x5C, "\\\\"},	/* \ */
	{0x5D, 0x7F, SAME},	/* DEL too */
	{0x80, 0xFF, REPL},
};

struct table {
	const char *name;
	escfn f;
	const struct byterow *rows;
	size_t nrows;
};

#define TABLE(name, f, rows) {name, f, rows, sizeof rows / sizeof rows[0]}

static const struct table tables[] = {
	TABLE("esc_html", esc_html, html_rows),
	TABLE("esc_url", esc_url, url_rows),
	TABLE("esc_term", esc_term, term_rows),
	TABLE("esc_json", esc_json, json_rows),
};

/* What byte c becomes per the table t, into out (at least 8 bytes). */
static size_t
table_expect(const struct table *t, unsigned c, char *out)
{
	size_t i;
	const char *o;

	for (i = 0; i < t->nrows; i++) {
		if (c < t->rows[i].lo || c > t->rows[i].hi)
			continue;
		o = t->rows[i].out;
		if (o == SAME) {
			out[0] = (char)c;
			return 1;
		}
		if (o == PCT)
			return (size_t)snprintf(out, 8, "%%%02X", c);
		if (o == U00)
			return (size_t)snprintf(out, 8, "\\u%04X", c);
		memcpy(out, o, strlen(o));
		return strlen(o);
	}
	fail_msg("%s: byte 0x%02X not in table", t->name, c);
	return 0;
}

static void
test_tables_cover(void **state)
{
	size_t i, j;
	unsigned next;

	(void)state;
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		next = 0;
		for (j = 0; j < tables[i].nrows; j++) {
			assert_int_equal(tables[i].rows[j].lo, next);
			assert_true(tables[i].rows[j].hi >= next);
			next = tables[i].rows[j].hi + 1;
		}
		assert_int_equal(next, 256);
	}
}

/* Every byte alone, and every byte between two letters (so the run
 * copying before and after an escaped byte is exercised too). */
static void
test_every_byte(void **state)
{
	size_t i, k;
	unsigned c;
	char in[3], want[16], what[64];

	(void)state;
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		for (c = 0; c < 256; c++) {
			snprintf(what, sizeof what, "%s byte 0x%02X",
				 tables[i].name, c);
			in[0] = (char)c;
			k = table_expect(&tables[i], c, want);
			check_as(what, tables[i].f, in, 1, want, k);

			in[0] = 'a';
			in[1] = (char)c;
			in[2] = 'Z';
			want[0] = 'a';
			k = table_expect(&tables[i], c, want + 1);
			want[k + 1] = 'Z';
			check_as(what, tables[i].f, in, 3, want, k + 2);
		}
	}
}

/* A few rows written out literally, so the table machinery itself is
 * checked against hand-written expectations. */
static void
test_literal_bytes(void **state)
{
	(void)state;
	check(esc_html, S("<a href=\"x\" title='y'>&amp;</a>"),
	      S("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;"
		"&lt;/a&gt;"));
	check(esc_html, S("a\0b\x1b[0m\x7f\t\r\n"), S("ab[0m\t\r\n"));
	check(esc_url, S("a b+c/d?e=f&g%h"), S("a+b%2Bc%2Fd%3Fe%3Df%26g%25h"));
	check(esc_url, S("\0\x7f\x80\xff-._~"), S("%00%7F%80%FF-._~"));
	check(esc_url, S("AZaz09"), S("AZaz09"));
	check(esc_term, S("a\tb\nc\rd\x1b[31me\x7f"),
	      S("a\tb c" REPL "d" REPL "[31me" REPL));
	check(esc_term, S("\0"), S(REPL));
	/* Empty input appends nothing. */
	check(esc_html, "", 0, "", 0);
	check(esc_url, "", 0, "", 0);
	check(esc_term, "", 0, "", 0);
}

/* The escapers append: existing content is kept. */
static void
test_appends(void **state)
{
	buf b = BUF_INIT;

	(void)state;
	buf_adds(&b, "[");
	esc_html(&b, S("<"));
	esc_url(&b, S(" "));
	esc_term(&b, S("\n"));
	esc_url_decode(&b, S("%41"));
	buf_adds(&b, "]");
	assert_string_equal(b.p, "[&lt;+ A]");
	buf_free(&b);
}

/* Entities esc_html may produce. */
static const char *const entities[] = {"&amp;", "&lt;", "&gt;", "&quot;",
				       "&#39;"};

static void
html_invariants(const char *p, size_t n)
{
	size_t i, j;
	const unsigned char *u = (const unsigned char *)p;
	int ok;

	assert_true(u8_valid(p, n, NULL));
	for (i = 0; i < n; i++) {
		assert_true(u[i] != '<' && u[i] != '>' && u[i] != '"' &&
			    u[i] != '\'');
		assert_true(u[i] >= 0x20 || u[i] == '\t' || u[i] == '\n' ||
			    u[i] == '\r');
		assert_true(u[i] != 0x7F);
		/* no C1 control U+0080..U+009F */
		if (u[i] == 0xC2 && i + 1 < n)
			assert_true(u[i + 1] >= 0xA0);
		if (u[i] == '&') {
			ok = 0;
			for (j = 0; j < 5; j++)
				if (n - i >= strlen(entities[j]) &&
				    !memcmp(p + i, entities[j],
					    strlen(entities[j])))
					ok = 1;
			assert_true(ok);
		}
	}
}

static void
url_invariants(const char *p, size_t n)
{
	size_t i;
	unsigned c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)p[i];
		assert_true((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
			    c == '~' || c == '+' || c == '%' || c == '-');
		if (c == '%') {
			assert_true(n - i >= 3);
			assert_non_null(strchr("0123456789ABCDEF", p[i + 1]));
			assert_non_null(strchr("0123456789ABCDEF", p[i + 2]));
			assert_true(p[i + 1] && p[i + 2]);
		}
	}
}

static void
term_invariants(const char *p, size_t n)
{
	size_t i;
	const unsigned char *u = (const unsigned char *)p;

	assert_true(u8_valid(p, n, NULL));
	for (i = 0; i < n; i++) {
		assert_true(u[i] >= 0x20 || u[i] == '\t');
		assert_true(u[i] != 0x7F);
		if (u[i] == 0xC2 && i + 1 < n)
			assert_true(u[i + 1] >= 0xA0);
	}
}

/* Escapes s with every escaper and checks the output invariants; also
 * checks that esc_url_decode undoes esc_url. */
static void
check_invariants(const char *s, size_t n)
{
	buf b;
	buf d = BUF_INIT;
	size_t k;

	b = run(esc_html, s, n);
	html_invariants(b.p, b.n);
	buf_free(&b);

	b = run(esc_term, s, n);
	term_invariants(b.p, b.n);
	buf_free(&b);

	b = run(esc_url, s, n);
	url_invariants(b.p, b.n);
	k = esc_url_decode(&d, b.p, b.n);
	assert_int_equal(k, n);
	assert_int_equal(d.n, n);
	if (n)
		assert_memory_equal(d.p, s, n);
	buf_free(&d);
	buf_free(&b);
}

/* Every pair of bytes, and every byte after a lead byte of each length:
 * the invariants hold whatever the input. */
static void
test_every_pair(void **state)
{
	unsigned a, c;
	char s[4];

	(void)state;
	for (a = 0; a < 256; a++)
		for (c = 0; c < 256; c++) {
			s[0] = (char)a;
			s[1] = (char)c;
			check_invariants(s, 2);
		}
	for (a = 0xC2; a < 0xF5; a++)
		for (c = 0; c < 256; c++) {
			s[0] = (char)a;
			s[1] = (char)0x9F;
			s[2] = (char)c;
			s[3] = (char)0xBF;
			check_invariants(s, 3);
			check_invariants(s, 4);
		}
}

/* Random strings over a byte set rich in the dangerous ones. */
static void
test_random(void **state)
{
	static const unsigned char pool[] = {
	    '<', '>', '&', '"', '\'', ' ', '\t', '\n', '\r', 0, 0x1B, 0x7F,
	    '%', '+', 'a', '#', ';', 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xC3,
	    0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
	unsigned long seed = 42;
	char s[40];
	size_t i, k, n;

	(void)state;
	for (i = 0; i < 30000; i++) {
		n = i % sizeof s;
		for (k = 0; k < n; k++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			s[k] = (char)pool[(seed >> 33) % sizeof pool];
		}
		check_invariants(s, n);
	}
}

/* Multi-byte input: what each escaper makes of it. */
struct mbcase {
	const char *name;
	const char *in;
	size_t n;
	const char *html, *term, *url;
};

static const struct mbcase mbcases[] = {
	{"CJK", S("\xE4\xB8\xAD\xE6\x96\x87"), "\xE4\xB8\xAD\xE6\x96\x87",
	 "\xE4\xB8\xAD\xE6\x96\x87", "%E4%B8%AD%E6%96%87"},
	{"e acute", S("caf\xC3\xA9"), "caf\xC3\xA9", "caf\xC3\xA9",
	 "caf%C3%A9"},
	{"emoji", S("\xF0\x9F\x98\x80!"), "\xF0\x9F\x98\x80!",
	 "\xF0\x9F\x98\x80!", "%F0%9F%98%80%21"},
	{"U+10FFFF", S("\xF4\x8F\xBF\xBF"), "\xF4\x8F\xBF\xBF",
	 "\xF4\x8F\xBF\xBF", "%F4%8F%BF%BF"},
	{"NBSP U+00A0", S("\xC2\xA0"), "\xC2\xA0", "\xC2\xA0", "%C2%A0"},
	{"C1 NEL U+0085", S("a\xC2\x85" "b"), "ab", "a" REPL "b",
	 "a%C2%85b"},
	{"C1 CSI U+009B", S("\xC2\x9B" "31m"), "31m", REPL "31m",
	 "%C2%9B31m"},
	{"C1 U+0080", S("\xC2\x80"), "", REPL, "%C2%80"},
	{"C1 U+009F", S("\xC2\x9F"), "", REPL, "%C2%9F"},
	{"overlong2 <", S("\xC0\xBC"), REPL REPL, REPL REPL, "%C0%BC"},
	{"overlong3 /", S("\xE0\x80\xAF"), REPL REPL REPL, REPL REPL REPL,
	 "%E0%80%AF"},
	{"overlong4 /", S("\xF0\x80\x80\xAF"), REPL REPL REPL REPL,
	 REPL REPL REPL REPL, "%F0%80%80%AF"},
	{"overlong ESC", S("\xC0\x9B"), REPL REPL, REPL REPL, "%C0%9B"},
	{"surrogate D800", S("\xED\xA0\x80"), REPL REPL REPL, REPL REPL REPL,
	 "%ED%A0%80"},
	{"surrogate DFFF", S("\xED\xBF\xBF"), REPL REPL REPL, REPL REPL REPL,
	 "%ED%BF%BF"},
	{"U+D7FF", S("\xED\x9F\xBF"), "\xED\x9F\xBF", "\xED\x9F\xBF",
	 "%ED%9F%BF"},
	{"> U+10FFFF", S("\xF4\x90\x80\x80"), REPL REPL REPL REPL,
	 REPL REPL REPL REPL, "%F4%90%80%80"},
	{"truncated at end", S("a\xE4\xB8"), "a" REPL REPL, "a" REPL REPL,
	 "a%E4%B8"},
	{"truncated then <", S("\xE4\xB8<"), REPL REPL "&lt;", REPL REPL "<",
	 "%E4%B8%3C"},
	{"lone continuation", S("x\x80y"), "x" REPL "y", "x" REPL "y",
	 "x%80y"},
	{"F5..FF", S("\xF5\xF8\xFE\xFF"), REPL REPL REPL REPL,
	 REPL REPL REPL REPL, "%F5%F8%FE%FF"},
	{"NUL in text", S("a\0b"), "ab", "a" REPL "b", "a%00b"},
	{"ESC sequence", S("\x1B]0;title\x07red"), "]0;titlered",
	 REPL "]0;title" REPL "red", "%1B%5D0%3Btitle%07red"},
	{"U+2028 kept", S("\xE2\x80\xA8"), "\xE2\x80\xA8", "\xE2\x80\xA8",
	 "%E2%80%A8"},
	{"mixed", S("<\xE4\xB8\xAD>&\xC3\xA9\n"), "&lt;\xE4\xB8\xAD&gt;&amp;"
	 "\xC3\xA9\n", "<\xE4\xB8\xAD>&\xC3\xA9 ", "%3C%E4%B8%AD%3E%26%C3%A9%0A"},
};

static void
test_multibyte(void **state)
{
	size_t i;
	const struct mbcase *c;
	char what[64];

	(void)state;
	for (i = 0; i < sizeof mbcases / sizeof mbcases[0]; i++) {
		c = &mbcases[i];
		snprintf(what, sizeof what, "esc_html %s", c->name);
		check_as(what, esc_html, c->in, c->n, c->html,
			 strlen(c->html));
		snprintf(what, sizeof what, "esc_term %s", c->name);
		check_as(what, esc_term, c->in, c->n, c->term,
			 strlen(c->term));
		snprintf(what, sizeof what, "esc_url %s", c->name);
		check_as(what, esc_url, c->in, c->n, c->url, strlen(c->url));
	}
}

/* Long texts: escaping is compositional at character boundaries, so the
 * escape of a long text equals the concatenated escapes of its pieces.
 * A quadratic implementation would also take minutes here. */
static void
test_long(void **state)
{
	static const char piece[] = "Hello, <b>world</b> & caf\xC3\xA9 "
				    "\xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80"
				    "\x80\x1B\n\t'\"";
	const size_t reps = 100000, plen = sizeof piece - 1;
	char *text = malloc(reps * plen);
	size_t i, t;
	buf one, all;

	(void)state;
	assert_non_null(text);
	for (i = 0; i < reps; i++)
		memcpy(text + i * plen, piece, plen);
	for (t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		one = run(tables[t].f, piece, plen);
		all = run(tables[t].f, text, reps * plen);
		assert_int_equal(all.n, reps * one.n);
		for (i = 0; i < reps; i++)
			if (memcmp(all.p + i * one.n, one.p, one.n))
				fail_msg("%s: piece %zu differs",
					 tables[t].name, i);
		buf_free(&one);
		buf_free(&all);
	}
	/* A long safe run is copied as it is. */
	memset(text, 'x', reps * plen);
	all = run(esc_html, text, reps * plen);
	assert_int_equal(all.n, reps * plen);
	assert_memory_equal(all.p, text, reps * plen);
	buf_free(&all);
	free(text);
}

/* The escapers respect the buffer's sticky error: nothing is written. */
static void
test_sticky(void **state)
{
	buf b = BUF_INIT;

	(void)state;
	buf_adds(&b, "x");
	b.err = 1;
	esc_html(&b, S("<a>\x80"));
	esc_url(&b, S("a b"));
	esc_term(&b, S("\x1B"));
	esc_url_decode(&b, S("%41+b"));
	assert_int_equal(b.n, 1);
	assert_int_equal(b.err, 1);
	buf_free(&b);
}

struct okcase {
	const char *url;
	int ok;
};

static const struct okcase okcases[] = {
	{"http://example.com/", 1},
	{"https://example.com/a?b=c&d=e#f", 1},
	{"HTTP://EXAMPLE.COM", 1},
	{"HtTpS://example.com", 1},
	{"http://a", 1},
	{"http://user@host:8080/p", 1},
	{"https://\xE4\xBE\x8B\xE3\x81\x88.jp/\xC3\xA9", 1},
	{"http://a/<script>", 1}, /* esc_html takes care of it in href */
	{"", 0},
	{"http", 0},
	{"http:", 0},
	{"http:/", 0},
	{"http://", 0},
	{"http:///evil.com", 0},
	{"http:\\\\evil.com", 0},
	{"http:evil.com", 0},
	{"httpx://example.com", 0},
	{"ftp://example.com", 0},
	{"javascript:alert(1)", 0},
	{"JaVaScRiPt:alert(1)", 0},
	{" javascript:alert(1)", 0},
	{"\tjavascript:alert(1)", 0},
	{"java\tscript:alert(1)", 0},
	{"javascript://example.com/%0aalert(1)", 0},
	{"data:text/html,<script>alert(1)</script>", 0},
	{"DATA:text/html;base64,PHNjcmlwdD4=", 0},
	{"vbscript:msgbox(1)", 0},
	{"file:///etc/passwd", 0},
	{"//evil.com", 0},
	{"/relative", 0},
	{"relative/path", 0},
	{"?q=1", 0},
	{"#top", 0},
	{" http://example.com", 0},
	{"http://example.com ", 0},
	{"http://a b", 0},
	{"http://a\tb", 0},
	{"http://a\nb", 0},
	{"http://a\rb", 0},
	{"http://a\x01" "b", 0},
	{"http://a\x1B" "b", 0},
	{"http://a\x7F" "b", 0},
	{"http://a\xC2\x85" "b", 0},	/* C1 NEL */
	{"http://a\xC2\xA0" "b", 1},	/* NBSP is not a control */
	{"http://a\x80" "b", 0},	/* invalid UTF-8 */
	{"http://a\xC0\xAF" "b", 0},	/* overlong */
	{"https://\xED\xA0\x80", 0},	/* surrogate */
};

static void
test_url_ok(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(esc_url_ok(NULL), 0);
	for (i = 0; i < sizeof okcases / sizeof okcases[0]; i++) {
		if (esc_url_ok(okcases[i].url) != okcases[i].ok)
			fail_msg("esc_url_ok case %zu (\"%s\") should be %d", i,
				 okcases[i].url, okcases[i].ok);
	}
}

struct deccase {
	const char *in;
	size_t n;
	const char *out;
	size_t nout;
};

static const struct deccase deccases[] = {
	{S(""), S("")},
	{S("abc"), S("abc")},
	{S("%41"), S("A")},
	{S("%4a%4A"), S("JJ")},
	{S("%4"), S("%4")},
	{S("%"), S("%")},
	{S("a%"), S("a%")},
	{S("%zz"), S("%zz")},
	{S("%4z"), S("%4z")},
	{S("%z4"), S("%z4")},
	{S("%%41"), S("%A")},
	{S("%G0"), S("%G0")},
	{S("+"), S(" ")},
	{S("a+b+%2B"), S("a b +")},
	{S("%20"), S(" ")},
	{S("%00"), S("\0")},
	{S("a%00b"), S("a\0b")},
	{S("%253C"), S("%3C")},	/* one decode only */
	{S("%3C%3e"), S("<>")},
	{S("%E4%B8%AD"), S("\xE4\xB8\xAD")},
	{S("%FF%80"), S("\xFF\x80")},	/* any byte; caller validates */
	{S("\xC3\xA9%C3%A9"), S("\xC3\xA9\xC3\xA9")},
	{S("x\0%41"), S("x\0A")},	/* a raw NUL passes through */
	{S("100%"), S("100%")},
	{S("q=%E2%82%AC+5%25"), S("q=\xE2\x82\xAC 5%")},
};

static void
test_url_decode(void **state)
{
	size_t i, k;
	buf b = BUF_INIT;
	char tail[64];

	(void)state;
	for (i = 0; i < sizeof deccases / sizeof deccases[0]; i++) {
		buf_reset(&b);
		buf_adds(&b, "[");
		k = esc_url_decode(&b, deccases[i].in, deccases[i].n);
		if (k != deccases[i].nout || b.n != 1 + deccases[i].nout ||
		    memcmp(b.p + 1, deccases[i].out, deccases[i].nout))
			fail_msg("decode case %zu (\"%s\"): got %zu bytes", i,
				 deccases[i].in, k);
		assert_int_equal(b.p[b.n], '\0');
		/* Bytes past n must not be read: follow the input with
		 * hex digits that would complete a trailing "%" or "%4". */
		memcpy(tail, deccases[i].in, deccases[i].n);
		memcpy(tail + deccases[i].n, "41", 3);
		buf_reset(&b);
		k = esc_url_decode(&b, tail, deccases[i].n);
		if (k != deccases[i].nout || b.n != deccases[i].nout ||
		    memcmp(b.p, deccases[i].out, deccases[i].nout))
			fail_msg("decode case %zu read past its end", i);
	}
	/* Decoding twice goes one level further, as it should. */
	buf_reset(&b);
	esc_url_decode(&b, S("%253C"));
	assert_string_equal(b.p, "%3C");
	{
		buf c = BUF_INIT;

		esc_url_decode(&c, b.p, b.n);
		assert_string_equal(c.p, "<");
		buf_free(&c);
	}
	buf_free(&b);
	/* Every byte value survives esc_url then esc_url_decode. */
	{
		char all[256];

		for (i = 0; i < 256; i++)
			all[i] = (char)i;
		b = run(esc_url, all, sizeof all);
		url_invariants(b.p, b.n);
		{
			buf c = BUF_INIT;

			assert_int_equal(esc_url_decode(&c, b.p, b.n), 256);
			assert_int_equal(c.n, 256);
			assert_memory_equal(c.p, all, 256);
			buf_free(&c);
		}
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_cover),
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_literal_bytes),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_every_pair),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_multibyte),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_sticky),
		cmocka_unit_test(test_url_ok),
		cmocka_unit_test(test_url_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
