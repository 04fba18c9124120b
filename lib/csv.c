#include "csv.h"

#include <string.h>

void
csv_field(buf *o, int *nf, const char *s, size_t n)
{
	int quote = n && (s[0] == ' ' || s[n - 1] == ' ');

	if ((*nf)++)
		buf_addc(o, ',');
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' ||
			s[i] == '\n';
	if (!quote) {
		buf_add(o, s, n);
		return;
	}
	buf_addc(o, '"');
	for (size_t i = 0; i < n; i++) {
		const char *q = memchr(s + i, '"', n - i);
		size_t k = q ? (size_t)(q - s) + 1 : n;

		buf_add(o, s + i, k - i); /* up to and with the quote */
		if (q)
			buf_addc(o, '"');
		i = k - 1;
	}
	buf_addc(o, '"');
}

void
csv_str(buf *o, int *nf, const char *s)
{
	csv_field(o, nf, s ? s : "", s ? strlen(s) : 0);
}

void
csv_end(buf *o, int *nf)
{
	buf_add(o, "\r\n", 2);
	*nf = 0;
}
