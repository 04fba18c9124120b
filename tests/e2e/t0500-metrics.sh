#!/bin/sh
# The evaluation metrics against cases computed by hand.
. "$(dirname "$0")/../lib.sh"
M=$top/scripts/metrics.awk

# q1: relevant a (rel 1), b (rel 1); run: a at 1, x at 2, b at 3.
#   DCG = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5
#   IDCG = 1 + 1/log2(3) = 1.6309;  nDCG = 0.9197
#   AP = (1/1 + 2/3) / 2 = 0.8333; recall@100 = 1
# q2: relevant c (rel 2); run: y, z (c not retrieved) -> nDCG 0, AP 0, R 0
# q3: relevant d, not in the run at all -> 0
# means: nDCG (0.9197+0+0)/3 = 0.3066; R = 0.3333; MAP = 0.2778
printf 'q1 0 a 1\nq1 0 b 1\nq1 0 n 0\nq2 0 c 2\nq3 0 d 1\n' >"$TMP/qrels"
printf 'q1 Q0 a 1 3 t\nq1 Q0 x 2 2 t\nq1 Q0 b 3 1 t\nq2 Q0 y 1 2 t\nq2 Q0 z 2 1 t\n' >"$TMP/run"
awk -f "$M" "$TMP/qrels" "$TMP/run" >"$TMP/out"
check "nDCG@10 of the hand case is 0.3066" grep -qx 'nDCG@10 0.3066' "$TMP/out"
check "Recall@100 of the hand case is 0.3333" grep -qx 'Recall@100 0.3333' "$TMP/out"
check "MAP of the hand case is 0.2778" grep -qx 'MAP 0.2778' "$TMP/out"
check "all three judged queries count" grep -qx 'queries 3' "$TMP/out"
# P@1: only q1 has a relevant document first -> 1/3
check "P@1 of the hand case is 0.3333" grep -qx 'P@1 0.3333' "$TMP/out"
# per query: q1's first relevant document at rank 1; q2 and q3 have none
awk -v perq="$TMP/perq" -f "$M" "$TMP/qrels" "$TMP/run" >/dev/null
check "per-query lines: q1 first hit at rank 1" grep -qx 'q1 0.9197 0.8333 1.0000 1' "$TMP/perq"
check "per-query lines: q2 has no relevant document in the run" grep -qx 'q2 0.0000 0.0000 0.0000 0' "$TMP/perq"
printf 'q1 Q0 x 1 2 t\nq1 Q0 a 2 1 t\n' >"$TMP/second"
awk -v perq="$TMP/perq2" -f "$M" "$TMP/qrels" "$TMP/second" >"$TMP/out5"
check "a relevant document at rank 2 gives P@1 0 and first rank 2" \
	sh -c "grep -q '^P@1 0.0000' '$TMP/out5' && grep -q '^q1 .* 2\$' '$TMP/perq2'"

# a perfect run scores 1; BEIR's tab-separated qrels with header read too
printf 'query-id\tcorpus-id\tscore\nq1\ta\t1\nq1\tb\t2\n' >"$TMP/beir.tsv"
printf 'q1 Q0 b 1 2 t\nq1 Q0 a 2 1 t\n' >"$TMP/perfect"
awk -f "$M" "$TMP/beir.tsv" "$TMP/perfect" >"$TMP/out2"
check "a perfect ranking has nDCG 1 and MAP 1" sh -c "grep -qx 'nDCG@10 1.0000' '$TMP/out2' && grep -qx 'MAP 1.0000' '$TMP/out2'"
# graded gains: b (2) after a (1) is worse than the ideal order
printf 'q1 Q0 a 1 2 t\nq1 Q0 b 2 1 t\n' >"$TMP/swapped"
awk -f "$M" "$TMP/beir.tsv" "$TMP/swapped" >"$TMP/out3"
# DCG = 1 + 2/log2(3) = 2.2619; IDCG = 2 + 1/log2(3) = 2.6309; 0.8597
check "graded gains: swapped order gives 0.8597" grep -qx 'nDCG@10 0.8597' "$TMP/out3"
# duplicate run lines count once
printf 'q1 Q0 b 1 2 t\nq1 Q0 b 2 2 t\nq1 Q0 a 3 1 t\n' >"$TMP/dup"
awk -f "$M" "$TMP/beir.tsv" "$TMP/dup" >"$TMP/out4"
check "a document repeated in a run counts once" grep -qx 'nDCG@10 1.0000' "$TMP/out4"
done_testing
