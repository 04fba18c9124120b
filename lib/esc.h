/*
 * esc: the escapers.  Every piece of text a printer emits goes through one of
 * these for its context; nothing is emitted raw.  All append to a buf and
 * accept any bytes (invalid UTF-8 becomes U+FFFD, NUL and other C0/C1
 * controls except tab and newline are dropped or replaced as documented).
 */
#ifndef ESC_H
#define ESC_H

#include <stddef.h>

#include "util.h"

/* HTML element text and (double- or single-quoted) attribute values:
 * & < > " ' become entities; controls other than \t \n \r are dropped;
 * invalid UTF-8 becomes U+FFFD. */
void esc_html(buf *out, const char *s, size_t n);

/* A URL query component (application/x-www-form-urlencoded): unreserved
 * ASCII (A-Z a-z 0-9 - . _ ~) is kept, space becomes '+', every other byte
 * is %XX.  Result is also safe inside an HTML attribute. */
void esc_url(buf *out, const char *s, size_t n);

/* Appends v with thousands separators ("12,345"): digits and commas only,
 * safe in any of our outputs. */
void esc_count(buf *out, unsigned long v);

/* Terminal text: C0/C1 control characters (ESC among them) and DEL become
 * U+FFFD except \t (kept) and \n (a space); invalid UTF-8 becomes U+FFFD.
 * So stored text can never send escape sequences to a terminal. */
void esc_term(buf *out, const char *s, size_t n);

/* The inside of a JSON string, byte for byte as jansson writes it
 * (json_dumps without JSON_ENSURE_ASCII): " and \ escaped, \b \f \n \r
 * \t, other C0 controls as \u00XX, everything else as it is; invalid
 * UTF-8 becomes U+FFFD (one per invalid byte). */
void esc_json(buf *out, const char *s, size_t n);

/* 1 if url is safe to put in an href: scheme http or https (case-
 * insensitive), no control characters or spaces; 0 otherwise (javascript:,
 * data:, vbscript:, relative or protocol-relative URLs, ...). */
int esc_url_ok(const char *url);

/* Decodes a form-encoded component (%XX and '+') into out.  Malformed
 * escapes are kept literally.  Returns the number of decoded bytes; NUL bytes
 * are decoded too: callers check with memchr/u8_valid. */
size_t esc_url_decode(buf *out, const char *s, size_t n);

#endif
