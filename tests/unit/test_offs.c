/*
 * Unit tests for the stored words (lib/offs.c) and the snippet maker's
 * way through them: what offs_replay gives is what the tokenizer gives,
 * for whole texts and for ranges cut where words start and end, in any
 * order (the table that starts in the middle, the rewind); a damaged or
 * foreign stream is refused or reported, never read past; and snippets
 * made with the stored words are the snippets made without them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "offs.h"
#include "snip.h"
#include "tok.h"
#include "util.h"

static tok *tk;

typedef struct word {
	char term[TOK_MAXTERM + 1];
	size_t len, start, end;
	unsigned pos, nchars;
	int flags;
} word;

typedef struct words {
	word v[4096];
	size_t n;
	offs_w *w;	  /* when set, every token is also stored */
	const char *text;
} words;

static int
on_word(void *ctx, const tok_token *t)
{
	words *ws = ctx;
	word *x;

	if (ws->w)
		offs_add(ws->w, ws->text, t);
	if (t->flags & TOK_F_BIGRAM)
		return 0;
	assert_true(ws->n < sizeof ws->v / sizeof *ws->v);
	x = &ws->v[ws->n++];
	memcpy(x->term, t->term, t->len + 1);
	x->len = t->len;
	x->start = t->start;
	x->end = t->end;
	x->pos = t->pos;
	x->nchars = t->nchars;
	x->flags = t->flags;
	return 0;
}

/* Stores text's words (tokenized as the indexer does, bigrams too, from
 * position first) into out, and the words into ws. */
static void
store(const char *text, unsigned first, buf *out, words *ws)
{
	offs_w w;

	memset(&w, 0, sizeof w);
	memset(ws, 0, sizeof *ws);
	ws->w = &w;
	ws->text = text;
	offs_begin(&w, out, strlen(text), first);
	assert_int_equal(tok_run(tk, text, strlen(text), TOK_BIGRAMS, first,
				 on_word, ws, NULL),
			 0);
	assert_int_equal(offs_end(&w), 0);
	offs_free(&w);
	ws->w = NULL;
}

/* Asserts that a and b hold the same words. */
static void
same(const words *a, const words *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const word *x = &a->v[i], *y = &b->v[i];

		assert_string_equal(x->term, y->term);
		assert_int_equal(x->len, y->len);
		assert_int_equal(x->start, y->start);
		assert_int_equal(x->end, y->end);
		assert_int_equal(x->pos, y->pos);
		assert_int_equal(x->nchars, y->nchars);
		assert_int_equal(x->flags, y->flags);
	}
}

static const char *const texts[] = {
	"The Export Controls on chips, said NIST; rules (2026) apply: "
	"3.48 GHz, U.S. and don't.",
	"Zürich's café: ΛΌΓΟΣ λόγος STRASSE Straße ﬁne ＦＵＬＬ width.",
	"中华人民共和国数据安全法和個人資料保護法，人工智能。AI监管2021年",
	"日本語のテキストとカタカナ、ひらがな。",
	"a supercalifragilisticexpialidocious-supercalifragilisticexpialidocious"
	"supercalifragilisticexpialidocious word",
	"  leading space\tand\ttabs\n\nnew lines   ",
	"bad \xff bytes\xc3 in \xe4\xb8 text",
	"",
};

/* Whole texts: the replay is the tokenizer, words for words. */
static void
test_whole(void **state)
{
	buf b = BUF_INIT;
	static words ws, rs;
	offs_r r;

	(void)state;
	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
		const char *t = texts[k];

		/* stored from position 107 (after a title), replayed from 0
		 * as the tokenizer gives them without bigrams */
		store(t, 107, &b, &rs);
		memset(&ws, 0, sizeof ws);
		assert_int_equal(tok_run(tk, t, strlen(t), 0, 0, on_word, &ws,
					 NULL),
				 0);
		memset(&rs, 0, sizeof rs);
		assert_int_equal(offs_open(&r, b.p, b.n, strlen(t)), 0);
		assert_int_equal(offs_replay(&r, t, 0, strlen(t), 0, on_word,
					     &rs),
				 0);
		same(&ws, &rs);
	}
	buf_free(&b);
}

/* A long text (many table entries): ranges from a word's start to a
 * later word's end, asked in a random order, give those words with spans
 * from the range's start and positions from pos0. */
static void
test_ranges(void **state)
{
	static const char *const vocab[] = {"alpha", "Beta", "数据安全", "gamma,",
					    "3.14", "NIST", "éclair", "(delta)",
					    "人工智能", "x"};
	buf text = BUF_INIT, b = BUF_INIT;
	static words ws, rs, want;
	offs_r r;

	(void)state;
	srand(7);
	for (int i = 0; i < 1500; i++) {
		buf_adds(&text, vocab[rand() % 10]);
		buf_adds(&text, rand() % 7 ? " " : ". ");
	}
	store(text.p, 0, &b, &ws);
	assert_true(ws.n > 3 * OFFS_EVERY);
	assert_int_equal(offs_open(&r, b.p, b.n, text.n), 0);
	for (int q = 0; q < 400; q++) {
		size_t i = (size_t)rand() % ws.n, j = i + (size_t)rand() % 40;

		if (j >= ws.n)
			j = ws.n - 1;
		memset(&rs, 0, sizeof rs);
		assert_int_equal(offs_replay(&r, text.p, ws.v[i].start,
					     ws.v[j].end, 5, on_word, &rs),
				 0);
		want.n = 0;
		for (size_t k = i; k <= j; k++) {
			want.v[want.n] = ws.v[k];
			want.v[want.n].start -= ws.v[i].start;
			want.v[want.n].end -= ws.v[i].start;
			want.v[want.n].pos = 5 + ws.v[k].pos - ws.v[i].pos;
			want.n++;
		}
		same(&want, &rs);
	}
	buf_free(&text);
	buf_free(&b);
}

static int
count(void *ctx, const tok_token *t)
{
	(void)t;
	++*(size_t *)ctx;
	return 0;
}

/* Another length, another version, every truncation and every
 * flipped byte: refused or reported as damaged, never read past (ASan). */
static void
test_damaged(void **state)
{
	const char *t = texts[0];
	buf b = BUF_INIT;
	static words ws;
	offs_r r;
	char *c;
	size_t n;

	(void)state;
	store(t, 0, &b, &ws);
	assert_int_equal(offs_open(&r, b.p, b.n, strlen(t) - 1), -1);
	assert_int_equal(offs_open(&r, NULL, 0, strlen(t)), -1);
	c = malloc(b.n);
	memcpy(c, b.p, b.n);
	c[0] = OFFS_VERSION + 1;
	assert_int_equal(offs_open(&r, c, b.n, strlen(t)), -1);
	for (size_t k = 0; k < b.n; k++) {
		char *d = malloc(k ? k : 1);

		memcpy(d, b.p, k);
		n = 0;
		if (offs_open(&r, d, k, strlen(t)) == 0)
			assert_true(offs_replay(&r, t, 0, strlen(t), 0, count,
						&n) <= 0);
		free(d);
	}
	for (size_t k = 1; k < b.n; k++) {
		for (int bit = 0; bit < 8; bit++) {
			memcpy(c, b.p, b.n);
			c[k] = (char)(c[k] ^ (1 << bit));
			n = 0;
			if (offs_open(&r, c, b.n, strlen(t)) == 0)
				assert_true(offs_replay(&r, t, 0, strlen(t), 0,
							count, &n) <= 0);
		}
	}
	free(c);
	buf_free(&b);
}

static int
stem3(void *ctx, const char *term, size_t len, buf *out)
{
	(void)ctx;
	if (len > 4 && term[len - 1] == 's')
		len--;
	buf_add(out, term, len);
	return 0;
}

/* Snippets with the stored words are the snippets without them: words,
 * stems, phrases, prefixes, CJK words and bigrams, short and whole. */
static void
test_snippets(void **state)
{
	static const char *const w1[] = {"rules"}, *const s1[] = {"rule"};
	static const char *const w2[] = {"export", "controls"};
	static const char *const w3[] = {"数据"};
	static const char *const w4[] = {"安全"};
	static const char *const w5[] = {"gam"};
	snip_pat pats[] = {
		{w1, s1, 1, 2.0, 0, 0, 0},   {w2, NULL, 2, 3.0, 0, 0, 1},
		{w3, NULL, 1, 1.5, 0, 0, 2}, {w4, NULL, 1, 1.0, 0, 1, 3},
		{w5, NULL, 1, 0.5, 1, 0, 4},
	};
	buf text = BUF_INIT, b = BUF_INIT;
	snip_ctx *c = snip_ctx_new();
	static words ws;

	(void)state;
	srand(11);
	for (int i = 0; i < 3000; i++) {
		static const char *const v[] = {
			"the", "Rules", "export", "controls.", "数据", "国家安全",
			"gamma", "of", "and", "filler", "text", "Export"};

		buf_adds(&text, v[rand() % 12]);
		buf_adds(&text, rand() % 9 ? " " : ". ");
	}
	store(text.p, 0, &b, &ws);
	for (size_t np = 1; np <= sizeof pats / sizeof *pats; np++) {
		for (size_t chars = 0; chars <= 400; chars += 100) {
			snip_opts o = {.maxchars = chars, .maxfrags = 3};
			snip_opts os = o;
			snip_span *x, *y;
			size_t nx, ny;

			os.toks = b.p;
			os.ntoks = b.n;
			assert_int_equal(snip_make_ctx(c, tk, text.p, text.n,
						       pats, np, &o, stem3,
						       NULL, &x, &nx, NULL),
					 0);
			assert_true(snip_ctx_tokenized(c) > 0);
			assert_int_equal(snip_make_ctx(c, tk, text.p, text.n,
						       pats, np, &os, stem3,
						       NULL, &y, &ny, NULL),
					 0);
			/* the tokenizer ran only for the bigrams (pats[3]) */
			if (np <= 3)
				assert_int_equal(snip_ctx_tokenized(c), 0);
			assert_int_equal(nx, ny);
			for (size_t q = 0; q < nx; q++) {
				assert_int_equal(x[q].start, y[q].start);
				assert_int_equal(x[q].end, y[q].end);
				assert_int_equal(x[q].kind, y[q].kind);
			}
			free(x);
			free(y);
		}
	}
	snip_ctx_free(c);
	buf_free(&text);
	buf_free(&b);
}

static int
setup(void **state)
{
	(void)state;
	tk = tok_new(NULL);
	return tk ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	tok_free(tk);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_snippets),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
