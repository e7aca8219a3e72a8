// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libvrngfront driven the way a unikernel drives it, against the real
 * backend ring logic: a host port with an in-memory xenstore, grant table
 * and event channel; the test plays the backend's xenbus side.
 * User space only (like test_ring.c).
 */
#include <stdio.h>
#include "ent_test.h"
#include "libvrngfront.h"
#include "fake_xen_user.h"

#define BE "/local/domain/0/backend/vrng/7/0"
#define FE "device/vrng/0"

struct host {
	struct fake_xen x;		/* first: the port's ctx */
	/* the backend */
	struct vrng_back back;
	u8 bounce[VRNGIF_PAGE_SIZE];
	u32 credit_per_answer;
	bool refuse;
	bool mapped;
};

static int be_produce(void *ctx, u8 *buf, unsigned int len, u32 *credited,
		      u16 *health)
{
	struct host *h = ctx;
	unsigned int i;

	if (h->refuse)
		return -EAGAIN;
	for (i = 0; i < len; i++)
		buf[i] = (u8)(i * 7 + 1);
	*credited = h->credit_per_answer;
	*health = 0;
	return (int)len;
}

/* Grant copy: only into a page the frontend granted. */
static int be_copy(void *ctx, u32 gref, u16 offset, const u8 *buf,
		   unsigned int len)
{
	struct host *h = ctx;

	u8 *page = fake_page(&h->x, gref);

	if (!page)
		return -EINVAL;
	memcpy(page + offset, buf, len);
	return 0;
}

static const struct vrng_back_ops be_ops = {
	.produce = be_produce,
	.copy_to_guest = be_copy,
};

/* The backend's xenbus side: keys, InitWait; maps the ring on Initialised. */
static void be_offer(struct host *h, const char *version)
{
	fake_set(&h->x, BE "/version", version);
	fake_set(&h->x, BE "/max-request-bytes", "4096");
	fake_set(&h->x, BE "/feature-credit", "1");
	fake_set(&h->x, BE "/state", "2");
}

static bool be_connect(struct host *h)
{
	unsigned long ref;

	if (strcmp(fake_get(&h->x, FE "/state"), "3") ||
	    plat_parse_uint(fake_get(&h->x, FE "/ring-ref"), FAKE_GRANTS - 1, &ref) ||
	    !h->x.grant[ref])
		return false;
	vrng_back_init(&h->back, h->x.grant[ref], &be_ops, h, h->bounce, 4096);
	h->mapped = true;
	fake_set(&h->x, BE "/state", "4");
	return true;
}

static void be_serve(struct host *h)
{
	bool notify, more;

	vrng_back_process(&h->back, 64, &notify, &more);
}

struct uk {
	struct host h;
	struct vrngfront f;
	u8 ring[VRNGIF_PAGE_SIZE];	/* a real host gives pages */
	u8 data[VRNGIF_PAGE_SIZE];	/* a real host gives pages */
};

static struct uk *uk_new(void)
{
	struct uk *u = ent_test_alloc(sizeof(*u));

	memset(u, 0, sizeof(*u));
	fake_set(&u->h.x, FE "/backend", BE);
	fake_set(&u->h.x, FE "/backend-id", "0");
	u->h.credit_per_answer = 256;
	return u;
}

/* init, InitWait, Initialised, Connected. */
static bool uk_connect(struct uk *u)
{
	if (vrngfront_init(&u->f, &fake_port, &u->h, FE, u->ring, u->data))
		return false;
	be_offer(&u->h, "1");
	if (vrngfront_step(&u->f) != 3 || !be_connect(&u->h))
		return false;
	return vrngfront_step(&u->f) == 4;
}

ENT_TEST(uk_handshake_writes_the_spec_keys)
{
	struct uk *u = uk_new();

	ENT_ASSERT(vrngfront_init(&u->f, &fake_port, &u->h, FE, u->ring,
				  u->data) == 0);
	ENT_EXPECT(!strcmp(fake_get(&u->h.x, FE "/state"), "1"));
	be_offer(&u->h, "1");
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 3);
	ENT_EXPECT(!strcmp(fake_get(&u->h.x, FE "/ring-ref"), "0"));
	ENT_EXPECT(!strcmp(fake_get(&u->h.x, FE "/event-channel"), "9"));
	ENT_EXPECT(!strcmp(fake_get(&u->h.x, FE "/version"), "1"));
	/* a repeated InitWait shares nothing twice */
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 3);
	ENT_EXPECT(!u->h.x.grant[2]);
	ENT_ASSERT(be_connect(&u->h));
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 4);
	ENT_EXPECT(u->f.trusted);
}

ENT_TEST(uk_reads_bytes_and_credit)
{
	struct uk *u = uk_new();
	u8 out[64];
	u32 credited;

	ENT_ASSERT(uk_connect(u));
	ENT_EXPECT_EQ(vrngfront_poll(&u->f, out, sizeof(out), &credited), 0);
	ENT_ASSERT(vrngfront_request(&u->f, 64) == 0);
	ENT_EXPECT_EQ(u->h.x.notified, 1);
	ENT_EXPECT_EQ(vrngfront_request(&u->f, 64), -EBUSY);
	be_serve(&u->h);
	ENT_EXPECT_EQ(vrngfront_poll(&u->f, out, sizeof(out), &credited), 64);
	ENT_EXPECT_EQ(credited, 256);	/* 32 bytes' worth: what was reported */
	ENT_EXPECT_EQ(out[0], 1);
	ENT_EXPECT_EQ(out[63], (u8)(63 * 7 + 1));
	ENT_EXPECT_EQ(u->data[0], 0);	/* the page is wiped after the copy */
	/* nothing credited twice: an answer without credit brings none */
	u->h.credit_per_answer = 0;
	ENT_ASSERT(vrngfront_request(&u->f, 64) == 0);
	be_serve(&u->h);
	ENT_EXPECT_EQ(vrngfront_poll(&u->f, out, sizeof(out), &credited), 64);
	ENT_EXPECT_EQ(credited, 0);
}

/* trusted "0", or anything but "1" (malformed reads as "0"). */
ENT_TEST(uk_untrusted_gets_bytes_without_credit)
{
	static const char *const values[] = { "0", "yes", "2", "-1" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(values); i++) {
		struct uk *u = uk_new();
		u8 out[64];
		u32 credited;

		fake_set(&u->h.x, FE "/trusted", values[i]);
		ENT_ASSERT(uk_connect(u));
		ENT_ASSERT(vrngfront_request(&u->f, 64) == 0);
		be_serve(&u->h);
		ENT_EXPECT_EQ(vrngfront_poll(&u->f, out, sizeof(out), &credited), 64);
		ENT_EXPECT_EQ(credited, 0);
	}
}

/* A backend that offers no feature-credit (absent, or not "1"). */
ENT_TEST(uk_no_feature_credit_gets_bytes_without_credit)
{
	static const char *const offers[] = { "0", "yes", NULL };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(offers); i++) {
		struct uk *u = uk_new();
		u8 out[64];
		u32 credited;

		ENT_ASSERT(vrngfront_init(&u->f, &fake_port, &u->h, FE, u->ring,
					  u->data) == 0);
		be_offer(&u->h, "1");
		fake_set(&u->h.x, BE "/feature-credit", offers[i] ? offers[i] : "");
		if (!offers[i])		/* absent: the key's slot emptied */
			u->h.x.key[fake_find(&u->h.x, BE "/feature-credit")][0] = '\0';
		ENT_ASSERT(vrngfront_step(&u->f) == 3 && be_connect(&u->h));
		ENT_ASSERT(vrngfront_step(&u->f) == 4);
		ENT_ASSERT(vrngfront_request(&u->f, 64) == 0);
		be_serve(&u->h);
		ENT_EXPECT_EQ(vrngfront_poll(&u->f, out, sizeof(out), &credited), 64);
		ENT_EXPECT_EQ(credited, 0);
	}
}

ENT_TEST(uk_retry_then_bytes)
{
	struct uk *u = uk_new();
	u8 out[16];
	u32 credited;

	ENT_ASSERT(uk_connect(u));
	u->h.refuse = true;
	ENT_ASSERT(vrngfront_request(&u->f, 16) == 0);
	be_serve(&u->h);
	ENT_EXPECT_EQ(vrngfront_poll(&u->f, out, sizeof(out), &credited),
		      -EAGAIN);
	u->h.refuse = false;
	ENT_ASSERT(vrngfront_request(&u->f, 16) == 0);
	be_serve(&u->h);
	ENT_EXPECT_EQ(vrngfront_poll(&u->f, out, sizeof(out), &credited), 16);
}

ENT_TEST(uk_hostile_backend_is_refused)
{
	struct uk *u = uk_new();
	struct vrngif_response *slot;
	u8 out[16];
	u32 credited;

	ENT_ASSERT(uk_connect(u));
	ENT_ASSERT(vrngfront_request(&u->f, 16) == 0);
	/* an answer to a request never made */
	slot = RING_GET_RESPONSE(&u->h.back.ring, 0);
	vrng_rsp_build(slot, 99, VRNGIF_RSP_OKAY, 16, 0, 0);
	((struct vrngif_sring *)u->ring)->rsp_prod = 1;
	ENT_EXPECT_EQ(vrngfront_poll(&u->f, out, sizeof(out), &credited),
		      -EPROTO);
	ENT_EXPECT(u->f.error && strstr(u->f.error, "outstanding"));
	ENT_EXPECT_EQ(vrngfront_request(&u->f, 16), -EPROTO);
}

ENT_TEST(uk_malformed_backend_keys_are_refused)
{
	struct uk *u = uk_new();

	ENT_ASSERT(vrngfront_init(&u->f, &fake_port, &u->h, FE, u->ring,
				  u->data) == 0);
	be_offer(&u->h, "1x");
	ENT_EXPECT_EQ(vrngfront_step(&u->f), -EINVAL);
	ENT_EXPECT(u->f.error);
	ENT_EXPECT(!u->h.x.grant[0]);	/* nothing shared */
	fake_set(&u->h.x, FE "/backend-id", "-1");
	ENT_EXPECT_EQ(vrngfront_init(&u->f, &fake_port, &u->h, FE, u->ring,
				     u->data), -EINVAL);
}

ENT_TEST(uk_backend_restart_reconnects)
{
	struct uk *u = uk_new();
	u8 out[16];
	u32 credited;

	ENT_ASSERT(uk_connect(u));
	fake_set(&u->h.x, BE "/state", "6");		/* backend unloaded */
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 1);
	ENT_EXPECT(!u->h.x.evtchn_open);
	ENT_EXPECT(!u->h.x.grant[0] && !u->h.x.grant[1]);
	ENT_EXPECT_EQ(vrngfront_request(&u->f, 16), -ENODEV);
	be_offer(&u->h, "1");				/* and back */
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 3);
	ENT_ASSERT(be_connect(&u->h));
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 4);
	ENT_ASSERT(vrngfront_request(&u->f, 16) == 0);
	be_serve(&u->h);
	ENT_EXPECT_EQ(vrngfront_poll(&u->f, out, sizeof(out), &credited), 16);
	ENT_EXPECT_EQ(vrngfront_close(&u->f), -EBUSY);	/* backend connected */
	ENT_EXPECT(!strcmp(fake_get(&u->h.x, FE "/state"), "6"));
	ENT_EXPECT(!u->h.x.evtchn_open);
	ENT_EXPECT(u->h.x.grant[0] && u->h.x.grant[1]);	/* left to the backend */
}

/* Closed after the backend left: everything is revoked. */
ENT_TEST(uk_close_after_backend_left_revokes)
{
	struct uk *u = uk_new();

	ENT_ASSERT(uk_connect(u));
	fake_set(&u->h.x, BE "/state", "5");
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 1);
	ENT_EXPECT_EQ(vrngfront_close(&u->f), 0);
	ENT_EXPECT(!u->h.x.grant[0] && !u->h.x.grant[1]);
	ENT_EXPECT(!strcmp(fake_get(&u->h.x, FE "/state"), "6"));
}

/*
 * The backend closes and xenstore refuses the frontend's Initialising:
 * nothing stays shared or usable, and the write is retried, so the
 * backend learns of it and the two connect again.
 */
ENT_TEST(uk_failed_state_write_leaves_nothing_shared)
{
	struct uk *u = uk_new();

	ENT_ASSERT(uk_connect(u));
	fake_set(&u->h.x, BE "/state", "5");		/* backend Closing */
	u->h.x.fail_writes = true;
	ENT_EXPECT(vrngfront_step(&u->f) < 0);
	ENT_EXPECT(!u->h.x.evtchn_open);
	ENT_EXPECT(!u->h.x.grant[0] && !u->h.x.grant[1]);
	ENT_EXPECT_EQ(vrngfront_request(&u->f, 16), -ENODEV);
	ENT_EXPECT(!strcmp(fake_get(&u->h.x, FE "/state"), "4"));	/* stale */
	u->h.x.fail_writes = false;
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 1);	/* written at last */
	ENT_EXPECT(!strcmp(fake_get(&u->h.x, FE "/state"), "1"));
	be_offer(&u->h, "1");
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 3);
	ENT_ASSERT(be_connect(&u->h));
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 4);
}

/*
 * A failed set-up gives up: Closed, nothing shared; the next step (a
 * change of the backend's state, or the host's poll) tries again.
 */
ENT_TEST(uk_failed_setup_closes_then_retries)
{
	struct uk *u = uk_new();

	ENT_ASSERT(vrngfront_init(&u->f, &fake_port, &u->h, FE, u->ring,
				  u->data) == 0);
	be_offer(&u->h, "1");
	u->h.x.fail_grant = true;
	ENT_EXPECT(vrngfront_step(&u->f) < 0);
	ENT_EXPECT(!strcmp(fake_get(&u->h.x, FE "/state"), "6"));
	ENT_EXPECT(!u->h.x.grant[0] && !u->h.x.evtchn_open);
	ENT_EXPECT_EQ(vrngfront_request(&u->f, 16), -ENODEV);
	u->h.x.fail_grant = false;
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 3);
	ENT_ASSERT(be_connect(&u->h));
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 4);
}

/*
 * The attacks of tests/modules/vrng_hostile_back.c, one at a time, on the
 * library: the backend answers honestly, then the answer is rewritten in
 * the ring. Refused ones give -EPROTO with the reason, no byte and no
 * credit, and leave the device broken; only the two pages the library
 * granted on purpose were ever shared.
 */
static void hostile_unknown_id(struct vrngif_sring *s,
			       struct vrngif_response *r, unsigned int n)
{
	r->id ^= 0x8000;
	(void)s;
	(void)n;
}

static void hostile_repeat_id(struct vrngif_sring *s,
			      struct vrngif_response *r, unsigned int n)
{
	s->ring[s->rsp_prod % n].rsp = *r;
	s->rsp_prod++;
}

static void hostile_long(struct vrngif_sring *s,
			 struct vrngif_response *r, unsigned int n)
{
	r->len++;
	(void)s;
	(void)n;
}

static void hostile_credit(struct vrngif_sring *s,
			   struct vrngif_response *r, unsigned int n)
{
	r->credited = 8U * r->len + 1;
	(void)s;
	(void)n;
}

static void hostile_status(struct vrngif_sring *s,
			   struct vrngif_response *r, unsigned int n)
{
	r->status = 7;
	(void)s;
	(void)n;
}

static void hostile_unseeded(struct vrngif_sring *s,
			     struct vrngif_response *r, unsigned int n)
{
	r->health = VRNGIF_HEALTH_UNSEEDED;
	(void)s;
	(void)n;
}

static void hostile_overflow(struct vrngif_sring *s,
			     struct vrngif_response *r, unsigned int n)
{
	s->rsp_prod += n + 1;
	(void)r;
}

static void hostile_padding(struct vrngif_sring *s,
			    struct vrngif_response *r, unsigned int n)
{
	r->reserved = 0xdeadbeef;
	(void)s;
	(void)n;
}

/* Not an attack the library refuses: unknown health bits are ignored. */
static void hostile_health_bits(struct vrngif_sring *s,
				struct vrngif_response *r, unsigned int n)
{
	r->health = 0xfff0;
	(void)s;
	(void)n;
}

ENT_TEST(uk_each_hostile_answer_is_refused)
{
	static const struct {
		const char *attack;
		void (*rewrite)(struct vrngif_sring *s,
				struct vrngif_response *r, unsigned int n);
		const char *why;	/* NULL: accepted */
	} cases[] = {
		{ "unknown-id", hostile_unknown_id, "response to no outstanding request" },
		{ "repeat-id", hostile_repeat_id, "response to no outstanding request" },
		{ "long", hostile_long, "bad length" },
		{ "credit", hostile_credit, "more than 8 credited bits per byte" },
		{ "status", hostile_status, "unknown status" },
		{ "unseeded", hostile_unseeded, "bytes from an unseeded generator" },
		{ "overflow", hostile_overflow, "producer index more than a ring ahead" },
		{ "padding", hostile_padding, "non-zero reserved field" },
		{ "health-bits", hostile_health_bits, NULL },
	};
	unsigned int i, k;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct uk *u = uk_new();
		struct vrngif_sring *s = (void *)u->ring;
		u8 out[16];
		u32 credited = 99;
		unsigned int n;
		int got;

		ENT_ASSERT(uk_connect(u));
		ENT_ASSERT(vrngfront_request(&u->f, 16) == 0);
		be_serve(&u->h);
		n = RING_SIZE(&u->h.back.ring);
		cases[i].rewrite(s, &s->ring[(s->rsp_prod - 1) % n].rsp, n);
		memset(out, 0x5a, sizeof(out));
		got = vrngfront_poll(&u->f, out, sizeof(out), &credited);
		if (!cases[i].why) {
			ENT_EXPECT_EQ(got, 16);
			ENT_EXPECT_EQ(credited, 16 * 8);	/* 256 capped at 8 a byte */
			continue;
		}
		if (got != -EPROTO || !u->f.error ||
		    strcmp(u->f.error, cases[i].why)) {
			const char *said = u->f.error ? u->f.error : "(none)";

			ENT_FAIL("%s: poll %d, error \"%s\"", cases[i].attack,
				 got, said);
		}
		ENT_EXPECT_EQ(credited, 0);
		for (k = 0; k < sizeof(out); k++)
			ENT_EXPECT_EQ(out[k], 0x5a);	/* no byte taken */
		ENT_EXPECT_EQ(vrngfront_request(&u->f, 16), -EPROTO);
		ENT_EXPECT_EQ(u->h.x.grants, 2);	/* ring and data page only */
		/* the backend leaves: every grant and the port go */
		fake_set(&u->h.x, BE "/state", "6");
		ENT_EXPECT_EQ(vrngfront_step(&u->f), 1);
		ENT_EXPECT(!u->h.x.grant[0] && !u->h.x.grant[1]);
		ENT_EXPECT(!u->h.x.evtchn_open);
	}
}

/*
 * A backend that never answers: polling finds nothing, however often
 * (no wait, no loop), one request stays outstanding, and closing while
 * the backend is still connected leaves the two pages granted.
 */
ENT_TEST(uk_silent_backend_stalls_nothing)
{
	struct uk *u = uk_new();
	u8 out[16];
	u32 credited;
	unsigned int i;

	ENT_ASSERT(uk_connect(u));
	ENT_ASSERT(vrngfront_request(&u->f, 16) == 0);
	for (i = 0; i < 100000; i++)
		ENT_ASSERT(vrngfront_poll(&u->f, out, sizeof(out), &credited) == 0);
	ENT_EXPECT_EQ(vrngfront_request(&u->f, 16), -EBUSY);
	ENT_EXPECT_EQ(vrngfront_close(&u->f), -EBUSY);
	ENT_EXPECT(u->h.x.grant[0] && u->h.x.grant[1]);
}

/*
 * State games: garbage, unknown and out-of-order backend states. The
 * library never shares its pages twice, and only a backend's Connected
 * after InitWait brings it to Connected.
 */
ENT_TEST(uk_backend_state_games)
{
	static const char *const games[] = {
		"4", "abc", "", "99", "-1", "3", "7", "4", "1", "2",
	};
	struct uk *u = uk_new();
	unsigned int i;
	int st;

	ENT_ASSERT(vrngfront_init(&u->f, &fake_port, &u->h, FE, u->ring,
				  u->data) == 0);
	be_offer(&u->h, "1");
	for (i = 0; i < ARRAY_SIZE(games); i++) {
		fake_set(&u->h.x, BE "/state", games[i]);
		st = vrngfront_step(&u->f);
		ENT_EXPECT(st != 4 || !strcmp(games[i], "4"));
		ENT_EXPECT(u->h.x.grants <= 2 * (i + 1));
	}
	/* after all that, an honest backend still connects */
	fake_set(&u->h.x, BE "/state", "6");
	vrngfront_step(&u->f);
	be_offer(&u->h, "1");
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 3);
	ENT_ASSERT(be_connect(&u->h));
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 4);
}

static ENT_CASES(vrng_unikernel) = {
	ENT_CASE(uk_handshake_writes_the_spec_keys),
	ENT_CASE(uk_reads_bytes_and_credit),
	ENT_CASE(uk_untrusted_gets_bytes_without_credit),
	ENT_CASE(uk_no_feature_credit_gets_bytes_without_credit),
	ENT_CASE(uk_retry_then_bytes),
	ENT_CASE(uk_hostile_backend_is_refused),
	ENT_CASE(uk_malformed_backend_keys_are_refused),
	ENT_CASE(uk_backend_restart_reconnects),
	ENT_CASE(uk_failed_state_write_leaves_nothing_shared),
	ENT_CASE(uk_close_after_backend_left_revokes),
	ENT_CASE(uk_failed_setup_closes_then_retries),
	ENT_CASE(uk_each_hostile_answer_is_refused),
	ENT_CASE(uk_silent_backend_stalls_nothing),
	ENT_CASE(uk_backend_state_games),
	ENT_CASES_END
};

ENT_SUITE(vrng_unikernel);
