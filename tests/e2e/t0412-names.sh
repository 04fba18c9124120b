#!/bin/sh
# Names on the real AGORA documents (issue 11): when the query is (most
# of) a document's title or a well-known name of it, in order, that
# document comes first.  A record's well-known names (AGORA's casual_name)
# are indexed as title text, and the words standing in a title or name as
# typed, or as one of their synonyms, earn a bonus that a long document's
# length does not dilute.  Skipped when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"

agora_db names

# first QUERY [OPTION...]: the id of the first result
first() {
	q=$1
	shift
	"$BIN/searcher" --db "$DB" --json -n 1 --no-snippets "$@" -- "$q" | jq -r .id
}
# 757: "REGULATION (EU) 2024/1689 ... laying down harmonised rules on
# artificial intelligence", casual name "EU AI Act"; NDAA sections and
# other "... Artificial Intelligence Act"s share the words
for q in "Artificial Intelligence Act" "AI Act" "EU AI Act"; do
	check "$q: the EU AI Act first" [ "$(first "$q")" = 757 ]
done
check "Artificial Intelligence Act without the name bonus: not first (the bonus is what does it)" \
	[ "$(first 'Artificial Intelligence Act' --name-weight 0)" != 757 ]
# 307: the executive order on safe, secure and trustworthy AI; its number
# is only in its casual name "... (EO 14110)"
for q in "Executive Order 14110" "EO 14110"; do
	check "$q: EO 14110 first" [ "$(first "$q")" = 307 ]
done
# 418: "Algorithmic Accountability Act of 2023", a long bill
check "Algorithmic Accountability Act: the bill first" \
	[ "$(first 'Algorithmic Accountability Act')" = 418 ]
# the names are in the record and searchable as title text
check "the casual name is stored" \
	[ "$("$BIN/searcher" --db "$DB" --json -n 1 --no-snippets 'id:307' | jq -r .names)" != "" ]
check "title: finds a well-known name" \
	[ "$(first 'title:"EU AI Act"')" = 757 ]
check "title:14110 finds EO 14110 by its casual name" [ "$(first 'title:14110')" = 307 ]
# --field names=KEY reads another key: with none the number is nowhere
"$BIN/indexer" -q --db "$TMP/db2" --field names=none_such "$A"
check "without the names, no document has 14110 in a title" \
	[ -z "$("$BIN/searcher" --db "$TMP/db2" --json -n 1 --no-snippets 'title:14110')" ]
done_testing
