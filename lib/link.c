/*
 * link: the page's links (link.h).
 */
#include "link.h"

#include <stdlib.h>
#include <string.h>

#include "esc.h"

/* One query parameter of a link: "&amp;name=value" (the first without
 * "&amp;"); nothing for an empty value. */
static void
param(buf *o, int *first, const char *name, const char *v)
{
	if (!v || !*v)
		return;
	if (!*first)
		buf_adds(o, "&amp;");
	*first = 0;
	buf_adds(o, name);
	buf_addc(o, '=');
	esc_url(o, v, strlen(v));
}

static void
param_num(buf *o, int *first, const char *name, unsigned v)
{
	if (!*first)
		buf_adds(o, "&amp;");
	*first = 0;
	buf_printf(o, "%s=%u", name, v);
}

void
link_href_x(buf *o, const page_ctx *c, const char *name, const char *val)
{
	int first = 1;

	buf_addc(o, '?');
	param(o, &first, "q", c->q);
	param(o, &first, "similar", c->similar);
	param(o, &first, "source", c->source);
	param(o, &first, "lang", c->lang);
	param(o, &first, "from", c->from);
	param(o, &first, "to", c->to);
	param(o, &first, "since", c->since);
	param(o, &first, "recency", c->recency);
	if (c->sort_date)
		param(o, &first, "sort", "date");
	if (c->no_collapse)
		param(o, &first, "collapse", "0");
	if (c->per_page && c->per_page != PAGE_PER_PAGE)
		param_num(o, &first, "n", c->per_page);
	if (c->page > 1)
		param_num(o, &first, "page", c->page);
	for (size_t i = 0; i < c->nsel; i++) {
		char *f = str_printf("%s:%s", c->sel[i].field,
				     c->sel[i].value);

		if (!f)
			o->err = 1;
		param(o, &first, "f", f);
		free(f);
	}
	param(o, &first, "more", c->more);
	if (name)
		param(o, &first, name, val);
}

void
link_href(buf *o, const page_ctx *c)
{
	link_href_x(o, c, NULL, NULL);
}
