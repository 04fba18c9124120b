/*
 * walk: turns the sources named on the command line into jobs, in a fixed
 * order (folders in sorted name order), without reading documents: a job
 * names a file, or a line of a JSON Lines file by offset and length, and
 * the worker that takes it reads it.  So the walk stays ahead of the
 * workers at almost no memory cost.
 *
 * Folders are walked with openat() from the source folder down, so deep
 * trees do not depend on PATH_MAX for the walk itself; symbolic links to
 * folders are not followed (no loops), nesting deeper than IX_MAXDEPTH is
 * reported and skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "indexer.h"

/* A message in input order, counted as a skip when `skip`. */
static void
feed_note(run *r, size_t src, int skip, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
feed_note(run *r, size_t src, int skip, const char *fmt, ...)
{
	job *j = job_new(r, JOB_NOTE, src);
	va_list ap;
	buf b = BUF_INIT;

	if (!j)
		return;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	j->msg = buf_steal(&b);
	j->res = skip ? RES_SKIP : 0;
	pool_feed(r, j);
}

/* Feeding one JSON Lines file. */
typedef struct jlines {
	run *r;
	size_t src;
	const char *path;
	const char *origin; /* the file's absolute path; NULL: the source */
	jfile *jf;	   /* shared with the jobs; NULL: not seekable */
	buf line;	   /* only when not seekable: the line's bytes */
	uint64_t start;	   /* offset of the line */
	uint64_t counted;  /* input bytes given to jobs (progress) */
	unsigned long lineno;
} jlines;

/* Feeds the line that starts at l->start, len bytes long (toolong: over
 * IX_MAXTEXT, not kept), whose end with its newline is at offset end. */
static void
feed_line(jlines *l, size_t len, int toolong, uint64_t end)
{
	run *r = l->r;
	job *j;

	if (toolong) {
		feed_note(r, l->src, 1,
			  "%s:%lu: skipped: line longer than %u MB (%.1f MB)",
			  l->path, l->lineno, IX_MAXTEXT >> 20,
			  len / 1048576.0);
		return;
	}
	if (len == 0 || !(j = job_new(r, JOB_LINE, l->src)))
		return;
	j->where = str_printf("%s:%lu", l->path, l->lineno);
	j->n = len;
	j->off = l->start;
	j->lineno = l->lineno;
	/* with the empty and skipped lines before it */
	j->insize = end - l->counted;
	l->counted = end;
	if (l->jf)
		j->jf = l->jf; /* pool_feed counts it */
	else
		j->data = buf_steal(&l->line);
	if (l->origin)
		j->origin = str_dup(l->origin);
	if (!j->where || (!l->jf && !j->data) || (l->origin && !j->origin)) {
		job_free(j);
		feed_note(r, l->src, 1, "%s:%lu: skipped: out of memory",
			  l->path, l->lineno);
		return;
	}
	pool_feed(r, j);
}

/* Feeds the lines of a JSON Lines file open on fd (closed here); origin:
 * its absolute path when it is not the source itself. */
static void
feed_jsonl(run *r, size_t src, int fd, const char *path,
	   const char *origin)
{
	enum { CHUNK = 1 << 20 };
	struct stat st;
	char *blk = malloc(CHUNK);
	jlines l = {r, src, path, origin, NULL, BUF_INIT, 0, 0, 1};
	uint64_t off = 0;
	size_t len = 0;
	int toolong = 0, eof = 0;

	if (!blk) {
		feed_note(r, src, 1, "%s: skipped: out of memory", path);
		close(fd);
		return;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		l.jf = calloc(1, sizeof *l.jf);
		if (!l.jf) {
			free(blk);
			close(fd);
			feed_note(r, src, 1, "%s: skipped: out of memory", path);
			return;
		}
		l.jf->fd = fd;
		l.jf->refs = 1; /* the walk's own */
	}
	while (!eof && !pool_stopping(r)) {
		ssize_t k = read(fd, blk, CHUNK);
		size_t i = 0;

		if (k < 0 && errno == EINTR && !ix_signal)
			continue;
		if (k < 0) {
			feed_note(r, src, 1, "%s:%lu: read error: %s", path,
				  l.lineno, strerror(errno));
			r->srcs[src].incomplete = 1; /* remove nothing */
			break;
		}
		if (k == 0) {
			eof = 1;
			if (len == 0 && !toolong)
				break;
			/* a last line without a newline: fall through */
		}
		while (i < (size_t)k || (eof && (len || toolong))) {
			char *nl = i < (size_t)k
					   ? memchr(blk + i, '\n', (size_t)k - i)
					   : NULL;
			size_t take = nl ? (size_t)(nl - (blk + i))
					 : (size_t)k - i;

			if (!toolong) {
				if (len + take > IX_MAXTEXT) {
					toolong = 1;
					buf_free(&l.line);
				} else if (!l.jf) {
					buf_add(&l.line, blk + i, take);
				}
			}
			len += take;
			i += take + (nl != NULL);
			off += take + (nl != NULL);
			if (!nl && !eof)
				break;
			feed_line(&l, len, toolong, off);
			buf_reset(&l.line);
			l.lineno++;
			len = 0;
			toolong = 0;
			l.start = off;
			if (eof)
				break;
		}
	}
	buf_free(&l.line);
	free(blk);
	if (l.jf)
		jfile_unref(r, l.jf);
	else
		close(fd);
}

/* The file kind for a name, 0 for files a walk leaves out. */
static int
walk_kind(const char *name)
{
	/* hidden files (a folder's own documentation: ignore.c) */
	if (name[0] == '.')
		return 0;
	return article_kind(name);
}

/* Counts an article file the rules leave out (why: IGN_*), for the note
 * in the summary. */
static void
left_out(run *r, int why, const char *relp)
{
	if (why == IGN_USER) {
		r->left_user++;
		return;
	}
	if (r->left_default++ < 3)
		buf_printf(&r->left_names, "%s%s", r->left_names.n ? ", " : "",
			   relp);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(run *r, size_t src, int dfd, const char *top,
		     const char *rel, int depth);

/* One entry, name, of the folder open on dfd (see walk_dir): a folder is
 * walked, an article file fed, anything else left out or reported. */
static void
walk_entry(run *r, size_t src, int dfd, const char *top, const char *rel,
	   const char *name, int depth)
{
	source *s = &r->srcs[src];
	char *relp = *rel ? str_printf("%s/%s", rel, name)
			  : str_dup(name);
	char *disp = relp ? str_printf("%s/%s", top, relp) : NULL;
	struct stat st;
	int kind, why;
	char *origin;

	if (!relp || !disp) {
		feed_note(r, src, 1, "%s/%s: skipped: out of memory",
			  top, name);
		s->incomplete = 1;
		goto out;
	}
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		feed_note(r, src, 1, "%s: skipped: %s", disp,
			  strerror(errno));
		s->incomplete = 1;
		goto out;
	}
	if (S_ISLNK(st.st_mode)) {
		if (fstatat(dfd, name, &st, 0) != 0) {
			if (walk_kind(name) && !ignore_match(s->ig, relp, 0))
				feed_note(r, src, 1,
					  "%s: skipped: broken link",
					  disp);
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			feed_note(r, src, 0,
				  "%s: skipped: link to a folder (not "
				  "followed)", disp);
			goto out;
		}
	}
	if ((why = ignore_match(s->ig, relp, S_ISDIR(st.st_mode)))) {
		/* a file that would not be read anyway is not counted */
		if (S_ISDIR(st.st_mode) || walk_kind(name))
			left_out(r, why, relp);
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		int sub;

		if (depth + 1 > IX_MAXDEPTH) {
			feed_note(r, src, 1,
				  "%s: skipped: folders nested deeper "
				  "than %d", disp, IX_MAXDEPTH);
			goto out;
		}
		sub = openat(dfd, name, O_RDONLY | O_DIRECTORY |
					     O_CLOEXEC | O_NOFOLLOW);
		if (sub < 0) {
			feed_note(r, src, 1, "%s: skipped: %s", disp,
				  strerror(errno));
			s->incomplete = 1;
			goto out;
		}
		walk_dir(r, src, sub, top, relp, depth + 1);
		goto out;
	}
	kind = walk_kind(name);
	if (!kind || !S_ISREG(st.st_mode))
		goto out;
	if (kind == 'j') {
		int fd = openat(dfd, name,
				O_RDONLY | O_CLOEXEC | O_NONBLOCK);

		if (fd < 0) {
			feed_note(r, src, 1, "%s: skipped: %s", disp,
				  strerror(errno));
			s->incomplete = 1;
			goto out;
		}
		origin = str_printf("%s/%s", s->abs, relp);
		if (!origin) {
			close(fd);
			feed_note(r, src, 1, "%s: skipped: out of memory", disp);
			s->incomplete = 1;
			goto out;
		}
		feed_jsonl(r, src, fd, disp, origin);
		free(origin);
		goto out;
	} else {
		job *j = job_new(r, JOB_FILE, src);

		if (!j)
			goto out;
		j->kind = kind;
		j->walked = 1;
		j->keep_on_error = 1;
		j->path = disp;
		j->where = str_dup(disp);
		j->id = relp;
		j->n = (size_t)st.st_size;
		j->insize = j->n;
		disp = relp = NULL;
		if (!j->where) {
			job_free(j);
			goto out;
		}
		pool_feed(r, j);
	}
out:
	free(relp);
	free(disp);
}

/* Walks the folder open on dfd (closed here).  rel: its path relative to
 * the source ("" for the source itself); top: the source as given. */
static void
walk_dir(run *r, size_t src, int dfd, const char *top, const char *rel,
	 int depth)
{
	source *s = &r->srcs[src];
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (!d) {
		feed_note(r, src, 1, "%s/%s: skipped: %s", top, rel,
			  strerror(errno));
		s->incomplete = 1;
		close(dfd);
		return;
	}
	errno = 0;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **t = realloc(names,
					   (cap = cap ? cap * 2 : 64) * sizeof *t);

			if (!t)
				break;
			names = t;
		}
		if (!(names[n] = str_dup(de->d_name)))
			break;
		n++;
	}
	if (errno) {
		feed_note(r, src, 1, "%s%s%s: could not list the whole folder: "
			  "%s", top, *rel ? "/" : "", rel, strerror(errno));
		s->incomplete = 1;
	}
	if (n)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n && !pool_stopping(r); i++)
		walk_entry(r, src, dfd, top, rel, names[i], depth);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
}

/* The rules of folder source i, open on fd: the built-in list, its
 * .searchignore, --exclude.  0, or -1 (reported: the source is skipped). */
static int
load_rules(run *r, size_t i, int fd)
{
	source *s = &r->srcs[i];
	char *e = NULL;

	if (!(s->ig = ignore_new())) {
		feed_note(r, i, 1, "%s: skipped: out of memory", s->arg);
		s->incomplete = 1;
		return -1;
	}
	if (ignore_load(s->ig, fd, ".searchignore", &e) != 0) {
		feed_note(r, i, 1, "%s/%s: skipped the folder: cannot tell "
			  "what to leave out", s->arg, e ? e : "");
		free(e);
		s->incomplete = 1;
		return -1;
	}
	for (size_t k = 0; k < r->nexcludes; k++)
		if (ignore_add(s->ig, r->excludes[k], strlen(r->excludes[k]),
			       IGN_USER) < 0) {
			feed_note(r, i, 1, "%s: skipped: out of memory", s->arg);
			s->incomplete = 1;
			return -1;
		}
	return 0;
}

void
walk_source(run *r, size_t i)
{
	source *s = &r->srcs[i];
	struct stat st;
	const char *base;
	int kind;

	if (stat(s->arg, &st) != 0) {
		feed_note(r, i, 1, "%s: %s", s->arg, strerror(errno));
		s->incomplete = 1;
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		size_t len = strlen(s->arg);
		char *top = str_ndup(s->arg, len);
		int fd;

		while (top && len > 1 && top[len - 1] == '/')
			top[--len] = '\0';
		fd = open(s->arg, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (!top || fd < 0) {
			feed_note(r, i, 1, "%s: skipped: %s", s->arg,
				  strerror(errno));
			s->incomplete = 1;
			if (fd >= 0)
				close(fd);
		} else if (load_rules(r, i, fd) == 0) {
			walk_dir(r, i, fd, top, "", 0);
		} else {
			close(fd);
		}
		free(top);
	} else {
		kind = article_kind(s->arg);
		if (!kind)
			kind = 't';
		if (kind == 'j') {
			int fd = open(s->arg, O_RDONLY | O_CLOEXEC);

			if (fd < 0) {
				feed_note(r, i, 1, "%s: skipped: %s", s->arg,
					  strerror(errno));
				s->incomplete = 1;
			} else
				feed_jsonl(r, i, fd, s->arg, NULL);
		} else {
			job *j = job_new(r, JOB_FILE, i);

			base = strrchr(s->arg, '/');
			if (j) {
				j->kind = kind;
				j->path = str_dup(s->arg);
				j->where = str_dup(s->arg);
				j->id = str_dup(base ? base + 1 : s->arg);
				j->n = S_ISREG(st.st_mode) ? (size_t)st.st_size
							   : 0;
				j->insize = j->n;
				j->keep_on_error = 1;
				if (!j->path || !j->where || !j->id)
					job_free(j);
				else
					pool_feed(r, j);
			}
		}
	}
	if (!pool_stopping(r)) {
		job *j = job_new(r, JOB_END, i);

		if (j)
			pool_feed(r, j);
	}
}
