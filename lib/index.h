/*
 * index: turns an article into a Xapian document (terms, positions, stems,
 * fields, values, stored record), and writes documents in batches.
 *
 * Building (ixb_*) and writing (ixw_*) are separate so that documents can be
 * built in worker threads (one ixb per thread) while one writer commits.
 *
 * What a document holds (prefixes: see xdb.h):
 *   title words at positions 0.. (plain and S-prefixed), then body words
 *   after a gap of 100 positions (so no phrase spans title and body);
 *   CJK bigrams (plain, S in titles) at their characters' positions;
 *   an accent-free twin of each accented word at the same position;
 *   Z+stem for every word (ZS+stem for title words) in the document's
 *   language; A author words, B source words, XS whole source, L language,
 *   Y year, XM year+month (all boolean); Q id; values: date, source, lang,
 *   year, content hash; data: article_pack record.
 */
#ifndef INDEX_H
#define INDEX_H

#include <stdint.h>

#include "article.h"
#include "xdb.h"

typedef struct ixb ixb;

/* A builder with its own tokenizer, stemmers and stem cache.  NULL on
 * failure with *err. */
ixb *ixb_new(char **err);
void ixb_free(ixb *b);

/* Fills d (reset first) from a; idterm gets "Q"+id (hashed if too long);
 * *hash the content hash (also stored in XDB_SLOT_HASH).  lang is chosen
 * from the article or guessed from its script.  Returns 0 or negative. */
int ixb_build(ixb *b, const article *a, xdb_doc *d, buf *idterm,
	      uint64_t *hash, char **err);

/* The id term for an id: "Q"+id, or for ids over 200 bytes "Q"+first 180
 * bytes+"#"+hex hash.  Appends to out. */
void index_idterm(buf *out, const char *id);

/* 64-bit FNV-1a of a byte string, continuing from h (start with
 * INDEX_HASH_SEED). */
#define INDEX_HASH_SEED 0xcbf29ce484222325ULL
uint64_t index_hash(uint64_t h, const void *p, size_t n);

/* Normalizes a date string to the value stored in XDB_SLOT_DATE:
 * "YYYY-MM-DD" with unknown parts "00"; "" if no year.  out: 11 bytes. */
void index_date_value(const char *date, char out[11]);

#endif
