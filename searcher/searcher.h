/* searcher: the program's modes (command line, bulk, CGI/FastCGI) share
 * these. */
#ifndef SEARCHER_H
#define SEARCHER_H

#include "index.h"
#include "out.h"
#include "search.h"

/* Opens the index with a message for the user on failure (printed to
 * stderr with the program name); returns NULL then. */
searcher *searcher_open(const char *path);

/* Bulk mode (batch.c): queries from path ("-" or NULL: stdin), one per line
 * ("query" or "qid<TAB>query"), each printed with p.  Returns the exit
 * status. */
int batch_main(const char *dbpath, const char *path, const search_opts *so,
	       const out_opts *oo, const out_printer *p, int threads);

/* CGI and FastCGI (cgi.c): returns the exit status. */
int cgi_main(int argc, char **argv);

#endif
