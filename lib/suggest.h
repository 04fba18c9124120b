/*
 * suggest: completions of what a user is typing, for the browser's search
 * box (OpenSearch suggestions, `format=suggest` on the page).
 *
 * At index time each title gives suggestion terms (SCHEMA_SUGGEST, "XC"
 * then the phrase): every run of 1 to SUGGEST_NGRAM words of the title
 * that neither starts nor ends with a stop-word, and the whole title (its
 * first SUGGEST_TITLE_WORDS words).  A phrase is the tokenizer's terms
 * (lowercase, as searched) joined by one space, with no space between two
 * Chinese or Japanese words.  A term's frequency is the number of titles
 * holding the phrase, so frequent phrases rank first.
 *
 * At query time the typed text becomes the same form (its last word may
 * be partial; a trailing space asks for the next word) and the terms that
 * start with it are scanned in the term dictionary, at most SUGGEST_SCAN
 * of them, so the cost is bounded whatever the size of the index; the
 * completions are the most frequent first, then the shorter, then
 * alphabetical.  Texts under SUGGEST_MIN_BYTES bytes get none.
 */
#ifndef SUGGEST_H
#define SUGGEST_H

#include <stddef.h>

#include "tok.h"
#include "util.h"
#include "xdb.h"

#define SUGGEST_NGRAM 3	       /* words in a phrase */
#define SUGGEST_TITLE_WORDS 12 /* words of a whole title */
#define SUGGEST_SCAN 20000     /* terms looked at per request */
#define SUGGEST_MIN_BYTES 2
#define SUGGEST_MAX 10	       /* completions at most */

/* Adds the suggestion terms of title[0..n) to d (boolean terms), using t
 * and scratch.  Returns ST_OK or a negative code (tokenizer failure). */
int suggest_index(tok *t, const char *title, size_t n, xdb_doc *d,
		  buf *scratch);

/* Up to max (at most SUGGEST_MAX) completions of q[0..n) into *out (an
 * array of malloc'd strings, free with strv_free(*out, *nout)).  Returns
 * ST_OK (maybe with none) or an ST_* code with *err. */
int suggest_complete(xdb *db, tok *t, const char *q, size_t n, size_t max,
		     char ***out, size_t *nout, char **err);

#endif
