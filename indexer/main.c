/*
 * indexer: reads article collections (folders of .txt/.md/.html files, or
 * JSON Lines files) and writes them into a Xapian index.  See man/indexer.1.
 *
 * Exit status: 0 all indexed; 1 something was skipped or failed (each with a
 * message naming file and line); 2 usage; 3 the index is locked by another
 * indexer.  SIGINT/SIGTERM: commits what is done, then exits 130/143.
 */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "index.h"
#include "util.h"
#include "xdb.h"

#define MAX_DEPTH 64

typedef struct run {
	xdb *db;
	ixb *b;
	xdb_doc *d;
	buf idterm;
	article_jsonmap map;
	unsigned batch;	    /* documents per commit */
	size_t batch_bytes; /* text bytes per commit */
	/* counts */
	unsigned long added, updated, unchanged, skipped, pending;
	size_t bytes, pending_bytes;
	double t0, last_progress;
	int progress; /* stderr is a terminal */
	int quiet;
	int failed; /* a fatal write error happened */
	/* ids seen in this run: duplicates are reported */
	uint64_t *seen;
	size_t nseen, capseen;
} run;

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
progress(run *r, int force)
{
	double t = now_seconds();
	unsigned long n = r->added + r->updated + r->unchanged;

	if (!r->progress || r->quiet || (!force && t - r->last_progress < 0.5))
		return;
	r->last_progress = t;
	fprintf(stderr, "\r%lu documents, %.1f MB, %.0f documents/s   ", n,
		r->bytes / 1e6, n / (t - r->t0 + 1e-9));
}

static void
note(run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
note(run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->progress && !r->quiet)
		fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

static int
commit(run *r)
{
	char *e = NULL;

	if (xdb_commit(r->db, &e) != XDB_OK) {
		note(r, "commit failed: %s", e ? e : "unknown error");
		free(e);
		r->failed = 1;
		return -1;
	}
	r->pending = 0;
	r->pending_bytes = 0;
	return 0;
}

/* Records the hash of an id; returns 1 if it was seen before in this run. */
static int
seen_before(run *r, uint64_t h)
{
	size_t i;

	if (r->nseen * 2 >= r->capseen) {
		size_t cap = r->capseen ? r->capseen * 2 : 4096;
		uint64_t *t = calloc(cap, sizeof *t), *old = r->seen;

		if (!t)
			return 0;
		for (i = 0; i < r->capseen; i++) {
			size_t j;

			if (!old[i])
				continue;
			for (j = old[i] % cap; t[j]; j = (j + 1) % cap)
				;
			t[j] = old[i];
		}
		free(old);
		r->seen = t;
		r->capseen = cap;
	}
	h |= 1; /* 0 marks an empty slot */
	for (i = h % r->capseen; r->seen[i]; i = (i + 1) % r->capseen)
		if (r->seen[i] == h)
			return 1;
	r->seen[i] = h;
	r->nseen++;
	return 0;
}

/* Adds one parsed article.  where: "file" or "file:line" for messages. */
static void
add_article(run *r, const article *a, const char *where)
{
	uint64_t hash;
	char hex[17], *old = NULL, *e = NULL;
	size_t oldlen = 0;
	int rc;

	if (r->failed)
		return;
	if (ixb_build(r->b, a, r->d, &r->idterm, &hash, &e) != 0) {
		note(r, "%s: skipped: %s", where, e ? e : "cannot index");
		free(e);
		r->skipped++;
		return;
	}
	if (seen_before(r, index_hash(INDEX_HASH_SEED, r->idterm.p,
				      r->idterm.n)))
		note(r, "%s: warning: id '%s' appears twice; the later article "
			"replaces the earlier one", where, a->id);
	snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash);
	rc = xdb_get_value(r->db, r->idterm.p, r->idterm.n, XDB_SLOT_HASH, &old,
			   &oldlen, NULL);
	if (rc == XDB_OK && oldlen == 16 && memcmp(old, hex, 16) == 0) {
		free(old);
		r->unchanged++;
		r->bytes += a->textlen;
		progress(r, 0);
		return;
	}
	free(old);
	if (xdb_replace(r->db, r->idterm.p, r->idterm.n, r->d, &e) != XDB_OK) {
		note(r, "%s: write failed: %s", where, e ? e : "unknown error");
		free(e);
		r->failed = 1;
		return;
	}
	if (rc == XDB_OK)
		r->updated++;
	else
		r->added++;
	r->bytes += a->textlen;
	r->pending++;
	r->pending_bytes += a->textlen;
	if (r->pending >= r->batch || r->pending_bytes >= r->batch_bytes)
		commit(r);
	progress(r, 0);
}

/* Reads a whole file (at most ART_MAXBYTES).  Returns 0 or -1 with a
 * message printed. */
static int
slurp(run *r, const char *path, buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	ssize_t k;

	if (fd < 0) {
		note(r, "%s: skipped: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && (size_t)st.st_size > ART_MAXBYTES) {
		note(r, "%s: skipped: larger than %u MB", path,
		     ART_MAXBYTES >> 20);
		close(fd);
		return -1;
	}
	buf_reset(out);
	for (;;) {
		if (buf_grow(out, 65536) < 0) {
			note(r, "%s: skipped: out of memory", path);
			close(fd);
			return -1;
		}
		k = read(fd, out->p + out->n, out->cap - out->n - 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			note(r, "%s: skipped: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (k == 0)
			break;
		out->n += (size_t)k;
		if (out->n > ART_MAXBYTES) {
			note(r, "%s: skipped: larger than %u MB", path,
			     ART_MAXBYTES >> 20);
			close(fd);
			return -1;
		}
	}
	out->p[out->n] = '\0';
	close(fd);
	return 0;
}

static void
index_jsonl(run *r, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *e = NULL, where[4096 + 32];
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	article a = {0};

	if (!f) {
		note(r, "%s: skipped: %s", path, strerror(errno));
		r->skipped++;
		return;
	}
	while (!got_signal && !r->failed && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n == 0 || (n == 1 && line[0] == ' '))
			continue;
		snprintf(where, sizeof where, "%s:%lu", path, lineno);
		if (lineno == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
			memmove(line, line + 3, (size_t)(n -= 3));
		if (article_from_json(&a, line, (size_t)n, &r->map, where, &e) !=
		    ART_OK) {
			note(r, "%s: skipped: %s", where, e ? e : "bad line");
			free(e);
			e = NULL;
			r->skipped++;
			continue;
		}
		add_article(r, &a, where);
	}
	if (ferror(f)) {
		note(r, "%s: read error: %s", path, strerror(errno));
		r->skipped++;
	}
	article_clear(&a);
	free(line);
	fclose(f);
}

/* Indexes one file; id is its path relative to the source it was found
 * under (or its name when given directly). */
static void
index_file(run *r, const char *path, const char *id, int kind)
{
	buf data = BUF_INIT;
	article a = {0};
	char *e = NULL;
	int rc;

	if (kind == 'j') {
		index_jsonl(r, path);
		return;
	}
	if (slurp(r, path, &data) < 0) {
		r->skipped++;
		buf_free(&data);
		return;
	}
	if (kind == 'h')
		rc = article_from_html(&a, id, data.p, data.n, &e);
	else
		rc = article_from_text(&a, id, data.p, data.n, &e);
	if (rc != ART_OK) {
		note(r, "%s: skipped: %s", path, e ? e : "cannot read");
		free(e);
		r->skipped++;
	} else {
		add_article(r, &a, path);
	}
	article_clear(&a);
	buf_free(&data);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 for names a folder walk leaves out: hidden files, and the folder's own
 * documentation (README.*), which is not an article. */
static int
ignored_name(const char *name)
{
	return name[0] == '.' || strncasecmp(name, "README.", 7) == 0;
}

/* Walks a folder in sorted order (deterministic ids and docids), without
 * following symbolic links to folders (no loops), depth-capped. */
static void
walk(run *r, const char *dir, size_t rootlen, int depth)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (depth > MAX_DEPTH) {
		note(r, "%s: skipped: folders nested deeper than %d", dir,
		     MAX_DEPTH);
		r->skipped++;
		return;
	}
	d = opendir(dir);
	if (!d) {
		note(r, "%s: skipped: %s", dir, strerror(errno));
		r->skipped++;
		return;
	}
	while ((de = readdir(d))) {
		if (ignored_name(de->d_name))
			continue;
		if (n == cap) {
			char **t = realloc(names, (cap = cap ? cap * 2 : 64) *
						      sizeof *t);
			if (!t)
				break;
			names = t;
		}
		if (!(names[n] = str_dup(de->d_name)))
			break;
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		char *path = str_printf("%s/%s", dir, names[i]);
		struct stat st;
		int kind;

		if (!path || got_signal || r->failed) {
			free(path);
			continue;
		}
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
			if (stat(path, &st) != 0) {
				note(r, "%s: skipped: broken link", path);
				r->skipped++;
				free(path);
				continue;
			}
			if (S_ISDIR(st.st_mode)) {
				note(r, "%s: skipped: link to a folder (not "
					"followed)", path);
				free(path);
				continue;
			}
		} else if (lstat(path, &st) != 0) {
			note(r, "%s: skipped: %s", path, strerror(errno));
			r->skipped++;
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode))
			walk(r, path, rootlen, depth + 1);
		else if (S_ISREG(st.st_mode) && (kind = article_kind(path)))
			index_file(r, path, path + rootlen, kind);
		free(path);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
index_source(run *r, const char *src)
{
	struct stat st;
	const char *base;
	int kind;

	if (stat(src, &st) != 0) {
		note(r, "%s: %s", src, strerror(errno));
		r->skipped++;
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		size_t len = strlen(src);
		char *root = str_ndup(src, len);

		while (len > 1 && root[len - 1] == '/')
			root[--len] = '\0';
		walk(r, root, len + 1, 0);
		free(root);
		return;
	}
	kind = article_kind(src);
	if (!kind)
		kind = 't';
	base = strrchr(src, '/');
	index_file(r, src, base ? base + 1 : src, kind);
}

/* The index named by --db, $SEARCHER_DB, or the default (see README). */
static char *
default_db(void)
{
	const char *e = getenv("SEARCHER_DB"), *x, *h;

	if (e && *e)
		return str_dup(e);
	if ((x = getenv("XDG_DATA_HOME")) && *x)
		return str_printf("%s/searcher/index", x);
	if ((h = getenv("HOME")) && *h)
		return str_printf("%s/.local/share/searcher/index", h);
	return str_dup("index");
}

/* mkdir -p for the parent folders of path. */
static void
make_parents(const char *path)
{
	char *p = str_dup(path);

	for (char *s = p ? p + 1 : NULL; s && *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		mkdir(p, 0777);
		*s = '/';
	}
	free(p);
}

static int
set_field(article_jsonmap *m, const char *spec)
{
	const char *eq = strchr(spec, '=');
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
		{"id", offsetof(article_jsonmap, id)},
		{"title", offsetof(article_jsonmap, title)},
		{"date", offsetof(article_jsonmap, date)},
		{"source", offsetof(article_jsonmap, source)},
		{"author", offsetof(article_jsonmap, author)},
		{"url", offsetof(article_jsonmap, url)},
		{"lang", offsetof(article_jsonmap, lang)},
		{"text", offsetof(article_jsonmap, text)},
	};

	if (!eq || eq == spec || !eq[1])
		return -1;
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (strlen(fields[i].name) == (size_t)(eq - spec) &&
		    strncmp(spec, fields[i].name, (size_t)(eq - spec)) == 0) {
			*(const char **)((char *)m + fields[i].off) = eq + 1;
			return 0;
		}
	return -1;
}

static void
usage(FILE *f)
{
	fputs("usage: indexer [--db DIR] [options] SOURCE...\n"
	      "  SOURCE: a folder (recursive: .txt .md .html .htm), a file, or a\n"
	      "          .jsonl file (one article per line)\n"
	      "  --db DIR            the index (default: $SEARCHER_DB, else\n"
	      "                      ~/.local/share/searcher/index)\n"
	      "  --field NAME=KEYS   JSON keys for a field, first present wins\n"
	      "                      (NAME: id title date source author url lang\n"
	      "                      text), e.g. --field text=body,abstract\n"
	      "  --batch N           documents per commit (default 2000)\n"
	      "  -q, --quiet         no progress line or summary\n"
	      "  -h, --help          this help\n"
	      "Exit: 0 ok, 1 something skipped or failed, 2 usage, 3 index locked\n",
	      f);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"field", required_argument, NULL, 'f'},
		{"batch", required_argument, NULL, 'b'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	run r = {0};
	char *dbpath = NULL, *e = NULL;
	int c, rc;
	struct sigaction sa;

	r.map = article_jsonmap_default;
	r.batch = 2000;
	r.batch_bytes = 64u << 20;
	while ((c = getopt_long(argc, argv, "d:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			free(dbpath);
			dbpath = str_dup(optarg);
			break;
		case 'f':
			if (set_field(&r.map, optarg) < 0) {
				warnx("--field: expected NAME=KEYS with NAME one "
				      "of id title date source author url lang "
				      "text, got '%s'", optarg);
				return 2;
			}
			break;
		case 'b':
			r.batch = (unsigned)strtoul(optarg, NULL, 10);
			if (r.batch < 1 || r.batch > 1000000) {
				warnx("--batch: expected 1..1000000");
				return 2;
			}
			break;
		case 'q':
			r.quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	if (!dbpath)
		dbpath = default_db();
	make_parents(dbpath);
	rc = xdb_open_write(dbpath, &r.db, &e);
	if (rc != XDB_OK) {
		if (rc == XDB_ELOCK)
			warnx("%s: the index is being written by another indexer "
			      "(try again when it has finished)", dbpath);
		else
			warnx("%s: cannot open the index for writing: %s",
			      dbpath, e ? e : "unknown error");
		free(e);
		free(dbpath);
		return rc == XDB_ELOCK ? 3 : 1;
	}
	r.b = ixb_new(&e);
	r.d = xdb_doc_new();
	if (!r.b || !r.d) {
		warnx("cannot start: %s", e ? e : "out of memory");
		return 1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	r.progress = isatty(2);
	r.t0 = now_seconds();
	for (int i = optind; i < argc && !got_signal && !r.failed; i++)
		index_source(&r, argv[i]);
	if (!r.failed)
		commit(&r);
	progress(&r, 1);
	if (r.progress && !r.quiet)
		fputs("\r\033[K", stderr);
	{
		double t = now_seconds() - r.t0;
		unsigned long n = r.added + r.updated + r.unchanged;

		if (!r.quiet)
			fprintf(stderr,
				"indexer: %lu documents (%lu added, %lu updated, "
				"%lu unchanged), %lu skipped; %.1f MB in %.2f s "
				"(%.0f documents/s, %.1f MB/s); index %s holds "
				"%u documents\n",
				n, r.added, r.updated, r.unchanged, r.skipped,
				r.bytes / 1e6, t, n / (t > 0 ? t : 1e-9),
				r.bytes / 1e6 / (t > 0 ? t : 1e-9), dbpath,
				xdb_doccount(r.db));
	}
	if (got_signal)
		warnx("interrupted: committed the documents indexed so far");
	xdb_close(r.db);
	xdb_doc_free(r.d);
	ixb_free(r.b);
	buf_free(&r.idterm);
	free(r.seen);
	free(dbpath);
	if (got_signal)
		return 128 + got_signal;
	return r.failed || r.skipped ? 1 : 0;
}
