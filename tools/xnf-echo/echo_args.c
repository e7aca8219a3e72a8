// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tool_args.h"
#include "echo_args.h"

/* A decimal in [min, max], all of s up to end (NULL: to its NUL). */
static bool parse_ulong(const char *s, const char *end, unsigned long min,
			unsigned long max, unsigned long *out)
{
	char *stop;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoul(s, &stop, 10);
	return !errno && (end ? stop == end : !*stop) &&
	       *out >= min && *out <= max;
}

int echo_args_parse(struct echo_args *a, int argc, char **argv, char *why,
		    size_t why_len)
{
	const char *dash;
	int o;

	*a = (struct echo_args){ .addr = "0.0.0.0", .port = 7, .min = 1,
				 .max = 1472, .wait_ms = 1000, .tries = 3 };
	tool_args_start(why);
	while ((o = getopt(argc, argv, "lp:s:w:r:a:h")) != -1) {
		switch (o) {
		case 'l':
			a->listen = true;
			break;
		case 'a':
			a->addr = optarg;
			break;
		case 'p':
			if (!parse_ulong(optarg, NULL, 1, 65535, &a->port))
				return tool_args_refuse(why, why_len, "-p takes a port 1-65535");
			break;
		case 's':
			dash = strchr(optarg, '-');
			if (!dash || !parse_ulong(optarg, dash, 1, ECHO_MAX, &a->min) ||
			    !parse_ulong(dash + 1, NULL, a->min, ECHO_MAX, &a->max))
				return tool_args_refuse(why, why_len,
					      "-s takes MIN-MAX, 1 <= MIN <= MAX <= 65507");
			break;
		case 'w':
			if (!parse_ulong(optarg, NULL, 1, 600000, &a->wait_ms))
				return tool_args_refuse(why, why_len, "-w takes 1-600000 ms");
			break;
		case 'r':
			if (!parse_ulong(optarg, NULL, 1, 100, &a->tries))
				return tool_args_refuse(why, why_len, "-r takes 1-100 tries");
			break;
		case 'h':
			return 2;
		default:
			return tool_args_unknown(why, why_len);
		}
	}
	if (a->listen)
		return optind == argc ? 0 : 2;
	if (optind != argc - 1)
		return 2;
	a->host = argv[optind];
	return 0;
}
