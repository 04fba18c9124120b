/*
 * facet: the metadata facets of the results page (facet.h).
 *
 * Output as in page.c: LIT for markup (string literals only), txt for
 * text (esc_html), link_href for links.
 */
#include "facet.h"

#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "msg.h"

#define LIT(o, s) buf_add((o), "" s "", sizeof(s) - 1)

static void
txt(buf *o, const char *s)
{
	esc_html(o, s, strlen(s));
}

/* A field's name for people, unescaped, into b (the caller frees):
 * "parent_authority" is "Parent authority". */
static const char *
label_s(buf *b, const char *name)
{
	buf_adds(b, name);
	for (size_t i = 0; b->p && i < b->n; i++)
		if (b->p[i] == '_')
			b->p[i] = ' ';
	if (b->p && b->p[0] >= 'a' && b->p[0] <= 'z')
		b->p[0] = (char)(b->p[0] - 'a' + 'A');
	return b->p && !b->err ? b->p : "";
}

static void
label(buf *o, const char *name)
{
	buf b = BUF_INIT;

	txt(o, label_s(&b, name));
	if (b.err)
		o->err = 1;
	buf_free(&b);
}

/* The index of the selection (name, value) in c, or -1. */
static long
selected(const page_ctx *c, const char *name, const char *value)
{
	for (size_t i = 0; i < c->nsel; i++)
		if (!strcmp(c->sel[i].field, name) &&
		    !strcmp(c->sel[i].value, value))
			return (long)i;
	return -1;
}

/* A link to c with (name, value) toggled, back to page 1; tmp has room
 * for c->nsel + 1 selections. */
static void
toggle_href(buf *o, const page_ctx *c, fsel *tmp, const char *name,
	    const char *value)
{
	page_ctx t = *c;
	long at = selected(c, name, value);
	size_t n = 0;

	for (size_t i = 0; i < c->nsel; i++)
		if ((long)i != at)
			tmp[n++] = c->sel[i];
	if (at < 0) {
		tmp[n].field = name;
		tmp[n++].value = value;
	}
	t.sel = tmp;
	t.nsel = n;
	t.page = 1;
	link_href(o, &t);
}

static void
value_li(buf *o, const page_ctx *c, fsel *tmp, const char *name,
	 const char *value, unsigned n)
{
	int on = selected(c, name, value) >= 0;

	LIT(o, "<li");
	if (on)
		LIT(o, " class=\"on\"");
	LIT(o, "><a href=\"");
	toggle_href(o, c, tmp, name, value);
	LIT(o, "\" aria-pressed=\"");
	if (on)
	{
		LIT(o, "true\" title=\"");
		msg_html(o, (msg_lang)c->ui, M_REMOVE_FILTER);
		LIT(o, "\">");
	}
	else
		LIT(o, "false\">");
	txt(o, value);
	if (on)
		LIT(o, " \xE2\x9C\x95");
	LIT(o, "</a> <span class=\"n\">");
	esc_count(o, n);
	LIT(o, "</span></li>\n");
}

/* 1 if value is among the first k of f's values. */
static int
shown(const search_facet *f, size_t k, const char *value)
{
	for (size_t i = 0; i < k && i < f->n; i++)
		if (!strcmp(f->vals[i].value, value))
			return 1;
	return 0;
}

static void
one(buf *o, const page_ctx *c, const search_facet *f, fsel *tmp)
{
	int all = c->more && !strcmp(c->more, f->name);
	size_t k = all || f->n <= FACET_SHOWN ? f->n : FACET_SHOWN;
	page_ctx t = *c;

	if (!f->n && !c->nsel)
		return;
	LIT(o, "<section>\n<h2>");
	label(o, f->name);
	LIT(o, "</h2>\n<ul>\n");
	for (size_t i = 0; i < k; i++)
		value_li(o, c, tmp, f->name, f->vals[i].value,
			 f->vals[i].count);
	/* a selected value below the fold, or matching nothing now */
	for (size_t i = 0; i < c->nsel; i++) {
		const char *v = c->sel[i].value;
		unsigned n = 0;

		if (strcmp(c->sel[i].field, f->name) || shown(f, k, v))
			continue;
		for (size_t j = 0; j < f->n; j++)
			if (!strcmp(f->vals[j].value, v))
				n = f->vals[j].count;
		value_li(o, c, tmp, f->name, v, n);
	}
	LIT(o, "</ul>\n");
	if (f->n > FACET_SHOWN) {
		t.page = c->page;
		t.more = all ? "" : f->name;
		LIT(o, "<p class=\"more\"><a href=\"");
		link_href(o, &t);
		LIT(o, "\">");
		{
			buf lb = BUF_INIT, nb = BUF_INIT;

			esc_count(&nb, f->n);
			if (all)
				msg_html(o, (msg_lang)c->ui, M_FACET_FEWER,
					 label_s(&lb, f->name));
			else
				msg_html(o, (msg_lang)c->ui, M_FACET_ALL,
					 nb.p && !nb.err ? nb.p : "",
					 label_s(&lb, f->name));
			if (lb.err || nb.err)
				o->err = 1;
			buf_free(&lb);
			buf_free(&nb);
		}
		LIT(o, "</a></p>\n");
	}
	LIT(o, "</section>\n");
}

void
facet_list(buf *o, const page_ctx *c, const search_result *res)
{
	fsel *tmp;

	if (!res->nmfacets)
		return;
	if (!(tmp = calloc(c->nsel + 1, sizeof *tmp))) {
		o->err = 1;
		return;
	}
	for (size_t k = 0; k < res->nmfacets; k++)
		one(o, c, &res->mfacets[k], tmp);
	free(tmp);
}

void
facet_chips(buf *o, const page_ctx *c)
{
	fsel *tmp;

	if (!c->nsel)
		return;
	if (!(tmp = calloc(c->nsel + 1, sizeof *tmp))) {
		o->err = 1;
		return;
	}
	for (size_t i = 0; i < c->nsel; i++) {
		LIT(o, "<li><a href=\"");
		toggle_href(o, c, tmp, c->sel[i].field, c->sel[i].value);
		LIT(o, "\" title=\"Remove this filter\">");
		label(o, c->sel[i].field);
		LIT(o, ": ");
		txt(o, c->sel[i].value);
		LIT(o, " \xE2\x9C\x95</a></li>\n");
	}
	free(tmp);
}

void
facet_hidden(buf *o, const page_ctx *c)
{
	for (size_t i = 0; i < c->nsel; i++) {
		LIT(o, "<input type=\"hidden\" name=\"f\" value=\"");
		txt(o, c->sel[i].field);
		LIT(o, ":");
		txt(o, c->sel[i].value);
		LIT(o, "\">\n");
	}
}
