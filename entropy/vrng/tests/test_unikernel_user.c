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

#define KEYS 32
#define GRANTS 4
#define BE "/local/domain/0/backend/vrng/7/0"
#define FE "device/vrng/0"

struct host {
	char key[KEYS][VRNGFRONT_PATH_MAX];
	char val[KEYS][64];
	void *grant[GRANTS];
	bool evtchn_open;
	unsigned int notified;
	int fail_grant;
	bool fail_fe_writes;		/* xenstore refuses the guest's writes */
	/* the backend */
	struct vrng_back back;
	u8 bounce[VRNGIF_PAGE_SIZE];
	u32 credit_per_answer;
	bool refuse;
	bool mapped;
};

static int h_find(struct host *h, const char *path)
{
	int i;

	for (i = 0; i < KEYS; i++)
		if (h->key[i][0] && !strcmp(h->key[i], path))
			return i;
	return -1;
}

static int h_write(void *ctx, const char *path, const char *value)
{
	struct host *h = ctx;
	int i = h_find(h, path);

	for (i = i < 0 ? 0 : i; i < KEYS && h->key[i][0] &&
	     strcmp(h->key[i], path); i++)
		;	/* the key's slot, or the first free one */
	if (i == KEYS)
		return -ENOSPC;
	snprintf(h->key[i], sizeof(h->key[i]), "%s", path);
	snprintf(h->val[i], sizeof(h->val[i]), "%s", value);
	return 0;
}

static int h_read(void *ctx, const char *path, char *buf, size_t len)
{
	struct host *h = ctx;
	int i = h_find(h, path);

	if (i < 0)
		return -ENOENT;
	if (strlen(h->val[i]) + 1 > len)
		return -E2BIG;
	strcpy(buf, h->val[i]);
	return 0;
}

static const char *h_get(struct host *h, const char *path)
{
	int i = h_find(h, path);

	return i < 0 ? "" : h->val[i];
}

static int h_grant(void *ctx, u16 domid, void *addr, u32 *gref)
{
	struct host *h = ctx;
	u32 i;

	if (domid != 0 || h->fail_grant)
		return -EINVAL;
	for (i = 0; i < GRANTS; i++)
		if (!h->grant[i]) {
			h->grant[i] = addr;
			*gref = i;
			return 0;
		}
	return -ENOSPC;
}

static void h_ungrant(void *ctx, u32 gref)
{
	struct host *h = ctx;

	h->grant[gref] = NULL;
}

static int h_evtchn_alloc(void *ctx, u16 domid, u32 *port)
{
	struct host *h = ctx;

	(void)domid;
	h->evtchn_open = true;
	*port = 9;
	return 0;
}

static void h_notify(void *ctx, u32 port)
{
	struct host *h = ctx;

	(void)port;
	h->notified++;
}

static void h_close(void *ctx, u32 port)
{
	struct host *h = ctx;

	(void)port;
	h->evtchn_open = false;
}

/* The guest's writes: xenstore may refuse them (quota, EAGAIN). */
static int h_fe_write(void *ctx, const char *path, const char *value)
{
	struct host *h = ctx;

	return h->fail_fe_writes ? -EIO : h_write(ctx, path, value);
}

static const struct plat_xen_port host_port = {
	.grant = h_grant,
	.ungrant = h_ungrant,
	.evtchn_alloc = h_evtchn_alloc,
	.evtchn_notify = h_notify,
	.evtchn_close = h_close,
	.xs_read = h_read,
	.xs_write = h_fe_write,
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

	if (gref >= GRANTS || !h->grant[gref])
		return -EINVAL;
	memcpy((u8 *)h->grant[gref] + offset, buf, len);
	return 0;
}

static const struct vrng_back_ops be_ops = {
	.produce = be_produce,
	.copy_to_guest = be_copy,
};

/* The backend's xenbus side: keys, InitWait; maps the ring on Initialised. */
static void be_offer(struct host *h, const char *version)
{
	h_write(h, BE "/version", version);
	h_write(h, BE "/max-request-bytes", "4096");
	h_write(h, BE "/feature-credit", "1");
	h_write(h, BE "/state", "2");
}

static bool be_connect(struct host *h)
{
	unsigned long ref;

	if (strcmp(h_get(h, FE "/state"), "3") ||
	    vrng_parse_uint(h_get(h, FE "/ring-ref"), GRANTS - 1, &ref) ||
	    !h->grant[ref])
		return false;
	vrng_back_init(&h->back, h->grant[ref], &be_ops, h, h->bounce, 4096);
	h->mapped = true;
	h_write(h, BE "/state", "4");
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
	h_write(&u->h, FE "/backend", BE);
	h_write(&u->h, FE "/backend-id", "0");
	u->h.credit_per_answer = 256;
	return u;
}

/* init, InitWait, Initialised, Connected. */
static bool uk_connect(struct uk *u)
{
	if (vrngfront_init(&u->f, &host_port, &u->h, FE, u->ring, u->data))
		return false;
	be_offer(&u->h, "1");
	if (vrngfront_step(&u->f) != 3 || !be_connect(&u->h))
		return false;
	return vrngfront_step(&u->f) == 4;
}

ENT_TEST(uk_handshake_writes_the_spec_keys)
{
	struct uk *u = uk_new();

	ENT_ASSERT(vrngfront_init(&u->f, &host_port, &u->h, FE, u->ring,
				  u->data) == 0);
	ENT_EXPECT(!strcmp(h_get(&u->h, FE "/state"), "1"));
	be_offer(&u->h, "1");
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 3);
	ENT_EXPECT(!strcmp(h_get(&u->h, FE "/ring-ref"), "0"));
	ENT_EXPECT(!strcmp(h_get(&u->h, FE "/event-channel"), "9"));
	ENT_EXPECT(!strcmp(h_get(&u->h, FE "/version"), "1"));
	/* a repeated InitWait shares nothing twice */
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 3);
	ENT_EXPECT(!u->h.grant[2]);
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
	ENT_EXPECT_EQ(u->h.notified, 1);
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

ENT_TEST(uk_untrusted_gets_bytes_without_credit)
{
	struct uk *u = uk_new();
	u8 out[64];
	u32 credited;

	h_write(&u->h, FE "/trusted", "0");
	ENT_ASSERT(uk_connect(u));
	ENT_ASSERT(vrngfront_request(&u->f, 64) == 0);
	be_serve(&u->h);
	ENT_EXPECT_EQ(vrngfront_poll(&u->f, out, sizeof(out), &credited), 64);
	ENT_EXPECT_EQ(credited, 0);
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

	ENT_ASSERT(vrngfront_init(&u->f, &host_port, &u->h, FE, u->ring,
				  u->data) == 0);
	be_offer(&u->h, "1x");
	ENT_EXPECT_EQ(vrngfront_step(&u->f), -EINVAL);
	ENT_EXPECT(u->f.error);
	ENT_EXPECT(!u->h.grant[0]);	/* nothing shared */
	h_write(&u->h, FE "/backend-id", "-1");
	ENT_EXPECT_EQ(vrngfront_init(&u->f, &host_port, &u->h, FE, u->ring,
				     u->data), -EINVAL);
}

ENT_TEST(uk_backend_restart_reconnects)
{
	struct uk *u = uk_new();
	u8 out[16];
	u32 credited;

	ENT_ASSERT(uk_connect(u));
	h_write(&u->h, BE "/state", "6");		/* backend unloaded */
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 1);
	ENT_EXPECT(!u->h.evtchn_open);
	ENT_EXPECT(!u->h.grant[0] && !u->h.grant[1]);
	ENT_EXPECT_EQ(vrngfront_request(&u->f, 16), -ENODEV);
	be_offer(&u->h, "1");				/* and back */
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 3);
	ENT_ASSERT(be_connect(&u->h));
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 4);
	ENT_ASSERT(vrngfront_request(&u->f, 16) == 0);
	be_serve(&u->h);
	ENT_EXPECT_EQ(vrngfront_poll(&u->f, out, sizeof(out), &credited), 16);
	ENT_EXPECT_EQ(vrngfront_close(&u->f), -EBUSY);	/* backend connected */
	ENT_EXPECT(!strcmp(h_get(&u->h, FE "/state"), "6"));
	ENT_EXPECT(!u->h.evtchn_open);
	ENT_EXPECT(u->h.grant[0] && u->h.grant[1]);	/* left to the backend */
}

/* Closed after the backend left: everything is revoked. */
ENT_TEST(uk_close_after_backend_left_revokes)
{
	struct uk *u = uk_new();

	ENT_ASSERT(uk_connect(u));
	h_write(&u->h, BE "/state", "5");
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 1);
	ENT_EXPECT_EQ(vrngfront_close(&u->f), 0);
	ENT_EXPECT(!u->h.grant[0] && !u->h.grant[1]);
	ENT_EXPECT(!strcmp(h_get(&u->h, FE "/state"), "6"));
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
	h_write(&u->h, BE "/state", "5");		/* backend Closing */
	u->h.fail_fe_writes = true;
	ENT_EXPECT(vrngfront_step(&u->f) < 0);
	ENT_EXPECT(!u->h.evtchn_open);
	ENT_EXPECT(!u->h.grant[0] && !u->h.grant[1]);
	ENT_EXPECT_EQ(vrngfront_request(&u->f, 16), -ENODEV);
	ENT_EXPECT(!strcmp(h_get(&u->h, FE "/state"), "4"));	/* stale */
	u->h.fail_fe_writes = false;
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 1);	/* written at last */
	ENT_EXPECT(!strcmp(h_get(&u->h, FE "/state"), "1"));
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

	ENT_ASSERT(vrngfront_init(&u->f, &host_port, &u->h, FE, u->ring,
				  u->data) == 0);
	be_offer(&u->h, "1");
	u->h.fail_grant = 1;
	ENT_EXPECT(vrngfront_step(&u->f) < 0);
	ENT_EXPECT(!strcmp(h_get(&u->h, FE "/state"), "6"));
	ENT_EXPECT(!u->h.grant[0] && !u->h.evtchn_open);
	ENT_EXPECT_EQ(vrngfront_request(&u->f, 16), -ENODEV);
	u->h.fail_grant = 0;
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 3);
	ENT_ASSERT(be_connect(&u->h));
	ENT_EXPECT_EQ(vrngfront_step(&u->f), 4);
}

static ENT_CASES(vrng_unikernel) = {
	ENT_CASE(uk_handshake_writes_the_spec_keys),
	ENT_CASE(uk_reads_bytes_and_credit),
	ENT_CASE(uk_untrusted_gets_bytes_without_credit),
	ENT_CASE(uk_retry_then_bytes),
	ENT_CASE(uk_hostile_backend_is_refused),
	ENT_CASE(uk_malformed_backend_keys_are_refused),
	ENT_CASE(uk_backend_restart_reconnects),
	ENT_CASE(uk_failed_state_write_leaves_nothing_shared),
	ENT_CASE(uk_close_after_backend_left_revokes),
	ENT_CASE(uk_failed_setup_closes_then_retries),
	ENT_CASES_END
};

ENT_SUITE(vrng_unikernel);
