#include "similar.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "util.h"

/* The feedback words being collected. */
typedef struct words {
	xdb_query *q[SIMILAR_TERMS];
	size_t n;
	double best; /* the first (highest) expansion weight */
	hl_list *hl;
	xdb *db;
	int nomem;
} words;

/* A word may stand for the document when schema_feedback says so and some
 * other document has it too (one only it has finds nothing). */
static int
accept(void *ctx, const char *term, size_t len)
{
	words *w = ctx;
	unsigned n = 0;

	return schema_feedback(term, len) &&
	       xdb_termfreq(w->db, term, len, &n, NULL) == ST_OK && n > 1;
}

static int
on_word(void *ctx, const char *term, size_t len, double weight)
{
	words *w = ctx;
	char *t = str_ndup(term, len);

	if (w->n == 0)
		w->best = weight > 0 ? weight : 1;
	if (t)
		hl_add(w->hl, HL_WORD, 1, &t, 1);
	w->q[w->n] = xdb_q_scale(xdb_q_term(term, len, 1, 0),
				 weight / w->best);
	if (!t || !w->q[w->n])
		w->nomem = 1;
	free(t);
	w->hl->group++;
	return ++w->n == SIMILAR_TERMS;
}

/* The document's unique term (schema_keyterm). */
static int
on_key(void *ctx, const char *term, size_t len)
{
	buf_add(ctx, term, len);
	return 1;
}

/* The documents to leave out: docid itself (by its unique term) and its
 * duplicate group. */
static xdb_query *
itself(xdb *db, unsigned docid, char **err, int *rc)
{
	buf key = BUF_INIT;
	char *grp = NULL;
	size_t ng = 0;
	xdb_query *two[2] = {NULL, NULL};

	*rc = xdb_doc_terms(db, docid, SCHEMA_KEY, strlen(SCHEMA_KEY), on_key,
			    &key, err);
	if (*rc == ST_OK && key.n)
		*rc = xdb_get_value(db, key.p, key.n, SCHEMA_SLOT_DUP, &grp,
				    &ng, err);
	if (*rc == ST_OK && !key.n)
		*rc = seterr(err, ST_ERR, "the document has no unique term");
	if (*rc == ST_OK) {
		two[0] = xdb_q_term(key.p, key.n, 1, 0);
		if (ng)
			two[1] = xdb_q_range(SCHEMA_SLOT_DUP, grp, grp);
	}
	buf_free(&key);
	free(grp);
	return *rc == ST_OK ? xdb_q_op(XQ_OR, two, 2, 0) : NULL;
}

int
similar_query(xdb *db, unsigned docid, hl_list *hl, xdb_query **out,
	      char **err)
{
	words w = {0};
	xdb_query *two[2];
	int rc;

	*out = NULL;
	w.hl = hl;
	w.db = db;
	rc = xdb_expand(db, docid, SIMILAR_TERMS, accept, on_word, &w, err);
	if (rc == ST_OK && w.nomem)
		rc = seterr(err, ST_ENOMEM, "out of memory");
	if (rc == ST_OK) {
		two[0] = xdb_q_op(XQ_OR, w.q, w.n, 0);
		w.n = 0;
		two[1] = itself(db, docid, err, &rc);
		if (rc == ST_OK && two[0] && two[1])
			*out = xdb_q_op(XQ_AND_NOT, two, 2, 0);
		else {
			xdb_q_free(two[0]);
			xdb_q_free(two[1]);
		}
		if (rc == ST_OK && !*out)
			rc = seterr(err, ST_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < w.n; i++)
		xdb_q_free(w.q[i]);
	return rc;
}
