/*
 * query: the query language parser (contract in query.h).
 *
 * Grammar (operators only in upper case; see the rules below it):
 *
 *   query    := or_expr
 *   or_expr  := and_expr ( "OR" and_expr )*       also "|"; lowercase "or"
 *                                                 is a word
 *   and_expr := not_expr ( "AND" not_expr )*      also "&"
 *   not_expr := seq ( "NOT" seq )*                a NOT b = a and not b
 *   seq      := item+                             juxtaposition: the default
 *                                                 operator (opts->default_op)
 *   item     := "+" unit (required) | "-" unit (excluded) | unit
 *   unit     := prim ( ( "NEAR" | "NEAR/" n ) prim )*
 *                                                 default window 10, n capped
 *                                                 to 1..100
 *   prim     := "(" or_expr ")" | field ":" fvalue | '"' phrase '"'
 *             | "=" word | word "*" | word
 *   fvalue   := word | '"' phrase '"' | word "*"
 *             | "(" or_expr ")"                   the field applies to every
 *                                                 word inside (text fields)
 *
 * Lexing.  Chunks of text are separated by white space (ASCII, NUL bytes,
 * and the Unicode spaces U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000), "(", ")", "|" and double quotes ('"', and the
 * typographic U+201C, U+201D, U+201E, U+FF02, any of which closes a phrase
 * opened by any other).  A chunk that is exactly AND, OR, NOT, NEAR, NEAR/n
 * or a run of "&" is an operator; "|" is always OR.  An operator counts only
 * between two operands: at the start or end of the query or a group, or
 * doubled ("AND sheffield", "a OR", "OR OR b"), it is dropped.  A query
 * typed in capitals is words: when every other word or phrase with ASCII
 * letters has no lower-case one, AND, OR, NOT and a bare NEAR are words
 * too (EFFECTS OF SANCTIONS ON RUSSIA AND CANADA); "&", "|" and NEAR/n stay
 * operators.  "+" and "-"
 * are prefixes only at the start of a chunk and directly before something
 * ("C++", "a - b" and "ai-act" have none); "=" likewise, after any prefix
 * and field.  An operator word after a prefix or field is a word (-OR).
 *
 * Words.  Each chunk goes through the tokenizer: no token (punctuation) is
 * nothing; one token is a word (Q_WORD); several are a phrase (ai-act,
 * GPT-4o), except that a chunk with a CJK token is the AND of its words
 * (Chinese has no spaces between words: 人工智能监管, AI监管, 2021年),
 * marked QF_RUN and never flattened into an enclosing AND, so the search
 * can weigh the words standing together as typed.  A quoted phrase is the
 * phrase of all the words inside, or the word if there is one.  "word*" is
 * a prefix wildcard if the prefix is one token of at least 2 characters,
 * else the plain word.  "=word" (also ="a phrase") marks words exact: no
 * stemming, synonyms or accent folding at search time.
 *
 * Fields (names case-insensitive): title, author, source are text fields
 * (see "A field restricts" below);
 * lang (alias language) is a filter on the folded value; id a filter on the
 * raw value; date a range: date:2026, date:2026-05, date:2026-05-07 (also
 * with "/"), date:A..B, date:A.., date:..B (a reversed range is swapped).
 * A date: whose value is not a date (date:2025-13, date:2024-02-30,
 * date:last-week) is an error for the user (QUERY_EDATE), never words to
 * search.  The index's metadata fields (query_opts.fields, fields.h:
 * jurisdiction:"United States", tags:bias) are filters like id:, their
 * value read raw, QF_QUOTED when quoted; a name is letters, digits and _
 * (qfield.h).  An unknown field (foo:bar, http://x) or a field with nothing
 * after the colon is plain text.  A value may be quoted: id:"a b".
 *
 * A field restricts: juxtaposed with other items, author: and source:
 * (words, phrases, wildcards, groups) are filters as lang:, id: and date:
 * are (Google's site:), and title: is required (a title match is needed,
 * and ranks).  Inside a field's group (source:(a b)) and under an explicit
 * operator (source:a OR b) words combine as written.
 *
 * Juxtaposed items: required R (also title:), optional O, excluded X,
 * filters F (lang, id, date, author, source, metadata fields, and groups
 * of only those):
 *   R empty: OR(O) (AND(O) with default_op Q_AND); else MAYBE(AND(R), O...)
 *   (with default_op Q_AND, O joins R), or AND(R) if there is no O;
 *   with F: AND(that, F...), where filters on the same field are ORed
 *   (lang:zh lang:en means either); no positive part: AND(F...);
 *   with X: NOT(that, X...); only X: NOT(<all>, X...).
 * Groups of one collapse, nested AND/OR of the same kind are flattened, a
 * NOT or MAYBE as the first kid of its own kind is merged into it, and
 * empty groups vanish; a query with nothing left is <none>.  A NEAR whose
 * operands are not all words or phrases becomes an AND of them.
 *
 * Limits: the input is cut to opts->maxlen bytes on a UTF-8 boundary;
 * parentheses nested deeper than opts->maxdepth (at most QUERY_DEPTH_CAP)
 * are read as punctuation; words, wildcards and filters past
 * opts->maxterms are dropped.  Each cut adds a note to *warn.  Recursion is
 * bounded by the nesting honoured, so hostile input cannot exhaust the
 * stack.
 */
#include "query.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qfield.h"
#include "util.h"

/* Hard cap on the nesting honoured, whatever opts->maxdepth says: the
 * parser recurses six frames per level. */
#define QUERY_DEPTH_CAP 256
#define NEAR_DEFAULT 10
#define NEAR_MAX 100

enum tkind {
	T_WORD,	  /* chunk of text: start..end */
	T_PHRASE, /* quoted text: start..end inside the quotes */
	T_FILTER, /* lang/id value start..end, or a date (lo, hi) */
	T_LPAREN,
	T_RPAREN,
	T_OR,
	T_AND,
	T_NOT,
	T_NEAR,
	T_DROP /* removed before parsing */
};

typedef struct qtok {
	enum tkind kind;
	size_t start, end;
	int field;	 /* F_*, for T_WORD, T_PHRASE, T_LPAREN, T_FILTER */
	char prefix;	 /* 0, '+' or '-' */
	char exact;	 /* "=" before a word or phrase */
	char wild;	 /* T_WORD ended with "*" (stripped from the span) */
	unsigned near;	 /* T_NEAR: window */
	char lo[DATE_MAX], hi[DATE_MAX]; /* T_FILTER on date: ISO ends, "" = open */
	char bad;	 /* T_FILTER on date: the value is not a date */
	char quoted;	 /* T_FILTER: the value was in quotes */
} qtok;

/* A word from the tokenizer, its term in parser.terms. */
typedef struct qword {
	size_t off, len;
	size_t start, end; /* byte span in the query string */
	unsigned pos, nchars;
	int flags;
} qword;

typedef struct parser {
	tok *t;
	const char *s;
	size_t n;
	qkind defop;
	unsigned maxdepth, maxterms;
	const fields *fl; /* metadata fields (opts->fields) */
	qtok *tk;
	size_t ntk, captk, pos;
	unsigned nterms; /* leaves made so far */
	int cut_terms, cut_depth, chunk_cut;
	int rc; /* sticky: 0, or negative after an error */
	char **err;
	qword *w;
	size_t nw, capw;
	buf terms; /* the terms of w, each NUL-terminated */
	size_t base; /* offset of the chunk being tokenized */
	buf val;   /* scratch for filter values */
} parser;

/* ---- tree helpers ---- */

qnode *
query_node(qkind kind, const char *field, const char *text, size_t len)
{
	qnode *q = calloc(1, sizeof *q);

	if (!q)
		return NULL;
	q->kind = kind;
	q->field = field;
	if (text) {
		q->text = str_ndup(text, len);
		if (!q->text) {
			free(q);
			return NULL;
		}
	}
	return q;
}

/* Appends kid to parent's kids; returns 0, or -1 with kid NOT freed. */
static int
push(qnode *parent, qnode *kid)
{
	qnode **k;

	if (parent->nkids >= SIZE_MAX / sizeof *k - 1)
		return -1;
	k = realloc(parent->kids, (parent->nkids + 1) * sizeof *k);
	if (!k)
		return -1;
	k[parent->nkids++] = kid;
	parent->kids = k;
	return 0;
}

int
query_add(qnode *parent, qnode *kid)
{
	if (!kid)
		return -1;
	if (!parent || push(parent, kid) < 0) {
		query_free(kid);
		return -1;
	}
	return 0;
}

void
query_free(qnode *q)
{
	size_t i;

	if (!q)
		return;
	for (i = 0; i < q->nkids; i++)
		query_free(q->kids[i]);
	free(q->kids);
	free(q->text);
	free(q->text2);
	free(q);
}

/* Moves kid's kids to the end of parent's and frees kid's shell (kid is
 * freed whole on failure).  Returns 0 or -1. */
static int
adopt(qnode *parent, qnode *kid)
{
	qnode **k;
	size_t n = parent->nkids + kid->nkids;

	if (kid->nkids) {
		if (n < parent->nkids || n > SIZE_MAX / sizeof *k) {
			query_free(kid);
			return -1;
		}
		k = realloc(parent->kids, n * sizeof *k);
		if (!k) {
			query_free(kid);
			return -1;
		}
		memcpy(k + parent->nkids, kid->kids, kid->nkids * sizeof *k);
		parent->kids = k;
		parent->nkids = n;
		kid->nkids = 0;
	}
	query_free(kid);
	return 0;
}

static void
oom(parser *p)
{
	if (!p->rc)
		p->rc = -1;
	seterr(p->err, -1, "query: out of memory");
}

/* A new empty node of kind (NULL and p->rc set on failure). */
static qnode *
mk(parser *p, qkind kind)
{
	qnode *q;

	if (p->rc)
		return NULL;
	q = query_node(kind, NULL, NULL, 0);
	if (!q)
		oom(p);
	return q;
}

/* Adds kid (NULL: nothing) to g, taking it: the kids of an AND into an AND
 * and of an OR into an OR are moved up instead.  Frees kid on error. */
static void
add(parser *p, qnode *g, qnode *kid)
{
	if (!kid)
		return;
	if (p->rc || !g) {
		query_free(kid);
		return;
	}
	if (kid->kind == g->kind && (g->kind == Q_AND || g->kind == Q_OR) &&
	    !(kid->flags & QF_RUN)) {
		if (adopt(g, kid) < 0)
			oom(p);
		return;
	}
	if (push(g, kid) < 0) {
		query_free(kid);
		oom(p);
	}
}

/* Finishes a group: NULL if empty (or on error), its only kid if it has
 * one, else itself. */
static qnode *
done(parser *p, qnode *g)
{
	qnode *k;

	if (!g)
		return NULL;
	if (p->rc || g->nkids == 0) {
		query_free(g);
		return NULL;
	}
	if (g->nkids == 1) {
		k = g->kids[0];
		g->nkids = 0;
		query_free(g);
		return k;
	}
	return g;
}

/* Builds kind(first, rest's kids...) for NOT and MAYBE, taking both; a
 * first of the same kind is extended instead.  rest must be non-empty. */
static qnode *
head_op(parser *p, qkind kind, qnode *first, qnode *rest)
{
	qnode *g;

	if (p->rc) {
		query_free(first);
		query_free(rest);
		return NULL;
	}
	if (first && first->kind == kind) {
		g = first;
	} else {
		g = mk(p, kind);
		if (!first)
			first = mk(p, Q_ALL);
		if (!g || !first || push(g, first) < 0) {
			oom(p);
			query_free(g);
			query_free(first);
			query_free(rest);
			return NULL;
		}
	}
	if (adopt(g, rest) < 0) {
		oom(p);
		query_free(g);
		return NULL;
	}
	return g;
}

/* ---- lexer ---- */

/* The case of the ASCII letters of s[0..n): 1 if some are upper case and
 * none lower case, -1 if some are lower case, 0 if there are none. */
static int
caps(const char *s, size_t n)
{
	int up = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return -1;
		up |= s[i] >= 'A' && s[i] <= 'Z';
	}
	return up;
}

/* A query typed all in capitals (EFFECTS OF SANCTIONS ON RUSSIA AND
 * CANADA) is words: when every other word or phrase with letters is in
 * capitals, AND, OR, NOT and a bare NEAR are words too.  &, | and NEAR/n
 * stay operators. */
static void
caps_words(parser *p)
{
	int all = 0;
	size_t i;

	for (i = 0; i < p->ntk; i++) {
		const qtok *t = &p->tk[i];
		int c;

		if (t->kind != T_WORD && t->kind != T_PHRASE)
			continue;
		c = caps(p->s + t->start, t->end - t->start);
		if (c < 0)
			return;
		all |= c;
	}
	for (i = 0; all && i < p->ntk; i++) {
		qtok *t = &p->tk[i];

		if ((t->kind == T_AND || t->kind == T_OR || t->kind == T_NOT ||
		     t->kind == T_NEAR) &&
		    caps(p->s + t->start, t->end - t->start) > 0 &&
		    memchr(p->s + t->start, '/', t->end - t->start) == NULL)
			t->kind = T_WORD;
	}
}

/* 1 if a date: has a value that is not a date, with the message for the
 * first such in *msg (malloc'd; NULL without memory); else 0. */
static int
bad_date(parser *p, char **msg)
{
	for (size_t i = 0; i < p->ntk; i++) {
		const qtok *t = &p->tk[i];
		buf b = BUF_INIT;
		size_t n = t->end - t->start;

		if (!t->bad)
			continue;
		buf_adds(&b, "date:");
		u8_sanitize(&b, p->s + t->start, u8_floor(p->s + t->start, n,
							 40));
		buf_adds(&b, " is not a date: write a year (date:2025), a month "
			      "(date:2025-05), a day (date:2025-05-07) or a "
			      "range (date:2024..2025-06, date:2025.., "
			      "date:..2025)");
		*msg = buf_steal(&b);
		return 1;
	}
	return 0;
}

/* Bytes of the white space at s[i] (see the list at the top), or 0. */
static size_t
space_len(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t m = n - i;

	switch (u[0]) {
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
	case '\0':
		return 1;
	case 0xC2:
		return m >= 2 && (u[1] == 0xA0 || u[1] == 0x85) ? 2 : 0;
	case 0xE1:
		return m >= 3 && u[1] == 0x9A && u[2] == 0x80 ? 3 : 0;
	case 0xE2:
		if (m < 3)
			return 0;
		if (u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8A) ||
				     u[2] == 0xA8 || u[2] == 0xA9 ||
				     u[2] == 0xAF))
			return 3;
		return u[1] == 0x81 && u[2] == 0x9F ? 3 : 0;
	case 0xE3:
		return m >= 3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
	default:
		return 0;
	}
}

/* Bytes of the double quote at s[i] (", U+201C, U+201D, U+201E, U+FF02),
 * or 0. */
static size_t
quote_len(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t m = n - i;

	if (u[0] == '"')
		return 1;
	if (m >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x9C &&
	    u[2] <= 0x9E)
		return 3;
	if (m >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x82)
		return 3;
	return 0;
}

/* 1 if s[i] ends a chunk of text. */
static int
is_delim(const char *s, size_t n, size_t i)
{
	return s[i] == '(' || s[i] == ')' || s[i] == '|' ||
	       space_len(s, n, i) || quote_len(s, n, i);
}

/* 1 if something a prefix, field or "=" can apply to starts at s[i]: not
 * the end, a space, ")" or "|" (nor "(" if noparen). */
static int
value_at(const char *s, size_t n, size_t i, int noparen)
{
	if (i >= n || space_len(s, n, i))
		return 0;
	if (s[i] == ')' || s[i] == '|' || (noparen && s[i] == '('))
		return 0;
	return 1;
}

/* The operator a whole chunk spells, or T_WORD. */
static enum tkind
op_kind(const char *s, size_t len, unsigned *near)
{
	size_t i;
	unsigned v = 0;

	if (len == 3 && !memcmp(s, "AND", 3))
		return T_AND;
	if (len == 2 && !memcmp(s, "OR", 2))
		return T_OR;
	if (len == 3 && !memcmp(s, "NOT", 3))
		return T_NOT;
	if (len == 4 && !memcmp(s, "NEAR", 4)) {
		*near = NEAR_DEFAULT;
		return T_NEAR;
	}
	if (len > 5 && !memcmp(s, "NEAR/", 5)) {
		for (i = 5; i < len && ascii_digit((unsigned char)s[i]); i++)
			if (v <= NEAR_MAX)
				v = v * 10 + (unsigned)(s[i] - '0');
		if (i < len)
			return T_WORD;
		*near = v < 1 ? 1 : v > NEAR_MAX ? NEAR_MAX : v;
		return T_NEAR;
	}
	for (i = 0; i < len && s[i] == '&'; i++)
		;
	return len && i == len ? T_AND : T_WORD;
}

/* Reads a quoted span whose opening quote is at s[i] (k bytes): sets
 * *a..*b to its content and returns the offset after the closing quote
 * (or n if there is none). */
static size_t
quoted(const char *s, size_t n, size_t i, size_t k, size_t *a, size_t *b)
{
	i += k;
	*a = i;
	while (i < n && !(k = quote_len(s, n, i)))
		i++;
	*b = i;
	return i < n ? i + k : n;
}

/* Lexes the item (word, phrase, group start or filter, with its prefix,
 * field and "=") at s[i] into t; returns the offset after it. */
static size_t
lex_item(const char *s, size_t n, size_t i, qtok *t, const fields *fl)
{
	size_t j, k;
	int f;

	if ((s[i] == '+' || s[i] == '-') && value_at(s, n, i + 1, 0))
		t->prefix = s[i++];
	j = i + qfield_name_len(s + i, n - i);
	if (j > i && j < n && s[j] == ':' &&
	    (f = qfield_find(s + i, j - i, fl)) != F_NONE &&
	    value_at(s, n, j + 1, !qfield_is_text(f))) {
		t->field = f;
		i = j + 1;
	}
	if (!qfield_is_text(t->field)) {
		if ((k = quote_len(s, n, i))) {
			t->quoted = 1;
			i = quoted(s, n, i, k, &t->start, &t->end);
		} else {
			for (t->start = i; i < n && !is_delim(s, n, i); i++)
				;
			t->end = i;
		}
		t->kind = T_FILTER;
		/* not a date (date:2025-13, date:last-week): an error for
		 * the user (bad_date), never words to search */
		if (t->field == F_DATE &&
		    qfield_date_range(s + t->start, t->end - t->start, t->lo,
			       t->hi) < 0)
			t->bad = 1;
		return i;
	}
	if (s[i] == '=' && value_at(s, n, i + 1, 1)) {
		t->exact = 1;
		i++;
	}
	if (s[i] == '(') {
		t->kind = T_LPAREN;
		return i + 1;
	}
	if ((k = quote_len(s, n, i))) {
		t->kind = T_PHRASE;
		return quoted(s, n, i, k, &t->start, &t->end);
	}
	t->kind = T_WORD;
	for (t->start = i; i < n && !is_delim(s, n, i); i++)
		;
	t->end = i;
	if (!t->prefix && t->field == F_NONE && !t->exact)
		t->kind = op_kind(s + t->start, t->end - t->start, &t->near);
	if (t->kind == T_WORD)
		while (t->end > t->start && s[t->end - 1] == '*') {
			t->end--;
			t->wild = 1;
		}
	return i;
}

/* Returns arr (n elements of size bytes used, *cap allocated) with room
 * for one more, maybe moved; NULL (arr unchanged, p->rc set) if out of
 * memory. */
static void *
grow(parser *p, void *arr, size_t *cap, size_t n, size_t size)
{
	size_t c = *cap ? *cap * 2 : 16;
	void *q;

	if (n < *cap)
		return arr;
	if (c > SIZE_MAX / size || !(q = realloc(arr, c * size))) {
		oom(p);
		return NULL;
	}
	*cap = c;
	return q;
}

static int
push_tok(parser *p, const qtok *t)
{
	qtok *k = grow(p, p->tk, &p->captk, p->ntk, sizeof *k);

	if (!k)
		return -1;
	p->tk = k;
	p->tk[p->ntk++] = *t;
	return 0;
}

static int
lex(parser *p)
{
	const char *s = p->s;
	size_t n = p->n, i = 0, k;
	qtok t;

	while (i < n) {
		if ((k = space_len(s, n, i))) {
			i += k;
			continue;
		}
		memset(&t, 0, sizeof t);
		t.field = F_NONE;
		if (s[i] == '(') {
			t.kind = T_LPAREN;
			i++;
		} else if (s[i] == ')') {
			t.kind = T_RPAREN;
			i++;
		} else if (s[i] == '|') {
			t.kind = T_OR;
			while (i < n && s[i] == '|')
				i++;
		} else {
			i = lex_item(s, n, i, &t, p->fl);
		}
		if (push_tok(p, &t) < 0)
			return -1;
	}
	return 0;
}

static int
starts_operand(enum tkind k)
{
	return k == T_WORD || k == T_PHRASE || k == T_FILTER || k == T_LPAREN;
}

static int
ends_operand(enum tkind k)
{
	return k == T_WORD || k == T_PHRASE || k == T_FILTER || k == T_RPAREN;
}

/* Drops the parentheses nested too deep or unmatched, then the operators
 * that do not stand between two operands, and compacts the tokens. */
static void
tidy(parser *p)
{
	size_t i, j, o;
	unsigned depth = 0, extra = 0;
	enum tkind prev = T_DROP;

	for (i = 0; i < p->ntk; i++) {
		if (p->tk[i].kind == T_LPAREN) {
			if (depth >= p->maxdepth) {
				p->tk[i].kind = T_DROP;
				p->cut_depth = 1;
				extra++;
			} else {
				depth++;
			}
		} else if (p->tk[i].kind == T_RPAREN) {
			if (extra)
				extra--, p->tk[i].kind = T_DROP;
			else if (!depth)
				p->tk[i].kind = T_DROP;
			else
				depth--;
		}
	}
	for (i = 0; i < p->ntk; i++) {
		enum tkind k = p->tk[i].kind;

		if (k == T_DROP)
			continue;
		if (k == T_OR || k == T_AND || k == T_NOT || k == T_NEAR) {
			for (j = i + 1; j < p->ntk && p->tk[j].kind == T_DROP;
			     j++)
				;
			if (!ends_operand(prev) || j == p->ntk ||
			    !starts_operand(p->tk[j].kind)) {
				p->tk[i].kind = T_DROP;
				continue;
			}
		}
		prev = k;
	}
	for (i = o = 0; i < p->ntk; i++)
		if (p->tk[i].kind != T_DROP)
			p->tk[o++] = p->tk[i];
	p->ntk = o;
}

/* ---- words ---- */

static int
on_token(void *ctx, const tok_token *t)
{
	parser *p = ctx;
	qword *w;

	if (t->flags & TOK_F_BIGRAM)
		return 0;
	if (p->nterms + p->nw >= p->maxterms) {
		p->cut_terms = 1;
		p->chunk_cut = 1;
		return 1;
	}
	w = grow(p, p->w, &p->capw, p->nw, sizeof *w);
	if (!w)
		return -1;
	p->w = w;
	w = &p->w[p->nw++];
	w->off = p->terms.n;
	w->len = t->len;
	w->start = p->base + t->start;
	w->end = p->base + t->end;
	w->pos = t->pos;
	w->nchars = t->nchars;
	w->flags = t->flags;
	buf_add(&p->terms, t->term, t->len);
	buf_addc(&p->terms, '\0');
	if (p->terms.err) {
		oom(p);
		return -1;
	}
	return 0;
}

/* A Q_WORD for p->w[i]. */
static qnode *
word_node(parser *p, size_t i, const char *field, int exact)
{
	const qword *w = &p->w[i];
	qnode *q;

	q = query_node(Q_WORD, field, p->terms.p + w->off, w->len);
	if (!q) {
		oom(p);
		return NULL;
	}
	q->pos = w->pos;
	q->qstart = w->start;
	q->qend = w->end;
	if (w->flags & TOK_F_CJK) {
		q->flags |= QF_CJK;
		q->width = w->nchars;
	} else {
		q->width = 1;
	}
	if (exact)
		q->flags |= QF_EXACT;
	p->nterms++;
	return q;
}

/* The node for the text s[a..b): see "Words" at the top. */
static qnode *
words(parser *p, size_t a, size_t b, int field, int exact, int wild,
      int isquoted)
{
	const char *fname = qfield_name(field, p->fl);
	qnode *g, *q;
	size_t i;
	int rc, any_cjk = 0;

	p->nw = 0;
	buf_reset(&p->terms);
	p->chunk_cut = 0;
	if (p->rc || a >= b)
		return NULL;
	p->base = a;
	rc = tok_run(p->t, p->s + a, b - a, 0, 0, on_token, p, p->err);
	if (rc < 0 || p->rc) {
		if (!p->rc)
			p->rc = rc;
		seterr(p->err, p->rc, "query: tokenizer failed");
		return NULL;
	}
	if (p->nw == 0)
		return NULL;
	if (wild && p->nw == 1 && !p->chunk_cut &&
	    u8_count(p->terms.p, p->w[0].len) >= 2) {
		q = query_node(Q_WILD, fname, p->terms.p, p->w[0].len);
		if (!q) {
			oom(p);
			return NULL;
		}
		if (p->w[0].flags & TOK_F_CJK)
			q->flags |= QF_CJK;
		if (exact)
			q->flags |= QF_EXACT;
		p->nterms++;
		return q;
	}
	if (p->nw == 1)
		return word_node(p, 0, fname, exact);
	for (i = 0; i < p->nw; i++)
		if (p->w[i].flags & TOK_F_CJK)
			any_cjk = 1;
	g = mk(p, !isquoted && any_cjk ? Q_AND : Q_PHRASE);
	if (!g)
		return NULL;
	/* the positions the words span (a CJK word spans its characters) */
	g->window = p->w[p->nw - 1].pos - p->w[0].pos +
		    ((p->w[p->nw - 1].flags & TOK_F_CJK) ? p->w[p->nw - 1].nchars
							  : 1);
	if (g->kind == Q_AND)
		g->flags = QF_RUN;
	if (g->kind == Q_PHRASE) {
		g->field = fname;
		g->flags = (isquoted ? QF_QUOTED : 0) | (exact ? QF_EXACT : 0);
	}
	for (i = 0; i < p->nw && !p->rc; i++)
		add(p, g, word_node(p, i, fname, exact));
	return done(p, g);
}

/* Appends s[0..n) to p->val without NUL bytes. */
static void
val_add(parser *p, const char *s, size_t n)
{
	size_t i, a;

	for (i = a = 0; i < n; i++)
		if (s[i] == '\0') {
			buf_add(&p->val, s + a, i - a);
			a = i + 1;
		}
	buf_add(&p->val, s + a, n - a);
}

/* The Q_FILTER or Q_DATE node for a T_FILTER token. */
static qnode *
filter(parser *p, const qtok *t)
{
	buf tmp = BUF_INIT;
	qnode *q;
	int f = t->field == F_LANGUAGE ? F_LANG : t->field;

	if (p->rc)
		return NULL;
	if (p->nterms >= p->maxterms) {
		p->cut_terms = 1;
		return NULL;
	}
	buf_reset(&p->val);
	if (f == F_DATE) {
		q = query_node(Q_DATE, query_fields[F_DATE], t->lo,
			       strlen(t->lo));
		if (q && !(q->text2 = str_dup(t->hi))) {
			query_free(q);
			q = NULL;
		}
		if (!q)
			oom(p);
		else
			p->nterms++;
		return q;
	}
	if (f == F_LANG) {
		if (tok_fold(p->t, p->s + t->start, t->end - t->start, &tmp) <
		    0) {
			buf_free(&tmp);
			if (!p->rc)
				p->rc = -1;
			seterr(p->err, -1, "query: cannot fold \"lang:\"");
			return NULL;
		}
	} else {
		u8_sanitize(&tmp, p->s + t->start, t->end - t->start);
	}
	if (!tmp.err)
		val_add(p, tmp.p ? tmp.p : "", tmp.n);
	if (tmp.err || p->val.err) {
		buf_free(&tmp);
		oom(p);
		return NULL;
	}
	buf_free(&tmp);
	if (!p->val.n)
		return NULL;
	q = query_node(Q_FILTER, qfield_name(f, p->fl), p->val.p, p->val.n);
	if (q && f >= QF_EXTRA && t->quoted)
		q->flags |= QF_QUOTED;
	if (!q)
		oom(p);
	else
		p->nterms++;
	return q;
}

/* ---- parser ---- */

static qnode *p_bin(parser *p, int is_and, int field, unsigned depth);

static const qtok *
cur(const parser *p)
{
	return p->pos < p->ntk ? &p->tk[p->pos] : NULL;
}

static int
at(const parser *p, enum tkind k)
{
	return p->pos < p->ntk && p->tk[p->pos].kind == k;
}

/* prim: a group, phrase, word or filter.  Consumes one token at least. */
static qnode *
p_prim(parser *p, int field, unsigned depth)
{
	const qtok *t = cur(p);
	qnode *q;
	int f;

	if (!t || p->rc)
		return NULL;
	p->pos++;
	f = t->field != F_NONE ? t->field : field;
	switch (t->kind) {
	case T_LPAREN:
		if (depth >= p->maxdepth) /* not reached: tidy() dropped it */
			return NULL;
		q = p_bin(p, 0, f, depth + 1);
		if (at(p, T_RPAREN))
			p->pos++;
		return q;
	case T_PHRASE:
		return words(p, t->start, t->end, f, t->exact, 0, 1);
	case T_WORD:
		return words(p, t->start, t->end, f, t->exact, t->wild, 0);
	case T_FILTER:
		return filter(p, t);
	default:
		return NULL;
	}
}

/* Appends kid (NULL: nothing) to g as it is, taking it. */
static void
add_raw(parser *p, qnode *g, qnode *kid)
{
	if (!kid)
		return;
	if (p->rc || !g || push(g, kid) < 0) {
		query_free(kid);
		oom(p);
	}
}

/* unit: prim (NEAR prim)*. */
static qnode *
p_unit(parser *p, int field, unsigned depth)
{
	qnode *g, *a;
	unsigned window = 0;
	size_t i;
	int words_only = 1;

	a = p_prim(p, field, depth);
	if (!at(p, T_NEAR))
		return a;
	g = mk(p, Q_NEAR);
	add_raw(p, g, a);
	while (at(p, T_NEAR)) {
		if (cur(p)->near > window)
			window = cur(p)->near;
		p->pos++;
		if (p->pos < p->ntk && starts_operand(cur(p)->kind))
			add_raw(p, g, p_prim(p, field, depth));
	}
	if (p->rc) {
		query_free(g);
		return NULL;
	}
	g->window = window;
	for (i = 0; i < g->nkids; i++)
		if (g->kids[i]->kind != Q_WORD && g->kids[i]->kind != Q_PHRASE)
			words_only = 0;
	if (words_only || g->nkids < 2)
		return done(p, g);
	/* NEAR of groups, wildcards, filters: an AND of them */
	a = mk(p, Q_AND);
	for (i = 0; i < g->nkids; i++)
		add(p, a, g->kids[i]);
	g->nkids = 0;
	query_free(g);
	return done(p, a);
}

/* 1 if q restricts without matching words: filters, dates, and AND, OR and
 * NOT of only those. */
static int
is_filter(const qnode *q)
{
	size_t i;

	if (q->kind == Q_FILTER || q->kind == Q_DATE)
		return 1;
	if (q->kind != Q_AND && q->kind != Q_OR && q->kind != Q_NOT)
		return 0;
	for (i = 0; i < q->nkids; i++)
		if (!is_filter(q->kids[i]))
			return 0;
	return q->nkids > 0;
}

/* 1 if q is a filter on field, or an OR of only such filters. */
static int
same_field(const qnode *q, const char *field)
{
	size_t i;

	if (q->kind == Q_FILTER || q->kind == Q_DATE)
		return q->field == field;
	if (q->kind != Q_OR)
		return 0;
	for (i = 0; i < q->nkids; i++)
		if ((q->kids[i]->kind != Q_FILTER &&
		     q->kids[i]->kind != Q_DATE) ||
		    q->kids[i]->field != field)
			return 0;
	return 1;
}

/* 1 if q matches in field f only: a word, phrase or wildcard of that
 * field, or an AND or OR of only those (and of filters). */
static int
in_field(const qnode *q, int f)
{
	size_t i;

	if (q->kind == Q_WORD || q->kind == Q_PHRASE || q->kind == Q_WILD)
		return q->field && strcmp(q->field, query_fields[f]) == 0;
	if (q->kind != Q_AND && q->kind != Q_OR)
		return 0;
	for (i = 0; i < q->nkids; i++)
		if (!in_field(q->kids[i], f) && !is_filter(q->kids[i]))
			return 0;
	return q->nkids > 0;
}

/* 1 if q restricts as a filter does: author: and source: (Google's
 * site:), besides lang:, id: and date:. */
static int
restricts(const qnode *q)
{
	return is_filter(q) || in_field(q, F_AUTHOR) || in_field(q, F_SOURCE);
}

/* Adds filter q to the AND f, ORed with a filter on the same field. */
static void
add_filter(parser *p, qnode *f, qnode *q)
{
	qnode *o;
	size_t i;

	if (p->rc || !f || (q->kind != Q_FILTER && q->kind != Q_DATE)) {
		add(p, f, q);
		return;
	}
	for (i = 0; i < f->nkids; i++) {
		if (!same_field(f->kids[i], q->field))
			continue;
		if (f->kids[i]->kind != Q_OR) {
			o = mk(p, Q_OR);
			if (!o || push(o, f->kids[i]) < 0) {
				query_free(o);
				query_free(q);
				oom(p);
				return;
			}
			f->kids[i] = o;
		}
		add(p, f->kids[i], q);
		return;
	}
	add(p, f, q);
}

/* seq: item+, combined as described at the top. */
static qnode *
p_seq(parser *p, int field, unsigned depth)
{
	qnode *r, *o, *x, *f, *q, *pos, *base;
	char prefix;

	r = mk(p, Q_AND);
	o = mk(p, Q_OR);
	x = mk(p, Q_OR);
	f = mk(p, Q_AND);
	while (!p->rc && p->pos < p->ntk && starts_operand(cur(p)->kind)) {
		prefix = cur(p)->prefix;
		q = p_unit(p, field, depth);
		if (!q)
			continue;
		/* inside a field's group (source:(a b)) the words are
		 * combined as usual; the group as a whole restricts */
		if (prefix == '-')
			add(p, x, q);
		else if (field == F_NONE ? restricts(q) : is_filter(q))
			add_filter(p, f, q);
		else if (prefix == '+' || p->defop == Q_AND ||
			 (field == F_NONE && in_field(q, F_TITLE)))
			add(p, r, q);
		else
			add(p, o, q);
	}
	if (p->rc) {
		query_free(r);
		query_free(o);
		query_free(x);
		query_free(f);
		return NULL;
	}
	if (r->nkids == 0) {
		query_free(r);
		pos = done(p, o);
	} else if (o->nkids == 0) {
		query_free(o);
		pos = done(p, r);
	} else {
		pos = head_op(p, Q_MAYBE, done(p, r), o);
	}
	base = pos;
	if (f->nkids) {
		base = mk(p, Q_AND);
		add(p, base, pos);
		if (base && adopt(base, f) < 0)
			oom(p);
		if (!base)
			query_free(f);
		base = done(p, base);
	} else {
		query_free(f);
	}
	if (x->nkids)
		return head_op(p, Q_NOT, base, x);
	query_free(x);
	return base;
}

/* not_expr: seq (NOT seq)*. */
static qnode *
p_not(parser *p, int field, unsigned depth)
{
	qnode *first, *x;

	first = p_seq(p, field, depth);
	if (!at(p, T_NOT))
		return first;
	x = mk(p, Q_OR);
	while (at(p, T_NOT)) {
		p->pos++;
		add(p, x, p_seq(p, field, depth));
	}
	if (p->rc || !x->nkids) {
		query_free(x);
		if (p->rc) {
			query_free(first);
			return NULL;
		}
		return first;
	}
	return head_op(p, Q_NOT, first, x);
}

/* and_expr (is_and): not_expr (AND not_expr)*, or else or_expr:
 * and_expr (OR and_expr)*. */
static qnode *
p_bin(parser *p, int is_and, int field, unsigned depth)
{
	qnode *g = mk(p, is_and ? Q_AND : Q_OR);

	for (;;) {
		add(p, g, is_and ? p_not(p, field, depth)
				 : p_bin(p, 1, field, depth));
		if (!at(p, is_and ? T_AND : T_OR))
			return done(p, g);
		p->pos++;
	}
}

int
query_parse(tok *t, const char *s, size_t n, const query_opts *opts,
	    qnode **out, char **warn, char **err)
{
	static const query_opts defaults = QUERY_OPTS_DEFAULT;
	parser p;
	qnode *root = NULL, *top;
	char *bad = NULL;
	buf w = BUF_INIT;
	size_t before;
	int cut = 0;

	*out = NULL;
	if (warn)
		*warn = NULL;
	if (!t)
		return seterr(err, -1, "query: no tokenizer");
	if (!opts)
		opts = &defaults;
	memset(&p, 0, sizeof p);
	p.t = t;
	p.err = err;
	p.s = s ? s : "";
	p.n = s ? n : 0;
	p.defop = opts->default_op == Q_AND ? Q_AND : Q_OR;
	p.maxdepth = opts->maxdepth < QUERY_DEPTH_CAP ? opts->maxdepth
						      : QUERY_DEPTH_CAP;
	p.maxterms = opts->maxterms;
	p.fl = opts->fields;
	if (p.n > opts->maxlen) {
		cut = 1;
		p.n = u8_floor(p.s, p.n, opts->maxlen);
		if (p.n + 3 < opts->maxlen) /* invalid bytes: cut anywhere */
			p.n = opts->maxlen;
	}
	if (lex(&p) == 0 && bad_date(&p, &bad)) {
		free(p.tk);
		if (err && !*err)
			*err = bad;
		else
			free(bad);
		return QUERY_EDATE;
	}
	if (p.rc == 0) {
		caps_words(&p);
		tidy(&p);
		top = mk(&p, Q_OR);
		while (!p.rc && p.pos < p.ntk) {
			before = p.pos;
			add(&p, top, p_bin(&p, 0, F_NONE, 0));
			if (p.pos == before) /* cannot happen after tidy() */
				p.pos++;
		}
		root = done(&p, top);
	}
	free(p.tk);
	free(p.w);
	buf_free(&p.terms);
	buf_free(&p.val);
	if (p.rc) {
		query_free(root);
		return seterr(err, p.rc, "query: out of memory");
	}
	if (!root && !(root = query_node(Q_NONE, NULL, NULL, 0)))
		return seterr(err, -1, "query: out of memory");
	if (warn) {
		if (cut)
			buf_printf(&w, "query cut to %zu bytes", opts->maxlen);
		if (p.cut_depth)
			buf_printf(&w, "%sparentheses nested deeper than %u "
				   "levels ignored", w.n ? "; " : "",
				   p.maxdepth);
		if (p.cut_terms)
			buf_printf(&w, "%squery cut to %u words",
				   w.n ? "; " : "", p.maxterms);
		if (w.n && !(*warn = buf_steal(&w))) {
			query_free(root);
			return seterr(err, -1, "query: out of memory");
		}
		buf_free(&w);
	}
	*out = root;
	return 0;
}

/* ---- canonical form ---- */

/* 1 if term must be quoted: empty, or with space, control, quote,
 * backslash, parenthesis or colon. */
static int
needs_quotes(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!*u)
		return 1;
	for (; *u; u++)
		if (*u <= ' ' || *u == 0x7F || *u == '"' || *u == '\\' ||
		    *u == '(' || *u == ')' || *u == ':')
			return 1;
	return 0;
}

/* Appends s escaped for inside double quotes: \" \\ and \xHH for
 * controls. */
static void
put_escaped(buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	for (; *u; u++) {
		if (*u == '"' || *u == '\\')
			buf_printf(b, "\\%c", *u);
		else if (*u < ' ' || *u == 0x7F)
			buf_printf(b, "\\x%02X", *u);
		else
			buf_addc(b, *u);
	}
}

static void
put_term(buf *b, const char *s)
{
	if (!s)
		s = "";
	if (!needs_quotes(s)) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	put_escaped(b, s);
	buf_addc(b, '"');
}

static void
put_field(buf *b, const qnode *q)
{
	if (q->field) {
		buf_adds(b, q->field);
		buf_addc(b, ':');
	}
	if (q->flags & QF_EXACT)
		buf_addc(b, '=');
}

static void
canon(buf *b, const qnode *q)
{
	static const char *const ops[] = {
		[Q_AND] = "AND", [Q_OR] = "OR", [Q_NOT] = "NOT",
		[Q_MAYBE] = "MAYBE"};
	size_t i;

	if (!q) {
		buf_adds(b, "<null>");
		return;
	}
	switch (q->kind) {
	case Q_WORD:
		put_field(b, q);
		put_term(b, q->text);
		break;
	case Q_WILD:
		put_field(b, q);
		put_term(b, q->text);
		buf_addc(b, '*');
		break;
	case Q_PHRASE:
		put_field(b, q);
		buf_addc(b, '"');
		for (i = 0; i < q->nkids; i++) {
			if (i)
				buf_addc(b, ' ');
			put_escaped(b, q->kids[i]->text ? q->kids[i]->text
							: "");
		}
		buf_addc(b, '"');
		break;
	case Q_NEAR:
	case Q_AND:
	case Q_OR:
	case Q_NOT:
	case Q_MAYBE:
		if (q->kind == Q_NEAR)
			buf_printf(b, "(NEAR/%u", q->window);
		else
			buf_printf(b, "(%s", ops[q->kind]);
		for (i = 0; i < q->nkids; i++) {
			buf_addc(b, ' ');
			canon(b, q->kids[i]);
		}
		buf_addc(b, ')');
		break;
	case Q_FILTER:
		buf_adds(b, q->field ? q->field : "?");
		buf_addc(b, ':');
		put_term(b, q->text);
		break;
	case Q_DATE:
		buf_adds(b, "date:");
		buf_adds(b, q->text ? q->text : "");
		if (!q->text || !q->text2 || strcmp(q->text, q->text2) ||
		    !q->text[0]) {
			buf_adds(b, "..");
			buf_adds(b, q->text2 ? q->text2 : "");
		}
		break;
	case Q_ALL:
		buf_adds(b, "<all>");
		break;
	case Q_NONE:
		buf_adds(b, "<none>");
		break;
	default:
		buf_printf(b, "<kind %d>", (int)q->kind);
		break;
	}
}

char *
query_canon(const qnode *q)
{
	buf b = BUF_INIT;

	canon(&b, q);
	return buf_steal(&b);
}
