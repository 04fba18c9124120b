#!/bin/sh
# Real multilingual data: the UDHR in 16 languages (no metadata: languages
# are guessed) and Chinese laws.  Skipped when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"

U=$SHARED/data/udhr
if [ -d "$U" ]; then
	"$BIN/indexer" -q --db "$TMP/udhr" "$U"
	S() { "$BIN/searcher" --db "$TMP/udhr" --json --limit 1 --no-snippets -- "$@"; }
	# each translation's own title finds that translation first (or the
	# group of copies it is in: the Traditional and the Simplified Chinese
	# texts read alike once folded, and are grouped as copies)
	for f in "$U"/*.txt; do
		b=$(basename "$f")
		case $b in SOURCE.txt) continue ;; esac
		q=$(head -1 "$f")
		[ -n "$q" ] || continue
		S "$q" >"$TMP/first.json"
		got=$(jq -r .id "$TMP/first.json")
		if [ "$got" = "$b" ]; then ok "UDHR $b: its title finds it first"
		elif jq -r '(.duplicates.ids // [])[]' "$TMP/first.json" | grep -qxF "$b"; then
			ok "UDHR $b: its title finds it first (as a copy of $got)"
		else not_ok "UDHR $b: its title finds it first (got '$got' for '$q')"; fi
	done
	# languages guessed from the text pick the stemmer
	check "German inflection (Erklärungen) finds the German text" \
		sh -c "'$BIN/searcher' --db '$TMP/udhr' --json --no-snippets 'Erklärungen' | jq -r .id | grep -qx deu.txt"
	check "French inflection (déclarations) finds the French text" \
		sh -c "'$BIN/searcher' --db '$TMP/udhr' --json --no-snippets 'déclarations' | jq -r .id | grep -qx fra.txt"
	check "the German text was read as German" \
		sh -c "'$BIN/searcher' --db '$TMP/udhr' --json --no-snippets 'lang:de' | jq -r .id | grep -qx deu.txt"
	check "Hebrew (no stemmer) is found by its words" \
		sh -c "'$BIN/searcher' --db '$TMP/udhr' --json --no-snippets 'זכויות האדם' | head -1 | jq -r .id | grep -qx heb.txt"
	check "Japanese 人権 finds the Japanese text" \
		sh -c "'$BIN/searcher' --db '$TMP/udhr' --json --no-snippets 'lang:ja 人権' | jq -r .id | grep -qx jpn.txt"
else
	skip "UDHR ($U absent)"
fi

Z=$SHARED/data/zh
if ls "$Z"/*.jsonl >/dev/null 2>&1; then
	"$BIN/indexer" -q --db "$TMP/zh" --field id=path "$Z"/*.jsonl 2>/dev/null
	Q() { "$BIN/searcher" --db "$TMP/zh" --json "$@"; }
	hits() { jq -r '. as $r | .highlights[] | . as $h | ($r.snippet | explode | .[$h[0]:$h[1]] | implode)' "$1"; }
	# two-character, four-character words and a phrase, highlighted whole
	Q 监管 >"$TMP/w2.json"
	check "监管 (2 characters) finds laws" [ "$(wc -l <"$TMP/w2.json")" -eq 10 ]
	hits "$TMP/w2.json" | sort -u >"$TMP/w2.hits"
	check "监管 is highlighted as the word 监管" sh -c "grep -qx '监管' '$TMP/w2.hits' && ! grep -qvx '监管' '$TMP/w2.hits'"
	Q 人工智能 >"$TMP/w4.json"
	check "人工智能 (4 characters) finds laws" [ "$(wc -l <"$TMP/w4.json")" -ge 3 ]
	hits "$TMP/w4.json" | sort -u >"$TMP/w4.hits"
	check "人工智能 is highlighted as one word (or its synonym)" \
		sh -c "grep -qx '人工智能' '$TMP/w4.hits'"
	Q '"个人信息保护"' >"$TMP/ph.json"
	check "a Chinese phrase finds laws" [ -s "$TMP/ph.json" ]
	check "the personal information protection law is among them" \
		sh -c "jq -r .title '$TMP/ph.json' | grep -q '个人信息保护法'"
	hits "$TMP/ph.json" | sort -u >"$TMP/ph.hits"
	check "the phrase is highlighted as one unit" sh -c "grep -q '个人信息保护' '$TMP/ph.hits'"
	Q --snippet-chars 40 数据安全 >"$TMP/len.json"
	check "snippet length counts characters, not bytes (40 without the … marks)" \
		sh -c "jq -r '.snippet | gsub(\" ?… ?\"; \"\") | length' '$TMP/len.json' | awk '\$1 > 40 || \$1 < 20 { bad = 1 } END { exit bad }'"
else
	skip "Chinese laws ($Z absent)"
fi
done_testing
