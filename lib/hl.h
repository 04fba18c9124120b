/*
 * hl: highlight patterns, what a hit's snippet marks.  The planner (plan.c)
 * records one pattern per word, phrase, run of CJK bigrams or prefix of
 * the query it searches (synonyms in the group of the word they stand
 * for); the searcher weighs them by their rarity in the index and turns
 * them into snip_pat sets, one per document language (stems differ).
 * Each pattern records where it comes from (its origin: the query's own
 * words, a synonym of some of them, an expansion term, a word the query
 * typed in the other Chinese script), so that why.h can say how a hit
 * that is not the query's word came about.
 */
#ifndef HL_H
#define HL_H

#include <stddef.h>

#include "snip.h"
#include "stem.h"
#include "xdb.h"

typedef enum { HL_WORD, HL_PHRASE, HL_BIGRAM, HL_PREFIX } hl_kind;

typedef enum {
	HL_QUERY,     /* the query's words as typed */
	HL_SYNONYM,   /* a synonym (or another written form) of `of` */
	HL_EXPANSION, /* an expansion term (pseudo-relevance feedback) */
	HL_FOLD,      /* a query word typed in Traditional (or Simplified)
			 characters, `of`, searched folded (tok.h) */
	HL_SPELLING,  /* the correction of the query word `of` (spell.h) */
} hl_origin;

typedef struct hl_pat {
	char **terms; /* n terms, owned */
	size_t n;
	hl_kind kind;
	int exact;    /* match the terms as written, not by their stems */
	int group;    /* patterns of one query word share a group */
	double weight;
	hl_origin origin;
	char *of;     /* what it stands for (HL_SYNONYM, HL_FOLD), owned */
	int acronym;  /* a query word also searched as the initials of titles
			 and names (initials.h), so why.h can say so */
} hl_pat;

/* A growable list; zero-initialized is empty.  group is the group the
 * next hl_add gives its pattern: the planner bumps it per query word. */
typedef struct hl_list {
	hl_pat *v;
	size_t n, cap;
	int group;
	int nomem; /* an hl_add failed for lack of memory */
	hl_origin origin; /* the origin hl_add gives (zero: HL_QUERY) */
	const char *of;	  /* ... and what it stands for (borrowed) */
} hl_list;

/* Adds a pattern of terms[0..n) (copied) in l->group, of l->origin and
 * l->of.  Without memory sets l->nomem and adds nothing. */
void hl_add(hl_list *l, hl_kind kind, int exact, char *const *terms,
	    size_t n);
/* Frees the patterns; l is empty again. */
void hl_clear(hl_list *l);
/* Sets each pattern's weight: the idf of its first term in db, phrases
 * half as much again, expansion terms half as much (they only re-rank). */
void hl_weigh(hl_list *l, xdb *db);

/* Keeps the max patterns of highest weight (hl_weigh first), in their
 * order, and frees the others: a query of hundreds of words marks its
 * rarest, as its elite set searches them (plan.c). */
void hl_keep_best(hl_list *l, size_t max);

/* The patterns as snip_pats for documents in one language. */
typedef struct hl_set {
	char lang[12];
	const hl_pat *src; /* the hl_list's patterns, parallel to p */
	snip_pat *p;   /* borrows the terms of the hl_list */
	char ***stems; /* per pattern, its terms' stems (or NULL) */
	size_t n;
} hl_set;

/* Fills hs for lang from l (which must outlive it), stems from st.
 * Returns 0, or -1 without memory (hs then needs hl_set_clear too). */
int hl_set_make(hl_set *hs, const hl_list *l, stems *st, const char *lang);
void hl_set_clear(hl_set *hs);

#endif
