#!/bin/sh
# Snippets from the words stored at index time (issue 14, offs.h) are the
# snippets the tokenizer makes: the same queries through both ways
# (SEARCHER_SNIP_TOKENIZE=1 forces the tokenizer) give byte-identical
# output.  English and Chinese, long books (past the 2 MiB the snippet
# searches), phrases, wildcards, synonyms, fields, NEAR, OR and AND,
# short and long snippets.  (Without the stored words, as in an index of
# layout 8, the snippet maker takes the tokenizer's way: test_offs.)
. "$(dirname "$0")/../lib.sh"

A=$SHARED/data/agora/agora.jsonl
Z=$SHARED/data/zh
G=$SHARED/data/gutenberg
if [ ! -f "$A" ] || [ ! -d "$Z" ] || [ ! -d "$G" ]; then
	skip "snippets from stored words (../shared/data absent)"
	done_testing
fi
mkdir "$TMP/books"
for f in 00001 00008 00019 00021; do cp "$G/$f.txt" "$TMP/books/"; done
# a book of more than 2 MiB: hits past the cap are not looked for
for f in 00001 00008 00019 00021 00022 00026 00037; do cat "$G/$f.txt"; done \
	>"$TMP/books/big.txt"
"$BIN/indexer" -q --db "$TMP/db" "$A" "$Z/zh_ai_data_related.jsonl" \
	"$Z/zh_laws_sample_5mb.jsonl" "$top/corpus" "$TMP/books"
check "the collection indexes" [ $? -eq 0 ]

# The queries: every query of the relevance sets (English and Chinese),
# then made from them: phrases of their first two words, wildcards of
# their first word's first four letters, title: fields, NEAR; and a few
# written by hand (synonyms, exact words, mixed scripts, the books).
Q=$TMP/q.tsv
for f in agora.queries zh.queries agora-known zh-known agora-topics \
	zh-topics; do
	grep -v '^#' "$top/tests/relevance/$f.tsv" | cut -f3
done | grep . >"$TMP/base"
awk 'NF >= 2 { print "\"" $1 " " $2 "\"" }
     length($1) >= 5 && $1 ~ /^[a-zA-Z]+$/ { print substr($1, 1, 4) "*" }
     NF >= 1 { print "title:" $1 " " $NF }
     NF >= 3 { print $1 " NEAR/6 " $3 }' "$TMP/base" >"$TMP/made"
cat "$TMP/base" "$TMP/made" - <<'X' | awk '{ printf "q%04d\t%s\n", NR, $0 }' >"$Q"
artificial intelligence
AI regulation
export controls chips
=chips
regulat*
"facial recognition"
source:california deepfake
人工智能监管
AI监管
數據安全法
个人信息 保护
whale ship captain
"the old man"
love OR death
Elizabeth Darcy
X
n=$(wc -l <"$Q")
check "more than 900 queries ($n)" [ "$n" -gt 900 ]

# (each result's snippet and what surrounds it, and the counts, which
# are exact up to the bound whatever the load)
S() {
	"$BIN/searcher" --db "$TMP/db" --batch "$Q" --no-timings --limit 10 \
		"$@" | jq -c '{qid, total, total_exact, results: [.results[] |
		{id, rank, title, snippet, highlights, why}]}'
}
for args in "" "--and" "--snippet-chars 80" "--and --snippet-chars 600"; do
	# shellcheck disable=SC2086
	S $args >"$TMP/stored.json"
	# shellcheck disable=SC2086
	SEARCHER_SNIP_TOKENIZE=1 S $args >"$TMP/tokenized.json"
	check "stored words and the tokenizer agree byte for byte (${args:-OR})" \
		cmp "$TMP/stored.json" "$TMP/tokenized.json"
done
h=$(jq -s '[.[].results[].highlights | length] | add' "$TMP/stored.json")
check "the snippets mark hits ($h)" [ "$h" -gt 5000 ]
zh=$(jq -r '.results[].snippet' "$TMP/stored.json" | grep -c '数据')
check "Chinese snippets among them ($zh)" [ "$zh" -gt 50 ]

done_testing
