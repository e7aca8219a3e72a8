// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A hostile netback's RX responses against the portable RX ring logic
 * (netfront/portable/xnf_rx.c): the input is rounds of raw responses
 * (8 bytes each, ids, offsets, flags, status and extra-info slots as the
 * fuzzer likes) and a producer index, possibly far ahead. Whatever
 * comes, every packet handed out is within the ring and its pages, is
 * made of slots that were posted, and once the ring is marked broken it
 * stays broken and hands out nothing.
 */
#include "fuzz.h"
#include "xnf_rx.h"

#define GREF(id) (1000U + (id))

static void rx_check_packet(struct xnf_rx *rx, const struct xnf_rx_pkt *p)
{
	unsigned int i, len = 0;
	u32 gref;

	FUZZ_ASSERT(p->nfrags >= 1 && p->nfrags <= XNF_MAX_SLOTS);
	for (i = 0; i < p->nfrags; i++) {
		FUZZ_ASSERT(p->frag[i].id < XNF_RX_RING_SIZE);
		FUZZ_ASSERT(p->frag[i].offset + p->frag[i].len <= XNF_PAGE_SIZE);
		len += p->frag[i].len;
	}
	FUZZ_ASSERT(p->status < 0 || len == p->len);
	/* the buffers back, each with the grant it was posted with */
	for (i = 0; i < p->nfrags; i++) {
		if (!xnf_rx_take(rx, p->frag[i].id, &gref)) {
			FUZZ_ASSERT(gref == GREF(p->frag[i].id));
			xnf_rx_give(rx, p->frag[i].id, gref);
		}
	}
	if (p->spare != XNF_RX_NO_SPARE && !xnf_rx_take(rx, p->spare, &gref)) {
		FUZZ_ASSERT(p->spare < XNF_RX_RING_SIZE && gref == GREF(p->spare));
		xnf_rx_give(rx, p->spare, gref);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static u8 page[XNF_PAGE_SIZE] __attribute__((aligned(4096)));
	struct xen_netif_rx_sring *s = (struct xen_netif_rx_sring *)page;
	static struct xnf_rx rx;
	struct xnf_rx_pkt pkt;
	RING_IDX prod = 0;
	unsigned int i, k, n;
	bool broken = false;
	int r;

	memset(page, 0, sizeof(page));
	xnf_rx_init(&rx, s);
	for (i = 0; i < XNF_RX_RING_SIZE; i++)
		xnf_rx_give(&rx, (u16)i, GREF(i));
	xnf_rx_fill(&rx);
	xnf_rx_push(&rx);
	while (size >= 2) {
		/* a round: n responses, then the index the backend claims */
		n = 1 + data[0] % 64;
		k = data[1];
		data += 2;
		size -= 2;
		for (i = 0; i < n && size >= 8; i++, data += 8, size -= 8)
			memcpy(&s->ring[prod++ & (XNF_RX_RING_SIZE - 1)], data, 8);
		/* mostly honest; sometimes ahead of what was written */
		s->rsp_prod = k < 240 ? prod : prod + (k - 239) * 97;
		while ((r = xnf_rx_next(&rx, &pkt)) > 0) {
			FUZZ_ASSERT(!broken);
			rx_check_packet(&rx, &pkt);
		}
		if (r < 0) {
			FUZZ_ASSERT(rx.broken != XNF_OK);
			broken = true;
			FUZZ_ASSERT(xnf_rx_next(&rx, &pkt) < 0);
		}
		xnf_rx_fill(&rx);
		xnf_rx_push(&rx);
		prod = s->rsp_prod;
	}
	return 0;
}
