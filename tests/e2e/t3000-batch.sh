#!/bin/sh
# Bulk mode: formats, input order with threads, determinism, error objects,
# streaming.
. "$(dirname "$0")/../lib.sh"

DB=$TMP/db
"$BIN/indexer" -q --db "$DB" "$top/corpus"
B() { "$BIN/searcher" --db "$DB" --batch "$@"; }

printf 'q1\texport controls\nq2\thuawei ascend\n\nbare query about chips\nq4\tzyxwvutsrq\nq5\t"unbalanced (((\n' >"$TMP/q.tsv"
B "$TMP/q.tsv" --no-timings >"$TMP/out.json"
check "one JSON object per query (blank lines skipped): 5" [ "$(wc -l <"$TMP/out.json")" -eq 5 ]
check "every line is a JSON object with qid, query, total, results" \
	jq -e -s 'all(.[]; has("qid") and has("query") and has("total") and (.results | type == "array"))' "$TMP/out.json"
check "qids in input order; a bare query gets its line number" \
	[ "$(jq -r .qid "$TMP/out.json" | tr '\n' ' ')" = "q1 q2 4 q4 q5 " ]
check "results use the --json schema" \
	jq -e -s 'all(.[]; .results | all(has("id") and has("rank") and has("score") and has("title") and has("snippet") and has("highlights")))' "$TMP/out.json"
check "no match gives total 0 and no results" \
	sh -c "jq -e -s 'map(select(.qid == \"q4\"))[0] | .total == 0 and (.results | length) == 0' '$TMP/out.json' >/dev/null"
check "--no-timings leaves took_ms out" lacks "$TMP/out.json" took_ms
B "$TMP/q.tsv" >"$TMP/timed.json"
check "timings are there by default" sh -c "jq -e -s 'all(.[]; has(\"took_ms\"))' '$TMP/timed.json' >/dev/null"

# determinism and threads
B "$TMP/q.tsv" --no-timings >"$TMP/again.json"
check "the same input gives byte-identical output" cmp -s "$TMP/out.json" "$TMP/again.json"
for i in $(seq 1 60); do printf 'q%d\t%s\n' "$i" "$(sed -n "$((i % 6 + 1))p" <<X
export controls
huawei
deepseek v4
"supply chain"
chips -nvidia
sanctions OR embargo
X
)"; done >"$TMP/many.tsv"
B "$TMP/many.tsv" --no-timings --threads 1 >"$TMP/t1.json"
B "$TMP/many.tsv" --no-timings --threads 3 >"$TMP/t3.json"
check "--threads 3 output is identical to one thread (input order kept)" cmp -s "$TMP/t1.json" "$TMP/t3.json"
check "60 queries, 60 lines" [ "$(wc -l <"$TMP/t3.json")" -eq 60 ]

# formats
B "$TMP/q.tsv" --format trec --limit 3 >"$TMP/run.trec"
check "TREC lines: qid Q0 docid rank score tag" \
	sh -c "awk 'NF != 6 || \$2 != \"Q0\" || \$6 != \"searcher\" { bad = 1 } END { exit bad }' '$TMP/run.trec'"
check "TREC ranks start at 1 for each query" sh -c "awk '\$1 == \"q1\"' '$TMP/run.trec' | head -1 | awk '{ exit \$4 != 1 }'"
B "$TMP/q.tsv" --format tsv --limit 2 >"$TMP/run.tsv"
check "TSV has 5 tab-separated fields" sh -c "awk -F'\t' 'NF != 5 { bad = 1 } END { exit bad }' '$TMP/run.tsv'"

# standard input, --no-snippets, offset
printf 'export controls\n' | B - --no-snippets --no-timings >"$TMP/stdin.json"
check "reads standard input with -" sh -c "jq -e -s 'all(.[]; .total > 0)' '$TMP/stdin.json' >/dev/null"
check "--no-snippets gives empty snippets" sh -c "jq -e -s 'all(.[]; .results | all(.snippet == \"\"))' '$TMP/stdin.json' >/dev/null"
printf 'export controls\n' | B --offset 2 --limit 2 --no-timings >"$TMP/off.json"
check "--offset in bulk mode" sh -c "jq -e '.results[0].rank == 3' '$TMP/off.json' >/dev/null"

# errors: an over-long line is an error object, the run goes on, exit 1
{ printf 'a\tchips\n'; printf 'b\t'; head -c 1100000 /dev/zero | tr '\0' 'x'; printf '\nc\thuawei\n'; } >"$TMP/bad.tsv"
B "$TMP/bad.tsv" --no-timings >"$TMP/bad.json"
rc=$?
check "a query that cannot run exits 1" [ $rc -eq 1 ]
check "it gets an error object and the run continues" \
	sh -c "[ \"\$(jq -r 'if has(\"error\") then \"E\" else .qid end' '$TMP/bad.json' | tr '\n' ' ')\" = 'a E c ' ]"
check "a missing query file: exit 1" exits 1 "$BIN/searcher" --db "$DB" --batch "$TMP/nope.tsv"
check "a missing index: exit 1" exits 1 "$BIN/searcher" --db "$TMP/nodb" --batch "$TMP/q.tsv"

# streaming: the first result is out before the input ends
mkfifo "$TMP/fifo"
( printf 'q1\tchips\n'; sleep 3; printf 'q2\thuawei\n' ) >"$TMP/fifo" &
B "$TMP/fifo" --no-timings >"$TMP/stream.json" &
pid=$!
sleep 1.5
check "results stream: the first line is written while input is still open" \
	[ "$(wc -l <"$TMP/stream.json")" -eq 1 ]
wait $pid
check "and the rest follows" [ "$(wc -l <"$TMP/stream.json")" -eq 2 ]
done_testing
