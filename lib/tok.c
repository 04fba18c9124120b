/*
 * tok: the ICU word tokenizer (contract in tok.h).
 *
 * tok_run cuts the text into chunks of at most TOK_CHUNK bytes (after a line
 * end or a space when there is one near the limit), converts each chunk to
 * UTF-16 with a map from UTF-16 index to byte offset, and walks ICU's word
 * break iterator over it.  Word spans become terms: pure ASCII words are
 * lowercased directly (all NFKC_Casefold does to ASCII), other words go
 * through ICU's NFKC_Casefold normalizer.  No allocation per token: the
 * buffers live in the tok and only grow.
 */
#include "tok.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/* Bytes per chunk handed to ICU: bounds the scratch memory (6 bytes per
 * input byte) and keeps UTF-16 indexes far below INT32_MAX. */
#define TOK_CHUNK (1u << 20)
/* tok_fold and tok_unaccent take at most this many bytes at once. */
#define TOK_FOLDMAX (64u << 20)

struct tok {
	UBreakIterator *bi;
	const UNormalizer2 *nfkc_cf, *nfd, *nfc;
	UChar *u16;	/* current chunk in UTF-16 */
	uint32_t *map;	/* UTF-16 index -> byte offset in the chunk */
	size_t cap16;	/* units in u16 and map */
	UChar *nb;	/* normalizer output for terms */
	int32_t ncap;
	UChar *fa, *fb; /* tok_fold / tok_unaccent scratch (separate from the
			 * tok_run buffers so a callback may call them) */
	int32_t facap, fbcap;
	char term[TOK_MAXTERM + 4];
};

/* State of one tok_run call. */
typedef struct run {
	tok *t;
	int opts;
	unsigned pos; /* position of the next word */
	tok_cb cb;
	void *ctx;
	char **err;
	size_t base;	   /* byte offset of the chunk in the text */
	int32_t n16;	   /* UTF-16 units of the chunk in t->u16 */
	int32_t prev_char; /* UTF-16 index of the last character of the CJK
			    * run that the next word may continue, or -1 */
} run;

static int
grow_units(UChar **p, int32_t *cap, int64_t need)
{
	int64_t c = *cap ? *cap : 256;
	UChar *q;

	if (need <= *cap)
		return 0;
	if (need > INT32_MAX / 2)
		return -1;
	while (c < need)
		c *= 2;
	q = realloc(*p, (size_t)c * sizeof **p);
	if (!q)
		return -1;
	*p = q;
	*cap = (int32_t)c;
	return 0;
}

/* Normalizes s[0..n) with nz into *out (grown as needed).  Returns the
 * output length, or -1 (out of memory or ICU error). */
static int32_t
normalize(const UNormalizer2 *nz, const UChar *s, int32_t n, UChar **out,
	  int32_t *cap)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t m;

	if (grow_units(out, cap, (int64_t)n + 16) < 0)
		return -1;
	m = unorm2_normalize(nz, s, n, *out, *cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		if (grow_units(out, cap, (int64_t)m + 1) < 0)
			return -1;
		st = U_ZERO_ERROR;
		m = unorm2_normalize(nz, s, n, *out, *cap, &st);
	}
	return U_FAILURE(st) ? -1 : m;
}

/* Decodes UTF-8 s[0..n) into u (room for n units).  Each invalid byte
 * becomes U+FFFD, or is dropped if `drop`.  If map is not NULL it gets the
 * byte offset of every unit, and map[result] = n.  Returns the units. */
static size_t
decode(const unsigned char *s, size_t n, UChar *u, uint32_t *map, int drop)
{
	size_t i = 0, j = 0, k;
	UChar32 c;

	while (i < n) {
		if (s[i] < 0x80) {
			if (map)
				map[j] = (uint32_t)i;
			u[j++] = s[i++];
			continue;
		}
		c = (UChar32)u8_decode((const char *)s + i, n - i, &k);
		if (c == (UChar32)U8_INVALID) {
			if (!drop) {
				if (map)
					map[j] = (uint32_t)i;
				u[j++] = 0xFFFD;
			}
			i++;
			continue;
		}
		if (map) {
			map[j] = (uint32_t)i;
			if (c > 0xFFFF)
				map[j + 1] = (uint32_t)i;
		}
		if (c > 0xFFFF) {
			u[j++] = U16_LEAD(c);
			u[j++] = U16_TRAIL(c);
		} else {
			u[j++] = (UChar)c;
		}
		i += k;
	}
	if (map)
		map[j] = (uint32_t)n;
	return j;
}

/* 1 if c is a Han, Hiragana or Katakana character, including the common
 * marks used only with them (U+30FC prolonged sound mark, iteration marks). */
static int
is_cjk_cp(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc;

	if (c < 0x2E80)
		return 0;
	sc = uscript_getScript(c, &st);
	if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
	    sc == USCRIPT_KATAKANA || sc == USCRIPT_KATAKANA_OR_HIRAGANA)
		return 1;
	/* Common letters used with kana (U+30FC, U+3031..U+3035, U+FF70),
	 * found by their script extensions; punctuation such as U+3002 also
	 * lists Han there but is not a letter. */
	if (sc == USCRIPT_COMMON && u_isalpha(c))
		return uscript_hasScript(c, USCRIPT_HAN) ||
		       uscript_hasScript(c, USCRIPT_HIRAGANA) ||
		       uscript_hasScript(c, USCRIPT_KATAKANA);
	return 0;
}

/* 1 if c extends the character before it (combining marks such as the
 * voiced mark U+3099 or its half-width form U+FF9E, variation selectors,
 * other default ignorables such as U+200D): it may sit inside a CJK word and
 * does not count as a character there. */
static int
is_extend(UChar32 c)
{
	return c >= 0x300 &&
	       (u_hasBinaryProperty(c, UCHAR_GRAPHEME_EXTEND) ||
		u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT));
}

/* Moves *i past one character of u[..n): a code point and the extending
 * code points after it. */
static void
next_char(const UChar *u, int32_t *i, int32_t n)
{
	int32_t j;
	UChar32 c;

	U16_FWD_1(u, *i, n);
	while (*i < n) {
		j = *i;
		U16_NEXT(u, j, n, c);
		if (!is_extend(c))
			break;
		*i = j;
	}
}

/* Writes UTF-16 s[0..n) to out as UTF-8 with the curly apostrophes folded,
 * at most cap bytes and whole code points; sets *cut if it stopped early.
 * Returns the bytes written (no NUL added). */
static size_t
to_utf8(const UChar *s, int32_t n, char *out, size_t cap, int *cut)
{
	int32_t i = 0;
	size_t o = 0;
	UChar32 c;

	while (i < n) {
		U16_NEXT(s, i, n, c);
		if (U_IS_SURROGATE(c))
			continue;
		if (c == 0x2018 || c == 0x2019 || c == 0x02BC)
			c = '\'';
		if (o + (size_t)U8_LENGTH(c) > cap) {
			*cut = 1;
			break;
		}
		U8_APPEND_UNSAFE(out, o, c);
	}
	return o;
}

/* Writes normalized s[0..n) into t->term, cut at TOK_MAXTERM bytes
 * (setting TOK_F_CUT in *flags).  Returns the length. */
static size_t
put_term(tok *t, const UChar *s, int32_t n, int *flags)
{
	int cut = 0;
	size_t o = to_utf8(s, n, t->term, TOK_MAXTERM, &cut);

	if (cut)
		*flags |= TOK_F_CUT;
	t->term[o] = '\0';
	return o;
}

/* Normalizes u16[a..b) into t->term.  Returns the length or -1. */
static int64_t
make_term(tok *t, int32_t a, int32_t b, int *flags)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t m;

	/* most words (CJK ones, lowercase ones) are already normalized */
	if (unorm2_spanQuickCheckYes(t->nfkc_cf, t->u16 + a, b - a, &st) ==
		    b - a &&
	    U_SUCCESS(st))
		return (int64_t)put_term(t, t->u16 + a, b - a, flags);
	m = normalize(t->nfkc_cf, t->u16 + a, b - a, &t->nb, &t->ncap);
	if (m < 0)
		return -1;
	return (int64_t)put_term(t, t->nb, m, flags);
}

static int
emit(run *r, size_t len, unsigned pos, int32_t a, int32_t b, unsigned nchars,
     int flags)
{
	tok_token tk;

	tk.term = r->t->term;
	tk.len = len;
	tk.pos = pos;
	tk.start = r->base + r->t->map[a];
	tk.end = r->base + r->t->map[b];
	tk.nchars = nchars;
	tk.flags = flags;
	return r->cb ? r->cb(r->ctx, &tk) : 0;
}

/* Code points in u[a..b). */
static unsigned
count_cps(const UChar *u, int32_t a, int32_t b)
{
	unsigned n = 0;

	for (; a < b; a++)
		n += !U16_IS_TRAIL(u[a]);
	return n;
}

/* Emits the bigrams whose second character is in the CJK word u16[a..b)
 * of nch characters (at positions from r->pos on), and remembers its last
 * character. */
static int
bigrams(run *r, int32_t a, int32_t b, unsigned nch)
{
	tok *t = r->t;
	int32_t i = a, prev = r->prev_char, s;
	unsigned p = r->pos - 1; /* position of the character at prev */
	int64_t len;
	int flags, rc;

	while (i < b) {
		s = i;
		next_char(t->u16, &i, b);
		/* a two-character word is its own bigram */
		if (prev >= 0 && !(nch == 2 && prev >= a)) {
			flags = TOK_F_CJK | TOK_F_BIGRAM;
			len = make_term(t, prev, i, &flags);
			if (len < 0)
				return seterr(r->err, -1, "tok: normalizer failed");
			if (len > 0 && (rc = emit(r, (size_t)len, p, prev, i,
						  count_cps(t->u16, prev, i),
						  flags)) != 0)
				return rc;
		}
		prev = s;
		p++;
	}
	r->prev_char = prev;
	return 0;
}

static char
lower_ascii(unsigned c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

/* 1 if the ASCII word u16[a..b) is an acronym: two or more capital letters
 * (CHIP, NIST), among words that are not all capitals: a lower-case letter
 * within TOK_CAPS_CONTEXT units on either side (a title or heading in
 * capitals is not a row of acronyms). */
#define TOK_CAPS_CONTEXT 24

static int
is_acronym(const run *r, int32_t a, int32_t b)
{
	const UChar *u = r->t->u16;
	int32_t i, lo = a > TOK_CAPS_CONTEXT ? a - TOK_CAPS_CONTEXT : 0,
		   hi = b + TOK_CAPS_CONTEXT < r->n16 ? b + TOK_CAPS_CONTEXT
						       : r->n16;

	if (b - a < 2)
		return 0;
	for (i = a; i < b; i++)
		if (!(u[i] >= 'A' && u[i] <= 'Z'))
			return 0;
	for (i = lo; i < hi; i++)
		if ((i < a || i >= b) && u_islower(u[i]))
			return 1;
	return 0;
}

/* Emits the word u16[a..b) (a whole ICU word or a piece of one); `number`
 * if it is a number. */
static int
piece(run *r, int32_t a, int32_t b, int number)
{
	tok *t = r->t;
	const UChar *u = t->u16;
	int32_t i, o = 0;
	int64_t len;
	unsigned nchars = 0, nch = 0, pos;
	int flags = 0, cjk = 1, core = 0, rc;
	UChar32 c;

	if (number)
		flags |= TOK_F_NUMBER;
	for (i = a; i < b && u[i] < 0x80; i++)
		if (o < TOK_MAXTERM)
			t->term[o++] = lower_ascii(u[i]);
	if (i == b) { /* ASCII: lowercasing is the whole normalization */
		if (b - a > TOK_MAXTERM)
			flags |= TOK_F_CUT;
		if (!number && is_acronym(r, a, b))
			flags |= TOK_F_CAPS;
		t->term[o] = '\0';
		r->prev_char = -1;
		return emit(r, (size_t)o, r->pos++, a, b, (unsigned)(b - a),
			    flags);
	}
	for (i = a; i < b;) {
		U16_NEXT(u, i, b, c);
		nchars++;
		if (!cjk)
			continue;
		if (nch == 0 || !is_extend(c))
			nch++;
		if (is_cjk_cp(c))
			core = 1;
		else if (!is_extend(c))
			cjk = 0;
	}
	len = make_term(t, a, b, &flags);
	if (len < 0)
		return seterr(r->err, -1, "tok: normalizer failed");
	if (len == 0) { /* e.g. only default ignorables: no token */
		r->prev_char = -1;
		return 0;
	}
	if (!(cjk && core)) {
		r->prev_char = -1;
		return emit(r, (size_t)len, r->pos++, a, b, nchars, flags);
	}
	flags |= TOK_F_CJK;
	pos = r->pos;
	if ((rc = emit(r, (size_t)len, pos, a, b, nchars, flags)) != 0)
		return rc;
	if (r->opts & TOK_BIGRAMS) {
		if ((rc = bigrams(r, a, b, nch)) != 0)
			return rc;
	}
	r->pos = pos + nch;
	return 0;
}

/* 1 if u[a..b) is two or more ASCII letters joined by single dots (U.S,
 * S.B, H.R; ICU leaves the last dot out of a word, a piece of one may end
 * with it: H.R.2246). */
static int
is_initials(const UChar *u, int32_t a, int32_t b)
{
	int32_t i;

	if (b - a >= 4 && u[b - 1] == '.')
		b--;
	if (b - a < 3 || (b - a) % 2 == 0 || b - a > 2 * TOK_MAXTERM - 1)
		return 0; /* longer than a term: a word like any other */
	for (i = a; i < b; i++)
		if ((i - a) % 2 ? u[i] != '.'
				: !(u[i] < 0x80 && u_isalpha(u[i])))
			return 0;
	return 1;
}

/* The kind of code point for splitting letter-digit runs: 1 letter,
 * 2 decimal digit, 0 anything else (dot, comma, apostrophe, mark). */
static int
lkind(UChar32 c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? 1
		       : c >= '0' && c <= '9'				  ? 2
									  : 0;
	return u_isdigit(c) ? 2 : u_isalpha(c) && !is_cjk_cp(c) ? 1 : 0;
}

/* Emits u16[a..b), initials as their letters (U.S -> us), else as a word. */
static int
part(run *r, int32_t a, int32_t b, int number)
{
	const UChar *u = r->t->u16;
	size_t o = 0;
	int32_t i;

	if (!is_initials(u, a, b))
		return piece(r, a, b, number);
	for (i = a; i < b; i += 2)
		r->t->term[o++] = lower_ascii(u[i]);
	r->t->term[o] = '\0';
	r->prev_char = -1;
	return emit(r, o, r->pos++, a, b, count_cps(u, a, b), 0);
}

/* Handles the word u16[a..b) whose ICU rule status is `status`: initials
 * lose their dots (S.B -> sb), and a run of letters and digits is cut where
 * one meets the other (SB5959 -> sb 5959, GPT-4o -> gpt 4 o), each piece a
 * word, so that SB5959, SB 5959 and S.B. 5959 index and search alike. */
static int
word(run *r, int32_t a, int32_t b, int32_t status)
{
	const UChar *u = r->t->u16;
	int32_t i, j, s = a;
	int k, prev = 0, rc;
	UChar32 c;

	for (i = a; i < b; i = j) {
		j = i;
		U16_NEXT(u, j, b, c);
		k = lkind(c);
		if (k && prev && k != prev) {
			if ((rc = part(r, s, i, prev == 2)) != 0)
				return rc;
			s = i;
		}
		if (k)
			prev = k;
		else if (is_cjk_cp(c))
			break; /* CJK words stay whole */
	}
	if (s == a)
		return part(r, a, b,
			    status >= UBRK_WORD_NUMBER &&
				status < UBRK_WORD_NUMBER_LIMIT);
	return part(r, s, b, prev == 2);
}

/* Tokenizes one chunk s[0..n) that starts at byte r->base of the text. */
static int
run_chunk(run *r, const char *s, size_t n)
{
	tok *t = r->t;
	UErrorCode st = U_ZERO_ERROR;
	int32_t a, b, n16, status;
	int rc;

	if (n + 1 > t->cap16) {
		size_t cap = t->cap16 ? t->cap16 : 4096;
		UChar *u;
		uint32_t *m;

		while (cap < n + 1)
			cap *= 2;
		u = realloc(t->u16, cap * sizeof *u);
		if (u)
			t->u16 = u;
		m = u ? realloc(t->map, cap * sizeof *m) : NULL;
		if (!m)
			return seterr(r->err, -1, "tok: out of memory");
		t->map = m;
		t->cap16 = cap;
	}
	n16 = (int32_t)decode((const unsigned char *)s, n, t->u16, t->map, 0);
	r->n16 = n16;
	ubrk_setText(t->bi, t->u16, n16, &st);
	if (U_FAILURE(st))
		return seterr(r->err, -1, "tok: ubrk_setText: %s",
			      u_errorName(st));
	r->prev_char = -1;
	a = ubrk_first(t->bi);
	while ((b = ubrk_next(t->bi)) != UBRK_DONE) {
		status = ubrk_getRuleStatus(t->bi);
		if (status >= UBRK_WORD_NONE_LIMIT) {
			if ((rc = word(r, a, b, status)) != 0)
				return rc;
		} else {
			r->prev_char = -1;
		}
		a = b;
	}
	return 0;
}

/* Length of the next chunk of s[0..n): all of it if short, else up to
 * TOK_CHUNK bytes ending after a newline or a space near the limit, else at
 * a code point boundary. */
static size_t
chunk_len(const char *s, size_t n)
{
	size_t lim = TOK_CHUNK, lo = TOK_CHUNK - TOK_CHUNK / 4, i;

	if (n <= lim)
		return n;
	for (i = lim; i > lo; i--)
		if (s[i - 1] == '\n')
			return i;
	for (i = lim; i > lo; i--)
		if (s[i - 1] == ' ' || s[i - 1] == '\t')
			return i;
	/* a valid sequence has at most three continuation bytes */
	for (i = lim; i > lim - 4; i--)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return i;
	return lim;
}

/* Returns a new tokenizer or NULL (with *err set). */
tok *
tok_new(char **err)
{
	UErrorCode st = U_ZERO_ERROR;
	tok *t = calloc(1, sizeof *t);

	if (!t) {
		seterr(err, -1, "tok: out of memory");
		return NULL;
	}
	t->nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
	if (U_SUCCESS(st))
		t->nfd = unorm2_getNFDInstance(&st);
	if (U_SUCCESS(st))
		t->nfc = unorm2_getNFCInstance(&st);
	if (U_SUCCESS(st))
		t->bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
	if (U_FAILURE(st)) {
		seterr(err, -1, "tok: ICU: %s", u_errorName(st));
		tok_free(t);
		return NULL;
	}
	return t;
}

/* Frees t and its buffers; t may be NULL. */
void
tok_free(tok *t)
{
	if (!t)
		return;
	if (t->bi)
		ubrk_close(t->bi);
	free(t->u16);
	free(t->map);
	free(t->nb);
	free(t->fa);
	free(t->fb);
	free(t);
}

/* Tokenizes text[0..len) through cb; see tok.h. */
int
tok_run(tok *t, const char *text, size_t len, int opts, unsigned first_pos,
	tok_cb cb, void *ctx, char **err)
{
	run r;
	size_t n;
	int rc;

	memset(&r, 0, sizeof r);
	r.t = t;
	r.opts = opts;
	r.pos = first_pos;
	r.cb = cb;
	r.ctx = ctx;
	r.err = err;
	while (r.base < len) {
		n = chunk_len(text + r.base, len - r.base);
		if ((rc = run_chunk(&r, text + r.base, n)) != 0)
			return rc;
		r.base += n;
	}
	return 0;
}

/* Normalizes s[0..len) as a term (no word splitting, no cap) and appends it
 * to out.  Returns 0 or -1 (too long, out of memory, ICU error). */
int
tok_fold(tok *t, const char *s, size_t len, buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;
	int32_t m;
	int cut = 0;

	for (i = 0; i < len && u[i] < 0x80; i++)
		;
	if (i == len) {
		if (buf_grow(out, len) < 0)
			return -1;
		for (i = 0; i < len; i++)
			out->p[out->n + i] = lower_ascii(u[i]);
		out->n += len;
		out->p[out->n] = '\0';
		return 0;
	}
	if (len > TOK_FOLDMAX || grow_units(&t->fa, &t->facap, (int64_t)len) < 0)
		return -1;
	n = decode(u, len, t->fa, NULL, 1);
	m = normalize(t->nfkc_cf, t->fa, (int32_t)n, &t->fb, &t->fbcap);
	if (m < 0)
		return -1;
	if (buf_grow(out, (size_t)m * 3) < 0)
		return -1;
	out->n += to_utf8(t->fb, m, out->p + out->n, (size_t)m * 3, &cut);
	out->p[out->n] = '\0';
	return 0;
}

/* Writes term without U+0300..U+036F diacritics into out; see tok.h. */
size_t
tok_unaccent(tok *t, const char *term, size_t len, char *out, size_t cap)
{
	const unsigned char *u = (const unsigned char *)term;
	size_t i, n, o;
	int32_t m, j, k = 0;
	int cut = 0;

	for (i = 0; i < len && u[i] < 0x80; i++)
		;
	if (i == len || cap < 2 || len > TOK_FOLDMAX ||
	    grow_units(&t->fa, &t->facap, (int64_t)len) < 0)
		return 0;
	n = decode(u, len, t->fa, NULL, 1);
	m = normalize(t->nfd, t->fa, (int32_t)n, &t->fb, &t->fbcap);
	if (m < 0)
		return 0;
	for (j = 0; j < m; j++)
		if (t->fb[j] < 0x300 || t->fb[j] > 0x36F)
			t->fb[k++] = t->fb[j];
	if (k == m)
		return 0;
	m = normalize(t->nfc, t->fb, k, &t->fa, &t->facap);
	if (m <= 0)
		return 0;
	o = to_utf8(t->fa, m, out, cap - 1, &cut);
	out[o] = '\0';
	return o;
}

/* Guesses a language from the scripts of the letters in text; see tok.h. */
/* Latin-script languages told apart by their commonest short words: each
 * language's list votes for every occurrence in the text; the most votes
 * win, English on a tie or with fewer than 6 votes.  Lists: the most
 * frequent function words (several are shared, which is fine).  Another
 * language must have half as many votes again as English. */
static const struct {
	const char *code;
	const char *words; /* space-separated, with spaces around */
} latin_words[] = {
	{"en", " the and of to is in that for are with "},
	{"de", " der die und das ist nicht mit von den zu sich des "},
	{"fr", " le la les et des est une du que dans pour sur "},
	{"es", " el la los las y que del en por una para con "},
	{"it", " il la che di e del della per non sono gli una "},
	{"pt", " o a os as que do da em não uma para com "},
	{"nl", " de het een en van is niet op dat voor zijn met "},
	{"sv", " och att det som en är för på med av till "},
	{"da", " og at det som en er for på med af til "},
	{"tr", " ve bir bu için ile olarak her hak veya "},
	{"id", " dan yang di untuk dengan dalam ini itu "},
	{"ro", " și de la în că cu pe este sau "},
	{"hu", " a az és hogy nem egy is van "},
	{"fi", " ja on ei että se hän oli ovat "},
	{"vi", " của và các là trong được có cho không người "},
};

/* The lists above as one hash set: word -> the languages that list it (a
 * bit each), built once.  A text word costs one hash probe sequence
 * instead of a strstr per language. */
#define LW_SLOTS 512 /* a power of two, over twice the number of words */
#define LW_MAXLEN 12 /* longest listed word in bytes, and then some */
/* Bytes of a text tok_guess_lang looks at: enough to vote. */
#define TOK_GUESS_BYTES 4096
static struct {
	char w[LW_MAXLEN + 1];
	unsigned char n;
	uint32_t langs;
} lw_set[LW_SLOTS];
static pthread_once_t lw_once = PTHREAD_ONCE_INIT;

static size_t
lw_hash(const char *w, size_t n)
{
	return hash_fnv32(HASH_FNV32_INIT, w, n) & (LW_SLOTS - 1);
}

/* The slot of w: where it is, or the empty one where it would go. */
static size_t
lw_slot(const char *w, size_t n)
{
	size_t i = lw_hash(w, n);

	while (lw_set[i].n && (lw_set[i].n != n || memcmp(lw_set[i].w, w, n)))
		i = (i + 1) & (LW_SLOTS - 1);
	return i;
}

static void
lw_build(void)
{
	size_t l, i, n;

	for (l = 0; l < sizeof latin_words / sizeof *latin_words; l++) {
		const char *p = latin_words[l].words;

		while (*p) {
			while (*p == ' ')
				p++;
			for (n = 0; p[n] && p[n] != ' '; n++)
				;
			if (n && n <= LW_MAXLEN) {
				i = lw_slot(p, n);
				memcpy(lw_set[i].w, p, n);
				lw_set[i].n = (unsigned char)n;
				lw_set[i].langs |= 1u << l;
			}
			p += n;
		}
	}
}

static const char *
latin_lang(const char *text, size_t len)
{
	size_t nl = sizeof latin_words / sizeof *latin_words;
	unsigned votes[sizeof latin_words / sizeof *latin_words] = {0};
	char w[LW_MAXLEN];
	size_t i = 0, best = 0, l, n, start;
	uint32_t m;

	pthread_once(&lw_once, lw_build);
	while (i < len) {
		while (i < len && !(((unsigned char)text[i] | 0x20) >= 'a' &&
				    ((unsigned char)text[i] | 0x20) <= 'z') &&
		       (unsigned char)text[i] < 0xC0)
			i++;
		start = i;
		while (i < len && ((((unsigned char)text[i] | 0x20) >= 'a' &&
				    ((unsigned char)text[i] | 0x20) <= 'z') ||
				   (unsigned char)text[i] >= 0x80))
			i++;
		n = i - start;
		if (n == 0 || n > LW_MAXLEN)
			continue;
		for (l = 0; l < n; l++) {
			unsigned char c = (unsigned char)text[start + l];

			w[l] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
		}
		m = lw_set[lw_slot(w, n)].langs;
		for (l = 0; m; l++, m >>= 1)
			votes[l] += m & 1;
	}
	for (l = 1; l < nl; l++)
		if (votes[l] > votes[best])
			best = l;
	/* another language must clearly beat English (votes[0]) */
	return votes[best] >= 6 && votes[best] * 2 > votes[0] * 3 ?
		       latin_words[best].code :
		       "en";
}

const char *
tok_guess_lang(const char *text, size_t len)
{
	enum { LATIN, HAN, KANA, HANGUL, CYRL, ARAB, GREK, HEBR, DEVA, THAI, N };
	static const char *const code[N] = {"en", "zh", "ja", "ko", "ru",
					    "ar", "el", "he", "hi", "th"};
	const unsigned char *s = (const unsigned char *)text;
	size_t cnt[N] = {0}, i = 0, k;
	int best = LATIN, x;
	UErrorCode st;
	UChar32 c;

	if (len > TOK_GUESS_BYTES)
		len = TOK_GUESS_BYTES;
	while (i < len) {
		if (s[i] < 0x80) {
			if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')
				cnt[LATIN]++;
			i++;
			continue;
		}
		c = (UChar32)u8_decode((const char *)s + i, len - i, &k);
		i += k;
		if (c == (UChar32)U8_INVALID)
			continue;
		if (!u_isalpha(c))
			continue;
		st = U_ZERO_ERROR;
		switch (uscript_getScript(c, &st)) {
		case USCRIPT_LATIN: cnt[LATIN]++; break;
		case USCRIPT_HAN: cnt[HAN]++; break;
		case USCRIPT_HIRAGANA:
		case USCRIPT_KATAKANA: cnt[KANA]++; break;
		case USCRIPT_HANGUL: cnt[HANGUL]++; break;
		case USCRIPT_CYRILLIC: cnt[CYRL]++; break;
		case USCRIPT_ARABIC: cnt[ARAB]++; break;
		case USCRIPT_GREEK: cnt[GREK]++; break;
		case USCRIPT_HEBREW: cnt[HEBR]++; break;
		case USCRIPT_DEVANAGARI: cnt[DEVA]++; break;
		case USCRIPT_THAI: cnt[THAI]++; break;
		default: break;
		}
	}
	/* Japanese mixes kanji and kana; Chinese has (almost) no kana. */
	if (cnt[KANA] && cnt[KANA] * 20 >= cnt[HAN]) {
		cnt[KANA] += cnt[HAN];
		cnt[HAN] = 0;
	} else {
		cnt[HAN] += cnt[KANA];
		cnt[KANA] = 0;
	}
	for (x = 1; x < N; x++)
		if (cnt[x] > cnt[best])
			best = x;
	return best == LATIN ? latin_lang(text, len) : code[best];
}

/* 1 if the code point at s is Han, Hiragana or Katakana; see tok.h. */
int
tok_is_cjk(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k;
	uint32_t c;

	if (!len || u[0] < 0x80 || (c = u8_decode(s, len, &k)) == U8_INVALID)
		return 0;
	return is_cjk_cp((UChar32)c);
}
