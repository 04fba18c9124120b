/*
 * csv: RFC 4180 records.  A field is written as it is unless it holds a
 * comma, a double quote, a CR or an LF, or starts or ends with a space;
 * then it goes in double quotes, each quote inside doubled.  Records end
 * in CRLF.  Bytes pass through unchanged (the caller gives UTF-8), so a
 * parser that follows RFC 4180 reads back exactly what was written
 * (tests/unit/test_csv.c does, for every byte value).
 */
#ifndef CSV_H
#define CSV_H

#include <stddef.h>

#include "util.h"

/* Appends field s[0..n) to o, after a comma unless it is the record's
 * first (*nf counts the fields written in the record so far). */
void csv_field(buf *o, int *nf, const char *s, size_t n);
/* csv_field for a C string. */
void csv_str(buf *o, int *nf, const char *s);
/* Ends the record (CRLF) and starts the next (*nf = 0). */
void csv_end(buf *o, int *nf);

#endif
