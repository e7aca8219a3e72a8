// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The netfront's xenstore handshake: reading what netback offers (the keys
 * Linux 6.1's netback writes), the plan, and the keys that say it, for one
 * queue and for several.
 */
#include "ent_test.h"
#include "xnf_keys.h"

#define KV_MAX 24

struct kv {
	const char *key[KV_MAX];
	char val[KV_MAX][24];
	unsigned int n;
	unsigned int fail_at;	/* the write that fails, 1-based; 0: none */
	unsigned int writes;
};

static int kv_read(void *ctx, const char *key, char *buf, size_t len)
{
	struct kv *t = ctx;
	unsigned int i;

	for (i = 0; i < t->n; i++) {
		if (strcmp(t->key[i], key))
			continue;
		if (strlen(t->val[i]) + 1 > len)
			return -EINVAL;
		memcpy(buf, t->val[i], strlen(t->val[i]) + 1);
		return 0;
	}
	return -ENOENT;
}

static void kv_set(struct kv *t, const char *key, const char *val)
{
	t->key[t->n] = key;
	memcpy(t->val[t->n], val, strlen(val) + 1);
	t->n++;
}

/* What the writes wrote, keys kept as "key=value" lines in one buffer. */
struct written {
	char text[1024];
	size_t len;
	struct kv *fail;
};

static int w_write(void *ctx, const char *key, const char *value)
{
	struct written *w = ctx;
	size_t k = strlen(key), v = strlen(value);

	if (w->fail && ++w->fail->writes == w->fail->fail_at)
		return -EIO;
	if (w->len + k + v + 3 > sizeof(w->text))
		return -ENOSPC;
	memcpy(w->text + w->len, key, k);
	w->text[w->len + k] = '=';
	memcpy(w->text + w->len + k + 1, value, v);
	w->text[w->len + k + 1 + v] = '\n';
	w->len += k + v + 2;
	w->text[w->len] = '\0';
	return 0;
}

static bool wrote(const struct written *w, const char *line)
{
	return strstr(w->text, line);
}

/* The keys Debian's 6.1 netback writes for a dom0 of two vCPUs. */
static void stock_netback(struct kv *t)
{
	memset(t, 0, sizeof(*t));
	kv_set(t, "feature-sg", "1");
	kv_set(t, "feature-gso-tcpv4", "1");
	kv_set(t, "feature-gso-tcpv6", "1");
	kv_set(t, "feature-ipv6-csum-offload", "1");
	kv_set(t, "feature-rx-copy", "1");
	kv_set(t, "feature-xdp-headroom", "1");
	kv_set(t, "feature-rx-flip", "0");
	kv_set(t, "feature-multicast-control", "1");
	kv_set(t, "feature-dynamic-multicast-control", "1");
	kv_set(t, "feature-split-event-channels", "1");
	kv_set(t, "multi-queue-max-queues", "2");
	kv_set(t, "feature-ctrl-ring", "1");
}

ENT_TEST(xnf_keys_stock_netback_offer)
{
	struct kv t;
	struct xnf_offer o;

	stock_netback(&t);
	ENT_ASSERT(xnf_offer_read(&o, kv_read, &t) == 0);
	ENT_EXPECT(o.rx_copy && o.sg && o.gso_tcpv4 && o.gso_tcpv6);
	ENT_EXPECT(o.ipv6_csum && o.split_evtchn && o.xdp_headroom);
	ENT_EXPECT_EQ(o.max_queues, 2);
	ENT_EXPECT_EQ(o.malformed, 0);
}

/* Absent: not offered. Malformed: not offered either, and counted. */
ENT_TEST(xnf_keys_odd_offers)
{
	struct kv t = { .n = 0 };
	struct xnf_offer o;

	kv_set(&t, "feature-rx-copy", "1");
	kv_set(&t, "feature-sg", "yes");
	kv_set(&t, "feature-gso-tcpv4", "2");
	kv_set(&t, "multi-queue-max-queues", "0x8");
	ENT_ASSERT(xnf_offer_read(&o, kv_read, &t) == 0);
	ENT_EXPECT(!o.sg && !o.gso_tcpv4 && !o.split_evtchn);
	ENT_EXPECT_EQ(o.max_queues, 1);
	ENT_EXPECT_EQ(o.malformed, 3);
	/* no rx-copy: this frontend cannot receive */
	memset(&t, 0, sizeof(t));
	kv_set(&t, "feature-sg", "1");
	ENT_EXPECT_EQ(xnf_offer_read(&o, kv_read, &t), -EPROTO);
	kv_set(&t, "feature-rx-copy", "0");
	ENT_EXPECT_EQ(xnf_offer_read(&o, kv_read, &t), -EPROTO);
}

ENT_TEST(xnf_keys_plan_meets_offer_and_wants)
{
	struct xnf_offer o = { .rx_copy = true, .sg = true, .gso_tcpv4 = true,
			       .ipv6_csum = true, .split_evtchn = true,
			       .xdp_headroom = true, .max_queues = 2 };
	struct xnf_want w = { .queues = 4, .split_evtchn = true, .sg = true,
			      .gso = true, .csum_offload = true,
			      .xdp_headroom = 256 };
	struct xnf_plan p;

	xnf_plan_make(&o, &w, &p);
	ENT_EXPECT_EQ(p.queues, 2);
	ENT_EXPECT(p.split_evtchn && p.sg && p.gso_tcpv4 && !p.gso_tcpv6);
	ENT_EXPECT(p.ipv6_csum && !p.no_csum_offload);
	ENT_EXPECT_EQ(p.xdp_headroom, 256);
	/* no GSO without SG; complete checksums when offload is not wanted */
	w.sg = false;
	w.csum_offload = false;
	w.xdp_headroom = 0xffff;
	o.max_queues = 64;
	w.queues = 64;
	xnf_plan_make(&o, &w, &p);
	ENT_EXPECT(!p.sg && !p.gso_tcpv4 && !p.ipv6_csum && p.no_csum_offload);
	ENT_EXPECT_EQ(p.xdp_headroom, 0x7fff);
	ENT_EXPECT_EQ(p.queues, XNF_MAX_QUEUES);
	o.xdp_headroom = false;
	xnf_plan_make(&o, &w, &p);
	ENT_EXPECT_EQ(p.xdp_headroom, 0);
}

/* One queue: netback reads the rings and the port at the top level. */
ENT_TEST(xnf_keys_one_queue_keys)
{
	struct xnf_plan p = { .queues = 1, .sg = true, .no_csum_offload = true };
	struct xnf_queue_keys q = { .tx_ring_ref = 8, .rx_ring_ref = 9,
				    .evtchn_tx = 5 };
	struct written *w = ENT_ALLOC(sizeof(*w));

	ENT_ASSERT(w);
	ENT_ASSERT(xnf_plan_write(&p, &q, w_write, w) == 0);
	ENT_EXPECT(wrote(w, "tx-ring-ref=8\n") && wrote(w, "rx-ring-ref=9\n"));
	ENT_EXPECT(wrote(w, "event-channel=5\n"));
	ENT_EXPECT(wrote(w, "request-rx-copy=1\n"));
	ENT_EXPECT(wrote(w, "feature-rx-notify=1\n"));
	ENT_EXPECT(wrote(w, "feature-sg=1\n"));
	ENT_EXPECT(wrote(w, "feature-gso-tcpv4=0\n"));
	ENT_EXPECT(wrote(w, "feature-no-csum-offload=1\n"));
	ENT_EXPECT(!wrote(w, "multi-queue") && !wrote(w, "queue-0/"));
	ENT_EXPECT(!wrote(w, "event-channel-tx") && !wrote(w, "xdp-headroom"));
}

/* Several queues: queue-N/ each, split ports, the count at the top. */
ENT_TEST(xnf_keys_two_split_queues_keys)
{
	struct xnf_plan p = { .queues = 2, .split_evtchn = true, .sg = true,
			      .xdp_headroom = 200 };
	struct xnf_queue_keys q[2] = {
		{ .tx_ring_ref = 8, .rx_ring_ref = 9, .evtchn_tx = 5, .evtchn_rx = 6 },
		{ .tx_ring_ref = 10, .rx_ring_ref = 11, .evtchn_tx = 7, .evtchn_rx = 12 },
	};
	struct written *w = ENT_ALLOC(sizeof(*w));

	ENT_ASSERT(w);
	ENT_ASSERT(xnf_plan_write(&p, q, w_write, w) == 0);
	ENT_EXPECT(wrote(w, "multi-queue-num-queues=2\n"));
	ENT_EXPECT(wrote(w, "queue-0/tx-ring-ref=8\n"));
	ENT_EXPECT(wrote(w, "queue-1/rx-ring-ref=11\n"));
	ENT_EXPECT(wrote(w, "queue-1/event-channel-tx=7\n"));
	ENT_EXPECT(wrote(w, "queue-1/event-channel-rx=12\n"));
	ENT_EXPECT(!wrote(w, "\ntx-ring-ref") && !wrote(w, "event-channel="));
	ENT_EXPECT(wrote(w, "xdp-headroom=200\n"));
}

/* A write that fails stops the rest and says so. */
ENT_TEST(xnf_keys_failed_write_stops)
{
	struct xnf_plan p = { .queues = 1 };
	struct xnf_queue_keys q = { 0 };
	struct kv fail = { .fail_at = 2 };
	struct written *w = ENT_ALLOC(sizeof(*w));

	ENT_ASSERT(w);
	w->fail = &fail;
	ENT_EXPECT_EQ(xnf_plan_write(&p, &q, w_write, w), -EIO);
	ENT_EXPECT_EQ(fail.writes, 2);
	ENT_EXPECT(wrote(w, "tx-ring-ref=0\n") && !wrote(w, "request-rx-copy"));
}

static ENT_CASES(xnf_keys) = {
	ENT_CASE(xnf_keys_stock_netback_offer),
	ENT_CASE(xnf_keys_odd_offers),
	ENT_CASE(xnf_keys_plan_meets_offer_and_wants),
	ENT_CASE(xnf_keys_one_queue_keys),
	ENT_CASE(xnf_keys_two_split_queues_keys),
	ENT_CASE(xnf_keys_failed_write_stops),
	ENT_CASES_END
};

ENT_SUITE(xnf_keys);
