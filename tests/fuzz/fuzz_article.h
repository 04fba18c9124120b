/*
 * fuzz_article.h: checks shared by the article reader targets.  A reader
 * that accepts its input must give an article whose every field is valid
 * UTF-8 without NUL bytes (article.h), a date of an ISO form, and a record
 * that article_pack/article_unpack carry through unchanged; a reader that
 * refuses must return an ST_E* code with a message.
 */
#ifndef FUZZ_ARTICLE_H
#define FUZZ_ARTICLE_H

#include <string.h>

#include "article.h"
#include "fuzz.h"

static inline void
fuzz_check_field(const char *s)
{
	FUZZ_CHECK(s != NULL);
	FUZZ_CHECK(u8_valid(s, strlen(s), NULL));
}

/* "", "YYYY", "YYYY-MM" or "YYYY-MM-DD" */
static inline int
fuzz_iso_date(const char *d)
{
	size_t n = strlen(d);
	static const char pat[] = "dddd-dd-dd";

	if (n != 0 && n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (pat[i] == 'd' ? (d[i] < '0' || d[i] > '9') : d[i] != '-')
			return 0;
	return 1;
}

static inline void
fuzz_check_view_eq(const article_view *v, const article *a)
{
	FUZZ_CHECK(strcmp(v->id, a->id) == 0);
	FUZZ_CHECK(strcmp(v->title, a->title) == 0);
	FUZZ_CHECK(strcmp(v->date, a->date) == 0);
	FUZZ_CHECK(strcmp(v->source, a->source) == 0);
	FUZZ_CHECK(strcmp(v->author, a->author) == 0);
	FUZZ_CHECK(strcmp(v->url, a->url) == 0);
	FUZZ_CHECK(strcmp(v->lang, a->lang) == 0);
	FUZZ_CHECK(v->textlen == a->textlen);
	FUZZ_CHECK(memcmp(v->text, a->text, a->textlen) == 0);
}

/* Checks the outcome of a reader that returned rc with message err, then
 * clears a and frees err. */
static inline void
fuzz_check_article(article *a, int rc, char *err)
{
	if (rc == ST_OK) {
		buf rec = BUF_INIT;
		article_view v;

		FUZZ_CHECK(err == NULL);
		fuzz_check_field(a->id);
		fuzz_check_field(a->title);
		fuzz_check_field(a->date);
		fuzz_check_field(a->source);
		fuzz_check_field(a->author);
		fuzz_check_field(a->url);
		fuzz_check_field(a->lang);
		FUZZ_CHECK(a->text != NULL);
		FUZZ_CHECK(strlen(a->text) == a->textlen);
		FUZZ_CHECK(u8_valid(a->text, a->textlen, NULL));
		FUZZ_CHECK(fuzz_iso_date(a->date));
		article_pack(a, &rec);
		FUZZ_CHECK(!rec.err);
		FUZZ_CHECK(article_unpack(rec.p, rec.n, &v) == 0);
		fuzz_check_view_eq(&v, a);
		buf_free(&rec);
	} else {
		FUZZ_CHECK(rc == ST_ERR || rc == ST_EBINARY ||
			   rc == ST_EUTF8 || rc == ST_EEMPTY ||
			   rc == ST_ETOOBIG);
		FUZZ_CHECK(err != NULL);
	}
	free(err);
	article_clear(a);
	FUZZ_CHECK(a->text != NULL && a->text[0] == '\0');
	FUZZ_CHECK(a->id != NULL && a->id[0] == '\0');
	article_clear(a);
}

#endif
