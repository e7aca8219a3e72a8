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
 * The least part of want worth granting: all of it, but no more than half
 * the burst (the bucket must have room to fill on while a request waits,
 * or the rate is lost to the cap) nor a second's worth (no request waits
 * longer than a second).
 */
static u64 vrng_bucket_least(const struct vrng_bucket *b, size_t want)
{
	return plat_min_u64(want, plat_min_u64((b->burst + 1) / 2, b->rate));
}

/*
 * Grants up to want bytes: all of them, a part of at least half the burst
 * or a second's worth when want is larger, or 0 (ask again:
 * vrng_bucket_wait_ns() says when).
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
	if (got < want && got < vrng_bucket_least(b, want))
		got = 0;
	b->tokens_nb -= (u64)got * NS_PER_SEC;
	if (got < want)
		b->throttled++;
	return got;
}

/*
 * Nanoseconds until vrng_bucket_take(want) grants something: 0 when it
 * would now, and never more than a second (the least grant is at most a
 * second's worth).
 */
u64 vrng_bucket_wait_ns(struct vrng_bucket *b, size_t want, u64 now_ns)
{
	u64 need;

	if (!b->rate)
		return 0;
	vrng_bucket_refill(b, now_ns);
	need = vrng_bucket_least(b, want) * NS_PER_SEC;
	if (b->tokens_nb >= need)
		return 0;
	/* round up: woken a nanosecond early, the guest would wait again */
	return plat_div_u64(need - b->tokens_nb + b->rate - 1, (u32)b->rate);
}
