/* SPDX-License-Identifier: GPL-2.0 */
/* xnf-echo's command line, parsed apart from main() to be fuzzed. */
#ifndef ECHO_ARGS_H
#define ECHO_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#define ECHO_MAX 65507		/* the largest UDP payload over IPv4 */

struct echo_args {
	bool listen;
	const char *addr;	/* -l: the address to serve on */
	const char *host;	/* the client's server */
	unsigned long port, min, max, wait_ms, tries;
};

/*
 * 0, or 2 (bad use) with why holding the line to print, or empty when
 * the usage says it. getopt() may reorder argv.
 */
int echo_args_parse(struct echo_args *a, int argc, char **argv, char *why,
		    size_t why_len);

#endif
