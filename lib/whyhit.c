/*
 * whyhit: why a snippet's hit is not the query's word (contract in
 * whyhit.h).
 */
#include "whyhit.h"

#include <stdlib.h>
#include <string.h>

#include "initials.h"

/* One shown hit: its pattern, bytes, and how it stands for the query
 * (WHY_NONE: as the query's word). */
typedef struct whit {
	size_t pat, bs, be;
	why_reason how;
	const char *of;
} whit;

typedef struct wctx {
	const hl_set *hs;
	tok *t;
	const char *text;
	whit *v;
	size_t n, cap;
	buf surf, fold; /* scratch */
	int nomem;
} wctx;

/* s[0..n) with runs of white space and control characters as one space,
 * trimmed, into out. */
static void
surface(buf *out, const char *s, size_t n)
{
	int sp = 0;

	buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch <= ' ' || ch == 0x7F) {
			sp = out->n > 0;
			continue;
		}
		if (sp)
			buf_addc(out, ' ');
		sp = 0;
		buf_addc(out, (char)ch);
	}
}

/* 1 if s has no ASCII byte (CJK text, as the folds concern). */
static int
all_wide(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x80)
			return 0;
	return n > 0;
}

/* 1 if a contains b or b contains a. */
static int
nested(const char *a, const char *b)
{
	return strstr(a, b) || strstr(b, a);
}

/* The letters and digits of word s (folded), without a possessive and an
 * ending (-ing, -ed, -es, -s, -e) that leaves two or more, into out. */
static void
word_core(char *out, size_t cap, const char *s)
{
	static const char *const end[] = {"ing", "ed", "es", "s", "e"};
	size_t n = 0, k;

	for (; *s && n + 1 < cap; s++)
		if ((unsigned char)*s >= 0x80 || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9'))
			out[n++] = *s;
		else if (*s == '\'' && s[1] == 's' && !s[2])
			break; /* agency's */
	out[n] = '\0';
	for (size_t i = 0; i < sizeof end / sizeof *end; i++) {
		k = strlen(end[i]);
		if (n >= k + 2 && !strcmp(out + n - k, end[i])) {
			out[n - k] = '\0';
			break;
		}
	}
}

/* 1 if the words a and b (folded) read as one word: with word_core's
 * letters, all but the last letter of the shorter (of three or more)
 * begins the longer (used: using, policy: policies; not generous:
 * general, directive: directly), a shorter one begins it (id: ids), or
 * they are equal. */
static int
same_word(const char *a0, const char *b0)
{
	char a[TOK_MAXTERM + 1], b[TOK_MAXTERM + 1];
	size_t na, nb, k;

	word_core(a, sizeof a, a0);
	word_core(b, sizeof b, b0);
	na = strlen(a);
	nb = strlen(b);
	k = na < nb ? na : nb;
	if (k >= 3)
		return memcmp(a, b, k - 1) == 0;
	return k == 2 ? memcmp(a, b, k) == 0 : strcmp(a, b) == 0;
}

/* How hit [bs, be) of pattern pat stands for the query (the surface is in
 * w->surf); sets *of. */
static why_reason
how_of(wctx *w, size_t pat, const char **of)
{
	const hl_pat *p = &w->hs->src[pat];
	const snip_pat *sp = &w->hs->p[pat];
	const char *s = w->surf.p ? w->surf.p : "";

	*of = p->of;
	switch (p->origin) {
	case HL_SYNONYM: return WHY_SYNONYM;
	case HL_EXPANSION: return WHY_EXPANSION;
	case HL_FOLD: return p->of && nested(s, p->of) ? WHY_NONE : WHY_FOLD;
	case HL_SPELLING: return WHY_SPELLING;
	case HL_QUERY: break;
	}
	buf_reset(&w->fold);
	if (tok_fold(w->t, s, strlen(s), &w->fold) < 0 || !w->fold.p) {
		w->nomem = w->fold.err;
		return WHY_NONE;
	}
	if (all_wide(s, strlen(s)) && strcmp(w->fold.p, s) != 0) {
		/* the text in Traditional characters, the query not */
		*of = w->fold.p;
		return WHY_FOLD;
	}
	if (sp->n == 1 && sp->stems && sp->stems[0] && !sp->prefix &&
	    !same_word(w->fold.p, p->terms[0])) {
		*of = p->terms[0];
		return WHY_STEM;
	}
	return WHY_NONE;
}

/* snip_ctx_hits' callback: records the hit and how it stands. */
static int
on_hit(void *ctx, size_t pat, size_t start, size_t end)
{
	wctx *w = ctx;
	whit *h;

	if (pat >= w->hs->n)
		return 0;
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;

		if (!(h = realloc(w->v, cap * sizeof *h)))
			return w->nomem = 1;
		w->v = h;
		w->cap = cap;
	}
	h = &w->v[w->n++];
	h->pat = pat;
	h->bs = start;
	h->be = end;
	h->of = NULL;
	surface(&w->surf, w->text + start, end - start);
	h->how = how_of(w, pat, &h->of);
	if (h->of && !(h->of = str_dup(h->of)))
		w->nomem = 1;
	return w->nomem;
}

/* 1 if a hit that is the query's word holds all of v[i]. */
static int
covered(const wctx *w, size_t i)
{
	for (size_t k = 0; k < w->n; k++)
		if (w->v[k].how == WHY_NONE && w->v[k].bs <= w->v[i].bs &&
		    w->v[i].be <= w->v[k].be)
			return 1;
	return 0;
}

/* Adds item (r, via, text[bs..be) as shown, of): 0 or -1. */
static int
add(why_list *l, wctx *w, why_reason r, why_reason via, size_t bs,
    size_t be, const char *of)
{
	surface(&w->surf, w->text + bs, be - bs);
	if (w->surf.err)
		return -1;
	return why_add(l, r, via, w->surf.p ? w->surf.p : "", w->surf.n, of);
}

int
whyhit_add(why_list *l, const snip_ctx *c, tok *t, const char *text,
	   const snip_span *spans, size_t nspans, const hl_set *hs,
	   why_reason where)
{
	wctx w = {hs, t, text, NULL, 0, 0, BUF_INIT, BUF_INIT, 0};
	size_t i, j, be;
	int rc = 0;

	if (!hs->n)
		return 0;
	if (snip_ctx_hits(c, spans, nspans, on_hit, &w) != 0)
		rc = -1;
	/* in the text: each hit that is not (in) a query word's; in a
	 * title or name: each run of overlapping hits, as the snippet would
	 * mark it, by way of such a hit in it if any */
	for (i = 0; rc == 0 && i < w.n; i = j) {
		const whit *by = NULL;

		be = w.v[i].be;
		for (j = i; j < w.n && (j == i || w.v[j].bs <= be); j++) {
			if (w.v[j].be > be)
				be = w.v[j].be;
			if (w.v[j].how == WHY_NONE || covered(&w, j))
				continue;
			if (where == WHY_NONE)
				rc = add(l, &w, w.v[j].how, WHY_NONE, w.v[j].bs,
					 w.v[j].be, w.v[j].of);
			else if (!by)
				by = &w.v[j];
		}
		if (rc == 0 && where != WHY_NONE)
			rc = add(l, &w, where, by ? by->how : WHY_NONE,
				 w.v[i].bs, be, by ? by->of : NULL);
	}
	for (i = 0; i < w.n; i++)
		free((char *)w.v[i].of);
	free(w.v);
	buf_free(&w.surf);
	buf_free(&w.fold);
	return rc;
}

/* The group of the word pattern of term, of the query's own, or -1. */
static int
word_group(const hl_list *l, const char *term)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].origin == HL_QUERY && l->v[i].kind == HL_WORD &&
		    l->v[i].n == 1 && strcmp(l->v[i].terms[0], term) == 0)
			return l->v[i].group;
	return -1;
}

/* Marks the patterns of the query's own in the group of word term's as
 * origin o, of s[0..n): 0 or -1. */
static int
mark(hl_list *l, const char *term, hl_origin o, const char *s, size_t n)
{
	int g = word_group(l, term);

	for (size_t i = 0; g >= 0 && i < l->n; i++) {
		hl_pat *p = &l->v[i];

		if (p->group != g || p->origin != HL_QUERY)
			continue;
		free(p->of);
		if (!(p->of = str_ndup(s, n)))
			return -1;
		p->origin = o;
	}
	return 0;
}

int
whyhit_mark_folds(hl_list *l, const qnode *q, const char *s, size_t n)
{
	if (!q)
		return 0;
	for (size_t i = 0; i < q->nkids && !(q->kind == Q_NOT && i > 0); i++)
		if (whyhit_mark_folds(l, q->kids[i], s, n) < 0)
			return -1;
	if (q->kind != Q_WORD || !(q->flags & QF_CJK) || q->qend > n ||
	    q->qstart >= q->qend ||
	    (strlen(q->text) == q->qend - q->qstart &&
	     !memcmp(q->text, s + q->qstart, q->qend - q->qstart)))
		return 0;
	return mark(l, q->text, HL_FOLD, s + q->qstart, q->qend - q->qstart);
}

/* The positive words of q, in order, into v[*n..max). */
static void
words(const qnode *q, const qnode **v, size_t *n, size_t max)
{
	if (!q)
		return;
	if (q->kind == Q_WORD && *n < max)
		v[(*n)++] = q;
	for (size_t i = 0; i < q->nkids && !(q->kind == Q_NOT && i > 0); i++)
		words(q->kids[i], v, n, max);
}

int
whyhit_fields(why_list *l, const qnode *q)
{
	static const char *const shown[] = {"title", "lang", "id", "dup"};
	buf v = BUF_INIT;
	int rc = 0;

	if (!q)
		return 0;
	for (size_t i = 0; i < q->nkids && !(q->kind == Q_NOT && i > 0); i++)
		if (!q->field && whyhit_fields(l, q->kids[i]) < 0)
			return -1;
	if (!q->field || q->kind == Q_DATE)
		return 0;
	for (size_t i = 0; i < sizeof shown / sizeof *shown; i++)
		if (!strcmp(q->field, shown[i]))
			return 0;
	if (q->text)
		buf_adds(&v, q->text);
	for (size_t i = 0; i < q->nkids; i++)
		if (q->kids[i]->kind == Q_WORD && q->kids[i]->text) {
			if (v.n)
				buf_addc(&v, ' ');
			buf_adds(&v, q->kids[i]->text);
		}
	if (q->kind == Q_WILD)
		buf_addc(&v, '*');
	if (v.err || (v.n && why_add(l, WHY_FIELD, WHY_NONE, v.p, v.n,
				     q->field) < 0))
		rc = -1;
	buf_free(&v);
	return rc;
}

int
whyhit_mark_fixes(hl_list *l, const qnode *tree, const qnode *typed)
{
	const qnode *a[64], *b[64];
	size_t na = 0, nb = 0;

	words(tree, a, &na, 64);
	words(typed, b, &nb, 64);
	for (size_t i = 0; i < na && i < nb; i++)
		if (strcmp(a[i]->text, b[i]->text) != 0 &&
		    mark(l, a[i]->text, HL_SPELLING, b[i]->text,
			 strlen(b[i]->text)) < 0)
			return -1;
	return 0;
}

int
whyhit_acronyms(why_list *l, tok *t, const hl_list *hl, const qnode *tree,
		const char *q, size_t n, const char *title, const char *names)
{
	const qnode *w[64];
	const char *in[2] = {title, names};
	size_t nw = 0, bs, be, k;
	buf surf = BUF_INIT, of = BUF_INIT;
	int rc = 0;

	words(tree, w, &nw, 64);
	for (size_t i = 0; rc == 0 && i < nw; i++) {
		const char *a = w[i]->text;

		for (k = 0; k < hl->n; k++)
			if (hl->v[k].acronym && !strcmp(hl->v[k].terms[0], a))
				break;
		if (k == hl->n)
			continue; /* not searched as an acronym */
		for (size_t j = 0; j < 2; j++) {
			if (!in[j] || !*in[j] ||
			    !initials_find(t, in[j], strlen(in[j]), a, &bs, &be))
				continue;
			buf_reset(&of);
			if (w[i]->qstart < w[i]->qend && w[i]->qend <= n)
				buf_add(&of, q + w[i]->qstart,
					w[i]->qend - w[i]->qstart);
			else
				buf_adds(&of, a);
			surface(&surf, in[j] + bs, be - bs);
			if (surf.err || of.err ||
			    why_add(l, WHY_ACRONYM, WHY_NONE,
				    surf.p ? surf.p : "", surf.n, of.p) < 0)
				rc = -1;
			break;
		}
	}
	buf_free(&surf);
	buf_free(&of);
	return rc;
}
