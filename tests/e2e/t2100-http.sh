#!/bin/sh
# The search page behind a real lighttpd on a free loopback port, as CGI and
# as FastCGI, checked with curl: status codes, headers, content, pagination,
# filters, JSON, the document view, 400/404/405/414, HEAD, and (FastCGI)
# one index kept open and reopened when the indexer commits.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"
www_needs
trap 'www_stop; rm -rf "$TMP"' EXIT INT TERM

www_fixture "$TMP/src"
"$BIN/indexer" -q --db "$TMP/db" "$TMP/src" >/dev/null 2>&1
R=$TMP/r

for mode in cgi fastcgi; do
	if ! www_up $mode "$TMP/$mode" "$TMP/db"; then
		not_ok "$mode: lighttpd starts"
		cat "$TMP/$mode/error.log" "$TMP/$mode/lighttpd.out" 2>/dev/null | sed 's/^/#   /'
		continue
	fi
	ok "$mode: lighttpd starts on 127.0.0.1:$WWW_PORT"

	get "$R" "$URL?q=quokka"
	check "$mode: search 200" [ "$(status "$R")" = 200 ]
	check "$mode: security headers" has_sec_headers "$R"
	check "$mode: 10 hits of 25" eval "[ \$(grep -c '<li class=\"hit\">' '$R') -eq 10 ] && grep -q '>25 results' '$R'"
	check "$mode: the page is safe HTML" safe_html "$R"

	get "$R" "$URL?q=quokka&page=3"
	check "$mode: page 3 has hits 21-25" eval "grep -q 'start=\"21\"' '$R' && [ \$(grep -c '<li class=\"hit\">' '$R') -eq 5 ]"
	get "$R" "$URL?q=quokka&source=Beta&lang=en&from=2022&to=2023&format=json"
	body "$R" >"$R.json"
	if command -v jq >/dev/null 2>&1; then
		check "$mode: filters combine (JSON)" \
			jq -e '(.results | length) > 0 and (.results | all(.source == "Beta" and .lang == "en" and (.date | test("^202[23]"))))' "$R.json"
		check "$mode: JSON content type" [ "$(header "$R" Content-Type)" = "application/json; charset=utf-8" ]
	else
		skip "$mode: JSON checks (jq not installed)"
	fi

	get "$R" "$URL?doc=page7.txt&q=quokka"
	check "$mode: document view" eval "grep -q '^HTTP/1.1 200' '$R' && grep -q '>quokka</a></mark>' '$R' && grep -q 'Pagetest number 7' '$R'"
	get "$R" "$URL?doc=nothing-here"
	check "$mode: unknown document 404" [ "$(status "$R")" = 404 ]
	check "$mode: 404 has the headers" has_sec_headers "$R"

	get "$R" "$URL?q=quokka" -d 'q=quokka'
	check "$mode: POST 405 with Allow" eval "[ \"\$(status '$R')\" = 405 ] && [ \"\$(header '$R' Allow)\" = 'GET, HEAD' ]"
	check "$mode: 405 has the headers" has_sec_headers "$R"
	get "$R" "$URL?q=quokka" -X DELETE
	check "$mode: DELETE 405" [ "$(status "$R")" = 405 ]
	get "$R" "$URL?q=quokka" -I
	check "$mode: HEAD 200 without body" eval "[ \"\$(status '$R')\" = 200 ] && [ -z \"\$(body '$R')\" ] && [ \$(header '$R' Content-Length) -gt 1000 ]"
	get "$R" "$URL?q=quokka&page=abc"
	check "$mode: bad page 400" [ "$(status "$R")" = 400 ]
	check "$mode: 400 has the headers and a message" eval "has_sec_headers '$R' && grep -q 'page: expected a number' '$R'"
	get "$R" "$URL?q=$(head -c 17000 /dev/zero | tr '\0' a)"
	check "$mode: 17 KB query string 414 with headers" eval "[ \"\$(status '$R')\" = 414 ] && has_sec_headers '$R'"
	tag=$(sed -n 's/.*href="?css=\([0-9a-f]*\)".*/\1/p' "$R" | head -1)
	get "$R" "$URL?css=$tag"
	check "$mode: stylesheet served, long cache" eval "[ \"\$(status '$R')\" = 200 ] && header '$R' Content-Type | grep -q text/css && header '$R' Cache-Control | grep -q immutable"
	get "$R" "$URL?opensearch=1"
	check "$mode: OpenSearch template points at this server" \
		contains "$R" "template=\"http://127.0.0.1:$WWW_PORT/search?q={searchTerms}\""
	get "$R" "http://127.0.0.1:$WWW_PORT/"
	check "$mode: / redirects to /search, with the headers" eval "[ \"\$(status '$R')\" = 301 ] && [ \"\$(header '$R' Location)\" = /search ] && [ -n \"\$(header '$R' Content-Security-Policy)\" ]"

	if [ $mode = fastcgi ]; then
		# one index across requests, reopened when the indexer commits
		get "$R" "$URL?q=wombatword&format=json"
		check "fastcgi: word not there yet" grep -q '"total":0' "$R"
		printf 'Title: Late arrival\n\nThe wombatword article.\n' >"$TMP/late.txt"
		"$BIN/indexer" -q --db "$TMP/db" "$TMP/late.txt" >/dev/null 2>&1
		ok=1
		for i in 1 2 3 4; do # both processes answer in turn
			get "$R" "$URL?q=wombatword&format=json"
			grep -q '"total":1' "$R" || ok=0
		done
		check "fastcgi: a commit is seen without a restart" [ $ok -eq 1 ]
		procs=$(ps -o args= --ppid "$WWW_PID" 2>/dev/null | grep -c 'searcher --cgi')
		check "fastcgi: lighttpd runs two searcher processes" [ "$procs" -eq 2 ]
	fi
	pid=$WWW_PID
	www_stop
	sleep 0.2
	left=$(ps -eo args= | grep -c "^$BIN/searcher --cgi")
	check "$mode: lighttpd and its searcher processes stop" eval "! kill -0 $pid 2>/dev/null && [ $left -eq 0 ]"
done

done_testing
