// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "xnf_tx.h"

#define XNF_NO_ID 0xffff

void xnf_tx_init(struct xnf_tx *tx, struct xen_netif_tx_sring *sring)
{
	unsigned int i;

	memset(tx, 0, sizeof(*tx));
	SHARED_RING_INIT(sring);
	FRONT_RING_INIT(&tx->ring, sring, XNF_PAGE_SIZE);
	for (i = 0; i < XNF_TX_RING_SIZE; i++)
		tx->slot[i].next = i + 1 < XNF_TX_RING_SIZE ? i + 1 : XNF_NO_ID;
	tx->free_head = 0;
	tx->free_count = XNF_TX_RING_SIZE;
}

bool xnf_tx_room(const struct xnf_tx *tx, unsigned int nsegs, bool gso)
{
	return RING_FREE_REQUESTS(&tx->ring) >= nsegs + gso &&
	       tx->free_count >= nsegs;
}

static u16 xnf_tx_take_id(struct xnf_tx *tx)
{
	u16 id = tx->free_head;

	tx->free_head = tx->slot[id].next;
	tx->free_count--;
	return id;
}

static void xnf_tx_put_id(struct xnf_tx *tx, u16 id)
{
	tx->slot[id].busy = 0;
	tx->slot[id].token = NULL;
	tx->slot[id].next = tx->free_head;
	tx->free_head = id;
	tx->free_count++;
}

static int xnf_tx_check(const struct xnf_tx_pkt *pkt)
{
	unsigned int i, total = 0;

	if (!pkt->nsegs || pkt->nsegs > XNF_MAX_SLOTS)
		return -EINVAL;
	if (pkt->flags & ~(XNF_TX_CSUM_BLANK | XNF_TX_DATA_VALIDATED))
		return -EINVAL;
	if (pkt->gso_type != XEN_NETIF_GSO_TYPE_NONE &&
	    ((pkt->gso_type != XEN_NETIF_GSO_TYPE_TCPV4 &&
	      pkt->gso_type != XEN_NETIF_GSO_TYPE_TCPV6) || !pkt->gso_size))
		return -EINVAL;
	for (i = 0; i < pkt->nsegs; i++) {
		if (pkt->segs[i].offset + pkt->segs[i].len > XNF_PAGE_SIZE)
			return -EINVAL;
		total += pkt->segs[i].len;
	}
	return total > XEN_NETIF_MAX_TX_SIZE ? -EINVAL : (int)total;
}

/*
 * netif.h's layout: the first request carries the whole packet's size and
 * its flags, an extra-info request follows it when there is GSO, then one
 * request per further segment, each with its own size; more_data on all
 * but the last data request. The requests are written whole (nothing of
 * the shared slot is read back: the backend may scribble on it).
 */
int xnf_tx_queue(struct xnf_tx *tx, const struct xnf_tx_pkt *pkt)
{
	bool gso = pkt->gso_type != XEN_NETIF_GSO_TYPE_NONE;
	struct xen_netif_tx_request req;
	u16 first = XNF_NO_ID, prev = XNF_NO_ID, id;
	unsigned int i;
	int total;

	if (tx->broken)
		return -EIO;
	total = xnf_tx_check(pkt);
	if (total < 0)
		return total;
	if (!xnf_tx_room(tx, pkt->nsegs, gso)) {
		tx->stats.full++;
		return -ENOSPC;
	}
	for (i = 0; i < pkt->nsegs; i++) {
		id = xnf_tx_take_id(tx);
		tx->slot[id].busy = 1;
		tx->slot[id].answered = 0;
		tx->slot[id].next = XNF_NO_ID;
		if (i == 0) {
			first = id;
			tx->slot[id].token = pkt->token;
			tx->slot[id].pending = pkt->nsegs;
			tx->slot[id].status = XEN_NETIF_RSP_OKAY;
		} else {
			tx->slot[prev].next = id;
		}
		tx->slot[id].first = first;
		prev = id;

		req.gref = pkt->segs[i].gref;
		req.offset = pkt->segs[i].offset;
		req.id = id;
		req.size = i == 0 ? (u16)total : pkt->segs[i].len;
		req.flags = i + 1 < pkt->nsegs ? XEN_NETTXF_more_data : 0;
		if (i == 0)
			req.flags |= pkt->flags | (gso ? XEN_NETTXF_extra_info : 0);
		memcpy(RING_GET_REQUEST(&tx->ring, tx->ring.req_prod_pvt), &req,
		       sizeof(req));
		tx->ring.req_prod_pvt++;

		if (i == 0 && gso) {
			struct xen_netif_extra_info extra;

			memset(&extra, 0, sizeof(extra));
			extra.type = XEN_NETIF_EXTRA_TYPE_GSO;
			extra.u.gso.size = pkt->gso_size;
			extra.u.gso.type = pkt->gso_type;
			memcpy(RING_GET_REQUEST(&tx->ring, tx->ring.req_prod_pvt),
			       &extra, sizeof(extra));
			tx->ring.req_prod_pvt++;
			tx->extras_pending++;
			tx->stats.gso++;
			tx->stats.slots++;
		}
	}
	tx->in_flight++;
	tx->stats.packets++;
	tx->stats.bytes += total;
	tx->stats.slots += pkt->nsegs;
	return 0;
}

bool xnf_tx_push(struct xnf_tx *tx)
{
	int notify;

	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&tx->ring, notify);
	if (notify)
		tx->stats.notifies++;
	return notify;
}

static int xnf_tx_break(struct xnf_tx *tx, enum xnf_bad why)
{
	tx->broken = why;
	return -EIO;
}

/* The packet's ids back to the free list; its token to the caller. */
static void xnf_tx_complete(struct xnf_tx *tx, u16 first,
			    xnf_tx_done_fn done, void *ctx)
{
	void *token = tx->slot[first].token;
	int status = tx->slot[first].status;
	u16 id = first, next;

	do {
		next = tx->slot[id].next;
		xnf_tx_put_id(tx, id);
		id = next;
	} while (id != XNF_NO_ID);
	tx->in_flight--;
	tx->stats.completed++;
	if (status == XEN_NETIF_RSP_ERROR)
		tx->stats.errors++;
	else if (status == XEN_NETIF_RSP_DROPPED)
		tx->stats.dropped++;
	done(ctx, token, status);
}

int xnf_tx_collect(struct xnf_tx *tx, unsigned int budget,
		   xnf_tx_done_fn done, void *ctx)
{
	RING_IDX cons = tx->ring.rsp_cons, prod;
	int n = 0;

	if (tx->broken)
		return -EIO;
	tx->stats.polls++;
	prod = xnf_read_idx(&tx->ring.sring->rsp_prod);
	/* one response per request written, NULLs for extras included */
	if (prod - cons > tx->ring.req_prod_pvt - cons)
		return xnf_tx_break(tx, XNF_BAD_PROD);
	plat_rmb();		/* see responses up to prod, not older contents */

	for (; cons != prod && (unsigned int)n < budget; cons++, n++) {
		struct xen_netif_tx_response rsp;
		struct xnf_tx_slot *s;

		RING_COPY_RESPONSE(&tx->ring, cons, &rsp);
		if (rsp.status == XEN_NETIF_RSP_NULL) {
			if (!tx->extras_pending) {
				tx->ring.rsp_cons = cons;
				return xnf_tx_break(tx, XNF_BAD_STATUS);
			}
			tx->extras_pending--;
			continue;
		}
		if (rsp.id >= XNF_TX_RING_SIZE || !tx->slot[rsp.id].busy ||
		    tx->slot[rsp.id].answered) {
			tx->ring.rsp_cons = cons;
			return xnf_tx_break(tx, XNF_BAD_ID);
		}
		if (rsp.status != XEN_NETIF_RSP_OKAY &&
		    rsp.status != XEN_NETIF_RSP_ERROR &&
		    rsp.status != XEN_NETIF_RSP_DROPPED) {
			tx->ring.rsp_cons = cons;
			return xnf_tx_break(tx, XNF_BAD_STATUS);
		}
		tx->slot[rsp.id].answered = 1;
		s = &tx->slot[tx->slot[rsp.id].first];
		if (s->status == XEN_NETIF_RSP_OKAY)
			s->status = rsp.status;
		if (--s->pending == 0)
			xnf_tx_complete(tx, tx->slot[rsp.id].first, done, ctx);
	}
	tx->ring.rsp_cons = cons;
	return n;
}

/* An event when the answer at index at - 1 comes (at least one more). */
static bool xnf_tx_arm_at(struct xnf_tx *tx, RING_IDX at)
{
	RING_IDX cons = tx->ring.rsp_cons;

	tx->ring.sring->rsp_event = at == cons ? cons + 1 : at;
	plat_mb();		/* the event index before looking again */
	return xnf_read_idx(&tx->ring.sring->rsp_prod) != cons;
}

bool xnf_tx_arm(struct xnf_tx *tx)
{
	RING_IDX cons = tx->ring.rsp_cons;

	return xnf_tx_arm_at(tx, cons + ((tx->ring.req_prod_pvt - cons) >> 1) + 1);
}

bool xnf_tx_arm_drain(struct xnf_tx *tx)
{
	return xnf_tx_arm_at(tx, tx->ring.req_prod_pvt);
}

unsigned int xnf_tx_drain(struct xnf_tx *tx, xnf_tx_done_fn done, void *ctx)
{
	unsigned int id, n = 0;

	for (id = 0; id < XNF_TX_RING_SIZE; id++) {
		if (tx->slot[id].busy && tx->slot[id].first == id) {
			tx->slot[id].status = XEN_NETIF_RSP_ERROR;
			xnf_tx_complete(tx, id, done, ctx);
			n++;
		}
	}
	tx->extras_pending = 0;
	return n;
}
