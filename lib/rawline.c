/*
 * rawline: what one line of raw page text is (rawline.h).
 */
#include "rawline.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- small helpers ---- */

/* s[0..n) starts with p (ASCII case-insensitive). */
int
rl_starts(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && !strncasecmp(s, p, k);
}

/* s[0..n) contains p (ASCII case-insensitive). */
static int
contains(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p), i;

	for (i = 0; i + k <= n; i++)
		if (!strncasecmp(s + i, p, k))
			return 1;
	return 0;
}

/* Strips trailing punctuation a button or a heading carries. */
static void
trim_punct(const char **s, size_t *n)
{
	for (;;) {
		str_trim(s, n);
		if (*n && strchr(":|>*_#", (*s)[*n - 1]))
			(*n)--;
		else if (*n >= 2 && !memcmp(*s + *n - 2, "\xC2\xBB", 2))
			*n -= 2; /* » */
		else if (*n >= 3 && !memcmp(*s + *n - 3, "\xE2\x80\xBA", 3))
			*n -= 3; /* › */
		else if (*n >= 3 && !memcmp(*s + *n - 3, "\xEF\xBC\x9A", 3))
			*n -= 3; /* ： */
		else
			return;
	}
}

/* s[0..n) is one of the phrases (case-insensitive, trailing ':' ignored). */
static int
is_phrase(const char *s, size_t n, const char *const *list)
{
	trim_punct(&s, &n);
	for (; *list; list++)
		if (strlen(*list) == n && !strncasecmp(s, *list, n))
			return 1;
	return 0;
}

static int
is_word_byte(int c)
{
	return ascii_alnum(c) || c >= 0x80 || c == '\'' || c == '-' ||
	       c == '.';
}

/* The next word of s from *i (letters, digits, non-ASCII, ' - .): its
 * span; 0 at the end. */
static int
next_word(const char *s, size_t n, size_t *i, const char **w, size_t *wn)
{
	while (*i < n && !is_word_byte((unsigned char)s[*i]))
		(*i)++;
	if (*i >= n)
		return 0;
	*w = s + *i;
	while (*i < n && is_word_byte((unsigned char)s[*i]))
		(*i)++;
	*wn = (size_t)(s + *i - *w);
	return 1;
}

size_t
rl_count_words(const char *s, size_t n)
{
	const char *w;
	size_t i = 0, k = 0, wn;

	while (next_word(s, n, &i, &w, &wn))
		k++;
	return k;
}

/* Bytes of CJK characters (U+2E80..U+9FFF, U+F900..U+FAFF) in s. */
size_t
rl_cjk_bytes(const char *s, size_t n)
{
	size_t i = 0, k, c = 0;
	uint32_t u;

	while (i < n) {
		u = u8_decode(s + i, n - i, &k);
		if ((u >= 0x2E80 && u <= 0x9FFF) || (u >= 0xF900 && u <= 0xFAFF))
			c += k;
		i += k ? k : 1;
	}
	return c;
}

/* A letter: ASCII, Latin-1 and Latin Extended letters, Greek to the end of
 * the alphabets before U+2000, kana and CJK (not punctuation, symbols or
 * emoji). */
int
rl_has_letter(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t u;

	while (i < n) {
		u = u8_decode(s + i, n - i, &k);
		i += k ? k : 1;
		if ((u < 0x80 && ascii_alpha((int)u)) ||
		    (u >= 0xC0 && u <= 0x24F && u != 0xD7 && u != 0xF7) ||
		    (u >= 0x370 && u < 0x2000) || (u >= 0x3040 && u < 0xFF00))
			return 1;
	}
	return 0;
}

/* A time or zone: "8:05 AM PDT", "10:32", "GMT+8". */
int
rl_is_time(const char *s, size_t n)
{
	size_t i, colon = 0;

	if (!n || n > 24 || !ascii_digit((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == ':')
			colon++;
		else if (!ascii_digit((unsigned char)s[i]) &&
			 !(s[i] >= 'A' && s[i] <= 'Z') &&
			 !strchr(" .+-apm,", s[i]))
			return 0;
	}
	return colon > 0;
}

/* ---- dates ---- */

/* If a date (with a day, or a month when whole is set and nothing
 * follows) starts at s, returns the bytes it takes and sets *d; else 0. */
size_t
rl_date_at(const char *s, size_t n, int whole, date *d)
{
	date e;
	size_t k, max = n < 48 ? n : 48;

	if (!n || !(ascii_alnum((unsigned char)s[0])))
		return 0;
	if (date_parse(s, max, DATE_ANY, d) < 0 || (!d->d && !whole))
		return 0;
	for (k = 4; k <= max; k++) {
		if (k < max && (s[k] & 0xC0) == 0x80)
			continue;
		if (date_parse(s, k, DATE_ANY, &e) == 0 && e.y == d->y &&
		    e.m == d->m && e.d == d->d)
			break;
	}
	if (k > max)
		k = max;
	if (!d->d) { /* a month: only when the line is just that */
		const char *r = s + k;
		size_t rn = n - k;

		str_trim(&r, &rn);
		if (rn)
			return 0;
	}
	return k;
}

/* Skips a date label ("Published:", "Updated on", "发布时间：").  Returns
 * 1 for an update label, else 0. */
int
rl_skip_date_label(const char **s, size_t *n)
{
	static const char *const labels[] = {
		"published on", "published", "posted on", "posted", "date",
		"dated", "on", "updated on", "updated", "last updated",
		"modified", "发布时间", "发布日期", "时间", "日期", "发布于",
		"更新时间", NULL};
	const char *const *l;
	size_t k;
	int upd;

	for (l = labels; *l; l++) {
		k = strlen(*l);
		if (!rl_starts(*s, *n, *l))
			continue;
		if (k < *n && ascii_alpha((unsigned char)(*s)[k]))
			continue;
		upd = strstr(*l, "update") || strstr(*l, "modif") ||
		      strstr(*l, "更新");
		*s += k;
		*n -= k;
		while (*n && (ascii_space(**s) || **s == ':'))
			(*s)++, (*n)--;
		if (*n >= 3 && !memcmp(*s, "\xEF\xBC\x9A", 3))
			*s += 3, *n -= 3;
		return upd;
	}
	return 0;
}

/* ---- names ---- */

static const char *const section_words[] = {
	"news", "world", "business", "tech", "technology", "science",
	"health", "healthcare", "future", "politics", "opinion", "analysis",
	"economy", "markets", "market", "finance", "money", "sports", "sport",
	"culture", "life", "lifestyle", "entertainment", "arts", "travel",
	"local", "national", "international", "release", "releases", "model",
	"models", "ai", "policy", "regulation", "security", "research",
	"insights", "blog", "magazine", "review", "reviews", "features",
	"feature", "latest", "breaking", "live", "video", "podcast",
	"newsletter", "trends", "industry", "innovation", "digital", "data",
	"cloud", "energy", "climate", "china", "asia", "europe", "global",
	"top", "stories", "story", "home", "press", "media", "report",
	"updates", "update", "guide", "commentary", "ideas", "education",
	"law", "government", "defense", "chips", "semiconductors",
	"startups", "enterprise", "software", "hardware", "internet",
	"crypto", "space", "weekly", "daily", "today", "exclusive",
	"statement", "statements", "table", "contents",
	"key", "takeaways", "summary", "introduction", "conclusion",
	"background", "overview", "comments", "related", NULL};

static const char *const name_particles[] = {
	"van", "von", "de", "der", "den", "da", "di", "du", "la", "le",
	"bin", "al", "el", "dos", "del", "y", NULL};

static const char *const role_words[] = {
	"staff", "writer", "reporter", "correspondent", "editor",
	"contributor", "columnist", "bureau", "chief", "senior", "analyst",
	"desk", "team", "in", "for", "at", NULL};

static int
word_in(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && !strncasecmp(w, *list, n))
			return 1;
	return 0;
}

int
rl_has_role(const char *s, size_t n)
{
	const char *w = s;
	size_t i = 0, wn;

	while (next_word(s, n, &i, &w, &wn))
		if (word_in(w, wn, role_words))
			return 1;
	return 0;
}

/* A name: 1..5 words, each capitalized (or all capitals, or a particle
 * like "van"), no digits; or a short run of CJK characters (with spaces).
 * Sets *sections to the number of section words in it. */
int
rl_is_name(const char *s, size_t n, size_t *words, size_t *sections)
{
	const char *w;
	size_t i = 0, wn, k, cap = 0;

	*words = *sections = 0;
	str_trim(&s, &n);
	if (!n || n > 60)
		return 0;
	u8_decode(s, n, &k);
	if (!rl_has_letter(s, k ? k : 1))
		return 0; /* "∙ Paid": a name starts with a letter */
	if (rl_cjk_bytes(s, n) * 10 >= n * 7) {
		*words = 1;
		return n <= 36;
	}
	for (k = 0; k < n; k++)
		if (ascii_digit((unsigned char)s[k]) ||
		    (strchr(".!?:;\"", s[k]) &&
		     !(s[k] == '.' && k && ascii_alpha((unsigned char)s[k - 1]))))
			return 0;
	while (next_word(s, n, &i, &w, &wn)) {
		(*words)++;
		if (word_in(w, wn, section_words))
			(*sections)++;
		if ((w[0] >= 'A' && w[0] <= 'Z') ||
		    (unsigned char)w[0] >= 0xC0)
			cap++;
		else if (!word_in(w, wn, name_particles))
			return 0;
	}
	return *words >= 1 && *words <= 5 && cap >= 1;
}

/* ---- chrome ---- */

static const char *const nav_phrases[] = {
	"skip to content", "skip to main content", "skip to navigation",
	"skip navigation", "jump to content", "menu", "main menu",
	"open menu", "close menu", "toggle navigation", "navigation", "home",
	"search", "sign in", "log in", "login", "sign up", "register",
	"subscribe", "subscribe now", "table of contents", "contents",
	"in this article", "advertisement", "sponsored", "sponsored content",
	"print", "email", "listen", "listen to this article", "save",
	"copy link", "link copied", "follow", "follow us", "share",
	"share this", "share this article", "share this story",
	"share this post", "share article", "tweet", "back to top",
	"scroll to top", "close", "accept", "accept all", "reject all",
	"cookie settings", "manage cookies", "loading", "read more",
	"continue reading", "show more", "for immediate release",
	"published", "updated", "posted", "from", "gift this article",
	"translate", "learn more", "share post", "share full article",
	"like this", "like loading...", "share this page",
	"is this page useful", "is this page useful?", "become a member", "write",
	"press release", "news release", "首页", "导航", "分享", "分享到",
	"打印", "关闭", "关闭窗口", "打印本页", "返回顶部", "扫一扫",
	"微信", "微博", "登录", "注册", "搜索", "【纠错】", NULL};

static const char *const tail_phrases[] = {
	"comments", "leave a reply", "leave a comment", "post a comment",
	"join the conversation", "related", "related articles",
	"related posts", "related stories", "related news",
	"related content", "related reading", "you may also like",
	"you might also like", "more from", "more stories", "read next",
	"recommended", "recommended for you", "most read", "most popular",
	"trending now", "embed this article", "</> embed this article",
	"topics", "tags", "explore more on these topics",
	"相关新闻", "相关阅读", "相关文章", "相关推荐", "推荐阅读",
	"热点推荐", NULL};

/* Longest first: "x" must not eat the start of another name. */
static const char *const social_names[] = {
	"copy link", "facebook", "linkedin", "whatsapp", "pinterest",
	"telegram", "flipboard", "messenger", "mastodon", "bluesky",
	"threads", "twitter", "reddit", "tumblr", "e-mail", "weibo",
	"wechat", "email", "print", "link", "copy", "sms", "qq", "x",
	"微博", "微信", NULL};

/* "Share:XLinkedIn", "Facebook Twitter Email", "分享到：微信 微博". */
static int
is_social(const char *s, size_t n)
{
	static const char *const pre[] = {
		"share on", "share via", "share this article", "share this",
		"share", "follow us on", "follow us", "分享到", "分享", NULL};
	const char *const *p;
	size_t names = 0, k, n0 = n;
	const char *s0 = s;
	int prefix = 0;

	if (n > 120)
		return 0;
	for (p = pre; *p; p++)
		if (rl_starts(s, n, *p)) {
			s += strlen(*p), n -= strlen(*p);
			prefix = 1;
			break;
		}
	while (n) {
		if (strchr(" \t,|/:-\xC2\xB7", *s) ||
		    (n >= 3 && !memcmp(s, "\xEF\xBC\x9A", 3))) {
			k = (unsigned char)*s >= 0x80 ? (*s == '\xC2' ? 2 : 3)
						      : 1;
			s += k, n -= k < n ? k : n;
			continue;
		}
		for (p = social_names; *p; p++)
			if (rl_starts(s, n, *p))
				break;
		if (!*p)
			return 0;
		s += strlen(*p), n -= strlen(*p);
		names++;
	}
	/* one name alone: a button, written with a capital ("X", "Email") */
	return prefix || names >= 2 ||
	       (names == 1 && n0 <= 12 && !(s0[0] >= 'a' && s0[0] <= 'z'));
}

/* "12 min read", "5 minute read", "Reading time: 4 minutes", "3分钟阅读". */
int
rl_is_readtime(const char *s, size_t n)
{
	size_t i = 0;

	if (n > 40)
		return 0;
	if (rl_starts(s, n, "reading time") || rl_starts(s, n, "read time"))
		return 1;
	if (contains(s, n, "分钟") && n < 30 && (contains(s, n, "阅读") ||
					    contains(s, n, "读完")))
		return 1;
	while (i < n && ascii_digit((unsigned char)s[i]))
		i++;
	if (!i)
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return rl_starts(s + i, n - i, "min") &&
	       (contains(s, n, "read") || n - i <= 7);
}

/* Breadcrumbs and menus: "Home > News > Tech", "人民网>>科技", "首页 |
 * 时政 | 国际" (three parts or more of at most two words each, split by
 * "|"), "Home » Analysis » Title". */
static int
is_trail(const char *s, size_t n)
{
	static const char *const arrows[] = {
		">", "\xC2\xBB", "\xE2\x80\xBA", "\xEF\xBC\x9E", NULL};
	const char *const *a;
	size_t i, parts = 1, start = 0, long_parts = 0, arrow = 0, k;

	if (n > 150)
		return 0;
	for (i = 0; i <= n; i++) {
		k = 0;
		if (i < n && s[i] == '|')
			k = 1;
		for (a = arrows; i < n && !k && *a; a++)
			if (!strncmp(s + i, *a, strlen(*a)))
				k = strlen(*a), arrow = 1;
		if (i < n && !k)
			continue;
		if (rl_count_words(s + start, i - start) > 2 &&
		    rl_cjk_bytes(s + start, i - start) < 3 * 3)
			long_parts++;
		if (parts == 1 && !rl_count_words(s, i))
			return 0; /* "> a quote" */
		if (i < n) {
			while (i + 2 * k <= n && !strncmp(s + i + k, s + i, k))
				k += k; /* ">>" */
			parts++;
			i += k - 1;
			start = i + 1;
		}
	}
	if (arrow)
		return parts >= 2 && long_parts <= 1;
	return parts >= 3 && !long_parts;
}

/* A line of page chrome (not a tail marker). */
int
rl_is_chrome(const char *s, size_t n)
{
	static const char *const boxes[] = {
		"subscribe to our newsletter", "sign up for our newsletter",
		"sign up for the", "subscribe to the", "enter your email",
		"your email address will not be published",
		"required fields are marked", "we use cookies",
		"this site uses cookies", "this website uses cookies",
		"you must be logged in to post a comment",
		"all rights reserved", "版权所有", "get the latest",
		"delivered to your inbox", "subscribe for free",
		"thanks for reading", NULL};
	static const char *const pre[] = {
		"read more:", "read more \xC2\xBB", "also read:", "see also:",
		"related:", "tags:", "topics:", "filed under:", "标签：",
		"关键词：", "责任编辑", "编辑：", "【字体", "©", "(c) ",
		"skip to ", "subscribe for ", "subscribe to ",
		"listen to this article", "image credit", "photo credit",
		"image:", "photo:", "a version of this article appears",
		"(责编", "（责编", "责编：", "版权声明", "（点击", NULL};
	const char *const *p;
	size_t k;

	if (is_phrase(s, n, nav_phrases) || is_social(s, n) ||
	    rl_is_readtime(s, n))
		return 1;
	if (n <= 300)
		for (p = boxes; *p; p++)
			if (contains(s, n, *p))
				return 1;
	if (n <= 200)
		for (p = pre; *p; p++)
			if (rl_starts(s, n, *p))
				return 1;
	/* "Copyright 2026 ...": a year in a short line */
	if (n <= 200 && rl_starts(s, n, "copyright"))
		for (k = 0; k + 4 <= n; k++)
			if ((s[k] == '1' || s[k] == '2') &&
			    ascii_digit((unsigned char)s[k + 1]) &&
			    ascii_digit((unsigned char)s[k + 2]) &&
			    ascii_digit((unsigned char)s[k + 3]))
				return 1;
	if (n <= 150 && (contains(s, n, "当前位置") ||
			 contains(s, n, "您的位置")))
		return 1;
	if (n <= 150 && contains(s, n, "cookies") &&
	    (contains(s, n, "accept") || contains(s, n, "reject") ||
	     contains(s, n, "we use") || contains(s, n, "cookies on") ||
	     contains(s, n, "view cookies") || contains(s, n, "settings")))
		return 1;
	if (is_trail(s, n))
		return 1;
	/* markup copied as text */
	if (n >= 2 && s[0] == '<' && s[n - 1] == '>' && ascii_alpha(s[1]))
		return 1;
	return 0;
}

/* "Comments", "Related articles", "12 Comments", "Comments (3)". */
int
rl_is_tail(const char *s, size_t n)
{
	size_t i = 0;

	if ((n == 3 && !memcmp(s, "###", 3)) || (n == 3 && !memcmp(s, "-30", 3)) ||
	    (n == 6 && !memcmp(s, "- 30 -", 6)))
		return 1; /* the end of a press release */
	if (is_phrase(s, n, tail_phrases) || rl_starts(s, n, "leave a reply") ||
	    rl_starts(s, n, "leave a comment") ||
	    (n < 20 && (rl_starts(s, n, "responses (") ||
			rl_starts(s, n, "comments ("))))
		return 1;
	while (i < n && ascii_digit((unsigned char)s[i]))
		i++;
	if (i && i < n && s[i] == ' ')
		return is_phrase(s + i + 1, n - i - 1,
				 (const char *const[]){"comments", "comment",
						       "responses", "replies",
						       NULL}) ||
		       rl_starts(s + i + 1, n - i - 1, "thoughts on");
	return 0;
}

/* A line that is only an e-mail or web address. */
int
rl_is_address(const char *s, size_t n)
{
	return n < 80 && !memchr(s, ' ', n) && memchr(s, '.', n) &&
	       (memchr(s, '@', n) || rl_starts(s, n, "http") ||
		rl_starts(s, n, "www."));
}

/* ---- paragraphs and headings ---- */

/* Share of words of four letters or more that start with a capital,
 * in percent. */
int
rl_capital_share(const char *s, size_t n)
{
	const char *w;
	size_t i = 0, wn, all = 0, cap = 0;

	while (next_word(s, n, &i, &w, &wn)) {
		if (wn < 4 || !ascii_alpha((unsigned char)w[0]))
			continue;
		all++;
		cap += w[0] >= 'A' && w[0] <= 'Z';
	}
	return all ? (int)(cap * 100 / all) : 0;
}

int
rl_is_para(const char *s, size_t n)
{
	const char *end = s + n;

	if (n > PARA_BYTES)
		return 1;
	if (rl_cjk_bytes(s, n) * 2 > n)
		return n > 150 || (n > 60 && n >= 3 &&
				   (!memcmp(end - 3, "\xE3\x80\x82", 3)));
	if (!strchr(".!?\"", end[-1]) && !(n >= 3 &&
					  !memcmp(end - 3, "\xE2\x80\x9D", 3)))
		return 0;
	return n >= 100 && rl_count_words(s, n) > 12 && rl_capital_share(s, n) < 60;
}

/* A list item or a quote: never a headline. */
int
rl_is_item(const char *s, size_t n)
{
	if (n >= 2 && strchr("-*+>", s[0]) && s[1] == ' ')
		return 1;
	if (n >= 3 && !memcmp(s, "\xE2\x80\xA2", 3))
		return 1;
	return n >= 3 && ascii_digit((unsigned char)s[0]) &&
	       (s[1] == '.' || s[1] == ')') && s[2] == ' ';
}

