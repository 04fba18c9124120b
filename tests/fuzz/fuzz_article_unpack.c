/*
 * fuzz_article_unpack: article_unpack (the record stored as a document's
 * data; a damaged index must not crash the searcher).  Input: a record.
 * An accepted record's fields lie inside it and are NUL-terminated there,
 * and repacking them gives a record that unpacks to the same fields; a
 * refused one leaves every field "".
 */
#include "fuzz_article.h"

static void
inside(const char *p, const char *rec, size_t n)
{
	FUZZ_CHECK(p >= rec && p < rec + n);
	FUZZ_CHECK(memchr(p, '\0', (size_t)(rec + n - p)) != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *rec = (const char *)data;
	article_view v, w;
	article a;
	buf re = BUF_INIT;

	if (article_unpack(rec, size, &v) != 0) {
		FUZZ_CHECK(*v.id == 0 && *v.title == 0 && *v.date == 0 &&
			   *v.source == 0 && *v.author == 0 && *v.url == 0 &&
			   *v.lang == 0 && *v.text == 0 && v.textlen == 0);
		return 0;
	}
	inside(v.id, rec, size);
	inside(v.title, rec, size);
	inside(v.date, rec, size);
	inside(v.source, rec, size);
	inside(v.author, rec, size);
	inside(v.url, rec, size);
	inside(v.lang, rec, size);
	inside(v.text, rec, size);
	FUZZ_CHECK(v.textlen < size && v.text + v.textlen < rec + size);
	FUZZ_CHECK(v.text[v.textlen] == '\0');

	memset(&a, 0, sizeof a);
	a.id = (char *)v.id;
	a.title = (char *)v.title;
	a.date = (char *)v.date;
	a.source = (char *)v.source;
	a.author = (char *)v.author;
	a.url = (char *)v.url;
	a.lang = (char *)v.lang;
	a.text = (char *)v.text;
	a.textlen = v.textlen;
	article_pack(&a, &re);
	FUZZ_CHECK(!re.err);
	FUZZ_CHECK(article_unpack(re.p, re.n, &w) == 0);
	fuzz_check_view_eq(&w, &a);
	buf_free(&re);
	return 0;
}
