#!/bin/sh
# --since DATE and the page's since=DATE (lib/plan.c, SCHEMA_SLOT_INDEXED)
# on AGORA and the bundled corpus: dated documents count from their date,
# undated ones from when they were indexed ($SOURCE_DATE_EPOCH fixes that
# time here); an article added in a later run is what is new since then,
# and the documents that did not change keep their first indexing time.
# Bad dates exit 2, and are a 400 on the page.  Skipped when ../shared/data
# is absent.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"

A=$SHARED/data/agora/agora.jsonl
if [ ! -f "$A" ]; then
	skip "--since ($A absent)"
	exit 0
fi
DB=$TMP/db
T1=1768003200 # 2026-01-10T00:00:00Z
T2=1780272000 # 2026-06-01T00:00:00Z, after every date in the data
SOURCE_DATE_EPOCH=$T1 "$BIN/indexer" -q --db "$DB" "$A" "$top/corpus" >/dev/null 2>&1
check "agora and corpus index with exit 0" [ $? -eq 0 ]
S="$BIN/searcher --db $DB --color=never --limit 0 --no-collapse --no-snippets"
# count ARGS...: the number of results
count() { $S "$@" | sed -n 's/^\([0-9]*\) results\{0,1\} .*/\1/p'; }
all=$(count -- -zzzzqq)
dated=$(count 'date:1000..')
undated=$((all - dated))
check "the data has dated ($dated) and undated ($undated) documents" \
	[ "$dated" -gt 0 -a "$undated" -gt 0 ]
check "--since 1900: every document ($all)" [ "$(count --since 1900 -- -zzzzqq)" = "$all" ]
n=$(count --since 2026-05 -- -zzzzqq)
check "--since 2026-05: the $n dated from May 2026 (undated ones were indexed before)" \
	[ "$n" = "$(count 'date:2026-05..')" -a "$n" -gt 0 ]
n=$(count --since 2026-01-10 -- -zzzzqq)
want=$(( $(count 'date:2026-01-10..') + undated ))
check "--since 2026-01-10 (the indexing day): the dated ones and the $undated undated ($n = $want)" \
	[ "$n" = "$want" ]
check "--since 2026/1/10 is the same date" [ "$(count --since 2026/1/10 -- -zzzzqq)" = "$n" ]
check "--since 2026-01-11: no undated document" \
	[ "$(count --since 2026-01-11 -- -zzzzqq)" = "$(count 'date:2026-01-11..')" ]
n=$(count --since 2026 huawei)
check "--since with a query: the query's matches only ($n)" \
	[ "$n" -gt 0 -a "$n" -le "$(count huawei)" ]

# a later run adds an undated article: it is what is new since then
mkdir "$TMP/fresh"
sed '/^Date:/d; s/^Title: .*/Title: A later note on Ascend supply chains/' \
	"$top/corpus/deepseek-v4-huawei-supply-chain-story.txt" >"$TMP/fresh/later-note.txt"
SOURCE_DATE_EPOCH=$T2 "$BIN/indexer" -q --db "$DB" "$A" "$top/corpus" "$TMP/fresh" >/dev/null 2>&1
check "the second run exits 0" [ $? -eq 0 ]
$S --json --limit 100 --since 2026-06-01 -- -zzzzqq | jq -r .id >"$TMP/new"
check "--since 2026-06-01: only the article added then" \
	[ "$(cat "$TMP/new")" = later-note.txt ]
check "the unchanged undated documents kept their first indexing time" \
	[ "$(count --since 2026-01-11 -- -zzzzqq)" = "$(( $(count 'date:2026-01-11..') + 1 ))" ]
printf 'a\thuawei\nb\tchips\n' | $S --limit 10 --batch --since 2026-06-01 --format tsv >"$TMP/b.tsv"
check "bulk mode: --since for every query" \
	sh -c "[ \$(cut -f3 '$TMP/b.tsv' | sort -u) = later-note.txt ]"

# bad dates
check "--since 2026-13: exit 2" exits 2 $S --since 2026-13 chips
$S --since yesterday chips 2>"$TMP/err"
check "--since yesterday: says it is not a date" grep -q "'yesterday' is not a date" "$TMP/err"

# the page
export SEARCHER_DB=$DB
R=$TMP/r
cgi_run "$R" q=huawei since=2026-06-01 format=json
body "$R" | jq -r '.results[].id' >"$TMP/page.ids"
check "since=2026-06-01 on the page: the new article" \
	[ "$(cat "$TMP/page.ids")" = later-note.txt ]
cgi_run "$R" q=huawei since=2026-06-01
check "the page keeps since in its form and links" \
	sh -c "grep -q 'name=\"since\" value=\"2026-06-01\"' '$R' && grep -q 'since=2026-06-01' '$R'"
cgi_run "$R" q=huawei since=2026-02-30
check "since=2026-02-30: 400" [ "$(status "$R")" = 400 ]
check "... saying what a date looks like" contains "$R" "since: expected a date like 2026"
done_testing
