/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xen-xnf's structures, shared by its files: xen-xnf.c (the xenbus state
 * machine, probe and remove), xnf_queue.c (one queue's rings, grants and
 * event channels), xnf_datapath.c (transmit, NAPI, receive),
 * xnf_xdp.c (XDP, the RX page pool) and xnf_ethtool.c (counters,
 * channels).
 */
#ifndef XNF_LINUX_H
#define XNF_LINUX_H

#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>
#include <net/xdp.h>
#include <xen/xenbus.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include "xnf_keys.h"
#include "xnf_rx.h"
#include "xnf_tx.h"
#include "xnf_txbuf.h"

/*
 * TX: a page per slot, granted read-only once per connection, into which
 * frames are copied: a 64 KiB GSO frame then takes 16 data slots, within
 * the 18 every backend accepts, and no grant is made per packet.
 */
#define XNF_TX_BUF_SIZE XEN_PAGE_SIZE
#define XNF_TX_BUFS XNF_TX_RING_SIZE

/*
 * A frame with at least this many bytes in page fragments goes to a
 * trusted backend without a copy: its head is copied into its first
 * buffer, its fragments' pages are granted under references its other
 * buffers lend (tx_zc_ref), and the skb is kept until the backend
 * answers. Below it, copying costs less than granting (netback maps, not
 * copies, every slot after the first 128 bytes). An untrusted backend
 * would see the rest of each granted page: it always gets copies.
 */
#define XNF_TX_GRANT_MIN 2048

/*
 * RX: a frame up to this many bytes is copied into a new skb and its slot
 * posted again as it was; a longer one takes its slots' pages (the slot
 * gets a new page under the same grant reference), with this many bytes
 * copied out as the skb's head.
 */
#define XNF_RX_COPYBREAK 256

/*
 * The driver's own counters, beside those of the rings (struct
 * xnf_tx_stats, xnf_rx_stats). Each has one writer at a time: TX ones
 * change under the queue's tx_lock, RX ones in its NAPI poll, the IRQ
 * counts in their handlers (the two channels of a split queue may fire
 * on two CPUs at once: a count each). Each writer marks its changes in
 * its own u64_stats_sync, so that a 32-bit reader copies whole values
 * (xnf_ethtool.c); on 64-bit the marks cost nothing.
 */
struct xnf_qstats {
	u64 irqs;		/* events received: RX channel, or the one */
	u64 tx_irqs;		/* events received on a split TX channel */
	u64 events_sent;	/* events sent for TX pushes (tx_lock) */
	u64 rx_events_sent;	/* for RX refills (NAPI), not at connect */
	u64 tx_stops;		/* queue stopped: ring or buffers full */
	u64 tx_timeouts;	/* the watchdog's: stopped 5 s, no answer */
	u64 tx_copied_bytes;	/* bytes copied into TX buffers */
	u64 tx_granted;		/* slots of skb pages granted, not copied */
	u64 tx_grant_busy;	/* of those, still mapped once answered */
	u64 tx_drop_unsendable;	/* frames netif.h cannot carry */
	u64 tx_drop_down;	/* frames sent while not connected */
	u64 rx_packets;		/* frames given to the stack */
	u64 rx_bytes;
	u64 rx_copied;		/* frames copied whole (copybreak) */
	u64 rx_page_flips;	/* slot pages given to the stack, regranted */
	u64 rx_page_busy;	/* slot page still mapped by the backend: copied */
	u64 rx_gso_csum_fixup;	/* GSO frames without csum_blank */
	u64 rx_drop_nomem;
	u64 rx_drop_runt;	/* shorter than an Ethernet header */
	u64 rx_drop_csum;	/* headers too broken to set up the checksum */
	u64 xdp_pass;		/* XDP verdicts on received frames */
	u64 xdp_drop;
	u64 xdp_tx;
	u64 xdp_redirect;
	u64 xdp_aborted;	/* aborted, unknown, or TX/redirect failed */
	u64 xdp_drop_large;	/* over a page (GSO): no program sees it */
	u64 xdp_xmit;		/* frames sent for ndo_xdp_xmit */
	u64 xdp_xmit_full;	/* refused by ndo_xdp_xmit: ring full, down */
};

/* Event channels whose late EOI is owed (bits of xnf_queue.eoi_owed). */
enum { XNF_EOI_TX, XNF_EOI_RX };

struct xnf_queue {
	struct xnf_dev *xd;
	unsigned int id;
	struct napi_struct napi;
	spinlock_t tx_lock;		/* the TX ring: xmit and NAPI */
	struct xnf_tx tx;
	struct xnf_rx rx;
	struct xen_netif_tx_sring *txs;
	struct xen_netif_rx_sring *rxs;
	grant_ref_t tx_ring_ref, rx_ring_ref;
	evtchn_port_t tx_evtchn, rx_evtchn;	/* the same one unless split */
	int tx_irq, rx_irq;			/* the same one unless split */
	unsigned long eoi_owed;
	/* work done since each channel's last EOI, over all its polls */
	bool eoi_tx_work, eoi_rx_work;
	unsigned int done_pkts, done_bytes;	/* completions for BQL */
	unsigned int tx_collected;	/* TX answers since the last poll */
	char tx_irq_name[IFNAMSIZ + 8];		/* eth0-q0-tx */
	char rx_irq_name[IFNAMSIZ + 8];
	struct xnf_txbuf txb;
	u16 tx_len[XNF_TX_BUFS];		/* by a frame's first buffer */
	struct sk_buff *tx_skb[XNF_TX_BUFS];	/* by first buffer: granted */
	grant_ref_t tx_zc_ref[XNF_TX_BUFS];	/* lent for a fragment's page */
	DECLARE_BITMAP(tx_xdp, XNF_TX_BUFS);	/* XDP's, not the stack's */
	struct page *tx_page[XNF_TX_BUFS];
	grant_ref_t tx_ref[XNF_TX_BUFS];
	struct page *rx_page[XNF_RX_RING_SIZE];
	grant_ref_t rx_ref[XNF_RX_RING_SIZE];
	struct page_pool *pp;			/* RX slot pages, XDP copies */
	struct xdp_rxq_info xdp_rxq;
	bool xdp_tx_owed, xdp_redirect_owed;	/* flushed as the poll ends */
	struct xnf_qstats st;
	struct u64_stats_sync tx_syncp;		/* TX counters: xnf_tx_lock() */
	struct u64_stats_sync rx_syncp;		/* RX counters: NAPI */
	struct u64_stats_sync irq_syncp[2];	/* by XNF_EOI_TX, XNF_EOI_RX */
};

struct xnf_dev {
	struct net_device *net;
	struct xenbus_device *dev;
	struct xnf_queue *q;		/* max_nq of them, nq connected */
	unsigned int max_nq, nq;
	unsigned int want_nq;		/* to ask for (ethtool -L), <= max_nq */
	bool reconnect;			/* closed for a driver before: start over */
	struct xnf_plan plan;		/* of the connection, or the last one */
	bool connected;			/* written under every tx_lock */
	bool trusted;			/* the backend may see stale pages */
	struct bpf_prog __rcu *xdp_prog;
	/*
	 * This end's state changes and what they set up or tear down, in
	 * order: xenbus records a state only after the write commits, so
	 * the backend's answer can reach otherend_changed() before; a
	 * writer outside it that did not hold this lock would then store a
	 * stale state over the answer's. Taken before rtnl, never inside.
	 */
	struct mutex state_lock;
	struct work_struct broken_work;	/* xenbus writes sleep: not in NAPI */
	struct work_struct channels_work; /* ethtool -L: under rtnl, no state_lock */
};

/* xnf_queue.c */
int xnf_queue_setup(struct xnf_queue *q, bool split);
void xnf_queue_free(struct xnf_queue *q);

/* The TX lock, and the write side of the TX counters it guards. */
static inline unsigned long xnf_tx_lock(struct xnf_queue *q)
	__acquires(&q->tx_lock)
{
	unsigned long flags;

	spin_lock_irqsave(&q->tx_lock, flags);
	u64_stats_update_begin(&q->tx_syncp);
	return flags;
}

static inline void xnf_tx_unlock(struct xnf_queue *q, unsigned long flags)
	__releases(&q->tx_lock)
{
	u64_stats_update_end(&q->tx_syncp);
	spin_unlock_irqrestore(&q->tx_lock, flags);
}

static inline bool xnf_tx_fits(struct xnf_queue *q, unsigned int n, bool gso)
{
	lockdep_assert_held(&q->tx_lock);
	return q->txb.nfree >= n && xnf_tx_room(&q->tx, n, gso);
}

/* xnf_datapath.c */
void xnf_tx_flush(struct xnf_queue *q);
void xnf_tx_keep_up(struct xnf_queue *q);
netdev_tx_t xnf_start_xmit(struct sk_buff *skb, struct net_device *net);
void xnf_tx_timeout(struct net_device *net, unsigned int txqueue);
int xnf_poll(struct napi_struct *napi, int budget);
irqreturn_t xnf_tx_interrupt(int irq, void *data);
irqreturn_t xnf_rx_interrupt(int irq, void *data);
void xnf_tx_done(void *ctx, void *token, int status);

/* xnf_xdp.c */
bool xnf_xdp_mtu_ok(unsigned int mtu);
int xnf_bpf(struct net_device *net, struct netdev_bpf *bpf);
int xnf_xdp_xmit(struct net_device *net, int n, struct xdp_frame **frames,
		 u32 flags);
struct sk_buff *xnf_xdp_run(struct xnf_queue *q, struct bpf_prog *prog,
			    const struct xnf_rx_pkt *p);
void xnf_xdp_flush(struct xnf_queue *q);
int xnf_pool_setup(struct xnf_queue *q);
void xnf_pool_free(struct xnf_queue *q);

/* xen-xnf.c */
void xnf_broken(struct xnf_queue *q, enum xnf_bad why);
int xnf_set_queues(struct xnf_dev *xd, unsigned int n);

/* xnf_ethtool.c */
extern const struct ethtool_ops xnf_ethtool_ops;
void xnf_get_stats64(struct net_device *net, struct rtnl_link_stats64 *s);

#endif
