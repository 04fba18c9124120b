#!/bin/sh
# The fuzz corpora (tests/fuzz/corpus/TARGET) replayed through each fuzz
# target built without libFuzzer (make fuzz-replay, part of make check):
# every input that ever found something, or new coverage, still passes the
# target's checks.  Under make asan the targets carry ASan and UBSan too.
. "$(dirname "$0")/../lib.sh"

B=${B:-$top/build}
case $B in /*) ;; *) B=$top/$B ;; esac

for src in "$top"/tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	bin=$B/fuzz/$t
	corpus=$top/tests/fuzz/corpus/$t
	if [ ! -x "$bin" ]; then
		not_ok "$t: replay binary $bin missing (make fuzz-replay)"
		continue
	fi
	if [ ! -d "$corpus" ] || [ -z "$(ls "$corpus")" ]; then
		not_ok "$t: no corpus in tests/fuzz/corpus/$t"
		continue
	fi
	n=$(ls "$corpus" | wc -l)
	check "$t replays its corpus ($n inputs)" "$bin" "$corpus"
done
done_testing
