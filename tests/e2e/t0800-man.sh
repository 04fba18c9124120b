#!/bin/sh
# The man pages render cleanly with man(1): no troff warning in a UTF-8
# locale (where the Chinese examples show) nor in the C locale (an ASCII
# terminal, where the page says where to see them instead).
. "$(dirname "$0")/../lib.sh"

if ! command -v man >/dev/null 2>&1; then
	skip "man pages (man not installed: scripts/deps --test installs man-db)"
	done_testing
fi
# man-db's sandbox is refused in some containers; the page is ours
export MAN_DISABLE_SECCOMP=1 MANWIDTH=80 MANPAGER=cat PAGER=cat
for page in "$top"/man/*.1; do
	name=$(basename "$page")
	for loc in C.UTF-8 C; do
		LC_ALL=$loc man --warnings=all -l "$page" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		check "$name in $loc: rendered (exit $rc), not empty" \
			[ $rc -eq 0 -a -s "$TMP/out" ]
		if [ -s "$TMP/err" ]; then
			not_ok "$name in $loc: no troff warning ($(wc -l <"$TMP/err") lines)"
			sed 's/^/#   /' "$TMP/err" | head -5
		else
			ok "$name in $loc: no troff warning"
		fi
	done
done
LC_ALL=C.UTF-8 man -l "$top/man/searcher.1" >"$TMP/utf8" 2>/dev/null
LC_ALL=C man -l "$top/man/searcher.1" >"$TMP/c" 2>/dev/null
check "searcher.1 in C.UTF-8: the Chinese examples are shown" \
	contains "$TMP/utf8" "人工智能监管"
check "searcher.1 in C: says where to see the Chinese examples" \
	grep -q "shown in a UTF-8 locale" "$TMP/c"
check "searcher.1 in C: Zürich falls back to Zurich" contains "$TMP/c" "finds Zurich"

done_testing
