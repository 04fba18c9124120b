#include "index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "dup.h"
#include "fields.h"
#include "initials.h"
#include "offs.h"
#include "stem.h"
#include "suggest.h"
#include "tok.h"

#define TITLE_GAP 100	 /* positions between title and body */
struct ixb {
	tok *t;
	stems *st;
	/* per build */
	xdb_doc *d;
	const char *lang;
	const char *prefix; /* "" for body, "S" for title */
	unsigned lastpos;
	int err;
	int body;	    /* tokens of the body: fed to the signature */
	int nodedup;	    /* ixb_set_dedup(b, 0) */
	int stemsonly;	    /* extra text of weight 0: stems that match and
			       weigh nothing, no positional words */
	dup_sketch sk;
	buf term;
	buf rec;     /* the stored record (from ixb_prepare) */
	buf scratch;
	buf meta;    /* the record without its text (SCHEMA_SLOT_META) */
	buf src;     /* the source term given to ixb_prepare, or "" */
	buf qid;     /* with an origin: the plain id term and the */
	buf qual;    /* qualified one, added by ixb_fill */
	const article *prepared;
	uint64_t hash, idhash, salt;
	const fields *fl;   /* ixb_set_fields (borrowed), or NULL */
	uint64_t flhash;
	buf fprefix;	    /* a metadata field's term prefix */
	buf facets;	    /* SCHEMA_SLOT_FIELDS */
	buf offs;	    /* SCHEMA_SLOT_OFFSETS, the body's words */
	offs_w ow;
	const char *btext;  /* the body, while it is tokenized */
};

ixb *
ixb_new(char **err)
{
	ixb *b = calloc(1, sizeof *b);

	if (!b) {
		seterr(err, -1, "out of memory");
		return NULL;
	}
	b->t = tok_new(err);
	b->st = stems_new(8192);
	if (!b->t || !b->st) {
		if (b->t && !b->st)
			seterr(err, -1, "out of memory");
		ixb_free(b);
		return NULL;
	}
	return b;
}

void
ixb_free(ixb *b)
{
	if (!b)
		return;
	stems_free(b->st);
	tok_free(b->t);
	buf_free(&b->term);
	buf_free(&b->rec);
	buf_free(&b->scratch);
	buf_free(&b->meta);
	buf_free(&b->src);
	buf_free(&b->qid);
	buf_free(&b->qual);
	buf_free(&b->fprefix);
	buf_free(&b->facets);
	buf_free(&b->offs);
	offs_free(&b->ow);
	free(b);
}

static void
add_prefixed(ixb *b, const char *p1, const char *p2, const char *term,
	     size_t len, unsigned pos, int positional)
{
	buf_reset(&b->term);
	buf_adds(&b->term, p1);
	buf_adds(&b->term, p2);
	buf_add(&b->term, term, len);
	if (b->term.err) {
		b->err = 1;
		return;
	}
	if (positional)
		xdb_doc_posting(b->d, b->term.p, b->term.n, pos);
	else
		xdb_doc_term(b->d, b->term.p, b->term.n, b->stemsonly ? 0 : 1);
}

/* The truncated twin of a long word (see schema.h): morphological variants
 * that stemming leaves apart (ribosome, ribosomopathies) share it. */
static void
add_truncated(ixb *b, const char *term, size_t len)
{
	size_t cut = schema_trunc_len(term, len);

	if (cut)
		add_prefixed(b, SCHEMA_TRUNC, "", term, cut, 0, 0);
}

static int
on_token(void *ctx, const tok_token *tk)
{
	ixb *b = ctx;
	const char *stem;
	char plain[TOK_MAXTERM + 1];
	size_t n;

	/* extra text of weight 0: no positions for its words (stems of wdf
	 * 0 only, below): found, but the score stays the title's and body's */
	if (b->body)
		offs_add(&b->ow, b->btext, tk);
	if (!b->stemsonly || (tk->flags & (TOK_F_BIGRAM | TOK_F_CJK)))
		add_prefixed(b, b->prefix, "", tk->term, tk->len, tk->pos, 1);
	b->lastpos = tk->pos;
	if (b->body && !b->nodedup && !(tk->flags & TOK_F_BIGRAM))
		dup_word(&b->sk, tk->term, tk->len);
	if (tk->flags & (TOK_F_BIGRAM | TOK_F_CJK))
		return 0;
	n = tok_unaccent(b->t, tk->term, tk->len, plain, sizeof plain);
	if (n) {
		/* the accent-free twin, so that zurich finds Zürich */
		if (!b->stemsonly)
			add_prefixed(b, b->prefix, "", plain, n, tk->pos, 1);
		n = stems_get(b->st, b->lang, plain, n, &stem);
		if (n)
			add_prefixed(b, SCHEMA_STEM, b->prefix, stem, n, 0, 0);
	}
	/* in both title passes: a title word's twin counts twice, a light
	 * title boost that measured better than once (SciFact) */
	if (!(tk->flags & TOK_F_NUMBER))
		add_truncated(b, tk->term, tk->len);
	if (tk->flags & TOK_F_CAPS) {
		/* an acronym meets only itself, not the words that stem
		 * like it (CHIP, chips) */
		add_prefixed(b, SCHEMA_ACRONYM, b->prefix, tk->term, tk->len, 0,
			     0);
		return 0;
	}
	/* Every word but an acronym has a Z term, numbers too, and a word
	 * in a language without a stemmer (Hebrew, Hindi, Korean...) is its
	 * own stem: the query side looks every word up by its Z term (and
	 * its XA term). */
	n = stems_get(b->st, b->lang, tk->term, tk->len, &stem);
	if (!n) {
		stem = tk->term;
		n = tk->len;
	}
	add_prefixed(b, SCHEMA_STEM, b->prefix, stem, n, 0, 0);
	return 0;
}

/* Title text (a title, or a well-known name of the document) from
 * position pos: its words with the title prefix, and once more as plain
 * words (a title occurrence counts twice, see on_token), between its edge
 * terms at pos and after its last word; its acronyms (initials.h).
 * Returns tok_run's code. */
static int
add_title_text(ixb *b, const char *s, size_t n, unsigned pos, char **err)
{
	int rc;

	b->lastpos = pos;
	b->prefix = SCHEMA_TITLE;
	rc = tok_run(b->t, s, n, TOK_BIGRAMS, pos + 1, on_token, b, err);
	b->prefix = "";
	if (rc == 0)
		rc = tok_run(b->t, s, n, TOK_BIGRAMS, pos + 1, on_token, b,
			     err);
	if (rc == 0) /* its acronyms */
		rc = initials_index(b->t, s, n, b->d, &b->scratch);
	if (rc == 0 && b->lastpos > pos) {
		xdb_doc_posting(b->d, SCHEMA_NAME_START,
				strlen(SCHEMA_NAME_START), pos);
		b->lastpos++;
		xdb_doc_posting(b->d, SCHEMA_NAME_END, strlen(SCHEMA_NAME_END),
				b->lastpos);
	}
	return rc;
}

/* Boolean terms for each word of a field value (A author, B source). */
typedef struct word_ctx {
	ixb *b;
	const char *prefix;
} word_ctx;

static int
on_field_word(void *ctx, const tok_token *tk)
{
	word_ctx *w = ctx;

	buf_reset(&w->b->term);
	buf_adds(&w->b->term, w->prefix);
	buf_add(&w->b->term, tk->term, tk->len);
	if (!w->b->term.err)
		xdb_doc_term(w->b->d, w->b->term.p, w->b->term.n, 0);
	return 0;
}

static void
add_boolean(ixb *b, const char *prefix, const char *val, size_t n)
{
	if (!n || n > 200)
		return;
	buf_reset(&b->term);
	buf_adds(&b->term, prefix);
	buf_add(&b->term, val, n);
	if (!b->term.err)
		xdb_doc_term(b->d, b->term.p, b->term.n, 0);
}

void
ixb_set_salt(ixb *b, uint64_t salt)
{
	b->salt = salt;
}

void
ixb_set_fields(ixb *b, const fields *f)
{
	b->fl = f;
	b->flhash = f ? fields_hash(f) : 0;
}

/* ---- metadata fields (fields.h) ---- */

typedef struct xf_ctx {
	ixb *b;
	const fld *e;
} xf_ctx;

/* 1 if the facet value f already holds name's item v[0..n) (a list may
 * repeat an item: it counts once). */
static int
has_entry(const buf *f, const char *name, const char *v, size_t n)
{
	size_t k = strlen(name), i = 0;

	while (i < f->n) {
		const char *e = f->p + i, *end = memchr(e, SCHEMA_FIELDS_RS,
							f->n - i);
		size_t len = end ? (size_t)(end - e) : f->n - i;

		if (len == k + 1 + n && !memcmp(e, name, k) &&
		    e[k] == SCHEMA_FIELDS_US && !memcmp(e + k + 1, v, n))
			return 1;
		i += len + 1;
	}
	return 0;
}

/* One value or list item of a field: its folded value term, its words,
 * its entry in the facet value. */
static void
on_field_item(void *ctx, const char *v, size_t n)
{
	xf_ctx *c = ctx;
	ixb *b = c->b;
	word_ctx wc = {b, NULL};

	if (c->e->kinds & FLD_FILTER) {
		buf_reset(&b->scratch);
		tok_fold(b->t, v, n, &b->scratch);
		if (b->scratch.n && b->scratch.n <= FIELDS_VALUE_MAX) {
			buf_reset(&b->term);
			schema_fieldterm(&b->term, SCHEMA_FIELD, c->e->name,
					 b->scratch.p, b->scratch.n);
			if (!b->term.err)
				xdb_doc_term(b->d, b->term.p, b->term.n, 0);
		}
	}
	if ((c->e->kinds & FLD_FACET) && n <= FIELDS_VALUE_MAX &&
	    !has_entry(&b->facets, c->e->name, v, n)) {
		if (b->facets.n)
			buf_addc(&b->facets, SCHEMA_FIELDS_RS);
		buf_adds(&b->facets, c->e->name);
		buf_addc(&b->facets, SCHEMA_FIELDS_US);
		buf_add(&b->facets, v, n);
	}
	buf_reset(&b->fprefix);
	schema_fieldterm(&b->fprefix, SCHEMA_FIELD_WORD, c->e->name, "", 0);
	wc.prefix = b->fprefix.p;
	if (!b->fprefix.err)
		tok_run(b->t, v, n, 0, 0, on_field_word, &wc, NULL);
}

static int
on_extra(void *ctx, const char *key, const char *val, size_t vlen)
{
	ixb *b = ctx;
	const fld *e = fields_by_key(b->fl, key, strlen(key));
	xf_ctx c = {b, e};

	if (!e || (e->kinds & FLD_OFF))
		return 0;
	fields_items(e, val, vlen, on_field_item, &c);
	/* extra text: after the body, past a gap, counted weight times
	 * (weight 0: its stems match, weighing nothing) */
	if (e->kinds & FLD_TEXT) {
		unsigned first = b->lastpos + TITLE_GAP, last = first;

		b->stemsonly = e->weight == 0;
		for (unsigned k = 0; k < (e->weight ? e->weight : 1); k++) {
			tok_run(b->t, val, vlen, TOK_BIGRAMS, first, on_token, b,
				NULL);
			if (b->lastpos > last)
				last = b->lastpos;
		}
		b->stemsonly = 0;
		b->lastpos = last;
	}
	return 0;
}

void
ixb_set_dedup(ixb *b, int on)
{
	b->nodedup = !on;
}

int
ixb_prepare(ixb *b, const article *a, const char *srcterm, const char *origin,
	    const char *label, buf *idterm, uint64_t *hash, char **err)
{
	static const char layout[] = "searcher index layout " SCHEMA_LAYOUT;
	const char *lang = a->lang[0] ? a->lang : tok_guess_lang(a->text,
								 a->textlen);
	uint64_t h;

	b->lang = lang;
	b->prepared = a;
	buf_reset(&b->src);
	if (srcterm)
		buf_adds(&b->src, srcterm);
	/* the stored record, with the language actually used */
	buf_reset(&b->rec);
	{
		article copy = *a;

		copy.lang = (char *)lang;
		article_pack(&copy, &b->rec);
	}
	buf_reset(idterm);
	buf_reset(&b->qid);
	buf_reset(&b->qual);
	if (origin) {
		schema_keyterm(idterm, origin, a->id);
		schema_idterm(&b->qid, a->id);
		schema_qualterm(&b->qual, label ? label : "", a->id);
	} else {
		schema_idterm(idterm, a->id);
	}
	if (b->rec.err || b->src.err || idterm->err || b->qid.err ||
	    b->qual.err) {
		b->prepared = NULL;
		return seterr(err, -1, "out of memory building a document");
	}
	h = schema_hash(SCHEMA_HASH_SEED, layout, sizeof layout);
	h = schema_hash(h, b->src.p ? b->src.p : "", b->src.n + 1);
	h = schema_hash(h, b->rec.p, b->rec.n);
	if (b->salt)
		h = schema_hash(h, &b->salt, sizeof b->salt);
	if (b->flhash && a->extralen)
		h = schema_hash(h, &b->flhash, sizeof b->flhash);
	if (b->nodedup)
		h = schema_hash(h, "no-dedup", 8);
	b->hash = *hash = h;
	b->idhash = schema_hash(SCHEMA_HASH_SEED, idterm->p, idterm->n);
	return 0;
}

int
ixb_fill(ixb *b, const article *a, xdb_doc *d, char **err)
{
	const char *lang = b->lang;
	char dv[DATE_MAX], hv[SCHEMA_HASHLEN + 1];
	word_ctx wc = {b, NULL};
	int rc;

	if (b->prepared != a)
		return seterr(err, -1, "ixb_fill without ixb_prepare");
	xdb_doc_reset(d);
	b->d = d;
	b->err = 0;

	/* title words at 0.., each well-known name after a gap, body after
	 * another */
	b->lastpos = 0;
	rc = add_title_text(b, a->title, strlen(a->title), 0, err);
	/* (names NULL: an article built by hand before names existed) */
	for (const char *p = a->names ? a->names : "", *e; rc == 0 && *p;
	     p = *e ? e + 2 : e) {
		size_t n;

		e = strstr(p, "; ");
		if (!e)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n && !(strlen(a->title) == n && !strncasecmp(a->title, p, n)))
			rc = add_title_text(b, p, n, b->lastpos + TITLE_GAP,
					    err);
	}
	if (rc == 0) /* its phrases, for the search box's suggestions */
		rc = suggest_index(b->t, a->title, strlen(a->title), d,
				   &b->scratch);
	/* the body alone makes the fingerprint: a copy under another
	 * headline is still a copy */
	b->body = 1;
	b->btext = a->text;
	dup_start(&b->sk);
	offs_begin(&b->ow, &b->offs, a->textlen, b->lastpos + TITLE_GAP);
	if (rc == 0)
		rc = tok_run(b->t, a->text, a->textlen, TOK_BIGRAMS,
			     b->lastpos + TITLE_GAP, on_token, b, err);
	b->body = 0;
	if (rc != 0)
		return rc < 0 ? rc : -1;
	/* (a body it cannot store: its snippets tokenize) */
	if (offs_end(&b->ow) == 0)
		xdb_doc_value(d, SCHEMA_SLOT_OFFSETS, b->offs.p, b->offs.n);
	buf_reset(&b->facets);
	if (b->fl && a->extralen)
		article_extra_each(a->extra, a->extralen, on_extra, b);
	if (b->facets.n)
		xdb_doc_value(d, SCHEMA_SLOT_FIELDS, b->facets.p, b->facets.n);
	if (b->facets.err)
		b->err = 1;

	wc.prefix = SCHEMA_AUTHOR;
	tok_run(b->t, a->author, strlen(a->author), 0, 0, on_field_word, &wc,
		NULL);
	wc.prefix = SCHEMA_SOURCE_WORD;
	tok_run(b->t, a->source, strlen(a->source), 0, 0, on_field_word, &wc,
		NULL);
	buf_reset(&b->scratch);
	tok_fold(b->t, a->source, strlen(a->source), &b->scratch);
	add_boolean(b, SCHEMA_SOURCE, b->scratch.p ? b->scratch.p : "", b->scratch.n);
	add_boolean(b, SCHEMA_LANG, lang, strlen(lang));
	add_boolean(b, SCHEMA_URL, a->url, strlen(a->url));
	if (b->src.n)
		add_boolean(b, "", b->src.p, b->src.n);
	if (b->qid.n) {
		xdb_doc_term(d, b->qid.p, b->qid.n, 0);
		xdb_doc_term(d, b->qual.p, b->qual.n, 0);
	}
	date_reformat(a->date, DATE_OUT_KEY_LO, dv);
	if (dv[0]) {
		char ym[7];

		add_boolean(b, SCHEMA_YEAR, dv, 4);
		memcpy(ym, dv, 4);
		memcpy(ym + 4, dv + 5, 2);
		if (memcmp(ym + 4, "00", 2) != 0)
			add_boolean(b, SCHEMA_MONTH, ym, 6);
		xdb_doc_value(d, SCHEMA_SLOT_DATE, dv, 10);
		xdb_doc_value(d, SCHEMA_SLOT_YEAR, dv, 4);
	}
	if (a->source[0])
		xdb_doc_value(d, SCHEMA_SLOT_SOURCE, a->source,
			      strlen(a->source) > 200 ? 200 : strlen(a->source));
	xdb_doc_value(d, SCHEMA_SLOT_LANG, lang, strlen(lang));
	{
		char stamp[SCHEMA_STAMPLEN + 1];

		schema_stamp(stamp);
		xdb_doc_value(d, SCHEMA_SLOT_INDEXED, stamp, SCHEMA_STAMPLEN);
	}
	if (b->err)
		return seterr(err, -1, "out of memory building a document");
	schema_hash_value(hv, b->hash, b->idhash);
	xdb_doc_value(d, SCHEMA_SLOT_HASH, hv, SCHEMA_HASHLEN);
	{
		unsigned char sig[DUP_VALUELEN];

		if (!b->nodedup && dup_finish(&b->sk, b->idhash, sig) == 0)
			xdb_doc_value(d, SCHEMA_SLOT_DUPSIG, (const char *)sig,
				      sizeof sig);
	}
	/* the fields without the text, for result lists: read from the value
	 * stream without inflating the whole stored text */
	buf_reset(&b->meta);
	{
		article m = *a;

		m.lang = (char *)lang;
		m.text = (char *)"";
		m.textlen = 0;
		article_pack(&m, &b->meta);
	}
	if (b->meta.err)
		return seterr(err, -1, "out of memory building a document");
	xdb_doc_value(d, SCHEMA_SLOT_META, b->meta.p, b->meta.n);
	xdb_doc_data(d, b->rec.p, b->rec.n);
	return 0;
}

int
ixb_build(ixb *b, const article *a, xdb_doc *d, buf *idterm, uint64_t *hash,
	  char **err)
{
	int rc = ixb_prepare(b, a, NULL, NULL, NULL, idterm, hash, err);

	return rc ? rc : ixb_fill(b, a, d, err);
}

char *
index_default_path(void)
{
	const char *e = getenv("SEARCHER_DB"), *x, *h;

	if (e && *e)
		return str_dup(e);
	if ((x = getenv("XDG_DATA_HOME")) && *x)
		return str_printf("%s/searcher/index", x);
	if ((h = getenv("HOME")) && *h)
		return str_printf("%s/.local/share/searcher/index", h);
	return str_dup("index");
}
