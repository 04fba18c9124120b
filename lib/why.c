/*
 * why: the (term, reason) list of a search hit (contract in why.h).  Every
 * phrase is a message of msg.h, in each language the page speaks.
 */
#include "why.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* 1 if h holds n, in any ASCII case. */
static int
holds(const char *h, const char *n)
{
	size_t k = strlen(n);

	for (; strlen(h) >= k; h++)
		if (!strncasecmp(h, n, k))
			return 1;
	return 0;
}

/* Adds (term, reason, via, of) unless said (in any ASCII case); see
 * why.h. */
int
why_add(why_list *l, why_reason r, why_reason via, const char *term, size_t n,
	const char *of)
{
	why_item *it;
	size_t i;

	char *t = str_ndup(term, n), *o = of ? str_dup(of) : NULL;

	if (!t || (of && !o)) {
		free(t);
		free(o);
		return -1;
	}
	for (i = 0; i < l->n; i++) {
		it = &l->v[i];
		if (it->reason != r || it->via != via)
			continue;
		if (holds(it->term, t)) { /* said already */
			free(t);
			free(o);
			return 0;
		}
		if (holds(t, it->term)) { /* says more */
			free(it->term);
			free(it->of);
			it->term = t;
			it->of = o;
			return 0;
		}
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;

		it = realloc(l->v, cap * sizeof *it);
		if (!it) {
			free(t);
			free(o);
			return -1;
		}
		l->v = it;
		l->cap = cap;
	}
	it = &l->v[l->n++];
	it->term = t;
	it->of = o;
	it->reason = r;
	it->via = via;
	return 0;
}

/* Frees l's items. */
void
why_clear(why_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].term);
		free(l->v[i].of);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The reason's JSON name; see why.h. */
const char *
why_name(why_reason r)
{
	switch (r) {
	case WHY_TITLE: return "title";
	case WHY_NAME: return "name";
	case WHY_ACRONYM: return "acronym";
	case WHY_FIELD: return "field";
	case WHY_SYNONYM: return "synonym";
	case WHY_EXPANSION: return "expansion";
	case WHY_FOLD: return "fold";
	case WHY_STEM: return "stem";
	case WHY_SPELLING: return "spelling";
	case WHY_NONE:
	case WHY_NREASONS: break;
	}
	return "";
}

/* The kind for machines; see why.h. */
void
why_kind(const why_item *it, char *out, size_t cap)
{
	if (it->via != WHY_NONE)
		snprintf(out, cap, "%s_%s", why_name(it->reason),
			 why_name(it->via));
	else
		snprintf(out, cap, "%s", why_name(it->reason));
}

/* The lead of each reason (its items are {1}; a field's name {1}, its
 * items {2}), and how an item that came by way of via is told. */
static const msg_id lead[WHY_NREASONS] = {
	[WHY_TITLE] = M_WHY_TITLE,	   [WHY_NAME] = M_WHY_NAME,
	[WHY_ACRONYM] = M_WHY_ACRONYM,
	[WHY_FIELD] = M_WHY_FIELD,	   [WHY_SYNONYM] = M_WHY_SYNONYM,
	[WHY_EXPANSION] = M_WHY_EXPANSION, [WHY_FOLD] = M_WHY_FOLD,
	[WHY_STEM] = M_WHY_STEM,	   [WHY_SPELLING] = M_WHY_SPELLING,
};
static const msg_id via_msg[WHY_NREASONS] = {
	[WHY_SYNONYM] = M_WHY_VIA_SYNONYM, [WHY_EXPANSION] = M_WHY_VIA_EXPANSION,
	[WHY_FOLD] = M_WHY_VIA_FOLD,	   [WHY_STEM] = M_WHY_VIA_STEM,
	[WHY_SPELLING] = M_WHY_VIA_SPELLING,
};

typedef void (*put_fn)(buf *, const char *);
/* Says argument a (1..9) of a message. */
typedef void (*arg_fn)(void *ctx, int a, buf *out, put_fn put);

/* Appends message m in lang: its words through put, {N} through arg. */
static void
say(buf *out, put_fn put, msg_lang lang, msg_id m, arg_fn arg, void *ctx)
{
	const char *s = msg_text(lang, m);
	char run[128];

	while (*s) {
		size_t k = strcspn(s, "{");

		while (k) {
			size_t c = k < sizeof run - 1 ? k : sizeof run - 1;

			while (c < k && ((unsigned char)s[c] & 0xC0) == 0x80)
				c--; /* a piece ends between characters */
			memcpy(run, s, c);
			run[c] = '\0';
			put(out, run);
			s += c;
			k -= c;
		}
		if (*s != '{')
			break;
		if (s[1] >= '1' && s[1] <= '9' && s[2] == '}') {
			arg(ctx, s[1] - '0', out, put);
			s += 3;
		} else {
			put(out, "{");
			s++;
		}
	}
}

/* An item: its term, maybe what it stands for. */
static void
item_arg(void *ctx, int a, buf *out, put_fn put)
{
	const why_item *it = ctx;

	if (a == 1)
		put(out, it->term);
	else if (a == 2 && it->of)
		put(out, it->of);
}

/* Appends one item as its reason's list shows it. */
static void
say_item(const why_item *it, msg_lang lang, buf *out, put_fn put)
{
	why_reason how = it->reason == WHY_TITLE || it->reason == WHY_NAME
				 ? it->via
				 : it->reason;

	if (it->reason == WHY_ACRONYM && it->of)
		say(out, put, lang, M_WHY_ACRONYM_OF, item_arg, (void *)it);
	else if (how != it->reason && how != WHY_NONE &&
	    (it->of || how == WHY_EXPANSION))
		say(out, put, lang, via_msg[how], item_arg, (void *)it);
	else if (how == it->reason && it->of)
		say(out, put, lang, M_WHY_FOR, item_arg, (void *)it);
	else
		put(out, it->term);
}

/* The items of one reason (of one field for WHY_FIELD), from first. */
typedef struct group {
	const why_list *l;
	size_t first;
	msg_lang lang;
} group;

static int
same_group(const why_item *a, const why_item *b)
{
	return a->reason == b->reason &&
	       (a->reason != WHY_FIELD ||
		strcmp(a->of ? a->of : "", b->of ? b->of : "") == 0);
}

static void
group_arg(void *ctx, int a, buf *out, put_fn put)
{
	const group *g = ctx;
	const why_item *f = &g->l->v[g->first];
	int items = f->reason == WHY_FIELD ? 2 : 1;
	int any = 0;

	if (a != items) { /* a field's name */
		put(out, f->of ? f->of : "");
		return;
	}
	for (size_t i = g->first; i < g->l->n; i++) {
		const why_item *it = &g->l->v[i];

		if (!same_group(f, it))
			continue;
		if (any)
			put(out, msg_text(g->lang, M_WHY_COMMA));
		if (it->reason == WHY_FIELD)
			put(out, it->term);
		else
			say_item(it, g->lang, out, put);
		any = 1;
	}
}

/* Appends the list for people; see why.h.  The groups in the order of
 * the reasons, each where its first item is. */
void
why_line(const why_list *l, msg_lang lang, buf *out, put_fn put)
{
	int any = 0;

	for (why_reason r = WHY_TITLE; r < WHY_NREASONS; r++) {
		for (size_t i = 0; i < l->n; i++) {
			group g = {l, i, lang};
			size_t j;

			if (l->v[i].reason != r)
				continue;
			for (j = 0; j < i && !same_group(&l->v[j], &l->v[i]);
			     j++)
				;
			if (j < i)
				continue; /* told with its group */
			if (any)
				put(out, msg_text(lang, M_WHY_SEP));
			say(out, put, lang, lead[r], group_arg, &g);
			any = 1;
		}
	}
}

/* Appends one item; see why.h. */
void
why_text(const why_item *it, msg_lang lang, buf *out, put_fn put)
{
	why_list one = {(why_item *)it, 1, 1};

	why_line(&one, lang, out, put);
}
