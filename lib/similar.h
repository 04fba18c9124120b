/*
 * similar: related articles ("more like this").  A document's own words
 * choose its neighbours by relevance feedback: Xapian's ESet, with the
 * document as the one relevant document, gives the SIMILAR_TERMS words
 * that best tell it from the rest of the index (the words schema_feedback
 * accepts: as written, no fields, no numbers); they are OR-ed, each
 * weighted by its expansion weight over the best one's, and the document
 * itself and the other members of its duplicate group (dup.h) are left
 * out.  The search then runs, ranks and collapses like any other.
 */
#ifndef SIMILAR_H
#define SIMILAR_H

#include "hl.h"
#include "xdb.h"

#define SIMILAR_TERMS 25

/* The query for the documents like document docid (free with xdb_q_free)
 * into *out, and one highlight pattern per word of it added to hl.
 * Returns ST_OK, or an ST_* code with *err (ST_ENOENT: no such document;
 * *out is then NULL). */
int similar_query(xdb *db, unsigned docid, hl_list *hl, xdb_query **out,
		  char **err);

#endif
