#!/bin/sh
# The searcher's --version (also in the page's JSON and footer) and its
# answer to a bad option: a short pointer to --help, exit 2.
. "$(dirname "$0")/../lib.sh"

V=$(sed -n 's/^#define ENGINE_VERSION "\(.*\)"$/\1/p' "$top/lib/version.h")
check "lib/version.h defines ENGINE_VERSION" [ -n "$V" ]

"$BIN/searcher" --version >"$TMP/v.out" 2>"$TMP/v.err"
check "--version exits 0" [ $? -eq 0 ]
check "--version prints 'searcher VERSION' and nothing else" \
	[ "$(cat "$TMP/v.out")" = "searcher $V" ]
check "--version writes nothing to stderr" [ ! -s "$TMP/v.err" ]
check "--help lists --version" sh -c "'$BIN/searcher' --help | grep -q -- --version"

for bad in --bogus -x "--limit"; do
	"$BIN/searcher" $bad >"$TMP/b.out" 2>"$TMP/b.err"
	rc=$?
	check "bad option '$bad' exits 2" [ $rc -eq 2 ]
	check "bad option '$bad' says to try --help" \
		contains "$TMP/b.err" "Try 'searcher --help' for more information."
	check "bad option '$bad' does not print the whole usage" \
		[ "$(wc -l <"$TMP/b.err")" -le 2 ]
	check "bad option '$bad' prints nothing on stdout" [ ! -s "$TMP/b.out" ]
done
"$BIN/searcher" --bogus 2>"$TMP/b.err"
check "the bad option is named" contains "$TMP/b.err" "bogus"

# the page: footer and JSON carry the version
DB=$TMP/db
"$BIN/indexer" -q --db "$DB" "$top/corpus"
SEARCHER_DB=$DB "$BIN/searcher" --cgi q=chips >"$TMP/p.html"
check "the page footer names the version" \
	sh -c "grep '<footer' '$TMP/p.html' | grep -qF 'searcher $V<'"
SEARCHER_DB=$DB "$BIN/searcher" --cgi >"$TMP/home.html"
check "the home page footer names the version" \
	sh -c "grep '<footer' '$TMP/home.html' | grep -qF 'searcher $V<'"
SEARCHER_DB=$DB "$BIN/searcher" --cgi q=chips format=json | sed '1,/^\r$/d' >"$TMP/p.json"
check "the page's JSON has the version" jq -e --arg v "$V" '.version == $v' "$TMP/p.json"
check "the page's JSON still has its results" jq -e '.results | length > 0' "$TMP/p.json"
SEARCHER_DB=$DB "$BIN/searcher" --cgi q=chips format=json page=0 | sed '1,/^\r$/d' >"$TMP/e.json"
check "the page's JSON error has the version" \
	jq -e --arg v "$V" '.version == $v and (.error | length > 0)' "$TMP/e.json"

done_testing
