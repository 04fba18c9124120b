/*
 * whyhit: why a hit of a snippet is not the query's word as typed, from
 * the origin of the highlight pattern that made it (hl.h) and its text:
 * a synonym of a query word, an expansion term, the word in the other
 * Chinese script (a hit in Traditional characters for a query in
 * Simplified, or the other way), a word that shares only its stem with the
 * query's (generous: General; not controls: control, policy: policies).
 * The reasons go into a why list (why.h) that the printers say.
 */
#ifndef WHYHIT_H
#define WHYHIT_H

#include <stddef.h>

#include "hl.h"
#include "query.h"
#include "snip.h"
#include "tok.h"
#include "why.h"

/* Adds to l why the hits shown by spans[0..nspans) are not the query's
 * words: the spans the last snip_make_ctx call with c made over text with
 * the patterns of hs.  where WHY_NONE: the hits are in the text, and a hit
 * that is the query's word (or overlaps one) adds nothing, another adds
 * its reason; WHY_TITLE or WHY_NAME: every hit adds an item of that
 * reason, by way of (via) its own.  t folds text as terms are (borrowed).
 * Returns 0, or -1 without memory. */
int whyhit_add(why_list *l, const snip_ctx *c, tok *t, const char *text,
	       const snip_span *spans, size_t nspans, const hl_set *hs,
	       why_reason where);

/* Marks the patterns of each Chinese word of query that the query typed
 * in other characters than the term searched (數據 searched as 数据) as
 * HL_FOLD of the word as typed: q[0..n) is the query string that tree
 * was parsed from.  Returns 0, or -1 without memory. */
int whyhit_mark_folds(hl_list *l, const qnode *tree, const char *q, size_t n);

/* Adds to l the field clauses of the query tree that a snippet does not
 * show: filters on a field but lang:, id:, dup: and date:, and words of
 * a field but the title (WHY_FIELD: the value as the query has it, of the
 * field's name).  Returns 0, or -1 without memory. */
int whyhit_fields(why_list *l, const qnode *tree);

/* Marks the patterns of each word of tree, a spelling correction of
 * typed (spell.h: word for word), that differs from typed's word as
 * HL_SPELLING of that word.  Returns 0, or -1 without memory. */
int whyhit_mark_fixes(hl_list *l, const qnode *tree, const qnode *typed);

/* Adds to l each word of tree that the planner searched as an acronym
 * (its pattern in hl is marked so) and that abbreviates words of the title
 * (or else of a name: initials.h) (WHY_ACRONYM: the words as title or
 * names has them, of the word as q[0..n) types it).  t tokenizes
 * (borrowed); title and names may be NULL.  For a hit whose text shows no
 * word of the query.  Returns 0, or -1 without memory. */
int whyhit_acronyms(why_list *l, tok *t, const hl_list *hl, const qnode *tree,
		    const char *q, size_t n, const char *title,
		    const char *names);

#endif
