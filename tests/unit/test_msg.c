/*
 * Unit tests for lib/msg.c: Accept-Language headers and the language they
 * choose (a table), every message translated with the same arguments, and
 * the rendering of messages (escaping, `code`, {N}, {qN}).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "msg.h"

static const struct {
	const char *header;
	msg_lang want;
} accept[] = {
	{NULL, MSG_EN},
	{"", MSG_EN},
	{"en", MSG_EN},
	{"zh", MSG_ZH},
	{"zh-CN", MSG_ZH},
	{"zh-TW", MSG_ZH},
	{"zh-Hant-HK", MSG_ZH},
	{"ZH-cn", MSG_ZH},
	{"zh-CN,zh;q=0.9,en;q=0.8", MSG_ZH},
	{"en-US,en;q=0.9,zh-CN;q=0.8", MSG_EN},
	{"en;q=0.5, zh;q=0.8", MSG_ZH},
	{"en;q=0.8, zh;q=0.800", MSG_EN},    /* a tie: the first named */
	{"zh;q=0", MSG_EN},		      /* "not acceptable" */
	{"zh;q=0.000, en", MSG_EN},
	{"fr-FR, fr;q=0.9, zh;q=0.5", MSG_ZH}, /* the best we have */
	{"fr, de", MSG_EN},
	{"*", MSG_EN},
	{"*;q=0.5, zh;q=0.4", MSG_ZH},
	{"zhx, zh-;q=0.1", MSG_ZH},	      /* zhx is not zh */
	{"zhx", MSG_EN},
	{"en;q=2, zh;q=0.1", MSG_ZH},	      /* q above 1 is malformed */
	{"en;q=abc, zh;q=0.1", MSG_ZH},
	{"en;q=0.1234, zh;q=0.1", MSG_ZH},  /* four decimals: malformed */
	{"zh-TW;q=0.9, zh;q=0.1, en;q=0.5", MSG_ZH},
	{"en ; q=0.3 , zh ; q=0.7", MSG_ZH},
	{"zh;level=1;q=0.9, en;q=0.95", MSG_EN},
	{",,,;;;q=", MSG_EN},
};

static void
test_accept(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof accept / sizeof accept[0]; i++)
		if (msg_accept(accept[i].header) != accept[i].want)
			fail_msg("case %zu: \"%s\": want %d", i + 1,
				 accept[i].header ? accept[i].header : "(null)",
				 accept[i].want);
}

/* Every message has every language, with the same arguments. */
static void
test_table(void **state)
{
	(void)state;
	for (int id = 0; id < M_NMSG; id++) {
		if (!*msg_text(MSG_EN, (msg_id)id) ||
		    !*msg_text(MSG_ZH, (msg_id)id))
			fail_msg("message %d is missing a language", id);
		if (msg_nargs(MSG_EN, (msg_id)id) !=
		    msg_nargs(MSG_ZH, (msg_id)id))
			fail_msg("message %d: %s / %s", id,
				 msg_text(MSG_EN, (msg_id)id),
				 msg_text(MSG_ZH, (msg_id)id));
		if (strcmp(msg_text(MSG_EN, (msg_id)id),
			   msg_text(MSG_ZH, (msg_id)id)) == 0)
			fail_msg("message %d is not translated", id);
	}
	assert_string_equal(msg_tag(MSG_EN), "en");
	assert_string_equal(msg_tag(MSG_ZH), "zh-Hans");
}

static void
test_html(void **state)
{
	buf o = BUF_INIT;

	(void)state;
	msg_html(&o, MSG_EN, M_NO_MATCH, "<b>a&b</b>");
	buf_addc(&o, 0);
	assert_string_equal(o.p,
			    "No articles match <q>&lt;b&gt;a&amp;b&lt;/b&gt;</q>");
	buf_reset(&o);
	msg_html(&o, MSG_ZH, M_MATCHES, "12", "数据");
	buf_addc(&o, 0);
	assert_string_equal(o.p, "已高亮 <q>数据</q> 的 12 处匹配：");
	buf_reset(&o);
	msg_html(&o, MSG_EN, M_TIP_WILD);
	buf_addc(&o, 0);
	assert_string_equal(o.p, "A word ending in <code>*</code> matches "
				 "every word that starts with it: "
				 "<code>regulat*</code>.");
	buf_reset(&o);
	msg_html(&o, MSG_EN, M_FOOT);
	buf_addc(&o, 0);
	assert_non_null(strstr(o.p, "&quot;phrases&quot;"));
	assert_non_null(strstr(o.p, "<code>-not</code>"));
	buf_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accept),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_html),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
