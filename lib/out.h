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

/* Text for a person at a terminal: a summary line, then per hit its rank,
 * title, date, source, id or url, and the snippet with hits highlighted. */
void out_text(buf *o, const search_result *res, const out_opts *oo);

/* JSON Lines: one object per hit with id, rank, score, title, date, source,
 * author, url, lang, snippet and highlights ([start, end) code point
 * offsets into snippet). */
void out_json_hits(buf *o, const search_result *res);

/* One JSON object for a whole query (bulk mode): qid, query, total,
 * [took_ms], [explain], [suggestion], results: [hits as above], or, when
 * error is not NULL, qid, query and error. */
void out_json_query(buf *o, const char *qid, const char *query,
		    const search_result *res, const char *error,
		    const out_opts *oo);

/* TREC run lines: "qid Q0 docid rank score tag". */
void out_trec(buf *o, const char *qid, const search_result *res,
	      const out_opts *oo);

/* Tab-separated: qid, rank, id, score, title (tabs/newlines in text become
 * spaces). */
void out_tsv(buf *o, const char *qid, const search_result *res);

#endif
