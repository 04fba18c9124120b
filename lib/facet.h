/*
 * facet: the metadata facets on the results page (fields.h), rendered for
 * page.c.  Multi-select: each value is a link that adds it to the field's
 * selections (f=NAME:VALUE, values of one field ORed, fields ANDed) or,
 * when selected, removes it; a field's counts leave out its own
 * selections (search.h), so each says how many results choosing it too
 * gives.  The first FACET_SHOWN values of a field are shown, then a
 * "more" link (more=NAME) that shows all of them, and one that shows
 * fewer again.  Selected values always show, with a check box glyph.
 * Safe as page.c is: markup from literals, text through esc_html, links
 * through link_href.
 */
#ifndef FACET_H
#define FACET_H

#include "link.h"
#include "search.h"
#include "util.h"

#define FACET_SHOWN 12
#define FACET_MAXSEL 32 /* selections a request may carry */

/* The metadata facets of res, one <section> each. */
void facet_list(buf *o, const page_ctx *c, const search_result *res);

/* The active selections as chips (<li> each) that remove them. */
void facet_chips(buf *o, const page_ctx *c);

/* The selections as hidden inputs of the search form. */
void facet_hidden(buf *o, const page_ctx *c);

#endif
