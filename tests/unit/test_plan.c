/*
 * Unit tests for lib/plan.c: the Xapian query the planner builds, compared
 * through Xapian's own description (xdb_q_describe), on a tiny real index
 * made in a temporary folder by the writer (ixb_build, xdb_replace) with
 * the built-in synonym list: documents in English, German and Chinese, so
 * that words are stemmed in two languages and Chinese runs meet real
 * synonyms.  Each case is a query, the planner options it is read with,
 * and the description; cases are numbered by their line in the table.
 *
 * Reading the descriptions: Z/ZS are stems (all text / title), S title
 * words, XT truncated twins, A/B author/source words, XS whole source, L
 * language, Q id; VALUE_RANGE 0 is the date slot (schema.h).  With
 * PLAN_PRINT=1 in the environment the test prints what it gets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "hl.h"
#include "index.h"
#include "plan.h"
#include "query.h"
#include "synonym.h"
#include "util.h"
#include "xdb.h"

typedef struct doc {
	const char *id, *title, *date, *source, *author, *lang, *text;
} doc;

static const doc docs[] = {
	{"1", "Export controls on chips", "2025-03-01", "Reuters",
	 "Jane Smith", "en",
	 "New export controls restrict semiconductor sales to China."},
	{"2", "Watermarks for synthetic media", "2024-06-10", "California",
	 "", "en", "A watermark marks synthetic images and text."},
	{"3", "Zürcher Regeln für Chips", "2023-01-01", "NZZ", "", "de",
	 "Die Regulierung der Halbleiter in Zürich."},
	{"4", "人工智能监管", "2024-05-01", "新华社", "", "zh",
	 "人脸识别 技术的 监管 和 芯片 出口管制。"},
};

typedef struct fixture {
	char *dir;
	plan_index ix;
} fixture;

static void
fill_index(const char *path)
{
	xdb *db = NULL;
	xdb_doc *d = xdb_doc_new();
	ixb *b;
	tok *t;
	buf idt = BUF_INIT;
	char *err = NULL;
	uint64_t h;

	assert_int_equal(xdb_open_write(path, &db, &err), ST_OK);
	b = ixb_new(&err);
	t = tok_new(&err);
	assert_non_null(b);
	assert_non_null(t);
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		const doc *x = &docs[i];
		article a = {0};

		a.id = (char *)x->id;
		a.title = (char *)x->title;
		a.date = (char *)x->date;
		a.source = (char *)x->source;
		a.author = (char *)x->author;
		a.url = (char *)"";
		a.lang = (char *)x->lang;
		a.text = (char *)x->text;
		a.textlen = strlen(x->text);

		assert_int_equal(ixb_build(b, &a, d, &idt, &h, &err), 0);
		assert_int_equal(xdb_replace(db, idt.p, idt.n, d, &err),
				 ST_OK);
	}
	assert_int_equal(synonym_load(db, t, synonym_default,
				      strlen(synonym_default), 1, NULL, &err),
			 0);
	assert_int_equal(xdb_commit(db, &err), ST_OK);
	assert_null(err);
	buf_free(&idt);
	tok_free(t);
	ixb_free(b);
	xdb_doc_free(d);
	xdb_close(db);
}

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	char tmpl[] = "/tmp/test_plan.XXXXXX";
	char *err = NULL;

	assert_non_null(f);
	assert_non_null(mkdtemp(tmpl));
	f->dir = str_dup(tmpl);
	{
		char *db = str_printf("%s/db", f->dir);

		fill_index(db);
		assert_int_equal(xdb_open(db, &f->ix.db, &err), ST_OK);
		free(db);
	}
	f->ix.t = tok_new(&err);
	f->ix.st = stems_new(0);
	assert_non_null(f->ix.t);
	assert_non_null(f->ix.st);
	plan_load_langs(&f->ix);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;
	char *cmd = str_printf("rm -rf '%s'", f->dir);

	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(cmd);
	xdb_close(f->ix.db);
	tok_free(f->ix.t);
	stems_free(f->ix.st);
	free(f->dir);
	free(f);
	return 0;
}

/* Option sets a case is planned with. */
enum { DEF, NOTW, PROX, NOSYN, NOSTOP, FACETS, AND };

static plan_opts
opts_of(int set)
{
	plan_opts o = {
		.title_weight = -1, /* auto, as search_opts_default */
		.proximity = 0,
		.trunc_weight = 0.55,
		.synonyms = 1,
		.stopwords = 1,
		.max_wildcard = 500,
	};

	switch (set) {
	case NOTW:
		o.title_weight = 0;
		break;
	case PROX:
		o.title_weight = 0;
		o.proximity = 0.3;
		break;
	case NOSYN:
		o.synonyms = 0;
		break;
	case NOSTOP:
		o.stopwords = 0;
		break;
	case FACETS:
		o.title_weight = 0;
		o.f_source = "Reuters";
		o.f_lang = "EN";
		o.f_date_lo = "2024";
		o.f_date_hi = "2025-06";
		break;
	}
	return o;
}

/* The description of q planned with option set `set`, malloc'd; *npats
 * gets the number of highlight patterns. */
static char *
describe(fixture *f, const char *q, int set, size_t *npats)
{
	query_opts qo = QUERY_OPTS_DEFAULT;
	plan_opts o = opts_of(set);
	qnode *tree = NULL;
	hl_list hl = {0};
	xdb_query *xq;
	char *err = NULL, *d;

	if (set == AND)
		qo.default_op = Q_AND;
	assert_int_equal(query_parse(f->ix.t, q, strlen(q), &qo, &tree, NULL,
				     &err),
			 0);
	xq = plan_build(&f->ix, &o, tree, &hl);
	assert_non_null(xq);
	d = xdb_q_describe(xq);
	assert_non_null(d);
	*npats = hl.n;
	xdb_q_free(xq);
	hl_clear(&hl);
	query_free(tree);
	return d;
}

struct pcase {
	const char *q;
	int set;
	const char *want;
};

static const struct pcase cases[] = {
	/* 1 */
	{"chips", DEF,
	 "Query(((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor) OR 0.5 * (ZSchips SYNONYM ZSchip)))"},
	/* 2 */
	{"chips", NOTW,
	 "Query((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor))"},
	/* 3 */
	{"chips", NOSYN,
	 "Query(((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM "
	 "ZSchip) OR 0.5 * (ZSchips SYNONYM ZSchip)))"},
	/* 4 */
	{"=chips", DEF,
	 "Query(((chips SYNONYM Schips) OR 0.5 * Schips))"},
	/* 5 */
	{"control", NOTW,
	 "Query(((Zcontrol SYNONYM ZScontrol) OR "
	 "0.55000000000000004441 * XTcontro))"},
	/* 6 */
	{"regulation", NOTW,
	 "Query(((Zregulation SYNONYM Zregul SYNONYM ZSregulation "
	 "SYNONYM ZSregul SYNONYM 监管 SYNONYM 规制@1) OR "
	 "0.55000000000000004441 * XTregula))"},
	/* 7 */
	{"Zürich", NOTW,
	 "Query(((Zzurich SYNONYM Zzürich SYNONYM ZSzurich SYNONYM "
	 "ZSzürich) OR 0.80000000000000004441 * Zzurich OR "
	 "0.2999999999999999889 * zürich))"},
	/* 8 */
	{"watermarks", NOTW,
	 "Query(((Zwatermark SYNONYM ZSwatermark) OR "
	 "0.55000000000000004441 * XTwaterm))"},
	/* 9 */
	{"export controls", NOTW,
	 "Query(((Zexport SYNONYM ZSexport) OR ((Zcontrol SYNONYM "
	 "ZScontrol) OR 0.55000000000000004441 * XTcontro)))"},
	/* 10 */
	{"export controls", DEF,
	 "Query((((Zexport SYNONYM ZSexport) OR 0.5 * ZSexport) OR "
	 "(((Zcontrol SYNONYM ZScontrol) OR 0.55000000000000004441 * "
	 "XTcontro) OR 0.5 * ZScontrol)))"},
	/* 11 */
	{"export controls", PROX,
	 "Query(((Zexport SYNONYM ZSexport) OR ((Zcontrol SYNONYM "
	 "ZScontrol) OR 0.55000000000000004441 * XTcontro) OR "
	 "0.2999999999999999889 * (export@1 PHRASE 2 controls@2) OR "
	 "0.14999999999999999445 * (export@1 NEAR 8 controls@2)))"},
	/* 12 */
	{"export controls", AND,
	 "Query((((Zexport SYNONYM ZSexport) OR 0.5 * ZSexport) AND "
	 "(((Zcontrol SYNONYM ZScontrol) OR 0.55000000000000004441 * "
	 "XTcontro) OR 0.5 * ZScontrol)))"},
	/* 13 */
	{"\"export controls\"", NOTW,
	 "Query(((export@1 PHRASE 2 controls@2) SYNONYM (出口@1 PHRASE "
	 "3 口管@2 PHRASE 3 管制@3)))"},
	/* 14 */
	{"\"export controls\"", DEF,
	 "Query((((export@1 PHRASE 2 controls@2) SYNONYM (出口@1 PHRASE "
	 "3 口管@2 PHRASE 3 管制@3)) OR 0.5 * (Sexport@1 PHRASE 2 "
	 "Scontrols@2)))"},
	/* 15 */
	{"\"artificial intelligence\"", NOTW,
	 "Query(((artificial@1 PHRASE 2 intelligence@2) SYNONYM Zai "
	 "SYNONYM (人工@1 PHRASE 3 工智@2 PHRASE 3 智能@3)))"},
	/* 16 */
	{"the chips", NOTW,
	 "Query((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor))"},
	/* 17 */
	{"the chips", NOSTOP,
	 "Query((((Zthe SYNONYM ZSthe) OR 0.5 * ZSthe) OR ((Zchips "
	 "SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip SYNONYM "
	 "(Zmicrochips SYNONYM Zmicrochip) SYNONYM Zsemiconductor) OR "
	 "0.5 * (ZSchips SYNONYM ZSchip))))"},
	/* 18 */
	{"the of", NOTW,
	 "Query(((Zthe SYNONYM ZSthe) OR (Zof SYNONYM ZSof)))"},
	/* 19 */
	{"title:chips", DEF,
	 "Query((ZSchips SYNONYM ZSchip))"},
	/* 20 */
	{"title:\"export controls\"", DEF,
	 "Query((Sexport@1 PHRASE 2 Scontrols@2))"},
	/* 21 */
	{"author:smith", DEF,
	 "Query(Asmith)"},
	/* 22 */
	{"source:\"new york\"", DEF,
	 "Query((Bnew AND Byork))"},
	/* 23: a source restricts (and adds no weight: boolean terms) */
	{"source:reuters chips", NOTW,
	 "Query(((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor) AND Breuters))"},
	/* 24 */
	{"lang:zh", DEF,
	 "Query(Lzh)"},
	/* 25 */
	{"id:42", DEF,
	 "Query(Q42)"},
	/* 26 */
	{"date:2024", DEF,
	 "Query(VALUE_RANGE 0 2024-00-00 2024-99-99)"},
	/* 27 */
	{"date:2024-01..2024-06", DEF,
	 "Query(VALUE_RANGE 0 2024-01-00 2024-06-99)"},
	/* 28 */
	{"date:..2025", DEF,
	 "Query(VALUE_LE 0 2025-99-99)"},
	/* 29 */
	{"chips", FACETS,
	 "Query(((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor) FILTER (XSreuters AND Len AND VALUE_RANGE 0 "
	 "2024-00-00 2025-06-99)))"},
	/* 30: a NEAR word is any of its index's forms with its stem */
	{"watermark NEAR/10 synthetic", DEF,
	 "Query(((watermark OR watermarks) NEAR 10 synthetic))"},
	/* 31 */
	{"watermarks NEAR/10 synthetic", DEF,
	 "Query(((watermark OR watermarks) NEAR 10 synthetic))"},
	/* 32 */
	{"=watermark NEAR/10 synthetic", DEF,
	 "Query((watermark@1 NEAR 10 synthetic))"},
	/* 33: a phrase's words as written */
	{"chips NEAR/3 \"export controls\"", DEF,
	 "Query((chips NEAR 3 export@2 NEAR 3 controls@3))"},
	/* 34 */
	{"regulat*", DEF,
	 "Query(WILDCARD SYNONYM regulat)"},
	/* 35 */
	{"title:regulat*", DEF,
	 "Query(WILDCARD SYNONYM Sregulat)"},
	/* 36 */
	{"+chips -nvidia", NOTW,
	 "Query(((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor) AND_NOT (Znvidia SYNONYM ZSnvidia SYNONYM "
	 "(英伟@1 PHRASE 2 伟达@2))))"},
	/* 37 */
	{"chips OR semiconductors", NOTW,
	 "Query(((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor) OR ((Zsemiconductor SYNONYM ZSsemiconductor "
	 "SYNONYM (Zchips SYNONYM Zchip) SYNONYM (Zmicrochips SYNONYM "
	 "Zmicrochip)) OR 0.55000000000000004441 * XTsemico)))"},
	/* 38 */
	{"(chips OR gpu) AND export", NOTW,
	 "Query((((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM "
	 "ZSchip SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor) OR (Zgpu SYNONYM ZSgpu SYNONYM (graphics@1 "
	 "PHRASE 3 processing@2 PHRASE 3 unit@3) SYNONYM (图形@1 PHRASE "
	 "4 形处@2 PHRASE 4 处理@3 PHRASE 4 理器@4))) AND (Zexport SYNONYM "
	 "ZSexport)))"},
	/* 39 */
	{"人工智能", NOTW,
	 "Query(((((人工 SYNONYM S人工) AND (智能 SYNONYM S智能)) SYNONYM Zai "
	 "SYNONYM (artificial@1 PHRASE 2 intelligence@2)) AND_MAYBE "
	 "0.5999999999999999778 * ((人工@1 PHRASE 4 智能@3) SYNONYM (人工@1 "
	 "PHRASE 3 工智@2 PHRASE 3 智能@3))))"},
	/* 40 */
	{"人脸识别", NOTW,
	 "Query(((((人 SYNONYM S人) AND (脸 SYNONYM S脸) AND (识别 SYNONYM "
	 "S识别)) SYNONYM (face@1 PHRASE 2 recognition@2) SYNONYM "
	 "(facial@1 PHRASE 2 recognition@2)) AND_MAYBE "
	 "0.5999999999999999778 * ((人@1 PHRASE 4 脸@2 PHRASE 4 识别@3) "
	 "SYNONYM (人脸@1 PHRASE 3 脸识@2 PHRASE 3 识别@3))))"},
	/* 41 */
	{"人工智能监管", NOTW,
	 "Query((((((人工 SYNONYM S人工) AND (智能 SYNONYM S智能)) SYNONYM "
	 "Zai SYNONYM (artificial@1 PHRASE 2 intelligence@2)) AND (监管 "
	 "SYNONYM S监管 SYNONYM (Zregulation SYNONYM Zregul) SYNONYM "
	 "规制@1)) AND_MAYBE 0.5999999999999999778 * ((人工@1 PHRASE 6 "
	 "智能@3 PHRASE 6 监管@5) SYNONYM (人工@1 PHRASE 5 工智@2 PHRASE 5 "
	 "智能@3 PHRASE 5 能监@4 PHRASE 5 监管@5))))"},
	/* 42 */
	{"AI监管", NOTW,
	 "Query((((Zai SYNONYM ZSai SYNONYM (artificial@1 PHRASE 2 "
	 "intelligence@2) SYNONYM (人工@1 PHRASE 3 工智@2 PHRASE 3 智能@3)) "
	 "AND (监管 SYNONYM S监管 SYNONYM (Zregulation SYNONYM Zregul) "
	 "SYNONYM 规制@1)) AND_MAYBE 0.5999999999999999778 * (ai@1 "
	 "PHRASE 3 监管@2)))"},
	/* 43 */
	{"2021年GPT模型", NOTW,
	 "Query((((Z2021 SYNONYM ZS2021) AND (年 SYNONYM S年) AND (Zgpt "
	 "SYNONYM ZSgpt) AND (模型 SYNONYM S模型)) AND_MAYBE "
	 "0.5999999999999999778 * (2021@1 PHRASE 5 年@2 PHRASE 5 gpt@3 "
	 "PHRASE 5 模型@4)))"},
	/* 44 */
	{"\"人脸 识别\"", NOTW,
	 "Query((((人@1 PHRASE 4 脸@2 PHRASE 4 识别@3) SYNONYM (人脸@1 "
	 "PHRASE 3 脸识@2 PHRASE 3 识别@3)) SYNONYM (face@1 PHRASE 2 "
	 "recognition@2) SYNONYM (facial@1 PHRASE 2 recognition@2)))"},
	/* 45 */
	{"芯片", DEF,
	 "Query((((((芯 SYNONYM S芯) OR 0.5 * S芯) AND ((片 SYNONYM S片) "
	 "OR 0.5 * S片)) SYNONYM Zchip SYNONYM Zmicrochip SYNONYM "
	 "Zsemiconductor SYNONYM 半导体) AND_MAYBE 0.5999999999999999778 "
	 "* (((芯@1 PHRASE 2 片@2) SYNONYM 芯片@1) OR 0.5 * (S芯@1 PHRASE "
	 "2 S片@2))))"},
	/* 46 */
	{"ribosomopathies", NOTW,
	 "Query(((Zribosomopathi SYNONYM ZSribosomopathi) OR "
	 "0.55000000000000004441 * XTriboso))"},
	/* 47 */
	{"GPT-4o", NOTW,
	 "Query((gpt@1 PHRASE 3 4@2 PHRASE 3 o@3))"},
	/* 48 */
	{"U.S. export", NOTW,
	 "Query(((Zus SYNONYM ZSus SYNONYM (united@1 PHRASE 2 states@2) "
	 "SYNONYM Zusa SYNONYM 美国) OR (Zexport SYNONYM ZSexport)))"},
	/* 49 */
	{"one two three four five", DEF,
	 "Query(((Zone SYNONYM ZSone) OR (Ztwo SYNONYM ZStwo) OR "
	 "(Zthree SYNONYM ZSthree) OR (Zfour SYNONYM ZSfour) OR (Zfiv "
	 "SYNONYM Zfive SYNONYM ZSfiv SYNONYM ZSfive)))"},
	/* 50 */
	{"one two three four", DEF,
	 "Query((((Zone SYNONYM ZSone) OR 0.5 * ZSone) OR ((Ztwo "
	 "SYNONYM ZStwo) OR 0.5 * ZStwo) OR ((Zthree SYNONYM ZSthree) "
	 "OR 0.5 * ZSthree) OR ((Zfour SYNONYM ZSfour) OR 0.5 * "
	 "ZSfour)))"},
	/* 51 */
	{"", DEF,
	 "Query()"},
	/* 52 */
	{"+chips export", NOTW,
	 "Query(((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor) AND_MAYBE (Zexport SYNONYM ZSexport)))"},
	/* 53 */
	{"chips -nvidia -amd", NOTW,
	 "Query(((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor) AND_NOT ((Znvidia SYNONYM ZSnvidia SYNONYM "
	 "(英伟@1 PHRASE 2 伟达@2)) OR (Zamd SYNONYM ZSamd))))"},
	/* 54 */
	{"lang:zh chips", NOTW,
	 "Query(((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor) AND Lzh))"},
	/* 55 */
	{"date:2024 chips", NOTW,
	 "Query(((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor) AND VALUE_RANGE 0 2024-00-00 2024-99-99))"},
	/* 56 */
	{"Regulierung", NOTW,
	 "Query(((Zregulier SYNONYM Zregulierung SYNONYM ZSregulier "
	 "SYNONYM ZSregulierung) OR 0.55000000000000004441 * "
	 "XTreguli))"},
	/* 57: a source wildcard is on source words */
	{"source:reut* chips", NOTW,
	 "Query(((Zchips SYNONYM Zchip SYNONYM ZSchips SYNONYM ZSchip "
	 "SYNONYM (Zmicrochips SYNONYM Zmicrochip) SYNONYM "
	 "Zsemiconductor) AND WILDCARD SYNONYM Breut))"},
	/* 58: a title match is required and ranks */
	{"title:chips export", NOTW,
	 "Query(((ZSchips SYNONYM ZSchip) AND_MAYBE (Zexport SYNONYM "
	 "ZSexport)))"},
	/* 59 */
	{"ai", NOTW,
	 "Query((Zai SYNONYM ZSai SYNONYM (artificial@1 PHRASE 2 "
	 "intelligence@2) SYNONYM (人工@1 PHRASE 3 工智@2 PHRASE 3 智能@3)))"},
	/* 56: FILE:ID names one of the documents that share an id */
	{"id:laws.jsonl:3", DEF,
	 "Query((Qlaws.jsonl:3 OR XQlaws.jsonl:3))"},
};

static void
test_table(void **state)
{
	fixture *f = *state;
	int print = getenv("PLAN_PRINT") != NULL, bad = 0;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t npats;
		char *d = describe(f, cases[i].q, cases[i].set, &npats);

		if (print)
			printf("%zu\t%s\t%d\t%s\n", i + 1, cases[i].q,
			       cases[i].set, d);
		else if (strcmp(d, cases[i].want) != 0) {
			fprintf(stderr, "case %zu: %s\n  want %s\n  got  %s\n",
				i + 1, cases[i].q, cases[i].want, d);
			bad++;
		}
		free(d);
	}
	assert_int_equal(bad, 0);
}

/* What the description does not show: an excluded word gets no
 * highlight pattern while a word's synonyms do.  (An excluded word's
 * synonyms do get patterns today: -nvidia highlights 英伟达.) */
static void
test_details(void **state)
{
	fixture *f = *state;
	size_t n1, n2, n3;

	free(describe(f, "chips", NOTW, &n1));
	free(describe(f, "chips -amd", NOTW, &n2));
	assert_int_equal(n1, n2);
	free(describe(f, "chips", NOSYN, &n3));
	assert_int_equal(n3, 1);
	assert_true(n1 > n3); /* microchips, semiconductors */
}

/* An OR of more than 32 words searches its 32 best (OP_ELITE_SET); one
 * of 32 words, or an AND of many, is left as it is.  (qaa, qab...: no
 * stop word among them, which the planner would drop.) */
static void
test_elite(void **state)
{
	fixture *f = *state;
	char q[1024] = "", qa[2048] = "";
	char *d;
	size_t np;

	for (int i = 0; i < 33; i++) {
		char w[16];

		snprintf(w, sizeof w, "q%c%c", 'a' + i / 26, 'a' + i % 26);
		if (i == 32) {
			d = describe(f, q, NOTW, &np);
			assert_null(strstr(d, "ELITE_SET"));
			free(d);
		}
		strcat(q, i ? " " : "");
		strcat(q, w);
		strcat(qa, i ? " AND " : "");
		strcat(qa, w);
	}
	d = describe(f, q, NOTW, &np);
	assert_non_null(strstr(d, " ELITE_SET 32 "));
	assert_int_equal(np, 33); /* every word still marked (hl_keep_best) */
	free(d);
	d = describe(f, qa, NOTW, &np);
	assert_null(strstr(d, "ELITE_SET"));
	assert_non_null(strstr(d, " AND "));
	free(d);
}

/* hl_keep_best keeps the patterns of highest weight in their order. */
static void
test_keep_best(void **state)
{
	hl_list l = {0};
	static const double w[5] = {1.0, 3.0, 0.5, 2.0, 3.0};
	char *t[1];

	(void)state;
	for (int i = 0; i < 5; i++) {
		char s[2] = {(char)('a' + i), 0};

		t[0] = s;
		hl_add(&l, HL_WORD, 0, t, 1);
	}
	for (int i = 0; i < 5; i++)
		l.v[i].weight = w[i];
	hl_keep_best(&l, 5); /* nothing to drop */
	assert_int_equal(l.n, 5);
	hl_keep_best(&l, 3);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].terms[0], "b");
	assert_string_equal(l.v[1].terms[0], "d");
	assert_string_equal(l.v[2].terms[0], "e");
	assert_true(l.v[0].weight == 3.0 && l.v[1].weight == 2.0);
	hl_clear(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_details, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_elite, setup, teardown),
		cmocka_unit_test(test_keep_best),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
