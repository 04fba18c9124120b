#include "search.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "index.h"
#include "stem.h"
#include "tok.h"
#include "xdb.h"

#define MAX_LANGS 16
#define MAX_RETRIES 3
#define OPEN_TRIES 10

const search_opts search_opts_default = {
	.offset = 0,
	.limit = 10,
	.k1 = 0.9,
	.b = 0.4,
	.title_weight = 1.0,
	.default_op = Q_OR,
	.snippets = 1,
	.snip_chars = 240,
	.snip_frags = 3,
	.sort_date = 0,
	.spell = 1,
	.synonyms = 1,
	.max_wildcard = 500,
	.facets = 0,
};

struct searcher {
	xdb *db;
	tok *t;
	stems *st;
	char langs[MAX_LANGS][12]; /* languages present in the index */
	size_t nlangs;
};

/* A unit to highlight: a word (n == 1) or a phrase, see snip_pat. */
typedef enum { HP_WORD, HP_PHRASE, HP_BIGRAM, HP_PREFIX } hkind;

typedef struct hpat {
	char **terms;
	size_t n;
	hkind kind;
	int exact; /* no stems */
	int group;
	double weight;
} hpat;

typedef struct conv {
	searcher *s;
	const search_opts *o;
	hpat *pats;
	size_t npats, cap;
	int group;
	int nomem;
	buf tmp;
} conv;

tok *
search_tok(searcher *s)
{
	return s->t;
}

static int
add_lang(void *ctx, const char *term, size_t len, unsigned tf)
{
	searcher *s = ctx;

	(void)tf;
	if (s->nlangs < MAX_LANGS && len > 1 && len - 1 < sizeof s->langs[0]) {
		memcpy(s->langs[s->nlangs], term + 1, len - 1);
		s->langs[s->nlangs][len - 1] = '\0';
		s->nlangs++;
	}
	return 0;
}

/* Reads which languages the index holds (their L terms). */
static void
load_langs(searcher *s)
{
	s->nlangs = 0;
	xdb_allterms(s->db, "L", 1, add_lang, s, NULL);
	if (s->nlangs == 0) {
		strcpy(s->langs[0], "en");
		s->nlangs = 1;
	}
}

/* Sleeps ms milliseconds (between retries). */
static void
nap_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

int
search_open(const char *path, searcher **out, char **err)
{
	searcher *s = calloc(1, sizeof *s);
	int rc;

	*out = NULL;
	if (!s)
		return seterr(err, XDB_ENOMEM, "out of memory");
	/* Opening races with the indexer's commits: the blocks of the
	 * revision being opened may be recycled under us, which Xapian
	 * reports as a modified or a corrupt database.  Both pass when the
	 * newer revision is opened, so try a few times before failing. */
	for (int i = 1;; i++) {
		char *e = NULL;

		rc = xdb_open(path, &s->db, &e);
		if (rc == XDB_OK)
			break;
		if (i == OPEN_TRIES ||
		    (rc != XDB_EMODIFIED && rc != XDB_ECORRUPT)) {
			seterr(err, rc, "%s", e ? e : "cannot open the index");
			free(e);
			free(s);
			return rc;
		}
		free(e);
		nap_ms(2 * i);
	}
	s->t = tok_new(err);
	s->st = stems_new();
	if (!s->t || !s->st) {
		search_close(s);
		return seterr(err, XDB_ENOMEM, "out of memory");
	}
	load_langs(s);
	*out = s;
	return XDB_OK;
}

void
search_close(searcher *s)
{
	if (!s)
		return;
	xdb_close(s->db);
	tok_free(s->t);
	stems_free(s->st);
	free(s);
}

/* ---- building the Xapian query ---- */

static void
hpat_free(hpat *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->terms[i]);
	free(p->terms);
}

/* Adds a highlight pattern of n terms (copied). */
static void
add_pat(conv *c, hkind kind, int exact, char *const *terms, size_t n)
{
	hpat *p;

	if (c->npats == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		hpat *t = realloc(c->pats, cap * sizeof *t);

		if (!t) {
			c->nomem = 1;
			return;
		}
		c->pats = t;
		c->cap = cap;
	}
	p = &c->pats[c->npats];
	memset(p, 0, sizeof *p);
	p->terms = calloc(n ? n : 1, sizeof *p->terms);
	if (!p->terms) {
		c->nomem = 1;
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (!(p->terms[i] = str_dup(terms[i])))
			c->nomem = 1;
	p->n = n;
	p->kind = kind;
	p->exact = exact;
	p->group = c->group;
	c->npats++;
	if (c->nomem) {
		hpat_free(p);
		c->npats--;
	}
}

static xdb_query *
term2(const char *prefix, const char *t, size_t n, unsigned pos)
{
	char stackbuf[256];
	size_t pl = strlen(prefix);

	if (pl + n > sizeof stackbuf)
		n = sizeof stackbuf - pl;
	memcpy(stackbuf, prefix, pl);
	memcpy(stackbuf + pl, t, n);
	return xdb_q_term(stackbuf, pl + n, 1, pos);
}

/* A growable list of subqueries. */
typedef struct qlist {
	xdb_query **q;
	size_t n, cap;
	int nomem;
} qlist;

static void
ql_add(qlist *l, xdb_query *q)
{
	if (!q) {
		l->nomem = 1;
		return;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		xdb_query **t = realloc(l->q, cap * sizeof *t);

		if (!t) {
			xdb_q_free(q);
			l->nomem = 1;
			return;
		}
		l->q = t;
		l->cap = cap;
	}
	l->q[l->n++] = q;
}

/* Combines the list with op (a single entry is returned as is) and empties
 * it.  An empty list gives NULL. */
static xdb_query *
ql_make(qlist *l, int op, unsigned window)
{
	xdb_query *r;

	if (l->n == 0)
		r = NULL;
	else if (l->n == 1 && op != XQ_PHRASE && op != XQ_NEAR)
		r = l->q[0];
	else
		r = xdb_q_op(op, l->q, l->n, window);
	free(l->q);
	memset(l, 0, sizeof *l);
	return r;
}

/* Adds to l the stem terms prefix+stem of w in each language of the index
 * (distinct ones); if no language stems w, the plain term pprefix+w. */
static void
add_stems(conv *c, qlist *l, const char *prefix, const char *pprefix,
	  const char *w, size_t n)
{
	const char *seen[MAX_LANGS];
	size_t nseen = 0;

	for (size_t i = 0; i < c->s->nlangs; i++) {
		const char *st;
		size_t k = stems_get(c->s->st, c->s->langs[i], w, n, &st), j;
		char *copy;

		if (!k)
			continue;
		for (j = 0; j < nseen; j++)
			if (strlen(seen[j]) == k && memcmp(seen[j], st, k) == 0)
				break;
		if (j < nseen)
			continue;
		ql_add(l, term2(prefix, st, k, 0));
		copy = str_ndup(st, k);
		if (!copy) {
			c->nomem = 1;
			break;
		}
		seen[nseen++] = copy;
	}
	if (nseen == 0)
		ql_add(l, term2(pprefix, w, n, 0));
	for (size_t j = 0; j < nseen; j++)
		free((char *)seen[j]);
}

/* Character bigrams of a CJK word into out (malloc'd strings); returns the
 * count (0 for a single character). */
static size_t
cjk_bigrams(const char *w, char ***out)
{
	size_t n = strlen(w), nch = 0, i, k;
	size_t offs[TOK_MAXTERM + 1];
	char **v;

	*out = NULL;
	for (i = 0; i < n && nch < TOK_MAXTERM; i += k) {
		k = u8_seqlen((const unsigned char *)w + i, n - i);
		if (!k)
			k = 1;
		offs[nch++] = i;
	}
	offs[nch] = n;
	if (nch < 2)
		return 0;
	v = calloc(nch - 1, sizeof *v);
	if (!v)
		return 0;
	for (i = 0; i + 1 < nch; i++)
		v[i] = str_ndup(w + offs[i], offs[i + 2] - offs[i]);
	*out = v;
	return nch - 1;
}

static void
free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* PHRASE of bigram terms (prefix + bigram) at consecutive positions. */
static xdb_query *
bigram_phrase(const char *prefix, char **bg, size_t nbg)
{
	qlist l = {0};

	for (size_t i = 0; i < nbg; i++)
		ql_add(&l, term2(prefix, bg[i], strlen(bg[i]), (unsigned)i + 1));
	return ql_make(&l, XQ_PHRASE, (unsigned)nbg);
}

typedef struct synctx {
	conv *c;
	qlist *l;
} synctx;

static int
on_synonym_token(void *ctx, const tok_token *t)
{
	qlist *words = ctx;

	ql_add(words, term2("", t->term, t->len, t->pos + 1));
	return 0;
}

static int
on_synonym(void *ctx, const char *syn, size_t len)
{
	synctx *sc = ctx;
	qlist words = {0};
	size_t n;

	tok_run(sc->c->s->t, syn, len, 0, 0, on_synonym_token, &words, NULL);
	n = words.n;
	if (n == 1) {
		/* re-add as stems */
		char *w = xdb_q_describe(words.q[0]);

		xdb_q_free(words.q[0]);
		free(words.q);
		free(w);
		buf_reset(&sc->c->tmp);
		buf_add(&sc->c->tmp, syn, len);
		{
			qlist one = {0};
			buf folded = BUF_INIT;

			tok_fold(sc->c->s->t, syn, len, &folded);
			if (folded.p)
				add_stems(sc->c, &one, "Z", "", folded.p,
					  folded.n);
			buf_free(&folded);
			ql_add(sc->l, ql_make(&one, XQ_SYNONYM, 0));
		}
	} else if (n > 1) {
		ql_add(sc->l, ql_make(&words, XQ_PHRASE, (unsigned)n));
	} else {
		free(words.q);
	}
	/* highlight the synonym's words as a phrase in the same group */
	{
		char *terms[16];
		size_t nt = 0;
		buf folded = BUF_INIT;
		char *p, *save = NULL;

		tok_fold(sc->c->s->t, syn, len, &folded);
		for (p = folded.p ? strtok_r(folded.p, " ", &save) : NULL;
		     p && nt < 16; p = strtok_r(NULL, " ", &save))
			terms[nt++] = p;
		if (nt)
			add_pat(sc->c, nt == 1 ? HP_WORD : HP_PHRASE, nt > 1,
				terms, nt);
		buf_free(&folded);
	}
	return 0;
}

static xdb_query *conv_node(conv *c, const qnode *q, int positive);

/* A plain word in all text (field NULL) or in the title. */
static xdb_query *
conv_word(conv *c, const qnode *q, int positive)
{
	const char *w = q->text;
	size_t n = strlen(w);
	int title = q->field && strcmp(q->field, "title") == 0;
	qlist main = {0};
	xdb_query *r, *tq = NULL;
	char plain[TOK_MAXTERM + 1];
	char **bg = NULL;
	size_t nbg = 0;

	c->group++;
	if (q->flags & QF_CJK) {
		ql_add(&main, term2(title ? "S" : "", w, n, 0));
		nbg = cjk_bigrams(w, &bg);
		if (nbg >= 2)
			ql_add(&main, bigram_phrase(title ? "S" : "", bg, nbg));
		if (positive) {
			add_pat(c, HP_WORD, 1, (char *const *)&w, 1);
			if (nbg)
				add_pat(c, HP_BIGRAM, 1, bg, nbg);
		}
		if (!title && c->o->title_weight > 0) {
			qlist t = {0};

			ql_add(&t, term2("S", w, n, 0));
			if (nbg >= 2)
				ql_add(&t, bigram_phrase("S", bg, nbg));
			tq = ql_make(&t, XQ_SYNONYM, 0);
		}
		free_strv(bg, nbg);
	} else if (q->flags & QF_EXACT) {
		ql_add(&main, term2(title ? "S" : "", w, n, 0));
		if (positive)
			add_pat(c, HP_WORD, 1, (char *const *)&w, 1);
		if (!title && c->o->title_weight > 0)
			tq = term2("S", w, n, 0);
	} else {
		size_t k;

		add_stems(c, &main, title ? "ZS" : "Z", title ? "S" : "", w, n);
		k = tok_unaccent(c->s->t, w, n, plain, sizeof plain);
		if (k)
			ql_add(&main, term2(title ? "S" : "", plain, k, 0));
		if (positive)
			add_pat(c, HP_WORD, 0, (char *const *)&w, 1);
		if (!title && c->o->title_weight > 0) {
			qlist t = {0};

			add_stems(c, &t, "ZS", "S", w, n);
			tq = ql_make(&t, XQ_SYNONYM, 0);
		}
	}
	if (c->o->synonyms && !(q->flags & QF_EXACT) && !title) {
		synctx sc = {c, &main};

		xdb_synonyms(c->s->db, w, on_synonym, &sc, NULL);
	}
	if (main.nomem)
		c->nomem = 1;
	r = ql_make(&main, XQ_SYNONYM, 0);
	if (tq) {
		xdb_query *two[2];

		two[0] = r;
		two[1] = xdb_q_scale(tq, c->o->title_weight);
		r = xdb_q_op(XQ_OR, two, 2, 0);
	}
	return r;
}

/* Words of a field value as boolean terms: A author, B source. */
static xdb_query *
conv_bool_words(conv *c, const qnode *q, const char *prefix)
{
	qlist l = {0};

	if (q->kind == Q_WORD) {
		ql_add(&l, term2(prefix, q->text, strlen(q->text), 0));
	} else {
		for (size_t i = 0; i < q->nkids; i++)
			if (q->kids[i]->kind == Q_WORD)
				ql_add(&l, term2(prefix, q->kids[i]->text,
						 strlen(q->kids[i]->text), 0));
	}
	(void)c;
	return ql_make(&l, XQ_AND, 0);
}

static xdb_query *
conv_phrase(conv *c, const qnode *q, int positive)
{
	int title = q->field && strcmp(q->field, "title") == 0;
	unsigned window = q->window > q->nkids ? q->window : (unsigned)q->nkids;
	qlist l = {0}, lt = {0};
	char *terms[64];
	size_t nt = 0;
	int allcjk = 1;
	xdb_query *r;
	buf cat = BUF_INIT;

	c->group++;
	for (size_t i = 0; i < q->nkids; i++) {
		const qnode *k = q->kids[i];

		if (k->kind != Q_WORD)
			continue;
		ql_add(&l, term2(title ? "S" : "", k->text, strlen(k->text),
				 k->pos + 1));
		if (!title && c->o->title_weight > 0)
			ql_add(&lt, term2("S", k->text, strlen(k->text),
					  k->pos + 1));
		if (nt < 64)
			terms[nt++] = k->text;
		if (!(k->flags & QF_CJK))
			allcjk = 0;
		buf_adds(&cat, k->text);
	}
	r = ql_make(&l, XQ_PHRASE, window);
	if (allcjk && nt > 1 && cat.p) {
		/* Chinese phrase: also its bigrams at consecutive positions,
		 * which holds however the text was segmented. */
		char **bg;
		size_t nbg = cjk_bigrams(cat.p, &bg);
		xdb_query *two[2];

		if (nbg >= 1) {
			two[0] = r;
			two[1] = bigram_phrase(title ? "S" : "", bg, nbg);
			r = xdb_q_op(XQ_SYNONYM, two, 2, 0);
			if (positive)
				add_pat(c, HP_BIGRAM, 1, bg, nbg);
		}
		free_strv(bg, nbg);
	}
	buf_free(&cat);
	if (positive && nt)
		add_pat(c, nt == 1 ? HP_WORD : HP_PHRASE, 1, terms, nt);
	if (lt.n) {
		xdb_query *two[2];

		two[0] = r;
		two[1] = xdb_q_scale(ql_make(&lt, XQ_PHRASE, window),
				     c->o->title_weight);
		r = xdb_q_op(XQ_OR, two, 2, 0);
	} else {
		free(lt.q);
	}
	return r;
}

static xdb_query *
conv_list(conv *c, const qnode *q, int op, int positive, size_t from)
{
	qlist l = {0};

	for (size_t i = from; i < q->nkids; i++) {
		xdb_query *k = conv_node(c, q->kids[i], positive);

		if (k)
			ql_add(&l, k);
	}
	return ql_make(&l, op, 0);
}

static xdb_query *
conv_node(conv *c, const qnode *q, int positive)
{
	const char *f = q->field;
	xdb_query *two[2];

	switch (q->kind) {
	case Q_WORD:
		if (f && strcmp(f, "author") == 0)
			return conv_bool_words(c, q, "A");
		if (f && strcmp(f, "source") == 0)
			return conv_bool_words(c, q, "B");
		return conv_word(c, q, positive);
	case Q_PHRASE:
		if (f && strcmp(f, "author") == 0)
			return conv_bool_words(c, q, "A");
		if (f && strcmp(f, "source") == 0)
			return conv_bool_words(c, q, "B");
		return conv_phrase(c, q, positive);
	case Q_NEAR: {
		qlist l = {0};
		unsigned pos = 1;

		for (size_t i = 0; i < q->nkids; i++) {
			const qnode *k = q->kids[i];
			size_t nk = k->kind == Q_WORD ? 1 : k->nkids;

			for (size_t j = 0; j < nk; j++) {
				const qnode *w = k->kind == Q_WORD ? k :
								     k->kids[j];

				if (w->kind != Q_WORD)
					continue;
				ql_add(&l, term2("", w->text, strlen(w->text),
						 pos++));
				if (positive) {
					c->group++;
					add_pat(c, HP_WORD, 0,
						(char *const *)&w->text, 1);
				}
			}
		}
		return ql_make(&l, XQ_NEAR,
			       q->window > l.n ? q->window : (unsigned)l.n);
	}
	case Q_AND:
		return conv_list(c, q, XQ_AND, positive, 0);
	case Q_OR:
		return conv_list(c, q, XQ_OR, positive, 0);
	case Q_NOT:
		if (q->nkids == 0)
			return xdb_q_none();
		two[0] = conv_node(c, q->kids[0], positive);
		two[1] = conv_list(c, q, XQ_OR, !positive, 1);
		if (!two[1])
			return two[0];
		return xdb_q_op(XQ_AND_NOT, two, 2, 0);
	case Q_MAYBE:
		if (q->nkids == 0)
			return xdb_q_none();
		two[0] = conv_node(c, q->kids[0], positive);
		two[1] = conv_list(c, q, XQ_OR, positive, 1);
		if (!two[1])
			return two[0];
		return xdb_q_op(XQ_AND_MAYBE, two, 2, 0);
	case Q_WILD: {
		int title = f && strcmp(f, "title") == 0;

		buf_reset(&c->tmp);
		buf_adds(&c->tmp, title ? "S" : "");
		buf_adds(&c->tmp, q->text);
		if (positive) {
			c->group++;
			add_pat(c, HP_PREFIX, 1, (char *const *)&q->text, 1);
		}
		return xdb_q_wildcard(c->tmp.p, c->tmp.n, c->o->max_wildcard);
	}
	case Q_FILTER:
		buf_reset(&c->tmp);
		if (f && strcmp(f, "id") == 0) {
			index_idterm(&c->tmp, q->text);
		} else if (f && strcmp(f, "lang") == 0) {
			buf_adds(&c->tmp, "L");
			buf_adds(&c->tmp, q->text);
		} else {
			buf_adds(&c->tmp, "XS");
			tok_fold(c->s->t, q->text, strlen(q->text), &c->tmp);
		}
		return c->tmp.err ? NULL : xdb_q_term(c->tmp.p, c->tmp.n, 1, 0);
	case Q_DATE: {
		char lo[11], hi[11];

		index_date_value(q->text ? q->text : "", lo);
		index_date_value(q->text2 ? q->text2 : "", hi);
		/* pad the high end: 2026 -> 2026-99-99, 2026-05 -> -99 */
		if (hi[0] && q->text2) {
			size_t n = strlen(q->text2);

			if (n < 7)
				memcpy(hi + 5, "99", 2);
			if (n < 10)
				memcpy(hi + 8, "99", 2);
		}
		return xdb_q_range(XDB_SLOT_DATE, lo[0] ? lo : NULL,
				   hi[0] ? hi : NULL);
	}
	case Q_ALL:
		return xdb_q_all();
	case Q_NONE:
		return xdb_q_none();
	}
	return xdb_q_none();
}

/* Extra filters from options (CGI facet links). */
static xdb_query *
add_filters(conv *c, xdb_query *q)
{
	const search_opts *o = c->o;
	qlist l = {0};
	xdb_query *two[2];

	if (o->f_source && *o->f_source) {
		buf_reset(&c->tmp);
		buf_adds(&c->tmp, "XS");
		tok_fold(c->s->t, o->f_source, strlen(o->f_source), &c->tmp);
		ql_add(&l, xdb_q_term(c->tmp.p, c->tmp.n, 1, 0));
	}
	if (o->f_lang && *o->f_lang) {
		buf_reset(&c->tmp);
		buf_adds(&c->tmp, "L");
		tok_fold(c->s->t, o->f_lang, strlen(o->f_lang), &c->tmp);
		ql_add(&l, xdb_q_term(c->tmp.p, c->tmp.n, 1, 0));
	}
	if ((o->f_date_lo && *o->f_date_lo) || (o->f_date_hi && *o->f_date_hi)) {
		qnode d = {0};

		d.kind = Q_DATE;
		d.text = (char *)(o->f_date_lo ? o->f_date_lo : "");
		d.text2 = (char *)(o->f_date_hi ? o->f_date_hi : "");
		ql_add(&l, conv_node(c, &d, 0));
	}
	if (l.n == 0) {
		free(l.q);
		return q;
	}
	two[0] = q;
	two[1] = ql_make(&l, XQ_AND, 0);
	return xdb_q_op(XQ_FILTER, two, 2, 0);
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
	size_t n = stems_get(sc->s->st, sc->lang, term, len, &st);

	if (!n)
		return 1;
	buf_add(out, st, n);
	return 0;
}

/* Snippet patterns for one language: stems computed with its stemmer. */
typedef struct patset {
	char lang[12];
	snip_pat *p;
	char ***stems; /* per pattern, n stems (or NULL) */
	size_t n;
} patset;

static void
patset_clear(patset *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		if (ps->stems[i]) {
			free_strv(ps->stems[i], ps->p[i].n);
		}
	free(ps->stems);
	free(ps->p);
	memset(ps, 0, sizeof *ps);
}

static int
patset_make(searcher *s, const conv *c, const char *lang, patset *ps)
{
	memset(ps, 0, sizeof *ps);
	snprintf(ps->lang, sizeof ps->lang, "%s", lang);
	ps->p = calloc(c->npats ? c->npats : 1, sizeof *ps->p);
	ps->stems = calloc(c->npats ? c->npats : 1, sizeof *ps->stems);
	if (!ps->p || !ps->stems)
		return -1;
	ps->n = c->npats;
	for (size_t i = 0; i < c->npats; i++) {
		const hpat *h = &c->pats[i];
		snip_pat *p = &ps->p[i];

		p->terms = (const char *const *)h->terms;
		p->n = h->n;
		p->weight = h->weight;
		p->prefix = h->kind == HP_PREFIX;
		p->bigram = h->kind == HP_BIGRAM;
		p->group = h->group;
		if (h->kind == HP_WORD && !h->exact) {
			char **st = calloc(h->n, sizeof *st);

			if (!st)
				return -1;
			for (size_t j = 0; j < h->n; j++) {
				const char *x;
				size_t k = stems_get(s->st, lang, h->terms[j],
						     strlen(h->terms[j]), &x);

				st[j] = k ? str_ndup(x, k) : NULL;
			}
			ps->stems[i] = st;
			p->stems = (const char *const *)st;
		}
	}
	return 0;
}

/* Weight of each pattern: idf of its first term in the index. */
static void
weigh_pats(conv *c)
{
	double N = xdb_doccount(c->s->db) + 1.0;

	for (size_t i = 0; i < c->npats; i++) {
		hpat *h = &c->pats[i];
		unsigned tf = h->n ? xdb_termfreq(c->s->db, h->terms[0],
						  strlen(h->terms[0])) :
				     0;

		h->weight = log(N / (tf + 1.0)) + 1.0;
		if (h->kind == HP_PHRASE)
			h->weight *= 1.5;
		if (h->weight < 0.1)
			h->weight = 0.1;
	}
}

static int
make_snippet(searcher *s, search_hit *h, const patset *ps, size_t chars,
	     size_t frags, char **err)
{
	snip_opts so = {chars, frags ? frags : 1};
	snip_span *spans = NULL;
	size_t nspans = 0;
	stemctx sc = {s, ps->lang};
	int rc;

	rc = snip_make(s->t, h->v.text, h->v.textlen, ps->p, ps->n, &so,
		       snip_stem, &sc, &spans, &nspans, err);
	if (rc == 0 && snip_flatten(h->v.text, spans, nspans, &h->snip) < 0)
		rc = seterr(err, -1, "out of memory");
	free(spans);
	return rc;
}

static void
conv_clear(conv *c)
{
	for (size_t i = 0; i < c->npats; i++)
		hpat_free(&c->pats[i]);
	free(c->pats);
	buf_free(&c->tmp);
	memset(c, 0, sizeof *c);
}

void
search_result_clear(search_result *res)
{
	for (size_t i = 0; i < res->nhits; i++) {
		free(res->hits[i].data);
		snip_text_clear(&res->hits[i].snip);
	}
	free(res->hits);
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

/* Runs the Xapian query and fills res's hits (no snippets yet). */
static int
execute(searcher *s, const xdb_query *xq, const search_opts *o,
	search_result *res, char **err)
{
	static const unsigned slots[3] = {XDB_SLOT_SOURCE, XDB_SLOT_YEAR,
					  XDB_SLOT_LANG};
	static const char *names[3] = {"source", "year", "lang"};
	xdb_search_opts so = {0};
	xdb_mset *m = NULL;
	int rc = XDB_ERR;

	so.offset = o->offset;
	so.limit = o->limit;
	so.k1 = o->k1;
	so.b = o->b;
	so.sort_slot = o->sort_date ? XDB_SLOT_DATE : -1;
	so.sort_reverse = o->sort_date;
	so.check_at_least = o->facets ? 1000 : 0;
	so.facet_slots = o->facets ? slots : NULL;
	so.nfacets = o->facets ? 3 : 0;

	for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
		char *e = NULL;

		rc = xdb_search(s->db, xq, &so, &m, &e);
		if (rc == XDB_OK) {
			size_t n = xdb_mset_size(m);

			res->hits = calloc(n ? n : 1, sizeof *res->hits);
			if (!res->hits) {
				rc = XDB_ENOMEM;
				break;
			}
			for (size_t i = 0; i < n && rc == XDB_OK; i++) {
				search_hit *h = &res->hits[i];

				h->rank = o->offset + (unsigned)i + 1;
				h->docid = xdb_mset_docid(m, i);
				h->score = xdb_mset_weight(m, i);
				rc = xdb_mset_data(m, i, &h->data, &h->datalen,
						   &e);
				res->nhits = i + 1;
				if (rc == XDB_OK)
					article_unpack(h->data, h->datalen,
						       &h->v);
			}
		}
		if ((rc == XDB_EMODIFIED || rc == XDB_ECORRUPT) &&
		    attempt < MAX_RETRIES) {
			/* the indexer committed under us: catch up, retry
			 * (a block recycled under a reader can also read
			 * as corrupt; a real corruption fails again) */
			free(e);
			xdb_mset_free(m);
			m = NULL;
			for (size_t i = 0; i < res->nhits; i++)
				free(res->hits[i].data);
			free(res->hits);
			res->hits = NULL;
			res->nhits = 0;
			xdb_reopen(s->db, NULL);
			load_langs(s);
			continue;
		}
		if (rc != XDB_OK) {
			seterr(err, rc, "%s", e ? e : "search failed");
			free(e);
		}
		break;
	}
	if (rc == XDB_OK) {
		res->estimate = xdb_mset_estimate(m, &res->lower, &res->upper);
		for (size_t k = 0; k < so.nfacets; k++) {
			res->facets[k].name = names[k];
			xdb_mset_facets(m, k, on_facet, &res->facets[k]);
		}
		res->nfacets = so.nfacets;
	}
	xdb_mset_free(m);
	return rc;
}

/* Builds the Xapian query for a parsed query (with filters). */
static xdb_query *
build(conv *c, const qnode *q)
{
	xdb_query *xq = conv_node(c, q, 1);

	if (!xq)
		return NULL;
	return add_filters(c, xq);
}

static int
snippets(searcher *s, conv *c, const search_opts *o, search_result *res,
	 char **err)
{
	patset sets[4];
	size_t nsets = 0;
	int rc = 0;

	weigh_pats(c);
	for (size_t i = 0; i < res->nhits && rc == 0; i++) {
		search_hit *h = &res->hits[i];
		const char *lang = h->v.lang && *h->v.lang ? h->v.lang : "en";
		patset *ps = NULL;

		for (size_t k = 0; k < nsets; k++)
			if (strcmp(sets[k].lang, lang) == 0)
				ps = &sets[k];
		if (!ps) {
			if (nsets == 4) {
				patset_clear(&sets[3]);
				nsets = 3;
			}
			ps = &sets[nsets++];
			if (patset_make(s, c, lang, ps) < 0) {
				rc = seterr(err, XDB_ENOMEM, "out of memory");
				break;
			}
		}
		rc = make_snippet(s, h, ps, o->snip_chars, o->snip_frags, err);
	}
	for (size_t k = 0; k < nsets; k++)
		patset_clear(&sets[k]);
	return rc;
}

int
search_run(searcher *s, const char *q, size_t n, const search_opts *o,
	   search_result *res, char **err)
{
	query_opts qo = QUERY_OPTS_DEFAULT;
	qnode *tree = NULL;
	conv c = {0};
	xdb_query *xq = NULL;
	double t0 = now_seconds();
	int rc;

	memset(res, 0, sizeof *res);
	qo.default_op = o->default_op;
	rc = query_parse(s->t, q, n, &qo, &tree, &res->warning, err);
	if (rc != 0)
		return XDB_ERR;
	res->canon = query_canon(tree);
	c.s = s;
	c.o = o;
	xq = build(&c, tree);
	if (!xq || c.nomem) {
		rc = seterr(err, XDB_ENOMEM, "out of memory");
		goto out;
	}
	res->xapian = xdb_q_describe(xq);
	rc = execute(s, xq, o, res, err);
	if (rc == XDB_OK && o->snippets)
		rc = snippets(s, &c, o, res, err);
out:
	res->seconds = now_seconds() - t0;
	xdb_q_free(xq);
	conv_clear(&c);
	query_free(tree);
	return rc;
}

int
search_doc(searcher *s, const char *id, const char *q, size_t n,
	   const search_opts *o, search_result *res, char **err)
{
	query_opts qo = QUERY_OPTS_DEFAULT;
	qnode *tree = NULL;
	conv c = {0};
	buf idt = BUF_INIT;
	search_hit *h;
	unsigned docid = 0;
	int rc;

	memset(res, 0, sizeof *res);
	index_idterm(&idt, id);
	res->hits = calloc(1, sizeof *res->hits);
	if (idt.err || !res->hits) {
		buf_free(&idt);
		return seterr(err, XDB_ENOMEM, "out of memory");
	}
	h = &res->hits[0];
	rc = xdb_get(s->db, idt.p, idt.n, &h->data, &h->datalen, &docid, err);
	buf_free(&idt);
	if (rc != XDB_OK)
		return rc;
	res->nhits = 1;
	h->rank = 1;
	h->docid = docid;
	article_unpack(h->data, h->datalen, &h->v);
	res->estimate = res->lower = res->upper = 1;
	if (query_parse(s->t, q, n, &qo, &tree, &res->warning, err) != 0)
		return XDB_ERR;
	c.s = s;
	c.o = o;
	xdb_q_free(conv_node(&c, tree, 1));
	rc = c.nomem ? seterr(err, XDB_ENOMEM, "out of memory") : XDB_OK;
	if (rc == XDB_OK) {
		search_opts whole = *o;

		whole.snip_chars = 0;
		rc = snippets(s, &c, &whole, res, err);
	}
	conv_clear(&c);
	query_free(tree);
	return rc;
}
