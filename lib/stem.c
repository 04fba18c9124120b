#include "stem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tok.h"
#include "xdb.h"

#define MAX_LANGS 16

typedef struct entry {
	unsigned char tlen, slen; /* tlen 0: empty */
	char term[TOK_MAXTERM];
	char stem[TOK_MAXTERM + 8];
} entry;

typedef struct lang {
	char code[12];
	xdb_stem *st; /* NULL: no stemmer for this language */
	entry *cache;
} lang;

struct stems {
	unsigned slots; /* cache entries per language, a power of two */
	lang langs[MAX_LANGS];
	size_t n;
	size_t last; /* index of the last language used */
};

stems *
stems_new(unsigned slots)
{
	stems *s = calloc(1, sizeof(stems));
	unsigned n = 16;

	if (!s)
		return NULL;
	if (!slots)
		slots = 1024;
	while (n < slots && n < (1u << 20))
		n *= 2;
	s->slots = n;
	return s;
}

void
stems_free(stems *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		xdb_stem_free(s->langs[i].st);
		free(s->langs[i].cache);
	}
	free(s);
}

static lang *
find(stems *s, const char *code)
{
	lang *l;

	if (s->n && strcmp(s->langs[s->last].code, code) == 0)
		return &s->langs[s->last];
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->langs[i].code, code) == 0)
			return &s->langs[s->last = i];
	if (s->n == MAX_LANGS || strlen(code) >= sizeof l->code)
		return NULL;
	l = &s->langs[s->n];
	memset(l, 0, sizeof *l);
	memcpy(l->code, code, strlen(code) + 1);
	if (xdb_stem_new(code, &l->st, NULL) == ST_OK) {
		l->cache = calloc(s->slots, sizeof *l->cache);
		if (!l->cache) {
			xdb_stem_free(l->st);
			l->st = NULL;
		}
	}
	s->last = s->n++;
	return l;
}

int
stems_has(stems *s, const char *code)
{
	lang *l = find(s, code);

	return l && l->st;
}

size_t
stems_get(stems *s, const char *code, const char *term, size_t len,
	  const char **out)
{
	lang *l = find(s, code);
	uint64_t h;
	entry *e;
	size_t n;

	if (!l || !l->st || len == 0 || len >= TOK_MAXTERM)
		return 0;
	h = hash_fnv64(HASH_FNV64_INIT, term, len);
	e = &l->cache[h & (s->slots - 1)];
	if (e->tlen == len && memcmp(e->term, term, len) == 0) {
		*out = e->stem;
		return e->slen;
	}
	n = xdb_stem_run(l->st, term, len, e->stem, sizeof e->stem);
	if (!n || n > 255) {
		e->tlen = 0;
		return 0;
	}
	memcpy(e->term, term, len);
	e->tlen = (unsigned char)len;
	e->slen = (unsigned char)n;
	*out = e->stem;
	return n;
}
