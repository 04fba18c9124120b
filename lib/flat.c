/*
 * flat: snip_flatten, the display form of a snippet (see snip.h).
 */
#include "snipctx.h"

/* Appends hl to st. */
static int
put_hl(snip_text *st, size_t *cap, const snip_hl *hl)
{
	if (GROW(st->hl, *cap, st->nhl + 1))
		return -1;
	st->hl[st->nhl++] = *hl;
	return 0;
}

int
snip_flatten(const char *src, const snip_span *spans, size_t nspans,
	     snip_text *out)
{
	size_t i, b, k, cc = 0, cap = out->nhl;
	int space = 0, gap = 0, in;
	uint32_t ch;
	snip_hl hl;

	for (i = 0; i < nspans; i++) {
		const snip_span *sp = &spans[i];

		if (sp->kind == SNIP_GAP) {
			if (gap)
				continue; /* one "…" for a run of gaps */
			if (out->text.n) {
				buf_addc(&out->text, ' ');
				cc++;
			}
			buf_add(&out->text, "\xE2\x80\xA6", 3);
			cc++;
			space = 1;
			gap = 1;
			continue;
		}
		if (sp->end <= sp->start || !src)
			continue;
		in = 0;
		memset(&hl, 0, sizeof hl);
		for (b = sp->start; b < sp->end; b += k) {
			ch = u8_decode(src + b, sp->end - b, &k);
			if (ch == 0xFEFF)
				continue; /* byte order mark: nothing */
			if (ch != U8_INVALID && cp_space(ch)) {
				space = 1;
				continue;
			}
			if (space && out->text.n) {
				buf_addc(&out->text, ' ');
				cc++;
			}
			space = gap = 0;
			if (sp->kind == SNIP_HIT && !in) {
				in = 1;
				hl.bstart = out->text.n;
				hl.cstart = cc;
			}
			if (ch == U8_INVALID)
				buf_add(&out->text, "\xEF\xBF\xBD", 3);
			else
				buf_add(&out->text, src + b, k);
			cc++;
			hl.bend = out->text.n;
			hl.cend = cc;
		}
		if (in && put_hl(out, &cap, &hl) < 0)
			return -1;
	}
	if (!out->text.p)
		buf_add(&out->text, "", 0);
	return out->text.err ? -1 : 0;
}

void
snip_text_clear(snip_text *st)
{
	if (!st)
		return;
	buf_free(&st->text);
	free(st->hl);
	st->hl = NULL;
	st->nhl = 0;
}
