#!/bin/sh
# Searching the bundled corpus: ranking, phrases, exclusion, highlighting,
# JSON output, text output.
. "$(dirname "$0")/../lib.sh"

DB=$TMP/db
"$BIN/indexer" -q --db "$DB" "$top/corpus"
S() { "$BIN/searcher" --db "$DB" "$@"; }

S --json '"export controls"' >"$TMP/ec.json"
check "a phrase finds the articles that contain it" [ "$(wc -l <"$TMP/ec.json")" -ge 3 ]
check "JSON lines are valid JSON with the required fields" \
	jq -e -s 'all(.[]; has("id") and has("rank") and has("score") and has("title") and has("date") and has("source") and has("url") and has("snippet") and has("highlights"))' "$TMP/ec.json"
check "ranks are 1..n in order" \
	sh -c "jq -r .rank '$TMP/ec.json' | tr '\n' ' ' | grep -q '^1 2 3'"
check "scores decrease" \
	sh -c "jq -r .score '$TMP/ec.json' | sort -rn -c"
# every highlight slices the snippet at a match of the phrase
check "phrase highlights cover exactly 'export controls' (any case)" \
	jq -e -s 'all(.[]; .highlights | length > 0)' "$TMP/ec.json"
check "every highlighted span reads 'export controls'" \
	jq -e -s 'all(.[]; . as $r | .highlights | all(. as $h | ($r.snippet | explode | .[$h[0]:$h[1]] | implode | ascii_downcase) == "export controls"))' "$TMP/ec.json"

# stemming: control finds controls and highlights the inflected forms
S --json control >"$TMP/c.json"
check "'control' finds documents that only say 'controls'" [ -s "$TMP/c.json" ]
check "'control' highlights 'controls'" \
	jq -e -s 'any(.[]; . as $r | [.highlights[] | . as $h | ($r.snippet | explode | .[$h[0]:$h[1]] | implode | ascii_downcase)] | any(. == "controls"))' "$TMP/c.json"

# exclusion
S --json huawei >"$TMP/h.json"
S --json huawei -sanctions >"$TMP/hx.json"
check "excluding a word removes documents" [ "$(wc -l <"$TMP/hx.json")" -lt "$(wc -l <"$TMP/h.json")" ]
none_mention() {
	for id in $(jq -r .id "$1"); do
		grep -qi "$2" "$top/corpus/$id" && return 1
	done
	return 0
}
check "no excluded document mentions the word" none_mention "$TMP/hx.json" sanction
S --json -- -huawei deepseek >"$TMP/lead.json" 2>"$TMP/lead.err"
check "a query starting with '-' works after --" [ $? -eq 0 ]

# relevance: the article about the embargo comes first for its own words
S --json 'chip embargo failed' >"$TMP/emb.json"
check "'chip embargo failed' ranks the embargo article first" \
	sh -c "head -1 '$TMP/emb.json' | jq -e '.id == \"chip-embargo-failed-biggest-test.txt\"'"

S --json 'chip embargo' >"$TMP/emb2.json"
check "a short query ranks the article with those words in its title first" \
	sh -c "head -1 '$TMP/emb2.json' | jq -e '.id == \"chip-embargo-failed-biggest-test.txt\"'"

# text output: no colour when not a terminal, colour when asked
S 'export controls' >"$TMP/plain.txt"
check "text output has a results line" grep -Eq '^(About )?[0-9]+ results? \(' "$TMP/plain.txt"
check "text output has no escape codes when piped" sh -c "! grep -q \"$(printf '\033')\" '$TMP/plain.txt'"
check "text output marks hits with brackets when piped" grep -q '\[export controls\]' "$TMP/plain.txt"
S --color=always 'export controls' >"$TMP/color.txt"
check "--color=always highlights with ANSI" grep -q "$(printf '\033')\[1;31m" "$TMP/color.txt"

# limits and offsets
S --json --limit 2 deepseek >"$TMP/l2.json"
check "--limit 2 gives 2 results" [ "$(wc -l <"$TMP/l2.json")" -eq 2 ]
S --json --limit 2 --offset 2 deepseek >"$TMP/o2.json"
check "--offset continues the ranking" sh -c "head -1 '$TMP/o2.json' | jq -e '.rank == 3'"

# nothing found is not an error
S --json zyxwvutsrq >"$TMP/none.json"
check "no match: exit 0 and no output lines" [ $? -eq 0 ] && [ ! -s "$TMP/none.json" ]

# A Chinese run is read unit by unit: 华为芯片 (ICU: 华 为 芯 片) holds two
# synonym keys, 华为 = huawei and 芯片 = chip, so it finds the English
# articles and highlights the English words.
S --json '华为芯片' >"$TMP/zh.json"
check "华为芯片 finds the five English articles about Huawei chips" \
	[ "$(wc -l <"$TMP/zh.json")" -eq 5 ]
check "华为芯片: every snippet highlights Huawei and a chip word" \
	jq -e -s 'all(.[]; . as $r | [.highlights[] as $h | $r.snippet | explode | .[$h[0]:$h[1]] | implode | ascii_downcase] | any(startswith("huawei")) and any(startswith("chip")))' "$TMP/zh.json"

# the byline: source and author from the article's header
S --color=never '"supply chain story"' >"$TMP/by.txt"
check "the result line names the source and the author" \
	grep -q '^   2026-05-07 · TechFastForward · TFF Editorial · deepseek-v4-huawei-supply-chain-story.txt · ' "$TMP/by.txt"
S --color=never 'title:competitor' >"$TMP/by2.txt"
check "an article with an author and no source shows the author" \
	grep -q '^   2026-04-25 · Clawde · sanctions-built-the-competitor.txt · ' "$TMP/by2.txt"
SEARCHER_DB=$DB "$BIN/searcher" --cgi 'q=title:competitor' >"$TMP/by.html"
check "the page shows the author in the result's meta line" \
	grep -q '<span class="date">25 April 2026</span> · <span class="author">Clawde</span>' "$TMP/by.html"

# --doc shows the whole article with matches marked
S --doc sanctions-built-the-competitor.txt --color=never sanctions >"$TMP/doc.txt"
check "--doc prints the whole article with hits marked" grep -q '\[sanctions\]' "$TMP/doc.txt"
check "--doc with an unknown id exits 1" exits 1 "$BIN/searcher" --db "$DB" --doc no-such-id x

done_testing
