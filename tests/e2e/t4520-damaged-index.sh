#!/bin/sh
# A damaged or unreadable index is an error, never an empty index: the
# indexer stops with a message naming the index and a non-zero exit, and
# leaves the index as it is (earlier documents are not replaced by a fresh
# build of this run's sources).
. "$(dirname "$0")/../lib.sh"

mkdir -p "$TMP/more"
printf 'Title: More\n\nZetaword in a new article.\n' >"$TMP/more/m.txt"

# damage KIND FILE: a fresh index of the corpus with FILE of its shard
# damaged (truncated to half, or overwritten with zeros)
damage() {
	rm -rf "$TMP/db"
	"$BIN/indexer" -q --db "$TMP/db" "$top/corpus" || return 1
	f=$(ls -d "$TMP"/db/shard*/"$2" 2>/dev/null | head -1)
	[ -f "$f" ] || { echo "no $2 in $(ls "$TMP"/db/shard*)"; return 1; }
	size=$(wc -c <"$f")
	case $1 in
	truncate) head -c $((size / 2)) "$f" >"$f.t" && mv "$f.t" "$f" ;;
	zero) head -c "$size" /dev/zero >"$f" ;;
	esac
}

for d in "truncate iamglass" "zero iamglass" "zero postlist.glass" \
	"truncate postlist.glass" "zero termlist.glass"; do
	set -- $d
	if ! damage "$1" "$2" 2>"$TMP/setup"; then
		not_ok "$1 $2: setting up the damaged index"
		sed 's/^/#   /' "$TMP/setup"
		continue
	fi
	find "$TMP/db" -printf '%p %s\n' | sort >"$TMP/before"
	"$BIN/indexer" --db "$TMP/db" "$TMP/more" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	check "$1 $2: the indexer exits non-zero (got $rc)" [ $rc -ne 0 ]
	check "$1 $2: the message names the index" contains "$TMP/err" "$TMP/db"
	check "$1 $2: no summary claims documents were added" lacks "$TMP/err" "1 added"
	find "$TMP/db" -printf '%p %s\n' | sort >"$TMP/after"
	check "$1 $2: the index folder is left as it was" cmp -s "$TMP/before" "$TMP/after"
	"$BIN/searcher" --db "$TMP/db" --json zetaword >"$TMP/s" 2>&1
	check "$1 $2: the new article was not published as the whole index" \
		lacks "$TMP/s" '"title":"More"'
done

# a shard that is gone
damage truncate iamglass
rm -rf "$TMP"/db/shard*
"$BIN/indexer" --db "$TMP/db" "$TMP/more" 2>"$TMP/err"
rc=$?
check "a missing shard: exit 1 with a message (got $rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q 'cannot be read' '$TMP/err'"

done_testing
