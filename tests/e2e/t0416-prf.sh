#!/bin/sh
# Pseudo-relevance feedback (issue 11), on the real AGORA documents: with
# --prf a topical query is re-ranked by the words of its first documents
# (the matches and their count stay the query's own), a query that names a
# document (an identifier or a whole name in a title) is left alone, and
# bad values are refused.  Skipped when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"

agora_db feedback

explain() {
	"$BIN/searcher" --db "$DB" -n 0 --explain "$@" | grep '^Xapian:'
}
total() {
	"$BIN/searcher" --db "$DB" --json -n 1 --no-snippets "$@" | jq -r .total
}
check "--prf expands a topical query" \
	sh -c "'$BIN/searcher' --db '$DB' -n 0 --explain --prf 'deepfakes elections' | grep '^Xapian:' | grep -q 'AND_MAYBE 0.5 \* (1 \* Z'"
check "off by default" \
	sh -c "! '$BIN/searcher' --db '$DB' -n 0 --explain 'deepfakes elections' | grep -q AND_MAYBE"
check "--prf keeps the matches: the same count" \
	[ "$(total --prf 'deepfakes elections')" = "$(total 'deepfakes elections')" ]
check "--prf-terms 3: three words added" \
	[ "$(explain --prf --prf-terms 3 'deepfakes elections' | grep -o 'AND_MAYBE.*' | grep -o '\* Z[a-z][a-z]*' | wc -l)" -eq 3 ]
check "--prf-weight scales them" \
	sh -c "'$BIN/searcher' --db '$DB' -n 0 --explain --prf --prf-weight 0.25 'deepfakes elections' | grep -q 'AND_MAYBE 0.25 \*'"
for q in "EO 14110" "Algorithmic Accountability Act"; do
	check "$q names a document: no feedback" \
		sh -c "! '$BIN/searcher' --db '$DB' -n 0 --explain --prf '$q' | grep -q AND_MAYBE"
done
"$BIN/searcher" --db "$DB" --prf-docs x chips >/dev/null 2>&1
check "--prf-docs x: usage error" [ $? -eq 2 ]
"$BIN/searcher" --db "$DB" --prf-weight -1 chips >/dev/null 2>&1
check "--prf-weight -1: usage error" [ $? -eq 2 ]
done_testing
