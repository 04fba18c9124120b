/*
 * write: incremental runs.  Workers put finished jobs in a ring indexed by
 * sequence number; one writer thread takes them in order, so document ids
 * and messages follow the input whatever the number of threads.  An
 * unchanged document (same content hash as in the index, found in the
 * source's table loaded before the run) is not tokenized at all.  At the
 * end of a folder source the documents it no longer has are removed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dup.h"
#include "pool.h"

/* ---- the table of a source's documents (incremental) ---- */

static int
known_cmp(const void *a, const void *b)
{
	const known *x = a, *y = b;

	return x->idh < y->idh ? -1 : x->idh > y->idh;
}

const known *
known_find(const source *s, uint64_t idh)
{
	size_t lo = 0, hi = s->nkn;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->kn[mid].idh < idh)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->nkn && s->kn[lo].idh == idh ? &s->kn[lo] : NULL;
}

typedef struct load_ctx {
	source *s;
	size_t cap;
	unsigned shard;
	int oom;
} load_ctx;

static int
on_known(void *ctx, unsigned docid, const char *v, size_t vlen)
{
	load_ctx *c = ctx;
	source *s = c->s;
	uint64_t ch, idh;

	if (schema_parse_hash_value(v, vlen, &ch, &idh) != 0)
		return 0; /* older layout: treated as new */
	if (s->nkn == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		known *t = realloc(s->kn, cap * sizeof *t);

		if (!t) {
			c->oom = 1;
			return 1;
		}
		s->kn = t;
		c->cap = cap;
	}
	s->kn[s->nkn].idh = idh;
	s->kn[s->nkn].ch = ch;
	s->kn[s->nkn].docid = docid;
	s->kn[s->nkn].shard = (uint16_t)c->shard;
	s->nkn++;
	return 0;
}

/* Loads the table of every source from the shards.  0 or -1. */
static int
load_known(run *r, char **err)
{
	pool *p = r->pool;

	for (size_t i = 0; i < r->nsrcs; i++) {
		source *s = &r->srcs[i];
		load_ctx c = {s, 0, 0, 0};

		for (unsigned k = 0; k < r->nshards; k++) {
			c.shard = k;
			if (xdb_term_values(p->dbs[k], s->term, strlen(s->term),
					    SCHEMA_SLOT_HASH, on_known, &c,
					    err) != ST_OK)
				return -1;
			if (c.oom)
				return seterr(err, -1, "out of memory");
		}
		if (s->nkn)
			qsort(s->kn, s->nkn, sizeof *s->kn, known_cmp);
		s->seen = calloc(s->nkn ? s->nkn : 1, 1);
		if (!s->seen)
			return seterr(err, -1, "out of memory");
	}
	return 0;
}

static void
mark_seen(run *r, int src, uint64_t idh)
{
	source *s = &r->srcs[src];
	const known *k = known_find(s, idh);

	if (k)
		s->seen[k - s->kn] = 1;
}

/* ---- incremental: the writer ---- */

static int
commit_all(run *r)
{
	pool *p = r->pool;
	char *e = NULL;

	for (unsigned k = 0; k < r->nshards; k++)
		if (xdb_commit(p->dbs[k], &e) != ST_OK) {
			ix_note(r, "%s: commit failed: %s", r->st.shards[k],
				e ? e : "unknown error");
			free(e);
			pool_fail(r);
			return -1;
		}
	p->pending = 0;
	p->pending_bytes = 0;
	r->added += p->c_added;
	r->updated += p->c_updated;
	r->removed += p->c_removed;
	p->c_added = p->c_updated = p->c_removed = 0;
	store_touch(&r->st);
	return 0;
}

static int
write_doc(run *r, const job *j, xdb_doc *d)
{
	pool *p = r->pool;
	unsigned k = shard_of(r, j->idh);
	char *e = NULL;

	if (xdb_replace(p->dbs[k], j->idterm.p, j->idterm.n, d, &e) !=
	    ST_OK) {
		ix_note(r, "%s: write failed: %s", j->where,
			e ? e : "unknown error");
		free(e);
		pool_fail(r);
		return -1;
	}
	p->pending++;
	p->pending_bytes += j->textlen;
	if (p->pending >= r->batch || p->pending_bytes >= r->batch_bytes)
		return commit_all(r);
	return 0;
}

/* Removes the documents of a source (a folder, a JSON Lines file, a file)
 * that this run did not see. */
static void
remove_missing(run *r, size_t src)
{
	pool *p = r->pool;
	source *s = &r->srcs[src];
	unsigned long n = 0;

	/* a JSON Lines file is a collection as a folder is: its lines
	 * that are gone go too */
	if (r->keep_missing || pool_stopping(r))
		return;
	if (s->incomplete) {
		for (size_t i = 0; i < s->nkn; i++)
			n += !s->seen[i];
		if (n)
			ix_note(r, "%s: not removing %lu document%s whose %s "
				   "not seen: %s", s->arg, n, n == 1 ? "" : "s",
				s->is_dir ? "files were" : "lines were",
				s->is_dir ? "parts of the folder could not be "
					    "read"
					  : "the file could not be read whole");
		return;
	}
	for (size_t i = 0; i < s->nkn && !pool_stopping(r); i++) {
		const known *k = &s->kn[i];
		char *e = NULL;

		if (s->seen[i] || seen_has(p, k->idh))
			continue;
		if (xdb_delete_docid(p->dbs[k->shard], k->docid, &e) !=
		    ST_OK) {
			ix_note(r, "%s: removing a document failed: %s",
				s->arg, e ? e : "unknown error");
			free(e);
			pool_fail(r);
			return;
		}
		p->c_removed++;
		if (++p->pending >= r->batch)
			commit_all(r);
	}
}

static void
write_job(run *r, job *j)
{
	pool *p = r->pool;
	source *s = &r->srcs[j->src];
	char *e = NULL;
	unsigned long first = 0;

	if (j->msg)
		ix_note(r, "%s", j->msg);
	if (j->type == JOB_NOTE) {
		if (j->res == RES_SKIP)
			r->skipped++;
		return;
	}
	if (j->type == JOB_END) {
		remove_missing(r, (size_t)j->src);
		return;
	}
	switch (j->res) {
	case RES_SKIP:
		r->skipped++;
		break;
	case RES_KEEP:
		mark_seen(r, j->src, j->idh);
		r->skipped++;
		break;
	case RES_UNCHANGED: {
		const char *label, *origin = job_origin(r, j, &label);

		mark_seen(r, j->src, j->idh);
		ix_count(r, 0, j->textlen);
		if (!seen_add(p, j->idh, j->lineno, &first)) {
			r->unchanged++;
			break;
		}
		/* an earlier article with this id replaced it in this run:
		 * this one, the later, wins; the earlier is lost */
		job_note_dupe(r, j, j->a.id, first);
		r->skipped++;
		if (ixb_prepare(p->wb, &j->a, s->term, origin, label,
				&j->idterm, &j->hash, &e) != 0 ||
		    ixb_fill(p->wb, &j->a, p->wd, &e) != 0) {
			ix_note(r, "%s: skipped: %s", j->where,
				e ? e : "cannot index");
			free(e);
			r->skipped++;
			break;
		}
		if (write_doc(r, j, p->wd) == 0)
			p->c_updated++;
		break;
	}
	case RES_DOC: {
		const known *k = known_find(s, j->idh);
		int existed = k != NULL;

		mark_seen(r, j->src, j->idh);
		if (seen_add(p, j->idh, j->lineno, &first)) {
			job_note_dupe(r, j, j->id, first);
			r->skipped++;
			existed = 1;
		} else if (!existed) {
			unsigned tf = 0;

			if (xdb_termfreq(p->dbs[shard_of(r, j->idh)],
					 j->idterm.p, j->idterm.n, &tf,
					 &e) != ST_OK) {
				ix_note(r, "%s: reading the index failed: %s",
					j->where, e ? e : "unknown error");
				free(e);
				pool_fail(r);
				break;
			}
			existed = tf > 0;
		}
		if (write_doc(r, j, j->doc) == 0) {
			if (existed)
				p->c_updated++;
			else
				p->c_added++;
			ix_count(r, 0, j->textlen);
		}
		break;
	}
	default:
		break;
	}
	ix_count(r, 1, 0);
	ix_progress(r, 0);
}

void *
writer_main(void *arg)
{
	run *r = arg;
	pool *p = r->pool;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		job **slot = &p->ring[p->next_write % p->ringcap];
		job *j;

		while (!*slot && !(p->closed && p->next_write == p->seq))
			pthread_cond_wait(&p->done, &p->mu);
		if (!*slot)
			break;
		j = *slot;
		*slot = NULL;
		p->next_write++;
		pthread_mutex_unlock(&p->mu);
		/* after a signal nothing more is written, so what was
		 * written is a prefix of the input */
		if (!__atomic_load_n(&r->failed, __ATOMIC_RELAXED) &&
		    !ix_signal)
			write_job(r, j);
		pthread_mutex_lock(&p->mu);
		pool_finish_job_locked(p, j);
		pthread_mutex_unlock(&p->mu);
		job_free(j);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

void *
incr_worker_main(void *arg)
{
	worker *w = arg;
	run *r = w->r;
	pool *p = r->pool;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		job *j;

		while (!p->qhead && !p->closed)
			pthread_cond_wait(&p->work, &p->mu);
		if (!(j = p->qhead))
			break;
		p->qhead = j->next;
		if (!p->qhead)
			p->qtail = NULL;
		pthread_mutex_unlock(&p->mu);
		if (!pool_stopping(r)) {
			if (j->n > IX_BIGJOB)
				pthread_mutex_lock(&p->big);
			job_process(w, j, 0);
			if (j->n > IX_BIGJOB)
				pthread_mutex_unlock(&p->big);
		}
		pthread_mutex_lock(&p->mu);
		p->ring[j->seq % p->ringcap] = j;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* ---- start, feed, finish ---- */

int
write_start(run *r, char **err)
{
	pool *p = r->pool;

	/* built documents wait for the writer */
	p->max_bytes = 24u << 20;
	p->ringcap = 16ul * r->threads + 16;
	p->maxq = p->ringcap;
	p->ring = calloc(p->ringcap, sizeof *p->ring);
	p->dbs = calloc(r->nshards, sizeof *p->dbs);
	p->wb = ixb_new(err);
	p->wd = xdb_doc_new();
	if (!p->ring || !p->dbs || !p->wb || !p->wd)
		return seterr(err, -1, "out of memory");
	ixb_set_salt(p->wb, r->salt);
	ixb_set_fields(p->wb, &r->fields);
	ixb_set_dedup(p->wb, !r->nodedup);
	for (unsigned k = 0; k < r->nshards; k++) {
		char *e = NULL;
		int rc = xdb_open_write(r->st.shards[k], &p->dbs[k], &e);

		if (rc != ST_OK) {
			seterr(err, rc, "%s: cannot open for writing: %s",
			       r->st.shards[k], e ? e : "unknown error");
			free(e);
			return rc == ST_ELOCK ? ST_ELOCK : -1;
		}
		xdb_set_spelling(p->dbs[k], schema_spellable);
		if (ix_load_synonyms(r, p->dbs[k]) < 0)
			return seterr(err, -1, "cannot load synonyms");
		if (ix_store_fields(r, p->dbs[k]) < 0)
			return seterr(err, -1, "cannot store the fields");
	}
	return load_known(r, err);
}

void
write_feed_locked(pool *p, job *j)
{
	if (j->type == JOB_NOTE || j->type == JOB_END) {
		p->ring[j->seq % p->ringcap] = j;
		pthread_cond_broadcast(&p->done);
	} else {
		if (p->qtail)
			p->qtail->next = j;
		else
			p->qhead = j;
		p->qtail = j;
		pthread_cond_signal(&p->work);
	}
}

int
write_finish(run *r)
{
	pool *p = r->pool;
	int rc;

	if (!__atomic_load_n(&r->failed, __ATOMIC_RELAXED)) {
		char *e = NULL;

		/* the duplicate groups, after the last change (dup.h) */
		rc = dup_regroup(p->dbs, r->nshards, NULL, &e);
		if (rc != ST_OK) {
			ix_note(r, "%s: grouping copies failed: %s",
				r->st.dir, e ? e : "unknown error");
			pool_fail(r);
		}
		free(e);
		rc = rc == ST_OK ? commit_all(r) : -1;
	} else
		rc = -1;
	for (unsigned k = 0; p->dbs && k < r->nshards; k++) {
		if (rc == 0)
			xdb_close(p->dbs[k]);
		else
			xdb_close_discard(p->dbs[k]);
	}
	ixb_free(p->wb);
	xdb_doc_free(p->wd);
	free(p->dbs);
	free(p->ring);
	p->wb = NULL;
	p->wd = NULL;
	p->dbs = NULL;
	p->ring = NULL;
	return rc;
}
