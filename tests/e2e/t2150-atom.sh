#!/bin/sh
# The Atom feed of a search (lib/feed.h), on real data: `format=atom` over
# AGORA and the bundled articles is well-formed XML (xmllint), valid against
# RFC 4287's RELAX NG schema (tests/data/atom/atom.rng) and has what the
# RFC's other rules ask for: feed id, title, updated, links self and
# alternate; each entry id, title, updated, link, author (its own or the
# feed's), summary with the snippet as text; newest first; linked from the
# results page with <link rel="alternate">.  Hostile queries still give
# valid feeds.  Skipped when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"

A=$SHARED/data/agora/agora.jsonl
RNG=$top/tests/data/atom/atom.rng
if [ ! -f "$A" ]; then
	skip "atom feed ($A absent)"
	exit 0
fi
DB=$TMP/db
"$BIN/indexer" --db "$DB" "$A" "$top/corpus" 2>"$TMP/err"
check "agora and corpus index with exit 0" [ $? -eq 0 ]
# cgi FILE NAME=VALUE...: the body into FILE, the headers into FILE.h
cgi() {
	f=$1
	shift
	SEARCHER_DB=$DB "$BIN/searcher" --cgi "$@" >"$f.all"
	sed '/^\r$/q' "$f.all" >"$f.h"
	sed '1,/^\r$/d' "$f.all" >"$f"
}
# x FILE XPATH: the string value, namespaces ignored (local-name())
x() { xmllint --xpath "$2" "$1" 2>/dev/null; }
E="*[local-name()='entry']"

Q='"export controls" Huawei'
cgi "$TMP/f.xml" q="$Q" format=atom
check "format=atom answers 200 with application/atom+xml" \
	sh -c "head -1 '$TMP/f.xml.h' | grep -q '200' &&
	       grep -q '^Content-Type: application/atom+xml; charset=utf-8' '$TMP/f.xml.h'"
check "the feed is well-formed XML" xmllint --noout "$TMP/f.xml"
check "the feed is valid Atom (RFC 4287's RELAX NG schema)" \
	xmllint --noout --relaxng "$RNG" "$TMP/f.xml"
check "the schema is not a rubber stamp: a feed without its id fails it" \
	sh -c "sed '0,/<id>/{/<id>/d}' '$TMP/f.xml' >'$TMP/bad.xml' &&
	       ! xmllint --noout --relaxng '$RNG' '$TMP/bad.xml' 2>/dev/null"
F="/*/*[local-name()"
fid=$(x "$TMP/f.xml" "string($F='id'])")
ok_feed=1
[ -n "$fid" ] || ok_feed=0
x "$TMP/f.xml" "string($F='title'])" | grep -qF 'export controls' || ok_feed=0
[ -n "$(x "$TMP/f.xml" "string($F='updated'])")" ] || ok_feed=0
[ "$(x "$TMP/f.xml" "string($F='link'][@rel='self']/@type)")" = application/atom+xml ] || ok_feed=0
[ "$(x "$TMP/f.xml" "string($F='link'][@rel='self']/@href)")" = "$fid" ] || ok_feed=0
x "$TMP/f.xml" "string($F='link'][@rel='alternate']/@href)" | grep -q 'sort=date' || ok_feed=0
check "feed: id (= link self, atom), title naming the query, updated, link alternate (newest first)" \
	[ $ok_feed -eq 1 ]
SEARCHER_DB=$DB "$BIN/searcher" --cgi q="$Q" format=json sort=date n=20 |
	sed '1,/^\r$/d' >"$TMP/j.json"
n=$(jq '.results | length' "$TMP/j.json")
check "one entry per match, up to 20 ($n)" \
	[ "$(x "$TMP/f.xml" "count(//$E)")" -eq "$n" ]
check "there are entries to check" [ "$n" -ge 3 ]
i=1
ok_all=1
while [ $i -le "$n" ]; do
	e="//$E[$i]"
	for f in id title updated; do
		[ -n "$(x "$TMP/f.xml" "string($e/*[local-name()='$f'])")" ] || ok_all=0
	done
	[ -n "$(x "$TMP/f.xml" "string($e/*[local-name()='link'][@rel='alternate']/@href)")" ] || ok_all=0
	[ -n "$(x "$TMP/f.xml" "string(($e/*[local-name()='author']|/*/*[local-name()='author'])[1]/*[local-name()='name'])")" ] || ok_all=0
	# the summary is the snippet as text, as JSON has it
	want=$(jq -r ".results[$((i - 1))].snippet" "$TMP/j.json")
	[ "$(x "$TMP/f.xml" "string($e/*[local-name()='summary'])")" = "$want" ] || ok_all=0
	i=$((i + 1))
done
check "every entry has id, title, updated, link, author and the JSON's snippet as summary" [ $ok_all -eq 1 ]
x "$TMP/f.xml" "//$E/*[local-name()='updated']/text()" | tr ' ' '\n' | sed '/^$/d' >"$TMP/dates"
check "entries are newest first" sh -c "sort -r '$TMP/dates' | cmp -s - '$TMP/dates'"
check "entry ids are unique" \
	sh -c "[ \$(x '$TMP/f.xml' \"//$E/*[local-name()='id']/text()\" | sort | uniq -d | wc -l) -eq 0 ]"
U="//$E[*[local-name()='updated']='1970-01-01T00:00:00Z']"
nu=$(x "$TMP/f.xml" "count($U)")
np=$(x "$TMP/f.xml" "count($U/*[local-name()='published'])")
check "an article without a date is not new: 1970-01-01T00:00:00Z ($nu), no published ($np)" \
	[ "$nu" -ge 1 -a "$np" -eq 0 ]

cgi "$TMP/n.xml" q="$Q" format=atom n=3
check "n=3: three entries" [ "$(x "$TMP/n.xml" "count(//$E)")" -eq 3 ]
SEARCHER_BASE_URL=https://news.example.org/search cgi "$TMP/b.xml" q=chips format=atom
check "ids and links are absolute under SEARCHER_BASE_URL" \
	sh -c "printf '%s\n%s\n' '$(x "$TMP/b.xml" "string($F='id'])")' '$(x "$TMP/b.xml" "string(//$E[1]/*[local-name()='id'])")' |
	       grep -c '^https://news.example.org/search?' | grep -qx 2"

# hostile queries: still one valid feed
for q in '<script>alert(1)</script> & "x' "']]> <!-- -->" "$(printf 'a\tb')" '' 'date:2024..2025 -act'; do
	cgi "$TMP/h.xml" q="$q" format=atom
	check "query '$q': a valid feed" xmllint --noout --relaxng "$RNG" "$TMP/h.xml"
done
cgi "$TMP/r.html" q=x format=rss
check "format=rss is refused with 400" sh -c "head -1 '$TMP/r.html.h' | grep -q 400"

# the results page links its feed
cgi "$TMP/p.html" q="$Q" source="United States Congress"
check "the results page has <link rel=alternate type=application/atom+xml> to this search's feed" \
	contains "$TMP/p.html" '<link rel="alternate" type="application/atom+xml" title="&quot;export controls&quot; Huawei – newest first" href="?q=%22export+controls%22+Huawei&amp;source=United+States+Congress&amp;format=atom">'
check "and a visible link to it" contains "$TMP/p.html" '>Follow this search (Atom feed)</a>'
done_testing
