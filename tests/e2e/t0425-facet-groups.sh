#!/bin/sh
# Facets count groups when collapsing, as the total and the timeline do
# (lib/shown.h): over AGORA, for several queries, every facet's counts are
# the tally of the results shown (one per group, the member shown: its
# source, year, lang and, from the JSONL, its status and jurisdiction),
# so source, year and lang add up to the total (year: the dated
# results); a value's count is at most the groups its filter finds (a
# group whose shown member has another value is found through a copy);
# multi-select recounts a selected facet the same way; with collapse=0
# the counts are documents, as before.  Skipped when ../shared/data is
# absent.
. "$(dirname "$0")/../lib.sh"

agora_db "facets count groups"
cgi() { SEARCHER_DB=$DB "$BIN/searcher" --cgi "$@" | sed '1,/^\r$/d'; }
# id -> [status, jurisdiction] of every record
jq -s -c 'map({key: (.id | tostring), value: [.status, .jurisdiction]}) |
	from_entries' "$A" >"$TMP/meta.json"

# FILE FACET: the facet's counts as sorted [value, count] pairs
got() { jq -c --arg f "$2" '.facets[$f] // [] | map([.value, .count]) | sort' "$1"; }
# FILE JQ-VALUE: the tally of the results' values (empty ones left out)
tally() {
	jq -s -c --slurpfile m "$TMP/meta.json" "map($2 | select(. != null and . != \"\")) |
		group_by(.) | map([.[0], length]) | sort" "$1"
}

for q in act "artificial intelligence" deepfakes "export controls" \
	"privacy date:2023..2025"; do
	for opt in collapse=1 sort=date; do
		cgi q="$q" format=json "$opt" >"$TMP/r.json"
		"$BIN/searcher" --db "$DB" --json --no-snippets --limit 1000 \
			$([ $opt = sort=date ] && echo --sort=date) "$q" >"$TMP/hits"
		n=$(wc -l <"$TMP/hits")
		check "'$q' $opt: exact total $n, the results listed" \
			jq -e ".total_exact and .total == $n and $n > 0" "$TMP/r.json"
		for f in source:.source year:'(.date // "")[0:4]' lang:.lang \
			status:'$m[0][.id][0]' jurisdiction:'$m[0][.id][1]'; do
			name=${f%%:*}
			got "$TMP/r.json" "$name" >"$TMP/got"
			tally "$TMP/hits" "${f#*:}" >"$TMP/want"
			# past 50 values a facet keeps the 50 most frequent
			check "'$q' $opt: the $name facet is the tally of the groups shown ($(jq length "$TMP/want") values)" \
				jq -e -n --slurpfile g "$TMP/got" --slurpfile w "$TMP/want" \
				'($w[0] | length) > 0 and ($g[0] | length) == ([$w[0] | length, 50] | min) and
				 ($g[0] - $w[0]) == [] and
				 ([$g[0][][1]] | min) >= ([$w[0] - $g[0] | .[][1]] | max // 0)'

		done
		check "'$q' $opt: year adds up to the dated results, lang and source to the total" \
			jq -e --argjson d "$(jq -s '[.[] | select((.date // "") != "")] | length' "$TMP/hits")" \
			'([.facets.year[].count] | add) == $d and $d == .timeline.dated and
			 ([.facets.lang[].count] | add) == .total' "$TMP/r.json"
	done
	cgi q="$q" format=json >"$TMP/r.json"
	for name in status jurisdiction; do
		jq -r --arg f $name '.facets[$f][:3][] | "\(.count) \(.value)"' "$TMP/r.json" >"$TMP/vals"
		while read -r c v; do
			t=$(cgi q="$q" format=json "f=$name:$v" | jq .total)
			check "'$q': $name \"$v\" counts $c groups, its filter finds $t (at least as many)" \
				[ "$c" -le "$t" -a "$c" -gt 0 ]
		done <"$TMP/vals"
	done
	# multi-select: status recounted without its own selection
	v=$(jq -r '.facets.status[0].value' "$TMP/r.json")
	cgi q="$q" format=json "f=status:$v" >"$TMP/s.json"
	check "'$q' f=status:$v: the status facet still counts the groups of '$q'" \
		sh -c "[ \"\$(got '$TMP/s.json' status)\" = \"\$(got '$TMP/r.json' status)\" ]"
done 2>/dev/null

# without collapse: documents, as before (every copy counted)
cgi q=act format=json collapse=0 >"$TMP/c0.json"
cgi q=act format=json >"$TMP/c1.json"
check "collapse=0: year adds up to the documents, more than the groups" \
	jq -e --slurpfile c "$TMP/c1.json" '([.facets.year[].count] | add) == .total and
		.total > $c[0].total' "$TMP/c0.json"
jq -r '.facets.status[] | "\(.count) \(.value)"' "$TMP/c0.json" >"$TMP/vals"
while read -r c v; do
	t=$(cgi q=act format=json collapse=0 "f=status:$v" | jq .total)
	check "collapse=0: status \"$v\" counts $c documents, as its filter ($t)" [ "$c" -eq "$t" ]
done <"$TMP/vals"
done_testing
