/*
 * qfield: field names and date values of the query language (qfield.h).
 */
#include "qfield.h"

#include <string.h>
#include <strings.h>

#include "util.h"

const char *const query_fields[] = {"title", "author", "source", "lang",
				    "language", "id", "date", "dup", NULL};

int
qfield_find(const char *s, size_t len, const fields *fl)
{
	const fld *e;
	size_t i;

	for (i = 0; query_fields[i]; i++)
		if (strlen(query_fields[i]) == len &&
		    !strncasecmp(s, query_fields[i], len))
			return (int)i;
	if (fl && (e = fields_by_name(fl, s, len)))
		return QF_EXTRA + (int)(e - fl->v);
	return F_NONE;
}

const char *
qfield_name(int f, const fields *fl)
{
	if (f == F_NONE)
		return NULL;
	if (f < QF_EXTRA)
		return query_fields[f];
	return fl->v[f - QF_EXTRA].name;
}

int
qfield_is_text(int f)
{
	return f == F_NONE || f == F_TITLE || f == F_AUTHOR || f == F_SOURCE;
}

size_t
qfield_name_len(const char *s, size_t n)
{
	size_t j = 0;

	while (j < n && (ascii_alnum((unsigned char)s[j]) || s[j] == '_'))
		j++;
	return j;
}

/* One end of a date range, written in ISO form to out.  0 or -1. */
static int
date_end(const char *s, size_t n, char out[DATE_MAX])
{
	date d;

	if (date_parse(s, n, DATE_QUERY, &d) < 0)
		return -1;
	date_format(&d, DATE_OUT_ISO, out);
	return 0;
}

int
qfield_date_range(const char *s, size_t n, char lo[DATE_MAX],
		  char hi[DATE_MAX])
{
	size_t k, m;
	char tmp[DATE_MAX];

	for (k = 0; k + 1 < n; k++)
		if (s[k] == '.' && s[k + 1] == '.')
			break;
	if (k + 1 >= n) {
		if (date_end(s, n, lo) < 0)
			return -1;
		memcpy(hi, lo, sizeof tmp);
		return 0;
	}
	if (k == 0 && n == 2)
		return -1;
	lo[0] = hi[0] = '\0';
	if (k > 0 && date_end(s, k, lo) < 0)
		return -1;
	if (k + 2 < n && date_end(s + k + 2, n - k - 2, hi) < 0)
		return -1;
	if (lo[0] && hi[0]) {
		m = strlen(lo) < strlen(hi) ? strlen(lo) : strlen(hi);
		if (memcmp(lo, hi, m) > 0) {
			memcpy(tmp, lo, sizeof tmp);
			memcpy(lo, hi, sizeof tmp);
			memcpy(hi, tmp, sizeof tmp);
		}
	}
	return 0;
}
