#!/bin/sh
# A document is its origin (the JSON Lines file or the folder it was read
# from) plus its id: two files that both use ids 1..N never replace each
# other's documents, in one run or in two; the plain id still finds a
# document when one file has it, FILE:ID when several do; an id written
# twice in one file is reported with the file and both lines.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$TMP/a" "$TMP/b"
for n in 1 2 3 4 5; do
	printf '{"id":"%d","title":"Alpha %d","text":"alphaword number %d"}\n' $n $n $n
done >"$TMP/a/laws.jsonl"
for n in 1 2 3 4 5; do
	printf '{"id":"%d","title":"Beta %d","text":"betaword number %d"}\n' $n $n $n
done >"$TMP/b/bills.jsonl"
printf '{"id":"solo","title":"Solo","text":"gammaword alone"}\n' >"$TMP/b/solo.jsonl"

hits() { "$BIN/searcher" --db "$1" --json --limit 50 "$2" | wc -l; }

# one run, two files with the same ids
"$BIN/indexer" --db "$TMP/one" "$TMP/a/laws.jsonl" "$TMP/b/bills.jsonl" 2>"$TMP/e1"
rc=$?
check "one run: exit 0" [ $rc -eq 0 ]
check "one run: 10 added, the index holds 10" \
	grep -q "10 documents (10 added.*holds 10 documents" "$TMP/e1"
check "one run: the first file's 5 documents are there" [ "$(hits "$TMP/one" alphaword)" -eq 5 ]
check "one run: the second file's 5 documents are there" [ "$(hits "$TMP/one" betaword)" -eq 5 ]

# two runs into one index (the second incremental)
"$BIN/indexer" -q --db "$TMP/two" "$TMP/a/laws.jsonl"
"$BIN/indexer" --db "$TMP/two" "$TMP/b/bills.jsonl" 2>"$TMP/e2"
check "two runs: the second adds 5, the index holds 10" \
	grep -q "5 documents (5 added.*holds 10 documents" "$TMP/e2"
check "two runs: the first run's documents are still there" [ "$(hits "$TMP/two" alphaword)" -eq 5 ]
# and the other way round, through a folder holding both files
"$BIN/indexer" -q --db "$TMP/three" "$TMP/a"
"$BIN/indexer" -q --db "$TMP/three" "$TMP/b"
check "two folders in two runs: all 11 documents" \
	[ "$(hits "$TMP/three" 'alphaword OR betaword OR gammaword')" -eq 11 ]

# re-running changes nothing
"$BIN/indexer" --db "$TMP/one" "$TMP/a/laws.jsonl" "$TMP/b/bills.jsonl" 2>"$TMP/e3"
check "re-run: idempotent (10 unchanged, holds 10)" \
	grep -q "10 documents (0 added, 0 updated, 10 unchanged, 0 removed).*holds 10 documents" "$TMP/e3"

# looking a document up by id
"$BIN/searcher" --db "$TMP/three" --doc solo >"$TMP/d1" 2>&1
check "--doc with an id one file has finds it" contains "$TMP/d1" "gammaword"
"$BIN/searcher" --db "$TMP/one" --doc 3 >"$TMP/d2" 2>&1
rc=$?
check "--doc with an id two files have: exit 1" [ $rc -eq 1 ]
check "--doc with an id two files have: says how to name one" \
	contains "$TMP/d2" "name one as FILE:3"
"$BIN/searcher" --db "$TMP/one" --doc laws.jsonl:3 >"$TMP/d3" 2>&1
check "--doc FILE:ID finds that file's document" contains "$TMP/d3" "alphaword number 3"
check "--doc FILE:ID does not show the other file's" lacks "$TMP/d3" "betaword"
"$BIN/searcher" --db "$TMP/one" --json 'number id:bills.jsonl:2' >"$TMP/q1"
check "id:FILE:ID restricts to that document" \
	sh -c "[ \$(wc -l <'$TMP/q1') -eq 1 ] && grep -q 'Beta 2' '$TMP/q1'"
"$BIN/searcher" --db "$TMP/one" --json 'number id:4' >"$TMP/q2"
check "id:ID restricts to the documents with that id" [ "$(wc -l <"$TMP/q2")" -eq 2 ]

# a genuine duplicate inside one file, in a new index and in an update
{
	printf '{"id":"x1","title":"First","text":"deltaword one"}\n'
	printf '{"id":"x2","title":"Second","text":"deltaword two"}\n'
	printf '{"id":"x3","title":"Third","text":"deltaword three"}\n'
	printf '{"id":"x2","title":"Second again","text":"deltaword two again"}\n'
} >"$TMP/dup.jsonl"
"$BIN/indexer" --db "$TMP/dup" "$TMP/dup.jsonl" 2>"$TMP/e4"
rc=$?
check "a duplicate id: reported with the file and both lines" \
	contains "$TMP/e4" "dup.jsonl: warning: id 'x2' is on lines 2 and 4"
check "a duplicate id: the earlier line counts as skipped (exit 1)" \
	sh -c "[ $rc -eq 1 ] && grep -q '1 skipped' '$TMP/e4'"
"$BIN/searcher" --db "$TMP/dup" --doc x2 >"$TMP/d4" 2>&1
check "a duplicate id: the later line is the document" contains "$TMP/d4" "two again"
check "a duplicate id: the index holds 3" grep -q "holds 3 documents" "$TMP/e4"
"$BIN/indexer" --db "$TMP/two" "$TMP/dup.jsonl" 2>"$TMP/e5"
check "a duplicate id in an update: reported with both lines" \
	contains "$TMP/e5" "dup.jsonl: warning: id 'x2' is on lines 2 and 4"
"$BIN/indexer" --db "$TMP/two" "$TMP/dup.jsonl" 2>"$TMP/e6"
check "a duplicate id: a re-run keeps the index as it was (holds 13)" \
	grep -q "holds 13 documents" "$TMP/e6"

done_testing
