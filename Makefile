# Build: make          Tests: make check        Sanitizers: make asan, make tsan
# Install: make install PREFIX=/usr/local DESTDIR=   (make install-strip:
#          without debugging symbols)
#
# User CFLAGS/CXXFLAGS/LDFLAGS are honoured; the warning flags and language
# standard below are always added after them, so they cannot be removed.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/searcher
CGIDIR ?= $(PREFIX)/lib/cgi-bin

# B: object folder; BIN: where the programs go (make asan uses other ones).
B ?= build
BIN ?= bin

CC ?= cc
CXX ?= c++
CFLAGS ?= -O2 -g
CXXFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config

PKGS := icu-uc icu-i18n xapian-core jansson gumbo
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS))
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

WARN := -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wundef -Wvla \
	-Werror=implicit-function-declaration -Werror=return-type \
	-Werror=incompatible-pointer-types -Werror=int-conversion
CXXWARN := -Wall -Wextra -Wshadow -Werror=return-type

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	$(CPPFLAGS) $(CFLAGS) $(WARN) -Ilib $(PKG_CFLAGS) -MMD -MP
ALL_CXXFLAGS = -std=c++17 $(CPPFLAGS) $(CXXFLAGS) $(CXXWARN) -Ilib \
	$(PKG_CFLAGS) -MMD -MP
# --as-needed: each program loads only the libraries it references,
# which shortens every process start.
LIBS = -Wl,--as-needed $(PKG_LIBS) -lfcgi -lpthread -lm
# The searcher starts once per command-line search and per CGI request, so
# it links Debian's static ICU: ICU's C++ symbols then need no relocation at
# run time, 0.6 ms (10%) less CPU per process, measured with perf stat
# (34 MB instead of 1.5 MB, most of it ICU's data, mapped as the shared
# library's would be).  ICU_STATIC=0 links ICU dynamically, to follow
# Debian's ICU updates without a rebuild.
# With it go the small C libraries (jansson, gumbo, fcgi): each shared
# library is one more object the loader maps and one more scope every
# symbol lookup walks; statically linked, the dynamic loader runs 2.26 M
# instructions instead of 2.69 M per search (callgrind), and -O1 lets the
# linker optimise the hash tables it leaves.  Xapian and libstdc++ stay
# shared (Debian ships no static Xapian).
ICU_STATIC ?= 1
ICU_LIBS := -licui18n -licuuc -licudata
SRCH_STATIC := $(ICU_LIBS) -ljansson -lgumbo -lfcgi
ifeq ($(ICU_STATIC),1)
SRCH_LIBS = -Wl,-O1 -Wl,-Bstatic $(SRCH_STATIC) -Wl,-Bdynamic \
	$(filter-out $(SRCH_STATIC),$(LIBS)) -ldl
else
SRCH_LIBS = $(LIBS)
endif

LIB_SRC := $(wildcard lib/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o) $(B)/lib/xdb.o $(B)/gen/synonyms.o
LIBA := $(B)/libsearch.a
IDX_OBJ := $(patsubst %.c,$(B)/%.o,$(wildcard indexer/*.c))
SRCH_OBJ := $(patsubst %.c,$(B)/%.o,$(wildcard searcher/*.c))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
PROGS := $(BIN)/indexer $(BIN)/searcher

all: $(PROGS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/lib/xdb.o: lib/xdb.cc
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

# The shipped synonym list, built into the library as a C string.
$(B)/gen/synonyms.c: indexer/synonyms.txt
	@mkdir -p $(@D)
	awk 'BEGIN { print "extern const char synonym_default[];"; \
		print "const char synonym_default[] =" } \
		{ gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); \
		print "\t\"" $$0 "\\n\"" } END { print "\t\"\";" }' $< >$@

$(B)/gen/synonyms.o: $(B)/gen/synonyms.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BIN)/indexer: $(IDX_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) $(LDFLAGS) -o $@ $(IDX_OBJ) $(LIBA) $(LIBS)

$(BIN)/searcher: $(SRCH_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) $(LDFLAGS) -o $@ $(SRCH_OBJ) $(LIBA) $(SRCH_LIBS)

$(B)/tests/%: tests/unit/%.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -c -o $@.o $<
	$(CXX) $(CXXFLAGS) $(LDFLAGS) -o $@ $@.o $(LIBA) $(LIBS) $(CMOCKA_LIBS)

units: $(UNIT_BIN)

# Small programs the end-to-end tests run (tests/tools/*.c), e.g. words:
# how the tokenizer cuts a text, to check highlights against it.
TOOL_BIN := $(patsubst tests/tools/%.c,$(B)/tools/%,$(wildcard tests/tools/*.c))
$(B)/tools/%: tests/tools/%.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@.o $<
	$(CXX) $(CXXFLAGS) $(LDFLAGS) -o $@ $@.o $(LIBA) $(LIBS)

tools: $(TOOL_BIN)

check: all units fuzz-replay tools
	B=$(B) BIN=$(BIN) sh tests/run

# AddressSanitizer + UndefinedBehaviorSanitizer build of everything, then
# the whole test suite against it.
SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
LSAN_SUPP := suppressions=$(CURDIR)/tests/asan/lsan.supp:print_suppressions=0
asan:
	LSAN_OPTIONS="$(LSAN_SUPP)" $(MAKE) B=build-asan BIN=build-asan/bin \
		CFLAGS="-O1 -g $(SAN)" CXXFLAGS="-O1 -g $(SAN)" \
		LDFLAGS="$(SAN)" check

# ThreadSanitizer build of everything in build-tsan/, then the tests that
# run threads: the indexer's (bulk and incremental, several threads and
# shards) and bulk mode's.  Any report fails the run (TSAN_LOG below);
# t5100 searches for longer, as the instrumented indexer is slower.
TSAN := -fsanitize=thread -fno-omit-frame-pointer
TSAN_TESTS := t0100-index t0150-indexer-cli t3000-batch t4000-incremental \
	t4300-shards t4500-ids t4510-jsonl-collection t4530-failed-start \
	t5100-concurrency
TSAN_LOG := $(CURDIR)/build-tsan/tsan
tsan:
	$(MAKE) B=build-tsan BIN=build-tsan/bin CFLAGS="-O1 -g $(TSAN)" \
		CXXFLAGS="-O1 -g $(TSAN)" LDFLAGS="$(TSAN)" all
	rm -f $(TSAN_LOG).*
	fail=0; for t in $(TSAN_TESTS); do \
		echo "# e2e: $$t"; \
		TSAN_OPTIONS="log_path=$(TSAN_LOG) second_deadlock_stack=1" \
		CONCURRENCY_SECONDS=60 \
		B=build-tsan BIN=$(CURDIR)/build-tsan/bin \
			sh tests/e2e/$$t.sh || fail=1; \
	done; \
	if ls $(TSAN_LOG).* >/dev/null 2>&1; then \
		cat $(TSAN_LOG).*; echo "make tsan: ThreadSanitizer reports above"; \
		fail=1; \
	fi; \
	[ $$fail -eq 0 ] && echo "make tsan: clean"; [ $$fail -eq 0 ]

# The unit tests, the quick fuzz corpora and a few end-to-end commands
# under valgrind's memcheck (tests/valgrind/run): no memory errors, no
# definite leaks.
valgrind: all units fuzz-replay
	B=$(B) BIN=$(BIN) sh tests/valgrind/run

# Fuzz targets (tests/fuzz/fuzz_*.c).  make check builds each with the
# replay driver (any compiler) and tests/e2e/t5000 feeds it the committed
# corpus; make fuzz builds them with clang's libFuzzer, ASan and UBSan into
# build-fuzz/ and runs each for FUZZ_SECONDS (tests/fuzz/run; make
# fuzz-merge minimizes what they found back into tests/fuzz/corpus/).
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/%.c=%)
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(B)/fuzz/%)
FUZZ_SECONDS ?= 60
# make fuzz FUZZ_TARGETS=fuzz_prescan: only those
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer

$(B)/fuzz/%: $(B)/tests/fuzz/%.o $(B)/tests/fuzz/replay.o $(LIBA)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) $(LDFLAGS) -o $@ $< $(B)/tests/fuzz/replay.o \
		$(LIBA) $(LIBS)

$(B)/fuzz/%.fuzz: $(B)/tests/fuzz/%.o $(LIBA)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(LIBA) \
		$(LIBS)

fuzz-replay: $(FUZZ_REPLAY)

fuzz-build: $(FUZZ_TARGETS:%=$(B)/fuzz/%.fuzz)

fuzz:
	$(MAKE) B=build-fuzz BIN=build-fuzz/bin CC=clang CXX=clang++ \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
		CXXFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
		LDFLAGS="$(FUZZ_SAN)" FUZZ_TARGETS="$(FUZZ_TARGETS)" fuzz-build
	sh tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-merge:
	sh tests/fuzz/run merge $(FUZZ_TARGETS)

.SECONDARY: $(FUZZ_NAMES:%=$(B)/tests/fuzz/%.o) $(B)/tests/fuzz/replay.o
-include $(FUZZ_NAMES:%=$(B)/tests/fuzz/%.d)

# INSTALL_STRIP=1 (or make install-strip) installs the programs without
# their debugging symbols.  The CGI is a symbolic link to the installed
# searcher (which knows it runs as a CGI from GATEWAY_INTERFACE), not a
# second 33 MB copy; web servers follow it (Apache's cgi-bin needs
# SymLinksIfOwnerMatch or FollowSymLinks, as Debian's has).
INSTALL_STRIP ?= 0
INSTALL_PROG = install -m 755 $(if $(filter 1,$(INSTALL_STRIP)),-s)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DATADIR) $(DESTDIR)$(CGIDIR)
	$(INSTALL_PROG) $(BIN)/indexer $(BIN)/searcher $(DESTDIR)$(BINDIR)/
	ln -sf $(BINDIR)/searcher $(DESTDIR)$(CGIDIR)/searcher.cgi
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 indexer/synonyms.txt $(DESTDIR)$(DATADIR)/

install-strip:
	$(MAKE) INSTALL_STRIP=1 install

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/indexer $(DESTDIR)$(BINDIR)/searcher \
		$(DESTDIR)$(CGIDIR)/searcher.cgi \
		$(DESTDIR)$(MANDIR)/man1/indexer.1 \
		$(DESTDIR)$(MANDIR)/man1/searcher.1 \
		$(DESTDIR)$(DATADIR)/synonyms.txt

# The search page on the bundled corpus, under lighttpd on 127.0.0.1
# (FastCGI; scripts/serve --cgi for CGI): prints the URL, Ctrl-C stops it.
serve: all
	sh scripts/serve

.PHONY: serve

clean:
	rm -rf build build-asan build-tsan build-fuzz bin

.PHONY: all units tools check asan tsan install install-strip uninstall clean fuzz fuzz-build \
	fuzz-replay fuzz-merge valgrind

-include $(LIB_OBJ:.o=.d) $(IDX_OBJ:.o=.d) $(SRCH_OBJ:.o=.d)
