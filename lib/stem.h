/*
 * stem: Snowball stemmers (through the shim) behind a per-language cache.
 * One stem set per thread; not thread safe.
 */
#ifndef STEM_H
#define STEM_H

#include <stddef.h>

typedef struct stems stems;

stems *stems_new(void); /* NULL on allocation failure */
void stems_free(stems *s);

/* The stem of term[0..len) in language lang (ISO 639-1 code); *out borrows
 * from the cache until the next call.  Returns the stem's length, or 0 when
 * there is no stemmer for lang, the term is too long, or on error. */
size_t stems_get(stems *s, const char *lang, const char *term, size_t len,
		 const char **out);

/* 1 if there is a stemmer for lang. */
int stems_has(stems *s, const char *lang);

#endif
