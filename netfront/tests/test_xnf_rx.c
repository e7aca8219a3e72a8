// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The netfront's RX ring against the netback model: buffers posted in
 * ring order and kept granted, packets of one or many slots with their
 * extra info, a packet gathered across calls from copies, and a backend
 * that writes what it has no right to.
 */
#include "xnf_test_bed.h"

/* Every slot given a page: slot id uses page id % MODEL_PAGES. */
static struct xnf_bed *bed(ENT_TEST_CTX_ARG)
{
	struct xnf_bed *b = ENT_ALLOC(sizeof(*b));
	unsigned int id;

	ENT_ASSERT(b);
	xnf_bed_new(b);
	for (id = 0; id < XNF_RX_RING_SIZE; id++)
		xnf_rx_give(&b->rx, id, id % MODEL_PAGES);
	return b;
}

/* Posts every ready slot where the backend sees it. */
static void fill(struct xnf_bed *b)
{
	xnf_rx_fill(&b->rx);
	xnf_rx_push(&b->rx);
}

static void pattern(u8 *buf, unsigned int len, unsigned int seed)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		buf[i] = (u8)(seed + i * 7 + (i >> 8));
}

/* The packet's bytes, from the pages its frags name. */
static unsigned int gather(struct xnf_bed *b, const struct xnf_rx_pkt *p,
			   u8 *out)
{
	unsigned int i, n = 0;

	for (i = 0; i < p->nfrags; i++) {
		memcpy(out + n, b->pages[b->rx.gref[p->frag[i].id]] + p->frag[i].offset,
		       p->frag[i].len);
		n += p->frag[i].len;
	}
	return n;
}

static void recycle(struct xnf_bed *b, const struct xnf_rx_pkt *p)
{
	unsigned int i;

	for (i = 0; i < p->nfrags; i++)
		xnf_rx_recycle(&b->rx, p->frag[i].id);
}

ENT_TEST(xnf_rx_posts_the_whole_ring_in_order)
{
	struct xnf_bed *b = bed(test);

	ENT_EXPECT_EQ(xnf_rx_fill(&b->rx), XNF_RX_RING_SIZE);
	ENT_EXPECT(xnf_rx_push(&b->rx));
	ENT_EXPECT_EQ(RING_GET_REQUEST(&b->rx.ring, 5)->id, 5);
	ENT_EXPECT_EQ(RING_GET_REQUEST(&b->rx.ring, 5)->gref, 5);
	ENT_EXPECT_EQ(xnf_rx_fill(&b->rx), 0);	/* nothing answered yet */
}

/* 60 bytes, 1514 at offset 256, 9000 (three slots): each whole, in order. */
ENT_TEST(xnf_rx_packets_of_one_and_many_slots)
{
	static const unsigned int lens[] = { 60, 1514, 9000 };
	static const u16 offs[] = { 0, 256, 0 };
	struct xnf_bed *b = bed(test);
	struct xnf_rx_pkt pkt;
	u8 *in = ENT_ALLOC(9000), *out = ENT_ALLOC(9000);
	unsigned int i;

	ENT_ASSERT(in && out);
	fill(b);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		pattern(in, lens[i], i);
		ENT_ASSERT(model_rx_packet(&b->back, in, lens[i], offs[i],
					   XEN_NETRXF_data_validated, 0, 0) == 0);
		model_rx_push(&b->back);
		ENT_ASSERT(xnf_rx_next(&b->rx, &pkt) == 1);
		ENT_EXPECT_EQ(pkt.len, lens[i]);
		ENT_EXPECT_EQ(pkt.nfrags, i == 2 ? 3 : 1);
		ENT_EXPECT_EQ(pkt.frag[0].offset, offs[i]);
		ENT_EXPECT_EQ(pkt.flags, XEN_NETRXF_data_validated);
		ENT_EXPECT_EQ(pkt.status, XEN_NETIF_RSP_OKAY);
		ENT_EXPECT_EQ(gather(b, &pkt, out), lens[i]);
		ENT_EXPECT_MEMEQ(in, out, lens[i]);
		recycle(b, &pkt);
	}
	ENT_EXPECT_EQ(xnf_rx_next(&b->rx, &pkt), 0);
	/* the five slots answered go back, same grants, at the ring's end */
	ENT_EXPECT_EQ(xnf_rx_fill(&b->rx), 5);
	ENT_EXPECT_EQ(RING_GET_REQUEST(&b->rx.ring, XNF_RX_RING_SIZE)->id, 0);
	ENT_EXPECT_EQ(b->rx.stats.packets, 3);
	ENT_EXPECT_EQ(b->rx.stats.bytes, 60 + 1514 + 9000);
}

/* GSO's extra info follows the first slot and spends a request. */
ENT_TEST(xnf_rx_gso_extra_info)
{
	struct xnf_bed *b = bed(test);
	struct xnf_rx_pkt pkt;
	u8 *in = ENT_ALLOC(6000), *out = ENT_ALLOC(6000);

	ENT_ASSERT(in && out);
	fill(b);
	pattern(in, 6000, 3);
	ENT_ASSERT(model_rx_packet(&b->back, in, 6000, 0, XEN_NETRXF_csum_blank,
				   XEN_NETIF_GSO_TYPE_TCPV4, 1448) == 0);
	model_rx_push(&b->back);
	ENT_ASSERT(xnf_rx_next(&b->rx, &pkt) == 1);
	ENT_EXPECT_EQ(pkt.gso_type, XEN_NETIF_GSO_TYPE_TCPV4);
	ENT_EXPECT_EQ(pkt.gso_size, 1448);
	ENT_EXPECT_EQ(pkt.nfrags, 2);
	ENT_EXPECT_EQ(pkt.frag[1].id, 2);	/* slot 1 held the extra */
	ENT_EXPECT_EQ(gather(b, &pkt, out), 6000);
	ENT_EXPECT_MEMEQ(in, out, 6000);
	/* the extra's slot is ready again without the caller, and named */
	ENT_EXPECT_EQ(b->rx.state[1], XNF_RX_READY);
	ENT_EXPECT_EQ(pkt.spare, 1);
	ENT_EXPECT_EQ(b->rx.stats.gso, 1);
}

/*
 * A packet the backend has half published: the first call keeps what it
 * read; the backend then scribbles over those slots, and the packet
 * still comes out as first read (each response is copied once).
 */
ENT_TEST(xnf_rx_half_published_packet_read_once)
{
	struct xnf_bed *b = bed(test);
	struct xnf_rx_pkt pkt;
	u8 *in = ENT_ALLOC(9000), *out = ENT_ALLOC(9000);

	ENT_ASSERT(in && out);
	fill(b);
	pattern(in, 9000, 9);
	model_rx_packet(&b->back, in, 9000, 0, 0, 0, 0);
	b->rxs.s.rsp_prod = 2;			/* two slots of three */
	ENT_EXPECT_EQ(xnf_rx_next(&b->rx, &pkt), 0);
	ENT_EXPECT_EQ(b->rx.ring.rsp_cons, 2);
	RING_GET_RESPONSE(&b->back.rx, 0)->status = 4096;
	RING_GET_RESPONSE(&b->back.rx, 1)->offset = 4000;
	b->rxs.s.rsp_prod = 3;
	ENT_ASSERT(xnf_rx_next(&b->rx, &pkt) == 1);
	ENT_EXPECT_EQ(pkt.len, 9000);
	ENT_EXPECT_EQ(gather(b, &pkt, out), 9000);
	ENT_EXPECT_MEMEQ(in, out, 9000);
}

/*
 * An error status drops the packet; its slots are the caller's to reuse.
 * Its offset, which nothing checks, is not passed on (fuzz_xnf_rx found
 * one beyond the page): every frag handed out lies within its page.
 */
ENT_TEST(xnf_rx_backend_error_drops_the_packet)
{
	struct xnf_bed *b = bed(test);
	struct xnf_rx_pkt pkt;
	u8 in[100];

	fill(b);
	pattern(in, 100, 1);
	model_rx_packet(&b->back, in, 100, 0, 0, 0, 0);
	RING_GET_RESPONSE(&b->back.rx, 0)->status = XEN_NETIF_RSP_ERROR;
	RING_GET_RESPONSE(&b->back.rx, 0)->offset = 5000;
	model_rx_push(&b->back);
	ENT_ASSERT(xnf_rx_next(&b->rx, &pkt) == 1);
	ENT_EXPECT_EQ(pkt.status, XEN_NETIF_RSP_ERROR);
	ENT_EXPECT_EQ(pkt.nfrags, 1);
	ENT_EXPECT_EQ(pkt.frag[0].offset, 0);
	ENT_EXPECT_EQ(pkt.len, 0);
	ENT_EXPECT_EQ(b->rx.stats.errors, 1);
	ENT_EXPECT_EQ(b->rx.broken, XNF_OK);
	recycle(b, &pkt);
	ENT_EXPECT_EQ(xnf_rx_fill(&b->rx), 1);
}

/* An event at the next response; true when one is already there. */
ENT_TEST(xnf_rx_arm_asks_for_the_next_response)
{
	struct xnf_bed *b = bed(test);
	struct xnf_rx_pkt pkt;
	u8 in[64] = { 0 };

	fill(b);
	ENT_EXPECT(!xnf_rx_arm(&b->rx));
	ENT_EXPECT_EQ(b->rxs.s.rsp_event, 1);
	model_rx_packet(&b->back, in, 64, 0, 0, 0, 0);
	ENT_EXPECT(model_rx_push(&b->back));
	model_rx_packet(&b->back, in, 64, 0, 0, 0, 0);
	ENT_EXPECT(!model_rx_push(&b->back));	/* not asked again yet */
	ENT_EXPECT(xnf_rx_arm(&b->rx));		/* two waiting: poll on */
	ENT_EXPECT_EQ(xnf_rx_next(&b->rx, &pkt), 1);
	ENT_EXPECT_EQ(xnf_rx_next(&b->rx, &pkt), 1);
	ENT_EXPECT(!xnf_rx_arm(&b->rx));
	ENT_EXPECT_EQ(b->rxs.s.rsp_event, 3);
}

enum rx_lie { RX_PROD, RX_ID, RX_RANGE, RX_OFFSET, RX_PREFIX, RX_FLAG,
	      RX_LATE_EXTRA, RX_EXTRA_TYPE, RX_GSO_TYPE, RX_GSO_TWICE,
	      RX_SLOTS };

/* Writes a packet, then the lie, into the model's responses. */
static void rx_lie(struct xnf_bed *b, enum rx_lie lie)
{
	static u8 in[XNF_MAX_SLOTS * XNF_PAGE_SIZE + 1];
	struct xen_netif_rx_response *r0 = RING_GET_RESPONSE(&b->back.rx, 0);
	struct xen_netif_rx_response *r1 = RING_GET_RESPONSE(&b->back.rx, 1);
	struct xen_netif_extra_info *x1 = (void *)r1;
	bool gso = lie == RX_EXTRA_TYPE || lie == RX_GSO_TYPE ||
		   lie == RX_GSO_TWICE;

	if (lie == RX_SLOTS) {
		/* one data slot more than netif.h's most */
		model_rx_packet(&b->back, in, sizeof(in), 0, 0, 0, 0);
		model_rx_push(&b->back);
		return;
	}
	model_rx_packet(&b->back, in, 5000, 0, 0,
			gso ? XEN_NETIF_GSO_TYPE_TCPV4 : 0, gso ? 1448 : 0);
	model_rx_push(&b->back);
	switch (lie) {
	case RX_PROD:
		b->rxs.s.rsp_prod = b->rx.ring.req_prod_pvt + 1;
		break;
	case RX_ID:
		r1->id = 7;
		break;
	case RX_RANGE:
		r0->offset = 100;		/* 4096 bytes from 100 */
		break;
	case RX_OFFSET:
		r1->offset = 4096;
		r1->status = 0;
		break;
	case RX_PREFIX:
		r0->flags |= XEN_NETRXF_gso_prefix;
		break;
	case RX_FLAG:
		r1->flags |= 0x100;
		break;
	case RX_LATE_EXTRA:
		r1->flags |= XEN_NETRXF_extra_info;
		break;
	case RX_EXTRA_TYPE:
		x1->type = XEN_NETIF_EXTRA_TYPE_MCAST_ADD;
		break;
	case RX_GSO_TYPE:
		x1->u.gso.type = 9;
		break;
	case RX_GSO_TWICE:
		x1->flags = XEN_NETIF_EXTRA_FLAG_MORE;	/* slot 2 is data */
		break;
	case RX_SLOTS:
		break;
	}
}

ENT_TEST(xnf_rx_hostile_responses_break_the_ring)
{
	static const struct { enum rx_lie lie; enum xnf_bad why; } cases[] = {
		{ RX_PROD, XNF_BAD_PROD }, { RX_ID, XNF_BAD_ID },
		{ RX_RANGE, XNF_BAD_RANGE }, { RX_OFFSET, XNF_BAD_RANGE },
		{ RX_PREFIX, XNF_BAD_FLAGS }, { RX_FLAG, XNF_BAD_FLAGS },
		{ RX_LATE_EXTRA, XNF_BAD_FLAGS }, { RX_EXTRA_TYPE, XNF_BAD_EXTRA },
		{ RX_GSO_TYPE, XNF_BAD_EXTRA }, { RX_GSO_TWICE, XNF_BAD_EXTRA },
		{ RX_SLOTS, XNF_BAD_SLOTS },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct xnf_bed *b = bed(test);
		struct xnf_rx_pkt pkt;

		fill(b);
		rx_lie(b, cases[i].lie);
		ENT_EXPECT_EQ(xnf_rx_next(&b->rx, &pkt), -EIO);
		ENT_EXPECT_EQ(b->rx.broken, cases[i].why);
		ENT_EXPECT_EQ(xnf_rx_next(&b->rx, &pkt), -EIO);
	}
}

/*
 * Random bytes in every response slot, many times over: the ring either
 * hands out packets whose frags lie within their pages, or breaks; it
 * never reads outside the ring or the packet (ASan, KASAN).
 */
ENT_TEST(xnf_rx_random_responses)
{
	struct xnf_bed *b = bed(test);
	u64 seed = 42;
	unsigned int round, broken = 0, packets = 0;

	for (round = 0; round < 2000; round++) {
		struct xnf_rx_pkt pkt;
		unsigned int k, i;
		int r;

		xnf_bed_new(b);
		for (k = 0; k < XNF_RX_RING_SIZE; k++)
			xnf_rx_give(&b->rx, k, k % MODEL_PAGES);
		fill(b);
		for (k = 0; k < 32; k++) {
			u64 v = ent_test_rand(&seed);

			/* most plausible (ids echoed, data in the page), some not */
			if (v & 7) {
				RING_GET_RESPONSE(&b->back.rx, k)->id = k;
				RING_GET_RESPONSE(&b->back.rx, k)->status = (v >> 8) & 0x7ff;
				RING_GET_RESPONSE(&b->back.rx, k)->offset = (v >> 24) & 0x7ff;
				RING_GET_RESPONSE(&b->back.rx, k)->flags = (v >> 40) & 0x7;
			} else {
				memcpy(RING_GET_RESPONSE(&b->back.rx, k), &v, 8);
			}
		}
		b->rxs.s.rsp_prod = ent_test_rand(&seed) % 40;
		while ((r = xnf_rx_next(&b->rx, &pkt)) == 1) {
			packets++;
			ENT_ASSERT(pkt.nfrags >= 1 && pkt.nfrags <= XNF_MAX_SLOTS);
			for (i = 0; i < pkt.nfrags; i++)
				ENT_ASSERT(pkt.frag[i].offset + pkt.frag[i].len <=
					   XNF_PAGE_SIZE);
		}
		broken += r < 0;
	}
	/* both outcomes happened: the test exercised the checks */
	ENT_EXPECT(broken > 100);
	ENT_EXPECT(packets > 100);
}

static ENT_CASES(xnf_rx) = {
	ENT_CASE(xnf_rx_posts_the_whole_ring_in_order),
	ENT_CASE(xnf_rx_packets_of_one_and_many_slots),
	ENT_CASE(xnf_rx_gso_extra_info),
	ENT_CASE(xnf_rx_half_published_packet_read_once),
	ENT_CASE(xnf_rx_backend_error_drops_the_packet),
	ENT_CASE(xnf_rx_arm_asks_for_the_next_response),
	ENT_CASE(xnf_rx_hostile_responses_break_the_ring),
	ENT_CASE(xnf_rx_random_responses),
	ENT_CASES_END
};

ENT_SUITE(xnf_rx);
