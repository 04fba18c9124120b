#!/bin/sh
# Incremental indexing: a re-run replaces what changed (by content hash),
# skips what did not without re-tokenizing it, removes the documents of a
# folder source whose files are gone (unless --keep-missing), and reports
# added / updated / unchanged / removed.  An unchanged re-run is much faster
# than the first build.  The same collection gives the same index whatever
# --threads is.
. "$(dirname "$0")/../lib.sh"

SRC=$TMP/src
DB=$TMP/db
mkdir -p "$SRC/a" "$SRC/b/deep" "$SRC/gone"
i=1
while [ $i -le 40 ]; do
	printf 'Title: Article %d about chips\n\nExport controls on wafer %d and lithography tools, round one.\n' \
		$i $i >"$SRC/a/doc$i.txt"
	i=$((i + 1))
done
printf 'Title: Deep one\n\nA deeply filed note on subsidies.\n' >"$SRC/b/deep/note.md"
printf 'Title: Gone soon\n\nThis folder will be removed.\n' >"$SRC/gone/x.txt"
printf 'Title: Gone too\n\nThis folder will be removed as well.\n' >"$SRC/gone/y.txt"
{
	echo '{"id": "j1", "title": "Feed one", "text": "Tariffs on memory chips"}'
	echo '{"id": "j2", "title": "Feed two", "text": "Foundry subsidies in Europe"}'
	echo '{"id": "j3", "title": "Feed three", "text": "Packaging plants in Asia"}'
} >"$SRC/feed.jsonl"
TOTAL=46

summary() { grep -o '([0-9]* added, [0-9]* updated, [0-9]* unchanged, [0-9]* removed)' "$1"; }

"$BIN/indexer" --db "$DB" "$SRC" 2>"$TMP/e1"
check "first run: exit 0" [ $? -eq 0 ]
check "first run: $TOTAL added" \
	[ "$(summary "$TMP/e1")" = "($TOTAL added, 0 updated, 0 unchanged, 0 removed)" ]

"$BIN/indexer" --db "$DB" "$SRC" 2>"$TMP/e2"
check "unchanged re-run: exit 0, everything unchanged" \
	[ "$(summary "$TMP/e2")" = "(0 added, 0 updated, $TOTAL unchanged, 0 removed)" ]
"$BIN/indexer" --db "$DB" --list >"$TMP/l1"
check "--list shows every document once" [ "$(wc -l <"$TMP/l1")" -eq $TOTAL ]

# change 3 files and a JSON line, add 2 files, remove 1 file, a folder of 2
# files and a JSON line
for k in 3 7 9; do
	printf 'Title: Article %d about chips\n\nRevised: export controls tightened again.\n' $k \
		>"$SRC/a/doc$k.txt"
done
printf 'Title: New A\n\nNew article on photonic chips.\n' >"$SRC/a/new1.txt"
printf 'Title: New B\n\nNew article on quantum photonic links.\n' >"$SRC/b/new2.txt"
rm "$SRC/a/doc40.txt"
rm -r "$SRC/gone"
{
	echo '{"id": "j1", "title": "Feed one", "text": "Tariffs on memory chips, revised"}'
	echo '{"id": "j3", "title": "Feed three", "text": "Packaging plants in Asia"}'
} >"$SRC/feed.jsonl"
"$BIN/indexer" --db "$DB" "$SRC" 2>"$TMP/e3"
check "update: exit 0" [ $? -eq 0 ]
check "update: 2 added, 4 updated, 38 unchanged, 4 removed" \
	[ "$(summary "$TMP/e3")" = "(2 added, 4 updated, 38 unchanged, 4 removed)" ]
"$BIN/indexer" --db "$DB" --list | cut -f2 | sort >"$TMP/ids"
(cd "$SRC" && find . -name '*.txt' -o -name '*.md' | sed 's|^\./||') >"$TMP/files"
printf 'j1\nj3\n' >>"$TMP/files"
sort "$TMP/files" -o "$TMP/files"
check "the index holds exactly the files and JSON lines there are" cmp -s "$TMP/ids" "$TMP/files"
"$BIN/searcher" --db "$DB" --json --no-snippets --limit 100 tightened >"$TMP/s1"
check "the changed text is found (3 documents)" [ "$(wc -l <"$TMP/s1")" -eq 3 ]
"$BIN/searcher" --db "$DB" --json --no-snippets --limit 100 '"round one"' >"$TMP/s2"
check "the old text of changed documents is gone (36 left)" [ "$(wc -l <"$TMP/s2")" -eq 36 ]
check "removed documents are not found" \
	sh -c "! '$BIN/searcher' --db '$DB' --json 'removed' | grep -q ."

# --keep-missing keeps the documents of removed files
rm "$SRC/a/doc39.txt"
"$BIN/indexer" --db "$DB" --keep-missing "$SRC" 2>"$TMP/e4"
check "--keep-missing: nothing removed" \
	[ "$(summary "$TMP/e4")" = "(0 added, 0 updated, 43 unchanged, 0 removed)" ]
check "--keep-missing: the document is still there" \
	sh -c "'$BIN/indexer' --db '$DB' --list | grep -q 'a/doc39.txt'"
"$BIN/indexer" --db "$DB" "$SRC" 2>"$TMP/e5"
check "without it the document goes" \
	[ "$(summary "$TMP/e5")" = "(0 added, 0 updated, 43 unchanged, 1 removed)" ]

# a file given on its own is not a folder source: nothing is removed for it
printf 'Title: Single\n\nA single file source.\n' >"$TMP/single.txt"
"$BIN/indexer" --db "$DB" "$TMP/single.txt" 2>"$TMP/e6"
check "a single file: added, nothing removed" \
	[ "$(summary "$TMP/e6")" = "(1 added, 0 updated, 0 unchanged, 0 removed)" ]
check "a single file: the folder's documents stay" \
	[ "$("$BIN/indexer" --db "$DB" --list | wc -l)" -eq 44 ]

# a folder that cannot be read: it is reported and nothing of the source is
# removed (as root, run the indexer as nobody, for whom permissions count)
as_user=""
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
		chmod 755 "$TMP"
		chown -R 65534:65534 "$DB" "$SRC"
	fi
fi
if [ "$(id -u)" -eq 0 ] && [ -z "$as_user" ]; then
	skip "an unreadable folder keeps its documents (root, and no setpriv)"
else
	chmod 000 "$SRC/b"
	$as_user "$BIN/indexer" --db "$DB" "$SRC" 2>"$TMP/e7"
	rc=$?
	chmod 755 "$SRC/b"
	check "an unreadable folder is reported, exit 1" \
		sh -c "[ $rc -eq 1 ] && grep -q 'src/b: skipped: Permission denied' '$TMP/e7'"
	check "and no document of the source is removed" \
		grep -q "not removing 2 documents whose files were not seen" "$TMP/e7"
	check "they are all still there" \
		[ "$("$BIN/indexer" --db "$DB" --list | wc -l)" -eq 44 ]
fi

# --field changes what documents are made of: everything from that source
# counts as updated
"$BIN/indexer" --db "$DB" --field title=name,title "$SRC" 2>"$TMP/e8"
check "another --field re-indexes the source" \
	[ "$(summary "$TMP/e8")" = "(0 added, 43 updated, 0 unchanged, 0 removed)" ]

# the same input gives the same index whatever the number of threads
for t in 1 2 3; do
	"$BIN/indexer" -q --threads $t --db "$TMP/t$t" "$SRC" 2>/dev/null
	"$BIN/indexer" --db "$TMP/t$t" --list >"$TMP/t$t.list"
	"$BIN/searcher" --db "$TMP/t$t" --json --no-snippets --limit 50 chips >"$TMP/t$t.s"
done
check "--threads 1, 2 and 3 give the same documents and ids" \
	sh -c "cmp -s '$TMP/t1.list' '$TMP/t2.list' && cmp -s '$TMP/t1.list' '$TMP/t3.list'"
check "--threads 1, 2 and 3 give the same results" \
	sh -c "cmp -s '$TMP/t1.s' '$TMP/t2.s' && cmp -s '$TMP/t1.s' '$TMP/t3.s'"

# an unchanged re-run of a real collection is much faster than building it
# (AGORA written out as 947 .txt files)
A=$SHARED/data/agora/agora.jsonl
if [ ! -f "$A" ]; then
	skip "re-run speed on AGORA ($A absent)"
elif ! command -v jq >/dev/null 2>&1; then
	skip "re-run speed on AGORA (jq not installed: scripts/deps --test)"
else
	mkdir -p "$TMP/agora"
	jq -r '[(.id | tostring | gsub("[^A-Za-z0-9_-]"; "_")), (.title // ""), ((.text // "") | @base64)] | @tsv' "$A" |
	while IFS="$(printf '\t')" read -r id title text; do
		{ printf 'Title: %s\n\n' "$title"; printf '%s' "$text" | base64 -d; } >"$TMP/agora/$id.txt"
	done
	ms() { echo $(( $(date +%s%N) / 1000000 )); }
	t0=$(ms)
	"$BIN/indexer" -q --db "$TMP/adb" "$TMP/agora" 2>/dev/null
	t1=$(ms)
	"$BIN/indexer" --db "$TMP/adb" "$TMP/agora" 2>"$TMP/ea"
	t2=$(ms)
	first=$((t1 - t0)) again=$((t2 - t1 + 1))
	check "AGORA as files: the re-run finds all $(ls "$TMP/agora" | wc -l) unchanged" \
		grep -q "(0 added, 0 updated, $(ls "$TMP/agora" | wc -l) unchanged, 0 removed)" "$TMP/ea"
	check "AGORA as files: re-run ${again} ms vs first build ${first} ms ($((first / again))x faster, at least 3x)" \
		[ $((first / again)) -ge 3 ]
fi

done_testing
