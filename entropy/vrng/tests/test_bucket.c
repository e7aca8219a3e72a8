// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "ent_test.h"
#include "vrng_bucket.h"

#define MS 1000000ULL

ENT_TEST(bucket_unlimited_grants_all)
{
	struct vrng_bucket b;

	ENT_ASSERT(vrng_bucket_init(&b, 0, 0, 0) == 0);
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 4096, 0), 4096);
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 4096, 0), 4096);
	ENT_EXPECT_EQ(b.throttled, 0);
}

ENT_TEST(bucket_starts_full_then_throttles)
{
	struct vrng_bucket b;

	ENT_ASSERT(vrng_bucket_init(&b, 1000, 4000, 0) == 0);
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 2000, 0), 2000);
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 3000, 0), 2000);	/* part */
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 2000, 0), 0);
	ENT_EXPECT_EQ(b.throttled, 2);
	/* less than the least part is no part; a small request is whole */
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 2000, 500 * MS), 0);
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 64, 500 * MS), 64);
}

/* Over a long run of small clock steps the rate holds. */
ENT_TEST(bucket_long_run_rate_is_exact)
{
	struct vrng_bucket b;
	u64 t, got = 0;

	ENT_ASSERT(vrng_bucket_init(&b, 65536, 4096, 0) == 0);
	vrng_bucket_take(&b, 4096, 0);			/* drain the burst */
	for (t = 7 * MS; t <= 10000 * MS; t += 7 * MS)	/* 10 s, 7 ms steps */
		got += vrng_bucket_take(&b, 4096, t);
	/* 65536 B/s for the 9.996 s covered, less a last unfinished request */
	ENT_EXPECT(got > 655097 - 4096 && got <= 655098);
}

ENT_TEST(bucket_caps_idle_refill_at_burst)
{
	struct vrng_bucket b;

	ENT_ASSERT(vrng_bucket_init(&b, 100, 1500, 0) == 0);
	vrng_bucket_take(&b, 1500, 0);
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 10000, 3600000 * MS), 1500);
	/* a clock that steps back refills nothing and breaks nothing */
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 10, 1 * MS), 0);
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 10, 3600000 * MS + 100 * MS), 10);
}

ENT_TEST(bucket_refuses_rates_beyond_its_math)
{
	struct vrng_bucket b;

	ENT_EXPECT_EQ(vrng_bucket_init(&b, VRNG_BUCKET_MAX_RATE + 1, 0, 0),
		      -EINVAL);
	ENT_EXPECT_EQ(vrng_bucket_init(&b, 1, VRNG_BUCKET_MAX_RATE + 1, 0),
		      -EINVAL);
	ENT_ASSERT(vrng_bucket_init(&b, VRNG_BUCKET_MAX_RATE, 0, 0) == 0);
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 1, ~0ULL), 1);
}

/*
 * How long a held request waits: until the least grant is there, a
 * second at most.
 */
ENT_TEST(bucket_wait_is_until_the_least_grant)
{
	struct vrng_bucket b;
	u64 w;

	ENT_ASSERT(vrng_bucket_init(&b, 1000, 4000, 0) == 0);
	ENT_EXPECT_EQ(vrng_bucket_wait_ns(&b, 4096, 0), 0);
	vrng_bucket_take(&b, 4096, 0);			/* 4000: all */
	w = vrng_bucket_wait_ns(&b, 4096, 0);
	ENT_EXPECT_EQ(w, 1000 * MS);			/* a second's worth */
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 4096, w - 1), 0);
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 4096, w), 1000);
	ENT_EXPECT_EQ(vrng_bucket_wait_ns(&b, 16, w), 16 * MS);	/* small: whole */
	ENT_EXPECT_EQ(vrng_bucket_wait_ns(&b, 16, w + 16 * MS), 0);
}

/* A request larger than the burst is served in parts, never starved. */
ENT_TEST(bucket_small_burst_never_starves)
{
	struct vrng_bucket b;
	u64 w;

	ENT_ASSERT(vrng_bucket_init(&b, 100, 10, 0) == 0);
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 4096, 0), 10);
	w = vrng_bucket_wait_ns(&b, 4096, 0);
	ENT_EXPECT_EQ(w, 50 * MS);			/* half the burst */
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 4096, w), 5);
}

ENT_TEST(bucket_wait_is_at_most_a_second)
{
	struct vrng_bucket b;

	ENT_ASSERT(vrng_bucket_init(&b, 10, 4096, 0) == 0);
	vrng_bucket_take(&b, 4096, 0);
	ENT_EXPECT_EQ(vrng_bucket_wait_ns(&b, 4096, 0), 1000 * MS);
	ENT_EXPECT_EQ(vrng_bucket_take(&b, 4096, 1000 * MS), 10);
}

static ENT_CASES(vrng_bucket) = {
	ENT_CASE(bucket_unlimited_grants_all),
	ENT_CASE(bucket_starts_full_then_throttles),
	ENT_CASE(bucket_long_run_rate_is_exact),
	ENT_CASE(bucket_caps_idle_refill_at_burst),
	ENT_CASE(bucket_refuses_rates_beyond_its_math),
	ENT_CASE(bucket_wait_is_until_the_least_grant),
	ENT_CASE(bucket_small_burst_never_starves),
	ENT_CASE(bucket_wait_is_at_most_a_second),
	ENT_CASES_END
};

ENT_SUITE(vrng_bucket);
