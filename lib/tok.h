/*
 * tok: the one tokenizer.  The only module that includes ICU headers.
 *
 * Text in (UTF-8, any length, possibly invalid); out, through a callback, one
 * token per word with its normalized term, its position and its byte span in
 * the original text (SQLite FTS5's xTokenize idea).  The indexer, the query
 * parser and the snippet maker all call it, so what is indexed, searched and
 * highlighted always agree.
 *
 * Words:      ICU's word break iterator (root locale), so Chinese, Japanese
 *             and Thai are segmented with ICU's dictionaries.  Only spans
 *             whose rule status is a word (letter, number, kana, ideo) become
 *             tokens; punctuation, spaces, symbols and emoji do not.
 * Chinese:    Traditional characters are Simplified ones: every term is
 *             folded with a table made once from ICU's Traditional-
 *             Simplified transliterator (lib/tsfold.inc, scripts/gen-tsfold),
 *             and a run of CJK text without kana is folded before the word
 *             breaks too (a run ends at a character below U+2E80 and at
 *             、。，：；！？), so 數據安全法 is cut as 数据安全法 is (the same
 *             words, terms and positions); Japanese runs keep their own
 *             breaks.  Spans still point at the text as written.  Characters
 *             Simplified text writes as themselves with their own meaning
 *             (著, 乾, 藉, ...) are kept.
 * Terms:      NFKC_Casefold (NFKC + full case folding + removal of default
 *             ignorables), then Traditional -> Simplified, and U+2019/
 *             U+2018/U+02BC folded to an ASCII apostrophe.  A term is at
 *             most TOK_MAXTERM bytes: a longer word is cut at a code point boundary (the same cut at index and query
 *             time, so a capped word still matches itself).
 * Positions:  start at 0 and grow by one per word, except inside a run of
 *             Han/Hiragana/Katakana characters, where a word's position is
 *             the index of its first character in the run, and the position
 *             after it advances by its length in characters; so each CJK
 *             character has its own position and bigrams (below) line up.
 * Bigrams:    with TOK_BIGRAMS, every pair of adjacent characters inside a
 *             CJK run is also emitted (flag TOK_F_BIGRAM) at the position of
 *             its first character, after the words that cover it.  Words of
 *             exactly two CJK characters are not repeated as bigrams.
 * Invalid UTF-8: each invalid byte is read as U+FFFD, which is never part of
 *             a word; so invalid bytes split words and are never in a term,
 *             and byte spans still point into the original bytes.  NUL bytes
 *             are ordinary non-word characters.
 */
#ifndef TOK_H
#define TOK_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define TOK_MAXTERM 64 /* bytes in a normalized term, see above */

/* options for tok_run */
#define TOK_BIGRAMS 1 /* also emit CJK character bigrams */

/* token flags */
#define TOK_F_CJK 1	/* word made of Han/Hiragana/Katakana characters */
#define TOK_F_BIGRAM 2	/* synthetic CJK bigram (TOK_BIGRAMS only) */
#define TOK_F_NUMBER 4	/* ICU says number (e.g. "3.48", "2026") */
#define TOK_F_CUT 8	/* the word was longer than TOK_MAXTERM and was cut */
#define TOK_F_CAPS 16	/* an acronym: an ASCII word of two or more capitals
			   (CHIP, NIST) with lower case around it (tok.c) */

typedef struct tok_token {
	const char *term; /* normalized, NUL-terminated; valid during callback */
	size_t len;	  /* bytes in term */
	unsigned pos;	  /* position, see above */
	size_t start;	  /* byte span of the word in the original text */
	size_t end;
	unsigned nchars;  /* code points in the original span */
	int flags;	  /* TOK_F_* */
} tok_token;

/* Called once per token, in text order (bigrams right after the words that
 * cover them).  Return 0 to go on; any other value stops tok_run, which then
 * returns that value. */
typedef int (*tok_cb)(void *ctx, const tok_token *t);

/* A tokenizer: ICU break iterator and scratch buffers.  Reusable and cheap
 * to call many times; not thread safe: use one per thread. */
typedef struct tok tok;

/* Returns a new tokenizer or NULL (with *err set). */
tok *tok_new(char **err);
void tok_free(tok *t);

/* Tokenizes text[0..len).  Returns 0, the callback's non-zero value, or a
 * negative value if ICU failed (with *err set).  `first_pos` is the position
 * given to the first token (for adding a second field after a first one). */
int tok_run(tok *t, const char *text, size_t len, int opts, unsigned first_pos,
	    tok_cb cb, void *ctx, char **err);

/* Normalizes a whole string as one term would be (NFKC_Casefold,
 * Traditional -> Simplified, apostrophes, invalid bytes dropped), without splitting into words and without the
 * length cap; for field values such as source names.  Appends to out.
 * Returns 0 or negative. */
int tok_fold(tok *t, const char *s, size_t len, buf *out);

/* Writes into out (cap >= TOK_MAXTERM + 1) the term with Latin/Greek/
 * Cyrillic combining diacritics (U+0300..U+036F) removed after canonical
 * decomposition ("zürich" -> "zurich", "résumé" -> "resume").  Returns the
 * length written, or 0 if the term has no such diacritics (out unchanged). */
size_t tok_unaccent(tok *t, const char *term, size_t len, char *out, size_t cap);

/* Guesses a language from the script of the letters in text (first 4 KiB):
 * returns a static ISO 639-1 code ("zh", "ja", "ko", "ru", "ar", "el", "he",
 * "hi", "th", ...); for Latin script, the language whose commonest short
 * words occur most (de, fr, es, it, pt, nl, sv, da, tr, id, ro, hu, fi, vi)
 * when it clearly beats English, else "en" (also with no letters).  Callers
 * prefer metadata when the article gives a language. */
const char *tok_guess_lang(const char *text, size_t len);

/* The Simplified form of the code point c (one code point; see Chinese
 * above), or c itself. */
uint32_t tok_simplified(uint32_t c);

/* 1 if the code point at s (valid UTF-8) is Han, Hiragana or Katakana. */
int tok_is_cjk(const char *s, size_t len);

#endif
