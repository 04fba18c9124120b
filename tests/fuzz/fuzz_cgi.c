/*
 * fuzz_cgi: the search page, from the query string to the whole response.
 * Input: a QUERY_STRING.  searcher/cgi.c is included whole, so its static
 * parameter parser (parse_qs) and request handler (serve) are called as the
 * CGI calls them, against a small index built once at start (articles with
 * English, Chinese and hostile text: markup in titles, a javascript: URL).
 *
 * Checks: every accepted parameter is valid UTF-8 without NUL or controls
 * and within its length; the response is headers + a body of exactly
 * Content-Length bytes with a status the page documents, never 500 or 503
 * (the index is there, so a failure would be a bug); the body is valid
 * UTF-8, and an HTML body holds no <script, <img, <iframe or javascript:
 * link (the page has none of its own), whatever the query or the documents
 * say.  (JSON bodies carry such text as escaped strings, served as
 * application/json with nosniff.)
 */
#include "../../searcher/cgi.c"

#include <dirent.h>
#include <strings.h>
#include <unistd.h>

#include "fuzz.h"
#include "index.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

static char dbdir[] = "/tmp/fuzz_cgi.XXXXXX";
static app the_app;

static const char *const docs[] = {
	"Title: Chip export controls tighten\nDate: 2026-05-07\n"
	"Source: Reuters\nAuthor: A. Writer\nURL: https://example.com/a\n\n"
	"The United States tightened export controls on advanced chips and "
	"lithography tools. Huawei and SMIC answered with domestic supply.\n",
	"Title: <script>alert(1)</script> DeepSeek V4 on Ascend\n"
	"Date: May 1, 2026\nSource: <b>Blog</b>\n"
	"URL: javascript:alert(document.cookie)\n\n"
	"DeepSeek trained V4 on Huawei Ascend chips. <img src=x "
	"onerror=alert(1)> \"quotes\" & ampersands, export controls.\n",
	"Title: 人工智能芯片出口管制\nDate: 2025-12\nLanguage: zh\n\n"
	"美国对人工智能芯片实施出口管制。华为昇腾芯片在国内市场增长。\n",
	"Title: Régulation européenne de l'IA\nDate: 2024\nLanguage: fr\n\n"
	"La régulation des modèles d'IA en Europe: café, naïve, Zürich.\n",
};

/* Removes the index folder (a glass database is one flat folder). */
static void
cleanup(void)
{
	DIR *d;
	struct dirent *e;

	search_close(the_app.s);
	the_app.s = NULL;
	free(the_app.dbpath);
	the_app.dbpath = NULL;
	if ((d = opendir(dbdir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			char *p;

			if (e->d_name[0] == '.')
				continue;
			if ((p = str_printf("%s/%s", dbdir, e->d_name))) {
				unlink(p);
				free(p);
			}
		}
		closedir(d);
	}
	rmdir(dbdir);
}

static void
build_index(void)
{
	xdb *db = NULL;
	ixb *b;
	xdb_doc *d = xdb_doc_new();
	buf idt = BUF_INIT;
	char *err = NULL;

	FUZZ_CHECK(mkdtemp(dbdir) != NULL);
	setenv("SEARCHER_DB", dbdir, 1); /* where cgi.c looks for the index */
	FUZZ_CHECK(xdb_open_write(dbdir, &db, &err) == ST_OK);
	xdb_set_spelling(db, schema_spellable);
	b = ixb_new(&err);
	FUZZ_CHECK(b != NULL && d != NULL);
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		article a;
		uint64_t h;
		char id[32];

		memset(&a, 0, sizeof a);
		snprintf(id, sizeof id, "doc%zu.txt", i);
		FUZZ_CHECK(article_from_text(&a, id, docs[i], strlen(docs[i]),
					     &err) == ST_OK);
		buf_reset(&idt);
		FUZZ_CHECK(ixb_build(b, &a, d, &idt, &h, &err) == 0);
		FUZZ_CHECK(xdb_replace(db, idt.p, idt.n, d, &err) == ST_OK);
		article_clear(&a);
	}
	FUZZ_CHECK(xdb_commit(db, &err) == ST_OK);
	xdb_close(db);
	ixb_free(b);
	xdb_doc_free(d);
	buf_free(&idt);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	build_index();
	setenv("REQUEST_METHOD", "GET", 1);
	unsetenv("SEARCHER_BASE_URL");
	the_app.site = "Search";
	the_app.dbpath = index_default_path();
	atexit(cleanup);
	return 0;
}

static void
check_params(const req *r)
{
	for (int p = 0; p < NPARAMS; p++) {
		const char *v = r->val[p];
		size_t n;

		if (!v)
			continue;
		n = strlen(v);
		FUZZ_CHECK(n <= pdef[p].max);
		FUZZ_CHECK(u8_valid(v, n, NULL));
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)v[i];

			FUZZ_CHECK(c >= 0x20 || (p == P_Q && (c == '\t' ||
							      c == '\n' ||
							      c == '\r')));
			FUZZ_CHECK(c != 0x7F);
		}
	}
	if (r->status)
		FUZZ_CHECK(r->msg != NULL);
}

/* Case-insensitive search for needle in the n bytes at s. */
static int
has_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

static void
check_response(const buf *out)
{
	const char *p = out->p, *body;
	size_t clen;
	int status;

	FUZZ_CHECK(p != NULL && !out->err);
	FUZZ_CHECK(sscanf(p, "Status: %d ", &status) == 1);
	FUZZ_CHECK(status == 200 || status == 400 || status == 404 ||
		   status == 414);
	body = strstr(p, "\r\n\r\n");
	FUZZ_CHECK(body != NULL);
	body += 4;
	{
		const char *cl = strstr(p, "\r\nContent-Length: ");

		FUZZ_CHECK(cl != NULL && cl < body);
		FUZZ_CHECK(sscanf(cl, "\r\nContent-Length: %zu", &clen) == 1);
	}
	FUZZ_CHECK(clen == out->n - (size_t)(body - p));
	FUZZ_CHECK(u8_valid(body, clen, NULL));
	if (!strstr(p, "\r\nContent-Type: text/html") ||
	    strstr(p, "\r\nContent-Type: text/html") > body)
		return;
	FUZZ_CHECK(!has_ci(body, clen, "<script"));
	FUZZ_CHECK(!has_ci(body, clen, "href=\"javascript:"));
	FUZZ_CHECK(!has_ci(body, clen, "<img"));
	FUZZ_CHECK(!has_ci(body, clen, "<iframe"));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *qs;
	req r;
	buf out = BUF_INIT;

	if (!the_app.dbpath)
		LLVMFuzzerInitialize(NULL, NULL);
	qs = str_ndup((const char *)data, size);
	FUZZ_CHECK(qs != NULL);
	memset(&r, 0, sizeof r);
	parse_qs(&r, qs);
	check_params(&r);
	serve(&the_app, NULL, &r, &out);
	check_response(&out);
	buf_free(&out);
	req_clear(&r);
	free(qs);
	return 0;
}
