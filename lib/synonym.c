#include "synonym.h"

#include <stdlib.h>
#include <string.h>

#define META_KEYS "synonym-keys" /* newline-separated keys last loaded */
#define MAX_MEMBERS 32

static int
add_term(void *ctx, const tok_token *t)
{
	buf *b = ctx;

	if (t->flags & TOK_F_BIGRAM)
		return 0;
	if (b->n)
		buf_addc(b, ' ');
	buf_add(b, t->term, t->len);
	return 0;
}

/* Clears the keys stored by the previous load. */
static int
clear_old(xdb *db, char **err)
{
	char *keys = NULL, *p, *nl;
	size_t len = 0;
	int rc = xdb_get_meta(db, META_KEYS, &keys, &len, err);

	for (p = keys; rc == ST_OK && p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		rc = xdb_clear_synonyms(db, p, err);
	}
	free(keys);
	return rc;
}

int
synonym_load(xdb *db, tok *t, const char *text, size_t len, int replace,
	     unsigned *groups, char **err)
{
	buf keys = BUF_INIT, line = BUF_INIT;
	size_t at = 0;
	unsigned ng = 0;
	int rc = 0;

	if (replace && (rc = clear_old(db, err)) != ST_OK)
		return rc;
	if (!replace) {
		char *old = NULL;
		size_t olen = 0;

		if (xdb_get_meta(db, META_KEYS, &old, &olen, NULL) == ST_OK)
			buf_add(&keys, old, olen);
		free(old);
	}
	while (at < len && rc == 0) {
		const char *s = text + at, *e = memchr(s, '\n', len - at);
		size_t n = e ? (size_t)(e - s) : len - at;
		buf m[MAX_MEMBERS];
		size_t nm = 0, i, j;
		const char *p = s, *end = s + n;

		at += n + 1;
		if (memchr(s, '#', n))
			end = memchr(s, '#', n);
		while (p < end && nm < MAX_MEMBERS) {
			const char *eq = memchr(p, '=', (size_t)(end - p));
			const char *q = eq ? eq : end;

			m[nm] = (buf)BUF_INIT;
			tok_run(t, p, (size_t)(q - p), 0, 0, add_term, &m[nm],
				NULL);
			if (m[nm].n)
				nm++;
			else
				buf_free(&m[nm]);
			p = eq ? eq + 1 : end;
		}
		for (i = 0; i < nm && rc == 0; i++) {
			for (j = 0; j < nm && rc == 0; j++)
				if (i != j && strcmp(m[i].p, m[j].p) != 0)
					rc = xdb_add_synonym(db, m[i].p, m[j].p,
							     err);
			buf_adds(&keys, m[i].p);
			buf_addc(&keys, '\n');
		}
		if (nm > 1)
			ng++;
		for (i = 0; i < nm; i++)
			buf_free(&m[i]);
	}
	if (rc == 0)
		rc = keys.err ? seterr(err, ST_ENOMEM, "out of memory") :
				xdb_set_meta(db, META_KEYS, keys.p ? keys.p : "",
					     keys.n, err);
	buf_free(&keys);
	buf_free(&line);
	if (groups)
		*groups = ng;
	return rc;
}
