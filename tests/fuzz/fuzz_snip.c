/*
 * fuzz_snip: the snippet maker and snip_flatten.  Input: two option bytes,
 * then "query words\ntext".  The patterns are made from the query words the
 * way the search makes them: each word (with a toy stem), a phrase of the
 * first words, a prefix, and the CJK bigrams of a CJK word.  Checks the
 * spans against snip.h (inside the text, in order, GAPs empty, on character
 * boundaries when the text is valid UTF-8, the whole text when maxchars is
 * 0, at most maxfrags fragments, at most maxchars characters) and the
 * flattened text and its highlight ranges.  Each input runs twice through
 * one snip_ctx with different options, so state left in a context shows.
 */
#include <string.h>

#include "fuzz.h"
#include "snip.h"

#define MAXW 8

typedef struct words {
	char *w[MAXW];
	int cjk[MAXW];
	size_t n;
} words;

static int
on_word(void *ctx, const tok_token *t)
{
	words *ws = ctx;

	if (ws->n == MAXW)
		return 1;
	ws->cjk[ws->n] = (t->flags & TOK_F_CJK) != 0;
	ws->w[ws->n++] = str_ndup(t->term, t->len);
	return 0;
}

/* A toy stemmer: strips a final "s", "ed" or "ing" from words of 4+
 * bytes; "no stem" for short words. */
static int
toy_stem(void *ctx, const char *term, size_t len, buf *out)
{
	static const char *const suf[] = {"ing", "ed", "s"};

	(void)ctx;
	if (len < 4)
		return 1;
	for (size_t i = 0; i < 3; i++) {
		size_t k = strlen(suf[i]);

		if (len > k + 1 && memcmp(term + len - k, suf[i], k) == 0) {
			buf_add(out, term, len - k);
			return 0;
		}
	}
	buf_add(out, term, len);
	return 0;
}

static int
is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

static void
check_spans(const char *text, size_t len, int valid, const snip_span *sp,
	    size_t n, const snip_opts *o)
{
	size_t prev = 0, chars = 0, frags = 0;
	int in_frag = 0;

	for (size_t i = 0; i < n; i++) {
		const snip_span *s = &sp[i];

		FUZZ_CHECK(s->kind == SNIP_TEXT || s->kind == SNIP_HIT ||
			   s->kind == SNIP_GAP);
		FUZZ_CHECK(s->start <= s->end && s->end <= len);
		FUZZ_CHECK(s->start >= prev);
		if (s->kind == SNIP_GAP) {
			FUZZ_CHECK(s->start == s->end);
			FUZZ_CHECK(o->maxchars != 0);
			in_frag = 0;
		} else {
			FUZZ_CHECK(s->start < s->end);
			if (!in_frag)
				frags++;
			in_frag = 1;
			chars += u8_count(text + s->start, s->end - s->start);
		}
		if (valid) {
			FUZZ_CHECK(s->start == len || !is_cont(text[s->start]));
			FUZZ_CHECK(s->end == len || !is_cont(text[s->end]));
		}
		prev = s->end;
	}
	if (o->maxchars == 0) {
		/* the whole text, contiguous */
		size_t at = 0;

		for (size_t i = 0; i < n; i++) {
			FUZZ_CHECK(sp[i].start == at);
			at = sp[i].end;
		}
		FUZZ_CHECK(at == len);
	} else {
		FUZZ_CHECK(frags <= o->maxfrags);
		FUZZ_CHECK(chars <= o->maxchars);
	}
}

static void
check_flat(const char *text, int valid, const snip_span *sp, size_t n)
{
	snip_text st;
	size_t prev = 0;

	memset(&st, 0, sizeof st);
	FUZZ_CHECK(snip_flatten(text, sp, n, &st) == 0);
	if (st.text.p) {
		FUZZ_CHECK(strlen(st.text.p) == st.text.n);
		if (valid)
			FUZZ_CHECK(u8_valid(st.text.p, st.text.n, NULL));
		FUZZ_CHECK(st.text.n == 0 || (st.text.p[0] != ' ' &&
					      st.text.p[st.text.n - 1] != ' '));
	}
	for (size_t i = 0; i < st.nhl; i++) {
		const snip_hl *h = &st.hl[i];

		FUZZ_CHECK(h->bstart < h->bend && h->bend <= st.text.n);
		FUZZ_CHECK(h->bstart >= prev);
		FUZZ_CHECK(h->cstart < h->cend);
		FUZZ_CHECK(h->cstart == u8_count(st.text.p, h->bstart));
		FUZZ_CHECK(h->cend == u8_count(st.text.p, h->bend));
		prev = h->bend;
	}
	snip_text_clear(&st);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t chars[] = {0, 1, 7, 30, 80, 240, 1000, 0};
	const char *q, *text, *nl;
	size_t qlen, len;
	words ws = {{0}, {0}, 0};
	snip_pat pats[MAXW + 3];
	char *stems[MAXW];
	char *pre = NULL;
	char *bg[TOK_MAXTERM];
	size_t nbg = 0, np = 0;
	snip_ctx *ctx;
	int valid;
	uint8_t b0, b1;

	if (size < 2)
		return 0;
	b0 = data[0];
	b1 = data[1];
	q = (const char *)data + 2;
	nl = memchr(q, '\n', size - 2);
	qlen = nl ? (size_t)(nl - q) : 0;
	text = nl ? nl + 1 : q;
	len = size - 2 - (size_t)(text - q);
	valid = u8_valid(text, len, NULL);

	tok_run(fuzz_tok(), q, qlen, 0, 0, on_word, &ws, NULL);
	memset(pats, 0, sizeof pats);
	memset(stems, 0, sizeof stems);
	for (size_t i = 0; i < ws.n; i++) {
		buf s = BUF_INIT;

		if ((b1 & 1) && toy_stem(NULL, ws.w[i], strlen(ws.w[i]), &s) == 0)
			stems[i] = buf_steal(&s);
		buf_free(&s);
		pats[np].terms = (const char *const *)&ws.w[i];
		pats[np].stems = (const char *const *)&stems[i];
		pats[np].n = 1;
		pats[np].weight = 1.0 + (double)(strlen(ws.w[i]) % 5);
		pats[np].group = (b1 & 2) ? 0 : (int)i;
		np++;
	}
	if (ws.n >= 2) {
		pats[np].terms = (const char *const *)ws.w;
		pats[np].n = ws.n < 3 ? ws.n : 3;
		pats[np].weight = 4.0;
		pats[np].group = 100;
		np++;
	}
	if (ws.n >= 1 && (b1 & 4)) {
		size_t k = u8_floor(ws.w[0], strlen(ws.w[0]), 2);

		pre = str_ndup(ws.w[0], k ? k : strlen(ws.w[0]));
		pats[np].terms = (const char *const *)&pre;
		pats[np].n = 1;
		pats[np].prefix = 1;
		pats[np].weight = 0.5;
		pats[np].group = 101;
		np++;
	}
	for (size_t i = 0; i < ws.n && !nbg; i++) {
		const char *w = ws.w[i];
		size_t wl = strlen(w), a = 0;

		if (!ws.cjk[i])
			continue;
		while (a < wl && nbg < TOK_MAXTERM) {
			size_t k1 = u8_seqlen((const unsigned char *)w + a, wl - a);
			size_t k2;

			if (!k1 || a + k1 >= wl)
				break;
			k2 = u8_seqlen((const unsigned char *)w + a + k1,
				       wl - a - k1);
			if (!k2)
				break;
			bg[nbg++] = str_ndup(w + a, k1 + k2);
			a += k1;
		}
		if (nbg) {
			pats[np].terms = (const char *const *)bg;
			pats[np].n = nbg;
			pats[np].bigram = 1;
			pats[np].weight = 2.0;
			pats[np].group = 102;
			np++;
		}
	}

	ctx = snip_ctx_new();
	FUZZ_CHECK(ctx != NULL);
	for (int round = 0; round < 2; round++) {
		snip_opts o;
		snip_span *sp = NULL;
		size_t nsp = 0;
		char *err = NULL;
		uint8_t c = round ? (uint8_t)(b0 >> 4) : b0;
		int rc;

		o.maxchars = chars[c & 7];
		o.maxfrags = 1 + ((c >> 3) & 1) * 2;
		if (round == 1 && (b1 & 8))
			o.maxchars = 0;
		rc = snip_make_ctx(ctx, fuzz_tok(), text, len, pats,
				   (b1 & 16) ? 0 : np, &o,
				   (b1 & 32) ? NULL : toy_stem, NULL, &sp, &nsp,
				   &err);
		FUZZ_CHECK(rc == 0 && err == NULL);
		check_spans(text, len, valid, sp, nsp, &o);
		check_flat(text, valid, sp, nsp);
		free(sp);
	}
	snip_ctx_free(ctx);

	for (size_t i = 0; i < ws.n; i++) {
		free(ws.w[i]);
		free(stems[i]);
	}
	for (size_t i = 0; i < nbg; i++)
		free(bg[i]);
	free(pre);
	return 0;
}
