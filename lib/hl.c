#include "hl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
pat_free(hl_pat *p)
{
	strv_free(p->terms, p->n);
	free(p->of);
}

void
hl_add(hl_list *l, hl_kind kind, int exact, char *const *terms, size_t n)
{
	hl_pat *p;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		hl_pat *t = realloc(l->v, cap * sizeof *t);

		if (!t) {
			l->nomem = 1;
			return;
		}
		l->v = t;
		l->cap = cap;
	}
	p = &l->v[l->n];
	memset(p, 0, sizeof *p);
	p->terms = calloc(n ? n : 1, sizeof *p->terms);
	if (!p->terms) {
		l->nomem = 1;
		return;
	}
	p->n = n;
	for (size_t i = 0; i < n; i++)
		if (!(p->terms[i] = str_dup(terms[i])))
			l->nomem = 1;
	if (l->nomem) {
		pat_free(p);
		return;
	}
	p->kind = kind;
	p->exact = exact;
	p->group = l->group;
	p->origin = l->origin;
	if (l->of && !(p->of = str_dup(l->of))) {
		l->nomem = 1;
		pat_free(p);
		return;
	}
	l->n++;
}

void
hl_clear(hl_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		pat_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void
hl_weigh(hl_list *l, xdb *db)
{
	unsigned nd = 0;
	double N;

	/* weights only order highlights: an index that cannot count
	 * fails the search itself */
	xdb_doccount(db, &nd, NULL);
	N = nd + 1.0;
	for (size_t i = 0; i < l->n; i++) {
		hl_pat *h = &l->v[i];
		unsigned tf = 0;

		if (h->n)
			xdb_termfreq(db, h->terms[0], strlen(h->terms[0]), &tf,
				     NULL);

		h->weight = log(N / (tf + 1.0)) + 1.0;
		if (h->kind == HL_PHRASE)
			h->weight *= 1.5;
		if (h->origin == HL_EXPANSION)
			h->weight *= 0.5;
		if (h->weight < 0.1)
			h->weight = 0.1;
	}
}

/* Orders pattern pointers by weight, highest first, then by position. */
static int
by_weight(const void *a, const void *b)
{
	const hl_pat *x = *(const hl_pat *const *)a;
	const hl_pat *y = *(const hl_pat *const *)b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? 1 : -1;
	return x < y ? -1 : x > y;
}

void
hl_keep_best(hl_list *l, size_t max)
{
	hl_pat **by;
	size_t k = 0;

	if (l->n <= max)
		return;
	by = malloc(l->n * sizeof *by);
	if (!by)
		return; /* all kept: slower, not wrong */
	for (size_t i = 0; i < l->n; i++)
		by[i] = &l->v[i];
	qsort(by, l->n, sizeof *by, by_weight);
	/* weights are positive (hl_weigh): a negative one marks the kept */
	for (size_t i = 0; i < max; i++)
		by[i]->weight = -by[i]->weight - 1;
	for (size_t i = 0; i < l->n; i++) {
		hl_pat *h = &l->v[i];

		if (h->weight < 0) {
			h->weight = -(h->weight + 1);
			l->v[k++] = *h;
		} else {
			pat_free(h);
		}
	}
	l->n = k;
	free(by);
}

void
hl_set_clear(hl_set *hs)
{
	for (size_t i = 0; i < hs->n; i++)
		if (hs->stems[i])
			strv_free(hs->stems[i], hs->p[i].n);
	free(hs->stems);
	free(hs->p);
	memset(hs, 0, sizeof *hs);
}

int
hl_set_make(hl_set *hs, const hl_list *l, stems *st, const char *lang)
{
	memset(hs, 0, sizeof *hs);
	snprintf(hs->lang, sizeof hs->lang, "%s", lang);
	hs->p = calloc(l->n ? l->n : 1, sizeof *hs->p);
	hs->stems = calloc(l->n ? l->n : 1, sizeof *hs->stems);
	if (!hs->p || !hs->stems)
		return -1;
	hs->n = l->n;
	hs->src = l->v;
	for (size_t i = 0; i < l->n; i++) {
		const hl_pat *h = &l->v[i];
		snip_pat *p = &hs->p[i];

		p->terms = (const char *const *)h->terms;
		p->n = h->n;
		p->weight = h->weight;
		p->prefix = h->kind == HL_PREFIX;
		p->bigram = h->kind == HL_BIGRAM;
		p->group = h->group;
		if (h->kind == HL_WORD && !h->exact) {
			char **sv = calloc(h->n, sizeof *sv);

			if (!sv)
				return -1;
			for (size_t j = 0; j < h->n; j++) {
				const char *x;
				size_t k = stems_get(st, lang, h->terms[j],
						     strlen(h->terms[j]), &x);

				sv[j] = k ? str_ndup(x, k) : NULL;
			}
			hs->stems[i] = sv;
			p->stems = (const char *const *)sv;
		}
	}
	return 0;
}
