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
 * The input and the patterns: see fuzz_snip.h.
 */
#include "fuzz_snip.h"

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
	fuzz_in in;
	fuzz_pats fp;
	snip_ctx *ctx;
	int valid;

	if (fuzz_split(data, size, &in) < 0)
		return 0;
	valid = u8_valid(in.text, in.len, NULL);
	fuzz_pats_make(&fp, &in);

	ctx = snip_ctx_new();
	FUZZ_CHECK(ctx != NULL);
	for (int round = 0; round < 2; round++) {
		snip_opts o = {.toks = NULL};
		snip_span *sp = NULL;
		size_t nsp = 0;
		char *err = NULL;
		uint8_t c = round ? (uint8_t)(in.b0 >> 4) : in.b0;
		int rc;

		o.maxchars = chars[c & 7];
		o.maxfrags = 1 + ((c >> 3) & 1) * 2;
		if (round == 1 && (in.b1 & 8))
			o.maxchars = 0;
		rc = snip_make_ctx(ctx, fuzz_tok(), in.text, in.len, fp.p,
				   (in.b1 & 16) ? 0 : fp.np, &o,
				   (in.b1 & 32) ? NULL : fuzz_toy_stem, NULL,
				   &sp, &nsp, &err);
		FUZZ_CHECK(rc == 0 && err == NULL);
		check_spans(in.text, in.len, valid, sp, nsp, &o);
		check_flat(in.text, valid, sp, nsp);
		free(sp);
	}
	snip_ctx_free(ctx);
	fuzz_pats_free(&fp);
	return 0;
}
