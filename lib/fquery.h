/*
 * fquery: the Xapian queries of metadata fields (fields.h) and of facet
 * selections, for the planner (plan.c).  Terms: schema.h (XF values, XW
 * words).
 *
 *   name:value     the folded whole value (or list item), or, unquoted,
 *                  also every word of it among the field's words
 *   name:"a value" the whole value only (a text field: all its words)
 *
 * Facet selections (the page's multi-select): values of one field are
 * ORed, fields ANDed (a document with tags A or B, and status S).  Fields:
 * the index's facet fields, and source, lang and year.
 */
#ifndef FQUERY_H
#define FQUERY_H

#include <stddef.h>

#include "fields.h"
#include "tok.h"
#include "xdb.h"

typedef struct fsel {
	const char *field; /* "source", "lang", "year" or a field's name */
	const char *value; /* as shown (folded here) */
} fsel;

/* The filter for name:value (see above): NULL without memory; <none> for
 * a field fl does not have. */
xdb_query *fquery_value(tok *t, const fields *fl, const char *name,
			const char *value, int quoted);

/* The filter of the selections sel[0..n), leaving out those on field
 * `except` (NULL: none left out); NULL if there is none left (or without
 * memory: *nomem set). */
xdb_query *fquery_select(tok *t, const fields *fl, const fsel *sel, size_t n,
			 const char *except, int *nomem);

#endif
