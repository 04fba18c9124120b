#!/bin/sh
# Related articles (lib/similar.h): on the bundled corpus indexed together
# with AGORA, the articles like each of the five seed articles are the
# other four seeds first; the document itself and its near-duplicate
# copies are left out; --similar takes FILE:ID as --doc does; the page
# (similar=ID, a "Similar articles" link on every hit and in the document
# view) and its JSON say the same.  Skipped when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"

A=$SHARED/data/agora/agora.jsonl
if [ ! -f "$A" ]; then
	skip "similar articles ($A absent)"
	exit 0
fi
DB=$TMP/db
"$BIN/indexer" -q --db "$DB" "$A" "$top/corpus" >/dev/null 2>&1
check "agora and corpus index with exit 0" [ $? -eq 0 ]
S="$BIN/searcher --db $DB"
ls "$top/corpus" | grep '\.txt$' | sort >"$TMP/seeds"
check "the corpus has five seed articles" [ "$(wc -l <"$TMP/seeds")" -eq 5 ]

for seed in $(cat "$TMP/seeds"); do
	$S --json --no-snippets --limit 1000 --similar "$seed" >"$TMP/s.json"
	jq -r .id "$TMP/s.json" | head -4 | sort >"$TMP/top4"
	grep -vxF "$seed" "$TMP/seeds" >"$TMP/others"
	check "like $seed: the other four seeds come first" \
		cmp -s "$TMP/top4" "$TMP/others"
	check "like $seed: not itself, anywhere in the results" \
		sh -c "! jq -r .id '$TMP/s.json' | grep -qxF '$seed'"
	check "like $seed: more AGORA documents follow the seeds" \
		[ "$(jq -r .id "$TMP/s.json" | wc -l)" -gt 4 ]
done

seed=sanctions-built-the-competitor.txt
$S --json --no-snippets --limit 3 --similar "corpus:$seed" >"$TMP/q.json"
$S --json --no-snippets --limit 3 --similar "$seed" >"$TMP/p.json"
check "--similar FILE:ID finds the same articles as the plain id" \
	cmp -s "$TMP/q.json" "$TMP/p.json"
$S --color=never --limit 2 --similar "$seed" >"$TMP/s.txt"
check "the terminal says which article the results are like" \
	contains "$TMP/s.txt" "Articles like: When the Sanctions Built the Competitor"
check "snippets highlight the words that made the match" \
	grep -q '\[[A-Za-z]*\]' "$TMP/s.txt"

# a document with a near-duplicate copy: neither is among its neighbours
$S --json --no-snippets --no-collapse --limit 50 'title:"AI PLAN Act"' |
	jq -r 'select(.title == "AI PLAN Act") | .id' >"$TMP/pair"
check "AGORA has two copies of the AI PLAN Act" [ "$(wc -l <"$TMP/pair")" -eq 2 ]
one=$(head -1 "$TMP/pair")
$S --json --no-snippets --no-collapse --limit 1000 --similar "$one" | jq -r .id >"$TMP/like"
check "like one AI PLAN Act: neither copy is listed (even uncollapsed)" \
	sh -c "! grep -qxFf '$TMP/pair' '$TMP/like'"
check "like one AI PLAN Act: other documents are" [ -s "$TMP/like" ]
n1=$($S --json --no-snippets --limit 1000 --similar "$one" | wc -l)
n2=$(wc -l <"$TMP/like")
check "collapsed like any search: $n1 groups of $n2 documents" [ "$n1" -lt "$n2" ]

# bad input
$S --similar no-such-document >/dev/null 2>"$TMP/err"
check "an unknown id exits 1 and says so" \
	sh -c "[ $? -eq 1 ] && grep -q \"no document with id 'no-such-document'\" '$TMP/err'"
check "--similar with a query is a usage error (2)" exits 2 $S --similar "$seed" chips
check "--similar with --doc is a usage error (2)" exits 2 $S --similar "$seed" --doc "$seed"

# the page and its JSON
export SEARCHER_DB=$DB
R=$TMP/r
cgi_run "$R" similar="$seed"
check "similar=ID: 200" [ "$(status "$R")" = 200 ]
body "$R" | grep -o '<h2[^>]*><a href="[^"]*"' | head -4 |
	sed 's/.*doc=\([^"&]*\).*/\1/' | sort >"$TMP/page4"
check "the page lists the other four seeds first" cmp -s "$TMP/page4" "$TMP/others"
check "the page says what the articles are like" \
	contains "$R" 'Articles like <q>When the Sanctions Built the Competitor'
check "every hit has a Similar articles link" \
	[ "$(grep -c '<p class="similar"><a href="?similar=' "$R")" -eq "$(grep -c '<li class="hit">' "$R")" ]
check "the similar page is safe HTML" safe_html "$R"
cgi_run "$R" q=huawei
check "a results page links each hit's similar articles" \
	contains "$R" '<p class="similar"><a href="?similar=deepseek-v4-huawei'
cgi_run "$R" doc="$seed" q=chips
check "the document view links its similar articles" \
	contains "$R" "<p class=\"similar\"><a href=\"?similar=$seed\">Similar articles</a></p>"
cgi_run "$R" similar="$seed" format=json n=4
body "$R" | jq -r '.results[].id' | sort >"$TMP/json4"
body "$R" | jq -r .similar_to >"$TMP/about"
check "format=json: the same four, and similar_to" \
	sh -c "cmp -s '$TMP/json4' '$TMP/others' && grep -q '^When the Sanctions' '$TMP/about'"
cgi_run "$R" similar=no-such-document
check "similar= an unknown id: 404" [ "$(status "$R")" = 404 ]
done_testing
