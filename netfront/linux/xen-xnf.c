// SPDX-License-Identifier: GPL-2.0
/*
 * xen-xnf: a Xen network frontend for a stock netback, on the portable
 * ring logic of netfront/portable (xnf_tx, xnf_rx, xnf_keys). It binds
 * "vif" devices like xen-netfront; a running guest's vif moves between
 * the two by unbind/bind in /sys/bus/xen/drivers/.
 *
 * This file: the xenbus state machine, probe and remove, the netdev
 * controls. Queues (up to 8, split event channels where offered) live in
 * xnf_queue.c, the fast path in xnf_datapath.c, counters in
 * xnf_ethtool.c. Documentation/netfront.rst says how it all fits.
 */
#include <linux/module.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/tcp.h>
#include <xen/events.h>
#include <xen/xen.h>
#include "xnf_linux.h"

static unsigned int queues;
module_param(queues, uint, 0444);
MODULE_PARM_DESC(queues,
		 "queues to ask netback for (0: one per online CPU); at most 8, and what netback offers");

static bool trusted = true;
module_param(trusted, bool, 0444);
MODULE_PARM_DESC(trusted,
		 "trust backends (as xen-netfront's): with 0, or a device's trusted key 0, TX frames are copied and recycled RX pages cleared");

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

/*
 * The last connection's queue keys go first: netback reads the queue
 * count before anything, and a stale multi-queue-num-queues beside one
 * queue's top-level keys (ethtool -L from several to one) makes it look
 * for queue-N/ rings that are gone, and close.
 */
static int xnf_clear_keys(struct xnf_keys_txn *t)
{
	char node[16];
	unsigned int i;
	int err;

	err = xenbus_rm(t->xbt, t->dir, "multi-queue-num-queues");
	for (i = 0; i < XNF_MAX_QUEUES && (!err || err == -ENOENT); i++) {
		snprintf(node, sizeof(node), "queue-%u", i);
		err = xenbus_rm(t->xbt, t->dir, node);
	}
	return err == -ENOENT ? 0 : err;
}

static int xnf_write_keys(struct xnf_dev *xd)
{
	struct xnf_queue_keys k[XNF_MAX_QUEUES];
	struct xnf_keys_txn t = { .dir = xd->dev->nodename };
	unsigned int i;
	int err;

	for (i = 0; i < xd->nq; i++) {
		k[i].tx_ring_ref = xd->q[i].tx_ring_ref;
		k[i].rx_ring_ref = xd->q[i].rx_ring_ref;
		k[i].evtchn_tx = xd->q[i].tx_evtchn;
		k[i].evtchn_rx = xd->q[i].rx_evtchn;
	}
again:
	err = xenbus_transaction_start(&t.xbt);
	if (err)
		return err;
	err = xnf_clear_keys(&t) ?:
	      xnf_plan_write(&xd->plan, k, xnf_write_key, &t);
	if (err) {
		xenbus_transaction_end(t.xbt, 1);
		return err;
	}
	err = xenbus_transaction_end(t.xbt, 0);
	if (err == -EAGAIN)
		goto again;
	return err;
}

static void xnf_free_queues(struct xnf_dev *xd)
{
	unsigned int i;

	for (i = 0; i < xd->nq; i++)
		xnf_queue_free(&xd->q[i]);
	xd->nq = 0;
}

/* What netback offers, met with what we want; the queues set up. */
static int xnf_setup(struct xnf_dev *xd)
{
	const struct xnf_want want = {
		.queues = xd->want_nq, .split_evtchn = true, .sg = true,
		.gso = true, .csum_offload = true,
	};
	struct xenbus_device *dev = xd->dev;
	struct xnf_offer offer;
	unsigned int i;
	int err;

	lockdep_assert_held(&xd->state_lock);
	err = xnf_offer_read(&offer, xnf_read_offer, dev);
	if (err) {
		xenbus_dev_error(dev, err, "netback's features (no rx-copy?)");
		return err;
	}
	if (offer.malformed)
		dev_warn(&dev->dev, "%u malformed feature keys: not offered\n",
			 offer.malformed);
	xnf_plan_make(&offer, &want, &xd->plan);
	rtnl_lock();
	err = netif_set_real_num_queues(xd->net, xd->plan.queues,
					xd->plan.queues);
	rtnl_unlock();
	if (err) {
		xenbus_dev_error(dev, err, "setting %u queues", xd->plan.queues);
		return err;
	}
	for (i = 0; i < xd->plan.queues; i++) {
		err = xnf_queue_setup(&xd->q[i], xd->plan.split_evtchn);
		if (err) {
			xnf_free_queues(xd);
			return err;
		}
		xd->nq = i + 1;
	}
	err = xnf_write_keys(xd);
	if (err) {
		xenbus_dev_error(dev, err, "writing the frontend's keys");
		xnf_free_queues(xd);
	}
	return err;
}

static void xnf_set_connected(struct xnf_dev *xd, bool up)
{
	unsigned int i;

	for (i = 0; i < xd->nq; i++) {
		spin_lock_irq(&xd->q[i].tx_lock);
		xd->connected = up;
		spin_unlock_irq(&xd->q[i].tx_lock);
	}
}

static void xnf_connected(struct xnf_dev *xd)
{
	struct net_device *net = xd->net;
	unsigned int i;

	xnf_set_connected(xd, true);
	rtnl_lock();
	/* the offloads this connection has; a big MTU needs scatter-gather */
	netdev_update_features(net);
	if (!xd->plan.sg && net->mtu > ETH_DATA_LEN)
		dev_set_mtu(net, ETH_DATA_LEN);
	if (netif_running(net))
		netif_tx_wake_all_queues(net);
	rtnl_unlock();
	netif_carrier_on(net);
	for (i = 0; i < xd->nq; i++)
		/* RX posted before; not counted: NAPI may be counting */
		notify_remote_via_irq(xd->q[i].rx_irq);
	/*
	 * netback turns its carrier on before it says Connected: frames it
	 * put on a ring in between raised an event whose poll found the
	 * device down and left them, and the ring's event index, where
	 * setup put it, asks for no other event. A poll now takes them and
	 * re-arms; without it that queue's RX stays deaf.
	 */
	local_bh_disable();
	for (i = 0; i < xd->nq; i++)
		napi_schedule(&xd->q[i].napi);
	local_bh_enable();
	dev_info(&xd->dev->dev, "connected (mac %pM, %u queues%s%s%s)\n",
		 net->dev_addr, xd->nq,
		 xd->plan.split_evtchn ? ", split events" : "",
		 xd->plan.sg ? ", sg" : "",
		 xd->plan.gso_tcpv4 || xd->plan.gso_tcpv6 ? ", gso" : "");
}

/* NAPI stopped, xmit kept out (connected false under the locks), freed. */
static void xnf_disconnect(struct xnf_dev *xd)
{
	bool running = netif_running(xd->net);
	unsigned int i;

	lockdep_assert_held(&xd->state_lock);
	netif_carrier_off(xd->net);
	if (running)
		for (i = 0; i < xd->nq; i++)
			napi_disable(&xd->q[i].napi);
	xnf_set_connected(xd, false);
	for (i = 0; i < xd->nq; i++) {
		struct xnf_queue *q = &xd->q[i];

		unsigned long flags = xnf_tx_lock(q);

		xnf_tx_drain(&q->tx, xnf_tx_done, q);
		xnf_tx_unlock(q, flags);
		netdev_tx_reset_queue(netdev_get_tx_queue(xd->net, i));
	}
	i = xd->nq;
	xnf_free_queues(xd);
	if (running)
		while (i--)
			napi_enable(&xd->q[i].napi);
}

void xnf_broken(struct xnf_queue *q, enum xnf_bad why)
{
	struct xnf_dev *xd = q->xd;

	dev_err_ratelimited(&xd->dev->dev,
			    "backend broke the netif protocol on queue %u (%s): closing\n",
			    q->id, xnf_bad_name(why));
	xd->connected = false;
	netif_carrier_off(xd->net);
	schedule_work(&xd->broken_work);
}

static void xnf_broken_work(struct work_struct *work)
{
	struct xnf_dev *xd = container_of(work, struct xnf_dev, broken_work);

	mutex_lock(&xd->state_lock);
	xenbus_switch_state(xd->dev, XenbusStateClosing);
	mutex_unlock(&xd->state_lock);
}

/*
 * ethtool -L: a new queue count takes a new connection. Closing now; the
 * backend's answers (xnf_backend_changed()) take the bus through Closed
 * and back to Initialising, and the next setup asks for want_nq.
 */
static void xnf_channels_work(struct work_struct *work)
{
	struct xnf_dev *xd = container_of(work, struct xnf_dev, channels_work);

	mutex_lock(&xd->state_lock);
	if (xd->dev->state == XenbusStateConnected &&
	    xd->nq != READ_ONCE(xd->want_nq)) {
		dev_info(&xd->dev->dev, "reconnecting for %u queues\n",
			 READ_ONCE(xd->want_nq));
		xd->reconnect = true;
		xenbus_switch_state(xd->dev, XenbusStateClosing);
	}
	mutex_unlock(&xd->state_lock);
}

int xnf_set_queues(struct xnf_dev *xd, unsigned int n)
{
	if (!n || n > xd->max_nq)
		return -EINVAL;
	WRITE_ONCE(xd->want_nq, n);
	schedule_work(&xd->channels_work);
	return 0;
}

static void xnf_backend_changed(struct xenbus_device *dev,
				enum xenbus_state backend_state)
{
	struct xnf_dev *xd = dev_get_drvdata(&dev->dev);

	mutex_lock(&xd->state_lock);
	switch (backend_state) {
	case XenbusStateInitWait:
		if (dev->state != XenbusStateInitialising)
			break;
		if (!xnf_setup(xd))
			xenbus_switch_state(dev, XenbusStateConnected);
		break;
	case XenbusStateConnected:
		if (dev->state != XenbusStateConnected || xd->connected ||
		    !xd->nq)
			break;
		xnf_connected(xd);
		break;
	case XenbusStateClosed:
		if (dev->state == XenbusStateClosed) {
			/* closed mid-way for a driver before: start over */
			if (xd->reconnect) {
				xd->reconnect = false;
				xenbus_switch_state(dev, XenbusStateInitialising);
			}
			break;
		}
		/*
		 * Still closing for the driver that had the vif before: this
		 * end's Initialising brings it to InitWait, not a close.
		 */
		if (dev->state == XenbusStateInitialising)
			break;
		fallthrough;
	case XenbusStateClosing:
		/* the same, mid-way: answer its close, then start over */
		if (dev->state == XenbusStateInitialising)
			xd->reconnect = true;
		if (xd->nq)
			xnf_disconnect(xd);
		xenbus_frontend_closed(dev);
		break;
	default:
		break;
	}
	mutex_unlock(&xd->state_lock);
}

/*
 * Polls the backend's state: once remove() runs, xenbus no longer calls
 * otherend_changed(). 5 s: netback answers within milliseconds; a dead
 * or hostile backend costs the unbind no more than that.
 */
static bool xnf_wait_backend(struct xenbus_device *dev, enum xenbus_state a,
			     enum xenbus_state b)
{
	unsigned long end = jiffies + 5 * HZ;

	do {
		enum xenbus_state s = xenbus_read_driver_state(dev->otherend);

		if (s == a || s == b || s == XenbusStateUnknown)
			return true;
		msleep(20);
	} while (time_before(jiffies, end));
	return false;
}

/*
 * Closing, then Closed, each answered by the backend before the next:
 * netback unmaps the rings and frees its queues on the way, so the
 * grants can be revoked after, and the vif is ready for the next driver
 * (netback goes to InitWait when a frontend comes back Initialising).
 */
static void xnf_bus_close(struct xnf_dev *xd)
{
	struct xenbus_device *dev = xd->dev;

	if (xenbus_read_driver_state(dev->otherend) == XenbusStateClosed &&
	    dev->state == XenbusStateClosed)
		return;
	xenbus_switch_state(dev, XenbusStateClosing);
	if (!xnf_wait_backend(dev, XenbusStateClosing, XenbusStateClosed))
		dev_warn(&dev->dev, "backend did not answer Closing in 5 s\n");
	xenbus_switch_state(dev, XenbusStateClosed);
	if (!xnf_wait_backend(dev, XenbusStateClosed, XenbusStateInitWait))
		dev_warn(&dev->dev, "backend did not answer Closed in 5 s\n");
}

static int xnf_open(struct net_device *net)
{
	struct xnf_dev *xd = netdev_priv(net);
	unsigned int i;

	for (i = 0; i < xd->max_nq; i++)
		napi_enable(&xd->q[i].napi);
	netif_tx_start_all_queues(net);
	/* what arrived while it was down; the poll re-arms the rings */
	local_bh_disable();
	for (i = 0; i < xd->nq; i++)
		if (xd->connected)
			napi_schedule(&xd->q[i].napi);
	local_bh_enable();
	return 0;
}

static int xnf_close(struct net_device *net)
{
	struct xnf_dev *xd = netdev_priv(net);
	unsigned int i;

	netif_tx_stop_all_queues(net);
	for (i = 0; i < xd->max_nq; i++)
		napi_disable(&xd->q[i].napi);
	return 0;
}

/* Offloads the connection has, and nothing before one. */
static netdev_features_t xnf_fix_features(struct net_device *net,
					  netdev_features_t f)
{
	struct xnf_dev *xd = netdev_priv(net);
	const struct xnf_plan *p = &xd->plan;

	if (!p->gso_tcpv4)
		f &= ~NETIF_F_TSO;
	if (!p->gso_tcpv6)
		f &= ~NETIF_F_TSO6;
	if (!p->ipv6_csum)
		f &= ~NETIF_F_IPV6_CSUM;
	if (p->no_csum_offload || !p->queues)
		f &= ~NETIF_F_IP_CSUM;
	return f;
}

/*
 * A frame over one TX page needs the backend's scatter-gather; one that
 * an XDP program sees must fit a page.
 */
static int xnf_change_mtu(struct net_device *net, int mtu)
{
	struct xnf_dev *xd = netdev_priv(net);

	if (mtu > ETH_DATA_LEN && !xd->plan.sg)
		return -EINVAL;
	if (rtnl_dereference(xd->xdp_prog) && !xnf_xdp_mtu_ok(mtu)) {
		netdev_warn(net, "MTU %d too large for the XDP program\n", mtu);
		return -EINVAL;
	}
	net->mtu = mtu;
	return 0;
}

static const struct net_device_ops xnf_netdev_ops = {
	.ndo_open = xnf_open,
	.ndo_stop = xnf_close,
	.ndo_start_xmit = xnf_start_xmit,
	.ndo_tx_timeout = xnf_tx_timeout,
	.ndo_get_stats64 = xnf_get_stats64,
	.ndo_fix_features = xnf_fix_features,
	.ndo_change_mtu = xnf_change_mtu,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
	.ndo_bpf = xnf_bpf,
	.ndo_xdp_xmit = xnf_xdp_xmit,
};

static int xnf_read_mac(struct xenbus_device *dev, struct net_device *net)
{
	u8 mac[ETH_ALEN];
	char *s = xenbus_read(XBT_NIL, dev->nodename, "mac", NULL);
	int err = 0;

	if (IS_ERR(s))
		return PTR_ERR(s);
	if (mac_pton(s, mac))
		eth_hw_addr_set(net, mac);
	else
		err = -EINVAL;
	kfree(s);
	return err;
}

static int xnf_probe(struct xenbus_device *dev,
		     const struct xenbus_device_id *id)
{
	unsigned int nq = min_t(unsigned int, queues ?: num_online_cpus(),
				XNF_MAX_QUEUES);
	struct net_device *net;
	struct xnf_dev *xd;
	unsigned int i;
	int err;

	net = alloc_etherdev_mq(sizeof(struct xnf_dev), nq);
	if (!net)
		return -ENOMEM;
	xd = netdev_priv(net);
	xd->net = net;
	xd->dev = dev;
	xd->max_nq = nq;
	mutex_init(&xd->state_lock);
	INIT_WORK(&xd->broken_work, xnf_broken_work);
	INIT_WORK(&xd->channels_work, xnf_channels_work);
	xd->want_nq = nq;
	xd->q = kvcalloc(nq, sizeof(*xd->q), GFP_KERNEL);
	if (!xd->q) {
		err = -ENOMEM;
		goto fail;
	}
	/* as xen-netfront: trusted unless the toolstack or the admin says not */
	xd->trusted = trusted &&
		      xenbus_read_unsigned(dev->nodename, "trusted", 1);
	err = xnf_read_mac(dev, net);
	if (err) {
		xenbus_dev_fatal(dev, err, "reading the mac key");
		goto fail;
	}
	for (i = 0; i < nq; i++) {
		xd->q[i].xd = xd;
		xd->q[i].id = i;
		spin_lock_init(&xd->q[i].tx_lock);
		u64_stats_init(&xd->q[i].tx_syncp);
		u64_stats_init(&xd->q[i].rx_syncp);
		u64_stats_init(&xd->q[i].irq_syncp[XNF_EOI_TX]);
		u64_stats_init(&xd->q[i].irq_syncp[XNF_EOI_RX]);
		netif_napi_add(net, &xd->q[i].napi, xnf_poll);
	}
	net->netdev_ops = &xnf_netdev_ops;
	net->ethtool_ops = &xnf_ethtool_ops;
	net->hw_features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
			   NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_RXCSUM;
	net->features = net->hw_features;
	net->max_mtu = XEN_NETIF_MAX_TX_SIZE - ETH_HLEN;
	netif_set_tso_max_size(net, XEN_NETIF_MAX_TX_SIZE - MAX_TCP_HEADER);
	SET_NETDEV_DEV(net, &dev->dev);
	netif_carrier_off(net);
	dev_set_drvdata(&dev->dev, xd);
	err = register_netdev(net);
	if (err)
		goto fail_napi;
	/*
	 * A vif another driver let go of is Closed, and so is its backend:
	 * Initialising asks netback for InitWait again. On a fresh vif this
	 * is the state already, and nothing is written.
	 */
	xenbus_switch_state(dev, XenbusStateInitialising);
	return 0;
fail_napi:
	for (i = 0; i < nq; i++)
		netif_napi_del(&xd->q[i].napi);
fail:
	kvfree(xd->q);
	free_netdev(net);
	return err;
}

static void xnf_remove(struct xenbus_device *dev)
{
	struct xnf_dev *xd = dev_get_drvdata(&dev->dev);
	unsigned int i;

	unregister_netdev(xd->net);
	cancel_work_sync(&xd->broken_work);
	cancel_work_sync(&xd->channels_work);
	mutex_lock(&xd->state_lock);
	xnf_bus_close(xd);
	if (xd->nq)
		xnf_disconnect(xd);
	mutex_unlock(&xd->state_lock);
	for (i = 0; i < xd->max_nq; i++)
		netif_napi_del(&xd->q[i].napi);
	kvfree(xd->q);
	free_netdev(xd->net);
}

/*
 * After xl restore (or a migration): a new netback, and this domain's
 * grants and event channels are void. The old rings go; the backend's
 * InitWait brings new ones (xenbus set this end Initialising).
 */
static int xnf_resume(struct xenbus_device *dev)
{
	struct xnf_dev *xd = dev_get_drvdata(&dev->dev);

	mutex_lock(&xd->state_lock);
	if (xd->nq)
		xnf_disconnect(xd);
	mutex_unlock(&xd->state_lock);
	return 0;
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
	.resume = xnf_resume,
	.otherend_changed = xnf_backend_changed,
	.not_essential = true,
	.allow_rebind = true,	/* remove() closed it: the vif may be bound again */
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
