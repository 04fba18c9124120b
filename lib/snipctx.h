/*
 * snipctx.h: private to the snippet maker (snip.c, snipmatch.c, frag.c,
 * prescan.c, flat.c; the contract is in snip.h).  The context that keeps
 * every array between calls, its small types, and what each part gives the
 * others:
 *   snip.c       the API and the orchestration of one call
 *   snipmatch.c  tokens, interned terms and their matches, the hits
 *   frag.c       sentences, fragment choice (FTS5's scoring), context,
 *                the spans
 *   prescan.c    the raw-byte pre-scan and the regions (prescan.h)
 *   flat.c       snip_flatten
 */
#ifndef SNIPCTX_H
#define SNIPCTX_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "offs.h"
#include "snipdef.h"
#include "tok.h"

#define SNIP_CAP ((size_t)2 << 20) /* bytes tokenized when maxchars > 0 */
#define SNIP_SLACK 64	/* chars tokenized past maxchars, no patterns */
#define SNIP_MAXREP 100 /* repeats counted in a window's score */
#define SNIP_MAXPHRASE 64 /* a longer phrase matches by its first words
			   * (the bits of a uint64_t: see find_hits) */
#define SNIP_BONUS 300	/* sentence start bonus, in least weights */
#define SNIP_NONE ((size_t)-1)
#define SNIP_RMARGIN 32 /* characters of a region past maxchars, each side */
#define SNIP_RPHRASE 16	/* ... and per word of the longest phrase */
#define SNIP_MAXCAND 16384 /* more candidates: tokenize the whole text */
#define SNIP_NOSCAN UINT32_MAX
#define SNIP_F_RSTART 0x100 /* stok.flags: the first word of a region */

/* tok_run callback return values */
#define SNIP_STOP 1
#define SNIP_NOMEM 2

/* A growable array of T: v[0..n), room for cap. */
#define VEC(T)                                                               \
	struct {                                                             \
		T *v;                                                        \
		size_t n, cap;                                               \
	}

/* Grows array ptr (a variable) with capacity cap to hold need items: 0 or
 * -1 (ptr untouched). */
#define GROW(ptr, cap, need)                                                 \
	((need) <= (cap) ? 0                                                 \
			 : snip_grow((void *)&(ptr), &(cap), (need),         \
				     sizeof *(ptr)))
/* Grows VEC a to hold need items: 0 or -1. */
#define VEC_GROW(a, need) GROW((a).v, (a).cap, (need))

/* GROW's helper: pp points to the array pointer (read and written as a
 * void *, which has the same representation as any object pointer). */
int snip_grow(void *pp, size_t *cap, size_t need, size_t size);

typedef struct spos {
	size_t b, c; /* byte and character offset */
} spos;

typedef struct stok {
	size_t start, end; /* bytes */
	size_t cs, ce;	   /* characters */
	size_t sent;	   /* words: index of its sentence's first word */
	unsigned pos, nchars;
	int flags;
	uint32_t term; /* interned term id */
} stok;

typedef struct sterm {
	size_t off, len; /* bytes in ctx->arena */
	uint32_t hash;
	uint32_t mhead; /* first match entry + 1; 0: matches nothing */
} sterm;

/* A term's match with one pattern: bit j of mask set when the term matches
 * element j (j < SNIP_MAXPHRASE). */
typedef struct smatch {
	uint64_t mask;
	uint32_t pat, next; /* pattern; next entry + 1 */
} smatch;

typedef struct sslot {
	uint32_t gen, id;
} sslot;

typedef struct shit {
	size_t bs, be, cs, ce;	   /* the hit */
	size_t wbs, wbe, wcs, wce; /* widened to whole words */
	size_t sbs, scs;	   /* its sentence start; scs NONE: none */
	size_t group;		   /* dense group index */
	size_t pat;		   /* the pattern that made it */
	int bigram;		   /* found among the CJK bigrams */
} shit;

typedef struct srange {
	size_t bs, be;
} srange;

typedef struct sfrag {
	size_t cs, ce, bs, be; /* core: word-aligned hits */
	size_t scs, sbs;       /* sentence start of the first hit */
	size_t anchor;	       /* index of its first hit */
	spos S, E;	       /* the fragment after extension */
} sfrag;

typedef struct sgp {
	int group;
	size_t pat;
} sgp;

/* A region of the text tokenized on its own (see prescan.c). */
typedef struct sreg {
	size_t b, e;	       /* bytes [b, e) */
	size_t fc, lc;	       /* its first and last candidate */
	size_t w0, w1, g0, g1; /* its words and bigrams in c->w.v, c->bg.v */
} sreg;

/* A pattern element: its pattern, its index there, the lengths of its
 * term and stem (0: none). */
typedef struct selem {
	uint32_t pat, idx;
	size_t len, slen;
} selem;

/* Per pattern: its first element (SNIP_NONE: empty), its dense group,
 * find_hits' state (phrase prefixes matched, at token last), and the
 * element the pre-scan looks for (SNIP_NOSCAN: none). */
typedef struct spat {
	size_t base, group;
	uint64_t state;
	size_t last;
	uint32_t scan;
} spat;

/* Per group: weight * 1000 (at least 1), hits in the window, covered by
 * a chosen fragment. */
typedef struct sgroup {
	int64_t w;
	size_t cnt;
	unsigned char cov;
} sgroup;

/* A CJK key the pre-scan looks for by its bytes. */
typedef struct skey {
	const char *p;
	size_t len;
} skey;

/* An entry of the class cache: code point + 1 (0: empty), its CL_* bits. */
typedef struct sclass {
	uint32_t key;
	uint16_t cls;
} sclass;

struct snip_ctx {
	VEC(stok) w, bg; /* the words; the bigrams and two-char CJK words */
	VEC(sterm) terms;
	sslot *slots;
	size_t nslots;
	uint32_t gen;
	buf arena;
	VEC(smatch) m;
	VEC(shit) hits;
	VEC(srange) mg; /* the hits merged */
	VEC(selem) e;
	VEC(spat) p;   /* n unused: as many as the call's patterns */
	VEC(sgp) gp;   /* scratch for numbering the groups */
	VEC(sgroup) g;
	int64_t wmin;
	VEC(sfrag) fr;
	buf stem;
	VEC(snip_span) out; /* spans being built (handed to the caller) */
	/* the pre-scan: the CJK keys, the candidates and the regions */
	VEC(skey) keys;
	VEC(size_t) cand;
	VEC(sreg) reg;
	/* cache of code point classes (a hash table of cap entries), kept
	 * between calls */
	VEC(sclass) cl;
	buf fold;
	int scan_all;
	int stored;	  /* this call replays the stored words in oc */
	offs_r oc;
	size_t tokenized; /* bytes given to tok_run by this call */
	/* first bytes of the terms that may match an element (others get
	 * term id 0, which matches nothing) */
	unsigned char tfirst[256];
};

/* State of one tok_run. */
typedef struct srun {
	snip_ctx *c;
	const snip_pat *pats;
	const char *text;
	size_t len;    /* end of the bytes given to the tokenizer */
	size_t base;   /* their start (token offsets are from there) */
	unsigned maxpos; /* past the last position seen */
	size_t cb, cc; /* character cursor: byte cb is character cc */
	size_t stop_c; /* stop at a token starting past this character */
	int intern, bigrams;
	int guess; /* skip stemming what cannot match (see prescan_may_stem) */
	snip_stem_fn stem;
	void *stemctx;
} srun;

/* ---- snipmatch.c ---- */

/* The character offset of byte b (a character boundary), moving the run's
 * cursor there. */
size_t match_run_char(srun *r, size_t b);
/* Interns s[0..n) (matching it against the elements if new) into *id:
 * 0 or -1. */
int match_intern(srun *r, const char *s, size_t n, uint32_t *id);
/* Tokenizes text[b..e) of the run's text into c (match_on_token), the
 * first word at position pos, with CJK bigrams when bigrams is set: by
 * replaying the stored words when the call has them and needs no
 * bigrams, else with t.  Returns tok_run's codes. */
int match_tokenize(srun *r, tok *t, size_t b, size_t e, int bigrams,
		   unsigned pos, char **err);
/* tok_run's callback: appends the token to c->w (and c->bg); 0,
 * SNIP_STOP or SNIP_NOMEM. */
int match_on_token(void *arg, const tok_token *tt);
/* Sets c->tfirst and makes term id 0: 0 or -1. */
int match_first_bytes(snip_ctx *c, const snip_pat *pats, const srun *r);
/* Drops the word cut at elen (< len) from words w0 and bigrams g0 on, and
 * sorts the bigrams by position. */
void match_end_tokens(snip_ctx *c, size_t w0, size_t g0, size_t elen,
		      size_t len);
/* Finds the hits in the tokens (sorted, merged): 0 or -1. */
int match_all_hits(snip_ctx *c, const snip_pat *pats, size_t npats);

/* ---- frag.c ---- */

/* Number of words (c->w, in text order) whose start byte is <= b. */
size_t frag_words_start_le(const snip_ctx *c, size_t b);
/* Sets each word's sentence start. */
void frag_mark_sentences(snip_ctx *c, const char *text);
/* Widens each hit to whole words and finds its sentence start. */
void frag_widen_hits(snip_ctx *c);
/* Chooses the fragment cores: 0 or -1. */
int frag_choose(snip_ctx *c, size_t maxchars, size_t maxfrags);
/* Shares the unused budget out as context around the chosen cores, up to
 * tend (the end of what may be shown). */
void frag_fit(snip_ctx *c, const char *text, size_t elen, size_t maxchars,
	      spos tend);
/* Emits the fragments with gaps where text was left out: 0 or -1. */
int frag_put(snip_ctx *c, const char *text, size_t len, size_t maxchars);
/* Appends a span: 0 or -1. */
int frag_put_span(snip_ctx *c, size_t s, size_t e, int kind);
/* Appends text[s..e) as text and hit spans: 0 or -1. */
int frag_put_range(snip_ctx *c, size_t s, size_t e, size_t *hp);
/* The snippet without hits: the text's beginning: 0 or -1. */
int frag_put_beginning(snip_ctx *c, const char *text, size_t len,
		       size_t elen, spos S, size_t maxchars, size_t hp);
/* The first character of text that is not white space. */
spos frag_skip_space(const char *text, size_t len);
/* The byte offset n characters after byte b (or the end). */
size_t frag_adv(const char *s, size_t len, size_t b, size_t n);

/* (White space and control characters, what snip_flatten collapses, are
 * util.h's cp_space.) */

#endif
