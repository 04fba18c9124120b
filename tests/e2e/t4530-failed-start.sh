#!/bin/sh
# A start that fails (a shard another writer holds, a synonym list that
# cannot be read, threads that cannot start, a temporary folder that cannot
# be made) ends with a message and the documented exit status (3: locked,
# 1: otherwise), never a crash, and leaves the index as it was.
. "$(dirname "$0")/../lib.sh"

"$BIN/indexer" -q --db "$TMP/db" "$top/corpus"
check "setup: an index of the corpus" [ $? -eq 0 ]
printf 'Title: New\n\nA new article about thetaword.\n' >"$TMP/new.txt"

# a shard locked by another Xapian writer (a POSIX lock on its flintlock,
# as Xapian takes it), while the index's own lock is free
lockf=$(ls "$TMP"/db/shard*/flintlock 2>/dev/null | head -1)
if [ -z "$lockf" ]; then
	not_ok "a locked shard: no flintlock in $(ls "$TMP"/db/shard* | tr '\n' ' ')"
else
	python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "r+")
fcntl.lockf(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(30)
' "$lockf" "$TMP/locked" &
	holder=$!
	i=0
	while [ ! -f "$TMP/locked" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	"$BIN/indexer" --db "$TMP/db" "$TMP/new.txt" >/dev/null 2>"$TMP/e1"
	rc=$?
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
	check "a locked shard: exit 3, not a crash (got $rc)" [ $rc -eq 3 ]
	check "a locked shard: the message says it is locked" grep -qi "lock" "$TMP/e1"
fi

# a synonym list that cannot be read (a folder) or is not text
mkdir "$TMP/syn.d"
printf 'chips = \377\376\n' >"$TMP/syn.bin"
for syn in "$TMP/syn.d" "$TMP/syn.bin"; do
	"$BIN/indexer" --db "$TMP/db" --synonyms "$syn" "$TMP/new.txt" \
		>/dev/null 2>"$TMP/e2"
	rc=$?
	check "synonyms $(basename "$syn"): exit 1, not a crash (got $rc)" [ $rc -eq 1 ]
	check "synonyms $(basename "$syn"): the message names the file" \
		contains "$TMP/e2" "$syn"
done

# threads that cannot be started (an address-space limit) on a --rebuild:
# nothing is published, the index keeps its documents
if ! (ulimit -v 300000 && "$BIN/indexer" --version) >/dev/null 2>&1; then
	skip "threads that cannot start (this build cannot run under ulimit -v: sanitizers)"
else
	(ulimit -v 300000 && exec "$BIN/indexer" --threads 64 --rebuild \
		--db "$TMP/db" "$top/corpus") >/dev/null 2>"$TMP/e4"
	rc=$?
	check "threads that cannot start: exit 1, not a crash (got $rc)" [ $rc -eq 1 ]
	check "threads that cannot start: says so" contains "$TMP/e4" "cannot start"
	"$BIN/indexer" --db "$TMP/db" --list >"$TMP/l4"
	check "threads that cannot start: nothing published, the index keeps its 5" \
		[ "$(wc -l <"$TMP/l4")" -eq 5 ]
	check "threads that cannot start: no temporary folder is left" \
		sh -c "! ls -a '$TMP/db' | grep -q '^.build'"
fi

# a temporary folder that cannot be made: the index on a tmpfs with no
# inode to spare (needs root to mount)
MNT=$TMP/mnt
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=20m tmpfs "$MNT" 2>/dev/null; then
	skip "a temporary folder that cannot be made (cannot mount a tmpfs: needs root)"
	done_testing
fi
trap 'umount "$MNT" 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM
"$BIN/indexer" -q --db "$MNT/db" "$top/corpus"
used=$(df --output=iused "$MNT" | tail -1 | tr -d ' ')
if ! mount -o remount,nr_inodes="$used" "$MNT" 2>"$TMP/mnt.err"; then
	not_ok "cannot limit the tmpfs to $used inodes"
	sed 's/^/#   /' "$TMP/mnt.err"
else
	"$BIN/indexer" --db "$MNT/db" --rebuild "$top/corpus" >/dev/null 2>"$TMP/e3"
	rc=$?
	check "no temporary folder: exit 1, not a crash (got $rc)" [ $rc -eq 1 ]
	check "no temporary folder: the message names it" grep -q "\.build-" "$TMP/e3"
	mount -o remount,nr_inodes=10000 "$MNT"
	"$BIN/indexer" --db "$MNT/db" --list >"$TMP/l3"
	check "no temporary folder: the index is as it was (5)" [ "$(wc -l <"$TMP/l3")" -eq 5 ]
fi

done_testing
