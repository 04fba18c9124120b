#!/bin/sh
# Raw page text (lib/raw.c): articles copied from web pages, indexed as they
# are, get their headline, date and byline, and no snippet shows navigation
# or share buttons.  The seed articles in ../shared/articles must all come
# out right (skipped when absent); the pages in tests/data/raw, written in
# the styles of other sites, at least 90% right per field.
. "$(dirname "$0")/../lib.sh"

R=$top/tests/data/raw
us=$(printf '\037')

# fields DB EXPECTED.tsv: one check per page and field against the table
# ("file<TAB>title<TAB>date<TAB>byline"); prints the misses to $TMP/miss.
fields() {
	: >"$TMP/miss"
	tr '\t' '\037' <"$2" | while IFS=$us read -r file title date author; do
		case $file in '#'* | '') continue ;; esac
		"$BIN/searcher" --db "$1" --json --doc "$file" >"$TMP/doc"
		for f in title date author; do
			got=$(jq -r ".$f" "$TMP/doc")
			eval "want=\$$f"
			[ "$got" = "$want" ] ||
				echo "$file $f: got \"$got\", expected \"$want\"" \
					>>"$TMP/miss"
		done
	done
}

"$BIN/indexer" --db "$TMP/pages" "$R" >/dev/null 2>"$TMP/err"
check "the test pages index" [ $? -eq 0 ]
fields "$TMP/pages" "$R/expected.tsv"
pages=$(grep -c '^[^#]' "$R/expected.tsv")
check "the table has 12 pages or more" [ "$pages" -ge 12 ]
for f in title date author; do
	miss=$(grep -c " $f: got" "$TMP/miss")
	if [ $((miss * 10)) -le "$pages" ]; then
		ok "test pages: ${f}s right on $((pages - miss)) of $pages"
	else
		not_ok "test pages: ${f}s right on $((pages - miss)) of $pages"
		grep " $f: got" "$TMP/miss" | sed 's/^/#   /'
	fi
done

A=$SHARED/articles
if [ ! -d "$A" ]; then
	skip "seed articles ($A absent)"
	done_testing
fi
DB=$TMP/db
"$BIN/indexer" --db "$DB" "$A" >/dev/null 2>"$TMP/err"
check "the seed articles index as they are" [ $? -eq 0 ]
fields "$DB" "$R/seed-expected.tsv"
check "every seed article in the table" \
	[ "$(grep -c '^[^#]' "$R/seed-expected.tsv")" -eq "$(ls "$A" | wc -l)" ]
if [ -s "$TMP/miss" ]; then
	not_ok "seed articles: headline, date and byline as a reader sees them"
	sed 's/^/#   /' "$TMP/miss"
else
	ok "seed articles: headline, date and byline as a reader sees them"
fi
"$BIN/searcher" --db "$DB" --json --limit 10 'deepseek' >"$TMP/all"
check "every seed article found by a query on its subject" \
	[ "$(wc -l <"$TMP/all")" -eq "$(ls "$A" | wc -l)" ]
check "no seed article is titled by navigation or a paragraph" \
	sh -c "jq -r .title '$TMP/all' | awk 'length > 160 || /skip to/ { bad = 1 } END { exit bad }'"

# No snippet shows page chrome, whatever the query.
for q in 'export controls' 'DeepSeek Huawei' 'share' 'read' 'LinkedIn' \
	'content' 'reply comments' 'embed article' 'email' 'editorial'; do
	"$BIN/searcher" --db "$DB" --json --limit 10 "$q" >>"$TMP/snips"
done
check "the queries find snippets" [ "$(wc -l <"$TMP/snips")" -ge 20 ]
for chrome in 'Share:' 'XLinkedIn' 'min read' 'skip to content' \
	'Table of Contents' 'Leave a Reply' 'Embed this article' 'iframe' \
	'Your email address' 'Healthcare Future' 'Model Release'; do
	check "no snippet shows \"$chrome\"" \
		sh -c "! jq -r .snippet '$TMP/snips' | grep -qiF -- '$chrome'"
done
done_testing
