/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the tools' getopt() parsers share: a fresh start, and their
 * refusals as one line in the caller's buffer (their main() prints it).
 */
#ifndef TOOL_ARGS_H
#define TOOL_ARGS_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
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

/*
 * "PROG --help" (or -h) alone: the usage goes to standard output and the
 * tool exits 0, as its man page's synopsis says; anywhere else, -h is
 * bad use (usage on standard error, exit 2).
 */
static inline bool tool_args_help(int argc, char **argv)
{
	return argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
}

#endif
