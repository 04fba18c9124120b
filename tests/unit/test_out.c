/*
 * Unit tests for lib/out.c's printer table: which printers exist, that
 * out_run calls begin, each hit and end in order (two hits through every
 * printer), and how errors come out (an object from json, nothing from
 * the line formats, so the caller reports them).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
