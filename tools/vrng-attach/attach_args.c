// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include "attach_args.h"
#include "vrng_bucket.h"

/* An argument as it may be quoted back: printable, 40 bytes at most. */
static const char *shown(const char *arg, char buf[44])
{
	size_t i;

	for (i = 0; arg[i] && i < 40; i++)
		buf[i] = arg[i] >= ' ' && arg[i] < 127 ? arg[i] : '?';
	strcpy(buf + i, arg[i] ? "..." : "");
	return buf;
}

/* [--untrusted] [--rate N] from argv[first..] */
static int parse_opts(struct attach_args *a, int argc, char **argv, int first,
		      char *why, size_t why_len)
{
	char buf[44];
	int i;

	for (i = first; i < argc; i++) {
		if (!strcmp(argv[i], "--untrusted")) {
			a->trusted = false;
		} else if (!strcmp(argv[i], "--rate") && i + 1 < argc) {
			if (plat_parse_uint(argv[++i], VRNG_BUCKET_MAX_RATE, &a->rate)) {
				snprintf(why, why_len,
					 "--rate '%s' is not a number of bytes per second (0..%lu; 0: unlimited)",
					 shown(argv[i], buf), (unsigned long)VRNG_BUCKET_MAX_RATE);
				return 2;
			}
			a->have_rate = true;
		} else {
			return 2;
		}
	}
	return 0;
}

int attach_args_parse(struct attach_args *a, int argc, char **argv,
		      char *why, size_t why_len)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	unsigned long v;
	char buf[44];

	*a = (struct attach_args){ .trusted = true };
	why[0] = '\0';
	if (!strcmp(cmd, "list")) {
		a->cmd = ATTACH_LIST;
		return argc == 2 ? 0 : 2;
	}
	if (!strcmp(cmd, "watch")) {
		a->cmd = ATTACH_WATCH;
		return parse_opts(a, argc, argv, 2, why, why_len);
	}
	if (strcmp(cmd, "attach") && strcmp(cmd, "detach"))
		return 2;
	a->cmd = strcmp(cmd, "attach") ? ATTACH_DETACH : ATTACH_ATTACH;
	if (argc < 3)
		return 2;
	if (plat_parse_uint(argv[2], ATTACH_DOMID_MAX, &v) || v == 0) {
		snprintf(why, why_len, "'%s' is not a guest domain id (1..%d)",
			 shown(argv[2], buf), ATTACH_DOMID_MAX);
		return 2;
	}
	a->domid = (unsigned int)v;
	if (a->cmd == ATTACH_DETACH)
		return argc == 3 ? 0 : 2;
	return parse_opts(a, argc, argv, 3, why, why_len);
}
