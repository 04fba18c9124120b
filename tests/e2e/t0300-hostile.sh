#!/bin/sh
# Hostile inputs: each gets a clear message and a sensible exit code; the
# good documents around them are still indexed; nothing crashes.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$TMP/src/sub"
printf 'Title: Good one\n\nSemiconductor export rules.\n' >"$TMP/src/good.txt"
printf 'binary\000data with NUL\n' >"$TMP/src/binary.txt"
printf 'Title: Bad bytes\n\nCaf\351 in Latin-1, not UTF-8.\n' >"$TMP/src/latin1.txt"
printf '' >"$TMP/src/empty.txt"
printf '<html><head><title>Saved page</title><script>var secret=1;</script></head><body><nav>Menu</nav><article><p>Semiconductor tariffs &amp; chips.</p></article></body></html>' >"$TMP/src/sub/page.html"
{
	echo '{"id": "j1", "title": "JSON one", "text": "Semiconductor policy text"}'
	echo '{"id": "j2", "title": "truncated", "text": "no end'
	echo '[1, 2, 3]'
	echo '{"id": "j3", "date": "no text, no title"}'
	echo 'not json at all'
	echo '{"id": "j4", "title": "JSON four", "text": "More semiconductor text"}'
} >"$TMP/src/feed.jsonl"
ln -s "$TMP/src" "$TMP/src/sub/loop"
printf '<html><head><title>Saved page</title><script>var secret=1;</script></head><body><nav>Menu</nav><article><p>Semiconductor tariffs &amp; chips.</p></article></body></html>' >"$TMP/src/page2.html"

DB=$TMP/db
"$BIN/indexer" --db "$DB" "$TMP/src" 2>"$TMP/err"
rc=$?
check "indexer exits 1 when something was skipped" [ $rc -eq 1 ]
check "binary file reported with its name" grep -q "binary.txt: skipped: .*NUL" "$TMP/err"
check "invalid UTF-8 reported with its name" grep -q "latin1.txt: skipped: .*UTF-8" "$TMP/err"
check "empty file reported" grep -q "empty.txt: skipped" "$TMP/err"
check "truncated JSON line reported with file:line" grep -q "feed.jsonl:2: skipped" "$TMP/err"
check "non-object JSON line reported" grep -q "feed.jsonl:3: skipped" "$TMP/err"
check "JSON line without text reported" grep -q "feed.jsonl:4: skipped" "$TMP/err"
check "garbage line reported" grep -q "feed.jsonl:5: skipped" "$TMP/err"
check "symlink loop is not followed" grep -q "loop: skipped: link to a folder" "$TMP/err"
"$BIN/searcher" --db "$DB" --json --limit 50 semiconductor >"$TMP/s.json"
check "good documents around the bad ones are all indexed (5)" [ "$(wc -l <"$TMP/s.json")" -eq 5 ]
check "HTML: title from <title>, script and nav not indexed" \
	sh -c "jq -r .title '$TMP/s.json' | grep -q 'Saved page' && ! '$BIN/searcher' --db '$DB' --json secret | grep -q . && ! '$BIN/searcher' --db '$DB' --json menu | grep -q ."
check "HTML entities decoded" sh -c "jq -r .snippet '$TMP/s.json' | grep -qF 'tariffs & chips'"

# a second indexer on the same index: clear message, exit 3, no hang
mkfifo "$TMP/fifo"
("$BIN/indexer" -q --db "$TMP/lockdb" "$TMP/fifo" 2>/dev/null &)
sleep 0.5
timeout 10 "$BIN/indexer" --db "$TMP/lockdb" "$TMP/src/good.txt" 2>"$TMP/lock.err"
rc=$?
check "second indexer exits 3 at once" [ $rc -eq 3 ]
check "second indexer says the index is being written" grep -q "being written by another indexer" "$TMP/lock.err"
echo >"$TMP/fifo"

# searcher: missing index, bad options, hostile queries
"$BIN/searcher" --db "$TMP/nope" chips 2>"$TMP/miss.err"
check "missing index: exit 1" [ $? -eq 1 ]
check "missing index: says how to build one" grep -q "no index at" "$TMP/miss.err"
check "bad option: exit 2" exits 2 "$BIN/searcher" --db "$DB" --limit=-5 chips
check "no query: exit 2" exits 2 "$BIN/searcher" --db "$DB"
check "indexer without sources: exit 2" exits 2 "$BIN/indexer" --db "$DB"
for q in '"unbalanced' '(((((' ')))' 'AND' 'OR OR' '-' '+' '"' 'NOT chips' \
	"$(printf 'bad\377\376utf8')" 'ai-act' 'U.S.' 'GPT-4o' "EU's" 'C++' \
	'title:' 'date:' '*' 'a*' '=' 'NEAR/3' '\\' '%00' \
	"$(head -c 10000 /dev/zero | tr '\0' '(')"; do
	"$BIN/searcher" --db "$DB" --json -- "$q" >/dev/null 2>"$TMP/q.err"
	rc=$?
	if [ $rc -eq 0 ]; then ok "hostile query exits 0: $(printf '%s' "$q" | head -c 30)"
	else not_ok "hostile query exits 0: $(printf '%s' "$q" | head -c 30) (rc $rc)"; cat "$TMP/q.err"; fi
done
# an impossible date is told, not searched: exit 2 with a message
"$BIN/searcher" --db "$DB" -- 'date:soon' >/dev/null 2>"$TMP/q.err"
check "date:soon: exit 2" [ $? -eq 2 ]
check "date:soon: says it is not a date" grep -q "date:soon is not a date" "$TMP/q.err"

done_testing
