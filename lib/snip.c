/*
 * snip: the snippet maker (contract in snip.h).
 *
 * tok_run fills two token arrays: the words, and (only when a pattern asks
 * for bigrams) the CJK bigrams together with the two-character CJK words,
 * which tok does not repeat as bigrams.  With maxchars > 0 only regions of
 * the text around raw-text candidates are tokenized (find_near), else all
 * of it.  Every token keeps its byte span and its character span; its term
 * is interned, and each distinct term is matched against the pattern
 * elements once when it is first seen (so the stem callback runs at most
 * once per distinct term).  Hits are found
 * by walking each array once; a phrase continues at the next token of the
 * same array when that token's position is the previous one's plus its
 * width (its characters for a CJK word, else 1).
 *
 * Fragments: the best window of maxchars characters (FTS5's scoring: the
 * first hit of a pattern group counts its weight * 1000, repeats a little,
 * a window whose sentence start is within reach a bonus); when it does not
 * hold every group and maxfrags > 1, greedy windows of maxchars / maxfrags
 * characters that each add a group not yet shown, if together they show
 * more.  Each fragment's core is word-aligned; the unused budget is then
 * shared out as context on both sides, starting at a sentence start when
 * one is in reach, cutting only at word boundaries (plus adjacent opening
 * or closing punctuation).  All lengths are code points.
 *
 * Guards: a phrase longer than SNIP_MAXPHRASE words is matched by its first
 * SNIP_MAXPHRASE (so matching is linear in the text's words).  With
 * maxchars > 0 only the first SNIP_CAP bytes (2 MiB) are searched: hits
 * past them are not looked for; the pre-scan is linear in those bytes, and
 * the regions cover each byte once.  With maxchars == 0 the whole text is
 * tokenized.  Without patterns, or without candidates, only the text's
 * beginning is.
 *
 * No allocation per token: all arrays live in a snip_ctx and only grow.
 */
#include "snip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#define SNIP_SSE2 1
#endif

#define SNIP_CAP ((size_t)2 << 20) /* bytes tokenized when maxchars > 0 */
#define SNIP_SLACK 64	/* chars tokenized past maxchars, no patterns */
#define SNIP_MAXREP 100 /* repeats counted in a window's score */
#define SNIP_MAXPHRASE 64 /* a longer phrase matches by its first words
			   * (the bits of a uint64_t: see find_hits) */
#define SNIP_BONUS 300	/* sentence start bonus, in least weights */
#define SNIP_NONE ((size_t)-1)
#define SNIP_RMARGIN 32	/* characters of a region past maxchars, each side */
#define SNIP_RPHRASE 16	/* ... and per word of the longest phrase */
#define SNIP_MAXCAND 16384 /* more candidates: tokenize the whole text */
#define SNIP_NOSCAN UINT32_MAX
#define SNIP_F_RSTART 0x100 /* stok.flags: the first word of a region */

/* Classes of non-ASCII characters for the pre-scan (see cp_class) */
#define CL_ALNUM 0x100 /* folds (accents removed) to an ASCII letter or
			* digit: the low byte, the first one (0: unknown) */
#define CL_JOIN 0x200  /* continues a word after an ASCII letter */
#define CL_EXT 0x400   /* continues a CJK word (a mark, a format char) */
#define CL_CJK 0x800   /* folds to other CJK characters */
#define CL_HAN 0x1000  /* is a CJK character (see is_cjkish) */
#define CL_MAX (1u << 16) /* entries in the class cache */

/* tok_run callback return values */
#define SNIP_STOP 1
#define SNIP_NOMEM 2

typedef struct spos {
	size_t b, c; /* byte and character offset */
} spos;

typedef struct stok {
	size_t start, end; /* bytes */
	size_t cs, ce;	   /* characters */
	size_t sent;	   /* words: index of its sentence's first word */
	unsigned pos, nchars;
	int flags;
	uint32_t term; /* interned term id */
} stok;

typedef struct sterm {
	size_t off, len; /* bytes in ctx->arena */
	uint32_t hash;
	uint32_t mhead; /* first match entry + 1; 0: matches nothing */
} sterm;

/* A term's match with one pattern: bit j of mask set when the term matches
 * element j (j < SNIP_MAXPHRASE). */
typedef struct smatch {
	uint64_t mask;
	uint32_t pat, next; /* pattern; next entry + 1 */
} smatch;

typedef struct sslot {
	uint32_t gen, id;
} sslot;

typedef struct shit {
	size_t bs, be, cs, ce;	   /* the hit */
	size_t wbs, wbe, wcs, wce; /* widened to whole words */
	size_t sbs, scs;	   /* its sentence start; scs NONE: none */
	size_t group;		   /* dense group index */
} shit;

typedef struct srange {
	size_t bs, be;
} srange;

typedef struct sfrag {
	size_t cs, ce, bs, be; /* core: word-aligned hits */
	size_t scs, sbs;       /* sentence start of the first hit */
	size_t anchor;	       /* index of its first hit */
	spos S, E;	       /* the fragment after extension */
} sfrag;

typedef struct sgp {
	int group;
	size_t pat;
} sgp;

/* A region of the text tokenized on its own (see find_near). */
typedef struct sreg {
	size_t b, e;	       /* bytes [b, e) */
	size_t fc, lc;	       /* its first and last candidate */
	size_t w0, w1, g0, g1; /* its words and bigrams in c->w, c->bg */
} sreg;

/* What the pre-scan looks for (see plan_scan). */
typedef struct splan {
	unsigned char want[256]; /* first bytes of the ASCII words to check */
	uint64_t want2[128];	 /* ... their second bytes (bits: see bit2) */
	int ascii, cjk;		 /* some element is looked for that way */
	int connect; /* an ASCII element holds more than letters and digits */
	size_t nmw, nmb; /* elements in the longest phrase of words, of
			  * bigrams */
} splan;

struct snip_ctx {
	stok *w, *bg;
	size_t nw, capw, nbg, capbg;
	sterm *terms;
	size_t nterms, capterms;
	sslot *slots;
	size_t nslots;
	uint32_t gen;
	buf arena;
	smatch *m;
	size_t nm, capm;
	shit *hits;
	size_t nhits, caphits;
	srange *mg;
	size_t nmg, capmg;
	/* pattern elements: pattern, index, term and stem lengths */
	uint32_t *epat, *eidx;
	size_t *elen, *eslen;
	size_t ne, cape1, cape2, cape3, cape4;
	/* per pattern: first element (SNIP_NONE: empty), dense group */
	size_t *ebase, *pgroup;
	size_t capp1, capp2;
	sgp *gp; /* scratch for numbering the groups */
	size_t capgp;
	uint64_t *pstate; /* find_hits: per pattern, phrase prefixes matched */
	size_t *plast;	  /* find_hits: per pattern, token of pstate */
	size_t capps1, capps2;
	int64_t *gw; /* per group: weight * 1000, at least 1 */
	size_t *gcnt;
	unsigned char *gcov;
	size_t ng, capg1, capg2, capg3;
	int64_t wmin;
	sfrag *fr;
	size_t nfr, capfr;
	buf stem;
	snip_span *out; /* spans being built (handed to the caller) */
	size_t nout, capout;
	/* find_near: per pattern the element looked for (SNIP_NOSCAN:
	 * none), the CJK keys, the candidates and the regions */
	uint32_t *scan;
	size_t capscan;
	const char **keys;
	size_t *klen;
	size_t nkeys, capk1, capk2;
	size_t *cand;
	size_t ncand, capcand;
	sreg *reg;
	size_t nreg, capreg;
	/* cache of code point classes (key cp + 1; 0: empty), kept between
	 * calls */
	uint32_t *clk;
	uint16_t *clv;
	size_t ncl, capcl;
	buf fold;
	int scan_all;
	size_t tokenized; /* bytes given to tok_run by this call */
	/* first bytes of the terms that may match an element (others get
	 * term id 0, which matches nothing) */
	unsigned char tfirst[256];
};

/* State of one tok_run. */
typedef struct srun {
	snip_ctx *c;
	const snip_pat *pats;
	const char *text;
	size_t len;    /* end of the bytes given to the tokenizer */
	size_t base;   /* their start (token offsets are from there) */
	unsigned maxpos; /* past the last position seen */
	size_t cb, cc; /* character cursor: byte cb is character cc */
	size_t stop_c; /* stop at a token starting past this character */
	int intern, bigrams;
	int guess; /* skip stemming what cannot match (see match_term) */
	snip_stem_fn stem;
	void *stemctx;
} srun;

/* Returns p grown to hold need items of size bytes (*cap updated), or NULL
 * (p untouched) on overflow or allocation failure. */
static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;
	void *q;

	if (need <= *cap)
		return p;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size)
			return NULL;
		n *= 2;
	}
	q = realloc(p, n * size);
	if (!q)
		return NULL;
	*cap = n;
	return q;
}

/* Grows array ptr (a variable) to hold need items: 0 or -1. */
#define GROW(ptr, cap, need)                                               \
	((need) <= (cap) ? 0                                               \
			 : grow_ptr((void *)&(ptr), &(cap), (need),        \
				    sizeof *(ptr)))

/* GROW's helper: pp points to the array pointer (read and written as a
 * void *, which has the same representation as any object pointer). */
static int
grow_ptr(void *pp, size_t *cap, size_t need, size_t size)
{
	void *p, *q;

	memcpy(&p, pp, sizeof p);
	q = grow(p, cap, need, size);
	if (!q)
		return -1;
	memcpy(pp, &q, sizeof q);
	return 0;
}

/* White space and control characters: what snip_flatten collapses. */
static int
is_space(uint32_t c)
{
	return c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Punctuation kept after a fragment's last word. */
static int
is_close(uint32_t c)
{
	switch (c) {
	case '.': case ',': case ';': case ':': case '!': case '?': case ')':
	case ']': case '}': case '"': case '\'': case '%':
	case 0x2019: case 0x201D: case 0xBB: case 0x203A: case 0x2026:
	case 0x3001: case 0x3002: case 0xFF0C: case 0xFF1B: case 0xFF1A:
	case 0xFF01: case 0xFF1F: case 0xFF09: case 0x300D: case 0x300F:
	case 0x3011: case 0x300B: case 0x3009:
		return 1;
	}
	return 0;
}

/* Punctuation kept before a fragment's first word. */
static int
is_open(uint32_t c)
{
	switch (c) {
	case '(': case '[': case '{': case '"': case '\'':
	case 0x2018: case 0x201C: case 0x201E: case 0xAB: case 0x2039:
	case 0xBF: case 0xA1: case 0xFF08: case 0x300C: case 0x300E:
	case 0x3010: case 0x300A: case 0x3008:
		return 1;
	}
	return 0;
}

/* The valid character ending at byte b (b > lo), or U8_INVALID; *k gets its
 * length.  A lead byte is always a character boundary, so stepping back
 * over a whole valid sequence keeps offsets on boundaries. */
static uint32_t
dec_prev(const char *s, size_t lo, size_t b, size_t *k)
{
	size_t n, l;

	for (n = 1; n <= 4 && n <= b - lo; n++) {
		if (((unsigned char)s[b - n] & 0xC0) == 0x80)
			continue;
		l = u8_seqlen((const unsigned char *)s + b - n, n);
		if (l != n)
			break;
		return u8_decode(s + b - n, n, k);
	}
	*k = 1;
	return U8_INVALID;
}

/* The byte offset n characters after byte b (or the end). */
static size_t
adv(const char *s, size_t len, size_t b, size_t n)
{
	size_t k;

	while (n > 0 && b < len) {
		if ((unsigned char)s[b] < 0x80)
			k = 1;
		else
			u8_decode(s + b, len - b, &k);
		b += k;
		n--;
	}
	return b;
}

/* 1 if s[a..b) holds anything but white space. */
static int
has_ink(const char *s, size_t a, size_t b)
{
	size_t k;

	while (a < b) {
		if (!is_space(u8_decode(s + a, b - a, &k)))
			return 1;
		a += k;
	}
	return 0;
}

/* A hash of s[0..n), eight bytes at a time. */
static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15u ^ n, w;
	size_t k;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9u;
		h ^= h >> 29;
	}
	if (n) {
		for (w = 0, k = 0; k < n; k++)
			w |= (uint64_t)(unsigned char)s[k] << (8 * k);
		h = (h ^ w) * 0xBF58476D1CE4E5B9u;
		h ^= h >> 29;
	}
	h *= 0x94D049BB133111EBu;
	return (uint32_t)(h >> 32);
}

/* u8_count(s, n), eight ASCII bytes at a time where it can. */
static size_t
nchars(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, c = 0, k;
	uint64_t w;

	while (i < n) {
		if (n - i >= 8) {
			memcpy(&w, u + i, 8);
			if (!(w & 0x8080808080808080u)) {
				i += 8;
				c += 8;
				continue;
			}
		}
		if (u[i] < 0x80) {
			i++;
		} else {
			k = u8_seqlen(u + i, n - i);
			i += k ? k : 1;
		}
		c++;
	}
	return c;
}

/* The character offset of byte b (a character boundary), moving the run's
 * cursor there.  Tokens come in text order except bigrams, which step back
 * a little inside their CJK run, so this is linear overall. */
static size_t
run_char(srun *r, size_t b)
{
	if (b >= r->cb)
		r->cc += nchars(r->text + r->cb, b - r->cb);
	else
		r->cc -= nchars(r->text + b, r->cb - b);
	r->cb = b;
	return r->cc;
}

static int
rehash(snip_ctx *c)
{
	size_t n = c->nslots ? c->nslots * 2 : 256, i, j, mask;
	sslot *s;

	if (n > SIZE_MAX / sizeof *s || n > (size_t)UINT32_MAX)
		return -1;
	s = calloc(n, sizeof *s);
	if (!s)
		return -1;
	mask = n - 1;
	for (i = 0; i < c->nterms; i++) {
		for (j = c->terms[i].hash & mask; s[j].gen == c->gen;
		     j = (j + 1) & mask)
			;
		s[j].gen = c->gen;
		s[j].id = (uint32_t)i;
	}
	free(c->slots);
	c->slots = s;
	c->nslots = n;
	return 0;
}

static int is_alnum(unsigned ch);

/* 0 if term s[0..n) cannot have the stem st[0..sn) when stems keep a
 * word's first two letters where those are ASCII (but for Porter's y/i:
 * "dying" -> "die"; see snip.h). */
static int
may_stem(const char *s, size_t n, const char *st, size_t sn)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] >= 0x80)
		return 1;
	if (s[0] != st[0])
		return 0;
	if (n < 2 || sn < 2 || !is_alnum(u[1]))
		return 1;
	return s[1] == st[1] || (st[1] == 'i' && s[1] == 'y');
}

/* Records which pattern elements the new term id (s[0..n)) matches. */
static int
match_term(srun *r, const char *s, size_t n, uint32_t id)
{
	snip_ctx *c = r->c;
	int stemmed = 0, hasstem = 0, ok;
	size_t e;
	uint32_t m;

	for (e = 0; e < c->ne; e++) {
		const snip_pat *p = &r->pats[c->epat[e]];
		uint32_t i = c->eidx[e];
		const char *pt = p->terms[i];
		size_t pl = c->elen[e];

		if (!pt)
			ok = 0;
		else if (p->prefix)
			ok = pl > 0 && n >= pl && !memcmp(s, pt, pl);
		else
			ok = n == pl && !memcmp(s, pt, pl);
		if (!ok && r->stem && p->stems && p->stems[i] &&
		    c->eslen[e] > 0 &&
		    (!r->guess || may_stem(s, n, p->stems[i], c->eslen[e]))) {
			if (!stemmed) {
				stemmed = 1;
				buf_reset(&c->stem);
				hasstem = r->stem(r->stemctx, s, n, &c->stem) ==
						  0 &&
					  !c->stem.err && c->stem.n > 0;
			}
			ok = hasstem && c->stem.n == c->eslen[e] &&
			     !memcmp(c->stem.p, p->stems[i], c->stem.n);
		}
		if (!ok || i >= SNIP_MAXPHRASE)
			continue;
		/* elements come pattern by pattern: the head entry is this
		 * pattern's if the term matched one of its elements before */
		m = c->terms[id].mhead;
		if (!m || c->m[m - 1].pat != c->epat[e]) {
			if (c->nm >= UINT32_MAX - 1 ||
			    GROW(c->m, c->capm, c->nm + 1))
				return -1;
			c->m[c->nm].mask = 0;
			c->m[c->nm].pat = c->epat[e];
			c->m[c->nm].next = m;
			m = c->terms[id].mhead = (uint32_t)++c->nm;
		}
		c->m[m - 1].mask |= (uint64_t)1 << i;
	}
	return 0;
}

/* Interns s[0..n) (matching it if new) into *id. */
static int
intern(srun *r, const char *s, size_t n, uint32_t *id)
{
	snip_ctx *c = r->c;
	uint32_t h = hash_bytes(s, n);
	size_t i, mask;
	sterm *t;

	if (c->nterms * 2 >= c->nslots && rehash(c) < 0)
		return -1;
	mask = c->nslots - 1;
	for (i = h & mask; c->slots[i].gen == c->gen; i = (i + 1) & mask) {
		t = &c->terms[c->slots[i].id];
		if (t->hash == h && t->len == n &&
		    !memcmp(c->arena.p + t->off, s, n)) {
			*id = c->slots[i].id;
			return 0;
		}
	}
	if (GROW(c->terms, c->capterms, c->nterms + 1))
		return -1;
	t = &c->terms[c->nterms];
	t->off = c->arena.n;
	t->len = n;
	t->hash = h;
	t->mhead = 0;
	buf_add(&c->arena, s, n);
	if (c->arena.err)
		return -1;
	c->slots[i].gen = c->gen;
	c->slots[i].id = (uint32_t)c->nterms;
	*id = (uint32_t)c->nterms++;
	return match_term(r, s, n, *id);
}

static int
on_token(void *arg, const tok_token *tt)
{
	srun *r = arg;
	snip_ctx *c = r->c;
	stok s;
	unsigned top;

	if (tt->start >= tt->end || tt->end > r->len - r->base)
		return 0; /* not a span of the text: ignore */
	s.start = r->base + tt->start;
	s.end = r->base + tt->end;
	s.cs = run_char(r, s.start);
	if (s.cs > r->stop_c)
		return SNIP_STOP;
	s.ce = s.cs + tt->nchars; /* a word holds no invalid byte */
	r->cb = s.end;
	r->cc = s.ce;
	top = tt->pos + ((tt->flags & TOK_F_CJK) && tt->nchars > 1
				 ? tt->nchars
				 : 1);
	if (top > r->maxpos)
		r->maxpos = top;
	s.sent = 0;
	s.pos = tt->pos;
	s.nchars = tt->nchars;
	s.flags = tt->flags;
	s.term = 0;
	if (r->intern && c->tfirst[(unsigned char)tt->term[0]] &&
	    intern(r, tt->term, tt->len, &s.term) < 0)
		return SNIP_NOMEM;
	if (!(tt->flags & TOK_F_BIGRAM)) {
		if (GROW(c->w, c->capw, c->nw + 1))
			return SNIP_NOMEM;
		c->w[c->nw++] = s;
	}
	if (r->bigrams && ((tt->flags & TOK_F_BIGRAM) ||
			   ((tt->flags & TOK_F_CJK) && tt->nchars == 2))) {
		if (GROW(c->bg, c->capbg, c->nbg + 1))
			return SNIP_NOMEM;
		c->bg[c->nbg++] = s;
	}
	return 0;
}

static int
cmp_pos(const void *a, const void *b)
{
	const stok *x = a, *y = b;

	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int
cmp_hit(const void *a, const void *b)
{
	const shit *x = a, *y = b;

	if (x->bs != y->bs)
		return x->bs < y->bs ? -1 : 1;
	return x->be < y->be ? -1 : x->be > y->be;
}

/* Sets each word's sentence start: the first word (of the text or of a
 * region), or a word after sentence-ending punctuation and white space,
 * CJK full stops, or a blank line. */
static void
mark_sentences(snip_ctx *c, const char *text)
{
	size_t k, a, b, n;
	uint32_t ch;
	int term, nl, start;

	for (k = 0; k < c->nw; k++) {
		if (k == 0 || (c->w[k].flags & SNIP_F_RSTART)) {
			c->w[k].sent = k;
			continue;
		}
		a = c->w[k - 1].end;
		b = c->w[k].start;
		term = nl = start = 0;
		while (a < b && !start) {
			ch = u8_decode(text + a, b - a, &n);
			a += n;
			if (ch == '.' || ch == '!' || ch == '?' || ch == 0x2026)
				term = 1;
			else if (ch == 0x3002 || ch == 0xFF01 || ch == 0xFF1F)
				start = 1;
			else if (ch == '\n' && ++nl >= 2)
				start = 1;
			else if (is_space(ch))
				start = term;
			else if (!is_close(ch))
				term = 0;
		}
		c->w[k].sent = start ? k : c->w[k - 1].sent;
	}
}

enum { KEY_START, KEY_CS, KEY_CE };

/* Number of words whose key (start byte, start or end character; each grows
 * with the word's index) is < x, or <= x when le is set. */
static size_t
words_below(const snip_ctx *c, int key, size_t x, int le)
{
	size_t lo = 0, hi = c->nw, mid, v;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		v = key == KEY_START ? c->w[mid].start
		    : key == KEY_CS  ? c->w[mid].cs
				     : c->w[mid].ce;
		if (v < x || (le && v == x))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Number of words with start <= b. */
static size_t
words_start_le(const snip_ctx *c, size_t b)
{
	return words_below(c, KEY_START, b, 1);
}

/* Index of the first word with cs >= x (nw if none). */
static size_t
word_cs_ge(const snip_ctx *c, size_t x)
{
	return words_below(c, KEY_CS, x, 0);
}

/* Number of words with ce <= x. */
static size_t
words_ce_le(const snip_ctx *c, size_t x)
{
	return words_below(c, KEY_CE, x, 1);
}

static int
add_hit(snip_ctx *c, const stok *a, const stok *z, size_t group)
{
	shit *h;

	if (GROW(c->hits, c->caphits, c->nhits + 1))
		return -1;
	h = &c->hits[c->nhits++];
	memset(h, 0, sizeof *h);
	h->bs = a->start;
	h->cs = a->cs;
	h->be = z->end > a->end ? z->end : a->end;
	h->ce = z->ce > a->ce ? z->ce : a->ce;
	h->group = group;
	return 0;
}

/* Finds the hits of the patterns in list L (words, or bigrams when bg) in
 * one pass, with the Shift-And algorithm: for each pattern, bit j of its
 * state is set when the tokens ending at the current one match elements
 * 0..j of the phrase at consecutive positions.  A token only updates the
 * patterns its term matches; a pattern whose state was last set at the
 * previous token (adjacent in position) continues, any other restarts. */
static int
find_hits(snip_ctx *c, const snip_pat *pats, const stok *L, size_t n, int bg)
{
	size_t k, p, np;
	uint32_t m;
	uint64_t d, top;
	unsigned long long want;
	int adj;

	for (k = 0; k < n; k++) {
		adj = 0;
		if (k > 0) {
			want = (unsigned long long)L[k - 1].pos + 1;
			if (!bg && (L[k - 1].flags & TOK_F_CJK) &&
			    L[k - 1].nchars > 1)
				want += L[k - 1].nchars - 1;
			adj = L[k].pos == want;
		}
		for (m = c->terms[L[k].term].mhead; m; m = c->m[m - 1].next) {
			p = c->m[m - 1].pat;
			if (!pats[p].bigram != !bg)
				continue;
			d = c->plast[p] == k - 1 && adj ? c->pstate[p] : 0;
			d = ((d << 1) | 1) & c->m[m - 1].mask;
			c->pstate[p] = d;
			c->plast[p] = k;
			np = pats[p].n < SNIP_MAXPHRASE ? pats[p].n
							: SNIP_MAXPHRASE;
			top = (uint64_t)1 << (np - 1);
			if ((d & top) &&
			    add_hit(c, &L[k + 1 - np], &L[k], c->pgroup[p]) < 0)
				return -1;
		}
	}
	return 0;
}

/* Clears the phrase states before find_hits walks a list. */
static void
find_reset(snip_ctx *c, size_t npats)
{
	size_t p;

	for (p = 0; p < npats; p++) {
		c->pstate[p] = 0;
		c->plast[p] = SNIP_NONE - 1;
	}
}

/* Widens each hit to whole words and finds its sentence start. */
static void
widen_hits(snip_ctx *c)
{
	size_t i, k;
	shit *h;
	const stok *w;

	for (i = 0; i < c->nhits; i++) {
		h = &c->hits[i];
		h->wbs = h->bs;
		h->wcs = h->cs;
		h->wbe = h->be;
		h->wce = h->ce;
		h->scs = SNIP_NONE;
		h->sbs = 0;
		k = words_start_le(c, h->bs);
		if (k) {
			w = &c->w[k - 1];
			if (w->end > h->bs) {
				h->wbs = w->start;
				h->wcs = w->cs;
			}
			h->scs = c->w[w->sent].cs;
			h->sbs = c->w[w->sent].start;
		}
		k = words_start_le(c, h->be - 1);
		if (k) {
			w = &c->w[k - 1];
			if (w->end >= h->be) {
				h->wbe = w->end;
				h->wce = w->ce;
			}
		}
	}
}

static int
merge_hits(snip_ctx *c)
{
	size_t i;

	c->nmg = 0;
	for (i = 0; i < c->nhits; i++) {
		if (c->nmg && c->hits[i].bs <= c->mg[c->nmg - 1].be) {
			if (c->hits[i].be > c->mg[c->nmg - 1].be)
				c->mg[c->nmg - 1].be = c->hits[i].be;
			continue;
		}
		if (GROW(c->mg, c->capmg, c->nmg + 1))
			return -1;
		c->mg[c->nmg].bs = c->hits[i].bs;
		c->mg[c->nmg].be = c->hits[i].be;
		c->nmg++;
	}
	return 0;
}

typedef struct sbest {
	size_t i, j;
	int64_t score, neww;
	int found;
} sbest;

/* The best window of L characters: anchored at a hit, holding the hits
 * that end within L characters of the anchor's start, never overlapping a
 * chosen fragment core (c->fr, sorted).  In multi mode an anchor whose own
 * words are longer than L is skipped. */
static void
best_window(snip_ctx *c, size_t L, int multi, sbest *b)
{
	const shit *H = c->hits, *h;
	size_t nh = c->nhits, i, j = 0, q = 0, nin = 0, nd = 0, g, prevend,
	       nextstart, lim, maxend;
	int64_t sumw = 0, s;
	int valid;

	memset(c->gcnt, 0, c->ng * sizeof *c->gcnt);
	b->found = 0;
	for (i = 0; i < nh; i++) {
		h = &H[i];
		if (j < i)
			j = i;
		while (q < c->nfr && c->fr[q].ce <= h->wcs)
			q++;
		prevend = q ? c->fr[q - 1].ce : 0;
		nextstart = q < c->nfr ? c->fr[q].cs : SNIP_NONE;
		valid = h->wcs >= prevend && h->wce <= nextstart;
		if (valid && multi && h->wce - h->wcs > L)
			valid = 0;
		if (valid) {
			lim = h->wcs + L < h->wcs ? SNIP_NONE : h->wcs + L;
			if (lim > nextstart)
				lim = nextstart;
			while (j < nh && (H[j].wce <= lim || j == i)) {
				g = H[j].group;
				if (c->gcnt[g]++ == 0 && !c->gcov[g]) {
					sumw += c->gw[g];
					nd++;
				}
				nin++;
				j++;
			}
			s = sumw * 1000;
			s += (int64_t)(nin - nd < SNIP_MAXREP ? nin - nd
							       : SNIP_MAXREP) *
			     c->wmin;
			maxend = H[j - 1].wce > h->wce ? H[j - 1].wce : h->wce;
			if (h->scs != SNIP_NONE && h->scs >= prevend &&
			    maxend - h->scs <= L)
				s += SNIP_BONUS * c->wmin;
			if (!b->found || s > b->score) {
				b->found = 1;
				b->score = s;
				b->neww = sumw;
				b->i = i;
				b->j = j;
			}
		}
		if (i < j) {
			g = H[i].group;
			if (--c->gcnt[g] == 0 && !c->gcov[g]) {
				sumw -= c->gw[g];
				nd--;
			}
			nin--;
		}
	}
}

/* Adds the core of hits [i, j) to the fragments, keeping them sorted. */
static int
add_core(snip_ctx *c, size_t i, size_t j)
{
	sfrag f;
	size_t k;

	memset(&f, 0, sizeof f);
	f.cs = c->hits[i].wcs;
	f.bs = c->hits[i].wbs;
	f.ce = c->hits[i].wce;
	f.be = c->hits[i].wbe;
	for (k = i + 1; k < j; k++) {
		if (c->hits[k].wce > f.ce) {
			f.ce = c->hits[k].wce;
			f.be = c->hits[k].wbe;
		}
	}
	f.scs = c->hits[i].scs;
	f.sbs = c->hits[i].sbs;
	f.anchor = i;
	if (GROW(c->fr, c->capfr, c->nfr + 1))
		return -1;
	for (k = c->nfr; k > 0 && c->fr[k - 1].cs > f.cs; k--)
		c->fr[k] = c->fr[k - 1];
	c->fr[k] = f;
	c->nfr++;
	return 0;
}

/* Extends fragment f with up to e characters of context within [lo, hi). */
static void
frag_extend(const snip_ctx *c, const char *text, size_t tlen, sfrag *f,
	    spos lo, spos hi, size_t e)
{
	size_t cl = f->ce - f->cs, roomb = f->cs - lo.c, rooma = hi.c - f->ce;
	size_t before, after, sp, ep, k, n, kb;
	spos S, E;
	uint32_t ch;

	if (f->scs != SNIP_NONE && f->scs >= lo.c && f->scs <= f->cs &&
	    f->cs - f->scs <= e)
		before = f->cs - f->scs;
	else
		before = e / 2;
	if (before > roomb)
		before = roomb;
	after = e - before;
	if (after > rooma)
		after = rooma;
	before = e - after;
	if (before > roomb)
		before = roomb;
	sp = f->cs - before;

	/* Start: the earliest sentence start in reach, else a word start. */
	S.b = f->bs;
	S.c = f->cs;
	if (sp == lo.c) {
		S = lo;
	} else {
		k = word_cs_ge(c, sp);
		for (n = k; n < c->nw && c->w[n].cs <= f->cs; n++)
			if (c->w[n].sent == n)
				break;
		if (n < c->nw && c->w[n].cs <= f->cs)
			k = n;
		if (k < c->nw && c->w[k].cs <= f->cs) {
			S.b = c->w[k].start;
			S.c = c->w[k].cs;
		}
	}

	/* End: what is left of e after the start, at a word end. */
	after = e - (f->cs - S.c);
	if (after > rooma)
		after = rooma;
	ep = f->ce + after;
	E.b = f->be;
	E.c = f->ce;
	if (ep == hi.c) {
		E = hi;
	} else {
		n = words_ce_le(c, ep);
		/* rather end a sentence, if that loses little context */
		for (k = n; k > 0 && c->w[k - 1].ce >= f->ce &&
			    ep - c->w[k - 1].ce <= after / 3;
		     k--) {
			if (k < c->nw && c->w[k].sent == k) {
				n = k;
				break;
			}
		}
		if (n && c->w[n - 1].ce >= f->ce) {
			E.b = c->w[n - 1].end;
			E.c = c->w[n - 1].ce;
		}
		while (E.c < ep && E.b < tlen) {
			ch = u8_decode(text + E.b, tlen - E.b, &kb);
			if (!is_close(ch))
				break;
			E.b += kb;
			E.c++;
		}
	}

	/* Budget left (the end reached hi): more before, from a sentence
	 * start if one is in reach; a fragment that starts a sentence stays
	 * so unless much is left. */
	if (E.c - S.c < cl + e && S.c > lo.c) {
		sp = cl + e - (E.c - S.c);
		sp = S.c - lo.c > sp ? S.c - sp : lo.c;
		if (sp == lo.c) {
			S = lo;
		} else {
			k = word_cs_ge(c, sp);
			for (n = k; n < c->nw && c->w[n].cs < S.c; n++)
				if (c->w[n].sent == n)
					break;
			if (n < c->nw && c->w[n].cs < S.c)
				k = n;
			else if ((S.c - sp) * 4 < cl + e &&
				 (n = word_cs_ge(c, S.c)) < c->nw &&
				 c->w[n].cs == S.c && c->w[n].sent == n)
				k = c->nw; /* little left: keep the sentence */
			if (k < c->nw && c->w[k].cs < S.c) {
				S.b = c->w[k].start;
				S.c = c->w[k].cs;
			}
		}
	}

	/* Opening punctuation just before the start, if it fits. */
	while (S.c > lo.c && E.c - S.c < cl + e) {
		ch = dec_prev(text, lo.b, S.b, &kb);
		if (!is_open(ch))
			break;
		S.b -= kb;
		S.c--;
	}
	f->S = S;
	f->E = E;
}

/* Appends a span, joining it to the previous one when both are text. */
static int
put_span(snip_ctx *c, size_t s, size_t e, int kind)
{
	snip_span *p;

	if (kind != SNIP_GAP && s >= e)
		return 0;
	if (c->nout) {
		p = &c->out[c->nout - 1];
		if (kind == SNIP_TEXT && p->kind == SNIP_TEXT && p->end == s) {
			p->end = e;
			return 0;
		}
		if (kind == SNIP_GAP && p->kind == SNIP_GAP)
			return 0;
	}
	if (GROW(c->out, c->capout, c->nout + 1))
		return -1;
	c->out[c->nout].start = s;
	c->out[c->nout].end = e;
	c->out[c->nout].kind = kind;
	c->nout++;
	return 0;
}

/* Appends text[s..e) as text and hit spans; *hp walks the merged hits. */
static int
put_range(snip_ctx *c, size_t s, size_t e, size_t *hp)
{
	const srange *r;

	while (*hp < c->nmg && c->mg[*hp].be <= s)
		(*hp)++;
	while (*hp < c->nmg && c->mg[*hp].bs < e) {
		r = &c->mg[*hp];
		if (r->bs > s && put_span(c, s, r->bs, SNIP_TEXT) < 0)
			return -1;
		if (r->bs > s)
			s = r->bs;
		if (put_span(c, s, r->be < e ? r->be : e, SNIP_HIT) < 0)
			return -1;
		s = r->be < e ? r->be : e;
		if (r->be > e)
			break;
		(*hp)++;
	}
	return put_span(c, s, e, SNIP_TEXT);
}

/* The snippet without hits: the text's beginning (after white space) up
 * to maxchars characters, cut after a word. */
static int
put_beginning(snip_ctx *c, const char *text, size_t len, size_t elen,
	      spos S, size_t maxchars, size_t hp)
{
	spos E;
	size_t ep = S.c + maxchars, n, kb;
	uint32_t ch;

	if (ep < S.c)
		ep = SNIP_NONE;
	n = words_ce_le(c, ep);
	if (n && c->w[n - 1].cs >= S.c) {
		E.b = c->w[n - 1].end;
		E.c = c->w[n - 1].ce;
		while (E.c < ep && E.b < elen) {
			ch = u8_decode(text + E.b, elen - E.b, &kb);
			if (!is_close(ch))
				break;
			E.b += kb;
			E.c++;
		}
	} else {
		E.b = adv(text, len, S.b, maxchars);
	}
	if (put_range(c, S.b, E.b, &hp) < 0)
		return -1;
	if (E.b < len && has_ink(text, E.b, len) &&
	    put_span(c, E.b, E.b, SNIP_GAP) < 0)
		return -1;
	return 0;
}

static int
cmp_gp(const void *a, const void *b)
{
	const sgp *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return x->pat < y->pat ? -1 : x->pat > y->pat;
}

/* Prepares the per-call pattern tables: the elements of every non-empty
 * pattern, and groups numbered 0..ng-1 with their weights. */
static int
prepare(snip_ctx *c, const snip_pat *pats, size_t npats)
{
	size_t p, i, ngp = 0;
	const snip_pat *pt;
	double w;
	int64_t gi;

	c->ne = c->ng = 0;
	c->wmin = 1;
	if (!npats)
		return 0;
	if (GROW(c->ebase, c->capp1, npats) ||
	    GROW(c->pgroup, c->capp2, npats) || GROW(c->gp, c->capgp, npats) ||
	    GROW(c->pstate, c->capps1, npats) ||
	    GROW(c->plast, c->capps2, npats))
		return -1;
	for (p = 0; p < npats; p++) {
		pt = &pats[p];
		c->ebase[p] = SNIP_NONE;
		c->pgroup[p] = 0;
		if (!pt->n || !pt->terms)
			continue;
		if (pt->n > UINT32_MAX || c->ne + pt->n > UINT32_MAX - 1)
			return -1;
		if (GROW(c->epat, c->cape1, c->ne + pt->n) ||
		    GROW(c->eidx, c->cape2, c->ne + pt->n) ||
		    GROW(c->elen, c->cape3, c->ne + pt->n) ||
		    GROW(c->eslen, c->cape4, c->ne + pt->n))
			return -1;
		c->ebase[p] = c->ne;
		for (i = 0; i < pt->n; i++) {
			c->epat[c->ne] = (uint32_t)p;
			c->eidx[c->ne] = (uint32_t)i;
			c->elen[c->ne] =
				pt->terms[i] ? strlen(pt->terms[i]) : 0;
			c->eslen[c->ne] = pt->stems && pt->stems[i]
						  ? strlen(pt->stems[i])
						  : 0;
			c->ne++;
		}
		c->gp[ngp].group = pt->group;
		c->gp[ngp].pat = p;
		ngp++;
	}
	if (!ngp)
		return 0;
	qsort(c->gp, ngp, sizeof *c->gp, cmp_gp);
	if (GROW(c->gw, c->capg1, ngp) || GROW(c->gcnt, c->capg2, ngp) ||
	    GROW(c->gcov, c->capg3, ngp))
		return -1;
	for (i = 0; i < ngp; i++) {
		if (i == 0 || c->gp[i].group != c->gp[i - 1].group)
			c->gw[c->ng++] = 0;
		p = c->gp[i].pat;
		c->pgroup[p] = c->ng - 1;
		/* a weight that is not positive (or NaN) still beats no hit */
		w = pats[p].weight;
		if (!(w > 0.0))
			w = 0.01;
		if (w > 1e6)
			w = 1e6;
		gi = (int64_t)(w * 1000.0 + 0.5);
		if (gi < 1)
			gi = 1;
		if (gi > c->gw[c->ng - 1])
			c->gw[c->ng - 1] = gi;
	}
	c->wmin = c->gw[0];
	for (i = 1; i < c->ng; i++)
		if (c->gw[i] < c->wmin)
			c->wmin = c->gw[i];
	return 0;
}

/* Sets c->tfirst from the elements (see match_term: a term can match
 * only if it starts as a term or, through may_stem, as a stem does) and
 * makes term id 0, which matches nothing.  Returns 0 or -1. */
static int
first_bytes(snip_ctx *c, const snip_pat *pats, const srun *r)
{
	size_t e;
	const snip_pat *p;
	uint32_t i;

	memset(c->tfirst, 0, sizeof c->tfirst);
	for (e = 0; e < c->ne; e++) {
		p = &pats[c->epat[e]];
		i = c->eidx[e];
		if (p->terms[i] && c->elen[e])
			c->tfirst[(unsigned char)p->terms[i][0]] = 1;
		if (r->stem && p->stems && p->stems[i] && c->eslen[e]) {
			if (!r->guess) {
				memset(c->tfirst, 1, sizeof c->tfirst);
				break;
			}
			c->tfirst[(unsigned char)p->stems[i][0]] = 1;
			memset(c->tfirst + 0x80, 1, 0x80);
		}
	}
	if (GROW(c->terms, c->capterms, 1))
		return -1;
	memset(&c->terms[0], 0, sizeof c->terms[0]);
	c->nterms = 1;
	return 0;
}

/* Empties the per-call state, keeping the memory (but a term table far
 * larger than the last call needed, which would cost cache misses). */
static void
ctx_reset(snip_ctx *c)
{
	if (c->nslots > 1024 && c->nslots > 16 * c->nterms) {
		free(c->slots);
		c->slots = NULL;
		c->nslots = 0;
	}
	c->nw = c->nbg = c->nterms = c->nm = c->nhits = c->nmg = 0;
	c->nfr = c->nout = c->ne = c->ng = c->tokenized = 0;
	buf_reset(&c->arena);
	if (++c->gen == 0) {
		if (c->slots)
			memset(c->slots, 0, c->nslots * sizeof *c->slots);
		c->gen = 1;
	}
}

/* The first character of text that is not white space. */
static spos
skip_space(const char *text, size_t len)
{
	spos s = {0, 0};
	size_t k;

	while (s.b < len && is_space(u8_decode(text + s.b, len - s.b, &k))) {
		s.b += k;
		s.c++;
	}
	return s;
}

/* Chooses the fragment cores: one window of maxchars, or greedy smaller
 * windows when together they show more pattern groups. */
static int
choose(snip_ctx *c, size_t maxchars, size_t maxfrags)
{
	sbest b1, b;
	size_t i, r, lf;
	int64_t allw = 0, tot = 0;

	memset(c->gcov, 0, c->ng);
	for (i = 0; i < c->nhits; i++) {
		if (!c->gcov[c->hits[i].group]) {
			c->gcov[c->hits[i].group] = 1;
			allw += c->gw[c->hits[i].group];
		}
	}
	memset(c->gcov, 0, c->ng);
	c->nfr = 0;
	best_window(c, maxchars, 0, &b1);
	if (maxfrags > maxchars)
		maxfrags = maxchars; /* fragments of one character at least */
	if (b1.neww < allw && maxfrags > 1) {
		lf = maxchars / maxfrags;
		for (r = 0; r < maxfrags; r++) {
			best_window(c, lf, 1, &b);
			if (!b.found || b.neww == 0)
				break;
			if (add_core(c, b.i, b.j) < 0)
				return -1;
			for (i = b.i; i < b.j; i++)
				c->gcov[c->hits[i].group] = 1;
			tot += b.neww;
		}
		if (tot > b1.neww)
			return 0;
		c->nfr = 0;
	}
	return add_core(c, b1.i, b1.j);
}

/* A core longer than maxchars (one huge word or phrase): as much of it as
 * fits, from its start. */
static void
frag_overlong(snip_ctx *c, const char *text, size_t elen, size_t maxchars,
	      const shit *h)
{
	sfrag *f = &c->fr[0];
	size_t ep, n;

	if (h->ce - h->wcs <= maxchars) {
		f->S.b = h->wbs;
		f->S.c = h->wcs;
	} else {
		f->S.b = h->bs;
		f->S.c = h->cs;
	}
	ep = f->S.c + maxchars;
	n = words_ce_le(c, ep);
	if (n && c->w[n - 1].ce >= h->ce && c->w[n - 1].cs >= f->S.c) {
		f->E.b = c->w[n - 1].end;
		f->E.c = c->w[n - 1].ce;
	} else {
		f->E.b = adv(text, elen, f->S.b, maxchars);
		f->E.c = f->S.c + u8_count(text + f->S.b, f->E.b - f->S.b);
	}
}

/* Emits the fragments with gaps where text was left out. */
static int
put_frags(snip_ctx *c, const char *text, size_t len, size_t maxchars)
{
	size_t f, m = 0, total = 0, left, n, hp = 0;
	sfrag *fr = c->fr;

	for (f = 0; f < c->nfr; f++) {
		if (m && fr[f].S.b <= fr[m - 1].E.b) {
			if (fr[f].E.b > fr[m - 1].E.b)
				fr[m - 1].E = fr[f].E;
			continue;
		}
		fr[m++] = fr[f];
	}
	c->nfr = m;
	for (f = 0; f < m; f++)
		total += fr[f].E.c - fr[f].S.c;
	left = maxchars > total ? maxchars - total : 0;
	if (fr[0].S.b > 0 && has_ink(text, 0, fr[0].S.b) &&
	    put_span(c, fr[0].S.b, fr[0].S.b, SNIP_GAP) < 0)
		return -1;
	for (f = 0; f < m; f++) {
		if (f) {
			/* white space alone between two fragments is kept
			 * when it fits: it would not be a cut */
			n = fr[f].S.c - fr[f - 1].E.c;
			if (n <= left &&
			    !has_ink(text, fr[f - 1].E.b, fr[f].S.b)) {
				left -= n;
				if (put_range(c, fr[f - 1].E.b, fr[f].S.b,
					      &hp) < 0)
					return -1;
			} else if (put_span(c, fr[f].S.b, fr[f].S.b,
					    SNIP_GAP) < 0) {
				return -1;
			}
		}
		if (put_range(c, fr[f].S.b, fr[f].E.b, &hp) < 0)
			return -1;
	}
	if (fr[m - 1].E.b < len && has_ink(text, fr[m - 1].E.b, len) &&
	    put_span(c, fr[m - 1].E.b, fr[m - 1].E.b, SNIP_GAP) < 0)
		return -1;
	return 0;
}

snip_ctx *
snip_ctx_new(void)
{
	snip_ctx *c = calloc(1, sizeof *c);

	if (c)
		c->gen = 1;
	return c;
}

void
snip_ctx_free(snip_ctx *c)
{
	if (!c)
		return;
	free(c->w);
	free(c->bg);
	free(c->terms);
	free(c->slots);
	buf_free(&c->arena);
	free(c->m);
	free(c->hits);
	free(c->mg);
	free(c->epat);
	free(c->eidx);
	free(c->elen);
	free(c->eslen);
	free(c->ebase);
	free(c->pgroup);
	free(c->gp);
	free(c->pstate);
	free(c->plast);
	free(c->gw);
	free(c->gcnt);
	free(c->gcov);
	free(c->fr);
	buf_free(&c->stem);
	free(c->out);
	free(c->scan);
	free(c->keys);
	free(c->klen);
	free(c->cand);
	free(c->reg);
	free(c->clk);
	free(c->clv);
	buf_free(&c->fold);
	free(c);
}

/* After tokenizing up to elen (< len: the cap), drops the word cut there,
 * which may be longer (and its bigrams), from words w0 and bigrams g0 on;
 * then puts the bigrams in order of position. */
static void
end_tokens(snip_ctx *c, size_t w0, size_t g0, size_t elen, size_t len)
{
	size_t i, n;
	int sorted = 1;

	if (elen < len) {
		while (c->nw > w0 && c->w[c->nw - 1].end >= elen)
			c->nw--;
		for (i = n = g0; i < c->nbg; i++)
			if (c->bg[i].end < elen)
				c->bg[n++] = c->bg[i];
		c->nbg = n;
	}
	for (i = 1; i < c->nbg && sorted; i++)
		sorted = c->bg[i - 1].pos <= c->bg[i].pos;
	if (!sorted)
		qsort(c->bg, c->nbg, sizeof *c->bg, cmp_pos);
}

/* Finds the hits in the tokens (sorted, merged): 0 or -1. */
static int
all_hits(snip_ctx *c, const snip_pat *pats, size_t npats)
{
	size_t f;

	find_reset(c, npats);
	if (find_hits(c, pats, c->w, c->nw, 0) < 0)
		return -1;
	find_reset(c, npats);
	if (find_hits(c, pats, c->bg, c->nbg, 1) < 0)
		return -1;
	for (f = 1; f < c->nhits; f++)
		if (cmp_hit(&c->hits[f - 1], &c->hits[f]) > 0)
			break;
	if (f < c->nhits) /* bigram hits, or phrases ending together */
		qsort(c->hits, c->nhits, sizeof *c->hits, cmp_hit);
	return merge_hits(c);
}

void
snip_ctx_scan_all(snip_ctx *c, int on)
{
	if (c)
		c->scan_all = on != 0;
}

size_t
snip_ctx_tokenized(const snip_ctx *c)
{
	return c ? c->tokenized : 0;
}

/* ---- finding the hits near raw-text candidates ----
 *
 * find_near scans the raw bytes once for candidates: places where a
 * pattern may match.  Each pattern is looked for by one element (the
 * longest, for a phrase).  An ASCII element is looked for among the runs
 * of ASCII letters and digits that start with its first letter or its
 * stem's: each such run is interned (so matched with the stem callback,
 * once per distinct run) and is a candidate when it matches, or when the
 * character after it may join it into a longer word that reads otherwise
 * (a letter, a mark, a format character; with connect, also . ' : , ; _).
 * A word the tokenizer makes starts with such a run unless it starts with
 * a non-ASCII character, and those are candidates when they fold (accents
 * removed) to an ASCII letter that is looked for.  A CJK element is looked
 * for by its bytes, and characters that fold to other CJK characters, or
 * continue a CJK word (marks, format characters after a CJK character),
 * are candidates too.
 *
 * Around each candidate, a region: the white-space-delimited word, then
 * at least maxchars and a margin more characters before it, and a margin
 * after it, cut at white space or CJK punctuation (see is_brk,
 * region_start) so that the tokenizer
 * reads the region's words as it reads them in the whole text.  Regions
 * that touch merge.  Each region is tokenized on its own, with exact
 * character offsets and positions that leave a gap (so no phrase matches
 * across regions); the hits come from those tokens.  Then checks that make
 * the snippet the one the whole text would give: no phrase can reach past
 * a region's edge (enough words lie between the candidates and the edge),
 * and every hit lies more than maxchars characters after its region's
 * first word (so its sentence start, if in reach, and its fragment's
 * context before it are inside the region), unless the region starts the
 * text.  If a check fails, the whole text is tokenized after all.  The
 * windows are chosen from the hits alone; then each chosen fragment's
 * region is extended (extend_after) to hold maxchars characters after it,
 * tokenizing up to the next region, which it then joins. */

/* Bytes for the pre-scan: 1 ASCII letter or digit, 2 not ASCII. */
#define A1 1, 1, 1, 1, 1, 1, 1, 1
#define A2 2, 2, 2, 2, 2, 2, 2, 2
static const unsigned char btab[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	A1, 1, 1, 0, 0, 0, 0, 0, 0,		   /* 0-9 */
	0, A1, A1, A1, 1, 1, 0, 0, 0, 0, 0,	   /* A-Z */
	0, A1, A1, A1, 1, 1, 0, 0, 0, 0, 0,	   /* a-z */
	A2, A2, A2, A2, A2, A2, A2, A2, A2, A2, A2, A2, A2, A2, A2, A2,
};
#undef A1
#undef A2

static int
is_alnum(unsigned ch)
{
	return btab[ch & 0xFF] == 1;
}

static unsigned
lower(unsigned ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
}

/* ASCII white space: a word never holds it, and the tokenizer breaks
 * words on both sides of it. */
static int
is_ws(unsigned ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* Writes code point cp as UTF-8 into s: its length. */
static size_t
enc(uint32_t cp, char *s)
{
	if (cp < 0x80) {
		s[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	s[0] = (char)(0xF0 | (cp >> 18));
	s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	s[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The first ASCII letter or digit of s[0..n), lowercased, or 0. */
static unsigned
first_alnum(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is_alnum((unsigned char)s[i]))
			return lower((unsigned char)s[i]);
	return 0;
}

/* 1 if the character s[0..k) is Han, Hiragana or Katakana, or the
 * prolonged sound mark (U+30FC, as in タワー): all without case. */
static int
is_cjkish(const char *s, size_t k)
{
	return tok_is_cjk(s, k) || (k == 3 && !memcmp(s, "\xE3\x83\xBC", 3));
}

/* 1 if s[0..n) is not empty and all is_cjkish. */
static int
all_cjk(const char *s, size_t n)
{
	size_t i = 0, k;

	if (!n)
		return 0;
	while (i < n) {
		k = u8_seqlen((const unsigned char *)s + i, n - i);
		if (!k || !is_cjkish(s + i, k))
			return 0;
		i += k;
	}
	return 1;
}

typedef struct sjoin {
	size_t n, s, e; /* words; the first one's span */
} sjoin;

static int
on_join(void *arg, const tok_token *tt)
{
	sjoin *j = arg;

	if (!(tt->flags & TOK_F_BIGRAM) && j->n++ == 0) {
		j->s = tt->start;
		j->e = tt->end;
	}
	return 0;
}

/* 1 if the tokenizer reads pre[0..np) followed by s[0..n) as one word
 * (or fails). */
static int
joins(tok *t, const char *pre, size_t np, const char *s, size_t n)
{
	char b[16];
	sjoin j = {0, 0, 0};

	memcpy(b, pre, np);
	memcpy(b + np, s, n);
	if (tok_run(t, b, np + n, 0, 0, on_join, &j, NULL) != 0)
		return 1;
	return j.n == 1 && j.s == 0 && j.e == np + n;
}

/* The class of code point cp (CL_* bits), from the tokenizer's own
 * normalization and word breaks. */
static unsigned
classify(tok *t, buf *f, uint32_t cp)
{
	char s[4], u[TOK_MAXTERM + 1];
	size_t n = enc(cp, s), k, i;
	unsigned cl = 0, a, b;

	buf_reset(f);
	if (tok_fold(t, s, n, f) < 0 || f->err)
		return CL_ALNUM | CL_JOIN | CL_EXT | CL_CJK; /* anything */
	a = first_alnum(f->p, f->n);
	if (f->n <= TOK_MAXTERM &&
	    (k = tok_unaccent(t, f->p, f->n, u, sizeof u)) > 0 &&
	    (b = first_alnum(u, k)) != 0)
		a = b;
	if (a)
		cl |= CL_ALNUM | a;
	if (is_cjkish(s, n))
		cl |= CL_HAN;
	if (f->n != n || memcmp(f->p, s, n)) {
		for (i = 0; i < f->n; i += k) {
			k = u8_seqlen((const unsigned char *)f->p + i,
				      f->n - i);
			if (!k)
				k = 1;
			else if (is_cjkish(f->p + i, k))
				cl |= CL_CJK;
		}
	}
	if (joins(t, "x", 1, s, n))
		cl |= CL_JOIN;
	if (joins(t, "\xE4\xB8\xAD", 3, s, n)) /* 中 */
		cl |= CL_EXT;
	return cl;
}

/* The class of cp, through the context's cache. */
static unsigned
cp_class(snip_ctx *c, tok *t, uint32_t cp)
{
	size_t i, j, mask, n;
	uint32_t *k;
	uint16_t *v;
	unsigned cl;

	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA))
		return CL_HAN; /* Han, kana: fold to themselves, never join
				* an ASCII word */
	if (c->ncl * 2 >= c->capcl) {
		n = c->capcl ? c->capcl * 2 : 256;
		if (n > CL_MAX) {
			/* full: start again */
			memset(c->clk, 0, c->capcl * sizeof *c->clk);
			c->ncl = 0;
		} else if ((k = calloc(n, sizeof *k)) != NULL &&
			   (v = malloc(n * sizeof *v)) != NULL) {
			for (i = 0; i < c->capcl; i++) {
				if (!c->clk[i])
					continue;
				for (j = (c->clk[i] * 2654435761u) & (n - 1);
				     k[j]; j = (j + 1) & (n - 1))
					;
				k[j] = c->clk[i];
				v[j] = c->clv[i];
			}
			free(c->clk);
			free(c->clv);
			c->clk = k;
			c->clv = v;
			c->capcl = n;
		} else {
			free(k);
			return classify(t, &c->fold, cp);
		}
	}
	mask = c->capcl - 1;
	for (i = ((cp + 1) * 2654435761u) & mask; c->clk[i];
	     i = (i + 1) & mask)
		if (c->clk[i] == cp + 1)
			return c->clv[i];
	cl = classify(t, &c->fold, cp);
	c->clk[i] = cp + 1;
	c->clv[i] = (uint16_t)cl;
	c->ncl++;
	return cl;
}

/* The bit of ASCII letter or digit ch (lowercase) in splan.want2. */
static unsigned
bit2(unsigned ch)
{
	return ch >= 'a' ? ch - 'a' : 26 + (ch - '0');
}

/* Notes in pl that ASCII terms starting with a (lowercase) then b may
 * match (b 0: any second byte; not a letter or digit: none, only a
 * one-letter run, which is always checked). */
static void
want_pair(splan *pl, unsigned a, unsigned b)
{
	pl->want[a] = 1;
	if (!b)
		pl->want2[a] = UINT64_MAX;
	else if (is_alnum(b))
		pl->want2[a] |= (uint64_t)1 << bit2(lower(b));
}

/* Chooses the element each pattern is looked for by and fills pl.
 * Returns 0, 1 when some pattern cannot be looked for in the raw text
 * (then the whole text is tokenized), or -1 (out of memory). */
static int
plan_scan(snip_ctx *c, const snip_pat *pats, size_t npats,
	  snip_stem_fn stem, splan *pl)
{
	size_t p, j, np, e, kl, best, bestlen, i;
	const char *P, *S;
	size_t pl_, sl;
	int dead;

	memset(pl, 0, sizeof *pl);
	c->nkeys = 0;
	if (GROW(c->scan, c->capscan, npats))
		return -1;
	for (p = 0; p < npats; p++) {
		const snip_pat *pt = &pats[p];

		c->scan[p] = SNIP_NOSCAN;
		if (c->ebase[p] == SNIP_NONE)
			continue;
		np = pt->n < SNIP_MAXPHRASE ? pt->n : SNIP_MAXPHRASE;
		best = SNIP_NONE;
		bestlen = 0;
		dead = 0;
		for (j = 0; j < np; j++) {
			e = c->ebase[p] + j;
			P = c->elen[e] ? pt->terms[j] : NULL;
			S = stem && pt->stems && pt->stems[j] && c->eslen[e]
				    ? pt->stems[j]
				    : NULL;
			pl_ = c->elen[e];
			sl = S ? c->eslen[e] : 0;
			if (!P && !S) {
				dead = 1; /* matches nothing: nor does p */
				break;
			}
			if (pt->bigram) {
				if (S || !P || !all_cjk(P, pl_))
					continue;
				kl = pl_;
			} else if (P && is_alnum((unsigned char)P[0]) &&
				   (!S || is_alnum((unsigned char)S[0]))) {
				kl = pl_;
			} else if (!P && is_alnum((unsigned char)S[0])) {
				kl = sl;
			} else if (P && !S && all_cjk(P, pl_)) {
				kl = pl_;
			} else {
				continue;
			}
			if (best == SNIP_NONE || kl > bestlen) {
				best = j;
				bestlen = kl;
			}
		}
		if (dead)
			continue;
		if (best == SNIP_NONE)
			return 1;
		c->scan[p] = (uint32_t)best;
		e = c->ebase[p] + best;
		P = c->elen[e] ? pt->terms[best] : NULL;
		S = stem && pt->stems && pt->stems[best] && c->eslen[e]
			    ? pt->stems[best]
			    : NULL;
		if (pt->bigram || (P && !S && all_cjk(P, c->elen[e]))) {
			if (GROW(c->keys, c->capk1, c->nkeys + 1) ||
			    GROW(c->klen, c->capk2, c->nkeys + 1))
				return -1;
			c->keys[c->nkeys] = P;
			c->klen[c->nkeys++] = c->elen[e];
			pl->cjk = 1;
		} else {
			/* the runs that may match: P itself, a word starting
			 * with P, a word with stem S (see may_stem); a run of
			 * one letter is always checked */
			pl->ascii = 1;
			if (P && c->elen[e] >= 2)
				want_pair(pl, lower((unsigned char)P[0]),
					  (unsigned char)P[1]);
			else if (P)
				want_pair(pl, lower((unsigned char)P[0]),
					  pt->prefix ? 0 : 1);
			if (S && c->eslen[e] < 2)
				want_pair(pl, lower((unsigned char)S[0]), 0);
			else if (S)
				want_pair(pl, lower((unsigned char)S[0]),
					  (unsigned char)S[1]);
			if (S && S[1] == 'i')
				want_pair(pl, lower((unsigned char)S[0]), 'y');
			for (i = 0; P && i < c->elen[e]; i++)
				if (!is_alnum((unsigned char)P[i]))
					pl->connect = 1;
			for (i = 0; S && i < c->eslen[e]; i++)
				if (!is_alnum((unsigned char)S[i]))
					pl->connect = 1;
		}
		if (pt->n > 1 && pt->bigram && np > pl->nmb)
			pl->nmb = np;
		else if (pt->n > 1 && !pt->bigram && np > pl->nmw)
			pl->nmw = np;
	}
	pl->want[0] = (unsigned char)pl->ascii; /* CL_ALNUM, unknown letter */
	return 0;
}

/* Adds candidate b: 0, 1 (too many) or -1. */
static int
add_cand(snip_ctx *c, size_t b)
{
	if (c->ncand >= SNIP_MAXCAND)
		return 1;
	if (GROW(c->cand, c->capcand, c->ncand + 1))
		return -1;
	c->cand[c->ncand++] = b;
	return 0;
}

/* 1 if the run of ASCII letters and digits text[i..j) is a candidate:
 * it matches a looked-for element, or the character after it may make it
 * part of a longer word; 0; -1 (out of memory). */
static int
check_run(srun *r, tok *t, const splan *pl, const char *text, size_t elen,
	  size_t i, size_t j)
{
	snip_ctx *c = r->c;
	const unsigned char *u = (const unsigned char *)text;
	char w[TOK_MAXTERM];
	size_t n = j - i < TOK_MAXTERM ? j - i : TOK_MAXTERM, k;
	uint32_t id, m, s, cp;
	unsigned cl;

	for (k = 0; k < n; k++)
		w[k] = (char)lower(u[i + k]);
	if (intern(r, w, n, &id) < 0)
		return -1;
	for (m = c->terms[id].mhead; m; m = c->m[m - 1].next) {
		s = c->scan[c->m[m - 1].pat];
		if (s < SNIP_MAXPHRASE && ((c->m[m - 1].mask >> s) & 1))
			return 1;
	}
	if (j >= elen)
		return 0;
	if (u[j] < 0x80)
		return pl->connect &&
		       (u[j] == '_' ||
			(strchr(".':,;", u[j]) && j + 1 < elen &&
			 (is_alnum(u[j + 1]) || u[j + 1] >= 0x80)));
	cp = u8_decode(text + j, elen - j, &k);
	if (cp == U8_INVALID)
		return 0;
	cl = cp_class(c, t, cp);
	return (cl & (CL_JOIN | CL_ALNUM)) ||
	       (pl->connect && (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC));
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Handles the run of letters and digits at text[i..): returns its end, or
 * 0 with *rc set (1: too many candidates, -1: out of memory). */
static size_t
scan_run(srun *r, tok *t, const splan *pl, const char *text, size_t elen,
	 size_t i, int *rc)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t j;
	int k;

	for (j = i + 1; j < elen && btab[u[j]] == 1; j++)
		;
	/* the second letter counts unless a mark may follow and change it */
	if (!pl->want[u[i] | 0x20] ||
	    ((j - i >= 3 || (j - i == 2 && (j == elen || u[j] < 0x80))) &&
	     !((pl->want2[u[i] | 0x20] >> bit2(lower(u[i + 1]))) & 1)))
		return j;
	k = check_run(r, t, pl, text, elen, i, j);
	if (k > 0)
		k = add_cand(r->c, i);
	*rc = k;
	return k ? 0 : j;
}

/* Handles the non-ASCII character at text[*i..) (see prescan): moves *i
 * past it and updates *prev and *pcjk.  Returns 0, 1 (too many
 * candidates) or -1. */
static int
scan_char(snip_ctx *c, tok *t, const splan *pl, const char *text,
	  size_t elen, size_t *i, unsigned *prev, unsigned *pcjk)
{
	size_t k, at = *i;
	uint32_t cp = u8_decode(text + at, elen - at, &k);
	unsigned cl;
	int cand;

	*i += k;
	if (cp == U8_INVALID) {
		*prev = *pcjk = 0;
		return 0;
	}
	cl = cp_class(c, t, cp);
	cand = ((cl & CL_ALNUM) && pl->want[cl & 0xFF] &&
		(!*prev || (cl & CL_EXT))) ||
	       (pl->cjk && ((cl & CL_CJK) || ((cl & CL_EXT) && *pcjk)));
	if (!(cl & CL_EXT)) { /* a mark belongs to what it follows */
		*prev = (cl & CL_JOIN) != 0;
		*pcjk = (cl & (CL_HAN | CL_CJK)) != 0;
	}
	return cand ? add_cand(c, at) : 0;
}

/* Finds the candidates in text[0..elen), sorted: 0, 1 (too many) or -1.
 * Only the start of a word matters (see find_near): a run of ASCII letters
 * and digits, or a character that folds to an ASCII one, right after a
 * letter (an ASCII one, or one that continues a word, CL_JOIN, as letters
 * do on both sides) is inside a word that started before it; a mark or a
 * format character (CL_EXT) belongs to what it follows.  With SSE2, most
 * of the text is passed over sixteen bytes at a time, stopping only at
 * runs that start with a letter looked for, and at non-ASCII bytes. */
static int
prescan(srun *r, tok *t, const splan *pl, const char *text, size_t elen)
{
	snip_ctx *c = r->c;
	const unsigned char *u = (const unsigned char *)text;
	const char *q, *end = text + elen;
	size_t i = 0, j, k, n;
	int rc = 0;
	unsigned prev = 0; /* the character before i is a letter */
	unsigned pcjk = 0; /* ... is a CJK character (marks aside) */
#ifdef SNIP_SSE2
	__m128i wv[8], v, l, al, dg;
	unsigned a, st, wm;
	size_t nwv = 0;

	for (k = 1; k < 256; k++) {
		if (!pl->want[k])
			continue;
		if (nwv == sizeof wv / sizeof *wv) {
			nwv = 0; /* too many to test at once */
			break;
		}
		wv[nwv++] = _mm_set1_epi8((char)k);
	}
#endif

	c->ncand = 0;
	while (i < elen) {
#ifdef SNIP_SSE2
		if (nwv && elen - i >= 16) {
			v = _mm_loadu_si128((const void *)(u + i));
			if (!_mm_movemask_epi8(v)) {
				/* all ASCII: bytes compare as signed */
				l = _mm_or_si128(v, _mm_set1_epi8(0x20));
				al = _mm_and_si128(
					_mm_cmpgt_epi8(l, _mm_set1_epi8('a' - 1)),
					_mm_cmplt_epi8(l, _mm_set1_epi8('z' + 1)));
				dg = _mm_and_si128(
					_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
					_mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
				a = (unsigned)_mm_movemask_epi8(
					_mm_or_si128(al, dg));
				st = a & ~((a << 1) | prev);
				for (wm = 0, k = 0; k < nwv; k++)
					wm |= (unsigned)_mm_movemask_epi8(
						_mm_cmpeq_epi8(l, wv[k]));
				st &= wm;
				pcjk = 0;
				if (!st) {
					prev = (a >> 15) & 1;
					i += 16;
					continue;
				}
				j = scan_run(r, t, pl, text, elen,
					     i + (size_t)__builtin_ctz(st), &rc);
				if (!j)
					return rc;
				i = j;
				prev = 1;
				continue;
			}
		}
#endif
		if (btab[u[i]] == 0) {
			i++;
			prev = pcjk = 0;
			continue;
		}
		if (btab[u[i]] == 1) {
			if (prev)
				while (++i < elen && btab[u[i]] == 1)
					;
			else if (!(i = scan_run(r, t, pl, text, elen, i, &rc)))
				return rc;
			prev = 1;
			pcjk = 0;
			continue;
		}
		if ((rc = scan_char(r->c, t, pl, text, elen, &i, &prev, &pcjk)))
			return rc;
	}
	n = c->ncand;
	for (k = 0; k < c->nkeys; k++) {
		for (q = text; (size_t)(end - q) >= c->klen[k]; q++) {
			q = memchr(q, c->keys[k][0],
				   (size_t)(end - q) - c->klen[k] + 1);
			if (!q)
				break;
			if (!memcmp(q, c->keys[k], c->klen[k]) &&
			    (rc = add_cand(c, (size_t)(q - text))) != 0)
				return rc;
		}
	}
	if (c->ncand > n) {
		qsort(c->cand, c->ncand, sizeof *c->cand, cmp_size);
		for (i = j = 0; i < c->ncand; i++)
			if (!j || c->cand[i] != c->cand[j - 1])
				c->cand[j++] = c->cand[i];
		c->ncand = j;
	}
	return 0;
}

/* 1 if the eight bytes at u are ASCII. */
static int
ascii8(const unsigned char *u)
{
	uint64_t w;

	memcpy(&w, u, 8);
	return !(w & 0x8080808080808080u);
}

/* The byte offset n characters after b (or elen); before b (or lo). */
static size_t
fwd_chars(const unsigned char *u, size_t elen, size_t b, size_t n)
{
	while (n > 0 && b < elen) {
		if (n >= 8 && elen - b >= 8 && ascii8(u + b)) {
			b += 8;
			n -= 8;
			continue;
		}
		for (b++; b < elen && (u[b] & 0xC0) == 0x80; b++)
			;
		n--;
	}
	return b;
}

static size_t
back_chars(const unsigned char *u, size_t lo, size_t b, size_t n)
{
	while (n > 0 && b > lo) {
		if (n >= 8 && b - lo >= 8 && ascii8(u + b - 8)) {
			b -= 8;
			n -= 8;
			continue;
		}
		for (b--; b > lo && (u[b] & 0xC0) == 0x80; b--)
			;
		n--;
	}
	return b;
}

/* 1 if u[i..) starts with a character that ends every word and every CJK
 * run before it: CJK sentence punctuation (、。，：；！？: Chinese text
 * has few spaces), or, for is_brk, also ASCII white space. */
static int
is_cjk_brk(const unsigned char *u, size_t elen, size_t i)
{
	if (elen - i < 3)
		return 0;
	if (u[i] == 0xE3)
		return u[i + 1] == 0x80 && (u[i + 2] == 0x81 || u[i + 2] == 0x82);
	return u[i] == 0xEF && u[i + 1] == 0xBC &&
	       (u[i + 2] == 0x8C || u[i + 2] == 0x9A || u[i + 2] == 0x9B ||
		u[i + 2] == 0x81 || u[i + 2] == 0x9F);
}

static int
is_brk(const unsigned char *u, size_t elen, size_t i)
{
	return is_ws(u[i]) || is_cjk_brk(u, elen, i);
}

/* 1 if the character before byte i (> lo) is one is_brk takes. */
static int
brk_before(const unsigned char *u, size_t lo, size_t elen, size_t i)
{
	return is_ws(u[i - 1]) || (i - lo >= 3 && is_cjk_brk(u, elen, i - 3));
}

/* 1 if a region may start at byte s > 0 of text[0..elen): right after a
 * break (is_brk), at a character that does not attach to it (a mark or a
 * format character would), so that the words from s on are the same
 * whether the text before is there or not. */
static int
region_start(snip_ctx *c, tok *t, const char *text, size_t elen, size_t s)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t k;
	uint32_t cp;

	if (!brk_before(u, 0, elen, s) || is_ws(u[s]))
		return 0;
	if (u[s] < 0x80)
		return 1;
	cp = u8_decode(text + s, elen - s, &k);
	return cp == U8_INVALID || !(cp_class(c, t, cp) & CL_EXT);
}

/* Builds the regions around the candidates (mb characters of context
 * before, ma after).  Returns 0, 1 when they would cover most of the
 * text, or -1. */
static int
build_regions(snip_ctx *c, tok *t, const char *text, size_t elen, size_t mb,
	      size_t ma)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t q, x, s, e, lo, nws = 0, snap = 0, covered = 0;
	sreg *cur = NULL;

	c->nreg = 0;
	for (q = 0; q < c->ncand; q++) {
		x = c->cand[q];
		if (cur && cur->e == elen) {
			cur->lc = x;
			continue;
		}
		/* the end: past x's word, ma characters, then white space
		 * (nws and snap only move forward, so this is linear) */
		if (nws <= x)
			for (nws = x + 1; nws < elen && !is_brk(u, elen, nws);
			     nws++)
				;
		e = fwd_chars(u, elen, nws, ma);
		if (e > snap)
			for (snap = e; snap < elen && !is_brk(u, elen, snap);
			     snap++)
				;
		e = snap;
		if (cur && x < cur->e) {
			if (e > cur->e)
				cur->e = e;
			cur->lc = x;
			continue;
		}
		/* the start: before x's word, mb characters, then a word
		 * start right after white space */
		lo = cur ? cur->e : 0;
		for (s = x; s > lo && !brk_before(u, lo, elen, s); s--)
			;
		s = back_chars(u, lo, s, mb);
		while (s > lo && !region_start(c, t, text, elen, s))
			s--;
		if (cur && s <= cur->e) {
			if (e > cur->e)
				cur->e = e;
			cur->lc = x;
			continue;
		}
		if (GROW(c->reg, c->capreg, c->nreg + 1))
			return -1;
		cur = &c->reg[c->nreg++];
		cur->b = s;
		cur->e = e;
		cur->fc = cur->lc = x;
	}
	for (q = 0; q < c->nreg; q++)
		covered += c->reg[q].e - c->reg[q].b;
	return covered > elen / 8 * 7;
}

/* Tokenizes the regions into c (see srun), with a gap of positions between
 * them. */
static int
tokenize_regions(snip_ctx *c, tok *t, srun *r, const char *text, size_t len,
		 size_t elen, char **err)
{
	size_t g;
	unsigned pos = 0;
	int rc;
	sreg *rg;

	for (g = 0; g < c->nreg; g++) {
		rg = &c->reg[g];
		rg->w0 = c->nw;
		rg->g0 = c->nbg;
		r->base = rg->b;
		r->len = rg->e;
		r->maxpos = pos;
		c->tokenized += rg->e - rg->b;
		rc = tok_run(t, text + rg->b, rg->e - rg->b,
			     r->bigrams ? TOK_BIGRAMS : 0, pos, on_token, r,
			     err);
		if (rc == SNIP_NOMEM)
			return seterr(err, -1, "snip: out of memory");
		if (rc < 0)
			return rc;
		rg->w1 = c->nw;
		rg->g1 = c->nbg;
		if (rg->w1 > rg->w0)
			c->w[rg->w0].flags |= SNIP_F_RSTART;
		if (r->maxpos > UINT32_MAX / 2)
			return 1; /* absurd: let the whole text decide */
		pos = r->maxpos + 2;
	}
	rg = c->nreg ? &c->reg[c->nreg - 1] : NULL;
	end_tokens(c, rg ? rg->w0 : 0, rg ? rg->g0 : 0,
		   rg && rg->e == elen ? elen : len, len);
	if (rg) {
		rg->w1 = c->nw;
		rg->g1 = c->nbg;
	}
	return 0;
}

/* 1 if fewer than need tokens of L[a..b) end by byte x (or start after
 * x, when after is set). */
static int
too_few(const stok *L, size_t a, size_t b, size_t x, int after, size_t need)
{
	size_t n = 0, k;

	for (k = a; k < b && n < need; k++)
		n += after ? L[k].start > x : L[k].end <= x;
	return n < need;
}

/* 1 if a phrase could reach past the edge of a region (that is not the
 * text's): fewer tokens than a phrase has lie between the edge and the
 * region's candidates. */
static int
edge_phrases(const snip_ctx *c, size_t elen, const splan *pl)
{
	size_t g;
	const sreg *rg;

	for (g = 0; g < c->nreg; g++) {
		rg = &c->reg[g];
		if (pl->nmw > 1 && rg->b > 0 &&
		    too_few(c->w, rg->w0, rg->w1, rg->fc, 0, pl->nmw - 1))
			return 1;
		if (pl->nmw > 1 && rg->e < elen &&
		    too_few(c->w, rg->w0, rg->w1, rg->lc, 1, pl->nmw - 1))
			return 1;
		if (pl->nmb > 1 && rg->b > 0 &&
		    too_few(c->bg, rg->g0, rg->g1, rg->fc, 0, pl->nmb - 1))
			return 1;
		if (pl->nmb > 1 && rg->e < elen &&
		    too_few(c->bg, rg->g0, rg->g1, rg->lc, 1, pl->nmb - 1))
			return 1;
	}
	return 0;
}

/* 1 if a hit lies within maxchars characters of its region's first word
 * (where the region does not start the text). */
static int
edge_hits(const snip_ctx *c, size_t maxchars)
{
	size_t g = 0, i;
	const shit *h;
	const sreg *rg;

	for (i = 0; i < c->nhits; i++) {
		h = &c->hits[i];
		while (g < c->nreg && c->reg[g].e <= h->bs)
			g++;
		if (g == c->nreg)
			return 1;
		rg = &c->reg[g];
		if (rg->w0 == rg->w1 || h->bs < rg->b)
			return 1;
		if (rg->b > 0 && c->w[rg->w0].cs + maxchars >= h->wcs)
			return 1;
	}
	return 0;
}

enum { NEAR_OK, NEAR_NOHIT, NEAR_ALL };

/* Finds the hits of text[0..elen) by tokenizing only regions around
 * candidates (see above).  *res gets NEAR_OK (hits found, merged, widened
 * and sentences marked), NEAR_NOHIT (there is none) or NEAR_ALL (tokenize
 * the whole text instead).  Returns 0 or negative (with *err set). */
static int
find_near(snip_ctx *c, tok *t, srun *r, const char *text, size_t len,
	  size_t elen, const snip_pat *pats, size_t npats, size_t maxchars,
	  int *res, char **err)
{
	splan pl;
	size_t m, nm;
	int rc;

	*res = NEAR_ALL;
	rc = plan_scan(c, pats, npats, r->stem, &pl);
	if (rc > 0)
		return 0;
	if (rc == 0)
		rc = prescan(r, t, &pl, text, elen);
	if (rc > 0)
		return 0;
	if (rc < 0)
		return seterr(err, -1, "snip: out of memory");
	if (!c->ncand) {
		*res = NEAR_NOHIT;
		return 0;
	}
	nm = pl.nmw > pl.nmb ? pl.nmw : pl.nmb;
	m = SNIP_RMARGIN + SNIP_RPHRASE * (nm ? nm - 1 : 0);
	if ((rc = build_regions(c, t, text, elen, maxchars + m, m)) < 0)
		return seterr(err, -1, "snip: out of memory");
	if (rc > 0)
		return 0;
	if ((rc = tokenize_regions(c, t, r, text, len, elen, err)) != 0)
		return rc < 0 ? rc : 0;
	if (edge_phrases(c, elen, &pl))
		return 0;
	if (all_hits(c, pats, npats) < 0)
		return seterr(err, -1, "snip: out of memory");
	if (!c->nhits) {
		*res = NEAR_NOHIT;
		return 0;
	}
	mark_sentences(c, text);
	widen_hits(c);
	if (edge_hits(c, maxchars))
		return 0;
	*res = NEAR_OK;
	return 0;
}

/* Reverses a[0..n). */
static void
reverse(stok *a, size_t n)
{
	stok x;
	size_t i;

	for (i = 0; i < n / 2; i++) {
		x = a[i];
		a[i] = a[n - 1 - i];
		a[n - 1 - i] = x;
	}
}

/* Makes sure that each chosen fragment's region holds the words of more
 * than maxchars characters after its core (or reaches the end of what is
 * searched): tokenizes more of the text after the region and puts the
 * words in place; a region extended up to the next one joins it.  (No
 * candidate lies between regions, so no hit does: only the context
 * grows.)  Returns 0 or negative (with *err set). */
static int
extend_after(snip_ctx *c, tok *t, srun *r, const char *text, size_t elen,
	     size_t maxchars, char **err)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t f, g = 0, e, k, n0, i;
	sreg *rg;
	stok *last;
	int rc, moved = 0;

	r->intern = r->bigrams = 0;
	for (f = 0; f < c->nfr; f++) {
		for (;;) {
			while (g < c->nreg && c->reg[g].e <= c->fr[f].bs)
				g++;
			if (g == c->nreg)
				return seterr(err, -1, "snip: lost a fragment");
			rg = &c->reg[g];
			if (rg->e == elen || rg->w1 == rg->w0 ||
			    c->w[rg->w1 - 1].ce > c->fr[f].ce + maxchars)
				break;
			e = fwd_chars(u, elen,
				      rg->e > c->fr[f].be ? rg->e : c->fr[f].be,
				      maxchars + SNIP_RMARGIN);
			while (e < elen && !is_brk(u, elen, e))
				e++;
			if (g + 1 < c->nreg && e >= c->reg[g + 1].b)
				e = c->reg[g + 1].b;
			/* the words of text[rg->e..e), after the region's */
			last = &c->w[rg->w1 - 1];
			r->cb = last->end;
			r->cc = last->ce;
			r->base = rg->e;
			r->len = e;
			c->tokenized += e - rg->e;
			n0 = c->nw;
			rc = tok_run(t, text + rg->e, e - rg->e, 0, 0, on_token,
				     r, err);
			if (rc == SNIP_NOMEM)
				return seterr(err, -1, "snip: out of memory");
			if (rc < 0)
				return rc;
			k = c->nw - n0;
			reverse(c->w + rg->w1, n0 - rg->w1);
			reverse(c->w + n0, k);
			reverse(c->w + rg->w1, c->nw - rg->w1);
			for (i = g + 1; i < c->nreg; i++) {
				c->reg[i].w0 += k;
				c->reg[i].w1 += k;
			}
			rg->w1 += k;
			rg->e = e;
			if (g + 1 < c->nreg && e == c->reg[g + 1].b) {
				if (c->reg[g + 1].w1 > c->reg[g + 1].w0)
					c->w[c->reg[g + 1].w0].flags &=
						~SNIP_F_RSTART;
				rg->e = c->reg[g + 1].e;
				rg->w1 = c->reg[g + 1].w1;
				rg->lc = c->reg[g + 1].lc;
				memmove(rg + 1, rg + 2,
					(c->nreg - g - 2) * sizeof *rg);
				c->nreg--;
			}
			moved = 1;
		}
	}
	if (moved)
		mark_sentences(c, text); /* word indexes moved */
	return 0;
}

/* Tokenizes text[0..elen) into c (see srun). */
static int
tokenize(snip_ctx *c, tok *t, srun *r, const char *text, size_t len,
	 size_t elen, char **err)
{
	int rc;

	r->base = 0;
	r->len = elen;
	c->tokenized += elen;
	rc = tok_run(t, text, elen, r->bigrams ? TOK_BIGRAMS : 0, 0, on_token,
		     r, err);
	if (rc == SNIP_NOMEM)
		return seterr(err, -1, "snip: out of memory");
	if (rc < 0)
		return rc;
	end_tokens(c, 0, 0, elen, len);
	return 0;
}

/* The snippet without hits (see put_beginning), tokenizing only the
 * beginning of the text. */
static int
put_start(snip_ctx *c, tok *t, srun *r, const char *text, size_t len,
	  size_t maxchars, char **err)
{
	spos S = skip_space(text, len);
	size_t elen;
	int rc;

	c->nw = c->nbg = c->nhits = c->nmg = 0;
	r->cb = r->cc = 0;
	r->intern = r->bigrams = 0;
	r->stop_c = S.c + maxchars;
	if (r->stop_c < S.c)
		r->stop_c = SNIP_NONE;
	elen = adv(text, len, S.b,
		   maxchars + SNIP_SLACK < maxchars ? SNIP_NONE
						    : maxchars + SNIP_SLACK);
	if ((rc = tokenize(c, t, r, text, len, elen, err)) < 0)
		return rc;
	if (put_beginning(c, text, len, elen, S, maxchars, 0) < 0)
		return seterr(err, -1, "snip: out of memory");
	return 0;
}

/* See snip_make; c keeps its memory for the next call. */
int
snip_make_ctx(snip_ctx *c, tok *t, const char *text, size_t len,
	      const snip_pat *pats, size_t npats, const snip_opts *opts,
	      snip_stem_fn stem, void *stemctx, snip_span **spans,
	      size_t *nspans, char **err)
{
	snip_opts o = SNIP_OPTS_DEFAULT;
	srun r;
	spos tend;
	size_t elen, p, f, rem, used, e, hp = 0;
	int rc, whole, near = NEAR_ALL;

	if (!spans || !nspans)
		return seterr(err, -1, "snip: no place for the spans");
	*spans = NULL;
	*nspans = 0;
	if (!c)
		return seterr(err, -1, "snip: no context");
	if ((!text && len) || (!pats && npats))
		return seterr(err, -1, "snip: no text or no patterns");
	if (opts)
		o = *opts;
	if (!o.maxfrags)
		o.maxfrags = 1;
	ctx_reset(c);
	if (!len)
		return 0;
	if (prepare(c, pats, npats) < 0)
		goto nomem;
	whole = o.maxchars == 0 || len <= o.maxchars ||
		(len / 4 <= o.maxchars && u8_count(text, len) <= o.maxchars);
	if (whole && !c->ne) {
		if (put_span(c, 0, len, SNIP_TEXT) < 0)
			goto nomem;
		goto done;
	}
	if (!t)
		return seterr(err, -1, "snip: no tokenizer");

	memset(&r, 0, sizeof r);
	r.c = c;
	r.pats = pats;
	r.text = text;
	r.stop_c = SNIP_NONE;
	r.stem = stem;
	r.stemctx = stemctx;
	if (!c->ne) {
		/* no patterns: only the beginning is needed */
		if ((rc = put_start(c, t, &r, text, len, o.maxchars, err)) < 0)
			return rc;
		goto done;
	}

	r.intern = 1;
	r.guess = !whole && !c->scan_all;
	if (first_bytes(c, pats, &r) < 0)
		goto nomem;
	for (p = 0; p < npats; p++)
		if (c->ebase[p] != SNIP_NONE && pats[p].bigram)
			r.bigrams = 1;
	elen = whole || len <= SNIP_CAP ? len : u8_floor(text, len, SNIP_CAP);
	if (!whole && !c->scan_all &&
	    (rc = find_near(c, t, &r, text, len, elen, pats, npats, o.maxchars,
			    &near, err)) < 0)
		return rc;
	if (near == NEAR_NOHIT) {
		if ((rc = put_start(c, t, &r, text, len, o.maxchars, err)) < 0)
			return rc;
		goto done;
	}
	if (near == NEAR_ALL) {
		/* the whole text (the terms interned so far are kept) */
		c->nw = c->nbg = c->nhits = c->nmg = 0;
		r.cb = r.cc = 0;
		if ((rc = tokenize(c, t, &r, text, len, elen, err)) < 0)
			return rc;
		if (all_hits(c, pats, npats) < 0)
			goto nomem;
		if (whole) {
			if (put_range(c, 0, len, &hp) < 0)
				goto nomem;
			goto done;
		}
		if (!c->nhits) {
			if (put_beginning(c, text, len, elen,
					  skip_space(text, len), o.maxchars,
					  hp) < 0)
				goto nomem;
			goto done;
		}
		mark_sentences(c, text);
		widen_hits(c);
	}

	if (choose(c, o.maxchars, o.maxfrags) < 0)
		goto nomem;
	if (near == NEAR_OK &&
	    (rc = extend_after(c, t, &r, text, elen, o.maxchars, err)) < 0)
		return rc;
	if (near == NEAR_OK && c->nreg && c->reg[c->nreg - 1].e < elen) {
		/* past the last region (no fragment reaches that far: see
		 * extend_after) */
		tend.b = elen;
		tend.c = run_char(&r, elen);
	} else if (elen == len) {
		tend.b = len;
		tend.c = run_char(&r, len);
	} else {
		/* the end of the last whole word (or hit) before the cap */
		tend.b = tend.c = 0;
		if (c->nw) {
			tend.b = c->w[c->nw - 1].end;
			tend.c = c->w[c->nw - 1].ce;
		}
		for (f = 0; f < c->nhits; f++) {
			if (c->hits[f].wce > tend.c) {
				tend.b = c->hits[f].wbe;
				tend.c = c->hits[f].wce;
			}
		}
	}
	if (c->nfr == 1 && c->fr[0].ce - c->fr[0].cs > o.maxchars) {
		frag_overlong(c, text, elen, o.maxchars,
			      &c->hits[c->fr[0].anchor]);
	} else {
		used = 0;
		for (f = 0; f < c->nfr; f++)
			used += c->fr[f].ce - c->fr[f].cs;
		rem = o.maxchars > used ? o.maxchars - used : 0;
		for (f = 0; f < c->nfr; f++) {
			spos lo = {0, 0}, hi = tend;

			if (f)
				lo = c->fr[f - 1].E;
			if (f + 1 < c->nfr) {
				hi.b = c->fr[f + 1].bs;
				hi.c = c->fr[f + 1].cs;
			}
			e = rem / (c->nfr - f);
			frag_extend(c, text, elen, &c->fr[f], lo, hi, e);
			rem -= (c->fr[f].E.c - c->fr[f].S.c) -
			       (c->fr[f].ce - c->fr[f].cs);
		}
	}
	if (put_frags(c, text, len, o.maxchars) < 0)
		goto nomem;

done:
	*spans = c->out;
	*nspans = c->nout;
	c->out = NULL;
	c->nout = c->capout = 0;
	return 0;
nomem:
	return seterr(err, -1, "snip: out of memory");
}

int
snip_make(tok *t, const char *text, size_t len, const snip_pat *pats,
	  size_t npats, const snip_opts *opts, snip_stem_fn stem,
	  void *stemctx, snip_span **spans, size_t *nspans, char **err)
{
	snip_ctx *c = snip_ctx_new();
	int rc;

	if (!c) {
		if (spans)
			*spans = NULL;
		if (nspans)
			*nspans = 0;
		return seterr(err, -1, "snip: out of memory");
	}
	rc = snip_make_ctx(c, t, text, len, pats, npats, opts, stem, stemctx,
			   spans, nspans, err);
	snip_ctx_free(c);
	return rc;
}

/* Appends hl to st. */
static int
put_hl(snip_text *st, size_t *cap, const snip_hl *hl)
{
	if (GROW(st->hl, *cap, st->nhl + 1))
		return -1;
	st->hl[st->nhl++] = *hl;
	return 0;
}

int
snip_flatten(const char *src, const snip_span *spans, size_t nspans,
	     snip_text *out)
{
	size_t i, b, k, cc = 0, cap = out->nhl;
	int space = 0, gap = 0, in;
	uint32_t ch;
	snip_hl hl;

	for (i = 0; i < nspans; i++) {
		const snip_span *sp = &spans[i];

		if (sp->kind == SNIP_GAP) {
			if (gap)
				continue; /* one "…" for a run of gaps */
			if (out->text.n) {
				buf_addc(&out->text, ' ');
				cc++;
			}
			buf_add(&out->text, "\xE2\x80\xA6", 3);
			cc++;
			space = 1;
			gap = 1;
			continue;
		}
		if (sp->end <= sp->start || !src)
			continue;
		in = 0;
		memset(&hl, 0, sizeof hl);
		for (b = sp->start; b < sp->end; b += k) {
			ch = u8_decode(src + b, sp->end - b, &k);
			if (ch == 0xFEFF)
				continue; /* byte order mark: nothing */
			if (ch != U8_INVALID && is_space(ch)) {
				space = 1;
				continue;
			}
			if (space && out->text.n) {
				buf_addc(&out->text, ' ');
				cc++;
			}
			space = gap = 0;
			if (sp->kind == SNIP_HIT && !in) {
				in = 1;
				hl.bstart = out->text.n;
				hl.cstart = cc;
			}
			if (ch == U8_INVALID)
				buf_add(&out->text, "\xEF\xBF\xBD", 3);
			else
				buf_add(&out->text, src + b, k);
			cc++;
			hl.bend = out->text.n;
			hl.cend = cc;
		}
		if (in && put_hl(out, &cap, &hl) < 0)
			return -1;
	}
	if (!out->text.p)
		buf_add(&out->text, "", 0);
	return out->text.err ? -1 : 0;
}

void
snip_text_clear(snip_text *st)
{
	if (!st)
		return;
	buf_free(&st->text);
	free(st->hl);
	st->hl = NULL;
	st->nhl = 0;
}
