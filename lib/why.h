/*
 * why: what a result was found by when its snippet cannot show it.  A
 * search hit carries a list of (term, reason) pairs: the words of the query
 * that matched only in the title, a synonym standing for a query word, an
 * expansion term from the top documents (pseudo-relevance feedback), a
 * field.  The printers say it beside the snippet ("matched in title:
 * CHIP"); JSON has it as "why": [{"term": ..., "reason": ...}].
 */
#ifndef WHY_H
#define WHY_H

#include <stddef.h>

#include "util.h"

typedef enum {
	WHY_TITLE,     /* the term matched in the title, not the text */
	WHY_SYNONYM,   /* a synonym of the query word `of` */
	WHY_EXPANSION, /* an expansion term (pseudo-relevance feedback) */
	WHY_FIELD,     /* a field (author:, source:) the snippet does not show */
	WHY_NAME,      /* the term matched in a well-known name of it
			  (casual_name, aliases: article.h), not the text */
} why_reason;

typedef struct why_item {
	char *term;   /* as the document writes it, owned */
	char *of;     /* the query word it stands for, or NULL; owned */
	why_reason reason;
} why_item;

/* A list; zero-initialized is empty. */
typedef struct why_list {
	why_item *v;
	size_t n, cap;
} why_list;

/* Adds (term[0..n), reason, of) unless the same term and reason are there
 * (of may be NULL; both are copied).  Returns 0, or -1 without memory. */
int why_add(why_list *l, why_reason r, const char *term, size_t n,
	    const char *of);
/* Frees the items; l is empty again. */
void why_clear(why_list *l);
/* The reason's name in JSON: "title", "synonym", "expansion", "field". */
const char *why_name(why_reason r);
/* Appends the list as one line for people, e.g. "matched in title: CHIP;
 * synonym semiconductor for chips" (nothing for an empty list), each piece
 * through put, the printer's escaper. */
void why_line(const why_list *l, buf *out, void (*put)(buf *, const char *));

#endif
