#!/bin/sh
# Every metadata field of a JSON Lines record (lib/fields.h): on AGORA,
# without any configuration, jurisdiction, status and tags are filters and
# facets whose counts match the data (computed here from the JSONL with
# jq), tags a ";" list, short_summary searchable text; the page's facets
# are multi-select with a "more" link; the grammar reads quoted values and
# leaves unknown fields as words.  Then a collection with other field
# names, and a --fields file.  Skipped when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"

A=$SHARED/data/agora/agora.jsonl
if [ ! -f "$A" ]; then
	skip "fields ($A absent)"
	exit 0
fi
DB=$TMP/db
"$BIN/indexer" -q --db "$DB" "$A"
check "agora.jsonl indexes with exit 0" [ $? -eq 0 ]
export SEARCHER_DB="$DB"

count() { # QUERY [DB] -> the number of results (every copy counted)
	"$BIN/searcher" --db "${2:-$DB}" --color=never --no-snippets --no-collapse \
		--limit 1 "$1" | grep -m1 -E '^[0-9,]+ results? ' |
		sed 's/ results* .*//; s/,//g'
}
# a document's tags: split at ";", trimmed, each once
TAGS='[(.tags // "") | split(";")[] | gsub("^\\s+|\\s+$"; "") | select(. != "")] | unique'

# ---- filters, typed ----
want=$(jq -r 'select(.jurisdiction == "United States") | .id' "$A" | wc -l)
got=$(count 'jurisdiction:"United States"')
check "jurisdiction:\"United States\": $got results, the data says $want" \
	[ "$got" -eq "$want" ]
want=$(jq -r 'select(.jurisdiction == "China") | .id' "$A" | wc -l)
check "JURISDICTION:china (any case) counts the data's $want" \
	[ "$(count 'JURISDICTION:china')" -eq "$want" ]
want=$(jq -r 'select(.status == "Enacted") | .id' "$A" | wc -l)
check "status:enacted counts the data's $want" [ "$(count status:enacted)" -eq "$want" ]
want=$(jq -r "select($TAGS | index(\"Risk factors: Bias\")) | .id" "$A" | wc -l)
got=$(count 'tags:"Risk factors: Bias"')
check "tags:\"Risk factors: Bias\" (an item of a ';' list): $got, the data says $want" \
	[ "$got" -eq "$want" -a "$want" -gt 0 ]
want=$(jq -r 'select((.status == "Enacted") and (.jurisdiction == "China")) | .id' "$A" | wc -l)
check "two fields juxtaposed are both required ($want)" \
	[ "$(count 'status:enacted jurisdiction:china')" -eq "$want" ]
want=$(jq -r 'select(.short_summary | test("\\bappropriates\\b"; "i")) | .id' "$A" | wc -l)
check "short_summary is text: short_summary:appropriates counts $want" \
	[ "$(count short_summary:appropriates)" -eq "$want" -a "$want" -gt 0 ]
# ---- the grammar ----
explain() { "$BIN/searcher" --db "$DB" --explain --limit 0 "$1" | sed -n 's/^Query: //p'; }
check "a quoted value stays whole" [ "$(explain 'jurisdiction:"United States"')" = 'jurisdiction:"United States"' ]
check "an unknown field is words, as before" [ "$(explain 'foo:bar')" = '"foo bar"' ]
check "a field with nothing after it is a word" [ "$(explain 'status:')" = 'status' ]
check "an unbalanced quote never fails" "$BIN/searcher" --db "$DB" --limit 1 'tags:"Risk factors'

# ---- facets on the page, multi-select ----
cgi_run "$TMP/all.json" q=status:enacted format=json collapse=0
body "$TMP/all.json" >"$TMP/all.body"
jq -c '.facets.tags | map([.value, .count]) | sort' "$TMP/all.body" >"$TMP/tags.got"
jq -s -c "[.[] | select(.status == \"Enacted\") | $TAGS[]] | group_by(.) | map([.[0], length]) | sort" "$A" >"$TMP/tags.want"
check "the tags facet of status:enacted: every tag's count matches the data ($(jq length "$TMP/tags.want") tags)" \
	cmp -s "$TMP/tags.got" "$TMP/tags.want"
jq -c '.facets.jurisdiction | map([.value, .count]) | sort' "$TMP/all.body" >"$TMP/j.got"
jq -s -c '[.[] | select(.status == "Enacted") | .jurisdiction | select(. != "")] | group_by(.) | map([.[0], length]) | sort' "$A" >"$TMP/j.want"
check "the jurisdiction facet matches the data" cmp -s "$TMP/j.got" "$TMP/j.want"

A1="Risk factors: Bias"
A2="Risk factors: Privacy"
cgi_run "$TMP/ms.json" q=status:enacted format=json collapse=0 "f=tags:$A1" "f=tags:$A2" "f=jurisdiction:United States"
body "$TMP/ms.json" >"$TMP/ms.body"
SEL="(.status == \"Enacted\") and (.jurisdiction == \"United States\")"
want=$(jq -r "select($SEL and ($TAGS | (index(\"$A1\") or index(\"$A2\")))) | .id" "$A" | wc -l)
check "two tags OR, and a jurisdiction AND: $want results" \
	jq -e ".total == $want" "$TMP/ms.body"
jq -c '.facets.tags | map([.value, .count]) | sort' "$TMP/ms.body" >"$TMP/mt.got"
jq -s -c "[.[] | select($SEL) | $TAGS[]] | group_by(.) | map([.[0], length]) | sort" "$A" >"$TMP/mt.want"
check "the tags facet leaves out its own selections, keeps the others" \
	cmp -s "$TMP/mt.got" "$TMP/mt.want"
jq -c '.facets.jurisdiction | map([.value, .count]) | sort' "$TMP/ms.body" >"$TMP/mj.got"
jq -s -c "[.[] | select((.status == \"Enacted\") and ($TAGS | (index(\"$A1\") or index(\"$A2\")))) | .jurisdiction | select(. != \"\")] | group_by(.) | map([.[0], length]) | sort" "$A" >"$TMP/mj.want"
check "the jurisdiction facet counts follow the tags selected" \
	cmp -s "$TMP/mj.got" "$TMP/mj.want"

cgi_run "$TMP/ms.html" q=status:enacted "f=tags:$A1" "f=tags:$A2"
check "the page: 200" [ "$(status "$TMP/ms.html")" = 200 ]
check "the page is safe HTML" safe_html "$TMP/ms.html"
section() { # FILE LABEL -> the facet's section
	body "$1" | sed -n "/<h2>$2<\/h2>/,/<\/section>/p"
}
section "$TMP/ms.html" Tags >"$TMP/tags.html"
ntags=$(jq -s "[.[] | select(.status == \"Enacted\") | $TAGS[]] | unique | length" "$A")
nli=$(grep -c '<li' "$TMP/tags.html")
check "the tags facet shows 12 values, the 2 selected among them or after ($nli)" \
	[ "$nli" -le 14 -a "$nli" -ge 12 ]
check "selected values are marked and link to their removal" \
	sh -c "[ \$(grep -c 'class=\"on\"' '$TMP/tags.html') -eq 2 ] && grep 'class=\"on\"' '$TMP/tags.html' | grep -q 'aria-pressed=\"true\"'"
check "a selected value's link keeps the other selection" \
	grep -q 'class="on"><a href="?q=status%3Aenacted&amp;f=tags%3ARisk+factors%3A+Privacy" aria-pressed="true"' "$TMP/tags.html"
check "a value's link adds it to the selections" \
	grep -q 'f=tags%3ARisk+factors%3A+Bias&amp;f=tags%3ARisk+factors%3A+Privacy&amp;f=tags%3A[^"]*" aria-pressed="false"' "$TMP/tags.html"
check "the more link names all $ntags values" \
	grep -q "more=tags\">All $ntags Tags values</a>" "$TMP/tags.html"
check "the selections are chips and hidden inputs" \
	sh -c "grep -q 'Tags: Risk factors: Bias' '$TMP/ms.html' && grep -q 'name=\"f\" value=\"tags:Risk factors: Privacy\"' '$TMP/ms.html'"
cgi_run "$TMP/more.html" q=status:enacted "f=tags:$A1" "f=tags:$A2" more=tags
section "$TMP/more.html" Tags >"$TMP/more.tags"
check "more=tags shows all $ntags values and a link back" \
	sh -c "[ \$(grep -c '<li' '$TMP/more.tags') -eq $ntags ] && grep -q 'Fewer Tags values' '$TMP/more.tags'"
cgi_run "$TMP/bad.html" q=ai f=nocolon
check "f without NAME:VALUE is a clear 400" [ "$(status "$TMP/bad.html")" = 400 ]

# ---- another collection, other field names, no configuration ----
J=$TMP/other.jsonl
awk 'BEGIN {
	split("north south east west", region, " ")
	split("alpha beta gamma", kind, " ")
	for (i = 1; i <= 60; i++)
		printf "{\"doc_id\": \"n%d\", \"headline\": \"note %d\", \"body\": \"the text of note %d\", \"region\": \"%s\", \"kind\": \"%s\", \"keywords\": [\"k%d\", \"k%d\"], \"remarks\": \"a remark long enough to be read as text rather than a value, about %s matters, number %d\"}\n", i, i, i, region[i % 4 + 1], kind[i % 3 + 1], i % 5, i % 7, (i % 2 ? "zymurgy" : "oenology"), i
}' >"$J"
"$BIN/indexer" -q --db "$TMP/db2" --field title=headline "$J"
check "a collection with other names indexes" [ $? -eq 0 ]
want=$(jq -r 'select(.region == "east") | .id' "$J" | wc -l)
check "region:east counts the data's $want" [ "$(count region:east "$TMP/db2")" -eq "$want" ]
SEARCHER_DB=$TMP/db2 "$BIN/searcher" --cgi q=note format=json collapse=0 >"$TMP/o.json"
body "$TMP/o.json" | jq -c '.facets.keywords | map([.value, .count]) | sort' >"$TMP/k.got"
jq -s -c '[.[] | .keywords | unique[]] | group_by(.) | map([.[0], length]) | sort' "$J" >"$TMP/k.want"
check "a JSON array is a list facet whose counts match" cmp -s "$TMP/k.got" "$TMP/k.want"
check "a long field is text: zymurgy finds the 30 notes that say it" \
	[ "$(count zymurgy "$TMP/db2")" -eq 30 ]
top() { "$BIN/searcher" --db "$1" --json --no-snippets -n 1 zymurgy | jq '.score * 1000 | floor'; }
check "by default (weight 0) its words find, they add nothing to the score" [ "$(top "$TMP/db2")" -eq 0 ]
printf 'remarks text=3\n' >"$TMP/other.fields"
"$BIN/indexer" -q --db "$TMP/db5" --field title=headline --fields "$TMP/other.fields" "$J"
check "remarks text=3 in a fields file: the same 30 notes, ranked by it" \
	[ "$(count zymurgy "$TMP/db5")" -eq 30 -a "$(top "$TMP/db5")" -gt 0 ]

# ---- --fields: one documented place, kept in the index ----
printf '# the AGORA fields, by hand\ntags off\nshort_summary text=2\njurisdiction filter\n' >"$TMP/agora.fields"
"$BIN/indexer" -q --db "$TMP/db3" --fields "$TMP/agora.fields" "$A"
check "--fields FILE indexes" [ $? -eq 0 ]
check "a field turned off is no field: tags:bias is words" \
	[ "$("$BIN/searcher" --db "$TMP/db3" --explain --limit 0 tags:bias | sed -n 's/^Query: //p')" = '"tags bias"' ]
SEARCHER_DB=$TMP/db3 "$BIN/searcher" --cgi q=ai format=json >"$TMP/f3.json"
check "a filter that is no facet is not counted; the others still are" \
	sh -c "body '$TMP/f3.json' | jq -e '(.facets | has(\"jurisdiction\") | not) and (.facets | has(\"status\"))' >/dev/null"
want=$(jq -r 'select(.jurisdiction == "United States") | .id' "$A" | wc -l)
check "the searcher needs no flag: jurisdiction filters on the third index too" \
	[ "$(count 'jurisdiction:"United States"' "$TMP/db3")" -eq "$want" ]
printf 'tags sideways\n' >"$TMP/bad.fields"
check "a bad --fields line is a usage error" \
	exits 2 "$BIN/indexer" -q --db "$TMP/db4" --fields "$TMP/bad.fields" "$A"
"$BIN/indexer" -q --db "$TMP/db4" --fields "$TMP/bad.fields" "$A" 2>"$TMP/bad.err"
check "its message names the file, the line and the word" \
	grep -q "bad.fields: line 1: 'sideways' is not" "$TMP/bad.err"
done_testing
