#!/bin/sh
# A record with a title but no text is a document (title-only records are
# common in bibliographic and legal data); only a record with neither is
# skipped, with a message naming the file and line.
. "$(dirname "$0")/../lib.sh"

{
	echo '{"id": "t1", "title": "Kappaword statute of limitations", "date": "2024-03-01"}'
	echo '{"id": "t2", "title": "Kappaword with text", "text": "Body of the second."}'
	echo '{"id": "t3", "date": "2024-01-01", "url": "https://example.org/x"}'
	echo '{"id": "t4", "title": "Kappaword empty text", "text": ""}'
} >"$TMP/bib.jsonl"
mkdir -p "$TMP/src"
printf 'Title: Kappaword header only\nDate: 2025-02-02\n' >"$TMP/src/h.txt"
printf 'Date: 2025-02-02\nAuthor: Nobody\n' >"$TMP/src/none.txt"

"$BIN/indexer" --db "$TMP/db" "$TMP/bib.jsonl" "$TMP/src" 2>"$TMP/err"
rc=$?
check "title-only records are indexed: 4 added" grep -q "(4 added" "$TMP/err"
check "a record with neither title nor text is skipped, by file and line" \
	grep -q "bib.jsonl:3: skipped: no text and no title" "$TMP/err"
check "a header with neither title nor body is skipped" \
	grep -q "none.txt: skipped" "$TMP/err"
check "two skipped: exit 1" sh -c "[ $rc -eq 1 ] && grep -q '2 skipped' '$TMP/err'"
"$BIN/searcher" --db "$TMP/db" --json --limit 10 kappaword >"$TMP/s.json"
check "every title-only document is found by its title (4)" [ "$(wc -l <"$TMP/s.json")" -eq 4 ]
"$BIN/searcher" --db "$TMP/db" --json --limit 10 'kappaword date:2024' >"$TMP/d.json"
check "a title-only record keeps its date" contains "$TMP/d.json" '"id":"t1"'
"$BIN/searcher" --db "$TMP/db" --doc t1 >"$TMP/doc" 2>&1
check "--doc shows a title-only document" contains "$TMP/doc" "statute of limitations"
"$BIN/searcher" --db "$TMP/db" --json 'title:"statute of limitations"' >"$TMP/p.json"
check "a phrase in a title-only document's title is found" contains "$TMP/p.json" '"id":"t1"'

done_testing
