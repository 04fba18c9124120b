/*
 * why: what a result was found by when its snippet cannot show it as the
 * query's words.  A search hit carries a list of (term, reason) pairs: the
 * words of the query that matched only in the title or a well-known name,
 * a synonym standing for a query word, an expansion term from the top
 * documents (pseudo-relevance feedback), a word met in the other Chinese
 * script, a word met through a stem that does not read as the query's
 * word, a spelling correction, a field, an acronym of the title or a
 * name (TRAIGA for Texas Responsible Artificial Intelligence Governance
 * Act).  The printers say it beside the
 * snippet ("matched in title: CHIP; synonym: Senate Bill 1047 for sb
 * 1047"), in the page's language (msg.h) on the page and in English on the
 * terminal; JSON has it as "why": [{"term", "reason", "for", "kind",
 * "text"}] (why_kind, why_text).
 */
#ifndef WHY_H
#define WHY_H

#include <stddef.h>

#include "msg.h"
#include "util.h"

typedef enum {
	WHY_NONE,      /* (an item's via: none) */
	WHY_TITLE,     /* the term matched in the title, not the text */
	WHY_NAME,      /* the term matched in a well-known name of it
			  (casual_name, aliases: article.h), not the text */
	WHY_ACRONYM,   /* the query word `of` is the acronym (initials.h) of
			  the words of the title or name `term` */
	WHY_FIELD,     /* the term matched in field `of` the snippet does not
			  show */
	WHY_SYNONYM,   /* a synonym of the query words `of` */
	WHY_EXPANSION, /* an expansion term (pseudo-relevance feedback) */
	WHY_FOLD,      /* the query word `of` in the other Chinese script */
	WHY_STEM,      /* a word sharing the stem of the query word `of` */
	WHY_SPELLING,  /* the correction of the query word `of` */
	WHY_NREASONS
} why_reason;

typedef struct why_item {
	char *term;   /* as the document writes it, owned */
	char *of;     /* the query word it stands for (the field's name for
			 WHY_FIELD), or NULL; owned */
	why_reason reason;
	why_reason via; /* for WHY_TITLE and WHY_NAME: how the term stands
			   for the query (WHY_SYNONYM...), or WHY_NONE */
} why_item;

/* A list; zero-initialized is empty. */
typedef struct why_list {
	why_item *v;
	size_t n, cap;
} why_list;

/* Adds (term[0..n), reason, via, of) (of may be NULL; both are copied)
 * unless an item of that reason and via holds the term already (in any
 * ASCII case); an item whose term the new one holds gives way to it
 * (Executive Order 14110 for Executive Order).  Returns 0, or -1 without
 * memory. */
int why_add(why_list *l, why_reason r, why_reason via, const char *term,
	    size_t n, const char *of);
/* Frees the items; l is empty again. */
void why_clear(why_list *l);
/* The reason's name in JSON: "title", "name", "acronym", "field", "synonym",
 * "expansion", "fold", "stem", "spelling". */
const char *why_name(why_reason r);
/* An item's kind for machines: its reason's name, and its via's after an
 * underscore ("title_synonym"), into out (cap >= 32). */
void why_kind(const why_item *it, char *out, size_t cap);
/* Appends the list as one line for people in language lang, e.g.
 * "matched in title: CHIP; synonym: semiconductor for chips" (nothing for
 * an empty list), each piece through put, the printer's escaper.  Items of
 * one reason are told together. */
void why_line(const why_list *l, msg_lang lang, buf *out,
	      void (*put)(buf *, const char *));
/* Appends item it alone as why_line would say it (for JSON "text"). */
void why_text(const why_item *it, msg_lang lang, buf *out,
	      void (*put)(buf *, const char *));

#endif
