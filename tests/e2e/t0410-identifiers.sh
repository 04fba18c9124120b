#!/bin/sh
# Identifiers on the real AGORA documents (issue 11): a bill number meets
# itself however it is typed (SB 5959, SB5959, S.B. 5959), an abbreviation
# meets its long form (AB 1831 and "Assembly Bill 1831"), and the number
# binds to its letters (california SB 1047 finds SB 1047 first, not other
# California bills); a number of several parts (24-1468, 25-21, N-12-23)
# is one identifier however its letters are written (Memorandum 25-21 for
# M-25-21), and a number glued to dotted initials (H.R.4913) meets the
# initials written apart (H. R. 4913).  Skipped when ../shared/data is
# absent.
. "$(dirname "$0")/../lib.sh"

agora_db identifiers

# first QUERY [OPTION...]: the id of the first result
first() {
	q=$1
	shift
	"$BIN/searcher" --db "$DB" --json -n 1 --no-snippets "$@" -- "$q" | jq -r .id
}
# 1163: "Safe and Secure Innovation for Frontier Artificial Intelligence
# Models Act (SB 1047)"; 1579 and 2041: California SB 1398 and SB 53
check "california SB 1047: SB 1047 first" [ "$(first 'california SB 1047')" = 1163 ]
# 1416: Indiana House Bill 1047
check "Senate Bill 1047: SB 1047 first" [ "$(first 'Senate Bill 1047')" = 1163 ]
check "Senate Bill 1047 without the identifier and name bonuses: Indiana's HB 1047 first (the bonuses are what does it)" \
	[ "$(first 'Senate Bill 1047' --id-weight 0 --name-weight 0)" = 1416 ]
for q in "SB1047" "S.B. 1047" "sb 1047"; do
	check "$q: SB 1047 first" [ "$(first "$q")" = 1163 ]
done
# 2120: "New York SB5959 (2020)", the number glued to its letters
for q in "SB 5959" "S.B. 5959" "SB5959" "sb5959"; do
	check "$q meets SB5959" [ "$(first "$q")" = 2120 ]
done
# 1543: "California Assembly Bill 1831 (2024)"; AB is Assembly Bill (the
# shipped synonym list), and 1555 (SB 1381) cites AB 1831 in its text
check "AB 1831 meets Assembly Bill 1831" [ "$(first 'AB 1831')" = 1543 ]
check "A.B. 1831 meets Assembly Bill 1831" [ "$(first 'A.B. 1831')" = 1543 ]
check "\"assembly bill\" finds AB: the synonyms go both ways" \
	sh -c "'$BIN/searcher' --db '$DB' --explain -n 0 '\"assembly bill\"' | grep -q 'SYNONYM Zab)'"
# 1763: "Executive Order on Advancing United States Leadership in Artificial
# Intelligence Infrastructure (EO 14141)"
for q in "EO 14141" "E.O. 14141" "EO14141" "Executive Order 14141"; do
	check "$q: EO 14141 first" [ "$(first "$q")" = 1763 ]
done
# Every identifier with a hyphenated number in a title (not a range of
# sections), read from the data: typed as written, with its letters cut to
# their initials (Memorandum 25-21: M 25-21 and M-25-21; Executive Order
# 24-01: EO 24-01), and the number alone, it puts that document first.
jq -r '.id as $i | [.title | match("\\b((?:[A-Z][a-z]+ )?[A-Z][A-Za-z.]*)[ -]?([0-9]+-[0-9]+)\\b"; "g")]
	| .[] | select(.captures[0].string | test("^(Sec|Section|Sections|Item)\\b") | not)
	| [$i, .string, (.captures[0].string | [scan("[A-Z]")] | join("")), .captures[1].string] | @tsv' "$A" >"$TMP/hyph"
check "the titles hold at least 10 hyphenated identifiers" [ "$(wc -l <"$TMP/hyph")" -ge 10 ]
n=0 bad=
while IFS='	' read -r id written ini num; do
	for q in "$written" "$ini $num" "$ini-$num" "$num"; do
		n=$((n + 1))
		[ "$(first "$q")" = "$id" ] || bad="$bad [$q: $(first "$q"), not $id]"
	done
done <"$TMP/hyph"
check "each of $n ways of typing a hyphenated identifier puts its document first${bad:+:$bad}" [ -z "$bad" ]
# 2267: "Memorandum 25-21 (...)", whose casual name is "Memo 25-21"; 2268
# (Memorandum 25-22) has no M-25-22 in its text, 2267's text cites it
check "M-25-22: Memorandum 25-22 first, not the memo that cites it" [ "$(first 'M-25-22')" = 2268 ]
check "OMB memo 25-21: Memorandum 25-21 first" [ "$(first 'OMB memo 25-21')" = 2267 ]
check "M-25-21 without the identifier bonus: not first (the bonus is what does it)" \
	[ "$(first 'M-25-21' --id-weight 0)" != 2267 ]
# 2052: "California Executive Order N-12-23": the split number stays in
# the run of words that is the title
check "executive order N-12-23: the order first" [ "$(first 'executive order N-12-23')" = 2052 ]
# Every bill written "H. R. NNNN" in its title or casual name, read from
# the data: H.R.NNNN (the tokenizer's hr NNNN) and HR NNNN meet it
jq -r '.id as $i | (.casual_name // "") + " " + .title | [match("\\bH\\. R\\. ([0-9]+)\\b")]
	| .[0:1][] | [$i, .captures[0].string] | @tsv' "$A" >"$TMP/hr"
check "some titles or names write H. R. apart" [ "$(wc -l <"$TMP/hr")" -ge 3 ]
n=0 bad=
while IFS='	' read -r id num; do
	for q in "H.R.$num" "HR $num" "H.R. $num"; do
		n=$((n + 1))
		[ "$(first "$q")" = "$id" ] || bad="$bad [$q: $(first "$q"), not $id]"
	done
done <"$TMP/hr"
check "each of $n glued or spaced House bill numbers puts its bill first${bad:+:$bad}" [ -z "$bad" ]
# the tokenizer: one set of terms for every way of typing a number
printf 'SB5959\nS.B. 5959\nsb 5959\n' | "$BIN/searcher" --tokenize >"$TMP/tok"
check "SB5959, S.B. 5959 and sb 5959 tokenize alike" \
	sh -c "[ \$(sort -u '$TMP/tok' | wc -l) -eq 1 ] && grep -qx 'sb 5959' '$TMP/tok'"
done_testing
