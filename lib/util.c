#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int
buf_grow(buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->err)
		return -1;
	if (n < b->cap - b->n && b->p)
		return 0;
	if (n > ((size_t)-1) / 2 - b->n - 1) {
		b->err = 1;
		return -1;
	}
	cap = b->cap ? b->cap : 64;
	while (cap - b->n <= n)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p) {
		b->err = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void
buf_add(buf *b, const void *s, size_t n)
{
	if (buf_grow(b, n) < 0)
		return;
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void
buf_adds(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(buf *b, int c)
{
	char ch = (char)c;

	buf_add(b, &ch, 1);
}

/* Tells the compiler fmt is a printf format passed on with a va_list, so
 * clang's -Wformat-nonliteral (in -Wformat=2) accepts the vsnprintf calls
 * and checks callers instead. */
void buf_vprintf(buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

void
buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int len;

	if (b->err)
		return;
	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (len < 0) {
		b->err = 1;
		return;
	}
	if (buf_grow(b, (size_t)len) < 0)
		return;
	vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
	b->n += (size_t)len;
}

void
buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(buf *b)
{
	b->n = 0;
	b->err = 0;
	if (b->p)
		b->p[0] = '\0';
}

void
buf_free(buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
	b->err = 0;
}

char *
buf_steal(buf *b)
{
	char *p;

	if (b->err) {
		buf_free(b);
		return NULL;
	}
	if (!b->p)
		return str_dup("");
	p = b->p;
	b->p = NULL;
	b->n = b->cap = 0;
	return p;
}

char *
str_printf(const char *fmt, ...)
{
	buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

int
seterr(char **err, int rc, const char *fmt, ...)
{
	buf b = BUF_INIT;
	va_list ap;

	if (!err || *err)
		return rc;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*err = buf_steal(&b);
	return rc;
}

char *
str_ndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
str_dup(const char *s)
{
	return s ? str_ndup(s, strlen(s)) : NULL;
}

void *
array_room(void *p, size_t *cap, size_t n, size_t size)
{
	size_t c = *cap ? *cap * 2 : 16;
	void *t;

	if (n < *cap)
		return p;
	if (c > SIZE_MAX / size || !(t = realloc(p, c * size)))
		return NULL;
	*cap = c;
	return t;
}

void
strv_free(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

size_t
u8_seqlen(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c < 0xF5) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0; /* overlong */
		if (c == 0xF4 && s[1] >= 0x90)
			return 0; /* > U+10FFFF */
		return 4;
	}
	return 0;
}

uint32_t
u8_decode(const char *s, size_t n, size_t *k)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t l;

	if (u[0] < 0x80) {
		*k = 1;
		return u[0];
	}
	l = u8_seqlen(u, n);
	*k = l ? l : 1;
	switch (l) {
	case 2:
		return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	case 3:
		return ((uint32_t)(u[0] & 0x0F) << 12) |
		       ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	case 4:
		return ((uint32_t)(u[0] & 0x07) << 18) |
		       ((uint32_t)(u[1] & 0x3F) << 12) |
		       ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
	default:
		return U8_INVALID;
	}
}

int
u8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = u8_seqlen(u + i, n - i);
		if (!k) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += k;
	}
	return 1;
}

size_t
u8_sanitize(buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start = 0, k, bad = 0;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = u8_seqlen(u + i, n - i);
		if (k) {
			i += k;
			continue;
		}
		buf_add(b, s + start, i - start);
		buf_add(b, "\xEF\xBF\xBD", 3);
		bad++;
		start = ++i;
	}
	buf_add(b, s + start, n - start);
	return bad;
}

size_t
u8_count(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, c = 0, k;

	while (i < n) {
		k = u[i] < 0x80 ? 1 : u8_seqlen(u + i, n - i);
		i += k ? k : 1;
		c++;
	}
	return c;
}

size_t
u8_floor(const char *s, size_t len, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k;

	if (n >= len)
		return len;
	if ((u[n] & 0xC0) != 0x80)
		return n;
	/* Only a valid sequence that starts at most 3 bytes back and runs
	 * past n can be split: stray continuation bytes are units of their
	 * own (as in u8_sanitize and u8_count), so a long run of them does
	 * not drag the cut back to 0. */
	for (i = n; i > 0 && n - i < 3;) {
		i--;
		if ((u[i] & 0xC0) != 0x80) {
			k = u8_seqlen(u + i, len - i);
			return k && i + k > n ? i : n;
		}
	}
	return n;
}

double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
str_trim(const char **s, size_t *n)
{
	while (*n && ascii_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && ascii_space((*s)[*n - 1]))
		(*n)--;
}

uint64_t
hash_fnv64(uint64_t h, const void *p, size_t n)
{
	const unsigned char *u = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ u[i]) * 0x100000001b3ULL;
	return h;
}

uint32_t
hash_fnv32(uint32_t h, const void *p, size_t n)
{
	const unsigned char *u = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ u[i]) * 16777619u;
	return h;
}

int
cp_space(uint32_t c)
{
	return c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000;
}

void
buf_varint(buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t k = 0;

	do {
		tmp[k] = (unsigned char)(v & 0x7F);
		v >>= 7;
		if (v)
			tmp[k] |= 0x80;
		k++;
	} while (v);
	buf_add(b, tmp, k);
}

int
varint_get(const unsigned char *s, size_t n, size_t *i, uint64_t *v)
{
	uint64_t x = 0;
	size_t shift;

	for (shift = 0;; shift += 7) {
		if (*i >= n || shift > 63)
			return -1;
		x |= (uint64_t)(s[*i] & 0x7F) << shift;
		if (!(s[(*i)++] & 0x80))
			break;
	}
	*v = x;
	return 0;
}
