// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "xnf_txbuf.h"

void xnf_txbuf_init(struct xnf_txbuf *t, unsigned int count)
{
	unsigned int i;

	t->nfree = count < XNF_TXBUF_MAX ? count : XNF_TXBUF_MAX;
	for (i = 0; i < t->nfree; i++)
		t->free[i] = (u16)(t->nfree - 1 - i);	/* 0 taken first */
}

int xnf_txbuf_take(struct xnf_txbuf *t, unsigned int n, u16 *b)
{
	unsigned int k;

	if (!n || n > t->nfree)
		return -ENOSPC;
	for (k = 0; k < n; k++) {
		b[k] = t->free[--t->nfree];
		if (k)
			t->next[b[k - 1]] = b[k];
		t->next[b[k]] = b[k];
	}
	return 0;
}

void xnf_txbuf_put(struct xnf_txbuf *t, u16 first)
{
	u16 b = first;

	for (;;) {
		u16 next = t->next[b];

		t->free[t->nfree++] = b;
		if (next == b)
			break;
		b = next;
	}
}
