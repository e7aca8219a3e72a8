// SPDX-License-Identifier: GPL-2.0
/*
 * The tools' command lines and vrng-reseed's uevent reader: the first
 * byte picks one, the rest is its input (NUL-separated arguments, or the
 * uevent's bytes). Whatever comes, each parser says 0 with every value
 * inside its documented range, or 2 with a printable line; the uevent
 * reader says "resumed" only for a message that holds both its keys.
 */
#define _GNU_SOURCE		/* memmem */
#include <string.h>
#include "fuzz.h"
#include "attach_args.h"
#include "echo_args.h"
#include "reflect_args.h"
#include "uevent.h"
#include "vrng_bucket.h"

#define MAX_ARGS 16

static void printable(const char *why)
{
	for (; *why; why++)
		FUZZ_ASSERT(*why >= ' ' && *why < 127);
}

static void echo(int argc, char **argv)
{
	struct echo_args a;
	char why[128];
	int r = echo_args_parse(&a, argc, argv, why, sizeof(why));

	printable(why);
	FUZZ_ASSERT(r == 0 || r == 2);
	if (r)
		return;
	FUZZ_ASSERT(a.port >= 1 && a.port <= 65535);
	FUZZ_ASSERT(a.min >= 1 && a.min <= a.max && a.max <= ECHO_MAX);
	FUZZ_ASSERT(a.wait_ms >= 1 && a.wait_ms <= 600000);
	FUZZ_ASSERT(a.tries >= 1 && a.tries <= 100);
	FUZZ_ASSERT(a.listen ? a.addr != NULL : a.host != NULL);
}

static void reflect(int argc, char **argv)
{
	struct reflect_args a;
	char why[128];
	int r = reflect_args_parse(&a, argc, argv, why, sizeof(why));

	printable(why);
	FUZZ_ASSERT(r == 0 || r == 2);
	if (r)
		return;
	FUZZ_ASSERT(a.dev && a.dev[0] && strlen(a.dev) < 16);
	FUZZ_ASSERT(a.secs <= 86400);
}

static void attach(int argc, char **argv)
{
	struct attach_args a;
	char why[160];
	int r = attach_args_parse(&a, argc, argv, why, sizeof(why));

	printable(why);
	FUZZ_ASSERT(r == 0 || r == 2);
	if (r)
		return;
	if (a.cmd == ATTACH_ATTACH || a.cmd == ATTACH_DETACH)
		FUZZ_ASSERT(a.domid >= 1 && a.domid <= ATTACH_DOMID_MAX);
	FUZZ_ASSERT(!a.have_rate || a.rate <= VRNG_BUCKET_MAX_RATE);
}

static void uevent(const u8 *data, size_t size)
{
	if (uevent_is_resume((const char *)data, size)) {
		FUZZ_ASSERT(memmem(data, size, "ACTION=change", 13));
		FUZZ_ASSERT(memmem(data, size, "VRNG_EVENT=resumed", 18));
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static char buf[4096];
	char *argv[MAX_ARGS + 1];
	int argc = 0;
	size_t i, start;

	if (!size)
		return 0;
	if (data[0] % 4 == 3) {
		uevent(data + 1, size - 1);
		return 0;
	}
	/* argv[0], then the input cut at each NUL: each argument NUL-ended */
	if (size > sizeof(buf))
		size = sizeof(buf);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	argv[argc++] = "tool";
	for (i = 0, start = 0; i < size && argc < MAX_ARGS; i++) {
		if (buf[i])
			continue;
		if (i < size - 1 || i > start)
			argv[argc++] = buf + start;
		start = i + 1;
	}
	argv[argc] = NULL;
	switch (data[0] % 4) {
	case 0:
		echo(argc, argv);
		break;
	case 1:
		reflect(argc, argv);
		break;
	default:
		attach(argc, argv);
		break;
	}
	return 0;
}
