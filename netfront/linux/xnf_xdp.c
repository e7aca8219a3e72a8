// SPDX-License-Identifier: GPL-2.0
/*
 * Native XDP. The program runs on a private copy of the frame, in a
 * page_pool page with XDP_PACKET_HEADROOM before it: the backend cannot
 * change the bytes after the verdict (they are shared memory until
 * copied), netback is not asked for xdp-headroom (which costs a ring
 * slot per packet and a Reconfiguring round trip), and a 64-byte copy is
 * what the copybreak path pays anyway. XDP_TX and ndo_xdp_xmit copy into
 * the TX buffers that stay granted, so each frame goes back to its owner
 * at once and a batch is pushed with one notify.
 */
#include <linux/bpf.h>
#include <linux/bpf_trace.h>
#include <linux/filter.h>
#include <net/page_pool.h>
#include <net/xdp.h>
#include "xnf_linux.h"

/* A frame the program sees fits one page beside headroom and skb tail. */
#define XNF_XDP_MAX_FRAME (PAGE_SIZE - XDP_PACKET_HEADROOM - \
			   SKB_DATA_ALIGN(sizeof(struct skb_shared_info)))

bool xnf_xdp_mtu_ok(unsigned int mtu)
{
	return mtu + ETH_HLEN <= XNF_XDP_MAX_FRAME;
}

int xnf_bpf(struct net_device *net, struct netdev_bpf *bpf)
{
	struct xnf_dev *xd = netdev_priv(net);
	struct bpf_prog *old;

	if (bpf->command != XDP_SETUP_PROG)
		return -EINVAL;
	if (bpf->prog && !xnf_xdp_mtu_ok(net->mtu)) {
		NL_SET_ERR_MSG_MOD(bpf->extack,
				   "MTU too large for XDP: a frame must fit one page");
		return -EOPNOTSUPP;
	}
	/* NAPI reads it under RCU; bpf_prog_put() frees after a grace period */
	old = rcu_replace_pointer(xd->xdp_prog, bpf->prog, lockdep_rtnl_is_held());
	if (old)
		bpf_prog_put(old);
	return 0;
}

/* One frame copied into a TX buffer and queued, not pushed. */
static bool xnf_xdp_queue(struct xnf_queue *q, const void *data,
			  unsigned int len)
{
	struct xnf_seg seg;
	struct xnf_tx_pkt pkt = { .segs = &seg, .nsegs = 1,
				  .gso_type = XEN_NETIF_GSO_TYPE_NONE };
	u16 b;

	lockdep_assert_held(&q->tx_lock);
	if (!q->xd->connected || len < ETH_HLEN || len > XNF_TX_BUF_SIZE ||
	    !xnf_tx_fits(q, 1, false))
		return false;
	xnf_txbuf_take(&q->txb, 1, &b);
	memcpy(page_address(q->tx_page[b]), data, len);
	seg.gref = q->tx_ref[b];
	seg.offset = 0;
	seg.len = len;
	pkt.token = xnf_txbuf_token(b);
	if (xnf_tx_queue(&q->tx, &pkt)) {
		xnf_txbuf_put(&q->txb, b);
		return false;
	}
	q->tx_len[b] = len;
	__set_bit(b, q->tx_xdp);	/* not the stack's: BQL never saw it */
	return true;
}

int xnf_xdp_xmit(struct net_device *net, int n, struct xdp_frame **frames,
		 u32 flags)
{
	struct xnf_dev *xd = netdev_priv(net);
	unsigned int nq = READ_ONCE(xd->nq);
	struct xnf_queue *q;
	unsigned long irqf;
	int sent, i;

	if (unlikely(flags & ~XDP_XMIT_FLAGS_MASK))
		return -EINVAL;
	if (unlikely(!nq))
		return -ENETDOWN;
	q = &xd->q[smp_processor_id() % nq];
	irqf = xnf_tx_lock(q);
	if (unlikely(!xd->connected)) {
		/* the rings are gone or going: nothing of them may be touched */
		q->st.xdp_xmit_full += n;
		xnf_tx_unlock(q, irqf);
		return -ENETDOWN;
	}
	for (sent = 0; sent < n; sent++)
		if (!xnf_xdp_queue(q, frames[sent]->data, frames[sent]->len))
			break;
	q->st.xdp_xmit += sent;
	q->st.xdp_xmit_full += n - sent;
	if (flags & XDP_XMIT_FLUSH)
		xnf_tx_flush(q);
	xnf_tx_keep_up(q);
	xnf_tx_unlock(q, irqf);
	/* copied: the frames are free; the caller frees those not sent */
	for (i = 0; i < sent; i++)
		xdp_return_frame(frames[i]);
	return sent;
}

/* An XDP_PASS frame as an skb around its page, which the pool gets back. */
static struct sk_buff *xnf_xdp_skb(struct xnf_queue *q, struct xdp_buff *xdp,
				   struct page *page)
{
	unsigned int meta = xdp->data - xdp->data_meta;
	struct sk_buff *skb = napi_build_skb(xdp->data_hard_start, PAGE_SIZE);

	if (!skb) {
		page_pool_recycle_direct(q->pp, page);
		q->st.rx_drop_nomem++;
		return NULL;
	}
	skb_reserve(skb, xdp->data - xdp->data_hard_start);
	__skb_put(skb, xdp->data_end - xdp->data);
	if (meta)
		skb_metadata_set(skb, meta);
	skb_mark_for_recycle(skb);
	return skb;
}

/*
 * Frame p through the program. Returns the skb to give the stack
 * (XDP_PASS), or NULL when the frame went elsewhere or was dropped; the
 * slots are the caller's to recycle either way.
 */
struct sk_buff *xnf_xdp_run(struct xnf_queue *q, struct bpf_prog *prog,
			    const struct xnf_rx_pkt *p)
{
	struct net_device *net = q->xd->net;
	struct xdp_frame *xdpf;
	struct xdp_buff xdp;
	unsigned long irqf;
	struct page *page;
	unsigned int i, off;
	bool sent;
	void *va;
	u32 act;

	if (p->len > XNF_XDP_MAX_FRAME) {
		q->st.xdp_drop_large++;	/* GSO from netback: see netfront.rst */
		return NULL;
	}
	page = page_pool_dev_alloc_pages(q->pp);
	if (!page) {
		q->st.rx_drop_nomem++;
		return NULL;
	}
	va = page_address(page);
	for (i = 0, off = XDP_PACKET_HEADROOM; i < p->nfrags; i++) {
		memcpy(va + off, page_address(q->rx_page[p->frag[i].id]) +
		       p->frag[i].offset, p->frag[i].len);
		off += p->frag[i].len;
	}
	xdp_init_buff(&xdp, PAGE_SIZE, &q->xdp_rxq);
	xdp_prepare_buff(&xdp, va, XDP_PACKET_HEADROOM, p->len, true);
	act = bpf_prog_run_xdp(prog, &xdp);
	switch (act) {
	case XDP_PASS:
		q->st.xdp_pass++;
		return xnf_xdp_skb(q, &xdp, page);
	case XDP_TX:
		xdpf = xdp_convert_buff_to_frame(&xdp);
		irqf = xnf_tx_lock(q);
		sent = xdpf && xnf_xdp_queue(q, xdpf->data, xdpf->len);
		xnf_tx_unlock(q, irqf);
		if (!sent)
			goto exception;
		q->st.xdp_tx++;
		q->xdp_tx_owed = true;
		break;		/* copied: the page goes back below */
	case XDP_REDIRECT:
		if (xdp_do_redirect(net, &xdp, prog))
			goto exception;
		q->st.xdp_redirect++;
		q->xdp_redirect_owed = true;
		return NULL;	/* the page is the target's now */
	default:
		bpf_warn_invalid_xdp_action(net, prog, act);
		fallthrough;
	case XDP_ABORTED:
exception:
		trace_xdp_exception(net, prog, act);
		q->st.xdp_aborted++;
		break;
	case XDP_DROP:
		q->st.xdp_drop++;
		break;
	}
	page_pool_recycle_direct(q->pp, page);
	return NULL;
}

/* End of a poll: the XDP_TX batch pushed once, redirects flushed. */
void xnf_xdp_flush(struct xnf_queue *q)
{
	if (q->xdp_tx_owed) {
		unsigned long flags;

		q->xdp_tx_owed = false;
		flags = xnf_tx_lock(q);
		xnf_tx_flush(q);
		xnf_tx_unlock(q, flags);
	}
	if (q->xdp_redirect_owed) {
		q->xdp_redirect_owed = false;
		xdp_do_flush();
	}
}

/*
 * The queue's page pool (XDP copies, and the pages RX slots take when
 * theirs go to the stack) and its XDP RX info, whose memory model owns
 * the pool: xdp_rxq_info_unreg() destroys it.
 */
int xnf_pool_setup(struct xnf_queue *q)
{
	struct page_pool_params pp = {
		.order = 0,
		.pool_size = XNF_RX_RING_SIZE,
		.nid = NUMA_NO_NODE,
	};
	int err;

	q->pp = page_pool_create(&pp);
	if (IS_ERR(q->pp)) {
		err = PTR_ERR(q->pp);
		q->pp = NULL;
		return err;
	}
	err = xdp_rxq_info_reg(&q->xdp_rxq, q->xd->net, q->id,
			       q->napi.napi_id);
	if (err)
		goto fail;
	err = xdp_rxq_info_reg_mem_model(&q->xdp_rxq, MEM_TYPE_PAGE_POOL, q->pp);
	if (err) {
		xdp_rxq_info_unreg(&q->xdp_rxq);
		goto fail;
	}
	return 0;
fail:
	page_pool_destroy(q->pp);
	q->pp = NULL;
	return err;
}

void xnf_pool_free(struct xnf_queue *q)
{
	if (!q->pp)
		return;
	xdp_rxq_info_unreg(&q->xdp_rxq);
	q->pp = NULL;
}
