#!/usr/bin/env python3
"""SQLite FTS5 anchor: index a JSONL corpus, run bulk queries.

Usage:
  fts5.py index DBFILE FILE.jsonl
  fts5.py query [--and] [--no-snippets] [--limit N] [--tokens N] DBFILE QUERIES

index: one FTS5 table t(id UNINDEXED, title, text) with
  tokenize='porter unicode61', filled in one transaction (id from "id" or
  "_id").  Prints on standard error: docs N seconds S.
query: QUERIES has "qid<TAB>query" lines (or bare queries).  Each query's
  words (letters and digits, as unicode61 splits them) become quoted FTS5
  strings joined by OR (default) or juxtaposed (AND with --and), then
    SELECT id, bm25(t), snippet(t, 2, '<b>', '</b>', '...', TOKENS)
    FROM t WHERE t MATCH ? ORDER BY rank LIMIT N
  (rank is bm25; without snippets the snippet column is left out).  Results
  go to standard output; on standard error one line:
    queries N seconds S qps Q median_ms M p90_ms P hits H
  (hits: rows returned).  Standard library only.
"""

import json
import re
import sqlite3
import sys
import time

TOKEN = re.compile(r"\w+", re.UNICODE)


def die(msg):
	sys.stderr.write("fts5.py: %s\n" % msg)
	sys.exit(2)


def index(dbfile, jsonl):
	t0 = time.perf_counter()
	db = sqlite3.connect(dbfile)
	db.execute("DROP TABLE IF EXISTS t")
	db.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, "
		   "text, tokenize='porter unicode61')")
	n = 0

	def rows():
		nonlocal n
		with open(jsonl, encoding="utf-8") as f:
			for line in f:
				if not line.strip():
					continue
				o = json.loads(line)
				n += 1
				yield (str(o.get("id", o.get("_id", n))),
				       str(o.get("title") or ""),
				       str(o.get("text") or ""))

	with db:
		db.executemany("INSERT INTO t(id, title, text) VALUES (?,?,?)",
			       rows())
	db.close()
	sys.stderr.write("docs %d seconds %.3f\n" % (n, time.perf_counter() - t0))


def fts_query(q, and_op):
	words = TOKEN.findall(q)
	if not words:
		return None
	quoted = ['"%s"' % w.replace('"', '""') for w in words]
	return (" " if and_op else " OR ").join(quoted)


def query(dbfile, qfile, and_op, snippets, limit, tokens):
	db = sqlite3.connect("file:%s?mode=ro" % dbfile, uri=True)
	if snippets:
		sql = ("SELECT id, bm25(t), snippet(t, 2, '<b>', '</b>', '...', %d)"
		       " FROM t WHERE t MATCH ? ORDER BY rank LIMIT %d"
		       % (tokens, limit))
	else:
		sql = ("SELECT id, bm25(t) FROM t WHERE t MATCH ? "
		       "ORDER BY rank LIMIT %d" % limit)
	qs = []
	with open(qfile, encoding="utf-8") as f:
		for line in f:
			line = line.rstrip("\r\n")
			if not line:
				continue
			qid, tab, q = line.partition("\t")
			if not tab:
				qid, q = str(len(qs) + 1), line
			qs.append((qid, q))
	out = sys.stdout
	lat = []
	hits = 0
	t0 = time.perf_counter()
	for qid, q in qs:
		t1 = time.perf_counter()
		m = fts_query(q, and_op)
		buf = []
		if m is not None:
			for rank, row in enumerate(db.execute(sql, (m,)), 1):
				buf.append("%s %d %s %.4f\n" % (qid, rank, row[0], -row[1]))
				if snippets:
					buf.append(row[2] + "\n")
				hits += 1
		out.write("".join(buf))
		lat.append((time.perf_counter() - t1) * 1000)
	out.flush()
	secs = time.perf_counter() - t0
	lat.sort()
	med = lat[len(lat) // 2] if lat else 0
	p90 = lat[len(lat) * 9 // 10] if lat else 0
	sys.stderr.write("queries %d seconds %.3f qps %.1f median_ms %.3f "
			 "p90_ms %.3f hits %d\n" % (
				 len(qs), secs, len(qs) / secs if secs else 0,
				 med, p90, hits))


def main():
	a = sys.argv[1:]
	if not a:
		die(__doc__.split("\n\n")[1])
	cmd = a.pop(0)
	if cmd == "index":
		if len(a) != 2:
			die("usage: fts5.py index DBFILE FILE.jsonl")
		index(a[0], a[1])
		return
	if cmd != "query":
		die("unknown command %s" % cmd)
	and_op, snippets, limit, tokens = False, True, 10, 32
	while a and a[0].startswith("--"):
		o = a.pop(0)
		if o == "--and":
			and_op = True
		elif o == "--or":
			and_op = False
		elif o == "--no-snippets":
			snippets = False
		elif o == "--limit" and a:
			limit = int(a.pop(0))
		elif o == "--tokens" and a:
			tokens = int(a.pop(0))
		else:
			die("unknown option %s" % o)
	if len(a) != 2:
		die("usage: fts5.py query [--and] [--no-snippets] [--limit N] "
		    "[--tokens N] DBFILE QUERIES")
	query(a[0], a[1], and_op, snippets, limit, tokens)


if __name__ == "__main__":
	main()
