#!/bin/sh
# Hostile input against the search page: script tags, attribute break-outs,
# javascript:/data: urls stored in articles, encoded and double-encoded
# payloads, invalid UTF-8, NUL bytes, huge and repeated parameters, huge and
# negative numbers.  Each request goes through lighttpd + FastCGI (one
# process that must survive them all) and through the CGI environment.
# Every response: the expected status, the security headers, nothing that
# runs (see safe_html in lib-www.sh), no payload reflected raw.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"
trap 'www_stop; rm -rf "$TMP"' EXIT INT TERM

www_fixture "$TMP/src"
"$BIN/indexer" -q --db "$TMP/db" "$TMP/src" >/dev/null 2>&1
export SEARCHER_DB="$TMP/db"
R=$TMP/r

# long N STRING: STRING N times
long() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

# expected status <TAB> query string <TAB> what must not appear raw
cat >"$TMP/cases" <<EOF
200	q=%3Cscript%3Ealert(1)%3C%2Fscript%3E	<script>alert
200	q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E	"><script
200	q=%27%20onmouseover%3D%27alert(1)	' onmouseover='
200	q=%22%20autofocus%20onfocus%3D%22alert(1)%22	" autofocus onfocus="
200	q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E	<img
200	q=javascript%3Aalert(1)	href="javascript
200	q=%253Cscript%253Ealert(1)	<script
200	q=%25253Cscript%25253E	<script
200	q=%26lt%3Bscript%26gt%3B	value="&lt;script
200	q=%3C%2Ftitle%3E%3Cscript%3E	</title><script
200	q=%3C%21--%20--%3E%3C%2Fstyle%3E	<!-- -->
200	q=%2BADw-script%2BAD4-	<script
200	q=zebrafish	javascript:alert(1)"
200	q=zebrafish+sanctions&source=Evil%22+onmouseover%3D%22alert(1)	" onmouseover="
200	q=zebrafish&source=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E	<script>
200	q=%E2%80%AEzebrafish	<script
200	doc=evil-url.txt&q=zebrafish	<script>alert
200	doc=evil-url2.txt	href="JaVaScRiPt
200	doc=evil-url3.txt	href="data:text
200	q=zebrafish&format=json	"error"
404	doc=%3Cscript%3Ealert(1)%3C%2Fscript%3E	<script
404	doc=..%2F..%2F..%2Fetc%2Fpasswd	root:
404	doc=%2Fetc%2Fpasswd	root:
400	q=%FF%FE	<script
400	q=caf%E9	<script
400	q=%C0%BCscript%C0%BE	<script
400	q=%ED%A0%80	<script
400	q=a%00b	<script
400	q=%00%3Cscript%3E	<script
400	source=a%0Db&q=x	<script
400	q=x&lang=%1B%5B31m	<script
400	q=x&from=%3Cscript%3E	<script
400	q=x&to=2026-13	<script
400	q=x&sort=%3Cscript%3E	<script
400	q=x&format=%3Cscript%3E	<script
400	q=x&page=-1	<script
400	q=x&page=0	<script
400	q=x&page=1001	<script
400	q=x&page=99999999999999999999999	<script
400	q=x&page=1e3	<script
400	q=x&page=0x10	<script
400	q=x&page=+1	<script
400	q=x&n=0	<script
400	q=x&n=51	<script
400	q=x&n=-5	<script
200	q=quokka&page=1000	<script
400	q=$(long 4097 a)	<script
200	q=$(long 4096 a)	<script
400	q=$(long 5000 %)	<script
200	q=$(long 3000 '(')	<script
200	q=$(long 1500 '"')	<script
200	$(long 2000 'x=1&')q=zebrafish	<script
200	q=%	<script
200	q=%G1%2	<script
200	q=a&&&&=&=b&q	<script
200	%71=zebrafish	<script
200	q=first&q=second%3Cscript%3E	second
200	q=x&page=2&page=%3Cscript%3E	<script
400	q=x&page=%3Cscript%3E&page=2	<script
200	q=x%0D%0ASet-Cookie:%20a=1	<script
200	q=*	<script
200	q=title:+date:+source:+lang:+NEAR/3+AND+OR+NOT	<script
400	q=title:+date:..+source:+lang:+NEAR/3+AND+OR+NOT	<script
200	css=%3Cscript%3E	<script
200	opensearch=%3Cscript%3E	<script
EOF

# the JSON answers are checked to be valid JSON only with jq
command -v jq >/dev/null 2>&1 ||
	skip "hostile requests: JSON answers are valid JSON (jq not installed: scripts/deps --test)"

# run CASE-FILE-LINE through one transport; checks shared by both
check_case() {
	how=$1 want=$2 qs=$3 bad=$4 resp=$5
	label="$how $(printf '%s' "$qs" | head -c 50)"
	got=$(status "$resp")
	if [ "$how" = fastcgi ] && [ "$got" = 400 ] &&
	   [ -z "$(header "$resp" Content-Security-Policy)" ] &&
	   printf '%s' "$qs" | grep -Eq '%([01][0-9A-Fa-f]|7[Ff]|[89A-Fa-f][0-9A-Fa-f])'; then
		# lighttpd refuses control bytes and some invalid UTF-8 in
		# the URL itself, with its own 400, before the page runs
		ok "$label: 400 from lighttpd itself"
		return
	fi
	if [ "$got" != "$want" ]; then
		not_ok "$label: status $want (got ${got:-none})"
		head -c 600 "$resp" | sed 's/^/#   /'
		return
	fi
	if ! has_sec_headers "$resp"; then
		not_ok "$label: security headers"
		return
	fi
	if header "$resp" Set-Cookie | grep -q .; then
		not_ok "$label: no header injection"
		return
	fi
	case $(header "$resp" Content-Type) in
	text/html*)
		if ! safe_html "$resp" >"$TMP/why" 2>&1; then
			not_ok "$label: safe HTML"
			sed 's/^/#   /' "$TMP/why"
			return
		fi ;;
	application/json*)
		if command -v jq >/dev/null 2>&1 && ! body "$resp" | jq -e . >/dev/null 2>&1; then
			not_ok "$label: valid JSON"
			return
		fi ;;
	esac
	if [ "$bad" = second ]; then # repeated q: the first wins
		if grep -q 'value="second' "$resp" || ! grep -q 'value="first"' "$resp"; then
			not_ok "$label: the first q wins"
			return
		fi
	elif body "$resp" | grep -qiF -- "$bad"; then
		not_ok "$label: '$bad' reflected raw"
		body "$resp" | grep -iF -- "$bad" | head -2 | cut -c1-200 | sed 's/^/#   /'
		return
	fi
	ok "$label"
}

# the CGI environment, as a web server runs it
while IFS='	' read -r want qs bad; do
	cgi_env "$R" "$qs"
	check_case cgi "$want" "$qs" "$bad" "$R"
done <"$TMP/cases"

# HEAD and other methods on a hostile request
cgi_env "$R" 'q=%3Cscript%3E' HEAD
check "cgi HEAD hostile: headers, no body" eval "has_sec_headers '$R' && [ -z \"\$(body '$R')\" ]"
cgi_env "$R" 'q=%3Cscript%3E' '<script>'
check "cgi hostile method name: 405" eval "[ \"\$(status '$R')\" = 405 ] && safe_html '$R'"

# lighttpd + FastCGI: the same cases, one process for all of them
if [ -z "$(www_lighttpd)" ] || ! command -v curl >/dev/null 2>&1; then
	skip "hostile input through lighttpd (lighttpd or curl not installed)"
elif ! www_up fastcgi "$TMP/www" "$TMP/db"; then
	not_ok "lighttpd starts"
	sed 's/^/#   /' "$TMP/www/error.log"
else
	get "$R" "$URL?q=zebrafish"
	before=$(ps -o pid= --ppid "$WWW_PID" | sort | tr -d ' \n')
	while IFS='	' read -r want qs bad; do
		get "$R" "$URL?$qs"
		check_case fastcgi "$want" "$qs" "$bad" "$R"
	done <"$TMP/cases"
	after=$(ps -o pid= --ppid "$WWW_PID" | sort | tr -d ' \n')
	check "fastcgi: the same processes answered everything (none crashed)" \
		[ -n "$before" ] && [ "$before" = "$after" ]
	get "$R" "$URL?q=zebrafish"
	check "fastcgi: still answers after the hostile requests" [ "$(status "$R")" = 200 ]
	www_stop
fi

# memory errors on hostile input (valgrind, when installed)
if grep -q __asan_init "$BIN/searcher" 2>/dev/null; then
	skip "valgrind runs (a sanitizer build checks memory itself)"
elif command -v valgrind >/dev/null 2>&1; then
	for qs in 'q=%22%3E%3Cscript%3E+zebrafish&source=Evil' \
		'doc=evil-url.txt&q=zebrafish+%3Cscript%3E' \
		'q=%FF%00&page=-1'; do
		GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET QUERY_STRING=$qs \
			valgrind -q --error-exitcode=9 --leak-check=full \
			--errors-for-leak-kinds=definite "$BIN/searcher" \
			>"$R" 2>"$R.vg" </dev/null
		rc=$?
		if [ $rc -eq 0 ]; then ok "valgrind clean: $qs"
		else not_ok "valgrind clean: $qs (rc $rc)"; head -20 "$R.vg" | sed 's/^/#   /'; fi
	done
else
	skip "valgrind runs (valgrind not installed)"
fi

done_testing
