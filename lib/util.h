/*
 * util: growable byte buffers with a sticky error, and small UTF-8 helpers.
 *
 * Conventions for all of lib/ (see README "Conventions"):
 *  - functions return 0 on success and a negative code on error; where a
 *    message is useful they take a trailing `char **err` (may be NULL) and
 *    store a malloc'd message there on error (free it with free()).
 *  - every x_new or x_open has an x_free or x_close that accepts NULL.
 *  - lib/ never prints and never exits.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* A growable byte string, always NUL-terminated when p != NULL.  Once an
 * allocation fails `err` is set and every later append does nothing, so a
 * long chain of appends needs one check at the end (FTS5's sticky rc). */
typedef struct buf {
	char *p;
	size_t n, cap;
	int err;
} buf;

#define BUF_INIT {NULL, 0, 0, 0}

void buf_add(buf *b, const void *s, size_t n);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, int c);
void buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Makes room for n more bytes; returns 0 or -1 (and sets err). */
int buf_grow(buf *b, size_t n);
void buf_reset(buf *b);	/* n = 0, keeps memory, clears err */
void buf_free(buf *b);	/* frees memory, back to BUF_INIT */
/* Returns the malloc'd string (caller frees) and resets b; NULL on error. */
char *buf_steal(buf *b);

/* Appends v as a varint (7 bits a byte, low first, high bit: more). */
void buf_varint(buf *b, uint64_t v);
/* Reads the varint at s[*i] (of n bytes) into *v, moving *i past it:
 * 0, or -1 when it runs past n or over 64 bits. */
int varint_get(const unsigned char *s, size_t n, size_t *i, uint64_t *v);

/* malloc'd printf; NULL on failure.  For building `*err` messages. */
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Sets *err (if err != NULL and *err == NULL: the first error wins) to a
 * malloc'd formatted message.  Returns rc so callers can `return seterr(...)`. */
int seterr(char **err, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
char *str_dup(const char *s);
char *str_ndup(const char *s, size_t n);
/* Frees the n strings of v, then v (NULL ok). */
void strv_free(char **v, size_t n);
/* Room for one more element in the array p of *cap elements of size bytes
 * that holds n: when n == *cap, reallocated to twice as many (16 at
 * first).  Returns the array (p or its new place), or NULL without memory
 * (p is then untouched, still the caller's). */
void *array_room(void *p, size_t *cap, size_t n, size_t size);

/* Length in bytes of the valid UTF-8 sequence at s (1..4), or 0 if the bytes
 * at s (n > 0 available) are not a valid, shortest-form, non-surrogate
 * sequence. */
size_t u8_seqlen(const unsigned char *s, size_t n);
/* What u8_decode returns for an invalid byte (not a code point). */
#define U8_INVALID UINT32_MAX
/* The code point of the character at s (n > 0 bytes available), or U8_INVALID
 * when the byte at s does not start a valid sequence (see u8_seqlen); *k
 * gets the character's length in bytes (1 for an invalid byte). */
uint32_t u8_decode(const char *s, size_t n, size_t *k);
/* 1 if all n bytes are valid UTF-8, else 0; *bad (if not NULL) gets the
 * offset of the first invalid byte. */
int u8_valid(const char *s, size_t n, size_t *bad);
/* Appends s to b with every invalid byte replaced by U+FFFD. Returns the
 * number of replacements made. */
size_t u8_sanitize(buf *b, const char *s, size_t n);
/* Number of code points in s[0..n) (invalid bytes count one each). */
size_t u8_count(const char *s, size_t n);
/* Largest cut <= n that does not split a UTF-8 sequence in s[0..len). */
size_t u8_floor(const char *s, size_t len, size_t n);

/* ASCII character classes, independent of the locale (<ctype.h> is
 * not): white space is space, \t, \n, \v, \f, \r. */
static inline int
ascii_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline int
ascii_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int
ascii_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* 1 if code point c is white space or a control character, as snippets
 * and the page collapse them (Unicode's White_Space, C0, DEL, C1). */
int cp_space(uint32_t c);

static inline int
ascii_alnum(int c)
{
	return ascii_alpha(c) || ascii_digit(c);
}

/* Moves *s and *n past ASCII white space at both ends of s[0..*n). */
void str_trim(const char **s, size_t *n);

/* FNV-1a over p[0..n), continuing from h: start from HASH_FNV64_INIT (or
 * HASH_FNV32_INIT), or chain calls to hash several pieces as one. */
#define HASH_FNV64_INIT 0xcbf29ce484222325ULL
#define HASH_FNV32_INIT 2166136261u
uint64_t hash_fnv64(uint64_t h, const void *p, size_t n);
uint32_t hash_fnv32(uint32_t h, const void *p, size_t n);

/* Monotonic clock in seconds. */
double now_seconds(void);

#endif
