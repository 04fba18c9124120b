/*
 * synonym: synonym lists (the one shipped with the engine, built in from
 * indexer/synonyms.txt, and users' own) loaded into an index's synonym
 * table, where the search layer looks words and quoted phrases up.
 */
#ifndef SYNONYM_H
#define SYNONYM_H

#include <stddef.h>

#include "tok.h"
#include "xdb.h"

/* The built-in list (generated from indexer/synonyms.txt at build time). */
extern const char synonym_default[];

/* Loads a list (format: see indexer/synonyms.txt) into db: every member of
 * a group becomes a key whose synonyms are the other members, each
 * normalized as the query parser would (terms joined by one space).  The
 * keys a previous load stored are cleared first when `replace` is set
 * (so a re-run with an edited list leaves no stale entries).  *groups (if
 * not NULL) gets the number of groups loaded.  Returns 0 or negative. */
int synonym_load(xdb *db, tok *t, const char *text, size_t len, int replace,
		 unsigned *groups, char **err);

#endif
