#include "index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stem.h"
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
	buf term;
	buf rec;
};

uint64_t
index_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *u = p;

	for (size_t i = 0; i < n; i++) {
		h ^= u[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
index_idterm(buf *out, const char *id)
{
	size_t n = strlen(id);

	buf_addc(out, 'Q');
	if (n <= 200) {
		buf_add(out, id, n);
		return;
	}
	buf_add(out, id, u8_floor(id, n, 180));
	buf_printf(out, "#%016llx",
		   (unsigned long long)index_hash(INDEX_HASH_SEED, id, n));
}

void
index_date_value(const char *date, char out[11])
{
	size_t n = strlen(date);

	out[0] = '\0';
	if (n < 4 || !(date[0] >= '0' && date[0] <= '9'))
		return;
	memcpy(out, "0000-00-00", 11);
	memcpy(out, date, 4);
	if (n >= 7 && date[4] == '-')
		memcpy(out + 5, date + 5, 2);
	if (n >= 10 && date[7] == '-')
		memcpy(out + 8, date + 8, 2);
}

ixb *
ixb_new(char **err)
{
	ixb *b = calloc(1, sizeof *b);

	if (!b) {
		seterr(err, -1, "out of memory");
		return NULL;
	}
	b->t = tok_new(err);
	b->st = stems_new();
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
		xdb_doc_term(b->d, b->term.p, b->term.n, 1);
}

static int
on_token(void *ctx, const tok_token *tk)
{
	ixb *b = ctx;
	const char *stem;
	char plain[TOK_MAXTERM + 1];
	size_t n;

	add_prefixed(b, b->prefix, "", tk->term, tk->len, tk->pos, 1);
	b->lastpos = tk->pos;
	if (tk->flags & (TOK_F_BIGRAM | TOK_F_CJK))
		return 0;
	n = tok_unaccent(b->t, tk->term, tk->len, plain, sizeof plain);
	if (n)
		add_prefixed(b, b->prefix, "", plain, n, tk->pos, 1);
	/* numbers too: the query side looks every word up by its Z term */
	n = stems_get(b->st, b->lang, tk->term, tk->len, &stem);
	if (n)
		add_prefixed(b, "Z", b->prefix, stem, n, 0, 0);
	return 0;
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

int
ixb_build(ixb *b, const article *a, xdb_doc *d, buf *idterm, uint64_t *hash,
	  char **err)
{
	const char *lang = a->lang[0] ? a->lang : tok_guess_lang(a->text,
								 a->textlen);
	char date[11];
	word_ctx wc = {b, NULL};
	int rc;

	xdb_doc_reset(d);
	b->d = d;
	b->err = 0;
	b->lang = lang;

	/* title words at 0.., body after a gap */
	b->lastpos = 0;
	b->prefix = "S";
	rc = tok_run(b->t, a->title, strlen(a->title), TOK_BIGRAMS, 0, on_token,
		     b, err);
	b->prefix = "";
	if (rc == 0)
		rc = tok_run(b->t, a->title, strlen(a->title), TOK_BIGRAMS, 0,
			     on_token, b, err);
	if (rc == 0)
		rc = tok_run(b->t, a->text, a->textlen, TOK_BIGRAMS,
			     b->lastpos + TITLE_GAP, on_token, b, err);
	if (rc != 0)
		return rc < 0 ? rc : -1;

	wc.prefix = "A";
	tok_run(b->t, a->author, strlen(a->author), 0, 0, on_field_word, &wc,
		NULL);
	wc.prefix = "B";
	tok_run(b->t, a->source, strlen(a->source), 0, 0, on_field_word, &wc,
		NULL);
	buf_reset(&b->rec);
	tok_fold(b->t, a->source, strlen(a->source), &b->rec);
	add_boolean(b, "XS", b->rec.p ? b->rec.p : "", b->rec.n);
	add_boolean(b, "L", lang, strlen(lang));
	add_boolean(b, "U", a->url, strlen(a->url));
	index_date_value(a->date, date);
	if (date[0]) {
		char ym[7];

		add_boolean(b, "Y", date, 4);
		memcpy(ym, date, 4);
		memcpy(ym + 4, date + 5, 2);
		if (memcmp(ym + 4, "00", 2) != 0)
			add_boolean(b, "XM", ym, 6);
		xdb_doc_value(d, XDB_SLOT_DATE, date, 10);
		xdb_doc_value(d, XDB_SLOT_YEAR, date, 4);
	}
	if (a->source[0])
		xdb_doc_value(d, XDB_SLOT_SOURCE, a->source,
			      strlen(a->source) > 200 ? 200 : strlen(a->source));
	xdb_doc_value(d, XDB_SLOT_LANG, lang, strlen(lang));

	/* the stored record, with the language actually used */
	buf_reset(&b->rec);
	{
		article copy = *a;

		copy.lang = (char *)lang;
		article_pack(&copy, &b->rec);
	}
	if (b->rec.err || b->err)
		return seterr(err, -1, "out of memory building a document");
	*hash = index_hash(INDEX_HASH_SEED, b->rec.p, b->rec.n);
	{
		char hex[17];

		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)*hash);
		xdb_doc_value(d, XDB_SLOT_HASH, hex, 16);
	}
	xdb_doc_data(d, b->rec.p, b->rec.n);
	buf_reset(idterm);
	index_idterm(idterm, a->id);
	if (idterm->err)
		return seterr(err, -1, "out of memory");
	return 0;
}
