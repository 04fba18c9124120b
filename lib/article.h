/*
 * article: one article in memory, the readers that make one from a file
 * (text/markdown with a metadata header, HTML, JSON Lines), and the compact
 * record stored as a Xapian document's data.
 *
 * Strings in an article are NUL-terminated UTF-8 and never NULL: an absent
 * field is "".  Readers produce valid UTF-8 only (they refuse invalid input
 * with an error; they never pass invalid bytes on).
 */
#ifndef ARTICLE_H
#define ARTICLE_H

#include <stddef.h>

#include "status.h"
#include "util.h"

#define ART_MAXBYTES (256u << 20) /* larger inputs are refused, see README */

typedef struct article {
	char *id;     /* unique id: path relative to the source, or JSONL id */
	char *title;
	char *date;   /* "YYYY", "YYYY-MM" or "YYYY-MM-DD", or "" */
	char *source; /* publication, site or authority */
	char *author;
	char *url;
	char *lang;   /* ISO 639-1 code from metadata, or "" (guess later) */
	char *names;  /* well-known names besides the title ("EU AI Act",
			 "EO 14110"), joined by "; ", or "": indexed as
			 title text (index.c) */
	char *text;   /* the body */
	size_t textlen;
	/* JSON Lines: the record's other fields (fields.h), "key\0value\0"
	 * after one another; a list's items joined by FIELDS_ITEM_SEP */
	char *extra;
	size_t extralen;
	/* owned storage for the strings above (readers fill it) */
	buf mem_;
} article;

/* Frees what the article owns and resets it to all "" fields.  Accepts an
 * article that was never filled (zeroed). */
void article_clear(article *a);

/*
 * Text and Markdown (.txt, .md) with an optional metadata header:
 *
 *   Title: DeepSeek V4 on Huawei chips
 *   Date: 2026-05-07
 *   Source: TFF Editorial
 *   Author: ...
 *   URL: https://...
 *   Language: en
 *   <blank line>
 *   body ...
 *
 * A header is recognized when the first line is "Key: value" with a known key
 * (case-insensitive: title, date, source, author, url, language/lang); it
 * ends at the first blank line.  Unknown keys inside a header are ignored.
 * The header wins: its fields as written, the body after it kept whole (a
 * header without Title gets raw.h's headline).  Without a header the text
 * is raw page text (raw.h): headline, date, byline and source as a reader
 * sees them, the body without the headline, byline and date lines and page
 * chrome (the whole text when nothing else is left).  Dates are normalized
 * to ISO form when recognizable ("May 7, 2026", "2026/05/07", "7 May
 * 2026").  A header with a title and no body gives an article with empty
 * text.  `id` is copied.  Returns ST_OK or an ST_E* code with *err set.
 */
int article_from_text(article *a, const char *id, const char *data, size_t n,
		      char **err);

/* HTML (.html, .htm) parsed with gumbo: title from og:title, then <title>,
 * then the first <h1>; date from article:published_time, <time datetime>,
 * meta name=date/dc.date; source from og:site_name; author from meta
 * author; url from <link rel=canonical> or og:url; language from <html
 * lang>.  Text from <article>, else <main>, else <body>, without script,
 * style, nav, header, footer, aside, form, noscript, template, iframe and svg;
 * block elements become paragraph breaks.  What the metadata lacks comes
 * from the visible text (raw.h with RAW_KEEP_TITLE): the date, author and
 * source; the headline when there is no og:title and the text shows one
 * above a byline or date (or twice); page chrome lines leave the text. */
int article_from_html(article *a, const char *id, const char *data, size_t n,
		      char **err);

/* Field names for JSON Lines: which JSON keys give each field.  Each is a
 * comma-separated list of keys, the first present wins.  Defaults below. */
typedef struct article_jsonmap {
	const char *id;	    /* "id,_id,docid,doc_id" */
	const char *title;  /* "title,name" */
	const char *date;   /* "date,published,published_at,proposed_date" */
	const char *source; /* "source,authority,publisher,site,category" */
	const char *author; /* "author,authors" */
	const char *url;    /* "url,link" */
	const char *lang;   /* "lang,language" */
	const char *text;   /* "text,body,content,contents,abstract" */
	/* the record's well-known names: every key present counts, not the
	 * first only; the one list of name keys (issue 11) */
	const char *names;  /* "casual_name,short_name,common_name,
			       popular_name,also_known_as,aliases,alias" */
} article_jsonmap;

extern const article_jsonmap article_jsonmap_default;

/* One JSON Lines line (no newline needed).  Numbers are accepted as ids;
 * arrays of strings are joined with "; " (authors).  Every other key with
 * a string, number, boolean or array of them (or of objects with a "name")
 * goes into extra, in the record's order: all keys no entry of the map
 * lists, and the keys that gave the source or the author unless named
 * "source" or "author" (so AGORA's authority is both).  A line without an id
 * gets `fallback_id` (e.g. "file.jsonl:17").  A record with a title and no
 * text is an article with empty text; one with neither is ST_EEMPTY.
 * Errors: ST_ERR with the JSON error and column in *err for malformed JSON
 * or a non-object. */
int article_from_json(article *a, const char *line, size_t n,
		      const article_jsonmap *map, const char *fallback_id,
		      char **err);

/* Guesses the kind from a file name: 'h' for .html/.htm/.xhtml, 'j' for
 * .jsonl/.ndjson, 't' for .txt/.md/.markdown/.text, 0 otherwise. */
int article_kind(const char *path);

/* The record stored as document data: all fields, length-prefixed, so that
 * unpacking is zero-copy.  article_pack appends to out. */
void article_pack(const article *a, buf *out);

/* A view of a packed record: pointers borrow from the record's memory and are
 * NUL-terminated (the record format keeps a NUL after each field). */
typedef struct article_view {
	const char *id, *title, *date, *source, *author, *url, *lang, *names,
		*text;
	size_t textlen;
	const char *extra; /* as in article (records of layout 1: "") */
	size_t extralen;
} article_view;

/* Calls fn for each extra field of an article's or a view's extra[0..n)
 * (key, value: NUL-terminated, borrowed); stops when fn returns non-zero. */
void article_extra_each(const char *extra, size_t n,
			int (*fn)(void *ctx, const char *key,
				  const char *val, size_t vlen),
			void *ctx);

/* Returns 0, or -1 if the record is malformed (then *v is all "").  A
 * record of an older format (magic version 1: no names, no extra; 2: no
 * names) reads with those fields "". */
int article_unpack(const char *rec, size_t n, article_view *v);

#endif
