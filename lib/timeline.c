/*
 * timeline: the date histogram of a search's matches (see timeline.h).
 *
 * Three kinds of output in timeline_html, as in page.c, so that escaping
 * holds by construction: LIT for markup (string literals only), esc_html
 * for text, numbers.  The labels are digits and dashes made here.
 */
#include "timeline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "esc.h"
#include "msg.h"
#include "schema.h"
#include "status.h"

#define LIT(o, s) buf_add((o), "" s "", sizeof(s) - 1)

static int
date_qcmp(const void *a, const void *b)
{
	return date_cmp(a, b);
}

/* The dates of the shown matches being gathered. */
typedef struct dates {
	date *ds;
	size_t nd, cap;
	unsigned undated;
	int minprec;
	int nomem;
} dates;

/* How precise d is: 1 year, 2 month, 3 day. */
static int
precision(const date *d);

static int
on_shown(void *ctx, const date *d, const char *const *v, const size_t *vlen)
{
	dates *g = ctx;
	date *t;

	(void)v;
	(void)vlen;
	if (!d->y) {
		g->undated++;
		return 0;
	}
	if (!(t = array_room(g->ds, &g->cap, g->nd, sizeof *g->ds))) {
		g->nomem = 1;
		return 1;
	}
	g->ds = t;
	g->ds[g->nd++] = *d;
	if (precision(d) < g->minprec)
		g->minprec = precision(d);
	return 0;
}

/* How precise d is: 1 year, 2 month, 3 day. */
static int
precision(const date *d)
{
	return d->d ? 3 : d->m ? 2 : 1;
}

/* Days since 0000-03-01 (proleptic Gregorian), for day spans. */
static long
day_number(int y, int m, int d)
{
	long yy = m <= 2 ? y - 1 : y, mm = m <= 2 ? m + 9 : m - 3;

	return 365 * yy + yy / 4 - yy / 100 + yy / 400 + (153 * mm + 2) / 5 +
	       d - 1;
}

/* The bar of unit u (1 year, 2 month, 3 day) that starts at c. */
static void
bar_at(timeline_bar *b, int u, const date *c)
{
	date lo = *c, hi = *c;

	if (u == 1) {
		snprintf(b->label, sizeof b->label, "%04d", c->y);
		lo.m = 1;
		hi.m = 12;
	} else if (u == 2) {
		snprintf(b->label, sizeof b->label, "%04d-%02d", c->y, c->m);
	} else {
		snprintf(b->label, sizeof b->label, "%04d-%02d-%02d", c->y,
			 c->m, c->d);
	}
	if (u < 3) {
		lo.d = 1;
		hi.d = date_days_in(hi.y, hi.m);
	}
	snprintf(b->from, sizeof b->from, "%04d-%02d-%02d", lo.y, lo.m, lo.d);
	snprintf(b->to, sizeof b->to, "%04d-%02d-%02d", hi.y, hi.m, hi.d);
	b->count = 0;
}

/* c moved to the start of the next bar of unit u. */
static void
step(date *c, int u)
{
	if (u == 3 && c->d < date_days_in(c->y, c->m)) {
		c->d++;
		return;
	}
	if (u >= 2 && c->m < 12) {
		c->m++;
		c->d = u == 3 ? 1 : 0;
		return;
	}
	c->y++;
	c->m = u >= 2 ? 1 : 0;
	c->d = u == 3 ? 1 : 0;
}

/* 1 if date d falls in the bar of unit u starting at c. */
static int
in_bar(const date *d, const date *c, int u)
{
	return d->y == c->y && (u < 2 || d->m == c->m) &&
	       (u < 3 || d->d == c->d);
}

int
timeline_make(shown_set *s, timeline *t)
{
	dates g = {NULL, 0, 0, 0, 3, 0};
	date *ds, lo, hi, c;
	size_t nd, nb, k;
	int minprec, u, sparse = 0;

	timeline_clear(t);
	if (shown_each(s, on_shown, &g) != ST_OK || g.nomem) {
		free(g.ds);
		return ST_ENOMEM;
	}
	ds = g.ds;
	nd = g.nd;
	minprec = g.minprec;
	t->undated = g.undated;
	t->dated = (unsigned)nd;
	t->made = 1;
	if (!nd) {
		free(ds);
		return ST_OK;
	}
	qsort(ds, nd, sizeof *ds, date_qcmp);
	lo = ds[0];
	hi = ds[nd - 1];
	if (minprec == 3 && day_number(hi.y, hi.m, hi.d) -
				    day_number(lo.y, lo.m, lo.d) <
			    TIMELINE_BARS)
		u = 3;
	else if (minprec >= 2 &&
		 (hi.y * 12 + hi.m) - (lo.y * 12 + lo.m) < TIMELINE_BARS)
		u = 2;
	else
		u = 1;
	t->unit = u == 3 ? "day" : u == 2 ? "month" : "year";
	c = lo;
	if (u < 3)
		c.d = 0;
	if (u < 2)
		c.m = 0;
	if (u == 1 && hi.y - lo.y >= TIMELINE_MAX_BARS) {
		/* only the years with matches */
		sparse = 1;
		nb = 1;
		for (size_t i = 1; i < nd; i++)
			nb += ds[i].y != ds[i - 1].y;
	} else {
		nb = (size_t)(u == 1   ? hi.y - lo.y
			      : u == 2 ? (hi.y * 12 + hi.m) - (lo.y * 12 + lo.m)
				       : day_number(hi.y, hi.m, hi.d) -
						 day_number(lo.y, lo.m, lo.d)) +
		     1;
	}
	t->bars = calloc(nb, sizeof *t->bars);
	if (!t->bars) {
		free(ds);
		timeline_clear(t);
		return ST_ENOMEM;
	}
	/* walk the bars and the sorted dates together */
	k = 0;
	for (size_t i = 0; i < nd; k++) {
		bar_at(&t->bars[k], u, &c);
		while (i < nd && in_bar(&ds[i], &c, u)) {
			t->bars[k].count++;
			i++;
		}
		if (t->bars[k].count > t->max)
			t->max = t->bars[k].count;
		if (i < nd && sparse)
			c.y = ds[i].y; /* sparse years: the next one */
		else
			step(&c, u);
	}
	t->nbars = k;
	t->made = 1;
	free(ds);
	return ST_OK;
}

void
timeline_clear(timeline *t)
{
	free(t->bars);
	memset(t, 0, sizeof *t);
}

/* "2025", "May 2025", "7 May 2025" (in Chinese "2025年5月7日"): the
 * bar's period for people, into s (DATE_MAX bytes). */
static const char *
period_s(char s[DATE_MAX], const timeline_bar *b, msg_lang l)
{
	size_t n = date_reformat(b->label,
				 l == MSG_ZH ? DATE_OUT_ZH : DATE_OUT_LONG, s);

	s[n < DATE_MAX ? n : DATE_MAX - 1] = 0;
	return s;
}

static void
period(buf *o, const timeline_bar *b, msg_lang l)
{
	char s[DATE_MAX];

	esc_html(o, s, strlen(period_s(s, b, l)));
}

void
timeline_html(buf *o, const timeline *t, const char *base, msg_lang l)
{
	int amp = strcmp(base, "?") != 0;

	if (!t->nbars)
		return;
	LIT(o, "<section class=\"tl\">\n<h2>");
	msg_html(o, l, M_TIMELINE);
	LIT(o, "</h2>\n<ol>\n");
	for (size_t i = 0; i < t->nbars; i++) {
		const timeline_bar *b = &t->bars[i];
		char p[DATE_MAX], n[16];
		/* the height in 5% steps, at least one step when not 0 */
		unsigned h = t->max ? (b->count * 20 + t->max - 1) / t->max : 0;

		if (!b->count) {
			LIT(o, "<li aria-hidden=\"true\"><span class=\"b0\">"
			       "</span></li>\n");
			continue;
		}
		LIT(o, "<li><a class=\"b");
		buf_printf(o, "%u", h);
		LIT(o, "\" href=\"");
		buf_adds(o, base); /* escaped by the caller */
		if (amp)
			LIT(o, "&amp;");
		LIT(o, "from=");
		esc_url(o, b->label, strlen(b->label));
		LIT(o, "&amp;to=");
		esc_url(o, b->label, strlen(b->label));
		LIT(o, "\" aria-label=\"");
		snprintf(n, sizeof n, "%u", b->count);
		msg_html(o, l, b->count == 1 ? M_TL_BAR_1 : M_TL_BAR,
			 period_s(p, b, l), n);
		LIT(o, "\" title=\"");
		period(o, b, l);
		buf_printf(o, ": %u", b->count);
		LIT(o, "\"></a></li>\n");
	}
	LIT(o, "</ol>\n<p class=\"ends\"><span>");
	period(o, &t->bars[0], l);
	LIT(o, "</span><span>");
	period(o, &t->bars[t->nbars - 1], l);
	LIT(o, "</span></p>\n");
	if (t->undated) {
		char n[16];

		snprintf(n, sizeof n, "%u", t->undated);
		LIT(o, "<p class=\"undated\">");
		msg_html(o, l, M_TL_UNDATED, n);
		LIT(o, "</p>\n");
	}
	if (!t->exact) {
		LIT(o, "<p class=\"undated\">");
		msg_html(o, l, M_TL_PARTIAL);
		LIT(o, "</p>\n");
	}
	LIT(o, "</section>\n");
}

json_t *
timeline_json(const timeline *t)
{
	json_t *j = json_object(), *a = json_array();

	if (!j || !a) {
		json_decref(j);
		json_decref(a);
		return NULL;
	}
	for (size_t i = 0; i < t->nbars; i++) {
		const timeline_bar *b = &t->bars[i];

		json_array_append_new(
			a, json_pack("{s:s, s:s, s:s, s:I}", "label", b->label,
				     "from", b->from, "to", b->to, "count",
				     (json_int_t)b->count));
	}
	json_object_set_new(j, "unit", t->unit ? json_string(t->unit)
					       : json_null());
	json_object_set_new(j, "buckets", a);
	json_object_set_new(j, "dated", json_integer(t->dated));
	json_object_set_new(j, "undated", json_integer(t->undated));
	json_object_set_new(j, "exact", json_boolean(t->exact));
	return j;
}

void
timeline_text(buf *o, const timeline *t)
{
	for (size_t i = 0; i < t->nbars; i++) {
		const timeline_bar *b = &t->bars[i];
		unsigned w = t->max ? (b->count * 40 + t->max - 1) / t->max : 0;

		buf_printf(o, "%-10s ", b->label);
		for (unsigned k = 0; k < w; k++)
			buf_addc(o, '#');
		buf_printf(o, "%s%u\n", w ? " " : "", b->count);
	}
	if (t->undated)
		buf_printf(o, "%-10s %u\n", "undated", t->undated);
	if (!t->exact)
		buf_adds(o, "(counted over the first matches only: the "
			    "total is not exact)\n");
}
