/*
 * offs: a text's words as the tokenizer cut them, stored at index time
 * (SCHEMA_SLOT_OFFSETS), so that the snippet maker places its hits by
 * replaying them instead of running the tokenizer again (issue 14; the
 * idea of Lucene's stored offsets and FTS5's position lists).
 *
 * What is stored, per word in text order (CJK bigrams are not: a snippet
 * that needs them tokenizes): its byte span, its position, its TOK_F_*
 * flags and its term, each as little as the text allows.  The term is
 * left out when it is the word's bytes with ASCII capitals lowered (so
 * nearly always in English and Chinese); the position when it is the
 * one after the word before (one per word, a CJK word's characters).
 *
 * Format: a version byte (OFFS_VERSION), varint the text's length in
 * bytes, varint the first word's expected position, then per word
 * varint (len << 2 | k), len = end - start, gap = start - the previous
 * word's end (0 at first), and by k:
 *   0  gap 1, no flags, the expected position, the derived term
 *   1  gap 0, likewise
 *   2  varint gap, likewise
 *   3  a byte x: TOK_F_* flags in bits 0-4, 0x20 a position follows,
 *      0x40 a term follows; varint gap; [varint zigzag(pos - expected)];
 *      [varint term length, the term]
 * The expected position of a word is the previous word's plus its width
 * (its characters for a CJK word of several, else 1).  After the words,
 * a table to start reading in the middle: before every OFFS_EVERY-th
 * word, three 32-bit little-endian numbers (where its encoding starts,
 * the previous word's end, its expected position), then their count as
 * one more such number.
 */
#ifndef OFFS_H
#define OFFS_H

#include <stddef.h>

#include "tok.h"
#include "util.h"

#define OFFS_VERSION 1
#define OFFS_EVERY 64

/* The writer's state: the words of one text into out. */
typedef struct offs_w {
	buf *out;
	size_t end;	  /* the previous word's end */
	unsigned next;	  /* its expected position */
	int bad;	  /* a word out of order: nothing is stored */
	size_t nw;	  /* words so far */
	buf ck;		  /* the table (owned: offs_free) */
} offs_w;

/* Zero-initialized is ready for offs_begin; offs_free frees the memory
 * it keeps between texts. */
void offs_free(offs_w *w);
/* Starts the stream of a text of len bytes whose first word is at
 * position first into out (emptied).  out is borrowed. */
void offs_begin(offs_w *w, buf *out, size_t len, unsigned first);
/* Adds the word tk (a bigram is left out) over text. */
void offs_add(offs_w *w, const char *text, const tok_token *tk);
/* Ends the stream: 0 when out holds it, -1 when it cannot be stored
 * (words out of order, or no memory: out is then emptied). */
int offs_end(offs_w *w);

/* A reader over one stored stream (borrowed), with a cursor: replays
 * asking for ranges in increasing order decode each word once. */
typedef struct offs_r {
	const unsigned char *s;
	size_t n, i;	   /* the words' bytes; the next word's encoding */
	const unsigned char *ck; /* the table, nck entries */
	size_t nck;
	size_t len;	   /* the text's length */
	size_t end;	   /* the end of the word before i */
	unsigned next;	   /* the expected position at i */
	size_t hdr;	   /* where the words start */
	unsigned first;	   /* the expected position at hdr */
	size_t last;	   /* the start of the last word passed, +1 (0:
			      none) */
	char term[TOK_MAXTERM + 1];
} offs_r;

/* Opens the stream s[0..n) of a text of len bytes: 0, or -1 when it is
 * not one (another version, another length, empty). */
int offs_open(offs_r *r, const char *s, size_t n, size_t len);

/* Calls cb for each stored word of text[b..e) as tok_run(t, text + b,
 * e - b, 0, pos0, cb, ctx) would for text cut where the words of the
 * whole text are (spans from b, positions from pos0); a word reaching
 * past e is not given.  Returns 0, cb's non-zero value, or -1 when the
 * stream is corrupt. */
int offs_replay(offs_r *r, const char *text, size_t b, size_t e,
		unsigned pos0, tok_cb cb, void *ctx);

#endif
