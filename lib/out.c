#include "out.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"

#define ANSI_TITLE "\033[1m"
#define ANSI_META "\033[2m"
#define ANSI_HIT "\033[1;31m"
#define ANSI_OFF "\033[0m"

/* Columns a code point takes in a terminal (CJK and full-width: 2). */
static int
cp_width(const unsigned char *s, size_t k)
{
	unsigned c;

	if (k < 3)
		return 1;
	c = k == 3 ? ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
			     (s[2] & 0x3Fu) :
		     0x10000;
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x10000)
		return 2;
	return 1;
}

/* Appends text[0..n) wrapped at width with indent, highlighting the hl
 * ranges; *col tracks the column.  Breaks only at spaces (or anywhere in
 * CJK runs, which have none). */
static void
wrap_snippet(buf *o, const snip_text *src, int color, int width, int indent)
{
	snip_text merged = *src, *st = &merged;
	const char *s = src->text.p ? src->text.p : "";
	size_t n = src->text.n, i = 0, h = 0;
	int col = indent, open = 0;
	buf tmp = BUF_INIT;

	/* hits separated by one space read as one: [export controls] */
	merged.hl = malloc((src->nhl ? src->nhl : 1) * sizeof *merged.hl);
	merged.nhl = 0;
	for (size_t k = 0; merged.hl && k < src->nhl; k++) {
		snip_hl *last = merged.nhl ? &merged.hl[merged.nhl - 1] : NULL;

		if (last && src->hl[k].bstart == last->bend + 1 &&
		    s[last->bend] == ' ')
			last->bend = src->hl[k].bend;
		else
			merged.hl[merged.nhl++] = src->hl[k];
	}
	if (!merged.hl)
		merged = *src;

	for (int k = 0; k < indent; k++)
		buf_addc(o, ' ');
	while (i < n) {
		size_t j = i, k;
		int w = 0, in_hit;

		/* next chunk: a word with its trailing space, or one wide
		 * character */
		k = u8_seqlen((const unsigned char *)s + j, n - j);
		if (!k)
			k = 1;
		if (cp_width((const unsigned char *)s + j, k) == 2) {
			w = 2;
			j += k;
		} else {
			while (j < n && s[j] != ' ') {
				k = u8_seqlen((const unsigned char *)s + j,
					      n - j);
				if (!k)
					k = 1;
				if (cp_width((const unsigned char *)s + j, k) ==
				    2)
					break;
				w++;
				j += k;
			}
			if (j < n && s[j] == ' ') {
				j++;
				w++;
			}
		}
		if (col + w > width && col > indent) {
			/* drop the space that ended the line */
			if (o->n && o->p[o->n - 1] == ' ')
				o->n--;
			buf_addc(o, '\n');
			for (int x = 0; x < indent; x++)
				buf_addc(o, ' ');
			col = indent;
		}
		/* emit s[i..j) with highlight transitions */
		while (i < j) {
			size_t stop = j;

			while (h < st->nhl && st->hl[h].bend <= i)
				h++;
			in_hit = h < st->nhl && st->hl[h].bstart <= i;
			if (in_hit && st->hl[h].bend < stop)
				stop = st->hl[h].bend;
			if (!in_hit && h < st->nhl && st->hl[h].bstart < stop)
				stop = st->hl[h].bstart;
			if (in_hit && !open)
				buf_adds(o, color ? ANSI_HIT : "[");
			else if (!in_hit && open)
				buf_adds(o, color ? ANSI_OFF : "]");
			open = in_hit;
			buf_reset(&tmp);
			esc_term(&tmp, s + i, stop - i);
			buf_add(o, tmp.p ? tmp.p : "", tmp.n);
			i = stop;
		}
		col += w;
	}
	if (open)
		buf_adds(o, color ? ANSI_OFF : "]");
	buf_addc(o, '\n');
	buf_free(&tmp);
	if (merged.hl != src->hl)
		free(merged.hl);
}

static void
term_text(buf *o, const char *s)
{
	esc_term(o, s, strlen(s));
}

static void
text_begin(out_ctx *c)
{
	const search_result *res = c->res;
	buf *o = c->o;

	if (c->oo->explain) {
		buf_adds(o, "Query: ");
		term_text(o, res->canon ? res->canon : "");
		buf_adds(o, "\nXapian: ");
		term_text(o, res->xapian ? res->xapian : "");
		buf_addc(o, '\n');
	}
	if (res->warning) {
		buf_adds(o, "Note: ");
		term_text(o, res->warning);
		buf_addc(o, '\n');
	}
	if (res->corrected && res->suggestion) {
		buf_adds(o, "Showing results for ");
		term_text(o, res->suggestion);
		buf_adds(o, " (the query as typed found nothing)\n");
	} else if (res->suggestion) {
		buf_adds(o, "Did you mean: ");
		term_text(o, res->suggestion);
		buf_printf(o, " (%u results)\n", res->suggestion_total);
	}
	if (res->total_exact)
		buf_printf(o, "%u result%s", res->total,
			   res->total == 1 ? "" : "s");
	else
		buf_printf(o, "More than %u results", res->total);
	buf_printf(o, " (%.2f ms)\n", res->seconds * 1000);
}

static void
text_hit(out_ctx *c, const search_hit *h)
{
	const out_opts *oo = c->oo;
	const article_view *v = &h->v;
	int width = oo->width > 20 ? oo->width : 80;
	buf *o = c->o;

	buf_printf(o, "\n%u. ", h->rank);
	if (oo->color)
		buf_adds(o, ANSI_TITLE);
	term_text(o, *v->title ? v->title : v->id);
	if (oo->color)
		buf_adds(o, ANSI_OFF);
	buf_addc(o, '\n');
	buf_adds(o, "   ");
	if (oo->color)
		buf_adds(o, ANSI_META);
	if (*v->date) {
		term_text(o, v->date);
		buf_adds(o, " · ");
	}
	if (*v->source) {
		term_text(o, v->source);
		buf_adds(o, " · ");
	}
	if (*v->author && strcmp(v->author, v->source)) {
		term_text(o, v->author);
		buf_adds(o, " · ");
	}
	term_text(o, *v->url ? v->url : v->id);
	buf_printf(o, " · %.2f", h->score);
	if (oo->color)
		buf_adds(o, ANSI_OFF);
	buf_addc(o, '\n');
	if (h->snip.text.n)
		wrap_snippet(o, &h->snip, oo->color, width, 3);
	if (h->ncopies) {
		/* the group's other members, for searching them: dup:KEY */
		buf_printf(o, "   %zu similar cop%s (dup:", h->ncopies,
			   h->ncopies == 1 ? "y" : "ies");
		term_text(o, h->dupkey);
		buf_adds(o, ")\n");
	}
}

/* Adds a string member (any bytes: invalid UTF-8 becomes U+FFFD). */
static void
set_str(json_t *obj, const char *key, const char *s)
{
	json_t *v = json_string(s ? s : "");

	if (!v) {
		buf b = BUF_INIT;

		u8_sanitize(&b, s, strlen(s));
		v = json_string(b.p ? b.p : "");
		buf_free(&b);
	}
	if (v)
		json_object_set_new(obj, key, v);
}

static json_t *
hit_json(const search_hit *h)
{
	json_t *o = json_object(), *hl = json_array();
	const article_view *v = &h->v;

	if (!o || !hl) {
		json_decref(o);
		json_decref(hl);
		return NULL;
	}
	set_str(o, "id", v->id);
	json_object_set_new(o, "rank", json_integer(h->rank));
	json_object_set_new(o, "score", json_real(h->score));
	set_str(o, "title", v->title);
	set_str(o, "date", v->date);
	set_str(o, "source", v->source);
	set_str(o, "author", v->author);
	set_str(o, "url", v->url);
	set_str(o, "lang", v->lang);
	if (v->names && *v->names) /* well-known names, when it has some */
		set_str(o, "names", v->names);
	set_str(o, "snippet", h->snip.text.p ? h->snip.text.p : "");
	for (size_t i = 0; i < h->snip.nhl; i++) {
		json_t *pair = json_array();

		json_array_append_new(pair,
				      json_integer((json_int_t)h->snip.hl[i].cstart));
		json_array_append_new(pair,
				      json_integer((json_int_t)h->snip.hl[i].cend));
		json_array_append_new(hl, pair);
	}
	json_object_set_new(o, "highlights", hl);
	if (h->ncopies) {
		json_t *d = json_object(), *ids = json_array();

		for (size_t i = 0; ids && i < h->ncopies &&
				   i < SEARCH_MAXCOPIES && h->copies[i];
		     i++)
			json_array_append_new(ids, json_string(h->copies[i]));
		if (d && ids) {
			json_object_set_new(d, "count",
					    json_integer((json_int_t)h->ncopies));
			json_object_set_new(d, "matched",
					    json_integer(h->collapsed));
			set_str(d, "key", h->dupkey);
			json_object_set_new(d, "ids", ids);
			json_object_set_new(o, "duplicates", d);
		} else {
			json_decref(d);
			json_decref(ids);
		}
	}
	return o;
}

static void
dump(buf *o, json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER |
					    JSON_REAL_PRECISION(6)) :
		      NULL;

	if (s) {
		buf_adds(o, s);
		free(s);
	} else {
		o->err = 1;
	}
	buf_addc(o, '\n');
}

static void
json_hits_hit(out_ctx *c, const search_hit *h)
{
	json_t *j = hit_json(h);

	/* each line carries the count, as bulk mode's object does */
	json_object_set_new(j, "total", json_integer(c->res->total));
	json_object_set_new(j, "total_exact",
			    json_boolean(c->res->total_exact));
	dump(c->o, j);
	json_decref(j);
}

/* The query's object, without its results: qid (when given), query. */
static json_t *
query_json(const out_ctx *c)
{
	json_t *j = json_object();

	if (!j) {
		c->o->err = 1;
		return NULL;
	}
	if (c->qid)
		set_str(j, "qid", c->qid);
	set_str(j, "query", c->query ? c->query : "");
	return j;
}

static void
json_begin(out_ctx *c)
{
	const search_result *res = c->res;
	const out_opts *oo = c->oo;
	json_t *j = query_json(c);

	c->state = j;
	if (!j)
		return;
	json_object_set_new(j, "total", json_integer(res->total));
	json_object_set_new(j, "total_exact", json_boolean(res->total_exact));
	if (oo && oo->timings)
		json_object_set_new(j, "took_ms",
				    json_real(res->seconds * 1000));
	if (oo && oo->explain && res->canon)
		set_str(j, "explain", res->canon);
	if (res->suggestion) {
		set_str(j, "suggestion", res->suggestion);
		json_object_set_new(j, "corrected",
				    json_boolean(res->corrected));
	}
	if (res->warning)
		set_str(j, "warning", res->warning);
	json_object_set_new(j, "results", json_array());
}

static void
json_hit(out_ctx *c, const search_hit *h)
{
	json_t *arr = c->state ? json_object_get(c->state, "results") : NULL;

	if (arr)
		json_array_append_new(arr, hit_json(h));
}

static void
json_end(out_ctx *c)
{
	if (c->state) {
		dump(c->o, c->state);
		json_decref(c->state);
		c->state = NULL;
	}
}

static void
json_error(out_ctx *c, const char *msg)
{
	c->state = query_json(c);
	if (c->state)
		set_str(c->state, "error", msg ? msg : "failed");
}

/* A field for one-line formats: whitespace becomes a space. */
static void
flat(buf *o, const char *s)
{
	size_t start = o->n;

	esc_term(o, s, strlen(s));
	for (size_t i = start; i < o->n; i++)
		if (o->p[i] == '\t' || o->p[i] == '\n' || o->p[i] == '\r')
			o->p[i] = ' ';
}

static void
trec_hit(out_ctx *c, const search_hit *h)
{
	buf *o = c->o;
	size_t start;

	flat(o, c->qid ? c->qid : "");
	buf_adds(o, " Q0 ");
	/* TREC fields are space-separated: ids with spaces get '_' */
	start = o->n;
	flat(o, h->v.id);
	for (size_t k = start; k < o->n; k++)
		if (o->p[k] == ' ')
			o->p[k] = '_';
	buf_printf(o, " %u %.6f %s\n", h->rank, h->score,
		   c->oo && c->oo->tag ? c->oo->tag : "searcher");
}

static void
tsv_hit(out_ctx *c, const search_hit *h)
{
	buf *o = c->o;

	flat(o, c->qid ? c->qid : "");
	buf_printf(o, "\t%u\t", h->rank);
	flat(o, h->v.id);
	buf_printf(o, "\t%.6f\t", h->score);
	flat(o, h->v.title);
	buf_addc(o, '\n');
}

/* ---- the table ---- */

static const out_printer printers[] = {
	{"text", 0, text_begin, text_hit, NULL, NULL},
	{"json-hits", 0, NULL, json_hits_hit, NULL, NULL},
	{"json", 1, json_begin, json_hit, json_end, json_error},
	{"trec", 1, NULL, trec_hit, NULL, NULL},
	{"tsv", 1, NULL, tsv_hit, NULL, NULL},
};

const out_printer *
out_find(const char *name)
{
	for (size_t i = 0; name && i < sizeof printers / sizeof printers[0];
	     i++)
		if (strcmp(printers[i].name, name) == 0)
			return &printers[i];
	return NULL;
}

void
out_run(const out_printer *p, out_ctx *c)
{
	if (p->begin)
		p->begin(c);
	for (size_t i = 0; p->hit && i < c->res->nhits; i++)
		p->hit(c, &c->res->hits[i]);
	if (p->end)
		p->end(c);
}

int
out_fail(const out_printer *p, out_ctx *c, const char *msg)
{
	if (!p->error)
		return -1;
	p->error(c, msg);
	if (p->end)
		p->end(c);
	return 0;
}
