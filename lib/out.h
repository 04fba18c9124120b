/*
 * out: the output printers.  Each renders a search result into a buf; every
 * piece of text goes through the escaper for its format (esc.h, or jansson
 * for JSON), and each adds its own highlight markup to the snippet's hit
 * ranges: ANSI bold colour for terminals, character offsets in JSON,
 * <mark> in HTML.  Rendering into a buf (not a FILE) lets the CGI compute a
 * Content-Length and bulk mode keep output in input order across threads.
 */
#ifndef OUT_H
#define OUT_H

#include "search.h"
#include "util.h"

typedef struct out_opts {
	int color;	    /* ANSI colours (text) */
	int width;	    /* wrap text at this many columns (text; 0: 80) */
	int timings;	    /* include took_ms (JSON/bulk): off for byte-identical runs */
	const char *tag;    /* TREC run tag */
	int explain;	    /* text: print the query as read */
} out_opts;

/* What one printer call sees.  The caller fills in o, oo, query, res (and
 * qid, page where they apply); state is the printer's own between begin
 * and end. */
typedef struct out_ctx {
	buf *o;			  /* where the output goes */
	const out_opts *oo;
	const char *qid;	  /* bulk mode: the query's id, else NULL */
	const char *query;	  /* the query as typed */
	const search_result *res; /* NULL after an error */
	const void *page;	  /* the page's printers: its page_ctx */
	void *state;
} out_ctx;

/* An output format, as FTS5's auxiliary functions share one API: begin
 * once, hit per hit in rank order, end once; or error (instead of begin
 * and the hits: the query failed) then end.  Any of them may be NULL. */
typedef struct out_printer {
	const char *name;
	int bulk; /* a --format of bulk mode */
	void (*begin)(out_ctx *c);
	void (*hit)(out_ctx *c, const search_hit *h);
	void (*end)(out_ctx *c);
	void (*error)(out_ctx *c, const char *msg);
	/* bulk mode: once, before the first query (CSV's header row) */
	void (*head)(out_ctx *c);
} out_printer;

/* The json printer's end, with more: NULL, or members ("\"k\":v,...",
 * JSON as jansson's compact dump writes them, without braces) added after
 * its own before the object closes. */
void out_json_end(out_ctx *c, const char *more);

/* The printers:
 *  text       for a person at a terminal: a summary line, then per hit its
 *             rank, title, date, source, id or url, and the snippet with
 *             hits highlighted ([brackets], or ANSI colours with oo->color),
 *             and "N similar copies (dup:KEY)" for a hit with copies
 *  doc        one document for reading at a terminal (--doc): its title
 *             and fields, then its text block by block (docblk.h), each
 *             paragraph wrapped at oo->width, hits highlighted as in text;
 *             no summary line, no score
 *  json-hits  JSON Lines, one object per hit: id, rank, score, title, date,
 *             source, author, url, lang, snippet and highlights ([start,
 *             end) code point offsets into snippet); a hit with copies
 *             (collapse, dup.h) also has duplicates: {count: copies in the
 *             index, matched: of them matching this query, key: the group
 *             key (search dup:KEY), ids: up to SEARCH_MAXCOPIES ids}
 *  json       one object per query (bulk): qid, query, total, [took_ms],
 *             [explain], [suggestion, corrected], [warning], results: [hits
 *             as above]; on error qid, query and error.  Written as it
 *             goes; end closes the object (out_json_end: the page's JSON
 *             printer adds its members before the close).
 *  trec       TREC run lines: "qid Q0 docid rank score tag"
 *  tsv        qid, rank, id, score, title (tabs and newlines become spaces)
 *  csv        RFC 4180 (csv.h), a header row then a row per hit: rank, id,
 *             score, title, date, source, author, url, lang, snippet (plain
 *             text), duplicates (copies in the index), duplicates_matched,
 *             duplicates_key, duplicates_ids (one a line), total,
 *             total_exact; in bulk mode qid and query first, and the
 *             header once (head) for the whole run
 * Returns the printer called name, or NULL. */
const out_printer *out_find(const char *name);

/* Runs p over c->res: begin, each hit, end. */
void out_run(const out_printer *p, out_ctx *c);

/* Runs p's head, if it has one (bulk mode, once before the queries). */
void out_head(const out_printer *p, out_ctx *c);

/* Runs p's error with msg, then its end.  Returns 0, or -1 if p has no
 * error output (the caller reports the error itself). */
int out_fail(const out_printer *p, out_ctx *c, const char *msg);

#endif
