/*
 * bulk: bulk runs (a new index, or --rebuild).  The input is cut into
 * chunks (contiguous runs of jobs, growing with the input so that their
 * number stays small); a worker takes a whole chunk and writes it into
 * temporary databases of its own (one per shard), so both cores run
 * Xapian's writer, the part that costs most.  At the end merge.c merges the
 * chunks in input order (ids follow the input) and publishes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"

static unsigned long
clampul(unsigned long v, unsigned long lo, unsigned long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}


/* Seals the chunk being filled when it is big enough: 1/16 of what was
 * fed so far, so the number of chunks grows with the log of the input. */
static void
maybe_seal(pool *p, chunk *c)
{
	if (c->ndocs >= clampul(p->fed_docs / 16, 256, CHUNK_MAXDOCS) ||
	    c->nbytes >= clampul(p->fed_bytes / 16, 2u << 20, 256u << 20))
		c->sealed = 1;
}

static int
bulk_commit(run *r, chunk *c, xdb **dbs)
{
	char *e = NULL;

	for (unsigned k = 0; k < r->nshards; k++)
		if (dbs[k] && xdb_commit(dbs[k], &e) != ST_OK) {
			ix_note(r, "%s: commit failed: %s", c->dbs[k],
				e ? e : "unknown error");
			free(e);
			pool_fail(r);
			return -1;
		}
	return 0;
}

/* Writes job j (built into w->d) into the temporary database of its
 * shard in chunk c, creating it on first use; counts it, and remembers an
 * id written twice.  Returns 0, or -1 (reported, the run failed). */
static int
bulk_write(worker *w, chunk *c, xdb **dbs, job *j)
{
	run *r = w->r;
	pool *p = r->pool;
	unsigned k = shard_of(r, j->idh);
	char *e = NULL;
	unsigned long first = 0;
	int dup;

	if (!dbs[k]) {
		c->dbs[k] = str_printf("%s/c%u-%u", p->tmpdir, c->idx, k);
		if (!c->dbs[k] ||
		    xdb_open_write_opts(c->dbs[k],
					XDB_W_NEW | XDB_W_NOSYNC |
					    XDB_W_DANGEROUS,
					&dbs[k], &e) != ST_OK) {
			ix_note(r, "%s: cannot create: %s",
				c->dbs[k] ? c->dbs[k] : "",
				e ? e : "out of memory");
			free(e);
			pool_fail(r);
			return -1;
		}
		/* the spelling table is made once, at the end (merge.c) */
		xdb_set_spelling(dbs[k], NULL);
	}
	if (xdb_replace(dbs[k], j->idterm.p, j->idterm.n, w->d, &e) !=
	    ST_OK) {
		ix_note(r, "%s: write failed: %s", j->where,
			e ? e : "unknown error");
		free(e);
		pool_fail(r);
		return -1;
	}
	pthread_mutex_lock(&p->mu);
	dup = seen_add(p, j->idh, j->lineno, &first);
	if (dup) {
		dupe *d = malloc(sizeof *d + j->idterm.n);

		if (d) {
			d->shard = k;
			d->len = j->idterm.n;
			memcpy(d->term, j->idterm.p, d->len);
			d->next = p->dupes;
			p->dupes = d;
		}
		r->skipped++; /* the earlier one is lost */
	} else {
		r->added++;
	}
	ix_count(r, 1, j->textlen);
	pthread_mutex_unlock(&p->mu);
	if (dup)
		job_note_dupe(r, j, j->id, first);
	return 0;
}

/* Takes the next job of chunk c, waiting for it; NULL at its end. */
static job *
chunk_take(pool *p, chunk *c)
{
	job *j;

	pthread_mutex_lock(&p->mu);
	while (!c->head && !c->sealed)
		pthread_cond_wait(&p->work, &p->mu);
	j = c->head;
	if (j) {
		c->head = j->next;
		if (!c->head)
			c->tail = NULL;
	}
	pthread_mutex_unlock(&p->mu);
	return j;
}

/* Writes the jobs of chunk c, in order, into its temporary databases. */
static void
bulk_chunk(worker *w, chunk *c)
{
	run *r = w->r;
	pool *p = r->pool;
	xdb **dbs = calloc(r->nshards, sizeof *dbs);
	unsigned long pending = 0;
	size_t pending_bytes = 0;
	job *j;

	if (!dbs) {
		ix_note(r, "out of memory");
		pool_fail(r);
	}
	while ((j = chunk_take(p, c))) {
		int big = j->n > IX_BIGJOB;

		if (big)
			pthread_mutex_lock(&p->big);
		if (pool_stopping(r)) {
			c->cut = 1;
		} else {
			job_process(w, j, 1);
			if (j->msg)
				ix_note(r, "%s", j->msg);
		}
		if (!c->cut && j->res == RES_DOC && dbs) {
			if (bulk_write(w, c, dbs, j) == 0) {
				pending++;
				pending_bytes += j->textlen;
				if (pending >= r->batch ||
				    pending_bytes >= r->batch_bytes) {
					bulk_commit(r, c, dbs);
					pending = 0;
					pending_bytes = 0;
				}
			}
		} else if (!c->cut &&
			   (j->res == RES_SKIP || j->res == RES_KEEP)) {
			pthread_mutex_lock(&p->mu);
			r->skipped++;
			pthread_mutex_unlock(&p->mu);
		}
		if (big)
			pthread_mutex_unlock(&p->big);
		pthread_mutex_lock(&p->mu);
		pool_finish_job_locked(p, j);
		pthread_mutex_unlock(&p->mu);
		job_free(j);
		ix_progress(r, 0);
	}
	if (dbs) {
		if (!pool_stopping(r) || ix_signal)
			bulk_commit(r, c, dbs);
		for (unsigned k = 0; k < r->nshards; k++) {
			if (__atomic_load_n(&r->failed, __ATOMIC_RELAXED))
				xdb_close_discard(dbs[k]);
			else
				xdb_close(dbs[k]);
		}
		free(dbs);
	}
}

void *
bulk_worker_main(void *arg)
{
	worker *w = arg;
	pool *p = w->r->pool;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		chunk *c;

		while (!p->cnext && !p->closed)
			pthread_cond_wait(&p->work, &p->mu);
		if (!(c = p->cnext))
			break;
		p->cnext = c->next;
		pthread_mutex_unlock(&p->mu);
		bulk_chunk(w, c);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* ---- start, feed, free ---- */

int
bulk_start(run *r, char **err)
{
	pool *p = r->pool;

	p->maxq = (unsigned long)CHUNK_MAXDOCS * (r->threads + 2);
	p->max_bytes = (size_t)-1; /* jobs hold no text */
	if (!(p->tmpdir = store_tmpdir(&r->st, err)))
		return -1;
	return 0;
}

int
bulk_feed_locked(run *r, job *j)
{
	pool *p = r->pool;
	chunk *c = p->ctail;

	if (!c || c->sealed) {
		c = calloc(1, sizeof *c);
		if (c)
			c->dbs = calloc(r->nshards, sizeof *c->dbs);
		if (!c || !c->dbs) {
			free(c);
			return -1;
		}
		c->idx = p->nchunks++;
		if (p->ctail)
			p->ctail->next = c;
		else
			p->chead = c;
		p->ctail = c;
		if (!p->cnext)
			p->cnext = c;
	}
	if (c->tail)
		c->tail->next = j;
	else
		c->head = j;
	c->tail = j;
	c->ndocs++;
	c->nbytes += j->n;
	p->fed_docs++;
	p->fed_bytes += j->n;
	maybe_seal(p, c);
	pthread_cond_broadcast(&p->work);
	return 0;
}

void
bulk_free(run *r)
{
	pool *p = r->pool;

	while (p->chead) {
		chunk *c = p->chead;

		p->chead = c->next;
		for (unsigned k = 0; k < r->nshards; k++)
			free(c->dbs[k]);
		free(c->dbs);
		free(c);
	}
	while (p->dupes) {
		dupe *d = p->dupes;

		p->dupes = d->next;
		free(d);
	}
	free(p->tmpdir);
	p->tmpdir = NULL;
}
