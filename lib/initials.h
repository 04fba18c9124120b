/*
 * initials: the acronyms of titles and names (issue 11).  People type the
 * initials of a long name (TRAIGA for the Texas Responsible Artificial
 * Intelligence Governance Act, KOSA, GDPR) where no field of the document
 * holds them.
 *
 * At index time each segment of a title or well-known name (from its
 * start or after a "(", ")", ",", ":", ";", "[", "]" or quote, to the
 * next one, a number or a word not in Latin letters) gives boolean terms
 * SCHEMA_INITIALS ("XI") + the first letters of its first k words, for k
 * from INITIALS_MIN to INITIALS_MAX: once with every word, once without
 * the stop-words (Creating Helpful Incentives to Produce Semiconductors:
 * chitps and chips).
 *
 * At query time (plan.c) a word that is such a term and that the texts
 * use no more often as a word is read as the name it abbreviates.
 */
#ifndef INITIALS_H
#define INITIALS_H

#include <stddef.h>

#include "tok.h"
#include "util.h"
#include "xdb.h"

#define INITIALS_MIN 3 /* words (letters) of an acronym */
#define INITIALS_MAX 8

/* Adds the initials terms of the title text s[0..n) to d (boolean terms),
 * using t and scratch.  Returns ST_OK or a negative code (tokenizer
 * failure). */
int initials_index(tok *t, const char *s, size_t n, xdb_doc *d, buf *scratch);

/* 1 if acr (folded letters) is an initials term of the title text
 * s[0..n) as initials_index makes them, with [*bs, *be) the bytes of the
 * words it abbreviates (the first such); 0 if not (or the tokenizer
 * failed). */
int initials_find(tok *t, const char *s, size_t n, const char *acr,
		  size_t *bs, size_t *be);

#endif
