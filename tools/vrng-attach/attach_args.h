/* SPDX-License-Identifier: GPL-2.0 */
/* vrng-attach's command line, parsed apart from main() to be fuzzed. */
#ifndef ATTACH_ARGS_H
#define ATTACH_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#define ATTACH_DOMID_MAX 0x7fef	/* below DOMID_FIRST_RESERVED */

enum attach_cmd { ATTACH_LIST, ATTACH_WATCH, ATTACH_ATTACH, ATTACH_DETACH };

struct attach_args {
	enum attach_cmd cmd;
	unsigned int domid;	/* attach, detach: 1..ATTACH_DOMID_MAX */
	bool trusted;		/* attach, watch: not --untrusted */
	bool have_rate;
	unsigned long rate;	/* bytes a second, 0: unlimited */
};

/*
 * 0, or 2 (bad use) with why holding the line to print (an argument it
 * quotes shown printable), or empty when the usage says it.
 */
int attach_args_parse(struct attach_args *a, int argc, char **argv,
		      char *why, size_t why_len);

#endif
