# Sourced by the t2xxx tests of the search page, after ../lib.sh: fixture
# corpus, the page run from the shell as a CGI program, lighttpd on a free
# loopback port, and checks that hold for every response.
. "$top/searcher/www/lighttpd.sh"

# www_fixture DIR: the bundled corpus plus articles made for the page's
# tests: hostile metadata, a javascript: url, 25 numbered articles in two
# sources, two languages and three years (pagination and filters).
www_fixture() {
	mkdir -p "$1"
	cp "$top"/corpus/*.txt "$1/"
	cat >"$1/evil-url.txt" <<'EOF'
Title: Evil <script>alert("title")</script> & "quotes" 'too'
Date: 2026-01-02
Source: Evil" onmouseover="alert(1)
Author: <img src=x onerror=alert(2)>
URL: javascript:alert(1)
Language: en

The zebrafish text <script>alert('body')</script> and "><img src=x onerror=alert(3)> end.
A second paragraph about zebrafish and sanctions.
EOF
	cat >"$1/evil-url2.txt" <<'EOF'
Title: Mixed case scheme zebrafish
URL: JaVaScRiPt:alert(document.cookie)

zebrafish sanctions again.
EOF
	cat >"$1/evil-url3.txt" <<'EOF'
Title: Data scheme zebrafish
URL: data:text/html,<script>alert(1)</script>

zebrafish and data.
EOF
	cat >"$1/good-url.txt" <<'EOF'
Title: Good link zebrafish
URL: https://example.com/a?b=1&c="2"<x>
Source: Example

zebrafish with a good link.
EOF
	i=1
	while [ $i -le 25 ]; do
		if [ $((i % 2)) -eq 0 ]; then src=Alpha; else src=Beta; fi
		if [ $((i % 5)) -eq 0 ]; then lang=de; else lang=en; fi
		year=$((2022 + i % 3))
		printf 'Title: Pagetest number %d\nDate: %d-03-%02d\nSource: %s\nLanguage: %s\n\nThe pagetest article number %d about quokka policy.\n' \
			$i $year $i $src $lang $i >"$1/page$i.txt"
		i=$((i + 1))
	done
}

# cgi_run OUT [NAME=VALUE...]: the page from the shell, response in OUT.
cgi_run() {
	_out=$1
	shift
	"$BIN/searcher" --cgi "$@" >"$_out" 2>"$_out.err"
}

# cgi_env OUT QUERY_STRING [METHOD]: as a web server runs it.
cgi_env() {
	GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=${3:-GET} QUERY_STRING=$2 \
		"$BIN/searcher" >"$1" 2>"$1.err" </dev/null
}

# status FILE: the status code of a CGI response ("Status: 200 OK") or an
# HTTP one (curl -i / -D).
status() {
	sed -n '1,/^\r\{0,1\}$/p' "$1" |
		sed -n 's/^Status: \([0-9]*\).*/\1/p; s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' |
		tail -1
}

# header FILE NAME: the value of a header (first one).
header() {
	sed -n '1,/^\r\{0,1\}$/p' "$1" | tr -d '\r' |
		grep -i "^$2:" | head -1 | sed 's/^[^:]*: *//'
}

# body FILE: the body of a response (after the first blank line).
body() {
	tr -d '\r' <"$1" | sed '1,/^$/d'
}

# has_sec_headers FILE: CSP (strict, no script), nosniff, referrer policy
# and a content type with charset.
has_sec_headers() {
	csp=$(header "$1" Content-Security-Policy)
	case $csp in *"default-src 'none'"*) ;; *) return 1 ;; esac
	case $csp in *script-src*|*unsafe-inline*|*unsafe-eval*) return 1 ;; esac
	case $csp in *"frame-ancestors 'none'"*) ;; *) return 1 ;; esac
	case $csp in *"base-uri 'none'"*) ;; *) return 1 ;; esac
	case $csp in *"form-action 'self'"*) ;; *) return 1 ;; esac
	[ "$(header "$1" X-Content-Type-Options)" = nosniff ] || return 1
	[ -n "$(header "$1" Referrer-Policy)" ] || return 1
	case $(header "$1" Content-Type) in *charset=*) ;; *) return 1 ;; esac
}

# safe_html FILE: nothing in the body that runs or loads: no script, no
# element or event handler we never write, and every href/src is relative
# ("?..."), an anchor on the page ("#m2"), http(s) or our data: icon.
safe_html() {
	body "$1" >"$1.body"
	# attribute values blanked: all of ours are double-quoted and escaped,
	# so whatever is left is markup we wrote or markup that got through
	sed -E 's/="[^"]*"/=""/g' "$1.body" >"$1.tags"
	if grep -Eiq '<(script|img|svg|iframe|object|embed|style|base|meta http-equiv)' "$1.tags"; then
		echo "# forbidden element:"
		grep -Eio '.{0,40}<(script|img|svg|iframe|object|embed|style|base|meta http-equiv).{0,40}' "$1.body" | head -3
		return 1
	fi
	if grep -Eiq '<[^>]*[[:space:]"'"'"'/]on[a-z]+[[:space:]]*=' "$1.tags"; then
		echo "# event handler attribute:"
		grep -Eio '<[^>]*[[:space:]"'"'"'/]on[a-z]+[[:space:]]*=.{0,30}' "$1.tags" | head -3
		return 1
	fi
	_bad=$(grep -Eio '(href|src|action|formaction)="[^"]*"' "$1.body" |
		sed 's/^[a-z]*="//I; s/"$//' |
		grep -Eiv '^(\?|#[a-z0-9_-]+$|https?://|data:image/svg\+xml,)' | head -3)
	if [ -n "$_bad" ]; then
		echo "# link that is not relative or http(s): $_bad"
		return 1
	fi
	# no attribute value may hold a raw angle bracket: every attribute we
	# write is double-quoted and escaped
	if grep -Eq '="[^"]*[<>][^"]*"' "$1.body"; then
		echo "# raw < or > in an attribute:"
		grep -Eo '="[^"]*[<>][^"]*"' "$1.body" | head -3
		return 1
	fi
}

# www_up MODE STATE DB: lighttpd with the page (cgi or fastcgi) on DB;
# sets URL.  Stopped by www_stop (the tests' trap).
www_up() {
	WWW_VARS="var.searcher = \"$BIN/searcher\"
var.db = \"$3\"
var.title = \"Test search\""
	www_start "$2" "$top/searcher/www/lighttpd-$1.conf" || return 1
	URL=http://127.0.0.1:$WWW_PORT/search
}

# get OUT URL [curl options...]: the whole response (headers and body).
get() {
	_o=$1
	_u=$2
	shift 2
	curl -s -S -i --max-time 20 "$@" "$_u" >"$_o" 2>"$_o.err"
}

# www_needs: skip the whole test (exit 0) when lighttpd or curl is absent.
www_needs() {
	if [ -z "$(www_lighttpd)" ]; then
		skip "lighttpd tests (lighttpd not installed; scripts/deps --test)"
		exit 0
	fi
	if ! command -v curl >/dev/null 2>&1; then
		skip "lighttpd tests (curl not installed; scripts/deps --test)"
		exit 0
	fi
}
