/*
 * ignore: which files of a folder source are not articles.
 *
 * Rules, in order, the last that matches deciding (as in .gitignore):
 *   1. the built-in list of obvious non-articles (ignore_default): a
 *      folder's README, LICENSE, SOURCE.txt and the like;
 *   2. the lines of the source folder's .searchignore;
 *   3. the --exclude GLOBs, in the order given.
 * A rule is a gitignore-style glob: '*', '?' and '[...]' (fnmatch); a rule
 * with a '/' before its end matches the path from the source folder (a
 * leading '/' only anchors it), one without matches the name at any depth;
 * a trailing '/' matches folders only; a leading '!' takes a match back
 * (so "!README.md" indexes a README); blank lines and '#' lines are
 * nothing.  A file named on the command line is always read.
 */
#define _GNU_SOURCE /* FNM_CASEFOLD */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "indexer.h"

typedef struct rule {
	char *pat;
	int neg;     /* '!': take a match back */
	int dironly; /* trailing '/' */
	int path;    /* has a '/': matched against the whole relative path */
	int kind;    /* IGN_DEFAULT or IGN_USER */
} rule;

struct ignore {
	rule *v;
	size_t n, cap;
};

/* The obvious non-articles a folder of articles often holds: matched
 * case-insensitively against the name, any extension. */
static const char *const defaults[] = {
	"README", "README.*", "LICENSE", "LICENSE.*", "LICENCE", "LICENCE.*",
	"COPYING", "COPYING.*", "CHANGELOG", "CHANGELOG.*", "CHANGES",
	"CHANGES.*", "SOURCE", "SOURCE.*", "SOURCES", "SOURCES.*", "AUTHORS",
	"AUTHORS.*", "CONTRIBUTING", "CONTRIBUTING.*", "NOTICE", "NOTICE.*",
	"CODE_OF_CONDUCT", "CODE_OF_CONDUCT.*",
};

const char *const *
ignore_default(size_t *n)
{
	*n = sizeof defaults / sizeof *defaults;
	return defaults;
}

ignore *
ignore_new(void)
{
	ignore *ig = calloc(1, sizeof *ig);
	size_t i;

	for (i = 0; ig && i < sizeof defaults / sizeof *defaults; i++)
		if (ignore_add(ig, defaults[i], strlen(defaults[i]),
			       IGN_DEFAULT) < 0) {
			ignore_free(ig);
			return NULL;
		}
	return ig;
}

void
ignore_free(ignore *ig)
{
	if (!ig)
		return;
	for (size_t i = 0; i < ig->n; i++)
		free(ig->v[i].pat);
	free(ig->v);
	free(ig);
}

int
ignore_add(ignore *ig, const char *line, size_t n, int kind)
{
	rule r = {0};

	while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' ||
		     line[n - 1] == '\t'))
		n--;
	if (!n || line[0] == '#')
		return 0;
	if (line[0] == '!') {
		r.neg = 1;
		line++;
		n--;
	}
	if (n && line[n - 1] == '/') {
		r.dironly = 1;
		n--;
	}
	if (n && line[0] == '/') {
		r.path = 1;
		line++;
		n--;
	}
	if (!n)
		return 0;
	r.path |= memchr(line, '/', n) != NULL;
	r.kind = kind;
	if (!(r.pat = str_ndup(line, n)))
		return -1;
	if (ig->n == ig->cap) {
		size_t cap = ig->cap ? ig->cap * 2 : 32;
		rule *t = realloc(ig->v, cap * sizeof *t);

		if (!t) {
			free(r.pat);
			return -1;
		}
		ig->v = t;
		ig->cap = cap;
	}
	ig->v[ig->n++] = r;
	return 0;
}

int
ignore_load(ignore *ig, int dfd, const char *name, char **err)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC);
	buf b = BUF_INIT;
	char chunk[4096];
	ssize_t k;

	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		return seterr(err, -1, "%s: %s", name, strerror(errno));
	}
	while ((k = read(fd, chunk, sizeof chunk)) > 0 && b.n < (1u << 20))
		buf_add(&b, chunk, (size_t)k);
	close(fd);
	if (k < 0 || b.err) {
		buf_free(&b);
		return seterr(err, -1, "%s: %s", name,
			      k < 0 ? strerror(errno) : "out of memory");
	}
	for (size_t i = 0; i < b.n;) {
		const char *nl = memchr(b.p + i, '\n', b.n - i);
		size_t len = nl ? (size_t)(nl - (b.p + i)) : b.n - i;

		if (ignore_add(ig, b.p + i, len, IGN_USER) < 0) {
			buf_free(&b);
			return seterr(err, -1, "out of memory");
		}
		i += len + 1;
	}
	buf_free(&b);
	return 0;
}

int
ignore_match(const ignore *ig, const char *rel, int is_dir)
{
	const char *name = strrchr(rel, '/');
	int verdict = 0;

	name = name ? name + 1 : rel;
	for (size_t i = 0; ig && i < ig->n; i++) {
		const rule *r = &ig->v[i];
		int flags = r->kind == IGN_DEFAULT ? FNM_CASEFOLD : 0;

		if ((r->dironly && !is_dir) || (r->kind == IGN_DEFAULT && is_dir))
			continue;
		if (r->path ? fnmatch(r->pat, rel, flags | FNM_PATHNAME)
			    : fnmatch(r->pat, name, flags))
			continue;
		verdict = r->neg ? 0 : r->kind;
	}
	return verdict;
}
