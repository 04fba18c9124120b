#!/bin/sh
# Identifiers on the real AGORA documents (issue 11): a bill number meets
# itself however it is typed (SB 5959, SB5959, S.B. 5959), an abbreviation
# meets its long form (AB 1831 and "Assembly Bill 1831"), and the number
# binds to its letters (california SB 1047 finds SB 1047 first, not other
# California bills).  Skipped when ../shared/data is absent.
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
# the tokenizer: one set of terms for every way of typing a number
printf 'SB5959\nS.B. 5959\nsb 5959\n' | "$BIN/searcher" --tokenize >"$TMP/tok"
check "SB5959, S.B. 5959 and sb 5959 tokenize alike" \
	sh -c "[ \$(sort -u '$TMP/tok' | wc -l) -eq 1 ] && grep -qx 'sb 5959' '$TMP/tok'"
done_testing
