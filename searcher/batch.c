/* Placeholder until bulk mode lands: see issue 5. */
#include <err.h>

#include "searcher.h"

int
batch_main(const char *dbpath, const char *path, const search_opts *so,
	   const out_opts *oo, const char *format, int threads)
{
	(void)dbpath; (void)path; (void)so; (void)oo; (void)format;
	(void)threads;
	warnx("--batch is not available yet");
	return 2;
}
