/*
 * docview: the document view of the search page (page.h: page_doc), one
 * whole article with the query's matches highlighted.  Built from the
 * page's pieces (pagekit.h), so its escaping holds by construction as the
 * results page's does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "page.h"
#include "pagekit.h"

/*
 * Where the flattened whole text (snip_flatten: white space runs became one
 * space) had a blank line in the stored text: the offsets in flat of the
 * spaces that stand for a run holding two or more line breaks.  Walks both
 * texts together; if they do not line up, returns 0 (one paragraph).
 * *out is malloc'd (free it) or NULL.
 */
static size_t
para_breaks(const char *orig, size_t on, const char *flat, size_t fn,
	    size_t **out)
{
	size_t i = 0, j = 0, n = 0, cap = 0, k, *v = NULL, *t;
	uint32_t c;

	*out = NULL;
	while (i < on) {
		int nl = 0, skipped = 0;

		while (i < on) {
			c = u8_decode(orig + i, on - i, &k);
			if (c == 0xFEFF || (c != U8_INVALID && cp_space(c))) {
				nl += c == '\n' ? 1 : c == 0x2029 ? 2 : 0;
				skipped = 1;
				i += k;
			} else
				break;
		}
		if (i >= on)
			break;
		if (skipped && j > 0) {
			if (j >= fn || flat[j] != ' ')
				goto fail;
			if (nl >= 2) {
				if (n == cap) {
					cap = cap ? cap * 2 : 16;
					t = realloc(v, cap * sizeof *v);
					if (!t)
						goto fail;
					v = t;
				}
				v[n++] = j;
			}
			j++;
		}
		c = u8_decode(orig + i, on - i, &k);
		if (c == U8_INVALID) {
			if (fn - j < 3 || memcmp(flat + j, "\xEF\xBF\xBD", 3))
				goto fail;
			j += 3;
		} else {
			if (fn - j < k || memcmp(flat + j, orig + i, k))
				goto fail;
			j += k;
		}
		i += k;
	}
	if (j != fn)
		goto fail;
	*out = v;
	return n;
fail:
	free(v);
	return 0;
}

void
page_doc(buf *o, const page_ctx *c, const search_result *res)
{
	const search_hit *h = res && res->nhits ? &res->hits[0] : NULL;
	const article_view *v;
	size_t *brk = NULL, nbrk;
	int ok;

	if (!h) {
		page_error(o, c, 404, "There is no such document.");
		return;
	}
	v = &h->v;
	ok = esc_url_ok(v->url);
	page_head(o, c, *v->title ? v->title : v->id, 0);
	page_form(o, c, 0);
	LIT(o, "<main class=\"wrap\">\n<article class=\"doc\"");
	if (page_lang_ok(v->lang)) {
		LIT(o, " lang=\"");
		page_txt(o, v->lang);
		LIT(o, "\"");
	}
	LIT(o, ">\n<p class=\"back\"><a href=\"");
	page_href(o, c, NULL, NULL);
	if (*c->q)
		LIT(o, "\">\xE2\x80\xB9 Back to the results</a></p>\n<h1>");
	else
		LIT(o, "\">\xE2\x80\xB9 New search</a></p>\n<h1>");
	page_txt(o, *v->title ? v->title : v->id);
	LIT(o, "</h1>\n<p class=\"meta\">");
	{
		const char *parts[3] = {v->source, v->author, v->lang};
		int sep = 0;

		if (*v->date) {
			page_date(o, v->date);
			sep = 1;
		}
		for (int i = 0; i < 3; i++) {
			if (!*parts[i])
				continue;
			if (sep)
				LIT(o, " \xC2\xB7 ");
			page_txt(o, parts[i]);
			sep = 1;
		}
		if (ok) {
			if (sep)
				LIT(o, " \xC2\xB7 ");
			LIT(o, "<a class=\"url\" href=\"");
			page_txt(o, v->url);
			LIT(o, "\" rel=\"noopener noreferrer\">");
			page_url(o, v->url);
			LIT(o, "</a>");
		}
	}
	LIT(o, "</p>\n");
	if (*c->q) {
		LIT(o, "<p class=\"note\">");
		if (h->snip.nhl) {
			page_count(o, h->snip.nhl);
			if (h->snip.nhl == 1)
				LIT(o, " match");
			else
				LIT(o, " matches");
			LIT(o, " for <q>");
			page_txt(o, c->q);
			LIT(o, "</q> highlighted.");
		} else {
			LIT(o, "No words of <q>");
			page_txt(o, c->q);
			LIT(o, "</q> in this text.");
		}
		LIT(o, "</p>\n");
	}
	nbrk = para_breaks(v->text, v->textlen, h->snip.text.p ? h->snip.text.p : "",
			   h->snip.text.n, &brk);
	LIT(o, "<div class=\"text\">\n<p>");
	page_marked(o, h->snip.text.p ? h->snip.text.p : "", h->snip.text.n,
	       h->snip.hl, h->snip.nhl, brk, nbrk);
	LIT(o, "</p>\n</div>\n</article>\n</main>\n");
	free(brk);
	page_foot(o, c, 0);
}
