/*
 * feed: a search as an Atom feed (see feed.h).
 *
 * Three kinds of output, as in page.c: LIT(o, "...") for markup (string
 * literals only), txt() for any other text (esc_html, which is XML's
 * escaping too), and links built by page_href (esc_url inside).
 */
#include "feed.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "esc.h"
#include "version.h"

#define LIT(o, s) buf_add((o), "" s "", sizeof(s) - 1)

static void
txt(buf *o, const char *s)
{
	esc_html(o, s, strlen(s));
}

/* base + the relative link of c's state plus name=val: an absolute URL,
 * escaped for an attribute or element text. */
static void
url(buf *o, const char *base, const page_ctx *c, const char *name,
    const char *val)
{
	txt(o, base);
	page_href(o, c, name, val);
}

/* An RFC 3339 time for a stored date ("2026-05-07", "2026-05", "2026"):
 * midnight UTC of its first day; 1970-01-01T00:00:00Z when it is none. */
static void
atom_date(buf *o, const char *d)
{
	date x;

	if (!d || date_parse(d, strlen(d), DATE_KEY, &x) != 0)
		x.y = 1970, x.m = 1, x.d = 1;
	buf_printf(o, "%04d-%02d-%02dT00:00:00Z", x.y, x.m ? x.m : 1,
		   x.d ? x.d : 1);
}

/* The newest date of the hits (they are newest first, but a hit without
 * a date may come anywhere after a corrected query): NULL if none. */
static const char *
newest(const search_result *res)
{
	const char *best = NULL;
	date x;

	for (size_t i = 0; i < res->nhits; i++) {
		const char *d = res->hits[i].v.date;

		if (d && date_parse(d, strlen(d), DATE_KEY, &x) == 0 &&
		    (!best || strcmp(d, best) > 0))
			best = d;
	}
	return best;
}

static void
entry(buf *o, const page_ctx *c, const search_hit *h, const char *base)
{
	const article_view *v = &h->v;
	page_ctx d = *c;

	d.q = d.source = d.lang = d.from = d.to = "";
	d.page = 1;
	d.per_page = PAGE_PER_PAGE;
	d.sort_date = 0;
	d.no_collapse = 0;
	LIT(o, "<entry>\n<id>");
	url(o, base, &d, "doc", v->id);
	LIT(o, "</id>\n<title type=\"text\">");
	txt(o, *v->title ? v->title : v->id);
	LIT(o, "</title>\n<updated>");
	atom_date(o, v->date);
	LIT(o, "</updated>\n");
	if (*v->date) {
		LIT(o, "<published>");
		atom_date(o, v->date);
		LIT(o, "</published>\n");
	}
	LIT(o, "<link rel=\"alternate\" type=\"text/html\" href=\"");
	if (esc_url_ok(v->url))
		txt(o, v->url);
	else
		url(o, base, c, "doc", v->id);
	LIT(o, "\"/>\n");
	if (*v->author || *v->source) {
		LIT(o, "<author><name>");
		txt(o, *v->author ? v->author : v->source);
		LIT(o, "</name></author>\n");
	}
	if (h->snip.text.n) {
		LIT(o, "<summary type=\"text\">");
		esc_html(o, h->snip.text.p, h->snip.text.n);
		LIT(o, "</summary>\n");
	}
	LIT(o, "</entry>\n");
}

void
feed_atom(buf *o, const page_ctx *c, const search_result *res,
	  const char *base, long long now)
{
	page_ctx self = *c, alt = *c;
	const char *upd = newest(res);

	self.page = alt.page = 1;
	self.sort_date = 0;
	alt.sort_date = 1;
	LIT(o, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	       "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>");
	url(o, base, &self, "format", "atom");
	LIT(o, "</id>\n<title type=\"text\">");
	txt(o, c->site);
	LIT(o, ": ");
	txt(o, c->q);
	LIT(o, "</title>\n<subtitle type=\"text\">The newest articles "
	       "matching the search</subtitle>\n<updated>");
	if (upd) {
		atom_date(o, upd);
	} else {
		time_t t = (time_t)now;
		struct tm tm;
		char s[32];

		gmtime_r(&t, &tm);
		strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
		buf_adds(o, s);
	}
	LIT(o, "</updated>\n<link rel=\"self\" type=\"application/atom+xml\" "
	       "href=\"");
	url(o, base, &self, "format", "atom");
	LIT(o, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	url(o, base, &alt, NULL, NULL);
	LIT(o, "\"/>\n<author><name>");
	txt(o, c->site);
	LIT(o, "</name></author>\n<generator version=\"" ENGINE_VERSION
	       "\">searcher</generator>\n");
	for (size_t i = 0; res && i < res->nhits; i++)
		entry(o, c, &res->hits[i], base);
	LIT(o, "</feed>\n");
}
