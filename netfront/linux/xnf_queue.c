// SPDX-License-Identifier: GPL-2.0
/*
 * One queue's shared resources: two ring pages, the TX and RX buffer
 * pages, all granted once per connection, the references TX lends to
 * the pages of frames it does not copy, the RX pages' pool, and one
 * event channel or two (split). Revoked and freed at the connection's
 * end.
 */
#include <linux/interrupt.h>
#include <net/page_pool.h>
#include <xen/events.h>
#include "xnf_linux.h"

/*
 * A zeroed page granted to the backend: read-only for TX buffers; RX
 * slots take theirs from the queue's pool, whose pages go to the stack
 * and come back.
 */
static int xnf_grant_page(struct xnf_queue *q, struct page **page,
			  grant_ref_t *ref, bool readonly)
{
	int r;

	*page = readonly ? alloc_page(GFP_KERNEL) :
			   page_pool_alloc_pages(q->pp, GFP_KERNEL);
	if (!*page)
		return -ENOMEM;
	clear_page(page_address(*page));
	r = gnttab_grant_foreign_access(q->xd->dev->otherend_id,
					xen_page_to_gfn(*page), readonly);
	if (r < 0) {
		if (readonly)
			__free_page(*page);
		else
			page_pool_put_full_page(q->pp, *page, false);
		*page = NULL;
		return r;
	}
	*ref = r;
	return 0;
}

/*
 * The references a frame's buffers lend to its fragments' pages
 * (xnf_datapath.c), taken from the grant table once per connection so
 * that sending claims none.
 */
static int xnf_lend_refs(struct xnf_queue *q)
{
	grant_ref_t head;
	unsigned int i;
	int err;

	err = gnttab_alloc_grant_references(XNF_TX_BUFS, &head);
	if (err)
		return err;
	for (i = 0; i < XNF_TX_BUFS; i++)
		q->tx_zc_ref[i] = gnttab_claim_grant_reference(&head);
	return 0;
}

static int xnf_bind(struct xnf_queue *q, evtchn_port_t *port, int *irq,
		    irq_handler_t handler, const char *name)
{
	int err = xenbus_alloc_evtchn(q->xd->dev, port);

	if (err)
		return err;
	err = bind_evtchn_to_irqhandler_lateeoi(*port, handler, 0, name, q);
	if (err < 0) {
		xenbus_free_evtchn(q->xd->dev, *port);
		return err;
	}
	*irq = err;
	return 0;
}

static int xnf_bind_events(struct xnf_queue *q, bool split)
{
	const char *dev = q->xd->net->name;
	int err;

	if (!split) {
		snprintf(q->rx_irq_name, sizeof(q->rx_irq_name), "%s-q%u",
			 dev, q->id);
		err = xnf_bind(q, &q->rx_evtchn, &q->rx_irq, xnf_rx_interrupt,
			       q->rx_irq_name);
		q->tx_evtchn = q->rx_evtchn;
		q->tx_irq = q->rx_irq;
		return err;
	}
	snprintf(q->tx_irq_name, sizeof(q->tx_irq_name), "%s-q%u-tx",
		 dev, q->id);
	snprintf(q->rx_irq_name, sizeof(q->rx_irq_name), "%s-q%u-rx",
		 dev, q->id);
	err = xnf_bind(q, &q->tx_evtchn, &q->tx_irq, xnf_tx_interrupt,
		       q->tx_irq_name);
	if (err)
		return err;
	return xnf_bind(q, &q->rx_evtchn, &q->rx_irq, xnf_rx_interrupt,
			q->rx_irq_name);
}

int xnf_queue_setup(struct xnf_queue *q, bool split)
{
	struct xenbus_device *dev = q->xd->dev;
	struct xnf_tx_stats tx_stats = q->tx.stats;
	struct xnf_rx_stats rx_stats = q->rx.stats;
	unsigned int i;
	int err;

	q->tx_ring_ref = INVALID_GRANT_REF;	/* 0 is a grant, not "none" */
	q->rx_ring_ref = INVALID_GRANT_REF;
	q->eoi_owed = 0;
	q->eoi_tx_work = false;
	q->eoi_rx_work = false;
	for (i = 0; i < XNF_TX_BUFS; i++)
		q->tx_zc_ref[i] = INVALID_GRANT_REF;
	err = xenbus_setup_ring(dev, GFP_KERNEL, (void **)&q->txs, 1,
				&q->tx_ring_ref) ?:
	      xenbus_setup_ring(dev, GFP_KERNEL, (void **)&q->rxs, 1,
				&q->rx_ring_ref);
	if (err)
		goto fail;
	/* new rings; the counters go on across connections */
	err = xnf_pool_setup(q);
	if (err)
		goto fail;
	/* no writer runs here: the marks are for readers */
	u64_stats_update_begin(&q->tx_syncp);
	xnf_tx_init(&q->tx, q->txs);
	q->tx.stats = tx_stats;
	u64_stats_update_end(&q->tx_syncp);
	u64_stats_update_begin(&q->rx_syncp);
	xnf_rx_init(&q->rx, q->rxs);
	q->rx.stats = rx_stats;
	u64_stats_update_end(&q->rx_syncp);
	for (i = 0; i < XNF_TX_BUFS && !err; i++)
		err = xnf_grant_page(q, &q->tx_page[i], &q->tx_ref[i], true);
	for (i = 0; i < XNF_RX_RING_SIZE && !err; i++) {
		err = xnf_grant_page(q, &q->rx_page[i], &q->rx_ref[i], false);
		if (!err)
			xnf_rx_give(&q->rx, i, q->rx_ref[i]);
	}
	if (!err)
		err = xnf_lend_refs(q);
	if (err)
		goto fail;
	xnf_txbuf_init(&q->txb, XNF_TX_BUFS);
	bitmap_zero(q->tx_xdp, XNF_TX_BUFS);
	err = xnf_bind_events(q, split);
	if (err)
		goto fail;
	u64_stats_update_begin(&q->rx_syncp);
	xnf_rx_fill(&q->rx);
	xnf_rx_push(&q->rx);
	u64_stats_update_end(&q->rx_syncp);
	return 0;
fail:
	xenbus_dev_error(dev, err, "setting up queue %u", q->id);
	xnf_queue_free(q);
	return err;
}

/* NAPI stopped, TX drained: nothing of this queue runs any more. */
void xnf_queue_free(struct xnf_queue *q)
{
	unsigned int i;

	if (q->tx_irq > 0 && q->tx_irq != q->rx_irq)
		unbind_from_irqhandler(q->tx_irq, q);
	if (q->rx_irq > 0)
		unbind_from_irqhandler(q->rx_irq, q);
	q->tx_irq = 0;
	q->rx_irq = 0;
	/* gnttab_end_foreign_access() defers the free while the peer maps */
	for (i = 0; i < XNF_TX_BUFS; i++)
		if (q->tx_page[i]) {
			gnttab_end_foreign_access(q->tx_ref[i], q->tx_page[i]);
			q->tx_page[i] = NULL;
		}
	/* ended when their frames were answered or drained */
	for (i = 0; i < XNF_TX_BUFS; i++)
		if (q->tx_zc_ref[i] != INVALID_GRANT_REF) {
			gnttab_free_grant_reference(q->tx_zc_ref[i]);
			q->tx_zc_ref[i] = INVALID_GRANT_REF;
		}
	/* out of the pool first: the grant may outlive it */
	for (i = 0; i < XNF_RX_RING_SIZE; i++)
		if (q->rx_page[i]) {
			page_pool_release_page(q->pp, q->rx_page[i]);
			gnttab_end_foreign_access(q->rx_ref[i], q->rx_page[i]);
			q->rx_page[i] = NULL;
		}
	xnf_pool_free(q);
	xenbus_teardown_ring((void **)&q->txs, 1, &q->tx_ring_ref);
	xenbus_teardown_ring((void **)&q->rxs, 1, &q->rx_ring_ref);
}
