/*
 * width: how wide text is on a screen, in columns of a fixed-width font:
 * East Asian wide and full-width characters take 2, combining marks and
 * joiners 0, the rest 1.  The terminal printer wraps with it, the page
 * shortens long titles with it.
 */
#ifndef WIDTH_H
#define WIDTH_H

#include <stddef.h>
#include <stdint.h>

/* Columns code point c takes: 0, 1 or 2. */
int width_cp(uint32_t c);

/* Columns s[0..n) (UTF-8) takes; an invalid byte counts 1. */
size_t width_of(const char *s, size_t n);

/* Where to cut s[0..n) so that what is kept, with an ellipsis (1 column)
 * after it, takes at most cols columns: a byte offset at a word boundary
 * (before white space or punctuation when that keeps two thirds of cols,
 * else also between two wide characters: CJK has no spaces to say where
 * its words end), never inside a grapheme (a combining mark, joiner or
 * variation selector stays with what precedes it), trailing white space
 * and punctuation left out; in a word too long for cols, at a grapheme's
 * start.  Returns n when s fits in cols whole. */
size_t width_cut(const char *s, size_t n, size_t cols);

#endif
