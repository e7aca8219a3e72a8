/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A token bucket per guest: the backend grants at most rate bytes per
 * second on average, with bursts up to burst bytes. A request is granted
 * whole, or in part only when it is larger than half the burst or a
 * second's worth: a throttled guest costs dom0 one request per request's worth of
 * bytes, not one per few bytes, and waits at most a second. Tokens are kept in
 * nanobytes (bytes * 10^9) so that refills at any rate and any clock
 * granularity lose nothing to rounding.
 */
#ifndef VRNG_BUCKET_H
#define VRNG_BUCKET_H

#include <platform/platform.h>

#define VRNG_BUCKET_MAX_RATE (1024ULL * 1024 * 1024)	/* bytes/s: u64 math */
struct vrng_bucket {
	u64 rate;		/* bytes per second; 0: unlimited */
	u64 burst;		/* bytes */
	u64 tokens_nb;		/* nanobytes available */
	u64 last_ns;
	u64 throttled;		/* takes granted less than asked */
};

int vrng_bucket_init(struct vrng_bucket *b, u64 rate, u64 burst, u64 now_ns);
size_t vrng_bucket_take(struct vrng_bucket *b, size_t want, u64 now_ns);
u64 vrng_bucket_wait_ns(struct vrng_bucket *b, size_t want, u64 now_ns);

#endif
