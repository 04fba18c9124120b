/*
 * prescan: finding the hits near raw-text candidates (private: prescan.h).
 *
 * prescan_find_near scans the raw bytes once for candidates: places where a
 * pattern may match.  Each pattern is looked for by one element (the
 * longest, for a phrase).  An ASCII element is looked for among the runs
 * of ASCII letters, or of digits (the tokenizer cuts SB5959 into sb 5959),
 * that start with its first letter or its stem's: each such run is interned (so matched with the stem callback,
 * once per distinct run) and is a candidate when it matches, or when the
 * character after it may join it into a longer word that reads otherwise
 * (a letter, a mark, a format character; with connect, also . ' : , ; _
 * and @, which ICU's word breaks keep inside "user@example"; a one-letter
 * run before a dot and a letter may be initials, which the tokenizer
 * writes without dots: U.S. is us).
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
 * region is extended (prescan_extend_after) to hold maxchars characters after
 * it, tokenizing up to the next region, which it then joins. */

#include "prescan.h"

#ifdef __SSE2__
#include <emmintrin.h>
#define SNIP_SSE2 1
#endif

/* Classes of non-ASCII characters for the pre-scan (see cp_class) */
#define CL_ALNUM 0x100 /* folds (accents removed) to an ASCII letter or
			* digit: the low byte, the first one (0: unknown) */
#define CL_JOIN 0x200  /* continues a word after an ASCII letter */
#define CL_EXT 0x400   /* continues a CJK word (a mark, a format char) */
#define CL_CJK 0x800   /* folds to other CJK characters */
#define CL_HAN 0x1000  /* is a CJK character (see is_cjkish) */
#define CL_MAX (1u << 16) /* entries in the class cache */

#define SPLAN_KCH 64 /* characters of the CJK keys kept (see may_fold_in) */

/* What the pre-scan looks for (see plan_scan). */
typedef struct splan {
	unsigned char want[256]; /* first bytes of the ASCII words to check */
	uint64_t want2[128];	 /* ... their second bytes (bits: see bit2) */
	int ascii, cjk;		 /* some element is looked for that way */
	int connect; /* an ASCII element holds more than letters and digits */
	int initials; /* an ASCII element of letters only, which the text may
		       * write as initials (us: U.S.) */
	size_t nmw, nmb; /* elements in the longest phrase of words, of
			  * bigrams */
	uint32_t kch[SPLAN_KCH]; /* the characters of the CJK keys ... */
	size_t nkch;
	int kchall; /* ... unless there were more than SPLAN_KCH */
} splan;

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

/* The tokenizer cuts a word where letters meet digits (SB5959 -> sb 5959):
 * 2 for an ASCII digit, 1 for anything else. */
static unsigned
run_kind(unsigned ch)
{
	return ch >= '0' && ch <= '9' ? 2 : 1;
}

/* 0 if term s[0..n) cannot have the stem st[0..sn) when stems keep a
 * word's first two letters where those are ASCII (but for Porter's y/i:
 * "dying" -> "die"; see snip.h). */
int
prescan_may_stem(const char *s, size_t n, const char *st, size_t sn)
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
	sclass *e;
	unsigned cl;

	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
		return tok_simplified(cp) == cp ? CL_HAN : CL_HAN | CL_CJK;
	/* Han (a Traditional one folds to its Simplified form), kana: never
	 * join an ASCII word */
	if ((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA))
		return CL_HAN;
	if (c->cl.n * 2 >= c->cl.cap) {
		n = c->cl.cap ? c->cl.cap * 2 : 256;
		if (n > CL_MAX) {
			/* full: start again */
			memset(c->cl.v, 0, c->cl.cap * sizeof *c->cl.v);
			c->cl.n = 0;
		} else if ((e = calloc(n, sizeof *e)) != NULL) {
			for (i = 0; i < c->cl.cap; i++) {
				if (!c->cl.v[i].key)
					continue;
				for (j = (c->cl.v[i].key * 2654435761u) &
					 (n - 1);
				     e[j].key; j = (j + 1) & (n - 1))
					;
				e[j] = c->cl.v[i];
			}
			free(c->cl.v);
			c->cl.v = e;
			c->cl.cap = n;
		} else {
			return classify(t, &c->fold, cp);
		}
	}
	mask = c->cl.cap - 1;
	for (i = ((cp + 1) * 2654435761u) & mask; c->cl.v[i].key;
	     i = (i + 1) & mask)
		if (c->cl.v[i].key == cp + 1)
			return c->cl.v[i].cls;
	cl = classify(t, &c->fold, cp);
	c->cl.v[i].key = cp + 1;
	c->cl.v[i].cls = (uint16_t)cl;
	c->cl.n++;
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

/* Notes the characters of the CJK key k[0..n) in pl->kch. */
static void
note_key_chars(splan *pl, const char *k, size_t n)
{
	size_t i = 0, l, j;
	uint32_t cp;

	while (i < n && !pl->kchall) {
		cp = u8_decode(k + i, n - i, &l);
		i += l ? l : 1;
		for (j = 0; j < pl->nkch && pl->kch[j] != cp; j++)
			;
		if (j < pl->nkch)
			continue;
		if (pl->nkch == SPLAN_KCH)
			pl->kchall = 1;
		else
			pl->kch[pl->nkch++] = cp;
	}
}

/* 1 if cp, a character of class cl that folds to other CJK characters
 * (CL_CJK), may fold into a CJK key: a Traditional character of the
 * unified Han blocks folds to its Simplified form only (tok_simplified),
 * so only if that is in a key; any other (a compatibility ideograph)
 * always may.  Traditional text then has candidates only where a key may
 * be, not at every Traditional character. */
static int
may_fold_in(const splan *pl, uint32_t cp)
{
	uint32_t s;
	size_t j;

	if (pl->kchall || !((cp >= 0x4E00 && cp <= 0x9FFF) ||
			    (cp >= 0x3400 && cp <= 0x4DBF)))
		return 1;
	s = tok_simplified(cp);
	for (j = 0; j < pl->nkch; j++)
		if (pl->kch[j] == s)
			return 1;
	return 0;
}

/* Chooses the element each pattern is looked for by and fills pl.
 * Returns 0, 1 when some pattern cannot be looked for in the raw text
 * (then the whole text is tokenized), or -1 (out of memory).
 *
 * About 100 lines: one pass per pattern, choosing its element and then
 * noting how to look for it; both halves use the element's term and stem.
 */
static int
plan_scan(snip_ctx *c, const snip_pat *pats, size_t npats,
	  snip_stem_fn stem, splan *pl)
{
	size_t p, j, np, e, kl, best, bestlen, i;
	const char *P, *S;
	size_t pl_, sl;
	int dead;

	memset(pl, 0, sizeof *pl);
	c->keys.n = 0;
	if (VEC_GROW(c->p, npats))
		return -1;
	for (p = 0; p < npats; p++) {
		const snip_pat *pt = &pats[p];

		c->p.v[p].scan = SNIP_NOSCAN;
		if (c->p.v[p].base == SNIP_NONE)
			continue;
		np = pt->n < SNIP_MAXPHRASE ? pt->n : SNIP_MAXPHRASE;
		best = SNIP_NONE;
		bestlen = 0;
		dead = 0;
		for (j = 0; j < np; j++) {
			e = c->p.v[p].base + j;
			P = c->e.v[e].len ? pt->terms[j] : NULL;
			S = stem && pt->stems && pt->stems[j] && c->e.v[e].slen
				    ? pt->stems[j]
				    : NULL;
			pl_ = c->e.v[e].len;
			sl = S ? c->e.v[e].slen : 0;
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
		c->p.v[p].scan = (uint32_t)best;
		e = c->p.v[p].base + best;
		P = c->e.v[e].len ? pt->terms[best] : NULL;
		S = stem && pt->stems && pt->stems[best] && c->e.v[e].slen
			    ? pt->stems[best]
			    : NULL;
		if (pt->bigram || (P && !S && all_cjk(P, c->e.v[e].len))) {
			if (VEC_GROW(c->keys, c->keys.n + 1))
				return -1;
			c->keys.v[c->keys.n].p = P;
			c->keys.v[c->keys.n++].len = c->e.v[e].len;
			pl->cjk = 1;
			note_key_chars(pl, P, c->e.v[e].len);
		} else {
			/* the runs that may match: P itself, a word starting
			 * with P, a word with stem S (see may_stem); a run of
			 * one letter is always checked */
			pl->ascii = 1;
			if (P && c->e.v[e].len >= 2)
				want_pair(pl, lower((unsigned char)P[0]),
					  (unsigned char)P[1]);
			else if (P)
				want_pair(pl, lower((unsigned char)P[0]),
					  pt->prefix ? 0 : 1);
			if (S && c->e.v[e].slen < 2)
				want_pair(pl, lower((unsigned char)S[0]), 0);
			else if (S)
				want_pair(pl, lower((unsigned char)S[0]),
					  (unsigned char)S[1]);
			if (S && S[1] == 'i')
				want_pair(pl, lower((unsigned char)S[0]), 'y');
			for (i = 0; P && i < c->e.v[e].len; i++)
				if (!is_alnum((unsigned char)P[i]))
					pl->connect = 1;
			for (i = 0; P && i < c->e.v[e].len &&
				    run_kind((unsigned char)P[i]) == 1 &&
				    is_alnum((unsigned char)P[i]);
			     i++)
				;
			if (P && c->e.v[e].len >= 2 && i == c->e.v[e].len)
				pl->initials = 1;
			for (i = 0; S && i < c->e.v[e].slen; i++)
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
	if (c->cand.n >= SNIP_MAXCAND)
		return 1;
	if (VEC_GROW(c->cand, c->cand.n + 1))
		return -1;
	c->cand.v[c->cand.n++] = b;
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
	if (match_intern(r, w, n, &id) < 0)
		return -1;
	for (m = c->terms.v[id].mhead; m; m = c->m.v[m - 1].next) {
		s = c->p.v[c->m.v[m - 1].pat].scan;
		if (s < SNIP_MAXPHRASE && ((c->m.v[m - 1].mask >> s) & 1))
			return 1;
	}
	if (j >= elen)
		return 0;
	if (pl->initials && j - i == 1 && u[j] == '.' && j + 1 < elen &&
	    is_alnum(u[j + 1]) && run_kind(u[j + 1]) == 1)
		return 1;
	if (u[j] < 0x80)
		return pl->connect &&
		       (u[j] == '_' ||
			(strchr(".':,;@", u[j]) && j + 1 < elen &&
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

/* Handles the run of letters, or of digits, at text[i..): returns its
 * end, or 0 with *rc set (1: too many candidates, -1: out of memory). */
static size_t
scan_run(srun *r, tok *t, const splan *pl, const char *text, size_t elen,
	 size_t i, int *rc)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t j;
	int k;

	for (j = i + 1; j < elen && btab[u[j]] == 1 &&
		    run_kind(u[j]) == run_kind(u[i]);
	     j++)
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
		(*prev != run_kind(cl & 0xFF) || (cl & CL_EXT))) ||
	       (pl->cjk && (((cl & CL_CJK) && may_fold_in(pl, cp)) ||
			    ((cl & CL_EXT) && *pcjk)));
	if (!(cl & CL_EXT)) { /* a mark belongs to what it follows */
		*prev = (cl & CL_ALNUM)	 ? run_kind(cl & 0xFF)
			: (cl & CL_JOIN) ? 1
					 : 0;
		*pcjk = (cl & (CL_HAN | CL_CJK)) != 0;
	}
	return cand ? add_cand(c, at) : 0;
}

/* Finds the candidates in text[0..elen), sorted: 0, 1 (too many) or -1.
 * Only the start of a word matters (see prescan_find_near): a run of ASCII
 * letters (or of digits: the tokenizer cuts where they meet), or a
 * character that folds to an ASCII one, right after a character of its
 * kind (for letters: an ASCII one, or one that continues a word, CL_JOIN,
 * as letters do on both sides) is inside a word that started before it; a mark or a
 * format character (CL_EXT) belongs to what it follows.  With SSE2, most
 * of the text is passed over sixteen bytes at a time, stopping only at
 * runs that start with a letter looked for, and at non-ASCII bytes.
 *
 * About 100 lines: the SSE2 path and the byte loop share the state
 * (prev, pcjk) that says where words start, clearest in one loop.
 */
static int
prescan(srun *r, tok *t, const splan *pl, const char *text, size_t elen)
{
	snip_ctx *c = r->c;
	const unsigned char *u = (const unsigned char *)text;
	const char *q, *end = text + elen;
	size_t i = 0, j, k, n;
	int rc = 0;
	unsigned prev = 0; /* the character before i: 1 a letter, 2 an ASCII
			    * digit (see run_kind), 0 neither */
	unsigned pcjk = 0; /* ... is a CJK character (marks aside) */
#ifdef SNIP_SSE2
	__m128i wv[8], v, l, al, dg;
	unsigned am, dm, st, wm;
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

	c->cand.n = 0;
	while (i < elen) {
#ifdef SNIP_SSE2
		if (nwv && elen - i >= 16) {
			v = _mm_loadu_si128((const void *)(u + i));
			if (!_mm_movemask_epi8(v)) {
				/* all ASCII: bytes compare as signed */
				l = _mm_or_si128(v, _mm_set1_epi8(0x20));
				al = _mm_and_si128(
					_mm_cmpgt_epi8(l,
						       _mm_set1_epi8('a' - 1)),
					_mm_cmplt_epi8(l,
						       _mm_set1_epi8('z' + 1)));
				dg = _mm_and_si128(
					_mm_cmpgt_epi8(v,
						       _mm_set1_epi8('0' - 1)),
					_mm_cmplt_epi8(v,
						       _mm_set1_epi8('9' + 1)));
				am = (unsigned)_mm_movemask_epi8(al);
				dm = (unsigned)_mm_movemask_epi8(dg);
				/* a run starts after a byte of another kind */
				st = (am & ~((am << 1) | (prev == 1))) |
				     (dm & ~((dm << 1) | (prev == 2)));
				for (wm = 0, k = 0; k < nwv; k++)
					wm |= (unsigned)_mm_movemask_epi8(
						_mm_cmpeq_epi8(l, wv[k]));
				st &= wm;
				pcjk = 0;
				if (!st) {
					prev = (am >> 15) & 1	? 1
					       : (dm >> 15) & 1 ? 2
								: 0;
					i += 16;
					continue;
				}
				j = scan_run(r, t, pl, text, elen,
					     i + (size_t)__builtin_ctz(st),
					     &rc);
				if (!j)
					return rc;
				i = j;
				prev = run_kind(u[j - 1]);
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
			/* inside a word that started before, up to where
			 * letters meet digits */
			if (prev == run_kind(u[i]))
				while (++i < elen && btab[u[i]] == 1 &&
				       run_kind(u[i]) == prev)
					;
			else if (!(i = scan_run(r, t, pl, text, elen, i, &rc)))
				return rc;
			prev = run_kind(u[i - 1]);
			pcjk = 0;
			continue;
		}
		if ((rc = scan_char(r->c, t, pl, text, elen, &i, &prev, &pcjk)))
			return rc;
	}
	n = c->cand.n;
	for (k = 0; k < c->keys.n; k++) {
		for (q = text; (size_t)(end - q) >= c->keys.v[k].len; q++) {
			q = memchr(q, c->keys.v[k].p[0],
				   (size_t)(end - q) - c->keys.v[k].len + 1);
			if (!q)
				break;
			if (!memcmp(q, c->keys.v[k].p, c->keys.v[k].len) &&
			    (rc = add_cand(c, (size_t)(q - text))) != 0)
				return rc;
		}
	}
	if (c->cand.n > n) {
		qsort(c->cand.v, c->cand.n, sizeof *c->cand.v, cmp_size);
		for (i = j = 0; i < c->cand.n; i++)
			if (!j || c->cand.v[i] != c->cand.v[j - 1])
				c->cand.v[j++] = c->cand.v[i];
		c->cand.n = j;
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
		return u[i + 1] == 0x80 &&
		       (u[i + 2] == 0x81 || u[i + 2] == 0x82);
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

	c->reg.n = 0;
	for (q = 0; q < c->cand.n; q++) {
		x = c->cand.v[q];
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
		if (VEC_GROW(c->reg, c->reg.n + 1))
			return -1;
		cur = &c->reg.v[c->reg.n++];
		cur->b = s;
		cur->e = e;
		cur->fc = cur->lc = x;
	}
	for (q = 0; q < c->reg.n; q++)
		covered += c->reg.v[q].e - c->reg.v[q].b;
	return covered > elen / 8 * 7;
}

/* Tokenizes the regions into c (see srun), with a gap of positions between
 * them. */
static int
tokenize_regions(snip_ctx *c, tok *t, srun *r, size_t len,
		 size_t elen, char **err)
{
	size_t g;
	unsigned pos = 0;
	int rc;
	sreg *rg;

	for (g = 0; g < c->reg.n; g++) {
		rg = &c->reg.v[g];
		rg->w0 = c->w.n;
		rg->g0 = c->bg.n;
		r->base = rg->b;
		r->len = rg->e;
		r->maxpos = pos;
		rc = match_tokenize(r, t, rg->b, rg->e, r->bigrams, pos, err);
		if (rc == SNIP_NOMEM)
			return seterr(err, -1, "snip: out of memory");
		if (rc < 0)
			return rc;
		rg->w1 = c->w.n;
		rg->g1 = c->bg.n;
		if (rg->w1 > rg->w0)
			c->w.v[rg->w0].flags |= SNIP_F_RSTART;
		if (r->maxpos > UINT32_MAX / 2)
			return 1; /* absurd: let the whole text decide */
		pos = r->maxpos + 2;
	}
	rg = c->reg.n ? &c->reg.v[c->reg.n - 1] : NULL;
	match_end_tokens(c, rg ? rg->w0 : 0, rg ? rg->g0 : 0,
		   rg && rg->e == elen ? elen : len, len);
	if (rg) {
		rg->w1 = c->w.n;
		rg->g1 = c->bg.n;
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

	for (g = 0; g < c->reg.n; g++) {
		rg = &c->reg.v[g];
		if (pl->nmw > 1 && rg->b > 0 &&
		    too_few(c->w.v, rg->w0, rg->w1, rg->fc, 0, pl->nmw - 1))
			return 1;
		if (pl->nmw > 1 && rg->e < elen &&
		    too_few(c->w.v, rg->w0, rg->w1, rg->lc, 1, pl->nmw - 1))
			return 1;
		if (pl->nmb > 1 && rg->b > 0 &&
		    too_few(c->bg.v, rg->g0, rg->g1, rg->fc, 0, pl->nmb - 1))
			return 1;
		if (pl->nmb > 1 && rg->e < elen &&
		    too_few(c->bg.v, rg->g0, rg->g1, rg->lc, 1, pl->nmb - 1))
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

	for (i = 0; i < c->hits.n; i++) {
		h = &c->hits.v[i];
		while (g < c->reg.n && c->reg.v[g].e <= h->bs)
			g++;
		if (g == c->reg.n)
			return 1;
		rg = &c->reg.v[g];
		if (rg->w0 == rg->w1 || h->bs < rg->b)
			return 1;
		if (rg->b > 0 && c->w.v[rg->w0].cs + maxchars >= h->wcs)
			return 1;
	}
	return 0;
}

/* Finds the hits of text[0..elen) by tokenizing only regions around
 * candidates (see above).  *res gets NEAR_OK (hits found, merged, widened
 * and sentences marked), NEAR_NOHIT (there is none) or NEAR_ALL (tokenize
 * the whole text instead).  Returns 0 or negative (with *err set). */
int
prescan_find_near(snip_ctx *c, tok *t, srun *r, const char *text, size_t len,
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
	if (!c->cand.n) {
		*res = NEAR_NOHIT;
		return 0;
	}
	nm = pl.nmw > pl.nmb ? pl.nmw : pl.nmb;
	m = SNIP_RMARGIN + SNIP_RPHRASE * (nm ? nm - 1 : 0);
	if ((rc = build_regions(c, t, text, elen, maxchars + m, m)) < 0)
		return seterr(err, -1, "snip: out of memory");
	if (rc > 0)
		return 0;
	if ((rc = tokenize_regions(c, t, r, len, elen, err)) != 0)
		return rc < 0 ? rc : 0;
	if (edge_phrases(c, elen, &pl))
		return 0;
	if (match_all_hits(c, pats, npats) < 0)
		return seterr(err, -1, "snip: out of memory");
	if (!c->hits.n) {
		*res = NEAR_NOHIT;
		return 0;
	}
	frag_mark_sentences(c, text);
	frag_widen_hits(c);
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
int
prescan_extend_after(snip_ctx *c, tok *t, srun *r, const char *text,
		     size_t elen, size_t maxchars, char **err)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t f, g = 0, e, k, n0, i;
	sreg *rg;
	stok *last;
	int rc, moved = 0;

	r->intern = r->bigrams = 0;
	for (f = 0; f < c->fr.n; f++) {
		for (;;) {
			while (g < c->reg.n && c->reg.v[g].e <= c->fr.v[f].bs)
				g++;
			if (g == c->reg.n)
				return seterr(err, -1, "snip: lost a fragment");
			rg = &c->reg.v[g];
			if (rg->e == elen || rg->w1 == rg->w0 ||
			    c->w.v[rg->w1 - 1].ce > c->fr.v[f].ce + maxchars)
				break;
			e = fwd_chars(u, elen,
				      rg->e > c->fr.v[f].be ? rg->e
							    : c->fr.v[f].be,
				      maxchars + SNIP_RMARGIN);
			while (e < elen && !is_brk(u, elen, e))
				e++;
			if (g + 1 < c->reg.n && e >= c->reg.v[g + 1].b)
				e = c->reg.v[g + 1].b;
			/* the words of text[rg->e..e), after the region's */
			last = &c->w.v[rg->w1 - 1];
			r->cb = last->end;
			r->cc = last->ce;
			r->base = rg->e;
			r->len = e;
			n0 = c->w.n;
			rc = match_tokenize(r, t, rg->e, e, 0, 0, err);
			if (rc == SNIP_NOMEM)
				return seterr(err, -1, "snip: out of memory");
			if (rc < 0)
				return rc;
			k = c->w.n - n0;
			reverse(c->w.v + rg->w1, n0 - rg->w1);
			reverse(c->w.v + n0, k);
			reverse(c->w.v + rg->w1, c->w.n - rg->w1);
			for (i = g + 1; i < c->reg.n; i++) {
				c->reg.v[i].w0 += k;
				c->reg.v[i].w1 += k;
			}
			rg->w1 += k;
			rg->e = e;
			if (g + 1 < c->reg.n && e == c->reg.v[g + 1].b) {
				if (c->reg.v[g + 1].w1 > c->reg.v[g + 1].w0)
					c->w.v[c->reg.v[g + 1].w0].flags &=
						~SNIP_F_RSTART;
				rg->e = c->reg.v[g + 1].e;
				rg->w1 = c->reg.v[g + 1].w1;
				rg->lc = c->reg.v[g + 1].lc;
				memmove(rg + 1, rg + 2,
					(c->reg.n - g - 2) * sizeof *rg);
				c->reg.n--;
			}
			moved = 1;
		}
	}
	if (moved)
		frag_mark_sentences(c, text); /* word indexes moved */
	return 0;
}
