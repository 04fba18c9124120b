#!/bin/sh
# A snippet always shows why (issue 11): on AGORA, a result found by words
# its snippet cannot show (a title-only match) says so on the terminal, in
# JSON ("why") and on the page (a name match too); no snippet is without a
# hit while the text has one.  A hit that is not the query's word says
# what it is: a synonym (AI Act: Regulation (EU) 2024/1689), an expansion
# term (--prf), a stem that reads otherwise, a spelling correction, a
# field, the other Chinese script, an acronym of the title (TRAIGA); in Chinese on the Chinese page.  Over
# every judged AGORA and Chinese query x top 10 (scripts/why-check): each
# result without a highlight of the query's words says why, and no why
# item is wrong.  Skipped when ../shared/data/agora is absent.
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

# ---- what a hit stands for ----
# why TERM-JQ-FILTER FILE: the why items of the results FILTER selects, as
# "kind<TAB>term<TAB>for"
why() { jq -r "$1 | .why[]? | [.kind, .term, (.for // .field // \"\")] | @tsv" "$2"; }
S --json --limit 30 'AI Act' >"$TMP/aiact.json"
why 'select(.title | test("^REGULATION \\(EU\\) 2024/1689"))' "$TMP/aiact.json" >"$TMP/w"
check "AI Act: the EU AI Act says which synonym met it" \
	grep -qx 'synonym	Regulation (EU) 2024/1689	ai act' "$TMP/w"
S --color=never 'AI Act' >"$TMP/aiact.txt"
check "AI Act: the terminal says \"synonym: Regulation (EU) 2024/1689 for ai act\"" \
	grep -q '^   synonym: .*Regulation (EU) 2024/1689 for ai act' "$TMP/aiact.txt"
S --json --limit 30 'SB 1047' >"$TMP/sb.json"
check "SB 1047: a snippet that shows \"Senate Bill\" says it stands for sb" \
	sh -c "jq -r '.why[]? | select(.kind == \"synonym\" and .for == \"sb\") | .term' '$TMP/sb.json' | grep -qix 'senate bill'"
check "every why item has a kind and a text (JSON)" \
	sh -c "! jq -e '.why[]? | select((.kind | type) != \"string\" or (.text | type) != \"string\")' '$TMP/aiact.json' '$TMP/sb.json' >/dev/null"
S --json 'Canada Directive on Automated Decision-Making' >"$TMP/stem.json"
why '.' "$TMP/stem.json" >"$TMP/w"
check "a stem that reads otherwise says so (stem: directly for directive)" \
	grep -qix 'stem	directly	directive' "$TMP/w"
# (a topical query: --prf keeps off one that names a known item, as
# semiconductor export controls names the Export Controls ... Act)
S --json --prf 'facial recognition in schools' >"$TMP/prf.json"
check "--prf: an expansion term in a snippet says so (\"expanded: ...\")" \
	sh -c "jq -e 'select(.why[]?.kind == \"expansion\")' '$TMP/prf.json' >/dev/null"
# survelliance: misspelt, in no document, corrected to surveillance
S --json survelliance >"$TMP/fix.json"
check "a spelling correction: every result says it (corrected: ... for survelliance)" \
	sh -c "[ \$(jq -s 'length' '$TMP/fix.json') -gt 0 ] && ! jq -e 'select([.why[]? | select(.kind == \"spelling\" and .for == \"survelliance\")] | length == 0)' '$TMP/fix.json' >/dev/null"
# an acronym of a title (initials.h): TRAIGA is the Texas act's
S --json TRAIGA >"$TMP/acr.json"
check "an acronym says what it stands for (acronym: TRAIGA for Texas Responsible Artificial Intelligence Governance Act)" \
	sh -c "jq -r 'select(.title | test(\"^Texas Responsible\")) | .why[]? | [.kind, .text] | @tsv' '$TMP/acr.json' | grep -qx 'acronym	acronym: TRAIGA for Texas Responsible Artificial Intelligence Governance Act'"
S --color=never jurisdiction:china >"$TMP/field.txt"
check "a field match says so (matched in field jurisdiction: china), each result" \
	[ "$(grep -c '^   matched in field jurisdiction: china$' "$TMP/field.txt")" -eq \
	  "$(grep -c '^[0-9]*\. ' "$TMP/field.txt")" ]

# ---- every judged query x top 10 (scripts/why-check) ----
grep -v '^#' "$top/tests/relevance/agora.queries.tsv" | cut -f1,3 >"$TMP/aq.tsv"
S --batch "$TMP/aq.tsv" --format json --limit 10 >"$TMP/aq.json"
python3 "$top/scripts/why-check" "$A" <"$TMP/aq.json" >"$TMP/check" 2>&1
rc=$?
check "AGORA, $(wc -l <"$TMP/aq.tsv") judged queries x top 10: each result without a highlight of the query's words says why, no why item is wrong ($(tail -1 "$TMP/check"))" \
	[ $rc -eq 0 ]
grep '^#' "$TMP/check" | head -20
check "... and among them synonyms and stems say so" \
	sh -c "tail -1 '$TMP/check' | grep -q 'synonym [1-9]' && tail -1 '$TMP/check' | grep -q 'stem [1-9]'"
# --prf output is not bulk output: one line of results for the checker
jq -sc '{qid: "prf", query: "facial recognition in schools", results: .}' \
	"$TMP/prf.json" >"$TMP/prf1.json"
python3 "$top/scripts/why-check" "$A" <"$TMP/prf1.json" >"$TMP/check" 2>&1
rc=$?
check "--prf: no expansion item is wrong ($(tail -1 "$TMP/check"))" \
	sh -c "[ $rc -eq 0 ] && grep -q 'expansion [1-9]' '$TMP/check'"
# the checker fails when it should: a why whose term is not in the
# document, and a result without a hit that says nothing
head -1 "$TMP/aq.json" | jq -c '.results[0].why = [{"term": "zebrafish quantum", "reason": "synonym", "for": "sb", "kind": "synonym", "text": "x"}] | .results[1].highlights = [] | del(.results[1].why)' >"$TMP/bad.json"
python3 "$top/scripts/why-check" "$A" <"$TMP/bad.json" >"$TMP/badcheck" 2>&1
rc=$?
check "why-check fails on a wrong why and on a result that says nothing (exit $rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q '^# wrong: ' '$TMP/badcheck' && grep -q '^# no why: ' '$TMP/badcheck'"

Z=$SHARED/data/zh
if [ -f "$Z/zh_laws_sample_5mb.jsonl" ]; then
	"$BIN/indexer" -q --db "$TMP/zdb" --field id=path "$Z"/*.jsonl 2>/dev/null
	grep -v '^#' "$top/tests/relevance/zh.queries.tsv" | cut -f1,3 >"$TMP/zq.tsv"
	"$BIN/searcher" --db "$TMP/zdb" --batch "$TMP/zq.tsv" --format json \
		--limit 10 >"$TMP/zq.json"
	python3 "$top/scripts/why-check" --id path "$Z"/*.jsonl <"$TMP/zq.json" >"$TMP/check" 2>&1
	rc=$?
	check "Chinese laws, $(wc -l <"$TMP/zq.tsv") judged queries x top 10: the same ($(tail -1 "$TMP/check"))" \
		[ $rc -eq 0 ]
	grep '^#' "$TMP/check" | head -20
	check "... and a query in Traditional characters says what it met folded" \
		grep -q 'fold [1-9]' "$TMP/check"
	# the page: the why line in the page's language
	SEARCHER_DB=$TMP/zdb HTTP_ACCEPT_LANGUAGE=zh-CN "$BIN/searcher" --cgi 'q=數據安全法' >"$TMP/zh.html" 2>/dev/null
	check "the Chinese page says why in Chinese (繁简转换：数据（对应 數據）)" \
		grep -q '<p class="why">繁简转换：数据（对应 數據）</p>' "$TMP/zh.html"
	check "... and no English why words on it" \
		sh -c "! grep -q 'class=\"why\">[^<]*\(folded\|matched\|synonym\|expanded\|stem:\|corrected\| for \)' '$TMP/zh.html'"
	SEARCHER_DB=$TMP/zdb HTTP_ACCEPT_LANGUAGE=en "$BIN/searcher" --cgi 'q=數據安全法' >"$TMP/en.html" 2>/dev/null
	check "the English page says it in English (folded: 数据 for 數據)" \
		grep -q '<p class="why">folded: 数据 for 數據</p>' "$TMP/en.html"
	"$BIN/searcher" --db "$TMP/zdb" --json '數據安全法' >"$TMP/zf.json"
	check "JSON keeps English and a kind (fold) for the Chinese query" \
		sh -c "jq -r '.why[]? | [.kind, .text] | @tsv' '$TMP/zf.json' | grep -qx 'fold	folded: 数据 for 數據'"
else
	skip "the Chinese laws ($Z absent)"
fi

done_testing
