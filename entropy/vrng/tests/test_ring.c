// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Both ring ends in one address space, each peer also played hostile.
 * User space only: the kernel's ring.h needs Xen arch headers that UML
 * lacks; under real Xen the ring runs in the Xen layer.
 */
#include "ent_test.h"
#include "vrng_ring.h"

#define PAGES 4

struct peer {
	u8 guest[PAGES][VRNGIF_PAGE_SIZE];	/* the frontend's data pages */
	u8 bounce[VRNGIF_PAGE_SIZE];
	int refuse;				/* produce() says -EAGAIN */
	int hold;				/* produce() says -EBUSY */
	u32 extra;				/* credit beyond 8 bits a byte */
	u16 health;				/* what the sources say */
	unsigned int seen;			/* responses collected */
	unsigned int errors;			/* of them ERROR */
	struct vrngif_response last;
};

static int fake_produce(void *ctx, u8 *buf, unsigned int len, u32 *credited,
			u16 *health)
{
	struct peer *p = ctx;

	*health = p->health;
	if (p->hold)
		return -EBUSY;
	if (p->refuse)
		return -EAGAIN;
	memset(buf, 0x5a, len);
	*credited = 8 * len + p->extra;
	return (int)len;
}

static int fake_copy(void *ctx, u32 gref, u16 offset, const u8 *buf,
		     unsigned int len)
{
	struct peer *p = ctx;

	if (gref >= PAGES)
		return -EINVAL;		/* like a grant copy with a bad ref */
	memcpy(&p->guest[gref][offset], buf, len);
	return 0;
}

static const struct vrng_back_ops fake_ops = {
	.produce = fake_produce,
	.copy_to_guest = fake_copy,
};

static void collected(void *ctx, const struct vrngif_response *rsp)
{
	struct peer *p = ctx;

	p->seen++;
	p->errors += rsp->status == VRNGIF_RSP_ERROR;
	p->last = *rsp;
}

struct bed {
	struct vrngif_sring *sring;
	struct vrng_front front;
	struct vrng_back back;
	struct peer peer;
};

static struct bed *bed_new(ENT_TEST_CTX_ARG)
{
	struct bed *t = ENT_ALLOC(sizeof(*t));

	(void)test;		/* used by the kernel's ENT_ALLOC only */
	if (!t)
		return NULL;
	t->sring = ENT_ALLOC(VRNGIF_PAGE_SIZE);
	if (!t->sring)
		return NULL;
	vrng_front_init(&t->front, t->sring);
	vrng_back_init(&t->back, t->sring, &fake_ops, &t->peer,
		       t->peer.bounce, VRNGIF_MAX_REQUEST_BYTES);
	return t;
}

ENT_TEST(ring_one_page_holds_128)
{
	ENT_EXPECT_EQ(__CONST_RING_SIZE(vrngif, VRNGIF_PAGE_SIZE), 128);
	ENT_EXPECT_EQ(sizeof(union vrngif_sring_entry), 16);
}

ENT_TEST(ring_round_trip)
{
	struct bed *t = bed_new(test);
	bool notify, more;

	ENT_ASSERT(t);
	ENT_EXPECT(vrng_front_submit(&t->front, 1, 100, 64, &notify) >= 0);
	ENT_EXPECT(notify);		/* a sleeping backend must be woken */
	ENT_EXPECT(vrng_front_submit(&t->front, 2, 0, 4096, &notify) >= 0);
	ENT_EXPECT_EQ(vrng_back_process(&t->back, 16, &notify, &more), 2);
	ENT_EXPECT(notify);
	ENT_EXPECT(!more);
	ENT_EXPECT_EQ(vrng_front_collect(&t->front, collected, &t->peer), 2);
	ENT_EXPECT_EQ(t->peer.last.status, VRNGIF_RSP_OKAY);
	ENT_EXPECT_EQ(t->peer.last.len, 4096);
	ENT_EXPECT_EQ(t->peer.last.credited, 8 * 4096);
	ENT_EXPECT_EQ(t->peer.guest[1][99], 0);
	ENT_EXPECT_EQ(t->peer.guest[1][100], 0x5a);
	ENT_EXPECT_EQ(t->peer.guest[1][163], 0x5a);
	ENT_EXPECT_EQ(t->peer.guest[1][164], 0);
	ENT_EXPECT_EQ(t->back.bytes, 64 + 4096);
	ENT_EXPECT_EQ(t->front.pending.count, 0);
}

ENT_TEST(ring_budget_bounds_work_per_event)
{
	struct bed *t = bed_new(test);
	bool notify, more;
	int i;

	ENT_ASSERT(t);
	for (i = 0; i < 10; i++)
		vrng_front_submit(&t->front, 0, 0, 16, &notify);
	ENT_EXPECT_EQ(vrng_back_process(&t->back, 4, &notify, &more), 4);
	ENT_EXPECT(more);
	ENT_EXPECT_EQ(vrng_back_process(&t->back, 100, &notify, &more), 6);
	ENT_EXPECT(!more);
}

ENT_TEST(ring_retry_and_copy_errors_are_answered)
{
	struct bed *t = bed_new(test);
	bool notify, more;

	ENT_ASSERT(t);
	t->peer.refuse = 1;
	vrng_front_submit(&t->front, 0, 0, 16, &notify);
	vrng_back_process(&t->back, 8, &notify, &more);
	vrng_front_collect(&t->front, collected, &t->peer);
	ENT_EXPECT_EQ(t->peer.last.status, VRNGIF_RSP_RETRY);
	ENT_EXPECT_EQ(t->back.retries, 1);

	t->peer.refuse = 0;
	vrng_front_submit(&t->front, PAGES + 7, 0, 16, &notify);	/* bad gref */
	vrng_back_process(&t->back, 8, &notify, &more);
	ENT_EXPECT_EQ(vrng_front_collect(&t->front, collected, &t->peer), 1);
	ENT_EXPECT_EQ(t->peer.last.status, VRNGIF_RSP_ERROR);
	ENT_EXPECT_EQ(t->peer.last.len, 0);
	ENT_EXPECT_EQ(t->back.errors, 1);
	ENT_EXPECT_EQ(t->back.broken, VRNG_OK);	/* the guest's own loss */
}

ENT_TEST(ring_front_full_is_busy)
{
	struct bed *t = bed_new(test);
	bool notify;
	int i;

	ENT_ASSERT(t);
	for (i = 0; i < 128; i++)
		ENT_EXPECT(vrng_front_submit(&t->front, 0, 0, 1, &notify) >= 0);
	ENT_EXPECT_EQ(vrng_front_submit(&t->front, 0, 0, 1, &notify), -EBUSY);
}

/*
 * A malformed request (every kind) is answered ERROR and not served; the
 * answers around it in the same batch are delivered, and the device goes on.
 */
ENT_TEST(ring_malformed_request_answered_error)
{
	static const struct { u16 flags, offset, len; u32 reserved; } bad[] = {
		{ 1, 0, 16, 0 },		/* flags */
		{ 0, 0, 16, 1 },		/* reserved */
		{ 0, 0, 0, 0 },			/* len 0 */
		{ 0, 0, VRNGIF_MAX_REQUEST_BYTES + 1, 0 },
		{ 0, 4000, 200, 0 },		/* past the page */
	};
	struct bed *t = bed_new(test);
	struct vrngif_request *slot;
	bool notify, more;
	unsigned int i;

	ENT_ASSERT(t);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		vrng_front_submit(&t->front, 0, 0, 16, &notify);
		slot = RING_GET_REQUEST(&t->front.ring,
					t->front.ring.req_prod_pvt - 1);
		slot->flags = bad[i].flags;
		slot->offset = bad[i].offset;
		slot->len = bad[i].len;
		slot->reserved = bad[i].reserved;
		vrng_front_submit(&t->front, 1, 0, 16, &notify);
		ENT_EXPECT_EQ(vrng_back_process(&t->back, 8, &notify, &more), 2);
		ENT_EXPECT(notify);
		t->peer.seen = 0;
		t->peer.errors = 0;
		ENT_EXPECT_EQ(vrng_front_collect(&t->front, collected, &t->peer),
			      2);
		ENT_EXPECT_EQ(t->peer.errors, 1);
		ENT_EXPECT_EQ(t->peer.last.status, VRNGIF_RSP_OKAY);
	}
	ENT_EXPECT_EQ(t->back.malformed, ARRAY_SIZE(bad));
	ENT_EXPECT_EQ(t->back.last_malformed, VRNG_BAD_RANGE);
	ENT_EXPECT_EQ(t->back.requests, ARRAY_SIZE(bad));
	ENT_EXPECT_EQ(t->back.bytes, 16 * ARRAY_SIZE(bad));
	ENT_EXPECT_EQ(t->back.broken, VRNG_OK);
	ENT_EXPECT_EQ(t->front.broken, VRNG_OK);
}

/* Credit an answer cannot carry goes with the next OKAY answer. */
ENT_TEST(ring_credit_is_carried_not_dropped)
{
	struct bed *t = bed_new(test);
	bool notify, more;

	ENT_ASSERT(t);
	t->peer.extra = 100;		/* 8 * 16 + 100 bits for 16 bytes */
	vrng_front_submit(&t->front, 0, 0, 16, &notify);
	vrng_back_process(&t->back, 8, &notify, &more);
	vrng_front_collect(&t->front, collected, &t->peer);
	ENT_EXPECT_EQ(t->peer.last.credited, 8 * 16);
	ENT_EXPECT_EQ(t->back.carry, 100);

	t->peer.extra = 0;		/* a failed copy keeps it all */
	vrng_front_submit(&t->front, PAGES + 1, 0, 16, &notify);
	vrng_back_process(&t->back, 8, &notify, &more);
	vrng_front_collect(&t->front, collected, &t->peer);
	ENT_EXPECT_EQ(t->peer.last.status, VRNGIF_RSP_ERROR);
	ENT_EXPECT_EQ(t->back.carry, 100 + 8 * 16);

	vrng_front_submit(&t->front, 0, 0, 64, &notify);
	vrng_back_process(&t->back, 8, &notify, &more);
	vrng_front_collect(&t->front, collected, &t->peer);
	ENT_EXPECT_EQ(t->peer.last.credited, 8 * 64);	/* full: 512 of 740 */
	ENT_EXPECT_EQ(t->back.carry, 100 + 8 * 16);
	ENT_EXPECT_EQ(t->back.credited, 8 * 16 + 8 * 64);

	vrng_front_submit(&t->front, 0, 0, 4096, &notify);
	vrng_back_process(&t->back, 8, &notify, &more);
	vrng_front_collect(&t->front, collected, &t->peer);
	ENT_EXPECT_EQ(t->peer.last.credited, 8 * 4096);
	ENT_EXPECT_EQ(t->back.carry, 100 + 8 * 16);
	ENT_EXPECT_EQ(t->back.credit_lost, 0);

	/* Beyond one page's worth the carry is lost, and counted. */
	t->peer.extra = (u32)VRNG_CARRY_MAX_BITS + 10;
	vrng_front_submit(&t->front, PAGES + 1, 0, 1, &notify);
	vrng_back_process(&t->back, 8, &notify, &more);
	ENT_EXPECT_EQ(t->back.carry, VRNG_CARRY_MAX_BITS);
	ENT_EXPECT_EQ(t->back.credit_lost, 100 + 8 * 16 + 8 + 10);
}

ENT_TEST(ring_hostile_producer_index_breaks_device)
{
	struct bed *t = bed_new(test);
	bool notify, more;

	ENT_ASSERT(t);
	t->sring->req_prod = 129;	/* more than a ring ahead */
	ENT_EXPECT_EQ(vrng_back_process(&t->back, 8, &notify, &more), -EPROTO);
	ENT_EXPECT_EQ(t->back.broken, VRNG_BAD_PROD);
	ENT_EXPECT_EQ(t->back.requests, 0);

	t = bed_new(test);
	ENT_ASSERT(t);
	t->sring->rsp_prod = 129;
	ENT_EXPECT_EQ(vrng_front_collect(&t->front, collected, &t->peer),
		      -EPROTO);
	ENT_EXPECT_EQ(t->front.broken, VRNG_BAD_PROD);
	ENT_EXPECT_EQ(t->peer.seen, 0);
}

/* A hostile backend: an answer to nothing, or too much credit. */
ENT_TEST(ring_hostile_response_breaks_device)
{
	struct bed *t = bed_new(test);
	struct vrngif_response *slot;
	bool notify, more;

	ENT_ASSERT(t);
	vrng_front_submit(&t->front, 0, 0, 16, &notify);
	vrng_back_process(&t->back, 8, &notify, &more);
	slot = RING_GET_RESPONSE(&t->back.ring, 0);
	slot->credited = 8 * 16 + 1;
	ENT_EXPECT_EQ(vrng_front_collect(&t->front, collected, &t->peer),
		      -EPROTO);
	ENT_EXPECT_EQ(t->front.broken, VRNG_BAD_CREDIT);
	ENT_EXPECT_EQ(t->peer.seen, 0);

	t = bed_new(test);
	ENT_ASSERT(t);
	vrng_front_submit(&t->front, 0, 0, 16, &notify);
	vrng_back_process(&t->back, 8, &notify, &more);
	RING_GET_RESPONSE(&t->back.ring, 0)->id = 77;
	ENT_EXPECT_EQ(vrng_front_collect(&t->front, collected, &t->peer),
		      -EPROTO);
	ENT_EXPECT_EQ(t->front.broken, VRNG_BAD_ID);
}

/* UNSEEDED comes with RETRY only: bytes mean a seeded generator. */
ENT_TEST(ring_okay_never_says_unseeded)
{
	struct bed *t = bed_new(test);
	bool notify, more;

	ENT_ASSERT(t);
	t->peer.health = VRNGIF_HEALTH_UNSEEDED | VRNGIF_HEALTH_DEGRADED;
	t->peer.refuse = 1;
	vrng_front_submit(&t->front, 0, 0, 16, &notify);
	vrng_back_process(&t->back, 8, &notify, &more);
	ENT_EXPECT_EQ(vrng_front_collect(&t->front, collected, &t->peer), 1);
	ENT_EXPECT_EQ(t->peer.last.status, VRNGIF_RSP_RETRY);
	ENT_EXPECT_EQ(t->peer.last.health, t->peer.health);
	t->peer.refuse = 0;
	vrng_front_submit(&t->front, 0, 0, 16, &notify);
	vrng_back_process(&t->back, 8, &notify, &more);
	ENT_EXPECT_EQ(vrng_front_collect(&t->front, collected, &t->peer), 1);
	ENT_EXPECT_EQ(t->peer.last.status, VRNGIF_RSP_OKAY);
	ENT_EXPECT_EQ(t->peer.last.health, VRNGIF_HEALTH_DEGRADED);
}

/* The stray-answer test hook answers in the request's own slot. */
ENT_TEST(ring_stray_hook_overwrites_no_request)
{
	struct bed *t = bed_new(test);
	bool notify, more;

	ENT_ASSERT(t);
	t->back.stray_next = true;
	vrng_front_submit(&t->front, 0, 0, 16, &notify);
	vrng_front_submit(&t->front, 0, 0, 16, &notify);
	ENT_EXPECT_EQ(vrng_back_process(&t->back, 1, &notify, &more), 1);
	ENT_EXPECT(more);
	ENT_EXPECT_EQ(RING_GET_REQUEST(&t->front.ring, 1)->len, 16);
	ENT_EXPECT_EQ(vrng_front_collect(&t->front, collected, &t->peer),
		      -EPROTO);
	ENT_EXPECT_EQ(t->front.broken, VRNG_BAD_ID);
	ENT_EXPECT(!t->back.stray_next);
}

/* A request the rate cannot serve yet is held in the ring, not answered. */
ENT_TEST(ring_throttled_request_is_held)
{
	struct bed *t = bed_new(test);
	bool notify, more;

	ENT_ASSERT(t);
	vrng_front_submit(&t->front, 0, 0, 16, &notify);
	vrng_front_submit(&t->front, 1, 0, 16, &notify);
	t->peer.hold = 1;
	ENT_EXPECT_EQ(vrng_back_process(&t->back, 8, &notify, &more), 0);
	ENT_EXPECT(t->back.held);
	ENT_EXPECT(!more);			/* the caller's timer, not a spin */
	ENT_EXPECT_EQ(t->back.ring.req_cons, 0);
	ENT_EXPECT_EQ(t->back.requests, 0);
	ENT_EXPECT_EQ(t->back.retries, 0);
	ENT_EXPECT_EQ(vrng_front_collect(&t->front, collected, &t->peer), 0);
	t->peer.hold = 0;			/* the rate allows it now */
	ENT_EXPECT_EQ(vrng_back_process(&t->back, 8, &notify, &more), 2);
	ENT_EXPECT(!t->back.held);
	ENT_EXPECT_EQ(vrng_front_collect(&t->front, collected, &t->peer), 2);
	ENT_EXPECT_EQ(t->peer.last.status, VRNGIF_RSP_OKAY);
}

static ENT_CASES(vrng_ring) = {
	ENT_CASE(ring_one_page_holds_128),
	ENT_CASE(ring_round_trip),
	ENT_CASE(ring_budget_bounds_work_per_event),
	ENT_CASE(ring_retry_and_copy_errors_are_answered),
	ENT_CASE(ring_front_full_is_busy),
	ENT_CASE(ring_malformed_request_answered_error),
	ENT_CASE(ring_credit_is_carried_not_dropped),
	ENT_CASE(ring_okay_never_says_unseeded),
	ENT_CASE(ring_stray_hook_overwrites_no_request),
	ENT_CASE(ring_throttled_request_is_held),
	ENT_CASE(ring_hostile_producer_index_breaks_device),
	ENT_CASE(ring_hostile_response_breaks_device),
	ENT_CASES_END
};

ENT_SUITE(vrng_ring);
