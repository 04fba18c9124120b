/*
 * words: how the one tokenizer (lib/tok.c) cuts a text into words, for the
 * end-to-end tests that check a highlight against the words of its text.
 * Reads standard input (UTF-8); prints one line per word (no bigrams):
 * its first character and the character after it, as code point offsets
 * (the unit of the searcher's JSON "highlights"), then its term.
 * Exit: 0 ok, 1 read or tokenizer error.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tok.h"
#include "util.h"

typedef struct wctx {
	const char *text;
	size_t b, c; /* a byte offset and its character offset */
} wctx;

/* The character offset of byte b (b only grows: words come in order). */
static size_t
chars_to(wctx *w, size_t b)
{
	w->c += u8_count(w->text + w->b, b - w->b);
	w->b = b;
	return w->c;
}

static int
on_word(void *arg, const tok_token *t)
{
	wctx *w = arg;
	size_t s = chars_to(w, t->start);

	printf("%zu\t%zu\t%.*s\n", s, s + t->nchars, (int)t->len, t->term);
	return 0;
}

int
main(void)
{
	buf in = BUF_INIT;
	char chunk[65536], *err = NULL;
	size_t n;
	wctx w = {0};
	tok *t;
	int rc;

	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_add(&in, chunk, n);
	if (ferror(stdin) || in.err || !(t = tok_new(&err))) {
		fprintf(stderr, "words: %s\n", err ? err : "read error");
		return 1;
	}
	w.text = in.p ? in.p : "";
	rc = tok_run(t, w.text, in.n, 0, 0, on_word, &w, &err);
	if (rc != 0)
		fprintf(stderr, "words: %s\n", err ? err : "tokenizer error");
	tok_free(t);
	buf_free(&in);
	free(err);
	return rc != 0;
}
