/*
 * fcount: metadata facet counts from whole slot values (fcount.h).
 */
#include "fcount.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "util.h"

typedef struct entry {
	char *key; /* "name US item" */
	size_t len;
	unsigned count;
} entry;

struct fcount {
	entry *t; /* open addressing, key NULL = empty */
	size_t n, cap;
};

fcount *
fcount_new(void)
{
	return calloc(1, sizeof(fcount));
}

void
fcount_free(fcount *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->cap; i++)
		free(c->t[i].key);
	free(c->t);
	free(c);
}

static size_t
slot_of(const entry *t, size_t cap, const char *k, size_t n)
{
	size_t i = (size_t)hash_fnv64(HASH_FNV64_INIT, k, n) & (cap - 1);

	while (t[i].key && (t[i].len != n || memcmp(t[i].key, k, n)))
		i = (i + 1) & (cap - 1);
	return i;
}

static int
grow(fcount *c)
{
	size_t cap = c->cap ? c->cap * 2 : 256;
	entry *t = calloc(cap, sizeof *t);

	if (!t)
		return -1;
	for (size_t i = 0; i < c->cap; i++)
		if (c->t[i].key)
			t[slot_of(t, cap, c->t[i].key, c->t[i].len)] = c->t[i];
	free(c->t);
	c->t = t;
	c->cap = cap;
	return 0;
}

/* Adds count to the entry k[0..n). */
static int
bump(fcount *c, const char *k, size_t n, unsigned count)
{
	size_t i;

	if ((c->n + 1) * 2 > c->cap && grow(c) < 0)
		return -1;
	i = slot_of(c->t, c->cap, k, n);
	if (!c->t[i].key) {
		if (!(c->t[i].key = str_ndup(k, n)))
			return -1;
		c->t[i].len = n;
		c->n++;
	}
	c->t[i].count += count;
	return 0;
}

int
fcount_add(fcount *c, const char *v, size_t n, unsigned count,
	   const char *only)
{
	size_t i = 0, k = only ? strlen(only) : 0;

	while (i < n) {
		const char *e = v + i, *end = memchr(e, SCHEMA_FIELDS_RS, n - i);
		size_t len = end ? (size_t)(end - e) : n - i;

		if ((!only || (len > k && e[k] == SCHEMA_FIELDS_US &&
			       !memcmp(e, only, k))) &&
		    memchr(e, SCHEMA_FIELDS_US, len) &&
		    bump(c, e, len, count) < 0)
			return -1;
		i += len + 1;
	}
	return 0;
}

static int
val_cmp(const void *a, const void *b)
{
	const fcount_val *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->value, y->value);
}

int
fcount_get(const fcount *c, const char *name, fcount_val **out, size_t *n)
{
	size_t k = strlen(name), m = 0;
	fcount_val *v = NULL;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < c->cap; i++) {
		const entry *e = &c->t[i];

		if (!e->key || e->len <= k || e->key[k] != SCHEMA_FIELDS_US ||
		    memcmp(e->key, name, k))
			continue;
		if (!v && !(v = calloc(c->n, sizeof *v)))
			return -1;
		if (!(v[m].value = str_ndup(e->key + k + 1, e->len - k - 1))) {
			while (m)
				free(v[--m].value);
			free(v);
			return -1;
		}
		v[m++].count = e->count;
	}
	if (m)
		qsort(v, m, sizeof *v, val_cmp);
	*out = v;
	*n = m;
	return 0;
}
