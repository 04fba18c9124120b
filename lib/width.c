/*
 * width: columns on a screen (see width.h).  The ranges are Unicode's East
 * Asian Width W and F and the common zero-width marks, enough for the
 * scripts the collections hold; ICU stays in tok.c.
 */
#include "width.h"

#include "util.h"

/* Combining marks, joiners, variation selectors: part of the grapheme
 * before them. */
static int
extends(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
	       (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
	       (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0xFE00 && c <= 0xFE0F) ||
	       (c >= 0xE0100 && c <= 0xE01EF) || c == 0x200D || c == 0x200C ||
	       (c >= 0x1F3FB && c <= 0x1F3FF) || /* skin tones */
	       (c >= 0x0591 && c <= 0x05BD) || (c >= 0x0610 && c <= 0x061A) ||
	       (c >= 0x064B && c <= 0x065F) || (c >= 0x0900 && c <= 0x0903) ||
	       (c >= 0x093A && c <= 0x094F) || c == 0x3099 || c == 0x309A;
}

int
width_cp(uint32_t c)
{
	if (c == U8_INVALID)
		return 1;
	if (extends(c) || c == 0x200B || c == 0xFEFF)
		return 0;
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
	    (c >= 0x3041 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
	    (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
	    (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x1F900 && c <= 0x1F9FF) ||
	    (c >= 0x20000 && c <= 0x3FFFD))
		return 2;
	return 1;
}

size_t
width_of(const char *s, size_t n)
{
	size_t w = 0, k;

	for (size_t i = 0; i < n; i += k)
		w += (size_t)width_cp(u8_decode(s + i, n - i, &k));
	return w;
}

/* Where a word may end: white space, punctuation (ASCII and CJK). */
static int
breaks(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0x00A0 ||
	       (c < 0x80 && c > ' ' && !((c >= '0' && c <= '9') ||
					 (c >= 'A' && c <= 'Z') ||
					 (c >= 'a' && c <= 'z'))) ||
	       (c >= 0x2010 && c <= 0x205E) || (c >= 0x3001 && c <= 0x3011) ||
	       (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20);
}

size_t
width_cut(const char *s, size_t n, size_t cols)
{
	size_t i = 0, k, w = 0, cut = 0, gcut = 0, pcut = 0, pw = 0;
	uint32_t prev = 0;

	if (width_of(s, n) <= cols)
		return n;
	while (i < n) {
		uint32_t c = u8_decode(s + i, n - i, &k);
		int cw = width_cp(c);

		/* a boundary before c: after a wide character or before a
		 * wide one, before a break, never before a mark */
		if (i && !extends(c) &&
		    (breaks(c) || width_cp(c) == 2 || width_cp(prev) == 2) &&
		    !breaks(prev) && w + 1 <= cols) {
			cut = i;
			if (breaks(c)) { /* before a space or punctuation */
				pcut = i;
				pw = w;
			}
		}
		if (i && !extends(c) && w + 1 <= cols)
			gcut = i; /* a grapheme's start, for a word too long */
		if (w + (size_t)cw + 1 > cols && !extends(c))
			break;
		w += (size_t)cw;
		prev = c;
		i += k;
	}
	/* rather before a space or punctuation, when that keeps two
	 * thirds: CJK has no spaces, and a word may run over two or more
	 * characters */
	if (pcut && pw * 3 >= cols * 2)
		return pcut;
	return cut ? cut : gcut;
}
