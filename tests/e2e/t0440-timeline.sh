#!/bin/sh
# The timeline (lib/timeline.h) on real data: over AGORA and the bundled
# articles, for several queries, with and without collapse and sorted by
# date, the bars and the undated count add up to the total (groups when
# collapsing); the page draws the bars as links with an accessible label
# whose counts are the JSON's; a bar's link filters to its period (without
# collapse exactly its count, with collapse at least); the unit follows
# the span; searcher --timeline prints the same counts.  Skipped when
# ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"

A=$SHARED/data/agora/agora.jsonl
if [ ! -f "$A" ]; then
	skip "timeline ($A absent)"
	exit 0
fi
DB=$TMP/db
"$BIN/indexer" --db "$DB" "$A" "$top/corpus" 2>"$TMP/err"
check "agora and corpus index with exit 0" [ $? -eq 0 ]
cgi() { SEARCHER_DB=$DB "$BIN/searcher" --cgi "$@" | sed '1,/^\r$/d'; }

for q in act "deepfakes elections" "artificial intelligence" \
	"act date:2024..2025" "export controls" '"facial recognition"'; do
	for opt in collapse=1 collapse=0 sort=date; do
		cgi q="$q" format=json "$opt" >"$TMP/r.json"
		check "'$q' $opt: total exact, bars + undated = total, bars = dated" \
			jq -e '.total_exact and .timeline.exact and
			       (.timeline.dated + .timeline.undated == .total) and
			       ([.timeline.buckets[].count] | add // 0) == .timeline.dated and
			       .total > 0' "$TMP/r.json"
	done
done
cgi q=act format=json collapse=1 >"$TMP/c1.json"
cgi q=act format=json collapse=0 >"$TMP/c0.json"
check "with collapse, 'act' counts fewer (groups) than without" \
	sh -c "[ \$(jq .timeline.dated '$TMP/c1.json') -lt \$(jq .timeline.dated '$TMP/c0.json') ]"

# the unit follows the span of dates
unit() { cgi q="$1" format=json | jq -r .timeline.unit; }
check "'deepfakes' spans years: bars are years" [ "$(unit deepfakes)" = year ]
check "'act date:2024..2025': months" [ "$(unit 'act date:2024..2025')" = month ]
check "'act date:2024-03': days" [ "$(unit 'act date:2024-03')" = day ]
cgi q="act date:2024-03" format=json >"$TMP/d.json"
check "day bars run without gaps from the first date to the last" \
	jq -e '[.timeline.buckets[].label] as $l | ($l | length) ==
	       (($l[-1][8:10] | tonumber) - ($l[0][8:10] | tonumber) + 1)' "$TMP/d.json"

# the page: one link per bar with matches, its label and count as in JSON
for opt in collapse=1 collapse=0; do
	cgi q=deepfakes "$opt" >"$TMP/p.html"
	cgi q=deepfakes "$opt" format=json >"$TMP/p.json"
	sed -n 's/.*<a class="b[0-9]*" href="\([^"]*\)" aria-label="\([^":]*\): \([0-9]*\) results*".*/\1 \2 \3/p' \
		"$TMP/p.html" >"$TMP/bars"
	jq -r '.timeline.buckets[] | select(.count > 0) | "\(.label) \(.count)"' \
		"$TMP/p.json" >"$TMP/want"
	check "deepfakes $opt: the page's bars are the JSON's (label and count)" \
		sh -c "awk '{print \$2, \$3}' '$TMP/bars' | diff - '$TMP/want'"
	while read -r link label n; do
		qs=$(printf '%s' "$link" | sed 's/^?//; s/&amp;/ /g')
		total=$(SEARCHER_DB=$DB "$BIN/searcher" --cgi $qs format=json |
			sed '1,/^\r$/d' | jq .total)
		if [ "$opt" = collapse=0 ]; then
			check "the $label bar ($n) links to $n results" [ "$total" -eq "$n" ]
		else
			check "the $label bar ($n) links to at least $n results" [ "$total" -ge "$n" ]
		fi
	done <"$TMP/bars"
done
check "the chart is plain HTML: no script, no inline style" \
	sh -c "! grep -qiE '<script|style=' '$TMP/p.html'"

# the command line
cgi q=deepfakes format=json >"$TMP/p.json"
"$BIN/searcher" --db "$DB" --json --no-snippets --timeline deepfakes >"$TMP/cli.json"
check "--timeline --json: a last line with the page's counts" \
	sh -c "tail -1 '$TMP/cli.json' | jq -e --slurpfile p '$TMP/p.json' \
		'.timeline.dated == \$p[0].timeline.dated and
		 .timeline.buckets == \$p[0].timeline.buckets'"
"$BIN/searcher" --db "$DB" --color=never --timeline deepfakes >"$TMP/cli.txt"
check "--timeline prints one line per bar after the results" \
	sh -c "grep -q '^Timeline (by year):' '$TMP/cli.txt' &&
	       [ \$(sed -n '/^Timeline/,\$p' '$TMP/cli.txt' | grep -c '^[0-9]') -eq \
		 \$(jq '.timeline.buckets | length' '$TMP/p.json') ]"
done_testing
