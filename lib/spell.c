#include "spell.h"

#include <stdlib.h>
#include <string.h>

#include "tok.h"
#include "util.h"

#define MAX_FIXES 32
/* Words looked up at most: a query of a hundred unknown words costs what
 * one of MAX_TRIED does (a look-up in a large spelling table costs about
 * 1 ms: 32 of them were 40 ms of a 256-word AND on gutenberg). */
#define MAX_TRIED 8

/* The acceptance rule, chosen on the dev half of tests/spelling.tsv (real
 * misspellings of AGORA's words and random non-words; README "Did you
 * mean" has the measurement): a word of SPELL_MIN_LEN letters or more may
 * be corrected at edit distance 1, one of SPELL_LONG letters or more at
 * distance 2 (Xapian proposes up to 2: blorf -> block was one). */
#ifndef SPELL_MIN_LEN
#define SPELL_MIN_LEN 4
#endif
#ifndef SPELL_LONG
#define SPELL_LONG 6
#endif

/* Edit distance of a[0..na) and b[0..nb) in bytes, a swap of two
 * neighbours counting one (optimal string alignment); stops counting at 3
 * (returns 3 for anything further). */
static unsigned
distance(const char *a, size_t na, const char *b, size_t nb)
{
	unsigned row[3][TOK_MAXTERM + 2];
	unsigned *pp = row[0], *p = row[1], *c = row[2];

	if (na > TOK_MAXTERM || nb > TOK_MAXTERM ||
	    (na > nb ? na - nb : nb - na) > 2)
		return 3;
	for (size_t j = 0; j <= nb; j++)
		p[j] = (unsigned)j;
	for (size_t i = 1; i <= na; i++) {
		unsigned *t;

		c[0] = (unsigned)i;
		for (size_t j = 1; j <= nb; j++) {
			unsigned v = p[j - 1] + (a[i - 1] != b[j - 1]);

			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
		}
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[nb] < 3 ? p[nb] : 3;
}

/* 1 if fix is a plausible correction of the word w[0..n): close enough
 * for its length. */
static int
plausible(const char *w, size_t n, const char *fix)
{
	unsigned d = distance(w, n, fix, strlen(fix));

	return n >= SPELL_MIN_LEN && (d <= 1 || (d == 2 && n >= SPELL_LONG));
}

typedef struct fix {
	size_t start, end;
	char *word;
} fix;

typedef struct fixes {
	fix v[MAX_FIXES];
	size_t n;
	unsigned tried; /* words looked up in the spelling table */
	xdb *db;
	int all; /* try every word, not only those the index lacks */
} fixes;

/* Collects corrections for the positive words of the tree. */
static void
collect_fixes(fixes *f, const qnode *q)
{
	if (q->kind == Q_WORD) {
		char *sug = NULL;
		size_t len = strlen(q->text);
		unsigned tf = 0;

		if (f->n == MAX_FIXES || (q->flags & (QF_CJK | QF_EXACT)) ||
		    len < 3 || q->qend <= q->qstart)
			return;
		if (!f->all &&
		    (xdb_termfreq(f->db, q->text, len, &tf, NULL) != ST_OK ||
		     tf > 0))
			return; /* no correction for a word the index has */
		if (f->tried++ == MAX_TRIED)
			return;
		if (xdb_spell(f->db, q->text, len, &sug, NULL) == ST_OK &&
		    sug && *sug && strcmp(sug, q->text) != 0 &&
		    plausible(q->text, len, sug)) {
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

char *
spell_fix(xdb *db, const qnode *tree, const char *q, size_t n, int all)
{
	fixes f;
	char *r;

	memset(&f, 0, sizeof f);
	f.db = db;
	f.all = all;
	collect_fixes(&f, tree);
	r = rewrite(q, n, &f);
	for (size_t i = 0; i < f.n; i++)
		free(f.v[i].word);
	return r;
}
