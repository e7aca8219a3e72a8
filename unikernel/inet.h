/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The unikernel's whole network stack: the answer, if any, to one
 * Ethernet frame addressed to a static IPv4 address. Enough to be
 * pinged, echoed and measured, and nothing that keeps state:
 *   ARP       requests for our address get a reply
 *   ICMP      echo requests get an echo reply
 *   UDP 7     echo (RFC 862): the datagram goes back as it came
 *   UDP 11111 sockperf's server: a message that asks for a reply gets
 *             it back marked as the server's (sockperf's header: 8 bytes
 *             of sequence, 2 of flags, 4 of length; flag 1 "from the
 *             client", flag 2 "reply wanted")
 * Everything else is counted and dropped. The frame is the caller's
 * private copy (the library copied it out of the shared page once); each
 * header is checked against the frame's length before it is read.
 * Plain C over the platform shim: the unikernel and the Linux reflector
 * (tools/xnf-bench/xnf-reflect) run this same code.
 */
#ifndef UK_INET_H
#define UK_INET_H

#include "platform/platform.h"

#define UK_INET_ECHO_PORT 7
#define UK_INET_SOCKPERF_PORT 11111
#define UK_INET_FRAME_MAX 1514	/* a 1500-byte MTU and the Ethernet header */

struct uk_inet_stats {
	u64 arp, ping, echo, sockperf;	/* answered */
	u64 ignored;	/* not ours, or nothing to answer */
	u64 malformed;	/* truncated, bad checksum, fragment, bad length */
};

struct uk_inet {
	u8 mac[6];
	u8 ip[4];
	/*
	 * Set by the caller for a frame whose UDP sum was left to the
	 * sender's hardware (Linux's CHECKSUM_PARTIAL, on a packet socket):
	 * the field holds only the pseudo-header's sum, so it is not checked.
	 */
	bool udp_sum_partial;
	struct uk_inet_stats stats;
};

/*
 * The answer to the frame in (len bytes) written to out (cap bytes, at
 * least UK_INET_FRAME_MAX): its length, or 0 when none is due.
 */
size_t uk_inet_answer(struct uk_inet *n, const u8 *in, size_t len, u8 *out,
		      size_t cap);

/* "a.b.c.d", strictly: 0 or -EINVAL. */
int uk_inet_parse_ip(const char *s, size_t len, u8 ip[4]);

#endif
