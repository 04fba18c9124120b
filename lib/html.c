/*
 * html: the readable text and metadata of an HTML page (see html.h).
 *
 * Two guards come before gumbo: the caller has checked UTF-8 and NUL bytes,
 * and html_flatten drops tags nested deeper than HTML_MAXDEPTH (gumbo looks
 * through the whole stack of open elements for most start tags, so 100,000
 * nested <div>s take it minutes).  Every tree walk below uses an explicit
 * heap stack, never recursion.
 *
 * Page furniture that is not text: script, style, noscript, template,
 * iframe, svg, math, select, button, object, canvas (always), and nav,
 * header, footer, aside, form, elements with the `hidden` attribute and
 * elements whose class or id names say comment, share, newsletter, related,
 * sidebar, cookie or subscribe (see noisy_name) in the strict pass.  If the
 * strict pass finds no text at all (some sites wrap the whole page in a
 * <form> or a <header>), a loose pass keeps everything but the first group.
 */
#include "html.h"

#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char html_empty[1];

/* HTML's white space: ASCII's without \v. */
static int
is_space(int c)
{
	return c != '\v' && ascii_space(c);
}

/* Ends a tag name (the input has no NUL bytes). */
static int
is_tagdelim(int c)
{
	return is_space(c) || c == '/' || c == '>';
}

/* ---- the depth guard, before gumbo ---- */

/* 0 for start tags that do not open an element nesting until its end tag:
 * void elements, elements whose end tag is optional (a new one closes the
 * old), raw text elements (nothing nests inside), and the document tags. */
static int
tag_nests(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR:
	case GUMBO_TAG_COL: case GUMBO_TAG_EMBED: case GUMBO_TAG_HR:
	case GUMBO_TAG_IMG: case GUMBO_TAG_IMAGE: case GUMBO_TAG_INPUT:
	case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_PARAM:
	case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR:
	case GUMBO_TAG_KEYGEN: case GUMBO_TAG_BASEFONT:
	case GUMBO_TAG_BGSOUND: case GUMBO_TAG_FRAME: case GUMBO_TAG_ISINDEX:
	case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_DT:
	case GUMBO_TAG_DD: case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
	case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
	case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_RB: case GUMBO_TAG_RT: case GUMBO_TAG_RTC:
	case GUMBO_TAG_RP: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY:
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_TITLE: case GUMBO_TAG_XMP: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
	case GUMBO_TAG_PLAINTEXT:
		return 0;
	default:
		return 1;
	}
}

/* 1 for elements whose content is raw text up to their end tag, 2 for
 * <plaintext> (raw text to the end of the page), else 0. */
static int
tag_raw(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_TITLE: case GUMBO_TAG_XMP: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
		return 1;
	case GUMBO_TAG_PLAINTEXT:
		return 2;
	default:
		return 0;
	}
}

/* Index of the '>' closing the tag whose attributes start at k (quoted
 * attribute values may hold '>'), or n. */
static size_t
tag_end(const char *s, size_t n, size_t k)
{
	const char *q;

	while (k < n && s[k] != '>') {
		if (s[k++] != '=')
			continue;
		while (k < n && is_space(s[k]))
			k++;
		if (k < n && (s[k] == '"' || s[k] == '\'')) {
			q = memchr(s + k + 1, s[k], n - k - 1);
			if (!q)
				return n;
			k = (size_t)(q - s) + 1;
		}
	}
	return k;
}

/* Index just after the "-->" ending the comment whose "--" is at k, or n.
 * "<!-->" and "<!--->" are complete comments, as in HTML5. */
static size_t
comment_end(const char *s, size_t n, size_t k)
{
	const char *g;
	size_t p = k + 2;

	while (p < n) {
		g = memchr(s + p, '>', n - p);
		if (!g)
			return n;
		p = (size_t)(g - s);
		if (s[p - 1] == '-' && s[p - 2] == '-')
			return p + 1;
		p++;
	}
	return n;
}

/* Index of the "</name" ending a raw text element, searching from i, or n. */
static size_t
raw_end(const char *s, size_t n, size_t i, const char *name, size_t len)
{
	const char *lt;
	size_t j;

	while (i < n) {
		lt = memchr(s + i, '<', n - i);
		if (!lt)
			return n;
		j = (size_t)(lt - s);
		if (n - j > len + 2 && s[j + 1] == '/' &&
		    strncasecmp(s + j + 2, name, len) == 0 &&
		    is_tagdelim((unsigned char)s[j + 2 + len]))
			return j;
		i = j + 1;
	}
	return n;
}

/*
 * Copies s to out without the start and end tags nested deeper than
 * HTML_MAXDEPTH (their text stays), counting depth roughly as a tokenizer
 * would: comments, raw text and quoted attribute values are skipped.
 * Returns 1 if out holds the copy, 0 if nothing was too deep (out is not
 * touched), -1 when out of memory.
 */
static int
html_flatten(const char *s, size_t n, buf *out)
{
	size_t i = 0, last = 0, depth = 0, j, k, name, te;
	int dropped = 0, end, drop, raw;
	const char *lt;
	GumboTag t;

	while (i < n) {
		lt = memchr(s + i, '<', n - i);
		if (!lt || (size_t)(lt - s) + 1 >= n)
			break;
		j = (size_t)(lt - s);
		k = j + 1;
		if (s[k] == '!' && n - k > 2 && s[k + 1] == '-' &&
		    s[k + 2] == '-') {
			i = comment_end(s, n, k + 1);
			continue;
		}
		if (s[k] == '!' || s[k] == '?') {
			te = tag_end(s, n, k);
			i = te < n ? te + 1 : n;
			continue;
		}
		end = s[k] == '/';
		k += (size_t)end;
		if (k >= n || !ascii_alpha((unsigned char)s[k])) {
			i = k;
			continue;
		}
		name = k;
		while (k < n && !is_tagdelim((unsigned char)s[k]))
			k++;
		t = k - name < 32 ? gumbo_tagn_enum(s + name,
						    (unsigned)(k - name))
				  : GUMBO_TAG_UNKNOWN;
		te = tag_end(s, n, k);
		drop = 0;
		if (!end && tag_nests(t)) {
			/* <x/> opens x in HTML but closes it in svg and
			 * math, where it is common: count it as closed. */
			if (te >= n || s[te - 1] != '/')
				drop = ++depth > HTML_MAXDEPTH;
		} else if (end && tag_nests(t)) {
			drop = depth > HTML_MAXDEPTH;
			depth -= depth > 0;
		}
		te = te < n ? te + 1 : n;
		if (drop) {
			buf_add(out, s + last, j - last);
			last = te;
			dropped = 1;
		}
		raw = end ? 0 : tag_raw(t);
		if (raw == 2)
			break;
		i = raw ? raw_end(s, n, te, s + name, k - name) : te;
	}
	if (!dropped)
		return 0;
	buf_add(out, s + last, n - last);
	return out->err ? -1 : 1;
}

/* ---- walking gumbo trees without recursion ---- */

/* enter returns 0 to skip the node's children, or a positive value that
 * is handed back to leave once the children are done. */
typedef int (*enter_fn)(void *ctx, const GumboNode *node);
typedef void (*leave_fn)(void *ctx, const GumboNode *node, int how);

struct frame {
	const GumboNode *node;
	unsigned next;
	int how;
};

static const GumboVector *
kids(const GumboNode *node)
{
	switch (node->type) {
	case GUMBO_NODE_DOCUMENT:
		return &node->v.document.children;
	case GUMBO_NODE_ELEMENT:
	case GUMBO_NODE_TEMPLATE:
		return &node->v.element.children;
	default:
		return NULL;
	}
}

/* Visits root and its descendants in document order.  Returns 0, or -1
 * when out of memory. */
static int
walk(const GumboNode *root, enter_fn enter, leave_fn leave, void *ctx)
{
	struct frame *st = NULL, *f;
	const GumboVector *v;
	const GumboNode *node = root;
	size_t sp = 0, cap = 0;
	int how;

	for (;;) {
		how = enter(ctx, node);
		if (how > 0) {
			if (sp == cap) {
				cap = cap ? cap * 2 : 64;
				f = realloc(st, cap * sizeof *st);
				if (!f) {
					free(st);
					return -1;
				}
				st = f;
			}
			st[sp].node = node;
			st[sp].next = 0;
			st[sp++].how = how;
		}
		for (;;) {
			if (!sp) {
				free(st);
				return 0;
			}
			f = &st[sp - 1];
			v = kids(f->node);
			if (v && f->next < v->length) {
				node = v->data[f->next++];
				break;
			}
			leave(ctx, f->node, f->how);
			sp--;
		}
	}
}

/* ---- what is text and what is furniture ---- */

/* 1 if one whitespace-separated class name or id in s says page furniture:
 * one of its words (split at non-alphanumerics) is a noise word and none is
 * a negation, so "comment-list" and "share_buttons" are noise but
 * "has-comments" and "content-with-sidebar" are not. */
static int
noisy_name(const char *s)
{
	static const char *const noise[] = {
		"comment", "comments", "share", "sharing", "newsletter",
		"related", "sidebar", "cookie", "cookies", "subscribe", NULL};
	static const char *const negation[] = {
		"has", "no", "with", "without", NULL};
	const char *w;
	size_t len, i;
	int hit = 0, neg = 0;

	for (;;) {
		if (!*s || is_space((unsigned char)*s)) {
			if (hit && !neg)
				return 1;
			hit = neg = 0;
			if (!*s++)
				return 0;
			continue;
		}
		if (!ascii_alnum((unsigned char)*s)) {
			s++;
			continue;
		}
		for (w = s; ascii_alnum((unsigned char)*s); s++)
			;
		len = (size_t)(s - w);
		for (i = 0; noise[i]; i++)
			if (strlen(noise[i]) == len &&
			    !strncasecmp(w, noise[i], len))
				hit = 1;
		for (i = 0; negation[i]; i++)
			if (strlen(negation[i]) == len &&
			    !strncasecmp(w, negation[i], len))
				neg = 1;
	}
}

static const char *
attr(const GumboElement *e, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);

	return a ? a->value : NULL;
}

/* 1 if the element holds no article text (see the top of the file).  The
 * loose pass (strict = 0) only drops what is never text. */
static int
is_furniture(const GumboNode *node, int strict)
{
	const GumboElement *e = &node->v.element;
	const char *s;

	if (node->type != GUMBO_NODE_ELEMENT ||
	    e->tag_namespace != GUMBO_NAMESPACE_HTML)
		return 1;
	switch (e->tag) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG:
	case GUMBO_TAG_MATH: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_OBJECT: case GUMBO_TAG_CANVAS: case GUMBO_TAG_HEAD:
		return 1;
	case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
		return strict;
	case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_MAIN:
	case GUMBO_TAG_ARTICLE:
		return 0;
	default:
		break;
	}
	if (!strict)
		return 0;
	if (attr(e, "hidden"))
		return 1;
	s = attr(e, "class");
	if (s && noisy_name(s))
		return 1;
	s = attr(e, "id");
	return s && noisy_name(s);
}

/* The break an element makes before and after itself: 2 a paragraph
 * ("\n\n"), 1 a line, -1 a space (table cells), 0 none (inline). */
static int
tag_break(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
	case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
	case GUMBO_TAG_H6: case GUMBO_TAG_HGROUP: case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_SECTION:
	case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_TABLE:
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
	case GUMBO_TAG_MENU: case GUMBO_TAG_DIR: case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_FIELDSET: case GUMBO_TAG_CENTER: case GUMBO_TAG_HEADER:
	case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_FORM:
		return 2;
	case GUMBO_TAG_BR: case GUMBO_TAG_LI: case GUMBO_TAG_DIV:
	case GUMBO_TAG_TR: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
	case GUMBO_TAG_CAPTION: case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_SUMMARY: case GUMBO_TAG_LEGEND: case GUMBO_TAG_OPTION:
	case GUMBO_TAG_BODY:
		return 1;
	case GUMBO_TAG_TD: case GUMBO_TAG_TH:
		return -1;
	default:
		return 0;
	}
}

/* ---- text extraction ---- */

typedef struct xtext {
	buf *b;
	size_t start; /* where this piece of text began in b */
	int brk;      /* pending break: 0, 1 ("\n") or 2 ("\n\n") */
	int space;    /* pending space */
	int pre;      /* inside <pre>: whitespace kept */
	int inl;      /* one line (titles): breaks become spaces */
	int strict;   /* strict or loose pass */
} xtext;

/* Writes the pending break or space, unless nothing was written yet. */
static void
xt_flush(xtext *x)
{
	buf *b = x->b;

	if (b->n > x->start && x->brk && !x->inl) {
		while (b->n > x->start &&
		       is_space((unsigned char)b->p[b->n - 1]))
			b->n--;
		buf_add(b, "\n\n", (size_t)x->brk);
	} else if (b->n > x->start && (x->brk || x->space)) {
		buf_addc(b, ' ');
	}
	x->brk = x->space = 0;
}

/* Length of the whitespace at u (ASCII or U+00A0), 0 if none. */
static size_t
ws_len(const unsigned char *u)
{
	if (is_space(*u))
		return 1;
	return u[0] == 0xC2 && u[1] == 0xA0 ? 2 : 0;
}

/* Text from gumbo is appended through u8_sanitize: gumbo 0.10.1 turns an
 * overflowing numeric reference (&#x4E2D0E2D0;) into a lone invalid byte
 * (found by tests/fuzz/fuzz_article_html), and readers must give valid
 * UTF-8 only. */
static void
xt_text(xtext *x, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run, w;

	if (x->pre && !x->inl) {
		if (*s) {
			xt_flush(x);
			u8_sanitize(x->b, s, strlen(s));
		}
		return;
	}
	while (u[i]) {
		if ((w = ws_len(u + i))) {
			x->space = 1;
			i += w;
			continue;
		}
		for (run = i; u[i] && !ws_len(u + i); i++)
			;
		xt_flush(x);
		u8_sanitize(x->b, s + run, i - run);
	}
}

static void
xt_break(xtext *x, int k)
{
	if (k < 0)
		x->space = 1;
	else if (k > x->brk)
		x->brk = k;
}

static int
xt_enter(void *ctx, const GumboNode *node)
{
	xtext *x = ctx;
	GumboTag t;

	switch (node->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
	case GUMBO_NODE_CDATA:
		xt_text(x, node->v.text.text);
		return 0;
	case GUMBO_NODE_ELEMENT:
		break;
	default:
		return 0;
	}
	if (is_furniture(node, x->strict))
		return 0;
	t = node->v.element.tag;
	xt_break(x, tag_break(t));
	x->pre += t == GUMBO_TAG_PRE || t == GUMBO_TAG_LISTING;
	return 1;
}

static void
xt_leave(void *ctx, const GumboNode *node, int how)
{
	xtext *x = ctx;
	GumboTag t = node->v.element.tag;

	(void)how;
	xt_break(x, tag_break(t));
	x->pre -= t == GUMBO_TAG_PRE || t == GUMBO_TAG_LISTING;
}

/* Appends the text of the nodes to b; returns -1 when out of memory. */
static int
put_text(buf *b, const GumboNode *const *nodes, size_t count, int strict,
	 int inl)
{
	xtext x = {b, b->n, 0, 0, 0, inl, strict};
	size_t i;

	for (i = 0; i < count; i++) {
		if (walk(nodes[i], xt_enter, xt_leave, &x) < 0)
			return -1;
		xt_break(&x, 2);
	}
	return b->err ? -1 : 0;
}

/* Appends s with its whitespace collapsed and trimmed. */
static void
put_str(buf *b, const char *s)
{
	xtext x = {b, b->n, 0, 0, 0, 1, 1};

	if (s)
		xt_text(&x, s);
}

/* ---- metadata ---- */

enum { IN_ARTICLE = 2, IN_CONTENT = 4, IN_NOISE = 8 };

typedef struct meta {
	const char *og_title, *site_name, *author, *canonical, *og_url, *lang;
	const char *published, *date;
	const GumboNode *title, *h1_in, *h1_out, *h1_any;
	const GumboNode *time_in, *time_out, *main, *body;
	const GumboNode **arts; /* <article>s not inside another or furniture */
	size_t narts, cap;
	int art, content, noise; /* depths: inside article, article or main,
				    furniture */
	int nomem;
} meta;

static void
set_once(const char **slot, const char *value)
{
	if (!*slot && value && *value)
		*slot = value;
}

/* 1 if the whitespace-separated list s holds word (any case). */
static int
has_word(const char *s, const char *word)
{
	size_t len = strlen(word), k;

	while (s && *s) {
		while (is_space((unsigned char)*s))
			s++;
		for (k = 0; s[k] && !is_space((unsigned char)s[k]); k++)
			;
		if (k == len && !strncasecmp(s, word, len))
			return 1;
		s += k;
	}
	return 0;
}

static void
meta_tag(meta *m, const GumboElement *e)
{
	const char *content = attr(e, "content"), *keys[2], *k;
	int i;

	if (!content)
		return;
	keys[0] = attr(e, "property");
	keys[1] = attr(e, "name");
	for (i = 0; i < 2; i++) {
		if (!(k = keys[i]))
			continue;
		if (!strcasecmp(k, "og:title"))
			set_once(&m->og_title, content);
		else if (!strcasecmp(k, "og:site_name"))
			set_once(&m->site_name, content);
		else if (!strcasecmp(k, "og:url"))
			set_once(&m->og_url, content);
		else if (!strcasecmp(k, "author"))
			set_once(&m->author, content);
		else if (!strcasecmp(k, "article:published_time"))
			set_once(&m->published, content);
		else if (!strcasecmp(k, "date") || !strcasecmp(k, "dc.date") ||
			 !strcasecmp(k, "dc.date.issued"))
			set_once(&m->date, content);
	}
}

static int
meta_enter(void *ctx, const GumboNode *node)
{
	meta *m = ctx;
	const GumboElement *e = &node->v.element;
	const char *role;
	int how = 1;

	if (node->type == GUMBO_NODE_DOCUMENT)
		return 1;
	if (node->type != GUMBO_NODE_ELEMENT ||
	    e->tag_namespace != GUMBO_NAMESPACE_HTML)
		return 0;
	switch (e->tag) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
		return 0;
	case GUMBO_TAG_HTML:
		set_once(&m->lang, attr(e, "lang"));
		set_once(&m->lang, attr(e, "xml:lang"));
		break;
	case GUMBO_TAG_BODY:
		if (!m->body)
			m->body = node;
		break;
	case GUMBO_TAG_TITLE:
		if (!m->title)
			m->title = node;
		return 0;
	case GUMBO_TAG_META:
		meta_tag(m, e);
		return 0;
	case GUMBO_TAG_LINK:
		if (has_word(attr(e, "rel"), "canonical"))
			set_once(&m->canonical, attr(e, "href"));
		return 0;
	case GUMBO_TAG_H1:
	case GUMBO_TAG_TIME:
		if (e->tag == GUMBO_TAG_H1) {
			if (m->content && !m->noise && !m->h1_in)
				m->h1_in = node;
			if (!m->noise && !m->h1_out)
				m->h1_out = node;
			if (!m->h1_any)
				m->h1_any = node;
		} else {
			if (m->content && !m->noise && !m->time_in)
				m->time_in = node;
			if (!m->noise && !m->time_out)
				m->time_out = node;
		}
		return 0;
	case GUMBO_TAG_ARTICLE:
		if (!m->art && !m->noise) {
			if (m->narts == m->cap) {
				const GumboNode **p;

				m->cap = m->cap ? m->cap * 2 : 8;
				p = realloc(m->arts, m->cap * sizeof *p);
				if (!p) {
					m->nomem = 1;
					return 0;
				}
				m->arts = p;
			}
			m->arts[m->narts++] = node;
		}
		how |= IN_ARTICLE | IN_CONTENT;
		break;
	default:
		role = attr(e, "role");
		if (e->tag != GUMBO_TAG_MAIN &&
		    !(role && !strcasecmp(role, "main")))
			break;
		if (!m->main && !m->noise)
			m->main = node;
		how |= IN_CONTENT;
		break;
	}
	if (is_furniture(node, 1))
		how |= IN_NOISE;
	m->art += !!(how & IN_ARTICLE);
	m->content += !!(how & IN_CONTENT);
	m->noise += !!(how & IN_NOISE);
	return how;
}

static void
meta_leave(void *ctx, const GumboNode *node, int how)
{
	meta *m = ctx;

	(void)node;
	m->art -= !!(how & IN_ARTICLE);
	m->content -= !!(how & IN_CONTENT);
	m->noise -= !!(how & IN_NOISE);
}

/* Appends the date in a <time>: its datetime attribute, else its text. */
static int
put_time(buf *b, const GumboNode *node)
{
	const char *dt;

	if (!node)
		return 0;
	dt = attr(&node->v.element, "datetime");
	if (dt) {
		put_str(b, dt);
		return 0;
	}
	return put_text(b, &node, 1, 1, 1);
}

/* ---- the page ---- */

enum {
	P_TITLE, P_SOURCE, P_AUTHOR, P_URL, P_LANG, P_DATE0,
	P_TEXT = P_DATE0 + HTML_NDATES, P_N
};

void
html_page_clear(html_page *p)
{
	int i;

	buf_free(&p->mem_);
	p->title = p->source = p->author = p->url = p->lang = html_empty;
	p->title_og = 0;
	for (i = 0; i < HTML_NDATES; i++)
		p->dates[i] = html_empty;
	p->text = html_empty;
	p->textlen = 0;
}

/* Appends the first candidate giving some text (title: og:title, <title>,
 * <h1>s).  Returns -1 when out of memory. */
static int
put_title(buf *b, const meta *m)
{
	const GumboNode *cand[4];
	size_t start = b->n;
	int i;

	put_str(b, m->og_title);
	cand[0] = m->title;
	cand[1] = m->h1_in;
	cand[2] = m->h1_out;
	cand[3] = m->h1_any;
	for (i = 0; i < 4 && b->n == start; i++)
		if (cand[i] && put_text(b, &cand[i], 1, 0, 1) < 0)
			return -1;
	return 0;
}

/* Appends the article text: the <article>s, else <main>, else <body>
 * (strict), else <body> (loose). */
static int
put_body(buf *b, const meta *m, const GumboNode *root)
{
	const GumboNode *body = m->body ? m->body : root;
	size_t start = b->n;

	if (m->narts && put_text(b, m->arts, m->narts, 1, 0) < 0)
		return -1;
	if (b->n == start && m->main && put_text(b, &m->main, 1, 1, 0) < 0)
		return -1;
	if (b->n == start && put_text(b, &body, 1, 1, 0) < 0)
		return -1;
	if (b->n == start && put_text(b, &body, 1, 0, 0) < 0)
		return -1;
	return 0;
}

int
html_parse(html_page *p, const char *data, size_t n, char **err)
{
	GumboOptions opt = kGumboDefaultOptions;
	GumboOutput *out;
	buf flat = BUF_INIT, *b = &p->mem_;
	meta m;
	size_t off[P_N];
	int f, rc;

	html_page_clear(p);
	rc = html_flatten(data, n, &flat);
	if (rc < 0) {
		buf_free(&flat);
		return seterr(err, -1, "out of memory");
	}
	if (rc > 0) {
		data = flat.p;
		n = flat.n;
	}
	opt.max_errors = 0; /* do not keep parse errors: we ignore them */
	out = gumbo_parse_with_options(&opt, data, n);
	if (!out) {
		buf_free(&flat);
		return seterr(err, -1, "out of memory");
	}
	memset(&m, 0, sizeof m);
	rc = walk(out->document, meta_enter, meta_leave, &m);
	if (rc < 0 || m.nomem)
		goto nomem;

	/* one field after another, each followed by a NUL */
	for (f = 0; f < P_N; f++) {
		off[f] = b->n;
		switch (f) {
		case P_TITLE:
			rc = put_title(b, &m);
			p->title_og = m.og_title && *m.og_title;
			break;
		case P_SOURCE:
			put_str(b, m.site_name);
			break;
		case P_AUTHOR:
			put_str(b, m.author);
			break;
		case P_URL:
			put_str(b, m.canonical ? m.canonical : m.og_url);
			break;
		case P_LANG:
			put_str(b, m.lang);
			break;
		case P_DATE0 + HTML_DATE_PUBLISHED:
			put_str(b, m.published);
			break;
		case P_DATE0 + HTML_DATE_TIME:
			rc = put_time(b, m.time_in ? m.time_in : m.time_out);
			break;
		case P_DATE0 + HTML_DATE_META:
			put_str(b, m.date);
			break;
		case P_TEXT:
			rc = put_body(b, &m, out->root);
			break;
		}
		if (rc < 0)
			goto nomem;
		if (f == P_TEXT)
			p->textlen = b->n - off[f];
		buf_addc(b, '\0');
	}
	if (b->err)
		goto nomem;
	p->title = b->p + off[P_TITLE];
	p->source = b->p + off[P_SOURCE];
	p->author = b->p + off[P_AUTHOR];
	p->url = b->p + off[P_URL];
	p->lang = b->p + off[P_LANG];
	for (f = 0; f < HTML_NDATES; f++)
		p->dates[f] = b->p + off[P_DATE0 + f];
	p->text = b->p + off[P_TEXT];
	free(m.arts);
	gumbo_destroy_output(&opt, out);
	buf_free(&flat);
	return 0;
nomem:
	free(m.arts);
	gumbo_destroy_output(&opt, out);
	buf_free(&flat);
	html_page_clear(p);
	return seterr(err, -1, "out of memory");
}
