// SPDX-License-Identifier: GPL-2.0
/*
 * xnf-echo: UDP echo (RFC 862) of every datagram size, checked byte for
 * byte: the test of a peer's whole receive and send path that ping's
 * fixed sizes and pktgen's uncounted payloads are not.
 *
 *   xnf-echo [-p PORT] [-s MIN-MAX] [-w MS] [-r TRIES] HOST
 *       sends one datagram of each size MIN..MAX (default 1-1472: up to
 *       a 1500-byte MTU) to HOST:PORT (default 7), each with its own
 *       pattern, and waits up to MS milliseconds (default 1000) for it to
 *       come back unchanged, TRIES times at most (default 3).
 *   xnf-echo -l [-p PORT] [-a ADDRESS]
 *       the server side: echoes every datagram until killed.
 *
 * Prints one line of counts. Exit status: 0 when every size came back,
 * 1 when one did not, 2 for bad use or a socket that cannot be made.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "echo_args.h"
#include "tool_args.h"

struct echo_counts {
	unsigned long sent, received, echoed, lost, wrong, stale;
};

static void usage(FILE *to)
{
	fprintf(to,
		"usage: xnf-echo [-p PORT] [-s MIN-MAX] [-w MS] [-r TRIES] HOST\n"
		"       xnf-echo -l [-p PORT] [-a ADDRESS]\n");
}

/* The pattern of a size's try: a late echo of an earlier try differs. */
static void fill(unsigned char *p, size_t len, unsigned int try)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(len * 31 + try * 101 + i);
}

static long ms_left(const struct timespec *end)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (end->tv_sec - now.tv_sec) * 1000 +
	       (end->tv_nsec - now.tv_nsec) / 1000000;
}

/* One try of one size: true when its echo came back unchanged in time. */
static bool echo_once(int s, size_t len, unsigned int try, long wait_ms,
		      unsigned char *out, unsigned char *in,
		      struct echo_counts *c)
{
	struct pollfd pfd = { .fd = s, .events = POLLIN };
	struct timespec end;
	ssize_t n;
	long left;

	fill(out, len, try);
	/* refused (an ICMP unreachable came back): the try waits it out */
	if (send(s, out, len, 0) == (ssize_t)len)
		c->sent++;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += wait_ms / 1000;
	end.tv_nsec += (wait_ms % 1000) * 1000000;
	if (end.tv_nsec >= 1000000000) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000;
	}
	while ((left = ms_left(&end)) > 0) {
		if (poll(&pfd, 1, (int)left) <= 0)
			continue;
		n = recv(s, in, ECHO_MAX + 1, 0);
		if (n < 0)
			continue;
		c->received++;
		if ((size_t)n == len && !memcmp(in, out, len))
			return true;
		/* an earlier try's echo, arriving late, is not wrong */
		if ((size_t)n <= ECHO_MAX) {
			unsigned int t;
			bool old = false;

			for (t = 0; t < try && !old; t++) {
				fill(out, (size_t)n, t);
				old = !memcmp(in, out, (size_t)n);
			}
			fill(out, len, try);
			if (old) {
				c->stale++;
				continue;
			}
		}
		c->wrong++;
	}
	return false;
}

/* A UDP socket connected to addr:port (the client) or bound to it: -1 said why. */
static int udp_socket(const char *addr, unsigned long port, bool serve)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
	int s;

	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
		fprintf(stderr, "xnf-echo: '%s' is not an IPv4 address\n", addr);
		return -1;
	}
	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0 || (serve ? bind(s, (struct sockaddr *)&sin, sizeof(sin)) :
		      connect(s, (struct sockaddr *)&sin, sizeof(sin)))) {
		perror(serve ? "xnf-echo: bind" : "xnf-echo: socket");
		return -1;
	}
	return s;
}

static int client(const char *host, unsigned long port, unsigned long min,
		  unsigned long max, unsigned long wait_ms, unsigned long tries)
{
	struct echo_counts c = { 0 };
	unsigned char *out, *in;
	unsigned long size, t, silent = 0;
	int s = udp_socket(host, port, false);

	if (s < 0)
		return 2;
	out = malloc(ECHO_MAX + 1);
	in = malloc(ECHO_MAX + 1);
	if (!out || !in) {
		fprintf(stderr, "xnf-echo: out of memory\n");
		return 2;
	}
	for (size = min; size <= max; size++) {
		for (t = 0; t < tries; t++)
			if (echo_once(s, size, (unsigned int)t, (long)wait_ms, out, in, &c))
				break;
		if (t == tries) {
			if (!c.lost)
				fprintf(stderr, "xnf-echo: size %lu: no echo in %lu tries\n",
					size, tries);
			c.lost++;
			/* three sizes in a row: a peer that does not answer */
			if (++silent == 3 && size < max) {
				fprintf(stderr, "xnf-echo: %s does not answer: sizes %lu-%lu not tried\n",
					host, size + 1, max);
				c.lost += max - size;
				break;
			}
		} else {
			c.echoed++;
			silent = 0;
		}
	}
	printf("sizes %lu-%lu: %lu echoed, %lu lost; datagrams sent %lu, received %lu, wrong %lu, late %lu\n",
	       min, max, c.echoed, c.lost, c.sent, c.received, c.wrong, c.stale);
	free(out);
	free(in);
	close(s);
	return c.lost || c.wrong ? 1 : 0;
}

static int server(const char *addr, unsigned long port)
{
	static unsigned char buf[ECHO_MAX];
	struct sockaddr_in from;
	socklen_t flen;
	ssize_t n;
	int s = udp_socket(addr, port, true);

	if (s < 0)
		return 2;
	for (;;) {
		flen = sizeof(from);
		n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
		if (n >= 0)
			sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&from, flen);
	}
}

int main(int argc, char **argv)
{
	struct echo_args a;
	char why[128];

	if (tool_args_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	if (echo_args_parse(&a, argc, argv, why, sizeof(why))) {
		if (why[0])
			fprintf(stderr, "xnf-echo: %s\n", why);
		else
			usage(stderr);
		return 2;
	}
	if (a.listen)
		return server(a.addr, a.port);
	return client(a.host, a.port, a.min, a.max, a.wait_ms, a.tries);
}
