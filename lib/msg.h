/*
 * msg: the words of the search page, in every language it speaks (English
 * and Chinese), in one table; and the choice of the language from the
 * browser's Accept-Language.
 *
 * A message is plain text with two marks, rendered by msg_html: `x` is
 * <code>x</code>; {1}..{9} is the caller's argument of that number,
 * escaped, and {q1} the same inside <q></q>.  Translations of one message
 * use the same arguments (a unit test checks), in the order their language
 * needs.  Markup with links stays in the page's code; the words around a
 * link are messages of their own.
 */
#ifndef MSG_H
#define MSG_H

#include "util.h"

typedef enum msg_lang { MSG_EN, MSG_ZH, MSG_NLANG } msg_lang;

typedef enum msg_id {
	/* the frame */
	M_SEARCH, M_PLACEHOLDER, M_OPTIONS, M_FROM, M_TO, M_SORT,
	M_BY_RELEVANCE, M_NEWEST, M_AS_JSON, M_FOOT,
	/* the results page */
	M_RESULTS_H, M_RESULT_1, M_RESULTS, M_MORE_THAN, M_SHOWN, M_MS, M_SORT_BAR,
	M_RELEVANCE, M_NOTE, M_SHOWING_PRE, M_SHOWING_POST, M_DIDYOUMEAN_PRE,
	M_DIDYOUMEAN_POST, M_DIDYOUMEAN_COUNT, M_COPY_1, M_COPIES,
	M_EVERY_COPY, M_TEXT_HERE, M_TEXT_HERE_LABEL,
	M_FACET_YEAR, M_FACET_LANG, M_FACET_SOURCE, M_REMOVE_FILTER,
	M_FILTERS, M_CHIP_SOURCE, M_CHIP_LANG, M_CHIP_DATE, M_CLEAR_FILTERS,
	M_PAGES, M_PAGE_N, M_PREV, M_NEXT,
	/* the home page */
	M_GUIDE_H, M_GUIDE_P, M_EX_EITHER, M_EX_PHRASE, M_EX_NOT, M_EX_AND,
	M_EX_TITLE, M_EX_SOURCE, M_EX_DATE, M_EX_PREFIX, M_EX_NEAR,
	/* nothing found */
	M_NO_RESULTS_PAGE, M_RESULTS_END, M_FIRST_PAGE, M_NO_MATCH,
	M_TOO_NARROW, M_WITHOUT_FILTERS, M_TIP_SPELL, M_TIP_OR, M_TIP_WILD,
	/* errors */
	M_ST_400, M_ST_404, M_ST_405, M_ST_414, M_ST_500, M_ST_503, M_ST_ERROR,
	M_START_AGAIN, M_NO_SUCH_DOC, M_NO_DOC_ID, M_INDEX_DOWN,
	M_SEARCH_FAILED,
	/* the document view */
	M_BACK, M_NEW_SEARCH, M_F_DATE, M_F_SOURCE, M_F_AUTHOR, M_F_LANG,
	M_F_URL, M_F_ID, M_MATCH_1, M_MATCHES, M_GO_FIRST, M_EACH_NEXT,
	M_NO_WORDS, M_NEXT_MATCH,
	/* news: since, freshness, feeds, similar articles */
	M_SINCE, M_SINCE_TITLE, M_FRESHNESS, M_FRESH_OFF, M_FRESH_WEEK,
	M_FRESH_MONTH, M_FRESH_YEAR, M_FRESH_5Y, M_FRESH_OTHER, M_FOLLOW,
	M_SIMILAR, M_NO_OTHER,
	/* the timeline */
	M_TIMELINE, M_TL_BAR_1, M_TL_BAR, M_TL_UNDATED, M_TL_PARTIAL,
	/* metadata facets */
	M_FACET_FEWER, M_FACET_ALL,
	/* why a result was found (why.h): the lead of each reason ({1} the
	 * list of its items), an item that stands for {2}, the separators */
	M_WHY_TITLE, M_WHY_NAME, M_WHY_ACRONYM, M_WHY_ACRONYM_OF, M_WHY_FIELD, M_WHY_SYNONYM, M_WHY_EXPANSION,
	M_WHY_FOLD, M_WHY_STEM, M_WHY_SPELLING, M_WHY_FOR, M_WHY_VIA_SYNONYM,
	M_WHY_VIA_EXPANSION, M_WHY_VIA_FOLD, M_WHY_VIA_STEM,
	M_WHY_VIA_SPELLING, M_WHY_SEP, M_WHY_COMMA,
	M_NMSG
} msg_id;

/* The text of message id in language l (static; never NULL). */
const char *msg_text(msg_lang l, msg_id id);

/* Appends message id in l as HTML: escaped, `x` as <code>x</code>, {N}
 * the Nth of the arguments that follow (const char *, as many as the
 * message uses), {qN} inside <q></q>. */
void msg_html(buf *o, msg_lang l, msg_id id, ...);

/* The highest argument number message id uses in l (for tests). */
int msg_nargs(msg_lang l, msg_id id);

/* The language of the page for an Accept-Language header (NULL: none):
 * the supported language the browser ranks highest (q-values read as
 * RFC 9110 says; "zh", "zh-CN", "zh-TW", "zh-Hant" are Chinese; "*" and
 * anything unknown mean English), ties to the first named. */
msg_lang msg_accept(const char *header);

/* The language tag of l for lang="" ("en", "zh-Hans"). */
const char *msg_tag(msg_lang l);

#endif
