/*
 * docview: the document view of the search page (page.h: page_doc), one
 * whole article with the query's matches highlighted.  Built from the
 * page's pieces (pagekit.h), so its escaping holds by construction as the
 * results page's does.
 *
 * The text keeps its light structure (docblk.h): paragraphs, Markdown
 * headings (the highest of them <h2>, below the page's own <h1>, the
 * title), lists, rules;
 * comments are never shown.  A leading heading that repeats the title is
 * left out.  Each match is a <mark id="mK"> whose text links to the next
 * match ("#mK+1", the last to the first): reading from one match to the
 * next takes no script, and :target outlines the one arrived at.  The
 * title is highlighted too; the record's fields are listed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docblk.h"
#include "esc.h"
#include "page.h"
#include "pagekit.h"

/* Where the rendering is in the hits (joined, in display-form offsets). */
typedef struct marks {
	const page_ctx *c;
	const char *s;	  /* the display form */
	const snip_hl *hl;
	size_t n;	  /* hits */
	size_t h;	  /* the next hit to look at */
	size_t shown;	  /* hits inside blocks: the ones numbered */
	size_t k;	  /* hits numbered so far */
} marks;

/* Appends "#m" and k (1-based) to an href or id. */
static void
anchor(buf *o, size_t k)
{
	LIT(o, "m");
	buf_printf(o, "%zu", k);
}

/* s[start..end) of the display form with the hits in it marked; a hit
 * that starts here is numbered and links to the next one. */
static void
emit(buf *o, marks *m, size_t start, size_t end)
{
	size_t i = start;

	while (i < end) {
		size_t stop = end;
		int in;

		while (m->h < m->n && m->hl[m->h].bend <= i)
			m->h++;
		in = m->h < m->n && m->hl[m->h].bstart <= i;
		if (in && m->hl[m->h].bend < stop)
			stop = m->hl[m->h].bend;
		if (!in && m->h < m->n && m->hl[m->h].bstart < stop)
			stop = m->hl[m->h].bstart;
		if (in && m->hl[m->h].bstart == i && m->shown) {
			size_t k = ++m->k, next = k < m->shown ? k + 1 : 1;
			char *word = str_ndup(m->s + i, stop - i);
			char nx[24], all[24];

			snprintf(nx, sizeof nx, "%zu", next);
			snprintf(all, sizeof all, "%zu", m->shown);
			LIT(o, "<mark id=\"");
			anchor(o, k);
			LIT(o, "\"><a href=\"#");
			anchor(o, next);
			LIT(o, "\" aria-label=\"");
			MSG(o, m->c, M_NEXT_MATCH, word ? word : "", nx, all);
			free(word);
			LIT(o, "\">");
			esc_html(o, m->s + i, stop - i);
			LIT(o, "</a></mark>");
		} else if (in) { /* the rest of a hit cut by a block's end */
			LIT(o, "<mark>");
			esc_html(o, m->s + i, stop - i);
			LIT(o, "</mark>");
		} else {
			esc_html(o, m->s + i, stop - i);
		}
		i = stop;
	}
}

/* The hits that start inside one of the blocks (the ones shown). */
static size_t
count_shown(const docblk *b, size_t nb, const snip_hl *hl, size_t nhl)
{
	size_t n = 0, h = 0;

	for (size_t i = 0; i < nb; i++)
		for (; h < nhl && hl[h].bstart < b[i].end; h++)
			if (hl[h].bstart >= b[i].start)
				n++;
	return n;
}

/* The text, block by block. */
static void
blocks(buf *o, marks *m, const docblk *b, size_t nb)
{
	docblk_kind list = DOCBLK_PARA; /* the list open, if ITEM or NUM */
	unsigned top = 6;

	/* the text's highest heading level is <h2>: the page's <h1> is the
	 * title */
	for (size_t i = 0; i < nb; i++)
		if (b[i].kind == DOCBLK_HEAD && b[i].level < top)
			top = b[i].level;
	for (size_t i = 0; i < nb; i++) {
		if (list != DOCBLK_PARA && b[i].kind != list) {
			if (list == DOCBLK_ITEM)
				LIT(o, "</ul>\n");
			else
				LIT(o, "</ol>\n");
			list = DOCBLK_PARA;
		}
		switch (b[i].kind) {
		case DOCBLK_HEAD: {
			unsigned lv = b[i].level - top + 2;
			char tag = (char)('0' + (lv < 6 ? lv : 6));

			LIT(o, "<h");
			buf_addc(o, tag);
			LIT(o, ">");
			emit(o, m, b[i].start, b[i].end);
			LIT(o, "</h");
			buf_addc(o, tag);
			LIT(o, ">\n");
			break;
		}
		case DOCBLK_ITEM:
		case DOCBLK_NUM:
			if (list == DOCBLK_PARA) {
				list = b[i].kind;
				if (list == DOCBLK_ITEM) {
					LIT(o, "<ul>\n");
				} else if (b[i].level == 1) {
					LIT(o, "<ol>\n");
				} else {
					LIT(o, "<ol start=\"");
					buf_printf(o, "%u", b[i].level);
					LIT(o, "\">\n");
				}
			}
			LIT(o, "<li>");
			emit(o, m, b[i].start, b[i].end);
			LIT(o, "</li>\n");
			break;
		case DOCBLK_RULE:
			LIT(o, "<hr>\n");
			break;
		case DOCBLK_PARA:
			LIT(o, "<p>");
			emit(o, m, b[i].start, b[i].end);
			LIT(o, "</p>\n");
			break;
		}
	}
	if (list == DOCBLK_ITEM)
		LIT(o, "</ul>\n");
	else if (list == DOCBLK_NUM)
		LIT(o, "</ol>\n");
}

/* <dt>name</dt><dd>: one field of the record. */
static void
field(buf *o, const page_ctx *c, msg_id name)
{
	LIT(o, "<dt>");
	MSG(o, c, name);
	LIT(o, "</dt><dd>");
}

/* The record's fields, each with its name: what the search gives. */
static void
doc_fields(buf *o, const page_ctx *c, const article_view *v)
{
	LIT(o, "<dl class=\"fields\">\n");
	if (*v->date) {
		field(o, c, M_F_DATE);
		page_date(o, c, v->date);
		LIT(o, "</dd>\n");
	}
	if (*v->source) {
		field(o, c, M_F_SOURCE);
		page_txt(o, v->source);
		LIT(o, "</dd>\n");
	}
	if (*v->author) {
		field(o, c, M_F_AUTHOR);
		page_txt(o, v->author);
		LIT(o, "</dd>\n");
	}
	if (*v->lang) {
		field(o, c, M_F_LANG);
		page_txt(o, v->lang);
		LIT(o, "</dd>\n");
	}
	if (esc_url_ok(v->url)) {
		field(o, c, M_F_URL);
		LIT(o, "<a class=\"url\" href=\"");
		page_txt(o, v->url);
		LIT(o, "\" rel=\"noopener noreferrer\">");
		page_url(o, v->url);
		LIT(o, "</a></dd>\n");
	} else if (*v->url) {
		field(o, c, M_F_URL);
		page_txt(o, v->url);
		LIT(o, "</dd>\n");
	}
	field(o, c, M_F_ID);
	page_txt(o, v->id);
	LIT(o, "</dd>\n</dl>\n");
}

/* lang="..." for the document's own text, when its language is known. */
static void
lang_attr(buf *o, const article_view *v)
{
	if (page_lang_ok(v->lang)) {
		LIT(o, " lang=\"");
		page_txt(o, v->lang);
		LIT(o, "\"");
	}
}

void
page_doc(buf *o, const page_ctx *c, const search_result *res)
{
	const search_hit *h = res && res->nhits ? &res->hits[0] : NULL;
	const article_view *v;
	const char *flat;
	docblk *b = NULL;
	snip_hl *hl = NULL;
	size_t nb, nhl, skip = 0;
	marks m = {0};

	if (!h) {
		page_error(o, c, 404, msg_text((msg_lang)c->ui, M_NO_SUCH_DOC));
		return;
	}
	v = &h->v;
	flat = h->snip.text.p ? h->snip.text.p : "";
	nb = docblk_split(v->text, v->textlen, flat, h->snip.text.n, &b);
	skip = docblk_title(flat, b, nb, v->title);
	nhl = docblk_join(flat, h->snip.text.n, h->snip.hl, h->snip.nhl, &hl);
	m.c = c;
	m.s = flat;
	m.hl = hl;
	m.n = nhl;
	m.shown = count_shown(b + skip, nb - skip, hl, nhl);

	page_head(o, c, *v->title ? v->title : v->id, 0);
	page_form(o, c, 0);
	LIT(o, "<main class=\"wrap\">\n<article class=\"doc\">\n"
	       "<p class=\"back\"><a href=\"");
	page_href(o, c, NULL, NULL);
	LIT(o, "\">");
	MSG(o, c, *c->q ? M_BACK : M_NEW_SEARCH);
	LIT(o, "</a></p>\n");
	LIT(o, "<h1 id=\"top\"");
	lang_attr(o, v);
	LIT(o, ">");
	if (*v->title && h->tsnip.text.n)
		page_marked(o, h->tsnip.text.p, h->tsnip.text.n, h->tsnip.hl,
			    h->tsnip.nhl, NULL, 0);
	else
		page_txt(o, *v->title ? v->title : v->id);
	LIT(o, "</h1>\n");
	doc_fields(o, c, v);
	page_similar(o, c, v->id);
	if (*c->q) {
		LIT(o, "<p class=\"note\">");
		if (m.shown) {
			char n[24];

			snprintf(n, sizeof n, "%zu", m.shown);
			MSG(o, c, m.shown == 1 ? M_MATCH_1 : M_MATCHES, n, c->q);
			LIT(o, "<a href=\"#m1\">");
			MSG(o, c, M_GO_FIRST);
			LIT(o, "</a>");
			MSG(o, c, M_EACH_NEXT);
		} else {
			MSG(o, c, M_NO_WORDS, c->q);
		}
		LIT(o, "</p>\n");
	}
	LIT(o, "<div class=\"text\"");
	lang_attr(o, v);
	LIT(o, ">\n");
	blocks(o, &m, b + skip, nb - skip);
	LIT(o, "</div>\n</article>\n</main>\n");
	free(b);
	free(hl);
	page_foot(o, c, 0);
}
