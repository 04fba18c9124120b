/*
 * fcount: the counts of the metadata facets (fields.h) of a search.  The
 * index keeps each document's facet values in one value slot
 * (SCHEMA_SLOT_FIELDS: "name US item" entries joined by RS); Xapian's
 * value counter counts the distinct whole values of the matching
 * documents, and this module adds each whole value's count to each of
 * its entries: the number of matching documents that have that item.
 * Exact for the documents the search looked at (every match up to
 * SEARCH_COUNT_BOUND), and it works over remote shards, which only know
 * Xapian's own counter.
 */
#ifndef FCOUNT_H
#define FCOUNT_H

#include <stddef.h>

#include "fields.h"

typedef struct fcount fcount;

typedef struct fcount_val {
	char *value;
	unsigned count;
} fcount_val;

/* NULL without memory. */
fcount *fcount_new(void);
void fcount_free(fcount *c);
/* Adds count for every entry of the slot value v[0..n) on field `only`
 * (NULL: every field).  0, or -1 without memory. */
int fcount_add(fcount *c, const char *v, size_t n, unsigned count,
	       const char *only);
/* The values counted for field name, most frequent first (then by
 * value), into a malloc'd array *out of *n (each value malloc'd).  0, or
 * -1 without memory. */
int fcount_get(const fcount *c, const char *name, fcount_val **out,
	       size_t *n);

#endif
