/*
 * pagekit: the pieces of the search page (page.c) that the modules
 * rendering other pages of the site (docview.c) build with: the frame
 * (head, search form, foot), links carrying the page's state, and the
 * three kinds of output that keep escaping by construction (see page.c):
 *   LIT(o, "...")  markup: string literals only;
 *   page_txt       any other text, escaped;
 *   buf_printf     numbers only.
 * Internal to lib/: the CGI calls page.h.
 */
#ifndef PAGEKIT_H
#define PAGEKIT_H

#include <stddef.h>

#include "msg.h"
#include "snipdef.h"
#include "util.h"

/* page.h's (C11 allows the typedef twice): this header stays below page's
 * own module in the include graph. */
typedef struct page_ctx page_ctx;

/* "" s "" only compiles when s is a string literal. */
#define LIT(o, s) buf_add((o), "" s "", sizeof(s) - 1)
/* A number macro as a string literal, for LIT. */
#define STR_(x) #x
#define STR(x) STR_(x)

/* Message id of msg.h in the page's language c->ui, escaped; its
 * arguments (strings) follow. */
#define MSG(o, c, ...) msg_html((o), (msg_lang)(c)->ui, __VA_ARGS__)

/* Text s, escaped for element text and quoted attributes. */
void page_txt(buf *o, const char *s);

/* A count with thousands separators: 12,345. */
void page_count(buf *o, unsigned long v);

/* A relative link carrying c's state plus one parameter (name NULL: none),
 * for an href="" attribute. */
void page_href(buf *o, const page_ctx *c, const char *name, const char *val);

/* The document up to <body>, with title (NULL: the site's name alone),
 * noindex for pages robots should not keep. */
void page_head(buf *o, const page_ctx *c, const char *title, int noindex);

/* The header with the search form holding c->q. */
void page_form(buf *o, const page_ctx *c, int autofocus);

/* The footer and the end of the document. */
void page_foot(buf *o, const page_ctx *c, int json_link);

/* A stored date for people in c's language ("7 May 2026", "2026年5月7日");
 * anything else as it is. */
void page_date(buf *o, const page_ctx *c, const char *d);

/* The host and path of an http(s) url, for display. */
void page_url(buf *o, const char *url);

/* 1 if s looks like a language tag (en, zh-Hans): safe for lang="". */
int page_lang_ok(const char *s);

/* s[0..n) with the hl ranges in <mark> (neighbouring hits joined) and a
 * paragraph break "</p><p>" instead of the space at each offset in brk
 * (ascending). */
void page_marked(buf *o, const char *s, size_t n, const snip_hl *hl,
		 size_t nhl, const size_t *brk, size_t nbrk);

/* "Similar articles": a link to the articles like document id, with c's
 * filters and options but not its query. */
void page_similar(buf *o, const page_ctx *c, const char *id);

#endif
