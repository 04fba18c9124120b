/*
 * prescan.h: private to the snippet maker.  The raw-byte pre-scan (see
 * prescan.c): finds the hits by tokenizing only regions of the text around
 * places where a pattern may match, with the same result as tokenizing the
 * whole text.
 */
#ifndef PRESCAN_H
#define PRESCAN_H

#include "snipctx.h"

enum { NEAR_OK, NEAR_NOHIT, NEAR_ALL };

/* Finds the hits of text[0..elen) near raw-text candidates.  *res gets
 * NEAR_OK (hits found, merged, widened and sentences marked), NEAR_NOHIT
 * (there is none) or NEAR_ALL (tokenize the whole text instead).  Returns
 * 0 or negative (with *err set). */
int prescan_find_near(snip_ctx *c, tok *t, srun *r, const char *text,
		      size_t len, size_t elen, const snip_pat *pats,
		      size_t npats, size_t maxchars, int *res, char **err);

/* Makes each chosen fragment's region hold the words of more than
 * maxchars characters after its core: 0 or negative (with *err set). */
int prescan_extend_after(snip_ctx *c, tok *t, srun *r, const char *text,
			 size_t elen, size_t maxchars, char **err);

/* 0 if term s[0..n) cannot have the stem st[0..sn) (the assumption of
 * snip.h: a stem keeps a word's first two ASCII letters, but for y/i). */
int prescan_may_stem(const char *s, size_t n, const char *st, size_t sn);

#endif
