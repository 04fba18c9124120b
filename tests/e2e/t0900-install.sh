#!/bin/sh
# make install into a DESTDIR: both programs, the CGI as a link to the
# searcher (not a second copy), the man pages and the synonym list;
# make install-strip installs programs without debugging symbols, which
# still run; make uninstall removes every file install put there.
. "$(dirname "$0")/../lib.sh"
B=${B:-$top/build}
case $B in /*) ;; *) B=$top/$B ;; esac
# a make inside make check: not the outer make's job server
unset MAKEFLAGS MFLAGS MAKELEVEL
# -o all: install what $BIN holds, never build from here
mk() { make -s -C "$top" -o all B="$B" BIN="$BIN" PREFIX=/usr "$@"; }

D=$TMP/dest
mk DESTDIR="$D" install >"$TMP/out" 2>&1
check "make install DESTDIR=... exits 0" [ $? -eq 0 ]
sed 's/^/#   /' "$TMP/out" | head -5
check "both programs in /usr/bin" \
	[ -x "$D/usr/bin/indexer" -a -x "$D/usr/bin/searcher" ]
check "the installed programs are the built ones (unstripped)" \
	sh -c "cmp -s '$BIN/searcher' '$D/usr/bin/searcher' && cmp -s '$BIN/indexer' '$D/usr/bin/indexer'"
check "the CGI is a link to the installed searcher, not a copy" \
	[ -L "$D/usr/lib/cgi-bin/searcher.cgi" -a \
	  "$(readlink "$D/usr/lib/cgi-bin/searcher.cgi")" = /usr/bin/searcher ]
check "the man pages and the synonym list are installed" \
	[ -f "$D/usr/share/man/man1/searcher.1" -a \
	  -f "$D/usr/share/man/man1/indexer.1" -a \
	  -f "$D/usr/share/searcher/synonyms.txt" ]
"$D/usr/bin/indexer" -q --db "$TMP/db" "$top/corpus" 2>"$TMP/err"
check "the installed indexer indexes the bundled corpus" [ $? -eq 0 ]
"$D/usr/bin/searcher" --db "$TMP/db" --json 'export controls' >"$TMP/hits" 2>&1
check "the installed searcher finds 'export controls'" contains "$TMP/hits" '"id"'

mk DESTDIR="$D" uninstall >"$TMP/out" 2>&1
check "make uninstall exits 0" [ $? -eq 0 ]
find "$D" ! -type d >"$TMP/left"
check "make uninstall leaves no file behind" [ ! -s "$TMP/left" ]
sed 's/^/#   /' "$TMP/left" | head -5

S=$TMP/strip
mk DESTDIR="$S" install-strip >"$TMP/out" 2>&1
check "make install-strip exits 0" [ $? -eq 0 ]
sed 's/^/#   /' "$TMP/out" | head -5
big=$(wc -c <"$BIN/searcher")
small=$(wc -c <"$S/usr/bin/searcher" 2>/dev/null || echo 0)
check "install-strip: the searcher has no symbol table ($((small / 1048576)) MB, built $((big / 1048576)) MB)" \
	sh -c "[ $small -gt 0 ] && [ $small -lt $big ] && ! readelf -S '$S/usr/bin/searcher' | grep -q -e '\.symtab' -e '\.debug_info'"
check "install-strip: the indexer has no symbol table" \
	sh -c "! readelf -S '$S/usr/bin/indexer' | grep -q -e '\.symtab' -e '\.debug_info'"
"$S/usr/bin/searcher" --db "$TMP/db" --json 'export controls' >"$TMP/hits2" 2>&1
check "the stripped searcher gives the same answer" cmp -s "$TMP/hits" "$TMP/hits2"
mk DESTDIR="$S" INSTALL_STRIP=1 install >"$TMP/out" 2>&1
check "INSTALL_STRIP=1 make install strips too" \
	sh -c "! readelf -S '$S/usr/bin/searcher' | grep -q '\.symtab'"

done_testing
