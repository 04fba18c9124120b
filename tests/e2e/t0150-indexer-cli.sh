#!/bin/sh
# The indexer's command line: --version, a short hint on a usage error.
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

done_testing
