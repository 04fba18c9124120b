#include "jflat.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *
skip_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static int
hex4(const char *p, unsigned *out)
{
	char h[5] = {p[0], p[1], p[2], p[3], 0};

	if (strspn(h, "0123456789abcdefABCDEF") != 4)
		return -1;
	*out = (unsigned)strtoul(h, NULL, 16);
	return 0;
}

/* The string whose opening quote is at p[-1], decoded into out; returns
 * the byte after its closing quote, or NULL for anything not read here. */
static const char *
string(const char *p, const char *e, buf *out)
{
	buf_reset(out);
	for (;;) {
		const char *run = p;
		int hi = 0;

		while (p < e && *p != '"' && *p != '\\' &&
		       (unsigned char)*p >= 0x20) {
			hi |= (unsigned char)*p & 0x80;
			p++;
		}
		if (p >= e || (unsigned char)*p < 0x20)
			return NULL;
		if (hi && !u8_valid(run, (size_t)(p - run), NULL))
			return NULL;
		buf_add(out, run, (size_t)(p - run));
		if (*p == '"')
			return out->err ? NULL : p + 1;
		if (e - p < 2)
			return NULL;
		switch (p[1]) {
		case '"': case '\\': case '/':
			buf_addc(out, p[1]);
			break;
		case 'b': buf_addc(out, '\b'); break;
		case 'f': buf_addc(out, '\f'); break;
		case 'n': buf_addc(out, '\n'); break;
		case 'r': buf_addc(out, '\r'); break;
		case 't': buf_addc(out, '\t'); break;
		case 'u': {
			unsigned c;

			if (e - p < 6 || hex4(p + 2, &c) ||
			    (c >= 0xD800 && c <= 0xDFFF))
				return NULL; /* surrogates: jansson's */
			if (c < 0x80) {
				buf_addc(out, (int)c);
			} else if (c < 0x800) {
				buf_addc(out, (int)(0xC0 | c >> 6));
				buf_addc(out, (int)(0x80 | (c & 0x3F)));
			} else {
				buf_addc(out, (int)(0xE0 | c >> 12));
				buf_addc(out, (int)(0x80 | (c >> 6 & 0x3F)));
				buf_addc(out, (int)(0x80 | (c & 0x3F)));
			}
			p += 4;
			break;
		}
		default:
			return NULL;
		}
		p += 2;
	}
}

json_t *
jflat_load(const char *s, size_t n)
{
	const char *p = s, *e = s + n;
	buf key = BUF_INIT, val = BUF_INIT;
	json_t *obj = NULL, *v;

	p = skip_ws(p, e);
	if (p == e || *p != '{' || !(obj = json_object()))
		goto fail;
	p = skip_ws(p + 1, e);
	if (p < e && *p == '}') {
		p++;
		goto end;
	}
	for (;;) {
		if (p == e || *p != '"' || !(p = string(p + 1, e, &key)) ||
		    memchr(key.p ? key.p : "", '\0', key.n))
			goto fail;
		p = skip_ws(p, e);
		if (p == e || *p != ':')
			goto fail;
		p = skip_ws(p + 1, e);
		if (p == e || *p != '"' || !(p = string(p + 1, e, &val)))
			goto fail;
		v = json_stringn_nocheck(val.p ? val.p : "", val.n);
		if (!v || json_object_setn_new_nocheck(obj, key.p ? key.p : "",
						       key.n, v))
			goto fail;
		p = skip_ws(p, e);
		if (p < e && *p == ',') {
			p = skip_ws(p + 1, e);
			continue;
		}
		if (p < e && *p == '}') {
			p++;
			break;
		}
		goto fail;
	}
end:
	if (skip_ws(p, e) != e)
		goto fail;
	buf_free(&key);
	buf_free(&val);
	return obj;
fail:
	buf_free(&key);
	buf_free(&val);
	json_decref(obj);
	return NULL;
}
