#!/bin/sh
# A snippet always shows why (issue 11): on AGORA, a result found by words
# its snippet cannot show (a title-only match) says so on the terminal, in
# JSON ("why") and on the page (a name match too); no snippet is without a hit while the text
# has one.  Skipped when ../shared/data/agora is absent.
. "$(dirname "$0")/../lib.sh"

A=$SHARED/data/agora/agora.jsonl
if [ ! -f "$A" ]; then
	skip "AGORA ($A absent)"
	done_testing
fi
"$BIN/indexer" -q --db "$TMP/db" "$A" 2>/dev/null
S() { "$BIN/searcher" --db "$TMP/db" "$@"; }

# HR 9626: the bill's number is in its title, not in its text; West
# Virginia's HR 3 is found by its well-known name (casual_name) only
S --json 'HR 9626' >"$TMP/hr.json"
jq -c 'select(.highlights == [])' "$TMP/hr.json" >"$TMP/nohit.json"
check "HR 9626: a result whose snippet has no hit (a title-only match)" \
	[ -s "$TMP/nohit.json" ]
check "HR 9626: every result shows a hit or says why (JSON \"why\")" \
	sh -c "! jq -e 'select(.highlights == [] and (.why | length) == 0)' '$TMP/hr.json' >/dev/null"
check "HR 9626: the bill says it matched H.R. 9626 in its title" \
	sh -c "jq -r 'select(.title | test(\"^H.R. 9626\")) | .why[] | \"\\(.reason) \\(.term)\"' '$TMP/hr.json' | grep -qx 'title H.R. 9626'"
check "HR 9626: a result found by its well-known name says so" \
	sh -c "jq -r 'select(.names | test(\"HR 3\")) | .why[] | .reason' '$TMP/hr.json' | grep -qx name"
S --color=never 'HR 9626' >"$TMP/hr.txt"
check "HR 9626: the terminal says \"matched in title: H.R. 9626\"" \
	grep -qx '   matched in title: H.R. 9626' "$TMP/hr.txt"
SEARCHER_DB=$TMP/db "$BIN/searcher" --cgi 'q=HR+9626' >"$TMP/hr.html" 2>/dev/null
check "HR 9626: the page says \"matched in title: H.R. 9626\"" \
	grep -q '<p class="why">matched in title: H.R. 9626</p>' "$TMP/hr.html"
# a result whose snippet shows its hits says nothing more
check "a snippet with hits has no \"why\"" \
	sh -c "! jq -e 'select(.highlights != [] and has(\"why\"))' '$TMP/hr.json' >/dev/null"

# Over the judged AGORA queries: a result without a hit in its snippet has
# none in its whole text either (or says why).
grep -v '^#' "$top/tests/relevance/agora.queries.tsv" | cut -f3 | head -60 >"$TMP/q"
bad=0 nohit=0
while IFS= read -r q; do
	S --json --limit 5 -- "$q" >"$TMP/r.json" 2>/dev/null || continue
	for id in $(jq -r 'select(.highlights == []) | .id' "$TMP/r.json"); do
		nohit=$((nohit + 1))
		n=$(S --json --doc "$id" -- "$q" | jq '.highlights | length')
		w=$(jq -r --arg id "$id" 'select(.id == $id) | (.why // []) | length' "$TMP/r.json")
		if [ "$n" -gt 0 ] || [ "$w" -eq 0 ]; then
			bad=$((bad + 1))
			echo "#   $q: $id (text hits $n, why $w)"
		fi
	done
done <"$TMP/q"
check "no snippet without a hit when its text has one, and each says why ($nohit without a hit)" \
	[ "$bad" -eq 0 ]

done_testing
