#!/bin/sh
# The judged query sets of tests/relevance are what their sources and the
# collections' metadata give (scripts/relevance/qrels), and every query has
# a judgment.
. "$(dirname "$0")/../lib.sh"
R=$top/tests/relevance
if [ ! -f "$SHARED/data/agora/agora.jsonl" ] || ! command -v jq >/dev/null; then
	skip "relevance sets ($SHARED/data/agora or jq absent)"
	done_testing
fi
check "the builder runs" "$top/scripts/relevance/qrels" --out "$TMP" "$SHARED/data"
for f in agora.queries.tsv agora.qrels zh.queries.tsv zh.qrels; do
	check "$f is what its sources give" cmp "$TMP/$f" "$R/$f"
done
for s in agora zh; do
	check "$s: every query has a judgment" sh -c \
		"awk 'NR == FNR { j[\$1] = 1; next } !(\$1 in j) { bad = 1; print } END { exit bad }' '$R/$s.qrels' '$R/$s.queries.tsv'"
done
check "at least 150 queries in all" sh -c "[ \$(cat '$R/agora.queries.tsv' '$R/zh.queries.tsv' | wc -l) -ge 150 ]"
# an unknown id is an error, not a silent empty judgment
mkdir -p "$TMP/bad/tests/relevance" "$TMP/bad/scripts/relevance"
cp "$top/scripts/relevance/qrels" "$TMP/bad/scripts/relevance/"
cp "$R"/*-known.tsv "$R"/*-topics.tsv "$TMP/bad/tests/relevance/"
printf 'x1\tident\tnothing\t999999\n' >>"$TMP/bad/tests/relevance/agora-known.tsv"
check "an id AGORA does not have is refused" exits 1 "$TMP/bad/scripts/relevance/qrels" --out "$TMP/bad" "$SHARED/data"
done_testing
