/*
 * page: the HTML printer of the search page (the CGI front end in
 * searcher/cgi.c decides what to show; this module only renders).  Every
 * function renders into a buf, never prints, never exits.
 *
 * Safe by construction: page.c writes markup only from string literals (a
 * macro that refuses anything but a literal), every other piece of text
 * goes through esc_html (element text and quoted attributes) or esc_url
 * (query components of the links it builds), and an article's url becomes
 * an href only when esc_url_ok() says it is http(s); otherwise the title
 * links to the document view.  Highlights are <mark> elements placed on the
 * snippet's hit ranges (snip_text), each piece of text escaped on its own.
 * The page has no script and loads nothing but its own stylesheet (served
 * by the CGI at "?css=<hash>", see page_css) and a data: icon, so it works
 * under the strict Content-Security-Policy the CGI sends.
 *
 * Links are relative ("?q=...&page=2"), so the page works under any script
 * path without trusting SCRIPT_NAME or Host.
 */
#ifndef PAGE_H
#define PAGE_H

#include <stddef.h>

#include "link.h"
#include "search.h"
#include "util.h"

/* The relative link ("?q=...&amp;page=2") of c's state, plus one more
 * parameter name=val (name NULL: none), escaped for an HTML or XML
 * attribute: for other printers of the page's links (feed.h). */
void page_href(buf *o, const page_ctx *c, const char *name, const char *val);

/* Titles longer than this many columns (width.h: CJK characters count 2)
 * are shortened on the results page, whole on the document view. */
#define PAGE_TITLE_COLS 100

/* The results page for c->q.  res NULL: the home page (no query yet) with
 * a short guide to the query language.  Shows the total and time, "did you
 * mean" (res->suggestion), active filters with links that remove them, the
 * hits (title, date, source, snippet with <mark>), facet counts with links
 * that filter, pagination, and an empty state that helps. */
void page_results(buf *o, const page_ctx *c, const search_result *res);

/* The document view: res is search_doc's one hit, its whole text (the
 * snippet with snip_chars 0) shown with the query's matches in <mark>,
 * paragraphs kept from the stored text. */
void page_doc(buf *o, const page_ctx *c, const search_result *res);

/* An error page: status (e.g. 400) with its reason phrase as the heading,
 * msg (plain text, escaped) below it, and the search box holding c->q. */
void page_error(buf *o, const page_ctx *c, int status, const char *msg);

/* The reason phrase of an HTTP status ("Not Found"); "Error" if unknown. */
const char *page_status_text(int status);

/* The OpenSearch description.  base is the absolute URL of the page
 * (scheme, host, path; the caller checks it with esc_url_ok), site its
 * name. */
void page_opensearch(buf *o, const char *site, const char *base);

/* The stylesheet (static text, *n its length) and a short tag that changes
 * with it (for the "?css=<tag>" link, so it can be cached for a year). */
const char *page_css(size_t *n);
const char *page_css_tag(void);

/* format=json: the bulk "json" printer's object (out.h; without qid) plus
 * "page", "per_page", "facets" ({"source": [{"value", "count"}], "year":
 * [...], "lang": [...]}) and "version" (ENGINE_VERSION).  With error set
 * (res may be NULL): {"query", "error", "version"}.  One line, ending in a
 * newline; rendered once, through the printer interface. */
void page_json(buf *o, const page_ctx *c, const search_result *res,
	       const char *error);

#endif
