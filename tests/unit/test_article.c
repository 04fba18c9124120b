/*
 * Unit tests for lib/article.c (and lib/html.c, lib/raw.c): tables of input
 * and the article expected from it.  Inline fixtures only (the pages of
 * tests/data/raw are measured by scripts/raw-extract-eval).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "article.h"

/* What a reader should give.  NULL: not checked. */
typedef struct want {
	const char *id, *title, *date, *source, *author, *url, *lang, *text;
} want;

static void
expect_field(const char *name, const char *field, const char *got,
	     const char *exp)
{
	if (!exp)
		return;
	if (!got)
		fail_msg("%s: %s is NULL", name, field);
	if (strcmp(got, exp) != 0)
		fail_msg("%s: %s is \"%s\", expected \"%s\"", name, field, got,
			 exp);
}

static void
expect_article(const char *name, const article *a, const want *w)
{
	expect_field(name, "id", a->id, w->id);
	expect_field(name, "title", a->title, w->title);
	expect_field(name, "date", a->date, w->date);
	expect_field(name, "source", a->source, w->source);
	expect_field(name, "author", a->author, w->author);
	expect_field(name, "url", a->url, w->url);
	expect_field(name, "lang", a->lang, w->lang);
	expect_field(name, "text", a->text, w->text);
	if (strlen(a->text) != a->textlen)
		fail_msg("%s: textlen %zu, strlen %zu", name, a->textlen,
			 strlen(a->text));
}

/* One reader case: input, and the article or the error expected. */
typedef struct rcase {
	const char *name, *in;
	int rc;
	want w;
	const char *msg; /* part of the error message */
	const article_jsonmap *map; /* JSON only */
} rcase;

/* After an error every field is "" and the message is set. */
static void
expect_error(const char *name, const article *a, int rc, int exp_rc,
	     const char *err, const char *msg)
{
	if (rc != exp_rc)
		fail_msg("%s: rc %d, expected %d (%s)", name, rc, exp_rc,
			 err ? err : "no message");
	if (!err)
		fail_msg("%s: no error message", name);
	if (msg && !strstr(err, msg))
		fail_msg("%s: message \"%s\" lacks \"%s\"", name, err, msg);
	if (*a->id || *a->title || *a->date || *a->source || *a->author ||
	    *a->url || *a->lang || *a->text || a->textlen)
		fail_msg("%s: fields not cleared after an error", name);
}

enum { TEXT, HTML, JSON };

/* Runs a table of cases through one reader. */
static void
run_cases(int kind, const rcase *cases, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		const rcase *c = &cases[i];
		article a = {0};
		char *err = NULL;
		int rc;

		if (kind == TEXT)
			rc = article_from_text(&a, "doc.md", c->in,
					       strlen(c->in), &err);
		else if (kind == HTML)
			rc = article_from_html(&a, "page.html", c->in,
					       strlen(c->in), &err);
		else
			rc = article_from_json(&a, c->in, strlen(c->in), c->map,
					       "f.jsonl:3", &err);
		if (c->rc == ST_OK) {
			if (rc != ST_OK)
				fail_msg("%s: rc %d (%s)", c->name, rc, err);
			assert_null(err);
			expect_article(c->name, &a, &c->w);
		} else {
			expect_error(c->name, &a, rc, c->rc, err, c->msg);
		}
		free(err);
		article_clear(&a);
	}
}

/* ---- text and markdown ---- */

static const rcase text_cases[] = {
	{"header", "Title: DeepSeek V4\nDate: 2026-05-07\nSource: TFF\n"
		   "Author: Ann Lee\nURL: https://x.org/a\nLanguage: en\n\n"
		   "Body line one.\nLine two.\n",
	 ST_OK, {"doc.md", "DeepSeek V4", "2026-05-07", "TFF", "Ann Lee",
		  "https://x.org/a", "en", "Body line one.\nLine two."}, NULL,
		  NULL},
	{"keys any case, unknown ignored, lang alias",
	 "TITLE:  Spaced  \ntags: a, b\nlang: de-AT\nDATE: May 7, 2026\n\nText",
	 ST_OK, {NULL, "Spaced", "2026-05-07", "", "", "", "de", "Text"},
	 NULL, NULL},
	{"no header: the headline leaves the body",
	 "\n\n  First line here\nsecond line\n", ST_OK,
	 {"doc.md", "First line here", "", "", "", "", "", "second line"},
	 NULL, NULL},
	{"a headline alone stays the body", "Only a headline here\n", ST_OK,
	 {"doc.md", "Only a headline here", "", "", "", "", "",
	  "Only a headline here"}, NULL, NULL},
	{"markdown title", "# Hello world #\n\nPara.", ST_OK,
	 {NULL, "Hello world", NULL, NULL, NULL, NULL, NULL, "Para."}, NULL,
	 NULL},
	{"markdown title keeps C#", "## Tips for C#\nx", ST_OK,
	 {NULL, "Tips for C#", NULL, NULL, NULL, NULL, NULL, NULL}, NULL, NULL},
	{"hashtag is not a heading", "#hashtag line\nx", ST_OK,
	 {NULL, "#hashtag line", NULL, NULL, NULL, NULL, NULL, NULL}, NULL,
	 NULL},
	{"title skips rule lines", "-----\n***\nReal title\n", ST_OK,
	 {NULL, "Real title", NULL, NULL, NULL, NULL, NULL, NULL}, NULL, NULL},
	{"unknown first key: no header", "Note: read this\nTitle: x\n\nBody",
	 ST_OK, {NULL, "Note: read this", "", NULL, NULL, NULL, NULL,
		  "Title: x\n\nBody"}, NULL, NULL},
	{"url first line: no header", "https://x.org: a site\n\nBody", ST_OK,
	 {NULL, "https://x.org: a site", NULL, NULL, NULL, "", NULL, NULL},
	 NULL, NULL},
	{"CRLF", "Title: T\r\nDate: 2026/05/07\r\n\r\nA\r\nB\r\n\r\nC\rD",
	 ST_OK, {NULL, "T", "2026-05-07", NULL, NULL, NULL, NULL,
		  "A\nB\n\nC\nD"}, NULL, NULL},
	{"BOM", "\xEF\xBB\xBFTitle: Bom\n\nbody", ST_OK,
	 {NULL, "Bom", NULL, NULL, NULL, NULL, NULL, "body"}, NULL, NULL},
	{"BOM no header", "\xEF\xBB\xBF# Hi\nbody", ST_OK,
	 {NULL, "Hi", NULL, NULL, NULL, NULL, NULL, "body"}, NULL, NULL},
	{"header ends at a non-key line", "Title: T\nThe body starts here.\n",
	 ST_OK, {NULL, "T", NULL, NULL, NULL, NULL, NULL,
		  "The body starts here."}, NULL, NULL},
	{"first value wins", "Title: One\nTitle: Two\n\nx", ST_OK,
	 {NULL, "One", NULL, NULL, NULL, NULL, NULL, "x"}, NULL, NULL},
	{"empty value is absent", "Title:\nAuthor: A\n\nFirst body line",
	 ST_OK,
	 {NULL, "First body line", NULL, NULL, "A", NULL, NULL, NULL}, NULL,
	 NULL},
	{"unknown date kept empty", "Title: T\nDate: sometime soon\n\nx",
	 ST_OK, {NULL, "T", "", NULL, NULL, NULL, NULL, "x"}, NULL, NULL},
	{"bad language dropped", "Title: T\nLanguage: English\n\nx", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, "", NULL}, NULL, NULL},
	{"front matter", "---\ntitle: \"Quoted\"\ndate: 2026-05-07\n"
			 "tags:\n  - a\n---\n\n# Heading\nText",
	 ST_OK, {NULL, "Quoted", "2026-05-07", NULL, NULL, NULL, NULL,
		  "# Heading\nText"}, NULL, NULL},
	{"unclosed front matter is text", "---\ntitle: x\nmore", ST_OK,
	 {NULL, "title: x", NULL, NULL, NULL, NULL, NULL, "more"}, NULL,
	 NULL},
	{"rule then text is text", "---\nHello\n---\n", ST_OK,
	 {NULL, "Hello", NULL, NULL, NULL, NULL, NULL, "---\nHello\n---"},
	 NULL, NULL},
	{"header only: a title alone is an article",
	 "Title: Lonely\nDate: 2026\n", ST_OK,
	 {NULL, "Lonely", "2026", NULL, NULL, NULL, NULL, ""}, NULL, NULL},
	{"header and blank body", "Title: T\n\n \n\t\n", ST_OK,
	 {NULL, "T", NULL, NULL, NULL, NULL, NULL, ""}, NULL, NULL},
	{"header without a title or body", "Date: 2026\nAuthor: A\n",
	 ST_EEMPTY, {0}, "no text and no title", NULL},
	{"empty", "", ST_EEMPTY, {0}, "no text", NULL},
	{"whitespace", " \n\t\r\n ", ST_EEMPTY, {0}, "no text", NULL},
	{"BOM only", "\xEF\xBB\xBF\n", ST_EEMPTY, {0}, NULL, NULL},
	{"bad UTF-8", "line one\nline two \xC3\x28 x", ST_EUTF8, {0},
	 "at byte 18 (line 2)", NULL},
	{"overlong UTF-8", "\xC0\xAF", ST_EUTF8, {0}, "at byte 0 (line 1)",
	 NULL},
	{"surrogate UTF-8", "ab\n\n\xED\xA0\x80", ST_EUTF8, {0},
	 "at byte 4 (line 3)", NULL},
	{"truncated UTF-8", "abc\xE4\xB8", ST_EUTF8, {0}, "byte 3", NULL},
	{"Latin-1", "caf\xE9\n", ST_EUTF8, {0}, "byte 3", NULL},
	{"CJK", "标题\n正文", ST_OK,
	 {NULL, "标题", NULL, NULL, NULL, NULL, NULL, "正文"}, NULL, NULL},
};

static void
test_text(void **state)
{
	(void)state;
	run_cases(TEXT, text_cases, sizeof text_cases / sizeof text_cases[0]);
}

static void
test_text_binary(void **state)
{
	static const char data[] = "Title: x\n\nab\0cd";
	article a = {0};
	char *err = NULL;
	int rc;

	(void)state;
	rc = article_from_text(&a, "f", data, sizeof data - 1, &err);
	expect_error("NUL", &a, rc, ST_EBINARY, err,
		     "binary file (NUL byte at offset 12)");
	free(err);
	/* the NUL wins over bad UTF-8 after it, and err may be NULL */
	rc = article_from_text(&a, "f", "\xFF\0", 2, NULL);
	assert_int_equal(rc, ST_EBINARY);
	article_clear(&a);
}

static void
test_text_title_cut(void **state)
{
	buf b = BUF_INIT;
	article a = {0};
	int i, rc;

	(void)state;
	for (i = 0; i < 60; i++)
		buf_adds(&b, "word ");
	buf_adds(&b, "\nbody");
	rc = article_from_text(&a, "f", b.p, b.n, NULL);
	assert_int_equal(rc, ST_OK);
	assert_true(strlen(a.title) <= 203 && strlen(a.title) > 100);
	/* whole words, then an ellipsis that says it was cut */
	assert_string_equal(a.title + strlen(a.title) - 4, "d\xE2\x80\xA6");
	buf_reset(&b);
	/* no spaces: cut on a UTF-8 boundary (3-byte characters) */
	for (i = 0; i < 100; i++)
		buf_adds(&b, "中");
	rc = article_from_text(&a, "f", b.p, b.n, NULL);
	assert_int_equal(rc, ST_OK);
	assert_int_equal(strlen(a.title), 198 + 3);
	assert_true(u8_valid(a.title, strlen(a.title), NULL));
	buf_free(&b);
	article_clear(&a);
}

static void
test_text_too_big(void **state)
{
	article a = {0};
	char *err = NULL;
	int rc;

	(void)state;
	/* the size is checked before the bytes are read */
	rc = article_from_text(&a, "f", "x", (size_t)ART_MAXBYTES + 1, &err);
	expect_error("too big", &a, rc, ST_ETOOBIG, err, "too big");
	free(err);
	err = NULL;
	rc = article_from_html(&a, "f", "x", (size_t)ART_MAXBYTES + 1, &err);
	expect_error("too big html", &a, rc, ST_ETOOBIG, err, "too big");
	free(err);
	err = NULL;
	rc = article_from_json(&a, "x", (size_t)ART_MAXBYTES + 1, NULL, "f",
			       &err);
	expect_error("too big json", &a, rc, ST_ETOOBIG, err, "too big");
	free(err);
}

/* ---- dates ---- */

static const struct {
	const char *in, *iso;
} date_cases[] = {
	{"2026-05-07", "2026-05-07"},
	{"2026/05/07", "2026-05-07"},
	{"2026.5.7", "2026-05-07"},
	{"2026-05", "2026-05"},
	{"2026", "2026"},
	{"20260507", "2026-05-07"},
	{"2026-05-07T10:30:00+02:00", "2026-05-07"},
	{"2026-05-07 10:30", "2026-05-07"},
	{"2026-05-07Z", "2026-05-07"},
	{"May 7, 2026", "2026-05-07"},
	{"Thursday, May 7, 2026", "2026-05-07"},
	{"7 May 2026", "2026-05-07"},
	{"April 25, 2026", "2026-04-25"},
	{"april 25 2026", "2026-04-25"},
	{"Sept. 3, 2025", "2025-09-03"},
	{"Dec 31, 1999", "1999-12-31"},
	{"7th May 2026", "2026-05-07"},
	{"1st of March, 2024", "2024-03-01"},
	{"07-May-2026", "2026-05-07"},
	{"Thu, 07 May 2026 10:00:00 +0000", "2026-05-07"},
	{"May 2026", "2026-05"},
	{"2021年11月25日", "2021-11-25"},
	{"2021年11月", "2021-11"},
	{"2024-02-29", "2024-02-29"},
	{"  2026-05-07  ", "2026-05-07"},
	/* not recognized: kept empty */
	{"2023-02-29", ""},
	{"2026-13-01", ""},
	{"2026-00-10", ""},
	{"2026-05-32", ""},
	{"2026-05-07-01", ""},
	{"2026-05-071", ""},
	{"05/07/2026", ""},
	{"7/5/2026", ""},
	{"yesterday", ""},
	{"Mayday 2026", ""},
	{"May 32, 2026", ""},
	{"May 7, 20260", ""},
	{"Monday", ""},
	{"999", ""},
	{"0999-01-01", ""},
	{"12345", ""},
	{"2026-", ""},
	{"2026x", ""},
	{"年", ""},
};

static void
test_dates(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof date_cases / sizeof date_cases[0]; i++) {
		article a = {0};
		char name[80], *in;
		int rc;

		in = str_printf("Title: t\nDate: %s\n\nbody", date_cases[i].in);
		snprintf(name, sizeof name, "date \"%s\"", date_cases[i].in);
		rc = article_from_text(&a, "f", in, strlen(in), NULL);
		assert_int_equal(rc, ST_OK);
		expect_field(name, "date", a.date, date_cases[i].iso);
		expect_field(name, "text", a.text, "body");
		free(in);
		article_clear(&a);
	}
}

/* ---- HTML ---- */

static const rcase html_cases[] = {
	{"all metadata",
	 "<!DOCTYPE html><html lang=\"en-US\"><head>"
	 "<title>Page &amp; title</title>"
	 "<meta property=\"og:title\" content=\" OG  title \">"
	 "<meta property=\"og:site_name\" content=\"The Site\">"
	 "<meta name=\"author\" content=\"Jo Doe\">"
	 "<meta property=\"article:published_time\" "
	 "content=\"2026-05-07T08:00:00Z\">"
	 "<link rel=\"canonical\" href=\"https://s.org/a\">"
	 "<meta property=\"og:url\" content=\"https://s.org/og\">"
	 "</head><body><p>Hello world.</p></body></html>",
	 ST_OK, {"page.html", "OG title", "2026-05-07", "The Site", "Jo Doe",
		  "https://s.org/a", "en", "Hello world."}, NULL, NULL},
	{"title from <title>",
	 "<title>\n  The\n title </title><h1>Head</h1><p>x</p>", ST_OK,
	 {NULL, "The title", "", "", "", "", "", "Head\n\nx"}, NULL, NULL},
	{"title from <h1>", "<body><h1>The <em>big</em> one</h1><p>x</p>",
	 ST_OK, {NULL, "The big one", NULL, NULL, NULL, NULL, NULL, NULL},
	 NULL, NULL},
	{"h1 in the article beats the site's h1",
	 "<div class=logo><h1>Site</h1></div>"
	 "<article><h1>Story</h1><p>x</p></article>",
	 ST_OK, {NULL, "Story", NULL, NULL, NULL, NULL, NULL, "Story\n\nx"},
	 NULL, NULL},
	{"svg title is not the title",
	 "<body><svg><title>icon</title></svg><h1>Real</h1></body>", ST_OK,
	 {NULL, "Real", NULL, NULL, NULL, NULL, NULL, "Real"}, NULL, NULL},
	{"og:url without canonical",
	 "<meta property=og:url content=https://s.org/og><p>x", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, "https://s.org/og", NULL, NULL}, NULL,
	 NULL},
	{"date from <time datetime>",
	 "<article><time datetime=\"2026-04-25\">April 25</time>"
	 "<p>x</p></article>",
	 ST_OK, {NULL, NULL, "2026-04-25", NULL, NULL, NULL, NULL, NULL}, NULL,
	 NULL},
	{"date from <time> text",
	 "<p>Posted <time>May 7, 2026</time></p>", ST_OK,
	 {NULL, NULL, "2026-05-07", NULL, NULL, NULL, NULL,
	  "Posted May 7, 2026"}, NULL, NULL},
	{"date from meta name=date",
	 "<meta name=date content=\"2026/05/07\"><p>x", ST_OK,
	 {NULL, NULL, "2026-05-07", NULL, NULL, NULL, NULL, NULL}, NULL, NULL},
	{"date from DC.date.issued",
	 "<meta name=\"DC.date.issued\" content=\"2001-02-03\"><p>x", ST_OK,
	 {NULL, NULL, "2001-02-03", NULL, NULL, NULL, NULL, NULL}, NULL, NULL},
	{"published_time beats <time>",
	 "<meta property=article:published_time content=2020-01-01>"
	 "<time datetime=2021-01-01>x</time>",
	 ST_OK, {NULL, NULL, "2020-01-01", NULL, NULL, NULL, NULL, NULL}, NULL,
	 NULL},
	{"bad published_time falls back",
	 "<meta property=article:published_time content=soon>"
	 "<meta name=dc.date content=\"7 May 2026\"><p>x",
	 ST_OK, {NULL, NULL, "2026-05-07", NULL, NULL, NULL, NULL, NULL}, NULL,
	 NULL},
	{"script, style, nav, header, footer, aside, form removed",
	 "<head><style>p{color:red}</style><script>var a='<p>no</p>';"
	 "</script></head><body><header>Masthead</header><nav><a>Home</a>"
	 "</nav><p>Kept</p><aside>Side</aside><form>Search "
	 "<input></form><noscript>Enable JS</noscript><template><p>t</p>"
	 "</template><iframe>f</iframe><button>Click</button><select>"
	 "<option>o</select><p>Also <b>kept</b></p><footer>Foot</footer>"
	 "</body>",
	 ST_OK, {NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		  "Kept\n\nAlso kept"}, NULL, NULL},
	{"noise classes removed, negations kept",
	 "<body><div class=\"post has-comments\">Story</div>"
	 "<div id=comments>C1</div><div class=\"share-buttons\">S</div>"
	 "<ul class=related_posts><li>R</li></ul>"
	 "<div class=\"content-with-sidebar\">More</div>"
	 "<div class=Newsletter>N</div><div class=cookie-banner>K</div>"
	 "<p hidden>H</p></body>",
	 ST_OK, {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Story\nMore"},
	 NULL, NULL},
	{"entities",
	 "<p>a &amp; b &lt;c&gt; &eacute;t&eacute; &#x4E2D;&#25991; "
	 "&quot;q&quot; 10&nbsp;km &copy</p>",
	 ST_OK, {NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		  "a & b <c> été 中文 \"q\" 10 km ©"}, NULL, NULL},
	{"whitespace collapsed",
	 "<p>  one\n\t two   <span> three </span>four</p>", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "one two three four"}, NULL,
	 NULL},
	{"inline elements do not split words",
	 "<p>un<b>break</b>able</p>", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "unbreakable"}, NULL, NULL},
	{"nested lists",
	 "<ul><li>a<ul><li>b</li><li>c<ol><li>d</ol></li></ul></li>"
	 "<li>e</li></ul><p>after</p>",
	 ST_OK, {NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		  "a\n\nb\nc\n\nd\n\ne\n\nafter"}, NULL, NULL},
	{"br and div are lines, p paragraphs",
	 "<div>a<br>b</div><div>c</div><p>d</p><p>e</p>", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "a\nb\nc\n\nd\n\ne"}, NULL,
	 NULL},
	{"tables",
	 "<table><tr><th>H1</th><th>H2</th></tr><tr><td>a</td><td>b</td>"
	 "</tr></table>",
	 ST_OK, {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "H1 H2\na b"}, NULL,
	 NULL},
	{"pre keeps whitespace",
	 "<p>x</p><pre>\nline 1\n  line 2\n</pre><p>y</p>", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	  "x\n\nline 1\n  line 2\n\ny"}, NULL, NULL},
	{"article beats body",
	 "<body><div>Menu</div><article><p>Story</p></article>"
	 "<div>Junk</div></body>",
	 ST_OK, {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Story"}, NULL,
	 NULL},
	{"several articles, nested one counted once",
	 "<article><p>One</p><article><p>Inner</p></article></article>"
	 "<aside><article>Aside</article></aside><article>Two</article>",
	 ST_OK, {NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		  "One\n\nInner\n\nTwo"}, NULL, NULL},
	{"main beats body",
	 "<div>Menu</div><main><p>Main text</p></main><div>Junk</div>",
	 ST_OK, {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Main text"}, NULL,
	 NULL},
	{"role=main",
	 "<div>Menu</div><div role=main><p>Main text</p></div>", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Main text"}, NULL, NULL},
	{"empty article falls back to body",
	 "<article></article><p>Body text</p>", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Body text"}, NULL, NULL},
	{"page inside a form: loose pass",
	 "<body><form id=aspnetForm><div>Page text</div></form></body>",
	 ST_OK, {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Page text"}, NULL,
	 NULL},
	{"text only, no tags", "Just text & more", ST_OK,
	 {NULL, "", NULL, NULL, NULL, NULL, "", "Just text & more"}, NULL,
	 NULL},
	{"comments and CDATA", "<p>a<!-- hidden --> b</p>", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "a b"}, NULL, NULL},
	{"lang with xml:lang only and underscore",
	 "<html xml:lang=\"pt_BR\"><p>x</p></html>", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, "pt", NULL}, NULL, NULL},
	{"BOM", "\xEF\xBB\xBF<p>x</p>", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "x"}, NULL, NULL},
	{"CRLF", "<p>a\r\nb</p>\r\n<pre>c\r\nd</pre>", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "a b\n\nc\nd"}, NULL, NULL},
	{"no text", "<html><head><title>T</title></head><body>"
		    "<script>x()</script></body></html>", ST_EEMPTY, {0}, NULL,
		    NULL},
	{"empty", "", ST_EEMPTY, {0}, NULL, NULL},
	{"bad UTF-8", "<p>caf\xE9</p>", ST_EUTF8, {0}, NULL, NULL},
};

static void
test_html(void **state)
{
	(void)state;
	run_cases(HTML, html_cases, sizeof html_cases / sizeof html_cases[0]);
}

static void
test_html_binary(void **state)
{
	static const char data[] = "<p>a\0b</p>";
	article a = {0};
	char *err = NULL;
	int rc;

	(void)state;
	rc = article_from_html(&a, "f", data, sizeof data - 1, &err);
	expect_error("html NUL", &a, rc, ST_EBINARY, err, "offset 4");
	free(err);
	err = NULL;
	rc = article_from_html(&a, "f", "<p>\n\n\x80</p>", 10, &err);
	expect_error("html UTF-8", &a, rc, ST_EUTF8, err,
		     "at byte 5 (line 3)");
	free(err);
}

/* 100,000 nested elements of several kinds: no crash, no stack overflow,
 * no minutes spent in the parser, and the text inside is kept. */
static void
test_html_deep(void **state)
{
	static const char *const tags[] = {"div", "span", "b", "ul",
					   "blockquote", "table", "a", "font"};
	size_t t, i, count;
	const char *p;

	(void)state;
	for (t = 0; t < sizeof tags / sizeof tags[0]; t++) {
		buf b = BUF_INIT;
		article a = {0};
		char *err = NULL;
		int rc;

		buf_adds(&b, "<html><body>");
		for (i = 0; i < 100000; i++)
			buf_printf(&b, "<%s>w", tags[t]);
		buf_adds(&b, "end");
		for (i = 0; i < 100000; i++)
			buf_printf(&b, "</%s>", tags[t]);
		rc = article_from_html(&a, "deep", b.p, b.n, &err);
		if (rc != ST_OK)
			fail_msg("deep %s: rc %d (%s)", tags[t], rc, err);
		for (count = 0, p = a.text; (p = strchr(p, 'w')); p++)
			count++;
		if (count != 100000)
			fail_msg("deep %s: %zu words of 100000", tags[t],
				 count);
		assert_non_null(strstr(a.text, "end"));
		free(err);
		article_clear(&a);
		buf_free(&b);
	}
}

/* Tricky markup for the depth guard: comments, raw text and quoted '>'
 * must not confuse it; deep markup behind them still parses. */
static void
test_html_deep_tricky(void **state)
{
	buf b = BUF_INIT;
	article a = {0};
	size_t i;
	int rc;

	(void)state;
	buf_adds(&b, "<title>T</title><script>if (a<b) x='<div>';</script>"
		     "<!-- <div> --><!--><p a=\"<div>\" b='>'>");
	for (i = 0; i < 5000; i++)
		buf_adds(&b, "<div><!-- c --><style>p{}</style><em>");
	buf_adds(&b, "deep text");
	rc = article_from_html(&a, "t", b.p, b.n, NULL);
	assert_int_equal(rc, ST_OK);
	assert_string_equal(a.title, "T");
	assert_string_equal(a.text, "deep text");
	article_clear(&a);
	buf_free(&b);
}

/* ---- raw page text (lib/raw.c through the readers) ---- */

/* A paragraph long enough to be one, from the seed articles. */
#define PARA1                                                                  \
	"The entire strategic logic of American export controls rests on a "  \
	"single premise: without access to NVIDIA's most advanced GPUs, "     \
	"Chinese AI labs cannot build frontier models. DeepSeek just "        \
	"obliterated that assumption. Reuters confirmed on April 4 that "     \
	"DeepSeek V4 will run entirely on Huawei's Ascend 950PR chips."
#define PARA2                                                                  \
	"The numbers alone demand attention. DeepSeek V4 activates roughly "  \
	"37 billion of its one trillion total parameters per token through "  \
	"sparse mixture-of-experts routing, which means it runs more like a " \
	"37B model at inference time while drawing on a knowledge base."
#define ZH1                                                                    \
	"近年来，我国人工智能大模型技术快速发展，应用场景不断拓展，从智能客服" \
	"到工业质检，从医疗辅助诊断到城市治理，大模型正加速走进千行百业。"

/* One raw page: what the reader must find, and text the body must hold
 * or must not hold (NULL-ended lists). */
typedef struct rawcase {
	const char *name, *in, *title, *date, *author, *source;
	const char *has[4], *lacks[6];
	int html;
} rawcase;

static const rawcase raw_cases[] = {
	{"seed 001: repeated headline, name above the date, chrome",
	 "DeepSeek V4 on Huawei Chips Is Not a Benchmark Story. It Is a "
	 "Supply Chain Story That Changes Everything.\nModel Release\n\n"
	 "DeepSeek V4 on Huawei Chips Is Not a Benchmark Story. It Is a "
	 "Supply Chain Story That Changes Everything.\n\nDeepSeek V4-Pro with "
	 "1.6T parameters trained on Huawei Ascend chips challenges the core "
	 "logic of US AI chip export controls.\n\nTFF Editorial\nThursday, May "
	 "7, 2026\n12 min read\nShare:XLinkedIn\n\nKey Takeaways\n\n" PARA1
	 "\n\n" PARA2 "\nShare:XLinkedIn\n</> Embed this article\n\nCopy the "
	 "iframe code below to embed on your site:\n\n<iframe src=\"x\"></iframe>",
	 "DeepSeek V4 on Huawei Chips Is Not a Benchmark Story. It Is a Supply "
	 "Chain Story That Changes Everything.",
	 "2026-05-07", "TFF Editorial", "",
	 {"Key Takeaways", "DeepSeek V4-Pro with", NULL},
	 {"Share:", "min read", "Model Release", "Embed", "iframe", NULL}, 0},
	{"seed 002: navigation and a name above the headline",
	 "skip to content\nStephen Van Tran\nTable of Contents\n\nThe chip "
	 "embargo just failed its biggest test\n\n" PARA1 "\n\n" PARA2,
	 "The chip embargo just failed its biggest test", "", "Stephen Van Tran",
	 "", {"The entire strategic", NULL},
	 {"skip to content", "Table of Contents", "Van Tran", NULL}, 0},
	{"seed 004: the text says today's date; a signature; comment box",
	 "When the Sanctions Built the Competitor: DeepSeek-V4, Huawei Ascend, "
	 "and the Chip War Reversal\n\nIt is April 25, 2026. If you want to "
	 "understand the current state of computer space, look at what just "
	 "happened in Hangzhou.\n\n" PARA1 "\n\n" PARA2 "\n\n\xE2\x80\x94 Clawde "
	 "\xF0\x9F\xA6\x9E\n\nLeave a Reply\n\nYour email address will not be "
	 "published. Required fields are marked *",
	 "When the Sanctions Built the Competitor: DeepSeek-V4, Huawei Ascend, "
	 "and the Chip War Reversal",
	 "2026-04-25", "Clawde", "", {"It is April 25, 2026.", NULL},
	 {"Clawde", "Leave a Reply", "email address", NULL}, 0},
	{"seed 003: no headline, the first sentence; an event date is no date",
	 "The global AI chessboard experienced a significant tremor recently "
	 "with the official unveiling of DeepSeek V4. DeepSeek released two "
	 "preview models on April 24, 2026, and the new model from the "
	 "Hangzhou-based research lab is not merely another software "
	 "iteration; it is a declaration of technological sovereignty.\n" PARA2,
	 "The global AI chessboard experienced a significant tremor recently "
	 "with the official unveiling of DeepSeek V4",
	 "", "", "", {"The global AI chessboard", NULL}, {NULL}, 0},
	{"wire: byline with agency, time before the date, share column",
	 "Skip to main content\nTechnology\nNvidia's China sales slump as export "
	 "curbs bite, filings show\nBy Karen Freifeld, Reuters\nUpdated 4:12 PM "
	 "EDT, May 6, 2026\nShare\nX\nFacebook\nLinkedIn\n\nWASHINGTON, May 6 "
	 "(Reuters) - " PARA1 "\n\n" PARA2 "\n\nCopyright 2026 Reuters. All "
	 "rights reserved.",
	 "Nvidia's China sales slump as export curbs bite, filings show",
	 "2026-05-06", "Karen Freifeld", "", {"WASHINGTON, May 6", NULL},
	 {"Facebook", "LinkedIn", "Copyright", "By Karen", NULL}, 0},
	{"dateline opening the first paragraph",
	 "Senate panel advances chip tariff bill\n\nWASHINGTON, May 5, 2026 "
	 "(AP) \xE2\x80\x94 " PARA1 "\n\n" PARA2,
	 "Senate panel advances chip tariff bill", "2026-05-05", "", "",
	 {"WASHINGTON, May 5, 2026", NULL}, {NULL}, 0},
	{"blog: posted on a date by a name, breadcrumbs, tail of comments",
	 "Menu\nChip Policy Watch\nHome \xC2\xBB Analysis \xC2\xBB The Entity "
	 "List after DeepSeek\nThe Entity List after DeepSeek\nPosted on April "
	 "30, 2026 by Maria Gonzalez\n" PARA1 "\n\n" PARA2 "\n\nShare this:\n"
	 "Twitter\nFacebook\nRelated\nThe Foreign Direct Product Rule\n"
	 "3 thoughts on \"The Entity List after DeepSeek\"\nLeave a Reply",
	 "The Entity List after DeepSeek", "2026-04-30", "Maria Gonzalez", "",
	 {"The numbers alone", NULL},
	 {"Posted on", "Analysis", "Share this", "Foreign Direct", "thoughts",
	  NULL}, 0},
	{"人民网: date and source on one line, 作者, 分享到",
	 "人民网>>科技\n人工智能大模型加速落地 产业链协同创新提速\n"
	 "2026年05月07日08:15 | 来源：人民网－人民日报\n作者：王晓明\n分享到：\n"
	 ZH1 "\n\n(责编：赵六、钱七)",
	 "人工智能大模型加速落地 产业链协同创新提速", "2026-05-07", "王晓明",
	 "人民网－人民日报", {"近年来", NULL},
	 {"人民网>>", "来源", "分享到", "责编", NULL}, 0},
	{"新华网: reporters in the dateline, 责任编辑, 相关新闻",
	 "新华网 > 正文\n首页 | 时政 | 国际 | 财经\n中国发布人工智能芯片产业发展"
	 "新举措\n2026-05-07 10:23:45 来源：新华网\n新华社北京5月7日电（记者张三、"
	 "李四）" ZH1 "\n\n" ZH1 "\n\n责任编辑：王五\n相关新闻\n美国商务部更新规则",
	 "中国发布人工智能芯片产业发展新举措", "2026-05-07", "张三、李四",
	 "新华网", {"新华社北京", NULL},
	 {"首页", "责任编辑", "相关新闻", "更新规则", NULL}, 0},
	{"words that look like chrome inside the text stay",
	 "Chip stocks tumble after export rule\n\nShare prices of chipmakers "
	 "fell sharply on Monday.\n\nBy the way, nobody expected it.\n\n" PARA1,
	 "Chip stocks tumble after export rule", "", "", "",
	 {"Share prices of", "By the way, nobody", NULL}, {NULL}, 0},
	{"the metadata header wins: no heuristics on its body",
	 "Title: Header title\nDate: 2026-01-02\n\nBy Jane Doe\nMay 7, 2026\n"
	 "Share:XLinkedIn\n" PARA1,
	 "Header title", "2026-01-02", "", "", {"By Jane Doe", "Share:", NULL},
	 {NULL}, 0},
	{"HTML without metadata: byline and date from the visible text",
	 "<html><head><title>Chip tariffs - Example Tribune</title></head><body>"
	 "<div>Skip to content</div><div>Home &gt; Business</div><h1>Senate "
	 "panel advances chip tariff bill</h1><p>By Laura Chen</p><p>Tuesday, "
	 "May 5, 2026</p><p>" PARA1 "</p><p>Share: Facebook Twitter Email</p><p>"
	 PARA2 "</p><p>\xC2\xA9 2026 Example Tribune</p></body></html>",
	 "Senate panel advances chip tariff bill", "2026-05-05", "Laura Chen", "",
	 {"Senate panel advances", "The numbers alone", NULL},
	 {"Skip to", "Share:", "\xC2\xA9", "By Laura", NULL}, 1},
	{"HTML metadata wins over the visible text",
	 "<html><head><meta property=\"og:title\" content=\"OG title\"><meta "
	 "name=\"author\" content=\"Meta Author\"><meta property=\"article:"
	 "published_time\" content=\"2026-01-02\"></head><body><h1>Senate panel "
	 "advances chip tariff bill</h1><p>By Laura Chen</p><p>May 5, 2026</p>"
	 "<p>" PARA1 "</p></body></html>",
	 "OG title", "2026-01-02", "Meta Author", "", {NULL}, {NULL}, 1},
};

static void
test_raw(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof raw_cases / sizeof raw_cases[0]; i++) {
		const rawcase *c = &raw_cases[i];
		article a = {0};
		char *err = NULL;
		int rc;

		rc = c->html ? article_from_html(&a, "p.html", c->in,
						 strlen(c->in), &err)
			     : article_from_text(&a, "p.txt", c->in,
						 strlen(c->in), &err);
		if (rc != ST_OK)
			fail_msg("%s: rc %d (%s)", c->name, rc, err);
		expect_field(c->name, "title", a.title, c->title);
		expect_field(c->name, "date", a.date, c->date);
		expect_field(c->name, "author", a.author, c->author);
		expect_field(c->name, "source", a.source, c->source);
		for (k = 0; k < 4 && c->has[k]; k++)
			if (!strstr(a.text, c->has[k]))
				fail_msg("%s: the body lacks \"%s\":\n%s", c->name,
					 c->has[k], a.text);
		for (k = 0; k < 6 && c->lacks[k]; k++)
			if (strstr(a.text, c->lacks[k]))
				fail_msg("%s: the body has \"%s\":\n%s", c->name,
					 c->lacks[k], a.text);
		free(err);
		article_clear(&a);
	}
}

/* ---- JSON Lines ---- */

static const article_jsonmap custom_map = {
	"key", "headline", "when", NULL, "by", "", NULL, "body", NULL,
};

static const article_jsonmap spaced_map = {
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, " body , abstract ,", NULL,
};

static const rcase json_cases[] = {
	{"defaults",
	 "{\"id\":\"d1\",\"title\":\" T \",\"date\":\"2026-05-07\","
	 "\"source\":\"S\",\"author\":\"A\",\"url\":\"https://u\","
	 "\"lang\":\"EN\",\"text\":\"Body\"}",
	 ST_OK, {"d1", "T", "2026-05-07", "S", "A", "https://u", "en",
			"Body"}, NULL, NULL},
	{"BEIR _id", "{\"_id\": \"4983\", \"title\": \"t\", \"text\": \"x\", "
		     "\"metadata\": {}}",
	 ST_OK, {"4983", "t", "", "", "", "", "", "x"}, NULL, NULL},
	{"numeric id, authority as source",
	 "{\"id\": 2425, \"authority\": \"US Congress\", \"text\": \"x\"}",
	 ST_OK, {"2425", NULL, NULL, "US Congress", NULL, NULL, NULL,
			NULL}, NULL, NULL},
	{"negative and big ids",
	 "{\"id\": -9223372036854775807, \"text\": \"x\"}", ST_OK,
	 {"-9223372036854775807", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	 NULL, NULL},
	{"real id", "{\"id\": 1.5, \"text\": \"x\"}", ST_OK,
	 {"1.5", NULL, NULL, NULL, NULL, NULL, NULL, NULL}, NULL, NULL},
	{"category as source, empty date",
	 "{\"id\": 27, \"category\": \"司法解释\", \"date\": \"\", "
	 "\"text\": \"正文\"}",
	 ST_OK, {"27", "", "", "司法解释", NULL, NULL, NULL, "正文"},
	 NULL, NULL},
	{"date falls through to proposed_date",
	 "{\"date\": \"n/a\", \"proposed_date\": \"May 7, 2026\", "
	 "\"text\": \"x\"}",
	 ST_OK, {NULL, NULL, "2026-05-07", NULL, NULL, NULL, NULL,
			NULL}, NULL, NULL},
	{"empty title falls through to name",
	 "{\"title\": \"  \", \"name\": \"N\", \"text\": \"x\"}", ST_OK,
	 {NULL, "N", NULL, NULL, NULL, NULL, NULL, NULL}, NULL, NULL},
	{"fallback id", "{\"text\": \"x\"}", ST_OK,
	 {"f.jsonl:3", NULL, NULL, NULL, NULL, NULL, NULL, "x"}, NULL, NULL},
	{"authors array",
	 "{\"authors\": [\"Ann\", \"\", 3, null, {\"name\": \"Bo\"}, [\"x\"], "
	 "\"Cy\"], \"text\": \"x\"}",
	 ST_OK, {NULL, NULL, NULL, NULL, "Ann; Bo; Cy", NULL, NULL,
			NULL}, NULL, NULL},
	{"author object", "{\"author\": {\"name\": \"Di\"}, \"text\": \"x\"}",
	 ST_OK, {NULL, NULL, NULL, NULL, "Di", NULL, NULL, NULL}, NULL, NULL},
	{"text array", "{\"text\": [\"p1\", \"p2\"]}", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "p1\n\np2"}, NULL, NULL},
	{"wrong types are absent",
	 "{\"id\": true, \"title\": 5, \"date\": 2026, \"source\": null, "
	 "\"author\": false, \"url\": {}, \"lang\": [\"en\"], "
	 "\"text\": \"x\"}",
	 ST_OK, {"f.jsonl:3", "", "", "", "", "", "", "x"}, NULL, NULL},
	{"object id is absent", "{\"id\": {\"a\": 1}, \"text\": \"x\"}", ST_OK,
	 {"f.jsonl:3", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	 NULL, NULL},
	{"NUL in strings becomes space",
	 "{\"title\": \"a\\u0000b\", \"text\": \"c\\u0000d\\u0000\"}", ST_OK,
	 {NULL, "a b", NULL, NULL, NULL, NULL, NULL, "c d "}, NULL, NULL},
	{"escapes", "{\"text\": \"\\u00e9\\ud83d\\ude00\\n\\\"q\\\"\"}", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		  "\xC3\xA9\xF0\x9F\x98\x80\n\"q\""}, NULL, NULL},
	{"custom map",
	 "{\"key\": 7, \"id\": \"no\", \"headline\": \"H\", \"title\": \"no\","
	 " \"when\": \"2026\", \"by\": \"B\", \"url\": \"skipped\", "
	 "\"source\": \"S\", \"body\": \"Text\", \"text\": \"no\"}",
	 ST_OK, {"7", "H", "2026", "S", "B", "", NULL, "Text"}, NULL,
	 &custom_map},
	{"spaces in the key list", "{\"abstract\": \"A\"}", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "A"}, NULL, &spaced_map},
	{"trailing newline and spaces", "{\"text\": \"x\"}  \r\n", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "x"}, NULL, NULL},
	{"BOM", "\xEF\xBB\xBF{\"text\": \"x\"}", ST_OK,
	 {NULL, NULL, NULL, NULL, NULL, NULL, NULL, "x"}, NULL, NULL},
	{"title only: an article", "{\"id\": 1, \"title\": \"T\"}", ST_OK,
	 {"1", "T", NULL, NULL, NULL, NULL, NULL, ""}, NULL, NULL},
	{"neither text nor title", "{\"id\": 1, \"date\": \"2026\"}",
	 ST_EEMPTY, {0}, "no text and no title", NULL},
	{"blank text", "{\"text\": \" \\n \"}", ST_EEMPTY, {0},
	 "no text", NULL},
	{"text of wrong type", "{\"text\": 42}", ST_ERR, {0},
	 "not a string", NULL},
	{"text of wrong type beside a title",
	 "{\"title\": \"T\", \"text\": {\"a\": 1}}", ST_ERR, {0},
	 "key 'text'", NULL},
	{"empty line", "  \n", ST_EEMPTY, {0}, NULL, NULL},
	{"malformed", "{\"id\": 1, \"text\": \"x\"", ST_ERR, {0},
	 "column", NULL},
	{"malformed middle", "{\"id\": 1,, \"text\": \"x\"}", ST_ERR,
	 {0}, "column 10", NULL},
	{"trailing garbage", "{\"text\": \"x\"} {}", ST_ERR, {0},
	 "column", NULL},
	{"array", "[1, 2]", ST_ERR, {0}, "not an object", NULL},
	{"scalar", "\"text\"", ST_ERR, {0}, "column", NULL},
	{"lone surrogate", "{\"text\": \"\\ud800\"}", ST_ERR, {0},
	 "column", NULL},
	{"invalid UTF-8", "{\"text\": \"caf\xE9\"}", ST_EUTF8, {0},
	 "byte 13", NULL},
};

static void
test_json(void **state)
{
	(void)state;
	run_cases(JSON, json_cases, sizeof json_cases / sizeof json_cases[0]);
}

static void
test_json_binary(void **state)
{
	static const char line[] = "{\"text\": \"a\0b\"}";
	article a = {0};
	char *err = NULL;
	int rc;

	(void)state;
	rc = article_from_json(&a, line, sizeof line - 1, NULL, "x", &err);
	expect_error("raw NUL", &a, rc, ST_EBINARY, err, "offset 11");
	free(err);
	/* not NUL-terminated: only n bytes are read */
	rc = article_from_json(&a, "{\"text\": \"x\"}garbage", 13, NULL, "x",
			       NULL);
	assert_int_equal(rc, ST_OK);
	assert_string_equal(a.text, "x");
	article_clear(&a);
}

static void
test_json_huge(void **state)
{
	size_t n = 16u << 20, i;
	buf b = BUF_INIT;
	article a = {0};
	int rc;

	(void)state;
	assert_int_equal(buf_grow(&b, n + 64), 0);
	buf_adds(&b, "{\"id\": \"big\", \"text\": \"");
	for (i = 0; i < n / 8; i++)
		buf_add(&b, "word \\n ", 8);
	buf_adds(&b, "\"}");
	rc = article_from_json(&a, b.p, b.n, NULL, NULL, NULL);
	assert_int_equal(rc, ST_OK);
	assert_string_equal(a.id, "big");
	assert_int_equal(a.textlen, n / 8 * 7);
	assert_memory_equal(a.text, "word \n word \n ", 14);
	article_clear(&a);
	buf_free(&b);
}

/* ---- kinds ---- */

static void
test_kind(void **state)
{
	static const struct {
		const char *path;
		int kind;
	} cases[] = {
		{"a.html", 'h'}, {"dir/a.HTM", 'h'}, {"a.xhtml", 'h'},
		{"x/y.jsonl", 'j'}, {"y.ndjson", 'j'}, {"a.txt", 't'},
		{"a.md", 't'}, {"a.Markdown", 't'}, {"a.text", 't'},
		{"a.json", 0}, {"a.jsonl.gz", 0}, {"README", 0}, {".md", 0},
		{"dir.md/file", 0}, {"a.", 0}, {"", 0}, {NULL, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (article_kind(cases[i].path) != cases[i].kind)
			fail_msg("kind of \"%s\": %d, expected %d",
				 cases[i].path ? cases[i].path : "(null)",
				 article_kind(cases[i].path), cases[i].kind);
}

/* ---- clear and reuse ---- */

static void
test_clear(void **state)
{
	article a;

	(void)state;
	memset(&a, 0, sizeof a);
	article_clear(&a);
	assert_string_equal(a.id, "");
	assert_string_equal(a.text, "");
	assert_int_equal(a.textlen, 0);
	article_clear(&a); /* twice is fine */
	/* a reader reuses the article: the old fields are freed */
	assert_int_equal(article_from_text(&a, "1", "one", 3, NULL), ST_OK);
	assert_int_equal(article_from_html(&a, "2", "<p>two", 6, NULL), ST_OK);
	assert_string_equal(a.id, "2");
	assert_int_equal(article_from_json(&a, "{\"text\":\"3\"}", 12, NULL,
					   NULL, NULL), ST_OK);
	assert_string_equal(a.id, "");
	assert_string_equal(a.text, "3");
	assert_int_equal(article_from_text(&a, "4", "", 0, NULL), ST_EEMPTY);
	assert_string_equal(a.text, "");
	article_clear(&a);
}

/* ---- packed records ---- */

static void
expect_view(const article *a, const article_view *v)
{
	assert_string_equal(v->id, a->id);
	assert_string_equal(v->title, a->title);
	assert_string_equal(v->date, a->date);
	assert_string_equal(v->source, a->source);
	assert_string_equal(v->author, a->author);
	assert_string_equal(v->url, a->url);
	assert_string_equal(v->lang, a->lang);
	assert_string_equal(v->names, a->names);
	assert_int_equal(v->textlen, a->textlen);
	assert_memory_equal(v->text, a->text, a->textlen);
	assert_int_equal(v->text[v->textlen], '\0');
}

static void
expect_empty_view(const article_view *v)
{
	assert_string_equal(v->id, "");
	assert_string_equal(v->title, "");
	assert_string_equal(v->date, "");
	assert_string_equal(v->source, "");
	assert_string_equal(v->author, "");
	assert_string_equal(v->url, "");
	assert_string_equal(v->lang, "");
	assert_string_equal(v->names, "");
	assert_string_equal(v->text, "");
	assert_int_equal(v->textlen, 0);
}

static void
test_pack(void **state)
{
	static const char *const inputs[] = {
		("Title: T\nDate: 2026-05-07\nSource: S\nAuthor: A\n"
		 "URL: https://u\nLang: en\n\nBody text."),
		"x",
		"中文标题\n正文",
	};
	size_t i, cut;
	article a = {0};
	article_view v;
	buf b = BUF_INIT;
	char *copy;

	(void)state;
	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		assert_int_equal(article_from_text(&a, "id/1", inputs[i],
						   strlen(inputs[i]), NULL),
				 ST_OK);
		buf_reset(&b);
		buf_adds(&b, "prefix"); /* pack appends */
		article_pack(&a, &b);
		assert_int_equal(b.err, 0);
		assert_memory_equal(b.p, "prefix", 6);
		copy = malloc(b.n - 6);
		assert_non_null(copy);
		memcpy(copy, b.p + 6, b.n - 6);
		assert_int_equal(article_unpack(copy, b.n - 6, &v), 0);
		expect_view(&a, &v);
		/* every truncation fails cleanly; each in its own
		 * allocation so that a read past the end shows under
		 * valgrind or ASan */
		for (cut = 0; cut < b.n - 6; cut++) {
			char *t = malloc(cut ? cut : 1);

			assert_non_null(t);
			memcpy(t, copy, cut);
			v.id = NULL;
			assert_int_equal(article_unpack(t, cut, &v), -1);
			expect_empty_view(&v);
			free(t);
		}
		free(copy);
		/* one byte too many fails too */
		buf_addc(&b, 'x');
		assert_int_equal(article_unpack(b.p + 6, b.n - 6, &v), -1);
		expect_empty_view(&v);
	}
	/* a zeroed article packs as all "" */
	article_clear(&a);
	memset(&a, 0, sizeof a);
	buf_reset(&b);
	article_pack(&a, &b);
	assert_int_equal(b.n, 4 + 10 * 2); /* ten fields, each "" (length 0, NUL) */
	assert_int_equal(article_unpack(b.p, b.n, &v), 0);
	expect_empty_view(&v);
	buf_free(&b);
}

/* A text longer than 127 bytes needs a varint of several bytes. */
static void
test_pack_long(void **state)
{
	size_t sizes[] = {127, 128, 16383, 16384, 3u << 20}, i;
	article a = {0};
	article_view v;
	buf b = BUF_INIT, t = BUF_INIT;

	(void)state;
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		buf_reset(&t);
		assert_int_equal(buf_grow(&t, sizes[i]), 0);
		memset(t.p, 'a', sizes[i]);
		t.n = sizes[i];
		t.p[t.n] = '\0';
		assert_int_equal(article_from_text(&a, "L", t.p, t.n, NULL),
				 ST_OK);
		buf_reset(&b);
		article_pack(&a, &b);
		assert_int_equal(article_unpack(b.p, b.n, &v), 0);
		expect_view(&a, &v);
		assert_int_equal(v.textlen, sizes[i]);
		/* cutting inside the text or its NUL fails */
		assert_int_equal(article_unpack(b.p, b.n - 1, &v), -1);
		assert_int_equal(article_unpack(b.p, b.n - sizes[i] / 2, &v),
				 -1);
	}
	article_clear(&a);
	buf_free(&b);
	buf_free(&t);
}

static void
test_unpack_bad(void **state)
{
	static const struct {
		const char *name;
		const char *rec;
		size_t n;
	} cases[] = {
		{"empty", "", 0},
		{"bad magic", "ARX\1\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20},
		{"bad version", "ART\3\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20},
		{"eight fields in version 2",
		 "ART\2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20},
		{"missing NUL", "ART\1\1xy\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 21},
		{"length past the end", "ART\1\x7F" "a", 6},
		{"huge varint",
		 "ART\1\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x01", 14},
		{"endless varint",
		 "ART\1\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80", 16},
		{"varint wraps to 1",
		 "ART\1\x81\x80\x80\x80\x80\x80\x80\x80\x80\x02x\0", 16},
		{"seven fields", "ART\1\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 18},
	};
	article_view v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		v.text = NULL;
		if (article_unpack(cases[i].rec, cases[i].n, &v) != -1)
			fail_msg("unpack %s: accepted", cases[i].name);
		expect_empty_view(&v);
	}
	assert_int_equal(article_unpack(NULL, 0, &v), -1);
	/* the smallest valid record, and one of version 1 (before names) */
	assert_int_equal(article_unpack("ART\2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
					22, &v), 0);
	expect_empty_view(&v);
	assert_int_equal(article_unpack("ART\1\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
					20, &v), 0);
	expect_empty_view(&v);
}

/* Well-known names: every name key present, in the list's order, each
 * trimmed, empty ones left out; another map's names key replaces them. */
static void
test_json_names(void **state)
{
	static const char line[] =
		"{\"id\": 307, \"title\": \"Executive Order on Safe AI\", "
		"\"aliases\": [\"the AI EO\", \"\", \"Biden AI order\"], "
		"\"casual_name\": \" EO 14110 \", \"short_name\": \" \", "
		"\"nick\": \"Safe AI EO\", \"text\": \"x\"}";
	article_jsonmap map = article_jsonmap_default;
	article a = {0};

	(void)state;
	assert_int_equal(article_from_json(&a, line, sizeof line - 1, NULL,
					   "f", NULL), ST_OK);
	assert_string_equal(a.names, "EO 14110; the AI EO; Biden AI order");
	assert_string_equal(a.title, "Executive Order on Safe AI");
	map.names = "nick,casual_name";
	assert_int_equal(article_from_json(&a, line, sizeof line - 1, &map,
					   "f", NULL), ST_OK);
	assert_string_equal(a.names, "Safe AI EO; EO 14110");
	map.names = "";
	assert_int_equal(article_from_json(&a, line, sizeof line - 1, &map,
					   "f", NULL), ST_OK);
	assert_string_equal(a.names, "");
	assert_int_equal(article_from_json(&a, "{\"text\": \"x\"}", 13, NULL,
					   "f", NULL), ST_OK);
	assert_string_equal(a.names, "");
	article_clear(&a);
}

/* ---- random bytes: nothing crashes, whatever is read is valid UTF-8 ---- */

static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void
expect_valid(const article *a)
{
	const char *f[] = {a->id,     a->title, a->date, a->source,
			   a->author, a->url,   a->lang, a->text};
	size_t i;

	for (i = 0; i < 8; i++)
		assert_true(u8_valid(f[i], strlen(f[i]), NULL));
	assert_int_equal(strlen(a->text), a->textlen);
}

static void
test_random(void **state)
{
	static const char *const pieces[] = {
		"<", ">", "</", "<div>", "</div>", "<p>", "<script>",
		"</script>", "<!--", "-->", "&amp;", "&#", "\"", "'", "=",
		"Title: ", "Date: ", "\n", "\r\n", " ", "é", "中",
		 "\xF0\x9F\x98\x80",
		"{", "}", "[", "]", ":", ",", "\"text\"", "\\u0000", "\\ud800",
		"2026-05-07", "<time datetime=", "<article>", "<pre>", "<svg>",
		"<table>", "<td>", "<li>", "\xFF", "\xC3", "---", "# ",
	};
	uint32_t seed = 12345;
	size_t npieces = sizeof pieces / sizeof pieces[0];
	buf b = BUF_INIT, packed = BUF_INIT;
	article a = {0};
	article_view v;
	int round, k, rc;

	(void)state;
	for (round = 0; round < 3000; round++) {
		buf_reset(&b);
		for (k = (int)(rnd(&seed) % 40); k > 0; k--)
			buf_adds(&b, pieces[rnd(&seed) % npieces]);
		rc = article_from_text(&a, "r", b.p ? b.p : "", b.n, NULL);
		expect_valid(&a);
		if (rc == ST_OK) {
			buf_reset(&packed);
			article_pack(&a, &packed);
			assert_int_equal(article_unpack(packed.p, packed.n, &v),
					 0);
			expect_view(&a, &v);
		}
		article_from_html(&a, "r", b.p ? b.p : "", b.n, NULL);
		expect_valid(&a);
		article_from_json(&a, b.p ? b.p : "", b.n, NULL, "r", NULL);
		expect_valid(&a);
		/* random records never unpack out of bounds */
		article_unpack(b.p ? b.p : "", b.n, &v);
	}
	article_clear(&a);
	buf_free(&b);
	buf_free(&packed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_binary),
		cmocka_unit_test(test_text_title_cut),
		cmocka_unit_test(test_text_too_big),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_html_binary),
		cmocka_unit_test(test_html_deep),
		cmocka_unit_test(test_html_deep_tricky),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_names),
		cmocka_unit_test(test_json_binary),
		cmocka_unit_test(test_json_huge),
		cmocka_unit_test(test_kind),
		cmocka_unit_test(test_clear),
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_pack_long),
		cmocka_unit_test(test_unpack_bad),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
