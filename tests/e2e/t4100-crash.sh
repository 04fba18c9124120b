#!/bin/sh
# Crash safety: the indexer is killed (SIGKILL) at random moments over a
# generated collection of 2,000 articles in 20 folders, both while it builds
# a new index and while it updates one (a tenth of the articles changed,
# some removed, 300 added).  Every time, the index must open and answer as
# of its last commit (every document in it is the old or the new version of
# an article), and a re-run must converge to exactly the index an
# uninterrupted run gives: same documents with the same ids and hashes and
# document ids (indexer --list), same results for a fixed query set
# (searcher --json --no-snippets).  SIGTERM must commit what is done, exit
# 143 and converge the same way.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-gen.sh"

KILLS=${CRASH_KILLS:-10} # per phase (builds, updates): 20 kills, 2 SIGTERMs
N=2000

QUERIES='chip export
"supply chain"
huawei -nvidia
title:report
version1
added
quantum OR photonic
"data center" power
court ruling
embargo AND sanction'

# state DB OUT: the documents (docid, id, hash) and the query results
state() {
	"$BIN/indexer" --db "$1" --list >"$2.list" 2>"$2.err" || return 1
	echo "$QUERIES" | "$BIN/searcher" --db "$1" --batch --no-snippets \
		--no-timings --limit 20 >"$2.q" 2>>"$2.err" || return 1
	[ ! -s "$2.err" ] && ! grep -q '"error"' "$2.q"
}

# random_ms MAX: a random number of milliseconds in [0, MAX)
random_ms() {
	echo $(( $(od -An -N4 -tu4 /dev/urandom) % $1 ))
}

# ms: now in milliseconds
ms() { echo $(( $(date +%s%N) / 1000000 )); }

gen_articles "$TMP/v0" 0 $N
gen_articles "$TMP/v1" 1 $N

# the references: a clean build of version 1; version 0 updated to 1
# without a crash.  The source is always the same folder, $TMP/src/c (its
# path is part of every document's identity).
mkdir -p "$TMP/src"
put() { rm -rf "$TMP/src/c" && cp -a "$TMP/$1" "$TMP/src/c"; }
put v1
t0=$(ms)
"$BIN/indexer" -q --db "$TMP/ref1" "$TMP/src/c" 2>"$TMP/err"
check "a clean build of version 1 succeeds" [ $? -eq 0 ]
build_ms=$(( $(ms) - t0 + 1 ))
put v0
"$BIN/indexer" -q --db "$TMP/base0" "$TMP/src/c" 2>"$TMP/err"
check "a clean build of version 0 succeeds" [ $? -eq 0 ]
cp -a "$TMP/base0" "$TMP/refu"
put v1
t0=$(ms)
"$BIN/indexer" --db "$TMP/refu" "$TMP/src/c" 2>"$TMP/refu.err"
update_ms=$(( $(ms) - t0 + 1 ))
check "the update reports 300 added, 260 updated, 1558 unchanged, 182 removed" \
	grep -q "(300 added, 260 updated, 1558 unchanged, 182 removed)" \
	"$TMP/refu.err"
state "$TMP/ref1" "$TMP/r1"
check "the reference build answers" [ $? -eq 0 ]
state "$TMP/refu" "$TMP/ru"
check "the reference update answers" [ $? -eq 0 ]
check "the update holds the same documents as a clean build" \
	sh -c "cut -f2,3 '$TMP/r1.list' | sort >'$TMP/a' && cut -f2,3 '$TMP/ru.list' | sort >'$TMP/b' && cmp -s '$TMP/a' '$TMP/b'"
# every (id, hash) of either version, for checking states after a kill
cut -f2,3 "$TMP/r1.list" >"$TMP/known"
"$BIN/indexer" --db "$TMP/base0" --list | cut -f2,3 >>"$TMP/known"
sort -u "$TMP/known" -o "$TMP/known"

# before_first DB: the indexer was killed before it published the new
# index at all (it first writes an empty one, whose stub XAPIANDB, renamed
# into place last, is the commit): the folder is absent or holds only the
# lock and pieces of that empty index (shard0.0, XAPIANDB.tmp, .build-*),
# and the searcher says there is no index yet, cleanly (exit 1); the re-run
# must converge as after any kill.  A kill in the first few milliseconds
# lands there (more often under a sanitizer, whose start is slower).
before_first() {
	[ ! -e "$1/XAPIANDB" ] || return 1
	if [ -d "$1" ] && ls -A "$1" | grep -v -x -e indexer.lock -e XAPIANDB.tmp \
		-e 'shard[0-9]*\.0' -e '\.build-[0-9]*' | grep -q .; then
		return 1
	fi
	"$BIN/searcher" --db "$1" x >/dev/null 2>"$TMP/k.err"
	[ $? -eq 1 ] && grep -q "^searcher: no index at $1: build one first" "$TMP/k.err"
}

# after_kill DB WHAT: the killed index opens, answers, and holds only
# versions of articles that exist (or, for a new index, none was made yet)
bad=0
early=0
after_kill() {
	if before_first "$1"; then
		early=$((early + 1))
		return
	fi
	if ! state "$1" "$TMP/k"; then
		not_ok "$2: the index opens and answers after the kill"
		sed 's/^/#   /' "$TMP/k.err" | head -5
		bad=$((bad + 1))
		return
	fi
	if cut -f2,3 "$TMP/k.list" | sort | comm -23 - "$TMP/known" | grep -q .; then
		not_ok "$2: after the kill every document is a version that exists"
		bad=$((bad + 1))
	fi
	# a state between the start and the end (some batches committed)
	sort "$TMP/k.list" >"$TMP/k.sorted"
	if ! cmp -s "$TMP/k.sorted" "$TMP/start.sorted" &&
		! cmp -s "$TMP/k.sorted" "$TMP/end.sorted"; then
		midway=$((midway + 1))
	fi
}
midway=0

# converge DB REF WHAT: a re-run gives exactly the reference
converge() {
	"$BIN/indexer" -q --db "$1" "$TMP/src/c" 2>"$TMP/rerun.err"
	rc=$?
	if [ $rc -ne 0 ]; then
		not_ok "$3: the re-run succeeds (rc $rc)"
		sed 's/^/#   /' "$TMP/rerun.err" | head -5
		bad=$((bad + 1))
		return
	fi
	if ! state "$1" "$TMP/c" || ! cmp -s "$TMP/c.list" "$2.list" ||
		! cmp -s "$TMP/c.q" "$2.q"; then
		not_ok "$3: the re-run converges to the uninterrupted index"
		diff "$2.list" "$TMP/c.list" | head -5 | sed 's/^/#   /'
		diff "$2.q" "$TMP/c.q" | head -5 | sed 's/^/#   /'
		bad=$((bad + 1))
	fi
	if ls -d "$1"/.build-* >/dev/null 2>&1; then
		not_ok "$3: no temporary folders are left after the re-run"
		bad=$((bad + 1))
	fi
}

# run_killed DB SIGNAL DELAY_MS: starts the indexer, kills it after the
# delay; prints its exit status
run_killed() {
	(
		"$BIN/indexer" -q --batch 50 --db "$1" "$TMP/src/c" \
			2>"$TMP/killed.err" &
		pid=$!
		sleep "$(awk -v m="$3" 'BEGIN { printf "%.3f", m / 1000 }')"
		kill -s "$2" $pid 2>/dev/null
		wait $pid
		echo $?
	) 2>/dev/null
}

# 1. killed while building a new index (the clean build of version 1)
put v1
: >"$TMP/start.sorted"
sort "$TMP/r1.list" >"$TMP/end.sorted"
i=0
while [ $i -lt "$KILLS" ]; do
	i=$((i + 1))
	d=$(random_ms "$build_ms")
	rm -rf "$TMP/db"
	run_killed "$TMP/db" KILL "$d" >/dev/null
	after_kill "$TMP/db" "build killed after $d ms"
	converge "$TMP/db" "$TMP/r1" "build killed after $d ms"
done
check "$KILLS builds killed at random moments ($early before the index was made): each index answered and converged ($bad failures)" [ $bad -eq 0 ]

# 2. killed while updating version 0 to version 1
"$BIN/indexer" --db "$TMP/base0" --list | sort >"$TMP/start.sorted"
sort "$TMP/ru.list" >"$TMP/end.sorted"
bad=0
midway=0
i=0
while [ $i -lt "$KILLS" ]; do
	i=$((i + 1))
	d=$(random_ms "$update_ms")
	rm -rf "$TMP/db" && cp -a "$TMP/base0" "$TMP/db"
	run_killed "$TMP/db" KILL "$d" >/dev/null
	after_kill "$TMP/db" "update killed after $d ms"
	converge "$TMP/db" "$TMP/ru" "update killed after $d ms"
done
check "$KILLS updates killed at random moments ($midway left mid-way): each index answered and converged ($bad failures)" [ $bad -eq 0 ]

# 3. SIGTERM: commits what is done, says so, exits 143, converges
bad=0
rm -rf "$TMP/db"
rc=$(run_killed "$TMP/db" TERM $((build_ms / 4)))
if [ "$rc" -eq 143 ]; then
	check "SIGTERM during a build says what it did" \
		grep -q "interrupted: committed" "$TMP/killed.err"
else
	skip "SIGTERM during a build (the build finished first: rc $rc)"
fi
after_kill "$TMP/db" "build stopped by SIGTERM"
converge "$TMP/db" "$TMP/r1" "build stopped by SIGTERM"
rm -rf "$TMP/db" && cp -a "$TMP/base0" "$TMP/db"
rc=$(run_killed "$TMP/db" TERM $((update_ms / 4)))
[ "$rc" -eq 143 ] || [ "$rc" -eq 0 ] || bad=$((bad + 1))
after_kill "$TMP/db" "update stopped by SIGTERM"
converge "$TMP/db" "$TMP/ru" "update stopped by SIGTERM"
check "SIGTERM: the index answers and converges ($bad failures)" [ $bad -eq 0 ]

done_testing
