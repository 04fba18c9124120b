/*
 * feed: a search as an Atom 1.0 feed (RFC 4287), so that a reader can
 * follow a query in any feed reader: `?q=...&format=atom` on the page.
 * The CGI runs the search newest first; this module only renders.
 *
 * The feed: id and rel="self" link are the feed's own absolute URL, the
 * rel="alternate" link the results page of the same search (newest
 * first), title the site's name and the query, updated the newest entry's
 * date (the time of the request when no entry has a date), author the
 * site.  Each entry: id the absolute URL of the document view (`?doc=ID`,
 * stable while the document keeps its id), title, updated (and published)
 * the document's date at midnight UTC (a year or a month alone: its first
 * day; no date: 1970-01-01T00:00:00Z, so that undated entries never look
 * new), link to the article (its http(s) url, else the document view),
 * summary the snippet as plain text, author its author, else its source.
 * Every piece of text goes through esc_html, which is also XML's escaping
 * (and drops the control characters XML forbids); markup comes from
 * literals only, as in page.c.
 */
#ifndef FEED_H
#define FEED_H

#include "page.h"
#include "search.h"
#include "util.h"

/* The feed of res (the hits of c->q, newest first) into o.  base is the
 * absolute URL of the page (scheme, host, path; checked with esc_url_ok by
 * the caller); now the time of the request (seconds since the epoch). */
void feed_atom(buf *o, const page_ctx *c, const search_result *res,
	       const char *base, long long now);

#endif
