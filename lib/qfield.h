/*
 * qfield: the fields of the query language, for the parser (query.c):
 * which names are fields (the built-in ones of query_fields, then the
 * index's metadata fields, fields.h), what kind of value each takes, and
 * the reading of a date: value.  Pure functions: no parser state.
 */
#ifndef QFIELD_H
#define QFIELD_H

#include <stddef.h>

#include "date.h"
#include "fields.h"

/* The built-in field names, NULL-terminated: query.h's query_fields,
 * defined in qfield.c. */
extern const char *const query_fields[];

/* Field numbers: the built-in ones in the order of query_fields, then the
 * metadata fields from QF_EXTRA (QF_EXTRA + i is fields->v[i]). */
enum {
	F_NONE = -1,
	F_TITLE,
	F_AUTHOR,
	F_SOURCE,
	F_LANG,
	F_LANGUAGE,
	F_ID,
	F_DATE,
	F_DUP,
	QF_EXTRA
};

/* The field named s[0..len) (ASCII case-insensitive): a built-in one, else
 * a metadata field of fl (may be NULL) that is not off; F_NONE if none. */
int qfield_find(const char *s, size_t len, const fields *fl);

/* The name of field f (static, or borrowed from fl). */
const char *qfield_name(int f, const fields *fl);

/* 1 if field f takes words, phrases, wildcards and groups (title, author,
 * source, and no field); 0 if it takes one value (lang, id, date, dup and
 * the metadata fields). */
int qfield_is_text(int f);

/* Bytes of a field name at s[0..n): letters, digits and "_" (the
 * characters of fields_name). */
size_t qfield_name_len(const char *s, size_t n);

/* A date: value: A, A..B, A.., ..B (date.h, DATE_QUERY: YYYY, YYYY-M[M],
 * YYYY-M[M]-D[D], "-" or "/"), each end in ISO form in lo and hi ("" for
 * an open end; a reversed range is swapped).  Returns 0, or -1 if it is
 * not a date. */
int qfield_date_range(const char *s, size_t n, char lo[DATE_MAX],
		      char hi[DATE_MAX]);

#endif
