/*
 * Unit tests for lib/tok.c.  Most cases are tables of (text, options,
 * expected tokens) where the tokens are printed canonically as
 * "term@pos" separated by spaces, bigrams as "+term@pos".  Every run also
 * goes through check_tokens(), which checks the invariants that hold for
 * any input: spans inside the text and on valid UTF-8, words in increasing
 * order, terms valid UTF-8 of at most TOK_MAXTERM bytes that equal the
 * folded span (cut at TOK_MAXTERM), nchars equal to the span's code points.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tok.h"

#define MAXTOK 4096
#define UNUSED __attribute__((unused))

typedef struct tk {
	char term[TOK_MAXTERM + 1];
	size_t len, start, end;
	unsigned pos, nchars;
	int flags;
} tk;

typedef struct toks {
	tk *v;
	size_t n;
	size_t stop_after; /* callback returns 7 after this many (0: never) */
	size_t seen;	   /* callback calls, also those past MAXTOK */
	tk last;	   /* the last token seen (term not kept) */
} toks;

static tok *T; /* shared by all tests, as a real caller would */

static int
collect(void *ctx, const tok_token *t)
{
	toks *c = ctx;

	c->seen++;
	c->last.start = t->start;
	c->last.end = t->end;
	c->last.pos = t->pos;
	if (c->n < MAXTOK) {
		tk *k = &c->v[c->n++];

		assert_true(t->len <= TOK_MAXTERM);
		memcpy(k->term, t->term, t->len);
		k->term[t->len] = '\0';
		k->len = t->len;
		k->start = t->start;
		k->end = t->end;
		k->pos = t->pos;
		k->nchars = t->nchars;
		k->flags = t->flags;
	}
	return c->stop_after && c->seen == c->stop_after ? 7 : 0;
}

/* Removes the dots from f, the folded span[0..sn), if the span is ASCII
 * initials of at most TOK_MAXTERM letters: a.b, A.B.C, a.b. */
static void
undot_initials(buf *f, const char *span, size_t sn)
{
	size_t i, o = 0, n = f->n;

	for (i = 0; i < sn; i++)
		if ((unsigned char)span[i] >= 0x80)
			return;
	if (n >= 4 && f->p[n - 1] == '.')
		n--;
	if (n < 3 || n % 2 == 0 || n > 2 * TOK_MAXTERM - 1)
		return;
	for (i = 0; i < n; i++)
		if (i % 2 ? f->p[i] != '.' : !(f->p[i] >= 'a' && f->p[i] <= 'z'))
			return;
	for (i = 0; i < n; i += 2)
		f->p[o++] = f->p[i];
	f->p[o] = '\0';
	f->n = o;
}

/* Checks the invariants of tokens c over text[0..len). */
static void
check_tokens(const char *text, size_t len, const toks *c)
{
	buf f = BUF_INIT;
	size_t i, last_start = 0, last_end = 0;
	int words = 0;

	for (i = 0; i < c->n; i++) {
		const tk *k = &c->v[i];
		const char *span = text + k->start;
		size_t n = k->end - k->start;

		assert_true(k->start < k->end);
		assert_true(k->end <= len);
		assert_int_equal(strlen(k->term), k->len);
		assert_true(k->len > 0 && k->len <= TOK_MAXTERM);
		assert_true(u8_valid(k->term, k->len, NULL));
		assert_null(strstr(k->term, "\xEF\xBF\xBD"));
		assert_true(u8_valid(span, n, NULL));
		assert_int_equal(k->nchars, u8_count(span, n));
		if (k->flags & TOK_F_BIGRAM) {
			assert_true(k->flags & TOK_F_CJK);
		} else {
			/* words come in text order and do not overlap */
			if (words++) {
				assert_true(k->start >= last_end);
				assert_true(k->start > last_start);
			}
			last_start = k->start;
			last_end = k->end;
		}
		/* the term is the folded span, cut at TOK_MAXTERM; initials
		 * without their dots */
		buf_reset(&f);
		assert_int_equal(tok_fold(T, span, n, &f), 0);
		undot_initials(&f, span, n);
		if (k->flags & TOK_F_CUT) {
			assert_true(f.n > TOK_MAXTERM);
			assert_true(k->len + 4 > TOK_MAXTERM);
			assert_memory_equal(f.p, k->term, k->len);
		} else {
			assert_string_equal(f.p, k->term);
		}
	}
	buf_free(&f);
}

/* Tokenizes text[0..len) into c (c->v allocated here) and checks it. */
static int
run_into(toks *c, const char *text, size_t len, int opts, unsigned first_pos)
{
	char *err = NULL;
	int rc;

	c->v = calloc(MAXTOK, sizeof *c->v);
	assert_non_null(c->v);
	c->n = c->seen = 0;
	rc = tok_run(T, text, len, opts, first_pos, collect, c, &err);
	assert_null(err);
	check_tokens(text, len, c);
	return rc;
}

/* Renders tokens as "term@pos term@pos +bigram@pos". */
static char *
render(const toks *c)
{
	buf b = BUF_INIT;
	size_t i;

	buf_adds(&b, "");
	for (i = 0; i < c->n; i++)
		buf_printf(&b, "%s%s%s@%u", i ? " " : "",
			   c->v[i].flags & TOK_F_BIGRAM ? "+" : "",
			   c->v[i].term, c->v[i].pos);
	return buf_steal(&b);
}

typedef struct tcase {
	const char *text;
	size_t len; /* 0: strlen(text) */
	int opts;
	const char *want;
} tcase;

static void
run_table(const tcase *tc, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		toks c = {0};
		size_t len = tc[i].len ? tc[i].len : strlen(tc[i].text);
		char *got;

		assert_int_equal(run_into(&c, tc[i].text, len, tc[i].opts, 0),
				 0);
		got = render(&c);
		if (strcmp(got, tc[i].want) != 0)
			fail_msg("case %zu: %s\n  want: %s\n  got:  %s", i,
				 tc[i].text, tc[i].want, got);
		free(got);
		free(c.v);
	}
}

static void
test_english(void **state UNUSED)
{
	static const tcase tc[] = {
		{"Hello, world!", 0, 0, "hello@0 world@1"},
		{"The EU's AI Act (EU\xE2\x80\x99s) U.S. GPT-4o ai-act 3.48 2026, "
		 "don't",
		 0, 0,
		 "the@0 eu's@1 ai@2 act@3 eu's@4 us@5 gpt@6 4@7 o@8 ai@9 act@10 "
		 "3.48@11 2026@12 don't@13"},
		{"EU\xCA\xBCs", 0, 0, "eu's@0"}, /* U+02BC */
		{"... !!! --- ,,, () \"\" ' \xE2\x80\x94 \xF0\x9F\x98\x80", 0, 0,
		 ""},
		{"  \t\r\n leading and trailing \n\n", 0, 0,
		 "leading@0 and@1 trailing@2"},
		{"e-mail: x@example.com, 10:30, 1,000,000 v2.0", 0, TOK_BIGRAMS,
		 "e@0 mail@1 x@example.com@2 10@3 30@4 1,000,000@5 v@6 2.0@7"},
		{"MiXeD CaSe", 0, 0, "mixed@0 case@1"},
	};

	run_table(tc, sizeof tc / sizeof *tc);
}

/* Identifiers: initials lose their dots and a letter-digit run is cut, so
 * the ways of writing one bill number give the same terms; the pieces keep
 * their own spans, and the number pieces are flagged. */
static void
test_identifiers(void **state UNUSED)
{
	static const tcase tc[] = {
		{"SB5959 SB 5959 S.B. 5959 s.b 5959", 0, 0,
		 "sb@0 5959@1 sb@2 5959@3 sb@4 5959@5 sb@6 5959@7"},
		{"H.R.2246 H.R. 2246 HR2246 E.O. 14110 EO14110", 0, 0,
		 "hr@0 2246@1 hr@2 2246@3 hr@4 2246@5 eo@6 14110@7 eo@8 "
		 "14110@9"},
		{"U.S.C. 1234 FY2024 COVID19 A6453 S3971B 1990s", 0, 0,
		 "usc@0 1234@1 fy@2 2024@3 covid@4 19@5 a@6 6453@7 s@8 "
		 "3971@9 b@10 1990@11 s@12"},
		/* numbers, dates and other words stay whole */
		{"2024/1689 3000.09 24-205 e.g. a.bc x.y.z.w", 0, 0,
		 "2024@0 1689@1 3000.09@2 24@3 205@4 eg@5 a.bc@6 xyzw@7"},
		/* full-width letters and digits fold the same way */
		{"\xEF\xBC\xB3\xEF\xBC\xA2\xEF\xBC\x91\xEF\xBC\x90", 0, 0,
		 "sb@0 10@1"},
		/* CJK words are not cut */
		{"\xE6\x95\xB0\xE6\x8D\xAE" "2021" "\xE5\xB9\xB4", 0, 0,
		 "\xE6\x95\xB0\xE6\x8D\xAE@0 2021@2 \xE5\xB9\xB4@3"},
	};
	static const char *text = "SB5959 S.B.";
	toks c = {0};

	run_table(tc, sizeof tc / sizeof *tc);
	assert_int_equal(run_into(&c, text, strlen(text), 0, 0), 0);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.v[0].start, 0);
	assert_int_equal(c.v[0].end, 2);
	assert_int_equal(c.v[0].flags, 0);
	assert_int_equal(c.v[1].start, 2);
	assert_int_equal(c.v[1].end, 6);
	assert_int_equal(c.v[1].flags, TOK_F_NUMBER);
	assert_int_equal(c.v[2].start, 7);
	assert_int_equal(c.v[2].end, 10); /* "S.B": ICU leaves the dot out */
	free(c.v);

	/* initials of up to TOK_MAXTERM letters are a term; longer ones are
	 * a word like any other, cut at TOK_MAXTERM */
	for (size_t k = 64; k <= 65; k++) {
		buf b = BUF_INIT;

		for (size_t i = 0; i < k; i++)
			buf_adds(&b, i ? ".a" : "a");
		c = (toks){0};
		assert_int_equal(run_into(&c, b.p, b.n, 0, 0), 0);
		assert_int_equal(c.n, 1);
		assert_int_equal(c.v[0].len, k == 64 ? 64 : TOK_MAXTERM);
		assert_int_equal(c.v[0].term[1], k == 64 ? 'a' : '.');
		assert_int_equal(c.v[0].flags & TOK_F_CUT, k == 64 ? 0 : TOK_F_CUT);
		free(c.v);
		buf_free(&b);
	}
}

/* Apostrophe variants give one term; numbers are flagged. */
static void
test_english_flags(void **state UNUSED)
{
	static const char *text = "EU's EU\xE2\x80\x99s 3.48 2026 AI";
	toks c = {0};

	assert_int_equal(run_into(&c, text, strlen(text), 0, 0), 0);
	assert_int_equal(c.n, 5);
	assert_string_equal(c.v[0].term, c.v[1].term);
	assert_int_equal(c.v[1].start, 5);
	assert_int_equal(c.v[1].end, 11); /* the span keeps the original ’ */
	assert_int_equal(c.v[1].nchars, 4);
	assert_int_equal(c.v[0].flags, 0);
	assert_int_equal(c.v[2].flags, TOK_F_NUMBER);
	assert_int_equal(c.v[3].flags, TOK_F_NUMBER);
	assert_int_equal(c.v[4].flags, TOK_F_CAPS); /* lower case near it */
	free(c.v);
}

/* A word of capitals among lower-case words is an acronym (TOK_F_CAPS);
 * in a line of capitals, or alone, or a single capital, it is not. */
static void
test_acronyms(void **state UNUSED)
{
	static const struct {
		const char *text;
		const char *caps; /* the terms flagged, space-separated */
	} tc[] = {
		{"Medicare, Medicaid, and CHIP programs", "chip"},
		{"NIST AI Risk Management Framework", "nist ai"},
		{"the Bureau (BIS) and SB5959", "bis sb"},
		{"REGULATION (EU) OF THE EUROPEAN PARLIAMENT", ""},
		{"CHIP", ""},
		{"a I x", ""},
		{"Chips and GPUs", ""},
		{"U.S. law", ""},
		{"COVID19 cases", "covid"},
	};

	for (size_t i = 0; i < sizeof tc / sizeof *tc; i++) {
		toks c = {0};
		buf got = BUF_INIT;

		assert_int_equal(run_into(&c, tc[i].text, strlen(tc[i].text), 0,
					  0), 0);
		for (size_t k = 0; k < c.n; k++)
			if (c.v[k].flags & TOK_F_CAPS) {
				if (got.n)
					buf_addc(&got, ' ');
				buf_adds(&got, c.v[k].term);
			}
		if (strcmp(got.p ? got.p : "", tc[i].caps) != 0)
			fail_msg("%s: acronyms \"%s\", expected \"%s\"",
				 tc[i].text, got.p ? got.p : "", tc[i].caps);
		buf_free(&got);
		free(c.v);
	}
}

static void
test_european(void **state UNUSED)
{
	static const tcase tc[] = {
		{"Stra\xC3\x9F" "e Gr\xC3\xB6\xC3\x9F" "e \xC3\x84RGER", 0, 0,
		 "strasse@0 gr\xC3\xB6sse@1 \xC3\xA4rger@2"},
		{"Fu\xC3\x9Fg\xC3\xA4nger\xC3\xBC" "berg\xC3\xA4nge", 0, 0,
		 "fussg\xC3\xA4nger\xC3\xBC" "berg\xC3\xA4nge@0"},
		/* decomposed ü (u + U+0308) composes to the same term */
		{"Zu\xCC\x88rich Z\xC3\xBCrich", 0, 0,
		 "z\xC3\xBCrich@0 z\xC3\xBCrich@1"},
		{"\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1 "
		 "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
		 0, 0,
		 "\xCE\xB5\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1@0 "
		 "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0@1"},
		/* full-width Latin and digits, NFKC */
		{"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3 \xEF\xBC\x91\xEF\xBC\x92", 0,
		 0, "abc@0 12@1"},
		/* ligature and soft hyphen (default ignorable, removed) */
		{"\xEF\xAC\x81nd co\xC2\xAD" "operate", 0, 0, "find@0 cooperate@1"},
	};

	run_table(tc, sizeof tc / sizeof *tc);
}

static void
test_other_scripts(void **state UNUSED)
{
	static const tcase tc[] = {
		/* Arabic: الذكاء الاصطناعي */
		{"\xD8\xA7\xD9\x84\xD8\xB0\xD9\x83\xD8\xA7\xD8\xA1 "
		 "\xD8\xA7\xD9\x84\xD8\xA7\xD8\xB5\xD8\xB7\xD9\x86\xD8\xA7\xD8\xB9"
		 "\xD9\x8A",
		 0, TOK_BIGRAMS,
		 "\xD8\xA7\xD9\x84\xD8\xB0\xD9\x83\xD8\xA7\xD8\xA1@0 "
		 "\xD8\xA7\xD9\x84\xD8\xA7\xD8\xB5\xD8\xB7\xD9\x86\xD8\xA7\xD8\xB9"
		 "\xD9\x8A@1"},
		/* Korean: 인공지능 규제법 (Hangul is not CJK here: no bigrams) */
		{"\xEC\x9D\xB8\xEA\xB3\xB5\xEC\xA7\x80\xEB\x8A\xA5 "
		 "\xEA\xB7\x9C\xEC\xA0\x9C\xEB\xB2\x95",
		 0, TOK_BIGRAMS,
		 "\xEC\x9D\xB8\xEA\xB3\xB5\xEC\xA7\x80\xEB\x8A\xA5@0 "
		 "\xEA\xB7\x9C\xEC\xA0\x9C\xEB\xB2\x95@1"},
		/* Thai, segmented by ICU's dictionary: ภาษาไทยง่าย */
		{"\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE0\xB9\x84"
		 "\xE0\xB8\x97\xE0\xB8\xA2\xE0\xB8\x87\xE0\xB9\x88\xE0\xB8\xB2"
		 "\xE0\xB8\xA2",
		 0, 0,
		 "\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2@0 "
		 "\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2@1 "
		 "\xE0\xB8\x87\xE0\xB9\x88\xE0\xB8\xB2\xE0\xB8\xA2@2"},
	};

	run_table(tc, sizeof tc / sizeof *tc);
}

static void
test_chinese(void **state UNUSED)
{
	static const tcase tc[] = {
		{"人工智能监管", 0, 0, "人工@0 智能@2 监管@4"},
		{"人工智能监管", 0, TOK_BIGRAMS,
		 "人工@0 智能@2 +工智@1 监管@4 +能监@3"},
		/* Personal Information Protection Law, article 1 (start) */
		{"第一条　为了保护个人信息权益，规范个人信息处理活动。", 0, 0,
		 "第一@0 条@2 为了@3 保护@5 个人@7 信息@9 权益@11 规范@13 "
		 "个人@15 信息@17 处理@19 活动@21"},
		/* runs end at the ideographic space and the comma: no 条为,
		 * no 益规 */
		{"第一条　为了保护个人信息权益，规范个人信息处理活动。", 0,
		 TOK_BIGRAMS,
		 "第一@0 条@2 +一条@1 为了@3 保护@5 +了保@4 个人@7 +护个@6 "
		 "信息@9 +人信@8 权益@11 +息权@10 规范@13 个人@15 +范个@14 "
		 "信息@17 +人信@16 处理@19 +息处@18 活动@21 +理活@20"},
		/* Latin inside Chinese: one position, and it ends the run */
		{"AI监管法和GPT模型", 0, TOK_BIGRAMS,
		 "ai@0 监管@1 法@3 +管法@2 和@4 +法和@3 gpt@5 模型@6"},
		/* the CJK positions continue after a Latin word */
		{"2026年3月", 0, 0, "2026@0 年@1 3@2 月@3"},
	};

	run_table(tc, sizeof tc / sizeof *tc);
}

/* Byte spans slice the original text; a CJK word's position is the index
 * of its first character among the CJK characters before it. */
static void
test_chinese_spans(void **state UNUSED)
{
	static const char *text =
		"第一条　为了保护个人信息权益，规范个人信息处理活动，促进个人"
		"信息合理利用，根据宪法，制定本法。";
	toks c = {0};
	size_t i, j, nw = 0, nb = 0;

	assert_int_equal(run_into(&c, text, strlen(text), TOK_BIGRAMS, 0), 0);
	for (i = 0; i < c.n; i++) {
		const tk *k = &c.v[i];
		unsigned before = 0;

		assert_true(k->flags & TOK_F_CJK);
		/* Chinese terms are their own text */
		assert_int_equal(k->end - k->start, k->len);
		assert_memory_equal(text + k->start, k->term, k->len);
		for (j = 0; j < k->start; j += 3) /* all 3-byte chars here */
			before += tok_is_cjk(text + j, 3);
		assert_int_equal(k->pos, before);
		if (k->flags & TOK_F_BIGRAM) {
			nb++;
			assert_int_equal(k->nchars, 2);
			/* a bigram comes after the word that holds its
			 * second character */
			for (j = i; j > 0 && c.v[j - 1].flags & TOK_F_BIGRAM;)
				j--;
			assert_true(j > 0);
			assert_true(c.v[j - 1].start < k->end);
			assert_true(c.v[j - 1].end >= k->end);
		} else {
			nw++;
			assert_int_equal(k->nchars, u8_count(k->term, k->len));
		}
	}
	assert_int_equal(nw, 21);
	/* 41 CJK characters in 6 runs of 3, 10, 10, 10, 4 and 4: 41 - 6 = 35
	 * pairs, less the 20 two-character words that are not repeated */
	assert_int_equal(nb, 35 - 20);
	free(c.v);
}

/* Traditional characters are read as Simplified ones: the same terms and
 * positions (words and bigrams) as the Simplified text, spans on the text
 * as written; characters Simplified text writes as themselves stay. */
static void
test_traditional(void **state UNUSED)
{
	static const char *pairs[][2] = {
		{"數據安全法", "数据安全法"},
		{"中華人民共和國個人信息保護法", "中华人民共和国个人信息保护法"},
		{"第一條　為了規範數據處理活動，保障數據安全。",
		 "第一条　为了规范数据处理活动，保障数据安全。"},
		{"著作權與網絡安全", "著作权与网络安全"}, /* 著 stays */
		{"關於AI監管", "关于AI监管"},
		{"人工智能", "人工智能"},
	};
	size_t i, j;

	for (i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		toks a = {0}, b = {0};
		char *ra, *rb;

		assert_int_equal(run_into(&a, pairs[i][0], strlen(pairs[i][0]),
					  TOK_BIGRAMS, 0),
				 0);
		assert_int_equal(run_into(&b, pairs[i][1], strlen(pairs[i][1]),
					  TOK_BIGRAMS, 0),
				 0);
		ra = render(&a);
		rb = render(&b);
		if (strcmp(ra, rb) != 0)
			fail_msg("case %zu: %s\n  want: %s\n  got:  %s", i,
				 pairs[i][0], rb, ra);
		/* same-width characters here: the spans are the same bytes */
		for (j = 0; j < a.n; j++) {
			assert_int_equal(a.v[j].start, b.v[j].start);
			assert_int_equal(a.v[j].end, b.v[j].end);
		}
		free(ra);
		free(rb);
		free(a.v);
		free(b.v);
	}
}

static void
test_japanese(void **state UNUSED)
{
	/* kanji are folded as Chinese characters are (東京 -> 东京) in
	 * terms, but a run with kana keeps its Japanese word breaks */
	static const tcase tc[] = {
		{"私は東京大学で日本語を勉強しています。", 0, 0,
		 "私@0 は@1 东京@2 大学@4 で@6 日本语@7 を@10 勉强@11 し@13 "
		 "てい@14 ます@16"},
		{"私は東京大学で日本語を勉強しています。", 0, TOK_BIGRAMS,
		 "私@0 は@1 +私は@0 东京@2 +は东@1 大学@4 +京大@3 で@6 +学で@5 "
		 "日本语@7 +で日@6 +日本@7 +本语@8 を@10 +语を@9 勉强@11 "
		 "+を勉@10 し@13 +强し@12 てい@14 +して@13 ます@16 +いま@15"},
		/* katakana with the prolonged sound mark is one CJK word */
		{"カタカナー", 0, TOK_BIGRAMS,
		 "カタカナー@0 +カタ@0 +タカ@1 +カナ@2 +ナー@3"},
		/* half-width katakana: NFKC, and ﾞ belongs to its character */
		{"ｶﾞｲﾄﾞ ガイド", 0, TOK_BIGRAMS,
		 "ガイド@0 +ガイ@0 +イド@1 ガイド@3 +ガイ@3 +イド@4"},
	};
	static const char *kana = "カタカナー";
	toks c = {0};

	run_table(tc, sizeof tc / sizeof *tc);
	assert_int_equal(run_into(&c, kana, strlen(kana), 0, 0), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.v[0].flags, TOK_F_CJK);
	assert_int_equal(c.v[0].nchars, 5);
	free(c.v);
}

static void
test_invalid_utf8(void **state UNUSED)
{
	static const tcase tc[] = {
		{"a\x80" "b", 0, 0, "a@0 b@1"},	   /* lone continuation */
		{"\x80\xBF\x80word\x80", 0, 0, "word@0"},
		{"ab\xE4\xB8", 0, 0, "ab@0"},	   /* truncated at the end */
		{"na\xC3\xEFve", 0, 0, "na@0 ve@1"}, /* truncated inside */
		{"\xC0\xAFx\xE0\x80\xAFy", 0, 0, "x@0 y@1"}, /* overlong */
		{"x\xED\xA0\x80y\xED\xBF\xBFz", 0, 0, "x@0 y@1 z@2"}, /* surrogates */
		{"\xFFword\xFE\xFF", 0, 0, "word@0"},
		{"\xF4\x90\x80\x80q\xF8\x88\x80\x80\x80r", 0, 0, "q@0 r@1"},
		/* an invalid byte ends a CJK run */
		{"人工\xFF智能", 0, TOK_BIGRAMS, "人工@0 智能@2"},
		{"\xFF", 0, 0, ""},
	};
	static const char *text = "a\x80\x80\xC3\xA9t\xC3\xA9\xE4";
	toks c = {0};

	run_table(tc, sizeof tc / sizeof *tc);
	assert_int_equal(run_into(&c, text, strlen(text), 0, 0), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.v[1].start, 3);
	assert_int_equal(c.v[1].end, 8);
	assert_string_equal(c.v[1].term, "\xC3\xA9t\xC3\xA9");
	free(c.v);
}

static void
test_nul_bytes(void **state UNUSED)
{
	static const tcase tc[] = {
		{"foo\0bar baz", 11, 0, "foo@0 bar@1 baz@2"},
		{"\0\0\0", 3, 0, ""},
		{"a\0", 2, 0, "a@0"},
		{"人\0工", 7, TOK_BIGRAMS, "人@0 工@1"},
	};

	run_table(tc, sizeof tc / sizeof *tc);
}

/* A long word is cut at TOK_MAXTERM bytes on a code point boundary. */
static void
test_huge_token(void **state UNUSED)
{
	static const struct {
		const char *prefix, *unit;
		size_t want_len;
	} tc[] = {
		{"", "a", TOK_MAXTERM},
		{"", "\xC3\xA9", TOK_MAXTERM},	      /* é: 2 bytes */
		{"a", "\xD0\xB6", TOK_MAXTERM - 1},   /* ж after 1 byte */
		{"ab", "\xE0\xA4\x95", TOK_MAXTERM - 2}, /* Devanagari क */
	};
	size_t i, j, n, ul;

	for (i = 0; i < sizeof tc / sizeof *tc; i++) {
		buf b = BUF_INIT;
		toks c = {0};

		ul = strlen(tc[i].unit);
		buf_adds(&b, "x ");
		buf_adds(&b, tc[i].prefix);
		for (j = 0; j < 10000; j++)
			buf_add(&b, tc[i].unit, ul);
		buf_adds(&b, " y");
		assert_false(b.err);
		assert_int_equal(run_into(&c, b.p, b.n, 0, 0), 0);
		assert_int_equal(c.n, 3);
		assert_int_equal(c.v[1].len, tc[i].want_len);
		assert_int_equal(c.v[1].flags & TOK_F_CUT, TOK_F_CUT);
		assert_int_equal(c.v[0].flags & TOK_F_CUT, 0);
		n = strlen(tc[i].prefix);
		assert_int_equal(c.v[1].start, 2);
		assert_int_equal(c.v[1].end, 2 + n + 10000 * ul);
		assert_int_equal(c.v[1].nchars, n + 10000);
		assert_int_equal(c.v[1].pos, 1);
		assert_string_equal(c.v[2].term, "y");
		assert_int_equal(c.v[2].pos, 2);
		free(c.v);
		buf_free(&b);
	}
}

static void
test_empty(void **state UNUSED)
{
	toks c = {0};
	int rc;

	assert_int_equal(run_into(&c, "", 0, TOK_BIGRAMS, 0), 0);
	assert_int_equal(c.seen, 0);
	free(c.v);
	c.seen = 0;
	rc = tok_run(T, NULL, 0, 0, 0, collect, &c, NULL);
	assert_int_equal(rc, 0);
	assert_int_equal(c.seen, 0);
	/* only the first len bytes count */
	assert_int_equal(run_into(&c, "abc", 0, 0, 0), 0);
	assert_int_equal(c.seen, 0);
	free(c.v);
}

static void
test_stop_early(void **state UNUSED)
{
	static const char *text = "one two three four";
	static const char *cjk = "人工智能监管";
	toks c = {0};

	c.stop_after = 2;
	assert_int_equal(run_into(&c, text, strlen(text), 0, 0), 7);
	assert_int_equal(c.seen, 2);
	assert_string_equal(c.v[1].term, "two");
	free(c.v);
	/* stopping on a bigram */
	c.stop_after = 3;
	assert_int_equal(run_into(&c, cjk, strlen(cjk), TOK_BIGRAMS, 0), 7);
	assert_int_equal(c.seen, 3);
	assert_true(c.v[2].flags & TOK_F_BIGRAM);
	free(c.v);
}

static void
test_first_pos(void **state UNUSED)
{
	static const char *text = "a b 人工智能";
	toks c = {0};

	assert_int_equal(run_into(&c, text, strlen(text), TOK_BIGRAMS, 100), 0);
	assert_int_equal(c.n, 5);
	assert_int_equal(c.v[0].pos, 100);
	assert_int_equal(c.v[1].pos, 101);
	assert_int_equal(c.v[2].pos, 102); /* 人工 */
	assert_int_equal(c.v[3].pos, 104); /* 智能 */
	assert_int_equal(c.v[4].pos, 103); /* +工智 */
	free(c.v);
}

/* Texts longer than one internal chunk: positions and spans carry on. */
static void
test_long_text(void **state UNUSED)
{
	static const struct {
		const char *unit;
		size_t words;	 /* words per unit */
		size_t last_off; /* offset of the last word in its unit */
		unsigned npos;	 /* positions per unit */
		unsigned last_pos; /* position of the last word in its unit */
	} tc[] = {
		{"word \n", 1, 0, 1, 0},
		{"Word, ", 1, 0, 1, 0},
		{"人工智能。", 2, 6, 4, 2},
		/* one huge word: cut somewhere, but spans stay exact */
		{"ab", 0, 0, 0, 0},
	};
	size_t u, i, n, count;

	for (u = 0; u < sizeof tc / sizeof *tc; u++) {
		buf b = BUF_INIT;
		toks c = {0};

		n = strlen(tc[u].unit);
		count = (3u << 20) / n + 7;
		for (i = 0; i < count; i++)
			buf_add(&b, tc[u].unit, n);
		assert_false(b.err);
		assert_int_equal(run_into(&c, b.p, b.n, 0, 0), 0);
		if (tc[u].words) {
			assert_int_equal(c.seen, count * tc[u].words);
			assert_int_equal(c.last.start,
					 (count - 1) * n + tc[u].last_off);
			assert_int_equal(c.last.pos, (count - 1) * tc[u].npos +
							     tc[u].last_pos);
		} else {
			assert_true(c.seen >= 2);
			assert_int_equal(c.v[0].start, 0);
			for (i = 1; i < c.n; i++)
				assert_int_equal(c.v[i].start, c.v[i - 1].end);
			assert_int_equal(c.last.end, b.n);
		}
		free(c.v);
		buf_free(&b);
	}
}

static void
test_guess_lang(void **state UNUSED)
{
	static const struct {
		const char *text, *want;
	} tc[] = {
		{"", "en"},
		{"12345 !!!", "en"},
		{"The quick brown fox", "en"},
		/* Latin script: too few function words to tell: English */
		{"Der schnelle braune Fuchs", "en"},
		/* ... enough of them: the language that clearly wins */
		{"Die Regulierung der künstlichen Intelligenz ist nicht einfach, "
		 "und die Anbieter von Modellen müssen sich an die Regeln der "
		 "Behörden halten, die mit dem Gesetz zu tun haben.", "de"},
		{"La régulation de l'intelligence artificielle est une question "
		 "que les États et les entreprises doivent traiter dans les "
		 "années à venir pour la sécurité des citoyens.", "fr"},
		{"La regulación de la inteligencia artificial es una cuestión que "
		 "los gobiernos y las empresas deben tratar para la seguridad de "
		 "los ciudadanos y del mercado en el futuro.", "es"},
		{"The regulation of artificial intelligence is a question that "
		 "states and companies have to address in the years to come, "
		 "for the safety of citizens and the health of the market.", "en"},
		/* a few foreign words in an English text stay English */
		{"The Erklärung der Menschenrechte and the Déclaration des droits "
		 "de l'homme are the texts that the committee cited in its report "
		 "to the assembly of the union.", "en"},
		{"人工智能监管", "zh"},
		{"私は東京大学で日本語を勉強しています。", "ja"},
		{"東京都知事選挙の結果", "ja"},
		{"인공지능 규제법", "ko"},
		{"Искусственный интеллект", "ru"},
		{"الذكاء الاصطناعي", "ar"},
		{"Τεχνητή νοημοσύνη", "el"},
		{"בינה מלאכותית", "he"},
		{"कृत्रिम बुद्धिमत्ता", "hi"},
		{"ภาษาไทยง่าย", "th"},
		{"AI 人工智能监管法规定了很多事情", "zh"},
		{"\xFF\xFE\x80 Москва", "ru"},
	};
	size_t i;

	for (i = 0; i < sizeof tc / sizeof *tc; i++)
		assert_string_equal(tok_guess_lang(tc[i].text,
						   strlen(tc[i].text)),
				    tc[i].want);
}

/* Only the first 4 KiB count. */
static void
test_guess_lang_prefix(void **state UNUSED)
{
	buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < 4096; i++)
		buf_addc(&b, 'a');
	for (i = 0; i < 10000; i++)
		buf_adds(&b, "ж");
	assert_string_equal(tok_guess_lang(b.p, b.n), "en");
	/* 1024 Latin letters, then 1536 Cyrillic ones in the window */
	assert_string_equal(tok_guess_lang(b.p + 3072, b.n - 3072), "ru");
	buf_free(&b);
}

static void
test_unaccent(void **state UNUSED)
{
	static const struct {
		const char *in, *want; /* want NULL: returns 0 */
	} tc[] = {
		{"z\xC3\xBCrich", "zurich"},
		{"r\xC3\xA9sum\xC3\xA9", "resume"},
		{"resume", NULL},
		{"stra\xC3\x9F" "e", NULL},		      /* ß is no accent */
		{"\xCE\xB5\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1", /* ελλάδα */
		 "\xCE\xB5\xCE\xBB\xCE\xBB\xCE\xB1\xCE\xB4\xCE\xB1"},
		{"\xD0\xB9", "\xD0\xB8"},		       /* й -> и */
		{"\xE3\x81\x8C", NULL},			       /* が: U+3099 kept */
		{"\xE4\xBA\xBA\xE5\xB7\xA5", NULL},	       /* 人工 */
		{"ma\xC3\xB1" "ana", "manana"},
		{"\xCC\x81", NULL}, /* nothing left */
		{"\xC3\xA9\xFF", "e"},
	};
	char out[TOK_MAXTERM + 1];
	size_t i, n;

	for (i = 0; i < sizeof tc / sizeof *tc; i++) {
		strcpy(out, "unchanged");
		n = tok_unaccent(T, tc[i].in, strlen(tc[i].in), out, sizeof out);
		if (!tc[i].want) {
			assert_int_equal(n, 0);
			assert_string_equal(out, "unchanged");
		} else {
			assert_int_equal(n, strlen(tc[i].want));
			assert_string_equal(out, tc[i].want);
		}
	}
	/* the output is capped on a code point boundary */
	n = tok_unaccent(T, "\xC3\xA9\xC3\xA9\xD0\xB6\xD0\xB6", 8, out, 5);
	assert_int_equal(n, 4);
	assert_string_equal(out, "ee\xD0\xB6");
}

static void
test_fold(void **state UNUSED)
{
	static const struct {
		const char *in;
		size_t len;
		const char *want;
	} tc[] = {
		{"Reuters", 0, "reuters"},
		{"EU\xE2\x80\x99s AI Act", 0, "eu's ai act"},
		{"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", 0, "abc"},
		{"Stra\xC3\x9F" "e", 0, "strasse"},
		{"a\xFF" "b\xC3", 0, "ab"},
		{"數據安全法", 0, "数据安全法"},
		{"著作權", 0, "著作权"},
		{"\xEF\xA4\x80", 0, "岂"}, /* U+F900, NFKC 豈, then 岂 */
		{"x\0y", 3, "x\0y"},
		{"", 0, ""},
	};
	buf b = BUF_INIT;
	size_t i, len;

	for (i = 0; i < sizeof tc / sizeof *tc; i++) {
		len = tc[i].len ? tc[i].len : strlen(tc[i].in);
		buf_reset(&b);
		buf_adds(&b, "<");
		assert_int_equal(tok_fold(T, tc[i].in, len, &b), 0);
		assert_int_equal(b.n, 1 + (tc[i].len ? tc[i].len :
						     strlen(tc[i].want)));
		assert_memory_equal(b.p, "<", 1);
		assert_memory_equal(b.p + 1, tc[i].want, b.n - 1);
	}
	buf_free(&b);
}

static void
test_is_cjk(void **state UNUSED)
{
	static const struct {
		const char *s;
		int want;
	} tc[] = {
		{"人", 1},	{"か", 1}, {"カ", 1}, {"ー", 1}, {"々", 1},
		{"ｶ", 1},	{"𠀀", 1}, {"。", 0}, {"，", 0}, {"a", 0},
		{"한", 0},	{"é", 0},  {"\xFF", 0}, {"\xE4\xBA", 0}, {"", 0},
	};
	size_t i;

	for (i = 0; i < sizeof tc / sizeof *tc; i++)
		assert_int_equal(tok_is_cjk(tc[i].s, strlen(tc[i].s)),
				 tc[i].want);
}

/* Random byte strings built from interesting pieces: every token keeps
 * the invariants of check_tokens(), with and without bigrams. */
static void
test_random(void **state UNUSED)
{
	static const char *const piece[] = {
		"a", "Z", "q", "0", "7", " ", "\n", ".", ",", "-", "'", "\0",
		"\x80", "\xBF", "\xC3", "\xE4\xB8", "\xED\xA0\x80", "\xFF",
		"\xF0\x9F", "\xC3\xA9", "\xC3\x9F", "\xE2\x80\x99", "人", "工",
		"は", "カ", "ー", "ｶ", "ﾞ", "\xCC\x88", "\xEF\xBC\xA1", "ж",
		"한", "\xE0\xB8\x81", "\xD8\xA7", "。", "\xE2\x80\x8D",
		"\xF0\x9F\x98\x80", "\xEF\xB8\x8F", "\xC2\xAD", "\xEF\xAC\x81",
	};
	const size_t np = sizeof piece / sizeof *piece;
	unsigned long long x = 0x9E3779B97F4A7C15ull;
	char text[512];
	size_t i, j, n, k, len;

	for (i = 0; i < 4000; i++) {
		toks c = {0};

		n = 0;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		len = x % 60;
		for (j = 0; j < len; j++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			k = x % (np + 1);
			if (k == np) { /* a raw random byte */
				text[n++] = (char)(x >> 32);
			} else {
				size_t pl = piece[k][0] ? strlen(piece[k]) : 1;

				memcpy(text + n, piece[k], pl);
				n += pl;
			}
		}
		assert_int_equal(run_into(&c, text, n, i % 2 ? TOK_BIGRAMS : 0,
					  (unsigned)i),
				 0);
		if (c.n)
			assert_true(c.v[0].pos >= i);
		free(c.v);
	}
}

static int
setup(void **state)
{
	char *err = NULL;

	(void)state;
	T = tok_new(&err);
	if (!T) {
		fprintf(stderr, "tok_new: %s\n", err ? err : "?");
		free(err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tok_free(T);
	T = NULL;
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_english_flags),
		cmocka_unit_test(test_acronyms),
		cmocka_unit_test(test_identifiers),
		cmocka_unit_test(test_european),
		cmocka_unit_test(test_other_scripts),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_chinese_spans),
		cmocka_unit_test(test_traditional),
		cmocka_unit_test(test_japanese),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_huge_token),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_stop_early),
		cmocka_unit_test(test_first_pos),
		cmocka_unit_test(test_long_text),
		cmocka_unit_test(test_guess_lang),
		cmocka_unit_test(test_guess_lang_prefix),
		cmocka_unit_test(test_unaccent),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_is_cjk),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
