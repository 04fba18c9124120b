#!/bin/sh
# Scale-out on Xapian's remote backend: the paragraphs of the bundled
# articles, as separate documents, split into three disjoint shards; one is
# opened locally, two are served by xapian-tcpsrv on loopback ports; a stub
# database lists all three.  For a fixed query set, searching the stub gives
# the same ranking as one index built from all the documents (same ids in
# the same order up to ties, scores within 1e-6), because Xapian combines
# the shards' statistics before weighting.  Then what the remote backend
# does not do (spelling, synonyms) must degrade quietly: no error, exit 0.
. "$(dirname "$0")/../lib.sh"

if ! command -v xapian-tcpsrv >/dev/null 2>&1; then
	skip "remote shards (xapian-tcpsrv not installed: scripts/deps installs xapian-tools)"
	exit 0
fi

pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# every paragraph of 25 words or more becomes an article p001.txt...,
# titled with its first words; article k goes to shard k % 3
mkdir -p "$TMP/all" "$TMP/s0" "$TMP/s1" "$TMP/s2"
for f in "$top"/corpus/*.txt; do
	awk 'NR == 1, /^$/ { next } { print }' "$f"
	echo
done | awk -v dir="$TMP/all" '
	function flush() {
		if (nw >= 25) {
			n++
			f = sprintf("%s/p%03d.txt", dir, n)
			split(para, w, " ")
			printf "Title: %s %s %s %s %s\n\n%s\n", w[1], w[2], w[3],
				w[4], w[5], para > f
			close(f)
		}
		para = ""
		nw = 0
	}
	/^[ \t]*$/ { flush(); next }
	{ para = para (para == "" ? "" : " ") $0; nw += NF }
	END { flush() }'
ndocs=$(ls "$TMP/all" | wc -l)
k=0
for f in "$TMP"/all/*.txt; do
	cp "$f" "$TMP/s$((k % 3))/"
	k=$((k + 1))
done
check "the corpus splits into $ndocs paragraph documents" [ "$ndocs" -ge 60 ]

"$BIN/indexer" -q --db "$TMP/single" "$TMP/all" &&
	"$BIN/indexer" -q --db "$TMP/shard0" "$TMP/s0" &&
	"$BIN/indexer" -q --db "$TMP/shard1" "$TMP/s1" &&
	"$BIN/indexer" -q --db "$TMP/shard2" "$TMP/s2"
check "one index and three shards build" [ $? -eq 0 ]

# serve DB: starts xapian-tcpsrv on a free loopback port for DB; sets
# $port (0 if no server could start).
serve() {
	port=0
	for try in 1 2 3 4 5 6 7 8 9 10; do
		p=$(( $(od -An -N2 -tu2 /dev/urandom) % 40000 + 20000 ))
		# its own session: on SIGTERM xapian-tcpsrv signals its whole
		# process group, which would otherwise be this test
		setsid xapian-tcpsrv --interface 127.0.0.1 --port "$p" \
			--timeout 60000 "$1" >"$TMP/srv$p.log" 2>&1 &
		pid=$!
		i=0
		while [ $i -lt 50 ]; do
			grep -qs Listening "$TMP/srv$p.log" && break
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
			i=$((i + 1))
		done
		if grep -qs Listening "$TMP/srv$p.log" && kill -0 "$pid" 2>/dev/null; then
			pids="$pids $pid"
			port=$p
			return 0
		fi
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	return 1
}
serve "$TMP/shard1"
port1=$port
serve "$TMP/shard2"
port2=$port
check "two xapian-tcpsrv serve shards on loopback ports ($port1, $port2)" \
	[ "$port1" -ne 0 -a "$port2" -ne 0 ]

STUB=$TMP/stub
{
	echo "# one local shard and two remote ones (Xapian stub database)"
	echo "auto $TMP/shard0"
	echo "remote 127.0.0.1:$port1"
	echo "remote 127.0.0.1:$port2"
} >"$STUB"
REMOTE=$TMP/remote-only
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port1" "$port2" >"$REMOTE"

S() { "$BIN/searcher" "$@"; }

# quiet RC ERR [OUT]: exit status RC was 0, nothing on stderr (file ERR),
# and (if given) some output in OUT.
quiet() {
	[ "$1" -eq 0 ] && [ ! -s "$2" ] && { [ $# -lt 3 ] || [ -s "$3" ]; }
}

# same_ranking FILE_A FILE_B: JSON lines of two result lists; the same
# number of hits, at each rank scores within 1e-6, and every id in both
# with scores within 1e-6 (so ids differ in order only among equal scores).
same_ranking() {
	jq -r '"\(.id) \(.score)"' "$1" >"$TMP/ra"
	jq -r '"\(.id) \(.score)"' "$2" >"$TMP/rb"
	awk 'function abs(x) { return x < 0 ? -x : x }
	NR == FNR { ida[FNR] = $1; sa[FNR] = $2; byid[$1] = $2; na = FNR; next }
	{ idb[FNR] = $1; sb[FNR] = $2; nb = FNR }
	END {
		if (na != nb) { print "hits: " na " vs " nb; exit 1 }
		for (i = 1; i <= na; i++) {
			if (abs(sa[i] - sb[i]) > 1e-6) {
				print "rank " i ": " ida[i] " " sa[i] " vs " idb[i] " " sb[i]
				exit 1
			}
			if (!(idb[i] in byid) || abs(byid[idb[i]] - sb[i]) > 1e-6) {
				print "rank " i ": " idb[i] " not in the single index ranking"
				exit 1
			}
		}
	}' "$TMP/ra" "$TMP/rb"
}

nq=0
same=0
while IFS= read -r q; do
	[ -n "$q" ] || continue
	nq=$((nq + 1))
	S --db "$TMP/single" --json --limit 1000 -- "$q" >"$TMP/one.json" 2>"$TMP/one.err"
	S --db "$STUB" --json --limit 1000 -- "$q" >"$TMP/sh.json" 2>"$TMP/sh.err"
	rc=$?
	if [ $rc -ne 0 ] || [ -s "$TMP/sh.err" ]; then
		not_ok "remote shards: '$q' fails (exit $rc)"
		sed 's/^/#   /' "$TMP/sh.err"
		continue
	fi
	if [ ! -s "$TMP/one.json" ]; then
		not_ok "remote shards: '$q' finds nothing even in one index"
		continue
	fi
	if diff=$(same_ranking "$TMP/one.json" "$TMP/sh.json"); then
		same=$((same + 1))
	else
		not_ok "remote shards: '$q' ranks differently: $diff"
	fi
done <<'QUERIES'
nvidia
ascend
chip
ai
export controls
"export controls"
huawei chips
deepseek -huawei
sanctions AND nvidia
title:deepseek
deepseek NEAR/3 huawei
+ascend supply chain
tokens million price
=benchmarks
QUERIES
check "a fixed set of $nq queries ranks the same on remote shards as on one index ($same/$nq)" \
	[ "$same" -eq "$nq" ]

# Wildcards are expanded shard by shard and weighted with each shard's
# statistics (Xapian 1.4, any multi-database, local or remote), so only
# the set of matching documents is the same as on one index.
for q in 'chip* OR semiconductor*' 'regulat* huawei'; do
	S --db "$TMP/single" --json --limit 1000 -- "$q" | jq -r .id | sort >"$TMP/w1"
	S --db "$STUB" --json --limit 1000 -- "$q" | jq -r .id | sort >"$TMP/w2"
	check "wildcard '$q' matches the same documents on remote shards" \
		sh -c "[ -s '$TMP/w1' ] && cmp -s '$TMP/w1' '$TMP/w2'"
done

# The indexer's own shards (indexer --shards N): the folder searched as
# is, then its shards 1 and 2 served remotely next to a local shard 0.
check "indexer --help offers --shards" \
	sh -c "'$BIN/indexer' --help 2>&1 | grep -q -- --shards"
{
	"$BIN/indexer" -q --shards 3 --db "$TMP/sharded" "$TMP/all"
	check "indexer --shards 3 builds a sharded index" \
		[ $? -eq 0 -a -f "$TMP/sharded/XAPIANDB" ]
	set -- "$TMP"/sharded/shard0.* "$TMP"/sharded/shard1.* "$TMP"/sharded/shard2.*
	serve "$2"
	p1=$port
	serve "$3"
	p2=$port
	printf 'auto %s\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$1" "$p1" "$p2" \
		>"$TMP/stub2"
	ok1=0
	ok2=0
	n2=0
	for q in nvidia 'export controls' '"supply chain"' 'huawei -deepseek' 'title:deepseek'; do
		n2=$((n2 + 1))
		S --db "$TMP/single" --json --limit 1000 -- "$q" >"$TMP/one.json" 2>/dev/null
		S --db "$TMP/sharded" --json --limit 1000 -- "$q" >"$TMP/sh1.json" 2>/dev/null &&
			same_ranking "$TMP/one.json" "$TMP/sh1.json" >/dev/null &&
			ok1=$((ok1 + 1))
		S --db "$TMP/stub2" --json --limit 1000 -- "$q" >"$TMP/sh2.json" 2>/dev/null &&
			same_ranking "$TMP/one.json" "$TMP/sh2.json" >/dev/null &&
			ok2=$((ok2 + 1))
	done
	check "the sharded index ranks as one index ($ok1/$n2 queries)" [ $ok1 -eq $n2 ]
	check "its shards 1 and 2 served remotely rank as one index ($ok2/$n2 queries)" \
		[ $ok2 -eq $n2 ]
}

# a document on a remote shard, whole
id=$(S --db "$STUB" --json --limit 1000 nvidia | jq -r .id | while read -r x; do
	[ -f "$TMP/s1/$x" ] && { echo "$x"; break; }
done)
S --db "$STUB" --json --doc "$id" nvidia >"$TMP/doc.json" 2>"$TMP/doc.err"
check "--doc shows a document that lives on a remote shard ($id)" \
	sh -c "[ -n '$id' ] && [ ! -s '$TMP/doc.err' ] && jq -e '.id == \"$id\"' '$TMP/doc.json' >/dev/null"

# What the remote backend does not support degrades quietly.  Xapian
# reads spelling data and synonyms only from local shards: with one local
# shard the stub corrects and expands as one index does (each shard holds
# the synonym table; suggestions come from the local shard's words); with
# remote shards only there is neither, and no error either.
S --db "$TMP/single" --json nvidai >"$TMP/sp1.json" 2>/dev/null
check "one index corrects a misspelt query (nvidai finds nvidia)" \
	contains "$TMP/sp1.json" '"id"'
S --db "$STUB" --json nvidai >"$TMP/sp2.json" 2>"$TMP/sp2.err"
check "with a local shard, a misspelt query is corrected (nvidai)" \
	quiet $? "$TMP/sp2.err" "$TMP/sp2.json"
S --db "$REMOTE" --json nvidai >"$TMP/sp.json" 2>"$TMP/sp.err"
check "remote only: a misspelt query exits 0 with no error shown (spelling needs a local shard)" \
	quiet $? "$TMP/sp.err"
S --db "$REMOTE" --json --limit 1000 chip >"$TMP/ro.json" 2>"$TMP/ro.err"
check "remote only: searching works without synonyms and without an error" \
	quiet $? "$TMP/ro.err" "$TMP/ro.json"
# the same two shards opened locally, with and without synonyms
printf 'auto %s\nauto %s\n' "$TMP/shard1" "$TMP/shard2" >"$TMP/local12"
S --db "$TMP/local12" --json --limit 1000 --no-synonyms chip >"$TMP/lo1.json" 2>/dev/null
S --db "$TMP/local12" --json --limit 1000 chip >"$TMP/lo2.json" 2>/dev/null
check "remote only: 'chip' ranks as the same shards opened locally with --no-synonyms" \
	same_ranking "$TMP/lo1.json" "$TMP/ro.json"
# the shipped synonym list expands chip (semiconductor): a regression fails
check "the same shards opened locally expand 'chip' ($(wc -l <"$TMP/lo2.json") hits, $(wc -l <"$TMP/lo1.json") with --no-synonyms)" \
	[ "$(wc -l <"$TMP/lo2.json")" -gt "$(wc -l <"$TMP/lo1.json")" ]
S --db "$STUB" --explain 'nvidia chips' >"$TMP/ex.txt" 2>"$TMP/ex.err"
check "--explain works on the stub" quiet $? "$TMP/ex.err" "$TMP/ex.txt"
printf 'q1\tnvidia\nq2\t"export controls"\nq3\tnvidai\n' >"$TMP/queries"
S --db "$STUB" --batch "$TMP/queries" >"$TMP/bulk.json" 2>"$TMP/bulk.err"
rc=$?
check "bulk mode on the stub: no error objects" \
	sh -c "[ $rc -eq 0 ] && [ ! -s '$TMP/bulk.err' ] && [ -s '$TMP/bulk.json' ] && ! grep -q '\"error\"' '$TMP/bulk.json'"
GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET QUERY_STRING='q=nvidia+chips' \
	SEARCHER_DB="$STUB" "$BIN/searcher" >"$TMP/cgi.out" 2>"$TMP/cgi.err"
check "the CGI answers from the stub (200, hits from remote shards)" \
	sh -c "grep -qi '^status: 200\|^content-type: text/html' '$TMP/cgi.out' && grep -q 'p0' '$TMP/cgi.out'"

# a server that went away: a clear error, not a hang or a crash
for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
pids=""
S --db "$STUB" nvidia >/dev/null 2>"$TMP/down.err"
rc=$?
check "a stopped server: exit 1 with a message (rc $rc)" \
	[ $rc -eq 1 -a -s "$TMP/down.err" ]
done_testing
