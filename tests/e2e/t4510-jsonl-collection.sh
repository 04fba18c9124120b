#!/bin/sh
# A JSON Lines file is a collection, as a folder is: a line removed from it
# is removed from the index on the next run (--keep-missing keeps it), a
# changed line is updated, the others stay unchanged.
. "$(dirname "$0")/../lib.sh"

gen() { # FILE N...: one line per N
	f=$1
	shift
	for n in "$@"; do
		printf '{"id":"r%d","title":"Record %d","text":"epsilonword record %d"}\n' $n $n $n
	done >"$f"
}
hits() { "$BIN/searcher" --db "$1" --json --limit 50 "$2" | wc -l; }

gen "$TMP/c.jsonl" 1 2 3 4 5
"$BIN/indexer" -q --db "$TMP/db" "$TMP/c.jsonl"
gen "$TMP/c.jsonl" 1 2 4 5
"$BIN/indexer" --db "$TMP/db" "$TMP/c.jsonl" 2>"$TMP/e1"
rc=$?
check "a removed line: exit 0" [ $rc -eq 0 ]
check "a removed line: 1 removed, 4 unchanged, the index holds 4" \
	grep -q "4 documents (0 added, 0 updated, 4 unchanged, 1 removed).*holds 4 documents" "$TMP/e1"
check "a removed line: its document is not found any more" \
	[ "$(hits "$TMP/db" 'epsilonword id:r3')" -eq 0 ]
"$BIN/searcher" --db "$TMP/db" --doc r3 >/dev/null 2>&1
check "a removed line: --doc finds it no more" [ $? -eq 1 ]

gen "$TMP/c.jsonl" 1 2
"$BIN/indexer" --db "$TMP/db" --keep-missing "$TMP/c.jsonl" 2>"$TMP/e2"
check "--keep-missing: nothing removed, the index holds 4" \
	grep -q "0 removed).*holds 4 documents" "$TMP/e2"

# two files: removing lines of one leaves the other alone
gen "$TMP/d.jsonl" 7 8 9
"$BIN/indexer" -q --db "$TMP/db" "$TMP/d.jsonl"
gen "$TMP/d.jsonl" 9
"$BIN/indexer" --db "$TMP/db" "$TMP/d.jsonl" 2>"$TMP/e3"
check "another file's removed lines go, this file's stay (holds 4 + 1)" \
	grep -q "2 removed).*holds 5 documents" "$TMP/e3"

# an emptied file empties its collection; a missing file removes nothing
: >"$TMP/d.jsonl"
"$BIN/indexer" --db "$TMP/db" "$TMP/d.jsonl" 2>"$TMP/e4"
check "an emptied file: its last document goes (holds 4)" \
	grep -q "1 removed).*holds 4 documents" "$TMP/e4"
rm -f "$TMP/c.jsonl"
"$BIN/indexer" --db "$TMP/db" "$TMP/c.jsonl" 2>"$TMP/e5"
rc=$?
check "a missing file: nothing removed (it may come back), exit 1" \
	sh -c "[ $rc -eq 1 ] && grep -q '0 removed).*holds 4 documents' '$TMP/e5'"

done_testing
