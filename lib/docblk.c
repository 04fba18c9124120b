/*
 * docblk: the blocks of a stored text (see docblk.h).
 *
 * The text is read line by line; a cursor walks the text and its display
 * form together (a white space run of the text is one space of the display
 * form, none at either end; an invalid byte is U+FFFD), so each block's
 * bounds in the text become offsets in the display form.  Should the two
 * not line up, the whole display form is one paragraph, as before blocks.
 */
#include "docblk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct walk {
	const char *t, *f;
	size_t n, fn;
	size_t i, j; /* where we are in t and in f */
	int bad;
} walk;

static int
is_space(uint32_t c)
{
	return c == 0xFEFF || (c != U8_INVALID && cp_space(c));
}

/* Moves the cursor to t + to, the start of a character that is not white
 * space or the end of one that is not; w->j is then the same place in f. */
static void
walk_to(walk *w, size_t to)
{
	size_t k;
	uint32_t c;

	while (!w->bad && w->i < to) {
		c = u8_decode(w->t + w->i, w->n - w->i, &k);
		if (is_space(c)) {
			size_t r = w->i + k;

			while (r < w->n &&
			       is_space(u8_decode(w->t + r, w->n - r, &k)))
				r += k;
			if (r < w->n && w->j > 0) {
				if (w->j >= w->fn || w->f[w->j] != ' ')
					w->bad = 1;
				w->j++;
			}
			w->i = r;
			continue;
		}
		if (c == U8_INVALID) {
			if (w->fn - w->j < 3 ||
			    memcmp(w->f + w->j, "\xEF\xBF\xBD", 3))
				w->bad = 1;
			w->j += 3;
		} else {
			if (w->fn - w->j < k || memcmp(w->f + w->j, w->t + w->i, k))
				w->bad = 1;
			w->j += k;
		}
		w->i += k;
	}
}

/* The first character of t[p..e) that is not white space (e if none). */
static size_t
skip_space(const char *t, size_t p, size_t e)
{
	size_t k;

	while (p < e && is_space(u8_decode(t + p, e - p, &k)))
		p += k;
	return p;
}

/* The end of the last character of t[p..e) that is not white space (p if
 * none). */
static size_t
content_end(const char *t, size_t p, size_t e)
{
	size_t k, end = p;

	while (p < e) {
		if (!is_space(u8_decode(t + p, e - p, &k)))
			end = p + k;
		p += k;
	}
	return end;
}

/* 1 if t[p..e) is a rule: three or more of one of - * _ (spaces
 * between allowed) and nothing else. */
static int
is_rule(const char *t, size_t p, size_t e)
{
	char m = t[p];
	int n = 0;

	if (m != '-' && m != '*' && m != '_')
		return 0;
	for (; p < e; p++) {
		if (t[p] == m)
			n++;
		else if (t[p] != ' ' && t[p] != '\t' && t[p] != '\r')
			return 0;
	}
	return n >= 3;
}

/* What the line t[p..e) (p its first character that is not space) starts
 * with: the block kind, its level, and *cs where the content starts. */
static docblk_kind
marker(const char *t, size_t p, size_t e, unsigned *level, size_t *cs)
{
	size_t q = p;

	*level = 0;
	*cs = p;
	while (q < e && q - p < 7 && t[q] == '#')
		q++;
	if (q > p && q - p <= 6 && (q == e || t[q] == ' ' || t[q] == '\t')) {
		*level = (unsigned)(q - p);
		*cs = q;
		return DOCBLK_HEAD;
	}
	if ((t[p] == '-' || t[p] == '*' || t[p] == '+') && p + 1 < e &&
	    (t[p + 1] == ' ' || t[p + 1] == '\t')) {
		*cs = p + 1;
		return DOCBLK_ITEM;
	}
	for (q = p; q < e && q - p < 9 && t[q] >= '0' && t[q] <= '9'; q++)
		*level = *level * 10 + (unsigned)(t[q] - '0');
	if (q > p && q + 1 < e && (t[q] == '.' || t[q] == ')') &&
	    (t[q + 1] == ' ' || t[q + 1] == '\t')) {
		*cs = q + 1;
		return DOCBLK_NUM;
	}
	*level = 0;
	return DOCBLK_PARA;
}

/* A heading's content without its closing #s ("## Title ##"). */
static size_t
head_end(const char *t, size_t cs, size_t ce)
{
	size_t q = ce;

	while (q > cs && t[q - 1] == '#')
		q--;
	if (q < ce && (q == cs || t[q - 1] == ' ' || t[q - 1] == '\t'))
		return content_end(t, cs, q);
	return ce;
}

static int
push(docblk **v, size_t *n, size_t *cap, docblk b)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		docblk *t = realloc(*v, nc * sizeof *t);

		if (!t)
			return -1;
		*v = t;
		*cap = nc;
	}
	(*v)[(*n)++] = b;
	return 0;
}

size_t
docblk_split(const char *text, size_t n, const char *flat, size_t fn,
	     docblk **out)
{
	walk w = {text, flat, n, fn, 0, 0, 0};
	docblk *v = NULL;
	size_t nv = 0, cap = 0, pos = 0;
	int open = 0; /* the last block may take the next line */

	while (pos < n) {
		const char *nl = memchr(text + pos, '\n', n - pos);
		size_t e = nl ? (size_t)(nl - text) : n;
		size_t p = skip_space(text, pos, e), cs, ce;
		unsigned level;
		docblk_kind k;

		pos = nl ? e + 1 : n;
		if (p == e) { /* a blank line ends a block */
			open = 0;
			continue;
		}
		if (n - p >= 4 && memcmp(text + p, "<!--", 4) == 0) {
			/* a comment: never shown; what follows its end on
			 * that line is read as a line of its own */
			size_t c = p + 4;

			while (c + 3 <= n && memcmp(text + c, "-->", 3))
				c++;
			open = 0;
			if (c + 3 > n)
				break;
			pos = c + 3;
			continue;
		}
		ce = content_end(text, p, e);
		if (is_rule(text, p, e)) {
			walk_to(&w, ce);
			if (push(&v, &nv, &cap,
				 (docblk){DOCBLK_RULE, 0, w.j, w.j}) < 0)
				goto fail;
			open = 0;
			continue;
		}
		k = marker(text, p, e, &level, &cs);
		if (k == DOCBLK_PARA && open) {
			walk_to(&w, ce);
			v[nv - 1].end = w.j;
			continue;
		}
		cs = skip_space(text, cs, e);
		if (k == DOCBLK_HEAD)
			ce = head_end(text, cs, ce);
		if (cs >= ce) { /* a marker alone */
			open = 0;
			continue;
		}
		walk_to(&w, cs);
		if (push(&v, &nv, &cap, (docblk){k, level, w.j, w.j}) < 0)
			goto fail;
		walk_to(&w, ce);
		v[nv - 1].end = w.j;
		open = k != DOCBLK_HEAD;
	}
	if (w.bad || w.j > fn)
		goto fail;
	*out = v;
	return nv;
fail:
	free(v);
	*out = malloc(sizeof **out);
	if (!*out)
		return 0;
	(*out)[0] = (docblk){DOCBLK_PARA, 0, 0, fn};
	return 1;
}

size_t
docblk_title(const char *flat, const docblk *b, size_t nb, const char *title)
{
	size_t n = strlen(title);

	return nb && b[0].kind == DOCBLK_HEAD && n &&
	       b[0].end - b[0].start == n &&
	       memcmp(flat + b[0].start, title, n) == 0;
}

size_t
docblk_join(const char *s, size_t n, const snip_hl *hl0, size_t nhl0,
	    snip_hl **out)
{
	snip_hl *hl = nhl0 ? malloc(nhl0 * sizeof *hl) : NULL;
	size_t nhl = 0;

	for (size_t k = 0; hl && k < nhl0; k++) {
		snip_hl r = hl0[k];

		if (r.bend > n)
			r.bend = n;
		if (r.bstart >= r.bend ||
		    (nhl && r.bstart < hl[nhl - 1].bend))
			continue;
		if (nhl && r.bstart == hl[nhl - 1].bend + 1 &&
		    s[hl[nhl - 1].bend] == ' ') {
			hl[nhl - 1].bend = r.bend;
			hl[nhl - 1].cend = r.cend;
		} else {
			hl[nhl++] = r;
		}
	}
	if (!nhl) {
		free(hl);
		hl = NULL;
	}
	*out = hl;
	return nhl;
}
