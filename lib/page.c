/*
 * page: the HTML printer of the search page (see page.h).
 *
 * Three kinds of output only, so that escaping holds by construction:
 *   LIT(o, "...")  markup: the macro accepts string literals only;
 *   txt(o, s)      any other text, element or quoted attribute: esc_html;
 *   num(o, v)      numbers.
 * Links are built by link.h, which puts every value through esc_url.
 * No format string in this file ever carries data.
 */
#include "page.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "docblk.h"
#include "esc.h"
#include "facet.h"
#include "link.h"
#include "msg.h"
#include "out.h"
#include "pagekit.h"
#include "query.h"
#include "version.h"
#include "width.h"

static void
txt(buf *o, const char *s)
{
	esc_html(o, s, strlen(s));
}

static void
num(buf *o, unsigned long v)
{
	buf_printf(o, "%lu", v);
}

/* A count with thousands separators in s: "12,345".  Returns s. */
static const char *
count_s(char s[32], unsigned long v)
{
	buf b = BUF_INIT;

	esc_count(&b, v);
	snprintf(s, 32, "%.*s", b.err ? 0 : (int)b.n, b.p ? b.p : "");
	buf_free(&b);
	return s;
}

static void
count(buf *o, unsigned long v)
{
	char s[32];

	buf_adds(o, count_s(s, v));
}

/* A number in s.  Returns s. */
static const char *
num_s(char s[24], unsigned long v)
{
	snprintf(s, 24, "%lu", v);
	return s;
}
/* ---- links (link.h) ---- */

static void
href_x(buf *o, const page_ctx *c, const char *name, const char *val)
{
	link_href_x(o, c, name, val);
}

static void
href(buf *o, const page_ctx *c)
{
	link_href(o, c);
}

/* The Atom feed of c's search: its first page, newest first. */
static void
href_feed(buf *o, const page_ctx *c)
{
	page_ctx f = *c;

	f.page = 1;
	f.sort_date = 0;
	href_x(o, &f, "format", "atom");
}

/* <a href="link for c">, text escaped, </a> */
static void
link(buf *o, const page_ctx *c, const char *text)
{
	LIT(o, "<a href=\"");
	href(o, c);
	LIT(o, "\">");
	txt(o, text);
	LIT(o, "</a>");
}

/* ---- pieces of text ---- */

/* A stored date for people in the page's language ("7 May 2026",
 * "2026年5月7日"); anything that is not a date as it is. */
static void
date_text(buf *o, const page_ctx *c, const char *d)
{
	char s[DATE_MAX];

	txt(o, date_reformat(d, c->ui == MSG_ZH ? DATE_OUT_ZH : DATE_OUT_LONG,
			     s) ? s : d);
}

/* The host and path of an http(s) url, for display: "example.com/a/b". */
static void
url_text(buf *o, const char *url)
{
	const char *p = strstr(url, "://");
	size_t n;

	p = p ? p + 3 : url;
	n = strlen(p);
	if (n > 80) {
		n = u8_floor(p, n, 77);
		esc_html(o, p, n);
		buf_adds(o, "\xE2\x80\xA6");
		return;
	}
	if (n && p[n - 1] == '/')
		n--;
	esc_html(o, p, n);
}

/* 1 if s looks like a language tag (en, zh-Hans): safe for lang="". */
static int
lang_tag(const char *s)
{
	size_t n = strlen(s);

	if (n < 2 || n > 35)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-'))
			return 0;
	return 1;
}

/* ---- highlighted text ---- */

/* Appends s[0..n) with the hl ranges in <mark> (hits separated by one
 * space join into one mark) and, at the offsets in brk (spaces, ascending),
 * a paragraph break "</p><p>" instead of the space. */
static void
marked(buf *o, const char *s, size_t n, const snip_hl *hl0, size_t nhl0,
       const size_t *brk, size_t nbrk)
{
	snip_hl *hl;
	size_t nhl = docblk_join(s, n, hl0, nhl0, &hl), i = 0, h = 0, b = 0;
	int open = 0;

	while (i < n) {
		size_t stop = n;
		int in;

		while (b < nbrk && brk[b] < i)
			b++;
		if (b < nbrk && brk[b] == i) {
			if (open)
				LIT(o, "</mark>");
			LIT(o, "</p>\n<p>");
			open = 0;
			i++;
			b++;
			continue;
		}
		while (h < nhl && hl[h].bend <= i)
			h++;
		in = h < nhl && hl[h].bstart <= i;
		if (in)
			stop = hl[h].bend;
		else if (h < nhl)
			stop = hl[h].bstart;
		if (b < nbrk && brk[b] < stop)
			stop = brk[b];
		if (in && !open)
			LIT(o, "<mark>");
		else if (!in && open)
			LIT(o, "</mark>");
		open = in;
		esc_html(o, s + i, stop - i);
		i = stop;
	}
	if (open)
		LIT(o, "</mark>");
	free(hl);
}

/* ---- the frame: head, search form, foot ---- */

static const char css[] =
	":root{--fg:#1c2230;--muted:#5d6675;--bg:#fff;--card:#f5f6f8;"
	"--line:#e1e4ea;--link:#1749c9;--visited:#6a3ab0;--url:#0b6b4c;"
	"--mark:#ffe47a;--btn:#1749c9}\n"
	"@media (prefers-color-scheme:dark){:root{--fg:#e4e7ec;--muted:#9aa3b0;"
	"--bg:#14171c;--card:#1b1f26;--line:#2c323b;--link:#8db3ff;"
	"--visited:#c6a8ff;--url:#6fd3a8;--mark:#725f00;--btn:#3468ea}}\n"
	"*{box-sizing:border-box}\n"
	"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
	"body{margin:0;font:16px/1.55 system-ui,-apple-system,\"Segoe UI\","
	"Roboto,\"Noto Sans\",\"Noto Sans CJK SC\",\"Helvetica Neue\",Arial,"
	"sans-serif;color:var(--fg);background:var(--bg)}\n"
	"a{color:var(--link)}a:visited{color:var(--visited)}\n"
	".top{background:var(--card);border-bottom:1px solid var(--line)}\n"
	".search{max-width:70rem;margin:0 auto;padding:.8rem 1rem;display:flex;"
	"flex-wrap:wrap;align-items:center;gap:.5rem 1.2rem}\n"
	".brand{font-weight:700;font-size:1.2rem;color:var(--fg);"
	"text-decoration:none;white-space:nowrap}\n"
	".brand:visited{color:var(--fg)}\n"
	".box{display:flex;flex:1 1 18rem;min-width:0;max-width:44rem}\n"
	".box input{flex:1;min-width:0;font:inherit;padding:.5rem .8rem;"
	"color:var(--fg);background:var(--bg);border:1px solid #aab2bf;"
	"border-right:0;border-radius:.5rem 0 0 .5rem}\n"
	".box button{font:inherit;font-weight:600;padding:.5rem 1.1rem;"
	"color:#fff;background:var(--btn);border:1px solid var(--btn);"
	"border-radius:0 .5rem .5rem 0;cursor:pointer}\n"
	".box input:focus,.box button:focus{outline:2px solid var(--link);"
	"outline-offset:1px}\n"
	".opts{flex-basis:100%;font-size:.9rem;color:var(--muted)}\n"
	".opts summary{cursor:pointer;width:max-content}\n"
	".opts label{display:inline-block;margin:.5rem 1.2rem 0 0}\n"
	".opts input,.opts select{font:inherit;padding:.15rem .4rem;"
	"color:var(--fg);background:var(--bg);border:1px solid #aab2bf;"
	"border-radius:.3rem}\n"
	".wrap{max-width:70rem;margin:0 auto;padding:1rem}\n"
	".bar{display:flex;flex-wrap:wrap;justify-content:space-between;"
	"gap:.3rem 1rem;color:var(--muted);font-size:.92rem;margin:.2rem 0 1rem}"
	"\n.bar p{margin:0}\n"
	".note{background:var(--card);border-left:3px solid var(--link);"
	"padding:.5rem .8rem;margin:0 0 1rem}\n"
	".chips{display:flex;flex-wrap:wrap;gap:.4rem;margin:0 0 1.2rem;"
	"padding:0;list-style:none;font-size:.9rem}\n"
	".chips a{display:inline-block;padding:.15rem .6rem;border:1px solid "
	"var(--line);border-radius:1rem;text-decoration:none;color:var(--fg)}"
	"\n.chips a:hover{border-color:var(--link)}\n"
	".cols{display:grid;grid-template-columns:minmax(0,1fr) 14rem;"
	"gap:1rem 3rem}\n"
	"@media (max-width:52rem){.cols{grid-template-columns:minmax(0,1fr)}}"
	"\n.hits{list-style:none;margin:0;padding:0}\n"
	".hit{margin:0 0 1.7rem;max-width:44rem}\n"
	".hit h2{font-size:1.15rem;font-weight:600;line-height:1.35;"
	"margin:0 0 .2rem}\n"
	".hit h2 a{text-decoration:none}.hit h2 a:hover{text-decoration:"
	"underline}\n"
	".meta{color:var(--muted);font-size:.88rem;margin:0 0 .3rem}\n"
	".url{color:var(--url);overflow-wrap:anywhere}\n"
	".snip{margin:0;overflow-wrap:break-word}\n"
	".more{margin:.25rem 0 0;font-size:.88rem}\n"
	".copies{margin:.25rem 0 0;font-size:.88rem;color:var(--muted)}\n"
	"mark{background:var(--mark);color:inherit;border-radius:.2em;"
	"padding:0 .1em}\n"
	".facets h2{font-size:.78rem;font-weight:700;letter-spacing:.06em;"
	"text-transform:uppercase;color:var(--muted);margin:0 0 .4rem}\n"
	".facets ul{list-style:none;margin:0 0 1.5rem;padding:0}\n"
	".facets li{display:flex;justify-content:space-between;gap:.6rem;"
	"padding:.12rem 0}\n"
	".facets li a{overflow-wrap:anywhere;text-decoration:none}\n"
	".facets li a:hover{text-decoration:underline}\n"
	".facets .n{color:var(--muted);font-variant-numeric:tabular-nums}\n"
	".facets .on a{font-weight:700}\n"
	".tl ol{display:flex;align-items:flex-end;gap:1px;height:4.5rem;"
	"margin:0;padding:0;list-style:none;border-bottom:1px solid "
	"var(--line)}\n"
	".tl li{flex:1 1 0;min-width:2px;max-width:1.6rem;height:100%;"
	"display:flex;align-items:flex-end;padding:0}\n"
	".tl li a,.tl li span{display:block;width:100%;background:var(--link);"
	"border-radius:2px 2px 0 0}\n"
	".tl a:hover,.tl a:focus{background:var(--visited);outline:2px solid "
	"var(--fg);outline-offset:1px}\n"
	".tl .b0{height:0}.tl .b1{height:5%}.tl .b2{height:10%}"
	".tl .b3{height:15%}.tl .b4{height:20%}.tl .b5{height:25%}"
	".tl .b6{height:30%}.tl .b7{height:35%}.tl .b8{height:40%}"
	".tl .b9{height:45%}.tl .b10{height:50%}.tl .b11{height:55%}"
	".tl .b12{height:60%}.tl .b13{height:65%}.tl .b14{height:70%}"
	".tl .b15{height:75%}.tl .b16{height:80%}.tl .b17{height:85%}"
	".tl .b18{height:90%}.tl .b19{height:95%}.tl .b20{height:100%}\n"
	".tl .ends{display:flex;justify-content:space-between;margin:.2rem 0 0;"
	"font-size:.8rem;color:var(--muted)}\n"
	".tl .undated{margin:.1rem 0 0;font-size:.8rem;color:var(--muted)}\n"
	".tl{margin:0 0 1.5rem}\n"
	".pages{display:flex;flex-wrap:wrap;gap:.4rem;margin:1.5rem 0}\n"
	".pages a,.pages span{min-width:2.4rem;text-align:center;"
	"padding:.35rem .7rem;border:1px solid var(--line);border-radius:.4rem;"
	"text-decoration:none}\n"
	".pages [aria-current]{color:#fff;background:var(--btn);"
	"border-color:var(--btn)}\n"
	".empty,.error{max-width:40rem}\n"
	".empty h1,.error h1{font-size:1.4rem;line-height:1.3}\n"
	".guide{max-width:44rem}\n.guide h1{font-size:1.5rem}\n"
	".guide dl{display:grid;grid-template-columns:max-content 1fr;"
	"gap:.4rem 1.2rem}\n.guide dt{font-family:ui-monospace,monospace}\n"
	".guide dt a{text-decoration:none}\n"
	"@media (max-width:30rem){.guide dl{grid-template-columns:1fr}"
	".guide dd{margin:0 0 .5rem}}\n"
	".guide dd{margin:0;color:var(--muted)}\n"
	".doc{max-width:44rem}\n"
	".doc h1{font-size:1.75rem;line-height:1.25;margin:.4rem 0}\n"
	".doc .text{font-size:1.05rem;line-height:1.7}\n"
	".doc .text p{margin:0 0 1em}\n"
	".doc .text h2{font-size:1.3rem;margin:1.6em 0 .6em}\n"
	".doc .text h3{font-size:1.15rem;margin:1.4em 0 .5em}\n"
	".doc .text h4,.doc .text h5,.doc .text h6{font-size:1.05rem;"
	"margin:1.2em 0 .4em}\n"
	".doc .fields{display:grid;grid-template-columns:max-content 1fr;"
	"gap:.1rem 1rem;margin:.6rem 0 1rem;font-size:.9rem}\n"
	".doc .fields dt{color:var(--muted)}\n"
	".doc .fields dd{margin:0;overflow-wrap:anywhere}\n"
	"mark a,mark a:visited{color:inherit;text-decoration:underline;"
	"text-decoration-thickness:1px;text-underline-offset:.2em}\n"
	"a:focus-visible{outline:2px solid var(--link);outline-offset:2px}\n"
	".vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;"
	"overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}\n"
	"mark:target{outline:2px solid var(--link);outline-offset:1px}\n"
	"code{font-family:ui-monospace,monospace;background:var(--card);"
	"padding:0 .25em;border-radius:.2em}\n"
	".foot{max-width:70rem;margin:2rem auto 0;padding:1rem;font-size:.85rem;"
	"color:var(--muted);border-top:1px solid var(--line)}\n"
	"@media (max-width:30rem){body{font-size:15px}.search{padding:.6rem}"
	".wrap{padding:.8rem .6rem}.box button{padding:.5rem .8rem}}\n";

const char *
page_css(size_t *n)
{
	if (n)
		*n = sizeof css - 1;
	return css;
}

const char *
page_css_tag(void)
{
	static char tag[9];
	uint32_t h;

	if (tag[0])
		return tag;
	h = hash_fnv32(HASH_FNV32_INIT, css, sizeof css - 1);
	for (int i = 7; i >= 0; i--) {
		tag[i] = "0123456789abcdef"[h & 15];
		h >>= 4;
	}
	return tag;
}

static void
head(buf *o, const page_ctx *c, const char *title, int noindex, int feed)
{
	LIT(o, "<!DOCTYPE html>\n<html lang=\"");
	buf_adds(o, msg_tag((msg_lang)c->ui)); /* a tag of ours */
	LIT(o, "\">\n<head>\n"
	       "<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, "
	       "initial-scale=1\">\n");
	if (noindex)
		LIT(o, "<meta name=\"robots\" content=\"noindex\">\n");
	LIT(o, "<title>");
	if (title && *title) {
		txt(o, title);
		LIT(o, " \xE2\x80\x93 ");
	}
	txt(o, c->site);
	LIT(o, "</title>\n<link rel=\"stylesheet\" href=\"?css=");
	buf_adds(o, page_css_tag()); /* hex digits */
	LIT(o, "\">\n<link rel=\"search\" "
	       "type=\"application/opensearchdescription+xml\" title=\"");
	txt(o, c->site);
	LIT(o, "\" href=\"?opensearch=1\">\n");
	if (feed) {
		LIT(o, "<link rel=\"alternate\" type=\"application/atom+xml\" "
		       "title=\"");
		txt(o, c->q);
		LIT(o, " \xE2\x80\x93 newest first\" href=\"");
		href_feed(o, c);
		LIT(o, "\">\n");
	}
	LIT(o, "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http:"
	       "//www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='6.5' "
	       "cy='6.5' r='4.5' fill='none' stroke='%231749c9' "
	       "stroke-width='2'/%3E%3Cpath d='M10 10l4.5 4.5' stroke='%231749c9'"
	       " stroke-width='2.2' stroke-linecap='round'/%3E%3C/svg%3E\">\n"
	       "</head>\n<body>\n");
}

/* The freshness control: relevance alone, or blended with freshness at a
 * few half-lives (recency.h); a value from the address that is none of
 * them is kept as its own option. */
static void
recency_select(buf *o, const page_ctx *c, const char *cur)
{
	static const struct {
		const char *v;
		msg_id m;
	} v[] = {
		{"", M_FRESH_OFF},   {"7d", M_FRESH_WEEK}, {"30d", M_FRESH_MONTH},
		{"1y", M_FRESH_YEAR}, {"5y", M_FRESH_5Y},
	};
	int known = 0;

	LIT(o, "<label>");
	MSG(o, c, M_FRESHNESS);
	LIT(o, " <select name=\"recency\">");
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		LIT(o, "<option value=\"");
		txt(o, v[i].v);
		LIT(o, "\"");
		if (strcmp(cur, v[i].v) == 0) {
			LIT(o, " selected");
			known = 1;
		}
		LIT(o, ">");
		MSG(o, c, v[i].m);
		LIT(o, "</option>");
	}
	if (!known) {
		LIT(o, "<option value=\"");
		txt(o, cur);
		LIT(o, "\" selected>");
		MSG(o, c, M_FRESH_OTHER, cur);
		LIT(o, "</option>");
	}
	LIT(o, "</select></label>\n");
}

/* The header with the search form.  Filters that have no field of their
 * own travel as hidden inputs; dates and sort order are under "Options". */
static void
form(buf *o, const page_ctx *c, int autofocus)
{
	LIT(o, "<header class=\"top\">\n<form class=\"search\" role=\"search\" "
	       "method=\"get\">\n<a class=\"brand\" href=\"?\">");
	txt(o, c->site);
	LIT(o, "</a>\n<div class=\"box\"><input type=\"search\" name=\"q\" "
	       "value=\"");
	txt(o, c->q);
	LIT(o, "\" maxlength=\"" STR(QUERY_MAX_BYTES) "\" placeholder=\"");
	MSG(o, c, M_PLACEHOLDER);
	LIT(o, "\" aria-label=\"");
	MSG(o, c, M_SEARCH);
	LIT(o, "\" autocomplete=\"off\"");
	if (autofocus)
		LIT(o, " autofocus");
	LIT(o, "><button type=\"submit\">");
	MSG(o, c, M_SEARCH);
	LIT(o, "</button></div>\n");
	if (*c->source) {
		LIT(o, "<input type=\"hidden\" name=\"source\" value=\"");
		txt(o, c->source);
		LIT(o, "\">\n");
	}
	if (*c->lang) {
		LIT(o, "<input type=\"hidden\" name=\"lang\" value=\"");
		txt(o, c->lang);
		LIT(o, "\">\n");
	}
	facet_hidden(o, c);
	if (c->per_page && c->per_page != PAGE_PER_PAGE) {
		LIT(o, "<input type=\"hidden\" name=\"n\" value=\"");
		num(o, c->per_page);
		LIT(o, "\">\n");
	}
	LIT(o, "<details class=\"opts\"");
	if (*c->from || *c->to || c->sort_date || (c->since && *c->since) ||
	    (c->recency && *c->recency))
		LIT(o, " open");
	LIT(o, "><summary>");
	MSG(o, c, M_OPTIONS);
	LIT(o, "</summary>\n<label>");
	MSG(o, c, M_FROM);
	LIT(o, " <input name=\"from\" value=\"");
	txt(o, c->from);
	LIT(o, "\" size=\"10\" placeholder=\"YYYY-MM-DD\" "
	       "pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\"></label>\n<label>");
	MSG(o, c, M_TO);
	LIT(o, " <input name=\"to\" value=\"");
	txt(o, c->to);
	LIT(o, "\" size=\"10\" placeholder=\"YYYY-MM-DD\" "
	       "pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\"></label>\n<label title=\"");
	MSG(o, c, M_SINCE_TITLE);
	LIT(o, "\">");
	MSG(o, c, M_SINCE);
	LIT(o, " <input name=\"since\" value=\"");
	txt(o, c->since ? c->since : "");
	LIT(o, "\" size=\"10\" placeholder=\"YYYY-MM-DD\" "
	       "pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\"></label>\n<label>");
	MSG(o, c, M_SORT);
	LIT(o, " <select name=\"sort\"><option value=\"\">");
	MSG(o, c, M_BY_RELEVANCE);
	LIT(o, "</option><option value=\"date\"");
	if (c->sort_date)
		LIT(o, " selected");
	LIT(o, ">");
	MSG(o, c, M_NEWEST);
	LIT(o, "</option></select></label>\n");
	recency_select(o, c, c->recency ? c->recency : "");
	LIT(o, "</details>\n</form>\n</header>\n");
}

static void
foot(buf *o, const page_ctx *c, int json_link)
{
	LIT(o, "<footer class=\"foot\"><p>");
	if (json_link) {
		page_ctx j = *c;

		LIT(o, "<a href=\"");
		href_x(o, &j, "format", "json");
		LIT(o, "\">");
		MSG(o, c, M_AS_JSON);
		LIT(o, "</a>, <a href=\"");
		href_x(o, &j, "format", "csv");
		LIT(o, "\">CSV</a> \xC2\xB7 <a href=\"");
		href_feed(o, c);
		LIT(o, "\">");
		MSG(o, c, M_FOLLOW);
		LIT(o, "</a> \xC2\xB7 ");
	}
	MSG(o, c, M_FOOT);
	LIT(o, " \xC2\xB7 searcher " ENGINE_VERSION
	       "</p></footer>\n</body>\n</html>\n");
}

/* Opens a result's meta field (class cls, a literal), after a middle
 * dot if one came before. */
static void
meta_open(buf *o, int *sep, const char *cls)
{
	if (*sep)
		LIT(o, " \xC2\xB7 ");
	LIT(o, "<span class=\"");
	buf_adds(o, cls);
	LIT(o, "\">");
	*sep = 1;
}

/* ---- the results page ---- */

/* "Similar articles": the page of the articles like document id, with
 * c's filters and options but not its query. */
static void
similar_link(buf *o, const page_ctx *c, const char *id)
{
	page_ctx t = *c;

	t.q = "";
	t.similar = id;
	t.page = 1;
	LIT(o, "<p class=\"similar\"><a href=\"");
	href(o, &t);
	LIT(o, "\">");
	MSG(o, c, M_SIMILAR);
	LIT(o, "</a></p>\n");
}

void
page_similar(buf *o, const page_ctx *c, const char *id)
{
	similar_link(o, c, id);
}

/* lang="..." for a document's own text, when its language is known. */
static void
lang_attr(buf *o, const char *lang)
{
	if (lang_tag(lang)) {
		LIT(o, " lang=\"");
		txt(o, lang);
		LIT(o, "\"");
	}
}

static void
hit_html(buf *o, const page_ctx *c, const search_hit *h)
{
	const article_view *v = &h->v;
	const char *title = *v->title ? v->title : v->id;
	size_t tn = strlen(title), cut = width_cut(title, tn, PAGE_TITLE_COLS);
	int ok = esc_url_ok(v->url);

	LIT(o, "<li class=\"hit\">\n<h2");
	lang_attr(o, v->lang);
	LIT(o, "><a href=\"");
	if (ok)
		txt(o, v->url);
	else
		href_x(o, c, "doc", v->id);
	LIT(o, "\"");
	if (ok)
		LIT(o, " rel=\"noopener noreferrer\"");
	if (cut < tn) { /* shortened: the whole title on hover */
		LIT(o, " title=\"");
		txt(o, title);
		LIT(o, "\"");
	}
	LIT(o, ">");
	esc_html(o, title, cut);
	if (cut < tn)
		LIT(o, "\xE2\x80\xA6");
	LIT(o, "</a></h2>\n");
	if (*v->date || *v->source || *v->author || ok) {
		int sep = 0;

		LIT(o, "<p class=\"meta\">");
		if (*v->date) {
			meta_open(o, &sep, "date");
			date_text(o, c, v->date);
			LIT(o, "</span>");
		}
		if (*v->source) {
			meta_open(o, &sep, "source");
			txt(o, v->source);
			LIT(o, "</span>");
		}
		if (*v->author && strcmp(v->author, v->source)) {
			meta_open(o, &sep, "author");
			txt(o, v->author);
			LIT(o, "</span>");
		}
		if (ok) {
			meta_open(o, &sep, "url");
			url_text(o, v->url);
			LIT(o, "</span>");
		}
		LIT(o, "</p>\n");
	}
	if (h->snip.text.n) {
		LIT(o, "<p class=\"snip\"");
		lang_attr(o, v->lang);
		LIT(o, ">");
		marked(o, h->snip.text.p, h->snip.text.n, h->snip.hl,
		       h->snip.nhl, NULL, 0);
		LIT(o, "</p>\n");
	}
	if (h->why.n) { /* what the snippet cannot show (why.h) */
		LIT(o, "<p class=\"why\">");
		why_line(&h->why, c->ui, o, txt);
		LIT(o, "</p>\n");
	}
	if (ok) { /* the title leaves the site: offer the copy here too */
		/* ten of these on a page: each says whose text it is */
		LIT(o, "<p class=\"more\"><a href=\"");
		href_x(o, c, "doc", v->id);
		LIT(o, "\" aria-label=\"");
		MSG(o, c, M_TEXT_HERE_LABEL, title);
		LIT(o, "\">");
		MSG(o, c, M_TEXT_HERE);
		LIT(o, "</a></p>\n");
	}
	similar_link(o, c, v->id);
	if (h->ncopies && h->dupkey) {
		/* the group's members (dup:KEY), or this page uncollapsed */
		page_ctx g = *c;
		buf q = BUF_INIT;
		char n[24];

		buf_adds(&q, "dup:");
		buf_adds(&q, h->dupkey);
		g.q = q.p ? q.p : "";
		g.source = g.lang = g.from = g.to = "";
		g.nsel = 0;
		g.page = 1;
		LIT(o, "<p class=\"copies\"><a href=\"");
		href(o, &g);
		LIT(o, "\">");
		MSG(o, c, h->ncopies == 1 ? M_COPY_1 : M_COPIES,
		    num_s(n, h->ncopies));
		LIT(o, "</a> · <a href=\"");
		href_x(o, c, "collapse", "0");
		LIT(o, "\">");
		MSG(o, c, M_EVERY_COPY);
		LIT(o, "</a></p>\n");
		buf_free(&q);
	}
	LIT(o, "</li>\n");
}

static int
fval_cmp_count(const void *a, const void *b)
{
	const search_fval *x = *(const search_fval *const *)a;
	const search_fval *y = *(const search_fval *const *)b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->value, y->value);
}

static int
fval_cmp_value_desc(const void *a, const void *b)
{
	const search_fval *x = *(const search_fval *const *)a;
	const search_fval *y = *(const search_fval *const *)b;

	return strcmp(y->value, x->value);
}

/* One facet: its values (most frequent first; years newest first) as links
 * that add the filter, or remove it when it is on. */
static void
facet_html(buf *o, const page_ctx *c, const search_facet *f)
{
	const search_fval **v;
	size_t n = 0;
	int year = strcmp(f->name, "year") == 0;
	int lang = strcmp(f->name, "lang") == 0;

	if (!f->n)
		return;
	v = malloc(f->n * sizeof *v);
	if (!v) {
		o->err = 1;
		return;
	}
	for (size_t i = 0; i < f->n; i++)
		if (f->vals[i].value && *f->vals[i].value)
			v[n++] = &f->vals[i];
	if (!n) {
		free(v);
		return;
	}
	qsort(v, n, sizeof *v, year ? fval_cmp_value_desc : fval_cmp_count);
	if (n > 12)
		n = 12;
	LIT(o, "<section>\n<h2>");
	MSG(o, c, year ? M_FACET_YEAR : lang ? M_FACET_LANG : M_FACET_SOURCE);
	LIT(o, "</h2>\n<ul>\n");
	for (size_t i = 0; i < n; i++) {
		page_ctx t = *c;
		const char *val = v[i]->value;
		int on;

		t.page = 1;
		if (year) {
			on = strcmp(c->from, val) == 0 && strcmp(c->to, val) == 0;
			t.from = t.to = on ? "" : val;
		} else if (lang) {
			on = strcmp(c->lang, val) == 0;
			t.lang = on ? "" : val;
		} else {
			on = strcmp(c->source, val) == 0;
			t.source = on ? "" : val;
		}
		if (on)
			LIT(o, "<li class=\"on\">");
		else
			LIT(o, "<li>");
		LIT(o, "<a href=\"");
		href(o, &t);
		LIT(o, "\"");
		if (on) {
			LIT(o, " title=\"");
			MSG(o, c, M_REMOVE_FILTER);
			LIT(o, "\" aria-current=\"true\"");
		}
		LIT(o, ">");
		txt(o, val);
		if (on)
			LIT(o, " \xE2\x9C\x95");
		LIT(o, "</a> <span class=\"n\">");
		count(o, v[i]->count);
		LIT(o, "</span></li>\n");
	}
	LIT(o, "</ul>\n</section>\n");
	free(v);
}

/* A filter chip: a link to t (c without that filter) around the filter's
 * label, which the caller writes between chip_open and chip_close. */
static void
chip_open(buf *o, page_ctx *t)
{
	t->page = 1;
	LIT(o, "<li><a href=\"");
	href(o, t);
	LIT(o, "\" title=\"");
	MSG(o, t, M_REMOVE_FILTER);
	LIT(o, "\">");
}

static void
chip_close(buf *o)
{
	LIT(o, " \xE2\x9C\x95</a></li>\n");
}

/* The active filters, each a link that removes it. */
static void
chips(buf *o, const page_ctx *c)
{
	page_ctx t;

	if (!*c->source && !*c->lang && !*c->from && !*c->to && !c->nsel)
		return;
	LIT(o, "<ul class=\"chips\" aria-label=\"");
	MSG(o, c, M_FILTERS);
	LIT(o, "\">\n");
	facet_chips(o, c);
	if (*c->source) {
		t = *c;
		t.source = "";
		chip_open(o, &t);
		MSG(o, c, M_CHIP_SOURCE);
		txt(o, c->source);
		chip_close(o);
	}
	if (*c->lang) {
		t = *c;
		t.lang = "";
		chip_open(o, &t);
		MSG(o, c, M_CHIP_LANG);
		txt(o, c->lang);
		chip_close(o);
	}
	if (*c->from || *c->to) {
		t = *c;
		t.from = t.to = "";
		chip_open(o, &t);
		MSG(o, c, M_CHIP_DATE);
		if (strcmp(c->from, c->to) == 0) {
			txt(o, c->from);
		} else {
			txt(o, *c->from ? c->from : "\xE2\x80\xA6");
			LIT(o, " \xE2\x80\x93 ");
			txt(o, *c->to ? c->to : "\xE2\x80\xA6");
		}
		chip_close(o);
	}
	t = *c;
	t.source = t.lang = t.from = t.to = "";
	t.nsel = 0;
	t.page = 1;
	LIT(o, "<li><a href=\"");
	href(o, &t);
	LIT(o, "\">");
	MSG(o, c, M_CLEAR_FILTERS);
	LIT(o, "</a></li>\n</ul>\n");
}

static void
pages(buf *o, const page_ctx *c, unsigned last)
{
	page_ctx t = *c;
	unsigned lo, hi;
	char n[24];

	if (last <= 1 && c->page <= 1)
		return;
	LIT(o, "<nav class=\"pages\" aria-label=\"");
	MSG(o, c, M_PAGES);
	LIT(o, "\">\n");
	if (c->page > 1) {
		t.page = c->page - 1;
		LIT(o, "<a href=\"");
		href(o, &t);
		LIT(o, "\" rel=\"prev\">");
		MSG(o, c, M_PREV);
		LIT(o, "</a>\n");
	}
	lo = c->page > 3 ? c->page - 3 : 1;
	hi = c->page + 3 < last ? c->page + 3 : last;
	if (lo > 1) {
		t.page = 1;
		LIT(o, "<a href=\"");
		href(o, &t);
		LIT(o, "\">1</a>\n");
	}
	for (unsigned p = lo; p <= hi; p++) {
		t.page = p;
		if (p == c->page) {
			LIT(o, "<span aria-current=\"page\">");
			num(o, p);
			LIT(o, "</span>\n");
			continue;
		}
		LIT(o, "<a href=\"");
		href(o, &t);
		LIT(o, "\" aria-label=\"");
		MSG(o, c, M_PAGE_N, num_s(n, p));
		LIT(o, "\">");
		num(o, p);
		LIT(o, "</a>\n");
	}
	if (hi < last) {
		t.page = last;
		LIT(o, "<a href=\"");
		href(o, &t);
		LIT(o, "\">");
		num(o, last);
		LIT(o, "</a>\n");
	}
	if (c->page < last) {
		t.page = c->page + 1;
		LIT(o, "<a href=\"");
		href(o, &t);
		LIT(o, "\" rel=\"next\">");
		MSG(o, c, M_NEXT);
		LIT(o, "</a>\n");
	}
	LIT(o, "</nav>\n");
}

/* The home page: what to type, each example a link that runs it. */
static void
guide(buf *o, const page_ctx *c)
{
	static const struct {
		const char *q;
		msg_id what;
	} ex[] = {
		{"export controls", M_EX_EITHER},
		{"\"export controls\"", M_EX_PHRASE},
		{"chips -memory", M_EX_NOT},
		{"huawei AND nvidia", M_EX_AND},
		{"title:sanctions", M_EX_TITLE},
		{"source:reuters", M_EX_SOURCE},
		{"date:2025..2026", M_EX_DATE},
		{"regulat*", M_EX_PREFIX},
		{"chips NEAR/5 ban", M_EX_NEAR},
	};

	LIT(o, "<div class=\"guide\">\n<h1>");
	MSG(o, c, M_GUIDE_H);
	LIT(o, "</h1>\n<p>");
	MSG(o, c, M_GUIDE_P);
	LIT(o, "</p>\n<dl>\n");
	for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		page_ctx t = *c;

		t.q = ex[i].q;
		t.page = 1;
		LIT(o, "<dt>");
		link(o, &t, ex[i].q);
		LIT(o, "</dt><dd>");
		MSG(o, c, ex[i].what);
		LIT(o, "</dd>\n");
	}
	LIT(o, "</dl>\n</div>\n");
}

/* Nothing matched: say so and offer ways out. */
static void
empty(buf *o, const page_ctx *c, const search_result *res)
{
	page_ctx t = *c;
	char n[24];

	LIT(o, "<div class=\"empty\">\n");
	if (res->total > 0) {
		LIT(o, "<h1>");
		MSG(o, c, M_NO_RESULTS_PAGE, num_s(n, c->page));
		LIT(o, "</h1>\n<p>");
		MSG(o, c, M_RESULTS_END);
		t.page = 1;
		LIT(o, "<a href=\"");
		href(o, &t);
		LIT(o, "\">");
		MSG(o, c, M_FIRST_PAGE);
		LIT(o, "</a>.</p>\n</div>\n");
		return;
	}
	LIT(o, "<h1>");
	if (res->about)
		MSG(o, c, M_NO_OTHER, res->about);
	else
		MSG(o, c, M_NO_MATCH, c->q);
	LIT(o, "</h1>\n<ul>\n");
	if (*c->source || *c->lang || *c->from || *c->to || c->nsel) {
		t.source = t.lang = t.from = t.to = "";
		t.nsel = 0;
		t.page = 1;
		LIT(o, "<li>");
		MSG(o, c, M_TOO_NARROW);
		LIT(o, "<a href=\"");
		href(o, &t);
		LIT(o, "\">");
		MSG(o, c, M_WITHOUT_FILTERS);
		LIT(o, "</a>.</li>\n");
	}
	LIT(o, "<li>");
	MSG(o, c, M_TIP_SPELL);
	LIT(o, "</li>\n<li>");
	MSG(o, c, M_TIP_OR);
	LIT(o, "</li>\n<li>");
	MSG(o, c, M_TIP_WILD);
	LIT(o, "</li>\n</ul>\n</div>\n");
}

/* The results page as a printer (out.h): begin writes everything up to
 * the list of hits (or the empty state), hit one hit, end the pages,
 * facets and footer. */
static void
results_begin(out_ctx *oc)
{
	const page_ctx *c = oc->page;
	const search_result *res = oc->res;
	buf *o = oc->o;
	char n1[32], n2[24];

	head(o, c, c->q, 1, 1);
	form(o, c, 0);
	LIT(o, "<main class=\"wrap\">\n<h1 class=\"vh\">");
	MSG(o, c, M_RESULTS_H, c->q);
	LIT(o, "</h1>\n<div class=\"bar\">\n<p class=\"summary\">");
	MSG(o, c, !res->total_exact ? M_MORE_THAN
		  : res->total == 1 ? M_RESULT_1 : M_RESULTS,
	    count_s(n1, res->total));
	if (res->nhits)
		MSG(o, c, M_SHOWN, num_s(n1, res->hits[0].rank),
		    num_s(n2, res->hits[res->nhits - 1].rank));
	snprintf(n1, sizeof n1, "%.1f", res->seconds * 1000);
	MSG(o, c, M_MS, n1);
	LIT(o, "</p>\n<p class=\"sort\">");
	MSG(o, c, M_SORT_BAR);
	{
		page_ctx t = *c;

		t.page = 1;
		t.sort_date = !c->sort_date;
		if (c->sort_date) {
			link(o, &t, msg_text((msg_lang)c->ui, M_RELEVANCE));
			LIT(o, " \xC2\xB7 <strong>");
			MSG(o, c, M_NEWEST);
			LIT(o, "</strong>");
		} else {
			LIT(o, "<strong>");
			MSG(o, c, M_RELEVANCE);
			LIT(o, "</strong> \xC2\xB7 ");
			link(o, &t, msg_text((msg_lang)c->ui, M_NEWEST));
		}
	}
	LIT(o, "</p>\n</div>\n");
	if (res->warning) {
		LIT(o, "<p class=\"note\">");
		MSG(o, c, M_NOTE, res->warning);
		LIT(o, "</p>\n");
	}
	if (res->suggestion && *res->suggestion) {
		page_ctx t = *c;

		t.q = res->suggestion;
		t.page = 1;
		LIT(o, "<p class=\"note\">");
		MSG(o, c, res->corrected ? M_SHOWING_PRE : M_DIDYOUMEAN_PRE);
		LIT(o, "<a href=\"");
		href(o, &t);
		LIT(o, "\"><strong>");
		txt(o, res->suggestion);
		LIT(o, "</strong></a>");
		if (res->corrected) {
			MSG(o, c, M_SHOWING_POST, c->q);
		} else {
			MSG(o, c, M_DIDYOUMEAN_POST);
			if (res->suggestion_total)
				MSG(o, c, M_DIDYOUMEAN_COUNT,
				    count_s(n1, res->suggestion_total));
		}
		LIT(o, "</p>\n");
	}
	if (res->about) {
		LIT(o, "<p class=\"note\">Articles like <q>");
		txt(o, res->about);
		LIT(o, "</q>, found by its own words.</p>\n");
	}
	chips(o, c);
	LIT(o, "<div class=\"cols\">\n<div>\n");
	if (!res->nhits) {
		empty(o, c, res);
	} else {
		LIT(o, "<ol class=\"hits\" start=\"");
		num(o, res->hits[0].rank);
		LIT(o, "\">\n");
	}
}

static void
results_hit(out_ctx *oc, const search_hit *h)
{
	hit_html(oc->o, oc->page, h);
}

static void
results_end(out_ctx *oc)
{
	const page_ctx *c = oc->page;
	const search_result *res = oc->res;
	buf *o = oc->o;
	unsigned last;

	if (res->nhits)
		LIT(o, "</ol>\n");
	last = c->per_page ? (res->total + c->per_page - 1) / c->per_page
			   : 1;
	if (last > PAGE_MAX_PAGE)
		last = PAGE_MAX_PAGE;
	if (res->nhits || c->page > 1)
		pages(o, c, last);
	LIT(o, "</div>\n<aside class=\"facets\" aria-label=\"");
	MSG(o, c, M_FILTERS);
	LIT(o, "\">\n");
	if (res->timeline.nbars) { /* each bar links to this without dates */
		page_ctx t = *c;
		buf base = BUF_INIT;

		t.from = t.to = "";
		t.page = 1;
		href(&base, &t);
		timeline_html(o, &res->timeline, base.p ? base.p : "?",
			      (msg_lang)c->ui);
		buf_free(&base);
	}
	for (size_t k = 0; k < res->nfacets; k++)
		facet_html(o, c, &res->facets[k]);
	facet_list(o, c, res);
	LIT(o, "</aside>\n</div>\n</main>\n");
	foot(o, c, 1);
}

/* Errors are pages with a status: page_error, not the printer's. */
static const out_printer results_printer = {
	"page-html", 0, results_begin, results_hit, results_end, NULL, NULL};

void
page_results(buf *o, const page_ctx *c, const search_result *res)
{
	out_ctx oc = {o, NULL, NULL, c->q, res, c, NULL};

	if (!res) { /* the home page */
		head(o, c, NULL, 0, 0);
		form(o, c, 1);
		LIT(o, "<main class=\"wrap\">\n");
		guide(o, c);
		LIT(o, "</main>\n");
		foot(o, c, 0);
		return;
	}
	out_run(&results_printer, &oc);
}

/* ---- errors ---- */

const char *
page_status_text(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 400:
		return "Bad Request";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 414:
		return "URI Too Long";
	case 500:
		return "Internal Server Error";
	case 503:
		return "Service Unavailable";
	}
	return "Error";
}

void
page_error(buf *o, const page_ctx *c, int status, const char *msg)
{
	msg_id id = status == 400   ? M_ST_400
		    : status == 404 ? M_ST_404
		    : status == 405 ? M_ST_405
		    : status == 414 ? M_ST_414
		    : status == 500 ? M_ST_500
		    : status == 503 ? M_ST_503
				    : M_ST_ERROR;
	const char *st = msg_text((msg_lang)c->ui, id);

	head(o, c, st, 1, 0);
	form(o, c, 1);
	LIT(o, "<main class=\"wrap\">\n<div class=\"error\">\n<h1>");
	txt(o, st);
	LIT(o, "</h1>\n<p>");
	txt(o, msg ? msg : "");
	LIT(o, "</p>\n<p><a href=\"?\">");
	MSG(o, c, M_START_AGAIN);
	LIT(o, "</a></p>\n</div>\n</main>\n");
	foot(o, c, 0);
}

/* ---- OpenSearch ---- */

void
page_opensearch(buf *o, const char *site, const char *base)
{
	LIT(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	       "<OpenSearchDescription "
	       "xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
	       "<ShortName>");
	{
		/* ShortName: at most 16 characters */
		size_t n = strlen(site), cut = 0, chars = 0;

		while (cut < n && chars < 16) {
			size_t k = u8_seqlen((const unsigned char *)site + cut,
					     n - cut);

			cut += k ? k : 1;
			chars++;
		}
		esc_html(o, site, cut);
	}
	LIT(o, "</ShortName>\n<Description>");
	txt(o, site);
	LIT(o, ": full-text search of the articles</Description>\n"
	       "<InputEncoding>UTF-8</InputEncoding>\n"
	       "<Url type=\"text/html\" method=\"get\" template=\"");
	txt(o, base);
	LIT(o, "?q={searchTerms}\"/>\n"
	       "<Url type=\"application/json\" method=\"get\" template=\"");
	txt(o, base);
	LIT(o, "?format=json&amp;q={searchTerms}\"/>\n"
	       "<Url type=\"application/x-suggestions+json\" method=\"get\" "
	       "template=\"");
	txt(o, base);
	LIT(o, "?format=suggest&amp;q={searchTerms}\"/>\n"
	       "<Url type=\"application/opensearchdescription+xml\" "
	       "rel=\"self\" template=\"");
	txt(o, base);
	LIT(o, "?opensearch=1\"/>\n</OpenSearchDescription>\n");
}

/* ---- JSON ---- */

static json_t *
facet_json(const search_facet *f)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < f->n; i++) {
		json_t *e = json_object();
		json_t *s = json_string(f->vals[i].value);

		if (!s) { /* not UTF-8: the index has bytes it should not */
			buf b = BUF_INIT;

			u8_sanitize(&b, f->vals[i].value,
				    strlen(f->vals[i].value));
			s = json_string(b.p ? b.p : "");
			buf_free(&b);
		}
		json_object_set_new(e, "value", s);
		json_object_set_new(e, "count",
				    json_integer((json_int_t)f->vals[i].count));
		json_array_append_new(a, e);
	}
	return a;
}

/* The end of the page's JSON: the bulk printer's object (no qid) gets
 * page, per_page and facets (not after an error) and the version, and
 * the bulk printer's end closes it. */
static void
json_end(out_ctx *oc)
{
	const page_ctx *c = oc->page;
	json_t *j = json_object(), *facets;
	char *more = NULL;

	if (j && oc->res) {
		json_object_set_new(j, "page", json_integer(c->page));
		json_object_set_new(j, "per_page", json_integer(c->per_page));
		facets = json_object();
		for (size_t k = 0; k < oc->res->nfacets; k++)
			json_object_set_new(facets, oc->res->facets[k].name,
					    facet_json(&oc->res->facets[k]));
		for (size_t k = 0; k < oc->res->nmfacets; k++)
			json_object_set_new(facets, oc->res->mfacets[k].name,
					    facet_json(&oc->res->mfacets[k]));
		json_object_set_new(j, "facets", facets);
		if (oc->res->timeline.made)
			json_object_set_new(j, "timeline",
					    timeline_json(&oc->res->timeline));
	}
	if (j)
		json_object_set_new(j, "version",
				    json_string(ENGINE_VERSION));
	if (j)
		more = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER |
					     JSON_REAL_PRECISION(6));
	if (more && *more == '{') /* its members, without the braces */
		more[strlen(more) - 1] = '\0';
	else if (oc->o)
		oc->o->err = 1;
	out_json_end(oc, more ? more + 1 : NULL);
	free(more);
	json_decref(j);
}

void
page_json(buf *o, const page_ctx *c, const search_result *res,
	  const char *error)
{
	out_printer p = *out_find("json");
	out_opts oo = {0};
	out_ctx oc = {o, &oo, NULL, c->q, res, c, NULL};

	oo.timings = 1;
	p.end = json_end;
	if (error || !res) {
		oc.res = NULL;
		out_fail(&p, &oc, error ? error : "failed");
	} else {
		out_run(&p, &oc);
	}
}

/* ---- the pieces other pages build with (pagekit.h) ---- */

void
page_txt(buf *o, const char *s)
{
	txt(o, s);
}

void
page_count(buf *o, unsigned long v)
{
	count(o, v);
}

void
page_href(buf *o, const page_ctx *c, const char *name, const char *val)
{
	href_x(o, c, name, val);
}

void
page_head(buf *o, const page_ctx *c, const char *title, int noindex)
{
	head(o, c, title, noindex, 0);
}

void
page_form(buf *o, const page_ctx *c, int autofocus)
{
	form(o, c, autofocus);
}

void
page_foot(buf *o, const page_ctx *c, int json_link)
{
	foot(o, c, json_link);
}

void
page_date(buf *o, const page_ctx *c, const char *d)
{
	date_text(o, c, d);
}

void
page_url(buf *o, const char *url)
{
	url_text(o, url);
}

int
page_lang_ok(const char *s)
{
	return lang_tag(s);
}

void
page_marked(buf *o, const char *s, size_t n, const snip_hl *hl, size_t nhl,
	    const size_t *brk, size_t nbrk)
{
	marked(o, s, n, hl, nhl, brk, nbrk);
}
