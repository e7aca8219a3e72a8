/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The netfront's receive ring, written once for the Linux driver and the
 * unikernel library. Buffers are posted with id = ring index (netback
 * answers in request order and echoes the id, so response i answers
 * request i), each slot keeping its grant until the caller gives it a
 * new one: a slot whose bytes were copied out goes back as it was. Each
 * response is copied once and checked; a packet (its data slots, then any
 * extra info) is gathered across calls, so a packet the backend has half
 * written is never read twice. Anything the backend has no right to send
 * marks the ring broken.
 */
#ifndef XNF_RX_H
#define XNF_RX_H

#include "xnf_netif.h"
#include "xnf_bad.h"

/* One slot of a received packet: its bytes are in the slot's page. */
struct xnf_rx_frag {
	u16 id;
	u16 offset;
	u16 len;
};

struct xnf_rx_pkt {
	struct xnf_rx_frag frag[XNF_MAX_SLOTS];
	unsigned int nfrags;
	u16 spare;			/* a slot spent on extra info, or NO */
	unsigned int len;		/* all frags */
	u16 flags;			/* XEN_NETRXF_data_validated, csum_blank */
	u16 gso_type;			/* XEN_NETIF_GSO_TYPE_*, NONE: none */
	u16 gso_size;
	s16 status;			/* OKAY, or the backend's error: drop it */
};

#define XNF_RX_NO_SPARE 0xffff

struct xnf_rx_stats {
	u64 packets;		/* whole packets handed out, errors included */
	u64 bytes;
	u64 slots;		/* responses read, extra info included */
	u64 errors;		/* packets the backend answered with an error */
	u64 gso;		/* packets with GSO extra info */
	u64 posted;		/* requests written */
	u64 notifies;		/* pushes after which the backend needed an event */
	u64 polls;		/* xnf_rx_next() calls */
};

enum xnf_rx_slot_state {
	XNF_RX_EMPTY,		/* no buffer yet */
	XNF_RX_READY,		/* a buffer, not posted (a spare is ready) */
	XNF_RX_POSTED,		/* the backend may write it */
	XNF_RX_HELD,		/* answered: the caller's until it gives it back */
};

struct xnf_rx {
	struct xen_netif_rx_front_ring ring;
	u32 gref[XNF_RX_RING_SIZE];
	u8 state[XNF_RX_RING_SIZE];
	struct xnf_rx_pkt cur;		/* the packet being gathered */
	bool cur_more;			/* more data slots to come */
	bool cur_extra;			/* extra info to come */
	u8 cur_extras;			/* extra info slots read */
	enum xnf_bad broken;
	struct xnf_rx_stats stats;
};

void xnf_rx_init(struct xnf_rx *rx, struct xen_netif_rx_sring *sring);

/* Gives slot id a buffer (a page granted to the backend), or a new one. */
void xnf_rx_give(struct xnf_rx *rx, u16 id, u32 gref);

/* Gives back a slot of a packet handed out, with the grant it had. */
void xnf_rx_recycle(struct xnf_rx *rx, u16 id);

/*
 * Takes the buffer out of a slot not posted (a packet's frag, or its
 * spare): the slot is empty until xnf_rx_give(). For callers with fewer
 * buffers than slots, which move each buffer to the slot posted next.
 * Returns its grant, or -EBUSY for a posted or empty slot.
 */
int xnf_rx_take(struct xnf_rx *rx, u16 id, u32 *gref);

/*
 * Posts requests for the ready slots, in ring order (it stops at the
 * first slot not given back). Returns how many; push them with
 * xnf_rx_push().
 */
unsigned int xnf_rx_fill(struct xnf_rx *rx);

/* Makes the posted requests visible; true: notify the backend. */
bool xnf_rx_push(struct xnf_rx *rx);

/*
 * The next whole packet into *pkt: 1; 0 when none is complete yet; -EIO
 * once the backend broke the protocol (rx->broken says how). A packet
 * with status < 0 is an error the backend reported: give its slots back
 * and drop it. Each call reads at most one packet's responses.
 */
int xnf_rx_next(struct xnf_rx *rx, struct xnf_rx_pkt *pkt);

/*
 * Asks for an event at the next response. True: responses arrived
 * meanwhile, poll again (NAPI: call once napi_complete_done() said the
 * poll is over, so that busy polling and deferred interrupts can keep
 * events off while they run).
 */
bool xnf_rx_arm(struct xnf_rx *rx);

#endif
