#!/bin/sh
# Headless Chromium (Debian's chromium) against the page behind lighttpd +
# FastCGI: the results page and the document view render with the
# stylesheet and highlights, no console errors, no CSP violations, fit a
# phone, and the form works without script; axe-core finds no
# accessibility violation on the start, results, document and error pages
# in English and Chinese, light and dark, and the filters work from the
# keyboard (tests/browser/check.py).  The Chinese laws of the shared data
# join the bundled corpus when they are there, for the Chinese pages.
# Screenshots go to $TMP (SHOTS=DIR keeps them, e.g. SHOTS=man for the docs).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"
www_needs
if ! command -v chromium >/dev/null 2>&1; then
	skip "headless Chromium checks (chromium not installed; scripts/deps --test)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "headless Chromium checks (python3 not installed)"
	exit 0
fi
trap 'www_stop; rm -rf "$TMP"' EXIT INT TERM

ZH=$SHARED/data/zh/zh_ai_data_related.jsonl
zhq="export controls"
if [ -f "$ZH" ]; then
	zhq=数据安全
	"$BIN/indexer" -q --db "$TMP/db" "$top/corpus" "$ZH" >/dev/null 2>&1
else
	skip "the Chinese pages on Chinese documents ($ZH missing; the Chinese interface on the corpus instead)"
	"$BIN/indexer" -q --db "$TMP/db" "$top/corpus" >/dev/null 2>&1
fi
if ! www_up fastcgi "$TMP/www" "$TMP/db"; then
	not_ok "lighttpd starts"
	done_testing
fi
timeout 600 python3 "$top/tests/browser/check.py" --url "$URL" --zh-query "$zhq" \
	--shots "${SHOTS:-$TMP/shots}" >"$TMP/out" 2>&1
rc=$?
cat "$TMP/out"
if [ $rc -ne 0 ] && ! grep -q '^not ok' "$TMP/out"; then
	not_ok "browser checks ran to the end (exit $rc)"
fi
[ $rc -eq 0 ] || failures=$((failures + 1))
done_testing
