/*
 * fuzz_snip.h: what the snippet targets (fuzz_snip, fuzz_prescan) share.
 * Input: two option bytes, then "query words\ntext".  fuzz_pats_make
 * makes the patterns from the query words the way the search makes them:
 * each word (with a toy stem), a phrase of the first words, a prefix, and
 * the CJK bigrams of a CJK word.  Bits of the second option byte: 1 stems,
 * 2 one group for all words, 4 a prefix pattern, 8, 16 and 32 are the
 * targets' own, 64 also takes words of the text as query words (so random
 * text has hits).
 */
#ifndef FUZZ_SNIP_H
#define FUZZ_SNIP_H

#include <string.h>

#include "fuzz.h"
#include "snip.h"

#define FUZZ_MAXW 8

typedef struct fuzz_in {
	const char *q; /* the query line */
	size_t qlen;
	const char *text; /* the text after it */
	size_t len;
	uint8_t b0, b1; /* the option bytes */
} fuzz_in;

typedef struct fuzz_pats {
	char *w[FUZZ_MAXW];
	int cjk[FUZZ_MAXW];
	size_t nw, skip; /* words; text words still to skip (bit 64) */
	char *stems[FUZZ_MAXW];
	char *pre;
	char *bg[TOK_MAXTERM];
	size_t nbg;
	snip_pat p[FUZZ_MAXW + 3];
	size_t np;
} fuzz_pats;

static inline int
fuzz_on_word(void *ctx, const tok_token *t)
{
	fuzz_pats *fp = ctx;

	if (fp->nw == FUZZ_MAXW)
		return 1;
	if (t->flags & TOK_F_BIGRAM)
		return 0;
	if (fp->skip) {
		fp->skip--;
		return 0;
	}
	fp->cjk[fp->nw] = (t->flags & TOK_F_CJK) != 0;
	fp->w[fp->nw++] = str_ndup(t->term, t->len);
	return 0;
}

/* A toy stemmer: strips a final "s", "ed" or "ing" from words of 4+
 * bytes; "no stem" for short words. */
static inline int
fuzz_toy_stem(void *ctx, const char *term, size_t len, buf *out)
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

/* Splits data[0..size) into *in: 0, or -1 when it is too short. */
static inline int
fuzz_split(const uint8_t *data, size_t size, fuzz_in *in)
{
	const char *nl;

	if (size < 2)
		return -1;
	in->b0 = data[0];
	in->b1 = data[1];
	in->q = (const char *)data + 2;
	nl = memchr(in->q, '\n', size - 2);
	in->qlen = nl ? (size_t)(nl - in->q) : 0;
	in->text = nl ? nl + 1 : in->q;
	in->len = size - 2 - (size_t)(in->text - in->q);
	return 0;
}

/* The CJK bigrams of the first CJK word, as one bigram pattern. */
static inline void
fuzz_bigrams(fuzz_pats *fp)
{
	for (size_t i = 0; i < fp->nw && !fp->nbg; i++) {
		const char *w = fp->w[i];
		size_t wl = strlen(w), a = 0;

		if (!fp->cjk[i])
			continue;
		while (a < wl && fp->nbg < TOK_MAXTERM) {
			size_t k1 = u8_seqlen((const unsigned char *)w + a,
					      wl - a);
			size_t k2;

			if (!k1 || a + k1 >= wl)
				break;
			k2 = u8_seqlen((const unsigned char *)w + a + k1,
				       wl - a - k1);
			if (!k2)
				break;
			fp->bg[fp->nbg++] = str_ndup(w + a, k1 + k2);
			a += k1;
		}
		if (fp->nbg) {
			fp->p[fp->np].terms = (const char *const *)fp->bg;
			fp->p[fp->np].n = fp->nbg;
			fp->p[fp->np].bigram = 1;
			fp->p[fp->np].weight = 2.0;
			fp->p[fp->np].group = 102;
			fp->np++;
		}
	}
}

/* Makes fp's patterns from the query (and the text, with bit 64 of
 * in->b1); free them with fuzz_pats_free. */
static inline void
fuzz_pats_make(fuzz_pats *fp, const fuzz_in *in)
{
	uint8_t b1 = in->b1;

	memset(fp, 0, sizeof *fp);
	tok_run(fuzz_tok(), in->q, in->qlen, 0, 0, fuzz_on_word, fp, NULL);
	if ((b1 & 64) && fp->nw < FUZZ_MAXW) {
		size_t want = fp->nw + 1 + (in->b0 & 1);

		fp->skip = in->b0 >> 5;
		tok_run(fuzz_tok(), in->text, in->len, 0, 0, fuzz_on_word, fp,
			NULL);
		while (fp->nw > want) /* at most two words of the text */
			free(fp->w[--fp->nw]);
	}
	for (size_t i = 0; i < fp->nw; i++) {
		buf s = BUF_INIT;
		snip_pat *p = &fp->p[fp->np++];

		if ((b1 & 1) &&
		    fuzz_toy_stem(NULL, fp->w[i], strlen(fp->w[i]), &s) == 0)
			fp->stems[i] = buf_steal(&s);
		buf_free(&s);
		p->terms = (const char *const *)&fp->w[i];
		p->stems = (const char *const *)&fp->stems[i];
		p->n = 1;
		p->weight = 1.0 + (double)(strlen(fp->w[i]) % 5);
		p->group = (b1 & 2) ? 0 : (int)i;
	}
	if (fp->nw >= 2) {
		snip_pat *p = &fp->p[fp->np++];

		p->terms = (const char *const *)fp->w;
		p->n = fp->nw < 3 ? fp->nw : 3;
		p->weight = 4.0;
		p->group = 100;
	}
	if (fp->nw >= 1 && (b1 & 4)) {
		size_t k = u8_floor(fp->w[0], strlen(fp->w[0]), 2);
		snip_pat *p = &fp->p[fp->np++];

		fp->pre = str_ndup(fp->w[0], k ? k : strlen(fp->w[0]));
		p->terms = (const char *const *)&fp->pre;
		p->n = 1;
		p->prefix = 1;
		p->weight = 0.5;
		p->group = 101;
	}
	fuzz_bigrams(fp);
}

static inline void
fuzz_pats_free(fuzz_pats *fp)
{
	for (size_t i = 0; i < fp->nw; i++) {
		free(fp->w[i]);
		free(fp->stems[i]);
	}
	for (size_t i = 0; i < fp->nbg; i++)
		free(fp->bg[i]);
	free(fp->pre);
}

#endif
