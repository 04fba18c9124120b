/*
 * snipmatch: the snippet maker's tokens and term matching (see snip.c's
 * overview).  Each token's term is interned, and each distinct term is
 * matched against the pattern elements once, when first seen (the stem
 * callback runs at most once per distinct term).  The hits are found by
 * walking each token list once (Shift-And over phrases), then sorted and
 * merged.
 */
#include "prescan.h"
#include "snipctx.h"

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
size_t
match_run_char(srun *r, size_t b)
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
	for (i = 0; i < c->terms.n; i++) {
		for (j = c->terms.v[i].hash & mask; s[j].gen == c->gen;
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

/* Records which pattern elements the new term id (s[0..n)) matches. */
static int
match_term(srun *r, const char *s, size_t n, uint32_t id)
{
	snip_ctx *c = r->c;
	int stemmed = 0, hasstem = 0, ok;
	size_t e;
	uint32_t m;

	for (e = 0; e < c->e.n; e++) {
		const snip_pat *p = &r->pats[c->e.v[e].pat];
		uint32_t i = c->e.v[e].idx;
		const char *pt = p->terms[i];
		size_t pl = c->e.v[e].len;

		if (!pt)
			ok = 0;
		else if (p->prefix)
			ok = pl > 0 && n >= pl && !memcmp(s, pt, pl);
		else
			ok = n == pl && !memcmp(s, pt, pl);
		if (!ok && r->stem && p->stems && p->stems[i] &&
		    c->e.v[e].slen > 0 &&
		    (!r->guess ||
		     prescan_may_stem(s, n, p->stems[i], c->e.v[e].slen))) {
			if (!stemmed) {
				stemmed = 1;
				buf_reset(&c->stem);
				hasstem = r->stem(r->stemctx, s, n, &c->stem) ==
						  0 &&
					  !c->stem.err && c->stem.n > 0;
			}
			ok = hasstem && c->stem.n == c->e.v[e].slen &&
			     !memcmp(c->stem.p, p->stems[i], c->stem.n);
		}
		if (!ok || i >= SNIP_MAXPHRASE)
			continue;
		/* elements come pattern by pattern: the head entry is this
		 * pattern's if the term matched one of its elements before */
		m = c->terms.v[id].mhead;
		if (!m || c->m.v[m - 1].pat != c->e.v[e].pat) {
			if (c->m.n >= UINT32_MAX - 1 ||
			    VEC_GROW(c->m, c->m.n + 1))
				return -1;
			c->m.v[c->m.n].mask = 0;
			c->m.v[c->m.n].pat = c->e.v[e].pat;
			c->m.v[c->m.n].next = m;
			m = c->terms.v[id].mhead = (uint32_t)++c->m.n;
		}
		c->m.v[m - 1].mask |= (uint64_t)1 << i;
	}
	return 0;
}

/* Interns s[0..n) (matching it if new) into *id. */
int
match_intern(srun *r, const char *s, size_t n, uint32_t *id)
{
	snip_ctx *c = r->c;
	uint32_t h = hash_bytes(s, n);
	size_t i, mask;
	sterm *t;

	if (c->terms.n * 2 >= c->nslots && rehash(c) < 0)
		return -1;
	mask = c->nslots - 1;
	for (i = h & mask; c->slots[i].gen == c->gen; i = (i + 1) & mask) {
		t = &c->terms.v[c->slots[i].id];
		if (t->hash == h && t->len == n &&
		    !memcmp(c->arena.p + t->off, s, n)) {
			*id = c->slots[i].id;
			return 0;
		}
	}
	if (VEC_GROW(c->terms, c->terms.n + 1))
		return -1;
	t = &c->terms.v[c->terms.n];
	t->off = c->arena.n;
	t->len = n;
	t->hash = h;
	t->mhead = 0;
	buf_add(&c->arena, s, n);
	if (c->arena.err)
		return -1;
	c->slots[i].gen = c->gen;
	c->slots[i].id = (uint32_t)c->terms.n;
	*id = (uint32_t)c->terms.n++;
	return match_term(r, s, n, *id);
}

int
match_on_token(void *arg, const tok_token *tt)
{
	srun *r = arg;
	snip_ctx *c = r->c;
	stok s;
	unsigned top;

	if (tt->start >= tt->end || tt->end > r->len - r->base)
		return 0; /* not a span of the text: ignore */
	s.start = r->base + tt->start;
	s.end = r->base + tt->end;
	s.cs = match_run_char(r, s.start);
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
	    match_intern(r, tt->term, tt->len, &s.term) < 0)
		return SNIP_NOMEM;
	if (!(tt->flags & TOK_F_BIGRAM)) {
		if (VEC_GROW(c->w, c->w.n + 1))
			return SNIP_NOMEM;
		c->w.v[c->w.n++] = s;
	}
	if (r->bigrams && ((tt->flags & TOK_F_BIGRAM) ||
			   ((tt->flags & TOK_F_CJK) && tt->nchars == 2))) {
		if (VEC_GROW(c->bg, c->bg.n + 1))
			return SNIP_NOMEM;
		c->bg.v[c->bg.n++] = s;
	}
	return 0;
}

int
match_tokenize(srun *r, tok *t, size_t b, size_t e, int bigrams,
	       unsigned pos, char **err)
{
	snip_ctx *c = r->c;
	int rc;

	if (c->stored && !bigrams) {
		rc = offs_replay(&c->oc, r->text, b, e, pos, match_on_token, r);
		if (rc == -1)
			return seterr(err, -1,
				      "snip: the stored word offsets are damaged");
		return rc;
	}
	c->tokenized += e - b;
	return tok_run(t, r->text + b, e - b, bigrams ? TOK_BIGRAMS : 0, pos,
		       match_on_token, r, err);
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

static int
add_hit(snip_ctx *c, const stok *a, const stok *z, size_t pat, size_t group,
	int bg)
{
	shit *h;

	if (VEC_GROW(c->hits, c->hits.n + 1))
		return -1;
	h = &c->hits.v[c->hits.n++];
	memset(h, 0, sizeof *h);
	h->bs = a->start;
	h->cs = a->cs;
	h->be = z->end > a->end ? z->end : a->end;
	h->ce = z->ce > a->ce ? z->ce : a->ce;
	h->group = group;
	h->pat = pat;
	h->bigram = bg;
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
		for (m = c->terms.v[L[k].term].mhead; m;
		     m = c->m.v[m - 1].next) {
			p = c->m.v[m - 1].pat;
			if (!pats[p].bigram != !bg)
				continue;
			d = c->p.v[p].last == k - 1 && adj ? c->p.v[p].state
							   : 0;
			d = ((d << 1) | 1) & c->m.v[m - 1].mask;
			c->p.v[p].state = d;
			c->p.v[p].last = k;
			np = pats[p].n < SNIP_MAXPHRASE ? pats[p].n
							: SNIP_MAXPHRASE;
			top = (uint64_t)1 << (np - 1);
			if ((d & top) && add_hit(c, &L[k + 1 - np], &L[k], p,
						 c->p.v[p].group, bg) < 0)
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
		c->p.v[p].state = 0;
		c->p.v[p].last = SNIP_NONE - 1;
	}
}

static int
merge_hits(snip_ctx *c)
{
	size_t i;

	c->mg.n = 0;
	for (i = 0; i < c->hits.n; i++) {
		if (c->mg.n && c->hits.v[i].bs <= c->mg.v[c->mg.n - 1].be) {
			if (c->hits.v[i].be > c->mg.v[c->mg.n - 1].be)
				c->mg.v[c->mg.n - 1].be = c->hits.v[i].be;
			continue;
		}
		if (VEC_GROW(c->mg, c->mg.n + 1))
			return -1;
		c->mg.v[c->mg.n].bs = c->hits.v[i].bs;
		c->mg.v[c->mg.n].be = c->hits.v[i].be;
		c->mg.n++;
	}
	return 0;
}

/* Sets c->tfirst from the elements (see match_term: a term can match
 * only if it starts as a term or, through prescan_may_stem, as a stem
 * does) and
 * makes term id 0, which matches nothing.  Returns 0 or -1. */
int
match_first_bytes(snip_ctx *c, const snip_pat *pats, const srun *r)
{
	size_t e;
	const snip_pat *p;
	uint32_t i;

	memset(c->tfirst, 0, sizeof c->tfirst);
	for (e = 0; e < c->e.n; e++) {
		p = &pats[c->e.v[e].pat];
		i = c->e.v[e].idx;
		if (p->terms[i] && c->e.v[e].len)
			c->tfirst[(unsigned char)p->terms[i][0]] = 1;
		if (r->stem && p->stems && p->stems[i] && c->e.v[e].slen) {
			if (!r->guess) {
				memset(c->tfirst, 1, sizeof c->tfirst);
				break;
			}
			c->tfirst[(unsigned char)p->stems[i][0]] = 1;
			memset(c->tfirst + 0x80, 1, 0x80);
		}
	}
	if (VEC_GROW(c->terms, 1))
		return -1;
	memset(&c->terms.v[0], 0, sizeof c->terms.v[0]);
	c->terms.n = 1;
	return 0;
}

/* After tokenizing up to elen (< len: the cap), drops the word cut there,
 * which may be longer (and its bigrams), from words w0 and bigrams g0 on;
 * then puts the bigrams in order of position. */
void
match_end_tokens(snip_ctx *c, size_t w0, size_t g0, size_t elen, size_t len)
{
	size_t i, n;
	int sorted = 1;

	if (elen < len) {
		while (c->w.n > w0 && c->w.v[c->w.n - 1].end >= elen)
			c->w.n--;
		for (i = n = g0; i < c->bg.n; i++)
			if (c->bg.v[i].end < elen)
				c->bg.v[n++] = c->bg.v[i];
		c->bg.n = n;
	}
	for (i = 1; i < c->bg.n && sorted; i++)
		sorted = c->bg.v[i - 1].pos <= c->bg.v[i].pos;
	if (!sorted)
		qsort(c->bg.v, c->bg.n, sizeof *c->bg.v, cmp_pos);
}

/* The word of c->w that holds byte b, or NULL. */
static const stok *
word_at(const snip_ctx *c, size_t b)
{
	size_t k = frag_words_start_le(c, b);

	return k && c->w.v[k - 1].end > b ? &c->w.v[k - 1] : NULL;
}

/* A hit of the bigram safety net marks whole words of the text (as the
 * tokenizer cuts it), never pieces of two: one that starts and ends where
 * words do is kept; one inside a single longer word grows to that word
 * (国家[安全] is [国家安全]); one that holds a piece of another word is
 * dropped (合[规制]度, read 合 规 制度; [当事人]的, read 当事 人的).
 * Returns 1 to keep h (maybe grown), 0 to drop it. */
static int
align_bigram_hit(const snip_ctx *c, shit *h)
{
	const stok *a = word_at(c, h->bs), *z = word_at(c, h->be - 1);

	if (!a || !z)
		return 0;
	if (a == z) {
		h->bs = a->start;
		h->cs = a->cs;
		h->be = a->end;
		h->ce = a->ce;
		return 1;
	}
	return h->bs == a->start && h->be == z->end;
}

/* Finds the hits in the tokens (sorted, merged): 0 or -1. */
int
match_all_hits(snip_ctx *c, const snip_pat *pats, size_t npats)
{
	size_t f, i;

	find_reset(c, npats);
	if (find_hits(c, pats, c->w.v, c->w.n, 0) < 0)
		return -1;
	find_reset(c, npats);
	f = c->hits.n;
	if (find_hits(c, pats, c->bg.v, c->bg.n, 1) < 0)
		return -1;
	for (i = f; i < c->hits.n; i++)
		if (align_bigram_hit(c, &c->hits.v[i]))
			c->hits.v[f++] = c->hits.v[i];
	c->hits.n = f;
	for (f = 1; f < c->hits.n; f++)
		if (cmp_hit(&c->hits.v[f - 1], &c->hits.v[f]) > 0)
			break;
	if (f < c->hits.n) /* bigram hits, or phrases ending together */
		qsort(c->hits.v, c->hits.n, sizeof *c->hits.v, cmp_hit);
	return merge_hits(c);
}
