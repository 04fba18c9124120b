#!/bin/sh
# The document view on real texts, on the page and on the terminal: the
# Chinese laws' Markdown structure (headings, "<!-- INFO END -->" never
# shown), paragraphs kept, matches that link one to the next (anchors, no
# script), the title highlighted, the record's fields listed; `searcher
# --doc` wraps each paragraph at the width and prints no summary line.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"

ZH=$SHARED/data/zh/zh_ai_data_related.jsonl
ART=$SHARED/articles
if [ ! -f "$ZH" ] || [ ! -d "$ART" ]; then
	skip "document view on real data ($ZH or $ART missing)"
	exit 0
fi
mkdir -p "$TMP/src"
cp "$ZH" "$TMP/src/"
cp "$ART"/*.txt "$TMP/src/"
"$BIN/indexer" -q --db "$TMP/db" "$TMP/src" >/dev/null 2>&1
export SEARCHER_DB="$TMP/db"
R=$TMP/r

# 数据安全法 (id 5): "# 中华人民共和国数据安全法", "<!-- INFO END -->",
# "## 第一章 总  则", ...
cgi_env "$R" 'doc=5&q=%E6%95%B0%E6%8D%AE' # q=数据
check "law: 200" [ "$(status "$R")" = 200 ]
check "law: the Markdown headings are headings" \
	eval "grep -q '^<h2>中华人民共和国<mark id=\"m1\"><a href=\"#m2\"[^>]*>数据</a></mark>安全法</h2>\$' '$R' &&
	      grep -q '^<h3>第一章 总 则</h3>\$' '$R'"
n=$(grep -c '^<h3>第[一二三四五六七八九十]*章 ' "$R")
want=$(grep '"id": 5,' "$ZH" | grep -o '\\n## 第' | wc -l)
check "law: every chapter a heading ($n of $want)" [ "$n" -eq "$want" ] && [ "$want" -gt 3 ]
check "law: the comment is never shown" lacks "$R" "INFO END"
check "law: paragraphs kept" [ "$(grep -c '^<p>第[一二三四五六七八九十百]*条 ' "$R")" -gt 40 ]
check "law: the title highlighted" \
	contains "$R" '<h1 id="top" lang="zh"><mark>数据</mark>安全法</h1>'
check "law: the text says its language" contains "$R" '<div class="text" lang="zh">'
check "law: the fields listed" \
	eval "contains '$R' '<dt>Date</dt><dd>10 June 2021</dd>' &&
	      contains '$R' '<dt>Source</dt><dd>行政法</dd>' &&
	      contains '$R' '<dt>Id</dt><dd>5</dd>'"
# every match is numbered in order and links to the next; the last to the
# first; the note links to the first
grep -o '<mark id="m[0-9]*"><a href="#m[0-9]*"' "$R" |
	sed 's/<mark id="m\([0-9]*\)"><a href="#m\([0-9]*\)"/\1 \2/' >"$TMP/chain"
total=$(wc -l <"$TMP/chain")
check "law: every match links to the next, the last to the first ($total)" \
	awk -v n="$total" 'n < 20 || $1 != NR || $2 != (NR < n ? NR + 1 : 1) { exit 1 }' "$TMP/chain"
check "law: the count says how many ($total)" \
	contains "$R" "$total matches for <q>数据</q> highlighted"
check "law: the note links to the first match" contains "$R" 'href="#m1"'
check "law: no script" lacks "$R" "<script"
check "law: safe HTML" safe_html "$R"

# an English article from the web: paragraphs, no Markdown
id=000_7c5b4735e73ba094.txt
cgi_env "$R" "doc=$id&q=huawei"
check "article: paragraphs kept ($(grep -c '^<p>' "$R"))" [ "$(grep -c '^<p>' "$R")" -gt 5 ]
check "article: title highlighted" grep -q '<h1 id="top" lang="en">.*<mark>Huawei</mark>' "$R"
check "article: matches link on" grep -q '<mark id="m2"><a href="#m3" aria-label="[^"]*: next match, 3 of' "$R"

# the terminal
S() { "$BIN/searcher" --db "$TMP/db" --color=never "$@"; }
S --doc 5 数据 >"$TMP/t"
check "--doc: no summary line, the title first" \
	eval "head -1 '$TMP/t' | grep -qx '中华人民共和国\\[数据\\]安全法' || head -1 '$TMP/t' | grep -qx '\\[数据\\]安全法'"
check "--doc: no score" lacks "$TMP/t" "0.00"
check "--doc: no result count" eval "! grep -q '^[0-9]* results\\? (' '$TMP/t'"
check "--doc: headings on lines of their own" grep -qx '第一章 总 则' "$TMP/t"
check "--doc: the comment is never shown" lacks "$TMP/t" "INFO END"
check "--doc: paragraphs apart (blank lines: $(grep -c '^$' "$TMP/t"))" \
	[ "$(grep -c '^$' "$TMP/t")" -gt 40 ]
width() { python3 -c '
import sys, unicodedata
w = 0
for line in open(sys.argv[1], encoding="utf-8"):
    w = max(w, sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip("\n")))
print(w)' "$1"; }
check "--doc: wrapped at 80 columns ($(width "$TMP/t"))" [ "$(width "$TMP/t")" -le 80 ]
S --doc "$id" huawei >"$TMP/e"
check "--doc: an article's paragraphs apart" [ "$(grep -c '^$' "$TMP/e")" -gt 5 ]
check "--doc: an article wrapped at 80 columns ($(width "$TMP/e"))" [ "$(width "$TMP/e")" -le 80 ]
check "--doc: the article's matches marked" grep -q '\[Huawei\]' "$TMP/e"
check "--doc: the fields line: date, source, id" \
	eval "sed -n 2p '$TMP/t' | grep -q '^2021-06-10 · 行政法 · zh · 5\$'"

done_testing
