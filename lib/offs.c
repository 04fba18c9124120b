/*
 * offs: a text's words stored at index time and replayed for the snippet
 * maker (contract and format in offs.h).
 */
#include "offs.h"

#include <string.h>

#define K_GAP1 0
#define K_GAP0 1
#define K_GAP 2
#define K_EXT 3
#define X_FLAGS 0x1F
#define X_POS 0x20
#define X_TERM 0x40

/* The position after a word at pos of nchars characters (as the snippet
 * maker counts it: a CJK word of several characters is as wide as they
 * are). */
static unsigned
after(unsigned pos, int flags, size_t nchars)
{
	return pos + ((flags & TOK_F_CJK) && nchars > 1 ? (unsigned)nchars
							: 1);
}

/* 1 if the term is the span's bytes with ASCII capitals lowered. */
static int
derived(const char *span, size_t n, const char *term, size_t len)
{
	if (n != len)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)span[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)term[i])
			return 0;
	}
	return 1;
}

static void
put32(buf *b, size_t v)
{
	unsigned char u[4] = {(unsigned char)v, (unsigned char)(v >> 8),
			      (unsigned char)(v >> 16),
			      (unsigned char)(v >> 24)};

	buf_add(b, u, 4);
}

static size_t
get32(const unsigned char *u)
{
	return (size_t)u[0] | (size_t)u[1] << 8 | (size_t)u[2] << 16 |
	       (size_t)u[3] << 24;
}

void
offs_free(offs_w *w)
{
	buf_free(&w->ck);
}

void
offs_begin(offs_w *w, buf *out, size_t len, unsigned first)
{
	w->out = out;
	w->end = 0;
	w->next = first;
	w->bad = len > UINT32_MAX;
	w->nw = 0;
	buf_reset(&w->ck);
	buf_reset(out);
	buf_addc(out, OFFS_VERSION);
	buf_varint(out, len);
	buf_varint(out, first);
}

void
offs_add(offs_w *w, const char *text, const tok_token *tk)
{
	size_t n = tk->end - tk->start, gap = tk->start - w->end;
	int flags = tk->flags & X_FLAGS, x = flags;
	size_t nchars;

	if (tk->flags & TOK_F_BIGRAM || w->bad)
		return;
	if (tk->start < w->end || tk->end <= tk->start || (tk->flags & ~X_FLAGS)) {
		w->bad = 1;
		return;
	}
	if (w->nw && w->nw % OFFS_EVERY == 0) {
		put32(&w->ck, w->out->n);
		put32(&w->ck, w->end);
		put32(&w->ck, w->next);
	}
	w->nw++;
	if (tk->pos != w->next)
		x |= X_POS;
	if (!derived(text + tk->start, n, tk->term, tk->len))
		x |= X_TERM;
	if (!x && gap <= 1) {
		buf_varint(w->out, (uint64_t)n << 2 | (gap ? K_GAP1 : K_GAP0));
	} else if (!x) {
		buf_varint(w->out, (uint64_t)n << 2 | K_GAP);
		buf_varint(w->out, gap);
	} else {
		buf_varint(w->out, (uint64_t)n << 2 | K_EXT);
		buf_addc(w->out, x);
		buf_varint(w->out, gap);
		if (x & X_POS) {
			int64_t d = (int64_t)tk->pos - (int64_t)w->next;

			buf_varint(w->out, d >= 0 ? (uint64_t)d * 2
						  : (uint64_t)(-d) * 2 - 1);
		}
		if (x & X_TERM) {
			buf_varint(w->out, tk->len);
			buf_add(w->out, tk->term, tk->len);
		}
	}
	nchars = u8_count(text + tk->start, n);
	w->end = tk->end;
	w->next = after(tk->pos, flags, nchars);
}

int
offs_end(offs_w *w)
{
	buf_add(w->out, w->ck.p, w->ck.n);
	put32(w->out, w->ck.n / 12);
	if (w->bad || w->out->err || w->ck.err || w->out->n > UINT32_MAX) {
		buf_reset(w->out);
		return -1;
	}
	return 0;
}

int
offs_open(offs_r *r, const char *s, size_t n, size_t len)
{
	uint64_t tl, first;

	memset(r, 0, sizeof *r);
	r->s = (const unsigned char *)s;
	r->n = n;
	r->i = 1;
	if (!s || n < 3 || r->s[0] != OFFS_VERSION ||
	    varint_get(r->s, n, &r->i, &tl) < 0 || tl != len ||
	    varint_get(r->s, n, &r->i, &first) < 0 || first > UINT32_MAX)
		return -1;
	r->hdr = r->i;
	r->len = len;
	if (n - r->hdr < 4)
		return -1;
	r->nck = get32(r->s + n - 4);
	if (r->nck > (n - r->hdr - 4) / 12)
		return -1;
	r->n = n - 4 - 12 * r->nck;
	r->ck = r->s + r->n;
	r->first = r->next = (unsigned)first;
	return 0;
}

/* Decodes the word at r->i into *tk (but its term and characters: see
 * fill), moving the cursor past it; *tpos is where an explicit term is
 * in the stream (0: derived).  Returns 0, 1 at the end, -1 if corrupt. */
static int
decode(offs_r *r, const char *text, tok_token *tk, size_t *tpos)
{
	uint64_t v, gap = 0, z = 0, tl = 0;
	size_t n;
	int k, x = 0;

	if (r->i >= r->n)
		return 1;
	if (varint_get(r->s, r->n, &r->i, &v) < 0)
		return -1;
	k = (int)(v & 3);
	n = (size_t)(v >> 2);
	if (k == K_GAP1)
		gap = 1;
	else if (k == K_EXT) {
		if (r->i >= r->n)
			return -1;
		x = r->s[r->i++];
	}
	if ((k == K_GAP || k == K_EXT) && varint_get(r->s, r->n, &r->i, &gap) < 0)
		return -1;
	if ((x & X_POS) && varint_get(r->s, r->n, &r->i, &z) < 0)
		return -1;
	if (gap > r->len - r->end || n == 0 || n > r->len - r->end - gap)
		return -1;
	tk->start = r->end + (size_t)gap;
	tk->end = tk->start + n;
	tk->flags = x & X_FLAGS;
	tk->pos = r->next + (unsigned)(z & 1 ? -(int64_t)((z + 1) / 2)
					     : (int64_t)(z / 2));
	*tpos = 0;
	tk->len = n;
	if (x & X_TERM) {
		if (varint_get(r->s, r->n, &r->i, &tl) < 0 || tl == 0 ||
		    tl > TOK_MAXTERM || tl > r->n - r->i)
			return -1;
		*tpos = r->i;
		tk->len = (size_t)tl;
		r->i += (size_t)tl;
	} else if (n > TOK_MAXTERM) {
		return -1;
	}
	/* (only a CJK word's characters move the next position) */
	tk->nchars = tk->flags & TOK_F_CJK
			     ? (unsigned)u8_count(text + tk->start, n)
			     : 1;
	r->end = tk->end;
	r->next = after(tk->pos, tk->flags, tk->nchars);
	return 0;
}

/* Completes a word decode gave: its term in r->term, its characters. */
static void
fill(offs_r *r, const char *text, tok_token *tk, size_t tpos)
{
	if (tpos) {
		memcpy(r->term, r->s + tpos, tk->len);
	} else {
		for (size_t j = 0; j < tk->len; j++) {
			char c = text[tk->start + j];

			r->term[j] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
							  : c;
		}
	}
	r->term[tk->len] = '\0';
	tk->term = r->term;
	if (!(tk->flags & TOK_F_CJK))
		tk->nchars = (unsigned)u8_count(text + tk->start,
						tk->end - tk->start);
}

int
offs_replay(offs_r *r, const char *text, size_t b, size_t e,
	    unsigned pos0, tok_cb cb, void *ctx)
{
	tok_token tk;
	unsigned base = 0;
	int rc, any = 0;

	size_t lo = 0, hi = r->nck, m;

	/* the last entry of the table before b: words before it end by b */
	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (get32(r->ck + 12 * m + 4) <= b)
			lo = m + 1;
		else
			hi = m;
	}
	if (b < r->last ||
	    (lo && get32(r->ck + 12 * (lo - 1)) > r->i)) {
		if (lo) {
			const unsigned char *k = r->ck + 12 * (lo - 1);

			if (get32(k) < r->hdr || get32(k) > r->n ||
			    get32(k + 4) > r->len)
				return -1;
			r->i = get32(k);
			r->end = get32(k + 4);
			r->next = (unsigned)get32(k + 8);
			r->last = r->end;
		} else {
			r->i = r->hdr;
			r->end = 0;
			r->next = r->first;
			r->last = 0;
		}
	}
	for (;;) {
		size_t i = r->i, end = r->end;
		unsigned next = r->next;
		size_t tpos;

		if ((rc = decode(r, text, &tk, &tpos)) != 0)
			return rc < 0 ? -1 : 0;
		if (tk.end > e) {
			/* past the range: read again by the next call */
			r->i = i;
			r->end = end;
			r->next = next;
			return 0;
		}
		r->last = tk.start + 1;
		if (tk.start < b)
			continue;
		fill(r, text, &tk, tpos);
		if (!any) {
			base = tk.pos;
			any = 1;
		}
		tk.pos = pos0 + (tk.pos - base);
		tk.start -= b;
		tk.end -= b;
		if ((rc = cb(ctx, &tk)) != 0)
			return rc;
	}
}
