/*
 * jflat: a fast reader for the common JSON Lines record, one object whose
 * values are all strings.  jansson's json_loadb reads a byte at a time
 * through a stream and costs about 270 instructions a byte (a tenth of
 * indexing a gutenberg article); this reads such a line in one pass.
 * Anything else (numbers, arrays, nested objects, literals, surrogate
 * escapes, a NUL in a key, bad UTF-8, a syntax error) is left to jansson,
 * which reads it and words its errors: jflat never decides an error.
 */
#ifndef JFLAT_H
#define JFLAT_H

#include <stddef.h>

#include <jansson.h>

/* The object of the JSON text s[0..n), as json_loadb(s, n,
 * JSON_ALLOW_NUL) would return it (a new reference), or NULL when s is
 * not an object of string values in the forms read here, or without
 * memory: then call json_loadb. */
json_t *jflat_load(const char *s, size_t n);

#endif
