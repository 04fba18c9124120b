/*
 * plan: the query planner.  A parsed query (query.h) becomes the Xapian
 * query that is run: this is where ranking is decided.  It reads a few
 * facts from the index (its languages, synonyms), never the documents.
 *
 * How a query word is searched (defaults chosen on SciFact, see README):
 *   word      -> SYNONYM(Z+stem in each language of the index [, accent-free
 *                form]) OR (ZS+stem scaled by title_weight)
 *                OR (XT+its first 6 characters, for words of 7 or more,
 *                scaled by trunc_weight)
 *   =word     -> the exact word (no stemming, no synonyms)
 *   CJK word  -> SYNONYM(word, PHRASE(its character bigrams)), so a word the
 *                dictionary splits differently in a text is still found
 *   phrase    -> PHRASE of the exact words (title phrase boosted likewise);
 *                letters then a number (sb 1047) also as the letters'
 *                synonyms then the number (senate bill 1047)
 *   OR-ed words: plus, for letters followed by a number (SB 1047, Executive
 *                Order 14110, SB 24-205: a split word's parts count as
 *                words), that pair as a phrase or as its long forms (h r
 *                4913 for H.R.4913; a number of several parts alone in a
 *                title: 25 21 for M-25-21), in text or title, scaled by
 *                id_weight; and a word that is the acronym of a title or
 *                name (initials.h: TRAIGA) as that name
 * plus synonyms from the index's synonym table for plain words.  Prefixes
 * and slots: schema.h.
 */
#ifndef PLAN_H
#define PLAN_H

#include <stddef.h>

#include "fields.h"
#include "fquery.h"
#include "hl.h"
#include "query.h"
#include "stem.h"
#include "tok.h"
#include "xdb.h"

#define PLAN_MAX_LANGS 16

/* What the planner reads: an index, with the tokenizer and stemmers to
 * read queries against it (all borrowed), and the index's languages. */
typedef struct plan_index {
	xdb *db;
	tok *t;
	stems *st;
	char langs[PLAN_MAX_LANGS][12];
	size_t nlangs;
	fields fl; /* the index's metadata fields (owned: plan_load_fields) */
} plan_index;

/* Reads the index's metadata fields (fields.h, FIELDS_META_KEY) into
 * ix->fl, replacing what it held; none for an index without them. */
void plan_load_fields(plan_index *ix);

/* Reads the languages the index holds (its L terms) into ix->langs;
 * "en" when it holds none. */
void plan_load_langs(plan_index *ix);

/* How to plan (the planner's part of search_opts, see search.h). */
typedef struct plan_opts {
	double title_weight; /* extra weight of title matches (0: off;
				negative: auto, 0.5 for queries of up to 4
				words, 0 for longer ones) */
	double proximity;    /* weight of adjacent words near each other */
	double trunc_weight; /* weight of a long word's truncated twin */
	double id_weight;    /* weight of an identifier (letters then a
				number, SB 1047) found as written or as one
				of its long forms (0: off) */
	double name_weight;  /* weight of the words of an OR-ed query standing
				in a title or name (plan.c: name_bonus) */
	int synonyms;	     /* expand synonyms */
	int stopwords;	     /* drop English stop-words from OR-ed words */
	unsigned max_wildcard;
	/* extra filters (CGI facets); NULL or "" = none */
	const char *f_source, *f_lang, *f_date_lo, *f_date_hi;
	/* dated on or after this date ("YYYY[-MM[-DD]]"), or undated and
	 * indexed on or after it (SCHEMA_SLOT_INDEXED); NULL or "" = none */
	const char *f_since;
	/* facet selections (fquery.h), but those on field sel_except */
	const fsel *sel;
	size_t nsel;
	const char *sel_except;
} plan_opts;

/* The Xapian query for q with o's extra filters (free with xdb_q_free), or
 * NULL without memory.  Adds the query's highlight patterns to hl. */
xdb_query *plan_build(const plan_index *ix, const plan_opts *o,
		      const qnode *q, hl_list *hl);

/* q with o's extra filters (free with xdb_q_free; takes ownership of q),
 * or NULL without memory: for queries made elsewhere (similar.h). */
xdb_query *plan_filter(const plan_index *ix, const plan_opts *o,
		       xdb_query *q);

/* As plan_build, and into *known the query's known-item evidence (NULL
 * if it has none; free with xdb_q_free): an identifier in a title or
 * name, or the words as (most of) a whole title or name (the name bonus).
 * A query whose evidence matches a document names one (prf.h). */
xdb_query *plan_build_known(const plan_index *ix, const plan_opts *o,
			    const qnode *q, hl_list *hl, xdb_query **known);

#endif
