#!/bin/sh
# The benchmark's smoke run (scripts/bench/run --quick: AGORA, 50 queries,
# one run): the harness works end to end with our programs and the anchors
# in it.  Figures are not judged here (benchmarks print ratios; see
# BENCHMARKS.md).  Skipped without ../shared/data or the anchors' tools.
. "$(dirname "$0")/../lib.sh"

if [ ! -f "$SHARED/data/agora/agora.jsonl" ]; then
	skip "bench smoke ($SHARED/data/agora/agora.jsonl absent)"
	exit 0
fi
for t in python3 omindex quest g++; do
	if ! command -v $t >/dev/null 2>&1; then
		skip "bench smoke ($t not installed: scripts/deps --test)"
		exit 0
	fi
done
python3 "$top/scripts/bench/run" --quick --work "$TMP/bench" --bin "$BIN" \
	--md "$TMP/bench.md" >"$TMP/bench.out" 2>&1
rc=$?
check "scripts/bench/run --quick exits 0" [ $rc -eq 0 ]
check "its table has our indexer beside omindex" \
	sh -c "grep -qi omindex '$TMP/bench.md' && grep -qiE 'ours|searcher|indexer' '$TMP/bench.md'"
check "our bulk mode was measured (not skipped)" \
	sh -c "! grep -qiE 'oursbulk.*(skipped|failed)|bulk.*skipped' '$TMP/bench.out'"
check "issue 14's targets are judged against this run's anchors" \
	sh -c "grep -q 'Targets (issue 14)' '$TMP/bench.md' &&
		grep -qE '^- (met|NOT met): bulk AND with snippets .*FTS5' '$TMP/bench.md' &&
		grep -qE '^- (met|NOT met): bulk OR without snippets .*bare matcher' '$TMP/bench.md'"
# The worst-case table on the smoke run's own index: every kind of heavy
# query is built from the corpus and timed.
python3 "$top/scripts/bench/worst" --db "$TMP/bench/idx/agora/ours" \
	--corpus "$TMP/bench/corpora/agora/docs.jsonl" --runs 1 --words 64 \
	--bin "$BIN" >"$TMP/worst.md" 2>&1
rc=$?
check "scripts/bench/worst exits 0" [ $rc -eq 0 ]
check "its table has every kind of worst case, answered, with a CPU time" \
	sh -c "for k in wildcard 'long OR' 'long AND' near phrase common; do
		grep -qE \"^\\| [^|]+ \\| \$k[^|]* \\| [0-9]+\\.[0-9] \\|.*\\| yes\" '$TMP/worst.md' || exit 1
	done"
check "it says how many answered queries passed the bound" \
	grep -qE '^[0-9]+ answered quer(y|ies) over 100 CPU ms\.$' "$TMP/worst.md"
# The scale curve on two tiny collections: generated from the books,
# indexed, queried, 1% added to the larger, a table of growths and a plot.
if [ -d "$SHARED/data/gutenberg" ]; then
	python3 "$top/scripts/bench/run" --scale --scale-sizes 100,200 \
		--queries 20 --work "$TMP/scale" --bin "$BIN" \
		--md "$TMP/scale.md" >"$TMP/scale.out" 2>&1
	rc=$?
	check "scripts/bench/run --scale exits 0" [ $rc -eq 0 ]
	check "its table has a measured row per size" \
		sh -c "grep -qE '^\| 100 \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \|' '$TMP/scale.md' &&
			grep -qE '^\| 200 \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \|' '$TMP/scale.md'"
	check "adding 1% more to the largest was measured" \
		grep -qE '^Adding 1% more \(2 documents\) to the 200-document index: [0-9.]+ s' "$TMP/scale.md"
	check "the growth of each cost is stated" \
		grep -qE '^\| indexing CPU per document \(ms\) \| (flat|falls|rises)' "$TMP/scale.md"
	check "the collections are prefixes of one stream" \
		sh -c "head -n 100 '$TMP/scale/scale/scale-200.jsonl' | cmp -s - '$TMP/scale/scale/scale-100.jsonl'"
	if command -v gnuplot >/dev/null 2>&1; then
		check "the log-log plot is a PNG" \
			sh -c "head -c 8 '$TMP/scale/results/scale.png' | od -c | grep -q 'P   N   G'"
	else
		skip "scale plot (gnuplot absent: scripts/deps --bench)"
	fi
	# A deadline: the second size is not started when, at the first
	# one's pace, it would end past --scale-budget; the first is kept.
	python3 "$top/scripts/bench/run" --scale --scale-sizes 100,200 \
		--queries 20 --work "$TMP/scale2" --bin "$BIN" \
		--scale-budget 0.001 --md "$TMP/scale2.md" >"$TMP/scale2.out" 2>&1
	rc=$?
	check "run --scale with a budget exits 0" [ $rc -eq 0 ]
	check "a size past the budget is not started, and the table says why" \
		sh -c "grep -qE '^\| 100 \| [0-9.]+ \|' '$TMP/scale2.md' &&
			! grep -qE '^\| 200 \|' '$TMP/scale2.md' &&
			grep -qE '^- 200 documents not started: .*--scale-budget' '$TMP/scale2.md'"
	check "the 1% then goes to the largest size measured" \
		grep -qE '^Adding 1% more \(1 documents\) to the 100-document index: [0-9.]+ s' "$TMP/scale2.md"
	grep -E '^\| 100 \|' "$TMP/scale2.md" >"$TMP/scale2.rows"
	check "the saved figures print the same row again (--report)" \
		sh -c "python3 '$top/scripts/bench/run' --report '$TMP/scale2/results/scale.json' |
			grep -E '^\| 100 \|' | cmp -s - '$TMP/scale2.rows'"
	# --scale-resume keeps what the stopped run measured and measures
	# the rest, then the 1% on the (new) largest.
	python3 "$top/scripts/bench/run" --scale --scale-sizes 100,200 \
		--queries 20 --work "$TMP/scale2" --bin "$BIN" --scale-resume \
		--md "$TMP/scale3.md" >"$TMP/scale3.out" 2>&1
	rc=$?
	check "run --scale --scale-resume exits 0" [ $rc -eq 0 ]
	check "it keeps the first run's row and measures the size it left" \
		sh -c "grep -E '^\| 100 \|' '$TMP/scale3.md' | cmp -s - '$TMP/scale2.rows' &&
			grep -qE '^\| 200 \| [0-9.]+ \|' '$TMP/scale3.md' &&
			grep -qE '^The rows of 100 documents were measured by the .--scale. run of ' '$TMP/scale3.md' &&
			grep -qE '^Adding 1% more \(2 documents\) to the 200-document index' '$TMP/scale3.md'"
else
	skip "scale curve ($SHARED/data/gutenberg absent)"
fi

# Shards on loopback, on 60 documents: local and remote (xapian-tcpsrv)
# rank as one index; a replica copied by xapian-replicate ranks the same.
if command -v xapian-replicate-server >/dev/null 2>&1; then
	head -n 60 "$TMP/bench/corpora/agora/docs.jsonl" >"$TMP/small.jsonl"
	python3 "$top/scripts/bench/shards" --corpus "$TMP/small.jsonl" \
		--queries "$TMP/bench/corpora/agora/queries.tsv" --shards 2 \
		--nqueries 10 --work "$TMP/shards" --bin "$BIN" \
		>"$TMP/shards.md" 2>"$TMP/shards.err"
	rc=$?
	check "scripts/bench/shards exits 0" [ $rc -eq 0 ]
	check "one index, and two shards local and remote, are measured" \
		sh -c "grep -qE '^\| 1 \| locally .* \| 1.00x \| 0 of 10 \|$' '$TMP/shards.md' &&
			grep -qE '^\| 2 \| locally .* \| 0 of 10 \|$' '$TMP/shards.md' &&
			grep -qE '^\| 2 \| xapian-tcpsrv per shard, loopback \| [0-9.]+ \|' '$TMP/shards.md'"
	check "the replica ranks as the original" \
		grep -qE '^Replication: .* ranks 0 of 10 queries differently' "$TMP/shards.md"
	# ([x]: the pattern must not match this shell's own command line)
	check "no server is left running" \
		sh -c "! pgrep -f '[x]apian-(tcpsrv|replicate-server) .*$TMP/shards' >/dev/null"
else
	skip "shards on loopback (xapian-tools absent: scripts/deps)"
fi

# The Lucene anchor (scripts/deps --bench): indexed, one JVM per query, and
# the four bulk modes with a warm second pass, in the same tables as ours.
if command -v javac >/dev/null 2>&1 &&
	ls /usr/share/java/lucene-core-[0-9]*.jar >/dev/null 2>&1; then
	check "Lucene indexed the corpus in the indexing table" \
		grep -qE '^\| Lucene \(EnglishAnalyzer.*\| [0-9.,]+ \| [0-9.,]+ \|' "$TMP/bench.md"
	check "Lucene answered the bulk queries, OR and AND, with and without snippets" \
		sh -c "test \$(grep -cE '^\| Lucene in one JVM .*\(warm: [0-9.,]+\)' '$TMP/bench.md') -eq 4"
	check "Lucene's one-query start-up was measured" \
		grep -qE '^\| Lucene, one JVM per query .*\| [0-9.,]+ \|' "$TMP/bench.md"
	check "our indexing is judged against Lucene's" \
		grep -qE '^- (met|NOT met): indexing .* Lucene' "$TMP/bench.md"
else
	skip "Lucene anchor (javac or liblucene8-java absent: scripts/deps --bench)"
fi
done_testing
