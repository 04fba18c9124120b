/*
 * pool: the work queue.  Starts the worker threads (and, for incremental
 * runs, the writer thread), takes the jobs of the walk in input order
 * (blocking while too much is in flight) and hands them to the bulk
 * builder (bulk.c) or the incremental writer (write.c); at the end waits
 * for them, stops the threads and has the result committed or merged.
 * See pool.h for how the modules share the work.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pool.h"

int
seen_add(pool *p, uint64_t h, unsigned long line, unsigned long *first)
{
	size_t i;

	if (p->nseen * 2 >= p->capseen) {
		size_t cap = p->capseen ? p->capseen * 2 : 4096;
		seen_id *t = calloc(cap, sizeof *t), *old = p->seen;

		if (!t)
			return 0;
		for (i = 0; i < p->capseen; i++) {
			size_t j;

			if (!old[i].h)
				continue;
			for (j = old[i].h % cap; t[j].h; j = (j + 1) % cap)
				;
			t[j] = old[i];
		}
		free(old);
		p->seen = t;
		p->capseen = cap;
	}
	h |= 1; /* 0 marks an empty slot */
	for (i = h % p->capseen; p->seen[i].h; i = (i + 1) % p->capseen)
		if (p->seen[i].h == h) {
			if (first)
				*first = p->seen[i].line;
			return 1;
		}
	p->seen[i].h = h;
	p->seen[i].line = line;
	p->nseen++;
	return 0;
}

int
seen_has(const pool *p, uint64_t h)
{
	if (!p->capseen)
		return 0;
	h |= 1;
	for (size_t i = h % p->capseen; p->seen[i].h;
	     i = (i + 1) % p->capseen)
		if (p->seen[i].h == h)
			return 1;
	return 0;
}

int
pool_stopping(run *r)
{
	return ix_signal || __atomic_load_n(&r->failed, __ATOMIC_RELAXED);
}

void
pool_fail(run *r)
{
	pool *p = r->pool;

	__atomic_store_n(&r->failed, 1, __ATOMIC_RELAXED);
	pthread_mutex_lock(&p->mu);
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->space);
	pthread_cond_broadcast(&p->done);
	pthread_mutex_unlock(&p->mu);
}

static void
jfile_unref_locked(jfile *jf)
{
	if (jf && --jf->refs == 0) {
		close(jf->fd);
		free(jf);
	}
}

void
jfile_unref(run *r, jfile *jf)
{
	pthread_mutex_lock(&r->pool->mu);
	jfile_unref_locked(jf);
	pthread_mutex_unlock(&r->pool->mu);
}

void
pool_finish_job_locked(pool *p, job *j)
{
	p->queued--;
	p->queued_bytes -= j->n;
	__atomic_add_fetch(&p->r->in_done, j->insize, __ATOMIC_RELAXED);
	jfile_unref_locked(j->jf);
	j->jf = NULL;
	pthread_cond_broadcast(&p->space);
}

unsigned
shard_of(const run *r, uint64_t idh)
{
	/* the high bits: the low ones also pick seen-table slots */
	return (unsigned)((idh >> 32) % r->nshards);
}

/* ---- feeding ---- */

void
pool_feed(run *r, job *j)
{
	pool *p = r->pool;

	pthread_mutex_lock(&p->mu);
	while (!pool_stopping(r) &&
	       (p->queued >= p->maxq ||
		(p->queued && p->queued_bytes + j->n > p->max_bytes)))
		pthread_cond_wait(&p->space, &p->mu);
	if (__atomic_load_n(&r->failed, __ATOMIC_RELAXED)) {
		pthread_mutex_unlock(&p->mu);
		job_free(j);
		return;
	}
	j->seq = p->seq++;
	p->queued++;
	p->queued_bytes += j->n;
	__atomic_add_fetch(&r->in_fed, j->insize, __ATOMIC_RELAXED);
	if (j->jf)
		j->jf->refs++;
	if (!r->bulk) {
		write_feed_locked(p, j);
		pthread_mutex_unlock(&p->mu);
		return;
	}
	/* bulk: notes have no place in a chunk, they are said now */
	if (j->type == JOB_NOTE || j->type == JOB_END) {
		if (j->type == JOB_NOTE && j->res == RES_SKIP)
			r->skipped++;
		pool_finish_job_locked(p, j);
		pthread_mutex_unlock(&p->mu);
		if (j->msg)
			ix_note(r, "%s", j->msg);
		job_free(j);
		return;
	}
	if (bulk_feed_locked(r, j) < 0) {
		pool_finish_job_locked(p, j);
		pthread_mutex_unlock(&p->mu);
		ix_note(r, "out of memory");
		pool_fail(r);
		job_free(j);
		return;
	}
	pthread_mutex_unlock(&p->mu);
}

/* ---- start and finish ---- */

/* Everything pool_start makes but the pool itself.  0, ST_ELOCK or -1
 * (err set); what it made so far is left in the pool. */
static int
start(run *r, char **err)
{
	pool *p = r->pool;
	int rc = r->bulk ? bulk_start(r, err) : write_start(r, err);

	if (rc != 0)
		return rc;
	p->workers = calloc(r->threads, sizeof *p->workers);
	p->tids = calloc(r->threads, sizeof *p->tids);
	if (!p->workers || !p->tids)
		return seterr(err, -1, "out of memory");
	for (unsigned i = 0; i < r->threads; i++) {
		worker *w = &p->workers[i];

		w->r = r;
		w->b = ixb_new(err);
		w->d = xdb_doc_new();
		if (!w->b || !w->d)
			return seterr(err, -1, "cannot start a worker");
		ixb_set_salt(w->b, r->salt);
		ixb_set_fields(w->b, &r->fields);
		ixb_set_dedup(w->b, !r->nodedup);
	}
	for (unsigned i = 0; i < r->threads; i++) {
		/* pthread_create returns its error, errno is not set */
		if ((rc = pthread_create(&p->tids[i], NULL,
					 r->bulk ? bulk_worker_main
						 : incr_worker_main,
					 &p->workers[i])) != 0)
			return seterr(err, -1, "cannot start %u threads: %s",
				      r->threads, strerror(rc));
		p->nworkers = i + 1; /* pool_finish joins these */
	}
	if (!r->bulk) {
		if ((rc = pthread_create(&p->wtid, NULL, writer_main, r)) != 0)
			return seterr(err, -1, "cannot start the writer: %s",
				      strerror(rc));
		p->has_writer = 1;
	}
	return 0;
}

int
pool_start(run *r, char **err)
{
	pool *p = calloc(1, sizeof *p);
	int rc;

	if (!p)
		return seterr(err, -1, "out of memory");
	r->pool = p;
	p->r = r;
	pthread_mutex_init(&p->mu, NULL);
	pthread_mutex_init(&p->big, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->space, NULL);
	pthread_cond_init(&p->done, NULL);
	if ((rc = start(r, err)) != 0) {
		/* the run failed before it began: stop the threads that
		 * started, write and publish nothing, free it all */
		__atomic_store_n(&r->failed, 1, __ATOMIC_RELAXED);
		pool_finish(r);
		return rc;
	}
	return 0;
}

/* The bulk run's end: merges and publishes what the workers wrote. */
static int
finish_bulk(run *r)
{
	pool *p = r->pool;
	double t = now_seconds();
	int rc = 0;

	if (r->verbose)
		ix_note(r, "built %u chunks in %.2f s; merging", p->nchunks,
			t - r->t0);
	if (__atomic_load_n(&r->failed, __ATOMIC_RELAXED) ||
	    merge_publish(r) != 0)
		rc = -1;
	if (rc != 0)
		r->added = 0; /* nothing was published */
	if (p->tmpdir)
		store_rmtree(p->tmpdir);
	if (r->verbose)
		ix_note(r, "merged and published in %.2f s", now_seconds() - t);
	return rc;
}

int
pool_finish(run *r)
{
	pool *p = r->pool;
	int rc;

	if (!p)
		return -1;
	pthread_mutex_lock(&p->mu);
	p->closed = 1;
	if (p->ctail)
		p->ctail->sealed = 1;
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->done);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 0; i < p->nworkers; i++)
		pthread_join(p->tids[i], NULL);
	if (p->has_writer) {
		pthread_mutex_lock(&p->mu);
		pthread_cond_broadcast(&p->done);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->wtid, NULL);
	}
	ix_progress(r, 1);
	rc = r->bulk ? finish_bulk(r) : write_finish(r);
	/* free everything */
	for (unsigned i = 0; p->workers && i < r->threads; i++) {
		ixb_free(p->workers[i].b);
		xdb_doc_free(p->workers[i].d);
		buf_free(&p->workers[i].data);
	}
	free(p->workers);
	bulk_free(r);
	free(p->tids);
	free(p->seen);
	pthread_mutex_destroy(&p->mu);
	pthread_mutex_destroy(&p->big);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->space);
	pthread_cond_destroy(&p->done);
	free(p);
	r->pool = NULL;
	return rc;
}
