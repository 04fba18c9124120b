#!/bin/sh
# The benchmark's smoke run (scripts/bench/run --quick: AGORA, 50 queries,
# one run): the harness works end to end with our programs and the anchors
# in it.  Figures are not judged here (benchmarks print ratios; see
# BENCHMARKS.md).  Skipped without ../shared/data or the anchors' tools.
. "$(dirname "$0")/../lib.sh"

if [ ! -f "$SHARED/data/agora/agora.jsonl" ]; then
	skip "bench smoke ($SHARED/data/agora/agora.jsonl absent)"
	exit 0
fi
for t in python3 omindex quest g++; do
	if ! command -v $t >/dev/null 2>&1; then
		skip "bench smoke ($t not installed: scripts/deps --test)"
		exit 0
	fi
done
python3 "$top/scripts/bench/run" --quick --work "$TMP/bench" --bin "$BIN" \
	--md "$TMP/bench.md" >"$TMP/bench.out" 2>&1
rc=$?
check "scripts/bench/run --quick exits 0" [ $rc -eq 0 ]
check "its table has our indexer beside omindex" \
	sh -c "grep -qi omindex '$TMP/bench.md' && grep -qiE 'ours|searcher|indexer' '$TMP/bench.md'"
check "our bulk mode was measured (not skipped)" \
	sh -c "! grep -qiE 'oursbulk.*(skipped|failed)|bulk.*skipped' '$TMP/bench.out'"
done_testing
