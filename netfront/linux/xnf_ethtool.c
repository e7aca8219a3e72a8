// SPDX-License-Identifier: GPL-2.0
/*
 * What xen-xnf counts, per queue: `ethtool -S` (q<N>_<counter>), the
 * netdev's totals; and its queues, `ethtool -l` and `-L`. Events per
 * packet, the figure that explains a benchmark, is (events_sent + irqs) /
 * (tx_packets + rx_packets).
 */
#include <linux/ethtool.h>
#include "xnf_linux.h"

struct xnf_counter {
	char name[ETH_GSTRING_LEN - 4];	/* room for "q7_" */
	unsigned int offset;		/* in struct xnf_queue */
};

#define XNF_TX(f) { "tx_" #f, offsetof(struct xnf_queue, tx.stats.f) }
#define XNF_RX(f) { "rx_ring_" #f, offsetof(struct xnf_queue, rx.stats.f) }
#define XNF_Q(f) { #f, offsetof(struct xnf_queue, st.f) }

static const struct xnf_counter xnf_counters[] = {
	XNF_TX(packets), XNF_TX(bytes), XNF_TX(slots), XNF_TX(gso),
	XNF_TX(completed), XNF_TX(errors), XNF_TX(dropped), XNF_TX(full),
	XNF_TX(notifies), XNF_TX(polls),
	XNF_RX(packets), XNF_RX(bytes), XNF_RX(slots), XNF_RX(errors),
	XNF_RX(gso), XNF_RX(posted), XNF_RX(notifies), XNF_RX(polls),
	XNF_Q(irqs), XNF_Q(tx_irqs), XNF_Q(events_sent),
	XNF_Q(rx_events_sent), XNF_Q(tx_stops),
	XNF_Q(tx_copied_bytes), XNF_Q(tx_drop_unsendable),
	XNF_Q(tx_drop_down), XNF_Q(rx_packets), XNF_Q(rx_bytes),
	XNF_Q(rx_copied), XNF_Q(rx_page_flips), XNF_Q(rx_page_busy),
	XNF_Q(rx_gso_csum_fixup), XNF_Q(rx_drop_nomem), XNF_Q(rx_drop_runt),
	XNF_Q(rx_drop_csum), XNF_Q(xdp_pass), XNF_Q(xdp_drop), XNF_Q(xdp_tx),
	XNF_Q(xdp_redirect), XNF_Q(xdp_aborted), XNF_Q(xdp_drop_large),
	XNF_Q(xdp_xmit), XNF_Q(xdp_xmit_full),
};

static u64 xnf_counter(const struct xnf_queue *q, unsigned int k)
{
	return *(const u64 *)((const u8 *)q + xnf_counters[k].offset);
}

static int xnf_get_sset_count(struct net_device *net, int sset)
{
	struct xnf_dev *xd = netdev_priv(net);

	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return xd->max_nq * ARRAY_SIZE(xnf_counters);
}

static void xnf_get_strings(struct net_device *net, u32 sset, u8 *data)
{
	struct xnf_dev *xd = netdev_priv(net);
	unsigned int i, k;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < xd->max_nq; i++)
		for (k = 0; k < ARRAY_SIZE(xnf_counters); k++)
			ethtool_sprintf(&data, "q%u_%s", i, xnf_counters[k].name);
}

/* Every queue this device may have: a reconnect can change how many run. */
static void xnf_get_ethtool_stats(struct net_device *net,
				  struct ethtool_stats *stats, u64 *data)
{
	struct xnf_dev *xd = netdev_priv(net);
	unsigned int i, k;

	for (i = 0; i < xd->max_nq; i++)
		for (k = 0; k < ARRAY_SIZE(xnf_counters); k++)
			*data++ = xnf_counter(&xd->q[i], k);
}

void xnf_get_stats64(struct net_device *net, struct rtnl_link_stats64 *s)
{
	struct xnf_dev *xd = netdev_priv(net);
	unsigned int i;

	for (i = 0; i < xd->max_nq; i++) {
		const struct xnf_queue *q = &xd->q[i];

		s->tx_packets += q->tx.stats.packets;
		s->tx_bytes += q->tx.stats.bytes;
		s->tx_errors += q->tx.stats.errors + q->tx.stats.dropped;
		s->tx_dropped += q->st.tx_drop_unsendable + q->st.tx_drop_down;
		s->rx_packets += q->st.rx_packets;
		s->rx_bytes += q->st.rx_bytes;
		s->rx_errors += q->rx.stats.errors + q->st.rx_drop_csum +
				q->st.rx_drop_runt;
		s->rx_dropped += q->st.rx_drop_nomem + q->st.xdp_drop_large;
	}
}

static void xnf_get_drvinfo(struct net_device *net,
			    struct ethtool_drvinfo *info)
{
	struct xnf_dev *xd = netdev_priv(net);

	strscpy(info->driver, "xnf", sizeof(info->driver));
	strscpy(info->bus_info, dev_name(&xd->dev->dev),
		sizeof(info->bus_info));
}

static void xnf_get_channels(struct net_device *net,
			     struct ethtool_channels *ch)
{
	struct xnf_dev *xd = netdev_priv(net);

	ch->max_combined = xd->max_nq;
	ch->combined_count = xd->nq;
}

/* Takes effect with the reconnection it starts (a second or so). */
static int xnf_set_channels(struct net_device *net,
			    struct ethtool_channels *ch)
{
	if (ch->rx_count || ch->tx_count || ch->other_count)
		return -EINVAL;
	return xnf_set_queues(netdev_priv(net), ch->combined_count);
}

const struct ethtool_ops xnf_ethtool_ops = {
	.get_drvinfo = xnf_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_sset_count = xnf_get_sset_count,
	.get_strings = xnf_get_strings,
	.get_ethtool_stats = xnf_get_ethtool_stats,
	.get_channels = xnf_get_channels,
	.set_channels = xnf_set_channels,
};
