/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A model of netback's side of the two rings, for the netfront's tests in
 * user space and KUnit: it reads TX requests the way Linux's netback does
 * (xen-netback/netback.c: first slot's size is the packet's, extra info
 * after it, more_data chains) and answers each slot, and it writes
 * received packets into the frontend's posted buffers, one response per
 * request in order, the id echoed. A grant reference reaches a page
 * through the test's page() (NULL: not granted). Tests make it hostile by
 * editing what it wrote.
 */
#ifndef MODEL_NETBACK_H
#define MODEL_NETBACK_H

#include "xnf_netif.h"

#define MODEL_PAGES 64
#define MODEL_MAX_PKT (XNF_MAX_SLOTS * XNF_PAGE_SIZE)

struct model_pkt {
	u8 data[MODEL_MAX_PKT];
	unsigned int len;
	unsigned int slots;
	u16 flags;			/* the first slot's offload flags */
	u16 gso_type, gso_size;
};

struct model_netback {
	struct xen_netif_tx_back_ring tx;
	struct xen_netif_rx_back_ring rx;
	u8 *(*page)(void *ctx, u32 gref);	/* what a grant reaches */
	void *ctx;
	const char *error;		/* why it refused the frontend's requests */
};

void model_init(struct model_netback *m, struct xen_netif_tx_sring *tx,
		struct xen_netif_rx_sring *rx,
		u8 *(*page)(void *ctx, u32 gref), void *ctx);

/*
 * Reads the next whole TX packet into *p and answers its slots with
 * status (NULL for extra info): 1; 0 when no whole packet is there; -1
 * when the requests break netif.h (m->error says how). Answers are
 * written, not pushed (model_tx_push()).
 */
int model_tx_packet(struct model_netback *m, struct model_pkt *p, s16 status);
/* Pushes the TX answers; true: the frontend asked for an event. */
bool model_tx_push(struct model_netback *m);

/*
 * Writes a received packet into the posted buffers (up to a page each,
 * the first at offset, GSO extra info when gso_type is set): 0, or -1
 * when too few buffers are posted (nothing written). Not pushed.
 */
int model_rx_packet(struct model_netback *m, const u8 *data,
		    unsigned int len, u16 offset, u16 flags, u16 gso_type,
		    u16 gso_size);
bool model_rx_push(struct model_netback *m);

#endif
