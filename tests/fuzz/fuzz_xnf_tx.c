// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A hostile netback's TX responses against the portable TX ring logic
 * (netfront/portable/xnf_tx.c): packets of 1 to 18 slots are queued,
 * then the input writes raw responses (4 bytes: any id, any status) and
 * a producer index. Every packet completes at most once and only after
 * it was queued; a broken ring stays broken and completes nothing more
 * until drained.
 */
#include "fuzz.h"
#include "xnf_tx.h"

#define PKTS 64

static u8 completed[PKTS];
static unsigned int completions;

static void tx_done(void *ctx, void *token, int status)
{
	uintptr_t t = (uintptr_t)token;

	(void)ctx;
	(void)status;
	FUZZ_ASSERT(t >= 1 && t <= PKTS);
	FUZZ_ASSERT(!completed[t - 1]);	/* never twice */
	completed[t - 1] = 1;
	completions++;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static u8 page[XNF_PAGE_SIZE] __attribute__((aligned(4096)));
	struct xen_netif_tx_sring *s = (struct xen_netif_tx_sring *)page;
	struct xnf_seg segs[XNF_MAX_SLOTS];
	static struct xnf_tx tx;
	struct xnf_tx_pkt pkt = { .segs = segs };
	unsigned int i, queued = 0, n;
	RING_IDX prod = 0;
	int r;

	memset(page, 0, sizeof(page));
	memset(completed, 0, sizeof(completed));
	completions = 0;
	xnf_tx_init(&tx, s);
	for (i = 0; i < XNF_MAX_SLOTS; i++)
		segs[i] = (struct xnf_seg){ .gref = 7 + i, .offset = 0, .len = 100 };
	/* the first bytes: the packets' sizes in slots */
	while (size && queued < PKTS) {
		pkt.nsegs = 1 + data[0] % XNF_MAX_SLOTS;
		pkt.gso_type = data[0] & 0x80 ? XEN_NETIF_GSO_TYPE_TCPV4 : XEN_NETIF_GSO_TYPE_NONE;
		pkt.gso_size = 1400;
		pkt.token = (void *)(uintptr_t)(queued + 1);
		data++;
		size--;
		if (!xnf_tx_room(&tx, pkt.nsegs, pkt.gso_type != XEN_NETIF_GSO_TYPE_NONE))
			break;
		FUZZ_ASSERT(xnf_tx_queue(&tx, &pkt) == 0);
		queued++;
		if (size && data[0] == 0xff) {	/* the end of the packets */
			data++;
			size--;
			break;
		}
	}
	xnf_tx_push(&tx);
	while (size >= 2) {
		n = 1 + data[0] % 32;
		data += 2;
		size -= 2;
		for (i = 0; i < n && size >= 4; i++, data += 4, size -= 4)
			memcpy(&s->ring[prod++ & (XNF_TX_RING_SIZE - 1)], data, 4);
		s->rsp_prod = data[-1] < 250 ? prod : prod + 1000;
		r = xnf_tx_collect(&tx, XNF_TX_RING_SIZE, tx_done, NULL);
		if (r < 0) {
			FUZZ_ASSERT(tx.broken != XNF_OK);
			n = completions;
			FUZZ_ASSERT(xnf_tx_collect(&tx, XNF_TX_RING_SIZE, tx_done, NULL) < 0);
			FUZZ_ASSERT(completions == n);
			break;
		}
		prod = s->rsp_prod;
	}
	FUZZ_ASSERT(completions <= queued);
	/* whatever the backend did, a drain (after it let go) gives back the rest */
	xnf_tx_drain(&tx, tx_done, NULL);
	FUZZ_ASSERT(completions == queued);
	return 0;
}
