/*
 * cgi: the search page as a CGI program, a FastCGI responder, or from the
 * shell with NAME=VALUE arguments (like Omega), one code path for all three:
 * a request's parameters and environment in, a whole response (headers and
 * body, built in a buf so it has a Content-Length) out.
 *
 *   CGI       the web server sets GATEWAY_INTERFACE; one request, then exit.
 *   FastCGI   started with a listening socket on standard input (libfcgi's
 *             FCGX_IsCGI() is 0): a loop of FCGX_Accept_r with one open
 *             index, brought up to the latest commit before each request.
 *   shell     `searcher --cgi q=chips page=2`: arguments are NAME=VALUE,
 *             taken as they are (not %-decoded); REQUEST_METHOD may be set
 *             to test the method check.  The response goes to stdout.
 *
 * Parameters (GET query string; the first of a repeated one wins, the
 * others are ignored; unknown ones are ignored):
 *   q       the query, in the query language (at most 4096 bytes)
 *   page    1..1000        n      results per page, 1..50 (default 10)
 *   source  lang           from, to   YYYY[-MM[-DD]]
 *   since   YYYY[-MM[-DD]]: dated on or after it, or undated and indexed
 *           on or after it
 *   recency a half-life (30d, 1y; recency.h): relevance blended with
 *           freshness (sort=date wins)
 *   sort    date | relevance          format  html | json | csv | atom |
 *                                             suggest
 *   f       NAME:VALUE, a metadata facet's value (fields.h); repeated,
 *           up to FACET_MAXSEL: values of one field ORed, fields ANDed
 *   more    NAME: that facet shown with all its values
 *   doc     a document id: the document view
 *   similar a document id (or FILE:ID): the articles like it, instead of
 *           q's results (q stays in the search box)
 *   css     the stylesheet            opensearch  the OpenSearch description
 * A value that is not valid UTF-8, or holds a NUL or another control
 * character (tab, CR and LF are allowed in q), is refused with 400, as is
 * one that is too long or out of range: the page never guesses.  The query
 * string itself is limited to 16 KB (414).  Only GET and HEAD are answered
 * (405 with Allow otherwise; no body is read).
 *
 * The index is $SEARCHER_DB, else the documented default
 * (index_default_path); never a request parameter.  The site's name comes
 * from $SEARCHER_TITLE (default "Search"), the absolute URL in the
 * OpenSearch description from $SEARCHER_BASE_URL, else from the request's
 * Host (checked) and SCRIPT_NAME.
 *
 * Every response, errors included, carries the security headers below, a
 * Content-Type with charset and a Content-Length; errors are short HTML
 * pages (or JSON with format=json) with a proper status.
 */
#include <errno.h>
#include <fcgiapp.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "date.h"
#include "esc.h"
#include "feed.h"
#include "facet.h"
#include "page.h"
#include "msg.h"
#include "query.h"
#include "recency.h"
#include "searcher.h"
#include "suggest.h"
#include "xdb.h"

#define MAX_QS (16u << 10) /* bytes of QUERY_STRING */
#define MAX_Q QUERY_MAX_BYTES /* bytes of the query, decoded */
#define FEED_ENTRIES 20 /* entries of an Atom feed unless n says */

#define SEC_HEADERS                                                        \
	"Content-Security-Policy: default-src 'none'; style-src 'self'; "   \
	"img-src 'self' data:; form-action 'self'; base-uri 'none'; "        \
	"frame-ancestors 'none'\r\n"                                         \
	"X-Content-Type-Options: nosniff\r\n"                                \
	"Referrer-Policy: no-referrer\r\n"                                   \
	"X-Frame-Options: DENY\r\n"

enum {
	P_Q, P_PAGE, P_N, P_SOURCE, P_LANG, P_FROM, P_TO, P_SORT, P_FORMAT,
	P_DOC, P_CSS, P_OPENSEARCH, P_COLLAPSE, P_SIMILAR, P_SINCE, P_RECENCY,
	P_F, P_MORE, NPARAMS
};

static const struct {
	const char *name;
	size_t max; /* bytes, decoded */
} pdef[NPARAMS] = {
	[P_Q] = {"q", MAX_Q},	       [P_PAGE] = {"page", 12},
	[P_N] = {"n", 12},	       [P_SOURCE] = {"source", 512},
	[P_LANG] = {"lang", 64},       [P_FROM] = {"from", 32},
	[P_TO] = {"to", 32},	       [P_SORT] = {"sort", 16},
	[P_FORMAT] = {"format", 16},   [P_DOC] = {"doc", 1024},
	[P_CSS] = {"css", 64},	       [P_OPENSEARCH] = {"opensearch", 16},
	[P_COLLAPSE] = {"collapse", 4},  [P_SIMILAR] = {"similar", 1024},
	[P_SINCE] = {"since", 32},	       [P_RECENCY] = {"recency", 16},
	[P_F] = {"f", 1024},	       [P_MORE] = {"more", 128},
};

/* One request: its parameters, decoded and checked. */
typedef struct req {
	char *val[NPARAMS]; /* NULL: absent */
	char *f[FACET_MAXSEL]; /* every f (val[P_F] is the first) */
	fsel sel[FACET_MAXSEL]; /* f split at its first ":" */
	size_t nsel;
	int status;	    /* first error: 400, 414; 0 none */
	char *msg;	    /* its message (malloc'd) */
} req;

/* One response, built whole before it is sent. */
typedef struct resp {
	int status;
	const char *ctype;
	const char *cache; /* Cache-Control value */
	const char *extra; /* more header lines ("Name: value\r\n") or NULL */
	buf body;
} resp;

/* What lives across FastCGI requests. */
typedef struct app {
	char *dbpath;
	searcher *s;
	struct stat st; /* of the index's version file when opened */
	int logged;	/* an open failure was logged already */
	const char *site;
} app;

/* The request's environment: FastCGI params, or the process's. */
static const char *
env_get(char **envp, const char *name)
{
	return envp ? FCGX_GetParam(name, envp) : getenv(name);
}

static void
req_clear(req *r)
{
	for (int i = 0; i < NPARAMS; i++)
		if (i != P_F)
			free(r->val[i]);
	for (size_t i = 0; i < r->nsel; i++)
		free(r->f[i]);
	free(r->msg);
	memset(r, 0, sizeof *r);
}

static void
req_fail(req *r, int status, char *msg)
{
	if (r->status) {
		free(msg);
		return;
	}
	r->status = status;
	r->msg = msg ? msg : str_dup("Bad request.");
}

/* Checks a decoded value: UTF-8, no NUL or controls (q may hold tab, CR,
 * LF), not too long.  Returns 0 or -1 (and records why). */
static void
too_long(req *r, int p)
{
	if (p == P_Q)
		req_fail(r, 400, str_printf("The query is too long: at most %d "
					    "bytes, please.", MAX_Q));
	else
		req_fail(r, 400, str_printf("The parameter %s is too long.",
					    pdef[p].name));
}

static int
check_value(req *r, int p, const char *v, size_t n)
{
	size_t bad;

	if (n > pdef[p].max) {
		too_long(r, p);
		return -1;
	}
	if (memchr(v, 0, n)) {
		req_fail(r, 400, str_printf("The parameter %s holds a NUL "
					    "byte.", pdef[p].name));
		return -1;
	}
	if (!u8_valid(v, n, &bad)) {
		req_fail(r, 400, str_printf("The parameter %s is not valid "
					    "UTF-8.", pdef[p].name));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if ((c < 0x20 || c == 0x7F) &&
		    !(p == P_Q && (c == '\t' || c == '\n' || c == '\r'))) {
			req_fail(r, 400, str_printf("The parameter %s holds a "
						    "control character.",
						    pdef[p].name));
			return -1;
		}
	}
	return 0;
}

/* Takes one f=NAME:VALUE (v malloc'd, taken). */
static void
add_sel(req *r, char *v)
{
	char *colon = v ? strchr(v, ':') : NULL;

	if (!v) {
		req_fail(r, 500, str_dup("Out of memory."));
		return;
	}
	if (!colon || colon == v || !colon[1]) {
		free(v);
		req_fail(r, 400, str_dup("f: expected NAME:VALUE, a field "
					 "and one of its values."));
		return;
	}
	*colon = '\0';
	r->f[r->nsel] = v;
	r->sel[r->nsel].field = v;
	r->sel[r->nsel].value = colon + 1;
	r->val[P_F] = r->f[0];
	r->nsel++;
}

/* Takes one NAME=VALUE pair (decoded when `decode`); the first of a name
 * wins (f may be repeated). */
static void
add_pair(req *r, const char *s, size_t n, int decode)
{
	const char *eq = memchr(s, '=', n);
	size_t nl = eq ? (size_t)(eq - s) : n;
	const char *v = eq ? eq + 1 : s + n;
	size_t vl = eq ? n - nl - 1 : 0;
	buf name = BUF_INIT, val = BUF_INIT;
	int p;

	if (decode)
		esc_url_decode(&name, s, nl);
	else
		buf_add(&name, s, nl);
	if (name.err || !name.p)
		goto out;
	for (p = 0; p < NPARAMS; p++)
		if (strlen(pdef[p].name) == name.n &&
		    memcmp(pdef[p].name, name.p, name.n) == 0)
			break;
	if (p == NPARAMS || (r->val[p] && p != P_F))
		goto out; /* unknown, or repeated: the first wins */
	if (p == P_F && r->nsel == FACET_MAXSEL) {
		req_fail(r, 400, str_printf("At most %d f parameters, please.",
					    FACET_MAXSEL));
		goto out;
	}
	if (vl > 3 * pdef[p].max) { /* too long even when all %XX */
		too_long(r, p);
		goto out;
	}
	if (decode)
		esc_url_decode(&val, v, vl);
	else
		buf_add(&val, v, vl);
	buf_addc(&val, 0);
	if (val.err) {
		req_fail(r, 500, str_dup("Out of memory."));
		goto out;
	}
	val.n--; /* the terminating NUL added above */
	if (check_value(r, p, val.p, val.n) == 0 && p == P_F)
		add_sel(r, buf_steal(&val));
	else if (!r->status)
		r->val[p] = buf_steal(&val);
out:
	buf_free(&name);
	buf_free(&val);
}

static void
parse_qs(req *r, const char *qs)
{
	size_t n = strlen(qs);

	if (n > MAX_QS) {
		req_fail(r, 414, str_printf("The request is too long: at most "
					    "%u bytes of parameters.", MAX_QS));
		return;
	}
	while (n) {
		const char *amp = memchr(qs, '&', n);
		size_t k = amp ? (size_t)(amp - qs) : n;

		if (k)
			add_pair(r, qs, k, 1);
		if (!amp)
			break;
		qs += k + 1;
		n -= k + 1;
	}
}

static const char *
pval(const req *r, int p)
{
	return r->val[p] ? r->val[p] : "";
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD", a real date (date.h, DATE_ISO). */
static int
date_ok(const char *s)
{
	date d;

	return date_parse(s, strlen(s), DATE_ISO, &d) == 0;
}

/* A number lo..hi written in decimal digits only; -1 otherwise. */
static long
number(const char *s, long lo, long hi)
{
	long v = 0;

	if (!*s || strlen(s) > 9)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v >= lo && v <= hi ? v : -1;
}

/* ---- responses ---- */

static void
resp_init(resp *o)
{
	memset(o, 0, sizeof *o);
	o->status = 200;
	o->ctype = "text/html; charset=utf-8";
	o->cache = "no-cache";
}

/* Headers then (unless HEAD) the body, in one buf. */
static void
resp_render(const resp *o, int head, buf *out)
{
	buf_printf(out, "Status: %d %s\r\n", o->status,
		   page_status_text(o->status));
	buf_adds(out, "Content-Type: ");
	buf_adds(out, o->ctype);
	buf_printf(out, "\r\nContent-Length: %zu\r\n", o->body.n);
	buf_adds(out, SEC_HEADERS);
	buf_adds(out, "Cache-Control: ");
	buf_adds(out, o->cache);
	buf_adds(out, "\r\n");
	if (strncmp(o->ctype, "text/html", 9) == 0) /* its words */
		buf_adds(out, "Vary: Accept-Language\r\n");
	if (o->extra)
		buf_adds(out, o->extra);
	buf_adds(out, "\r\n");
	if (!head)
		buf_add(out, o->body.p ? o->body.p : "", o->body.n);
}

static void
fail(resp *o, const page_ctx *c, int status, const char *msg, int json)
{
	buf_reset(&o->body);
	o->status = status;
	o->cache = "no-store";
	if (json) {
		o->ctype = "application/json; charset=utf-8";
		page_json(&o->body, c, NULL, msg);
	} else {
		o->ctype = "text/html; charset=utf-8";
		page_error(&o->body, c, status, msg);
	}
}

/* ---- the index ---- */

/* The file that says which databases make up the index: the stub file of
 * a folder of shards (XAPIANDB), or the path itself (a stub file, or a
 * single database folder).  Commits inside the databases are picked up by
 * search_reopen; a change here means reopening from scratch. */
static int
index_stat(const char *path, struct stat *st)
{
	char *f = str_printf("%s/XAPIANDB", path);
	int rc = f ? stat(f, st) : -1;

	free(f);
	if (rc != 0)
		rc = stat(path, st);
	return rc;
}

static int
same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Opens the index, or reopens it when it changed since; keeps the open one
 * if a reopen fails.  Returns the searcher or NULL (logged once). */
static searcher *
app_index(app *a)
{
	struct stat st;
	searcher *s = NULL;
	char *e = NULL;
	int rc;

	if (index_stat(a->dbpath, &st) != 0)
		memset(&st, 0, sizeof st);
	if (a->s && same_stat(&st, &a->st)) {
		/* the same databases: catch up with their latest commit */
		search_reopen(a->s, NULL);
		return a->s;
	}
	rc = search_open(a->dbpath, &s, &e);
	if (rc != ST_OK) {
		if (!a->logged)
			fprintf(stderr, "searcher: %s: cannot open the index: "
					"%s\n", a->dbpath,
				rc == ST_ENOENT ? "no index there (set "
						   "SEARCHER_DB)"
						 : e ? e : "unknown error");
		a->logged = 1;
		free(e);
		return a->s;
	}
	a->logged = 0;
	search_close(a->s);
	a->s = s;
	a->st = st;
	return s;
}

/* ---- one request ---- */

/* The absolute URL of the page (malloc'd, or NULL without memory):
 * $SEARCHER_BASE_URL, else from the request's Host (checked) and
 * SCRIPT_NAME. */
static char *
base_url(char **envp)
{
	const char *base = env_get(envp, "SEARCHER_BASE_URL");
	const char *host = env_get(envp, "HTTP_HOST");
	const char *script = env_get(envp, "SCRIPT_NAME");
	const char *https = env_get(envp, "HTTPS");
	char *url;

	if (!base && envp) /* FastCGI: also the process's own */
		base = getenv("SEARCHER_BASE_URL");
	if (base && esc_url_ok(base))
		return str_dup(base);
	{
		int hostok = host && *host && strlen(host) < 256 &&
			     strspn(host, "abcdefghijklmnopqrstuvwxyz"
					  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					  "0123456789.-:[]") == strlen(host);
		int pathok = script && strlen(script) < 1024 &&
			     strspn(script, "abcdefghijklmnopqrstuvwxyz"
					    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					    "0123456789/._~-") == strlen(script);

		url = str_printf("%s://%s%s",
				 https && strcmp(https, "on") == 0 ? "https"
								   : "http",
				 hostok ? host : "localhost",
				 pathok && *script ? script : "/");
	}
	if (url && esc_url_ok(url))
		return url;
	free(url);
	return str_dup("http://localhost/");
}

/* The OpenSearch description, with the page's absolute URL. */
static void
opensearch(app *a, char **envp, resp *o)
{
	char *base = base_url(envp);

	if (!base) {
		o->body.err = 1;
		return;
	}
	o->ctype = "application/opensearchdescription+xml; charset=utf-8";
	o->cache = "public, max-age=86400";
	page_opensearch(&o->body, a->site, base);
	free(base);
}

/* format=suggest: ["q", ["completion", ...]] for the browser's search box
 * (OpenSearch suggestions), the completions from suggest.h. */
static void
suggestions(app *a, const req *r, resp *o)
{
	const char *q = pval(r, P_Q);
	searcher *s = app_index(a);
	char **v = NULL, *e = NULL, *text;
	size_t n = 0;
	json_t *arr = json_array(), *j;
	int rc = s ? search_suggest(s, q, strlen(q), SUGGEST_MAX, &v, &n, &e)
		   : ST_ERR;

	if (rc != ST_OK) {
		o->status = s ? 500 : 503;
		if (s)
			fprintf(stderr, "searcher: suggestions failed: %s\n",
				e ? e : "unknown error");
	}
	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_string(v[i]));
	j = json_pack("[s,o*]", q, arr);
	text = j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
	if (text)
		buf_adds(&o->body, text);
	else
		o->body.err = 1;
	o->ctype = "application/x-suggestions+json; charset=utf-8";
	o->cache = rc == ST_OK ? "public, max-age=300" : "no-store";
	free(text);
	json_decref(j);
	strv_free(v, n);
	free(e);
}

/* Fills c from the request's parameters, checking each.  Returns 0, or
 * -1 after rendering the error (o). */
static int
read_state(const req *r, page_ctx *c, int json, resp *o)
{
	long page = 1, per = PAGE_PER_PAGE;
	double days;

	c->q = pval(r, P_Q);
	c->source = pval(r, P_SOURCE);
	c->lang = pval(r, P_LANG);
	c->from = pval(r, P_FROM);
	c->to = pval(r, P_TO);
	c->similar = pval(r, P_SIMILAR);
	c->since = pval(r, P_SINCE);
	c->recency = pval(r, P_RECENCY);
	c->sel = r->sel;
	c->nsel = r->nsel;
	c->more = pval(r, P_MORE);
	if (r->val[P_FORMAT] && *r->val[P_FORMAT] &&
	    strcmp(r->val[P_FORMAT], "json") != 0 &&
	    strcmp(r->val[P_FORMAT], "atom") != 0 &&
	    strcmp(r->val[P_FORMAT], "csv") != 0 &&
	    strcmp(r->val[P_FORMAT], "html") != 0) {
		fail(o, c, 400, "format: expected html, json, csv or atom.", 0);
		return -1;
	}
	if (r->val[P_SORT] && *r->val[P_SORT]) {
		if (strcmp(r->val[P_SORT], "date") == 0)
			c->sort_date = 1;
		else if (strcmp(r->val[P_SORT], "relevance") != 0) {
			c->sort_date = 0;
			fail(o, c, 400, "sort: expected date or relevance.",
			     json);
			return -1;
		}
	}
	if (r->val[P_COLLAPSE] && *r->val[P_COLLAPSE]) {
		if (strcmp(r->val[P_COLLAPSE], "0") == 0)
			c->no_collapse = 1;
		else if (strcmp(r->val[P_COLLAPSE], "1") != 0) {
			fail(o, c, 400, "collapse: expected 0 or 1.", json);
			return -1;
		}
	}
	if (r->val[P_PAGE] && *r->val[P_PAGE] &&
	    (page = number(r->val[P_PAGE], 1, PAGE_MAX_PAGE)) < 0) {
		fail(o, c, 400, "page: expected a number from 1 to 1000.",
		     json);
		return -1;
	}
	if (r->val[P_N] && *r->val[P_N] &&
	    (per = number(r->val[P_N], 1, PAGE_MAX_PER_PAGE)) < 0) {
		fail(o, c, 400, "n: expected a number from 1 to 50.", json);
		return -1;
	}
	c->page = (unsigned)page;
	c->per_page = (unsigned)per;
	if (*c->recency && recency_parse(c->recency, &days) < 0) {
		c->recency = "";
		fail(o, c, 400, "recency: expected a half-life such as 7d, "
				"30d, 6m or 1y (1 day to 100 years).", json);
		return -1;
	}
	if (*c->since && !date_ok(c->since)) {
		c->since = "";
		fail(o, c, 400, "since: expected a date like 2026, 2026-05 or "
				"2026-05-07.", json);
		return -1;
	}
	if ((*c->from && !date_ok(c->from)) || (*c->to && !date_ok(c->to))) {
		const char *bad = *c->from && !date_ok(c->from) ? "from" : "to";

		c->from = c->to = "";
		fail(o, c, 400, strcmp(bad, "from") == 0
				    ? "from: expected a date like 2026, "
				      "2026-05 or 2026-05-07."
				    : "to: expected a date like 2026, "
				      "2026-05 or 2026-05-07.",
		     json);
		return -1;
	}
	return 0;
}

/* Searches (or shows the document) as c and r say, and renders the page
 * or its JSON into o. */
static void
answer(app *a, char **envp, const req *r, page_ctx *c, int json, resp *o)
{
	search_opts so = search_opts_default;
	search_result res;
	searcher *s = app_index(a);
	char *e = NULL;
	int atom = r->val[P_FORMAT] && strcmp(r->val[P_FORMAT], "atom") == 0;
	int rc;

	if (!s) {
		fail(o, c, 503, msg_text(json ? MSG_EN : (msg_lang)c->ui,
					 M_INDEX_DOWN), json);
		return;
	}
	so.offset = (c->page - 1) * c->per_page;
	so.limit = c->per_page;
	so.sort_date = c->sort_date;
	so.collapse = !c->no_collapse;
	so.facets = 1;
	so.timeline = !r->val[P_DOC];
	so.f_source = c->source;
	so.f_lang = c->lang;
	so.f_date_lo = c->from;
	so.f_date_hi = c->to;
	so.since = c->since;
	so.sel = c->sel;
	so.nsel = c->nsel;
	if (*c->recency)
		recency_parse(c->recency, &so.recency); /* checked */
	if (atom) { /* the newest matches: FEED_ENTRIES, or n */
		so.offset = 0;
		so.limit = r->val[P_N] && *r->val[P_N] ? c->per_page
						       : FEED_ENTRIES;
		so.sort_date = 1;
		so.facets = so.timeline = so.spell = 0;
	}
	if (r->val[P_DOC] && !atom)
		rc = search_doc(s, r->val[P_DOC], c->q, strlen(c->q), &so,
				&res, &e);
	else if (*c->similar)
		rc = search_similar(s, c->similar, &so, &res, &e);
	else
		rc = search_run(s, c->q, strlen(c->q), &so, &res, &e);
	if (rc != ST_OK) {
		if (rc == ST_ENOENT && (r->val[P_DOC] || *c->similar))
			fail(o, c, 404, msg_text(json ? MSG_EN
						      : (msg_lang)c->ui,
						 M_NO_DOC_ID), json);
		else if (rc == ST_EQUERY || rc == SEARCH_EBADQUERY)
			fail(o, c, 400, e ? e : "The query is too complex.",
			     json);
		else {
			fprintf(stderr, "searcher: search failed: %s\n",
				e ? e : "unknown error");
			fail(o, c, 500, msg_text(json ? MSG_EN
						      : (msg_lang)c->ui,
						 M_SEARCH_FAILED), json);
		}
		free(e);
		search_result_clear(&res);
		return;
	}
	if (atom) {
		char *base = base_url(envp);

		o->ctype = "application/atom+xml; charset=utf-8";
		if (base)
			feed_atom(&o->body, c, &res, base,
				  (long long)time(NULL));
		else
			o->body.err = 1;
		free(base);
	} else if (json) {
		o->ctype = "application/json; charset=utf-8";
		page_json(&o->body, c, &res, NULL);
	} else if (r->val[P_FORMAT] && strcmp(r->val[P_FORMAT], "csv") == 0) {
		out_ctx oc = {&o->body, NULL, NULL, c->q, &res, c, NULL};

		o->ctype = "text/csv; charset=utf-8";
		o->extra = "Content-Disposition: attachment; "
			   "filename=\"search.csv\"\r\n";
		out_run(out_find("csv"), &oc);
	} else if (r->val[P_DOC]) {
		page_doc(&o->body, c, &res);
	} else {
		page_results(&o->body, c, &res);
	}
	search_result_clear(&res);
	if (o->body.err)
		fail(o, c, 500, "Out of memory.", 0);
}

static void
handle(app *a, char **envp, req *r, resp *o)
{
	const char *method = env_get(envp, "REQUEST_METHOD");
	page_ctx c = {0};
	int json;

	c.site = a->site;
	c.q = c.source = c.lang = c.from = c.to = c.similar = c.since = "";
	c.recency = c.more = "";
	c.page = 1;
	c.per_page = PAGE_PER_PAGE;
	c.ui = (int)msg_accept(env_get(envp, "HTTP_ACCEPT_LANGUAGE"));
	if (!method || !*method)
		method = "GET";
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		fail(o, &c, 405, "This page answers GET and HEAD requests "
				 "only.", 0);
		o->extra = "Allow: GET, HEAD\r\n";
		return;
	}
	json = r->val[P_FORMAT] && strcmp(r->val[P_FORMAT], "json") == 0;
	if (r->status) {
		fail(o, &c, r->status, r->msg, json);
		return;
	}

	/* static answers first: they need no index */
	if (r->val[P_CSS]) {
		size_t n;
		const char *css = page_css(&n);

		o->ctype = "text/css; charset=utf-8";
		o->cache = "public, max-age=31536000, immutable";
		buf_add(&o->body, css, n);
		return;
	}
	if (r->val[P_OPENSEARCH]) {
		opensearch(a, envp, o);
		return;
	}
	if (r->val[P_FORMAT] && strcmp(r->val[P_FORMAT], "suggest") == 0) {
		suggestions(a, r, o);
		return;
	}
	if (read_state(r, &c, json, o) < 0)
		return;
	if (!json && !r->val[P_DOC] && !*c.q && !*c.similar &&
	    !(r->val[P_FORMAT] && strcmp(r->val[P_FORMAT], "atom") == 0)) {
		page_results(&o->body, &c, NULL); /* the home page */
		return;
	}
	answer(a, envp, r, &c, json, o);
}

/* Runs one request and renders the whole response into out. */
static void
serve(app *a, char **envp, req *r, buf *out)
{
	const char *method = env_get(envp, "REQUEST_METHOD");
	resp o;

	resp_init(&o);
	handle(a, envp, r, &o);
	if (o.body.err) { /* the error page itself failed: say so, briefly */
		buf_reset(&o.body);
		o.status = 500;
		o.ctype = "text/plain; charset=utf-8";
		buf_adds(&o.body, "Out of memory.\n");
	}
	resp_render(&o, method && strcmp(method, "HEAD") == 0, out);
	buf_free(&o.body);
}

static const char *
site_name(void)
{
	const char *t = getenv("SEARCHER_TITLE");
	size_t n;

	if (!t || !*t || (n = strlen(t)) > 100 || !u8_valid(t, n, NULL))
		return "Search";
	return t;
}

/* FastCGI: one open index across requests. */
static int
fcgi_loop(app *a)
{
	FCGX_Request fr;
	buf out = BUF_INIT;

	signal(SIGPIPE, SIG_IGN); /* a client that went away is not fatal */
	if (FCGX_InitRequest(&fr, 0, 0) != 0) {
		fputs("searcher: cannot start FastCGI\n", stderr);
		return 1;
	}
	app_index(a); /* open at start, so the first request is fast */
	while (FCGX_Accept_r(&fr) >= 0) {
		req r = {0};
		const char *qs = FCGX_GetParam("QUERY_STRING", fr.envp);

		parse_qs(&r, qs ? qs : "");
		buf_reset(&out);
		serve(a, fr.envp, &r, &out);
		if (!out.err)
			FCGX_PutStr(out.p, (int)out.n, fr.out);
		FCGX_Finish_r(&fr);
		req_clear(&r);
	}
	buf_free(&out);
	return 0;
}

int
cgi_main(int argc, char **argv)
{
	app a = {0};
	req r = {0};
	buf out = BUF_INIT;
	int rc = 0, first = 1;

	a.site = site_name();
	a.dbpath = index_default_path();
	if (!a.dbpath) {
		fputs("searcher: out of memory\n", stderr);
		return 1;
	}
	if (FCGX_Init() == 0 && !FCGX_IsCGI()) {
		rc = fcgi_loop(&a);
		goto out;
	}
	if (argc > 1 && strcmp(argv[1], "--cgi") == 0)
		first = 2;
	if (getenv("GATEWAY_INTERFACE") || first == argc) {
		/* a web server (the arguments are not ours: an ISINDEX
		 * query), or a shell test through QUERY_STRING */
		const char *qs = getenv("QUERY_STRING");

		parse_qs(&r, qs ? qs : "");
	} else {
		for (int i = first; i < argc; i++) {
			if (!strchr(argv[i], '=')) {
				fprintf(stderr, "searcher: --cgi takes "
						"NAME=VALUE arguments, not "
						"'%s'\n", argv[i]);
				rc = 2;
				goto out;
			}
			add_pair(&r, argv[i], strlen(argv[i]), 0);
		}
	}
	serve(&a, NULL, &r, &out);
	if (out.err || fwrite(out.p, 1, out.n, stdout) != out.n ||
	    fflush(stdout) != 0) {
		fprintf(stderr, "searcher: writing the response: %s\n",
			out.err ? "out of memory" : strerror(errno));
		rc = 1;
	}
out:
	req_clear(&r);
	buf_free(&out);
	search_close(a.s);
	free(a.dbpath);
	return rc;
}
