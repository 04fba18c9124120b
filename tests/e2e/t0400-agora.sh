#!/bin/sh
# Real data: the 947 AGORA documents index from JSON Lines without
# conversion and the foundation queries find relevant documents with
# snippets that show the match.  Skipped when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"

A=$SHARED/data/agora/agora.jsonl
if [ ! -f "$A" ]; then
	skip "agora ($A absent)"
	exit 0
fi
DB=$TMP/db
"$BIN/indexer" --db "$DB" "$A" 2>"$TMP/err"
check "agora.jsonl indexes with exit 0" [ $? -eq 0 ]
check "all 947 documents are indexed" grep -q "holds 947 documents" "$TMP/err"

# each query: results exist, and every snippet shows a query word (stem)
hit_words() { # file -> the highlighted words, lowercased
	jq -r '. as $r | .highlights[] | . as $h | ($r.snippet | explode | .[$h[0]:$h[1]] | implode | ascii_downcase)' "$1"
}
"$BIN/searcher" --db "$DB" --json '"export controls"' >"$TMP/ec.json"
check "\"export controls\": 10 results" [ "$(wc -l <"$TMP/ec.json")" -eq 10 ]
check "\"export controls\": every snippet highlights the phrase" \
	jq -e -s 'all(.[]; .highlights | length > 0)' "$TMP/ec.json"
hit_words "$TMP/ec.json" >"$TMP/ec.words"
check "\"export controls\": every highlight reads 'export controls'" \
	sh -c "! grep -v -x 'export controls' '$TMP/ec.words' | grep -q ."
"$BIN/searcher" --db "$DB" --json semiconductor >"$TMP/semi.json"
check "semiconductor: 10 results, each highlights a form of it" \
	sh -c "[ \$(wc -l <'$TMP/semi.json') -eq 10 ] && jq -e -s 'all(.[]; .highlights | length > 0)' '$TMP/semi.json' >/dev/null"
check "semiconductor: top result's title or snippet is about semiconductors" \
	sh -c "head -1 '$TMP/semi.json' | jq -r '.title + .snippet' | grep -qi semiconductor"
"$BIN/searcher" --db "$DB" --json 'facial recognition' >"$TMP/fr.json"
check "facial recognition: top 3 all mention facial recognition" \
	sh -c "head -3 '$TMP/fr.json' | jq -r '.title + \" \" + .snippet' | grep -ci 'facial recognition' | grep -qx 3"
# a date range counts its matches: Xapian cannot estimate a value range,
# so the count must come from matching (458 documents are dated 2025;
# documents, not groups of copies: --no-collapse)
n2025=$(jq -r 'select((.date // "") | startswith("2025")) | .id' "$A" | wc -l)
"$BIN/searcher" --db "$DB" --color=never --limit 1 --no-collapse 'date:2025..2025-12-31' >"$TMP/d.txt"
check "date:2025..2025-12-31 says '$n2025 results', as many as are dated 2025" \
	grep -q "^$n2025 results " "$TMP/d.txt"
"$BIN/searcher" --db "$DB" --json --limit 1000 'chips date:2025' >"$TMP/dc.json"
"$BIN/searcher" --db "$DB" --color=never --limit 1 'chips date:2025' >"$TMP/dc.txt"
check "chips date:2025: the count printed is the number of results" \
	grep -q "^$(wc -l <"$TMP/dc.json") results " "$TMP/dc.txt"
done_testing
