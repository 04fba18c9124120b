/*
 * raw: what a reader sees in text copied from a web page without its
 * metadata: the headline, the byline, the publication date and the body
 * without the page's chrome.  Used by article_from_text (when a file has no
 * metadata header) and article_from_html (for what the page's metadata
 * lacks).  Heuristics on lines; the rules are listed in raw.c's header
 * comment and in the README ("Raw article text").
 */
#ifndef RAW_H
#define RAW_H

#include <stddef.h>

#include "date.h"
#include "util.h"

/* A piece of the input (borrowed); n == 0 when absent. */
typedef struct raw_span {
	const char *s;
	size_t n;
} raw_span;

typedef struct raw_meta {
	raw_span title;	    /* the headline, Markdown '#' marks removed */
	int title_sentence; /* 1: no headline, title is the first sentence */
	raw_span author;    /* the byline's names */
	raw_span source;    /* "来源：X", "Source: X" */
	char date[DATE_MAX]; /* ISO ("2026-05-07"), or "" */
} raw_meta;

/*
 * Reads s[0..n) (valid UTF-8; lines end with "\n", "\r\n" or "\r"), sets
 * *m (spans borrow from s) and appends the body to body: the lines a reader
 * reads, without the headline, the byline and date lines and page chrome,
 * each ended by "\n", at most one blank line in a row, no blank line first.
 * Returns 0, or -1 when out of memory (body->err is then set too).
 */
int raw_read(const char *s, size_t n, raw_meta *m, buf *body);

#endif
