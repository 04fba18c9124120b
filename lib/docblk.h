/*
 * docblk: the light structure of a stored text, for the document views
 * (the page's, docview.c, and the terminal's, out.c): paragraphs (blank
 * lines between them), Markdown headings ("## 第一章 总则"), list items
 * ("- ", "* ", "+ ", "1. ", "1) "), rules ("---"); HTML comments
 * ("<!-- INFO END -->") are left out.  Lines of a paragraph or item run
 * together.
 *
 * The blocks are ranges of the text's display form, the flattened whole
 * text the snippet maker gives (snip_text: white space runs became one
 * space), so a printer renders each with the hit ranges it already has.
 */
#ifndef DOCBLK_H
#define DOCBLK_H

#include <stddef.h>

#include "snipdef.h"

typedef enum docblk_kind {
	DOCBLK_PARA,
	DOCBLK_HEAD, /* level 1..6 */
	DOCBLK_ITEM, /* an unordered list item */
	DOCBLK_NUM,  /* an ordered list item; level is its number */
	DOCBLK_RULE  /* empty range */
} docblk_kind;

typedef struct docblk {
	docblk_kind kind;
	unsigned level;
	size_t start, end; /* bytes in the display form, marker left out */
} docblk;

/* The blocks of text[0..n), whose display form is flat[0..fn).  Returns
 * their number with *out malloc'd (free it); when the two do not line up
 * (or out of memory) one paragraph over the whole of flat. */
size_t docblk_split(const char *text, size_t n, const char *flat, size_t fn,
		    docblk **out);

/* 1 if the first of the nb blocks of flat is a heading that says just
 * title (a view that shows the title leaves it out), else 0: the first
 * block to show. */
size_t docblk_title(const char *flat, const docblk *b, size_t nb,
		    const char *title);

/* The hit ranges hl[0..nhl) of s[0..n) (display form) in order and in
 * bounds, hits separated by one space joined into one ("export controls"
 * reads as one match).  Returns their number, *out malloc'd (free it;
 * NULL when there are none or out of memory). */
size_t docblk_join(const char *s, size_t n, const snip_hl *hl, size_t nhl,
		   snip_hl **out);

#endif
