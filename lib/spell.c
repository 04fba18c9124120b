#include "spell.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MAX_FIXES 32

typedef struct fix {
	size_t start, end;
	char *word;
} fix;

typedef struct fixes {
	fix v[MAX_FIXES];
	size_t n;
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

		if (f->n == MAX_FIXES || (q->flags & (QF_CJK | QF_EXACT)) ||
		    len < 3 || q->qend <= q->qstart)
			return;
		if (!f->all && xdb_termfreq(f->db, q->text, len) > 0)
			return;
		if (xdb_spell(f->db, q->text, len, &sug, NULL) == ST_OK &&
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
