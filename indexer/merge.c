/*
 * merge: the end of a bulk run.  The chunks' temporary databases are
 * merged, shard by shard and in input order, with Xapian's compaction into
 * the shards of a new generation; where an id was written twice the later
 * document stays; the spelling table and the synonyms are made once; then
 * store_publish makes the new generation the index.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dup.h"
#include "pool.h"

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

	if (xdb_open_write(path, &db, &e) != ST_OK)
		goto out;
	for (dupe *d = p->dupes; d; d = d->next) {
		dedupe_ctx c = {NULL, 0, 0};

		if (d->shard != k)
			continue;
		if (xdb_postings(db, d->term, d->len, on_posting, &c, &e) !=
		    ST_OK) {
			free(c.ids);
			goto out;
		}
		for (size_t i = 0; i + 1 < c.n; i++)
			if (xdb_delete_docid(db, c.ids[i], &e) != ST_OK) {
				free(c.ids);
				goto out;
			}
		free(c.ids);
	}
	if (xdb_spelling_from_terms(db, schema_spellable, &e) != ST_OK)
		goto out;
	if (ix_load_synonyms(r, db) < 0 || ix_store_fields(r, db) < 0)
		goto out;
	if (xdb_commit(db, &e) != ST_OK)
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

/* The duplicate groups of the merged shards (dup.h), as an incremental run
 * would have made them.  0 or -1. */
static int
group_shards(run *r, char **paths, unsigned n)
{
	xdb **dbs = calloc(n, sizeof *dbs);
	char *e = NULL;
	int rc = dbs ? ST_OK : ST_ENOMEM;

	for (unsigned k = 0; k < n && rc == ST_OK; k++)
		rc = xdb_open_write(paths[k], &dbs[k], &e);
	if (rc == ST_OK)
		rc = dup_regroup(dbs, n, NULL, &e);
	for (unsigned k = 0; k < n && rc == ST_OK; k++)
		rc = xdb_commit(dbs[k], &e);
	if (rc != ST_OK)
		ix_note(r, "%s: grouping copies failed: %s", r->st.dir,
			e ? e : "out of memory");
	for (unsigned k = 0; dbs && k < n; k++) {
		if (rc == ST_OK)
			xdb_close(dbs[k]);
		else
			xdb_close_discard(dbs[k]);
	}
	free(dbs);
	free(e);
	return rc == ST_OK ? 0 : -1;
}

int
merge_publish(run *r)
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
				ST_OK ||
			    xdb_commit(db, &e) != ST_OK) {
				ix_note(r, "%s: %s", paths[k],
					e ? e : "cannot create");
				xdb_close_discard(db);
				goto out;
			}
			xdb_close(db);
		} else if (xdb_compact(srcs, ns, paths[k], &e) != ST_OK) {
			ix_note(r, "%s: merging failed: %s", paths[k],
				e ? e : "unknown error");
			goto out;
		}
		for (size_t i = 0; i < ns; i++)
			store_rmtree(srcs[i]); /* disk space, as we go */
		if (fix_shard(r, paths[k], k) != 0)
			goto out;
	}
	if (group_shards(r, paths, n) != 0)
		goto out;
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
