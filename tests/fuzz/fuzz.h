/*
 * fuzz.h: what every fuzz target shares.  A target defines
 * LLVMFuzzerTestOneInput and checks invariants with FUZZ_CHECK, which
 * aborts (a crash libFuzzer reports, and the replay driver too) with the
 * condition and line.  The same files build two ways: with clang and
 * -fsanitize=fuzzer (make fuzz), and with any compiler against replay.c,
 * which feeds each committed corpus file once (make check).
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tok.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(c)                                                        \
	do {                                                                 \
		if (!(c)) {                                                  \
			fprintf(stderr, "%s:%d: invariant failed: %s\n",    \
				__FILE__, __LINE__, #c);                     \
			abort();                                             \
		}                                                            \
	} while (0)

/* One tokenizer for the whole run (ICU setup is slow; the tokenizer is
 * reusable by contract). */
static inline tok *
fuzz_tok(void)
{
	static tok *t;

	if (!t) {
		char *err = NULL;

		t = tok_new(&err);
		if (!t) {
			fprintf(stderr, "tok_new: %s\n", err ? err : "?");
			abort();
		}
	}
	return t;
}

#endif
