// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "xnf_rx.h"

#define XNF_RX_MASK (XNF_RX_RING_SIZE - 1)
/* The flags a data slot may carry; gso_prefix is never negotiated. */
#define XNF_RX_FLAGS (XEN_NETRXF_data_validated | XEN_NETRXF_csum_blank | \
		      XEN_NETRXF_more_data | XEN_NETRXF_extra_info)

void xnf_rx_init(struct xnf_rx *rx, struct xen_netif_rx_sring *sring)
{
	memset(rx, 0, sizeof(*rx));
	rx->cur.spare = XNF_RX_NO_SPARE;
	SHARED_RING_INIT(sring);
	FRONT_RING_INIT(&rx->ring, sring, XNF_PAGE_SIZE);
}

void xnf_rx_give(struct xnf_rx *rx, u16 id, u32 gref)
{
	if (id >= XNF_RX_RING_SIZE || rx->state[id] == XNF_RX_POSTED)
		return;		/* the caller's bug: never a posted slot */
	rx->gref[id] = gref;
	rx->state[id] = XNF_RX_READY;
}

void xnf_rx_recycle(struct xnf_rx *rx, u16 id)
{
	if (id < XNF_RX_RING_SIZE && rx->state[id] == XNF_RX_HELD)
		rx->state[id] = XNF_RX_READY;
}

int xnf_rx_take(struct xnf_rx *rx, u16 id, u32 *gref)
{
	if (id >= XNF_RX_RING_SIZE ||
	    (rx->state[id] != XNF_RX_HELD && rx->state[id] != XNF_RX_READY))
		return -EBUSY;
	*gref = rx->gref[id];
	rx->state[id] = XNF_RX_EMPTY;
	return 0;
}

unsigned int xnf_rx_fill(struct xnf_rx *rx)
{
	unsigned int n = 0;

	while (rx->ring.req_prod_pvt - rx->ring.rsp_cons < XNF_RX_RING_SIZE) {
		u16 id = rx->ring.req_prod_pvt & XNF_RX_MASK;
		struct xen_netif_rx_request req;

		if (rx->state[id] != XNF_RX_READY)
			break;
		req.id = id;
		req.gref = rx->gref[id];
		memcpy(RING_GET_REQUEST(&rx->ring, rx->ring.req_prod_pvt), &req,
		       sizeof(req));
		rx->state[id] = XNF_RX_POSTED;
		rx->ring.req_prod_pvt++;
		n++;
	}
	rx->stats.posted += n;
	return n;
}

bool xnf_rx_push(struct xnf_rx *rx)
{
	int notify;

	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&rx->ring, notify);
	if (notify)
		rx->stats.notifies++;
	return notify;
}

static int xnf_rx_break(struct xnf_rx *rx, enum xnf_bad why)
{
	rx->broken = why;
	return -EIO;
}

/* An extra-info slot: only GSO is ever negotiated, once per packet. */
static enum xnf_bad xnf_rx_extra(struct xnf_rx *rx, RING_IDX cons)
{
	struct xen_netif_extra_info extra;

	memcpy(&extra, (const void *)RING_GET_RESPONSE(&rx->ring, cons),
	       sizeof(extra));
	if (extra.type != XEN_NETIF_EXTRA_TYPE_GSO || rx->cur_extras ||
	    extra.flags & ~XEN_NETIF_EXTRA_FLAG_MORE)
		return XNF_BAD_EXTRA;
	if ((extra.u.gso.type != XEN_NETIF_GSO_TYPE_TCPV4 &&
	     extra.u.gso.type != XEN_NETIF_GSO_TYPE_TCPV6) || !extra.u.gso.size)
		return XNF_BAD_EXTRA;
	rx->cur.gso_type = extra.u.gso.type;
	rx->cur.gso_size = extra.u.gso.size;
	rx->cur_extras++;
	rx->cur_extra = extra.flags & XEN_NETIF_EXTRA_FLAG_MORE;
	/* its buffer was not written: it goes back as it is */
	rx->state[cons & XNF_RX_MASK] = XNF_RX_READY;
	rx->cur.spare = cons & XNF_RX_MASK;
	return XNF_OK;
}

/* A data slot of the packet being gathered. */
static enum xnf_bad xnf_rx_data(struct xnf_rx *rx, RING_IDX cons)
{
	struct xen_netif_rx_response rsp;
	struct xnf_rx_pkt *p = &rx->cur;
	bool first = !p->nfrags;
	u16 id = cons & XNF_RX_MASK;

	RING_COPY_RESPONSE(&rx->ring, cons, &rsp);
	if (rsp.id != id || rx->state[id] != XNF_RX_POSTED)
		return XNF_BAD_ID;
	if (rsp.flags & ~XNF_RX_FLAGS ||
	    (!first && rsp.flags & XEN_NETRXF_extra_info))
		return XNF_BAD_FLAGS;
	if (p->nfrags == XNF_MAX_SLOTS)
		return XNF_BAD_SLOTS;
	rx->state[id] = XNF_RX_HELD;
	p->frag[p->nfrags].id = id;
	p->frag[p->nfrags].offset = 0;	/* an error slot's is not checked */
	p->frag[p->nfrags].len = 0;
	p->nfrags++;
	if (rsp.status < 0) {
		/* the backend's error: the packet goes, its slots come back */
		if (p->status == XEN_NETIF_RSP_OKAY)
			p->status = rsp.status;
	} else {
		if (rsp.offset >= XNF_PAGE_SIZE ||
		    rsp.status > (s16)(XNF_PAGE_SIZE - rsp.offset))
			return XNF_BAD_RANGE;
		p->frag[p->nfrags - 1].offset = rsp.offset;
		p->frag[p->nfrags - 1].len = rsp.status;
		p->len += rsp.status;
	}
	if (first) {
		p->flags = rsp.flags & (XEN_NETRXF_data_validated |
					XEN_NETRXF_csum_blank);
		rx->cur_extra = rsp.flags & XEN_NETRXF_extra_info;
	}
	rx->cur_more = rsp.flags & XEN_NETRXF_more_data;
	return XNF_OK;
}

int xnf_rx_next(struct xnf_rx *rx, struct xnf_rx_pkt *pkt)
{
	RING_IDX cons = rx->ring.rsp_cons, prod;
	enum xnf_bad bad;

	if (rx->broken)
		return -EIO;
	rx->stats.polls++;
	prod = xnf_read_idx(&rx->ring.sring->rsp_prod);
	/* one response per request posted, never more */
	if (prod - cons > rx->ring.req_prod_pvt - cons)
		return xnf_rx_break(rx, XNF_BAD_PROD);
	plat_rmb();		/* see responses up to prod, not older contents */

	while (cons != prod) {
		if (rx->cur.nfrags && rx->cur_extra)
			bad = xnf_rx_extra(rx, cons);
		else
			bad = xnf_rx_data(rx, cons);
		cons++;
		rx->ring.rsp_cons = cons;
		rx->stats.slots++;
		if (bad)
			return xnf_rx_break(rx, bad);
		if (rx->cur_more || rx->cur_extra)
			continue;
		/* whole */
		*pkt = rx->cur;
		memset(&rx->cur, 0, sizeof(rx->cur));
		rx->cur.spare = XNF_RX_NO_SPARE;
		rx->cur_extras = 0;
		rx->stats.packets++;
		rx->stats.bytes += pkt->len;
		if (pkt->status < 0)
			rx->stats.errors++;
		if (pkt->gso_type != XEN_NETIF_GSO_TYPE_NONE)
			rx->stats.gso++;
		return 1;
	}
	return 0;
}

bool xnf_rx_arm(struct xnf_rx *rx)
{
	RING_IDX cons = rx->ring.rsp_cons;

	rx->ring.sring->rsp_event = cons + 1;
	plat_mb();		/* the event index before looking again */
	return xnf_read_idx(&rx->ring.sring->rsp_prod) != cons;
}
