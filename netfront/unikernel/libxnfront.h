/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * libxnfront: a Xen network frontend (Xen's io/netif.h) for unikernels
 * and other small kernels, in freestanding C over the project's porting
 * interface (include/platform/xen_port.h): no libc, no allocation, no
 * threads, no blocking. It speaks to a stock netback and asks for what
 * Mini-OS's netfront lacks: scatter-gather, rx-notify (events, not
 * netback polling it every 30 ms), grants made once and reused for the
 * life of the connection (TX frames are copied into pre-granted buffers,
 * RX pages are posted again as they were), and batching (one event for
 * all the frames queued since the last flush).
 * Life of a device:
 *   xnfront_init()    reads the toolstack's keys (backend, mac), writes
 *                     Initialising
 *   xnfront_step()    on every change of the backend's state key: shares
 *                     the rings, the buffers and an event channel when
 *                     the backend waits (InitWait), then is Connected
 *   xnfront_send()    copies a frame into TX buffers and queues it
 *   xnfront_flush()   hands what was queued to the backend: one event
 *   xnfront_recv()    the next received frame, copied out; its buffers
 *                     are posted again, pushed to the backend a quarter
 *                     of the RX pages at a time and whenever no frame
 *                     is waiting
 *   xnfront_poll()    on the event channel's event: TX completions
 *   xnfront_close()   revokes everything and writes Closed (-EBUSY: the
 *                     backend was still connected, the pages stay its)
 */
#ifndef XNFRONT_H
#define XNFRONT_H

#include <platform/xen_port.h>
#include "xnf_keys.h"
#include "xnf_rx.h"
#include "xnf_tx.h"
#include "xnf_txbuf.h"

#define XNFRONT_PATH_MAX PLAT_XS_PATH_MAX
#define XNFRONT_TX_BUFS_MAX XNF_TX_RING_SIZE
#define XNFRONT_RX_BUFS_MAX XNF_RX_RING_SIZE

/* The host's pages, each 4096 bytes and page aligned, owned by the device. */
struct xnfront_pages {
	void *tx_ring, *rx_ring;
	void **tx;		/* n_tx pages, two TX buffers each */
	unsigned int n_tx;	/* 1 .. XNFRONT_TX_BUFS_MAX / 2 */
	void **rx;		/* n_rx pages, one RX buffer each */
	unsigned int n_rx;	/* 1 .. XNFRONT_RX_BUFS_MAX */
};

struct xnfront_stats {
	u64 tx_frames, tx_bytes, tx_errors, tx_full;
	u64 rx_frames, rx_bytes, rx_errors, rx_too_big;
	u64 events_sent;	/* notifications the batches needed */
	u64 grants;		/* grant operations: made once per connection */
};

struct xnfront {
	const struct plat_xen_port *port;
	void *ctx;
	char node[XNFRONT_PATH_MAX];		/* e.g. "device/vif/0" */
	char backend[XNFRONT_PATH_MAX];
	u16 backend_id;
	u8 mac[6];
	int state;				/* our XenbusState */
	bool shared;				/* grants and port live */
	struct xnf_plan plan;			/* what was asked of netback */
	bool connected;
	struct xnfront_pages pages;
	u32 tx_ring_ref, rx_ring_ref, evtchn;
	u32 tx_ref[XNFRONT_TX_BUFS_MAX / 2];	/* a grant per TX page */
	struct xnf_txbuf txb;			/* half pages: 1514 B a slot */
	u32 rx_ref[XNFRONT_RX_BUFS_MAX];	/* a grant per RX page */
	u16 rx_page_of[XNF_RX_RING_SIZE];	/* the page a slot holds */
	u16 rx_free[XNFRONT_RX_BUFS_MAX];	/* stack of pages in no slot */
	unsigned int rx_nfree;
	unsigned int rx_unpushed;		/* slots posted, not yet pushed */
	struct xnf_tx tx;
	struct xnf_rx rx;
	struct xnfront_stats stats;
	const char *error;			/* why the last call failed */
};

int xnfront_init(struct xnfront *f, const struct plat_xen_port *port,
		 void *ctx, const char *node,
		 const struct xnfront_pages *pages);
int xnfront_step(struct xnfront *f);
int xnfront_send(struct xnfront *f, const void *frame, size_t len);
int xnfront_flush(struct xnfront *f);
int xnfront_recv(struct xnfront *f, void *buf, size_t len);
int xnfront_poll(struct xnfront *f);
int xnfront_close(struct xnfront *f);

#endif
