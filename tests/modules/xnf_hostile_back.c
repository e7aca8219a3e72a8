// SPDX-License-Identifier: GPL-2.0
/*
 * xnf-hostile-back: a test-only netif backend in dom0 that attacks the
 * guest's network frontend (tests/xen/dom0/hostile-backend-net.sh). A
 * vif is moved to it from netback by sysfs (driver "vif-hostile"); the
 * attack is the module parameter "attack", read when a frontend
 * connects:
 *   none        TX answered OKAY, nothing received
 *   rx-id       a received packet in a slot the guest never posted
 *   rx-range    a received packet running past its page
 *   rx-error    a received slot with an error status (allowed: dropped)
 *   rx-overflow an RX response producer more than a ring ahead
 *   tx-id       a TX answer to an id never sent
 *   tx-dup      every TX answer twice
 *   tx-status   a TX status netif.h does not define
 *   tx-overflow a TX response producer more than a ring ahead
 *   tx-mapped   a packet's second slot mapped and answered, the mapping
 *               kept until the frontend closes (debugfs held: 1)
 *   silent      TX never answered
 *   stall       TX answered up to XHB_STALL_AFTER requests, then never:
 *               a sender fills the ring (debugfs tx_pushed then says how
 *               many requests it made visible)
 *   storm       notifications as fast as dom0 sends, for storm_seconds
 * One queue, one event channel, receive by copy only, and scatter-gather
 * (packets of several slots): what it offers.
 * No module alias: never load it outside the test bed.
 */
#include <linux/debugfs.h>
#include <linux/if_ether.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xen.h>
#include <xen/xenbus.h>
#include <xen/interface/io/netif.h>
#include "hostile_storm.h"

static char attack[16] = "none";
module_param_string(attack, attack, sizeof(attack), 0644);
MODULE_PARM_DESC(attack, "what to do to the next frontend that connects");
static unsigned int storm_seconds = 10;
module_param(storm_seconds, uint, 0644);
MODULE_PARM_DESC(storm_seconds, "length of the attack \"storm\"");

#define XHB_BUDGET 64		/* requests per event and ring */
#define XHB_FRAME 60		/* a minimal Ethernet frame */
#define XHB_STALL_AFTER 32	/* enough for the guest's ARP and pings */

enum xhb_attack {
	XHB_NONE, XHB_RX_ID, XHB_RX_RANGE, XHB_RX_ERROR, XHB_RX_OVERFLOW,
	XHB_TX_ID, XHB_TX_DUP, XHB_TX_STATUS, XHB_TX_OVERFLOW, XHB_SILENT,
	XHB_STORM, XHB_STALL, XHB_TX_MAPPED,
};

static const char *const xhb_attack_names[] = {
	"none", "rx-id", "rx-range", "rx-error", "rx-overflow", "tx-id",
	"tx-dup", "tx-status", "tx-overflow", "silent", "storm", "stall",
	"tx-mapped",
};

struct xhb {
	struct xenbus_device *dev;
	enum xhb_attack attack;
	struct xen_netif_tx_back_ring tx;
	struct xen_netif_rx_back_ring rx;
	void *tx_sring, *rx_sring;
	int irq;
	bool rx_done;			/* the one RX attack made */
	struct work_struct work;
	struct task_struct *storm;
	u8 *frame;			/* what an RX slot receives */
	struct dentry *dbg;
	u64 tx_requests, tx_answers, rx_answers, sent;
	/* the TX ring's req_prod at the last disconnect: all made visible */
	u32 tx_pushed;
	bool tx_more;			/* the next request continues a packet */
	struct page *held;		/* tx-mapped: the page kept mapped */
	grant_handle_t held_handle;
	unsigned int held_count;	/* pages it held, this module's life */
};

static struct dentry *xhb_dbg_root;

static void xhb_tx_put(struct xhb *xhb, u16 id, s16 status)
{
	struct xen_netif_tx_response *rsp;

	rsp = RING_GET_RESPONSE(&xhb->tx, xhb->tx.rsp_prod_pvt);
	rsp->id = id;
	rsp->status = status;
	xhb->tx.rsp_prod_pvt++;
	xhb->tx_answers++;
}

/* tx-mapped: a request's page mapped, to stay mapped past its answer. */
static void xhb_hold(struct xhb *xhb, grant_ref_t ref)
{
	struct gnttab_map_grant_ref op;
	struct page *page;

	if (xhb->held || gnttab_alloc_pages(1, &page))
		return;
	gnttab_set_map_op(&op, (unsigned long)page_address(page),
			  GNTMAP_host_map | GNTMAP_readonly, ref,
			  xhb->dev->otherend_id);
	if (gnttab_map_refs(&op, NULL, &page, 1) || op.status != GNTST_okay) {
		gnttab_free_pages(1, &page);
		return;
	}
	xhb->held = page;
	xhb->held_handle = op.handle;
	xhb->held_count++;
}

static void xhb_release(struct xhb *xhb)
{
	struct gnttab_unmap_grant_ref op;

	if (!xhb->held)
		return;
	gnttab_set_unmap_op(&op, (unsigned long)page_address(xhb->held),
			    GNTMAP_host_map | GNTMAP_readonly,
			    xhb->held_handle);
	if (gnttab_unmap_refs(&op, NULL, &xhb->held, 1) ||
	    op.status != GNTST_okay) {
		/* still mapped: the page cannot go back to the balloon */
		pr_warn("xnf-hostile-back: unmapping a held page failed\n");
	} else {
		gnttab_free_pages(1, &xhb->held);
	}
	xhb->held = NULL;
}

/* TX: every slot answered (extra-info slots: NULL), one rule broken. */
static void xhb_tx(struct xhb *xhb)
{
	RING_IDX rc = xhb->tx.req_cons, rp;
	unsigned int budget = XHB_BUDGET;
	bool extra = false;

	rp = READ_ONCE(xhb->tx.sring->req_prod);
	virt_rmb();	/* requests up to rp, not older contents */
	if (RING_REQUEST_PROD_OVERFLOW(&xhb->tx, rp))
		return;		/* the frontend is not under test here */
	while (rc != rp && budget--) {
		struct xen_netif_tx_request req;

		if (RING_REQUEST_CONS_OVERFLOW(&xhb->tx, rc))
			break;
		RING_COPY_REQUEST(&xhb->tx, rc, &req);
		xhb->tx.req_cons = ++rc;
		xhb->tx_requests++;
		if (extra) {	/* this slot was an extra-info's */
			extra = false;
			xhb_tx_put(xhb, req.id, XEN_NETIF_RSP_NULL);
			continue;
		}
		extra = req.flags & XEN_NETTXF_extra_info;
		if (xhb->attack == XHB_TX_MAPPED && xhb->tx_more)
			xhb_hold(xhb, req.gref);
		xhb->tx_more = req.flags & XEN_NETTXF_more_data;
		switch (xhb->attack) {
		case XHB_SILENT:
			break;
		case XHB_STALL:
			/* req_cons: this connection's requests so far */
			if (xhb->tx.req_cons <= XHB_STALL_AFTER)
				xhb_tx_put(xhb, req.id, XEN_NETIF_RSP_OKAY);
			break;
		case XHB_TX_ID:
			xhb_tx_put(xhb, req.id ^ 0x8000, XEN_NETIF_RSP_OKAY);
			break;
		case XHB_TX_DUP:
			xhb_tx_put(xhb, req.id, XEN_NETIF_RSP_OKAY);
			xhb_tx_put(xhb, req.id, XEN_NETIF_RSP_OKAY);
			break;
		case XHB_TX_STATUS:
			xhb_tx_put(xhb, req.id, -7);
			break;
		default:
			xhb_tx_put(xhb, req.id, XEN_NETIF_RSP_OKAY);
		}
	}
	if (xhb->attack == XHB_TX_OVERFLOW && xhb->tx_requests)
		xhb->tx.rsp_prod_pvt += RING_SIZE(&xhb->tx) + 1;
}

/* RX: one posted slot answered, breaking one rule; the rest untouched. */
static void xhb_rx(struct xhb *xhb)
{
	struct xen_netif_rx_response *rsp;
	struct xen_netif_rx_request req;
	struct gnttab_copy op = {};
	RING_IDX rp;

	if (xhb->rx_done || xhb->attack < XHB_RX_ID ||
	    xhb->attack > XHB_RX_OVERFLOW)
		return;
	rp = READ_ONCE(xhb->rx.sring->req_prod);
	virt_rmb();	/* requests up to rp, not older contents */
	if (xhb->rx.req_cons == rp || RING_REQUEST_PROD_OVERFLOW(&xhb->rx, rp))
		return;
	RING_COPY_REQUEST(&xhb->rx, xhb->rx.req_cons, &req);
	xhb->rx.req_cons++;
	xhb->rx_done = true;
	/* a frame in the slot's page, as netback would copy it */
	op.source.u.gmfn = virt_to_gfn(xhb->frame);
	op.source.domid = DOMID_SELF;
	op.dest.u.ref = req.gref;
	op.dest.domid = xhb->dev->otherend_id;
	op.len = XHB_FRAME;
	op.flags = GNTCOPY_dest_gref;
	gnttab_batch_copy(&op, 1);

	rsp = RING_GET_RESPONSE(&xhb->rx, xhb->rx.rsp_prod_pvt);
	rsp->id = req.id;
	rsp->offset = 0;
	rsp->flags = 0;
	rsp->status = XHB_FRAME;
	switch (xhb->attack) {
	case XHB_RX_ID:
		rsp->id = req.id ^ 0x8000;
		break;
	case XHB_RX_RANGE:
		rsp->offset = XEN_PAGE_SIZE - 16;
		break;
	case XHB_RX_ERROR:
		rsp->status = XEN_NETIF_RSP_ERROR;
		break;
	default:
		break;
	}
	xhb->rx.rsp_prod_pvt++;
	if (xhb->attack == XHB_RX_OVERFLOW)
		xhb->rx.rsp_prod_pvt += RING_SIZE(&xhb->rx) + 1;
	xhb->rx_answers++;
}

static void xhb_work(struct work_struct *work)
{
	struct xhb *xhb = container_of(work, struct xhb, work);
	RING_IDX tx_answers = xhb->tx.rsp_prod_pvt;
	RING_IDX rx_answers = xhb->rx.rsp_prod_pvt;
	int notify_tx = 0, notify_rx = 0, more = 0;

	xhb_tx(xhb);
	xhb_rx(xhb);
	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&xhb->tx, notify_tx);
	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&xhb->rx, notify_rx);
	if (notify_tx || notify_rx || xhb->attack == XHB_TX_OVERFLOW ||
	    xhb->attack == XHB_RX_OVERFLOW)
		notify_remote_via_irq(xhb->irq);
	RING_FINAL_CHECK_FOR_REQUESTS(&xhb->tx, more);
	if (more) {
		schedule_work(&xhb->work);
		return;
	}
	xen_irq_lateeoi(xhb->irq, tx_answers != xhb->tx.rsp_prod_pvt ||
			rx_answers != xhb->rx.rsp_prod_pvt ?
			0 : XEN_EOI_FLAG_SPURIOUS);
}

static irqreturn_t xhb_interrupt(int irq, void *dev_id)
{
	struct xhb *xhb = dev_id;

	WRITE_ONCE(xhb->irq, irq);
	schedule_work(&xhb->work);
	return IRQ_HANDLED;
}

static int xhb_storm(void *arg)
{
	struct xhb *xhb = arg;

	hostile_storm_run(xhb->irq, storm_seconds, &xhb->sent);
	return 0;
}

static int xhb_map(struct xhb *xhb, const char *key, void **ring)
{
	unsigned int ref;
	grant_ref_t gref;

	if (xenbus_scanf(XBT_NIL, xhb->dev->otherend, key, "%u", &ref) != 1)
		return -EINVAL;
	gref = ref;
	return xenbus_map_ring_valloc(xhb->dev, &gref, 1, ring);
}

static int xhb_connect(struct xhb *xhb)
{
	struct xenbus_device *dev = xhb->dev;
	unsigned int evtchn, i;
	int err;

	xhb->attack = XHB_NONE;
	for (i = 0; i < ARRAY_SIZE(xhb_attack_names); i++)
		if (sysfs_streq(attack, xhb_attack_names[i]))
			xhb->attack = i;
	xhb->rx_done = false;
	xhb->tx_pushed = 0;
	xhb->tx_more = false;
	if (xenbus_scanf(XBT_NIL, dev->otherend, "event-channel", "%u",
			 &evtchn) != 1)
		return -EINVAL;
	err = xhb_map(xhb, "tx-ring-ref", &xhb->tx_sring);
	if (err)
		return err;
	err = xhb_map(xhb, "rx-ring-ref", &xhb->rx_sring);
	if (err)
		return err;
	BACK_RING_INIT(&xhb->tx, (struct xen_netif_tx_sring *)xhb->tx_sring,
		       XEN_PAGE_SIZE);
	BACK_RING_INIT(&xhb->rx, (struct xen_netif_rx_sring *)xhb->rx_sring,
		       XEN_PAGE_SIZE);
	err = bind_interdomain_evtchn_to_irqhandler_lateeoi(dev, evtchn,
							    xhb_interrupt, 0,
							    "xnf-hostile", xhb);
	if (err < 0)
		return err;
	xhb->irq = err;
	xenbus_switch_state(dev, XenbusStateConnected);
	if (xhb->attack == XHB_STORM) {
		xhb->storm = kthread_run(xhb_storm, xhb, "xnf-hostile-storm");
		if (IS_ERR(xhb->storm))
			xhb->storm = NULL;
	}
	schedule_work(&xhb->work);	/* the RX slots already posted */
	dev_warn(&dev->dev, "test only: attacking domain %d's frontend (%s)\n",
		 dev->otherend_id, xhb_attack_names[xhb->attack]);
	return 0;
}

static void xhb_disconnect(struct xhb *xhb)
{
	if (xhb->storm) {
		kthread_stop(xhb->storm);
		xhb->storm = NULL;
	}
	if (xhb->irq)
		disable_irq(xhb->irq);
	cancel_work_sync(&xhb->work);
	xhb_release(xhb);
	if (xhb->irq) {
		unbind_from_irqhandler(xhb->irq, xhb);
		xhb->irq = 0;
	}
	if (xhb->tx_sring) {
		xhb->tx_pushed = READ_ONCE(xhb->tx.sring->req_prod);
		xenbus_unmap_ring_vfree(xhb->dev, xhb->tx_sring);
	}
	if (xhb->rx_sring)
		xenbus_unmap_ring_vfree(xhb->dev, xhb->rx_sring);
	xhb->tx_sring = NULL;
	xhb->rx_sring = NULL;
}

/* netback's handshake, as far as a frontend can tell. */
static void xhb_frontend_changed(struct xenbus_device *dev,
				 enum xenbus_state frontend_state)
{
	struct xhb *xhb = dev_get_drvdata(&dev->dev);

	switch (frontend_state) {
	case XenbusStateInitialising:
		if (dev->state != XenbusStateInitWait) {
			xhb_disconnect(xhb);
			xenbus_switch_state(dev, XenbusStateInitWait);
		}
		break;
	case XenbusStateConnected:
		if (dev->state == XenbusStateConnected)
			break;
		if (xhb_connect(xhb)) {
			xhb_disconnect(xhb);
			xenbus_dev_fatal(dev, -EINVAL, "frontend keys");
		}
		break;
	case XenbusStateClosing:
		xhb_disconnect(xhb);
		xenbus_switch_state(dev, XenbusStateClosing);
		break;
	case XenbusStateClosed:
		xhb_disconnect(xhb);
		xenbus_switch_state(dev, XenbusStateClosed);
		break;
	default:
		break;
	}
}

static int xhb_stats_show(struct seq_file *m, void *v)
{
	struct xhb *xhb = m->private;

	seq_printf(m, "attack: %s\ntx_requests: %llu\ntx_answers: %llu\nrx_answers: %llu\nsent: %llu\ntx_pushed: %u\nheld: %u\n",
		   xhb_attack_names[xhb->attack], xhb->tx_requests,
		   xhb->tx_answers, xhb->rx_answers, xhb->sent,
		   xhb->tx_pushed, xhb->held_count);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(xhb_stats);

static const char *const xhb_netback_keys[] = {
	"feature-sg", "feature-gso-tcpv4", "feature-gso-tcpv6",
	"feature-ipv6-csum-offload", "feature-split-event-channels",
	"feature-xdp-headroom", "multi-queue-max-queues", "feature-rx-flip",
	"feature-multicast-control", "feature-dynamic-multicast-control",
	"feature-ctrl-ring",
};

static int xhb_probe(struct xenbus_device *dev,
		     const struct xenbus_device_id *id)
{
	struct xhb *xhb = kzalloc(sizeof(*xhb), GFP_KERNEL);
	unsigned int i;
	char name[16];
	int err;

	if (!xhb)
		return -ENOMEM;
	xhb->frame = (u8 *)get_zeroed_page(GFP_KERNEL);
	if (!xhb->frame) {
		kfree(xhb);
		return -ENOMEM;
	}
	memset(xhb->frame, 0xff, ETH_ALEN);	/* broadcast, from nobody */
	xhb->dev = dev;
	INIT_WORK(&xhb->work, xhb_work);
	dev_set_drvdata(&dev->dev, xhb);
	snprintf(name, sizeof(name), "dom%d", dev->otherend_id);
	xhb->dbg = debugfs_create_file(name, 0400, xhb_dbg_root, xhb,
				       &xhb_stats_fops);
	/* netback's offer stays in the directory after an unbind: ours only */
	for (i = 0; i < ARRAY_SIZE(xhb_netback_keys); i++)
		xenbus_rm(XBT_NIL, dev->nodename, xhb_netback_keys[i]);
	err = xenbus_printf(XBT_NIL, dev->nodename, "feature-rx-copy", "1") ?:
	      xenbus_printf(XBT_NIL, dev->nodename, "feature-sg", "1") ?:
	      xenbus_switch_state(dev, XenbusStateInitWait);
	if (err) {
		debugfs_remove(xhb->dbg);
		dev_set_drvdata(&dev->dev, NULL);
		free_page((unsigned long)xhb->frame);
		kfree(xhb);
	}
	return err;
}

static void xhb_remove(struct xenbus_device *dev)
{
	struct xhb *xhb = dev_get_drvdata(&dev->dev);

	if (!xhb)
		return;
	debugfs_remove(xhb->dbg);
	xhb_disconnect(xhb);
	free_page((unsigned long)xhb->frame);
	kfree(xhb);
	dev_set_drvdata(&dev->dev, NULL);
	xenbus_switch_state(dev, XenbusStateClosed);
}

static const struct xenbus_device_id xhb_ids[] = {
	{ "vif" },
	{ "" }
};

static struct xenbus_driver xhb_driver = {
	.name = "vif-hostile",
	.ids = xhb_ids,
	.probe = xhb_probe,
	.remove = xhb_remove,
	.otherend_changed = xhb_frontend_changed,
	.allow_rebind = true,
};

static int __init xhb_init(void)
{
	int err;

	if (!xen_initial_domain())
		return -ENODEV;
	xhb_dbg_root = debugfs_create_dir("xnf-hostile-back", NULL);
	err = xenbus_register_backend(&xhb_driver);
	if (err)
		debugfs_remove(xhb_dbg_root);
	return err;
}

static void __exit xhb_exit(void)
{
	xenbus_unregister_driver(&xhb_driver);
	debugfs_remove(xhb_dbg_root);
}

module_init(xhb_init);
module_exit(xhb_exit);
MODULE_DESCRIPTION("Test only: a hostile netif backend that attacks its frontend");
MODULE_LICENSE("GPL");
