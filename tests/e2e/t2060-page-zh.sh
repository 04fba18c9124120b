#!/bin/sh
# The page in Chinese on the Chinese laws: Accept-Language chooses the
# interface's words (q-values honoured), dates in Chinese form, lang="" on
# each document's title, snippet and text, long titles shortened on the
# results page by display width and whole on the document view; English
# otherwise, and "Vary: Accept-Language" on every page.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"

ZH=$SHARED/data/zh/zh_laws_sample_5mb.jsonl
if [ ! -f "$ZH" ]; then
	skip "the page in Chinese ($ZH missing)"
	exit 0
fi
"$BIN/indexer" -q --db "$TMP/db" "$ZH" >/dev/null 2>&1
export SEARCHER_DB="$TMP/db"
R=$TMP/r
Q='q=%E6%B7%AB%E7%A7%BD%E7%94%B5%E5%AD%90%E4%BF%A1%E6%81%AF' # 淫秽电子信息
zh() { HTTP_ACCEPT_LANGUAGE=$1 cgi_env "$R" "$2"; }

zh 'zh-CN,zh;q=0.9,en;q=0.8' "$Q"
check "zh-CN: 200" [ "$(status "$R")" = 200 ]
check "zh-CN: the page says it is Chinese" contains "$R" '<html lang="zh-Hans">'
check "zh-CN: the interface speaks Chinese" \
	eval "grep -q 'class=\"summary\">[0-9,]* 条结果，显示第 1–' '$R' &&
	      contains '$R' '>搜索</button>' && contains '$R' '<h2>来源</h2>' &&
	      contains '$R' '排序：'"
check "zh-CN: no English words of ours left" \
	eval "! body '$R' | grep -q 'results\\|Search articles\\|Options\\|Previous\\|The text here\\|Source\\|Year'"
check "zh-CN: Vary: Accept-Language" [ "$(header "$R" Vary)" = "Accept-Language" ]
check "zh-CN: titles and snippets say their language" \
	eval "[ \$(grep -c '<h2 lang=\"zh\"><a ' '$R') -eq \$(grep -c '<li class=\"hit\">' '$R') ] &&
	      [ \$(grep -c '<p class=\"snip\" lang=\"zh\">' '$R') -eq \$(grep -c '<li class=\"hit\">' '$R') ]"
# 最高人民法院、最高人民检察院关于办理利用互联网...的解释: 71 characters, 142 columns
long=最高人民法院、最高人民检察院关于办理利用互联网、移动通讯终端、声讯台制作、复制、出版、贩卖、传播淫秽电子信息刑事案件具体应用法律若干问题的解释
grep -o "<h2 lang=\"zh\"><a [^>]*title=\"$long\">[^<]*…</a>" "$R" | sed 's/.*>\([^<]*\)<\/a>/\1/' | head -1 >"$TMP/short"
check "a long title is shortened on the results page, whole on hover" [ -s "$TMP/short" ]
cols=$(python3 -c '
import sys, unicodedata
t = open(sys.argv[1], encoding="utf-8").read().strip()
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in t))' "$TMP/short")
check "... to at most 100 columns, CJK counting 2 ($cols)" [ "${cols:-999}" -le 100 ] && [ "$cols" -ge 90 ]
check "... at a word boundary, not after a comma" eval "! grep -q '、…' '$TMP/short'"
zh 'zh' 'doc=48'
check "the document view shows the long title whole" \
	contains "$R" "<h1 id=\"top\" lang=\"zh\">$long</h1>"
check "the document view: fields in Chinese" \
	eval "contains '$R' '<dt>来源</dt><dd>司法解释</dd>' && contains '$R' '<dt>编号</dt><dd>48</dd>'"
check "the document view: back link in Chinese" contains "$R" '新的搜索</a>'
id=$(sed -n 's/.*"id": \([0-9]*\),.*"date": "\(20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]\)".*/\1 \2/p' "$ZH" | head -1)
set -- $id
zh 'zh-TW' "doc=$1"
y=${2%%-*}; m=${2#*-}; m=${m%-*}; d=${2##*-}
want="${y}年$(expr "$m" + 0)月$(expr "$d" + 0)日"
check "zh-TW: dates in Chinese form ($want)" contains "$R" "<dt>日期</dt><dd>$want</dd>"
HTTP_ACCEPT_LANGUAGE='zh' cgi_env "$R" 'doc=no-such-law'
check "errors in Chinese" \
	eval "grep -q '^Status: 404' '$R' && contains '$R' '<h1>未找到</h1>' && contains '$R' '索引中没有这个编号的文档。'"
HTTP_ACCEPT_LANGUAGE='zh' cgi_env "$R" ''
check "the home page in Chinese" contains "$R" '<h1>搜索文章</h1>'

# English: no header, English first, Chinese not acceptable
for h in '' 'en-US,en;q=0.9,zh-CN;q=0.8' 'zh;q=0, en;q=0.1' 'fr'; do
	zh "$h" "$Q"
	check "Accept-Language '$h': English" \
		eval "contains '$R' '<html lang=\"en\">' && grep -q 'class=\"summary\">[0-9,]* results' '$R'"
done
zh 'en;q=0.5, zh-TW;q=0.8' "$Q"
check "q-values: zh-TW;q=0.8 over en;q=0.5" contains "$R" '<html lang="zh-Hans">'
zh 'zh-CN' "$Q&format=json"
check "JSON stays as it is" eval "body '$R' | grep -q '^{\"query\"'"

done_testing
