#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t
schema_hash(uint64_t h, const void *p, size_t n)
{
	return hash_fnv64(h, p, n);
}

void
schema_idterm(buf *out, const char *id)
{
	size_t n = strlen(id);

	buf_adds(out, SCHEMA_ID);
	if (n <= 200) {
		buf_add(out, id, n);
		return;
	}
	buf_add(out, id, u8_floor(id, n, 180));
	buf_printf(out, "#%016llx",
		   (unsigned long long)schema_hash(SCHEMA_HASH_SEED, id, n));
}

void
schema_keyterm(buf *out, const char *origin, const char *id)
{
	uint64_t o = schema_hash(SCHEMA_HASH_SEED, origin, strlen(origin) + 1);

	buf_printf(out, SCHEMA_KEY "%016llx%016llx", (unsigned long long)o,
		   (unsigned long long)schema_hash(o, id, strlen(id)));
}

void
schema_qualterm(buf *out, const char *label, const char *id)
{
	buf q = BUF_INIT;

	if (label) {
		buf_printf(&q, "%s:%s", label, id);
		if (q.err) {
			out->err = q.err;
			return;
		}
		id = q.p;
	}
	buf_adds(out, "X");
	schema_idterm(out, id); /* "XQ" + label:id, cut as ids are */
	buf_free(&q);
}

void
schema_fieldterm(buf *out, const char *prefix, const char *name,
		 const char *v, size_t n)
{
	buf_adds(out, prefix);
	buf_adds(out, name);
	buf_addc(out, ':');
	buf_add(out, v, n);
}

void
schema_srcterm(buf *out, const char *abspath)
{
	buf_printf(out, SCHEMA_READ_FROM "%016llx",
		   (unsigned long long)schema_hash(SCHEMA_HASH_SEED, abspath,
						   strlen(abspath)));
}

void
schema_hash_value(char out[SCHEMA_HASHLEN + 1], uint64_t content,
		  uint64_t id)
{
	snprintf(out, SCHEMA_HASHLEN + 1, "%016llx%016llx",
		 (unsigned long long)content, (unsigned long long)id);
}

int
schema_hex64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	for (int i = 0; i < 16; i++) {
		int c = (unsigned char)s[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return 0;
}

int
schema_parse_hash_value(const char *v, size_t n, uint64_t *content,
			uint64_t *id)
{
	if (n != SCHEMA_HASHLEN || schema_hex64(v, content) < 0 ||
	    schema_hex64(v + 16, id) < 0)
		return -1;
	return 0;
}

size_t
schema_trunc_len(const char *term, size_t len)
{
	size_t i = 0, nch = 0, cut = 0, k;

	while (i < len) {
		k = u8_seqlen((const unsigned char *)term + i, len - i);
		i += k ? k : 1;
		if (++nch == SCHEMA_TRUNC_CHARS)
			cut = i;
	}
	return nch > SCHEMA_TRUNC_CHARS ? cut : 0;
}

int
schema_spellable(const char *t, size_t n)
{
	if (n < 3 || n > 24)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c >= 'a' && c <= 'z')
			continue;
		if (c >= 0xC3 && c <= 0xD4 && i + 1 < n) {
			i++;
			continue;
		}
		return 0;
	}
	return 1;
}

/* Lucene's English stop-word list (what the published BM25 baselines
 * drop), sorted for bsearch. */
static const char *const stopwords[] = {
	"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if",
	"in", "into", "is", "it", "no", "not", "of", "on", "or", "such",
	"that", "the", "their", "then", "there", "these", "they", "this", "to",
	"was", "will", "with",
};

static int
cmp_stop(const void *key, const void *elem)
{
	const buf *k = key;
	const char *w = *(const char *const *)elem;
	size_t n = strlen(w);
	int c = memcmp(k->p, w, k->n < n ? k->n : n);

	return c ? c : k->n < n ? -1 : k->n > n;
}

int
schema_stopword(const char *w, size_t n)
{
	buf k = {(char *)w, n, 0, 0};

	return bsearch(&k, stopwords, sizeof stopwords / sizeof *stopwords,
		       sizeof *stopwords, cmp_stop) != NULL;
}

int
schema_feedback(const char *t, size_t n)
{
	size_t digits = 0;

	if (n < 2 || (t[0] >= 'A' && t[0] <= 'Z'))
		return 0;
	for (size_t i = 0; i < n; i++)
		digits += t[i] >= '0' && t[i] <= '9';
	return digits < n;
}

void
schema_stamp(char out[SCHEMA_STAMPLEN + 1])
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	char *end;
	struct tm tm;

	if (e && *e) {
		long long v = strtoll(e, &end, 10);

		if (!*end && v >= 0 && v < 32503680000LL) /* before 3000 */
			t = (time_t)v;
	}
	if (!gmtime_r(&t, &tm) ||
	    strftime(out, SCHEMA_STAMPLEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm) !=
		    SCHEMA_STAMPLEN)
		memcpy(out, "1970-01-01T00:00:00Z", SCHEMA_STAMPLEN + 1);
}

int
schema_expandable(const char *t, size_t n)
{
	size_t zl = strlen(SCHEMA_STEM);

	return n > zl && memcmp(t, SCHEMA_STEM, zl) == 0 &&
	       !(t[zl] >= 'A' && t[zl] <= 'Z') &&
	       schema_spellable(t + zl, n - zl);
}
