// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libxnfront driven the way a unikernel drives it, against the netback
 * model: a host port with an in-memory xenstore, grant table and event
 * channel (tests/lib/fake_xen_user.h); the test plays netback's xenbus
 * side. User space only.
 */
#include "ent_test.h"
#include "fake_xen_user.h"
#include "libxnfront.h"
#include "model_netback.h"

#define FE "device/vif/0"
#define BE "/local/domain/0/backend/vif/7/0"
#define N_TX 4
#define N_RX 16

struct uk {
	struct fake_xen x;		/* first: the port's ctx */
	u8 page[2 + N_TX + N_RX][XNF_PAGE_SIZE];
	void *tx[N_TX], *rx[N_RX];
	struct xnfront_pages pages;
	struct xnfront f;
	struct model_netback back;
	struct model_pkt pkt;
	u8 buf[3 * XNF_PAGE_SIZE];
	u8 frame[3 * XNF_PAGE_SIZE];
};

static u8 *uk_page(void *ctx, u32 gref)
{
	return fake_page(ctx, gref);
}

static struct uk *uk_new(ENT_TEST_CTX_ARG)
{
	struct uk *u = ENT_ALLOC(sizeof(*u));
	unsigned int i;

	ENT_ASSERT(u);
	for (i = 0; i < N_TX; i++)
		u->tx[i] = u->page[2 + i];
	for (i = 0; i < N_RX; i++)
		u->rx[i] = u->page[2 + N_TX + i];
	u->pages = (struct xnfront_pages){
		.tx_ring = u->page[0], .rx_ring = u->page[1],
		.tx = u->tx, .n_tx = N_TX, .rx = u->rx, .n_rx = N_RX,
	};
	fake_set(&u->x, FE "/backend", BE);
	fake_set(&u->x, FE "/backend-id", "0");
	fake_set(&u->x, FE "/mac", "00:16:3e:0a:0b:0c");
	return u;
}

static unsigned long key(struct uk *u, const char *path)
{
	unsigned long v = 0;
	const char *s = fake_get(&u->x, path);

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned long)(*s++ - '0');
	return v;
}

/* netback: its features and InitWait, maps the rings, then Connected. */
static void uk_connect(ENT_TEST_CTX_ARG, struct uk *u)
{
	if (!fake_get(&u->x, BE "/feature-rx-copy")[0]) {
		fake_set(&u->x, BE "/feature-rx-copy", "1");
		fake_set(&u->x, BE "/feature-sg", "1");
		fake_set(&u->x, BE "/feature-gso-tcpv4", "1");
	}
	fake_set(&u->x, BE "/state", "2");
	ENT_ASSERT(xnfront_step(&u->f) == 0);
	ENT_ASSERT(!strcmp(fake_get(&u->x, FE "/state"), "4"));
	model_init(&u->back, (void *)fake_page(&u->x, key(u, FE "/tx-ring-ref")),
		   (void *)fake_page(&u->x, key(u, FE "/rx-ring-ref")), uk_page, &u->x);
	fake_set(&u->x, BE "/state", "4");
	ENT_ASSERT(xnfront_step(&u->f) == 0);
	ENT_ASSERT(u->f.connected);
}

static struct uk *uk_up(ENT_TEST_CTX_ARG)
{
	struct uk *u = uk_new(test);

	ENT_ASSERT(xnfront_init(&u->f, &fake_port, u, FE, &u->pages) == 0);
	uk_connect(test, u);
	return u;
}

static void fill(u8 *b, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		b[i] = (u8)(seed * 13 + i * 7 + (i >> 9));
}

ENT_TEST(uk_net_handshake_writes_netif_keys)
{
	struct uk *u = uk_new(test);

	ENT_ASSERT(xnfront_init(&u->f, &fake_port, u, FE, &u->pages) == 0);
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/state"), "1"));
	ENT_EXPECT_EQ(u->f.mac[5], 0x0c);
	uk_connect(test, u);
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/request-rx-copy"), "1"));
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/feature-rx-notify"), "1"));
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/feature-sg"), "1"));
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/feature-gso-tcpv4"), "0"));
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/feature-no-csum-offload"), "1"));
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/event-channel"), "9"));
	/* two rings, every buffer page: granted once */
	ENT_EXPECT_EQ(u->x.grants, 2 + N_TX + N_RX);
	/* every RX page posted before the backend looked, then one event */
	ENT_EXPECT_EQ(u->back.rx.sring->req_prod, N_RX);
	ENT_EXPECT_EQ(u->x.notified, 1);
}

/* Three frames, one of them over two TX buffers: one event for all. */
ENT_TEST(uk_net_send_batches_and_completes)
{
	static const size_t lens[] = { 60, 1514, 3000 };
	struct uk *u = uk_up(test);
	unsigned int i, events = u->x.notified;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		fill(u->frame, lens[i], i);
		ENT_ASSERT(xnfront_send(&u->f, u->frame, lens[i]) == 0);
	}
	ENT_EXPECT_EQ(xnfront_flush(&u->f), 0);
	ENT_EXPECT_EQ(u->x.notified, events + 1);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		ENT_ASSERT(model_tx_packet(&u->back, &u->pkt, XEN_NETIF_RSP_OKAY) == 1);
		fill(u->frame, lens[i], i);
		ENT_EXPECT_EQ(u->pkt.len, lens[i]);
		ENT_EXPECT_EQ(u->pkt.slots, i == 2 ? 2 : 1);
		ENT_EXPECT_MEMEQ(u->pkt.data, u->frame, lens[i]);
	}
	model_tx_push(&u->back);
	ENT_EXPECT_EQ(xnfront_poll(&u->f), 4);
	ENT_EXPECT_EQ(u->f.txb.nfree, 2 * N_TX);
	ENT_EXPECT_EQ(u->x.grants, 2 + N_TX + N_RX);	/* no grant per frame */
}

/* Out of TX buffers: -EAGAIN, nothing queued; room again after poll. */
ENT_TEST(uk_net_send_full_then_room)
{
	struct uk *u = uk_up(test);
	unsigned int i;

	for (i = 0; i < 2 * N_TX; i++)
		ENT_ASSERT(xnfront_send(&u->f, u->frame, 1000) == 0);
	ENT_EXPECT_EQ(xnfront_send(&u->f, u->frame, 1000), -EAGAIN);
	ENT_EXPECT_EQ(u->f.stats.tx_full, 1);
	xnfront_flush(&u->f);
	while (model_tx_packet(&u->back, &u->pkt, XEN_NETIF_RSP_OKAY) == 1)
		;
	model_tx_push(&u->back);
	ENT_EXPECT_EQ(xnfront_send(&u->f, u->frame, 1000), 0);	/* polls first */
	ENT_EXPECT_EQ(xnfront_send(&u->f, u->frame, 0), -EINVAL);
	ENT_EXPECT_EQ(xnfront_send(&u->f, u->frame, 70000), -EINVAL);
}

/*
 * 100 frames through 16 RX pages: each comes out whole, the pages go
 * round the ring with the grants they got at connect.
 */
ENT_TEST(uk_net_receive_reuses_pages)
{
	struct uk *u = uk_up(test);
	unsigned int i;

	for (i = 0; i < 100; i++) {
		size_t len = i % 10 == 9 ? 9000 : 60 + i * 14;

		fill(u->frame, len, i);
		ENT_ASSERT(model_rx_packet(&u->back, u->frame, len, 0, 0, 0, 0) == 0);
		model_rx_push(&u->back);
		ENT_ASSERT(xnfront_recv(&u->f, u->buf, sizeof(u->buf)) == (int)len);
		ENT_EXPECT_MEMEQ(u->buf, u->frame, len);
	}
	ENT_EXPECT_EQ(xnfront_recv(&u->f, u->buf, sizeof(u->buf)), 0);
	ENT_EXPECT_EQ(u->f.stats.rx_frames, 100);
	ENT_EXPECT_EQ(u->x.grants, 2 + N_TX + N_RX);
	ENT_EXPECT_EQ(u->back.rx.sring->req_prod - u->back.rx.req_cons, N_RX);
}

/*
 * A starved netback asks for an event at the very next request (it sets
 * req_event to req_prod + 1): the slots go back a quarter of the pages
 * (here 4) at a time, so 64 frames cost 16 events, not 64.
 */
ENT_TEST(uk_net_receive_pushes_in_batches)
{
	struct uk *u = uk_up(test);
	u64 events = u->f.stats.events_sent;
	unsigned int i;

	for (i = 0; i < 64; i++) {
		u->back.rx.sring->req_event = u->back.rx.sring->req_prod + 1;
		ENT_ASSERT(model_rx_packet(&u->back, u->frame, 60, 0, 0, 0, 0) == 0);
		model_rx_push(&u->back);
		ENT_ASSERT(xnfront_recv(&u->f, u->buf, sizeof(u->buf)) == 60);
	}
	ENT_EXPECT_EQ(xnfront_recv(&u->f, u->buf, sizeof(u->buf)), 0);
	ENT_EXPECT_EQ(u->f.stats.events_sent - events, 64 / (N_RX / 4));
	ENT_EXPECT_EQ(u->back.rx.sring->req_prod - u->back.rx.req_cons, N_RX);
}

/* A frame too big for the caller's buffer is dropped, not truncated. */
ENT_TEST(uk_net_receive_too_big_dropped)
{
	struct uk *u = uk_up(test);

	model_rx_packet(&u->back, u->frame, 1514, 0, 0, 0, 0);
	model_rx_packet(&u->back, u->frame, 100, 0, 0, 0, 0);
	model_rx_push(&u->back);
	ENT_EXPECT_EQ(xnfront_recv(&u->f, u->buf, 1000), -EMSGSIZE);
	ENT_EXPECT_EQ(xnfront_recv(&u->f, u->buf, 1000), 100);
	ENT_EXPECT_EQ(u->f.stats.rx_too_big, 1);
}

/*
 * A hostile answer: -EIO, Closing; the pages stay granted while the
 * backend is connected; once it is Closed every grant and the port go,
 * and the library starts over.
 */
ENT_TEST(uk_net_hostile_backend_then_restart)
{
	struct uk *u = uk_up(test);
	unsigned int i;

	model_rx_packet(&u->back, u->frame, 100, 0, 0, 0, 0);
	RING_GET_RESPONSE(&u->back.rx, 0)->id = 5;	/* not slot 0's */
	model_rx_push(&u->back);
	ENT_EXPECT_EQ(xnfront_recv(&u->f, u->buf, sizeof(u->buf)), -EIO);
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/state"), "5"));
	ENT_EXPECT_EQ(xnfront_send(&u->f, u->frame, 60), -ENOTCONN);
	ENT_EXPECT_EQ(xnfront_close(&u->f), -EBUSY);
	ENT_EXPECT(u->x.grant[0]);		/* left to the backend */
	fake_set(&u->x, BE "/state", "6");
	ENT_EXPECT_EQ(xnfront_step(&u->f), 0);
	for (i = 0; i < FAKE_GRANTS; i++)
		ENT_EXPECT(!u->x.grant[i]);
	ENT_EXPECT(!u->x.evtchn_open);
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/state"), "1"));
	uk_connect(test, u);				/* a new connection */
	ENT_EXPECT_EQ(xnfront_send(&u->f, u->frame, 60), 0);
}

/*
 * The attacks of tests/modules/xnf_hostile_back.c, one at a time, on the
 * library: the model answers honestly, then the answer is rewritten
 * before it is pushed. Refused ones break the device (-EIO, the reason,
 * Closing) with nothing handed to the caller; a dropped frame
 * (rx-error) is counted and the device goes on. Only the pages granted
 * at connect are ever shared.
 */
enum hostile_ring { HOSTILE_RX, HOSTILE_TX };

struct hostile_case {
	const char *attack;
	enum hostile_ring ring;
	void (*rewrite)(struct uk *u);
	const char *why;	/* NULL: not a protocol break */
};

static void rx_id(struct uk *u)
{
	RING_GET_RESPONSE(&u->back.rx, u->back.rx.rsp_prod_pvt - 1)->id ^= 0x8000;
}

static void rx_range(struct uk *u)
{
	RING_GET_RESPONSE(&u->back.rx, u->back.rx.rsp_prod_pvt - 1)->offset =
		XNF_PAGE_SIZE - 16;
}

static void rx_error(struct uk *u)
{
	RING_GET_RESPONSE(&u->back.rx, u->back.rx.rsp_prod_pvt - 1)->status =
		XEN_NETIF_RSP_ERROR;
}

static void rx_overflow(struct uk *u)
{
	u->back.rx.rsp_prod_pvt += RING_SIZE(&u->back.rx) + 1;
}

static void tx_id(struct uk *u)
{
	RING_GET_RESPONSE(&u->back.tx, u->back.tx.rsp_prod_pvt - 1)->id ^= 0x8000;
}

static void tx_dup(struct uk *u)
{
	*RING_GET_RESPONSE(&u->back.tx, u->back.tx.rsp_prod_pvt) =
		*RING_GET_RESPONSE(&u->back.tx, u->back.tx.rsp_prod_pvt - 1);
	u->back.tx.rsp_prod_pvt++;
}

static void tx_status(struct uk *u)
{
	RING_GET_RESPONSE(&u->back.tx, u->back.tx.rsp_prod_pvt - 1)->status = -7;
}

static void tx_overflow(struct uk *u)
{
	u->back.tx.rsp_prod_pvt += RING_SIZE(&u->back.tx) + 1;
}

static const struct hostile_case hostile_cases[] = {
	{ "rx-id", HOSTILE_RX, rx_id, "response to no request in flight" },
	{ "rx-range", HOSTILE_RX, rx_range, "data beyond the page" },
	{ "rx-error", HOSTILE_RX, rx_error, NULL },
	{ "rx-overflow", HOSTILE_RX, rx_overflow,
	  "more responses than requests" },
	{ "tx-id", HOSTILE_TX, tx_id, "response to no request in flight" },
	{ "tx-dup", HOSTILE_TX, tx_dup, "more responses than requests" },
	{ "tx-status", HOSTILE_TX, tx_status, "undefined status" },
	{ "tx-overflow", HOSTILE_TX, tx_overflow,
	  "more responses than requests" },
};

static int hostile_answer(ENT_TEST_CTX_ARG, struct uk *u,
			  const struct hostile_case *c)
{
	if (c->ring == HOSTILE_RX) {
		fill(u->frame, 100, 1);
		ENT_ASSERT(model_rx_packet(&u->back, u->frame, 100, 0, 0, 0, 0) == 0);
		c->rewrite(u);
		model_rx_push(&u->back);
		return xnfront_recv(&u->f, u->buf, sizeof(u->buf));
	}
	ENT_ASSERT(xnfront_send(&u->f, u->frame, 60) == 0);
	xnfront_flush(&u->f);
	ENT_ASSERT(model_tx_packet(&u->back, &u->pkt, XEN_NETIF_RSP_OKAY) == 1);
	c->rewrite(u);
	model_tx_push(&u->back);
	return xnfront_poll(&u->f);
}

ENT_TEST(uk_net_each_hostile_answer_is_refused)
{
	unsigned int i, k;

	for (i = 0; i < ARRAY_SIZE(hostile_cases); i++) {
		const struct hostile_case *c = &hostile_cases[i];
		struct uk *u = uk_up(test);
		int got;

		memset(u->buf, 0x5a, sizeof(u->buf));
		got = hostile_answer(test, u, c);
		if (!c->why) {		/* rx-error: dropped, counted, going on */
			ENT_EXPECT_EQ(got, -EAGAIN);
			ENT_EXPECT_EQ(u->f.stats.rx_errors, 1);
			ENT_EXPECT(u->f.connected);
			continue;
		}
		if (got != -EIO || !u->f.error || strcmp(u->f.error, c->why)) {
			ENT_FAIL("%s: %d, error \"%s\"", c->attack, got,
				 u->f.error ? u->f.error : "(none)");
		}
		for (k = 0; k < sizeof(u->buf); k++)
			ENT_ASSERT(u->buf[k] == 0x5a);	/* nothing handed over */
		ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/state"), "5"));
		ENT_EXPECT_EQ(xnfront_send(&u->f, u->frame, 60), -ENOTCONN);
		ENT_EXPECT_EQ(xnfront_recv(&u->f, u->buf, sizeof(u->buf)), -EIO);
		ENT_EXPECT_EQ(u->x.grants, 2 + N_TX + N_RX);
		fake_set(&u->x, BE "/state", "6");
		ENT_EXPECT_EQ(xnfront_step(&u->f), 0);
		for (k = 0; k < FAKE_GRANTS; k++)
			ENT_EXPECT(!u->x.grant[k]);
		ENT_EXPECT(!u->x.evtchn_open);
	}
}

/*
 * A backend that never answers: TX fills up and says -EAGAIN, polls find
 * nothing however often, and nothing loops or waits.
 */
ENT_TEST(uk_net_silent_backend_stalls_nothing)
{
	struct uk *u = uk_up(test);
	unsigned int i;

	for (i = 0; i < 2 * N_TX; i++)
		ENT_ASSERT(xnfront_send(&u->f, u->frame, 1000) == 0);
	xnfront_flush(&u->f);
	for (i = 0; i < 100000; i++) {
		ENT_ASSERT(xnfront_poll(&u->f) == 0);
		ENT_ASSERT(xnfront_recv(&u->f, u->buf, sizeof(u->buf)) == 0);
	}
	ENT_EXPECT_EQ(xnfront_send(&u->f, u->frame, 1000), -EAGAIN);
	ENT_EXPECT(u->f.connected);
}

ENT_TEST(uk_net_bad_toolstack_keys_refused)
{
	struct uk *u = uk_new(test);

	fake_set(&u->x, FE "/mac", "00:16:3e:0a:0b");
	ENT_EXPECT_EQ(xnfront_init(&u->f, &fake_port, u, FE, &u->pages), -EINVAL);
	fake_set(&u->x, FE "/mac", "00:16:3e:0a:0b:zz");
	ENT_EXPECT_EQ(xnfront_init(&u->f, &fake_port, u, FE, &u->pages), -EINVAL);
	fake_set(&u->x, FE "/mac", "00:16:3e:0a:0b:0c");
	fake_set(&u->x, FE "/backend-id", "70000");
	ENT_EXPECT_EQ(xnfront_init(&u->f, &fake_port, u, FE, &u->pages), -EINVAL);
	fake_set(&u->x, FE "/backend-id", "0");
	u->pages.n_rx = 0;
	ENT_EXPECT_EQ(xnfront_init(&u->f, &fake_port, u, FE, &u->pages), -EINVAL);
	ENT_EXPECT(u->f.error);
	ENT_EXPECT_EQ(u->x.grants, 0);
}

/* A backend without rx-copy cannot serve; one without sg, no SG frame. */
ENT_TEST(uk_net_backend_offers_decide)
{
	struct uk *u = uk_new(test);

	ENT_ASSERT(xnfront_init(&u->f, &fake_port, u, FE, &u->pages) == 0);
	fake_set(&u->x, BE "/feature-rx-copy", "0");
	fake_set(&u->x, BE "/state", "2");
	ENT_EXPECT(xnfront_step(&u->f) < 0);
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/state"), "6"));
	ENT_EXPECT_EQ(u->x.grants, 0);

	u = uk_new(test);
	ENT_ASSERT(xnfront_init(&u->f, &fake_port, u, FE, &u->pages) == 0);
	fake_set(&u->x, BE "/feature-rx-copy", "1");
	fake_set(&u->x, BE "/feature-sg", "0");
	uk_connect(test, u);
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/feature-sg"), "0"));
	ENT_EXPECT_EQ(xnfront_send(&u->f, u->frame, 3000), -EMSGSIZE);
	ENT_EXPECT_EQ(xnfront_send(&u->f, u->frame, 1514), 0);
}

/* A grant the host cannot make: nothing left shared, Closed. */
ENT_TEST(uk_net_failed_setup_closes)
{
	struct uk *u = uk_new(test);
	unsigned int i;

	ENT_ASSERT(xnfront_init(&u->f, &fake_port, u, FE, &u->pages) == 0);
	u->x.fail_grant = true;
	fake_set(&u->x, BE "/state", "2");
	ENT_EXPECT(xnfront_step(&u->f) < 0);
	ENT_EXPECT(!strcmp(fake_get(&u->x, FE "/state"), "6"));
	for (i = 0; i < FAKE_GRANTS; i++)
		ENT_EXPECT(!u->x.grant[i]);
	ENT_EXPECT(!u->x.evtchn_open);
}

static ENT_CASES(xnfront_user) = {
	ENT_CASE(uk_net_handshake_writes_netif_keys),
	ENT_CASE(uk_net_send_batches_and_completes),
	ENT_CASE(uk_net_send_full_then_room),
	ENT_CASE(uk_net_receive_reuses_pages),
	ENT_CASE(uk_net_receive_pushes_in_batches),
	ENT_CASE(uk_net_receive_too_big_dropped),
	ENT_CASE(uk_net_hostile_backend_then_restart),
	ENT_CASE(uk_net_each_hostile_answer_is_refused),
	ENT_CASE(uk_net_silent_backend_stalls_nothing),
	ENT_CASE(uk_net_bad_toolstack_keys_refused),
	ENT_CASE(uk_net_failed_setup_closes),
	ENT_CASE(uk_net_backend_offers_decide),
	ENT_CASES_END
};

ENT_SUITE(xnfront_user);
