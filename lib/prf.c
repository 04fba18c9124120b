#include "prf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "status.h"
#include "util.h"

#define PRF_MAX_TERMS 100
/* one word is too little to say which of its senses the first documents
 * share (`chips`: semiconductors, and the CHIP bill's) */
#define PRF_MIN_WORDS 2

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
	/* Bo1 divides by the term's share of all words: a term indexed with
	 * no frequency of its own (wdf 0) comes out infinite */
	if (!(weight > 0) || !isfinite(weight))
		return 0;
	if (!(x->term[x->n] = str_ndup(term, len)))
		return 1;
	x->weight[x->n++] = weight;
	return 0;
}

/* The number of words in q. */
static unsigned
words(const qnode *q)
{
	unsigned n = q->kind == Q_WORD;

	for (size_t i = 0; i < q->nkids; i++)
		n += words(q->kids[i]);
	return n;
}

/* 1 if q is words as typed, with no syntax of the user's that an added
 * word must respect: OR-ed words, split words (ai-act) and CJK runs, no
 * field, no quotes, no AND, NOT, NEAR, wildcard or filter. */
static int
plain(const qnode *q)
{
	if (q->field)
		return 0;
	switch (q->kind) {
	case Q_WORD:
		return 1;
	case Q_PHRASE:
		if (q->flags & QF_QUOTED)
			return 0;
		break;
	case Q_AND:
		if (!(q->flags & QF_RUN))
			return 0;
		break;
	case Q_OR:
		break;
	default:
		return 0;
	}
	for (size_t i = 0; i < q->nkids; i++)
		if (!plain(q->kids[i]))
			return 0;
	return 1;
}

/* so for the first n documents by relevance, nothing counted. */
static xdb_search_opts
first(const xdb_search_opts *so, unsigned n)
{
	xdb_search_opts o = *so;

	o.offset = 0;
	o.limit = n;
	o.check_at_least = 0;
	o.nfacets = 0;
	o.facet_slots = NULL;
	o.sort_slot = -1;
	return o;
}

/* 1 if known matches a document. */
static int
is_known(xdb *db, const xdb_query *known, const xdb_search_opts *so)
{
	xdb_search_opts one = first(so, 1);
	xdb_mset *m = NULL;
	int hit;

	if (!known)
		return 0;
	if (xdb_search(db, known, &one, &m, NULL) != ST_OK)
		return 0;
	hit = xdb_mset_size(m) > 0;
	xdb_mset_free(m);
	return hit;
}

/* The first documents xq finds into docids (at most po->docs of them),
 * their number; 0 when the first scores po->gap times the second or more
 * (one document stands out: a known item the planner had no evidence
 * for). */
static size_t
feedback_docs(xdb *db, const xdb_query *xq, const prf_opts *po,
	      const xdb_search_opts *so, unsigned *docids)
{
	xdb_search_opts top = first(so, po->docs);
	xdb_mset *m = NULL;
	size_t n = 0;

	if (xdb_search(db, xq, &top, &m, NULL) != ST_OK)
		return 0;
	n = xdb_mset_size(m);
	if (po->gap > 0 && n >= 2 &&
	    xdb_mset_weight(m, 0) >= po->gap * xdb_mset_weight(m, 1))
		n = 0;
	for (size_t i = 0; i < n; i++)
		docids[i] = xdb_mset_docid(m, i);
	xdb_mset_free(m);
	return n;
}

int
prf_apply(xdb *db, xdb_query **xq, const qnode *tree, const xdb_query *known,
	  const prf_opts *po, const xdb_search_opts *so, char **err)
{
	expansion x = {0};
	xdb_query **terms, *two[2], *e;
	unsigned *docids;
	size_t nd;
	int wide, rc = ST_OK;

	if (!po->docs || !po->terms || po->weight <= 0 || !*xq ||
	    words(tree) < PRF_MIN_WORDS ||
	    (po->max_words && words(tree) > po->max_words) ||
	    is_known(db, known, so))
		return ST_OK;
	if (!(docids = calloc(po->docs, sizeof *docids)))
		return seterr(err, ST_ENOMEM, "out of memory");
	nd = feedback_docs(db, *xq, po, so, docids);
	if (nd)
		rc = xdb_expand_query(db, *xq, docids, nd,
				po->terms < PRF_MAX_TERMS ? po->terms :
				PRF_MAX_TERMS, schema_expandable, on_term, &x,
				err);
	free(docids);
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
	e = xdb_q_scale(e, po->weight);
	wide = e && po->filter && plain(tree);
	two[1] = wide ? po->filter(po->filter_ctx, e) : e;
	if (!two[1]) {
		rc = seterr(err, ST_ENOMEM, "out of memory");
		goto out;
	}
	two[0] = *xq;
	/* xdb_q_op owns both, also when it fails: then *xq is NULL */
	if (!(*xq = xdb_q_op(wide ? XQ_OR : XQ_AND_MAYBE, two, 2, 0)))
		rc = seterr(err, ST_ENOMEM, "out of memory");
out:
	for (size_t i = 0; i < x.n; i++)
		free(x.term[i]);
	return rc;
}
