#!/bin/sh
# Indexing the bundled corpus: counts, ids, idempotent re-runs, raw folders.
. "$(dirname "$0")/../lib.sh"

DB=$TMP/db
"$BIN/indexer" --db "$DB" "$top/corpus" 2>"$TMP/err"
rc=$?
check "indexer exits 0 on the bundled corpus" [ $rc -eq 0 ]
check "summary names 5 documents" grep -q "indexer: 5 documents (5 added" "$TMP/err"
check "corpus/README.md is not indexed as an article" \
	sh -c "! '$BIN/indexer' --db '$DB' --list | grep -q README"
check "the summary says README.md was left out and how to include it" \
	grep -q "left out 1 file that looks like no article (README.md): to index it" "$TMP/err"

"$BIN/indexer" --db "$DB" "$top/corpus" 2>"$TMP/err2"
check "re-run is idempotent: 5 unchanged, index holds 5" \
	grep -q "5 documents (0 added, 0 updated, 5 unchanged, 0 removed).*holds 5 documents" "$TMP/err2"

# ids are paths relative to the source folder
"$BIN/searcher" --db "$DB" --json --limit 20 deepseek >"$TMP/all.json"
check "every article is found by 'deepseek'" [ "$(wc -l <"$TMP/all.json")" -eq 5 ]
check "ids are file names relative to the folder" \
	contains "$TMP/all.json" '"id":"sanctions-built-the-competitor.txt"'
check "titles come from the metadata header" \
	contains "$TMP/all.json" '"title":"When the Sanctions Built the Competitor: DeepSeek-V4, Huawei Ascend, and the Chip War Reversal"'
check "dates come from the metadata header" contains "$TMP/all.json" '"date":"2026-05-07"'

# an edited article is updated, a new one added
mkdir -p "$TMP/src"
cp "$top"/corpus/*.txt "$TMP/src/"
DB2=$TMP/db2
"$BIN/indexer" -q --db "$DB2" "$TMP/src"
printf 'Title: A new article\n\nZanzibar quokka text.\n' >"$TMP/src/new.txt"
printf '\nAn added paragraph about quokka.\n' >>"$TMP/src/sanctions-built-the-competitor.txt"
"$BIN/indexer" --db "$DB2" "$TMP/src" 2>"$TMP/err3"
check "changed and new files are reported as updated and added" \
	grep -q "6 documents (1 added, 1 updated, 4 unchanged, 0 removed)" "$TMP/err3"
"$BIN/searcher" --db "$DB2" --json quokka >"$TMP/q.json"
check "the update is searchable" [ "$(wc -l <"$TMP/q.json")" -eq 2 ]

# the raw seed articles (no headers): file names as ids, first line as title
if [ -d "$SHARED/articles" ]; then
	"$BIN/indexer" --db "$TMP/raw" "$SHARED/articles" 2>"$TMP/err4"
	check "raw articles index (5 documents)" grep -q "5 documents (5 added" "$TMP/err4"
	"$BIN/searcher" --db "$TMP/raw" --json 'supply chain story' >"$TMP/raw.json"
	check "raw articles: file names are ids" contains "$TMP/raw.json" '"id":"001_16c23f9713e86aa5.txt"'
	check "raw articles: the first line is the title" \
		contains "$TMP/raw.json" '"title":"DeepSeek V4 on Huawei Chips Is Not a Benchmark Story. It Is a Supply Chain Story That Changes Everything."'
else
	skip "raw seed articles ($SHARED/articles absent)"
fi

# SEARCHER_DB names the index for both programs
SEARCHER_DB=$TMP/envdb "$BIN/indexer" -q "$top/corpus"
check "SEARCHER_DB is used by the indexer" [ -d "$TMP/envdb" ]
SEARCHER_DB=$TMP/envdb "$BIN/searcher" --json chips >"$TMP/env.json"
check "SEARCHER_DB is used by the searcher" [ -s "$TMP/env.json" ]

done_testing
