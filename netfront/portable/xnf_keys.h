/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The netfront's half of netif.h's xenstore handshake, written once: what
 * the backend offers (its feature keys, read strictly), what this
 * frontend then asks for (queues, event channels, offloads), and the keys
 * that say so, top level for one queue or queue-N/ for several, as Linux's
 * netback reads them (xen-netback/xenbus.c). Keys are read and written
 * through the caller's functions, relative to the backend's and the
 * frontend's directory.
 */
#ifndef XNF_KEYS_H
#define XNF_KEYS_H

#include <platform/platform.h>

/* Queues netback serves at most (Linux's xenvif_max_queues cap). */
#define XNF_MAX_QUEUES 8

/* What the backend offers. */
struct xnf_offer {
	bool rx_copy;		/* feature-rx-copy: the only receive mode */
	bool sg;		/* feature-sg */
	bool gso_tcpv4;		/* feature-gso-tcpv4 */
	bool gso_tcpv6;		/* feature-gso-tcpv6 */
	bool ipv6_csum;		/* feature-ipv6-csum-offload */
	bool split_evtchn;	/* feature-split-event-channels */
	bool xdp_headroom;	/* feature-xdp-headroom */
	unsigned int max_queues;	/* multi-queue-max-queues, 1 if absent */
	unsigned int malformed;	/* keys present but not plain 0/1 or decimal */
};

/* What this frontend would like. */
struct xnf_want {
	unsigned int queues;	/* 1..XNF_MAX_QUEUES */
	bool split_evtchn;
	bool sg;
	bool gso;		/* TSO both ways, v4 and v6 where offered */
	bool csum_offload;	/* false: complete checksums both ways */
	u16 xdp_headroom;	/* 0: none */
};

/* What it asks for: the offer and the wants, met. */
struct xnf_plan {
	unsigned int queues;
	bool split_evtchn;
	bool sg;
	bool gso_tcpv4;
	bool gso_tcpv6;
	bool ipv6_csum;
	bool no_csum_offload;
	u16 xdp_headroom;
};

/* One queue's shared resources, as the keys name them. */
struct xnf_queue_keys {
	u32 tx_ring_ref;
	u32 rx_ring_ref;
	u32 evtchn_tx;		/* the one port when not split */
	u32 evtchn_rx;
};

/* key relative to the backend's directory; 0, -ENOENT or -errno. */
typedef int (*xnf_key_read_fn)(void *ctx, const char *key, char *buf,
			       size_t len);
/* key relative to the frontend's directory (may hold one "/"). */
typedef int (*xnf_key_write_fn)(void *ctx, const char *key,
				const char *value);

/*
 * Reads the backend's offer. Absent keys are not offered; a malformed one
 * is not offered either, and counted. -EPROTO: no feature-rx-copy (the
 * backend cannot give this frontend a packet); -errno from read().
 */
int xnf_offer_read(struct xnf_offer *o, xnf_key_read_fn read, void *ctx);

void xnf_plan_make(const struct xnf_offer *o, const struct xnf_want *w,
		   struct xnf_plan *p);

/*
 * Writes the plan and the queues' rings and ports (q[0..p->queues-1]):
 * 0, or the first write's error.
 */
int xnf_plan_write(const struct xnf_plan *p, const struct xnf_queue_keys *q,
		   xnf_key_write_fn write, void *ctx);

#endif
