#!/bin/sh
# The search page from the shell: NAME=VALUE arguments (like Omega) and the
# CGI environment (GATEWAY_INTERFACE, REQUEST_METHOD, QUERY_STRING), no web
# server.  Status codes, headers on every response, content, JSON, the
# document view, the index from SEARCHER_DB only.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"

www_fixture "$TMP/src"
"$BIN/indexer" -q --db "$TMP/db" "$TMP/src" >/dev/null 2>&1
export SEARCHER_DB="$TMP/db"
R=$TMP/r

# the results page
cgi_run "$R" q=zebrafish
check "NAME=VALUE: 200" [ "$(status "$R")" = 200 ]
check "results page has the security headers" has_sec_headers "$R"
check "results page is HTML in UTF-8" [ "$(header "$R" Content-Type)" = "text/html; charset=utf-8" ]
check "Content-Length is the body's length" \
	[ "$(header "$R" Content-Length)" -eq "$(body "$R" | wc -c)" ]
check "search box holds the query" contains "$R" 'name="q" value="zebrafish"'
check "hits listed" contains "$R" '<li class="hit">'
check "snippet highlights with <mark>" contains "$R" '<mark>zebrafish</mark>'
check "total shown" grep -q 'class="summary">[0-9]* results' "$R"
check "facets shown" contains "$R" '<aside class="facets"'
check "stylesheet linked, no inline style or script" \
	eval "grep -q 'rel=\"stylesheet\" href=\"?css=' '$R' && ! grep -qi '<style\|<script' '$R'"
check "OpenSearch description linked from the head" \
	contains "$R" 'type="application/opensearchdescription+xml"'
check "the page is safe HTML" safe_html "$R"

# the CGI environment
cgi_env "$R" 'q=quokka+policy&page=2'
check "CGI env: 200" [ "$(status "$R")" = 200 ]
check "CGI env: query decoded (+ is a space)" contains "$R" 'value="quokka policy"'
check "CGI env: page 2 starts at 11" contains "$R" '<ol class="hits" start="11">'
check "CGI env: pagination has previous and next" \
	eval "grep -q 'rel=\"prev\"' '$R' && grep -q 'rel=\"next\"' '$R'"
check "CGI env: current page marked" contains "$R" '<span aria-current="page">2</span>'
cgi_env "$R" 'q=quokka&page=3'
check "last page: 5 hits, no next link" \
	eval "[ \$(grep -c '<li class=\"hit\">' '$R') -eq 5 ] && ! grep -q 'rel=\"next\"' '$R'"
cgi_env "$R" 'q=quokka&n=5'
check "n=5: five hits per page, five pages" \
	eval "[ \$(grep -c '<li class=\"hit\">' '$R') -eq 5 ] && grep -q 'page=5\">5</a>' '$R'"

# home, empty state
cgi_env "$R" ''
check "home page: 200 with the guide" eval "[ \"\$(status '$R')\" = 200 ] && grep -q 'class=\"guide\"' '$R'"
check "home page has the security headers" has_sec_headers "$R"
cgi_env "$R" 'q=nonexistentwordxyz'
check "no results: 200 with a helpful empty state" \
	eval "grep -q 'No articles match' '$R' && grep -q 'Check the spelling' '$R'"
cgi_env "$R" 'q=nonexistentwordxyz&source=Alpha'
check "no results with filters: offers to drop them" contains "$R" 'search again without them'
cgi_env "$R" 'q=quokka&page=1000'
check "a page past the end: 200, says so, links to page 1" \
	eval "grep -q 'No results on page 1000' '$R' && grep -q 'Go to the first page' '$R'"

# filters and sort
cgi_env "$R" 'q=quokka&source=Alpha&n=50'
check "source filter: only that source" \
	eval "[ \$(grep -c 'class=\"source\">Alpha<' '$R') -eq 12 ] && ! grep -q 'class=\"source\">Beta<' '$R'"
check "source filter: shown as a removable chip" contains "$R" 'source: Alpha'
cgi_env "$R" 'q=quokka&lang=de&n=50'
check "language filter" [ "$(grep -c '<li class="hit">' "$R")" -eq 5 ]
cgi_env "$R" 'q=quokka&from=2023&to=2023&n=50'
check "date range filter (one year)" \
	eval "[ \$(grep -c '<li class=\"hit\">' '$R') -eq 9 ] && ! grep -q 'class=\"date\">[0-9]* [A-Za-z]* 202[24]<' '$R'"
cgi_env "$R" 'q=quokka&sort=date&n=50'
check "sort=date: newest first" \
	eval "grep -o 'class=\"date\">[^<]*' '$R' | sed 's/.* //' | sort -c -r -n"
cgi_env "$R" 'q=quokka'
check "facet links filter by source, year and language" \
	eval "grep -q 'href=\"?q=quokka&amp;source=Alpha\"' '$R' && grep -q 'from=2024&amp;to=2024' '$R' && grep -q 'lang=de' '$R'"

# JSON
cgi_env "$R" 'q=quokka&format=json&n=3'
check "format=json: 200, application/json" \
	eval "[ \"\$(sed -n 's/^Content-Type: //p' '$R' | tr -d '\r')\" = 'application/json; charset=utf-8' ]"
if command -v jq >/dev/null 2>&1; then
	body "$R" >"$R.json"
	check "format=json: valid JSON with the searcher --json hit fields" \
		jq -e '.total == 25 and (.results | length) == 3 and
			(.results[0] | has("id") and has("rank") and has("score")
			 and has("title") and has("snippet") and has("highlights"))
			and .page == 1 and .per_page == 3' "$R.json"
	check "format=json: facets for source, year and lang" \
		jq -e '(.facets.source | map(.value) | sort) == ["Alpha", "Beta"] and
			(.facets.year | length) == 3 and
			(.facets.lang | map(select(.value == "de"))[0].count) == 5' "$R.json"
	"$BIN/searcher" --db "$TMP/db" --json --limit 3 quokka >"$R.cli"
	check "format=json: same hits as searcher --json" \
		eval "[ \"\$(jq -c '.results[] | [.id, .title, .snippet, .highlights]' '$R.json')\" = \"\$(jq -c '[.id, .title, .snippet, .highlights]' '$R.cli')\" ]"
	cgi_env "$R" 'q=quokka&format=json&page=0'
	body "$R" >"$R.json"
	check "format=json errors are JSON with a 400" \
		eval "grep -q '^Status: 400' '$R' && jq -e '.error | length > 0' '$R.json'"
else
	skip "JSON checks (jq not installed: scripts/deps --test)"
fi

# the document view
cgi_env "$R" 'doc=evil-url.txt&q=zebrafish'
check "doc view: 200" [ "$(status "$R")" = 200 ]
check "doc view: whole text with the matches highlighted" \
	eval "[ \$(grep -o '>zebrafish</a></mark>' '$R' | wc -l) -eq 2 ] && grep -q 'second paragraph' '$R'"
check "doc view: paragraphs" contains "$R" '</p>
<p>'
check "doc view: back link keeps the query" contains "$R" 'href="?q=zebrafish">'
check "doc view: javascript: url is no link" lacks "$R" 'javascript:alert(1)"'
check "doc view is safe HTML" safe_html "$R"
cgi_env "$R" 'doc=no-such-doc.txt'
check "unknown doc: 404 with a message" \
	eval "grep -q '^Status: 404' '$R' && grep -q 'no document with this id' '$R'"
check "404 has the security headers" has_sec_headers "$R"

# methods
cgi_env "$R" 'q=zebrafish' POST
check "POST: 405" [ "$(status "$R")" = 405 ]
check "405 says Allow: GET, HEAD" [ "$(header "$R" Allow)" = "GET, HEAD" ]
check "405 has the security headers and a short HTML page" \
	eval "has_sec_headers '$R' && grep -q '<h1>Method Not Allowed</h1>' '$R'"
for m in PUT DELETE OPTIONS PATCH; do
	cgi_env "$R" 'q=zebrafish' $m
	check "$m: 405" [ "$(status "$R")" = 405 ]
done
cgi_env "$R" 'q=zebrafish' HEAD
check "HEAD: 200, headers with the GET length, no body" \
	eval "[ \"\$(status '$R')\" = 200 ] && [ -z \"\$(body '$R')\" ] && [ \$(header '$R' Content-Length) -gt 1000 ]"

# static answers
cgi_env "$R" 'css=1'
check "stylesheet: text/css, cached a year" \
	eval "[ \"\$(header '$R' Content-Type)\" = 'text/css; charset=utf-8' ] && header '$R' Cache-Control | grep -q max-age=31536000"
HTTP_HOST=search.example.org SCRIPT_NAME=/cgi-bin/search cgi_env "$R" 'opensearch=1'
check "OpenSearch description: its content type and template" \
	eval "header '$R' Content-Type | grep -q opensearchdescription+xml && grep -q 'template=\"http://search.example.org/cgi-bin/search?q={searchTerms}\"' '$R'"
HTTP_HOST='evil.com"><x' cgi_env "$R" 'opensearch=1'
check "OpenSearch: a hostile Host header is not used" \
	eval "! grep -q 'evil' '$R' && grep -q 'http://localhost/' '$R'"
if command -v xmllint >/dev/null 2>&1; then
	check "OpenSearch description is well-formed XML" eval "body '$R' | xmllint --noout -"
else
	skip "OpenSearch description is well-formed XML (xmllint not installed: scripts/deps --test installs libxml2-utils)"
fi

# the index comes from SEARCHER_DB only
cgi_env "$R" 'q=zebrafish&DB=/etc&db=/etc&SEARCHER_DB=/etc'
check "DB parameters are ignored" \
	eval "grep -q '^Status: 200' '$R' && grep -q '<mark>zebrafish</mark>' '$R'"
SEARCHER_DB=$TMP/nope cgi_env "$R" 'q=zebrafish'
check "no index: 503 with a message, the path not shown" \
	eval "grep -q '^Status: 503' '$R' && grep -q 'not available' '$R' && ! grep -q '$TMP' '$R'"
check "503 has the security headers" has_sec_headers "$R"
check "no index: the reason goes to the server log (stderr)" grep -q "cannot open the index" "$R.err"

# usage from the shell
"$BIN/searcher" --cgi notapair >/dev/null 2>"$TMP/usage.err"
check "--cgi with a non NAME=VALUE argument: exit 2" [ $? -eq 2 ]

done_testing
