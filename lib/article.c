/*
 * article: the readers (text/markdown, HTML, JSON Lines) and the packed
 * record.  See article.h for the contract; the choices made here:
 *
 *  - Readers first clear the article (so it must be zeroed or a valid
 *    article), build every field into one buffer (a->mem_), each followed
 *    by a NUL, and point the fields into it at the end.  On error the
 *    article is left cleared (all "").
 *  - Input checks, in this order: size (ST_ETOOBIG), NUL bytes
 *    (ST_EBINARY), UTF-8 (ST_EUTF8, with byte offset and line), no text
 *    (ST_EEMPTY: the body is empty or only whitespace, or an HTML page
 *    has no text).  A title without text is an article (title-only
 *    records are common in bibliographic and legal data): a JSON record
 *    or a metadata header that gives a title, with no body, is read as
 *    one with empty text; only a record with neither is ST_EEMPTY.
 *  - Text: a UTF-8 BOM is skipped, CRLF and lone CR become LF, the body is
 *    trimmed.  A Markdown front matter block ("---" lines around "key:
 *    value" lines) is read like a header.  Titles found from the first line
 *    are cut to TITLE_MAX bytes (at a space, when there is one), then "…".
 *  - JSON: a key wins when it gives a non-empty value (so "title": "" falls
 *    through to "name"); dates and languages must also normalize.  A NULL
 *    map means the default map, a NULL entry the default for that field,
 *    an "" entry skips the field.  Strings may hold \u0000 (JSON_ALLOW_NUL):
 *    each NUL becomes a space, so no field is cut short.  Arrays join their
 *    strings (or objects' "name" strings) with "; ", text with "\n\n".
 */
#include "article.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "fields.h"
#include "html.h"
#include "jflat.h"
#include "raw.h"

#define TITLE_MAX 200 /* bytes of a title taken from the first line */

static char art_empty[1];

enum { F_ID, F_TITLE, F_DATE, F_SOURCE, F_AUTHOR, F_URL, F_LANG, F_NAMES,
       F_TEXT, F_EXTRA, NF };

const article_jsonmap article_jsonmap_default = {
	"id,_id,docid,doc_id",
	"title,name",
	"date,published,published_at,proposed_date",
	"source,authority,publisher,site,category",
	"author,authors",
	"url,link",
	"lang,language",
	"text,body,content,contents,abstract",
	"casual_name,short_name,common_name,popular_name,also_known_as,"
	"aliases,alias",
};

static char **
field(article *a, int f)
{
	switch (f) {
	case F_ID: return &a->id;
	case F_TITLE: return &a->title;
	case F_DATE: return &a->date;
	case F_SOURCE: return &a->source;
	case F_AUTHOR: return &a->author;
	case F_URL: return &a->url;
	case F_LANG: return &a->lang;
	case F_EXTRA: return &a->extra;
	case F_NAMES: return &a->names;
	default: return &a->text;
	}
}

void
article_clear(article *a)
{
	int f;

	buf_free(&a->mem_);
	for (f = 0; f < NF; f++)
		*field(a, f) = art_empty;
	a->textlen = a->extralen = 0;
}

/* ---- building the fields ---- */

/* Fields are appended to m one after another, each ended by a NUL; off
 * and len remember where, as m may move while it grows. */
typedef struct build {
	buf m;
	size_t off[NF], len[NF];
	int have[NF];
} build;

static void
b_begin(build *b, int f)
{
	b->off[f] = b->m.n;
}

static void
b_end(build *b, int f)
{
	b->len[f] = b->m.n - b->off[f];
	b->have[f] = 1;
	buf_addc(&b->m, '\0');
}

/* Drops what was appended since b_begin. */
static void
b_undo(build *b, int f)
{
	b->m.n = b->off[f];
	if (b->m.p)
		b->m.p[b->m.n] = '\0';
}

static void
b_set(build *b, int f, const char *s, size_t n)
{
	b_begin(b, f);
	buf_add(&b->m, s, n);
	b_end(b, f);
}

/* Moves the fields into a; returns ST_OK or ST_ENOMEM. */
static int
b_finish(build *b, article *a, char **err)
{
	int f;

	if (b->m.err) {
		buf_free(&b->m);
		return seterr(err, ST_ENOMEM, "out of memory");
	}
	a->mem_ = b->m;
	for (f = 0; f < NF; f++)
		if (b->have[f] && b->len[f])
			*field(a, f) = a->mem_.p + b->off[f];
	a->textlen = b->have[F_TEXT] ? b->len[F_TEXT] : 0;
	a->extralen = b->have[F_EXTRA] ? b->len[F_EXTRA] : 0;
	return ST_OK;
}

/* ---- small string helpers ---- */

static int
all_space(const char *s, size_t n)
{
	str_trim(&s, &n);
	return n == 0;
}

/* ---- dates ---- */

/* Normalizes a date (date.h, DATE_ANY) to "YYYY-MM-DD", "YYYY-MM" or
 * "YYYY" in out (DATE_MAX bytes); returns its length, or 0 (out = "") if
 * the form is not recognized. */
static size_t
date_norm(const char *s, size_t n, char *out)
{
	date d;

	out[0] = '\0';
	if (date_parse(s, n, DATE_ANY, &d) < 0)
		return 0;
	return date_format(&d, DATE_OUT_ISO, out);
}

/* Normalizes a language tag to its primary ISO 639 code ("en-US" -> "en")
 * in out (4 bytes); returns its length, or 0 if it is not 2-3 letters. */
static size_t
lang_norm(const char *s, size_t n, char *out)
{
	size_t k = 0;

	out[0] = '\0';
	str_trim(&s, &n);
	while (k < n && ascii_alpha((unsigned char)s[k]))
		k++;
	if (k < 2 || k > 3 || (k < n && s[k] != '-' && s[k] != '_'))
		return 0;
	for (n = 0; n < k; n++)
		out[n] = (char)(s[n] | 0x20);
	out[k] = '\0';
	return k;
}

/* ---- input checks ---- */

/* What every reader does first: clears a, checks size, NUL bytes and
 * UTF-8, and skips a UTF-8 BOM.  Returns ST_OK or an error with *err set. */
static int
start(article *a, const char **data, size_t *n, char **err)
{
	const char *nul;
	size_t bad, line, i;

	article_clear(a);
	if (*n > ART_MAXBYTES)
		return seterr(err, ST_ETOOBIG,
			      "too big (%zu bytes, the limit is %u)", *n,
			      ART_MAXBYTES);
	nul = *n ? memchr(*data, '\0', *n) : NULL;
	if (nul)
		return seterr(err, ST_EBINARY,
			      "binary file (NUL byte at offset %zu)",
			      (size_t)(nul - *data));
	if (!u8_valid(*data, *n, &bad)) {
		for (line = 1, i = 0; i < bad; i++)
			line += (*data)[i] == '\n';
		return seterr(err, ST_EUTF8,
			      "invalid UTF-8 at byte %zu (line %zu)", bad,
			      line);
	}
	if (*n >= 3 && !memcmp(*data, "\xEF\xBB\xBF", 3)) {
		*data += 3;
		*n -= 3;
	}
	return ST_OK;
}

/* ---- text and markdown ---- */

/* The next line of s[*i..n) without its "\n", "\r\n" or "\r"; returns 0 at
 * the end. */
static int
next_line(const char *s, size_t n, size_t *i, const char **line,
	  size_t *len)
{
	size_t k = *i;

	if (k >= n)
		return 0;
	while (k < n && s[k] != '\n' && s[k] != '\r')
		k++;
	*line = s + *i;
	*len = k - *i;
	if (k < n && s[k] == '\r' && k + 1 < n && s[k + 1] == '\n')
		k++;
	*i = k < n ? k + 1 : n;
	return 1;
}

/* A "---" line around Markdown front matter. */
static int
is_fence(const char *line, size_t len)
{
	return len >= 3 && !strncmp(line, "---", 3) &&
	       all_space(line + 3, len - 3);
}

/* The field of a header key, or -1 if the key is not known. */
static int
header_key(const char *k, size_t n)
{
	static const struct {
		const char *name;
		int f;
	} keys[] = {
		{"title", F_TITLE}, {"date", F_DATE}, {"source", F_SOURCE},
		{"author", F_AUTHOR}, {"url", F_URL}, {"language", F_LANG},
		{"lang", F_LANG}};
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strlen(keys[i].name) == n &&
		    !strncasecmp(k, keys[i].name, n))
			return keys[i].f;
	return -1;
}

/* Splits a "Key: value" line: a key is a letter then up to 39 letters,
 * digits, spaces, '-', '_' or '.'.  Returns 0 if the line has no such key,
 * else 1 with *f the field (-1 for an unknown key) and the value trimmed
 * (and unquoted, for front matter). */
static int
header_line(const char *s, size_t n, int *f, const char **v, size_t *vn)
{
	const char *colon = memchr(s, ':', n), *k = s;
	size_t kn, i;

	if (!colon)
		return 0;
	kn = (size_t)(colon - s);
	str_trim(&k, &kn);
	if (!kn || kn > 40 || !ascii_alpha((unsigned char)k[0]))
		return 0;
	for (i = 0; i < kn; i++)
		if (!ascii_alpha((unsigned char)k[i]) &&
		    !ascii_digit((unsigned char)k[i]) && !strchr(" -_.", k[i]))
			return 0;
	*f = header_key(k, kn);
	*v = colon + 1;
	*vn = (size_t)(s + n - *v);
	str_trim(v, vn);
	if (*vn >= 2 && (**v == '"' || **v == '\'') && (*v)[*vn - 1] == **v) {
		(*v)++;
		*vn -= 2;
	}
	return 1;
}

/* Sets a header field from its raw value (first value wins). */
static void
header_set(build *b, int f, const char *v, size_t vn)
{
	char tmp[DATE_MAX];
	size_t len;

	if (b->have[f] || !vn)
		return;
	if (f == F_DATE) {
		len = date_norm(v, vn, tmp);
		if (len)
			b_set(b, f, tmp, len);
	} else if (f == F_LANG) {
		len = lang_norm(v, vn, tmp);
		if (len)
			b_set(b, f, tmp, len);
	} else {
		b_set(b, f, v, vn);
	}
}

/*
 * Reads the metadata header at the start of s: "Key: value" lines up to a
 * blank line or a line that is not "Key: value" (which starts the body),
 * or a front matter block between "---" lines.  Either counts only if its
 * first line has a known key.  Returns the offset of the body (0 if there
 * is no header).
 */
static size_t
read_header(build *b, const char *s, size_t n)
{
	const char *line, *v;
	size_t i = 0, j, len, vn;
	int f, front, closed = 0;

	if (!next_line(s, n, &i, &line, &len))
		return 0;
	front = is_fence(line, len);
	if (!front)
		i = 0;
	j = i;
	if (!next_line(s, n, &j, &line, &len) ||
	    !header_line(line, len, &f, &v, &vn) || f < 0)
		return 0;
	if (front) {
		while (!closed && next_line(s, n, &j, &line, &len))
			closed = is_fence(line, len);
		if (!closed)
			return 0;
	}
	for (j = i; next_line(s, n, &j, &line, &len); i = j) {
		if (front && is_fence(line, len))
			return j;
		if (!front && all_space(line, len))
			return j;
		if (header_line(line, len, &f, &v, &vn)) {
			if (f >= 0)
				header_set(b, f, v, vn);
		} else if (!front) {
			return i; /* this line starts the body */
		}
	}
	return n;
}

/* Sets the title from a line or sentence: cut at a space before
 * TITLE_MAX bytes and then marked "…" when longer. */
static void
set_title(build *b, const char *line, size_t len)
{
	size_t k, cut;

	str_trim(&line, &len);
	if (len > TITLE_MAX) {
		cut = u8_floor(line, len, TITLE_MAX);
		for (k = cut; k > TITLE_MAX / 2; k--)
			if (line[k] == ' ')
				break;
		len = k > TITLE_MAX / 2 ? k : cut;
		b_begin(b, F_TITLE);
		buf_add(&b->m, line, len);
		buf_adds(&b->m, "\xE2\x80\xA6"); /* … */
		b_end(b, F_TITLE);
	} else if (len) {
		b_set(b, F_TITLE, line, len);
	}
}

/* Appends s with CRLF and lone CR turned into LF. */
static void
add_lf(buf *m, const char *s, size_t n)
{
	const char *cr;
	size_t k;

	while (n) {
		cr = memchr(s, '\r', n);
		if (!cr) {
			buf_add(m, s, n);
			return;
		}
		k = (size_t)(cr - s);
		buf_add(m, s, k);
		buf_addc(m, '\n');
		k += 1 + (k + 1 < n && s[k + 1] == '\n');
		s += k;
		n -= k;
	}
}

int
article_from_text(article *a, const char *id, const char *data, size_t n,
		  char **err)
{
	build b;
	buf scratch = BUF_INIT;
	raw_meta m;
	size_t body;
	int rc;

	if ((rc = start(a, &data, &n, err)) != ST_OK)
		return rc;
	if (all_space(data, n))
		return seterr(err, ST_EEMPTY, "no text");
	memset(&b, 0, sizeof b);
	b_set(&b, F_ID, id ? id : "", id ? strlen(id) : 0);
	body = read_header(&b, data, n);
	data += body;
	n -= body;
	str_trim(&data, &n);
	if (!n && !b.have[F_TITLE]) {
		buf_free(&b.m);
		return seterr(err, ST_EEMPTY,
			      "no text and no title after the header");
	}
	if (!n)
		return b_finish(&b, a, err); /* a title alone */
	if (body) {
		/* the header wins: the text is kept as written */
		if (!b.have[F_TITLE] && raw_read(data, n, 0, &m, &scratch) == 0)
			set_title(&b, m.title.s, m.title.n);
		buf_free(&scratch);
		b_begin(&b, F_TEXT);
		add_lf(&b.m, data, n);
		b_end(&b, F_TEXT);
		return b_finish(&b, a, err);
	}
	if (raw_read(data, n, 0, &m, &scratch) < 0) {
		buf_free(&scratch);
		buf_free(&b.m);
		return seterr(err, ST_ENOMEM, "out of memory");
	}
	set_title(&b, m.title.s, m.title.n);
	b_set(&b, F_DATE, m.date, strlen(m.date));
	b_set(&b, F_AUTHOR, m.author.s, m.author.n);
	b_set(&b, F_SOURCE, m.source.s, m.source.n);
	b_begin(&b, F_TEXT);
	if (scratch.n) /* else a headline alone, or only chrome: keep all */
		buf_add(&b.m, scratch.p, scratch.n);
	else
		add_lf(&b.m, data, n);
	b_end(&b, F_TEXT);
	buf_free(&scratch);
	return b_finish(&b, a, err);
}

/* ---- HTML ---- */

int
article_from_html(article *a, const char *id, const char *data, size_t n,
		  char **err)
{
	html_page p;
	build b;
	buf body = BUF_INIT;
	raw_meta m;
	char tmp[DATE_MAX];
	size_t len = 0;
	int rc, i;

	if ((rc = start(a, &data, &n, err)) != ST_OK)
		return rc;
	memset(&p, 0, sizeof p);
	if (html_parse(&p, data, n, err) < 0)
		return ST_ENOMEM;
	if (!p.textlen) {
		html_page_clear(&p);
		return seterr(err, ST_EEMPTY, "no text in the page");
	}
	/* what the page's metadata lacks, from its visible text */
	if (raw_read(p.text, p.textlen, RAW_KEEP_TITLE, &m, &body) < 0) {
		html_page_clear(&p);
		buf_free(&body);
		return seterr(err, ST_ENOMEM, "out of memory");
	}
	memset(&b, 0, sizeof b);
	b_set(&b, F_ID, id ? id : "", id ? strlen(id) : 0);
	if (!p.title_og && (m.title_how == RAW_TITLE_REPEAT ||
			    m.title_how == RAW_TITLE_ABOVE))
		set_title(&b, m.title.s, m.title.n);
	else
		b_set(&b, F_TITLE, p.title, strlen(p.title));
	for (i = 0; i < HTML_NDATES && !len; i++)
		len = date_norm(p.dates[i], strlen(p.dates[i]), tmp);
	if (len)
		b_set(&b, F_DATE, tmp, len);
	else
		b_set(&b, F_DATE, m.date, strlen(m.date));
	if (*p.source)
		b_set(&b, F_SOURCE, p.source, strlen(p.source));
	else
		b_set(&b, F_SOURCE, m.source.s, m.source.n);
	if (*p.author)
		b_set(&b, F_AUTHOR, p.author, strlen(p.author));
	else
		b_set(&b, F_AUTHOR, m.author.s, m.author.n);
	b_set(&b, F_URL, p.url, strlen(p.url));
	len = lang_norm(p.lang, strlen(p.lang), tmp);
	b_set(&b, F_LANG, tmp, len);
	if (body.n) /* the text without chrome, else all of it */
		b_set(&b, F_TEXT, body.p, body.n);
	else
		b_set(&b, F_TEXT, p.text, p.textlen);
	buf_free(&body);
	html_page_clear(&p);
	return b_finish(&b, a, err);
}

/* ---- JSON Lines ---- */

/* Appends a JSON string, each NUL turned into a space. */
static void
add_jstr(buf *m, const json_t *v)
{
	const char *s = json_string_value(v), *nul;
	size_t n = json_string_length(v), start = m->n, k;

	buf_add(m, s, n);
	if (m->err)
		return;
	for (k = start; k < m->n; k = (size_t)(nul - m->p) + 1) {
		nul = memchr(m->p + k, '\0', m->n - k);
		if (!nul)
			break;
		m->p[nul - m->p] = ' ';
	}
}

/* Appends the value of a field, whose text began at start in m: strings;
 * arrays of strings (or of objects with a "name" string) joined by sep;
 * numbers only for the id. */
static void
add_jvalue(buf *m, size_t start, const json_t *v, int f, const char *sep)
{
	const json_t *e, *name;
	size_t i, before, mid;

	if (json_is_string(v)) {
		add_jstr(m, v);
	} else if (f == F_ID && json_is_integer(v)) {
		buf_printf(m, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	} else if (f == F_ID && json_is_real(v)) {
		buf_printf(m, "%.17g", json_real_value(v));
	} else if (json_is_object(v) && f != F_ID) {
		name = json_object_get(v, "name");
		if (json_is_string(name))
			add_jstr(m, name);
	} else if (json_is_array(v) && f != F_ID) {
		json_array_foreach(v, i, e) {
			if (json_is_array(e))
				continue;
			before = m->n;
			if (before > start)
				buf_adds(m, sep);
			mid = m->n;
			add_jvalue(m, mid, e, f, sep);
			if (m->n == mid && mid != before && !m->err) {
				m->n = before; /* the element gave nothing */
				m->p[m->n] = '\0';
			}
		}
	}
}

/* The value of the next key of the comma-separated list *keys that obj
 * has, the list advanced past it (and the key into *k, *kn), or NULL when
 * none is left. */
static const json_t *
next_value(const json_t *obj, const char **keys, const char **k,
	   size_t *kn)
{
	const json_t *val;

	while (*keys && **keys) {
		*k = *keys;
		*kn = strcspn(*keys, ",");
		*keys += *kn + ((*keys)[*kn] == ',');
		str_trim(k, kn);
		if (*kn && (val = json_object_getn(obj, *k, *kn)))
			return val;
	}
	return NULL;
}

/* Sets field f from the first key in keys (comma-separated) giving a
 * non-empty value that normalizes (dates, languages). */
static void
json_field(build *b, const json_t *obj, int f, const char *keys)
{
	const char *k, *v;
	const json_t *val;
	char tmp[DATE_MAX];
	size_t kn, vn, len;

	while ((val = next_value(obj, &keys, &k, &kn))) {
		b_begin(b, f);
		if (f == F_DATE || f == F_LANG) {
			if (!json_is_string(val))
				continue;
			v = json_string_value(val);
			vn = json_string_length(val);
			len = f == F_DATE ? date_norm(v, vn, tmp)
					  : lang_norm(v, vn, tmp);
			if (!len)
				continue;
			buf_add(&b->m, tmp, len);
		} else {
			add_jvalue(&b->m, b->off[f], val, f,
				   f == F_TEXT ? "\n\n" : "; ");
		}
		if (f != F_TEXT && b->m.n > b->off[f] && !b->m.err) {
			/* trim short fields in place */
			v = b->m.p + b->off[f];
			vn = b->m.n - b->off[f];
			str_trim(&v, &vn);
			memmove(b->m.p + b->off[f], v, vn);
			b->m.n = b->off[f] + vn;
		}
		if (b->m.n > b->off[f] &&
		    (f != F_TEXT || !all_space(b->m.p + b->off[f],
					       b->m.n - b->off[f]))) {
			b_end(b, f);
			return;
		}
		b_undo(b, f);
	}
}

/* The names field: every key in keys that gives a name, joined by "; "
 * (a record may have a casual name and aliases). */
static void
json_names(build *b, const json_t *obj, const char *keys)
{
	const json_t *val;
	const char *k, *v;
	size_t kn, vn, before, start;

	b_begin(b, F_NAMES);
	while ((val = next_value(obj, &keys, &k, &kn))) {
		before = b->m.n;
		if (before > b->off[F_NAMES])
			buf_adds(&b->m, "; ");
		start = b->m.n;
		add_jvalue(&b->m, start, val, F_NAMES, "; ");
		if (b->m.err || !b->m.p)
			return;
		v = b->m.p + start;
		vn = b->m.n - start;
		str_trim(&v, &vn);
		memmove(b->m.p + start, v, vn);
		b->m.n = vn ? start + vn : before; /* or the key gave nothing */
		if (b->m.p)
			b->m.p[b->m.n] = '\0';
	}
	if (b->m.n > b->off[F_NAMES])
		b_end(b, F_NAMES);
}

/* 1 if key k[0..kn) is one of the comma-separated keys. */
static int
key_in(const char *keys, const char *k, size_t kn)
{
	while (keys && *keys) {
		const char *c = keys;
		size_t cn = strcspn(keys, ",");

		keys += cn + (keys[cn] == ',');
		str_trim(&c, &cn);
		if (cn == kn && !memcmp(c, k, kn))
			return 1;
	}
	return 0;
}

/* Appends one scalar of an extra field: a string (NULs as spaces), a
 * number or a boolean as written in JSON, an object's "name". */
static void
add_jscalar(buf *m, const json_t *v)
{
	if (json_is_object(v))
		v = json_object_get(v, "name");
	if (json_is_string(v))
		add_jstr(m, v);
	else if (json_is_integer(v))
		buf_printf(m, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		buf_printf(m, "%.17g", json_real_value(v));
	else if (json_is_boolean(v))
		buf_adds(m, json_is_true(v) ? "true" : "false");
}

/* The extra fields (article.h): every key that no built-in field names,
 * but the keys that gave the source or the author (AGORA's authority is
 * the source and a field of its own), with a value. */
static void
json_extra(build *b, const json_t *obj, const char *const *keys)
{
	const char *k;
	const json_t *v, *e;
	size_t at, kn, i;

	b_begin(b, F_EXTRA);
	json_object_foreach((json_t *)obj, k, v) {
		int f, skip = 0;

		kn = strlen(k);
		for (f = 0; f < F_EXTRA && !skip; f++)
			skip = key_in(keys[f], k, kn) &&
			       (f != F_SOURCE && f != F_AUTHOR
				? 1 : !strcmp(k, f == F_SOURCE ? "source"
								 : "author"));
		if (skip || !kn)
			continue;
		at = b->m.n;
		buf_add(&b->m, k, kn + 1);
		i = b->m.n;
		if (json_is_array(v)) {
			size_t j;

			json_array_foreach(v, j, e) {
				size_t before = b->m.n;

				if (before > i)
					buf_addc(&b->m, FIELDS_ITEM_SEP);
				add_jscalar(&b->m, e);
				if (b->m.n == before + (before > i) &&
				    !b->m.err)
					b->m.n = before;
			}
		} else {
			add_jscalar(&b->m, v);
		}
		if (b->m.err)
			break;
		if (b->m.n == i || all_space(b->m.p + i, b->m.n - i))
			b->m.n = at; /* no value */
		else
			buf_addc(&b->m, '\0');
	}
	if (b->m.n > b->off[F_EXTRA]) {
		/* the entries end with their own NUL: the field's is extra */
		b->m.n--;
		b_end(b, F_EXTRA);
		b->len[F_EXTRA]++;
	}
}

/* The first of the comma-separated keys whose value is neither a string,
 * an array nor null (a number, a boolean, an object), or NULL.  Points
 * into a static copy of the key. */
static const char *
wrong_text(const json_t *obj, const char *keys)
{
	static _Thread_local char name[64];
	const json_t *val;
	const char *k;
	size_t kn;

	while ((val = next_value(obj, &keys, &k, &kn))) {
		if (json_is_string(val) || json_is_array(val) ||
		    json_is_null(val))
			continue;
		snprintf(name, sizeof name, "%.*s", (int)kn, k);
		return name;
	}
	return NULL;
}

int
article_from_json(article *a, const char *line, size_t n,
		  const article_jsonmap *map, const char *fallback_id,
		  char **err)
{
	const article_jsonmap *d = &article_jsonmap_default;
	const char *keys[NF];
	json_error_t jerr;
	json_t *obj;
	build b;
	int rc, f;
	const char *bad;

	if ((rc = start(a, &line, &n, err)) != ST_OK)
		return rc;
	if (all_space(line, n))
		return seterr(err, ST_EEMPTY, "empty line");
	if (!map)
		map = d;
	keys[F_ID] = map->id ? map->id : d->id;
	keys[F_TITLE] = map->title ? map->title : d->title;
	keys[F_DATE] = map->date ? map->date : d->date;
	keys[F_SOURCE] = map->source ? map->source : d->source;
	keys[F_AUTHOR] = map->author ? map->author : d->author;
	keys[F_URL] = map->url ? map->url : d->url;
	keys[F_LANG] = map->lang ? map->lang : d->lang;
	keys[F_TEXT] = map->text ? map->text : d->text;
	keys[F_NAMES] = map->names ? map->names : d->names;
	keys[F_EXTRA] = NULL;

	/* the common record fast, anything else (and every error) jansson's */
	obj = jflat_load(line, n);
	if (!obj)
		obj = json_loadb(line, n, JSON_ALLOW_NUL, &jerr);
	if (!obj)
		return seterr(err, ST_ERR, "bad JSON at column %d: %s",
			      jerr.column, jerr.text);
	if (!json_is_object(obj)) {
		json_decref(obj);
		return seterr(err, ST_ERR,
			      "bad JSON at column 1: not an object");
	}
	memset(&b, 0, sizeof b);
	for (f = 0; f < NF; f++)
		if (f != F_NAMES && f != F_EXTRA)
			json_field(&b, obj, f, keys[f]);
	json_names(&b, obj, keys[F_NAMES]);
	/* a title alone makes an article, but a text that is there in a
	 * form we cannot read is an error, not a text dropped in silence */
	if (!b.have[F_TEXT] && (bad = wrong_text(obj, keys[F_TEXT]))) {
		json_decref(obj);
		buf_free(&b.m);
		return seterr(err, ST_ERR, "the text (key '%s') is not a "
			      "string or an array of strings", bad);
	}
	json_extra(&b, obj, keys);
	json_decref(obj);
	if (!b.have[F_TEXT] && !b.have[F_TITLE]) {
		buf_free(&b.m);
		return seterr(err, ST_EEMPTY,
			      "no text and no title (keys tried: %s; %s)",
			      keys[F_TEXT], keys[F_TITLE]);
	}
	if (!b.have[F_ID] && fallback_id)
		b_set(&b, F_ID, fallback_id, strlen(fallback_id));
	return b_finish(&b, a, err);
}

/* ---- file kinds ---- */

int
article_kind(const char *path)
{
	static const struct {
		const char *ext;
		int kind;
	} kinds[] = {
		{"html", 'h'}, {"htm", 'h'}, {"xhtml", 'h'},
		{"jsonl", 'j'}, {"ndjson", 'j'},
		{"txt", 't'}, {"md", 't'}, {"markdown", 't'}, {"text", 't'}};
	const char *base, *dot;
	size_t i;

	if (!path)
		return 0;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		return 0;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcasecmp(dot + 1, kinds[i].ext))
			return kinds[i].kind;
	return 0;
}

/* ---- the packed record ----
 *
 *   "ART" 0x02, then for each field in the order id, title, date, source,
 *   author, url, lang, names, text, extra: its length as a LEB128
 *   varint, its bytes, a NUL.  The record ends right after the last NUL.
 *   Records of version 1 (from older indexes) have no names and no extra,
 *   of version 2 no names.
 */

static const char art_magic[4] = {'A', 'R', 'T', 3};

void
article_pack(const article *a, buf *out)
{
	const char *s[NF] = {a->id,     a->title, a->date, a->source,
			     a->author, a->url,   a->lang, a->names, a->text,
			     a->extra};
	size_t len;
	int f;

	buf_add(out, art_magic, sizeof art_magic);
	for (f = 0; f < NF; f++) {
		if (!s[f])
			s[f] = "";
		len = f == F_TEXT    ? a->text ? a->textlen : 0
		      : f == F_EXTRA ? a->extra ? a->extralen : 0
				     : strlen(s[f]);
		buf_varint(out, len);
		buf_add(out, s[f], len);
		buf_addc(out, '\0');
	}
}

static void
view_clear(article_view *v)
{
	v->id = v->title = v->date = v->source = v->author = v->url =
		v->lang = v->names = v->text = v->extra = "";
	v->textlen = v->extralen = 0;
}

int
article_unpack(const char *rec, size_t n, article_view *v)
{
	const unsigned char *u = (const unsigned char *)rec;
	const char **slot[NF] = {&v->id,     &v->title, &v->date,
				 &v->source, &v->author, &v->url,
				 &v->lang,   &v->names,  &v->text,
				 &v->extra};
	const char *s[NF];
	size_t i = sizeof art_magic, lens[NF];
	uint64_t len;
	int f, ver;

	view_clear(v);
	if (!rec || n < sizeof art_magic ||
	    memcmp(rec, art_magic, sizeof art_magic - 1) ||
	    rec[3] < 1 || rec[3] > art_magic[3])
		return -1;
	ver = rec[3];
	for (f = 0; f < NF; f++) {
		s[f] = "";
		lens[f] = 0;
		if ((f == F_NAMES && ver < 3) || (f == F_EXTRA && ver < 2))
			continue; /* not in records of that version */
		if (varint_get(u, n, &i, &len) < 0)
			return -1;
		if (len >= n - i || u[i + len] != '\0')
			return -1;
		s[f] = rec + i;
		i += (size_t)len + 1;
		lens[f] = (size_t)len;
	}
	if (i != n)
		return -1;
	for (f = 0; f < NF; f++)
		*slot[f] = s[f];
	v->textlen = lens[F_TEXT];
	v->extralen = lens[F_EXTRA];
	return 0;
}

void
article_extra_each(const char *extra, size_t n,
		   int (*fn)(void *ctx, const char *key, const char *val,
			     size_t vlen),
		   void *ctx)
{
	size_t i = 0;

	while (i < n) {
		const char *k = extra + i, *val;
		size_t kn = strnlen(k, n - i), vn;

		if (i + kn + 1 >= n)
			return;
		val = k + kn + 1;
		vn = strnlen(val, n - (i + kn + 1));
		if (fn(ctx, k, val, vn))
			return;
		i += kn + 1 + vn + 1;
	}
}
