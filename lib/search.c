#include "search.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hl.h"
#include "plan.h"
#include "prf.h"
#include "schema.h"
#include "spell.h"
#include "stem.h"
#include "tok.h"
#include "xdb.h"

#define MAX_RETRIES 10
#define OPEN_TRIES 10

const search_opts search_opts_default = {
	.offset = 0,
	.limit = 10,
	.k1 = 1.2,
	.b = 0.8,
	.title_weight = -1, /* auto: see search.h */
	.proximity = 0,
	.trunc_weight = 0.55,
	.id_weight = 1,
	.name_weight = 1,
	.prf_docs = 0,
	.prf_terms = 10,
	.prf_weight = 0.5,
	.default_op = Q_OR,
	.snippets = 1,
	.snip_chars = 240,
	.snip_frags = 3,
	.sort_date = 0,
	.spell = 1,
	.synonyms = 1,
	.stopwords = 1,
	.max_wildcard = 500,
	.facets = 0,
	.collapse = 1,
};

struct searcher {
	plan_index ix; /* the index, tokenizer, stemmers, languages */
	char *path;    /* to open the index afresh */
	snip_ctx *sc;  /* reused across snippets */
};

tok *
search_tok(searcher *s)
{
	return s->ix.t;
}

/* Sleeps ms milliseconds (between retries). */
static void
nap_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/* Opens the index for reading.  Opening races with the indexer's
 * commits: the blocks of the revision being opened may be recycled under
 * us, which Xapian reports as a modified or a corrupt database.  Both pass
 * when the newer revision is opened, so this tries a few times. */
static int
open_retry(const char *path, xdb **db, char **err)
{
	int rc;

	for (int i = 1;; i++) {
		char *e = NULL;

		rc = xdb_open(path, db, &e);
		if (rc == ST_OK)
			return rc;
		if (i == OPEN_TRIES ||
		    (rc != ST_EMODIFIED && rc != ST_ECORRUPT)) {
			seterr(err, rc, "%s", e ? e : "cannot open the index");
			free(e);
			return rc;
		}
		free(e);
		nap_ms(2 * i);
	}
}

int
search_open(const char *path, searcher **out, char **err)
{
	searcher *s = calloc(1, sizeof *s);
	int rc;

	*out = NULL;
	if (!s)
		return seterr(err, ST_ENOMEM, "out of memory");
	rc = open_retry(path, &s->ix.db, err);
	if (rc != ST_OK) {
		free(s);
		return rc;
	}
	s->path = str_dup(path);
	s->ix.t = tok_new(err);
	s->ix.st = stems_new(1024);
	s->sc = snip_ctx_new();
	if (!s->path || !s->ix.t || !s->ix.st || !s->sc) {
		search_close(s);
		return seterr(err, ST_ENOMEM, "out of memory");
	}
	plan_load_langs(&s->ix);
	*out = s;
	return ST_OK;
}

int
search_reopen(searcher *s, char **err)
{
	int rc = xdb_reopen(s->ix.db, err);

	if (rc == ST_OK)
		plan_load_langs(&s->ix);
	return rc;
}

void
search_close(searcher *s)
{
	if (!s)
		return;
	xdb_close(s->ix.db);
	free(s->path);
	tok_free(s->ix.t);
	stems_free(s->ix.st);
	snip_ctx_free(s->sc);
	free(s);
}

/* The planner's options from the searcher's. */
static plan_opts
plan_opts_of(const search_opts *o)
{
	plan_opts p = {
		.title_weight = o->title_weight,
		.proximity = o->proximity,
		.trunc_weight = o->trunc_weight,
		.id_weight = o->id_weight,
		.name_weight = o->name_weight,
		.synonyms = o->synonyms,
		.stopwords = o->stopwords,
		.max_wildcard = o->max_wildcard,
		.f_source = o->f_source,
		.f_lang = o->f_lang,
		.f_date_lo = o->f_date_lo,
		.f_date_hi = o->f_date_hi,
	};

	return p;
}

/* ---- snippets ---- */

typedef struct stemctx {
	searcher *s;
	const char *lang;
} stemctx;

static int
snip_stem(void *ctx, const char *term, size_t len, buf *out)
{
	stemctx *sc = ctx;
	const char *st;
	size_t n = stems_get(sc->s->ix.st, sc->lang, term, len, &st);

	if (!n)
		return 1;
	buf_add(out, st, n);
	return 0;
}

static int
make_snippet(searcher *s, search_hit *h, const hl_set *hs, size_t chars,
	     size_t frags, char **err)
{
	snip_opts so = {chars, frags ? frags : 1};
	snip_span *spans = NULL;
	size_t nspans = 0;
	stemctx sc = {s, hs->lang};
	int rc;

	rc = snip_make_ctx(s->sc, s->ix.t, h->v.text, h->v.textlen, hs->p,
			   hs->n, &so, snip_stem, &sc, &spans, &nspans, err);
	if (rc == 0 && snip_flatten(h->v.text, spans, nspans, &h->snip) < 0)
		rc = seterr(err, -1, "out of memory");
	free(spans);
	return rc;
}

/* Frees res's hits. */
static void
free_hits(search_result *res)
{
	for (size_t i = 0; i < res->nhits; i++) {
		free(res->hits[i].data);
		snip_text_clear(&res->hits[i].snip);
		free(res->hits[i].dupkey);
		strv_free(res->hits[i].copies, res->hits[i].ncopies <
			  SEARCH_MAXCOPIES ? res->hits[i].ncopies :
			  SEARCH_MAXCOPIES);
	}
	free(res->hits);
	res->hits = NULL;
	res->nhits = 0;
}

void
search_result_clear(search_result *res)
{
	free_hits(res);
	for (size_t k = 0; k < res->nfacets; k++) {
		for (size_t i = 0; i < res->facets[k].n; i++)
			free(res->facets[k].vals[i].value);
		free(res->facets[k].vals);
	}
	free(res->canon);
	free(res->xapian);
	free(res->warning);
	free(res->suggestion);
	memset(res, 0, sizeof *res);
}

static int
on_facet(void *ctx, const char *val, size_t len, unsigned count)
{
	search_facet *f = ctx;
	search_fval *t;

	if (f->n >= 50)
		return 1;
	t = realloc(f->vals, (f->n + 1) * sizeof *t);
	if (!t)
		return 1;
	f->vals = t;
	f->vals[f->n].value = str_ndup(val, len);
	f->vals[f->n].count = count;
	if (f->vals[f->n].value)
		f->n++;
	return 0;
}

/* 1 if a failed read may pass on a newer revision.  A reader whose
 * revision the indexer has recycled gets DatabaseModifiedError, but also,
 * depending on which block it was reading, a "corrupt" block or a
 * DatabaseError such as "EOF reading block N" (t5100-concurrency.sh meets
 * all three); a real corruption or I/O error fails again after the
 * retries. */
static int
retryable(int rc)
{
	return rc == ST_EMODIFIED || rc == ST_ECORRUPT || rc == ST_ERR ||
	       rc == ST_EIO;
}

/* Brings s up to the index's latest commit after a failed read: reopen,
 * or when that fails too, open the index afresh (a failed reopen can leave
 * the old handle failing every later query).  Waits a little longer each
 * attempt, so a burst of commits can pass. */
static void
catch_up(searcher *s, int attempt)
{
	xdb *db;

	nap_ms(attempt + 1);
	if (xdb_reopen(s->ix.db, NULL) != ST_OK &&
	    open_retry(s->path, &db, NULL) == ST_OK) {
		xdb_close(s->ix.db);
		s->ix.db = db;
	}
	plan_load_langs(&s->ix);
}

/* Hit i's duplicate-group key into h (none: NULL) and how many of its
 * copies this search collapsed into it. */
static int
dup_key(xdb_mset *m, size_t i, search_hit *h, char **err)
{
	size_t n;
	int rc = xdb_mset_value(m, i, SCHEMA_SLOT_DUP, &h->dupkey, &n, err);

	if (rc == ST_OK && !n) {
		free(h->dupkey);
		h->dupkey = NULL;
	}
	h->collapsed = xdb_mset_collapsed(m, i);
	return rc;
}

/* The other members of h's group into h->copies (ids, in docid order). */
static int
list_copies(searcher *s, search_hit *h, char **err)
{
	xdb_query *q = xdb_q_range(SCHEMA_SLOT_DUP, h->dupkey, h->dupkey);
	xdb_search_opts so = {0};
	xdb_mset *m = NULL;
	int rc;

	if (!q)
		return seterr(err, ST_ENOMEM, "out of memory");
	so.limit = SEARCH_MAXCOPIES + 1;
	so.sort_slot = -1;
	so.k1 = 1.2;
	so.check_at_least = ~0u;
	rc = xdb_search(s->ix.db, q, &so, &m, err);
	xdb_q_free(q);
	if (rc != ST_OK)
		return rc;
	h->copies = calloc(SEARCH_MAXCOPIES, sizeof *h->copies);
	if (!h->copies)
		rc = seterr(err, ST_ENOMEM, "out of memory");
	for (size_t i = 0; rc == ST_OK && i < xdb_mset_size(m); i++) {
		char *meta = NULL;
		size_t len = 0;
		article_view v;

		if (xdb_mset_docid(m, i) == h->docid)
			continue;
		rc = xdb_mset_value(m, i, SCHEMA_SLOT_META, &meta, &len, err);
		if (rc == ST_OK && h->ncopies < SEARCH_MAXCOPIES &&
		    article_unpack(meta, len, &v) == 0 &&
		    !(h->copies[h->ncopies++] = str_dup(v.id)))
			rc = seterr(err, ST_ENOMEM, "out of memory");
		free(meta);
	}
	{
		unsigned total = xdb_mset_estimate(m, NULL, NULL);

		if (rc == ST_OK && total > h->ncopies + 1)
			h->ncopies = total - 1;
	}
	xdb_mset_free(m);
	return rc;
}

/* The copies of every hit that has some. */
static int
copies(searcher *s, search_result *res, char **err)
{
	int rc = ST_OK;

	for (size_t i = 0; i < res->nhits && rc == ST_OK; i++)
		if (res->hits[i].dupkey)
			rc = list_copies(s, &res->hits[i], err);
	return rc;
}

/* Runs the Xapian query and fills res's hits (no snippets yet). */
static int
execute(searcher *s, const xdb_query *xq, const search_opts *o,
	search_result *res, char **err)
{
	static const unsigned slots[3] = {SCHEMA_SLOT_SOURCE, SCHEMA_SLOT_YEAR,
					  SCHEMA_SLOT_LANG};
	static const char *names[3] = {"source", "year", "lang"};
	xdb_search_opts so = {0};
	xdb_mset *m = NULL;
	int rc = ST_ERR;

	so.offset = o->offset;
	so.limit = o->limit;
	so.k1 = o->k1;
	so.b = o->b;
	so.sort_slot = o->sort_date ? SCHEMA_SLOT_DATE : -1;
	so.sort_reverse = o->sort_date;
	/* Xapian counts exactly the matches it checks (also for facets,
	 * and for date ranges, which Xapian 1.4 cannot estimate): one more
	 * than the bound tells "more than the bound" from the bound */
	so.check_at_least = SEARCH_COUNT_BOUND + 1;
	so.facet_slots = o->facets ? slots : NULL;
	so.nfacets = o->facets ? 3 : 0;
	so.collapse = o->collapse;
	so.collapse_slot = SCHEMA_SLOT_DUP;

	for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
		char *e = NULL;

		rc = xdb_search(s->ix.db, xq, &so, &m, &e);
		if (rc == ST_OK) {
			size_t n = xdb_mset_size(m);

			res->hits = calloc(n ? n : 1, sizeof *res->hits);
			if (!res->hits) {
				rc = ST_ENOMEM;
				break;
			}
			for (size_t i = 0; i < n && rc == ST_OK; i++) {
				search_hit *h = &res->hits[i];

				h->rank = o->offset + (unsigned)i + 1;
				h->docid = xdb_mset_docid(m, i);
				h->score = xdb_mset_weight(m, i);
				/* the text only when a snippet needs it */
				rc = o->snippets ?
					     ST_OK :
					     xdb_mset_value(m, i, SCHEMA_SLOT_META,
							    &h->data,
							    &h->datalen, &e);
				if (rc == ST_OK && !h->datalen) {
					free(h->data);
					h->data = NULL;
					rc = xdb_mset_data(m, i, &h->data,
							   &h->datalen, &e);
				}
				res->nhits = i + 1;
				if (rc == ST_OK)
					article_unpack(h->data, h->datalen,
						       &h->v);
				if (rc == ST_OK && o->collapse)
					rc = dup_key(m, i, h, &e);
			}
		}
		if (retryable(rc) && attempt < MAX_RETRIES) {
			/* the indexer committed under us: catch up, retry */
			free(e);
			xdb_mset_free(m);
			m = NULL;
			for (size_t i = 0; i < res->nhits; i++) {
				free(res->hits[i].data);
				free(res->hits[i].dupkey);
			}
			free(res->hits);
			res->hits = NULL;
			res->nhits = 0;
			catch_up(s, attempt);
			continue;
		}
		if (rc == ST_EQUERY)
			seterr(err, rc, "a wildcard matches more than %u words: "
			       "make its prefix longer", o->max_wildcard);
		else if (rc != ST_OK)
			seterr(err, rc, "%s", e ? e : "search failed");
		free(e);
		break;
	}
	if (rc == ST_OK) {
		unsigned lower, upper;

		xdb_mset_estimate(m, &lower, &upper);
		res->total_exact = lower == upper && upper <= SEARCH_COUNT_BOUND;
		res->total = res->total_exact ? upper : SEARCH_COUNT_BOUND;
		for (size_t k = 0; k < so.nfacets; k++) {
			res->facets[k].name = names[k];
			xdb_mset_facets(m, k, on_facet, &res->facets[k]);
		}
		res->nfacets = so.nfacets;
	}
	xdb_mset_free(m);
	return rc;
}

/* Snippets of res's hits for the patterns hl, a pattern set per
 * document language (the last four kept). */
static int
snippets(searcher *s, hl_list *hl, const search_opts *o, search_result *res,
	 char **err)
{
	hl_set sets[4];
	size_t nsets = 0;
	int rc = 0;

	hl_weigh(hl, s->ix.db);
	for (size_t i = 0; i < res->nhits && rc == 0; i++) {
		search_hit *h = &res->hits[i];
		const char *lang = h->v.lang && *h->v.lang ? h->v.lang : "en";
		hl_set *hs = NULL;

		for (size_t k = 0; k < nsets; k++)
			if (strcmp(sets[k].lang, lang) == 0)
				hs = &sets[k];
		if (!hs) {
			if (nsets == 4) {
				hl_set_clear(&sets[3]);
				nsets = 3;
			}
			hs = &sets[nsets++];
			if (hl_set_make(hs, hl, s->ix.st, lang) < 0) {
				rc = seterr(err, ST_ENOMEM, "out of memory");
				break;
			}
		}
		rc = make_snippet(s, h, hs, o->snip_chars, o->snip_frags, err);
	}
	for (size_t k = 0; k < nsets; k++)
		hl_set_clear(&sets[k]);
	return rc;
}

/* ---- did you mean ---- */

/* Offers a corrected query (spell.h) when it finds no less than q;
 * searches it instead when q found nothing. */
static void
suggest(searcher *s, const qnode *tree, const char *q, size_t n,
	const search_opts *o, search_result *res)
{
	search_opts co = *o;
	search_result cr;
	char *corrected = spell_fix(s->ix.db, tree, q, n, res->total == 0);

	if (!corrected)
		return;
	co.spell = 0;
	co.snippets = 0;
	co.facets = 0;
	co.offset = 0;
	co.limit = 0;
	/* offered when it finds something and no less: the words it
	 * replaces are unknown to the index, or the query found nothing */
	if (search_run(s, corrected, strlen(corrected), &co, &cr, NULL) !=
		    ST_OK ||
	    cr.total == 0 || cr.total < res->total) {
		search_result_clear(&cr);
		free(corrected);
		return;
	}
	if (res->total == 0) {
		search_result full;

		co = *o;
		co.spell = 0;
		if (search_run(s, corrected, strlen(corrected), &co, &full,
			       NULL) == ST_OK) {
			search_result_clear(res);
			*res = full;
			res->corrected = 1;
		} else {
			search_result_clear(&full);
		}
	}
	res->suggestion = corrected;
	res->suggestion_total = cr.total;
	search_result_clear(&cr);
}

/* 1 if the query names a duplicate group (dup:KEY): its members are what
 * the user asked to see, so they are not collapsed. */
static int
names_group(const qnode *q)
{
	if (!q)
		return 0;
	if (q->kind == Q_FILTER && q->field && strcmp(q->field, "dup") == 0)
		return 1;
	for (size_t i = 0; i < q->nkids; i++)
		if (names_group(q->kids[i]))
			return 1;
	return 0;
}

int
search_run(searcher *s, const char *q, size_t n, const search_opts *o,
	   search_result *res, char **err)
{
	query_opts qo = QUERY_OPTS_DEFAULT;
	plan_opts po = plan_opts_of(o);
	qnode *tree = NULL;
	hl_list hl = {0};
	xdb_query *xq = NULL, *known = NULL;
	search_opts whole;
	double t0 = now_seconds();
	int rc;

	memset(res, 0, sizeof *res);
	qo.default_op = o->default_op;
	rc = query_parse(s->ix.t, q, n, &qo, &tree, &res->warning, err);
	if (rc != 0)
		return rc == QUERY_EDATE ? SEARCH_EBADQUERY : ST_ERR;
	res->canon = query_canon(tree);
	xq = plan_build_known(&s->ix, &po, tree, &hl,
			      o->prf_docs ? &known : NULL);
	if (!xq) {
		rc = seterr(err, ST_ENOMEM, "out of memory");
		goto out;
	}
	if (o->prf_docs) {
		prf_opts pf = {o->prf_docs, o->prf_terms, o->prf_weight};
		xdb_search_opts so = {0};

		so.k1 = o->k1;
		so.b = o->b;
		so.sort_slot = -1;
		so.collapse = o->collapse;
		so.collapse_slot = SCHEMA_SLOT_DUP;
		if ((rc = prf_apply(s->ix.db, &xq, known, &pf, &so, err)) !=
		    ST_OK)
			goto out;
	}
	res->xapian = xdb_q_describe(xq);
	if (o->collapse && names_group(tree)) {
		whole = *o;
		whole.collapse = 0;
		o = &whole;
	}
	for (int attempt = 0;; attempt++) {
		char *e = NULL;

		rc = execute(s, xq, o, res, &e);
		if (rc == ST_OK && o->collapse)
			rc = copies(s, res, &e);
		if (rc == ST_OK || !retryable(rc) || attempt == MAX_RETRIES) {
			if (rc != ST_OK)
				seterr(err, rc, "%s", e ? e : "search failed");
			free(e);
			break;
		}
		/* the indexer committed while the copies were listed */
		free(e);
		free_hits(res);
		catch_up(s, attempt);
	}
	if (rc == ST_OK && o->snippets)
		rc = snippets(s, &hl, o, res, err);
	if (rc == ST_OK && o->spell)
		suggest(s, tree, q, n, o, res);
out:
	res->seconds = now_seconds() - t0;
	xdb_q_free(xq);
	xdb_q_free(known);
	hl_clear(&hl);
	query_free(tree);
	return rc;
}

/* The document with the id term idt into h, retried as execute() does. */
static int
read_doc(searcher *s, const buf *idt, search_hit *h, char **err)
{
	int rc;

	for (int attempt = 0;; attempt++) {
		char *e = NULL;

		rc = xdb_get(s->ix.db, idt->p, idt->n, &h->data, &h->datalen,
			     &h->docid, &e);
		if (rc == ST_OK || !retryable(rc) || attempt == MAX_RETRIES) {
			if (rc != ST_OK)
				seterr(err, rc, "%s",
				       e ? e : "cannot read the document");
			free(e);
			return rc;
		}
		free(e); /* the indexer committed under us */
		catch_up(s, attempt);
	}
}

int
search_doc(searcher *s, const char *id, const char *q, size_t n,
	   const search_opts *o, search_result *res, char **err)
{
	query_opts qo = QUERY_OPTS_DEFAULT;
	plan_opts po = plan_opts_of(o);
	search_opts whole = *o;
	qnode *tree = NULL;
	hl_list hl = {0};
	buf idt = BUF_INIT;
	xdb_query *xq;
	unsigned nid = 0;
	int rc;

	memset(res, 0, sizeof *res);
	/* the plain id when one document has it, else FILE:ID */
	schema_idterm(&idt, id);
	if (!idt.err &&
	    (rc = xdb_termfreq(s->ix.db, idt.p, idt.n, &nid, err)) != ST_OK) {
		buf_free(&idt);
		return rc;
	}
	if (!idt.err && nid > 1) {
		buf_free(&idt);
		return seterr(err, ST_EQUERY,
			      "%u documents from different files have the id "
			      "'%s': name one as FILE:%s, FILE being the name "
			      "of the JSON Lines file or folder it was indexed "
			      "from", nid, id, id);
	}
	if (nid == 0) {
		buf_reset(&idt);
		schema_qualterm(&idt, NULL, id);
	}
	res->hits = calloc(1, sizeof *res->hits);
	if (idt.err || !res->hits) {
		buf_free(&idt);
		return seterr(err, ST_ENOMEM, "out of memory");
	}
	rc = read_doc(s, &idt, &res->hits[0], err);
	buf_free(&idt);
	if (rc != ST_OK)
		return rc;
	res->nhits = 1;
	res->hits[0].rank = 1;
	article_unpack(res->hits[0].data, res->hits[0].datalen,
		       &res->hits[0].v);
	res->total = 1;
	res->total_exact = 1;
	rc = query_parse(s->ix.t, q, n, &qo, &tree, &res->warning, err);
	if (rc != 0)
		return rc == QUERY_EDATE ? SEARCH_EBADQUERY : ST_ERR;
	/* the query's highlight patterns; its Xapian query is not run */
	xq = plan_build(&s->ix, &po, tree, &hl);
	rc = xq ? ST_OK : seterr(err, ST_ENOMEM, "out of memory");
	xdb_q_free(xq);
	whole.snip_chars = 0;
	if (rc == ST_OK)
		rc = snippets(s, &hl, &whole, res, err);
	hl_clear(&hl);
	query_free(tree);
	return rc;
}
