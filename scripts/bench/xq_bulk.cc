/*
 * xq_bulk: bulk queries in one process with Xapian's own QueryParser and
 * MSet::snippet, a benchmark anchor.
 *
 * Usage: xq_bulk [--and] [--no-snippets] [--limit N] [--snippet-len N]
 *                [--threads N] DBDIR QUERIES
 *
 * QUERIES has one query per line, "qid<TAB>query" or a bare query.  Each
 * query: QueryParser (stemmer english, STEM_SOME, default operator OR, or
 * AND with --and), BM25 (Xapian's default weighting), the top N results
 * (default 10); for each result its id (value slot 0, as tg_index stores
 * it) and, unless --no-snippets, MSet::snippet over the whole stored text
 * (the document data; default length 200 bytes).  Results go to standard
 * output in input order ("qid rank id score" lines, then the snippet).
 * With --threads N the queries are shared among N threads, each with its own
 * Database handle.
 *
 * On standard error, one line:
 *   queries N seconds S qps Q median_ms M p90_ms P hits H
 * where seconds is the wall time of the whole run after the database opens
 * and median/p90 are per-query latencies (parse, match, fetch, snippets).
 *
 * This is what we compare against, not part of the engine: it may use
 * QueryParser and MSet::snippet.
 */
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

struct opts {
	bool and_op = false;
	bool snippets = true;
	unsigned limit = 10;
	size_t snippet_len = 200;
	unsigned threads = 1;
	const char *db = NULL;
};

struct job {
	std::string qid, query;
	std::string out;
	double ms = 0;
	unsigned long hits = 0;
};

typedef std::chrono::steady_clock clk;

static void
run_one(const opts &o, Xapian::Database &db, Xapian::QueryParser &qp,
	Xapian::Enquire &enq, const Xapian::Stem &stem, job &j)
{
	auto t0 = clk::now();
	std::string &out = j.out;
	try {
		Xapian::Query q = qp.parse_query(j.query,
						 Xapian::QueryParser::FLAG_DEFAULT);
		enq.set_query(q);
		Xapian::MSet m = enq.get_mset(0, o.limit);
		unsigned rank = 0;
		for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it) {
			Xapian::Document doc = it.get_document();
			char score[32];
			snprintf(score, sizeof score, "%.4f", it.get_weight());
			out += j.qid;
			out += ' ';
			out += std::to_string(++rank);
			out += ' ';
			out += doc.get_value(0);
			out += ' ';
			out += score;
			out += '\n';
			if (o.snippets) {
				out += m.snippet(doc.get_data(), o.snippet_len, stem);
				out += '\n';
			}
		}
		j.hits = m.get_matches_estimated();
	} catch (const Xapian::Error &e) {
		out += j.qid + " error " + e.get_description() + "\n";
	}
	(void)db;
	j.ms = std::chrono::duration<double, std::milli>(clk::now() - t0).count();
}

static void
worker(const opts &o, std::vector<job> &jobs, std::atomic<size_t> &next,
       bool *failed)
{
	try {
		Xapian::Database db(o.db);
		Xapian::Stem stem("english");
		Xapian::QueryParser qp;
		qp.set_database(db);
		qp.set_stemmer(stem);
		qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
		qp.set_default_op(o.and_op ? Xapian::Query::OP_AND
					   : Xapian::Query::OP_OR);
		Xapian::Enquire enq(db);
		enq.set_weighting_scheme(Xapian::BM25Weight());
		size_t i;
		while ((i = next.fetch_add(1)) < jobs.size())
			run_one(o, db, qp, enq, stem, jobs[i]);
	} catch (const Xapian::Error &e) {
		fprintf(stderr, "xq_bulk: %s\n", e.get_description().c_str());
		*failed = true;
	}
}

int
main(int argc, char **argv)
{
	opts o;
	int i = 1;
	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--and"))
			o.and_op = true;
		else if (!strcmp(argv[i], "--or"))
			o.and_op = false;
		else if (!strcmp(argv[i], "--no-snippets"))
			o.snippets = false;
		else if (!strcmp(argv[i], "--snippets"))
			o.snippets = true;
		else if (!strcmp(argv[i], "--limit") && i + 1 < argc)
			o.limit = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--snippet-len") && i + 1 < argc)
			o.snippet_len = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
			o.threads = (unsigned)strtoul(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "xq_bulk: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: xq_bulk [--and] [--no-snippets] "
				"[--limit N] [--snippet-len N] [--threads N] "
				"DBDIR QUERIES\n");
		return 2;
	}
	if (o.threads < 1 || o.threads > 64)
		o.threads = 1;
	o.db = argv[i];
	FILE *f = fopen(argv[i + 1], "r");
	if (!f) {
		perror(argv[i + 1]);
		return 1;
	}
	std::vector<job> jobs;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) > 0) {
		std::string s(line, (size_t)len);
		while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
			s.pop_back();
		if (s.empty())
			continue;
		job j;
		size_t tab = s.find('\t');
		if (tab == std::string::npos) {
			j.qid = std::to_string(jobs.size() + 1);
			j.query = s;
		} else {
			j.qid = s.substr(0, tab);
			j.query = s.substr(tab + 1);
		}
		jobs.push_back(std::move(j));
	}
	free(line);
	fclose(f);

	bool failed = false;
	std::atomic<size_t> next(0);
	auto t0 = clk::now();
	if (o.threads == 1) {
		worker(o, jobs, next, &failed);
	} else {
		std::vector<std::thread> ts;
		for (unsigned t = 0; t < o.threads; t++)
			ts.emplace_back(worker, std::cref(o), std::ref(jobs),
					std::ref(next), &failed);
		for (auto &t : ts)
			t.join();
	}
	for (auto &j : jobs)
		fwrite(j.out.data(), 1, j.out.size(), stdout);
	fflush(stdout);
	double s = std::chrono::duration<double>(clk::now() - t0).count();
	if (failed)
		return 1;
	std::vector<double> ms;
	unsigned long hits = 0;
	for (auto &j : jobs) {
		ms.push_back(j.ms);
		hits += j.hits;
	}
	std::sort(ms.begin(), ms.end());
	double med = ms.empty() ? 0 : ms[ms.size() / 2];
	double p90 = ms.empty() ? 0 : ms[ms.size() * 9 / 10];
	fprintf(stderr, "queries %zu seconds %.3f qps %.1f median_ms %.3f "
			"p90_ms %.3f hits %lu\n",
		jobs.size(), s, s > 0 ? jobs.size() / s : 0.0, med, p90, hits);
	return 0;
}
