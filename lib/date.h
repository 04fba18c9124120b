/*
 * date: calendar dates, parsed and formatted in one place.  Articles,
 * queries, the page's from/to fields, the index's date values and the
 * page's display all go through date_parse and date_format.
 *
 * A date is a year with an optional month and day ("2026", "May 2026",
 * "7 May 2026"); which written forms are accepted depends on where the text
 * comes from (date_form), so an article's "Thu, 07 May 2026 10:00" is a
 * date while a query's date: field stays strict.
 */
#ifndef DATE_H
#define DATE_H

#include <stddef.h>

/* Bytes date_format may write, with the NUL ("30 September 2026"). */
#define DATE_MAX 20

typedef struct date {
	int y, m, d; /* m and d are 0 when absent (no day without a month) */
} date;

/* What date_parse accepts; every form needs a real date (a month 1..12,
 * a day that exists in that month and year). */
typedef enum date_form {
	/* "YYYY", "YYYY-MM", "YYYY-MM-DD", two-digit parts, nothing else
	 * (the page's from/to fields) */
	DATE_ISO,
	/* also "/" between parts and one-digit months and days
	 * ("2026/5/7"), the whole text (a query's date: field) */
	DATE_QUERY,
	/* DATE_ISO or the index's value form, where 00 is an absent part
	 * ("2026-05-00", "2026-00-00") */
	DATE_KEY,
	/* every form articles use: the numeric ones ("2026-05-07",
	 * "2026/05/07", "2026.5.7", "20260507", "2026年5月7日", each maybe
	 * followed by a time) and the written ones ("May 7, 2026",
	 * "Thursday, May 7, 2026", "7 May 2026", "7th of May 2026",
	 * "Thu, 07 May 2026 10:00:00 +0000", "Sept. 3, 2025", "May 2026");
	 * white space around is ignored; years 1000..2999 */
	DATE_ANY
} date_form;

/* Parses s[0..n) as a date written in the given form.  Returns 0 and sets
 * *out, or -1 (and *out = {0}) if the text is not such a date. */
int date_parse(const char *s, size_t n, date_form form, date *out);

/* <0, 0 or >0 as a is before, the same as or after b (absent parts, 0,
 * first). */
int date_cmp(const date *a, const date *b);

/* The days of month m (1..12) of year y (leap years counted). */
int date_days_in(int y, int m);

/* How date_format writes a date. */
typedef enum date_style {
	DATE_OUT_ISO,	 /* "2026-05-07", "2026-05", "2026" */
	DATE_OUT_KEY_LO, /* the index's value: "2026-05-07", "2026-00-00" */
	DATE_OUT_KEY_HI, /* the top of a range: "2026-05-99", "2026-99-99" */
	DATE_OUT_LONG,	 /* for people: "7 May 2026", "May 2026", "2026" */
	DATE_OUT_ZH	 /* for people reading Chinese: "2026年5月7日",
			    "2026年5月", "2026年" */
} date_style;

/* Writes d in the given style to out (DATE_MAX bytes, NUL-terminated).
 * Returns the length written. */
size_t date_format(const date *d, date_style style, char out[DATE_MAX]);

/* The day number of d (days since 1970-01-01, proleptic Gregorian); an
 * absent day counts as the 15th, an absent month as 1 July: the middle of
 * the period. */
long date_days(const date *d);

/* Parses iso (a C string, DATE_KEY form) and writes it in style; out = ""
 * and 0 when it is not a date.  The short way for callers holding a
 * normalized date string. */
size_t date_reformat(const char *iso, date_style style, char out[DATE_MAX]);

#endif
