// SPDX-License-Identifier: GPL-2.0
/*
 * What xen-xnf counts, per queue: `ethtool -S` (q<N>_<counter>), the
 * netdev's totals; and its queues, `ethtool -l` and `-L`. Events per
 * packet, the figure that explains a benchmark, is (events_sent + irqs) /
 * (tx_packets + rx_packets).
 */
#include <linux/ethtool.h>
#include "xnf_linux.h"

/* A queue's counters, copied whole (xnf_snapshot()). */
struct xnf_snap {
	struct xnf_tx_stats tx;
	struct xnf_rx_stats rx;
	struct xnf_qstats st;
};

struct xnf_counter {
	char name[ETH_GSTRING_LEN - 4];	/* room for "q7_" */
	unsigned int offset;		/* in struct xnf_snap */
};

#define XNF_TX(f) { "tx_" #f, offsetof(struct xnf_snap, tx.f) }
#define XNF_RX(f) { "rx_ring_" #f, offsetof(struct xnf_snap, rx.f) }
#define XNF_Q(f) { #f, offsetof(struct xnf_snap, st.f) }

static const struct xnf_counter xnf_counters[] = {
	XNF_TX(packets), XNF_TX(bytes), XNF_TX(slots), XNF_TX(gso),
	XNF_TX(completed), XNF_TX(errors), XNF_TX(dropped), XNF_TX(full),
	XNF_TX(notifies), XNF_TX(polls),
	XNF_RX(packets), XNF_RX(bytes), XNF_RX(slots), XNF_RX(errors),
	XNF_RX(gso), XNF_RX(posted), XNF_RX(notifies), XNF_RX(polls),
	XNF_Q(irqs), XNF_Q(tx_irqs), XNF_Q(events_sent),
	XNF_Q(rx_events_sent), XNF_Q(tx_stops), XNF_Q(tx_timeouts),
	XNF_Q(tx_copied_bytes), XNF_Q(tx_granted), XNF_Q(tx_grant_busy),
	XNF_Q(tx_drop_unsendable), XNF_Q(tx_drop_down), XNF_Q(rx_packets),
	XNF_Q(rx_bytes), XNF_Q(rx_copied), XNF_Q(rx_page_flips),
	XNF_Q(rx_page_busy),
	XNF_Q(rx_gso_csum_fixup), XNF_Q(rx_drop_nomem), XNF_Q(rx_drop_runt),
	XNF_Q(rx_drop_csum), XNF_Q(xdp_pass), XNF_Q(xdp_drop), XNF_Q(xdp_tx),
	XNF_Q(xdp_redirect), XNF_Q(xdp_aborted), XNF_Q(xdp_drop_large),
	XNF_Q(xdp_xmit), XNF_Q(xdp_xmit_full),
};

/*
 * Queue q's counters as no writer was changing them: on 32-bit a u64 is
 * written in two halves, and a copy taken across a write section is
 * taken again.
 */
static void xnf_snapshot(const struct xnf_queue *q, struct xnf_snap *c)
{
	unsigned int tx, rx, itx, irx;

	do {
		tx = u64_stats_fetch_begin(&q->tx_syncp);
		rx = u64_stats_fetch_begin(&q->rx_syncp);
		itx = u64_stats_fetch_begin(&q->irq_syncp[XNF_EOI_TX]);
		irx = u64_stats_fetch_begin(&q->irq_syncp[XNF_EOI_RX]);
		c->tx = q->tx.stats;
		c->rx = q->rx.stats;
		c->st = q->st;
	} while (u64_stats_fetch_retry(&q->tx_syncp, tx) ||
		 u64_stats_fetch_retry(&q->rx_syncp, rx) ||
		 u64_stats_fetch_retry(&q->irq_syncp[XNF_EOI_TX], itx) ||
		 u64_stats_fetch_retry(&q->irq_syncp[XNF_EOI_RX], irx));
}

static u64 xnf_counter(const struct xnf_snap *c, unsigned int k)
{
	return *(const u64 *)((const u8 *)c + xnf_counters[k].offset);
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
	struct xnf_snap c;
	unsigned int i, k;

	for (i = 0; i < xd->max_nq; i++) {
		xnf_snapshot(&xd->q[i], &c);
		for (k = 0; k < ARRAY_SIZE(xnf_counters); k++)
			*data++ = xnf_counter(&c, k);
	}
}

void xnf_get_stats64(struct net_device *net, struct rtnl_link_stats64 *s)
{
	struct xnf_dev *xd = netdev_priv(net);
	struct xnf_snap c;
	unsigned int i;

	for (i = 0; i < xd->max_nq; i++) {
		xnf_snapshot(&xd->q[i], &c);
		s->tx_packets += c.tx.packets;
		s->tx_bytes += c.tx.bytes;
		s->tx_errors += c.tx.errors + c.tx.dropped;
		s->tx_dropped += c.st.tx_drop_unsendable + c.st.tx_drop_down;
		s->rx_packets += c.st.rx_packets;
		s->rx_bytes += c.st.rx_bytes;
		s->rx_errors += c.rx.errors + c.st.rx_drop_csum + c.st.rx_drop_runt;
		s->rx_dropped += c.st.rx_drop_nomem + c.st.xdp_drop_large;
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
