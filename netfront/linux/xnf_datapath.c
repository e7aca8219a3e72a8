// SPDX-License-Identifier: GPL-2.0
/*
 * The fast path. TX: a frame is copied into buffers that stay granted,
 * or, when large and the backend trusted, its fragments' pages granted;
 * queued, and an xmit_more batch pushed once, BQL saying when to ring.
 * NAPI: TX completions, then received frames, then the rings re-armed
 * only once napi_complete_done() says the poll is over, so that deferred
 * hard interrupts and busy polling keep events off while they run; the
 * event channels' late EOIs follow, which is what bounds a backend that
 * floods events. RX: copybreak, or the slot's page given to the stack.
 */
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/skbuff.h>
#include <net/page_pool.h>
#include <xen/events.h>
#include "xnf_linux.h"

static irqreturn_t xnf_interrupt(struct xnf_queue *q, int which)
{
	u64_stats_update_begin(&q->irq_syncp[which]);
	if (which == XNF_EOI_TX)
		q->st.tx_irqs++;
	else
		q->st.irqs++;
	u64_stats_update_end(&q->irq_syncp[which]);
	set_bit(which, &q->eoi_owed);
	napi_schedule(&q->napi);
	return IRQ_HANDLED;
}

irqreturn_t xnf_tx_interrupt(int irq, void *data)
{
	return xnf_interrupt(data, XNF_EOI_TX);
}

irqreturn_t xnf_rx_interrupt(int irq, void *data)
{
	return xnf_interrupt(data, XNF_EOI_RX);
}

/*
 * The EOIs owed, once the poll that answers the events is over. An event
 * that brought nothing is spurious, and Linux's late-EOI backoff then
 * holds the channel (a jiffy, doubling up to a second) to slow a backend
 * that floods events. Work counts since the channel's last EOI, over all
 * the polls it took and, for TX, answers collected in xmit: a run of
 * full-budget polls ends with one that finds nothing, and that real event
 * must not pass for a flood (the hold starves the ring behind it).
 */
static void xnf_eoi(struct xnf_queue *q)
{
	bool tx_busy = q->eoi_tx_work, rx_busy = q->eoi_rx_work;

	if (test_and_clear_bit(XNF_EOI_TX, &q->eoi_owed)) {
		xen_irq_lateeoi(q->tx_irq, tx_busy ? 0 : XEN_EOI_FLAG_SPURIOUS);
		q->eoi_tx_work = false;
	}
	/* one channel for both unless split: it took both kinds */
	if (q->tx_irq == q->rx_irq)
		rx_busy |= tx_busy;
	if (test_and_clear_bit(XNF_EOI_RX, &q->eoi_owed)) {
		xen_irq_lateeoi(q->rx_irq, rx_busy ? 0 : XEN_EOI_FLAG_SPURIOUS);
		q->eoi_rx_work = false;
	}
}

/*
 * The grants of a frame sent without a copy ended: false if the backend
 * still maps a page. That grant cannot end yet and the page must not be
 * reused until it does: the grant table keeps both (taking its own hold
 * on the page) and ends the grant once it is unmapped, and the buffer's
 * reference, now the grant table's, is replaced at the next connection.
 */
static bool xnf_tx_ungrant(struct xnf_queue *q, u16 first)
{
	bool ended = true;
	u16 b = first, next;

	/* the first buffer holds the head, copied; the rest lent a ref */
	while ((next = xnf_txbuf_next(&q->txb, b)) != b) {
		b = next;
		if (gnttab_end_foreign_access_ref(q->tx_zc_ref[b]))
			continue;
		gnttab_end_foreign_access(q->tx_zc_ref[b], NULL);
		q->tx_zc_ref[b] = INVALID_GRANT_REF;
		ended = false;
	}
	return ended;
}

/*
 * A completed frame's buffers back to the free stack, and its skb freed
 * if it was sent without a copy. A backend that answers a request while
 * it still maps its page breaks the protocol (netback answers only once
 * it has unmapped); answers drained at disconnect are not answers.
 */
void xnf_tx_done(void *ctx, void *token, int status)
{
	struct xnf_queue *q = ctx;
	u16 first = xnf_txbuf_first(token);
	struct sk_buff *skb = q->tx_skb[first];

	lockdep_assert_held(&q->tx_lock);
	if (!__test_and_clear_bit(first, q->tx_xdp)) {
		q->done_pkts++;
		q->done_bytes += q->tx_len[first];
	}
	if (skb) {
		q->tx_skb[first] = NULL;
		if (!xnf_tx_ungrant(q, first)) {
			q->st.tx_grant_busy++;
			if (q->xd->connected)
				xnf_broken(q, XNF_BAD_MAPPED);
		}
		if (status == XEN_NETIF_RSP_OKAY)
			dev_consume_skb_any(skb);
		else
			dev_kfree_skb_any(skb);
	}
	xnf_txbuf_put(&q->txb, first);
}

/* The frame's offloads in netif.h's terms: false if it has none it can. */
static bool xnf_tx_offloads(struct sk_buff *skb, struct xnf_tx_pkt *pkt)
{
	pkt->gso_type = XEN_NETIF_GSO_TYPE_NONE;
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		pkt->flags = XNF_TX_CSUM_BLANK | XNF_TX_DATA_VALIDATED;
	else if (skb->ip_summed == CHECKSUM_UNNECESSARY)
		pkt->flags = XNF_TX_DATA_VALIDATED;
	if (!skb_is_gso(skb))
		return true;
	if (skb_shinfo(skb)->gso_type & SKB_GSO_TCPV4)
		pkt->gso_type = XEN_NETIF_GSO_TYPE_TCPV4;
	else if (skb_shinfo(skb)->gso_type & SKB_GSO_TCPV6)
		pkt->gso_type = XEN_NETIF_GSO_TYPE_TCPV6;
	else
		return false;	/* features offer no other kind */
	pkt->gso_size = skb_shinfo(skb)->gso_size;
	return true;
}

/* The frame copied into buffers b[0..n): they stay granted. */
static void xnf_tx_copy(struct xnf_queue *q, struct sk_buff *skb,
			struct xnf_seg *segs, const u16 *b, unsigned int n)
{
	unsigned int k;

	for (k = 0; k < n; k++) {
		unsigned int off = k * XNF_TX_BUF_SIZE;
		unsigned int len = min(skb->len - off, XNF_TX_BUF_SIZE);

		/* skb_copy_bits() cannot fail inside skb->len */
		WARN_ON_ONCE(skb_copy_bits(skb, off,
					   page_address(q->tx_page[b[k]]), len));
		segs[k].gref = q->tx_ref[b[k]];
		segs[k].offset = 0;
		segs[k].len = len;
	}
	q->st.tx_copied_bytes += skb->len;
}

/*
 * The slots a frame takes when its fragments' pages are granted (its
 * head copied into one buffer), or 0 when it is to be copied: the
 * backend is not trusted or takes one slot a frame (no feature-sg), the
 * frame is small (XNF_TX_GRANT_MIN), or its layout does not fit the
 * ring. A compound fragment may span several Xen pages: a slot each.
 */
static unsigned int xnf_tx_grant_slots(struct xnf_queue *q,
				       const struct sk_buff *skb)
{
	const struct skb_shared_info *sh = skb_shinfo(skb);
	unsigned int i, n = 1;

	if (!q->xd->trusted || !q->xd->plan.sg ||
	    skb->data_len < XNF_TX_GRANT_MIN ||
	    skb_has_frag_list(skb) || !skb_headlen(skb) ||
	    skb_headlen(skb) > XNF_TX_BUF_SIZE)
		return 0;
	for (i = 0; i < sh->nr_frags; i++) {
		if (!skb_frag_size(&sh->frags[i]))
			return 0;
		n += gnttab_count_grant(skb_frag_off(&sh->frags[i]),
					skb_frag_size(&sh->frags[i]));
	}
	return n <= XNF_MAX_SLOTS ? n : 0;
}

/* Filling a frame's slots from its fragments, a Xen page at a time. */
struct xnf_tx_granting {
	struct xnf_queue *q;
	struct xnf_seg *segs;
	const u16 *b;
	unsigned int k;		/* the next slot: counted by xnf_tx_grant_slots() */
};

static void xnf_tx_grant_one(unsigned long gfn, unsigned int offset,
			     unsigned int len, void *data)
{
	struct xnf_tx_granting *g = data;
	grant_ref_t ref = g->q->tx_zc_ref[g->b[g->k]];

	gnttab_grant_foreign_access_ref(ref, g->q->xd->dev->otherend_id, gfn,
					1);
	g->segs[g->k].gref = ref;
	g->segs[g->k].offset = offset;
	g->segs[g->k].len = len;
	g->k++;
}

/* The head into buffer b[0], each fragment's pages granted read-only. */
static void xnf_tx_grant(struct xnf_queue *q, struct sk_buff *skb,
			 struct xnf_seg *segs, const u16 *b)
{
	const struct skb_shared_info *sh = skb_shinfo(skb);
	struct xnf_tx_granting g = { .q = q, .segs = segs, .b = b, .k = 1 };
	unsigned int i;

	memcpy(page_address(q->tx_page[b[0]]), skb->data, skb_headlen(skb));
	segs[0].gref = q->tx_ref[b[0]];
	segs[0].offset = 0;
	segs[0].len = skb_headlen(skb);
	for (i = 0; i < sh->nr_frags; i++) {
		const skb_frag_t *f = &sh->frags[i];
		unsigned int off = skb_frag_off(f), len = skb_frag_size(f);
		struct page *page = nth_page(skb_frag_page(f),
					     off >> PAGE_SHIFT);

		/* one Linux page a call: it may hold several Xen pages */
		for (off &= ~PAGE_MASK; len; off = 0) {
			unsigned int part = min_t(unsigned int, len,
						  PAGE_SIZE - off);

			gnttab_foreach_grant_in_range(page, off, part,
						      xnf_tx_grant_one, &g);
			page = nth_page(page, 1);
			len -= part;
		}
	}
	q->tx_skb[b[0]] = skb;
	q->st.tx_granted += g.k - 1;	/* every slot but the head's */
	q->st.tx_copied_bytes += skb_headlen(skb);
}

/*
 * Completions collected, BQL told, the queue woken when a frame of the
 * most slots fits again. Returns the responses read, or -EIO.
 */
static int xnf_tx_reap(struct xnf_queue *q, struct netdev_queue *txq)
{
	int n;

	lockdep_assert_held(&q->tx_lock);
	q->done_pkts = 0;
	q->done_bytes = 0;
	n = xnf_tx_collect(&q->tx, XNF_TX_RING_SIZE, xnf_tx_done, q);
	if (n > 0)
		q->tx_collected += n;
	if (q->done_pkts)
		netdev_tx_completed_queue(txq, q->done_pkts, q->done_bytes);
	if (netif_tx_queue_stopped(txq) && xnf_tx_fits(q, XNF_MAX_SLOTS, true))
		netif_tx_wake_queue(txq);
	return n;
}

/*
 * TX completion events, the backend's to send, are asked for only where
 * needed: a stopped queue (ring full, or BQL) needs one when about half
 * of what is in flight is answered, to wake in time to keep the ring
 * busy; a running one, which collects completions as it sends
 * (xnf_tx_keep_up()), needs a single event after its last frame, should
 * it stop sending.
 */
static bool xnf_tx_rearm(struct xnf_queue *q, struct netdev_queue *txq)
{
	lockdep_assert_held(&q->tx_lock);
	return netif_xmit_stopped(txq) ? xnf_tx_arm(&q->tx) :
					 xnf_tx_arm_drain(&q->tx);
}

/*
 * A sender that keeps the ring over half full collects completions here
 * and moves the event on with them, so that it takes no completion
 * event while it runs.
 */
void xnf_tx_keep_up(struct xnf_queue *q)
{
	struct netdev_queue *txq = netdev_get_tx_queue(q->xd->net, q->id);

	lockdep_assert_held(&q->tx_lock);
	if (RING_FREE_REQUESTS(&q->tx.ring) >= XNF_TX_RING_SIZE / 2)
		return;
	if (xnf_tx_reap(q, txq) < 0)
		xnf_broken(q, q->tx.broken);
	else if (xnf_tx_rearm(q, txq))
		napi_schedule(&q->napi);	/* answers passed the event */
}

/* Requests written so far made visible to the backend. */
void xnf_tx_flush(struct xnf_queue *q)
{
	lockdep_assert_held(&q->tx_lock);
	if (xnf_tx_push(&q->tx)) {
		q->st.events_sent++;
		notify_remote_via_irq(q->tx_irq);
	}
}

/*
 * The queue stopped: the stack sends nothing more until it wakes, so no
 * later frame will end the batch, and the frames queued with xmit_more
 * are pushed now. Left unpushed they would never be answered, and a ring
 * full of them would never wake.
 */
static void xnf_tx_stop(struct xnf_queue *q, struct netdev_queue *txq)
{
	lockdep_assert_held(&q->tx_lock);
	netif_tx_stop_queue(txq);
	q->st.tx_stops++;
	xnf_tx_flush(q);
	if (xnf_tx_rearm(q, txq))	/* the event that wakes it */
		napi_schedule(&q->napi);
}

/*
 * The stack's watchdog: queue txqueue has been stopped for watchdog_timeo
 * (5 s) with no answer that woke it. What is written is pushed, the
 * backend notified again whether or not its req_event asks, and the poll
 * run: that mends a lost event on either side. Nothing is torn down, as a
 * busy dom0 is slow, not broken, and a backend that never answers stalls
 * only this guest's queue. Counted (tx_timeouts) and logged, rate-limited:
 * the stack logs each timeout itself.
 */
void xnf_tx_timeout(struct net_device *net, unsigned int txqueue)
{
	struct xnf_dev *xd = netdev_priv(net);
	struct xnf_queue *q;
	unsigned long flags;

	if (txqueue >= xd->max_nq)
		return;
	q = &xd->q[txqueue];
	flags = xnf_tx_lock(q);
	if (xd->connected && txqueue < xd->nq) {
		q->st.tx_timeouts++;
		dev_warn_ratelimited(&xd->dev->dev,
				     "queue %u stalled: %u frames unanswered, requests to %u, answers to %u: notifying the backend again\n",
				     q->id, q->tx.in_flight, q->tx.ring.req_prod_pvt,
				     READ_ONCE(q->txs->rsp_prod));
		xnf_tx_push(&q->tx);
		q->st.events_sent++;
		notify_remote_via_irq(q->tx_irq);
		napi_schedule(&q->napi);
	}
	xnf_tx_unlock(q, flags);
}

/* A frame dropped, counted in why: the TX lock let go. */
static netdev_tx_t xnf_tx_drop(struct xnf_queue *q, unsigned long flags,
			       struct sk_buff *skb, u64 *why)
	__releases(&q->tx_lock)
{
	(*why)++;
	xnf_tx_unlock(q, flags);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

netdev_tx_t xnf_start_xmit(struct sk_buff *skb, struct net_device *net)
{
	struct xnf_dev *xd = netdev_priv(net);
	u16 qid = skb_get_queue_mapping(skb);
	struct xnf_queue *q = &xd->q[qid < xd->max_nq ? qid : 0];
	struct netdev_queue *txq = netdev_get_tx_queue(net, q->id);
	struct xnf_seg segs[XNF_MAX_SLOTS];
	struct xnf_tx_pkt pkt = { .segs = segs };
	u16 b[XNF_MAX_SLOTS];
	unsigned long flags;
	unsigned int n;
	bool gso, granted;

	flags = xnf_tx_lock(q);
	if (unlikely(!xd->connected || qid >= xd->nq))
		return xnf_tx_drop(q, flags, skb, &q->st.tx_drop_down);
	n = xnf_tx_grant_slots(q, skb);
	granted = n;
	if (!granted)
		n = DIV_ROUND_UP(skb->len, XNF_TX_BUF_SIZE);
	if (unlikely(!skb->len || skb->len > XEN_NETIF_MAX_TX_SIZE ||
		     n > XNF_MAX_SLOTS || !xnf_tx_offloads(skb, &pkt))) {
		if (!netdev_xmit_more())	/* the batch ends unsent */
			xnf_tx_flush(q);
		return xnf_tx_drop(q, flags, skb, &q->st.tx_drop_unsendable);
	}
	gso = pkt.gso_type != XEN_NETIF_GSO_TYPE_NONE;
	if (unlikely(!xnf_tx_fits(q, n, gso))) {
		/* the stop below keeps this from happening: say so */
		xnf_tx_stop(q, txq);
		xnf_tx_unlock(q, flags);
		return NETDEV_TX_BUSY;
	}
	xnf_txbuf_take(&q->txb, n, b);
	if (granted)
		xnf_tx_grant(q, skb, segs, b);
	else
		xnf_tx_copy(q, skb, segs, b, n);
	pkt.nsegs = n;
	pkt.token = xnf_txbuf_token(b[0]);
	q->tx_len[b[0]] = skb->len;
	if (xnf_tx_queue(&q->tx, &pkt)) {
		/* checked above: only a packet netif.h cannot carry */
		if (granted) {
			q->tx_skb[b[0]] = NULL;
			xnf_tx_ungrant(q, b[0]);	/* never seen: ends */
		}
		xnf_txbuf_put(&q->txb, b[0]);
		if (!netdev_xmit_more())
			xnf_tx_flush(q);
		return xnf_tx_drop(q, flags, skb, &q->st.tx_drop_unsendable);
	}
	/*
	 * A batch is pushed once: by its last frame, or when BQL or a full
	 * ring stops the queue (xnf_tx_stop()).
	 */
	if (__netdev_tx_sent_queue(txq, skb->len, netdev_xmit_more()))
		xnf_tx_flush(q);
	xnf_tx_keep_up(q);
	if (!xnf_tx_fits(q, XNF_MAX_SLOTS, true))
		xnf_tx_stop(q, txq);
	xnf_tx_unlock(q, flags);
	/* copied: the stack has it back; granted: the answer frees it */
	if (!granted)
		dev_consume_skb_any(skb);
	return NETDEV_TX_OK;
}

/* -EIO, or the TX answers collected since the last poll, here or in xmit. */
static int xnf_tx_poll(struct xnf_queue *q)
{
	struct netdev_queue *txq = netdev_get_tx_queue(q->xd->net, q->id);
	unsigned long flags = xnf_tx_lock(q);
	int n;

	n = xnf_tx_reap(q, txq);
	if (n >= 0)
		n = min_t(unsigned int, q->tx_collected, INT_MAX);
	q->tx_collected = 0;
	xnf_tx_unlock(q, flags);
	return n;
}

/*
 * The page of RX slot id for the stack: taken, and the slot given a new
 * page under the same grant reference. When the backend still has the
 * page mapped (netback never maps in rx-copy mode: a hostile one might),
 * the grant cannot end and the bytes are copied into a new page instead.
 */
static struct page *xnf_rx_page_out(struct xnf_queue *q, u16 id,
				    unsigned int off, unsigned int len)
{
	struct page *fresh = page_pool_dev_alloc_pages(q->pp);
	struct page *out;

	if (!fresh)
		return NULL;
	/* a recycled page holds what the stack left: not for other eyes */
	if (!q->xd->trusted)
		clear_page(page_address(fresh));
	if (!gnttab_end_foreign_access_ref(q->rx_ref[id])) {
		q->st.rx_page_busy++;
		memcpy(page_address(fresh) + off,
		       page_address(q->rx_page[id]) + off, len);
		return fresh;
	}
	out = q->rx_page[id];
	q->rx_page[id] = fresh;
	gnttab_page_grant_foreign_access_ref_one(q->rx_ref[id],
						 q->xd->dev->otherend_id,
						 fresh, 0);
	q->st.rx_page_flips++;
	return out;
}

/* A frame in an skb: whole when short, else a head and the slots' pages. */
static struct sk_buff *xnf_rx_skb(struct xnf_queue *q,
				  const struct xnf_rx_pkt *p)
{
	const struct xnf_rx_frag *f = p->frag;
	unsigned int head, i, off, len;
	struct sk_buff *skb;

	if (p->len <= XNF_RX_COPYBREAK) {
		skb = napi_alloc_skb(&q->napi, p->len);
		if (!skb)
			return NULL;
		for (i = 0; i < p->nfrags; i++)
			skb_put_data(skb, page_address(q->rx_page[f[i].id]) +
				     f[i].offset, f[i].len);
		q->st.rx_copied++;
		return skb;
	}
	/* at most MAX_SKB_FRAGS pages: a frame of all its slots, whole head */
	head = p->nfrags > MAX_SKB_FRAGS ? f[0].len :
	       min_t(unsigned int, f[0].len, XNF_RX_COPYBREAK);
	skb = napi_alloc_skb(&q->napi, head);
	if (!skb)
		return NULL;
	skb_put_data(skb, page_address(q->rx_page[f[0].id]) + f[0].offset,
		     head);
	for (i = 0; i < p->nfrags; i++) {
		struct page *page;

		off = f[i].offset + (i ? 0 : head);
		len = f[i].len - (i ? 0 : head);
		if (!len)
			continue;
		page = xnf_rx_page_out(q, f[i].id, off, len);
		if (!page) {
			kfree_skb(skb);
			return NULL;
		}
		skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page, off, len,
				PAGE_SIZE);
	}
	skb_mark_for_recycle(skb);	/* pool pages go back to the pool */
	return skb;
}

/* netif.h's checksum and GSO flags into the skb's; false: drop it. */
static bool xnf_rx_offloads(struct xnf_queue *q, struct sk_buff *skb,
			    const struct xnf_rx_pkt *p)
{
	bool recalc = false;

	if (p->flags & XEN_NETRXF_csum_blank)
		skb->ip_summed = CHECKSUM_PARTIAL;
	else if (p->flags & XEN_NETRXF_data_validated)
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	if (p->gso_type != XEN_NETIF_GSO_TYPE_NONE) {
		skb_shinfo(skb)->gso_size = p->gso_size;
		skb_shinfo(skb)->gso_type =
			(p->gso_type == XEN_NETIF_GSO_TYPE_TCPV4 ?
			 SKB_GSO_TCPV4 : SKB_GSO_TCPV6) | SKB_GSO_DODGY;
		skb_shinfo(skb)->gso_segs = 0;
		/* a GSO frame must be CHECKSUM_PARTIAL: mend what is not */
		if (skb->ip_summed != CHECKSUM_PARTIAL) {
			q->st.rx_gso_csum_fixup++;
			skb->ip_summed = CHECKSUM_PARTIAL;
			recalc = true;
		}
	}
	return skb->ip_summed != CHECKSUM_PARTIAL ||
	       !skb_checksum_setup(skb, recalc);
}

/*
 * One received frame as an skb for the stack, or NULL (dropped and
 * counted, or the XDP program's); its slots go back either way.
 */
static struct sk_buff *xnf_rx_frame(struct xnf_queue *q,
				    const struct xnf_rx_pkt *p,
				    struct bpf_prog *prog)
{
	struct sk_buff *skb = NULL;
	unsigned int i;

	if (p->status != XEN_NETIF_RSP_OKAY)
		goto out;		/* counted in rx.stats.errors */
	if (p->len < ETH_HLEN) {
		q->st.rx_drop_runt++;
		goto out;
	}
	skb = prog ? xnf_xdp_run(q, prog, p) : xnf_rx_skb(q, p);
	if (!skb && prog)
		goto out;	/* the program's, or dropped and counted */
	if (!skb) {
		q->st.rx_drop_nomem++;
		goto out;
	}
	skb->protocol = eth_type_trans(skb, q->xd->net);
	skb_reset_network_header(skb);	/* skb_checksum_setup() reads it */
	skb_record_rx_queue(skb, q->id);
	if (!xnf_rx_offloads(q, skb, p)) {
		q->st.rx_drop_csum++;
		kfree_skb(skb);
		skb = NULL;
		goto out;
	}
	q->st.rx_packets++;
	q->st.rx_bytes += p->len;
out:
	for (i = 0; i < p->nfrags; i++)
		xnf_rx_recycle(&q->rx, p->frag[i].id);
	return skb;
}

/*
 * The next received frame, counted: 1 and *skb (NULL when it went
 * elsewhere), 0 when there is none, -EIO. The stack gets the skb outside
 * the counters' write side, so that nothing it calls can read them there.
 */
static int xnf_rx_one(struct xnf_queue *q, struct bpf_prog *prog,
		      struct sk_buff **skb)
{
	struct xnf_rx_pkt pkt;
	int r;

	u64_stats_update_begin(&q->rx_syncp);
	r = xnf_rx_next(&q->rx, &pkt);
	*skb = r == 1 ? xnf_rx_frame(q, &pkt, prog) : NULL;
	u64_stats_update_end(&q->rx_syncp);
	return r;
}

int xnf_poll(struct napi_struct *napi, int budget)
{
	struct xnf_queue *q = container_of(napi, struct xnf_queue, napi);
	struct bpf_prog *prog;
	struct sk_buff *skb;
	int work = 0, r = 0, tx;
	bool more;

	if (!q->xd->connected) {
		napi_complete(napi);
		xnf_eoi(q);
		return 0;
	}
	tx = xnf_tx_poll(q);
	if (tx < 0) {
		xnf_broken(q, q->tx.broken);
		goto stop;
	}
	rcu_read_lock();		/* the XDP program */
	prog = rcu_dereference(q->xd->xdp_prog);
	while (work < budget && (r = xnf_rx_one(q, prog, &skb)) == 1) {
		if (skb)
			napi_gro_receive(napi, skb);
		work++;
	}
	xnf_xdp_flush(q);
	rcu_read_unlock();
	q->eoi_tx_work |= tx > 0;
	q->eoi_rx_work |= work > 0;
	if (r < 0) {
		xnf_broken(q, q->rx.broken);
		goto stop;
	}
	u64_stats_update_begin(&q->rx_syncp);
	if (xnf_rx_fill(&q->rx) && xnf_rx_push(&q->rx)) {
		q->st.rx_events_sent++;
		notify_remote_via_irq(q->rx_irq);
	}
	u64_stats_update_end(&q->rx_syncp);
	if (work == budget || !napi_complete_done(napi, work))
		return work;	/* polled again: the EOIs wait for its end */
	spin_lock_irq(&q->tx_lock);
	more = xnf_tx_rearm(q, netdev_get_tx_queue(q->xd->net, q->id));
	spin_unlock_irq(&q->tx_lock);
	if (xnf_rx_arm(&q->rx) || more)
		napi_schedule(napi);
	xnf_eoi(q);
	return work;
stop:
	napi_complete(napi);
	xnf_eoi(q);	/* broken: a backend still signalling gets the backoff */
	return work;
}
