/*
 * pool: the worker threads.
 *
 * Every job gets a sequence number in input order.  Workers read, parse and
 * build documents (one ixb each: tokenizer, stemmers, stem cache).
 *
 * Incremental runs: workers put finished jobs in a ring indexed by
 * sequence number; one writer thread takes them in order, so document ids
 * and messages follow the input whatever the number of threads.  An
 * unchanged document (same content hash as in the index, found in the
 * source's table loaded before the run) is not tokenized at all.
 *
 * Bulk runs: the input is cut into chunks (contiguous runs of jobs, growing
 * with the input so that their number stays small); a worker takes a whole
 * chunk and writes it into temporary databases of its own (one per shard),
 * so both cores run Xapian's writer, the part that costs most.  At the end
 * the chunks are merged in input order by compaction (ids follow the input)
 * and the new generation is published.
 *
 * Memory stays bounded: jobs carry no text (workers read it), the number of
 * jobs in flight is capped, and each writer commits every --batch
 * documents or IX_BATCH_BYTES of text.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "indexer.h"
#include "synonym.h"

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

typedef struct dupe {
	struct dupe *next;
	unsigned shard;
	size_t len;
	char term[];
} dupe;

typedef struct pool {
	pthread_mutex_t mu;
	pthread_mutex_t big;	/* one big document at a time (memory) */
	pthread_cond_t work, space, done;
	pthread_t *tids;
	unsigned nworkers;
	pthread_t wtid;
	int has_writer;
	unsigned long seq;	/* next sequence number */
	unsigned long queued;	/* fed, not finished */
	size_t queued_bytes;
	unsigned long maxq;
	size_t max_bytes;
	int closed;		/* the walk is over */
	/* incremental */
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
	/* bulk */
	chunk *chead, *ctail, *cnext;
	unsigned nchunks;
	unsigned long fed_docs;
	size_t fed_bytes;
	char *tmpdir;
	dupe *dupes;
	/* id hashes written in this run */
	uint64_t *seen;
	size_t nseen, capseen;
} pool;

typedef struct worker {
	run *r;
	ixb *b;
	xdb_doc *d; /* bulk: reused */
	buf data;
} worker;

/* Jobs bigger than this are built one at a time: a 16 MB text takes
 * about 100 MB while it is parsed, built and written. */
#define IX_BIGJOB (1u << 20)

/* The set of id hashes written in this run.  Returns 1 if h was there.
 * Under the lock (bulk) or in the writer (incremental). */
static int
seen_add(pool *p, uint64_t h)
{
	size_t i;

	if (p->nseen * 2 >= p->capseen) {
		size_t cap = p->capseen ? p->capseen * 2 : 4096;
		uint64_t *t = calloc(cap, sizeof *t), *old = p->seen;

		if (!t)
			return 0;
		for (i = 0; i < p->capseen; i++) {
			size_t j;

			if (!old[i])
				continue;
			for (j = old[i] % cap; t[j]; j = (j + 1) % cap)
				;
			t[j] = old[i];
		}
		free(old);
		p->seen = t;
		p->capseen = cap;
	}
	h |= 1; /* 0 marks an empty slot */
	for (i = h % p->capseen; p->seen[i]; i = (i + 1) % p->capseen)
		if (p->seen[i] == h)
			return 1;
	p->seen[i] = h;
	p->nseen++;
	return 0;
}

static int
seen_has(const pool *p, uint64_t h)
{
	if (!p->capseen)
		return 0;
	h |= 1;
	for (size_t i = h % p->capseen; p->seen[i]; i = (i + 1) % p->capseen)
		if (p->seen[i] == h)
			return 1;
	return 0;
}

static int
stopping(run *r)
{
	return ix_signal || __atomic_load_n(&r->failed, __ATOMIC_RELAXED);
}

static void
fail(run *r)
{
	pool *p = r->pool;

	__atomic_store_n(&r->failed, 1, __ATOMIC_RELAXED);
	pthread_mutex_lock(&p->mu);
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->space);
	pthread_cond_broadcast(&p->done);
	pthread_mutex_unlock(&p->mu);
}

job *
job_new(run *r, int type, size_t src)
{
	job *j = calloc(1, sizeof *j);

	(void)r;
	if (!j)
		return NULL;
	j->type = type;
	j->src = (int)src;
	return j;
}

void
job_free(job *j)
{
	if (!j)
		return;
	free(j->where);
	free(j->path);
	free(j->id);
	free(j->data);
	free(j->msg);
	if (j->has_article)
		article_clear(&j->a);
	buf_free(&j->idterm);
	xdb_doc_free(j->doc);
	free(j);
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

/* Marks a job finished: frees what it held in flight.  Under the lock. */
static void
finish_locked(pool *p, job *j)
{
	p->queued--;
	p->queued_bytes -= j->n;
	jfile_unref_locked(j->jf);
	j->jf = NULL;
	pthread_cond_broadcast(&p->space);
}

/* ---- reading and building (workers) ---- */

static void
set_msg(job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
set_msg(job *j, const char *fmt, ...)
{
	buf b = BUF_INIT;
	va_list ap;

	if (j->msg)
		buf_printf(&b, "%s\n", j->msg);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(j->msg);
	j->msg = buf_steal(&b);
}

/* open(), also for paths longer than PATH_MAX (deep folders): then one
 * component at a time with openat(). */
static int
open_long(const char *path, int flags)
{
	int fd = open(path, flags), dfd, e;
	char *p, *s, *slash;

	if (fd >= 0 || errno != ENAMETOOLONG)
		return fd;
	if (!(p = str_dup(path)))
		return -1;
	s = p;
	dfd = open(*s == '/' ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	while (dfd >= 0 && (slash = strchr(s, '/'))) {
		int next;

		*slash = '\0';
		if (!*s) {
			s = slash + 1;
			continue;
		}
		next = openat(dfd, s, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		e = errno;
		close(dfd);
		errno = e;
		dfd = next;
		s = slash + 1;
	}
	if (dfd >= 0) {
		fd = openat(dfd, s, flags);
		e = errno;
		close(dfd);
		errno = e;
	}
	e = errno;
	free(p);
	errno = e;
	return fd;
}

/* Reads a job's file into w->data, at most IX_MAXTEXT bytes (cut with a
 * warning).  Returns 0, or -1 with j->res and j->msg set. */
static int
read_file(worker *w, job *j)
{
	int fd = open_long(j->path, O_RDONLY | O_CLOEXEC |
					    (j->walked ? O_NONBLOCK : 0));
	struct stat st;
	buf *d = &w->data;
	int e;

	buf_reset(d);
	if (fd < 0)
		goto ioerr;
	if (fstat(fd, &st) != 0)
		goto ioerr;
	if (j->walked && !S_ISREG(st.st_mode)) {
		close(fd);
		j->res = RES_SKIP;
		set_msg(j, "%s: skipped: not a regular file", j->where);
		return -1;
	}
	if (j->walked)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	while (d->n <= IX_MAXTEXT) {
		size_t want = IX_MAXTEXT + 1 - d->n;
		ssize_t k;

		if (want > (1u << 20))
			want = 1u << 20;
		if (buf_grow(d, want) < 0) {
			close(fd);
			j->res = RES_SKIP;
			set_msg(j, "%s: skipped: out of memory", j->where);
			return -1;
		}
		k = read(fd, d->p + d->n, want);
		if (k < 0 && errno == EINTR && !ix_signal)
			continue;
		if (k < 0)
			goto ioerr;
		if (k == 0)
			break;
		d->n += (size_t)k;
	}
	d->p[d->n] = '\0';
	close(fd);
	if (d->n > IX_MAXTEXT) {
		size_t cut = IX_MAXTEXT;
		double total = S_ISREG(st.st_mode) ? (double)st.st_size
						   : (double)d->n;

		/* text: at the last line end before the limit */
		if (j->kind == 't') {
			for (size_t i = cut; i > cut - 65536; i--)
				if (d->p[i - 1] == '\n') {
					cut = i;
					break;
				}
		}
		cut = u8_floor(d->p, d->n, cut);
		d->n = cut;
		d->p[cut] = '\0';
		set_msg(j, "%s: warning: only the first %u MB of %.0f MB "
			   "indexed", j->where, IX_MAXTEXT >> 20,
			total / 1048576.0);
	}
	return 0;
ioerr:
	e = errno;
	if (fd >= 0)
		close(fd);
	if (j->keep_on_error && e != ENOENT && e != ENOTDIR &&
	    e != ELOOP) {
		/* the file is there but cannot be read now: keep what the
		 * index has for it */
		buf_reset(&j->idterm);
		schema_idterm(&j->idterm, j->id);
		j->idh = schema_hash(SCHEMA_HASH_SEED, j->idterm.p, j->idterm.n);
		j->res = RES_KEEP;
		set_msg(j, "%s: skipped: %s", j->where, strerror(e));
	} else {
		j->res = RES_SKIP;
		set_msg(j, "%s: skipped: %s", j->where, strerror(e));
	}
	return -1;
}

/* Reads a job's JSON line.  *line points into w->data or the job. */
static int
read_line(worker *w, job *j, const char **line, size_t *n)
{
	const char *s;
	size_t len = j->n;

	if (j->data) {
		s = j->data;
	} else {
		size_t got = 0;

		buf_reset(&w->data);
		if (buf_grow(&w->data, len + 1) < 0) {
			j->res = RES_SKIP;
			set_msg(j, "%s: skipped: out of memory", j->where);
			return -1;
		}
		while (got < len) {
			ssize_t k = pread(j->jf->fd, w->data.p + got, len - got,
					  (off_t)(j->off + got));

			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				j->res = RES_SKIP;
				set_msg(j, "%s: skipped: %s", j->where,
					k < 0 ? strerror(errno)
					      : "the file got shorter");
				return -1;
			}
			got += (size_t)k;
		}
		w->data.n = len;
		w->data.p[len] = '\0';
		s = w->data.p;
	}
	if (j->off == 0 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		len -= 3;
	}
	while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == ' ' ||
			   s[len - 1] == '\t'))
		len--;
	*line = s;
	*n = len;
	return 0;
}

static const known *known_find(const source *s, uint64_t idh);

/* Reads, parses and (unless unchanged) builds a job.  bulk: build into
 * w->d.  Sets j->res (0: nothing to do). */
static void
process(worker *w, job *j, int bulk)
{
	run *r = w->r;
	article a = {0};
	char *e = NULL;
	int rc;
	const source *s = &r->srcs[j->src];

	if (j->type == JOB_FILE) {
		if (read_file(w, j) < 0)
			return;
		if (j->kind == 'h')
			rc = article_from_html(&a, j->id, w->data.p, w->data.n,
					       &e);
		else
			rc = article_from_text(&a, j->id, w->data.p, w->data.n,
					       &e);
	} else {
		const char *line;
		size_t n;

		if (read_line(w, j, &line, &n) < 0)
			return;
		if (n == 0) {
			j->res = 0;
			return;
		}
		rc = article_from_json(&a, line, n, &r->map, j->where, &e);
	}
	if (rc != ART_OK) {
		j->res = RES_SKIP;
		set_msg(j, "%s: skipped: %s", j->where, e ? e : "cannot read");
		goto out;
	}
	if (ixb_prepare(w->b, &a, s->term, &j->idterm, &j->hash, &e) != 0) {
		j->res = RES_SKIP;
		set_msg(j, "%s: skipped: %s", j->where, e ? e : "cannot index");
		goto out;
	}
	j->idh = schema_hash(SCHEMA_HASH_SEED, j->idterm.p, j->idterm.n);
	j->textlen = a.textlen;
	if (!bulk) {
		const known *k = known_find(s, j->idh);

		if (k && k->ch == j->hash) {
			j->res = RES_UNCHANGED;
			j->a = a; /* the writer may need it (duplicates) */
			j->has_article = 1;
			memset(&a, 0, sizeof a);
			goto out;
		}
		if (!(j->doc = xdb_doc_new())) {
			j->res = RES_SKIP;
			set_msg(j, "%s: skipped: out of memory", j->where);
			goto out;
		}
	}
	if (ixb_fill(w->b, &a, bulk ? w->d : j->doc, &e) != 0) {
		j->res = RES_SKIP;
		set_msg(j, "%s: skipped: %s", j->where, e ? e : "cannot index");
		goto out;
	}
	j->res = RES_DOC;
out:
	free(e);
	article_clear(&a);
	/* the text is not needed any more */
	if (w->data.cap > (4u << 20))
		buf_free(&w->data);
}

/* ---- the table of a source's documents (incremental) ---- */

static int
known_cmp(const void *a, const void *b)
{
	const known *x = a, *y = b;

	return x->idh < y->idh ? -1 : x->idh > y->idh;
}

static const known *
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
					    err) != XDB_OK)
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

static unsigned
shard_of(const run *r, uint64_t idh)
{
	/* the high bits: the low ones also pick seen-table slots */
	return (unsigned)((idh >> 32) % r->nshards);
}

static int
commit_all(run *r)
{
	pool *p = r->pool;
	char *e = NULL;

	for (unsigned k = 0; k < r->nshards; k++)
		if (xdb_commit(p->dbs[k], &e) != XDB_OK) {
			ix_note(r, "%s: commit failed: %s", r->st.shards[k],
				e ? e : "unknown error");
			free(e);
			fail(r);
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
	    XDB_OK) {
		ix_note(r, "%s: write failed: %s", j->where,
			e ? e : "unknown error");
		free(e);
		fail(r);
		return -1;
	}
	p->pending++;
	p->pending_bytes += j->textlen;
	if (p->pending >= r->batch || p->pending_bytes >= r->batch_bytes)
		return commit_all(r);
	return 0;
}

/* Removes the documents of a folder source that this run did not see. */
static void
remove_missing(run *r, size_t src)
{
	pool *p = r->pool;
	source *s = &r->srcs[src];
	unsigned long n = 0;

	if (!s->is_dir || r->keep_missing || stopping(r))
		return;
	if (s->incomplete) {
		for (size_t i = 0; i < s->nkn; i++)
			n += !s->seen[i];
		if (n)
			ix_note(r, "%s: not removing %lu document%s whose files "
				   "were not seen: parts of the folder could "
				   "not be read", s->arg, n, n == 1 ? "" : "s");
		return;
	}
	for (size_t i = 0; i < s->nkn && !stopping(r); i++) {
		const known *k = &s->kn[i];
		char *e = NULL;

		if (s->seen[i] || seen_has(p, k->idh))
			continue;
		if (xdb_delete_docid(p->dbs[k->shard], k->docid, &e) !=
		    XDB_OK) {
			ix_note(r, "%s: removing a document failed: %s",
				s->arg, e ? e : "unknown error");
			free(e);
			fail(r);
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
	case RES_UNCHANGED:
		mark_seen(r, j->src, j->idh);
		r->bytes += j->textlen;
		if (!seen_add(p, j->idh)) {
			r->unchanged++;
			break;
		}
		/* an earlier article with this id replaced it in this run:
		 * this one, the later, wins */
		ix_note(r, "%s: warning: id '%s' appears twice; the later "
			   "article replaces the earlier one", j->where,
			j->a.id);
		if (ixb_prepare(p->wb, &j->a, s->term, &j->idterm, &j->hash,
				&e) != 0 ||
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
	case RES_DOC: {
		const known *k = known_find(s, j->idh);
		int existed = k != NULL;

		mark_seen(r, j->src, j->idh);
		if (seen_add(p, j->idh)) {
			ix_note(r, "%s: warning: the id of this article appears "
				   "twice; the later article replaces the "
				   "earlier one", j->where);
			existed = 1;
		} else if (!existed) {
			existed = xdb_termfreq(p->dbs[shard_of(r, j->idh)],
					       j->idterm.p, j->idterm.n) > 0;
		}
		if (write_doc(r, j, j->doc) == 0) {
			if (existed)
				p->c_updated++;
			else
				p->c_added++;
			r->bytes += j->textlen;
		}
		break;
	}
	default:
		break;
	}
	r->done++;
	ix_progress(r, 0);
}

static void *
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
		finish_locked(p, j);
		pthread_mutex_unlock(&p->mu);
		job_free(j);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void *
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
		if (!stopping(r)) {
			if (j->n > IX_BIGJOB)
				pthread_mutex_lock(&p->big);
			process(w, j, 0);
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

/* ---- bulk: chunks ---- */

static unsigned long
clampul(unsigned long v, unsigned long lo, unsigned long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

#define CHUNK_MAXDOCS 4096

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
		if (dbs[k] && xdb_commit(dbs[k], &e) != XDB_OK) {
			ix_note(r, "%s: commit failed: %s", c->dbs[k],
				e ? e : "unknown error");
			free(e);
			fail(r);
			return -1;
		}
	return 0;
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

	if (!dbs) {
		ix_note(r, "out of memory");
		fail(r);
	}
	for (;;) {
		job *j;
		char *e = NULL;
		int big;

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
		if (!j)
			break;
		big = j->n > IX_BIGJOB;
		if (big)
			pthread_mutex_lock(&p->big);
		if (stopping(r)) {
			c->cut = 1;
		} else {
			process(w, j, 1);
			if (j->msg)
				ix_note(r, "%s", j->msg);
		}
		if (!c->cut && j->res == RES_DOC && dbs) {
			unsigned k = shard_of(r, j->idh);
			int dup;

			if (!dbs[k]) {
				c->dbs[k] = str_printf("%s/c%u-%u", p->tmpdir,
						       c->idx, k);
				if (!c->dbs[k] ||
				    xdb_open_write_opts(c->dbs[k],
							XDB_W_NEW |
							    XDB_W_NOSYNC |
							    XDB_W_DANGEROUS,
							&dbs[k], &e) != XDB_OK) {
					ix_note(r, "%s: cannot create: %s",
						c->dbs[k] ? c->dbs[k] : "",
						e ? e : "out of memory");
					free(e);
					fail(r);
					goto next;
				}
				/* the spelling table is made once, at the
				 * end (fix_shard) */
				xdb_set_spelling(dbs[k], NULL);
			}
			if (xdb_replace(dbs[k], j->idterm.p, j->idterm.n, w->d,
					&e) != XDB_OK) {
				ix_note(r, "%s: write failed: %s", j->where,
					e ? e : "unknown error");
				free(e);
				fail(r);
				goto next;
			}
			pthread_mutex_lock(&p->mu);
			dup = seen_add(p, j->idh);
			if (dup) {
				dupe *d = malloc(sizeof *d + j->idterm.n);

				if (d) {
					d->shard = k;
					d->len = j->idterm.n;
					memcpy(d->term, j->idterm.p, d->len);
					d->next = p->dupes;
					p->dupes = d;
				}
			} else {
				r->added++;
			}
			r->done++;
			r->bytes += j->textlen;
			pthread_mutex_unlock(&p->mu);
			if (dup)
				ix_note(r, "%s: warning: the id of this article "
					   "appears twice; the later article "
					   "replaces the earlier one",
					j->where);
			pending++;
			pending_bytes += j->textlen;
			if (pending >= r->batch ||
			    pending_bytes >= r->batch_bytes) {
				bulk_commit(r, c, dbs);
				pending = 0;
				pending_bytes = 0;
			}
		} else if (!c->cut &&
			   (j->res == RES_SKIP || j->res == RES_KEEP)) {
			pthread_mutex_lock(&p->mu);
			r->skipped++;
			pthread_mutex_unlock(&p->mu);
		}
next:
		if (big)
			pthread_mutex_unlock(&p->big);
		pthread_mutex_lock(&p->mu);
		finish_locked(p, j);
		pthread_mutex_unlock(&p->mu);
		job_free(j);
		ix_progress(r, 0);
	}
	if (dbs) {
		if (!stopping(r) || ix_signal)
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

static void *
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

/* ---- feeding ---- */

void
pool_feed(run *r, job *j)
{
	pool *p = r->pool;

	pthread_mutex_lock(&p->mu);
	while (!stopping(r) &&
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
	if (j->jf)
		j->jf->refs++;
	if (r->bulk) {
		chunk *c = p->ctail;

		if (j->type == JOB_NOTE || j->type == JOB_END) {
			if (j->type == JOB_NOTE && j->res == RES_SKIP)
				r->skipped++;
			finish_locked(p, j);
			pthread_mutex_unlock(&p->mu);
			if (j->msg)
				ix_note(r, "%s", j->msg);
			job_free(j);
			return;
		}
		if (!c || c->sealed) {
			c = calloc(1, sizeof *c);
			if (c)
				c->dbs = calloc(r->nshards, sizeof *c->dbs);
			if (!c || !c->dbs) {
				free(c);
				finish_locked(p, j);
				pthread_mutex_unlock(&p->mu);
				ix_note(r, "out of memory");
				fail(r);
				job_free(j);
				return;
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
	} else if (j->type == JOB_NOTE || j->type == JOB_END) {
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
	pthread_mutex_unlock(&p->mu);
}

/* ---- start and finish ---- */

static worker *workers;

int
pool_start(run *r, char **err)
{
	pool *p = calloc(1, sizeof *p);

	if (!p)
		return seterr(err, -1, "out of memory");
	r->pool = p;
	pthread_mutex_init(&p->mu, NULL);
	pthread_mutex_init(&p->big, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->space, NULL);
	pthread_cond_init(&p->done, NULL);
	p->nworkers = r->threads;
	/* incremental: built documents wait for the writer */
	p->max_bytes = 24u << 20;
	if (r->bulk) {
		p->maxq = (unsigned long)CHUNK_MAXDOCS * (r->threads + 2);
		p->max_bytes = (size_t)-1; /* jobs hold no text */
		if (!(p->tmpdir = store_tmpdir(&r->st, err)))
			return -1;
	} else {
		p->ringcap = 16ul * r->threads + 16;
		p->maxq = p->ringcap;
		p->ring = calloc(p->ringcap, sizeof *p->ring);
		p->dbs = calloc(r->nshards, sizeof *p->dbs);
		p->wb = ixb_new(err);
		p->wd = xdb_doc_new();
		if (!p->ring || !p->dbs || !p->wb || !p->wd)
			return seterr(err, -1, "out of memory");
		ixb_set_salt(p->wb, r->salt);
		for (unsigned k = 0; k < r->nshards; k++) {
			char *e = NULL;
			int rc = xdb_open_write(r->st.shards[k], &p->dbs[k], &e);

			if (rc != XDB_OK) {
				seterr(err, rc, "%s: cannot open for writing: %s",
				       r->st.shards[k], e ? e : "unknown error");
				free(e);
				return rc == XDB_ELOCK ? ST_LOCKED : -1;
			}
			xdb_set_spelling(p->dbs[k], schema_spellable);
			if (ix_load_synonyms(r, p->dbs[k]) < 0)
				return seterr(err, -1, "cannot load synonyms");
		}
		if (load_known(r, err) != 0)
			return -1;
	}
	workers = calloc(r->threads, sizeof *workers);
	p->tids = calloc(r->threads, sizeof *p->tids);
	if (!workers || !p->tids)
		return seterr(err, -1, "out of memory");
	for (unsigned i = 0; i < r->threads; i++) {
		workers[i].r = r;
		workers[i].b = ixb_new(err);
		workers[i].d = xdb_doc_new();
		if (!workers[i].b || !workers[i].d)
			return seterr(err, -1, "cannot start a worker");
		ixb_set_salt(workers[i].b, r->salt);
	}
	for (unsigned i = 0; i < r->threads; i++)
		if (pthread_create(&p->tids[i], NULL,
				   r->bulk ? bulk_worker_main : incr_worker_main,
				   &workers[i]) != 0) {
			p->nworkers = i;
			return seterr(err, -1, "cannot start threads");
		}
	if (!r->bulk) {
		if (pthread_create(&p->wtid, NULL, writer_main, r) != 0)
			return seterr(err, -1, "cannot start the writer");
		p->has_writer = 1;
	}
	return 0;
}

typedef struct dedupe_ctx {
	unsigned *ids;
	size_t n, cap;
} dedupe_ctx;

static int
on_posting(void *ctx, unsigned docid)
{
	dedupe_ctx *c = ctx;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		unsigned *t = realloc(c->ids, cap * sizeof *t);

		if (!t)
			return 1;
		c->ids = t;
		c->cap = cap;
	}
	c->ids[c->n++] = docid;
	return 0;
}

/* After the merge: the later of two articles with one id wins; loads the
 * synonyms.  0 or -1. */
static int
fix_shard(run *r, const char *path, unsigned k)
{
	pool *p = r->pool;
	xdb *db = NULL;
	char *e = NULL;
	int rc = -1;

	if (xdb_open_write(path, &db, &e) != XDB_OK)
		goto out;
	for (dupe *d = p->dupes; d; d = d->next) {
		dedupe_ctx c = {NULL, 0, 0};

		if (d->shard != k)
			continue;
		if (xdb_postings(db, d->term, d->len, on_posting, &c, &e) !=
		    XDB_OK) {
			free(c.ids);
			goto out;
		}
		for (size_t i = 0; i + 1 < c.n; i++)
			if (xdb_delete_docid(db, c.ids[i], &e) != XDB_OK) {
				free(c.ids);
				goto out;
			}
		free(c.ids);
	}
	if (xdb_spelling_from_terms(db, schema_spellable, &e) != XDB_OK)
		goto out;
	if (ix_load_synonyms(r, db) < 0)
		goto out;
	if (xdb_commit(db, &e) != XDB_OK)
		goto out;
	rc = 0;
out:
	if (rc != 0 && e)
		ix_note(r, "%s: %s", path, e);
	free(e);
	if (rc == 0)
		xdb_close(db);
	else
		xdb_close_discard(db);
	return rc;
}

/* Merges the chunks into a new generation and publishes it. */
static int
bulk_publish(run *r)
{
	pool *p = r->pool;
	unsigned gen = r->st.gen + 1, n = r->nshards;
	char **paths = calloc(n, sizeof *paths);
	const char **srcs = calloc(p->nchunks ? p->nchunks : 1, sizeof *srcs);
	char *e = NULL;
	int rc = -1;
	unsigned made = 0;

	if (!paths || !srcs) {
		ix_note(r, "out of memory");
		goto out;
	}
	for (unsigned k = 0; k < n; k++) {
		size_t ns = 0;

		for (chunk *c = p->chead; c; c = c->next) {
			if (c->dbs[k])
				srcs[ns++] = c->dbs[k];
			if (c->cut)
				break; /* what follows is not a prefix */
		}
		if (!(paths[k] = store_shard_path(&r->st, gen, k))) {
			ix_note(r, "out of memory");
			goto out;
		}
		store_rmtree(paths[k]);
		made = k + 1;
		if (ns == 0) {
			xdb *db = NULL;

			if (xdb_open_write_opts(paths[k], XDB_W_NEW, &db, &e) !=
				XDB_OK ||
			    xdb_commit(db, &e) != XDB_OK) {
				ix_note(r, "%s: %s", paths[k],
					e ? e : "cannot create");
				xdb_close_discard(db);
				goto out;
			}
			xdb_close(db);
		} else if (xdb_compact(srcs, ns, paths[k], &e) != XDB_OK) {
			ix_note(r, "%s: merging failed: %s", paths[k],
				e ? e : "unknown error");
			goto out;
		}
		for (size_t i = 0; i < ns; i++)
			store_rmtree(srcs[i]); /* disk space, as we go */
		if (fix_shard(r, paths[k], k) != 0)
			goto out;
	}
	if (store_publish(&r->st, gen, paths, n, &e) != 0) {
		ix_note(r, "%s: %s", r->st.dir, e ? e : "cannot publish");
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		for (unsigned k = 0; k < made; k++)
			store_rmtree(paths[k]);
	for (unsigned k = 0; paths && k < n; k++)
		free(paths[k]);
	free(paths);
	free(srcs);
	free(e);
	return rc;
}

int
pool_finish(run *r)
{
	pool *p = r->pool;
	int rc = 0;

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
	if (r->bulk) {
		double t = now_seconds();

		if (r->verbose)
			ix_note(r, "built %u chunks in %.2f s; merging", p->nchunks,
				t - r->t0);
		if (__atomic_load_n(&r->failed, __ATOMIC_RELAXED) ||
		    bulk_publish(r) != 0)
			rc = -1;
		if (rc != 0)
			r->added = 0; /* nothing was published */
		store_rmtree(p->tmpdir);
		if (r->verbose)
			ix_note(r, "merged and published in %.2f s",
				now_seconds() - t);
	} else {
		if (!__atomic_load_n(&r->failed, __ATOMIC_RELAXED))
			rc = commit_all(r);
		else
			rc = -1;
		for (unsigned k = 0; p->dbs && k < r->nshards; k++) {
			if (rc == 0)
				xdb_close(p->dbs[k]);
			else
				xdb_close_discard(p->dbs[k]);
		}
	}
	/* free everything */
	for (unsigned i = 0; workers && i < r->threads; i++) {
		ixb_free(workers[i].b);
		xdb_doc_free(workers[i].d);
		buf_free(&workers[i].data);
	}
	free(workers);
	workers = NULL;
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
	ixb_free(p->wb);
	xdb_doc_free(p->wd);
	free(p->dbs);
	free(p->ring);
	free(p->tids);
	free(p->tmpdir);
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
