/*
 * snip: the snippet maker.  Re-tokenizes stored text with the one tokenizer,
 * finds the query's matches, picks the best window(s) and returns spans over
 * the original text: never markup.  Printers escape each span and add their
 * own highlight markup (see out.h); snip_flatten gives them the display text.
 * Its types (patterns, spans, the display form) are in snipdef.h.
 */
#ifndef SNIP_H
#define SNIP_H

#include <stddef.h>

#include "snipdef.h"
#include "tok.h"

/*
 * Makes a snippet of text[0..len) for the patterns.  The window (or up to
 * maxfrags fragments) is where the weightiest distinct patterns are densest:
 * the first hit of each pattern group counts its weight, a repeat counts a
 * little, and a fragment starting at a sentence start gets a small bonus.
 * Fragments start and end on word boundaries (never inside a word or a UTF-8
 * sequence), are ordered by position in the text, and are separated or
 * bounded by SNIP_GAP where the text was cut.  Hits of a phrase pattern are
 * one span; overlapping hits are merged; words of a phrase outside the phrase
 * are not hits.  With no match the snippet is the text's beginning.
 * With maxchars > 0 only the text's first 2 MiB are searched for hits; with
 * maxchars == 0 (or a text that fits) the spans cover the whole text.  No
 * GAP is put where only white space was left out.
 *
 * Finding the hits: with maxchars > 0 the raw bytes are first scanned for
 * places where a pattern may match (ASCII words that start like the
 * pattern or its stem, checked with the stem callback; the bytes of CJK
 * terms; characters that normalize to those), and only the text around
 * them is tokenized; the snippet is the same as with the whole text
 * tokenized (when it cannot be sure, snip tokenizes the whole text).  This
 * assumes that a word matched through its stem, if its first two letters
 * are ASCII, has the stem's first two letters (or y for the stem's i, as
 * Porter's "dying" -> "die"), as with the suffix-stripping Snowball
 * stemmers; for a stemmer that changes the start of words (Indonesian,
 * Irish), call snip_ctx_scan_all.
 *
 * On success *spans (malloc'd, free with free()) holds *nspans spans and 0
 * is returned; on error a negative value with *err set.  `stem` may be NULL.
 */
int snip_make(tok *t, const char *text, size_t len, const snip_pat *pats,
	      size_t npats, const snip_opts *opts, snip_stem_fn stem,
	      void *stemctx, snip_span **spans, size_t *nspans, char **err);

/* A reusable snippet context: its arrays (tokens, terms, hits) are kept
 * between calls, so making many snippets allocates almost nothing.  Not
 * thread safe: one per thread.  snip_ctx_new returns NULL when out of
 * memory; snip_ctx_free accepts NULL. */
snip_ctx *snip_ctx_new(void);
void snip_ctx_free(snip_ctx *c);

/* With on != 0, snip_make_ctx calls with c tokenize all of the text to
 * find the hits (see "Finding the hits" above); with 0 (the default) only
 * the parts near raw-text occurrences of the patterns. */
void snip_ctx_scan_all(snip_ctx *c, int on);

/* Bytes of text that the last snip_make_ctx call with c gave the
 * tokenizer (for tests and measurements). */
size_t snip_ctx_tokenized(const snip_ctx *c);

/* snip_make with a context (snip_make makes and frees one per call).  The
 * spans are malloc'd for the caller as with snip_make. */
int snip_make_ctx(snip_ctx *c, tok *t, const char *text, size_t len,
		  const snip_pat *pats, size_t npats, const snip_opts *opts,
		  snip_stem_fn stem, void *stemctx, snip_span **spans,
		  size_t *nspans, char **err);

/* Tells the hits of the last snip_make_ctx call with c that its spans
 * (spans[0..nspans), as that call returned them) show: fn(ctx, pat, start,
 * end) for each, pat the index of the pattern that made it in that call's
 * pats, [start, end) its bytes in the text; in text order, a place that
 * several patterns hit once per pattern.  Stops at fn's first non-zero
 * return and returns it; else returns 0. */
typedef int (*snip_hit_fn)(void *ctx, size_t pat, size_t start, size_t end);
int snip_ctx_hits(const snip_ctx *c, const snip_span *spans, size_t nspans,
		  snip_hit_fn fn, void *ctx);

#endif
