/*
 * fquery: metadata field filters and facet selections (fquery.h).
 */
#include "fquery.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"

/* A list of queries being gathered. */
typedef struct qv {
	xdb_query **q;
	size_t n, cap;
	int nomem;
} qv;

static void
qv_add(qv *v, xdb_query *q)
{
	xdb_query **p;

	if (!q) {
		v->nomem = 1;
		return;
	}
	if (!(p = array_room(v->q, &v->cap, v->n, sizeof *p))) {
		xdb_q_free(q);
		v->nomem = 1;
		return;
	}
	v->q = p;
	v->q[v->n++] = q;
}

/* The list joined by op (NULL if empty or without memory); frees it. */
static xdb_query *
qv_make(qv *v, int op)
{
	xdb_query *r = NULL;

	if (v->n == 1 && !v->nomem)
		r = v->q[0];
	else if (v->n && !v->nomem)
		r = xdb_q_op(op, v->q, v->n, 0);
	else
		for (size_t i = 0; i < v->n; i++)
			xdb_q_free(v->q[i]);
	free(v->q);
	v->q = NULL;
	v->n = v->cap = 0;
	return r;
}

static void
add_term(qv *v, const char *prefix, const char *name, const char *s,
	 size_t n)
{
	buf b = BUF_INIT;

	schema_fieldterm(&b, prefix, name, s, n);
	qv_add(v, b.err ? NULL : xdb_q_term(b.p, b.n, 1, 0));
	buf_free(&b);
}

typedef struct words_ctx {
	qv *v;
	const char *name;
} words_ctx;

static int
on_word(void *ctx, const tok_token *tk)
{
	words_ctx *w = ctx;

	add_term(w->v, SCHEMA_FIELD_WORD, w->name, tk->term, tk->len);
	return 0;
}

xdb_query *
fquery_value(tok *t, const fields *fl, const char *name, const char *value,
	     int quoted)
{
	const fld *e = fields_by_name(fl, name, strlen(name));
	qv any = {0}, words = {0};
	words_ctx wc = {&words, NULL};
	buf v = BUF_INIT;
	xdb_query *w;

	if (!e)
		return xdb_q_none();
	wc.name = e->name;
	if (e->kinds & FLD_FILTER) {
		tok_fold(t, value, strlen(value), &v);
		if (v.err)
			return NULL;
		add_term(&any, SCHEMA_FIELD, e->name, v.p ? v.p : "", v.n);
		buf_free(&v);
	}
	if (!(e->kinds & FLD_FILTER) || !quoted) {
		tok_run(t, value, strlen(value), 0, 0, on_word, &wc, NULL);
		if ((w = qv_make(&words, XQ_AND)))
			qv_add(&any, w);
		else if (words.nomem)
			any.nomem = 1;
	}
	if (!any.n && !any.nomem)
		return xdb_q_none();
	return qv_make(&any, XQ_OR);
}

/* The term of one selection into b. */
static void
sel_term(tok *t, const fields *fl, const fsel *s, buf *b)
{
	const fld *e;

	buf_reset(b);
	if (!strcmp(s->field, "source")) {
		buf_adds(b, SCHEMA_SOURCE);
		tok_fold(t, s->value, strlen(s->value), b);
	} else if (!strcmp(s->field, "lang")) {
		buf_adds(b, SCHEMA_LANG);
		buf_adds(b, s->value);
	} else if (!strcmp(s->field, "year")) {
		buf_adds(b, SCHEMA_YEAR);
		buf_adds(b, s->value);
	} else if ((e = fields_by_name(fl, s->field, strlen(s->field)))) {
		buf v = BUF_INIT;

		tok_fold(t, s->value, strlen(s->value), &v);
		schema_fieldterm(b, SCHEMA_FIELD, e->name, v.p ? v.p : "", v.n);
		if (v.err)
			b->err = 1;
		buf_free(&v);
	} else {
		buf_adds(b, "\x01"); /* no such field: matches nothing */
	}
}

xdb_query *
fquery_select(tok *t, const fields *fl, const fsel *sel, size_t n,
	      const char *except, int *nomem)
{
	qv all = {0}, one = {0};
	buf b = BUF_INIT;
	unsigned char *done = calloc(n ? n : 1, 1);

	if (!done) {
		*nomem = 1;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (done[i] || (except && !strcmp(sel[i].field, except)))
			continue;
		for (size_t j = i; j < n; j++) {
			if (done[j] || strcmp(sel[j].field, sel[i].field))
				continue;
			done[j] = 1;
			sel_term(t, fl, &sel[j], &b);
			qv_add(&one, b.err ? NULL : xdb_q_term(b.p, b.n, 1, 0));
		}
		if (one.nomem)
			all.nomem = 1;
		qv_add(&all, qv_make(&one, XQ_OR));
	}
	free(done);
	buf_free(&b);
	if (all.nomem)
		*nomem = 1;
	return qv_make(&all, XQ_AND);
}
