// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A hostile frontend's requests against the vrng backend's ring logic
 * (entropy/vrng/portable/vrng_ring.c): raw 16-byte requests and a
 * producer index that may run ahead. Whatever comes, the backend writes
 * only inside the page and range a well-formed request named, answers
 * at most one response per request, never credits more than 8 bits per
 * byte it wrote, does no more work than its budget a call, and once
 * broken stays broken (and answers nothing more).
 */
#include "fuzz.h"
#include "vrng_ring.h"

#define BUDGET 16

static unsigned int produced;

static int fz_produce(void *ctx, u8 *buf, unsigned int len, u32 *credited,
		      u16 *health)
{
	const u8 *mode = ctx;

	if (*mode == 1)
		return -EBUSY;		/* rate limited: held */
	if (*mode == 2)
		return -EAGAIN;		/* not seeded */
	memset(buf, 0xa5, len);
	*credited = 8 * len;
	*health = 0;
	produced += len;
	return (int)len;
}

static int fz_copy(void *ctx, u32 gref, u16 offset, const u8 *buf,
		   unsigned int len)
{
	(void)ctx;
	(void)buf;
	FUZZ_ASSERT(len <= VRNGIF_PAGE_SIZE && offset + len <= VRNGIF_PAGE_SIZE);
	return gref == 13 ? -EFAULT : 0;	/* one grant the guest revoked */
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const struct vrng_back_ops ops = {
		.produce = fz_produce, .copy_to_guest = fz_copy,
	};
	static u8 page[VRNGIF_PAGE_SIZE] __attribute__((aligned(4096)));
	static u8 bounce[VRNGIF_PAGE_SIZE];
	struct vrngif_sring *s = (struct vrngif_sring *)page;
	static struct vrng_back b;
	RING_IDX prod = 0;
	unsigned int i, n;
	bool notify, more, broken = false;
	u64 requests;
	RING_IDX rsp;
	u8 mode = 0;
	int r;

	if (!size)
		return 0;
	produced = 0;
	memset(page, 0, sizeof(page));
	SHARED_RING_INIT(s);
	vrng_back_init(&b, s, &ops, &mode, bounce, 1 + data[0] * 16);
	data++;
	size--;
	while (size >= 2) {
		mode = data[0] % 4 == 3 ? data[0] % 3 : 0;
		n = 1 + data[1] % 40;
		data += 2;
		size -= 2;
		for (i = 0; i < n && size >= 16; i++, data += 16, size -= 16)
			memcpy(&s->ring[prod++ & (RING_SIZE(&b.ring) - 1)], data, 16);
		s->req_prod = data[-1] < 245 ? prod : prod + 300;
		requests = b.requests + b.malformed;
		rsp = b.ring.rsp_prod_pvt;
		r = vrng_back_process(&b, BUDGET, &notify, &more);
		/* a response for each request taken, no more than the budget */
		FUZZ_ASSERT(b.ring.rsp_prod_pvt - rsp <= BUDGET);
		FUZZ_ASSERT(b.requests + b.malformed - requests == b.ring.rsp_prod_pvt - rsp);
		FUZZ_ASSERT(r < 0 || (unsigned int)r == b.ring.rsp_prod_pvt - rsp);
		/* no answer credits more than 8 bits a byte, nor in all */
		for (; rsp != b.ring.rsp_prod_pvt; rsp++) {
			const struct vrngif_response *a = &s->ring[rsp & (RING_SIZE(&b.ring) - 1)].rsp;

			FUZZ_ASSERT(a->credited <= 8U * a->len);
		}
		FUZZ_ASSERT(b.credited <= 8ULL * b.bytes && b.bytes <= produced);
		if (broken)
			FUZZ_ASSERT(b.broken != VRNG_OK && b.ring.rsp_prod_pvt == rsp);
		broken = b.broken != VRNG_OK;
		prod = s->req_prod;
	}
	return 0;
}
