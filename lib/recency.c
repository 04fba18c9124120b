#include "recency.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "schema.h"
#include "util.h"

int
recency_parse(const char *s, double *days)
{
	char *end;
	double v, unit = 1;

	if (!s || !(*s >= '0' && *s <= '9'))
		return -1;
	v = strtod(s, &end);
	if (*end && end[1])
		return -1;
	switch (*end) {
	case '\0':
	case 'd':
		break;
	case 'w':
		unit = 7;
		break;
	case 'm':
		unit = 30.44;
		break;
	case 'y':
		unit = 365.25;
		break;
	default:
		return -1;
	}
	v *= unit;
	if (!(v >= 1 && v <= RECENCY_MAX_DAYS))
		return -1;
	*days = v;
	return 0;
}

int
recency_init(recency *r, xdb *db, double half_life, char **err)
{
	char *lo = NULL, *hi = NULL;
	date d;
	int rc = xdb_value_bounds(db, SCHEMA_SLOT_DATE, &lo, &hi, err);

	r->half_life = half_life;
	r->newest = 0;
	r->dated = 0;
	if (rc == ST_OK && date_parse(hi, strlen(hi), DATE_KEY, &d) == 0) {
		r->newest = date_days(&d);
		r->dated = 1;
	}
	free(lo);
	free(hi);
	return rc;
}

/* The bonus of a document dated v, in (0, 1]; 0 for what is not a date. */
static double
decay(void *ctx, const char *v, size_t n)
{
	const recency *r = ctx;
	date d;
	long age;

	if (date_parse(v, n, DATE_KEY, &d) < 0)
		return 0;
	age = r->newest - date_days(&d);
	return exp2(-(double)(age > 0 ? age : 0) / r->half_life);
}

xdb_query *
recency_blend(xdb_query *q, recency *r, double top)
{
	xdb_query *two[2];
	double scale = RECENCY_WEIGHT * (top > 0 ? top : 1);

	if (!q || !r->dated)
		return q;
	two[0] = q;
	two[1] = xdb_q_scale(xdb_q_valueweight(SCHEMA_SLOT_DATE, decay, r, 1),
			     scale);
	if (!two[1]) {
		xdb_q_free(q);
		return NULL;
	}
	return xdb_q_op(XQ_AND_MAYBE, two, 2, 0);
}
