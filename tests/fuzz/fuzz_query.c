/*
 * fuzz_query: the query parser and its canonical printer.  Input: one
 * option byte, then the query.  The option byte picks the default operator
 * and, half the time, small limits (length, depth, word count) so that the
 * cutting paths run too.  Checks the tree is well formed (the invariants of
 * tests/unit/test_query.c's random run), that no more leaves survive than
 * maxterms allows, and that the canonical form prints as valid UTF-8.
 */
#include <string.h>

#include "fuzz.h"
#include "query.h"

static int
is_field(const char *f)
{
	if (!f)
		return 1;
	for (size_t i = 0; query_fields[i]; i++)
		if (f == query_fields[i])
			return 1;
	return 0;
}

static unsigned
leaves(const qnode *q)
{
	unsigned n = 0;

	if (q->kind == Q_WORD || q->kind == Q_WILD || q->kind == Q_FILTER ||
	    q->kind == Q_DATE)
		return 1;
	for (size_t i = 0; i < q->nkids; i++)
		n += leaves(q->kids[i]);
	return n;
}

/* Returns the depth of q; aborts on a malformed node. */
static unsigned
check_tree(const qnode *q, int top, int first_of_not)
{
	unsigned d = 0;

	FUZZ_CHECK(q != NULL);
	FUZZ_CHECK(is_field(q->field));
	switch (q->kind) {
	case Q_WORD:
	case Q_WILD:
	case Q_FILTER:
		FUZZ_CHECK(q->nkids == 0);
		FUZZ_CHECK(q->text != NULL && q->text[0] != '\0');
		FUZZ_CHECK(u8_valid(q->text, strlen(q->text), NULL));
		if (q->kind == Q_WORD)
			FUZZ_CHECK(strlen(q->text) <= TOK_MAXTERM);
		if (q->kind == Q_FILTER)
			FUZZ_CHECK(q->field != NULL);
		return 1;
	case Q_DATE:
		FUZZ_CHECK(q->text != NULL && q->text2 != NULL);
		FUZZ_CHECK(q->text[0] || q->text2[0]);
		return 1;
	case Q_ALL:
		FUZZ_CHECK(first_of_not);
		return 1;
	case Q_NONE:
		FUZZ_CHECK(top);
		return 1;
	case Q_PHRASE:
	case Q_NEAR:
		FUZZ_CHECK(q->nkids >= 2);
		FUZZ_CHECK(q->window >= 1);
		for (size_t i = 0; i < q->nkids; i++)
			if (q->kind == Q_PHRASE)
				FUZZ_CHECK(q->kids[i]->kind == Q_WORD);
			else
				FUZZ_CHECK(q->kids[i]->kind == Q_WORD ||
					   q->kids[i]->kind == Q_PHRASE);
		break;
	case Q_AND:
	case Q_OR:
	case Q_NOT:
	case Q_MAYBE:
		FUZZ_CHECK(q->nkids >= 2);
		FUZZ_CHECK(q->field == NULL);
		/* no AND in an AND (nor OR in OR...), but for a run of words */
		for (size_t i = 0; i < q->nkids; i++)
			if (q->kind == Q_AND || q->kind == Q_OR || i == 0)
				FUZZ_CHECK(q->kids[i]->kind != q->kind ||
					   (q->kids[i]->flags & QF_RUN));
		if (q->flags & QF_RUN) {
			FUZZ_CHECK(q->kind == Q_AND);
			for (size_t i = 0; i < q->nkids; i++)
				FUZZ_CHECK(q->kids[i]->kind == Q_WORD);
		}
		break;
	default:
		FUZZ_CHECK(!"unknown node kind");
	}
	for (size_t i = 0; i < q->nkids; i++) {
		unsigned k = check_tree(q->kids[i], 0,
					q->kind == Q_NOT && i == 0);

		if (k > d)
			d = k;
	}
	return d + 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	query_opts o = QUERY_OPTS_DEFAULT;
	qnode *root = NULL;
	char *err = NULL, *warn = NULL, *c;
	unsigned depth;
	int rc;
	uint8_t b;

	if (size < 1)
		return 0;
	b = data[0];
	data++;
	size--;
	o.default_op = (b & 1) ? Q_AND : Q_OR;
	if (b & 2) {
		o.maxlen = 8 + ((b >> 2) & 7) * 16;
		o.maxdepth = (b >> 5) & 3;
		o.maxterms = 1 + ((b >> 2) & 7);
	}
	rc = query_parse(fuzz_tok(), (const char *)data, size, &o, &root,
			 &warn, &err);
	if (rc == QUERY_EDATE) {
		/* an impossible date: a valid message, no tree */
		FUZZ_CHECK(err != NULL && root == NULL &&
			   u8_valid(err, strlen(err), NULL));
		free(err);
		free(warn);
		return 0;
	}
	FUZZ_CHECK(rc == 0);
	FUZZ_CHECK(err == NULL && root != NULL);
	depth = check_tree(root, 1, 0);
	/* nesting is bounded by the depth honoured: a few levels of
	 * operators per parenthesis at most */
	FUZZ_CHECK(depth <= 6 * (o.maxdepth + 1) + 6);
	FUZZ_CHECK(leaves(root) <= o.maxterms);
	if (warn)
		FUZZ_CHECK(u8_valid(warn, strlen(warn), NULL));
	c = query_canon(root);
	FUZZ_CHECK(c != NULL);
	FUZZ_CHECK(u8_valid(c, strlen(c), NULL));
	free(c);
	free(warn);
	query_free(root);
	return 0;
}
