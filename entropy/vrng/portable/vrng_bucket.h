/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A token bucket per guest: the backend grants at most rate bytes per
 * second on average, with bursts up to burst bytes. Tokens are kept in
 * nanobytes (bytes * 10^9) so that refills at any rate and any clock
 * granularity lose nothing to rounding.
 */
#ifndef VRNG_BUCKET_H
#define VRNG_BUCKET_H

#include <platform/platform.h>

#define VRNG_BUCKET_MAX_RATE (1024ULL * 1024 * 1024)	/* bytes/s: u64 math */
/*
 * Part of a request is granted only from this much on: a throttled guest
 * asking again at once must not cost dom0 one request per few bytes.
 */
#define VRNG_BUCKET_MIN_GRANT 1024

struct vrng_bucket {
	u64 rate;		/* bytes per second; 0: unlimited */
	u64 burst;		/* bytes */
	u64 tokens_nb;		/* nanobytes available */
	u64 last_ns;
	u64 throttled;		/* takes granted less than asked */
};

int vrng_bucket_init(struct vrng_bucket *b, u64 rate, u64 burst, u64 now_ns);
size_t vrng_bucket_take(struct vrng_bucket *b, size_t want, u64 now_ns);

#endif
