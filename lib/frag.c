/*
 * frag: the snippet maker's fragments (see snip.c's overview): sentence
 * starts, the windows and their scores (FTS5's idea: the first hit of a
 * pattern group counts its weight * 1000, repeats a little, a sentence
 * start in reach a bonus), the context shared out around the chosen
 * cores, and the spans emitted.  All lengths are code points.
 */
#include "snipctx.h"

/* Punctuation kept after a fragment's last word. */
static int
is_close(uint32_t c)
{
	switch (c) {
	case '.': case ',': case ';': case ':': case '!': case '?': case ')':
	case ']': case '}': case '"': case '\'': case '%':
	case 0x2019: case 0x201D: case 0xBB: case 0x203A: case 0x2026:
	case 0x3001: case 0x3002: case 0xFF0C: case 0xFF1B: case 0xFF1A:
	case 0xFF01: case 0xFF1F: case 0xFF09: case 0x300D: case 0x300F:
	case 0x3011: case 0x300B: case 0x3009:
		return 1;
	}
	return 0;
}

/* Punctuation kept before a fragment's first word. */
static int
is_open(uint32_t c)
{
	switch (c) {
	case '(': case '[': case '{': case '"': case '\'':
	case 0x2018: case 0x201C: case 0x201E: case 0xAB: case 0x2039:
	case 0xBF: case 0xA1: case 0xFF08: case 0x300C: case 0x300E:
	case 0x3010: case 0x300A: case 0x3008:
		return 1;
	}
	return 0;
}

/* The valid character ending at byte b (b > lo), or U8_INVALID; *k gets its
 * length.  A lead byte is always a character boundary, so stepping back
 * over a whole valid sequence keeps offsets on boundaries. */
static uint32_t
dec_prev(const char *s, size_t lo, size_t b, size_t *k)
{
	size_t n, l;

	for (n = 1; n <= 4 && n <= b - lo; n++) {
		if (((unsigned char)s[b - n] & 0xC0) == 0x80)
			continue;
		l = u8_seqlen((const unsigned char *)s + b - n, n);
		if (l != n)
			break;
		return u8_decode(s + b - n, n, k);
	}
	*k = 1;
	return U8_INVALID;
}

/* The byte offset n characters after byte b (or the end). */
size_t
frag_adv(const char *s, size_t len, size_t b, size_t n)
{
	size_t k;

	while (n > 0 && b < len) {
		if ((unsigned char)s[b] < 0x80)
			k = 1;
		else
			u8_decode(s + b, len - b, &k);
		b += k;
		n--;
	}
	return b;
}

/* 1 if s[a..b) holds anything but white space. */
static int
has_ink(const char *s, size_t a, size_t b)
{
	size_t k;

	while (a < b) {
		if (!cp_space(u8_decode(s + a, b - a, &k)))
			return 1;
		a += k;
	}
	return 0;
}

/* Sets each word's sentence start: the first word (of the text or of a
 * region), or a word after sentence-ending punctuation and white space,
 * CJK full stops, or a blank line. */
void
frag_mark_sentences(snip_ctx *c, const char *text)
{
	size_t k, a, b, n;
	uint32_t ch;
	int term, nl, start;

	for (k = 0; k < c->w.n; k++) {
		if (k == 0 || (c->w.v[k].flags & SNIP_F_RSTART)) {
			c->w.v[k].sent = k;
			continue;
		}
		a = c->w.v[k - 1].end;
		b = c->w.v[k].start;
		term = nl = start = 0;
		while (a < b && !start) {
			ch = u8_decode(text + a, b - a, &n);
			a += n;
			if (ch == '.' || ch == '!' || ch == '?' || ch == 0x2026)
				term = 1;
			else if (ch == 0x3002 || ch == 0xFF01 || ch == 0xFF1F)
				start = 1;
			else if (ch == '\n' && ++nl >= 2)
				start = 1;
			else if (cp_space(ch))
				start = term;
			else if (!is_close(ch))
				term = 0;
		}
		c->w.v[k].sent = start ? k : c->w.v[k - 1].sent;
	}
}

enum { KEY_START, KEY_CS, KEY_CE };

/* Number of words whose key (start byte, start or end character; each grows
 * with the word's index) is < x, or <= x when le is set. */
static size_t
words_below(const snip_ctx *c, int key, size_t x, int le)
{
	size_t lo = 0, hi = c->w.n, mid, v;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		v = key == KEY_START ? c->w.v[mid].start
		    : key == KEY_CS  ? c->w.v[mid].cs
				     : c->w.v[mid].ce;
		if (v < x || (le && v == x))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Number of words with start <= b (see snipctx.h). */
size_t
frag_words_start_le(const snip_ctx *c, size_t b)
{
	return words_below(c, KEY_START, b, 1);
}

/* Index of the first word with cs >= x (nw if none). */
static size_t
word_cs_ge(const snip_ctx *c, size_t x)
{
	return words_below(c, KEY_CS, x, 0);
}

/* Number of words with ce <= x. */
static size_t
words_ce_le(const snip_ctx *c, size_t x)
{
	return words_below(c, KEY_CE, x, 1);
}

/* Widens each hit to whole words and finds its sentence start. */
void
frag_widen_hits(snip_ctx *c)
{
	size_t i, k;
	shit *h;
	const stok *w;

	for (i = 0; i < c->hits.n; i++) {
		h = &c->hits.v[i];
		h->wbs = h->bs;
		h->wcs = h->cs;
		h->wbe = h->be;
		h->wce = h->ce;
		h->scs = SNIP_NONE;
		h->sbs = 0;
		k = frag_words_start_le(c, h->bs);
		if (k) {
			w = &c->w.v[k - 1];
			if (w->end > h->bs) {
				h->wbs = w->start;
				h->wcs = w->cs;
			}
			h->scs = c->w.v[w->sent].cs;
			h->sbs = c->w.v[w->sent].start;
		}
		k = frag_words_start_le(c, h->be - 1);
		if (k) {
			w = &c->w.v[k - 1];
			if (w->end >= h->be) {
				h->wbe = w->end;
				h->wce = w->ce;
			}
		}
	}
}

typedef struct sbest {
	size_t i, j;
	int64_t score, neww;
	int found;
} sbest;

/* The best window of L characters: anchored at a hit, holding the hits
 * that end within L characters of the anchor's start, never overlapping a
 * chosen fragment core (c->fr.v, sorted).  In multi mode an anchor whose own
 * words are longer than L is skipped. */
static void
best_window(snip_ctx *c, size_t L, int multi, sbest *b)
{
	const shit *H = c->hits.v, *h;
	size_t nh = c->hits.n, i, j = 0, q = 0, nin = 0, nd = 0, g, prevend,
	       nextstart, lim, maxend;
	int64_t sumw = 0, s;
	int valid;

	for (g = 0; g < c->g.n; g++)
		c->g.v[g].cnt = 0;
	b->found = 0;
	for (i = 0; i < nh; i++) {
		h = &H[i];
		if (j < i)
			j = i;
		while (q < c->fr.n && c->fr.v[q].ce <= h->wcs)
			q++;
		prevend = q ? c->fr.v[q - 1].ce : 0;
		nextstart = q < c->fr.n ? c->fr.v[q].cs : SNIP_NONE;
		valid = h->wcs >= prevend && h->wce <= nextstart;
		if (valid && multi && h->wce - h->wcs > L)
			valid = 0;
		if (valid) {
			lim = h->wcs + L < h->wcs ? SNIP_NONE : h->wcs + L;
			if (lim > nextstart)
				lim = nextstart;
			while (j < nh && (H[j].wce <= lim || j == i)) {
				g = H[j].group;
				if (c->g.v[g].cnt++ == 0 && !c->g.v[g].cov) {
					sumw += c->g.v[g].w;
					nd++;
				}
				nin++;
				j++;
			}
			s = sumw * 1000;
			s += (int64_t)(nin - nd < SNIP_MAXREP ? nin - nd
							       : SNIP_MAXREP) *
			     c->wmin;
			maxend = H[j - 1].wce > h->wce ? H[j - 1].wce : h->wce;
			if (h->scs != SNIP_NONE && h->scs >= prevend &&
			    maxend - h->scs <= L)
				s += SNIP_BONUS * c->wmin;
			if (!b->found || s > b->score) {
				b->found = 1;
				b->score = s;
				b->neww = sumw;
				b->i = i;
				b->j = j;
			}
		}
		if (i < j) {
			g = H[i].group;
			if (--c->g.v[g].cnt == 0 && !c->g.v[g].cov) {
				sumw -= c->g.v[g].w;
				nd--;
			}
			nin--;
		}
	}
}

/* Adds the core of hits [i, j) to the fragments, keeping them sorted. */
static int
add_core(snip_ctx *c, size_t i, size_t j)
{
	sfrag f;
	size_t k;

	memset(&f, 0, sizeof f);
	f.cs = c->hits.v[i].wcs;
	f.bs = c->hits.v[i].wbs;
	f.ce = c->hits.v[i].wce;
	f.be = c->hits.v[i].wbe;
	for (k = i + 1; k < j; k++) {
		if (c->hits.v[k].wce > f.ce) {
			f.ce = c->hits.v[k].wce;
			f.be = c->hits.v[k].wbe;
		}
	}
	f.scs = c->hits.v[i].scs;
	f.sbs = c->hits.v[i].sbs;
	f.anchor = i;
	if (VEC_GROW(c->fr, c->fr.n + 1))
		return -1;
	for (k = c->fr.n; k > 0 && c->fr.v[k - 1].cs > f.cs; k--)
		c->fr.v[k] = c->fr.v[k - 1];
	c->fr.v[k] = f;
	c->fr.n++;
	return 0;
}

/* Chooses the fragment cores: one window of maxchars, or greedy smaller
 * windows when together they show more pattern groups. */
int
frag_choose(snip_ctx *c, size_t maxchars, size_t maxfrags)
{
	sbest b1, b;
	size_t i, r, lf;
	int64_t allw = 0, tot = 0;

	for (i = 0; i < c->g.n; i++)
		c->g.v[i].cov = 0;
	for (i = 0; i < c->hits.n; i++) {
		if (!c->g.v[c->hits.v[i].group].cov) {
			c->g.v[c->hits.v[i].group].cov = 1;
			allw += c->g.v[c->hits.v[i].group].w;
		}
	}
	for (i = 0; i < c->g.n; i++)
		c->g.v[i].cov = 0;
	c->fr.n = 0;
	best_window(c, maxchars, 0, &b1);
	if (maxfrags > maxchars)
		maxfrags = maxchars; /* fragments of one character at least */
	if (b1.neww < allw && maxfrags > 1) {
		lf = maxchars / maxfrags;
		for (r = 0; r < maxfrags; r++) {
			best_window(c, lf, 1, &b);
			if (!b.found || b.neww == 0)
				break;
			if (add_core(c, b.i, b.j) < 0)
				return -1;
			for (i = b.i; i < b.j; i++)
				c->g.v[c->hits.v[i].group].cov = 1;
			tot += b.neww;
		}
		if (tot > b1.neww)
			return 0;
		c->fr.n = 0;
	}
	return add_core(c, b1.i, b1.j);
}

/* Extends fragment f with up to e characters of context within [lo, hi).
 *
 * Longer than 100 lines on purpose: its four steps (the start, the end,
 * the budget left, opening punctuation) share the budget arithmetic and
 * read best in that order; apart, each would take the same seven values.
 */
static void
frag_extend(const snip_ctx *c, const char *text, size_t tlen, sfrag *f,
	    spos lo, spos hi, size_t e)
{
	size_t cl = f->ce - f->cs, roomb = f->cs - lo.c, rooma = hi.c - f->ce;
	size_t before, after, sp, ep, k, n, kb;
	spos S, E;
	uint32_t ch;

	if (f->scs != SNIP_NONE && f->scs >= lo.c && f->scs <= f->cs &&
	    f->cs - f->scs <= e)
		before = f->cs - f->scs;
	else
		before = e / 2;
	if (before > roomb)
		before = roomb;
	after = e - before;
	if (after > rooma)
		after = rooma;
	before = e - after;
	if (before > roomb)
		before = roomb;
	sp = f->cs - before;

	/* Start: the earliest sentence start in reach, else a word start. */
	S.b = f->bs;
	S.c = f->cs;
	if (sp == lo.c) {
		S = lo;
	} else {
		k = word_cs_ge(c, sp);
		for (n = k; n < c->w.n && c->w.v[n].cs <= f->cs; n++)
			if (c->w.v[n].sent == n)
				break;
		if (n < c->w.n && c->w.v[n].cs <= f->cs)
			k = n;
		if (k < c->w.n && c->w.v[k].cs <= f->cs) {
			S.b = c->w.v[k].start;
			S.c = c->w.v[k].cs;
		}
	}

	/* End: what is left of e after the start, at a word end. */
	after = e - (f->cs - S.c);
	if (after > rooma)
		after = rooma;
	ep = f->ce + after;
	E.b = f->be;
	E.c = f->ce;
	if (ep == hi.c) {
		E = hi;
	} else {
		n = words_ce_le(c, ep);
		/* rather end a sentence, if that loses little context */
		for (k = n; k > 0 && c->w.v[k - 1].ce >= f->ce &&
			    ep - c->w.v[k - 1].ce <= after / 3;
		     k--) {
			if (k < c->w.n && c->w.v[k].sent == k) {
				n = k;
				break;
			}
		}
		if (n && c->w.v[n - 1].ce >= f->ce) {
			E.b = c->w.v[n - 1].end;
			E.c = c->w.v[n - 1].ce;
		}
		while (E.c < ep && E.b < tlen) {
			ch = u8_decode(text + E.b, tlen - E.b, &kb);
			if (!is_close(ch))
				break;
			E.b += kb;
			E.c++;
		}
	}

	/* Budget left (the end reached hi): more before, from a sentence
	 * start if one is in reach; a fragment that starts a sentence stays
	 * so unless much is left. */
	if (E.c - S.c < cl + e && S.c > lo.c) {
		sp = cl + e - (E.c - S.c);
		sp = S.c - lo.c > sp ? S.c - sp : lo.c;
		if (sp == lo.c) {
			S = lo;
		} else {
			k = word_cs_ge(c, sp);
			for (n = k; n < c->w.n && c->w.v[n].cs < S.c; n++)
				if (c->w.v[n].sent == n)
					break;
			if (n < c->w.n && c->w.v[n].cs < S.c)
				k = n;
			else if ((S.c - sp) * 4 < cl + e &&
				 (n = word_cs_ge(c, S.c)) < c->w.n &&
				 c->w.v[n].cs == S.c && c->w.v[n].sent == n)
				k = c->w.n; /* little left: keep the sentence */
			if (k < c->w.n && c->w.v[k].cs < S.c) {
				S.b = c->w.v[k].start;
				S.c = c->w.v[k].cs;
			}
		}
	}

	/* Opening punctuation just before the start, if it fits. */
	while (S.c > lo.c && E.c - S.c < cl + e) {
		ch = dec_prev(text, lo.b, S.b, &kb);
		if (!is_open(ch))
			break;
		S.b -= kb;
		S.c--;
	}
	f->S = S;
	f->E = E;
}

/* A core longer than maxchars (one huge word or phrase): as much of it as
 * fits, from its start. */
static void
frag_overlong(snip_ctx *c, const char *text, size_t elen, size_t maxchars,
	      const shit *h)
{
	sfrag *f = &c->fr.v[0];
	size_t ep, n;

	if (h->ce - h->wcs <= maxchars) {
		f->S.b = h->wbs;
		f->S.c = h->wcs;
	} else {
		f->S.b = h->bs;
		f->S.c = h->cs;
	}
	ep = f->S.c + maxchars;
	n = words_ce_le(c, ep);
	if (n && c->w.v[n - 1].ce >= h->ce && c->w.v[n - 1].cs >= f->S.c) {
		f->E.b = c->w.v[n - 1].end;
		f->E.c = c->w.v[n - 1].ce;
	} else {
		f->E.b = frag_adv(text, elen, f->S.b, maxchars);
		f->E.c = f->S.c + u8_count(text + f->S.b, f->E.b - f->S.b);
	}
}

/* Shares out the budget left after the cores as context on both sides
 * of each fragment (frag_extend), within tend; a single core longer than
 * maxchars is cut instead (frag_overlong). */
void
frag_fit(snip_ctx *c, const char *text, size_t elen, size_t maxchars,
	 spos tend)
{
	size_t f, used = 0, rem, e;

	if (c->fr.n == 1 && c->fr.v[0].ce - c->fr.v[0].cs > maxchars) {
		frag_overlong(c, text, elen, maxchars,
			      &c->hits.v[c->fr.v[0].anchor]);
		return;
	}
	for (f = 0; f < c->fr.n; f++)
		used += c->fr.v[f].ce - c->fr.v[f].cs;
	rem = maxchars > used ? maxchars - used : 0;
	for (f = 0; f < c->fr.n; f++) {
		spos lo = {0, 0}, hi = tend;

		if (f)
			lo = c->fr.v[f - 1].E;
		if (f + 1 < c->fr.n) {
			hi.b = c->fr.v[f + 1].bs;
			hi.c = c->fr.v[f + 1].cs;
		}
		e = rem / (c->fr.n - f);
		frag_extend(c, text, elen, &c->fr.v[f], lo, hi, e);
		rem -= (c->fr.v[f].E.c - c->fr.v[f].S.c) -
		       (c->fr.v[f].ce - c->fr.v[f].cs);
	}
}

/* Appends a span, joining it to the previous one when both are text. */
int
frag_put_span(snip_ctx *c, size_t s, size_t e, int kind)
{
	snip_span *p;

	if (kind != SNIP_GAP && s >= e)
		return 0;
	if (c->out.n) {
		p = &c->out.v[c->out.n - 1];
		if (kind == SNIP_TEXT && p->kind == SNIP_TEXT && p->end == s) {
			p->end = e;
			return 0;
		}
		if (kind == SNIP_GAP && p->kind == SNIP_GAP)
			return 0;
	}
	if (VEC_GROW(c->out, c->out.n + 1))
		return -1;
	c->out.v[c->out.n].start = s;
	c->out.v[c->out.n].end = e;
	c->out.v[c->out.n].kind = kind;
	c->out.n++;
	return 0;
}

/* Appends text[s..e) as text and hit spans; *hp walks the merged hits. */
int
frag_put_range(snip_ctx *c, size_t s, size_t e, size_t *hp)
{
	const srange *r;

	while (*hp < c->mg.n && c->mg.v[*hp].be <= s)
		(*hp)++;
	while (*hp < c->mg.n && c->mg.v[*hp].bs < e) {
		r = &c->mg.v[*hp];
		if (r->bs > s && frag_put_span(c, s, r->bs, SNIP_TEXT) < 0)
			return -1;
		if (r->bs > s)
			s = r->bs;
		if (frag_put_span(c, s, r->be < e ? r->be : e, SNIP_HIT) < 0)
			return -1;
		s = r->be < e ? r->be : e;
		if (r->be > e)
			break;
		(*hp)++;
	}
	return frag_put_span(c, s, e, SNIP_TEXT);
}

/* The snippet without hits: the text's beginning (after white space) up
 * to maxchars characters, cut after a word. */
int
frag_put_beginning(snip_ctx *c, const char *text, size_t len, size_t elen,
	      spos S, size_t maxchars, size_t hp)
{
	spos E;
	size_t ep = S.c + maxchars, n, kb;
	uint32_t ch;

	if (ep < S.c)
		ep = SNIP_NONE;
	n = words_ce_le(c, ep);
	if (n && c->w.v[n - 1].cs >= S.c) {
		E.b = c->w.v[n - 1].end;
		E.c = c->w.v[n - 1].ce;
		while (E.c < ep && E.b < elen) {
			ch = u8_decode(text + E.b, elen - E.b, &kb);
			if (!is_close(ch))
				break;
			E.b += kb;
			E.c++;
		}
	} else {
		E.b = frag_adv(text, len, S.b, maxchars);
	}
	if (frag_put_range(c, S.b, E.b, &hp) < 0)
		return -1;
	if (E.b < len && has_ink(text, E.b, len) &&
	    frag_put_span(c, E.b, E.b, SNIP_GAP) < 0)
		return -1;
	return 0;
}

/* The first character of text that is not white space. */
spos
frag_skip_space(const char *text, size_t len)
{
	spos s = {0, 0};
	size_t k;

	while (s.b < len &&
	       cp_space(u8_decode(text + s.b, len - s.b, &k))) {
		s.b += k;
		s.c++;
	}
	return s;
}

/* Emits the fragments with gaps where text was left out. */
int
frag_put(snip_ctx *c, const char *text, size_t len, size_t maxchars)
{
	size_t f, m = 0, total = 0, left, n, hp = 0;
	sfrag *fr = c->fr.v;

	for (f = 0; f < c->fr.n; f++) {
		if (m && fr[f].S.b <= fr[m - 1].E.b) {
			if (fr[f].E.b > fr[m - 1].E.b)
				fr[m - 1].E = fr[f].E;
			continue;
		}
		fr[m++] = fr[f];
	}
	c->fr.n = m;
	for (f = 0; f < m; f++)
		total += fr[f].E.c - fr[f].S.c;
	left = maxchars > total ? maxchars - total : 0;
	if (fr[0].S.b > 0 && has_ink(text, 0, fr[0].S.b) &&
	    frag_put_span(c, fr[0].S.b, fr[0].S.b, SNIP_GAP) < 0)
		return -1;
	for (f = 0; f < m; f++) {
		if (f) {
			/* white space alone between two fragments is kept
			 * when it fits: it would not be a cut */
			n = fr[f].S.c - fr[f - 1].E.c;
			if (n <= left &&
			    !has_ink(text, fr[f - 1].E.b, fr[f].S.b)) {
				left -= n;
				if (frag_put_range(c, fr[f - 1].E.b, fr[f].S.b,
					      &hp) < 0)
					return -1;
			} else if (frag_put_span(c, fr[f].S.b, fr[f].S.b,
					    SNIP_GAP) < 0) {
				return -1;
			}
		}
		if (frag_put_range(c, fr[f].S.b, fr[f].E.b, &hp) < 0)
			return -1;
	}
	if (fr[m - 1].E.b < len && has_ink(text, fr[m - 1].E.b, len) &&
	    frag_put_span(c, fr[m - 1].E.b, fr[m - 1].E.b, SNIP_GAP) < 0)
		return -1;
	return 0;
}
