/*
 * fuzz_esc: the escapers and the form decoder.  Input: any bytes.  Checks
 * what each escaper promises (esc.h): esc_html leaves no markup character
 * and no control but \t \n \r; esc_url leaves only unreserved ASCII, '+'
 * and %XX, and esc_url_decode gives the input back; esc_term leaves no
 * C0/C1 control but \t; all three give valid UTF-8.  esc_url_ok accepts
 * only http(s) URLs without controls or spaces; esc_url_decode never
 * writes more bytes than it reads.
 */
#include <string.h>
#include <strings.h>

#include "esc.h"
#include "fuzz.h"

static int
ishex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') ||
	       (c >= 'a' && c <= 'f');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	buf o = BUF_INIT, d = BUF_INIT;
	char *z;
	size_t k;

	/* HTML */
	esc_html(&o, s, size);
	FUZZ_CHECK(!o.err);
	for (size_t i = 0; i < o.n; i++) {
		unsigned char c = (unsigned char)o.p[i];

		FUZZ_CHECK(c != '<' && c != '>' && c != '"' && c != '\'');
		FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
		FUZZ_CHECK(c != 0x7F);
		if (c == '&')
			FUZZ_CHECK(o.p[i + 1] == '#' || (o.p[i + 1] >= 'a' &&
							  o.p[i + 1] <= 'z'));
	}
	FUZZ_CHECK(u8_valid(o.p ? o.p : "", o.n, NULL));
	FUZZ_CHECK(!o.p || strlen(o.p) == o.n);

	/* URL component, and back */
	buf_reset(&o);
	esc_url(&o, s, size);
	FUZZ_CHECK(!o.err);
	for (size_t i = 0; i < o.n; i++) {
		unsigned char c = (unsigned char)o.p[i];

		if (c == '%') {
			FUZZ_CHECK(i + 2 < o.n && ishex(o.p[i + 1]) &&
				   ishex(o.p[i + 2]));
			i += 2;
			continue;
		}
		FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			   (c >= '0' && c <= '9') || c == '-' || c == '.' ||
			   c == '_' || c == '~' || c == '+');
	}
	k = esc_url_decode(&d, o.p ? o.p : "", o.n);
	FUZZ_CHECK(!d.err);
	FUZZ_CHECK(k == size && d.n == size);
	FUZZ_CHECK(size == 0 || memcmp(d.p, s, size) == 0);

	/* decoding the raw input */
	buf_reset(&d);
	k = esc_url_decode(&d, s, size);
	FUZZ_CHECK(!d.err && k == d.n && k <= size);

	/* terminal */
	buf_reset(&o);
	esc_term(&o, s, size);
	FUZZ_CHECK(!o.err);
	for (size_t i = 0; i < o.n; i++) {
		unsigned char c = (unsigned char)o.p[i];

		FUZZ_CHECK(c >= 0x20 || c == '\t');
		FUZZ_CHECK(c != 0x7F);
		if (c == 0xC2 && i + 1 < o.n)
			FUZZ_CHECK((unsigned char)o.p[i + 1] >= 0xA0);
	}
	FUZZ_CHECK(u8_valid(o.p ? o.p : "", o.n, NULL));

	/* href check on a NUL-terminated copy */
	z = str_ndup(s, size);
	FUZZ_CHECK(z != NULL);
	if (esc_url_ok(z)) {
		size_t zl = strlen(z);

		FUZZ_CHECK(strncasecmp(z, "http:", 5) == 0 ||
			   strncasecmp(z, "https:", 6) == 0);
		for (size_t i = 0; i < zl; i++) {
			unsigned char c = (unsigned char)z[i];

			FUZZ_CHECK(c > 0x20 && c != 0x7F);
		}
	}
	free(z);
	buf_free(&o);
	buf_free(&d);
	return 0;
}
