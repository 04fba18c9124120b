/*
 * job: a worker's work on one job.  Reads the file or the JSON line, parses
 * it into an article, and builds the Xapian document; in incremental runs
 * a document whose content hash is the one in the index is not tokenized
 * at all (RES_UNCHANGED).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pool.h"

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
	free(j->origin);
	free(j->data);
	free(j->msg);
	if (j->has_article)
		article_clear(&j->a);
	buf_free(&j->idterm);
	xdb_doc_free(j->doc);
	free(j);
}

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
		const char *label, *origin = job_origin(w->r, j, &label);

		buf_reset(&j->idterm);
		schema_keyterm(&j->idterm, origin, j->id);
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

const char *
job_origin(const run *r, const job *j, const char **label)
{
	const source *s = &r->srcs[j->src];
	const char *slash;

	if (!j->origin) {
		*label = s->label;
		return s->abs;
	}
	slash = strrchr(j->origin, '/');
	*label = slash ? slash + 1 : j->origin;
	return j->origin;
}

void
job_note_dupe(run *r, const job *j, const char *id, unsigned long first)
{
	const char *colon = strrchr(j->where, ':');

	/* bulk workers may meet the two lines in either order */
	if (j->type == JOB_LINE && first && colon)
		ix_note(r, "%.*s: warning: id '%s' is on lines %lu and %lu; "
			   "the later line replaces the earlier one",
			(int)(colon - j->where), j->where, id,
			first < j->lineno ? first : j->lineno,
			first < j->lineno ? j->lineno : first);
	else
		ix_note(r, "%s: warning: id '%s' appears twice; the later "
			   "article replaces the earlier one", j->where, id);
}

void
job_process(worker *w, job *j, int bulk)
{
	run *r = w->r;
	article a = {0};
	char *e = NULL;
	int rc;
	const source *s = &r->srcs[j->src];
	const char *origin, *label;

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
	if (rc != ST_OK) {
		j->res = RES_SKIP;
		set_msg(j, "%s: skipped: %s", j->where, e ? e : "cannot read");
		goto out;
	}
	origin = job_origin(r, j, &label);
	if (ixb_prepare(w->b, &a, s->term, origin, label, &j->idterm, &j->hash,
			&e) != 0) {
		j->res = RES_SKIP;
		set_msg(j, "%s: skipped: %s", j->where, e ? e : "cannot index");
		goto out;
	}
	j->idh = schema_hash(SCHEMA_HASH_SEED, j->idterm.p, j->idterm.n);
	j->textlen = a.textlen;
	if (!j->id && !(j->id = str_dup(a.id))) { /* for messages */
		j->res = RES_SKIP;
		set_msg(j, "%s: skipped: out of memory", j->where);
		goto out;
	}
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
