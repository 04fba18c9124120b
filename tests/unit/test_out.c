/*
 * Unit tests for lib/out.c's printer table: which printers exist, that
 * out_run calls begin, each hit and end in order (two hits through every
 * printer), and how errors come out (an object from json, nothing from
 * the line formats, so the caller reports them), and that the json
 * printer writes byte for byte what jansson wrote of the same objects.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "msg.h"
#include "out.h"

static void
hit(search_hit *h, unsigned rank, const char *id, const char *title,
    double score)
{
	memset(h, 0, sizeof *h);
	h->rank = rank;
	h->score = score;
	h->v.id = id;
	h->v.title = title;
	h->v.date = h->v.source = h->v.author = h->v.url = h->v.lang = "";
	h->v.text = "";
}

/* Renders two hits (ids "a b" and "c") with printer name for qid "q7". */
static char *
render(const char *name, const out_opts *oo)
{
	search_hit hits[2];
	search_result r = {0};
	buf o = BUF_INIT;
	out_ctx c = {&o, oo, "q7", "chips", &r, NULL, NULL};
	const out_printer *p = out_find(name);

	assert_non_null(p);
	hit(&hits[0], 1, "a b", "First\ttitle", 2.5);
	hit(&hits[1], 2, "c", "Second", 1.25);
	r.hits = hits;
	r.nhits = 2;
	r.total = 2;
	r.total_exact = 1;
	out_run(p, &c);
	assert_int_equal(o.err, 0);
	assert_non_null(o.p);
	return buf_steal(&o);
}

static void
test_table(void **state)
{
	static const char *const bulk[] = {"json", "trec", "tsv"};

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		assert_non_null(out_find(bulk[i]));
		assert_true(out_find(bulk[i])->bulk);
	}
	assert_false(out_find("text")->bulk);
	assert_false(out_find("json-hits")->bulk);
	assert_null(out_find("xml"));
	assert_null(out_find(""));
	assert_null(out_find(NULL));
}

static void
test_formats(void **state)
{
	out_opts oo = {0};
	char *s;

	(void)state;
	oo.tag = "run1";
	s = render("trec", &oo);
	assert_string_equal(s, "q7 Q0 a_b 1 2.500000 run1\n"
			       "q7 Q0 c 2 1.250000 run1\n");
	free(s);
	s = render("tsv", &oo);
	assert_string_equal(s, "q7\t1\ta b\t2.500000\tFirst title\n"
			       "q7\t2\tc\t1.250000\tSecond\n");
	free(s);
	s = render("json", &oo); /* timings off: byte-stable */
	assert_string_equal(
		s, "{\"qid\":\"q7\",\"query\":\"chips\",\"total\":2,"
		   "\"total_exact\":true,"
		   "\"results\":[{\"id\":\"a b\",\"rank\":1,\"score\":2.5,"
		   "\"title\":\"First\\ttitle\",\"date\":\"\",\"source\":\"\","
		   "\"author\":\"\",\"url\":\"\",\"lang\":\"\",\"snippet\":\"\","
		   "\"highlights\":[]},{\"id\":\"c\",\"rank\":2,\"score\":1.25,"
		   "\"title\":\"Second\",\"date\":\"\",\"source\":\"\","
		   "\"author\":\"\",\"url\":\"\",\"lang\":\"\",\"snippet\":\"\","
		   "\"highlights\":[]}]}\n");
	free(s);
	s = render("json-hits", &oo);
	assert_non_null(strstr(s, "{\"id\":\"a b\",\"rank\":1,"));
	assert_non_null(strstr(s, "}\n{\"id\":\"c\",\"rank\":2,"));
	free(s);
	s = render("text", &oo);
	assert_non_null(strstr(s, "2 results ("));
	assert_non_null(strstr(s, "\n1. First"));
	assert_non_null(strstr(s, "\n2. Second\n"));
	assert_true(strstr(s, "1. First") < strstr(s, "2. Second"));
	free(s);
}

static void
test_errors(void **state)
{
	out_opts oo = {0};
	buf o = BUF_INIT;
	out_ctx c = {&o, &oo, "q7", "chips", NULL, NULL, NULL};

	(void)state;
	assert_int_equal(out_fail(out_find("json"), &c, "no <index>"), 0);
	assert_non_null(o.p);
	assert_string_equal(o.p, "{\"qid\":\"q7\",\"query\":\"chips\","
				 "\"error\":\"no <index>\"}\n");
	buf_reset(&o);
	assert_int_equal(out_fail(out_find("trec"), &c, "x"), -1);
	assert_int_equal(out_fail(out_find("tsv"), &c, "x"), -1);
	assert_int_equal(out_fail(out_find("text"), &c, "x"), -1);
	assert_int_equal(o.n, 0);
	buf_free(&o);
}

/* A string member as the printer built it with jansson: invalid UTF-8
 * sanitized first. */
static void
jset(json_t *o, const char *key, const char *s)
{
	json_t *v = json_string(s);

	if (!v) {
		buf b = BUF_INIT;

		u8_sanitize(&b, s, strlen(s));
		v = json_string(b.p ? b.p : "");
		buf_free(&b);
	}
	json_object_set_new(o, key, v);
}

/* The json printer against jansson's dump of the objects it used to
 * build, over awkward strings, reals and every optional member. */
static void
test_json_as_jansson(void **state)
{
	static const double scores[] = {0,	1,     2.5,    1e-7,  123456789,
					 1e20,	1e-300, 0.1 + 0.2, 12345.678,
					 -3.25, 1e6,   999999.5};
	static const char *const titles[] = {
		"plain", "quote \" back \\ slash / del \x7f",
		"\x01\x08\x09\x0a\x0b\x0c\x0d\x1b\x1f", "bad \xff\xc0\x80 utf8",
		"caf\xc3\xa9 \xe6\x95\xb8 \xf0\x9f\x98\x80", "\xed\xa0\x80"};
	size_t ns = sizeof scores / sizeof *scores;
	size_t nt = sizeof titles / sizeof *titles;
	search_hit *hits = calloc(ns, sizeof *hits);
	snip_hl hl[2] = {{0, 1, 0, 1}, {3, 7, 2, 5}};
	char *copies[3] = {"c1", "c\xff", NULL};
	search_result r = {0};
	out_opts oo = {0};
	buf o = BUF_INIT;
	out_ctx c = {&o, &oo, "q\x01", "a \"q\"", &r, NULL, NULL};
	json_t *want = json_object(), *arr = json_array();
	char *ws;

	(void)state;
	assert_non_null(hits);
	oo.timings = 1;
	r.total = 1000;
	r.seconds = 0.0123456789;
	r.suggestion = "sugg\t";
	r.corrected = 1;
	r.warning = "warn \xfe";
	jset(want, "qid", "q\x01");
	jset(want, "query", "a \"q\"");
	json_object_set_new(want, "total", json_integer(1000));
	json_object_set_new(want, "total_exact", json_false());
	json_object_set_new(want, "took_ms", json_real(r.seconds * 1000));
	jset(want, "suggestion", "sugg\t");
	json_object_set_new(want, "corrected", json_true());
	jset(want, "warning", "warn \xfe");
	for (size_t i = 0; i < ns; i++) {
		search_hit *h = &hits[i];
		json_t *j = json_object(), *hj = json_array();

		hit(h, (unsigned)i + 1, titles[(i + 1) % nt], titles[i % nt],
		    scores[i]);
		if (i % 3 == 1) {
			h->v.names = "Name \xff";
			buf_adds(&h->snip.text, "snip \"x\"");
			h->snip.hl = hl;
			h->snip.nhl = 2;
			why_add(&h->why, WHY_TITLE, WHY_NONE, "t\x02", 2,
				NULL);
			why_add(&h->why, WHY_SYNONYM, WHY_NONE, "s", 1, "of");
			why_add(&h->why, WHY_FIELD, WHY_NONE, "f", 1, "author");
			h->dupkey = "k";
			h->copies = copies;
			h->ncopies = 3;
			h->collapsed = 1;
		}
		jset(j, "id", h->v.id);
		json_object_set_new(j, "rank", json_integer(h->rank));
		json_object_set_new(j, "score", json_real(h->score));
		jset(j, "title", h->v.title);
		jset(j, "date", "");
		jset(j, "source", "");
		jset(j, "author", "");
		jset(j, "url", "");
		jset(j, "lang", "");
		if (h->v.names)
			jset(j, "names", h->v.names);
		jset(j, "snippet", h->snip.text.p ? h->snip.text.p : "");
		for (size_t k = 0; k < h->snip.nhl; k++)
			json_array_append_new(
			    hj, json_pack("[II]", (json_int_t)hl[k].cstart,
					  (json_int_t)hl[k].cend));
		json_object_set_new(j, "highlights", hj);
		if (h->why.n) {
			json_t *w = json_array();

			for (size_t k = 0; k < h->why.n; k++) {
				const why_item *y = &h->why.v[k];
				json_t *it = json_object();
				char kind[32];
				buf text = BUF_INIT;

				jset(it, "term", y->term);
				jset(it, "reason", why_name(y->reason));
				if (y->of)
					jset(it, y->reason == WHY_FIELD ?
							 "field" : "for",
					     y->of);
				why_kind(y, kind, sizeof kind);
				jset(it, "kind", kind);
				why_text(y, MSG_EN, &text, buf_adds);
				jset(it, "text", text.p ? text.p : "");
				buf_free(&text);
				json_array_append_new(w, it);
			}
			json_object_set_new(j, "why", w);
		}
		if (h->ncopies) {
			json_t *d = json_object(), *ids = json_array();

			for (size_t k = 0; k < 2; k++)
				json_array_append_new(ids,
						      json_string(copies[k]));
			json_object_set_new(d, "count", json_integer(3));
			json_object_set_new(d, "matched", json_integer(1));
			jset(d, "key", "k");
			json_object_set_new(d, "ids", ids);
			json_object_set_new(j, "duplicates", d);
		}
		json_array_append_new(arr, j);
	}
	json_object_set_new(want, "results", arr);
	r.hits = hits;
	r.nhits = ns;
	out_run(out_find("json"), &c);
	ws = json_dumps(want, JSON_COMPACT | JSON_PRESERVE_ORDER |
				      JSON_REAL_PRECISION(6));
	assert_non_null(ws);
	assert_int_equal(o.err, 0);
	assert_non_null(o.p);
	assert_int_equal(o.p[o.n - 1], '\n');
	o.p[--o.n] = '\0';
	assert_string_equal(o.p, ws);
	free(ws);
	json_decref(want);
	for (size_t i = 0; i < ns; i++) {
		buf_free(&hits[i].snip.text);
		why_clear(&hits[i].why);
	}
	free(hits);
	buf_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_json_as_jansson),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
