// SPDX-License-Identifier: GPL-2.0
/*
 * vrng-hostile-front: a test-only vrng frontend that attacks the real
 * backend in dom0 (tests/xen/dom0/hostile-frontend.sh), one attack per
 * write of its name to debugfs vrng-hostile/attack. The write returns
 * when the attack is over; vrng-hostile/result then holds what this side
 * saw, as "key: value" lines, for the test to judge. Dom0 judges the
 * rest (its log, the backend's stats, an honest guest's rate).
 *
 * It drives the xenbus handshake itself, from the attack's own context:
 * otherend_changed only records the backend's state. Never load it
 * outside the test bed: it has no module alias, on purpose.
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen/xenbus.h>
#include <xen/interface/event_channel.h>
#include <xen/interface/io/vrngif.h>
#include <asm/xen/hypercall.h>

static unsigned int cycles = 1000;
module_param(cycles, uint, 0644);
MODULE_PARM_DESC(cycles, "connect/disconnect cycles of the attack \"cycles\"");
static unsigned int storm_seconds = 30;
module_param(storm_seconds, uint, 0644);
MODULE_PARM_DESC(storm_seconds, "length of the attack \"storm\"");
static unsigned long stream_requests = 100000;
module_param(stream_requests, ulong, 0644);
MODULE_PARM_DESC(stream_requests, "valid requests of the soak \"stream\"");
static unsigned int race_seconds = 5;
module_param(race_seconds, uint, 0644);
MODULE_PARM_DESC(race_seconds, "length of the racing attacks");

/* Bounds for the backend's answers: generous for a debug kernel on TCG. */
#define HOSTILE_WAIT (60 * HZ)
#define HOSTILE_CANARY 0xa5
#define HOSTILE_LEN 16		/* the valid request: offset 0, 16 bytes */
#define HOSTILE_RESULT 1024

struct hostile_tally {
	unsigned long posted, okay, error, retry, other, bad_len, bad_id;
};

struct hostile {
	struct xenbus_device *dev;
	struct mutex lock;		/* one attack at a time */
	wait_queue_head_t wq;
	enum xenbus_state peer;		/* the backend's, as last seen */
	atomic_t events;

	struct vrngif_front_ring ring;
	struct vrngif_sring *sring;
	grant_ref_t ring_ref;
	struct page *data;		/* canary but for [0, HOSTILE_LEN) */
	grant_ref_t data_ref;
	evtchn_port_t port;
	int irq;

	struct task_struct *racer;
	char result[HOSTILE_RESULT];
	size_t result_len;
};

static struct hostile *hostile_one;	/* the one device, under its lock */
static struct dentry *hostile_dbg;

static __printf(2, 3) void hostile_say(struct hostile *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	h->result_len += vscnprintf(h->result + h->result_len,
				    HOSTILE_RESULT - h->result_len, fmt, ap);
	va_end(ap);
}

static irqreturn_t hostile_interrupt(int irq, void *dev_id)
{
	struct hostile *h = dev_id;

	atomic_inc(&h->events);
	wake_up(&h->wq);
	xen_irq_lateeoi(irq, 0);
	return IRQ_HANDLED;
}

static bool hostile_peer_is(struct hostile *h, unsigned int mask)
{
	return BIT(READ_ONCE(h->peer)) & mask;
}

static int hostile_wait_peer(struct hostile *h, unsigned int mask)
{
	return wait_event_timeout(h->wq, hostile_peer_is(h, mask),
				  HOSTILE_WAIT) ? 0 : -ETIMEDOUT;
}

/*
 * peer_done: the backend has stopped (it left Connected), so no grant
 * copy can still come. Otherwise the data page stays granted for good,
 * as xen-vrngfront does: a revoked reference may name another page.
 */
static void hostile_teardown(struct hostile *h, bool peer_done)
{
	if (h->irq > 0)
		unbind_from_irqhandler(h->irq, h);
	h->irq = 0;
	if (h->data && peer_done)
		gnttab_end_foreign_access(h->data_ref, h->data);
	h->data = NULL;
	if (h->sring)
		xenbus_teardown_ring((void **)&h->sring, 1, &h->ring_ref);
}

static void hostile_canary(struct hostile *h)
{
	memset(page_address(h->data), HOSTILE_CANARY, PAGE_SIZE);
}

/* Bytes past the valid request's range that the backend changed. */
static unsigned int hostile_canary_broken(struct hostile *h)
{
	const u8 *p = page_address(h->data);
	unsigned int i, n = 0;

	for (i = HOSTILE_LEN; i < PAGE_SIZE; i++)
		n += p[i] != HOSTILE_CANARY;
	return n;
}

/* ring, data page, event channel; keys written by the caller */
static int hostile_share(struct hostile *h)
{
	struct xenbus_device *dev = h->dev;
	int err, ref;

	err = xenbus_setup_ring(dev, GFP_KERNEL, (void **)&h->sring, 1,
				&h->ring_ref);
	if (err)
		return err;
	FRONT_RING_INIT(&h->ring, h->sring, XEN_PAGE_SIZE);
	h->data = alloc_page(GFP_KERNEL);
	if (!h->data)
		return -ENOMEM;
	ref = gnttab_grant_foreign_access(dev->otherend_id,
					  xen_page_to_gfn(h->data), 0);
	if (ref < 0) {
		__free_page(h->data);
		h->data = NULL;
		return ref;
	}
	h->data_ref = ref;
	hostile_canary(h);
	err = xenbus_alloc_evtchn(dev, &h->port);
	if (err)
		return err;
	err = bind_evtchn_to_irqhandler_lateeoi(h->port, hostile_interrupt, 0,
						"vrng-hostile", h);
	if (err < 0) {
		xenbus_free_evtchn(dev, h->port);
		return err;
	}
	h->irq = err;
	return 0;
}

static int hostile_write(struct hostile *h, const char *key, const char *val)
{
	return xenbus_write(XBT_NIL, h->dev->nodename, key, val);
}

/* The honest keys for what hostile_share() shared. */
static int hostile_write_keys(struct hostile *h)
{
	char buf[16];
	int err;

	snprintf(buf, sizeof(buf), "%u", h->ring_ref);
	err = hostile_write(h, "ring-ref", buf);
	snprintf(buf, sizeof(buf), "%u", h->port);
	err = err ?: hostile_write(h, "event-channel", buf);
	return err ?: hostile_write(h, "version", "1");
}

/*
 * Back to the start of vrngif.h's state table: Initialising, then the
 * backend's InitWait (it has stopped serving us by then), then nothing
 * of ours is shared any more.
 */
static int hostile_restart(struct hostile *h)
{
	int err;

	xenbus_switch_state(h->dev, XenbusStateInitialising);
	err = hostile_wait_peer(h, BIT(XenbusStateInitWait));
	if (err)
		return err;
	hostile_teardown(h, true);
	return 0;
}

/* A full, honest handshake; the backend answers Connected. */
static int hostile_connect(struct hostile *h)
{
	int err;

	err = hostile_restart(h);
	if (err)
		return err;
	err = hostile_share(h) ?: hostile_write_keys(h);
	if (err)
		return err;
	xenbus_switch_state(h->dev, XenbusStateInitialised);
	err = hostile_wait_peer(h, BIT(XenbusStateConnected) |
				BIT(XenbusStateClosing));
	if (err)
		return err;
	if (!hostile_peer_is(h, BIT(XenbusStateConnected)))
		return -ECONNREFUSED;
	xenbus_switch_state(h->dev, XenbusStateConnected);
	return 0;
}

static void hostile_post(struct hostile *h, u16 id, u32 gref, u16 offset,
			 u16 len, u16 flags, u32 reserved)
{
	struct vrngif_request *req;

	req = RING_GET_REQUEST(&h->ring, h->ring.req_prod_pvt);
	req->id = id;
	req->flags = flags;
	req->gref = gref;
	req->offset = offset;
	req->len = len;
	req->reserved = reserved;
	h->ring.req_prod_pvt++;
}

static void hostile_post_valid(struct hostile *h, u16 id)
{
	hostile_post(h, id, h->data_ref, 0, HOSTILE_LEN, 0, 0);
}

static void hostile_push(struct hostile *h)
{
	int notify;

	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&h->ring, notify);
	if (notify)
		notify_remote_via_irq(h->irq);
}

/* An answer after rp, or the backend left: a reason to look again. */
static bool hostile_answered(struct hostile *h, RING_IDX rp)
{
	return READ_ONCE(h->sring->rsp_prod) != rp ||
	       !hostile_peer_is(h, BIT(XenbusStateConnected));
}

/*
 * Takes answers until all posted ones are in, the backend leaves
 * Connected or HOSTILE_WAIT passes without one. want_id: the id every
 * answer must carry, or -1 for any. An OKAY answer must carry exactly
 * HOSTILE_LEN octets: every valid request here asks that many.
 */
static void hostile_collect(struct hostile *h, struct hostile_tally *t,
			    int want_id)
{
	struct vrngif_response rsp;
	RING_IDX rp;
	int more;

	while (h->ring.rsp_cons != h->ring.req_prod_pvt) {
		rp = READ_ONCE(h->sring->rsp_prod);
		virt_rmb();	/* the answers before their index */
		if (rp - h->ring.rsp_cons > RING_SIZE(&h->ring))
			return;	/* dom0 is trusted here: never seen */
		if (h->ring.rsp_cons == rp) {
			RING_FINAL_CHECK_FOR_RESPONSES(&h->ring, more);
			if (more)
				continue;
			wait_event_timeout(h->wq, hostile_answered(h, rp),
					   HOSTILE_WAIT);
			if (READ_ONCE(h->sring->rsp_prod) == rp)
				return;	/* silent, or gone: left unanswered */
			continue;
		}
		while (h->ring.rsp_cons != rp) {
			RING_COPY_RESPONSE(&h->ring, h->ring.rsp_cons, &rsp);
			h->ring.rsp_cons++;
			if (want_id >= 0 && rsp.id != want_id)
				t->bad_id++;
			switch (rsp.status) {
			case VRNGIF_RSP_OKAY:
				t->okay++;
				t->bad_len += rsp.len != HOSTILE_LEN;
				break;
			case VRNGIF_RSP_ERROR:
				t->error++;
				t->bad_len += rsp.len != 0;
				break;
			case VRNGIF_RSP_RETRY:
				t->retry++;
				break;
			default:
				t->other++;
			}
		}
	}
}

static void hostile_say_tally(struct hostile *h, const struct hostile_tally *t)
{
	hostile_say(h, "posted: %lu\nokay: %lu\nerror: %lu\nretry: %lu\n",
		    t->posted, t->okay, t->error, t->retry);
	hostile_say(h, "other: %lu\nbad_len: %lu\nbad_id: %lu\n",
		    t->other, t->bad_len, t->bad_id);
	hostile_say(h, "unanswered: %u\ncanary_broken: %u\n",
		    h->ring.req_prod_pvt - h->ring.rsp_cons,
		    h->data ? hostile_canary_broken(h) : 0);
}

/* One valid request, answered OKAY. */
static bool hostile_serve_one(struct hostile *h, struct hostile_tally *t)
{
	*t = (struct hostile_tally){ .posted = 1 };
	hostile_post_valid(h, 1);
	hostile_push(h);
	hostile_collect(h, t, 1);
	return t->okay == 1;
}

static void hostile_say_answer(struct hostile *h, bool served,
			       const struct hostile_tally *t)
{
	hostile_say(h, "served_after: %s\n", served ? "yes" : "no");
	/* why not, when not: the answer, or none, and the backend's state */
	hostile_say(h, "served_answer: okay %lu error %lu retry %lu other %lu",
		    t->okay, t->error, t->retry, t->other);
	hostile_say(h, " unanswered %u backend %d\n",
		    h->ring.req_prod_pvt - h->ring.rsp_cons,
		    xenbus_read_driver_state(h->dev->otherend));
}

/* After an attack the backend survived: one valid request still served. */
static void hostile_say_served(struct hostile *h)
{
	struct hostile_tally t;

	hostile_say_answer(h, hostile_serve_one(h, &t), &t);
}

/* Waits for the backend to give up on us: its Closing. */
static void hostile_say_closed(struct hostile *h)
{
	bool closed = !hostile_wait_peer(h, BIT(XenbusStateClosing) |
					 BIT(XenbusStateClosed));

	hostile_say(h, "backend_closed: %s\n", closed ? "yes" : "no");
}

/* A request producer index more than a ring ahead of the answers. */
static int hostile_overflow(struct hostile *h)
{
	struct hostile_tally t = {};
	int err = hostile_connect(h);

	if (err)
		return err;
	WRITE_ONCE(h->sring->req_prod,
		   h->ring.rsp_cons + RING_SIZE(&h->ring) + 1);
	notify_remote_via_irq(h->irq);
	hostile_say_closed(h);
	hostile_say(h, "answers: %u\n", h->sring->rsp_prod - h->ring.rsp_cons);
	hostile_say_tally(h, &t);
	return 0;
}

/* Four requests answered, then the producer index going backwards. */
static int hostile_backwards(struct hostile *h)
{
	struct hostile_tally t = { .posted = 4 };
	int err = hostile_connect(h), i;

	if (err)
		return err;
	for (i = 0; i < 4; i++)
		hostile_post_valid(h, i);
	hostile_push(h);
	hostile_collect(h, &t, -1);
	WRITE_ONCE(h->sring->req_prod, h->ring.req_prod_pvt - 2);
	notify_remote_via_irq(h->irq);
	hostile_say_closed(h);
	hostile_say_tally(h, &t);
	return 0;
}

/* Ids are the frontend's business: one id, repeated, a ring's worth. */
static int hostile_ids(struct hostile *h)
{
	struct hostile_tally t = {};
	int err = hostile_connect(h);
	unsigned int round, i;

	if (err)
		return err;
	for (round = 0; round < 2; round++) {
		u16 id = round ? 0 : 0xffff;

		for (i = 0; i < RING_SIZE(&h->ring); i++)
			hostile_post_valid(h, id);
		t.posted += i;
		hostile_push(h);
		hostile_collect(h, &t, id);
	}
	hostile_say_tally(h, &t);
	hostile_say_served(h);
	return 0;
}

/* Every field out of range, one at a time, each after a valid request. */
static const struct {
	u16 offset, len, flags;
	u32 reserved;
} hostile_malformed[] = {
	{ 0, 0, 0, 0 },				/* no length */
	{ 0, VRNGIF_MAX_REQUEST_BYTES + 1, 0, 0 },	/* above the page */
	{ 0, 0xffff, 0, 0 },			/* "negative" */
	{ 0x8000, 0x8000, 0, 0 },		/* offset + len wraps 16 bits */
	{ PAGE_SIZE - 1, 2, 0, 0 },		/* one past the page's end */
	{ PAGE_SIZE, 1, 0, 0 },			/* starts past the end */
	{ 0xffff, 1, 0, 0 },
	{ 0, HOSTILE_LEN, 1, 0 },		/* flags */
	{ 0, HOSTILE_LEN, 0x8000, 0 },
	{ 0, HOSTILE_LEN, 0, 1 },		/* reserved */
	{ 0, HOSTILE_LEN, 0, 0x80000000 },
};

static int hostile_lengths(struct hostile *h)
{
	struct hostile_tally t = {};
	int err = hostile_connect(h);
	unsigned int i;

	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(hostile_malformed); i++) {
		hostile_post_valid(h, 2 * i);
		hostile_post(h, 2 * i + 1, h->data_ref,
			     hostile_malformed[i].offset,
			     hostile_malformed[i].len,
			     hostile_malformed[i].flags,
			     hostile_malformed[i].reserved);
		t.posted += 2;
	}
	hostile_push(h);
	hostile_collect(h, &t, -1);
	hostile_say(h, "malformed_sent: %zu\n", ARRAY_SIZE(hostile_malformed));
	hostile_say_tally(h, &t);
	hostile_say_served(h);
	return 0;
}

/*
 * Grants the backend cannot use: none at all, one never granted, one
 * read-only. Then a racing thread granting and revoking a page while
 * requests name it (revoked in the middle of a copy, as far as timing
 * lets): every answer OKAY or ERROR, none lost.
 */
static int hostile_race_grant(void *arg)
{
	struct hostile *h = arg;

	while (!kthread_should_stop()) {
		gnttab_grant_foreign_access_ref(h->data_ref, h->dev->otherend_id,
						xen_page_to_gfn(h->data), 0);
		udelay(get_random_u32_below(20));
		/* fails (and warns here) while a copy holds the grant */
		while (!gnttab_end_foreign_access_ref(h->data_ref) &&
		       !kthread_should_stop())
			cpu_relax();
		udelay(get_random_u32_below(20));
		cond_resched();
	}
	/* granted again: the final request and the teardown expect it */
	gnttab_grant_foreign_access_ref(h->data_ref, h->dev->otherend_id,
					xen_page_to_gfn(h->data), 0);
	return 0;
}

static void hostile_run_racer(struct hostile *h, int (*fn)(void *),
			      struct hostile_tally *t, const char *name)
{
	unsigned long end = jiffies + race_seconds * HZ;
	unsigned int i;

	h->racer = kthread_run(fn, h, "vrng-hostile-%s", name);
	if (IS_ERR(h->racer)) {
		hostile_say(h, "racer: %ld\n", PTR_ERR(h->racer));
		h->racer = NULL;
		return;
	}
	while (time_before(jiffies, end) &&
	       hostile_peer_is(h, BIT(XenbusStateConnected))) {
		for (i = 0; i < RING_SIZE(&h->ring) / 2; i++)
			hostile_post_valid(h, i);
		t->posted += i;
		hostile_push(h);
		hostile_collect(h, t, -1);
		if (h->ring.rsp_cons != h->ring.req_prod_pvt)
			break;		/* unanswered: reported below */
	}
	kthread_stop(h->racer);
	h->racer = NULL;
}

static int hostile_grants(struct hostile *h)
{
	struct hostile_tally bad = {}, race = {};
	grant_ref_t head, unused, readonly;
	struct page *ro_page;
	int err = hostile_connect(h);

	if (err)
		return err;
	ro_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!ro_page)
		return -ENOMEM;
	err = gnttab_alloc_grant_references(2, &head);
	if (err) {
		__free_page(ro_page);
		return err;
	}
	unused = gnttab_claim_grant_reference(&head);
	readonly = gnttab_claim_grant_reference(&head);
	gnttab_grant_foreign_access_ref(readonly, h->dev->otherend_id,
					xen_page_to_gfn(ro_page), 1);
	hostile_post(h, 0, 0xffffffff, 0, HOSTILE_LEN, 0, 0);
	hostile_post(h, 1, unused, 0, HOSTILE_LEN, 0, 0);
	hostile_post(h, 2, readonly, 0, HOSTILE_LEN, 0, 0);
	bad.posted = 3;
	hostile_push(h);
	hostile_collect(h, &bad, -1);
	hostile_say_tally(h, &bad);
	/* all answered: nothing can use the read-only grant any more */
	if (gnttab_end_foreign_access_ref(readonly)) {
		gnttab_free_grant_reference(readonly);
		__free_page(ro_page);
	}
	gnttab_free_grant_reference(unused);

	hostile_run_racer(h, hostile_race_grant, &race, "grant");
	hostile_say(h, "race_posted: %lu\nrace_okay: %lu\nrace_error: %lu\n",
		    race.posted, race.okay, race.error);
	hostile_say(h, "race_other: %lu\nrace_bad_len: %lu\nrace_unanswered: %u\n",
		    race.retry + race.other, race.bad_len,
		    h->ring.req_prod_pvt - h->ring.rsp_cons);
	hostile_say_served(h);
	return 0;
}

/*
 * Double fetch (XSA-155): a thread rewrites every request slot while the
 * backend reads them, between the valid request (offset 0, 16 octets,
 * reserved 0) and malformed ones. A backend that copies once answers
 * each either OKAY with 16 octets at offset 0 or ERROR; one that checks
 * one fetch and uses another writes elsewhere in the page (the canary)
 * or answers another length. Only the fields at octets 8-15 are
 * rewritten: a slot holds the answer once its request is taken, and
 * octets 0-5 of an answer (id, status, len) are what this side judges.
 */
static int hostile_race_ring(void *arg)
{
	struct hostile *h = arg;
	unsigned int i, k = 0;

	while (!kthread_should_stop()) {
		for (i = 0; i < RING_SIZE(&h->ring); i++) {
			struct vrngif_request *req = &h->sring->ring[i].req;
			bool bad = (k + i) & 1;

			WRITE_ONCE(req->len, bad && (k & 2) ? 0 : HOSTILE_LEN);
			WRITE_ONCE(req->offset, bad && (k & 4) ?
				   PAGE_SIZE - 8 : 0);
			WRITE_ONCE(req->reserved, bad && !(k & 6) ? 1 : 0);
		}
		k++;
		cond_resched();
	}
	return 0;
}

static int hostile_double_fetch(struct hostile *h)
{
	struct hostile_tally t = {};
	int err = hostile_connect(h);

	if (err)
		return err;
	hostile_run_racer(h, hostile_race_ring, &t, "ring");
	hostile_say_tally(h, &t);
	hostile_say_served(h);
	return 0;
}

/*
 * Notifications as fast as this vCPU sends them, with nothing posted:
 * HOSTILE_BURST sends a hypercall (a multicall), as a guest that wanted
 * the most events for its CPU time would.
 */
#define HOSTILE_BURST 64

static int hostile_storm(struct hostile *h)
{
	struct multicall_entry *mc;
	struct evtchn_send send;
	unsigned long end, sent = 0, failed = 0;
	u64 t0, ns;
	int err = hostile_connect(h), i;

	if (err)
		return err;
	mc = kcalloc(HOSTILE_BURST, sizeof(*mc), GFP_KERNEL);
	if (!mc)
		return -ENOMEM;
	send.port = h->port;
	t0 = ktime_get_ns();
	end = jiffies + storm_seconds * HZ;
	while (time_before(jiffies, end)) {
		for (i = 0; i < HOSTILE_BURST; i++) {
			mc[i].op = __HYPERVISOR_event_channel_op;
			mc[i].args[0] = EVTCHNOP_send;
			mc[i].args[1] = (unsigned long)&send;
		}
		if (HYPERVISOR_multicall(mc, HOSTILE_BURST)) {
			failed++;
			break;
		}
		for (i = 0; i < HOSTILE_BURST; i++)
			if (mc[i].result)
				failed++;
		sent += HOSTILE_BURST;
		cond_resched();
	}
	ns = ktime_get_ns() - t0;
	kfree(mc);
	hostile_say(h, "notifications: %lu\nfailed: %lu\nstorm_ms: %llu\nper_second: %llu\n",
		    sent, failed, ns / NSEC_PER_MSEC,
		    div64_u64((u64)sent * NSEC_PER_SEC, ns ?: 1));
	hostile_say_served(h);
	return 0;
}

/*
 * Garbage in our own keys, each refused by the backend (Closing); then
 * the honest handshake still works.
 */
static const struct {
	const char *key, *value;
} hostile_bad_keys[] = {
	{ "ring-ref", "12abc" },
	{ "ring-ref", "-1" },
	{ "ring-ref", "4294967296" },
	{ "event-channel", "0x10" },
	{ "event-channel", "" },
	{ "version", "2" },
	{ "version", "0" },
	{ "version", " 1" },
	{ "ring-ref", NULL },		/* missing */
};

static int hostile_keys(struct hostile *h)
{
	unsigned int i, refused = 0;
	int err;

	for (i = 0; i < ARRAY_SIZE(hostile_bad_keys); i++) {
		err = hostile_restart(h) ?: hostile_share(h) ?:
		      hostile_write_keys(h);
		if (hostile_bad_keys[i].value)
			err = err ?: hostile_write(h, hostile_bad_keys[i].key,
						   hostile_bad_keys[i].value);
		else
			err = err ?: xenbus_rm(XBT_NIL, h->dev->nodename,
					       hostile_bad_keys[i].key);
		if (err)
			return err;
		xenbus_switch_state(h->dev, XenbusStateInitialised);
		hostile_wait_peer(h, BIT(XenbusStateConnected) |
				  BIT(XenbusStateClosing));
		refused += hostile_peer_is(h, BIT(XenbusStateClosing));
	}
	hostile_say(h, "bad_keys: %zu\nrefused: %u\n",
		    ARRAY_SIZE(hostile_bad_keys), refused);
	err = hostile_connect(h);
	hostile_say(h, "connects_after: %s\n", err ? "no" : "yes");
	if (!err)
		hostile_say_served(h);
	return 0;
}

/*
 * Jumps between the states of the table in any order, then an honest
 * connect. (A state the table does not list reads as gone: the attack
 * "gone".)
 *
 * The ring stays shared during the jumps, so the backend connects to it
 * and lets go again and again. Its xenwatch may still be acting on a
 * jump (mapping this ring) when we write Initialising and read its
 * earlier InitWait; it then reads our fresh Initialised while Connected,
 * which its table takes as a repeat (vrngif.h acts on states, not on
 * missed transitions), and serves the old ring. Only a frontend that
 * leaves Initialised for Initialising can cause that, and an honest one
 * never does; the honest frontend after the jumps starts over when its
 * request goes unanswered or the backend refuses, at most
 * HOSTILE_STATES_TRIES times. By then no stale action is left: one
 * start-over takes the backend through a transition we wait for.
 */
#define HOSTILE_STATES_JUMPS 200
#define HOSTILE_STATES_TRIES 3

static int hostile_states(struct hostile *h)
{
	struct hostile_tally t = {};
	bool served = false;
	unsigned int i, tries = 0;
	char buf[16];
	int err;

	for (i = 0; i < HOSTILE_STATES_JUMPS; i++) {
		snprintf(buf, sizeof(buf), "%u", 1 + get_random_u32_below(6));
		err = hostile_write(h, "state", buf);
		if (err)
			return err;
		usleep_range(5000, 10000);
	}
	while (!served && tries < HOSTILE_STATES_TRIES) {
		tries++;
		/* xenbus_switch_state() skips a state it believes it wrote */
		h->dev->state = XenbusStateUnknown;
		err = hostile_connect(h);
		if (!err)
			served = hostile_serve_one(h, &t);
	}
	hostile_say(h, "jumps: %u\nconnects_after: %s\ntries: %u\n", i,
		    err ? "no" : "yes", tries);
	if (!err)
		hostile_say_answer(h, served, &t);
	return 0;
}

/*
 * A state no table lists, connected: the backend reads the frontend as
 * gone and lets the device go (vrngif.h). Last of all: nothing connects
 * after it until the toolstack attaches again.
 */
static int hostile_gone(struct hostile *h)
{
	int err = hostile_connect(h);

	if (err)
		return err;
	err = hostile_write(h, "state", "99");
	if (err)
		return err;
	hostile_say_closed(h);
	return 0;
}

/* Connect, one answer, Closed, the backend's Closed; again and again. */
static int hostile_cycles(struct hostile *h)
{
	unsigned int i, served = 0;
	u64 t0 = ktime_get_ns();
	int err = 0;

	for (i = 0; i < cycles; i++) {
		struct hostile_tally t = { .posted = 1 };

		err = hostile_connect(h);
		if (err)
			break;
		hostile_post_valid(h, i);
		hostile_push(h);
		hostile_collect(h, &t, -1);
		served += t.okay;
		xenbus_switch_state(h->dev, XenbusStateClosed);
		err = hostile_wait_peer(h, BIT(XenbusStateClosed));
		if (err)
			break;
	}
	hostile_say(h, "cycles: %u\nserved: %u\ncycle_ms: %llu\nerror: %d\n",
		    i, served,
		    div64_u64(ktime_get_ns() - t0, NSEC_PER_MSEC * max(i, 1U)),
		    err);
	return 0;
}

/*
 * Not an attack: the soak's stream of valid requests, a ring at a time,
 * until stream_requests are posted. Every one must come back answered
 * (served, refused or "retry"): the tally's unanswered says if not. Stops
 * at the first batch left unanswered (HOSTILE_WAIT without an answer).
 */
static int hostile_stream(struct hostile *h)
{
	struct hostile_tally t = {};
	u64 t0 = ktime_get_ns();
	int err = hostile_connect(h);
	unsigned int i, n;

	if (err)
		return err;
	while (t.posted < stream_requests) {
		n = min_t(unsigned long, RING_SIZE(&h->ring),
			  stream_requests - t.posted);
		for (i = 0; i < n; i++)
			hostile_post_valid(h, i);
		t.posted += n;
		hostile_push(h);
		hostile_collect(h, &t, -1);
		if (h->ring.rsp_cons != h->ring.req_prod_pvt ||
		    fatal_signal_pending(current))
			break;
		cond_resched();
	}
	hostile_say_tally(h, &t);
	hostile_say(h, "stream_ms: %llu\n",
		    div64_u64(ktime_get_ns() - t0, NSEC_PER_MSEC));
	return 0;
}

static const struct {
	const char *name;
	int (*run)(struct hostile *h);
} hostile_attacks[] = {
	{ "overflow", hostile_overflow },
	{ "backwards", hostile_backwards },
	{ "ids", hostile_ids },
	{ "lengths", hostile_lengths },
	{ "grants", hostile_grants },
	{ "double-fetch", hostile_double_fetch },
	{ "storm", hostile_storm },
	{ "keys", hostile_keys },
	{ "states", hostile_states },
	{ "cycles", hostile_cycles },
	{ "gone", hostile_gone },
	{ "stream", hostile_stream },
};

static ssize_t hostile_attack_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct hostile *h = hostile_one;
	char name[32];
	unsigned int i;
	int err;

	if (!h)
		return -ENODEV;
	if (count >= sizeof(name))
		return -EINVAL;
	if (copy_from_user(name, ubuf, count))
		return -EFAULT;
	name[count] = 0;
	strim(name);
	for (i = 0; i < ARRAY_SIZE(hostile_attacks); i++)
		if (!strcmp(name, hostile_attacks[i].name))
			break;
	if (i == ARRAY_SIZE(hostile_attacks))
		return -EINVAL;
	mutex_lock(&h->lock);
	h->result_len = 0;
	hostile_say(h, "attack: %s\n", name);
	err = hostile_attacks[i].run(h);
	if (err)
		hostile_say(h, "failed: %d\n", err);
	mutex_unlock(&h->lock);
	return err ?: count;
}

static ssize_t hostile_result_read(struct file *file, char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	struct hostile *h = hostile_one;
	ssize_t n;

	if (!h)
		return -ENODEV;
	mutex_lock(&h->lock);
	n = simple_read_from_buffer(ubuf, count, ppos, h->result,
				    h->result_len);
	mutex_unlock(&h->lock);
	return n;
}

static const struct file_operations hostile_attack_fops = {
	.owner = THIS_MODULE,
	.write = hostile_attack_write,
	.llseek = noop_llseek,
};

static const struct file_operations hostile_result_fops = {
	.owner = THIS_MODULE,
	.read = hostile_result_read,
	.llseek = default_llseek,
};

static void hostile_backend_changed(struct xenbus_device *dev,
				    enum xenbus_state backend_state)
{
	struct hostile *h = dev_get_drvdata(&dev->dev);

	WRITE_ONCE(h->peer, backend_state);
	wake_up(&h->wq);
}

static int hostile_probe(struct xenbus_device *dev,
			 const struct xenbus_device_id *id)
{
	struct hostile *h;

	if (hostile_one)
		return -EBUSY;
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	h->dev = dev;
	mutex_init(&h->lock);
	init_waitqueue_head(&h->wq);
	dev_set_drvdata(&dev->dev, h);
	hostile_one = h;
	dev_warn(&dev->dev, "test-only hostile vrng frontend: attacks its backend on request\n");
	return 0;
}

static void hostile_remove(struct xenbus_device *dev)
{
	struct hostile *h = dev_get_drvdata(&dev->dev);

	mutex_lock(&h->lock);
	hostile_one = NULL;
	hostile_teardown(h, !hostile_peer_is(h, BIT(XenbusStateConnected)));
	mutex_unlock(&h->lock);
	kfree(h);
}

static const struct xenbus_device_id hostile_ids_table[] = {
	{ "vrng" },
	{ "" }
};

static struct xenbus_driver hostile_driver = {
	.name = "vrng-hostile",
	.ids = hostile_ids_table,
	.probe = hostile_probe,
	.remove = hostile_remove,
	.otherend_changed = hostile_backend_changed,
	/*
	 * Its device connects only when an attack says so: as an essential
	 * one, the registration would wait 300 s for it (wait_for_devices()).
	 */
	.not_essential = true,
};

static int __init hostile_init(void)
{
	int err;

	if (!xen_domain())
		return -ENODEV;
	hostile_dbg = debugfs_create_dir("vrng-hostile", NULL);
	debugfs_create_file("attack", 0200, hostile_dbg, NULL,
			    &hostile_attack_fops);
	debugfs_create_file("result", 0400, hostile_dbg, NULL,
			    &hostile_result_fops);
	err = xenbus_register_frontend(&hostile_driver);
	if (err)
		debugfs_remove(hostile_dbg);
	return err;
}

static void __exit hostile_exit(void)
{
	xenbus_unregister_driver(&hostile_driver);
	debugfs_remove(hostile_dbg);
}

module_init(hostile_init);
module_exit(hostile_exit);
MODULE_DESCRIPTION("Test only: a hostile vrng frontend that attacks its backend");
MODULE_LICENSE("GPL");
