/*
 * fuzz_tok: the tokenizer.  Input: one option byte, then text (any bytes).
 * Runs tok_run without and with TOK_BIGRAMS and checks every token against
 * the contract in tok.h: its span lies in the text, starts advance,
 * the term is non-empty valid UTF-8 of at most TOK_MAXTERM bytes with no
 * U+FFFD, NUL-terminated at len; bigrams come only with TOK_BIGRAMS.  Then
 * tok_unaccent on each term, tok_fold on the text, tok_guess_lang, and
 * tok_is_cjk on each valid character.
 */
#include <string.h>

#include "fuzz.h"

typedef struct st {
	const char *text;
	size_t len;
	int opts;
	size_t last_start;
	unsigned last_pos;
	unsigned first_pos;
	size_t ntok;
	int stop_at; /* stop after this many tokens (0: never) */
} st;

static int
on_token(void *ctx, const tok_token *t)
{
	st *s = ctx;
	char out[TOK_MAXTERM + 1];
	size_t k;

	FUZZ_CHECK(t->term != NULL);
	FUZZ_CHECK(t->len > 0 && t->len <= TOK_MAXTERM);
	FUZZ_CHECK(strlen(t->term) == t->len);
	FUZZ_CHECK(u8_valid(t->term, t->len, NULL));
	FUZZ_CHECK(strstr(t->term, "\xEF\xBF\xBD") == NULL);
	FUZZ_CHECK(t->start < t->end && t->end <= s->len);
	FUZZ_CHECK(t->nchars >= 1 && t->nchars <= t->end - t->start);
	FUZZ_CHECK(t->pos >= s->first_pos);
	if (t->flags & TOK_F_BIGRAM) {
		FUZZ_CHECK(s->opts & TOK_BIGRAMS);
		FUZZ_CHECK(t->flags & TOK_F_CJK);
	} else {
		/* words come in text order */
		FUZZ_CHECK(s->ntok == 0 || t->start >= s->last_start);
		s->last_start = t->start;
	}
	if (!(t->flags & TOK_F_CUT))
		FUZZ_CHECK(t->len <= TOK_MAXTERM);
	/* the span is whole characters of the original text */
	FUZZ_CHECK(u8_valid(s->text + t->start, t->end - t->start, NULL));
	memset(out, 0, sizeof out);
	k = tok_unaccent(fuzz_tok(), t->term, t->len, out, sizeof out);
	FUZZ_CHECK(k <= TOK_MAXTERM);
	if (k) {
		FUZZ_CHECK(u8_valid(out, k, NULL));
		FUZZ_CHECK(k <= t->len);
	}
	s->ntok++;
	if (s->stop_at && (int)s->ntok == s->stop_at)
		return 7;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text;
	size_t len;
	char *err = NULL;
	buf folded = BUF_INIT;
	const char *lang;
	uint8_t b;

	if (size < 1)
		return 0;
	b = data[0];
	text = (const char *)data + 1;
	len = size - 1;
	for (int opts = 0; opts <= TOK_BIGRAMS; opts++) {
		st s = {text, len, opts, 0, 0, 0, 0, 0};
		int rc;

		s.first_pos = (b & 1) ? 100 : 0;
		s.stop_at = (b & 2) ? (b >> 2) + 1 : 0;
		rc = tok_run(fuzz_tok(), text, len, opts, s.first_pos, on_token,
			     &s, &err);
		FUZZ_CHECK(rc == 0 || rc == 7);
		FUZZ_CHECK(err == NULL);
		if (rc == 7)
			FUZZ_CHECK(s.stop_at && (int)s.ntok == s.stop_at);
	}
	FUZZ_CHECK(tok_fold(fuzz_tok(), text, len, &folded) == 0);
	FUZZ_CHECK(!folded.err);
	if (folded.p)
		FUZZ_CHECK(u8_valid(folded.p, folded.n, NULL));
	buf_free(&folded);
	lang = tok_guess_lang(text, len);
	FUZZ_CHECK(lang != NULL && strlen(lang) >= 2 && strlen(lang) <= 3);
	for (size_t i = 0; i < len;) {
		size_t k = u8_seqlen((const unsigned char *)text + i, len - i);

		if (!k) {
			i++;
			continue;
		}
		(void)tok_is_cjk(text + i, k);
		i += k;
	}
	return 0;
}
