// SPDX-License-Identifier: GPL-2.0
/*
 * vrng-reseed: forces the kernel's CRNG to reseed now (RNDRESEEDCRNG),
 * run by udev when xen-vrngfront reports a restore (VRNG_EVENT=resumed):
 * the fresh bytes the frontend mixed in then reach every reader at once,
 * so that guests restored from one image diverge at once. The kernel
 * exports no in-kernel call for it on Debian's 6.1 (see
 * Documentation/vrng-linux.rst, "After a restore"). Logs one line to the
 * kernel log, where the restore's own line is.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/random.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

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

int main(int argc, char **argv)
{
	char line[160];
	int fd, err;

	if (argc > 1) {
		fprintf(stderr, "usage: %s   (no arguments; needs CAP_SYS_ADMIN)\n",
			argv[0]);
		return 2;
	}
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
