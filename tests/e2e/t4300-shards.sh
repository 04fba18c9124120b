#!/bin/sh
# Shards: --shards N writes N shard databases (an article goes to the shard
# its id hashes to) under the index folder, listed by the folder's Xapian
# stub file (XAPIANDB), so searcher --db DIR searches them all and ranks
# exactly as one index would (Xapian combines the shards' statistics).
# Updates go to the right shard; --rebuild changes the number of shards and
# swaps the new index in at once, while searches go on without a failure.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-gen.sh"

SRC=$TMP/src
mkdir -p "$SRC"
gen_articles "$SRC" 0 400 40
QUERIES='chip export
"supply chain"
huawei -nvidia
title:court
wafer NEAR/3 lithography
embargo AND sanction'

# ranking QUERIES-OUTPUT: per query, the hits as "score id", scores rounded
ranking() {
	jq -r '.qid as $q | .results[] | "\($q) \(.score * 100000 | round) \(.id)"' "$1"
}
search_all() { # DB OUT
	echo "$QUERIES" | "$BIN/searcher" --db "$1" --batch --no-snippets \
		--no-timings --limit 400 >"$2" 2>"$2.err"
}

"$BIN/indexer" -q --db "$TMP/one" "$SRC"
check "one index builds" [ $? -eq 0 ]
"$BIN/indexer" -q --shards 3 --db "$TMP/three" "$SRC"
check "three shards build" [ $? -eq 0 ]
check "the stub lists three shards" \
	[ "$(grep -c '^auto shard[0-2]\.1$' "$TMP/three/XAPIANDB")" -eq 3 ]
n0=$("$BIN/indexer" --db "$TMP/three/shard0.1" --list 2>/dev/null | wc -l)
n1=$("$BIN/indexer" --db "$TMP/three/shard1.1" --list 2>/dev/null | wc -l)
n2=$("$BIN/indexer" --db "$TMP/three/shard2.1" --list 2>/dev/null | wc -l)
check "every shard holds a part ($n0 + $n1 + $n2 = 400)" \
	sh -c "[ $n0 -gt 80 ] && [ $n1 -gt 80 ] && [ $n2 -gt 80 ] && [ $((n0 + n1 + n2)) -eq 400 ]"
"$BIN/indexer" --db "$TMP/one" --list | cut -f2,3 | sort >"$TMP/one.list"
"$BIN/indexer" --db "$TMP/three" --list | cut -f2,3 | sort >"$TMP/three.list"
check "the shards hold the same documents as the one index" \
	cmp -s "$TMP/one.list" "$TMP/three.list"

search_all "$TMP/one" "$TMP/one.json"
search_all "$TMP/three" "$TMP/three.json"
ranking "$TMP/one.json" | sort >"$TMP/one.rank"
ranking "$TMP/three.json" | sort >"$TMP/three.rank"
check "searching the folder of shards ranks as one index (same scores)" \
	sh -c "[ -s '$TMP/one.rank' ] && cmp -s '$TMP/one.rank' '$TMP/three.rank'"
search_all "$TMP/three/XAPIANDB" "$TMP/stub.json"
check "the stub file itself can be given to --db" cmp -s "$TMP/three.json" "$TMP/stub.json"

# updates land in the shard of their id
for i in 3 100 257; do
	printf 'Title: changed %s\n\nzeppelin airship\n' $i \
		>"$SRC/d$(printf %02d $((i % 20)))/doc$(printf %05d $i).txt"
done
rm "$SRC/d07/doc00007.txt" "$SRC/d00/doc00300.txt"
printf 'Title: brand new\n\nzeppelin hangar\n' >"$SRC/new.txt"
"$BIN/indexer" --db "$TMP/three" "$SRC" 2>"$TMP/upd.err"
check "an update of the shards reports 1 added, 3 updated, 2 removed" \
	grep -q "(1 added, 3 updated, 395 unchanged, 2 removed)" "$TMP/upd.err"
"$BIN/indexer" -q --db "$TMP/one" "$SRC"
"$BIN/indexer" --db "$TMP/one" --list | cut -f2,3 | sort >"$TMP/one.list"
"$BIN/indexer" --db "$TMP/three" --list | cut -f2,3 | sort >"$TMP/three.list"
check "after the update the shards hold what the one index holds" \
	cmp -s "$TMP/one.list" "$TMP/three.list"
check "the changed articles are found" \
	[ "$("$BIN/searcher" --db "$TMP/three" --json --no-snippets zeppelin | wc -l)" -eq 4 ]

# the number of shards is fixed until --rebuild
"$BIN/indexer" --shards 2 --db "$TMP/three" "$SRC" 2>"$TMP/e"
check "--shards 2 on a 3-shard index: exit 2, says --rebuild" \
	sh -c "[ $? -eq 2 ] && grep -q 'has 3 shards; add --rebuild' '$TMP/e'"

# --rebuild while searches run: none fails, and the swap is complete
: >"$TMP/fail.log"
(
	i=0
	while [ ! -f "$TMP/stop" ] && [ $i -lt 2000 ]; do
		"$BIN/searcher" --db "$TMP/three" --json --no-snippets chip \
			>"$TMP/s.out" 2>"$TMP/s.err" || cat "$TMP/s.err" >>"$TMP/fail.log"
		[ -s "$TMP/s.err" ] && cat "$TMP/s.err" >>"$TMP/fail.log"
		i=$((i + 1))
	done
	echo $i >"$TMP/searches"
) &
reader=$!
sleep 0.3
"$BIN/indexer" -q --rebuild --shards 2 --db "$TMP/three" "$SRC"
rc=$?
sleep 0.3
touch "$TMP/stop"
wait $reader
check "--rebuild --shards 2 succeeds" [ $rc -eq 0 ]
check "no search failed during the rebuild ($(cat "$TMP/searches") searches)" \
	sh -c "[ ! -s '$TMP/fail.log' ] || { head -5 '$TMP/fail.log'; false; }"
check "the stub now lists two shards of generation 2" \
	[ "$(grep -c '^auto shard[01]\.2$' "$TMP/three/XAPIANDB")" -eq 2 ]
check "the old shards are gone" \
	sh -c "! ls -d '$TMP'/three/shard*.1 >/dev/null 2>&1"
"$BIN/indexer" --db "$TMP/three" --list | cut -f2,3 | sort >"$TMP/two.list"
check "the rebuilt index holds the same documents" cmp -s "$TMP/one.list" "$TMP/two.list"

done_testing
