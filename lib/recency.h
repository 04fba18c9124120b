/*
 * recency: ranking that blends relevance with freshness (--recency).  A
 * document's score becomes
 *
 *     score = relevance + RECENCY_WEIGHT * top * 2^(-age / half_life)
 *
 * where top is the best relevance score of the query (so the freshness
 * bonus is on the scale of the query's own scores: a document from the
 * newest day gains as much as the best match scores), age is in days from
 * the newest date in the index (Xapian's upper bound of the date values:
 * not the wall clock, so a search gives the same ranking tomorrow as today
 * on the same index), and half_life the user's, in days.  A date with no
 * day counts from the 15th, one with no month from 1 July.  Undated
 * documents get no bonus (as if infinitely old).  A query that ranks
 * nothing (filters only) is ranked by the bonus alone (top taken as 1).
 * Matches, counts and collapsing are those of the query: only the order
 * changes.  Built as Xapian's AND_MAYBE with a posting source over the date
 * value slot (xdb_q_valueweight), so paging is exact.
 */
#ifndef RECENCY_H
#define RECENCY_H

#include <stddef.h>

#include "xdb.h"

#define RECENCY_WEIGHT 1.0
#define RECENCY_MAX_DAYS 36525.0 /* 100 years */

/* Parses a half-life: a positive number of days, or with a unit, "30d",
 * "2w", "6m" (months of 30.44 days), "1y" (years of 365.25 days);
 * decimals allowed ("1.5y"); at least 1 day, at most RECENCY_MAX_DAYS.
 * Returns 0 and *days, or -1 if s is not one. */
int recency_parse(const char *s, double *days);

/* What the bonus of a search needs; lives as long as its query. */
typedef struct recency {
	double half_life; /* days */
	long newest;	  /* day number (date_days) of the newest date */
	int dated;	  /* the index has dated documents */
} recency;

/* Reads the newest date of db into r.  Returns ST_OK or an ST_* code with
 * *err. */
int recency_init(recency *r, xdb *db, double half_life, char **err);

/* q with the freshness bonus for documents dated in slot SCHEMA_SLOT_DATE,
 * top being the query's best relevance score (0: none).  Takes ownership
 * of q; r must outlive the query.  NULL without memory. */
xdb_query *recency_blend(xdb_query *q, recency *r, double top);

#endif
