/*
 * why: the (term, reason) list of a search hit (contract in why.h).
 */
#include "why.h"

#include <stdlib.h>
#include <string.h>

/* Adds (term, reason, of) unless there; see why.h. */
int
why_add(why_list *l, why_reason r, const char *term, size_t n, const char *of)
{
	why_item *it;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].reason == r && strlen(l->v[i].term) == n &&
		    !memcmp(l->v[i].term, term, n))
			return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;

		it = realloc(l->v, cap * sizeof *it);
		if (!it)
			return -1;
		l->v = it;
		l->cap = cap;
	}
	it = &l->v[l->n];
	it->term = str_ndup(term, n);
	it->of = of ? str_ndup(of, strlen(of)) : NULL;
	it->reason = r;
	if (!it->term || (of && !it->of)) {
		free(it->term);
		free(it->of);
		return -1;
	}
	l->n++;
	return 0;
}

/* Frees l's items. */
void
why_clear(why_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].term);
		free(l->v[i].of);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The reason's JSON name; see why.h. */
const char *
why_name(why_reason r)
{
	switch (r) {
	case WHY_TITLE: return "title";
	case WHY_SYNONYM: return "synonym";
	case WHY_EXPANSION: return "expansion";
	case WHY_FIELD: return "field";
	case WHY_NAME: return "name";
	}
	return "";
}

/* Appends the list for people; see why.h.  Items of one reason are told
 * together: "matched in title: a, b; synonym x for y". */
void
why_line(const why_list *l, buf *out, void (*put)(buf *, const char *))
{
	static const char *const lead[] = {"matched in title: ",
					   "matched: synonym ",
					   "matched: expansion term ",
					   "matched in a field: ",
					   "matched in a name: "};
	why_reason r;
	size_t i;
	int any = 0, first;

	for (r = WHY_TITLE; r <= WHY_NAME; r++) {
		first = 1;
		for (i = 0; i < l->n; i++) {
			if (l->v[i].reason != r)
				continue;
			put(out, first ? (any ? "; " : "") : ", ");
			if (first)
				put(out, any && r != WHY_TITLE && r != WHY_FIELD &&
						 r != WHY_NAME
						 ? lead[r] + 9 /* "synonym " */
						 : lead[r]);
			put(out, l->v[i].term);
			if (l->v[i].of) {
				put(out, " for ");
				put(out, l->v[i].of);
			}
			first = 0;
			any = 1;
		}
	}
}
