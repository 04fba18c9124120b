/* Placeholder until the CGI page lands: see issue 4. */
#include <stdio.h>

#include "searcher.h"

int
cgi_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("Status: 501 Not Implemented\r\nContent-Type: text/plain\r\n\r\n"
	      "The CGI mode is not available yet.\n", stdout);
	return 0;
}
