# Sourced by every tests/e2e/t*.sh.  TAP-style lines the runner counts:
#   ok - what        not ok - what        skip - what (why)
# Each test works in its own temporary folder ($TMP), removed at exit.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-$top/bin}
case $BIN in /*) ;; *) BIN=$top/$BIN ;; esac
SHARED=${SHARED:-$top/../shared}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
unset SEARCHER_DB GATEWAY_INTERFACE REQUEST_METHOD QUERY_STRING
failures=0

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failures=$((failures + 1)); }
skip() { echo "skip - $*"; }

# check DESCRIPTION COMMAND...: ok if the command succeeds.
check() {
	desc=$1
	shift
	if "$@" >"$TMP/.check.out" 2>&1; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/#   /' "$TMP/.check.out" | head -20
	fi
}

# contains FILE TEXT / lacks FILE TEXT: fixed-string tests on output files.
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }

# exits CODE COMMAND...: true if the command exits with exactly CODE.
exits() {
	want=$1
	shift
	"$@" >/dev/null 2>&1
	[ $? -eq "$want" ]
}

done_testing() { exit $((failures > 0)); }

# agora_db WHAT: indexes the shared AGORA collection into $DB ($A is its
# file), or, when ../shared/data has no AGORA, says the test (WHAT) is
# skipped and ends it.
agora_db() {
	A=$SHARED/data/agora/agora.jsonl
	DB=$TMP/db
	if [ ! -f "$A" ]; then
		skip "$1 (../shared/data/agora absent)"
		exit 0
	fi
	"$BIN/indexer" -q --db "$DB" "$A"
	check "agora.jsonl indexes" [ $? -eq 0 ]
}
