#!/bin/sh
# The search box's suggestions (format=suggest, lib/suggest.h) on real
# data: over AGORA and the bundled articles, a typed prefix gets
# application/x-suggestions+json ["q", [completions]]: phrases and whole
# titles from the index that start with what was typed, the most frequent
# first, at most 10; a trailing space completes the next word; Chinese
# titles complete without spaces; the OpenSearch description declares the
# endpoint.  Skipped when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"

A=$SHARED/data/agora/agora.jsonl
Z=$SHARED/data/zh
if [ ! -f "$A" ] || [ ! -d "$Z" ]; then
	skip "suggestions ($A or $Z absent)"
	exit 0
fi
DB=$TMP/db
"$BIN/indexer" --db "$DB" "$A" "$top/corpus" 2>"$TMP/err"
check "agora and corpus index with exit 0" [ $? -eq 0 ]
# sug Q: the body of format=suggest for Q (headers in $TMP/h)
sug() {
	SEARCHER_DB=${SDB:-$DB} "$BIN/searcher" --cgi format=suggest q="$1" >"$TMP/all"
	sed '/^\r$/q' "$TMP/all" >"$TMP/h"
	sed '1,/^\r$/d' "$TMP/all"
}
S="$BIN/searcher --db $DB --json --no-snippets --no-collapse --limit 1000"

sug expo >"$TMP/s.json"
check "format=suggest answers 200 with application/x-suggestions+json" \
	sh -c "head -1 '$TMP/h' | grep -q 200 &&
	       grep -q '^Content-Type: application/x-suggestions+json; charset=utf-8' '$TMP/h'"
check "the answer is [\"expo\", [completions]], 1 to 10 of them, each starting with expo" \
	jq -e '.[0] == "expo" and (.[1] | length) >= 1 and (.[1] | length) <= 10 and
	       all(.[1][]; startswith("expo"))' "$TMP/s.json"
check "'expo' completes to 'export controls'" \
	jq -e 'any(.[1][]; . == "export controls")' "$TMP/s.json"

# every completion is a phrase of a title in the index
sug "artificial int" >"$TMP/a.json"
check "'artificial int': 10 completions, 'artificial intelligence' first (the most frequent)" \
	jq -e '(.[1] | length) == 10 and .[1][0] == "artificial intelligence"' "$TMP/a.json"
ok_all=1
first=""
last=""
for c in $(jq -r '.[1][] | @base64' "$TMP/a.json"); do
	p=$(printf '%s' "$c" | base64 -d)
	n=$($S "title:\"$p\"" | wc -l)
	[ "$n" -ge 1 ] || { echo "# no title has '$p'"; ok_all=0; }
	[ -z "$first" ] && first=$n
	last=$n
done
check "each completion of 'artificial int' is in a title (title:\"...\" finds it)" [ $ok_all -eq 1 ]
check "the first is in more titles ($first) than the last ($last)" [ "$first" -gt "$last" ]

sug "Algorithmic Acc" >"$TMP/t.json"
check "a whole title completes: 'algorithmic accountability act of 2023'" \
	jq -e 'any(.[1][]; . == "algorithmic accountability act of 2023")' "$TMP/t.json"
check "which is the title of a document" \
	sh -c "$S 'title:\"algorithmic accountability act of 2023\"' | jq -r .title |
	       grep -qix 'Algorithmic Accountability Act of 2023'"
sug "export " >"$TMP/n.json"
check "a trailing space completes the next word: 'export ' gives 'export controls', nothing but 'export ...'" \
	jq -e '(.[1] | length) >= 1 and all(.[1][]; startswith("export ")) and
	       any(.[1][]; . == "export controls")' "$TMP/n.json"
check "no phrase ends with a stop-word" \
	jq -e 'all(.[1][]; test(" (of|the|and|to|for|in|on)$") | not)' "$TMP/a.json"
check "one letter gets no completions: [\"a\", []]" [ "$(sug a)" = '["a",[]]' ]
check "no q: [\"\", []]" [ "$(sug '')" = '["",[]]' ]
check "a prefix no title has: []" [ "$(sug zzqxw)" = '["zzqxw",[]]' ]
sug '<script>"x' >"$TMP/x.json"
check "a hostile prefix: valid JSON that echoes it" jq -e '.[0] == "<script>\"x"' "$TMP/x.json"
SEARCHER_DB=$DB QUERY_STRING='format=suggest&q=%FF' "$BIN/searcher" --cgi >"$TMP/bad"
check "invalid UTF-8 in q: 400" sh -c "head -1 '$TMP/bad' | grep -q 400"

# the OpenSearch description declares it
SEARCHER_DB=$DB SEARCHER_BASE_URL=https://news.example.org/search \
	"$BIN/searcher" --cgi opensearch=1 | sed '1,/^\r$/d' >"$TMP/os.xml"
check "the OpenSearch description is well-formed and declares the suggestions" \
	sh -c "xmllint --noout '$TMP/os.xml' &&
	       grep -qF '<Url type=\"application/x-suggestions+json\" method=\"get\" template=\"https://news.example.org/search?format=suggest&amp;q={searchTerms}\"/>' '$TMP/os.xml'"

# Chinese titles: no spaces between the words
ZDB=$TMP/zh
"$BIN/indexer" --db "$ZDB" "$Z" 2>/dev/null
SDB=$ZDB sug 数据 >"$TMP/z.json"
check "'数据' completes to the title '数据安全法' and phrases, without spaces" \
	jq -e '(.[1] | length) >= 3 and all(.[1][]; startswith("数据")) and
	       any(.[1][]; . == "数据安全法") and all(.[1][]; contains(" ") | not)' "$TMP/z.json"
done_testing
