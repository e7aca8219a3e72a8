// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "vrng_bucket.h"

#define NS_PER_SEC 1000000000ULL

/*
 * Starts full. rate 0 means unlimited; burst 0 means one second's worth.
 * Returns -EINVAL for a rate or burst beyond VRNG_BUCKET_MAX_RATE.
 */
int vrng_bucket_init(struct vrng_bucket *b, u64 rate, u64 burst, u64 now_ns)
{
	if (rate > VRNG_BUCKET_MAX_RATE || burst > VRNG_BUCKET_MAX_RATE)
		return -EINVAL;
	memset(b, 0, sizeof(*b));
	b->rate = rate;
	b->burst = burst ? burst : rate;
	b->tokens_nb = b->burst * NS_PER_SEC;
	b->last_ns = now_ns;
	return 0;
}

static void vrng_bucket_refill(struct vrng_bucket *b, u64 now_ns)
{
	u64 idle = now_ns > b->last_ns ? now_ns - b->last_ns : 0;
	u64 room = b->burst * NS_PER_SEC - b->tokens_nb;

	/* A clock that went backwards refills nothing. */
	b->last_ns = now_ns > b->last_ns ? now_ns : b->last_ns;
	/* Compare times, not products: rate * idle may not fit in u64. */
	if (idle > plat_div_u64(room, (u32)b->rate))
		b->tokens_nb += room;
	else
		b->tokens_nb += plat_min_u64(b->rate * idle, room);
}

/*
 * Grants up to want bytes: all of them, a part of at least
 * VRNG_BUCKET_MIN_GRANT, or 0 (ask again later).
 */
size_t vrng_bucket_take(struct vrng_bucket *b, size_t want, u64 now_ns)
{
	u64 have;
	size_t got;

	if (!b->rate)
		return want;
	vrng_bucket_refill(b, now_ns);
	have = plat_div_u64(b->tokens_nb, (u32)NS_PER_SEC);
	got = (size_t)plat_min_u64(want, have);
	if (got < want && got < VRNG_BUCKET_MIN_GRANT)
		got = 0;
	b->tokens_nb -= (u64)got * NS_PER_SEC;
	if (got < want)
		b->throttled++;
	return got;
}
