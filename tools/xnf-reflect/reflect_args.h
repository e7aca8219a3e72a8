/* SPDX-License-Identifier: GPL-2.0 */
/* xnf-reflect's command line, parsed apart from main() to be fuzzed. */
#ifndef REFLECT_ARGS_H
#define REFLECT_ARGS_H

#include <stddef.h>
#include "inet.h"

struct reflect_args {
	const char *dev;	/* shorter than IFNAMSIZ */
	u8 ip[4];
	unsigned long secs;	/* 0: until killed */
};

/*
 * 0, or 2 (bad use) with why holding the line to print, or empty when
 * the usage says it. getopt() may reorder argv.
 */
int reflect_args_parse(struct reflect_args *a, int argc, char **argv,
		       char *why, size_t why_len);

#endif
