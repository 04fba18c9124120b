/*
 * fuzz_article_text: article_from_text (a .txt/.md article with an
 * optional metadata header).  Input: the file's bytes.  See
 * fuzz_article.h for the checks; the id must come through as given.
 */
#include "fuzz_article.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	article a;
	char *err = NULL;
	int rc;

	memset(&a, 0, sizeof a);
	rc = article_from_text(&a, "dir/a.txt", (const char *)data, size, &err);
	if (rc == ST_OK)
		FUZZ_CHECK(strcmp(a.id, "dir/a.txt") == 0);
	fuzz_check_article(&a, rc, err);
	return 0;
}
