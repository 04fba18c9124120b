/*
 * snip: the snippet maker (contract in snip.h): the API and one call's
 * orchestration.  The parts: see snipctx.h.
 *
 * tok_run fills two token arrays: the words, and (only when a pattern asks
 * for bigrams) the CJK bigrams together with the two-character CJK words,
 * which tok does not repeat as bigrams.  With maxchars > 0 only regions of
 * the text around raw-text candidates are tokenized (prescan.c), else all
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

#include "prescan.h"
#include "snipctx.h"

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

/* GROW's helper: pp points to the array pointer (read and written as a
 * void *, which has the same representation as any object pointer). */
int
snip_grow(void *pp, size_t *cap, size_t need, size_t size)
{
	void *p, *q;

	memcpy(&p, pp, sizeof p);
	q = grow(p, cap, need, size);
	if (!q)
		return -1;
	memcpy(pp, &q, sizeof q);
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

	c->e.n = c->g.n = 0;
	c->wmin = 1;
	if (!npats)
		return 0;
	if (VEC_GROW(c->p, npats) || VEC_GROW(c->gp, npats))
		return -1;
	for (p = 0; p < npats; p++) {
		pt = &pats[p];
		c->p.v[p].base = SNIP_NONE;
		c->p.v[p].group = 0;
		if (!pt->n || !pt->terms)
			continue;
		if (pt->n > UINT32_MAX || c->e.n + pt->n > UINT32_MAX - 1)
			return -1;
		if (VEC_GROW(c->e, c->e.n + pt->n))
			return -1;
		c->p.v[p].base = c->e.n;
		for (i = 0; i < pt->n; i++) {
			c->e.v[c->e.n].pat = (uint32_t)p;
			c->e.v[c->e.n].idx = (uint32_t)i;
			c->e.v[c->e.n].len =
				pt->terms[i] ? strlen(pt->terms[i]) : 0;
			c->e.v[c->e.n].slen = pt->stems && pt->stems[i]
						  ? strlen(pt->stems[i])
						  : 0;
			c->e.n++;
		}
		c->gp.v[ngp].group = pt->group;
		c->gp.v[ngp].pat = p;
		ngp++;
	}
	if (!ngp)
		return 0;
	qsort(c->gp.v, ngp, sizeof *c->gp.v, cmp_gp);
	if (VEC_GROW(c->g, ngp))
		return -1;
	for (i = 0; i < ngp; i++) {
		if (i == 0 || c->gp.v[i].group != c->gp.v[i - 1].group)
			c->g.v[c->g.n++].w = 0;
		p = c->gp.v[i].pat;
		c->p.v[p].group = c->g.n - 1;
		/* a weight that is not positive (or NaN) still beats no hit */
		w = pats[p].weight;
		if (!(w > 0.0))
			w = 0.01;
		if (w > 1e6)
			w = 1e6;
		gi = (int64_t)(w * 1000.0 + 0.5);
		if (gi < 1)
			gi = 1;
		if (gi > c->g.v[c->g.n - 1].w)
			c->g.v[c->g.n - 1].w = gi;
	}
	c->wmin = c->g.v[0].w;
	for (i = 1; i < c->g.n; i++)
		if (c->g.v[i].w < c->wmin)
			c->wmin = c->g.v[i].w;
	return 0;
}

/* Empties the per-call state, keeping the memory (but a term table far
 * larger than the last call needed, which would cost cache misses). */
static void
ctx_reset(snip_ctx *c)
{
	if (c->nslots > 1024 && c->nslots > 16 * c->terms.n) {
		free(c->slots);
		c->slots = NULL;
		c->nslots = 0;
	}
	c->w.n = c->bg.n = c->terms.n = c->m.n = c->hits.n = c->mg.n = 0;
	c->fr.n = c->out.n = c->e.n = c->g.n = c->tokenized = 0;
	buf_reset(&c->arena);
	if (++c->gen == 0) {
		if (c->slots)
			memset(c->slots, 0, c->nslots * sizeof *c->slots);
		c->gen = 1;
	}
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
	free(c->w.v);
	free(c->bg.v);
	free(c->terms.v);
	free(c->slots);
	buf_free(&c->arena);
	free(c->m.v);
	free(c->hits.v);
	free(c->mg.v);
	free(c->e.v);
	free(c->p.v);
	free(c->gp.v);
	free(c->g.v);
	free(c->fr.v);
	buf_free(&c->stem);
	free(c->out.v);
	free(c->keys.v);
	free(c->cand.v);
	free(c->reg.v);
	free(c->cl.v);
	buf_free(&c->fold);
	free(c);
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

/* Tokenizes text[0..elen) into c (see srun). */
static int
tokenize(snip_ctx *c, tok *t, srun *r, size_t len, size_t elen, char **err)
{
	int rc;

	r->base = 0;
	r->len = elen;
	rc = match_tokenize(r, t, 0, elen, r->bigrams, 0, err);
	if (rc == SNIP_NOMEM)
		return seterr(err, -1, "snip: out of memory");
	if (rc < 0)
		return rc;
	match_end_tokens(c, 0, 0, elen, len);
	return 0;
}

/* The snippet without hits (see put_beginning), tokenizing only the
 * beginning of the text. */
static int
put_start(snip_ctx *c, tok *t, srun *r, const char *text, size_t len,
	  size_t maxchars, char **err)
{
	spos S = frag_skip_space(text, len);
	size_t elen;
	int rc;

	c->w.n = c->bg.n = c->hits.n = c->mg.n = 0;
	r->cb = r->cc = 0;
	r->intern = r->bigrams = 0;
	r->stop_c = S.c + maxchars;
	if (r->stop_c < S.c)
		r->stop_c = SNIP_NONE;
	elen = frag_adv(text, len, S.b,
		   maxchars + SNIP_SLACK < maxchars ? SNIP_NONE
						    : maxchars + SNIP_SLACK);
	if ((rc = tokenize(c, t, r, len, elen, err)) < 0)
		return rc;
	if (frag_put_beginning(c, text, len, elen, S, maxchars, 0) < 0)
		return seterr(err, -1, "snip: out of memory");
	return 0;
}

/* The end of what a fragment may reach: the end of the text (or of the
 * searched part, or of the last region), else the end of the last whole
 * word (or hit) before the cap. */
static spos
text_end(snip_ctx *c, srun *r, size_t len, size_t elen, int near)
{
	spos tend = {0, 0};
	size_t f;

	if (near == NEAR_OK && c->reg.n && c->reg.v[c->reg.n - 1].e < elen) {
		/* past the last region (no fragment reaches that far: see
		 * prescan_extend_after) */
		tend.b = elen;
		tend.c = match_run_char(r, elen);
	} else if (elen == len) {
		tend.b = len;
		tend.c = match_run_char(r, len);
	} else {
		if (c->w.n) {
			tend.b = c->w.v[c->w.n - 1].end;
			tend.c = c->w.v[c->w.n - 1].ce;
		}
		for (f = 0; f < c->hits.n; f++) {
			if (c->hits.v[f].wce > tend.c) {
				tend.b = c->hits.v[f].wbe;
				tend.c = c->hits.v[f].wce;
			}
		}
	}
	return tend;
}

/* Finds the hits by tokenizing the whole text (the terms interned so far
 * are kept).  Returns 0 with *done set when the snippet is made (the
 * whole text, or its beginning without hits), 0 with hits ready for the
 * fragments, or negative (with *err set). */
static int
hits_whole(snip_ctx *c, tok *t, srun *r, const char *text, size_t len,
	   size_t elen, const snip_pat *pats, size_t npats, int whole,
	   size_t maxchars, int *done, char **err)
{
	size_t hp = 0;
	int rc;

	*done = 1;
	c->w.n = c->bg.n = c->hits.n = c->mg.n = 0;
	r->cb = r->cc = 0;
	if ((rc = tokenize(c, t, r, len, elen, err)) < 0)
		return rc;
	if (match_all_hits(c, pats, npats) < 0)
		goto nomem;
	if (whole) {
		if (frag_put_range(c, 0, len, &hp) < 0)
			goto nomem;
		return 0;
	}
	if (!c->hits.n) {
		if (frag_put_beginning(c, text, len, elen,
				       frag_skip_space(text, len), maxchars,
				       hp) < 0)
			goto nomem;
		return 0;
	}
	frag_mark_sentences(c, text);
	frag_widen_hits(c);
	*done = 0;
	return 0;
nomem:
	return seterr(err, -1, "snip: out of memory");
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
	size_t elen, p;
	int rc, whole, done, near = NEAR_ALL;

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
	c->stored = o.toks && !c->scan_all &&
		    offs_open(&c->oc, o.toks, o.ntoks, len) == 0;
	if (prepare(c, pats, npats) < 0)
		goto nomem;
	whole = o.maxchars == 0 || len <= o.maxchars ||
		(len / 4 <= o.maxchars && u8_count(text, len) <= o.maxchars);
	if (whole && !c->e.n) {
		if (frag_put_span(c, 0, len, SNIP_TEXT) < 0)
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
	if (!c->e.n) {
		/* no patterns: only the beginning is needed */
		if ((rc = put_start(c, t, &r, text, len, o.maxchars, err)) < 0)
			return rc;
		goto done;
	}

	r.intern = 1;
	r.guess = !whole && !c->scan_all;
	if (match_first_bytes(c, pats, &r) < 0)
		goto nomem;
	for (p = 0; p < npats; p++)
		if (c->p.v[p].base != SNIP_NONE && pats[p].bigram)
			r.bigrams = 1;
	elen = whole || len <= SNIP_CAP ? len : u8_floor(text, len, SNIP_CAP);
	if (!whole && !c->scan_all &&
	    (rc = prescan_find_near(c, t, &r, text, len, elen, pats, npats,
				    o.maxchars, &near, err)) < 0)
		return rc;
	if (near == NEAR_NOHIT) {
		if ((rc = put_start(c, t, &r, text, len, o.maxchars, err)) < 0)
			return rc;
		goto done;
	}
	if (near == NEAR_ALL) {
		rc = hits_whole(c, t, &r, text, len, elen, pats, npats, whole,
				o.maxchars, &done, err);
		if (rc < 0)
			return rc;
		if (done)
			goto done;
	}

	if (frag_choose(c, o.maxchars, o.maxfrags) < 0)
		goto nomem;
	if (near == NEAR_OK && (rc = prescan_extend_after(c, t, &r, text, elen,
							  o.maxchars, err)) < 0)
		return rc;
	frag_fit(c, text, elen, o.maxchars, text_end(c, &r, len, elen, near));
	if (frag_put(c, text, len, o.maxchars) < 0)
		goto nomem;

done:
	*spans = c->out.v;
	*nspans = c->out.n;
	c->out.v = NULL;
	c->out.n = c->out.cap = 0;
	return 0;
nomem:
	return seterr(err, -1, "snip: out of memory");
}

/* The shown hits of c's last call; see snip.h.  Hits and spans are both
 * in text order: one walk over each. */
int
snip_ctx_hits(const snip_ctx *c, const snip_span *spans, size_t nspans,
	      snip_hit_fn fn, void *ctx)
{
	size_t i, k = 0;
	int rc;

	for (i = 0; i < c->hits.n; i++) {
		const shit *h = &c->hits.v[i];

		while (k < nspans && (spans[k].kind != SNIP_HIT ||
				      spans[k].end <= h->bs))
			k++;
		if (k == nspans)
			break;
		if (spans[k].start >= h->be)
			continue; /* not shown */
		if ((rc = fn(ctx, h->pat, h->bs, h->be)) != 0)
			return rc;
	}
	return 0;
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
