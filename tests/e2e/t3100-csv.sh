#!/bin/sh
# CSV export (lib/csv.h, the csv printer of lib/out.h) on real data (AGORA
# and the bundled corpus): the command line (--format csv), bulk mode
# (--batch --format csv: one header, qid and query first) and the page
# (format=csv, text/csv with a Content-Disposition) give RFC 4180 records
# that Python's csv module reads back to the same fields as the JSON of the
# same search, duplicates included.  Skipped when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"

A=$SHARED/data/agora/agora.jsonl
if [ ! -f "$A" ]; then
	skip "CSV export ($A absent)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	not_ok "CSV export: python3 is needed to read the CSV back (scripts/deps --test)"
	done_testing
fi
DB=$TMP/db
"$BIN/indexer" -q --db "$DB" "$A" "$top/corpus" >/dev/null 2>&1
check "agora and corpus index with exit 0" [ $? -eq 0 ]
S="$BIN/searcher --db $DB"

# same CSV JSON [QID]: the CSV rows (with a header) hold the JSON Lines'
# hits field by field, in order; with QID the rows are bulk mode's
same() {
	python3 - "$1" "$2" "${3:-}" <<'PY'
import csv, io, json, sys
raw = open(sys.argv[1], newline='', encoding='utf-8').read()
assert raw.endswith('\r\n'), 'records end in CRLF'
rows = list(csv.DictReader(io.StringIO(raw, newline=""), strict=True))
hits = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8') if l.strip()]
qid = sys.argv[3]
if qid:
    rows = [r for r in rows if r['qid'] == qid]
assert len(rows) == len(hits) > 0, (len(rows), len(hits))
for r, h in zip(rows, hits):
    for k in ('id', 'title', 'date', 'source', 'author', 'url', 'lang', 'snippet'):
        assert r[k] == h[k], (k, r[k], h[k])
    assert int(r['rank']) == h['rank']
    assert abs(float(r['score']) - h['score']) <= 1e-4 * abs(h['score']), (r['score'], h['score'])
    d = h.get('duplicates') or {'count': 0, 'matched': 0, 'key': '', 'ids': []}
    assert int(r['duplicates']) == d['count'], (r['duplicates'], d)
    assert int(r['duplicates_matched']) == d['matched']
    assert r['duplicates_key'] == d['key']
    assert (r['duplicates_ids'].split('\n') if r['duplicates_ids'] else []) == d['ids']
PY
}

q='deepfakes elections'
$S --format csv --limit 20 "$q" >"$TMP/c.csv"
$S --json --limit 20 "$q" >"$TMP/c.json"
check "--format csv: a header and the JSON's 20 hits, field by field" same "$TMP/c.csv" "$TMP/c.json"
check "the header names the fields" \
	sh -c "head -1 '$TMP/c.csv' | grep -q '^rank,id,score,title,date,source,author,url,lang,snippet,duplicates,duplicates_matched,duplicates_key,duplicates_ids,total,total_exact'"
check "a collapsed hit's copies are in the CSV (duplicates_key set)" \
	sh -c "jq -s -e 'map(select(.duplicates)) | length > 0' '$TMP/c.json' >/dev/null && grep -q ',1,1,[0-9a-f]\{16\},' '$TMP/c.csv'"
check "titles with commas and quotes are quoted" grep -q '^[0-9]*,[^,]*,[^,]*,"' "$TMP/c.csv"
$S --format csv '"AI PLAN Act" title:"AI PLAN"' >"$TMP/q.csv"
$S --json '"AI PLAN Act" title:"AI PLAN"' >"$TMP/q.json"
check "a query with quotes: same fields" same "$TMP/q.csv" "$TMP/q.json"
$S --format csv zzzzqqqq >"$TMP/none.csv"
check "no results: the header alone" [ "$(wc -l <"$TMP/none.csv")" -eq 1 ]

# bulk mode
printf 'a\t%s\nb\t"export controls" huawei\nc\t人脸识别\n' "$q" >"$TMP/queries"
$S --batch "$TMP/queries" --format csv --limit 5 >"$TMP/b.csv"
check "bulk: exit 0" [ $? -eq 0 ]
check "bulk: one header line, qid and query first" \
	sh -c "[ \$(grep -c '^qid,query,rank,id,' '$TMP/b.csv') -eq 1 ] && head -1 '$TMP/b.csv' | grep -q '^qid,query,rank,id,'"
for qq in a b; do
	line=$(grep "^$qq	" "$TMP/queries" | cut -f2)
	$S --json --limit 5 "$line" >"$TMP/$qq.json"
	check "bulk: query $qq's rows are its JSON hits" same "$TMP/b.csv" "$TMP/$qq.json" "$qq"
done
$S --batch "$TMP/queries" --format csv --limit 5 --threads 3 >"$TMP/b3.csv"
check "bulk: the same bytes with 3 threads" cmp -s "$TMP/b.csv" "$TMP/b3.csv"

# the page
export SEARCHER_DB=$DB
R=$TMP/r
cgi_run "$R" q="$q" format=csv n=20
check "format=csv: 200" [ "$(status "$R")" = 200 ]
check "format=csv: text/csv in UTF-8" [ "$(header "$R" Content-Type)" = "text/csv; charset=utf-8" ]
check "format=csv: a download named search.csv" \
	[ "$(header "$R" Content-Disposition)" = 'attachment; filename="search.csv"' ]
check "format=csv: the security headers" has_sec_headers "$R"
sed '1,/^\r$/d' "$R" >"$TMP/p.csv"
check "format=csv: the same rows as the command line" same "$TMP/p.csv" "$TMP/c.json"
cgi_run "$R" q="$q"
check "the results page links its CSV" contains "$R" 'format=csv">CSV</a>'

# bad input
check "--format xml is a usage error (2)" exits 2 $S --format xml chips
$S --format xml chips 2>"$TMP/err"
check "... naming csv among the formats" grep -q "json, trec, tsv or csv" "$TMP/err"
cgi_run "$R" q=chips format=xml
check "format=xml on the page: 400" [ "$(status "$R")" = 400 ]
done_testing
