#!/bin/sh
# --recency HALF_LIFE and the page's recency= (lib/recency.h) on AGORA and
# the bundled corpus: each score is the relevance score plus the query's
# best relevance score times 2^(-age/half_life), age in days from the
# newest date in the index (undated documents gain nothing); the matches
# and the count are the query's; a filter-only query comes newest first;
# bulk mode and the page rank alike; bad half-lives exit 2 (400 on the
# page).  Skipped when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"

A=$SHARED/data/agora/agora.jsonl
if [ ! -f "$A" ]; then
	skip "--recency ($A absent)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	not_ok "--recency: python3 is needed to check the scores (scripts/deps --test)"
	done_testing
fi
DB=$TMP/db
"$BIN/indexer" -q --db "$DB" "$A" "$top/corpus" >/dev/null 2>&1
check "agora and corpus index with exit 0" [ $? -eq 0 ]
S="$BIN/searcher --db $DB --json --no-snippets --limit 1000"
newest=$($S --sort=date --limit 1 -- -zzzzqq | jq -r .date)
check "the newest date in the index is a date ($newest)" \
	sh -c "echo '$newest' | grep -q '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]$'"

# blended PLAIN BLENDED HALF_DAYS: every hit of BLENDED scores as the
# formula says from its PLAIN score, and both list the same documents
blended() {
	python3 - "$1" "$2" "$3" "$newest" <<'PY'
import datetime, json, sys
plain = [json.loads(l) for l in open(sys.argv[1])]
blend = [json.loads(l) for l in open(sys.argv[2])]
half = float(sys.argv[3])
newest = datetime.date.fromisoformat(sys.argv[4])
assert plain and len(plain) == len(blend), (len(plain), len(blend))
assert sorted(h['id'] for h in plain) == sorted(h['id'] for h in blend)
assert plain[0]['total'] == blend[0]['total']
top = plain[0]['score']
base = {h['id']: h['score'] for h in plain}
for h in blend:
    bonus = 0.0
    if h['date']:
        age = max(0, (newest - datetime.date.fromisoformat(h['date'])).days)
        bonus = top * 2 ** (-age / half)
    want = base[h['id']] + bonus
    assert abs(h['score'] - want) <= 1e-4 * want, (h['id'], h['date'], h['score'], want)
scores = [h['score'] for h in blend]
assert scores == sorted(scores, reverse=True), 'ranked by the blended score'
PY
}

q='export controls chips'
# uncollapsed: a group's best-ranked copy may be another one when newer
$S --no-collapse "$q" >"$TMP/plain.json"
for h in 30d:30 1y:365.25 2w:14; do
	arg=${h%%:*}
	days=${h#*:}
	$S --no-collapse --recency "$arg" "$q" >"$TMP/r.json"
	check "--recency $arg: score = relevance + top * 2^(-age/$days), same matches" \
		blended "$TMP/plain.json" "$TMP/r.json" "$days"
done
check "--recency: the same count of groups as without" \
	[ "$($S --limit 1 "$q" | jq .total)" = "$($S --limit 1 --recency 30d "$q" | jq .total)" ]
$S --recency 30d "$q" >"$TMP/r30.json"
top_plain=$(head -1 "$TMP/plain.json" | jq -r .date)
top_r=$(head -1 "$TMP/r30.json" | jq -r .date)
check "--recency 30d: the newest match ($top_r) is first, not the most relevant ($top_plain)" \
	[ "$top_r" = "$newest" -a "$top_plain" != "$newest" ]
$S --recency 30d "$q" >"$TMP/again.json"
check "--recency: the same ranking on a second run" cmp -s "$TMP/r30.json" "$TMP/again.json"
$S --no-collapse --recency 30d 'date:2025' | jq -r .date >"$TMP/dates"
check "a filter-only query ranks newest first ($(wc -l <"$TMP/dates") dates)" \
	sh -c "[ -s '$TMP/dates' ] && sort -r '$TMP/dates' | cmp -s - '$TMP/dates'"

# bulk mode and the page
printf 'a\t%s\n' "$q" | $S --batch --format json --no-timings --recency 30d >"$TMP/b.json"
check "bulk mode ranks as the command line" \
	sh -c "[ \"\$(jq -r '.results[].id' '$TMP/b.json')\" = \"\$(jq -r .id '$TMP/r30.json')\" ]"
export SEARCHER_DB=$DB
R=$TMP/r
cgi_run "$R" q="$q" recency=30d format=json n=10
body "$R" | jq -r '.results[].id' >"$TMP/page.ids"
jq -r .id "$TMP/r30.json" | head -10 >"$TMP/cli.ids"
check "recency=30d on the page ranks as the command line" \
	sh -c "[ -s '$TMP/page.ids' ] && cmp -s '$TMP/page.ids' '$TMP/cli.ids'"
cgi_run "$R" q="$q" recency=30d
check "the page's freshness control shows the choice" \
	contains "$R" '<option value="30d" selected>'
check "the page's links keep recency" contains "$R" 'recency=30d'
cgi_run "$R" q="$q" recency=forever
check "recency=forever: 400" [ "$(status "$R")" = 400 ]

# bad input
for bad in 0d -3d abc 30x 101y; do
	check "--recency $bad: exit 2" exits 2 $S --recency "$bad" chips
done
check "--recency with --sort=date: exit 2" exits 2 $S --recency 30d --sort=date chips
$S --recency soon chips 2>"$TMP/err"
check "... saying what a half-life looks like" grep -q "'soon' is not a half-life" "$TMP/err"
done_testing
