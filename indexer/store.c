/*
 * store: the index folder.
 *
 *   DIR/XAPIANDB       Xapian stub file: one line "auto shardK.G" per shard,
 *                      so Xapian (and searcher --db DIR) opens DIR as the
 *                      union of its shards
 *   DIR/shardK.G/      shard K (0..N-1) of generation G: a glass database
 *   DIR/indexer.lock   held (flock) by the running indexer
 *   DIR/.build-PID/    temporary databases of a bulk build (removed)
 *
 * A bulk build writes generation G+1 beside G and publishes it by renaming
 * a new stub over XAPIANDB: readers see the old index or the new one, never
 * a mix.  An older layout, where DIR is itself a glass database, is still
 * read and updated (one shard, no bulk builds).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "indexer.h"

/* mkdir -p for path and its parents.  0 or -1 with errno. */
static int
make_dirs(const char *path)
{
	char *p = str_dup(path);

	if (!p)
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		mkdir(p, 0777);
		*s = '/';
	}
	free(p);
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

static int
exists(const char *dir, const char *name)
{
	char *p = str_printf("%s/%s", dir, name);
	struct stat st;
	int rc = p && lstat(p, &st) == 0;

	free(p);
	return rc;
}

/* 1 for names this program writes in an index folder. */
static int
own_name(const char *name, unsigned *k, unsigned *gen)
{
	unsigned a, b;
	int n = 0;

	if (strcmp(name, "XAPIANDB") == 0 || strcmp(name, "indexer.lock") == 0 ||
	    strcmp(name, "XAPIANDB.tmp") == 0 ||
	    strncmp(name, ".build-", 7) == 0)
		return 1;
	if (sscanf(name, "shard%u.%u%n", &a, &b, &n) == 2 &&
	    name[n] == '\0') {
		if (k)
			*k = a;
		if (gen)
			*gen = b;
		return 2;
	}
	return 0;
}

void
store_rmtree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;

	if (!d) {
		unlink(path);
		return;
	}
	while ((de = readdir(d))) {
		char *p;
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		p = str_printf("%s/%s", path, de->d_name);
		if (!p)
			continue;
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			store_rmtree(p);
		else
			unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(path);
}

static void
free_shards(store *s)
{
	for (unsigned i = 0; i < s->nshards; i++)
		free(s->shards[i]);
	free(s->shards);
	s->shards = NULL;
	s->nshards = 0;
}

/* Reads DIR/XAPIANDB.  0, or -1 with *err. */
static int
read_stub(store *s, char **err)
{
	char *path = str_printf("%s/XAPIANDB", s->dir), line[4096];
	FILE *f = path ? fopen(path, "r") : NULL;
	unsigned lineno = 0;

	free(path);
	if (!f)
		return seterr(err, -1, "%s/XAPIANDB: %s", s->dir,
			      strerror(errno));
	while (fgets(line, sizeof line, f)) {
		char name[4096];
		unsigned k, gen;
		char **t;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (sscanf(line, "auto %4095s", name) != 1 ||
		    own_name(name, &k, &gen) != 2 || k != s->nshards ||
		    (s->nshards && gen != s->gen) ||
		    s->nshards >= IX_MAXSHARDS) {
			fclose(f);
			free_shards(s);
			return seterr(err, -1,
				      "%s/XAPIANDB: line %u: not a shard list "
				      "written by the indexer (edit it back, "
				      "or index into a new folder)",
				      s->dir, lineno);
		}
		t = realloc(s->shards, (s->nshards + 1) * sizeof *t);
		if (!t || !(t[s->nshards] = str_printf("%s/%s", s->dir, name))) {
			if (t)
				s->shards = t;
			fclose(f);
			free_shards(s);
			return seterr(err, -1, "out of memory");
		}
		s->shards = t;
		s->gen = gen;
		s->nshards++;
	}
	fclose(f);
	return 0;
}

/* Removes what a killed run left: temporary folders, shard folders the stub
 * does not list.  Needs the lock. */
static void
clean_leftovers(store *s)
{
	DIR *d = opendir(s->dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		int kind = own_name(de->d_name, NULL, NULL);
		char *p;
		int listed = 0;

		if (kind == 0 || !strcmp(de->d_name, "XAPIANDB") ||
		    !strcmp(de->d_name, "indexer.lock"))
			continue;
		p = str_printf("%s/%s", s->dir, de->d_name);
		if (!p)
			continue;
		for (unsigned i = 0; i < s->nshards; i++)
			if (!strcmp(s->shards[i], p))
				listed = 1;
		if (!listed)
			store_rmtree(p);
		free(p);
	}
	closedir(d);
}

/* 1 if the folder has entries this program did not write. */
static int
foreign_entries(const char *dir, char *first, size_t cap)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;

	if (!d)
		return 0;
	while (!found && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    own_name(de->d_name, NULL, NULL))
			continue;
		snprintf(first, cap, "%s", de->d_name);
		found = 1;
	}
	closedir(d);
	return found;
}

/* Writes the stub listing names[0..n) (relative to DIR) atomically. */
static int
write_stub(store *s, char **names, unsigned n, char **err)
{
	char *tmp = str_printf("%s/XAPIANDB.tmp", s->dir);
	char *dst = str_printf("%s/XAPIANDB", s->dir);
	FILE *f = tmp ? fopen(tmp, "w") : NULL;
	int rc = -1, dfd;

	if (!f) {
		seterr(err, -1, "%s: %s", tmp ? tmp : s->dir, strerror(errno));
		goto out;
	}
	fprintf(f, "# searcher index: %u shard%s, written by the indexer "
		   "(see man indexer)\n", n, n == 1 ? "" : "s");
	for (unsigned i = 0; i < n; i++)
		fprintf(f, "auto %s\n", names[i]);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		seterr(err, -1, "%s: %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, dst) != 0) {
		seterr(err, -1, "%s: %s", dst, strerror(errno));
		unlink(tmp);
		goto out;
	}
	dfd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
out:
	free(tmp);
	free(dst);
	return rc;
}

/* A new index: one empty shard of generation 0, and the stub. */
static int
make_empty(store *s, char **err)
{
	char *path = store_shard_path(s, 0, 0);
	char *name = path ? strrchr(path, '/') + 1 : NULL;
	xdb *db = NULL;
	char *e = NULL;

	if (!path)
		return seterr(err, -1, "out of memory");
	store_rmtree(path);
	if (xdb_open_write_opts(path, XDB_W_NEW, &db, &e) != ST_OK ||
	    xdb_commit(db, &e) != ST_OK) {
		seterr(err, -1, "%s: %s", path, e ? e : "cannot create");
		free(e);
		xdb_close_discard(db);
		free(path);
		return -1;
	}
	xdb_close(db);
	if (write_stub(s, &name, 1, err) != 0) {
		free(path);
		return -1;
	}
	s->shards = calloc(1, sizeof *s->shards);
	if (!s->shards) {
		free(path);
		return seterr(err, -1, "out of memory");
	}
	s->shards[0] = path;
	s->nshards = 1;
	s->gen = 0;
	return 0;
}

int
store_open(store *s, const char *dir, char **err)
{
	char *lock, other[256];
	xdb *db = NULL;

	memset(s, 0, sizeof *s);
	s->lockfd = -1;
	if (!(s->dir = str_dup(dir)))
		return seterr(err, ST_ERR, "out of memory");
	while (strlen(s->dir) > 1 && s->dir[strlen(s->dir) - 1] == '/')
		s->dir[strlen(s->dir) - 1] = '\0';
	if (make_dirs(s->dir) != 0)
		return seterr(err, ST_ERR, "%s: cannot create the folder: %s",
			      s->dir, strerror(errno));
	lock = str_printf("%s/indexer.lock", s->dir);
	s->lockfd = lock ? open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666) : -1;
	free(lock);
	if (s->lockfd < 0)
		return seterr(err, ST_ERR, "%s: %s", s->dir, strerror(errno));
	if (flock(s->lockfd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			return ST_ELOCK;
		return seterr(err, ST_ERR, "%s/indexer.lock: %s", s->dir,
			      strerror(errno));
	}
	if (exists(s->dir, "iamglass")) {
		s->legacy = 1;
		s->nshards = 1;
		s->shards = calloc(1, sizeof *s->shards);
		if (!s->shards || !(s->shards[0] = str_dup(s->dir)))
			return seterr(err, ST_ERR, "out of memory");
	} else if (exists(s->dir, "XAPIANDB")) {
		if (read_stub(s, err) != 0)
			return ST_ERR;
		clean_leftovers(s);
	} else {
		if (foreign_entries(s->dir, other, sizeof other))
			return seterr(err, ST_ERR,
				      "%s is not an index and not empty (it "
				      "holds '%s'): give --db a new or empty "
				      "folder", s->dir, other);
		clean_leftovers(s);
		/* an empty index that opens and answers, until the first
		 * bulk build publishes generation 1 */
		if (make_empty(s, err) != 0)
			return ST_ERR;
	}
	if (s->nshards) {
		/* a count the index cannot give is an error, never 0: the
		 * run would take a damaged index for a new one and build
		 * it afresh from this run's sources alone */
		char *e = NULL;
		unsigned n = 0;
		int rc = xdb_open(s->dir, &db, &e);

		if (rc == ST_OK)
			rc = xdb_doccount(db, &n, &e);
		xdb_close(db);
		if (rc != ST_OK) {
			seterr(err, ST_ERR, "%s: the index cannot be read: %s; "
			       "nothing was changed (to build it again, move "
			       "the folder away first)", s->dir,
			       e ? e : "unknown error");
			free(e);
			return ST_ERR;
		}
		s->docs = n;
	}
	return ST_OK;
}

void
store_close(store *s)
{
	if (s->lockfd >= 0)
		close(s->lockfd); /* releases the lock */
	free_shards(s);
	free(s->dir);
	memset(s, 0, sizeof *s);
	s->lockfd = -1;
}

char *
store_shard_path(const store *s, unsigned gen, unsigned k)
{
	return str_printf("%s/shard%u.%u", s->dir, k, gen);
}

char *
store_tmpdir(store *s, char **err)
{
	char *p = str_printf("%s/.build-%ld", s->dir, (long)getpid());

	if (!p) {
		seterr(err, -1, "out of memory");
		return NULL;
	}
	store_rmtree(p);
	if (mkdir(p, 0777) != 0) {
		seterr(err, -1, "%s: %s", p, strerror(errno));
		free(p);
		return NULL;
	}
	return p;
}

int
store_publish(store *s, unsigned gen, char **paths, unsigned n, char **err)
{
	char **names = calloc(n ? n : 1, sizeof *names);
	char **old = s->shards;
	unsigned nold = s->nshards;

	if (!names)
		return seterr(err, -1, "out of memory");
	for (unsigned i = 0; i < n; i++) {
		const char *slash = strrchr(paths[i], '/');

		names[i] = (char *)(slash ? slash + 1 : paths[i]);
	}
	if (write_stub(s, names, n, err) != 0) {
		free(names);
		return -1;
	}
	free(names);
	s->shards = calloc(n ? n : 1, sizeof *s->shards);
	if (!s->shards) {
		s->shards = old;
		return seterr(err, -1, "out of memory");
	}
	for (unsigned i = 0; i < n; i++)
		s->shards[i] = str_dup(paths[i]);
	s->nshards = n;
	s->gen = gen;
	/* Searchers that read the old stub a moment ago may still be opening
	 * the old shards: give them that moment, then remove them (open
	 * databases keep working on the removed files). */
	if (nold) {
		struct timespec ts = {0, 200 * 1000 * 1000};

		nanosleep(&ts, NULL);
	}
	for (unsigned i = 0; i < nold; i++) {
		int keep = 0;

		for (unsigned j = 0; j < n; j++)
			if (s->shards[j] && !strcmp(old[i], s->shards[j]))
				keep = 1;
		if (!keep)
			store_rmtree(old[i]);
		free(old[i]);
	}
	free(old);
	return 0;
}

void
store_touch(store *s)
{
	char *p;

	if (s->legacy)
		return;
	p = str_printf("%s/XAPIANDB", s->dir);
	if (p)
		utimensat(AT_FDCWD, p, NULL, 0);
	free(p);
}
