/*
 * schema: what the index holds, in one place.  The writer (index.c) and the
 * query planner (plan.c) both read it; the shim (xdb.cc) knows none of it.
 *
 * Term prefixes (Omega's convention: lowercase terms are words, capitalised
 * prefixes are fields):
 *   (none) word at its position     S  title word at its position
 *   Z  stem of a word               ZS stem of a title word
 *   XT truncated word (schema_trunc_len: the first 6 characters of a word
 *      of 7 or more, not a number, not CJK)
 *   A  author word (boolean)        B  source word (boolean)
 *   XS whole source, folded         L  language (ISO 639-1)
 *   Y  year                         XM year and month (YYYYMM)
 *   U  url                          Q  id (schema_idterm; documents
 *                                      of different origins may share it)
 *   XU unique term: origin and id (schema_keyterm)
 *   XQ qualified id, FILE:ID (schema_qualterm)
 *   XR the source the document was read from (schema_srcterm)
 *   XC a phrase of the title, for suggestions (suggest.h)
 *   XF a metadata field's value or list item, folded: XF + name + ":" +
 *      value (fields.h; schema_fieldterm)
 *   XW a word of a metadata field: XW + name + ":" + word
 *   XA acronym (tok.h's TOK_F_CAPS: CHIP, NIST), the word as written,
 *      instead of its Z stem, so that only the same word finds it (chip
 *      and CHIP do, chips does not); XAS the same in a title
 *   XE< XE> the edges of the title and of each well-known name: the
 *      positions just before its first word and just after its last, so
 *      a phrase can ask for a whole name (plan.c: name bonus)
 *   XI the initials of words of a title or name: an acronym of it
 *      (initials.h: XItraiga)
 * Value slots: SCHEMA_SLOT_*.
 * Spelling table: the plain words that schema_spellable accepts.
 */
#ifndef SCHEMA_H
#define SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Version of the document layout (terms, values, record), folded into every
 * content hash: bump it when what a document is indexed as changes (the
 * writer's terms, or the tokenizer's: 4 cut letter-digit runs and undotted
 * initials; 5 a document is its origin plus its id; or what the readers
 * make of a file: 6 read raw page text for its headline, date, byline and
 * body, lib/raw.c; 7 added the near-duplicate signature, dup.h; 8 the
 * title phrases for suggestions, suggest.h, the time of indexing,
 * SCHEMA_SLOT_INDEXED, every metadata field of a JSON record, fields.h,
 * and the record's extra, Traditional Chinese folded to Simplified by
 * the tokenizer, a record's well-known names, article.h, indexed as
 * title text between edge terms, and acronyms as XA terms, not stems;
 * 9 the initials of titles and names, initials.h, and the body's words
 * for snippets, SCHEMA_SLOT_OFFSETS, offs.h), and the next indexer run
 * re-indexes every document. */
#define SCHEMA_LAYOUT "9"

#define SCHEMA_TITLE "S"
#define SCHEMA_STEM "Z"
#define SCHEMA_TITLE_STEM "ZS"
#define SCHEMA_TRUNC "XT"
#define SCHEMA_AUTHOR "A"
#define SCHEMA_SOURCE_WORD "B"
#define SCHEMA_SOURCE "XS"
#define SCHEMA_LANG "L"
#define SCHEMA_YEAR "Y"
#define SCHEMA_MONTH "XM"
#define SCHEMA_URL "U"
#define SCHEMA_ID "Q"
#define SCHEMA_READ_FROM "XR"
#define SCHEMA_KEY "XU"
#define SCHEMA_QUALIFIED "XQ"
#define SCHEMA_SUGGEST "XC"
#define SCHEMA_FIELD "XF"
#define SCHEMA_FIELD_WORD "XW"
#define SCHEMA_ACRONYM "XA"
#define SCHEMA_NAME_START "XE<"
#define SCHEMA_NAME_END "XE>"
#define SCHEMA_INITIALS "XI"

enum {
	SCHEMA_SLOT_DATE = 0,	/* "YYYY-MM-DD" (unknown parts "00") */
	SCHEMA_SLOT_SOURCE = 1, /* source as written, for facets */
	SCHEMA_SLOT_LANG = 2,	/* ISO 639-1 */
	SCHEMA_SLOT_YEAR = 3,	/* "YYYY" */
	SCHEMA_SLOT_HASH = 4,	/* schema_hash_value, for incremental indexing */
	SCHEMA_SLOT_META = 5,	/* article_pack record without the text */
	SCHEMA_SLOT_DUPSIG = 6, /* body MinHash signature (dup.h) */
	SCHEMA_SLOT_DUP = 7,	/* duplicate-group key, 16 hex digits; none
				 * for a document without copies (dup.h) */
	SCHEMA_SLOT_INDEXED = 8, /* when the document was indexed (added or
				  * changed): schema_stamp */
	SCHEMA_SLOT_FIELDS = 9,	/* the values of its facet fields (fields.h):
				 * name US value, entries joined by RS */
	SCHEMA_SLOT_OFFSETS = 10 /* the body's words as the tokenizer cut
				  * them, for snippets (offs.h) */
};

/* The value in SCHEMA_SLOT_INDEXED: the time now, UTC,
 * "YYYY-MM-DDTHH:MM:SSZ" (so it compares with "YYYY-MM-DD" dates as
 * text), or the time in $SOURCE_DATE_EPOCH (seconds since 1970) when that
 * is set, for reproducible indexes and tests. */
#define SCHEMA_STAMPLEN 20
void schema_stamp(char out[SCHEMA_STAMPLEN + 1]);

/* The separators of SCHEMA_SLOT_FIELDS entries (ASCII US and RS). */
#define SCHEMA_FIELDS_US '\x1f'
#define SCHEMA_FIELDS_RS '\x1e'

/* A metadata field's term: prefix (SCHEMA_FIELD or SCHEMA_FIELD_WORD) +
 * name + ":" + v[0..n) (already folded).  Appends to out. */
void schema_fieldterm(buf *out, const char *prefix, const char *name,
		      const char *v, size_t n);

/* The id term for an id: "Q"+id, or for ids over 200 bytes "Q"+first 180
 * bytes+"#"+hex hash.  Appends to out. */
void schema_idterm(buf *out, const char *id);

/* The unique term of the document with this id read from origin (the
 * absolute path of its file or folder): "XU" + 32 hex digits, the hash of
 * origin then of origin and id.  Appends to out. */
void schema_keyterm(buf *out, const char *origin, const char *id);
/* The qualified id term: "XQ" + label + ":" + id (cut as schema_idterm
 * cuts), where label names the origin (a JSON Lines file's or a source
 * folder's name), so that `searcher --doc LABEL:ID` finds one document
 * when several origins use ID.  label NULL: id is already LABEL:ID.
 * Appends to out. */
void schema_qualterm(buf *out, const char *label, const char *id);

/* The source term of a document: "XR" + 16 hex digits of the hash of the
 * source's absolute path (the folder or file named on the command line).
 * Appends to out. */
void schema_srcterm(buf *out, const char *abspath);

/* 64-bit FNV-1a of a byte string, continuing from h (start with
 * SCHEMA_HASH_SEED). */
#define SCHEMA_HASH_SEED HASH_FNV64_INIT
uint64_t schema_hash(uint64_t h, const void *p, size_t n);

/* The value in SCHEMA_SLOT_HASH: 32 lowercase hex digits, the content hash
 * then the hash (schema_hash) of the id term, so the documents of a source
 * can be matched to their ids from the value stream alone. */
#define SCHEMA_HASHLEN 32
void schema_hash_value(char out[SCHEMA_HASHLEN + 1], uint64_t content,
		       uint64_t id);
/* Parses such a value.  Returns 0, or -1 if it is not one (an index built
 * by an older indexer). */
int schema_parse_hash_value(const char *v, size_t n, uint64_t *content,
			    uint64_t *id);

/* Reads 16 lowercase hex digits at s (a hash in a value: the hash value's
 * halves, a duplicate-group key) into *out.  Returns 0, or -1 if they are
 * not that. */
int schema_hex64(const char *s, uint64_t *out);

/* Bytes of term's truncated twin (its first SCHEMA_TRUNC_CHARS code
 * points), or 0 if the term is not longer than that. */
#define SCHEMA_TRUNC_CHARS 6
size_t schema_trunc_len(const char *term, size_t len);

/* 1 if the index term t[0..n) belongs in the spelling table: a plain
 * (unprefixed) word of 3..24 bytes made of letters only, Latin, Greek or
 * Cyrillic (ASCII a-z or two-byte UTF-8 sequences); no digits, no CJK
 * (single Chinese characters and bigrams must not be "corrected").  The
 * writer hands it to xdb_set_spelling. */
int schema_spellable(const char *t, size_t n);

/* 1 if w[0..n) is an English stop-word (Lucene's list): dropped from
 * OR-ed query words (plan.c), never at the ends of a suggestion
 * (suggest.c). */
int schema_stopword(const char *w, size_t n);
/* 1 if the index term t[0..n) may stand for its document in relevance
 * feedback (similar.h): a word as written, lowercased (no field prefix,
 * not a stem or a truncated twin), of at least 2 bytes, not all digits. */
int schema_feedback(const char *t, size_t n);
/* 1 if the index term t[0..n) may join a query by pseudo-relevance
 * feedback (prf.h): the stem of a body word (Z, not ZS) that is
 * schema_spellable: no numbers, no CJK, no acronyms. */
int schema_expandable(const char *t, size_t n);

#endif
