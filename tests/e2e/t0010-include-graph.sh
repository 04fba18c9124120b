#!/bin/sh
# The include graph of lib/ is a clean layering (scripts/include-graph): no
# include cycle, Xapian only in lib/xdb.cc, ICU only in lib/tok.c.  And the
# script sees a cycle and a breach of either wall when there is one (tried
# on a copy of the sources).
. "$(dirname "$0")/../lib.sh"

sh "$top/scripts/include-graph" >"$TMP/graph" 2>&1
rc=$?
check "lib/ is a clean layering (exit $rc): $(tail -1 "$TMP/graph")" [ $rc -eq 0 ]
sed 's/^/#   /' "$TMP/graph"
check "every module of lib/ is in the graph" \
	sh -c "for f in '$top'/lib/*.c; do m=\$(basename \"\$f\" .c); grep -q \"^[0-9]* \$m \" '$TMP/graph' || exit 1; done"

# a copy with a cycle and both walls breached
C=$TMP/copy
mkdir -p "$C"
cp -r "$top/lib" "$top/indexer" "$top/searcher" "$C/"
echo '#include "search.h"' >>"$C/lib/util.h"
echo '#include <unicode/ubrk.h>' >>"$C/lib/esc.c"
echo '#include <xapian.h>' >>"$C/searcher/main.c"
sh "$top/scripts/include-graph" "$C" >"$TMP/bad" 2>&1
rc=$?
check "a broken layering exits 1 (exit $rc)" [ $rc -eq 1 ]
check "an include cycle is named" \
	grep -q "include cycle:.*util -> search" "$TMP/bad"
check "ICU outside lib/tok.c is named" \
	grep -q "lib/esc.c includes <unicode/ubrk.h>" "$TMP/bad"
check "Xapian outside lib/xdb.cc is named" \
	grep -q "searcher/main.c includes <xapian.h>" "$TMP/bad"

done_testing
