#!/bin/sh
# Near-duplicates on real data (lib/dup.h): AGORA's bills re-introduced in
# the next Congress and the two copies of a Chinese judicial interpretation
# collapse to one result with their copies counted and listed; the five
# bundled articles, which tell one story in different words, never do;
# --no-collapse and collapse=0 show every copy; the counts count groups;
# bulk and incremental builds give the same groups, and a removed document
# leaves its group.  Skipped when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"

A=$SHARED/data/agora/agora.jsonl
Z=$SHARED/data/zh
if [ ! -f "$A" ] || [ ! -d "$Z" ]; then
	skip "duplicates ($A or $Z absent)"
	exit 0
fi
DB=$TMP/db
"$BIN/indexer" --db "$DB" "$A" "$top/corpus" 2>"$TMP/err"
check "agora and corpus index with exit 0" [ $? -eq 0 ]

# how many ntitle each title appears among the hits of a JSON Lines file
ntitle() { jq -r .title "$1" | grep -cxF -- "$2"; }
S="$BIN/searcher --db $DB --json --no-snippets"
$S --no-collapse --limit 30 deepfakes elections >"$TMP/all.json"
$S --offset 10 --limit 10 deepfakes elections >"$TMP/p2.json"
for t in "AI PLAN Act" "Preparing Election Administrators for AI Act"; do
	check "without collapse, '$t' is listed twice in the top 30" \
		[ "$(ntitle "$TMP/all.json" "$t")" -eq 2 ]
	check "page 2 of 'deepfakes elections' lists '$t' once" \
		[ "$(ntitle "$TMP/p2.json" "$t")" -eq 1 ]
	jq -c --arg t "$t" 'select(.title == $t) | .duplicates' "$TMP/p2.json" >"$TMP/d.json"
	id=$(jq -r '.ids[0]' "$TMP/d.json")
	$S "id:$id" >"$TMP/copy.json"
	check "'$t' says it has 1 similar copy, id $id, with the same title" \
		sh -c "jq -e '.count == 1 and (.ids | length) == 1' '$TMP/d.json' &&
		       jq -e --arg t '$t' '.title == \$t' '$TMP/copy.json'"
done
key=$(jq -r 'select(.title == "AI PLAN Act") | .duplicates.key' "$TMP/p2.json")
$S "dup:$key" >"$TMP/g.json"
check "dup:KEY lists the group's two members, uncollapsed" \
	[ "$(ntitle "$TMP/g.json" "AI PLAN Act")" -eq 2 ]
"$BIN/searcher" --db "$DB" --color=never --offset 10 deepfakes elections >"$TMP/p2.txt"
check "the terminal says '1 similar copy (dup:$key)'" \
	contains "$TMP/p2.txt" "1 similar copy (dup:$key)"
SEARCHER_DB=$DB "$BIN/searcher" --cgi q="deepfakes elections" page=2 >"$TMP/p2.html"
check "the page links '1 similar copy' to dup:$key" \
	contains "$TMP/p2.html" "<a href=\"?q=dup%3A$key\">1 similar copy</a>"
SEARCHER_DB=$DB "$BIN/searcher" --cgi q="deepfakes elections" n=20 collapse=0 >"$TMP/all.html"
check "collapse=0 lists 'AI PLAN Act' twice in the top 20, no copies line" \
	sh -c "[ \$(grep -c '>AI PLAN Act</a>' '$TMP/all.html') -eq 2 ] && ! grep -q 'similar cop' '$TMP/all.html'"
check "collapse=x is refused with 400" \
	sh -c "SEARCHER_DB='$DB' '$BIN/searcher' --cgi q=x collapse=x | head -1 | grep -q 400"

# the counts count groups: the total is what paging through would show
q='act date:2024..2025'
n=$($S --limit 1000 "$q" | wc -l)
nall=$($S --no-collapse --limit 1000 "$q" | wc -l)
"$BIN/searcher" --db "$DB" --color=never --limit 1 "$q" >"$TMP/c.txt"
check "'$q': $n groups of $nall documents; the count printed is $n" \
	sh -c "[ $n -lt $nall ] && grep -q '^$n results' '$TMP/c.txt'"

# the five bundled articles: one story, five articles, never collapsed
$S --limit 50 DeepSeek Huawei chips >"$TMP/ds.json"
check "the five bundled articles are all listed, none with copies" \
	sh -c "[ \$(jq -r 'select(.id | endswith(\".txt\")) | .duplicates // \"none\"' '$TMP/ds.json' | grep -cx none) -eq 5 ]"

# Chinese laws: two identical judicial interpretations
ZDB=$TMP/zh
"$BIN/indexer" --db "$ZDB" "$Z" 2>/dev/null
"$BIN/searcher" --db "$ZDB" --json --no-snippets --no-collapse --limit 2 人脸识别 >"$TMP/zall.json"
"$BIN/searcher" --db "$ZDB" --json --no-snippets --limit 2 人脸识别 >"$TMP/z.json"
check "人脸识别 without collapse: #1 and #2 are the same interpretation" \
	sh -c "[ \$(jq -r .title '$TMP/zall.json' | grep -c '关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定') -eq 2 ]"
check "人脸识别: #1 has 1 similar copy, #2 is another law" \
	sh -c "head -1 '$TMP/z.json' | jq -e '.duplicates.count == 1' && tail -1 '$TMP/z.json' | jq -e '(.title | contains(\"人脸识别技术\")) | not'"

# bulk and incremental give the same groups; a removed document leaves
groups() { # db -> each group seen by a few broad queries: key and ids
	for q in act "artificial intelligence" deepfakes "national security"; do
		"$BIN/searcher" --db "$1" --json --no-snippets --limit 1000 "$q"
	done | jq -r 'select(.duplicates) |
		"\(.duplicates.key) \([.id] + .duplicates.ids | sort | join(","))"' |
		sort -u
}
J=$TMP/a.jsonl
head -n 400 "$A" >"$J"
"$BIN/indexer" --db "$TMP/inc" "$J" 2>/dev/null
cp "$A" "$J"
"$BIN/indexer" --db "$TMP/inc" "$J" 2>"$TMP/inc.err"
check "the second run is incremental" grep -q "unchanged" "$TMP/inc.err"
"$BIN/indexer" --db "$TMP/bulk" "$J" 2>/dev/null
groups "$TMP/inc" >"$TMP/g.inc"
groups "$TMP/bulk" >"$TMP/g.bulk"
check "bulk and incremental builds give the same groups" \
	sh -c "[ \$(wc -l <'$TMP/g.bulk') -gt 2 ] && cmp '$TMP/g.inc' '$TMP/g.bulk'"
# a folder of articles: a syndicated copy joins its original's group when
# it arrives, and the original leaving leaves the copy alone
F=$TMP/news
mkdir -p "$F"
O=$top/corpus/deepseek-v4-huawei-chips-geography.txt
cp "$O" "$F/original.txt"
cp "$top/corpus/sanctions-built-the-competitor.txt" "$F/other.txt"
"$BIN/indexer" --db "$TMP/news.db" "$F" 2>/dev/null
{
	printf 'Title: Huawei silicon powers DeepSeek launch\nAuthor: Wire staff\n\n'
	printf 'SUBSCRIBE to our newsletter for the latest tech news.\n\n'
	sed '1,/^$/d' "$O" | sed "s/’/'/g"
	printf '\nCopyright 2026 Wire Service. All rights reserved.\n'
} >"$F/copy.txt"
"$BIN/indexer" --db "$TMP/news.db" "$F" 2>"$TMP/add.err"
"$BIN/searcher" --db "$TMP/news.db" --json --no-snippets --limit 5 DeepSeek >"$TMP/n.json"
check "the copy added later joins the original: one hit with 1 copy" \
	sh -c "grep -q '1 added' '$TMP/add.err' && [ \$(jq -s 'map(select(.duplicates.count == 1)) | length' '$TMP/n.json') -eq 1 ] &&
	       [ \$(jq -s 'map(select(.id | endswith(\"original.txt\") or endswith(\"copy.txt\"))) | length' '$TMP/n.json') -eq 1 ]"
rm "$F/original.txt"
"$BIN/indexer" --db "$TMP/news.db" "$F" 2>"$TMP/rm.err"
"$BIN/searcher" --db "$TMP/news.db" --json --no-snippets --limit 5 DeepSeek >"$TMP/n2.json"
check "the original removed, the copy is alone again" \
	sh -c "grep -q '1 removed' '$TMP/rm.err' && jq -e -s 'length == 2 and all(.[]; .duplicates == null)' '$TMP/n2.json'"
done_testing
