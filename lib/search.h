/*
 * search: one query string in, ranked hits with snippets out.  The command
 * line, the CGI page and bulk mode all call this; they differ only in their
 * printers.  It parses the query (query.h), has the planner build the
 * Xapian query (plan.h: how each word is searched and ranked), runs it
 * (reopening and retrying when the indexer commits under it), makes the
 * snippets from the planner's highlight patterns (hl.h), and offers a
 * corrected query (spell.h) when that finds more.
 */
#ifndef SEARCH_H
#define SEARCH_H

#include <stddef.h>

#include "article.h"
#include "fcount.h"
#include "fquery.h"
#include "query.h"
#include "snip.h"
#include "timeline.h"
#include "why.h"

typedef struct search_opts {
	unsigned offset, limit;
	double k1, b;	      /* BM25 */
	double title_weight;  /* extra weight of title matches (0: off;
				 negative: auto, 0.5 for queries of up to 4
				 words, 0 for longer ones) */
	double proximity;     /* weight of adjacent query words found as a
				 phrase or near each other (0: off) */
	double trunc_weight;  /* weight of a long word's truncated twin (XT
				 terms, see schema.h; 0: off) */
	double id_weight;     /* weight of an identifier (letters then a
				 number: SB 1047) standing as written or as
				 a long form (senate bill 1047); 0: off */
	double name_weight;   /* weight of the query's words standing in a
				 title or well-known name as typed (plan.h;
				 0: off) */
	unsigned prf_docs;    /* pseudo-relevance feedback (prf.h): documents
				 taken as relevant (0: off) */
	unsigned prf_terms;   /* its expansion terms */
	double prf_weight;    /* its weight against the query's */
	unsigned prf_words;   /* the longest query it expands (0: any) */
	double prf_gap;	      /* none when the first document scores this
				 times the second (0: always) */
	qkind default_op;     /* Q_OR or Q_AND */
	int snippets;	      /* make snippets */
	size_t snip_chars;    /* characters per snippet (0: whole text) */
	size_t snip_frags;
	int sort_date;	      /* newest first instead of by relevance */
	double recency;	      /* half-life in days of the freshness bonus
				 (recency.h); 0: off; ignored with
				 sort_date */
	int spell;	      /* offer "did you mean" */
	int synonyms;	      /* expand synonyms */
	int stopwords;	      /* drop English stop-words from OR-ed words
				 (never from phrases, never all of them) */
	unsigned max_wildcard;/* terms one wildcard may expand to */
	int facets;	      /* count source, year and language */
	int collapse;	      /* one hit per duplicate group (dup.h), the
				 best-ranked; the counts count groups */
	int timeline;	      /* count the matches by date (timeline.h) */
	int explain;	      /* Xapian's description of the query into
				 search_result.xapian (--explain) */
	/* extra filters (CGI facets); NULL or "" = none */
	const char *f_source, *f_lang, *f_date_lo, *f_date_hi;
	const char *since;    /* "YYYY[-MM[-DD]]": dated on or after it, or
				 undated and indexed on or after it; NULL or
				 "" = all */
	/* facet selections (fquery.h: values of a field ORed, fields
	 * ANDed); with facets, a metadata facet with selections is counted
	 * without its own (multi-select: its other values keep counts
	 * that add to the results) */
	const fsel *sel;
	size_t nsel;
	/* the query as typed when this one is its spelling correction
	 * (search.c's did-you-mean): hits of a corrected word say so
	 * (why.h); NULL otherwise */
	const qnode *typed;
} search_opts;

extern const search_opts search_opts_default;

typedef struct search_hit {
	unsigned rank;	/* 1-based, across pages */
	unsigned docid;
	double score;
	article_view v; /* borrows from data */
	char *data;	/* the stored record */
	size_t datalen;
	char *offs;	/* with snippets: its words (offs.h), or NULL */
	size_t offslen;
	snip_text snip; /* empty when snippets are off */
	why_list why;	/* what it was found by that the snippet cannot
			   show (why.h): empty when the snippet shows hits
			   or snippets are off */
	snip_text tsnip;/* search_doc: the title whole, its hits marked */
	/* with collapse, when the document has copies (dup.h): */
	char *dupkey;	/* its group key, or NULL */
	char **copies;	/* ids of the other members, up to
			   SEARCH_MAXCOPIES of them */
	size_t ncopies; /* other members in the index (may be more than
			   listed) */
	unsigned collapsed; /* of them, how many matched this query */
} search_hit;

#define SEARCH_MAXCOPIES 20

typedef fcount_val search_fval; /* value (malloc'd), count */

typedef struct search_facet {
	const char *name; /* "source", "year", "lang"; in mfacets a metadata
			     field's name (malloc'd) */
	search_fval *vals;
	size_t n;
} search_facet;

typedef struct search_result {
	search_hit *hits;
	size_t nhits;
	unsigned total;	  /* matches: exact when total_exact, else the count
			     bound: there are more (SEARCH_COUNT_BOUND) */
	int total_exact;
	double seconds;
	char *canon;	  /* the query as read (query_canon) */
	char *xapian;	  /* Xapian's description (with explain) */
	char *warning;	  /* e.g. "query cut to 128 words"; NULL if none */
	char *suggestion; /* a corrected query that finds more, or NULL */
	unsigned suggestion_total; /* its matches, counted as total is */
	int corrected;	  /* 1: the hits are for the suggestion, because
			     the query as typed found nothing */
	char *about;	  /* search_similar: the title (or id) of the
			     document the hits are like; else NULL */
	search_facet facets[3];
	size_t nfacets;
	timeline timeline; /* with o->timeline: the matches by date, counted
			      as total is (made 0: remote shards only) */
	/* the index's metadata facets (fields.h), in the table's order:
	 * every value, most frequent first */
	search_facet *mfacets;
	size_t nmfacets;
} search_result;

/* One true count: a search counts its matches exactly up to this many;
 * past it, total is this bound and total_exact 0 ("more than 1,000"),
 * whatever the offset and limit.  Measured in README "Counting". */
#define SEARCH_COUNT_BOUND 1000
/* No time limit on counting (Enquire::set_time_limit): in Xapian 1.4 its
 * timer thread writes its flag into get_mset's stack frame, which may be
 * gone by then (the searcher crashed on a loaded machine), and a count
 * cut by wall time changes with the load, so two runs or two interfaces
 * disagree.  Counting is bounded by the matches above and by the
 * planner's caps; scripts/bench/worst measures the slowest queries. */

/* Highlight patterns a snippet looks for at most: the rarest (hl.h), so
 * that a pasted paragraph costs what a query of twice PLAN_ELITE words
 * does (plan.c keeps 32 words of a long OR). */
#define SEARCH_MAX_MARKED 64

/* search_run's code for a query that asks for the impossible (a date
 * that does not exist): *err says what to write instead; the command line
 * exits 2, the page answers 400. */
#define SEARCH_EBADQUERY (-100)

typedef struct searcher searcher;

/* Opens the index at path for searching.  Codes: ST_* from status.h. */
int search_open(const char *path, searcher **out, char **err);
void search_close(searcher *s);

/* Runs query q[0..n).  Fails on the query's content only for an
 * impossible date (SEARCH_EBADQUERY, see query.h); fails on index errors
 * (after reopening and retrying when the index was
 * modified under it) or a wildcard that expands too far (ST_EQUERY, with a
 * message for the user).  res must be zeroed or cleared. */
int search_run(searcher *s, const char *q, size_t n, const search_opts *o,
	       search_result *res, char **err);

/* The document with this id as a one-hit result, its whole text highlighted
 * for query q (may be ""): for the document view.  ST_ENOENT if absent. */
int search_doc(searcher *s, const char *id, const char *q, size_t n,
	       const search_opts *o, search_result *res, char **err);

/* The documents like the one with this id (id or FILE:ID, as search_doc
 * takes), by relevance feedback from its own words (similar.h), without it
 * and its copies, with o's filters, ranked and collapsed as search_run's
 * hits are (no spelling suggestion).  ST_ENOENT if there is no such
 * document. */
int search_similar(searcher *s, const char *id, const search_opts *o,
		   search_result *res, char **err);

void search_result_clear(search_result *res);

/* Completions of the typed text q[0..n) for the search box (suggest.h):
 * up to max malloc'd strings into *out (free with strv_free), most
 * frequent first.  Returns an ST_* code. */
int search_suggest(searcher *s, const char *q, size_t n, size_t max,
		   char ***out, size_t *nout, char **err);

/* Brings the searcher up to the index's latest commit (cheap when nothing
 * changed: long-running processes call it before each request).  Returns
 * an ST_* code (status.h). */
int search_reopen(searcher *s, char **err);

/* The tokenizer of this searcher (for callers that need one). */
tok *search_tok(searcher *s);

#endif
