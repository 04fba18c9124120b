/*
 * fuzz_article_html: article_from_html (gumbo, the page's metadata and
 * readable text).  Input: the page's bytes.  See fuzz_article.h.
 */
#include "fuzz_article.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	article a;
	char *err = NULL;
	int rc;

	memset(&a, 0, sizeof a);
	rc = article_from_html(&a, "p.html", (const char *)data, size, &err);
	if (rc == ST_OK)
		FUZZ_CHECK(strcmp(a.id, "p.html") == 0);
	fuzz_check_article(&a, rc, err);
	return 0;
}
