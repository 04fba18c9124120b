/*
 * prf: pseudo-relevance feedback (issue 11).  The first documents a query
 * finds are taken as relevant; the words Xapian's ESet (Bo1) ranks best
 * among theirs join the query, scaled, so that documents saying the same
 * thing in other words rise.  They only re-rank: the expanded query is the
 * query AND_MAYBE the expansion, so the matches, their count and the
 * filters stay the query's own.  Never for a known-item query: when the
 * planner's known-item evidence (plan_build_known: an identifier or the
 * words as a whole title or name) matches a document, the query is left
 * as it is.  Defaults and measurements: README ("Relevance").
 */
#ifndef PRF_H
#define PRF_H

#include "hl.h"
#include "xdb.h"

#define PRF_DOCS_ON 10 /* --prf without --prf-docs */

typedef struct prf_opts {
	unsigned docs;	/* documents taken as relevant (0: off) */
	unsigned terms; /* expansion terms */
	double weight;	/* the expansion's weight against the query's */
	hl_list *hl;	/* NULL, or where the expansion terms go as highlight
			   patterns of origin HL_EXPANSION (borrowed) */
} prf_opts;

/* Expands *xq (which it replaces, taking ownership; on error it is left as
 * it was, or NULL when memory ran out) unless the options are off or known (borrowed, may be NULL)
 * matches a document.  so: how the query is run (BM25, collapsing).
 * Returns ST_OK, or an ST_E* code with *err set. */
int prf_apply(xdb *db, xdb_query **xq, const xdb_query *known,
	      const prf_opts *po, const xdb_search_opts *so, char **err);

#endif
