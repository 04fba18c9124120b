/*
 * snipdef: the snippet maker's vocabulary, shared by its API (snip.h) and
 * its parts (snipctx.h): patterns, spans, options, the display form.  It
 * sits below both, so the parts never include the API they implement.
 */
#ifndef SNIPDEF_H
#define SNIPDEF_H

#include <stddef.h>

#include "util.h"

/* A reusable snippet context (see snip_ctx_new in snip.h). */
typedef struct snip_ctx snip_ctx;

/* A pattern to highlight: one word (n == 1) or a phrase (n > 1, tokens at
 * consecutive positions... see `bigram`).  A text token matches element i
 * when its term equals terms[i], or when stems[i] is not NULL and the stem of
 * the token's term equals stems[i] (so "control" highlights "controls" and
 * "controlled"), or when prefix is set and the term starts with terms[i]
 * (wildcards).  Weight: how much one pattern is worth (the search passes an
 * idf-like value: rarer terms weigh more). */
typedef struct snip_pat {
	const char *const *terms;
	const char *const *stems; /* NULL, or n entries each NULL or a stem */
	size_t n;
	double weight;
	int prefix; /* terms are prefixes (trailing wildcard) */
	/* Elements are CJK bigrams: they match TOK_F_BIGRAM tokens (the text is
	 * tokenized with TOK_BIGRAMS) at consecutive positions; the hit spans
	 * the characters they cover. */
	int bigram;
	int group; /* patterns with the same group count once (synonyms, the
		      forms of one query word) */
} snip_pat;

/* Stems a term: appends the stem of term[0..len) to out; returns 0, or
 * non-zero to mean "no stem" (then only exact matches count). */
typedef int (*snip_stem_fn)(void *ctx, const char *term, size_t len, buf *out);

enum { SNIP_TEXT = 0, SNIP_HIT = 1, SNIP_GAP = 2 };

/* A span of the original text: [start, end) in bytes, always on UTF-8
 * character boundaries.  SNIP_GAP marks a cut (the printer shows "…");
 * its start == end == the offset of the cut. */
typedef struct snip_span {
	size_t start, end;
	int kind;
} snip_span;

typedef struct snip_opts {
	size_t maxchars;  /* characters of text in the snippet, all fragments
			     together (0: the whole text, every hit marked) */
	size_t maxfrags;  /* at most this many fragments (>= 1) */
	/* The text's words as stored at index time (offs.h), or NULL: with
	 * them the hits are placed without running the tokenizer (but for
	 * CJK bigrams); the snippet is the same. */
	const char *toks;
	size_t ntoks;
} snip_opts;

#define SNIP_OPTS_DEFAULT {.maxchars = 240, .maxfrags = 3}

/* The display form of a snippet: runs of white space (and control
 * characters) become one space, a GAP becomes "…" (spaced as needed), and
 * leading/trailing space is trimmed; invalid bytes become U+FFFD, so the
 * text is valid UTF-8.  `text` is the plain result; each hit
 * has its byte range in text and its character range (code points), for
 * printers that need either. */
typedef struct snip_hl {
	size_t bstart, bend; /* bytes in text */
	size_t cstart, cend; /* code points in text */
} snip_hl;

typedef struct snip_text {
	buf text;
	snip_hl *hl;
	size_t nhl;
} snip_text;

/* Fills out (which must be zeroed or cleared) from spans over src.  Returns 0
 * or -1 on allocation failure. */
int snip_flatten(const char *src, const snip_span *spans, size_t nspans,
		 snip_text *out);
void snip_text_clear(snip_text *st);

#endif
