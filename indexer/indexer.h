/*
 * indexer: the program's own modules (not part of lib/).
 *
 *   main.c   options, the run, the summary, --list
 *   store.c  the index folder: lock, stub file, shards, generations, publish
 *   walk.c   sources -> jobs (folder walk, files, JSON Lines lines)
 *   pool.c   the work queue and its threads; pool.h: its modules
 *   job.c    a job's work: read, parse, build
 *   write.c  incremental runs: the writer thread
 *   bulk.c   bulk runs: chunks in temporary databases
 *   merge.c  bulk runs: the merge into a new generation, published
 *   ignore.c which files of a folder are not articles (.searchignore)
 *   scan.c   the metadata fields of JSON Lines records (fields.h)
 *
 * Two ways of writing (see man/indexer.1, "How it writes"):
 *  - bulk, for a new index or --rebuild: every worker thread writes its own
 *    temporary databases, each holding a contiguous run of the input
 *    ("chunks"); at the end they are merged in input order with Xapian's
 *    compaction into a new generation of shards, which one rename of the
 *    stub file publishes.  Document ids follow the input order whatever the
 *    number of threads.
 *  - incremental, for an index that has documents: workers parse and build,
 *    skipping unchanged documents without tokenizing them; one writer
 *    thread adds, replaces and removes in input order and commits in
 *    batches.
 */
#ifndef INDEXER_H
#define INDEXER_H

#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "fields.h"
#include "index.h"
#include "util.h"
#include "xdb.h"

#define IX_MAXTEXT (16u << 20) /* bytes read from one file; longest JSON line */
#define IX_MAXDEPTH 64	       /* folder nesting */
#define IX_MAXSHARDS 256

/* ---- the index folder (store.c) ---- */

typedef struct store {
	char *dir;	/* --db */
	int lockfd;
	int legacy;	/* dir is a glass database itself (older layout) */
	unsigned nshards;
	char **shards;	/* paths of the current shard databases */
	unsigned gen;	/* generation of the current shards */
	unsigned long docs; /* documents in the index when opened */
} store;

/* Opens (creating if needed) the index folder and takes the indexer lock.
 * 0, ST_ELOCK (another indexer holds it) or ST_ERR (err set). */
int store_open(store *s, const char *dir, char **err);
void store_close(store *s);
/* Path of a new database for shard k of generation gen (malloc'd). */
char *store_shard_path(const store *s, unsigned gen, unsigned k);
/* Makes the shards of generation gen (paths[0..n)) the index: writes the
 * stub, renames it into place, removes older generations.  0 or -1. */
int store_publish(store *s, unsigned gen, char **paths, unsigned n,
		  char **err);
/* Tells searchers that the shards changed (touches the stub). */
void store_touch(store *s);
/* A folder for temporary databases of this run (malloc'd path), created. */
char *store_tmpdir(store *s, char **err);
/* Removes a folder tree (temporary databases). */
void store_rmtree(const char *path);

/* ---- what a folder walk leaves out (ignore.c) ---- */

typedef struct ignore ignore;
enum { IGN_DEFAULT = 1, IGN_USER = 2 }; /* why a path is left out */

/* Rules with the built-in list of non-articles (README, LICENSE,
 * SOURCE.txt, ...) first.  NULL without memory. */
ignore *ignore_new(void);
void ignore_free(ignore *ig);
/* The built-in list (n patterns), for messages. */
const char *const *ignore_default(size_t *n);
/* Adds one rule (a line of n bytes in .searchignore syntax, see ignore.c)
 * of kind IGN_DEFAULT or IGN_USER.  0, or -1 without memory. */
int ignore_add(ignore *ig, const char *line, size_t n, int kind);
/* Adds the rules of the file name in the folder open on dfd (none if it
 * does not exist).  0, or -1 with *err. */
int ignore_load(ignore *ig, int dfd, const char *name, char **err);
/* Whether the path rel (from the source folder) is left out: 0 (no),
 * IGN_DEFAULT or IGN_USER (the kind of the last rule that matched). */
int ignore_match(const ignore *ig, const char *rel, int is_dir);

/* ---- sources and jobs ---- */

typedef struct known known; /* documents of a source found in the index */

typedef struct source {
	const char *arg; /* as given */
	char *abs;	 /* absolute path (for the source term) */
	char *term;	 /* "XR..." */
	const char *label; /* the name of abs, within it */
	int is_dir;
	int incomplete;	 /* some folder could not be read: remove nothing */
	ignore *ig;	 /* folders: what the walk leaves out */
	known *kn;	 /* sorted by id hash (incremental runs) */
	size_t nkn;
	unsigned char *seen; /* per kn entry, set by the writer */
} source;

/* A shared open JSON Lines file: jobs read their line with pread. */
typedef struct jfile {
	int fd;
	int refs; /* guarded by the pool's lock */
} jfile;

enum {
	JOB_FILE = 1, /* read path (kind 't' or 'h') */
	JOB_LINE,     /* JSON line: data, or pread(jf, off, n) */
	JOB_NOTE,     /* only a message, in input order */
	JOB_END	      /* end of a source: removals (incremental runs) */
};

enum {
	RES_SKIP = 1,  /* nothing written (message says why) */
	RES_UNCHANGED, /* same hash as in the index */
	RES_DOC,       /* doc built */
	RES_KEEP       /* could not read now: keep what the index has */
};

typedef struct job {
	struct job *next;
	unsigned long seq;
	int type;
	int kind;  /* 't', 'h' (files) */
	int src;   /* index into the run's sources */
	int keep_on_error; /* I/O errors keep the indexed document */
	int walked;	   /* found by a folder walk: regular files only */
	char *where;	   /* "path" or "path:line" */
	char *path;	   /* JOB_FILE: what to open */
	char *id;	   /* JOB_FILE: the document id */
	char *origin;	   /* JOB_LINE: its file's absolute path (NULL:
			      the source's), see ixb_prepare */
	unsigned long lineno; /* JOB_LINE: its line */
	char *data;	   /* JOB_LINE: the line, or NULL: pread */
	jfile *jf;
	uint64_t off;
	size_t n;	   /* size (file: from stat; line: length) */
	uint64_t insize;   /* input bytes it stands for (progress share) */
	/* results */
	int res;
	char *msg;	   /* printed in input order (incremental) */
	article a;	   /* RES_UNCHANGED: kept for the writer */
	int has_article;
	buf idterm;
	uint64_t idh, hash;
	xdb_doc *doc;
	size_t textlen;
} job;

/* ---- the run (main.c) ---- */

typedef struct run {
	store st;
	source *srcs;
	size_t nsrcs;
	article_jsonmap map;
	uint64_t salt;	    /* folded into content hashes (--field) */
	fields fields;	    /* the metadata fields (scan.c) */
	unsigned threads;
	unsigned nshards;
	int bulk;	    /* bulk build (new generation) */
	int keep_missing;
	int nodedup;	    /* --no-dedup: no signatures (ixb_set_dedup) */
	int quiet, progress, verbose;
	const char *synfile;
	char **excludes;    /* --exclude GLOBs (argv) */
	size_t nexcludes;
	/* files a walk left out as not articles (by the built-in list, by
	 * .searchignore or --exclude), with the first few names */
	unsigned long left_default, left_user;
	buf left_names;
	unsigned batch;	    /* documents per commit */
	size_t batch_bytes; /* text bytes per commit */
	/* counts (updated under the pool lock or by the writer) */
	unsigned long added, updated, unchanged, removed, skipped, warned;
	/* read by the progress line while workers write them: only through
	 * ix_count and atomic loads */
	unsigned long done; /* documents handled so far (progress line) */
	size_t bytes;
	/* the share done: input bytes handed to the pool, finished, and in
	 * all (0 while unknown); read and written atomically */
	uint64_t in_fed, in_done, in_total;
	double t0, last_progress;
	int failed;	    /* a write failed: stop, publish nothing */
	struct pool *pool;
} run;

extern volatile sig_atomic_t ix_signal;

/* Messages: "indexer: " + text, serialized, clearing the progress line. */
void ix_note(run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ix_progress(run *r, int force);
/* Counts docs documents and bytes bytes of text done (any thread). */
void ix_count(run *r, unsigned long docs, size_t bytes);

/* ---- walk.c ---- */

/* Feeds every document of source i to the pool, in order.  Returns when
 * the source is done or the run stops. */
void walk_source(run *r, size_t i);

/* ---- pool.c (and its modules: see pool.h) ---- */

/* Starts the worker threads (and the writer for incremental runs).
 * Returns 0; or ST_ELOCK (a shard is locked) or -1 with *err, having
 * stopped and freed all it made (r->pool is then NULL, the index as it
 * was). */
int pool_start(run *r, char **err);
/* Hands a job to the pool (blocks while too much is in flight). */
void pool_feed(run *r, job *j);
/* Waits for everything fed to be written; stops the threads; for bulk
 * runs, merges and publishes.  Returns 0, or -1 if something failed
 * (reported). */
int pool_finish(run *r);
/* 1 once the run stops (a signal, or a write failed). */
int pool_stopping(run *r);
job *job_new(run *r, int type, size_t src);
void job_free(job *j);
void jfile_unref(run *r, jfile *jf);

/* Loads the synonym lists into an open shard (main.c).  0 or -1. */
int ix_load_synonyms(run *r, xdb *db);
/* Reads a small file whole into out (main.c).  0 or -1 (message
 * printed). */
int ix_read_small(const char *path, buf *out);

/* ---- scan.c ---- */

/* Makes r->fields: the index's table (unless fresh), then file's lines
 * (--fields, may be NULL), then the rule over the run's JSON Lines
 * records.  0, or -1 (message printed) if file is bad. */
int scan_fields(run *r, const char *file, int fresh);
/* Writes r->fields into an open shard's metadata.  0 or -1 (noted). */
int ix_store_fields(run *r, xdb *db);

#endif
