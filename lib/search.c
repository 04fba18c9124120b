#include "search.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "index.h" /* index_date_value */
#include "schema.h"
#include "stem.h"
#include "tok.h"
#include "xdb.h"

#define MAX_LANGS 16
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
};

struct searcher {
	xdb *db;
	char *path; /* to open the index afresh */
	tok *t;
	stems *st;
	snip_ctx *sc; /* reused across snippets */
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
	int ranges; /* the query has a date range */
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
	xdb_allterms(s->db, SCHEMA_LANG, strlen(SCHEMA_LANG), add_lang, s, NULL);
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
		if (rc == XDB_OK)
			return rc;
		if (i == OPEN_TRIES ||
		    (rc != XDB_EMODIFIED && rc != XDB_ECORRUPT)) {
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
		return seterr(err, XDB_ENOMEM, "out of memory");
	rc = open_retry(path, &s->db, err);
	if (rc != XDB_OK) {
		free(s);
		return rc;
	}
	s->path = str_dup(path);
	s->t = tok_new(err);
	s->st = stems_new(1024);
	s->sc = snip_ctx_new();
	if (!s->path || !s->t || !s->st || !s->sc) {
		search_close(s);
		return seterr(err, XDB_ENOMEM, "out of memory");
	}
	load_langs(s);
	*out = s;
	return XDB_OK;
}

int
search_reopen(searcher *s, char **err)
{
	int rc = xdb_reopen(s->db, err);

	if (rc == XDB_OK)
		load_langs(s);
	return rc;
}

void
search_close(searcher *s)
{
	if (!s)
		return;
	xdb_close(s->db);
	free(s->path);
	tok_free(s->t);
	stems_free(s->st);
	snip_ctx_free(s->sc);
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
	int found;
} synctx;

typedef struct synword {
	char term[TOK_MAXTERM + 1];
	unsigned pos, width;
	int cjk;
} synword;

typedef struct synwords {
	synword w[16];
	size_t n;
} synwords;

static int
on_synonym_token(void *ctx, const tok_token *t)
{
	synwords *sw = ctx;
	synword *w;

	if ((t->flags & TOK_F_BIGRAM) || sw->n == 16)
		return 0;
	w = &sw->w[sw->n++];
	memcpy(w->term, t->term, t->len + 1);
	w->pos = t->pos;
	w->cjk = (t->flags & TOK_F_CJK) != 0;
	w->width = w->cjk ? t->nchars : 1;
	return 0;
}

static int
all_cjk(const synwords *sw)
{
	for (size_t i = 0; i < sw->n; i++)
		if (!sw->w[i].cjk)
			return 0;
	return 1;
}

/* One synonym (a word or several, as stored): added to the word's
 * alternatives, and highlighted as part of the same group. */
static int
on_synonym(void *ctx, const char *syn, size_t len)
{
	synctx *sc = ctx;
	conv *c = sc->c;
	synwords sw;
	char *terms[16];

	sw.n = 0;
	sc->found = 1;
	tok_run(c->s->t, syn, len, 0, 0, on_synonym_token, &sw, NULL);
	if (sw.n == 0)
		return 0;
	for (size_t i = 0; i < sw.n; i++)
		terms[i] = sw.w[i].term;
	if (sw.n == 1 && !sw.w[0].cjk) {
		qlist one = {0};

		add_stems(c, &one, SCHEMA_STEM, "", sw.w[0].term, strlen(sw.w[0].term));
		ql_add(sc->l, ql_make(&one, XQ_SYNONYM, 0));
		add_pat(c, HP_WORD, 0, terms, 1);
	} else if (sw.n == 1) {
		ql_add(sc->l, term2("", sw.w[0].term, strlen(sw.w[0].term), 0));
		add_pat(c, HP_WORD, 1, terms, 1);
	} else if (all_cjk(&sw)) {
		/* Chinese: the characters in sequence, however a text
		 * happens to be segmented */
		buf cat = BUF_INIT;
		char **bg;
		size_t nbg;

		for (size_t i = 0; i < sw.n; i++)
			buf_adds(&cat, sw.w[i].term);
		nbg = cat.p ? cjk_bigrams(cat.p, &bg) : 0;
		if (nbg) {
			ql_add(sc->l, bigram_phrase("", bg, nbg));
			add_pat(c, HP_BIGRAM, 1, bg, nbg);
			free_strv(bg, nbg);
		}
		buf_free(&cat);
	} else {
		qlist words = {0};
		const synword *last = &sw.w[sw.n - 1];

		for (size_t i = 0; i < sw.n; i++)
			ql_add(&words, term2("", sw.w[i].term,
					     strlen(sw.w[i].term),
					     sw.w[i].pos + 1));
		ql_add(sc->l, ql_make(&words, XQ_PHRASE,
				      last->pos + last->width - sw.w[0].pos));
		add_pat(c, HP_PHRASE, 1, terms, sw.n);
	}
	return 0;
}

/* Adds the synonyms of key (a word or words joined by spaces) to l; for a
 * word without an entry, tries its stems (chips -> chip).  The group of
 * the highlight patterns is the current one. */
static void
add_synonyms(conv *c, qlist *l, const char *key, int try_stems)
{
	synctx sc = {c, l, 0};

	xdb_synonyms(c->s->db, key, on_synonym, &sc, NULL);
	for (size_t i = 0; try_stems && !sc.found && i < c->s->nlangs; i++) {
		const char *st;
		size_t k = stems_get(c->s->st, c->s->langs[i], key, strlen(key),
				     &st);
		char stem[TOK_MAXTERM + 8];

		if (!k || k >= sizeof stem || (strlen(key) == k &&
					       memcmp(key, st, k) == 0))
			continue;
		memcpy(stem, st, k);
		stem[k] = '\0';
		xdb_synonyms(c->s->db, stem, on_synonym, &sc, NULL);
	}
}

static xdb_query *conv_node(conv *c, const qnode *q, int positive);

/* A plain word in all text (field NULL) or in the title. */
static xdb_query *
conv_word(conv *c, const qnode *q, int positive)
{
	const char *w = q->text;
	size_t n = strlen(w);
	int title = q->field && strcmp(q->field, "title") == 0;
	qlist main = {0}, accentless = {0};
	xdb_query *r, *tq = NULL, *exact = NULL;
	char plain[TOK_MAXTERM + 1];
	char **bg = NULL;
	size_t nbg = 0, k;

	c->group++;
	if (q->flags & QF_CJK) {
		ql_add(&main, term2(title ? SCHEMA_TITLE : "", w, n, 0));
		nbg = cjk_bigrams(w, &bg);
		if (nbg >= 2)
			ql_add(&main, bigram_phrase(title ? SCHEMA_TITLE : "", bg, nbg));
		if (!title) /* title occurrences count twice, as above */
			ql_add(&main, term2(SCHEMA_TITLE, w, n, 0));
		if (positive) {
			add_pat(c, HP_WORD, 1, (char *const *)&w, 1);
			if (nbg)
				add_pat(c, HP_BIGRAM, 1, bg, nbg);
		}
		if (!title && c->o->title_weight > 0) {
			qlist t = {0};

			ql_add(&t, term2(SCHEMA_TITLE, w, n, 0));
			if (nbg >= 2)
				ql_add(&t, bigram_phrase(SCHEMA_TITLE, bg, nbg));
			tq = ql_make(&t, XQ_SYNONYM, 0);
		}
		free_strv(bg, nbg);
	} else if (q->flags & QF_EXACT) {
		ql_add(&main, term2(title ? SCHEMA_TITLE : "", w, n, 0));
		if (!title) /* title occurrences count twice, as below */
			ql_add(&main, term2(SCHEMA_TITLE, w, n, 0));
		if (positive)
			add_pat(c, HP_WORD, 1, (char *const *)&w, 1);
		if (!title && c->o->title_weight > 0)
			tq = term2(SCHEMA_TITLE, w, n, 0);
	} else {
		add_stems(c, &main, title ? SCHEMA_TITLE_STEM : SCHEMA_STEM, title ? SCHEMA_TITLE : "", w, n);
		/* a title occurrence counts twice: Z holds title words too,
		 * ZS once more (a one-field BM25F; see README) */
		if (!title)
			add_stems(c, &main, SCHEMA_TITLE_STEM, SCHEMA_TITLE, w, n);
		k = tok_unaccent(c->s->t, w, n, plain, sizeof plain);
		if (k) {
			/* Zürich also finds Zurich, a little lower */
			qlist un = {0};

			plain[k] = '\0';
			add_stems(c, &un, title ? SCHEMA_TITLE_STEM : SCHEMA_STEM, title ? SCHEMA_TITLE : "",
				  plain, k);
			ql_add(&accentless, ql_make(&un, XQ_SYNONYM, 0));
			/* and the form as written ranks first (some stemmers,
			 * German's among them, fold accents themselves) */
			exact = term2(title ? SCHEMA_TITLE : "", w, n, 0);
		}
		if (positive)
			add_pat(c, HP_WORD, 0, (char *const *)&w, 1);
		if (!title && c->o->title_weight > 0) {
			qlist t = {0};

			add_stems(c, &t, SCHEMA_TITLE_STEM, SCHEMA_TITLE, w, n);
			tq = ql_make(&t, XQ_SYNONYM, 0);
		}
	}
	if (c->o->synonyms && !(q->flags & QF_EXACT) && !title)
		add_synonyms(c, &main, w, !(q->flags & QF_CJK));
	if (main.nomem)
		c->nomem = 1;
	r = ql_make(&main, XQ_SYNONYM, 0);
	if (accentless.n) {
		xdb_query *three[3];

		three[0] = r;
		three[1] = xdb_q_scale(ql_make(&accentless, XQ_SYNONYM, 0), 0.8);
		three[2] = xdb_q_scale(exact, 0.3);
		r = xdb_q_op(XQ_OR, three, 3, 0);
	}
	if (c->o->trunc_weight > 0 && !(q->flags & (QF_CJK | QF_EXACT)) &&
	    !title && (k = schema_trunc_len(w, n)) != 0) {
		xdb_query *two[2];

		two[0] = r;
		two[1] = xdb_q_scale(term2(SCHEMA_TRUNC, w, k, 0), c->o->trunc_weight);
		r = xdb_q_op(XQ_OR, two, 2, 0);
	}
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
		ql_add(&l, term2(title ? SCHEMA_TITLE : "", k->text, strlen(k->text),
				 k->pos + 1));
		if (!title && c->o->title_weight > 0)
			ql_add(&lt, term2(SCHEMA_TITLE, k->text, strlen(k->text),
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
			two[1] = bigram_phrase(title ? SCHEMA_TITLE : "", bg, nbg);
			r = xdb_q_op(XQ_SYNONYM, two, 2, 0);
			if (positive)
				add_pat(c, HP_BIGRAM, 1, bg, nbg);
		}
		free_strv(bg, nbg);
	}
	if (positive && nt)
		add_pat(c, nt == 1 ? HP_WORD : HP_PHRASE, 1, terms, nt);
	if (c->o->synonyms && !title && positive && nt > 1 &&
	    !(q->kids[0]->flags & QF_EXACT)) {
		/* a phrase that is a synonym key: "artificial intelligence" */
		qlist alt = {0};
		buf key = BUF_INIT;

		for (size_t i = 0; i < nt; i++) {
			if (i)
				buf_addc(&key, ' ');
			buf_adds(&key, terms[i]);
		}
		ql_add(&alt, r);
		if (key.p)
			add_synonyms(c, &alt, key.p, 0);
		r = ql_make(&alt, XQ_SYNONYM, 0);
		buf_free(&key);
	}
	buf_free(&cat);
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

static int is_stopword(const qnode *k);

static xdb_query *
conv_list(conv *c, const qnode *q, int op, int positive, size_t from)
{
	qlist l = {0};
	int drop = 0;

	/* OR-ed words: stop-words add noise, unless they are all there is */
	if (op == XQ_OR && c->o->stopwords)
		for (size_t i = from; i < q->nkids && !drop; i++)
			drop = !is_stopword(q->kids[i]);
	for (size_t i = from; i < q->nkids; i++) {
		xdb_query *k;

		if (drop && is_stopword(q->kids[i]))
			continue;
		k = conv_node(c, q->kids[i], positive);

		if (k)
			ql_add(&l, k);
	}
	return ql_make(&l, op, 0);
}

/* Lucene's English stop-word list (what the published BM25 baselines
 * drop), sorted for bsearch. */
static const char *const stopwords[] = {
	"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if",
	"in", "into", "is", "it", "no", "not", "of", "on", "or", "such",
	"that", "the", "their", "then", "there", "these", "they", "this", "to",
	"was", "will", "with",
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
is_stopword(const qnode *k)
{
	const char *key = k->text;

	return k->kind == Q_WORD && !k->field && !(k->flags & QF_EXACT) &&
	       bsearch(&key, stopwords, sizeof stopwords / sizeof *stopwords,
		       sizeof *stopwords, cmp_str) != NULL;
}

static int
plain_word(const qnode *k)
{
	return k->kind == Q_WORD && !k->field && !(k->flags & QF_CJK);
}

/* OR of the words, plus for each two adjacent plain words a bonus when they
 * stand as a phrase, and a smaller one when they stand within 8 words of
 * each other (a sequential dependence model over Xapian's positions). */
static xdb_query *
conv_or_proximity(conv *c, const qnode *q)
{
	qlist l = {0};
	double w = c->o->proximity;

	for (size_t i = 0; i < q->nkids; i++) {
		xdb_query *k = conv_node(c, q->kids[i], 1);

		if (k)
			ql_add(&l, k);
	}
	for (size_t i = 0; i + 1 < q->nkids && i < 32; i++) {
		const qnode *a = q->kids[i], *b = q->kids[i + 1];
		xdb_query *two[2], *pair[2];

		if (!plain_word(a) || !plain_word(b))
			continue;
		two[0] = term2("", a->text, strlen(a->text), 1);
		two[1] = term2("", b->text, strlen(b->text), 2);
		ql_add(&l, xdb_q_scale(xdb_q_op(XQ_PHRASE, two, 2, 2), w));
		pair[0] = term2("", a->text, strlen(a->text), 1);
		pair[1] = term2("", b->text, strlen(b->text), 2);
		ql_add(&l, xdb_q_scale(xdb_q_op(XQ_NEAR, pair, 2, 8), w / 2));
	}
	if (l.nomem)
		c->nomem = 1;
	return ql_make(&l, XQ_OR, 0);
}

/* 1 for the words of a run of text with Chinese or Japanese in it, which
 * the tokenizer split (QF_RUN: 人工智能 -> 人工 智能, AI监管 -> ai 监管),
 * in all text and not exact. */
static int
cjk_group(const qnode *q)
{
	if (!(q->flags & QF_RUN) || q->nkids < 2)
		return 0;
	for (size_t i = 0; i < q->nkids; i++)
		if (q->kids[i]->kind != Q_WORD || q->kids[i]->field ||
		    (q->kids[i]->flags & QF_EXACT))
			return 0;
	return 1;
}

/* A run of CJK words (cjk_group): each word, or each longest run of up to
 * CJK_SYN_WORDS of them that is a synonym key (人工 智能: 人工智能 =
 * artificial intelligence), taken as a unit: that run's AND or any of its
 * synonyms.  Every unit must match; where the words stand together as
 * typed, their phrase adds CJK_ADJ_WEIGHT times its weight. */
#define CJK_ADJ_WEIGHT 0.6 /* 0.6-1.5 measure alike, 0.3 lower (zh-known-item) */
#define CJK_SYN_WORDS 4

static int
count_synonym(void *ctx, const char *syn, size_t len)
{
	(void)syn;
	(void)len;
	++*(int *)ctx;
	return 1; /* one is enough */
}

/* The words q->kids[i..e) joined by spaces (a synonym key) into key. */
static void
words_key(buf *key, const qnode *q, size_t i, size_t e)
{
	buf_reset(key);
	for (size_t k = i; k < e; k++) {
		if (k > i)
			buf_addc(key, ' ');
		buf_adds(key, q->kids[k]->text);
	}
}

static xdb_query *
conv_cjk_group(conv *c, const qnode *q)
{
	qlist all = {0}, alt;
	buf key = BUF_INIT;
	qnode ph = *q, sub = *q;
	xdb_query *two[2];
	size_t i = 0, e;
	int n;

	while (i < q->nkids) {
		/* the longest run from i that has synonyms (its key stays in
		 * key), else e = i + 1: the word alone */
		e = i + 1;
		if (c->o->synonyms)
			for (e = i + CJK_SYN_WORDS < q->nkids ?
					 i + CJK_SYN_WORDS :
					 q->nkids;
			     e > i + 1; e--) {
				n = 0;
				words_key(&key, q, i, e);
				if (key.p &&
				    xdb_synonyms(c->s->db, key.p, count_synonym,
						 &n, NULL) == XDB_OK &&
				    n)
					break;
			}
		if (e == i + 1) {
			ql_add(&all, conv_node(c, q->kids[i], 1));
			i++;
			continue;
		}
		/* the words first, then their synonyms: the synonyms are
		 * highlighted in the words' group */
		memset(&alt, 0, sizeof alt);
		sub.kids = q->kids + i;
		sub.nkids = e - i;
		ql_add(&alt, conv_list(c, &sub, XQ_AND, 1, 0));
		add_synonyms(c, &alt, key.p, 0);
		if (alt.nomem)
			c->nomem = 1;
		ql_add(&all, ql_make(&alt, XQ_SYNONYM, 0));
		i = e;
	}
	buf_free(&key);
	if (all.nomem)
		c->nomem = 1;
	if (!(two[0] = ql_make(&all, XQ_AND, 0)))
		return NULL;
	ph.kind = Q_PHRASE; /* q->window: the positions the run spans */
	two[1] = xdb_q_scale(conv_phrase(c, &ph, 0), CJK_ADJ_WEIGHT);
	return xdb_q_op(XQ_AND_MAYBE, two, 2, 0);
}

static xdb_query *
conv_node(conv *c, const qnode *q, int positive)
{
	const char *f = q->field;
	xdb_query *two[2];

	switch (q->kind) {
	case Q_WORD:
		if (f && strcmp(f, "author") == 0)
			return conv_bool_words(c, q, SCHEMA_AUTHOR);
		if (f && strcmp(f, "source") == 0)
			return conv_bool_words(c, q, SCHEMA_SOURCE_WORD);
		return conv_word(c, q, positive);
	case Q_PHRASE:
		if (f && strcmp(f, "author") == 0)
			return conv_bool_words(c, q, SCHEMA_AUTHOR);
		if (f && strcmp(f, "source") == 0)
			return conv_bool_words(c, q, SCHEMA_SOURCE_WORD);
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
		if (positive && cjk_group(q))
			return conv_cjk_group(c, q);
		return conv_list(c, q, XQ_AND, positive, 0);
	case Q_OR:
		if (positive && c->o->proximity > 0)
			return conv_or_proximity(c, q);
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
		buf_adds(&c->tmp, title ? SCHEMA_TITLE : "");
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
			schema_idterm(&c->tmp, q->text);
		} else if (f && strcmp(f, "lang") == 0) {
			buf_adds(&c->tmp, SCHEMA_LANG);
			buf_adds(&c->tmp, q->text);
		} else {
			buf_adds(&c->tmp, SCHEMA_SOURCE);
			tok_fold(c->s->t, q->text, strlen(q->text), &c->tmp);
		}
		return c->tmp.err ? NULL : xdb_q_term(c->tmp.p, c->tmp.n, 1, 0);
	case Q_DATE: {
		char lo[11], hi[11];

		c->ranges = 1;
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
		return xdb_q_range(SCHEMA_SLOT_DATE, lo[0] ? lo : NULL,
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
		buf_adds(&c->tmp, SCHEMA_SOURCE);
		tok_fold(c->s->t, o->f_source, strlen(o->f_source), &c->tmp);
		ql_add(&l, xdb_q_term(c->tmp.p, c->tmp.n, 1, 0));
	}
	if (o->f_lang && *o->f_lang) {
		buf_reset(&c->tmp);
		buf_adds(&c->tmp, SCHEMA_LANG);
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

	rc = snip_make_ctx(s->sc, s->t, h->v.text, h->v.textlen, ps->p, ps->n,
			   &so, snip_stem, &sc, &spans, &nspans, err);
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

/* 1 if a failed read may pass on a newer revision.  A reader whose
 * revision the indexer has recycled gets DatabaseModifiedError, but also,
 * depending on which block it was reading, a "corrupt" block or a
 * DatabaseError such as "EOF reading block N" (t5100-concurrency.sh meets
 * all three); a real corruption or I/O error fails again after the
 * retries. */
static int
retryable(int rc)
{
	return rc == XDB_EMODIFIED || rc == XDB_ECORRUPT || rc == XDB_ERR ||
	       rc == XDB_EIO;
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
	if (xdb_reopen(s->db, NULL) != XDB_OK &&
	    open_retry(s->path, &db, NULL) == XDB_OK) {
		xdb_close(s->db);
		s->db = db;
	}
	load_langs(s);
}

/* Matches Xapian counts exactly before it estimates (check_at_least)
 * when facets need counting, or when the query has a date range: Xapian
 * 1.4 cannot estimate a value range, and guessed "about 3" for a filter
 * that 458 of AGORA's documents pass. */
#define EXACT_COUNT 1000

/* Runs the Xapian query and fills res's hits (no snippets yet). */
static int
execute(searcher *s, const xdb_query *xq, const search_opts *o, int ranges,
	search_result *res, char **err)
{
	static const unsigned slots[3] = {SCHEMA_SLOT_SOURCE, SCHEMA_SLOT_YEAR,
					  SCHEMA_SLOT_LANG};
	static const char *names[3] = {"source", "year", "lang"};
	xdb_search_opts so = {0};
	xdb_mset *m = NULL;
	int rc = XDB_ERR;

	so.offset = o->offset;
	so.limit = o->limit;
	so.k1 = o->k1;
	so.b = o->b;
	so.sort_slot = o->sort_date ? SCHEMA_SLOT_DATE : -1;
	so.sort_reverse = o->sort_date;
	so.check_at_least = o->facets || ranges ? EXACT_COUNT : 0;
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
				/* the text only when a snippet needs it */
				rc = o->snippets ?
					     XDB_OK :
					     xdb_mset_value(m, i, SCHEMA_SLOT_META,
							    &h->data,
							    &h->datalen, &e);
				if (rc == XDB_OK && !h->datalen) {
					free(h->data);
					h->data = NULL;
					rc = xdb_mset_data(m, i, &h->data,
							   &h->datalen, &e);
				}
				res->nhits = i + 1;
				if (rc == XDB_OK)
					article_unpack(h->data, h->datalen,
						       &h->v);
			}
		}
		if (retryable(rc) && attempt < MAX_RETRIES) {
			/* the indexer committed under us: catch up, retry */
			free(e);
			xdb_mset_free(m);
			m = NULL;
			for (size_t i = 0; i < res->nhits; i++)
				free(res->hits[i].data);
			free(res->hits);
			res->hits = NULL;
			res->nhits = 0;
			catch_up(s, attempt);
			continue;
		}
		if (rc == XDB_EQUERY)
			seterr(err, rc, "a wildcard matches more than %u words: "
			       "make its prefix longer", o->max_wildcard);
		else if (rc != XDB_OK)
			seterr(err, rc, "%s", e ? e : "search failed");
		free(e);
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

/* Auto title weight: queries of at most this many words get this one. */
#define SHORT_QUERY_WORDS 4
#define SHORT_TITLE_WEIGHT 0.5

/* Words of the query that count for ranking (not excluded ones). */
static unsigned
count_words(const qnode *q)
{
	unsigned n = q->kind == Q_WORD;

	for (size_t i = 0; i < q->nkids && (q->kind != Q_NOT || i == 0); i++)
		n += count_words(q->kids[i]);
	return n;
}

/* ---- did you mean ---- */

typedef struct fix {
	size_t start, end;
	char *word;
} fix;

typedef struct fixes {
	fix v[32];
	size_t n;
	searcher *s;
	int all; /* try every word, not only those the index lacks */
} fixes;

/* Collects corrections for the positive words of the tree. */
static void
collect_fixes(fixes *f, const qnode *q)
{
	if (q->kind == Q_WORD) {
		char *sug = NULL;
		size_t len = strlen(q->text);

		if (f->n == 32 || (q->flags & (QF_CJK | QF_EXACT)) || len < 3 ||
		    q->qend <= q->qstart)
			return;
		if (!f->all && xdb_termfreq(f->s->db, q->text, len) > 0)
			return;
		if (xdb_spell(f->s->db, q->text, len, &sug, NULL) == XDB_OK &&
		    sug && *sug && strcmp(sug, q->text) != 0) {
			f->v[f->n].start = q->qstart;
			f->v[f->n].end = q->qend;
			f->v[f->n].word = sug;
			f->n++;
			return;
		}
		free(sug);
		return;
	}
	/* the excluded side of a NOT is not corrected */
	for (size_t i = 0; i < q->nkids && (q->kind != Q_NOT || i == 0); i++)
		collect_fixes(f, q->kids[i]);
}

static int
by_start(const void *a, const void *b)
{
	const fix *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* The query string with each fixed word replaced (NULL if none). */
static char *
rewrite(const char *q, size_t n, fixes *f)
{
	buf b = BUF_INIT;
	size_t at = 0;

	if (f->n == 0)
		return NULL;
	qsort(f->v, f->n, sizeof *f->v, by_start);
	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].start < at || f->v[i].end > n)
			continue;
		buf_add(&b, q + at, f->v[i].start - at);
		buf_adds(&b, f->v[i].word);
		at = f->v[i].end;
	}
	buf_add(&b, q + at, n - at);
	return buf_steal(&b);
}

/* Offers a corrected query when it finds more than q; searches it instead
 * when q found nothing. */
static void
suggest(searcher *s, const qnode *tree, const char *q, size_t n,
	const search_opts *o, search_result *res)
{
	fixes f;
	search_opts co = *o;
	search_result cr;
	char *corrected;

	memset(&f, 0, sizeof f);
	f.s = s;
	f.all = res->estimate == 0;
	collect_fixes(&f, tree);
	corrected = rewrite(q, n, &f);
	for (size_t i = 0; i < f.n; i++)
		free(f.v[i].word);
	if (!corrected)
		return;
	co.spell = 0;
	co.snippets = 0;
	co.facets = 0;
	co.offset = 0;
	co.limit = 0;
	if (search_run(s, corrected, strlen(corrected), &co, &cr, NULL) !=
		    XDB_OK ||
	    cr.estimate <= res->estimate) {
		search_result_clear(&cr);
		free(corrected);
		return;
	}
	if (res->estimate == 0) {
		search_result full;

		co = *o;
		co.spell = 0;
		if (search_run(s, corrected, strlen(corrected), &co, &full,
			       NULL) == XDB_OK) {
			search_result_clear(res);
			*res = full;
			res->corrected = 1;
		} else {
			search_result_clear(&full);
		}
	}
	res->suggestion = corrected;
	res->suggestion_total = cr.estimate;
	search_result_clear(&cr);
}

int
search_run(searcher *s, const char *q, size_t n, const search_opts *o,
	   search_result *res, char **err)
{
	query_opts qo = QUERY_OPTS_DEFAULT;
	qnode *tree = NULL;
	conv c = {0};
	xdb_query *xq = NULL;
	search_opts ao;
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
	if (o->title_weight < 0) {
		/* auto: a short query is often a title (known-item, news
		 * searches), a long one a description whose words in a title
		 * mean little (SciFact claims): measured both ways */
		ao = *o;
		ao.title_weight = count_words(tree) <= SHORT_QUERY_WORDS ?
					  SHORT_TITLE_WEIGHT :
					  0;
		c.o = &ao;
	}
	xq = build(&c, tree);
	if (!xq || c.nomem) {
		rc = seterr(err, XDB_ENOMEM, "out of memory");
		goto out;
	}
	res->xapian = xdb_q_describe(xq);
	rc = execute(s, xq, o, c.ranges, res, err);
	if (rc == XDB_OK && o->snippets)
		rc = snippets(s, &c, o, res, err);
	if (rc == XDB_OK && o->spell)
		suggest(s, tree, q, n, o, res);
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
	schema_idterm(&idt, id);
	res->hits = calloc(1, sizeof *res->hits);
	if (idt.err || !res->hits) {
		buf_free(&idt);
		return seterr(err, XDB_ENOMEM, "out of memory");
	}
	h = &res->hits[0];
	for (int attempt = 0;; attempt++) {
		char *e = NULL;

		rc = xdb_get(s->db, idt.p, idt.n, &h->data, &h->datalen,
			     &docid, &e);
		if (rc == XDB_OK || !retryable(rc) || attempt == MAX_RETRIES) {
			if (rc != XDB_OK)
				seterr(err, rc, "%s",
				       e ? e : "cannot read the document");
			free(e);
			break;
		}
		free(e); /* the indexer committed under us, as in execute() */
		catch_up(s, attempt);
	}
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
