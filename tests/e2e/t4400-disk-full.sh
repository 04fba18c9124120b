#!/bin/sh
# A full disk: the index lives on a 6 MB tmpfs; indexing a collection that
# does not fit fails with a clear message naming the file and the system's
# reason, exit 1, and leaves the index as of its last commit (it still opens
# and answers, temporary files are gone); once there is room again the next
# run works.  Needs to mount a tmpfs (root); says skip otherwise.
. "$(dirname "$0")/../lib.sh"

MNT=$TMP/mnt
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=6m tmpfs "$MNT" 2>/dev/null; then
	skip "disk full (cannot mount a tmpfs here: needs root)"
	exit 0
fi
trap 'umount "$MNT" 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM

DB=$MNT/db
mkdir -p "$TMP/big" "$TMP/more"
awk -v dir="$TMP/big" 'BEGIN {
	nw = split("export control chip wafer lithography tariff license " \
		"foundry subsidy memory packaging semiconductor huawei nvidia " \
		"model release regulation policy sanction embargo supply chain", w, " ")
	for (i = 1; i <= 1500; i++) {
		f = sprintf("%s/b%04d.txt", dir, i)
		printf "Title: big %d\n\n", i > f
		s = i
		for (j = 0; j < 300; j++) {
			s = (s * 1103515245 + 12345) % 2147483648
			printf "%s%d ", w[int(s / 65536) % nw + 1], s % 997 > f
		}
		close(f)
	}
}'
printf 'Title: More\n\nA small article that fits.\n' >"$TMP/more/m.txt"

"$BIN/indexer" -q --db "$DB" "$top/corpus"
check "a small index fits" [ $? -eq 0 ]
# something else on the disk, removed at the end to make room
head -c 2000000 /dev/zero >"$MNT/filler"
cp "$DB/XAPIANDB" "$TMP/stub.before"

# a bulk rebuild that does not fit
"$BIN/indexer" --rebuild --db "$DB" "$TMP/big" 2>"$TMP/e1"
rc=$?
check "a rebuild on a full disk: exit 1" [ $rc -eq 1 ]
[ $rc -eq 1 ] || { echo "# exit $rc; what it said:"; sed 's/^/#   /' "$TMP/e1" | tail -20; ls -la "$MNT" "$DB" | sed 's/^/#   /'; df "$MNT" | sed 's/^/#   /'; }
check "it says which file could not be written, and why" \
	grep -q "failed: .*No space left on device" "$TMP/e1"
check "it says the index is as of its last commit" \
	grep -q "the index is as of its last commit" "$TMP/e1"
check "the index still holds its 5 documents" \
	[ "$("$BIN/indexer" --db "$DB" --list | wc -l)" -eq 5 ]
check "and answers" \
	sh -c "'$BIN/searcher' --db '$DB' --json --no-snippets huawei | grep -q deepseek"
check "the stub is unchanged" cmp -s "$DB/XAPIANDB" "$TMP/stub.before"
check "no temporary folder is left" sh -c "! ls -d '$DB'/.build-* 2>/dev/null | grep -q ."

# an update that does not fit
"$BIN/indexer" --db "$DB" "$TMP/big" 2>"$TMP/e2"
rc=$?
check "an update on a full disk: exit 1, with the reason" \
	sh -c "[ $rc -eq 1 ] && grep -q 'No space left on device' '$TMP/e2'"
check "the summary counts nothing as added" grep -q "(0 added," "$TMP/e2"
check "the index still holds its 5 documents and answers" \
	sh -c "[ \$('$BIN/indexer' --db '$DB' --list | wc -l) -eq 5 ] &&
		'$BIN/searcher' --db '$DB' --json --no-snippets huawei | grep -q deepseek"

# room again
rm "$MNT/filler"
"$BIN/indexer" --db "$DB" "$TMP/more" 2>"$TMP/e3"
rc=$?
check "with room again the next run works" \
	sh -c "[ $rc -eq 0 ] && [ \$('$BIN/indexer' --db '$DB' --list | wc -l) -eq 6 ]"

done_testing
