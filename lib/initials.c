/*
 * initials: the acronyms of titles and names (see initials.h).
 */
#include "initials.h"

#include <string.h>

#include "schema.h"

/* The segment being read: the first letters of its words so far, with
 * and without stop-words. */
typedef struct seg {
	const char *s; /* the text (to find the marks between words) */
	size_t last;   /* byte offset after the previous word */
	char all[INITIALS_MAX + 1], content[INITIALS_MAX + 1];
	size_t nall, ncontent;
	size_t sall, scontent; /* byte offset of each's first word */
	xdb_doc *d;
	buf *o;
	const char *want; /* initials_find: the acronym sought, else NULL */
	size_t bs, be;	  /* ... and where it was found */
	int found;
} seg;

/* One acronym letters[0..n) of the words [from, to): its term added, or
 * (initials_find) compared with the one sought. */
static void
add(seg *g, const char *letters, size_t n, size_t from, size_t to)
{
	if (n < INITIALS_MIN)
		return;
	if (g->want) {
		if (!g->found && strlen(g->want) == n &&
		    !memcmp(g->want, letters, n)) {
			g->found = 1;
			g->bs = from;
			g->be = to;
		}
		return;
	}
	buf_reset(g->o);
	buf_adds(g->o, SCHEMA_INITIALS);
	buf_add(g->o, letters, n);
	if (!g->o->err)
		xdb_doc_term(g->d, g->o->p, g->o->n, 0);
}

/* 1 if s[from..to) holds a mark that ends a segment. */
static int
breaks(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (strchr("(),:;[]\"", s[i]))
			return 1;
	return 0;
}

static int
on_word(void *ctx, const tok_token *tk)
{
	seg *g = ctx;
	int latin = tk->term[0] >= 'a' && tk->term[0] <= 'z' &&
		    !(tk->flags & (TOK_F_NUMBER | TOK_F_CJK | TOK_F_BIGRAM));

	if (tk->flags & TOK_F_BIGRAM)
		return 0;
	if (breaks(g->s, g->last, tk->start) || !latin)
		g->nall = g->ncontent = 0;
	g->last = tk->end;
	if (!latin)
		return 0;
	if (g->nall < INITIALS_MAX) {
		if (!g->nall)
			g->sall = tk->start;
		g->all[g->nall++] = tk->term[0];
		add(g, g->all, g->nall, g->sall, tk->end);
	}
	if (g->ncontent < INITIALS_MAX &&
	    !schema_stopword(tk->term, tk->len)) {
		if (!g->ncontent)
			g->scontent = tk->start;
		g->content[g->ncontent++] = tk->term[0];
		/* the same letters as with every word: added once */
		if (g->ncontent != g->nall ||
		    memcmp(g->content, g->all, g->nall) != 0)
			add(g, g->content, g->ncontent, g->scontent, tk->end);
	}
	return 0;
}

int
initials_index(tok *t, const char *s, size_t n, xdb_doc *d, buf *scratch)
{
	seg g;

	memset(&g, 0, sizeof g);
	g.s = s;
	g.d = d;
	g.o = scratch;
	return tok_run(t, s, n, 0, 0, on_word, &g, NULL);
}

int
initials_find(tok *t, const char *s, size_t n, const char *acr, size_t *bs,
	      size_t *be)
{
	seg g;

	memset(&g, 0, sizeof g);
	g.s = s;
	g.want = acr;
	if (tok_run(t, s, n, 0, 0, on_word, &g, NULL) != ST_OK || !g.found)
		return 0;
	*bs = g.bs;
	*be = g.be;
	return 1;
}
