/*
 * index: the writer's side of the schema (schema.h): turns an article into
 * a Xapian document (terms, positions, stems, fields, values, stored
 * record).  Building is separate from writing (xdb_replace, by the indexer's
 * pool) so that documents can be built in worker threads, one ixb per
 * thread, while one writer commits.
 *
 * What a document holds (prefixes and slots: see schema.h):
 *   title words at positions 0.. (plain and S-prefixed), then body words
 *   after a gap of 100 positions (so no phrase spans title and body);
 *   CJK bigrams (plain, S in titles) at their characters' positions;
 *   an accent-free twin of each accented word at the same position;
 *   Z+stem for every word (ZS+stem for title words) in the document's
 *   language; XT+the first 6 characters of every body or title word of 7
 *   or more (not numbers, not CJK): a truncated twin that joins variants
 *   stemming leaves apart, title words counting twice (measured on SciFact:
 *   +0.007 nDCG@10); A author words, B source words, XS whole source, L language,
 *   Y year, XM year+month, U url (all boolean); Q id (two documents from
 *   different origins may share it); XU+hex its unique term (origin and
 *   id, schema_keyterm); XQ+label:id (schema_qualterm); XR+hex the source
 *   the document was read from (boolean, see schema_srcterm); values: date,
 *   source, lang, year, hash (schema_hash_value), the record without its
 *   text, the body's MinHash signature (dup.h; the group key is written
 *   later, by dup_regroup); data: article_pack record.
 */
#ifndef INDEX_H
#define INDEX_H

#include <stdint.h>

#include "article.h"
#include "schema.h"
#include "xdb.h"

typedef struct ixb ixb;

/* A builder with its own tokenizer, stemmers and stem cache.  NULL on
 * failure with *err. */
ixb *ixb_new(char **err);
void ixb_free(ixb *b);

/* Fills d (reset first) from a; idterm gets "Q"+id (hashed if too long);
 * *hash the content hash (also stored in SCHEMA_SLOT_HASH).  lang is chosen
 * from the article or guessed from its script.  Returns 0 or negative.
 * Same as ixb_prepare(b, a, NULL, ...) then ixb_fill. */
int ixb_build(ixb *b, const article *a, xdb_doc *d, buf *idterm,
	      uint64_t *hash, char **err);

/* The two halves of ixb_build, so that an unchanged article costs no
 * tokenizing.  ixb_prepare chooses the language, packs the stored record,
 * sets idterm, the document's unique term, and *hash: the content hash of
 * SCHEMA_LAYOUT, srcterm and the record (so a document moved to another
 * source, or built by an indexer with another layout, counts as changed).
 * srcterm (borrowed, may be NULL) is also added to the document by ixb_fill
 * as a boolean term.  origin (borrowed, may be NULL): the absolute path of
 * the file or folder the article was read from; with it a document is
 * identified by its origin and its id (idterm: schema_keyterm), so sources
 * that use the same ids never replace each other's documents, and ixb_fill
 * adds the plain id term (schema_idterm, shared by documents of different
 * origins with one id) and the qualified one (schema_qualterm with label,
 * the origin's name as users see it).  Without origin idterm is "Q"+id.
 * ixb_fill then fills d (reset first) from the same article, which must be
 * unchanged since ixb_prepare.  Both return 0 or negative with *err. */
int ixb_prepare(ixb *b, const article *a, const char *srcterm,
		const char *origin, const char *label, buf *idterm,
		uint64_t *hash, char **err);
int ixb_fill(ixb *b, const article *a, xdb_doc *d, char **err);
/* A value folded into every content hash ixb_prepare computes (0: none),
 * for options that change what a document is made from (JSON key maps). */
void ixb_set_salt(ixb *b, uint64_t salt);
/* The metadata fields of this index (fields.h; borrowed, must outlive b;
 * NULL: none): each record's extra fields become value terms (XF), word
 * terms (XW), text after the body, and the facet value
 * (SCHEMA_SLOT_FIELDS), as the table says; the table's hash is folded into
 * the content hash of every document with extra fields. */
typedef struct fields fields;
void ixb_set_fields(ixb *b, const fields *f);
/* 1 (the default): each document gets its near-duplicate signature (dup.h);
 * 0: none (folded into the content hash, so switching re-indexes). */
void ixb_set_dedup(ixb *b, int on);

/* The index both programs use without --db: $SEARCHER_DB, else
 * $XDG_DATA_HOME/searcher/index, else ~/.local/share/searcher/index, else
 * "index" (see README).  Allocated; NULL without memory. */
char *index_default_path(void);

#endif
