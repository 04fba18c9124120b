# Retrieval metrics from a TREC qrels file and a TREC run file:
#   awk -f scripts/metrics.awk QRELS RUN
#   awk -v perq=FILE -f scripts/metrics.awk QRELS RUN
# QRELS: "qid 0 docid rel" (TREC) or BEIR "qid<TAB>docid<TAB>rel" (a header
# line "query-id ..." is skipped).  RUN: "qid Q0 docid rank score tag".
# Prints nDCG@10, Recall@100, MAP (over the run's first 1000 lines per
# query) and P@1 (the share of queries whose first document is relevant),
# averaged over every query that has a relevant document in QRELS (a query
# the run does not answer counts 0), and the number of queries.
# Gains are the relevance values (trec_eval's convention); ranks come from
# the run's order of appearance per query.  With perq set, one line per
# query goes to that file: qid, nDCG@10, AP, Recall@100, and the rank of the
# first relevant document (0 when the run has none).
FNR == NR {
	if ($1 == "query-id") next
	if (NF == 4) { q = $1; d = $3; r = $4 } else if (NF == 3) { q = $1; d = $2; r = $3 } else next
	if (r + 0 > 0) { rel[q, d] = r + 0; nrel[q]++; gains[q] = gains[q] " " r + 0 }
	next
}
{
	q = $1; d = $3
	if ((q, d) in seen) next
	seen[q, d] = 1
	k = ++rank[q]
	if (!(q in nrel) || !((q, d) in rel)) next
	g = rel[q, d]
	if (!(q in first)) first[q] = k
	if (k <= 10) dcg[q] += g / (log(k + 1) / log(2))
	if (k <= 100) hit100[q]++
	if (k <= 1000) { hits[q]++; ap[q] += hits[q] / k }
}
END {
	n = 0
	for (q in nrel) {
		n++
		# ideal DCG: the query's gains, best first
		m = split(gains[q], gv, " ")
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (gv[j] > gv[i]) { t = gv[i]; gv[i] = gv[j]; gv[j] = t }
		idcg = 0
		for (i = 1; i <= m && i <= 10; i++) idcg += gv[i] / (log(i + 1) / log(2))
		nd = idcg > 0 ? dcg[q] / idcg : 0
		ndcg += nd
		recall += hit100[q] / nrel[q]
		map += ap[q] / nrel[q]
		p1 += first[q] == 1
		if (perq != "")
			printf "%s %.4f %.4f %.4f %d\n", q, nd, ap[q] / nrel[q], hit100[q] / nrel[q], first[q] + 0 >perq
	}
	if (n == 0) { print "no judged queries" > "/dev/stderr"; exit 1 }
	printf "nDCG@10 %.4f\nRecall@100 %.4f\nMAP %.4f\nP@1 %.4f\nqueries %d\n", ndcg / n, recall / n, map / n, p1 / n, n
}
