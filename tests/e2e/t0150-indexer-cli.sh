#!/bin/sh
# The indexer's command line: --version, a short hint on a usage error, and
# a progress line (on a terminal) that says how far along the run is.
. "$(dirname "$0")/../lib.sh"

want=$(sed -n 's/^#define ENGINE_VERSION "\(.*\)"/\1/p' "$top/lib/version.h")
"$BIN/indexer" --version >"$TMP/v" 2>&1
rc=$?
check "--version exits 0" [ $rc -eq 0 ]
check "--version prints the engine's version from lib/version.h" \
	[ "$(cat "$TMP/v")" = "indexer $want" ]

"$BIN/indexer" --no-such-option "$top/corpus" >"$TMP/o" 2>"$TMP/e"
rc=$?
check "a bad option exits 2" [ $rc -eq 2 ]
check "a bad option names the option" contains "$TMP/e" "no-such-option"
check "a bad option points to --help" contains "$TMP/e" "Try 'indexer --help'"
check "a bad option does not print the whole usage" \
	[ "$(wc -l <"$TMP/e")" -le 2 ]
check "a bad option prints nothing on stdout" [ ! -s "$TMP/o" ]
"$BIN/indexer" --db "$TMP/none" >/dev/null 2>"$TMP/e"
rc=$?
check "no SOURCE: exit 2 with a short hint" \
	sh -c "[ $rc -eq 2 ] && grep -q 'no SOURCE' '$TMP/e' && [ \$(wc -l <'$TMP/e') -le 2 ]"
exits 2 "$BIN/indexer" --db "$TMP/none" --list extra
check "--list with a SOURCE exits 2" [ $? -eq 0 ]
"$BIN/indexer" --help >"$TMP/h" 2>&1
check "--help still prints the whole usage" contains "$TMP/h" "--keep-missing"
check "--help lists --version" contains "$TMP/h" "--version"

# The progress line only appears on a terminal: script(1) gives it one.
progress() { # LOG ARGS...: runs the indexer on a terminal
	log=$1
	shift
	cmd="'$BIN/indexer'"
	for a in "$@"; do cmd="$cmd '$a'"; done
	script -qec "$cmd" /dev/null </dev/null 2>&1 | tr '\r' '\n' >"$log"
}
progress "$TMP/p1" --db "$TMP/db1" "$top/corpus"
check "a folder: the progress line shows the share done once walked" \
	grep -Eq '^5 documents, .*, 100%, 0:00 left' "$TMP/p1"
# a JSON Lines file: its size is known from the start
i=0
while [ $i -lt 40 ]; do
	printf '{"id":"%d","title":"Doc %d","text":"Words of document %d."}\n' \
		$i $i $i
	i=$((i + 1))
done >"$TMP/p.jsonl"
progress "$TMP/p2" --db "$TMP/db2" "$TMP/p.jsonl"
check "a JSON Lines file: the progress line ends at 100% with the time left" \
	grep -Eq '^40 documents, .*, 100%, 0:00 left' "$TMP/p2"
check "the summary follows the progress line" \
	grep -q 'indexer: 40 documents (40 added' "$TMP/p2"
# several threads, bulk and then incremental, for a few seconds with the
# line on: the counters it reads are written by the workers (make tsan
# runs this)
awk 'BEGIN { for (i = 0; i < 1500; i++) {
	printf "{\"id\":\"%d\",\"title\":\"Doc %d\",\"text\":\"", i, i
	for (j = 0; j < 150; j++) printf "word%d ", (i * 7 + j * 13) % 997
	print "\"}" } }' >"$TMP/big.jsonl"
progress "$TMP/p4" --db "$TMP/db4" --threads 3 "$TMP/big.jsonl"
check "a threaded bulk run on a terminal ends with its summary" \
	grep -q 'indexer: 1500 documents (1500 added' "$TMP/p4"
sed 's/word1 /other /' "$TMP/big.jsonl" >"$TMP/big2.jsonl"
mv "$TMP/big2.jsonl" "$TMP/big.jsonl"
progress "$TMP/p5" --db "$TMP/db4" --threads 3 "$TMP/big.jsonl"
check "a threaded update on a terminal ends with its summary" \
	grep -q 'indexer: 1500 documents (0 added, [0-9]* updated, [0-9]* unchanged, 0 removed' "$TMP/p5"
"$BIN/indexer" --db "$TMP/db3" "$TMP/p.jsonl" 2>"$TMP/p3"
check "no progress line when stderr is not a terminal" lacks "$TMP/p3" "left"

done_testing
