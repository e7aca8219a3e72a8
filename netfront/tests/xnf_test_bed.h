/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The netfront tests' set-up: two shared ring pages, the pages grants
 * name (gref = index), the portable TX and RX rings on the frontend's
 * side and the netback model on the other.
 */
#ifndef XNF_TEST_BED_H
#define XNF_TEST_BED_H

#include "ent_test.h"
#include "model_netback.h"
#include "xnf_rx.h"
#include "xnf_tx.h"

struct xnf_bed {
	union {
		struct xen_netif_tx_sring s;
		u8 page[XNF_PAGE_SIZE];
	} txs;
	union {
		struct xen_netif_rx_sring s;
		u8 page[XNF_PAGE_SIZE];
	} rxs;
	u8 pages[MODEL_PAGES][XNF_PAGE_SIZE];
	struct xnf_tx tx;
	struct xnf_rx rx;
	struct model_netback back;
	struct model_pkt pkt;
	/* what xnf_tx_collect() handed back */
	void *done_token[XNF_TX_RING_SIZE + 1];
	int done_status[XNF_TX_RING_SIZE + 1];
	unsigned int done;
};

static inline u8 *xnf_bed_page(void *ctx, u32 gref)
{
	struct xnf_bed *b = ctx;

	return gref < MODEL_PAGES ? b->pages[gref] : NULL;
}

static inline struct xnf_bed *xnf_bed_new(struct xnf_bed *b)
{
	xnf_tx_init(&b->tx, &b->txs.s);
	xnf_rx_init(&b->rx, &b->rxs.s);
	model_init(&b->back, &b->txs.s, &b->rxs.s, xnf_bed_page, b);
	return b;
}

static inline void xnf_bed_done(void *ctx, void *token, int status)
{
	struct xnf_bed *b = ctx;

	if (b->done < XNF_TX_RING_SIZE + 1) {
		b->done_token[b->done] = token;
		b->done_status[b->done] = status;
	}
	b->done++;
}

#endif
