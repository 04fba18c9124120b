/*
 * shown: which matches of a search the results show.  With collapse a
 * group of near-copies (dup.h: SCHEMA_SLOT_DUP) shows one member, the
 * best-ranked (highest weight, then lowest docid; newest first when the
 * results are sorted by date), and so the total counts groups.  The
 * searcher feeds every match Xapian looks at (xdb_search_opts.spy) to
 * shown_add with some of its slot values; shown_each then visits the
 * shown ones: one per group, with the values of the member shown, so the
 * timeline (timeline.h) and the facets count as the total does.
 */
#ifndef SHOWN_H
#define SHOWN_H

#include <stddef.h>

#include "date.h"

typedef struct shown_set shown_set;

/* A new set; by_date: the results are sorted newest first; nvals: how
 * many slot values each match brings.  NULL without memory. */
shown_set *shown_new(int by_date, size_t nvals);
void shown_free(shown_set *s);
/* Forgets the matches added so far (a search that is retried). */
void shown_reset(shown_set *s);

/* One match: its docid, weight, date value (SCHEMA_SLOT_DATE,
 * "YYYY-MM-DD" with 00 for absent parts; anything else is no date),
 * duplicate-group key (SCHEMA_SLOT_DUP; kn 0: none, or not collapsing)
 * and its nvals values v[k], vlen[k] (copied; NULL when nvals is 0). */
void shown_add(shown_set *s, unsigned docid, double wt, const char *dv,
	       size_t dn, const char *key, size_t kn, const char *const *v,
	       const size_t *vlen);

/* Calls fn once per shown match with its date (d->y 0: none) and values
 * (valid during the call); fn returns nonzero to stop.  Returns ST_OK, or
 * ST_ENOMEM (also if an add ran out of memory). */
int shown_each(shown_set *s,
	       int (*fn)(void *ctx, const date *d, const char *const *v,
			 const size_t *vlen),
	       void *ctx);

#endif
