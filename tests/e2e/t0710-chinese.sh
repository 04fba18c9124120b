#!/bin/sh
# Chinese on the laws (issue 11): Traditional and Simplified characters
# meet (the tokenizer folds both at index and query time) while the text is
# stored and highlighted as written; highlights line up with the words of
# the text.  Skipped when ../shared/data/zh is absent.
. "$(dirname "$0")/../lib.sh"

Z=$SHARED/data/zh
L=$Z/zh_laws_sample_5mb.jsonl
if [ ! -f "$L" ]; then
	skip "Chinese laws ($L absent)"
	done_testing
fi

# A Traditional article beside the Simplified laws (a Taiwanese-style text:
# 資料 where the laws say 数据 or 信息, so it is no copy of any of them).
mkdir "$TMP/tw"
cat >"$TMP/tw/tw-pdpa.txt" <<'TXT'
Title: 個人資料保護法修正草案說明
Date: 2025-03-01
Language: zh

行政院會通過個人資料保護法修正草案，設立獨立監督機關「個人資料保護委員會」，強化對政府機關與企業蒐集、處理及利用個人資料的監督。草案要求發生資料外洩事故時，應於規定期限內通報主管機關，並提高違規罰鍰。數位發展部表示，人工智慧應用中的資料治理也將納入規範，以保障民眾權益。
TXT
"$BIN/indexer" -q --db "$TMP/zh" --field id=path "$L" "$TMP/tw" 2>/dev/null
Q() { "$BIN/searcher" --db "$TMP/zh" --json "$@"; }
hits() { jq -r '. as $r | .highlights[] | . as $h | ($r.snippet | explode | .[$h[0]:$h[1]] | implode)' "$1"; }

# A Traditional query finds the Simplified law, first, as the Simplified
# query does, and the same results in the same order.
Q --limit 1 數據安全法 >"$TMP/t1.json"
check "數據安全法 (Traditional) finds 数据安全法 first" \
	sh -c "jq -r .title '$TMP/t1.json' | grep -qx '数据安全法'"
hits "$TMP/t1.json" >"$TMP/t1.hits"
check "its snippet highlights the Simplified text as written" \
	grep -q '数据' "$TMP/t1.hits"
for q in 數據安全法 個人信息保護法 網絡安全審查辦法; do
	s=$(printf '%s' "$q" | sed 's/數據/数据/; s/個人信息保護/个人信息保护/; s/網絡安全審查辦/网络安全审查办/')
	Q --limit 10 --no-snippets "$q" | jq -r .id >"$TMP/trad.ids"
	Q --limit 10 --no-snippets "$s" | jq -r .id >"$TMP/simp.ids"
	check "$q finds what $s finds, in the same order" \
		sh -c "[ -s '$TMP/simp.ids' ] && cmp -s '$TMP/trad.ids' '$TMP/simp.ids'"
done

# A Simplified query finds the Traditional article first, and its snippet
# highlights the Traditional words as written.
for q in 个人资料保护委员会 '资料外泄 通报' 数位发展部; do
	Q --limit 1 "$q" >"$TMP/s.json"
	check "$q (Simplified) finds the Traditional article first" \
		sh -c "jq -r .id '$TMP/s.json' | grep -qx tw-pdpa.txt"
done
Q --limit 1 个人资料保护委员会 >"$TMP/s.json"
hits "$TMP/s.json" | sort -u >"$TMP/s.hits"
check "the highlight is the Traditional text as written (個人資料保護委員會)" \
	grep -qx '個人資料保護委員會' "$TMP/s.hits"
check "no highlight is in Simplified characters the text does not have" \
	sh -c "! grep -q '个\|资\|护' '$TMP/s.hits'"
"$BIN/searcher" --db "$TMP/zh" --doc tw-pdpa.txt 资料 >"$TMP/doc.out"
check "the stored text is as written (Traditional)" \
	sh -c "grep -qF '數位發展部' '$TMP/doc.out' && ! grep -qF '数位发展部' '$TMP/doc.out'"
Q --limit 1 'title:个人资料' >"$TMP/ti.json"
check "title:个人资料 finds the Traditional title, shown as written" \
	sh -c "jq -r .title '$TMP/ti.json' | grep -qx '個人資料保護法修正草案說明'"

# Highlights line up with the words of their text (as the tokenizer cuts
# it): over the judged Chinese queries and strings that cross words in the
# laws (规制 in 合规制度, 事人 in 当事人, 安全 in 国家安全), the first results'
# whole texts hold no highlight that starts or ends inside a word.
grep -v '^#' "$top/tests/relevance/zh.queries.tsv" | cut -f3 >"$TMP/q"
printf '%s\n' 规制 事人 当事人 安全 全法 息保 据安 人脸 监管部 个人信息保护 \
	'"个人信息保护"' 审判 网络安 护法 >>"$TMP/q"
B=${B:-$top/build} BIN=$BIN "$top/scripts/zh-highlights" --db "$TMP/zh" \
	--limit 2 "$TMP/q" >"$TMP/cross.out" 2>&1
check "no highlight crosses a word ($(tail -1 "$TMP/cross.out"))" \
	grep -q ' highlights [1-9][0-9]* crossing 0$' "$TMP/cross.out"
[ -s "$TMP/cross.out" ] && grep -v '^queries' "$TMP/cross.out" | head -5 | sed 's/^/#   /'

done_testing
