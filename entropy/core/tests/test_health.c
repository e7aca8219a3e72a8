// SPDX-License-Identifier: GPL-2.0
#include "ent_test.h"
#include "ent_health.h"

static const struct ent_health_policy test_policy = {
	.retry_ms = 1000,
	.max_failures = 3,
};

/* Takes a fresh source through its start-up test with good input. */
static void pass_startup(struct ent_health *hs, unsigned int h, u64 *seed)
{
	static u8 buf[ENT_STARTUP_SAMPLES];

	ent_health_init(hs, h, &test_policy);
	ent_test_fill(seed, buf, sizeof(buf));
	ent_health_feed(hs, buf, sizeof(buf), 0);
}

ENT_TEST(health_rejects_bad_h)
{
	struct ent_health hs;

	ENT_EXPECT_EQ(ent_health_init(&hs, 0, &test_policy), -EINVAL);
	ENT_EXPECT_EQ(ent_health_init(&hs, 9, &test_policy), -EINVAL);
	ENT_EXPECT_EQ(ent_health_init(&hs, 8, &test_policy), 0);
}

ENT_TEST(health_rct_cutoff_formula)
{
	/* C = 1 + ceil(30 / H) */
	ENT_EXPECT_EQ(ent_health_rct_cutoff(1), 31);
	ENT_EXPECT_EQ(ent_health_rct_cutoff(2), 16);
	ENT_EXPECT_EQ(ent_health_rct_cutoff(3), 11);
	ENT_EXPECT_EQ(ent_health_rct_cutoff(4), 9);
	ENT_EXPECT_EQ(ent_health_rct_cutoff(7), 6);
	ENT_EXPECT_EQ(ent_health_rct_cutoff(8), 5);
}

ENT_TEST(health_rct_trips_exactly_at_cutoff)
{
	unsigned int h;
	u64 seed = 1;

	for (h = 1; h <= ENT_H_MAX; h++) {
		struct ent_health hs;
		unsigned int i, cutoff = ent_health_rct_cutoff(h);
		u8 stuck;

		pass_startup(&hs, h, &seed);
		ENT_ASSERT(hs.state == ENT_HEALTH_OK);
		stuck = hs.rct_last ^ 0x5a;	/* starts a new run */
		for (i = 1; i < cutoff; i++)
			ENT_EXPECT_EQ(ent_health_feed(&hs, &stuck, 1, 0), 1);
		ENT_EXPECT_EQ(hs.state, ENT_HEALTH_OK);
		ENT_EXPECT_EQ(ent_health_feed(&hs, &stuck, 1, 0), 0);
		ENT_EXPECT_EQ(hs.state, ENT_HEALTH_FAILED);
		ENT_EXPECT_EQ(hs.last_failure, ENT_TEST_RCT);
	}
}

/* Every other sample is the window's first value: no run, heavy bias. */
ENT_TEST(health_apt_trips_on_bias)
{
	unsigned int h;

	for (h = 1; h <= ENT_H_MAX; h++) {
		struct ent_health hs;
		u8 buf[ENT_APT_WINDOW];
		unsigned int i;
		size_t credited;

		ent_health_init(&hs, h, &test_policy);
		for (i = 0; i < sizeof(buf); i++)
			buf[i] = i % 3 ? (u8)(i + 1) : 0xaa;
		credited = ent_health_feed(&hs, buf, sizeof(buf), 0);
		ENT_EXPECT_EQ(credited, 0);
		if (ent_health_apt_cutoff(h) <= (ENT_APT_WINDOW + 2) / 3) {
			ENT_EXPECT_EQ(hs.state, ENT_HEALTH_FAILED);
			ENT_EXPECT_EQ(hs.last_failure, ENT_TEST_APT);
		} else {
			/* 1/3 bias is within what H = 1 and 2 allow */
			ENT_EXPECT_EQ(hs.state, ENT_HEALTH_STARTUP);
		}
	}
}

ENT_TEST(health_good_input_raises_no_alarm)
{
	static u8 buf[4096];
	unsigned int h, round;
	u64 seed = 42;

	for (h = 1; h <= ENT_H_MAX; h++) {
		struct ent_health hs;

		ent_health_init(&hs, h, &test_policy);
		for (round = 0; round < 1000000 / sizeof(buf) + 1; round++) {
			ent_test_fill(&seed, buf, sizeof(buf));
			ent_health_feed(&hs, buf, sizeof(buf), 0);
		}
		ENT_EXPECT_EQ(hs.failures, 0);
		ENT_EXPECT_EQ(hs.state, ENT_HEALTH_OK);
		ENT_EXPECT(hs.samples >= 1000000);
	}
}

ENT_TEST(health_startup_credits_nothing)
{
	static u8 buf[ENT_STARTUP_SAMPLES];
	struct ent_health hs;
	u64 seed = 7;

	ent_health_init(&hs, 8, &test_policy);
	ent_test_fill(&seed, buf, sizeof(buf));
	ENT_EXPECT_EQ(ent_health_feed(&hs, buf, sizeof(buf) - 1, 0), 0);
	ENT_EXPECT_EQ(hs.state, ENT_HEALTH_STARTUP);
	ENT_EXPECT_EQ(ent_health_feed(&hs, buf + sizeof(buf) - 1, 1, 0), 0);
	ENT_EXPECT_EQ(hs.state, ENT_HEALTH_OK);
	ent_test_fill(&seed, buf, 100);
	ENT_EXPECT_EQ(ent_health_feed(&hs, buf, 100, 0), 100);
}

ENT_TEST(health_failure_latches_and_policy_applies)
{
	static u8 good[2048];
	u8 stuck[64] = { 0 };
	struct ent_health hs;
	u64 seed = 9;

	pass_startup(&hs, 8, &seed);
	ent_test_fill(&seed, good, sizeof(good));
	ENT_EXPECT_EQ(ent_health_feed(&hs, stuck, sizeof(stuck), 100), 0);
	ENT_EXPECT_EQ(hs.state, ENT_HEALTH_FAILED);
	ENT_EXPECT_EQ(hs.failures, 1);

	/* Latched: good input before retry_ms is not credited. */
	ENT_EXPECT_EQ(ent_health_feed(&hs, good, sizeof(good), 1099), 0);
	ENT_EXPECT_EQ(hs.state, ENT_HEALTH_FAILED);

	/* After retry_ms a full start-up test runs again. */
	ENT_EXPECT_EQ(ent_health_feed(&hs, good, 1024, 1100), 0);
	ENT_EXPECT_EQ(hs.state, ENT_HEALTH_OK);
	ENT_EXPECT_EQ(ent_health_feed(&hs, good + 1024, 1024, 1100), 1024);

	/* The third failure disables the source until reset. */
	ent_health_feed(&hs, stuck, sizeof(stuck), 2000);
	ent_health_feed(&hs, good, 1024, 3000);
	ent_health_feed(&hs, stuck, sizeof(stuck), 3000);
	ENT_EXPECT_EQ(hs.failures, 3);
	ENT_EXPECT_EQ(hs.state, ENT_HEALTH_DISABLED);
	ENT_EXPECT_EQ(ent_health_feed(&hs, good, sizeof(good), 1000000), 0);
	ent_health_reset(&hs);
	ENT_EXPECT_EQ(hs.state, ENT_HEALTH_STARTUP);
	ENT_EXPECT_EQ(hs.failures, 0);
}

ENT_TEST(degraded_includes_retry_startup)
{
	static u8 good[ENT_STARTUP_SAMPLES];
	u8 stuck[64] = { 0 };
	struct ent_health hs;
	u64 seed = 11;

	ent_health_init(&hs, 8, &test_policy);
	ENT_EXPECT(!ent_health_degraded(&hs));	/* first start-up: not failed */
	pass_startup(&hs, 8, &seed);
	ENT_EXPECT(!ent_health_degraded(&hs));
	ent_health_feed(&hs, stuck, sizeof(stuck), 100);
	ENT_EXPECT(ent_health_degraded(&hs));
	/* retrying: start-up runs again, and until it passes still degraded */
	ent_test_fill(&seed, good, sizeof(good));
	ent_health_feed(&hs, good, sizeof(good) - 1, 1100);
	ENT_EXPECT_EQ(hs.state, ENT_HEALTH_STARTUP);
	ENT_EXPECT(ent_health_degraded(&hs));
	ent_health_feed(&hs, good + sizeof(good) - 1, 1, 1100);
	ENT_EXPECT_EQ(hs.state, ENT_HEALTH_OK);
	ENT_EXPECT(!ent_health_degraded(&hs));
	/* an operator's reset clears it */
	ent_health_feed(&hs, stuck, sizeof(stuck), 2000);
	ent_health_reset(&hs);
	ENT_EXPECT(!ent_health_degraded(&hs));
}

ENT_TEST(health_no_retry_when_disabled_by_policy)
{
	static const struct ent_health_policy never = { 0, 0 };
	u8 stuck[64] = { 0 };
	struct ent_health hs;

	ent_health_init(&hs, 8, &never);
	ent_health_feed(&hs, stuck, sizeof(stuck), 0);
	ENT_EXPECT_EQ(hs.state, ENT_HEALTH_FAILED);
	ent_health_feed(&hs, stuck, 1, ~0ULL);
	ENT_EXPECT_EQ(hs.state, ENT_HEALTH_FAILED);
}

/* A source is never credited more than its H vouches for. */
ENT_TEST(health_max_quality_follows_h)
{
	ENT_EXPECT_EQ(ent_health_max_quality(8), 1024);
	ENT_EXPECT_EQ(ent_health_max_quality(4), 512);
	ENT_EXPECT_EQ(ent_health_max_quality(1), 128);
	ENT_EXPECT_EQ(ent_health_max_quality(0), 0);
}

static ENT_CASES(ent_health) = {
	ENT_CASE(health_max_quality_follows_h),
	ENT_CASE(health_rejects_bad_h),
	ENT_CASE(health_rct_cutoff_formula),
	ENT_CASE(health_rct_trips_exactly_at_cutoff),
	ENT_CASE(health_apt_trips_on_bias),
	ENT_CASE(health_good_input_raises_no_alarm),
	ENT_CASE(health_startup_credits_nothing),
	ENT_CASE(health_failure_latches_and_policy_applies),
	ENT_CASE(degraded_includes_retry_startup),
	ENT_CASE(health_no_retry_when_disabled_by_policy),
	ENT_CASES_END
};

ENT_SUITE(ent_health);
