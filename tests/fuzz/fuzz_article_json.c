/*
 * fuzz_article_json: article_from_json (one JSON Lines line).  Input: one
 * option byte, then the line.  The option byte picks the default field map
 * or one of short keys (so the fuzzer reaches every field quickly) with
 * odd lists (empty names, repeats).  See fuzz_article.h; an accepted line
 * always has an id (its own or the fallback).
 */
#include "fuzz_article.h"

static const article_jsonmap short_map = {
	"i,,i", "t", "d,e", "s", "a", "u", "l", "x,y,", "n,alias",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	article a;
	char *err = NULL;
	int rc;

	if (size < 1)
		return 0;
	memset(&a, 0, sizeof a);
	rc = article_from_json(&a, (const char *)data + 1, size - 1,
			       (data[0] & 1) ? &short_map
					     : &article_jsonmap_default,
			       "f.jsonl:1", &err);
	if (rc == ST_OK)
		FUZZ_CHECK(a.id[0] != '\0');
	fuzz_check_article(&a, rc, err);
	return 0;
}
