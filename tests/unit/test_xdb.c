/* Unit tests for the Xapian shim on temporary indexes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "schema.h"
#include "util.h"
#include "xdb.h"

static char *
tmpdir(void)
{
	char tmpl[] = "/tmp/test_xdb.XXXXXX";
	char *d = mkdtemp(tmpl);

	assert_non_null(d);
	return str_printf("%s/db", d);
}

static void
rmtree(const char *db)
{
	char *cmd = str_printf("rm -rf '%s' && rmdir \"$(dirname '%s')\"", db,
			       db);

	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", db);
	free(cmd);
}

/* Writes n documents "Qd<i>" with words and data. */
static void
fill(const char *path, int n)
{
	xdb *db = NULL;
	xdb_doc *d = xdb_doc_new();
	char *err = NULL;
	char id[32], data[64];

	assert_int_equal(xdb_open_write(path, &db, &err), ST_OK);
	for (int i = 0; i < n; i++) {
		xdb_doc_reset(d);
		xdb_doc_posting(d, "export", 6, 1);
		xdb_doc_posting(d, "controls", 8, 2);
		if (i % 2)
			xdb_doc_posting(d, "chips", 5, 3);
		for (int k = 0; k < i; k++)
			xdb_doc_posting(d, "huawei", 6, 10 + (unsigned)k);
		xdb_doc_term(d, "Lzh", 3, 0);
		xdb_doc_value(d, SCHEMA_SLOT_DATE, i % 2 ? "2026-01-01" : "2025-01-01",
			      10);
		snprintf(data, sizeof data, "doc %d", i);
		xdb_doc_data(d, data, strlen(data));
		snprintf(id, sizeof id, "Qd%d", i);
		assert_int_equal(xdb_replace(db, id, strlen(id), d, &err),
				 ST_OK);
	}
	assert_int_equal(xdb_commit(db, &err), ST_OK);
	assert_null(err);
	xdb_doc_free(d);
	xdb_close(db);
}

static void
test_open_missing(void **state)
{
	xdb *db = NULL;
	char *err = NULL;

	(void)state;
	assert_int_equal(xdb_open("/nonexistent/index/here", &db, &err),
			 ST_ENOENT);
	assert_null(db);
	assert_non_null(err);
	free(err);
}

static void
test_write_read_replace(void **state)
{
	char *path = tmpdir(), *err = NULL, *data = NULL;
	xdb *db = NULL;
	size_t len = 0;
	unsigned docid = 0, n = 0;

	(void)state;
	fill(path, 5);
	fill(path, 5); /* replacing by id: still 5 documents */
	assert_int_equal(xdb_open(path, &db, &err), ST_OK);
	assert_int_equal(xdb_doccount(db, &n, NULL), ST_OK);
	assert_int_equal(n, 5);
	assert_int_equal(xdb_termfreq(db, "chips", 5, &n, NULL), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(xdb_termfreq(db, "nothere", 7, &n, NULL), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(xdb_get(db, "Qd3", 3, &data, &len, &docid, &err),
			 ST_OK);
	assert_string_equal(data, "doc 3");
	assert_int_equal(len, 5);
	free(data);
	assert_int_equal(xdb_get(db, "Qd9", 3, &data, &len, &docid, &err),
			 ST_ENOENT);
	free(err);
	err = NULL;
	xdb_close(db);
	rmtree(path);
	free(path);
}

static void
test_search_ranking(void **state)
{
	char *path = tmpdir(), *err = NULL;
	xdb *db = NULL;
	xdb_mset *m = NULL;
	xdb_query *q;
	/* b = 0: no length normalization, so more "huawei" ranks higher */
	xdb_search_opts o = {0, 10, 1.2, 0, -1, 0, 0, NULL, 0};

	(void)state;
	fill(path, 6);
	assert_int_equal(xdb_open(path, &db, &err), ST_OK);
	/* more "huawei" ranks higher: d5 first */
	q = xdb_q_term("huawei", 6, 1, 0);
	assert_int_equal(xdb_search(db, q, &o, &m, &err), ST_OK);
	assert_int_equal(xdb_mset_size(m), 5);
	{
		char *data = NULL;
		size_t len;

		assert_int_equal(xdb_mset_data(m, 0, &data, &len, &err),
				 ST_OK);
		assert_string_equal(data, "doc 5");
		free(data);
	}
	assert_true(xdb_mset_weight(m, 0) > xdb_mset_weight(m, 4));
	xdb_mset_free(m);
	xdb_q_free(q);

	/* a phrase, an AND_NOT, a filter and a date range */
	{
		xdb_query *p[2] = {xdb_q_term("export", 6, 1, 1),
				   xdb_q_term("controls", 8, 1, 2)};
		xdb_query *phrase = xdb_q_op(XQ_PHRASE, p, 2, 0);
		xdb_query *n2[2] = {phrase, xdb_q_term("chips", 5, 1, 0)};
		xdb_query *andnot = xdb_q_op(XQ_AND_NOT, n2, 2, 0);
		xdb_query *f2[2] = {andnot,
				    xdb_q_range(SCHEMA_SLOT_DATE, "2025-01-01",
						"2025-12-31")};
		xdb_query *all = xdb_q_op(XQ_FILTER, f2, 2, 0);

		assert_int_equal(xdb_search(db, all, &o, &m, &err), ST_OK);
		/* even ids have no chips and date 2025: d0 d2 d4 */
		assert_int_equal(xdb_mset_size(m), 3);
		xdb_mset_free(m);
		xdb_q_free(all);
	}
	/* wrong-order phrase matches nothing */
	{
		xdb_query *p[2] = {xdb_q_term("controls", 8, 1, 1),
				   xdb_q_term("export", 6, 1, 2)};
		xdb_query *phrase = xdb_q_op(XQ_PHRASE, p, 2, 0);

		assert_int_equal(xdb_search(db, phrase, &o, &m, &err), ST_OK);
		assert_int_equal(xdb_mset_size(m), 0);
		xdb_mset_free(m);
		xdb_q_free(phrase);
	}
	xdb_close(db);
	rmtree(path);
	free(path);
}

static void
test_wildcard_cap(void **state)
{
	char *path = tmpdir(), *err = NULL;
	xdb *db = NULL;
	xdb_doc *d = xdb_doc_new();
	xdb_mset *m = NULL;
	xdb_query *q;
	xdb_search_opts o = {0, 10, 1.2, 0.75, -1, 0, 0, NULL, 0};
	char t[32];

	(void)state;
	assert_int_equal(xdb_open_write(path, &db, &err), ST_OK);
	for (int i = 0; i < 20; i++) {
		snprintf(t, sizeof t, "regulat%c", 'a' + i);
		xdb_doc_posting(d, t, strlen(t), 1);
	}
	assert_int_equal(xdb_replace(db, "Qx", 2, d, &err), ST_OK);
	assert_int_equal(xdb_commit(db, &err), ST_OK);
	q = xdb_q_wildcard("regulat", 7, 50);
	assert_int_equal(xdb_search(db, q, &o, &m, &err), ST_OK);
	assert_int_equal(xdb_mset_size(m), 1);
	xdb_mset_free(m);
	xdb_q_free(q);
	q = xdb_q_wildcard("regulat", 7, 5);
	assert_int_equal(xdb_search(db, q, &o, &m, &err), ST_EQUERY);
	assert_non_null(err);
	free(err);
	xdb_q_free(q);
	xdb_doc_free(d);
	xdb_close(db);
	rmtree(path);
	free(path);
}

static void
test_lock(void **state)
{
	char *path = tmpdir(), *err = NULL;
	xdb *w1 = NULL, *w2 = NULL;

	(void)state;
	assert_int_equal(xdb_open_write(path, &w1, &err), ST_OK);
	assert_int_equal(xdb_open_write(path, &w2, &err), ST_ELOCK);
	assert_null(w2);
	assert_non_null(err);
	free(err);
	xdb_close(w1);
	err = NULL;
	assert_int_equal(xdb_open_write(path, &w2, &err), ST_OK);
	xdb_close(w2);
	rmtree(path);
	free(path);
}

static void
test_stem_meta_spelling_synonyms(void **state)
{
	char *path = tmpdir(), *err = NULL, *v = NULL;
	xdb *db = NULL;
	xdb_stem *s = NULL;
	char out[64];
	size_t len = 0;

	(void)state;
	assert_int_equal(xdb_stem_new("en", &s, &err), ST_OK);
	assert_int_equal(xdb_stem_run(s, "controls", 8, out, sizeof out), 7);
	assert_string_equal(out, "control");
	assert_int_equal(xdb_stem_run(s, "controlled", 10, out, sizeof out), 7);
	assert_string_equal(out, "control");
	xdb_stem_free(s);
	assert_int_equal(xdb_stem_new("de", &s, &err), ST_OK);
	xdb_stem_free(s);
	assert_int_equal(xdb_stem_new("xx", &s, &err), ST_ENOENT);
	free(err);
	err = NULL;
	assert_true(xdb_stem_has("fr"));
	assert_false(xdb_stem_has("zh"));

	assert_int_equal(xdb_open_write(path, &db, &err), ST_OK);
	assert_int_equal(xdb_set_meta(db, "k", "value", 5, &err), ST_OK);
	assert_int_equal(xdb_add_spelling(db, "semiconductor", 13, 3, &err),
			 ST_OK);
	assert_int_equal(xdb_add_synonym(db, "ai", "artificial intelligence",
					 &err),
			 ST_OK);
	assert_int_equal(xdb_commit(db, &err), ST_OK);
	assert_int_equal(xdb_get_meta(db, "k", &v, &len, &err), ST_OK);
	assert_string_equal(v, "value");
	free(v);
	assert_int_equal(xdb_spell(db, "semiconducter", 13, &v, &err), ST_OK);
	assert_string_equal(v, "semiconductor");
	free(v);
	xdb_close(db);
	rmtree(path);
	free(path);
}

static void
test_no_exception_escapes(void **state)
{
	char *path = tmpdir(), *err = NULL;
	xdb *db = NULL;
	xdb_doc *d = xdb_doc_new();
	char big[300];

	(void)state;
	/* a term longer than Xapian's limit fails cleanly at replace or
	 * commit time, as an error code, not an exception */
	memset(big, 'a', sizeof big);
	assert_int_equal(xdb_open_write(path, &db, &err), ST_OK);
	xdb_doc_posting(d, big, sizeof big, 1);
	{
		int rc = xdb_replace(db, "Qbig", 4, d, &err);

		if (rc == ST_OK)
			rc = xdb_commit(db, &err);
		assert_int_not_equal(rc, ST_OK);
		assert_non_null(err);
		free(err);
		err = NULL;
	}
	/* writing through a reader is an error, not a crash */
	xdb_doc_free(d);
	xdb_close(db);
	assert_int_equal(xdb_open(path, &db, &err), ST_OK);
	assert_int_equal(xdb_commit(db, &err), ST_ERR);
	free(err);
	xdb_close(db);
	rmtree(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_missing),
		cmocka_unit_test(test_write_read_replace),
		cmocka_unit_test(test_search_ranking),
		cmocka_unit_test(test_wildcard_cap),
		cmocka_unit_test(test_lock),
		cmocka_unit_test(test_stem_meta_spelling_synonyms),
		cmocka_unit_test(test_no_exception_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
