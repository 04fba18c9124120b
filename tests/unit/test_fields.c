/*
 * Unit tests for lib/fields.c (the table, its text format, the rule that
 * classifies a field from its values) and for the extra fields that
 * lib/article.c reads from a JSON record and keeps in the packed record.
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
#include "fields.h"
#include "status.h"

static void
test_names(void **state)
{
	static const char *const cases[][2] = {
		{"jurisdiction", "jurisdiction"}, {"Short summary", "short_summary"},
		{"  Tags -- (list) ", "tags_list"}, {"a.b.c", "a_b_c"},
		{"x_1", "x_1"}, {"***", "_"}, {"ÉTAT", "tat"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *n = fields_name(cases[i][0], strlen(cases[i][0]));

		assert_non_null(n);
		assert_string_equal(n, cases[i][1]);
		free(n);
	}
	assert_true(fields_builtin("title"));
	assert_true(fields_builtin("Date"));
	assert_false(fields_builtin("status"));
}

static void
test_parse_print(void **state)
{
	const char *text = "# comment\n"
			   "jurisdiction facet\n"
			   "\"Short summary\" text=2   # a comment after\n"
			   "tags facet list=;\n"
			   "\n"
			   "casual_name off\n";
	fields f = FIELDS_INIT, g = FIELDS_INIT;
	buf b = BUF_INIT;
	const fld *e;
	char *err = NULL;

	(void)state;
	assert_int_equal(fields_parse(&f, text, strlen(text), 1, &err), 0);
	assert_int_equal(f.n, 4);
	e = fields_by_name(&f, "short_summary", 13);
	assert_non_null(e);
	assert_string_equal(e->key, "Short summary");
	assert_int_equal(e->kinds, FLD_TEXT);
	assert_int_equal(e->weight, 2);
	e = fields_by_key(&f, "tags", 4);
	assert_int_equal(e->kinds, FLD_FILTER | FLD_FACET | FLD_LIST);
	assert_string_equal(e->sep, ";");
	assert_true(e->configured);
	assert_null(fields_by_name(&f, "casual_name", 11)); /* off */
	assert_non_null(fields_by_name(&f, "JURISDICTION", 12));
	/* the printed form reads back the same */
	fields_print(&f, &b);
	assert_int_equal(fields_parse(&g, b.p, b.n, 0, &err), 0);
	assert_int_equal(g.n, f.n);
	for (size_t i = 0; i < f.n; i++) {
		assert_string_equal(f.v[i].key, g.v[i].key);
		assert_int_equal(f.v[i].kinds, g.v[i].kinds);
		assert_string_equal(f.v[i].sep, g.v[i].sep);
	}
	assert_int_equal(fields_hash(&f), fields_hash(&g));
	assert_true(fields_hash(&f) != 0);
	/* a later line for a key replaces the earlier one */
	assert_int_equal(fields_parse(&g, "tags filter\n", 12, 1, NULL), 0);
	assert_int_equal(fields_by_key(&g, "tags", 4)->kinds, FLD_FILTER);
	assert_true(fields_hash(&f) != fields_hash(&g));
	/* errors name the line */
	assert_int_equal(fields_parse(&g, "a filter\nb sideways\n", 20, 1, &err),
			 ST_ERR);
	assert_non_null(strstr(err, "line 2"));
	free(err);
	err = NULL;
	assert_int_equal(fields_parse(&g, "title facet\n", 12, 1, &err), ST_ERR);
	assert_non_null(strstr(err, "built-in"));
	free(err);
	err = NULL;
	assert_int_equal(fields_parse(&g, "x text=9\n", 9, 1, &err), ST_ERR);
	free(err);
	err = NULL;
	assert_int_equal(fields_parse(&g, "x text\ny text=0\n", 16, 1, &err), 0);
	assert_int_equal(fields_by_key(&g, "x", 1)->weight, 1);
	assert_int_equal(fields_by_key(&g, "y", 1)->weight, 0);
	free(err);
	buf_free(&b);
	fields_clear(&f);
	fields_clear(&g);
}

static void
add(fields_stats *st, const char *k, const char *v)
{
	fields_stats_add(st, k, strlen(k), v, strlen(v), 0);
}

/* The rule, on values shaped like AGORA's. */
static void
test_classify(void **state)
{
	static const char *const status[] = {"Enacted", "Defunct", "Proposed"};
	fields_stats *st = fields_stats_new();
	fields f = FIELDS_INIT;
	char v[200];
	const fld *e;

	(void)state;
	assert_non_null(st);
	for (int i = 0; i < 60; i++) {
		add(st, "status", status[i % 3]);
		snprintf(v, sizeof v, "Risk factors: %s;Strategies: %s",
			 i % 2 ? "Bias" : "Privacy", i % 5 ? "Evaluation" : "Tiering");
		add(st, "tags", v);
		snprintf(v, sizeof v, "2024-%02d-%02d", i % 12 + 1, i % 28 + 1);
		add(st, "proposed", v); /* short, values barely repeat */
		snprintf(v, sizeof v, "Requires the agency number %d to report "
			 "on the use of automated systems, with a summary.", i);
		add(st, "summary", v);
		add(st, "empty", "   ");
		fields_stats_add(st, "keywords", 8, i % 2 ? "k1" : "k2", 2, 1);
	}
	add(st, "title", "a built-in name is never a field");
	assert_int_equal(fields_classify(&f, st), 0);
	e = fields_by_key(&f, "status", 6);
	assert_int_equal(e->kinds, FLD_FILTER | FLD_FACET);
	e = fields_by_key(&f, "tags", 4);
	assert_int_equal(e->kinds, FLD_FILTER | FLD_FACET | FLD_LIST);
	assert_string_equal(e->sep, ";");
	e = fields_by_key(&f, "proposed", 8);
	assert_int_equal(e->kinds, FLD_FILTER);
	e = fields_by_key(&f, "summary", 7);
	assert_int_equal(e->kinds, FLD_TEXT);
	assert_int_equal(e->weight, 0); /* found, not ranked */
	e = fields_by_key(&f, "keywords", 8);
	assert_int_equal(e->kinds, FLD_FILTER | FLD_FACET | FLD_LIST);
	assert_null(fields_by_key(&f, "empty", 5));
	assert_null(fields_by_key(&f, "title", 5));
	fields_stats_free(st);
	fields_clear(&f);
}

typedef struct collect {
	char got[512];
} collect;

static int
on_extra(void *ctx, const char *key, const char *val, size_t n)
{
	collect *c = ctx;
	size_t at = strlen(c->got);

	snprintf(c->got + at, sizeof c->got - at, "%s=%.*s|", key, (int)n, val);
	return 0;
}

static void
on_item(void *ctx, const char *s, size_t n)
{
	collect *c = ctx;
	size_t at = strlen(c->got);

	snprintf(c->got + at, sizeof c->got - at, "[%.*s]", (int)n, s);
}

/* A JSON record's other keys: in order, lists as items, numbers and
 * booleans as written, the key that gave the source kept, built-in keys
 * and empty values left out; and back from the packed record. */
static void
test_json_extra(void **state)
{
	const char *line =
		"{\"id\": 7, \"title\": \"T\", \"text\": \"body\", "
		"\"authority\": \"United States Congress\", \"status\": \"Enacted\", "
		"\"tags\": \"A; B;;A\", \"keywords\": [\"x\", 2, true, null, {\"name\": \"y\"}], "
		"\"empty\": \"\", \"nested\": {\"a\": 1}, \"date\": \"2024-01-02\", "
		"\"proposed_date\": \"2023-05-06\", \"score\": 0.5}";
	article a = {0};
	article_view v;
	collect c = {""};
	buf b = BUF_INIT;
	fld tags = {0};

	(void)state;
	assert_int_equal(article_from_json(&a, line, strlen(line), NULL, "f:1",
					   NULL), ST_OK);
	assert_string_equal(a.source, "United States Congress");
	article_extra_each(a.extra, a.extralen, on_extra, &c);
	assert_string_equal(c.got, "authority=United States Congress|"
				   "status=Enacted|tags=A; B;;A|"
				   "keywords=x\x1f" "2\x1ftrue\x1fy|score=0.5|");
	article_pack(&a, &b);
	assert_int_equal(article_unpack(b.p, b.n, &v), 0);
	assert_int_equal(v.extralen, a.extralen);
	assert_memory_equal(v.extra, a.extra, a.extralen);
	assert_string_equal(v.text, "body");
	/* a list's items: trimmed, empty ones skipped */
	tags.kinds = FLD_LIST;
	strcpy(tags.sep, ";");
	c.got[0] = '\0';
	fields_items(&tags, "A; B;;A", 7, on_item, &c);
	assert_string_equal(c.got, "[A][B][A]");
	c.got[0] = '\0';
	fields_items(&tags, "x\x1fy; z", 6, on_item, &c);
	assert_string_equal(c.got, "[x][y][z]");
	buf_free(&b);
	article_clear(&a);
}

/* A record of layout 1 (an older index) unpacks, without extra fields. */
static void
test_unpack_v1(void **state)
{
	static const char rec[] = "ART\x01"
				  "\x01i\0" "\x01t\0"		/* id, title */
				  "\0\0" "\0\0" "\0\0" "\0\0" "\0\0" /* date..lang */
				  "\x01x";
	article_view v;

	(void)state;
	assert_int_equal(article_unpack(rec, sizeof rec, &v), 0);
	assert_string_equal(v.id, "i");
	assert_string_equal(v.title, "t");
	assert_string_equal(v.text, "x");
	assert_int_equal(v.extralen, 0);
	assert_string_equal(v.extra, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_parse_print),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_json_extra),
		cmocka_unit_test(test_unpack_v1),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
