/*
 * fuzz_prescan: the snippet maker's pre-scan keeps its promise (snip.h,
 * "Finding the hits"): with maxchars > 0, tokenizing only the regions
 * around raw-text candidates gives the same spans as tokenizing the whole
 * text (snip_ctx_scan_all).  Input and patterns as fuzz_snip's (see
 * fuzz_snip.h); each input runs with three snippet lengths, one and
 * several fragments, through two contexts (pre-scan, whole text) that are
 * kept between the runs, and any difference in the spans aborts.
 */
#include "fuzz_snip.h"

static int
same(const snip_span *a, size_t na, const snip_span *b, size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (a[i].start != b[i].start || a[i].end != b[i].end ||
		    a[i].kind != b[i].kind)
			return 0;
	return 1;
}

/* Prints both span lists (for a finding's log) and aborts. */
static void
differ(const snip_opts *o, const snip_span *a, size_t na, const snip_span *b,
       size_t nb)
{
	fprintf(stderr, "maxchars %zu maxfrags %zu\npre-scan:", o->maxchars,
		o->maxfrags);
	for (size_t i = 0; i < na; i++)
		fprintf(stderr, " %zu-%zu/%d", a[i].start, a[i].end, a[i].kind);
	fprintf(stderr, "\nwhole text:");
	for (size_t i = 0; i < nb; i++)
		fprintf(stderr, " %zu-%zu/%d", b[i].start, b[i].end, b[i].kind);
	fprintf(stderr, "\n");
	FUZZ_CHECK(!"the pre-scan's snippet differs from the whole text's");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t chars[] = {1, 5, 12, 30, 50, 80, 160, 240};
	fuzz_in in;
	fuzz_pats fp;
	snip_ctx *pre, *all;

	if (fuzz_split(data, size, &in) < 0)
		return 0;
	fuzz_pats_make(&fp, &in);
	pre = snip_ctx_new();
	all = snip_ctx_new();
	FUZZ_CHECK(pre != NULL && all != NULL);
	snip_ctx_scan_all(all, 1);
	for (int round = 0; round < 3; round++) {
		snip_opts o = {.toks = NULL};
		snip_span *a = NULL, *b = NULL;
		size_t na = 0, nb = 0;
		char *err = NULL;
		snip_stem_fn stem = (in.b1 & 32) ? NULL : fuzz_toy_stem;
		uint8_t c = (uint8_t)(in.b0 >> (3 * round));

		o.maxchars = chars[c & 7];
		o.maxfrags = (in.b1 & (8 << (round & 1))) ? 3 : 1;
		FUZZ_CHECK(snip_make_ctx(pre, fuzz_tok(), in.text, in.len, fp.p,
					 fp.np, &o, stem, NULL, &a, &na,
					 &err) == 0);
		FUZZ_CHECK(snip_make_ctx(all, fuzz_tok(), in.text, in.len, fp.p,
					 fp.np, &o, stem, NULL, &b, &nb,
					 &err) == 0);
		FUZZ_CHECK(err == NULL);
		if (!same(a, na, b, nb))
			differ(&o, a, na, b, nb);
		free(a);
		free(b);
	}
	snip_ctx_free(pre);
	snip_ctx_free(all);
	fuzz_pats_free(&fp);
	return 0;
}
