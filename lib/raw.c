/*
 * raw: the headline, byline, date and body of raw page text (see raw.h).
 *
 * The text is cut into lines; each line is classified on its own, then the
 * top of the text (the "head": everything before the second paragraph, at
 * most HEAD_LINES non-blank lines) is read for the metadata.
 *
 *  - Chrome, dropped wherever it stands: navigation ("skip to content",
 *    "Menu", "Home", "Table of Contents", breadcrumbs "Home > News"), share
 *    rows ("Share:XLinkedIn", "Facebook Twitter Email"), reading times
 *    ("12 min read"), newsletter, comment and cookie boxes ("Subscribe to
 *    our newsletter", "Your email address will not be published", "We use
 *    cookies"), copyright lines ("© 2026 ...", "All rights reserved",
 *    "版权所有"), "Read more:"/"Tags:"/"责任编辑" lines, markup lines
 *    ("<iframe ...>").  A tail marker ("Comments", "Leave a Reply",
 *    "Related articles", "Embed this article", "相关新闻", "N comments")
 *    in the second half of the text drops it and everything after it.
 *  - A paragraph is a line over PARA_BYTES, or a sentence that ends with
 *    . ! ? 。 of more than 12 words in sentence case.  A heading is a
 *    shorter line with a letter that is none of the kinds here.
 *  - Date: a line that starts with a date (after a label: "Published",
 *    "Updated", "发布时间：", ...), alone or beside a byline or a reading
 *    time ("Jane Doe · May 7, 2026"); else a dateline opening the first
 *    paragraph ("WASHINGTON, May 7, 2026 -"); else, in the head's
 *    paragraphs, a date the text calls today ("It is April 25, 2026",
 *    "As of ...").  Dates in other sentences ("released on April 24, 2026")
 *    are events, not publication dates.  "Updated" dates rank below others.
 *    Written forms are date_parse's (DATE_ANY).
 *  - Byline: "By X", "Written by X", "Author: X", "作者：X", "记者 X"
 *    (names up to a separator; further comma or "and" parts only when they
 *    are names, so "By Jane Doe, Reuters" is "Jane Doe"); else a name line
 *    next to the date line ("TFF Editorial" above "Thursday, May 7, 2026");
 *    else a line of two to four capitalized words before the first
 *    paragraph none of which is a section word ("Stephen Van Tran", not
 *    "Healthcare Future"); else a signature line near the end ("— Name").
 *  - Headline: a heading that comes twice near the top (the page's title
 *    and its h1); else a Markdown "# " heading in the head; else the
 *    nearest heading above the first byline or date line, skipping deks
 *    (a sentence with a period, or over 14 words, in sentence case) and
 *    the value under a label ("From:"), which beats taglines and menus
 *    at the top; else the first Markdown heading before the first
 *    paragraph; else the first heading of three words or more (CJK: four
 *    characters) before it; else any heading before it; else the first
 *    sentence of the first paragraph (RAW_TITLE_SENTENCE).  A line of two
 *    to four capitalized words met on the way is a name, not a headline,
 *    unless nothing else is found.  Lines above the headline (kickers,
 *    site names) are dropped from the body, and so are short lines of
 *    section words before the first paragraph ("Healthcare Future",
 *    "Model Release").
 *  - "来源：X" / "Source: X" in the head gives the source.
 */
#include "raw.h"
#include "rawline.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HEAD_LINES 40	/* non-blank lines read for the metadata */

enum kind {
	K_BLANK,
	K_TEXT,	   /* heading or short line */
	K_PARA,	   /* a paragraph */
	K_CHROME,  /* page chrome: dropped */
	K_TAIL,	   /* a tail marker: dropped with what follows */
	K_META	   /* a date, byline or source line: dropped */
};

typedef struct line {
	const char *s; /* trimmed, Markdown marks removed */
	size_t n;
	int kind, heading; /* heading: the level of a Markdown '#' line */
	int drop;
} line;

typedef struct cand {
	int score, at; /* score 0: none; at: line index */
	raw_span v;
} cand;

/* ---- bylines ---- */

/* Cuts a byline's names from s: up to a separator, then comma or "and"
 * parts while they are names of two words or more.  Returns the span
 * (n == 0 if the first part is not a name). */
static raw_span
byline_names(const char *s, size_t n)
{
	static const char *const stops[] = {
		"|", "\xC2\xB7", "\xE2\x80\xA2", " \xE2\x80\x94", " \xE2\x80\x93",
		" - ", ";", " on ", " at ", "(", "  ", " Published",
		" Updated", " Posted", "\xEF\xBC\x8C", "\xE3\x80\x80", " /",
		" in ", NULL};
	raw_span r = {s, 0};
	const char *const *st, *p, *part;
	size_t end = n, i, pn, words, secs;
	date d;

	str_trim(&s, &n);
	/* "财新记者 刘洋": the names follow the last 记者 */
	for (i = 0; i + 6 <= n; i++)
		if (!memcmp(s + i, "记者", 6)) {
			s += i + 6, n -= i + 6, i = 0;
			str_trim(&s, &n);
		}
	end = n;
	r.s = s;
	for (i = 0; i < end; i++) /* a number ends the names */
		if (ascii_digit((unsigned char)s[i]))
			end = i;
	for (st = stops; *st; st++)
		for (i = 0; i + strlen(*st) <= end; i++)
			if (!strncmp(s + i, *st, strlen(*st))) {
				end = i;
				break;
			}
	for (i = 0; i < end; i++) /* a date ends the names */
		if ((!i || s[i - 1] == ' ') && rl_date_at(s + i, n - i, 0, &d)) {
			end = i;
			break;
		}
	/* parts split at ", " and " and " */
	for (p = s; p < s + end;) {
		const char *comma = NULL, *q;
		size_t skip = 0;

		for (q = p; q < s + end; q++) {
			if (*q == ',') {
				comma = q, skip = 1;
				break;
			}
			if (s + end - q >= 5 && !strncmp(q, " and ", 5)) {
				comma = q, skip = 5;
				break;
			}
		}
		part = p;
		pn = (size_t)((comma ? comma : s + end) - p);
		str_trim(&part, &pn);
		if (!rl_is_name(part, pn, &words, &secs) || secs == words)
			break;
		if (p != s && words < 2)
			break;
		if (rl_has_role(part, pn))
			goto done;
		r.n = (size_t)(part + pn - s);
		if (!comma)
			break;
		p = comma + skip;
	}
done:
	return r;
}

/* A byline line: "By X", "Written by X", "Author: X", "作者：X", "记者
 * X", "文/X".  Returns the names (n == 0 when not a byline). */
static raw_span
byline_line(const char *s, size_t n)
{
	static const char *const pre[] = {
		"by ", "written by ", "posted by ", "story by ", "words by ",
		"author: ", "authors: ", "author ", "byline: ", "reporter: ",
		"作者：", "作者:", "作者 ", "记者：", "记者 ", "文/", "文／",
		"撰文：", NULL};
	raw_span none = {s, 0};
	const char *const *p;

	if (n > META_BYTES)
		return none;
	for (p = pre; *p; p++)
		if (rl_starts(s, n, *p))
			return byline_names(s + strlen(*p), n - strlen(*p));
	return none;
}


/* ---- reading the lines ---- */

static size_t
split_lines(const char *s, size_t n, line *out)
{
	size_t i = 0, k, count = 0;
	const char *p;

	while (i < n) {
		k = i;
		while (k < n && s[k] != '\n' && s[k] != '\r')
			k++;
		if (out) {
			line *l = &out[count];

			p = s + i;
			l->n = k - i;
			str_trim(&p, &l->n);
			l->s = p;
			l->heading = 0;
		}
		count++;
		if (k < n && s[k] == '\r' && k + 1 < n && s[k + 1] == '\n')
			k++;
		i = k + 1;
	}
	return count;
}

/* Removes Markdown's heading marks and emphasis around a line. */
static void
unmark(line *l)
{
	size_t k = 0;

	while (k < l->n && l->s[k] == '#')
		k++;
	if (k && k < l->n && (l->s[k] == ' ' || l->s[k] == '\t')) {
		l->heading = (int)k;
		l->s += k, l->n -= k;
		/* a closing "#" run needs a space before: "C#" stays */
		for (k = l->n; k && l->s[k - 1] == '#'; k--)
			;
		if (k < l->n && (!k || l->s[k - 1] == ' ' || l->s[k - 1] == '\t'))
			l->n = k;
		str_trim(&l->s, &l->n);
	}
	while (l->n >= 2 && strchr("*_", l->s[0]) && l->s[0] == l->s[l->n - 1])
		l->s++, l->n -= 2;
	str_trim(&l->s, &l->n);
	/* a line that is one link: "[Ada Okafor](https://...)" */
	if (l->n > 4 && l->s[0] == '[' && l->s[l->n - 1] == ')') {
		const char *close = memchr(l->s, ']', l->n);

		if (close && close + 1 < l->s + l->n && close[1] == '(' &&
		    !memchr(close, ' ', (size_t)(l->s + l->n - close))) {
			l->n = (size_t)(close - l->s - 1);
			l->s++;
		}
	}
}

static void
classify(line *l)
{
	unmark(l);
	if (!l->n)
		l->kind = K_BLANK;
	else if (rl_is_tail(l->s, l->n))
		l->kind = K_TAIL;
	else if (!rl_has_letter(l->s, l->n) || rl_is_address(l->s, l->n))
		l->kind = K_CHROME;
	else if (rl_is_chrome(l->s, l->n))
		l->kind = K_CHROME;
	else if (rl_is_para(l->s, l->n))
		l->kind = K_PARA;
	else
		l->kind = K_TEXT;
}

static void
offer(cand *c, int score, int at, const char *s, size_t n)
{
	if (score > c->score) {
		c->score = score;
		c->at = at;
		c->v.s = s;
		c->v.n = n;
	}
}

/* Chinese "key：value" pairs in a line: 来源, 作者, 记者, 发布时间. */
static void
keyed(const line *l, int at, cand *author, cand *source, cand *dt,
      char *iso)
{
	static const struct {
		const char *k;
		int what; /* 0 source, 1 author, 2 date */
	} keys[] = {{"来源", 0}, {"稿源", 0}, {"source", 0}, {"作者", 1},
		    {"记者", 1}, {"发布时间", 2}, {"时间", 2}};
	const char *s = l->s, *v, *e;
	size_t n = l->n, i, j, kn;
	date d;

	for (i = 0; i < n; i++) {
		if (i && (unsigned char)s[i - 1] < 0x80 &&
		    ascii_alpha((unsigned char)s[i - 1]))
			continue;
		for (j = 0; j < sizeof keys / sizeof keys[0]; j++) {
			kn = strlen(keys[j].k);
			if (!rl_starts(s + i, n - i, keys[j].k))
				continue;
			v = s + i + kn;
			if (v < s + n && *v == ':')
				v++;
			else if (s + n - v >= 3 && !memcmp(v, "\xEF\xBC\x9A", 3))
				v += 3;
			else
				continue;
			while (v < s + n && *v == ' ')
				v++;
			for (e = v; e < s + n && *e != ' ' && *e != '|' &&
				    strncmp(e, "\xE3\x80\x80", 3);)
				e++;
			if (keys[j].what == 0)
				offer(source, 3, at, v, (size_t)(e - v));
			else if (keys[j].what == 1)
				offer(author, 3, at, v, (size_t)(e - v));
			else if (dt->score < 3 &&
				 rl_date_at(v, (size_t)(s + n - v), 0, &d)) {
				offer(dt, 3, at, v, 0);
				date_format(&d, DATE_OUT_ISO, iso);
			}
			i = (size_t)(e - s);
			break;
		}
	}
}

/* A date at the start of *s, maybe after a time ("4:12 PM EDT, May 6,
 * 2026"): moves *s to the date and returns its length, or 0. */
static size_t
date_after_time(const char **s, size_t *n, date *d)
{
	size_t i, k;

	if ((k = rl_date_at(*s, *n, 1, d)))
		return k;
	for (i = 1; i < *n && i < 24; i++) {
		if ((*s)[i - 1] != ' ' || !rl_is_time(*s, i - 1))
			continue;
		if ((k = rl_date_at(*s + i, *n - i, 1, d))) {
			*s += i, *n -= i;
			return k;
		}
	}
	return 0;
}

/* Reads a head line for a date, alone or beside a byline or reading time
 * ("Jane Doe · May 7, 2026 · 5 min read").  Returns 1 when the line holds
 * nothing but those. */
static int
meta_line(const line *l, int at, cand *dt, char *iso, cand *author)
{
	static const char *const seps[] = {
		"|", "\xC2\xB7", "\xE2\x80\xA2", " \xE2\x80\x94 ",
		" \xE2\x80\x93 ", " - ", NULL};
	const char *s = l->s, *p, *q, *e = l->s + l->n;
	size_t pn, k, words, secs;
	const char *const *sp;
	int got_date = 0, all = 1, upd, score = 0;
	raw_span name = {NULL, 0};
	date d, found = {0, 0, 0};

	if (l->n > META_BYTES)
		return 0;
	for (p = s; p < e; p = q) {
		/* the next part ends at a separator */
		for (q = p; q < e; q++) {
			for (sp = seps; *sp; sp++)
				if ((size_t)(e - q) >= strlen(*sp) &&
				    !strncmp(q, *sp, strlen(*sp)))
					break;
			if (*sp)
				break;
		}
		pn = (size_t)(q - p);
		if (q < e)
			q += strlen(*sp);
		{
			const char *part = p;

			str_trim(&part, &pn);
			if (!pn)
				continue;
			upd = rl_skip_date_label(&part, &pn);
			k = date_after_time(&part, &pn, &d);
			if (k) {
				const char *r = part + k;
				size_t rn = pn - k;
				raw_span by;

				/* a time may follow ("10:23 AM ET", "at 6:00
				 * AM"), or the byline ("by Maria Gonzalez") */
				str_trim(&r, &rn);
				if (rn && (by = byline_line(r, rn)).n)
					name = by;
				else if (rn && !ascii_digit((unsigned char)r[0]) &&
					 !rl_starts(r, rn, "at ") && rn > 12)
					all = 0;
				if (!got_date) {
					found = d;
					score = upd ? 2 : 4;
				}
				got_date = 1;
			} else if (rl_is_readtime(part, pn) || rl_is_time(part, pn) ||
				   rl_is_chrome(part, pn)) {
				;
			} else if (byline_line(part, pn).n) {
				name = byline_line(part, pn);
			} else if (rl_is_name(part, pn, &words, &secs) &&
				   secs < words && !name.n) {
				name.s = part, name.n = pn;
			} else {
				all = 0;
			}
		}
	}
	if (!got_date || !all)
		return 0;
	if (score > dt->score) {
		offer(dt, score, at, l->s, 0);
		date_format(&found, DATE_OUT_ISO, iso);
	}
	if (name.n)
		offer(author, 3, at, name.s, name.n);
	return 1;
}

/* The first sentence of a paragraph (up to ". ", "? ", "! " or "。"). */
static raw_span
first_sentence(const char *s, size_t n)
{
	raw_span r = {s, n};
	size_t i;

	for (i = 20; i + 1 < n; i++) {
		if (strchr(".!?", s[i]) && s[i + 1] == ' ' &&
		    !(ascii_alpha((unsigned char)s[i - 1]) &&
		      (i < 2 || !ascii_alpha((unsigned char)s[i - 2])))) {
			r.n = i + (s[i] != '.');
			return r;
		}
		if (i + 3 <= n && !memcmp(s + i, "\xE3\x80\x82", 3)) {
			r.n = i;
			return r;
		}
	}
	return r;
}

/* A date the text calls today: "It is April 25, 2026", "As of May 7,
 * 2026", or a dateline opening a paragraph ("BEIJING, May 7, 2026 -"). */
static int
sentence_date(const char *s, size_t n, int first, date *d)
{
	static const char *const cues[] = {
		"it is ", "it's ", "it\xE2\x80\x99s ", "today is ", "as of ",
		NULL};
	const char *const *c;
	size_t i, k;

	if (first) { /* a dateline: capitals and commas, then the date */
		for (i = 0; i < n && i < 40 &&
			    ((s[i] >= 'A' && s[i] <= 'Z') || strchr(" ,.()", s[i]));
		     i++)
			;
		while (i && s[i - 1] != ' ' && s[i - 1] != ',')
			i--;
		if ((i == 0 || s[i - 1] == ' ' || s[i - 1] == ',') &&
		    (k = rl_date_at(s + i, n - i, 0, d)) && i + k < n &&
		    strchr(" -(\xE2", s[i + k]))
			return 2;
	}
	for (i = 0; i < n; i++)
		for (c = cues; *c; c++)
			if ((i == 0 || s[i - 1] == ' ') &&
			    rl_starts(s + i, n - i, *c) &&
			    rl_date_at(s + i + strlen(*c), n - i - strlen(*c), 0,
				    d))
				return 1;
	return 0;
}

/* A signature near the end: "— Name", "-- Name". */
static raw_span
signature(const line *l)
{
	static const char *const dashes[] = {
		"\xE2\x80\x94", "\xE2\x80\x93", "--", NULL};
	raw_span r = {l->s, 0};
	const char *const *d, *s = l->s;
	size_t n = l->n, words, secs;

	if (n > 60)
		return r;
	for (d = dashes; *d; d++)
		if (rl_starts(s, n, *d))
			break;
	if (!*d)
		return r;
	s += strlen(*d), n -= strlen(*d);
	str_trim(&s, &n);
	/* trailing symbols (emoji) */
	while (n && !ascii_alnum((unsigned char)s[n - 1]) &&
	       !rl_cjk_bytes(s, n) && s[n - 1] != '.') {
		while (n && (s[n - 1] & 0xC0) == 0x80)
			n--;
		if (n)
			n--;
		str_trim(&s, &n);
	}
	if (rl_is_name(s, n, &words, &secs) && words <= 4 && secs < words)
		r.s = s, r.n = n;
	return r;
}

/* A line could be a headline: text of three words or more (CJK: four
 * characters), not a list item, not a label ("From:"). */
static int
headline_like(const line *l)
{
	return l->kind == K_TEXT && !rl_is_item(l->s, l->n) && l->n &&
	       l->s[l->n - 1] != ':' && l->s[l->n - 1] != ',' &&
	       (rl_count_words(l->s, l->n) >= 3 || rl_cjk_bytes(l->s, l->n) >= 12);
}

/* Some line above t could be a headline. */
static int
text_above(const line *L, int t)
{
	while (--t >= 0)
		if (headline_like(&L[t]))
			return 1;
	return 0;
}

/* A dek (a sentence under the headline): ends with a period, or is long,
 * in sentence case. */
static int
is_dek(const line *l)
{
	return l->kind == K_PARA ||
	       ((l->s[l->n - 1] == '.' || rl_count_words(l->s, l->n) > 14) &&
		rl_capital_share(l->s, l->n) < 60);
}

/* The headline above the first byline or date line: the nearest
 * headline-like line that is not a dek and not a label's value. */
static int
title_above(const line *L, int head)
{
	int t, m, seen = 0;

	for (m = 0; m < head && L[m].kind != K_META; m++)
		;
	if (m >= head)
		return -1;
	for (t = m - 1; t >= 0 && seen < 8; t--) {
		if (L[t].kind == K_BLANK || L[t].kind == K_CHROME)
			continue;
		seen++;
		if (!headline_like(&L[t]) || is_dek(&L[t]))
			continue;
		if (t > 0 && L[t - 1].n && L[t - 1].s[L[t - 1].n - 1] == ':')
			continue; /* "From:" then its value */
		return t;
	}
	return -1;
}

/* "新华社北京5月7日电（记者张三、李四）": the reporters in a Chinese
 * dateline at the start of a paragraph. */
static raw_span
dateline_reporters(const char *s, size_t n)
{
	static const char open[] = "\xEF\xBC\x88\xE8\xAE\xB0\xE8\x80\x85"; /* （记者 */
	static const char close[] = "\xEF\xBC\x89"; /* ） */
	raw_span r = {s, 0};
	size_t i, j;

	for (i = 0; i + 9 <= n && i < 60; i++)
		if (!memcmp(s + i, open, 9)) {
			for (j = i + 9; j + 3 <= n && j < i + 60; j++)
				if (!memcmp(s + j, close, 3)) {
					r.s = s + i + 9;
					r.n = j - i - 9;
					return r;
				}
			break;
		}
	return r;
}

int
raw_read(const char *s, size_t n, int flags, raw_meta *m, buf *body)
{
	line *L;
	size_t nl, i, seen = 0, words, secs;
	int head = 0, p1 = -1, title = -1, t, blank = 1, tail = -1, maybe = -1;
	cand dt = {0, -1, {0, 0}}, au = {0, -1, {0, 0}},
	     src = {0, -1, {0, 0}};
	size_t before = 0, total = 0;
	date d;

	memset(m, 0, sizeof *m);
	nl = split_lines(s, n, NULL);
	L = calloc(nl ? nl : 1, sizeof *L);
	if (!L) {
		body->err = 1;
		return -1;
	}
	split_lines(s, n, L);
	for (i = 0; i < nl; i++) {
		classify(&L[i]);
		total += L[i].n;
	}

	/* the tail: a marker in the second half drops the rest */
	for (i = 0; i < nl; i++) {
		if ((L[i].kind == K_TAIL || rl_starts(L[i].s, L[i].n, "written by ") ||
		     rl_starts(L[i].s, L[i].n, "about the author")) &&
		    before * 2 >= total) {
			tail = (int)i;
			break;
		}
		before += L[i].n;
	}
	if (tail >= 0)
		for (i = (size_t)tail; i < nl; i++)
			L[i].drop = 1;

	/* the head: up to the second paragraph */
	for (i = 0; i < nl && seen < HEAD_LINES; i++) {
		if (L[i].kind == K_BLANK)
			continue;
		seen++;
		if (L[i].kind == K_PARA) {
			if (p1 >= 0)
				break;
			p1 = (int)i;
		}
	}
	head = (int)i;

	/* dates and bylines on their own lines */
	for (t = 0; t < head; t++) {
		line *l = &L[t];
		raw_span b;

		if (l->kind != K_TEXT && l->kind != K_PARA)
			continue;
		keyed(l, t, &au, &src, &dt, m->date);
		if (au.at == t || src.at == t || dt.at == t) {
			if (dt.score < 3 && rl_date_at(l->s, l->n, 0, &d)) {
				offer(&dt, 3, t, l->s, 0);
				date_format(&d, DATE_OUT_ISO, m->date);
			}
			l->kind = K_META;
			continue;
		}
		if (l->kind == K_TEXT && (b = byline_line(l->s, l->n)).n) {
			offer(&au, 4, t, b.s, b.n);
			l->kind = K_META;
		}
		if (l->kind == K_TEXT && meta_line(l, t, &dt, m->date, &au))
			l->kind = K_META;
	}
	/* a name next to the date line: below it, or above it when a
	 * headline can still stand above the name */
	if (dt.score >= 2 && au.score == 0) {
		for (int dir = 1; dir >= -1 && au.score == 0; dir -= 2) {
			raw_span nm;

			t = dt.at + dir;
			while (t >= 0 && t < head &&
			       (L[t].kind == K_BLANK || L[t].kind == K_CHROME))
				t += dir;
			if (t < 0 || t >= head || L[t].kind != K_TEXT ||
			    (dir < 0 && !text_above(L, t)))
				continue;
			nm = byline_names(L[t].s, L[t].n);
			if (nm.n && rl_count_words(L[t].s, L[t].n) <= 6) {
				offer(&au, 2, t, nm.s, nm.n);
				L[t].kind = K_META;
			}
		}
	}
	if (au.score == 0 && p1 >= 0) {
		raw_span rep = dateline_reporters(L[p1].s, L[p1].n);

		if (rep.n)
			offer(&au, 2, p1, rep.s, rep.n);
	}
	/* dates in the head's paragraphs */
	if (dt.score == 0) {
		for (t = 0; t < head; t++) {
			int sc;

			if (L[t].kind != K_PARA && L[t].kind != K_TEXT)
				continue;
			sc = sentence_date(L[t].s, L[t].n, t == p1, &d);
			if (sc && sc > dt.score) {
				offer(&dt, sc, t, L[t].s, 0);
				date_format(&d, DATE_OUT_ISO, m->date);
			}
		}
	}

	/* the headline */
	for (i = 0; title < 0 && i < (size_t)head && i < 20; i++) {
		size_t j;

		if (L[i].kind != K_TEXT || L[i].n < 10 ||
		    rl_count_words(L[i].s, L[i].n) < 3 || rl_is_item(L[i].s, L[i].n))
			continue;
		for (j = i + 1; j < (size_t)head && j < 20; j++)
			if (L[j].n == L[i].n && !memcmp(L[j].s, L[i].s, L[i].n))
				title = (int)i;
	}
	if (title >= 0)
		m->title_how = RAW_TITLE_REPEAT;
	for (t = 0; title < 0 && t < head; t++) /* "# Title" */
		if (L[t].kind == K_TEXT && L[t].heading == 1)
			title = t, m->title_how = RAW_TITLE_HEADING;
	if (title < 0 && (title = title_above(L, head)) >= 0)
		m->title_how = RAW_TITLE_ABOVE;
	if (title < 0)
		m->title_how = RAW_TITLE_FIRST;
	for (t = 0; title < 0 && t < (p1 < 0 ? head : p1); t++)
		if (L[t].kind == K_TEXT && L[t].heading)
			title = t;
	for (int pass = 0; pass < 2 && title < 0; pass++)
		for (t = 0; title < 0 && t < (p1 < 0 ? head : p1); t++) {
			line *l = &L[t];

			if (l->kind != K_TEXT || rl_is_item(l->s, l->n) ||
			    (l->n && (l->s[l->n - 1] == ':' ||
				      l->s[l->n - 1] == ',')))
				continue;
			if (!pass && rl_count_words(l->s, l->n) < 3 &&
			    rl_cjk_bytes(l->s, l->n) < 12)
				continue;
			if (maybe < 0 && !l->heading &&
			    rl_is_name(l->s, l->n, &words, &secs) && words >= 2 &&
			    words <= 4 && !secs) {
				maybe = t; /* a name, or a short headline */
				continue;
			}
			if (t != maybe)
				title = t;
		}
	if (title < 0 && maybe >= 0) {
		title = maybe;
	} else if (maybe >= 0 && au.score == 0) {
		/* a bare name line before the text: the byline */
		offer(&au, 1, maybe, L[maybe].s, L[maybe].n);
		L[maybe].kind = K_META;
	}
	/* kickers before the text: "Healthcare Future", "Model Release" */
	for (t = 0; t < (p1 < 0 ? head : p1); t++)
		if (t != title && L[t].kind == K_TEXT &&
		    rl_is_name(L[t].s, L[t].n, &words, &secs) && secs == words)
			L[t].kind = K_CHROME;
	if (title >= 0) {
		m->title.s = L[title].s;
		m->title.n = L[title].n;
	}
	if (title >= 0 && (flags & RAW_KEEP_TITLE)) {
		;
	} else if (title >= 0) {
		for (t = 0; t < title; t++)
			if (L[t].kind != K_PARA)
				L[t].drop = 1;
		for (t = head - 1; t > title; t--)
			if (L[t].n == L[title].n &&
			    !memcmp(L[t].s, L[title].s, L[t].n))
				break;
		for (; t >= title; t--) /* to its repeat: kickers */
			if (L[t].kind != K_PARA)
				L[t].drop = 1;
	} else if (p1 >= 0) {
		m->title = first_sentence(L[p1].s, L[p1].n);
		m->title_how = RAW_TITLE_SENTENCE;
	} else {
		m->title_how = RAW_TITLE_NONE;
	}

	/* a signature near the end, when nothing else named the author */
	if (au.score == 0) {
		int kept = 0;

		for (t = (int)nl - 1; t >= 0 && kept < 6; t--) {
			raw_span sig;

			if (L[t].drop || L[t].kind == K_BLANK ||
			    L[t].kind == K_CHROME)
				continue;
			kept++;
			sig = signature(&L[t]);
			if (sig.n) {
				offer(&au, 1, t, sig.s, sig.n);
				L[t].drop = 1;
				break;
			}
		}
	}
	if (au.score)
		m->author = au.v;
	if (src.score)
		m->source = src.v;

	/* the body */
	for (i = 0; i < nl; i++) {
		line *l = &L[i];

		if (l->drop || l->kind == K_CHROME || l->kind == K_TAIL ||
		    l->kind == K_META)
			continue;
		if (l->kind == K_BLANK) {
			if (!blank)
				buf_addc(body, '\n');
			blank = 1;
			continue;
		}
		/* the original line, with its indent and Markdown marks */
		{
			const char *o = l->s, *b = l->s + l->n;

			while (o > s && o[-1] != '\n' && o[-1] != '\r')
				o--;
			while (b < s + n && *b != '\n' && *b != '\r')
				b++;
			while (b > o && ascii_space((unsigned char)b[-1]))
				b--;
			buf_add(body, o, (size_t)(b - o));
		}
		buf_addc(body, '\n');
		blank = 0;
	}
	while (body->n && body->p[body->n - 1] == '\n')
		body->n--;
	if (body->p)
		body->p[body->n] = '\0';
	free(L);
	return body->err ? -1 : 0;
}
