#!/bin/sh
# Files that are not articles: a folder's README, LICENSE, SOURCE.txt,
# CHANGELOG ... are left out by default, with a note in the summary that
# says how many, which, and how to include them; a .searchignore in the
# source folder (gitignore-style globs) and --exclude GLOB leave out more,
# and '!GLOB' takes a file back.  A file named on the command line is read.
. "$(dirname "$0")/../lib.sh"

S=$TMP/src
mkdir -p "$S/drafts" "$S/laws" "$S/Changes"
art() { printf 'Title: %s\n\nIotaword in %s.\n' "$1" "$1" >"$S/$1"; }
for f in a.txt b.md laws/c.txt SOURCE.txt README.md LICENSE.txt \
	CHANGELOG.md laws/readme.txt drafts/d.txt laws/e.bak.txt Changes/f.txt; do
	art "$f"
done
printf '# drafts and backups are not published\ndrafts/\n*.bak.txt\n' >"$S/.searchignore"

"$BIN/indexer" --db "$TMP/db" "$S" 2>"$TMP/e1"
rc=$?
"$BIN/indexer" --db "$TMP/db" --list | cut -f2 | sort >"$TMP/ids"
printf '%s\n' Changes/f.txt a.txt b.md laws/c.txt >"$TMP/want"
check "exit 0: leaving out is not a failure" [ $rc -eq 0 ]
check "only the articles are indexed" cmp -s "$TMP/want" "$TMP/ids"
check "a folder named like a non-article (Changes/) is still walked" \
	grep -qx "Changes/f.txt" "$TMP/ids"
check "the summary says how many were left out as no article, and which" \
	grep -q "left out 5 files that look like no article (CHANGELOG.md, LICENSE.txt, README.md, ...)" "$TMP/e1"
check "the summary says how to include them" \
	grep -q "add --exclude '!NAME' or a line '!NAME' to the folder's .searchignore" "$TMP/e1"
check "the summary counts what .searchignore left out" \
	grep -q "left out 2 files or folders matched by .searchignore or --exclude" "$TMP/e1"
"$BIN/searcher" --db "$TMP/db" --json --limit 20 iotaword >"$TMP/s.json"
check "a search finds no SOURCE.txt, README or LICENSE" \
	sh -c "! grep -Eq 'SOURCE|README|LICENSE|CHANGELOG' '$TMP/s.json'"

# --exclude adds rules, '!' takes one back; the next run removes what is
# now left out and adds what is taken back
"$BIN/indexer" --db "$TMP/db" --exclude 'b.md' --exclude '!SOURCE.txt' \
	--exclude '!drafts/' "$S" 2>"$TMP/e2"
"$BIN/indexer" --db "$TMP/db" --list | cut -f2 | sort >"$TMP/ids2"
printf '%s\n' Changes/f.txt SOURCE.txt a.txt drafts/d.txt laws/c.txt >"$TMP/want2"
check "--exclude GLOB and '!GLOB' change what is indexed" cmp -s "$TMP/want2" "$TMP/ids2"
check "a file left out now is removed from the index" \
	grep -q "(2 added, 0 updated, 3 unchanged, 1 removed)" "$TMP/e2"

# a file named on the command line is read whatever its name
"$BIN/indexer" --db "$TMP/db2" "$S/README.md" 2>"$TMP/e3"
check "a README named on the command line is indexed" grep -q "(1 added" "$TMP/e3"

# a bad --exclude is no crash: an empty pattern or a lone '!' is nothing
"$BIN/indexer" -q --db "$TMP/db3" --exclude '' --exclude '!' --exclude '/' "$S"
check "empty and degenerate --exclude patterns are harmless" [ $? -eq 0 ]

done_testing
