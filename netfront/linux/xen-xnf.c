// SPDX-License-Identifier: GPL-2.0
/*
 * xen-xnf: a Xen network frontend for a stock netback, on the portable
 * ring logic of netfront/portable (xnf_tx, xnf_rx, xnf_keys). It binds
 * "vif" devices like xen-netfront; a running guest's vif moves between
 * the two by unbind/bind in /sys/bus/xen/drivers/.
 *
 * First version: one queue, one event channel, frames copied both ways
 * through pages granted once per connection (TX: 2 KiB buffers; RX: a page
 * per ring slot, posted again after the copy), no offloads, MTU 1500.
 * NAPI does TX completion and RX; an xmit_more batch is pushed once.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/skbuff.h>
#include <xen/xen.h>
#include <xen/xenbus.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include "xnf_keys.h"
#include "xnf_rx.h"
#include "xnf_tx.h"
#include "xnf_txbuf.h"

#define XNF_TX_PAGES (XNF_TX_RING_SIZE / 2)
#define XNF_RX_MASK (XNF_RX_RING_SIZE - 1)

struct xnf_dev {
	struct net_device *net;
	struct xenbus_device *dev;
	struct napi_struct napi;
	spinlock_t tx_lock;		/* the TX ring: xmit and NAPI */
	struct xnf_tx tx;
	struct xnf_rx rx;
	struct xnf_plan plan;
	struct xen_netif_tx_sring *txs;
	struct xen_netif_rx_sring *rxs;
	grant_ref_t tx_ring_ref, rx_ring_ref;
	evtchn_port_t evtchn;
	int irq;
	bool connected;
	struct work_struct broken_work;	/* xenbus writes sleep: not in NAPI */
	struct page *tx_page[XNF_TX_PAGES];
	grant_ref_t tx_ref[XNF_TX_PAGES];
	struct xnf_txbuf txb;		/* half pages, one per TX slot */
	struct page *rx_page[XNF_RX_RING_SIZE];
	grant_ref_t rx_ref[XNF_RX_RING_SIZE];
	u64 events_sent, events_received;
};

static irqreturn_t xnf_interrupt(int irq, void *data)
{
	struct xnf_dev *xd = data;

	xd->events_received++;
	if (napi_schedule_prep(&xd->napi))
		__napi_schedule(&xd->napi);
	else
		xen_irq_lateeoi(irq, 0);	/* the running poll sees it */
	return IRQ_HANDLED;
}

static void xnf_notify(struct xnf_dev *xd)
{
	xd->events_sent++;
	notify_remote_via_irq(xd->irq);
}

/* A completed frame's buffers back to the free stack. */
static void xnf_tx_done(void *ctx, void *token, int status)
{
	struct xnf_dev *xd = ctx;

	if (status != XEN_NETIF_RSP_OKAY)
		xd->net->stats.tx_errors++;
	xnf_txbuf_put(&xd->txb, xnf_txbuf_first(token));
}

static bool xnf_tx_fits(struct xnf_dev *xd, unsigned int n)
{
	lockdep_assert_held(&xd->tx_lock);
	return xd->txb.nfree >= n && xnf_tx_room(&xd->tx, n, false);
}

static netdev_tx_t xnf_start_xmit(struct sk_buff *skb, struct net_device *net)
{
	struct xnf_dev *xd = netdev_priv(net);
	struct xnf_seg segs[XNF_MAX_SLOTS];
	struct xnf_tx_pkt pkt = { .segs = segs };
	unsigned int n = DIV_ROUND_UP(skb->len, XNF_TXBUF_SIZE), k;
	u16 b[XNF_MAX_SLOTS];
	unsigned long flags;

	/* no checksum offload was asked of netback: complete it here */
	if (unlikely(!skb->len || n > XNF_MAX_SLOTS ||
		     (skb->ip_summed == CHECKSUM_PARTIAL &&
		      skb_checksum_help(skb)))) {
		net->stats.tx_dropped++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	spin_lock_irqsave(&xd->tx_lock, flags);
	if (unlikely(!xd->connected)) {
		spin_unlock_irqrestore(&xd->tx_lock, flags);
		net->stats.tx_dropped++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	if (unlikely(!xnf_tx_fits(xd, n))) {
		netif_stop_queue(net);
		spin_unlock_irqrestore(&xd->tx_lock, flags);
		return NETDEV_TX_BUSY;
	}
	xnf_txbuf_take(&xd->txb, n, b);
	for (k = 0; k < n; k++) {
		unsigned int off = k * XNF_TXBUF_SIZE;
		unsigned int len = min(skb->len - off, XNF_TXBUF_SIZE);

		skb_copy_bits(skb, off, page_address(xd->tx_page[b[k] / 2]) +
			      (b[k] % 2) * XNF_TXBUF_SIZE, len);
		segs[k].gref = xd->tx_ref[b[k] / 2];
		segs[k].offset = (b[k] % 2) * XNF_TXBUF_SIZE;
		segs[k].len = len;
	}
	pkt.nsegs = n;
	pkt.token = xnf_txbuf_token(b[0]);
	if (xnf_tx_queue(&xd->tx, &pkt)) {
		xnf_tx_done(xd, pkt.token, XEN_NETIF_RSP_OKAY);
		net->stats.tx_dropped++;
	} else {
		net->stats.tx_packets++;
		net->stats.tx_bytes += skb->len;
	}
	if (!xnf_tx_fits(xd, XNF_MAX_SLOTS))
		netif_stop_queue(net);
	/* a batch is pushed once, by its last frame */
	if ((!netdev_xmit_more() || netif_queue_stopped(net)) &&
	    xnf_tx_push(&xd->tx))
		xnf_notify(xd);
	spin_unlock_irqrestore(&xd->tx_lock, flags);
	dev_consume_skb_any(skb);	/* copied: the stack has it back at once */
	return NETDEV_TX_OK;
}

static int xnf_tx_poll(struct xnf_dev *xd)
{
	unsigned long flags;
	int n;

	spin_lock_irqsave(&xd->tx_lock, flags);
	n = xnf_tx_collect(&xd->tx, XNF_TX_RING_SIZE, xnf_tx_done, xd);
	if (n > 0 && netif_queue_stopped(xd->net) &&
	    xnf_tx_fits(xd, XNF_MAX_SLOTS))
		netif_wake_queue(xd->net);
	spin_unlock_irqrestore(&xd->tx_lock, flags);
	return n;
}

/* One received frame into an skb of its own; the slots go back. */
static void xnf_rx_frame(struct xnf_dev *xd, const struct xnf_rx_pkt *p)
{
	struct sk_buff *skb = NULL;
	unsigned int i;

	if (p->status == XEN_NETIF_RSP_OKAY && p->len >= ETH_HLEN)
		skb = napi_alloc_skb(&xd->napi, p->len);
	if (skb) {
		for (i = 0; i < p->nfrags; i++)
			skb_put_data(skb, page_address(xd->rx_page[p->frag[i].id]) +
				     p->frag[i].offset, p->frag[i].len);
		skb->protocol = eth_type_trans(skb, xd->net);
		xd->net->stats.rx_packets++;
		xd->net->stats.rx_bytes += p->len;
		napi_gro_receive(&xd->napi, skb);
	} else if (p->status != XEN_NETIF_RSP_OKAY) {
		xd->net->stats.rx_errors++;
	} else {
		xd->net->stats.rx_dropped++;
	}
	for (i = 0; i < p->nfrags; i++)
		xnf_rx_recycle(&xd->rx, p->frag[i].id);
}

static void xnf_broken(struct xnf_dev *xd, enum xnf_bad why)
{
	dev_err_ratelimited(&xd->dev->dev,
			    "backend broke the netif protocol (%s): closing\n",
			    xnf_bad_name(why));
	xd->connected = false;
	netif_carrier_off(xd->net);
	schedule_work(&xd->broken_work);
}

static void xnf_broken_work(struct work_struct *work)
{
	struct xnf_dev *xd = container_of(work, struct xnf_dev, broken_work);

	xenbus_switch_state(xd->dev, XenbusStateClosing);
}

static int xnf_poll(struct napi_struct *napi, int budget)
{
	struct xnf_dev *xd = container_of(napi, struct xnf_dev, napi);
	struct xnf_rx_pkt pkt;
	int work = 0, r = 0;

	if (!xd->connected) {
		napi_complete(napi);
		xen_irq_lateeoi(xd->irq, XEN_EOI_FLAG_SPURIOUS);
		return 0;
	}
	if (xnf_tx_poll(xd) < 0) {
		xnf_broken(xd, xd->tx.broken);
		goto done;
	}
	while (work < budget && (r = xnf_rx_next(&xd->rx, &pkt)) == 1) {
		xnf_rx_frame(xd, &pkt);
		work++;
	}
	if (r < 0) {
		xnf_broken(xd, xd->rx.broken);
		goto done;
	}
	if (xnf_rx_fill(&xd->rx) && xnf_rx_push(&xd->rx))
		xnf_notify(xd);
	if (work < budget && napi_complete_done(napi, work)) {
		bool more;

		spin_lock_irq(&xd->tx_lock);
		more = xnf_tx_arm(&xd->tx);
		spin_unlock_irq(&xd->tx_lock);
		if (xnf_rx_arm(&xd->rx) || more)
			napi_schedule(napi);
		xen_irq_lateeoi(xd->irq, 0);
	}
	return work;
done:
	napi_complete(napi);
	xen_irq_lateeoi(xd->irq, 0);
	return work;
}

static int xnf_open(struct net_device *net)
{
	struct xnf_dev *xd = netdev_priv(net);

	napi_enable(&xd->napi);
	netif_start_queue(net);
	if (xd->connected)
		napi_schedule(&xd->napi);
	return 0;
}

static int xnf_close(struct net_device *net)
{
	struct xnf_dev *xd = netdev_priv(net);

	netif_stop_queue(net);
	napi_disable(&xd->napi);
	return 0;
}

static const struct net_device_ops xnf_netdev_ops = {
	.ndo_open = xnf_open,
	.ndo_stop = xnf_close,
	.ndo_start_xmit = xnf_start_xmit,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

static int xnf_read_offer(void *ctx, const char *key, char *buf, size_t len)
{
	struct xenbus_device *dev = ctx;
	unsigned int n;
	char *v = xenbus_read(XBT_NIL, dev->otherend, key, &n);

	if (IS_ERR(v))
		return PTR_ERR(v);
	if (n + 1 > len) {
		kfree(v);
		return -EINVAL;
	}
	memcpy(buf, v, n + 1);
	kfree(v);
	return 0;
}

struct xnf_keys_txn {
	struct xenbus_transaction xbt;
	const char *dir;
};

static int xnf_write_key(void *ctx, const char *key, const char *value)
{
	struct xnf_keys_txn *t = ctx;

	return xenbus_printf(t->xbt, t->dir, key, "%s", value);
}

/* The grants and the port: made once per connection, revoked at its end. */
static void xnf_free_rings(struct xnf_dev *xd)
{
	unsigned int i;

	if (xd->irq > 0) {
		unbind_from_irqhandler(xd->irq, xd);
		xd->irq = 0;
	}
	/* gnttab_end_foreign_access() defers the free while the peer maps */
	for (i = 0; i < XNF_TX_PAGES; i++)
		if (xd->tx_page[i]) {
			gnttab_end_foreign_access(xd->tx_ref[i], xd->tx_page[i]);
			xd->tx_page[i] = NULL;
		}
	for (i = 0; i < XNF_RX_RING_SIZE; i++)
		if (xd->rx_page[i]) {
			gnttab_end_foreign_access(xd->rx_ref[i], xd->rx_page[i]);
			xd->rx_page[i] = NULL;
		}
	xenbus_teardown_ring((void **)&xd->txs, 1, &xd->tx_ring_ref);
	xenbus_teardown_ring((void **)&xd->rxs, 1, &xd->rx_ring_ref);
}

static int xnf_grant_page(struct xnf_dev *xd, struct page **page,
			  grant_ref_t *ref, bool readonly)
{
	int r;

	*page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!*page)
		return -ENOMEM;
	r = gnttab_grant_foreign_access(xd->dev->otherend_id,
					xen_page_to_gfn(*page), readonly);
	if (r < 0) {
		__free_page(*page);
		*page = NULL;
		return r;
	}
	*ref = r;
	return 0;
}

static int xnf_setup(struct xnf_dev *xd)
{
	static const struct xnf_want want = { .queues = 1 };
	struct xenbus_device *dev = xd->dev;
	struct xnf_offer offer;
	unsigned int i;
	int err;

	err = xnf_offer_read(&offer, xnf_read_offer, dev);
	if (err) {
		xenbus_dev_error(dev, err, "netback's features (no rx-copy?)");
		return err;
	}
	xnf_plan_make(&offer, &want, &xd->plan);
	err = xenbus_setup_ring(dev, GFP_KERNEL, (void **)&xd->txs, 1,
				&xd->tx_ring_ref) ?:
	      xenbus_setup_ring(dev, GFP_KERNEL, (void **)&xd->rxs, 1,
				&xd->rx_ring_ref);
	if (err)
		goto fail;
	xnf_tx_init(&xd->tx, xd->txs);
	xnf_rx_init(&xd->rx, xd->rxs);
	for (i = 0; i < XNF_TX_PAGES && !err; i++)
		err = xnf_grant_page(xd, &xd->tx_page[i], &xd->tx_ref[i], true);
	for (i = 0; i < XNF_RX_RING_SIZE && !err; i++) {
		err = xnf_grant_page(xd, &xd->rx_page[i], &xd->rx_ref[i], false);
		if (!err)
			xnf_rx_give(&xd->rx, i, xd->rx_ref[i]);
	}
	if (err)
		goto fail;
	xnf_txbuf_init(&xd->txb, 2 * XNF_TX_PAGES);
	err = xenbus_alloc_evtchn(dev, &xd->evtchn);
	if (err)
		goto fail;
	err = bind_evtchn_to_irqhandler_lateeoi(xd->evtchn, xnf_interrupt, 0,
						xd->net->name, xd);
	if (err < 0) {
		xenbus_free_evtchn(dev, xd->evtchn);
		goto fail;
	}
	xd->irq = err;
	xnf_rx_fill(&xd->rx);
	xnf_rx_push(&xd->rx);
	return 0;
fail:
	xenbus_dev_error(dev, err, "setting up the rings");
	xnf_free_rings(xd);
	return err;
}

static int xnf_write_keys(struct xnf_dev *xd)
{
	struct xnf_queue_keys q = {
		.tx_ring_ref = xd->tx_ring_ref, .rx_ring_ref = xd->rx_ring_ref,
		.evtchn_tx = xd->evtchn,
	};
	struct xnf_keys_txn t = { .dir = xd->dev->nodename };
	int err;

again:
	err = xenbus_transaction_start(&t.xbt);
	if (err)
		return err;
	err = xnf_plan_write(&xd->plan, &q, xnf_write_key, &t);
	if (err) {
		xenbus_transaction_end(t.xbt, 1);
		return err;
	}
	err = xenbus_transaction_end(t.xbt, 0);
	if (err == -EAGAIN)
		goto again;
	return err;
}

/* NAPI stopped, xmit kept out (connected false under the lock), then free. */
static void xnf_disconnect(struct xnf_dev *xd)
{
	bool running = netif_running(xd->net);
	unsigned long flags;

	netif_carrier_off(xd->net);
	if (running)
		napi_disable(&xd->napi);
	spin_lock_irqsave(&xd->tx_lock, flags);
	xd->connected = false;
	xnf_tx_drain(&xd->tx, xnf_tx_done, xd);
	spin_unlock_irqrestore(&xd->tx_lock, flags);
	xnf_free_rings(xd);
	if (running)
		napi_enable(&xd->napi);
}

static void xnf_backend_changed(struct xenbus_device *dev,
				enum xenbus_state backend_state)
{
	struct xnf_dev *xd = dev_get_drvdata(&dev->dev);

	switch (backend_state) {
	case XenbusStateInitWait:
		if (dev->state != XenbusStateInitialising)
			break;
		if (xnf_setup(xd))
			break;
		if (xnf_write_keys(xd)) {
			xenbus_dev_error(dev, -EIO, "writing the frontend's keys");
			xnf_free_rings(xd);
			break;
		}
		xenbus_switch_state(dev, XenbusStateConnected);
		break;
	case XenbusStateConnected:
		if (dev->state != XenbusStateConnected || xd->connected)
			break;
		xd->connected = true;
		netif_carrier_on(xd->net);
		xnf_notify(xd);		/* RX buffers were posted before */
		dev_info(&dev->dev, "connected (mac %pM)\n", xd->net->dev_addr);
		break;
	case XenbusStateClosed:
		if (dev->state == XenbusStateClosed)
			break;
		fallthrough;
	case XenbusStateClosing:
		if (xd->irq)
			xnf_disconnect(xd);
		xenbus_frontend_closed(dev);
		break;
	default:
		break;
	}
}

static int xnf_probe(struct xenbus_device *dev,
		     const struct xenbus_device_id *id)
{
	struct net_device *net = alloc_etherdev(sizeof(struct xnf_dev));
	struct xnf_dev *xd;
	u8 mac[ETH_ALEN];
	char *s;
	int err;

	if (!net)
		return -ENOMEM;
	xd = netdev_priv(net);
	xd->net = net;
	xd->dev = dev;
	xd->tx_ring_ref = INVALID_GRANT_REF;	/* 0 is a grant, not "none" */
	xd->rx_ring_ref = INVALID_GRANT_REF;
	spin_lock_init(&xd->tx_lock);
	INIT_WORK(&xd->broken_work, xnf_broken_work);
	s = xenbus_read(XBT_NIL, dev->nodename, "mac", NULL);
	if (IS_ERR(s) || !mac_pton(s, mac)) {
		err = IS_ERR(s) ? PTR_ERR(s) : -EINVAL;
		if (!IS_ERR(s))
			kfree(s);
		xenbus_dev_fatal(dev, err, "reading the mac key");
		free_netdev(net);
		return err;
	}
	kfree(s);
	eth_hw_addr_set(net, mac);
	net->netdev_ops = &xnf_netdev_ops;
	net->max_mtu = ETH_DATA_LEN;
	netif_napi_add(net, &xd->napi, xnf_poll);
	SET_NETDEV_DEV(net, &dev->dev);
	netif_carrier_off(net);
	dev_set_drvdata(&dev->dev, xd);
	err = register_netdev(net);
	if (err) {
		netif_napi_del(&xd->napi);
		free_netdev(net);
		return err;
	}
	return 0;
}

static void xnf_remove(struct xenbus_device *dev)
{
	struct xnf_dev *xd = dev_get_drvdata(&dev->dev);

	unregister_netdev(xd->net);
	cancel_work_sync(&xd->broken_work);
	if (xd->irq)
		xnf_disconnect(xd);
	netif_napi_del(&xd->napi);
	free_netdev(xd->net);
}

static const struct xenbus_device_id xnf_ids[] = {
	{ "vif" },
	{ "" }
};

static struct xenbus_driver xnf_driver = {
	.name = "xnf",
	.ids = xnf_ids,
	.probe = xnf_probe,
	.remove = xnf_remove,
	.otherend_changed = xnf_backend_changed,
	.not_essential = true,
};

static int __init xnf_init(void)
{
	if (!xen_domain())
		return -ENODEV;
	return xenbus_register_frontend(&xnf_driver);
}
module_init(xnf_init);

static void __exit xnf_exit(void)
{
	xenbus_unregister_driver(&xnf_driver);
}
module_exit(xnf_exit);

MODULE_DESCRIPTION("Xen network frontend on the project's portable netif ring logic");
MODULE_LICENSE("GPL");
MODULE_ALIAS("xen:vif");
