/*
 * searcher: ranked search with highlighted snippets over an index made by
 * indexer.  One program, three modes: the command line (this file), bulk
 * queries for scripts (--batch, batch.c), and a CGI/FastCGI page (cgi.c,
 * chosen when the CGI environment is present).  See man/searcher.1.
 *
 * Exit status: 0 ok (also when nothing matched), 1 runtime error (no index,
 * index error, a wildcard that expands too far), 2 usage.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "date.h"
#include "recency.h"
#include "prf.h"
#include "searcher.h"
#include "tok.h"
#include "version.h"
#include "xdb.h"

searcher *
searcher_open(const char *path)
{
	searcher *s = NULL;
	char *e = NULL;
	int rc = search_open(path, &s, &e);

	if (rc == ST_OK)
		return s;
	if (rc == ST_ENOENT)
		warnx("no index at %s: build one first, e.g. "
		      "'indexer --db %s corpus/' (or set SEARCHER_DB)",
		      path, path);
	else
		warnx("%s: cannot open the index: %s", path,
		      e ? e : "unknown error");
	free(e);
	return NULL;
}

static int
print_term(void *ctx, const tok_token *t)
{
	buf *o = ctx;

	if (o->n)
		buf_addc(o, ' ');
	buf_add(o, t->term, t->len);
	return 0;
}

/* --tokenize: each line of standard input becomes the line of its terms,
 * as the indexer and the query parser see them (for scripts and for
 * checking what a text turns into). */
static int
tokenize_main(void)
{
	char *line = NULL, *e = NULL;
	size_t cap = 0;
	ssize_t n;
	tok *t = tok_new(&e);
	buf o = BUF_INIT;

	if (!t)
		errx(1, "%s", e ? e : "cannot start the tokenizer");
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		buf_reset(&o);
		tok_run(t, line, (size_t)n, 0, 0, print_term, &o, NULL);
		if (o.p)
			fwrite(o.p, 1, o.n, stdout);
		putchar('\n');
	}
	free(line);
	buf_free(&o);
	tok_free(t);
	return ferror(stdout) ? 1 : 0;
}

/* 1 if standard input is a socket (how FastCGI servers start us). */
static int
stdin_is_socket(void)
{
	struct stat st;

	return fstat(0, &st) == 0 && S_ISSOCK(st.st_mode);
}

static int
count_token(void *ctx, const tok_token *t)
{
	(void)t;
	++*(unsigned long *)ctx;
	return 0;
}

/* --tokenize-bench FILE.jsonl: the tokenizer floor for scripts/bench.
 * Loads every article's text (not timed), then tokenizes them all as the
 * indexer does (with CJK bigrams) and prints on standard error
 *   docs N bytes B tokens T seconds S mb_per_s R */
static int
tokenize_bench(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *e = NULL;
	size_t cap = 0, ndocs = 0, bytes = 0;
	ssize_t n;
	buf texts = BUF_INIT, offs = BUF_INIT;
	unsigned long tokens = 0;
	tok *t;
	double t0, secs;

	if (!f)
		err(1, "%s", path);
	while ((n = getline(&line, &cap, f)) >= 0) {
		article a = {0};
		size_t off[2];

		if (article_from_json(&a, line, (size_t)n, NULL, "x", NULL) ==
		    ST_OK) {
			off[0] = texts.n;
			off[1] = a.textlen;
			buf_add(&texts, a.text, a.textlen);
			buf_add(&offs, off, sizeof off);
			ndocs++;
			bytes += a.textlen;
		}
		article_clear(&a);
	}
	free(line);
	fclose(f);
	if (texts.err || offs.err || !(t = tok_new(&e)))
		errx(1, "%s", e ? e : "out of memory");
	t0 = now_seconds();
	for (size_t i = 0; i < ndocs; i++) {
		size_t off[2];

		memcpy(off, offs.p + i * sizeof off, sizeof off);
		tok_run(t, texts.p + off[0], off[1], TOK_BIGRAMS, 0, count_token,
			&tokens, NULL);
	}
	secs = now_seconds() - t0;
	fprintf(stderr, "docs %zu bytes %zu tokens %lu seconds %.3f mb_per_s %.1f\n",
		ndocs, bytes, tokens, secs, bytes / 1e6 / (secs > 0 ? secs : 1e-9));
	tok_free(t);
	buf_free(&texts);
	buf_free(&offs);
	return 0;
}

static void
usage(FILE *f)
{
	fputs("usage: searcher [--db DIR] [options] [--] QUERY...\n"
	      "       searcher [--db DIR] --batch [FILE] [--format json|trec|tsv|csv]\n"
	      "  --db DIR           the index (default: $SEARCHER_DB, else\n"
	      "                     ~/.local/share/searcher/index)\n"
	      "  -n, --limit N      results per page (default 10, at most 1000)\n"
	      "  --offset N         skip the first N results\n"
	      "  --json             one JSON object per result\n"
	      "  --color=WHEN       auto (default), always or never\n"
	      "  --explain          print how the query was read\n"
	      "  --and, --or        default operator between words (default or)\n"
	      "  --sort=date        newest first instead of by relevance\n"
	      "  --recency HALF     blend relevance with freshness: a bonus that\n"
	      "                     halves every HALF (30d, 2w, 6m, 1y) before\n"
	      "                     the index's newest date\n"
	      "  --since DATE       only documents dated on or after DATE, or\n"
	      "                     undated and indexed on or after it\n"
	      "  --no-snippets      no snippets\n"
	      "  --snippet-chars N  snippet length in characters (default 240)\n"
	      "  --no-synonyms      do not expand synonyms\n"
	      "  --no-collapse      show every near-duplicate copy (default: one per\n"
	      "                     group, with \"N similar copies (dup:KEY)\")\n"
	      "  --timeline         also print the matches counted by year, month\n"
	      "                     or day\n"
	      "  --k1 X, --b X      BM25 parameters (default 1.2, 0.8)\n"
	      "  --title-weight X   extra weight of title matches (default: 0.5\n"
	      "                     for queries of up to 4 words, else 0)\n"
	      "  --truncation X     weight of long words' 6-letter twins (0.55)\n"
	      "  --id-weight X      bonus for identifiers such as SB 1047 (1)\n"
	      "  --name-weight X    bonus for the words standing in a title or\n"
	      "                     name as typed (1)\n"
	      "  --prf, --no-prf    pseudo-relevance feedback for short queries\n"
	      "                     that name no document (default: off)\n"
	      "  --prf-docs N       documents it takes as relevant (--prf: 20)\n"
	      "  --prf-terms N      words it adds (10)\n"
	      "  --prf-weight X     their weight against the query's (0.25)\n"
	      "  --prf-words N      the longest query it expands (5; 0: any)\n"
	      "  --prf-gap X        none when the first result scores X times\n"
	      "                     the second (1.2; 0: always)\n"
	      "  --proximity X      bonus for adjacent words near each other (0)\n"
	      "  --doc ID           show one document, whole, with QUERY's\n"
	      "                     matches highlighted\n"
	      "  --similar ID       articles like document ID (no QUERY)\n"
	      "  --batch [FILE]     bulk mode: one query per line (see man page)\n"
	      "  --format F         output: json (bulk default), trec, tsv or csv\n"
	      "                     (bulk); csv also for one query\n"
	      "  --threads N        bulk mode: queries in parallel\n"
	      "  --no-timings       bulk mode: omit took_ms (byte-identical runs)\n"
	      "  --tokenize         print the terms of each line of standard input\n"
	      "  -h, --help         this help\n"
	      "  --version          the version\n"
	      "Query language: words, \"phrases\", +required -excluded, AND OR NOT\n"
	      "( ), NEAR/n, title: source: author: lang: date:2025..2026, regulat*,\n"
	      "=exact.  See man searcher.\n",
	      f);
}

static int
parse_uint(const char *s, unsigned max, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int
parse_double(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (!*s || *end || !(v >= lo && v <= hi))
		return -1;
	*out = v;
	return 0;
}

enum {
	OPT_JSON = 256, OPT_COLOR, OPT_EXPLAIN, OPT_AND, OPT_OR, OPT_SORT,
	OPT_NOSNIP, OPT_SNIPCHARS, OPT_NOSYN, OPT_K1, OPT_B, OPT_TW, OPT_DOC,
	OPT_BATCH, OPT_FORMAT, OPT_THREADS, OPT_OFFSET, OPT_NOTIMINGS,
	OPT_TAG, OPT_PROX, OPT_TOKENIZE, OPT_TRUNC, OPT_TOKBENCH, OPT_VERSION,
	OPT_IDW, OPT_NOCOLLAPSE, OPT_TIMELINE, OPT_SIMILAR, OPT_SINCE,
	OPT_RECENCY, OPT_NAMEW, OPT_PRF, OPT_NOPRF, OPT_PRFDOCS, OPT_PRFTERMS,
	OPT_PRFW,
	OPT_PRFWORDS,
	OPT_PRFGAP
};

static const struct option opts[] = {
	{"db", required_argument, NULL, 'd'},
	{"limit", required_argument, NULL, 'n'},
	{"offset", required_argument, NULL, OPT_OFFSET},
	{"json", no_argument, NULL, OPT_JSON},
	{"color", optional_argument, NULL, OPT_COLOR},
	{"colour", optional_argument, NULL, OPT_COLOR},
	{"explain", no_argument, NULL, OPT_EXPLAIN},
	{"and", no_argument, NULL, OPT_AND},
	{"or", no_argument, NULL, OPT_OR},
	{"sort", required_argument, NULL, OPT_SORT},
	{"no-snippets", no_argument, NULL, OPT_NOSNIP},
	{"snippet-chars", required_argument, NULL, OPT_SNIPCHARS},
	{"no-synonyms", no_argument, NULL, OPT_NOSYN},
	{"no-collapse", no_argument, NULL, OPT_NOCOLLAPSE},
	{"timeline", no_argument, NULL, OPT_TIMELINE},
	{"k1", required_argument, NULL, OPT_K1},
	{"b", required_argument, NULL, OPT_B},
	{"title-weight", required_argument, NULL, OPT_TW},
	{"proximity", required_argument, NULL, OPT_PROX},
	{"tokenize", no_argument, NULL, OPT_TOKENIZE},
	{"tokenize-bench", required_argument, NULL, OPT_TOKBENCH},
	{"truncation", required_argument, NULL, OPT_TRUNC},
	{"id-weight", required_argument, NULL, OPT_IDW},
	{"name-weight", required_argument, NULL, OPT_NAMEW},
	{"prf", no_argument, NULL, OPT_PRF},
	{"no-prf", no_argument, NULL, OPT_NOPRF},
	{"prf-docs", required_argument, NULL, OPT_PRFDOCS},
	{"prf-terms", required_argument, NULL, OPT_PRFTERMS},
	{"prf-weight", required_argument, NULL, OPT_PRFW},
	{"prf-words", required_argument, NULL, OPT_PRFWORDS},
	{"prf-gap", required_argument, NULL, OPT_PRFGAP},
	{"doc", required_argument, NULL, OPT_DOC},
	{"similar", required_argument, NULL, OPT_SIMILAR},
	{"since", required_argument, NULL, OPT_SINCE},
	{"recency", required_argument, NULL, OPT_RECENCY},
	{"batch", optional_argument, NULL, OPT_BATCH},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"threads", required_argument, NULL, OPT_THREADS},
	{"no-timings", no_argument, NULL, OPT_NOTIMINGS},
	{"tag", required_argument, NULL, OPT_TAG},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

/* What the command line asked for. */
typedef struct cli {
	search_opts so;
	out_opts oo;
	char *dbpath, *doc, *similar;
	char since[DATE_MAX];
	const char *format, *batch;
	int json, color, is_batch;
	unsigned threads;
} cli;

/* A bad option: getopt or errx said what; this says where to look. */
static int
bad_usage(void)
{
	fputs("Try 'searcher --help' for more information.\n", stderr);
	return 2;
}

/* Takes one option.  Returns -1 to go on, else the exit status (the
 * options that do their job at once: --help, --version, --tokenize).
 * Longer than 100 lines on purpose: one short case per option, each with
 * its range and message, reads as the option list does; a table would
 * need a kind of check per row and say less. */
static int
take_option(cli *c, int opt, const char *arg)
{
	search_opts *so = &c->so;
	unsigned v;
	date d;

	switch (opt) {
	case 'd':
		free(c->dbpath);
		c->dbpath = str_dup(arg);
		break;
	case 'n':
		if (parse_uint(arg, 1000, &so->limit) < 0)
			errx(2, "--limit: expected 0..1000");
		break;
	case OPT_OFFSET:
		if (parse_uint(arg, 1000000, &so->offset) < 0)
			errx(2, "--offset: expected 0..1000000");
		break;
	case OPT_JSON:
		c->json = 1;
		break;
	case OPT_COLOR:
		if (!arg || strcmp(arg, "always") == 0)
			c->color = 1;
		else if (strcmp(arg, "never") == 0)
			c->color = 0;
		else if (strcmp(arg, "auto") == 0)
			c->color = -1;
		else
			errx(2, "--color: expected auto, always or never");
		break;
	case OPT_EXPLAIN:
		c->oo.explain = 1;
		c->so.explain = 1;
		break;
	case OPT_AND:
		so->default_op = Q_AND;
		break;
	case OPT_OR:
		so->default_op = Q_OR;
		break;
	case OPT_SORT:
		if (strcmp(arg, "date") == 0)
			so->sort_date = 1;
		else if (strcmp(arg, "relevance") == 0)
			so->sort_date = 0;
		else
			errx(2, "--sort: expected date or relevance");
		break;
	case OPT_NOSNIP:
		so->snippets = 0;
		break;
	case OPT_NOCOLLAPSE:
		so->collapse = 0;
		break;
	case OPT_TIMELINE:
		so->timeline = 1;
		break;
	case OPT_SNIPCHARS:
		if (parse_uint(arg, 100000, &v) < 0 || v < 20)
			errx(2, "--snippet-chars: expected 20..100000");
		so->snip_chars = v;
		break;
	case OPT_NOSYN:
		so->synonyms = 0;
		break;
	case OPT_K1:
		if (parse_double(arg, 0, 10, &so->k1) < 0)
			errx(2, "--k1: expected a number 0..10");
		break;
	case OPT_B:
		if (parse_double(arg, 0, 1, &so->b) < 0)
			errx(2, "--b: expected a number 0..1");
		break;
	case OPT_TW:
		if (parse_double(arg, 0, 100, &so->title_weight) < 0)
			errx(2, "--title-weight: expected 0..100");
		break;
	case OPT_PROX:
		if (parse_double(arg, 0, 100, &so->proximity) < 0)
			errx(2, "--proximity: expected 0..100");
		break;
	case OPT_TRUNC:
		if (parse_double(arg, 0, 100, &so->trunc_weight) < 0)
			errx(2, "--truncation: expected 0..100");
		break;
	case OPT_IDW:
		if (parse_double(arg, 0, 100, &so->id_weight) < 0)
			errx(2, "--id-weight: expected 0..100");
		break;
	case OPT_NAMEW:
		if (parse_double(arg, 0, 100, &so->name_weight) < 0)
			errx(2, "--name-weight: expected 0..100");
		break;
	case OPT_PRF:
		if (!so->prf_docs)
			so->prf_docs = PRF_DOCS_ON;
		break;
	case OPT_NOPRF:
		so->prf_docs = 0;
		break;
	case OPT_PRFDOCS:
		if (parse_uint(arg, 100, &so->prf_docs) < 0)
			errx(2, "--prf-docs: expected 0..100");
		break;
	case OPT_PRFTERMS:
		if (parse_uint(arg, 100, &so->prf_terms) < 0)
			errx(2, "--prf-terms: expected 0..100");
		break;
	case OPT_PRFW:
		if (parse_double(arg, 0, 100, &so->prf_weight) < 0)
			errx(2, "--prf-weight: expected 0..100");
		break;
	case OPT_PRFWORDS:
		if (parse_uint(arg, 128, &so->prf_words) < 0)
			errx(2, "--prf-words: expected 0..128");
		break;
	case OPT_PRFGAP:
		if (parse_double(arg, 0, 100, &so->prf_gap) < 0)
			errx(2, "--prf-gap: expected 0..100");
		break;
	case OPT_TOKENIZE:
		return tokenize_main();
	case OPT_TOKBENCH:
		return tokenize_bench(arg);
	case OPT_DOC:
		free(c->doc);
		c->doc = str_dup(arg);
		break;
	case OPT_SINCE:
		if (date_parse(arg, strlen(arg), DATE_QUERY, &d) < 0)
			errx(2, "--since: '%s' is not a date: expected 2026, "
				"2026-05 or 2026-05-07", arg);
		date_format(&d, DATE_OUT_ISO, c->since);
		so->since = c->since;
		break;
	case OPT_RECENCY:
		if (recency_parse(arg, &so->recency) < 0)
			errx(2, "--recency: '%s' is not a half-life: expected "
				"days or a number with d, w, m or y (30d, 2w, "
				"6m, 1y), from 1 day to 100 years", arg);
		break;
	case OPT_SIMILAR:
		free(c->similar);
		c->similar = str_dup(arg);
		break;
	case OPT_BATCH:
		c->is_batch = 1;
		c->batch = arg;
		break;
	case OPT_FORMAT:
		if (!out_find(arg) || !out_find(arg)->bulk)
			errx(2, "--format: expected json, trec, tsv or csv");
		c->format = arg;
		break;
	case OPT_THREADS:
		if (parse_uint(arg, 64, &c->threads) < 0 || !c->threads)
			errx(2, "--threads: expected 1..64");
		break;
	case OPT_NOTIMINGS:
		c->oo.timings = 0;
		break;
	case OPT_TAG:
		c->oo.tag = arg;
		break;
	case 'h':
		usage(stdout);
		return 0;
	case OPT_VERSION:
		puts("searcher " ENGINE_VERSION);
		return 0;
	default:
		return bad_usage();
	}
	return -1;
}

/* Reads the options into c.  Returns -1 to go on, else the exit status. */
static int
take_options(cli *c, int argc, char **argv)
{
	int opt, rc;

	for (;;) {
		while ((opt = getopt_long(argc, argv, "+d:n:h", opts, NULL)) !=
		       -1)
			if ((rc = take_option(c, opt, optarg)) >= 0)
				return rc;
		/* bulk mode: "--batch FILE" (optional arguments need "=" in
		 * getopt) then more options */
		if (c->is_batch && !c->batch && optind < argc &&
		    strcmp(argv[optind - 1], "--") != 0) {
			c->batch = argv[optind++];
			continue;
		}
		return -1;
	}
}

/* --timeline after the results: a last JSON line {"timeline": ...}, or
 * the bars as text after a blank line. */
static void
print_timeline(buf *o, const timeline *t, int json)
{
	if (json) {
		json_t *j = json_pack("{s:o*}", "timeline", timeline_json(t));
		char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;

		if (s) {
			buf_adds(o, s);
			buf_addc(o, '\n');
		} else {
			o->err = 1;
		}
		free(s);
		json_decref(j);
		return;
	}
	buf_adds(o, "\nTimeline");
	if (t->unit)
		buf_printf(o, " (by %s)", t->unit);
	buf_adds(o, ":\n");
	if (!t->made)
		buf_adds(o, "(not counted: Xapian cannot count it on remote "
			    "shards)\n");
	else if (!t->dated && !t->undated)
		buf_adds(o, "(no matches)\n");
	else
		timeline_text(o, t);
}

/* Runs the query (or --doc) the arguments make and prints the result.
 * Returns the exit status. */
static int
run_query(cli *c, const char *q, size_t qn)
{
	const out_printer *p;
	searcher *s = searcher_open(c->dbpath);
	search_result res;
	buf o = BUF_INIT;
	char *e = NULL;
	int rc;

	if (!s)
		return 1;
	if (c->color < 0)
		c->color = !c->json && isatty(1) && !getenv("NO_COLOR");
	c->oo.color = c->color;
	c->oo.width = 80;
	if (isatty(1)) {
		struct winsize ws;

		if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
			c->oo.width = ws.ws_col > 120 ? 120 : ws.ws_col;
	}
	if (c->doc)
		rc = search_doc(s, c->doc, q, qn, &c->so, &res, &e);
	else if (c->similar)
		rc = search_similar(s, c->similar, &c->so, &res, &e);
	else
		rc = search_run(s, q, qn, &c->so, &res, &e);
	if (rc != ST_OK) {
		if (rc == ST_ENOENT && (c->doc || c->similar))
			warnx("no document with id '%s'",
			      c->doc ? c->doc : c->similar);
		else
			warnx("%s", e ? e : "search failed");
		free(e);
		rc = rc == SEARCH_EBADQUERY ? 2 : 1;
	} else {
		out_ctx oc = {&o, &c->oo, NULL, q, &res, NULL, NULL};

		p = out_find(c->format ? c->format :
				    c->json    ? "json-hits" :
				    c->doc     ? "doc" :
						 "text");
		out_run(p, &oc);
		if (c->so.timeline && !c->doc)
			print_timeline(&o, &res.timeline, c->json);
		if (o.err)
			warnx("out of memory");
		else if (o.n) /* o.p is NULL when nothing matched */
			fwrite(o.p, 1, o.n, stdout);
		rc = 0;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("writing results");
		rc = 1;
	}
	search_result_clear(&res);
	search_close(s);
	buf_free(&o);
	return rc;
}

int
main(int argc, char **argv)
{
	cli c = {0};
	buf q = BUF_INIT;
	int rc;

	/* CGI: the web server sets GATEWAY_INTERFACE; FastCGI servers
	 * (mod_fcgid, spawn-fcgi) start us with no arguments and a listening
	 * socket as standard input. */
	if (getenv("GATEWAY_INTERFACE") || getenv("FCGI_ROLE") ||
	    (argc > 1 && strcmp(argv[1], "--cgi") == 0) ||
	    (argc == 1 && stdin_is_socket()))
		return cgi_main(argc, argv);

	c.so = search_opts_default;
	c.oo.timings = 1;
	c.color = -1;
	c.threads = 1;
	if ((rc = take_options(&c, argc, argv)) >= 0)
		goto out;
	if (!c.dbpath)
		c.dbpath = index_default_path();
	if (c.so.recency > 0 && c.so.sort_date) {
		warnx("--recency blends relevance with freshness; --sort=date "
		      "sorts by date alone: choose one");
		rc = bad_usage();
		goto out;
	}
	if (c.similar && (c.doc || c.is_batch || optind < argc)) {
		warnx("--similar ID takes no query%s", c.doc ? " and no --doc" :
		      c.is_batch ? " and no --batch" : ": the document's own "
		      "words are the query");
		rc = bad_usage();
		goto out;
	}
	if (c.is_batch) {
		if (optind < argc)
			errx(2, "--batch reads queries from a file or standard "
				"input, not from arguments");
		rc = batch_main(c.dbpath, c.batch, &c.so, &c.oo,
				out_find(c.format ? c.format : "json"),
				(int)c.threads);
		goto out;
	}
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			buf_addc(&q, ' ');
		buf_adds(&q, argv[i]);
	}
	if (!c.doc && !c.similar && q.n == 0) {
		usage(stderr);
		rc = 2;
		goto out;
	}
	rc = run_query(&c, q.p ? q.p : "", q.n);
out:
	buf_free(&q);
	free(c.doc);
	free(c.similar);
	free(c.dbpath);
	return rc;
}
