// SPDX-License-Identifier: GPL-2.0
/*
 * xnf-reflect: the unikernel's network stack (unikernel/inet.c: ARP,
 * ping, UDP echo on port 7 and sockperf's server on 11111) run in Linux
 * user space over a packet socket: the same reflector on a Linux guest,
 * through whichever netfront holds its interface, to set beside the
 * unikernel in the benchmarks.
 *
 *   xnf-reflect -i DEV -a ADDRESS [-t SECONDS]
 *       answers for ADDRESS on DEV until killed (SIGINT, SIGTERM) or for
 *       SECONDS, then prints its counts. ADDRESS must not be one of the
 *       kernel's own on DEV, or the kernel would answer as well.
 *
 * Frames are read and answers sent in batches (recvmmsg, sendmmsg), as
 * the unikernel batches its ring. Exit status: 0, 1 when an answer could
 * not be sent, 2 for bad use or a socket that cannot be made. Root (or
 * CAP_NET_RAW) only.
 */
#define _GNU_SOURCE		/* recvmmsg, sendmmsg */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "inet.h"
#include "reflect_args.h"
#include "tool_args.h"

#define BATCH 64
#define FRAME_BUF 2048		/* a frame over the MTU is cut, then refused */
#define AUX_BUF CMSG_SPACE(sizeof(struct tpacket_auxdata))

/* The frame's UDP sum is only the pseudo-header's (the sender's stack left it). */
static bool sum_partial(struct msghdr *m)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
		struct tpacket_auxdata aux;

		if (c->cmsg_level != SOL_PACKET || c->cmsg_type != PACKET_AUXDATA ||
		    c->cmsg_len < CMSG_LEN(sizeof(aux)))
			continue;
		memcpy(&aux, CMSG_DATA(c), sizeof(aux));
		return aux.tp_status & TP_STATUS_CSUMNOTREADY;
	}
	return false;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int packet_socket(const char *dev, u8 mac[6], int *ifindex)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL) };
	struct timeval tick = { .tv_sec = 0, .tv_usec = 200000 };
	struct ifreq ifr = { 0 };
	int one = 1, s;

	/* its length was checked: reflect_args.c */
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (s < 0) {
		perror("xnf-reflect: packet socket (root or CAP_NET_RAW)");
		return -1;
	}
	/* one union: the index is kept before the address overwrites it */
	*ifindex = ioctl(s, SIOCGIFINDEX, &ifr) ? 0 : ifr.ifr_ifindex;
	if (!*ifindex || ioctl(s, SIOCGIFHWADDR, &ifr)) {
		fprintf(stderr, "xnf-reflect: no interface '%s'\n", dev);
		close(s);
		return -1;
	}
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	sll.sll_ifindex = *ifindex;
	/* its own answers are not frames to answer; a timeout to see stop */
	/* auxdata: whether a frame's checksum was left to hardware */
	if (bind(s, (struct sockaddr *)&sll, sizeof(sll)) ||
	    setsockopt(s, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) ||
	    setsockopt(s, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one)) ||
	    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof(tick))) {
		perror("xnf-reflect: packet socket setup");
		close(s);
		return -1;
	}
	return s;
}

static const char usage[] = "usage: xnf-reflect -i DEV -a ADDRESS [-t SECONDS]\n";

int main(int argc, char **argv)
{
	static u8 rx[BATCH][FRAME_BUF], tx[BATCH][UK_INET_FRAME_MAX];
	static u8 aux[BATCH][AUX_BUF] __attribute__((aligned(8)));
	struct iovec rx_iov[BATCH], tx_iov[BATCH];
	struct mmsghdr rx_msg[BATCH], tx_msg[BATCH];
	unsigned long received = 0, sent = 0, send_errors = 0;
	struct uk_inet net = { 0 };
	struct reflect_args a;
	char why[128];
	time_t end = 0;
	int s, n, i, k, m, ifindex;

	if (tool_args_help(argc, argv)) {
		printf("%s", usage);
		return 0;
	}
	if (reflect_args_parse(&a, argc, argv, why, sizeof(why))) {
		if (why[0])
			fprintf(stderr, "xnf-reflect: %s\n", why);
		else
			fputs(usage, stderr);
		return 2;
	}
	memcpy(net.ip, a.ip, sizeof(net.ip));
	s = packet_socket(a.dev, net.mac, &ifindex);
	if (s < 0)
		return 2;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (a.secs)
		end = time(NULL) + (time_t)a.secs;
	for (i = 0; i < BATCH; i++) {
		rx_iov[i] = (struct iovec){ .iov_base = rx[i], .iov_len = FRAME_BUF };
		tx_iov[i] = (struct iovec){ .iov_base = tx[i] };
	}
	while (!stop && (!end || time(NULL) < end)) {
		memset(rx_msg, 0, sizeof(rx_msg));
		for (i = 0; i < BATCH; i++) {
			rx_msg[i].msg_hdr.msg_iov = &rx_iov[i];
			rx_msg[i].msg_hdr.msg_iovlen = 1;
			rx_msg[i].msg_hdr.msg_control = aux[i];
			rx_msg[i].msg_hdr.msg_controllen = AUX_BUF;
		}
		n = recvmmsg(s, rx_msg, BATCH, MSG_WAITFORONE, NULL);
		if (n <= 0)
			continue;	/* the timeout: look at stop and the clock */
		received += (unsigned long)n;
		memset(tx_msg, 0, sizeof(tx_msg));
		for (i = 0, k = 0; i < n; i++) {
			size_t len;

			net.udp_sum_partial = sum_partial(&rx_msg[i].msg_hdr);
			len = uk_inet_answer(&net, rx[i], rx_msg[i].msg_len,
						    tx[k], sizeof(tx[k]));

			if (!len)
				continue;
			tx_iov[k].iov_len = len;
			tx_msg[k].msg_hdr.msg_iov = &tx_iov[k];
			tx_msg[k].msg_hdr.msg_iovlen = 1;
			k++;
		}
		for (i = 0; i < k; i += m) {
			m = sendmmsg(s, tx_msg + i, (unsigned int)(k - i), 0);
			if (m <= 0) {
				send_errors += (unsigned long)(k - i);
				break;
			}
			sent += (unsigned long)m;
		}
	}
	printf("xnf-reflect: received %lu, sent %lu, answered %llu arp %llu ping %llu echo %llu sockperf; ignored %llu, malformed %llu, send errors %lu\n",
	       received, sent, (unsigned long long)net.stats.arp,
	       (unsigned long long)net.stats.ping, (unsigned long long)net.stats.echo,
	       (unsigned long long)net.stats.sockperf,
	       (unsigned long long)net.stats.ignored,
	       (unsigned long long)net.stats.malformed, send_errors);
	close(s);
	return send_errors ? 1 : 0;
}
