#!/bin/sh
# A snippet always shows why (issue 11): on AGORA, a result found by words
# its snippet cannot show (a title-only match) says so on the terminal, in
# JSON ("why") and on the page; no snippet is without a hit while the text
# has one.  Skipped when ../shared/data/agora is absent.
. "$(dirname "$0")/../lib.sh"

A=$SHARED/data/agora/agora.jsonl
if [ ! -f "$A" ]; then
	skip "AGORA ($A absent)"
	done_testing
fi
"$BIN/indexer" -q --db "$TMP/db" "$A" 2>/dev/null
S() { "$BIN/searcher" --db "$TMP/db" "$@"; }

# chips: the Medicare "CHIP" bill matches in its title only
S --json chips >"$TMP/chips.json"
jq -c 'select(.highlights == [])' "$TMP/chips.json" >"$TMP/nohit.json"
check "chips: a result whose snippet has no hit (the title-only CHIP bill)" \
	[ -s "$TMP/nohit.json" ]
check "chips: every result shows a hit or says why (JSON \"why\")" \
	sh -c "! jq -e 'select(.highlights == [] and (.why | length) == 0)' '$TMP/chips.json' >/dev/null"
check "chips: the CHIP bill says it matched CHIP in its title" \
	sh -c "jq -r 'select(.title | test(\"CHIP\")) | .why[] | \"\(.reason) \(.term)\"' '$TMP/chips.json' | grep -qx 'title CHIP'"
S --color=never chips >"$TMP/chips.txt"
check "chips: the terminal says \"matched in title: CHIP\"" \
	grep -qx '   matched in title: CHIP' "$TMP/chips.txt"
SEARCHER_DB=$TMP/db "$BIN/searcher" --cgi q=chips >"$TMP/chips.html" 2>/dev/null
check "chips: the page says \"matched in title: CHIP\"" \
	grep -q '<p class="why">matched in title: CHIP</p>' "$TMP/chips.html"
# a result whose snippet shows its hits says nothing more
check "a snippet with hits has no \"why\"" \
	sh -c "! jq -e 'select(.highlights != [] and has(\"why\"))' '$TMP/chips.json' >/dev/null"

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
