/*
 * shown: the matches a search's results show (see shown.h).
 */
#include "shown.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "status.h"
#include "util.h"

/* One match as the spy saw it. */
typedef struct match {
	uint64_t key; /* duplicate group, when has_key */
	double wt;
	unsigned docid;
	int has_key;
	date d;	     /* d.y 0: no date */
	size_t voff; /* its values: lens[voff..voff + nvals) and their
			bytes in vals from the first one's offset */
	size_t boff;
} match;

struct shown_set {
	int by_date;
	size_t nvals;
	match *m;
	size_t n, cap;
	size_t *lens; /* n * nvals */
	size_t lcap;
	buf vals;     /* the values' bytes, one after another */
	int err;
};

shown_set *
shown_new(int by_date, size_t nvals)
{
	shown_set *s = calloc(1, sizeof *s);

	if (s) {
		s->by_date = by_date;
		s->nvals = nvals;
	}
	return s;
}

void
shown_free(shown_set *s)
{
	if (!s)
		return;
	free(s->m);
	free(s->lens);
	buf_free(&s->vals);
	free(s);
}

void
shown_reset(shown_set *s)
{
	s->n = 0;
	s->vals.n = 0;
	s->vals.err = 0;
	s->err = 0;
}

void
shown_add(shown_set *s, unsigned docid, double wt, const char *dv, size_t dn,
	  const char *key, size_t kn, const char *const *v,
	  const size_t *vlen)
{
	match *t, x = {0};

	if (s->err)
		return;
	t = array_room(s->m, &s->cap, s->n, sizeof *s->m);
	if (!t) {
		s->err = 1;
		return;
	}
	s->m = t;
	x.docid = docid;
	x.wt = wt;
	x.has_key = kn == 16 && schema_hex64(key, &x.key) == 0;
	if (!dn || date_parse(dv, dn, DATE_KEY, &x.d) != 0)
		x.d.y = 0;
	x.voff = s->n * s->nvals;
	x.boff = s->vals.n;
	for (size_t k = 0; k < s->nvals; k++) {
		size_t *l = array_room(s->lens, &s->lcap, x.voff + k,
				       sizeof *s->lens);

		if (!l) {
			s->err = 1;
			return;
		}
		s->lens = l;
		l[x.voff + k] = vlen[k];
		buf_add(&s->vals, v[k], vlen[k]);
	}
	if (s->vals.err) {
		s->err = 1;
		return;
	}
	s->m[s->n++] = x;
}

/* Keyless matches first; then by group, its shown member first: by date
 * (newest first) when the results are (match_cmp_date), then by weight,
 * then by docid, as the results are ranked. */
static int
match_cmp(const void *pa, const void *pb)
{
	const match *a = pa, *b = pb;

	if (a->has_key != b->has_key)
		return a->has_key ? 1 : -1;
	if (a->has_key && a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->wt != b->wt)
		return a->wt > b->wt ? -1 : 1;
	if (a->docid != b->docid)
		return a->docid < b->docid ? -1 : 1;
	return 0;
}

static int
match_cmp_date(const void *pa, const void *pb)
{
	const match *a = pa, *b = pb;
	int c;

	if (a->has_key == b->has_key && a->key == b->key &&
	    (c = date_cmp(&a->d, &b->d)) != 0)
		return -c;
	return match_cmp(pa, pb);
}

int
shown_each(shown_set *s,
	   int (*fn)(void *ctx, const date *d, const char *const *v,
		     const size_t *vlen),
	   void *ctx)
{
	const char **ptrs;

	if (s->err)
		return ST_ENOMEM;
	ptrs = malloc((s->nvals ? s->nvals : 1) * sizeof *ptrs);
	if (!ptrs)
		return ST_ENOMEM;
	if (s->n) /* qsort's array may not be NULL, even empty */
		qsort(s->m, s->n, sizeof *s->m,
		      s->by_date ? match_cmp_date : match_cmp);
	for (size_t i = 0; i < s->n; i++) {
		const match *x = &s->m[i];
		size_t off = x->boff;

		if (x->has_key && i && s->m[i - 1].has_key &&
		    s->m[i - 1].key == x->key)
			continue; /* a copy collapsed into the shown member */
		for (size_t k = 0; k < s->nvals; k++) {
			ptrs[k] = s->vals.p ? s->vals.p + off : "";
			off += s->lens[x->voff + k];
		}
		if (fn(ctx, &x->d, ptrs, s->lens + x->voff))
			break;
	}
	free(ptrs);
	return ST_OK;
}
