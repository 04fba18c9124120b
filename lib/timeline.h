/*
 * timeline: a date histogram of all the matches of a search, counted the
 * way the total counts them: with collapse, a group of near-copies (dup.h)
 * counts once, under the date of the member the results show (the
 * best-ranked, shown.h), so the bars add up to the total.  The searcher
 * feeds every match Xapian looks at (xdb_search_opts.spy) to shown_add;
 * when the total is exact every match was seen.
 *
 * The unit, for the dated matches: the finest of day, month and year in
 * which the first and the last date are at most TIMELINE_BARS bars apart,
 * and no finer than the least precise date among them (a date given as a
 * year only makes the bars years).  Bars run without gaps from the first
 * date to the last (empty ones count 0), unless that would make more than
 * TIMELINE_MAX_BARS years: then only the years that have matches.  Matches
 * without a date are counted apart (undated).
 */
#ifndef TIMELINE_H
#define TIMELINE_H

#include <stddef.h>

#include <jansson.h>

#include "msg.h"
#include "shown.h"
#include "util.h"

#define TIMELINE_BARS 36      /* most bars of days or months */
#define TIMELINE_MAX_BARS 200 /* most bars of years without gaps */

typedef struct timeline_bar {
	char label[11]; /* "2025", "2025-05", "2025-05-07" */
	char from[11];	/* first and last day: "2025-01-01", "2025-12-31" */
	char to[11];
	unsigned count;
} timeline_bar;

typedef struct timeline {
	const char *unit;   /* "year", "month" or "day"; NULL: no dated
			       matches */
	timeline_bar *bars; /* malloc'd, oldest first */
	size_t nbars;
	unsigned dated;	    /* the sum of the bars' counts */
	unsigned undated;
	unsigned max;	    /* the highest bar */
	int made;	    /* counted (the search was asked for it) */
	int exact;	    /* every match was counted: dated + undated is
			       the total (the searcher sets it) */
} timeline;

/* The histogram of the matches s shows (shown.h: its dates), into *t
 * (cleared first).  Returns ST_OK, or ST_ENOMEM (also if an add ran out of
 * memory). */
int timeline_make(shown_set *s, timeline *t);

void timeline_clear(timeline *t);

/* {"unit", "buckets": [{"label", "from", "to", "count"}], "dated",
 * "undated", "exact"}: a new reference (NULL without memory). */
json_t *timeline_json(const timeline *t);

/* The bars for the terminal, one line each: label, a bar of '#' (at most
 * 40), count; then the undated count. */
void timeline_text(buf *o, const timeline *t);

/* The bars as a small chart for the results page, each bar a link: base
 * is the href of the results page without dates (already escaped for an
 * attribute, "?q=..."), to which the bar's from and to are added.  Plain
 * HTML and CSS (classes "tl", "b0".."b20": the bar's height in 5% steps
 * of the highest bar); each link has an accessible label ("2025: 123
 * results").  Nothing when t has no bars. */
void timeline_html(buf *o, const timeline *t, const char *base,
		   msg_lang l);

#endif
