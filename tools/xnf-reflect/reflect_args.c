// SPDX-License-Identifier: GPL-2.0
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tool_args.h"
#include "reflect_args.h"

int reflect_args_parse(struct reflect_args *a, int argc, char **argv,
		       char *why, size_t why_len)
{
	const char *addr = NULL;
	char *end;
	int o;

	*a = (struct reflect_args){ 0 };
	tool_args_start(why);
	while ((o = getopt(argc, argv, "i:a:t:h")) != -1) {
		switch (o) {
		case 'i':
			a->dev = optarg;
			break;
		case 'a':
			addr = optarg;
			break;
		case 't':
			a->secs = strtoul(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || !a->secs ||
			    a->secs > 86400)
				return tool_args_refuse(why, why_len, "-t takes 1-86400 seconds");
			break;
		case 'h':
			return 2;
		default:
			return tool_args_unknown(why, why_len);
		}
	}
	if (!a->dev || !addr || optind != argc)
		return 2;
	if (!a->dev[0] || strlen(a->dev) >= IFNAMSIZ)
		return tool_args_refuse(why, why_len, "-i takes an interface name of 1-15 bytes");
	if (uk_inet_parse_ip(addr, strlen(addr), a->ip))
		return tool_args_refuse(why, why_len, "-a takes an IPv4 address a.b.c.d");
	return 0;
}
