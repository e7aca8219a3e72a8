// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libxnfront: see libxnfront.h. The ring logic is netfront/portable's;
 * this file is the handshake with netback, the buffers and their grants.
 */
#include "libxnfront.h"

/* XenbusState values (Xen's io/xenbus.h), as xenstore writes them. */
enum {
	XNF_XB_UNKNOWN,
	XNF_XB_INITIALISING,
	XNF_XB_INITWAIT,
	XNF_XB_INITIALISED,
	XNF_XB_CONNECTED,
	XNF_XB_CLOSING,
	XNF_XB_CLOSED,
};

#define XNF_RX_MASK (XNF_RX_RING_SIZE - 1)

static int xnf_fail(struct xnfront *f, int err, const char *why)
{
	f->error = why;
	return err;
}

static int xnf_read_uint(struct xnfront *f, const char *dir, const char *key,
			 unsigned long max, unsigned long *out)
{
	return plat_xs_read_uint(f->port, f->ctx, dir, key, max, out);
}

static int xnf_write_uint(struct xnfront *f, const char *key, u32 v)
{
	return plat_xs_write_uint(f->port, f->ctx, f->node, key, v);
}

static int xnf_set_state(struct xnfront *f, int state)
{
	int err = xnf_write_uint(f, "state", (u32)state);

	if (!err)
		f->state = state;
	return err;
}

static int xnf_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "00:16:3e:01:02:03", exactly. */
static int xnf_parse_mac(const char *s, u8 mac[6])
{
	unsigned int i;

	for (i = 0; i < 6; i++) {
		int hi = xnf_hex(s[3 * i]), lo = hi < 0 ? -1 : xnf_hex(s[3 * i + 1]);

		if (lo < 0 || s[3 * i + 2] != (i < 5 ? ':' : '\0'))
			return -EINVAL;
		mac[i] = (u8)(hi << 4 | lo);
	}
	return 0;
}

int xnfront_init(struct xnfront *f, const struct plat_xen_port *port,
		 void *ctx, const char *node,
		 const struct xnfront_pages *pages)
{
	char buf[24];
	unsigned long id;

	memset(f, 0, sizeof(*f));
	f->port = port;
	f->ctx = ctx;
	if (!pages->tx_ring || !pages->rx_ring || !pages->n_tx ||
	    pages->n_tx > XNFRONT_TX_BUFS_MAX / 2 || !pages->n_rx ||
	    pages->n_rx > XNFRONT_RX_BUFS_MAX)
		return xnf_fail(f, -EINVAL, "ring pages, or 1..128 TX and 1..256 RX pages");
	f->pages = *pages;
	if (plat_strnlen(node, XNFRONT_PATH_MAX) == XNFRONT_PATH_MAX)
		return xnf_fail(f, -ENAMETOOLONG, "node path too long");
	memcpy(f->node, node, plat_strnlen(node, XNFRONT_PATH_MAX) + 1);
	if (plat_xs_read(port, ctx, node, "backend", f->backend,
			 sizeof(f->backend)) || !f->backend[0])
		return xnf_fail(f, -ENOENT, "no backend key");
	if (xnf_read_uint(f, node, "backend-id", 0x7fef, &id))
		return xnf_fail(f, -EINVAL, "backend-id missing or malformed");
	f->backend_id = (u16)id;
	if (plat_xs_read(port, ctx, node, "mac", buf, sizeof(buf)) ||
	    xnf_parse_mac(buf, f->mac))
		return xnf_fail(f, -EINVAL, "mac missing or malformed");
	if (xnf_set_state(f, XNF_XB_INITIALISING))
		return xnf_fail(f, -EIO, "cannot write state");
	return 0;
}

/* Every grant and the event channel back; only once the backend let go. */
static void xnf_release(struct xnfront *f)
{
	unsigned int i;

	if (!f->shared)
		return;
	f->port->evtchn_close(f->ctx, f->evtchn);
	for (i = 0; i < f->pages.n_rx; i++)
		f->port->ungrant(f->ctx, f->rx_ref[i]);
	for (i = 0; i < f->pages.n_tx; i++)
		f->port->ungrant(f->ctx, f->tx_ref[i]);
	f->port->ungrant(f->ctx, f->rx_ring_ref);
	f->port->ungrant(f->ctx, f->tx_ring_ref);
	f->shared = false;
	f->connected = false;
}

static int xnf_grant(struct xnfront *f, void *page, u32 *ref)
{
	int err = f->port->grant(f->ctx, f->backend_id, page, ref);

	if (!err)
		f->stats.grants++;
	return err;
}

/*
 * A free RX page goes to the slot posted next whenever that slot is
 * empty: with fewer pages than slots, the pages go round the ring, each
 * keeping the grant it got at connect.
 */
static void xnf_rx_refill(struct xnfront *f)
{
	for (;;) {
		RING_IDX i = f->rx.ring.req_prod_pvt;
		u16 id = i & XNF_RX_MASK;

		if (i - f->rx.ring.rsp_cons >= XNF_RX_RING_SIZE)
			break;
		if (f->rx.state[id] == XNF_RX_EMPTY) {
			u16 page;

			if (!f->rx_nfree)
				break;
			page = f->rx_free[--f->rx_nfree];
			f->rx_page_of[id] = page;
			xnf_rx_give(&f->rx, id, f->rx_ref[page]);
		}
		if (!xnf_rx_fill(&f->rx))
			break;
	}
}

static int xnf_share(struct xnfront *f)
{
	unsigned int i, n;
	int err = 0;

	memset(f->pages.tx_ring, 0, XNF_PAGE_SIZE);
	memset(f->pages.rx_ring, 0, XNF_PAGE_SIZE);
	xnf_tx_init(&f->tx, f->pages.tx_ring);
	xnf_rx_init(&f->rx, f->pages.rx_ring);
	for (n = 0; n < 2 + f->pages.n_tx + f->pages.n_rx; n++) {
		if (n == 0)
			err = xnf_grant(f, f->pages.tx_ring, &f->tx_ring_ref);
		else if (n == 1)
			err = xnf_grant(f, f->pages.rx_ring, &f->rx_ring_ref);
		else if (n < 2 + f->pages.n_tx)
			err = xnf_grant(f, f->pages.tx[n - 2], &f->tx_ref[n - 2]);
		else
			err = xnf_grant(f, f->pages.rx[n - 2 - f->pages.n_tx],
					&f->rx_ref[n - 2 - f->pages.n_tx]);
		if (err)
			break;
	}
	if (!err)
		err = f->port->evtchn_alloc(f->ctx, f->backend_id, &f->evtchn);
	if (err) {
		/* nothing was offered: every grant made goes back */
		for (i = 0; i < n; i++)
			f->port->ungrant(f->ctx, i == 0 ? f->tx_ring_ref :
					 i == 1 ? f->rx_ring_ref :
					 i < 2 + f->pages.n_tx ? f->tx_ref[i - 2] :
					 f->rx_ref[i - 2 - f->pages.n_tx]);
		return xnf_fail(f, err, "cannot grant the rings and buffers");
	}
	f->shared = true;
	xnf_txbuf_init(&f->txb, 2 * f->pages.n_tx);
	f->rx_nfree = f->pages.n_rx;
	for (i = 0; i < f->rx_nfree; i++)
		f->rx_free[i] = (u16)(f->rx_nfree - 1 - i);
	xnf_rx_refill(f);
	xnf_rx_push(&f->rx);
	return 0;
}

static int xnf_read_be(void *ctx, const char *key, char *buf, size_t len)
{
	struct xnfront *f = ctx;

	return plat_xs_read(f->port, f->ctx, f->backend, key, buf, len);
}

static int xnf_write_fe(void *ctx, const char *key, const char *value)
{
	struct xnfront *f = ctx;

	return plat_xs_write(f->port, f->ctx, f->node, key, value);
}

/*
 * What netback offers, then what we ask (netfront/portable/xnf_keys.c):
 * one queue, one event channel, scatter-gather if offered, no GSO, and
 * complete checksums both ways, so the host's stack needs no offload
 * support.
 */
static int xnf_negotiate(struct xnfront *f)
{
	static const struct xnf_want want = { .queues = 1, .sg = true };
	struct xnf_offer offer;
	int err = xnf_offer_read(&offer, xnf_read_be, f);

	if (err == -EPROTO)
		return xnf_fail(f, err, "backend offers no feature-rx-copy");
	if (err)
		return xnf_fail(f, err, "cannot read the backend's features");
	xnf_plan_make(&offer, &want, &f->plan);
	return 0;
}

/* The keys, then Connected (netback connects when it reads that). */
static int xnf_offer(struct xnfront *f)
{
	struct xnf_queue_keys q = {
		.tx_ring_ref = f->tx_ring_ref, .rx_ring_ref = f->rx_ring_ref,
		.evtchn_tx = f->evtchn,
	};

	if (xnf_plan_write(&f->plan, &q, xnf_write_fe, f) ||
	    xnf_set_state(f, XNF_XB_CONNECTED))
		return xnf_fail(f, -EIO, "cannot write the frontend's keys");
	return 0;
}

int xnfront_step(struct xnfront *f)
{
	unsigned long be;

	if (xnf_read_uint(f, f->backend, "state", XNF_XB_CLOSED, &be))
		be = XNF_XB_UNKNOWN;	/* gone or garbage: as good as closed */
	switch (be) {
	case XNF_XB_INITWAIT:
		if (f->state != XNF_XB_INITIALISING)
			return 0;
		if (xnf_negotiate(f) || xnf_share(f))
			return xnf_set_state(f, XNF_XB_CLOSED) ?: -EIO;
		if (xnf_offer(f)) {
			xnf_release(f);	/* offered, but not connected: the */
			xnf_set_state(f, XNF_XB_CLOSED);	/* backend maps on Connected */
			return -EIO;
		}
		return 0;
	case XNF_XB_CONNECTED:
		if (f->state == XNF_XB_CONNECTED && f->shared && !f->connected) {
			f->connected = true;
			/* the RX buffers were posted before the backend looked */
			f->port->evtchn_notify(f->ctx, f->evtchn);
			f->stats.events_sent++;
		}
		return 0;
	case XNF_XB_CLOSING:
		f->connected = false;
		if (f->state == XNF_XB_CONNECTED)
			return xnf_set_state(f, XNF_XB_CLOSING);
		return 0;
	case XNF_XB_INITIALISING:
	case XNF_XB_INITIALISED:
		return 0;
	default:
		/* Closed, unknown or gone: it maps nothing now; start over */
		xnf_release(f);
		if (f->state != XNF_XB_INITIALISING && f->state != XNF_XB_CLOSED)
			return xnf_set_state(f, XNF_XB_INITIALISING);
		return 0;
	}
}

static void xnf_tx_done(void *ctx, void *token, int status)
{
	struct xnfront *f = ctx;

	if (status != XEN_NETIF_RSP_OKAY)
		f->stats.tx_errors++;
	xnf_txbuf_put(&f->txb, xnf_txbuf_first(token));
}

static int xnf_broken(struct xnfront *f)
{
	f->connected = false;
	f->error = f->tx.broken ? xnf_bad_name(f->tx.broken) :
				  xnf_bad_name(f->rx.broken);
	xnf_set_state(f, XNF_XB_CLOSING);	/* pages stay the backend's */
	return -EIO;
}

int xnfront_poll(struct xnfront *f)
{
	int n, total = 0, rounds;

	if (!f->connected)
		return f->shared && (f->tx.broken || f->rx.broken) ? -EIO : 0;
	/* twice at most: once more if answers came while arming */
	for (rounds = 0; rounds < 2; rounds++) {
		n = xnf_tx_collect(&f->tx, XNF_TX_RING_SIZE, xnf_tx_done, f);
		if (n < 0)
			return xnf_broken(f);
		total += n;
		if (!xnf_tx_arm(&f->tx))
			break;
	}
	return total;
}

int xnfront_send(struct xnfront *f, const void *frame, size_t len)
{
	struct xnf_seg segs[XNF_MAX_SLOTS];
	struct xnf_tx_pkt pkt = { .segs = segs };
	u16 b[XNF_MAX_SLOTS];
	unsigned int n, k;
	int err;

	if (!f->connected)
		return xnf_fail(f, -ENOTCONN, "not connected");
	if (!len || len > XEN_NETIF_MAX_TX_SIZE)
		return xnf_fail(f, -EINVAL, "frame length");
	n = (unsigned int)((len + XNF_TXBUF_SIZE - 1) / XNF_TXBUF_SIZE);
	if (n > XNF_MAX_SLOTS || (n > 1 && !f->plan.sg))
		return xnf_fail(f, -EMSGSIZE,
				"frame needs more slots than the backend takes");
	if (f->txb.nfree < n || !xnf_tx_room(&f->tx, n, false)) {
		if (xnfront_poll(f) < 0)
			return -EIO;
		if (f->txb.nfree < n || !xnf_tx_room(&f->tx, n, false)) {
			f->stats.tx_full++;
			return xnf_fail(f, -EAGAIN, "no TX room: flush and poll");
		}
	}
	xnf_txbuf_take(&f->txb, n, b);
	for (k = 0; k < n; k++) {
		size_t off = (size_t)k * XNF_TXBUF_SIZE;
		u16 chunk = (u16)(len - off < XNF_TXBUF_SIZE ? len - off : XNF_TXBUF_SIZE);

		memcpy((u8 *)f->pages.tx[b[k] / 2] + (b[k] % 2) * XNF_TXBUF_SIZE,
		       (const u8 *)frame + off, chunk);
		segs[k].gref = f->tx_ref[b[k] / 2];
		segs[k].offset = (u16)((b[k] % 2) * XNF_TXBUF_SIZE);
		segs[k].len = chunk;
	}
	pkt.nsegs = n;
	pkt.token = xnf_txbuf_token(b[0]);
	err = xnf_tx_queue(&f->tx, &pkt);
	if (err) {
		xnf_tx_done(f, pkt.token, XEN_NETIF_RSP_OKAY);
		return err == -EIO ? xnf_broken(f) : xnf_fail(f, err, "queue");
	}
	f->stats.tx_frames++;
	f->stats.tx_bytes += len;
	return 0;
}

int xnfront_flush(struct xnfront *f)
{
	if (!f->connected)
		return xnf_fail(f, -ENOTCONN, "not connected");
	if (xnf_tx_push(&f->tx)) {
		f->port->evtchn_notify(f->ctx, f->evtchn);
		f->stats.events_sent++;
	}
	return 0;
}

/* The packet's buffers out of their slots, to go round the ring again. */
static void xnf_rx_return(struct xnfront *f, const struct xnf_rx_pkt *p)
{
	unsigned int i;
	u32 gref;

	for (i = 0; i < p->nfrags; i++)
		if (!xnf_rx_take(&f->rx, p->frag[i].id, &gref))
			f->rx_free[f->rx_nfree++] = f->rx_page_of[p->frag[i].id];
	if (p->spare != XNF_RX_NO_SPARE && !xnf_rx_take(&f->rx, p->spare, &gref))
		f->rx_free[f->rx_nfree++] = f->rx_page_of[p->spare];
}

/*
 * Posted RX slots handed to the backend. Not after every frame: netback,
 * short of slots, asks for an event at the very next request, so a push
 * per frame costs an event per frame under load; a quarter of the pages
 * at a time (and whenever the ring is empty) keeps it fed with few.
 */
static void xnf_rx_kick(struct xnfront *f)
{
	f->rx_unpushed = 0;
	if (xnf_rx_push(&f->rx)) {
		f->port->evtchn_notify(f->ctx, f->evtchn);
		f->stats.events_sent++;
	}
}

int xnfront_recv(struct xnfront *f, void *buf, size_t len)
{
	unsigned int i, rounds;
	struct xnf_rx_pkt pkt;
	size_t n = 0;
	int r;

	if (!f->connected)
		return f->shared && (f->tx.broken || f->rx.broken) ? -EIO :
		       xnf_fail(f, -ENOTCONN, "not connected");
	/* the next packet; if none, ask for an event and look once more */
	for (rounds = 0; rounds < 2; rounds++) {
		r = xnf_rx_next(&f->rx, &pkt);
		if (r < 0)
			return xnf_broken(f);
		if (r || !xnf_rx_arm(&f->rx))
			break;
	}
	if (!r) {
		if (f->rx_unpushed)
			xnf_rx_kick(f);
		return 0;
	}
	if (pkt.status < 0) {
		f->stats.rx_errors++;
	} else if (pkt.len > len) {
		f->stats.rx_too_big++;
	} else {
		for (i = 0; i < pkt.nfrags; i++) {
			const u8 *page = f->pages.rx[f->rx_page_of[pkt.frag[i].id]];

			memcpy((u8 *)buf + n, page + pkt.frag[i].offset,
			       pkt.frag[i].len);
			n += pkt.frag[i].len;
		}
		f->stats.rx_frames++;
		f->stats.rx_bytes += n;
	}
	xnf_rx_return(f, &pkt);
	xnf_rx_refill(f);
	if (++f->rx_unpushed >= (f->pages.n_rx + 3) / 4)
		xnf_rx_kick(f);
	if (pkt.status < 0)
		return xnf_fail(f, -EAGAIN, "the backend dropped a frame");
	if (pkt.len > len)
		return xnf_fail(f, -EMSGSIZE, "frame larger than the buffer: dropped");
	return (int)n;
}

int xnfront_close(struct xnfront *f)
{
	unsigned long be;

	f->connected = false;
	if (f->shared && !xnf_read_uint(f, f->backend, "state", XNF_XB_CLOSED, &be) &&
	    be == XNF_XB_CONNECTED) {
		xnf_set_state(f, XNF_XB_CLOSING);
		return xnf_fail(f, -EBUSY, "backend still connected: pages left to it");
	}
	xnf_release(f);
	return xnf_set_state(f, XNF_XB_CLOSED) ? -EIO : 0;
}
