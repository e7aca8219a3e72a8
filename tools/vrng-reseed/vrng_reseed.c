// SPDX-License-Identifier: GPL-2.0
/*
 * vrng-reseed: forces the kernel's CRNG to reseed now (RNDRESEEDCRNG)
 * when xen-vrngfront reports a restore (a uevent with
 * VRNG_EVENT=resumed): the fresh bytes the frontend mixed in then reach
 * every reader at once, so that guests restored from one image diverge
 * at once. The kernel exports no in-kernel call for it on Debian's 6.1
 * (Documentation/vrng-linux.rst, "After a restore").
 *   vrng-reseed           reseed now (run by udev: 60-vrng-reseed.rules)
 *   vrng-reseed --watch   listen for the uevents and reseed on each, for
 *                         guests without udev (a kernel without
 *                         CONFIG_UEVENT_HELPER calls no helper itself)
 * Logs one line to the kernel log per reseed, where the restore's is.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <linux/random.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tool_args.h"
#include "uevent.h"

#define UEVENT_BYTES 8192

static void klog(const char *msg)
{
	int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (write(fd, msg, strlen(msg)) < 0)
		fprintf(stderr, "vrng-reseed: cannot write the kernel log: %s\n",
			strerror(errno));
	close(fd);
}

static int reseed(void)
{
	char line[160];
	int fd, err;

	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "vrng-reseed: cannot open /dev/urandom: %s\n",
			strerror(errno));
		return 1;
	}
	err = ioctl(fd, RNDRESEEDCRNG) ? errno : 0;
	close(fd);
	if (err) {
		snprintf(line, sizeof(line),
			 "vrng-reseed: CRNG reseed refused: %s%s\n", strerror(err),
			 err == EPERM ? " (needs CAP_SYS_ADMIN)" : "");
		fputs(line, stderr);
		klog(line);
		return 1;
	}
	klog("vrng-reseed: CRNG reseed forced\n");
	return 0;
}

/* Listens to the kernel's uevents; reseeds on each restore it reports. */
static int watch(void)
{
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	static char buf[UEVENT_BYTES];
	int fd;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
		    NETLINK_KOBJECT_UEVENT);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		fprintf(stderr, "vrng-reseed: cannot listen to uevents: %s\n",
			strerror(errno));
		return 1;
	}
	for (;;) {
		struct sockaddr_nl from;
		socklen_t fromlen = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &fromlen);

		if (n < 0) {
			if (errno == EINTR || errno == ENOBUFS)
				continue;	/* ENOBUFS: some were lost */
			fprintf(stderr, "vrng-reseed: reading uevents: %s\n",
				strerror(errno));
			return 1;
		}
		/* only the kernel's own messages (port 0) count */
		if (from.nl_pid == 0 && uevent_is_resume(buf, (size_t)n))
			reseed();
	}
}

int main(int argc, char **argv)
{
	static const char usage[] = "usage: vrng-reseed [--watch]   (needs CAP_SYS_ADMIN)\n";

	if (tool_args_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--watch"))
		return watch();
	if (argc > 1) {
		fputs(usage, stderr);
		return 2;
	}
	return reseed();
}
