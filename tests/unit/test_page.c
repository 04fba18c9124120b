/*
 * Unit tests for lib/page.c, the HTML printer: every field of a hit escaped
 * for its context, an href only for http(s) urls, <mark> on the hit ranges
 * (joined across one space, clamped when out of range), paragraphs in the
 * document view, links that carry the state escaped, pagination, dates,
 * JSON with facets, error pages and the OpenSearch description.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "page.h"
#include "msg.h"
#include "util.h"

/* A hit made by hand: article fields, snippet text and hit ranges (byte
 * offsets; code points equal for ASCII). */
typedef struct fake {
	const char *id, *title, *date, *source, *url, *lang, *text;
	const char *snip;
	size_t hl[8][2];
	size_t nhl;
} fake;

static page_ctx
ctx(void)
{
	page_ctx c = {"Search", "", "", "", "", "", 0, 1, PAGE_PER_PAGE};

	return c;
}

static void
hit_from(search_hit *h, const fake *f, unsigned rank)
{
	memset(h, 0, sizeof *h);
	h->rank = rank;
	h->v.id = f->id ? f->id : "id";
	h->v.title = f->title ? f->title : "";
	h->v.date = f->date ? f->date : "";
	h->v.source = f->source ? f->source : "";
	h->v.author = "";
	h->v.url = f->url ? f->url : "";
	h->v.lang = f->lang ? f->lang : "";
	h->v.text = f->text ? f->text : "";
	h->v.textlen = strlen(h->v.text);
	buf_adds(&h->snip.text, f->snip ? f->snip : "");
	if (f->nhl) {
		h->snip.hl = calloc(f->nhl, sizeof *h->snip.hl);
		assert_non_null(h->snip.hl);
		for (size_t i = 0; i < f->nhl; i++) {
			h->snip.hl[i].bstart = h->snip.hl[i].cstart = f->hl[i][0];
			h->snip.hl[i].bend = h->snip.hl[i].cend = f->hl[i][1];
		}
		h->snip.nhl = f->nhl;
	}
}

static void
res_free(search_result *r)
{
	for (size_t i = 0; i < r->nhits; i++)
		snip_text_clear(&r->hits[i].snip);
	free(r->hits);
	memset(r, 0, sizeof *r);
}

/* One-hit results page for f with context c; returns the HTML (free). */
static char *
render(const page_ctx *c, const fake *f)
{
	search_result r = {0};
	buf o = BUF_INIT;

	r.hits = calloc(1, sizeof *r.hits);
	assert_non_null(r.hits);
	hit_from(&r.hits[0], f, 1);
	r.nhits = 1;
	r.total = 1;
	r.total_exact = 1;
	page_results(&o, c, &r);
	res_free(&r);
	assert_int_equal(o.err, 0);
	return buf_steal(&o);
}

static char *
render_doc(const page_ctx *c, const fake *f)
{
	search_result r = {0};
	buf o = BUF_INIT;

	r.hits = calloc(1, sizeof *r.hits);
	assert_non_null(r.hits);
	hit_from(&r.hits[0], f, 1);
	r.nhits = 1;
	page_doc(&o, c, &r);
	res_free(&r);
	assert_int_equal(o.err, 0);
	return buf_steal(&o);
}

#define HAS(html, s)                                                        \
	do {                                                                \
		if (!strstr((html), (s)))                                   \
			fail_msg("missing: %s", (s));                       \
	} while (0)
#define LACKS(html, s)                                                      \
	do {                                                                \
		if (strstr((html), (s)))                                    \
			fail_msg("present: %s", (s));                       \
	} while (0)

/* Nothing in the page may open a tag or an attribute that we did not
 * write: the hostile strings below must show up only escaped. */
static void
test_fields_escaped(void **state)
{
	page_ctx c = ctx();
	fake f = {
		.id = "a\"b<c>.txt",
		.title = "<script>alert(\"t\")</script> & 'x'",
		.date = "2026\"><b>",
		.source = "Evil\" onmouseover=\"alert(1)",
		.url = "javascript:alert(1)",
		.lang = "en\" onclick=\"x",
		.snip = "a <img src=x onerror=alert(2)> b",
	};
	char *h;

	(void)state;
	c.q = "\"><script>q</script>";
	c.source = "S\"><x>";
	h = render(&c, &f);
	LACKS(h, "<script>");
	LACKS(h, "<img");
	LACKS(h, "<b>");
	LACKS(h, "<x>");
	LACKS(h, "\" onmouseover=\"");
	LACKS(h, "\" onclick=\"");
	LACKS(h, "javascript:");
	HAS(h, "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; "
	       "&#39;x&#39;");
	HAS(h, "Evil&quot; onmouseover=&quot;alert(1)");
	HAS(h, "value=\"&quot;&gt;&lt;script&gt;q&lt;/script&gt;\"");
	/* the title links to the document view, with the id url-encoded */
	HAS(h, "&amp;doc=a%22b%3Cc%3E.txt\">");
	/* a language that is not a tag is not an attribute */
	LACKS(h, "class=\"snip\" lang=");
	free(h);
}

static void
test_url_links(void **state)
{
	static const struct {
		const char *url;
		const char *want; /* in the page; NULL: no external link */
	} t[] = {
		{"https://example.com/a?b=1&c=\"2\"",
		 "href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\""},
		{"http://example.com/", "href=\"http://example.com/\""},
		{"HTTPS://EXAMPLE.COM/X", "href=\"HTTPS://EXAMPLE.COM/X\""},
		{"javascript:alert(1)", NULL},
		{"JaVaScRiPt:alert(1)", NULL},
		{" javascript:alert(1)", NULL},
		{"data:text/html,<script>x</script>", NULL},
		{"vbscript:x", NULL},
		{"//evil.com/x", NULL},
		{"/relative", NULL},
		{"http://exa mple.com/", NULL},
		{"", NULL},
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		page_ctx c = ctx();
		fake f = {.title = "T", .url = t[i].url, .snip = "s"};
		char *h = render(&c, &f);

		if (t[i].want) {
			HAS(h, t[i].want);
			HAS(h, "rel=\"noopener noreferrer\"");
			/* and the copy here is offered too */
			HAS(h, "class=\"more\"");
		} else {
			HAS(h, "<h2><a href=\"?doc=id\">T</a></h2>");
			LACKS(h, "class=\"more\"");
			LACKS(h, "class=\"url\"");
		}
		free(h);
	}
}

static void
test_marks(void **state)
{
	static const struct {
		const char *text;
		size_t hl[4][2];
		size_t nhl;
		const char *want;
	} t[] = {
		{"export controls are here", {{0, 6}, {7, 15}}, 2,
		 "<mark>export controls</mark> are here</p>"},
		{"a<b export", {{4, 10}}, 1, ">a&lt;b <mark>export</mark></p>"},
		{"x export, controls", {{2, 8}, {10, 18}}, 2,
		 ">x <mark>export</mark>, <mark>controls</mark></p>"},
		/* out of range and overlapping ranges are clamped/dropped */
		{"short", {{2, 99}, {1, 3}, {50, 60}}, 3,
		 ">sh<mark>ort</mark></p>"},
		{"none", {{0, 0}}, 1, ">none</p>"},
		{"<&>", {{0, 3}}, 1, "><mark>&lt;&amp;&gt;</mark></p>"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		page_ctx c = ctx();
		fake f = {.title = "T", .snip = t[i].text, .nhl = t[i].nhl};
		char *h;

		memcpy(f.hl, t[i].hl, sizeof t[i].hl);
		h = render(&c, &f);
		HAS(h, t[i].want);
		free(h);
	}
}

static void
test_dates(void **state)
{
	static const char *const t[][2] = {
		{"2026-05-07", ">7 May 2026<"},
		{"2026-12-31", ">31 December 2026<"},
		{"2026-05", ">May 2026<"},
		{"2026-05-00", ">May 2026<"},
		{"2026", ">2026<"},
		{"2026-13-01", ">2026-13-01<"},
		{"junk<", ">junk&lt;<"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		page_ctx c = ctx();
		fake f = {.title = "T", .date = t[i][0], .snip = "s"};
		char *h = render(&c, &f);

		HAS(h, t[i][1]);
		free(h);
	}
}

static void
test_doc_paragraphs(void **state)
{
	page_ctx c = ctx();
	fake f = {
		.title = "Doc",
		.text = "\xEF\xBB\xBFPara one  export.\n\n  Para\ttwo\nexport.\r\n\r\nThree.",
		.snip = "Para one export. Para two export. Three.",
		.hl = {{9, 15}, {26, 32}},
		.nhl = 2,
	};
	char *h;

	(void)state;
	c.q = "export";
	h = render_doc(&c, &f);
	HAS(h, "<p>Para one <mark id=\"m1\"><a href=\"#m2\" aria-label=\""
	       "export: next match, 2 of 2\">export</a></mark>.</p>\n"
	       "<p>Para two <mark id=\"m2\"><a href=\"#m1\" aria-label=\""
	       "export: next match, 1 of 2\">export</a></mark>.</p>\n"
	       "<p>Three.</p>");
	HAS(h, "2 matches for <q>export</q>");
	HAS(h, "<a href=\"#m1\">");
	HAS(h, "Back to the results");
	free(h);

	/* stored text that does not line up: one paragraph, marks kept */
	f.text = "something else entirely";
	h = render_doc(&c, &f);
	HAS(h, "<p>Para one <mark id=\"m1\"><a href=\"#m2\"");
	HAS(h, "</a></mark>. Para two <mark id=\"m2\"><a href=\"#m1\"");
	HAS(h, "</a></mark>. Three.</p>");
	free(h);

	/* a hit across a paragraph break is closed and reopened */
	f.text = "one\n\ntwo";
	f.snip = "one two";
	f.hl[0][0] = 0;
	f.hl[0][1] = 7;
	f.nhl = 1;
	h = render_doc(&c, &f);
	HAS(h, "<p><mark id=\"m1\"><a href=\"#m1\" aria-label=\"one: next "
	       "match, 1 of 1\">one</a></mark></p>\n<p><mark>two</mark></p>");
	free(h);

	/* Markdown: the title's heading left out, headings from <h2>,
	 * lists, no comment; a hit in the comment is not counted */
	f.title = "Law";
	f.lang = "en";
	f.text = "# Law\n\n<!-- INFO END x -->\n\n## Part <one>\n\n- a x\n"
		 "- b\n\n1. c\n\nend";
	f.snip = "# Law <!-- INFO END x --> ## Part <one> - a x - b 1. c end";
	f.hl[0][0] = 20; /* the x in the comment */
	f.hl[0][1] = 21;
	f.hl[1][0] = 44; /* the x of "a x" */
	f.hl[1][1] = 45;
	f.nhl = 2;
	h = render_doc(&c, &f);
	HAS(h, "<div class=\"text\" lang=\"en\">\n<h2>Part &lt;one&gt;</h2>\n"
	       "<ul>\n<li>a <mark id=\"m1\"><a href=\"#m1\" aria-label=\"x: "
	       "next match, 1 of 1\">x</a></mark></li>\n<li>b</li>\n</ul>\n"
	       "<ol>\n<li>c</li>\n</ol>\n<p>end</p>\n</div>");
	HAS(h, "1 match for <q>export</q>");
	LACKS(h, "INFO");
	free(h);
}

/* The page in Chinese; every "text here" link named with its title; a
 * long title shortened on the results page, whole on the document view. */
static void
test_zh_and_names(void **state)
{
	page_ctx c = ctx();
	fake f = {
		.id = "a.txt",
		.title = "最高人民法院、最高人民检察院关于办理利用互联网、移动通讯"
			 "终端、声讯台制作、复制、出版、贩卖、传播淫秽电子信息刑事"
			 "案件具体应用法律若干问题的解释",
		.date = "2021-06-10",
		.url = "https://example.org/law",
		.lang = "zh",
		.snip = "snippet",
	};
	char *h;

	(void)state;
	c.q = "法律";
	c.ui = MSG_ZH;
	h = render(&c, &f);
	HAS(h, "<html lang=\"zh-Hans\">");
	HAS(h, "<h1 class=\"vh\"><q>法律</q> 的搜索结果</h1>");
	HAS(h, ">1 条结果，显示第 1\xE2\x80\x93" "1 条");
	HAS(h, "2021年6月10日");
	HAS(h, "<h2 lang=\"zh\"><a href=\"https://example.org/law\"");
	HAS(h, "<p class=\"snip\" lang=\"zh\">");
	HAS(h, "aria-label=\"最高人民法院、最高人民检察院关于办理利用互联网、移动通讯终端、"
	       "声讯台制作、复制、出版、贩卖、传播淫秽电子信息刑事案件具体应用法律若干"
	       "问题的解释：在本站阅读全文，匹配处高亮\">在本站阅读全文，匹配处高亮</a>");
	HAS(h, ">最高人民法院、最高人民检察院关于办理利用互联网、移动通讯终端、"
	       "声讯台制作、复制、出版、贩卖\xE2\x80\xA6</a></h2>");
	LACKS(h, "result");
	free(h);
	h = render_doc(&c, &f);
	HAS(h, "<h1 id=\"top\" lang=\"zh\">最高人民法院、");
	HAS(h, "若干问题的解释</h1>");
	HAS(h, "<dt>日期</dt><dd>2021年6月10日</dd>");
	free(h);
	c.ui = MSG_EN;
	f.title = "Short";
	h = render(&c, &f);
	HAS(h, "aria-label=\"Short: the text here, matches highlighted\">The "
	       "text here, matches highlighted</a>");
	HAS(h, "<html lang=\"en\">");
	HAS(h, "10 June 2021");
	free(h);
}

static void
test_links_carry_state(void **state)
{
	page_ctx c = ctx();
	search_result r = {0};
	search_fval src[2] = {{"S&P \"500\"", 3}, {"Reuters", 7}};
	search_fval yr[2] = {{"2025", 2}, {"2026", 8}};
	buf o = BUF_INIT;
	fake f = {.title = "T", .snip = "s"};

	(void)state;
	c.q = "a b&c";
	c.lang = "en";
	c.sort_date = 1;
	c.page = 5;
	r.hits = calloc(1, sizeof *r.hits);
	assert_non_null(r.hits);
	hit_from(&r.hits[0], &f, 41);
	r.nhits = 1;
	r.total = 95;
	r.total_exact = 1;
	r.facets[0].name = "source";
	r.facets[0].vals = src;
	r.facets[0].n = 2;
	r.facets[1].name = "year";
	r.facets[1].vals = yr;
	r.facets[1].n = 2;
	r.nfacets = 2;
	page_results(&o, &c, &r);
	assert_int_equal(o.err, 0);
	/* facet links: the state, the filter added, back to page 1 */
	HAS(o.p, "href=\"?q=a+b%26c&amp;source=S%26P+%22500%22&amp;lang=en"
		 "&amp;sort=date\">S&amp;P &quot;500&quot;</a>");
	HAS(o.p, "href=\"?q=a+b%26c&amp;lang=en&amp;from=2026&amp;to=2026"
		 "&amp;sort=date\">2026</a>");
	/* most frequent source first; newest year first */
	assert_true(strstr(o.p, ">Reuters<") < strstr(o.p, ">S&amp;P"));
	assert_true(strstr(o.p, ">2026<") < strstr(o.p, ">2025<"));
	/* the active language filter as a chip that removes it */
	HAS(o.p, "href=\"?q=a+b%26c&amp;sort=date\" title=\"Remove this "
		 "filter\">language: en");
	/* pagination: 10 pages; 5 current; 2..8 around it, 1 and 10 */
	HAS(o.p, "<span aria-current=\"page\">5</span>");
	HAS(o.p, "&amp;page=4\" rel=\"prev\">");
	HAS(o.p, "&amp;page=6\" rel=\"next\">");
	HAS(o.p, "&amp;page=10\">10</a>");
	HAS(o.p, "sort=date\">1</a>"); /* page 1 has no page parameter */
	LACKS(o.p, "page=11");
	HAS(o.p, "<ol class=\"hits\" start=\"41\">");
	HAS(o.p, "95 results");
	/* hidden inputs keep the filters when the query changes */
	HAS(o.p, "<input type=\"hidden\" name=\"lang\" value=\"en\">");
	HAS(o.p, "<option value=\"date\" selected>");
	buf_free(&o);
	r.nfacets = 0;
	res_free(&r);
}

static void
test_empty_and_home(void **state)
{
	page_ctx c = ctx();
	search_result r = {0};
	buf o = BUF_INIT;

	(void)state;
	page_results(&o, &c, NULL);
	HAS(o.p, "class=\"guide\"");
	HAS(o.p, " autofocus");
	HAS(o.p, "href=\"?q=%22export+controls%22\"");
	buf_reset(&o);

	c.q = "<zzz>";
	c.source = "X";
	page_results(&o, &c, &r);
	HAS(o.p, "No articles match <q>&lt;zzz&gt;</q>");
	HAS(o.p, "href=\"?q=%3Czzz%3E\">search again without them");
	LACKS(o.p, "rel=\"next\"");
	buf_reset(&o);

	r.total = 30;
	r.total_exact = 1;
	c.page = 9;
	page_results(&o, &c, &r);
	HAS(o.p, "No results on page 9");
	HAS(o.p, "Go to the first page");
	buf_free(&o);
}

static void
test_suggestion(void **state)
{
	page_ctx c = ctx();
	search_result r = {0};
	buf o = BUF_INIT;
	char sugg[] = "export <controls>";

	(void)state;
	c.q = "exprot";
	r.suggestion = sugg;
	r.suggestion_total = 12;
	page_results(&o, &c, &r);
	HAS(o.p, "Did you mean <a href=\"?q=export+%3Ccontrols%3E\"><strong>"
		 "export &lt;controls&gt;</strong></a>? (12 results)");
	buf_reset(&o);
	r.corrected = 1;
	page_results(&o, &c, &r);
	HAS(o.p, "Showing results for <a href=\"?q=export+%3Ccontrols%3E\">");
	HAS(o.p, "<q>exprot</q> as typed found nothing");
	buf_free(&o);
}

static void
test_error_and_opensearch(void **state)
{
	page_ctx c = ctx();
	buf o = BUF_INIT;

	(void)state;
	c.q = "<q>";
	page_error(&o, &c, 400, "bad <thing> & \"more\"");
	HAS(o.p, "<h1>Bad Request</h1>");
	HAS(o.p, "<p>bad &lt;thing&gt; &amp; &quot;more&quot;</p>");
	HAS(o.p, "value=\"&lt;q&gt;\"");
	buf_reset(&o);
	assert_string_equal(page_status_text(405), "Method Not Allowed");
	assert_string_equal(page_status_text(999), "Error");

	page_opensearch(&o, "My <site> with a very long name",
			"https://ex.com/s?\"x\"");
	HAS(o.p, "<ShortName>My &lt;site&gt; with a</ShortName>");
	HAS(o.p, "template=\"https://ex.com/s?&quot;x&quot;?q={searchTerms}\"");
	buf_free(&o);
	{
		size_t n;
		const char *css = page_css(&n);

		assert_int_equal(strlen(css), n);
		assert_int_equal(strlen(page_css_tag()), 8);
		assert_null(strstr(css, "url("));   /* loads nothing */
		assert_null(strstr(css, "@import"));
	}
}

static void
test_json(void **state)
{
	page_ctx c = ctx();
	search_result r = {0};
	search_fval src[1] = {{"Bad \xFF source", 4}};
	buf o = BUF_INIT;
	fake f = {.id = "x.txt", .title = "<T>", .snip = "an export",
		  .hl = {{3, 9}}, .nhl = 1};
	json_t *j;

	(void)state;
	c.q = "export";
	c.per_page = 7;
	r.hits = calloc(1, sizeof *r.hits);
	assert_non_null(r.hits);
	hit_from(&r.hits[0], &f, 1);
	r.nhits = 1;
	r.total = 1;
	r.total_exact = 1;
	r.facets[0].name = "source";
	r.facets[0].vals = src;
	r.facets[0].n = 1;
	r.nfacets = 1;
	page_json(&o, &c, &r, NULL);
	assert_int_equal(o.err, 0);
	j = json_loads(o.p, 0, NULL);
	assert_non_null(j);
	assert_null(json_object_get(j, "qid"));
	assert_string_equal(json_string_value(json_object_get(j, "query")),
			    "export");
	assert_int_equal(json_integer_value(json_object_get(j, "per_page")), 7);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(json_object_get(j, "results"), 0), "title")),
		"<T>");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(json_object_get(j, "facets"), "source"), 0),
		"value")), "Bad \xEF\xBF\xBD source");
	json_decref(j);
	buf_reset(&o);
	page_json(&o, &c, NULL, "broken <x>");
	j = json_loads(o.p, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "error")),
			    "broken <x>");
	assert_null(json_object_get(j, "facets"));
	json_decref(j);
	buf_free(&o);
	r.nfacets = 0;
	res_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_escaped),
		cmocka_unit_test(test_url_links),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_doc_paragraphs),
		cmocka_unit_test(test_zh_and_names),
		cmocka_unit_test(test_links_carry_state),
		cmocka_unit_test(test_empty_and_home),
		cmocka_unit_test(test_suggestion),
		cmocka_unit_test(test_error_and_opensearch),
		cmocka_unit_test(test_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
