/*
 * indexer: reads article collections (folders of .txt/.md/.html files, or
 * JSON Lines files) and writes them into a Xapian index.  See man/indexer.1
 * and indexer.h for how the work is split.
 *
 * Exit status: 0 all indexed; 1 something was skipped or failed (each with a
 * message naming file and line); 2 usage; 3 the index is locked by another
 * indexer.  SIGINT/SIGTERM: commits what is done, then exits 130/143.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "indexer.h"
#include "version.h"
#include "synonym.h"
#include "tok.h"

volatile sig_atomic_t ix_signal;
static pthread_mutex_t print_mu = PTHREAD_MUTEX_INITIALIZER;
static buf user_synonyms = BUF_INIT; /* --synonyms FILE, read once */

static void
on_signal(int sig)
{
	ix_signal = sig;
}

/* "1:02:03" or "2:03" */
static void
fmt_duration(char *out, size_t size, double s)
{
	unsigned long v = s < 0 ? 0 : s > 359999 ? 359999 : (unsigned long)s;

	if (v >= 3600)
		snprintf(out, size, "%lu:%02lu:%02lu", v / 3600, v / 60 % 60,
			 v % 60);
	else
		snprintf(out, size, "%lu:%02lu", v / 60, v % 60);
}

void
ix_count(run *r, unsigned long docs, size_t bytes)
{
	__atomic_add_fetch(&r->done, docs, __ATOMIC_RELAXED);
	__atomic_add_fetch(&r->bytes, bytes, __ATOMIC_RELAXED);
}

void
ix_progress(run *r, int force)
{
	double t = now_seconds(), el;
	unsigned long n;
	uint64_t total, in;
	char left[32];

	if (!r->progress || r->quiet)
		return;
	pthread_mutex_lock(&print_mu);
	if (!force && t - r->last_progress < 0.5) {
		pthread_mutex_unlock(&print_mu);
		return;
	}
	r->last_progress = t;
	el = t - r->t0 + 1e-9;
	n = __atomic_load_n(&r->done, __ATOMIC_RELAXED);
	fprintf(stderr, "\r%lu documents, %.1f MB, %.0f documents/s", n,
		__atomic_load_n(&r->bytes, __ATOMIC_RELAXED) / 1e6, n / el);
	/* the share of the input read, once its size is known; the time
	 * left at the pace so far */
	total = __atomic_load_n(&r->in_total, __ATOMIC_RELAXED);
	in = __atomic_load_n(&r->in_done, __ATOMIC_RELAXED);
	if (total && in) {
		double share = in >= total ? 1 : (double)in / (double)total;

		fmt_duration(left, sizeof left, el / share - el);
		fprintf(stderr, ", %.0f%%, %s left", 100 * share, left);
	}
	fputs("\033[K", stderr);
	pthread_mutex_unlock(&print_mu);
}

void
ix_note(run *r, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&print_mu);
	if (r->progress && !r->quiet)
		fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	pthread_mutex_unlock(&print_mu);
}

int
ix_read_small(const char *path, buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t k;

	if (fd < 0) {
		warn("%s", path);
		return -1;
	}
	for (;;) {
		if (out->n > IX_MAXTEXT) {
			warnx("%s: larger than %u MB", path, IX_MAXTEXT >> 20);
			close(fd);
			return -1;
		}
		if (buf_grow(out, 65536) < 0) {
			warnx("%s: out of memory", path);
			close(fd);
			return -1;
		}
		k = read(fd, out->p + out->n, 65536);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			warn("%s", path);
			close(fd);
			return -1;
		}
		if (k == 0)
			break;
		out->n += (size_t)k;
		out->p[out->n] = '\0';
	}
	close(fd);
	return 0;
}

int
ix_load_synonyms(run *r, xdb *db)
{
	char *e = NULL;
	tok *t = tok_new(&e);
	int rc = -1;

	if (!t) {
		ix_note(r, "synonyms: %s", e ? e : "cannot start the tokenizer");
		free(e);
		return -1;
	}
	if (synonym_load(db, t, synonym_default, strlen(synonym_default), 1,
			 NULL, &e) != 0)
		ix_note(r, "synonyms: %s", e ? e : "cannot load the built-in list");
	else if (r->synfile &&
		 synonym_load(db, t, user_synonyms.p ? user_synonyms.p : "",
			      user_synonyms.n, 0, NULL, &e) != 0)
		ix_note(r, "%s: %s", r->synfile, e ? e : "cannot load synonyms");
	else
		rc = 0;
	free(e);
	tok_free(t);
	return rc;
}

static int
set_field(article_jsonmap *m, const char *spec)
{
	const char *eq = strchr(spec, '=');
	static const struct {
		const char *name;
		size_t off;
	} keys[] = {
		{"id", offsetof(article_jsonmap, id)},
		{"title", offsetof(article_jsonmap, title)},
		{"date", offsetof(article_jsonmap, date)},
		{"source", offsetof(article_jsonmap, source)},
		{"author", offsetof(article_jsonmap, author)},
		{"url", offsetof(article_jsonmap, url)},
		{"lang", offsetof(article_jsonmap, lang)},
		{"text", offsetof(article_jsonmap, text)},
		{"names", offsetof(article_jsonmap, names)},
	};

	if (!eq || eq == spec || !eq[1])
		return -1;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (strlen(keys[i].name) == (size_t)(eq - spec) &&
		    strncmp(spec, keys[i].name, (size_t)(eq - spec)) == 0) {
			*(const char **)((char *)m + keys[i].off) = eq + 1;
			return 0;
		}
	return -1;
}

/* The JSON key map is part of what a document is made from: a salt for
 * its content hash, so that a new --field re-indexes (0 for the default). */
static uint64_t
map_salt(const article_jsonmap *m)
{
	const char *v[] = {m->id, m->title, m->date, m->source,
			   m->author, m->url, m->lang, m->text, m->names};
	const article_jsonmap *d = &article_jsonmap_default;
	const char *dv[] = {d->id, d->title, d->date, d->source,
			    d->author, d->url, d->lang, d->text, d->names};
	uint64_t h = SCHEMA_HASH_SEED;
	int same = 1;

	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		h = schema_hash(h, v[i], strlen(v[i]) + 1);
		same &= !strcmp(v[i], dv[i]);
	}
	return same ? 0 : h | 1;
}

static void
usage(FILE *f)
{
	fputs("usage: indexer [--db DIR] [options] SOURCE...\n"
	      "       indexer [--db DIR] --list\n"
	      "  SOURCE: a folder (recursive: .txt .md .html .htm .jsonl), a\n"
	      "          file, or a .jsonl file (one article per line)\n"
	      "  --db DIR            the index (default: $SEARCHER_DB, else\n"
	      "                      ~/.local/share/searcher/index)\n"
	      "  --field NAME=KEYS   JSON keys for a field, first present wins\n"
	      "                      (NAME: id title date source author url lang\n"
	      "                      text; names: every key present, searched\n"
	      "                      as title text), e.g. --field text=body\n"
	      "  --fields FILE       what the metadata fields of JSON records\n"
	      "                      are: filter, facet, text, list (kept in\n"
	      "                      the index; see man indexer)\n"
	      "  --threads N         worker threads (default: number of cores)\n"
	      "  --shards N          a new index (or --rebuild) in N shards\n"
	      "  --rebuild           build a new index of just these sources and\n"
	      "                      swap it in at the end\n"
	      "  --keep-missing      keep documents whose files are gone\n"
	      "  --exclude GLOB      leave out matching files of a folder\n"
	      "                      (.searchignore syntax; '!GLOB' takes\n"
	      "                      back, e.g. --exclude '!README.md')\n"
	      "  --no-dedup          no near-duplicate signatures: no copies\n"
	      "                      are grouped (to measure their cost)\n"
	      "  --batch N           documents per commit (default 250 when\n"
	      "                      building, 1000 when updating)\n"
	      "  --synonyms FILE     add this synonym list to the built-in one\n"
	      "  --list              print the indexed documents: docid, id, hash\n"
	      "  -q, --quiet         no progress line or summary\n"
	      "  -v, --verbose       say how long each phase took\n"
	      "  -h, --help          this help\n"
	      "      --version       the version\n"
	      "Exit: 0 ok, 1 something skipped or failed, 2 usage, 3 index locked\n",
	      f);
}

/* --list: the documents that have one id term (several when sources
 * share an id), each with its content hash and its id as written. */
typedef struct list_ctx {
	xdb *db;
	const char *term;	/* the id term */
	size_t len;
	unsigned docid[64];	/* of the current id, with their hashes */
	char hash[64][17];
	size_t n;
	char *err;		/* a read failed */
} list_ctx;

static int
on_hash(void *ctx, unsigned docid, const char *v, size_t vlen)
{
	list_ctx *c = ctx;

	if (c->n == sizeof c->docid / sizeof *c->docid)
		return 1;
	c->docid[c->n] = docid;
	snprintf(c->hash[c->n], sizeof c->hash[0], "%.*s",
		 (int)(vlen < 16 ? vlen : 16), v);
	c->n++;
	return 0;
}

static int
on_meta(void *ctx, unsigned docid, const char *v, size_t vlen)
{
	list_ctx *c = ctx;
	article_view av;

	for (size_t i = 0; i < c->n; i++) {
		if (c->docid[i] != docid)
			continue;
		/* the id as written (the id term is cut when very long) */
		if (article_unpack(v, vlen, &av) == 0 && av.id[0])
			printf("%u\t%s\t%s\n", docid, av.id, c->hash[i]);
		else
			printf("%u\t%.*s\t%s\n", docid, (int)c->len - 1,
			       c->term + 1, c->hash[i]);
	}
	return 0;
}

static int
on_id(void *ctx, const char *term, size_t len, unsigned termfreq)
{
	list_ctx *c = ctx;

	(void)termfreq;
	c->term = term;
	c->len = len;
	c->n = 0;
	if (xdb_term_values(c->db, term, len, SCHEMA_SLOT_HASH, on_hash, c,
			    &c->err) != ST_OK ||
	    xdb_term_values(c->db, term, len, SCHEMA_SLOT_META, on_meta, c,
			    &c->err) != ST_OK)
		return 1;
	return 0;
}

/* --list: every document's docid, id and content hash, by id. */
static int
list_index(const char *dbpath)
{
	xdb *db = NULL;
	char *e = NULL;
	int rc = xdb_open(dbpath, &db, &e);
	list_ctx lc = {0};

	if (rc != ST_OK) {
		warnx("%s: %s", dbpath,
		      rc == ST_ENOENT ? "no index there" : e ? e : "cannot open");
		free(e);
		return 1;
	}
	lc.db = db;
	rc = xdb_allterms(db, "Q", 1, on_id, &lc, &e);
	xdb_close(db);
	if (rc == ST_OK && lc.err) {
		rc = ST_ERR;
		e = lc.err;
	}
	if (rc != ST_OK || fflush(stdout) != 0) {
		warnx("%s: %s", dbpath, e ? e : "cannot list");
		if (lc.err != e)
			free(lc.err);
		free(e);
		return 1;
	}
	return 0;
}

static unsigned
ncores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

static int
number(const char *opt, const char *s, unsigned long lo, unsigned long hi,
       unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v < lo || v > hi) {
		warnx("%s: expected a number from %lu to %lu, got '%s'", opt,
		      lo, hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* What the options say beyond the run itself. */
typedef struct opts {
	const char *dbarg; /* --db: copied after the options, so an option
			      error leaks nothing */
	unsigned long shards;
	int rebuild, list;
	const char *fieldsfile; /* --fields */
} opts;

/* A usage error: the message, then where to look, not the whole usage. */
static int
bad_usage(const char *msg)
{
	if (msg)
		warnx("%s", msg);
	fputs("Try 'indexer --help' for more information.\n", stderr);
	return 2;
}

/* Reads the options into r and o.  Returns -1 to go on, else the exit
 * status (--help, --version, a usage error). */
static int
parse_args(int argc, char **argv, run *r, opts *o)
{
	enum { O_THREADS = 256, O_SHARDS, O_REBUILD, O_KEEP, O_LIST,
	       O_VERSION, O_EXCLUDE, O_NODEDUP, O_FIELDS };
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"field", required_argument, NULL, 'f'},
		{"fields", required_argument, NULL, O_FIELDS},
		{"batch", required_argument, NULL, 'b'},
		{"synonyms", required_argument, NULL, 's'},
		{"threads", required_argument, NULL, O_THREADS},
		{"shards", required_argument, NULL, O_SHARDS},
		{"rebuild", no_argument, NULL, O_REBUILD},
		{"keep-missing", no_argument, NULL, O_KEEP},
		{"no-dedup", no_argument, NULL, O_NODEDUP},
		{"list", no_argument, NULL, O_LIST},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, O_VERSION},
		{"exclude", required_argument, NULL, O_EXCLUDE},
		{NULL, 0, NULL, 0},
	};
	unsigned long v;
	int c;

	while ((c = getopt_long(argc, argv, "d:qvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->dbarg = optarg;
			break;
		case 'f':
			if (set_field(&r->map, optarg) < 0) {
				warnx("--field: expected NAME=KEYS with NAME one "
				      "of id title date source author url lang "
				      "text names, got '%s'", optarg);
				return 2;
			}
			break;
		case 'b':
			if (number("--batch", optarg, 1, 1000000, &v) < 0)
				return 2;
			r->batch = (unsigned)v;
			break;
		case 's':
			r->synfile = optarg;
			break;
		case O_THREADS:
			if (number("--threads", optarg, 1, 64, &v) < 0)
				return 2;
			r->threads = (unsigned)v;
			break;
		case O_SHARDS:
			if (number("--shards", optarg, 1, IX_MAXSHARDS, &v) < 0)
				return 2;
			o->shards = v;
			break;
		case O_REBUILD:
			o->rebuild = 1;
			break;
		case O_KEEP:
			r->keep_missing = 1;
			break;
		case O_EXCLUDE: /* argv outlives the run: keep pointers */
			if (!r->excludes)
				r->excludes = calloc((size_t)argc,
						     sizeof *r->excludes);
			if (!r->excludes)
				errx(1, "out of memory");
			r->excludes[r->nexcludes++] = optarg;
			break;
		case O_NODEDUP:
			r->nodedup = 1;
			break;
		case O_FIELDS:
			o->fieldsfile = optarg;
			break;
		case O_LIST:
			o->list = 1;
			break;
		case 'q':
			r->quiet = 1;
			break;
		case 'v':
			r->verbose = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case O_VERSION:
			printf("indexer %s\n", ENGINE_VERSION);
			return 0;
		default: /* getopt said what was wrong */
			return bad_usage(NULL);
		}
	}
	if (o->list && optind < argc)
		return bad_usage("--list takes no SOURCE");
	if (!o->list && optind >= argc)
		return bad_usage("no SOURCE given");
	return -1;
}

/* Opens the index and decides how this run writes (bulk or incremental,
 * how many shards).  Returns -1 to go on, else the exit status (the store
 * closed). */
static int
open_index(run *r, const char *dbpath, const opts *o)
{
	char *e = NULL;
	int rc = store_open(&r->st, dbpath, &e);

	if (rc == ST_ELOCK) {
		warnx("%s: the index is being written by another indexer "
		      "(try again when it has finished)", dbpath);
		store_close(&r->st);
		return 3;
	}
	if (rc != ST_OK) {
		warnx("%s", e ? e : "cannot open the index");
		store_close(&r->st);
		free(e);
		return 1;
	}
	if (r->st.legacy) {
		if (o->rebuild || o->shards > 1) {
			warnx("%s: this index has the older one-database layout:"
			      " index into a new folder for --rebuild or "
			      "--shards", dbpath);
			store_close(&r->st);
			return 2;
		}
		r->nshards = 1;
	} else if (o->rebuild || r->st.docs == 0) {
		r->bulk = 1;
		r->nshards = o->shards ? (unsigned)o->shards
			   : r->st.nshards ? r->st.nshards : 1;
	} else {
		if (o->shards && o->shards != r->st.nshards) {
			warnx("%s: the index has %u shard%s; add --rebuild to "
			      "build it again in %lu", dbpath, r->st.nshards,
			      r->st.nshards == 1 ? "" : "s", o->shards);
			store_close(&r->st);
			return 2;
		}
		r->nshards = r->st.nshards;
	}
	return -1;
}

/* Xapian holds about 10-15 bytes of memory per byte of text added since
 * the last commit: these keep the writers' share bounded. */
static void
set_batch(run *r)
{
	if (r->bulk) {
		r->batch = r->batch ? r->batch : 250;
		r->batch_bytes = (4u << 20) / r->threads;
		if (r->batch_bytes < (1u << 20))
			r->batch_bytes = 1u << 20;
	} else {
		r->batch = r->batch ? r->batch : 1000;
		r->batch_bytes = 4u << 20;
	}
}

/* The run's sources, from the arguments.  Returns 1 if the size of the
 * input is known now (no folder among them): r->in_total is then set. */
static int
make_sources(run *r, char **args, size_t n)
{
	uint64_t total = 0;
	int sized = 1;

	r->nsrcs = n;
	r->srcs = calloc(r->nsrcs, sizeof *r->srcs);
	if (!r->srcs)
		errx(1, "out of memory");
	for (size_t i = 0; i < r->nsrcs; i++) {
		source *s = &r->srcs[i];
		struct stat st;
		buf t = BUF_INIT;
		int ok;

		s->arg = args[i];
		s->abs = realpath(s->arg, NULL);
		if (!s->abs)
			s->abs = str_dup(s->arg);
		ok = stat(s->arg, &st) == 0;
		s->is_dir = ok && S_ISDIR(st.st_mode);
		if (ok && S_ISREG(st.st_mode))
			total += (uint64_t)st.st_size;
		else
			sized = 0;
		if (!s->abs)
			errx(1, "out of memory");
		s->label = strrchr(s->abs, '/') && s->abs[1]
				   ? strrchr(s->abs, '/') + 1 : s->abs;
		schema_srcterm(&t, s->abs);
		if (!(s->term = buf_steal(&t)))
			errx(1, "out of memory");
	}
	if (sized)
		r->in_total = total;
	return sized;
}

/* The summary line of a run. */
static void
summary(run *r, const char *dbpath)
{
	double t = now_seconds() - r->t0;
	unsigned long n = r->added + r->updated + r->unchanged;
	xdb *db = NULL;
	unsigned held = 0;
	char *e = NULL;
	int rc = xdb_open(r->st.dir, &db, &e);

	if (rc == ST_OK)
		rc = xdb_doccount(db, &held, &e);
	xdb_close(db);
	if (rc != ST_OK) {
		warnx("%s: cannot count the documents of the index: %s",
		      dbpath, e ? e : "unknown error");
		free(e);
		r->failed = 1;
	}
	fprintf(stderr,
		"indexer: %lu documents (%lu added, %lu updated, "
		"%lu unchanged, %lu removed), %lu skipped; %.1f MB in "
		"%.2f s (%.0f documents/s, %.1f MB/s); index %s holds "
		"%u documents\n",
		n, r->added, r->updated, r->unchanged, r->removed,
		r->skipped, r->bytes / 1e6, t, n / (t > 0 ? t : 1e-9),
		r->bytes / 1e6 / (t > 0 ? t : 1e-9), dbpath, held);
}

/* The note on the files a walk left out, after the summary. */
static void
left_note(const run *r)
{
	if (r->left_default)
		warnx("left out %lu file%s that look%s like no article (%s%s): "
		      "to index %s, add --exclude '!NAME' or a line '!NAME' "
		      "to the folder's .searchignore",
		      r->left_default, r->left_default == 1 ? "" : "s",
		      r->left_default == 1 ? "s" : "", r->left_names.p,
		      r->left_default > 3 ? ", ..." : "",
		      r->left_default == 1 ? "it" : "them");
	if (r->left_user)
		warnx("left out %lu file%s or folder%s matched by .searchignore "
		      "or --exclude", r->left_user, r->left_user == 1 ? "" : "s",
		      r->left_user == 1 ? "" : "s");
}

static void
free_sources(run *r)
{
	for (size_t i = 0; i < r->nsrcs; i++) {
		ignore_free(r->srcs[i].ig);
		free(r->srcs[i].abs);
		free(r->srcs[i].term);
		free(r->srcs[i].kn);
		free(r->srcs[i].seen);
	}
	free(r->srcs);
}

/* Indexes the sources into the open index: starts the pool, walks, waits.
 * Returns the exit status. */
static int
index_sources(run *r, const char *dbpath, int sized)
{
	struct sigaction sa;
	char *e = NULL;
	int rc;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	r->progress = isatty(2);
	r->t0 = now_seconds();
	if ((rc = pool_start(r, &e)) != 0) {
		/* pool_start cleaned up what it made */
		warnx("%s", e ? e : "cannot start");
		if (rc == ST_ELOCK)
			warnx("%s: a shard is being written by another program "
			      "(try again when it has finished)", dbpath);
		free(e);
		return rc == ST_ELOCK ? 3 : 1;
	}
	for (size_t i = 0; i < r->nsrcs && !pool_stopping(r); i++)
		walk_source(r, i);
	/* a folder's size is known once it has been walked */
	if (!sized)
		__atomic_store_n(&r->in_total,
				 __atomic_load_n(&r->in_fed, __ATOMIC_RELAXED),
				 __ATOMIC_RELAXED);
	if (pool_finish(r) != 0)
		r->failed = 1;
	if (r->progress && !r->quiet)
		fputs("\r\033[K", stderr);
	if (!r->quiet) {
		summary(r, dbpath);
		left_note(r);
	}
	if (ix_signal && !r->failed)
		warnx("interrupted: committed the documents indexed so far");
	else if (r->failed)
		warnx("stopped after an error: the index is as of its last "
		      "commit");
	return ix_signal ? 128 + ix_signal : r->failed || r->skipped ? 1 : 0;
}

int
main(int argc, char **argv)
{
	run r;
	opts o = {0};
	char *dbpath = NULL;
	int rc, sized;
	struct rlimit rl;

	memset(&r, 0, sizeof r);
	r.map = article_jsonmap_default;
	r.threads = ncores();
	if ((rc = parse_args(argc, argv, &r, &o)) >= 0)
		goto out;
	dbpath = o.dbarg ? str_dup(o.dbarg) : index_default_path();
	if (!dbpath)
		errx(1, "out of memory");
	r.salt = map_salt(&r.map);
	if (o.list) {
		rc = list_index(dbpath);
		goto out;
	}
	if (r.synfile && (ix_read_small(r.synfile, &user_synonyms) < 0 ||
			  !u8_valid(user_synonyms.p ? user_synonyms.p : "",
				    user_synonyms.n, NULL))) {
		if (!user_synonyms.err)
			warnx("%s: not UTF-8 text", r.synfile);
		rc = 1;
		goto out;
	}
	/* a bulk build merges many temporary databases at once */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if ((rc = open_index(&r, dbpath, &o)) >= 0)
		goto out;
	set_batch(&r);
	sized = make_sources(&r, argv + optind, (size_t)(argc - optind));
	if (scan_fields(&r, o.fieldsfile, o.rebuild) < 0)
		rc = 2;
	else
		rc = index_sources(&r, dbpath, sized);
	free_sources(&r);
	store_close(&r.st);
out:
	buf_free(&user_synonyms);
	buf_free(&r.left_names);
	fields_clear(&r.fields);
	free(r.excludes);
	free(dbpath);
	return rc;
}
