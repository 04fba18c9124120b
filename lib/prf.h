/*
 * prf: pseudo-relevance feedback (issue 11).  The first documents a query
 * finds are taken as relevant; the words Xapian's ESet (Bo1) ranks best
 * among theirs join the query, each scaled by its expand weight (the best
 * 1) times the expansion's weight, so that documents saying the same thing
 * in other words rise: RM3's interpolation of the query with weighted
 * feedback terms, over Xapian's Bo1 weights.  When the query is plain
 * words (no field, quotes, AND, NOT, NEAR, wildcard or filter of the
 * user's), the expansion is OR-ed in and may bring new documents (through
 * the caller's filters: the page's facets, dates); otherwise it only
 * re-ranks the query's own matches (AND_MAYBE).
 *
 * Guards, for the known-item queries feedback would hurt: none for a query
 * of more than max_words words (a description or a claim: feedback lost
 * on them), none when the planner's known-item evidence (plan_build_known:
 * an identifier or the words as a whole title or name) matches a
 * document, none when the first document scores gap times the second or
 * more, none for a single word.  Off by default: a document it brings in
 * may show none of the query's words in its snippet, and the why line
 * cannot yet say "expansion" (issue 11).  Defaults and measurements: README ("Relevance").
 */
#ifndef PRF_H
#define PRF_H

#include "hl.h"
#include "query.h"
#include "xdb.h"

#define PRF_DOCS_ON 20 /* --prf without --prf-docs */

typedef struct prf_opts {
	unsigned docs;	    /* documents taken as relevant (0: off) */
	unsigned terms;	    /* expansion terms */
	double weight;	    /* the expansion's weight against the query's */
	unsigned max_words; /* longest query expanded (0: any) */
	double gap;	    /* no feedback when the first document scores
			       this times the second (0: always) */
	/* the caller's filters on a query (taking ownership; NULL without
	 * memory), for the expansion OR-ed in; NULL: it only re-ranks */
	xdb_query *(*filter)(void *ctx, xdb_query *q);
	void *filter_ctx;
	hl_list *hl;	    /* NULL, or where the expansion terms go as
			       highlight patterns of origin HL_EXPANSION
			       (borrowed) */
} prf_opts;

/* Expands *xq (which it replaces, taking ownership; on error it is left as
 * it was, or NULL when memory ran out), the plan of tree (borrowed), unless
 * the options are off or a guard (above) says no; known (borrowed, may be
 * NULL): the planner's known-item evidence.  so: how the query is run
 * (BM25, collapsing).  Returns ST_OK, or an ST_E* code with *err set. */
int prf_apply(xdb *db, xdb_query **xq, const qnode *tree,
	      const xdb_query *known, const prf_opts *po,
	      const xdb_search_opts *so, char **err);

#endif
