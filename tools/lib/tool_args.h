/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the tools' getopt() parsers share: a fresh start, and their
 * refusals as one line in the caller's buffer (their main() prints it).
 */
#ifndef TOOL_ARGS_H
#define TOOL_ARGS_H

#include <stdio.h>
#include <unistd.h>

/* Before the getopt() loop: whatever was parsed before, no getopt lines. */
static inline void tool_args_start(char *why)
{
	why[0] = '\0';
	optind = 0;	/* glibc: start afresh */
	opterr = 0;
}

static inline int tool_args_refuse(char *why, size_t why_len, const char *what)
{
	snprintf(why, why_len, "%s", what);
	return 2;
}

/* getopt() said '?': an option unknown or without its value. */
static inline int tool_args_unknown(char *why, size_t why_len)
{
	snprintf(why, why_len, "-%c: no such option, or its value missing",
		 optopt > ' ' && optopt < 127 ? optopt : '?');
	return 2;
}

#endif
