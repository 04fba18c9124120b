/*
 * msg: the page's words (see msg.h).  One row per message: English, then
 * Chinese (Simplified, as the collections' Chinese is).
 */
#include "msg.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"

static const char *const table[M_NMSG][MSG_NLANG] = {
	[M_SEARCH] = {"Search", "搜索"},
	[M_PLACEHOLDER] = {"Search articles", "搜索文章"},
	[M_OPTIONS] = {"Options", "选项"},
	[M_FROM] = {"From", "起始日期"},
	[M_TO] = {"To", "截止日期"},
	[M_SORT] = {"Sort", "排序"},
	[M_BY_RELEVANCE] = {"by relevance", "按相关度"},
	[M_NEWEST] = {"newest first", "最新优先"},
	[M_AS_JSON] = {"This page as JSON", "本页的 JSON 版本"},
	[M_FOOT] = {"Words, \"phrases\", `-not`, `OR`, `title:`, `source:`, "
		    "`date:2025..2026`, `regulat*`. No scripts, no tracking.",
		    "词语、\"短语\"、`-排除`、`OR`、`title:`、`source:`、"
		    "`date:2025..2026`、`regulat*`。无脚本，无跟踪。"},

	[M_RESULTS_H] = {"Results for {q1}", "{q1} 的搜索结果"},
	[M_RESULT_1] = {"{1} result", "{1} 条结果"},
	[M_RESULTS] = {"{1} results", "{1} 条结果"},
	[M_MORE_THAN] = {"More than {1} results", "超过 {1} 条结果"},
	[M_SHOWN] = {", {1}\xE2\x80\x93{2} shown",
		     "，显示第 {1}\xE2\x80\x93{2} 条"},
	[M_MS] = {" ({1} ms)", "（{1} 毫秒）"},
	[M_SORT_BAR] = {"Sort: ", "排序："},
	[M_RELEVANCE] = {"relevance", "相关度"},
	[M_NOTE] = {"Note: {1}.", "注意：{1}。"},
	[M_SHOWING_PRE] = {"Showing results for ", "显示的是 "},
	[M_SHOWING_POST] = {": {q1} as typed found nothing.",
			    " 的结果：{q1} 没有找到任何结果。"},
	[M_DIDYOUMEAN_PRE] = {"Did you mean ", "您是不是要找 "},
	[M_DIDYOUMEAN_POST] = {"?", "？"},
	[M_DIDYOUMEAN_COUNT] = {" ({1} results)", "（{1} 条结果）"},
	[M_COPY_1] = {"{1} similar copy", "{1} 份相似副本"},
	[M_COPIES] = {"{1} similar copies", "{1} 份相似副本"},
	[M_EVERY_COPY] = {"show every copy", "显示全部副本"},
	[M_TEXT_HERE] = {"The text here, matches highlighted",
			 "在本站阅读全文，匹配处高亮"},
	[M_TEXT_HERE_LABEL] = {"{1}: the text here, matches highlighted",
			       "{1}：在本站阅读全文，匹配处高亮"},
	[M_FACET_YEAR] = {"Year", "年份"},
	[M_FACET_LANG] = {"Language", "语言"},
	[M_FACET_SOURCE] = {"Source", "来源"},
	[M_REMOVE_FILTER] = {"Remove this filter", "移除此筛选条件"},
	[M_FILTERS] = {"Filters", "筛选"},
	[M_CHIP_SOURCE] = {"source: ", "来源："},
	[M_CHIP_LANG] = {"language: ", "语言："},
	[M_CHIP_DATE] = {"date: ", "日期："},
	[M_CLEAR_FILTERS] = {"Clear all filters", "清除全部筛选"},
	[M_PAGES] = {"Pages", "分页"},
	[M_PAGE_N] = {"Page {1}", "第 {1} 页"},
	[M_PREV] = {"\xE2\x80\xB9 Previous", "\xE2\x80\xB9 上一页"},
	[M_NEXT] = {"Next \xE2\x80\xBA", "下一页 \xE2\x80\xBA"},

	[M_GUIDE_H] = {"Search the articles", "搜索文章"},
	[M_GUIDE_P] = {"Type words and press Enter. Results come ranked by "
		       "relevance with the matching words highlighted, and the "
		       "counts beside them narrow the results by source, year "
		       "and language.",
		       "输入词语后按回车。结果按相关度排序，匹配的词语高亮显示；"
		       "旁边的计数可以按来源、年份和语言缩小结果范围。"},
	[M_EX_EITHER] = {"either word; both rank higher",
			 "任一词语；两个都有的排在前面"},
	[M_EX_PHRASE] = {"the exact phrase", "完全一致的短语"},
	[M_EX_NOT] = {"without the word memory", "不含 memory 一词"},
	[M_EX_AND] = {"both words", "两个词都要有"},
	[M_EX_TITLE] = {"in the title", "出现在标题中"},
	[M_EX_SOURCE] = {"from one source", "来自某一来源"},
	[M_EX_DATE] = {"published in a range", "在某一时间段发布"},
	[M_EX_PREFIX] = {"words that start with regulat",
			 "以 regulat 开头的词"},
	[M_EX_NEAR] = {"within five words of each other", "彼此相距五个词以内"},

	[M_NO_RESULTS_PAGE] = {"No results on page {1}", "第 {1} 页没有结果"},
	[M_RESULTS_END] = {"The results end before this page. ",
			   "结果在这一页之前已经结束。"},
	[M_FIRST_PAGE] = {"Go to the first page", "回到第一页"},
	[M_NO_MATCH] = {"No articles match {q1}", "没有与 {q1} 匹配的文章"},
	[M_TOO_NARROW] = {"The filters may be too narrow: ",
			  "筛选条件可能太窄："},
	[M_WITHOUT_FILTERS] = {"search again without them",
			       "去掉筛选条件重新搜索"},
	[M_TIP_SPELL] = {"Check the spelling, or try fewer or more general "
			 "words.",
			 "检查拼写，或者换用更少、更宽泛的词语。"},
	[M_TIP_OR] = {"Words are all optional unless joined with `AND` or "
		      "marked `+word`; a phrase in quotes must appear exactly.",
		      "除非用 `AND` 连接或写成 `+词语`，每个词都是可选的；"
		      "引号中的短语必须原样出现。"},
	[M_TIP_WILD] = {"A word ending in `*` matches every word that starts "
			"with it: `regulat*`.",
			"以 `*` 结尾的词匹配所有以它开头的词：`regulat*`。"},

	[M_ST_400] = {"Bad Request", "请求有误"},
	[M_ST_404] = {"Not Found", "未找到"},
	[M_ST_405] = {"Method Not Allowed", "不支持的请求方法"},
	[M_ST_414] = {"URI Too Long", "网址过长"},
	[M_ST_500] = {"Internal Server Error", "服务器内部错误"},
	[M_ST_503] = {"Service Unavailable", "服务暂不可用"},
	[M_ST_ERROR] = {"Error", "出错了"},
	[M_START_AGAIN] = {"Start a new search", "重新开始搜索"},
	[M_NO_SUCH_DOC] = {"There is no such document.", "没有这篇文档。"},
	[M_NO_DOC_ID] = {"There is no document with this id in the index.",
			 "索引中没有这个编号的文档。"},
	[M_INDEX_DOWN] = {"The search index is not available right now. "
			  "Please try again later.",
			  "搜索索引暂时不可用，请稍后再试。"},
	[M_SEARCH_FAILED] = {"The search failed. Please try again later.",
			     "搜索失败，请稍后再试。"},

	[M_BACK] = {"\xE2\x80\xB9 Back to the results", "\xE2\x80\xB9 返回搜索结果"},
	[M_NEW_SEARCH] = {"\xE2\x80\xB9 New search", "\xE2\x80\xB9 新的搜索"},
	[M_F_DATE] = {"Date", "日期"},
	[M_F_SOURCE] = {"Source", "来源"},
	[M_F_AUTHOR] = {"Author", "作者"},
	[M_F_LANG] = {"Language", "语言"},
	[M_F_URL] = {"Address", "网址"},
	[M_F_ID] = {"Id", "编号"},
	[M_MATCH_1] = {"{1} match for {q2} highlighted: ",
		       "已高亮 {q2} 的 {1} 处匹配："},
	[M_MATCHES] = {"{1} matches for {q2} highlighted: ",
		       "已高亮 {q2} 的 {1} 处匹配："},
	[M_GO_FIRST] = {"go to the first", "跳到第一处"},
	[M_EACH_NEXT] = {"; each match links to the next.",
			 "；每处匹配都链接到下一处。"},
	[M_NO_WORDS] = {"No words of {q1} in this text.",
			"本文中没有 {q1} 中的词语。"},
	[M_NEXT_MATCH] = {"{1}: next match, {2} of {3}",
			  "{1}：下一处匹配，第 {2} 处，共 {3} 处"},
	[M_SINCE] = {"New since", "新增自"},
	[M_SINCE_TITLE] = {"dated on or after, or indexed on or after when undated",
			   "发布日期在此之后，无日期的按收录日期"},
	[M_FRESHNESS] = {"Freshness", "时效"},
	[M_FRESH_OFF] = {"off", "不考虑"},
	[M_FRESH_WEEK] = {"half-life a week", "半衰期一周"},
	[M_FRESH_MONTH] = {"half-life a month", "半衰期一个月"},
	[M_FRESH_YEAR] = {"half-life a year", "半衰期一年"},
	[M_FRESH_5Y] = {"half-life 5 years", "半衰期五年"},
	[M_FRESH_OTHER] = {"half-life {1}", "半衰期 {1}"},
	[M_FOLLOW] = {"Follow this search (Atom feed)", "订阅此搜索（Atom 源）"},
	[M_SIMILAR] = {"Similar articles", "相似文章"},
	[M_NO_OTHER] = {"No other articles like {q1}", "没有与 {q1} 相似的其他文章"},
	[M_TIMELINE] = {"Timeline", "时间分布"},
	[M_TL_BAR_1] = {"{1}: {2} result", "{1}：{2} 条结果"},
	[M_TL_BAR] = {"{1}: {2} results", "{1}：{2} 条结果"},
	[M_TL_UNDATED] = {"{1} without a date", "{1} 条无日期"},
	[M_TL_PARTIAL] = {"Counted over the first matches only",
			  "仅统计了前面的匹配结果"},
	[M_FACET_FEWER] = {"Fewer {1} values", "收起{1}"},

	[M_WHY_TITLE] = {"matched in title: {1}", "标题中匹配：{1}"},
	[M_WHY_NAME] = {"matched in a name: {1}", "名称中匹配：{1}"},
	[M_WHY_ACRONYM] = {"acronym: {1}", "缩写：{1}"},
	[M_WHY_ACRONYM_OF] = {"{2} for {1}", "{2}（即 {1}）"},
	[M_WHY_FIELD] = {"matched in field {1}: {2}", "字段 {1} 中匹配：{2}"},
	[M_WHY_SYNONYM] = {"synonym: {1}", "同义词：{1}"},
	[M_WHY_EXPANSION] = {"expanded: {1}", "扩展词：{1}"},
	[M_WHY_FOLD] = {"folded: {1}", "繁简转换：{1}"},
	[M_WHY_STEM] = {"stem: {1}", "词干：{1}"},
	[M_WHY_SPELLING] = {"corrected: {1}", "拼写更正：{1}"},
	[M_WHY_FOR] = {"{1} for {2}", "{1}（对应 {2}）"},
	[M_WHY_VIA_SYNONYM] = {"{1} (synonym for {2})", "{1}（{2} 的同义词）"},
	[M_WHY_VIA_EXPANSION] = {"{1} (expanded)", "{1}（扩展词）"},
	[M_WHY_VIA_FOLD] = {"{1} (folded from {2})", "{1}（由 {2} 繁简转换）"},
	[M_WHY_VIA_STEM] = {"{1} (stem of {2})", "{1}（与 {2} 同词干）"},
	[M_WHY_VIA_SPELLING] = {"{1} (corrected from {2})",
				"{1}（由 {2} 更正）"},
	[M_WHY_SEP] = {"; ", "；"},
	[M_WHY_COMMA] = {", ", "、"},
	[M_FACET_ALL] = {"All {1} {2} values", "全部 {1} 个{2}"},
};

const char *
msg_text(msg_lang l, msg_id id)
{
	const char *s;

	if ((unsigned)id >= M_NMSG)
		return "";
	if ((unsigned)l >= MSG_NLANG)
		l = MSG_EN;
	s = table[id][l];
	return s ? s : table[id][MSG_EN] ? table[id][MSG_EN] : "";
}

/* At s: a slot "{N}" or "{qN}"?  Sets *arg (1..9), *q; returns its
 * length, 0 if none. */
static size_t
slot(const char *s, int *arg, int *q)
{
	size_t i = 1;

	if (s[0] != '{')
		return 0;
	*q = s[i] == 'q';
	i += (size_t)*q;
	if (s[i] < '1' || s[i] > '9' || s[i + 1] != '}')
		return 0;
	*arg = s[i] - '0';
	return i + 2;
}

int
msg_nargs(msg_lang l, msg_id id)
{
	const char *s = msg_text(l, id);
	int n = 0, a, q;

	for (; *s; s++)
		if (slot(s, &a, &q) && a > n)
			n = a;
	return n;
}

void
msg_html(buf *o, msg_lang l, msg_id id, ...)
{
	const char *s = msg_text(l, id), *args[9] = {0};
	int n = msg_nargs(l, id), code = 0, a, q;
	va_list ap;

	va_start(ap, id);
	for (int i = 0; i < n; i++)
		args[i] = va_arg(ap, const char *);
	va_end(ap);
	while (*s) {
		size_t run = strcspn(s, "`{"), k;

		esc_html(o, s, run);
		s += run;
		if (*s == '`') {
			buf_adds(o, code ? "</code>" : "<code>");
			code = !code;
			s++;
		} else if (*s == '{') {
			if ((k = slot(s, &a, &q)) == 0) {
				buf_addc(o, '{');
				s++;
				continue;
			}
			if (q)
				buf_adds(o, "<q>");
			if (args[a - 1])
				esc_html(o, args[a - 1], strlen(args[a - 1]));
			if (q)
				buf_adds(o, "</q>");
			s += k;
		}
	}
	if (code)
		buf_adds(o, "</code>");
}

/* A language range of Accept-Language: which of ours it names, -1 for
 * none ("*" and the others: English, the default, unless one of ours is
 * named). */
static int
range_lang(const char *s, size_t n)
{
	if (n >= 2 && (s[0] | 0x20) == 'z' && (s[1] | 0x20) == 'h' &&
	    (n == 2 || s[2] == '-'))
		return MSG_ZH;
	if (n >= 2 && (s[0] | 0x20) == 'e' && (s[1] | 0x20) == 'n' &&
	    (n == 2 || s[2] == '-'))
		return MSG_EN;
	return -1;
}

/* A q-value (RFC 9110: "0", "0.5", "1.000"), in thousandths; -1 if
 * malformed. */
static int
qvalue(const char *s, size_t n)
{
	int v = 0, digits = 0;

	if (n == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	if (n > 1 && (s[1] != '.' || n > 5))
		return -1;
	for (size_t i = 2; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
		digits++;
	}
	while (digits++ < 3)
		v *= 10;
	v += (s[0] - '0') * 1000;
	return v > 1000 ? -1 : v;
}

msg_lang
msg_accept(const char *h)
{
	int best = MSG_EN, bestq = 0;
	int seen[MSG_NLANG] = {0};

	while (h && *h) {
		size_t n = strcspn(h, ","), t;
		const char *e = h + n, *p;
		int lang, q = 1000;

		while (h < e && (*h == ' ' || *h == '\t'))
			h++;
		t = strcspn(h, ";, \t");
		if (h + t > e)
			t = (size_t)(e - h);
		lang = range_lang(h, t);
		/* parameters: only q counts */
		for (p = h + t; p < e;) {
			const char *semi = memchr(p, ';', (size_t)(e - p));

			if (!semi)
				break;
			p = semi + 1;
			while (p < e && (*p == ' ' || *p == '\t'))
				p++;
			if (e - p >= 2 && (p[0] | 0x20) == 'q' && p[1] == '=') {
				size_t qn = strcspn(p + 2, "; \t,");

				if (p + 2 + qn > e)
					qn = (size_t)(e - p - 2);
				q = qvalue(p + 2, qn);
			}
		}
		if (q >= 0 && lang >= 0 && !seen[lang]) {
			/* the first range naming a language decides its q
			 * (zh-TW;q=0.9 then zh;q=0.1: 0.9) */
			seen[lang] = 1;
			if (q > bestq) {
				bestq = q;
				best = lang;
			}
		}
		h = *e ? e + 1 : e;
	}
	return (msg_lang)best;
}

const char *
msg_tag(msg_lang l)
{
	return l == MSG_ZH ? "zh-Hans" : "en";
}
