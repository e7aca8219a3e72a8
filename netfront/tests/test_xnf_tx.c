// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The netfront's TX ring against the netback model: netif.h's layout,
 * completion per packet, room, event placement, and a backend that
 * answers what it has no right to.
 */
#include "xnf_test_bed.h"
#include "xnf_txbuf.h"

static struct xnf_bed *bed(ENT_TEST_CTX_ARG)
{
	struct xnf_bed *b = ENT_ALLOC(sizeof(*b));

	ENT_ASSERT(b);
	return xnf_bed_new(b);
}

/* A packet of nsegs segments, seg i in page i at offset 16 * (i % 8). */
static int queue(struct xnf_bed *b, unsigned int nsegs, unsigned int seglen,
		 u16 gso_type, void *token)
{
	struct xnf_seg segs[XNF_MAX_SLOTS + 1];
	struct xnf_tx_pkt pkt = {
		.segs = segs, .nsegs = nsegs, .token = token,
		.gso_type = gso_type, .gso_size = gso_type ? 1448 : 0,
	};
	unsigned int i, k;

	for (i = 0; i < nsegs && i <= XNF_MAX_SLOTS; i++) {
		segs[i].gref = i % MODEL_PAGES;
		segs[i].offset = 16 * (i % 8);
		segs[i].len = seglen;
		for (k = 0; k < seglen && segs[i].offset + k < XNF_PAGE_SIZE; k++)
			b->pages[i % MODEL_PAGES][segs[i].offset + k] = (u8)(i * 31 + k);
	}
	return xnf_tx_queue(&b->tx, &pkt);
}

ENT_TEST(xnf_tx_one_slot_round_trip)
{
	struct xnf_bed *b = bed(test);
	int token;

	ENT_EXPECT_EQ(queue(b, 1, 60, 0, &token), 0);
	ENT_EXPECT(xnf_tx_push(&b->tx));	/* the backend waits for it */
	ENT_EXPECT_EQ(model_tx_packet(&b->back, &b->pkt, XEN_NETIF_RSP_OKAY), 1);
	ENT_EXPECT_EQ(b->pkt.len, 60);
	ENT_EXPECT_EQ(b->pkt.slots, 1);
	ENT_EXPECT_MEMEQ(b->pkt.data, b->pages[0], 60);
	model_tx_push(&b->back);
	ENT_EXPECT_EQ(xnf_tx_collect(&b->tx, 64, xnf_bed_done, b), 1);
	ENT_EXPECT_EQ(b->done, 1);
	ENT_EXPECT(b->done_token[0] == &token);
	ENT_EXPECT_EQ(b->done_status[0], XEN_NETIF_RSP_OKAY);
	ENT_EXPECT_EQ(b->tx.free_count, XNF_TX_RING_SIZE);
	ENT_EXPECT_EQ(b->tx.in_flight, 0);
	ENT_EXPECT_EQ(b->tx.stats.bytes, 60);
}

/* First slot: the packet's size and offloads; GSO after it; the rest. */
ENT_TEST(xnf_tx_gso_multi_slot_layout)
{
	struct xnf_bed *b = bed(test);
	struct xnf_seg segs[3] = {
		{ .gref = 1, .offset = 10, .len = 100 },
		{ .gref = 2, .offset = 0, .len = 4096 },
		{ .gref = 3, .offset = 4000, .len = 96 },
	};
	struct xnf_tx_pkt pkt = {
		.segs = segs, .nsegs = 3, .flags = XNF_TX_CSUM_BLANK,
		.gso_type = XEN_NETIF_GSO_TYPE_TCPV6, .gso_size = 1440,
	};
	unsigned int k;

	for (k = 0; k < XNF_PAGE_SIZE; k++) {
		b->pages[1][k] = (u8)k;
		b->pages[2][k] = (u8)(k * 7);
		b->pages[3][k] = (u8)(k * 13);
	}
	ENT_EXPECT_EQ(xnf_tx_queue(&b->tx, &pkt), 0);
	ENT_EXPECT_EQ(b->tx.ring.req_prod_pvt, 4);	/* 3 data + 1 extra */
	xnf_tx_push(&b->tx);
	ENT_ASSERT(model_tx_packet(&b->back, &b->pkt, XEN_NETIF_RSP_OKAY) == 1);
	ENT_EXPECT_EQ(b->pkt.len, 100 + 4096 + 96);
	ENT_EXPECT_EQ(b->pkt.slots, 3);
	ENT_EXPECT_EQ(b->pkt.gso_type, XEN_NETIF_GSO_TYPE_TCPV6);
	ENT_EXPECT_EQ(b->pkt.gso_size, 1440);
	ENT_EXPECT_EQ(b->pkt.flags, XEN_NETTXF_csum_blank);
	ENT_EXPECT_MEMEQ(b->pkt.data, b->pages[1] + 10, 100);
	ENT_EXPECT_MEMEQ(b->pkt.data + 100, b->pages[2], 4096);
	ENT_EXPECT_MEMEQ(b->pkt.data + 4196, b->pages[3] + 4000, 96);
	model_tx_push(&b->back);
	/* four answers (one NULL for the extra), one completion */
	ENT_EXPECT_EQ(xnf_tx_collect(&b->tx, 64, xnf_bed_done, b), 4);
	ENT_EXPECT_EQ(b->done, 1);
	ENT_EXPECT_EQ(b->tx.broken, XNF_OK);
	ENT_EXPECT_EQ(b->tx.stats.gso, 1);
	ENT_EXPECT_EQ(b->tx.free_count, XNF_TX_RING_SIZE);
}

ENT_TEST(xnf_tx_refuses_what_netif_cannot_carry)
{
	struct xnf_bed *b = bed(test);
	struct xnf_seg seg = { .gref = 0, .offset = 4000, .len = 97 };
	struct xnf_tx_pkt past = { .segs = &seg, .nsegs = 1 };
	struct xnf_tx_pkt flag = { .segs = &seg, .nsegs = 1, .flags = 0x80 };
	struct xnf_seg ok = { .gref = 0, .offset = 0, .len = 60 };
	struct xnf_tx_pkt nomss = { .segs = &ok, .nsegs = 1,
				    .gso_type = XEN_NETIF_GSO_TYPE_TCPV4 };
	struct xnf_tx_pkt badgso = { .segs = &ok, .nsegs = 1, .gso_type = 9,
				     .gso_size = 1000 };

	ENT_EXPECT_EQ(queue(b, 0, 60, 0, NULL), -EINVAL);
	ENT_EXPECT_EQ(queue(b, XNF_MAX_SLOTS + 1, 60, 0, NULL), -EINVAL);
	/* 18 full pages: over netif.h's 65535-byte packet size */
	ENT_EXPECT_EQ(queue(b, XNF_MAX_SLOTS, 3700, 0, NULL), -EINVAL);
	ENT_EXPECT_EQ(xnf_tx_queue(&b->tx, &past), -EINVAL);
	ENT_EXPECT_EQ(xnf_tx_queue(&b->tx, &flag), -EINVAL);
	ENT_EXPECT_EQ(xnf_tx_queue(&b->tx, &nomss), -EINVAL);
	ENT_EXPECT_EQ(xnf_tx_queue(&b->tx, &badgso), -EINVAL);
	ENT_EXPECT_EQ(b->tx.ring.req_prod_pvt, 0);
	ENT_EXPECT_EQ(b->tx.free_count, XNF_TX_RING_SIZE);
	ENT_EXPECT_EQ(queue(b, XNF_MAX_SLOTS, 3600, 0, NULL), 0);
}

/* A full ring refuses whole packets, never a part of one. */
ENT_TEST(xnf_tx_full_ring_refuses_whole_packets)
{
	struct xnf_bed *b = bed(test);
	unsigned int n = 0;

	while (queue(b, 2, 60, XEN_NETIF_GSO_TYPE_TCPV4, NULL) == 0)
		n++;
	/* three slots each: 85 packets take 255 of 256 */
	ENT_EXPECT_EQ(n, XNF_TX_RING_SIZE / 3);
	ENT_EXPECT_EQ(b->tx.ring.req_prod_pvt, 3 * n);
	ENT_EXPECT_EQ(b->tx.stats.full, 1);
	ENT_EXPECT_EQ(queue(b, 1, 60, 0, NULL), 0);	/* the last slot */
	ENT_EXPECT_EQ(queue(b, 1, 60, 0, NULL), -ENOSPC);
	xnf_tx_push(&b->tx);
	while (model_tx_packet(&b->back, &b->pkt, XEN_NETIF_RSP_OKAY) == 1)
		;
	model_tx_push(&b->back);
	ENT_EXPECT_EQ(xnf_tx_collect(&b->tx, 1000, xnf_bed_done, b),
		      XNF_TX_RING_SIZE);
	ENT_EXPECT_EQ(b->done, n + 1);
	ENT_EXPECT(xnf_tx_room(&b->tx, XNF_MAX_SLOTS, true));
}

/* The backend's ERROR and DROPPED reach the caller, per packet. */
ENT_TEST(xnf_tx_backend_errors_reported)
{
	struct xnf_bed *b = bed(test);

	queue(b, 3, 60, 0, NULL);
	queue(b, 1, 60, 0, NULL);
	xnf_tx_push(&b->tx);
	model_tx_packet(&b->back, &b->pkt, XEN_NETIF_RSP_ERROR);
	model_tx_packet(&b->back, &b->pkt, XEN_NETIF_RSP_DROPPED);
	model_tx_push(&b->back);
	ENT_EXPECT_EQ(xnf_tx_collect(&b->tx, 64, xnf_bed_done, b), 4);
	ENT_EXPECT_EQ(b->done, 2);
	ENT_EXPECT_EQ(b->done_status[0], XEN_NETIF_RSP_ERROR);
	ENT_EXPECT_EQ(b->done_status[1], XEN_NETIF_RSP_DROPPED);
	ENT_EXPECT_EQ(b->tx.stats.errors, 1);
	ENT_EXPECT_EQ(b->tx.stats.dropped, 1);
	ENT_EXPECT_EQ(b->tx.broken, XNF_OK);
}

/* Work per event is bounded: the budget, then the rest next time. */
ENT_TEST(xnf_tx_collect_budget)
{
	struct xnf_bed *b = bed(test);
	unsigned int i;

	for (i = 0; i < 10; i++)
		queue(b, 1, 60, 0, NULL);
	xnf_tx_push(&b->tx);
	while (model_tx_packet(&b->back, &b->pkt, XEN_NETIF_RSP_OKAY) == 1)
		;
	model_tx_push(&b->back);
	ENT_EXPECT_EQ(xnf_tx_collect(&b->tx, 4, xnf_bed_done, b), 4);
	ENT_EXPECT_EQ(b->done, 4);
	ENT_EXPECT_EQ(b->tx.ring.rsp_cons, 4);
	ENT_EXPECT_EQ(xnf_tx_collect(&b->tx, 64, xnf_bed_done, b), 6);
	ENT_EXPECT_EQ(b->done, 10);
}

enum arming { ARM_EACH, ARM_HALF, ARM_DRAIN };

static void arm(struct xnf_bed *b, enum arming how)
{
	if (how == ARM_HALF)
		xnf_tx_arm(&b->tx);
	else if (how == ARM_DRAIN)
		xnf_tx_arm_drain(&b->tx);
	else
		b->txs.s.rsp_event = b->tx.ring.rsp_cons + 1;
}

/* The backend answers packets one by one; count the events it must send. */
static unsigned int events_for(struct xnf_bed *b, unsigned int packets,
			       enum arming how)
{
	unsigned int i, events = 0;

	for (i = 0; i < packets; i++)
		queue(b, 1, 60, 0, NULL);
	xnf_tx_push(&b->tx);
	arm(b, how);
	while (model_tx_packet(&b->back, &b->pkt, XEN_NETIF_RSP_OKAY) == 1) {
		if (!model_tx_push(&b->back))
			continue;
		/* the event: collect, then ask for the next one */
		events++;
		xnf_tx_collect(&b->tx, 1000, xnf_bed_done, b);
		arm(b, how);
	}
	return events;
}

/*
 * xnf_tx_arm() asks for an event when half of what is in flight is
 * answered: 64 packets cost 6 events (after 33, 16, 8, 4, 2 and 1
 * answers), where an event per answer costs 64. Every packet completes.
 */
ENT_TEST(xnf_tx_events_per_batch)
{
	struct xnf_bed *b = bed(test);

	ENT_EXPECT_EQ(events_for(b, 64, ARM_EACH), 64);
	ENT_EXPECT_EQ(b->done, 64);
	b = bed(test);
	ENT_EXPECT_EQ(events_for(b, 64, ARM_HALF), 6);
	ENT_EXPECT_EQ(b->done, 64);
	ENT_EXPECT_EQ(b->tx.in_flight, 0);
}

/*
 * xnf_tx_arm_drain(): one event for all 64, after the last answer and
 * not before; a second arming with nothing in flight waits for the next
 * packet's answer.
 */
ENT_TEST(xnf_tx_events_at_drain)
{
	struct xnf_bed *b = bed(test);
	unsigned int i;

	for (i = 0; i < 64; i++)
		queue(b, 1, 60, 0, NULL);
	xnf_tx_push(&b->tx);
	ENT_EXPECT(!xnf_tx_arm_drain(&b->tx));
	for (i = 0; i < 63; i++) {
		ENT_EXPECT_EQ(model_tx_packet(&b->back, &b->pkt, XEN_NETIF_RSP_OKAY), 1);
		ENT_EXPECT(!model_tx_push(&b->back));
	}
	ENT_EXPECT_EQ(model_tx_packet(&b->back, &b->pkt, XEN_NETIF_RSP_OKAY), 1);
	ENT_EXPECT(model_tx_push(&b->back));
	ENT_EXPECT(xnf_tx_arm_drain(&b->tx));	/* answers to collect */
	ENT_EXPECT_EQ(xnf_tx_collect(&b->tx, 1000, xnf_bed_done, b), 64);
	ENT_EXPECT(!xnf_tx_arm_drain(&b->tx));
	queue(b, 1, 60, 0, NULL);
	xnf_tx_push(&b->tx);
	ENT_EXPECT_EQ(model_tx_packet(&b->back, &b->pkt, XEN_NETIF_RSP_OKAY), 1);
	ENT_EXPECT(model_tx_push(&b->back));
	ENT_EXPECT_EQ(b->done, 64);
}

/* What a hostile backend writes into the answer at index at. */
enum tx_lie { LIE_ID_RANGE, LIE_ID_FREE, LIE_ID_TWICE, LIE_STATUS,
	      LIE_NULL, LIE_PROD };

static void tx_lie(struct xnf_bed *b, enum tx_lie lie)
{
	struct xen_netif_tx_response *r0 = RING_GET_RESPONSE(&b->back.tx, 0);
	struct xen_netif_tx_response *r1 = RING_GET_RESPONSE(&b->back.tx, 1);

	switch (lie) {
	case LIE_ID_RANGE:
		r1->id = XNF_TX_RING_SIZE;
		break;
	case LIE_ID_FREE:
		r1->id = 200;		/* never handed out */
		break;
	case LIE_ID_TWICE:
		r1->id = r0->id;
		break;
	case LIE_STATUS:
		r1->status = 7;
		break;
	case LIE_NULL:
		r1->status = XEN_NETIF_RSP_NULL;	/* no extra was sent */
		break;
	case LIE_PROD:
		b->txs.s.rsp_prod = b->tx.ring.req_prod_pvt + 1;
		break;
	}
}

ENT_TEST(xnf_tx_hostile_answers_break_the_ring)
{
	static const struct { enum tx_lie lie; enum xnf_bad why; } cases[] = {
		{ LIE_ID_RANGE, XNF_BAD_ID }, { LIE_ID_FREE, XNF_BAD_ID },
		{ LIE_ID_TWICE, XNF_BAD_ID }, { LIE_STATUS, XNF_BAD_STATUS },
		{ LIE_NULL, XNF_BAD_STATUS }, { LIE_PROD, XNF_BAD_PROD },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct xnf_bed *b = bed(test);
		int token[3];
		unsigned int before;

		queue(b, 1, 60, 0, &token[0]);
		queue(b, 1, 60, 0, &token[1]);
		queue(b, 1, 60, 0, &token[2]);
		xnf_tx_push(&b->tx);
		while (model_tx_packet(&b->back, &b->pkt, XEN_NETIF_RSP_OKAY) == 1)
			;
		model_tx_push(&b->back);
		tx_lie(b, cases[i].lie);
		ENT_EXPECT_EQ(xnf_tx_collect(&b->tx, 64, xnf_bed_done, b), -EIO);
		ENT_EXPECT_EQ(b->tx.broken, cases[i].why);
		/* before the lie: the first packet only, or none */
		ENT_EXPECT(b->done <= 1);
		ENT_EXPECT_EQ(queue(b, 1, 60, 0, NULL), -EIO);
		ENT_EXPECT_EQ(xnf_tx_collect(&b->tx, 64, xnf_bed_done, b), -EIO);
		/* once the backend is gone: every packet back exactly once */
		before = b->done;
		ENT_EXPECT_EQ(xnf_tx_drain(&b->tx, xnf_bed_done, b), 3 - before);
		ENT_EXPECT_EQ(b->done, 3);
		ENT_EXPECT_EQ(b->done_status[2], XEN_NETIF_RSP_ERROR);
		ENT_EXPECT_EQ(b->tx.free_count, XNF_TX_RING_SIZE);
		ENT_EXPECT_EQ(b->tx.in_flight, 0);
	}
}

/* Chains of TX buffers: taken whole or not at all, given back whole. */
ENT_TEST(xnf_txbuf_chains)
{
	struct xnf_txbuf *t = ENT_ALLOC(sizeof(*t));
	u16 a[3], b[2], c[4];

	ENT_ASSERT(t);
	xnf_txbuf_init(t, 6);
	ENT_EXPECT_EQ(xnf_txbuf_take(t, 3, a), 0);
	ENT_EXPECT_EQ(a[0], 0);
	ENT_EXPECT_EQ(xnf_txbuf_take(t, 2, b), 0);
	ENT_EXPECT_EQ(xnf_txbuf_take(t, 4, c), -ENOSPC);
	ENT_EXPECT_EQ(t->nfree, 1);			/* nothing taken by it */
	/* a chain walked from its first buffer, in the order taken */
	ENT_EXPECT_EQ(xnf_txbuf_next(t, a[0]), a[1]);
	ENT_EXPECT_EQ(xnf_txbuf_next(t, a[1]), a[2]);
	ENT_EXPECT_EQ(xnf_txbuf_next(t, a[2]), a[2]);	/* the end */
	ENT_EXPECT_EQ(xnf_txbuf_next(t, b[1]), b[1]);
	ENT_EXPECT_EQ(xnf_txbuf_first(xnf_txbuf_token(a[0])), a[0]);
	ENT_EXPECT(xnf_txbuf_token(0));
	xnf_txbuf_put(t, xnf_txbuf_first(xnf_txbuf_token(a[0])));
	ENT_EXPECT_EQ(t->nfree, 4);
	ENT_EXPECT_EQ(xnf_txbuf_take(t, 4, c), 0);
	/* the four are distinct and none is one of b's */
	ENT_EXPECT(c[0] != c[1] && c[1] != c[2] && c[2] != c[3] && c[0] != c[3]);
	ENT_EXPECT(c[0] != b[0] && c[3] != b[1] && c[1] != b[0]);
	xnf_txbuf_put(t, b[0]);
	xnf_txbuf_put(t, c[0]);
	ENT_EXPECT_EQ(t->nfree, 6);
	ENT_EXPECT_EQ(xnf_txbuf_take(t, 0, c), -ENOSPC);
}

static ENT_CASES(xnf_tx) = {
	ENT_CASE(xnf_tx_one_slot_round_trip),
	ENT_CASE(xnf_tx_gso_multi_slot_layout),
	ENT_CASE(xnf_tx_refuses_what_netif_cannot_carry),
	ENT_CASE(xnf_tx_full_ring_refuses_whole_packets),
	ENT_CASE(xnf_tx_backend_errors_reported),
	ENT_CASE(xnf_tx_collect_budget),
	ENT_CASE(xnf_tx_events_per_batch),
	ENT_CASE(xnf_tx_events_at_drain),
	ENT_CASE(xnf_tx_hostile_answers_break_the_ring),
	ENT_CASE(xnf_txbuf_chains),
	ENT_CASES_END
};

ENT_SUITE(xnf_tx);
