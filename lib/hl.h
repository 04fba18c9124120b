/*
 * hl: highlight patterns, what a hit's snippet marks.  The planner (plan.c)
 * records one pattern per word, phrase, run of CJK bigrams or prefix of
 * the query it searches (synonyms in the group of the word they stand
 * for); the searcher weighs them by their rarity in the index and turns
 * them into snip_pat sets, one per document language (stems differ).
 */
#ifndef HL_H
#define HL_H

#include <stddef.h>

#include "snip.h"
#include "stem.h"
#include "xdb.h"

typedef enum { HL_WORD, HL_PHRASE, HL_BIGRAM, HL_PREFIX } hl_kind;

typedef struct hl_pat {
	char **terms; /* n terms, owned */
	size_t n;
	hl_kind kind;
	int exact;    /* match the terms as written, not by their stems */
	int group;    /* patterns of one query word share a group */
	double weight;
} hl_pat;

/* A growable list; zero-initialized is empty.  group is the group the
 * next hl_add gives its pattern: the planner bumps it per query word. */
typedef struct hl_list {
	hl_pat *v;
	size_t n, cap;
	int group;
	int nomem; /* an hl_add failed for lack of memory */
} hl_list;

/* Adds a pattern of terms[0..n) (copied) in l->group.  Without memory
 * sets l->nomem and adds nothing. */
void hl_add(hl_list *l, hl_kind kind, int exact, char *const *terms,
	    size_t n);
/* Frees the patterns; l is empty again. */
void hl_clear(hl_list *l);
/* Sets each pattern's weight: the idf of its first term in db, phrases
 * half as much again. */
void hl_weigh(hl_list *l, xdb *db);

/* Keeps the max patterns of highest weight (hl_weigh first), in their
 * order, and frees the others: a query of hundreds of words marks its
 * rarest, as its elite set searches them (plan.c). */
void hl_keep_best(hl_list *l, size_t max);

/* The patterns as snip_pats for documents in one language. */
typedef struct hl_set {
	char lang[12];
	snip_pat *p;   /* borrows the terms of the hl_list */
	char ***stems; /* per pattern, its terms' stems (or NULL) */
	size_t n;
} hl_set;

/* Fills hs for lang from l (which must outlive it), stems from st.
 * Returns 0, or -1 without memory (hs then needs hl_set_clear too). */
int hl_set_make(hl_set *hs, const hl_list *l, stems *st, const char *lang);
void hl_set_clear(hl_set *hs);

#endif
