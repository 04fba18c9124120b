#!/bin/sh
# Searching while the indexer writes: for about 20 seconds the indexer
# rewrites every document of a generated collection over and over in small
# batches (a commit every few documents, and removing and restoring a part
# of the collection), while command-line searches, bulk runs, the page as a
# CGI program and (with lighttpd and curl) the page as a FastCGI responder,
# which keeps its index open, query the same index in a loop.  Not one
# search may fail: when Xapian says the database was modified under a
# reader, the search layer reopens it and retries (lib/search.c).  The five
# bundled articles never change, so a query for them must always find all
# five.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-www.sh"
WWW_PID=""
trap 'www_stop; rm -rf "$TMP"' EXIT INT TERM

DURATION=${CONCURRENCY_SECONDS:-20}
N=300
DB=$TMP/db
SRC=$TMP/src
mkdir -p "$SRC/gen"
cp "$top"/corpus/*.txt "$SRC/"

# gen ROUND: (re)writes the generated articles, each with ROUND in its text,
# so every one of them changes and must be replaced.
gen() {
	awk -v n=$N -v r="$1" -v dir="$SRC/gen" 'BEGIN {
		split("alpha beta gamma delta semiconductor export wafer " \
		      "lithography tariff license fabrication memory " \
		      "packaging foundry subsidy", w, " ")
		for (i = 1; i <= n; i++) {
			f = sprintf("%s/doc%04d.txt", dir, i)
			printf "Title: Generated %d round %s\n\n", i, r > f
			for (j = 0; j < 40; j++)
				printf "%s ", w[(i * 7 + j * 3 + r) % 15 + 1] > f
			printf "\nrevision%s marker filler text.\n", r > f
			close(f)
		}
	}'
}

gen 0
"$BIN/indexer" -q --db "$DB" "$SRC" 2>"$TMP/idx0.err"
check "initial index builds" [ $? -eq 0 ]
"$BIN/searcher" --db "$DB" --json huawei >"$TMP/base.json" 2>&1
base=$(grep -c '"id"' "$TMP/base.json")
check "the bundled articles are found before the writes start" \
	[ "$base" -ge 5 ]

# the CGI finds the index through SEARCHER_DB
SEARCHER_DB=$DB
export SEARCHER_DB

# the page as a FastCGI responder behind lighttpd, when both are here
fcgi=0
if [ -n "$(www_lighttpd)" ] && command -v curl >/dev/null 2>&1; then
	if www_up fastcgi "$TMP/www" "$DB"; then
		fcgi=1
	else
		not_ok "lighttpd with the FastCGI page starts"
		cat "$TMP/www/error.log" 2>/dev/null | sed 's/^/#   /'
	fi
else
	skip "FastCGI searches during writes (lighttpd or curl not installed: scripts/deps --test)"
fi

# the writer: a new round of every generated document, committed every 3
# documents; every third round also removes a tenth of them (restored by
# the next round).
(
	end=$(($(date +%s) + DURATION))
	r=1
	while [ "$(date +%s)" -lt "$end" ]; do
		gen $r
		if [ $((r % 3)) -eq 0 ]; then
			rm -f "$SRC"/gen/doc00[0-2]*.txt
		fi
		"$BIN/indexer" -q --batch 3 --db "$DB" "$SRC" \
			>>"$TMP/writer.out" 2>&1
		echo "round $r exit $?" >>"$TMP/writer.log"
		r=$((r + 1))
	done
) &
writer=$!

# the readers: command-line searches (text and JSON), and bulk runs when
# the searcher has them; each failure is logged with its output.
: >"$TMP/fail.log"
printf 'q1\thuawei\nq2\tsemiconductor export\nq3\t"wafer lithography"\nq4\tfoundry OR subsidy -memory\nq5\tgen*\nq6\ttitle:generated\n' >"$TMP/queries"
# bulk mode is part of the searcher: a first run that fails is a failure
bulk=0
if "$BIN/searcher" --db "$DB" --batch "$TMP/queries" >"$TMP/b0.out" 2>"$TMP/b0.err"; then
	bulk=1
else
	not_ok "a bulk run before the writes works (exit $?)"
	sed 's/^/#   /' "$TMP/b0.err" | head -5
fi
runs=0
bulkruns=0
cgiruns=0
fcgiruns=0
i=0
while kill -0 "$writer" 2>/dev/null; do
	i=$((i + 1))
	case $((i % 4)) in
	0) q='semiconductor export' ;;
	1) q='"wafer lithography" OR foundry' ;;
	2) q='title:generated -memory' ;;
	*) q='alp* NEAR/5 beta' ;;
	esac
	if ! "$BIN/searcher" --db "$DB" --json --limit 50 "$q" \
		>"$TMP/s.out" 2>"$TMP/s.err" || [ -s "$TMP/s.err" ]; then
		{ echo "search '$q' failed:"; cat "$TMP/s.err"; } >>"$TMP/fail.log"
	fi
	if ! "$BIN/searcher" --db "$DB" --json huawei >"$TMP/h.out" \
		2>"$TMP/h.err" || [ -s "$TMP/h.err" ]; then
		{ echo "search huawei failed:"; cat "$TMP/h.err"; } >>"$TMP/fail.log"
	elif [ "$(grep -c '"id"' "$TMP/h.out")" -ne "$base" ]; then
		echo "search huawei found $(grep -c '"id"' "$TMP/h.out") of $base" \
			>>"$TMP/fail.log"
	fi
	runs=$((runs + 2))
	cgi_env "$TMP/c.out" 'q=semiconductor+export&n=50'
	if [ "$(status "$TMP/c.out")" != 200 ] || [ -s "$TMP/c.out.err" ]; then
		{ echo "CGI search failed:"; head -1 "$TMP/c.out"; cat "$TMP/c.out.err"; } \
			>>"$TMP/fail.log"
	fi
	cgiruns=$((cgiruns + 1))
	if [ $fcgi -eq 1 ]; then
		get "$TMP/f.out" "$URL?q=huawei&format=json"
		if [ "$(status "$TMP/f.out")" != 200 ]; then
			{ echo "FastCGI search failed:"; head -1 "$TMP/f.out"; cat "$TMP/f.out.err"; } \
				>>"$TMP/fail.log"
		elif [ "$(body "$TMP/f.out" | jq '.results | length')" -ne "$base" ]; then
			echo "FastCGI search huawei found $(body "$TMP/f.out" | jq '.results | length') of $base" \
				>>"$TMP/fail.log"
		fi
		get "$TMP/d.out" "$URL?doc=gen%2Fdoc0150.txt&q=marker&format=json"
		if [ "$(status "$TMP/d.out")" != 200 ]; then
			{ echo "FastCGI document view failed:"; head -1 "$TMP/d.out"; } \
				>>"$TMP/fail.log"
		fi
		fcgiruns=$((fcgiruns + 2))
	fi
	if [ $bulk -eq 1 ]; then
		for k in 1 2 3 4 5 6 7 8; do cat "$TMP/queries"; done >"$TMP/q8"
		if ! "$BIN/searcher" --db "$DB" --batch "$TMP/q8" --threads 2 \
			>"$TMP/b.out" 2>"$TMP/b.err" || [ -s "$TMP/b.err" ] ||
			grep -q '"error"' "$TMP/b.out"; then
			{ echo "bulk run failed:"; cat "$TMP/b.err"; grep '"error"' "$TMP/b.out"; } \
				>>"$TMP/fail.log"
		fi
		bulkruns=$((bulkruns + 1))
	fi
done
wait "$writer"

rounds=$(wc -l <"$TMP/writer.log")
check "the indexer ran several rounds while searching ($rounds)" \
	[ "$rounds" -ge 2 ]
check "every indexer round succeeded" \
	sh -c "! grep -v 'exit 0\$' '$TMP/writer.log'"
nfail=$(grep -c 'failed\|found' "$TMP/fail.log")
check "no failed search in $runs command-line searches, $bulkruns bulk runs of 48 queries, $cgiruns CGI and $fcgiruns FastCGI requests ($nfail failures)" \
	sh -c "[ ! -s '$TMP/fail.log' ] || { head -20 '$TMP/fail.log'; false; }"
# a last round with every document present: all of them, each once (the
# generated texts are copies of one another: --no-collapse lists them all)
gen final
"$BIN/indexer" -q --db "$DB" "$SRC" >/dev/null 2>&1
"$BIN/searcher" --db "$DB" --json --no-collapse --limit 1000 revisionfinal >"$TMP/final.json" 2>&1
jq -r .id "$TMP/final.json" | grep '^gen/doc' | sort >"$TMP/final.ids"
nall=$(wc -l <"$TMP/final.ids")
nuniq=$(sort -u "$TMP/final.ids" | wc -l)
check "after a last round every generated document is there once ($nuniq of $N, $nall hits)" \
	[ "$nall/$nuniq" = "$N/$N" ]
done_testing
