/*
 * pool.h: what the pool's modules share (private to indexer/).
 *
 *   pool.c   the work queue: start, feed, finish; the threads; the set of
 *            ids written in this run
 *   job.c    a worker's work on one job: read, parse, build
 *   write.c  incremental runs: the table of known documents, the writer
 *            thread that adds, replaces and removes in input order
 *   bulk.c   bulk runs: chunks, each written by one worker into temporary
 *            databases of its own
 *   merge.c  bulk runs: the chunks merged into a new generation, published
 *
 * Every job gets a sequence number in input order.  Workers read, parse and
 * build documents (one ixb each: tokenizer, stemmers, stem cache).
 *
 * Memory stays bounded: jobs carry no text (workers read it), the number of
 * jobs in flight is capped, and each writer commits every --batch
 * documents or batch_bytes of text.
 */
#ifndef POOL_H
#define POOL_H

#include "indexer.h"

/* Jobs bigger than this are built one at a time: a 16 MB text takes
 * about 100 MB while it is parsed, built and written. */
#define IX_BIGJOB (1u << 20)
/* The most documents in one bulk chunk. */
#define CHUNK_MAXDOCS 4096

struct known {
	uint64_t idh, ch;
	uint32_t docid;
	uint16_t shard;
};

typedef struct chunk {
	struct chunk *next;
	unsigned idx;
	job *head, *tail;
	int sealed;	      /* no more jobs will come */
	int cut;	      /* stopped before its end (signal) */
	unsigned long ndocs;  /* jobs fed */
	size_t nbytes;
	char **dbs;	      /* per shard: its temporary database, or NULL */
} chunk;

/* An id written twice in a bulk run: the merge keeps the later one. */
typedef struct dupe {
	struct dupe *next;
	unsigned shard;
	size_t len;
	char term[];
} dupe;

typedef struct worker {
	run *r;
	ixb *b;
	xdb_doc *d; /* bulk: reused */
	buf data;
} worker;

/* An id written in this run: the hash of its unique term, and the line
 * of its JSON Lines file it came from (0 for a file). */
typedef struct seen_id {
	uint64_t h;
	unsigned long line;
} seen_id;

typedef struct pool {
	run *r;
	pthread_mutex_t mu;
	pthread_mutex_t big;	/* one big document at a time (memory) */
	pthread_cond_t work, space, done;
	worker *workers;	/* r->threads of them */
	pthread_t *tids;
	unsigned nworkers;	/* threads started */
	pthread_t wtid;
	int has_writer;
	unsigned long seq;	/* next sequence number */
	unsigned long queued;	/* fed, not finished */
	size_t queued_bytes;
	unsigned long maxq;
	size_t max_bytes;
	int closed;		/* the walk is over */
	/* incremental (write.c) */
	job *qhead, *qtail;
	job **ring;
	unsigned long ringcap, next_write;
	xdb **dbs;		/* the shards (writer thread) */
	ixb *wb;		/* the writer's builder (duplicates) */
	xdb_doc *wd;
	unsigned long pending;
	size_t pending_bytes;
	/* counts of the batch being written: they count once committed */
	unsigned long c_added, c_updated, c_removed;
	/* bulk (bulk.c, merge.c) */
	chunk *chead, *ctail, *cnext;
	unsigned nchunks;
	unsigned long fed_docs;
	size_t fed_bytes;
	char *tmpdir;
	dupe *dupes;
	/* id hashes written in this run */
	seen_id *seen;
	size_t nseen, capseen;
} pool;

/* ---- pool.c ---- */

/* Marks the run failed and wakes every thread. */
void pool_fail(run *r);
/* Marks a job finished: frees what it held in flight.  Under the lock. */
void pool_finish_job_locked(pool *p, job *j);
/* The set of id hashes written in this run.  seen_add returns 1 if h was
 * there (*first, if not NULL, gets the line it was written from), else
 * adds it with line and returns 0.  Under the lock (bulk) or in the writer
 * (incremental). */
int seen_add(pool *p, uint64_t h, unsigned long line, unsigned long *first);
int seen_has(const pool *p, uint64_t h);
/* The shard a document goes to, by its id hash. */
unsigned shard_of(const run *r, uint64_t idh);

/* ---- job.c ---- */

/* Says that job j's id was already written in this run, from line first
 * of the same JSON Lines file (0: not a line): the later one replaces the
 * earlier one. */
void job_note_dupe(run *r, const job *j, const char *id, unsigned long first);
/* The origin of job j's document and its label (see ixb_prepare). */
const char *job_origin(const run *r, const job *j, const char **label);
/* Reads, parses and (unless unchanged) builds a job.  bulk: build into
 * w->d, else into a new j->doc.  Sets j->res (0: nothing to do). */
void job_process(worker *w, job *j, int bulk);

/* ---- write.c ---- */

/* Opens the shards for writing, loads the synonyms and the known tables:
 * 0, -1 or ST_ELOCK (err set). */
int write_start(run *r, char **err);
/* Queues a job for the incremental workers or the writer.  Under the lock. */
void write_feed_locked(pool *p, job *j);
/* Commits (unless the run failed) and closes the shards.  0 or -1. */
int write_finish(run *r);
/* The known document of a source with id hash idh, or NULL. */
const known *known_find(const source *s, uint64_t idh);
void *incr_worker_main(void *arg);
void *writer_main(void *arg);

/* ---- bulk.c ---- */

/* Makes the run's temporary folder.  0 or -1 (err set). */
int bulk_start(run *r, char **err);
/* Adds a job to the chunk being filled.  Under the lock; 0, or -1 if out
 * of memory (the job is left to the caller). */
int bulk_feed_locked(run *r, job *j);
void *bulk_worker_main(void *arg);
/* Frees the chunks, the duplicates and the temporary folder. */
void bulk_free(run *r);

/* ---- merge.c ---- */

/* Merges the chunks into a new generation and publishes it.  0 or -1
 * (reported). */
int merge_publish(run *r);

#endif
