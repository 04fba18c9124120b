#include "prf.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "status.h"
#include "util.h"

#define PRF_MAX_TERMS 100

typedef struct expansion {
	char *term[PRF_MAX_TERMS];
	double weight[PRF_MAX_TERMS];
	size_t n;
} expansion;

static int
on_term(void *ctx, const char *term, size_t len, double weight)
{
	expansion *x = ctx;

	if (x->n == PRF_MAX_TERMS)
		return 1;
	if (!(x->term[x->n] = str_ndup(term, len)))
		return 1;
	x->weight[x->n++] = weight;
	return 0;
}

/* 1 if known matches a document. */
static int
is_known(xdb *db, const xdb_query *known, const xdb_search_opts *so)
{
	xdb_search_opts one = *so;
	xdb_mset *m = NULL;
	int hit;

	if (!known)
		return 0;
	one.offset = 0;
	one.limit = 1;
	one.check_at_least = 0;
	one.nfacets = 0;
	one.facet_slots = NULL;
	one.sort_slot = -1;
	if (xdb_search(db, known, &one, &m, NULL) != ST_OK)
		return 0;
	hit = xdb_mset_size(m) > 0;
	xdb_mset_free(m);
	return hit;
}

int
prf_apply(xdb *db, xdb_query **xq, const xdb_query *known,
	  const prf_opts *po, const xdb_search_opts *so, char **err)
{
	expansion x = {0};
	xdb_query **terms, *two[2], *e;
	int rc;

	if (!po->docs || !po->terms || po->weight <= 0 || !*xq ||
	    is_known(db, known, so))
		return ST_OK;
	rc = xdb_expand_query(db, *xq, so, po->docs,
			po->terms < PRF_MAX_TERMS ? po->terms : PRF_MAX_TERMS,
			schema_expandable, on_term, &x, err);
	if (rc != ST_OK || x.n == 0)
		goto out;
	terms = calloc(x.n, sizeof *terms);
	if (!terms) {
		rc = seterr(err, ST_ENOMEM, "out of memory");
		goto out;
	}
	/* each term by its expand weight, the best one 1 */
	for (size_t i = 0; i < x.n; i++) {
		terms[i] = xdb_q_scale(xdb_q_term(x.term[i], strlen(x.term[i]),
						  1, 0),
				       x.weight[i] / x.weight[0]);
		if (po->hl) { /* a stem (schema_expandable): its words, all
			       * in one group (they count once in a snippet) */
			char *stem = x.term[i] + strlen(SCHEMA_STEM);

			po->hl->group += i == 0;
			po->hl->origin = HL_EXPANSION;
			hl_add(po->hl, HL_WORD, 0, &stem, 1);
			po->hl->origin = HL_QUERY;
		}
	}
	e = xdb_q_op(XQ_OR, terms, x.n, 0);
	free(terms);
	two[1] = xdb_q_scale(e, po->weight);
	if (!two[1]) {
		rc = seterr(err, ST_ENOMEM, "out of memory");
		goto out;
	}
	two[0] = *xq;
	/* xdb_q_op owns both, also when it fails: then *xq is NULL */
	if (!(*xq = xdb_q_op(XQ_AND_MAYBE, two, 2, 0)))
		rc = seterr(err, ST_ENOMEM, "out of memory");
out:
	for (size_t i = 0; i < x.n; i++)
		free(x.term[i]);
	return rc;
}
