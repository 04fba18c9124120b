/*
 * esc: the escapers (see esc.h for the contract of each).
 *
 * Every escaper walks its input once and copies each run of bytes that
 * needs no change with a single buf_add, so escaping is linear and cheap on
 * long texts.  Non-ASCII is checked with u8_seqlen: a valid sequence is part
 * of a run, an invalid byte becomes U+FFFD (one per byte, as u8_sanitize).
 */
#include "esc.h"

#include <string.h>

#define REPL "\xEF\xBF\xBD" /* U+FFFD REPLACEMENT CHARACTER */

static const char hexdig[] = "0123456789ABCDEF";

/* What starts at a non-ASCII byte. */
enum { U8_TEXT, U8_C1, U8_BAD };

/* Classifies the non-ASCII byte at u (n > 0 bytes available): stores in
 * *kind U8_TEXT for a valid sequence, U8_C1 for a C1 control (U+0080..
 * U+009F, valid but a control) or U8_BAD for an invalid byte, and returns
 * how many bytes that is (1 for an invalid byte). */
static size_t
u8_unit(const unsigned char *u, size_t n, int *kind)
{
	size_t k = u8_seqlen(u, n);

	if (!k) {
		*kind = U8_BAD;
		return 1;
	}
	*kind = k == 2 && u[0] == 0xC2 && u[1] < 0xA0 ? U8_C1 : U8_TEXT;
	return k;
}

/* What esc_html makes of an ASCII byte: NULL to keep it, "" to drop it, or
 * the entity that replaces it. */
static const char *
html_ascii(unsigned c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	case '\t':
	case '\n':
	case '\r':
		return NULL;
	default:
		return c < 0x20 || c == 0x7F ? "" : NULL;
	}
}

void
esc_html(buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, k;
	const char *rep;
	int kind;

	while (i < n) {
		if (u[i] < 0x80) {
			rep = html_ascii(u[i]);
			if (!rep) {
				i++;
				continue;
			}
			buf_add(out, s + run, i - run);
			buf_adds(out, rep);
			run = ++i;
			continue;
		}
		k = u8_unit(u + i, n - i, &kind);
		if (kind != U8_TEXT) {
			/* A C1 control is dropped like the C0 ones. */
			buf_add(out, s + run, i - run);
			if (kind == U8_BAD)
				buf_add(out, REPL, 3);
			run = i + k;
		}
		i += k;
	}
	buf_add(out, s + run, n - run);
}

/* 1 if esc_url keeps byte c as it is. */
static int
url_unreserved(unsigned c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

void
esc_count(buf *out, unsigned long v)
{
	char d[24];
	int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < 20);
	while (n--) {
		buf_addc(out, d[n]);
		if (n && n % 3 == 0)
			buf_addc(out, ',');
	}
}

void
esc_url(buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, run = 0;
	char pct[3];

	for (i = 0; i < n; i++) {
		if (url_unreserved(u[i]))
			continue;
		buf_add(out, s + run, i - run);
		if (u[i] == ' ')
			buf_addc(out, '+');
		else {
			pct[0] = '%';
			pct[1] = hexdig[u[i] >> 4];
			pct[2] = hexdig[u[i] & 15];
			buf_add(out, pct, 3);
		}
		run = i + 1;
	}
	buf_add(out, s + run, n - run);
}

void
esc_term(buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, k;
	int kind;

	while (i < n) {
		if (u[i] < 0x80) {
			if ((u[i] >= 0x20 && u[i] != 0x7F) || u[i] == '\t') {
				i++;
				continue;
			}
			buf_add(out, s + run, i - run);
			if (u[i] == '\n')
				buf_addc(out, ' ');
			else
				buf_add(out, REPL, 3);
			run = ++i;
			continue;
		}
		k = u8_unit(u + i, n - i, &kind);
		if (kind != U8_TEXT) {
			/* One U+FFFD for a C1 control's two bytes, one for
			 * each invalid byte. */
			buf_add(out, s + run, i - run);
			buf_add(out, REPL, 3);
			run = i + k;
		}
		i += k;
	}
	buf_add(out, s + run, n - run);
}

/* 1 if s starts with prefix, ASCII letters compared case-insensitively
 * (no locale: a Turkish dotless i must not make "HTTP" match). */
static int
has_prefix_ci(const char *s, const char *prefix)
{
	unsigned a, b;

	for (; *prefix; s++, prefix++) {
		a = (unsigned char)*s;
		b = (unsigned char)*prefix;
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != b)
			return 0;
	}
	return 1;
}

void
esc_json(buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)s;
	const char *p;
	size_t i = 0, run = 0, k;

	while (i < n) {
		if (u[i] >= 0x80) {
			k = u8_seqlen(u + i, n - i);
			if (k) {
				i += k;
				continue;
			}
			buf_add(out, s + run, i - run);
			buf_add(out, REPL, 3);
			run = ++i;
			continue;
		}
		if (u[i] >= 0x20 && u[i] != '"' && u[i] != '\\') {
			i++;
			continue;
		}
		buf_add(out, s + run, i - run);
		buf_addc(out, '\\');
		/* " and \ themselves, the five with a letter, else \u00XX */
		p = strchr("\"\"\\\\\bb\ff\nn\rr\tt", u[i]);
		if (u[i] && p) {
			buf_addc(out, p[1]);
		} else {
			buf_adds(out, "u00");
			buf_addc(out, hex[u[i] >> 4]);
			buf_addc(out, hex[u[i] & 15]);
		}
		run = ++i;
	}
	buf_add(out, s + run, n - run);
}

int
esc_url_ok(const char *url)
{
	const unsigned char *u = (const unsigned char *)url;
	size_t i, n;
	int kind;

	if (!url)
		return 0;
	if (has_prefix_ci(url, "http://"))
		i = 7;
	else if (has_prefix_ci(url, "https://"))
		i = 8;
	else
		return 0;
	/* An authority must follow: "http://" alone or "http:///x" is not
	 * a link anyone meant. */
	if (u[i] == '\0' || u[i] == '/' || u[i] == '\\')
		return 0;
	n = strlen(url);
	while (i < n) {
		if (u[i] < 0x80) {
			if (u[i] <= 0x20 || u[i] == 0x7F)
				return 0;
			i++;
			continue;
		}
		i += u8_unit(u + i, n - i, &kind);
		if (kind != U8_TEXT)
			return 0;
	}
	return 1;
}

/* Value of hex digit c, or -1. */
static int
hexval(unsigned c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (int)(c - 'A' + 10);
	return -1;
}

size_t
esc_url_decode(buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, escapes = 0;
	int hi, lo;
	char c;

	while (i < n) {
		if (u[i] == '+') {
			buf_add(out, s + run, i - run);
			buf_addc(out, ' ');
			run = ++i;
			continue;
		}
		if (u[i] != '%' || n - i < 3 || (hi = hexval(u[i + 1])) < 0 ||
		    (lo = hexval(u[i + 2])) < 0) {
			i++; /* a plain byte, or a malformed escape kept */
			continue;
		}
		buf_add(out, s + run, i - run);
		c = (char)(hi << 4 | lo);
		buf_add(out, &c, 1);
		escapes++;
		i += 3;
		run = i;
	}
	buf_add(out, s + run, n - run);
	return n - 2 * escapes;
}
