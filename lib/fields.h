/*
 * fields: the metadata fields of JSON Lines records beyond the built-in
 * ones (article.h), and what each becomes in the index: a filter
 * (`jurisdiction:"United States"`), a facet (counted on the page), a list
 * (values split at a separator, or a JSON array), extra text searched with
 * the body at a weight.  One table per index, written by the indexer into
 * the index's metadata (FIELDS_META_KEY) so that the searcher needs no
 * flag; the same text format is the `indexer --fields FILE` file:
 *
 *   # KEY      what it is
 *   jurisdiction filter facet
 *   tags        filter facet list=;
 *   short_summary text=2
 *   casual_name off
 *
 * One line per JSON key (a key with spaces in double quotes), then words:
 * `filter`, `facet` (a filter counted on the page), `text` or `text=N`
 * (words searched with the body, counted N times, 0..5; `text` is
 * `text=1`; 0: its words find the document but add nothing to its score,
 * and a phrase never spans them), `list` (JSON
 * arrays) or `list=SEP` (strings split at SEP, one to seven bytes), `off`
 * (not indexed).  `#` starts a comment.  A configured key keeps exactly
 * what its line says; every other key is classified from the collection.
 *
 * The rule when nothing is configured (measured over the records of the
 * run, fields_classify): a field's values are its strings, numbers and
 * booleans (empty ones left out), or the items of its lists.  A string
 * field is a list with separator ";" or "|" when at least a tenth of its
 * values hold that separator and its items are short.  Short: the items
 * are on average at most FIELDS_SHORT_CHARS characters long.  A short field
 * is a filter; it is also a facet when its values repeat, the values
 * present being at least FIELDS_FACET_REPEAT times as many as the distinct
 * ones.  A field that is not short is text of weight 0 and a filter on
 * its words: searched, not ranked, as measured on AGORA's judged queries
 * (README "Every metadata field": ranking by short_summary at weight 1
 * helps descriptions and costs a known item).  So AGORA's jurisdiction, authority, status and tags are filters
 * and facets, proposed_date a filter only (its values barely repeat), and
 * short_summary is text.
 *
 * Field names in queries: the key in lower case with every run of other
 * characters than a-z, 0-9 and _ turned into one _ ("Short summary" is
 * short_summary).  Keys whose name is a built-in query field (title,
 * date, source, ...) are left out.
 */
#ifndef FIELDS_H
#define FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define FIELDS_META_KEY "searcher:fields"
#define FIELDS_SHORT_CHARS 50
#define FIELDS_FACET_REPEAT 3
#define FIELDS_MAX 64	      /* fields per index */
#define FIELDS_VALUE_MAX 200  /* bytes of a value that can be a filter */

enum {
	FLD_FILTER = 1,
	FLD_FACET = 2,
	FLD_TEXT = 4,
	FLD_LIST = 8,  /* JSON arrays, or strings split at sep */
	FLD_OFF = 16
};

typedef struct fld {
	char *key;	 /* the JSON key as written */
	char *name;	 /* the name in queries (see above) */
	unsigned kinds;	 /* FLD_* */
	char sep[8];	 /* list separator in strings, "" for none */
	unsigned weight; /* FLD_TEXT: 0..5 */
	int configured;	 /* from a --fields line: never reclassified */
} fld;

typedef struct fields {
	fld *v;
	size_t n, cap;
} fields;

#define FIELDS_INIT {NULL, 0, 0}

void fields_clear(fields *f);

/* Parses the text format above, adding (or replacing) entries of f, each
 * marked configured if `configured`.  0, or ST_ERR with *err naming the
 * line. */
int fields_parse(fields *f, const char *s, size_t n, int configured,
		 char **err);
/* Appends f in the text format (what fields_parse reads back). */
void fields_print(const fields *f, buf *out);

/* The entry for a JSON key, or NULL. */
const fld *fields_by_key(const fields *f, const char *key, size_t len);
/* The entry for a query field name (ASCII case-insensitive), not off, or
 * NULL. */
const fld *fields_by_name(const fields *f, const char *name, size_t len);

/* The query name of a key (see above), malloc'd; NULL without memory. */
char *fields_name(const char *key, size_t len);

/* 1 if a query field name is built in (title, date, source, ...). */
int fields_builtin(const char *name);

/* ---- the rule: statistics over the records ---- */

typedef struct fields_stats fields_stats;

fields_stats *fields_stats_new(void);
void fields_stats_free(fields_stats *st);
/* Counts one value of key: s[0..n) a string (or number, boolean) or, with
 * is_item, one item of a JSON array. */
void fields_stats_add(fields_stats *st, const char *key, size_t klen,
		      const char *s, size_t n, int is_item);
/* Adds an entry to f for every key counted that f does not have, by the
 * rule above.  0, or ST_ENOMEM. */
int fields_classify(fields *f, const fields_stats *st);

/* Calls fn for each item of a value v[0..n) of field e (the whole value,
 * or its list items; trimmed, empty ones skipped; a JSON array's items
 * arrive joined by FIELDS_ITEM_SEP). */
#define FIELDS_ITEM_SEP '\x1f'
void fields_items(const fld *e, const char *v, size_t n,
		  void (*fn)(void *ctx, const char *item, size_t len),
		  void *ctx);

/* A hash of what f makes of documents (for content hashes): 0 when f is
 * empty. */
uint64_t fields_hash(const fields *f);

#endif
