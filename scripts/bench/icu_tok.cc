/*
 * icu_tok: the tokenizing floor, a benchmark anchor ("ICU word break + fold
 * only"): how fast ICU alone splits the corpus into words and case-folds
 * them, with no index at all.
 *
 * Usage: icu_tok FILE.jsonl
 *
 * Loads every "text" field first (not timed), then, timed: a word
 * BreakIterator (root locale) over each text as UTF-8 (UText, no copy), and
 * for each word-like segment (rule status not UBRK_WORD_NONE) a conversion
 * to UTF-16, u_strFoldCase and conversion back to UTF-8, which is the least
 * any ICU-based tokenizer does.  Prints on standard error:
 *   docs N bytes B tokens T seconds S mb_per_s R
 *
 * Only a measuring stick: the engine's own tokenizer is lib/tok.c.
 */
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <jansson.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: icu_tok FILE.jsonl\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	std::vector<std::string> texts;
	char *line = NULL;
	size_t cap = 0, bytes = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) > 0) {
		json_error_t jerr;
		json_t *o = json_loadb(line, (size_t)len, 0, &jerr);
		if (!o)
			continue;
		json_t *t = json_object_get(o, "text");
		if (json_is_string(t)) {
			texts.emplace_back(json_string_value(t),
					   json_string_length(t));
			bytes += json_string_length(t);
		}
		json_decref(o);
	}
	free(line);
	fclose(f);

	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
	if (U_FAILURE(st)) {
		fprintf(stderr, "icu_tok: ubrk_open: %s\n", u_errorName(st));
		return 1;
	}
	std::vector<UChar> u16(1024), fold(1024);
	std::vector<char> u8(4096);
	unsigned long tokens = 0, outbytes = 0;
	auto t0 = std::chrono::steady_clock::now();
	for (auto &s : texts) {
		st = U_ZERO_ERROR;
		UText *ut = utext_openUTF8(NULL, s.data(), (int64_t)s.size(), &st);
		ubrk_setUText(bi, ut, &st);
		if (U_FAILURE(st)) {
			utext_close(ut);
			continue;
		}
		int32_t a = ubrk_first(bi), b;
		while ((b = ubrk_next(bi)) != UBRK_DONE) {
			if (ubrk_getRuleStatus(bi) != UBRK_WORD_NONE &&
			    b - a < 256) {
				int32_t n16 = 0, nf, n8;
				st = U_ZERO_ERROR;
				u_strFromUTF8(u16.data(), (int32_t)u16.size(), &n16,
					      s.data() + a, b - a, &st);
				nf = u_strFoldCase(fold.data(), (int32_t)fold.size(),
						   u16.data(), n16,
						   U_FOLD_CASE_DEFAULT, &st);
				u_strToUTF8(u8.data(), (int32_t)u8.size(), &n8,
					    fold.data(), nf, &st);
				if (U_SUCCESS(st)) {
					tokens++;
					outbytes += (unsigned long)n8;
				}
			}
			a = b;
		}
		utext_close(ut);
	}
	double secs = std::chrono::duration<double>(
			      std::chrono::steady_clock::now() - t0).count();
	ubrk_close(bi);
	fprintf(stderr, "docs %zu bytes %zu tokens %lu seconds %.3f "
			"mb_per_s %.1f\n",
		texts.size(), bytes, tokens, secs,
		secs > 0 ? bytes / secs / 1e6 : 0.0);
	return outbytes ? 0 : 1;
}
