/*
 * stem: Snowball stemmers (through the shim) behind a per-language cache.
 * One stem set per thread; not thread safe.
 */
#ifndef STEM_H
#define STEM_H

#include <stddef.h>

typedef struct stems stems;

/* A stem set whose cache holds `slots` entries per language (rounded to a
 * power of two; 0: a default of 1024).  Indexing wants many (8192: the
 * vocabulary of a corpus), one query few (each entry costs ~140 bytes that
 * a short-lived process pays for in page faults).  NULL on allocation
 * failure. */
stems *stems_new(unsigned slots);
void stems_free(stems *s);

/* The stem of term[0..len) in language lang (ISO 639-1 code); *out borrows
 * from the cache until the next call.  Returns the stem's length, or 0 when
 * there is no stemmer for lang, the term is too long, or on error. */
size_t stems_get(stems *s, const char *lang, const char *term, size_t len,
		 const char **out);

/* 1 if there is a stemmer for lang. */
int stems_has(stems *s, const char *lang);

#endif
