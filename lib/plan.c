#include "plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "initials.h"
#include "schema.h"

typedef struct conv {
	const plan_index *ix;
	const plan_opts *o;
	hl_list *hl;
	int nomem;
	unsigned nwords; /* words of the query that count (count_words) */
	struct qlist *known;	 /* NULL, or where the known-item evidence goes
			    (plan_build_known) */
	buf tmp;
} conv;

static int
add_lang(void *ctx, const char *term, size_t len, unsigned tf)
{
	plan_index *ix = ctx;

	(void)tf;
	if (ix->nlangs < PLAN_MAX_LANGS && len > 1 &&
	    len - 1 < sizeof ix->langs[0]) {
		memcpy(ix->langs[ix->nlangs], term + 1, len - 1);
		ix->langs[ix->nlangs][len - 1] = '\0';
		ix->nlangs++;
	}
	return 0;
}

void
plan_load_langs(plan_index *ix)
{
	ix->nlangs = 0;
	xdb_allterms(ix->db, SCHEMA_LANG, strlen(SCHEMA_LANG), add_lang, ix,
		     NULL);
	if (ix->nlangs == 0) {
		strcpy(ix->langs[0], "en");
		ix->nlangs = 1;
	}
}

void
plan_load_fields(plan_index *ix)
{
	char *v = NULL;
	size_t n = 0;

	fields_clear(&ix->fl);
	if (xdb_get_meta(ix->db, FIELDS_META_KEY, &v, &n, NULL) == ST_OK)
		fields_parse(&ix->fl, v, n, 0, NULL);
	free(v);
}

/* ---- building the Xapian query ---- */

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

/* 1 if w[0..n) could be an acronym's term: two or more ASCII letters. */
static int
acronym_form(const char *w, size_t n)
{
	if (n < 2)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(w[i] >= 'a' && w[i] <= 'z'))
			return 0;
	return 1;
}

/* Adds to l the stem terms prefix+stem of w in each language of the index
 * (distinct ones); if no language stems w, the plain term pprefix+w.  For
 * stems (Z, ZS), also the acronym of the same form (XA+pprefix+w: chip
 * finds CHIP, chips does not; schema.h) when the index has it. */
static void
add_stems(conv *c, qlist *l, const char *prefix, const char *pprefix,
	  const char *w, size_t n)
{
	const char *seen[PLAN_MAX_LANGS];
	size_t nseen = 0;

	if (prefix[0] == SCHEMA_STEM[0] && acronym_form(w, n)) {
		/* only if the index has that acronym: most words never are */
		unsigned df = 0;

		buf_reset(&c->tmp);
		buf_adds(&c->tmp, SCHEMA_ACRONYM);
		buf_adds(&c->tmp, pprefix);
		buf_add(&c->tmp, w, n);
		if (!c->tmp.err &&
		    xdb_termfreq(c->ix->db, c->tmp.p, c->tmp.n, &df, NULL) ==
			    ST_OK &&
		    df > 0)
			ql_add(l, xdb_q_term(c->tmp.p, c->tmp.n, 1, 0));
	}

	for (size_t i = 0; i < c->ix->nlangs; i++) {
		const char *st;
		size_t k = stems_get(c->ix->st, c->ix->langs[i], w, n, &st), j;
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
	tok_run(c->ix->t, syn, len, 0, 0, on_synonym_token, &sw, NULL);
	if (sw.n == 0)
		return 0;
	for (size_t i = 0; i < sw.n; i++)
		terms[i] = sw.w[i].term;
	if (sw.n == 1 && !sw.w[0].cjk) {
		qlist one = {0};

		add_stems(c, &one, SCHEMA_STEM, "", sw.w[0].term, strlen(sw.w[0].term));
		ql_add(sc->l, ql_make(&one, XQ_SYNONYM, 0));
		hl_add(c->hl, HL_WORD, 0, terms, 1);
	} else if (sw.n == 1) {
		ql_add(sc->l, term2("", sw.w[0].term, strlen(sw.w[0].term), 0));
		hl_add(c->hl, HL_WORD, 1, terms, 1);
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
			hl_add(c->hl, HL_BIGRAM, 1, bg, nbg);
			strv_free(bg, nbg);
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
		hl_add(c->hl, HL_PHRASE, 1, terms, sw.n);
	}
	return 0;
}

/* xdb_synonyms(look, fn, ctx), the highlight patterns fn adds marked as
 * synonyms of key and num (why.h says so when a snippet shows one). */
static void
synonyms_of(conv *c, const char *look, const char *key, const char *num,
	    int (*fn)(void *, const char *, size_t), void *ctx)
{
	char of[TOK_MAXTERM * 2 + 16];

	snprintf(of, sizeof of, "%s%s%s", key, num ? " " : "", num ? num : "");
	c->hl->origin = HL_SYNONYM;
	c->hl->of = of;
	xdb_synonyms(c->ix->db, look, fn, ctx, NULL);
	c->hl->origin = HL_QUERY;
	c->hl->of = NULL;
}

/* Adds the synonyms of key (a word or words joined by spaces) to l; for a
 * word without an entry, tries its stems (chips -> chip).  The group of
 * the highlight patterns is the current one. */
static void
add_synonyms(conv *c, qlist *l, const char *key, int try_stems)
{
	synctx sc = {c, l, 0};

	synonyms_of(c, key, key, NULL, on_synonym, &sc);
	for (size_t i = 0; try_stems && !sc.found && i < c->ix->nlangs; i++) {
		const char *st;
		size_t k = stems_get(c->ix->st, c->ix->langs[i], key, strlen(key),
				     &st);
		char stem[TOK_MAXTERM + 8];

		if (!k || k >= sizeof stem || (strlen(key) == k &&
					       memcmp(key, st, k) == 0))
			continue;
		memcpy(stem, st, k);
		stem[k] = '\0';
		synonyms_of(c, stem, key, NULL, on_synonym, &sc);
	}
}

static xdb_query *conv_node(conv *c, const qnode *q, int positive);

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

/* What a word is searched as: its forms (SYNONYM of them), an accent-free
 * variant and the form as written (when the word has accents), and its
 * title boost (scaled by title_weight).  NULL: none. */
typedef struct wforms {
	qlist main;
	xdb_query *accentless, *exact, *title;
} wforms;

/* A CJK word: itself and the phrase of its bigrams, in the title too. */
static void
word_cjk(conv *c, const char *w, int title, int positive, wforms *f)
{
	const char *tp = title ? SCHEMA_TITLE : "";
	size_t n = strlen(w);
	char **bg = NULL;
	size_t nbg = cjk_bigrams(w, &bg);

	ql_add(&f->main, term2(tp, w, n, 0));
	if (nbg >= 2)
		ql_add(&f->main, bigram_phrase(tp, bg, nbg));
	if (!title) /* title occurrences count twice, as below */
		ql_add(&f->main, term2(SCHEMA_TITLE, w, n, 0));
	if (positive) {
		hl_add(c->hl, HL_WORD, 1, (char *const *)&w, 1);
		if (nbg)
			hl_add(c->hl, HL_BIGRAM, 1, bg, nbg);
	}
	if (!title && c->o->title_weight > 0) {
		qlist t = {0};

		ql_add(&t, term2(SCHEMA_TITLE, w, n, 0));
		if (nbg >= 2)
			ql_add(&t, bigram_phrase(SCHEMA_TITLE, bg, nbg));
		f->title = ql_make(&t, XQ_SYNONYM, 0);
	}
	strv_free(bg, nbg);
}

/* An exact word (=word): itself only. */
static void
word_exact(conv *c, const char *w, int title, int positive, wforms *f)
{
	size_t n = strlen(w);

	ql_add(&f->main, term2(title ? SCHEMA_TITLE : "", w, n, 0));
	if (!title) /* title occurrences count twice, as below */
		ql_add(&f->main, term2(SCHEMA_TITLE, w, n, 0));
	if (positive)
		hl_add(c->hl, HL_WORD, 1, (char *const *)&w, 1);
	if (!title && c->o->title_weight > 0)
		f->title = term2(SCHEMA_TITLE, w, n, 0);
}

/* A word by its stems, and its accent-free twin's. */
static void
word_stems(conv *c, const char *w, int title, int positive, wforms *f)
{
	const char *zp = title ? SCHEMA_TITLE_STEM : SCHEMA_STEM;
	const char *tp = title ? SCHEMA_TITLE : "";
	size_t n = strlen(w), k;
	char plain[TOK_MAXTERM + 1];

	add_stems(c, &f->main, zp, tp, w, n);
	/* a title occurrence counts twice: Z holds title words too,
	 * ZS once more (a one-field BM25F; see README) */
	if (!title)
		add_stems(c, &f->main, SCHEMA_TITLE_STEM, SCHEMA_TITLE, w, n);
	k = tok_unaccent(c->ix->t, w, n, plain, sizeof plain);
	if (k) {
		/* Zürich also finds Zurich, a little lower */
		qlist un = {0};

		plain[k] = '\0';
		add_stems(c, &un, zp, tp, plain, k);
		f->accentless = ql_make(&un, XQ_SYNONYM, 0);
		/* and the form as written ranks first (some stemmers,
		 * German's among them, fold accents themselves) */
		f->exact = term2(tp, w, n, 0);
	}
	if (positive)
		hl_add(c->hl, HL_WORD, 0, (char *const *)&w, 1);
	if (!title && c->o->title_weight > 0) {
		qlist t = {0};

		add_stems(c, &t, SCHEMA_TITLE_STEM, SCHEMA_TITLE, w, n);
		f->title = ql_make(&t, XQ_SYNONYM, 0);
	}
}

/* r OR (q scaled by factor). */
static xdb_query *
or_scaled(xdb_query *r, xdb_query *q, double factor)
{
	xdb_query *two[2];

	two[0] = r;
	two[1] = xdb_q_scale(q, factor);
	return xdb_q_op(XQ_OR, two, 2, 0);
}

static xdb_query *acronym_bonus(conv *c, const char *w);

/* A plain word in all text (field NULL) or in the title. */
static xdb_query *
conv_word(conv *c, const qnode *q, int positive)
{
	const char *w = q->text;
	size_t n = strlen(w), k;
	int title = q->field && strcmp(q->field, "title") == 0;
	wforms f = {0};
	xdb_query *r;

	c->hl->group++;
	if (q->flags & QF_CJK)
		word_cjk(c, w, title, positive, &f);
	else if (q->flags & QF_EXACT)
		word_exact(c, w, title, positive, &f);
	else
		word_stems(c, w, title, positive, &f);
	if (c->o->synonyms && !(q->flags & QF_EXACT) && !title)
		add_synonyms(c, &f.main, w, !(q->flags & QF_CJK));
	if (f.main.nomem)
		c->nomem = 1;
	r = ql_make(&f.main, XQ_SYNONYM, 0);
	if (f.accentless) {
		xdb_query *three[3];

		three[0] = r;
		three[1] = xdb_q_scale(f.accentless, 0.8);
		three[2] = xdb_q_scale(f.exact, 0.3);
		r = xdb_q_op(XQ_OR, three, 3, 0);
	} else {
		xdb_q_free(f.exact);
	}
	if (c->o->trunc_weight > 0 && !(q->flags & (QF_CJK | QF_EXACT)) &&
	    !title && (k = schema_trunc_len(w, n)) != 0)
		r = or_scaled(r, term2(SCHEMA_TRUNC, w, k, 0),
			      c->o->trunc_weight);
	if (f.title)
		r = or_scaled(r, f.title, c->o->title_weight);
	if (positive && !title && !(q->flags & (QF_CJK | QF_EXACT))) {
		xdb_query *two[2] = {r, acronym_bonus(c, w)};

		if (two[1])
			r = xdb_q_op(XQ_OR, two, 2, 0);
	}
	return r;
}

/* Identifiers (issue 11): letters then a number, SB 1047, EO 14110,
 * section 1521 (the tokenizer makes SB1047 and S.B. 1047 such a pair too).
 * 1 if w is a word of letters (a/b/c/...), 2 if a number, else 0. */
static int
id_kind(const char *w)
{
	const char *p = w;

	if (!*w || strlen(w) > 24)
		return 0;
	if (*w >= '0' && *w <= '9') {
		for (; *p; p++)
			if (!((*p >= '0' && *p <= '9') || *p == '.'))
				return 0;
		return 2;
	}
	for (; *p; p++)
		if (!(*p >= 'a' && *p <= 'z'))
			return 0;
	return 1;
}

typedef struct idctx {
	conv *c;
	qlist *l;
	const char *prefix; /* SCHEMA_TITLE or "" */
	const char *num;
	int whole; /* a whole name: between the edge terms (schema.h), with
		      up to NAME_SLACK other words */
	double name; /* > 0: a name's form (name bonus), of two words or
			more, weighted this times the idf of its words, or
			of the words as typed (base) if that is more */
	double base;
} idctx;

static double title_idf(conv *c, const char *w);

#define NAME_SLACK 2

/* The words of num (numbers joined by spaces: 24 205 for 24-205) into w
 * (at most ID_NUM_WORDS); returns how many. */
#define ID_NUM_WORDS 4
static size_t
num_words(const char *num, char w[][TOK_MAXTERM + 1])
{
	size_t n = 0;

	while (num && *num && n < ID_NUM_WORDS) {
		size_t k = strcspn(num, " ");

		if (k > TOK_MAXTERM)
			k = TOK_MAXTERM;
		memcpy(w[n], num, k);
		w[n++][k] = '\0';
		num += k;
		num += strspn(num, " ");
	}
	return n;
}

/* The phrase of the words of s[0..n) then the number (if any), added to
 * the list: one form of an identifier (sb 1047, senate bill 1047, or a
 * number of several parts alone: 25 21) or of a name (ai act, artificial
 * intelligence act). */
static int
on_id_form(void *ctx, const char *s, size_t n)
{
	idctx *ic = ctx;
	synwords sw;
	qlist words = {0};
	char num[ID_NUM_WORDS][TOK_MAXTERM + 1];
	size_t nn = num_words(ic->num, num);
	unsigned nw;

	sw.n = 0;
	tok_run(ic->c->ix->t, s, n, 0, 0, on_synonym_token, &sw, NULL);
	if ((sw.n == 0 && nn < 2) || sw.n == 16 || (sw.n && sw.w[0].cjk) ||
	    (ic->name > 0 && sw.n + nn < 2))
		return 0;
	if (ic->whole)
		ql_add(&words, xdb_q_term(SCHEMA_NAME_START,
					  strlen(SCHEMA_NAME_START), 1, 0));
	for (size_t i = 0; i < sw.n; i++)
		ql_add(&words, term2(ic->prefix, sw.w[i].term,
				     strlen(sw.w[i].term), (unsigned)i + 1));
	for (size_t i = 0; i < nn; i++)
		ql_add(&words, term2(ic->prefix, num[i], strlen(num[i]),
				     (unsigned)(sw.n + i) + 1));
	nw = (unsigned)(sw.n + nn);
	/* highlighted too, once per form: a snippet (or why.h's title line)
	 * shows the form that matched, a name's synonym included */
	if (!*ic->prefix ||
	    (ic->name > 0 && !ic->whole && ic->l != ic->c->known)) {
		char *terms[16 + ID_NUM_WORDS];

		for (size_t i = 0; i < sw.n; i++)
			terms[i] = sw.w[i].term;
		for (size_t i = 0; i < nn; i++)
			terms[sw.n + i] = num[i];
		hl_add(ic->c->hl, HL_PHRASE, 1, terms, nw);
	}
	if (ic->name > 0) {
		double sum = 0;

		for (size_t i = 0; i < nn; i++)
			sum += title_idf(ic->c, num[i]);
		for (size_t i = 0; i < sw.n; i++)
			sum += title_idf(ic->c, sw.w[i].term);
		if (ic->whole) {
			ql_add(&words, xdb_q_term(SCHEMA_NAME_END,
						  strlen(SCHEMA_NAME_END), 1,
						  0));
			nw += 2 + NAME_SLACK;
		}
		ql_add(ic->l, xdb_q_const(ql_make(&words, XQ_PHRASE, nw),
					  ic->name * (sum > ic->base ? sum
								     : ic->base)));
		return 0;
	}
	ql_add(ic->l, nw > 1 ? ql_make(&words, XQ_PHRASE, nw)
			     : ql_make(&words, XQ_OR, 0));
	return 0;
}

/* The forms of the identifier key num (ic->num) into ic->l: as typed
 * (with_key), with the key's letters spaced (hr: h r, as H. R. 4913 is
 * written), as each synonym of key (ab 1831, assembly bill 1831), and a
 * number of several parts (25-21, 24-205, 2024/1689) alone in a title or
 * name (Memorandum 25-21 for M-25-21): such a number names one thing. */
static void
on_id_forms(idctx *ic, const char *key, int with_key)
{
	size_t n = strlen(key);

	if (with_key)
		on_id_form(ic, key, n);
	if (n == 2 && id_kind(key) == 1) {
		char spaced[8];

		for (size_t i = 0; i < n; i++) {
			spaced[2 * i] = key[i];
			spaced[2 * i + 1] = ' ';
		}
		on_id_form(ic, spaced, 2 * n - 1);
	}
	if (ic->c->o->synonyms)
		synonyms_of(ic->c, key, key, ic->num, on_id_form, ic);
	if (*ic->prefix && strchr(ic->num, ' '))
		on_id_form(ic, "", 0);
}

/* Adds to l the identifier key num (key: its letters, one word or several
 * joined by spaces) in each of its forms, as typed and as each synonym of
 * key (ab 1831, assembly bill 1831), in the field of prefix.  with_key: also
 * the form as typed. */
static void
add_id_forms(conv *c, qlist *l, const char *prefix, const char *key,
	     const char *num, int with_key)
{
	idctx ic = {c, l, prefix, num, 0, 0, 0};

	on_id_forms(&ic, key, with_key);
}

/* The bonus for the identifier key num standing in one of its forms: in
 * the text scaled by the id weight; in a title or name, like a name (each
 * form a constant, the id weight times ID_TITLE_WEIGHT times the idf of
 * its words): a number in a title or name is what the query names, one in
 * the text may be a citation (EO 14179's text revokes EO 14110). */
#define ID_TITLE_WEIGHT 2.0
static xdb_query *
id_bonus(conv *c, const char *key, const char *num)
{
	qlist l = {0}, alt = {0};
	idctx ic = {c, &l, SCHEMA_TITLE, num, 0,
		    c->o->id_weight * ID_TITLE_WEIGHT, 0};
	char nw[ID_NUM_WORDS][TOK_MAXTERM + 1];
	size_t nn = num_words(num, nw);
	synwords sw;

	sw.n = 0;
	tok_run(c->ix->t, key, strlen(key), 0, 0, on_synonym_token, &sw, NULL);
	for (size_t i = 0; i < nn; i++)
		ic.base += title_idf(c, nw[i]);
	for (size_t i = 0; i < sw.n; i++)
		ic.base += title_idf(c, sw.w[i].term);
	add_id_forms(c, &alt, "", key, num, 1);
	ql_add(&l, xdb_q_scale(ql_make(&alt, XQ_SYNONYM, 0), c->o->id_weight));
	on_id_forms(&ic, key, 1);
	if (c->known) {
		/* the same again, as known-item evidence */
		ic.l = c->known;
		on_id_forms(&ic, key, 1);
	}
	if (l.nomem)
		c->nomem = 1;
	return ql_make(&l, XQ_OR, 0);
}

static int count_synonym(void *ctx, const char *syn, size_t len);
static void words_key(buf *key, qnode *const *w, size_t i, size_t e);

/* 1 if q is a plain word (no field, not exact, not CJK) of id_kind k. */
static int
id_word(const qnode *q, int k)
{
	return q->kind == Q_WORD && !q->field &&
	       !(q->flags & (QF_EXACT | QF_CJK)) && id_kind(q->text) == k;
}

/* The words of a query's items in order, each word the tokenizer split
 * (SB24-205, H.R.4913, M-25-21: an unquoted phrase) inline, NULL for an
 * item of another kind: identifiers and names are read from these.
 * glued[i]: word i was typed joined to word i - 1; kid[i]: the item it
 * comes from. */
#define FLAT_MAX 64
typedef struct flatq {
	qnode *w[FLAT_MAX];
	unsigned char glued[FLAT_MAX];
	size_t kid[FLAT_MAX];
	size_t n;
} flatq;

static void
flat_add(flatq *f, qnode *w, int glued, size_t kid)
{
	if (f->n < FLAT_MAX) {
		f->w[f->n] = w;
		f->glued[f->n] = (unsigned char)glued;
		f->kid[f->n++] = kid;
	}
}

/* 1 if q is a word the tokenizer split: an unquoted phrase of plain words
 * (not CJK) in all text. */
static int
split_word(const qnode *q)
{
	if (q->kind != Q_PHRASE || (q->flags & QF_QUOTED) || q->field)
		return 0;
	for (size_t i = 0; i < q->nkids; i++)
		if (q->kids[i]->kind != Q_WORD ||
		    (q->kids[i]->flags & (QF_EXACT | QF_CJK)))
			return 0;
	return 1;
}

/* q's words (a phrase's own, glued; an OR's items') into f. */
static void
flatten(const qnode *q, flatq *f)
{
	f->n = 0;
	if (q->kind == Q_PHRASE) {
		for (size_t i = 0; i < q->nkids; i++)
			flat_add(f, q->kids[i], i > 0, 0);
		return;
	}
	for (size_t k = 0; k < q->nkids; k++) {
		qnode *x = q->kids[k];

		if (x->kind == Q_WORD)
			flat_add(f, x, 0, k);
		else if (split_word(x))
			for (size_t i = 0; i < x->nkids; i++)
				flat_add(f, x->kids[i], i > 0, k);
		else
			flat_add(f, NULL, 0, k);
	}
}

/* 1 if word i of f is a plain word of id_kind k. */
static int
flat_id(const flatq *f, size_t i, int k)
{
	return f->w[i] && id_word(f->w[i], k);
}

/* Adds to l an identifier bonus for each number among f's words that
 * follows letters (california SB 1047: sb 1047); the number is the run of
 * numbers typed joined (24-205: 24 205); the letters are the longest run
 * of up to 3 words before it that has synonyms (Senate Bill 1047: senate
 * bill, whose synonym is sb), else the one word.  own: also identifiers
 * within one item (a phrase's own: SB1047); else those are the phrase's
 * (conv_phrase) and left out. */
static void
add_id_bonuses(conv *c, const flatq *f, qlist *l, int own)
{
	buf key = BUF_INIT, num = BUF_INIT;

	if (c->o->id_weight <= 0)
		return;
	for (size_t i = 1; i < f->n; i++) {
		size_t k, from = i - 1, e = i + 1;

		if (!flat_id(f, i, 2) || !flat_id(f, i - 1, 1))
			continue;
		while (e < f->n && e - i < ID_NUM_WORDS && f->glued[e] &&
		       flat_id(f, e, 2))
			e++;
		for (k = 3; k >= 2 && c->o->synonyms; k--) {
			int n = 0;

			if (i < k)
				continue;
			for (from = i - k; from < i && flat_id(f, from, 1);
			     from++)
				;
			if (from < i)
				continue;
			from = i - k;
			words_key(&key, f->w, from, i);
			if (key.p)
				xdb_synonyms(c->ix->db, key.p, count_synonym, &n,
					     NULL);
			if (n)
				break;
		}
		if (k < 2)
			from = i - 1;
		if (own || f->kid[from] != f->kid[e - 1]) {
			words_key(&key, f->w, from, i);
			words_key(&num, f->w, i, e);
			if (key.p && num.p)
				ql_add(l, id_bonus(c, key.p, num.p));
		}
		i = e - 1;
	}
	buf_free(&key);
	buf_free(&num);
}

/* Names (issue 11): when a query is (most of) a title or a well-known
 * name of a document (indexed as title text, index.c), in order, that
 * document should come first.  For each run of two or more plain words of
 * an OR-ed query of up to NAME_QUERY_WORDS words, each a constant for the
 * documents it matches (a long bill's title counts as much as a short
 * note's), name_weight times the idf of the words in titles:
 *   - the run as a phrase in a title or name, as typed and as each of its
 *     synonyms (artificial intelligence act: ai act, regulation (eu)
 *     2024/1689), each form its own bonus (a document named two ways is
 *     surer), weighted by the rarer of its words and the typed ones;
 *   - the same as (most of) a whole title or name: between its edge terms
 *     with at most NAME_SLACK other words (NAME_WHOLE_WEIGHT);
 *   - each two neighbouring words that are not stop-words standing
 *     together there (NAME_PAIR_WEIGHT; the words between may differ).
 * Weights chosen on the dev halves (README). */
#define NAME_PAIR_WEIGHT 0.5  /* 0 loses names and descriptions */
#define NAME_WHOLE_WEIGHT 1   /* 2 measures the same on dev */
#define NAME_QUERY_WORDS 8    /* longer queries are descriptions (4 loses
				 names and descriptions, SciFact gains) */
#define NAME_MAX_WORDS 12

static int is_stopword(const qnode *k);

static int
name_word(const qnode *k)
{
	return k->kind == Q_WORD && !k->field && !(k->flags & QF_CJK);
}

/* The rarity of a word in titles and names: BM25's idf of its S term (a
 * word in none counts as in one). */
static double
title_idf(conv *c, const char *w)
{
	unsigned n = 0, df = 0;

	buf_reset(&c->tmp);
	buf_adds(&c->tmp, SCHEMA_TITLE);
	buf_adds(&c->tmp, w);
	if (c->tmp.err || xdb_doccount(c->ix->db, &n, NULL) != ST_OK ||
	    xdb_termfreq(c->ix->db, c->tmp.p, c->tmp.n, &df, NULL) != ST_OK)
		return 0;
	if (df < 1)
		df = 1;
	return log(1 + (n - df + 0.5) / (df + 0.5));
}

/* Acronyms of titles and names (initials.h): a word that abbreviates a
 * title or name (its XI term) and that the texts use no more often as a
 * word (TRAIGA: never) is read as that name: a constant for the documents
 * it names, name_weight times ACRONYM_WEIGHT times the acronym's rarity
 * among titles.  NULL if the word is no such acronym; also known-item
 * evidence. */
#define ACRONYM_WEIGHT 1
static xdb_query *
acronym_bonus(conv *c, const char *w)
{
	size_t n = strlen(w);
	unsigned df = 0, dw = 0, ndocs = 0;
	double wt;

	if (c->o->name_weight <= 0 || c->nwords > NAME_QUERY_WORDS ||
	    n < INITIALS_MIN || n > INITIALS_MAX || !acronym_form(w, n) ||
	    schema_stopword(w, n))
		return NULL;
	buf_reset(&c->tmp);
	buf_adds(&c->tmp, SCHEMA_INITIALS);
	buf_add(&c->tmp, w, n);
	if (c->tmp.err ||
	    xdb_termfreq(c->ix->db, c->tmp.p, c->tmp.n, &df, NULL) != ST_OK ||
	    df == 0 || xdb_termfreq(c->ix->db, w, n, &dw, NULL) != ST_OK ||
	    dw > df || xdb_doccount(c->ix->db, &ndocs, NULL) != ST_OK)
		return NULL;
	wt = c->o->name_weight * ACRONYM_WEIGHT *
	     log(1 + (ndocs - df + 0.5) / (df + 0.5));
	for (size_t i = 0; i < c->hl->n; i++) /* the word's pattern: why.h */
		if (c->hl->v[i].group == c->hl->group &&
		    c->hl->v[i].kind == HL_WORD && c->hl->v[i].n == 1 &&
		    !strcmp(c->hl->v[i].terms[0], w))
			c->hl->v[i].acronym = 1;
	if (c->known)
		ql_add(c->known, xdb_q_const(xdb_q_term(c->tmp.p, c->tmp.n,
							 1, 0),
					     wt));
	return xdb_q_const(xdb_q_term(c->tmp.p, c->tmp.n, 1, 0), wt);
}

/* The bonuses for the run q->kids[i..e): each a constant for the documents
 * it matches, whatever their length (a long bill's title counts as much
 * as a short note's): the idf of the words times the weight. */
static void
add_name_run(conv *c, const flatq *f, size_t i, size_t e, qlist *l)
{
	buf key = BUF_INIT;
	double w = c->o->name_weight, idf[NAME_MAX_WORDS], sum = 0;
	size_t prev = e;

	for (size_t k = i; k < e; k++)
		sum += idf[k - i] = title_idf(c, f->w[k]->text);
	words_key(&key, f->w, i, e);
	for (int whole = 0; whole < 2 && key.p; whole++) {
		/* the words as typed and each synonym of them (each its own
		 * bonus: a document named in two ways is surer), in a title
		 * or name; then as (most of) a whole one */
		idctx ic = {c, l, SCHEMA_TITLE, NULL, whole,
			    w * (whole ? NAME_WHOLE_WEIGHT : 1), sum};

		on_id_form(&ic, key.p, key.n);
		if (c->o->synonyms)
			synonyms_of(c, key.p, key.p, NULL, on_id_form, &ic);
		if (whole && c->known) {
			/* the same again, as known-item evidence */
			ic.l = c->known;
			on_id_form(&ic, key.p, key.n);
			if (c->o->synonyms)
				synonyms_of(c, key.p, key.p, NULL, on_id_form, &ic);
		}
	}
	buf_free(&key);
	if (e - i < 3)
		return; /* the pair is the whole run */
	for (size_t k = i; k < e; k++) {
		xdb_query *two[2];

		if (is_stopword(f->w[k]))
			continue;
		if (prev < e) {
			two[0] = term2(SCHEMA_TITLE, f->w[prev]->text,
				       strlen(f->w[prev]->text), 1);
			two[1] = term2(SCHEMA_TITLE, f->w[k]->text,
				       strlen(f->w[k]->text), 2);
			ql_add(l, xdb_q_const(xdb_q_op(XQ_PHRASE, two, 2,
						       (unsigned)(k - prev) + 1),
					      w * NAME_PAIR_WEIGHT *
						      (idf[prev - i] + idf[k - i])));
		}
		prev = k;
	}
}

/* Adds to l the name bonuses for each run of plain words among f's (a
 * split word's among them: executive order N-12-23). */
static void
add_name_bonuses(conv *c, const flatq *f, qlist *l)
{
	size_t i = 0, e;

	if (c->o->name_weight <= 0 || c->nwords > NAME_QUERY_WORDS)
		return;
	while (i < f->n) {
		for (e = i; e < f->n && e - i < NAME_MAX_WORDS && f->w[e] &&
			    name_word(f->w[e]);
		     e++)
			;
		if (e - i >= 2)
			add_name_run(c, f, i, e, l);
		i = e > i ? e : i + 1;
	}
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

/* 1 if the words are letters then up to ID_NUM_WORDS numbers (sb 1047,
 * hr 4913, m 25 21): an identifier typed as one word. */
static int
id_phrase(char *const *terms, size_t nt)
{
	if (nt < 2 || nt > ID_NUM_WORDS + 1 || id_kind(terms[0]) != 1)
		return 0;
	for (size_t i = 1; i < nt; i++)
		if (id_kind(terms[i]) != 2)
			return 0;
	return 1;
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
	buf cat = BUF_INIT, num = BUF_INIT;

	c->hl->group++;
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
				hl_add(c->hl, HL_BIGRAM, 1, bg, nbg);
		}
		strv_free(bg, nbg);
	}
	if (positive && nt)
		hl_add(c->hl, nt == 1 ? HL_WORD : HL_PHRASE, 1, terms, nt);
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
		/* SB1047 -> sb 1047: also senate bill 1047; H.R.4913 -> hr
		 * 4913: also h r 4913 */
		if (id_phrase(terms, nt)) {
			words_key(&num, q->kids, 1, nt);
			if (num.p)
				add_id_forms(c, &alt, "", terms[0], num.p, 0);
		}
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
	if (!title && positive && nt >= 2 && c->o->id_weight > 0 &&
	    !(q->kids[0]->flags & QF_EXACT)) {
		/* SB1047 typed as one word: the same bonus as SB 1047 */
		qlist ids = {0};
		flatq f;

		flatten(q, &f);
		ql_add(&ids, r);
		add_id_bonuses(c, &f, &ids, 1);
		r = ql_make(&ids, XQ_OR, 0);
	}
	buf_free(&num);
	return r;
}

static int is_stopword(const qnode *k);

/* Words of an OR kept by the elite set (conv_list); the relevance
 * sets' longest queries have under 30. */
#define PLAN_ELITE 32

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
	if (op == XQ_OR && positive) {
		flatq f;

		flatten(q, &f);
		add_id_bonuses(c, &f, &l, 0);
		add_name_bonuses(c, &f, &l);
	}
	/* a pasted paragraph: its PLAN_ELITE best words (Xapian's
	 * OP_ELITE_SET, by the most each can add to a score), so that a
	 * query of hundreds of words costs what one of PLAN_ELITE does */
	if (op == XQ_OR && positive && l.n > PLAN_ELITE)
		return ql_make(&l, XQ_ELITE_SET, PLAN_ELITE);
	return ql_make(&l, op, 0);
}

static int
is_stopword(const qnode *k)
{
	return k->kind == Q_WORD && !k->field && !(k->flags & QF_EXACT) &&
	       schema_stopword(k->text, strlen(k->text));
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
	flatq f;

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
	flatten(q, &f);
	add_id_bonuses(c, &f, &l, 0);
	add_name_bonuses(c, &f, &l);
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

/* The words w[i..e) joined by spaces (a synonym key) into key. */
static void
words_key(buf *key, qnode *const *w, size_t i, size_t e)
{
	buf_reset(key);
	for (size_t k = i; k < e; k++) {
		if (k > i)
			buf_addc(key, ' ');
		buf_adds(key, w[k]->text);
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
				words_key(&key, q->kids, i, e);
				if (key.p &&
				    xdb_synonyms(c->ix->db, key.p, count_synonym,
						 &n, NULL) == ST_OK &&
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

/* Inflections a NEAR word may take (Xapian matches positions, which
 * only the words as written have, not their stems), and the index terms
 * looked at to find them. */
#define NEAR_FORMS 32
#define NEAR_SCAN 5000

typedef struct forms {
	conv *c;
	const char *lang, *stem; /* the stem the forms must have */
	size_t stemlen;
	qlist *l;
	char *seen[NEAR_FORMS];
	size_t n;
	unsigned scanned;
} forms;

static int
on_form(void *ctx, const char *term, size_t len, unsigned tf)
{
	forms *f = ctx;
	const char *st;
	size_t k;

	(void)tf;
	if (++f->scanned > NEAR_SCAN || f->n == NEAR_FORMS)
		return 1;
	k = stems_get(f->c->ix->st, f->lang, term, len, &st);
	if (k != f->stemlen || memcmp(st, f->stem, k) != 0)
		return 0;
	for (size_t i = 0; i < f->n; i++)
		if (strlen(f->seen[i]) == len && !memcmp(f->seen[i], term, len))
			return 0;
	if (!(f->seen[f->n] = str_ndup(term, len))) {
		f->c->nomem = 1;
		return 1;
	}
	f->n++;
	ql_add(f->l, term2("", term, len, 0));
	return 0;
}

/* A word of a NEAR at position pos: the word, or the OR of the index's
 * words that share its stem in a language of the index (watermark finds
 * watermarks).  The candidates are the terms that start with the stem
 * less its last letter (study: studi -> stud: study, studies). */
static xdb_query *
near_word(conv *c, const qnode *w, unsigned pos)
{
	qlist l = {0};
	forms f = {0};
	size_t n = strlen(w->text);

	f.c = c;
	f.l = &l;
	for (size_t i = 0; !(w->flags & (QF_EXACT | QF_CJK)) &&
			   i < c->ix->nlangs; i++) {
		char stem[TOK_MAXTERM + 1];
		const char *st;
		size_t k = stems_get(c->ix->st, c->ix->langs[i], w->text, n,
				     &st);

		if (k < 4 || k >= sizeof stem)
			continue;
		memcpy(stem, st, k);
		stem[k] = '\0';
		f.lang = c->ix->langs[i];
		f.stem = stem;
		f.stemlen = k;
		f.scanned = 0;
		xdb_allterms(c->ix->db, stem, k - 1, on_form, &f, NULL);
	}
	for (size_t i = 0; i < f.n; i++)
		free(f.seen[i]);
	if (l.n == 0 || l.nomem) {
		xdb_q_free(ql_make(&l, XQ_OR, 0));
		return term2("", w->text, n, pos);
	}
	return ql_make(&l, XQ_OR, 0);
}

/* Words and phrases of a NEAR, within its window, in any order; its plain
 * words with their inflections (near_word), a phrase's words as written. */
static xdb_query *
conv_near(conv *c, const qnode *q, int positive)
{
	qlist l = {0};
	unsigned pos = 1;

	for (size_t i = 0; i < q->nkids; i++) {
		const qnode *k = q->kids[i];
		size_t nk = k->kind == Q_WORD ? 1 : k->nkids;

		for (size_t j = 0; j < nk; j++) {
			const qnode *w = k->kind == Q_WORD ? k : k->kids[j];

			if (w->kind != Q_WORD)
				continue;
			if (k->kind == Q_WORD)
				ql_add(&l, near_word(c, w, pos++));
			else
				ql_add(&l, term2("", w->text, strlen(w->text),
						 pos++));
			if (positive) {
				c->hl->group++;
				hl_add(c->hl, HL_WORD, 0,
				       (char *const *)&w->text, 1);
			}
		}
	}
	return ql_make(&l, XQ_NEAR,
		       q->window > l.n ? q->window : (unsigned)l.n);
}

/* The term prefix of a field's words ("" for all text). */
static const char *
field_prefix(const char *f)
{
	if (!f)
		return "";
	if (strcmp(f, "title") == 0)
		return SCHEMA_TITLE;
	if (strcmp(f, "author") == 0)
		return SCHEMA_AUTHOR;
	if (strcmp(f, "source") == 0)
		return SCHEMA_SOURCE_WORD;
	return "";
}

/* A trailing wildcard: the words (of the text, a title, an author or a
 * source) with that prefix. */
static xdb_query *
conv_wild(conv *c, const qnode *q, int positive)
{
	const char *fp = field_prefix(q->field);
	/* text and titles are highlighted, authors and sources not */
	int shown = !*fp || strcmp(fp, SCHEMA_TITLE) == 0;

	buf_reset(&c->tmp);
	buf_adds(&c->tmp, fp);
	buf_adds(&c->tmp, q->text);
	if (positive && shown) {
		c->hl->group++;
		hl_add(c->hl, HL_PREFIX, 1, (char *const *)&q->text, 1);
	}
	return xdb_q_wildcard(c->tmp.p, c->tmp.n, c->o->max_wildcard);
}

/* A boolean filter: id:, lang:, dup: (the members of a duplicate group,
 * dup.h), or a whole source. */
static xdb_query *
conv_filter(conv *c, const qnode *q)
{
	const char *f = q->field;

	buf_reset(&c->tmp);
	if (f && strcmp(f, "dup") == 0) {
		return xdb_q_range(SCHEMA_SLOT_DUP, q->text, q->text);
	}
	if (f && !fields_builtin(f)) /* a metadata field */
		return fquery_value(c->ix->t, &c->ix->fl, f, q->text,
				    (q->flags & QF_QUOTED) != 0);
	if (f && strcmp(f, "id") == 0) {
		/* the plain id, or FILE:ID naming its origin */
		xdb_query *sub[2], *r;

		if (!strchr(q->text, ':')) {
			schema_idterm(&c->tmp, q->text);
			return c->tmp.err ? NULL
					  : xdb_q_term(c->tmp.p, c->tmp.n, 1, 0);
		}
		schema_idterm(&c->tmp, q->text);
		sub[0] = c->tmp.err ? NULL
				    : xdb_q_term(c->tmp.p, c->tmp.n, 1, 0);
		buf_reset(&c->tmp);
		schema_qualterm(&c->tmp, NULL, q->text);
		sub[1] = c->tmp.err ? NULL
				    : xdb_q_term(c->tmp.p, c->tmp.n, 1, 0);
		r = xdb_q_op(XQ_OR, sub, 2, 0);
		if (r && (!sub[0] || !sub[1])) {
			xdb_q_free(r);
			r = NULL;
		}
		return r;
	} else if (f && strcmp(f, "lang") == 0) {
		buf_adds(&c->tmp, SCHEMA_LANG);
		buf_adds(&c->tmp, q->text);
	} else {
		buf_adds(&c->tmp, SCHEMA_SOURCE);
		tok_fold(c->ix->t, q->text, strlen(q->text), &c->tmp);
	}
	return c->tmp.err ? NULL : xdb_q_term(c->tmp.p, c->tmp.n, 1, 0);
}

/* A date range over the date value; an open end is NULL. */
static xdb_query *
conv_date(const qnode *q)
{
	char lo[DATE_MAX], hi[DATE_MAX];

	/* the high end padded: 2026 -> 2026-99-99 */
	date_reformat(q->text, DATE_OUT_KEY_LO, lo);
	date_reformat(q->text2, DATE_OUT_KEY_HI, hi);
	return xdb_q_range(SCHEMA_SLOT_DATE, lo[0] ? lo : NULL,
			   hi[0] ? hi : NULL);
}

/* kids[0], and kids[1..] joined by op (XQ_AND_NOT: excluded, XQ_AND_MAYBE:
 * only adding to the score). */
static xdb_query *
conv_first_and(conv *c, const qnode *q, int op, int positive)
{
	xdb_query *two[2];

	if (q->nkids == 0)
		return xdb_q_none();
	two[0] = conv_node(c, q->kids[0], positive);
	two[1] = conv_list(c, q, XQ_OR,
			   op == XQ_AND_NOT ? !positive : positive, 1);
	if (!two[1])
		return two[0];
	return xdb_q_op(op, two, 2, 0);
}

static xdb_query *
conv_node(conv *c, const qnode *q, int positive)
{
	const char *f = q->field;

	switch (q->kind) {
	case Q_WORD:
	case Q_PHRASE:
		if (f && strcmp(f, "author") == 0)
			return conv_bool_words(c, q, SCHEMA_AUTHOR);
		if (f && strcmp(f, "source") == 0)
			return conv_bool_words(c, q, SCHEMA_SOURCE_WORD);
		return q->kind == Q_WORD ? conv_word(c, q, positive) :
					   conv_phrase(c, q, positive);
	case Q_NEAR:
		return conv_near(c, q, positive);
	case Q_AND:
		if (positive && cjk_group(q))
			return conv_cjk_group(c, q);
		return conv_list(c, q, XQ_AND, positive, 0);
	case Q_OR:
		if (positive && c->o->proximity > 0)
			return conv_or_proximity(c, q);
		return conv_list(c, q, XQ_OR, positive, 0);
	case Q_NOT:
		return conv_first_and(c, q, XQ_AND_NOT, positive);
	case Q_MAYBE:
		return conv_first_and(c, q, XQ_AND_MAYBE, positive);
	case Q_WILD:
		return conv_wild(c, q, positive);
	case Q_FILTER:
		return conv_filter(c, q);
	case Q_DATE:
		return conv_date(q);
	case Q_ALL:
		return xdb_q_all();
	case Q_NONE:
		return xdb_q_none();
	}
	return xdb_q_none();
}

/* The documents dated on or after since, or undated and indexed on or
 * after it (an undated document's indexing time stands for its date). */
static xdb_query *
conv_since(const char *since)
{
	char lo[DATE_MAX];
	xdb_query *undated[2], *two[2];

	date_reformat(since, DATE_OUT_KEY_LO, lo);
	if (!lo[0])
		return xdb_q_none();
	undated[0] = xdb_q_range(SCHEMA_SLOT_INDEXED, lo, NULL);
	/* any date (Xapian reads a range from "" as every document) */
	undated[1] = xdb_q_range(SCHEMA_SLOT_DATE, "0", NULL);
	two[0] = xdb_q_range(SCHEMA_SLOT_DATE, lo, NULL);
	two[1] = xdb_q_op(XQ_AND_NOT, undated, 2, 0);
	return xdb_q_op(XQ_OR, two, 2, 0);
}

/* Extra filters from options (CGI facet links). */
static xdb_query *
add_filters(conv *c, xdb_query *q)
{
	const plan_opts *o = c->o;
	qlist l = {0};
	xdb_query *two[2];

	if (o->f_source && *o->f_source) {
		buf_reset(&c->tmp);
		buf_adds(&c->tmp, SCHEMA_SOURCE);
		tok_fold(c->ix->t, o->f_source, strlen(o->f_source), &c->tmp);
		ql_add(&l, xdb_q_term(c->tmp.p, c->tmp.n, 1, 0));
	}
	if (o->f_lang && *o->f_lang) {
		buf_reset(&c->tmp);
		buf_adds(&c->tmp, SCHEMA_LANG);
		tok_fold(c->ix->t, o->f_lang, strlen(o->f_lang), &c->tmp);
		ql_add(&l, xdb_q_term(c->tmp.p, c->tmp.n, 1, 0));
	}
	if ((o->f_date_lo && *o->f_date_lo) || (o->f_date_hi && *o->f_date_hi)) {
		qnode d = {0};

		d.kind = Q_DATE;
		d.text = (char *)(o->f_date_lo ? o->f_date_lo : "");
		d.text2 = (char *)(o->f_date_hi ? o->f_date_hi : "");
		ql_add(&l, conv_date(&d));
	}
	if (o->f_since && *o->f_since)
		ql_add(&l, conv_since(o->f_since));
	if (o->nsel) {
		xdb_query *s = fquery_select(c->ix->t, &c->ix->fl, o->sel,
					     o->nsel, o->sel_except,
					     &c->nomem);
		if (s)
			ql_add(&l, s);
	}
	if (l.n == 0) {
		free(l.q);
		return q;
	}
	two[0] = q;
	two[1] = ql_make(&l, XQ_AND, 0);
	return xdb_q_op(XQ_FILTER, two, 2, 0);
}


xdb_query *
plan_build(const plan_index *ix, const plan_opts *o, const qnode *q,
	   hl_list *hl)
{
	return plan_build_known(ix, o, q, hl, NULL);
}

xdb_query *
plan_build_known(const plan_index *ix, const plan_opts *o, const qnode *q,
		 hl_list *hl, xdb_query **known)
{
	plan_opts ao;
	conv c = {0};
	qlist kl = {0};
	xdb_query *xq;

	if (known) {
		*known = NULL;
		c.known = &kl;
	}
	c.ix = ix;
	c.o = o;
	c.hl = hl;
	c.nwords = count_words(q);
	if (o->title_weight < 0) {
		/* auto: a short query is often a title (known-item, news
		 * searches), a long one a description whose words in a title
		 * mean little (SciFact claims): measured both ways */
		ao = *o;
		ao.title_weight = c.nwords <= SHORT_QUERY_WORDS ?
					  SHORT_TITLE_WEIGHT :
					  0;
		c.o = &ao;
	}
	xq = conv_node(&c, q, 1);
	if (xq)
		xq = add_filters(&c, xq);
	buf_free(&c.tmp);
	if (kl.nomem)
		c.nomem = 1;
	if (known)
		*known = ql_make(&kl, XQ_OR, 0);
	if (xq && (c.nomem || hl->nomem)) {
		xdb_q_free(xq);
		xq = NULL;
		if (known) {
			xdb_q_free(*known);
			*known = NULL;
		}
	}
	return xq;
}

xdb_query *
plan_filter(const plan_index *ix, const plan_opts *o, xdb_query *q)
{
	conv c = {0};

	c.ix = ix;
	c.o = o;
	if (q)
		q = add_filters(&c, q);
	buf_free(&c.tmp);
	if (q && c.nomem) {
		xdb_q_free(q);
		q = NULL;
	}
	return q;
}
