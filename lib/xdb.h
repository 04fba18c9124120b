/*
 * xdb: the Xapian shim.  The only file that includes Xapian headers is
 * xdb.cc; this header is plain C.  Conventions (LevelDB's C API):
 *  - opaque handles; every create has its destroy, which accepts NULL;
 *  - pointer + length pairs for byte strings;
 *  - every function that can fail returns an ST_* code (status.h) and takes
 *    a trailing `char **err` (may be NULL) that gets a malloc'd message
 *    (free()).
 *  - no C++ exception ever crosses into C: every entry point catches all.
 *
 *  - mechanical: it translates, it does not decide.  What the terms, values
 *    and spelling words of an index are is the schema's business (schema.h).
 */
#ifndef XDB_H
#define XDB_H

#include <stddef.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xdb xdb;
typedef struct xdb_doc xdb_doc;
typedef struct xdb_query xdb_query;
typedef struct xdb_mset xdb_mset;
typedef struct xdb_stem xdb_stem;

/* ---- databases ---- */

/* Opens for reading: a database folder, or a stub file listing shards
 * (Xapian's stub format, local or remote "remote ..." lines). */
int xdb_open(const char *path, xdb **out, char **err);
/* Opens for writing, creating the folder if needed.  Fails with ST_ELOCK
 * at once (no waiting) if another writer has it. */
int xdb_open_write(const char *path, xdb **out, char **err);
/* Closes.  Xapian 1.4 commits a writer's pending changes on close; call
 * xdb_commit first to see any error.  NULL ok. */
void xdb_close(xdb *db);
/* Brings a reader up to the latest commit. */
int xdb_reopen(xdb *db, char **err);
int xdb_commit(xdb *db, char **err);

/* The number of documents into *n.  0, or negative with *err (a damaged
 * or unreadable index; *n is then 0). */
int xdb_doccount(xdb *db, unsigned *n, char **err);
/* The number of documents containing term into *n (0 if none).  0, or
 * negative with *err. */
int xdb_termfreq(xdb *db, const char *term, size_t len, unsigned *n,
		 char **err);
/* The average document length (for weights) into *n.  0, or negative
 * with *err. */
int xdb_avlength(xdb *db, double *n, char **err);

/* User metadata (key/value stored with the index). *val malloc'd, "" when
 * absent. */
int xdb_get_meta(xdb *db, const char *key, char **val, size_t *len, char **err);
int xdb_set_meta(xdb *db, const char *key, const char *val, size_t len,
		 char **err);

/* ---- documents (writing) ---- */

xdb_doc *xdb_doc_new(void);
void xdb_doc_free(xdb_doc *d);
/* Positional term: adds one occurrence at pos. */
void xdb_doc_posting(xdb_doc *d, const char *term, size_t len, unsigned pos);
/* Non-positional term with wdf increment (0 for a boolean term). */
void xdb_doc_term(xdb_doc *d, const char *term, size_t len, unsigned wdfinc);
void xdb_doc_value(xdb_doc *d, unsigned slot, const char *v, size_t len);
void xdb_doc_data(xdb_doc *d, const char *data, size_t len);
/* Clears the document for reuse (keeps memory). */
void xdb_doc_reset(xdb_doc *d);

/* Which terms go into the spelling table: 1 for a term to add. */
typedef int (*xdb_word_fn)(const char *term, size_t len);

/* Adds or replaces the document whose unique term is idterm.  With a
 * spelling predicate set (xdb_set_spelling), the document's terms it
 * accepts also go into the spelling table, once per document, for "did you
 * mean" (a replaced document's old words are not taken out: the table only
 * grows until a rebuild). */
int xdb_replace(xdb *db, const char *idterm, size_t len, xdb_doc *d,
		char **err);
/* Writers: feed the spelling table on xdb_replace with the terms that
 * spellable accepts; NULL (the default): not at all. */
void xdb_set_spelling(xdb *db, xdb_word_fn spellable);
/* Deletes the document with that id term (no error if absent). */
int xdb_delete(xdb *db, const char *idterm, size_t len, char **err);

/* Reads the data (and a value) of the document with that id term.
 * Returns ST_ENOENT if there is none. *data malloc'd. */
int xdb_get(xdb *db, const char *idterm, size_t len, char **data,
	    size_t *datalen, unsigned *docid, char **err);
/* Value in slot of a document; *v malloc'd ("" if absent). */
int xdb_get_value(xdb *db, const char *idterm, size_t len, unsigned slot,
		  char **v, size_t *vlen, char **err);

/* Calls fn for every term with this prefix (for listing ids, wildcards).
 * Stops when fn returns non-zero. */
int xdb_allterms(xdb *db, const char *prefix, size_t plen,
		 int (*fn)(void *ctx, const char *term, size_t len,
			   unsigned termfreq),
		 void *ctx, char **err);

/* Calls fn for each term of document docid that starts with prefix, in
 * term order; stops when fn returns non-zero.  ST_ENOENT if there is no
 * such document. */
int xdb_doc_terms(xdb *db, unsigned docid, const char *prefix, size_t plen,
		  int (*fn)(void *ctx, const char *term, size_t len),
		  void *ctx, char **err);

/* Relevance feedback from one document (Xapian's ESet, with document docid
 * as the only relevant one): the nterms terms that best tell it from the
 * rest of the index, among those accept(ctx, term) takes (non-zero; NULL:
 * all), best first, each given to fn with its expansion weight.  Stops
 * when fn returns non-zero. */
int xdb_expand(xdb *db, unsigned docid, unsigned nterms,
	       int (*accept)(void *ctx, const char *term, size_t len),
	       int (*fn)(void *ctx, const char *term, size_t len,
			 double weight),
	       void *ctx, char **err);

/* The lowest and highest value any document has in slot (Xapian's value
 * bounds: after deletions they may be wider than the values left); *lo and
 * *hi malloc'd, "" when no document has one. */
int xdb_value_bounds(xdb *db, unsigned slot, char **lo, char **hi,
		     char **err);

/* ---- stemming ---- */

/* A Snowball stemmer for an ISO 639-1 code or Xapian language name; "none"
 * or an unknown language gives ST_ENOENT. */
int xdb_stem_new(const char *lang, xdb_stem **out, char **err);
void xdb_stem_free(xdb_stem *s);
/* Appends nothing and returns the stem length written to out (cap bytes
 * with NUL); 0 on error or if it does not fit. */
size_t xdb_stem_run(xdb_stem *s, const char *w, size_t len, char *out,
		    size_t cap);
/* 1 if Xapian has a stemmer for this language code. */
int xdb_stem_has(const char *lang);

/* ---- spelling and synonyms (stored in the index) ---- */

int xdb_add_spelling(xdb *db, const char *word, size_t len, unsigned inc,
		     char **err);
/* Suggestion for word within edit distance 2; *out malloc'd, "" if none. */
int xdb_spell(xdb *db, const char *word, size_t len, char **out, char **err);
int xdb_add_synonym(xdb *db, const char *term, const char *synonym,
		    char **err);
int xdb_clear_synonyms(xdb *db, const char *term, char **err);
/* Calls fn for each synonym of term. */
int xdb_synonyms(xdb *db, const char *term,
		 int (*fn)(void *ctx, const char *syn, size_t len), void *ctx,
		 char **err);

/* ---- queries ---- */

enum {
	XQ_AND,
	XQ_OR,
	XQ_AND_NOT,
	XQ_AND_MAYBE,
	XQ_FILTER,
	XQ_PHRASE, /* window: 0 = number of subqueries */
	XQ_NEAR,
	XQ_SYNONYM,
	XQ_ELITE_SET,
	XQ_MAX
};

/* Every constructor returns NULL only on allocation failure.  Constructors
 * that take subqueries take ownership of them (also on failure), and
 * tolerate NULL entries (skipped). */
xdb_query *xdb_q_term(const char *term, size_t len, unsigned wqf,
		      unsigned pos);
xdb_query *xdb_q_op(int op, xdb_query **subs, size_t n, unsigned window);
/* Documents whose value in slot is in [lo, hi]; NULL lo/hi: open end. */
xdb_query *xdb_q_range(unsigned slot, const char *lo, const char *hi);
/* Terms starting with prefix (at most maxexp of them; more is an
 * ST_EQUERY error at search time, reported as "too many terms"). */
xdb_query *xdb_q_wildcard(const char *prefix, size_t len, unsigned maxexp);
/* Like xdb_q_wildcard, but past maxexp only the most frequent terms are
 * kept (no error): for expansions the engine makes itself. */
xdb_query *xdb_q_prefix(const char *prefix, size_t len, unsigned maxexp);
/* q's weight multiplied by factor (>= 0). Takes ownership of q. */
xdb_query *xdb_q_scale(xdb_query *q, double factor);
/* A weight for the documents that have a value in slot: fn(ctx, value)
 * each, which must lie in [0, maxweight] and must not fail; documents
 * without a value do not match.  ctx must outlive every search run with
 * the query.  (Not for remote shards: the function cannot travel.) */
xdb_query *xdb_q_valueweight(unsigned slot,
			     double (*fn)(void *ctx, const char *v, size_t n),
			     void *ctx, double maxweight);
/* A copy of q (the copy shares nothing that freeing q frees), or NULL
 * without memory. */
xdb_query *xdb_q_copy(const xdb_query *q);
/* The documents q matches, each weighted w (>= 0) whatever its length or
 * q's own weight.  Takes ownership of q. */
xdb_query *xdb_q_const(xdb_query *q, double w);
xdb_query *xdb_q_all(void);
xdb_query *xdb_q_none(void);
void xdb_q_free(xdb_query *q);
/* Xapian's description of the query, malloc'd. */
char *xdb_q_describe(const xdb_query *q);

/* ---- searching ---- */

typedef struct xdb_search_opts {
	unsigned offset, limit;
	double k1, b;		/* BM25 parameters */
	int sort_slot;		/* -1: by relevance; else by that value */
	int sort_reverse;	/* with sort_slot: newest first */
	unsigned check_at_least;/* for better estimates / facet counts */
	const unsigned *facet_slots; /* count values in these slots */
	size_t nfacets;
	int collapse;		/* 1: at most one hit per value of
				   collapse_slot (documents without one are
				   never collapsed) */
	unsigned collapse_slot;
	/* spy: called for every match Xapian looks at (every match when it
	   counts them all: fewer than check_at_least), collapsed copies
	   included, with its docid, its weight and its values in
	   spy_slots[0..nspy) (v[k], vlen[k]; "" if absent).  NULL: none.
	   Xapian cannot run it on remote shards: then the search runs
	   without it and xdb_mset_spied says 0. */
	void (*spy)(void *ctx, unsigned docid, double wt,
		    const char *const *v, const size_t *vlen);
	void *spy_ctx;
	const unsigned *spy_slots;
	size_t nspy;
} xdb_search_opts;

/* Runs q.  Ties in score are broken by ascending docid (deterministic). */
int xdb_search(xdb *db, const xdb_query *q, const xdb_search_opts *o,
	       xdb_mset **out, char **err);
/* Pseudo-relevance feedback: takes documents docids[0..ndocs) as
 * relevant and calls fn, best first, with up to nterms terms that Xapian's
 * ESet ranks best (Bo1) among those accept takes and q does not hold, each
 * with its expand weight.  0, or negative with *err. */
typedef int (*xdb_term_weight_fn)(void *ctx, const char *term, size_t len,
				  double weight);
int xdb_expand_query(xdb *db, const xdb_query *q, const unsigned *docids,
		     size_t ndocs, unsigned nterms, xdb_word_fn accept,
		     xdb_term_weight_fn fn, void *ctx, char **err);
void xdb_mset_free(xdb_mset *m);
size_t xdb_mset_size(const xdb_mset *m);
/* Estimated total matches, and its bounds.  Collapsed: groups, exact when
 * every match was within check_at_least. */
unsigned xdb_mset_estimate(const xdb_mset *m, unsigned *lower,
			   unsigned *upper);
unsigned xdb_mset_docid(const xdb_mset *m, size_t i);
double xdb_mset_weight(const xdb_mset *m, size_t i);
/* With collapse: how many other matching documents of hit i's group were
 * collapsed into it (a lower bound when Xapian did not look at every
 * match); 0 otherwise. */
unsigned xdb_mset_collapsed(const xdb_mset *m, size_t i);
/* Value in slot of hit i (read lazily: the document data is not
 * fetched); *v malloc'd, "" if absent. */
int xdb_mset_value(xdb_mset *m, size_t i, unsigned slot, char **v,
		   size_t *len, char **err);
/* Searched with collapse: hit i's value in the collapse slot, as the
 * matcher read it (no read of the index); *v malloc'd, "" if absent. */
int xdb_mset_collapse_key(xdb_mset *m, size_t i, char **v, size_t *len,
			  char **err);
/* Document data of hit i; *data malloc'd. */
int xdb_mset_data(xdb_mset *m, size_t i, char **data, size_t *len,
		  char **err);
/* Term frequency as seen by this search (for snippet weights). */
unsigned xdb_mset_termfreq(const xdb_mset *m, const char *term, size_t len);
/* 1 if o->spy saw this search's matches (0: no spy, or remote shards). */
int xdb_mset_spied(const xdb_mset *m);
/* Facet counts for facet k (index into o->facet_slots): calls fn per value,
 * most frequent first. */
int xdb_mset_facets(xdb_mset *m, size_t k,
		    int (*fn)(void *ctx, const char *val, size_t len,
			      unsigned count),
		    void *ctx);

/* Like xdb_mset_facets, but every value counted, in value order. */
int xdb_mset_facets_all(xdb_mset *m, size_t k,
			int (*fn)(void *ctx, const char *val, size_t len,
				  unsigned count),
			void *ctx);

/* The Xapian library version string (static). */
const char *xdb_version(void);

/* ---- indexer support: write options, bulk builds, compaction ---- */

enum {
	XDB_W_NEW = 1,	     /* fail if a database exists there */
	XDB_W_NOSYNC = 2,    /* no fsync on commit (temporary databases) */
	XDB_W_DANGEROUS = 4  /* update blocks in place: a crash can leave it
			      * unreadable (temporary databases only) */
};
/* xdb_open_write with XDB_W_* flags. */
int xdb_open_write_opts(const char *path, unsigned flags, xdb **out,
			char **err);
/* Closes a writer WITHOUT committing what is pending (after a write error,
 * or to drop work): the database stays as of its last commit.  NULL ok. */
void xdb_close_discard(xdb *db);
/* The highest document id ever used (0 if none) into *n.  0, or negative
 * with *err. */
int xdb_lastdocid(xdb *db, unsigned *n, char **err);
int xdb_delete_docid(xdb *db, unsigned docid, char **err);
/* Sets the value in slot of document docid (len 0: removes it), keeping
 * its terms and data. */
int xdb_set_value(xdb *db, unsigned docid, unsigned slot, const char *v,
		  size_t len, char **err);
/* Calls fn with the id of every document indexed by term, ascending; stops
 * when fn returns non-zero. */
int xdb_postings(xdb *db, const char *term, size_t len,
		 int (*fn)(void *ctx, unsigned docid), void *ctx, char **err);
/* Like xdb_postings, with each document's value in slot ("" if none), read
 * from the value stream (fast: no document is opened). */
int xdb_term_values(xdb *db, const char *term, size_t len, unsigned slot,
		    int (*fn)(void *ctx, unsigned docid, const char *v,
			      size_t vlen),
		    void *ctx, char **err);
/* Merges the databases srcs[0..n) into a new, fully compacted database at
 * dest (which must not exist).  Document ids follow the order of srcs:
 * those of srcs[0] first, each source's ids shifted to follow the previous
 * one's last (Xapian's renumbering).  Spelling, synonyms and metadata are
 * merged too. */
int xdb_compact(const char *const *srcs, size_t n, const char *dest,
		char **err);
/* Fills the spelling table as xdb_replace with this predicate would have,
 * document by document, but in one pass: every term that spellable accepts
 * gets its document frequency.  For databases built without a spelling
 * predicate (bulk builds: much cheaper). */
int xdb_spelling_from_terms(xdb *db, xdb_word_fn spellable, char **err);

#ifdef __cplusplus
}
#endif

#endif
