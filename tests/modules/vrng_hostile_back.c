// SPDX-License-Identifier: GPL-2.0
/*
 * vrng-hostile-back: a test-only vrng backend in dom0 that attacks the
 * guest's frontend (tests/xen/dom0/hostile-backend-vrng.sh). Loaded
 * instead of xen-vrngback; the attack is the module parameter "attack",
 * read when a frontend connects (rebind the device to change it):
 *   none        honest answers (bytes of HOSTILE_BYTE, nothing credited)
 *   unknown-id  an answer to an id never asked
 *   repeat-id   every answer twice
 *   long        len one more than asked
 *   credit      more than 8 credited bits an octet
 *   status      a status no version defines
 *   unseeded    OKAY with the UNSEEDED health flag
 *   overflow    a response producer index more than a ring ahead
 *   padding     the reserved field set
 *   health-bits health flags version 1 does not define (allowed)
 *   silent      never answers
 *   storm       honest answers and notifications as fast as dom0 sends
 *   states      random backend states while connected
 * Whatever the attack, every request is checked for what the guest must
 * not show: non-zero flags or reserved fields, and any octet in its data
 * page (read back by grant copy before each answer) or unused ring slots
 * that this backend did not write. Counts in debugfs
 * vrng-hostile-back/dom<N>. The state machine is the real one
 * (entropy/vrng/portable/vrng_states.c). It has no module alias: never
 * load it outside the test bed.
 */
#include <linux/debugfs.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xen.h>
#include <xen/xenbus.h>
#include <xen/interface/io/vrngif.h>
#include "hostile_storm.h"
#include "vrng_xb_back.h"

static char attack[16] = "none";
module_param_string(attack, attack, sizeof(attack), 0644);
MODULE_PARM_DESC(attack, "what to do to the next frontend that connects");
static unsigned int storm_seconds = 10;
module_param(storm_seconds, uint, 0644);
MODULE_PARM_DESC(storm_seconds, "length of the attack \"storm\"");

#define HOSTILE_BYTE 0x5a	/* every octet this backend writes */
#define HOSTILE_BUDGET 64	/* requests per event */

enum hb_attack {
	HB_NONE, HB_UNKNOWN_ID, HB_REPEAT_ID, HB_LONG, HB_CREDIT, HB_STATUS,
	HB_UNSEEDED, HB_OVERFLOW, HB_PADDING, HB_HEALTH_BITS, HB_SILENT,
	HB_STORM, HB_STATES,
};

static const char *const hb_attack_names[] = {
	"none", "unknown-id", "repeat-id", "long", "credit", "status",
	"unseeded", "overflow", "padding", "health-bits", "silent", "storm",
	"states",
};

struct hb {
	struct xenbus_device *dev;
	enum hb_attack attack;
	struct vrngif_back_ring ring;
	void *sring;
	int irq;
	struct work_struct work;
	struct task_struct *thread;	/* storm or states */
	u8 *page;			/* the guest's data page, copied */
	struct dentry *dbg;
	u64 requests, answers, bad_requests, leaked, ring_leaked, sent;
};

static struct dentry *hb_dbg_root;

/* Copies one page from or to the guest: the grant's page, offset 0. */
static int hb_copy(struct hb *hb, u32 gref, u16 offset, u16 len, bool to_guest)
{
	struct gnttab_copy op = { .len = len };
	struct gnttab_copy_ptr *local = to_guest ? &op.source : &op.dest;
	struct gnttab_copy_ptr *guest = to_guest ? &op.dest : &op.source;

	local->u.gmfn = virt_to_gfn(hb->page);
	local->domid = DOMID_SELF;
	local->offset = offset;
	guest->u.ref = gref;
	guest->domid = hb->dev->otherend_id;
	guest->offset = offset;
	op.flags = to_guest ? GNTCOPY_dest_gref : GNTCOPY_source_gref;
	gnttab_batch_copy(&op, 1);
	return op.status == GNTST_okay ? 0 : -EIO;
}

/* Octets of the guest's page that neither it zeroed nor we wrote. */
static void hb_peek(struct hb *hb, u32 gref)
{
	unsigned int i;

	if (hb_copy(hb, gref, 0, PAGE_SIZE, false))
		return;
	for (i = 0; i < PAGE_SIZE; i++)
		hb->leaked += hb->page[i] && hb->page[i] != HOSTILE_BYTE;
}

static void hb_put(struct hb *hb, const struct vrngif_response *rsp)
{
	*RING_GET_RESPONSE(&hb->ring, hb->ring.rsp_prod_pvt) = *rsp;
	hb->ring.rsp_prod_pvt++;
	hb->answers++;
}

static void hb_answer(struct hb *hb, const struct vrngif_request *req)
{
	struct vrngif_response rsp = {
		.id = req->id, .status = VRNGIF_RSP_OKAY, .len = req->len,
	};

	if (req->flags || req->reserved)
		hb->bad_requests++;
	if (!req->len || req->len > VRNGIF_MAX_REQUEST_BYTES ||
	    req->offset + req->len > VRNGIF_PAGE_SIZE) {
		hb->bad_requests++;
		rsp.status = VRNGIF_RSP_ERROR;
		rsp.len = 0;
		hb_put(hb, &rsp);
		return;
	}
	hb_peek(hb, req->gref);
	memset(hb->page + req->offset, HOSTILE_BYTE, req->len);
	if (hb_copy(hb, req->gref, req->offset, req->len, true)) {
		rsp.status = VRNGIF_RSP_ERROR;
		rsp.len = 0;
	}
	switch (hb->attack) {
	case HB_UNKNOWN_ID:
		rsp.id ^= 0x8000;
		break;
	case HB_REPEAT_ID:
		hb_put(hb, &rsp);
		break;
	case HB_LONG:
		rsp.len = req->len + 1;
		break;
	case HB_CREDIT:
		rsp.credited = 8 * rsp.len + 1;
		break;
	case HB_STATUS:
		rsp.status = 7;
		break;
	case HB_UNSEEDED:
		rsp.health = VRNGIF_HEALTH_UNSEEDED;
		break;
	case HB_PADDING:
		rsp.reserved = 0xdeadbeef;
		break;
	case HB_HEALTH_BITS:
		rsp.health = 0xfff0;
		break;
	default:
		break;
	}
	hb_put(hb, &rsp);
}

static void hb_work(struct work_struct *work)
{
	struct hb *hb = container_of(work, struct hb, work);
	unsigned int budget = HOSTILE_BUDGET;
	int notify = 0, done = 0, more = 0;
	RING_IDX rc, rp;

	rc = hb->ring.req_cons;
	rp = READ_ONCE(hb->ring.sring->req_prod);
	virt_rmb();	/* requests up to rp, not older contents */
	if (RING_REQUEST_PROD_OVERFLOW(&hb->ring, rp))
		rp = rc;	/* the frontend is not under test here */
	while (rc != rp && budget--) {
		struct vrngif_request req;

		if (RING_REQUEST_CONS_OVERFLOW(&hb->ring, rc))
			break;
		RING_COPY_REQUEST(&hb->ring, rc, &req);
		hb->ring.req_cons = ++rc;
		hb->requests++;
		done++;
		if (hb->attack != HB_SILENT)
			hb_answer(hb, &req);
	}
	if (hb->attack == HB_OVERFLOW && done)
		hb->ring.rsp_prod_pvt += RING_SIZE(&hb->ring) + 1;
	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&hb->ring, notify);
	if (notify || hb->attack == HB_OVERFLOW)
		notify_remote_via_irq(hb->irq);
	if (rc == rp)	/* asks for an event at the next request */
		RING_FINAL_CHECK_FOR_REQUESTS(&hb->ring, more);
	if (rc != rp || more)
		schedule_work(&hb->work);	/* the rest, EOI after */
	else
		xen_irq_lateeoi(hb->irq, done ? 0 : XEN_EOI_FLAG_SPURIOUS);
}

static irqreturn_t hb_interrupt(int irq, void *dev_id)
{
	struct hb *hb = dev_id;

	WRITE_ONCE(hb->irq, irq);
	schedule_work(&hb->work);
	return IRQ_HANDLED;
}

static int hb_storm(void *arg)
{
	struct hb *hb = arg;

	hostile_storm_run(hb->irq, storm_seconds, &hb->sent);
	return 0;
}

static int hb_states(void *arg)
{
	struct hb *hb = arg;
	int i;

	for (i = 0; i < 100 && !kthread_should_stop(); i++) {
		xenbus_printf(XBT_NIL, hb->dev->nodename, "state", "%u",
			      1 + get_random_u32_below(6));
		schedule_timeout_interruptible(HZ / 50);
	}
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

/* Unused ring slots must be as the guest zeroed them. */
static void hb_check_ring(struct hb *hb)
{
	const u8 *slots = (const u8 *)hb->sring +
			  offsetof(struct vrngif_sring, ring);
	unsigned int i, n = RING_SIZE(&hb->ring) *
			    sizeof(union vrngif_sring_entry);

	for (i = 0; i < n; i++)
		hb->ring_leaked += slots[i] != 0;
}

static int hb_connect(struct hb *hb)
{
	struct xenbus_device *dev = hb->dev;
	unsigned int ring_ref, evtchn;
	grant_ref_t gref;
	int err, i;

	hb->attack = HB_NONE;
	for (i = 0; i < ARRAY_SIZE(hb_attack_names); i++)
		if (sysfs_streq(attack, hb_attack_names[i]))
			hb->attack = i;
	if (xenbus_scanf(XBT_NIL, dev->otherend, "ring-ref", "%u", &ring_ref) != 1 ||
	    xenbus_scanf(XBT_NIL, dev->otherend, "event-channel", "%u", &evtchn) != 1)
		return -EINVAL;
	gref = ring_ref;
	err = xenbus_map_ring_valloc(dev, &gref, 1, &hb->sring);
	if (err)
		return err;
	BACK_RING_INIT(&hb->ring, (struct vrngif_sring *)hb->sring,
		       XEN_PAGE_SIZE);
	hb_check_ring(hb);
	err = bind_interdomain_evtchn_to_irqhandler_lateeoi(dev, evtchn,
							    hb_interrupt, 0,
							    "vrng-hostile", hb);
	if (err < 0) {
		xenbus_unmap_ring_vfree(dev, hb->sring);
		hb->sring = NULL;
		return err;
	}
	hb->irq = err;
	xenbus_switch_state(dev, XenbusStateConnected);
	if (hb->attack == HB_STORM || hb->attack == HB_STATES) {
		hb->thread = kthread_run(hb->attack == HB_STORM ? hb_storm :
					 hb_states, hb, "vrng-hostile-back");
		if (IS_ERR(hb->thread))
			hb->thread = NULL;
	}
	dev_warn(&dev->dev, "test only: attacking domain %d's frontend (%s)\n",
		 dev->otherend_id, hb_attack_names[hb->attack]);
	return 0;
}

static void hb_disconnect(struct hb *hb)
{
	if (hb->thread) {
		kthread_stop(hb->thread);
		hb->thread = NULL;
	}
	if (hb->irq)
		disable_irq(hb->irq);
	cancel_work_sync(&hb->work);
	if (hb->irq) {
		unbind_from_irqhandler(hb->irq, hb);
		hb->irq = 0;
	}
	if (hb->sring) {
		xenbus_unmap_ring_vfree(hb->dev, hb->sring);
		hb->sring = NULL;
	}
}

static int hb_connect_dev(struct xenbus_device *dev)
{
	return hb_connect(dev_get_drvdata(&dev->dev));
}

static void hb_disconnect_dev(struct xenbus_device *dev)
{
	hb_disconnect(dev_get_drvdata(&dev->dev));
}

static const struct vrng_xb_back_ops hb_xb_ops = {
	.connect = hb_connect_dev,
	.disconnect = hb_disconnect_dev,
};

static void hb_frontend_changed(struct xenbus_device *dev,
				enum xenbus_state frontend_state)
{
	vrng_xb_back_changed(dev, frontend_state, &hb_xb_ops);
}

static int hb_stats_show(struct seq_file *m, void *v)
{
	struct hb *hb = m->private;

	seq_printf(m, "attack: %s\nrequests: %llu\nanswers: %llu\n",
		   hb_attack_names[hb->attack], hb->requests, hb->answers);
	seq_printf(m, "bad_requests: %llu\nleaked: %llu\nring_leaked: %llu\nsent: %llu\n",
		   hb->bad_requests, hb->leaked, hb->ring_leaked, hb->sent);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hb_stats);

static int hb_probe(struct xenbus_device *dev, const struct xenbus_device_id *id)
{
	struct hb *hb = kzalloc(sizeof(*hb), GFP_KERNEL);
	char name[16];
	int err;

	if (!hb)
		return -ENOMEM;
	hb->page = (u8 *)__get_free_page(GFP_KERNEL);
	if (!hb->page) {
		kfree(hb);
		return -ENOMEM;
	}
	hb->dev = dev;
	INIT_WORK(&hb->work, hb_work);
	dev_set_drvdata(&dev->dev, hb);
	snprintf(name, sizeof(name), "dom%d", dev->otherend_id);
	hb->dbg = debugfs_create_file(name, 0400, hb_dbg_root, hb,
				      &hb_stats_fops);
	err = xenbus_printf(XBT_NIL, dev->nodename, "version", "%d",
			    VRNGIF_VERSION) ?:
	      xenbus_printf(XBT_NIL, dev->nodename, "max-request-bytes", "%d",
			    VRNGIF_MAX_REQUEST_BYTES) ?:
	      xenbus_printf(XBT_NIL, dev->nodename, "feature-credit", "1") ?:
	      xenbus_switch_state(dev, XenbusStateInitWait);
	if (err) {
		debugfs_remove(hb->dbg);
		dev_set_drvdata(&dev->dev, NULL);
		free_page((unsigned long)hb->page);
		kfree(hb);
	}
	return err;
}

static void hb_remove(struct xenbus_device *dev)
{
	struct hb *hb = dev_get_drvdata(&dev->dev);

	if (!hb)
		return;
	debugfs_remove(hb->dbg);
	hb_disconnect(hb);
	free_page((unsigned long)hb->page);
	kfree(hb);
	dev_set_drvdata(&dev->dev, NULL);
	xenbus_switch_state(dev, XenbusStateClosed);	/* as xen-vrngback */
}

static const struct xenbus_device_id hb_ids[] = {
	{ "vrng" },
	{ "" }
};

/* Named "vrng" as xen-vrngback is (tools look for that): never both. */
static struct xenbus_driver hb_driver = {
	.ids = hb_ids,
	.probe = hb_probe,
	.remove = hb_remove,
	.otherend_changed = hb_frontend_changed,
	.allow_rebind = true,
};

static int __init hb_init(void)
{
	int err;

	if (!xen_initial_domain())
		return -ENODEV;
	hb_dbg_root = debugfs_create_dir("vrng-hostile-back", NULL);
	err = xenbus_register_backend(&hb_driver);
	if (err)
		debugfs_remove(hb_dbg_root);
	return err;
}

static void __exit hb_exit(void)
{
	xenbus_unregister_driver(&hb_driver);
	debugfs_remove(hb_dbg_root);
}

module_init(hb_init);
module_exit(hb_exit);
MODULE_DESCRIPTION("Test only: a hostile vrng backend that attacks its frontend");
MODULE_LICENSE("GPL");
