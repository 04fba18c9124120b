#include "date.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static const char *const month_names[12] = {
	"January", "February", "March",	    "April",   "May",	   "June",
	"July",	   "August",   "September", "October", "November", "December"};

/* Month 1..12 for an English month name or its abbreviation of 3 letters
 * or more ("Sept"), else 0. */
static int
month_of(const char *w, size_t len)
{
	if (len < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (len <= strlen(month_names[i]) &&
		    !strncasecmp(w, month_names[i], len))
			return i + 1;
	return 0;
}

static int
is_weekday(const char *w, size_t len)
{
	static const char *const names[7] = {
		"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday"};

	if (len < 3)
		return 0;
	for (int i = 0; i < 7; i++)
		if (len <= strlen(names[i]) && !strncasecmp(w, names[i], len))
			return 1;
	return 0;
}

/* Reads up to max digits at s[*i]; returns the value, or -1 if there is no
 * digit; *k gets the number of digits. */
static int
read_num(const char *s, size_t n, size_t *i, int max, int *k)
{
	int v = 0;

	*k = 0;
	while (*i < n && ascii_digit(s[*i]) && *k < max) {
		v = v * 10 + (s[(*i)++] - '0');
		(*k)++;
	}
	return *k ? v : -1;
}

static size_t
read_word(const char *s, size_t n, size_t *i)
{
	size_t start = *i;

	while (*i < n && ascii_alpha(s[*i]))
		(*i)++;
	return *i - start;
}

/* Skips spaces and the punctuation between the parts of a written date. */
static void
skip_seps(const char *s, size_t n, size_t *i)
{
	while (*i < n && (ascii_space(s[*i]) || s[*i] == ',' || s[*i] == '.' ||
			  s[*i] == '-' || s[*i] == '/'))
		(*i)++;
}

int
date_days_in(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30,
				  31, 31, 30, 31, 30, 31};

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Sets *out if y, m, d make a real date (m, d 0 when absent) with y in
 * lo..hi.  Returns 0 or -1. */
static int
put(date *out, int y, int m, int d, int lo, int hi)
{
	if (y < lo || y > hi || m < 0 || m > 12 || d < 0 || (!m && d) ||
	    (d && d > date_days_in(y, m)))
		return -1;
	out->y = y;
	out->m = m;
	out->d = d;
	return 0;
}

/* The strict numeric forms: YYYY[sM[M][sD[D]]] and nothing after, where s
 * is '-' (or also '/' when slash), parts of exactly two digits unless
 * short, and 00 an absent part when zero. */
static int
parse_strict(const char *s, size_t n, int slash, int short_ok, int zero,
	     date *out)
{
	size_t i = 0;
	int v[3] = {0, 0, 0}, k;

	if (read_num(s, n, &i, 4, &k) < 0 || k != 4)
		return -1;
	v[0] = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	       (s[3] - '0');
	for (int p = 1; p < 3 && i < n; p++) {
		if (s[i] != '-' && !(slash && s[i] == '/'))
			return -1;
		i++;
		v[p] = read_num(s, n, &i, 2, &k);
		if (v[p] < 0 || (k != 2 && !short_ok))
			return -1;
		if (v[p] == 0 && !zero)
			return -1;
	}
	if (i != n)
		return -1;
	if (zero && v[1] == 0 && v[2] != 0)
		return -1;
	return put(out, v[0], v[1], v[2], 0, 9999);
}

/* Numeric dates of articles: "2026-05-07", "2026/05/07", "2026.5.7",
 * "2026-05", "2026", "20260507", "2026年5月7日", each maybe followed by
 * a time. */
static int
parse_numeric(const char *s, size_t n, date *out)
{
	size_t i = 0;
	int y, m = 0, d = 0, k;
	char sep;

	y = read_num(s, n, &i, 8, &k);
	if (k == 8 && i == n)
		return put(out, y / 10000, y / 100 % 100, y % 100, 1000, 2999);
	if (k != 4)
		return -1;
	if (i == n)
		return put(out, y, 0, 0, 1000, 2999);
	if (n - i >= 3 && !memcmp(s + i, "\xE5\xB9\xB4", 3)) { /* 年 */
		i += 3;
		m = read_num(s, n, &i, 2, &k);
		if (m < 0 || n - i < 3 || memcmp(s + i, "\xE6\x9C\x88", 3))
			return -1; /* 月 */
		i += 3;
		d = read_num(s, n, &i, 2, &k);
		if (d < 0)
			return put(out, y, m, 0, 1000, 2999);
		if (n - i < 3 || memcmp(s + i, "\xE6\x97\xA5", 3)) /* 日 */
			return -1;
		return put(out, y, m, d, 1000, 2999);
	}
	sep = s[i];
	if (sep != '-' && sep != '/' && sep != '.')
		return -1;
	i++;
	m = read_num(s, n, &i, 2, &k);
	if (m < 0)
		return -1;
	if (i < n && s[i] == sep) {
		i++;
		d = read_num(s, n, &i, 2, &k);
		if (d < 0)
			return -1;
	}
	/* what follows must not continue the number: a time, a zone, text */
	if (i < n && (ascii_digit(s[i]) || s[i] == sep))
		return -1;
	return put(out, y, m, d, 1000, 2999);
}

/* Written dates: "May 7, 2026", "Thursday, May 7, 2026", "7 May 2026",
 * "Thu, 07 May 2026 10:00:00 +0000", "May 2026", "7th of May 2026". */
static int
parse_written(const char *s, size_t n, date *out)
{
	size_t i = 0, len, w;
	int y, m, d = 0, k;

	w = i;
	len = read_word(s, n, &i);
	if (len && is_weekday(s + w, len)) {
		skip_seps(s, n, &i);
		w = i;
		len = read_word(s, n, &i);
	}
	if (len) { /* Month [D[th],] YYYY */
		if (!(m = month_of(s + w, len)))
			return -1;
		skip_seps(s, n, &i);
		d = read_num(s, n, &i, 4, &k);
		if (k == 4)
			return put(out, d, m, 0, 1000, 2999);
		if (k == 0 || k > 2)
			return -1;
		read_word(s, n, &i); /* st, nd, rd, th */
		skip_seps(s, n, &i);
		y = read_num(s, n, &i, 4, &k);
	} else { /* D[th] [of] Month YYYY */
		d = read_num(s, n, &i, 2, &k);
		if (d < 0 || (i < n && ascii_digit(s[i])))
			return -1;
		read_word(s, n, &i);
		skip_seps(s, n, &i);
		w = i;
		len = read_word(s, n, &i);
		if (len == 2 && !strncasecmp(s + w, "of", 2)) {
			skip_seps(s, n, &i);
			w = i;
			len = read_word(s, n, &i);
		}
		if (!(m = month_of(s + w, len)))
			return -1;
		skip_seps(s, n, &i);
		y = read_num(s, n, &i, 4, &k);
	}
	if (k != 4 || (i < n && ascii_digit(s[i])))
		return -1;
	return put(out, y, m, d, 1000, 2999);
}

int
date_cmp(const date *a, const date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

int
date_parse(const char *s, size_t n, date_form form, date *out)
{
	size_t i = 0;
	int k, rc = -1;

	memset(out, 0, sizeof *out);
	switch (form) {
	case DATE_ISO:
		rc = parse_strict(s, n, 0, 0, 0, out);
		break;
	case DATE_QUERY:
		rc = parse_strict(s, n, 1, 1, 0, out);
		break;
	case DATE_KEY:
		rc = parse_strict(s, n, 0, 0, 1, out);
		break;
	case DATE_ANY:
		str_trim(&s, &n);
		if (!n)
			break;
		read_num(s, n, &i, 8, &k);
		rc = k >= 4 ? parse_numeric(s, n, out)
			    : parse_written(s, n, out);
		break;
	}
	if (rc < 0)
		memset(out, 0, sizeof *out);
	return rc;
}

size_t
date_format(const date *d, date_style style, char out[DATE_MAX])
{
	int y = d->y < 0 ? 0 : d->y % 10000, m = d->m % 100, dd = d->d % 100;
	int n = 0;

	switch (style) {
	case DATE_OUT_ISO:
		n = dd ? snprintf(out, DATE_MAX, "%04d-%02d-%02d", y, m, dd)
		    : m ? snprintf(out, DATE_MAX, "%04d-%02d", y, m)
			: snprintf(out, DATE_MAX, "%04d", y);
		break;
	case DATE_OUT_KEY_LO:
	case DATE_OUT_KEY_HI: {
		int pad = style == DATE_OUT_KEY_HI ? 99 : 0;

		n = snprintf(out, DATE_MAX, "%04d-%02d-%02d", y, m ? m : pad,
			     dd ? dd : pad);
		break;
	}
	case DATE_OUT_LONG:
		if (m < 1 || m > 12)
			n = snprintf(out, DATE_MAX, "%04d", y);
		else if (dd)
			n = snprintf(out, DATE_MAX, "%d %s %04d", dd,
				     month_names[m - 1], y);
		else
			n = snprintf(out, DATE_MAX, "%s %04d", month_names[m - 1],
				     y);
		break;
	case DATE_OUT_ZH:
		if (m < 1 || m > 12)
			n = snprintf(out, DATE_MAX, "%04d\xE5\xB9\xB4", y);
		else if (dd)
			n = snprintf(out, DATE_MAX,
				     "%04d\xE5\xB9\xB4%d\xE6\x9C\x88%d"
				     "\xE6\x97\xA5", y, m, dd);
		else
			n = snprintf(out, DATE_MAX,
				     "%04d\xE5\xB9\xB4%d\xE6\x9C\x88", y, m);
		break;
	}
	return n > 0 ? (size_t)n : 0;
}

size_t
date_reformat(const char *iso, date_style style, char out[DATE_MAX])
{
	date d;

	out[0] = '\0';
	if (!iso || date_parse(iso, strlen(iso), DATE_KEY, &d) < 0)
		return 0;
	return date_format(&d, style, out);
}

long
date_days(const date *d)
{
	/* days from civil (Howard Hinnant's algorithm), March-based years */
	int y = d->y, m = d->m ? d->m : 7, day = d->m ? (d->d ? d->d : 15) : 1;
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
