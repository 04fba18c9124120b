#include "dup.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

/* A 64-bit mix (splitmix64's finalizer): shingle hashes with every bit
 * as likely set as not, which the hash functions need. */
static uint64_t
mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* The multipliers of the DUP_K hash functions h_i(x) = a_i x + b_i (odd
 * a_i, made once from mix); the top 32 bits of each are kept. */
static uint64_t mul[DUP_K], add[DUP_K];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
init_hashes(void)
{
	for (int i = 0; i < DUP_K; i++) {
		mul[i] = mix(0x9e3779b97f4a7c15ULL * (uint64_t)(2 * i + 1)) | 1;
		add[i] = mix(0xd1b54a32d192ed03ULL * (uint64_t)(2 * i + 2));
	}
}

void
dup_start(dup_sketch *s)
{
	pthread_once(&once, init_hashes);
	memset(s->last, 0, sizeof s->last);
	s->nwords = 0;
	for (int i = 0; i < DUP_K; i++)
		s->min[i] = UINT64_MAX;
}

void
dup_word(dup_sketch *s, const char *term, size_t len)
{
	uint64_t w = hash_fnv64(HASH_FNV64_INIT, term, len), h = w;

	for (size_t i = 0; i < DUP_SHINGLE - 1; i++)
		h = mix(h ^ s->last[i] * (2 * i + 3));
	for (size_t i = DUP_SHINGLE - 2; i > 0; i--)
		s->last[i] = s->last[i - 1];
	s->last[0] = w;
	if (++s->nwords < DUP_SHINGLE)
		return;
	for (int i = 0; i < DUP_K; i++) {
		uint64_t x = h * mul[i] + add[i];

		if (x < s->min[i])
			s->min[i] = x;
	}
}

static void
put_be(unsigned char *p, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)v;
}

static uint64_t
get_be(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

int
dup_finish(const dup_sketch *s, uint64_t idhash,
	   unsigned char out[DUP_VALUELEN])
{
	size_t nsh;

	if (s->nwords < DUP_MIN_SHINGLES + DUP_SHINGLE - 1)
		return -1;
	nsh = s->nwords - (DUP_SHINGLE - 1);
	put_be(out, idhash, 8);
	put_be(out + 8, nsh > UINT32_MAX ? UINT32_MAX : nsh, 4);
	for (int i = 0; i < DUP_K; i++)
		put_be(out + 12 + 4 * i, s->min[i] >> 32, 4);
	return 0;
}

int
dup_parse(const char *v, size_t n, dup_item *it)
{
	const unsigned char *p = (const unsigned char *)v;

	if (n != DUP_VALUELEN)
		return -1;
	it->idhash = get_be(p, 8);
	it->nshingles = (uint32_t)get_be(p + 8, 4);
	for (int i = 0; i < DUP_K; i++)
		it->sig[i] = (uint32_t)get_be(p + 12 + 4 * i, 4);
	return 0;
}

int
dup_similar(const dup_item *a, const dup_item *b)
{
	unsigned same = 0;
	double j, inter, small;

	for (int i = 0; i < DUP_K; i++)
		same += a->sig[i] == b->sig[i];
	j = (double)same / DUP_K;
	if (j < DUP_MIN_J)
		return 0;
	inter = j * ((double)a->nshingles + b->nshingles) / (1 + j);
	small = a->nshingles < b->nshingles ? a->nshingles : b->nshingles;
	return inter >= DUP_MIN_CONTAIN * small;
}

/* ---- grouping ---- */

static unsigned
find(unsigned *up, unsigned i)
{
	while (up[i] != i) {
		up[i] = up[up[i]];
		i = up[i];
	}
	return i;
}

static void
unite(unsigned *up, unsigned a, unsigned b)
{
	a = find(up, a);
	b = find(up, b);
	if (a != b)
		up[a > b ? a : b] = a < b ? a : b;
}

#define NBANDS (DUP_K / 2)

typedef struct bandkey {
	uint64_t key; /* the band's two minima */
	const dup_item *it;
	unsigned i;
} bandkey;

static int
cmp_bandkey(const void *a, const void *b)
{
	const bandkey *x = a, *y = b;
	int c;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	/* equal signatures next to each other (for floods, below) */
	c = memcmp(x->it->sig, y->it->sig, sizeof x->it->sig);
	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Past this many documents sharing a band, each is compared with its
 * DUP_RUN next ones in signature order only (equal signatures are
 * neighbours), so a flood of copies or of boilerplate stays linear. */
#define DUP_RUN 64

int
dup_groups(dup_item *items, size_t n)
{
	unsigned *up = malloc((n ? n : 1) * sizeof *up);
	bandkey *bk = malloc((n ? n : 1) * sizeof *bk);

	if (!up || !bk) {
		free(up);
		free(bk);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		up[i] = (unsigned)i;
	for (int k = 0; k < NBANDS; k++) {
		for (size_t i = 0; i < n; i++) {
			bk[i].key = (uint64_t)items[i].sig[2 * k] << 32 |
				    items[i].sig[2 * k + 1];
			bk[i].it = &items[i];
			bk[i].i = (unsigned)i;
		}
		qsort(bk, n, sizeof *bk, cmp_bandkey);
		for (size_t a = 0, e; a < n; a = e) {
			for (e = a + 1; e < n && bk[e].key == bk[a].key; e++)
				;
			for (size_t i = a; i < e; i++)
				for (size_t j = i + 1;
				     j < e && (e - a <= DUP_RUN ||
					       j <= i + DUP_RUN);
				     j++)
					if (find(up, bk[i].i) !=
						find(up, bk[j].i) &&
					    dup_similar(bk[i].it, bk[j].it))
						unite(up, bk[i].i, bk[j].i);
		}
	}
	/* the key of a group: its member with the smallest id hash */
	for (size_t i = 0; i < n; i++) {
		items[i].group = (unsigned)i;
		items[i].size = 0;
	}
	for (size_t i = 0; i < n; i++) {
		dup_item *r = &items[find(up, (unsigned)i)];

		r->size++;
		if (items[i].idhash < items[r->group].idhash ||
		    (items[i].idhash == items[r->group].idhash &&
		     i < r->group))
			r->group = (unsigned)i;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned r = find(up, (unsigned)i);

		items[i].group = items[r].group;
		items[i].size = items[r].size;
	}
	free(up);
	free(bk);
	return 0;
}

/* ---- the index ---- */

typedef struct entry {
	unsigned shard, docid;
	char key[17]; /* the key it has now, "" if none */
} entry;

typedef struct reader {
	dup_item *items;
	entry *ents;
	size_t n, capi, cape;
	unsigned shard;
	int nomem;
} reader;

static int
on_sig(void *ctx, unsigned docid, const char *v, size_t vlen)
{
	reader *r = ctx;
	dup_item it;

	if (dup_parse(v, vlen, &it) < 0)
		return 0; /* no signature: never grouped */
	{
		dup_item *t = array_room(r->items, &r->capi, r->n, sizeof *t);
		entry *en = t ? array_room(r->ents, &r->cape, r->n, sizeof *en)
			      : NULL;

		if (t)
			r->items = t;
		if (!en) {
			r->nomem = 1;
			return 1;
		}
		r->ents = en;
	}
	r->items[r->n] = it;
	r->ents[r->n].shard = r->shard;
	r->ents[r->n].docid = docid;
	r->ents[r->n].key[0] = 0;
	r->n++;
	return 0;
}

typedef struct keyreader {
	reader *r;
	size_t at;	 /* entries of this shard start here */
	size_t end;
	unsigned *stale; /* documents with a key and no fingerprint */
	size_t nstale, capstale;
	int nomem;
} keyreader;

static int
on_key(void *ctx, unsigned docid, const char *v, size_t vlen)
{
	keyreader *k = ctx;

	if (!vlen)
		return 0;
	/* entries of a shard are in docid order, as this stream is */
	while (k->at < k->end && k->r->ents[k->at].docid < docid)
		k->at++;
	if (k->at < k->end && k->r->ents[k->at].docid == docid) {
		snprintf(k->r->ents[k->at].key, 17, "%.*s",
			 (int)(vlen > 16 ? 16 : vlen), v);
		return 0;
	}
	{
		unsigned *t = array_room(k->stale, &k->capstale, k->nstale,
					 sizeof *t);

		if (!t) {
			k->nomem = 1;
			return 1;
		}
		k->stale = t;
	}
	k->stale[k->nstale++] = docid;
	return 0;
}

int
dup_regroup(xdb *const *dbs, unsigned n, unsigned long *changed, char **err)
{
	reader r = {0};
	unsigned long nch = 0;
	int rc = ST_OK;

	for (unsigned s = 0; s < n && rc == ST_OK; s++) {
		keyreader k = {&r, r.n, 0, NULL, 0, 0, 0};

		r.shard = s;
		rc = xdb_term_values(dbs[s], "", 0, SCHEMA_SLOT_DUPSIG, on_sig,
				     &r, err);
		if (rc == ST_OK && r.nomem)
			rc = seterr(err, ST_ENOMEM, "out of memory");
		k.end = r.n;
		if (rc == ST_OK)
			rc = xdb_term_values(dbs[s], "", 0, SCHEMA_SLOT_DUP,
					     on_key, &k, err);
		if (rc == ST_OK && k.nomem)
			rc = seterr(err, ST_ENOMEM, "out of memory");
		for (size_t i = 0; i < k.nstale && rc == ST_OK; i++, nch++)
			rc = xdb_set_value(dbs[s], k.stale[i], SCHEMA_SLOT_DUP,
					   "", 0, err);
		free(k.stale);
	}
	if (rc == ST_OK && dup_groups(r.items, r.n) < 0)
		rc = seterr(err, ST_ENOMEM, "out of memory");
	for (size_t i = 0; i < r.n && rc == ST_OK; i++) {
		char key[17] = "";

		if (r.items[i].size > 1)
			snprintf(key, sizeof key, "%016llx",
				 (unsigned long long)r.items[r.items[i].group]
				     .idhash);
		if (strcmp(key, r.ents[i].key) == 0)
			continue;
		rc = xdb_set_value(dbs[r.ents[i].shard], r.ents[i].docid,
				   SCHEMA_SLOT_DUP, key, strlen(key), err);
		nch++;
	}
	free(r.items);
	free(r.ents);
	if (changed)
		*changed = nch;
	return rc;
}
