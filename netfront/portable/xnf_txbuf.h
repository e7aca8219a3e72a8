/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * TX buffers that stay granted: halves of pages granted once per
 * connection, into which frames are copied. A frame takes a chain of
 * buffers; its token (what xnf_tx hands back at completion) names the
 * chain, which goes back whole.
 */
#ifndef XNF_TXBUF_H
#define XNF_TXBUF_H

#include "xnf_netif.h"

#define XNF_TXBUF_SIZE 2048U
#define XNF_TXBUF_MAX XNF_TX_RING_SIZE

struct xnf_txbuf {
	u16 free[XNF_TXBUF_MAX];	/* stack of free buffers */
	u16 next[XNF_TXBUF_MAX];	/* a chain's next; the last, itself */
	unsigned int nfree;
};

/* count buffers, 0..count-1 (buffer b: page b / 2, offset b % 2 halves). */
void xnf_txbuf_init(struct xnf_txbuf *t, unsigned int count);

/* n buffers into b[0..n-1], chained: 0, or -ENOSPC (none taken). */
int xnf_txbuf_take(struct xnf_txbuf *t, unsigned int n, u16 *b);

/* The chain that starts at first, back. */
void xnf_txbuf_put(struct xnf_txbuf *t, u16 first);

/* The buffer after b in its chain; b itself at the chain's end. */
static inline u16 xnf_txbuf_next(const struct xnf_txbuf *t, u16 b)
{
	return t->next[b];
}

static inline void *xnf_txbuf_token(u16 first)
{
	return (void *)(uintptr_t)(first + 1u);	/* never NULL */
}

static inline u16 xnf_txbuf_first(const void *token)
{
	return (u16)((uintptr_t)token - 1u);
}

#endif
