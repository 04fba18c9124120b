#include "search.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hl.h"
#include "plan.h"
#include "recency.h"
#include "prf.h"
#include "schema.h"
#include "shown.h"
#include "similar.h"
#include "spell.h"
#include "stem.h"
#include "suggest.h"
#include "whyhit.h"
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
	.prf_weight = 0.25,
	.prf_words = 5,
	.prf_gap = 1.2,
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
	int retok;     /* SEARCHER_SNIP_TOKENIZE=1: snippets ignore the
			  stored words (to compare the two ways) */
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
	plan_load_fields(&s->ix);
	{
		const char *e = getenv("SEARCHER_SNIP_TOKENIZE");

		s->retok = e && !strcmp(e, "1");
	}
	*out = s;
	return ST_OK;
}

int
search_reopen(searcher *s, char **err)
{
	int rc = xdb_reopen(s->ix.db, err);

	if (rc == ST_OK) {
		plan_load_langs(&s->ix);
		plan_load_fields(&s->ix);
	}
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
	fields_clear(&s->ix.fl);
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
		.f_since = o->since,
		.sel = o->sel,
		.nsel = o->nsel,
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

/* The words of the query that s[0..n) holds, found by the patterns hs,
 * into h's why list as reason r (by way of a synonym... as whyhit.h
 * says). */
static int
why_in(searcher *s, search_hit *h, const hl_set *hs, const char *str,
       why_reason r, char **err)
{
	snip_opts so = {.maxchars = 0, .maxfrags = 1};
	snip_span *spans = NULL;
	size_t nspans = 0;
	stemctx sc = {s, hs->lang};
	int rc;

	rc = snip_make_ctx(s->sc, s->ix.t, str, strlen(str), hs->p, hs->n,
			   &so, snip_stem, &sc, &spans, &nspans, err);
	if (rc == 0 && whyhit_add(&h->why, s->sc, s->ix.t, str, spans, nspans,
				  hs, r) < 0)
		rc = -1;
	free(spans);
	return rc == -1 ? seterr(err, -1, "out of memory") : rc;
}

/* A snippet without a hit cannot show why h was found: notes the words of
 * the query that the title holds (WHY_TITLE), else those its well-known
 * names hold (WHY_NAME), found by the same patterns. */
static int
why_title(searcher *s, search_hit *h, const hl_set *hs, char **err)
{
	int rc = ST_OK;

	if (h->v.title && *h->v.title)
		rc = why_in(s, h, hs, h->v.title, WHY_TITLE, err);
	if (rc == ST_OK && !h->why.n && h->v.names && *h->v.names)
		rc = why_in(s, h, hs, h->v.names, WHY_NAME, err);
	return rc;
}

static int
make_snippet(searcher *s, search_hit *h, const hl_set *hs, size_t chars,
	     size_t frags, char **err)
{
	snip_opts so = {.maxchars = chars,
			 .maxfrags = frags ? frags : 1};
	snip_span *spans = NULL;
	size_t nspans = 0;
	stemctx sc = {s, hs->lang};
	int rc;

	if (!s->retok) {
		so.toks = h->offs;
		so.ntoks = h->offslen;
	}
	rc = snip_make_ctx(s->sc, s->ix.t, h->v.text, h->v.textlen, hs->p,
			   hs->n, &so, snip_stem, &sc, &spans, &nspans, err);
	if (rc == 0 && snip_flatten(h->v.text, spans, nspans, &h->snip) < 0)
		rc = seterr(err, -1, "out of memory");
	/* hits that are not the query's words say what they are */
	if (rc == 0 && chars &&
	    whyhit_add(&h->why, s->sc, s->ix.t, h->v.text, spans, nspans, hs,
		       WHY_NONE) < 0)
		rc = seterr(err, -1, "out of memory");
	free(spans);
	if (rc == 0 && chars && !h->snip.nhl)
		rc = why_title(s, h, hs, err);
	return rc;
}

/* Frees res's hits. */
static void
free_hits(search_result *res)
{
	for (size_t i = 0; i < res->nhits; i++) {
		free(res->hits[i].data);
		free(res->hits[i].offs);
		snip_text_clear(&res->hits[i].snip);
		why_clear(&res->hits[i].why);
		snip_text_clear(&res->hits[i].tsnip);
		free(res->hits[i].dupkey);
		strv_free(res->hits[i].copies, res->hits[i].ncopies <
			  SEARCH_MAXCOPIES ? res->hits[i].ncopies :
			  SEARCH_MAXCOPIES);
	}
	free(res->hits);
	res->hits = NULL;
	res->nhits = 0;
}

/* Frees res's counts (facets, metadata facets, timeline) and empties
 * them: at the end, and before a retried search counts again. */
static void
free_counts(search_result *res)
{
	for (size_t k = 0; k < sizeof res->facets / sizeof *res->facets; k++) {
		for (size_t i = 0; i < res->facets[k].n; i++)
			free(res->facets[k].vals[i].value);
		free(res->facets[k].vals);
		res->facets[k].vals = NULL;
		res->facets[k].n = 0;
	}
	res->nfacets = 0;
	timeline_clear(&res->timeline);
	for (size_t k = 0; k < res->nmfacets; k++) {
		for (size_t i = 0; i < res->mfacets[k].n; i++)
			free(res->mfacets[k].vals[i].value);
		free(res->mfacets[k].vals);
		free((char *)res->mfacets[k].name);
	}
	free(res->mfacets);
	res->mfacets = NULL;
	res->nmfacets = 0;
}

void
search_result_clear(search_result *res)
{
	free_hits(res);
	free_counts(res);
	free(res->canon);
	free(res->xapian);
	free(res->warning);
	free(res->suggestion);
	free(res->about);
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

/* A read of the index that may meet the indexer's commits: step(s, ctx,
 * &e) runs until it succeeds, fails for good, or has been tried
 * MAX_RETRIES + 1 times; between tries undo(ctx) (may be NULL) drops what
 * the failed try made and s catches up with the index.  On failure *err
 * gets step's message, else what. */
static int
retrying(searcher *s, int (*step)(searcher *s, void *ctx, char **e),
	 void (*undo)(void *ctx), void *ctx, const char *what, char **err)
{
	int rc;

	for (int attempt = 0;; attempt++) {
		char *e = NULL;

		rc = step(s, ctx, &e);
		if (rc == ST_OK || !retryable(rc) || attempt == MAX_RETRIES) {
			if (rc != ST_OK)
				seterr(err, rc, "%s", e ? e : what);
			free(e);
			return rc;
		}
		free(e);
		if (undo)
			undo(ctx);
		catch_up(s, attempt);
	}
}

/* Hit i's stored words (offs.h) into h, NULL when it has none (an index
 * of layout 8 or older): read from the value stream. */
static int
offsets(xdb_mset *m, size_t i, search_hit *h, char **err)
{
	int rc = xdb_mset_value(m, i, SCHEMA_SLOT_OFFSETS, &h->offs,
				&h->offslen, err);

	if (rc == ST_OK && !h->offslen) {
		free(h->offs);
		h->offs = NULL;
	}
	return rc;
}

/* Hit i's duplicate-group key into h (none: NULL) and how many of its
 * copies this search collapsed into it (m collapsed on SCHEMA_SLOT_DUP:
 * the key the matcher read, no second read of the index). */
static int
dup_key(xdb_mset *m, size_t i, search_hit *h, char **err)
{
	size_t n;
	int rc = xdb_mset_collapse_key(m, i, &h->dupkey, &n, err);

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

/* The spy of a search that counts what its results show (the timeline,
 * and with collapse the facets): every match to shown_add, its values
 * after the date and the group key (the spy's first two slots) kept. */
typedef struct show_spy {
	shown_set *acc;
	int collapse;
} show_spy;

static void
on_match(void *ctx, unsigned docid, double wt, const char *const *v,
	 const size_t *vlen)
{
	show_spy *t = ctx;

	shown_add(t->acc, docid, wt, v[0], vlen[0], v[1],
		  t->collapse ? vlen[1] : 0, v + 2, vlen + 2);
}

/* 1 if the index has a metadata facet (fields.h). */
static int
has_facets(const fields *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		if ((fl->v[i].kinds & (FLD_FACET | FLD_OFF)) == FLD_FACET)
			return 1;
	return 0;
}

typedef struct combo_ctx {
	fcount *fc;
	const char *only;
	int nomem;
} combo_ctx;

static int
on_combo(void *ctx, const char *v, size_t n, unsigned count)
{
	combo_ctx *c = ctx;

	if (fcount_add(c->fc, v, n, count, c->only) < 0) {
		c->nomem = 1;
		return 1;
	}
	return 0;
}

/* The metadata facets counted in fc into res->mfacets: every facet
 * field (only: just that one, replacing its counts).  ST_OK or
 * ST_ENOMEM. */
static int
mfacets_of(searcher *s, const fcount *fc, const char *only,
	   search_result *res)
{
	const fields *fl = &s->ix.fl;

	if (!only && !res->mfacets &&
	    !(res->mfacets = calloc(fl->n ? fl->n : 1, sizeof *res->mfacets)))
		return ST_ENOMEM;
	for (size_t i = 0; i < fl->n; i++) {
		const fld *e = &fl->v[i];
		search_facet *f = NULL;

		if ((e->kinds & (FLD_FACET | FLD_OFF)) != FLD_FACET ||
		    (only && strcmp(only, e->name)))
			continue;
		for (size_t j = 0; j < res->nmfacets && !f; j++)
			if (!strcmp(res->mfacets[j].name, e->name))
				f = &res->mfacets[j];
		if (!f && only)
			continue;
		if (!f) {
			f = &res->mfacets[res->nmfacets];
			if (!(f->name = str_dup(e->name)))
				return ST_ENOMEM;
			res->nmfacets++;
		}
		for (size_t j = 0; j < f->n; j++)
			free(f->vals[j].value);
		free(f->vals);
		f->vals = NULL;
		f->n = 0;
		if (fcount_get(fc, e->name, &f->vals, &f->n) < 0)
			return ST_ENOMEM;
	}
	return ST_OK;
}

/* The metadata facets from Xapian's value counter k of m (documents, not
 * groups: without collapse, or on remote shards) into res->mfacets, as
 * mfacets_of. */
static int
mfacets(searcher *s, xdb_mset *m, size_t k, const char *only,
	search_result *res)
{
	combo_ctx cc = {fcount_new(), only, 0};
	int rc;

	if (!cc.fc)
		return ST_ENOMEM;
	xdb_mset_facets_all(m, k, on_combo, &cc);
	rc = cc.nomem ? ST_ENOMEM : mfacets_of(s, cc.fc, only, res);
	fcount_free(cc.fc);
	return rc;
}

/* Facet counts over the matches a search shows (shown.h): the values of
 * each shown match, v[0..nb) the built-in facets (names), then v[nb] the
 * metadata facets' slot value when fields. */
typedef struct group_count {
	fcount *built; /* "name US value" entries */
	fcount *fields;
	const char *const *names;
	size_t nb;
	int with_fields;
	const char *only;
	int nomem;
} group_count;

static int
on_shown(void *ctx, const date *d, const char *const *v, const size_t *vlen)
{
	group_count *g = ctx;
	buf e = BUF_INIT;

	(void)d;
	for (size_t k = 0; k < g->nb; k++) {
		if (!vlen[k])
			continue; /* as Xapian's counter: no value, no count */
		e.n = 0;
		buf_adds(&e, g->names[k]);
		buf_addc(&e, SCHEMA_FIELDS_US);
		buf_add(&e, v[k], vlen[k]);
		if (e.err || fcount_add(g->built, e.p, e.n, 1, NULL) < 0)
			g->nomem = 1;
	}
	buf_free(&e);
	if (g->with_fields && vlen[g->nb] &&
	    fcount_add(g->fields, v[g->nb], vlen[g->nb], 1, g->only) < 0)
		g->nomem = 1;
	return g->nomem;
}

/* Counts the facets of the matches acc shows (g's names, nb, with_fields
 * and only set) into res: the built-in ones into res->facets (at most 50
 * values each, most frequent first), the metadata ones as mfacets_of.
 * ST_OK or ST_ENOMEM. */
static int
group_facets(searcher *s, shown_set *acc, group_count *g, search_result *res)
{
	int rc = ST_ENOMEM;

	g->built = fcount_new();
	g->fields = fcount_new();
	if (g->built && g->fields && shown_each(acc, on_shown, g) == ST_OK &&
	    !g->nomem)
		rc = ST_OK;
	for (size_t k = 0; k < g->nb && rc == ST_OK; k++) {
		search_facet *f = &res->facets[k];

		f->name = g->names[k];
		if (fcount_get(g->built, g->names[k], &f->vals, &f->n) < 0)
			rc = ST_ENOMEM;
		while (f->n > 50)
			free(f->vals[--f->n].value);
	}
	if (rc == ST_OK && g->with_fields)
		rc = mfacets_of(s, g->fields, g->only, res);
	fcount_free(g->built);
	fcount_free(g->fields);
	return rc;
}

/* Multi-select: each metadata facet with selections counted again
 * without its own selections (the others kept), so its other values say
 * how many results choosing them too would add.  ST_OK or an ST_* code. */
static int
refacet(searcher *s, const qnode *tree, const search_opts *o,
	search_result *res, char **err)
{
	static const unsigned slot[1] = {SCHEMA_SLOT_FIELDS};
	static const unsigned spy_slots[3] = {SCHEMA_SLOT_DATE, SCHEMA_SLOT_DUP,
					      SCHEMA_SLOT_FIELDS};
	int rc = ST_OK;

	for (size_t i = 0; i < o->nsel && rc == ST_OK; i++) {
		show_spy spy = {NULL, 1};
		plan_opts po = plan_opts_of(o);
		xdb_search_opts so = {0};
		hl_list hl = {0};
		xdb_query *xq;
		xdb_mset *m = NULL;
		const char *f = o->sel[i].field;
		size_t j;

		for (j = 0; j < i && strcmp(o->sel[j].field, f); j++)
			;
		if (j < i || fields_builtin(f) ||
		    !fields_by_name(&s->ix.fl, f, strlen(f)))
			continue; /* done, or not a metadata field */
		po.sel_except = f;
		if (!(xq = plan_build(&s->ix, &po, tree, &hl))) {
			hl_clear(&hl);
			return seterr(err, ST_ENOMEM, "out of memory");
		}
		hl_clear(&hl);
		so.k1 = o->k1;
		so.b = o->b;
		so.sort_slot = -1;
		so.check_at_least = SEARCH_COUNT_BOUND + 1;
		so.facet_slots = slot;
		so.nfacets = 1;
		so.collapse = o->collapse;
		so.collapse_slot = SCHEMA_SLOT_DUP;
		/* with collapse, groups counted as the main search counts
		 * them (execute) */
		if (o->collapse && !(spy.acc = shown_new(o->sort_date, 1))) {
			xdb_q_free(xq);
			return seterr(err, ST_ENOMEM, "out of memory");
		}
		if (spy.acc) {
			so.spy = on_match;
			so.spy_ctx = &spy;
			so.spy_slots = spy_slots;
			so.nspy = 3;
		}
		rc = xdb_search(s->ix.db, xq, &so, &m, err);
		if (rc == ST_OK && spy.acc && xdb_mset_spied(m)) {
			group_count g = {0};

			g.with_fields = 1;
			g.only = f;
			if ((rc = group_facets(s, spy.acc, &g, res)) != ST_OK)
				seterr(err, rc, "out of memory");
		} else if (rc == ST_OK) {
			rc = mfacets(s, m, 0, f, res);
		}
		shown_free(spy.acc);
		xdb_mset_free(m);
		xdb_q_free(xq);
	}
	return rc;
}

/* Runs the Xapian query and fills res's hits (no snippets yet). */
static int
execute(searcher *s, const xdb_query *xq, const search_opts *o,
	search_result *res, char **err)
{
	static const unsigned slots[4] = {SCHEMA_SLOT_SOURCE, SCHEMA_SLOT_YEAR,
					  SCHEMA_SLOT_LANG, SCHEMA_SLOT_FIELDS};
	static const char *names[3] = {"source", "year", "lang"};
	/* the spy's slots: the date, the group key, then (group_facets)
	 * the facets' */
	static const unsigned spy_slots[6] = {
		SCHEMA_SLOT_DATE, SCHEMA_SLOT_DUP,  SCHEMA_SLOT_SOURCE,
		SCHEMA_SLOT_YEAR, SCHEMA_SLOT_LANG, SCHEMA_SLOT_FIELDS};
	xdb_search_opts so = {0};
	xdb_mset *m = NULL;
	show_spy spy = {NULL, o->collapse};
	char *e = NULL;
	/* with collapse the facets count groups, as the total does: over
	 * the matches the results show */
	size_t nvals = o->facets && o->collapse ? 3 + has_facets(&s->ix.fl)
						: 0;
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
	so.nfacets = o->facets ? 3 + has_facets(&s->ix.fl) : 0;
	so.collapse = o->collapse;
	so.collapse_slot = SCHEMA_SLOT_DUP;
	if (o->timeline || nvals) {
		spy.acc = shown_new(o->sort_date, nvals);
		if (!spy.acc)
			return seterr(err, ST_ENOMEM, "out of memory");
		so.spy = on_match;
		so.spy_ctx = &spy;
		so.spy_slots = spy_slots;
		so.nspy = 2 + nvals;
	}

	rc = xdb_search(s->ix.db, xq, &so, &m, &e);
	if (rc == ST_OK) {
		size_t n = xdb_mset_size(m);

		res->hits = calloc(n ? n : 1, sizeof *res->hits);
		if (!res->hits)
			rc = ST_ENOMEM;
		for (size_t i = 0; i < n && rc == ST_OK; i++) {
			search_hit *h = &res->hits[i];

			h->rank = o->offset + (unsigned)i + 1;
			h->docid = xdb_mset_docid(m, i);
			h->score = xdb_mset_weight(m, i);
			/* the text only when a snippet needs it */
			rc = o->snippets ? ST_OK :
					   xdb_mset_value(m, i, SCHEMA_SLOT_META,
							  &h->data, &h->datalen,
							  &e);
			if (rc == ST_OK && !h->datalen) {
				free(h->data);
				h->data = NULL;
				rc = xdb_mset_data(m, i, &h->data, &h->datalen,
						   &e);
			}
			res->nhits = i + 1;
			if (rc == ST_OK && o->snippets)
				rc = offsets(m, i, h, &e);
			if (rc == ST_OK)
				article_unpack(h->data, h->datalen, &h->v);
			if (rc == ST_OK && o->collapse)
				rc = dup_key(m, i, h, &e);
		}
	}
	/* a failure that a newer revision may pass is retried by the caller
	 * (run_plan's retrying), which drops these hits first */
	if (rc == ST_EQUERY)
		seterr(err, rc, "a wildcard matches more than %u words: make "
		       "its prefix longer", o->max_wildcard);
	else if (rc != ST_OK)
		seterr(err, rc, "%s", e ? e : "search failed");
	free(e);
	if (rc == ST_OK) {
		unsigned lower, upper;

		xdb_mset_estimate(m, &lower, &upper);
		res->total_exact = lower == upper && upper <= SEARCH_COUNT_BOUND;
		/* Xapian checked fewer than the bound (a remote shard may):
		 * more than the matches it saw, not more than the bound */
		res->total = res->total_exact || lower < SEARCH_COUNT_BOUND ?
				     (res->total_exact ? upper : lower) :
				     SEARCH_COUNT_BOUND;
		if (nvals && xdb_mset_spied(m)) {
			group_count g = {0};

			g.names = names;
			g.nb = 3;
			g.with_fields = nvals > 3;
			rc = group_facets(s, spy.acc, &g, res);
			res->nfacets = 3;
		} else {
			/* Xapian's counter: documents (without collapse, or
			 * on remote shards, which cannot run the spy) */
			for (size_t k = 0; k < so.nfacets && k < 3; k++) {
				res->facets[k].name = names[k];
				xdb_mset_facets(m, k, on_facet,
						&res->facets[k]);
			}
			res->nfacets = so.nfacets < 3 ? so.nfacets : 3;
			if (so.nfacets > 3)
				rc = mfacets(s, m, 3, NULL, res);
		}
		if (rc == ST_OK && o->timeline && xdb_mset_spied(m)) {
			rc = timeline_make(spy.acc, &res->timeline);
			res->timeline.exact = res->total_exact;
		}
		if (rc != ST_OK)
			seterr(err, rc, "out of memory");
	}
	shown_free(spy.acc);
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
	hl_keep_best(hl, SEARCH_MAX_MARKED);
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

/* The document view's title, whole, with the hits of hl marked (after
 * snippets: hl is weighed). */
static int
title_snippet(searcher *s, const hl_list *hl, search_hit *h, char **err)
{
	const char *lang = *h->v.lang ? h->v.lang : "en";
	snip_opts so = {.maxchars = 0, .maxfrags = 1};
	snip_span *spans = NULL;
	size_t nspans = 0;
	stemctx sc = {s, lang};
	hl_set hs;
	int rc;

	if (hl_set_make(&hs, hl, s->ix.st, lang) < 0) {
		hl_set_clear(&hs);
		return seterr(err, ST_ENOMEM, "out of memory");
	}
	rc = snip_make_ctx(s->sc, s->ix.t, h->v.title, strlen(h->v.title),
			   hs.p, hs.n, &so, snip_stem, &sc, &spans, &nspans,
			   err);
	if (rc == 0 && snip_flatten(h->v.title, spans, nspans, &h->tsnip) < 0)
		rc = seterr(err, ST_ENOMEM, "out of memory");
	free(spans);
	hl_set_clear(&hs);
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
		co.typed = tree;
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

/* What run_plan's retried step needs. */
typedef struct planrun {
	const xdb_query *xq;
	const search_opts *o;
	search_result *res;
} planrun;

/* The hits of a plan and their copies. */
static int
plan_step(searcher *s, void *ctx, char **e)
{
	planrun *p = ctx;
	int rc = execute(s, p->xq, p->o, p->res, e);

	if (rc == ST_OK && p->o->collapse)
		rc = copies(s, p->res, e);
	return rc;
}

static void
plan_undo(void *ctx)
{
	free_hits(((planrun *)ctx)->res);
	free_counts(((planrun *)ctx)->res);
}

/* What fresh_step needs. */
typedef struct fresh {
	const xdb_query *xq;
	const search_opts *o;
	recency r;
	double top; /* out: the query's best score */
} fresh;

/* The newest date of the index and the best relevance score of xq. */
static int
fresh_step(searcher *s, void *ctx, char **e)
{
	fresh *f = ctx;
	xdb_search_opts so = {0};
	xdb_mset *m = NULL;
	int rc = recency_init(&f->r, s->ix.db, f->o->recency, e);

	so.limit = 1;
	so.k1 = f->o->k1;
	so.b = f->o->b;
	so.sort_slot = -1;
	if (rc == ST_OK)
		rc = xdb_search(s->ix.db, f->xq, &so, &m, e);
	f->top = rc == ST_OK && xdb_mset_size(m) ? xdb_mset_weight(m, 0) : 0;
	xdb_mset_free(m);
	return rc;
}

/* xq blended with freshness (recency.h) into *out, for o->recency; f
 * must outlive *out. */
static int
freshen(searcher *s, const xdb_query *xq, const search_opts *o, fresh *f,
	xdb_query **out, char **err)
{
	int rc;

	f->xq = xq;
	f->o = o;
	rc = retrying(s, fresh_step, NULL, f, "search failed", err);
	if (rc == ST_OK &&
	    !(*out = recency_blend(xdb_q_copy(xq), &f->r, f->top)))
		rc = seterr(err, ST_ENOMEM, "out of memory");
	return rc;
}

/* Runs xq (a query's plan, or similar.h's) as o says into res: its hits,
 * their copies (with collapse, unless uncollapse: the query named a
 * group), and snippets from the patterns hl. */
static int
run_plan(searcher *s, const xdb_query *xq, hl_list *hl, const search_opts *o,
	 int uncollapse, search_result *res, char **err)
{
	search_opts whole;
	planrun p = {xq, o, res};
	xdb_query *blend = NULL;
	fresh f;
	int rc = ST_OK;

	if (o->collapse && uncollapse) {
		whole = *o;
		whole.collapse = 0;
		p.o = o = &whole;
	}
	if (o->recency > 0 && !o->sort_date) {
		rc = freshen(s, xq, o, &f, &blend, err);
		p.xq = blend;
	}
	if (rc == ST_OK)
		rc = retrying(s, plan_step, plan_undo, &p, "search failed",
			      err);
	if (rc == ST_OK && o->snippets)
		rc = snippets(s, hl, o, res, err);
	xdb_q_free(blend);
	return rc;
}

/* The index and the options prf_filter filters with. */
typedef struct filterctx {
	const plan_index *ix;
	const plan_opts *po;
} filterctx;

/* q with the search's extra filters (prf.h's filter). */
static xdb_query *
prf_filter(void *ctx, xdb_query *q)
{
	filterctx *fc = ctx;

	return plan_filter(fc->ix, fc->po, q);
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
	filterctx fc = {&s->ix, &po};
	double t0 = now_seconds();
	int rc;

	memset(res, 0, sizeof *res);
	qo.default_op = o->default_op;
	qo.fields = &s->ix.fl;
	rc = query_parse(s->ix.t, q, n, &qo, &tree, &res->warning, err);
	if (rc != 0)
		return rc == QUERY_EDATE ? SEARCH_EBADQUERY : ST_ERR;
	res->canon = query_canon(tree);
	xq = plan_build_known(&s->ix, &po, tree, &hl,
			      o->prf_docs ? &known : NULL);
	if (!xq || whyhit_mark_folds(&hl, tree, q, n) < 0 ||
	    (o->typed && whyhit_mark_fixes(&hl, tree, o->typed) < 0)) {
		rc = seterr(err, ST_ENOMEM, "out of memory");
		goto out;
	}
	if (o->prf_docs) {
		prf_opts pf = {o->prf_docs, o->prf_terms, o->prf_weight,
			       o->prf_words, o->prf_gap, prf_filter, &fc,
			       &hl};
		xdb_search_opts so = {0};

		so.k1 = o->k1;
		so.b = o->b;
		so.sort_slot = -1;
		so.collapse = o->collapse;
		so.collapse_slot = SCHEMA_SLOT_DUP;
		if ((rc = prf_apply(s->ix.db, &xq, tree, known, &pf, &so, err)) !=
		    ST_OK)
			goto out;
	}
	if (o->explain)
		res->xapian = xdb_q_describe(xq);
	rc = run_plan(s, xq, &hl, o, names_group(tree), res, err);
	for (size_t i = 0; rc == ST_OK && o->snippets && o->snip_chars &&
			   i < res->nhits; i++)
		if (!res->hits[i].snip.nhl &&
		    (whyhit_fields(&res->hits[i].why, tree) < 0 ||
		     whyhit_acronyms(&res->hits[i].why, s->ix.t, &hl, tree, q, n,
				     res->hits[i].v.title,
				     res->hits[i].v.names) < 0))
			rc = seterr(err, ST_ENOMEM, "out of memory");
	if (rc == ST_OK && o->facets && o->nsel)
		rc = refacet(s, tree, o, res, err);
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

/* What read_doc's and similar_plan's retried steps need. */
typedef struct docread {
	const buf *idt;
	search_hit *h;
	hl_list *hl;	  /* similar_plan: */
	xdb_query **xq;
} docread;

static int
read_step(searcher *s, void *ctx, char **e)
{
	docread *d = ctx;

	return xdb_get(s->ix.db, d->idt->p, d->idt->n, &d->h->data,
		       &d->h->datalen, &d->h->docid, e);
}

/* The document with the id term idt into h, retried as execute() does. */
static int
read_doc(searcher *s, const buf *idt, search_hit *h, char **err)
{
	docread d = {idt, h, NULL, NULL};

	return retrying(s, read_step, NULL, &d, "cannot read the document",
			err);
}

/* The term that names the document with this id into idt: its id term
 * when one document has that id, else its qualified id term (FILE:ID). */
static int
resolve_id(searcher *s, const char *id, buf *idt, char **err)
{
	unsigned nid = 0;
	int rc = ST_OK;

	schema_idterm(idt, id);
	if (!idt->err &&
	    (rc = xdb_termfreq(s->ix.db, idt->p, idt->n, &nid, err)) != ST_OK)
		return rc;
	if (!idt->err && nid > 1)
		return seterr(err, ST_EQUERY,
			      "%u documents from different files have the id "
			      "'%s': name one as FILE:%s, FILE being the name "
			      "of the JSON Lines file or folder it was indexed "
			      "from", nid, id, id);
	if (nid == 0) {
		buf_reset(idt);
		schema_qualterm(idt, NULL, id);
	}
	return idt->err ? seterr(err, ST_ENOMEM, "out of memory") : ST_OK;
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
	int rc;

	memset(res, 0, sizeof *res);
	rc = resolve_id(s, id, &idt, err);
	if (rc == ST_OK && !(res->hits = calloc(1, sizeof *res->hits)))
		rc = seterr(err, ST_ENOMEM, "out of memory");
	if (rc == ST_OK)
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
	qo.fields = &s->ix.fl;
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
	if (rc == ST_OK)
		rc = title_snippet(s, &hl, &res->hits[0], err);
	hl_clear(&hl);
	query_free(tree);
	return rc;
}

/* What suggest_step needs. */
typedef struct suggestrun {
	const char *q;
	size_t n, max;
	char ***out;
	size_t *nout;
} suggestrun;

static int
suggest_step(searcher *s, void *ctx, char **e)
{
	suggestrun *r = ctx;

	return suggest_complete(s->ix.db, s->ix.t, r->q, r->n, r->max, r->out,
				r->nout, e);
}

int
search_suggest(searcher *s, const char *q, size_t n, size_t max, char ***out,
	       size_t *nout, char **err)
{
	suggestrun r = {q, n, max, out, nout};

	return retrying(s, suggest_step, NULL, &r, "failed", err);
}

static int
similar_step(searcher *s, void *ctx, char **e)
{
	docread *d = ctx;
	int rc = read_step(s, ctx, e);

	return rc == ST_OK ? similar_query(s->ix.db, d->h->docid, d->hl, d->xq,
					   e) :
			     rc;
}

static void
similar_undo(void *ctx)
{
	docread *d = ctx;

	free(d->h->data);
	d->h->data = NULL;
	hl_clear(d->hl);
}

/* The query for the documents like the one idt names (similar.h), with
 * o's filters, and the document's title (or id) into *about; retried as
 * execute() is. */
static int
similar_plan(searcher *s, const buf *idt, const search_opts *o, hl_list *hl,
	     xdb_query **xq, char **about, char **err)
{
	plan_opts po = plan_opts_of(o);
	search_hit h = {0};
	docread d = {idt, &h, hl, xq};
	int rc = retrying(s, similar_step, similar_undo, &d, "search failed",
			  err);

	if (rc == ST_OK) {
		article_unpack(h.data, h.datalen, &h.v);
		*about = str_dup(*h.v.title ? h.v.title : h.v.id);
		*xq = plan_filter(&s->ix, &po, *xq);
		if (!*xq || !*about)
			rc = seterr(err, ST_ENOMEM, "out of memory");
	}
	free(h.data);
	return rc;
}

int
search_similar(searcher *s, const char *id, const search_opts *o,
	       search_result *res, char **err)
{
	buf idt = BUF_INIT;
	hl_list hl = {0};
	xdb_query *xq = NULL;
	double t0 = now_seconds();
	int rc;

	memset(res, 0, sizeof *res);
	rc = resolve_id(s, id, &idt, err);
	if (rc == ST_OK)
		rc = similar_plan(s, &idt, o, &hl, &xq, &res->about, err);
	if (rc == ST_OK) {
		res->canon = str_printf("similar:%s", id);
		if (o->explain)
			res->xapian = xdb_q_describe(xq);
		rc = run_plan(s, xq, &hl, o, 0, res, err);
	}
	res->seconds = now_seconds() - t0;
	buf_free(&idt);
	xdb_q_free(xq);
	hl_clear(&hl);
	return rc;
}
