// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A hostile backend's responses against the vrng frontend's ring logic
 * (entropy/vrng/portable/vrng_ring.c, vrng_proto.c): requests of known
 * lengths are posted, then the input writes raw 16-byte responses and a
 * producer index. Every answer handed to the caller is for a request in
 * flight, once, no longer than it asked, with at most 8 credited bits a
 * byte; a broken ring stays broken and hands out nothing more.
 */
#include "fuzz.h"
#include "vrng_ring.h"

static u16 asked[VRNG_MAX_PENDING];
static u8 inflight[VRNG_MAX_PENDING];

static void fz_done(void *ctx, const struct vrngif_response *rsp)
{
	unsigned int *answers = ctx;

	FUZZ_ASSERT(rsp->id < VRNG_MAX_PENDING && inflight[rsp->id]);
	inflight[rsp->id] = 0;
	if (rsp->status == VRNGIF_RSP_OKAY) {
		FUZZ_ASSERT(rsp->len <= asked[rsp->id]);
		FUZZ_ASSERT(rsp->credited <= 8U * rsp->len);
	}
	(*answers)++;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static u8 page[VRNGIF_PAGE_SIZE] __attribute__((aligned(4096)));
	struct vrngif_sring *s = (struct vrngif_sring *)page;
	static struct vrng_front f;
	unsigned int i, n, answers = 0, before;
	RING_IDX prod = 0;
	bool notify, broken = false;
	int id, r;

	memset(page, 0, sizeof(page));
	memset(inflight, 0, sizeof(inflight));
	vrng_front_init(&f, s);
	while (size >= 3) {
		/* a round: some requests, some responses, the index claimed */
		n = data[0] % 8;
		for (i = 0; i < n; i++) {
			u16 len = (u16)(1 + (data[1] + i * 37) % 512);

			id = vrng_front_submit(&f, 5, (u16)(i * 64), len, &notify);
			if (id < 0)
				break;
			FUZZ_ASSERT(id < VRNG_MAX_PENDING && !inflight[id]);
			inflight[id] = 1;
			asked[id] = len;
		}
		n = 1 + data[2] % 16;
		data += 3;
		size -= 3;
		for (i = 0; i < n && size >= 16; i++, data += 16, size -= 16)
			memcpy(&s->ring[prod++ & (RING_SIZE(&f.ring) - 1)], data, 16);
		s->rsp_prod = data[-1] < 245 ? prod : prod + 500;
		before = answers;
		r = vrng_front_collect(&f, fz_done, &answers);
		if (broken)
			FUZZ_ASSERT(r < 0 && answers == before);
		broken = f.broken != VRNG_OK;
		prod = s->rsp_prod;
	}
	return 0;
}
