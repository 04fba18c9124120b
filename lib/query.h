/*
 * query: the query language.  A query string (anything: hostile, invalid,
 * empty) becomes a tree of qnode; parsing never fails but on an
 * impossible date (QUERY_EDATE: told to the user); a string with no
 * searchable words gives Q_NONE, or Q_ALL with filters only.  Words are
 * split and normalized by the one tokenizer.  The grammar is written at the
 * top of query.c and in man/searcher.1; query_canon prints the tree in a
 * canonical form that --explain shows and tests compare against.
 *
 * Turning the tree into a Xapian query (stems, synonyms, CJK bigram safety
 * net, title boost, filters) is the planner's job (plan.c), not this module's.
 */
#ifndef QUERY_H
#define QUERY_H

#include <stddef.h>

#include "tok.h"

typedef enum qkind {
	Q_WORD,	  /* text: one normalized term */
	Q_PHRASE, /* kids: Q_WORDs in order (a quoted phrase, or a word that
		     the tokenizer split: ai-act, GPT-4o, U.S.) */
	Q_NEAR,	  /* kids: Q_WORD/Q_PHRASE, within `window` words, any order */
	Q_AND,	  /* all kids */
	Q_OR,	  /* any kid */
	Q_NOT,	  /* kids[0] and none of kids[1..] */
	Q_MAYBE,  /* kids[0] required; kids[1..] only add to the score */
	Q_WILD,	  /* text: normalized prefix of a trailing wildcard (regulat*) */
	Q_FILTER, /* field + text: boolean filter (source:, lang:, ...) */
	Q_DATE,	  /* text..text2: inclusive ISO range; "" = open end */
	Q_ALL,	  /* every document */
	Q_NONE	  /* no document */
} qkind;

/* qnode flags */
#define QF_EXACT 1  /* =word: no stemming, no synonyms, no accent folding */
#define QF_CJK 2    /* word of Han/Kana characters (from the tokenizer) */
#define QF_QUOTED 4 /* phrase was written in quotes */
#define QF_RUN 8    /* AND of the words of one run of text with Chinese or
					* Japanese in it (人工智能监管, AI监管): kept whole */

typedef struct qnode {
	qkind kind;
	int flags;
	const char *field; /* NULL (all text), or a static field name from
			      query_fields: "title", "source", ..., or a
			      metadata field's (borrowed from the fields
			      table of query_opts) */
	char *text;	   /* Q_WORD, Q_WILD, Q_FILTER; Q_DATE low end */
	char *text2;	   /* Q_DATE high end */
	unsigned pos;	   /* Q_WORD: tokenizer position within its chunk */
	unsigned width;	   /* Q_WORD: positions it covers (CJK: characters) */
	unsigned window;   /* Q_NEAR, Q_PHRASE, a QF_RUN Q_AND: positions
			      spanned */
	size_t qstart, qend; /* Q_WORD: its byte span in the query string
				(for rewriting it: did-you-mean) */
	struct qnode **kids;
	size_t nkids;
} qnode;

/* The fields the grammar knows; `field:value` with another name is read as
 * plain words.  Text fields (words, phrases, wildcards): title, author, and
 * source.  Boolean: lang (alias language), id, dup (a duplicate group's
 * key, dup.h), and the index's metadata fields (query_opts.fields; the
 * Q_FILTER's field points at the name in that table, QF_QUOTED when the
 * value was quoted).  Range: date.  Beside other words every field but title
 * restricts, as a filter (Google's site:); title: requires a title match
 * and ranks by it (query.c). */
extern const char *const query_fields[];

/* Bytes of a query read by default; the page's search box and the CGI's q
 * parameter take as many. */
#define QUERY_MAX_BYTES 4096

typedef struct fields fields;

typedef struct query_opts {
	qkind default_op;   /* Q_OR or Q_AND for juxtaposed words */
	size_t maxlen;	    /* bytes of query read (longer is cut) */
	unsigned maxdepth;  /* parenthesis nesting honoured, e.g. 32 */
	unsigned maxterms;  /* words kept, e.g. 128 */
	const fields *fields; /* the index's metadata fields (fields.h),
				 filters like lang:; NULL: none */
} query_opts;

/* 128 words: planning costs about 0.4 ms of CPU per word (its stems in
 * each language, synonyms, twins), and an AND of the 256 commonest words
 * took 155 ms on gutenberg (scripts/bench/worst) */
#define QUERY_OPTS_DEFAULT {Q_OR, QUERY_MAX_BYTES, 32, 128, NULL}

/* A date: whose value is not a date (date:2025-13, date:2024-02-30,
 * date:last-week): the query asks for the impossible.  The only error a
 * query's content can cause. */
#define QUERY_EDATE 1

/* Parses s[0..n).  Returns 0 and the tree in *out (free with query_free),
 * QUERY_EDATE with a message for the user in *err (and no tree), or a
 * negative value only on allocation or tokenizer failure (with *err).  A
 * query that was cut (length, depth, term count) still parses; *warn (if not
 * NULL) then gets a malloc'd note for the user, e.g. "query cut to 128
 * words". */
int query_parse(tok *t, const char *s, size_t n, const query_opts *opts,
		qnode **out, char **warn, char **err);

/* The canonical form, malloc'd (caller frees); NULL on allocation failure.
 *   word            export           title:export     =export (exact)
 *   phrase          "export controls"  title:"export controls"
 *   near            (NEAR/5 export china)
 *   wildcard        regulat*          title:regulat*
 *   and/or/not      (AND a b)  (OR a b)  (NOT a b c)  (MAYBE a b)
 *   filter          source:reuters    lang:zh
 *   date            date:2025-01-01..2026-05-31   date:2026..   date:..2025-06
 *   all / none      <all>  <none>
 * Terms are printed normalized; a term with spaces, quotes, parentheses or
 * colons is printed in double quotes with \" and \\ escaped. */
char *query_canon(const qnode *q);

void query_free(qnode *q);

/* Tree helpers for the planner and tests: a new node (NULL on allocation
 * failure), and appending a kid (returns 0 or -1; the kid is freed on
 * failure). */
qnode *query_node(qkind kind, const char *field, const char *text, size_t len);
int query_add(qnode *parent, qnode *kid);

#endif
