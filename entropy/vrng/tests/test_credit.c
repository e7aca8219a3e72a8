// SPDX-License-Identifier: GPL-2.0 OR MIT
#include "ent_test.h"
#include "vrng_credit.h"

static struct vrngif_response okay(u16 len, u32 credited, u16 health)
{
	struct vrngif_response rsp;

	vrng_rsp_build(&rsp, 0, VRNGIF_RSP_OKAY, len, health, credited);
	return rsp;
}

ENT_TEST(credit_passes_each_bit_once)
{
	struct vrng_credit c = { 0 };
	struct vrngif_response rsp = okay(64, 256, 0);

	vrng_credit_add(&c, &rsp, true);
	ENT_EXPECT_EQ(c.balance, 256);
	ENT_EXPECT_EQ(vrng_credit_take_bits(&c, 64, VRNG_QUALITY_FULL), 256);
	ENT_EXPECT_EQ(c.passed, 256);
	ENT_EXPECT_EQ(vrng_credit_take_bits(&c, 64, VRNG_QUALITY_FULL), 0);
	ENT_EXPECT_EQ(c.passed, 256);
}

ENT_TEST(credit_lower_quality_passes_less)
{
	struct vrng_credit c = { 0 };
	struct vrngif_response rsp = okay(64, 512, 0);

	vrng_credit_add(&c, &rsp, true);
	/* the bytes taken spend their bits; the RNG credits a quarter */
	ENT_EXPECT_EQ(vrng_credit_take_bits(&c, 16, 256), 32);
	ENT_EXPECT_EQ(c.passed, 32);
	ENT_EXPECT_EQ(c.balance, 384);
	/* a quality beyond full is treated as full */
	ENT_EXPECT_EQ(vrng_credit_take_bits(&c, 1, 5000), 8);
	ENT_EXPECT_EQ(c.passed, 40);
}

ENT_TEST(credit_untrusted_or_degraded_adds_nothing)
{
	struct vrng_credit c = { 0 };
	struct vrngif_response rsp = okay(64, 256, 0);
	struct vrngif_response sick = okay(64, 256, VRNGIF_HEALTH_DEGRADED);
	struct vrngif_response retry;

	vrng_credit_add(&c, &rsp, false);
	vrng_credit_add(&c, &sick, true);
	vrng_rsp_build(&retry, 0, VRNGIF_RSP_RETRY, 0, 0, 0);
	retry.credited = 99;	/* invalid, but must count for nothing */
	vrng_credit_add(&c, &retry, true);
	ENT_EXPECT_EQ(c.balance, 0);
	ENT_EXPECT_EQ(c.reported, 512);
	ENT_EXPECT_EQ(c.dropped, 512);
	ENT_EXPECT_EQ(c.degraded, 1);	/* the sick answer, counted */
	ENT_EXPECT_EQ(vrng_credit_take_bits(&c, 64, VRNG_QUALITY_FULL), 0);
}

ENT_TEST(credit_degraded_empties_the_account)
{
	struct vrng_credit c = { 0 };
	struct vrngif_response rsp = okay(64, 256, 0);
	struct vrngif_response sick = okay(64, 128, VRNGIF_HEALTH_DEGRADED);

	vrng_credit_add(&c, &rsp, true);
	ENT_EXPECT_EQ(c.balance, 256);
	vrng_credit_add(&c, &sick, true);
	ENT_EXPECT_EQ(c.balance, 0);
	ENT_EXPECT_EQ(c.dropped, 384);
	ENT_EXPECT_EQ(vrng_credit_take_bits(&c, 64, VRNG_QUALITY_FULL), 0);
	/* a healthy answer after it is credited again */
	vrng_credit_add(&c, &rsp, true);
	ENT_EXPECT_EQ(vrng_credit_take_bits(&c, 64, VRNG_QUALITY_FULL), 256);
}

ENT_TEST(credit_balance_is_capped)
{
	struct vrng_credit c = { 0 };
	struct vrngif_response rsp = okay(4096, 8 * 4096, 0);

	vrng_credit_add(&c, &rsp, true);
	vrng_credit_add(&c, &rsp, true);
	ENT_EXPECT_EQ(c.balance, VRNG_CREDIT_MAX_BITS);
	ENT_EXPECT_EQ(c.dropped, 8 * 4096);
}

ENT_TEST(credit_takes_partial_bits_exactly)
{
	struct vrng_credit c = { 0 };
	struct vrngif_response rsp = okay(64, 12, 0);

	vrng_credit_add(&c, &rsp, true);
	/* 12 bits in 64 bytes: all 12, not rounded down to whole bytes */
	ENT_EXPECT_EQ(vrng_credit_take_bits(&c, 64, VRNG_QUALITY_FULL), 12);
	ENT_EXPECT_EQ(c.balance, 0);
	ENT_EXPECT_EQ(c.passed, 12);
}

/* A disconnect drops the balance: no bit is credited on another connection. */
ENT_TEST(credit_forgotten_on_disconnect)
{
	struct vrng_credit c = { 0 };
	struct vrngif_response rsp = okay(64, 256, 0);

	vrng_credit_add(&c, &rsp, true);
	vrng_credit_forget(&c);
	ENT_EXPECT_EQ(c.balance, 0);
	ENT_EXPECT_EQ(c.dropped, 256);
	ENT_EXPECT_EQ(vrng_credit_take_bits(&c, 64, VRNG_QUALITY_FULL), 0);
}

static ENT_CASES(vrng_credit) = {
	ENT_CASE(credit_passes_each_bit_once),
	ENT_CASE(credit_lower_quality_passes_less),
	ENT_CASE(credit_untrusted_or_degraded_adds_nothing),
	ENT_CASE(credit_degraded_empties_the_account),
	ENT_CASE(credit_balance_is_capped),
	ENT_CASE(credit_takes_partial_bits_exactly),
	ENT_CASE(credit_forgotten_on_disconnect),
	ENT_CASES_END
};

ENT_SUITE(vrng_credit);
