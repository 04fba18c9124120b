#!/bin/sh
# The query language end to end: did-you-mean, synonyms, accents, stemming
# by document language, Chinese words and phrases, --explain.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$TMP/src"
cat >"$TMP/src/zurich.txt" <<'X'
Title: Summit in Zürich

Delegates met in Zürich to discuss semiconductor export controls.
X
cat >"$TMP/src/plain.txt" <<'X'
Title: Zurich notes

The Zurich office wrote a memo on the semiconductor supply chain.
X
cat >"$TMP/src/ai.txt" <<'X'
Title: A policy paper

Artificial intelligence governance needs new institutions.
X
cat >"$TMP/src/de.txt" <<'X'
Title: Regulierung
Language: de

Die Regulierung künstlicher Intelligenz verlangt klare Regeln für Anbieter.
X
cat >"$TMP/src/zh.txt" <<'X'
Title: 算法推荐管理规定
Language: zh

为了规范互联网信息服务算法推荐活动，加强人工智能监管，制定本规定。监管部门应当依法履行职责。
X
DB=$TMP/db
"$BIN/indexer" -q --db "$DB" "$TMP/src"
S() { "$BIN/searcher" --db "$DB" "$@"; }
ids() { jq -r .id "$1" | sort | tr '\n' ' '; }

# did you mean
S --no-snippets smiconductor >"$TMP/sp.txt"
check "a misspelled word is corrected when it finds nothing" \
	grep -q "^Showing results for semiconductor" "$TMP/sp.txt"
check "and the corrected query's results are shown" grep -q "Summit in Zürich" "$TMP/sp.txt"
# (governance: 1 document, semiconductor governance: 3; zurich would not
# do: semiconductor zurich finds the same 2 documents, counted exactly)
S --no-snippets 'smiconductor governance' >"$TMP/sp2.txt"
check "a correction that finds more is offered with its count" \
	grep -q "^Did you mean: semiconductor governance (3 results)" "$TMP/sp2.txt"
S --no-snippets 'title:notse' >"$TMP/sp3.txt"
check "corrections keep fields" grep -q "^Showing results for title:notes" "$TMP/sp3.txt"
S --no-snippets '监官' >"$TMP/sp4.txt"
check "Chinese characters are left alone by the speller" lacks "$TMP/sp4.txt" "Showing results"

# synonyms
S --json AI >"$TMP/ai.json"
check "AI finds 'artificial intelligence' (synonym)" contains "$TMP/ai.json" '"id":"ai.txt"'
check "the synonym is highlighted" \
	jq -e -s 'map(select(.id == "ai.txt"))[0] | . as $r | .highlights[0] as $h | ($r.snippet | explode | .[$h[0]:$h[1]] | implode) == "Artificial intelligence"' "$TMP/ai.json"
S --json '=AI' >"$TMP/ai2.json"
check "=AI turns the synonyms off" lacks "$TMP/ai2.json" '"id":"ai.txt"'
S --json '人工智能' >"$TMP/ai3.json"
check "人工智能 finds English 'artificial intelligence' (bilingual synonym)" \
	contains "$TMP/ai3.json" '"id":"ai.txt"'
S --json --no-synonyms AI >"$TMP/ai4.json"
check "--no-synonyms turns them off for the whole query" lacks "$TMP/ai4.json" '"id":"ai.txt"'

# accents both ways, exact form first
S --json zurich >"$TMP/z1.json"
check "zurich finds Zürich and Zurich" [ "$(ids "$TMP/z1.json")" = "plain.txt zurich.txt " ]
S --json 'Zürich' >"$TMP/z2.json"
check "Zürich finds Zurich too" [ "$(ids "$TMP/z2.json")" = "plain.txt zurich.txt " ]
check "Zürich ranks the exact form first" sh -c "head -1 '$TMP/z2.json' | jq -e '.id == \"zurich.txt\"'"

# stemming in the document's language
S --json Regulierungen >"$TMP/de.json"
check "a German inflection finds the German article" contains "$TMP/de.json" '"id":"de.txt"'

# Chinese: 2-character, 3-character (split by the dictionary), 4-character
# words and a phrase, highlighted as whole words
for w in 监管 互联网 人工智能 算法推荐; do
	S --json "$w" >"$TMP/w.json"
	check "Chinese '$w' finds the Chinese article" contains "$TMP/w.json" '"id":"zh.txt"'
	check "Chinese '$w' is highlighted as a whole" \
		jq -e -s --arg w "$w" 'map(select(.id == "zh.txt"))[0] | . as $r | [.highlights[] | . as $h | ($r.snippet | explode | .[$h[0]:$h[1]] | implode)] | any(. == $w or contains($w))' "$TMP/w.json"
done
S --json '"推荐活动"' >"$TMP/ph.json"
check "a Chinese phrase matches as a phrase" contains "$TMP/ph.json" '"id":"zh.txt"'
S --json '"活动推荐"' >"$TMP/ph2.json"
check "the same characters in another order do not" lacks "$TMP/ph2.json" '"id":"zh.txt"'

# --explain: the canonical form of the query as read
S --explain --no-snippets 'title:"export controls" +chips -nvidia date:2025..2026 regulat*' >"$TMP/ex.txt"
check "--explain prints the canonical form" \
	grep -qx 'Query: (NOT (AND (MAYBE (AND title:"export controls" chips) regulat\*) date:2025..2026) nvidia)' "$TMP/ex.txt"
S --explain --no-snippets 'AND sheffield OR' >"$TMP/ex2.txt"
check "stray operators are dropped, not errors" grep -qx 'Query: sheffield' "$TMP/ex2.txt"

# a wildcard that expands too far: a clear message, exit 1
# letters only: the tokenizer cuts a run of letters and digits in two
letters() { awk -v n="$1" 'BEGIN { s = ""; for (k = 0; k < 3; k++) { s = sprintf("%c", 97 + n % 26) s; n = int(n / 26) } print s }'; }
for i in $(seq 1 30); do echo "Title: w$i

regulat$(letters $i)x is a word." >"$TMP/src/w$i.txt"; done
"$BIN/indexer" -q --db "$DB" "$TMP/src"
"$BIN/searcher" --db "$DB" 'regulat*' >/dev/null 2>"$TMP/wild.err"
check "a small wildcard works" [ $? -eq 0 ]
{ echo "Title: many"; echo; awk 'BEGIN { for (i = 1; i <= 600; i++) printf "regulat%c%c%cy ", 97 + int(i / 676) % 26, 97 + int(i / 26) % 26, 97 + i % 26; print "" }'; } >"$TMP/src/many.txt"
"$BIN/indexer" -q --db "$DB" "$TMP/src"
"$BIN/searcher" --db "$DB" 'regulat*' >/dev/null 2>"$TMP/wild.err"
check "a wildcard over the cap exits 1" [ $? -eq 1 ]
check "with a message that says what to do" grep -q "matches more than 500 words: make its prefix longer" "$TMP/wild.err"
# A Chinese run the dictionary splits (人工智能 -> 人工 智能) is the AND of
# its words, and a document where they stand together as typed ranks
# above one that has them only apart, even many times over.
mkdir -p "$TMP/adj"
printf 'Title: 甲\nLanguage: zh\n\n本市发布新的规定，支持人工智能产业发展，鼓励企业创新。\n' >"$TMP/adj/together.txt"
printf 'Title: 乙\nLanguage: zh\n\n窗口提供人工服务，也提供智能设备。人工审核之后，智能系统给出结果。人工客服电话，智能手机应用。\n' >"$TMP/adj/apart.txt"
"$BIN/indexer" -q --db "$TMP/adjdb" "$TMP/adj"
"$BIN/searcher" --db "$TMP/adjdb" --json --no-snippets 人工智能 >"$TMP/adj.json"
check "人工智能 finds both documents (AND of its words)" [ "$(wc -l <"$TMP/adj.json")" -eq 2 ]
check "the one with 人工智能 together ranks first" \
	sh -c "head -1 '$TMP/adj.json' | jq -r .id | grep -qx together.txt"
# Latin letters and digits inside a Chinese run are words of the run too,
# not a phrase that must stand exactly so
printf 'Title: 丙\nLanguage: zh\n\n2021年发布的GPT模型说明。\n' >"$TMP/adj/mixed.txt"
"$BIN/indexer" -q --db "$TMP/adjdb" "$TMP/adj"
"$BIN/searcher" --db "$TMP/adjdb" --json --no-snippets '2021年GPT模型' >"$TMP/mixed.json"
check "2021年GPT模型 finds the document that says 2021年发布的GPT模型" \
	sh -c "jq -r .id '$TMP/mixed.json' | grep -qx mixed.txt"
check "--explain reads 2021年GPT模型 as the AND of its words" \
	sh -c "'$BIN/searcher' --db '$TMP/adjdb' --explain --no-snippets '2021年GPT模型' | grep -qxF 'Query: (AND 2021 年 gpt 模型)'"
# A pasted text of hundreds of words keeps 128 (each costs planning time:
# scripts/bench/worst) and says so; an OR of more than 32 searches its 32
# best words (Xapian's elite set)
long=$(awk 'BEGIN { for (i = 0; i < 200; i++)
	printf "q%c%c ", 97 + int(i / 26), 97 + i % 26 }') # qaa ... qhr
"$BIN/searcher" --db "$DB" --explain "$long" >"$TMP/long.txt" 2>&1
check "a 200-word query is cut to 128 words, with a note" \
	sh -c "grep -q 'query cut to 128 words' '$TMP/long.txt' &&
		grep '^Query:' '$TMP/long.txt' | grep -q ' qex)\$' &&
		! grep '^Query:' '$TMP/long.txt' | grep -q 'qey'"
check "and its words are searched as an elite set of 32" \
	grep -q 'ELITE_SET 32' "$TMP/long.txt"
done_testing
