#!/bin/sh
# Names on the real AGORA documents (issue 11): when the query is (most
# of) a document's title or a well-known name of it, in order, that
# document comes first.  A record's well-known names (AGORA's casual_name)
# are indexed as title text, and the words standing in a title or name as
# typed, or as one of their synonyms, earn a bonus that a long document's
# length does not dilute; an acronym of a title or name (TRAIGA) that no
# text uses as a word finds what it abbreviates.  Skipped when
# ../shared/data is absent.
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
# Acronyms (initials.h), read from the data: each title whose first part
# (up to a "(", ",", ":" or ";") is 4 to 8 words of letters gives its
# initials (Texas Responsible Artificial Intelligence Governance Act:
# traiga); each of those that no text uses as a word, typed as the query,
# puts first a document whose title or name abbreviates to it (the
# initials of the first words of one of its parts, with or without its
# small words), by this script's own reading of the titles.
jq -r '[.id, .title, (.casual_name // "")] | @tsv' "$A" >"$TMP/titles"
awk -F'\t' '{ t = $2; sub(/[ ]*[(,:;].*$/, "", t); n = split(t, w, " ")
	if (n < 4 || n > 8) next; a = ""
	for (i = 1; i <= n; i++) { if (w[i] !~ /^[A-Za-z]+$/) next; a = a tolower(substr(w[i], 1, 1)) }
	print a }' "$TMP/titles" | sort -u >"$TMP/acr.all"
# (a word of the texts, or its plural: aiaas stems to aiaa)
jq -r '.text' "$A" | "$BIN/searcher" --tokenize | tr ' ' '\n' | sed 'p; s/s$//' | sort -u >"$TMP/words"
grep -vxF -f "$TMP/words" "$TMP/acr.all" >"$TMP/acr"
# abbrevs ID: every acronym of 3 or more letters of document ID's title and
# name, with every word and without the small words
abbrevs() {
	awk -F'\t' -v id="$1" '$1 == id { for (f = 2; f <= 3; f++) {
		nseg = split($f, seg, /[][(),:;"]/)
		for (s = 1; s <= nseg; s++) {
			nw = split(seg[s], w, /[^A-Za-z0-9]+/); all = ""; some = ""
			for (i = 1; i <= nw; i++) {
				if (w[i] == "") continue
				if (w[i] !~ /^[A-Za-z]/) { all = ""; some = ""; continue }
				all = all tolower(substr(w[i], 1, 1)); if (length(all) >= 3) print all
				if (tolower(w[i]) !~ /^(a|an|and|are|as|at|be|by|for|from|in|is|it|of|on|or|that|the|to|with)$/) {
					some = some tolower(substr(w[i], 1, 1)); if (length(some) >= 3) print some }
			} } } }' "$TMP/titles"
}
check "the titles give at least 100 acronyms no text uses" [ "$(wc -l <"$TMP/acr")" -ge 100 ]
n=0 bad=
while read -r a; do
	n=$((n + 1))
	id=$(first "$a")
	abbrevs "$id" | grep -qx -- "$a" || bad="$bad [$a: $id]"
done <"$TMP/acr"
check "each of $n acronyms finds a document it abbreviates first${bad:+:$bad}" [ -z "$bad" ]
# 2097 and 1815: the Texas Responsible Artificial Intelligence Governance
# Act (HB 149, HB 1709); TRAIGA is in no field
for q in TRAIGA traiga; do
	check "$q: the Texas act first" sh -c "case \$('$BIN/searcher' --db '$DB' --json -n 1 --no-snippets -- $q | jq -r .id) in 2097|1815) ;; *) exit 1;; esac"
done
check "TRAIGA without the name bonus: not the Texas act (the bonus is what does it)" \
	sh -c "case \$('$BIN/searcher' --db '$DB' --json -n 1 --no-snippets --name-weight 0 -- TRAIGA | jq -r .id) in 2097|1815) exit 1;; esac"
# --field names=KEY reads another key: with none the number is nowhere
"$BIN/indexer" -q --db "$TMP/db2" --field names=none_such "$A"
check "without the names, no document has 14110 in a title" \
	[ -z "$("$BIN/searcher" --db "$TMP/db2" --json -n 1 --no-snippets 'title:14110')" ]
done_testing
