// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The unikernel's network stack (inet.c) on frames built here: what it
 * answers, what it refuses, and that no frame, however cut or flipped,
 * makes it read or write outside the buffers. User space only.
 */
#include "ent_test.h"
#include "inet.h"

static const u8 uk_t_mac[6] = { 0x00, 0x16, 0x3e, 0x00, 0x99, 0x50 };
static const u8 uk_t_ip[4] = { 10, 99, 0, 50 };
static const u8 uk_t_peer_mac[6] = { 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 uk_t_peer_ip[4] = { 10, 99, 0, 1 };

static void uk_t_init(struct uk_inet *n)
{
	memset(n, 0, sizeof(*n));
	memcpy(n->mac, uk_t_mac, 6);
	memcpy(n->ip, uk_t_ip, 4);
}

/* The test's own Internet checksum (RFC 1071), written apart from inet.c's. */
static u16 uk_t_csum(const u8 *p, size_t len, u32 sum)
{
	for (; len > 1; p += 2, len -= 2)
		sum += (u32)(p[0] << 8 | p[1]);
	if (len)
		sum += (u32)p[0] << 8;
	while (sum > 0xffff)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

static u16 uk_t_get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static void uk_t_put16(u8 *p, u16 v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

static u32 uk_t_pseudo(const u8 *src, const u8 *dst, size_t ulen)
{
	u32 sum = 17 + (u32)ulen;

	sum += (u32)(src[0] << 8 | src[1]) + (u32)(src[2] << 8 | src[3]);
	sum += (u32)(dst[0] << 8 | dst[1]) + (u32)(dst[2] << 8 | dst[3]);
	return sum;
}

/* Ethernet and IPv4 from the peer to us around a payload: the frame's length. */
static size_t uk_t_ipv4(u8 *f, u8 proto, const u8 *payload, size_t len)
{
	u8 *ip = f + 14;

	memcpy(f, uk_t_mac, 6);
	memcpy(f + 6, uk_t_peer_mac, 6);
	uk_t_put16(f + 12, 0x0800);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	uk_t_put16(ip + 2, (u16)(20 + len));
	uk_t_put16(ip + 4, 0x1234);
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, uk_t_peer_ip, 4);
	memcpy(ip + 16, uk_t_ip, 4);
	uk_t_put16(ip + 10, uk_t_csum(ip, 20, 0));
	memcpy(ip + 20, payload, len);
	return 14 + 20 + len;
}

/* The IP header's sum again, after a test changed the header. */
static void uk_t_resum(u8 *f)
{
	uk_t_put16(f + 14 + 10, 0);
	uk_t_put16(f + 14 + 10, uk_t_csum(f + 14, 20, 0));
}

static size_t uk_t_ping(u8 *f, size_t data)
{
	u8 icmp[1480];
	size_t i;

	memset(icmp, 0, 8);
	icmp[0] = 8;
	uk_t_put16(icmp + 4, 0x77);	/* identifier */
	uk_t_put16(icmp + 6, 3);	/* sequence */
	for (i = 0; i < data; i++)
		icmp[8 + i] = (u8)(i * 7);
	uk_t_put16(icmp + 2, uk_t_csum(icmp, 8 + data, 0));
	return uk_t_ipv4(f, 1, icmp, 8 + data);
}

static size_t uk_t_udp(u8 *f, u16 dport, const u8 *data, size_t len, bool sum)
{
	u8 udp[1480];

	uk_t_put16(udp, 40000);
	uk_t_put16(udp + 2, dport);
	uk_t_put16(udp + 4, (u16)(8 + len));
	uk_t_put16(udp + 6, 0);
	memcpy(udp + 8, data, len);
	if (sum)
		uk_t_put16(udp + 6, uk_t_csum(udp, 8 + len,
					      uk_t_pseudo(uk_t_peer_ip, uk_t_ip, 8 + len)));
	return uk_t_ipv4(f, 17, udp, 8 + len);
}

/* An answer is Ethernet and IPv4 from us back to the peer, checksums right. */
static bool uk_t_answer_ok(const u8 *r, size_t len, u8 proto)
{
	const u8 *ip = r + 14;
	size_t tot = uk_t_get16(ip + 2);

	return len >= 60 && !memcmp(r, uk_t_peer_mac, 6) &&
	       !memcmp(r + 6, uk_t_mac, 6) && uk_t_get16(r + 12) == 0x0800 &&
	       ip[0] == 0x45 && ip[9] == proto && !uk_t_csum(ip, 20, 0) &&
	       !memcmp(ip + 12, uk_t_ip, 4) && !memcmp(ip + 16, uk_t_peer_ip, 4) &&
	       tot >= 20 && 14 + tot <= len && (14 + tot == len || len == 60);
}

ENT_TEST(uk_inet_answers_arp_for_its_address_only)
{
	u8 f[60] = { 0 }, r[UK_INET_FRAME_MAX];
	struct uk_inet n;
	u8 *a = f + 14;

	uk_t_init(&n);
	memset(f, 0xff, 6);
	memcpy(f + 6, uk_t_peer_mac, 6);
	uk_t_put16(f + 12, 0x0806);
	uk_t_put16(a, 1);
	uk_t_put16(a + 2, 0x0800);
	a[4] = 6;
	a[5] = 4;
	uk_t_put16(a + 6, 1);
	memcpy(a + 8, uk_t_peer_mac, 6);
	memcpy(a + 14, uk_t_peer_ip, 4);
	memcpy(a + 24, uk_t_ip, 4);
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, 42, r, sizeof(r)), (size_t)60);
	ENT_EXPECT_MEMEQ(r, uk_t_peer_mac, 6);
	ENT_EXPECT_MEMEQ(r + 6, uk_t_mac, 6);
	ENT_EXPECT_EQ(uk_t_get16(r + 20), 2);		/* a reply */
	ENT_EXPECT_MEMEQ(r + 22, uk_t_mac, 6);		/* we are here */
	ENT_EXPECT_MEMEQ(r + 28, uk_t_ip, 4);
	ENT_EXPECT_MEMEQ(r + 32, uk_t_peer_mac, 6);	/* to the asker */
	ENT_EXPECT_MEMEQ(r + 38, uk_t_peer_ip, 4);
	ENT_EXPECT_EQ(n.stats.arp, 1ULL);

	a[27] = 51;				/* another host's address */
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, 42, r, sizeof(r)), (size_t)0);
	a[27] = 50;
	uk_t_put16(a + 6, 2);			/* a reply is not answered */
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, 42, r, sizeof(r)), (size_t)0);
	ENT_EXPECT_EQ(n.stats.ignored, 2ULL);
	uk_t_put16(a + 6, 1);
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, 41, r, sizeof(r)), (size_t)0);
	ENT_EXPECT_EQ(n.stats.malformed, 1ULL);
}

ENT_TEST(uk_inet_answers_ping_of_every_size)
{
	u8 f[UK_INET_FRAME_MAX], r[UK_INET_FRAME_MAX];
	struct uk_inet n;
	size_t data, len, got;
	bool all = true;

	uk_t_init(&n);
	for (data = 0; data <= 1472; data++) {
		len = uk_t_ping(f, data);
		got = uk_inet_answer(&n, f, len, r, sizeof(r));
		all = all && got == (len < 60 ? 60 : len) && uk_t_answer_ok(r, got, 1) &&
		      r[34] == 0 && !uk_t_csum(r + 34, 8 + data, 0) &&
		      !memcmp(r + 38, f + 38, 4 + data);	/* id, seq, data */
	}
	ENT_EXPECT(all);
	ENT_EXPECT_EQ(n.stats.ping, 1473ULL);
	ENT_EXPECT_EQ(n.stats.malformed + n.stats.ignored, 0ULL);
}

ENT_TEST(uk_inet_refuses_bad_ipv4)
{
	u8 f[UK_INET_FRAME_MAX + 8], r[UK_INET_FRAME_MAX];
	struct uk_inet n;
	size_t len;

	uk_t_init(&n);
	len = uk_t_ping(f, 56);
	f[14 + 10] ^= 1;			/* the IP header's sum */
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len, r, sizeof(r)), (size_t)0);
	len = uk_t_ping(f, 56);
	f[len - 1] ^= 1;			/* the ICMP sum */
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len, r, sizeof(r)), (size_t)0);
	len = uk_t_ping(f, 56);
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len - 1, r, sizeof(r)), (size_t)0);
	uk_t_ipv4(f, 1, f + 34, 8);		/* then a fragment */
	uk_t_put16(f + 14 + 6, 0x2000);
	uk_t_resum(f);
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, 42, r, sizeof(r)), (size_t)0);
	ENT_EXPECT_EQ(n.stats.malformed, 4ULL);

	len = uk_t_ping(f, 56);			/* padded: fine */
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len + 8, r, sizeof(r)), len);
	f[14 + 19] = 51;			/* for another host */
	uk_t_resum(f);
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len, r, sizeof(r)), (size_t)0);
	len = uk_t_ping(f, 56);
	memset(f + 14 + 12, 0xff, 4);		/* from a broadcast address */
	uk_t_resum(f);
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len, r, sizeof(r)), (size_t)0);
	len = uk_t_ping(f, 56);
	f[0] = 0x02;				/* to another MAC */
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len, r, sizeof(r)), (size_t)0);
	ENT_EXPECT_EQ(n.stats.ignored, 3ULL);
	ENT_EXPECT_EQ(n.stats.ping, 1ULL);
}

ENT_TEST(uk_inet_echoes_udp_of_every_size)
{
	u8 f[UK_INET_FRAME_MAX], r[UK_INET_FRAME_MAX], data[1472];
	struct uk_inet n;
	size_t i, len, got;
	bool all = true;

	uk_t_init(&n);
	for (i = 0; i < sizeof(data); i++)
		data[i] = (u8)(i * 13 + 1);
	for (i = 0; i <= sizeof(data); i++) {
		len = uk_t_udp(f, 7, data, i, i & 1);	/* with and without a sum */
		got = uk_inet_answer(&n, f, len, r, sizeof(r));
		all = all && got == (len < 60 ? 60 : len) && uk_t_answer_ok(r, got, 17) &&
		      uk_t_get16(r + 34) == 7 && uk_t_get16(r + 36) == 40000 &&
		      uk_t_get16(r + 38) == 8 + i && uk_t_get16(r + 40) &&
		      !uk_t_csum(r + 34, 8 + i, uk_t_pseudo(uk_t_ip, uk_t_peer_ip, 8 + i)) &&
		      !memcmp(r + 42, data, i);
	}
	ENT_EXPECT(all);
	ENT_EXPECT_EQ(n.stats.echo, 1473ULL);

	len = uk_t_udp(f, 7, data, 100, true);
	f[len - 1] ^= 0x40;			/* a wrong sum */
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len, r, sizeof(r)), (size_t)0);
	len = uk_t_udp(f, 7, data, 100, false);
	uk_t_put16(f + 38, 200);		/* UDP longer than its datagram */
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len, r, sizeof(r)), (size_t)0);
	ENT_EXPECT_EQ(n.stats.malformed, 2ULL);
	len = uk_t_udp(f, 9, data, 100, true);	/* discard: not answered */
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len, r, sizeof(r)), (size_t)0);
	ENT_EXPECT_EQ(n.stats.ignored, 1ULL);
}

ENT_TEST(uk_inet_is_a_sockperf_server)
{
	u8 f[UK_INET_FRAME_MAX], r[UK_INET_FRAME_MAX], msg[64] = { 0 };
	struct uk_inet n;
	size_t len;

	uk_t_init(&n);
	msg[7] = 42;				/* sequence number */
	msg[9] = 1 | 2;				/* from the client, reply wanted */
	uk_t_put16(msg + 12, sizeof(msg));
	len = uk_t_udp(f, UK_INET_SOCKPERF_PORT, msg, sizeof(msg), true);
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len, r, sizeof(r)), len);
	ENT_EXPECT_EQ(r[42 + 9], 2);		/* the server's now */
	ENT_EXPECT_MEMEQ(r + 42, msg, 9);
	ENT_EXPECT_MEMEQ(r + 42 + 10, msg + 10, sizeof(msg) - 10);
	ENT_EXPECT(!uk_t_csum(r + 34, 8 + sizeof(msg),
			      uk_t_pseudo(uk_t_ip, uk_t_peer_ip, 8 + sizeof(msg))));
	msg[9] = 1;				/* no reply wanted */
	len = uk_t_udp(f, UK_INET_SOCKPERF_PORT, msg, sizeof(msg), true);
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len, r, sizeof(r)), (size_t)0);
	len = uk_t_udp(f, UK_INET_SOCKPERF_PORT, msg, 13, true);	/* no header */
	ENT_EXPECT_EQ(uk_inet_answer(&n, f, len, r, sizeof(r)), (size_t)0);
	ENT_EXPECT_EQ(n.stats.sockperf, 1ULL);
	ENT_EXPECT_EQ(n.stats.ignored, 2ULL);
}

/*
 * Every valid frame cut at every length and with every byte flipped:
 * ASan sees any read past the frame (each is copied to a buffer of its
 * exact size) or write past the answer; an answer never exceeds cap.
 */
ENT_TEST(uk_inet_survives_cut_and_flipped_frames)
{
	u8 f[4][UK_INET_FRAME_MAX], r[UK_INET_FRAME_MAX], data[200] = { 1 };
	size_t lens[4], cut, i, k, got, worst = 0;
	struct uk_inet n;
	u8 *copy;

	uk_t_init(&n);
	lens[0] = uk_t_ping(f[0], 100);
	lens[1] = uk_t_udp(f[1], 7, data, sizeof(data), true);
	lens[2] = uk_t_udp(f[2], UK_INET_SOCKPERF_PORT, data, 20, true);
	memcpy(f[3], f[0], 42);
	uk_t_put16(f[3] + 12, 0x0806);
	lens[3] = 42;
	for (k = 0; k < 4; k++) {
		for (cut = 0; cut <= lens[k]; cut++) {
			copy = malloc(cut ? cut : 1);
			memcpy(copy, f[k], cut);
			got = uk_inet_answer(&n, copy, cut, r, sizeof(r));
			worst = got > worst ? got : worst;
			free(copy);
		}
		for (i = 0; i < lens[k]; i++) {
			copy = malloc(lens[k]);
			memcpy(copy, f[k], lens[k]);
			copy[i] ^= 0xa5;
			got = uk_inet_answer(&n, copy, lens[k], r, 60 + i % 64);
			worst = got > worst ? got : worst;
			free(copy);
		}
	}
	ENT_EXPECT(worst <= UK_INET_FRAME_MAX);
	ENT_EXPECT(n.stats.malformed > 0);
}

ENT_TEST(uk_inet_parses_addresses_strictly)
{
	static const char *const bad[] = {
		"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", ".1.2.3",
		"1.2.3.", "1.2.3.4 ", "a.b.c.d", "1.2.3.0004", "-1.2.3.4",
	};
	u8 ip[4];
	size_t i;

	ENT_EXPECT_EQ(uk_inet_parse_ip("10.99.0.50", 10, ip), 0);
	ENT_EXPECT(ip[0] == 10 && ip[1] == 99 && ip[2] == 0 && ip[3] == 50);
	ENT_EXPECT_EQ(uk_inet_parse_ip("255.255.255.255 rest", 15, ip), 0);
	ENT_EXPECT_EQ(ip[3], 255);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ENT_EXPECT_EQ(uk_inet_parse_ip(bad[i], strlen(bad[i]), ip), -EINVAL);
}

static ENT_CASES(uk_inet) = {
	ENT_CASE(uk_inet_answers_arp_for_its_address_only),
	ENT_CASE(uk_inet_answers_ping_of_every_size),
	ENT_CASE(uk_inet_refuses_bad_ipv4),
	ENT_CASE(uk_inet_echoes_udp_of_every_size),
	ENT_CASE(uk_inet_is_a_sockperf_server),
	ENT_CASE(uk_inet_survives_cut_and_flipped_frames),
	ENT_CASE(uk_inet_parses_addresses_strictly),
	ENT_CASES_END
};

ENT_SUITE(uk_inet);
