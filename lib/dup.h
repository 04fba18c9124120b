/*
 * dup: near-duplicate detection.  At index time each document's body gets
 * a MinHash signature: DUP_K minima of DUP_K hash functions over the
 * shingles of DUP_SHINGLE words from our tokenizer (a syndicated copy with
 * another headline, a paragraph cut, a changed byline or boilerplate
 * around it keeps most shingles; quotes typed differently are not words).
 * At the end of every indexer run dup_regroup gives near-copies one
 * duplicate-group key (SCHEMA_SLOT_DUP), on which the searcher collapses.
 *
 * Two documents are copies when their signatures estimate a resemblance
 * (Jaccard of shingle sets) J >= DUP_MIN_J and the smaller one is at least
 * DUP_MIN_CONTAIN contained in the larger (estimated from J and the
 * shingle counts: |A n B| = J (|A| + |B|) / (1 + J)): a bill re-introduced
 * with a new header, or a copy with boilerplate added, is mostly contained
 * in the other even when J is low.  SimHash was tried first and missed
 * exactly these (a copy with 45% more text around it moves too many bits).
 *
 * Groups are the connected components of "copies".  The key of a group is
 * the id hash (schema.h) of its member with the smallest one, as 16 hex
 * digits; a document alone has no key.  A new copy joins its group; a
 * removed document leaves it; when the member that gave the key leaves,
 * the group takes the next smallest id hash as its key (a key names the
 * current members, it is not a lasting identity).  Groups are computed from
 * the stored signatures alone, after every run, so bulk and incremental
 * builds give the same groups.
 *
 * Candidates come from banding (LSH), not from comparing every pair: the
 * signature is cut into DUP_K/2 bands of 2 minima, and only documents that
 * agree on a whole band are compared (a pair with J = 0.3 agrees on one
 * with probability 0.95, a pair with J = 0.02 with 0.013).
 */
#ifndef DUP_H
#define DUP_H

#include <stddef.h>
#include <stdint.h>

#include "xdb.h"

#define DUP_SHINGLE 3	     /* words per shingle */
#define DUP_MIN_SHINGLES 24  /* fewer: no signature (too short to tell) */
#define DUP_K 64	     /* minima per signature */
#define DUP_MIN_J 0.25	     /* resemblance ... */
#define DUP_MIN_CONTAIN 0.8  /* ... and containment of the smaller */

/* A signature being built: feed it the body's words in order. */
typedef struct dup_sketch {
	uint64_t min[DUP_K];
	uint64_t last[DUP_SHINGLE - 1];
	size_t nwords;
} dup_sketch;

void dup_start(dup_sketch *s);
void dup_word(dup_sketch *s, const char *term, size_t len);

/* The value stored in SCHEMA_SLOT_DUPSIG: the id hash (8 bytes), the
 * shingle count (4) and the DUP_K minima (4 bytes each), big-endian. */
#define DUP_VALUELEN (12 + 4 * DUP_K)
/* Writes the value for s and idhash into out; returns 0, or -1 if the
 * text had fewer than DUP_MIN_SHINGLES shingles (no signature). */
int dup_finish(const dup_sketch *s, uint64_t idhash,
	       unsigned char out[DUP_VALUELEN]);

/* One document's signature, for dup_groups. */
typedef struct dup_item {
	uint32_t sig[DUP_K];
	uint32_t nshingles;
	uint64_t idhash;
	unsigned group; /* out: index of the item whose idhash keys the
			   group (its own index when alone) */
	unsigned size;	/* out: members of its group */
} dup_item;

/* Reads a stored value into it; 0, or -1 if it is not one. */
int dup_parse(const char *v, size_t n, dup_item *it);

/* 1 if a and b are copies (see above). */
int dup_similar(const dup_item *a, const dup_item *b);

/* Groups items[0..n) (see above).  Returns 0, or -1 without memory. */
int dup_groups(dup_item *items, size_t n);

/* Recomputes the groups of the index whose shards are dbs[0..n) (open for
 * writing) and writes the keys that changed into SCHEMA_SLOT_DUP (not
 * committed).  *changed (may be NULL) gets the number of documents whose
 * key changed.  Returns 0 or an ST_* code with *err. */
int dup_regroup(xdb *const *dbs, unsigned n, unsigned long *changed,
		char **err);

#endif
