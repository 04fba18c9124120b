/*
 * fields: the table of metadata fields, its text format and the rule that
 * classifies a field from the collection (fields.h).
 */
#include "fields.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "status.h"

#define DISTINCT_CAP 4096 /* distinct values counted; more is "many" */
#define MAXKEYS (FIELDS_MAX * 2)

static const char *const builtin[] = {
	"title", "author", "source", "lang", "language", "id", "date",
	"dup",   "text",   "url",    "year", NULL};

int
fields_builtin(const char *name)
{
	for (size_t i = 0; builtin[i]; i++)
		if (!strcasecmp(name, builtin[i]))
			return 1;
	return 0;
}

void
fields_clear(fields *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].key);
		free(f->v[i].name);
	}
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}

char *
fields_name(const char *key, size_t len)
{
	buf b = BUF_INIT;
	int gap = 0;

	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)key[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_') {
			if (gap && b.n)
				buf_addc(&b, '_');
			gap = 0;
			buf_addc(&b, c);
		} else {
			gap = 1;
		}
	}
	if (!b.n)
		buf_adds(&b, "_");
	return buf_steal(&b);
}

const fld *
fields_by_key(const fields *f, const char *key, size_t len)
{
	for (size_t i = 0; i < f->n; i++)
		if (strlen(f->v[i].key) == len && !memcmp(f->v[i].key, key, len))
			return &f->v[i];
	return NULL;
}

const fld *
fields_by_name(const fields *f, const char *name, size_t len)
{
	for (size_t i = 0; i < f->n; i++)
		if (!(f->v[i].kinds & FLD_OFF) &&
		    strlen(f->v[i].name) == len &&
		    !strncasecmp(f->v[i].name, name, len))
			return &f->v[i];
	return NULL;
}

/* The entry for key, added (kinds 0) if absent; NULL without memory or
 * past FIELDS_MAX. */
static fld *
entry(fields *f, const char *key, size_t len)
{
	fld *e = (fld *)fields_by_key(f, key, len), *v;

	if (e)
		return e;
	if (f->n >= FIELDS_MAX ||
	    !(v = array_room(f->v, &f->cap, f->n, sizeof *v)))
		return NULL;
	f->v = v;
	e = &f->v[f->n];
	memset(e, 0, sizeof *e);
	e->key = str_ndup(key, len);
	e->name = fields_name(key, len);
	if (!e->key || !e->name) {
		free(e->key);
		free(e->name);
		return NULL;
	}
	f->n++;
	return e;
}

/* ---- the text format ---- */

/* The next word of line s[*i..n): quoted ("a b", \" and \\ escaped) or up
 * to white space, into w.  0, or -1 at the end of the line. */
static int
word(const char *s, size_t n, size_t *i, buf *w)
{
	size_t k = *i;

	buf_reset(w);
	while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
		k++;
	if (k >= n || s[k] == '#')
		return -1;
	if (s[k] == '"') {
		for (k++; k < n && s[k] != '"'; k++) {
			if (s[k] == '\\' && k + 1 < n)
				k++;
			buf_addc(w, s[k]);
		}
		k += k < n;
	} else {
		for (; k < n && s[k] != ' ' && s[k] != '\t' && s[k] != '\r';
		     k++)
			buf_addc(w, s[k]);
	}
	if (!w->p)
		buf_adds(w, "");
	*i = k;
	return 0;
}

/* Reads one word of a line into e.  0, or -1 if it is not one. */
static int
option(fld *e, const char *w)
{
	if (!strcmp(w, "filter")) {
		e->kinds |= FLD_FILTER;
	} else if (!strcmp(w, "facet")) {
		e->kinds |= FLD_FILTER | FLD_FACET;
	} else if (!strcmp(w, "text")) {
		e->kinds |= FLD_TEXT;
		e->weight = 1;
	} else if (!strncmp(w, "text=", 5)) {
		if (w[5] < '0' || w[5] > '5' || w[6])
			return -1;
		e->kinds |= FLD_TEXT;
		e->weight = (unsigned)(w[5] - '0');
	} else if (!strcmp(w, "list")) {
		e->kinds |= FLD_LIST;
	} else if (!strncmp(w, "list=", 5)) {
		if (!w[5] || strlen(w + 5) >= sizeof e->sep)
			return -1;
		e->kinds |= FLD_LIST;
		strcpy(e->sep, w + 5);
	} else if (!strcmp(w, "off")) {
		e->kinds = FLD_OFF;
	} else {
		return -1;
	}
	return 0;
}

int
fields_parse(fields *f, const char *s, size_t n, int configured, char **err)
{
	buf w = BUF_INIT;
	size_t line = 0;
	int rc = ST_OK;

	while (n && rc == ST_OK) {
		size_t len = strcspn(s, "\n"), i = 0;
		fld *e, tmp;

		len = len > n ? n : len;
		line++;
		if (word(s, len, &i, &w) == 0) {
			memset(&tmp, 0, sizeof tmp);
			tmp.configured = configured;
			if (w.err) {
				rc = seterr(err, ST_ENOMEM, "out of memory");
				break;
			}
			if (!w.n || fields_builtin(w.p)) {
				rc = seterr(err, ST_ERR, "line %zu: '%s' is %s",
					    line, w.p, w.n ? "a built-in field"
							   : "no key");
				break;
			}
			if (!(e = entry(f, w.p, w.n))) {
				rc = seterr(err, ST_ERR, "line %zu: more than "
					    "%d fields, or out of memory",
					    line, FIELDS_MAX);
				break;
			}
			while (word(s, len, &i, &w) == 0)
				if (option(&tmp, w.p) < 0) {
					rc = seterr(err, ST_ERR, "line %zu: "
						    "'%s' is not filter, facet, "
						    "text[=0..5], list[=SEP] "
						    "or off", line, w.p);
					break;
				}
			if (rc == ST_OK) {
				e->kinds = tmp.kinds;
				e->weight = tmp.weight;
				e->configured = configured;
				memcpy(e->sep, tmp.sep, sizeof e->sep);
			}
		}
		s += len + (len < n);
		n -= len + (len < n);
	}
	buf_free(&w);
	return rc;
}

static void
put_key(buf *out, const char *k)
{
	if (!*k || strpbrk(k, " \t\r\"#\\")) {
		buf_addc(out, '"');
		for (; *k; k++) {
			if (*k == '"' || *k == '\\')
				buf_addc(out, '\\');
			buf_addc(out, *k);
		}
		buf_addc(out, '"');
	} else {
		buf_adds(out, k);
	}
}

void
fields_print(const fields *f, buf *out)
{
	for (size_t i = 0; i < f->n; i++) {
		const fld *e = &f->v[i];

		put_key(out, e->key);
		if (e->kinds & FLD_OFF)
			buf_adds(out, " off");
		if (e->kinds & FLD_FACET)
			buf_adds(out, " facet");
		else if (e->kinds & FLD_FILTER)
			buf_adds(out, " filter");
		if (e->kinds & FLD_TEXT)
			buf_printf(out, " text=%u", e->weight);
		if ((e->kinds & FLD_LIST) && e->sep[0])
			buf_printf(out, " list=%s", e->sep);
		else if (e->kinds & FLD_LIST)
			buf_adds(out, " list");
		buf_addc(out, '\n');
	}
}

uint64_t
fields_hash(const fields *f)
{
	buf b = BUF_INIT;
	uint64_t h;

	if (!f->n)
		return 0;
	fields_print(f, &b);
	h = hash_fnv64(HASH_FNV64_INIT, b.p ? b.p : "", b.n) | 1;
	buf_free(&b);
	return h;
}

/* ---- items ---- */

/* Calls fn for s[0..n) trimmed, if not empty. */
static void
item(const char *s, size_t n, void (*fn)(void *, const char *, size_t),
     void *ctx)
{
	str_trim(&s, &n);
	if (n)
		fn(ctx, s, n);
}

/* Splits s[0..n) at sep (none: whole). */
static void
split(const char *s, size_t n, const char *sep,
      void (*fn)(void *, const char *, size_t), void *ctx)
{
	size_t k = sep ? strlen(sep) : 0, a = 0;

	if (!k) {
		item(s, n, fn, ctx);
		return;
	}
	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(s + i, sep, k)) {
			item(s + a, i - a, fn, ctx);
			a = i + k;
			i = a - 1;
		}
	item(s + a, n - a, fn, ctx);
}

typedef struct split_ctx {
	const char *sep;
	void (*fn)(void *, const char *, size_t);
	void *ctx;
} split_ctx;

static void
on_piece(void *ctx, const char *s, size_t n)
{
	split_ctx *c = ctx;

	split(s, n, c->sep, c->fn, c->ctx);
}

void
fields_items(const fld *e, const char *v, size_t n,
	     void (*fn)(void *ctx, const char *item, size_t len), void *ctx)
{
	static const char us[2] = {FIELDS_ITEM_SEP, 0};
	split_ctx c = {(e->kinds & FLD_LIST) ? e->sep : NULL, fn, ctx};

	split(v, n, us, on_piece, &c);
}

/* ---- statistics ---- */

/* Items of one way of splitting a field's values. */
typedef struct istat {
	unsigned long items, chars;
	uint64_t *set; /* distinct hashes (open addressing, 0 = empty) */
	size_t nset, capset;
	int many;      /* more than DISTINCT_CAP distinct */
} istat;

typedef struct kstat {
	char *key;
	unsigned long values, arrays;
	unsigned long with[2]; /* values holding ";" and "|" */
	istat by[3];	       /* whole, split at ";", at "|" */
} kstat;

struct fields_stats {
	kstat *k;
	size_t n, cap;
};

static const char *const seps[2] = {";", "|"};

fields_stats *
fields_stats_new(void)
{
	return calloc(1, sizeof(fields_stats));
}

void
fields_stats_free(fields_stats *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->n; i++) {
		free(st->k[i].key);
		for (int j = 0; j < 3; j++)
			free(st->k[i].by[j].set);
	}
	free(st->k);
	free(st);
}

static void
set_add(istat *s, uint64_t h)
{
	size_t i;

	if (s->many)
		return;
	h |= 1;
	if (s->nset * 2 >= s->capset) {
		size_t cap = s->capset ? s->capset * 2 : 64;
		uint64_t *t;

		if (s->nset >= DISTINCT_CAP || !(t = calloc(cap, sizeof *t))) {
			s->many = 1;
			return;
		}
		for (size_t j = 0; j < s->capset; j++)
			if (s->set[j]) {
				for (i = s->set[j] & (cap - 1); t[i];
				     i = (i + 1) & (cap - 1))
					;
				t[i] = s->set[j];
			}
		free(s->set);
		s->set = t;
		s->capset = cap;
	}
	for (i = h & (s->capset - 1); s->set[i]; i = (i + 1) & (s->capset - 1))
		if (s->set[i] == h)
			return;
	s->set[i] = h;
	s->nset++;
}

static void
on_stat_item(void *ctx, const char *s, size_t n)
{
	istat *is = ctx;

	is->items++;
	is->chars += u8_count(s, n);
	set_add(is, hash_fnv64(HASH_FNV64_INIT, s, n));
}

static kstat *
kstat_of(fields_stats *st, const char *key, size_t klen)
{
	kstat *v;

	for (size_t i = 0; i < st->n; i++)
		if (strlen(st->k[i].key) == klen &&
		    !memcmp(st->k[i].key, key, klen))
			return &st->k[i];
	if (st->n >= MAXKEYS || !(v = array_room(st->k, &st->cap, st->n,
						 sizeof *v)))
		return NULL;
	st->k = v;
	memset(&v[st->n], 0, sizeof *v);
	if (!(v[st->n].key = str_ndup(key, klen)))
		return NULL;
	return &st->k[st->n++];
}

void
fields_stats_add(fields_stats *st, const char *key, size_t klen,
		 const char *s, size_t n, int is_item)
{
	kstat *k;
	const char *t = s;
	size_t tn = n;

	str_trim(&t, &tn);
	if (!st || !tn || !(k = kstat_of(st, key, klen)))
		return;
	k->values++;
	k->arrays += is_item != 0;
	on_stat_item(&k->by[0], t, tn);
	for (int j = 0; j < 2; j++) {
		if (is_item)
			continue;
		if (memchr(t, seps[j][0], tn))
			k->with[j]++;
		split(t, tn, seps[j], on_stat_item, &k->by[j + 1]);
	}
}

static double
mean_len(const istat *s)
{
	return s->items ? (double)s->chars / (double)s->items : 0;
}

/* The rule (fields.h) for one key. */
static void
classify(fld *e, const kstat *k)
{
	const istat *is = &k->by[0];

	if (k->arrays) {
		e->kinds |= FLD_LIST;
	} else {
		for (int j = 0; j < 2; j++)
			if (k->with[j] * 10 >= k->values &&
			    mean_len(&k->by[j + 1]) <= FIELDS_SHORT_CHARS) {
				e->kinds |= FLD_LIST;
				strcpy(e->sep, seps[j]);
				is = &k->by[j + 1];
				break;
			}
	}
	if (mean_len(is) <= FIELDS_SHORT_CHARS) {
		e->kinds |= FLD_FILTER;
		if (!is->many &&
		    is->items >= (unsigned long)FIELDS_FACET_REPEAT * is->nset)
			e->kinds |= FLD_FACET;
	} else {
		e->kinds |= FLD_TEXT;
		e->weight = 0;
	}
}

int
fields_classify(fields *f, const fields_stats *st)
{
	for (size_t i = 0; st && i < st->n; i++) {
		const kstat *k = &st->k[i];
		char *name;
		fld *e;
		int skip;

		if (fields_by_key(f, k->key, strlen(k->key)))
			continue;
		if (!(name = fields_name(k->key, strlen(k->key))))
			return ST_ENOMEM;
		skip = fields_builtin(name);
		free(name);
		if (skip)
			continue;
		if (!(e = entry(f, k->key, strlen(k->key))))
			return f->n >= FIELDS_MAX ? ST_OK : ST_ENOMEM;
		classify(e, k);
	}
	return ST_OK;
}
