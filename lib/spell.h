/*
 * spell: "did you mean".  Rewrites the words of a query that the index's
 * spelling table (filled by the writer with the words schema_spellable
 * accepts) would spell otherwise.  Whether the rewritten query is offered
 * is the searcher's decision: it finds more, or it is not (search.c).
 */
#ifndef SPELL_H
#define SPELL_H

#include <stddef.h>

#include "query.h"
#include "xdb.h"

/* The query q[0..n), parsed as tree, with each of its positive words that
 * has a suggestion replaced by it (malloc'd, caller frees), or NULL when no
 * word has one.  all: try every word, not only those the index lacks. */
char *spell_fix(xdb *db, const qnode *tree, const char *q, size_t n,
		int all);

#endif
