#include "out.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "docblk.h"
#include "esc.h"
#include "width.h"

#define ANSI_TITLE "\033[1m"
#define ANSI_META "\033[2m"
#define ANSI_HIT "\033[1;31m"
#define ANSI_OFF "\033[0m"

/* Columns the character at s (k bytes) takes: 2 or 1 (width.h). */
static int
cols(const char *s, size_t k)
{
	size_t n;

	return width_cp(u8_decode(s, k, &n)) == 2 ? 2 : 1;
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
	merged.nhl = docblk_join(s, n, src->hl, src->nhl, &merged.hl);

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
		if (cols(s + j, k) == 2) {
			w = 2;
			j += k;
		} else {
			while (j < n && s[j] != ' ') {
				k = u8_seqlen((const unsigned char *)s + j,
					      n - j);
				if (!k)
					k = 1;
				if (cols(s + j, k) ==
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
		/* [brackets] take columns too */
		for (size_t x = h; !color && x < st->nhl && st->hl[x].bstart < j;
		     x++) {
			if (st->hl[x].bstart >= i)
				w++;
			if (st->hl[x].bend > i && st->hl[x].bend <= j)
				w++;
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
		/* a hit that ends with the chunk closes on this line */
		while (h < st->nhl && st->hl[h].bend <= i)
			h++;
		if (open && !(h < st->nhl && st->hl[h].bstart <= i)) {
			buf_adds(o, color ? ANSI_OFF : "]");
			open = 0;
		}
		col += w;
	}
	if (open)
		buf_adds(o, color ? ANSI_OFF : "]");
	buf_addc(o, '\n');
	buf_free(&tmp);
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
	if (res->about) {
		buf_adds(o, "Articles like: ");
		term_text(o, res->about);
		buf_addc(o, '\n');
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
	if (h->why.n) { /* what the snippet cannot show (why.h) */
		buf_adds(o, "   ");
		why_line(&h->why, MSG_EN, o, term_text);
		buf_addc(o, '\n');
	}
	if (h->ncopies) {
		/* the group's other members, for searching them: dup:KEY */
		buf_printf(o, "   %zu similar cop%s (dup:", h->ncopies,
			   h->ncopies == 1 ? "y" : "ies");
		term_text(o, h->dupkey);
		buf_adds(o, ")\n");
	}
}

/* ---- one document (--doc) ---- */

/* The part [start, end) of st as a text of its own, with the hits in it
 * (free o->hl). */
static void
sub_text(const snip_text *st, size_t start, size_t end, snip_text *o)
{
	size_t n = 0;

	o->text = (buf){st->text.p + start, end - start, 0, 0};
	o->hl = st->nhl ? malloc(st->nhl * sizeof *o->hl) : NULL;
	for (size_t k = 0; o->hl && k < st->nhl; k++) {
		snip_hl r = st->hl[k];

		if (r.bend <= start || r.bstart >= end)
			continue;
		r.bstart = r.bstart > start ? r.bstart - start : 0;
		r.bend = (r.bend < end ? r.bend : end) - start;
		o->hl[n++] = r;
	}
	o->nhl = n;
}

/* One document for reading at a terminal: its title (hits marked), a line
 * of its fields, then its text block by block (docblk.h), each paragraph
 * wrapped at the width; no summary line, no score. */
static void
doc_hit(out_ctx *c, const search_hit *h)
{
	const out_opts *oo = c->oo;
	const article_view *v = &h->v;
	const char *parts[5] = {v->date, v->source, v->author, v->lang,
				*v->url ? v->url : v->id};
	int width = oo->width > 20 ? oo->width : 80, sep = 0;
	const char *flat = h->snip.text.p ? h->snip.text.p : "";
	docblk *b = NULL;
	size_t nb, first;
	buf *o = c->o;

	if (oo->color)
		buf_adds(o, ANSI_TITLE);
	if (*v->title && h->tsnip.text.n)
		wrap_snippet(o, &h->tsnip, oo->color, width, 0);
	else {
		term_text(o, *v->title ? v->title : v->id);
		buf_addc(o, '\n');
	}
	if (oo->color)
		buf_adds(o, ANSI_OFF ANSI_META);
	for (int i = 0; i < 5; i++) {
		if (!*parts[i] || (i == 2 && !strcmp(v->author, v->source)))
			continue;
		if (sep)
			buf_adds(o, " · ");
		term_text(o, parts[i]);
		sep = 1;
	}
	if (oo->color)
		buf_adds(o, ANSI_OFF);
	buf_addc(o, '\n');
	nb = docblk_split(v->text, v->textlen, flat, h->snip.text.n, &b);
	first = docblk_title(flat, b, nb, v->title);
	for (size_t i = first; i < nb; i++) {
		snip_text part;
		size_t at = o->n;
		int indent = 0;
		char mark[8] = "";

		buf_addc(o, '\n');
		if (b[i].kind == DOCBLK_RULE) {
			buf_adds(o, "---\n");
			continue;
		}
		if (b[i].kind == DOCBLK_ITEM || b[i].kind == DOCBLK_NUM) {
			/* items of a list follow each other without a blank
			 * line */
			if (i > first && b[i - 1].kind == b[i].kind)
				o->n = at;
			if (b[i].kind == DOCBLK_ITEM)
				memcpy(mark, "  - ", 5);
			else
				snprintf(mark, sizeof mark, "%2u. ",
					 b[i].level % 1000);
			indent = (int)strlen(mark);
		}
		sub_text(&h->snip, b[i].start, b[i].end, &part);
		if (b[i].kind == DOCBLK_HEAD && oo->color)
			buf_adds(o, ANSI_TITLE);
		at = o->n;
		wrap_snippet(o, &part, oo->color, width, indent);
		if (indent && o->n >= at + (size_t)indent)
			memcpy(o->p + at, mark, (size_t)indent);
		if (b[i].kind == DOCBLK_HEAD && oo->color) {
			/* before the newline wrap_snippet ended with */
			o->n--;
			buf_adds(o, ANSI_OFF "\n");
		}
		free(part.hl);
	}
	free(b);
}

/* ---- JSON ----
 *
 * Written as it goes, byte for byte what jansson's json_dumps(JSON_COMPACT
 * | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) wrote of the objects
 * this printer used to build (test_out checks the two agree): building
 * and freeing a tree of objects per query was 15% of a bulk query without
 * snippets. */

/* A string (any bytes: invalid UTF-8 becomes U+FFFD). */
static void
j_str(buf *o, const char *s)
{
	buf_addc(o, '"');
	if (s)
		esc_json(o, s, strlen(s));
	buf_addc(o, '"');
}

/* ,"key": (the comma unless the object or array has just opened). */
static void
j_key(buf *o, const char *key)
{
	if (o->n && o->p[o->n - 1] != '{' && o->p[o->n - 1] != '[')
		buf_addc(o, ',');
	j_str(o, key);
	buf_addc(o, ':');
}

static void
j_member_str(buf *o, const char *key, const char *s)
{
	j_key(o, key);
	j_str(o, s ? s : "");
}

static void
j_member_int(buf *o, const char *key, long long v)
{
	j_key(o, key);
	buf_printf(o, "%lld", v);
}

static void
j_member_bool(buf *o, const char *key, int v)
{
	j_key(o, key);
	buf_adds(o, v ? "true" : "false");
}

/* A real as jansson writes it with precision 6: %.6g, ".0" added when it
 * has neither '.' nor 'e', the exponent without '+' or leading zeros;
 * NaN and infinities (which jansson cannot hold) leave the member out. */
static void
j_member_real(buf *o, const char *key, double v)
{
	char t[64], *e;
	int n;

	if (!isfinite(v))
		return;
	n = snprintf(t, sizeof t, "%.6g", v);
	if (n < 0 || (size_t)n >= sizeof t - 3)
		return;
	if (!strchr(t, '.') && !strchr(t, 'e'))
		strcat(t, ".0");
	if ((e = strchr(t, 'e'))) {
		char *start = e + 1, *end = e + 2;

		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		memmove(start, end, strlen(end) + 1);
	}
	j_key(o, key);
	buf_adds(o, t);
}

/* The members of a hit's object (no braces). */
static void
hit_members(buf *o, const search_hit *h)
{
	const article_view *v = &h->v;

	j_member_str(o, "id", v->id);
	j_member_int(o, "rank", h->rank);
	j_member_real(o, "score", h->score);
	j_member_str(o, "title", v->title);
	j_member_str(o, "date", v->date);
	j_member_str(o, "source", v->source);
	j_member_str(o, "author", v->author);
	j_member_str(o, "url", v->url);
	j_member_str(o, "lang", v->lang);
	if (v->names && *v->names) /* well-known names, when it has some */
		j_member_str(o, "names", v->names);
	j_member_str(o, "snippet", h->snip.text.p ? h->snip.text.p : "");
	j_key(o, "highlights");
	buf_addc(o, '[');
	for (size_t i = 0; i < h->snip.nhl; i++)
		buf_printf(o, "%s[%lld,%lld]", i ? "," : "",
			   (long long)h->snip.hl[i].cstart,
			   (long long)h->snip.hl[i].cend);
	buf_addc(o, ']');
	if (h->why.n) { /* what the snippet cannot show (why.h) */
		j_key(o, "why");
		buf_addc(o, '[');
		for (size_t i = 0; i < h->why.n; i++) {
			const why_item *y = &h->why.v[i];
			char kind[32];
			buf text = BUF_INIT;

			buf_adds(o, i ? ",{" : "{");
			j_member_str(o, "term", y->term);
			j_member_str(o, "reason", why_name(y->reason));
			if (y->of)
				j_member_str(o, y->reason == WHY_FIELD ? "field"
								       : "for",
					     y->of);
			why_kind(y, kind, sizeof kind);
			j_member_str(o, "kind", kind);
			why_text(y, MSG_EN, &text, buf_adds);
			j_member_str(o, "text", text.p ? text.p : "");
			buf_free(&text);
			buf_addc(o, '}');
		}
		buf_addc(o, ']');
	}
	if (h->ncopies) {
		j_key(o, "duplicates");
		buf_addc(o, '{');
		j_member_int(o, "count", h->ncopies);
		j_member_int(o, "matched", h->collapsed);
		j_member_str(o, "key", h->dupkey);
		j_key(o, "ids");
		buf_addc(o, '[');
		for (size_t i = 0; i < h->ncopies && i < SEARCH_MAXCOPIES &&
				   h->copies[i];
		     i++) {
			/* an id that is not UTF-8 was left out, as jansson
			 * refused it */
			if (!u8_valid(h->copies[i], strlen(h->copies[i]), NULL))
				continue;
			if (o->p[o->n - 1] != '[')
				buf_addc(o, ',');
			j_str(o, h->copies[i]);
		}
		buf_adds(o, "]}");
	}
}

static void
json_hits_hit(out_ctx *c, const search_hit *h)
{
	buf *o = c->o;

	buf_addc(o, '{');
	hit_members(o, h);
	/* each line carries the count, as bulk mode's object does */
	j_member_int(o, "total", c->res->total);
	j_member_bool(o, "total_exact", c->res->total_exact);
	buf_adds(o, "}\n");
}

/* The query's object opened, with qid (when given) and query. */
static void
query_open(const out_ctx *c)
{
	buf_addc(c->o, '{');
	if (c->qid)
		j_member_str(c->o, "qid", c->qid);
	j_member_str(c->o, "query", c->query ? c->query : "");
}

/* The printer's states between begin and end. */
static char in_results, after_error;

static void
json_begin(out_ctx *c)
{
	const search_result *res = c->res;
	const out_opts *oo = c->oo;
	buf *o = c->o;

	query_open(c);
	j_member_int(o, "total", res->total);
	j_member_bool(o, "total_exact", res->total_exact);
	if (oo && oo->timings)
		j_member_real(o, "took_ms", res->seconds * 1000);
	if (oo && oo->explain && res->canon)
		j_member_str(o, "explain", res->canon);
	if (res->suggestion) {
		j_member_str(o, "suggestion", res->suggestion);
		j_member_bool(o, "corrected", res->corrected);
	}
	if (res->warning)
		j_member_str(o, "warning", res->warning);
	if (res->about)
		j_member_str(o, "similar_to", res->about);
	j_key(o, "results");
	buf_addc(o, '[');
	c->state = &in_results;
}

static void
json_hit(out_ctx *c, const search_hit *h)
{
	buf *o = c->o;

	if (c->state != &in_results)
		return;
	if (o->p[o->n - 1] != '[')
		buf_addc(o, ',');
	buf_addc(o, '{');
	hit_members(o, h);
	buf_addc(o, '}');
}

void
out_json_end(out_ctx *c, const char *more)
{
	if (!c->state)
		return;
	if (c->state == &in_results)
		buf_addc(c->o, ']');
	if (more && *more) {
		buf_addc(c->o, ',');
		buf_adds(c->o, more);
	}
	buf_adds(c->o, "}\n");
	c->state = NULL;
}

static void
json_end(out_ctx *c)
{
	out_json_end(c, NULL);
}

static void
json_error(out_ctx *c, const char *msg)
{
	query_open(c);
	j_member_str(c->o, "error", msg ? msg : "failed");
	c->state = &after_error;
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

/* ---- CSV ---- */

/* A CSV field of any bytes: invalid UTF-8 becomes U+FFFD, as in JSON. */
static void
csv_text(buf *o, int *nf, const char *s)
{
	buf b = BUF_INIT;

	s = s ? s : "";
	if (u8_valid(s, strlen(s), NULL)) {
		csv_str(o, nf, s);
		return;
	}
	u8_sanitize(&b, s, strlen(s));
	csv_field(o, nf, b.p ? b.p : "", b.n);
	buf_free(&b);
}

/* The header row; bulk mode's rows start with the query's qid and text. */
static void
csv_header(buf *o, int bulk)
{
	static const char *const cols[] = {
		"rank", "id", "score", "title", "date", "source", "author",
		"url", "lang", "snippet", "duplicates", "duplicates_matched",
		"duplicates_key", "duplicates_ids", "total", "total_exact"};
	int nf = 0;

	if (bulk) {
		csv_str(o, &nf, "qid");
		csv_str(o, &nf, "query");
	}
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		csv_str(o, &nf, cols[i]);
	csv_end(o, &nf);
}

static void
csv_head(out_ctx *c)
{
	csv_header(c->o, 1);
}

static void
csv_begin(out_ctx *c)
{
	if (!c->qid) /* one query: its own header (bulk: csv_head's) */
		csv_header(c->o, 0);
}

static void
csv_hit(out_ctx *c, const search_hit *h)
{
	const article_view *v = &h->v;
	buf *o = c->o, t = BUF_INIT;
	int nf = 0;

	if (c->qid) {
		csv_text(o, &nf, c->qid);
		csv_text(o, &nf, c->query);
	}
	buf_printf(&t, "%u", h->rank);
	csv_text(o, &nf, t.p);
	csv_text(o, &nf, v->id);
	buf_reset(&t);
	buf_printf(&t, "%.6g", h->score);
	csv_text(o, &nf, t.p);
	csv_text(o, &nf, v->title);
	csv_text(o, &nf, v->date);
	csv_text(o, &nf, v->source);
	csv_text(o, &nf, v->author);
	csv_text(o, &nf, v->url);
	csv_text(o, &nf, v->lang);
	csv_text(o, &nf, h->snip.text.p); /* plain text, no highlights */
	buf_reset(&t);
	buf_printf(&t, "%zu", h->ncopies);
	csv_text(o, &nf, t.p);
	buf_reset(&t);
	buf_printf(&t, "%u", h->ncopies ? h->collapsed : 0);
	csv_text(o, &nf, t.p);
	csv_text(o, &nf, h->ncopies ? h->dupkey : "");
	buf_reset(&t);
	for (size_t i = 0; h->ncopies && i < h->ncopies &&
			   i < SEARCH_MAXCOPIES && h->copies[i];
	     i++) {
		if (i)
			buf_addc(&t, '\n'); /* one id a line */
		buf_adds(&t, h->copies[i]);
	}
	csv_text(o, &nf, t.p);
	buf_reset(&t);
	buf_printf(&t, "%u", c->res->total);
	csv_text(o, &nf, t.p);
	csv_text(o, &nf, c->res->total_exact ? "true" : "false");
	csv_end(o, &nf);
	if (t.err)
		o->err = 1;
	buf_free(&t);
}

/* ---- the table ---- */

static const out_printer printers[] = {
	{"text", 0, text_begin, text_hit, NULL, NULL, NULL},
	{"doc", 0, NULL, doc_hit, NULL, NULL, NULL},
	{"json-hits", 0, NULL, json_hits_hit, NULL, NULL, NULL},
	{"json", 1, json_begin, json_hit, json_end, json_error, NULL},
	{"trec", 1, NULL, trec_hit, NULL, NULL, NULL},
	{"tsv", 1, NULL, tsv_hit, NULL, NULL, NULL},
	{"csv", 1, csv_begin, csv_hit, NULL, NULL, csv_head},
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

void
out_head(const out_printer *p, out_ctx *c)
{
	if (p->head)
		p->head(c);
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
