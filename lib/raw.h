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

/* How the headline was found (raw.c's header comment has the rules). */
enum {
	RAW_TITLE_NONE,
	RAW_TITLE_REPEAT,   /* a line that comes twice near the top */
	RAW_TITLE_HEADING,  /* a Markdown "# " heading */
	RAW_TITLE_ABOVE,    /* the nearest heading above the byline/date */
	RAW_TITLE_FIRST,    /* the first heading-like line */
	RAW_TITLE_SENTENCE  /* no headline: the first sentence */
};

/* raw_read's flags. */
enum {
	RAW_KEEP_TITLE = 1 /* keep the headline and the lines above it in
			    * the body (HTML, whose text is already cut) */
};

typedef struct raw_meta {
	raw_span title;	    /* the headline, Markdown '#' marks removed */
	int title_how;	    /* RAW_TITLE_* */
	raw_span author;    /* the byline's names */
	raw_span source;    /* "来源：X", "Source: X" */
	char date[DATE_MAX]; /* ISO ("2026-05-07"), or "" */
} raw_meta;

/*
 * Reads s[0..n) (valid UTF-8; lines end with "\n", "\r\n" or "\r"), sets
 * *m (spans borrow from s) and appends the body to body: the lines a reader
 * reads, without the headline, the byline and date lines and page chrome,
 * each ended by "\n", at most one blank line in a row, no blank line first.
 * flags: RAW_KEEP_TITLE or 0.
 * Returns 0, or -1 when out of memory (body->err is then set too).
 */
int raw_read(const char *s, size_t n, int flags, raw_meta *m, buf *body);

#endif
