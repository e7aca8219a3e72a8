// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "model_netback.h"

void model_init(struct model_netback *m, struct xen_netif_tx_sring *tx,
		struct xen_netif_rx_sring *rx,
		u8 *(*page)(void *ctx, u32 gref), void *ctx)
{
	memset(m, 0, sizeof(*m));
	BACK_RING_INIT(&m->tx, tx, XNF_PAGE_SIZE);
	BACK_RING_INIT(&m->rx, rx, XNF_PAGE_SIZE);
	m->page = page;
	m->ctx = ctx;
}

static int model_refuse(struct model_netback *m, const char *why)
{
	m->error = why;
	return -1;
}

static void model_tx_answer(struct model_netback *m, u16 id, s16 status)
{
	struct xen_netif_tx_response *rsp =
		RING_GET_RESPONSE(&m->tx, m->tx.rsp_prod_pvt++);

	rsp->id = id;
	rsp->status = status;
}

int model_tx_packet(struct model_netback *m, struct model_pkt *p, s16 status)
{
	struct xen_netif_tx_request req[XNF_MAX_SLOTS];
	RING_IDX rc = m->tx.req_cons, rp = m->tx.sring->req_prod;
	unsigned int n = 0, extras = 0, i, rest = 0, pos = 0;
	u16 more;

	plat_rmb();
	if (rc == rp)
		return 0;
	memset(p, 0, sizeof(*p));
	RING_COPY_REQUEST(&m->tx, rc++, &req[n++]);
	more = req[0].flags & XEN_NETTXF_extra_info;
	while (more) {
		struct xen_netif_extra_info extra;

		if (rc == rp)
			return 0;
		memcpy(&extra, RING_GET_REQUEST(&m->tx, rc++), sizeof(extra));
		if (extra.type != XEN_NETIF_EXTRA_TYPE_GSO || !extra.u.gso.size)
			return model_refuse(m, "bad extra info");
		p->gso_type = extra.u.gso.type;
		p->gso_size = extra.u.gso.size;
		more = extra.flags & XEN_NETIF_EXTRA_FLAG_MORE;
		extras++;
	}
	more = req[0].flags & XEN_NETTXF_more_data;
	while (more) {
		if (rc == rp)
			return 0;
		if (n == XNF_MAX_SLOTS)
			return model_refuse(m, "too many slots");
		RING_COPY_REQUEST(&m->tx, rc++, &req[n]);
		rest += req[n].size;
		more = req[n++].flags & XEN_NETTXF_more_data;
	}
	/* the first slot holds what the others do not */
	if (rest > req[0].size)
		return model_refuse(m, "first slot's size below the rest");
	p->len = req[0].size;
	p->slots = n;
	p->flags = req[0].flags & (XEN_NETTXF_csum_blank |
				   XEN_NETTXF_data_validated);
	for (i = 0; i < n; i++) {
		unsigned int len = i ? req[i].size : p->len - rest;

		u8 *page = m->page(m->ctx, req[i].gref);

		if (!page || req[i].offset + len > XNF_PAGE_SIZE)
			return model_refuse(m, "slot not granted or beyond its page");
		memcpy(p->data + pos, page + req[i].offset, len);
		pos += len;
	}
	m->tx.req_cons = rc;
	model_tx_answer(m, req[0].id, status);
	for (i = 0; i < extras; i++)
		RING_GET_RESPONSE(&m->tx, m->tx.rsp_prod_pvt++)->status =
			XEN_NETIF_RSP_NULL;
	for (i = 1; i < n; i++)
		model_tx_answer(m, req[i].id, status);
	return 1;
}

bool model_tx_push(struct model_netback *m)
{
	int notify;

	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&m->tx, notify);
	return notify;
}

int model_rx_packet(struct model_netback *m, const u8 *data,
		    unsigned int len, u16 offset, u16 flags, u16 gso_type,
		    u16 gso_size)
{
	RING_IDX rc = m->rx.req_cons, rp = m->rx.sring->req_prod;
	unsigned int first = XNF_PAGE_SIZE - offset, slots, done = 0, i;

	plat_rmb();
	slots = len <= first ? 1 : 1 + (len - first + XNF_PAGE_SIZE - 1) / XNF_PAGE_SIZE;
	if (rp - rc < slots + (gso_type ? 1 : 0))
		return -1;
	for (i = 0; i < slots; i++) {
		struct xen_netif_rx_request req;
		struct xen_netif_rx_response *rsp;
		unsigned int off = i ? 0 : offset;
		unsigned int chunk = len - done < XNF_PAGE_SIZE - off ?
				     len - done : XNF_PAGE_SIZE - off;

		u8 *page;

		RING_COPY_REQUEST(&m->rx, rc++, &req);
		page = m->page(m->ctx, req.gref);
		if (!page)
			return -1;
		memcpy(page + off, data + done, chunk);
		done += chunk;
		rsp = RING_GET_RESPONSE(&m->rx, m->rx.rsp_prod_pvt++);
		rsp->id = req.id;
		rsp->offset = off;
		rsp->status = chunk;
		rsp->flags = (i ? 0 : flags | (gso_type ? XEN_NETRXF_extra_info : 0)) |
			     (i + 1 < slots ? XEN_NETRXF_more_data : 0);
		if (i == 0 && gso_type) {
			struct xen_netif_extra_info extra;

			memset(&extra, 0, sizeof(extra));
			extra.type = XEN_NETIF_EXTRA_TYPE_GSO;
			extra.u.gso.type = gso_type;
			extra.u.gso.size = gso_size;
			rc++;		/* a request spent on it, as netback does */
			memcpy(RING_GET_RESPONSE(&m->rx, m->rx.rsp_prod_pvt++),
			       &extra, sizeof(extra));
		}
	}
	m->rx.req_cons = rc;
	return 0;
}

bool model_rx_push(struct model_netback *m)
{
	int notify;

	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&m->rx, notify);
	return notify;
}
