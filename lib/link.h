/*
 * link: what the search page was asked (page_ctx), and the relative links
 * that carry it ("?q=...&amp;page=2"), for the page's modules (page.c,
 * facet.c).  Relative, so the page works under any script path without
 * trusting SCRIPT_NAME or Host.
 */
#ifndef LINK_H
#define LINK_H

#include <stddef.h>

#include "fquery.h"
#include "util.h"

#define PAGE_PER_PAGE 10   /* results per page by default */
#define PAGE_MAX_PER_PAGE 50
#define PAGE_MAX_PAGE 1000 /* highest page number accepted */

/* What was asked: the state every link on the page carries.  Strings are
 * UTF-8 (the CGI checks), never NULL; "" means absent. */
typedef struct page_ctx {
	const char *site;    /* the site's name, e.g. "Search" */
	const char *q;	     /* the query as typed */
	const char *source;  /* filters */
	const char *lang;
	const char *from;    /* date range, "YYYY[-MM[-DD]]" */
	const char *to;
	int sort_date;	     /* newest first */
	unsigned page;	     /* 1-based */
	unsigned per_page;   /* 1..PAGE_MAX_PER_PAGE */
	int no_collapse;     /* every near-duplicate copy (collapse=0) */
	const fsel *sel;     /* metadata facet selections, f=NAME:VALUE
				(facet.h) */
	size_t nsel;
	const char *more;    /* the facet shown whole (more=NAME), or "" */
	const char *similar; /* similar=ID: the articles like this document
				(search_similar) instead of q's results */
	const char *since;   /* since=DATE: dated on or after it, or undated
				and indexed on or after it */
	const char *recency; /* recency=HALF_LIFE (recency.h): relevance
				blended with freshness; "" off */
	int ui;		     /* the page's language, a msg_lang (msg.h):
				0 English, from Accept-Language */
} page_ctx;

/* A relative link carrying c's state ("?q=...&amp;..."), escaped for an
 * href="" attribute: every value through esc_url, whose output is also
 * safe in an attribute.  Appends to o. */
void link_href(buf *o, const page_ctx *c);
/* The same with one more parameter name=val (name a literal; NULL: none). */
void link_href_x(buf *o, const page_ctx *c, const char *name,
		 const char *val);

#endif
