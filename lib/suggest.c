/*
 * suggest: completions from title phrases (see suggest.h).
 */
#include "suggest.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"

#define MAX_WORDS 64 /* words of a title or a typed text looked at */
#define MAX_TERM 240 /* bytes of a suggestion term (Xapian's limit: 245) */

/* The words of a text, as the tokenizer normalizes them. */
typedef struct words {
	buf text;	       /* the terms, each NUL-terminated */
	size_t off[MAX_WORDS]; /* where each starts in text */
	size_t len[MAX_WORDS];
	int cjk[MAX_WORDS];
	size_t n;
	size_t end; /* byte offset after the last word in the original */
} words;

static int
on_word(void *ctx, const tok_token *tk)
{
	words *w = ctx;

	if (w->n == MAX_WORDS)
		return 1; /* enough */
	w->off[w->n] = w->text.n;
	w->len[w->n] = tk->len;
	w->cjk[w->n] = (tk->flags & TOK_F_CJK) != 0;
	buf_add(&w->text, tk->term, tk->len);
	buf_addc(&w->text, 0);
	w->end = tk->end;
	w->n++;
	return 0;
}

/* The words of s[0..n) into w (w->text reset first). */
static int
read_words(tok *t, const char *s, size_t n, words *w)
{
	int rc;

	buf_reset(&w->text);
	w->n = 0;
	w->end = 0;
	rc = tok_run(t, s, n, 0, 0, on_word, w, NULL);
	if (rc < 0)
		return rc;
	return w->text.err ? ST_ENOMEM : ST_OK;
}

/* Appends words i..j-1 joined: one space between them, none between two
 * CJK words. */
static void
join(buf *o, const words *w, size_t i, size_t j)
{
	for (size_t k = i; k < j; k++) {
		if (k > i && !(w->cjk[k - 1] && w->cjk[k]))
			buf_addc(o, ' ');
		buf_add(o, w->text.p + w->off[k], w->len[k]);
	}
}

static int
stop(const words *w, size_t k)
{
	return schema_stopword(w->text.p + w->off[k], w->len[k]);
}

/* Adds SCHEMA_SUGGEST + words i..j-1 to d, if it fits. */
static void
add(xdb_doc *d, buf *o, const words *w, size_t i, size_t j)
{
	buf_reset(o);
	buf_adds(o, SCHEMA_SUGGEST);
	join(o, w, i, j);
	if (!o->err && o->n <= MAX_TERM)
		xdb_doc_term(d, o->p, o->n, 0);
}

int
suggest_index(tok *t, const char *title, size_t n, xdb_doc *d, buf *scratch)
{
	words w = {BUF_INIT, {0}, {0}, {0}, 0, 0};
	int rc = read_words(t, title, n, &w);

	if (rc == ST_OK) {
		size_t all = w.n < SUGGEST_TITLE_WORDS ? w.n
						       : SUGGEST_TITLE_WORDS;

		for (size_t i = 0; i < w.n; i++) {
			if (stop(&w, i))
				continue;
			for (size_t j = i + 1;
			     j <= w.n && j - i <= SUGGEST_NGRAM; j++)
				if (!stop(&w, j - 1) && !(i == 0 && j == all))
					add(d, scratch, &w, i, j);
		}
		/* the whole title: as many words as fit */
		while (all > 0) {
			buf_reset(scratch);
			buf_adds(scratch, SCHEMA_SUGGEST);
			join(scratch, &w, 0, all);
			if (scratch->n <= MAX_TERM)
				break;
			all--;
		}
		if (all > 0)
			add(d, scratch, &w, 0, all);
	}
	buf_free(&w.text);
	return rc;
}

/* The best completions seen so far, most frequent first. */
typedef struct best {
	char *s[SUGGEST_MAX];
	size_t len[SUGGEST_MAX];
	unsigned freq[SUGGEST_MAX];
	size_t n, max, plen, scanned;
	int err;
} best;

/* 1 if (f, s, n) ranks before entry k: more frequent, shorter, smaller. */
static int
before(const best *b, size_t k, unsigned f, const char *s, size_t n)
{
	int c;

	if (f != b->freq[k])
		return f > b->freq[k];
	if (n != b->len[k])
		return n < b->len[k];
	c = memcmp(s, b->s[k], n);
	return c < 0;
}

static int
on_term(void *ctx, const char *term, size_t len, unsigned freq)
{
	best *b = ctx;
	const char *s = term + b->plen;
	size_t n = len - b->plen, k;
	char *copy;

	if (++b->scanned > SUGGEST_SCAN)
		return 1;
	if (b->n == b->max && !before(b, b->n - 1, freq, s, n))
		return 0;
	copy = str_ndup(s, n);
	if (!copy) {
		b->err = 1;
		return 1;
	}
	if (b->n == b->max)
		free(b->s[--b->n]);
	for (k = b->n; k > 0 && before(b, k - 1, freq, s, n); k--) {
		b->s[k] = b->s[k - 1];
		b->len[k] = b->len[k - 1];
		b->freq[k] = b->freq[k - 1];
	}
	b->s[k] = copy;
	b->len[k] = n;
	b->freq[k] = freq;
	b->n++;
	return 0;
}

int
suggest_complete(xdb *db, tok *t, const char *q, size_t n, size_t max,
		 char ***out, size_t *nout, char **err)
{
	words w = {BUF_INIT, {0}, {0}, {0}, 0, 0};
	buf prefix = BUF_INIT;
	best b = {{0}, {0}, {0}, 0, 0, 0, 0, 0};
	int rc;

	*out = NULL;
	*nout = 0;
	b.max = max < SUGGEST_MAX ? max : SUGGEST_MAX;
	rc = read_words(t, q, n, &w);
	if (rc != ST_OK)
		goto done;
	buf_adds(&prefix, SCHEMA_SUGGEST);
	join(&prefix, &w, 0, w.n);
	/* a space after the last word: complete the next word */
	if (w.n && w.end < n && n - w.end <= 8 && q[n - 1] == ' ')
		buf_addc(&prefix, ' ');
	if (prefix.err) {
		rc = seterr(err, ST_ENOMEM, "out of memory");
		goto done;
	}
	if (!b.max || prefix.n < strlen(SCHEMA_SUGGEST) + SUGGEST_MIN_BYTES)
		goto done;
	b.plen = strlen(SCHEMA_SUGGEST);
	rc = xdb_allterms(db, prefix.p, prefix.n, on_term, &b, err);
	if (rc == ST_OK && b.err)
		rc = seterr(err, ST_ENOMEM, "out of memory");
	if (rc == ST_OK && b.n) {
		*out = malloc(b.n * sizeof **out);
		if (!*out) {
			rc = seterr(err, ST_ENOMEM, "out of memory");
		} else {
			memcpy(*out, b.s, b.n * sizeof **out);
			*nout = b.n;
			b.n = 0;
		}
	}
done:
	for (size_t i = 0; i < b.n; i++)
		free(b.s[i]);
	buf_free(&prefix);
	buf_free(&w.text);
	return rc;
}
