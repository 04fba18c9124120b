/*
 * scan: the metadata fields of a run (fields.h), decided before any
 * document is built.  The table starts from what the index already holds
 * (a field keeps what it was made, so later runs agree with earlier ones;
 * --rebuild starts afresh), then --fields FILE (its lines win), then the
 * rule over the records of this run's JSON Lines files: the first
 * SCAN_MAXRECORDS records of each file named on the command line or found
 * in a folder, read as the indexer reads them (article_from_json with the
 * run's key map), so the keys counted are the keys indexed.
 */
#include <dirent.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fields.h"
#include "indexer.h"

#define SCAN_MAXRECORDS 100000

static void
on_stat_item(void *ctx, const char *key, const char *s, size_t n)
{
	fields_stats_add(ctx, key, strlen(key), s, n, 1);
}

/* Counts one extra field; a JSON array's items one by one. */
static int
on_extra(void *ctx, const char *key, const char *val, size_t n)
{
	const char *us = memchr(val, FIELDS_ITEM_SEP, n);
	size_t a = 0;

	if (!us) {
		fields_stats_add(ctx, key, strlen(key), val, n, 0);
		return 0;
	}
	for (size_t i = 0; i <= n; i++)
		if (i == n || val[i] == FIELDS_ITEM_SEP) {
			on_stat_item(ctx, key, val + a, i - a);
			a = i + 1;
		}
	return 0;
}

static void
scan_file(run *r, const char *path, fields_stats *st)
{
	FILE *f = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long k = 0;
	article a = {0};

	if (!f)
		return; /* the walk reports it */
	while (k < SCAN_MAXRECORDS && (n = getline(&line, &cap, f)) > 0) {
		if ((size_t)n > IX_MAXTEXT)
			continue;
		if (article_from_json(&a, line, (size_t)n, &r->map, "-",
				      NULL) == ST_OK)
			article_extra_each(a.extra, a.extralen, on_extra, st);
		k++;
	}
	article_clear(&a);
	free(line);
	fclose(f);
}

static void
scan_path(run *r, const char *path, fields_stats *st, int depth)
{
	struct stat sb;
	DIR *d;
	struct dirent *e;

	if (depth > IX_MAXDEPTH || stat(path, &sb) != 0)
		return;
	if (S_ISREG(sb.st_mode)) {
		if (article_kind(path) == 'j')
			scan_file(r, path, st);
		return;
	}
	if (!S_ISDIR(sb.st_mode) || !(d = opendir(path)))
		return;
	while ((e = readdir(d))) {
		char *p;

		if (e->d_name[0] == '.')
			continue;
		if (!(p = str_printf("%s/%s", path, e->d_name)))
			break;
		scan_path(r, p, st, depth + 1);
		free(p);
	}
	closedir(d);
}

int
scan_fields(run *r, const char *file, int fresh)
{
	fields_stats *st = fields_stats_new();
	char *e = NULL, *v = NULL;
	size_t vlen = 0;
	xdb *db = NULL;
	int rc = 0;

	if (!st)
		errx(1, "out of memory");
	if (!fresh && r->st.docs && xdb_open(r->st.dir, &db, NULL) == ST_OK &&
	    xdb_get_meta(db, FIELDS_META_KEY, &v, &vlen, NULL) == ST_OK)
		fields_parse(&r->fields, v, vlen, 0, NULL);
	free(v);
	xdb_close(db);
	if (file) {
		buf b = BUF_INIT;

		if (ix_read_small(file, &b) < 0 ||
		    fields_parse(&r->fields, b.p ? b.p : "", b.n, 1, &e) != 0) {
			if (e)
				warnx("%s: %s", file, e);
			rc = -1;
		}
		buf_free(&b);
		free(e);
	}
	for (size_t i = 0; rc == 0 && i < r->nsrcs; i++)
		scan_path(r, r->srcs[i].arg, st, 0);
	if (rc == 0 && fields_classify(&r->fields, st) != ST_OK)
		errx(1, "out of memory");
	fields_stats_free(st);
	return rc;
}

int
ix_store_fields(run *r, xdb *db)
{
	buf b = BUF_INIT;
	char *e = NULL;
	int rc;

	fields_print(&r->fields, &b);
	if (b.err) {
		ix_note(r, "fields: out of memory");
		return -1;
	}
	rc = xdb_set_meta(db, FIELDS_META_KEY, b.p ? b.p : "", b.n, &e);
	if (rc != ST_OK)
		ix_note(r, "fields: %s", e ? e : "cannot store the table");
	free(e);
	buf_free(&b);
	return rc == ST_OK ? 0 : -1;
}
