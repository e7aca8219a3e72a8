// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ARP, ICMP echo and UDP echo for one static address: see inet.h.
 * Offsets are the wire's (RFC 826, 791, 792, 768); all fields are read
 * byte by byte, so no alignment is assumed of the frame.
 */
#include "inet.h"

#define ETH_HLEN 14
#define ETH_MIN_FRAME 60	/* without the FCS: shorter frames are padded */
#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806
#define ARP_LEN 28
#define IP_HLEN 20
#define IP_PROTO_ICMP 1
#define IP_PROTO_UDP 17
#define IP_TTL 64
#define ICMP_HLEN 8
#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO_REQUEST 8
#define UDP_HLEN 8
#define SOCKPERF_HLEN 14
#define SOCKPERF_FLAGS_LO 9	/* the low byte of the big-endian flags */
#define SOCKPERF_FROM_CLIENT 1
#define SOCKPERF_REPLY_WANTED 2

static const u8 uk_inet_broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static u16 uk_get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static void uk_put16(u8 *p, u16 v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

/* The Internet checksum's running sum of len bytes (RFC 1071). */
static u32 uk_csum_add(u32 sum, const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += uk_get16(p + i);
	if (len & 1)
		sum += (u32)p[len - 1] << 8;
	return sum;
}

static u16 uk_csum_fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

/* UDP's sum: the pseudo-header (addresses, protocol, length) and all. */
static u16 uk_udp_csum(const u8 src[4], const u8 dst[4], const u8 *udp,
		       size_t len)
{
	u32 sum = uk_csum_add(0, src, 4);

	sum = uk_csum_add(sum, dst, 4);
	sum += IP_PROTO_UDP + (u32)len;
	return uk_csum_fold(uk_csum_add(sum, udp, len));
}

static void uk_eth_reply(const struct uk_inet *n, const u8 *in, u8 *out,
			 u16 type)
{
	memcpy(out, in + 6, 6);
	memcpy(out + 6, n->mac, 6);
	uk_put16(out + 12, type);
}

static size_t uk_pad(u8 *out, size_t len)
{
	if (len < ETH_MIN_FRAME) {
		memset(out + len, 0, ETH_MIN_FRAME - len);
		len = ETH_MIN_FRAME;
	}
	return len;
}

static size_t uk_arp(struct uk_inet *n, const u8 *in, size_t len, u8 *out)
{
	const u8 *a = in + ETH_HLEN;
	u8 *r = out + ETH_HLEN;

	if (len < ETH_HLEN + ARP_LEN) {
		n->stats.malformed++;
		return 0;
	}
	/* Ethernet and IPv4, a request, for us */
	if (uk_get16(a) != 1 || uk_get16(a + 2) != ETH_P_IP || a[4] != 6 ||
	    a[5] != 4 || uk_get16(a + 6) != 1 || memcmp(a + 24, n->ip, 4)) {
		n->stats.ignored++;
		return 0;
	}
	uk_eth_reply(n, in, out, ETH_P_ARP);
	memcpy(r, a, 6);		/* hardware and protocol types, sizes */
	uk_put16(r + 6, 2);		/* a reply */
	memcpy(r + 8, n->mac, 6);
	memcpy(r + 14, n->ip, 4);
	memcpy(r + 18, a + 8, 10);	/* the asker's hardware and IP address */
	n->stats.arp++;
	return uk_pad(out, ETH_HLEN + ARP_LEN);
}

/* The answer's IPv4 header for a payload of len bytes to the asker. */
static void uk_ip_reply(const struct uk_inet *n, const u8 *ip, u8 *r,
			size_t len)
{
	r[0] = 0x45;			/* version 4, no options */
	r[1] = ip[1];			/* the asker's type of service */
	uk_put16(r + 2, (u16)(IP_HLEN + len));
	memcpy(r + 4, ip + 4, 2);	/* its identification */
	uk_put16(r + 6, 0);		/* not a fragment */
	r[8] = IP_TTL;
	r[9] = ip[9];
	uk_put16(r + 10, 0);
	memcpy(r + 12, n->ip, 4);
	memcpy(r + 16, ip + 12, 4);
	uk_put16(r + 10, uk_csum_fold(uk_csum_add(0, r, IP_HLEN)));
}

static size_t uk_icmp(struct uk_inet *n, const u8 *p, size_t len, u8 *r)
{
	if (len < ICMP_HLEN || uk_csum_fold(uk_csum_add(0, p, len))) {
		n->stats.malformed++;
		return 0;
	}
	if (p[0] != ICMP_ECHO_REQUEST || p[1]) {
		n->stats.ignored++;
		return 0;
	}
	memcpy(r, p, len);		/* identifier, sequence and data */
	r[0] = ICMP_ECHO_REPLY;
	uk_put16(r + 2, 0);
	uk_put16(r + 2, uk_csum_fold(uk_csum_add(0, r, len)));
	n->stats.ping++;
	return len;
}

static size_t uk_udp(struct uk_inet *n, const u8 *ip, const u8 *p,
		     size_t len, u8 *r)
{
	size_t ulen = len >= UDP_HLEN ? uk_get16(p + 4) : 0;
	u16 dport, sum;

	/* a zero sum: the sender computed none (IPv4 allows it) */
	if (ulen < UDP_HLEN || ulen > len ||
	    (uk_get16(p + 6) && !n->udp_sum_partial &&
	     uk_udp_csum(ip + 12, ip + 16, p, ulen))) {
		n->stats.malformed++;
		return 0;
	}
	dport = uk_get16(p + 2);
	if (dport == UK_INET_SOCKPERF_PORT) {
		if (ulen < UDP_HLEN + SOCKPERF_HLEN ||
		    !(p[UDP_HLEN + SOCKPERF_FLAGS_LO] & SOCKPERF_REPLY_WANTED)) {
			n->stats.ignored++;
			return 0;
		}
	} else if (dport != UK_INET_ECHO_PORT) {
		n->stats.ignored++;
		return 0;
	}
	memcpy(r, p + 2, 2);		/* the ports swapped */
	memcpy(r + 2, p, 2);
	uk_put16(r + 4, (u16)ulen);
	memcpy(r + UDP_HLEN, p + UDP_HLEN, ulen - UDP_HLEN);
	if (dport == UK_INET_SOCKPERF_PORT) {
		r[UDP_HLEN + SOCKPERF_FLAGS_LO] &= (u8)~SOCKPERF_FROM_CLIENT;
		n->stats.sockperf++;
	} else {
		n->stats.echo++;
	}
	uk_put16(r + 6, 0);
	sum = uk_udp_csum(n->ip, ip + 12, r, ulen);
	uk_put16(r + 6, sum ? sum : 0xffff);	/* 0 would say "none" */
	return ulen;
}

static size_t uk_ipv4(struct uk_inet *n, const u8 *in, size_t len, u8 *out,
		      size_t cap)
{
	const u8 *ip = in + ETH_HLEN;
	size_t hl, tot, plen;

	if (len < ETH_HLEN + IP_HLEN || ip[0] >> 4 != 4 || (ip[0] & 0xf) < 5) {
		n->stats.malformed++;
		return 0;
	}
	hl = (size_t)(ip[0] & 0xf) * 4;
	tot = uk_get16(ip + 2);
	/* the frame may be padded beyond the datagram, never shorter */
	if (tot < hl || tot > len - ETH_HLEN ||
	    uk_csum_fold(uk_csum_add(0, ip, hl)) ||
	    (uk_get16(ip + 6) & 0x3fff)) {	/* a fragment: not reassembled */
		n->stats.malformed++;
		return 0;
	}
	/* ours, from a single host (never answer a broadcast or multicast) */
	if (memcmp(ip + 16, n->ip, 4) || ip[12] >= 224 || !ip[12] ||
	    !memcmp(ip + 12, uk_inet_broadcast, 4)) {
		n->stats.ignored++;
		return 0;
	}
	plen = tot - hl;
	if (ETH_HLEN + IP_HLEN + plen > cap) {
		n->stats.malformed++;
		return 0;
	}
	if (ip[9] == IP_PROTO_ICMP) {
		plen = uk_icmp(n, ip + hl, plen, out + ETH_HLEN + IP_HLEN);
	} else if (ip[9] == IP_PROTO_UDP) {
		plen = uk_udp(n, ip, ip + hl, plen, out + ETH_HLEN + IP_HLEN);
	} else {
		n->stats.ignored++;
		return 0;
	}
	if (!plen)
		return 0;
	uk_eth_reply(n, in, out, ETH_P_IP);
	uk_ip_reply(n, ip, out + ETH_HLEN, plen);
	return uk_pad(out, ETH_HLEN + IP_HLEN + plen);
}

size_t uk_inet_answer(struct uk_inet *n, const u8 *in, size_t len, u8 *out,
		      size_t cap)
{
	u16 type;

	if (len < ETH_HLEN || cap < ETH_MIN_FRAME) {
		n->stats.malformed++;
		return 0;
	}
	type = uk_get16(in + 12);
	if (type == ETH_P_ARP && (!memcmp(in, n->mac, 6) ||
				  !memcmp(in, uk_inet_broadcast, 6)))
		return uk_arp(n, in, len, out);
	if (type == ETH_P_IP && !memcmp(in, n->mac, 6))
		return uk_ipv4(n, in, len, out, cap);
	n->stats.ignored++;
	return 0;
}

int uk_inet_parse_ip(const char *s, size_t len, u8 ip[4])
{
	unsigned int part = 0, digits = 0, v = 0;
	size_t i;

	for (i = 0; i <= len; i++) {
		char c = i < len ? s[i] : '.';

		if (c >= '0' && c <= '9') {
			v = v * 10 + (unsigned int)(c - '0');
			if (++digits > 3 || v > 255)
				return -EINVAL;
		} else if (c == '.' && digits && part < 4) {
			ip[part++] = (u8)v;
			v = 0;
			digits = 0;
		} else {
			return -EINVAL;
		}
	}
	return part == 4 ? 0 : -EINVAL;
}
