/*
 * rawline.h: private to the raw text reader (raw.c).  What one line of raw
 * page text is: a date, a name or byline, page chrome, a tail marker, a
 * paragraph or a list item; the words, phrases and tests behind each.
 * raw.c reads the lines in order and decides what the page's headline,
 * date, byline and body are.
 */
#ifndef RAWLINE_H
#define RAWLINE_H

#include <stddef.h>

#include "date.h"
#include "util.h"

#define PARA_BYTES 250	/* a longer line is a paragraph */
#define META_BYTES 200	/* a longer line holds no byline or date */

/* s[0..n) starts with p (ASCII case-insensitive). */
int rl_starts(const char *s, size_t n, const char *p);

size_t rl_count_words(const char *s, size_t n);

/* Bytes of CJK characters (U+2E80..U+9FFF, U+F900..U+FAFF) in s. */
size_t rl_cjk_bytes(const char *s, size_t n);

/* A letter: ASCII, Latin-1 and Latin Extended letters, Greek to the end of
 * the alphabets before U+2000, kana and CJK (not punctuation, symbols or
 * emoji). */
int rl_has_letter(const char *s, size_t n);

/* A time or zone: "8:05 AM PDT", "10:32", "GMT+8". */
int rl_is_time(const char *s, size_t n);

/* If a date (with a day, or a month when whole is set and nothing
 * follows) starts at s, returns the bytes it takes and sets *d; else 0. */
size_t rl_date_at(const char *s, size_t n, int whole, date *d);

/* Skips a date label ("Published:", "Updated on", "发布时间：").  Returns
 * 1 for an update label, else 0. */
int rl_skip_date_label(const char **s, size_t *n);

/* A name: 1..5 words, each capitalized (or all capitals, or a particle
 * like "van"), no digits; or a short run of CJK characters (with spaces).
 * Sets *sections to the number of section words in it. */
int rl_is_name(const char *s, size_t n, size_t *words, size_t *sections);

/* "12 min read", "5 minute read", "Reading time: 4 minutes", "3分钟阅读". */
int rl_is_readtime(const char *s, size_t n);

/* A line of page chrome (not a tail marker). */
int rl_is_chrome(const char *s, size_t n);

/* "Comments", "Related articles", "12 Comments", "Comments (3)". */
int rl_is_tail(const char *s, size_t n);

/* A line that is only an e-mail or web address. */
int rl_is_address(const char *s, size_t n);

/* Share of words of four letters or more that start with a capital,
 * in percent. */
int rl_capital_share(const char *s, size_t n);

int rl_is_para(const char *s, size_t n);

/* A list item or a quote: never a headline. */
int rl_is_item(const char *s, size_t n);

/* s holds a role word ("editor", "staff", ...): a byline part that is no
 * name. */
int rl_has_role(const char *s, size_t n);

#endif
