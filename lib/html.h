/*
 * html: the readable text and the metadata of an HTML page, parsed with
 * gumbo.  Used by article_from_html (lib/article.c); knows nothing of
 * articles.  Only this module includes <gumbo.h>.
 */
#ifndef HTML_H
#define HTML_H

#include <stddef.h>

#include "util.h"

/* Tags nested deeper than this are dropped (their text is kept) before
 * gumbo sees the page: gumbo's tree builder is quadratic in the depth. */
#define HTML_MAXDEPTH 512

/* Date candidates, best first (see html_parse). */
enum { HTML_DATE_PUBLISHED, HTML_DATE_TIME, HTML_DATE_META, HTML_NDATES };

/* A parsed page.  Every string is NUL-terminated and never NULL ("" when
 * absent); they live in mem_. */
typedef struct html_page {
	const char *title;  /* og:title, else <title>, else the first <h1> */
	int title_og;	    /* 1: the title is the page's og:title */
	const char *source; /* og:site_name */
	const char *author; /* meta name=author */
	const char *url;    /* link rel=canonical, else og:url */
	const char *lang;   /* <html lang>, raw */
	const char *dates[HTML_NDATES]; /* raw, not normalized */
	const char *text;   /* the readable text, paragraphs split by "\n\n" */
	size_t textlen;
	buf mem_;
} html_page;

/*
 * Parses n bytes of HTML, which must be valid UTF-8 without NUL bytes (the
 * caller checks), into *p (zeroed or cleared before).  Returns 0, or -1 when
 * out of memory (message in *err; *p is then cleared).  The text is empty
 * when the page has none.
 */
int html_parse(html_page *p, const char *data, size_t n, char **err);

/* Frees what *p owns and resets it to all "".  Accepts a zeroed page. */
void html_page_clear(html_page *p);

#endif
