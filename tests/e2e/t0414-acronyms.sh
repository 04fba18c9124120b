#!/bin/sh
# Acronyms and case on the real AGORA documents (issue 11): a word written
# in capitals among lower-case words (CHIP, NIST, BIS) is an acronym; a
# lower-case plural (chips) does not meet it as if it were the same word,
# while the acronym, typed in capitals or not, still finds it.  Skipped
# when ../shared/data is absent.
. "$(dirname "$0")/../lib.sh"

agora_db acronyms

# ids QUERY N: the ids of the first N results, one a line
ids() {
	"$BIN/searcher" --db "$DB" --json -n "$2" --no-snippets -- "$1" | jq -r .id
}
# 54: "Health Extenders, Improving Access to Medicare, Medicaid, and CHIP,
# and Strengthening Public Health Act of 2022, Section 1432"
check "chips: the Medicare CHIP bill is not in the first ten" \
	sh -c "! { '$BIN/searcher' --db '$DB' --json -n 10 --no-snippets chips | jq -r .id | grep -qx 54; }"
check "chips: semiconductor documents first" \
	sh -c "'$BIN/searcher' --db '$DB' --json -n 1 --no-snippets chips | jq -r .title | grep -qi 'semiconductor\|chip'"
check "CHIP: the CHIP bill first" [ "$(ids CHIP 1)" = 54 ]
check "chip (the same word, lower case): the CHIP bill first" [ "$(ids chip 1)" = 54 ]
# 772: "NIST AI Risk Management Framework 1.0"
check "NIST finds the NIST framework first" [ "$(ids NIST 1)" = 772 ]
check "nist finds it too" [ "$(ids nist 1)" = 772 ]
check "BIS finds documents" [ "$(ids BIS 3 | wc -l)" -eq 3 ]
done_testing
