/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The netfront's transmit ring, written once for the Linux driver and the
 * unikernel library: packets laid out as netif.h says (first slot with the
 * packet's size, GSO in an extra-info slot, one slot per further segment),
 * request ids from a free list, responses copied once and checked against
 * what is in flight, a packet completed when the last of its slots is
 * answered, and the event placement that gives one event per batch of
 * completions. The backend is hostile: any response it has no right to
 * send marks the ring broken, and nothing more is read from it.
 */
#ifndef XNF_TX_H
#define XNF_TX_H

#include "xnf_netif.h"
#include "xnf_bad.h"

/* One piece of a packet, in a page the caller granted to the backend. */
struct xnf_seg {
	u32 gref;
	u16 offset;
	u16 len;
};

/* Offloads of one packet (netif.h's meanings). */
#define XNF_TX_CSUM_BLANK	XEN_NETTXF_csum_blank	/* checksum to fill */
#define XNF_TX_DATA_VALIDATED	XEN_NETTXF_data_validated

struct xnf_tx_pkt {
	const struct xnf_seg *segs;
	unsigned int nsegs;		/* 1..XNF_MAX_SLOTS */
	u16 flags;			/* XNF_TX_* */
	u16 gso_type;			/* XEN_NETIF_GSO_TYPE_*, NONE: no GSO */
	u16 gso_size;			/* MSS, with gso_type */
	void *token;			/* given back when the packet completes */
};

struct xnf_tx_stats {
	u64 packets;		/* queued */
	u64 bytes;
	u64 slots;		/* requests written, extra-info slots included */
	u64 gso;		/* packets with a GSO extra */
	u64 completed;		/* packets answered */
	u64 errors;		/* packets answered ERROR */
	u64 dropped;		/* packets answered DROPPED */
	u64 full;		/* xnf_tx_queue() refused: no room */
	u64 notifies;		/* pushes after which the backend needed an event */
	u64 polls;		/* xnf_tx_collect() calls */
};

/* Per request id. */
struct xnf_tx_slot {
	void *token;		/* on the packet's first id only */
	u16 next;		/* free list, or the packet's next id */
	u16 pending;		/* first id: slots not answered yet */
	s16 status;		/* first id: the worst answer so far */
	u8 busy;		/* in flight, or answered in a packet in flight */
	u8 answered;
	u16 first;		/* the packet's first id */
};

struct xnf_tx {
	struct xen_netif_tx_front_ring ring;
	struct xnf_tx_slot slot[XNF_TX_RING_SIZE];
	u16 free_head;
	u16 free_count;
	u16 in_flight;		/* packets queued, not completed */
	u16 extras_pending;	/* extra-info slots not answered (NULL) yet */
	enum xnf_bad broken;	/* XNF_OK while the backend behaves */
	struct xnf_tx_stats stats;
};

/* Called for each completed packet with its token and worst status. */
typedef void (*xnf_tx_done_fn)(void *ctx, void *token, int status);

void xnf_tx_init(struct xnf_tx *tx, struct xen_netif_tx_sring *sring);

/*
 * Writes the packet's requests (not yet visible to the backend: see
 * xnf_tx_push()). 0; -EINVAL for a packet netif.h cannot carry (no
 * segment, too many, a segment past its page, a size over 65535, GSO
 * without an MSS); -ENOSPC when the ring or the ids have no room for it
 * now (nothing written); -EIO once the ring is broken.
 */
int xnf_tx_queue(struct xnf_tx *tx, const struct xnf_tx_pkt *pkt);

/* Whether a packet of nsegs segments (gso: with an extra) fits now. */
bool xnf_tx_room(const struct xnf_tx *tx, unsigned int nsegs, bool gso);

/* Makes the queued requests visible; true: notify the backend. */
bool xnf_tx_push(struct xnf_tx *tx);

/*
 * Reads at most budget responses, calling done() for each packet whose
 * last slot they answer. Returns the responses read, or -EIO when the
 * backend broke the protocol (tx->broken says how; nothing more is read,
 * and the packets still in flight stay with it: see xnf_tx_drain()).
 */
int xnf_tx_collect(struct xnf_tx *tx, unsigned int budget,
		   xnf_tx_done_fn done, void *ctx);

/*
 * Asks for an event when about half of what is in flight has been
 * answered (one per batch, not per packet); with nothing in flight, at
 * the next response. True: responses arrived meanwhile, collect again.
 */
bool xnf_tx_arm(struct xnf_tx *tx);

/*
 * Asks for one event when everything in flight now has been answered
 * (with nothing in flight, at the next response): for a sender that
 * collects as it goes and needs an event only once it stops. True as
 * for xnf_tx_arm().
 */
bool xnf_tx_arm_drain(struct xnf_tx *tx);

/*
 * After the backend is gone (disconnected, or broken and disconnected):
 * completes every packet still in flight with XEN_NETIF_RSP_ERROR, so
 * that its pages can be revoked and freed. Returns how many.
 */
unsigned int xnf_tx_drain(struct xnf_tx *tx, xnf_tx_done_fn done, void *ctx);

#endif
